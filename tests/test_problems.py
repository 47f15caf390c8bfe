"""Problems and plans of this body (issue 18 item 7): the kinds' own wording as checked data, worsened
figures named with 【待补充：原因】 and answered by a plan, items only from reports of the body's own
kind, and no problem that contradicts the draft's own claims."""

from __future__ import annotations

import re

import pytest
from matrix_cases import bodies

from assistant.draft import lint
from assistant.draft.compose.problems import (
    bad_when_higher,
    figure_item,
    kind_items,
    list_items,
    plan_for,
    worsened,
)
from assistant.draft.tables.metrics import rows_from_records
from assistant.draft.voice.adapt import voice_audit
from assistant.lang.bodies import detect_body, kind_names
from assistant.lang.markers import MARKER_RE
from assistant.lang.similarity import similarity


def test_every_kind_has_its_own_items():
    data = list_items()
    assert set(data) == set(kind_names())
    seen: dict[str, str] = {}
    for kind, entries in data.items():
        assert len(entries) >= 3, kind
        for entry in entries:
            for field in ("problem", "plan"):
                assert seen.setdefault(entry[field], kind) == kind, (
                    f"{entry[field]} in {kind} and {seen[entry[field]]}"
                )
            for field in ("problem_body", "plan_body"):
                assert "【待补充：" in entry[field], entry[field]


def test_items_fill_for_every_generated_body_and_speak_its_voice():
    """Every body of the matrix (each kind × level) gets ≥ 3 problems and plans, roles filled, and the
    voice audit finds nothing of another kind or level in them."""
    from assistant.draft.audit.guard import AllowedFacts, audit

    for case in bodies():
        body = detect_body(case.org)
        allowed = AllowedFacts.from_inputs([], message="", org=case.org, place=None, year=2024)
        for problems in (True, False):
            items = kind_items(body, problems)
            assert len(items) >= 3, (case.org, problems)
            for title, text in items:
                assert "{" not in title + text
                assert voice_audit(f"{title}。{text}", body) == [], (case.org, title, text)
                assert audit(f"{title}。{text}", allowed) == [], (case.org, title, text)


def test_a_plan_does_not_repeat_a_problem():
    """One kind's items stay apart: bodies (a near-duplicate would be collapsed out of the draft) and
    whole items as the draft numbers them (a plan restating its problem says it twice)."""
    from assistant.draft.compose.tidy import near_duplicates

    for kind, entries in list_items().items():
        texts = [MARKER_RE.sub("", e[f]) for e in entries for f in ("problem_body", "plan_body")]
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                assert similarity(a, b) < 0.6, (kind, a, b)
        items = [f"（一）{e[t]}。{e[t + '_body']}" for t in ("problem", "plan") for e in entries]
        assert near_duplicates(items) == [], kind


def test_plans_answer_the_kinds_problems():
    body = detect_body("青岚市人民检察院")
    problems = kind_items(body, True)
    plans = kind_items(body, False)
    assert [plan_for(f"（{i}）{t}。", body) for i, (t, _b) in enumerate(problems)] == plans


@pytest.mark.parametrize(
    ("label", "unit", "value", "last", "expected"),
    [
        ("复议纠错率", "%", "12.5", "8.0", "上升"),
        ("复议纠错率", "%", "6.5", "8.0", None),
        ("行政机关负责人出庭应诉率", "%", "88", "100", "下降"),
        ("调解成功率", "%", "99", "96", None),
        ("信访事项按期办结率", "%", "91", "97", "下降"),
        ("行政应诉案件", "件", "40", "31", None),  # disputes brought: neutral (data/directions.yaml)
        ("信访事项办结", "件", "400", "310", None),
        ("普法宣传活动", "场次", "20", "30", None),
        ("行政复议案件", "件", "20", "20", None),
    ],
)
def test_worsened(label, unit, value, last, expected):
    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit, "上年数值": last}])
    assert worsened(row) == expected


def test_bad_when_higher_is_about_the_label_not_a_list():
    assert bad_when_higher("行政诉讼败诉率") and bad_when_higher("群众投诉")
    assert not bad_when_higher("投诉处理") and not bad_when_higher("法律援助案件")


