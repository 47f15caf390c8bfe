"""The language-model interface shared by every backend.

A backend turns chat messages (``[{"role": "system"|"user"|"assistant", "content": …}]``) into
text: :meth:`LLMBackend.complete` returns the whole answer, :meth:`LLMBackend.stream` yields it
in pieces. The backends, one module each:

* :mod:`assistant.llm.openai` — :class:`OpenAICompatBackend`, any OpenAI-compatible server
  (vLLM, Ollama, llama.cpp server, hosted APIs) over HTTP, with retries on connection errors and 5xx;
* :mod:`assistant.llm.local` — :class:`TransformersBackend`, a local causal-LM folder on the CPU
  (loaded once per process and path; torch and transformers are imported only there).

:func:`assistant.llm.factory.make_backend` picks one from the settings. Every failure surfaces as
:class:`LLMError` with a Chinese message fit for the user. The backends only produce text:
numbers in that text are checked by :mod:`assistant.draft.audit.guard`.

The names of the backends and the factory stay importable from here (resolved on first use).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from assistant.errors import BadInputError, LLMUnavailableError

Messages = list[dict[str, str]]

THINK_RE = re.compile(r"<think>.*?</think>\s*", re.DOTALL)


class LLMError(LLMUnavailableError):
    """A model could not be reached or answered with something unusable (Chinese message)."""


class LLMSettingsError(LLMError, BadInputError):
    """The LLM settings are incomplete or point at nothing (also a ``ValueError``: bad input)."""


def strip_thinking(text: str) -> str:
    """A model's answer without its ``<think>…</think>`` blocks, stripped."""
    return THINK_RE.sub("", text).strip()


class LLMBackend:
    """Base class: turn chat messages into text.

    Subclasses implement :meth:`complete`; :meth:`stream` defaults to yielding the complete
    answer once.
    """

    name: str = "base"

    def complete(self, messages: Messages, *, max_tokens: int | None = None, temperature: float = 0.3) -> str:
        """Generate the whole answer.

        Args:
            messages: chat messages, ``role`` and ``content`` each.
            max_tokens: upper bound of generated tokens (backend default when ``None``).
            temperature: 0 for greedy decoding; higher values sample.

        Returns:
            The generated text.

        Raises:
            LLMError: the model could not be reached or its answer could not be used.
        """
        raise NotImplementedError

    def stream(
        self, messages: Messages, *, max_tokens: int | None = None, temperature: float = 0.3
    ) -> Iterator[str]:
        """Generate the answer piece by piece (same arguments as :meth:`complete`).

        Returns:
            An iterator of text pieces whose concatenation is the answer.
        """
        yield self.complete(messages, max_tokens=max_tokens, temperature=temperature)

    def close(self) -> None:
        """Release network connections (nothing by default)."""


_MOVED = {
    "OpenAICompatBackend": "assistant.llm.openai",
    "TransformersBackend": "assistant.llm.local",
    "clear_model_cache": "assistant.llm.local",
    "load_local_model": "assistant.llm.local",
    "make_backend": "assistant.llm.factory",
}


def __getattr__(name: str) -> Any:
    """The backends and the factory, imported on first use (no cycle: they import this module)."""
    if name in _MOVED:
        from importlib import import_module

        return getattr(import_module(_MOVED[name]), name)
    raise AttributeError(name)
