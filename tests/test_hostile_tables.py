"""Broken and hostile metrics tables: a Chinese message naming the file and the row, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import hostile_files as hf
import pytest

from assistant.draft.base.reader import write_table
from assistant.draft.compose.phrasing import own_sentence
from assistant.draft.tables.metrics import MetricsError, read_metrics, rows_from_records

ROOT = Path(__file__).resolve().parents[1]


def _message(path: Path, **kw) -> str:
    with pytest.raises(MetricsError) as info:
        read_metrics(path, **kw)
    return str(info.value)


def test_xlsx_that_is_not_a_zip(tmp_path: Path) -> None:
    msg = _message(hf.not_a_zip(tmp_path / "指标.xlsx"))
    assert "指标.xlsx：Excel 表格已损坏或不是 .xlsx 文件" in msg


def test_xlsx_bomb_refused_before_unpacking(tmp_path: Path) -> None:
    bomb = hf.xlsx_bomb(tmp_path / "bomb.xlsx", 210)
    assert bomb.stat().st_size < 5 * 1024 * 1024
    assert "bomb.xlsx：解压后 210 MB，超过上限 200 MB" in _message(bomb)


def test_row_limit_stops_reading(tmp_path: Path) -> None:
    big = hf.xlsx_rows(tmp_path / "big.xlsx", 300)
    assert "big.xlsx：指标表超过 101 行，超过上限 100 行" in _message(big, max_rows=100)
    csv_path = tmp_path / "big.csv"
    csv_path.write_text(
        "指标,数值,单位\n" + "".join(f"指标{i},{i},件\n" for i in range(2500)), encoding="utf-8"
    )
    assert "超过上限 2000 行（设置项 metrics_max_rows）" in _message(csv_path)
    assert len(read_metrics(big, max_rows=300)) == 300
    with pytest.raises(MetricsError, match="共 3 行，超过上限 2 行"):
        rows_from_records([{"指标": "甲", "数值": "1"}] * 3, max_rows=2)


def test_negative_and_chinese_numerals_explained(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        "指标,数值,单位\n普法宣传活动,-5,场次\n法治培训,三四十,期\n行政复议案件,abc,件\n", encoding="utf-8"
    )
    msg = _message(path)
    assert "m.csv：第2行：数值“-5”是负数；指标数值应为零或正数" in msg
    assert "m.csv：第3行：数值“三四十”不是可读的数字" in msg  # a range; 二十三 is read as 23
    assert "m.csv：第4行：数值“abc”不是数字" in msg
    xlsx = tmp_path / "neg.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["指标", "数值", "单位"])
    wb.active.append(["信访量", -3, "件"])
    wb.save(xlsx)
    assert "neg.xlsx：第2行：数值“-3”是负数" in _message(xlsx)


def test_broken_csv_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text('指标,数值\n甲,1\n乙,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    assert "long.csv：第3行：CSV 格式错误" in _message(path)
    nul = tmp_path / "nul.csv"
    nul.write_bytes("指标,数值\n甲,1\n".encode() + b"\x00\x01")
    assert "nul.csv：文件中含空字节" in _message(nul)
    bad_json = tmp_path / "m.json"
    bad_json.write_text('[{"指标": "甲", "数值": 1},\n{oops}]', encoding="utf-8")
    assert _message(bad_json).endswith("m.json：JSON 格式错误：第2行（字段名应使用双引号）")


def test_cli_broken_xlsx_no_traceback(tmp_path: Path) -> None:
    broken = hf.not_a_zip(tmp_path / "坏表.xlsx")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "draft",
            "--genre",
            "述法报告",
            "--metrics",
            str(broken),
            "--index",
            str(tmp_path / "none"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert out.returncode != 0
    assert "Traceback" not in out.stderr and "BadZipFile" not in out.stderr
    assert "坏表.xlsx：Excel 表格已损坏" in out.stderr + out.stdout


def test_label_ending_in_a_digit_kept_apart() -> None:
    (row,) = rows_from_records([{"指标": "普法宣传活动9", "数值": "10", "单位": "场次"}])
    sentence = own_sentence(row)
    assert "910" not in sentence
    assert sentence == "全年开展普法宣传活动9，共10场次。"


def test_written_tables_neutralise_formulas(tmp_path: Path) -> None:
    records = [
        {
            "指标": '=HYPERLINK("http://x","点我")',
            "数值": "",
            "单位": "件",
            "上年数值": "12",
            "章节": "+SUM(A1)",
            "原句": "@cmd -c calc",
        }
    ]
    csv_path = write_table(records, tmp_path / "t.csv")
    text = csv_path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+SUM(A1)" in text and "'@cmd" in text
    xlsx_path = write_table(records, tmp_path / "t.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(xlsx_path).active
    cells = [c.value for c in ws[2]]
    assert cells[0].startswith("'=") and all(c.data_type == "s" for c in ws[2] if c.value)
    # read back, a formula is never taken as a label (it would be copied into the prose): refused
    with pytest.raises(MetricsError) as err:
        read_metrics(csv_path, allow_blank=True)
    assert "t.csv：第2行：“指标”一栏" in str(err.value) and "是表格公式" in str(err.value)


def test_llm_choice_locked_on_shared_servers_and_says_so() -> None:
    import gradio as gr

    from assistant.settings import load_settings
    from assistant.ui.app import lock_llm_choice
    from assistant.ui.locale import t
    from assistant.ui.tabs.chat import build_settings_panel

    base = load_settings()
    assert lock_llm_choice(base, "127.0.0.1", with_login=True).ui_llm_editable is False
    assert lock_llm_choice(base, "0.0.0.0", with_login=False).ui_llm_editable is False
    assert lock_llm_choice(base, "127.0.0.1", with_login=False).ui_llm_editable is None
    allowed = base.model_copy(update={"ui_llm_editable": True})
    assert lock_llm_choice(allowed, "0.0.0.0", with_login=True).ui_llm_editable is True
    locked = lock_llm_choice(base, "127.0.0.1", with_login=True)
    with gr.Blocks() as demo:
        build_settings_panel(locked, gr.State({}))
    handler = next(f.fn for f in demo.fns.values() if getattr(f.fn, "__name__", "") == "on_change")
    state, status = handler("openai", "http://10.0.0.1:9/v1", "m", "", {"backend": "none"})
    assert state == {"backend": "none"} and status == t("llm_locked") and "不会生效" in status


def test_upload_enters_the_corpus_only_after_its_ingest(tmp_path: Path) -> None:
    from assistant.index import store
    from assistant.settings import load_settings
    from assistant.ui.tabs.corpus import ingest_uploads

    settings = load_settings(
        corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "idx" / "index", max_unpacked_mb=5
    )
    up = tmp_path / "uploads"
    up.mkdir()
    good = up / "2023年述法报告.txt"
    good.write_text("2023年述法报告\n一、履职情况\n全年开展普法宣传活动，推进依法行政。\n", encoding="utf-8")
    bomb = hf.docx_bomb(up / "炸弹.docx", 8_000_000)
    message = ingest_uploads(settings, [str(good), str(bomb)])
    assert "跳过 炸弹.docx：解压后 24 MB，超过上限 5 MB" in message
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == [".incoming", "2023年述法报告.txt"]
    assert list((tmp_path / "corpus" / ".incoming").iterdir()) == []
    manifest = store.read_manifest(settings.index_dir)
    assert manifest["documents"]["2023年述法报告"]["path"] == str(tmp_path / "corpus" / "2023年述法报告.txt")
