"""Blind read r61's classes as rules, each tried over several bodies, labels and units (issue 18).

- a body of the law named at a label's head (法庭年度办公经费, 法庭在编干警) does not keep a budget or a headcount
  in the text; wage recovery (追发工资) is law work;
- a measure of time (平均审理天数) is said 为…天, never 审理天; its rise is a problem said 延长;
- a note's day opens its clause, what follows are clauses; a span of years beside a run says nothing new; a
  comparison the note makes (同比延长5.1天) is said by the draft's own;
- the reach of an activity drops the activity's words (普法宣传受众 → 受众);
- a unit that counted a figure (…仲裁院统计, …支队统计) is provenance;
- a none of the user's table is never dropped as a general sentence.
"""

from __future__ import annotations

import pytest

from assistant.draft.compose.notes import note_pieces, source_note
from assistant.draft.compose.phrasing import figure_phrase, row_sentences
from assistant.draft.compose.problems import figure_item
from assistant.draft.outline.genres import get_genre
from assistant.draft.report import DraftRequest, draft_report, iter_texts
from assistant.draft.tables.metrics import rows_from_records
from assistant.lang.bodies import detect_body
from assistant.lang.direction import direction


def _row(label: str, value: str, unit: str = "", last: str = "", note: str = ""):
    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last, "备注": note}])
    return row


@pytest.mark.parametrize("genre", ["述法报告", "法治政府建设年度报告", "工作总结"])
@pytest.mark.parametrize(
    ("label", "aside"),
    [
        ("法庭年度办公经费", True),
        ("法庭在编干警", True),
        ("本院政法专项编制", True),
        ("县检察院运行经费", True),
        ("法庭审结各类案件", False),
        ("为劳动者追发工资待遇", False),
    ],
)
def test_a_budget_or_headcount_named_after_a_body_of_the_law_is_set_aside(
    genre: str, label: str, aside: bool
) -> None:
    assert get_genre(genre).sets_aside(label, "") is aside


@pytest.mark.parametrize(
    ("label", "value", "last", "expected"),
    [
        ("案件平均审理天数", "41.3", "36.2", "案件平均审理天数为41.3天（较上年增加5.1天、同比上升14.1%）"),
        ("行政复议案件平均审理周期", "38", "", "行政复议案件平均审理周期为38天"),
        ("政务服务事项平均办理时长", "2.5", "", "政务服务事项平均办理时长为2.5天"),
    ],
)
def test_a_measure_of_time_is_what_it_is(label: str, value: str, last: str, expected: str) -> None:
    for org in ("濛江县人民法院桐坪人民法庭", "芷阳市汀兰区司法局", "青山市北塘区人民政府"):
        assert figure_phrase(_row(label, value, "天", last), detect_body(org))[0] == expected


def test_a_longer_time_is_a_problem_said_longer() -> None:
    assert direction("案件平均审理天数").good == "down"
    row = _row("案件平均审理天数", "41.3", "天", "36.2", "主要受新收案件增长影响")
    item = figure_item([row], True, detect_body("濛江县人民法院桐坪人民法庭"))
    assert item is not None and item[0] == "案件平均审理天数较上年延长，主要受新收案件增长影响"
    plan = figure_item([row], False, detect_body("濛江县人民法院桐坪人民法庭"))
    assert plan is not None and "延长" in plan[0]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ("诉前委派调解纠纷", "415", "件", "352", "截至2026年11月底，调解成功283件，成功率68.2%"),
            ["截至2026年11月底", "调解成功283件", "成功率68.2%"],
        ),
        (("连续3年获评全县“枫桥式人民法庭”", "3", "年", "2", "2024—2026年连续获评"), []),
        (("连续4年获评全市依法行政考核优秀单位", "4", "年", "3", "2023-2026年"), []),
        (("案件平均审理天数", "41.3", "天", "36.2", "同比延长5.1天"), ["同比延长5.1天"]),
    ],
)
def test_a_notes_clauses(row: tuple, expected: list[str]) -> None:
    assert [p for _, p in note_pieces(_row(*row))] == expected


