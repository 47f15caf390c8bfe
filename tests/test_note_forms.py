"""Where a note stands by its form, and the other classes of blind read r38 (issue 18).

A note naming the means or the campaign the figure came of goes before the figure's clause (依托…); where
the counted things were found and who the people counted are go in brackets after them; a figure the note
dates (截至11月底) is a count on that day, never 全年…; a check's name stays with its verb
(刑事案件法制审核 → 对N件刑事案件进行法制审核); the reporter's title with 本人 is 本人; a body with no place of
its own (人民法庭) runs no 依法治乡; the body's own review of cases is no occurrence of crime.
"""

from __future__ import annotations

import pytest

from assistant.draft import lint
from assistant.draft.compose.grammar import self_named
from assistant.draft.compose.notes import note_pieces, with_note
from assistant.draft.compose.phrasing import own_sentence, render_value
from assistant.draft.tables.metrics import rows_from_records
from assistant.draft.voice.adapt import voice_audit
from assistant.lang.bodies import detect_body
from assistant.lang.direction import direction


def _row(label: str, value: str, unit: str, note: str = "", last: str = ""):
    rec = {"指标": label, "数值": value, "单位": unit, "备注": note}
    if last:
        rec["上年数值"] = last
    (row,) = rows_from_records([rec])
    return row


@pytest.mark.parametrize(
    ("note", "kind", "piece"),
    [
        ("依托“无讼村居”创建行动", "lead", "依托“无讼村居”创建行动"),
        ("通过线上线下相结合方式", "doer", "通过线上线下相结合方式"),  # inline after 全年 (r45)
        ("“矛盾纠纷大排查大化解”专项行动", "lead", "依托“矛盾纠纷大排查大化解”专项行动"),
        ("“受立案突出问题”专项整治中发现", "bracket", "“受立案突出问题”专项整治中发现"),
        ("区直部门和镇（街道）党政主要负责人", "bracket", "区直部门和镇（街道）党政主要负责人"),
        ("开展“法治建设重点任务落实”专项督察", "clause", "开展“法治建设重点任务落实”专项督察"),
        ("按期办结率100%", "clause", "按期办结率100%"),
    ],
)
def test_a_note_stands_where_its_form_says(note: str, kind: str, piece: str) -> None:
    assert note_pieces(_row("排查化解各类矛盾纠纷", "2846", "件", note)) == [(kind, piece)]


def test_a_lead_goes_before_the_figures_clause() -> None:
    row = _row("排查化解各类矛盾纠纷", "2846", "件", "“矛盾纠纷大排查大化解”专项行动")
    text = "坚持和发展新时代“枫桥经验”，全年排查化解各类矛盾纠纷2846件，调解成功率达97.6%。"
    assert with_note(text, "2846件", row) == (
        "坚持和发展新时代“枫桥经验”，依托“矛盾纠纷大排查大化解”专项行动，全年排查化解各类矛盾纠纷2846件，调解成功率达97.6%。"
    )
    sentence = with_note(own_sentence(row), render_value(row, None), row)
    assert sentence.startswith("依托“矛盾纠纷大排查大化解”专项行动，全年") and not lint.garbled_frame(
        [sentence]
    )


@pytest.mark.parametrize(
    ("label", "unit"),
    [("特邀调解员", "名"), ("涉案财物管理中心在库涉案财物", "件"), ("村（社区）法律顾问", "名")],
)
def test_a_dated_figure_is_no_years_work(label: str, unit: str) -> None:
    row = _row(label, "12", unit, "截至11月底")
    sentence = with_note(own_sentence(row), render_value(row, None), row)
    assert not sentence.startswith("全年") and sentence.startswith("截至11月底，")  # the day opens it (r45)
    assert not lint.garbled_frame([sentence])
    assert [d.lint for d in lint.garbled_frame([f"全年{label}12{unit}（截至11月底）。"])] == ["annual_stock"]


@pytest.mark.parametrize(
    ("bad", "lint_name"),
    [
        (
            "全年排查化解各类矛盾纠纷2846件（较上年减少259件），“矛盾纠纷大排查大化解”专项行动，调解成功率达97.6%。",
            "bare_note",
        ),
        ("全年组织46名党政主要负责人年度述法，区直部门和镇（街道）党政主要负责人。", "bare_note"),
    ],
)
def test_a_bare_note_clause_is_caught(bad: str, lint_name: str) -> None:
    assert lint_name in [d.lint for d in lint.garbled_frame([bad])]


@pytest.mark.parametrize(
    ("label", "said"),
    [
        ("刑事案件法制审核", "对1126件刑事案件进行法制审核"),
        ("行政案件法制审核", "对1126件行政案件进行法制审核"),
        ("森林督查图斑核查", "对1126件森林督查图斑进行核查"),
    ],
)
def test_a_checks_name_stays_with_its_verb(label: str, said: str) -> None:
    assert said in own_sentence(_row(label, "1126", "件"))


def test_the_reporters_title_with_benren_is_benren() -> None:
    assert self_named("全年庭长本人审结案件238件", "庭长") == "本人全年审结案件238件"


@pytest.mark.parametrize("org", ["蓼川县人民法院桑铺人民法庭", "蓼川县人民法院", "青山县司法局"])
def test_a_body_with_no_township_of_its_own_runs_no_yifazhixiang(org: str) -> None:
    found = voice_audit("规范依法治乡委员会协调小组运行。", detect_body(org), set())
    assert [f.word for f in found] == ["依法治乡"]
    assert not voice_audit("落实县委依法治县委员会部署。", detect_body(org), set())


@pytest.mark.parametrize("label", ["刑事案件法制审核", "刑事案件评查", "侦办电信网络诈骗案件"])
def test_the_bodys_own_review_of_cases_is_no_occurrence(label: str) -> None:
    assert not direction(label, None, detect_body("苇平县公安局")).judged


@pytest.mark.parametrize(
    ("label", "value", "unit", "said"),
    [
        ("国家工作人员网上学法考试参考", "3862", "人次", "组织国家工作人员参加网上学法考试3862人次"),
        ("执法人员法律知识考试参考", "300", "人", "组织300名执法人员参加法律知识考试"),
        ("网上公开行政处罚决定书", "56", "份", "网上公开行政处罚决定书56份"),
        ("行政处罚决定书", "56", "份", "作出行政处罚决定书56份"),
    ],
)
def test_a_labels_own_act_and_its_takers_are_said(label: str, value: str, unit: str, said: str) -> None:
    sentence = own_sentence(_row(label, value, unit))
    assert said in sentence and "出具网上" not in sentence and "现有网上" not in sentence


def _routed(org: str, genre: str, labels: list[tuple[str, str, str]]) -> dict[str, str]:
    from assistant.draft.compose.routing import route_rows
    from assistant.draft.outline.genres import get_genre
    from assistant.draft.report import _leaves
    from assistant.lang.body_outline import genre_for_body

    body = detect_body(org)
    leaves = _leaves(genre_for_body(get_genre(genre), body))
    rows = rows_from_records([{"指标": lab, "数值": v, "单位": u} for lab, v, u in labels])
    routed = route_rows(rows, leaves, None, None, body)
    return {r.label: (sub or sec).key for (sec, sub), part in zip(leaves, routed, strict=True) for r in part}


@pytest.mark.parametrize("org", ["中共雁屏市榕西区委员会", "苇平县公安局", "红星镇人民政府"])
def test_the_bodys_own_administrative_cases_go_to_governing_by_law(org: str) -> None:
    labels = [
        ("行政机关负责人出庭应诉率", "100", "%"),
        ("被申请行政复议案件", "14", "件"),
        ("行政诉讼案件败诉", "0", "件"),
        ("排查化解各类矛盾纠纷", "2846", "件"),
    ]
    where = _routed(org, "工作总结", labels)
    assert where["排查化解各类矛盾纠纷"] == "disputes"
    assert {where[k] for k, _v, _u in labels[:3]} <= {"governance", "review"}, where


def test_a_reviewers_own_reviews_stay_dispute_work() -> None:
    where = _routed("青山县司法局", "工作总结", [("办理行政复议案件", "40", "件")])
    assert where["办理行政复议案件"] == "disputes"


def test_a_courts_changed_cases_go_to_its_judging() -> None:
    where = _routed("蓼川县人民法院桑铺人民法庭", "述法报告", [("案件被改判、发回重审", "7", "件")])
    assert where["案件被改判、发回重审"] == "judicature"


@pytest.mark.parametrize(
    ("ask", "want"),
    [
        ("主持研究和听取汇报的次数及研究解决的问题", "主持研究和听取汇报中研究解决的问题"),  # r39: an act
        ("本年度专题学法的次数和主要内容", "本年度专题学法的主要内容"),  # a noun: 的
        ("集中学习次数", "集中学习次数"),  # nothing but the count: left as it is
    ],
)
def test_an_ask_without_its_count_still_reads(ask: str, want: str) -> None:
    from assistant.draft.compose.sections import without_count

    assert without_count(ask) == want


