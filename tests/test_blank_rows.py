"""A row listed without its 数值 yet (issue 18, blind read r38): the clerk knows the matter but the figure
is still to come (备注 待统计部门反馈). Every path takes the table as it is and shows the figure as a
visible 【待补充：…】 marker with what it waits for; none fails on it, computes from it or states its note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.draft.compose.notes import META_NOTE_RE, PENDING_NOTE_RE
from assistant.draft.compose.phrasing import own_sentence, render_value
from assistant.draft.report import DraftRequest, draft_report, iter_texts
from assistant.draft.tables.metrics import is_blank, read_metrics, rows_from_records

TABLE = """指标,数值,单位,上年数值,备注
普法宣传活动,23,场次,20,
行政复议案件,,件,12,待统计部门反馈
法治督察发现问题,9,个,,
全区行政诉讼案件一审败诉率,,%,5.3,待年底核定
网上公开行政处罚决定书,,份,,
行政执法案件,140,件,151,
"""

BODIES = [
    ("述法报告", "青山县司法局", "局长"),
    ("法治政府建设年度报告", "苇平县人民政府", None),
    ("工作总结", "中共雁屏市榕西区委员会", None),
    ("工作总结", "苇平县公安局", None),
    ("述法报告", "蓼川县人民法院桑铺人民法庭", "庭长"),
    ("工作总结", "红星镇人民政府", None),
]


@pytest.fixture()
def table(tmp_path: Path) -> Path:
    path = tmp_path / "指标.csv"
    path.write_text(TABLE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "note", ["待统计部门反馈", "待年底核定", "数据待汇总", "尚未核定", "待区统计局确认", "正在统计"]
)
def test_a_pending_note_is_a_note_to_the_drafter(note: str) -> None:
    assert PENDING_NOTE_RE.search(note) and META_NOTE_RE.search(note)


@pytest.mark.parametrize("note", ["接待来访群众统计", "优待抚恤对象", "“护航”行动", "截至11月底"])
def test_words_with_待_of_the_matter_are_no_pending_note(note: str) -> None:
    assert not PENDING_NOTE_RE.search(note)


def test_a_blank_row_reads_as_its_marker() -> None:
    (row,) = rows_from_records(
        [{"指标": "行政复议案件", "数值": "", "单位": "件", "上年数值": "12", "备注": "待统计部门反馈"}],
        allow_blank=True,
    )
    assert is_blank(row)
    assert render_value(row, None) == "【待补充：行政复议案件（待统计部门反馈）】件"
    sentence = own_sentence(row)
    assert "【待补充：行政复议案件（待统计部门反馈）】件" in sentence
    assert "（上年12件）" in sentence  # last year's figure beside it, no comparison computed
    assert "较上年" not in sentence and "同比" not in sentence


@pytest.mark.parametrize(("genre", "org", "post"), BODIES)
def test_a_draft_shows_every_blank_row_and_passes_its_audit(sample_settings, table, genre, org, post) -> None:
    rows = read_metrics(table, allow_blank=True)
    draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2026, post=post), sample_settings)
    text = "\n".join(t for _, t in iter_texts(draft))
    for row in (r for r in rows if is_blank(r)):
        label = row.label
        assert f"【待补充：{label}" in text or any(label in u for u in draft.unused), label
        if f"【待补充：{label}" in text:
            assert any(label in m for m in draft.missing), (label, draft.missing)
            assert not any(u.startswith(label) for u in draft.unused), draft.unused
    assert "待统计部门反馈，" not in text.replace("（待统计部门反馈）", "")  # the note is never prose
    assert not draft.audited and not draft.voice, (draft.audited, draft.voice)


def test_cli_draft_and_ask_take_a_blank_row(sample_settings, table, tmp_path, capsys) -> None:
    out = tmp_path / "稿.md"
    index = str(sample_settings.index_dir)
    args = ["--metrics", str(table), "--org", "青山县司法局", "--year", "2026", "--index", index]
    assert main(["draft", "--genre", "述法报告", *args, "-o", str(out)]) == 0
    assert "【待补充：行政复议案件（待统计部门反馈）】件" in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["ask", "帮我写一段行政复议的内容", *args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "不是数字" not in data["answer"]
