"""Render a .docx to PDF (LibreOffice) and PDF pages to PNG (poppler), for tests and manual checks.

Usage: ``python tests/render_docx.py report.docx [outdir]``. Needs ``soffice`` and ``pdftoppm``
(Debian: ``libreoffice-writer-nogui poppler-utils``; ``fonts-noto-cjk`` for the CJK fallback fonts).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TOOLS = ("soffice", "pdftoppm", "pdfinfo")


def missing_tools() -> list[str]:
    """The rendering programs that are not on PATH.

    Returns:
        Names from ``soffice``, ``pdftoppm``, ``pdfinfo`` that were not found.
    """
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def docx_to_pdf(docx: Path, outdir: Path, timeout: float = 180) -> Path:
    """Convert a .docx to PDF with headless LibreOffice (private profile, safe in parallel).

    Args:
        docx: the document.
        outdir: folder for the PDF.
        timeout: seconds before the conversion is abandoned.

    Returns:
        The PDF path.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {docx}")
    return pdf


def pdf_pages(pdf: Path) -> int:
    """Number of pages of a PDF (``pdfinfo``).

    Args:
        pdf: the PDF.

    Returns:
        The page count.
    """
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return int(match.group(1)) if match else 0


def pdf_to_png(pdf: Path, page: int = 1, dpi: int = 80) -> Path:
    """Render one PDF page to PNG next to the PDF (``<stem>-p<page>.png``).

    Args:
        pdf: the PDF.
        page: 1-based page number.
        dpi: resolution.

    Returns:
        The PNG path.
    """
    prefix = pdf.with_name(f"{pdf.stem}-p{page}")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return prefix.with_suffix(".png")


if __name__ == "__main__":
    source = Path(sys.argv[1])
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else source.parent
    out_pdf = docx_to_pdf(source, target)
    for number in range(1, pdf_pages(out_pdf) + 1):
        print(pdf_to_png(out_pdf, number))
