"""Drafting this year's report from last year's own report: ``assistant metrics`` and ``draft --base``.

Real sample reports from corpus/, the real parser, the real CLI; figures recomputed here.
"""

from __future__ import annotations

import csv
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.draft.base.reader import BaseReportError, metrics_table, read_base
from assistant.draft.base.redraft import allowed_for_base, draft_from_base
from assistant.draft.report import AuditError, DraftRequest
from assistant.draft.tables.metrics import read_metrics, rows_from_records
from assistant.export.save import draft_public, save_draft
from tests.conftest import SHARED, seed_file

# this year's values for sample 001's rows (by readable label); None = left empty
THIS_YEAR = {  # unique values, so the test can tell from a figure which row it came from
    "集中学习": "11",
    "法治宣讲": "4",
    "乡、村、组三级干部集中学习": "9",
    "户长会集中学习": "210余",
    "党委会研究制定法治建设工作计划、实施意见、落实举措": "7",
    "统一部署法治建设重要工作任务": None,
    "乡党委会议题研究法制建设、普法强基补短板专项行动工作": None,
    "协调小组召开会议": "3",
    "听取工作汇报": "5",
    "警示教育": "6",
    "聘请法律顾问": "2",
    "合法性审查": "12",
    "党委会定期听取人大、政府工作汇报": "13",
    "法治集中宣传教育活动": "10",
    "进村入户普法宣传": "15",
    "进村入户普法宣传覆盖群众": "1200",
    "发放普法读物的村数": "22",
    "发放普法读物": None,
    "播放普法宣传相关音频": "45",
    "普法宣传": "230",
    "发放宣传资料": "900",
    "发放宣传手袋": "700",
}
COMPARE_RE = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)(?:余|多)?(?P<unit>[\u4e00-\u9fff%]{1,2}?)[\u4e00-\u9fff]{0,4}"
    r"（(?:较上年(?P<dir>增加|减少)(?P<diff>\d+(?:\.\d+)?)(?P=unit)(?:、同比(?:增长|下降)(?P<pct>\d+\.\d)%)?"
    r"|较上年有所(?:增加|减少)|与上年(?:基本)?持平)）"
)


def _pct(diff: float, last: float) -> str:
    return format(
        (Decimal(repr(diff)) / Decimal(repr(last)) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP), "f"
    )


@pytest.fixture(scope="module")
def base001():
    return read_base(seed_file("001"))


@pytest.fixture(scope="module")
def filled_table(base001, tmp_path_factory) -> Path:
    records = metrics_table(base001)
    for rec in records:
        rec["数值"] = THIS_YEAR.get(rec["指标"]) or ""
    path = tmp_path_factory.mktemp("tbl") / "figures.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return path


def test_metrics_001_every_unmasked_figure_is_a_row_with_a_readable_label(base001):
    records = metrics_table(base001)
    seeds = (
        [
            s
            for s in json.loads((SHARED / "notes" / "seed_slots.json").read_text(encoding="utf-8"))
            if s["doc"].startswith("001") and not s["masked"]
        ]
        if SHARED.is_dir()
        else []
    )
    lasts = sorted(re.sub(r"\D", "", r["上年数值"]) for r in records)
    if seeds:
        assert lasts == sorted(str(int(s["value"])) for s in seeds)
    assert len(records) == 22
    labels = [r["指标"] for r in records]
    assert len(set(labels)) == len(labels), "labels must be unique"
    for label in labels:
        assert (
            2 <= len(label) <= 30
            and "《" not in label
            and "*" not in label
            and not label.startswith(("了", "村", "向"))
        )
    by_label = {r["指标"]: r for r in records}
    assert by_label["进村入户普法宣传"]["上年数值"] == "11" and by_label["进村入户普法宣传"]["单位"] == "次"
    assert by_label["户长会集中学习"]["上年数值"] == "180余"
    assert by_label["进村入户普法宣传覆盖群众"]["上年数值"] == "1000余"
    assert by_label["进村入户普法宣传"]["章节"].startswith("（七）")
    assert "进村入户普法宣传11次" in by_label["进村入户普法宣传"]["原句"]
    assert all(r["数值"] == "" for r in records)


