"""Dispatch of the formats an office archive holds beyond .docx/.txt: .pdf (text layer, scanned
pages recognised), .doc/.wps, .ofd and page images. Each reader returns the text and how it was
obtained (``{"ocr": True, "ocr_pages": n, "ocr_confidence": c}``, ``{"reader": "soffice"}`` …).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.ingest.errors import IngestError
from assistant.ingest.limits import Limits, check_text_length
from assistant.ingest.ocr_limits import OcrLimits
from assistant.ingest.scan import IMAGE_EXTS

WORD_BINARY_EXTS = {".doc", ".wps"}
ARCHIVE_EXTS = {".pdf", ".ofd"} | WORD_BINARY_EXTS | IMAGE_EXTS


def read_archive_file(path: Path, limits: Limits | None, ocr: OcrLimits) -> tuple[str, dict[str, Any]]:
    """Read one file of :data:`ARCHIVE_EXTS`.

    Returns:
        ``(text, read)``: ``read`` says how the text was obtained (empty for a plain text layer).

    Raises:
        IngestError: the file cannot be read (the reason in Chinese).
    """
    ext = path.suffix.lower()
    active = ocr if ocr.enabled else None
    if ext == ".pdf":
        from assistant.ingest.office import read_pdf_pages

        text, info = read_pdf_pages(path, limits, active)
    elif ext in WORD_BINARY_EXTS:
        from assistant.ingest.worddoc import read_doc

        text, method = read_doc(path, limits)
        return text, {"reader": method}
    elif ext == ".ofd":
        from assistant.ingest.ofd import read_ofd

        text, info = read_ofd(path, limits, active)
    elif ext in IMAGE_EXTS:
        from assistant.ingest.scan import read_image

        if active is None:
            raise IngestError(path, "图片需要文字识别（OCR），而文字识别已关闭（设置 ocr_enabled）")
        text, info = read_image(path, active)
        check_text_length(path, len(text), limits or Limits())
    else:  # pragma: no cover - the caller dispatches only ARCHIVE_EXTS here
        raise IngestError(path, f"不支持的文件类型“{ext}”")
    return text, info.meta() if info is not None else {}
