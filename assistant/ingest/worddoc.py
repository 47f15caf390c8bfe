"""Read Word 97–2003 ``.doc`` and WPS Writer ``.wps`` files (both OLE2 Word-binary documents).

The pure-Python path reads the compound file with ``olefile``: the main text is the first
``ccpText`` characters described by the piece table (CLX) in the ``0Table``/``1Table`` stream;
each piece is either compressed (one cp1252 byte a character) or UTF-16LE. Paragraphs end with
``\\r``; table cells end with ``\\x07`` and a row with an extra ``\\x07`` (rows become one line,
cells separated by a tab, as for .docx); field codes are dropped and their results kept.

When the pure path fails (Word 6/95, encrypted, a damaged piece table) and LibreOffice is
installed, the file is converted to .docx by ``soffice --headless`` in a temporary folder, bounded
by time, and read like any .docx. When neither works the message says what is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from assistant.ingest.errors import IngestError
from assistant.ingest.limits import Limits, check_text_length

#: Seconds LibreOffice may take to convert one file.
SOFFICE_TIMEOUT = 90.0

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FIELD_BEGIN, _FIELD_SEP, _FIELD_END = "\x13", "\x14", "\x15"
# characters that carry no text: picture/object anchors, footnote marks, annotation refs …
_DROP = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x06\x08\x1f"), None)
_MAP = {ord("\x0b"): "\n", ord("\x0c"): "\n", ord("\x1e"): "-", ord("\xa0"): " "}


class DocFormatError(Exception):
    """The pure reader cannot read this file (the reason in Chinese)."""


def _fib_fields(word: bytes) -> tuple[int, bool, int, int, int]:
    """``(nFib, table is 1Table, ccpText, fcClx, lcbClx)`` from the File Information Block."""
    if len(word) < 154:
        raise DocFormatError("WordDocument 流过短")
    ident, nfib = struct.unpack_from("<HH", word, 0)
    if ident not in (0xA5EC, 0xA5DC):
        raise DocFormatError("不是 Word 二进制文档")
    if nfib < 101:
        raise DocFormatError("Word 6.0/95 及更早的格式")
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if flags & 0x0100:
        raise DocFormatError("文档已加密")
    csw = struct.unpack_from("<H", word, 32)[0]
    pos = 34 + 2 * csw
    cslw = struct.unpack_from("<H", word, pos)[0]
    lw = pos + 2
    ccp_text = struct.unpack_from("<i", word, lw + 12)[0]
    pos = lw + 4 * cslw
    cb_fclcb = struct.unpack_from("<H", word, pos)[0]
    blob = pos + 2
    if cb_fclcb <= 33 or len(word) < blob + 34 * 8:
        raise DocFormatError("文件信息块不完整")
    fc_clx, lcb_clx = struct.unpack_from("<II", word, blob + 33 * 8)
    return nfib, bool(flags & 0x0200), ccp_text, fc_clx, lcb_clx


def _pieces(clx: bytes) -> list[tuple[int, int, int, bool]]:
    """The piece table: ``(cp_start, cp_end, byte offset, compressed)`` for each piece."""
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: property modifiers, skipped
        size = struct.unpack_from("<H", clx, i + 1)[0]
        i += 3 + size
    if i + 5 > len(clx) or clx[i] != 0x02:
        raise DocFormatError("找不到文字片段表（piece table）")
    lcb = struct.unpack_from("<I", clx, i + 1)[0]
    plc = clx[i + 5 : i + 5 + lcb]
    if len(plc) < lcb or (lcb - 4) % 12:
        raise DocFormatError("文字片段表已损坏")
    n = (lcb - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    out = []
    for k in range(n):
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
        compressed = bool(fc & 0x40000000)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        out.append((cps[k], cps[k + 1], offset, compressed))
    return out


def _raw_text(path: Path, limits: Limits) -> str:
    """The main document's characters, control marks still in place."""
    import olefile

    try:
        if not olefile.isOleFile(str(path)):
            raise DocFormatError("不是 OLE2 复合文档")
        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists("WordDocument"):
                raise DocFormatError("没有 WordDocument 流（不是 Word/WPS 文字文档）")
            word = ole.openstream("WordDocument").read()
            _nfib, one_table, ccp_text, fc_clx, lcb_clx = _fib_fields(word)
            check_text_length(path, max(ccp_text, 0), limits)
            table_name = "1Table" if one_table else "0Table"
            if not ole.exists(table_name):
                raise DocFormatError(f"缺少 {table_name} 流")
            table = ole.openstream(table_name).read()
    except (OSError, struct.error, ValueError, IndexError) as exc:
        raise DocFormatError(f"复合文档已损坏（{type(exc).__name__}）") from exc
    if fc_clx + lcb_clx > len(table) or lcb_clx == 0:
        raise DocFormatError("文字片段表超出文件范围")
    parts: list[str] = []
    for cp_start, cp_end, offset, compressed in _pieces(table[fc_clx : fc_clx + lcb_clx]):
        if cp_start >= ccp_text:
            break
        n = min(cp_end, ccp_text) - cp_start
        if n <= 0:
            continue
        if compressed:
            chunk = word[offset : offset + n]
            parts.append(chunk.decode("cp1252", errors="replace"))
        else:
            chunk = word[offset : offset + 2 * n]
            parts.append(chunk.decode("utf-16-le", errors="replace"))
        if len(chunk) < (n if compressed else 2 * n):
            raise DocFormatError("文字片段超出 WordDocument 流")
    return "".join(parts)


