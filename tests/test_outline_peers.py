"""Outline coverage among same-genre peers, and outlines learned by clustering peers' headings."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.draft.outline.build import build_outline, map_headings
from assistant.draft.outline.genres import get_genre
from assistant.index.doc_meta import set_genres
from assistant.index.indexer import info, ingest, ingest_documents
from assistant.ingest.pipeline import parse_file
from assistant.settings import load_settings
from tests.conftest import CORPUS


def _copy_index(settings, tmp: Path):
    """A private copy of the session's sample index (nothing re-embedded)."""
    target = tmp / "index"
    shutil.copytree(settings.index_dir, target)
    return load_settings(index_dir=target)


def _headings_only(doc):
    """The document with one short passage per heading path: every heading kept, little to embed."""
    seen, kept = set(), []
    for p in doc.passages:
        key = tuple(p.section)
        if key not in seen:
            seen.add(key)
            kept.append(replace(p, text=p.text[:40], slots=[], ordinal=len(kept)))
    return replace(doc, passages=kept)


@pytest.fixture(scope="module")
def mixed_settings(sample_settings, shared_dir, tmp_path_factory):
    """The samples + the 31 provincial 政府工作报告 (headings kept, passages shortened)."""
    settings = _copy_index(sample_settings, tmp_path_factory.mktemp("mixed"))
    path = shared_dir / "corpora" / "provincial-gwr-2026" / "all_provinces_2026.jsonl"
    report = ingest_documents([_headings_only(d) for d in parse_file(path)], settings, progress=False)
    assert report.added == 31
    return settings


def _all_docs(outline: dict) -> set[str]:
    docs = {e["doc"] for e in outline["unmatched"]}
    for sec in outline["sections"] + outline["learned"]:
        for node in [sec, *sec["subpoints"]]:
            docs |= {e["doc"] for e in node["examples"]}
    return docs


def test_shufa_outline_counts_only_shufa_reports(mixed_settings):
    outline = build_outline("述法报告", mixed_settings, source="merged")
    data = outline.to_public()
    assert data["documents"] == 3 and data["corpus_documents"] == 36
    docs = _all_docs(data)
    assert docs and all("#" not in d for d in docs), docs  # no provincial report anywhere
    assert docs <= {d for d in data_docs(mixed_settings) if d[:3] in ("000", "001", "003")}
    text = outline.to_text()
    assert "/3 篇述法报告有此部分〕" in text and "36/36" not in text
    assert "高质量发展" not in text and "政府工作报告" not in text
    duty = data["sections"][0]
    assert 2 <= duty["coverage"] <= 3 and duty["total"] == 3
    examples = [e for s in duty["subpoints"] for e in s["examples"]]
    assert examples and all(e["title"] for e in examples)
    assert any(e["title"] == "党员干部2023年度述法报告" for e in examples)


def data_docs(settings) -> list[str]:
    return [d["doc_id"] for d in info(settings)["documents"]]


def test_gwr_headings_do_not_map_to_shufa_sections(mixed_settings):
    """Negatives: the provincial headings, offered to the 述法 sections, almost never fit one."""
    from assistant.draft.outline.build import corpus_headings

    gwr = corpus_headings(mixed_settings, "政府工作报告")
    assert len(gwr) == 31
    mapped = map_headings(get_genre("述法报告"), gwr, mixed_settings)
    n = sum(len(v) for v in mapped.values())
    wrong = n - len(mapped[""])
    rule_based = len(mapped.get("problems", [])) + len(mapped.get("plans", []))  # 问题/打算 words
    assert n > 300 and (wrong - rule_based) / n <= 0.02, (wrong, rule_based, n)
    # and the positives: sample 001's seven duty headings each land on their own section
    shufa = corpus_headings(mixed_settings, "述法报告")
    own = {
        k: v
        for k, v in map_headings(get_genre("述法报告"), shufa, mixed_settings).items()
        if k.startswith("duty/")
    }
    hits = {k for k, v in own.items() if any(d.startswith("001") for d, _ in v)}
    assert len(hits) == 7, own


