"""Incremental indexing: add or replace documents, remove them, describe the index.

A document whose ``sha256`` is already in the manifest is not parsed into the index again and
nothing of it is re-embedded; a changed document is replaced; a passage whose embedded text
(heading path + passage) already has a vector in the index reuses it, across documents. Every
write builds a complete new version beside the index and swaps it in (see :mod:`assistant.index.store`),
under the writer lock, so an interrupted run leaves the previous version intact.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import NotFoundError
from assistant.index import doc_meta, store
from assistant.index.lexical import index_text
from assistant.index.passage_db import PassageWriter, iter_section_texts, passage_row
from assistant.types import Document

LOCK_TIMEOUT = 600.0


@dataclass
class IngestReport:
    """What one ingest did.

    Attributes:
        documents: documents read successfully in this run.
        passages: passages of those documents.
        embedded: passages sent to the embedder.
        reused: new passages whose vector was reused from the index by text hash.
        unchanged: documents already indexed with the same content (nothing done).
        added: documents new to the index.
        replaced: documents whose content changed and were replaced.
        skipped: ``(file name, reason)`` of inputs that could not be indexed.
        seconds: wall time.
        total_documents: documents in the index afterwards.
        total_passages: passages in the index afterwards.
        index_type: FAISS index type afterwards.
    """

    documents: int = 0
    passages: int = 0
    embedded: int = 0
    reused: int = 0
    unchanged: int = 0
    added: int = 0
    replaced: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    total_documents: int = 0
    total_passages: int = 0
    index_type: str = ""

    def summary(self) -> str:
        """A short Chinese summary for the terminal."""
        lines = [
            f"读取文档 {self.documents} 篇（新增 {self.added}，替换 {self.replaced}，未变 {self.unchanged}），"
            f"段落 {self.passages} 段；向量化 {self.embedded} 段，复用 {self.reused} 段；用时 {self.seconds:.1f} 秒。",
            f"索引现有文档 {self.total_documents} 篇、段落 {self.total_passages} 段（{self.index_type}）。",
        ]
        lines += skip_lines(self.skipped)
        return "\n".join(lines)


SKIP_LINES_PER_FILE = 5
SKIP_LINES_TOTAL = 30


def skip_lines(skipped: list[tuple[str, str]]) -> list[str]:
    """``跳过 X：reason`` lines, at most 5 per file and 30 in all, with a count of the rest.

    A batch file with 1,000 bad rows gives five lines and ``……另有 995 处错误（文件 X）``.
    """
    per_file: dict[str, int] = {}
    out: list[str] = []
    hidden: dict[str, int] = {}
    for name, reason in skipped:
        key = name.split(":第", 1)[0]
        per_file[key] = per_file.get(key, 0) + 1
        if per_file[key] > SKIP_LINES_PER_FILE or len(out) >= SKIP_LINES_TOTAL:
            hidden[key] = hidden.get(key, 0) + 1
            continue
        out.append(f"跳过 {name}：{reason}")
    out += [f"……另有 {n} 处错误未列出（{key}）" for key, n in hidden.items()]
    return out


@functools.cache
def parser_fingerprint() -> str:
    """What a document's parse depends on besides its bytes: the parsing code (``ingest/``, ``lang/``)
    and the data files (mends, numerals, metric kinds, bodies …). A document indexed under another
    fingerprint is written again (its vectors reused by text hash), so an upgrade's mends and slot
    rules reach an index built before it."""
    h = hashlib.blake2b(digest_size=8)
    pkg = resources.files("assistant")
    for folder, suffixes in (("ingest", (".py",)), ("lang", (".py",)), ("data", (".yaml", ".yml", ".json"))):
        for entry in sorted(pkg.joinpath(folder).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(suffixes):
                h.update(f"{folder}/{entry.name}".encode() + b"\0" + entry.read_bytes())
    return h.hexdigest()


def text_hash(text: str) -> str:
    """Hash of an embedded text (heading path + passage), used to reuse vectors."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def ingest(paths: list[Path], settings: Any, *, progress: bool = True, rebuild: bool = False,
           embedder: Any = None, lock_timeout: float = LOCK_TIMEOUT, genre: str | None = None) -> IngestReport:  # fmt: skip
    """Add report files (or folders) to the index incrementally.

    Args:
        paths: files or folders to read (see :func:`assistant.ingest.pipeline.iter_documents`).
        settings: the assistant settings (``index_dir``, ``embedder``, ``batch_size`` …).
        progress: show tqdm progress bars (解析 / 向量化).
        rebuild: discard the existing index and embed everything again.
        embedder: an already loaded embedder (default: ``load_embedder(settings)``, loaded only
            when something needs embedding).
        lock_timeout: seconds to wait for another writer.
        genre: the user's genre for every document read (kept across later re-ingests).

    Returns:
        What was done.

    Raises:
        IndexMismatchError: the index was built with another embedder or chunking.
        IndexLockedError: another writer kept the lock too long.
    """
    from assistant.ingest.pipeline import iter_documents

    return ingest_documents(iter_documents(paths, settings, genre=genre), settings, progress=progress, rebuild=rebuild,
                            embedder=embedder, lock_timeout=lock_timeout)  # fmt: skip


