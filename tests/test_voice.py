"""Reused sentences in the user's voice, and the voice audit (draft/voice.py, draft/phrasing.py)."""

from __future__ import annotations

import pytest

from assistant.draft.compose.phrasing import link_compounds, row_sentences
from assistant.draft.tables.metrics import rows_from_records
from assistant.draft.voice.adapt import adapt, contradicts, voice_audit
from assistant.ingest.cleaning import mend
from assistant.lang.bodies import detect_body


def reused(text: str) -> str:
    """A sentence as the index holds it: past reports' slips mended at ingest."""
    return mend(text)[0]


TOWN = detect_body("青山县红星镇党委")
BUREAU = detect_body("青山县司法局")
DISTRICT = detect_body("江北区人民政府")
AUDIT = detect_body("青山县审计局")


def test_self_references_and_organs_swapped_as_a_set():
    assert (
        adapt("今年以来，我乡召开乡党委会议研究法治建设工作3次", BUREAU)
        == "全年，我局召开局党组会议研究法治建设工作3次"
    )
    assert adapt(reused("列入局党组理论中心组学习计划"), TOWN) == "列入镇党委理论学习中心组学习计划"
    assert (
        adapt("将习近平法治思想作为党（工）委理论学习中心组集体学习的重要内容", BUREAU)
        == "将习近平法治思想作为局党组理论学习中心组集体学习的重要内容"
    )
    assert (
        adapt("在县委、县政府的坚强领导下，我局始终把学法用法作为重要途径", TOWN)
        == "在县委、县政府的坚强领导下，我镇始终把学法用法作为重要途径"
    )
    assert adapt("县政府常务会议专题学法4次", DISTRICT) == "区政府常务会议专题学法4次"


def test_superiors_made_general_or_the_users():
    assert (
        adapt("全面落实中央和省州县党委关于全面依法治省、治州、治县的工作要求", BUREAU)
        == "全面落实党中央和县委、县政府关于全面依法治国的工作要求"  # a bureau's own superiors (r10)
    )
    assert adapt("在县委、县政府的坚强领导下，全区上下", DISTRICT).startswith("在区委的坚强领导下")
    custom = detect_body("青山县司法局", superiors="市委、县委、县政府")
    assert (
        adapt("认真贯彻中央、省委、市委和县委的决策部署", custom)
        == "认真贯彻党中央和市委、县委、县政府的决策部署"
    )
    assert adapt("市、县两级联动", BUREAU) == "市、县两级联动"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("把机构编制法制宣传教育作为机构编制工作的一项重要内容", BUREAU),
        ("制定《乡党委会议事规则》", DISTRICT),
        ("提升政府立法质效", DISTRICT),
        ("办理行政复议案件64件", TOWN),
        ("办理行政复议案件64件", AUDIT),
        ("支持本级人大、政府、政协、法院、检察院依法依章程履职", TOWN),
        ("积极推进政法队伍教育整顿", AUDIT),
        ("召开户长会12场次", BUREAU),
        ("规范依法治乡委员会协调小组运行", BUREAU),
        ("充分发挥党委统揽全局、协调各方的作用", BUREAU),
    ],
)
def test_other_bodies_functions_are_dropped(text, body):
    assert adapt(text, body) is None


def test_allowed_functions_are_kept():
    assert adapt("办理行政复议案件64件", BUREAU) == "办理行政复议案件64件"
    assert adapt("办理行政复议案件64件", DISTRICT) == "办理行政复议案件64件"
    assert adapt("召开户长会12场次", TOWN) == "召开户长会12场次"
    assert adapt("充分发挥党委统揽全局、协调各方的作用", TOWN) == "充分发挥党委统揽全局、协调各方的作用"
    assert adapt("不断健全乡级单位的组织机构", TOWN) == "不断健全镇直各单位的组织机构"


def test_voice_audit_catches_a_planted_bureau_organ_in_a_township_draft():
    findings = voice_audit("全年，我镇列入局党组理论中心组学习计划。普法宣传23场次。", TOWN)
    assert [f.word for f in findings] == ["局党组"]
    assert "局党组" in findings[0].sentence and "政府工作部门" in findings[0].reason
    assert voice_audit("全年，我镇列入镇党委理论学习中心组学习计划。", TOWN) == []
    words = {f.word for f in voice_audit("提升政府立法质效。推进依法治乡。党（工）委研究3次。", BUREAU)}
    assert {"政府立法", "依法治乡", "党（工）委"} <= words


def test_claim_that_contradicts_a_user_figure():
    rows = rows_from_records([{"指标": "行政复议案件", "数值": "37", "单位": "件"}])
    assert contradicts("【待确认】各项工作没有申请行政复议的情况", rows)
    assert not contradicts("依法办理行政复议案件", rows)


