"""Benchmark ingestion throughput (read + clean + headings + chunks + slots, no embedding).

Runs over the national government work reports in ``../shared/corpora/national-gwr`` (or a
folder given as the first argument) and prints MB of text per second with document and
passage counts. Usage: ``python bench/bench_ingest.py [FOLDER]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.ingest.cleaning import clean_text  # noqa: E402
from assistant.ingest.pipeline import IngestError, iter_documents  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def main(argv: list[str]) -> int:
    """Run the benchmark.

    Args:
        argv: command-line arguments; the first, if any, is the corpus folder.

    Returns:
        Process exit code.
    """
    folder = Path(argv[0]) if argv else ROOT.parent / "shared" / "corpora" / "national-gwr"
    if not folder.is_dir():
        print(f"找不到语料文件夹：{folder}")
        return 1
    settings = Settings(max_file_mb=200)
    t0 = time.perf_counter()
    docs = passages = headings = errors = 0
    chars = nbytes = 0
    clean_only = 0.0
    files = [p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in {".txt", ".jsonl", ".csv"}]
    files = [p for p in files if p.name != "SOURCE.txt"]  # the collection's provenance note
    for item in iter_documents(files, settings):
        if isinstance(item, IngestError):
            errors += 1
            print(f"  错误：{item}")
            continue
        docs += 1
        passages += len(item.passages)
        headings += len(item.headings)
        chars += len(item.original)
        nbytes += len(item.original.encode("utf-8"))
        t = time.perf_counter()
        clean_text(item.original)
        clean_only += time.perf_counter() - t
    elapsed = time.perf_counter() - t0 - clean_only
    mb = nbytes / 1e6
    print(f"语料：{folder}")
    print(f"文档 {docs} 篇，段落块 {passages} 个，标题 {headings} 个，错误 {errors} 个")
    print(f"文本 {mb:.2f} MB（{chars} 字符），用时 {elapsed:.2f} 秒")
    print(f"吞吐：{mb / elapsed:.2f} MB/s（全流程），清洗单独：{mb / clean_only:.2f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
