"""Bounds of scanned documents and page images (kept apart from :mod:`assistant.ingest.limits`).

A scan is cheap to make hostile: a 20,000 × 20,000 px page decodes to 1.2 GB of pixels, and a
3,000-page image PDF takes hours to recognise at seconds a page. Both are refused before any
pixel is decoded or any page recognised, with the limit named in Chinese. The time of each page
and of the whole file is bounded by the parse worker (:mod:`assistant.ingest.worker`), which also
raises its memory limit to ``memory_mb`` while it recognises.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.ingest.errors import IngestError


@dataclass(frozen=True)
class OcrLimits:
    """The bounds of recognising one file (from :class:`assistant.settings.Settings`).

    Attributes:
        enabled: recognise pages without text at all (``False``: refuse them as before).
        max_pages: pages of one file that may be recognised.
        max_page_pixels: pixels of one page image (width × height).
        dpi: resolution at which PDF/OFD pages without text are rendered.
        page_timeout: seconds one page may take.
        file_timeout: seconds the recognition of one file may take.
        memory_mb: address-space limit of the worker while it recognises (the models need ~1.5 GB).
        threads: ONNX Runtime threads.
        min_page_chars: a PDF page whose text layer holds fewer characters than this is recognised.
    """

    enabled: bool = True
    max_pages: int = 300
    max_page_pixels: int = 50_000_000
    dpi: int = 200
    page_timeout: float = 60.0
    file_timeout: float = 1800.0
    memory_mb: int = 2048
    threads: int = 2
    min_page_chars: int = 10

    @classmethod
    def from_settings(cls, settings: Any) -> OcrLimits:
        """The OCR limits named in the settings (``ocr_*`` fields; defaults for missing ones)."""
        out = {}
        for name in cls.__dataclass_fields__:
            value = getattr(settings, f"ocr_{name}", None)
            if value is not None:
                out[name] = value
        return cls(**out)


def check_pixels(
    path: str | Path, width: int, height: int, limits: OcrLimits, page: int | None = None
) -> None:
    """Refuse a page image larger than ``limits.max_page_pixels`` (checked before decoding)."""
    if width <= 0 or height <= 0:
        raise IngestError(path, "图片尺寸无效，无法识别")
    if width * height > limits.max_page_pixels:
        where = f"第 {page} 页" if page is not None else "图片"
        raise IngestError(
            path,
            f"{where}为 {width}×{height} 像素（{width * height / 1e6:.0f} 百万像素），"
            f"超过每页上限 {limits.max_page_pixels / 1e6:.0f} 百万像素，疑似异常扫描件",
        )


def check_ocr_pages(path: str | Path, n_pages: int, limits: OcrLimits) -> None:
    """Refuse a file with more pages to recognise than ``limits.max_pages``."""
    if not limits.enabled and n_pages:
        raise IngestError(path, f"有 {n_pages} 页没有文本层（可能是扫描件），文字识别（OCR）已关闭")
    if n_pages > limits.max_pages:
        raise IngestError(
            path,
            f"需要文字识别的页数为 {n_pages} 页，超过上限 {limits.max_pages} 页"
            f"（按每页数秒计需要很长时间）；请拆分后再导入",
        )
