"""Readers: encodings detected, .docx/.pdf/.csv/.jsonl read, broken files refused clearly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assistant.ingest.readers import NO_TEXT_LAYER, IngestError, decode_bytes, read_records
from tests.conftest import seed_file

SEED = seed_file("001").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8-sig", b""), ("gbk", b""), ("gb18030", b""), ("utf-16", b"")],
)
def test_text_encodings_detected(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = SEED.replace("\u2014", "-") if encoding == "gbk" else SEED
    path = tmp_path / "report.txt"
    path.write_bytes(prefix + text.encode(encoding))
    [rec] = read_records(path)
    assert rec.text == text
    assert rec.doc_id == "report"


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("一、履职情况")
    d.add_paragraph("正文第一段。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "次数"
    table.cell(1, 0).text, table.cell(1, 1).text = "1.普法宣传", "11"
    d.add_paragraph("二、存在问题")
    path = tmp_path / "r.docx"
    d.save(path)
    [rec] = read_records(path)
    assert rec.text.split("\n") == [
        "一、履职情况",
        "正文第一段。",
        "项目\t次数",
        "1.普法宣传\t11",
        "二、存在问题",
    ]


def _pdf(path: Path, lines: list[str]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    y = 800
    for line in lines:
        c.drawString(40, y, line)
        y -= 16
    c.save()


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    _pdf(path, ["一、2023年度履职情况", "（一）带头学习。组织集中学习8次。"])
    [rec] = read_records(path)
    assert "一、2023年度履职情况" in rec.text.split("\n")
    assert "组织集中学习8次" in rec.text


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 200, 200, fill=1)
    c.save()
    from assistant.ingest.ocr_limits import OcrLimits

    with pytest.raises(IngestError) as info:
        read_records(path, ocr=OcrLimits(enabled=False))
    assert NO_TEXT_LAYER in str(info.value) and "scan.pdf" in str(info.value)


def test_csv_with_bom_and_fields(tmp_path: Path) -> None:
    path = tmp_path / "batch.csv"
    body = 'province,year,title,full_text\n上海市,2026,2026年上海市政府工作报告,"一、回顾\n正文。"\n北京市,2026,北京报告,"正文二。"\n'
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    recs = read_records(path)
    assert [r.doc_id for r in recs] == ["batch#1", "batch#2"]
    assert recs[0].meta["title"] == "2026年上海市政府工作报告" and recs[0].meta["province"] == "上海市"
    assert recs[0].text == "一、回顾\n正文。"


def test_jsonl_malformed_row_reported_with_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [
        json.dumps({"title": "甲", "text": "正文一。"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "乙"}),
        json.dumps({"content": "正文三。", "year": 2021}, ensure_ascii=False),
    ]
    path.write_text("\n".join(rows), encoding="utf-8")
    out = read_records(path)
    good = [r for r in out if not isinstance(r, IngestError)]
    bad = [r for r in out if isinstance(r, IngestError)]
    assert [r.text for r in good] == ["正文一。", "正文三。"]
    assert [r.doc_id for r in good] == ["batch#1", "batch#4"]
    assert "第2行" in bad[0].path and "JSON" in bad[0].reason
    assert "第3行" in bad[1].path and "正文" in bad[1].reason


def _expect_error(path: Path, words: tuple[str, ...], **kw) -> IngestError:
    with pytest.raises(IngestError) as info:
        read_records(path, **kw)
    err = info.value
    assert path.name in str(err)
    assert any(w in err.reason for w in words), err.reason
    return err


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    _expect_error(p, ("为空",))
    p2 = tmp_path / "blank.txt"
    p2.write_bytes(b"  \n\n ")
    _expect_error(p2, ("为空",))


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    _expect_error(p, ("二进制",))


def test_undecodable_bytes(tmp_path: Path) -> None:
    p = tmp_path / "garbage.txt"
    p.write_bytes(bytes(range(0x80, 0x100)) * 40)
    _expect_error(p, ("编码",))


def test_truncated_docx(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    for i in range(50):
        d.add_paragraph(f"第{i}段正文。" * 20)
    full = tmp_path / "full.docx"
    d.save(full)
    data = full.read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[: len(data) // 2])
    _expect_error(cut, ("损坏", "无法"))


def test_oversized_file_refused_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: nothing is written
    _expect_error(p, ("过大",), max_file_mb=50)


def test_unknown_extension(tmp_path: Path) -> None:
    p = tmp_path / "report.xyz"
    p.write_text("正文。", encoding="utf-8")
    _expect_error(p, ("不支持",))
    assert ".doc" in _expect_error(p, ("不支持",)).reason  # the list of supported types


def test_decode_prefers_utf8() -> None:
    assert decode_bytes("法治".encode()) == "法治"
