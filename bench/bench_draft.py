"""Time to draft a whole report from a loaded index (target ≤ 2 s), per genre, and one chat answer.

Usage: python bench/bench_draft.py [--index index]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from assistant.draft.chat import ask
from assistant.draft.metrics import rows_from_records
from assistant.draft.report import DraftRequest, draft_report
from assistant.index.search import get_searcher
from assistant.settings import load_settings

ROWS = [
    {"指标": "普法宣传活动", "数值": "23", "单位": "场次"},
    {"指标": "普法覆盖人次", "数值": "5600", "单位": "人次"},
    {"指标": "发放宣传资料", "数值": "3000余", "单位": "份"},
    {"指标": "中心组集中学习", "数值": "8", "单位": "次"},
    {"指标": "聘请法律顾问", "数值": "2", "单位": "人"},
    {"指标": "警示教育", "数值": "4", "单位": "次"},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = load_settings(index_dir=args.index)
    t0 = time.perf_counter()
    searcher = get_searcher(settings)
    searcher.search("预热", k=1)
    print(f"load index + embedder: {time.perf_counter() - t0:.2f} s")
    rows = rows_from_records(ROWS)
    for genre in ("述法报告", "法治政府建设年度报告", "工作总结"):
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            draft = draft_report(DraftRequest(genre=genre, rows=rows, org="青山县司法局", year=2024), settings)
            times.append(time.perf_counter() - t)
        print(f"draft {genre}: median {statistics.median(times):.3f} s, max {max(times):.3f} s "
              f"(target ≤ 2 s), {len(draft.missing)} markers, {len(draft.unused)} unused rows")
    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        ask("帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次", settings, year=2024)
        times.append(time.perf_counter() - t)
    print(f"ask (no LLM): median {statistics.median(times):.3f} s, max {max(times):.3f} s (target < 1 s)")


if __name__ == "__main__":
    main()
