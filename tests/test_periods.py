"""Named periods that end: “八五”普法 and 《…（2021—2025年）》 are not cited as current past their span."""

from __future__ import annotations

import pytest

from assistant.draft.lint import expired_period
from assistant.lang.periods import current_periods, ended_campaigns, pufa_ordinal


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("结合“八五”普法，开展宣传。", 2026, "结合“九五”普法，开展宣传。"),
        ("结合“八五”普法，开展宣传。", 2025, "结合“八五”普法，开展宣传。"),
        ("深入实施八五普法规划。", 2031, "深入实施十五普法规划。"),
        ("认真落实《法治政府建设实施纲要（2021—2025年）》，扎实推进各项工作。", 2026, "扎实推进各项工作。"),
        ("扎实推进各项工作，认真落实《法治政府建设实施纲要（2021—2025年）》。", 2026, "扎实推进各项工作。"),
        ("认真落实《法治政府建设实施纲要（2021—2025年）》，扎实推进各项工作。", 2024, None),
        ("认真落实《法治政府建设实施纲要（2021—2025年）》。", 2026, ""),
        ("学习《习近平法治思想学习纲要》等。", 2030, None),
    ],
)
def test_current_periods(text: str, year: int, expected: str | None) -> None:
    out = current_periods(text, year)
    if expected is None:
        assert out == text
    elif expected == "":
        assert out is None
    else:
        assert out == expected


@pytest.mark.parametrize("year", range(1986, 2041))
def test_pufa_plan_in_force(year: int) -> None:
    """For every year and every earlier plan, the sentence names the plan whose span holds the year."""
    n = pufa_ordinal(year)
    assert 1986 + 5 * (n - 1) <= year <= 1986 + 5 * n - 1
    for old in range(1, n + 1):
        import cn2an

        out = current_periods(f"结合“{cn2an.an2cn(old)}五”普法，开展宣传。", year)
        assert out == f"结合“{cn2an.an2cn(n)}五”普法，开展宣传。"
        assert not expired_period(out, year)


def test_draft_of_2026_cites_no_ended_period(sample_settings) -> None:
    """A whole 2026 draft of each genre: no ended plan or titled span (the opening included)."""
    from assistant.draft.report import DraftRequest, draft_report

    for genre in ("法治政府建设年度报告", "工作总结", "述法报告"):
        draft = draft_report(DraftRequest(genre=genre, org="青阳县公安局", year=2026), sample_settings)
        texts = [draft.opening] + [p.text for sd in draft.sections for p in sd.paragraphs]
        assert "2021—2025" not in "".join(texts)
        assert not [d for t in texts for d in expired_period(t, 2026)], genre


@pytest.mark.parametrize("entry", range(len(ended_campaigns())))
def test_an_ended_campaign_is_never_current_work(entry):
    """Every entry of data/periods.yaml: its example, and the same text in its last year stays."""
    _, last, _, example = ended_campaigns()[entry]
    assert current_periods(example["before"], example["year"]) == example["after"]
    assert current_periods(example["before"], last) == example["before"]
