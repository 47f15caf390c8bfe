"""Per-session temporary folders for files the web app writes (drafts, outlines).

The folder's path lives in the user's ``gr.State``; gradio calls :func:`cleanup` when the session
ends (tab closed or state expired), so one user's files never mix with another's.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

PREFIX = "assistant-session-"


def session_dir(current: str | None) -> str:
    """The session's folder, created on first use.

    Args:
        current: the folder already held in the session state, or ``None``.

    Returns:
        An existing private folder (mode 0700) under the system temp dir.
    """
    if current and Path(current).is_dir():
        return current
    return tempfile.mkdtemp(prefix=PREFIX)


def cleanup(current: str | None) -> None:
    """Delete a session folder (the ``delete_callback`` of its ``gr.State``)."""
    if current and Path(current).name.startswith(PREFIX):
        shutil.rmtree(current, ignore_errors=True)
