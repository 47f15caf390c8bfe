"""Versions of one section: the best past passages for it, each rendered as the user's paragraph.

``alternatives(request, "普法宣传", settings)`` finds the past reports that speak best of that
section of the genre's outline (same genre first, then the same kind and level of body), and drafts
the section once from each report alone with the machinery of the whole draft
(:func:`assistant.draft.compose.sections.draft_section_text`): the user's figures routed to the
section fill the slots, the rest become ``【待补充：…】`` markers, and every sentence is adapted to
the user's voice. Each version carries its source and the findings of both audits
(:mod:`assistant.draft.checks`). The workbench's 换一版 and 往年写法 and ``assistant alternatives``
call it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.draft.checks import Check, check_text
from assistant.draft.compose.lists import draft_list_section
from assistant.draft.compose.sections import draft_section_text
from assistant.draft.outline.genres import (
    Genre,
    GenreSection,
    fill_placeholders,
    genre_with_outline,
    get_genre,
)
from assistant.draft.report import DraftRequest, _leaves, _route_rows
from assistant.errors import NotFoundError
from assistant.lang.bodies import doc_affinity
from assistant.lang.body_outline import genre_for_body
from assistant.lang.markers import MARKER_RE
from assistant.lang.numbering import strip_numbering
from assistant.lang.similarity import similarity
from assistant.settings import Settings
from assistant.types import Paragraph

SAME_GENRE = 0.1  # retrieval bonus of a report of the requested genre
POOL = 40  # passages retrieved to rank the reports


@dataclass
class Alternative:
    """One version of a section, drawn from one past report.

    Attributes:
        text: the paragraph as the user would read it (items one a line for 问题/打算).
        heading: the section's heading (unnumbered).
        source_doc: the report's file id; ``source_title``: its title; ``source_section``: where in it.
        filled: the user's figures written into the text (``23场次``).
        markers: the ``【待补充：…】``/``【待确认】`` markers left in it.
        flags: findings of the number and voice audits (empty for a clean version).
        paragraphs: the drafted paragraphs with their per-sentence provenance.
    """

    text: str
    heading: str
    source_doc: str
    source_title: str
    source_section: str
    filled: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    flags: list[Check] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)

    def to_public(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source_title": self.source_title,
            "source_section": self.source_section,
            "filled": list(self.filled),
            "markers": list(self.markers),
            "flags": [f.to_public() for f in self.flags],
        }


def request_genre(request: DraftRequest) -> Genre:
    """The outline a draft of ``request`` follows (the user's own, else the genre's for the body)."""
    genre = get_genre(request.genre)
    if request.outline:
        return genre_with_outline(genre, request.outline)
    return genre_for_body(genre, request.body())


def _nodes(genre: Genre) -> list[tuple[GenreSection, GenreSection | None]]:
    out: list[tuple[GenreSection, GenreSection | None]] = []
    for sec in genre.sections:
        out.append((sec, None))
        out.extend((sec, sub) for sub in sec.subpoints)
    return out


def find_section(
    genre: Genre, heading: str, year: int | None = None
) -> tuple[GenreSection, GenreSection | None]:
    """The outline section (or sub-point) a heading names: its key, its title, or the closest title.

    Raises:
        NotFoundError: nothing in the outline resembles it (Chinese message listing the headings).
    """
    want = strip_numbering((heading or "").strip()).rstrip("。").strip()
    nodes = _nodes(genre)

    def title(node: tuple[GenreSection, GenreSection | None]) -> str:
        return fill_placeholders(
            (node[1] or node[0]).title, year=year, next_year=(year + 1) if year else None
        )

    for node in nodes:
        if want and (want == (node[1] or node[0]).key or want == title(node)):
            return node
    for node in nodes:
        if want and (want in title(node) or title(node) in want):
            return node
    scored = sorted(
        ((similarity(want, title(n) + (n[1] or n[0]).query), i) for i, n in enumerate(nodes)), reverse=True
    )
    if want and scored and scored[0][0] >= 0.15:
        return nodes[scored[0][1]]
    names = "、".join(title(n) for n in nodes)
    raise NotFoundError(f"提纲中没有“{heading}”这一部分。可选：{names}")


def _ranked_docs(
    query: str, genre: Genre, settings: Settings, body: Any, section: str | None = None
) -> list[str]:
    """Report ids by how well they speak of the query: best passage, same genre, same kind of body."""
    from assistant.draft.compose.sections import _documents
    from assistant.index.search import search

    docs = _documents(settings)
    best: dict[str, float] = {}
    hits = search(query, settings, k=POOL, section=section) if section else []
    hits += search(query, settings, k=POOL)
    for hit in hits:
        doc = hit.passage.doc_id
        entry = docs.get(doc) or {}
        score = (
            float(hit.score)
            + doc_affinity(entry, body)
            + (SAME_GENRE if entry.get("genre") == genre.name else 0.0)
        )
        best[doc] = max(best.get(doc, -1e9), score)
    return sorted(best, key=lambda d: -best[d])


def _figures(paragraphs: list[Paragraph]) -> list[str]:
    return [f.text for p in paragraphs for span in p.spans for f in span.figures]


def alternatives(
    request: DraftRequest,
    section: str,
    settings: Settings,
    k: int = 5,
    exclude: tuple[str, ...] = (),
) -> list[Alternative]:
    """Up to ``k`` versions of one section, each from a different past report.

    Args:
        request: genre, the user's figures and body (the same request as the whole draft).
        section: the section's heading or key (``普法宣传``, ``（二）…``, ``duty/pufa``, ``存在的问题``).
        settings: where the index is.
        k: at most this many versions.
        exclude: report ids to leave out (the ones the user has seen).

    Returns:
        Versions, best report first; a report that gives the section nothing of its own is skipped.
    """
    genre = request_genre(request)
    profile = request.profile(genre)
    allowed = request.allowed()
    sec, sub = find_section(genre, section, request.year)
    node = sub or sec
    heading = fill_placeholders(
        node.title, year=request.year, next_year=(request.year + 1) if request.year else None
    )
    listing = node.kind in ("problems", "plans")
    rows = []
    others: tuple[str, ...] = ()
    if not listing:
        leaves = _leaves(genre)
        routed = _route_rows(request.rows, leaves, settings, profile.body)
        rows = next((r for (a, b), r in zip(leaves, routed, strict=True) if (b or a) is node), [])
        others = tuple(f"{(b or a).title} {(b or a).query}" for a, b in leaves if (b or a) is not node)
    query = f"{heading} {node.query}"
    words = (
        ("问题", "不足") if node.kind == "problems" else ("打算", "下一步") if node.kind == "plans" else ()
    )
    out: list[Alternative] = []
    for doc in _ranked_docs(query, genre, settings, profile.body, words[0] if words else None):
        if len(out) >= k:
            break
        if doc in exclude:
            continue
        if listing:
            paragraphs = draft_list_section(node, settings, profile, allowed, set(), doc=doc)
        else:
            paragraph, _ = draft_section_text(node, rows, settings, profile, allowed, set(), others, doc=doc)
            paragraphs = [paragraph]
        sources = [s for p in paragraphs for s in p.sources]
        if not sources:
            continue
        text = "\n".join(p.text for p in paragraphs if p.text.strip())
        out.append(
            Alternative(
                text=text,
                heading=heading,
                source_doc=doc,
                source_title=sources[0].title or doc,
                source_section=" > ".join(sources[0].section),
                filled=_figures(paragraphs),
                markers=[m.group(0) for m in MARKER_RE.finditer(text)],
                flags=check_text(
                    text,
                    request.rows,
                    org=request.org,
                    year=request.year,
                    place=request.place,
                    body=profile.body,
                    allowed=allowed,
                ),
                paragraphs=paragraphs,
            )
        )
    return out
