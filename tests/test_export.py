"""Markdown and GB/T 9704-2012 .docx export: real files written, read back with python-docx, rendered."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from assistant.export import MARKER_RE, export_docx, export_markdown, format_date_cn
from assistant.export.docx import title_lines
from assistant.lang.numbering import split_heading
from assistant.types import Draft, Paragraph, SectionDraft, Source

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
RUN_IN_HEAD = "（一）法治建设第一责任人职责落实还有差距。"
RUN_IN_BODY = (
    "在统筹推进本部门法治建设工作中，对下属单位履职情况的督促检查还不够经常，压力传导存在层层递减现象。"
)


def _src(doc: str, *section: str) -> Source:
    return Source(doc=doc, section=list(section), text="")


def make_draft() -> Draft:
    """A 述法报告 draft written by hand, shaped like the drafter's output."""
    study = Paragraph(
        text=(
            "本人坚持把学习贯彻习近平法治思想作为首要政治任务，带头参加党组理论学习中心组专题学法，"
            "全年组织开展普法宣传【待补充：普法宣传场次】场次，推动“八五”普法各项任务落地见效。"
            "严格落实领导干部学法用法制度，会前学法实现常态化，班子成员法治意识明显增强。"
        ),
        sources=[_src("001_述法报告", "一、2023年度履职情况", "（一）学习贯彻习近平法治思想情况")],
    )
    lead = Paragraph(
        text=(
            "坚持把法治建设纳入全局工作统筹谋划，与业务工作同部署、同推进、同考核。"
            "全年召开党组会议专题研究法治建设工作，听取法治政府建设情况汇报，及时研究解决重大问题。"
        ),
        heading="1.健全法治建设工作机制",
        heading_level=3,
        sources=[
            _src("001_述法报告", "一、2023年度履职情况", "（二）加强组织领导情况"),
            _src("003_述职报告", "二、强化组织领导"),
        ],
    )
    return Draft(
        title="××县司法局党组书记、局长2023年度述法报告",
        genre="述法报告",
        org="××县司法局",
        year=2023,
        opening=(
            "2023年，本人深入学习贯彻习近平法治思想，认真履行推进法治建设第一责任人职责。"
            "现将本人2023年度履行推进法治建设第一责任人职责情况报告如下："
        ),
        sections=[
            SectionDraft(key="duty", title="一、履职情况", level=1),
            SectionDraft(
                key="duty.study", title="（一）学习贯彻习近平法治思想情况", level=2, paragraphs=[study]
            ),
            SectionDraft(key="duty.lead", title="（二）加强组织领导情况", level=2, paragraphs=[lead]),
            SectionDraft(
                key="problems",
                title="二、存在问题",
                level=1,
                paragraphs=[
                    Paragraph(
                        text=RUN_IN_HEAD + RUN_IN_BODY,
                        run_in=True,
                        heading_level=2,
                        sources=[
                            _src(
                                "001_述法报告",
                                "二、存在问题和不足",
                                "（一）法治建设第一责任人职责落实还有差距",
                            )
                        ],
                    ),
                    Paragraph(
                        text="（二）依法决策水平有待提升。合法性审查工作的规范化程度还不够高【待确认】。",
                        run_in=True,
                    ),
                ],
            ),
            SectionDraft(
                key="plans",
                title="三、下一步打算",
                level=1,
                paragraphs=[
                    Paragraph(
                        text="持续深化习近平法治思想学习，把学法用法融入日常工作，切实提高运用法治思维的能力。",
                        heading="（一）持续抓好学习贯彻",
                        run_in=True,
                    ),
                    Paragraph(
                        text="（二）压紧压实工作责任。定期听取下属单位法治建设情况汇报【待核实】。",
                        run_in=True,
                    ),
                ],
            ),
        ],
        closing="特此报告。",
        signature=["××县司法局党组书记、局长  张某", "2024-03-05"],
        missing=["普法宣传场次"],
        unused=["法律顾问人数：3人"],
    )


# ---------------------------------------------------------------------------- helpers


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _east_asia(run) -> str | None:
    rpr = run._element.rPr
    return None if rpr is None or rpr.rFonts is None else rpr.rFonts.get(_qn("w:eastAsia"))


def _para(doc, startswith: str):
    matches = [p for p in doc.paragraphs if p.text.startswith(startswith)]
    assert matches, f"no paragraph starting with {startswith!r}"
    return matches[0]


def _assert_body_para(para) -> None:
    """First-line indent of two characters, justified, exact 28 pt lines."""
    from docx.enum.text import WD_LINE_SPACING

    fmt = para.paragraph_format
    assert fmt.first_line_indent.twips == 640
    assert para._element.pPr.ind.get(_qn("w:firstLineChars")) == "200"
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing.pt == pytest.approx(28)
    for run in para.runs:
        assert run.font.size.pt == 16
        assert run.font.bold is False
        assert run.font.name == "Times New Roman"


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory) -> Path:
    return export_docx(make_draft(), tmp_path_factory.mktemp("export") / "述法报告.docx", appendix=True)