def test_metrics_cli_json_csv_xlsx_and_masked_figures(tmp_path, capsys):
    assert main(["metrics", str(seed_file("002")), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and set(rows[0]) == {"指标", "数值", "单位", "上年数值", "章节", "原句"}
    masked = [r for r in rows if "*" in r["原句"] and r["上年数值"] == ""]
    assert len(masked) >= 50 and all("*" not in r["指标"] for r in rows)
    assert any(r["上年数值"] == "100" and r["单位"] == "%" for r in rows)
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"t{suffix}"
        assert main(["metrics", str(seed_file("001")), "-o", str(out)]) == 0
        back = read_metrics(out, allow_blank=True)
        assert len(back) == 22 and back[3].last == "180余" and back[3].value == ""


def test_draft_base_001_keeps_structure_fills_values_and_compares(filled_table, tmp_path, capsys):
    assert (
        main(
            [
                "draft",
                "--base",
                str(seed_file("001")),
                "--metrics",
                str(filled_table),
                "--org",
                "某某乡党委",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    md = data["markdown"]
    body = md.split("\n---\n")[0]
    headings = [
        line
        for line in body.splitlines()
        if line.startswith("## ") or line.startswith("### ") or line.startswith("**（")
    ]
    assert len([h for h in headings if h.startswith("## ")]) == 3
    assert len([h for h in headings if not h.startswith("## ")]) == 13
    assert body.startswith("# 党员干部2024年度述法报告") and "## 一、2024年度履职情况" in body
    assert "2023" not in body and "2024年以来" in body
    for label, value in THIS_YEAR.items():
        if value is None:
            assert f"【待补充：{label}" in body, label
    for value in {v for v in THIS_YEAR.values() if v}:
        assert value in body, value
    # every comparison recomputed here from the table
    base = read_base(seed_file("001"))
    last_of = {
        re.sub(r"\D", "", THIS_YEAR[r["指标"]]): r["上年数值"]
        for r in metrics_table(base)
        if THIS_YEAR.get(r["指标"])
    }
    found = list(COMPARE_RE.finditer(body))
    assert len(found) >= 15
    for m in found:
        this, last = m.group("value"), last_of[m.group("value")]
        if "有所" in m.group(0) or "持平" in m.group(0):
            assert "余" in this + last or "余" in m.group(0)
            continue
        diff = float(this) - float(last)
        assert float(m.group("diff")) == abs(diff) and (m.group("dir") == "增加") == (diff > 0), m.group(0)
        if m.group("pct"):
            assert m.group("pct") == _pct(abs(diff), float(last)), m.group(0)
    # no last-year figure outside a comparison: strip comparisons and markers, every number is this year's
    stripped = re.sub(r"（较上年[^）]*）|【[^】]*】", "", body)
    allowed = {re.sub(r"\D", "", v) for v in THIS_YEAR.values() if v} | {"2024"}
    assert set(re.findall(r"\d+", stripped)) <= allowed
    assert (
        "【待确认】年内未发生" in body and "**（一）法治建设第一责任人职责落实还有差距。**【待确认】" in body
    )
    assert {"text": "36.4%", "formula": "36.4% = 4 ÷ 11"} in data["derived"]
    assert {"text": "3次", "formula": "3 = 11 − 8"} in data["derived"]
    assert "36.4% = 4 ÷ 11" in md.split("\n---\n")[1]
    # a small base (last year under 10, or a change of 1 or 2): the difference only, no percentage
    assert not any(d["formula"].endswith(("÷ 8", "÷ 2", "÷ 6")) for d in data["derived"]), data["derived"]
    assert len(data["missing"]) == 3


def test_base_002_masks_leave_no_residue(tmp_path):
    out = tmp_path / "d.md"
    assert (
        main(
            [
                "draft",
                "--base",
                str(seed_file("002")),
                "--genre",
                "法治政府建设年度报告",
                "--org",
                "某某街道办事处",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"[*×＊]", text)
    assert "某某街道办事处" in text and "2023" not in text.split("\n---\n")[0]


def test_docx_copy_of_001_gives_the_same_draft(filled_table, tmp_path):
    from docx import Document

    doc = Document()
    for line in seed_file("001").read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    copy = tmp_path / "001.docx"
    doc.save(copy)
    rows = read_metrics(filled_table, allow_blank=True)
    a = draft_public(draft_from_base(read_base(seed_file("001")), rows, org="某某乡党委"))
    b = draft_public(draft_from_base(read_base(copy), rows, org="某某乡党委"))
    assert a["markdown"] == b["markdown"] and a["derived"] == b["derived"]


def test_hand_made_table_matches_by_label_and_unit():
    base = read_base(seed_file("001"))
    rows = rows_from_records(
        [
            {"指标": "进村入户普法宣传活动", "数值": "14", "单位": "次", "上年数值": "11"},
            {"指标": "法律顾问", "数值": "3", "单位": "名"},
            {"指标": "法治文艺演出", "数值": "5", "单位": "场", "章节": "法治宣传教育"},
        ],
        allow_blank=True,
    )
    draft = draft_from_base(base, rows, org="某某乡党委")
    md = draft_public(draft)["markdown"]
    assert "进村入户普法宣传14次（较上年增加3次、同比增长27.3%）" in md
    assert "聘请法律顾问3名" in md
    assert "法治文艺演出5场" in md and not any("法治文艺演出" in u for u in draft.unused)  # stated


def test_comparisons_can_be_turned_off(filled_table, capsys):
    assert (
        main(["draft", "--base", str(seed_file("001")), "--metrics", str(filled_table), "--no-compare"]) == 0
    )
    out = capsys.readouterr().out
    assert "较上年" not in out and "进村入户普法宣传15次" in out


def test_injected_wrong_percentage_fails_the_export(filled_table, tmp_path):
    base = read_base(seed_file("001"))
    rows = read_metrics(filled_table, allow_blank=True)
    draft = draft_from_base(base, rows, org="某某乡党委")
    for sd in draft.sections:
        for p in sd.paragraphs:
            p.text = p.text.replace("同比增长36.4%", "同比增长39.4%")
    out = tmp_path / "d.docx"
    with pytest.raises(AuditError) as err:
        save_draft(draft, DraftRequest(genre=draft.genre), out, allowed_for_base(base, rows, year=draft.year))
    assert "39.4%" in str(err.value) and "36.4%" in str(err.value)
    assert not out.exists()
    # a right percentage on a small base (11 against 8) is refused too: the rule binds every writer
    draft = draft_from_base(base, rows, org="某某乡党委")
    hits = 0
    for sd in draft.sections:
        for p in sd.paragraphs:
            hits += p.text.count("（较上年增加3次）")
            p.text = p.text.replace("（较上年增加3次）", "（较上年增加3次、同比增长37.5%）")
    assert hits
    with pytest.raises(AuditError) as err:
        save_draft(draft, DraftRequest(genre=draft.genre), out, allowed_for_base(base, rows, year=draft.year))
    assert "基数过小" in str(err.value)


@pytest.mark.parametrize("case", ["no_slots", "nothing_matches", "duplicate", "bad_last", "other_genre"])
def test_bad_input_gets_a_chinese_message_and_writes_nothing(case, tmp_path, capsys):
    base = str(seed_file("001"))
    table = tmp_path / "t.csv"
    rows = {
        "nothing_matches": "指标,数值,单位\n会议室面积,120,平方米\n",
        "duplicate": "指标,数值,单位\n警示教育,5,次\n警示教育,6,次\n",
        "bad_last": "指标,数值,单位,上年数值\n警示教育,5,次,很多\n",
    }.get(case, "指标,数值,单位\n警示教育,5,次\n")
    table.write_text(rows, encoding="utf-8")
    args = ["draft", "--base", base, "--metrics", str(table)]
    if case == "no_slots":
        empty = tmp_path / "empty.txt"
        empty.write_text("关于加强学习的报告\n一、总体情况\n我们认真学习，成效明显。\n", encoding="utf-8")
        args[2] = str(empty)
    if case == "other_genre":
        args += ["--genre", "工作总结"]
    out = tmp_path / "out.docx"
    assert main([*args, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    expected = {
        "no_slots": "empty.txt",
        "nothing_matches": "没有任何一行",
        "duplicate": "第3行",
        "bad_last": "上年数值“很多”不是数字",
        "other_genre": "述法报告",
    }[case]
    assert expected in err and re.search(r"[\u4e00-\u9fff]", err)
    assert not out.exists()
    if case == "no_slots":
        assert main(["metrics", args[2], "-o", str(tmp_path / "m.csv")]) == 2
        assert "没有找到任何指标数字" in capsys.readouterr().err and not (tmp_path / "m.csv").exists()


def test_base_without_slots_raises():
    with pytest.raises(BaseReportError):
        read_base(Path(__file__))  # a .py file is not a report reader format, or holds no slots


def test_web_glue_fills_grid_drafts_and_highlights_derived(filled_table, tmp_path):
    from openpyxl import load_workbook

    from assistant.settings import load_settings
    from assistant.ui import base_ui

    settings = load_settings(index_dir=tmp_path / "no-index")
    grid = base_ui.base_grid(seed_file("001"), settings)
    assert len(grid) == 22 and grid[3][0] == "户长会集中学习" and grid[3][1] == "" and grid[3][5] == "180余"
    values = {r.label: r.value for r in read_metrics(filled_table, allow_blank=True)}
    for row in grid:
        row[1] = values.get(row[0], "")
    xlsx = base_ui.grid_xlsx(grid, tmp_path, str(seed_file("001")))
    ws = load_workbook(xlsx).worksheets[0]
    assert [c.value for c in ws[1]] == ["指标", "数值", "单位", "上年数值", "章节", "原句"]
    assert ws.max_row == 23 and "进村入户普法宣传" in str(ws.cell(row=16, column=6).value)
    draft, public, allowed = base_ui.draft_base(
        settings, str(seed_file("001")), None, "某某乡党委", None, None, grid
    )
    assert draft.year == 2024 and not draft.flags
    page = base_ui.marked_draft(public["markdown"])
    assert '<mark class="derived">较上年增加4次、同比增长36.4%</mark>' in page
    assert '<mark class="derived">较上年增加3次</mark>' in page
    assert '<mark class="todo">【待补充：' in page
    assert "36.4% = 4 ÷ 11" in base_ui.derived_markdown(public["derived"])
    save_draft(draft, DraftRequest(genre=draft.genre, year=draft.year), tmp_path / "d.docx", allowed)
    assert (tmp_path / "d.docx").stat().st_size > 5000
