"""Section outlines per genre: the official structure, and what past reports of that genre did.

Only the peers count: the indexed reports of the requested genre. Each peer heading is mapped
onto the genre's sections by meaning (embedding similarity of the heading to the section title,
numbering stripped, above a threshold measured on real headings; keyword rules for 问题/打算), so
the outline can say how many of the peers cover each section ("3/4 篇述法报告") and show their
headings named by title. Sections learned by clustering the peers' headings
(:mod:`assistant.draft.outline.learned`) are the ``corpus`` outline and stand beside the official one in
``merged``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.draft.outline.genres import (
    PLAN_WORDS,
    PROBLEM_WORDS,
    Genre,
    GenreSection,
    fill_placeholders,
    get_genre,
)
from assistant.draft.outline.learned import LearnedSection, learn_sections, plain_heading
from assistant.errors import NotFoundError
from assistant.lang.numbering import heading_level, numbered
from assistant.settings import Settings

#: A heading maps to a section only at this cosine (e5 passage-passage, numbering stripped).
#: Measured on the index of the samples + 31 provincial 政府工作报告: sample 001's seven duty
#: headings score 0.975-1.000 against their sections; the 636 provincial headings' best scores
#: have 95th percentile 0.938 and 99th 0.947 (bench/outline_threshold.py prints these).
MATCH_THRESHOLD = 0.947


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
            "key": self.key,
            "title": self.title,
            "level": self.level,
            "kind": self.kind,
            "coverage": self.coverage,
            "total": total,
            "examples": self.examples,
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
    corpus_total: int = 0
    learned: list[LearnedSection] = field(default_factory=list)

    def to_public(self) -> dict[str, Any]:
        return {
            "genre": self.genre, "source": self.source, "documents": self.total,
            "corpus_documents": self.corpus_total, "peers": f"{self.total} 篇{self.genre}",
            "sections": [i.to_public(self.total) for i in self.items], "unmatched": self.unmatched,
            "learned": [s.to_public(self.total) for s in self.learned],
        }  # fmt: skip

    def to_text(self) -> str:
        lines = [
            f"《{self.genre}》提纲（来源：{SOURCE_LABELS.get(self.source, self.source)}，"
            f"同文种报告 {self.total} 篇，语料共 {self.corpus_total} 篇）"
        ]
        for item in self.items:
            lines.append(_line(item, self.total, self.genre))
            lines.extend("    " + _line(c, self.total, self.genre) for c in item.children)
        if self.learned and self.source == "merged":
            lines.append(f"语料归纳的章节（{self.total} 篇{self.genre}的标题按含义归类）：")
        for sec in self.learned:
            lines.append(
                ("    " if self.source == "merged" else "") + _learned_line(sec, self.total, self.genre)
            )
            for sub in sec.subpoints[:8]:
                lines.append(
                    ("        " if self.source == "merged" else "    ")
                    + _learned_line(sub, self.total, self.genre)
                )
        if self.unmatched:
            lines.append("同文种报告中未归入上述章节的标题：")
            lines.extend(f"    {u['heading']}（{u.get('title') or u['doc']}）" for u in self.unmatched[:12])
        return "\n".join(lines)


def _cover(n: int, total: int, genre: str) -> str:
    return f"  〔{n}/{total} 篇{genre}有此部分〕" if total else ""


def _line(item: OutlineItem, total: int, genre: str) -> str:
    return f"{item.title}{_cover(item.coverage, total, genre)}"


def _learned_line(sec: LearnedSection, total: int, genre: str) -> str:
    names = "；".join(f"{e['title']}：{e['heading']}" for e in sec.examples[:2])
    return f"{sec.title}{_cover(sec.documents, total, genre)}  例：{names}"


def peer_documents(settings: Settings, genre: str | None) -> tuple[dict[str, str], int]:
    """Doc id → title of the indexed reports of ``genre`` (all reports when ``None``), and the corpus size."""
    from assistant.index.search import get_searcher

    docs = get_searcher(settings).store.manifest.get("documents", {})
    peers = {d: m.get("title") or d for d, m in docs.items() if genre is None or m.get("genre") == genre}
    return peers, len(docs)


def corpus_headings(
    settings: Settings, genre: str | None = None, *, depth: bool = False
) -> dict[str, list[Any]]:
    """Headings of the indexed reports (of ``genre`` only, when given), in document order.

    Args:
        settings: index location.
        genre: keep only documents of this genre.
        depth: give ``(depth, heading)`` pairs (depth 1 = top heading of its section path).

    Returns:
        doc id → headings (or pairs); a peer without headings maps to an empty list.
    """
    from assistant.index.search import get_searcher

    peers = peer_documents(settings, genre)[0] if genre else None
    out: dict[str, list[Any]] = {d: [] for d in peers} if peers is not None else {}
    seen: dict[str, set[str]] = {}
    for doc_id, section in get_searcher(settings).store.doc_sections():
        if peers is not None and doc_id not in peers:
            continue
        heads = out.setdefault(doc_id, [])
        known = seen.setdefault(doc_id, set())
        for level, heading in enumerate(section, 1):
            if heading not in known:
                known.add(heading)
                heads.append((level, heading) if depth else heading)
    return out


def _nodes(genre: Genre) -> list[tuple[GenreSection, GenreSection | None]]:
    nodes: list[tuple[GenreSection, GenreSection | None]] = []
    for sec in genre.sections:
        nodes.append((sec, None))
        nodes.extend((sec, sub) for sub in sec.subpoints)
    return nodes


def map_headings(
    genre: Genre, headings: dict[str, list[str]], settings: Settings
) -> dict[str, list[tuple[str, str]]]:
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
    descs = [
        (sub.title if sub else sec.title).replace("{year}", "").replace("{next_year}", "")
        for sec, sub in nodes
    ]
    node_vecs = embedder.encode_documents([plain_heading(d) for d in descs])
    head_vecs = embedder.encode_documents([plain_heading(h) for _, h in flat])
    sims = head_vecs @ node_vecs.T
    under: dict[str, str | None] = {}  # doc → the 问题/打算 part its last top heading opened, if any
    for (doc, heading), row in zip(flat, sims, strict=True):
        key = _rule_key(genre, heading)
        level = heading_level(heading)
        if level == 1:
            under[doc] = key if key in _list_keys(genre) else None
        elif key is None and level and under.get(doc):
            key = under[doc]  # an item under 三、下一步工作打算 is a plan, whatever duty it names (r33)
        if key is None:
            best = int(np.argmax(row))
            if float(row[best]) < MATCH_THRESHOLD or nodes[best][0].kind in ("problems", "plans"):
                result[""].append((doc, heading))
                continue
            sec, sub = nodes[best]
            key = sec.key + (f"/{sub.key}" if sub else "")
        result.setdefault(key, []).append((doc, heading))
    return result


def _list_keys(genre: Genre) -> set[str]:
    """The keys of the genre's problems and plans parts."""
    return {sec.key for sec in genre.sections if sec.kind in ("problems", "plans")}


