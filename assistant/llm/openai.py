"""The OpenAI-compatible backend: ``POST …/v1/chat/completions`` over HTTP (plain or streamed).

Retries on connection errors and HTTP 5xx with a doubling pause; every failure becomes an
:class:`~assistant.llm.base.LLMError` whose Chinese message says what to check.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx

from assistant.llm.base import LLMBackend, LLMError, Messages, strip_thinking

NO_LLM_HINT = "请检查服务是否启动，或在设置中改为“不使用大模型”。"


def snippet(text: str, limit: int = 200) -> str:
    """``text`` on one line, cut to ``limit`` characters (for error messages)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def normalise_base_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if url.endswith("/chat/completions"):
        url = url[: -len("/chat/completions")]
    if httpx.URL(url).path in ("", "/"):
        url += "/v1"
    return url


class OpenAICompatBackend(LLMBackend):
    """A chat model served by an OpenAI-compatible ``POST …/v1/chat/completions`` endpoint.

    Args:
        base_url: the server's API root, e.g. ``http://127.0.0.1:8000/v1`` (``/v1`` is added
            when the URL has no path).
        model: the model name on that server.
        api_key: sent as ``Authorization: Bearer …`` when given.
        timeout: seconds before a request is abandoned (connecting takes at most 10 s).
        retries: extra attempts on connection errors and HTTP 5xx.
        max_tokens: default upper bound of generated tokens.
        backoff: first pause between attempts, doubled after each failure.
    """

    name = "openai"

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str | None = None,
        timeout: float = 60.0,
        retries: int = 2,
        max_tokens: int = 1024,
        backoff: float = 0.5,
    ) -> None:
        self.base_url = normalise_base_url(base_url)
        self.model = model
        self.timeout = timeout
        self.retries = retries
        self.max_tokens = max_tokens
        self.backoff = backoff
        headers = {"Content-Type": "application/json"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        self._client = httpx.Client(
            headers=headers, timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)), trust_env=False
        )

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self._client.close()

    def _payload(self, messages: Messages, max_tokens: int | None, temperature: float, stream: bool) -> dict:
        return {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens or self.max_tokens,
            "temperature": temperature,
            "stream": stream,
        }

    def _error(self, exc: httpx.HTTPError) -> LLMError:
        if isinstance(exc, httpx.TimeoutException) and not isinstance(exc, httpx.ConnectTimeout):
            return LLMError(
                f"大模型服务 {self.base_url} 在 {self.timeout:g} 秒内没有响应（请求超时）。"
                "请检查服务负载，或在设置中调大超时时间（llm_timeout）。"
            )
        if isinstance(exc, httpx.ConnectTimeout):
            return LLMError(f"无法连接大模型服务 {self.base_url}：连接超时。{NO_LLM_HINT}")
        if isinstance(exc, httpx.ConnectError):
            return LLMError(f"无法连接大模型服务 {self.base_url}：连接被拒绝。{NO_LLM_HINT}")
        return LLMError(f"与大模型服务 {self.base_url} 通信失败：{exc}。{NO_LLM_HINT}")

    def _status_error(self, status: int, body: str) -> LLMError:
        if status in (401, 403):
            hint = "鉴权失败，请检查 API 密钥（llm_api_key_env 指定的环境变量）。"
        elif status == 404:
            hint = f"接口或模型不存在，请检查地址（应以 /v1 结尾）和模型名“{self.model}”。"
        elif status >= 500:
            hint = "服务端出错，已重试仍未成功。"
        else:
            hint = "请求被拒绝。"
        return LLMError(f"大模型服务 {self.base_url} 返回 HTTP {status}：{hint}{snippet(body)}")

    def _send(self, payload: dict) -> httpx.Response:
        """POST with retries; returns an open (streamed) response with status < 400."""
        url = f"{self.base_url}/chat/completions"
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self._client.send(
                    self._client.build_request("POST", url, json=payload), stream=True
                )
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError) as exc:
                if last:
                    raise self._error(exc) from exc
            except httpx.HTTPError as exc:
                raise self._error(exc) from exc
            else:
                if response.status_code < 400:
                    return response
                try:
                    body = response.read().decode("utf-8", "replace")
                except httpx.HTTPError:
                    body = ""
                finally:
                    response.close()
                if response.status_code < 500 or last:
                    raise self._status_error(response.status_code, body)
            time.sleep(self.backoff * (2**attempt))
        raise AssertionError("unreachable")

    def _parse_completion(self, body: str) -> str:
        try:
            data = json.loads(body)
            content = data["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LLMError(
                f"大模型服务返回了无法解析的内容：{snippet(body) or '（空）'}。"
                "请确认地址指向 OpenAI 兼容接口（…/v1）。"
            ) from exc
        if not isinstance(content, str):
            raise LLMError(f"大模型服务的回答中没有文本内容：{snippet(body)}")
        return content

    def complete(self, messages: Messages, *, max_tokens: int | None = None, temperature: float = 0.3) -> str:
        """Ask the server for the whole answer (see :meth:`LLMBackend.complete`)."""
        response = self._send(self._payload(messages, max_tokens, temperature, stream=False))
        try:
            body = response.read().decode("utf-8", "replace")
        except httpx.HTTPError as exc:
            raise self._error(exc) from exc
        finally:
            response.close()
        return strip_thinking(self._parse_completion(body))

    def stream(
        self, messages: Messages, *, max_tokens: int | None = None, temperature: float = 0.3
    ) -> Iterator[str]:
        """Ask the server for a server-sent-event stream and yield its ``delta.content`` pieces."""
        response = self._send(self._payload(messages, max_tokens, temperature, stream=True))
        try:
            if "text/event-stream" not in response.headers.get("content-type", ""):
                # a server that ignored "stream": true answers with one JSON body
                body = response.read().decode("utf-8", "replace")
                yield self._parse_completion(body)
                return
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue  # blank separators, comments, "event:" lines
                data = line[5:].strip()
                if data == "[DONE]":
                    return
                piece = self._parse_chunk(data)
                if piece:
                    yield piece
        except httpx.HTTPError as exc:
            raise self._error(exc) from exc
        finally:
            response.close()

    @staticmethod
    def _parse_chunk(data: str) -> str:
        try:
            chunk = json.loads(data)
        except ValueError as exc:
            raise LLMError(f"大模型服务返回了无法解析的流式内容：{snippet(data)}") from exc
        if isinstance(chunk, dict) and "error" in chunk:
            raise LLMError(
                f"大模型服务在生成过程中报错：{snippet(json.dumps(chunk['error'], ensure_ascii=False))}"
            )
        try:
            choices = chunk["choices"]
            if not choices:
                return ""  # usage-only chunks
            return choices[0].get("delta", {}).get("content") or ""
        except (KeyError, TypeError, AttributeError) as exc:
            raise LLMError(f"大模型服务返回了无法解析的流式内容：{snippet(data)}") from exc
