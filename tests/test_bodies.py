"""Body profiles detected from organisation names, with the user's overrides (draft/bodies.py)."""

from __future__ import annotations

import pytest

from assistant.draft.outline.genres import get_genre
from assistant.lang.bodies import BodyError, detect_body
from assistant.lang.body_outline import genre_for_body

NAMES = [
    # name, kind, level, self-reference, party organ, superiors
    ("青山县红星镇党委", "乡镇", "乡级", "我镇", "镇党委", "县委、县政府"),
    ("中共青山县白沙乡委员会", "乡镇", "乡级", "我乡", "乡党委", "县委、县政府"),
    ("青山县司法局", "政府部门", "县级", "我局", "局党组", "县委、县政府"),
    ("朝阳市公安局东城分局", "政府部门", "设区的市", "我局", "局党委", "市委、市政府"),
    ("江北区人民政府", "人民政府", "县级", "我区", "区政府党组", "区委"),
    ("中共江北区委", "党委", "县级", "我区", "区委", "上级党委"),
    ("青山县人民法院", "法院", "县级", "我院", "院党组", "县委"),
    ("青山县人民检察院", "检察院", "县级", "我院", "院党组", "上级院和县委"),
    ("朝阳区和平街道办事处", "街道", "乡级", "我街道", "街道党工委", "区委、区政府"),
    ("中共青山县委机构编制委员会办公室", "党委部门", "县级", "我办", None, "县委"),
    ("青山县卫生健康委员会", "政府部门", "县级", "我委", "委党组", "县委、县政府"),
    ("云南省人民政府", "人民政府", "省", "我省", "省政府党组", "省委"),
    ("楚雄彝族自治州人民政府", "人民政府", "设区的市", "我州", "州政府党组", "州委"),
    # a department managed from above: its system's superior first, a 党委 as its organ
    ("国家税务总局青禾市税务局", "政府部门", "设区的市", "我局", "局党委", "上级税务机关、市委、市政府"),
    # a party department by its full name, or one no list names
    ("中共宁河县委统一战线工作部", "党委部门", "县级", "我部", None, "县委"),
    ("中共宁河县委社会工作部", "党委部门", "县级", "我部", None, "县委"),
    # a kind added as data: a court's tribunal in a township (was read as a 法院 without level, 我院)
    ("青川县人民法院石桥人民法庭", "人民法庭", "乡级", "我庭", "庭党支部", "县法院党组"),
    ("南湖市北塘区人民法院城关法庭", "人民法庭", "乡级", "我庭", "庭党支部", "区法院党组"),
]


@pytest.mark.parametrize(("name", "kind", "level", "pronoun", "organ", "superiors"), NAMES)
def test_profile_from_name(name, kind, level, pronoun, organ, superiors):
    body = detect_body(name)
    assert (body.kind, body.level) == (kind, level)
    assert body.role("pronoun") == pronoun
    assert body.role("organ") == organ
    assert body.superiors_text() == superiors


def test_department_speciality_and_overrides():
    assert detect_body("青山县司法局").department == "司法局"
    assert detect_body("青山县审计局").department == "审计局"
    body = detect_body("红星镇", superiors="市委、市政府")
    assert body.kind == "乡镇" and body.superiors_text() == "市委、市政府"
    forced = detect_body("青山县法治办", kind="党委部门", level="县")
    assert forced.kind == "党委部门" and forced.level == "县级"
    assert detect_body("某单位").kind is None
    with pytest.raises(BodyError, match="未知的单位类别"):
        detect_body("某单位", kind="公司")


def test_outline_items_per_body_kind():
    def items(org):
        genre = genre_for_body(get_genre("述法报告"), detect_body(org))
        return [s.title for s in genre.sections[0].subpoints]

    party = items("青山县红星镇党委")
    bureau = items("青山县司法局")
    government = items("江北区人民政府")
    assert any("支持人大、政府、纪委" in t for t in party)
    assert not any("支持人大" in t for t in bureau + government)
    assert any("行政复议与行政应诉" in t for t in bureau) and any("严格规范公正文明执法" in t for t in bureau)
    assert any("法律援助" in t and "社区矫正" in t for t in bureau)
    assert not any("社区矫正" in t for t in government)
    assert not any("用人导向" in t for t in bureau + government)
    annual = genre_for_body(get_genre("法治政府建设年度报告"), detect_body("青山县审计局"))
    titles = [s.title for s in annual.sections[0].subpoints]
    assert "依法全面履行部门职能" in titles and "依法全面履行政府职能" not in titles


@pytest.mark.parametrize(
    ("org", "chain"),
    [
        ("江北省人民政府", "党中央、国务院和省委"),
        ("南江省自然资源厅", "党中央和省委、省政府"),
        ("中共江北省委员会", "党中央"),
        ("南江省高级人民法院", "党中央和省委"),
        ("西岭市人民政府", "党中央、国务院和上级党委、政府"),
        ("南岭县民政局", "党中央和县委、县政府"),  # a department's own superiors are known (r10)
        ("中共青禾市委组织部", "党中央和市委"),
        ("临江县人民法院", "党中央和县委"),
        ("清溪县人民检察院", "党中央和县委"),  # its party line is the county's 县委, not 上级党委 (r24)
        ("江州市人民检察院", "党中央和市委"),
        ("平川县柳河镇人民政府", "党中央、国务院和县委、县政府"),  # a township's county is known
        ("朝阳区和平街道党工委", "党中央和区委、区政府"),
        ("柳河镇人民政府", "党中央、国务院和上级党委、政府"),  # no county in the name: the general form
        ("国家税务总局青禾市税务局", "党中央和上级税务机关、市委、市政府"),
        ("临江县人民法院石桥人民法庭", "党中央和县法院党组"),
    ],
)
def test_above_a_province_is_the_centre_alone(org, chain):
    """A provincial government has no 上级党委、政府 (blind read r7): its chain is the centre and its 省委."""
    assert detect_body(org).central_phrase() == chain


