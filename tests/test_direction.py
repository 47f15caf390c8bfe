"""The direction of an indicator, small bases and figures that need a frame (issue 18, direction).

Classes, over several indicators and bodies: a figure that moved against a direction clear for the
body opens the 问题 part; a neutral one (罚没款, 行政复议案件, a 司法局's 复议纠错率, a court's 收案) is
stated, not judged, and its comparison carries no 提高/增长; a percentage is never written on a small
base; a fine is stated as the result of enforcement.
"""

from __future__ import annotations

import itertools

import pytest

from assistant.draft import lint
from assistant.draft.compose.phrasing import row_sentences
from assistant.draft.compose.problems import figure_item, worsened
from assistant.draft.tables.compare import compare_pair, comparison_for, pair_of, small_base
from assistant.draft.tables.metrics import rows_from_records
from assistant.lang.bodies import detect_body
from assistant.lang.direction import direction, directions, indicator_for, is_rate

JUSTICE = "青山县司法局"  # 复议机构 of the county government
TOWN = "平安县清河镇人民政府"  # its acts are what 复议 corrects
COURT = "青川县人民法院"
PROCURATORATE = "江源县人民检察院"
MARKET = "青山县市场监督管理局"
POLICE = "青阳县公安局"
DISTRICT = "南湖市北塘区人民政府"
PARTY_DEPT = "中共丰源县委组织部"  # its acts are no 行政行为: neither reviewed nor sued
BODIES = (JUSTICE, TOWN, COURT, PROCURATORATE, MARKET, POLICE, DISTRICT, PARTY_DEPT)


def _row(label: str, value: str, last: str, unit: str):
    return rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last}])[0]


def test_every_example_resolves_to_its_own_entry():
    """An example is decided by its entry (as a rate when the label says 率, else as either class:
    涨幅 is a rate given in %); a counter-example by no other class's reading of it either."""
    for entry in directions().indicators:
        assert entry.examples, entry.id
        for label in entry.examples:
            found = [
                indicator_for(label, rate) for rate in ((True,) if is_rate(label, None) else (False, True))
            ]
            assert any(f is not None and f.id == entry.id for f in found), (label, entry.id)
        for label in entry.not_examples:
            for rate in (False, True):
                found = indicator_for(label, rate)
                assert found is None or found.id != entry.id, (label, entry.id)


