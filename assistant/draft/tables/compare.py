"""Year-over-year comparisons computed by code, and their check by the number audit.

A row that carries last year's value (上年数值) gets a comparison phrase after its figure:
``较上年增加3次、同比增长37.5%``, ``较上年减少2次、同比下降25.0%``, ``与上年持平``, and for a rate
``较上年提高2.5个百分点``. Every number in such a phrase is a *derived figure* with a formula
(``3 = 11 − 8``, ``37.5% = 3 ÷ 8``); :func:`check_comparisons` recomputes each one from the user's
values, so a wrong derived figure (typed by an LLM, or planted) fails the audit.

Rules (documented in README):

- percentages have one decimal (``50.0%``), rounded half up; differences keep the precision of
  the values (one decimal at most beyond it);
- no percentage for rates (percentage points instead), and none on a small base: when last year's
  value is under 10 or the change is 1 or 2 (``较上年增加1件``, not ``同比增长100.0%``; see
  :func:`small_base`), nor when last year's value is 0 — the difference only;
- the words follow the indicator's direction for this body (:mod:`assistant.lang.direction`):
  提高 (a rate) and 增长 (a percentage) only where a rise is better, 上升 otherwise
  (复议纠错率较上年上升2.0个百分点; 罚没款…同比上升14.6%); 增加/减少/下降 are plain;
- when either value is approximate (``180余``, ``约50``), or the two are rounded to different steps
  (``1.2万`` against ``9800``), no number is derived at all: the phrase is ``较上年有所增加`` /
  ``较上年有所减少`` / ``与上年基本持平``; when the ranges the values stand for (:func:`bounds`: 2900余 is
  2900–2999) leave the direction open, there is no comparison;
- no percentage when the values' rounding leaves it open by 1.5 points or more (2.3万 against
  1.8万: ``较上年增加0.5万人次`` only; :data:`PCT_SLACK`);
- a masked or missing last-year value gives no comparison.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assistant.lang.direction import direction
from assistant.lang.numerals import to_arabic
from assistant.lang.units import (
    SCALES,
    UNIT_PATTERN,
    ParsedValue,
    parse_last,
    parse_quantity,
    parse_value,
    split_unit,
    unit_class,
    with_magnitude,
)
from assistant.types import Derived

_CUE = r"(?:较|比)(?:上年|去年|上一年|上年度)(?:同期)?|同比"
CUE_RE = re.compile(_CUE)
# 较上年有所增加, 较上年下降 (no figure): the direction is a fact about the user's values too
QUALITATIVE_RE = re.compile(
    rf"(?:{_CUE})(?P<how>有所|明显)?(?P<dir>增加|增长|提高|上升|减少|下降|降低|前进|后退)(?!了?\d)"
)
#: an approximate change this large (three tenths of last year or more, beyond any rounding) is 明显,
#: never 有所 (blind read r33: 约486万元 against 312.5万元 said as 有所增加)
MARKED_SHARE = 0.3
FLAT_RE = re.compile(r"(?:与|和|同)(?:上年|去年|上一年|上年度)(?:同期)?(?:基本)?持平")
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
ATOM_RE = re.compile(
    rf"[、，,]?\s*(?:{_CUE})?(?P<dir>增加|减少|增长|下降|提高|降低|上升|减少了|增加了|增长了|下降了|前进|后退)"
    rf"(?P<num>{_NUM})(?P<mag>万|亿)?(?P<unit>个百分点|个千分点|%|‰|{UNIT_PATTERN})?"
)
_ANCHOR_RE = re.compile(rf"(?P<num>{_NUM})(?P<mag>万|亿)?(?P<approx>余|多)?(?P<unit>{UNIT_PATTERN})")
_POINTS = {"%": "个百分点", "‰": "个千分点"}
#: …and a rank that moved back (后退: its number grew; 前进: it fell)
_UP = {"增加", "增长", "提高", "上升", "后退"}
#: a rank (全省法院案件质量评估排名, 考核位次): its number falls as it gets better
RANK_RE = re.compile(r"(?:排名|名次|位次|排位)$")
_APPROX = {"余", "多", "约", "近", "以上", "左右", "超过", "逾", "不少于", "上下"}
_SENT_END = "。！？；\n"


@dataclass
class YearPair:
    """This year's and last year's value of one row."""

    label: str
    this: ParsedValue
    last: ParsedValue
    unit: str | None
    good: str = "up"  # the indicator's direction for the reporting body (lang/direction.py)

    @property
    def approximate(self) -> bool:
        """Whether either value stands for a range (180余, 约126), or the two are rounded to different
        steps (1.2万 against 9800): their difference is known only roughly."""
        marked = (self.this.approx in _APPROX) or (self.last.approx in _APPROX)
        if not marked and self.ledger:
            return False
        return bool(
            marked or (rounded(self.this) or rounded(self.last)) and _step(self.this) != _step(self.last)
        )

    @property
    def ledger(self) -> bool:
        """Whether both values are sums of money in one unit (386.5万元 against 352万元): kept in the
        ledger's own unit, each as exact as written (blind read r51: never 较上年有所增加 there); 1.2万元
        against 9800元 stays rough."""
        return self.this.magnitude == self.last.magnitude and unit_class(self.unit) == "money"

    @property
    def undetermined(self) -> bool:
        """Whether the ranges the two values stand for leave the change's direction open (2900余 against
        2980 may be more or less; blind read r27: 较上年有所减少 on such a pair)."""
        (lo_t, hi_t), (lo_l, hi_l) = bounds(self.this), bounds(self.last)
        return (lo_t != hi_t or lo_l != hi_l) and lo_t - hi_l <= 0 <= hi_t - lo_l

    @property
    def is_rate(self) -> bool:
        return unit_class(self.unit) == "rate"


@dataclass
class Comparison:
    """A comparison phrase and the derived figures it states."""

    text: str
    derived: list[Derived]


@dataclass
class Finding:
    """A comparison found in text: its span, whether it recomputes, and what it derives."""

    start: int
    end: int
    ok: bool
    reason: str = ""
    derived: list[Derived] | None = None


#: markers of a value at least as large as written (180余 is 180–189), at most (近300), about (约126)
_AT_LEAST = {"余", "多", "以上", "超过", "逾", "不少于"}
_ABOUT = {"约", "左右", "上下"}


def _step(v: ParsedValue) -> Decimal:
    """The value's last written digit's place, in plain units (3400 → 100, 1.2万 → 1000, 126 → 1)."""
    digits = v.text or "0"
    scale = SCALES[v.magnitude] if v.magnitude else Decimal(1)
    if "." in digits:
        return Decimal(1).scaleb(-len(digits.split(".", 1)[1])) * scale
    whole = digits.lstrip("-")
    zeros = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
    if zeros and len(whole.strip("0")) == 1:
        zeros -= 1  # 1000余 is 1000 and a bit (under 1100), 3400余 under 3500
    return Decimal(10) ** zeros * scale


def rounded(v: ParsedValue) -> bool:
    """Whether a value is written rounded to its magnitude (1.2万, 3.5亿): it stands for a range."""
    return bool(v.magnitude) and "." in (v.text or "")


def bounds(v: ParsedValue) -> tuple[Decimal, Decimal]:
    """The range a value as written stands for, in plain units: 3400余 → [3400, 3500], 近300 → [200,
    300], 约126 → [125.5, 126.5], 1.2万 → [11500, 12500]; an exact value is its own range."""
    assert v.exact is not None
    x, step = v.exact, _step(v)
    if v.approx in _AT_LEAST:
        return x, x + step
    if v.approx == "近":
        return x - step, x
    if v.approx in _ABOUT or rounded(v):
        return x - step / 2, x + step / 2
    return x, x


#: the most a percentage may be off (percentage points) through the rounding of its values to be written
#: (2.3万 against 1.8万: 5.6 points, none; 12.6万元 against 9.8万元: 1.0 point, written)
PCT_SLACK = Decimal("1.5")


def _pct_sure(pair: YearPair) -> bool:
    """Whether the values are precise enough for a percentage of their change: 2.3万 against 1.8万 (each
    ±500) leaves 27.8% open by ±5.6 points, so none is written (blind read r27); 386.4万元 against
    312.7万元 is precise to 0.01 points, 12.6万元 against 9.8万元 to a point."""
    (lo_t, hi_t), (lo_l, hi_l) = bounds(pair.this), bounds(pair.last)
    last = pair.last.exact
    if not last:
        return False
    return ((hi_t - lo_t) + (hi_l - lo_l)) / 2 / last * 100 < PCT_SLACK


def _fmt(d: Decimal) -> str:
    """A decimal without float noise or trailing zeros: 3, 2.5, 0.5."""
    text = format(d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize(), "f")
    return text


def _exact(d: Decimal) -> str:
    """An operand as the user's values give it, unrounded (83.885, not 83.89): a formula must recompute."""
    return format(d.normalize(), "f")


