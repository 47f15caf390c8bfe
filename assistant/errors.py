"""The error family: every problem the user can act on is an :class:`AssistantError`.

Each error carries its message in Chinese, written for the user (``str(err)`` is that message,
also for the subclasses that are :class:`KeyError`\\ s). The classes also derive from the builtin
exception the code raised before (``ValueError``, ``KeyError``, ``RuntimeError``), so a caller
that catches those keeps working. The CLI (:func:`assistant.cli.main`) and the web app
(:func:`assistant.ui.tabs.ui_error`) turn an error into what the user sees in one place each,
through :func:`user_message`.

The modules keep their own names as subclasses (``MetricsError``, ``AuditError``, ``LLMError``,
``IndexMismatchError`` …), so they stay importable where they were.
"""

from __future__ import annotations

__all__ = [
    "AssistantError",
    "AuditRefusedError",
    "BadInputError",
    "EmbedderUnavailableError",
    "IndexMismatchError",
    "IndexUnavailableError",
    "LLMUnavailableError",
    "NotFoundError",
    "NotIndexedError",
    "UnreadableFileError",
    "user_message",
]


class AssistantError(Exception):
    """Base of the project's errors; ``message`` (and ``str(err)``) is Chinese, for the user.

    Attributes:
        exit_code: the CLI's exit status for this error.
    """

    exit_code: int = 2
    default_message: str = "操作未完成。"

    @property
    def message(self) -> str:
        """The user's message (the first argument, or the class default)."""
        return str(self.args[0]) if self.args and self.args[0] is not None else self.default_message

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


class BadInputError(AssistantError, ValueError):
    """The user's input is malformed: a metrics table, a year, an outline, a setting, an upload."""

    default_message = "输入有误。"


class NotFoundError(AssistantError, KeyError):
    """Something named by the user does not exist: a genre, a document, a template."""

    default_message = "找不到指定的内容。"


class UnreadableFileError(AssistantError):
    """A file cannot be read or parsed."""

    default_message = "文件无法读取。"


class IndexUnavailableError(AssistantError, RuntimeError):
    """The index cannot be used (missing, built for another embedder, locked)."""

    default_message = "索引不可用。"


class NotIndexedError(IndexUnavailableError):
    """No index has been built yet."""

    default_message = "尚未建立索引；请先运行 `assistant ingest <文件或文件夹>`。"


class IndexMismatchError(IndexUnavailableError):
    """The index was built with another embedder or format than the one configured."""

    default_message = "索引与当前向量模型不一致，请运行 `assistant ingest corpus --rebuild` 重建。"


class AuditRefusedError(AssistantError, ValueError):
    """The number audit found figures or names that do not trace to the user's input."""

    default_message = "核查未通过，未导出。"


class LLMUnavailableError(AssistantError, RuntimeError):
    """A language model cannot be reached or answered with something unusable."""

    default_message = "大模型不可用。"


class EmbedderUnavailableError(AssistantError, RuntimeError):
    """The embedding model cannot be loaded or converted."""

    default_message = "向量模型不可用。"


def user_message(err: BaseException) -> str | None:
    """The Chinese message to show for ``err``, or ``None`` for an unexpected error (a bug).

    Covers :class:`AssistantError` and the operating system's file errors (a path the user typed).
    """
    if isinstance(err, AssistantError):
        return err.message
    if isinstance(err, FileNotFoundError):
        return f"文件不存在：{err.filename or err}"
    if isinstance(err, PermissionError):
        return f"没有权限访问：{err.filename or err}"
    if isinstance(err, IsADirectoryError):
        return f"这是一个文件夹，不是文件：{err.filename or err}"
    if isinstance(err, OSError):
        return f"文件读写失败：{err}"
    return None
