"""Provenance audit (docs/slots.md): every number and place name in a draft must be the user's.

``audit(text, allowed)`` sweeps the text for Arabic numbers (full-width too), mask tokens
(``*``/``**``) and place names (平梁镇) and flags each one that does not trace to the user's
table, the user's free text, the report year (±1) or the whitelist of fixed forms (12·4, 3·15,
2021—2025 inside a 《》 title). ``guard_text`` replaces every such span by ``【待核实】``; it runs
on LLM output. Text inside ``【待补充：…】``/``【待确认】``/``【待核实】`` markers and heading
numbering (1. （1）) is not audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.draft.tables.compare import YearPair, check_comparisons, pair_of
from assistant.draft.tables.metrics import MetricRow
from assistant.ingest.slots import find_place_names
from assistant.lang.markers import MARKER_RE, UNVERIFIED
from assistant.lang.numbering import ARABIC_NUMBERING_RE
from assistant.lang.numerals import Number, canon, find_numbers
from assistant.lang.units import UNIT_PATTERN, normalize_digits, number_forms, parse_quantity, with_magnitude
from assistant.lang.vocab import fixed_expressions
from assistant.types import Flag

BOLD_RE = re.compile(r"(?<!\*)\*\*(?=[^*\s])[^*\n，,；;]{1,40}?(?<=[^*\s])\*\*(?!\*)")
NUMBER_RE = re.compile(
    r"(?P<festival>(?<![\d.])\d{1,2}·\d{1,2}(?![\d.]))"
    r"|(?P<range>(?<![\d.])\d{4}[—–\-－~～至]\d{4}(?![\d.]))"
    r"|(?P<mask>[*×]{1,6})"
)
_TAIL_RE = re.compile(rf"(?:万|亿)?(?:余|多)?(?:{UNIT_PATTERN}|年度|年|月|日|号)?(?:以上|左右)?")
_MASK_TAIL_RE = re.compile(
    rf"(?:万|亿)?(?:余|多)?(?:{UNIT_PATTERN}|街道|社区|省|市|州|县|区|乡|镇|村)?(?:（区）)?"
)
_SENTENCE_RE = re.compile(r"[^。！？；\n]*[。！？；]?")
GUARD_MARK = UNVERIFIED


#: characters before a place-like word that must stand with it in a label for it to be the user's words
_LABEL_CONTEXT = 4


@dataclass
class AllowedFacts:
    """What the user supplied: the only numbers and names a draft may contain.

    Attributes:
        numbers: digit strings that trace to the user (``"23"``, ``"2.3"``, ``"23000"``, ``"2023"``).
        names: place/org names of the user (``"汉阴县涧池镇"``, ``"涧池镇"``).
        year: the report year (its neighbours are allowed too).
        extra_text: user free text; a name that occurs in it is allowed.
        pairs: (this year, last year) values; a comparison figure (较上年增加3次) is accepted only
            when it recomputes from one of them (:mod:`assistant.draft.tables.compare`).
    """

    numbers: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    year: int | None = None
    extra_text: str = ""
    pairs: list[YearPair] = field(default_factory=list)
    labels: tuple[str, ...] = ()  # the user's 指标: a "place" that ends inside one is the label's words

    @classmethod
    def from_inputs(
        cls,
        rows: list[MetricRow],
        message: str = "",
        org: str | None = None,
        place: str | None = None,
        year: int | None = None,
    ) -> AllowedFacts:
        """Collect the allowed facts from the user's inputs.

        Args:
            rows: the user's metrics (every value in all its forms: ``2.3万`` → 2.3, 23000).
            message: free text the user typed (its numbers and names are allowed).
            org: the reporting body (``汉阴县司法局``).
            place: the place (``汉阴县涧池镇``).
            year: report year; year-1 and year+1 are allowed too.

        Returns:
            The allowed facts.
        """
        numbers: set[str] = set()
        for row in rows:
            try:
                pv = parse_quantity(row.value, row.unit)
                numbers |= number_forms(
                    with_magnitude(pv, row.magnitude) if row.magnitude and not pv.magnitude else pv
                )
            except ValueError:
                pass
            if row.number is not None:
                numbers |= number_forms(parse_quantity(row.number))
            if row.last and "*" not in row.last:  # 上年数值 is the user's too: …0起（上年2起）
                try:
                    lpv = parse_quantity(row.last, row.unit)
                    numbers |= number_forms(lpv)
                    # 上年 1 beside 0万辆次 reads 1万, as the pair does
                    if row.magnitude and not lpv.magnitude:
                        numbers |= number_forms(with_magnitude(lpv, row.magnitude))
                except ValueError:
                    pass
            # the user's labels are the user's words: 纳入“14+N”机制, 二十条措施
            numbers |= numbers_in(" ".join(x for x in (row.label, row.section or "", row.note or "") if x))
        notes = " ".join(r.note for r in rows if r.note)  # a 备注 written after its figure is the user's
        free = " ".join(x for x in (message, org or "", place or "", notes) if x)
        numbers |= numbers_in(free)
        if year:
            numbers |= {str(year - 1), str(year), str(year + 1)}
        names = {n for n in (org, place) if n}
        names |= {s.surface for s in find_place_names(free)}
        pairs = [p for p in (pair_of(r.label, r.value, r.last, r.unit, r.magnitude) for r in rows) if p]
        labels = tuple(r.label.strip() for r in rows if r.label and r.label.strip())
        return cls(numbers=numbers, names=names, year=year, extra_text=free, pairs=pairs, labels=labels)

    def in_label(self, text: str, start: int, end: int) -> bool:
        """Whether the span ``start:end`` of ``text`` ends inside one of the user's labels written
        there (完成|区委文件合法性审查: the verb before the label and the label's 区 are no place), or
        stands in the user's words with what precedes it (连续3年获评全省平安建设|优秀市: an honour's name in
        the label, r56)."""
        if any(text.startswith(label, k) for label in self.labels for k in range(start + 1, end) if label):
            return True
        # …however near the label's start it stands (青|杠坪村连续3年获评…: blind read r64, one letter of the
        # name before it)
        for k in range(1, _LABEL_CONTEXT + 1):
            said = text[max(0, start - k) : end]
            if len(said) > end - start and any(said in label for label in self.labels if label):
                return True
        return False

    def in_own_words(self, token: str) -> bool:
        """Whether a token is written in the user's own words (a label's “4·22”地球日, a message's
        2021—2025): a date or range the user wrote is the user's, whatever the whitelist says."""
        return any(token in normalize_digits(x) for x in (*self.labels, self.extra_text) if x)

    def allows(self, number: Number) -> bool:
        """Whether a figure of any script traces to the user (``三万二千`` for a row of 32000)."""
        return self.allows_number(number.digits + (number.magnitude or "")) or self.allows_number(
            canon(number.value)
        )

    def allows_number(self, token: str) -> bool:
        """Whether a digit string traces to the user (commas ignored)."""
        bare = token.replace(",", "")
        if bare in self.numbers or token in self.numbers:
            return True
        if "." in bare:
            return bare.rstrip("0").rstrip(".") in self.numbers
        return False

    def allows_name(self, name: str) -> bool:
        """Whether a place name is the user's (equal to, part of or containing a user name)."""
        if name in self.extra_text:
            return True
        return any(name in n or n in name for n in self.names)


