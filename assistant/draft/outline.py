"""Section outlines per genre: the official structure, and what past reports actually did.

Every heading of every indexed report is mapped onto the genre's sections by meaning (embedding
similarity of the heading to the section's title and keywords, with keyword rules for 问题/打算),
so the outline can say how many past reports cover each section and show their headings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.draft.genres import (
    PLAN_WORDS,
    PROBLEM_WORDS,
    Genre,
    GenreSection,
    fill_placeholders,
    get_genre,
)
from assistant.errors import NotFoundError
from assistant.lang.numbering import numbered
from assistant.settings import Settings

MATCH_THRESHOLD = 0.82


@dataclass
class OutlineItem:
    """One section of an outline with its corpus coverage."""

    key: str
    title: str
    level: int
    kind: str = "performance"
    coverage: int = 0
    examples: list[dict[str, str]] = field(default_factory=list)
    children: list[OutlineItem] = field(default_factory=list)

    def to_public(self, total: int) -> dict[str, Any]:
        return {
            "key": self.key, "title": self.title, "level": self.level, "kind": self.kind,
            "coverage": self.coverage, "total": total, "examples": self.examples,
            "subpoints": [c.to_public(total) for c in self.children],
        }


@dataclass
class Outline:
    """A genre outline: official sections, corpus coverage, and headings that fit no section."""

    genre: str
    source: str
    total: int
    items: list[OutlineItem]
    unmatched: list[dict[str, str]] = field(default_factory=list)

    def to_public(self) -> dict[str, Any]:
        return {
            "genre": self.genre, "source": self.source, "documents": self.total,
            "sections": [i.to_public(self.total) for i in self.items], "unmatched": self.unmatched,
        }

    def to_text(self) -> str:
        lines = [f"《{self.genre}》提纲（来源：{self.source}，语料 {self.total} 篇）"]
        for item in self.items:
            lines.append(_line(item, self.total))
            lines.extend("    " + _line(c, self.total) for c in item.children)
        if self.unmatched:
            lines.append("语料中未归入上述章节的标题：")
            lines.extend(f"    {u['heading']}（{u['doc']}）" for u in self.unmatched[:12])
        return "\n".join(lines)


def _line(item: OutlineItem, total: int) -> str:
    cover = f"  〔{item.coverage}/{total} 篇往年报告有此部分〕" if total else ""
    return f"{item.title}{cover}"


def corpus_headings(settings: Settings) -> dict[str, list[str]]:
    """Headings of every indexed report, in document order, as full section paths' last element."""
    from assistant.index.search import get_searcher

    rows = get_searcher(settings).store.query("SELECT doc_id, section FROM passages ORDER BY doc_id, ordinal")
    out: dict[str, list[str]] = {}
    for doc_id, section in rows:
        heads = out.setdefault(doc_id, [])
        for heading in json.loads(section):
            if heading not in heads:
                heads.append(heading)
    return out


def _nodes(genre: Genre) -> list[tuple[GenreSection, GenreSection | None]]:
    nodes: list[tuple[GenreSection, GenreSection | None]] = []
    for sec in genre.sections:
        nodes.append((sec, None))
        nodes.extend((sec, sub) for sub in sec.subpoints)
    return nodes


def map_headings(genre: Genre, headings: dict[str, list[str]], settings: Settings) -> dict[str, list[tuple[str, str]]]:
    """Map corpus headings onto the genre's sections.

    Args:
        genre: the genre.
        headings: doc id → its headings.
        settings: to load the embedder.

    Returns:
        node key (``section`` or ``section/sub``) → [(doc id, heading)], plus ``""`` for headings
        that fit nothing.
    """
    from assistant.index.search import get_searcher

    nodes = _nodes(genre)
    flat = [(doc, h) for doc, hs in headings.items() for h in hs]
    result: dict[str, list[tuple[str, str]]] = {"": []}
    if not flat:
        return result
    embedder = get_searcher(settings).embedder
    descs = [f"{fill_placeholders(sub.title if sub else sec.title, year='')} {(sub or sec).query}" for sec, sub in nodes]
    node_vecs = embedder.encode_queries(descs)
    head_vecs = embedder.encode_documents([h for _, h in flat])
    sims = head_vecs @ node_vecs.T
    for (doc, heading), row in zip(flat, sims, strict=True):
        key = _rule_key(genre, heading)
        if key is None:
            best = int(np.argmax(row))
            if float(row[best]) < MATCH_THRESHOLD or nodes[best][0].kind in ("problems", "plans"):
                result[""].append((doc, heading))
                continue
            sec, sub = nodes[best]
            key = sec.key + (f"/{sub.key}" if sub else "")
        result.setdefault(key, []).append((doc, heading))
    return result