def _pct(diff: Decimal, last: Decimal) -> Decimal:
    return (abs(diff) / last * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


#: The smallest last-year value (in the figure's own units, 万/亿 applied) a percentage is written on,
#: and the largest change written without one: 1 → 2 is 较上年增加1件, never 同比增长100.0%.
SMALL_BASE = Decimal(10)
SMALL_CHANGE = Decimal(2)


def small_base(pair: YearPair) -> bool:
    """Whether a percentage of this pair would read as padding: last year's value under
    :data:`SMALL_BASE` (5 → 6 is not 增长20.0%) or a change of at most :data:`SMALL_CHANGE` units
    (998 → 1000). Values are compared with 万/亿 applied (9.8万元 is no small base)."""
    last = pair.last.in_magnitude(None)
    return last < SMALL_BASE or abs(pair.this.in_magnitude(None) - last) <= SMALL_CHANGE


def _pair_figures(pair: YearPair) -> tuple[Decimal, Decimal, Decimal, str]:
    """(this, last, difference) in this year's magnitude, and that magnitude's suffix."""
    mag = pair.this.magnitude or ""
    this, last = pair.this.in_magnitude(mag or None), pair.last.in_magnitude(mag or None)
    return this, last, this - last, mag


def is_marked(this: Decimal, last: Decimal, is_rate: bool = False) -> bool:
    """Whether a change is large enough to be 明显: three tenths of last year's count, or 5 points of a rate."""
    if is_rate:
        return abs(this - last) >= 5
    return last > 0 and abs(this - last) / last >= Decimal(str(MARKED_SHARE))


#: units of a score (考评得分 96.5分): compared by its points alone
SCORE_UNITS = ("分",)


def compare_pair(pair: YearPair) -> Comparison:
    """The comparison phrase for one row (see the module rules).

    Args:
        pair: this year's and last year's value.

    Returns:
        The phrase (``较上年增加3次、同比增长37.5%``) and its derived figures with formulas.
    """
    this, last, diff, mag = _pair_figures(pair)
    if pair.approximate or pair.undetermined:
        if diff == 0:
            return Comparison("与上年基本持平", [])
        how = "明显" if is_marked(this, last, pair.is_rate) else "有所"
        if pair.is_rate:
            rise = f"较上年{how}提高" if pair.good == "up" else f"较上年{how}上升"
            return Comparison(rise if diff > 0 else f"较上年{how}下降", [])
        return Comparison(f"较上年{how}增加" if diff > 0 else f"较上年{how}减少", [])
    if diff == 0:
        return Comparison("与上年持平", [])
    up = diff > 0
    unit = pair.unit or ""
    if pair.is_rate:
        d = _fmt(abs(diff))
        sign = "‰" if unit == "‰" else "%"
        points = _POINTS[sign]
        a, b = (this, last) if up else (last, this)
        formula = f"{d}{points} = {_exact(a)}{sign} − {_exact(b)}{sign}"
        rise = "提高" if pair.good == "up" else "上升"
        return Comparison(
            f"较上年{rise if up else '下降'}{d}{points}", [Derived(f"{d}{points}", formula, pair.label)]
        )
    d = _fmt(abs(diff)) + mag
    a, b = (this, last) if up else (last, this)
    derived = [Derived(f"{d}{unit}", f"{d} = {_exact(a)}{mag} − {_exact(b)}{mag}", pair.label)]
    if RANK_RE.search(
        pair.label.strip()
    ):  # a rank moves forward or back, never by a growth rate (blind read r60)
        return Comparison(f"较上年{'后退' if up else '前进'}{d}{unit}", derived)
    if unit in SCORE_UNITS:  # a score moves by points, never by a growth rate (r53: 得分…同比增长2.4%)
        return Comparison(f"较上年{'提高' if up else '下降'}{d}{unit}", derived)
    text = f"较上年{'增加' if up else '减少'}{d}{unit}"
    if last > 0 and not small_base(pair) and _pct_sure(pair):
        p = format(_pct(diff, last), "f")
        derived.append(Derived(f"{p}%", f"{p}% = {_exact(abs(diff))}{mag} ÷ {_exact(last)}{mag}", pair.label))
        growth = "增长" if pair.good == "up" else "上升"
        text += f"、同比{growth if up else '下降'}{p}%"
    return Comparison(text, derived)


#: a run of years (连续3年获评…, 连续N年保持…): its last year's value is always one less
_RUN_RE = re.compile(r"连续|持续|保持")


def pair_of(
    label: str,
    value: str,
    last: str | None,
    unit: str | None,
    magnitude: str | None = None,
    body: object = None,
) -> YearPair | None:
    """A :class:`YearPair` from a row's 数值 and 上年数值, ``None`` when either is missing or masked.

    ``magnitude`` is the row's 万/亿 when its unit column carried it (单位 ``万元``: the reader keeps
    ``元`` as the unit and ``万`` as the magnitude); ``body`` (who reports) sets the indicator's
    direction, hence the words (提高 or 上升)."""
    if not last or not value or "*" in last:
        return None
    try:
        this_v = parse_quantity(value, unit)
        if magnitude and not this_v.magnitude:
            this_v = with_magnitude(this_v, magnitude)
        last_v = parse_last(last, this_v, unit)
    except ValueError:
        return None
    bare = split_unit(unit)[1] if unit else None
    unit_of = bare or this_v.unit or last_v.unit
    if unit_of == "年" and _RUN_RE.search(label):
        return None  # 连续3年获评… against 2 last year: a run one year longer says nothing (blind read r59)
    good = direction(label, unit_class(unit_of), body).good
    return YearPair(label=label, this=this_v, last=last_v, unit=unit_of, good=good)


def comparison_for(row: object, body: object = None) -> Comparison | None:
    """The comparison of a metrics row (any object with label/value/unit/last), or ``None``; ``body``
    (who reports) chooses the words by the indicator's direction."""
    last = getattr(row, "last", None)
    pair = pair_of(
        getattr(row, "label", ""),
        str(getattr(row, "value", "") or ""),
        last,
        getattr(row, "unit", None),
        getattr(row, "magnitude", None),
        body,
    )
    if pair is None or (pair.undetermined and pair.this.exact != pair.last.exact):
        return None  # 2900余 against 2980: no direction can be said
    return compare_pair(pair)


def comparison_suffix(row: object, body: object = None) -> str:
    """``（较上年增加3次、同比增长37.5%）`` for a row with 上年数值, ``""`` otherwise."""
    cmp = comparison_for(row, body)
    return f"（{cmp.text}）" if cmp else ""


_CLAUSE_SPLIT_RE = re.compile(r"([，,；;。！？\n])")
_LAST_WORD_RE = re.compile(r"(?:去年|上年度|上一年|上年)(?!同期相比)")


def split_last_year(text: str) -> tuple[str, list[str]]:
    """Separate the clauses that state last year's figures (“去年18场”) from the rest of a message.

    One pass over the clauses (split at ，；。！？ and newlines): linear in the message's length.

    Returns:
        (the message without those clauses, the clauses); a clause without a digit stays in place.
    """
    last: list[str] = []
    text = to_arabic(text)  # 去年十八场 is a figure too
    parts = _CLAUSE_SPLIT_RE.split(text)
    for i in range(0, len(parts), 2):  # even items are clauses, odd ones their separators
        clause = parts[i]
        if _LAST_WORD_RE.search(clause) and re.search(r"\d", clause) and not CUE_RE.search(clause):
            last.append(clause)
            parts[i] = ""
    rest = "".join(parts)
    return re.sub(r"[，,]{2,}", "，", rest).strip("，, "), last


def _sentence_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in _SENT_END:
        i -= 1
    return i


#: the figure a comparison in brackets follows directly (检查1万辆次（较上年…）: any unit, even one the
#: unit list does not know)
_DIRECT_RE = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?P<mag>万|亿)?(?:余|多)?(?P<unit>[^\d，。；、（()）]{0,4})[（(]$"
)