def test_figure_item_names_every_worsened_figure():
    rows = rows_from_records(
        [
            {"指标": "复议纠错率", "数值": "12.5", "单位": "%", "上年数值": "8.0"},
            {"指标": "出庭应诉率", "数值": "88", "单位": "%", "上年数值": "100"},
            {"指标": "普法宣传活动", "数值": "23", "单位": "场次", "上年数值": "20"},
        ]
    )
    title, text = figure_item(rows, True)
    assert title == "复议纠错率较上年上升，出庭应诉率较上年下降" and "【待补充：原因】" in text
    both = rows_from_records(
        [
            {"指标": "出庭应诉率", "数值": "88", "单位": "%", "上年数值": "100"},
            {"指标": "调解成功率", "数值": "95", "单位": "%", "上年数值": "97"},
        ]
    )
    assert figure_item(both, True)[0] == "出庭应诉率、调解成功率较上年下降"
    assert figure_item(both, False)[0] == "着力扭转出庭应诉率、调解成功率下降的状况"
    plan, answer = figure_item(rows, False)
    assert "复议纠错率" in plan and "出庭应诉率" in plan
    # the plan answers its own figures, never 针对上述问题 (blind read r24: filler under a plan of one rate)
    assert answer.startswith("逐项查找原因") and "上述问题" not in answer
    assert figure_item(rows[2:], True) is None


def _draft(org, genre, records, settings):
    from assistant.draft.report import DraftRequest, draft_report

    rows = rows_from_records(records, allow_blank=True)
    return draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2024), settings), rows


ROWS = [
    {"指标": "普法宣传活动", "数值": "23", "单位": "场次"},
    {"指标": "调解成功率", "数值": "92.5", "单位": "%", "上年数值": "97.0"},
    {"指标": "矛盾纠纷调解", "数值": "86", "单位": "件"},
]


@pytest.mark.parametrize("genre", ["述法报告", "工作总结"])
def test_drafts_of_two_kinds_have_their_own_parts(sample_settings, genre):
    """A township (the samples hold its kind) and a county government (they do not): no shared item,
    the worsened figure named in 问题 with a marker and answered first in 打算, no item borrowed
    from another kind's report."""
    town, rows = _draft("青岚县白溪镇党委", genre, ROWS, sample_settings)
    county, _ = _draft("白溪县人民政府", genre, ROWS, sample_settings)
    for draft in (town, county):
        problems, plans = lint.part_text(draft, "problems"), lint.part_text(draft, "plans")
        assert "调解成功率较上年下降" in problems and "【待补充：原因】" in problems
        assert "着力扭转调解成功率下降的状况" in plans
        assert lint.worsened_silent(problems, rows) == []
    for key in ("problems", "plans"):
        ours = {p.heading for sd in town.sections if sd.key == key for p in sd.paragraphs if p.heading}
        theirs = {p.heading for sd in county.sections if sd.key == key for p in sd.paragraphs if p.heading}
        shared = {h for h in ours & theirs if "调解成功率" not in h}
        assert shared == set(), shared
    from assistant.index.search import get_searcher

    docs = get_searcher(sample_settings).store.manifest["documents"]
    for sd in county.sections:
        if sd.key in ("problems", "plans"):
            for p in sd.paragraphs:
                assert all(docs[s.doc].get("body_kind") == "人民政府" for s in p.sources), p.text


def test_no_problem_contradicts_a_claim(sample_settings):
    """The townships' sample problem 对加强重大决策合法性要求重视程度仍有待提高 is not used once the draft
    claims 合法性审查全覆盖 (the bench found it in every 述法报告 of a township)."""
    from assistant.draft.report import iter_texts

    for case in bodies():
        if case.kind == "乡镇":
            draft, _ = _draft(case.org, "述法报告", case.rows, sample_settings)
            problems = lint.part_text(draft, "problems")
            rest = "".join(t for _w, t in iter_texts(draft) if t not in problems)
            assert lint.contradiction(rest, problems) == [], case.org


GWR = """青岚省人民政府2024年政府工作报告

一、2023年工作回顾
过去一年，全省经济运行稳中有进，各项事业取得新进展。

二、存在的问题
我们也清醒看到，发展中还面临不少困难和问题。
（一）经济回升向好的基础还不稳固。有效需求不足，部分行业产能过剩，社会预期偏弱。
（二）产业转型升级任务依然艰巨。科技创新能力还不够强，新动能培育还需加力。
（三）民生保障还有不少短板。就业、教育、医疗、养老等方面还有不少难题需要解决。

三、2024年主要任务
（一）着力扩大有效需求。激发消费潜能，扩大有效投资。
（二）加快建设现代化产业体系。推动传统产业转型升级，培育新兴产业。
"""


