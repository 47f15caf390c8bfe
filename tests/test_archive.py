"""The archive as offices keep it: .doc/.wps (LibreOffice-made), .ofd (built here), scanned PDFs and
page images (rendered here from a sample's text with a CJK font), recognised offline; hostile scans refused.
"""

from __future__ import annotations

import shutil
import subprocess
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from assistant.ingest.ocr_limits import OcrLimits
from assistant.ingest.readers import IngestError, read_records
from assistant.settings import load_settings
from tests import hostile_files as hf
from tests.conftest import seed_file
from tests.ofd_files import build_ofd
from tests.render_pages import cjk_font, page_texts, render_pages, scanned_pdf

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) 未安装：无法制作 .doc 测试文件"
)
needs_font = pytest.mark.skipif(cjk_font() is None, reason="没有中文字体（fonts-noto-cjk）：无法渲染扫描页")


def recall(source: str, got: str) -> float:
    """Share of the source's characters (whitespace ignored) found in order in ``got``."""
    a, b = "".join(source.split()), "".join(got.split())
    matched = sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return matched / max(len(a), 1)


def _headings(path: Path, **overrides) -> list[str]:
    from assistant.ingest.pipeline import parse_file

    [doc] = parse_file(path, load_settings(parse_isolated=False, **overrides))
    return [h.text for h in doc.headings]


def _source(prefix: str) -> str:
    return seed_file(prefix).read_text(encoding="utf-8")


def _first_headings(text: str, n: int = 3) -> list[str]:
    from assistant.ingest.cleaning import clean_text
    from assistant.ingest.structure import parse_headings

    return [h.text for h in parse_headings(clean_text(text)[0])][:n]


# ------------------------------------------------------------------ .doc / .wps
def _make_doc(tmp_path: Path, text: str, table: list[list[str]]) -> Path:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    t = d.add_table(rows=len(table), cols=len(table[0]))
    for i, row in enumerate(table):
        for j, value in enumerate(row):
            t.cell(i, j).text = value
    d.add_paragraph("表后一段。")
    src = tmp_path / "report.docx"
    d.save(src)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    src.unlink()
    return tmp_path / "report.doc"


@needs_soffice
@pytest.mark.parametrize("ext", [".doc", ".wps"])
def test_word_binary_read_without_libreoffice(tmp_path: Path, ext: str, monkeypatch) -> None:
    """A LibreOffice-made .doc (and the same bytes as .wps, the WPS Writer container) is read by the
    pure reader: text recall ≥ 0.98, headings found, table rows as tab-separated lines."""
    text = _source("001")
    path = _make_doc(tmp_path, text, [["项目", "次数", "单位"], ["普法宣传", "11", "场次"], ["", "7", ""]])
    if ext == ".wps":
        path = path.rename(path.with_suffix(".wps"))
    monkeypatch.setenv("PATH", "/nonexistent")  # the pure path must not need soffice
    [rec] = read_records(path)
    assert rec.read == {"reader": "olefile"}
    assert recall(text, rec.text) >= 0.98
    lines = rec.text.split("\n")
    assert "项目\t次数\t单位" in lines and "普法宣传\t11\t场次" in lines
    assert "\t7\t" in lines  # empty cells kept: the row ends where the paragraph properties say
    assert lines[-1] == "表后一段。"
    assert _headings(path)[:3] == _first_headings(text)


@needs_soffice
def test_doc_compressed_piece_decoded_as_cp1252(tmp_path: Path) -> None:
    """Word stores a run of Latin text as a compressed piece (one cp1252 byte a character,
    fc flagged 0x40000000): LibreOffice never does, so its piece is rewritten that way here."""
    import struct

    path = _make_doc(tmp_path, "Plain text – “quoted” €5.", [["a", "b"]])
    data = bytearray(path.read_bytes())
    utf16 = "Plain text – “quoted” €5.".encode("utf-16-le")
    at = data.find(utf16)
    assert at >= 0
    latin = "Plain text – “quoted” €5.".encode("cp1252")
    data[at : at + len(latin)] = latin  # the text, compressed, where the piece starts
    import olefile

    from assistant.ingest.worddoc import _fib_fields, _pieces

    with olefile.OleFileIO(str(path)) as ole:
        word = ole.openstream("WordDocument").read()
        _n, one, _ccp, fc_clx, lcb_clx = _fib_fields(word)
        table = ole.openstream("1Table" if one else "0Table").read()
    [(_a, _b, offset, compressed)] = _pieces(table[fc_clx : fc_clx + lcb_clx])[:1]
    assert not compressed
    old_pcd = struct.pack("<I", offset)
    clx_at = data.find(table[fc_clx : fc_clx + lcb_clx])
    pcd_at = data.find(old_pcd, clx_at)
    struct.pack_into("<I", data, pcd_at, (offset * 2) | 0x40000000)
    path.write_bytes(bytes(data))
    [rec] = read_records(path)
    assert rec.read == {"reader": "olefile"}
    assert rec.text.startswith("Plain text – “quoted” €5.")