def _strip_fields(text: str) -> str:
    """Drop field instructions (between \\x13 and \\x14, or \\x15 when there is no result), keep results."""
    out: list[str] = []
    stack: list[bool] = []  # for each open field: still in its instruction part
    for ch in text:
        if ch == _FIELD_BEGIN:
            stack.append(True)
        elif ch == _FIELD_SEP and stack:
            stack[-1] = False
        elif ch == _FIELD_END and stack:
            stack.pop()
        elif not any(stack):
            out.append(ch)
    return "".join(out)


def doc_lines(raw: str) -> list[str]:
    """Paragraphs and table rows (cells tab-separated) from a Word-binary main text.

    A cell ends with ``\\x07``; the row's end mark is one more ``\\x07`` right after the last
    cell's (an empty cell inside a row therefore ends the row early: its text is kept).
    """
    text = _strip_fields(raw).translate(_DROP).translate(_MAP)
    lines: list[str] = []
    cells: list[str] = []
    pending: list[str] = []  # paragraphs of a cell not yet closed
    current: list[str] = []
    last_mark = ""
    for token in re.split("([\\r\\x07])", text):
        if token == "\r":
            para = "".join(current)
            current = []
            if cells:
                pending.append(para)
            else:
                lines.extend(para.split("\n"))
            last_mark = "\r"
        elif token == "\x07":
            para = "".join(current)
            current = []
            if last_mark == "\x07" and not para and not pending:
                if any(cells):
                    lines.append("\t".join(cells))
                cells = []
            else:
                cells.append(" ".join(" ".join([*pending, para]).split()))
                pending = []
            last_mark = "\x07"
        elif token:
            current.append(token)
            last_mark = ""
    if cells and any(cells):
        lines.append("\t".join(cells))
    lines.extend(pending)
    lines.extend("".join(current).split("\n"))
    return [ln.strip() for ln in lines if ln.strip()]


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_soffice(path: Path, timeout: float = SOFFICE_TIMEOUT) -> Path:
    """Convert a .doc/.wps to .docx with LibreOffice into a fresh temporary folder.

    Returns:
        The .docx (the caller removes its parent folder).

    Raises:
        IngestError: LibreOffice missing, too slow, or failing.
    """
    exe = _soffice()
    if exe is None:
        raise IngestError(path, "未安装 LibreOffice")
    work = Path(tempfile.mkdtemp(prefix="assistant-soffice-"))
    src = work / ("in" + path.suffix.lower())
    shutil.copyfile(path, src)
    cmd = [
        exe,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx",
        "--outdir",
        str(work),
        str(src),
    ]
    try:
        subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
            env={**os.environ, "HOME": str(work)},
            start_new_session=True,
        )
    except subprocess.TimeoutExpired as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise IngestError(path, f"LibreOffice 转换超过 {timeout:g} 秒仍未完成，已停止") from exc
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise IngestError(path, f"无法启动 LibreOffice（{type(exc).__name__}）") from exc
    out = work / "in.docx"
    if not out.is_file():
        shutil.rmtree(work, ignore_errors=True)
        raise IngestError(path, "LibreOffice 无法转换此文件（文件可能已损坏）")
    return out


def read_doc(path: Path, limits: Limits | None = None, *, allow_soffice: bool = True) -> tuple[str, str]:
    """Read a .doc/.wps file.

    Args:
        path: the file.
        limits: size bounds (defaults when omitted).
        allow_soffice: fall back to LibreOffice when the pure reader fails.

    Returns:
        ``(text, method)``: one paragraph or table row per line; ``method`` is ``olefile`` or ``soffice``.

    Raises:
        IngestError: neither way could read it (the message names what is missing).
    """
    limits = limits or Limits()
    kind = "WPS 文字文档" if path.suffix.lower() == ".wps" else "Word 文档（.doc）"
    try:
        lines = doc_lines(_raw_text(path, limits))
        text = "\n".join(lines)
        if text.strip():
            check_text_length(path, len(text), limits)
            return text, "olefile"
        reason = "文档中没有文字"
    except DocFormatError as exc:
        reason = str(exc)
    if not allow_soffice:
        raise IngestError(path, f"{kind}无法直接读取（{reason}）")
    if _soffice() is None:
        raise IngestError(
            path,
            f"{kind}无法直接读取（{reason}），且本机未安装 LibreOffice（soffice）用于转换；"
            "请安装 LibreOffice，或在 Word/WPS 中另存为 .docx 后再导入",
        )
    from assistant.ingest.office import read_docx

    docx_path = convert_with_soffice(path)
    try:
        return read_docx(docx_path, limits), "soffice"
    except IngestError as err:
        raise IngestError(path, f"{kind}经 LibreOffice 转换后仍无法读取（{err.reason}）") from err
    finally:
        shutil.rmtree(docx_path.parent, ignore_errors=True)
