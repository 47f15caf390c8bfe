"""Whole drafts for bodies of different kinds × the three genres, over the samples (issue 10).

Each draft must speak as its own body: no self-reference, superior or function of another kind,
no empty 问题/打算 item, no near-duplicate pair, every user figure present with a verb of its kind
in a section of its kind, and the number audit and the voice audit clean.
"""

from __future__ import annotations

import json
import re

import pytest

from assistant.draft.compose.tidy import near_duplicates
from assistant.draft.report import DraftRequest, draft_report, iter_texts
from assistant.draft.tables.metrics import rows_from_records

ROWS = {
    "town": [
        {"指标": "党委理论学习中心组集中学法", "数值": "6", "单位": "次"},
        {"指标": "普法宣传活动", "数值": "23", "单位": "场次"},
        {"指标": "普法覆盖人次", "数值": "5600", "单位": "人次"},
        {"指标": "矛盾纠纷调解", "数值": "86", "单位": "件"},
        {"指标": "法律明白人", "数值": "42", "单位": "名"},
    ],
    "bureau": [
        {"指标": "行政复议案件", "数值": "37", "单位": "件"},
        {"指标": "行政应诉案件", "数值": "12", "单位": "件"},
        {"指标": "法律援助案件", "数值": "537", "单位": "件"},
        {"指标": "社区矫正对象", "数值": "210", "单位": "人"},
        {"指标": "公共法律服务站点", "数值": "18", "单位": "个"},
        {"指标": "普法宣传活动", "数值": "23", "单位": "场次"},
        {"指标": "普法覆盖人次", "数值": "5600", "单位": "人次"},
    ],
    "district": [
        {"指标": "行政复议案件", "数值": "64", "单位": "件"},
        {"指标": "规范性文件合法性审核", "数值": "28", "单位": "件"},
        {"指标": "执法人员持证率", "数值": "98", "单位": "%"},
        {"指标": "普法宣传活动", "数值": "120", "单位": "场次"},
    ],
    "street": [
        {"指标": "普法宣传活动", "数值": "31", "单位": "场次"},
        {"指标": "矛盾纠纷调解", "数值": "140", "单位": "件"},
    ],
}
BODIES = {  # org, rows, words that must not occur (another kind's self-references, organs, functions)
    "town": (
        "青山县红星镇党委",
        [
            "局党组",
            "我局",
            "全局干部",
            "我乡",
            "乡党委",
            "政府立法",
            "行政复议案件",
            "党（工）委",
            "省州县",
            "政法队伍教育整顿",
            "机构编制工作",
        ],
    ),
    "bureau": (
        "青山县司法局",
        [
            "我乡",
            "我镇",
            "乡党委",
            "依法治乡",
            "户长会",
            "支持人大",
            "乡级单位",
            "党（工）委",
            "统揽全局、协调各方",
            "省州县",
            "政府立法",
        ],
    ),
    "district": (
        "江北区人民政府",
        ["我局", "局党组", "我乡", "乡党委", "政府立法", "县委", "我县", "党（工）委", "支持人大", "省州县"],
    ),
    "street": (
        "朝阳区和平街道办事处",
        ["我局", "局党组", "我乡", "乡党委", "行政复议案件", "党（工）委", "省州县"],
    ),
}
VERBS = {  # metric kind → words one of which must stand in the figure's sentence
    "pufa.events": "开展|举办|组织",
    "pufa.reach": "覆盖|受众|惠及",
    "review.reconsideration": "办理|受理|办结|复议",
    "review.litigation": "应诉",
    "service.legal_aid_consult": "办理|援助",
    "other.correction": "接收|管理|矫正",
    "other.service_stations": "建成|设立|建立|建设",
    "dispute.mediation": "调解|化解|调处",
    "pufa.team": "培育|培养|法律明白人",
    "study.center_group": "学习|学法",
    "decision.legality_review": "审核|审查",
    "other.doc_review": "审核|审查",
    "enforce.certified": "持证",
}
SECTIONS = {
    "other.correction": "司法行政|公共法律服务",
    "other.service_stations": "司法行政|公共法律服务",
    "review.reconsideration": "复议|纠纷|依法行政",
}
GENRES = ["述法报告", "法治政府建设年度报告", "工作总结"]


def _sentences_with(draft, digits: str) -> list[tuple[str, str]]:
    out = []
    for where, text in iter_texts(draft):
        for sent in re.findall(r"[^。；]+[。；]?", text):
            if re.search(rf"(?<![\d.]){re.escape(digits)}(?![\d])", sent):
                out.append((where, sent))
    return out


