"""GB/T 9704-2012 style .docx export (plain 打印稿: no 红头, no 版记).

Layout only: A4 with 37/35/28/26 mm margins, title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号
with a two-character first-line indent and exact 28 pt lines, headings in 黑体/楷体_GB2312/仿宋_GB2312,
“— 1 —” page numbers (odd right, even left), yellow markers, and the appendix on a new page only on
request. Review notes are Word comments (author 公文起草助手): every reused or adapted sentence names
its source (title · section, the original sentence when adapted), every marker says what to fill or
confirm, every figure of the user's names its table row or formula (:mod:`assistant.draft.compose.provenance`).
Every run carries its East Asian font in ``w:rFonts w:eastAsia``; digits and Latin use Times New Roman.
python-docx is imported inside :func:`export_docx`, so importing this module is cheap.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.export.markdown import appendix_parts, iter_blocks, signature_lines
from assistant.lang.markers import MARKER_RE, split_markers
from assistant.types import Derived, Draft, Paragraph

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
LEVEL_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: BODY_FONT, 4: BODY_FONT}
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
PAGE_NUMBER_PT = 14  # 四号
LINE_TWIPS = 560  # exact 28 pt
TITLE_LINE_TWIPS = 700  # exact 35 pt for the (possibly two-line) title
INDENT_TWIPS = 2 * BODY_PT * 20  # two 三号 characters = 640 twips
PAGE_W, PAGE_H = 11906, 16838  # A4 in twips
MARGINS_TWIPS = {"top": 2098, "bottom": 1984, "left": 1588, "right": 1474}  # 37/35/28/26 mm
FOOTER_MM = 23  # number line top ≈ 7 mm under the 版心 (35 mm − 7 mm − one 14 pt line)
EM_DASH = "\u2014"
TITLE_CHARS_PER_LINE = 156 / 25.4 * 72 / TITLE_PT  # ≈ 20 characters of 二号 in the 156 mm line
_COMPARE_CUE_RE = re.compile(r"(?:较上年|比上年|同比|环比|增长|增加|减少|下降|提高|降低|上升)[^。；，]{0,8}$")
_TITLE_BREAK_RE = re.compile(r"(?<=关于)|(?<!\d)(?=\d{4}年)|(?=履行)")


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _child(parent: Any, tag: str) -> Any:
    """The first ``w:tag`` child of an oxml element, created (appended) when missing."""
    from docx.oxml import OxmlElement

    found = parent.find(_w(tag))
    if found is None:
        found = OxmlElement(f"w:{tag}")
        parent.append(found)
    return found


def _set_fonts(rpr: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Write explicit ascii/hAnsi/eastAsia fonts into an ``w:rPr`` and drop theme fonts."""
    rfonts = rpr.find(_w("rFonts"))
    if rfonts is None:
        from docx.oxml import OxmlElement

        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(_w(attr), None)
    rfonts.set(_w("ascii"), latin)
    rfonts.set(_w("hAnsi"), latin)
    rfonts.set(_w("cs"), latin)
    rfonts.set(_w("eastAsia"), east_asia)
    rfonts.set(_w("hint"), "eastAsia")


