"""PDF text extraction: pypdf (in use) vs pypdfium2 (when installed) on real report text.

PDFs are made with reportlab (STSong CID font, A4, wrapped lines) from the five sample reports
in ``corpus/`` and from national 政府工作报告 (``../shared``), in a temp folder. For each library:
seconds per PDF and the share of the source's CJK characters found in the extracted text.
A second table times one page holding 1 / 2 / 4 MB of text (pypdf grows faster than the text).

Usage: ``python bench/bench_pdf.py [--national 5]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")


def make_pdf(text: str, path: Path, chars_per_line: int = 38, lines_per_page: int = 40) -> None:
    """A text PDF of ``text`` (one CID font, hard-wrapped lines, many pages)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    lines = []
    for para in text.splitlines():
        para = para.strip()
        while para:
            lines.append(para[:chars_per_line])
            para = para[chars_per_line:]
    for lo in range(0, max(len(lines), 1), lines_per_page):
        c.setFont("STSong-Light", 12)
        y = 800
        for line in lines[lo : lo + lines_per_page]:
            c.drawString(50, y, line)
            y -= 19
        c.showPage()
    c.save()


def make_big_page(n_chars: int, path: Path) -> None:
    """One page whose text layer holds ``n_chars`` characters (tiny font, many text lines)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 1)
    line = "abcdefghij" * 10
    for i in range(n_chars // len(line)):
        c.drawString(10, 10 + (i % 800), line)
    c.showPage()
    c.save()


def _cjk(text: str) -> Counter:
    return Counter(re.findall(r"[\u4e00-\u9fff]", text))


def extract_pypdf(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def extract_pdfium(path: Path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def sources(n_national: int) -> list[tuple[str, str]]:
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    jl = SHARED / "corpora/national-gwr/wikisource_government_work_reports.jsonl"
    if jl.is_file():
        for line in jl.read_text(encoding="utf-8").splitlines()[:n_national]:
            row = json.loads(line)
            out.append((row.get("title", "national"), row.get("content", "")))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--national", type=int, default=5)
    args = ap.parse_args()
    libs = {"pypdf": extract_pypdf}
    try:
        import pypdfium2  # noqa: F401

        libs["pypdfium2"] = extract_pdfium
    except ImportError:
        print("pypdfium2 not installed: only pypdf is measured")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        docs = []
        for i, (name, text) in enumerate(sources(args.national)):
            pdf = tmpdir / f"{i}.pdf"
            make_pdf(text, pdf)
            docs.append((name, text, pdf))
        total_chars = sum(len(t) for _, t, _ in docs)
        print(f"{len(docs)} PDFs, {total_chars} source characters")
        print(f"{'library':<10} {'s total':>8} {'ms/PDF':>8} {'CJK recall':>11}")
        base = None
        for lib, fn in libs.items():
            fn(docs[0][2])  # warm up: library load and font tables are not counted
            t0 = time.perf_counter()
            found = want = 0
            for _, text, pdf in docs:
                got = _cjk(fn(pdf))
                src = _cjk(text)
                want += sum(src.values())
                found += sum(min(c, got[ch]) for ch, c in src.items())
            secs = time.perf_counter() - t0
            base = base or secs
            print(
                f"{lib:<10} {secs:8.2f} {1000 * secs / len(docs):8.0f} {found / max(want, 1):11.4f}"
                f"   ({secs / base:.2f}x pypdf)"
            )
        print("\none page with a large text layer (seconds):")
        for mb in (1, 2, 4):
            pdf = tmpdir / f"big{mb}.pdf"
            make_big_page(mb * 1_000_000, pdf)
            row = []
            for lib, fn in libs.items():
                t0 = time.perf_counter()
                n = len(fn(pdf))
                row.append(f"{lib} {time.perf_counter() - t0:.2f} s ({n} chars)")
            print(f"  {mb} MB: " + " | ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
