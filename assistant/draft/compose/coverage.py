"""What a section's heading promises and its text does not say.

A heading that lists institutions (落实法律顾问、公职律师制度和合法性审查制度情况; 支持人大、政府、政协、
法院、检察院依法依章程履职) promises a word on each. When the past reports give nothing on some of them,
the draft says so with a visible ``【待补充：…】`` marker instead of leaving the gap unseen.
Only ``、`` lists count: a heading's prose (带头学习贯彻…，推进…) names no items.
"""

from __future__ import annotations

import re

from assistant.lang.markers import missing

CLAUSE_SPLIT_RE = re.compile(r"[，,；;：:]")
TAIL_RE = re.compile(r"(?:的)?(?:有关)?情况$")
LAST_SPLIT_RE = re.compile(r"以及|和|及|与")
LEAD_VERB_RE = re.compile(
    r"^(?:严格|认真|全面|切实|带头)?(?:落实|支持|做好|推进|加强|健全|完善|执行|贯彻|自觉接受|开展)"
)
PREDICATE_RE = re.compile(r"(?:依法|依章程|依规|履职|履行|开展|的).*$")
CORE_SUFFIX_RE = re.compile(r"(?:制度|机制|工作)$")
# an item that starts so is an activity or a principle (谋划部署、听取汇报; 从严治党、依规治党), not a listed institution
ACTIVITY_RE = re.compile(r"^(?:谋划|听取|研究|严格|规范|依规|依法|全面|从严|坚持|加强|推进)")
MAX_ITEM = 6


def heading_items(title: str) -> list[tuple[str, list[str]]]:
    """Each ``、`` list of a heading: ``(clause, items)`` with each item's core noun.

    >>> heading_items("严格依法依规决策，落实法律顾问、公职律师制度和合法性审查制度情况")
    [('落实法律顾问、公职律师制度和合法性审查制度', ['法律顾问', '公职律师', '合法性审查'])]
    """
    title = re.sub(r"^[（(][一二三四五六七八九十]+[）)]|^[一二三四五六七八九十]+、", "", title.strip())
    out: list[tuple[str, list[str]]] = []
    for clause in CLAUSE_SPLIT_RE.split(title):
        clause = TAIL_RE.sub("", clause.strip())
        if "、" not in clause:
            continue
        parts = clause.split("、")
        last = [p for p in LAST_SPLIT_RE.split(parts[-1]) if p]
        raw = [LEAD_VERB_RE.sub("", parts[0]), *parts[1:-1], *last[:-1], PREDICATE_RE.sub("", last[-1])]
        items = [CORE_SUFFIX_RE.sub("", p) or p for p in raw]
        if len(items) >= 2 and all(2 <= len(i) <= MAX_ITEM and not ACTIVITY_RE.match(i) for i in items):
            out.append((clause, items))
    return out


def _mentioned(item: str, text: str) -> bool:
    """Whether ``text`` speaks of a heading's item: word for word, or its first and last two characters a
    few apart (合法合规性审查 speaks of 合法性审查: blind read r13 found a second marker asking for it)."""
    if item in text:
        return True
    return (
        len(item) >= 4 and re.search(re.escape(item[:2]) + ".{0,4}" + re.escape(item[-2:]), text) is not None
    )


def uncovered_items(title: str, text: str) -> list[str]:
    """The heading's listed items ``text`` never mentions."""
    return [i for _clause, items in heading_items(title) for i in items if not _mentioned(i, text)]


def covering_sentence(left: list[str], candidates: list[str], said: tuple[str, ...] = ()) -> str:
    """The first of ``candidates`` (the section's own fallback sentences, each with its marker) that
    speaks of every item of ``left`` (:func:`uncovered_items`: 公职律师) and of none of the items ``said``
    already (法律顾问, stated by the figures before it), or ``""``: a sentence that asks for the item reads
    better than a bare 【待补充：公职律师相关情况】 (blind read r25), but one that asks again for what the
    part has said is a repeat (blind read r51: a third sentence on 法律顾问)."""
    if not left:
        return ""
    return next(
        (
            c
            for c in candidates
            if all(_mentioned(i, c) for i in left) and not any(_mentioned(i, c) for i in said)
        ),
        "",
    )


def uncovered_marker(title: str, text: str) -> str:
    """A ``【待补充：…】`` sentence naming the heading's listed items that ``text`` never mentions
    (empty when it mentions each, or the heading lists none)."""
    notes: list[str] = []
    for clause, items in heading_items(title):
        left = [i for i in items if not _mentioned(i, text)]
        if not left:
            continue
        notes.append(f"{clause}情况" if len(left) == len(items) else f"{'、'.join(left)}相关情况")
    return "".join(missing(n) + "。" for n in notes)