def test_no_item_from_a_government_work_report(sample_settings, tmp_path):
    """A government's own 政府工作报告 is of its kind, but its problems are the economy's: a rule-of-law
    report's 问题/打算 items never come from one (the kind's own wording stands instead)."""
    import shutil

    from assistant.index.indexer import ingest
    from assistant.index.search import get_searcher
    from assistant.settings import load_settings

    target = tmp_path / "index"
    shutil.copytree(sample_settings.index_dir, target)
    settings = load_settings(index_dir=target)
    (tmp_path / "gwr.txt").write_text(GWR, encoding="utf-8")
    assert ingest([tmp_path / "gwr.txt"], settings, progress=False, genre="政府工作报告").added == 1
    docs = get_searcher(settings).store.manifest["documents"]
    assert {d.get("body_kind") for d in docs.values() if d.get("genre") == "政府工作报告"} == {"人民政府"}
    for genre in ("法治政府建设年度报告", "工作总结"):
        draft, _ = _draft("青岚省人民政府", genre, ROWS, settings)
        parts = lint.part_text(draft, "problems") + lint.part_text(draft, "plans")
        assert not any(w in parts for w in ("经济回升", "产业转型", "有效需求", "民生保障")), parts


def test_a_problems_heading_that_promises_causes_asks_for_them(sample_settings):
    """存在的不足和原因 (法治政府建设年度报告) with no cause given (blind read r6): the part ends by asking;
    a 问题 part without 原因 in its heading does not."""
    gov, _ = _draft("白溪县人民政府", "法治政府建设年度报告", ROWS, sample_settings)
    town, _ = _draft("青岚县白溪镇党委", "述法报告", ROWS, sample_settings)
    assert lint.part_text(gov, "problems").rstrip().endswith("【待补充：主观和客观原因分析】。")
    assert "主观和客观原因分析" not in lint.part_text(town, "problems")


def test_an_item_the_users_figures_belie_is_left_out():
    """案多人少…收案增长 in a tribunal's 问题 while its cases received fell (blind read r17): its own figures
    belie the item (``unless_fell``), so the draft leaves it out; with cases rising it stays."""
    from assistant.draft.tables.metrics import rows_from_records

    body = detect_body("云溪县人民法院梅林人民法庭")
    fell = rows_from_records([{"指标": "新收各类案件", "数值": "947", "单位": "件", "上年数值": "1021"}])
    rose = rows_from_records([{"指标": "新收各类案件", "数值": "1100", "单位": "件", "上年数值": "1021"}])
    titles = lambda rows: [t for t, _ in kind_items(body, True, rows)]  # noqa: E731
    assert "案多人少矛盾仍然突出" in titles(rose)
    assert "案多人少矛盾仍然突出" not in titles(fell)


def test_an_item_outside_the_bodys_scope_is_left_out():
    """A department's items speak of 执法办案 and 执法案卷; an 审计局 has neither (blind read r17): those
    items are left out, the others stay, and its parts still hold three items."""
    audit = detect_body("桐山县审计局")
    for problems in (True, False):
        items = kind_items(audit, problems)
        assert len(items) >= 3
        assert not any("执法办案" in t + x or "执法案卷" in t + x for t, x in items), items
    assert any("执法案卷" in t + x for t, x in kind_items(detect_body("桐山县市场监督管理局"), True))


def test_a_department_with_a_rule_of_law_role_names_it_first():
    """Blind read r20: a 宣传部's 问题 and 打算 never named 法治宣传. A department's own items
    (data/department_items.yaml, keyed by bodies.yaml departments) come before its kind's and pair up."""
    from assistant.draft.compose.problems import DEPARTMENT_DATA, plan_for
    from assistant.lang.body_model import bodies as body_data

    data = list_items(DEPARTMENT_DATA)
    assert set(data) <= set(body_data().departments)
    for org, word in (
        ("中共临川县委宣传部", "法治宣传"),
        ("中共临川县委组织部", "干部"),
        ("临川县司法局", "统筹"),
    ):
        body = detect_body(org)
        problems, plans = kind_items(body, True), kind_items(body, False)
        assert word in problems[0][0] + problems[0][1] and len(problems) >= 4, (org, problems[0])
        assert plan_for(problems[0][0], body) == plans[0]
        assert voice_audit(f"{problems[0][0]}。{problems[0][1]}", body) == []
    other = kind_items(detect_body("中共临川县委统一战线工作部"), True)
    assert all("法治宣传" not in t for t, _ in other)


