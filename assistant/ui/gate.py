"""The web app's door: logins throttled, sessions and files private to their user, streams bounded.

:class:`Gate` is an ASGI middleware in front of gradio's routes:

- ``POST /login``: failures are counted per user name and per client address; each failure is
  answered after a delay that doubles (``login_delay_s``, at most 8 s); after
  ``login_max_failures`` failures of a user (4× that from one address) further attempts are
  answered ``429`` with a Chinese message for ``login_lock_minutes`` — even with the right
  password. Attempts in flight count, so a parallel flood is cut as early as a serial one. Every
  failure and lock is logged.
- a session id (``session_hash``) belongs to the login that first used it: another login using it
  (``/queue/join``, ``/queue/data``, ``/heartbeat``, ``/run``, ``/call``, ``/cancel`` …) is answered
  ``403``; ``/gradio_api/deep_link`` (a copy of a session's state) is off.
- a file under gradio's upload/cache folder is served only to the login that uploaded it or whose
  handler made it (:func:`publish`); any other login gets ``403``.
- a login's POST requests, its file fetches and its logins are rate-limited (``max_requests_per_s``,
  bursts of 4×): more are answered
  ``429`` after ``LOCKED_DELAY_S``, their body dropped unparsed, so a flood from one login costs the
  server little and paces itself;
- open event streams (``/heartbeat``) are bounded per client address (``max_heartbeats``) and in
  all; a JSON request body over ``max_request_kb`` is refused ``413`` before gradio parses it, and a
  typed field of a named endpoint (``/call/ask``'s message, ``/call/search``'s query, a ``metrics`` table's
  rows …) over its limit
  ``400`` with the handler's own Chinese message, before gradio queues the request.

Without logins there are no users: only the deep-link, stream and body bounds apply.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

from assistant.errors import BadInputError
from assistant.inputs import InputLimitError, clean_field

log = logging.getLogger("assistant.gate")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_DELAY_S = 8.0
#: a login attempt beyond the cap of attempts in flight is refused for this long, without a lock
IN_FLIGHT_WAIT_S = 5.0
#: A refused login (locked), a request over its login's rate or a typed field over its limit is answered
#: after this delay, at most
#: ``LOCKED_HELD`` such answers held per client address at once (beyond that, at once): a client that repeats
#: them gets at most ``LOCKED_HELD / LOCKED_DELAY_S`` answers a second, each costing the event loop nothing
#: while held.
LOCKED_DELAY_S = 1.0
LOCKED_HELD = 32
#: Named endpoints' typed fields (positional index → a field of :data:`assistant.inputs.FIELDS`, or
#: ``metrics``: a table's rows and size counted, never parsed), filled
#: by :func:`assistant.ui.api.register_api` from the endpoints' signatures: checked at the door.
CALL_FIELDS: dict[str, dict[int, str]] = {}
TOTAL_STREAMS = 512


# ------------------------------------------------------------------ who owns what
class Owners:
    """Process-wide: which login owns a session id and which login may fetch a served file."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.sessions: dict[str, str] = {}
        self.files: dict[str, set[str]] = defaultdict(set)

    def bind_session(self, session: str, user: str) -> bool:
        """Bind ``session`` to ``user`` on first use; ``False`` when another user holds it."""
        with self._lock:
            owner = self.sessions.setdefault(session, user)
        return owner == user

    def own_file(self, path: str | Path, user: str) -> None:
        with self._lock:
            self.files[_key(path)].add(user)

    def may_fetch(self, path: str | Path, user: str | None) -> bool:
        with self._lock:
            return user is not None and user in self.files.get(_key(path), ())


OWNERS = Owners()


def _key(path: str | Path) -> str:
    return str(Path(path).resolve())


def publish(paths: Iterable[str | Path], user: str | None) -> list[str]:
    """Put files a handler made into gradio's cache as the property of ``user``.

    Args:
        paths: files in the session's folder (a draft .docx/.md, a table, an outline).
        user: the login (``gr.Request.username``); ``None`` on a server without logins.

    Returns:
        The cached paths to return to gradio (it serves them as they are).
    """
    from gradio import processing_utils, utils

    out: list[str] = []
    for path in paths:
        cached = processing_utils.save_file_to_cache(str(path), utils.get_upload_folder())
        if user is not None:
            OWNERS.own_file(cached, user)
        out.append(cached)
    return out


