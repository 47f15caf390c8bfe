"""Units (量词), unit classes and value parsing for metric slots and the user's metrics table.

A unit class groups the 量词 that may stand for one another when a user value fills a slot
(docs/slots.md): 场/场次/次 are all ``event``; 人次 is ``person_time`` and never fills 人; a count
never fills ``%``. Values are parsed the way users write them: ``180余``, ``约50``, ``2.3万``,
``97.7%``, ``1,234``, full-width digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.errors import BadInputError

UNIT_CLASSES: dict[str, str] = {
    # event
    "次": "event",
    "场": "event",
    "场次": "event",
    "期": "event",
    "轮": "event",
    "批": "event",
    "家次": "event",
    # person
    "人": "person",
    "名": "person",
    "位": "person",
    # person_time
    "人次": "person_time",
    # case
    "件": "case",
    "起": "case",
    "宗": "case",
    "例": "case",
    # item
    "项": "item",
    "条": "item",
    "个": "item",
    "份": "item",
    "本": "item",
    "册": "item",
    "张": "item",
    "块": "item",
    "台": "item",
    "套": "item",
    "支": "item",
    "户": "item",
    "家": "item",
    "间": "item",
    "所": "item",
    "处": "item",
    "部": "item",
    "村": "item",
    "座": "item",
    "篇": "item",
    "幅": "item",
    # rate
    "%": "rate",
    "个百分点": "rate",
    # hour
    "学时": "hour",
    "课时": "hour",
    "小时": "hour",
    # money
    "元": "money",
    "万元": "money",
    "亿元": "money",
}

#: Units as they may follow a number, longest first (so 场次 wins over 场, 人次 over 人).
UNITS_LONGEST: tuple[str, ...] = tuple(sorted(UNIT_CLASSES, key=len, reverse=True))

MAGNITUDES: dict[str, float] = {"万": 1e4, "亿": 1e8}
#: Approximation words, by where they stand: before the number (约50), between the number and the
#: 量词 (180余场), after the 量词 (50场以上). The one list for parsing, filling and the metrics reader.
APPROX_BEFORE: tuple[str, ...] = ("约", "近", "超过", "逾", "不少于")
APPROX_INSIDE: tuple[str, ...] = ("余", "多")
APPROX_AFTER: tuple[str, ...] = ("以上", "左右", "上下")
APPROX_WORDS: tuple[str, ...] = APPROX_BEFORE + APPROX_INSIDE + APPROX_AFTER

# Full-width digits and signs → ASCII, one character for one (offsets are preserved).
_FW_TABLE = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "％": "%",
        "．": ".",
        "＊": "*",
    }
)

_VALUE_RE = re.compile(
    rf"^\s*(?P<pre>{'|'.join(APPROX_BEFORE)}|达到|达|累计|共计|共)?\s*"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*"
    rf"(?P<mag>万|亿)?\s*(?P<approx>{'|'.join(APPROX_INSIDE)})?\s*"
    rf"(?P<unit>[^\d\s]*?)\s*(?P<post>{'|'.join(APPROX_AFTER)})?\s*$"
)


@dataclass
class ParsedValue:
    """A value as the user or a report wrote it.

    Attributes:
        number: numeric value with the magnitude applied (``2.3万`` → 23000.0).
        text: the digits as written, commas removed (``"2.3"``, ``"1234"``).
        approx: ``余``/``多``/``约``/``近``/``以上``/``左右`` … or ``None``.
        magnitude: ``万``/``亿`` when written, else ``None``.
        unit: a unit written inside the value (``%`` in ``97.7%``, ``场`` in ``23场``) or ``None``.
    """

    number: float
    text: str
    approx: str | None = None
    magnitude: str | None = None
    unit: str | None = None


def normalize_digits(text: str) -> str:
    """Replace full-width digits, ％, ． and ＊ by their ASCII forms, keeping every offset.

    Args:
        text: any text.

    Returns:
        The text with the same length, full-width digits made ASCII.
    """
    return text.translate(_FW_TABLE)


def strip_magnitude(unit: str) -> tuple[str | None, str]:
    """Split a leading 万/亿 off a unit (``万人次`` → ``("万", "人次")``); 万元/亿元 stay whole.

    Args:
        unit: a unit as written.

    Returns:
        ``(magnitude or None, bare unit)``.
    """
    if unit in UNIT_CLASSES:
        return None, unit
    if unit[:1] in MAGNITUDES and unit[1:] in UNIT_CLASSES:
        return unit[:1], unit[1:]
    return None, unit


def unit_class(unit: str | None) -> str | None:
    """The class of a unit: ``event``, ``person``, ``person_time``, ``case``, ``item``, ``rate``,
    ``hour`` or ``money``.

    Args:
        unit: a 量词 such as ``场次`` or ``万人次``; ``None`` allowed.

    Returns:
        The class name, or ``None`` for an unknown or missing unit.
    """
    if not unit:
        return None
    unit = normalize_digits(unit.strip())
    if unit in UNIT_CLASSES:
        return UNIT_CLASSES[unit]
    _, bare = strip_magnitude(unit)
    return UNIT_CLASSES.get(bare)


def compatible(slot_unit: str | None, row_unit: str | None) -> bool:
    """Whether a user row with ``row_unit`` may fill a slot written with ``slot_unit``.

    Hard constraint of the slot model (docs/slots.md): the unit classes must be equal, so 人次 never fills 人 and a
    count never fills ``%``. Two unknown units are compatible only when they are the same text.

    Args:
        slot_unit: the unit of the slot.
        row_unit: the unit of the user's value.

    Returns:
        ``True`` when the value may fill the slot.
    """
    a, b = unit_class(slot_unit), unit_class(row_unit)
    if a is None or b is None:
        return bool(slot_unit) and slot_unit == row_unit
    return a == b


def to_number(text: str, magnitude: str | None = None) -> float:
    """Digits (commas allowed) times the magnitude.

    Args:
        text: ``"2.3"``, ``"1,234"``.
        magnitude: ``万``/``亿`` or ``None``.

    Returns:
        The float value.
    """
    value = float(normalize_digits(text).replace(",", ""))
    if magnitude:
        value *= MAGNITUDES[magnitude]
    return value


def parse_value(raw: str | int | float) -> ParsedValue:
    """Parse a value as written: ``180余``, ``约50``, ``2.3万``, ``97.7%``, ``1,234``, ``23场``.

    Args:
        raw: the cell or phrase; numbers are accepted as they are.

    Returns:
        The parsed value.

    Raises:
        BadInputError (a ValueError): the text holds no number (message in Chinese).
    """
    if isinstance(raw, bool):
        raise BadInputError(f"数值“{raw}”不是数字")
    if isinstance(raw, int | float):
        text = f"{raw:g}" if isinstance(raw, float) else str(raw)
        return ParsedValue(number=float(raw), text=text)
    source = normalize_digits(str(raw)).strip()
    m = _VALUE_RE.match(source)
    if not m:
        raise BadInputError(f"数值“{raw}”不是数字")
    unit = m.group("unit") or None
    if unit is not None and unit_class(unit) is None and not re.fullmatch(r"[\u4e00-\u9fff]{1,4}", unit):
        raise BadInputError(f"数值“{raw}”不是数字")
    mag = m.group("mag")
    if unit and mag is None:
        mag_from_unit, bare = strip_magnitude(unit)
        if mag_from_unit:
            mag, unit = mag_from_unit, bare
    approx = m.group("approx") or m.group("post")
    pre = m.group("pre")
    if approx is None and pre in APPROX_BEFORE:
        approx = pre
    digits = m.group("num").replace(",", "")
    return ParsedValue(number=to_number(digits, mag), text=digits, approx=approx, magnitude=mag, unit=unit)


def number_forms(value: ParsedValue | str) -> set[str]:
    """Every way a value may appear in text: ``2.3万`` → {"2.3", "23000", "2.3万"}.

    Args:
        value: a parsed value or a raw string.

    Returns:
        The digit strings under which the value counts as traced.
    """
    pv = parse_value(value) if isinstance(value, str) else value
    forms = {pv.text}
    n = pv.number
    if n == int(n):
        forms.add(str(int(n)))
        if abs(n) >= 1000:
            forms.add(f"{int(n):,}")
    else:
        forms.add(f"{n:g}")
    if pv.magnitude:
        forms.add(pv.text + pv.magnitude)
    return forms