def test_a_slight_dip_is_no_state_to_reverse_and_a_figure_joins_the_item_of_its_matter():
    """Blind read r21: 100% → 98.6% is 有所下降 (推动…回升, never 着力扭转); a worsened 督察…整改完成率 beside
    the kind's own item on 督察 is said in that item, not in one of its own."""
    from assistant.draft.compose.problems import figure_home, figure_item
    from assistant.draft.tables.metrics import rows_from_records

    body = detect_body("云岭县文化广电和旅游局")
    slight = rows_from_records(
        [{"指标": "旅游投诉按期办结率", "数值": "98.6", "单位": "%", "上年数值": "100"}]
    )
    assert figure_item(slight, True, body)[0] == "旅游投诉按期办结率较上年有所下降"
    assert figure_item(slight, False, body)[0] == "推动旅游投诉按期办结率回升"
    deep = rows_from_records([{"指标": "旅游投诉按期办结率", "数值": "90.1", "单位": "%", "上年数值": "100"}])
    assert figure_item(deep, False, body)[0] == "着力扭转旅游投诉按期办结率下降的状况"
    county = detect_body("中共石川县委员会")
    rate = rows_from_records(
        [{"指标": "督察发现问题整改完成率", "数值": "92.3", "单位": "%", "上年数值": "96.5"}]
    )
    home = figure_home(rate, county)
    assert home is not None and "督察" in home["problem"] + home["problem_body"]
    assert figure_home(deep, body) is None or "投诉" in home["problem_body"]


@pytest.mark.parametrize(
    ("org", "records", "want"),
    [
        (  # work that came to the body rose: a pressure, named and answered (blind read r25)
            "南岭县人力资源和社会保障局",
            [("受理劳动人事争议仲裁案件", "342", "件", "298"), ("办理劳动保障监察案件", "87", "件", "112")],
            "受理劳动人事争议仲裁案件",
        ),
        (  # a body of another kind, complaints it received
            "青屏省市场监督管理局",
            [("12345热线受理投诉举报工单", "9800", "件", "8100")],
            "12345热线受理投诉举报工单",
        ),
        ("南岭县人力资源和社会保障局", [("受理劳动人事争议仲裁案件", "342", "件", "330")], None),  # +3.6 %
        ("南岭县人力资源和社会保障局", [("查办劳动保障违法案件", "342", "件", "200")], None),  # own effort
        (  # a 人民法庭's own 案多人少 item says it already
            "青川县人民法院清河人民法庭",
            [("新收各类案件", "5200", "件", "4300")],
            None,
        ),
    ],
)
def test_work_that_came_to_the_body_and_rose_is_a_pressure(org, records, want):
    from assistant.draft.compose.problems import pressure_item

    body = detect_body(org)
    rows = rows_from_records(
        [{"指标": a, "数值": v, "单位": u, "上年数值": last} for a, v, u, last in records]
    )
    problem, plan = pressure_item(rows, True, body), pressure_item(rows, False, body)
    if want is None:
        assert problem is None and plan is None
        return
    # a rise of 14.8 % or 21.0 % is 有所: 明显 is three tenths or more, the audit's rule (compare.MARKED_SHARE)
    assert problem[0].startswith(want) and "较上年有所增加" in problem[0] and MARKER_RE.search(problem[1])
    assert plan[0].startswith("提升") and MARKER_RE.search(plan[1])
    assert not any(ch.isdigit() for ch in (problem[1] + plan[1]))  # no figure beyond the table's own


def test_a_problem_of_a_matter_that_got_better_is_left_out(sample_settings):
    """Blind read r39: 不少纠纷争议在信访途径循环 beside a table whose 信访事项 fell from 34 to 21. Whatever
    body and genre, no 问题 sentence speaks of a matter the user's own figures show got better; the same
    figure risen is named as the problem."""
    from assistant.draft.compose.problems import belied_by_gain, improved

    town = detect_body("桐溪县云岭镇人民政府")
    fell, rose = rows_from_records(
        [
            {"指标": "信访事项", "数值": "21", "单位": "件", "上年数值": "34"},
            {"指标": "群众信访件", "数值": "40", "单位": "件", "上年数值": "34"},
        ]
    )
    assert improved(fell, town) and not improved(rose, town)
    assert belied_by_gain("不少纠纷争议在信访途径循环，得不到及时有效解决", [fell], town)
    assert not belied_by_gain("不少纠纷争议在信访途径循环，得不到及时有效解决", [rose], town)
    assert not belied_by_gain("普法形式较为单一", [fell], town)
    records = [
        {"指标": "信访事项", "数值": "21", "单位": "件", "上年数值": "34"},
        {"指标": "排查化解矛盾纠纷", "数值": "183", "单位": "件"},
        {"指标": "普法宣传活动", "数值": "26", "单位": "场次", "上年数值": "22"},
    ]
    for org, genre in (
        ("桐溪县云岭镇人民政府", "工作总结"),
        ("平安县清河乡党委", "述法报告"),
        ("安澜市临湖区石坪街道办事处", "工作总结"),
    ):
        draft, rows = _draft(org, genre, records, sample_settings)
        problems = lint.part_text(draft, "problems")
        assert lint.belied(problems, rows, detect_body(org)) == [], (org, problems)