@pytest.mark.parametrize(
    ("label", "note", "piece"),
    [
        (
            "开展“送法进企业”宣传活动",
            "依托“根治欠薪冬季专项行动”开展",
            ("lead", "依托“根治欠薪冬季专项行动”"),
        ),
        ("开展普法宣传活动", "依托“民法典宣传月”组织开展", ("lead", "依托“民法典宣传月”")),
        ("市长出庭应诉", "涉土地征收类案件", ("clause", "为涉土地征收类案件")),
        ("出庭应诉", "土地征收补偿案", ("clause", "涉及土地征收补偿案")),
        # r41: a channel said as the means, the people counted in brackets, whom it was for
        ("受理投诉举报", "经全国12315平台和12345热线受理", ("lead", "通过全国12315平台和12345热线")),
        ("负责人出庭应诉", "均为局领导班子成员", ("bracket", "均为局领导班子成员")),
        ("党委书记讲法治课", "为乡村两级干部讲授", ("bracket", "对象为乡村两级干部")),
    ],
)
def test_a_notes_act_and_its_cases_are_said_once(label: str, note: str, piece: tuple[str, str]) -> None:
    """Blind read r40: 依托“…专项行动”开展，全年开展… and 涉及涉土地征收类案件."""
    (row,) = rows_from_records([{"指标": label, "数值": "3", "单位": "次", "备注": note}])
    assert note_pieces(row) == [piece]


def test_a_row_whose_note_speaks_stands_in_a_sentence_of_its_own() -> None:
    """Blind read r40: a means note before a run of two figures read as both's, a note of people after the
    run read as the last figure's."""
    from assistant.draft.compose.phrasing import row_sentences

    rows = rows_from_records(
        [
            {
                "指标": "“法律明白人”培训",
                "数值": "4",
                "单位": "期",
                "备注": "培训对象为社区“两委”成员及网格员",
            },
            {"指标": "开展普法宣传活动", "数值": "38", "单位": "场次", "备注": "依托“民法典宣传月”开展"},
        ]
    )
    assert len(row_sentences(rows, detect_body("安澜市临湖区石坪街道办事处"))) == 2


def test_a_claim_that_every_one_went_through_its_steps_is_a_claim() -> None:
    """Blind read r40: a problem of uneven 公众参与、专家论证 beside 均履行公众参与、专家论证…等程序."""
    from assistant.draft.compose.problems import claims, contradicts

    said = claims(["作出重大行政决策8项，均履行公众参与、专家论证、合法性审查等程序。"])
    assert contradicts("重大行政决策公众参与、专家论证、风险评估等程序的落实还不够均衡", said)
    assert not contradicts("行政执法人员专业素质还不够高", said)


def test_who_handled_it_and_a_part_of_it_are_two_pieces() -> None:
    """Blind read r41: …42件，其中县医调委受理，调解成功39件."""
    (row,) = rows_from_records(
        [{"指标": "医疗纠纷人民调解", "数值": "42", "单位": "件", "备注": "县医调委受理，调解成功39件"}]
    )
    assert note_pieces(row) == [("bracket", "由县医调委受理"), ("clause", "其中调解成功39件")]


@pytest.mark.parametrize(
    ("label", "unit", "said"),
    [
        ("法治政府建设考评得分", "分", "法治政府建设考评得分为92分"),  # a result, no 全年 (r41)
        ("医疗机构校验", "家", "完成医疗机构校验92家"),  # an act, never 现有… (r41)
    ],
)
def test_a_score_and_a_procedure_read_as_what_they_are(label: str, unit: str, said: str) -> None:
    (row,) = rows_from_records([{"指标": label, "数值": "92", "单位": unit}])
    assert said in own_sentence(row, detect_body("汶安市市场监督管理局"))


@pytest.mark.parametrize(
    "label",
    # r41's sector figures; r46's business results of a 国资委 and an 工信局
    [
        "卫生健康事业经费支出",
        "家庭医生签约服务",
        "门急诊人次",
        "监管企业资产总额",
        "新增规上企业",
        "市属国企利润总额",
        "农村供水保障工程完成投资",  # r49: a project's investment in a 述法报告
        # r51: an environment's quality and a day's pending cases say nothing of the rule of law
        "全市PM2.5年均浓度",
        "国控断面水质优良比例",
        "空气质量优良天数比例",
        "截至2026年11月底审查起诉环节在办案件",
    ],
)
def test_a_sectors_spending_and_services_are_set_aside(label: str) -> None:
    """Blind read r41: 事业经费支出 under 依法行政 and 家庭医生签约 under 化解矛盾纠纷 in a 卫健局's summary."""
    from assistant.draft.outline.genres import get_genre

    assert all(get_genre(g).sets_aside(label) for g in ("工作总结", "述法报告", "法治政府建设年度报告"))
    assert not get_genre("工作总结").sets_aside("普法经费支出")


@pytest.mark.parametrize(
    ("label", "value", "unit", "note", "said"),
    [
        # who did the act: before it, the act said once (r42: …860人次，由政治部组织)
        (
            "组织干警参加业务及法律法规培训",
            "860",
            "人次",
            "由政治部组织",
            "全年由政治部组织干警参加业务及法律法规培训860人次",
        ),
        (
            "对重大决策及规范性文件进行合法性审查",
            "14",
            "件",
            "由镇司法所和法律顾问共同审查",
            "全年由镇司法所和法律顾问共同对",
        ),
        # a method before the figure, never inside its comparison's bracket (r42)
        (
            "查处超限超载车辆",
            "127",
            "辆",
            "源头治超与路面治超相结合",
            "坚持源头治超与路面治超相结合，全年查处超限超载车辆127辆",
        ),
        # examples: the themes of activities before them, the kinds of anything else in brackets (r42)
        (
            "办理行政许可",
            "1862",
            "件",
            "道路运输经营许可、从业资格等",
            "1862件（含道路运输经营许可、从业资格等）",
        ),
        (
            "开展普法宣传活动",
            "36",
            "场次",
            "民法典宣传月、“法律进乡村”等",
            "围绕民法典宣传月、“法律进乡村”等主题，全年开展普法宣传活动36场次",
        ),
    ],
)
def test_a_notes_doer_method_and_examples_stand_where_they_read(label, value, unit, note, said) -> None:
    from assistant.draft.compose.phrasing import row_sentences

    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit, "备注": note}])
    (text,) = row_sentences([row], detect_body("岚溆县交通运输局"))
    assert said in with_note(text, value + unit, row)


@pytest.mark.parametrize(
    ("label", "value", "unit", "note", "last", "want"),
    [
        # a note ending in 备案 or a list of 提案 names no case: never 涉及 (r45)
        (
            "以县政府名义发布规范性文件",
            "6",
            "件",
            "均经县司法局合法性审查并报市政府备案",
            "8",
            "），均经县司法局",
        ),
        (
            "办理人大代表建议和政协委员提案",
            "186",
            "件",
            "其中人大代表建议82件、政协提案104件",
            "171",
            "），其中人大代表建议82件",
        ),
        # a means note's act said once, the means inline after 全年
        (
            "主动公开政府信息",
            "2146",
            "条",
            "通过县政府门户网站公开",
            "1870",
            "全年通过县政府门户网站主动公开政府信息2146条",
        ),
        # one day's campaign is not the year's count
        (
            "办公室干部职工集中学法",
            "12",
            "场次",
            "结合“12·4”国家宪法日开展",
            "10",
            "），其间结合“12·4”国家宪法日集中开展",
        ),
        # a note that says something follows the comparison's bracket
        (
            "局机关集中学法",
            "10",
            "场次",
            "重点学习《宗教事务条例》",
            "8",
            "（较上年增加2场次），重点学习《宗教事务条例》",
        ),
        (
            "办理行政处罚案件",
            "2",
            "件",
            "均为未取得许可擅自经营高危险性体育项目",
            "3",
            "（较上年减少1件），均为未取得",
        ),
        # what was repealed is no part of what stands
        (
            "现行有效县政府规范性文件（截至11月底）",
            "38",
            "件",
            "7月完成专项清理；废止5件",
            "",
            "截至11月底，现行有效县政府规范性文件38件，7月完成专项清理，废止5件",
        ),
        ("审批大型宗教活动", "3", "项", "", "2", "全年审批大型宗教活动3项"),
        # blind read r47: a unit that undertook the work is said after the figure, 由…牵头 before it
        ("举办法治讲座", "12", "场", "由县法学会承办", "", "12场（由县法学会承办）"),
        ("举办法治讲座", "12", "场", "县法学会承办", "", "12场（由县法学会承办）"),
        ("开展法治讲座", "12", "场", "由政策法规股牵头", "", "由政策法规股牵头，全年开展法治讲座12场"),
        # where, to whom and for whom the act was done go before it, the act said once (r47)
        (
            "公布权责清单事项",
            "312",
            "项",
            "在县政府门户网站公布",
            "",
            "全年在县政府门户网站公布权责清单事项312项。",
        ),
        ("报送备案规范性文件", "12", "件", "向市政府备案", "", "全年向市政府报送备案规范性文件12件。"),
        ("讲授法治课", "3", "次", "为全县新任干部讲授", "", "全年为全县新任干部讲授法治课"),
        ("办理公益诉讼案件", "146", "件", "含线上办理", "", "146件（含线上办理）"),
        # the year's new ones are no stock (r47: never 现有新命名…)
        ("新命名县级民主法治示范村", "5", "个", "", "", "新命名县级民主法治示范村5个"),
        ("本年度新命名市级法治宣传教育示范点", "3", "个", "", "", "本年度新命名市级法治宣传教育示范点3个"),
    ],
)
def test_the_notes_and_frames_of_the_blind_read_r45(label, value, unit, note, last, want) -> None:
    row = _row(label, value, unit, note, last)
    body = detect_body("磬山县人民政府办公室")
    sentence = with_note(own_sentence(row, body), render_value(row, None), row)
    assert want in sentence and "涉及" not in sentence and "开展审批" not in sentence, sentence
    assert "现有新" not in sentence and not lint.garbled_frame([sentence]), sentence


