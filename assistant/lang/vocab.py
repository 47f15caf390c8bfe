"""The metric vocabulary (docs/slots.md) and other genre word lists, loaded from ``data/metric_kinds.yaml``.

``classify(label, unit, section)`` maps a slot label or a user's 指标 to a kind id by alias match,
restricted to kinds whose units share the unit's class (a % never becomes a count kind). The
yaml also holds the fixed expressions that are never slots, the section-family keywords and the
leading verbs distributed over 、-series. Everything is read once, on first use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from assistant.lang.units import unit_class


@dataclass(frozen=True)
class MetricKind:
    """One entry of the metric vocabulary.

    Attributes:
        id: stable id such as ``pufa.events``.
        name: 中文名.
        units: accepted units, canonical first.
        aliases: trigger words looked for in labels.
        sections: section keywords where the kind typically occurs.
    """

    id: str
    name: str
    units: tuple[str, ...]
    aliases: tuple[str, ...]
    sections: tuple[str, ...]

    @property
    def classes(self) -> frozenset[str]:
        """The unit classes of this kind's units."""
        return frozenset(c for c in (unit_class(u) for u in self.units) if c)


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("assistant").joinpath("data/metric_kinds.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@functools.cache
def metric_kinds() -> tuple[MetricKind, ...]:
    """All metric kinds, in file order.

    Returns:
        The vocabulary (34 core kinds followed by ``other.*`` extras).
    """
    out = []
    for k in _data()["kinds"]:
        out.append(
            MetricKind(
                id=k["id"],
                name=k["name"],
                units=tuple(str(u) for u in k.get("units", [])),
                aliases=tuple(k.get("aliases", [])),
                sections=tuple(k.get("sections", [])),
            )
        )
    return tuple(out)


def kind_by_id(kind_id: str) -> MetricKind | None:
    """The kind with this id, or ``None``.

    Args:
        kind_id: e.g. ``pufa.events``.

    Returns:
        The kind or ``None``.
    """
    return next((k for k in metric_kinds() if k.id == kind_id), None)


@functools.cache
def fixed_expressions() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fixed expressions that are never slots.

    Returns:
        ``(chinese_numeral_expressions, arabic_forms)`` such as ``("一岗双责", …)``, ``("12·4", …)``.
    """
    fx = _data().get("fixed_expressions", {})
    return tuple(fx.get("numerals", [])), tuple(str(x) for x in fx.get("arabic", []))


@functools.cache
def name_stopwords() -> frozenset[str]:
    """Two-character words that are never the name part of a place (按照, 组织, 城乡 …).

    Returns:
        The stop words.
    """
    return frozenset(_data().get("name_stopwords", []))


@functools.cache
def _verb_re() -> re.Pattern[str]:
    verbs = sorted(_data().get("verbs", []), key=len, reverse=True)
    # a manner of taking part before the verb is part of its run (联合开展, 会同开展, 带队开展: blind read r59)
    return re.compile("^(?:" + _MANNER_LEAD + ")?(?:" + "|".join(map(re.escape, verbs)) + ")+了?")


#: the ways a body or its head take part in an act, said before its verb (联合开展执法检查)
_MANNER_LEAD = "亲自带队|带队|联合|会同|协同|牵头"


def leading_verb(label: str) -> str:
    """The verb run that opens a label (``组织开展进村入户普法宣传`` → ``组织开展``).

    Args:
        label: a slot label.

    Returns:
        The verb text, ``""`` when the label does not open with a known verb.
    """
    m = _verb_re().match(label)
    return m.group(0) if m else ""


def classify(label: str, unit: str | None, section: str = "") -> str | None:
    """Map a label (a slot's or a user's 指标) to a metric kind id.

    Only kinds with a unit of the same class are candidates (when ``unit`` is known). The score is
    the length of the longest alias found in the label, plus 1 when a section keyword matches and
    0.5 when an alias ends the label (its head noun: “卫生健康法治讲堂”普法活动 is 普法, not a lecture).

    Args:
        label: the activity counted, e.g. ``组织开展进村入户普法宣传``.
        unit: the unit (``次``, ``人次``, ``%``) or ``None``.
        section: heading text(s) for context.

    Returns:
        The best kind id, or ``None`` when no alias matches.
    """
    cls = unit_class(unit)
    best, best_score = None, 0.0
    for k in metric_kinds():
        if cls is not None and cls not in k.classes:
            continue
        # a one-character alias (村, 户) is a sign only beside the kind's own unit: 新改建农村公路 公里 is no
        # count of villages reached (blind read r29)
        found = [
            len(a) for a in k.aliases if a in label and (len(a) >= 2 or cls is not None or unit in k.units)
        ]
        if not found:
            continue
        score = (
            max(found)
            + 0.1 * len(found)
            + (1.0 if section and any(s in section for s in k.sections) else 0.0)
            + (0.5 if any(label.endswith(a) for a in k.aliases) else 0.0)  # the head: “…讲堂”普法活动
        )
        if unit and unit in k.units:
            score += 0.5
        if score > best_score:
            best, best_score = k.id, score
    return best