@pytest.mark.parametrize("genre", GENRES)
@pytest.mark.parametrize("who", list(BODIES))
def test_draft_speaks_as_its_own_body(sample_settings, who, genre):
    org = BODIES[who][0]
    rows = rows_from_records(ROWS[who])
    draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2024), sample_settings)
    assert_own_voice(draft, who, rows)


def assert_own_voice(draft, who: str, rows) -> None:
    """Both audits clean, no word of another kind, no empty item or repeat, every figure with its verb."""
    forbidden = BODIES[who][1]
    texts = [t for _, t in iter_texts(draft)]
    body = "\n".join(texts)
    assert draft.flags == [], draft.flags  # number audit
    assert draft.voice == [], draft.voice  # voice audit
    for word in forbidden:
        assert word not in body, (word, [t for t in texts if word in t])
    assert "今年以来" not in body
    for sd in draft.sections:  # no empty item: a body, or a title that asks for it (blind reads r59, r62)
        for p in sd.paragraphs:
            if p.heading and p.run_in:
                assert len(p.text) > len(p.heading) + 2 or "【待补充" in p.heading, p.text
    assert near_duplicates([p.text for sd in draft.sections for p in sd.paragraphs]) == []
    for row in rows:
        digits = re.sub(r"[^\d.]", "", row.value)
        found = _sentences_with(draft, digits)
        assert found, f"{row.label} {row.value} missing"
        if row.kind in VERBS:
            assert any(re.search(VERBS[row.kind], s) for _, s in found), (row.label, found)
        if row.kind in SECTIONS and who == "bureau":
            assert any(re.search(SECTIONS[row.kind], w) for w, _ in found), (row.label, found)


def test_bureau_head_report_has_department_items_and_signature(sample_settings):
    rows = rows_from_records(ROWS["bureau"])
    draft = draft_report(
        DraftRequest(genre="述法报告", rows=rows, org="青山县司法局", year=2024, post="青山县司法局局长"),
        sample_settings,
    )
    headings = [p.heading or "" for sd in draft.sections for p in sd.paragraphs]
    assert any("行政复议与行政应诉" in h for h in headings)
    assert any("法律援助" in h and "社区矫正" in h for h in headings)
    assert not any("支持人大" in h for h in headings)
    assert draft.signature[0] == "青山县司法局局长　【待补充：姓名】"
    text = "\n".join(t for _, t in iter_texts(draft))
    assert "全年开展社区矫正" not in text and "全年开展公共法律服务站点" not in text
    assert "开展普法宣传活动23场次，覆盖群众5600人次" in text