def test_the_lint_finds_a_stray_link() -> None:
    found = lint.garbled_frame(
        ["全年以县政府名义发布规范性文件6件，涉及均经县司法局合法性审查。", "全年开展审批大型宗教活动3项。"]
    )
    assert [d.lint for d in found] == ["stray_link", "stray_link"]
    assert lint.garbled_frame(["出庭应诉2次，涉及土地征收补偿案和企业行政处罚案各1件。"]) == []


def test_the_lint_finds_a_lead_that_leaves_its_clause_without_a_subject() -> None:
    found = lint.garbled_frame(["由县法学会承办，全年举办法治讲座12场。"])
    assert [d.lint for d in found] == ["lead_no_subject"]
    assert lint.garbled_frame(["由政策法规股牵头，全年开展法治讲座12场。"]) == []


def test_the_lint_finds_a_note_that_says_the_act_again() -> None:
    found = lint.garbled_frame(
        ["全年公布权责清单事项312项（在县政府门户网站公布）。", "全年报送备案规范性文件12件，向市政府备案。"]
    )
    assert [d.lint for d in found] == ["act_again", "act_again"]
    assert lint.garbled_frame(["全年在县政府门户网站公布权责清单事项312项。"]) == []


@pytest.mark.parametrize(
    ("label", "note", "want", "never"),
    [
        ("受理行政复议案件", "其中涉企案件97件", "，其中涉企案件97件", "涉及其中"),
        ("新收各类案件", "另有旧存案件142件", "，另有旧存案件142件", "其中另有"),
    ],
)
def test_a_part_or_more_of_the_cases_is_said_as_the_note_says(label, note, want, never) -> None:
    """Blind read r47: 涉及其中涉企案件97件 and 其中另有旧存案件142件."""
    row = _row(label, "684", "件", note)
    sentence = with_note(own_sentence(row, detect_body("霖州市司法局")), render_value(row, None), row)
    assert want in sentence and never not in sentence, sentence


@pytest.mark.parametrize(
    ("label", "value", "unit", "note", "want", "never"),
    [
        # a unit of the body that did the act, without 由: before the act
        ("规范性文件合法性审核", "23", "件", "法规科审核", "由法规科", "法规科审核，"),
        # how the figure is counted: an aside
        ("持证执法人员（截至11月底）", "640", "人", "市、县两级合计", "640人（市、县两级合计）", "人，市"),
        # places and what was done there: before the figure's clause
        (
            "法治进站点活动覆盖群众",
            "3.6万人次",
            "",
            "客运站、服务区设点",
            "在客运站、服务区设点，",
            "人次，客运站",
        ),
        # how often: no part
        ("部务会会前学法", "12", "次", "每月1次", "12次，每月1次", "其中每月"),
        # fields the figure spans
        ("落地数据应用场景", "9", "个", "交通、医疗、金融等领域", "涵盖交通、医疗、金融等领域", "个，交通"),
        # a campaign's name is no act to cut from a means note
        (
            "开展数据安全普法宣传周活动",
            "11",
            "场",
            "结合国家网络安全宣传周",
            "结合国家网络安全宣传周",
            "网络安全，",
        ),
        # the label's act again after a date: said once
        ("主要负责人出庭应诉", "1", "次", "3月出庭某行政处罚案", "1次（3月某行政处罚案）", "涉及3月"),
    ],
)
def test_the_notes_of_the_blind_read_r48(label, value, unit, note, want, never) -> None:
    row = _row(label, value, unit, note)
    body = detect_body("临江市交通运输局")
    sentence = with_note(own_sentence(row, body), render_value(row, None), row)
    assert want in sentence and never not in sentence, sentence


def test_the_parts_a_note_names_share_one_qizhong_and_the_head_is_himself() -> None:
    """Blind read r48: 其中习近平法治思想专题1次，其中厅长领学2次 in the 厅长's own 述法报告."""
    row = _row("厅党组理论学习中心组专题学法", "4", "次", "含习近平法治思想专题1次；厅长领学2次")
    assert note_pieces(row) == [("clause", "其中习近平法治思想专题1次、厅长领学2次")]
    said = self_named("全年专题学法4次，其中习近平法治思想专题1次、厅长领学2次。", "厅长")
    assert said == "全年专题学法4次，其中习近平法治思想专题1次、本人领学2次。"


def test_a_part_of_the_same_count_comes_before_a_sum_of_money() -> None:
    """Blind read r48: …罚没款共计8632.5万元，其中适用“首违不罚”… read the cases as part of the money."""
    from assistant.draft.compose.phrasing import row_sentences

    rows = rows_from_records(
        [
            {"指标": "综合执法查处案件", "数值": "2143", "单位": "件"},
            {"指标": "其中：罚没款", "数值": "863.5", "单位": "万元"},
            {"指标": "其中：适用“首违不罚”清单免予处罚", "数值": "138", "单位": "件"},
        ]
    )
    (sentence,) = row_sentences(rows, detect_body("临江市交通运输局"))
    assert sentence.index("其中适用") < sentence.index("罚没款"), sentence


def test_a_channel_part_that_rose_is_no_problem() -> None:
    """Blind read r48: 网上信访 rose while all petitions fell, and the problems part called it a problem."""
    from assistant.draft.compose.problems import figure_item, worsened

    rows = rows_from_records(
        [
            {"指标": "受理群众来信来访", "数值": "1864", "单位": "件次", "上年数值": "2137"},
            {"指标": "其中：网上信访", "数值": "1052", "单位": "件次", "上年数值": "986"},
        ]
    )
    body = detect_body("中共榆泽县委社会工作部")
    assert worsened(rows[1], body, rows) is None
    assert figure_item(rows, True, body) is None


@pytest.mark.parametrize(
    ("bad", "name"),
    [
        ("全年开展部务会会前学法12次，其中每月1次。", "part_every"),
        ("全年专题学法4次，其中专题1次，其中厅长领学2次。", "qizhong_twice"),
        ("截至11月底，全省持证执法人员6412人，省、市、县三级合计，年审合格率100%。", "bare_note"),
        ("本人出庭应诉1次，涉及3月出庭某行政处罚案。", "stray_link"),
    ],
)
def test_the_lints_find_the_note_classes_of_r48(bad: str, name: str) -> None:
    assert [d.lint for d in lint.garbled_frame([bad])] == [name]


def test_a_part_stands_before_what_else_the_note_says_of_the_whole() -> None:
    row = _row("政策措施公平竞争审查", "31", "件", "未发现违反审查标准情形；含运输补贴政策3件")
    assert [p for _k, p in note_pieces(row)] == ["其中运输补贴政策3件", "未发现违反审查标准情形"]


def test_intake_is_no_reach_of_an_activity_and_a_part_said_apart_uses_its_own_words() -> None:
    """The matrix (r48 rows): 受理群众来信来访 was said as the reach of 普法宣传活动 and its part as 全年其中：…."""
    from assistant.draft.compose.phrasing import row_sentences

    rows = rows_from_records(
        [
            {"指标": "开展普法宣传活动", "数值": "218", "单位": "场次"},
            {"指标": "受理群众来信来访", "数值": "1864", "单位": "件次"},
            {"指标": "其中：网上信访", "数值": "1052", "单位": "件次"},
        ]
    )
    said = row_sentences(rows, detect_body("宁远县杏坛镇党委"))
    assert said[0] == "全年开展普法宣传活动218场次。"
    assert "其中网上信访1052件次" in said[1] and "其中：" not in "".join(said)


