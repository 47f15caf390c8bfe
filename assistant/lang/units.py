"""Units (量词), unit classes and value parsing for metric slots and the user's metrics table.

A unit class groups the 量词 that may stand for one another when a user value fills a slot
(docs/slots.md): 场/场次/次 are all ``event``; 人次 is ``person_time`` and never fills 人; a count
never fills ``%``. Values are parsed the way users write them: ``180余``, ``约50``, ``2.3万``,
``97.7%``, ``1,234``, full-width digits, Chinese numerals (``二十三``, ``两千余``) and mixed forms
(``3万2千``).

One reading of a value for the table reader, the comparison writer and the audit
(:func:`parse_quantity`, :func:`parse_last`): 万元/亿元 are a magnitude and 元, wherever the 万 is
written (``12.6万元``; ``12.6`` with 单位 ``万元``); a bare 上年数值 is read in this year's
magnitude when that is the closer reading (``12.6万元`` beside ``9.8`` is 9.8万元).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.errors import BadInputError
from assistant.lang.unit_words import UNIT_CLASSES, UNIT_PATTERN, UNIT_PATTERNS  # noqa: F401 - re-exported

#: Units as they may follow a number, longest first (so 场次 wins over 场, 人次 over 人).
UNITS_LONGEST: tuple[str, ...] = tuple(sorted(UNIT_CLASSES, key=len, reverse=True))


MAGNITUDES: dict[str, float] = {"万": 1e4, "亿": 1e8}
SCALES: dict[str, Decimal] = {"万": Decimal(10000), "亿": Decimal(100000000)}
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

_NUMERAL_CHARS = "\\d.,零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟廿点"
_VALUE_RE = re.compile(
    rf"^\s*(?P<pre>{'|'.join(APPROX_BEFORE)}|达到|达|累计|共计|共)?\s*"
    rf"(?P<num>[{_NUMERAL_CHARS}]+)\s*"
    rf"(?P<approx>{'|'.join(APPROX_INSIDE)})?\s*"
    rf"(?P<unit>[^\d\s]*?)\s*(?P<post>{'|'.join(APPROX_AFTER)})?\s*$"
)
_ARABIC_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")


@dataclass
class ParsedValue:
    """A value as the user or a report wrote it.

    Attributes:
        number: numeric value with the magnitude applied (``2.3万`` → 23000.0).
        text: the digits as written, commas removed (``"2.3"``, ``"1234"``); a Chinese numeral in
            Arabic digits (``二十三`` → ``"23"``).
        approx: ``余``/``多``/``约``/``近``/``以上``/``左右`` … or ``None``.
        magnitude: ``万``/``亿`` when written (in the value or, see :func:`parse_quantity`, the unit).
        unit: a unit written inside the value (``%`` in ``97.7%``, ``场`` in ``23场``) or ``None``;
            without its magnitude (``12.6万元`` → ``元``).
        exact: the value with the magnitude applied, exactly (comparisons compute with it).
    """

    number: float
    text: str
    approx: str | None = None
    magnitude: str | None = None
    unit: str | None = None
    exact: Decimal | None = None

    def __post_init__(self) -> None:
        if self.exact is None:
            self.exact = Decimal(repr(float(self.number)))

    def in_magnitude(self, magnitude: str | None) -> Decimal:
        """The exact value in units of ``magnitude`` (``126000`` in 万 → ``12.6``)."""
        assert self.exact is not None
        return self.exact / SCALES[magnitude] if magnitude else self.exact


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
    if unit[:1] in MAGNITUDES and len(unit) > 1:  # 万人次, and 万辆次 of a unit the table does not list
        return unit[:1], unit[1:]
    return None, unit


@functools.lru_cache(maxsize=4096)
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


def numeral(text: str) -> Decimal | None:
    """The value of a numeral in any script: ``1,234``, ``２３``, ``二十三``, ``两千``, ``3万2千``; ``None`` if none."""
    text = normalize_digits(text).strip()
    if _ARABIC_RE.fullmatch(text):
        return Decimal(text.replace(",", ""))
    from assistant.lang.numerals import cn_value

    return cn_value(text)


def parse_value(raw: str | int | float) -> ParsedValue:
    """Parse a value as written: ``180余``, ``约50``, ``2.3万``, ``97.7%``, ``1,234``, ``23场``,
    ``二十三``, ``两千余``, ``3万2千``, ``12.6万元``.

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
        if isinstance(raw, float) and not math.isfinite(raw):
            raise BadInputError(f"数值“{raw}”不是数字")
        text = f"{raw:g}" if isinstance(raw, float) else str(raw)
        exact = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        return ParsedValue(number=float(raw), text=text, exact=exact)
    source = normalize_digits(str(raw)).strip()
    m = _VALUE_RE.match(source)
    if not m:
        raise BadInputError(f"数值“{raw}”不是数字")
    unit = m.group("unit") or None
    if unit is not None and unit_class(unit) is None and not re.fullmatch(r"[\u4e00-\u9fff]{1,4}", unit):
        raise BadInputError(f"数值“{raw}”不是数字")
    num, mag = m.group("num"), None
    if len(num) > 1 and num[-1] in MAGNITUDES and numeral(num[:-1]) is not None:
        num, mag = num[:-1], num[-1]  # 2.3万, 五十万: the magnitude stays as written
    value = numeral(num)
    if value is None:
        raise BadInputError(f"数值“{raw}”不是数字")
    if unit in MAGNITUDES and mag is None:  # 180余万
        mag, unit = unit, None
    if unit and mag is None:
        mag_from_unit, bare = split_unit(unit)
        if mag_from_unit:
            mag, unit = mag_from_unit, bare
    approx = m.group("approx") or m.group("post")
    pre = m.group("pre")
    if approx is None and pre in APPROX_BEFORE:
        approx = pre
    digits = num.replace(",", "") if _ARABIC_RE.fullmatch(num) else _plain(value)
    exact = value * SCALES[mag] if mag else value
    return ParsedValue(number=float(exact), text=digits, approx=approx, magnitude=mag, unit=unit, exact=exact)


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def split_unit(unit: str) -> tuple[str | None, str]:
    """Split a magnitude off a unit, 万元/亿元 included (``万元`` → ``("万", "元")``, ``万人次`` →
    ``("万", "人次")``, ``场`` → ``(None, "场")``)."""
    unit = normalize_digits(unit.strip())
    if unit[:1] in MAGNITUDES and len(unit) > 1 and (unit[1:] in UNIT_CLASSES or unit not in UNIT_CLASSES):
        return unit[:1], unit[1:]  # 万人次, and 万辆次 of a unit the table does not list (blind read r13)
    return None, unit


