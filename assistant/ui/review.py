"""The 整篇起草 tab's review list: everything the drafter must check, each entry jumping to its place.

:func:`review_items` collects, in reading order, every marker (【待补充】/【待确认】/【待核实】), every
adapted or newly written sentence, every exemplar dropped because it carried another body's facts,
and every audit flag. :func:`anchored_markdown` renders the draft's Markdown (escaped, markers
highlighted) with an invisible anchor before each entry's text, and :func:`review_html` the list
whose entries scroll the draft to those anchors (:data:`REVIEW_JS`). Pure functions, no gradio.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.draft.compose.provenance import marker_note, needs_note
from assistant.export.markdown import iter_blocks, signature_lines
from assistant.lang.markers import CHECK_WORDING, MARKER_RE
from assistant.types import Draft
from assistant.ui.render import mark_placeholders

NEEDLE_CHARS = 14
_RUN_IN_RE = re.compile(r"(?m)^\*\*(.+?)\*\*")
_ANCHOR_BASE = 0xE200  # private-use characters stand in for the anchors while the text is escaped
KIND_LABELS = {
    "missing": "待补充",
    "confirm": "待确认",
    "verify": "待核实",
    "wording": "请核对表述",
    "adapted": "改写",
    "own": "新写",
    "dropped": "已舍弃",
    "flag": "核查",
}


@dataclass
class ReviewItem:
    """One thing to check.

    Attributes:
        kind: ``missing``/``confirm``/``verify`` (markers), ``adapted``/``own`` (sentences),
            ``dropped`` (an exemplar left out) or ``flag`` (the audit).
        where: the section it sits in.
        text: what it is about (the marker, the sentence).
        detail: what to do, or where the sentence came from.
        needle: the text the anchor goes before in the draft ("" when it has no place there).
    """

    kind: str
    where: str
    text: str
    detail: str
    needle: str = ""


def _marker_kind(marker: str) -> str:
    if marker == CHECK_WORDING:
        return "wording"
    return "missing" if marker.startswith("【待补充") else "confirm" if marker == "【待确认】" else "verify"


def _short(heading: str) -> str:
    for mark in "，,。":
        cut = heading.find(mark, 4)
        if cut > 0:
            heading = heading[:cut]
    return heading[:30]


def review_items(draft: Draft) -> list[ReviewItem]:
    """Every marker, adapted/new sentence, dropped exemplar and audit flag of ``draft``, in reading order."""
    items: list[ReviewItem] = []
    for m in MARKER_RE.finditer(draft.title):
        items.append(
            ReviewItem(_marker_kind(m.group(0)), "标题", m.group(0), marker_note(m.group(0)), m.group(0))
        )
    seen: set[int] = set()
    for block in iter_blocks(draft):
        full = block.heading + block.text
        where = _short(block.section or block.heading or "开头")
        found: list[tuple[int, ReviewItem]] = []
        para = block.paragraph
        if para is not None:
            for span in para.spans:
                pos = full.find(span.text) if span.text else -1
                if pos < 0 or span.kind == "reused" or not needs_note(span):
                    continue
                detail = (
                    f"改写自：{span.source.label()}；原句：{span.source.text}"
                    if span.source is not None
                    else "根据您的数据新写的句子，请核对表述。"
                )
                found.append((pos, ReviewItem(span.kind, where, span.text, detail, span.text[:NEEDLE_CHARS])))
            if id(para) not in seen:
                seen.add(id(para))
                for src in para.dropped:
                    found.append(
                        (
                            0,
                            ReviewItem(
                                "dropped",
                                where,
                                src.text,
                                f"含有其他单位的数字或地名，未采用（{src.label()}）",
                                full[:NEEDLE_CHARS],
                            ),
                        )
                    )
        for m in MARKER_RE.finditer(full):
            found.append(
                (
                    m.start(),
                    ReviewItem(
                        _marker_kind(m.group(0)), where, m.group(0), marker_note(m.group(0)), m.group(0)
                    ),
                )
            )
        items.extend(item for _, item in sorted(found, key=lambda f: f[0]))
    for line in signature_lines(draft):
        for m in MARKER_RE.finditer(line):
            items.append(
                ReviewItem(_marker_kind(m.group(0)), "落款", m.group(0), marker_note(m.group(0)), m.group(0))
            )
    for flag in draft.flags:
        items.append(ReviewItem("flag", "核查", flag.text, flag.reason, flag.text[:NEEDLE_CHARS]))
    return items


def anchored_markdown(
    markdown: str, items: list[ReviewItem], mark: Callable[[str], str] = mark_placeholders
) -> tuple[str, list[bool]]:
    """The draft's Markdown, escaped and marker-highlighted, with ``<span id="rv-N">`` before item N.

    ``mark`` escapes the text and highlights it (markers; the web tab also passes derived figures).
    Items are placed in order (each searched from the previous one's place) within the report body;
    the appendix after the ``---`` rule gets no anchors.

    Returns:
        The Markdown (safe for ``gr.Markdown``) and, per item, whether it was placed.
    """
    body_end = markdown.find("\n---\n")
    body_end = len(markdown) if body_end < 0 else body_end
    places: list[tuple[int, int]] = []
    placed: list[bool] = []
    cursor = 0
    for n, item in enumerate(items):
        pos = markdown.find(item.needle, cursor, body_end) if item.needle else -1
        if pos < 0 and item.needle:
            pos = markdown.find(item.needle, 0, body_end)  # out of order (a flag): anywhere in the body
        placed.append(pos >= 0)
        if pos >= 0:
            places.append((pos, n))
            if item.kind != "flag":
                cursor = pos
    text = markdown
    for pos, n in sorted(places, reverse=True):
        text = text[:pos] + chr(_ANCHOR_BASE + n) + text[pos:]
    safe = mark(text)
    for _, n in places:
        safe = safe.replace(
            chr(_ANCHOR_BASE + n), f'<span class="rv-anchor" id="rv-{n}" data-rv="{n}"></span>'
        )
    # a run-in heading **（一）…。** followed by text is not bold in CommonMark (punctuation flanking)
    safe = _RUN_IN_RE.sub(r"<strong>\1</strong>", safe)
    return safe, placed


def review_html(items: list[ReviewItem], placed: list[bool] | None = None) -> str:
    """The review list as escaped HTML; an entry with a place in the draft jumps to it when clicked."""
    if not items:
        return '<div class="rv-empty">没有需要核对的内容。</div>'
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    summary = "、".join(f"{KIND_LABELS[k]} {v} 处" for k, v in counts.items())
    rows = [f'<div class="rv-summary">共 {len(items)} 处需要核对：{html.escape(summary)}</div>']
    for n, item in enumerate(items):
        jump = placed is None or (n < len(placed) and placed[n])
        attrs = f' data-rv="{n}" role="button" tabindex="0"' if jump else ""
        rows.append(
            f'<div class="rv-item rv-{item.kind}"{attrs}>'
            f'<span class="rv-kind">{html.escape(KIND_LABELS[item.kind])}</span>'
            f'<span class="rv-where">{html.escape(item.where)}</span>'
            f'<div class="rv-text">{mark_placeholders(item.text)}</div>'
            f'<div class="rv-detail">{html.escape(item.detail)}</div></div>'
        )
    return '<div class="rv-list">' + "".join(rows) + "</div>"


REVIEW_JS = """
const show = (item, n, tries) => {
  const anchor = document.querySelector('#draft-output [data-rv="' + n + '"]') || document.getElementById('rv-' + n);
  if (!anchor || anchor.offsetParent === null) {  // the 全文预览 tab is not open: open it, then try again
    if (tries === 0) {
      const tab = [...document.querySelectorAll('#draft-views [role=tab]')].find((b) => b.textContent.includes('全文预览'));
      if (tab) tab.click();
    }
    if (tries < 30) setTimeout(() => show(item, n, tries + 1), 100);
    return;
  }
  anchor.scrollIntoView({behavior: 'auto', block: 'center'});
  const target = anchor.parentElement;
  document.querySelectorAll('.rv-current').forEach((el) => el.classList.remove('rv-current'));
  if (target) target.classList.add('rv-current');
  document.querySelectorAll('.rv-item.rv-active').forEach((el) => el.classList.remove('rv-active'));
  item.classList.add('rv-active');
};
element.addEventListener('click', (event) => {
  const item = event.target.closest('.rv-item[data-rv]');
  if (item) show(item, item.dataset.rv, 0);
});
"""

CSS = """
.rv-list { max-height: 640px; overflow-y: auto; }
.rv-summary { color: var(--body-text-color-subdued); margin: 2px 0 6px; font-size: 0.9em; }
.rv-item { border-left: 3px solid var(--border-color-primary); padding: 4px 8px; margin: 6px 0; font-size: 0.9em; }
.rv-item[data-rv] { cursor: pointer; }
.rv-item.rv-active { background: var(--background-fill-secondary); }
.rv-missing, .rv-verify { border-left-color: #dc2626; }
.rv-confirm, .rv-flag { border-left-color: #d97706; }
.rv-adapted, .rv-own { border-left-color: #2563eb; }
.rv-dropped { border-left-color: #6b7280; }
.rv-kind { font-weight: 600; margin-right: 6px; }
.rv-where, .rv-detail { color: var(--body-text-color-subdued); }
.rv-text { margin: 2px 0; }
.rv-current { outline: 2px solid #f59e0b; outline-offset: 2px; }
"""
