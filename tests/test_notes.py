"""A row's 备注 and the blind read r29 classes of figure sentences (issue 18).

A result or detail the clerk noted beside a figure is said after it, a note on the table is not, a
row whose note says the body lacks the power is not written; a 其中 row of none joins its whole; a unit
of the body that a label names as the actor keeps its place before 全年; a rate joined to its count
does not name the count's subject again; a rate kept at 100 % is 继续保持; a department's party organ
is the one its own table names; a street office's head does not speak for the 党工委.
"""

from __future__ import annotations

import pytest

from assistant.draft import lint
from assistant.draft.compose.notes import lacks_power, note_pieces, with_note
from assistant.draft.compose.phrasing import named_actor, row_sentences, unstated
from assistant.draft.report import DraftRequest, draft_report, iter_texts
from assistant.draft.tables.metrics import rows_from_records
from assistant.lang.bodies import detect_body
from assistant.lang.vocab import classify


def _rows(*records: dict[str, str]):
    return rows_from_records(list(records))


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("按期办结率100%", "clause"),
        ("均维持原行政行为", "clause"),
        ("已全部整改到位", "clause"),
        ("含线上", "bracket"),
        ("包括专项检查", "bracket"),
        ("城关派出所", "bracket"),
        ("截至11月底", "lead"),  # the figure's date opens its clause (blind read r32, tune read r45)
    ],
)
def test_a_note_of_the_matter_is_prose(note: str, kind: str) -> None:
    (row,) = _rows({"指标": "受理信访事项", "数值": "31", "单位": "件", "备注": note})
    assert note_pieces(row) == [(kind, note)]


@pytest.mark.parametrize("note", ["数据来源：业务系统", "统计口径为全年", "待核实", "本单位无此项职权"])
def test_a_note_on_the_table_is_not(note: str) -> None:
    (row,) = _rows({"指标": "受理信访事项", "数值": "31", "单位": "件", "备注": note})
    assert note_pieces(row) == []


@pytest.mark.parametrize(
    ("label", "value", "note", "text", "expected"),
    [  # a clause after the figure's comparison and before its 其中 parts, never read as the last part's
        # (r30 had it after the parts; blind reads r33 and r34 read it as the part's); a content in brackets
        (
            "受理信访事项",
            "31",
            "按期办结率100%",
            "全年受理信访事项31件（较上年减少9件），其中网上信访12件。",
            "全年受理信访事项31件（较上年减少9件），按期办结率100%，其中网上信访12件。",
        ),
        (
            "排查化解矛盾纠纷",
            "126",
            "化解成功率98.4%",
            "全年排查化解矛盾纠纷126件（较上年减少12件），其中婚姻家庭纠纷41件。",
            "全年排查化解矛盾纠纷126件（较上年减少12件），化解成功率98.4%，其中婚姻家庭纠纷41件。",
        ),
        (
            "行政许可",
            "约1200",
            "含线上",
            "全年办理行政许可约1200件。",
            "全年办理行政许可约1200件（含线上）。",
        ),
    ],
)
def test_a_note_is_said_after_its_figure(label: str, value: str, note: str, text: str, expected: str) -> None:
    (row,) = _rows({"指标": label, "数值": value, "单位": "件", "备注": note})
    assert with_note(text, f"{value}件", row) == expected


def test_a_body_without_the_power_has_no_sentence_for_it() -> None:
    (row,) = _rows({"指标": "行政强制措施", "数值": "0", "单位": "件", "备注": "本单位无此项职权"})
    assert lacks_power(row)
    (listed,) = unstated([row], "")
    assert "无此项职权" in listed


def test_a_part_of_none_joins_its_whole() -> None:
    rows = _rows(
        {"指标": "行政诉讼案件", "数值": "2", "单位": "件"},
        {"指标": "其中：败诉", "数值": "0", "单位": "件"},
    )
    (text,) = row_sentences(rows)
    assert "其中败诉0件" in text and "其中：" not in text
    assert unstated(rows, text) == []
    none = _rows(
        {"指标": "行政诉讼案件", "数值": "0", "单位": "件"},
        {"指标": "其中：败诉", "数值": "0", "单位": "件"},
    )
    (text,) = row_sentences(none)
    assert "败诉" not in text and unstated(none, text) == []


@pytest.mark.parametrize(
    ("label", "who"),
    [
        ("综合行政执法队开展执法检查", "综合行政执法队"),
        ("城关派出所开展矛盾纠纷排查", "城关派出所"),
        ("法律援助中心受理法律援助案件", "法律援助中心"),
        ("开展普法宣传", ""),
        ("执法检查所发现问题", ""),
    ],
)
def test_a_unit_named_as_the_actor_comes_before_the_year(label: str, who: str) -> None:
    assert named_actor(label + "12件") == who
    if who:
        (text,) = row_sentences(_rows({"指标": label, "数值": "260", "单位": "次"}))
        assert who + "全年" in text and "全年" + who not in text, text