def test_voice_in_json_and_export_refused_for_a_planted_word(sample_settings, tmp_path, capsys):
    from assistant.cli import main
    from assistant.draft.report import AuditError, DraftRequest
    from assistant.export.save import save_draft

    request = DraftRequest(
        genre="工作总结", rows=rows_from_records(ROWS["town"]), org="青山县红星镇党委", year=2024
    )
    draft = draft_report(request, sample_settings)
    draft.sections[0].paragraphs[0].text += "列入局党组理论学习中心组学习计划。"
    with pytest.raises(AuditError, match="局党组"):
        save_draft(draft, request, tmp_path / "out.md")
    assert not (tmp_path / "out.md").exists()
    assert draft.voice and "局党组" in draft.voice[0].reason
    metrics = tmp_path / "m.csv"
    metrics.write_text("指标,数值,单位\n普法宣传活动,23,场次\n", encoding="utf-8")
    assert (
        main(
            [
                "draft",
                "--genre",
                "工作总结",
                "--metrics",
                str(metrics),
                "--org",
                "青山县红星镇党委",
                "--year",
                "2024",
                "--index",
                str(sample_settings.index_dir),
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["voice"] == []


def test_ask_answer_gets_the_voice_audit(sample_settings):
    from assistant.draft.chat import Answer, _with_voice, ask
    from assistant.lang.bodies import detect_body

    answer = ask(
        "帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次",
        sample_settings,
        org="青山县红星镇党委",
        year=2024,
    )
    public = answer.to_public()
    assert public["voice"] == []
    assert re.search(r"23场次?，覆盖(?:群众)?5600人次", answer.answer), answer.answer
    planted = _with_voice(Answer(answer="我镇召开局党组会议研究法治建设。"), detect_body("青山县红星镇党委"))
    assert [f["text"] for f in planted.to_public()["voice"]] == ["我镇召开局党组会议研究法治建设。"]
    assert any(f.reason.startswith("口吻") for f in planted.flags)


def test_corpus_documents_carry_a_body_profile(sample_settings, corpus_dir):
    from assistant.index.store import read_manifest
    from assistant.ingest.pipeline import parse_file

    docs = parse_file(corpus_dir / "001_62bb3a7519ac58fc.txt", sample_settings)
    assert docs[0].to_public()["body"] == {"kind": "乡镇", "level": "乡级"}
    audit_doc = parse_file(next(corpus_dir.glob("003_*.txt")), sample_settings)[0]
    assert audit_doc.meta.body_kind == "政府部门"
    manifest = read_manifest(sample_settings.index_dir)
    kinds = {d: m.get("body_kind") for d, m in manifest["documents"].items()}
    assert sorted(kinds.values()) == ["乡镇", "乡镇", "党委部门", "政府部门", "街道"]


def test_voice_words_highlighted_in_the_web_app():
    from assistant.ui.render import mark_placeholders

    html = mark_placeholders("我镇召开局党组会议【待补充：次数】次。", ["局党组"])
    assert '<mark class="voice">局党组</mark>' in html and '<mark class="todo">' in html


def test_whole_drafts_read_as_the_body_wrote_them(sample_settings):
    """Blind-read findings (issue 10): opening scope, study count, plan items, a government's voice."""
    town = draft_report(
        DraftRequest(
            genre="述法报告", rows=rows_from_records(ROWS["town"]), org="平安县清河乡党委", year=2025
        ),
        sample_settings,
    )
    texts = dict(iter_texts(town))
    assert "推动全乡法治建设各项任务有效落实" in town.opening
    body = "".join(t for _, t in iter_texts(town))
    # the 中心组 count is not spread over three meeting formats
    assert "通过乡党委理论学习中心组集中学习" in body and "干部职工例会等形式集中学习" not in body
    assert body.count("八项规定") <= 1
    plans = [p for sd in town.sections for p in sd.paragraphs if p.heading and "强培训" in p.heading]
    if plans:  # the item keeps the sentence its source wrote under it
        assert "通过加强培训" in plans[0].text
    assert texts
    district = draft_report(
        DraftRequest(
            genre="法治政府建设年度报告",
            rows=rows_from_records(ROWS["district"]),
            org="南湖市北塘区人民政府",
            year=2025,
        ),
        sample_settings,
    )
    items = [p.heading for sd in district.sections for p in sd.paragraphs if p.heading and p.run_in]
    assert items and not any(
        "第一责任人" in h or h.lstrip("（一二三四五）").startswith("带头") for h in items
    )
    duty = next(sd for sd in district.sections if "第一责任人" in sd.title)
    duty_text = "".join(p.text for p in duty.paragraphs)
    assert "廉政" not in duty_text and "一岗双责" not in duty_text
    if "亲自部署" in duty_text:
        assert duty_text.startswith("区政府主要负责同志")  # the body's head (bodies.yaml leader)
    # too little in past reports: the genre's own wording with markers, never an invented figure
    assert duty_text.count("。") >= 2 and "专题研究法治政府建设工作" in duty_text
    assert "【待补充：" in duty_text and not re.search(r"\d", duty_text)


def test_a_report_in_the_bodys_name_has_no_leaders_voice_and_no_foreign_grade(sample_settings):
    rows = rows_from_records(
        [
            {"指标": "法治示范社区", "数值": "3", "单位": "个"},
            {"指标": "党工委理论学习中心组集中学法", "数值": "5", "单位": "次"},
            {"指标": "普法宣传活动", "数值": "31", "单位": "场次"},
        ]
    )
    draft = draft_report(
        DraftRequest(genre="工作总结", rows=rows, org="朝阳区和平街道办事处", year=2025), sample_settings
    )
    body = "\n".join(t for _, t in iter_texts(draft))
    assert "本人" not in body and not re.search(r"(?:^|[。\n])带头", body)
    for sent in re.findall(r"[^。]*3个[^。]*。", body):  # the user said 3, not 3 省级 ones
        assert not re.search(r"省级|国家级|市级", sent), sent
    assert "法治进村" not in body and "送法下乡" not in body


def test_a_figure_of_the_bodys_own_business_goes_to_its_functions(sample_settings):
    rows = rows_from_records([{"指标": "审计项目", "数值": "28", "单位": "个"}])
    draft = draft_report(
        DraftRequest(genre="述法报告", rows=rows, org="青山县审计局", year=2025), sample_settings
    )
    where = [w for w, t in iter_texts(draft) if "28个" in t]
    assert where and all("履行部门职能" in w for w in where), where
