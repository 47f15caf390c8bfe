"""Hybrid search integration tests with the REAL default embedder over the samples + provincial reports.

One index is built per test session (the samples, a copy of sample 001 to exercise the
near-duplicate collapse, and the first ``ASSISTANT_TEST_PROVINCES`` (default: all 31) of the
provincial 2026 reports: ~1,700 passages, about 4 minutes of embedding on 2 idle cores).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import SHARED

from assistant.index import indexer
from assistant.index import search as retrieve
from assistant.index.search import Searcher

ROOT = Path(__file__).resolve().parents[1]
PROVINCIAL = SHARED / "corpora" / "provincial-gwr-2026"
LAWYER = "法律顾问"


@pytest.fixture(scope="session")
def real_index(tmp_path_factory: pytest.TempPathFactory):
    embeddings = pytest.importorskip("assistant.embed.embedder")
    from assistant.settings import load_settings

    tmp = tmp_path_factory.mktemp("search")
    corpus = tmp / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    shutil.copy(corpus / "001_62bb3a7519ac58fc.txt", corpus / "901_copy_of_001.txt")
    paths = [corpus]
    n_prov = int(os.environ.get("ASSISTANT_TEST_PROVINCES", "31"))
    if PROVINCIAL.is_dir() and n_prov:
        paths += sorted(PROVINCIAL.glob("2026_*.csv"))[:n_prov]
    settings = load_settings(index_dir=tmp / "index")
    embedder = embeddings.load_embedder(settings)
    started = time.perf_counter()
    report = indexer.ingest(paths, settings, embedder=embedder, progress=False)
    print(f"\n[search index] {report.summary()} ({time.perf_counter() - started:.1f} s)")
    assert report.embedded > 0 and not report.skipped
    searcher = Searcher(settings.index_dir, embedder, settings=settings)
    searcher.paths = paths
    yield settings, searcher, report
    searcher.close()


def _prefixes(hits) -> list[str]:
    return [h.passage.doc_id[:3] for h in hits]


def test_lawyer_query_finds_the_three_samples(real_index) -> None:
    _, searcher, _ = real_index
    hits = searcher.search("聘请法律顾问 合法性审查", k=10)
    assert LAWYER in hits[0].passage.text
    lawyer_docs = {
        ("001" if p == "901" else p)
        for h, p in zip(hits[:5], _prefixes(hits[:5]), strict=True)
        if LAWYER in h.passage.text
    }
    assert {"001", "002", "003"} <= lawyer_docs, [(h.passage.doc_id, h.score) for h in hits]


@pytest.mark.parametrize(
    ("query", "needles"),
    [
        ("领导干部带头遵守法律", ("带头", "守法")),
        ("向群众宣传法律知识的活动", ("普法",)),
    ],
)
def test_paraphrase_queries(real_index, query: str, needles: tuple[str, ...]) -> None:
    _, searcher, _ = real_index
    hits = searcher.search(query, k=5)
    top3 = [h.passage.text for h in hits[:3]]
    assert any(all(n in text for n in needles) for text in top3), [
        (h.passage.doc_id, h.passage.text[:60]) for h in hits
    ]


@pytest.mark.parametrize(
    ("query", "province"),
    [
        ("自由贸易港封关运作", "海南"),
        ("冰雪运动 冰雪旅游", "黑龙江"),
        ("长三角一体化发展", "上海"),
        ("粤港澳大湾区建设", "广东"),
        ("成渝地区双城经济圈", "重庆"),
    ],
)
def test_provincial_reports_answer_their_own_topics(real_index, query: str, province: str) -> None:
    _, searcher, _ = real_index
    if len([p for p in searcher.paths if "2026_" in str(p)]) < 31:
        pytest.skip("only a subset of the provincial reports is indexed")
    hits = searcher.search(query, k=3)
    assert province in hits[0].passage.doc_id, [(h.passage.doc_id, h.passage.text[:40]) for h in hits]
    chrome = ("下载", "打印", "全屏", "收藏", "【字号", "来源：", "时间：")
    assert not any(line.strip().startswith(chrome) for h in hits for line in h.passage.text.splitlines())


def test_section_filter_returns_only_that_section(real_index) -> None:
    _, searcher, _ = real_index
    hits = searcher.search("法治建设工作不足", k=5, section="存在问题")
    assert hits
    assert all(any("存在问题" in head for head in h.passage.section) for h in hits)
    allowed = searcher.store.passages(searcher.store.allowed_ids(section="存在问题"))
    assert len(hits) == min(5, len({p.text for p in allowed.values()}))


def test_filters_still_fill_k(real_index) -> None:
    _, searcher, _ = real_index
    hits = searcher.search("经济发展", k=8, doc="004")  # sample 004 is about law, not the economy
    assert len(hits) == 8 and {h.passage.doc_id for h in hits} == {"004_37e5ff18e3fe3fd9"}
    hits = searcher.search("法治宣传", k=5, year=2026)
    assert len(hits) == 5 and all(h.passage.doc_id.startswith("2026_") for h in hits)
    hits = searcher.search("法治宣传", k=5, genre="述法报告")
    assert hits and all(h.passage.doc_id[:3] in {"000", "001", "003", "901"} for h in hits)


def test_near_duplicates_collapsed(real_index) -> None:
    _, searcher, _ = real_index
    hits = searcher.search("深入推进政府法律顾问工作制", k=10)
    texts = [h.passage.text for h in hits]
    assert len(texts) == len(set(texts)), "an identical passage appears twice"
    assert any(h.duplicates >= 1 for h in hits)


def test_public_json_shape_and_module_search(real_index) -> None:
    settings, _, _ = real_index
    hits = retrieve.search("聘请法律顾问", settings, k=3, section=None)
    assert len(hits) == 3
    data = json.loads(json.dumps([h.to_public() for h in hits], ensure_ascii=False))
    assert [set(d) for d in data] == [{"text", "doc", "section", "score", "title"}] * 3
    assert isinstance(data[0]["section"], list) and data[0]["score"] >= data[1]["score"]
    assert retrieve.get_searcher(settings) is retrieve.get_searcher(settings)


def test_reingest_unchanged_is_fast(real_index) -> None:
    settings, searcher, first = real_index
    started = time.perf_counter()
    report = indexer.ingest(searcher.paths, settings, progress=False)
    elapsed = time.perf_counter() - started
    assert report.embedded == 0 and report.unchanged == first.documents
    print(f"\n[re-ingest unchanged] {elapsed:.2f} s vs first {first.seconds:.1f} s")
    assert elapsed * 50 <= first.seconds