def test_a_rate_does_not_name_its_counts_subject_again() -> None:
    rows = _rows(
        {"指标": "信访事项办结", "数值": "69", "单位": "件"},
        {"指标": "信访事项按期办结率", "数值": "99.4", "单位": "%"},
    )
    (text,) = row_sentences(rows)
    assert text == "全年信访事项办结69件，按期办结率达99.4%。"


def test_a_rate_at_its_full_both_years_is_kept() -> None:
    (text,) = row_sentences(
        _rows({"指标": "执法人员持证上岗率", "数值": "100", "单位": "%", "上年数值": "100"})
    )
    assert "继续保持100%" in text and "持平" not in text


def test_the_tables_party_organ_is_the_bodys() -> None:
    body = detect_body("东湖市交通运输局")
    assert body.role("organ") == "局党组"
    assert body.with_own_words(["局党委理论学习中心组学法"]).role("organ") == "局党委"
    assert body.with_own_words(["局党委会议", "局党组会议"]).role("organ") == "局党组"  # both: the kind's


def test_a_one_character_alias_needs_its_kinds_unit() -> None:
    assert classify("新改建农村公路", "公里") != "pufa.scope_units"
    assert classify("普法宣传覆盖村", "个") == "pufa.scope_units"


def test_a_street_office_draft(sample_settings) -> None:
    """The 主任's 述法报告: the government's outline, none of the 党工委's own duties, the notes said, the
    audit clean, no lint finding."""
    rows = _rows(
        {"指标": "调处化解矛盾纠纷", "数值": "142", "单位": "件", "上年数值": "130", "备注": "调解成功率97%"},
        {"指标": "受理信访事项", "数值": "31", "单位": "件", "上年数值": "40", "备注": "按期办结率100%"},
        {"指标": "行政诉讼案件", "数值": "2", "单位": "件", "上年数值": "1"},
        {"指标": "其中：败诉", "数值": "0", "单位": "件"},
        {"指标": "综合行政执法队开展执法检查", "数值": "260", "单位": "次"},
        {"指标": "行政强制措施", "数值": "0", "单位": "件", "备注": "本单位无此项职权"},
    )
    draft = draft_report(
        DraftRequest(genre="述法报告", rows=rows, org="青林街道办事处", year=2026), sample_settings
    )
    text = "\n".join(t for _, t in iter_texts(draft))
    assert draft.flags == [] and draft.voice == []
    for said in ("调解成功率97%", "按期办结率100%", "其中败诉0件", "综合行政执法队全年开展执法检查260次"):
        assert said in text
    for party in ("理论学习中心组、党政联席会议学习计划", "全面从严治党主体责任", "支持人大街道工委"):
        assert party not in text
    assert "行政强制措施" not in text and any("无此项职权" in u for u in draft.unused)
    assert lint.draft_lints(draft, rows) == []


def test_a_sum_of_money_is_no_part_of_a_count() -> None:
    rows = _rows(
        {"指标": "行政处罚案件", "数值": "3", "单位": "件"},
        {"指标": "其中：罚款金额", "数值": "2.5", "单位": "万元"},
    )
    (text,) = row_sentences(rows)
    assert "其中" not in text and "罚款金额共计2.5万元" in text


def test_a_zero_is_said_with_the_note_that_explains_it() -> None:
    (text,) = row_sentences(
        _rows({"指标": "负责人出庭应诉", "数值": "0", "单位": "次", "备注": "本年度无应诉案件"})
    )
    # the reason, then the none (blind read r57: never …0次（…）, a zero said as a count)
    assert text == "本年度无应诉案件，全年无负责人出庭应诉。"


@pytest.mark.parametrize("label", ["行政许可办件量", "12345热线工单办结", "法律咨询"])
def test_an_approximate_figure_is_not_reached(label: str) -> None:
    (text,) = row_sentences(_rows({"指标": label, "数值": "约1200", "单位": "件"}))
    assert "达约" not in text and "共计约" not in text and "约1200件" in text


def test_a_township_government_decides_as_the_government() -> None:
    assert detect_body("青禾县红星镇人民政府").role("organ_pair") == "镇政府"
    assert detect_body("青禾县红星镇党委").role("organ_pair") == "镇党委、政府"
    assert detect_body("青林街道办事处").role("organ_pair") == "办事处"


