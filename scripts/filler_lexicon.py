"""Derive the generic-word lexicon of the filler score (``assistant/data/generic_words.yaml``).

A word is generic when it is spread across most documents of a corpus of official reports — the
national 政府工作报告 (wikisource), the 31 provincial 2026 reports and the sample reports — and is of a
word class that states no particular measure (a verb, an adjective, an adverb, an idiom or an abstract
noun, as jieba's dictionary tags it). Names of things (the head nouns of a system, mechanism, document
or meeting) are left out even when frequent, since they make a sentence concrete when a specific word
modifies them. The product reads only the YAML this script writes; it never reads /work/shared.

    PYTHONPATH=. .venv/bin/python scripts/filler_lexicon.py --shared /work/shared --corpus corpus
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import re
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assistant" / "data" / "generic_words.yaml"
#: jieba classes a generic word may have: verbs, verbal nouns, adjectives, adverbs, idioms, nouns.
CLASSES = {"v", "vn", "vd", "vi", "a", "ad", "an", "d", "i", "l", "n", "b", "j", "nr", "nrfg", "ns", "nz"}
#: share of the government reports (national and provincial together) and of the sample reports (the
#: product's domain) a word must occur in: nouns may name things, so they must be spread wider than
#: verbs, adjectives and adverbs, which state no object of their own
GOV_SHARE = {"noun": 0.4, "verbal": 0.25}
SAMPLE_SHARE = {"noun": 0.8, "verbal": 0.6}
#: idioms (jieba class ``i``) are set phrases; those in this share of the government reports are generic
IDIOM_SHARE = 0.02
#: heads of a named object (a system, mechanism, document, meeting, post, body, place or channel)
HEADS = [
    "制度",
    "机制",
    "清单",
    "会议",
    "例会",
    "办法",
    "规定",
    "条例",
    "方案",
    "规划",
    "纲要",
    "细则",
    "规则",
    "台账",
    "目录",
    "平台",
    "中心",
    "工作站",
    "服务站",
    "室",
    "窗口",
    "热线",
    "专栏",
    "讲堂",
    "课堂",
    "顾问",
    "律师",
    "委员会",
    "小组",
    "中心组",
    "领导小组",
    "联席会议",
    "考试",
    "述法",
    "评议",
    "审查",
    "审核",
    "备案",
    "听证",
    "复议",
    "应诉",
    "调解",
    "宣传日",
    "宣传月",
    "基地",
    "阵地",
    "书屋",
    "长廊",
    "公园",
    "广场",
    "明白人",
    "网格",
    "档案",
    "手册",
    "白皮书",
    "通报",
    "预案",
    "协议",
    "合同",
    "文件",
    "公众号",
    "责任状",
    "责任制",
    "工作群",
    "宣传栏",
]
#: words that name a concrete object on their own (no modifier needed)
OBJECTS = [
    "宣传栏",
    "工作群",
    "台账",
    "责任状",
    "公众号",
    "热线",
    "记录仪",
    "明白人",
    "法律顾问",
    "公职律师",
    "显示屏",
    "举报箱",
    "公开栏",
    "调解室",
    "法律援助",
    "人民调解",
    "网格员",
    "宣传册",
    "读物",
    "专栏",
    "大讲堂",
    "微信群",
]
#: quantity words jieba tags as numerals that say nothing particular
QUALIFIERS = [
    "一系列",
    "全方位",
    "多方位",
    "多层次",
    "多渠道",
    "多形式",
    "全过程",
    "全链条",
    "一批",
    "各项",
    "各类",
]


def _gov_docs(shared: Path) -> list[str]:
    docs: dict[str, str] = {}
    with (shared / "corpora/national-gwr/wikisource_government_work_reports.jsonl").open(
        encoding="utf-8"
    ) as f:
        for line in f:
            row = json.loads(line)
            docs.setdefault(row.get("title", str(len(docs))), row["content"])
    limit = csv.field_size_limit(10**9)
    try:
        for p in sorted((shared / "corpora/provincial-gwr-2026").glob("2026_*.csv")):
            with p.open(encoding="utf-8-sig") as f:
                for r in csv.DictReader(f):
                    docs.setdefault(r["title"] or p.name, r["full_text"])
    finally:
        csv.field_size_limit(limit)
    return list(docs.values())


def _words(text: str, tok, tags: dict[str, str]) -> set[str]:
    out = set()
    for w in tok.lcut(re.sub(r"\s+", "", text), HMM=False):
        if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w) and tags.get(w) in CLASSES:
            out.add(w)
    return out


def _df(docs: list[str], tok, tags) -> Counter:
    df: Counter = Counter()
    for d in docs:
        df.update(_words(d, tok, tags))
    return df


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("/work/shared"))
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    tags = jieba.posseg.dt.word_tag_tab

    gov = _gov_docs(args.shared)
    samples = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    gdf, sdf = _df(gov, tok, tags), _df(samples, tok, tags)
    current = yaml.safe_load(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    heads, qualifiers = current.get("heads", HEADS), current.get("qualifiers", QUALIFIERS)
    objects = current.get("objects", OBJECTS)
    verbal = {"v", "vn", "vd", "vi", "a", "ad", "an", "d", "i", "l"}

    def spread(w: str) -> bool:
        cls = "verbal" if tags.get(w) in verbal else "noun"
        if cls == "noun" and any(w.endswith(h) for h in heads):
            return False
        if tags.get(w) == "i" and gdf[w] + sdf[w] >= IDIOM_SHARE * len(gov):
            return True
        return gdf[w] >= GOV_SHARE[cls] * len(gov) or sdf[w] >= SAMPLE_SHARE[cls] * len(samples)

    words = {w for w in set(gdf) | set(sdf) if spread(w)}
    grammar = yaml.safe_load((ROOT / "assistant/data/metric_phrases.yaml").read_text(encoding="utf-8"))[
        "grammar"
    ]
    official = set(grammar["activity_verbs"]) | set(grammar["count_adverbs"]) | set(grammar["change_verbs"])
    generic = sorted(words | official)
    header = (
        "# Generic words of the filler score (assistant/lang/filler.py), written by scripts/filler_lexicon.py:\n"
        f"# words of {len(gov)} government reports (national + 2026 provincial) and {len(samples)} sample reports,\n"
        f"# spread over >= {GOV_SHARE} of the former or >= {SAMPLE_SHARE} of the latter by word class (idioms: {IDIOM_SHARE}),\n"
        "# (nouns ending in a head below excepted), plus the official verbs and adverbs of metric_phrases.yaml.\n"
        "# heads: named-object heads (a specific word before one makes a sentence concrete) - edited by hand.\n"
        "# objects: words that name a concrete object on their own (宣传栏, 台账) - edited by hand.\n"
        "# qualifiers: generic quantity words jieba tags as numerals (一系列, 全方位) - edited by hand.\n"
    )
    body = yaml.safe_dump(
        {"heads": list(heads), "objects": list(objects), "qualifiers": list(qualifiers), "generic": generic},
        allow_unicode=True,
        default_flow_style=None,
        width=110,
        sort_keys=False,
    )
    args.out.write_text(header + body, encoding="utf-8")
    print(
        f"{len(gov)} government reports, {len(samples)} samples: {len(words)} generic words by spread, "
        f"{len(official - words)} more from metric_phrases.yaml -> {args.out}"
    )


if __name__ == "__main__":
    main()
