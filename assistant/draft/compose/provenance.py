"""Per-sentence provenance of a draft: which past report a sentence came from, which of the user's
rows a figure came from, and what each marker asks the drafter to do.

The composer records a :class:`~assistant.types.Span` for every sentence it writes; the .docx
exporter turns them into Word comments and the web view into its review list. Pure functions,
no model and no I/O.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.types import Figure, Source, Span

AUTHOR = "公文起草助手"
INITIALS = "助手"
_SPACE_RE = re.compile(r"\s+")
_ENUM_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|第[一二三四五六七八九十]+|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．])[，,、]?"
)


def _norm(text: str) -> str:
    text = _ENUM_RE.sub("", _SPACE_RE.sub("", text))
    return text.rstrip("。；;，,！？")


def row_note(row: Any) -> str:
    """Where one of the user's figures came from: its row in the table (or the message), or its formula."""
    formula = getattr(row, "formula", None)
    value = (
        f"{row.value}{row.unit or ''}"
        if row.unit and not str(row.value).endswith(row.unit)
        else str(row.value)
    )
    if formula:
        return f"推算数据：{row.label} = {formula}"
    if getattr(row, "row", 0):
        return f"来自指标表第{row.row}行：{row.label} {value}"
    return f"来自您提供的数据：{row.label} {value}"


def figure(text: str, row: Any) -> Figure:
    """The figure ``text`` as written in a sentence, with the provenance of ``row``."""
    return Figure(text=text, note=row_note(row))


def make_span(text: str, sentence: Any, figures: list[Figure] | None = None) -> Span:
    """The span of a sentence rendered from an exemplar ``sentence`` (a ``fill.Sentence``).

    ``kind`` is ``reused`` when the rendered text equals the exemplar (numbering and end mark
    aside) and carries none of the user's figures, else ``adapted``.
    """
    source = Source(
        doc=sentence.doc,
        section=list(sentence.section),
        text=sentence.text,
        title=getattr(sentence, "title", "") or sentence.doc,
    )
    kind = "reused" if not figures and _norm(text) == _norm(sentence.text) else "adapted"
    return Span(text=text, kind=kind, source=source, figures=list(figures or []))


def needs_note(span: Span) -> bool:
    """Whether a sentence gets a comment of its own: not when it is only a marker (the marker has one)."""
    from assistant.lang.markers import strip_markers

    return span.source is not None or bool(strip_markers(span.text).strip("。；，、 "))


def span_note(span: Span) -> str:
    """The Word comment of a sentence: its source, and the original sentence when it was adapted."""
    if span.source is None:
        return "根据您提供的数据新写的句子，请核对表述。"
    where = span.source.label()
    if span.kind == "adapted":
        return f"改写自：{where}\n原句：{span.source.text}"
    return f"来源：{where}"


def derived_note(derived: Any) -> str:
    """The comment of a figure computed from the user's values (``types.Derived``): its formula."""
    label = f"{derived.label}：" if getattr(derived, "label", "") else ""
    return f"推算数据（由您的本年和上年数据计算）：{label}{derived.formula}"


def marker_note(marker: str) -> str:
    """What a 【待补充：…】/【待确认】/【待核实】 marker asks the drafter to do."""
    if marker.startswith("【待补充"):
        what = marker[5:-1].strip() or "此处内容"
        return f"待补充：请填写“{what}”的实际数据；没有这项工作时删去本句。"
    if marker == "【待确认】":
        return "待确认：本句的说法（如“未发生”“全覆盖”）来自往年报告，请核实本单位今年的实际情况，属实则删去此标记。"
    if marker == "【待核实】":
        return "待核实：此处的数字无法追溯到您提供的数据，已被替换，请核对后填写。"
    if marker == "【请核对表述】":
        return "请核对表述：这项数据的指标名称无法确定合适的句式，已按“指标共X”写出，请改成通顺的说法。"
    return "请核对此处。"
