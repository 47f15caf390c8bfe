"""The draft never refuses itself (issue 18 item 1): a property test over generated metrics tables.

Every generated table (tests/table_gen.py: every unit class, magnitudes 0..10^9, decimals,
approximations 余/多/约, zeros, Chinese numerals, with and without 上年数值, labels with digits and
punctuation), drafted for one of five bodies and one of the three genres over the five samples,
exports to .md and .docx without an AuditError, and every comparison phrase of the draft is found
and recomputed by the audit from the user's values.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from table_gen import tables

from assistant.draft.report import DraftRequest, draft_report
from assistant.draft.tables.compare import CUE_RE, FLAT_RE, check_comparisons, pair_of
from assistant.draft.tables.metrics import rows_from_records
from assistant.export.save import draft_public, save_draft
from assistant.lang.units import normalize_digits

_FORMULA_RE = re.compile(
    r"^(?P<res>[\d.]+)(?P<rmag>万|亿)?(?P<runit>%|个百分点|个千分点)? = "
    r"(?P<a>[\d.]+)(?P<amag>万|亿)?[%‰]? (?P<op>[−÷]) (?P<b>[\d.]+)(?P<bmag>万|亿)?[%‰]?$"
)


def _formula_holds(formula: str) -> bool:
    """``3 = 11 − 8``, ``27.8% = 0.5万 ÷ 1.8万``, ``2.5个百分点 = 98.5% − 96%`` recompute."""
    m = _FORMULA_RE.match(formula)
    assert m, formula
    res, a, b = Decimal(m.group("res")), Decimal(m.group("a")), Decimal(m.group("b"))
    exact = a - b if m.group("op") == "−" else a / b * 100
    places = -res.as_tuple().exponent if res.as_tuple().exponent < 0 else 0
    return abs(exact).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == res or (
        m.group("op") == "−" and abs(exact - res) <= Decimal("0.01")
    )


def check_table(table, sample_settings, out) -> None:
    org, genre, records = table
    rows = rows_from_records(records)  # the generator writes only valid tables
    request = DraftRequest(genre=genre, rows=rows, org=org, year=2024)
    draft = draft_report(request, sample_settings)
    save_draft(draft, request, out / "d.md")  # raises AuditError on any refusal
    save_draft(draft, request, out / "d.docx")
    data = draft_public(draft)
    body = normalize_digits(data["markdown"].split("\n---\n")[0])
    pairs = [p for p in (pair_of(r.label, r.value, r.last, r.unit, r.magnitude) for r in rows) if p]
    findings = check_comparisons(body, pairs)
    assert all(f.ok for f in findings), [f.reason for f in findings if not f.ok]
    cues = {m.start() for m in CUE_RE.finditer(body)} | {m.start() for m in FLAT_RE.finditer(body)}
    covered = [(f.start, f.end) for f in findings]
    assert all(
        any(a <= c < b for a, b in covered) for c in cues if re.match(r"较上年|同比|与上年", body[c:])
    ), "a comparison the audit did not recompute"
    for d in data["derived"]:
        assert _formula_holds(d["formula"]), d


_COMMON = dict(
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@settings(max_examples=200, **_COMMON)
@given(table=tables())
def test_generated_tables_export_and_recompute(table, sample_settings, tmp_path_factory):
    check_table(table, sample_settings, tmp_path_factory.mktemp("values"))


@pytest.mark.slow
@settings(max_examples=1000, **_COMMON)
@given(table=tables())
def test_generated_tables_export_and_recompute_large(table, sample_settings, tmp_path_factory):
    check_table(table, sample_settings, tmp_path_factory.mktemp("values-large"))
