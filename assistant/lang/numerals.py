"""Numbers in any script: Arabic (full-width too), Chinese numerals and mixed forms.

``find_numbers(text)`` is the one scanner of figures for the audit, the reuse filter and the chat:
``23``, ``2.3万``, ``3万2千``, ``九百九十九``, ``三万二千``, ``两千``, ``二〇二三``, ``百分之九十五``.
The conversion of a Chinese numeral is cn2an's (smart mode), accepted only when the numeral reads
back the same way (``三四十``, ``两三``, ``七五`` are ranges or names, not figures).

Chinese numerals are also how Chinese writes words (一是, 十四五, 三重一大, 一把手, 一线,
第一责任人, 两个维护, 一站式, 四个全面). A Chinese numeral is a figure only when it counts something:
followed by a 量词 (九百九十九场), or number-shaped (a multiplier or 〇: 三万二千, 二〇二三年), and it is
a word when a structural rule says so (an ordinal 第X/其X, an enumeration 一是/二要, a bare 一 as the
article 一个/一次, a 《title》 or a short “slogan”, a congress or session 十九大/十三届) or when it lies
in an idiom of ``data/numerals.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources

import yaml

from assistant.lang.units import UNIT_PATTERN, normalize_digits

CN_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
CN_MULTIPLIERS = "十百千万亿拾佰仟廿"
_CN = CN_DIGITS + CN_MULTIPLIERS
CN_RUN = rf"[{_CN}](?:[{_CN}]|点(?=[{CN_DIGITS}]))*"
_ARABIC_RUN = (
    r"(?<![\d.,])\d+(?:,\d{3})*(?:\.\d+)?(?:(?:[万亿]|[十百千](?![伏瓦米克卡]))\d*(?:\.\d+)?)*(?![\d])"
)
_SCAN_RE = re.compile(rf"百分之(?P<pct>{CN_RUN}|\d+(?:\.\d+)?)|(?P<arabic>{_ARABIC_RUN})|(?P<cn>{CN_RUN})")
_UNIT_RE = re.compile(rf"(?:余|多)?(?:{UNIT_PATTERN})")
_PLAIN_ARABIC_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_NORMAL = str.maketrans(
    {"两": "二", "〇": "零", "壹": "一", "贰": "二", "叁": "三", "肆": "四", "伍": "五", "陆": "六"}
    | {"柒": "七", "捌": "八", "玖": "九", "拾": "十", "佰": "百", "仟": "千"}
)
_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
# Structural rules: what stands before or after a Chinese numeral that makes it a word.
_WORD_BEFORE = ("第", "其", "之", "初", "周", "星期", "礼拜", "农历", "老", "前")
_ORDINAL_LIST_RE = re.compile(r"(?:第|（|\()[一二三四五六七八九十]+[、）)]$")  # 第一、二轮；（十三）
_WORD_AFTER_SINGLE = re.compile(r"来|则|者|方面|手抓|不准|严禁|禁止|必须|坚持|到位|个(?:一|全面|代表)")
_WORD_AFTER_ANY = re.compile(
    r"是|要[，,、]|[）)]|期(?:[、，,。；]|项目|工程|扩建|等|规划|完成|启动|建设|提质)"
)
_WORD_AFTER_RUN = re.compile(
    r"大(?!于)|届|中全会|次全会|字方针|字|周年|世纪|年代|运会|国集团|位数|次产业|期工程|轮延包|轮土地|个方面|项原则|项基本原则"
    r"|项(?:[和、及与][^，。；]{0,8})?规定"
)
_SESSION_RE = re.compile(r"次")  # 十三届全国人大四次会议, 十一届九次全会: a session, not a count


@dataclass(frozen=True)
class Number:
    """One figure in a text.

    Attributes:
        start, end: the span of the numeral (magnitude 万/亿 included, 量词 not).
        value: the value with the magnitude applied (``2.3万`` → 23000).
        digits: the numeral in Arabic digits without the magnitude (``"2.3"``, ``"999"``).
        magnitude: ``万``/``亿`` when written after Arabic digits (``2.3万``), else ``None``.
        script: ``arabic``, ``mixed`` (``3万2千``) or ``chinese``.
    """

    start: int
    end: int
    value: Decimal
    digits: str
    magnitude: str | None
    script: str


def canon(value: Decimal) -> str:
    """A value as plain digits: ``32000``, ``2.5``, ``0.5`` (no exponent, no trailing zeros)."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@functools.cache
def _cn2an():
    import cn2an  # imported on first use: ~0.15 s

    return cn2an


def cn_value(run: str) -> Decimal | None:
    """The value of a Chinese (or mixed Arabic-Chinese) numeral, ``None`` when it is not one.

    ``九百九十九`` → 999, ``两千`` → 2000, ``3万2千`` → 32000, ``二〇二三`` → 2023, ``一点五`` → 1.5;
    ``三四十``, ``两三``, ``十四五``, ``七五`` → ``None`` (a range, a plan's name, a slogan).
    """
    run = normalize_digits(run)
    if not run:
        return None
    if re.search(r"\d", run):  # mixed: 3万2千, 5千, 2.3万
        if not re.fullmatch(r"\d+(?:\.\d+)?(?:[十百千万亿]\d*(?:\.\d+)?)+", run):
            return None
        try:
            return Decimal(str(_cn2an().cn2an(run, "smart")))
        except (ValueError, KeyError, IndexError, InvalidOperation):
            return None
    norm = run.translate(_NORMAL)
    if "廿" in norm:
        norm = norm.replace("廿", "二十")
    if all(c in _DIGIT_VALUE for c in norm):  # 二〇二三 read digit by digit; 三五, 七五 are not figures
        if len(norm) == 1:
            return Decimal(_DIGIT_VALUE[norm])
        if "零" in norm[1:] and norm[0] != "零" or len(norm) == 4:
            return Decimal("".join(str(_DIGIT_VALUE[c]) for c in norm))
        return None
    try:
        value = _cn2an().cn2an(norm, "smart")
        back = _cn2an().an2cn(value, "low")
    except (ValueError, KeyError, IndexError, InvalidOperation):
        return None
    if back != norm and back != norm.removeprefix("一") and "一" + back != norm:
        return None
    return Decimal(str(value))


