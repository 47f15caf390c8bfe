"""Generators of hostile input files: small on disk, huge once unpacked or parsed.

Used by tests/test_hostile.py (with small sizes and lowered limits) and bench/bench_hostile.py
(with the sizes of the issue: 1 GB of text in a 1 MB .docx, a 54 MB PDF text layer …). Every
generator streams its output, so making a file never needs the unpacked size in memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

_CHUNK = 1 << 20


def one_line_txt(path: Path, n_chars: int, char: str = "法") -> Path:
    """A .txt of one line without punctuation (``n_chars`` characters)."""
    block = (char * (_CHUNK // len(char.encode("utf-8")))).encode("utf-8")
    per = len(block) // len(char.encode("utf-8"))
    with open(path, "wb") as fh:
        left = n_chars
        while left > 0:
            take = min(left, per)
            fh.write(block if take == per else (char * take).encode("utf-8"))
            left -= take
    return path


def _docx_parts() -> dict[str, bytes]:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bomb(path: Path, n_chars: int, *, paragraphs: int = 1, char: str = "法") -> Path:
    """A .docx whose document.xml holds ``n_chars`` characters of text in ``paragraphs`` paragraphs."""
    parts = _docx_parts()
    per_para = max(n_chars // max(paragraphs, 1), 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in parts.items():
            if name != "word/document.xml":
                zf.writestr(name, data)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'.encode()
            )
            chunk = (char * min(per_para, _CHUNK)).encode("utf-8")
            for _ in range(max(paragraphs, 1)):
                fh.write(b"<w:p><w:r><w:t>")
                left = per_para
                while left > 0:
                    take = min(left, _CHUNK)
                    fh.write(chunk if take == min(per_para, _CHUNK) else (char * take).encode("utf-8"))
                    left -= take
                fh.write(b"</w:t></w:r></w:p>")
            fh.write(b"</w:body></w:document>")
    return path


def not_a_zip(path: Path) -> Path:
    """A file with an .xlsx/.docx name that is not a zip at all."""
    path.write_bytes(b"PK\x03\x04 this is not really a zip file" + b"\x00" * 100)
    return path


def xlsx_rows(path: Path, n_rows: int) -> Path:
    """A genuine .xlsx metrics table with ``n_rows`` data rows (streamed: openpyxl write-only mode)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["指标", "数值", "单位"])
    for i in range(n_rows):
        ws.append([f"指标{i}", i, "件"])
    wb.save(path)
    return path


def xlsx_bomb(path: Path, unpacked_mb: int) -> Path:
    """An .xlsx whose first sheet XML unpacks to ``unpacked_mb`` MB of one repeated row."""
    xlsx_rows(path, 1)
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    row = b'<row><c t="inlineStr"><is><t>' + b"A" * 4000 + b"</t></is></c></row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in parts.items():
            if name != sheet:
                zf.writestr(name, data)
        with zf.open(sheet, "w", force_zip64=True) as fh:
            fh.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            block = row * (_CHUNK // len(row))
            for _ in range(unpacked_mb):
                fh.write(block)
            fh.write(b"</sheetData></worksheet>")
    return path


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_text_layer(path: Path, n_chars: int) -> Path:
    """A one-page PDF whose Flate-compressed content stream shows ``n_chars`` characters of text."""
    line = b"(" + b"a" * 1000 + b") Tj T*\n"
    comp = zlib.compressobj(9)
    data = bytearray(comp.compress(b"BT /F1 1 Tf 1 TL 10 10 Td\n"))
    for _ in range(max(n_chars // 1000, 1)):
        data += comp.compress(line)
    data += comp.compress(b"ET\n") + comp.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + bytes(data) + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(_pdf(objects))
    return path


def pdf_many_pages(path: Path, n_pages: int) -> Path:
    """A PDF of ``n_pages`` pages sharing one tiny content stream."""
    kids = " ".join(f"{4 + i} 0 R" for i in range(n_pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode(),
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * n_pages
    path.write_bytes(_pdf(objects))
    return path


def jsonl_bad_rows(path: Path, n_rows: int, good: bool = True) -> Path:
    """A .jsonl batch file of ``n_rows`` malformed lines (after one good line when ``good``)."""
    first = (
        '{"title": "2023年某县司法局法治政府建设年度报告", "text": "一、主要工作\\n全年开展普法宣传活动。"}\n'
    )
    path.write_text((first if good else "") + "{not json\n" * n_rows, encoding="utf-8")
    return path


def deep_json(path: Path, depth: int) -> Path:
    """A .jsonl line nested ``depth`` levels deep."""
    path.write_text("[" * depth + "]" * depth + "\n", encoding="utf-8")
    return path


def png_huge(path: Path, width: int, height: int) -> Path:
    """A valid PNG of ``width × height`` 1-bit white pixels, compressed to a few hundred KB (a
    20,000 × 20,000 scan decodes to 400 M pixels)."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    comp = zlib.compressobj(9)
    row = b"\0" + b"\xff" * ((width + 7) // 8)
    with open(path, "wb") as fh:
        ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
        fh.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr))
        body = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
        fh.write(chunk(b"IDAT", body) + chunk(b"IEND", b""))
    return path


def image_pdf(path: Path, n_pages: int) -> Path:
    """A PDF of ``n_pages`` pages, each a small scanned image without text."""
    from PIL import Image

    pages = [Image.new("1", (40, 56), 1) for _ in range(n_pages)]
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:])
    return path


def yaml_bomb(path: Path, levels: int = 9, fan: int = 9) -> Path:
    """A metrics YAML of a few hundred bytes whose aliases expand to ``fan ** levels`` strings."""
    lines = ['a0: &a0 ["法法法法法法法法法"]']
    for i in range(1, levels + 1):
        refs = ", ".join(f"*a{i - 1}" for _ in range(fan))
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append(f"指标: 普法宣传\n数值: *a{levels}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
