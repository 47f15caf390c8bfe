"""Offline text recognition of page images, and the rebuilding of lines and paragraphs from boxes.

The recogniser is RapidOCR (PP-OCR detection and recognition models on ONNX Runtime); its wheel
ships the models, so nothing is downloaded at run time. Boxes become lines (boxes whose vertical
extents overlap, ordered left to right) and lines become paragraphs (a new paragraph at an
indent, after a short line, after a wide vertical gap, or at a heading number such as 一、/（一）),
so the structure parser finds the headings as in a born-digital file.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from assistant.ingest.ocr_limits import OcrLimits

_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\([一二三四五六七八九十百]+\)|第[一二三四五六七八九十百]+[章节部分条])"
)
_END = "。！？：；”’）)」》"

_HALF_TO_FULL = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

_ENGINES: dict[int, Any] = {}
_ENGINE_LOCK = threading.Lock()


class OcrUnavailable(RuntimeError):
    """The recogniser is not installed (the message says what to install)."""


def engine(threads: int = 2) -> Any:
    """The process-wide RapidOCR engine (loaded once; ``threads`` ONNX Runtime threads)."""
    with _ENGINE_LOCK:
        eng = _ENGINES.get(threads)
        if eng is None:
            try:
                from rapidocr import RapidOCR
            except ImportError as exc:
                raise OcrUnavailable("未安装文字识别组件 rapidocr（pip install rapidocr）") from exc
            import logging

            eng = RapidOCR(
                params={
                    "Global.log_level": "error",
                    "Global.use_cls": False,  # lines of a report are upright; the 180° check flips some
                    "EngineConfig.onnxruntime.intra_op_num_threads": int(threads),
                    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                }
            )
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            _ENGINES[threads] = eng
        return eng


@dataclass
class Box:
    """One recognised text box: its bounding rectangle, text and confidence."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


@dataclass
class Line:
    """Boxes on one line, left to right."""

    boxes: list[Box] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(b.x0 for b in self.boxes)

    @property
    def x1(self) -> float:
        return max(b.x1 for b in self.boxes)

    @property
    def y0(self) -> float:
        return min(b.y0 for b in self.boxes)

    @property
    def y1(self) -> float:
        return max(b.y1 for b in self.boxes)

    @property
    def height(self) -> float:
        return sorted(b.height for b in self.boxes)[len(self.boxes) // 2]

    def text(self) -> str:
        out = ""
        prev: Box | None = None
        for b in self.boxes:
            if prev is not None and b.x0 - prev.x1 > 1.5 * b.height:
                out += "\t" if b.x0 - prev.x1 > 3 * b.height else " "
            out += b.text
            prev = b
        return out.strip()


@dataclass
class PageText:
    """The text of one recognised page."""

    paragraphs: list[str]
    scores: list[float]  # one per box
    chars: int = 0


def fullwidth_punctuation(text: str) -> str:
    """Half-width ``( ) , : ; ? !`` next to a Chinese character become full-width (a common OCR slip).

    ``(一）`` → ``（一）``, ``工作,推进`` → ``工作，推进``; ``(1)`` and ``3:2`` between digits stay.
    """
    chars = list(text)
    for k, ch in enumerate(chars):
        full = _HALF_TO_FULL.get(ch)
        if full is None:
            continue
        before = chars[k - 1] if k > 0 else ""
        after = chars[k + 1] if k + 1 < len(chars) else ""
        if _CJK.match(before or " ") or _CJK.match(after or " "):
            chars[k] = full
    return "".join(chars)


_LOST_DUNHAO = re.compile(r"^([一二三四五六七八九十]{1,3})(?=[0-9０-９])")


def repair_heading(paragraph: str) -> str:
    """``一2023年度履职情况`` → ``一、2023年度履职情况``: a small 、 is often lost after a heading number,
    and a Chinese numeral directly followed by a digit is never written."""
    return _LOST_DUNHAO.sub(r"\1、", paragraph)


def boxes_from_result(result: Any) -> list[Box]:
    """RapidOCR's output as :class:`Box` items (empty when nothing was found)."""
    if result is None or getattr(result, "boxes", None) is None:
        return []
    out = []
    for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=False):
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        if text and text.strip():
            out.append(
                Box(min(xs), min(ys), max(xs), max(ys), fullwidth_punctuation(text.strip()), float(score))
            )
    return out


def group_lines(boxes: list[Box]) -> list[Line]:
    """Boxes grouped into lines: a box joins a line its vertical extent overlaps by half its height."""
    lines: list[Line] = []
    for box in sorted(boxes, key=lambda b: (b.y0 + b.y1) / 2):
        best, best_overlap = None, 0.0
        for line in lines[-3:]:
            overlap = min(line.y1, box.y1) - max(line.y0, box.y0)
            share = overlap / min(box.height, line.height)
            if share > 0.5 and share > best_overlap:
                best, best_overlap = line, share
        if best is None:
            lines.append(Line([box]))
        else:
            best.boxes.append(box)
    for line in lines:
        line.boxes.sort(key=lambda b: b.x0)
    lines.sort(key=lambda ln: ln.y0)
    return lines


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def paragraphs_from_lines(lines: list[Line]) -> list[str]:
    """Join wrapped lines into paragraphs.

    A line starts a new paragraph when it is indented (by more than one character), when it is a
    heading (一、 （一） 第一章), when the line before it ended well short of the right margin, or
    when the gap above it is much wider than the usual line spacing. A table row (a line holding
    a wide gap between boxes) stays a line of its own.
    """
    if not lines:
        return []
    char = _percentile([ln.height for ln in lines], 0.5)
    left = _percentile([ln.x0 for ln in lines], 0.1)
    right = _percentile([ln.x1 for ln in lines], 0.9)
    gaps = [b.y0 - a.y1 for a, b in zip(lines, lines[1:], strict=False)]
    usual_gap = _percentile(gaps, 0.5) if gaps else char
    paragraphs: list[str] = []
    prev: Line | None = None
    prev_text = ""
    for line in lines:
        text = line.text()
        if not text:
            continue
        new = (
            prev is None
            or line.x0 - left > 1.0 * char
            or bool(_HEADING.match(text))
            or prev.x1 < right - 1.5 * char
            or line.y0 - prev.y1 > usual_gap + 1.2 * char
            or "\t" in text
            or "\t" in prev_text
            or (prev_text.endswith(tuple(_END)) and prev.x1 < right - 0.5 * char)
        )
        if new:
            paragraphs.append(text)
        else:
            paragraphs[-1] += text
        prev, prev_text = line, text
    return paragraphs


def recognise(image: Any, limits: OcrLimits) -> PageText:
    """Recognise one page image (a PIL image, already checked against the pixel limit).

    Args:
        image: the page.
        limits: OCR bounds (threads).

    Returns:
        Its paragraphs and the confidence of every box.
    """
    import numpy as np

    arr = np.asarray(image.convert("RGB"))
    result = engine(limits.threads)(arr)
    boxes = boxes_from_result(result)
    paragraphs = [repair_heading(p) for p in paragraphs_from_lines(group_lines(boxes))]
    return PageText(paragraphs, [b.score for b in boxes], sum(len(b.text) for b in boxes))