@functools.cache
def idioms() -> tuple[str, ...]:
    """Expressions with Chinese numerals that are words (四个全面, 三重一大 …), longest first."""
    from assistant.lang.vocab import fixed_expressions

    data = yaml.safe_load(resources.files("assistant.data").joinpath("numerals.yaml").read_text("utf-8"))
    words = set(data.get("idioms", [])) | {w.strip("“”") for w in fixed_expressions()[0]}
    return tuple(sorted(words, key=len, reverse=True))


@functools.cache
def _idiom_re() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, idioms())))


def _quoted(text: str, a: int, b: int) -> bool:
    """Inside a 《title》 or a short “slogan”."""
    for left, right, most in (("《", "》", 80), ("“", "”", 12), ("\u201c", "\u201d", 12), ('"', '"', 12)):
        opened = text.rfind(left, max(0, a - most), a)
        if opened != -1 and text.rfind(right, opened + 1, a) == -1:
            closed = text.find(right, b, b + most)
            if closed != -1 and closed - opened <= most:
                return True
    return False


def _chinese_is_figure(text: str, a: int, b: int, idiom_spans: list[tuple[int, int]]) -> bool:
    run = text[a:b]
    if any(x <= a and b <= y for x, y in idiom_spans):
        return False
    before = text[max(0, a - 8) : a]
    if before.endswith(_WORD_BEFORE) or _ORDINAL_LIST_RE.search(before) or _quoted(text, a, b):
        return False
    line = text[text.rfind("\n", 0, a) + 1 : a]
    if text[b : b + 1] in ("、", "．", ".") and not line.strip(" \t#*>　"):
        return False  # heading numbering: 十三、
    if _WORD_AFTER_ANY.match(text, b):
        return False  # 十二是, （十三）, 二期工程
    unit = _UNIT_RE.match(text, b)
    single = len(run) == 1
    if single and run in "一壹零〇":
        return False  # the article (一个, 一次, 一批) and 零 (零部件, 零发生)
    if single and _WORD_AFTER_SINGLE.match(text, b):
        return False  # 一是, 二要, 两手抓
    if _WORD_AFTER_RUN.match(text, b):
        return False  # 十九大, 十三届, 二十四字
    if _SESSION_RE.match(text, b) and "届" in text[max(0, a - 12) : a]:
        return False
    if unit:
        return True
    if single:
        return False  # 三农, 五级书记
    return bool(set(run) & set(CN_MULTIPLIERS + "〇零")) or text.startswith("年", b)


def find_numbers(text: str) -> list[Number]:
    """Every figure of ``text`` in any script, in order (see the module rules for Chinese numerals).

    Args:
        text: any text; full-width digits are read as ASCII.

    Returns:
        The figures; Chinese numerals that are words (一是, 十四五, 四个全面 …) are not among them.
    """
    norm = normalize_digits(text)
    idiom_spans = [m.span() for m in _idiom_re().finditer(norm)] if idioms() else []
    out: list[Number] = []
    for m in _SCAN_RE.finditer(norm):
        if m.group("pct") is not None:
            a, b = m.span("pct")
            raw = m.group("pct")
            value = Decimal(raw) if raw[0].isdigit() else cn_value(raw)
            if value is not None:
                out.append(Number(m.start(), b, value, canon(value), None, "chinese"))
            continue
        a, b = m.span()
        raw = m.group(0)
        if m.group("arabic") is not None:
            plain = _PLAIN_ARABIC_RE.fullmatch(raw)
            if plain:
                digits = raw.replace(",", "")
                out.append(Number(a, b, Decimal(digits), digits, None, "arabic"))
                continue
            core = _PLAIN_ARABIC_RE.fullmatch(raw[:-1])
            if core and raw[-1] in "万亿":  # 2.3万: digits 2.3, magnitude 万
                digits = raw[:-1].replace(",", "")
                scale = Decimal(10000) if raw[-1] == "万" else Decimal(100000000)
                out.append(Number(a, b, Decimal(digits) * scale, digits, raw[-1], "arabic"))
                continue
            value = cn_value(raw)
            if value is None:  # 2023十 or similar: the Arabic part alone
                lead = _PLAIN_ARABIC_RE.match(raw)
                if lead:
                    digits = lead.group(0).replace(",", "")
                    out.append(Number(a, a + lead.end(), Decimal(digits), digits, None, "arabic"))
                continue
            out.append(Number(a, b, value, canon(value), None, "mixed"))
            continue
        value = cn_value(raw)
        if value is None or not _chinese_is_figure(norm, a, b, idiom_spans):
            continue
        out.append(Number(a, b, value, canon(value), None, "chinese"))
    return out


def to_arabic(text: str) -> str:
    """``text`` with every Chinese or mixed figure written in Arabic digits (今年开展二十三场 → 今年开展23场).

    Arabic figures, words (一是, 十四五) and everything else are left as they are; offsets change.
    """
    out, pos = [], 0
    for n in find_numbers(text):
        if n.script == "arabic":
            continue
        start = n.start + 3 if text.startswith("百分之", n.start) else n.start
        out.append(text[pos : n.start])
        out.append(canon(n.value))
        if start != n.start:  # 百分之九十五 → 95%
            out.append("%")
        pos = n.end
    out.append(text[pos:])
    return "".join(out)
