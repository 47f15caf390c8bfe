"""Run every benchmark in turn (``make bench``); each prints its own figures and ratios.

Quick variants are used where a script offers them so the whole run fits a CI-sized machine;
pass ``--full`` for the long runs (1M-passage search, full CMRC2018 dev).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    full = "--full" in sys.argv
    runs = [
        ["bench_ingest.py"],
        ["bench_draft.py", "--index", "index"],
        ["bench_matrix.py", "--index", "index"] + ([] if full else ["--quick"]),
        ["bench_embedder.py"] + ([] if not full else ["--cmrc"]),
        ["bench_ingest_index.py"] + ([] if full else ["--quick"]),
        ["bench_search.py"] + ([] if full else ["--quick"]),
        ["bench_load.py", "--index", "index"],
        ["bench_upload_load.py"],
        ["outline_threshold.py"],
        ["bench_hostile.py"],
        ["bench_pdf.py"],
        ["bench_doc.py"],
        ["bench_ocr.py"] + ([] if full else ["--pages", "2"]),
    ]
    failed = 0
    for run in runs:
        print(f"\n===== {' '.join(run)} =====", flush=True)
        code = subprocess.call([sys.executable, str(HERE / run[0]), *run[1:]])
        if code:
            print(f"!! {run[0]} exited with {code}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
