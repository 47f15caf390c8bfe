"""The wheel is the product: built from the sources, unpacked away from the checkout, it runs.

The test builds the wheel with the dev venv's setuptools (``pip wheel --no-deps
--no-build-isolation``, offline), unpacks it into a temporary folder that goes first on
``PYTHONPATH`` (the project's dependencies come from the dev venv), and from a working folder
elsewhere runs ``python -m assistant ask`` through the shipped prompt templates against the
scripted OpenAI-compatible server, then ``python -m assistant serve`` answering ``/search``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from llm_server import scripted_server
from ui_server import free_port

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("assistant", "prompts", "pyproject.toml", "setup.py", "README.md")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the sources (the checkout itself stays untouched)."""
    src = tmp_path_factory.mktemp("wheel-src")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, src / name)
    out = tmp_path_factory.mktemp("wheel-out")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(out),
            str(src),
        ],
        check=True,
        cwd=src,
        timeout=300,
    )
    (built,) = out.glob("assistant-*.whl")
    return built


@pytest.fixture(scope="module")
def site(wheel: Path, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(folder)
    return folder


def _env(site: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        PYTHONPATH=str(site),
        GRADIO_ANALYTICS_ENABLED="False",
        PYTHONUNBUFFERED="1",
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
    )
    return env


def _python(site: Path, cwd: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=_env(site), capture_output=True, text=True, timeout=timeout
    )


def test_wheel_holds_every_package_the_templates_and_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {
        p.parent.relative_to(ROOT).as_posix()
        for p in (ROOT / "assistant").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    for package in packages:  # ui/, ui/tabs/, every stage folder
        assert f"{package}/__init__.py" in names, package
    for template in (ROOT / "prompts").glob("*.j2"):
        assert f"assistant/prompts/{template.name}" in names
    assert {
        "assistant/__main__.py",
        "assistant/data/genres.yaml",
        "assistant/data/metric_kinds.yaml",
    } <= names
    assert not any(n.startswith(("tests/", "bench/", "corpus/")) for n in names)


def test_installed_wheel_asks_through_the_shipped_templates(
    site: Path, sample_settings, tmp_path: Path
) -> None:
    where = _python(
        site,
        tmp_path,
        "-c",
        "import assistant, assistant.llm.prompts as p; "
        "print(assistant.__file__); print(p.SHIPPED_DIR); print(assistant.__version__)",
    )
    assert where.returncode == 0, where.stderr
    module, templates, version = where.stdout.split()
    assert Path(module).is_relative_to(site) and Path(templates) == site / "assistant" / "prompts"
    assert version[0].isdigit() and version != "0+unknown"

    answer = "全年开展普法宣传活动23场次，覆盖群众5600人次。"
    with scripted_server([answer]) as url:
        run = _python(
            site,
            tmp_path,
            "-m",
            "assistant",
            "ask",
            "帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次",
            "--year",
            "2024",
            "--index",
            str(sample_settings.index_dir),
            "--llm-url",
            url,
            "--llm-model",
            "scripted",
            "--json",
        )
        assert run.returncode == 0, run.stderr
        public = json.loads(run.stdout)
        assert "23场次" in public["answer"] and "5600人次" in public["answer"]
        assert {"answer", "citations", "flags", "figures"} <= set(public)
        chats = [r for r in url.requests if r["path"].endswith("/chat/completions")]
        assert chats, url.requests
        sent = "\n".join(m["content"] for m in chats[0]["json"]["messages"])
        assert "你是公文写作助手" in sent  # system.j2 from the wheel
        assert "23" in sent and "普法" in sent  # chat.j2 rendered with the user's figures


def test_installed_wheel_serves_search(site: Path, sample_settings, tmp_path: Path) -> None:
    gradio_client = pytest.importorskip("gradio_client")
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "assistant",
                "serve",
                "--index",
                str(sample_settings.index_dir),
                "--port",
                str(port),
            ],
            cwd=tmp_path,
            env=_env(site),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text(encoding="utf-8", errors="replace")[-3000:]
            try:
                if httpx.get(url + "gradio_api/info", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail(
                "server did not answer:\n" + log.read_text(encoding="utf-8", errors="replace")[-3000:]
            )
        hits = gradio_client.Client(url, verbose=False).predict("聘请法律顾问", 5, api_name="/search")
        assert hits and "法律顾问" in hits[0]["text"]
        assert all({"text", "doc", "section", "score"} <= set(h) for h in hits)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
