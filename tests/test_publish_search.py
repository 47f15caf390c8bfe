"""Readers during a publish never see an empty index; search fills k hits after collapsing duplicates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import seed_file

from assistant.index import store
from assistant.index.indexer import info, ingest
from assistant.index.search import Searcher
from assistant.settings import load_settings


@pytest.fixture(scope="module")
def dup_settings(tmp_path_factory):
    """An index of one sample report plus a report of 40 near-identical paragraphs and 8 distinct ones."""
    folder = tmp_path_factory.mktemp("dups")
    shutil.copy(seed_file("001"), folder / "sample.txt")
    same = "\n".join(
        f"我局持续加强法治宣传教育，深入开展普法宣传活动，推动全民守法（{i}）。" for i in range(40)
    )
    topics = ("行政复议", "合同审查", "法律顾问", "执法监督", "公证服务", "人民调解", "社区矫正", "法律援助")
    other = "\n".join(f"全年{t}工作稳步推进，{t}制度不断完善，普法宣传同步开展。" for t in topics)
    (folder / "dups.txt").write_text(
        "一、普法宣传\n" + same + "\n二、其他工作\n" + other + "\n", encoding="utf-8"
    )
    settings = load_settings(index_dir=tmp_path_factory.mktemp("idx") / "index")
    report = ingest([folder], settings, progress=False)
    assert report.documents == 2, report.summary()
    return settings


def test_search_fills_k_after_collapsing(dup_settings) -> None:
    searcher = Searcher(dup_settings.index_dir, settings=dup_settings, pool=4)
    try:
        hits = searcher.search("加强法治宣传教育 深入开展普法宣传活动", k=6)
    finally:
        searcher.close()
    texts = [h.passage.text for h in hits]
    assert len(hits) == 6, texts
    assert sum("推动全民守法" in t for t in texts) == 1  # the 40 near-duplicates collapse into one hit


def test_reader_between_the_two_renames_uses_the_previous_version(dup_settings) -> None:
    index_dir = Path(dup_settings.index_dir)
    before = store.read_manifest(index_dir)
    aside = index_dir.with_name(f"{index_dir.name}.old-{os.getpid()}-123")
    os.replace(index_dir, aside)  # what publish() does first; the new version is not in yet
    try:
        assert store.read_manifest(index_dir)["version_id"] == before["version_id"]
        opened = store.IndexStore.open(index_dir, None)
        try:
            assert opened.n_passages == before["n_passages"] and opened.index_dir == aside
        finally:
            opened.close()
        searcher = Searcher(index_dir, settings=dup_settings)
        try:
            assert searcher.search("行政复议", k=3)
        finally:
            searcher.close()
        assert info(dup_settings)["exists"] is True
    finally:
        os.replace(aside, index_dir)
    assert store.read_manifest(index_dir)["version_id"] == before["version_id"]