def test_bad_data_fails_at_load(tmp_path):
    bad = tmp_path / "d.yaml"
    bad.write_text(
        "defaults: {rate: {good: up}, count: {good: up}}\n"
        "indicators:\n  - {id: x, match: 罚没, good: neutral, by_body: {县法院: up}, examples: [罚没款]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="未知机关类型"):
        directions(bad)
    bad.write_text(
        "defaults: {rate: {good: up}, count: {good: up}}\n"
        "indicators:\n  - {id: x, match: 罚没, good: better, examples: [罚没款]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="格式错误"):
        directions(bad)


# (label, unit) → {body: expected good}; a body not named takes the entry's own direction
CASES = {
    ("行政复议纠错率", "%"): {
        JUSTICE: "neutral",
        DISTRICT: "neutral",
        COURT: "neutral",
        TOWN: "down",
        MARKET: "down",
    },
    ("行政诉讼败诉率", "%"): {TOWN: "down", POLICE: "down", COURT: "neutral", PROCURATORATE: "neutral"},
    ("罚没款", "万元"): {b: "neutral" for b in BODIES},
    ("没收违法所得", "万元"): {b: "neutral" for b in BODIES},
    ("行政复议案件", "件"): {b: "neutral" for b in BODIES},
    ("行政应诉案件", "件"): {b: "neutral" for b in BODIES},
    ("新收各类案件", "件"): {COURT: "neutral", PROCURATORATE: "neutral"},
    ("刑事案件发案", "起"): {POLICE: "down", TOWN: "down", COURT: "neutral"},
    ("群众投诉", "件"): {TOWN: "down", POLICE: "down", MARKET: "neutral"},
    ("投诉举报办结率", "%"): {b: "up" for b in BODIES},
    ("负责人出庭应诉率", "%"): {b: "up" for b in BODIES},
    ("二审改判发回率", "%"): {COURT: "down", PROCURATORATE: "neutral"},
    # r51: a fall of pre-trial detention is the policy met (少捕慎诉慎押), never a problem
    ("诉前羁押率", "%"): {PROCURATORATE: "down", COURT: "down"},
}


@pytest.mark.parametrize(("key", "org"), [(k, o) for k, v in CASES.items() for o in v])
def test_direction_depends_on_indicator_and_body(key, org):
    label, unit = key
    row = _row(label, "12", "10", unit)
    assert direction(label, row.unit_class, detect_body(org)).good == CASES[key][org]


@pytest.mark.parametrize(("key", "org"), [(k, o) for k, v in CASES.items() for o in v])
def test_only_a_change_against_a_clear_direction_opens_the_problems(key, org):
    """Both ways of change for every case: 问题 names it only when it moved against a clear direction."""
    label, unit = key
    body = detect_body(org)
    good = CASES[key][org]
    for value, last in (("14", "10"), ("10", "14")):
        row = _row(label, value, last, unit)
        rose = float(value) > float(last)
        expected = None
        if good == "down" and rose:
            expected = "上升"
        elif good == "up" and not rose and row.unit_class == "rate":
            expected = "下降"
        assert worsened(row, body) == expected, (label, org, value, last)
        item = figure_item([row], True, body)
        assert (item is not None) == (expected is not None)


@pytest.mark.parametrize(("key", "org"), [(k, o) for k, v in CASES.items() for o in v])
def test_comparison_words_follow_the_direction(key, org):
    """提高 (a rate) and 增长 (a percentage) only where a rise is better; the figures are the same."""
    label, unit = key
    body = detect_body(org)
    good = CASES[key][org]
    row = _row(label, "46", "31", unit)
    text = comparison_for(row, body).text
    plain = comparison_for(row).text  # no body: the default words
    if good == "up":
        assert "上升" not in text
    else:
        assert "提高" not in text and "增长" not in text and "上升" in text, (label, org, text)
    assert [c for c in text if c.isdigit()] == [c for c in plain if c.isdigit()]


def test_a_neutral_or_bad_rate_is_not_said_to_reach():
    body = detect_body(JUSTICE)
    (text,) = row_sentences([_row("行政复议纠错率", "8.5", "8.5", "%")], body)
    assert "纠错率为8.5%" in text and "达" not in text
    (text,) = row_sentences([_row("负责人出庭应诉率", "98", "98", "%")], body)
    assert "出庭应诉率达98%" in text


@pytest.mark.parametrize("org", BODIES)
def test_lint_flags_a_neutral_figure_judged_in_problems(org):
    body = detect_body(org)
    rows = [_row("罚没款", "12.6", "9.8", "万元"), _row("行政复议案件", "46", "31", "件")]
    named = "（一）罚没款、行政复议案件较上年上升。主要原因是【待补充：原因】。"
    assert {d.detail for d in lint.judged_neutral(named, rows, body)} == {"罚没款", "行政复议案件"}
    assert lint.judged_neutral("（一）执法规范化水平有待提高。", rows, body) == []


def test_small_base_rule_over_every_pair():
    """No percentage when last year's value is under 10 or the change is 1 or 2 units; one otherwise."""
    for this, last in itertools.product(range(0, 40), repeat=2):
        for unit in ("件", "人次", "场次", "个"):
            pair = pair_of("普法宣传活动", str(this), str(last), unit)
            cmp = compare_pair(pair)
            small = last < 10 or abs(this - last) <= 2
            assert small_base(pair) == small
            assert ("%" in cmp.text) == (not small and this != last), (this, last, cmp.text)
            assert [d.text for d in cmp.derived if d.text.endswith("%")] == (
                [] if small or this == last else [cmp.text.rsplit("长", 1)[-1].rsplit("降", 1)[-1]]
            )


def test_small_base_counts_magnitudes():
    """9.8万元 is 98000 yuan: a percentage; 52.3万 ↔ 41.8万 are ten thousands apart: a percentage too."""
    for value, last, unit in (
        ("12.6", "9.8", "万元"),
        ("52.3万", "41.8万", "人次"),
        ("2.35", "2.05", "亿元"),
    ):
        pair = pair_of("罚没款", value, last, unit)
        assert not small_base(pair) and "%" in compare_pair(pair).text


@pytest.mark.parametrize("org", BODIES)
@pytest.mark.parametrize("label", ["罚没款", "行政罚款", "没收违法所得", "罚没收入"])
def test_a_fine_is_stated_as_the_result_of_enforcement(org, label):
    """Never bare, never grown: the clause before it names the work it results from (a court's own)."""
    body = detect_body(org)
    rows = rows_from_records([{"指标": label, "数值": "2.35", "单位": "亿元", "上年数值": "2.05"}])
    (text,) = row_sentences(rows, body)
    lead = (
        "依法审理各类案件，"
        if org == COURT
        else "依法办理各类案件，"
        if org == PROCURATORATE
        else "依法查处各类违法行为，"
    )
    assert text.startswith("全年" + lead) and text.index(label) > len(lead), text
    assert "2.35亿元" in text and "增长" not in text and "开展" not in text


def test_a_fine_joins_the_enforcement_it_results_from():
    rows = rows_from_records(
        [
            {"指标": "行政处罚案件", "数值": "320", "单位": "件", "上年数值": "300"},
            {"指标": "罚没款", "数值": "1860", "单位": "万元"},
        ]
    )
    (text,) = row_sentences(rows, detect_body(MARKET))
    assert text.startswith("全年办理行政处罚案件320件") and text.endswith("，罚没款共计1860万元。"), text
    assert "依法查处各类违法行为" not in text


def test_a_count_of_fine_decisions_is_no_amount():
    rows = rows_from_records([{"指标": "作出罚款决定", "数值": "12", "单位": "件"}])
    (text,) = row_sentences(rows, detect_body(MARKET))
    assert "依法查处" not in text and "12件" in text


TABLE = [
    {"指标": "行政复议纠错率", "数值": "12.5", "单位": "%", "上年数值": "8.0"},
    {"指标": "罚没款", "数值": "2.35", "单位": "亿元", "上年数值": "2.05"},
    {"指标": "行政复议案件", "数值": "46", "单位": "件", "上年数值": "31"},
    {"指标": "新收各类案件", "数值": "5200", "单位": "件", "上年数值": "4800"},
    {"指标": "负责人出庭应诉率", "数值": "90", "单位": "%", "上年数值": "100"},
    {"指标": "普法宣传活动", "数值": "6", "单位": "场次", "上年数值": "5"},
]


@pytest.mark.parametrize(
    ("org", "genre", "named"),
    [
        (JUSTICE, "法治政府建设年度报告", {"负责人出庭应诉率"}),
        (TOWN, "法治政府建设年度报告", {"行政复议纠错率", "负责人出庭应诉率"}),
        (COURT, "工作总结", {"负责人出庭应诉率"}),
    ],
)
def test_drafts_judge_only_what_is_clear_for_the_body(sample_settings, org, genre, named):
    """Whole drafts: the 问题 part names exactly the figures that moved against a clear direction,
    the comparisons' words follow the direction, no percentage on a small base, fines framed and not
    compared."""
    from assistant.draft.report import DraftRequest, draft_report
    from assistant.export.save import draft_public

    rows = rows_from_records(TABLE)
    draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2024), sample_settings)
    problems = lint.part_text(draft, "problems")
    body = detect_body(org)
    said = {r.label for r in rows if r.label in problems and "较上年" in problems}
    assert said == named, (org, problems[:300])
    assert (
        lint.worsened_silent(problems, rows, body) == [] and lint.judged_neutral(problems, rows, body) == []
    )
    md = draft_public(draft)["markdown"].split("\n---\n")[0]
    assert "较上年增加1场次）" in md and "同比增长20.0%" not in md
    assert "纠错率达" not in md and "纠错率较上年提高" not in md
    fine = next(s for s in md.split("。") if "罚没款" in s)
    # framed as the result of enforcement, and never compared: a rise in it reads as an achievement (r20)
    assert "依法" in fine.split("罚没款")[0] and "2.35亿元" in fine and "较上年" not in fine, fine


def test_real_report_labels_judged_down_or_neutral():
    """The 607 labels of real reports (tests/test_figure_grammar.py): the ones the data judges bad when
    higher, and the neutral ones, are exactly these (read one by one); every other is good up."""
    from test_figure_grammar import ROWS

    from assistant.lang.units import unit_class

    seen = {(label, unit) for label, unit, *_ in ROWS}
    by = {"down": set(), "neutral": set()}
    for label, unit in seen:
        good = direction(label, unit_class(unit)).good
        if good in by:
            by[good].add(label)
    assert by["down"] == {
        "刑事案件发案",
        "命案发案",
        "安全生产事故发生起数",
        "涉黑涉恶案件发案",
        "火灾发生",
        "群众信访件",
        "受理信访案件",  # the petitions received are the petitions there are (r42)
        "行政复议纠错率",
        "道路交通事故",
    }
    assert by["neutral"] == {
        "提起公益诉讼案件",
        "收到行政应诉案件",
        "罚没款",
        "行政复议案件",
        "行政应诉案件",
        "居民消费价格涨幅",
        "低于全国",
        "超过全国平均水平",
        "高于全国平均水平",
        "高出全国平均水平",
        "贡献了全国",
    }
