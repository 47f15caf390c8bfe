"""Heading and list numbering of Chinese official documents (GB/T 9704-2012 §7.3.3; docs/genres.md).

Levels: 1 ``一、`` (also ``第X章``, ``第X部分``, ``第X编``), 2 ``（一）``/``(一)`` (also ``第X条``/
``第X节``), 3 ``1.``/``1．``/``1、``, 4 ``（1）``/``(1)``. One place for the patterns, the level of
a line, the split of a run-in heading sentence from its body, and the builders (:func:`numbered`).
Used by the structure parser, the slot parser, the drafter, the audit and the exporters.
"""

from __future__ import annotations

import re

from assistant.errors import BadInputError

CN_NUM = "一二三四五六七八九十百零〇两"
"""Characters of a Chinese ordinal as written in headings."""
CN_NUMERALS = "一二三四五六七八九十"
"""Digits 1–10, for building numbers (:func:`cn_number`)."""

L1_RE = re.compile(rf"^(?:[{CN_NUM}]+、|第[{CN_NUM}\d]+(?:章|部分|编))")
L2_RE = re.compile(rf"^(?:[（(][{CN_NUM}]+[）)]|第[{CN_NUM}\d]+[条节])")
L3_RE = re.compile(r"^\d{1,2}(?:[.．](?![\d.．])|、)")
L4_RE = re.compile(r"^[（(]\d{1,2}[）)]")

NUMBERING_PATTERN = r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]"
"""A heading/list number as a regex alternation (一、 （一） （1） 1. 1、)."""
NUMBERING_RE = re.compile(rf"^\s*(?:{NUMBERING_PATTERN})")
"""A line that opens with a heading/list number (also matches a run-in heading sentence)."""
ARABIC_NUMBERING_RE = re.compile(r"(?m)^[ \t\u3000]*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])")
"""Arabic list numbers at the start of a line (``1.`` ``（2）``): ordinals, not figures."""

_SENT_END = "。！？!?"
_OPENERS = "“‘「『《（("
_CLOSERS = "”’」』）)》"


def heading_level(line: str) -> int:
    """The numbering level a line starts with, or 0.

    Args:
        line: one cleaned line (or a heading as written).

    Returns:
        1–4, or 0 when the line does not start with structural numbering (``2023年…``,
        ``1.5亿元``, ``12月4日``, a bare ``2.`` and tab-separated table rows are not headings).
    """
    if not line or "\t" in line:
        return 0
    first = line[0]
    if first in "（(":
        if L4_RE.match(line):
            return 4
        return 2 if L2_RE.match(line) else 0
    if first.isdigit():
        m = L3_RE.match(line)
        if not m or len(line) <= m.end():  # a bare number such as “2.”
            return 0
        nxt = line[m.end()]
        if nxt.isdigit() or nxt in "%％‰年月日号时":
            return 0
        return 3
    if first == "第":
        if L1_RE.match(line):
            return 1
        return 2 if L2_RE.match(line) else 0
    if first in CN_NUM:
        m = L1_RE.match(line)
        if m and m.end() < len(line):
            return 1
    return 0


def numbering_end(line: str) -> int:
    """Where the leading number of ``line`` ends (0 when it has none)."""
    for rx in (L1_RE, L2_RE, L4_RE, L3_RE):
        m = rx.match(line)
        if m:
            return m.end()
    return 0


def strip_numbering(line: str) -> str:
    """``line`` without its leading heading/list number (``一、履职情况`` → ``履职情况``)."""
    return NUMBERING_RE.sub("", line).strip()


def split_heading(line: str) -> tuple[str, str]:
    """Split a numbered line into its heading sentence and the body text run in after it.

    The heading sentence runs from the number to the first 。！？ outside quotes and brackets
    (closing quotes included), as in ``（一）以理论学习提升法治意识。带头认真学习……``.

    Args:
        line: a numbered line or paragraph.

    Returns:
        ``(heading, body)``; ``body`` is ``""`` for a stand-alone heading (then ``heading`` is the
        whole line).
    """
    depth = 0
    for i in range(numbering_end(line), len(line)):
        ch = line[i]
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
        elif ch in _SENT_END and depth == 0:
            j = i + 1
            while j < len(line) and line[j] in _CLOSERS:
                j += 1
            if line[j:].strip():
                return line[:j], line[j:]
            return line, ""
    return line, ""


def cn_number(n: int) -> str:
    """Chinese numeral for 1..99 (一, 十, 十一, 二十三)."""
    if n <= 0 or n >= 100:
        raise BadInputError(f"序号超出范围：{n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_NUMERALS[ones - 1]
    head = "" if tens == 1 else CN_NUMERALS[tens - 1]
    return head + "十" + (CN_NUMERALS[ones - 1] if ones else "")


def numbered(level: int, index: int, text: str) -> str:
    """Heading text with GB/T 9704 numbering: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_number(index)}、{text}"
    if level == 2:
        return f"（{cn_number(index)}）{text}"
    if level == 3:
        return f"{index}.{text}"
    return f"（{index}）{text}"
