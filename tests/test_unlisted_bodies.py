"""Bodies whose names no pattern knew, duties a table shows, dates inside labels (tune read r45).

A 市人民防空办公室 and a 县委网络安全和信息化委员会办公室 were detected as no kind at all: their drafts kept
another body's voice (局党组, 省州县党委, 乡级单位和村委会, 机构编制管理) because the voice rules had nothing to
go by. An office of a government (…办公室) and an office of a party committee's committee (…委员会办公室,
…办) are now departments; a name still unknown gets a Chinese hint. A department no scope rule lists
for enforcement, whose own table counts 行政执法检查 and 立案查处, enforces. A date written inside a label
(库存（截至11月底）) is the row's date: the stock is said at that day, never as the year's work.
"""

from __future__ import annotations

import pytest
from matrix_cases import STEMS

from assistant.draft.compose.notes import with_note
from assistant.draft.compose.phrasing import own_sentence, render_value
from assistant.draft.tables.metrics import dated_label, rows_from_records
from assistant.lang.bodies import detect_body, in_scope, unknown_body_hint
from assistant.lang.body_model import bodies

GOV_OFFICES = ("人民防空办公室", "人民政府外事办公室", "地方金融工作办公室", "人民政府研究室办公室")
PARTY_OFFICES = (
    "网络安全和信息化委员会办公室",
    "外事工作委员会办公室",
    "财经委员会办公室",
    "网信办",
    "深改办",
)
LEVELS = {"县": "县级", "区": "县级", "市": "设区的市"}


@pytest.mark.parametrize("office", GOV_OFFICES)
@pytest.mark.parametrize("char", sorted(LEVELS))
def test_an_office_of_a_government_is_a_department_of_its_level(office: str, char: str) -> None:
    for stem in STEMS[:6]:
        body = detect_body(f"{stem}{char}{office}")
        assert (body.kind, body.level) == ("政府部门", LEVELS[char]), body
        assert body.role("pronoun") == "我办" and unknown_body_hint(body) == ""


@pytest.mark.parametrize("office", PARTY_OFFICES)
@pytest.mark.parametrize("char", sorted(LEVELS))
def test_an_office_of_a_party_committees_committee_is_a_party_department(office: str, char: str) -> None:
    for stem in STEMS[6:12]:
        body = detect_body(f"中共{stem}{char}委{office}")
        assert (body.kind, body.level) == ("党委部门", LEVELS[char]), body
        own = "我局" if office.endswith("局") else "我办"
        assert body.role("pronoun") == own and body.role("organ") is None  # no 党组 of its own (r46)


@pytest.mark.parametrize(
    ("full", "short"),
    [
        (
            "中共箐川彝族自治县委员会政法委员会",
            "中共箐川彝族自治县委政法委员会",
        ),  # blind read r51: no kind before
        ("中共青山市委员会组织部", "中共青山市委组织部"),
        ("中共青山旗委员会社会工作部", "中共青山旗委社会工作部"),
    ],
)
def test_a_party_committees_full_name_before_its_department_is_its_short_name(full: str, short: str) -> None:
    a, b = detect_body(full), detect_body(short)
    assert a.kind is not None and (a.kind, a.level, a.char, a.department) == (
        b.kind,
        b.level,
        b.char,
        b.department,
    )
    assert a.name == full and not unknown_body_hint(a)
    assert detect_body("中共青山县委员会").kind == "党委"  # the committee itself stays a 党委


def test_a_name_no_kind_knows_gets_a_chinese_hint() -> None:
    hint = unknown_body_hint(detect_body("青岚县律师协会"))
    assert "未能" in hint and "--body-kind" in hint and "青岚县律师协会" in hint
    assert unknown_body_hint(detect_body("青岚县司法局")) == ""
    assert unknown_body_hint(None) == ""


def _enforcement_rule():
    return next(r for r in bodies().scope if "执法人员资格" in r.words)


def test_a_table_of_enforcement_shows_the_body_enforces() -> None:
    rule = _enforcement_rule()
    body = detect_body("松川市人民防空办公室")
    assert not in_scope(rule, body)  # by its name alone: no enforcing department
    enforcing = body.with_own_words(["人防工程行政执法检查 62", "立案查处人防违法案件 4"])
    assert in_scope(rule, enforcing)
    studying = body.with_own_words(["党组理论学习中心组专题学法 4", "干部职工学法考试合格率 100"])
    assert not in_scope(rule, studying)
    county = detect_body("青岚县人民政府")  # the departments narrow a kind; other kinds keep their rule
    assert in_scope(rule, county)


@pytest.mark.parametrize(
    ("label", "note", "want"),
    [
        ("县级储备粮实物库存（截至11月底）", "账实相符", ("县级储备粮实物库存", "截至11月底；账实相符")),
        ("全县属地备案网站(截至11月30日)", None, ("全县属地备案网站", "截至11月30日")),
        ("截至10月底在册律师", "", ("在册律师", "截至10月底")),
        ("截至2026年11月30日，登记社会组织", None, ("登记社会组织", "截至2026年11月30日")),
        ("普法宣传活动（含线上）", None, ("普法宣传活动（含线上）", None)),  # no date: as written
        ("在册防空警报器（截至11月底）", "截至11月底", ("在册防空警报器（截至11月底）", "截至11月底")),
    ],
)
def test_a_date_inside_a_label_is_the_rows_date(label: str, note: str | None, want: tuple) -> None:
    assert dated_label(label, note) == want