def test_an_areas_safety_goes_to_the_part_on_stability(sample_settings) -> None:
    rows = _rows(
        {"指标": "开展安全生产检查", "数值": "150余", "单位": "次"},
        {"指标": "排查安全隐患", "数值": "213", "单位": "处", "备注": "已全部整改"},
        {"指标": "专兼职网格员", "数值": "64", "单位": "名"},
        {"指标": "刑事案件发案数", "数值": "7", "单位": "起", "上年数值": "11"},
        {"指标": "调处化解矛盾纠纷", "数值": "88", "单位": "件"},
    )
    draft = draft_report(
        DraftRequest(genre="工作总结", rows=rows, org="青禾县红星镇人民政府", year=2026), sample_settings
    )
    stable = next(sd for sd in draft.sections if "稳定" in sd.title)
    said = "".join(p.text for p in stable.paragraphs)
    for figure in ("150余次", "213处", "64名", "7起", "88件"):
        assert figure in said, (figure, said)
    assert "已全部整改" in said and draft.flags == [] and draft.voice == []


# --- blind read r31: the user's zeros, notes that name a winner or a part, figures not about 法治 ---


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        # the user's 0 is a fact: no 【待确认】; last year beside it
        (
            [{"指标": "安全生产事故", "数值": "0", "单位": "起", "上年数值": "0"}],
            "全年未发生安全生产事故（上年亦未发生）。",
        ),
        (
            [{"指标": "行政复议案件", "数值": "0", "单位": "件", "上年数值": "1"}],
            "全年未发生行政复议案件（上年1件）。",
        ),
        ([{"指标": "命案", "数值": "0", "单位": "起"}], "全年未发生命案。"),
        # the area a label opens with goes first (blind read r32)
        (
            [{"指标": "全县校园重大安全责任事故", "数值": "0", "单位": "起", "上年数值": "0"}],
            "全县全年未发生校园重大安全责任事故（上年亦未发生）。",
        ),
        # a note that only says the zero again is said by the zero
        (
            [
                {
                    "指标": "制定行政规范性文件",
                    "数值": "0",
                    "单位": "件",
                    "上年数值": "0",
                    "备注": "本年度未制定",
                }
            ],
            "全年未制定行政规范性文件（上年亦未制定）。",
        ),
        # two events of none in one sentence, their shared 案件 said once
        (
            [
                {"指标": "行政复议案件", "数值": "0", "单位": "件", "上年数值": "0"},
                {"指标": "行政诉讼案件", "数值": "0", "单位": "件", "上年数值": "0"},
            ],
            "全年未发生行政复议、行政诉讼案件（上年亦未发生）。",
        ),
        (
            [
                {"指标": "行政复议案件", "数值": "0", "单位": "件", "上年数值": "0"},
                {"指标": "行政诉讼案件", "数值": "0", "单位": "件"},
            ],
            "全年未发生行政复议案件（上年亦未发生）、行政诉讼案件。",
        ),
        # nothing happened (blind read r34: never 全年无发生…, 全年无进京…上访)
        (
            [{"指标": "发生因违法决策引发的重大事件", "数值": "0", "单位": "起", "上年数值": "0"}],
            "全年未发生因违法决策引发的重大事件（上年亦未发生）。",
        ),
        (
            [{"指标": "进京赴省非正常上访", "数值": "0", "单位": "人次", "上年数值": "0"}],
            "全年未发生进京赴省非正常上访（上年亦未发生）。",
        ),
        (
            [
                {
                    "指标": "行政诉讼案件败诉",
                    "数值": "0",
                    "单位": "件",
                    "上年数值": "1",
                    "备注": "全年未发生行政诉讼败诉案件",
                }
            ],
            "全年未发生行政诉讼败诉案件（上年1件）。",
        ),
    ],
)
def test_the_users_zero_is_a_fact(records: list[dict[str, str]], expected: str) -> None:
    rows = _rows(*records)
    assert row_sentences(rows) == [expected]
    assert unstated(rows, expected) == []


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ("石桥村", "石桥村获评省级民主法治示范村。"),  # the winner the note names is the subject
        ("省司法厅表彰", "本局被省司法厅评为省级民主法治示范村。"),  # who gave it, in the sentence (r57)
        ("县文明办提供", "本局获评省级民主法治示范村。"),  # where the figure came from is no prose
        ("涉及3个行政村", "本局获评省级民主法治示范村（涉及3个行政村）。"),  # another note goes beside it
        ("", "本局获评省级民主法治示范村。"),
    ],
)
def test_an_honours_note_is_said(note: str, said: str) -> None:
    rows = _rows({"指标": "获评省级民主法治示范村", "数值": "1", "单位": "个", "备注": note})
    (text,) = row_sentences(rows, detect_body("青禾县司法局"))
    assert text == said and unstated(rows, text) == []


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ("移送纪检监察机关17件", "，其中移送纪检监察机关17件"),  # a part of the same count
        ("移送纪检监察机关27件", "，移送纪检监察机关27件"),  # more than the whole: no part of it
        ("涉及人员17名", "，涉及人员17名"),  # another unit: no part
        ("办结率100%", "，办结率100%"),
    ],
)
def test_a_note_counting_a_part_is_said_as_one(note: str, said: str) -> None:
    rows = _rows({"指标": "移送违纪违法问题线索", "数值": "23", "单位": "件", "备注": note})
    assert (
        with_note("全年移送违纪违法问题线索23件。", "23件", rows[0])
        == f"全年移送违纪违法问题线索23件{said}。"
    )


