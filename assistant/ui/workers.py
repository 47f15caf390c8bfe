"""Heavy requests run in a small pool of low-priority worker processes, scheduled fairly per user.

A chat answer, a whole draft, a redraft of last year's report or an export is pure-Python work
that holds the GIL for seconds (a profile of a first /ask: 70 % of its time in jieba's
dictionary load and tokenising, the rest in slot finding and sentence filling). Run in the
server process, it stalls every other user's search. Here it runs in ``spawn`` workers that
share nothing with the server, at CPU priority ``nice`` 19, bound to the last core, with one
thread for the numeric libraries (as :mod:`assistant.ui.ingest_child`); the server keeps the
search path and its embedder.

Scheduling: one user has at most one request in a worker at a time; the others wait in that
user's own queue (at most ``heavy_queue`` requests, more are refused in Chinese). A free worker
goes to the user who has waited longest for a turn (round robin), so one user's requests queue
behind each other, never ahead of another user's.
One user's requests start at most one every ``heavy_interval_s`` seconds (default 0.5): a person never
waits for it, a script sending chat messages back to back is paced like one (each answered request costs
the server's event loop ~10 ms of CPU beside the worker's: at 26 a second, a third of a core that
another user's searches lacked; bench/hostile_web.py).

Limits: a request may take ``heavy_timeout`` seconds and its worker ``heavy_memory_mb`` of
resident memory; past either, the worker is killed and the caller gets a Chinese message. A worker
that dies (killed, out of memory) gives a Chinese message naming the cause; the next request
starts a fresh one. Exceptions the library raises (with their Chinese messages) are re-raised
in the server unchanged, so the handlers treat them as before.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import multiprocessing as mp
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Iterator
from typing import Any

from assistant.errors import AssistantError
from assistant.ui.ingest_child import _cause, _exit_with_parent, _lower_priority
from assistant.ui.locale import t

POLL = 0.25  # seconds between checks of a running request (alive, time, memory)
STARTUP = 300.0  # seconds a fresh worker may take to import and warm up before its first request
WARM_TARGET = "assistant.ui.heavy:warm_up"


class WorkerError(AssistantError, RuntimeError):
    """A worker failed, died, ran out of time or memory, or the user's queue is full (Chinese)."""


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, warm: Any) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(
            target=_serve, args=(child, os.getpid(), warm), name="assistant-heavy", daemon=True
        )
        self.broken, self.start_error = False, None
        try:
            self.proc.start()
        except (RuntimeError, OSError) as exc:  # e.g. a script without a ``__main__`` guard
            self.broken, self.start_error = True, exc
        finally:
            child.close()

    @property
    def pid(self) -> int | None:
        return self.proc.pid

    def rss_mb(self) -> float:
        with contextlib.suppress(OSError, ValueError):
            for line in open(f"/proc/{self.proc.pid}/status", encoding="ascii"):  # noqa: SIM115
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def run(
        self, target: str, args: tuple, kwargs: dict, limits: tuple[float, float], what: str
    ) -> Iterator[Any]:
        """Send one request and yield what the worker sends back: ``("item", x)``…, then ``("done", result)``."""
        timeout, memory_mb = limits
        if self.start_error is not None:
            raise WorkerError(t("heavy_failed", what=what, reason=self.start_error))
        try:
            self.conn.send((target, args, kwargs))
        except (OSError, ValueError, pickle.PicklingError) as exc:
            died = False
            if isinstance(exc, OSError):  # a broken pipe: the worker is gone or going
                self.proc.join(1)
                died = self.proc.exitcode is not None
            self.kill()
            if died:  # killed while the request was being sent: say so, as when it dies mid-request
                raise WorkerError(t("heavy_died", what=what, cause=_cause(self.proc.exitcode))) from exc
            raise WorkerError(t("heavy_failed", what=what, reason=exc)) from exc
        start, allowed = time.monotonic(), timeout + STARTUP  # a fresh worker loads first
        while True:
            try:
                ready = self.conn.poll(POLL)
                message = self.conn.recv() if ready else None
            except (EOFError, OSError):
                self.proc.join(5)
                self.broken = True
                raise WorkerError(t("heavy_died", what=what, cause=_cause(self.proc.exitcode))) from None
            if message is None:
                if not self.proc.is_alive():
                    self.proc.join(1)
                    self.broken = True
                    raise WorkerError(t("heavy_died", what=what, cause=_cause(self.proc.exitcode)))
                if time.monotonic() - start > allowed:
                    self.kill()
                    raise WorkerError(t("heavy_timeout", what=what, seconds=f"{timeout:g}"))
                if memory_mb and self.rss_mb() > memory_mb:
                    self.kill()
                    raise WorkerError(t("heavy_memory", what=what, mb=f"{memory_mb:g}"))
                continue
            kind, payload = message
            if kind == "start":  # the request's own time starts now
                start, allowed = time.monotonic(), timeout
            elif kind == "item":
                yield kind, payload
            elif kind == "done":
                yield kind, payload
                return
            elif kind == "raise":
                raise payload
            elif kind == "rebuild":  # an exception whose __init__ does not take its args back
                raise _rebuilt(*payload)
            else:
                raise WorkerError(t("heavy_failed", what=what, reason=payload))

    def kill(self) -> None:
        self.broken = True
        if self.start_error is None:
            with contextlib.suppress(OSError, AttributeError):
                self.proc.kill()
            self.proc.join(5)
        with contextlib.suppress(OSError):
            self.conn.close()