def parse_quantity(raw: str | int | float, unit: str | None = None) -> ParsedValue:
    """A table cell read with its row's unit: the one reading of a value for the table reader, the
    comparison writer and the audit.

    ``("12.6", "万元")``, ``("12.6万元", None)`` and ``("12.6万", "元")`` are all 126000 元 written in
    万 (``magnitude="万"``, ``unit="元"``). A unit of another class than the value's own is refused.

    Raises:
        BadInputError: no number, a magnitude written twice (``2.3万`` with ``万人次``), or a value
            whose own unit contradicts the row's.
    """
    pv = parse_value(raw)
    if not unit:
        return pv
    mag, bare = split_unit(unit)
    if pv.unit and unit_class(pv.unit) != unit_class(bare) and pv.unit != bare:
        raise BadInputError(f"数值“{raw}”与单位“{unit}”不一致")
    if mag:
        if pv.magnitude:
            raise BadInputError(f"数值“{raw}”与单位“{unit}”都写了“{mag}”，请只写一处")
        return replace(with_magnitude(pv, mag), unit=pv.unit or bare)
    return replace(pv, unit=pv.unit or bare)


def times_thousand(raw: str) -> str:
    """A value of a 千-unit (千元, 千人次) written in the bare unit: ``5.6`` → ``5600``, ``约1.2`` →
    ``约1200`` (千 is no magnitude a report writes: the draft says 5600元)."""
    text = str(raw).strip()
    m = _VALUE_RE.match(normalize_digits(text))
    try:
        number = Decimal(m.group("num").replace(",", "")) * 1000 if m else None
    except (ArithmeticError, ValueError):
        number = None
    if m and number is not None:
        return text[: m.start("num")] + format(number.normalize(), "f") + text[m.end("num") :]
    try:  # 三十, 一千二: the numeral read, the value written in digits
        pv = parse_value(text)
    except ValueError:
        return text
    if pv.exact is None:
        return text
    plain = format((pv.exact * 1000).normalize(), "f")
    if not pv.approx:
        return plain
    return pv.approx + plain if pv.approx in APPROX_BEFORE else plain + pv.approx


def put_magnitude(raw: str, magnitude: str) -> str:
    """A unit column's 万/亿 written into the value: ``12.6`` → ``12.6万``, ``180余`` → ``180万余``,
    ``约50`` → ``约50万`` (so the value and a bare unit say the same as the value and ``万元``)."""
    text = str(raw).strip()
    m = _VALUE_RE.match(normalize_digits(text))
    if not m:
        return text
    return text[: m.end("num")] + magnitude + text[m.end("num") :]


def with_magnitude(pv: ParsedValue, magnitude: str) -> ParsedValue:
    """``pv`` read in ``magnitude`` (12.6 → 12.6万 = 126000), for a 万/亿 written in the unit column."""
    exact = pv.exact * SCALES[magnitude]
    return replace(pv, number=float(exact), exact=exact, magnitude=magnitude)


def parse_last(raw: str | int | float, this: ParsedValue, unit: str | None = None) -> ParsedValue:
    """Last year's value of a row, read with the row's unit.

    A bare 上年数值 beside a value written with its magnitude (``12.6万元`` and ``9.8``) is read in
    that magnitude when that is the closer reading (9.8万元, not 9.8元): a table states both years
    in one unit. ``18000`` beside ``2.3万`` stays 18000.
    """
    last = parse_quantity(raw, unit)
    if last.magnitude or not this.magnitude or last.unit and split_unit(last.unit)[0]:
        return last
    if not last.exact or not this.exact:
        return last
    scaled = last.exact * SCALES[this.magnitude]

    def gap(x: Decimal) -> float:
        return abs(math.log(float(x) / float(this.exact)))

    if gap(scaled) < gap(last.exact):
        return replace(last, number=float(scaled), exact=scaled, magnitude=this.magnitude)
    return last


def number_forms(value: ParsedValue | str) -> set[str]:
    """Every way a value may appear in text: ``2.3万`` → {"2.3", "23000", "2.3万"}.

    Args:
        value: a parsed value or a raw string.

    Returns:
        The digit strings under which the value counts as traced.
    """
    pv = parse_value(value) if isinstance(value, str) else value
    forms = {pv.text}
    exact = pv.exact if pv.exact is not None else Decimal(repr(pv.number))
    forms.add(_plain(exact))
    if exact == exact.to_integral_value() and abs(exact) >= 1000:
        forms.add(f"{int(exact):,}")
    if pv.magnitude:
        forms.add(pv.text + pv.magnitude)
        forms.add(_plain(pv.in_magnitude(pv.magnitude)))
    return forms
