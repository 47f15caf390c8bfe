"""Blind read r60's classes as rules, each tried over several bodies, labels and units (issue 18).

- the clerk's own word that a row is no rule-of-law work (非法治工作数据) sets it aside, and a body of the law
  named in a label (区司法局在编人员) is no law work of the figure;
- a 0 row's note of several clauses says the none with last year's value beside it, the other clauses around;
- a rank is a place (排名第5位, 较上年前进2位), never a count, and the audit recomputes its move;
- a document's title keeps the body's full name; the rule followed (依据《…》) opens the clause;
- 涉及… is said as written; a bare list is examples, its occasions the days the work was done at.
"""

from __future__ import annotations

import pytest

from assistant.draft.compose.notes import note_pieces, self_referred
from assistant.draft.compose.phrasing import figure_phrase, row_sentences
from assistant.draft.outline.genres import get_genre
from assistant.draft.report import DraftRequest, draft_report, iter_texts
from assistant.draft.tables.compare import check_comparisons, pair_of
from assistant.draft.tables.metrics import rows_from_records
from assistant.lang.bodies import detect_body


def _row(label: str, value: str, unit: str = "", last: str = "", note: str = ""):
    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last, "备注": note}])
    return row


@pytest.mark.parametrize("genre", ["述法报告", "法治政府建设年度报告", "工作总结"])
@pytest.mark.parametrize(
    ("label", "note", "aside"),
    [
        ("区司法局在编人员", "", True),
        ("区司法局部门预算", "区财政局提供", True),
        ("市中级人民法院年度业务经费", "", True),
        ("全县诊疗人次", "非法治工作数据", True),
        ("开展法治讲座", "非法治工作数据，仅作对照", True),  # the clerk's word wins over the label's
        ("区司法局办理法律援助案件", "", False),
        ("县法院审结各类案件", "", False),
        ("司法所规范化建设达标", "", False),
    ],
)
def test_no_law_work_by_the_clerks_word_or_by_a_bodys_name(
    genre: str, label: str, note: str, aside: bool
) -> None:
    assert get_genre(genre).sets_aside(label, note) is aside


@pytest.mark.parametrize(
    ("org", "row", "expected"),
    [
        (
            "栖梧县卫生健康局",
            ("行政复议案件", "0", "件", "1", "全年未发生被申请行政复议情形 执法程序规范化整改见效"),
            "全年未发生行政复议案件（上年1件），执法程序规范化整改见效。",
        ),
        (
            "岚汀市中级人民法院",
            ("进京涉诉信访", "0", "件", "1", "全年无进京涉诉信访 诉源治理和信访化解机制发挥作用"),
            "全年无进京涉诉信访（上年1件），诉源治理和信访化解机制发挥作用。",
        ),
        (
            "芷阳市汀兰区司法局",
            ("社区矫正对象再犯罪", "0", "人", "0", "全区在册社区矫正对象212人 全年无再犯罪"),
            "全区在册社区矫正对象212人，全年无社区矫正对象再犯罪（上年亦无）。",
        ),
    ],
)
def test_a_none_among_other_clauses_is_said_with_last_year_beside_it(
    org: str, row: tuple, expected: str
) -> None:
    assert row_sentences([_row(*row)], detect_body(org)) == [expected]


@pytest.mark.parametrize(
    ("label", "value", "unit", "last", "expected"),
    [
        ("全省法院案件质量评估排名", "5", "位", "7", "全省法院案件质量评估排名第5位（较上年前进2位）"),
        ("全市法治政府建设考核排名", "3", "名", "2", "全市法治政府建设考核排名第3名（较上年后退1名）"),
        ("依法行政考核位次", "2", "位", "", "依法行政考核位次居第2位"),
    ],
)
def test_a_rank_is_a_place_and_its_move_is_checked(
    label: str, value: str, unit: str, last: str, expected: str
) -> None:
    for org in ("岚汀市中级人民法院", "青山市北塘区人民政府", "临溪县司法局"):
        assert figure_phrase(_row(label, value, unit, last), detect_body(org))[0] == expected
    if last:
        pair = pair_of(label, value, last, unit)
        findings = check_comparisons(expected + "。", [pair])
        assert findings and all(f.ok for f in findings), findings
        wrong = expected.replace("前进", "后退") if "前进" in expected else expected.replace("后退", "前进")
        assert not all(f.ok for f in check_comparisons(wrong + "。", [pair]))  # the audit can fail


