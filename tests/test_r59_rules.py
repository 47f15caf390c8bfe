"""Blind read r59's classes as rules, each tried over several bodies, labels and units (issue 18).

- a source named in any clause of a note (化解率93.1%，县信访局提供) is provenance, never prose;
- a run of years (连续3年获评…) is never compared with last year's run;
- words in the figure's cell (14个村2个社区全覆盖) are read as the note, the table never refused, the words kept
  where the figure goes;
- a problem or plan item is never a bare marker;
- a cause in a note (主要受…影响) is a clause of its own, said first, and the problem naming a worsened figure says
  it instead of asking for it;
- two words a clerk spaced, the last closing the list with 等…, are a list;
- a manner before a verb (带队开展, 联合开展) is part of the label's verb;
- bodies named beside a check are what it checked; the units an area holds beside a coverage are what it covers;
- a clerk's spoken words (今年, 市里) are a report's.
"""

from __future__ import annotations

import re

import pytest

from assistant.draft.compose.notes import note_pieces
from assistant.draft.compose.phrasing import blank_marker, figure_phrase
from assistant.draft.compose.problems import figure_item
from assistant.draft.report import DraftRequest, draft_report, iter_texts
from assistant.draft.tables.compare import comparison_for
from assistant.draft.tables.metrics import rows_from_records, spaced_note
from assistant.lang.bodies import detect_body
from assistant.lang.markers import MARKER_RE


def _row(label: str, value: str, unit: str = "", last: str = "", note: str = "", *, blank: bool = False):
    (row,) = rows_from_records(
        [{"指标": label, "数值": value, "单位": unit, "上年数值": last, "备注": note}], allow_blank=blank
    )
    return row


@pytest.mark.parametrize(
    ("label", "unit", "note", "kept"),
    [
        ("信访积案化解", "件", "化解率93.1%，县信访局提供", "化解率93.1%"),
        ("组织县管领导干部参加年度学法考试", "人", "参考率100%，县委组织部提供", "参考率100%"),
        ("矛盾纠纷排查调处", "件", "镇司法所提供，调处成功率97.9%", "调处成功率97.9%"),
        ("办理法律援助案件", "件", "区法律援助中心统计；结案率98%", "结案率98%"),
    ],
)
def test_a_source_in_any_clause_of_a_note_is_never_prose(label: str, unit: str, note: str, kept: str) -> None:
    pieces = [p for _, p in note_pieces(_row(label, "27", unit, "", note))]
    assert pieces == [kept], pieces


@pytest.mark.parametrize(
    ("label", "value", "last"),
    [
        ("连续3年获评全市法治政府建设考核优秀等次", "3", "2"),
        ("连续5年保持无重大安全生产事故", "5", "4"),
        ("持续4年获评省级文明单位", "4", "3"),
    ],
)
def test_a_run_of_years_is_never_compared_with_last_years(label: str, value: str, last: str) -> None:
    assert comparison_for(_row(label, value, "年", last)) is None
    # …while a count of years of anything else still is
    assert comparison_for(_row("法律顾问服务年限", "6", "年", "5")) is not None


@pytest.mark.parametrize(
    "cell",
    ["14个村2个社区全覆盖", "全镇村（社区）已全覆盖", "5个股室均已建立"],
)
def test_words_in_the_figures_cell_are_read_as_its_note(cell: str) -> None:
    row = _row("村（社区）法律顾问", cell, "个", blank=True)
    assert row.number is None and cell in (row.note or "")
    assert row.warning and "含文字" in row.warning and "备注" in row.warning
    assert cell in blank_marker(row)  # kept where the figure goes, never lost
    # a number, Chinese numerals and 是 stay what they were
    assert _row("普法宣传活动", "二十三", "场", blank=True).number == 23
    assert _row("获评省级示范", "是", "", blank=True).number == 1


@pytest.mark.parametrize(
    ("org", "genre", "post"),
    [
        ("瀚江县瀚溪镇人民政府", "述法报告", "镇长"),
        ("青山市北塘区人民政府", "工作总结", None),
        ("临溪县卫生健康局", "法治政府建设年度报告", None),
    ],
)
def test_no_problem_or_plan_item_is_a_bare_marker(
    sample_settings, org: str, genre: str, post: str | None
) -> None:
    rows = rows_from_records(
        [
            {"指标": "主持常务会议学法", "数值": "8", "单位": "次", "上年数值": "6"},
            {"指标": "村（社区）法律顾问", "数值": "14个村2个社区全覆盖", "单位": "个"},
            {
                "指标": "行政诉讼败诉案件",
                "数值": "3",
                "单位": "件",
                "上年数值": "1",
                "备注": "主要受征收补偿类案件集中影响",
            },
        ],
        allow_blank=True,
    )
    draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2026, post=post), sample_settings)
    assert draft.flags == [] and draft.voice == []
    for sec in draft.sections:
        for p in sec.paragraphs:
            for sentence in re.split(r"(?<=。)", p.text.replace("**", "")):
                core = re.sub(r"^（[一二三四五六七八九十]+）", "", sentence).strip("。 ")
                assert not core or MARKER_RE.sub("", core).strip("，、；。 "), p.text
    text = "\n".join(t for _, t in iter_texts(draft))
    assert "14个村2个社区全覆盖" in text  # the words of the cell, where its figure goes
    assert "较上年上升，主要受征收补偿类案件集中影响" in text  # the problem says the table's cause


