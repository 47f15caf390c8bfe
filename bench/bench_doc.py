"""Word-binary (.doc/.wps) and OFD readers on files made from the five sample reports.

Each sample becomes a .docx (its paragraphs and a small table), LibreOffice saves it as Word 97
(.doc; the same container WPS Writer uses for .wps); the .doc is read by the pure reader
(olefile, :mod:`assistant.ingest.worddoc`) and by the LibreOffice fallback (``soffice
--convert-to docx``). An .ofd of each sample is built by ``tests/ofd_files.py``. Figures: seconds
per file and character recall against the sample (whitespace ignored).

Usage: ``python bench/bench_doc.py``
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def recall(source: str, got: str) -> float:
    a, b = "".join(source.split()), "".join(got.split())
    return sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()) / max(
        len(a), 1
    )


def main() -> int:
    import docx

    from assistant.ingest.ofd import read_ofd
    from assistant.ingest.office import read_docx
    from assistant.ingest.worddoc import convert_with_soffice, read_doc
    from tests.ofd_files import build_ofd

    exe = shutil.which("soffice") or shutil.which("libreoffice")
    print("样本  .doc纯读取 秒  召回率  | LibreOffice转换 秒  召回率  | .ofd 秒  召回率")
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            row = [path.name[:3]]
            if exe:
                d = docx.Document()
                for line in text.splitlines():
                    d.add_paragraph(line)
                d.save(folder / "r.docx")
                subprocess.run(
                    [exe, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless", "--convert-to",
                     "doc", "--outdir", str(folder), str(folder / "r.docx")],
                    check=True, capture_output=True, timeout=180,
                )  # fmt: skip
                t = time.perf_counter()
                got, _ = read_doc(folder / "r.doc", allow_soffice=False)
                row += [f"{time.perf_counter() - t:.3f}", f"{recall(text, got):.4f}"]
                t = time.perf_counter()
                out = convert_with_soffice(folder / "r.doc")
                got = read_docx(out)
                shutil.rmtree(out.parent, ignore_errors=True)
                row += [f"{time.perf_counter() - t:.2f}", f"{recall(text, got):.4f}"]
            else:
                row += ["-", "-", "-", "-"]
            build_ofd(folder / "r.ofd", text)
            t = time.perf_counter()
            got, _ = read_ofd(folder / "r.ofd")
            row += [f"{time.perf_counter() - t:.3f}", f"{recall(text, got):.4f}"]
        print(
            f"{row[0]}   {row[1]:>8}  {row[2]}  | {row[3]:>8}  {row[4]}  | {row[5]:>6}  {row[6]}", flush=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
