"""Safe HTML/Markdown rendering of corpus text for the web app (pure functions, no gradio).

Corpus passages are untrusted: a report may contain ``<script>`` or any markup. Every piece of
text that reaches ``gr.HTML`` or a Markdown component goes through :func:`html.escape` first;
the only tags added afterwards are our own (``<mark>``, ``<div>``, ``<button>``, ``<details>``).
Highlight spans are computed on the raw text and each segment is escaped on its own, so a query
can never match inside an entity such as ``&lt;`` and break it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from assistant.lang.markers import marker_spans
from assistant.ui.locale import t

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?")


def query_terms(query: str) -> list[str]:
    """Terms to highlight for ``query``: CJK bigrams (single characters for one-character runs)
    and ASCII words/numbers, longest first, without repeats."""
    terms: set[str] = set()
    for run in _CJK_RUN.findall(query or ""):
        if len(run) == 1:
            terms.add(run)
        else:
            terms.update(run[i : i + 2] for i in range(len(run) - 1))
    terms.update(w for w in _WORD.findall(query or "") if len(w) > 1 or w.isdigit())
    return sorted(terms, key=lambda s: (-len(s), s))


def _spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Merged ``[start, end)`` spans of every occurrence of any term in ``text``."""
    spans: list[tuple[int, int]] = []
    lowered = text.lower()
    for term in terms:
        needle = term.lower()
        start = lowered.find(needle)
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = lowered.find(needle, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def wrap_spans(text: str, spans: Sequence[tuple[int, int]], css_class: str = "") -> str:
    """Escape ``text`` and wrap the given spans in ``<mark>`` (escaping each segment separately)."""
    open_tag = f'<mark class="{css_class}">' if css_class else "<mark>"
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out.append(html.escape(text[pos:start]))
        out.append(open_tag + html.escape(text[start:end]) + "</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def highlight(text: str, query: str) -> str:
    """``text`` as safe HTML with the query's characters/bigrams wrapped in ``<mark>``."""
    return wrap_spans(text, _spans(text, query_terms(query)))


def mark_placeholders(text: str, voice_words: Iterable[str] = ()) -> str:
    """``text`` escaped, with 【待补充…】/【待确认】/【待核实】 markers wrapped in ``<mark class="todo">``
    and the voice audit's words (another body's 局党组 in a township's text) in ``<mark class="voice">``.

    Markdown syntax (``#``, ``**``) survives escaping, so the result can go to ``gr.Markdown``.
    """
    text = text or ""
    spans = marker_spans(text)
    words = sorted({w for w in voice_words if w}, key=len, reverse=True)
    if not words:
        return wrap_spans(text, spans, "todo")
    voice: list[tuple[int, int]] = []
    for m in re.finditer("|".join(re.escape(w) for w in words), text):
        if not any(a < m.end() and m.start() < b for a, b in spans + voice):
            voice.append(m.span())
    marks = sorted([(a, b, "todo") for a, b in spans] + [(a, b, "voice") for a, b in voice])
    out, pos = [], 0
    for a, b, cls in marks:
        out.append(html.escape(text[pos:a]) + f'<mark class="{cls}">' + html.escape(text[a:b]) + "</mark>")
        pos = b
    return "".join(out) + html.escape(text[pos:])


_MD_SPECIAL = str.maketrans(
    {"*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;", "~": "&#126;"}
)


def escape_md(text: str) -> str:
    """Corpus or user text made safe for ``gr.Markdown``: HTML escaped, and Markdown's own marks too
    (a corpus mask such as 建立*普法工作队*支*人 shows its asterisks, never italics)."""
    return html.escape(text or "").translate(_MD_SPECIAL)


def mark_md(text: str, voice_words: Iterable[str] = ()) -> str:
    """:func:`mark_placeholders` for text that is not Markdown itself (a sentence, a source): masks
    and underscores shown as written."""
    return mark_placeholders(text, voice_words).translate(_MD_SPECIAL)


def section_path(section: Sequence[str] | str | None) -> str:
    """A heading path as ``一、… › （一）…`` (plain text, not escaped)."""
    if isinstance(section, str):
        return section or t("no_section")
    parts = [s for s in (section or []) if s]
    return " › ".join(parts) if parts else t("no_section")


def hits_html(hits: Sequence[dict[str, Any]], query: str) -> str:
    """Search results (``Hit.to_public()`` dicts) as a list of cards with highlight and copy button.

    Args:
        hits: dicts with ``text``, ``doc``, ``section``, ``score`` (and ``title``, shown first).
        query: the query whose terms are highlighted.

    Returns:
        HTML whose every piece of corpus text is escaped.
    """
    if not hits:
        return f'<div class="hits-empty">{html.escape(t("search_none"))}</div>'
    cards = [f'<div class="hits-count">{html.escape(t("search_count", n=len(hits)))}</div>']
    for rank, hit in enumerate(hits, 1):
        meta = (
            f'<span class="hit-rank">[{rank}]</span> '
            f'<span class="hit-title">{html.escape(str(hit.get("title") or hit.get("doc", "")))}</span> · '
            f'<span class="hit-section">{html.escape(section_path(hit.get("section")))}</span> · '
            f'<span class="hit-score">{html.escape(t("score"))} {float(hit.get("score", 0.0)):.3f}</span> '
            f'<span class="hit-doc">{html.escape(str(hit.get("doc", "")))}</span>'
        )
        cards.append(
            '<div class="hit">'
            f'<div class="hit-meta">{meta}'
            f'<button type="button" class="copy-btn" data-done="{html.escape(t("copied"))}">'
            f"{html.escape(t('copy'))}</button></div>"
            f'<div class="hit-text">{highlight(str(hit.get("text", "")), query)}</div>'
            "</div>"
        )
    return "\n".join(cards)


def versions_html(versions: Sequence[dict[str, Any]]) -> str:
    """Past reports' versions of one section, side by side (escaped)."""
    if not versions:
        return f'<div class="hits-empty">{html.escape(t("versions_none"))}</div>'
    cols = []
    for item in versions:
        cols.append(
            '<div class="version">'
            f'<div class="version-doc">{html.escape(str(item.get("title") or item.get("doc", "")))}</div>'
            f'<div class="version-heading">{html.escape(str(item.get("heading", "")))}</div>'
            f'<div class="version-text">{html.escape(str(item.get("text", "")))}</div>'
            "</div>"
        )
    return '<div class="versions">' + "".join(cols) + "</div>"


def sources_markdown(citations: Sequence[dict[str, Any]]) -> str:
    """Citations as an escaped Markdown list (title · section, the file's id, then the quoted text)."""
    lines = []
    for i, cite in enumerate(citations, 1):
        head = f"{cite.get('title') or cite.get('doc', '')} · {section_path(cite.get('section'))}"
        doc = (
            f"（{cite.get('doc', '')}）" if cite.get("title") and cite.get("title") != cite.get("doc") else ""
        )
        lines.append(f"**[{i}] {escape_md(head)}**{escape_md(doc)}  \n{escape_md(str(cite.get('text', '')))}")
    return "\n\n".join(lines)


def flags_markdown(flags: Sequence[dict[str, Any]]) -> str:
    """Number-guard flags as an escaped Markdown list."""
    return "\n".join(
        f"- ⚠ {escape_md(str(f.get('reason', '')))}：{mark_md(str(f.get('text', '')))}" for f in flags
    )


COPY_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('.copy-btn');
  if (!button) return;
  const card = button.closest('.hit');
  const text = card ? card.querySelector('.hit-text').innerText : '';
  const done = () => { const old = button.textContent; button.textContent = button.dataset.done;
                       setTimeout(() => { button.textContent = old; }, 1200); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done);
  } else {
    const area = document.createElement('textarea');
    area.value = text; document.body.appendChild(area); area.select();
    document.execCommand('copy'); area.remove(); done();
  }
});
"""

CSS = """
mark { background: #fde68a; color: inherit; padding: 0 1px; border-radius: 2px; }
mark.todo { background: #fecaca; color: #7f1d1d; font-weight: 600; }
mark.derived { background: #bfdbfe; color: #1e3a8a; }
mark.voice { background: #fde68a; color: #78350f; text-decoration: underline wavy #b45309; }
.hit { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 10px 12px; margin: 8px 0; }
.hit-meta { font-size: 0.85em; color: var(--body-text-color-subdued); display: flex; gap: 6px;
            align-items: center; flex-wrap: wrap; }
.hit-title { font-weight: 600; color: var(--body-text-color); }
.hit-doc { font-size: 0.9em; opacity: 0.75; }
.hit-text { margin-top: 6px; line-height: 1.8; white-space: pre-wrap; }
.copy-btn { margin-left: auto; font-size: 0.85em; padding: 2px 10px; border-radius: 6px; cursor: pointer;
            border: 1px solid var(--border-color-primary); background: var(--background-fill-secondary); }
.hits-count, .hits-empty { color: var(--body-text-color-subdued); margin: 4px 0; }
.versions { display: flex; gap: 10px; overflow-x: auto; align-items: stretch; }
.version { flex: 1 1 0; min-width: 240px; border: 1px solid var(--border-color-primary); border-radius: 8px;
           padding: 10px; }
.version-doc { font-size: 0.85em; color: var(--body-text-color-subdued); }
.version-heading { font-weight: 600; margin: 4px 0; }
.version-text { white-space: pre-wrap; line-height: 1.8; max-height: 420px; overflow-y: auto; }
.draft-view { line-height: 1.9; }
"""

CSS += """
.wb-block { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 6px 10px; margin: 8px 0; }
.wb-block .wb-head h3, .wb-block .wb-head h4 { margin: 2px 0; }
.wb-src { font-size: 0.85em; color: var(--body-text-color-subdued); }
.wb-tools { align-items: center; }
.wb-ok { font-size: 0.85em; color: #15803d; margin: 2px 0; }
.wb-flags { border-left: 3px solid #dc2626; padding: 4px 8px; margin: 4px 0; font-size: 0.9em; }
.wb-flag-head { color: #b91c1c; font-weight: 600; }
.wb-marked { line-height: 1.8; white-space: pre-wrap; margin: 4px 0; }
mark.flag { background: #fecaca; color: #7f1d1d; font-weight: 700; text-decoration: underline wavy #dc2626; }
.wb-version .wb-flag { color: #b91c1c; font-size: 0.85em; }
#draft-metrics { min-height: 0; }
"""


def grid_placeholder_css(element: str, rows: list[list[str]]) -> str:
    """Grey example values in the empty cells of a grid (a hint the user cannot leave in by mistake)."""
    rules = []
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value:
                rules.append(
                    f'{element} [data-testid="cell-{r - 1}-{c - 1}"] span.text:empty::before '
                    f'{{ content: "{value}"; color: #9ca3af; font-style: normal; }}'
                )
    return "\n".join(rules)


def _example_rows() -> list[list[str]]:
    from assistant.ui.service import EXAMPLE_METRICS

    return [[f"例：{row[0]}", *row[1:3]] for row in EXAMPLE_METRICS]


CSS += grid_placeholder_css("#draft-metrics", _example_rows())

CSS += """
#outline-picks .wrap { display: flex; flex-direction: column; flex-wrap: nowrap; gap: 0; max-height: 460px;
                       overflow-y: auto; }
#outline-picks .wrap label { padding: 1px 8px; margin: 0; border-radius: 4px; font-size: 0.92em; }
"""