# ------------------------------------------------------------------ login throttling
class LoginThrottle:
    """Failures per user and per client address, with a growing delay and a timed lock."""

    def __init__(self, max_failures: int, lock_minutes: float, delay_s: float) -> None:
        self.max_user = max_failures
        self.max_addr = 4 * max_failures
        self.window = lock_minutes * 60.0
        self.delay_s = delay_s
        self.fails: dict[str, list[float]] = defaultdict(list)
        self.pending: dict[str, int] = defaultdict(int)
        self.locked: dict[str, float] = {}

    def _count(self, key: str, now: float) -> int:
        recent = [t for t in self.fails.get(key, []) if now - t < self.window]
        self.fails[key] = recent
        return len(recent)

    def check(self, user: str, addr: str) -> float | None:
        """Reserve an attempt; the seconds left of a lock when refused, else ``None``."""
        now = time.monotonic()
        for key, cap in ((f"u:{user}", self.max_user), (f"a:{addr}", self.max_addr)):
            until = self.locked.get(key, 0.0)
            if until > now:
                return until - now
            failures = self._count(key, now)
            if failures >= cap:
                self.locked[key] = now + self.window
                log.warning("login locked: %s after %d failures", key, failures)
                return self.window
            if failures + self.pending[key] >= cap:
                # attempts in flight could pass the cap before any fails (a parallel flood): this one waits, but
                # only failures lock (tests: 8 parallel right passwords locked their user for the window)
                return IN_FLIGHT_WAIT_S
        for key in (f"u:{user}", f"a:{addr}"):
            self.pending[key] += 1
        return None

    def done(self, user: str, addr: str, ok: bool) -> float:
        """Record an attempt's outcome; the delay before a failure is answered."""
        now = time.monotonic()
        keys = (f"u:{user}", f"a:{addr}")
        for key in keys:
            self.pending[key] = max(0, self.pending[key] - 1)
        if ok:
            self.fails.pop(keys[0], None)
            return 0.0
        for key in keys:
            self.fails[key].append(now)
        n = self._count(keys[0], now)
        delay = min(self.delay_s * 2 ** max(0, n - 1), MAX_DELAY_S)
        log.warning("login failed: user=%r addr=%s (%d recent failures), answered after %.2f s",
                    user[:40], addr, n, delay)  # fmt: skip
        return delay


# ------------------------------------------------------------------ the middleware
_SESSION_ROUTES = ("/queue/join", "/queue/data", "/heartbeat/", "/run/", "/call/", "/api/", "/cancel",
                   "/component_server", "/stream/")  # fmt: skip