def test_a_figure_not_about_the_rule_of_law_is_set_aside(sample_settings) -> None:
    rows = _rows(
        {"指标": "一般公共预算收入", "数值": "1.86", "单位": "亿元", "上年数值": "1.74"},
        {"指标": "开展普法宣传活动", "数值": "28", "单位": "场"},
    )
    for genre in ("述法报告", "法治政府建设年度报告", "工作总结"):
        draft = draft_report(
            DraftRequest(genre=genre, rows=rows, org="柳湾镇人民政府", year=2026), sample_settings
        )
        text = "\n".join(t for _, t in iter_texts(draft))
        assert "1.86" not in text and "28场" in text
        assert [u for u in draft.unused if u.startswith("一般公共预算收入")] == [
            "一般公共预算收入 1.86亿元（不属于法治建设工作，本文种不写入；如确需写入，请自行补充）"
        ]


def test_the_reporters_title_in_a_note_is_himself(sample_settings) -> None:
    rows = _rows(
        {"指标": "行政机关负责人出庭应诉率", "数值": "100", "单位": "%", "备注": "镇长出庭1次"},
        {"指标": "镇长带头讲法治课", "数值": "2", "单位": "次"},
    )
    draft = draft_report(
        DraftRequest(genre="述法报告", rows=rows, org="柳湾镇人民政府", year=2026, post="镇长"),
        sample_settings,
    )
    text = "\n".join(t for _, t in iter_texts(draft))
    assert "本人出庭1次" in text and "镇长出庭" not in text and "镇长带头" not in text
    assert not any("备注" in u for u in draft.unused)


@pytest.mark.parametrize(
    ("label", "unit", "note", "pieces"),
    [
        ("聘请政府法律顾问", "名", "恒信律师事务所律师担任", [("bracket", "由恒信律师事务所律师担任")]),
        ("开展法治讲座", "场", "县司法局牵头", [("lead", "由县司法局牵头")]),  # led it: first (r45)
        ("法律顾问", "名", "含公职律师1名", [("clause", "其中公职律师1名")]),  # a part of the count
        ("村（社区）法律顾问覆盖率", "%", "含12个村3个社区", [("bracket", "含12个村3个社区")]),  # no part
        ("开展普法宣传", "场", "不含线上1场", [("bracket", "不含线上1场")]),
    ],
)
def test_a_notes_doer_and_its_parts(label: str, unit: str, note: str, pieces: list[tuple[str, str]]) -> None:
    """Blind read r31: a note naming who did it is said with 由; one that includes a part of the count is
    said after 其中."""
    (row,) = _rows({"指标": label, "数值": "2", "单位": unit, "备注": note})
    assert note_pieces(row) == pieces


@pytest.mark.parametrize(
    ("label", "unit", "said"),
    [
        ("主动公开政府信息", "条", "全年主动公开政府信息210条。"),
        ("及时回复群众来信", "件", "全年及时回复群众来信210件。"),
    ],
)
def test_a_manner_before_the_verb_is_part_of_it(label: str, unit: str, said: str) -> None:
    assert row_sentences(_rows({"指标": label, "数值": "210", "单位": unit})) == [said]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "落实“第一议题”制度和会前学法制度，【待补充：本年度专题学法的次数和主要内容】。",
            "落实“第一议题”制度和会前学法制度。",
        ),  # the part states 专题学法5次
        ("如实记录报告，【待补充：记录报告情况】。", "如实记录报告。"),
        # a count of study is said: the ask is for its content only (blind read r32)
        (
            "带头学习宪法法律，【待补充：本年度带头学法的次数和主要内容】。",
            "带头学习宪法法律，【待补充：本年度带头学法的主要内容】。",
        ),
        # an ask for another matter stays
        ("推进普法，【待补充：普法活动次数】。", None),
    ],
)
def test_a_marker_never_asks_for_a_figure_the_part_gives(text: str, said: str | None) -> None:
    from assistant.draft.compose.sections import _asked_given
    from assistant.types import Span

    rows = _rows(
        {"指标": "党组理论学习中心组专题学法", "数值": "5", "单位": "次"},
        {"指标": "“三个规定”记录报告事项", "数值": "612", "单位": "件"},
    )
    _, out, span = _asked_given((0, text, Span(text=text, kind="reused")), rows)
    assert out == (said or text) and span.text == out


