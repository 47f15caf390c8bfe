"""Markdown export of a :class:`~assistant.types.Draft`, plus the layout helpers both exporters share.

The helpers here are pure text functions (the markers and the numbering come from
:mod:`assistant.lang.markers` and :mod:`assistant.lang.numbering`): the blocks in reading order,
how a date is written (2024年3月5日), and which rows go into the appendices (待补充数据清单, 未使用的数据, 材料来源). They do no auditing:
the caller runs the number audit before exporting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from assistant.lang.numbering import heading_level, split_heading
from assistant.types import Draft, Paragraph, SectionDraft

_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_MD_PREFIX = {1: "## ", 2: "### ", 3: "#### ", 4: "##### "}
SNIPPET_CHARS = 18


@dataclass
class Block:
    """One body paragraph in reading order, as both exporters lay it out.

    Attributes:
        kind: ``heading`` (a standalone heading line), ``run_in`` (heading sentence + body in one
            paragraph) or ``text`` (a plain body paragraph).
        level: heading level 1–4 (0 for plain text).
        heading: the heading text (``heading``/``run_in`` blocks), numbering included.
        text: the body text (``text``/``run_in`` blocks).
        paragraph: the drafted paragraph this block came from (for its sources), if any.
        section: the title of the enclosing outline section.
    """

    kind: str
    level: int
    heading: str
    text: str
    paragraph: Paragraph | None = None
    section: str = ""


def format_date_cn(value: str | date) -> str:
    """Write a date the GB/T 9704 way: full year, Arabic numerals, no zero padding.

    Args:
        value: a :class:`datetime.date` or a string such as ``2024-03-05``/``2024年03月05日``.

    Returns:
        ``2024年3月5日``; a string that is not a date comes back unchanged.
    """
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    match = _DATE_RE.match(value)
    if not match:
        return value
    year, month, day = (int(g) for g in match.groups())
    return f"{year}年{month}月{day}日"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _norm(heading: str) -> str:
    return heading.strip().rstrip("。").strip()


def _paragraph_blocks(para: Paragraph, section: SectionDraft) -> Iterator[Block]:
    text = para.text.strip()
    if para.run_in:
        if para.heading:
            head = para.heading.strip()
            body = text[len(head) :] if text.startswith(head) else text
            if not head.endswith("。"):
                head += "。"
        else:
            head, body = split_heading(text)
        level = para.heading_level or heading_level(head.strip()) or section.level + 1
        yield Block("run_in", level, head, body.strip(), para, section.title)
        return
    if para.heading and _norm(para.heading) != _norm(section.title):
        level = para.heading_level or heading_level(para.heading.strip()) or section.level + 1
        yield Block("heading", level, para.heading.strip(), "", None, section.title)
    for line in _lines(text):
        yield Block("text", 0, "", line, para, section.title)


def iter_blocks(draft: Draft) -> Iterator[Block]:
    """The body of a draft (between title and signature) as blocks in reading order.

    A section's title becomes a standalone heading unless its first paragraph is a run-in
    paragraph carrying the same heading sentence (then it is written only once, run-in).

    Args:
        draft: the draft.

    Yields:
        Blocks: the opening, each section's heading and paragraphs, the closing.
    """
    for line in _lines(draft.opening):
        yield Block("text", 0, "", line)
    for section in draft.sections:
        first = section.paragraphs[0] if section.paragraphs else None
        skip_title = False
        if first is not None and first.run_in:
            head = first.heading or split_heading(first.text.strip())[0]
            skip_title = _norm(head) == _norm(section.title)
        if section.title.strip() and not skip_title:
            level = section.level or heading_level(section.title.strip()) or 1
            yield Block("heading", level, section.title.strip(), "", None, section.title)
        for para in section.paragraphs:
            yield from _paragraph_blocks(para, section)
    for line in _lines(draft.closing):
        yield Block("text", 0, "", line)


def signature_lines(draft: Draft) -> list[str]:
    """The 署名/日期 lines, dates normalised to ``2024年3月5日``.

    Args:
        draft: the draft.

    Returns:
        Non-empty signature lines in order.
    """
    return [format_date_cn(line.strip()) for line in draft.signature if line.strip()]


def source_rows(draft: Draft) -> list[str]:
    """One row per drafted paragraph that has sources: where it sits, and where it came from.

    Args:
        draft: the draft.

    Returns:
        Rows like ``（一）…「在……」：党员干部2023年度述法报告 > 一、履职情况 > （一）…；…`` (unnumbered;
        each source named by its document's title, the file's id when it has none).
    """
    rows: list[str] = []
    seen: set[int] = set()
    for block in iter_blocks(draft):
        para = block.paragraph
        if para is None or not para.sources or id(para) in seen:
            continue
        seen.add(id(para))
        snippet = (block.heading + block.text).strip()
        if len(snippet) > SNIPPET_CHARS:
            snippet = snippet[:SNIPPET_CHARS] + "……"
        cites = "；".join(" > ".join(p for p in [s.title or s.doc, *s.section] if p) for s in para.sources)
        place = f"{block.section}「{snippet}」" if block.section else f"「{snippet}」"
        rows.append(f"{place}：{cites}")
    return rows


def appendix_parts(draft: Draft) -> list[tuple[str, list[str]]]:
    """The appendix headings with their rows (outside the 正文).

    Args:
        draft: the draft.

    Returns:
        ``[(title, rows), …]`` for 待补充数据清单, 未使用的数据, 材料来源 and, when the draft
        carries flags, 审核提示. Empty lists are kept so the reader sees “（无）”.
    """
    parts: list[tuple[str, list[str]]] = [
        ("附：待补充数据清单", [m for m in draft.missing if m.strip()]),
        ("附：未使用的数据", [u for u in draft.unused if u.strip()]),
        ("附：材料来源", source_rows(draft)),
    ]
    if draft.derived:
        parts.append(
            (
                "附：派生数据及计算公式",
                [
                    f"{d.label}：{d.text}（{d.formula}）" if d.label else f"{d.text}（{d.formula}）"
                    for d in draft.derived
                ],
            )
        )
    if draft.flags:
        parts.append(("附：审核提示", [f"{f.text}（{f.reason}）" for f in draft.flags]))
    return parts


def export_markdown(draft: Draft, appendix: bool = True) -> str:
    """Render a draft as Markdown: the report body, then the appendices after a ``---`` rule.

    Level-1 headings become ``## 一、…``, level 2 ``### （一）…``, levels 3–4 ``####``/``#####``;
    run-in headings are bold at the start of their paragraph. Markers are kept as written.

    Args:
        draft: the draft to render (already audited by the caller).
        appendix: append 待补充数据清单, 未使用的数据 and 材料来源 after a ``---`` rule.

    Returns:
        The Markdown text, ending with a newline.
    """
    out: list[str] = [f"# {draft.title.strip()}"]
    for block in iter_blocks(draft):
        if block.kind == "heading":
            out.append(_MD_PREFIX.get(block.level, "##### ") + block.heading)
        elif block.kind == "run_in":
            out.append(f"**{block.heading}**{block.text}")
        else:
            out.append(block.text)
    sign = signature_lines(draft)
    if sign:
        out.append("  \n".join(sign))
    if appendix:
        out.append("---")
        for title, rows in appendix_parts(draft):
            out.append(f"## {title}")
            out.append("\n".join(f"{i}. {row}" for i, row in enumerate(rows, 1)) if rows else "（无）")
    return "\n\n".join(out) + "\n"
