"""Readers of office formats: .docx (paragraphs and tables in body order) and .pdf (text layer; pages
without one are recognised by :mod:`assistant.ingest.scan`).

Both check sizes before they unpack anything (:mod:`assistant.ingest.limits`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.ingest.errors import NO_TEXT_LAYER, IngestError, ParseMemoryError
from assistant.ingest.limits import Limits, check_pdf, check_text_length, check_zip
from assistant.ingest.ocr_limits import OcrLimits


def _docx_block_texts(path: Path, limits: Limits) -> Iterator[str]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    body = document.element.body
    n_chars = 0
    for child in body.iterchildren():
        if n_chars > limits.max_doc_chars:
            check_text_length(path, n_chars, limits)
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text
            n_chars += len(text)
            yield text
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells: list[str] = []
                last = None
                for cell in row.cells:
                    if last is not None and cell._tc is last:  # merged cell repeats
                        continue
                    last = cell._tc
                    cells.append(" ".join(cell.text.split()))
                if any(cells):
                    n_chars += sum(len(c) for c in cells)
                    yield "\t".join(cells)


def read_docx(path: Path, limits: Limits | None = None) -> str:
    """Read a Word ``.docx`` file: paragraph texts and table rows in body order.

    Table rows become one line each, cells separated by a tab (so they are never taken
    for headings). Word heading styles are not needed: headings are recognised later from
    their numbering.

    Args:
        path: the file.
        limits: size bounds (defaults when omitted); the zip's declared sizes are checked first.

    Returns:
        The text, one paragraph per line.

    Raises:
        IngestError: the file is not a valid (or is a truncated) .docx, or exceeds a bound.
    """
    limits = limits or Limits()
    check_zip(path, limits, "Word 文档")
    try:
        lines = list(_docx_block_texts(path, limits))
    except IngestError:
        raise
    except MemoryError as exc:
        raise ParseMemoryError(path, "解析 Word 文档时内存不足（文件内容过大）") from exc
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, ValueError) as exc:
        raise IngestError(path, f"Word 文档已损坏或不完整，无法打开（{type(exc).__name__}）") from exc
    except Exception as exc:  # lxml and python-docx raise many kinds on broken parts
        if "NO_MEMORY" in str(getattr(exc, "error_log", "")) or "memory" in str(exc).lower():
            # lxml reports an allocation failure as a syntax error (ERR_NO_MEMORY)
            raise ParseMemoryError(path, "解析 Word 文档时内存不足（文件内容过大）") from exc
        raise IngestError(path, f"Word 文档无法解析（{type(exc).__name__}）") from exc
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError(path, "Word 文档中没有文字")
    return text


_PDF_END = "。！？：；”’）)」》"


def _join_pdf_lines(page_text: str) -> list[str]:
    """Undo the hard line wrapping of PDF text: join a line to the next when it fills the width."""
    raw = [ln.strip() for ln in page_text.splitlines()]
    raw = [ln for ln in raw if ln]
    if not raw:
        return []
    width = max(len(ln) for ln in raw)
    out: list[str] = []
    joining = False
    for ln in raw:
        if joining and out:
            out[-1] += ln
        else:
            out.append(ln)
        joining = width >= 15 and len(ln) >= 0.9 * width and not ln.endswith(tuple(_PDF_END))
    return out


def page_has_marks(page: Any) -> bool:
    """Whether a PDF page draws anything recognition could read: an image, or more than a few
    drawing operators (glyphs drawn as paths). An empty page is not sent to recognition."""
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if resources else None
        if xobjects is not None and len(xobjects.get_object()) > 0:  # images, or forms holding them
            return True
        contents = page.get_contents()
        return contents is not None and len(contents.get_data()) > 200
    except Exception:  # noqa: BLE001 - a damaged stream: let the renderer decide
        return True


def read_pdf(path: Path, limits: Limits | None = None) -> str:
    """Read the text layer of a PDF, joining wrapped lines back into paragraphs (no recognition).

    Raises:
        IngestError: damaged, encrypted, without a text layer (scanned), or exceeding a bound.
    """
    text, _info = read_pdf_pages(path, limits, None)
    return text


def read_pdf_pages(path: Path, limits: Limits | None = None, ocr: OcrLimits | None = None) -> tuple[str, Any]:
    """Read a PDF page by page: the text layer where a page has one, recognition (OCR) where not.

    pypdf is kept for the text layer (not pypdfium2): on PDFs made from real reports it is 2.6x
    faster (``bench/bench_pdf.py``); its superlinear time on huge text layers is bounded by the
    content stream checks of :func:`assistant.ingest.limits.check_pdf`. A page whose text layer
    holds fewer than ``ocr.min_page_chars`` characters (a scan, or glyphs drawn as paths) is
    rendered with pypdfium2 and recognised; the other pages keep their text.

    Args:
        path: the file.
        limits: size bounds (defaults when omitted).
        ocr: recognition bounds; ``None``: no recognition (a PDF without text is refused).

    Returns:
        ``(text, info)``: ``info`` is a :class:`assistant.ingest.scan.ScanInfo` (``None`` without OCR).

    Raises:
        IngestError: damaged, encrypted, without text, or exceeding a bound.
    """
    limits = limits or Limits()
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - dependency is declared
        raise IngestError(path, "读取 PDF 需要安装 pypdf（pip install pypdf）") from exc
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise IngestError(path, "PDF 已加密，请先解除密码保护") from exc
        check_pdf(path, reader, limits)
        pages: list[list[str]] = []
        n_chars = 0
        for page in reader.pages:
            page_lines = _join_pdf_lines(page.extract_text() or "")
            n_chars += sum(len(ln) for ln in page_lines)
            check_text_length(path, n_chars, limits)
            pages.append(page_lines)
        info = None
        min_chars = ocr.min_page_chars if ocr is not None else 1
        blank = [
            k + 1
            for k, lines in enumerate(pages)
            if sum(len("".join(ln.split())) for ln in lines) < min_chars and page_has_marks(reader.pages[k])
        ]
        if ocr is not None and blank:
            from assistant.ingest.scan import ocr_pdf_pages

            recognised, info = ocr_pdf_pages(path, reader, blank, ocr)
            for number, paragraphs in recognised.items():
                pages[number - 1] = paragraphs
    except IngestError:
        raise
    except MemoryError as exc:
        raise ParseMemoryError(path, "解析 PDF 时内存不足（文件内容过大）") from exc
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise IngestError(path, f"PDF 文件已损坏，无法读取（{type(exc).__name__}）") from exc
    text = "\n".join(ln for lines in pages for ln in lines)
    check_text_length(path, len(text), limits)
    if not text.strip():
        if ocr is not None and info is None:
            raise IngestError(path, "PDF 中没有文字：既没有文本层，也没有可识别的扫描图像或图形")
        if info is not None:
            raise IngestError(path, "没有文本层，文字识别（OCR）也没有识别出文字（可能是空白页或图画）")
        raise IngestError(path, NO_TEXT_LAYER)
    return text, info