@needs_soffice
def test_doc_that_is_really_rtf_goes_through_libreoffice(tmp_path: Path) -> None:
    """Web systems often save RTF/HTML under .doc: the pure reader fails, LibreOffice converts it."""
    path = tmp_path / "通知.doc"

    def rtf(line: str) -> str:
        return "".join(
            c if ord(c) < 128 else f"\\u{ord(c) - 65536 if ord(c) > 32767 else ord(c)}?" for c in line
        )

    lines = ["一、总体情况", "今年办理行政复议案件37件。"]
    body = r"\par ".join(rtf(line) for line in lines)
    path.write_text(r"{\rtf1\ansi\deff0 {\fonttbl {\f0 Arial;}}\f0 " + body + "}", encoding="ascii")
    [rec] = read_records(path)
    assert rec.read == {"reader": "soffice"}
    assert rec.text.split("\n") == lines


def test_doc_without_a_way_to_read_says_what_is_missing(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(IngestError) as info:
        read_records(path)
    assert "LibreOffice" in info.value.reason and "另存为 .docx" in info.value.reason


# ------------------------------------------------------------------ .ofd
def test_ofd_text_in_reading_order(tmp_path: Path) -> None:
    """Objects written shuffled, several per line, DeltaX with ``g`` repetition: text in order."""
    text = _source("002")
    path = tmp_path / "report.ofd"
    build_ofd(path, text)
    [rec] = read_records(path)
    assert recall(text, rec.text) >= 0.98
    assert not rec.read  # no page needed recognition
    assert _headings(path)[:3] == _first_headings(text)


@needs_font
@pytest.mark.slow
def test_ofd_scanned_page_recognised(tmp_path: Path) -> None:
    """An .ofd with a scanned page (an ImageObject only) and a page of glyphs drawn as paths: both
    are drawn and recognised, the text pages kept."""
    text = _source("000")
    scan_text = _source("004")
    path = tmp_path / "archive.ofd"
    build_ofd(
        path, text, scanned_pages=render_pages(scan_text, 1), vector_pages=render_pages(_source("001"), 1)
    )
    [rec] = read_records(path)
    assert rec.read["ocr"] is True and rec.read["ocr_pages"] == 2
    assert recall(text, rec.text) >= 0.98
    assert recall(page_texts(scan_text, 1)[0], rec.text) >= 0.95
    assert recall(page_texts(_source("001"), 1)[0], rec.text) >= 0.95


def test_ofd_zip_bomb_refused_before_unpacking(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bomb.ofd"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OFD.xml", b"<a/>")
        zf.writestr("Doc_0/big.xml", b"\0" * (300 * 1024 * 1024))
    with pytest.raises(IngestError, match="超过上限"):
        read_records(path)


# ------------------------------------------------------------------ OCR
@needs_font
def test_page_image_recognised_with_headings(tmp_path: Path) -> None:
    text = _source("003")
    [image] = render_pages(text, 1)
    path = tmp_path / "扫描件.png"
    image.save(path)
    [rec] = read_records(path)
    [expected] = page_texts(text, 1)
    assert recall(expected, rec.text) >= 0.95
    assert rec.read["ocr"] is True and rec.read["ocr_pages"] == 1 and rec.read["ocr_confidence"] > 0.9
    headings = _first_headings(text, 10)
    found = [h for h in _headings(path) if h in headings]
    assert found and found[0] == headings[0]


@needs_font
def test_pdf_scanned_page_recognised_text_pages_kept(tmp_path: Path) -> None:
    """A PDF with one text page and one scanned page: the scan is recognised, in the worker, with
    page progress reported; the text page keeps its text layer."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from assistant.ingest.worker import ParseWorker

    text = _source("004")
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "text.pdf"))
    c.setFont("STSong-Light", 12)
    c.drawString(60, 780, "文字层第一页：依法行政工作情况。")
    c.save()
    scan_page = render_pages(text, 1)
    scanned_pdf(tmp_path / "scan.pdf", scan_page)
    writer = PdfWriter()
    for part in ("text.pdf", "scan.pdf"):
        for page in PdfReader(tmp_path / part).pages:
            writer.add_page(page)
    path = tmp_path / "mixed.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    settings = load_settings()
    seen: list[tuple[int, int]] = []
    worker = ParseWorker(settings.parse_memory_mb)
    try:
        [doc] = worker.parse(path, settings, {}, None, on_pages=lambda d, t: seen.append((d, t)))
    finally:
        worker.close()
    assert seen == [(0, 1), (1, 1)]
    assert doc.original.startswith("文字层第一页：依法行政工作情况。\n")
    assert recall(page_texts(text, 1)[0], doc.original) >= 0.95
    assert doc.meta.ocr is True and doc.meta.ocr_pages == 1 and doc.meta.ocr_confidence > 0.9
    assert doc.to_public()["ocr"]["pages"] == 1


def test_pdf_without_any_text_is_refused_clearly(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 200, 200, fill=1)
    c.save()
    with pytest.raises(IngestError, match="既没有文本层，也没有可识别的扫描图像或图形"):
        read_records(path)  # a page with a rectangle only is not worth recognising
    with pytest.raises(IngestError, match="没有文本层"):
        read_records(path, ocr=OcrLimits(enabled=False))


# ------------------------------------------------------------------ lines and paragraphs from boxes
def test_lines_and_paragraphs_rebuilt_from_boxes() -> None:
    from assistant.ingest.ocr import (
        Box,
        fullwidth_punctuation,
        group_lines,
        paragraphs_from_lines,
        repair_heading,
    )

    h = 30
    boxes = [
        Box(100, 100, 400, 100 + h, "一、履职情况", 0.99),
        Box(160, 150, 900, 150 + h, "今年以来，我们坚持", 0.99),  # indented: a new paragraph
        Box(100, 200, 900, 200 + h, "依法行政，办理案件", 0.99),
        Box(100, 250, 500, 250 + h, "37件。", 0.99),  # short: the paragraph ends here
        Box(100, 302, 300, 302 + h, "（一）学法", 0.99),
        Box(100, 352, 250, 352 + h, "项目", 0.99),
        Box(600, 354, 700, 354 + h, "次数", 0.99),  # same line, far right: a table row
    ]
    lines = group_lines(list(reversed(boxes)))
    assert [ln.text() for ln in lines][-1] == "项目\t次数"
    assert paragraphs_from_lines(lines) == [
        "一、履职情况",
        "今年以来，我们坚持依法行政，办理案件37件。",
        "（一）学法",
        "项目\t次数",
    ]
    assert fullwidth_punctuation("(一）学法,用法") == "（一）学法，用法"
    assert fullwidth_punctuation("(1) 3:2") == "(1) 3:2"
    assert repair_heading("一2023年度履职情况") == "一、2023年度履职情况"
    assert repair_heading("一是加强学习") == "一是加强学习"


# ------------------------------------------------------------------ hostile scans
def test_huge_page_image_refused_before_decoding(tmp_path: Path) -> None:
    path = hf.png_huge(tmp_path / "scan.png", 20_000, 20_000)
    with pytest.raises(IngestError) as info:
        read_records(path)
    assert "20000×20000" in info.value.reason and "上限 50 百万像素" in info.value.reason


def test_huge_image_inside_a_pdf_refused_before_rendering(tmp_path: Path) -> None:
    from PIL import Image

    small = tmp_path / "small.pdf"
    Image.new("1", (20, 20), 1).save(small, "PDF")
    data = small.read_bytes().replace(b"/Width 20", b"/Width 20000").replace(b"/Height 20", b"/Height 20000")
    path = tmp_path / "huge.pdf"
    path.write_bytes(data)
    with pytest.raises(IngestError) as info:
        read_records(path)
    assert "第 1 页为 20000×20000 像素" in info.value.reason


@pytest.mark.parametrize(
    ("n_pages", "reason"),
    [(3000, "PDF 共 3000 页，超过上限 2000 页"), (400, "需要文字识别的页数为 400 页，超过上限 300 页")],
)
def test_many_page_image_pdf_refused_within_the_limits(tmp_path: Path, n_pages: int, reason: str) -> None:
    """A 3,000-page image PDF meets the PDF page limit; 400 scanned pages meet the OCR page limit."""
    path = hf.image_pdf(tmp_path / "archive.pdf", n_pages)
    with pytest.raises(IngestError) as info:
        read_records(path)
    assert reason in info.value.reason


def test_multi_page_tiff_counts_its_pages(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "scan.tif"
    frames = [Image.new("L", (200, 280), 255) for _ in range(3)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    with pytest.raises(IngestError) as info:
        read_records(path, ocr=OcrLimits(max_pages=2))
    assert "3 页，超过上限 2 页" in info.value.reason


@needs_soffice
def test_doc_declaring_too_much_text_is_refused(tmp_path: Path) -> None:
    import struct

    path = _make_doc(tmp_path, "一、总体情况\n正文。", [["a", "b"]])
    data = bytearray(path.read_bytes())
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        word = ole.openstream("WordDocument").read()
    csw = struct.unpack_from("<H", word, 32)[0]
    at = data.find(word[:512])  # the WordDocument stream's first sector in the file
    assert at >= 0
    struct.pack_into("<i", data, at + 34 + 2 * csw + 2 + 12, 2_000_000_000)  # FibRgLw97.ccpText
    path.write_bytes(bytes(data))
    with pytest.raises(IngestError) as info:
        read_records(path)
    assert "文字过多" in info.value.reason


@needs_font
def test_page_time_limit_stops_recognition(tmp_path: Path) -> None:
    from assistant.ingest.pipeline import iter_documents

    path = tmp_path / "page.png"
    render_pages(_source("000"), 1)[0].save(path)
    settings = load_settings(ocr_page_timeout=0.2)
    [err] = list(iter_documents([path], settings))
    assert isinstance(err, IngestError) and "第 1 页的文字识别超过 0.2 秒" in err.reason


def test_upload_accepts_the_archive_types() -> None:
    from assistant.ui.uploads import REPORT_TYPES

    assert {".doc", ".wps", ".ofd", ".png", ".jpg", ".jpeg", ".tif", ".tiff"} <= set(REPORT_TYPES)