@pytest.mark.parametrize(
    ("label", "value", "unit", "note", "last", "want"),
    [
        # a part with its date in brackets is a part, said after the comparison's bracket
        (
            "局党组会议专题研究法治建设",
            "4",
            "次",
            "含听取年度法治建设工作汇报1次（3月）",
            "3",
            "），其中听取年度法治建设工作汇报1次（3月）",
        ),
        # 经 of the label is no word of the frame; a longer 含 of a name follows the comparison
        (
            "重大行政决策经合法性审查",
            "3",
            "件",
            "含县城公共供水价格调整方案",
            "2",
            "对3件重大行政决策进行合法性审查（较上年增加1件），包括县城",
        ),
        # what is made is made, never checked
        ("地方性法规草案起草", "1", "件", "", "", "起草地方性法规草案1件"),
        # a made text's zero
        ("规范性文件制定", "0", "件", "", "1", "全年未制定规范性文件"),
        # parts listed in one note
        (
            "水行政许可事项办结",
            "143",
            "件",
            "取水许可38件，建设项目审批11件，其余为其他事项",
            "",
            "其中取水许可38件、建设项目审批11件，其余为其他事项",
        ),
        # a unit that led and ran it
        (
            "“送法进军休所”等普法活动覆盖",
            "3.8万人次",
            "",
            "厅政策法规处牵头组织",
            "",
            "由厅政策法规处牵头组织，全年",
        ),
    ],
)
def test_the_notes_and_frames_of_the_blind_read_r49(label, value, unit, note, last, want) -> None:
    row = _row(label, value, unit, note, last)
    sentence = with_note(own_sentence(row, detect_body("砚溪县水务局")), render_value(row, None), row)
    assert want in sentence and not lint.garbled_frame([sentence]), sentence


@pytest.mark.parametrize(
    ("bad", "name"),
    [
        ("全年对3件重大行政决策进行经合法性审查。", "frame_left"),
        ("全年无规范性文件制定（上年1件）。", "frame_left"),
        ("全年专题研究法治建设4次（较上年增加1次，含听取汇报1次（3月））。", "nested_bracket"),
        ("全年作出行政处罚决定9件，罚款合计86.4万元 均已执行到位。", "note_space"),
    ],
)
def test_the_lints_find_the_frames_of_r49(bad: str, name: str) -> None:
    assert [d.lint for d in lint.garbled_frame([bad])] == [name]


@pytest.mark.parametrize("label", ["重大项目投资审批", "政府投资项目审批", "法治文化阵地建设投入资金"])
def test_approving_investment_and_funding_the_rule_of_law_stay(label: str) -> None:
    from assistant.draft.outline.genres import get_genre

    assert not any(get_genre(g).sets_aside(label) for g in ("工作总结", "述法报告", "法治政府建设年度报告"))


@pytest.mark.parametrize(
    ("note", "read"),
    [
        ("罚款合计86.4万元 均已执行到位", "罚款合计86.4万元；均已执行到位"),
        ("参考率100%　平均分88.6分", "参考率100%；平均分88.6分"),
        ("通过 App Store 下载", "通过 App Store 下载"),
        ("含线上 ", "含线上"),
    ],
)
def test_a_space_between_the_clauses_of_a_note_is_a_clause_break(note: str, read: str) -> None:
    """Blind read r50: a clerk's notes with spaces for punctuation were pasted into the text as they stood."""
    assert _row("作出行政处罚决定", "9", "件", note).note == read


def test_the_heads_act_in_a_note_follows_the_comparison() -> None:
    """Blind read r50: （较上年增加2次，县长带头领学） put an act inside the comparison's bracket."""
    row = _row("县政府常务会议会前学法", "14", "次", "县长带头领学", "12")
    sentence = with_note(own_sentence(row, detect_body("椿陵县人民政府")), render_value(row, None), row)
    assert "（较上年增加2次），县长带头领学" in sentence, sentence


@pytest.mark.parametrize(
    ("org", "label", "value", "unit", "note", "last", "want", "never"),
    [
        # where the figure came from is the drafter's, never the prose's
        ("箐川县委政法委员会", "全县刑事案件立案", "637", "起", "县公安局提供", "702", "637起", "提供"),
        (
            "溪亭区人民检察院",
            "审查起诉环节受理案件",
            "97",
            "件",
            "以检察业务应用系统当日数据为准",
            "",
            "97件",
            "为准",
        ),
        # the rest of the decisions and one more beside the figure are no part of it
        (
            "溪亭区人民检察院",
            "批准逮捕犯罪嫌疑人",
            "287",
            "人",
            "不批准逮捕164人",
            "318",
            "，不批准逮捕164人",
            "其中",
        ),
        (
            "璐江市生态环境局",
            "局长出庭应诉",
            "2",
            "次",
            "另委托分管副局长出庭1次",
            "",
            "，另委托分管副局长出庭1次",
            "其中",
        ),
        # a doer with an adverb is a clause, a routine and a partner go before the figure
        (
            "箐川县委政法委员会",
            "山林土地权属纠纷",
            "214",
            "件",
            "已会同县林草局专项调处",
            "",
            "已会同县林草局专项调处",
            "由已",
        ),
        (
            "箐川县委政法委员会",
            "县级领导干部接访下访",
            "86",
            "人次",
            "“领导干部接访日”每月开展",
            "",
            "坚持每月开展“领导干部接访日”，",
            "每月开展。",
        ),
        (
            "箐川县委政法委员会",
            "举办政法干警业务培训",
            "9",
            "期",
            "与州委党校联合举办",
            "",
            "与州委党校联合举办政法干警业务培训9期",
            "，与",
        ),
        # the head who chaired it is the clause's subject, the act said once
        (
            "璐江市生态环境局",
            "主持局党组会议专题学法",
            "4",
            "次",
            "局长主持",
            "3",
            "局长主持局党组会议专题学法4次",
            "召开主持",
        ),
    ],
)
def test_the_notes_and_frames_of_the_blind_read_r51(org, label, value, unit, note, last, want, never) -> None:
    row = _row(label, value, unit, note, last)
    sentence = with_note(own_sentence(row, detect_body(org)), render_value(row, None), row)
    assert want in sentence and never not in sentence, sentence
    assert not lint.garbled_frame([sentence]), sentence


@pytest.mark.parametrize(
    ("label", "unit", "want"),
    [
        ("全年“案-件比”（按1:X折算的X值）", "", "为"),
        ("全市PM2.5年均浓度", "微克/立方米", "为"),
        ("民事行政诉讼监督案件", "件", "办理民事行政诉讼监督案件"),
        ("县委理论学习中心组开展法治专题学习", "次", "县委理论学习中心组开展法治专题学习6次"),
    ],
)
def test_a_level_is_no_total_and_a_case_is_handled(label: str, unit: str, want: str) -> None:
    """Blind read r51: “案-件比”共…, PM2.5年均浓度共…, 民事行政诉讼监督案件共73件, 组织县委理论学习中心组…"""
    row = _row(label, "6", unit, "", "")
    sentence = own_sentence(row, detect_body("溪亭区人民检察院"))
    assert want in sentence and "共" not in sentence and "组织县委" not in sentence, sentence


@pytest.mark.parametrize(
    ("bad", "name"),
    [
        ("立案全县刑事案件637起（较上年减少65起），由县公安局提供。", "source_left"),
        ("全年“案-件比”共1.2。", "level_total"),
        ("全年批准逮捕犯罪嫌疑人287人，其中不批准逮捕164人。", "rest_as_part"),
        ("本人出庭应诉2次，其中另委托分管副局长出庭1次。", "rest_as_part"),
        ("全年主持召开主持局党组会议专题学法4次。", "verbs_stacked"),
        ("全年县级领导干部接访下访共86人次，“领导干部接访日”每月开展。", "note_raw"),
        ("全年举办政法干警业务培训9期，与州委党校联合举办。", "note_raw"),
    ],
)
def test_the_lints_find_the_frames_of_r51(bad: str, name: str) -> None:
    assert [d.lint for d in lint.garbled_frame([bad])] == [name]


def test_a_zero_part_with_an_act_is_said_as_not_done() -> None:
    """Blind read r51: 其中实施按日连续处罚0件 hung off the 罚没款 below the penalties it was a part of."""
    rows = rows_from_records(
        [
            {"指标": "作出行政处罚决定", "数值": "186", "单位": "件"},
            {"指标": "罚没款金额", "数值": "1642.7", "单位": "万元"},
            {"指标": "其中：实施按日连续处罚", "数值": "0", "单位": "件"},
        ]
    )
    from assistant.draft.compose.phrasing import parent_of

    assert parent_of(rows[2], rows) is rows[0]


def test_sums_of_money_in_one_unit_are_compared_as_written() -> None:
    """Blind read r51: 386.5万元 against 352万元 was said 较上年有所增加; 1.2万元 against 9800元 stays rough."""
    from assistant.draft.tables.compare import comparison_for

    (row,) = rows_from_records(
        [{"指标": "平安建设专项经费", "数值": "386.5", "单位": "万元", "上年数值": "352"}]
    )
    assert comparison_for(row).text == "较上年增加34.5万元、同比增长9.8%"
    (row,) = rows_from_records(
        [{"指标": "平安建设专项经费", "数值": "1.2万", "单位": "元", "上年数值": "9800"}]
    )
    assert comparison_for(row).text == "较上年有所增加"


