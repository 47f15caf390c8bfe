"""Pick the language-model backend the settings ask for (``None`` when no model is configured).

Also the one mapping from a user's LLM choice (CLI flags, the web page's settings panel) to
settings fields (:func:`llm_overrides`) and its check (:func:`check_llm`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.llm.base import LLMBackend, LLMError, LLMSettingsError

if TYPE_CHECKING:
    from assistant.settings import Settings

BACKENDS: tuple[str, ...] = ("none", "openai", "transformers")


def _clean(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def llm_overrides(
    backend: str | None = None,
    url: Any = None,
    model: Any = None,
    path: Any = None,
    *,
    complete: bool = False,
) -> dict[str, Any]:
    """The settings fields for an LLM choice.

    Args:
        backend: ``none``/``openai``/``transformers``; ``None`` infers it: a URL means ``openai``,
            a model folder ``transformers``, neither leaves the configured backend alone.
        url, model: the OpenAI-compatible server and its model name (blank values are ignored,
            so a model name from the config file still applies).
        path: a local transformers model folder.
        complete: the choice is a whole form (the web page's panel): a blank field clears the
            configured value instead of keeping it.

    Returns:
        Overrides for :func:`assistant.settings.load_settings` (empty when nothing was chosen).
    """
    url, model, folder = _clean(url), _clean(model), _clean(path)
    if backend is None:
        backend = "openai" if url else "transformers" if folder else None
    if backend is None:
        return {}
    out: dict[str, Any] = {"llm_backend": backend}
    if backend == "openai":
        out.update({k: v for k, v in (("llm_url", url), ("llm_model", model)) if v or complete})
    elif backend == "transformers" and (folder or complete):
        out["llm_path"] = Path(folder) if folder else None
    return out


def check_llm(settings: Settings, *, files: bool = True) -> None:
    """Refuse an incomplete LLM choice with a Chinese message.

    Args:
        settings: uses ``llm_backend``, ``llm_url``, ``llm_model``, ``llm_path``.
        files: also check that a local model folder exists and holds ``config.json``.

    Raises:
        LLMSettingsError: (an :class:`LLMError` and a ``ValueError``) what is missing.
    """
    kind = settings.llm_backend
    if kind not in BACKENDS:
        raise LLMSettingsError(f"未知的大模型后端：{kind}（可选：none、openai、transformers）")
    if kind == "openai" and (not settings.llm_url or not settings.llm_model):
        raise LLMSettingsError(
            "使用 OpenAI 兼容的大模型服务时，需要同时设置服务地址（llm_url，如 http://127.0.0.1:8000/v1）"
            "和模型名称（llm_model）。"
        )
    if kind == "transformers":
        if settings.llm_path is None or not str(settings.llm_path).strip():
            raise LLMSettingsError("使用本地大模型时，需要设置模型文件夹（llm_path）。")
        path = Path(settings.llm_path).expanduser()
        if files and not path.is_dir():
            raise LLMSettingsError(f"本地模型文件夹不存在：{path}")
        if files and not (path / "config.json").is_file():
            raise LLMSettingsError(f"本地模型文件夹中没有 config.json，不是有效的 transformers 模型：{path}")


def make_backend(settings: Settings) -> LLMBackend | None:
    """Build the backend the settings ask for.

    Args:
        settings: uses ``llm_backend``, ``llm_url``, ``llm_model``, ``llm_path``,
            ``llm_api_key_env``, ``llm_timeout``, ``llm_retries`` and ``llm_max_tokens``.

    Returns:
        ``None`` for ``llm_backend = "none"``, else the configured backend (a local model is
        loaded lazily, on first use, and then cached for the process).

    Raises:
        LLMError: the settings lack the URL and model name, or the model folder.
    """
    check_llm(settings)
    kind = settings.llm_backend
    if kind == "openai":
        from assistant.llm.openai import OpenAICompatBackend

        api_key = os.environ.get(settings.llm_api_key_env) if settings.llm_api_key_env else None
        return OpenAICompatBackend(
            str(settings.llm_url),
            str(settings.llm_model),
            api_key=api_key or None,
            timeout=settings.llm_timeout,
            retries=settings.llm_retries,
            max_tokens=settings.llm_max_tokens,
        )
    if kind == "transformers":
        from assistant.llm.local import TransformersBackend

        return TransformersBackend(Path(settings.llm_path).expanduser(), max_tokens=settings.llm_max_tokens)
    return None


__all__ = ["BACKENDS", "LLMError", "check_llm", "llm_overrides", "make_backend"]
