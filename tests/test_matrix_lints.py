"""The drafting matrix's lints (assistant/draft/lint.py): each catches a planted defect and passes a
clean sentence; and a small matrix (8 bodies of different kinds × the three genres) over the samples
exports every draft (0 refusals) with no identical 问题/打算 parts across kinds."""

from __future__ import annotations

import pytest
from matrix_cases import ECONOMY, GENRES, HEAD_ACTS, NAMED_HONOURS, NONE_EVENTS, bodies, writes

from assistant.draft import lint
from assistant.draft.tables.metrics import rows_from_records


def _lints(defects):
    return [d.lint for d in defects]


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("全年培育培育法律明白人120名。", "全年培育法律明白人120名。"),
        ("深入开展宣传教育，人人知法、事事依法。", "深入开展宣传教育，人人知法、事事依法。"),
    ],
)
def test_doubled(bad, good):
    assert _lints(lint.doubled(bad)) == (["doubled"] if bad != good else [])
    assert lint.doubled(good) == []


def test_echo_label_after_its_verb():
    labels = ["普法宣传覆盖群众", "审结各类案件"]
    assert _lints(lint.echo("全年开展普法宣传活动23场次，覆盖普法宣传覆盖群众5600人次。", labels)) == ["echo"]
    assert _lints(lint.echo("全年办理审结各类案件1200件。", labels)) == ["echo"]
    assert lint.echo("全年开展普法宣传活动23场次，覆盖群众5600人次。", labels) == []
    assert lint.echo("全年审结各类案件1200件，组织开展学法用法考试。", labels) == []
    assert lint.echo("调处化解矛盾纠纷86件。", labels) == []
    assert lint.echo("推动诉前调解与人民调解、行政调解衔接联动。", labels) == []


def test_verb_of_another_metric_kind():
    for bad in (
        "全年开展罚没款1860万元。",
        "全年开展行政执法人员法律知识考试1350人。",
        "开展复议纠错率8.5%。",
    ):
        assert _lints(lint.verb_kind(bad)) == ["verb_kind"], bad
    for good in (
        "罚没款共计1860万元。",
        "全年开展普法宣传活动23场次，覆盖群众5600人次。",
        "组织1350名执法人员参加考试。",
    ):
        assert lint.verb_kind(good) == [], good


def test_phrase_twice_in_a_sentence():
    bad = "坚持和发展新时代“枫桥经验”，全年调处化解矛盾纠纷142件，坚持和发展新时代“枫桥经验”，推动矛盾纠纷就地化解。"
    assert _lints(lint.phrase_twice(bad)) == ["phrase_twice"]
    assert (
        lint.phrase_twice("坚持和发展新时代“枫桥经验”，全年调处化解矛盾纠纷142件，推动矛盾纠纷就地化解。")
        == []
    )


def test_phrase_again_in_a_paragraph():
    """Blind read r20: a general sentence saying again what its paragraph said."""
    bad = "扛牢全面从严治党政治责任，抓好巡视巡察反馈问题整改。涵养清正廉洁的新风正气，坚决扛起全面从严治党政治责任。"
    assert _lints(lint.phrase_again(bad)) == ["phrase_again"]
    good = "扛牢全面从严治党政治责任，抓好巡视巡察反馈问题整改。全年落实全面从严治党政治责任约谈12人次。"
    assert lint.phrase_again(good) == []  # a figure of its own: a new fact


def test_near_duplicate_sentences():
    a = "严格落实重大行政决策合法性审查制度，做到应审尽审。"
    b = "严格落实重大行政决策合法性审查制度，切实做到应审尽审。"
    assert _lints(lint.near_duplicate([a, b])) == ["near_duplicate"]
    assert lint.near_duplicate([a, "全年办理法律援助案件537件，挽回经济损失120万元。"]) == []


def test_stated_and_listed_unused():
    rows = rows_from_records([{"指标": "审计项目", "数值": "59", "单位": "个"}])
    unused = ["审计项目 59个（范文中没有可对应的句子，已在“依法履职”单独成句，请核对表述）"]
    assert _lints(lint.stated_unused(["全年完成审计项目59个。"], unused, rows)) == ["stated_unused"]
    assert lint.stated_unused(["全年完成审计项目59个。"], [], rows) == []
    assert lint.stated_unused(["依法开展审计监督。"], unused, rows) == []