@pytest.mark.parametrize(
    ("records", "said"),
    [
        # a stock named by nouns alone is what there is, not a year's work (blind read r32)
        (
            [{"指标": "全县中小学校", "数值": "68", "单位": "所", "上年数值": "71"}],
            "全县现有中小学校68所（较上年减少3所、同比下降4.2%）。",
        ),
        (
            [{"指标": "全局在编执法人员", "数值": "42", "单位": "人", "上年数值": "40"}],
            "全局现有在编执法人员42人（较上年增加2人）。",
        ),
        # a measure of what a count involved is said with it
        (
            [
                {"指标": "查处违法用地案件", "数值": "37", "单位": "件"},
                {"指标": "涉及违法用地面积", "数值": "约126", "单位": "亩"},
            ],
            "全年查处违法用地案件37件，涉及违法用地约126亩。",
        ),
    ],
)
def test_stocks_and_extents(records: list[dict[str, str]], said: str) -> None:
    assert row_sentences(_rows(*records)) == [said]


def test_a_notes_part_beside_said_parts_and_a_date_go_in_the_comparisons_bracket() -> None:
    rows = _rows(
        {
            "指标": "查处违法用地案件",
            "数值": "37",
            "单位": "件",
            "上年数值": "45",
            "备注": "含矿产违法案件3件",
        },
        {"指标": "其中：立案查处", "数值": "29", "单位": "件"},
        {"指标": "教职工法治培训覆盖率", "数值": "98.5", "单位": "%", "上年数值": "97", "备注": "截至11月底"},
    )
    text = "全年查处违法用地案件37件（较上年减少8件、同比下降17.8%），其中立案查处29件。"
    assert with_note(text, "37件", rows[0]) == (
        "全年查处违法用地案件37件（较上年减少8件、同比下降17.8%，含矿产违法案件3件），其中立案查处29件。"
    )
    rate = "教职工法治培训覆盖率达98.5%（较上年提高1.5个百分点）。"
    assert (
        with_note(rate, "98.5%", rows[2])
        == "截至11月底，教职工法治培训覆盖率达98.5%（较上年提高1.5个百分点）。"
    )


@pytest.mark.parametrize(
    ("label", "aside"),
    [
        ("一般公共预算收入", True),
        ("地区生产总值", True),
        ("校园安全投入资金", True),  # money put into work other than 法治 (blind read r32)
        ("法治建设投入资金", False),
        ("法律援助经费", False),
        ("普法经费投入", False),
        ("开展普法宣传活动", False),
    ],
)
def test_what_a_rule_of_law_report_sets_aside(label: str, aside: bool) -> None:
    from assistant.draft.outline.genres import get_genre

    for genre in ("述法报告", "法治政府建设年度报告", "工作总结"):
        assert get_genre(genre).sets_aside(label) is aside


@pytest.mark.parametrize(
    ("label", "unit", "said"),
    [
        # an organisation or a kind of staff named with a verb in it (blind read r33)
        ("全镇人民调解委员会", "个", "全镇共有人民调解委员会19个。"),
        ("全市农业综合行政执法人员", "人", "全市现有农业综合行政执法人员19人。"),
        # the head's own act counted in people
        ("镇党委书记带头接访群众", "人次", "镇党委书记带头接访群众19人次。"),
    ],
)
def test_named_stocks_and_the_heads_act_in_people(label: str, unit: str, said: str) -> None:
    assert row_sentences(_rows({"指标": label, "数值": "19", "单位": unit})) == [said]


def test_a_zero_events_note_that_says_none_is_the_sentence() -> None:
    """Blind read r33: 行政诉讼案件 0 with 备注 全年未发生行政应诉案件 is said in the note's words, never
    全年行政诉讼案件0件（全年未发生行政应诉案件）; a note giving a reason stays beside the zero."""
    rows = _rows(
        {"指标": "行政诉讼案件", "数值": "0", "单位": "件", "上年数值": "1", "备注": "全年未发生行政应诉案件"}
    )
    assert (
        row_sentences(rows) == ["全年未发生行政应诉案件（上年1件）。"]
        and unstated(rows, "全年未发生行政应诉案件（上年1件）。") == []
    )
    reason = _rows({"指标": "负责人出庭应诉", "数值": "0", "单位": "次", "备注": "本年度无应诉案件"})
    assert row_sentences(reason) == ["本年度无应诉案件，全年无负责人出庭应诉。"]


@pytest.mark.parametrize(
    ("records", "said"),
    [
        # an activity, then what was done in it (blind read r33)
        (
            [{"指标": "全市农资打假专项行动抽检农资产品", "数值": "420", "单位": "批次"}],
            ["全市开展农资打假专项行动，抽检农资产品420批次。"],
        ),
        # the whole's rate before its parts, never read as the last part's (blind read r33)
        (
            [
                {"指标": "检查定点医药机构", "数值": "386", "单位": "家次", "上年数值": "352"},
                {"指标": "其中：现场检查定点医疗机构", "数值": "142", "单位": "家次"},
                {"指标": "定点医药机构检查覆盖率", "数值": "100", "单位": "%"},
            ],
            [
                "全年检查定点医药机构386家次（较上年增加34家次、同比增长9.7%），检查覆盖率达100%，其中现场检查定点医疗机构142家次。"
            ],
        ),
    ],
)
def test_activities_and_rates_of_a_whole(records: list[dict[str, str]], said: list[str]) -> None:
    assert row_sentences(_rows(*records)) == said


