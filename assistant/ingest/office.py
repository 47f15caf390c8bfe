"""Readers of office formats: .docx (paragraphs and tables in body order) and .pdf (text layer only).

Both check sizes before they unpack anything (:mod:`assistant.ingest.limits`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from assistant.ingest.errors import NO_TEXT_LAYER, IngestError, ParseMemoryError
from assistant.ingest.limits import Limits, check_pdf, check_text_length, check_zip


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


def read_pdf(path: Path, limits: Limits | None = None) -> str:
    """Read the text layer of a PDF, joining wrapped lines back into paragraphs.

    pypdf is kept (not pypdfium2): on PDFs made from real reports it is 2.6x faster
    (``bench/bench_pdf.py``); its superlinear time on huge text layers is bounded by the content
    stream checks of :func:`assistant.ingest.limits.check_pdf`.

    Args:
        path: the file.
        limits: size bounds (defaults when omitted).

    Returns:
        The text.

    Raises:
        IngestError: damaged, encrypted, without a text layer (scanned), or exceeding a bound.
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
        lines: list[str] = []
        n_chars = 0
        for page in reader.pages:
            page_lines = _join_pdf_lines(page.extract_text() or "")
            n_chars += sum(len(ln) for ln in page_lines)
            check_text_length(path, n_chars, limits)
            lines.extend(page_lines)
    except IngestError:
        raise
    except MemoryError as exc:
        raise ParseMemoryError(path, "解析 PDF 时内存不足（文件内容过大）") from exc
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise IngestError(path, f"PDF 文件已损坏，无法读取（{type(exc).__name__}）") from exc
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError(path, NO_TEXT_LAYER)
    return text
