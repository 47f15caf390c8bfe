"""Read Word 97–2003 ``.doc`` and WPS Writer ``.wps`` files (both OLE2 Word-binary documents).

The pure-Python path reads the compound file with ``olefile``: the main text is the first
``ccpText`` characters described by the piece table (CLX) in the ``0Table``/``1Table`` stream;
each piece is either compressed (one cp1252 byte a character) or UTF-16LE. Paragraphs end with
``\\r``; table cells end with ``\\x07`` and a row with one more ``\\x07``, told apart by the
paragraph properties (sprmPFTtp in the PAPX pages), so empty cells stay in place (rows become one
line, cells separated by a tab, as for .docx); field codes are dropped and their results kept.

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
_ROW_END = "\x1d"  # not a Word character: stands for a cell mark that ends its row


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


def _papx_plc(word: bytes) -> tuple[int, int]:
    """``(fcPlcfBtePapx, lcbPlcfBtePapx)``: where the paragraph properties' index lies in the table stream."""
    csw = struct.unpack_from("<H", word, 32)[0]
    pos = 34 + 2 * csw
    cslw = struct.unpack_from("<H", word, pos)[0]
    blob = pos + 2 + 4 * cslw + 2
    return struct.unpack_from("<II", word, blob + 13 * 8)


_SPRM_ROW_END = (0x2417, 0x244C)  # sprmPFTtp, sprmPFInnerTtp: this paragraph mark ends a table row


def _sprm_size(sprm: int, grpprl: bytes, at: int) -> int:
    """Operand size of one property modifier (``spra`` bits; variable ones carry their length)."""
    spra = sprm >> 13
    if spra in (0, 1):
        return 1
    if spra in (2, 4, 5):
        return 2
    if spra == 3:
        return 4
    if spra == 7:
        return 3
    if sprm in (0xD608, 0xC615):  # sprmTDefTable, sprmPChgTabs: a 2-byte length
        return 2 + (struct.unpack_from("<H", grpprl, at)[0] if at + 2 <= len(grpprl) else 0)
    return 1 + (grpprl[at] if at < len(grpprl) else 0)


def _row_end(grpprl: bytes) -> bool:
    k = 0
    while k + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, k)[0]
        size = _sprm_size(sprm, grpprl, k + 2)
        if sprm in _SPRM_ROW_END and k + 2 < len(grpprl) and grpprl[k + 2] == 1:
            return True
        k += 2 + size
    return False


def row_end_fcs(word: bytes, table: bytes) -> set[int]:
    """Byte offsets (in WordDocument) just past each paragraph mark that ends a table row.

    Read from the paragraph properties (PlcBtePapx → PapxFkp pages → sprmPFTtp); an empty set
    when they cannot be read (the caller then takes a doubled cell mark for the row's end).
    """
    out: set[int] = set()
    try:
        fc, lcb = _papx_plc(word)
        if lcb < 12 or fc + lcb > len(table) or (lcb - 4) % 8:
            return out
        n = (lcb - 4) // 8
        for k in range(min(n, 100_000)):
            pn = struct.unpack_from("<I", table, fc + 4 * (n + 1) + 4 * k)[0] & 0x3FFFFF
            fkp = word[pn * 512 : pn * 512 + 512]
            if len(fkp) < 512:
                continue
            crun = fkp[511]
            rgfc = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
            for i in range(crun):
                off = 2 * fkp[4 * (crun + 1) + 13 * i]
                if off == 0:
                    continue
                cb = fkp[off]
                if cb == 0:
                    start, length = off + 2, 2 * fkp[off + 1]
                else:
                    start, length = off + 1, 2 * cb - 1
                if _row_end(fkp[start + 2 : start + length]):  # after the 2-byte style index
                    out.add(rgfc[i + 1])
    except (struct.error, IndexError):
        return set()
    return out


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
    row_ends = row_end_fcs(word, table)
    parts: list[str] = []
    for cp_start, cp_end, offset, compressed in _pieces(table[fc_clx : fc_clx + lcb_clx]):
        if cp_start >= ccp_text:
            break
        n = min(cp_end, ccp_text) - cp_start
        if n <= 0:
            continue
        width = 1 if compressed else 2
        chunk = word[offset : offset + width * n]
        if len(chunk) < width * n:
            raise DocFormatError("文字片段超出 WordDocument 流")
        text = chunk.decode("cp1252" if compressed else "utf-16-le", errors="replace")
        if row_ends and "\x07" in text:  # mark each row's end (\x1d) apart from the cells' ends
            chars = list(text)
            for k, ch in enumerate(chars):
                if ch == "\x07" and offset + width * (k + 1) in row_ends:
                    chars[k] = _ROW_END
            text = "".join(chars)
        parts.append(text)
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

    A cell ends with ``\\x07``. The row's own end mark is a ``\\x07`` too: where the paragraph
    properties named it, it arrives as ``\\x1d`` and empty cells stay in place; otherwise a
    ``\\x07`` right after another ends the row (an empty cell then ends it early; no text is lost).
    """
    text = _strip_fields(raw).translate(_DROP).translate(_MAP)
    exact = _ROW_END in text
    lines: list[str] = []
    cells: list[str] = []
    pending: list[str] = []  # paragraphs of a cell not yet closed
    current: list[str] = []
    last_mark = ""
    for token in re.split("([\\r\\x07\\x1d])", text):
        if token == "\r":
            para = "".join(current)
            current = []
            if cells:
                pending.append(para)
            else:
                lines.extend(para.split("\n"))
            last_mark = "\r"
        elif token in ("\x07", _ROW_END):
            para = "".join(current)
            current = []
            row_end = token == _ROW_END or (not exact and last_mark == "\x07" and not para and not pending)
            if row_end:
                if any(cells):
                    lines.append("\t".join(cells))
                cells, pending = [], []
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
    # a table row keeps its empty cells (leading/trailing tabs), as the .docx reader writes it
    return [ln.strip(" \u3000") if "\t" in ln else ln.strip() for ln in lines if ln.strip()]


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