def test_figures_get_their_own_verbs():
    rows = rows_from_records(
        [
            {"指标": "普法宣传活动", "数值": "23", "单位": "场次"},
            {"指标": "普法覆盖人次", "数值": "5600", "单位": "人次"},
            {"指标": "行政复议案件办理", "数值": "64", "单位": "件"},
            {"指标": "社区矫正对象", "数值": "210", "单位": "人"},
            {"指标": "公共法律服务站点", "数值": "18", "单位": "个"},
            {"指标": "负责人出庭应诉率", "数值": "100%"},
        ]
    )
    out = row_sentences(rows, BUREAU)
    assert out == [
        "全年开展普法宣传活动23场次，覆盖群众5600人次。",
        "全年办理行政复议案件64件。",
        "加强社区矫正监督管理，接收和管理社区矫正对象210人。",
        "推进现代公共法律服务体系建设，建成公共法律服务站点18个。",
        "负责人出庭应诉率达100%。",
    ]
    assert row_sentences(rows[2:3], AUDIT) == ["全年被申请行政复议案件64件。"]
    assert link_compounds("开展普法宣传23场次5600人次") == "开展普法宣传23场次，覆盖5600人次"


def test_wording_repairs_from_the_blind_read():
    """Phrases a blind reader had to fix in reused sentences are repaired, per body where it matters."""
    from assistant.draft.voice.adapt import adapt
    from assistant.lang.bodies import detect_body

    township = detect_body("平安县清河乡党委")
    out = adapt(
        reused(
            "乡党委会议定期听取人大、政府工作汇报，全年，本人认真学习《宪法》《民法典》等党内法规，"
            "有力推进法治政府建设工作，面向挂点居委会开展普法，努力建设一支业务精的管部队伍。"
        ),
        township,
    )
    assert out is not None
    for wrong in ("听取人大、", "全年，本人", "等党内法规", "法治政府建设", "居委会", "管部队伍"):
        assert wrong not in out, wrong
    for right in ("人大主席团", "本人全年", "等法律法规和党内法规", "推进法治建设", "挂点村", "干部队伍"):
        assert right in out, right
    government = detect_body("南湖市北塘区人民政府")
    assert adapt(reused("深入推进政府法律顾问工作制，组织开展学习法用法考试。"), government) == (
        "深入推进政府法律顾问制度，组织开展学法用法考试。"
    )
    bureau = detect_body("白沙县司法局")
    assert "深入推进法律顾问制度" in adapt(reused("深入推进政府法律顾问工作制。"), bureau)
    # a government's own 法治政府建设 stays
    assert "法治政府建设" in adapt("有力推进法治政府建设工作。", government)


def test_wording_repairs_of_the_second_blind_read():
    from assistant.draft.voice.adapt import adapt
    from assistant.lang.bodies import detect_body

    government = detect_body("南湖市北塘区人民政府")
    assert adapt(reused("组织开展好学法用法考试。"), government) == "组织开展学法用法考试。"
    assert adapt(reused("在对习近平法治思想、法律法规学习上，还不够深入。"), government) == (
        "对习近平法治思想、法律法规的学习还不够深入。"
    )
    assert "政府治理体系" in adapt("加快构建职责明确、依法行政的法治体系。", government)
    assert "法治体系" in adapt("加快构建职责明确、依法行政的法治体系。", detect_body("平安县清河乡党委"))


def test_a_government_answers_to_the_state_council_and_owns_only_its_procedures():
    assert (
        adapt("全面落实中央和省州县党委关于法治建设的决策部署", DISTRICT)
        == "全面落实党中央、国务院和上级党委、政府关于法治建设的决策部署"
    )
    assert (
        adapt("完善党（工）委、政府议事决策程序，重大行政决策实现合法性审查全覆盖", DISTRICT)
        == "完善区政府议事决策程序，重大行政决策实现合法性审查全覆盖"
    )
    street = detect_body("朝阳区和平街道办事处")
    reform = "配合推进“一支队伍管执法”改革，推动执法由“碎片化”向“一体化”转变"
    assert adapt(reform, DISTRICT) is None  # the district leads that reform
    assert adapt(reform, street) == reform
    assert adapt("督促班子成员开展面向分管部门和挂点居委会普法授课活动", BUREAU) is None
    notice = adapt("通过党务政务公开等形式加强监督，认真做好我乡工作宣传栏信息维护和更新", DISTRICT)
    assert notice == "通过政务公开等形式加强监督，认真做好我区政务公开平台信息维护和更新"


