"""A scripted OpenAI-compatible chat server on loopback, for tests and benchmarks.

It serves ``POST /v1/chat/completions`` (plain JSON or, with ``"stream": true``, server-sent
events) and ``GET /v1/models`` from a stdlib :class:`~http.server.ThreadingHTTPServer` running
in a thread on a free port of 127.0.0.1. Replies are scripted::

    with scripted_server(["第一个回答", Status(500), "第二个回答"]) as url:
        backend = OpenAICompatBackend(url, "test-model")   # url == "http://127.0.0.1:N/v1"
        ...
        url.requests  # what the server received (path, headers, JSON body)

A script item is the answer text, :class:`Status` (an HTTP error), :class:`Garbage` (a raw
200 body that is not a completion), :class:`Hang` (wait before answering, for timeouts) or a
callable taking the request JSON and returning one of those. Items are used in order; the last
one is repeated when the script runs out.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Status:
    """Answer with this HTTP status and body."""

    code: int
    body: str = '{"error": {"message": "scripted failure"}}'


@dataclass
class Garbage:
    """Answer 200 with a body that is not a chat completion."""

    body: str = "<html>this is not json</html>"
    content_type: str = "text/html"


@dataclass
class Hang:
    """Wait ``seconds`` (or until the server stops), then answer ``then``."""

    seconds: float = 30.0
    then: str = "迟到的回答"


Reply = str | Status | Garbage | Hang | Callable[[dict[str, Any]], Any]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of the call)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ScriptedServer:
    """The running server: its URL, the script and the requests received."""

    replies: list[Reply]
    model: str = "scripted-model"
    chunk_chars: int = 3
    requests: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""
    stopping: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def next_reply(self, request: dict[str, Any]) -> Any:
        with self._lock:
            reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        return reply(request) if callable(reply) else reply


class ServerURL(str):
    """The server's API root (a plain ``str``) that also carries ``requests`` and ``state``."""

    requests: list[dict[str, Any]]
    state: ScriptedServer


def _completion(model: str, text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": len(text), "total_tokens": len(text)},
    }


def _chunk(model: str, delta: dict[str, str], finish: str | None = None) -> bytes:
    data = {
        "id": "chatcmpl-scripted",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return b"data: " + json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n\n"


def _make_handler(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr
            pass

        def _send(self, code: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            if self.path.rstrip("/") == "/v1/models":
                body = {"object": "list", "data": [{"id": server.model, "object": "model"}]}
                self._send(200, json.dumps(body).encode())
            else:
                self._send(404, b'{"error": {"message": "not found"}}')

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                payload = json.loads(raw or b"{}")
            except ValueError:
                payload = {"_raw": raw.decode("utf-8", "replace")}
            with server._lock:
                server.requests.append({"path": self.path, "headers": dict(self.headers), "json": payload})
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._send(404, b'{"error": {"message": "not found"}}')
                return
            reply = server.next_reply(payload)
            if isinstance(reply, Hang):
                if server.stopping.wait(reply.seconds):
                    return
                reply = reply.then
            if isinstance(reply, Status):
                self._send(reply.code, reply.body.encode("utf-8"))
            elif isinstance(reply, Garbage):
                self._send(200, reply.body.encode("utf-8"), reply.content_type)
            elif payload.get("stream"):
                self._stream(str(reply))
            else:
                self._send(
                    200, json.dumps(_completion(server.model, str(reply)), ensure_ascii=False).encode()
                )

        def _stream(self, text: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()  # no Content-Length: the body ends when the connection closes
            self.close_connection = True
            self.wfile.write(_chunk(server.model, {"role": "assistant", "content": ""}))
            step = max(1, server.chunk_chars)
            for i in range(0, len(text), step):
                self.wfile.write(_chunk(server.model, {"content": text[i : i + step]}))
                self.wfile.flush()
            self.wfile.write(_chunk(server.model, {}, finish="stop"))
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

    return Handler


@contextmanager
def scripted_server(
    replies: Reply | list[Reply], *, model: str = "scripted-model", chunk_chars: int = 3
) -> Iterator[ServerURL]:
    """Run a scripted OpenAI-compatible server for the duration of a ``with`` block.

    Args:
        replies: one reply or a list used in order (the last one repeats).
        model: the model name the server reports.
        chunk_chars: characters per streamed chunk.

    Returns:
        The API root ``http://127.0.0.1:N/v1`` as a :class:`ServerURL` (a ``str``) whose
        ``requests`` lists what the server received and ``state`` is the :class:`ScriptedServer`.
    """
    script = list(replies) if isinstance(replies, list) else [replies]
    if not script:
        raise ValueError("replies must not be empty")
    state = ScriptedServer(replies=script, model=model, chunk_chars=chunk_chars)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    url = ServerURL(state.url)
    url.requests = state.requests
    url.state = state
    try:
        yield url
    finally:
        state.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
