"""Test helper: build a small real index and run the real web server on a free loopback port.

Used by ``tests/test_ui_api.py``, ``tests/test_ui_browser.py`` and ``bench/bench_load.py``. The
server is the real ``assistant serve`` command in a subprocess (real embedder, real FAISS, real
gradio), bound to 127.0.0.1; its corpus folder is a private copy so uploads never touch
``corpus/``.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
XSS_DOC = "900_xss_sample.txt"
XSS_TEXT = """关于法律顾问工作的情况说明
一、聘请法律顾问情况
今年聘请法律顾问<script>alert('x')</script>参与合同审查，<b>加粗</b>与 & 符号应原样显示。法律顾问列席重大决策会议。
"""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_corpus(folder: Path, with_xss: bool = True) -> Path:
    """Copy the sample reports into ``folder`` (plus one report holding HTML/``<script>``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copyfile(path, folder / path.name)
    if with_xss:
        (folder / XSS_DOC).write_text(XSS_TEXT, encoding="utf-8")
    return folder


def build_index(root: Path, with_xss: bool = True) -> tuple[Path, Path]:
    """Build a real index of the sample corpus under ``root``.

    Args:
        root: an empty working folder.
        with_xss: add the report containing ``<script>``.

    Returns:
        ``(index_dir, corpus_dir)``.
    """
    from assistant.index.indexer import ingest
    from assistant.settings import load_settings

    corpus = make_corpus(root / "corpus", with_xss)
    index = root / "index"
    settings = load_settings(index_dir=index, corpus_dir=corpus)
    report = ingest([corpus], settings, progress=False)
    assert report.total_documents >= 5, report.summary()
    return index, corpus


@dataclass
class Server:
    """A running ``assistant serve`` subprocess."""

    url: str
    port: int
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        """Terminate the server (and wait for it)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def log_tail(self, n: int = 40) -> str:
        """The last lines of the server's output (for assertion messages)."""
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return ""


def start_server(
    index: Path,
    corpus: Path,
    *,
    auth: str | None = None,
    upload_max_mb: float | None = None,
    workdir: Path | None = None,
    timeout: float = 180.0,
    env: dict[str, str] | None = None,
) -> Server:
    """Start ``assistant serve`` on a free loopback port and wait until it answers.

    Args:
        index: the index folder.
        corpus: the corpus folder uploads are copied into.
        auth: ``USER:PASS`` or a users file, passed as ``--auth``.
        upload_max_mb: the upload limit (``ASSISTANT_UPLOAD_MAX_MB``).
        workdir: where the server runs and logs (default: ``index``'s parent).
        timeout: seconds to wait for the first answer.
        env: more environment variables for the server (e.g. ``ASSISTANT_INGEST_ISOLATED``).

    Returns:
        The running server.

    Raises:
        RuntimeError: the server exited or did not answer in time (with its log tail).
    """
    port = free_port()
    workdir = workdir or index.parent
    log = workdir / f"server-{port}.log"
    extra, env = env, {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_CORPUS_DIR=str(corpus),
        GRADIO_ANALYTICS_ENABLED="False",
        PYTHONUNBUFFERED="1",
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
    )
    if upload_max_mb is not None:
        env["ASSISTANT_UPLOAD_MAX_MB"] = str(upload_max_mb)
    env.update(extra or {})
    cmd = [sys.executable, "-m", "assistant.cli", "serve", "--index", str(index), "--port", str(port)]
    if auth:
        cmd += ["--auth", auth]
    with open(log, "wb") as out:
        process = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(url=f"http://127.0.0.1:{port}/", port=port, process=process, log=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{server.log_tail()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(server.url + "gradio_api/info", timeout=2, trust_env=False).status_code in (
                200,
                401,
            ):
                return server
        time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"server did not answer within {timeout:.0f}s:\n{server.log_tail()}")


@contextlib.contextmanager
def running_server(index: Path, corpus: Path, **kwargs: object) -> Iterator[Server]:
    """``start_server`` as a context manager that always stops the server."""
    server = start_server(index, corpus, **kwargs)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        server.stop()


_SHARED: dict[str, Any] = {}
UPLOAD_MAX_MB = 1.0


def shared_index() -> tuple[Path, Path]:
    """One index of the sample corpus (+ the ``<script>`` report) per test process."""
    if "index" not in _SHARED:
        root = Path(tempfile.mkdtemp(prefix="assistant-ui-test-"))
        _SHARED["root"] = root
        atexit.register(shutil.rmtree, root, True)
        _SHARED["index"], _SHARED["corpus"] = build_index(root)
    return _SHARED["index"], _SHARED["corpus"]


def shared_server() -> Server:
    """One running server on that index per test process (upload limit ``UPLOAD_MAX_MB``)."""
    if "server" not in _SHARED or _SHARED["server"].process.poll() is not None:
        index, corpus = shared_index()
        server = start_server(index, corpus, upload_max_mb=UPLOAD_MAX_MB)
        _SHARED["server"] = server
        atexit.register(server.stop)
    return _SHARED["server"]
