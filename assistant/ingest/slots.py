"""Find the body-specific facts in a passage: metric, name and claim slots (docs/slots.md).

``find_slots(text)`` is the one entry point. Metric slots are numbers (real or masked ``*``/``**``)
followed by an optional 万/亿, an optional 余/多 and a 量词; their label is the clause back to the
nearest boundary, with verb distribution over 、-series, compound values and number-first phrases.
Name slots are masks that are not numbers plus unmasked place names (``平梁镇``); claim slots are
未发生/没有…/全覆盖 style assertions. Years, dates, document numbers, article numbers, festival
dates and Chinese-numeral fixed expressions are never metric slots.
"""

from __future__ import annotations

import copy
import functools
import re

from assistant.lang.numbering import NUMBERING_PATTERN
from assistant.lang.numerals import CN_RUN, canon, find_numbers
from assistant.lang.units import (  # noqa: F401 - UNIT_PATTERN is re-exported
    APPROX_BEFORE,
    APPROX_INSIDE,
    MAGNITUDES,
    SCALES,
    UNIT_PATTERN,
    normalize_digits,
    to_number,
    unit_class,
)
from assistant.lang.vocab import classify, leading_verb, name_stopwords
from assistant.lang.words import crosses_start, not_a_place
from assistant.types import Slot

METRIC_RE = re.compile(
    rf"(?P<pre>累计|共计|共|{'|'.join(APPROX_BEFORE)}|达到|达)?"
    r"(?P<num>(?<![\d.,])\d+(?:,\d{3})*(?:\.\d+)?|(?<![*×])[*×]{1,3}(?![*×])"
    rf"|(?<![\d.,])\d+(?:\.\d+)?(?:[十百千万亿]\d*)+|{CN_RUN})"  # 3万2千, 九百九十九 (lang/numerals)
    rf"(?P<mag>万|亿)?(?P<approx>{'|'.join(APPROX_INSIDE)})?"
    rf"(?P<unit>{UNIT_PATTERN})"
    r"(?P<post>以上|左右)?"
)
_PLAIN_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
MASK_RE = re.compile(r"(?<![*×])[*×]{1,3}(?![*×])")
_ADMIN_SUFFIX = r"街道|社区|省|市|州|县|区|乡|镇|村"
_MASK_SUFFIX_RE = re.compile(rf"(?:{_ADMIN_SUFFIX})(?:（区）|\(区\))?")
NAME_RE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2})"
    r"(?P<suffix>街道|社区(?!矫正|戒毒|康复|服务|治理|工作|网格)|省(?!级|份|略)|市(?!场|民|值|政|级)"
    r"|州(?!级)|县(?!域|级|直)|区(?!域|别|分|间|级)|乡(?!镇|村|贤|土|亲|级)|镇(?!村|街|级)"
    r"|村(?!民|级|庄|落|居|组|委|务))"
)
# Province-level regions by their short names: a provincial report's 云南实践, 建设美丽浙江 name a place
# though no 省 follows (the full names are caught by NAME_RE or here with their suffix).
PROVINCES = (
    "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 "
    "海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门 台湾"
).split()
PROVINCE_RE = re.compile(
    rf"(?:{'|'.join(sorted(PROVINCES, key=len, reverse=True))})"
    r"(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)?"
)
CLAIM_RE = re.compile(
    r"未发生|没有发生|(?<!还)没有|零发生|全覆盖|全部整改到位|均合格|全部完成|全部履行|全部及时|100%覆盖"
    # an inspection that happened that year (blind reads r10, r11: 中央巡视反馈问题整改 as every body's work)
    r"|(?:中央|省委|市委|州委|县委|区委)?巡(?:视|察)反馈(?:问题|意见)?(?:的)?整改"
    # how often another body did something (机关每年开展一次法律知识考试: r9, r12); a rule's 至少 is no claim
    r"|每(?:年|季度|半年|月|周)(?!至少)[^，。；至]{0,12}?[一两二三四五六]次"
)
_BOUNDARY = set("，。；：！？\n,;:!?")
_SENTENCE_END = set("。；！？\n;!?")
_SEPARATORS = ("以及", "、", "及", "和", "与", "并")
_LEAD_RE = re.compile(
    r"^(?:其中|同时|此外|另外|年内|全年|今年以来|截至目前|截至|目前|"
    r"\d{4}年(?:以来|度|内)?|[一二三四五六七八九十]+是|"
    rf"{NUMBERING_PATTERN}|##paid(?:begin|end)##)+"
)
_PAID_RE = re.compile(r"##paid(?:begin|end)##")
_TITLE_OPEN, _TITLE_CLOSE = "《", "》"
_NAME_STOP_CHARS = set(
    "全本我各该此每其他某所哪的了和与及在于向对为把被将从由等、一二三四五六七八九十两几多个级类项"
    "下进入到送治管辖属社城农乡镇县区市村街州省道委会中内外上大小新老联"
)
_SCOPE_PREPS = ("向", "为", "对", "给")
_ORDINAL_UNITS = {"轮", "次", "批", "期", "届"}


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in _BOUNDARY:
        i -= 1
    return i