def ingest_documents(items: Iterable[Any], settings: Any, *, progress: bool = True, rebuild: bool = False,
                     embedder: Any = None, lock_timeout: float = LOCK_TIMEOUT) -> IngestReport:  # fmt: skip
    """Like :func:`ingest`, from already parsed documents (``Document`` or ``IngestError`` items)."""
    from tqdm import tqdm

    started = time.perf_counter()
    index_dir = Path(settings.index_dir)
    report = IngestReport()
    with store.write_lock(index_dir, lock_timeout, notify=_notify):
        store.cleanup_stale(index_dir)
        previous = store.read_manifest(index_dir)
        old = None if rebuild else previous
        if old is not None:
            _check_settings(old, settings)
        old_docs: dict[str, Any] = dict(old["documents"]) if old else {}
        fresh: dict[str, Document] = {}
        meta_updates: dict[str, dict[str, Any]] = {}
        for item in tqdm(items, desc="解析", unit="篇", disable=not progress):
            if not isinstance(item, Document):
                report.skipped.append(
                    (Path(str(getattr(item, "path", item))).name, str(getattr(item, "reason", "")))
                )
                continue
            if not item.passages:
                report.skipped.append((Path(item.path).name, "未解析出可检索的正文段落"))
                continue
            report.documents += 1
            report.passages += len(item.passages)
            doc_meta.keep_user_genre(item, (previous or {}).get("documents", {}).get(item.doc_id))
            known = old_docs.get(item.doc_id)
            same_parse = known is not None and known.get("parser") == parser_fingerprint()
            if same_parse and known.get("sha256") == item.sha256 and item.doc_id not in fresh:
                report.unchanged += 1
                update = doc_meta.changed_fields(known, item)
                if update:
                    meta_updates[item.doc_id] = update
                continue
            if item.doc_id in fresh:
                report.skipped.append(
                    (Path(item.path).name, f"与本批另一文件的文档编号 {item.doc_id} 重复，已跳过")
                )
                continue
            report.replaced += known is not None
            report.added += known is None
            fresh[item.doc_id] = item
        if fresh or meta_updates:
            kept = [d for d in old_docs if d not in fresh]
            manifest = write_version(index_dir, old, kept, list(fresh.values()), settings, report,
                                      embedder=embedder, progress=progress, meta_updates=meta_updates)  # fmt: skip
        else:  # nothing new: the current version stays as it is (or there is still no index)
            manifest = old or store.read_manifest(index_dir) or {}
    report.total_documents = int(manifest.get("n_documents", 0))
    report.total_passages = int(manifest.get("n_passages", 0))
    report.index_type = manifest.get("index", {}).get("type", "")
    report.seconds = time.perf_counter() - started
    return report


def remove(doc_id_or_name: str, settings: Any, *, lock_timeout: float = LOCK_TIMEOUT) -> int:
    """Drop a document (or every document of a batch file) from the index, re-embedding nothing.

    Args:
        doc_id_or_name: a doc id, a file name, or the start of a doc id (``"001"``).
        settings: the assistant settings.
        lock_timeout: seconds to wait for another writer.

    Returns:
        Number of passages removed.

    Raises:
        IndexMissingError: no index yet.
        DocumentNotFoundError: nothing matches.
    """
    index_dir = Path(settings.index_dir)
    with store.write_lock(index_dir, lock_timeout, notify=_notify):
        store.cleanup_stale(index_dir)
        old = store.read_manifest(index_dir)
        if old is None:
            raise store.IndexMissingError(f"尚未建立索引（{index_dir}），无可删除的文档。")
        store.check_compatible(old, None)
        gone = store.match_documents(old, doc_id_or_name)
        if not gone:
            raise DocumentNotFoundError(
                f"索引中没有文档“{doc_id_or_name}”；可用 `assistant info` 查看已收录的文档。"
            )
        kept = [d for d in old["documents"] if d not in gone]
        write_version(index_dir, old, kept, [], settings, IngestReport(), embedder=None, progress=False)
        return sum(int(old["documents"][d]["n_passages"]) for d in gone)