@pytest.mark.parametrize(
    ("org", "label", "value", "unit", "note", "last", "want", "never"),
    [
        # the office that kept the figure, named without 由, is no prose either
        ("琮南省市场监督管理局", "罚没款", "2316.8", "万元", "财务处提供", "2087.5", "2316.8万元", "提供"),
        (
            "蘅埠县自然资源局",
            "重大行政决策合法性审查",
            "3",
            "件",
            "均经法律顾问审查 政策法规股提供",
            "2",
            "均经法律顾问审查",
            "由均",
        ),
        # a note's clause after a space and a date is its own clause; who issued the things counted, in brackets
        (
            "蘅埠县自然资源局",
            "2026年度土地卫片执法图斑核查",
            "218",
            "个",
            "省厅下发 11月25日完成实地核查",
            "",
            "（由省厅下发），11月25日完成实地核查",
            " ",
        ),
        # the measure of a matter is said as written
        (
            "蘅埠县自然资源局",
            "违法用地涉及面积",
            "186.4",
            "亩",
            "其中耕地62.3亩",
            "241.7",
            "违法用地涉及面积186.4亩",
            "涉及违法用地",
        ),
        # how they spread is no part of them
        (
            "苴岭县瓴溪瑶族乡人民政府",
            "截至2026年11月底在册“法律明白人”",
            "86",
            "人",
            "每村不少于5人",
            "72",
            "，每村不少于5人",
            "其中每",
        ),
        # the project a decision was on is its name, in brackets
        (
            "苴岭县瓴溪瑶族乡人民政府",
            "重大行政决策事项",
            "1",
            "件",
            "集镇污水管网建设 已履行合法性审查程序",
            "",
            "（集镇污水管网建设），已履行",
            "1件，集镇",
        ),
        # the adviser who checked the contracts did the act
        (
            "苴岭县瓴溪瑶族乡人民政府",
            "合同合法性审查",
            "23",
            "份",
            "乡法律顾问审查",
            "17",
            "由乡法律顾问对23份合同",
            "，乡法律顾问审查",
        ),
    ],
)
def test_the_notes_and_frames_of_the_blind_read_r52(org, label, value, unit, note, last, want, never) -> None:
    row = _row(label, value, unit, note, last)
    sentence = with_note(own_sentence(row, detect_body(org)), render_value(row, None), row)
    assert want in sentence and never not in sentence, sentence
    assert not lint.garbled_frame([sentence]), sentence


def test_a_result_part_and_a_count_of_another_thing_stay_clear_of_the_parts() -> None:
    """Blind read r52: （较上年减少15件，含调解成功131件），成功率95.6%，其中土地山林权属纠纷38件 and …提出修改意见41条，
    其中工程建设类合同9份 (the 9 read as part of the 41); r61: an outcome of the whole after its parts."""
    from assistant.draft.compose.phrasing import row_sentences_with_rows

    body = detect_body("苴岭县瓴溪瑶族乡人民政府")
    rows = rows_from_records(
        [
            {
                "指标": "排查调处矛盾纠纷",
                "数值": "137",
                "单位": "件",
                "上年数值": "152",
                "备注": "调解成功131件 成功率95.6%",
            },
            {"指标": "其中：土地山林权属纠纷", "数值": "38", "单位": "件"},
            {"指标": "合同合法性审查", "数值": "23", "单位": "份", "备注": "提出修改意见41条"},
            {"指标": "其中：工程建设类合同", "数值": "9", "单位": "份"},
        ]
    )
    said = []
    for text, used in row_sentences_with_rows(rows, body):
        for row in used:
            text = with_note(text, render_value(row, None), row) if row.note else text
        said.append(text)
    # the whole's outcomes after its parts (blind read r61: 结案1241件…，其中… read the part as the outcome's)
    assert "），其中土地山林权属纠纷38件，调解成功131件，成功率95.6%" in said[0], said
    assert "其中工程建设类合同9份，提出修改意见41条" in said[1], said


@pytest.mark.parametrize(
    ("bad", "name"),
    [
        ("全年罚没款共计2316.8万元（财务处提供）。", "source_left"),
        ("建立健全了普法、学法制度，定期通过专题培训、理论讲授等形式进行法治宣传活动。", "told_done"),
        ("全年对218个图斑进行核查，省厅下发 11月25日完成实地核查。", "note_space"),
        ("截至11月底，在册“法律明白人”86人，其中每村不少于5人。", "part_every"),
        ("全年由均经法律顾问对3件重大行政决策进行合法性审查。", "note_raw"),
    ],
)
def test_the_lints_find_the_frames_of_r52(bad: str, name: str) -> None:
    assert [d.lint for d in lint.garbled_frame([bad])] == [name]


@pytest.mark.parametrize(
    ("label", "genres"),
    [
        # the volume of a body's services says nothing of its head's duties as 第一责任人 (r52), nor of its
        # 法治 work in a 法治 summary (r55: no word of law work) or a 法治政府 report (r57)
        ("不动产登记业务办理量", ("述法报告", "法治政府建设年度报告", "工作总结")),
        ("截至2026年11月底累计颁发不动产权证书", ("述法报告", "法治政府建设年度报告", "工作总结")),
        ("不动产登记线上办理占比", ("述法报告", "法治政府建设年度报告", "工作总结")),
        # …but a service the law governs is a function (政务服务, 审批, 许可)
        ("政务服务事项网上可办率", ()),
        # the stock of the regulated is no 法治 work in any 法治 genre (r52)
        ("截至2026年11月30日全省实有经营主体", ("述法报告", "法治政府建设年度报告", "工作总结")),
    ],
)
def test_business_volumes_are_set_aside_where_they_say_nothing(label: str, genres: tuple[str, ...]) -> None:
    from assistant.draft.outline.genres import get_genre

    for name in ("述法报告", "法治政府建设年度报告", "工作总结"):
        assert get_genre(name).sets_aside(label) == (name in genres), (label, name)


def test_the_head_who_explains_the_law_in_a_part_is_himself() -> None:
    """Blind read r52: …其中局长专题讲法2次 in the 局长's own 述法报告."""
    assert self_named("全年组织党组理论学习中心组集体学法6次，其中局长专题讲法2次。", "局长").endswith(
        "其中本人专题讲法2次。"
    )


def test_a_result_part_said_as_a_clause_is_said() -> None:
    """The r53 drafter's own list: 化解45起 said as a clause beside the 其中 rows was listed as a note not written."""
    from assistant.draft.compose.notes import unsaid_notes

    (row,) = rows_from_records(
        [{"指标": "民族宗教领域矛盾纠纷排查", "数值": "47", "单位": "起", "备注": "化解45起 化解率95.7%"}]
    )
    text = "全年开展民族宗教领域矛盾纠纷排查47起，化解45起，化解率95.7%，其中涉宗教活动场所房产纠纷9起。"
    assert unsaid_notes([row], text) == []


@pytest.mark.parametrize(
    ("org", "label", "value", "unit", "note", "last", "want", "never"),
    [
        # an office of the body, a federation: where the figure came from, never prose (r53)
        (
            "中共汭桐市委统一战线工作部",
            "民族宗教领域行政执法检查",
            "38",
            "次",
            "市民族宗教事务局提供",
            "",
            "38次",
            "提供",
        ),
        ("中共汭桐市委统一战线工作部", "民营企业法律体检", "86", "家", "市工商联提供", "", "86家", "提供"),
        # a review's outcome in one word, said in full
        (
            "中共汭桐市委统一战线工作部",
            "以市民族宗教事务局名义被申请行政复议",
            "1",
            "件",
            "维持",
            "",
            "经复议维持原行政行为",
            "，维持。",
        ),
        # a unit of the body as the subject of its act
        ("瑭坞县公安局", "法制大队审核案件", "2134", "件", "", "", "法制大队审核案件2134件", "进行法制大队"),
        # the act done in full, said once
        (
            "瑭坞县公安局",
            "案件审核发现问题整改",
            "86",
            "个",
            "已全部整改",
            "",
            "发现并整改问题86个",
            "已全部整改",
        ),
        # a score moves by points; who rated it is an aside
        (
            "瑭坞县公安局",
            "执法质量考评得分",
            "96.5",
            "分",
            "市局考评 全市第2名",
            "94.2",
            "较上年提高2.3分",
            "由市局",
        ),
        # a zero whose note says the label again
        (
            "瑭坞县公安局",
            "执法过错责任追究",
            "0",
            "人",
            "全年未发生执法过错追究",
            "",
            "全年未发生执法过错追究。",
            "（全年未发生",
        ),
        # a service held, never a bare noun
        (
            "中共汭桐市委统一战线工作部",
            "新联会律师服务团公益法律服务",
            "73",
            "场",
            "",
            "60",
            "开展新联会律师服务团公益法律服务73场",
            "服务共",
        ),
    ],
)
def test_the_notes_and_frames_of_the_blind_read_r53(org, label, value, unit, note, last, want, never) -> None:
    row = _row(label, value, unit, note, last)
    sentence = with_note(own_sentence(row, detect_body(org)), render_value(row, None), row)
    assert want in sentence and never not in sentence, sentence
    assert not lint.garbled_frame([sentence]), sentence


