"""Per-session temporary folders for files the web app writes (drafts, outlines).

The folder's path lives in the user's ``gr.State``; gradio calls :func:`cleanup` when the session
ends (tab closed or state expired), so one user's files never mix with another's. On a server with
logins each login has its own parent folder (mode 0700) under the server's private temp folder
(``ASSISTANT_PRIVATE_TMP``, set by :func:`assistant.ui.app.serve`, removed when the server exits).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "assistant-session-"
PRIVATE_ENV = "ASSISTANT_PRIVATE_TMP"


def _parent(user: str | None) -> str | None:
    root = os.environ.get(PRIVATE_ENV)
    if not root and user is None:
        return None
    base = Path(root or tempfile.gettempdir())
    if user is None:
        return str(base)
    folder = base / "users" / hashlib.sha256(user.encode("utf-8")).hexdigest()[:16]
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return str(folder)


def session_dir(current: str | None, user: str | None = None) -> str:
    """The session's folder, created on first use.

    Args:
        current: the folder already held in the session state, or ``None``.
        user: the login (its own parent folder), or ``None``.

    Returns:
        An existing private folder (mode 0700).
    """
    if current and Path(current).is_dir():
        return current
    return tempfile.mkdtemp(prefix=PREFIX, dir=_parent(user))


def cleanup(current: str | None) -> None:
    """Delete a session folder (the ``delete_callback`` of its ``gr.State``)."""
    if current and Path(current).name.startswith(PREFIX):
        shutil.rmtree(current, ignore_errors=True)