def test_a_note_of_people_counted_before_their_noun_goes_at_the_clause_end() -> None:
    """Blind read r34: 36人 said as 组织36名党政主要负责人参加述法评议 keeps its note, at the clause's end."""
    (row,) = _rows(
        {
            "指标": "组织党政主要负责人述法评议",
            "数值": "36",
            "单位": "人",
            "上年数值": "28",
            "备注": "含15个乡镇和21个县直部门",
        }
    )
    text = "全年组织36名党政主要负责人参加述法评议（较上年增加8人、同比增长28.6%）。"
    assert with_note(text, "36人", row) == (
        "全年组织36名党政主要负责人参加述法评议（较上年增加8人、同比增长28.6%，含15个乡镇和21个县直部门）。"
    )


def test_r35_frames() -> None:
    """Blind read r35: a stock label opening with 现有 says it once; a 0 row whose note says none in the
    user's words is said so; a note repeating the head's act said by the label adds only the rest."""
    assert row_sentences(_rows({"指标": "现有持证行政执法人员", "数值": "42", "单位": "人"})) == [
        "现有持证行政执法人员42人。"
    ]
    rows = _rows(
        {
            "指标": "统计造假问题线索移送处理",
            "数值": "0",
            "单位": "件",
            "上年数值": "0",
            "备注": "本年度未发现统计造假问题线索",
        }
    )
    # last year's none in the note's own verb (r54)
    assert row_sentences(rows) == ["本年度未发现统计造假问题线索（上年亦未发现）。"]
    (row,) = _rows(
        {
            "指标": "局长带队开展安全生产执法检查",
            "数值": "12",
            "单位": "次",
            "备注": "局长亲自带队，检查企业36家",
        }
    )
    assert (
        with_note("本人带队开展安全生产执法检查12次。", "12次", row)
        == "本人带队开展安全生产执法检查12次，检查企业36家。"
    )


@pytest.mark.parametrize(
    ("note", "org", "left"),
    [
        (
            "县统计局牵头，培训约520人次",
            "蔺溪县统计局",
            "培训约520人次",
        ),  # the body itself: said by the report
        ("市林业局牵头，联合公安、市场监管部门开展", "栎城市林业局", "联合公安、市场监管部门开展"),
        ("本局牵头", "栎城市林业局", None),
        ("县司法局牵头", "蔺溪县统计局", "县司法局牵头"),  # another body: kept
        ("由县鼎正律师事务所律师担任", "蔺溪县统计局", "由县鼎正律师事务所律师担任"),
    ],
)
def test_a_note_naming_the_body_itself_as_doer_goes(note: str, org: str, left: str | None) -> None:
    """Blind read r35: the bureau never names itself in the third person as 牵头 in its own report."""
    from assistant.draft.compose.notes import without_own_doer

    (row,) = _rows({"指标": "开展依法统计业务培训", "数值": "6", "单位": "期", "备注": note})
    assert without_own_doer(row, org).note == left


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        # what befell the body, none of it: an event (r36: never 全年无…被追究… or …0件)
        (
            {"指标": "法官违纪违法被追究刑事责任", "数值": "0", "单位": "人", "上年数值": "0"},
            "全年未发生法官违纪违法被追究刑事责任情况（上年亦未发生）。",
        ),
        (
            {
                "指标": "行政执法决定被撤销或确认违法",
                "数值": "0",
                "单位": "件",
                "上年数值": "1",
                "备注": "复议和诉讼中均未发生",
            },
            "全年未发生行政执法决定被撤销或确认违法情况（复议和诉讼中均未发生，上年1件）。",
        ),
        # 无 would fuse with the label's first word (无法): 没有
        ({"指标": "法治建设约谈", "数值": "0", "单位": "次"}, "全年没有法治建设约谈。"),
        # a label's own word of having: said as it stands, never 共有…现有 or 聘请…现有
        ({"指标": "全省法院现有员额法官", "数值": "6214", "单位": "人"}, "全省法院现有员额法官6214人。"),
        ({"指标": "园区现有公职律师", "数值": "7", "单位": "人"}, "园区现有公职律师7人。"),
        # people in a state: no 现有 before them
        ({"指标": "行政执法人员持证上岗", "数值": "136", "单位": "人"}, "行政执法人员持证上岗136人。"),
        # an organisation, its act, what it reached: never a stock of the object
        (
            {"指标": "全省法院入驻县级社会治理中心", "数值": "118", "单位": "个"},
            "全省法院入驻县级社会治理中心118个。",
        ),
        # an object before two verbs: the verbs first, no 【请核对表述】
        ({"指标": "裁判文书上网公开", "数值": "52.6", "单位": "万份"}, "全年上网公开裁判文书52.6万份。"),
    ],
)
def test_frames_of_the_r36_read(record: dict[str, str], expected: str) -> None:
    (row,) = rows_from_records([record])
    assert row_sentences([row]) == [expected]


