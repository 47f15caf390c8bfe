"""Blind read r67's classes as rules, over several bodies, genres and labels.

- a unit's own report never opens a sentence with a chair's act and no one to chair: the unit holds the
  meeting or studies the matter (全年召开局党组会议…), a 述法报告 says 本人主持…;
- the matrix lint ``unit_chair`` finds the subject-less 主持 in every draft of a unit's voice.
"""

from __future__ import annotations

import pytest

from assistant.draft.compose.sections import unit_held
from assistant.draft.report_lints import unit_chair
from assistant.draft.tables.metrics import rows_from_records


def _row(label: str, value: str, unit: str = "", last: str = "", note: str = ""):
    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last, "备注": note}])
    return row


@pytest.mark.parametrize(
    ("own", "expected"),
    [
        ("全年主持召开局党组会议专题研究法治建设工作4次", "全年召开局党组会议专题研究法治建设工作4次"),
        ("主持审判委员会会议22次", "召开审判委员会会议22次"),
        ("年内主持研究法治政府建设重大事项3次", "年内研究法治政府建设重大事项3次"),
        ("全年召开常务会议学法6次", "全年召开常务会议学法6次"),
        ("主持人培训2期", "主持人培训2期"),
    ],
)
def test_a_units_meeting_is_held_not_chaired(own: str, expected: str) -> None:
    assert unit_held(own) == expected


def test_the_lint_finds_a_subjectless_chair() -> None:
    assert unit_chair(["全年主持召开局党组会议专题研究法治建设工作4次（较上年增加1次）。"])
    assert unit_chair(["坚持学法。主持召开院党组会议3次。"])
    assert not unit_chair(["局主要负责同志主持召开局党组会议4次。", "全年召开局党组会议4次。"])
    assert not unit_chair(["举办节目主持人法治培训2期。"])
    # a paragraph whose subject is the head goes on with him
    assert not unit_chair(
        ["县政府主要负责同志切实履行第一责任人职责。主持召开会议专题研究法治政府建设工作。"]
    )


@pytest.mark.parametrize(
    ("org", "genre", "label"),
    [
        ("江屿县信访局", "工作总结", "主持召开局党组会议专题研究法治建设工作"),
        ("柘川市住房和城乡建设局", "法治政府建设年度报告", "主持召开局党组会议专题研究法治政府建设"),
        ("岚溪县人民政府办公室", "工作总结", "主持召开主任办公会议研究依法行政工作"),
        ("鹤汀县人民法院", "工作总结", "主持审判委员会会议"),
    ],
)
def test_no_unit_draft_chairs_without_a_chair(sample_settings, org: str, genre: str, label: str) -> None:
    from assistant.draft.report import DraftRequest, draft_report, iter_texts

    rows = [_row(label, "4", "次", "3"), _row("开展法治宣传活动", "12", "场", "10")]
    draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2026), sample_settings)
    texts = [t for _, t in iter_texts(draft)]
    assert unit_chair(texts) == [], unit_chair(texts)
    assert draft.flags == []
    assert any("4次" in t for t in texts), texts


def test_a_heads_own_report_still_says_he_chaired(sample_settings) -> None:
    from assistant.draft.report import DraftRequest, draft_report, iter_texts

    rows = [_row("主持召开局党组会议专题研究法治建设工作", "5", "次", "4")]
    draft = draft_report(
        DraftRequest(genre="述法报告", rows=rows, org="江屿县财政局", year=2026, post="局长"), sample_settings
    )
    assert "本人全年主持召开局党组会议专题研究法治建设工作5次" in "\n".join(t for _, t in iter_texts(draft))


@pytest.mark.parametrize(
    ("own", "expected"),
    [
        ("连续4年获评全县法治建设考核优秀等次", "我局连续4年获评全县法治建设考核优秀等次"),
        ("荣获全市法治宣传教育先进单位", "我局荣获全市法治宣传教育先进单位"),
        ("获评全省优秀公务员", "获评全省优秀公务员"),  # a person's honour: the head's own
        ("本人主持召开局党组会议5次", "本人主持召开局党组会议5次"),
    ],
)
def test_a_units_honour_in_the_heads_report_names_the_unit(own: str, expected: str) -> None:
    from assistant.draft.compose.sections import honour_owned

    assert honour_owned(own, "我局") == expected


@pytest.mark.parametrize(
    ("org", "post", "own"),
    [
        ("江屿县财政局", "局长", "我局"),
        ("柘川市生态环境局", "局长", "我局"),
        ("岚溪县白石镇人民政府", "镇长", "我镇"),
    ],
)
def test_no_head_claims_his_units_honour(sample_settings, org: str, post: str, own: str) -> None:
    from assistant.draft.report import DraftRequest, draft_report, iter_texts
    from assistant.draft.report_lints import unowned_honour

    rows = [
        _row("主持召开党组会议专题研究法治建设工作", "5", "次", "4"),
        _row("连续获评全县法治建设考核优秀等次", "4", "年", "3"),
    ]
    draft = draft_report(
        DraftRequest(genre="述法报告", rows=rows, org=org, year=2026, post=post), sample_settings
    )
    texts = [t for _, t in iter_texts(draft)]
    assert unowned_honour(texts) == [], unowned_honour(texts)
    assert draft.flags == []
    assert any(own + "连续4年获评" in t for t in texts), texts


@pytest.mark.parametrize(
    ("org", "expected"),
    [
        ("柘川市公安局", "被申请行政复议案件86件"),
        ("江屿县住房和城乡建设局", "被申请行政复议案件86件"),
        ("岚溪县白石镇人民政府", "被申请行政复议案件86件"),
        ("江屿县司法局", "受理行政复议案件86件"),
        ("柘川市人民政府", "受理行政复议案件86件"),
        ("国家税务总局柘川市税务局", "受理行政复议案件86件"),
    ],
)
def test_a_review_is_taken_only_by_a_body_that_takes_reviews(org: str, expected: str) -> None:
    """受理行政复议案件 in a department's table: it was the respondent (the shared scope scanner decides,
    bodies.yaml), said 被申请…; a government, its 司法局 or a vertical 税务局 takes them."""
    from assistant.draft.compose.phrasing import figure_phrase
    from assistant.lang.bodies import detect_body

    assert figure_phrase(_row("受理行政复议案件", "86", "件"), detect_body(org))[0] == expected


@pytest.mark.parametrize("note", ["市政府行政复议机构统计", "县委政法委机关提供", "区人民政府汇总"])
def test_a_source_named_by_an_organ_is_provenance(note: str) -> None:
    from assistant.draft.compose.notes import source_note

    assert source_note(note)


@pytest.mark.parametrize(
    ("label", "value", "expected"),
    [
        ("连续获评全县法治建设考核优秀等次", "4", "连续4年获评全县法治建设考核优秀等次"),
        ("连续荣获全市法治宣传教育先进单位", "3", "连续3年荣获全市法治宣传教育先进单位"),
        ("连续保持无重大行政败诉案件", "6", "连续6年保持无重大行政败诉案件"),
        ("连续6年保持无重大行政败诉案件", "6", "连续6年保持无重大行政败诉案件"),
    ],
)
def test_a_run_of_years_is_counted_after_its_lead(label: str, value: str, expected: str) -> None:
    """连续获评… with N 年: the count after 连续, the run said once and never compared (never
    连续获评…中4年等次被评为优秀, never …共6年)."""
    from assistant.draft.compose.phrasing import figure_phrase
    from assistant.lang.bodies import detect_body

    row = _row(label, value, "年", str(int(value) - 1))
    assert figure_phrase(row, detect_body("江屿县财政局"))[0] == expected
