"""The local transformers backend: a causal-LM folder run on the CPU, loaded once per process.

Chat templates are used when the tokenizer has one (with the system message folded into the
user turn if the template refuses a system role); otherwise a plain 系统：/用户：/助手： prompt.
torch and transformers are imported only here, and only when a local model is actually used.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.llm.base import LLMBackend, LLMError, Messages, strip_thinking

_MODEL_CACHE: dict[str, tuple[Any, Any, threading.Lock]] = {}
_CACHE_LOCK = threading.Lock()


def load_local_model(path: Path) -> tuple[Any, Any, threading.Lock]:
    """Load (once per process) the tokenizer and model of a local folder."""
    key = str(Path(path).resolve())
    with _CACHE_LOCK:
        if key in _MODEL_CACHE:
            return _MODEL_CACHE[key]
        try:
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as exc:  # pragma: no cover - transformers is a core dependency
            raise LLMError(
                "使用本地模型需要安装 transformers 和 torch：pip install transformers torch"
            ) from exc
        try:
            tokenizer = AutoTokenizer.from_pretrained(key, local_files_only=True)
            model = AutoModelForCausalLM.from_pretrained(key, local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any loading failure becomes a user message
            raise LLMError(
                f"无法加载本地模型 {key}：{exc}。请确认该文件夹包含完整的模型和分词器文件。"
            ) from exc
        model.to("cpu").eval()
        entry = (tokenizer, model, threading.Lock())
        _MODEL_CACHE[key] = entry
        return entry


def clear_model_cache() -> None:
    """Forget every loaded local model (frees memory; the next use reloads)."""
    with _CACHE_LOCK:
        _MODEL_CACHE.clear()


def _plain_prompt(messages: Messages) -> str:
    labels = {"system": "系统", "user": "用户", "assistant": "助手"}
    lines = [f"{labels.get(m['role'], m['role'])}：{m['content']}" for m in messages]
    return "\n".join(lines) + "\n助手："


def _merge_system(messages: Messages) -> Messages:
    """Fold system messages into the first user message (for templates that reject them)."""
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if system and rest and rest[0]["role"] == "user":
        rest[0]["content"] = f"{system}\n\n{rest[0]['content']}"
    elif system:
        rest.insert(0, {"role": "user", "content": system})
    return rest


class TransformersBackend(LLMBackend):
    """A local causal language model (a transformers folder), run on the CPU.

    Args:
        path: the model folder (config, weights and tokenizer files).
        max_tokens: default upper bound of generated tokens.
    """

    name = "transformers"

    def __init__(self, path: Path | str, *, max_tokens: int = 1024) -> None:
        self.path = Path(path)
        self.max_tokens = max_tokens

    def _prompt(self, tokenizer: Any, messages: Messages) -> str:
        if getattr(tokenizer, "chat_template", None):
            try:
                return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            except Exception:  # noqa: BLE001 - e.g. templates that refuse a system role
                return tokenizer.apply_chat_template(
                    _merge_system(messages), tokenize=False, add_generation_prompt=True
                )
        return _plain_prompt(messages)

    def _inputs(self, messages: Messages, max_tokens: int | None, temperature: float) -> tuple:
        tokenizer, model, lock = load_local_model(self.path)
        text = self._prompt(tokenizer, messages)
        inputs = tokenizer(text, return_tensors="pt", add_special_tokens=False)
        inputs.pop("token_type_ids", None)
        limit = getattr(model.config, "max_position_embeddings", None)
        length = int(inputs["input_ids"].shape[1])
        if limit and length + (max_tokens or self.max_tokens) > limit:
            raise LLMError(
                f"提示词过长：{length} 个词元加上生成上限已超过本地模型的上下文长度 {limit}。"
                "请减少来源段落，或调小生成上限（llm_max_tokens）。"
            )
        pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
        kwargs: dict[str, Any] = {"max_new_tokens": max_tokens or self.max_tokens, "pad_token_id": pad}
        if temperature > 0:
            kwargs.update(do_sample=True, temperature=temperature, top_p=0.9)
        else:
            kwargs.update(do_sample=False)
        return tokenizer, model, lock, inputs, kwargs

    def complete(self, messages: Messages, *, max_tokens: int | None = None, temperature: float = 0.3) -> str:
        """Generate with the local model and decode only the new tokens."""
        import torch

        tokenizer, model, lock, inputs, kwargs = self._inputs(messages, max_tokens, temperature)
        try:
            with lock, torch.inference_mode():
                output = model.generate(**inputs, **kwargs)
        except Exception as exc:  # noqa: BLE001
            raise LLMError(f"本地模型生成失败：{exc}") from exc
        new_tokens = output[0, inputs["input_ids"].shape[1] :]
        return strip_thinking(tokenizer.decode(new_tokens, skip_special_tokens=True))

    def stream(
        self, messages: Messages, *, max_tokens: int | None = None, temperature: float = 0.3
    ) -> Iterator[str]:
        """Generate in a worker thread and yield decoded pieces as they appear."""
        import torch
        from transformers import TextIteratorStreamer

        tokenizer, model, lock, inputs, kwargs = self._inputs(messages, max_tokens, temperature)
        streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
        failure: list[BaseException] = []

        def work() -> None:
            try:
                with lock, torch.inference_mode():
                    model.generate(**inputs, **kwargs, streamer=streamer)
            except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                failure.append(exc)
                streamer.end()

        thread = threading.Thread(target=work, name="llm-generate", daemon=True)
        thread.start()
        for piece in streamer:
            if piece:
                yield piece
        thread.join()
        if failure:
            raise LLMError(f"本地模型生成失败：{failure[0]}") from failure[0]