def _anchor(text: str, cue_start: int) -> tuple[float | None, str | None]:
    """The figure a comparison refers to: the number its bracket follows, else the last number with a
    unit before it in its sentence (a merged sentence: 警示教育128次（…）、车辆检查1万辆次（较上年…）)."""
    start = _sentence_start(text, cue_start)
    opened = max(text.rfind("（", start, cue_start), text.rfind("(", start, cue_start))
    if opened >= 0 and max(text.rfind("）", opened, cue_start), text.rfind(")", opened, cue_start)) < 0:
        # a comparison inside a bracket is of the figure the bracket follows, the second of a pair too
        # (1052件次（较上年增加66件次、同比上升6.7%）: blind read r48's 网上信访 was read against its whole)
        cue_start = opened + 1
    direct = _DIRECT_RE.search(text, max(start, cue_start - 24), cue_start)
    if direct is not None:
        pv = parse_value(direct.group("num") + (direct.group("mag") or ""))
        return pv.number, direct.group("unit") or None
    found = list(_ANCHOR_RE.finditer(text, start, cue_start))
    if not found:
        return None, None
    m = found[-1]
    pv = parse_value(m.group("num") + (m.group("mag") or ""))
    return pv.number, m.group("unit")


def _candidates(text: str, cue_start: int, pairs: list[YearPair]) -> list[YearPair]:
    number, _unit = _anchor(text, cue_start)
    if number is not None:
        near = [p for p in pairs if abs(p.this.number - number) < 1e-9]
        if near:
            return near
    sentence = text[_sentence_start(text, cue_start) : cue_start]
    named = [p for p in pairs if p.label and p.label in sentence]  # 法律顾问覆盖率较上年下降
    return named or pairs


