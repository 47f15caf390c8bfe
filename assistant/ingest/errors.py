"""Errors of reading a file: each names the file and says in Chinese what went wrong."""

from __future__ import annotations

from pathlib import Path

from assistant.errors import UnreadableFileError

NO_TEXT_LAYER = "没有文本层（可能是扫描件），请先做文字识别（OCR）"


class IngestError(UnreadableFileError):
    """A file (or one row of a batch file) that could not be read.

    Attributes:
        path: the file (for a batch row: ``file:第N行``).
        reason: what went wrong, in Chinese.
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{Path(self.path).name}：{reason}")


class ParseMemoryError(IngestError):
    """A parser ran out of memory (the worker's limit): the worker is restarted after it."""
