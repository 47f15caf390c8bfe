"""OCR of scanned pages: seconds a page, peak memory, character accuracy against the text layer.

For each of the five sample reports in ``corpus/``: a .docx of its paragraphs is printed to PDF by
LibreOffice (embedded CJK fonts, as an office prints it), each page is rendered by pypdfium2 at
``ocr_dpi`` (as a scan of the printout) and recognised by :mod:`assistant.ingest.ocr`; the result
is compared with the PDF's own text layer of the same page (pypdf). Without LibreOffice the pages
are drawn by ``tests/render_pages.py`` (Noto CJK) and compared with the drawn text.

Figures: seconds per page (recognition only; model load reported apart), peak resident memory of
this process, character recall (share of the reference's characters found in order) and
precision (share of the recognised characters that are in the reference), whitespace ignored,
and whether the sample's 一、/（一） headings are found in the recognised pages.

Usage: ``python bench/bench_ocr.py [--pages N] [--threads 2] [--dpi 200] [--json]``
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _matched(a: str, b: str) -> int:
    return sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def printed_pdf(text: str, folder: Path) -> Path | None:
    """The sample printed to PDF by LibreOffice (``None`` when it is not installed)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return None
    import docx
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.size = Pt(16)
    for line in text.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    src = folder / "report.docx"
    d.save(src)
    subprocess.run(
        [exe, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / "report.pdf"


def pages_of(text: str, folder: Path, dpi: int, max_pages: int | None) -> tuple[list, list[str], str]:
    """(page images, reference text of each page, how they were made)."""
    pdf = printed_pdf(text, folder)
    if pdf is None:
        from tests.render_pages import page_texts, render_pages

        return render_pages(text, max_pages), page_texts(text, max_pages), "render_pages"
    import pypdfium2 as pdfium
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    doc = pdfium.PdfDocument(str(pdf))
    images, refs = [], []
    for k in range(min(len(doc), max_pages or len(doc))):
        refs.append(reader.pages[k].extract_text() or "")
        page = doc[k]
        images.append(page.render(scale=dpi / 72, grayscale=True).to_pil().copy())
        page.close()
    doc.close()
    return images, refs, "LibreOffice PDF"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=None, help="pages per sample (default: all)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from assistant.ingest.cleaning import clean_text
    from assistant.ingest.ocr import engine, recognise
    from assistant.ingest.ocr_limits import OcrLimits
    from assistant.ingest.structure import parse_headings

    limits = OcrLimits(threads=args.threads, dpi=args.dpi)
    rss0 = _rss_mb()
    t = time.perf_counter()
    engine(args.threads)
    load_s = time.perf_counter() - t
    rows = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            images, refs, how = pages_of(text, Path(tmp), args.dpi, args.pages)
        ref_all = got_all = ""
        secs = cpu = 0.0
        conf: list[float] = []
        recognised = []
        for image, ref in zip(images, refs, strict=True):
            t, c = time.perf_counter(), time.process_time()
            page = recognise(image, limits)
            secs += time.perf_counter() - t
            cpu += time.process_time() - c
            conf.extend(page.scores)
            recognised.extend(page.paragraphs)
            ref_all += "".join(ref.split())
            got_all += "".join("".join(page.paragraphs).split())
        m = _matched(ref_all, got_all)
        want = {h.text for h in parse_headings(clean_text(text)[0]) if h.text[:1] in "一二三四五六七八九十（"}
        got = [h.text for h in parse_headings(clean_text("\n".join(recognised))[0])]
        seen_ref = "".join("".join(refs).split())
        want = {h for h in want if "".join(h.split())[:12] in seen_ref}
        found = {h for h in want if any(SequenceMatcher(None, h, g).ratio() >= 0.9 for g in got)}
        rows.append(
            {
                "sample": path.name[:3],
                "pages": len(images),
                "made_by": how,
                "s_per_page": round(secs / max(len(images), 1), 2),
                "recall": round(m / max(len(ref_all), 1), 4),
                "precision": round(m / max(len(got_all), 1), 4),
                "confidence": round(sum(conf) / max(len(conf), 1), 4),
                "cpu_s_per_page": round(cpu / max(len(images), 1), 2),
                "headings": f"{len(found)}/{len(want)}",
            }
        )
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    pages = sum(r["pages"] for r in rows)
    total = {
        "pages": pages,
        "model_load_s": round(load_s, 2),
        "s_per_page": round(sum(r["s_per_page"] * r["pages"] for r in rows) / max(pages, 1), 2),
        "cpu_s_per_page": round(sum(r["cpu_s_per_page"] * r["pages"] for r in rows) / max(pages, 1), 2),
        "headings": f"{sum(int(r['headings'].split('/')[0]) for r in rows)}/{sum(int(r['headings'].split('/')[1]) for r in rows)}",
        "recall": round(sum(r["recall"] * r["pages"] for r in rows) / max(pages, 1), 4),
        "precision": round(sum(r["precision"] * r["pages"] for r in rows) / max(pages, 1), 4),
        "peak_rss_mb": round(_rss_mb(), 0),
        "rss_before_mb": round(rss0, 0),
        "threads": args.threads,
        "dpi": args.dpi,
    }
    if args.json:
        print(json.dumps({"samples": rows, "total": total}, ensure_ascii=False))
    else:
        print("\n样本  页数  秒/页  CPU秒/页  召回率  精确率  置信度  标题")
        for r in rows:
            print(
                f"{r['sample']}   {r['pages']:>3}  {r['s_per_page']:>5}  {r['cpu_s_per_page']:>7}  {r['recall']:.4f}  "
                f"{r['precision']:.4f}  {r['confidence']:.4f}  {r['headings']}"
            )
        print(
            f"合计 {pages} 页：{total['s_per_page']} 秒/页，CPU {total['cpu_s_per_page']} 秒/页"
            f"（{args.threads} 线程，{args.dpi} dpi；模型加载 "
            f"{total['model_load_s']} 秒），召回率 {total['recall']:.4f}，精确率 {total['precision']:.4f}，"
            f"标题 {total['headings']}，峰值内存 {total['peak_rss_mb']:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