def info(settings: Any) -> dict[str, Any]:
    """Describe the index: documents with passage counts, embedder, index type, file sizes.

    Args:
        settings: the assistant settings.

    Returns:
        A JSON-ready dict (``exists`` is ``False`` when no index has been built).
    """
    index_dir = Path(settings.index_dir)
    manifest = store.read_manifest(index_dir)
    if manifest is None:
        return {"index_dir": str(index_dir), "exists": False, "documents": [], "passages": 0}
    sizes = {
        p.relative_to(index_dir).as_posix(): p.stat().st_size
        for p in sorted(index_dir.rglob("*"))
        if p.is_file()
    }
    documents = [
        {"doc_id": d, "title": m.get("title") or doc_meta.fallback_title(m.get("path", ""), d), "year": m.get("year"),
         "genre": m.get("genre") or "unknown", "genre_confidence": m.get("genre_confidence"),
         "genre_source": m.get("genre_source"), "title_source": m.get("title_source"),
         "path": m.get("path"), "passages": m.get("n_passages", 0),
         **({"ocr": True, "ocr_pages": m.get("ocr_pages"), "ocr_confidence": m.get("ocr_confidence")} if m.get("ocr") else {})}
        for d, m in manifest["documents"].items()
    ]  # fmt: skip
    return {
        "index_dir": str(index_dir),
        "exists": True,
        "embedder": manifest["embedder"].get("id"),
        "dim": manifest["embedder"].get("dim"),
        "index_type": manifest["index"].get("type"),
        "index": manifest["index"],
        "lexical": manifest.get("lexical", {}),
        "chunking": manifest.get("chunking", {}),
        "documents": documents,
        "passages": manifest.get("n_passages", 0),
        "created": manifest.get("created"),
        "updated": manifest.get("updated"),
        "sizes": sizes,
        "total_bytes": sum(sizes.values()),
    }


class DocumentNotFoundError(store.StoreError, NotFoundError):
    """``remove`` found no document by that name."""


# ---------------------------------------------------------------------------- internals
def _notify(message: str) -> None:
    import sys

    print(message, file=sys.stderr)


def _check_settings(manifest: dict[str, Any], settings: Any) -> None:
    store.check_compatible(manifest, settings.embedder)
    chunk = manifest.get("chunking", {}).get("chunk_chars")
    if chunk is not None and chunk != settings.chunk_chars:
        raise store.IndexMismatchError(
            f"索引按每段 {chunk} 字切分，当前设置为 {settings.chunk_chars} 字；请运行 `assistant ingest --rebuild` 重建索引。"
        )


def _embed(docs: Sequence[Document], old: dict[str, Any] | None, index_dir: Path, settings: Any,
           report: IngestReport, embedder: Any, progress: bool) -> tuple[list[np.ndarray], list[list[str]], Any]:  # fmt: skip
    """Vectors (float16 per document) and text hashes of the new documents' passages."""
    from tqdm import tqdm

    texts = [[index_text(p.section, p.text) for p in d.passages] for d in docs]
    hashes = [[text_hash(t) for t in ts] for ts in texts]
    unique: dict[str, str] = {
        h: t for hs, ts in zip(hashes, texts, strict=True) for h, t in zip(hs, ts, strict=True)
    }
    vectors: dict[str, np.ndarray] = {}
    if old is not None and unique:
        old_store = store.IndexStore(index_dir, old)
        try:
            for h, pid in old_store.ids_by_hash(list(unique)).items():
                vectors[h] = np.asarray(old_store.vectors[pid], dtype=np.float16)
        finally:
            old_store.close()
    todo = sorted((h for h in unique if h not in vectors), key=lambda h: -len(unique[h]))
    total_new = sum(len(hs) for hs in hashes)
    if todo or old is None:
        embedder = embedder or _load_embedder(settings)
        if old is not None:
            store.check_compatible(old, embedder.id, embedder.dim)
    step = settings.batch_size * 4  # texts are globally length-sorted, so small calls lose no padding
    with tqdm(total=len(todo), desc="向量化", unit="段", disable=not progress or not todo) as bar:
        for lo in range(0, len(todo), step):
            chunk = todo[lo : lo + step]
            out = embedder.encode_documents([unique[h] for h in chunk], batch_size=settings.batch_size)
            for h, v in zip(chunk, np.asarray(out, dtype=np.float32), strict=True):
                vectors[h] = v.astype(np.float16)
            bar.update(len(chunk))
    report.embedded += len(todo)
    report.reused += total_new - len(todo)
    return [np.stack([vectors[h] for h in hs]) for hs in hashes], hashes, embedder


