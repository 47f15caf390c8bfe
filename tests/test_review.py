"""Review in Word: a whole draft's .docx carries comments naming each sentence's source (by the
document's title in the index), each marker's task and each figure's table row; the appendix
only on request; search/ask/draft JSON name documents by title. Rendered through LibreOffice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.draft.report import DraftRequest, draft_report
from assistant.draft.tables.metrics import read_metrics
from assistant.export.save import draft_public, save_draft
from assistant.lang.markers import MARKER_RE

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FULL = """指标,数值,单位,备注,章节
普法宣传活动,23,场次,,
普法覆盖人次,5600,人次,,
发放宣传资料,3000余,份,,
中心组集中学习,8,次,,
聘请法律顾问,2,人,,
警示教育,4,次,,
"""
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _titles(settings) -> dict[str, str]:
    from assistant.index.indexer import info

    return {d["doc_id"]: d["title"] for d in info(settings)["documents"]}


def comment_anchors(path: Path) -> list[tuple[str, str]]:
    """(anchored text, comment text) for every comment of a .docx, in document order."""
    import docx

    doc = docx.Document(str(path))
    notes = {str(c.comment_id): c.text for c in doc.comments}
    open_ids: dict[str, list[str]] = {}
    done: list[tuple[str, str]] = []
    for el in doc.element.body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            cid = el.get(W + "id")
            done.append(("".join(open_ids.pop(cid, [])), notes[cid]))
        elif el.tag == W + "t" and el.text:
            for parts in open_ids.values():
                parts.append(el.text)
    return done


@pytest.fixture(scope="module")
def whole(sample_settings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    (folder / "m.csv").write_text(FULL, encoding="utf-8")
    # a township: the samples hold reports of its kind, so its 问题/打算 items are reused word for word
    # (a body's items come only from reports of its own kind, issue 18 item 7)
    request = DraftRequest(
        genre="述法报告", rows=read_metrics(folder / "m.csv"), org="青山县红星镇党委", year=2024
    )
    draft = draft_report(request, sample_settings)
    path = save_draft(draft, request, folder / "述法报告.docx").path
    return draft, request, path, folder


def test_every_sentence_marker_and_figure_has_a_comment(whole, sample_settings):
    draft, _request, path, _ = whole
    titles = set(_titles(sample_settings).values())
    anchors = comment_anchors(path)
    by_text: dict[str, list[str]] = {}
    for text, note in anchors:
        by_text.setdefault(text, []).append(note)
    spans = [s for sd in draft.sections for p in sd.paragraphs for s in p.spans]
    reused = [s for s in spans if s.source is not None]
    assert (
        len(reused) >= 15
        and any(s.kind == "adapted" for s in reused)
        and any(s.kind == "reused" for s in reused)
    )
    for span in reused:
        notes = by_text.get(span.text, [])
        assert notes, f"no comment on: {span.text}"
        note = notes[0]
        assert note.startswith("来源：" if span.kind == "reused" else "改写自："), note
        title = note.split("：", 1)[1].split(" · ", 1)[0]
        assert title in titles, f"{title!r} is not a document title of the index"
        if span.kind == "adapted":
            assert "原句：" + span.source.text in note
    body = "\n".join(p.text for p in __import__("docx").Document(str(path)).paragraphs)
    markers = MARKER_RE.findall(body)
    marker_notes = [note for text, note in anchors if MARKER_RE.fullmatch(text)]
    assert markers and len(marker_notes) == len(markers)
    for text, note in anchors:
        if not MARKER_RE.fullmatch(text):
            continue
        if text.startswith("【待补充"):
            assert note.startswith("待补充：请填写“" + text[5:-1]), note
        elif text == "【待确认】":
            assert note.startswith("待确认：")
    for value, row in (("23场次", 2), ("5600人次", 3), ("3000余份", 4), ("2人", 6)):
        assert any(text == value and f"指标表第{row}行" in note for text, note in anchors), value
    assert {c.author for c in __import__("docx").Document(str(path)).comments} == {"公文起草助手"}


def test_report_alone_by_default_appendix_on_request(whole, tmp_path):
    import docx

    draft, request, path, _ = whole
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "附：" not in text and text.rstrip().endswith(draft.signature[-1].strip() or "日")
    with_appendix = save_draft(draft, request, tmp_path / "附录.docx", appendix=True).path
    paras = docx.Document(str(with_appendix)).paragraphs
    heads = [p.text for p in paras if p.text.startswith("附：")]
    assert heads[:3] == ["附：待补充数据清单", "附：未使用的数据", "附：材料来源"]
    first = next(p for p in paras if p.text == "附：待补充数据清单")
    assert first._element.pPr.find(W + "pageBreakBefore") is not None
    md = save_draft(draft, request, tmp_path / "草稿.md").path.read_text(encoding="utf-8")
    assert "## 附：待补充数据清单" in md and "## 附：材料来源" in md


def test_cli_appendix_flag(sample_settings, whole, tmp_path, capsys):
    import docx

    _, _, _, folder = whole
    index = ["--index", str(sample_settings.index_dir)]
    for flag, expected in (([], False), (["--appendix"], True)):
        out = tmp_path / f"cli{len(flag)}.docx"
        assert (
            main(
                [
                    "draft",
                    "--genre",
                    "述法报告",
                    "--metrics",
                    str(folder / "m.csv"),
                    "--org",
                    "青山县司法局",
                    "--year",
                    "2024",
                    "-o",
                    str(out),
                    *flag,
                    *index,
                ]
            )
            == 0
        )
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert ("附：材料来源" in text) is expected
        assert comment_anchors(out)
    capsys.readouterr()


def test_json_carries_titles(sample_settings, whole, capsys):
    titles = _titles(sample_settings)
    index = ["--index", str(sample_settings.index_dir)]
    assert main(["search", "聘请法律顾问 合法性审查", "--k", "5", "--json", *index]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all(h["title"] == titles[h["doc"]] for h in hits)
    assert "党员干部2023年度述法报告" in {h["title"] for h in hits}
    assert main(["ask", "帮我写一段普法宣传的内容，今年开展23场", "--year", "2024", "--json", *index]) == 0
    cites = json.loads(capsys.readouterr().out)["citations"]
    assert cites and all(c["title"] == titles[c["doc"]] for c in cites)
    sources = draft_public(whole[0])["sources"]
    assert sources and all(s["title"] == titles[s["doc"]] for s in sources)


def test_rendered_pdf_shows_comments(whole, sample_settings):
    from render_docx import missing_tools, pdf_to_png

    if missing_tools() or not __import__("shutil").which("pdftotext"):
        pytest.skip("rendering tools not installed")
    import subprocess

    import pypdf

    draft, _, path, _ = whole
    target = ARTIFACTS / "review"
    target.mkdir(parents=True, exist_ok=True)
    source = target / "review.docx"
    source.write_bytes(path.read_bytes())
    pdf = docx_to_pdf_with_comments(source, target)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "履行推进法治建设第一责任人职责情况报告" in re.sub(r"\s+", "", text)
    assert "附：" not in text
    notes = [
        str(a.get_object().get("/Contents") or "")
        for page in pypdf.PdfReader(str(pdf)).pages
        for a in page.get("/Annots") or []
        if a.get_object().get("/Subtype") == "/Text"
    ]
    in_margin = "来源：" in text  # LibreOffice ≥ 7.5 prints comments in the margin; 7.4 keeps them as notes
    notes_text = text if in_margin else "\n".join(notes)
    assert len(comment_anchors(path)) == (len(notes) if notes else len(comment_anchors(path)))
    titles = set(_titles(sample_settings).values())
    assert any(f"来源：{title}" in notes_text for title in titles)
    assert "待补充：请填写" in notes_text and "来自指标表第2行" in notes_text
    assert pdf_to_png(pdf, 1).exists()


def docx_to_pdf_with_comments(docx: Path, outdir: Path) -> Path:
    """LibreOffice → PDF with the comments exported (in the margin where the version supports it)."""
    import subprocess
    import tempfile

    options = '{"ExportNotes":{"type":"boolean","value":"true"},"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                f"pdf:writer_pdf_Export:{options}",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return outdir / (docx.stem + ".pdf")


def test_derived_figures_carry_their_formula(tmp_path, capsys):
    import csv

    from assistant.draft.base.reader import metrics_table, read_base
    from tests.conftest import seed_file
    from tests.test_base_report import THIS_YEAR

    records = metrics_table(read_base(seed_file("001")))
    for rec in records:
        rec["数值"] = THIS_YEAR.get(rec["指标"]) or ""
    table = tmp_path / "figures.csv"
    with table.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    out = tmp_path / "base.docx"
    assert (
        main(
            [
                "draft",
                "--base",
                str(seed_file("001")),
                "--metrics",
                str(table),
                "--org",
                "某某乡党委",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    capsys.readouterr()
    anchors = comment_anchors(out)
    # a percentage from a base of 10 or more carries its formula (11 → 15) ...
    assert any(text == "36.4%" and "36.4% = 4 ÷ 11" in note for text, note in anchors)
    # ... a small base (8 → 11) is compared by the difference alone, with no percentage
    assert any(text == "3次" and "3 = 11 − 8" in note for text, note in anchors)
    assert not any("÷ 8" in note for _, note in anchors)
    assert sum(note.startswith("推算数据") for _, note in anchors) >= 15
    assert any(note.startswith("待补充：") for _, note in anchors)


def test_review_list_covers_markers_and_adapted_sentences_with_anchors(whole):
    from assistant.ui import review

    draft = whole[0]
    items = review.review_items(draft)
    markdown = draft_public(draft)["markdown"]
    body = markdown.split("\n---\n")[0]
    assert sum(i.kind in ("missing", "confirm", "verify") for i in items) == len(MARKER_RE.findall(body))
    from assistant.draft.compose.provenance import needs_note

    adapted = [
        s
        for sd in draft.sections
        for p in sd.paragraphs
        for s in p.spans
        if s.kind in ("adapted", "own") and needs_note(s)
    ]
    assert sum(i.kind in ("adapted", "own") for i in items) == len(adapted) > 0
    view, placed = review.anchored_markdown(markdown, items)
    assert all(placed)
    for n, item in enumerate(items):  # each anchor sits right before its entry's text
        at = view.index(f'data-rv="{n}"></span>')
        following = re.sub(r"<[^>]+>", "", view[at + len(f'data-rv="{n}"></span>') :])
        assert following.startswith(item.needle[:6]), (item, following[:20])
    page = review.review_html(items, placed)
    assert page.count('class="rv-item') == len(items) and "改写自：" in page
    hostile = review.anchored_markdown(
        "<script>x</script>【待确认】", [review.ReviewItem("confirm", "", "【待确认】", "", "【待确认】")]
    )[0]
    assert "<script>" not in hostile and 'data-rv="0"' in hostile
