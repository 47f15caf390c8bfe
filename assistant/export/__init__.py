"""Export a :class:`~assistant.types.Draft` as Markdown or as a GB/T 9704-2012 style .docx.

The work is split in two modules: :mod:`assistant.export.markdown` (Markdown and the shared layout
helpers) and :mod:`assistant.export.docx` (python-docx, imported only when a .docx is written).
Both are pure layout: the caller audits the numbers before exporting.
"""

from __future__ import annotations

from assistant.export.docx import build_document, export_docx
from assistant.export.markdown import export_markdown, format_date_cn
from assistant.lang.markers import MARKER_RE, split_markers

__all__ = [
    "MARKER_RE",
    "build_document",
    "export_docx",
    "export_markdown",
    "format_date_cn",
    "split_markers",
]
