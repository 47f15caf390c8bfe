"""Outline coverage among same-genre peers, and outlines learned by clustering peers' headings."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.draft.genres import get_genre
from assistant.draft.outline import build_outline, map_headings
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
    from assistant.draft.outline import corpus_headings

    gwr = corpus_headings(mixed_settings, "政府工作报告")
    assert len(gwr) == 31
    mapped = map_headings(get_genre("述法报告"), gwr, mixed_settings)
    n = sum(len(v) for v in mapped.values())
    wrong = n - len(mapped[""])
    rule_based = len(mapped.get("problems", [])) + len(mapped.get("plans", []))  # 问题/打算 words
    assert n > 300 and (wrong - rule_based) / n <= 0.02, (wrong, rule_based, n)
    # and the positives: sample 001's seven duty headings each land on their own section
    shufa = corpus_headings(mixed_settings, "述法报告")
    own = {k: v for k, v in map_headings(get_genre("述法报告"), shufa, mixed_settings).items() if k.startswith("duty/")}
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