def _add_run(paragraph: Any, text: str, font: str, size_pt: float, marker: bool = False) -> Any:
    """Append one run with explicit fonts and size, not bold; markers are highlighted yellow."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    run = paragraph.add_run(text)
    latin = PAGE_NUMBER_FONT if font == PAGE_NUMBER_FONT else LATIN_FONT  # 页码 digits are 宋体 too
    _set_fonts(run._element.get_or_add_rPr(), font, latin)
    run.font.size = Pt(size_pt)
    run.font.bold = False
    if marker:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def _add_text(paragraph: Any, text: str, font: str, size_pt: float = BODY_PT) -> None:
    """Append text, putting each 【待补充：…】/【待确认】/【待核实】 marker in its own yellow run."""
    for piece, is_marker in split_markers(text):
        _add_run(paragraph, piece, font, size_pt, marker=is_marker)


def _format(
    paragraph: Any,
    align: str = "both",
    first_line_chars: int = 200,
    line_twips: int = LINE_TWIPS,
    left_chars: int = 0,
    right_chars: int = 0,
    outline_level: int | None = None,
    page_break_before: bool = False,
    char_pt: int = BODY_PT,
) -> None:
    """Paragraph properties: alignment, exact spacing, and indents in hundredths of a character.

    Each indent is written twice, as ``w:…Chars`` (Word/WPS) and in twips (other renderers);
    zero values are written too, so they override an inherited indent.
    """
    ppr = paragraph._element.get_or_add_pPr()
    if page_break_before:
        _child(ppr, "pageBreakBefore")
    spacing = _child(ppr, "spacing")
    spacing.set(_w("before"), "0")
    spacing.set(_w("after"), "0")
    spacing.set(_w("line"), str(line_twips))
    spacing.set(_w("lineRule"), "exact")
    ind = _child(ppr, "ind")
    for name, chars in (("firstLine", first_line_chars), ("left", left_chars), ("right", right_chars)):
        ind.set(_w(f"{name}Chars"), str(chars))
        ind.set(_w(name), str(chars * char_pt * 20 // 100))
    _child(ppr, "jc").set(_w("val"), align)
    if outline_level is not None:
        _child(ppr, "outlineLvl").set(_w("val"), str(outline_level))
    # schema order inside w:pPr: pageBreakBefore … spacing, ind, jc, outlineLvl
    order = ["pStyle", "keepNext", "pageBreakBefore", "spacing", "ind", "jc", "outlineLvl", "rPr", "sectPr"]
    for tag in order:
        el = ppr.find(_w(tag))
        if el is not None:
            ppr.remove(el)
            ppr.append(el)


def _setup_document(doc: Any) -> None:
    """Page size, margins, defaults (Normal = 仿宋_GB2312 三号, exact 28 pt) and page-number footers."""
    from docx.shared import Mm, Pt, Twips

    styles = doc.styles.element
    defaults = styles.find(_w("docDefaults"))
    rpr = defaults.find(_w("rPrDefault")).find(_w("rPr"))
    _set_fonts(rpr, BODY_FONT)
    _child(rpr, "sz").set(_w("val"), str(BODY_PT * 2))
    _child(rpr, "szCs").set(_w("val"), str(BODY_PT * 2))
    lang = _child(rpr, "lang")
    lang.set(_w("val"), "en-US")
    lang.set(_w("eastAsia"), "zh-CN")
    spacing = defaults.find(_w("pPrDefault")).find(_w("pPr")).find(_w("spacing"))
    spacing.set(_w("after"), "0")
    spacing.set(_w("line"), str(LINE_TWIPS))
    spacing.set(_w("lineRule"), "exact")

    normal = doc.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.font.size = Pt(BODY_PT)
    _format(normal, align="both")

    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    for side, twips in MARGINS_TWIPS.items():
        setattr(section, f"{side}_margin", Twips(twips))
    section.footer_distance = Mm(FOOTER_MM)
    doc.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _field_char(run: Any, kind: str) -> None:
    from docx.oxml import OxmlElement

    fld = OxmlElement("w:fldChar")
    fld.set(_w("fldCharType"), kind)
    run._element.append(fld)


def _page_number(paragraph: Any, odd: bool) -> None:
    """Footer “— N —” in 宋体 四号: odd pages right (空一字), even pages left (空一字)."""
    from docx.oxml import OxmlElement

    _format(
        paragraph,
        align="right" if odd else "left",
        first_line_chars=0,
        line_twips=PAGE_NUMBER_PT * 20,
        right_chars=100 if odd else 0,
        left_chars=0 if odd else 100,
        char_pt=PAGE_NUMBER_PT,
    )
    _add_run(paragraph, f"{EM_DASH} ", PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    _field_char(_add_run(paragraph, "", PAGE_NUMBER_FONT, PAGE_NUMBER_PT), "begin")
    instr_run = _add_run(paragraph, "", PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = " PAGE "
    instr_run._element.append(instr)
    _field_char(_add_run(paragraph, "", PAGE_NUMBER_FONT, PAGE_NUMBER_PT), "separate")
    _add_run(paragraph, "1", PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    _field_char(_add_run(paragraph, "", PAGE_NUMBER_FONT, PAGE_NUMBER_PT), "end")
    _add_run(paragraph, f" {EM_DASH}", PAGE_NUMBER_FONT, PAGE_NUMBER_PT)


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x80 else 1.0 for ch in text)


def title_lines(title: str, capacity: float = TITLE_CHARS_PER_LINE) -> list[str]:
    """Break a long title into a 梯形 (long line over short line) without splitting a phrase.

    Explicit line breaks are kept. A one-line title wider than the 版心 is broken before its
    year (``2023年``), after ``关于`` or before ``履行``, choosing the most balanced break where
    both lines fit (a longer first line wins a tie); without such a break the renderer wraps it.

    Args:
        title: the title text.
        capacity: characters of 二号 type that fit one line (CJK = 1, ASCII = 0.5).

    Returns:
        The title lines.
    """
    lines = [line.strip() for line in title.splitlines() if line.strip()]
    if len(lines) != 1 or _width(lines[0]) <= capacity:
        return lines or [""]
    text = lines[0]
    best: tuple[float, int] | None = None
    for match in _TITLE_BREAK_RE.finditer(text):
        head, tail = text[: match.start()], text[match.start() :]
        if 0 < _width(head) <= capacity and 0 < _width(tail) <= capacity:
            score = abs(_width(head) - _width(tail)) + (0.5 if _width(head) < _width(tail) else 0.0)
            if best is None or score < best[0]:
                best = (score, match.start())
    return [text[: best[1]], text[best[1] :]] if best else [text]


def _anchors(
    full: str, paragraph: Paragraph | None, derived: Sequence[Derived] = ()
) -> list[tuple[int, int, str]]:
    """(start, end, comment) for the sentences and figures of ``paragraph`` found in ``full``, its markers,
    and the derived figures (year-over-year comparisons) with their formulas."""
    from assistant.draft.compose.provenance import derived_note, marker_note, needs_note, span_note

    anchors: list[tuple[int, int, str]] = []
    cursor = 0
    for span in paragraph.spans if paragraph is not None else []:
        start = full.find(span.text, cursor) if span.text else -1
        if start < 0:
            continue
        end = start + len(span.text)
        if needs_note(span):
            anchors.append((start, end, span_note(span)))
        pos = start
        for fig in span.figures:
            at = full.find(fig.text, pos, end) if fig.text else -1
            if at >= 0:
                anchors.append((at, at + len(fig.text), fig.note))
                pos = at + len(fig.text)
        cursor = end
    anchors.extend((m.start(), m.end(), marker_note(m.group(0))) for m in MARKER_RE.finditer(full))
    for d in derived:
        for m in re.finditer(re.escape(d.text), full) if d.text else ():
            if _COMPARE_CUE_RE.search(full[max(0, m.start() - 16) : m.start()]):
                anchors.append((m.start(), m.end(), derived_note(d)))
    return anchors


def _add_pieces(
    doc: Any,
    para: Any,
    pieces: list[tuple[str, str]],
    paragraph: Paragraph | None,
    comments: bool,
    size_pt: float = BODY_PT,
    derived: Sequence[Derived] = (),
) -> None:
    """Write ``(text, font)`` pieces as runs; with ``comments``, anchor a Word comment to each sentence,
    figure and marker (runs are cut at every anchor's edge so each comment covers whole runs)."""
    if not comments:
        for text, font in pieces:
            _add_text(para, text, font, size_pt)
        return
    from assistant.draft.compose.provenance import AUTHOR, INITIALS

    full = "".join(text for text, _ in pieces)
    anchors = _anchors(full, paragraph, derived)
    markers = [(m.start(), m.end()) for m in MARKER_RE.finditer(full)]
    fonts: list[tuple[int, int, str]] = []
    pos = 0
    for text, font in pieces:
        fonts.append((pos, pos + len(text), font))
        pos += len(text)
    cuts = sorted(
        {
            0,
            len(full),
            *(e for f in fonts for e in f[:2]),
            *(e for a in anchors for e in a[:2]),
            *(e for m in markers for e in m),
        }
    )
    runs: list[tuple[int, int, Any]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start >= end:
            continue
        font = next(f for a, b, f in fonts if a <= start < b)
        marker = any(a <= start < b for a, b in markers)
        runs.append((start, end, _add_run(para, full[start:end], font, size_pt, marker=marker)))
    for start, end, note in anchors:
        covered = [run for a, b, run in runs if a >= start and b <= end]
        if covered:
            doc.add_comment(covered, text=note, author=AUTHOR, initials=INITIALS)


def _style_comment_refs(doc: Any) -> None:
    """Give the comment-reference runs python-docx adds the body's fonts and size (GB/T run checks)."""
    from docx.shared import Pt
    from docx.text.run import Run

    for ref in list(doc.element.body.iter(_w("commentReference"))):
        run = Run(ref.getparent(), None)
        run.font.size = Pt(BODY_PT)
        run.font.bold = False
        rpr = run._element.get_or_add_rPr()
        rpr.get_or_add_rFonts()  # in schema order, after w:rStyle
        _set_fonts(rpr, BODY_FONT)


def _write_title(doc: Any, title: str, comments: bool = False) -> None:
    lines = title_lines(title)
    for line in lines:
        para = doc.add_paragraph()
        _format(para, align="center", first_line_chars=0, line_twips=TITLE_LINE_TWIPS)
        _add_pieces(doc, para, [(line, TITLE_FONT)], None, comments, TITLE_PT)
    _format(doc.add_paragraph(), first_line_chars=0)  # 标题下空一行


def _write_body(doc: Any, draft: Draft, comments: bool = False) -> None:
    for block in iter_blocks(draft):
        para = doc.add_paragraph()
        if block.kind == "text":
            _format(para)
            _add_pieces(
                doc, para, [(block.text, BODY_FONT)], block.paragraph, comments, derived=draft.derived
            )
            continue
        font = LEVEL_FONTS.get(block.level, BODY_FONT)
        _format(para, outline_level=block.level - 1 if block.kind == "heading" else None)
        pieces = [(block.heading, font)] + (
            [(block.text, BODY_FONT)] if block.kind == "run_in" and block.text else []
        )
        _add_pieces(doc, para, pieces, block.paragraph, comments, derived=draft.derived)
    sign = signature_lines(draft)
    if sign:
        _format(doc.add_paragraph(), first_line_chars=0)  # 正文下空一行
    for line in sign:
        para = doc.add_paragraph()
        _format(para, align="right", first_line_chars=0, right_chars=200)
        _add_pieces(doc, para, [(line, BODY_FONT)], None, comments)


def _write_appendix(doc: Any, draft: Draft) -> None:
    for index, (title, rows) in enumerate(appendix_parts(draft)):
        head = doc.add_paragraph()
        _format(head, align="left", first_line_chars=0, outline_level=0, page_break_before=index == 0)
        _add_text(head, title, LEVEL_FONTS[1])
        for number, row in enumerate(rows or ["（无）"], 1):
            para = doc.add_paragraph()
            _format(para)
            _add_text(para, f"{number}.{row}" if rows else row, BODY_FONT)


def build_document(draft: Draft, appendix: bool = False, comments: bool = True) -> Any:
    """Lay a draft out as an in-memory python-docx ``Document``.

    Args:
        draft: the draft (already audited by the caller).
        appendix: add 待补充数据清单, 未使用的数据 and 材料来源 on a new page after the body.
        comments: anchor review comments (sources, markers, figures) to the body text.

    Returns:
        The ``docx.document.Document``.
    """
    import docx

    doc = docx.Document()
    _setup_document(doc)
    doc.core_properties.title = draft.title
    if draft.org:
        doc.core_properties.author = draft.org
    _write_title(doc, draft.title, comments)
    _write_body(doc, draft, comments)
    if comments:
        _style_comment_refs(doc)
    if appendix:
        _write_appendix(doc, draft)
    return doc


def _umask() -> int:
    """The process's umask, read without changing it where Linux tells it (else set and restored)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def export_docx(draft: Draft, path: Path, appendix: bool = False, comments: bool = True) -> Path:
    """Write a draft as a GB/T 9704-2012 style .docx, atomically.

    The file is saved to a temporary name in the target folder and moved into place with
    :func:`os.replace`, so a failure never leaves a half-written file at ``path``.

    Args:
        draft: the draft (already audited by the caller; no numbers are checked here).
        path: where to write the .docx; missing parent folders are created.
        appendix: add the 附：待补充数据清单/未使用的数据/材料来源 pages after the body.
        comments: anchor review comments (sources, markers, figures) to the body text.

    Returns:
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = build_document(draft, appendix=appendix, comments=comments)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".docx.tmp", dir=path.parent)
    os.close(fd)
    try:
        doc.save(tmp_name)
        os.chmod(tmp_name, 0o666 & ~_umask())  # mkstemp makes 0600; a saved file gets the usual mode
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path