def _clause_end(text: str, pos: int, limit: int | None = None) -> int:
    i = pos
    stop = len(text) if limit is None else min(len(text), pos + limit)
    while i < stop and text[i] not in _BOUNDARY:
        i += 1
    return i


def _in_title(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a 《…》 title (searching back within the sentence)."""
    i = pos - 1
    while i >= 0 and text[i] not in _SENTENCE_END:
        if text[i] == _TITLE_CLOSE:
            return False
        if text[i] == _TITLE_OPEN:
            return True
        i -= 1
    return False


def _clean_label(raw: str) -> str:
    raw = _PAID_RE.sub("", raw).strip()
    raw = _LEAD_RE.sub("", raw)
    return raw.strip(" \t、")


def _metric_slots(text: str, norm: str) -> list[Slot]:
    slots: list[Slot] = []
    pre_starts: list[int] = []
    figures = None  # Chinese and mixed figures, found once per text when a numeral is met
    for m in METRIC_RE.finditer(norm):
        num, unit = m.group("num"), m.group("unit")
        pre = m.group("pre")
        start_num = m.start("num")
        worded = None
        if not (_PLAIN_RE.fullmatch(num) or num[0] in "*×"):
            if figures is None:
                figures = {(n.start, n.end): n for n in find_numbers(norm) if n.script != "arabic"}
            worded = figures.get((start_num, m.end("num")))
            if worded is None:
                continue  # a word (一是, 两个维护, 第一) or not a figure
            if m.group("mag"):
                continue
        span_start = m.start() if pre else start_num
        before = norm[span_start - 1] if span_start > 0 else ""
        masked = num[0] in "*×"
        role = "count"
        if before == "第" or (pre is None and norm[max(0, start_num - 1)] == "第"):
            if unit not in _ORDINAL_UNITS:
                continue
            role = "ordinal"
        if _in_title(norm, start_num):
            continue
        if unit == "%" or unit == "个百分点":
            role = "rate"
            if pre is None and before == "为":
                pre = "为"
        elif role != "ordinal" and before in _SCOPE_PREPS:
            role = "scope"
        mag = m.group("mag")
        if mag and unit in ("元",):
            unit = mag + unit
            mag = None
        approx = m.group("approx")
        qualifier = approx or pre or m.group("post")
        value = None if masked else num.replace(",", "")
        number = None if masked else to_number(num, mag) if worded is None else float(worded.value)
        if worded is not None:
            value = canon(worded.value)
            if num[-1] in MAGNITUDES and unit == "元":  # 五十万元 reads like 50万元
                value, unit = canon(worded.value / SCALES[num[-1]]), num[-1] + unit
                number = float(worded.value / SCALES[num[-1]])
        end = m.end("unit")
        slots.append(
            Slot(
                slot_type="metric",
                label="",
                value=value,
                unit=unit,
                masked=masked,
                start=start_num,
                end=end,
                number=number,
                unit_class=unit_class(unit),
                qualifier=qualifier,
                magnitude=mag if mag in MAGNITUDES else None,
                role=role,
                surface=text[start_num:end],
            )
        )
        pre_starts.append(span_start)
    _label_metrics(text, slots, pre_starts)
    return slots


def _label_metrics(text: str, slots: list[Slot], pre_starts: list[int]) -> None:
    """Fill ``label`` and ``kind`` of metric slots in text order (docs/slots.md).

    ``pre_starts[i]`` is where slot ``i`` begins including a leading qualifier (达/共计 …).
    """
    prev: Slot | None = None
    for s, pre_start in zip(slots, pre_starts, strict=True):
        cs = _clause_start(text, pre_start)
        if s.role == "rate" and s.qualifier == "为":
            pre_start -= 1
        same_clause = prev is not None and prev.end > cs
        if same_clause and prev is not None:
            gap = text[prev.end : pre_start]
            if gap in ("", "以上", "左右"):  # compound value: *场*余人次
                s.label = prev.label
                prev = s
                s.kind = classify(s.label, s.unit) or classify("覆盖" + s.label, s.unit)
                continue
            raw = text[prev.end : pre_start]
            sep = next((p for p in _SEPARATORS if raw.startswith(p)), None)
            label = _clean_label(raw[len(sep) :] if sep else raw)
            if not label and sep:
                label = prev.label
            elif sep and prev.label and not leading_verb(label):
                verb = leading_verb(prev.label)
                if verb:
                    label = verb + label
        else:
            label = _clean_label(text[cs:pre_start])
        if s.role == "rate" and "率" in label:
            label = label[: label.rindex("率") + 1]
        if s.role == "scope" or not label:
            obj_end = _clause_end(text, s.end, 14)
            obj = _PAID_RE.sub("", text[s.end : obj_end])
            label = label + obj if s.role == "scope" else obj.strip()
        s.label = label
        s.kind = classify(label, s.unit)
        prev = s


def _name_slots(text: str, norm: str, taken: list[tuple[int, int]]) -> list[Slot]:
    slots: list[Slot] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in MASK_RE.finditer(norm):
        a, b = m.span()
        if (
            not free(a, b)
            or (a > 0 and norm[a - 1] in "第0123456789")
            or norm[b : b + 1] in ("年", "月", "日")
        ):
            continue
        suf = _MASK_SUFFIX_RE.match(norm, b)
        end = suf.end() if suf else b
        suffix = (
            suf.group(0)[:2]
            if suf and suf.group(0).startswith(("街道", "社区"))
            else (suf.group(0)[:1] if suf else "")
        )
        label = f"{suffix}名称" if suffix else "单位名称"
        slots.append(
            Slot(
                slot_type="name",
                label=label,
                value=None,
                unit=None,
                masked=True,
                start=a,
                end=end,
                surface=text[a:end],
            )
        )
        taken.append((a, end))
    slots.extend(find_place_names(text, taken))
    return slots


def find_place_names(text: str, taken: list[tuple[int, int]] | None = None) -> list[Slot]:
    """Unmasked place names such as ``平梁镇``: two Han characters + an admin suffix.

    Generic words (全县, 我乡, 城乡, 依法治县, 社区矫正 …) are excluded by a stop list.

    Args:
        text: passage text.
        taken: spans already claimed by other slots (skipped).

    Returns:
        Name slots (``masked=False``, ``value`` = the name, label ``镇名称`` …).
    """
    claimed = list(taken or [])  # the caller's spans, then each name found here
    out: list[Slot] = []
    for m in NAME_RE.finditer(text):
        name, suffix = m.group("name"), m.group("suffix")
        if any(c in _NAME_STOP_CHARS for c in name) or name in name_stopwords():
            continue
        a, b = m.span()
        if any(not (b <= x or a >= y) for x, y in claimed):
            continue
        if not_a_place(text, a, m.start("suffix"), b):
            continue  # 修订村规民约, 提升街道: a verb's object or a longer word, not a place
        out.append(
            Slot(
                slot_type="name",
                label=f"{suffix}名称",
                value=name + suffix,
                unit=None,
                masked=False,
                start=a,
                end=b,
                surface=text[a:b],
            )
        )
        claimed.append((a, b))
    for m in PROVINCE_RE.finditer(text):
        a, b = m.span()
        if (
            any(not (b <= x or a >= y) for x, y in claimed)
            or crosses_start(text, a)
            or crosses_start(text, b)
        ):
            continue  # 幸福|建设, 浙江|西部, 洞庭湖|北岸: inside another word
        out.append(
            Slot(
                slot_type="name", label="省名称", value=m.group(0), unit=None, masked=False, start=a, end=b,
                surface=m.group(0),
            )
        )  # fmt: skip
    out.sort(key=lambda s: s.start)
    return out


def _claim_slots(text: str) -> list[Slot]:
    out: list[Slot] = []
    seen: set[int] = set()
    for m in CLAIM_RE.finditer(text):
        a = _clause_start(text, m.start())
        if a in seen:
            continue
        seen.add(a)
        b = _clause_end(text, m.end())
        label = _clean_label(text[a:b])
        out.append(
            Slot(
                slot_type="claim",
                label=label,
                value=None,
                unit=None,
                masked=False,
                start=a,
                end=b,
                surface=text[a:b],
                role="claim",
            )
        )
    return out


def find_slots(text: str) -> list[Slot]:
    """All slots of a passage, sorted by offset.

    Args:
        text: passage (or whole document) text; full-width digits are accepted.

    Returns:
        Metric slots (``slot_type="metric"``), name slots (``"name"``) and claim slots
        (``"claim"``), with ``start``/``end`` offsets into ``text``.
    """
    if len(text) > _CACHED_CHARS:
        return _find_slots(text)
    return [copy.copy(s) for s in _find_slots_cached(text)]  # drafting parses the same passages again


_CACHED_CHARS = 2000


@functools.lru_cache(maxsize=8192)
def _find_slots_cached(text: str) -> tuple[Slot, ...]:
    return tuple(_find_slots(text))


def _find_slots(text: str) -> list[Slot]:
    norm = normalize_digits(text)
    metrics = _metric_slots(text, norm)
    taken = [(s.start, s.end) for s in metrics]
    names = _name_slots(text, norm, taken)
    claims = _claim_slots(norm)
    for c in claims:
        c.surface = text[c.start : c.end]
    return sorted(metrics + names + claims, key=lambda s: (s.start, s.slot_type))


def metric_slots(text: str) -> list[Slot]:
    """Only the metric slots of ``text`` (ordinals included, role ``ordinal``).

    Args:
        text: passage text.

    Returns:
        Metric slots in text order.
    """
    return [s for s in find_slots(text) if s.slot_type == "metric"]
