"""Parse files in a worker process with a memory limit and a time limit.

A hostile file that slips past the size checks of :mod:`assistant.ingest.limits` can still make
a parser allocate gigabytes or spin for minutes. Each file is therefore parsed in a child
process (``spawn``: it inherits none of the caller's threads, models or memory) whose address
space is capped with ``RLIMIT_AS`` (``settings.parse_memory_mb``) and which runs at a lower CPU
priority, so a server's searches go on at normal speed. The caller waits at most
``settings.parse_timeout`` seconds; a child that overruns or dies is killed, the file gets a
Chinese reason, and a fresh child parses the next file. Only the failing file fails.

Recognising scanned pages (:mod:`assistant.ingest.scan`) takes seconds a page: the child reports
each page, and the caller then waits ``ocr_page_timeout`` for the next one, up to
``ocr_file_timeout`` for the whole file, instead of ``parse_timeout``; the reports also drive a
progress bar (or the caller's ``on_pages`` callback). The recogniser needs more address space than
a parser (``ocr_memory_mb``), so a child that raised its limit for it is replaced after the file.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
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
    from assistant.ingest import scan
    from assistant.ingest.pipeline import parse_records_local
    from assistant.ingest.readers import ParseMemoryError

    scan.set_progress_hook(lambda done, total, name: conn.send(("pages", done, total)))
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
        if scan.state["memory_raised"]:  # a fresh child (with the parse limit) for the next file
            out.append(("restart", None))
        try:
            conn.send(out)
        except MemoryError:
            del out
            conn.send([("mem", None)])
        if scan.state["memory_raised"]:
            return


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

    def _wait(self, path: Path, settings: Any, on_pages: Any) -> list[tuple[str, Any]]:
        """The child's answer for one file; page reports extend the wait (OCR) and move the bar."""
        timeout = float(settings.parse_timeout)
        page_timeout = float(getattr(settings, "ocr_page_timeout", 60.0))
        file_timeout = float(getattr(settings, "ocr_file_timeout", 1800.0))
        start = time.monotonic()
        deadline = start + timeout
        bar = None
        try:
            while True:
                if not self._conn.poll(max(deadline - time.monotonic(), 0.0)):
                    self._kill()
                    if bar is not None:
                        spent = time.monotonic() - start
                        if spent >= file_timeout - 1:
                            raise IngestError(path, f"文字识别超过每个文件 {file_timeout:g} 秒的上限，已停止")
                        raise IngestError(
                            path, f"第 {bar['done'] + 1} 页的文字识别超过 {page_timeout:g} 秒仍未完成，已停止"
                        )
                    raise IngestError(path, f"解析超过 {timeout:g} 秒仍未完成，已停止（文件过大或构造异常）")
                msg = self._conn.recv()
                if isinstance(msg, tuple) and msg and msg[0] == "pages":
                    _, done, total = msg
                    bar = _page_bar(bar, path, done, total, on_pages)
                    deadline = min(time.monotonic() + page_timeout, start + file_timeout)
                    continue
                return msg
        finally:
            if bar is not None and bar.get("tqdm") is not None:
                bar["tqdm"].close()

    def parse(
        self,
        path: Path,
        settings: Any,
        corpus_meta: dict[str, DocMeta] | None,
        genre: str | None = None,
        on_pages: Any = None,
    ) -> list[Document | IngestError]:
        """Parse one file in the child.

        Args:
            path: the file.
            settings: chunking, size limits and ``parse_timeout``.
            corpus_meta: ``meta.yaml`` entries of the file's folder.
            genre: the user's genre for the file's documents (``None``: classified).
            on_pages: ``on_pages(done, total)`` for each recognised page (``None``: a terminal bar).

        Returns:
            Documents and row errors, as :func:`assistant.ingest.pipeline.parse_records_local` gives them.

        Raises:
            IngestError: the file failed (its reason, or the memory/time limit it hit).
        """
        with self._lock:
            self._ensure()
            try:
                self._conn.send((str(path), settings, corpus_meta, genre))
                out = self._wait(path, settings, on_pages)
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
            elif tag == "restart":
                self._restart_quietly()
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


def _page_bar(bar: dict[str, Any] | None, path: Path, done: int, total: int, on_pages: Any) -> dict[str, Any]:
    """Show one page report: the caller's callback, else a terminal bar counting pages."""
    if bar is None:
        bar = {"done": 0, "tqdm": None}
        if on_pages is None:
            from tqdm import tqdm

            bar["tqdm"] = tqdm(total=total, desc=f"文字识别 {Path(path).name}", unit="页", disable=None)
    if on_pages is not None:
        on_pages(done, total)
    elif bar["tqdm"] is not None:
        bar["tqdm"].update(done - bar["done"])
    bar["done"] = done
    return bar


_SHARED: dict[int, ParseWorker] = {}
_SHARED_LOCK = threading.Lock()


def shared_worker(memory_mb: int) -> ParseWorker:
    """The process-wide worker for this memory limit (started on first use, reused across ingests)."""
    with _SHARED_LOCK:
        worker = _SHARED.get(int(memory_mb))
        if worker is None:
            worker = _SHARED[int(memory_mb)] = ParseWorker(memory_mb)
        return worker