def test_work_summary_outline_learned_from_user_genres(sample_settings, tmp_path):
    settings = _copy_index(sample_settings, tmp_path)
    changed = set_genres(settings, {"000": "工作总结", "002": "工作总结"})
    assert len(changed) == 2
    # the user's genre survives a re-ingest (meta.yaml says 述法报告 / 交流发言) …
    report = ingest([CORPUS], settings, progress=False)
    assert report.unchanged == 5 and report.embedded == 0
    genres = {d["doc_id"][:3]: (d["genre"], d["genre_source"]) for d in info(settings)["documents"]}
    assert genres["000"] == genres["002"] == ("工作总结", "user") and genres["004"][0] == "工作总结"
    # … and is what the outline counts
    outline = build_outline("工作总结", settings, source="corpus")
    data = outline.to_public()
    assert data["documents"] == 3 and data["source"] == "corpus"
    items = data["sections"]
    assert len(items) >= 4 and all(1 <= s["coverage"] <= 3 and s["total"] == 3 for s in items)
    assert {e["doc"][:3] for s in items for e in s["examples"]} == {"000", "002", "004"}
    assert all(e["title"] and e["heading"] for s in items for e in s["examples"])
    assert [s["title"][:2] for s in items[:2]] == ["一、", "二、"]
    # ordered by usual position: the first learned section holds first headings
    assert any(e["heading"].startswith("一、") for e in items[0]["examples"])
    assert "/3 篇工作总结有此部分〕" in outline.to_text()
    merged = build_outline("工作总结", settings, source="merged").to_public()
    assert merged["sections"] and merged["learned"] and merged["documents"] == 3


def test_my_outline_from_picked_sections_and_corpus_points():
    from assistant.ui.tabs.outline import compose_outline, outline_picks

    outline = {
        "documents": 3, "source": "merged",
        "sections": [{"title": "一、20××年度履职情况", "coverage": 3, "subpoints": [
            {"title": "（一）带头学习贯彻习近平法治思想", "coverage": 2, "subpoints": []}]},
            {"title": "二、下一步工作打算", "coverage": 1, "subpoints": []}],
        "learned": [{"title": "强化法治宣传", "coverage": 2, "subpoints": [{"title": "以法治宣传强化依法行政能力。",
                                                                      "coverage": 1, "subpoints": []}]}],
    }  # fmt: skip
    choices = outline_picks(outline)
    labels = [label for label, _ in choices]
    assert labels[0] == "20××年度履职情况 〔3/3〕" and any(
        lb.startswith("[语料] 强化法治宣传") for lb in labels
    )
    picked = [v for _, v in choices if "履职" in v or "下一步" in v or "依法行政能力" in v]
    text = compose_outline(picked, choices)
    # the corpus sub-point lands under the last picked section before it, numbering is redone
    assert text.splitlines() == [
        "一、20××年度履职情况",
        "二、下一步工作打算",
        "（一）以法治宣传强化依法行政能力",
    ]


def test_corpus_grid_saves_an_edited_genre(sample_settings, tmp_path):
    from assistant.index.search import search
    from assistant.ui.tabs.corpus import corpus_view, save_genres

    settings = _copy_index(sample_settings, tmp_path)
    _, rows, _ = corpus_view(settings)
    row = next(r for r in rows if r[1].startswith("004"))
    assert row[3] == "工作总结" and row[4].startswith("1.00")
    assert "没有变化" in save_genres(settings, rows)
    row[3] = "法治政府建设年度报告"
    message = save_genres(settings, rows)
    assert "已保存 1 篇" in message and "未重新向量化" in message
    _, rows, _ = corpus_view(settings)
    assert next(r for r in rows if r[1].startswith("004"))[3:5] == ["法治政府建设年度报告", "1.00（人工）"]
    hits = search("机构编制", settings, k=5, genre="法治政府建设年度报告")  # the passages carry it too
    assert hits and all(h.passage.doc_id.startswith("004") for h in hits)
