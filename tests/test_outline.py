"""Outlines: official structure per genre, corpus coverage learned from the samples."""

from __future__ import annotations

import json

from assistant.cli import main
from assistant.draft.outline.build import build_outline, section_versions


def test_official_outline_has_the_genre_sections(sample_settings):
    outline = build_outline("述法报告", sample_settings, source="official")
    titles = [i.title for i in outline.items]
    assert titles[0].startswith("一、") and "履职情况" in titles[0]
    assert "存在" in titles[1] and "下一步" in titles[2]
    assert len(outline.items[0].children) == 7
    assert outline.items[0].children[0].title.startswith("（一）")


def test_corpus_coverage_counts_past_reports(sample_settings):
    outline = build_outline("述法报告", sample_settings, source="merged")
    data = outline.to_public()
    assert data["documents"] == 3 and data["corpus_documents"] == 5  # 000, 001, 003 are the 述法报告
    problems = next(s for s in data["sections"] if s["key"] == "problems")
    plans = next(s for s in data["sections"] if s["key"] == "plans")
    # only sample 001 has numbered 存在问题 / 下一步 headings
    assert problems["coverage"] >= 1 and any(e["doc"].startswith("001") for e in problems["examples"])
    assert plans["coverage"] >= 1
    duty = data["sections"][0]
    assert duty["coverage"] >= 2, duty
    pufa = next(s for s in duty["subpoints"] if s["key"] == "duty/pufa")
    assert pufa["coverage"] >= 1 and pufa["examples"]


def test_document_outline_and_versions(sample_settings):
    outline = build_outline("述法报告", sample_settings, source="001")
    assert [i.title for i in outline.items][:2] == [
        "一、2023年度履职情况",
        "（一）带头深入学习贯彻习近平法治思想，贯彻落实党中央关于全面依法治国的重大决策部署和省州县党委关于全面依法治省、治州、治县的工作要求情况。",
    ]
    versions = section_versions("述法报告", "problems", sample_settings, k=3)
    assert versions and versions[0]["text"]
    assert any("差距" in v["text"] or "不足" in v["text"] for v in versions)


def test_outline_cli_json(sample_settings, capsys):
    assert (
        main(
            [
                "outline",
                "--genre",
                "法治政府建设年度报告",
                "--index",
                str(sample_settings.index_dir),
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["genre"] == "法治政府建设年度报告"
    assert [s["key"] for s in data["sections"]] == ["measures", "problems", "duty", "plans"]


def test_a_genres_own_avoid_reaches_every_part_of_it():
    """Blind read r24: office space and cars (述责述廉 matters) in a 述法报告's party-rules part; the
    genre's ``avoid:`` holds in each of its parts, beside a part's own."""
    import re

    from assistant.draft.outline.genres import get_genre

    genre = get_genre("述法报告")
    nodes = [n for sec in genre.sections for n in (sec, *sec.subpoints)]
    assert nodes and all(re.search(n.avoid, "个人办公用房和公务车辆均按标准使用") for n in nodes)
    duty = next(s for s in get_genre("法治政府建设年度报告").sections if s.key == "duty")
    assert "一岗双责" in duty.avoid  # a part's own avoid stays
    other = get_genre("工作总结")
    assert not any(
        n.avoid and re.search(n.avoid, "公务接待") for sec in other.sections for n in (sec, *sec.subpoints)
    )
