"""Hostile input: time to refusal and peak memory of the ingest process, index unchanged.

Each hostile file of the issue is generated in a temp folder (tests/hostile_files.py: small on
disk, huge once unpacked) and ingested with ``assistant ingest FILE`` in a fresh process, into an
index that already holds one sample report. Per file: seconds until the command returned, peak
RSS of the ingest process tree (the CLI and its parse worker, ``RUSAGE_CHILDREN``), the reason
printed, and whether the index's version is unchanged with nothing half-written beside it.
Targets on 2 cores: each refused in ≤ 10 s with ≤ 1 GB peak, the index unchanged.

Then the probe's tables and requests (issue 21): the 504-byte YAML alias bomb given to
``assistant ask --metrics`` (seconds and peak RSS to its refusal), and the hostile web requests of
``bench/hostile_web.py`` against the real server with two logins (time to refusal, the server's
peak memory above idle, the other user's search p95 during each request vs idle).

Usage: ``python bench/bench_hostile.py [--files | --web]`` (both parts by default)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import hostile_files as hf  # noqa: E402

TARGET_S = 10.0
TARGET_MB = 1024.0
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "s = time.perf_counter() - t\n"
    "import json\n"
    "print(json.dumps({'s': s, 'rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " 'code': p.returncode, 'out': p.stdout + p.stderr}))\n"
)


def cases(folder: Path) -> list[tuple[str, Path]]:
    """The hostile files of the issue, at the issue's sizes."""
    return [
        ("one-line .txt, 40 MB without punctuation", hf.one_line_txt(folder / "oneline.txt", 13_400_000)),
        (".docx of 104 KB holding 100 MB of text", hf.docx_bomb(folder / "text100m.docx", 100_000_000 // 3)),
        (".docx unpacking to 1 GB", hf.docx_bomb(folder / "bomb1g.docx", 1_000_000_000 // 3)),
        ("PDF with a 54 MB text layer", hf.pdf_text_layer(folder / "layer54m.pdf", 54_000_000)),
        ("PDF of 5,000 pages", hf.pdf_many_pages(folder / "pages.pdf", 5000)),
        ("scan of 20,000 × 20,000 px (.png)", hf.png_huge(folder / "scan.png", 20_000, 20_000)),
        ("image PDF of 3,000 pages", hf.image_pdf(folder / "scan3000.pdf", 3000)),
        ("image PDF of 400 pages (OCR page limit)", hf.image_pdf(folder / "scan400.pdf", 400)),
        (".jsonl with 1,000 malformed rows", hf.jsonl_bad_rows(folder / "rows.jsonl", 1000, good=False)),
        (".jsonl nested 100,000 levels", hf.deep_json(folder / "deep.jsonl", 100_000)),
    ]


def _cli(index: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "assistant.cli", "ingest", *args, "--index", str(index)]


def _state(index: Path) -> tuple[str | None, list[str]]:
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    return manifest.get("version_id"), sorted(p.name for p in index.parent.iterdir())


def yaml_bomb(folder: Path, env: dict[str, str]) -> bool:
    """The YAML alias bomb through the CLI: time and peak RSS to its refusal (targets 10 s, 1 GB)."""
    bomb = hf.yaml_bomb(folder / "bomb.yaml")
    cmd = [sys.executable, "-m", "assistant.cli", "ask", "帮我写一段普法宣传的内容", "--metrics", str(bomb),
           "--index", str(folder / "no-index")]  # fmt: skip
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, env=env)
    row = json.loads(out.stdout.strip().splitlines()[-1])
    mb = row["rss_kb"] / 1024
    reason = row["out"].strip().splitlines()[-1][:80]
    print(f"{'YAML alias bomb (9 levels) to ask --metrics':<44} {bomb.stat().st_size:7d} B {row['s']:9.2f}s "
          f"{mb:7.0f}MB  {reason}")  # fmt: skip
    return row["s"] <= TARGET_S and mb <= TARGET_MB and row["code"] == 2


def main(argv: list[str] | None = None) -> int:
    args = set(argv if argv is not None else sys.argv[1:])
    ok = True
    if "--web" not in args:
        ok &= files_main()
    if "--files" not in args:
        import hostile_web

        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        with tempfile.TemporaryDirectory() as tmp:
            print()
            ok &= yaml_bomb(Path(tmp), env)
        print()
        ok &= hostile_web.main()
    return 0 if ok else 1


def files_main() -> bool:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        index = tmpdir / "idx" / "index"
        good = tmpdir / "good.txt"
        shutil.copy(next((ROOT / "corpus").glob("001_*.txt")), good)
        subprocess.run(_cli(index, str(good)), check=True, capture_output=True, env=env)
        before = _state(index)
        files = tmpdir / "hostile"
        files.mkdir()
        t0 = time.perf_counter()
        todo = cases(files)
        print(f"generated {len(todo)} hostile files in {time.perf_counter() - t0:.1f} s")
        (files / "notes.xyz").write_text("不支持的类型", encoding="utf-8")
        todo.insert(0, ("(baseline: an unsupported .xyz, CLI start-up)", files / "notes.xyz"))
        print(f"{'case':<44} {'on disk':>9} {'refused in':>10} {'peak RSS':>9} {'index':>10}  reason")
        base_s = None
        worst_s = worst_mb = 0.0
        ok = True
        for label, path in todo:
            out = subprocess.run(
                [sys.executable, "-c", _MEASURE, *_cli(index, str(path))],
                capture_output=True,
                text=True,
                env=env,
            )
            row = json.loads(out.stdout.strip().splitlines()[-1])
            mb = row["rss_kb"] / 1024
            unchanged = _state(index) == before
            reason = next(
                (ln for ln in row["out"].splitlines() if ln.startswith("跳过")), row["out"].strip()[-80:]
            )
            if base_s is None:
                base_s = row["s"]
            worst_s, worst_mb = max(worst_s, row["s"]), max(worst_mb, mb)
            ok &= unchanged and row["s"] <= TARGET_S and mb <= TARGET_MB
            size = path.stat().st_size
            print(
                f"{label:<44} {size / 1024:7.0f}KB {row['s']:9.2f}s {mb:7.0f}MB {'unchanged' if unchanged else 'CHANGED':>10}"
                f"  ({row['s'] / base_s:.1f}x baseline)  {reason[:90]}"
            )
        print(
            f"\nworst: {worst_s:.2f} s (target ≤ {TARGET_S:g} s), {worst_mb:.0f} MB peak (target ≤ {TARGET_MB:g} MB); "
            f"{'all targets met' if ok else 'TARGET MISSED'}"
        )
    return ok


if __name__ == "__main__":
    sys.exit(main())
