"""Year-over-year comparisons: computed by code, checked by the audit, in the general draft and the chat."""

from __future__ import annotations

import re

import pytest

from assistant.draft.audit.guard import AllowedFacts, audit, guard_text
from assistant.draft.tables.compare import comparison_for, split_last_year
from assistant.draft.tables.metrics import MetricsError, rows_from_records


def _row(value: str, last: str, unit: str = "次", label: str = "普法宣传"):
    return rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last}])[0]


@pytest.mark.parametrize(
    ("value", "last", "unit", "text", "formulas"),
    [
        ("33", "24", "次", "较上年增加9次、同比增长37.5%", ["9 = 33 − 24", "37.5% = 9 ÷ 24"]),
        ("18", "24", "件", "较上年减少6件、同比下降25.0%", ["6 = 24 − 18", "25.0% = 6 ÷ 24"]),
        # a small base: the difference only (last year under 10, or a change of 1 or 2)
        ("11", "8", "次", "较上年增加3次", ["3 = 11 − 8"]),
        ("6", "8", "件", "较上年减少2件", ["2 = 8 − 6"]),
        ("2", "1", "件", "较上年增加1件", ["1 = 2 − 1"]),
        ("6", "5", "人", "较上年增加1人", ["1 = 6 − 5"]),
        ("1002", "1000", "人次", "较上年增加2人次", ["2 = 1002 − 1000"]),
        ("13", "10", "件", "较上年增加3件、同比增长30.0%", ["3 = 13 − 10", "30.0% = 3 ÷ 10"]),
        ("8", "8", "次", "与上年持平", []),
        ("5", "0", "件", "较上年增加5件", ["5 = 5 − 0"]),
        ("1200", "1000余", "名", "较上年有所增加", []),
        ("约50", "60", "人", "较上年有所减少", []),
        ("98.5%", "96%", "%", "较上年提高2.5个百分点", ["2.5个百分点 = 98.5% − 96%"]),
        (
            "2.3万",
            "1.8万",
            "人次",
            "较上年增加0.5万人次",  # each ±0.05万: a percentage would be off by 5.6 points (r27)
            ["0.5万 = 2.3万 − 1.8万"],
        ),
        ("7", "3", "次", "较上年增加4次", ["4 = 7 − 3"]),
        ("37", "13", "次", "较上年增加24次、同比增长184.6%", ["24 = 37 − 13", "184.6% = 24 ÷ 13"]),
        # 万/亿 applied before the rule: 9.8万元 is no small base
        (
            "12.6万",
            "9.8万",
            "元",
            "较上年增加2.8万元、同比增长28.6%",  # each ±0.05万: 28.6% is off by a point at most
            ["2.8万 = 12.6万 − 9.8万", "28.6% = 2.8万 ÷ 9.8万"],
        ),
    ],
)
def test_comparison_words_figures_and_formulas(value, last, unit, text, formulas):
    cmp = comparison_for(_row(value, last, unit))
    assert cmp.text == text
    assert [d.formula for d in cmp.derived] == formulas


def test_no_comparison_without_or_with_masked_last_year():
    assert comparison_for(rows_from_records([{"指标": "普法", "数值": "3", "单位": "次"}])[0]) is None
    assert comparison_for(_row("3", "*")) is None


def test_non_numeric_last_year_is_refused_naming_the_row():
    with pytest.raises(MetricsError) as err:
        rows_from_records(
            [{"指标": "a", "数值": "3", "单位": "次"}, {"指标": "b", "数值": "3", "上年数值": "较多"}],
            first_row=2,
        )
    assert "第3行" in str(err.value) and "上年数值“较多”不是数字" in str(err.value)


def test_audit_recomputes_derived_figures():
    allowed = AllowedFacts.from_inputs([_row("33", "24")])
    good = "开展普法宣传33次（较上年增加9次、同比增长37.5%）。"
    assert audit(good, allowed) == []
    for bad in ("较上年增加4次", "同比增长38.5%", "较上年减少9次", "与上年持平"):
        text = (
            good.replace("较上年增加9次、同比增长37.5%", bad)
            if bad != "同比增长38.5%"
            else good.replace("37.5", "38.5")
        )
        flags = audit(text, allowed)
        assert flags and any("派生数字" in f.reason or "与用户数据不符" in f.reason for f in flags), bad
    # a derived figure is never traced just because it equals another user number
    allowed2 = AllowedFacts.from_inputs([_row("33", "24"), _row("4", "", "次", "警示教育")])
    assert audit("开展普法宣传33次，较上年增加4次。", allowed2)
    # without any last-year value the comparison cannot be computed
    assert audit("开展普法宣传33次，较上年增加9次。", AllowedFacts.from_inputs([_row("33", "")]))
    cleaned, flags = guard_text("开展普法宣传33次，同比增长50%。", allowed)
    assert "50%" not in cleaned and flags


@pytest.mark.parametrize(
    ("label", "value", "last", "unit", "written"),
    [
        ("行政复议案件", "2", "1", "件", "较上年增加1件、同比增长100.0%"),
        ("普法宣传活动", "6", "5", "场次", "较上年增加1场次、同比增长20.0%"),
        ("法律顾问", "1002", "1000", "人", "较上年增加2人、同比增长0.2%"),
    ],
)
def test_audit_refuses_a_percentage_on_a_small_base(label, value, last, unit, written):
    """The rule binds every writer: a percentage on a small base (an LLM's, a user's chat) does not
    recompute, and the audit says why and what to write."""
    allowed = AllowedFacts.from_inputs([_row(value, last, unit, label)])
    flags = audit(f"{label}{value}{unit}（{written}）。", allowed)
    assert flags and all("基数过小" in f.reason for f in flags), [f.reason for f in flags]
    bare = written.split("、")[0]
    assert audit(f"{label}{value}{unit}（{bare}）。", allowed) == []
    assert comparison_for(_row(value, last, unit, label)).text == bare