def _rule_key(genre: Genre, heading: str) -> str | None:
    for sec in genre.sections:
        words = PROBLEM_WORDS if sec.kind == "problems" else PLAN_WORDS if sec.kind == "plans" else ()
        if words and any(w in heading for w in words) and len(heading) <= 40:
            return sec.key
    return None


def build_outline(genre_name: str, settings: Settings, source: str = "merged", body: Any = None) -> Outline:
    """The outline of a genre.

    Args:
        genre_name: 述法报告 / 法治政府建设年度报告 / 工作总结 (or an alias).
        settings: index location.
        source: ``official`` (the genre's structure), ``corpus`` (only sections past reports cover),
            ``merged`` (official, with coverage and examples), or a document id (that report's headings).

    Returns:
        The outline.
    """
    from assistant.draft.bodies import genre_for_body

    genre = genre_for_body(get_genre(genre_name), body)  # items of the body's kind (党委 without a body)
    try:
        headings = corpus_headings(settings)
    except Exception:  # no index yet: the official outline still works
        if source not in ("official", "merged"):
            raise
        headings = {}
    if source not in ("official", "corpus", "merged"):
        return _doc_outline(genre, source, headings)
    mapped = map_headings(genre, headings, settings) if headings and source != "official" else {"": []}
    items = []
    for n, sec in enumerate(genre.sections, 1):
        item = OutlineItem(key=sec.key, title=numbered(1, n, fill_placeholders(sec.title, year="20××", next_year="20××")),
                           level=1, kind=sec.kind)
        docs = {d for d, _ in mapped.get(sec.key, [])}
        item.examples = [{"doc": d, "heading": h} for d, h in mapped.get(sec.key, [])[:6]]
        for m, sub in enumerate(sec.subpoints, 1):
            key = f"{sec.key}/{sub.key}"
            child = OutlineItem(key=key, title=numbered(2, m, sub.title), level=2, kind=sec.kind)
            pairs = mapped.get(key, [])
            child.coverage = len({d for d, _ in pairs})
            child.examples = [{"doc": d, "heading": h} for d, h in pairs[:6]]
            docs |= {d for d, _ in pairs}
            if source != "corpus" or child.coverage:
                item.children.append(child)
        item.coverage = len(docs)
        if source != "corpus" or item.coverage:
            items.append(item)
    unmatched = [{"doc": d, "heading": h} for d, h in mapped.get("", [])]
    return Outline(genre=genre.name, source=source, total=len(headings), items=items, unmatched=unmatched)


def _doc_outline(genre: Genre, doc: str, headings: dict[str, list[str]]) -> Outline:
    matches = [d for d in headings if d == doc or d.startswith(doc)]
    if not matches:
        raise NotFoundError(f"索引中没有文档“{doc}”。")
    items = [OutlineItem(key=f"h{i}", title=h, level=1) for i, h in enumerate(headings[matches[0]])]
    return Outline(genre=genre.name, source=matches[0], total=len(headings), items=items)


def section_versions(genre_name: str, section_key: str, settings: Settings, k: int = 4) -> list[dict[str, str]]:
    """Past reports' versions of one section, side by side.

    Args:
        genre_name: the genre.
        section_key: ``problems`` or ``duty/pufa`` style key (as in :func:`build_outline`).
        settings: index location.
        k: at most this many reports.

    Returns:
        ``[{"doc", "heading", "text"}]``, one per report.
    """
    from assistant.index.search import get_searcher, search

    genre = get_genre(genre_name)
    outline = build_outline(genre.name, settings, source="merged")
    store = get_searcher(settings).store
    found: list[dict[str, str]] = []
    for item in outline.items:
        for node in [item, *item.children]:
            if node.key != section_key:
                continue
            for ex in node.examples:
                if any(f["doc"] == ex["doc"] for f in found):
                    continue
                rows = store.query("SELECT text, section FROM passages WHERE doc_id = ? ORDER BY ordinal", (ex["doc"],))
                texts = [t for t, s in rows if ex["heading"] in json.loads(s)]
                found.append({"doc": ex["doc"], "heading": ex["heading"], "text": "".join(texts)[:600]})
    if len(found) < k:
        sec = next((s for s, sub in _nodes(genre) if (s.key if sub is None else f"{s.key}/{sub.key}") == section_key), None)
        node = next((sub or s for s, sub in _nodes(genre) if (s.key if sub is None else f"{s.key}/{sub.key}") == section_key), sec)
        if node is not None:
            for hit in search(f"{node.title} {node.query}", settings, k=12):
                if len(found) >= k:
                    break
                if any(f["doc"] == hit.passage.doc_id for f in found):
                    continue
                found.append({"doc": hit.passage.doc_id, "heading": " > ".join(hit.passage.section), "text": hit.passage.text})
    return found[:k]