@pytest.mark.parametrize(
    ("activity", "reach", "expected"),
    [
        (("开展“谁执法谁普法”宣传活动", "42", "场"), ("普法宣传受众", "3.2万", "人次"), "，受众3.2万人次"),
        (("普法宣传活动", "23", "场次"), ("普法宣传覆盖群众", "5600", "人次"), "，覆盖群众5600人次"),
    ],
)
def test_the_reach_of_an_activity_drops_its_words(activity: tuple, reach: tuple, expected: str) -> None:
    rows = rows_from_records([dict(zip(("指标", "数值", "单位"), r, strict=True)) for r in (activity, reach)])
    for org in ("沅洲市人力资源和社会保障局", "青山县司法局"):
        (text,) = row_sentences(rows, detect_body(org))
        assert expected in text and "覆盖普法宣传" not in text, text


@pytest.mark.parametrize(
    "note", ["市劳动人事争议仲裁院统计", "市劳动保障监察支队统计", "县综合行政执法大队提供"]
)
def test_a_unit_that_counted_is_provenance(note: str) -> None:
    assert source_note(note)


@pytest.mark.parametrize(
    ("org", "genre", "post"),
    [
        ("濛江县人民法院桐坪人民法庭", "述法报告", "庭长"),
        ("濛江县人民法院", "述法报告", "院长"),
        ("青山县司法局", "工作总结", None),
    ],
)
def test_a_none_of_the_table_is_never_dropped(
    sample_settings, org: str, genre: str, post: str | None
) -> None:
    rows = rows_from_records(
        [
            {
                "指标": "干警违法违纪案件",
                "数值": "0",
                "单位": "件",
                "上年数值": "0",
                "备注": "全年未发现干警违法违纪问题",
            }
        ]
    )
    draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2026, post=post), sample_settings)
    text = "\n".join(t for _, t in iter_texts(draft))
    assert "未发现干警违法违纪问题" in text and not draft.unused, draft.unused


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("对云岗镇 梅坳乡 县住建局等8个单位开展", ("doer", "对云岗镇、梅坳乡、县住建局等8个单位")),
        ("对城关镇、青石乡等5个乡镇开展", ("doer", "对城关镇、青石乡等5个乡镇")),
    ],
)
def test_whom_an_act_went_to_is_said_before_its_verb(note: str, expected: tuple) -> None:
    assert note_pieces(_row("开展法治督察", "3", "次", "2", note)) == [expected]


@pytest.mark.parametrize("label", ["受理劳动保障监察投诉举报", "受理消费投诉举报", "受理食品安全投诉举报"])
def test_complaints_a_regulator_takes_are_no_problem_of_its_own(label: str) -> None:
    for org in ("沅洲市人力资源和社会保障局", "临溪县市场监督管理局", "栖梧县卫生健康局"):
        assert direction(label, "case", detect_body(org)).good == "neutral"
    assert direction("投诉举报办结率", "rate").good == "up"  # how they were handled is the body's work


def test_a_plan_answers_the_causes_the_table_gives() -> None:
    body = detect_body("中共黛溪县委全面依法治县委员会办公室")
    known = _row("督察发现问题整改率", "92.6", "%", "100", "主要受历史遗留用地手续办理周期长影响")
    plan = figure_item([known], False, body)
    # the plan names the cause it answers (r62: never 针对上述原因 and a marker alone)
    assert (
        plan is not None
        and plan[1].startswith("针对历史遗留用地手续办理周期长的情况，")
        and "查找原因" not in plan[1]
    )
    unknown = _row("督察发现问题整改率", "92.6", "%", "100")
    plan = figure_item([unknown], False, body)
    assert plan is not None and plan[1].startswith("逐项查找原因")


def test_a_count_of_the_wholes_own_things_goes_after_its_parts(sample_settings) -> None:
    rows = rows_from_records(
        [
            {
                "指标": "受理劳动保障监察投诉举报",
                "数值": "1264",
                "单位": "件",
                "备注": "结案1241件，结案率98.2%",
            },
            {"指标": "其中：拖欠农民工工资类", "数值": "1032", "单位": "件"},
        ]
    )
    draft = draft_report(
        DraftRequest(genre="法治政府建设年度报告", rows=rows, org="沅洲市人力资源和社会保障局", year=2026),
        sample_settings,
    )
    text = "\n".join(t for _, t in iter_texts(draft))
    sentence = next(s for s in text.split("。") if "1264件" in s)
    assert sentence.index("其中") < sentence.index("结案1241件"), sentence


def test_who_named_an_honour_is_an_aside() -> None:
    row = _row("连续4年获评全市依法行政考核优秀单位", "4", "年", "3", "市委全面依法治市委员会办公室通报")
    assert note_pieces(row) == [("bracket", "市委全面依法治市委员会办公室通报")]
