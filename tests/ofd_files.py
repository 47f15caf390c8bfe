"""Build .ofd files (GB/T 33190) in tests: text pages laid out like a report, and scanned pages.

Text pages are written the way OFD producers write them: each line split into several
``TextObject`` elements (a ``Boundary`` in mm), each with one ``TextCode`` whose ``DeltaX`` uses the
``g n v`` repetition; objects are written in a shuffled order so the reader must sort by Y then X.
A scanned page holds only an ``ImageObject`` pointing at a PNG in ``Res/``.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, TOP, SIZE, LEADING = 28.0, 37.0, 5.6, 9.8  # mm: 16 pt type on 28.9 mm lines
CHARS = 28


def _lines(text: str) -> list[str]:
    out = []
    for para in text.splitlines():
        para = para.strip()
        if not para:
            continue
        heading = len(para) < CHARS and not para.endswith("。")
        first = True
        while para:
            room = CHARS - (0 if heading or not first else 2)
            out.append(("" if heading or not first else "\u3000\u3000") + para[:room])
            para, first = para[room:], False
    return out


def _text_page(lines: list[str], rng: random.Random) -> str:
    objects = []
    oid = 100
    for k, line in enumerate(lines):
        indent = len(line) - len(line.lstrip("\u3000"))
        body = line.lstrip("\u3000")
        y = TOP + k * LEADING
        x = LEFT + indent * SIZE
        cuts = sorted({0, len(body), *(rng.randrange(1, len(body)) for _ in range(2) if len(body) > 2)})
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = body[a:b]
            oid += 1
            delta = f"g {len(piece) - 1} {SIZE}" if len(piece) > 1 else ""
            objects.append(
                f'<ofd:TextObject ID="{oid}" Boundary="{x + a * SIZE:.2f} {y - SIZE:.2f} {len(piece) * SIZE:.2f} {SIZE * 1.4:.2f}" '
                f'Font="3" Size="{SIZE}"><ofd:TextCode X="0" Y="{SIZE:.2f}"'
                + (f' DeltaX="{delta}"' if delta else "")
                + f">{escape(piece)}</ofd:TextCode></ofd:TextObject>"
            )
    rng.shuffle(objects)
    return _page_xml("".join(objects))


def _page_xml(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Area>'
        f"<ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}</ofd:PhysicalBox></ofd:Area>"
        f'<ofd:Content><ofd:Layer ID="2">{body}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def vector_page(image, dpi: float = 150.0, tile: int = 32) -> str:
    """A page whose glyphs are paths: the ink of ``image`` as filled rectangles (one row-run each),
    one ``PathObject`` per ink-holding tile of ``tile`` pixels, as PDF-to-OFD converters write
    outlined text."""
    mm = 25.4 / dpi
    px = image.convert("L").load()
    width, height = image.size
    objects = []
    oid = 5000
    for ty in range(0, height, tile):
        for tx in range(0, width, tile):
            rects = []
            for y in range(ty, min(ty + tile, height)):
                x = tx
                while x < min(tx + tile, width):
                    if px[x, y] < 128:
                        start = x
                        while x < min(tx + tile, width) and px[x, y] < 128:
                            x += 1
                        x0, x1, y0, y1 = (start - tx) * mm, (x - tx) * mm, (y - ty) * mm, (y + 1 - ty) * mm
                        rects.append(
                            f"M {x0:.3f} {y0:.3f} L {x1:.3f} {y0:.3f} L {x1:.3f} {y1:.3f} L {x0:.3f} {y1:.3f} C"
                        )
                    else:
                        x += 1
            if rects:
                oid += 1
                objects.append(
                    f'<ofd:PathObject ID="{oid}" Boundary="{tx * mm:.3f} {ty * mm:.3f} {tile * mm:.3f} {tile * mm:.3f}" '
                    f'Fill="true" Stroke="false"><ofd:AbbreviatedData>{" ".join(rects)}</ofd:AbbreviatedData></ofd:PathObject>'
                )
    return _page_xml("".join(objects))


def build_ofd(
    path: Path, text: str, scanned_pages: list = (), seed: int = 7, vector_pages: list = ()
) -> None:
    """Write an .ofd of ``text`` (26 lines a page), then one page per image in ``scanned_pages``
    (stored as an image) and one per image in ``vector_pages`` (its ink drawn as paths)."""
    rng = random.Random(seed)
    lines = _lines(text)
    pages = [_text_page(lines[i : i + 26], rng) for i in range(0, len(lines), 26)]
    pages += [vector_page(img) for img in vector_pages]
    media = []
    for k, img in enumerate(scanned_pages):
        rid = 900 + k
        media.append((rid, f"scan_{k}.png", img))
        pages.append(
            _page_xml(
                f'<ofd:ImageObject ID="{rid + 1000}" Boundary="0 0 {PAGE_W} {PAGE_H}" '
                f'CTM="{PAGE_W} 0 0 {PAGE_H} 0 0" ResourceID="{rid}"/>'
            )
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_refs = "".join(
            f'<ofd:Page ID="{k + 1}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages))
        )
        zf.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            f"<ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
            f"</ofd:CommonData><ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>",
        )
        zf.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="3" FontName="仿宋_GB2312" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>',
        )
        mm = "".join(
            f'<ofd:MultiMedia ID="{rid}" Type="Image"><ofd:MediaFile>{name}</ofd:MediaFile></ofd:MultiMedia>'
            for rid, name, _ in media
        )
        zf.writestr(
            "Doc_0/DocumentRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
            f"<ofd:MultiMedias>{mm}</ofd:MultiMedias></ofd:Res>",
        )
        for k, page in enumerate(pages):
            zf.writestr(f"Doc_0/Pages/Page_{k}/Content.xml", page)
        for _rid, name, img in media:
            buf = io.BytesIO()
            img.save(buf, "PNG")
            zf.writestr(f"Doc_0/Res/{name}", buf.getvalue())