@pytest.mark.parametrize(
    ("label", "genres"),
    [
        ("截至2026年11月底全区登记社会组织", ("述法报告", "法治政府建设年度报告", "工作总结")),
        ("截至2026年11月底依法登记宗教活动场所", ("述法报告", "法治政府建设年度报告", "工作总结")),
        ("婚姻登记", ("述法报告", "法治政府建设年度报告", "工作总结")),
        ("民政事业费支出", ("述法报告", "法治政府建设年度报告", "工作总结")),
        ("受理刑事案件", ("述法报告",)),
        ("查处治安案件", ("述法报告",)),
        ("现行命案破案率", ("述法报告",)),
        ("执法办案管理中心接收涉案人员", ("述法报告",)),
        ("刑事案件法制审核", ()),
        ("社会组织执法检查", ()),
    ],
)
def test_the_business_of_the_blind_read_r53_is_set_aside(label: str, genres: tuple[str, ...]) -> None:
    from assistant.draft.outline.genres import get_genre

    for name in ("述法报告", "法治政府建设年度报告", "工作总结"):
        assert get_genre(name).sets_aside(label) == (name in genres), (label, name)


@pytest.mark.parametrize(
    "bad",
    [
        "全年对2134件案件进行法制大队审核。",
        "执法质量考评得分为96.5分（较上年增加2.3分、同比增长2.4%）。",
        "全年案件审核发现并整改问题86个，已全部整改。",
        "全年执法过错责任追究0人（全年未发生执法过错追究）。",
        "全年以市民族宗教事务局名义被申请行政复议1件，维持。",
        "全年开展民族宗教领域行政执法检查38次（由市民族宗教事务局提供）。",
    ],
)
def test_the_lints_find_the_frames_of_r53(bad: str) -> None:
    assert lint.garbled_frame([bad]), bad


def test_the_unused_list_names_a_figure_once_and_no_source_note() -> None:
    """The r54 drafter's own list: 抚恤补助资金发放 3126.4万元元, and 备注：县法律援助中心提供（备注未写入草稿…）
    for a note that only named where the figure came from."""
    from assistant.draft.compose.phrasing import unstated

    rows = rows_from_records(
        [
            {"指标": "抚恤补助资金发放", "数值": "3126.4万元", "单位": ""},
            {"指标": "退役军人法律援助", "数值": "23", "单位": "件", "备注": "县法律援助中心提供"},
        ]
    )
    listed = unstated(rows, "全年办理退役军人法律援助23件。", aside=[rows[0]])
    assert listed == [
        "抚恤补助资金发放 3126.4万元（不属于法治建设工作，本文种不写入；如确需写入，请自行补充）"
    ], listed


@pytest.mark.parametrize(
    ("org", "label", "value", "unit", "note", "last", "want", "never"),
    [
        # a unit of another body that checked, in the word of the same act
        (
            "中共琬沱县委宣传部",
            "重大事项合法性审查",
            "9",
            "件",
            "县委政法委法规科审核",
            "7",
            "由县委政法委法规科对9件重大事项",
            "，县委政法委法规科审核",
        ),
        # the partner before the act the label implies
        (
            "中共琬沱县委宣传部",
            "新闻出版版权行政执法检查",
            "46",
            "次",
            "会同县文旅局开展",
            "38",
            "全年会同县文旅局开展新闻出版版权行政执法检查46次",
            "，会同",
        ),
        # the body's own office by its one-letter name
        (
            "中共琬沱县委宣传部",
            "部机关干部参加法治培训",
            "38",
            "人次",
            "",
            "",
            "组织本部机关干部参加法治培训38人次",
            "组织部机关",
        ),
        # words a clerk listed with spaces in the label's bracket
        (
            "霁岑县退役军人事务局",
            "合法性审查（合同 文件 决策）",
            "17",
            "件",
            "",
            "12",
            "（合同、文件、决策）",
            "合同 文件",
        ),
        # a 0 whose note of none names the label's matter in other words: the note is the sentence
        (
            "霁岑县退役军人事务局",
            "行政规范性文件",
            "0",
            "件",
            "全年未制发规范性文件",
            "0",
            "全年未制发规范性文件（上年亦未制发）",
            "0件",
        ),
        (
            "蓼垣市人民政府",
            "规范性文件备案审查纠错",
            "0",
            "件",
            "全年未发现需纠错文件",
            "",
            "全年未发现需纠错文件",
            "0件",
        ),
        # staff who hold a licence are had, never hired; cases taken are said as written
        ("蓼垣市人民政府", "公职律师", "126", "名", "", "108", "现有公职律师126名", "聘请"),
        ("蓼垣市人民政府", "行政复议收案", "486", "件", "", "412", "全年行政复议收案486件", "收案行政复议"),
    ],
)
def test_the_notes_and_frames_of_the_blind_read_r54(org, label, value, unit, note, last, want, never) -> None:
    row = _row(label, value, unit, note, last)
    sentence = with_note(own_sentence(row, detect_body(org)), render_value(row, None), row)
    assert want in sentence and never not in sentence, sentence
    assert not lint.garbled_frame([sentence]), sentence


@pytest.mark.parametrize(
    "label",
    # r54: a 退役军人事务局's people it serves, its service stations and its job results in a 述法报告;
    # the same class for other departments (a 民政局's 低保对象, a 乡村振兴局's 帮扶对象, a 人社局's 新增就业)
    [
        "优抚对象（截至2026年11月底）",
        "退役军人服务站",
        "退役军人就业创业",
        "城乡低保对象",
        "监测帮扶对象",
        "退役军人服务站（截至2026年11月底）",
        "养老服务站点",
    ],
)
def test_the_stock_a_body_serves_is_set_aside_in_a_heads_report(label: str) -> None:
    from assistant.draft.outline.genres import get_genre

    assert all(get_genre(g).sets_aside(label) for g in ("述法报告", "法治政府建设年度报告", "工作总结"))


@pytest.mark.parametrize(
    "label",
    [
        "公共法律服务站",
        "法律援助对象",
        "社区矫正对象",
        "退役军人信访",
        "安置帮教对象",
        "优抚对象权益维护投诉",
    ],
)
def test_law_work_on_the_people_served_stays_in_a_heads_report(label: str) -> None:
    from assistant.draft.outline.genres import get_genre

    assert not get_genre("述法报告").sets_aside(label)


@pytest.mark.parametrize("label", ["政务服务一网通办事项", "全程网办事项", "行政许可事项", "即办事项"])
def test_matters_counted_by_item_are_a_lists_entries_never_cases_handled(label: str) -> None:
    """Blind read r54: 办理政务服务一网通办事项1873项 (1873 matters can be handled online, none were)."""
    (row,) = rows_from_records([{"指标": label, "数值": "1873", "单位": "项"}])
    for org in ("蓼垣市人民政府", "汶安市市场监督管理局", "青禾县行政审批服务局"):
        said = own_sentence(row, detect_body(org))
        assert "办理" not in said and f"{label}共1873项" in said, said


# blind read r55: a court, a development zone and a city education bureau
R55_BODIES = (
    "璟阳县人民法院",
    "玥川经济技术开发区管理委员会",
    "珙宁市教育局",
    "汶安市市场监督管理局",
    "青禾县司法局",
)


def _noted(label: str, value: str, unit: str, note: str, body: str, last: str = "") -> str:
    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last, "备注": note}])
    return with_note(own_sentence(row, detect_body(body)), render_value(row, None), row)


@pytest.mark.parametrize("body", R55_BODIES)
@pytest.mark.parametrize(
    ("label", "unit", "note", "gone"),
    [
        # who counted it is provenance, never prose (r55: （…，审判管理办公室统计）)
        ("受理各类案件", "件", "同比上升4.9%；审判管理办公室统计", "统计"),
        ("合法性审核合同、协议及文件", "件", "提出修改意见574条；综合法务部统计", "统计"),
        ("受理教育信访事项", "件", "办结率100%；信访科统计", "统计"),
        ("行政执法案件", "件", "市司法局汇总 含简易程序", "汇总"),
        # a note that only compares with last year says what the bracket says (r55: 同比下降1.3个百分点 twice)
        ("一审服判息诉率", "%", "同比下降1.3个百分点，主要受系列案件集中上诉影响", "同比下降"),
    ],
)
def test_a_notes_provenance_and_its_comparison_are_not_said(label, unit, note, gone, body):
    last = "92.6" if unit == "%" else "11903"
    value = "91.3" if unit == "%" else "12486"
    sentence = _noted(label, value, unit, note, body, last)
    assert gone not in sentence and not lint.garbled_frame([sentence]), sentence


@pytest.mark.parametrize("body", R55_BODIES)
def test_words_a_clerk_listed_with_spaces_in_a_note_are_a_list(body):
    sentence = _noted(
        "重大行政决策事项", "5", "项", "均履行公众参与 专家论证 风险评估 合法性审查 集体讨论决定程序", body
    )
    assert "均履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序" in sentence, sentence
    # figures in a spaced note stay clauses (r54: 废止2件 修订3件)
    sentence = _noted("清理规范性文件", "14", "件", "废止2件 修订3件", body)
    assert "废止2件、修订3件" in sentence or "废止2件，修订3件" in sentence, sentence


