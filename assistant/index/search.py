"""Hybrid search: dense (FAISS) + BM25, per-query min-max fusion, filters, near-duplicate collapse.

For one query: the dense top ``pool`` (FAISS, restricted to the filtered passages when a filter
is set) and the BM25 top ``pool`` form the candidate set; every candidate gets its exact cosine
(from the stored vectors) and its BM25 score; both are min-max normalised over the candidates and
fused as ``dense_weight·dense + (1 − dense_weight)·bm25`` (0.8/0.2 by default, see
``docs/embedder.md``: never worse than dense alone, unlike RRF). Hits whose texts are
near-identical (character-bigram Jaccard ≥ ``dedup_threshold``, or cosine ≥ 0.97) are collapsed
into the best one, which counts them in ``duplicates``; the Jaccard check is only run for pairs of
similar length whose cosine is ≥ 0.85 (near-identical texts always are), which keeps it cheap.

FAISS runs single-threaded for queries (one query at a time gains nothing from OpenMP, and on a
busy machine its spinning threads cost milliseconds).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from assistant.index.lexical import index_text
from assistant.index.store import IndexStore, read_manifest
from assistant.types import Hit

POOL = 100
EXACT_FILTER_MAX = 5_000
DUP_COSINE = 0.97
JACCARD_MIN_COSINE = 0.85  # near-identical texts embed far above this; skips most Jaccard checks


def _bigrams(text: str) -> set[str]:
    flat = "".join(text.split())
    return {flat[i : i + 2] for i in range(len(flat) - 1)} or {flat}


def _minmax(x: np.ndarray) -> np.ndarray:
    if x.size == 0:
        return x
    lo, hi = float(x.min()), float(x.max())
    if hi - lo < 1e-12:
        return np.zeros_like(x) if hi <= 0 else np.ones_like(x)
    return (x - lo) / (hi - lo)


class Searcher:
    """Searches one index folder; load once, call :meth:`search` many times (thread-safe)."""

    def __init__(
        self, index_dir: Path | str, embedder: Any = None, *, settings: Any = None, pool: int = POOL
    ) -> None:
        """Open the current index version.

        Args:
            index_dir: the index folder.
            embedder: a loaded embedder; default ``load_embedder(settings)`` on the first query.
            settings: the assistant settings (embedder, dense_weight, dedup_threshold); defaults
                to ``load_settings()``.
            pool: candidates taken from each of FAISS and BM25.

        Raises:
            IndexMissingError: no index yet.
            IndexMismatchError: the index was built with another embedder.
        """
        if settings is None:
            from assistant.settings import load_settings

            settings = load_settings()
        self.index_dir = Path(index_dir)
        self.settings = settings
        self.pool = pool
        self.dense_weight = float(settings.dense_weight)
        self.dedup_threshold = float(settings.dedup_threshold)
        self._embedder = embedder
        self._lock = threading.RLock()
        self._filters: OrderedDict[tuple, np.ndarray | None] = OrderedDict()
        self._loaded_stamp = self._stamp()
        self.store = self._open()

    def _open(self) -> IndexStore:
        if self._embedder is not None:
            return IndexStore.open(self.index_dir, self._embedder.id, int(self._embedder.dim))
        return IndexStore.open(self.index_dir, self.settings.embedder)

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = (self.index_dir / "manifest.json").stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns)

    @property
    def embedder(self) -> Any:
        """The query embedder (loaded on first use, dimension checked against the index)."""
        if self._embedder is None:
            from assistant.embed.embedder import load_embedder
            from assistant.index.store import check_compatible

            embedder = load_embedder(self.settings)
            check_compatible(self.store.manifest, embedder.id, int(embedder.dim))
            self._embedder = embedder
        return self._embedder

    def reload(self) -> bool:
        """Switch to a newer published version of the index, if there is one.

        Returns:
            ``True`` when a newer version was loaded.
        """
        manifest_stamp = self._stamp()
        with self._lock:
            if manifest_stamp is None or manifest_stamp == self._loaded_stamp:
                return False
            manifest = read_manifest(self.index_dir)
            if manifest is None:
                return False
            self._loaded_stamp = manifest_stamp
            if manifest.get("version_id") == self.store.stamp:
                return False
            old, self.store = self.store, self._open()
            self._filters.clear()
            old.close()
            return True

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if getattr(self, "_pool_exec", None) is None:
                self._pool_exec = ThreadPoolExecutor(max_workers=2, thread_name_prefix="bm25")
            return self._pool_exec

    # ------------------------------------------------------------------ search
    def search(self, query: str, *, k: int = 10, genre: str | None = None, year: int | None = None,
               doc: str | None = None, section: str | None = None) -> list[Hit]:  # fmt: skip
        """Hybrid search with optional filters.

        Args:
            query: free text (a phrase, a sentence, keywords).
            k: number of hits wanted.
            genre: only passages of this genre (述法报告 …).
            year: only passages of documents of this year.
            doc: only this document (doc id, file name, or doc-id prefix such as ``"001"``).
            section: only passages with a heading containing this text (e.g. ``"存在问题"``).

        Returns:
            Up to ``k`` hits, best first, near-duplicates collapsed.
        """
        if not query.strip() or k <= 0:
            return []
        with self._lock:
            st = self.store
        if st.n_passages == 0:
            return []
        allowed = self._allowed(st, genre, year, doc, section)
        if allowed is not None and allowed.size == 0:
            return []
        # BM25 scoring runs while the query is encoded (both release the GIL for most of their work)
        lex_future = self._executor().submit(st.lexical.all_scores, query)
        qvec = np.asarray(self.embedder.encode_queries([query]), dtype=np.float32).reshape(-1)
        lex_all = lex_future.result()
        pool = max(self.pool, 4 * k)
        limit = min(st.n_passages if allowed is None else int(allowed.size), 64 * pool)
        seen = -1
        while True:
            dense_ids = self._dense_candidates(st, qvec, pool, allowed)
            lex_ids = np.empty(0, dtype=np.int64)
            if lex_all is not None:
                sub = lex_all if allowed is None else lex_all[allowed]
                take = min(pool, sub.size)
                top = np.argpartition(-sub, take - 1)[:take] if take else np.empty(0, dtype=np.int64)
                top = top[sub[top] > 0]
                lex_ids = top if allowed is None else allowed[top]
            cands = np.unique(np.concatenate([dense_ids, lex_ids]).astype(np.int64))
            if cands.size == 0:
                return []
            vecs = np.asarray(st.vectors[cands], dtype=np.float32)
            dense = vecs @ qvec
            texts = st.texts(cands)
            if lex_all is not None:
                lexical = lex_all[cands]
            else:
                lexical = st.lexical.pool_scores(
                    query, cands.tolist(), [index_text(*texts[i]) for i in cands.tolist()]
                )
            w = self.dense_weight
            fused = w * _minmax(dense) + (1 - w) * _minmax(lexical)
            order = np.argsort(-fused, kind="stable")
            kept = self._collapse(order, cands, [texts[i][1] for i in cands.tolist()], vecs, k)
            # collapsing near-duplicates may leave fewer than k: widen the pool while candidates remain
            if len(kept) >= k or pool >= limit or cands.size == seen:
                break
            seen, pool = cands.size, min(pool * 4, limit)
        passages = st.passages([int(cands[row]) for row, _ in kept])
        return [
            Hit(passage=passages[int(cands[row])], score=float(fused[row]), dense=float(dense[row]),
                lexical=float(lexical[row]), duplicates=dups,
                title=st.doc_title(passages[int(cands[row])].doc_id))
            for row, dups in kept
        ]  # fmt: skip

    def _allowed(self, st: IndexStore, genre, year, doc, section) -> np.ndarray | None:
        if not (genre or year or doc or section):
            return None
        key = (st.stamp, genre or None, year or None, doc or None, section or None)
        with self._lock:
            if key in self._filters:
                self._filters.move_to_end(key)
                return self._filters[key]
        allowed = st.allowed_ids(genre=genre, year=year, doc=doc, section=section)
        with self._lock:
            self._filters[key] = allowed
            while len(self._filters) > 64:
                self._filters.popitem(last=False)
        return allowed

    def _dense_candidates(
        self, st: IndexStore, qvec: np.ndarray, pool: int, allowed: np.ndarray | None
    ) -> np.ndarray:
        if allowed is not None and allowed.size <= EXACT_FILTER_MAX:
            scores = np.asarray(st.vectors[allowed], dtype=np.float32) @ qvec
            take = min(pool, scores.size)
            return allowed[np.argpartition(-scores, take - 1)[:take]]
        import faiss

        params = None
        if allowed is not None:
            sel = faiss.IDSelectorBatch(allowed)
            info = st.manifest.get("index", {})
            if info.get("nprobe"):  # probe more lists when the filter keeps a small share of the passages
                share = allowed.size / max(st.n_passages, 1)
                nprobe = min(int(info["nlist"]), int(np.ceil(int(info["nprobe"]) / max(share, 1e-6))))
                params = faiss.SearchParametersIVF(sel=sel, nprobe=nprobe)
            else:
                params = faiss.SearchParameters(sel=sel)
        _, ids = st.faiss.search(qvec[None, :], min(pool, st.n_passages), params=params)
        ids = ids[0][ids[0] >= 0]
        if allowed is not None and ids.size < min(pool, allowed.size):
            from assistant.index.store import exact_topk

            sub = st.vectors[allowed]
            ids = allowed[exact_topk(sub, qvec[None, :], min(pool, allowed.size))[0]]
        return ids

    def _collapse(self, order: np.ndarray, cands: np.ndarray, texts: list[str], vecs: np.ndarray,
                  k: int) -> list[tuple[int, int]]:  # fmt: skip
        """Walk candidates best first; keep up to ``k`` that are not near-duplicates of a kept one.

        Returns:
            ``(candidate row, number of collapsed duplicates)`` of the kept candidates, best first.
        """
        thr = self.dedup_threshold
        cols: list[list[float]] = []  # cosine of every candidate with each kept one
        lengths = [len(t) for t in texts]
        grams: dict[int, set[str]] = {}
        kept: list[int] = []
        dups: list[int] = []
        for row in order.tolist():
            lrow = lengths[row]
            dup = next((j for j in range(len(kept)) if cols[j][row] >= DUP_COSINE), -1)
            if dup < 0:
                for j, kr in enumerate(kept):
                    if cols[j][row] < JACCARD_MIN_COSINE or min(lrow, lengths[kr]) < (thr - 0.1) * max(
                        lrow, lengths[kr]
                    ):
                        continue
                    for r in (row, kr):
                        if r not in grams:
                            grams[r] = _bigrams(texts[r])
                    a, b = grams[row], grams[kr]
                    if len(a & b) >= thr * len(a | b):
                        dup = j
                        break
            if dup >= 0:
                dups[dup] += 1
            elif len(kept) < k:
                kept.append(row)
                dups.append(0)
                cols.append((vecs @ vecs[row]).tolist())
        return list(zip(kept, dups, strict=True))

    def close(self) -> None:
        """Release file handles and the BM25 worker threads."""
        self.store.close()
        executor = getattr(self, "_pool_exec", None)
        if executor is not None:
            executor.shutdown(wait=False)
            self._pool_exec = None


_SEARCHERS: dict[tuple[str, str], Searcher] = {}
_SEARCHERS_LOCK = threading.Lock()


def get_searcher(settings: Any, embedder: Any = None) -> Searcher:
    """The cached :class:`Searcher` of ``settings.index_dir`` (reloaded when a newer version exists).

    Args:
        settings: the assistant settings.
        embedder: an already loaded embedder to use when the searcher is created.

    Returns:
        The searcher.
    """
    key = (str(Path(settings.index_dir).resolve()), settings.embedder)
    with _SEARCHERS_LOCK:
        searcher = _SEARCHERS.get(key)
        if searcher is None:
            searcher = Searcher(settings.index_dir, embedder, settings=settings)
            _SEARCHERS[key] = searcher
    searcher.reload()
    searcher.dense_weight = float(settings.dense_weight)
    searcher.dedup_threshold = float(settings.dedup_threshold)
    return searcher


def search(query: str, settings: Any, k: int = 10, **filters: Any) -> list[Hit]:
    """Hybrid search of the index named by ``settings.index_dir``.

    Args:
        query: free text.
        settings: the assistant settings.
        k: number of hits.
        **filters: ``genre``, ``year``, ``doc``, ``section`` (``None`` values are ignored).

    Returns:
        Up to ``k`` hits, best first.
    """
    return get_searcher(settings).search(query, k=k, **{f: v for f, v in filters.items() if v is not None})