@pytest.mark.parametrize(
    ("label", "value", "unit", "last", "note", "want"),
    [
        (
            "县级储备粮实物库存（截至11月底）",
            "2.15",
            "万吨",
            "2.05",
            "账实相符",
            "截至11月底，县级储备粮实物库存",
        ),
        (
            "全县属地备案网站（截至11月底）",
            "86",
            "个",
            "81",
            "其中党政机关网站23个",
            "截至11月底，全县属地备案网站86个",
        ),
        ("防空警报器在册数量（截至11月底）", "326", "台", "", "", "截至11月底，"),
        ("划分网格（截至10月底）", "584", "个", "", "", "截至10月底，"),
    ],
)
def test_a_stock_dated_in_its_label_is_said_at_its_day(label, value, unit, last, note, want) -> None:
    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last, "备注": note}])
    sentence = with_note(own_sentence(row, detect_body("青岚县司法局")), render_value(row, None), row)
    assert sentence.startswith(want) and "全年" not in sentence and "对" not in sentence[:8], sentence


def test_the_lints_find_a_lost_date_and_a_claim_left_marked() -> None:
    from assistant.draft import lint

    (row,) = rows_from_records([{"指标": "县级储备粮实物库存（截至11月底）", "数值": "2.15", "单位": "万吨"}])
    assert [d.lint for d in lint.date_lost(["全年县级储备粮实物库存共2.15万吨。"], [row])] == ["date_lost"]
    assert lint.date_lost(["截至11月底，县级储备粮实物库存共2.15万吨。"], [row]) == []
    assert [
        d.lint for d in lint.confirm_left(["建立健全学法制度，【待确认】机关每年开展一次法律知识考试。"])
    ] == ["confirm_left"]


def test_a_fallback_asks_for_no_matter_a_figure_of_its_part_states() -> None:
    from assistant.draft.compose.sections import _asks_for_given

    (row,) = rows_from_records([{"指标": "受理粮食收购类信访事项", "数值": "5", "单位": "件"}])
    assert _asks_for_given("推进信访工作法治化，依法分类处理信访诉求，【待补充：信访事项办理情况】。", [row])
    assert not _asks_for_given("制定年度普法责任清单，【待补充：本年度普法责任清单制定和落实情况】。", [row])


def test_an_office_drafts_in_its_own_voice(sample_settings) -> None:
    """The 人防办's and the 网信办's drafts: no other body's organ, level or function (tune read r45)."""
    from assistant.draft.report import DraftRequest, draft_report, iter_texts

    foreign = ("局党组", "全局", "省州县", "乡级单位", "村委会", "机构编制", "今天会议", "【待确认】")
    for org, genre, post in (
        ("翠屏市人民防空办公室", "述法报告", "主任"),
        ("中共竹溪县委网络安全和信息化委员会办公室", "工作总结", None),
    ):
        rows = rows_from_records(
            [
                {"指标": "人防工程行政执法检查", "数值": "62", "单位": "次", "上年数值": "55"},
                {"指标": "干部职工集中学法", "数值": "8", "单位": "场次"},
            ]
        )
        draft = draft_report(
            DraftRequest(genre=genre, rows=rows, org=org, year=2026, post=post), sample_settings
        )
        text = "".join(t for _w, t in iter_texts(draft))
        assert not [w for w in foreign if w in text], (org, [w for w in foreign if w in text])
        assert draft.voice == []


@pytest.mark.parametrize(
    "name", ["人民政府国有资产监督管理委员会", "民族宗教事务委员会", "人民政府外事工作委员会"]
)
def test_a_committee_of_a_government_by_its_full_name_is_a_department(name: str) -> None:
    """Blind read r46: the drafter's own hint named a 市人民政府国有资产监督管理委员会 as no kind."""
    body = detect_body(f"青岚市{name}")
    assert (body.kind, body.level, body.role("pronoun")) == ("政府部门", "设区的市", "我委"), body


def test_a_committee_whose_table_says_its_party_committee_keeps_it_throughout() -> None:
    """Blind read r46: a 国资委 whose table says 委党委 got 委党组 in reused sentences beside it, and 委务会议
    turned into 委党委会议 (a shorter word of another kind found inside the body's own)."""
    from assistant.draft.voice.adapt import adapt, voice_audit

    body = detect_body("湄陵市人民政府国有资产监督管理委员会").with_own_words(
        ["委党委理论学习中心组集体学法 6"]
    )
    assert body.role("organ") == "委党委"
    said = adapt("将宪法法律知识学习列入局党组理论学习中心组、局务会议学习计划。", body)
    assert said == "将宪法法律知识学习列入委党委理论学习中心组、委务会议学习计划。"
    assert adapt("始终把法治建设列入局党组重要议事日程。", body) == "始终把法治建设列入委党委重要议事日程。"
    assert voice_audit(said, body) == []
    party = detect_body("中共芦坪县委老干部局")  # a party committee's 局: no 党组 of its own
    assert party.kind == "党委部门" and party.role("organ") is None
    assert "局党组" not in (adapt("列入局党组重要议事日程。", party) or "")
