"""Cleaning: artefacts and web chrome removed, characters normalised, offsets kept."""

from __future__ import annotations

import json
import re

import pytest

from assistant.ingest.cleaning import clean_text, is_chrome_line, mend, mend_rules, normalise_chars
from tests.conftest import seed_file


def _mended_at(original: str, pos: int) -> bool:
    """Whether a mend pattern matches the original text around ``pos`` (a mended character)."""
    window = normalise_chars(original[max(0, pos - 120) : pos + 120])
    return any(p.search(window) for p, _r, _e in mend_rules())


def _check_offsets(original: str, clean: str, offsets: list[int]) -> None:
    assert len(offsets) == len(clean)
    assert offsets == sorted(offsets)
    for i, ch in enumerate(clean):
        if ch != "\n" and normalise_chars(original[offsets[i]]) != ch:
            assert _mended_at(original, offsets[i]), (i, ch, original[offsets[i] - 10 : offsets[i] + 10])


@pytest.mark.parametrize(("pattern", "repl", "example"), mend_rules(), ids=lambda v: str(v)[:12])
def test_every_mend_runs_its_example(pattern, repl, example) -> None:
    """Slips of past reports are mended at ingest; each entry's example is run, offsets stay sorted."""
    before, after = example
    assert pattern.search(before), "example does not hold the slip"
    line, offs = mend(before)
    assert line == after
    assert re.findall(r"\d", after) == re.findall(r"\d", before)  # a mend never adds or drops a figure
    assert len(offs) == len(line) and offs == sorted(offs) and all(0 <= o < len(before) for o in offs)


def test_mends_applied_by_clean_text_with_offsets_into_the_original() -> None:
    original = "标题\n一是组织开展学习法用法考试，建设一支业务精的管部队伍。\n"
    clean, offsets = clean_text(original)
    assert clean == "标题\n一是组织开展学法用法考试，建设一支业务精的干部队伍。"
    _check_offsets(original, clean, offsets)
    assert original[offsets[clean.index("考试")]] == "考"


def test_paywall_markers_removed_mid_sentence() -> None:
    original = seed_file("001").read_text(encoding="utf-8")
    assert "##paidbegin##" in original
    clean, offsets = clean_text(original)
    assert "##paid" not in clean
    assert "程序任用干部，按规定实行" in clean
    assert not clean.endswith("##paidend##")
    _check_offsets(original, clean, offsets)
    assert clean.splitlines()[0] == "党员干部2023年度述法报告"


def test_web_chrome_removed() -> None:
    original = "\n".join(
        [
            "下载",
            "打印",
            "全屏",
            "收藏",
            "【字号：",
            "加大",
            "还原",
            "减小",
            "】",
            "2026年上海市政府工作报告",
            "来源：解放日报",
            "时间：2026-02-09",
            "发布时间：2026-02-09 09:45",
            "浏览次数：123",
            "来源:",
            "四川日报",
            "分享到:",
            "扫一扫在手机打开当前页",
            "2026-02-03 09:02:33",
            "殷勇同志作政府工作报告。本报记者 戴冰摄",
            "各位代表：",
            "一、2025年工作回顾",
            "正文第一段。",
        ]
        + ["正文。" * 30] * 5
        + ["相关报道：", "某某热议政府工作报告", "【打印本页】", "【关闭窗口】", "责任编辑：李莎莎"]
    )
    clean, offsets = clean_text(original)
    lines = clean.split("\n")
    assert lines[:4] == ["2026年上海市政府工作报告", "各位代表：", "一、2025年工作回顾", "正文第一段。"]
    assert "热议" not in clean and "四川日报" not in clean
    _check_offsets(original, clean, offsets)


@pytest.mark.parametrize(
    "line",
    [
        "下载",
        "【字号：",
        "来源：解放日报",
        "时间：2026-02-09",
        "责任编辑：张三",
        "（来源：青海日报）",
        "编辑：何继红",
        "分享到微信",
        "【打印本页】",
        "【关闭窗口】",
        "浏览次数：88",
        "发布时间：2024-01-02",
        "版权所有：某某政府网",
        "云南要闻",
        "政务信息",
        "政府信息公开",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "各位代表：",
        "一、工作回顾",
        "来源于群众的意见建议得到及时回应。",
        "时间紧、任务重。",
        "（三）深化政务公开，提升透明度。",
        "政务公开工作扎实推进，全年公开信息1200条。",
    ],
)
def test_not_chrome(line: str) -> None:
    assert not is_chrome_line(line)


def test_normalisation_and_whitespace() -> None:
    original = "\ufeff\u3000\u3000一、２０２３年度ＡＢＣ工作情况  \n\n\n\u3000\u3000完成率达９８．５％，共\u00a0３场次。（一）保留，。：\n"
    clean, offsets = clean_text(original)
    assert clean == "一、2023年度ABC工作情况\n完成率达98.5%，共 3场次。（一）保留，。："
    _check_offsets(original, clean, offsets)


def test_public_domain_notice_cut(shared_dir) -> None:
    path = shared_dir / "corpora/national-gwr/wikisource_government_work_reports.jsonl"
    row = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    clean, _ = clean_text(row["content"])
    assert "公有领域" not in clean and "Public domain" not in clean
    assert clean.endswith("不懈奋斗！")


def test_cleaning_large_text_keeps_offsets() -> None:
    """A ~3 MB text is cleaned with one offset per kept character (speed is measured in bench/bench_ingest.py)."""
    text = seed_file("001").read_text(encoding="utf-8") * 300  # ~3 MB of text
    clean, offsets = clean_text(text)
    assert len(offsets) == len(clean)
    assert clean.count("乡党委") >= 300
