"""Search latency, recall and memory at the sample-corpus size, 100k and 1M passages.

* ``corpus``: the samples in ``corpus/`` indexed with the real default embedder.
* ``100k`` / ``1m``: real passage texts (the laws in ``../shared/corpora/laws``, ~83k passages,
  cycled to fill) in the passage store and BM25, with synthetic clustered 384-d vectors (embedding
  a million passages is out of reach here); the query is still encoded by the real embedder, so
  latency is end to end: query encoding + FAISS + BM25 + fusion + SQLite fetch + collapse.

Each size runs in its own process so that peak memory (``ru_maxrss``) is per size.

Usage: ``python bench/bench_search.py [--quick] [--sizes corpus,100k,1m] [--queries 40]``
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LAWS = ROOT.parent / "shared" / "corpora" / "laws"
QUERIES = [
    "聘请法律顾问 合法性审查", "领导干部带头遵守法律", "向群众宣传法律知识的活动", "存在问题和不足",
    "重大行政决策程序", "行政执法三项制度", "法治政府建设第一责任人", "学习贯彻习近平法治思想",
    "行政复议和行政应诉", "矛盾纠纷排查化解", "规范性文件备案审查", "民法典宣传进社区",
    "基层法治队伍建设", "法律援助覆盖面", "营商环境法治保障", "下一步工作打算",
    "执法人员持证上岗", "述法考评结果运用", "安全生产责任", "生态环境保护执法",
    "劳动合同解除的条件", "未成年人保护", "行政处罚听证程序", "合同无效的情形",
    "国家机关工作人员滥用职权", "土地征收补偿", "食品安全监督管理", "个人信息保护",
    "刑事诉讼中的辩护", "知识产权侵权赔偿", "乡村振兴法治保障", "社会治安综合治理",
    "信访工作法治化", "公共法律服务体系", "法治文化阵地建设", "以案释法警示教育",
    "党委理论学习中心组学法", "法治督察整改", "综合行政执法改革", "村规民约修订",
]  # fmt: skip


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory in MB (``VmRSS``; ``RssAnon`` = heap, ``RssFile`` = memory-mapped files)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def law_texts(cache: Path) -> list[tuple[str, list[str]]]:
    """(text, section) of every law passage, cached as JSON lines."""
    path = cache / "law_passages.jsonl"
    if not path.exists():
        from assistant.ingest.pipeline import iter_documents
        from assistant.settings import Settings

        cache.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            for doc in iter_documents([LAWS], Settings()):
                for p in getattr(doc, "passages", []):
                    out.write(json.dumps([p.text, p.section], ensure_ascii=False) + "\n")
    return [tuple(json.loads(line)) for line in path.open(encoding="utf-8")]


def build_synthetic(folder: Path, n: int, embedder, cache: Path, ann_threshold: int = 50_000) -> dict:
    """An index folder of ``n`` passages: law texts cycled, synthetic clustered vectors."""
    import faiss

    from assistant.index import store
    from assistant.index.lexical import LexicalIndex, index_text
    from assistant.index.passage_db import PassageWriter

    texts = law_texts(cache)
    dim = embedder.dim
    rng = np.random.default_rng(0)
    centers = rng.normal(size=(2000, dim)).astype(np.float32)
    folder.mkdir(parents=True)
    t0 = time.perf_counter()
    vec = np.lib.format.open_memmap(folder / store.VECTORS, mode="w+", dtype=np.float16, shape=(n, dim))
    for lo in range(0, n, 100_000):
        m = min(100_000, n - lo)
        v = centers[rng.integers(0, len(centers), m)] + 0.7 * rng.normal(size=(m, dim)).astype(np.float32)
        vec[lo : lo + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
    vec.flush()
    del vec
    writer = PassageWriter(folder / store.PASSAGES)
    docs = {}
    for lo in range(0, n, 50_000):
        rows = []
        for i in range(lo, min(n, lo + 50_000)):
            text, section = texts[i % len(texts)]
            rows.append((i, f"law{i // 20:06d}", i % 20, json.dumps(section, ensure_ascii=False), len(section),
                         0, len(text), 0, len(text), "[]", text, "", "法律", 2020 + i % 5))  # fmt: skip
        writer.add(rows)
    writer.finish()
    for d in range(0, n, 20):
        docs[f"law{d // 20:06d}"] = {
            "sha256": "",
            "path": "",
            "n_passages": min(20, n - d),
            "passage_ids": [d, min(n, d + 20)],
        }
    t_store = time.perf_counter() - t0
    t0 = time.perf_counter()
    vectors = np.load(folder / store.VECTORS, mmap_mode="r")
    index, desc = store.build_faiss(vectors, ann_threshold)
    faiss.write_index(index, str(folder / store.FAISS))
    t_faiss = time.perf_counter() - t0
    t0 = time.perf_counter()
    gen = (index_text(texts[i % len(texts)][1], texts[i % len(texts)][0]) for i in range(n))
    lex = LexicalIndex.build(gen, folder / store.BM25_DIR, n_docs=n)
    t_bm25 = time.perf_counter() - t0
    manifest = {
        "format_version": store.FORMAT_VERSION, "version_id": "bench", "created": store.now(), "updated": store.now(),
        "embedder": {"id": embedder.id, "dim": dim, "setting": embedder.id}, "chunking": {"chunk_chars": 500},
        "index": desc, "lexical": {"mode": lex.mode}, "n_documents": len(docs), "n_passages": n, "documents": docs,
    }  # fmt: skip
    (folder / store.MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return {"build_store_s": round(t_store, 1), "build_faiss_s": round(t_faiss, 1), "build_bm25_s": round(t_bm25, 1),
            "index": desc, "bm25_mode": lex.mode, "centers": centers}  # fmt: skip


def folder_mb(folder: Path, pattern: str = "*") -> float:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file()) / 2**20


def run_size(size: str, n_queries: int, keep: bool = False) -> dict:
    """Build (or reuse) the index of one size and measure it; returns the figures."""
    from assistant.embed.embedder import load_embedder
    from assistant.index import indexer, store
    from assistant.index.search import Searcher
    from assistant.settings import load_settings

    settings = load_settings()
    embedder = load_embedder(settings)
    embedder.encode_queries(["预热"])
    cache = settings.cache_dir / "bench"
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{size}-"))
    out: dict = {"size": size}
    if size == "corpus":
        s = settings.model_copy(update={"index_dir": tmp / "index"})
        t0 = time.perf_counter()
        indexer.ingest([ROOT / "corpus"], s, embedder=embedder, progress=False)
        out["build_s"] = round(time.perf_counter() - t0, 1)
        folder = s.index_dir
        synth = None
    else:
        n = {"100k": 100_000, "1m": 1_000_000}[size]
        folder = cache / f"synthetic-{size}" if keep else tmp / "index"
        if not (folder / "manifest.json").exists():
            shutil.rmtree(folder, ignore_errors=True)
            synth = build_synthetic(folder, n, embedder, cache)
            np.save(cache / f"centers-{size}.npy", synth["centers"])
            out.update({k: v for k, v in synth.items() if k != "centers"})
        synth = {"centers": np.load(cache / f"centers-{size}.npy")}
    rss0, anon0, file0 = rss_mb(), rss_mb("RssAnon"), rss_mb("RssFile")
    searcher = Searcher(folder, embedder, settings=settings.model_copy(update={"index_dir": folder}))
    searcher.search("预热查询", k=10)
    queries = (QUERIES * (1 + n_queries // len(QUERIES)))[:n_queries]
    enc, total = [], []
    for i, q in enumerate(queries):
        q = q if i < len(QUERIES) else f"{q} {i}"
        embedder._query_cache.clear()
        t0 = time.perf_counter()
        embedder.encode_queries([q])
        t1 = time.perf_counter()
        hits = searcher.search(q, k=10)
        t2 = time.perf_counter()
        enc.append((t1 - t0) * 1000)
        total.append((t2 - t0) * 1000)
        assert hits
    out["index_rss_mb"] = round(rss_mb() - rss0, 1)
    out["index_heap_mb"] = round(rss_mb("RssAnon") - anon0, 1)
    out["index_mapped_mb"] = round(rss_mb("RssFile") - file0, 1)
    searcher.search("法治宣传", k=10, section="第一章")
    t0 = time.perf_counter()
    filtered = searcher.search("法治宣传 教育", k=10, year=2022)
    out["filtered_year_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    out["filtered_hits"] = len(filtered)
    out["p50_ms"] = round(float(np.percentile(total, 50)), 1)
    out["p95_ms"] = round(float(np.percentile(total, 95)), 1)
    out["encode_p50_ms"] = round(float(np.percentile(enc, 50)), 1)
    out["search_only_p50_ms"] = round(float(np.percentile(np.subtract(total, enc), 50)), 1)
    out["search_only_p95_ms"] = round(float(np.percentile(np.subtract(total, enc), 95)), 1)
    out["n_passages"] = searcher.store.n_passages
    out["index_type"] = searcher.store.manifest["index"]["type"]
    out["disk_mb"] = {
        p.name: round(folder_mb(p) if p.is_dir() else p.stat().st_size / 2**20, 1) for p in folder.iterdir()
    }
    if synth is not None and not searcher.store.manifest["index"].get("exact", True):
        rng = np.random.default_rng(7)
        c = synth["centers"]
        qv = c[rng.integers(0, len(c), 200)] + 0.7 * rng.normal(size=(200, c.shape[1])).astype(np.float32)
        qv = (qv / np.linalg.norm(qv, axis=1, keepdims=True)).astype(np.float32)
        truth = store.exact_topk(searcher.store.vectors, qv, 10)
        t0 = time.perf_counter()
        _, got = searcher.store.faiss.search(qv, 10)
        out["faiss_ms_per_query"] = round((time.perf_counter() - t0) * 1000 / len(qv), 3)
        out["recall_at_10"] = round(
            float(np.mean([len(set(g) & set(t)) / 10 for g, t in zip(got, truth, strict=True)])), 3
        )
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    searcher.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="corpus and 100k only, 20 queries")
    parser.add_argument("--sizes", default=None, help="comma list of corpus,100k,1m")
    parser.add_argument("--queries", type=int, default=None)
    parser.add_argument(
        "--keep", action="store_true", help="keep/reuse synthetic indexes in the cache folder"
    )
    parser.add_argument("--only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    n_queries = args.queries or (20 if args.quick else 60)
    if args.only:
        print(json.dumps(run_size(args.only, n_queries, args.keep), ensure_ascii=False))
        return
    sizes = (args.sizes or ("corpus,100k" if args.quick else "corpus,100k,1m")).split(",")
    for size in sizes:
        extra = ["--keep"] if args.keep else []
        proc = subprocess.run([sys.executable, __file__, "--only", size, "--queries", str(n_queries), *extra],
                              capture_output=True, text=True)  # fmt: skip
        if proc.returncode != 0:
            print(f"[{size}] 失败：\n{proc.stderr[-2000:]}")
            continue
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
