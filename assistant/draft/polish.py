"""Optional LLM polishing of a deterministic draft, paragraph by paragraph, through the number guard.

A polished paragraph replaces the deterministic one only when it keeps every figure and every
``【待补充】`` marker of the original and the guard found nothing to replace; otherwise the original
stays and the reason is recorded as a flag. An unreachable server leaves the whole draft as it was.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.draft.audit.guard import AllowedFacts, guard_text
from assistant.lang.markers import MARKER_RE
from assistant.settings import Settings
from assistant.types import Draft, Flag, Paragraph

DIGITS_RE = re.compile(r"\d+(?:\.\d+)?")


def _keeps_facts(before: str, after: str) -> bool:
    """The polished text keeps every number and every marker of the original."""
    need_numbers = sorted(DIGITS_RE.findall(MARKER_RE.sub("", before)))
    have_numbers = sorted(DIGITS_RE.findall(MARKER_RE.sub("", after)))
    return need_numbers == have_numbers and sorted(MARKER_RE.findall(before)) == sorted(
        MARKER_RE.findall(after)
    )


def polish_paragraph(
    paragraph: Paragraph,
    section_title: str,
    genre: str,
    backend,
    prompts,
    allowed: AllowedFacts,
    max_tokens: int,
    body: Any = None,
) -> Flag | None:
    """Rewrite one paragraph in place if the result is safe.

    Returns:
        A flag explaining why the original was kept, or ``None`` when the paragraph was polished.
    """
    if paragraph.run_in or not paragraph.text.strip():
        return None
    messages = prompts.build_messages(
        "rewrite",
        genre=genre,
        section_title=section_title,
        paragraph=paragraph.text,
        sources=[
            {"doc": s.doc, "title": s.title or s.doc, "section": s.section, "text": s.text}
            for s in paragraph.sources
        ],
        metrics=[],
        body=body,
    )
    text = backend.complete(messages, max_tokens=max_tokens).strip()
    text = re.sub(r"\[\d{1,2}\]", "", text)
    guarded, flags = guard_text(text, allowed)
    if flags:
        return Flag(text=flags[0].text, reason="大模型润色引入了无来源的内容，已保留原稿：" + flags[0].reason)
    if not _keeps_facts(paragraph.text, guarded):
        return Flag(text=paragraph.text[:60], reason="大模型润色改动了数字或待补充标记，已保留原稿")
    paragraph.text = guarded
    return None


def polish_draft(draft: Draft, settings: Settings, allowed: AllowedFacts, body: Any = None) -> None:
    """Polish every performance paragraph of ``draft`` in place with the configured LLM.

    ``body`` (the user's :class:`~assistant.lang.bodies.BodyProfile`) is described in every prompt.
    """
    from assistant.llm.base import LLMError
    from assistant.llm.factory import make_backend
    from assistant.llm.prompts import PromptLibrary

    try:
        backend = make_backend(settings)
        if backend is None:
            return
        prompts = PromptLibrary(settings.prompts_dir)
        for section in draft.sections:
            for paragraph in section.paragraphs:
                flag = polish_paragraph(
                    paragraph,
                    paragraph.heading or section.title,
                    draft.genre,
                    backend,
                    prompts,
                    allowed,
                    settings.llm_max_tokens,
                    body,
                )
                if flag:
                    draft.flags.append(flag)
    except LLMError as err:
        draft.flags.append(Flag(text=str(err), reason="大模型不可用，保留不依赖大模型的起草结果"))
