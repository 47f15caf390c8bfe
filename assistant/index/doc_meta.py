"""Per-document metadata in the index: genre (with confidence and source) and title.

A genre set by the user (``assistant ingest --genre`` or the corpus tab) is stored in the manifest
with source ``user`` and wins over meta.yaml and inference on every later ingest, rebuilds
included. Metadata changes of unchanged documents are written without re-embedding anything.
Older indexes (no ``genre_source``) open as they are: their documents show ``unknown`` until the
next ingest re-reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.ingest.classify import (
    PROTOTYPES,
    UNKNOWN,
    fallback_title,
    mean_vector,
    normalize_genre,
    prototype_vote,
)
from assistant.types import Document

__all__ = ["changed_fields", "fallback_title", "keep_user_genre", "manifest_fields", "set_genres",
           "vote_unknown_genres"]  # fmt: skip

_FIELDS = ("title", "title_source", "year", "genre", "genre_confidence", "genre_source")


def manifest_fields(doc: Document) -> dict[str, Any]:
    """The manifest entry's metadata fields of a parsed document."""
    m = doc.meta
    return {
        "title": m.title or doc.title or fallback_title(doc.path, doc.doc_id), "title_source": m.title_source,
        "year": m.year, "genre": m.genre or UNKNOWN, "genre_confidence": m.genre_confidence,
        "genre_source": m.genre_source or UNKNOWN,
        **({"ocr": True, "ocr_pages": m.ocr_pages, "ocr_confidence": m.ocr_confidence} if m.ocr else {}),
    }  # fmt: skip


def keep_user_genre(doc: Document, previous: dict[str, Any] | None) -> None:
    """Carry a genre the user set earlier (manifest source ``user``) over to a re-read document.

    A genre given by the user in this run (``--genre``) wins; meta.yaml and inference do not.
    """
    if not previous or previous.get("genre_source") != "user" or doc.meta.genre_source == "user":
        return
    doc.meta.genre, doc.meta.genre_confidence, doc.meta.genre_source = previous.get("genre"), 1.0, "user"


def changed_fields(known: dict[str, Any], doc: Document) -> dict[str, Any]:
    """Metadata fields of an unchanged document that differ from its manifest entry (empty: none)."""
    new = manifest_fields(doc)
    if new["genre_source"] == UNKNOWN and known.get("genre_source") == "prototype":
        for key in ("genre", "genre_confidence", "genre_source"):  # the vote needs vectors: keep it
            new[key] = known.get(key)
    return {k: v for k, v in new.items() if known.get(k) != v}


def _prototype_vectors(embedder: Any) -> dict[str, np.ndarray]:
    vecs = np.asarray(embedder.encode_documents(list(PROTOTYPES.values())), dtype=np.float32)
    return dict(zip(PROTOTYPES, vecs, strict=True))


def vote_unknown_genres(
    docs: Sequence[Document], vectors: Sequence[np.ndarray], embedder: Any, settings: Any
) -> Any:
    """Decide, by nearest prototype, the genre of new documents whose keywords were silent.

    Args:
        docs: the new documents (their ``meta`` is updated in place).
        vectors: their passage vectors, one array per document.
        embedder: the loaded embedder or ``None`` (loaded only when a vote is needed).
        settings: to load the embedder.

    Returns:
        The embedder (possibly just loaded).
    """
    todo = [
        (d, v)
        for d, v in zip(docs, vectors, strict=True)
        if d.meta.genre_source in (None, UNKNOWN) and len(v)
    ]
    if not todo:
        return embedder
    if embedder is None:
        from assistant.embed.embedder import load_embedder

        embedder = load_embedder(settings)
    protos = _prototype_vectors(embedder)
    for doc, vecs in todo:
        guess = prototype_vote(mean_vector(vecs), protos)
        doc.meta.genre, doc.meta.genre_confidence, doc.meta.genre_source = (
            guess.genre,
            guess.confidence,
            guess.source,
        )
    return embedder


def set_genres(settings: Any, genres: dict[str, str], *, lock_timeout: float = 600.0) -> dict[str, str]:
    """Set documents' genres by hand (the corpus tab), re-embedding nothing.

    Args:
        settings: the assistant settings.
        genres: doc id (or file name / id prefix) → genre label or alias.
        lock_timeout: seconds to wait for another writer.

    Returns:
        doc id → the genre now stored, for the documents that changed.

    Raises:
        ValueError: an unknown genre (Chinese message).
        DocumentNotFoundError: a name that matches no document.
    """
    from assistant.index import indexer, store

    index_dir = Path(settings.index_dir)
    wanted = {name: normalize_genre(g) or UNKNOWN for name, g in genres.items()}
    with store.write_lock(index_dir, lock_timeout):
        store.cleanup_stale(index_dir)
        old = store.read_manifest(index_dir)
        if old is None:
            raise store.IndexMissingError(f"尚未建立索引（{index_dir}）。")
        store.check_compatible(old, None)
        updates: dict[str, dict[str, Any]] = {}
        for name, genre in wanted.items():
            ids = store.match_documents(old, name)
            if not ids:
                raise indexer.DocumentNotFoundError(f"索引中没有文档“{name}”。")
            for doc_id in ids:
                entry = old["documents"][doc_id]
                if entry.get("genre") != genre or entry.get("genre_source") != "user":
                    updates[doc_id] = {"genre": genre, "genre_confidence": 1.0, "genre_source": "user"}
        if updates:
            indexer.write_version(index_dir, old, list(old["documents"]), [], settings, indexer.IngestReport(),
                                   embedder=None, progress=False, meta_updates=updates)  # fmt: skip
    return {d: u["genre"] for d, u in updates.items()}