def numbers_in(text: str) -> set[str]:
    """The figures of a text in every form they may be written again (Arabic or Chinese numerals)."""
    out: set[str] = set()
    for n in find_numbers(text):
        out |= {n.digits, canon(n.value)}
        if n.magnitude:
            out.add(n.digits + n.magnitude)
    return out


def _skip_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in MARKER_RE.finditer(text)]
    for m in BOLD_RE.finditer(text):  # Markdown **bold** delimiters are not masks
        spans += [(m.start(), m.start() + 2), (m.end() - 2, m.end())]
    spans += [m.span() for m in ARABIC_NUMBERING_RE.finditer(text)]
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _in_title(text: str, pos: int) -> bool:
    opened = text.rfind("《", 0, pos)
    return opened != -1 and text.rfind("》", 0, pos) < opened


def _sentence(text: str, pos: int) -> str:
    for m in _SENTENCE_RE.finditer(text):
        if m.start() <= pos < max(m.end(), m.start() + 1):
            return m.group(0).strip()
    return text.strip()


def _users_change(norm: str, start: int, end: int, allowed: AllowedFacts) -> bool:
    """Whether a comparison phrase is the user's own figure: its cue is the end of a label the user wrote
    (电信网络诈骗案件发案数同比下降 18.7%) and its numbers are the user's: given, not derived (blind read r37)."""
    own = any(
        0 <= (k := norm.rfind(label, 0, end)) < start <= k + len(label) for label in allowed.labels if label
    )
    numbers = re.findall(r"\d+(?:\.\d+)?", norm[start:end])
    return own and bool(numbers) and all(allowed.allows_number(n) for n in numbers)