def test_wording_repairs_of_reused_phrases():
    assert adapt(reused("严格履行党风廉政建设“一岗双责”"), BUREAU) == "严格履行全面从严治党主体责任"
    assert "在履职尽责中自觉提高" in adapt(reused("以案释法，在履职尽责的基础上自觉提高依法行政意识"), BUREAU)
    assert adapt(reused("在推进综合行政执法规范年上下功夫，打造纪律严明执法队伍"), BUREAU).startswith(
        "在推进严格规范公正文明执法上下功夫"
    )
    assert (
        adapt(reused("参与重要行政决策论证，对具体行政行为提出法律意见"), TOWN)
        == "参与重大决策论证，提出法律意见"
    )
    assert "重要任务亲自督办" in adapt(reused("坚持重要工作亲自部署、重要案件亲自督办"), DISTRICT)
    assert "“安全生产月”、国际禁毒日、国家宪法日" in adapt(
        reused("利用安全生产宣传月、禁毒宣传日、宪法宣传日等活动开展集中宣传"), TOWN
    )


def test_once_only_topics():
    from assistant.draft.compose.tidy import topics

    assert topics("持之以恒落实中央“八项规定”精神") == {"八项规定"}
    # a quoted practice of four or more letters is a topic of its own: “枫桥经验” is said once
    # …and the five-year 普法 plan, said once however it is quoted (blind read r39: “九五”普法 twice)
    assert topics("深化新时代“枫桥经验”实践，落实“第一议题”制度，“八五”普法") == {
        "“枫桥经验”",
        "“第一议题”",
        "普法规划",
    }
    assert topics("深化以案释法") == {"以案释法"}
    assert topics("严格履行党风廉政建设“一岗双责”") == topics("健全完善党风廉政建设责任制") == {"廉政责任"}
    assert topics("机关每年开展一次法律知识考试") == topics("公务员年度学法考试") == {"学法考试"}


def test_figure_leads_name_the_work():
    rows = rows_from_records([{"指标": "矛盾纠纷调解", "数值": "86", "单位": "件"}])
    # the label's own verb (调解) is said once, after the lead
    assert row_sentences(rows, TOWN) == ["坚持和发展新时代“枫桥经验”，全年调解矛盾纠纷86件。"]


def test_a_named_department_is_not_a_self_reference():
    assert (
        adapt("积极推动为司法局机关组织招录和选调公务员", BUREAU)
        == "积极推动为司法局机关组织招录和选调公务员"
    )


def test_annual_wording_and_a_streets_limits():
    assert adapt("今年以来，本人认真学习《宪法》", TOWN) == "本人全年认真学习《宪法》"
    street = detect_body("朝阳区和平街道办事处")
    assert adapt("截至目前，已创建法治示范社区3个", street) == "截至年底，已创建法治示范社区3个"
    assert adapt("相同条件下优先提拔使用法治素质好的干部", street) is None  # cadre promotion is the 党委's
    assert "解决在基层" in adapt(reused("切实将各类矛盾纠纷压制在基层、控制在当地、化解在一线"), street)


def test_the_heads_duty_in_a_report_in_the_bodys_name_has_the_head_as_subject():
    """A court is no 第一责任人 (blind read r5): in a 工作总结 the sentence gets the head as subject; in the
    head's own 述法报告 (voice 本人) it stays as it is."""
    from assistant.draft.compose.profile import Profile
    from assistant.draft.compose.sections import _head_duty
    from assistant.lang.bodies import detect_body
    from assistant.types import Span

    text = "认真履行推进法治建设第一责任人责任，全面落实“一岗双责”。"
    court = Profile(org="南湖市中级人民法院", body=detect_body("南湖市中级人民法院"))
    assert _head_duty((0, text, Span(text=text, kind="reused")), court)[1] == "院主要负责同志" + text
    other = "始终把法治建设作为一项重要政治任务来抓。"
    assert _head_duty((0, other, Span(text=other, kind="reused")), court)[1] == other


@pytest.mark.parametrize(
    ("org", "text", "want"),
    [
        ("桐溪县云岭镇人民政府", "全面强化乡执法水平和乡村治理能力。", "全面强化镇执法水平和乡村治理能力。"),
        ("平安县清河乡党委", "提升镇干部法治素养，规范镇综合执法。", "提升乡干部法治素养，规范乡综合执法。"),
        (
            "桐溪县云岭镇人民政府",
            "推进城乡执法一体化，组织干部下乡执法。",
            "推进城乡执法一体化，组织干部下乡执法。",
        ),
        (
            "青山县司法局",
            "指导乡镇执法队伍建设，提升乡干部法治素养。",
            "指导乡镇执法队伍建设，提升乡干部法治素养。",
        ),
    ],
)
def test_a_township_names_its_own_place_by_its_own_character(org, text, want):
    """Blind read r39: 乡执法水平 in a 镇's report. The other township character before what a township
    has (执法, 干部, 机关 …) is the body's own place; compounds (城乡, 下乡, 乡镇, 乡村) and a county body's
    words are left alone."""
    body = detect_body(org)
    assert adapt(text, body) == want
    assert voice_audit(want, body) == []
