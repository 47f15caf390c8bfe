"""Blind read r64's classes as rules, over several bodies and labels (issue 18).

- an occasion's act the clerk wrote after it (民法典宣传月集中宣传) is no part of the occasion;
- the steps of an act (履行公众参与 专家论证 …程序) are no list of examples;
- a coverage the clerk says is reached in full is reached (实现…全覆盖), never 覆盖…全覆盖;
- the ways people were reached (送法进村 送法进校园 …) lead their count;
- two units named with a space are a list;
- what comes to a body (信访事项受理, 督办…案件) is worked on at its source, never turned back.
"""

from __future__ import annotations

import pytest

from assistant.draft.compose.notes import note_pieces
from assistant.draft.compose.problems import figure_item
from assistant.draft.tables.metrics import rows_from_records, spaced_note
from assistant.lang.bodies import detect_body


def _row(label: str, value: str, unit: str = "", last: str = "", note: str = ""):
    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last, "备注": note}])
    return row


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ("开展法治宣传活动", "26", "场", "", "六五环境日 国家宪法日 民法典宣传月集中宣传"),
            [("lead", "结合六五环境日、国家宪法日、民法典宣传月等重要节点")],
        ),
        (
            ("重大行政决策事项", "2", "项", "1", "履行公众参与 专家论证 合法性审查 集体讨论决定程序"),
            [("clause", "履行公众参与、专家论证、合法性审查、集体讨论决定程序")],
        ),
        (
            ("村（社区）法律顾问覆盖率", "100", "%", "100", "9个村和1个社区全覆盖"),
            [("clause", "实现9个村和1个社区全覆盖")],
        ),
        (
            ("法治宣传受众", "0.9万", "人次", "", "送法进村 送法进校园 送法进企业"),
            [("lead", "通过送法进村、送法进校园、送法进企业等形式")],
        ),
    ],
)
def test_a_notes_form(row: tuple, expected: list) -> None:
    assert note_pieces(_row(*row)) == expected


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("含金沙区分局 白鹭湾工业园分局", "含金沙区分局、白鹭湾工业园分局"),
        ("黄泥塘村 水碾村来访集中", "黄泥塘村、水碾村来访集中"),
        ("市局统计 已全部办结", "市局统计；已全部办结"),
    ],
)
def test_two_units_named_are_a_list(note: str, expected: str) -> None:
    assert spaced_note(note) == expected


@pytest.mark.parametrize(
    ("org", "label", "cause", "title"),
    [
        (
            "岑溪源县桤木乡人民政府",
            "信访事项受理",
            "主要受县道改扩建征地补偿影响",
            "加强信访事项的源头预防和依法化解",
        ),
        ("中共枞阳坪县委政法委员会", "督办涉法涉诉信访案件", "", "加强涉法涉诉信访案件的源头预防和依法化解"),
        ("青山县信访局", "受理群众来访", "", "加强群众来访的源头预防和依法化解"),
    ],
)
def test_what_comes_to_a_body_is_worked_on_at_its_source(
    org: str, label: str, cause: str, title: str
) -> None:
    row = _row(label, "28", "件", "21", cause)
    plan = figure_item([row], False, detect_body(org))
    if plan is None:  # a body for which the count is no judged problem: nothing to turn back either
        return
    assert plan[0] == title and "扭转" not in plan[0], plan


def test_a_political_legal_committees_centres_are_law_work() -> None:
    from assistant.draft.outline.genres import get_genre

    for genre in ("工作总结", "述法报告"):
        assert not get_genre(genre).sets_aside("乡镇综治中心规范化建设达标", "")


def test_r65_a_hall_that_counted_a_procuratorates_intake_and_a_special_fund() -> None:
    """Blind read r65: 县文化馆统计 pasted, 受理控告申诉信访 read as a problem to 扭转, 宣传文化专项经费 written in."""
    from assistant.draft.compose.notes import source_note
    from assistant.draft.outline.genres import get_genre
    from assistant.lang.direction import direction

    assert source_note("县文化馆统计") and source_note("市图书馆提供")
    for org in ("苍梧岭县人民检察院", "青山县人民法院", "临溪县信访局"):
        assert direction("受理控告申诉信访", "case", detect_body(org)).good == "neutral"
    for genre in ("述法报告", "法治政府建设年度报告", "工作总结"):
        assert get_genre(genre).sets_aside("年度宣传文化专项经费", "县财政局批复口径")
        assert not get_genre(genre).sets_aside("法治宣传专项经费", "")
