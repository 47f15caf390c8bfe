"""Outlines learned from the corpus: headings of same-genre reports clustered by meaning.

Where no official structure fixes a report's parts (工作总结, and the sub-points of every genre),
the top headings of the peers are grouped into sections by embedding similarity (average link),
ordered by their usual relative position in a report, and each section carries its frequency
(how many peers have it) and example headings named by the report's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.lang.numbering import NUMBERING_RE

#: Two groups of headings merge when their mean cosine (e5, passage-passage, numbering stripped)
#: reaches this value: a little below the heading→section threshold of outlines (0.947, measured
#: by bench/outline_threshold.py), since peers word one part differently. Headings of one report
#: never merge (they are different parts of it).
CLUSTER_THRESHOLD = 0.935


def plain_heading(text: str) -> str:
    """The heading without its numbering and end punctuation."""
    return re.sub(r"[。：:；;，,\s]+$", "", NUMBERING_RE.sub("", text or "")).strip() or text


@dataclass
class LearnedSection:
    """One section learned from peers' headings."""

    title: str
    documents: int
    position: float
    examples: list[dict[str, str]] = field(default_factory=list)
    subpoints: list[LearnedSection] = field(default_factory=list)

    def to_public(self, total: int) -> dict[str, Any]:
        return {
            "title": self.title, "coverage": self.documents, "total": total, "position": round(self.position, 3),
            "examples": self.examples, "subpoints": [s.to_public(total) for s in self.subpoints],
        }  # fmt: skip


def _clusters(vecs: np.ndarray, owners: list[str], threshold: float) -> list[list[int]]:
    """Average-link agglomerative clustering on cosine similarity (small n: a few hundred headings).

    Two headings of one document never share a cluster: they are different parts of that report.
    """
    groups = [[i] for i in range(len(vecs))]
    docs = [{owners[i]} for i in range(len(vecs))]
    sims = vecs @ vecs.T
    while len(groups) > 1:
        best, pair = threshold, None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                if docs[a] & docs[b]:
                    continue
                s = float(sims[np.ix_(groups[a], groups[b])].mean())
                if s >= best:
                    best, pair = s, (a, b)
        if pair is None:
            break
        a, b = pair
        groups[a] = groups[a] + groups[b]
        docs[a] = docs[a] | docs[b]
        del groups[b], docs[b]
    return groups


def learn_sections(heads: dict[str, list[tuple[int, str]]], titles: dict[str, str], embedder: Any,
                   threshold: float = CLUSTER_THRESHOLD, level: int = 1, nested: bool = True) -> list[LearnedSection]:  # fmt: skip
    """Cluster the peers' headings of one depth into sections.

    Args:
        heads: doc id → [(depth, heading)] in document order (depth 1 = top heading).
        titles: doc id → title (examples are named by it).
        embedder: encodes the headings (``encode_documents``).
        threshold: average-link cosine needed to merge two groups.
        level: the depth clustered into sections.
        nested: learn sub-points from the next depth under each section's headings.

    Returns:
        Sections ordered by usual position, each with its sub-points learned the same way.
    """
    items: list[tuple[str, str, float, int]] = []  # doc, heading, relative position, index in doc
    for doc, hs in heads.items():
        tops = [(i, h) for i, (d, h) in enumerate(hs) if d == level]
        for rank, (i, h) in enumerate(tops):
            items.append((doc, h, rank / max(1, len(tops) - 1) if len(tops) > 1 else 0.0, i))
    if not items:
        return []
    vecs = np.asarray(embedder.encode_documents([plain_heading(h) for _, h, _, _ in items]), dtype=np.float32)
    out: list[LearnedSection] = []
    for group in _clusters(vecs, [it[0] for it in items], threshold):
        centre = vecs[group].mean(axis=0)
        label = items[max(group, key=lambda i: float(vecs[i] @ centre))][1]
        docs = {items[i][0] for i in group}
        section = LearnedSection(
            title=plain_heading(label), documents=len(docs),
            position=float(np.mean([items[i][2] for i in group])),
            examples=[{"doc": items[i][0], "title": titles.get(items[i][0], items[i][0]), "heading": items[i][1]}
                      for i in group[:6]],
        )  # fmt: skip
        if nested:
            children: dict[str, list[tuple[int, str]]] = {}
            for i in group:
                doc, _, _, start = items[i]
                for depth, h in heads[doc][start + 1 :]:
                    if depth <= level:
                        break
                    children.setdefault(doc, []).append((depth, h))
            if children:
                section.subpoints = learn_sections(
                    children, titles, embedder, threshold, level + 1, nested=False
                )
        out.append(section)
    out.sort(key=lambda s: (s.position, -s.documents))
    return out
