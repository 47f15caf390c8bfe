"""Render a report's text as page images (a scan made in the test) with a CJK font.

Used by the OCR tests and ``bench/bench_ocr.py``: A4 pages at 150 dpi, 16 pt type (三号, as in
GB/T 9704), first-line indent of two characters, headings flush left, hard-wrapped lines.
"""

from __future__ import annotations

from pathlib import Path

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)
PAGE_W, PAGE_H = 1240, 1754  # A4 at 150 dpi
MARGIN_X, MARGIN_Y = 140, 160
FONT_PX = 33  # 16 pt at 150 dpi
LINE_PX = 56


def cjk_font() -> str | None:
    """A CJK font file on this machine (``None`` when there is none)."""
    for path in FONT_CANDIDATES:
        if Path(path).is_file():
            return path
    return None


def _wrap(paragraph: str, width: int, indent: int) -> list[str]:
    lines, first = [], True
    text = paragraph
    while text:
        room = width - (indent if first else 0)
        lines.append(("\u3000" * indent if first else "") + text[:room])
        text, first = text[room:], False
    return lines


def layout(text: str) -> list[list[str]]:
    """Pages of lines: body paragraphs indented by two characters, the rest flush left."""
    width = (PAGE_W - 2 * MARGIN_X) // FONT_PX
    per_page = (PAGE_H - 2 * MARGIN_Y) // LINE_PX
    lines: list[str] = []
    for para in text.splitlines():
        para = para.strip()
        if not para:
            continue
        heading = len(para) < width and not para.endswith("。")
        lines.extend(_wrap(para, width, 0 if heading else 2))
    return [lines[i : i + per_page] for i in range(0, len(lines), per_page)]


def render_pages(text: str, max_pages: int | None = None):
    """PIL images of the text's pages (white background, black type)."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = cjk_font()
    assert font_path, "no CJK font installed (fonts-noto-cjk)"
    font = ImageFont.truetype(font_path, FONT_PX)
    pages = []
    for page_lines in layout(text)[:max_pages]:
        img = Image.new("L", (PAGE_W, PAGE_H), 255)
        draw = ImageDraw.Draw(img)
        y = MARGIN_Y
        for line in page_lines:
            draw.text((MARGIN_X, y), line, font=font, fill=0)
            y += LINE_PX
        pages.append(img)
    return pages


def page_texts(text: str, max_pages: int | None = None) -> list[str]:
    """The text on each rendered page (indent removed), for recall checks."""
    return ["".join(ln.replace("\u3000", "") for ln in lines) for lines in layout(text)[:max_pages]]


def scanned_pdf(path: Path, images) -> None:
    """Save page images as an image-only PDF (no text layer), as a scanner does."""
    first, *rest = [img.convert("RGB") for img in images]
    first.save(path, "PDF", resolution=150.0, save_all=True, append_images=rest)