def test_what_the_table_claims_complete_is_no_problem() -> None:
    """Blind read r50: every decision went through the five steps (the table's note), and the problems said
    the steps were uneven."""
    from assistant.draft.compose.problems import claims_of_rows, contradicts

    rows = rows_from_records(
        [
            {
                "指标": "县政府重大行政决策事项",
                "数值": "6",
                "单位": "件",
                "备注": "均履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序",
            },
            {"指标": "机关负责人出庭应诉率", "数值": "100", "单位": "%"},
        ]
    )
    claimed = claims_of_rows(rows)
    assert contradicts("重大行政决策公众参与、专家论证、风险评估等程序的落实还不够均衡。", claimed)
    assert contradicts("机关负责人出庭应诉率还不够高。", claimed)
    assert not contradicts("行政执法规范化水平与群众期待还有差距。", claimed)


def test_work_that_came_and_was_done_is_no_pressure():
    """Blind read r52: 12315平台受理投诉举报 rose and was called a shortfall of 办理力量 although its own note said
    按期办结率99.6%; the plan's heading pasted the label (提升…受理投诉举报办理效能)."""
    from assistant.draft.compose.problems import pressure_item

    body = detect_body("青屏省市场监督管理局")
    rec = {"指标": "12315平台受理投诉举报", "数值": "46.2万", "单位": "件", "上年数值": "41.7万"}
    done = rows_from_records([{**rec, "备注": "按期办结率99.6%"}])
    assert pressure_item(done, True, body) is None and pressure_item(done, False, body) is None
    lagging = rows_from_records([{**rec, "备注": "按期办结率86.0%"}])
    assert pressure_item(lagging, False, body)[0] == "提升12315平台投诉举报办理效能"


@pytest.mark.parametrize(
    ("org", "genre"),
    [
        ("苴岭县瓴溪瑶族乡人民政府", "法治政府建设年度报告"),
        ("中共苴岭县瓴溪乡委员会", "述法报告"),
        ("苴岭县司法局", "工作总结"),
    ],
)
def test_no_item_of_problems_or_plans_is_a_slogan(sample_settings, org, genre):
    """Blind read r52: 带头落实好法治建设的总体要求，强化社会治理，扎实推进扫黑除恶斗争常态化… (every word generic) as
    the body of a township government's plan; a past report's slogan is no item's body: a marker asks instead."""
    from assistant.draft.report import DraftRequest, draft_report
    from assistant.lang.filler import is_filler

    rows = rows_from_records([{"指标": "排查调处矛盾纠纷", "数值": "137", "单位": "件", "上年数值": "152"}])
    draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2026), sample_settings)
    for section in draft.sections:
        if section.key not in ("problems", "plans"):
            continue
        for par in section.paragraphs:
            for span in par.spans[1:]:  # the item's body, after its heading
                assert not is_filler(span.text), (org, span.text)


@pytest.mark.parametrize(
    ("org", "genre"),
    [
        ("青屏省市场监督管理局", "法治政府建设年度报告"),
        ("青屏市交通运输局", "述法报告"),
        ("青屏县综合行政执法局", "工作总结"),
    ],
)
def test_no_two_items_of_a_list_say_the_same_clause(sample_settings, org, genre):
    """Blind read r52: 执法人员的专业能力还不相适应 and 执法人员的专业能力与执法任务还不相适应 in two problems of one
    draft (the department's item and its kind's)."""
    from assistant.draft.report import DraftRequest, draft_report
    from assistant.lang.markers import MARKER_RE
    from assistant.lang.similarity import similarity

    rows = rows_from_records([{"指标": "作出行政处罚决定", "数值": "212", "单位": "件", "上年数值": "180"}])
    draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2026), sample_settings)
    for section in draft.sections:
        if section.key not in ("problems", "plans"):
            continue
        items = [
            [c for c in re.split(r"[，。；、*]", MARKER_RE.sub("", par.text)) if len(c) >= 8]
            for par in section.paragraphs
            if par.heading
        ]
        for i, mine in enumerate(items):
            for other in items[:i]:
                assert not any(similarity(c, d) >= 0.6 for c in mine for d in other), (org, mine, other)