@pytest.fixture(scope="module")
def document(docx_path):
    import docx

    return docx.Document(str(docx_path))


# ---------------------------------------------------------------------------- pure helpers


def test_helpers():
    assert split_heading(RUN_IN_HEAD + RUN_IN_BODY) == (RUN_IN_HEAD, RUN_IN_BODY)
    assert split_heading("1.突出关键少数。落实制度。") == ("1.突出关键少数。", "落实制度。")
    assert format_date_cn("2024-03-05") == "2024年3月5日"
    assert format_date_cn("2024年03月05日") == "2024年3月5日"
    assert format_date_cn("张某") == "张某"
    assert title_lines("2023年度述法报告") == ["2023年度述法报告"]
    assert title_lines("某某市某某区人民政府关于2023年度法治政府建设情况的报告") == [
        "某某市某某区人民政府关于",
        "2023年度法治政府建设情况的报告",
    ]
    assert title_lines("第一行\n第二行") == ["第一行", "第二行"]
    found = MARKER_RE.findall("开展【待补充：普法宣传场次】场次【待确认】【待核实】【注】")
    assert found == ["【待补充：普法宣传场次】", "【待确认】", "【待核实】"]


# ---------------------------------------------------------------------------- Markdown


def test_markdown():
    md = export_markdown(make_draft())
    body, _, appendix = md.partition("\n---\n")
    assert md.startswith("# ××县司法局党组书记、局长2023年度述法报告\n")
    order = [
        "## 一、履职情况",
        "### （一）学习贯彻习近平法治思想情况",
        "### （二）加强组织领导情况",
        "#### 1.健全法治建设工作机制",
        "## 二、存在问题",
        f"**{RUN_IN_HEAD}**{RUN_IN_BODY}",
        "**（二）依法决策水平有待提升。**合法性审查",
        "## 三、下一步打算",
        "**（一）持续抓好学习贯彻。**持续深化",
        "特此报告。",
        "2024年3月5日",
    ]
    positions = [body.find(item) for item in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    assert "【待补充：普法宣传场次】" in body and "【待确认】" in body and "【待核实】" in body
    # a run-in section title is not repeated as a separate heading
    assert body.count("（一）法治建设第一责任人职责落实还有差距") == 1
    # appendices only after the rule
    for title in ("待补充数据清单", "未使用的数据", "来源"):
        assert title in appendix and title not in body
    assert "1. 普法宣传场次" in appendix
    assert "1. 法律顾问人数：3人" in appendix
    assert "001_述法报告 > 一、2023年度履职情况 > （一）学习贯彻习近平法治思想情况" in appendix
    assert (
        "001_述法报告 > 一、2023年度履职情况 > （二）加强组织领导情况；003_述职报告 > 二、强化组织领导"
        in appendix
    )
    assert "---" not in export_markdown(make_draft(), appendix=False)


# ---------------------------------------------------------------------------- .docx


def test_docx_page_setup(document, docx_path):
    assert docx_path.exists() and not list(docx_path.parent.glob("*.tmp"))
    section = document.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    for name, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        assert getattr(section, f"{name}_margin").mm == pytest.approx(mm, abs=0.5)
    assert document.settings.odd_and_even_pages_header_footer
    assert document.settings.element.find(_qn("w:evenAndOddHeaders")) is not None
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(_qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.font.size.pt == 16


def test_docx_title(document):
    # too long for one line of 二号: broken before the year, long line over short line (梯形)
    lines = document.paragraphs[:2]
    assert [p.text for p in lines] == ["××县司法局党组书记、局长", "2023年度述法报告"]
    for title in lines:
        assert title.alignment == 1  # centre
        assert title.paragraph_format.first_line_indent.twips == 0
        for run in title.runs:
            assert _east_asia(run) == "方正小标宋简体"
            assert run.font.size.pt == 22
            assert run.font.bold is False
    assert document.paragraphs[2].text == ""  # one blank line after the title
    assert document.paragraphs[3].text.startswith("2023年，本人")


def test_docx_body_and_headings(document):
    fonts = {
        "一、履职情况": "黑体",
        "二、存在问题": "黑体",
        "（一）学习贯彻习近平法治思想情况": "楷体_GB2312",
        "1.健全法治建设工作机制": "仿宋_GB2312",
    }
    for text, font in fonts.items():
        para = _para(document, text)
        assert para.text == text
        assert {_east_asia(r) for r in para.runs} == {font}
        _assert_body_para(para)
    body = _para(document, "本人坚持把学习贯彻")
    _assert_body_para(body)
    assert {_east_asia(r) for r in body.runs} == {"仿宋_GB2312"}
    assert body.alignment == 3  # justified


def test_docx_run_in_split(document):
    para = _para(document, RUN_IN_HEAD)
    assert para.text == RUN_IN_HEAD + RUN_IN_BODY
    assert [(r.text, _east_asia(r)) for r in para.runs] == [
        (RUN_IN_HEAD, "楷体_GB2312"),
        (RUN_IN_BODY, "仿宋_GB2312"),
    ]
    _assert_body_para(para)
    # the section title equal to the run-in heading is not repeated; separate heading= joins with 。
    assert sum(p.text.startswith("（一）法治建设第一责任人") for p in document.paragraphs) == 1
    joined = _para(document, "（一）持续抓好学习贯彻。")
    assert _east_asia(joined.runs[0]) == "楷体_GB2312" and joined.runs[0].text == "（一）持续抓好学习贯彻。"
    assert _east_asia(joined.runs[1]) == "仿宋_GB2312"


def test_docx_markers_highlighted(document):
    from docx.enum.text import WD_COLOR_INDEX

    markers = []
    for para in document.paragraphs:
        for run in para.runs:
            if MARKER_RE.search(run.text):
                assert MARKER_RE.fullmatch(run.text), run.text  # a marker is a run of its own
                assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW
                markers.append(run.text)
            else:
                assert run.font.highlight_color is None
    assert markers == ["【待补充：普法宣传场次】", "【待确认】", "【待核实】"]


def test_docx_signature(document):
    org, day = _para(document, "××县司法局党组书记、局长  张某"), _para(document, "2024年3")
    assert day.text == "2024年3月5日"
    for para in (org, day):
        assert para.alignment == 2  # right
        ind = para._element.pPr.ind
        assert ind.get(_qn("w:rightChars")) == "200" and para.paragraph_format.right_indent.twips == 640
        assert para.paragraph_format.first_line_indent.twips == 0


def test_docx_footer_page_numbers(document):
    section = document.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = footer._element.xml
        assert "PAGE" in "".join(t.text or "" for t in footer._element.iter(_qn("w:instrText")))
        assert len(list(footer._element.iter(_qn("w:fldChar")))) == 3
        para = footer.paragraphs[0]
        assert para.text.startswith("\u2014 ") and para.text.endswith(" \u2014")
        assert f'w:val="{align}"' in xml
        assert getattr(para.paragraph_format, f"{align}_indent").pt == pytest.approx(14)
        for run in para.runs:
            assert _east_asia(run) == "宋体" and run.font.size.pt == 14
    # number line ≈ 7 mm under the text block (35 mm bottom margin)
    assert 20 <= section.footer_distance.mm <= 25


def test_docx_appendix_after_page_break(document):
    paras = document.paragraphs
    breaks = [
        i
        for i, p in enumerate(paras)
        if p._element.pPr is not None and p._element.pPr.find(_qn("w:pageBreakBefore")) is not None
    ]
    assert len(breaks) == 1
    before, after = (
        "\n".join(p.text for p in paras[: breaks[0]]),
        "\n".join(p.text for p in paras[breaks[0] :]),
    )
    assert paras[breaks[0]].text == "附：待补充数据清单"
    assert before.rstrip().endswith("2024年3月5日")  # body ends with the signature
    for appendix_only in ("附：", "001_述法报告 >", "法律顾问人数：3人"):
        assert appendix_only not in before
    assert re.search(r"1\.普法宣传场次", after)
    assert "附：材料来源" in after and "附：未使用的数据" in after
    assert "001_述法报告 > 二、存在问题和不足 > （一）法治建设第一责任人职责落实还有差距" in after


def test_docx_without_appendix_and_atomic_write(tmp_path, monkeypatch):
    import docx
    from docx.document import Document

    path = export_docx(make_draft(), tmp_path / "plain.docx")  # the report alone by default
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "附：" not in text and text.rstrip().endswith("2024年3月5日")

    def broken_save(self, target):
        Path(target).write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(Document, "save", broken_save)
    with pytest.raises(OSError):
        export_docx(make_draft(), tmp_path / "broken.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.docx"]


# ---------------------------------------------------------------------------- rendering


def test_render_docx_to_png(docx_path):
    from render_docx import docx_to_pdf, missing_tools, pdf_pages, pdf_to_png

    missing = missing_tools()
    if missing:
        pytest.skip(f"rendering tools not installed: {', '.join(missing)}")
    from PIL import Image

    started = time.monotonic()
    target = ARTIFACTS / "export"
    source = target / "shufa.docx"
    target.mkdir(parents=True, exist_ok=True)
    source.write_bytes(docx_path.read_bytes())
    pdf = docx_to_pdf(source, target)
    pages = pdf_pages(pdf)
    assert pages >= 2  # body, then the appendix on its own page
    for page in range(1, pages + 1):
        png = pdf_to_png(pdf, page)
        assert png.exists()
        gray = Image.open(png).convert("L")
        dark = sum(gray.histogram()[:128])
        assert dark > 2000, f"page {page} looks blank ({dark} dark pixels)"
    print(f"rendered {pages} pages in {time.monotonic() - started:.1f}s → {target}")
