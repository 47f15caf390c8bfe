"""Figures and topic of a chat message (“帮我写一段普法宣传的内容，今年开展23场” → rows of the metrics model)."""

from __future__ import annotations

import re

from assistant.draft.tables.metrics import MetricRow
from assistant.ingest.slots import find_slots
from assistant.lang.numerals import to_arabic
from assistant.lang.units import APPROX_INSIDE, APPROX_WORDS
from assistant.lang.vocab import classify, leading_verb

_TOPIC_RE = re.compile(
    r"(?:写|起草|撰写|生成|整理|补充)(?:一|一下)?(?:段|份|篇|个)?(?:关于)?"
    r"(?P<topic>[\u4e00-\u9fff]{2,12}?)(?:的|方面|工作|情况|内容|段落|部分)"
)
_ABOUT_RE = re.compile(r"关于(?P<topic>[\u4e00-\u9fff]{2,12}?)(?:的|方面|工作|情况)")
_AFTER_TOPIC_VERBS = ("覆盖", "惠及", "参与", "涉及", "受众", "参加")


def message_topic(text: str) -> str | None:
    """The topic of a chat request (“帮我写一段普法宣传的内容” → ``普法宣传``).

    Args:
        text: the user's message.

    Returns:
        The topic or ``None``.
    """
    m = _TOPIC_RE.search(text) or _ABOUT_RE.search(text)
    return m.group("topic") if m else None


def parse_message_metrics(text: str) -> list[MetricRow]:
    """Metrics stated in a chat message, parsed with the slot parser.

    “帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次” gives 开展普法宣传 23 场 and
    普法宣传覆盖 5600 人次: when a clause label is only a verb, the message topic is added.

    Args:
        text: the user's message.

    Returns:
        One row per real (unmasked) number with a unit; ``row`` is the 1-based order.
    """
    text = to_arabic(text)  # 今年开展二十三场 → 23场: the user's figures in any script
    topic = message_topic(text) or ""
    rows: list[MetricRow] = []
    for slot in find_slots(text):
        if slot.slot_type != "metric" or slot.masked or slot.value is None or slot.role == "ordinal":
            continue
        label = re.sub(r"^(?:今年|本年度|本年|全年|去年|年度|共|累计)+", "", slot.label)
        if topic and (not label or leading_verb(label) == label or len(label) <= 2):
            label = topic + label if label.startswith(_AFTER_TOPIC_VERBS) else label + topic
        value = (
            slot.value + (slot.magnitude or "") + (slot.qualifier if slot.qualifier in APPROX_INSIDE else "")
        )
        approx = slot.qualifier if slot.qualifier in APPROX_WORDS else None
        rows.append(
            MetricRow(
                label=label,
                value=value,
                number=slot.number,
                unit=slot.unit,
                unit_class=slot.unit_class,
                approx=approx,
                magnitude=slot.magnitude,
                note=None,
                section=None,
                kind=classify(label, slot.unit, topic),
                row=len(rows) + 1,
            )
        )
    return rows
