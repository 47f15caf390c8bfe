"""Chat-style drafting: “帮我写一段普法宣传的内容，今年开展23场” → a grounded paragraph with sources.

Without an LLM the paragraph is composed deterministically from retrieved sentences, filled with
the figures found in the message (parsed by the same slot parser as the corpus) and in an optional
metrics table. With an LLM the model writes the prose from numbered sources and the user's figures,
and the number guard replaces anything untraced by ``【待核实】`` before the text is shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant.draft.audit.guard import AllowedFacts, guard_text
from assistant.draft.outline.genres import GenreSection
from assistant.draft.tables.compare import split_last_year
from assistant.draft.tables.message import message_topic, parse_message_metrics
from assistant.draft.tables.metrics import MetricRow, users_words
from assistant.lang.vocab import classify
from assistant.settings import Settings
from assistant.types import Flag, Source

CITATION_RE = re.compile(r"\[(\d{1,2})\]")
REQUEST_RE = re.compile(
    r"^(?:请|麻烦)?(?:帮我|帮忙|给我|替我)?(?:写|起草|草拟|拟|生成|撰写)(?:一段|一下|一篇|段)?"
)
_SENTENCE_END = "。！？；\n"
QUERY_CHARS = 120  # characters of a message that make the retrieval query
ADD_RE = re.compile(r"^(?:再加上|再加|加上|另外|此外|还有|补充|再补充)")
REVISE_RE = re.compile(r"改成|改为|调整为|更正为|应为|修改为")


@dataclass
class Answer:
    """A chat answer: the text, its sources, what the guard flagged and where each figure went."""

    answer: str
    citations: list[Source] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    backend: str = "none"
    voice: list[Any] = field(default_factory=list)  # voice.adapt.Finding: words of another kind of body

    def to_public(self) -> dict[str, Any]:
        """The ``assistant ask --json`` shape (``figures`` is an addition: where each user figure went)."""
        return {
            "answer": self.answer,
            "citations": [c.to_public() for c in self.citations],
            "flags": [f.to_public() for f in self.flags],
            "figures": self.figures,
            "voice": [f.to_public() for f in self.voice],
        }


def _query(message: str) -> str:
    """The retrieval query of a request: its topic, then the message without figures."""
    topic = message_topic(message) or ""
    body = REQUEST_RE.sub("", message.strip())
    body = re.sub(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:余|多)?\S{0,2}?(?=[，。；,\s]|$)", "", body)
    body = re.sub(
        r"的内容|内容|今年|本年度|全年|以来|开展|覆盖|一段|情况|方面|关于|有关|[，。；,]", " ", body
    )
    # the topic and the first words carry the request: a long message costs no more to embed
    return re.sub(r"\s+", " ", f"{topic} {body[: QUERY_CHARS * 2]}").strip()[:QUERY_CHARS]


def _rows(message: str, rows: list[MetricRow] | None, earlier: list[str] | None = None) -> list[MetricRow]:
    """Figures of the request: the table, earlier turns, then this message (a later figure of the
    same kind and unit replaces an earlier one, so “改成30场” revises 23场)."""
    found: list[MetricRow] = []
    for full in [*(earlier or []), message]:
        text, last_clauses = split_last_year(full)  # “去年18场” is last year's value, not a figure to write
        before = len(found)
        for row in parse_message_metrics(text):
            row.label = ADD_RE.sub("", row.label) or row.label
            if REVISE_RE.search(row.label):
                target = next((r for r in reversed(found) if r.unit_class == row.unit_class), None)
                if target is not None:  # “场次改成30场”: the earlier figure takes the new value
                    target.value, target.number, target.unit = row.value, row.number, row.unit
                    continue
                row.label = REVISE_RE.sub("", row.label)
            if not row.kind:
                row.kind = classify(row.label, row.unit, text)
            found = [
                r for r in found if not (r.unit == row.unit and (r.kind == row.kind or r.label == row.label))
            ]
            found.append(row)
        _attach_last(found[before:] or found, [r for c in last_clauses for r in parse_message_metrics(c)])
    return found + list(rows or [])


def _attach_last(rows: list[MetricRow], last: list[MetricRow]) -> None:
    """Give each last-year figure to the figure of the same unit class stated this year (in order)."""
    for old in last:
        target = next((r for r in rows if r.last is None and r.unit_class == old.unit_class), None)
        if target is not None:
            target.last = old.value + (old.unit if old.unit and old.unit != target.unit else "")


def _with_topic(message: str, earlier: list[str]) -> str:
    """A follow-up such as “再加上发放资料3000份” inherits the topic of the conversation."""
    if message_topic(message):
        return message
    for text in reversed(earlier):
        topic = message_topic(text)
        if topic:
            return f"帮我写一段{topic}的内容，{message}"
    return message


def _figures(rows: list[MetricRow], text: str) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        digits = re.sub(r"[^\d.]", "", str(row.value)) or str(row.value)
        out.append({"label": row.label, "value": f"{row.value}{row.unit or ''}", "used": digits in text})
    return out


def _guard(text: str, allowed: AllowedFacts, n_sources: int) -> tuple[str, list[Flag]]:
    """Guard LLM text; citation markers [1]..[n] are kept, other bracketed numbers are not."""
    keep: list[str] = []

    def hide(m: re.Match[str]) -> str:
        if 1 <= int(m.group(1)) <= n_sources:
            keep.append(m.group(0))
            return chr(0xE000 + len(keep) - 1)  # a private-use character: no digit for the guard to see
        return m.group(0)

    hidden = CITATION_RE.sub(hide, text)
    cleaned, flags = guard_text(hidden, allowed)
    restored = re.sub("[\ue000-\ue0ff]", lambda m: keep[ord(m.group(0)) - 0xE000], cleaned)
    return restored, flags


def _deterministic(
    message: str,
    rows: list[MetricRow],
    settings: Settings,
    allowed: AllowedFacts,
    org: str | None,
    year: int | None,
    body: Any = None,
) -> tuple[str, list[Source], list[MetricRow]]:
    from assistant.draft.compose.profile import Profile
    from assistant.draft.compose.sections import draft_section_text

    topic = message_topic(message) or _query(message)[:20]
    node = GenreSection(
        key="chat", title=topic, query=_query(message), metrics=[r.kind for r in rows if r.kind]
    )
    paragraph, leftovers = draft_section_text(
        node, rows, settings, Profile(org=org, year=year, body=body, rows=list(rows)), allowed, set()
    )
    return paragraph.text, paragraph.sources, leftovers


def ask(
    message: str,
    settings: Settings,
    rows: list[MetricRow] | None = None,
    org: str | None = None,
    year: int | None = None,
    history: list[dict[str, str]] | None = None,
    body_kind: str | None = None,
) -> Answer:
    """Answer one chat request with a grounded paragraph.

    Args:
        message: the user's request, possibly with figures (今年开展23场，覆盖5600人次).
        settings: index location and LLM choice.
        rows: an optional metrics table.
        org: the user's organisation (the only org name allowed).
        year: the report year.
        history: earlier turns as ``[{"role": "user"|"assistant", "content": str}]``.
        body_kind: override of the body kind detected from ``org`` (党委/政府部门/乡镇 …).

    Returns:
        The answer with citations, guard flags, where each figure went and the voice audit's findings.
    """
    pieces = list(
        ask_stream(message, settings, rows=rows, org=org, year=year, history=history, body_kind=body_kind)
    )
    return pieces[-1] if pieces else Answer(answer="")


def ask_stream(
    message: str,
    settings: Settings,
    rows: list[MetricRow] | None = None,
    org: str | None = None,
    year: int | None = None,
    history: list[dict[str, str]] | None = None,
    body_kind: str | None = None,
) -> Iterator[Answer]:
    """Like :func:`ask`, yielding growing answers; every yielded text has passed the guard.

    An LLM's stream is released sentence by sentence, each sentence guarded before it is shown.
    Every answer also passes the voice audit: words of another kind of body are listed in
    ``voice`` and ``flags`` (shown highlighted in the web app), not removed.
    """
    from assistant.inputs import strip_controls
    from assistant.lang.bodies import detect_body

    message = strip_controls(message)  # NUL, ESC, bidi overrides never reach an answer
    org = strip_controls(org) if org else org
    body = detect_body(org, kind=body_kind)
    own = " ".join([message, *(t.get("content", "") for t in history or []), users_words(rows or [])])
    for answer in _ask_stream(message, settings, rows, org, year, history, body):
        yield _with_voice(answer, body, own)


def _with_voice(answer: Answer, body: Any, own: str = "") -> Answer:
    from assistant.draft.voice.adapt import voice_audit

    findings = voice_audit(answer.answer, body, own)
    found = [Flag(text=f.sentence, reason=f"口吻：“{f.word}”{f.reason}") for f in findings]
    answer.voice = list(findings)  # each with its word: {"word", "reason", "text"} (the JSON contract)
    answer.flags = [f for f in answer.flags if not f.reason.startswith("口吻：")] + found
    return answer


def _ask_stream(
    message: str,
    settings: Settings,
    rows: list[MetricRow] | None,
    org: str | None,
    year: int | None,
    history: list[dict[str, str]] | None,
    body: Any,
) -> Iterator[Answer]:
    if not message or not message.strip():
        yield Answer(
            answer="请先输入要起草的内容，例如：帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次。"
        )
        return
    earlier = [t["content"] for t in (history or []) if t.get("role") == "user" and t.get("content")]
    request = _with_topic(message, earlier)
    all_rows = _rows(message, rows, earlier)
    allowed = AllowedFacts.from_inputs(all_rows, message=" ".join([*earlier, message]), org=org, year=year)
    text, sources, _left = _deterministic(request, all_rows, settings, allowed, org, year, body)
    base = Answer(answer=text, citations=sources, figures=_figures(all_rows, text))
    if settings.llm_backend == "none":
        yield base
        return
    yield from _llm_stream(message, all_rows, settings, allowed, base, history or [], body)


def _llm_stream(
    message: str,
    rows: list[MetricRow],
    settings: Settings,
    allowed: AllowedFacts,
    base: Answer,
    history: list[dict[str, str]],
    body: Any = None,
) -> Iterator[Answer]:
    from assistant.llm.base import LLMError
    from assistant.llm.factory import make_backend
    from assistant.llm.prompts import PromptLibrary

    try:
        backend = make_backend(settings)
        if backend is None:
            yield base
            return
        sources = [
            {"doc": s.doc, "title": s.title or s.doc, "section": s.section, "text": s.text}
            for s in base.citations
        ]
        messages = PromptLibrary(settings.prompts_dir).build_messages(
            "chat", question=message, sources=sources, metrics=rows, history=history, body=body
        )
        buffer, shown, flags = "", "", []
        for piece in backend.stream(messages, max_tokens=settings.llm_max_tokens):
            buffer += piece
            cut = max(buffer.rfind(c) for c in _SENTENCE_END)
            if cut >= 0:
                done, buffer = buffer[: cut + 1], buffer[cut + 1 :]
                clean, found = _guard(done, allowed, len(sources))
                shown += clean
                flags.extend(found)
                yield Answer(answer=shown, citations=base.citations, flags=list(flags), backend=backend.name)
        if buffer.strip():
            clean, found = _guard(buffer, allowed, len(sources))
            shown += clean
            flags.extend(found)
        shown = shown.strip()
        if not shown:
            raise LLMError("大模型没有返回任何内容。")
        yield Answer(
            answer=shown,
            citations=base.citations,
            flags=flags,
            figures=_figures(rows, shown),
            backend=backend.name,
        )
    except LLMError as err:
        note = Flag(text=str(err), reason="大模型不可用，已改用不依赖大模型的起草结果")
        yield Answer(
            answer=base.answer, citations=base.citations, flags=[note], figures=base.figures, backend="none"
        )