def test_worsened_figure_named_in_problems():
    rows = rows_from_records(
        [
            {"指标": "复议纠错率", "数值": "12.5", "单位": "%", "上年数值": "8.0"},
            {"指标": "出庭应诉率", "数值": "88", "单位": "%", "上年数值": "100"},
            {"指标": "普法宣传活动", "数值": "20", "单位": "场次", "上年数值": "30"},
            {"指标": "调解成功率", "数值": "98", "单位": "%", "上年数值": "96"},
        ]
    )
    assert [lint.worsened(r) for r in rows] == [True, True, False, False]
    silent = lint.worsened_silent("（一）执法规范化水平有待提高。", rows)
    assert [d.detail for d in silent] == ["复议纠错率", "出庭应诉率"]
    named = "（一）复议纠错率较上年上升【待补充：原因】。（二）出庭应诉率较上年下降【待补充：原因】。"
    assert lint.worsened_silent(named, rows) == []


def test_problem_contradicting_a_claim():
    claims = "严格落实重大决策合法性审查全覆盖，全年审查文件28件。"
    bad = "（一）对加强重大决策合法性要求重视程度仍有待提高。"
    assert _lints(lint.contradiction(claims, bad)) == ["contradiction"]
    assert lint.contradiction(claims, "（一）基层法治宣传的针对性有待提高。") == []


def test_same_parts_across_kinds_only():
    parts = {"a": ("乡镇", "（一）我镇法治宣传不够深入。"), "b": ("法院", "（一）我院法治宣传不够深入。")}
    found = lint.same_parts(parts)
    assert sorted(found) == ["a", "b"]
    assert lint.same_parts({"a": ("乡镇", "（一）X。"), "c": ("乡镇", "（一）X。")}) == {}
    assert lint.same_parts({"a": ("乡镇", "（一）X。"), "b": ("法院", "（一）Y。")}) == {}


def _extras(body):
    """The rows :func:`matrix_cases.extras` appended to a body's table."""
    return body.rows[len(body.rows) - body.extra :]


def test_generated_bodies_cover_every_kind_and_level():
    from assistant.lang.bodies import kind_names

    cases = bodies()
    assert len(cases) >= 60
    assert {b.kind for b in cases} == set(kind_names())
    assert len({b.org for b in cases}) == len(cases)
    drawn = [b.rows[: len(b.rows) - b.extra] for b in cases]
    drawn = [
        [r for r in rows if not r["指标"].startswith("其中")] for rows in drawn
    ]  # 其中 rows of none added
    assert all(6 <= len(rows) <= 10 for rows in drawn)
    extra = [r for b in cases for r in _extras(b)]  # the r31 classes: each in some tables
    for what in (HEAD_ACTS, NONE_EVENTS, [e[0] for e in ECONOMY], [h[0] for h in NAMED_HONOURS]):
        assert sum(any(w in r["指标"] for w in what) for r in extra) >= 5
    with_last = sum("上年数值" in r for rows in drawn for r in rows)
    assert 0.35 < with_last / sum(len(rows) for rows in drawn) < 0.65
    assert sum("备注" in r for rows in drawn for r in rows) >= 50  # notes a clerk writes (r29)
    assert sum(r["指标"].startswith("其中") for b in cases for r in b.rows) >= 10


@pytest.fixture(scope="module")
def small_matrix(sample_settings, tmp_path_factory):
    """8 bodies of different kinds × 3 genres over the samples: (body, genre, draft, refusal or None)."""
    from assistant.draft.report import DraftRequest, draft_report
    from assistant.export.save import save_draft

    out_dir = tmp_path_factory.mktemp("matrix")
    results = []
    for body in bodies(quick=True):
        rows = rows_from_records(body.rows, allow_blank=True)
        for genre in GENRES:
            if not writes(body, genre):
                continue
            request = DraftRequest(genre=genre, rows=rows, org=body.org, year=2024, post=body.post)
            draft = draft_report(request, sample_settings)
            try:
                save_draft(draft, request, out_dir / "d.md")
                refusal = None
            except Exception as exc:  # noqa: BLE001 - listed by the test
                refusal = str(exc)[:300]
            results.append((body, genre, draft, refusal))
    return results


def test_small_matrix_exports_every_draft(small_matrix):
    refused = [f"{b.org}·{g}: {r}" for b, g, _d, r in small_matrix if r]
    assert refused == []


def test_small_matrix_parts_differ_across_kinds(small_matrix):
    """No two bodies of different kinds share a 问题 or 打算 part word for word (per genre)."""
    shared = []
    for key in ("problems", "plans"):
        for genre in GENRES:
            parts = {b.org: (b.kind, lint.part_text(d, key)) for b, g, d, _r in small_matrix if g == genre}
            shared += [f"{genre}·{key}·{org}" for org in lint.same_parts(parts)]
    assert shared == []