def _atom_ok(atom: re.Match[str], pair: YearPair) -> bool:
    if pair.approximate:
        return False
    this, last, diff, mag = _pair_figures(pair)
    up = atom.group("dir").rstrip("了") in _UP
    if diff == 0 or up != (diff > 0):
        return False
    written = Decimal(atom.group("num").replace(",", ""))
    places = -written.as_tuple().exponent if written.as_tuple().exponent < 0 else 0
    unit = atom.group("unit") or ""
    if unit in ("个百分点", "个千分点") or (pair.is_rate and unit not in ("%", "‰")):
        if unit and unit != _POINTS.get("‰" if pair.unit == "‰" else "%"):
            return False
        target = abs(diff)
    elif unit == "%" and not pair.is_rate:
        if last <= 0 or small_base(pair):
            return False  # no percentage on a small base: the difference only
        target = abs(diff) / last * 100
    elif unit == "%":  # a rate that “grew by x%”: only percentage points are derived
        return False
    else:
        if (atom.group("mag") or "") != mag:
            return False
        target = abs(diff)
    return target.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == written


def check_comparisons(text: str, pairs: list[YearPair]) -> list[Finding]:
    """Find every comparison phrase of ``text`` and recompute its figures from ``pairs``.

    Args:
        text: draft text (digits normalised to ASCII).
        pairs: the user's (this year, last year) values.

    Returns:
        One finding per comparison phrase (spans cover the derived numbers); ``ok`` is False and
        ``reason`` names the figure when a derived number (or 持平) does not follow from the values.
    """
    out: list[Finding] = []
    for cue in CUE_RE.finditer(text):
        atoms = []
        pos = cue.start()
        while True:
            m = ATOM_RE.match(text, pos)
            if not m:
                break
            atoms.append(m)
            pos = m.end()
        if not atoms:
            continue
        if out and cue.start() < out[-1].end:
            continue  # the cue was part of the previous phrase (、同比增长…)
        cands = _candidates(text, cue.start(), pairs)
        good = next((p for p in cands if all(_atom_ok(a, p) for a in atoms)), None)
        if good is not None:
            out.append(Finding(cue.start(), pos, True, derived=compare_pair(good).derived))
            continue
        bad = next((a for a in atoms if not any(_atom_ok(a, p) for p in cands)), atoms[-1])
        figure = bad.group(0).lstrip("、，, ")
        if cands:
            expected = "；".join(f"{p.label}：{compare_pair(p).text}" for p in cands[:2])
            reason = f"派生数字“{figure}”与用户数据算出的不符（应为 {expected}）"
            counts = [p for p in cands if not p.is_rate]
            if figure.endswith("%") and counts and all(small_base(p) for p in counts):
                reason = f"派生数字“{figure}”基数过小，不写百分比，只写增减数（应为 {expected}）"
        else:
            reason = f"派生数字“{figure}”无法由用户数据算出（没有上年数值）"
        out.append(Finding(cue.start(), pos, False, reason=reason))
    for m in FLAT_RE.finditer(text):
        cands = _candidates(text, m.start(), pairs)
        same = any(_pair_figures(p)[2] == 0 or (p.approximate and "基本" in m.group(0)) for p in cands)
        out.append(_worded(m, cands, not cands or same))
    for m in QUALITATIVE_RE.finditer(text):  # 较上年有所增加: no figure, but the direction is a fact too
        cands = _candidates(text, m.start(), pairs)
        up = m.group("dir") in _UP
        right = any(
            (_pair_figures(p)[2] > 0) == up
            and _pair_figures(p)[2] != 0
            and (m.group("how") != "明显" or is_marked(*_pair_figures(p)[:2], p.is_rate))
            and (
                m.group("how") != "有所"
                or not p.approximate
                or not is_marked(*_pair_figures(p)[:2], p.is_rate)
            )
            for p in cands
        )
        out.append(_worded(m, cands, not cands or right))
    return sorted(out, key=lambda f: f.start)


def _worded(m: re.Match[str], cands: list[YearPair], ok: bool) -> Finding:
    """A comparison stated in words (与上年持平, 较上年有所减少), checked against the values."""
    if ok:
        return Finding(m.start(), m.end(), True, derived=[])
    expected = "；".join(f"{p.label}：{compare_pair(p).text}" for p in cands[:2])
    return Finding(m.start(), m.end(), False, reason=f"“{m.group(0)}”与用户数据不符（应为 {expected}）")


def derived_in(text: str, pairs: list[YearPair]) -> list[Derived]:
    """The derived figures stated in ``text`` that recompute (for the appendix and the JSON)."""
    out: list[Derived] = []
    for finding in check_comparisons(text, pairs):
        if finding.ok and finding.derived:
            out.extend(finding.derived)
    return out