@pytest.mark.parametrize("body", R55_BODIES)
def test_the_years_count_a_rate_is_of_goes_before_it(body):
    sentence = _noted("行政机关负责人出庭应诉率", "100", "%", "全年审理行政诉讼案件87件", body)
    assert sentence.startswith("全年审理行政诉讼案件87件，") and "涉及" not in sentence, sentence


@pytest.mark.parametrize(
    ("label", "unit", "want"),
    [
        ("连续3年获评省级依法治校示范校", "所", "有11所学校连续3年获评省级依法治校示范校"),
        ("被评为省级守法诚信企业", "家", "有11家企业被评为省级守法诚信企业"),
        (
            "连续2年获评区级民主法治示范社区",
            "个",
            "有11个社区连续2年获评区级民主法治示范社区",
        ),  # r56: never 现有连续…
        ("法治副校长配备覆盖全市公办中小学", "%", "法治副校长配备覆盖全市公办中小学的比例达11%"),
    ],
)
@pytest.mark.parametrize("body", R55_BODIES)
def test_an_honour_counts_what_won_and_a_coverage_is_a_share(label, unit, want, body):
    (row,) = rows_from_records([{"指标": label, "数值": "11", "单位": unit}])
    sentence = own_sentence(row, detect_body(body))
    assert want in sentence and not sentence.startswith("全年"), sentence


@pytest.mark.parametrize(
    "label",
    [
        "在校学生",
        "普通高考本科上线率",
        "全市教育经费总投入",
        "新建改扩建中小学幼儿园",
        "学生体质健康测试优良率",
    ],
)
def test_a_figure_naming_no_law_work_is_set_aside_in_a_heads_report_and_a_summary(label):
    """Blind read r55: a 教育局's 法治建设工作总结 said its schools, pupils, funding and exam results."""
    from assistant.draft.outline.genres import get_genre

    # …and in a 法治政府 report (blind read r57: a 住建局's 保租房 and 老旧小区改造 counts)
    assert all(get_genre(g).sets_aside(label) for g in ("述法报告", "法治政府建设年度报告", "工作总结"))
    assert not get_genre("工作总结").sets_aside(label, "依法公开招生政策")  # a note of law work keeps it


@pytest.mark.parametrize(
    ("bad", "name"),
    [
        ("全年受理各类案件12486件（较上年增加583件、同比上升4.9%，审判管理办公室统计）。", "source_left"),
        ("一审服判息诉率为91.3%（较上年下降1.3个百分点），同比下降1.3个百分点。", "compared_twice"),
        ("行政机关负责人出庭应诉率达100%，涉及全年审理行政诉讼案件87件。", "note_split"),
        ("全年依法作出重大行政决策事项5项（专家论证；风险评估），均履行公众参与。", "note_split"),
        ("连续3年获评省级依法治校示范校共11所。", "note_split"),
        ("法治副校长配备覆盖全市公办中小学为100%。", "note_split"),
        ("全年办理行政执法案件8642件、政务服务一网通办事项1873项。", "note_split"),
        ("全年主持审判委员会会议22次，涉及讨论决定重大疑难复杂案件47件。", "note_split"),
        # r56
        ("全年受理矛盾纠纷361件，其中调解成功356件，街道人民调解委员会及11个社区调委会汇总。", "source_left"),
        ("全年通过区政府复议维持原行政行为被申请行政复议案件1件。", "note_split"),
        ("截至2026年11月底，法治乡村示范村创建覆盖12个乡镇，已覆盖全部乡镇。", "note_split"),
        ("全年普法宣传活动覆盖居民1.8万人次，民法典宣传月、国家安全教育日、宪法宣传周。", "note_split"),
        ("现有政法队伍违纪违法人员3人（较上年减少2人）。", "note_split"),
        # r57
        ("全年提出刑事抗诉0件（经审查未发现确有错误需提出抗诉的刑事裁判）。", "note_split"),
        (
            "全年依法作出重大行政决策事项2项，《城镇老旧小区改造实施方案》，《住宅专项维修资金管理办法》。",
            "note_split",
        ),
        ("全年审核干部人事档案专项1240卷。", "note_split"),
        # r58
        ("全年全市组织应急系统执法人员执法能力轮训460人次。", "note_split"),
        ("连续3年获评市法治政府建设考核中3年等次被评为优秀。", "note_split"),
        ("全年办理安全生产举报投诉218件，“12350”热线受理。", "note_split"),
    ],
)
def test_the_lints_find_the_frames_of_r55(bad: str, name: str) -> None:
    assert name in [d.lint for d in lint.garbled_frame([bad])]


# blind read r56: a street office's director, a county agriculture bureau, a city 政法委's secretary
R56_BODIES = (
    "珩州市蓁溪区琳湖街道办事处",
    "沄江县农业农村局",
    "中共璞阳市委政法委员会",
    "汶安市市场监督管理局",
)


@pytest.mark.parametrize("body", R56_BODIES)
@pytest.mark.parametrize(
    ("label", "unit", "note", "gone"),
    [
        ("受理矛盾纠纷", "件", "街道人民调解委员会及11个社区调委会汇总；调解成功356件", "汇总"),
        ("其中：经法律顾问审查的合同协议", "份", "街道法律顾问单位提供", "提供"),
        ("农村土地承包经营纠纷仲裁案件", "件", "县农村土地承包仲裁委员会提供；调解结案5件 裁决2件", "提供"),
        ("政法队伍违纪违法人员", "人", "市纪委监委驻市委政法委纪检监察组提供", "提供"),
    ],
)
def test_the_units_that_kept_or_counted_a_figure_are_provenance(label, unit, note, gone, body):
    sentence = _noted(label, "28", unit, note, body)
    assert gone not in sentence and not lint.garbled_frame([sentence]), sentence


@pytest.mark.parametrize("body", R56_BODIES)
def test_a_reviews_outcome_follows_the_figure(body):
    sentence = _noted("行政复议案件", "1", "件", "经区政府复议维持原行政行为", body)
    assert sentence.endswith("1件，经区政府复议维持原行政行为。") and "通过" not in sentence, sentence


@pytest.mark.parametrize("body", R56_BODIES)
def test_a_whole_reached_is_said_once(body):
    sentence = _noted("法治乡村示范村创建覆盖乡镇", "12", "个", "已覆盖全部乡镇", body)
    assert "实现乡镇全覆盖" in sentence and "已覆盖全部" not in sentence, sentence


@pytest.mark.parametrize("body", R56_BODIES)
def test_the_days_of_publicity_lead_and_a_causes_list_stays_one_clause(body):
    sentence = _noted("普法宣传活动覆盖居民", "1.8万人次", "", "民法典宣传月 国家安全教育日 宪法宣传周", body)
    assert sentence.startswith("结合民法典宣传月、国家安全教育日、宪法宣传周等重要节点，"), sentence
    sentence = _noted("一审民商事案件结案率", "95.3", "%", "主要受金融借款 物业纠纷案件数量增长影响", body)
    assert "主要受金融借款、物业纠纷案件数量增长影响" in sentence and not lint.garbled_frame([sentence]), (
        sentence
    )


@pytest.mark.parametrize("body", R56_BODIES)
@pytest.mark.parametrize("label", ["政法队伍违纪违法人员", "受到党纪政务处分人员", "违规违法执法人员"])
def test_people_counted_by_their_misconduct_are_no_stock(label, body):
    (row,) = rows_from_records([{"指标": label, "数值": "3", "单位": "人"}])
    assert "现有" not in own_sentence(row, detect_body(body))


@pytest.mark.parametrize("body", R56_BODIES)
def test_a_label_that_says_its_own_years_takes_the_figure_in_their_place(body):
    (row,) = rows_from_records([{"指标": "连续3年获评全省平安建设优秀市", "数值": "3", "单位": "年"}])
    assert own_sentence(row, detect_body(body)).startswith("连续3年获评全省平安建设优秀市")


@pytest.mark.parametrize(
    "label", ["局机关及下属事业单位在编人员", "全市政法干警", "机关干部职工", "全县教师"]
)
def test_a_headcount_is_set_aside_in_every_genre(label):
    from assistant.draft.outline.genres import get_genre

    assert all(get_genre(g).sets_aside(label) for g in ("述法报告", "法治政府建设年度报告", "工作总结"))
    assert not get_genre("法治政府建设年度报告").sets_aside("全市持证执法人员")


def test_no_problem_names_another_kinds_figure_or_the_state_of_what_is_inspected():
    """Blind read r56: a 政法委's first problem was the courts' 结案率, a 农业农村局's its fertiliser's pass rate."""
    from assistant.draft.compose.problems import worsened

    rows = rows_from_records(
        [
            {"指标": "全市法院一审民商事案件结案率", "数值": "95.3", "单位": "%", "上年数值": "96.1"},
            {"指标": "农资监督抽检合格率", "数值": "97.2", "单位": "%", "上年数值": "98.1"},
            {"指标": "执法案卷评查合格率", "数值": "92", "单位": "%", "上年数值": "96"},
        ]
    )
    committee, bureau, court = (
        detect_body(o) for o in ("中共璞阳市委政法委员会", "沄江县农业农村局", "璞阳市中级人民法院")
    )
    assert worsened(rows[0], committee) is None and worsened(rows[1], bureau) is None
    assert worsened(rows[0], court) == "下降"  # a court's own courts' figure is its own
    assert worsened(rows[2], bureau) == "下降"  # the quality of the body's own files is its own


