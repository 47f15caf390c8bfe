"""Draw an OFD page whose text is vector paths (no text codes) so it can be recognised.

Only what text needs is drawn: ``PathObject`` fills (``AbbreviatedData`` commands M/L/Q/B/A/C,
curves flattened, the even-odd rule so glyph counters stay open, ``CTM`` and ``Boundary`` applied),
strokes as thin lines, and ``ImageObject`` images in their boundary. Colours are ignored: every
mark is black on white, which is what recognition wants.
"""

from __future__ import annotations

import re
from typing import Any


def local(tag: Any) -> str:
    """An element's tag without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


_TOKEN = re.compile(r"[MLQBACSmlqbacs]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
#: Segments a curve is flattened into.
_CURVE_STEPS = 6
#: Objects with more commands than this are skipped (a hostile page cannot make the drawing slow).
MAX_COMMANDS = 2_000_000


def _floats(text: str | None, n: int) -> list[float] | None:
    if not text:
        return None
    try:
        values = [float(v) for v in text.split()]
    except ValueError:
        return None
    return values if len(values) >= n else None


def subpaths(data: str) -> list[list[tuple[float, float]]]:
    """The polygons of an ``AbbreviatedData`` string (curves flattened, arcs as straight lines)."""
    tokens = _TOKEN.findall(data)
    out: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = []
    k = 0

    def nums(n: int) -> list[float]:
        nonlocal k
        vals = [float(t) for t in tokens[k : k + n]]
        k += n
        return vals

    while k < len(tokens):
        cmd = tokens[k].upper()
        k += 1
        try:
            if cmd == "S" or cmd == "M":
                if len(cur) > 1:
                    out.append(cur)
                x, y = nums(2)
                cur = [(x, y)]
            elif cmd == "L":
                x, y = nums(2)
                cur.append((x, y))
            elif cmd == "Q" and cur:
                x1, y1, x2, y2 = nums(4)
                x0, y0 = cur[-1]
                for s in range(1, _CURVE_STEPS + 1):
                    t = s / _CURVE_STEPS
                    u = 1 - t
                    cur.append(
                        (u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2)
                    )
            elif cmd == "B" and cur:
                x1, y1, x2, y2, x3, y3 = nums(6)
                x0, y0 = cur[-1]
                for s in range(1, _CURVE_STEPS + 1):
                    t = s / _CURVE_STEPS
                    u = 1 - t
                    cur.append(
                        (
                            u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                            u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
                        )
                    )
            elif cmd == "A":
                vals = nums(7)
                cur.append((vals[5], vals[6]))
            elif cmd == "C":
                if len(cur) > 1:
                    out.append(cur)
                cur = []
            else:
                continue
        except ValueError:
            break
    if len(cur) > 1:
        out.append(cur)
    return out


def _transform(obj: Any, scale: float) -> Any:
    """Object coordinates → page pixels (CTM, then the boundary's origin, then mm → px)."""
    bx, by = (_floats(obj.get("Boundary"), 2) or [0.0, 0.0])[:2]
    ctm = _floats(obj.get("CTM"), 6) or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    a, b, c, d, e, f = ctm[:6]

    def apply(x: float, y: float) -> tuple[float, float]:
        return ((a * x + c * y + e + bx) * scale, (b * x + d * y + f + by) * scale)

    return apply


def render_page(root: Any, width_mm: float, height_mm: float, dpi: int, images: dict[str, Any]) -> Any:
    """A greyscale PIL image of the page's paths and images.

    Args:
        root: the page's ``Content.xml`` root.
        width_mm: page width.
        height_mm: page height.
        dpi: resolution.
        images: resource id → a function giving the decoded PIL image (pixels already checked).
    """
    from PIL import Image, ImageChops, ImageDraw

    scale = dpi / 25.4
    page = Image.new("1", (max(int(width_mm * scale), 1), max(int(height_mm * scale), 1)), 0)
    draw = ImageDraw.Draw(page)
    budget = MAX_COMMANDS
    for obj in root.iter():
        tag = local(obj.tag)
        if tag == "ImageObject" and obj.get("ResourceID") in images:
            box = _floats(obj.get("Boundary"), 4)
            if not box:
                continue
            img = images[obj.get("ResourceID")]().convert("L")
            w, h = max(int(box[2] * scale), 1), max(int(box[3] * scale), 1)
            ink = img.resize((w, h)).point(lambda v: 255 if v < 128 else 0).convert("1")
            page.paste(1, (int(box[0] * scale), int(box[1] * scale)), ink)
            continue
        if tag != "PathObject":
            continue
        data = next((c.text for c in obj if local(c.tag) == "AbbreviatedData"), None) or ""
        budget -= data.count(" ")
        if budget < 0:
            break
        apply = _transform(obj, scale)
        polys = [[apply(x, y) for x, y in sp] for sp in subpaths(data)]
        if not polys:
            continue
        if (obj.get("Fill") or "false").lower() == "true":
            xs = [p[0] for poly in polys for p in poly]
            ys = [p[1] for poly in polys for p in poly]
            x0, y0 = int(min(xs)), int(min(ys))
            w, h = int(max(xs)) - x0 + 2, int(max(ys)) - y0 + 2
            if len(polys) == 1 or w * h * len(polys) > 20_000_000:  # even-odd would be slow: plain fill
                for poly in polys:
                    draw.polygon(poly, fill=1)
                continue
            mask = Image.new("1", (w, h), 0)
            for poly in polys:  # even-odd: a counter inside a glyph is drawn twice and stays white
                one = Image.new("1", (w, h), 0)
                ImageDraw.Draw(one).polygon([(x - x0, y - y0) for x, y in poly], fill=1)
                mask = ImageChops.logical_xor(mask, one)
            page.paste(1, (x0, y0), mask)
        elif (obj.get("Stroke") or "true").lower() == "true":
            for poly in polys:
                draw.line(poly, fill=1, width=1)
    return ImageChops.invert(page.convert("L"))
