"""The workbench's library and CLI: versions of one section, the audit of hand-edited text, the
project file. Real index of the five samples, real embedder."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from assistant.cli import main

METRICS = "指标,数值,单位\n普法宣传活动,23,场次\n法治培训,7,期\n"
# (genre, org, section) — three sections of two genres
SECTIONS = [
    ("述法报告", "某某镇党委", "普法"),
    ("述法报告", "某某镇党委", "学习贯彻习近平法治思想"),
    ("述法报告", "某某镇党委", "依法依规决策"),
    ("法治政府建设年度报告", "某某区人民政府", "普法"),
    ("法治政府建设年度报告", "某某区人民政府", "下一步"),
    ("法治政府建设年度报告", "某某区人民政府", "科学民主依法决策"),
]


@pytest.fixture()
def metrics_csv(tmp_path: Path) -> Path:
    path = tmp_path / "指标.csv"
    path.write_text(METRICS, encoding="utf-8")
    return path


@pytest.mark.parametrize(("genre", "org", "section"), SECTIONS)
def test_alternatives_come_from_different_reports_and_pass_the_audits(
    sample_settings, metrics_csv, capsys, genre, org, section
) -> None:
    argv = ["alternatives", "--genre", genre, "--section", section, "--org", org, "--year", "2024"]
    argv += ["--metrics", str(metrics_csv), "--index", str(sample_settings.index_dir), "--json"]
    assert main(argv) == 0
    versions = json.loads(capsys.readouterr().out)
    assert len(versions) >= 3, versions
    assert all(
        set(v) == {"text", "source_title", "source_section", "filled", "markers", "flags"} for v in versions
    )
    titles = [v["source_title"] for v in versions]
    assert len(set(titles)) == len(titles), titles  # each from a different report
    assert all(v["flags"] == [] for v in versions), [v["flags"] for v in versions]
    assert len({v["text"] for v in versions}) == len(versions)
    for v in versions:
        assert "23" not in v["text"] or "23场次" in v["filled"]
    if section == "普法":  # the user's figure for the section is in every version, no past figure
        assert all("23场次" in v["text"] for v in versions)


def test_alternatives_unknown_section_is_refused_in_chinese(sample_settings, capsys) -> None:
    argv = ["alternatives", "--genre", "述法报告", "--section", "航天发射"]
    assert main([*argv, "--index", str(sample_settings.index_dir)]) != 0
    assert "提纲中没有“航天发射”" in capsys.readouterr().err


EDITED = (
    "一、履职情况\n"
    "全年开展普法宣传活动23场次，组织法治培训99次。\n"
    "局党组会议专题研究法治建设工作，平梁镇派员参加。\n"
)


def _docx(path: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_audit_flags_a_planted_figure_and_another_bodys_word(tmp_path, metrics_csv, capsys, suffix) -> None:
    path = tmp_path / f"改稿{suffix}"
    if suffix == ".docx":
        _docx(path, EDITED)
    else:
        path.write_text(EDITED, encoding="utf-8")
    argv = ["audit", str(path), "--metrics", str(metrics_csv), "--org", "某某镇党委", "--year", "2024"]
    assert main([*argv, "--json"]) == 1
    flags = json.loads(capsys.readouterr().out)["flags"]
    kinds = {f["kind"] for f in flags}
    assert {"number", "voice", "place"} <= kinds, flags
    assert any("99" in f["reason"] and "99次" in f["text"] for f in flags)
    assert any("局党组" in f["reason"] for f in flags if f["kind"] == "voice")
    assert not any("23" in f["reason"] for f in flags)  # the user's own figure traces
    assert main(argv) == 1
    assert "核查发现" in capsys.readouterr().out


def test_audit_of_a_clean_file_passes_and_derived_figures_recompute(tmp_path, capsys) -> None:
    table = tmp_path / "t.csv"
    table.write_text("指标,数值,单位,上年数值\n普法宣传活动,23,场次,20\n", encoding="utf-8")
    clean = tmp_path / "ok.md"
    clean.write_text("全年开展普法宣传活动23场次（较上年增加3场次）。镇党委会议专题研究法治工作。\n", "utf-8")
    argv = ["--metrics", str(table), "--org", "某某镇党委", "--year", "2024", "--json"]
    assert main(["audit", str(clean), *argv]) == 0
    assert json.loads(capsys.readouterr().out) == {"flags": []}
    wrong = tmp_path / "wrong.md"
    wrong.write_text("全年开展普法宣传活动23场次（较上年增加5场次）。\n", "utf-8")
    assert main(["audit", str(wrong), *argv]) == 1
    assert [f["kind"] for f in json.loads(capsys.readouterr().out)["flags"]] == ["derived"]


def test_audit_refuses_other_formats_in_chinese(tmp_path, capsys) -> None:
    path = tmp_path / "x.exe"
    path.write_bytes(b"MZ")
    assert main(["audit", str(path)]) != 0
    assert "只支持 .txt、.md 和 .docx" in capsys.readouterr().err


def test_argparse_speaks_chinese(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["audit"])
    err = capsys.readouterr().err
    assert "用法：" in err and "缺少必需的参数" in err and "usage" not in err
    with pytest.raises(SystemExit):
        main(["audit", "--help"])
    out = capsys.readouterr().out
    assert "显示本帮助并退出" in out and "show this help" not in out and "positional" not in out


def test_project_round_trip_edit_audit_and_export(sample_settings, tmp_path) -> None:
    from assistant.draft.project import audit_block, dumps, loads, project_draft, project_from_draft
    from assistant.draft.report import AuditError, DraftRequest, draft_report
    from assistant.draft.tables.metrics import rows_from_records
    from assistant.export.markdown import export_markdown
    from assistant.export.save import save_draft

    rows = rows_from_records([{"指标": "普法宣传活动", "数值": "23", "单位": "场次"}])
    request = DraftRequest(genre="述法报告", rows=rows, org="某某镇党委", year=2024)
    draft = draft_report(request, sample_settings)
    project = project_from_draft(draft, request)
    assert len(project.blocks) >= 5 and all(b.flags == [] for b in project.blocks)
    assert {b.kind for b in project.blocks} >= {"performance", "problems", "plans"}
    assert export_markdown(project_draft(project)) == export_markdown(draft)  # unedited: the same report
    again = loads(dumps(project))
    assert export_markdown(project_draft(again)) == export_markdown(draft)
    assert [b.sources for b in again.blocks] == [b.sources for b in project.blocks]

    block = again.blocks[0]
    block.text += "组织法治培训99次。"
    assert [f["kind"] for f in audit_block(again, block)] == ["number"]
    with pytest.raises(AuditError, match="99"):
        save_draft(project_draft(again), again.request(), tmp_path / "稿.md")
    assert not (tmp_path / "稿.md").exists()
    block.text = block.text.replace("组织法治培训99次。", "")
    assert audit_block(again, block) == []
    out = save_draft(project_draft(again), again.request(), tmp_path / "稿.docx").path
    assert out.is_file()
    assert stat.S_IMODE(out.stat().st_mode) & 0o044, oct(out.stat().st_mode)  # not 0600


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "不是本程序保存的草稿"),
        ('{"format": "x"}', "不是本程序保存的草稿"),
        ('{"format": "公文起草助手草稿", "version": 99, "blocks": [{}]}', "更新版本"),
        ('{"format": "公文起草助手草稿", "version": 1, "blocks": []}', "段落块"),
        (
            '{"format": "公文起草助手草稿", "version": 1, "genre": "述法报告", "blocks": [{"text": 5}]}',
            "正文",
        ),
    ],
)
def test_project_file_refuses_what_it_is_not(content, message) -> None:
    from assistant.draft.project import loads
    from assistant.errors import BadInputError

    with pytest.raises(BadInputError, match=message):
        loads(content)


def test_corpus_masks_never_render_as_markdown_emphasis() -> None:
    from assistant.ui.render import escape_md, flags_markdown, sources_markdown

    text = "建立*普法工作队*支*人，**镇2023年"
    shown = sources_markdown([{"doc": "x_1", "title": "T_1", "section": ["一、*情况"], "text": text}])
    shown += flags_markdown([{"text": text, "reason": "占位符“*”无来源"}])
    assert shown.count("*") == 4  # only the bold of the source's heading: every mask is escaped
    assert escape_md(text).count("&#42;") == text.count("*")


def test_titles_made_for_documents_without_a_title_line() -> None:
    from assistant.ingest.classify import made_title

    assert made_title(2021, "工作总结", "县级部门") == "2021年县级部门工作总结"
    assert made_title(None, "述法报告", None, "党委", "乡级") == "乡镇党委述法报告"
    assert made_title(2023, "讲话/发言", "街道") == "2023年街道交流发言"
    assert made_title(2023, "unknown", None, "政府部门", "县级") == "2023年县级部门报告"
    assert made_title(2023, "unknown") is None  # nothing known: the file name stays


def test_workbench_flags_mark_the_offending_word() -> None:
    from assistant.ui.workbench import flag_spans, flags_html

    text = "全年开展普法宣传活动23场次，组织培训99次。局党组会议研究法治工作。"
    flags = [
        {"text": "全年开展普法宣传活动23场次，组织培训99次。", "reason": "数字“99”无来源", "kind": "number"},
        {
            "text": "局党组会议研究法治工作。",
            "reason": "口吻：“局党组会议”属于…",
            "kind": "voice",
            "word": "局党组会议",
        },
    ]
    assert [text[a:b] for a, b in flag_spans(text, flags)] == ["99", "局党组会议"]
    shown = flags_html(text + "<b>", flags)
    assert '<mark class="flag">99</mark>' in shown and "<b>" not in shown