@pytest.mark.parametrize(
    ("org", "department", "organ"),
    [
        ("河西省司法厅", "司法局", "厅党组"),
        ("南江省自然资源厅", "自然资源局", "厅党组"),
        ("河东省公安厅", "公安局", "厅党委"),
        ("青山县公安局", "公安局", "局党委"),
        ("临川县生态环境分局", "生态环境局", "局党组"),
        ("青禾市公安局临川分局", "公安局", "局党委"),
    ],
)
def test_a_provincial_department_has_the_speciality_of_its_name(org, department, organ):
    """司法厅 is the province's 司法局 (blind read r8: its 法律援助/人民调解 figures are its own business)."""
    body = detect_body(org)
    assert (body.department, body.role("organ")) == (department, organ)


# Words a role template must never make: they read as ordinary words (全部 "all", 全体, 全面 …),
# so a self-reference built from them says something else (在全部掀起…, 全部干部职工).
ORDINARY_WORDS = {"全部", "全体", "全面", "全国", "全力", "全程", "全会", "我们", "全党"}


def test_no_role_word_reads_as_an_ordinary_word():
    """Every role of every kind, for each of its own suffixes/level characters, is a self-reference."""
    from assistant.lang.bodies import BodyProfile, bodies

    made = []
    for kind, spec in bodies().kinds.items():
        for char in spec.chars:
            profile = BodyProfile(kind=kind, char=char, suffix=spec.suffix or char)
            for role in ("pronoun", "whole", "staff", "organ", "study", "office_meeting"):
                word = profile.role(role) or ""
                made.append(word)
                assert not any(word.startswith(w) for w in ORDINARY_WORDS), (kind, char, role, word)
    assert "部机关" in made and "全局" in made


def test_a_part_of_a_kind_follows_its_rules_unless_named():
    """A 人民法庭 is ``like: 法院``: a scope rule that names 法院 is its too (收结案, 审判); a rule naming
    neither (府院联动 of a government) is not; its problems are its own, not its court's."""
    from assistant.draft.compose.problems import kind_items
    from assistant.lang.bodies import in_scope
    from assistant.lang.body_model import bodies

    tribunal, court = detect_body("青川县人民法院石桥人民法庭"), detect_body("青川县人民法院")
    for rule in bodies().scope:
        if tribunal.kind not in rule.kinds and not rule.min_level:
            assert in_scope(rule, tribunal) == ("法院" in rule.kinds and in_scope(rule, court)), rule.topic
    own = {t for t, _ in kind_items(tribunal, True)}
    assert own and not own & {t for t, _ in kind_items(court, True)}


def test_a_part_of_a_kind_phrases_figures_as_its_kind():
    """Per-body phrase tables (metric_phrases ``by_body``) fall back to the kind a body is a part of: a
    tribunal's 行政复议案件 are said as its court's (共N件), never 办理 (only a 复议机关 handles them;
    the matrix refused a tribunal's draft for it)."""
    from assistant.draft.compose.phrasing import row_phrase
    from assistant.draft.tables.metrics import rows_from_records

    (row,) = rows_from_records([{"指标": "行政复议案件", "数值": "138", "单位": "件"}])
    tribunal = detect_body("桐江县人民法院宁远人民法庭")
    assert tribunal.keys() == ["人民法庭", "法院"]
    assert (
        row_phrase(row, tribunal)[0]
        == row_phrase(row, detect_body("桐江县人民法院"))[0]
        == "行政复议案件共138件"
    )


@pytest.mark.parametrize(
    ("org", "said"),
    [
        ("国家税务总局江州市税务局", "办结行政复议案件7件"),  # a 税务局 decides its system's 复议 cases
        ("桐江县司法局", "办结行政复议案件7件"),
        ("平川县柳河镇人民政府", "被申请行政复议案件7件"),  # a township is no 复议机关: cases against it
        ("平川县审计局", "被申请行政复议案件7件"),
        ("桐江县人民法院", "行政复议案件共7件"),
    ],
)
def test_a_labels_own_closing_verb_is_kept_where_the_body_may_say_it(org, said):
    """行政复议案件办结: the label's own verb (办结) stays when the body is a 复议机关; for any other body the
    frame of its own voice holds, so its draft never fails its own audit (blind read r17: the verb was
    dropped for a 税务局, 全年税务行政复议案件共7件)."""
    from assistant.draft.compose.phrasing import row_phrase
    from assistant.draft.tables.metrics import rows_from_records

    (row,) = rows_from_records([{"指标": "行政复议案件办结", "数值": "7", "单位": "件"}])
    assert row_phrase(row, detect_body(org))[0] == said