def _load_embedder(settings: Any) -> Any:
    from assistant.embed.embedder import load_embedder

    return load_embedder(settings)


def write_version(index_dir: Path, old: dict[str, Any] | None, kept: list[str], docs: list[Document],
                   settings: Any, report: IngestReport, *, embedder: Any, progress: bool,
                   meta_updates: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:  # fmt: skip
    """Build a complete new version (kept old documents + new ones) and publish it.

    ``meta_updates`` (doc id → manifest fields such as genre/title) change kept documents'
    metadata without re-embedding them.
    """
    meta_updates = meta_updates or {}
    import faiss

    from assistant.index.lexical import LexicalIndex

    new_vecs, hashes, embedder = _embed(docs, old, index_dir, settings, report, embedder, progress)
    embedder = doc_meta.vote_unknown_genres(docs, new_vecs, embedder, settings)
    if embedder is not None:
        emb = {"id": embedder.id, "dim": int(embedder.dim), "setting": settings.embedder}
    else:
        emb = dict(old["embedder"]) if old else {}
    dim = int(emb["dim"])
    old_docs = old["documents"] if old else {}
    n_total = sum(int(old_docs[d]["n_passages"]) for d in kept) + sum(len(d.passages) for d in docs)
    documents: dict[str, Any] = {}
    with store.staging(index_dir) as tmp:
        writer = PassageWriter(tmp / store.PASSAGES)
        vec = np.lib.format.open_memmap(
            tmp / store.VECTORS, mode="w+", dtype=np.float16, shape=(n_total, dim)
        )
        pos = 0
        if kept:
            old_vecs = np.load(index_dir / store.VECTORS, mmap_mode="r")
            for doc_id in kept:
                meta = dict(old_docs[doc_id])
                a, b = meta["passage_ids"]
                writer.copy_from(index_dir / store.PASSAGES, a, b, pos)
                vec[pos : pos + b - a] = old_vecs[a:b]
                meta |= meta_updates.get(doc_id, {})
                if doc_id in meta_updates:
                    writer.set_meta(pos, pos + b - a, meta.get("genre"), meta.get("year"))
                documents[doc_id] = meta | {"passage_ids": [pos, pos + b - a]}
                pos += b - a
            del old_vecs
        for doc, dv, hs in zip(docs, new_vecs, hashes, strict=True):
            genre, year = doc.meta.genre, doc.meta.year
            rows = [
                passage_row(pos + i, p, h, genre, year)
                for i, (p, h) in enumerate(zip(doc.passages, hs, strict=True))
            ]
            writer.add(rows)
            vec[pos : pos + len(rows)] = dv
            documents[doc.doc_id] = {
                "sha256": doc.sha256, "parser": parser_fingerprint(), "path": str(doc.path),
                **doc_meta.manifest_fields(doc),
                "level": doc.meta.level, "body_kind": doc.meta.body_kind, "body_level": doc.meta.body_level,
                "n_passages": len(rows), "passage_ids": [pos, pos + len(rows)],
            }  # fmt: skip
            pos += len(rows)
        vec.flush()
        del vec
        writer.finish()
        vectors = np.load(tmp / store.VECTORS, mmap_mode="r")
        index, desc = store.build_faiss(vectors, settings.ann_threshold)
        faiss.write_index(index, str(tmp / store.FAISS))
        del index, vectors
        texts = (index_text(sec, text) for sec, text in iter_section_texts(tmp / store.PASSAGES))
        lexical = LexicalIndex.build(texts, tmp / store.BM25_DIR, n_docs=n_total)
        lex_mode = lexical.mode
        lexical.close()
        stamp = store.now()
        manifest = {
            "format_version": store.FORMAT_VERSION,
            "version_id": uuid.uuid4().hex,
            "created": old["created"] if old else stamp,
            "updated": stamp,
            "embedder": emb,
            "chunking": {
                "chunk_chars": settings.chunk_chars,
                "embedded_text": "heading path + '\\n' + passage",
            },
            "index": desc,
            "lexical": {"mode": lex_mode, "tokens": "character unigrams + bigrams", "k1": 1.5, "b": 0.75},
            "n_documents": len(documents),
            "n_passages": n_total,
            "documents": documents,
            "versions": store.package_versions(),
        }
        (tmp / store.MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        store.publish(tmp, index_dir)
    return manifest