def test_chat_message_last_year_clause_is_split():
    rest, last = split_last_year("帮我写一段普法宣传的内容，今年开展23场，去年18场")
    assert rest == "帮我写一段普法宣传的内容，今年开展23场" and last == ["去年18场"]
    assert split_last_year("今年开展23场，比去年增加5场")[1] == []


def test_general_draft_with_last_year_column(sample_settings, tmp_path):
    from assistant.draft.report import DraftRequest, draft_report
    from assistant.export.save import draft_public, save_draft

    rows = rows_from_records(
        [
            {"指标": "普法宣传活动", "数值": "23", "单位": "场次", "上年数值": "18"},
            {"指标": "警示教育", "数值": "4", "单位": "次", "上年数值": "6"},
            {"指标": "聘请法律顾问", "数值": "2", "单位": "人", "上年数值": "2"},
        ]
    )
    request = DraftRequest(genre="述法报告", rows=rows, org="青山县司法局", year=2024)
    draft = draft_report(request, sample_settings)
    md = draft_public(draft)["markdown"]
    assert "23场次（较上年增加5场次、同比增长27.8%）" in md
    assert "4次（较上年减少2次）" in md  # a small base: no percentage
    assert "（与上年持平）" in md
    assert "18" not in md.split("\n---\n")[0]
    data = draft_public(draft)
    assert {"text": "27.8%", "formula": "27.8% = 5 ÷ 18"} in data["derived"]
    assert not draft.flags
    save_draft(draft, request, tmp_path / "d.md")
    appendix = (tmp_path / "d.md").read_text(encoding="utf-8").split("\n---\n")[1]
    assert "派生数据" in appendix and "5 = 23 − 18" in appendix


def test_chat_turn_with_last_years_figure(sample_settings):
    from assistant.draft.chat import ask

    answer = ask("帮我写一段普法宣传的内容，今年开展23场，去年18场", sample_settings)
    assert "23场" in answer.answer and "较上年增加5场" in answer.answer
    pct = re.search(r"同比增长(\d+\.\d)%", answer.answer)
    assert pct and pct.group(1) == "27.8"
    assert not answer.flags


def test_chat_turn_on_a_small_base(sample_settings):
    from assistant.draft.chat import ask

    answer = ask("帮我写一段普法宣传的内容，今年开展6场，去年5场", sample_settings)
    assert "较上年增加1场" in answer.answer and "同比" not in answer.answer
    assert not answer.flags


def test_each_comparison_of_a_merged_sentence_follows_its_own_figure():
    """A generated table (CI, Hypothesis): two figures merged into one sentence, the second in a unit
    the unit list does not know (万辆次); its comparison was read against the first figure."""
    rows = rows_from_records(
        [
            {"指标": "开展警示教育", "数值": "128", "单位": "次", "上年数值": "0"},
            {"指标": "道路运输车辆检查", "数值": "1", "单位": "万辆次", "上年数值": "0"},
        ]
    )
    text = "全年开展警示教育128次（较上年增加128次）、道路运输车辆检查1万辆次（较上年增加1万辆次）。"
    assert audit(text, AllowedFacts.from_inputs(rows)) == []


@pytest.mark.parametrize(
    ("value", "last", "unit", "text"),
    [
        ("2900余", "2980", "件", None),  # 2900–2999 against 2980: no direction (blind read r27)
        ("约3000", "2980", "件", None),  # about 3000 (2950–3050) against 2980
        ("3400余", "2980", "件", "较上年有所增加"),
        ("1.2万", "9800", "份", "较上年有所增加"),  # rounded to 1,000 against exact: the change is rough
        ("386.4", "312.7", "万元", "较上年增加73.7万元、同比增长23.6%"),  # precise to 0.01 points
    ],
)
def test_a_comparison_says_no_more_than_the_values_hold(value, last, unit, text):
    """Blind read r27: 较上年有所减少 on 2900余 against 2980, and 同比增长22.4% on a rounded 1.2万."""
    from assistant.draft.compose.problems import worsened

    cmp = comparison_for(_row(value, last, unit))
    assert (cmp.text if cmp else None) == text
    if text is None:
        assert worsened(_row(value, last, unit)) is None


@pytest.mark.parametrize(
    ("value", "last", "said"),
    [
        ("约486", "312.5", "较上年明显增加"),  # blind read r33: never 有所 for a rise of a half
        ("约330", "312.5", "较上年有所增加"),
        ("约200", "312.5", "较上年明显减少"),
        ("约1.2", "0.98", "较上年有所增加"),  # 22 %: within what the rounding may hide
    ],
)
def test_an_approximate_change_says_how_large_it_is(value: str, last: str, said: str) -> None:
    from assistant.draft.audit.guard import AllowedFacts, audit
    from assistant.draft.compose.phrasing import row_sentences
    from assistant.draft.tables.metrics import rows_from_records

    rows = rows_from_records([{"指标": "追回医保基金", "数值": value, "单位": "万元", "上年数值": last}])
    (text,) = row_sentences(rows)
    assert said in text and audit(text, AllowedFacts.from_inputs(rows)) == []
    other = "明显" if "有所" in said else "有所"
    assert audit(text.replace(said, said.replace(said[3:5], other)), AllowedFacts.from_inputs(rows))
