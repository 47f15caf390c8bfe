"""Hostile and broken input files: refused quickly, named with a Chinese reason, nothing else lost.

Files are generated small on disk (tests/hostile_files.py) and the limits are lowered through the
settings, so each case runs in about a second; bench/bench_hostile.py runs the issue's sizes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import hostile_files as hf
import pytest
from conftest import seed_file

from assistant.index import store
from assistant.index.indexer import IngestReport, ingest, skip_lines
from assistant.ingest.chunking import _split_long, paragraph_units
from assistant.ingest.pipeline import iter_documents, parse_file
from assistant.ingest.readers import IngestError, decode_bytes
from assistant.settings import load_settings


def _errors(paths: list[Path], **limits) -> dict[str, str]:
    settings = load_settings(**limits)
    out = {}
    for item in iter_documents(paths, settings):
        if isinstance(item, IngestError):
            out[Path(item.path).name] = item.reason
    return out


def test_split_long_cuts_comma_free_text_exactly() -> None:
    text = "甲，" * 3 + "法" * 1_000_003
    pieces = _split_long(text, 500)
    assert "".join(pieces) == text
    assert max(len(p) for p in pieces) == 500
    assert pieces[0] == "甲，" * 3 and len(pieces) == 1 + 2001
    assert "".join(paragraph_units(text, 500)) == text


def test_docx_unpacked_size_refused_before_parsing(tmp_path: Path) -> None:
    bomb = hf.docx_bomb(tmp_path / "炸弹.docx", 8_000_000)  # 24 MB of XML, ~100 KB on disk
    assert bomb.stat().st_size < 300_000
    reasons = _errors([bomb], max_unpacked_mb=5)
    assert reasons["炸弹.docx"].startswith("解压后 24 MB，超过上限 5 MB")


def test_docx_compression_ratio_refused(tmp_path: Path) -> None:
    bomb = hf.docx_bomb(tmp_path / "ratio.docx", 2_000_000)
    reasons = _errors([bomb], max_zip_ratio=50)
    assert "压缩比" in reasons["ratio.docx"] and "超过上限 50:1" in reasons["ratio.docx"]


def test_pdf_page_stream_and_page_count_refused(tmp_path: Path) -> None:
    layer = hf.pdf_text_layer(tmp_path / "layer.pdf", 3_000_000)
    pages = hf.pdf_many_pages(tmp_path / "pages.pdf", 60)
    reasons = _errors([layer, pages], max_pdf_pages=50)
    assert "第 1 页的内容流解压后超过 2 MB" in reasons["layer.pdf"]
    assert reasons["pages.pdf"] == "PDF 共 60 页，超过上限 50 页"


def test_text_length_limit(tmp_path: Path) -> None:
    txt = hf.one_line_txt(tmp_path / "long.txt", 50_000)
    reasons = _errors([txt], max_doc_chars=20_000)
    assert reasons["long.txt"].startswith(
        "文字过多（至少 37500 字，超过上限 20000 字）"
    )  # bytes / 4: a lower bound
    big = hf.docx_bomb(tmp_path / "long.docx", 300_000, paragraphs=30)
    assert "文字过多" in _errors([big], max_doc_chars=100_000)["long.docx"]


def test_parse_timeout_kills_only_that_file(tmp_path: Path) -> None:
    slow = hf.pdf_text_layer(tmp_path / "slow.pdf", 3_000_000)
    good = tmp_path / "good.txt"
    shutil.copy(seed_file("001"), good)
    settings = load_settings(max_pdf_page_stream_mb=8, parse_timeout=1.0)
    items = list(iter_documents([slow, good], settings))
    err = next(i for i in items if isinstance(i, IngestError))
    assert Path(err.path).name == "slow.pdf" and err.reason.startswith("解析超过 1 秒仍未完成，已停止")
    assert [d.doc_id for d in items if not isinstance(d, IngestError)] == ["good"]


def test_memory_limit_fails_only_that_file(tmp_path: Path) -> None:
    # 30 MB of XML in 300,000 paragraphs passes the raised size checks; lxml's tree needs far more than 256 MB
    heavy = hf.docx_bomb(tmp_path / "heavy.docx", 9_000_000, paragraphs=300_000)
    good = tmp_path / "good.txt"
    shutil.copy(seed_file("002"), good)
    settings = load_settings(
        max_unpacked_mb=500, max_zip_ratio=10_000, max_doc_chars=50_000_000, parse_memory_mb=256
    )
    items = list(iter_documents([heavy, good], settings))
    err = next(i for i in items if isinstance(i, IngestError))
    assert Path(err.path).name == "heavy.docx" and "内存超过上限 256 MB" in err.reason
    assert [d.doc_id for d in items if not isinstance(d, IngestError)] == ["good"]


def test_nul_after_first_64k_refused() -> None:
    data = ("正文。" * 30_000).encode("utf-8") + b"\x00tail"
    with pytest.raises(IngestError, match="二进制文件"):
        decode_bytes(data, "late-nul.txt")


def test_batch_errors_are_chinese_and_summarised(tmp_path: Path) -> None:
    bad = hf.jsonl_bad_rows(tmp_path / "bad.jsonl", 1000)
    deep = hf.deep_json(tmp_path / "deep.jsonl", 100_000)
    settings = load_settings()
    items = list(iter_documents([bad, deep], settings))
    errs = [i for i in items if isinstance(i, IngestError)]
    assert len(errs) == 1001
    assert errs[0].reason == "JSON 格式错误（字段名应使用双引号，第2列）"
    assert errs[-1].reason == "JSON 嵌套层数过多，无法解析"
    report = IngestReport(skipped=[(Path(e.path).name, e.reason) for e in errs])
    lines = skip_lines(report.skipped)
    assert len(lines) == 7  # five rows of bad.jsonl, deep.jsonl, and the count of the rest
    assert lines[-1] == "……另有 995 处错误未列出（bad.jsonl）"


def test_control_characters_dropped_from_doc_ids(tmp_path: Path) -> None:
    name = tmp_path / "报告\x07\u200b2023.txt"
    shutil.copy(seed_file("003"), name)
    (doc,) = parse_file(name)
    assert doc.doc_id == "报告__2023"


def test_symlink_loop_named_in_chinese(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    assert _errors([loop])["loop.txt"] == "无法访问文件（符号链接成环）"
    folder = tmp_path / "dir"
    folder.mkdir()
    os.symlink(folder / "again.txt", folder / "again.txt")
    assert "成环" in _errors([folder])["again.txt"]


def test_refused_files_leave_the_index_untouched(tmp_path: Path) -> None:
    settings = load_settings(index_dir=tmp_path / "idx" / "index", max_unpacked_mb=5)
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    shutil.copy(seed_file("004"), good)
    first = ingest([good], settings, progress=False)
    assert first.added == 1
    before = store.read_manifest(settings.index_dir)
    bombs = [
        hf.docx_bomb(tmp_path / "in" / "b.docx", 8_000_000),
        hf.pdf_text_layer(tmp_path / "in" / "p.pdf", 3_000_000),
    ]
    report = ingest(bombs, settings, progress=False)
    assert {name for name, _ in report.skipped} == {"b.docx", "p.pdf"}
    assert "跳过 b.docx：解压后 24 MB，超过上限 5 MB" in report.summary()
    after = store.read_manifest(settings.index_dir)
    assert after["version_id"] == before["version_id"]
    assert sorted(p.name for p in settings.index_dir.parent.iterdir()) == ["index", "index.lock"]
