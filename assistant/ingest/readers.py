"""Read report files into raw text records, whatever their format or encoding.

Supported: ``.txt``/``.md`` (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK — detected, not
assumed), ``.docx`` (paragraphs and tables in body order), ``.doc``/``.wps`` (Word-binary, see
:mod:`assistant.ingest.worddoc`), ``.ofd`` (:mod:`assistant.ingest.ofd`), ``.pdf`` (text layer;
pages without one are recognised), page images ``.png``/``.jpg``/``.tif`` (recognised, see
:mod:`assistant.ingest.scan`) and the batch formats ``.jsonl``/``.csv`` (one report per row). Every failure becomes an :class:`IngestError`
whose message names the file and says in Chinese what went wrong.

The .docx and .pdf readers live in :mod:`assistant.ingest.office`; the errors in
:mod:`assistant.ingest.errors`.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.ingest.archive import ARCHIVE_EXTS, read_archive_file
from assistant.ingest.errors import NO_TEXT_LAYER, IngestError, ParseMemoryError
from assistant.ingest.limits import Limits, check_text_length
from assistant.ingest.ocr_limits import OcrLimits
from assistant.ingest.office import read_docx, read_pdf

TEXT_EXTS = {".txt", ".md", ".markdown"}
BATCH_EXTS = {".jsonl", ".csv"}
SUPPORTED_EXTS = TEXT_EXTS | BATCH_EXTS | {".docx"} | ARCHIVE_EXTS
TEXT_FIELDS = ("full_text", "text", "content", "正文", "body", "内容")
TITLE_FIELDS = ("title", "标题", "题目")
YEAR_FIELDS = ("year", "年份", "年度")


@dataclass
class RawRecord:
    """One report as read from disk, before cleaning.

    Attributes:
        doc_id: file stem, or ``stem#<row>`` for a row of a batch file.
        text: decoded text.
        meta: metadata fields found in the file (title, year, province, source_url …).
        path: the file it came from.
        read: how the text was obtained when not plainly (``{"ocr": True, "ocr_pages": 3,
            "ocr_confidence": 0.97}`` for recognised pages, ``{"reader": "soffice"}`` …).
    """

    doc_id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    read: dict[str, Any] = field(default_factory=dict)


def _plausible_share(text: str) -> float:
    """Share of characters that plausibly belong to a Chinese report."""
    if not text:
        return 0.0
    sample = text if len(text) <= 200_000 else text[:100_000] + text[-100_000:]
    good = 0
    for ch in sample:
        o = ord(ch)
        if (
            0x20 <= o < 0x7F
            or ch in "\n\r\t\f"
            or 0x4E00 <= o <= 0x9FFF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F
            or 0x3400 <= o <= 0x4DBF
            or o in (0xA0, 0xB7, 0xD7, 0xB0, 0x2103, 0x2116, 0x2160)
            or 0x2460 <= o <= 0x24FF
            or 0x2150 <= o <= 0x218F
            or 0x25A0 <= o <= 0x25FF
        ):
            good += 1
    return good / len(sample)


def _bad_share(text: str) -> float:
    """Share of replacement, control and private-use characters."""
    if not text:
        return 1.0
    bad = 0
    for ch in text[:200_000]:
        if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Co", "Cs") and ch not in "\n\r\t\f"):
            bad += 1
    return bad / min(len(text), 200_000)


def decode_bytes(data: bytes, path: str | Path = "") -> str:
    """Decode the bytes of a text file, detecting its encoding.

    Strict UTF-8 (with or without BOM) and BOM-marked UTF-16 are tried first, then
    charset-normalizer and GB18030; a result full of control, replacement or unlikely
    characters is refused.

    Args:
        data: raw file content.
        path: file name used in error messages.

    Returns:
        The decoded text (BOM removed).

    Raises:
        IngestError: empty, binary or undecodable content.
    """
    if not data.strip():
        raise IngestError(path, "文件为空")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(path, "文件编码无法识别（UTF-16 内容已损坏）") from exc
    if b"\x00" in data:  # anywhere: a NUL after the first 64 KiB must not reach the index either
        raise IngestError(path, "这是二进制文件（含空字节），不是文本，无法读取")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    try:
        candidates.append(data.decode("gb18030"))
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:2_000_000]).best()
        if best is not None and best.encoding:
            try:
                candidates.append(data.decode(best.encoding))
            except (UnicodeDecodeError, LookupError):
                pass
    except ImportError:  # pragma: no cover - dependency is declared
        pass
    for text in candidates:
        if _bad_share(text) < 0.005 and _plausible_share(text) > 0.95:
            return text.lstrip("\ufeff")
    raise IngestError(path, "文件编码无法识别（不是 UTF-8 或 GBK/GB18030 文本，可能是二进制文件或已损坏）")


def read_text_file(path: Path, limits: Limits | None = None) -> str:
    """Read and decode a ``.txt``/``.md`` file.

    Args:
        path: the file.
        limits: size bounds (defaults when omitted).

    Returns:
        The decoded text.

    Raises:
        IngestError: undecodable, or longer than ``limits.max_doc_chars``.
    """
    limits = limits or Limits()
    data = path.read_bytes()
    if len(data) > 4 * limits.max_doc_chars:  # no encoding needs more than 4 bytes a character
        check_text_length(path, len(data) // 4, limits)
    text = decode_bytes(data, path)
    check_text_length(path, len(text), limits)
    return text


def _pick(row: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for name in names:
        value = lowered.get(name.lower())
        if value not in (None, ""):
            return value
    return None


def _row_record(row: Any, stem: str, number: int, path: Path, limits: Limits | None = None) -> RawRecord:
    """Turn one batch row into a record, or raise IngestError naming the row."""
    where = f"{path}:第{number}行"
    if not isinstance(row, dict):
        raise IngestError(where, "这一行不是一个 JSON 对象")
    text = _pick(row, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        raise IngestError(where, "没有正文字段（full_text/text/content/正文）或正文为空")
    check_text_length(where, len(text), limits or Limits())
    meta: dict[str, Any] = {}
    for key, value in row.items():
        if key is None or value in (None, "") or str(key).lower() in TEXT_FIELDS:
            continue
        meta[str(key).strip()] = value
    title = _pick(row, TITLE_FIELDS)
    if title is not None:
        meta["title"] = str(title).strip()
    year = _pick(row, YEAR_FIELDS)
    if year is not None:
        meta["year"] = year
    return RawRecord(doc_id=f"{safe_doc_id(stem)}#{number}", text=text, meta=meta, path=str(path))


def read_jsonl(path: Path, limits: Limits | None = None) -> list[RawRecord | IngestError]:
    """Read a JSON-lines batch file: one report per line.

    Args:
        path: the file.

    Returns:
        One record per good line, an IngestError (naming the line) per malformed line.
    """
    text = decode_bytes(path.read_bytes(), path)
    out: list[RawRecord | IngestError] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(
                IngestError(
                    f"{path}:第{number}行", f"JSON 格式错误（{json_reason(exc.msg)}，第{exc.colno}列）"
                )
            )
            continue
        except RecursionError:
            out.append(IngestError(f"{path}:第{number}行", "JSON 嵌套层数过多，无法解析"))
            continue
        try:
            out.append(_row_record(row, path.stem, number, path, limits))
        except IngestError as err:
            out.append(err)
    return out


def read_csv(path: Path, limits: Limits | None = None) -> list[RawRecord | IngestError]:
    """Read a CSV batch file with a header row: one report per row (BOM allowed).

    Args:
        path: the file.

    Returns:
        One record per good row, an IngestError (naming the row) per malformed row.
    """
    text = decode_bytes(path.read_bytes(), path)
    limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    out: list[RawRecord | IngestError] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except StopIteration as exc:
            raise IngestError(path, "CSV 文件为空") from exc
        except csv.Error as exc:
            raise IngestError(path, f"CSV 表头无法解析（{exc}）") from exc
        header = [h.strip().lstrip("\ufeff") for h in header]
        if not any(h.lower() in TEXT_FIELDS for h in header):
            raise IngestError(path, "CSV 表头中没有正文列（full_text/text/content/正文）")
        row_no = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                row_no += 1
                out.append(IngestError(f"{path}:第{reader.line_num}行", f"CSV 行格式错误（{exc}）"))
                continue
            if not any(c.strip() for c in cells):
                continue
            row_no += 1
            if len(cells) != len(header):
                out.append(
                    IngestError(
                        f"{path}:第{reader.line_num}行",
                        f"列数不对（表头 {len(header)} 列，这一行 {len(cells)} 列）",
                    )
                )
                continue
            try:
                out.append(
                    _row_record(dict(zip(header, cells, strict=True)), path.stem, row_no, path, limits)
                )
            except IngestError as err:
                out.append(err)
    finally:
        csv.field_size_limit(limit)
    return out


def check_file(path: Path, max_file_mb: float) -> None:
    """Refuse a file before reading it: missing, unknown type, empty or too large.

    Args:
        path: the file.
        max_file_mb: size limit in MB.

    Raises:
        IngestError: the reason it is refused.
    """
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTS:
        raise IngestError(
            path, f"不支持的文件类型“{ext or '无扩展名'}”，支持：{'、'.join(sorted(SUPPORTED_EXTS))}"
        )
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise IngestError(path, "文件不存在") from exc
    except OSError as exc:
        raise IngestError(path, f"无法访问文件（{os_reason(exc)}）") from exc
    if not path.is_file():
        raise IngestError(path, "不是普通文件")
    if size == 0:
        raise IngestError(path, "文件为空")
    if size > max_file_mb * 1024 * 1024:
        raise IngestError(path, f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {max_file_mb:g} MB）")


def read_records(
    path: Path, max_file_mb: float = 50.0, limits: Limits | None = None, ocr: OcrLimits | None = None
) -> list[RawRecord | IngestError]:
    """Read one file into raw records.

    Args:
        path: the file.
        max_file_mb: files larger than this are refused before reading.
        limits: bounds on unpacked sizes and text length (defaults when omitted).
        ocr: bounds of recognising scanned pages and images (defaults when omitted).

    Returns:
        Records (one for a single report, many for a batch file); malformed rows of a
        batch file appear as IngestError items, so the good rows are not lost.

    Raises:
        IngestError: the whole file cannot be read.
    """
    path = Path(path)
    check_file(path, max_file_mb)
    ext = path.suffix.lower()
    ocr = ocr or OcrLimits()
    read: dict[str, Any] = {}
    try:
        if ext == ".jsonl":
            return read_jsonl(path, limits)
        if ext == ".csv":
            return read_csv(path, limits)
        if ext == ".docx":
            text = read_docx(path, limits)
        elif ext in ARCHIVE_EXTS:
            text, read = read_archive_file(path, limits, ocr)
        else:
            text = read_text_file(path, limits)
    except MemoryError as exc:
        raise ParseMemoryError(path, "读取时内存不足（文件解开后过大）") from exc
    except OSError as exc:
        raise IngestError(path, f"无法读取文件（{os_reason(exc)}）") from exc
    return [RawRecord(doc_id=safe_doc_id(path.stem), text=text, meta={}, path=str(path), read=read)]


_OS_REASONS = {
    errno.ELOOP: "符号链接成环",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.ENOENT: "文件不存在",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "磁盘读写错误",
}


def os_reason(exc: OSError) -> str:
    """The Chinese for an operating-system error (``ELOOP`` → ``符号链接成环``)."""
    return _OS_REASONS.get(exc.errno or -1, f"系统错误 {exc.errno}" if exc.errno else "系统错误")


def safe_doc_id(stem: str) -> str:
    """A doc id without control or format characters (they would break ``info`` lines and logs)."""
    cleaned = "".join("_" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in stem)
    return cleaned.strip() or "_"


_JSON_REASONS = {
    "Expecting value": "缺少值",
    "Expecting property name enclosed in double quotes": "字段名应使用双引号",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Unterminated string starting at": "字符串没有结束引号",
    "Extra data": "一行中有多余内容",
    "Invalid control character at": "字符串中有控制字符",
    "Invalid \\escape": "无效的转义符",
}


def json_reason(msg: str) -> str:
    """The Chinese for a :class:`json.JSONDecodeError` message (``Expecting value`` → ``缺少值``)."""
    for en, zh in _JSON_REASONS.items():
        if msg.startswith(en):
            return zh
    return "格式不正确"


__all__ = [
    "NO_TEXT_LAYER",
    "IngestError",
    "ParseMemoryError",
    "RawRecord",
    "read_docx",
    "read_pdf",
    "read_records",
]