@pytest.mark.parametrize(
    ("text", "post", "expected"),
    [
        ("全年管委会主任主持召开管委会常务会议4次", "管委会主任", "本人全年主持召开管委会常务会议4次"),
        ("管委会主任出庭应诉2次", "管委会主任", "本人出庭应诉2次"),
        ("院党组书记讲授法治课1次", "院党组书记", "本人讲授法治课1次"),
        ("副局长出庭应诉1次", "局长", "副局长出庭应诉1次"),
        ("局长信箱回复来信12件", "局长", "局长信箱回复来信12件"),
    ],
)
def test_the_bodys_short_name_before_the_reporters_title(text: str, post: str, expected: str) -> None:
    from assistant.draft.compose.grammar import self_named

    assert self_named(text, post) == expected


@pytest.mark.parametrize(
    ("org", "note", "said"),
    [
        ("钧陵省高级人民法院", "钧陵省高级人民法院立案一庭", "我院立案一庭"),
        ("嘉禾市人民政府", "嘉禾市人民政府办公室", "市政府办公室"),
        ("中共杏坛省委员会", "中共杏坛省委员会办公室", "省委办公室"),
        ("永和县生态环境局", "永和县生态环境局执法大队", "我局执法大队"),
        ("永和县生态环境局", "石桥村", "石桥村"),
    ],
)
def test_the_body_never_names_itself_in_full(org: str, note: str, said: str) -> None:
    from assistant.draft.compose.notes import self_referred

    (row,) = rows_from_records([{"指标": "获评全国先进集体", "数值": "1", "单位": "个", "备注": note}])
    assert self_referred(row, org, detect_body(org).role("pronoun")).note == said


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ("某房屋征收补偿行政诉讼案", "本人出庭应诉1次（较上年增加1次），涉及某房屋征收补偿行政诉讼案。"),
        (
            "土地征收补偿案和企业行政处罚案各1件",
            "本人出庭应诉1次（较上年增加1次），涉及土地征收补偿案和企业行政处罚案各1件。",
        ),
    ],
)
def test_a_note_naming_cases_says_what_the_act_concerned(sample_settings, note: str, said: str) -> None:
    rows = rows_from_records(
        [{"指标": "区长出庭应诉", "数值": "1", "单位": "次", "上年数值": "0", "备注": note}]
    )
    request = DraftRequest(genre="述法报告", rows=rows, org="蓟屏市霁安区人民政府", year=2026, post="区长")
    draft = draft_report(request, sample_settings)
    parts = [p.text for sd in draft.sections for p in sd.paragraphs]
    assert said in "".join(parts)
    assert lint.garbled_frame(parts, "蓟屏市霁安区人民政府") == []


def test_a_campaign_the_user_names_is_never_filled_into_another() -> None:
    from assistant.draft.compose.fill import sentences_from_text
    from assistant.draft.compose.matching import names_another

    (sent,) = sentences_from_text("组织开展了普法宣传活动40场，深入推进“八五”普法。", "d", ["普法"])
    slot = next(s for s in sent.slots if s.slot_type == "metric")
    assert names_another("组织“八五”普法主题宣传活动", sent, slot)
    assert not names_another("组织普法宣传活动", sent, slot)


def test_a_rise_is_worded_by_the_audits_rule() -> None:
    from assistant.draft.compose.problems import pressure_item
    from assistant.draft.tables.compare import check_comparisons, pair_of

    for value, how in (("1200", "有所"), ("1600", "明显")):
        rows = rows_from_records(
            [{"指标": "受理群众信访件", "数值": value, "单位": "件", "上年数值": "1000"}]
        )
        title, _ = pressure_item(rows, True, detect_body("嘉禾市信访局"))
        assert f"较上年{how}增加" in title
        pairs = [p for r in rows if (p := pair_of(r.label, r.value, r.last, r.unit)) is not None]
        assert all(f.ok for f in check_comparisons(title + "。", pairs))


