"""Blind read r63's classes as rules, over several bodies and labels (issue 18).

- a body of several people holds its meeting (院党组召开…), only a person chairs one;
- an event of none beside what there was (全年涉诉2件均胜诉): what there was, then the none, last year after it;
- the places or bodies an activity or a coverage reached (含…等14个乡镇（街道）) are what it covered.
"""

from __future__ import annotations

import re

import pytest

from assistant.draft.compose.notes import note_pieces
from assistant.draft.compose.phrasing import figure_phrase, row_sentences
from assistant.draft.tables.metrics import rows_from_records
from assistant.lang.bodies import detect_body


def _row(label: str, value: str, unit: str = "", last: str = "", note: str = ""):
    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last, "备注": note}])
    return row


@pytest.mark.parametrize(
    ("org", "label", "expected"),
    [
        (
            "岷南省人民检察院",
            "院党组主持召开党组会议专题研究法治建设工作",
            "院党组召开党组会议专题研究法治建设工作5次",
        ),
        (
            "沅洲市人力资源和社会保障局",
            "局党组主持召开专题研究法治政府建设会议",
            "局党组召开专题研究法治政府建设会议5次",
        ),
        (
            "中共青山县委组织部",
            "部务会主持召开会议研究法治工作",
            None,
        ),  # not a collective organ of the list: as before
    ],
)
def test_a_collective_body_holds_its_meeting(org: str, label: str, expected: str | None) -> None:
    text = figure_phrase(_row(label, "5", "次"), detect_body(org))[0]
    if expected:
        assert text == expected
    assert "党组主持召开" not in text


@pytest.mark.parametrize(
    ("org", "row", "expected"),
    [
        (
            "溆浦源县交通运输局",
            ("行政诉讼败诉案件", "0", "件", "1", "全年涉诉2件均胜诉"),
            "全年涉诉2件均胜诉，未发生行政诉讼败诉案件（上年1件）。",
        ),
        (
            "青山县市场监督管理局",
            ("行政诉讼败诉案件", "0", "件", "", "应诉3件均胜诉"),
            "应诉3件均胜诉，全年未发生行政诉讼败诉案件。",
        ),
    ],
)
def test_what_there_was_then_the_none(org: str, row: tuple, expected: str) -> None:
    assert row_sentences([_row(*row)], detect_body(org)) == [expected]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ("乡镇（街道）合法性审查工作覆盖率", "100", "%", "100", "含东岙乡 槐溪镇等14个乡镇（街道）"),
            "覆盖东岙乡、槐溪镇等14个乡镇（街道）",
        ),
        (
            ("开展检察开放日活动", "124", "场", "109", "含泷滨市 藤坞市等11个设区市检察院"),
            "覆盖泷滨市、藤坞市等11个设区市检察院",
        ),
        (("开展普法活动", "24", "场", "", "含城关镇等3个乡镇"), "覆盖城关镇等3个乡镇"),
    ],
)
def test_what_an_activity_or_coverage_reached(row: tuple, expected: str) -> None:
    assert note_pieces(_row(*row)) == [("clause", expected)]


@pytest.mark.parametrize(
    ("org", "label", "expected"),
    [
        (
            "岑溪源县桤木乡人民政府",
            "青杠坪村连续3年获评县级民主法治示范村",
            "青杠坪村连续3年获评县级民主法治示范村",
        ),
        ("临溪县司法局", "城关司法所连续2年获评全省先进司法所", "城关司法所连续2年获评全省先进司法所"),
    ],
)
def test_who_won_a_run_of_years_is_said_with_its_years(
    sample_settings, org: str, label: str, expected: str
) -> None:
    """Blind read r64's refusal: a winner before 连续N年 (创建青杠坪村连续3年…3年, and the audit took 杠坪村 for
    another body's place)."""
    from assistant.draft.report import DraftRequest, draft_report, iter_texts

    years = re.search(r"连续(\d+)年", label)[1]
    row = _row(label, years, "年", str(int(years) - 1), "县委依法治县办命名")
    assert figure_phrase(row, detect_body(org))[0] == expected
    draft = draft_report(
        DraftRequest(genre="法治政府建设年度报告", rows=[row], org=org, year=2026), sample_settings
    )
    assert draft.flags == [] and draft.voice == []
    assert expected in "\n".join(t for _, t in iter_texts(draft))


def test_the_lint_reads_causes_said_together_as_named() -> None:
    from assistant.draft import lint

    rows = rows_from_records(
        [
            {
                "指标": "一审服判息诉率",
                "数值": "91.3",
                "单位": "%",
                "上年数值": "92.6",
                "备注": "主要受系列案件集中上诉影响",
            },
            {
                "指标": "一审民商事案件结案率",
                "数值": "95.3",
                "单位": "%",
                "上年数值": "96.1",
                "备注": "主要受物业纠纷案件增长影响",
            },
        ]
    )
    body = detect_body("庆丰县人民政府")
    said = "（一）一审服判息诉率、一审民商事案件结案率较上年有所下降，主要受系列案件集中上诉、物业纠纷案件增长影响。"
    assert lint.worsened_silent(said, rows, body) == []
    assert len(lint.worsened_silent("（一）执法规范化水平有待提高。", rows, body)) == 2  # the lint can fail
