"""Mine scope candidates (issue 18): words and phrases that occur only in documents of some kinds or levels.

Reads the five samples of ``corpus/`` (kind and level from ``meta.yaml`` through the corpus-document
profile of ``assistant/lang/bodies.py``), any folder given with ``--corpus`` (e.g. ../shared/seeds) and
the 31 provincial 政府工作报告 (``--provincial``: ../shared/corpora/provincial-gwr-2026, all of them
人民政府/省). Each document is cut into words by jieba (its shipped dictionary) plus the quoted names
(“法治进村”, “安全生产月”) and campaign names (…月/周/日/行动). A candidate is a word that occurs in
documents of one group (kind/level) only, at least ``--min`` times, and is either a word of grassroots
work (村, 户, 网格, 赶集 …), a campaign, or a department's business word (``data/business.yaml``
``departments`` and the department names of ``bodies.yaml``). Printed with counts per group so a
reviewer turns the real ones into ``scope:`` entries of ``bodies.yaml`` (with ``cases:``).

Not in the product path: the product ships the reviewed entries, never reads ../shared.

Usage: python bench/mine_scope.py [--corpus DIR ...] [--provincial DIR] [--min 1] [--top 60]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.lang.bodies import detect_document_body  # noqa: E402
from assistant.lang.body_model import bodies  # noqa: E402

#: Characters and words that mark grassroots work (a village's, a household's, a market day's).
GRASSROOTS_RE = re.compile(
    r"村|户|网格|赶集|集市|圩|农家|屋场|院坝|田间|宣传栏|板报|喇叭|广播站|组干部|两委|小区|楼栋"
)
#: A campaign: a quoted name ending in 月/周/日/行动/活动, or a day (3·15, 12·4).
CAMPAIGN_RE = re.compile(r"“([^”]{2,12}(?:月|周|日|行动))”|(\d{1,2}[·.]\d{1,2})")
#: An unquoted campaign after a listing mark or 利用/结合/借助: 安全生产宣传月、禁毒宣传日.
BARE_CAMPAIGN_RE = re.compile(
    r"(?:利用|结合|借助|围绕|、|以)([\u4e00-\u9fff]{2,6}?(?:宣传)?(?:月|周|日))(?=[、等和及，期])"
)
QUOTED_RE = re.compile(r"“([^”]{2,12})”")
COMMON_STEMS = {"教育", "财政", "统计", "民政", "组织", "宣传"}
KEEP_TAGS = {"n", "nz", "vn", "l", "i", "nt", "j", "v"}


def documents(corpora: list[Path], provincial: Path | None) -> list[tuple[str, str, str]]:
    """(name, group, text) for every document: group is ``kind/level`` (+ department)."""
    out = []
    for folder in corpora:
        meta_path = folder / "meta.yaml"
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            entry = (meta or {}).get(path.name) or {}
            profile = detect_document_body(entry.get("title"), text, entry.get("level"))
            group = f"{profile.kind}/{profile.level}"
            if profile.kind in ("政府部门", "党委部门"):
                stems = {d: re.sub(r"(?:委员会办公室|委员会|局|办|部)$", "", d) for d in bodies().departments}
                # a stem that is also a common word of every report (宣传教育) does not tell the department
                found = Counter(
                    {d: text.count(st) for d, st in stems.items() if len(st) >= 2 and st not in COMMON_STEMS}
                )
                group += f"/{found.most_common(1)[0][0] if found else '?'}"
            out.append((path.name, group, text))
    if provincial is not None:
        batch = provincial / "all_provinces_2026.jsonl"
        import json

        for line in batch.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            out.append((doc["province"], "人民政府/省", doc["full_text"]))
    return out


def words_of(text: str) -> Counter[str]:
    """jieba words (content classes, ≥ 2 characters) plus quoted names."""
    import jieba.posseg

    counts: Counter[str] = Counter()
    for w, tag in jieba.posseg.lcut(text):
        if len(w) >= 2 and tag in KEEP_TAGS:
            counts[w] += 1
    for m in QUOTED_RE.finditer(text):
        counts[f"“{m.group(1)}”"] += 1
    for m in BARE_CAMPAIGN_RE.finditer(text):
        counts[f"“{m.group(1)}”"] += 1
    return counts


def business_words() -> dict[str, str]:
    """Each department's business word (business.yaml) and department stem → the department."""
    data = yaml.safe_load((ROOT / "assistant" / "data" / "business.yaml").read_text(encoding="utf-8"))
    out = {w: dept for dept, words in (data.get("departments") or {}).items() for w in words}
    for dept in bodies().departments:
        stem = re.sub(r"(?:委员会办公室|委员会|局|办|部)$", "", dept)
        if len(stem) >= 2:
            out.setdefault(stem, dept)
    return out


def classify(word: str, business: dict[str, str]) -> str | None:
    """Why a word is a candidate: grassroots, campaign, business of a department, or None."""
    if CAMPAIGN_RE.search(word) or re.fullmatch(r"“[^”]{2,10}(?:月|周|日)”", word):
        return "campaign"
    if GRASSROOTS_RE.search(word):
        return "grassroots"
    for w, dept in business.items():
        if w in word:
            return f"business:{dept}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="more sample folders")
    parser.add_argument("--provincial", type=Path, help="folder of the provincial reports (jsonl)")
    parser.add_argument("--min", type=int, default=1, help="least occurrences in its group")
    parser.add_argument("--top", type=int, default=60, help="candidates printed per group and class")
    parser.add_argument("--all", action="store_true", help="also print words of no class")
    args = parser.parse_args()
    docs = documents([ROOT / "corpus", *args.corpus], args.provincial)
    seen_text: set[str] = set()
    per_group: dict[str, Counter[str]] = defaultdict(Counter)
    doc_freq: dict[str, Counter[str]] = defaultdict(Counter)
    sizes: Counter[str] = Counter()
    for _name, group, text in docs:
        if text in seen_text:  # the seeds repeat corpus/
            continue
        seen_text.add(text)
        sizes[group] += 1
        counts = words_of(text)
        per_group[group].update(counts)
        doc_freq[group].update(set(counts))
    groups_of: dict[str, set[str]] = defaultdict(set)
    for group, counts in per_group.items():
        for w in counts:
            groups_of[w].add(group)
    business = business_words()
    print("documents per group: " + ", ".join(f"{g} {n}" for g, n in sorted(sizes.items())))
    total = 0
    for group in sorted(per_group):
        by_class: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        for w, n in per_group[group].items():
            if groups_of[w] != {group} or n < args.min:
                continue
            cls = classify(w, business) or ("other" if args.all else None)
            if cls:
                by_class[cls].append((w, n, doc_freq[group][w]))
        if not by_class:
            continue
        print(f"\n== {group} ({sizes[group]} documents): words found in no other group")
        for cls in sorted(by_class):
            items = sorted(by_class[cls], key=lambda x: (-x[1], x[0]))
            total += len(items)
            shown = "  ".join(f"{w} {n}/{d}" for w, n, d in items[: args.top])
            print(f"  [{cls}] {len(items)}: {shown}")
    print(f"\n{total} candidates (word count/documents) over {len(seen_text)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
