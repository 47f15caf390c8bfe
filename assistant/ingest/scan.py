"""Scanned documents: page images (.png/.jpg/.tif) and PDF/OFD pages without text, recognised offline.

Every page is checked against the bounds of :mod:`assistant.ingest.ocr_limits` before it is
decoded or rendered (pixels, pages to recognise). PDF pages are rendered with pypdfium2
(Apache-2.0/BSD). Progress (pages done / pages to do) goes to a hook: a bar on the terminal when
parsing in-process, messages to the parent when parsing in the worker (which bounds each page's
and the file's time with them).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.ingest.errors import IngestError, ParseMemoryError
from assistant.ingest.ocr_limits import OcrLimits, check_ocr_pages, check_pixels

IMAGE_EXTS = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}

#: ``hook(done, total, name)`` called before the first page and after each recognised page.
ProgressHook = Callable[[int, int, str], None]
_HOOK: ProgressHook | None = None
#: Set once this process raised its memory limit for the recogniser (the worker restarts after the file).
state = {"memory_raised": False}


def set_progress_hook(hook: ProgressHook | None) -> None:
    """Route page progress to ``hook`` (``None``: a terminal bar)."""
    global _HOOK
    _HOOK = hook


@dataclass
class ScanInfo:
    """What recognition did to one file: pages recognised and the confidence of each box."""

    pages: int = 0
    scores: list[float] = field(default_factory=list)

    def meta(self) -> dict[str, Any]:
        """``{"ocr": True, "ocr_pages": n, "ocr_confidence": mean}`` (empty when nothing was recognised)."""
        if not self.pages:
            return {}
        mean = sum(self.scores) / len(self.scores) if self.scores else 0.0
        return {"ocr": True, "ocr_pages": self.pages, "ocr_confidence": round(mean, 4)}


def _raise_memory(mb: int) -> None:
    """Let this process use ``mb`` of address space for the recogniser (only ever raises the limit)."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = int(mb) * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        if soft != resource.RLIM_INFINITY and soft < cap:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
            state["memory_raised"] = True
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on Linux
        pass


class _Progress:
    def __init__(self, total: int, name: str) -> None:
        self.total, self.name, self.done = total, name, 0
        self.bar = None
        if _HOOK is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=f"文字识别 {name}", unit="页", file=sys.stderr, disable=None)
        else:
            _HOOK(0, total, name)

    def step(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif _HOOK is not None:
            _HOOK(self.done, self.total, self.name)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def recognise_pages(
    path: Path, pages: Iterable[tuple[int, Callable[[], Any]]], total: int, limits: OcrLimits
) -> tuple[dict[int, list[str]], ScanInfo]:
    """Recognise pages one at a time.

    Args:
        path: the file (for messages and the progress bar).
        pages: ``(page number, render)`` pairs; ``render()`` gives the PIL image (pixels checked).
        total: how many pages there are to recognise.
        limits: the bounds.

    Returns:
        Paragraphs by page number, and the recognition info.
    """
    from assistant.ingest.ocr import OcrUnavailable, recognise

    check_ocr_pages(path, total, limits)
    _raise_memory(limits.memory_mb)
    info = ScanInfo()
    out: dict[int, list[str]] = {}
    progress = _Progress(total, Path(path).name)
    try:
        for number, render in pages:
            image = render()
            try:
                page = recognise(image, limits)
            except OcrUnavailable as exc:
                raise IngestError(path, f"{exc}，无法识别扫描页") from exc
            finally:
                image.close()
            out[number] = page.paragraphs
            info.pages += 1
            info.scores.extend(page.scores)
            progress.step()
    except MemoryError as exc:
        raise ParseMemoryError(path, "文字识别时内存不足") from exc
    finally:
        progress.close()
    return out, info


def open_image(source: Any) -> Any:
    """Open an image lazily (header only).

    Sizes are checked by :func:`check_pixels` before decoding, with the size in the message, so
    PIL's own decompression-bomb refusal (which names no size) is off while opening.
    """
    from PIL import Image

    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        return Image.open(source)
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def read_image(path: Path, limits: OcrLimits) -> tuple[str, ScanInfo]:
    """Recognise a page image (.png/.jpg/.tif; every frame of a multi-page TIFF is a page).

    Raises:
        IngestError: not an image, too many pages or pixels, or no text found.
    """
    from PIL import UnidentifiedImageError

    try:
        img = open_image(path)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise IngestError(path, "图片已损坏或不是可识别的图片格式") from exc
    with img:
        n = int(getattr(img, "n_frames", 1) or 1)
        check_ocr_pages(path, n, limits)

        def frames() -> Iterable[tuple[int, Callable[[], Any]]]:
            for k in range(n):
                img.seek(k)
                check_pixels(path, img.width, img.height, limits, k + 1 if n > 1 else None)

                def render(frame: Any = img) -> Any:
                    try:
                        return frame.convert("RGB")
                    except (OSError, ValueError, SyntaxError) as exc:
                        raise IngestError(path, f"图片数据已损坏，无法解码（{type(exc).__name__}）") from exc

                yield k + 1, render

        by_page, info = recognise_pages(path, frames(), n, limits)
    text = "\n".join(p for k in sorted(by_page) for p in by_page[k])
    if not text.strip():
        raise IngestError(path, "图片中没有识别出文字")
    return text, info


def pdf_image_sizes(page: Any) -> Iterable[tuple[int, int]]:
    """Declared sizes of the images a pypdf page draws (read from the dictionaries, nothing decoded)."""
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if resources else None
        xobjects = xobjects.get_object() if xobjects is not None else {}
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                yield int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
    except (AttributeError, TypeError, ValueError, KeyError):
        return


def ocr_pdf_pages(
    path: Path, reader: Any, numbers: list[int], limits: OcrLimits
) -> tuple[dict[int, list[str]], ScanInfo]:
    """Render and recognise the given pages of a PDF (1-based numbers).

    Args:
        path: the file.
        reader: the open :class:`pypdf.PdfReader` (used to check the pages' image sizes first).
        numbers: the pages without text.
        limits: the bounds.
    """
    check_ocr_pages(path, len(numbers), limits)
    for number in numbers:
        for w, h in pdf_image_sizes(reader.pages[number - 1]):
            check_pixels(path, w, h, limits, number)
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:
        raise IngestError(path, "识别扫描页需要安装 pypdfium2（pip install pypdfium2）") from exc
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise IngestError(path, f"PDF 无法渲染（{exc}）") from exc

    def pages() -> Iterable[tuple[int, Callable[[], Any]]]:
        for number in numbers:

            def render(number: int = number) -> Any:
                page = pdf[number - 1]
                w_pt, h_pt = page.get_size()
                scale = limits.dpi / 72.0
                pixels = w_pt * h_pt * scale * scale
                if pixels > limits.max_page_pixels:  # a large-format page: render smaller, never larger
                    scale *= (limits.max_page_pixels / pixels) ** 0.5
                bitmap = page.render(scale=scale, grayscale=True)
                try:
                    return bitmap.to_pil().copy()
                finally:
                    page.close()

            yield number, render

    try:
        return recognise_pages(path, pages(), len(numbers), limits)
    finally:
        pdf.close()