#: an item heading that says a matter falls short (以法治手段化解矛盾纠纷能力有待提升): a problem, whatever
#: duty it names
SHORTFALL_RE = re.compile(r"有待|不够|不足|不到位|薄弱|欠缺|滞后|还需|仍需|差距")


def _rule_key(genre: Genre, heading: str) -> str | None:
    for sec in genre.sections:
        words = PROBLEM_WORDS if sec.kind == "problems" else PLAN_WORDS if sec.kind == "plans" else ()
        if words and any(w in heading for w in words) and len(heading) <= 40:
            return sec.key
        if sec.kind == "problems" and len(heading) <= 40 and SHORTFALL_RE.search(heading):
            return sec.key
    return None


def build_outline(genre_name: str, settings: Settings, source: str = "merged", body: Any = None) -> Outline:
    """The outline of a genre, counted among the indexed reports of that genre.

    Args:
        genre_name: 述法报告 / 法治政府建设年度报告 / 工作总结 (or an alias).
        settings: index location.
        source: ``official`` (the genre's structure), ``corpus`` (sections learned by clustering
            the peers' headings), ``merged`` (official, with coverage and examples, and the learned
            sections beside it), or a document id (that report's headings).
        body: a body profile: the official items of that kind of body.

    Returns:
        The outline; ``total`` is the number of peers (the denominator of every coverage).
    """
    from assistant.lang.body_outline import genre_for_body

    genre = genre_for_body(get_genre(genre_name), body)  # items of the body's kind (党委 without a body)
    try:
        peers, corpus_total = peer_documents(settings, genre.name)
        headings = corpus_headings(settings, genre.name, depth=True)
    except Exception:  # no index yet: the official outline still works
        if source not in ("official", "merged"):
            raise
        peers, corpus_total, headings = {}, 0, {}
    if source not in ("official", "corpus", "merged"):
        return _doc_outline(genre, source, corpus_headings(settings))
    plain = {d: [h for _, h in hs] for d, hs in headings.items()}
    use = headings and source == "merged"
    mapped = map_headings(genre, plain, settings) if use else {"": []}
    learned: list[LearnedSection] = []
    if headings and source in ("corpus", "merged"):
        from assistant.index.search import get_searcher

        learned = learn_sections(headings, peers, get_searcher(settings).embedder)
    if source == "corpus":
        items = [_learned_item(n, sec, len(peers)) for n, sec in enumerate(learned, 1)]
        return Outline(
            genre=genre.name, source=source, total=len(peers), items=items, corpus_total=corpus_total
        )
    items = []
    for n, sec in enumerate(genre.sections, 1):
        item = OutlineItem(
            key=sec.key,
            title=numbered(1, n, fill_placeholders(sec.title, year="20××", next_year="20××")),
            level=1,
            kind=sec.kind,
        )
        docs = {d for d, _ in mapped.get(sec.key, [])}
        item.examples = _examples(mapped.get(sec.key, []), peers)
        for m, sub in enumerate(sec.subpoints, 1):
            key = f"{sec.key}/{sub.key}"
            child = OutlineItem(key=key, title=numbered(2, m, sub.title), level=2, kind=sec.kind)
            pairs = mapped.get(key, [])
            child.coverage = len({d for d, _ in pairs})
            child.examples = _examples(pairs, peers)
            docs |= {d for d, _ in pairs}
            item.children.append(child)
        item.coverage = len(docs)
        items.append(item)
    unmatched = _examples(mapped.get("", []), peers, limit=None)
    return Outline(
        genre=genre.name,
        source=source,
        total=len(peers),
        items=items,
        unmatched=unmatched,
        corpus_total=corpus_total,
        learned=learned if source == "merged" else [],
    )


