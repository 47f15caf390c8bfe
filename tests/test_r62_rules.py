"""Blind read r62's classes as rules, over several bodies and labels (issue 18).

- a list a clerk closed with its count (食品 药品 特种设备 计量 四个领域) reads as one;
- a change of another measure in a note (办件量同比增加) is a clause, never an aside in the comparison's bracket;
- a unit that gave a figure (…法律顾问团提供) is provenance; a list of places a coverage reached is no list of
  bodies checked;
- a plan names the cause it answers;
- an office's routine (服务保障会议, 办理公文) is no rule-of-law work.
"""

from __future__ import annotations

import pytest

from assistant.draft.compose.notes import note_pieces, source_note
from assistant.draft.compose.problems import figure_item
from assistant.draft.outline.genres import get_genre
from assistant.draft.tables.metrics import rows_from_records, spaced_note
from assistant.lang.bodies import detect_body


def _row(label: str, value: str, unit: str = "", last: str = "", note: str = ""):
    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last, "备注": note}])
    return row


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("涉及食品 药品 特种设备 计量 四个领域", "涉及食品、药品、特种设备、计量四个领域"),
        ("城关镇 木樨乡 高滩镇 3个乡镇", "城关镇、木樨乡、高滩镇3个乡镇"),
    ],
)
def test_a_list_closed_by_its_count_reads_as_one(note: str, expected: str) -> None:
    assert spaced_note(note) == expected


def test_a_change_of_another_measure_is_a_clause() -> None:
    row = _row("投诉举报按时办结率", "96.3", "%", "98.1", "办件量同比增加")
    assert note_pieces(row) == [("clause", "办件量同比增加")]


@pytest.mark.parametrize("note", ["县政府法律顾问团提供", "市法学会专家组提供"])
def test_a_team_that_gave_the_figure_is_provenance(note: str) -> None:
    assert source_note(note)
    assert note_pieces(_row("法律顾问参与审核合同协议", "34", "件", "29", note)) == []


def test_places_a_coverage_reached_are_no_bodies_checked() -> None:
    row = _row("开展乡镇政务公开标准化检查", "12", "个", "12", "覆盖城关镇 木樨乡 高滩镇等全部乡镇")
    assert note_pieces(row) == [("clause", "覆盖城关镇、木樨乡、高滩镇等全部乡镇")]


@pytest.mark.parametrize(
    ("org", "label", "unit", "value", "last", "cause", "named"),
    [
        (
            "沣源县市场监督管理局",
            "投诉举报按时办结率",
            "%",
            "96.3",
            "98.1",
            "主要受预付式消费集中投诉影响",
            "预付式消费集中投诉",
        ),
        (
            "浔阳市城市管理综合行政执法局",
            "行政诉讼败诉案件",
            "件",
            "3",
            "1",
            "因送达程序不规范所致",
            "送达程序不规范",
        ),
    ],
)
def test_a_plan_names_the_cause_it_answers(
    org: str, label: str, unit: str, value: str, last: str, cause: str, named: str
) -> None:
    plan = figure_item([_row(label, value, unit, last, cause)], False, detect_body(org))
    assert plan is not None and plan[1].startswith(f"针对{named}的情况，"), plan


@pytest.mark.parametrize("genre", ["述法报告", "法治政府建设年度报告", "工作总结"])
@pytest.mark.parametrize(
    ("label", "aside"),
    [
        ("服务保障县政府各类会议", True),
        ("办理各类公文", True),
        ("县政府常务会议审议重大行政决策事项", False),
        ("召开依法治县委员会会议", False),
    ],
)
def test_an_offices_routine_is_no_law_work(genre: str, label: str, aside: bool) -> None:
    assert get_genre(genre).sets_aside(label, "") is aside