def test_a_titles_body_name_is_kept_and_the_rest_is_the_bodys_own() -> None:
    row = _row(
        "主持召开局党组会议专题研究法治工作",
        "4",
        "次",
        "",
        "研究《栖梧县卫生健康局法治建设工作要点》，栖梧县卫生健康局牵头",
    )
    assert (
        self_referred(row, "栖梧县卫生健康局", "我局").note
        == "研究《栖梧县卫生健康局法治建设工作要点》，我局牵头"
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ("村（社区）法律顾问覆盖率", "100", "%", "100", "依据《青山区村（社区）法律顾问工作规范》"),
            [("lead", "依据《青山区村（社区）法律顾问工作规范》")],
        ),
        (
            ("其中：审结一审行政案件", "612", "件", "", "涉及集体土地征收、行政协议等"),
            [("clause", "涉及集体土地征收、行政协议等")],
        ),
        (
            ("开展普法主题宣传活动", "128", "场", "", "宪法宣传周 民法典宣传月 “谁执法谁普法”"),
            [("lead", "结合宪法宣传周、民法典宣传月、“谁执法谁普法”等重要节点")],
        ),
        (
            ("开展法治宣传进村入户活动", "1.2万", "人次", "", "义诊咨询 发放资料 法律讲座"),
            [("lead", "通过义诊咨询、发放资料、法律讲座等形式")],  # r64: the ways people were reached lead,
        ),
    ],
)
def test_a_notes_form_decides_where_it_stands(row: tuple, expected: list) -> None:
    assert note_pieces(_row(*row)) == expected


def test_a_judicial_bureaus_draft_sets_its_headcount_aside_and_says_its_notes(sample_settings) -> None:
    rows = rows_from_records(
        [
            {"指标": "办理法律援助案件", "数值": "712", "单位": "件", "上年数值": "645"},
            {
                "指标": "区司法局在编人员",
                "数值": "46",
                "单位": "名",
                "上年数值": "44",
                "备注": "非法治工作数据",
            },
            {
                "指标": "开展法治宣传进村入户活动",
                "数值": "1.2万",
                "单位": "人次",
                "备注": "义诊咨询 发放资料 法律讲座",
            },
            {"指标": "全市法治政府建设考核排名", "数值": "3", "单位": "名", "上年数值": "5"},
        ]
    )
    draft = draft_report(
        DraftRequest(genre="法治政府建设年度报告", rows=rows, org="芷阳市汀兰区司法局", year=2026),
        sample_settings,
    )
    assert draft.flags == [] and draft.voice == []
    text = "\n".join(t for _, t in iter_texts(draft))
    assert "在编人员46名" not in text and any("在编人员" in u for u in draft.unused)
    assert "排名第3名（较上年前进2名）" in text
    assert not any("备注未写入" in u for u in draft.unused), draft.unused


@pytest.mark.parametrize("org", ["栖梧县卫生健康局", "青山市北塘区人民政府", "岚汀市中级人民法院"])
def test_a_pending_grade_reads_as_one_with_last_years_beside_its_marker(org: str) -> None:
    (row,) = rows_from_records(
        [
            {
                "指标": "年度法治建设考核等次",
                "数值": "",
                "单位": "",
                "上年数值": "优秀",
                "备注": "待县委依法治县办反馈",
            }
        ],
        allow_blank=True,
    )
    (text,) = row_sentences([row], detect_body(org))
    assert "考核等次为【待补充：" in text and text.endswith("】（上年为优秀等次）。"), text
    assert "优秀" not in text.split("【")[1].split("】")[0]  # never inside the marker, deleted with it


@pytest.mark.parametrize(
    ("whole", "part"),
    [
        (
            ("办理卫生健康行政处罚案件", "87", "件", "72", "罚没款合计31.6万元"),
            ("其中：医疗机构违法执业案件", "29", "件", "24", ""),
        ),
        (("查处违法案件", "40", "件", "", "罚没款共计12.5万元"), ("其中：食品安全案件", "12", "件", "", "")),
    ],
)
def test_a_total_of_the_whole_comes_before_its_parts(sample_settings, whole: tuple, part: tuple) -> None:
    rows = rows_from_records(
        [dict(zip(("指标", "数值", "单位", "上年数值", "备注"), r, strict=True)) for r in (whole, part)]
    )
    draft = draft_report(
        DraftRequest(genre="法治政府建设年度报告", rows=rows, org="临溪县市场监督管理局", year=2026),
        sample_settings,
    )
    text = "\n".join(t for _, t in iter_texts(draft))
    sentence = next(s for s in text.split("。") if "万元" in s)
    assert sentence.index("万元") < sentence.index("其中"), sentence


@pytest.mark.parametrize(
    ("org", "genre"),
    [
        ("芷阳市汀兰区司法局", "法治政府建设年度报告"),
        ("岚汀市中级人民法院", "工作总结"),
        ("瀚江县瀚溪镇人民政府", "述法报告"),
    ],
)
def test_a_worsened_figures_cause_is_said_once_in_the_problem(sample_settings, org: str, genre: str) -> None:
    cause = "主要受房屋征收补偿程序瑕疵影响"
    rows = rows_from_records(
        [{"指标": "行政诉讼败诉案件", "数值": "5", "单位": "件", "上年数值": "3", "备注": cause}]
    )
    draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2026), sample_settings)
    assert draft.flags == [] and draft.voice == []
    text = "\n".join(t for _, t in iter_texts(draft))
    assert text.count(cause) == 1 and "5件" in text, text


def test_what_a_rate_is_of_is_said_first() -> None:
    row = _row("行政机关负责人出庭应诉率", "98.6", "%", "96.2", "一审行政案件")
    assert note_pieces(row) == [("lead", "一审行政案件中")]
