"""Hostile typed input and tables, second round (issue 21 items 1 and 5).

Every case of the probe: a YAML alias bomb, values and cells that are not what a metrics table
holds, over-long fields and messages, bad flags, control characters. Each is refused (or read
right) with a Chinese message naming the file, the row or the limit, and never a traceback.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import hostile_files as hf
import pytest

from assistant.draft.chat import Answer, _with_voice
from assistant.draft.tables.compare import split_last_year
from assistant.draft.tables.metrics import MetricsError, read_metrics
from assistant.inputs import InputLimitError, clean_field, clean_outline, excerpt
from assistant.lang.bodies import detect_body
from assistant.settings import load_settings
from assistant.ui import service

ROOT = Path(__file__).resolve().parents[1]


def _refusal(path: Path, **kw) -> str:
    with pytest.raises(MetricsError) as err:
        read_metrics(path, **kw)
    return str(err.value)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, cwd=cwd, env=env,
        timeout=120,
    )  # fmt: skip


# ------------------------------------------------------------------ tables
def test_yaml_alias_bomb_refused_without_expanding(tmp_path: Path) -> None:
    bomb = hf.yaml_bomb(tmp_path / "指标.yaml")
    assert bomb.stat().st_size < 600
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    message = _refusal(bomb)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert "指标.yaml：YAML 第2行使用了别名" in message and len(message) < 120
    assert grown_mb < 50  # nothing was expanded


def test_yaml_bomb_refused_by_the_cli_without_a_traceback(tmp_path: Path) -> None:
    bomb = hf.yaml_bomb(tmp_path / "bomb.yaml")
    done = _cli("ask", "帮我写一段普法宣传的内容", "--metrics", str(bomb), cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "bomb.yaml：YAML 第2行使用了别名" in done.stderr


def test_nested_yaml_value_quoted_as_a_short_excerpt(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("- 指标: 普法宣传\n  数值: [" + ", ".join(["1"] * 5000) + "]\n", encoding="utf-8")
    message = _refusal(path)
    assert "m.yaml：第1行：“数值”一栏不是单个值（是〈列表〉）" in message and len(message) < 120


def test_over_long_cell_named_with_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("指标,数值,单位\n" + "普" * 5000 + ",23,场\n", encoding="utf-8")
    message = _refusal(path)
    assert "m.csv：第2行：“指标”一栏有 5000 字，超过上限 200 字（设置项 metrics_max_cell_chars）" in message
    assert len(message) < 200


def test_semicolon_csv_read_right(tmp_path: Path) -> None:
    for sep in (";", "；"):
        path = tmp_path / "semi.csv"
        path.write_text(
            f"指标{sep}数值{sep}单位\n普法宣传{sep}23{sep}场\n行政复议{sep}12{sep}件\n", encoding="utf-8"
        )
        rows = read_metrics(path)
        assert [(r.label, r.value, r.unit) for r in rows] == [
            ("普法宣传", "23", "场"),
            ("行政复议", "12", "件"),
        ]


def test_formula_cell_refused_never_copied(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("指标,数值,单位\n\"=cmd|' /C calc'!A0\",3,件\n", encoding="utf-8")
    assert "f.csv：第2行：“指标”一栏“=cmd|' /C calc'!A0”是表格公式" in _refusal(path)
    minus = tmp_path / "minus.csv"
    minus.write_text("指标,数值,单位\n信访量,-5,件\n", encoding="utf-8")
    assert "minus.csv：第2行：数值“-5”是负数" in _refusal(minus)  # a signed number is a number, not a formula


def test_twenty_digit_value_refused_and_rate_over_100_warned(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("指标,数值,单位\n普法宣传,12345678901234567890,场\n", encoding="utf-8")
    assert "big.csv：第2行：数值“12345678901234567890”位数过多" in _refusal(big)
    rate = tmp_path / "rate.csv"
    rate.write_text("指标,数值,单位\n行政复议纠错率,150%,\n案件增长率,150%,\n", encoding="utf-8")
    first, second = read_metrics(rate)
    assert first.warning == "第2行：“行政复议纠错率”为 150%，超过 100%，请核对"
    assert second.warning is None  # a growth rate may pass 100 %
    done = _cli("ask", "帮我写一段行政复议的内容", "--metrics", str(rate), cwd=tmp_path)
    assert "提示：rate.csv：第2行：“行政复议纠错率”为 150%，超过 100%" in done.stderr


def test_empty_table_refused_by_the_cli(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("指标,数值,单位\n", encoding="utf-8")
    assert "empty.csv：表格中没有指标行" in _refusal(empty)
    done = _cli("draft", "--genre", "述法报告", "--metrics", str(empty), cwd=tmp_path)
    assert done.returncode == 2 and "empty.csv：表格中没有指标行" in done.stderr


def test_web_table_values_bounded() -> None:
    settings = load_settings(metrics_max_rows=50)
    with pytest.raises(MetricsError, match="超过上限 50 行（设置项 metrics_max_rows）"):
        service.metric_rows([["普法", "1", "场"]] * 51, settings=settings)
    with pytest.raises(MetricsError, match="设置项 metrics_max_mb"):
        service.metric_rows("指标,数值\n" + "普法,1\n" * 400_000, settings=settings)
    with pytest.raises(MetricsError, match="应为行的列表"):
        service.metric_rows(12, settings=settings)


# ------------------------------------------------------------------ typed fields and flags
def test_fields_refused_over_their_limit_naming_the_setting() -> None:
    settings = load_settings()
    with pytest.raises(
        InputLimitError, match=r"单位名称过长：共 300 字，上限 60 字（设置项 max_field_chars）"
    ):
        service.make_request("述法报告", org="某" * 300, settings=settings)
    with pytest.raises(
        InputLimitError, match=r"消息过长：共 100003 字，上限 2000 字（设置项 max_message_chars）"
    ):
        service.run_ask(settings, "帮我写" + "法" * 100_000)
    with pytest.raises(InputLimitError, match="检索词过长"):
        service.run_search(settings, "法治" * 400)
    with pytest.raises(ValueError, match="年度“99999”超出范围"):
        service.make_request("述法报告", year=99999, settings=settings)


def test_cli_flags_refused_in_chinese(tmp_path: Path) -> None:
    done = _cli("draft", "--genre", "述法报告", "--org", "某" * 300, cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "单位名称过长：共 300 字，上限 60 字（设置项 max_field_chars）" in done.stderr
    done = _cli("draft", "--genre", "述法报告", "--year", "99999", cwd=tmp_path)
    assert done.returncode == 2 and "年度“99999”超出范围" in done.stderr


def test_outline_headings_bounded_and_controls_dropped() -> None:
    settings = load_settings()
    lines = [f"{i}、第{i}部分" for i in range(1, 101)]
    with pytest.raises(InputLimitError, match=r"提纲标题过多：超过 60 个（设置项 max_outline_lines）"):
        clean_outline(lines, settings)
    with pytest.raises(InputLimitError, match=r"提纲第2行：提纲标题过长"):
        clean_outline(["一、总体情况", "二、" + "法" * 200], settings)
    assert clean_outline("一、总体\x00情况\x1b[31m\n\n（一）落实\u202e98项任务", settings) == [
        "一、总体情况[31m",
        "（一）落实98项任务",
    ]
    assert clean_field("青山县\x00司法局\n", "org", settings) == "青山县司法局"
    assert excerpt("法" * 100) == "法" * 40 + "…" and excerpt({"a": 1}) == "〈字典〉"


def test_user_outline_numbers_are_the_users(sample_settings, tmp_path: Path) -> None:
    from assistant.draft.report import draft_report
    from assistant.export.save import save_draft

    request = service.make_request(
        "工作总结", org="青山县司法局", year=2024, outline="一、落实98项改革任务情况\n二、存在的问题\n三、下一步打算",
        metrics=[["普法宣传活动", "23", "场次"]], settings=sample_settings,
    )  # fmt: skip
    draft = draft_report(request, sample_settings)
    save_draft(draft, request, tmp_path / "总结.md")  # the audit runs first: 98 is the user's own
    assert "落实98项改革任务情况" in (tmp_path / "总结.md").read_text(encoding="utf-8")


def test_control_characters_never_echoed(sample_settings) -> None:
    public = service.run_ask(sample_settings, "帮我写一段普法宣传的内容\x00\x1b[2J，今年开展23场\u202e")
    assert not any(ch in public["answer"] for ch in "\x00\x1b\u202e")
    assert "23" in public["answer"]


def test_voice_entries_carry_their_word() -> None:
    answer = _with_voice(Answer(answer="局党组会议专题研究法治政府建设工作。"), detect_body("某某乡人民政府"))
    voice = answer.to_public()["voice"]
    assert voice and set(voice[0]) == {"word", "reason", "text"} and voice[0]["word"]


def test_last_year_clauses_found_in_one_pass() -> None:
    rest, last = split_last_year("今年开展23场，去年18场；覆盖5600人次" + "法" * 200_000)
    assert last == ["去年18场"] and "去年" not in rest and rest.startswith("今年开展23场")


def test_who_may_remove_a_corpus_document(sample_settings, tmp_path: Path) -> None:
    from assistant.ui.tabs.corpus import may_remove
    from assistant.ui.uploads import record_uploader, uploaders

    settings = sample_settings.model_copy(update={"corpus_dir": tmp_path})
    docs = service.index_info(settings)["documents"]
    doc = next(d for d in docs if d["doc_id"].startswith("001"))
    record_uploader(settings, [Path(doc["path"])], "alice")
    record_uploader(settings, [Path(doc["path"])], "bob")  # an identical re-upload keeps the uploader
    assert uploaders(settings) == {Path(doc["path"]).name: "alice"}
    admins = {"carol"}
    assert may_remove(settings, doc["doc_id"], "alice", admins, logins=True) is None
    assert may_remove(settings, doc["doc_id"], "carol", admins, logins=True) is None
    denied = may_remove(settings, doc["doc_id"], "bob", admins, logins=True)
    assert denied and "只有上传它的账号和管理员" in denied
    assert may_remove(settings, doc["doc_id"], "bob", admins, logins=False) is None  # no logins: one user
    strict = settings.model_copy(update={"corpus_remove": "admins"})
    assert "只有管理员" in may_remove(strict, doc["doc_id"], "alice", admins, logins=True)
    anyone = settings.model_copy(update={"corpus_remove": "anyone"})
    assert may_remove(anyone, doc["doc_id"], "bob", admins, logins=True) is None


def test_published_files_belong_to_their_login(tmp_path: Path, monkeypatch) -> None:
    from assistant.ui.gate import OWNERS, publish

    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))
    draft = tmp_path / "草稿.docx"
    draft.write_bytes(b"PK\x03\x04 draft")
    (cached,) = publish([draft], "alice")
    assert Path(cached).read_bytes() == draft.read_bytes() and Path(cached).is_relative_to(
        tmp_path / "gradio"
    )
    assert OWNERS.may_fetch(cached, "alice") and not OWNERS.may_fetch(cached, "bob")
    assert not OWNERS.may_fetch(cached, None)
