"""Blind read r69's classes as rules, over several bodies and labels.

- an occasion a label opens with (民法典宣传月期间开展…) leads its act, dated by it: never 开展…期间开展…
  and never 全年…;
- a rate's base that names what its label names (全市215所中小学校… beside 全市中小学…配备率) is not said
  before it (it would name them twice); it is listed for the drafter.
"""

from __future__ import annotations

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
        ("禾岭县自然资源局", "全国土地日期间开展自然资源法律法规进乡镇宣传活动", "全国土地日期间，开展自然资源法律法规进乡镇宣传活动9场"),
        ("中共栗塘县杉坪镇委员会", "民法典宣传月期间开展法律进村入户宣讲", "民法典宣传月期间，开展法律进村入户宣讲9场"),
        ("泓州市教育局", "宪法宣传周期间组织宪法晨读活动", "宪法宣传周期间，组织宪法晨读活动9场"),
    ],
)  # fmt: skip
def test_an_occasion_leads_its_act(org: str, label: str, expected: str) -> None:
    body = detect_body(org)
    row = _row(label, "9", "场")
    assert figure_phrase(row, body)[0] == expected
    assert row_sentences([row], body) == [expected + "。"]  # dated by its occasion: never 全年…


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (("全市中小学（含中职学校）法治副校长配备率", "100", "%", "97.7", "以全市215所中小学校和中职学校为基数"), []),
        (("村（社区）法律顾问覆盖率", "100", "%", "100", "以全镇11个村2个社区共13个村（社区）为基数"), []),
        (("社会组织年度报告按时报送率", "92.6", "%", "89.4", "以全县应报送社会组织407家为基数"),
         [("lead", "全县应报送社会组织407家")]),
        (("违法用地案件结案率", "89.2", "%", "93.1", "以本年立案37件为基数"), [("lead", "本年立案37件")]),
    ],
)  # fmt: skip
def test_a_base_naming_what_the_label_names_is_not_said_first(row: tuple, expected: list) -> None:
    assert note_pieces(_row(*row)) == expected
