"""Parse files in a worker process with a memory limit and a time limit.

A hostile file that slips past the size checks of :mod:`assistant.ingest.limits` can still make
a parser allocate gigabytes or spin for minutes. Each file is therefore parsed in a child
process (``spawn``: it inherits none of the caller's threads, models or memory) whose address
space is capped with ``RLIMIT_AS`` (``settings.parse_memory_mb``) and which runs at a lower CPU
priority, so a server's searches go on at normal speed. The caller waits at most
``settings.parse_timeout`` seconds; a child that overruns or dies is killed, the file gets a
Chinese reason, and a fresh child parses the next file. Only the failing file fails.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from pathlib import Path
from typing import Any

from assistant.ingest.limits import human_size
from assistant.ingest.readers import IngestError
from assistant.types import DocMeta, Document

_NICE = 5
STARTUP_TIMEOUT = 120.0


def _limit_memory(mb: int) -> None:
    try:
        import resource

        cap = int(mb) * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on Linux
        pass


def _serve(conn: Any, memory_mb: int) -> None:
    """Child loop: receive ``(path, settings, corpus_meta, genre)``, send back tagged results."""
    _limit_memory(memory_mb)
    try:
        os.nice(_NICE)
    except OSError:  # pragma: no cover
        pass
    from assistant.ingest.pipeline import parse_records_local
    from assistant.ingest.readers import ParseMemoryError

    conn.send("ready")
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        path, settings, corpus_meta, genre = msg
        out: list[tuple[str, Any]] = []
        try:
            for item in parse_records_local(Path(path), settings, corpus_meta, genre):
                if isinstance(item, IngestError):
                    out.append(("err", (item.path, item.reason)))
                else:
                    out.append(("doc", item))
        except ParseMemoryError:
            out = [("mem", None)]
        except IngestError as err:
            out = [("err", (err.path, err.reason))]
        except MemoryError:
            out = [("mem", None)]
        except RecursionError:
            out = [("err", (str(path), "文件结构嵌套过深，无法解析"))]
        except Exception as exc:  # noqa: BLE001 - the reason goes back to the caller
            out = [("err", (str(path), f"读取时发生意外错误（{type(exc).__name__}）"))]
        try:
            conn.send(out)
        except MemoryError:
            del out
            conn.send([("mem", None)])


class WorkerUnavailable(RuntimeError):
    """The child process could not be started; the caller parses in-process instead."""


class ParseWorker:
    """One child process parsing files one at a time (restarted after a failure).

    Args:
        memory_mb: address-space limit of the child.
    """

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = int(memory_mb)
        self._proc: Any = None
        self._conn: Any = None
        self._lock = threading.Lock()
        self._owner = os.getpid()

    def _ensure(self) -> None:
        if self._owner != os.getpid():  # a forked copy: the child belongs to the parent process
            self._proc = self._conn = None
            self._owner = os.getpid()
        if self._proc is not None and self._proc.is_alive():
            return
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child, self.memory_mb), daemon=True, name="assistant-parse")
        try:
            proc.start()
        except (RuntimeError, OSError) as exc:  # e.g. a script without a ``__main__`` guard
            parent.close()
            child.close()
            raise WorkerUnavailable(str(exc)) from exc
        child.close()
        # the start-up (a fresh interpreter importing the parsers) does not count against a file's time
        try:
            ready = parent.poll(STARTUP_TIMEOUT) and parent.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            proc.kill()
            parent.close()
            raise WorkerUnavailable("parse worker did not start")
        self._proc, self._conn = proc, parent

    def _kill(self) -> None:
        if self._proc is not None and self._owner == os.getpid():
            self._proc.kill()
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    @property
    def pid(self) -> int | None:
        """The child's process id (``None`` before the first file)."""
        return self._proc.pid if self._proc is not None else None

    def parse(
        self, path: Path, settings: Any, corpus_meta: dict[str, DocMeta] | None, genre: str | None = None
    ) -> list[Document | IngestError]:
        """Parse one file in the child.

        Args:
            path: the file.
            settings: chunking, size limits and ``parse_timeout``.
            corpus_meta: ``meta.yaml`` entries of the file's folder.
            genre: the user's genre for the file's documents (``None``: classified).

        Returns:
            Documents and row errors, as :func:`assistant.ingest.pipeline.parse_records_local` gives them.

        Raises:
            IngestError: the file failed (its reason, or the memory/time limit it hit).
        """
        timeout = float(settings.parse_timeout)
        with self._lock:
            self._ensure()
            try:
                self._conn.send((str(path), settings, corpus_meta, genre))
                if not self._conn.poll(timeout):
                    self._kill()
                    raise IngestError(path, f"解析超过 {timeout:g} 秒仍未完成，已停止（文件过大或构造异常）")
                out = self._conn.recv()
            except (EOFError, OSError, BrokenPipeError) as exc:
                self._kill()
                raise IngestError(
                    path,
                    f"解析时内存超过上限 {human_size(self.memory_mb * 1024 * 1024)}，已停止（文件解开后过大）",
                ) from exc
        items: list[Document | IngestError] = []
        for tag, value in out:
            if tag == "doc":
                items.append(value)
            elif tag == "mem":
                self._restart_quietly()
                raise IngestError(
                    path,
                    f"解析时内存超过上限 {human_size(self.memory_mb * 1024 * 1024)}，已停止（文件解开后过大）",
                )
            else:
                items.append(IngestError(*value))
        if len(items) == 1 and isinstance(items[0], IngestError) and items[0].path == str(path):
            raise items[0]
        return items

    def _restart_quietly(self) -> None:
        """After a MemoryError the child's heap may be fragmented: start a fresh one next time."""
        with self._lock:
            self._kill()

    def close(self) -> None:
        """Stop the child."""
        with self._lock:
            if self._owner != os.getpid():
                return
            if self._conn is not None and self._proc is not None and self._proc.is_alive():
                try:
                    self._conn.send(None)
                    self._proc.join(2)
                except (OSError, BrokenPipeError):
                    pass
            self._kill()


_SHARED: dict[int, ParseWorker] = {}
_SHARED_LOCK = threading.Lock()


def shared_worker(memory_mb: int) -> ParseWorker:
    """The process-wide worker for this memory limit (started on first use, reused across ingests)."""
    with _SHARED_LOCK:
        worker = _SHARED.get(int(memory_mb))
        if worker is None:
            worker = _SHARED[int(memory_mb)] = ParseWorker(memory_mb)
        return worker
