"""One builder per tab; each returns its components by name (``dict[str, gr.Component]``).

Shared here: the queue groups (reads never wait behind a write; one write at a time) and
:func:`ui_error`, which turns a library exception into a Chinese ``gr.Error``.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from assistant.errors import user_message
from assistant.ui.locale import t

# Searches and outlines share one group (never behind a draft or a chat answer); ingest/remove/rebuild another with one slot.
READ: dict[str, Any] = {"concurrency_id": "read", "concurrency_limit": 4}
WRITE: dict[str, Any] = {"concurrency_id": "write", "concurrency_limit": 1}
# Chat answers, drafts and exports wait in the worker pool's per-user queues (ui/workers.py), not
# in gradio's first-come queue: enough slots that every user's request reaches its own queue.
HEAVY: dict[str, Any] = {"concurrency_id": "heavy", "concurrency_limit": 16}
# UI-only handlers stay out of the API page and the gradio_client endpoint list.
PRIVATE: dict[str, Any] = {"api_visibility": "private"}

log = logging.getLogger(__name__)


def ui_error(err: BaseException) -> Exception:
    """A ``gr.Error`` whose message the user can act on (Chinese, no traceback).

    Args:
        err: what the library raised.

    Returns:
        The exception to raise from the handler.
    """
    import gradio as gr

    if isinstance(err, gr.Error):
        return err
    message = user_message(err)
    if message is None and isinstance(err, ImportError):
        message = t("error_not_ready", error=err)
    elif message is None:
        log.exception("unexpected error in a web handler")
        message = t("error_generic", error=err)
    # gr.Error renders its message as HTML: escape it (it may quote a file name or a cell).
    body = html.escape(message).replace("\n", "<br>")
    return gr.Error(body, title=t("error_title"), print_exception=False)
