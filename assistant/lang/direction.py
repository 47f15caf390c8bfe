"""The direction of an indicator (``data/directions.yaml``): which way of change is better, for whom.

An indicator is *good up* (出庭应诉率), *good down* (败诉率, 群众投诉) or *neutral* (罚没款: never a
target; 行政复议案件: the revised 行政复议法 wants 复议 as the main channel). The direction may
depend on the body: a 复议纠错率 is bad when it rises for the body whose acts are corrected, neutral
for the 复议机关 (a 县级以上 government, its 司法局) and for a court; a court's 收案 is workload.

Two consumers read it:

- the comparison writer (:mod:`assistant.draft.tables.compare`): 提高 and 增长 only where a rise is
  better; 上升 otherwise (复议纠错率较上年上升2.0个百分点, 罚没款…同比上升14.6%);
- the 问题 part (:mod:`assistant.draft.compose.problems`): only a figure that moved against a
  direction that is clear for this body (``judged``) is named there; a neutral one is stated, not judged.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from assistant.lang.bodies import BodyProfile

DATA = Path(__file__).resolve().parent.parent / "data" / "directions.yaml"
Good = Literal["up", "down", "neutral"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _regex(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"正则表达式无效：{value}（{exc}）") from exc
    return value


class Direction(_Strict):
    """Which way is better for one indicator and one body, and whether a change against it is a problem."""

    good: Good
    judged: bool = True


class Indicator(_Strict):
    """One entry of ``indicators:`` (see the file's header)."""

    id: str
    why: str = ""
    match: str
    unless: str | None = None
    applies: Literal["rate", "count", "any"] = "any"
    good: Good
    judged: bool = True
    by_body: dict[str, Good] = {}
    examples: list[str]
    not_examples: list[str] = []

    _check_match = field_validator("match", "unless")(_regex)

    def fits(self, label: str, rate: bool) -> bool:
        if self.applies != "any" and self.applies != ("rate" if rate else "count"):
            return False
        return bool(re.search(self.match, label)) and not (self.unless and re.search(self.unless, label))


class Directions(_Strict):
    defaults: dict[Literal["rate", "count"], Direction]
    indicators: list[Indicator]


@functools.cache
def directions(path: Path = DATA) -> Directions:
    """The checked data; a misspelt field, a bad pattern or a body key that is neither a body kind nor
    a department fails at load, naming the entry."""
    from assistant.lang.body_model import bodies

    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        data = Directions.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(f"{path.name} 格式错误：{exc}") from exc
    known = set(bodies().kinds) | set(bodies().departments)
    for entry in data.indicators:
        unknown = set(entry.by_body) - known
        if unknown:
            raise ValueError(f"{path.name}：{entry.id} 的 by_body 含未知机关类型 {sorted(unknown)}")
    return data


def is_rate(label: str, unit_class: str | None) -> bool:
    """A rate: a % value, or a label ending in 率 (the table may give no unit)."""
    return unit_class == "rate" or label.rstrip().endswith("率")


def indicator_for(label: str, rate: bool) -> Indicator | None:
    """The first entry of the data that fits the label, or None (the class default applies)."""
    return next((e for e in directions().indicators if e.fits(label, rate)), None)


def direction(label: str, unit_class: str | None = None, body: Any = None) -> Direction:
    """The direction of a figure for a body (``body``: a :class:`~assistant.lang.bodies.BodyProfile`
    or None when unknown).

    Args:
        label: the user's 指标.
        unit_class: the class of its unit (``rate`` for %).
        body: who reports.

    Returns:
        ``good`` (up/down/neutral) and whether a change against it is a problem (``judged``).
    """
    rate = is_rate(label, unit_class)
    entry = indicator_for(label, rate)
    if entry is None:
        return directions().defaults["rate" if rate else "count"]
    keys = (
        body.keys()
        if isinstance(body, BodyProfile)
        else [getattr(body, "department", None), getattr(body, "kind", None)]
    )
    for key in keys:
        if key and key in entry.by_body:
            good = entry.by_body[key]
            return Direction(good=good, judged=entry.judged and good != "neutral")
    return Direction(good=entry.good, judged=entry.judged and entry.good != "neutral")


def row_direction(row: Any, body: Any = None) -> Direction:
    """:func:`direction` of a metrics row (any object with ``label`` and ``unit_class``/``unit``)."""
    from assistant.lang.units import unit_class

    cls = getattr(row, "unit_class", None) or unit_class(getattr(row, "unit", None))
    return direction(getattr(row, "label", "") or "", cls, body)
