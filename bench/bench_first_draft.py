"""The first draft of a fresh process: how long it takes and how often jieba's dictionary is read.

jieba reads its dictionary in two places: the prefix dictionary (``Tokenizer.initialize``, from its
marshal cache) and the tag table (``POSTokenizer.load_word_tag``, the 350 000-line dict.txt). Each
run starts a new Python process, loads the index and the embedder (searched once), then times one
whole draft with a table (the figure sentences and the place-name checks both need jieba) and
counts the dictionary reads of the whole process.

Usage: python bench/bench_first_draft.py [--index index] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, sys, time
import jieba, jieba.posseg
counts = {"initialize": 0, "load_word_tag": 0}
def counted(name, fn):
    def wrapper(self, *a, **k):
        counts[name] += 1
        return fn(self, *a, **k)
    return wrapper
jieba.Tokenizer.initialize = counted("initialize", jieba.Tokenizer.initialize)
jieba.posseg.POSTokenizer.load_word_tag = counted("load_word_tag", jieba.posseg.POSTokenizer.load_word_tag)
counts["load_word_tag"] += 1  # jieba.posseg's own table, read at its import above
from assistant.draft.report import DraftRequest, draft_report
from assistant.draft.tables.metrics import rows_from_records
from assistant.index.search import get_searcher
from assistant.settings import load_settings
settings = load_settings(index_dir=sys.argv[1])
get_searcher(settings).search("预热", k=1)
rows = rows_from_records([
    {"指标": "部务会议专题学法", "数值": "6", "单位": "次"},
    {"指标": "党内法规制度清理", "数值": "18", "单位": "件"},
    {"指标": "干部参加任前法律知识考试", "数值": "212", "单位": "人次"},
    {"指标": "普法宣传活动", "数值": "23", "单位": "场次"},
    {"指标": "矛盾纠纷调解", "数值": "86", "单位": "件"},
])
t = time.perf_counter()
draft_report(DraftRequest(genre="工作总结", rows=rows, org="中共丰源县委组织部", year=2026), settings)
first = time.perf_counter() - t
t = time.perf_counter()
draft_report(DraftRequest(genre="工作总结", rows=rows, org="中共丰源县委组织部", year=2026), settings)
second = time.perf_counter() - t
import resource
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"first": first, "second": second, "rss_mb": rss, **counts}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--index", default="index")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    results = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, args.index], capture_output=True, text=True, check=True
        ).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    for key in ("first", "second", "rss_mb"):
        values = [r[key] for r in results]
        print(
            f"{key}: median {statistics.median(values):.2f} (runs: {', '.join(f'{v:.2f}' for v in values)})"
        )
    print(
        f"dictionary reads per process: initialize {results[0]['initialize']}, tag table {results[0]['load_word_tag']}"
    )


if __name__ == "__main__":
    main()
