"""Tests of the provenance audit (assistant.draft.audit.guard): numbers are sacred, names are the user's."""

from __future__ import annotations

from assistant.draft.audit.guard import AllowedFacts, audit, guard_text
from assistant.draft.tables.metrics import rows_from_records
from tests.conftest import seed_file


def _allowed() -> AllowedFacts:
    rows = rows_from_records(
        [
            {"指标": "普法宣传", "数值": "23", "单位": "场"},
            {"指标": "普法覆盖", "数值": "2.3万", "单位": "人次"},
            {"指标": "持证率", "数值": "97.7%"},
        ]
    )
    return AllowedFacts.from_inputs(
        rows, message="另外线上覆盖5600人次", org="汉阴县司法局", place="汉阴县城关镇", year=2023
    )


def test_user_facts_pass():
    text = (
        "一、工作成效\n（一）普法宣传\n1.深入开展普法\n（1）进村入户\n2023年，城关镇开展普法宣传23场，"
        "覆盖5600人次、线上2.3万人次（23000人次），执法人员持证率达97.7%。2024年将继续推进。"
        "组织专题学习【待补充：专题学习次数】次，【待确认】年内未发生违法干预司法情形。"
        "利用“12·4”“3·15”宣传《法治政府建设实施纲要（2021—2025年）》，落实一岗双责。"
    )
    allowed = _allowed()
    assert audit(text, allowed) == []
    assert guard_text(text, allowed) == (text, [])


def test_foreign_number_and_place_are_flagged_and_guarded():
    text = "2023年，开展普法宣传23场。在平梁镇开展警示教育99次，覆盖**人。"
    allowed = _allowed()
    flags = audit(text, allowed)
    reasons = [f.reason for f in flags]
    assert "地名“平梁镇”不是本单位的" in reasons
    assert "数字“99”无来源（不在用户数据、年份或白名单中）" in reasons
    assert any("“**”" in r for r in reasons)
    assert all(f.text == "在平梁镇开展警示教育99次，覆盖**人。" for f in flags)
    cleaned, gflags = guard_text(text, allowed)
    assert cleaned == "2023年，开展普法宣传23场。在【待核实】开展警示教育【待核实】，覆盖【待核实】。"
    assert len(gflags) == len(flags)


def test_a_province_by_its_short_name_is_a_foreign_place_unless_the_users():
    allowed = _allowed()
    assert [f.reason for f in audit("深化新时代“枫桥经验”云南实践。", allowed)] == ["地名“云南”不是本单位的"]
    own = AllowedFacts.from_inputs([], org="云南省司法厅", year=2024)
    assert audit("深化新时代“枫桥经验”云南实践。", own) == []


def test_wrong_year_and_full_width_digits():
    allowed = _allowed()
    reasons = [f.reason for f in audit("2019年开展普法宣传２３场，４４项。", allowed)]
    assert reasons == [
        "数字“2019”无来源（不在用户数据、年份或白名单中）",
        "数字“４４”无来源（不在用户数据、年份或白名单中）",
    ]
    assert guard_text("共４４项。", allowed)[0] == "共【待核实】。"


def test_s004_without_user_facts():
    text = seed_file("004").read_text(encoding="utf-8")
    flags = audit(text, AllowedFacts.from_inputs([]))
    reasons = " ".join(f.reason for f in flags)
    for needle in ("地名“平梁镇”", "地名“涧池镇”", "数字“13”", "数字“44”", "数字“38”"):
        assert needle in reasons
    assert "12·4" not in reasons and "3·15" not in reasons
    cleaned, _ = guard_text(text, AllowedFacts.from_inputs([]))
    assert "平梁镇" not in cleaned and "13项" not in cleaned and "44项" not in cleaned


def test_markdown_bold_is_not_a_mask():
    allowed = _allowed()
    assert audit("**一是强化组织领导。**开展普法宣传23场。", allowed) == []
    assert len(audit("加强对**属条线单位的账户管理，全面实行村账**代理制度。", allowed)) == 2


def test_a_place_like_word_of_the_users_own_label_is_the_users():
    """The drafter's refusal before blind read r56: 地名“优秀市” in 连续3年获评全省平安建设优秀市, the user's label."""
    from assistant.draft.audit.guard import AllowedFacts, audit

    allowed = AllowedFacts(numbers={"3"}, labels=["连续3年获评全省平安建设优秀市"])
    assert not audit("连续3年获评全省平安建设优秀市。", allowed)
    assert audit(
        "连续3年获评全省平安建设优秀市，学习借鉴青阳市经验。", allowed
    )  # another place still flagged
