"""Named periods that end: a report of a later year never cites one as current.

Two kinds of period occur in reused sentences:

- a document title with its span, 《法治政府建设实施纲要（2021—2025年）》: past its last year the
  clause citing it is left out (the sentence is dropped when nothing else is left);
- the five-year 普法 plans, counted from the first (1986—1990): “八五”普法 is 2021—2025, so a 2026
  report says “九五”普法 (the plan in force that year);
- campaigns and education drives that ended (``data/periods.yaml``: 扫黑除恶专项斗争 became 常态化扫黑除恶斗争
  after 2020, 党史学习教育 ran in 2021): a later report says the standing form or leaves the clause out.

Used by the sentence filler (every reused sentence) and by the opening of a draft.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import cn2an
import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "periods.yaml"

_TITLE_SPAN_RE = re.compile(
    r"《[^《》]{0,60}?[（(](?:19|20)\d\d[—－\-~～至](?P<end>(?:19|20)\d\d)年?[）)][^《》]{0,10}》"
)
_PUFA_RE = re.compile(
    r"(?P<q1>[“\"]?)(?P<n>[一二三四五六七八九十]{1,3})五(?P<q2>[”\"]?)(?=普法|规划期间的?普法|时期普法)"
)
_CLAUSE_SEPS = "，；"
PUFA_FIRST_YEAR = 1986


@functools.cache
def ended_campaigns() -> tuple[tuple[re.Pattern[str], int, str | None, dict[str, Any]], ...]:
    """(pattern, last year, replacement or None, example) of every ended campaign of ``data/periods.yaml``."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))["ended"]
    return tuple((re.compile(e["pattern"]), int(e["last"]), e.get("repl"), e["example"]) for e in raw)


def pufa_ordinal(year: int) -> int:
    """The five-year 普法 plan in force in ``year`` (1 for 1986—1990, 8 for 2021—2025)."""
    return (year - PUFA_FIRST_YEAR) // 5 + 1


def _cn(n: int) -> str:
    return str(cn2an.an2cn(n))


def _drop_clause(text: str, start: int, end: int) -> str | None:
    """``text`` without the clause holding ``text[start:end]``; ``None`` when that clause is all of it."""
    left = max(text.rfind(c, 0, start) for c in _CLAUSE_SEPS)
    rights = [i for i in (text.find(c, end) for c in _CLAUSE_SEPS) if i != -1]
    right = min(rights) if rights else -1
    if left == -1 and right == -1:
        return None
    if right == -1:  # the last clause: keep the sentence's end mark
        tail = text.rstrip()[-1:] if text.rstrip()[-1:] in "。！？" else ""
        return text[:left] + tail
    if left == -1:
        return text[right + 1 :]
    return text[:left] + text[right:]


def current_periods(text: str, year: int | None) -> str | None:
    """``text`` as a report of ``year`` may say it: an ended 普法 plan becomes the one in force, a
    clause citing a title whose span ended is left out. ``None``: the sentence is only that citation.

    >>> current_periods("结合“八五”普法，开展宣传。", 2026)
    '结合“九五”普法，开展宣传。'
    >>> current_periods("认真落实《法治政府建设实施纲要（2021—2025年）》，扎实推进各项工作。", 2026)
    '扎实推进各项工作。'
    """
    if not year or not text:
        return text
    out = text
    while True:
        m = next((m for m in _TITLE_SPAN_RE.finditer(out) if int(m.group("end")) < year), None)
        if m is None:
            break
        cut = _drop_clause(out, m.start(), m.end())
        if cut is None or not cut.strip("，；。 "):
            return None
        out = cut

    for pattern, last, repl, _ in ended_campaigns():
        if last >= year:
            continue
        if repl is not None:
            out = pattern.sub(repl, out)
            continue
        while m := pattern.search(out):
            cut = _drop_clause(out, m.start(), m.end())
            if cut is None or not cut.strip("，；。 "):
                return None
            out = cut

    def pufa(m: re.Match[str]) -> str:
        try:
            n = int(cn2an.cn2an(m.group("n") + "", "strict"))
        except ValueError:
            return m.group(0)
        end = PUFA_FIRST_YEAR + 5 * n - 1
        if end >= year:
            return m.group(0)
        return f"{m.group('q1')}{_cn(pufa_ordinal(year))}五{m.group('q2')}"

    return _PUFA_RE.sub(pufa, out)
