"""Read OFD files (GB/T 33190-2016, the national format of e-documents and archives).

An .ofd is a zip: ``OFD.xml`` → ``DocBody/DocRoot`` (``Document.xml``) → ``Pages/Page@BaseLoc``
(``Content.xml``), whose layers hold ``TextObject`` elements (a ``Boundary`` in mm) with
``TextCode`` children (``X``/``Y`` of the first glyph's baseline, ``DeltaX`` advances with the
``g n v`` repetition). Text codes are placed on the page and rebuilt into lines (ordered by Y then
X, several objects joined on one line) and paragraphs by the same rules as recognised boxes. A
page without any text code (a scan stored as an image) has its largest image recognised (OCR).
The zip's declared sizes are checked before anything is unpacked.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from assistant.ingest.errors import IngestError, ParseMemoryError
from assistant.ingest.limits import Limits, check_text_length, check_zip
from assistant.ingest.ocr import Box, group_lines, paragraphs_from_lines
from assistant.ingest.ocr_limits import OcrLimits, check_pixels

_NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|g")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _xml(zf: zipfile.ZipFile, name: str, path: Path) -> Any:
    from lxml import etree

    try:
        data = zf.read(name)
    except KeyError as exc:
        raise IngestError(path, f"OFD 文件不完整（缺少 {name}）") from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(path, f"OFD 文件中的 {name} 已损坏（XML 格式错误）") from exc


def _resolve(base_dir: str, loc: str) -> str:
    loc = loc.strip().replace("\\", "/")
    joined = loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc)
    out = posixpath.normpath(joined) if joined else ""
    return "" if out == "." else out


def _child(el: Any, name: str) -> Any:
    for c in el.iter():
        if _local(c.tag) == name:
            return c
    return None


def delta_advance(delta: str | None, n_chars: int, size: float) -> float:
    """Total advance of a text code from its ``DeltaX`` (``g 3 5.29`` repeats 5.29 three times)."""
    if not delta:
        return size * n_chars
    tokens = _NUM.findall(delta)
    values: list[float] = []
    k = 0
    while k < len(tokens):
        if tokens[k] == "g" and k + 2 < len(tokens):
            values.extend([float(tokens[k + 2])] * min(int(float(tokens[k + 1])), 100_000))
            k += 3
        elif tokens[k] != "g":
            values.append(float(tokens[k]))
            k += 1
        else:
            k += 1
    return sum(values[: max(n_chars - 1, 0)]) + size


def page_boxes(root: Any) -> list[Box]:
    """One box per text code of a page's content (positions in mm)."""
    boxes: list[Box] = []
    for obj in root.iter():
        if _local(obj.tag) != "TextObject":
            continue
        try:
            bx, by = (float(v) for v in (obj.get("Boundary") or "0 0 0 0").split()[:2])
            size = float(obj.get("Size") or 3.5)
        except ValueError:
            continue
        for code in obj:
            if _local(code.tag) != "TextCode" or not (code.text or "").strip():
                continue
            text = code.text or ""
            try:
                x, y = float(code.get("X") or 0), float(code.get("Y") or 0)
            except ValueError:
                continue
            width = delta_advance(code.get("DeltaX"), len(text), size)
            x0, base = bx + x, by + y
            boxes.append(Box(x0, base - size, x0 + width, base, text.strip(), 1.0))
    return boxes


def _media(zf: zipfile.ZipFile, doc_dir: str, doc_root: Any, path: Path) -> dict[str, str]:
    """Resource id → zip member of each image (from DocumentRes/PublicRes)."""
    out: dict[str, str] = {}
    for tag in ("DocumentRes", "PublicRes"):
        for el in doc_root.iter():
            if _local(el.tag) != tag or not (el.text or "").strip():
                continue
            name = _resolve(doc_dir, el.text)
            if name not in zf.namelist():
                continue
            res = _xml(zf, name, path)
            res_dir = _resolve(posixpath.dirname(name), res.get("BaseLoc") or "")
            for mm in res.iter():
                if _local(mm.tag) == "MultiMedia":
                    media = _child(mm, "MediaFile")
                    if media is not None and media.text:
                        out[mm.get("ID", "")] = _resolve(res_dir, media.text)
    return out


def _has_marks(root: Any) -> bool:
    return any(_local(el.tag) in ("PathObject", "ImageObject") for el in root.iter())


def _page_size(root: Any, document: Any) -> tuple[float, float]:
    """The page's physical box in mm (the page's own, else the document's, else A4)."""
    for el in (root, document):
        box = _child(el, "PhysicalBox")
        if box is not None and box.text:
            try:
                values = [float(v) for v in box.text.split()]
            except ValueError:
                continue
            if len(values) == 4 and values[2] > 0 and values[3] > 0:
                return values[2], values[3]
    return 210.0, 297.0


