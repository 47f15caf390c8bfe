"""Body kinds, scope rules and wording rules as validated data (issue 18 items 3 and 6).

Every wording rule's example and every scope rule's cases are run here; the model refuses a file
with an unknown field, a rule without an example or a rule naming an unknown kind; kinds added as
data only (政法委, 开发区) are detected, speak in their own voice and get drafts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.draft.voice.adapt import adapt, applies, repair_wording, voice_audit
from assistant.lang.bodies import detect_body, kind_title, normalize_kind
from assistant.lang.body_model import DATA, BodyDataError, bodies, load_bodies

WORDING = bodies().wording
CASES = [
    (i, verdict, text, org)
    for i, rule in enumerate(bodies().scope)
    for verdict, pairs in (("drop", rule.cases.drop), ("keep", rule.cases.keep))
    for text, org in pairs
]


@pytest.mark.parametrize("rule", WORDING, ids=[r.pattern[:16] for r in WORDING])
def test_every_wording_rule_runs_its_example(rule):
    body = detect_body(rule.example.org)
    assert applies(rule, body), f"example org {rule.example.org} is not one the rule is for"
    assert repair_wording(rule.example.before, body) == rule.example.after
    assert adapt(rule.example.before, body) is not None


@pytest.mark.parametrize(("index", "verdict", "text", "org"), CASES)
def test_scope_rule_cases(index, verdict, text, org):
    body = detect_body(org)
    out = adapt(text, body)
    if verdict == "drop":
        assert out is None, out
        assert any(f.reason == bodies().scope[index].reason for f in voice_audit(text, body))
    else:
        assert out is not None and voice_audit(out, body) == []


@pytest.mark.parametrize(
    ("text", "org"),
    [  # the known failures of the blind read, as classes
        ("不断健全县直各单位和村委会的法治建设组织机构", "青山县人民政府"),
        ("不断健全区直各单位和村委会的法治建设组织机构", "南湖市北塘区人民政府"),
        ("提升政府立法质效，推动重点领域立法", "南湖市生态环境局"),
        ("深化府院、府检联动", "南湖市市场监督管理局"),
        ("深化府院联动", "青山县司法局"),
        ("规范依法治街道委员会协调小组运行", "朝阳区和平街道办事处"),
        ("规范依法治乡委员会协调小组运行", "朝阳区和平街道党工委"),
        ("充分发挥党委统揽全局作用", "朝阳区和平街道党工委"),
        ("充分发挥党委总揽全局、协调各方的领导核心作用", "青山县人民政府"),
        ("加强网格员队伍建设", "南湖市人民政府"),
    ],
)
def test_content_outside_the_bodys_scope_is_dropped(text, org):
    assert adapt(text, detect_body(org)) is None
    assert voice_audit(text, detect_body(org))


def test_a_far_higher_places_whole_is_not_rescaled():
    bureau, town = detect_body("青山县司法局"), detect_body("青山县红星镇党委")
    assert adapt("全省法院系统深入推进执法规范化建设", bureau) is None  # not 全局法院系统
    assert adapt("全市上下深入学习", town) is None  # not 全镇上下, two levels down
    assert adapt("全县干部职工积极参与", town) == "全镇干部职工积极参与"  # one level: rescaled
    assert adapt("全县干部职工积极参与", bureau) == "全县干部职工积极参与"  # the bureau's own county


def test_level_units_follow_the_place():
    assert (
        adapt("不断健全县直各单位的组织机构", detect_body("青山县人民政府")) == "不断健全县直各单位的组织机构"
    )
    assert (
        adapt("不断健全县直各单位的组织机构", detect_body("江北区人民政府")) == "不断健全区直各单位的组织机构"
    )
    assert (
        adapt("不断健全县直各单位的组织机构", detect_body("南湖市人民政府")) == "不断健全市直各单位的组织机构"
    )
    assert adapt("指导村委会修订村规民约", detect_body("青山县红星镇人民政府")) == "指导村委会修订村规民约"


def _broken(tmp_path: Path, edit) -> Path:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / "bodies.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["kinds"]["乡镇"].update(speaker="我"), "kinds.乡镇.speaker"),
        (lambda r: r["wording"][0].pop("example"), "wording.0.example"),
        (lambda r: r["wording"][0].pop("why"), "wording.0.why"),
        (lambda r: r["scope"][0].update(kinds=["公司"]), "未定义的单位类别：公司"),
        (lambda r: r["scope"][0].update(words=["(未闭合"]), "正则表达式无效"),
        (lambda r: r["kinds"]["党委"]["roles"].update(boss="书记"), "kinds.党委.roles.boss"),
    ],
)
def test_the_model_refuses_a_broken_file(tmp_path, edit, message):
    with pytest.raises(BodyDataError, match=message.replace(".", r"\.")):
        load_bodies(_broken(tmp_path, edit))


NEW_KINDS = [
    # name, kind, level, self-reference, opening, superiors, own meeting
    ("中共青山县委政法委员会", "政法委", "县级", "我委", "全县政法系统", "县委", "委务会议"),
    ("南湖市委政法委", "政法委", "设区的市", "我委", "全市政法系统", "市委", "委务会议"),
    (
        "南湖市江北区经济技术开发区管委会",
        "开发区",
        "县级",
        "我区",
        "全区",
        "区委、区政府",
        "管委会主任办公会议",
    ),
]


@pytest.mark.parametrize(("name", "kind", "level", "pronoun", "opening", "superiors", "meeting"), NEW_KINDS)
def test_kinds_added_as_data_only(name, kind, level, pronoun, opening, superiors, meeting):
    body = detect_body(name)
    assert (body.kind, body.level) == (kind, level)
    assert body.role("pronoun") == pronoun and body.opening_scope() == opening
    assert body.superiors_text() == superiors and body.role("office_meeting") == meeting
    assert normalize_kind(bodies().kinds[kind].aliases[0]) == kind
    assert (
        kind_title(kind, level) == ("县级" if level == "县级" else "市级") + kind
    )  # a corpus document's made title
    assert adapt("我局召开局务会议研究法治建设工作3次", body) == f"{pronoun}召开{meeting}研究法治建设工作3次"


def test_a_political_legal_committee_may_claim_its_own_work():
    committee = detect_body("中共青山县委政法委员会")
    assert adapt("积极推进政法队伍教育整顿", committee) == "积极推进政法队伍教育整顿"
    assert adapt("办理行政复议案件64件", committee) is None
    assert adapt("提升政府立法质效", committee) is None


NEW_KIND_ROWS = [
    {"指标": "普法宣传活动", "数值": "23", "单位": "场次"},
    {"指标": "矛盾纠纷调解", "数值": "86", "单位": "件"},
    {"指标": "党委理论学习中心组学法", "数值": "6", "单位": "次"},
]


@pytest.mark.parametrize("genre", ["述法报告", "工作总结"])
@pytest.mark.parametrize(
    ("org", "foreign"),
    [
        ("中共青山县委政法委员会", ["我局", "局党组", "我镇", "镇党委", "我院"]),
        ("南湖市江北区经济技术开发区管委会", ["我局", "局党组", "我镇", "镇党委", "我院"]),
    ],
)
def test_kinds_added_as_data_get_drafts_in_their_voice(sample_settings, tmp_path, genre, org, foreign):
    from assistant.draft.report import DraftRequest, draft_report, iter_texts
    from assistant.draft.tables.metrics import rows_from_records
    from assistant.export.save import save_draft

    request = DraftRequest(genre=genre, rows=rows_from_records(NEW_KIND_ROWS), org=org, year=2024)
    draft = draft_report(request, sample_settings)
    save_draft(draft, request, tmp_path / "d.md")  # exported: neither audit refuses it
    text = "\n".join(t for _, t in iter_texts(draft))
    assert draft.voice == [] and "23场次" in text
    if genre == "述法报告":  # the opening names the body's own area of work
        assert f"推动{detect_body(org).opening_scope()}法治建设" in text
    for word in foreign:
        assert word not in text, (word, [s for s in text.split("。") if word in s])
