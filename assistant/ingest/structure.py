"""Recognise the heading hierarchy of a cleaned report (pure functions, no I/O).

Levels (patterns in :mod:`assistant.lang.numbering`) follow GB/T 9704-2012 §7.3.3: 1 ``一、``
(also ``第X章``, ``第X部分``, ``第X编``), 2 ``（一）``/``(一)``, 3 ``1.``/``1．``/``1、``, 4 ``（1）``/``(1)``. In laws, ``第X条`` is taken as
level 2 (under ``第X章`` at level 1): an article is the unit a reader looks for, and it
nests directly under its chapter (节 are rare in the corpus and are treated as level 2 too).

A numbered line is a heading. It is *stand-alone* when the line is the heading (no end
punctuation, or a single sentence, as in S001's ``（一）……情况。``); it is *run-in* when the
heading sentence (up to and including the first 。！？) is followed by body text on the same
line (``（一）以理论学习提升法治意识。带头认真学习……``). Inline ``一是……二是……`` is never a
heading; neither are ``2023年……``, ``1.5亿元……``, dates or table rows (tab-separated lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.lang.numbering import heading_level, split_heading
from assistant.types import Heading

_MD_RE = re.compile(r"^#{1,6}[ \t]+")  # Markdown heading marks (## 第一章 总则)
_END_PUNCT = "。！？；：，、!?;:,"
TITLE_WORDS = (
    "报告",
    "总结",
    "发言",
    "讲话",
    "汇报",
    "情况",
    "述职",
    "述法",
    "材料",
    "计划",
    "要点",
    "意见",
    "方案",
)


def parse_headings(text: str) -> list[Heading]:
    """Find every heading of a cleaned text (one paragraph per line).

    Args:
        text: cleaned report text.

    Returns:
        Headings in document order, with offsets into ``text``.
    """
    headings: list[Heading] = []
    pos = 0
    for line in text.split("\n"):
        skip = 0
        if line.startswith("#"):
            m = _MD_RE.match(line)
            skip = m.end() if m else 0
        body = line[skip:]
        level = heading_level(body)
        if level:
            head, rest = split_heading(body)
            start = pos + skip
            headings.append(
                Heading(level=level, text=head, start=start, end=start + len(head), run_in=bool(rest))
            )
        pos += len(line) + 1
    if not any(h.level == 1 for h in headings):
        headings = sorted(headings + _unnumbered_parts(text), key=lambda h: h.start)
    return headings


# words of a report's part titles written without 一、 (“十四五”时期工作回顾 / 2026年重点工作)
_PART_WORDS = (
    "回顾",
    "目标任务",
    "重点工作",
    "总体要求",
    "主要任务",
    "工作安排",
    "主要工作",
    "存在的问题",
    "下一步",
    "工作打算",
    "基本情况",
    "工作思路",
)


def _unnumbered_parts(text: str) -> list[Heading]:
    """Part titles on lines of their own without numbering, for a report that has no ``一、`` headings.

    A candidate is a short line (4–24 characters) without punctuation at the end, a colon, a space
    or the word 报告, holding a part word (回顾, 目标任务, 重点工作 …) and followed by a longer
    paragraph. At least two are needed, so one stray line never becomes the only part.
    """
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    found: list[Heading] = []
    for i, line in enumerate(lines[1:], start=1):
        ln = line.strip()
        if (
            not 4 <= len(ln) <= 24
            or ln[-1] in _END_PUNCT
            or "：" in ln
            or ":" in ln
            or " " in ln
            or "　" in ln
        ):
            continue
        if ln.startswith(("—", "-", "（", "(")) or "报告" in ln or not any(w in ln for w in _PART_WORDS):
            continue
        nxt = next((x.strip() for x in lines[i + 1 :] if x.strip()), "")
        if len(nxt) <= len(ln) and not nxt.endswith(("。", "：")):
            continue
        start = starts[i] + line.index(ln)
        found.append(Heading(level=1, text=ln, start=start, end=start + len(ln), run_in=False))
    return found if len(found) >= 2 else []


def _is_title_like(line: str) -> bool:
    return (
        4 <= len(line) <= 60
        and not heading_level(line)
        and line[-1] not in _END_PUNCT
        and not line.startswith(("——", "—", "（", "("))
        and "\t" not in line
    )


def _is_addressee(line: str) -> bool:
    from assistant.ingest.classify import is_addressee

    return is_addressee(line)


def find_title(text: str, headings: list[Heading] | None = None) -> tuple[str, int, int] | None:
    """The report's title: a short unnumbered line without end punctuation before the body.

    Only the lines before the first paragraph (a line ending in punctuation or a long line)
    and before the first heading are considered. Among up to five title-like lines, one
    containing a genre word (报告/总结/发言 …) is preferred.

    Args:
        text: cleaned text.
        headings: its headings (computed when omitted).

    Returns:
        ``(title, start, end)`` or None.
    """
    if headings is None:
        headings = parse_headings(text)
    limit = headings[0].start if headings else len(text)
    pos = 0
    candidates: list[tuple[str, int, int]] = []
    for line in text[:limit].split("\n"):
        if not line:
            pos += 1
            continue
        m = _MD_RE.match(line)
        if m and _is_title_like(line[m.end() :]):
            candidates.append((line[m.end() :], pos, pos + len(line)))
        elif _is_title_like(line):
            candidates.append((line, pos, pos + len(line)))
            if len(candidates) >= 5:
                break
        elif not candidates and _is_addressee(line):
            pass  # a 主送 line (××领导小组办公室：) is not the title; a title may still follow
        elif len(line) > 60 or line[-1] in _END_PUNCT:
            break
        pos += len(line) + 1
    if not candidates:
        return None
    for cand in candidates:
        if any(w in cand[0] for w in TITLE_WORDS):
            return cand
    return candidates[0]


@dataclass
class Section:
    """A node of the section tree: a heading and the sections under it.

    Attributes:
        heading: the heading (None for the root).
        start: offset of the heading in the text.
        end: offset where the section ends (the next heading of the same or a higher level).
        children: nested sections.
    """

    heading: Heading | None
    start: int
    end: int
    children: list[Section] = field(default_factory=list)

    @property
    def path(self) -> list[str]:  # pragma: no cover - convenience
        return [self.heading.text] if self.heading else []


def build_section_tree(headings: list[Heading], text_length: int) -> Section:
    """Nest headings into a tree (a skipped level such as 一、→1. nests directly).

    Args:
        headings: headings in document order.
        text_length: length of the text, the end of the last sections.

    Returns:
        The root section (heading None) spanning the whole text.
    """
    root = Section(heading=None, start=0, end=text_length)
    stack: list[Section] = [root]
    for h in headings:
        while len(stack) > 1 and stack[-1].heading is not None and stack[-1].heading.level >= h.level:
            stack.pop().end = h.start
        node = Section(heading=h, start=h.start, end=text_length)
        stack[-1].children.append(node)
        stack.append(node)
    return root


def section_paths(headings: list[Heading]) -> list[list[Heading]]:
    """For each heading, the chain of headings from the top level down to it.

    Args:
        headings: headings in document order.

    Returns:
        One list per heading, ending with the heading itself.
    """
    stack: list[Heading] = []
    out: list[list[Heading]] = []
    for h in headings:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        stack.append(h)
        out.append(list(stack))
    return out