class _Ticket:
    __slots__ = ("user", "worker")

    def __init__(self, user: str) -> None:
        self.user = user
        self.worker: _Worker | None = None


class Pool:
    """Workers plus the per-user fair queue (see the module docstring)."""

    def __init__(
        self,
        size: int,
        timeout: float,
        memory_mb: float,
        per_user: int,
        warm: Any = None,
        interval: float = 0.0,
    ) -> None:
        self.size, self.limits, self.per_user, self.warm = size, (timeout, memory_mb), per_user, warm
        self.interval = float(interval)  # seconds between the starts of one user's requests
        self._not_before: dict[str, float] = {}  # user → when their next request may start
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._started = 0  # workers alive or running a request
        self._queues: dict[str, deque[_Ticket]] = {}
        self._turns: deque[str] = deque()  # users with waiting requests, longest-waiting first
        self._busy: set[str] = set()  # users with a request in a worker
        self._running: dict[str, int] = {}  # user → pid of the worker running their request

    # ------------------------------------------------------------------ scheduling
    def start(self) -> None:
        """Start (and warm) every worker now, so the first requests find them ready."""
        with self._cond:
            while self._started < self.size:
                self._idle.append(_Worker(self.warm))
                self._started += 1

    def _dispatch(self) -> None:
        """Give free workers to the next users in turn (call with the lock held)."""
        now = time.monotonic()
        for _ in range(len(self._turns)):
            if not self._turns or (not self._idle and self._started >= self.size):
                return
            user = self._turns[0]
            self._turns.rotate(-1)
            if user in self._busy or self._not_before.get(user, 0.0) > now:
                continue
            queue = self._queues[user]
            ticket = queue.popleft()
            if not queue:
                del self._queues[user]
                self._turns.remove(user)
            while self._idle and not self._idle[-1].proc.is_alive():  # died while idle (e.g. OOM killer)
                self._idle.pop().kill()
                self._started -= 1
            if self._idle:
                ticket.worker = self._idle.pop()
            else:
                ticket.worker = _Worker(self.warm)
                self._started += 1
            self._busy.add(user)
            self._running[user] = ticket.worker.pid or 0
            if self.interval > 0:
                if len(self._not_before) > 1024:  # users long gone
                    self._not_before = {u: t for u, t in self._not_before.items() if t > now}
                self._not_before[user] = now + self.interval
            self._cond.notify_all()

    def _acquire(self, user: str, what: str) -> _Ticket:
        ticket = _Ticket(user)
        with self._cond:
            queue = self._queues.setdefault(user, deque())
            if len(queue) + (user in self._busy) >= self.per_user:
                if not queue:
                    del self._queues[user]
                raise WorkerError(t("heavy_queue_full", what=what, n=self.per_user))
            queue.append(ticket)
            if user not in self._turns:
                self._turns.append(user)
            self._dispatch()
            while ticket.worker is None:
                # a user's requests start at most one an ``interval``: a script sending them back to back is
                # paced like a person, and its turn comes back when the interval has passed
                wait = self._not_before.get(user, 0.0) - time.monotonic()
                self._cond.wait(timeout=wait + 0.005 if wait > 0 else None)
                self._dispatch()
        return ticket

    def _release(self, ticket: _Ticket) -> None:
        with self._cond:
            worker = ticket.worker
            if worker is not None and (worker.broken or not worker.proc.is_alive()):
                worker.kill()
                self._started -= 1  # the next request starts a fresh one
            elif worker is not None:
                self._idle.append(worker)
            self._busy.discard(ticket.user)
            self._running.pop(ticket.user, None)
            self._dispatch()
            self._cond.notify_all()

    # ------------------------------------------------------------------ calls
    def messages(
        self, user: str, target: str, args: tuple, kwargs: dict, what: str
    ) -> Iterator[tuple[str, Any]]:
        """Wait for the user's turn, run ``target`` in a worker, yield its messages (see :meth:`_Worker.run`)."""
        ticket = self._acquire(user, what)
        finished = False
        try:
            assert ticket.worker is not None
            yield from ticket.worker.run(target, args, kwargs, self.limits, what)
            finished = True
        finally:
            if not finished and ticket.worker is not None and not ticket.worker.broken:
                ticket.worker.kill()  # abandoned mid-answer: its pipe may still hold items
            self._release(ticket)

    def stream(self, user: str, target: str, *args: Any, what: str = "", **kwargs: Any) -> Iterator[Any]:
        """Yield what ``target`` (a generator function, ``"module:function"``) yields, run in a worker."""
        for kind, payload in self.messages(user, target, args, kwargs, what):
            if kind == "item":
                yield payload

    def call(self, user: str, target: str, *args: Any, what: str = "", **kwargs: Any) -> Any:
        """``target(*args, **kwargs)`` run in a worker; its exceptions are re-raised here."""
        result = None
        for kind, payload in self.messages(user, target, args, kwargs, what):
            if kind == "done":
                result = payload
        return result

    def running(self) -> dict[str, int]:
        """The users with a request in a worker, and that worker's pid (for tests and monitoring)."""
        with self._cond:
            return dict(self._running)

    def close(self) -> None:
        with self._cond:
            for worker in self._idle:
                worker.kill()
            self._idle.clear()
            self._started = 0