def test_small_matrix_says_nothing_twice(small_matrix):
    """No phrase twice in a sentence, no near-identical sentences in a draft (issue 18 item 8)."""
    found = [
        f"{b.org}·{g}: [{x.lint}] {x.text[:80]}"
        for b, g, d, _r in small_matrix
        for x in lint.draft_lints(d, rows_from_records(b.rows, allow_blank=True))
        if x.lint in ("phrase_twice", "phrase_again", "near_duplicate")
    ]
    assert found == []


def test_the_classes_of_the_blind_drafts_are_caught():
    """Round 2 (drafts of a procuratorate and a county party committee): each defect is caught, its
    mended form passes."""
    labels = ["制发检察建议", "“法律明白人”培养", "矛盾纠纷调处化解", "县委常委会会议专题研究法治建设"]
    for bad in (
        "全年办理制发检察建议43份。",
        "培育“法律明白人”培养1260名。",
        "全年矛盾纠纷调处化解矛盾纠纷1874件。",
    ):
        assert _lints(lint.echo(bad, labels)) == ["echo"], bad
    for good in ("全年制发检察建议43份。", "培养“法律明白人”1260名。", "全年调处化解矛盾纠纷1874件。"):
        assert lint.echo(good, labels) == [], good
    assert _lints(lint.verb_kind("全年开展全面依法治县委员会全体会议1次、领导干部述法36人。")) == [
        "verb_kind"
    ]
    assert lint.verb_kind("全年召开全面依法治县委员会全体会议1次。") == []
    assert _lints(lint.verb_kind("全年开展领导干部述法36人。")) == ["verb_kind"]
    assert lint.verb_kind("全年组织36名领导干部述法。") == []
    lost = "列入县委重要议事日程，全面落实“一岗双责”，5次（较上年增加2次、同比增长66.7%）专题研究讨论法治建设工作。"
    assert _lints(lint.subjectless(lost)) == ["subjectless"]
    assert lint.subjectless("全年县委常委会会议专题研究法治建设5次（较上年增加2次）。") == []
    assert lint.subjectless("3个村获评省级民主法治示范村，2个社区获评市级法治示范社区。") == []


def test_the_r31_classes_are_caught_and_clean_text_passes():
    """Blind read r31: the reporter naming himself by title, a 【待确认】 on the user's own 0, a figure of no
    法治 work written in a 法治 report, an honour's named winner replaced by the body."""
    rows = rows_from_records(
        [
            {"指标": "行政复议案件", "数值": "0", "单位": "件"},
            {"指标": "一般公共预算收入", "数值": "1.86", "单位": "亿元"},
            {"指标": "获评省级民主法治示范村", "数值": "1", "单位": "个", "备注": "石桥村"},
        ]
    )
    bad_self = ["机关负责人出庭应诉率继续保持100%，镇长出庭1次。", "全年检察长列席区法院审委会3次。"]
    assert _lints(lint.self_title(bad_self, None)) == ["self_title", "self_title"]
    assert lint.self_title(["本人出庭1次。", "局长信箱回复来信12件。"], "局长") == []
    assert _lints(lint.zero_doubted(["【待确认】全年未发生行政复议案件。"], rows)) == ["zero_doubted"]
    assert (
        lint.zero_doubted(["全年未发生行政复议案件。", "【待确认】重大决策实现合法性审查全覆盖。"], rows)
        == []
    )
    assert _lints(lint.off_genre(["全年一般公共预算收入1.86亿元。"], rows, "述法报告")) == ["off_genre"]
    assert lint.off_genre(["全年开展普法宣传28场。"], rows, "述法报告") == []
    assert _lints(lint.winner_lost(["本镇获评省级民主法治示范村。"], rows)) == ["winner_lost"]
    assert lint.winner_lost(["石桥村获评省级民主法治示范村。"], rows) == []


def test_a_plan_answering_a_problems_figures_is_no_near_duplicate():
    """The matrix's r57 rows: two long rate names in a problem and in the plan that answers it."""
    from assistant.draft import lint

    problem = "（一）首次信访7日内程序性回复率、一审民商事案件结案率较上年有所下降。"
    assert not lint.near_duplicate(
        [problem, "（一）推动首次信访7日内程序性回复率、一审民商事案件结案率回升。"]
    )
    assert lint.near_duplicate(
        [problem, "（二）首次信访7日内程序性回复率、一审民商事案件结案率较上年有所下降。"]
    )
