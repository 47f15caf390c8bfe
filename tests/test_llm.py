"""LLM backends: a real HTTP exchange with a scripted OpenAI-compatible server on loopback, and
a tiny random-weight causal LM built in the test for the local transformers backend."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from llm_server import Garbage, Hang, Status, free_port, scripted_server

from assistant.llm.base import LLMError
from assistant.llm.factory import make_backend
from assistant.llm.local import TransformersBackend, clear_model_cache
from assistant.llm.openai import OpenAICompatBackend
from assistant.settings import Settings

MESSAGES = [
    {"role": "system", "content": "你是公文写作助手。"},
    {"role": "user", "content": "请润色：本人带头学法。"},
]
REPLY = "本人坚持带头尊法学法守法用法，切实履行推进法治建设第一责任人职责。"


def _backend(url: str, **kwargs) -> OpenAICompatBackend:
    kwargs.setdefault("timeout", 5.0)
    kwargs.setdefault("retries", 0)
    kwargs.setdefault("backoff", 0.01)
    return OpenAICompatBackend(url, "test-model", **kwargs)


def test_complete_sends_model_messages_and_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_LLM_KEY", "sk-test-123")
    with scripted_server(REPLY) as url:
        settings = Settings(
            llm_backend="openai",
            llm_url=url,
            llm_model="test-model",
            llm_api_key_env="TEST_LLM_KEY",
            llm_timeout=5,
            llm_max_tokens=64,
        )
        backend = make_backend(settings)
        assert isinstance(backend, OpenAICompatBackend)
        try:
            assert backend.complete(MESSAGES, temperature=0.0) == REPLY
        finally:
            backend.close()
        (request,) = url.requests
    assert request["path"] == "/v1/chat/completions"
    body = request["json"]
    assert body["model"] == "test-model"
    assert body["messages"] == MESSAGES
    assert body["max_tokens"] == 64 and body["temperature"] == 0.0 and body["stream"] is False
    headers = {k.lower(): v for k, v in request["headers"].items()}
    assert headers["authorization"] == "Bearer sk-test-123"


def test_no_key_sends_no_authorization(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEST_LLM_KEY", raising=False)
    with scripted_server(REPLY) as url:
        backend = make_backend(
            Settings(llm_backend="openai", llm_url=url, llm_model="m", llm_api_key_env="TEST_LLM_KEY")
        )
        assert backend is not None and backend.complete(MESSAGES) == REPLY
        headers = {k.lower() for k in url.requests[0]["headers"]}
    assert "authorization" not in headers


def test_stream_yields_pieces() -> None:
    with scripted_server(REPLY, chunk_chars=4) as url:
        pieces = list(_backend(url).stream(MESSAGES))
        assert url.requests[0]["json"]["stream"] is True
    assert len(pieces) > 3
    assert "".join(pieces) == REPLY


def test_dead_server_fails_fast_in_chinese() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    backend = _backend(url, timeout=2.0, retries=1)
    start = time.monotonic()
    with pytest.raises(LLMError) as info:
        backend.complete(MESSAGES)
    assert time.monotonic() - start < 3
    message = str(info.value)
    assert "无法连接大模型服务" in message and url in message and "不使用大模型" in message
    with pytest.raises(LLMError, match="无法连接"):
        list(backend.stream(MESSAGES))


def test_500_is_retried_then_succeeds() -> None:
    with scripted_server([Status(500), Status(503), REPLY]) as url:
        assert _backend(url, retries=2).complete(MESSAGES) == REPLY
        assert len(url.requests) == 3


def test_500_exhausts_retries() -> None:
    with scripted_server(Status(500)) as url:
        with pytest.raises(LLMError, match="HTTP 500"):
            _backend(url, retries=1).complete(MESSAGES)
        assert len(url.requests) == 2


def test_4xx_is_not_retried() -> None:
    with scripted_server(Status(401, '{"error": "bad key"}')) as url:
        with pytest.raises(LLMError, match="鉴权失败"):
            _backend(url, retries=3).complete(MESSAGES)
        assert len(url.requests) == 1


@pytest.mark.parametrize(
    "garbage",
    [Garbage(), Garbage('{"choices": []}', "application/json"), Garbage('{"id": 1}', "application/json")],
)
def test_garbage_is_an_error(garbage: Garbage) -> None:
    with scripted_server(garbage) as url:
        with pytest.raises(LLMError, match="无法解析"):
            _backend(url).complete(MESSAGES)


def test_garbage_stream_is_an_error() -> None:
    def bad_stream(request: dict) -> Garbage:
        return Garbage("data: {not json}\n\ndata: [DONE]\n\n", "text/event-stream")

    with scripted_server(bad_stream) as url:
        with pytest.raises(LLMError, match="无法解析"):
            list(_backend(url).stream(MESSAGES))


def test_hanging_server_times_out() -> None:
    with scripted_server(Hang(30)) as url:
        backend = _backend(url, timeout=0.5, retries=2)
        start = time.monotonic()
        with pytest.raises(LLMError, match="超时"):
            backend.complete(MESSAGES)
        assert time.monotonic() - start < 3
        assert len(url.requests) == 1  # a hung generation is not retried


def test_make_backend_validates_settings(tmp_path: Path) -> None:
    assert make_backend(Settings(llm_backend="none")) is None
    with pytest.raises(LLMError, match="llm_model"):
        make_backend(Settings(llm_backend="openai", llm_url="http://127.0.0.1:1/v1"))
    with pytest.raises(LLMError, match="llm_path"):
        make_backend(Settings(llm_backend="transformers"))
    with pytest.raises(LLMError, match="不存在"):
        make_backend(Settings(llm_backend="transformers", llm_path=tmp_path / "missing"))
    with pytest.raises(LLMError, match="config.json"):
        make_backend(Settings(llm_backend="transformers", llm_path=tmp_path))


def test_base_url_is_normalised() -> None:
    assert _backend("http://127.0.0.1:8000").base_url == "http://127.0.0.1:8000/v1"
    assert _backend("http://h:1/v1/chat/completions").base_url == "http://h:1/v1"
    assert _backend("http://h:1/api/v1/").base_url == "http://h:1/api/v1"


# ---------------------------------------------------------------------------------------------
# Local transformers model built in the test

SENTENCES = [
    "系统：用户：助手：",
    "本人坚持带头尊法学法守法用法，切实履行推进法治建设第一责任人职责。",
    "一是加强组织领导；二是严格依法决策；三是深化法治宣传教育。",
    "你是公文写作助手。请润色：",
]


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tiny_llama import build_tiny_llama

    chars = {ch for sentence in SENTENCES for ch in sentence}
    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llm"), chars, max_positions=512, seed=0)


def test_transformers_backend_generates(tiny_model_dir: Path) -> None:
    clear_model_cache()
    backend = make_backend(Settings(llm_backend="transformers", llm_path=tiny_model_dir, llm_max_tokens=16))
    assert isinstance(backend, TransformersBackend)
    text = backend.complete(MESSAGES, temperature=0.0)
    assert isinstance(text, str) and text
    assert "请润色" not in text  # only the new tokens are decoded
    assert text == backend.complete(MESSAGES, temperature=0.0)  # greedy is deterministic
    sampled = backend.complete(MESSAGES, max_tokens=8, temperature=0.7)
    assert isinstance(sampled, str)

    pieces = list(backend.stream(MESSAGES, temperature=0.0))
    assert len(pieces) >= 1 and "".join(pieces).strip() == text


def test_transformers_backend_uses_chat_template_and_cache(tiny_model_dir: Path) -> None:
    from assistant.llm import local as llm

    tokenizer, model, _ = llm.load_local_model(tiny_model_dir)
    assert llm.load_local_model(tiny_model_dir)[1] is model  # loaded once per process
    tokenizer.chat_template = "{% for m in messages %}{{ m['content'] }}\n{% endfor %}{% if add_generation_prompt %}助手：{% endif %}"
    try:
        backend = TransformersBackend(tiny_model_dir, max_tokens=8)
        prompt = backend._prompt(tokenizer, MESSAGES)
        assert prompt.startswith("你是公文写作助手。") and prompt.endswith("助手：")
        assert isinstance(backend.complete(MESSAGES, temperature=0.0), str)
    finally:
        tokenizer.chat_template = None


def test_transformers_backend_errors_are_chinese(tiny_model_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(LLMError, match="无法加载本地模型"):
        TransformersBackend(tmp_path).complete(MESSAGES)
    long_messages = [{"role": "user", "content": "本人" * 300}]
    with pytest.raises(LLMError, match="提示词过长"):
        TransformersBackend(tiny_model_dir, max_tokens=16).complete(long_messages)
