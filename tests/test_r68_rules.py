"""Blind read r68's classes as rules, over several bodies, genres and labels.

- conditions said before the figure's move said again (…纠纷增多、调处难度加大，成功率有所下降) are its cause;
- the base a rate was counted on (以…为基数) is said as the count it is, first;
- the body as a label's subject (街道开展…) is the report's own voice, never 开展街道开展…;
- a label that names the respondent (以街道办事处为被告…) is given no second respondent;
- an honour is said as won: the body's own with no count, the winners a note names as its subject;
- a street has no 党委政府: its 党工委、办事处 (or its 办事处) decide.
"""

from __future__ import annotations

import pytest

from assistant.draft.compose.notes import note_cause, note_pieces, said_cause, without_cause
from assistant.draft.compose.phrasing import figure_phrase
from assistant.draft.tables.metrics import rows_from_records
from assistant.lang.bodies import detect_body


def _row(label: str, value: str, unit: str = "", last: str = "", note: str = ""):
    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last, "备注": note}])
    return row


@pytest.mark.parametrize(
    ("row", "cause", "left"),
    [
        (
            ("矛盾纠纷调解成功率", "96.1", "%", "97.8",
             "以受理612件为基数；物业服务和房屋征收补偿类纠纷增多、调处难度加大，成功率有所下降"),
            "物业服务和房屋征收补偿类纠纷增多、调处难度加大",
            "以受理612件为基数",
        ),
        (
            ("行政复议案件办结率", "91.2", "%", "95.0", "涉征收类复议申请集中、案情复杂，办结率下降"),
            "涉征收类复议申请集中、案情复杂",
            None,
        ),
        (("法治宣传受众", "1.2万", "人次", "1.5万", "受场地改造影响，线下活动减少"), "受场地改造影响", "线下活动减少"),
    ],
)  # fmt: skip
def test_conditions_before_a_restated_move_are_its_cause(row: tuple, cause: str, left: str | None) -> None:
    r = _row(*row)
    assert note_cause(r) == cause
    assert without_cause(r).note == left
    if not cause.startswith("受"):
        assert said_cause(cause) == "主要原因是" + cause
    assert said_cause("主要受农房建设集中影响") == "主要受农房建设集中影响"


@pytest.mark.parametrize(
    ("row", "lead"),
    [
        (("社会组织年度报告按时报送率", "92.6", "%", "89.4", "以全县应报送社会组织407家为基数"), "全县应报送社会组织407家"),
        (("税收规范性文件合法性审核通过率", "100", "%", "100", "以全年报送审核的规范性文件3件为基数"),
         "全年报送审核的规范性文件3件"),
        (("行政复议纠错率", "6.5", "%", "", "以审结案件为分母"), "审结案件"),
    ],
)  # fmt: skip
def test_a_rates_base_is_said_as_its_count_first(row: tuple, lead: str) -> None:
    assert note_pieces(_row(*row)) == [("lead", lead)]


@pytest.mark.parametrize(
    ("org", "label", "expected"),
    [
        ("中共栖梧区棠岸街道工作委员会", "街道开展宪法和法律宣传活动", "开展宪法和法律宣传活动13场"),
        ("松泽县民政局", "本局开展法治讲座", "开展法治讲座13场"),
        ("岚溪县白石镇人民政府", "镇开展普法活动", "开展普法活动13场"),
        ("松泽县民政局", "局长讲授法治课", "局长讲授法治课13场"),  # the head, no subject to drop
    ],
)
def test_the_body_as_a_labels_subject_is_the_reports_voice(org: str, label: str, expected: str) -> None:
    assert figure_phrase(_row(label, "13", "场"), detect_body(org))[0] == expected


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (("获评“全市民政系统法治建设先进集体”", "1", "项", "0"), "获评“全市民政系统法治建设先进集体”"),
        (
            ("获评市级“民主法治示范社区”", "1", "个", "0", "梧桐里社区"),
            "梧桐里社区获评市级“民主法治示范社区”",
        ),
        (("获评市级民主法治示范村", "2", "个", "1", "东岭村 西岭村"), "东岭村和西岭村获评市级民主法治示范村"),
        (("荣获市级以上表彰", "5", "次", "3"), "荣获市级以上表彰5次（较上年增加2次）"),
    ],
)
def test_an_honour_is_said_as_won(row: tuple, expected: str) -> None:
    assert figure_phrase(_row(*row), detect_body("松泽县民政局"))[0] == expected


@pytest.mark.parametrize(
    ("org", "before", "after"),
    [
        (
            "中共栖梧区棠岸街道工作委员会",
            "对党委政府的重大决策及合同协议进行合法性审查。",
            "对街道党工委、办事处的重大决策及合同协议进行合法性审查。",
        ),
        (
            "栖梧区棠岸街道办事处",
            "对党委政府的重大决策进行合法性审查。",
            "对办事处的重大决策进行合法性审查。",
        ),
        (
            "岚溪县白石镇人民政府",
            "对党委政府的重大决策进行合法性审查。",
            "对党委政府的重大决策进行合法性审查。",
        ),
        ("江屿县司法局", "当好党委政府法治建设的参谋助手。", "当好党委政府法治建设的参谋助手。"),
    ],
)
def test_a_street_has_no_party_committee_and_government(org: str, before: str, after: str) -> None:
    from assistant.draft.voice.adapt import repair_wording

    assert repair_wording(before, detect_body(org)) == after


@pytest.mark.parametrize(
    ("org", "post", "label"),
    [
        ("中共栖梧区棠岸街道工作委员会", "党工委书记", "以街道办事处为被告的行政诉讼案件"),
        ("中共岚溪县白石镇委员会", "党委书记", "以镇政府为被告的行政诉讼案件"),
    ],
)
def test_a_label_naming_the_respondent_gets_no_second(
    sample_settings, org: str, post: str, label: str
) -> None:
    from assistant.draft.report import DraftRequest, draft_report, iter_texts

    rows = [_row(label, "3", "件", "2"), _row("开展法治宣传活动", "12", "场", "10")]
    draft = draft_report(
        DraftRequest(genre="述法报告", rows=rows, org=org, year=2026, post=post), sample_settings
    )
    text = "\n".join(t for _, t in iter_texts(draft))
    assert label in text and "3件" in text, text
    assert not any(o + "全年" + label in text or o + label in text for o in ("办事处", "镇政府")), text


@pytest.mark.parametrize(
    ("label", "good"),
    [
        ("对社会组织违法违规行为作出行政处罚", "up"),
        ("取缔非法社会组织", "up"),
        ("执法过错案件", "down"),
        ("超期办案", "down"),
    ],
)
def test_a_penalty_on_others_wrongs_is_enforcement_not_a_failing(label: str, good: str) -> None:
    """A rise of the penalties a 民政局 imposed on social organisations is its enforcement, never a problem
    (blind read r68); its own failings stay fewer-is-better."""
    from assistant.lang.direction import row_direction

    assert row_direction(_row(label, "6", "件", "4"), detect_body("松泽县民政局")).good == good