def _findings(text: str, allowed: AllowedFacts) -> list[tuple[int, int, str]]:
    """``(start, end, reason)`` of every untraced span, ``end`` covering the unit."""
    norm = normalize_digits(text)
    skip = _skip_spans(norm)
    _, arabic_whitelist = fixed_expressions()
    found: list[tuple[int, int, str]] = []
    for cmp in check_comparisons(norm, allowed.pairs):  # derived figures: recomputed, never traced
        skip.append((cmp.start, cmp.end))
        if (
            not cmp.ok
            and norm[cmp.start : cmp.end] not in normalize_digits(allowed.extra_text)
            and not _users_change(norm, cmp.start, cmp.end, allowed)
        ):
            found.append((cmp.start, cmp.end, cmp.reason))
    special: list[tuple[int, int]] = []
    for m in NUMBER_RE.finditer(norm):
        a = m.start()
        special.append(m.span())
        if _inside(a, skip):
            continue
        token = m.group(0)
        if not m.group("mask") and allowed.in_own_words(token):
            continue
        if m.group("festival"):
            if token in arabic_whitelist:
                continue
        elif m.group("range"):
            canon_range = re.sub(r"[—–\-－~～至]", "—", token)
            if _in_title(norm, a) and canon_range in arabic_whitelist:
                continue
            if all(allowed.allows_number(y) for y in re.findall(r"\d{4}", token)):
                continue
        tail = (_MASK_TAIL_RE if m.group("mask") else _TAIL_RE).match(norm, m.end())
        if m.group("mask"):
            reason = f"占位符“{token}”无来源（样本中被隐去的内容，须由用户补充）"
        else:
            reason = f"数字“{text[m.start() : m.end()]}”无来源（不在用户数据、年份或白名单中）"
        found.append((a, tail.end() if tail else m.end(), reason))
    for n in find_numbers(norm):  # figures in any script: 23, 2.3万, 3万2千, 九百九十九, 二〇二三
        if _inside(n.start, skip) or _inside(n.start, special) or allowed.allows(n):
            continue
        tail = _TAIL_RE.match(norm, n.end)
        reason = f"数字“{text[n.start : n.end]}”无来源（不在用户数据、年份或白名单中）"
        found.append((n.start, tail.end() if tail else n.end, reason))
    taken = [(a, b) for a, b, _ in found]
    for slot in find_place_names(text, taken=list(taken)):
        if _inside(slot.start, skip) or allowed.allows_name(slot.surface):
            continue
        if allowed.in_label(text, slot.start, slot.end):
            continue
        found.append((slot.start, slot.end, f"地名“{slot.surface}”不是本单位的"))
    return sorted(found)


def audit(text: str, allowed: AllowedFacts) -> list[Flag]:
    """Flag every number, mask and place name that does not trace to the user.

    Args:
        text: draft text (Markdown or plain).
        allowed: the user's facts.

    Returns:
        One ``Flag`` per untraced span: ``text`` is the sentence, ``reason`` says what and why,
        e.g. ``数字“99”无来源（不在用户数据、年份或白名单中）`` or ``地名“平梁镇”不是本单位的``.
    """
    return [Flag(text=_sentence(text, a), reason=reason) for a, _, reason in _findings(text, allowed)]


def guard_text(text: str, allowed: AllowedFacts) -> tuple[str, list[Flag]]:
    """Replace each untraced number (with its unit) and each foreign place name by ``【待核实】``.

    Args:
        text: LLM output or any draft text.
        allowed: the user's facts.

    Returns:
        ``(cleaned text, flags)``; adjacent replaced spans collapse into one marker.
    """
    found = _findings(text, allowed)
    flags = [Flag(text=_sentence(text, a), reason=reason) for a, _, reason in found]
    merged: list[list[int]] = []
    for a, b, _ in found:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        out.append(text[pos:a])
        out.append(GUARD_MARK)
        pos = b
    out.append(text[pos:])
    return "".join(out), flags
