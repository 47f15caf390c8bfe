"""Size checks made before a reader decompresses or extracts anything.

A hostile file can be small on disk and huge once unpacked (a zip bomb inside a .docx/.xlsx, a
PDF whose content streams inflate to hundreds of MB, a one-line text of 100 M characters). These
checks read only directory entries and stream headers, or decompress with a hard output cap, and
refuse with a Chinese reason that names the measured size and the limit
(``解压后 1.0 GB，超过上限 200 MB``). They are the first line; the worker process of
:mod:`assistant.ingest.worker` (memory and time limits) is the second.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.ingest.errors import IngestError

#: Members smaller than this are not checked for their compression ratio (tiny XML parts compress well).
_RATIO_MIN_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The bounds of one parse (from :class:`assistant.settings.Settings`).

    Attributes:
        max_doc_chars: characters of text one document may hold.
        max_unpacked_mb: total declared size of a .docx/.xlsx's zip members.
        max_zip_ratio: largest compression ratio of one big zip member.
        max_pdf_pages: pages of a PDF.
        max_pdf_stream_mb: decoded size of all content streams of a PDF.
        max_pdf_page_stream_mb: decoded size of one page's content streams (pypdf's extraction time
            grows faster than the stream: 1 / 2 / 4 MB of text on one page take 4 / 13 / 38 s).
    """

    max_doc_chars: int = 3_000_000
    max_unpacked_mb: float = 200.0
    max_zip_ratio: float = 200.0
    max_pdf_pages: int = 2000
    max_pdf_stream_mb: float = 64.0
    max_pdf_page_stream_mb: float = 2.0

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        """The limits named in the settings (defaults for fields a settings object lacks)."""
        names = cls.__dataclass_fields__
        return cls(**{n: getattr(settings, n) for n in names if getattr(settings, n, None) is not None})


def human_size(n_bytes: float) -> str:
    """``1.0 GB`` / ``350 MB`` / ``12 KB``."""
    if n_bytes >= 1024**3:
        return f"{n_bytes / 1024**3:.1f} GB"
    if n_bytes >= 1024**2:
        return f"{n_bytes / 1024**2:.0f} MB"
    return f"{max(n_bytes / 1024, 1):.0f} KB"


def human_chars(n: int) -> str:
    """``312 万字`` / ``8000 字``."""
    return f"{n / 10_000:.0f} 万字" if n >= 100_000 else f"{n} 字"


def check_text_length(path: str | Path, n_chars: int, limits: Limits) -> None:
    """Refuse a document whose text is longer than ``limits.max_doc_chars``."""
    if n_chars > limits.max_doc_chars:
        raise IngestError(
            path,
            f"文字过多（至少 {human_chars(n_chars)}，超过上限 {human_chars(limits.max_doc_chars)}），"
            "不像一份报告；请拆分后再导入",
        )


def check_zip(path: str | Path, limits: Limits, kind: str) -> None:
    """Refuse a zip container (.docx/.xlsx) whose members would unpack too large.

    Python's :mod:`zipfile` never inflates a member past its declared size (it fails the CRC
    check instead), so the declared sizes are a real bound.

    Args:
        path: the file.
        limits: the bounds.
        kind: ``Word 文档`` / ``Excel 表格`` for the message.

    Raises:
        IngestError: not a zip, or too large / too compressed once unpacked.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise IngestError(
            path, f"{kind}已损坏或不是 {Path(path).suffix.lower()} 文件（无法作为 zip 打开）"
        ) from exc
    total = sum(i.file_size for i in infos)
    cap = limits.max_unpacked_mb * 1024 * 1024
    if total > cap:
        raise IngestError(path, f"解压后 {human_size(total)}，超过上限 {human_size(cap)}")
    for info in infos:
        if info.file_size >= _RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_zip_ratio:
                raise IngestError(
                    path,
                    f"其中 {info.filename} 压缩比 {ratio:.0f}:1（解压后 {human_size(info.file_size)}），"
                    f"超过上限 {limits.max_zip_ratio:.0f}:1，疑似恶意构造的文件",
                )


def _decoded_size(data: bytes, filters: list[str], cap: int) -> int:
    """Decoded length of a stream, decompressing at most ``cap + 1`` bytes (unknown filters: raw size)."""
    if filters and filters[0] in ("/FlateDecode", "/Fl"):
        d = zlib.decompressobj()
        try:
            out = len(d.decompress(data, cap + 1))
        except zlib.error:
            return len(data)
        return out
    return len(data)


def _filters(stream: Any) -> list[str]:
    f = stream.get("/Filter")
    if f is None:
        return []
    f = f.get_object() if hasattr(f, "get_object") else f
    return [str(x) for x in f] if isinstance(f, list) else [str(f)]


def check_pdf(path: str | Path, reader: Any, limits: Limits) -> None:
    """Refuse a PDF with too many pages or content streams too large once decoded.

    Args:
        path: the file.
        reader: an open :class:`pypdf.PdfReader`.
        limits: the bounds.

    Raises:
        IngestError: the first bound exceeded.
    """
    n_pages = len(reader.pages)
    if n_pages > limits.max_pdf_pages:
        raise IngestError(path, f"PDF 共 {n_pages} 页，超过上限 {limits.max_pdf_pages} 页")
    cap = int(limits.max_pdf_stream_mb * 1024 * 1024)
    page_cap = int(limits.max_pdf_page_stream_mb * 1024 * 1024)
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get("/Contents")
        if contents is None:
            continue
        contents = contents.get_object()
        streams = list(contents) if isinstance(contents, list) else [contents]
        on_page = 0
        for ref in streams:
            stream = ref.get_object() if hasattr(ref, "get_object") else ref
            raw = getattr(stream, "_data", b"") or b""
            on_page += _decoded_size(raw, _filters(stream), page_cap - on_page)
            if on_page > page_cap:
                raise IngestError(
                    path,
                    f"PDF 第 {number} 页的内容流解压后超过 {human_size(page_cap)}，超过每页上限，疑似恶意构造的文件",
                )
        total += on_page
        if total > cap:
            raise IngestError(path, f"PDF 内容流解压后超过 {human_size(cap)}（到第 {number} 页），超过上限")
