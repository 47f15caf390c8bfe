"""Gradio's own refusals of an over-size upload, in Chinese.

Gradio refuses a file over ``launch(max_file_size=...)`` in two places, both in English:

- the page checks the size before sending and shows a toast ``Error`` / ``File(s) exceed the
  maximum allowed size of 1.0 Mb: "a.pdf"`` (the file is never sent);
- the server's upload routes (``/gradio_api/upload``, ``/component_server``,
  ``/process_recording``) answer 413 ``File size exceeded maximum allowed size of N bytes.`` to
  any other client (gradio_client, curl, a page whose check was bypassed).

:class:`Chinese413` is an ASGI middleware that replaces the body of every 413 by
:func:`limit_message` (plain text, or ``{"detail": ...}`` where gradio answered JSON), and
:func:`page_script` is run by the page (``launch(js=...)``) to rewrite the toast in place.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from assistant.ui.locale import t

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def limit_message(limit_mb: float) -> str:
    """The Chinese refusal naming the limit, e.g. ``文件过大：上限 50 MB，请拆分或压缩后再上传``."""
    return t("upload_limit", limit=f"{float(limit_mb):g}")


class Chinese413:
    """ASGI middleware: the body of a 413 response becomes the Chinese limit message.

    Args:
        app: the wrapped ASGI app.
        message: the text to answer with.
    """

    def __init__(self, app: ASGIApp, message: str) -> None:
        self.app = app
        self.message = message

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None

        async def send_chinese(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and message["status"] == 413:
                start = message  # held back until the English body has gone by
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            if message.get("more_body"):
                return
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in _REPLACED]
            is_json = any(k.lower() == b"content-type" and b"json" in v for k, v in start.get("headers", []))
            if is_json:
                body, kind = json.dumps({"detail": self.message}, ensure_ascii=False), b"application/json"
            else:
                body, kind = self.message, b"text/plain; charset=utf-8"
            data = body.encode("utf-8")
            headers += [(b"content-type", kind), (b"content-length", str(len(data)).encode())]
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": data})

        await self.app(scope, receive, send_chinese)


_REPLACED = (b"content-length", b"content-type", b"content-encoding")

# The page's own check throws ``File(s) exceed the maximum allowed size of …: "a", "b"``; a 413
# from the server reaches a toast as ``HTTP 413: …``. Both become the Chinese message (with the
# file names the page named); the toast's English title ``Error`` becomes the app's own.
_SCRIPT = """
() => {
  const MESSAGE = %(message)s, TITLE = %(title)s;
  const ENGLISH = /^(File\\(s\\) exceed the maximum allowed size|HTTP 413:|File size exceeded maximum)/;
  const setText = (el, text) => {
    const nodes = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE);
    if (!nodes.length) { el.textContent = text; return; }
    nodes.forEach((n, i) => { n.data = i === 0 ? text : ""; });
  };
  const fix = (el) => {
    const text = (el.textContent || "").trim();
    if (!ENGLISH.test(text)) return;
    const names = [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    setText(el, names.length ? MESSAGE + "（" + names.join("、") + "）" : MESSAGE);
    const title = el.closest("[data-testid=toast-body]")?.querySelector(".toast-title");
    if (title && (title.textContent || "").trim() === "Error") setText(title, TITLE);
  };
  const scan = () => document.querySelectorAll("[data-testid=toast-text]").forEach(fix);
  new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
  scan();
}
"""


def page_script(limit_mb: float) -> str:
    """JavaScript for ``launch(js=...)``: rewrites gradio's English over-size toast in Chinese."""
    return _SCRIPT % {
        "message": json.dumps(limit_message(limit_mb), ensure_ascii=False),
        "title": json.dumps(t("error_title"), ensure_ascii=False),
    }
