"""The server's index writes run in a child process, so other users' searches keep their speed.

The web app's ingest of an upload (parse, chunk, embed, publish) and its 重建索引 run in a
``spawn`` child that shares nothing with the server (no threads, models or memory), at the
lowest CPU priority (``nice`` 19), bound to one core, with one thread for OpenMP/BLAS (so for
torch and FAISS too) and one ONNX worker (the embedder uses the cores it may run on): the
server's searches always have a core to themselves. The child publishes a new index version like
any writer, under the writer lock and atomically; the server's searcher switches to it on its
next search (:meth:`assistant.index.search.Searcher.reload`). The child's progress bars are
forwarded to the caller.

A child that raises gives its Chinese message; one that dies (out of memory, killed) gives a
Chinese message naming the cause, never a hang. The index is then as it was (the writer lock
is released with the child's file handles), and the child of a server that died stops too.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing as mp
import os
import signal
import threading
from collections.abc import Callable
from typing import Any

from assistant.errors import AssistantError
from assistant.ui.locale import t

NICE = 19
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")
POLL = 0.5  # seconds between checks that the child is still alive
EXIT_WAIT = 10.0  # seconds a child that sent its result may take to exit before it is killed

Progress = Callable[[str, int, "int | None"], None]


class IngestChildError(AssistantError, RuntimeError):
    """The child failed or died; the message is Chinese and names what was being indexed."""


def run_in_child(target: str, *args: Any, what: str, on_progress: Progress | None = None,
                 **kwargs: Any) -> Any:  # fmt: skip
    """Call ``target(*args, **kwargs)`` in a low-priority child process and return its result.

    Args:
        target: ``"module:function"``, importable by a fresh interpreter.
        *args: picklable arguments.
        what: what is being done, for the messages (e.g. ``索引“a.docx”``).
        on_progress: called with ``(description, done, total)`` for the child's progress bars.
        **kwargs: picklable keyword arguments.

    Returns:
        What ``target`` returned (pickled back).

    Raises:
        IngestChildError: ``target`` raised (its Chinese message), or the child died or could not
            start (the cause).
    """
    ctx = mp.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child, args=(sender, target, args, kwargs, os.getpid()), name="assistant-ingest"
    )
    try:
        proc.start()
    except (RuntimeError, OSError) as exc:  # e.g. a script without a ``__main__`` guard
        receiver.close()
        raise IngestChildError(t("ingest_failed", what=what, reason=exc)) from exc
    finally:
        sender.close()  # the child holds the only writing end: its death is an EOF here
    try:
        while True:
            try:
                if not receiver.poll(POLL):
                    if proc.is_alive():
                        continue
                    raise EOFError
                kind, *payload = receiver.recv()
            except (EOFError, OSError):
                proc.join(5)
                raise IngestChildError(t("ingest_died", what=what, cause=_cause(proc.exitcode))) from None
            if kind == "progress":
                if on_progress is not None:
                    on_progress(*payload)
            elif kind == "error":
                raise IngestChildError(t("ingest_failed", what=what, reason=payload[0]))
            else:
                return payload[0]
    finally:
        receiver.close()
        proc.join(EXIT_WAIT)
        if proc.is_alive():
            proc.kill()
            proc.join(5)


def _cause(code: int | None) -> str:
    """The Chinese cause of a child's exit code (negative: the signal that ended it)."""
    if code is None:
        return t("ingest_cause_unknown")
    if code == -signal.SIGKILL:
        return t("ingest_cause_killed")
    if code < 0:
        with contextlib.suppress(ValueError):
            return t("ingest_cause_signal", sig=signal.Signals(-code).name)
    return t("ingest_cause_code", code=code)


# ---------------------------------------------------------------------------- the child
def _child(conn: Any, target: str, args: tuple, kwargs: dict, parent: int) -> None:
    """Child entry: lower priority and threads, forward progress, run ``target``, send the result."""
    _lower_priority()
    lock = threading.Lock()

    def send(message: tuple) -> None:
        with lock:
            conn.send(message)

    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="parent-watch").start()
    _forward_progress(send)
    try:
        module, name = target.split(":")
        result = getattr(importlib.import_module(module), name)(*args, **kwargs)
    except BaseException as err:  # noqa: BLE001 - the reason goes back to the server
        from assistant.errors import user_message

        send(("error", user_message(err) or t("ingest_unexpected", error=f"{type(err).__name__}：{err}")))
        return
    send(("done", result))


def _lower_priority() -> None:
    """Lowest CPU priority, one core, one thread for the numeric libraries (set before they load)."""
    for var in THREAD_VARS:
        os.environ[var] = "1"
    with contextlib.suppress(OSError):
        os.nice(NICE)
    with contextlib.suppress(AttributeError, OSError):
        cores = sorted(os.sched_getaffinity(0))
        if len(cores) > 1:
            os.sched_setaffinity(0, {cores[-1]})


def _exit_with_parent(parent: int) -> None:
    """End the child when the server that started it is gone (its work would be orphaned)."""
    import time

    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _forward_progress(send: Callable[[tuple], None]) -> None:
    """Make the child's tqdm bars (the indexer's 解析/向量化) report to the server instead of stderr.

    The indexer imports ``tqdm`` when it runs, so replacing the class in this process (this
    child does nothing else) is enough.
    """
    import tqdm

    class Forward(tqdm.tqdm):  # type: ignore[misc,name-defined]
        monitor_interval = 0  # no monitor thread

        def __init__(self, *a: Any, **kw: Any) -> None:
            kw["file"] = open(os.devnull, "w")  # noqa: SIM115 - closed with the bar
            kw.setdefault("mininterval", 0.5)
            if kw.get("disable", False) is None:  # "on a terminal": here the server is the terminal
                kw["disable"] = False
            super().__init__(*a, **kw)

        def display(self, msg: str | None = None, pos: int | None = None) -> bool:
            send(("progress", str(self.desc or ""), int(self.n), self.total))
            return True

        def close(self) -> None:
            super().close()
            with contextlib.suppress(OSError, AttributeError):
                self.fp.close()

    tqdm.tqdm = Forward  # type: ignore[misc]