def test_the_r36_frame_lints_catch_what_they_name() -> None:
    bad = [
        "全省共有法院现有员额法官6214人。",
        "聘请园区现有公职律师7人。",
        "全年无法官违纪违法被追究刑事责任。",
        "本人出庭应诉1次（较上年增加1次），某房屋征收补偿行政诉讼案。",
        "钧陵省高级人民法院立案一庭获评全国法院先进集体。",
    ]
    got = sorted({d.lint for d in lint.garbled_frame(bad, "钧陵省高级人民法院")})
    assert got == ["bare_note", "fused_none", "garbled_stock", "own_name"]
    good = [
        "全省法院现有员额法官6214人。",
        "全年没有法治建设约谈。",
        "本人出庭应诉1次，涉及某房屋征收补偿行政诉讼案。",
    ]
    assert lint.garbled_frame(good, "钧陵省高级人民法院") == []


def test_a_count_is_asked_once_in_a_part() -> None:
    from assistant.draft.compose.sections import _counts_asked_once
    from assistant.types import Span

    chosen = [
        (1, "带头集中学习【待补充：集中学习次数】次。", Span(text="a", kind="own")),
        (2, "落实“第一议题”制度，【待补充：本年度带头学法的次数和主要内容】。", Span(text="b", kind="own")),
        (3, "听取汇报，【待补充：听取汇报的次数和主要内容】。", Span(text="c", kind="own")),
    ]
    out = [t for _k, t, _s in _counts_asked_once(chosen)]
    assert out[1] == "落实“第一议题”制度，【待补充：本年度带头学法的主要内容】。"
    assert out[2] == chosen[2][1]  # another matter: its count is asked


def test_a_phrase_with_de_is_the_phrase_said_again() -> None:
    from assistant.draft.compose.tidy import drop_clauses_said_before

    earlier = ["始终把法治建设作为重要任务，定期研究解决法治建设重大问题。"]
    said = drop_clauses_said_before(
        "及时听取法治建设工作汇报，研究解决法治建设中的重大问题，【待补充：听取汇报情况】。", earlier
    )
    assert said == "及时听取法治建设工作汇报，【待补充：听取汇报情况】。"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "带头集中学习《习近平法治思想学习纲要》《中国共产党政法工作条例》《中华人民共和国反有组织犯罪法》等5次。",
            "带头集中学习《习近平法治思想学习纲要》等5次。",
        ),
        ("学习《中国共产党政法工作条例》《反有组织犯罪法》等法律法规。", "学习《宪法》等法律法规。"),
        ("学习《宪法》《民法典》等法律。", "学习《宪法》《民法典》等法律。"),
    ],
)
def test_which_laws_another_body_studied_is_its_own_fact(text: str, kept: str) -> None:
    from assistant.draft.compose.fill import drop_named_examples

    assert drop_named_examples(text) == kept


def test_a_figure_dated_before_the_report_year_is_to_confirm() -> None:
    from assistant.draft.compose.notes import STALE_DATE, flag_stale_dates

    given = "园区现有公职律师 截至2024年12月31日"
    assert flag_stale_dates("园区现有公职律师7人（截至2024年12月31日）。", 2026, given) == (
        f"园区现有公职律师7人（截至2024年12月31日）{STALE_DATE}。"
    )
    assert flag_stale_dates("截至2026年底，共有7人。", 2026, "截至2026年底") == "截至2026年底，共有7人。"
    assert flag_stale_dates("截至2023年，某地。", 2026, given) == "截至2023年，某地。"  # not the user's


def test_the_tables_own_words_never_refuse_the_draft(sample_settings) -> None:
    """Blind read r37's refusals: a label that is a change (发案数同比下降 18.7%), an act before the court's
    level (列席市中级人民法院), a case named in a note with another body's campaign date (“3·15”…案)."""
    rows = rows_from_records(
        [
            # a label that is a change (r37); a caseload of crime is set aside in a 述法报告 since r53
            {"指标": "涉检信访件同比下降", "数值": "18.7", "单位": "%"},
            {"指标": "检察长列席市中级人民法院审判委员会会议", "数值": "6", "单位": "次", "上年数值": "5"},
            {
                "指标": "检察长带头办理重大疑难复杂案件",
                "数值": "9",
                "单位": "件",
                "备注": "含出庭支持公诉3件，包括“3·15”特大非法集资案",
            },
            {"指标": "全县排查矛盾纠纷", "数值": "2316", "单位": "件", "上年数值": "2148"},
        ]
    )
    request = DraftRequest(genre="述法报告", rows=rows, org="渠阳市人民检察院", year=2026, post="检察长")
    draft = draft_report(request, sample_settings)
    text = "".join(t for _w, t in iter_texts(draft))
    assert draft.audited == [] and draft.voice == []
    assert "同比下降18.7%" in text and "本人列席市中级人民法院审判委员会会议6次" in text


def test_a_place_name_is_never_an_act() -> None:
    from assistant.ingest.slots import find_place_names

    assert find_place_names("本人列席市中级人民法院审判委员会会议6次") == []
    assert [s.surface for s in find_place_names("赴平梁镇开展调研")] == ["平梁镇"]