@pytest.mark.parametrize(
    ("label", "unit", "last", "note", "first", "then"),
    [
        (
            "新增违法占用耕地图斑",
            "宗",
            "5",
            "主要受农房建设集中影响，已整改7宗",
            "主要受农房建设集中影响",
            "已整改7宗",
        ),
        ("群众信访件", "件", "30", "已全部办结，主要因征地拆迁引发", "主要因征地拆迁引发", "已全部办结"),
    ],
)
def test_a_cause_in_a_note_is_its_own_clause_said_first(
    label: str, unit: str, last: str, note: str, first: str, then: str
) -> None:
    row = _row(label, "9" if unit == "宗" else "41", unit, last, note)
    assert [p for _, p in note_pieces(row)] == [first, then]
    body = detect_body("瀚江县瀚溪镇人民政府")
    item = figure_item([row], True, body)
    assert item is not None and item[0].endswith(first) and not item[1]  # the cause said, nothing asked


def test_a_worsened_figure_without_a_cause_still_asks_for_it() -> None:
    row = _row("行政诉讼败诉案件", "3", "件", "1")
    item = figure_item([row], True, detect_body("青山市北塘区人民政府"))
    assert item is not None and "【待补充：原因】" in item[1]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("研究法治督察整改 法治政府建设示范创建等事项", "研究法治督察整改、法治政府建设示范创建等事项"),
        ("区司法局 区法院等", "区司法局、区法院等"),
        ("市局统计 已全部办结", "市局统计；已全部办结"),  # no 等: two clauses
    ],
)
def test_two_spaced_words_closed_by_deng_are_a_list(note: str, expected: str) -> None:
    assert spaced_note(note) == expected


@pytest.mark.parametrize(
    ("label", "unit", "expected"),
    [
        ("带队开展法治督察", "次", "带队开展法治督察3次"),
        ("联合开展执法检查", "次", "联合开展执法检查3次"),
        ("会同开展普法宣传", "场", "会同开展普法宣传3场"),
        ("牵头组织专项整治", "次", "牵头组织专项整治3次"),
    ],
)
def test_a_manner_before_the_verb_is_part_of_it(label: str, unit: str, expected: str) -> None:
    for org in ("中共琸山县委员会", "临溪县市场监督管理局", "青山市北塘区人民政府"):
        text = figure_phrase(_row(label, "3", unit), detect_body(org))[0]
        assert text == expected, (org, text)


@pytest.mark.parametrize(
    ("label", "note", "expected"),
    [
        (
            "带队开展法治督察",
            "县自然资源局 县市场监管局 琸山经开区",
            "督察对象为县自然资源局、县市场监管局和琸山经开区",
        ),
        ("开展执法检查", "城关镇、青石乡", "检查对象为城关镇和青石乡"),
    ],
)
def test_bodies_named_beside_a_check_are_what_it_checked(label: str, note: str, expected: str) -> None:
    assert [p for _, p in note_pieces(_row(label, "3", "次", "", note))] == [expected]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("全区9个街道84个村（社区）", "覆盖全区9个街道84个村（社区）"),
        ("全镇14个村2个社区", "覆盖全镇14个村2个社区"),
    ],
)
def test_the_units_of_an_area_beside_a_coverage_are_what_it_covers(note: str, expected: str) -> None:
    row = _row("村（社区）法律顾问覆盖率", "100", "%", "", note)
    assert [p for _, p in note_pieces(row)] == [expected]


def test_a_clerks_spoken_words_are_a_reports() -> None:
    row = _row("市级法治政府建设示范项目", "0", "个", "1", "今年市里未组织示范项目评选")
    from assistant.draft.compose.notes import zero_note

    assert zero_note(row) == "本年度市级未组织示范项目评选"


@pytest.mark.parametrize("blank", [False, True])
@pytest.mark.parametrize("cell", ["优秀", "良好等次", "是"])
def test_a_grade_or_yes_in_the_figures_cell_is_never_read_as_words(cell: str, blank: bool) -> None:
    """Review of r59's rule: with blanks allowed (the CLI and the web app) a grade won was read as the note."""
    row = _row("市级法治建设考核等次", cell, "", blank=blank)
    assert row.number == 1 and not row.warning, row
