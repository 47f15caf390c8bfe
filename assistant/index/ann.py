"""FAISS for the vectors: exact below a threshold, IVF-SQ8 with ``nprobe`` tuned to a recall target above.

Vectors are L2-normalised, so inner product is cosine. Passage ids are FAISS ids. ``exact_topk``
is the ground truth used for tuning and for filtered searches over small subsets.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

TARGET_RECALL = 0.95


def build_faiss(vectors: np.ndarray, ann_threshold: int, *, seed: int = 0) -> tuple[Any, dict[str, Any]]:
    """Exact inner product for small corpora, IVF-SQ8 with tuned ``nprobe`` above the threshold.

    Args:
        vectors: float32-convertible [n, dim], L2-normalised; row i gets id i.
        ann_threshold: above this many rows an approximate index is built.
        seed: random seed of the training sample and the tuning queries.

    Returns:
        The index and its description for the manifest (type, nlist, nprobe, recall@10).
    """
    import faiss

    n, dim = vectors.shape
    ids = np.arange(n, dtype=np.int64)
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    if n <= ann_threshold:
        index = faiss.IndexIDMap(faiss.IndexFlatIP(dim))
        for lo in range(0, n, 65536):
            index.add_with_ids(np.asarray(vectors[lo : lo + 65536], dtype=np.float32), ids[lo : lo + 65536])
        return index, {"type": "IDMap,Flat", "metric": "inner_product", "exact": True}
    rng = np.random.default_rng(seed)
    nlist = max(16, int(4 * np.sqrt(n)))
    index = faiss.index_factory(dim, f"IVF{nlist},SQ8", faiss.METRIC_INNER_PRODUCT)
    sample = np.sort(rng.choice(n, size=min(n, 40 * nlist), replace=False))
    index.cp.niter = 10
    index.train(np.asarray(vectors[sample], dtype=np.float32))
    for lo in range(0, n, 65536):
        index.add_with_ids(np.asarray(vectors[lo : lo + 65536], dtype=np.float32), ids[lo : lo + 65536])
    nprobe, recall = tune_nprobe(index, vectors, rng)
    index.nprobe = nprobe
    desc = {"type": f"IVF{nlist},SQ8", "metric": "inner_product", "exact": False, "nlist": nlist}
    return index, desc | {"nprobe": nprobe, "recall_at_10": round(recall, 4)}


def tune_nprobe(
    index: Any, vectors: np.ndarray, rng: np.random.Generator, n_queries: int = 200
) -> tuple[int, float]:
    """Smallest ``nprobe`` whose recall@10 against exact search reaches :data:`TARGET_RECALL`.

    Queries are normalised midpoints of two random stored vectors (harder than the vectors
    themselves, which always find themselves).
    """
    n = vectors.shape[0]
    a = np.asarray(vectors[np.sort(rng.choice(n, n_queries))], dtype=np.float32)
    b = np.asarray(vectors[np.sort(rng.choice(n, n_queries))], dtype=np.float32)
    queries = a + b
    queries /= np.linalg.norm(queries, axis=1, keepdims=True) + 1e-12
    truth = exact_topk(vectors, queries, 10)
    recall = 0.0
    nprobe = 1
    while nprobe <= index.nlist:
        index.nprobe = nprobe
        _, got = index.search(queries, 10)
        recall = float(np.mean([len(set(g) & set(t)) / 10 for g, t in zip(got, truth, strict=True)]))
        if recall >= TARGET_RECALL:
            break
        nprobe *= 2
    return min(nprobe, index.nlist), recall


def exact_topk(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Exact inner-product top-k ids, scanning ``vectors`` in blocks (works on a memory map)."""
    best_s = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_i = np.zeros((len(queries), k), dtype=np.int64)
    for lo in range(0, vectors.shape[0], 131072):
        block = np.asarray(vectors[lo : lo + 131072], dtype=np.float32)
        s = queries @ block.T
        s_all = np.concatenate([best_s, s], axis=1)
        i_all = np.concatenate(
            [best_i, np.arange(lo, lo + block.shape[0])[None, :].repeat(len(queries), 0)], axis=1
        )
        top = np.argpartition(-s_all, k - 1, axis=1)[:, :k]
        best_s = np.take_along_axis(s_all, top, 1)
        best_i = np.take_along_axis(i_all, top, 1)
    return best_i