class RequestRate:
    """Per-login token buckets: ``rate`` requests a second, bursts of ``4 × rate``. Used on the event loop
    only (no lock); logins idle for a minute are forgotten."""

    def __init__(self, rate: float) -> None:
        self.rate, self.burst = float(rate), 4.0 * float(rate)
        self.buckets: dict[str, tuple[float, float]] = {}

    def take(self, user: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        level, since = self.buckets.get(user, (self.burst, now))
        level = min(self.burst, level + (now - since) * self.rate)
        if len(self.buckets) > 10_000:
            self.buckets = {u: v for u, v in self.buckets.items() if now - v[1] < 60}
        if level < 1.0:
            self.buckets[user] = (level, now)
            return False
        self.buckets[user] = (level - 1.0, now)
        return True


class Gate:
    """ASGI middleware (see the module docstring).

    Args:
        app: the wrapped ASGI app (gradio's).
        settings: the server settings (limits).
        logins: whether the server has logins.
        messages: the Chinese texts (``locked``, ``session``, ``file``, ``streams``, ``body``).
    """

    def __init__(self, app: ASGIApp, settings: Any, logins: bool, messages: dict[str, str]) -> None:
        self.app = app
        self.settings = settings
        self.logins = logins
        self.messages = messages
        self.max_body = int(settings.max_request_kb) * 1024
        self.max_streams = int(settings.max_heartbeats)
        self.rate = RequestRate(settings.max_requests_per_s)
        self.streams: dict[str, int] = defaultdict(int)
        self.refusing: dict[str, int] = defaultdict(int)
        self.throttle = LoginThrottle(
            settings.login_max_failures, settings.login_lock_minutes, settings.login_delay_s
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        method: str = scope.get("method", "GET")
        addr = (scope.get("client") or ("?", 0))[0]
        if path.rstrip("/").endswith("/deep_link"):
            await _answer(send, 404, self.messages["deep_link"])
            return
        if method == "POST" and path.rstrip("/") == "/login" and self.logins:
            await self._login(scope, receive, send, addr)
            return
        api = path.split("/gradio_api", 1)[1] if path.startswith("/gradio_api") else None
        if api is None:
            await self.app(scope, receive, send)
            return
        user = _user(scope) if self.logins else None
        counted = method == "POST" or api.startswith(("/file=", "/file/"))  # a call's own stream GET is not
        if user is not None and counted and not self.rate.take(user):  # before the body is read
            log.warning("request rate over its limit: user=%r path=%s", user, api[:80])
            await _drain(
                receive, self.max_body
            )  # read and dropped, never parsed: the connection stays usable
            await self._rate_refused(send, addr)  # …and slowly: a flooding client paces itself
            return
        if method == "POST" and _is_json(scope):
            body = await _read_body(receive, self.max_body)
            if body is None:
                await _answer(send, 413, self.messages["body"].format(kb=self.max_body // 1024))
                return
            receive = _replay(body, receive)
            parsed = _json(body)
            session = _json_session(parsed)
            if session and not self._bind(session, user):
                await _answer(send, 403, self.messages["session"])
                return
            refusal = self._over_limit(api, parsed)
            if refusal:  # a named endpoint's typed field over its limit: refused before gradio's queue
                await self._pace(addr)  # …and slowly: a client repeating it paces itself
                await _answer(send, 400, refusal)
                return
        session = _query_session(scope) or _path_session(api)
        if session and api.startswith(_SESSION_ROUTES) and not self._bind(session, user):
            await _answer(send, 403, self.messages["session"])
            return
        if self.logins and api.startswith(("/file=", "/file/")) and not self._may_fetch(api, user):
            log.warning("file refused: user=%r path=%s", user, api[:200])
            await _answer(send, 403, self.messages["file"])
            return
        if api.startswith("/heartbeat/"):
            await self._stream(scope, receive, send, addr)
            return
        if self.logins and user is not None and method == "POST" and api.rstrip("/") == "/upload":
            await self.app(scope, receive, _claim_uploads(send, user))
            return
        await self.app(scope, receive, send)

    async def _pace(self, addr: str) -> None:
        """Hold a refusal ``LOCKED_DELAY_S`` before it is answered, at most ``LOCKED_HELD`` held per client
        address (beyond that, answered at once): a client repeating refused requests gets a few answers a
        second, and a held one costs the event loop nothing."""
        if self.refusing[addr] >= LOCKED_HELD:
            return
        self.refusing[addr] += 1
        try:
            await asyncio.sleep(LOCKED_DELAY_S)
        finally:
            self.refusing[addr] -= 1
            if self.refusing[addr] <= 0:
                self.refusing.pop(addr, None)

    async def _rate_refused(self, send: Send, addr: str) -> None:
        """429 naming the per-login rate, after the door's hold (:meth:`_pace`)."""
        await self._pace(addr)
        await _answer(send, 429, self.messages["rate"].format(n=self.rate.rate))

    def _over_limit(self, api: str, parsed: Any) -> str | None:
        """The Chinese refusal of a ``/call/<name>`` request whose typed field is over its limit
        (:data:`CALL_FIELDS`, the same check the handler makes: :func:`assistant.inputs.clean_field`)."""
        if not api.startswith("/call/") or not isinstance(parsed, dict):
            return None
        fields = CALL_FIELDS.get(api[len("/call/") :].strip("/"))
        data = parsed.get("data")
        if not fields or not isinstance(data, list):
            return None
        for index, field in fields.items():
            value = data[index] if index < len(data) else None
            if field == "metrics" and value is not None:
                from assistant.ui.service import check_table_size  # light: no parsing library loaded

                try:
                    check_table_size(value, self.settings)
                except BadInputError as err:
                    return str(err)
            elif isinstance(value, str):
                try:
                    clean_field(value, field, self.settings)
                except InputLimitError as err:
                    return str(err)
        return None

    def _bind(self, session: str, user: str | None) -> bool:
        if user is None:
            return not self.logins  # with logins, a session is never used without one
        ok = OWNERS.bind_session(session, user)
        if not ok:
            log.warning("session %s of another login refused for user=%r", session[:16], user)
        return ok

    def _may_fetch(self, api: str, user: str | None) -> bool:
        from gradio import utils

        raw = unquote(api[len("/file=") :] if api.startswith("/file=") else api[len("/file/") :])
        if "://" in raw:
            return False
        try:
            target = Path(raw).resolve()
            inside = target.is_relative_to(Path(utils.get_upload_folder()).resolve())
        except (OSError, ValueError):
            return False
        return not inside or OWNERS.may_fetch(target, user)

    async def _stream(self, scope: Scope, receive: Receive, send: Send, addr: str) -> None:
        if self.streams[addr] >= self.max_streams or sum(self.streams.values()) >= TOTAL_STREAMS:
            await _answer(send, 429, self.messages["streams"].format(n=self.max_streams))
            return
        self.streams[addr] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.streams[addr] -= 1
            if self.streams[addr] <= 0:
                self.streams.pop(addr, None)

    async def _login(self, scope: Scope, receive: Receive, send: Send, addr: str) -> None:
        body = await _read_body(receive, 16 * 1024)
        if body is None:
            await _answer(send, 413, self.messages["body"].format(kb=16))
            return
        fields = parse_qs(body.decode("utf-8", "replace"))
        user = (fields.get("username") or [""])[0].strip()[:200]
        if user and not self.rate.take("login:" + user):  # a script logging in again and again is paced
            await self._rate_refused(send, addr)
            return
        wait = self.throttle.check(user, addr)
        if wait == IN_FLIGHT_WAIT_S:  # too many attempts at once, none failed: busy, not locked
            await self._rate_refused(send, addr)
            return
        if wait is not None:
            await self._pace(addr)  # slowed: a flood of logins paces itself
            minutes = max(1, round(wait / 60))
            await _answer(send, 429, self.messages["locked"].format(minutes=minutes))
            return
        status: list[int] = []
        held: list[Message] = []

        async def hold(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            held.append(message)

        try:
            await self.app(scope, _replay(body, receive), hold)
        finally:
            ok = bool(status) and status[0] == 200
            delay = self.throttle.done(user, addr, ok)
        if delay:
            await asyncio.sleep(delay)
        for message in held:
            await send(message)


# ------------------------------------------------------------------ helpers
def _user(scope: Scope) -> str | None:
    """The login of a request: gradio's access-token cookie looked up in the app's tokens."""
    app = scope.get("app")
    tokens = getattr(app, "tokens", None)
    cookie_id = getattr(app, "cookie_id", None)
    if not tokens or cookie_id is None:
        return None
    cookies: dict[str, str] = {}
    for key, value in scope.get("headers") or []:
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                name, _, val = part.strip().partition("=")
                cookies[name] = val
    token = cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")
    return tokens.get(token) if token else None


def _is_json(scope: Scope) -> bool:
    for key, value in scope.get("headers") or []:
        if key == b"content-type":
            return b"json" in value.lower()
    return False


async def _read_body(receive: Receive, cap: int) -> bytes | None:
    """The whole request body, or ``None`` once it passes ``cap`` bytes."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > cap:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(chunks)


async def _drain(receive: Receive, cap: int) -> None:
    """Receive and drop a request body (at most ``cap`` bytes looked at)."""
    size = 0
    while size <= cap:
        message = await receive()
        if message["type"] != "http.request":
            return
        size += len(message.get("body", b""))
        if not message.get("more_body"):
            return


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


def _json(body: bytes) -> Any:
    """The parsed JSON body (``None`` when it is not JSON); parsed once for every check of the gate."""
    try:
        return json.loads(body or b"null")
    except (ValueError, RecursionError):
        return None


def _json_session(data: Any) -> str | None:
    value = data.get("session_hash") if isinstance(data, dict) else None
    return str(value) if value else None


def _query_session(scope: Scope) -> str | None:
    query = scope.get("query_string", b"").decode("latin-1")
    values = parse_qs(query).get("session_hash")
    return values[0] if values else None


def _path_session(api: str) -> str | None:
    if api.startswith("/heartbeat/"):
        return api[len("/heartbeat/") :].strip("/") or None
    return None


async def _answer(send: Send, status: int, text: str) -> None:
    data = json.dumps({"detail": text, "error": text}, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


def _claim_uploads(send: Send, user: str) -> Send:
    """A ``send`` that records the paths an upload answer names as ``user``'s files."""
    chunks: list[bytes] = []
    status: list[int] = []

    async def claim(message: Message) -> None:
        if message["type"] == "http.response.start":
            status.append(int(message["status"]))
        elif message["type"] == "http.response.body" and status and status[0] == 200:
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                try:
                    paths = json.loads(b"".join(chunks))
                except ValueError:
                    paths = []
                for path in paths if isinstance(paths, list) else []:
                    if isinstance(path, str):
                        OWNERS.own_file(path, user)
        await send(message)

    return claim