SOURCE_LABELS = {"merged": "官方结构 + 语料归纳", "official": "官方结构", "corpus": "语料归纳"}


def _examples(
    pairs: list[tuple[str, str]], titles: dict[str, str], limit: int | None = 6
) -> list[dict[str, str]]:
    chosen = pairs if limit is None else pairs[:limit]
    return [{"doc": d, "title": titles.get(d, d), "heading": h} for d, h in chosen]


def _learned_item(n: int, sec: LearnedSection, total: int) -> OutlineItem:
    kind = (
        "problems"
        if any(w in sec.title for w in PROBLEM_WORDS)
        else ("plans" if any(w in sec.title for w in PLAN_WORDS) else "performance")
    )
    item = OutlineItem(
        key=f"c{n}",
        title=numbered(1, n, sec.title),
        level=1,
        kind=kind,
        coverage=sec.documents,
        examples=sec.examples,
    )
    item.children = [OutlineItem(key=f"c{n}/{m}", title=numbered(2, m, sub.title), level=2, kind=kind,
                                 coverage=sub.documents, examples=sub.examples)
                     for m, sub in enumerate(sec.subpoints, 1)]  # fmt: skip
    return item


def _doc_outline(genre: Genre, doc: str, headings: dict[str, list[str]]) -> Outline:
    matches = [d for d in headings if d == doc or d.startswith(doc)]
    if not matches:
        raise NotFoundError(f"索引中没有文档“{doc}”。")
    items = [OutlineItem(key=f"h{i}", title=h, level=1) for i, h in enumerate(headings[matches[0]])]
    return Outline(genre=genre.name, source=matches[0], total=len(headings), items=items)


def section_versions(
    genre_name: str, section_key: str, settings: Settings, k: int = 4
) -> list[dict[str, str]]:
    """Past reports' versions of one section, side by side.

    Args:
        genre_name: the genre.
        section_key: ``problems`` or ``duty/pufa`` style key (as in :func:`build_outline`).
        settings: index location.
        k: at most this many reports.

    Returns:
        ``[{"doc", "title", "heading", "text"}]``, one per report.
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
                texts = [t for t, s in store.doc_texts(ex["doc"]) if ex["heading"] in s]
                found.append(
                    {
                        "doc": ex["doc"],
                        "title": ex.get("title") or ex["doc"],
                        "heading": ex["heading"],
                        "text": "".join(texts)[:600],
                    }
                )
    if len(found) < k:
        sec = next(
            (
                s
                for s, sub in _nodes(genre)
                if (s.key if sub is None else f"{s.key}/{sub.key}") == section_key
            ),
            None,
        )
        node = next(
            (
                sub or s
                for s, sub in _nodes(genre)
                if (s.key if sub is None else f"{s.key}/{sub.key}") == section_key
            ),
            sec,
        )
        if node is not None:
            for hit in search(f"{node.title} {node.query}", settings, k=12):
                if len(found) >= k:
                    break
                if any(f["doc"] == hit.passage.doc_id for f in found):
                    continue
                found.append(
                    {
                        "doc": hit.passage.doc_id,
                        "title": hit.title or hit.passage.doc_id,
                        "heading": " > ".join(hit.passage.section),
                        "text": hit.passage.text,
                    }
                )
    return found[:k]