def read_ofd(path: Path, limits: Limits | None = None, ocr: OcrLimits | None = None) -> tuple[str, Any]:
    """Read an .ofd file's text in reading order; pages without text codes are recognised.

    Args:
        path: the file.
        limits: size bounds (the zip is checked first).
        ocr: recognition bounds (``None``: pages without text are left out).

    Returns:
        ``(text, info)`` with a :class:`assistant.ingest.scan.ScanInfo` (``None`` when no page was recognised).

    Raises:
        IngestError: not an OFD, damaged, without text, or exceeding a bound.
    """
    limits = limits or Limits()
    check_zip(path, limits, "OFD 文件")
    try:
        with zipfile.ZipFile(path) as zf:
            return _read(zf, path, limits, ocr)
    except IngestError:
        raise
    except MemoryError as exc:
        raise ParseMemoryError(path, "解析 OFD 文件时内存不足（文件内容过大）") from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError) as exc:
        raise IngestError(path, f"OFD 文件已损坏，无法读取（{type(exc).__name__}）") from exc


def _read(zf: zipfile.ZipFile, path: Path, limits: Limits, ocr: OcrLimits | None) -> tuple[str, Any]:
    names = {n.lstrip("/") for n in zf.namelist()}
    entry = next((n for n in names if n.lower() == "ofd.xml"), None)
    if entry is None:
        raise IngestError(path, "不是 OFD 文件（缺少 OFD.xml）")
    ofd = _xml(zf, entry, path)
    doc_root_el = _child(ofd, "DocRoot")
    if doc_root_el is None or not (doc_root_el.text or "").strip():
        raise IngestError(path, "OFD 文件不完整（OFD.xml 中没有 DocRoot）")
    doc_name = _resolve("", doc_root_el.text)
    document = _xml(zf, doc_name, path)
    doc_dir = posixpath.dirname(doc_name)
    page_locs = [
        _resolve(doc_dir, el.get("BaseLoc", ""))
        for el in document.iter()
        if _local(el.tag) == "Page" and el.get("BaseLoc")
    ]
    if not page_locs:
        raise IngestError(path, "OFD 文件中没有页面")
    media: dict[str, str] | None = None
    pages: list[list[str]] = []
    to_ocr: list[tuple[int, Any]] = []
    n_chars = 0
    for number, loc in enumerate(page_locs, start=1):
        root = _xml(zf, loc, path)
        boxes = page_boxes(root)
        if boxes:
            paragraphs = paragraphs_from_lines(group_lines(boxes))
            n_chars += sum(len(p) for p in paragraphs)
            check_text_length(path, n_chars, limits)
            pages.append(paragraphs)
            continue
        pages.append([])
        if _has_marks(root):  # a scan (an image) or glyphs drawn as paths: drawn and recognised
            to_ocr.append((number, root))
    info = None
    if to_ocr and ocr is not None:
        media = _media(zf, doc_dir, document, path)
        info = _ocr_pages(zf, path, to_ocr, pages, ocr, media, document)
    text = "\n".join(p for ps in pages for p in ps)
    check_text_length(path, len(text), limits)
    if not text.strip():
        raise IngestError(path, "OFD 文件中没有文字（也没有可识别的扫描页）")
    return text, info


def _ocr_pages(
    zf: zipfile.ZipFile,
    path: Path,
    to_ocr: list[tuple[int, Any]],
    pages: list[list[str]],
    ocr: OcrLimits,
    media: dict[str, str],
    document: Any,
) -> Any:
    from PIL import UnidentifiedImageError

    from assistant.ingest.ofd_render import render_page
    from assistant.ingest.scan import open_image, recognise_pages

    def image_loader(number: int, member: str) -> Any:
        def load() -> Any:
            try:
                img = open_image(io.BytesIO(zf.read(member)))
            except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
                raise IngestError(path, f"OFD 第 {number} 页的图片无法解码") from exc
            check_pixels(path, img.width, img.height, ocr, number)
            return img

        return load

    def items() -> Any:
        for number, root in to_ocr:

            def render(number: int = number, root: Any = root) -> Any:
                width, height = _page_size(root, document)
                dpi = ocr.dpi
                pixels = (width * dpi / 25.4) * (height * dpi / 25.4)
                if pixels > ocr.max_page_pixels:  # a huge page box: drawn smaller, never larger
                    dpi = int(dpi * (ocr.max_page_pixels / pixels) ** 0.5)
                images = {
                    rid: image_loader(number, member)
                    for rid, member in media.items()
                    if member in zf.namelist()
                }
                return render_page(root, width, height, max(dpi, 1), images)

            yield number, render

    recognised, info = recognise_pages(path, items(), len(to_ocr), ocr)
    for number, paragraphs in recognised.items():
        pages[number - 1] = paragraphs
    return info