@pytest.mark.parametrize(
    ("done", "kept"), [("调解成功356件", True), ("办结350件", True), ("调解成功200件", False)]
)
def test_an_intake_whose_note_counts_it_done_is_no_pressure(done, kept):
    """The matrix's r56 rows: 受理矛盾纠纷 rose 12 %, its note 调解成功356件 of 361, and the draft said the
    work outgrew its staff (办理力量…还不相适应)."""
    from assistant.draft.compose.problems import pressure_item

    rows = rows_from_records(
        [
            {
                "指标": "受理矛盾纠纷",
                "数值": "361",
                "单位": "件",
                "上年数值": "300",
                "备注": f"街道调委会汇总；{done}",
            }
        ]
    )
    assert (pressure_item(rows, True, detect_body("珩州市蓁溪区琳湖街道办事处")) is None) == kept


@pytest.mark.parametrize(
    ("label", "plan", "want"),
    [
        (
            "截至2026年11月底市县乡三级综治中心规范化建设覆盖率",
            "推动综治中心规范化建设，健全…",
            "巩固综治中心规范化建设成果",
        ),
        ("村（社区）法律顾问覆盖率", "加快推进村（社区）法律顾问全覆盖", "巩固村（社区）法律顾问全覆盖成果"),
        ("行政执法人员持证上岗落实率", "推动行政执法人员持证上岗", "巩固行政执法人员持证上岗成果"),
    ],
)
def test_a_plan_never_pushes_toward_what_the_table_says_is_done(label, plan, want):
    """Blind read r56: 推动综治中心规范化建设 in a plan beside a coverage of 100 %."""
    from assistant.draft.compose.problems import done_matters, kept_up

    rows = rows_from_records([{"指标": label, "数值": "100", "单位": "%"}])
    assert want in kept_up(plan, done_matters(rows))
    assert (
        kept_up(plan, done_matters(rows_from_records([{"指标": label, "数值": "96", "单位": "%"}]))) == plan
    )


# blind read r57: a county procuratorate, a city housing bureau, a county party organisation department
R57_BODIES = ("瑜川县人民检察院", "玳州市住房和城乡建设局", "中共琤阳县委组织部", "沄江县农业农村局")


@pytest.mark.parametrize("body", R57_BODIES)
def test_a_zero_with_its_reason_says_the_reason_then_the_none(body):
    from assistant.draft.compose.phrasing import row_sentences

    def said(label: str, note: str, last: str = "") -> str:
        rows = rows_from_records([{"指标": label, "数值": "0", "单位": "件", "上年数值": last, "备注": note}])
        return "".join(row_sentences(rows, detect_body(body)))

    sentence = said("提出刑事抗诉", "经审查未发现确有错误需提出抗诉的刑事裁判", "1")
    assert sentence.startswith("经审查未发现确有错误需提出抗诉的刑事裁判，全年未提出刑事抗诉（上年1件）"), (
        sentence
    )
    sentence = said("党内规范性文件报送备案审查", "本年度部里未制定党内规范性文件")
    assert "部里" not in sentence and "0件" not in sentence and "本部" in sentence, sentence


@pytest.mark.parametrize("body", R57_BODIES)
@pytest.mark.parametrize("yes", ["是", "有", "√"])
def test_an_honour_answered_yes_is_the_bodys_and_who_named_it_is_in_the_sentence(body, yes):
    (row,) = rows_from_records(
        [{"指标": "连续2年获评全市优秀基层单位", "数值": yes, "单位": "", "备注": "市委依法治市办通报"}]
    )
    from assistant.draft.compose.phrasing import honour_sentence, single_honour

    assert row.number == 1 and single_honour(row)
    said = honour_sentence(row, detect_body(body))
    assert "连续2年被市委依法治市办评为全市优秀基层单位" in said and "（" not in said, said


@pytest.mark.parametrize("body", R57_BODIES)
def test_a_count_after_a_space_is_a_clause_and_documents_are_named(body):
    sentence = _noted(
        "首次信访7日内程序性回复率", "98.6", "%", "主要受11月集中来访量增加影响 2件回复超期", body, "100"
    )
    assert "影响，2件回复超期" in sentence, sentence
    sentence = _noted(
        "重大行政决策事项", "2", "项", "《老旧小区改造实施方案》 《住宅专项维修资金管理办法》", body
    )
    assert "2项，分别为《老旧小区改造实施方案》和《住宅专项维修资金管理办法》" in sentence, sentence


@pytest.mark.parametrize("body", R57_BODIES)
def test_a_manner_between_the_object_and_its_check_goes_with_the_check(body):
    (row,) = rows_from_records([{"指标": "干部人事档案专项审核", "数值": "1240", "单位": "卷"}])
    assert "对1240卷干部人事档案进行专项审核" in own_sentence(row, detect_body(body))


def test_reports_a_bodys_own_reporting_line_takes_are_no_problem():
    """Blind read r57: 受理12380举报 rose and the 组织部's first problem and plan were to 扭转 it."""
    (row,) = rows_from_records([{"指标": "受理12380举报", "数值": "27", "单位": "件", "上年数值": "19"}])
    assert direction(row.label, "件", detect_body("中共琤阳县委组织部")).good == "neutral"


# blind read r58: a town's party secretary, a city emergency bureau, a county government
R58_BODIES = ("中共琰川县瑷溪镇委员会", "璘州市应急管理局", "珺山县人民政府", "瑜川县人民检察院")


@pytest.mark.parametrize("body", R58_BODIES)
def test_the_units_a_figure_counts_are_named_after_it_and_its_part_follows(body):
    sentence = _noted(
        "县级以上民主法治示范村",
        "5",
        "个",
        "上坪村 石桥村 枫湾村 竹园村 新塘村 其中上坪村连续2年获评市级",
        body,
    )
    assert "5个，分别为上坪村、石桥村、枫湾村、竹园村、新塘村，其中上坪村连续2年获评市级" in sentence, (
        sentence
    )


@pytest.mark.parametrize("body", R58_BODIES)
def test_the_line_cases_came_in_by_goes_with_their_act(body):
    sentence = _noted("安全生产举报投诉", "218", "件", "“12350”热线受理 办结率100%", body)
    assert "通过“12350”热线" in sentence and not sentence.endswith("热线受理。"), sentence


@pytest.mark.parametrize("body", R58_BODIES)
@pytest.mark.parametrize(
    ("label", "unit", "want"),
    [
        ("连续3年获评市法治政府建设考核优秀等次", "年", "连续3年获评市法治政府建设考核优秀等次"),
        ("组织全市应急系统执法人员参加执法能力轮训", "人次", "组织全市应急系统执法人员"),
    ],
)
def test_an_honours_rank_and_whose_people_stay_as_the_label_says(label, unit, want, body):
    (row,) = rows_from_records([{"指标": label, "数值": "3", "单位": unit}])
    sentence = own_sentence(row, detect_body(body))
    assert want in sentence and "全市组织" not in sentence and "被评为优秀" not in sentence, sentence


def test_a_grade_for_last_years_value_is_said_in_the_note():
    """The drafter's refusal before blind read r58: 上年数值“良好”不是数字."""
    (row,) = rows_from_records(
        [{"指标": "市级法治建设考核等次", "数值": "优秀", "单位": "", "上年数值": "良好"}]
    )
    assert row.last is None and "上年为良好等次" in (row.note or "")


@pytest.mark.parametrize(
    "org", ["中共琰川县瑷溪镇委员会", "中共珺山县石岭乡委员会", "中共珺山县城关街道工作委员会"]
)
def test_a_township_party_committee_reports_its_governments_cases_as_the_governments(org, tmp_path):
    """Blind read r58: a 镇党委书记's report said 全年应诉行政诉讼案件1件 and 负责人出庭应诉率达100% as the 党委's."""
    from assistant.draft.compose.profile import Profile
    from assistant.draft.compose.sections import _office_for

    body = detect_body(org)
    rows = rows_from_records(
        [
            {"指标": "行政诉讼案件", "数值": "1", "单位": "件", "备注": "涉宅基地审批 一审胜诉"},
            {"指标": "负责人出庭应诉率", "数值": "100", "单位": "%"},
            {"指标": "排查调处矛盾纠纷", "数值": "312", "单位": "件"},
        ]
    )
    profile = Profile(org=org, body=body, rows=rows)
    office = body.role("office")
    assert office and _office_for(rows[:1], profile) == office and _office_for(rows[1:2], profile) == office
    assert _office_for(rows[2:], profile) == ""  # the committee's own work keeps its voice
    government = Profile(org=org.replace("中共", "").replace("委员会", "人民政府"), body=None, rows=rows)
    assert _office_for(rows[:1], government) == ""
    sentence = _noted("行政诉讼案件", "1", "件", "涉宅基地审批 一审胜诉", org)
    assert sentence.endswith("1件（涉宅基地审批），一审胜诉。"), sentence