_POOLS: dict[tuple, Pool] = {}
_LOCK = threading.Lock()


def get_pool(settings: Any) -> Pool | None:
    """The process-wide pool for these limits (``None`` when ``heavy_workers`` is 0: run in-process)."""
    size = int(getattr(settings, "heavy_workers", 2))
    if size <= 0:
        return None
    key = (size, settings.heavy_timeout, settings.heavy_memory_mb, settings.heavy_queue,
           getattr(settings, "heavy_interval_s", 0.0))  # fmt: skip
    with _LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            pool = _POOLS[key] = Pool(
                size, settings.heavy_timeout, settings.heavy_memory_mb, settings.heavy_queue, settings,
                interval=float(getattr(settings, "heavy_interval_s", 0.0)),
            )  # fmt: skip
            atexit.register(pool.close)
        return pool


def user_key(request: Any) -> str:
    """Whose queue a request joins: the login, else the browser session, else one shared queue."""
    name = getattr(request, "username", None)
    if name:
        return f"user:{name}"
    session = getattr(request, "session_hash", None)
    return f"session:{session}" if session else "anonymous"


def run_heavy(settings: Any, request: Any, target: str, *args: Any, what: str, **kwargs: Any) -> Any:
    """Run ``target`` in the pool for the request's user, or in this process without a pool."""
    pool = get_pool(settings)
    if pool is None:
        return _resolve(target)(*args, **kwargs)
    return pool.call(user_key(request), target, *args, what=what, **kwargs)


def stream_heavy(
    settings: Any, request: Any, target: str, *args: Any, what: str, **kwargs: Any
) -> Iterator[Any]:
    """Like :func:`run_heavy` for a generator ``target``: yields its items."""
    pool = get_pool(settings)
    if pool is None:
        yield from _resolve(target)(*args, **kwargs)
        return
    yield from pool.stream(user_key(request), target, *args, what=what, **kwargs)


# ---------------------------------------------------------------------------- the worker
def _resolve(target: str) -> Any:
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


def _serve(conn: Any, parent: int, warm: Any) -> None:
    """Worker entry: lower priority, warm up, then answer requests one at a time until the pipe closes."""
    _lower_priority()
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="parent-watch").start()
    if warm is not None:
        with contextlib.suppress(Exception):
            _resolve(WARM_TARGET)(warm)
    while True:
        try:
            target, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            function = _resolve(target)  # importing its module is start-up, not the request's time
            conn.send(("start", None))
            result = function(*args, **kwargs)
            if isinstance(result, Iterator):
                for item in result:
                    conn.send(("item", item))
                result = None
            conn.send(("done", result))
        except BaseException as err:  # noqa: BLE001 - the server re-raises it or reports it
            _send_error(conn, err)


def _send_error(conn: Any, err: BaseException) -> None:
    """Send the exception itself when it pickles (the server re-raises it), else its message."""
    from assistant.errors import user_message

    try:
        pickle.loads(pickle.dumps(err))
        conn.send(("raise", err))
        return
    except Exception:  # noqa: BLE001, S110 - e.g. AuditError(flags), rebuilt below without its __init__
        pass
    try:
        payload = (type(err), err.args, dict(vars(err)))
        _rebuilt(*pickle.loads(pickle.dumps(payload)))
        conn.send(("rebuild", payload))
    except Exception:  # noqa: BLE001
        conn.send(
            ("error", user_message(err) or t("ingest_unexpected", error=f"{type(err).__name__}：{err}"))
        )


def _rebuilt(cls: type, args: tuple, state: dict) -> BaseException:
    """The exception of class ``cls`` with ``args`` and attributes ``state``, without calling its ``__init__``."""
    err = cls.__new__(cls)
    err.args = args
    err.__dict__.update(state)
    return err
