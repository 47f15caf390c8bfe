"""The web app's ingest of uploads runs in a low-priority child process (``ui/ingest_child.py``).

Real embedder, real index, real child processes: an upload is indexed by the child and found by a
search in this process; a child that raises or is killed gives a Chinese error naming the file and
leaves the index and ``corpus/`` as they were.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from pathlib import Path

import pytest

from assistant.index import store
from assistant.settings import load_settings
from assistant.ui.ingest_child import IngestChildError
from assistant.ui.tabs.corpus import ingest_uploads

REPORT = "某镇2024年法治建设工作总结\n一、主要工作\n今年开展防汛应急演练，健全人民调解组织，调解纠纷。\n"


def _upload(folder: Path, name: str, text: str = REPORT) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _children() -> list[str]:
    return [p.name for p in mp.active_children()]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory):
    """Settings whose index holds one upload, indexed through the child; and what the child reported."""
    root = tmp_path_factory.mktemp("ingest-child")
    settings = load_settings(corpus_dir=root / "corpus", index_dir=root / "idx" / "index")
    (root / "up").mkdir()
    seen: list[tuple[str, int, int | None, list[str]]] = []
    message = ingest_uploads(
        settings,
        [str(_upload(root / "up", "某镇工作总结.txt"))],
        on_progress=lambda desc, n, total: seen.append((desc, n, total, _children())),
    )
    return settings, root, message, seen


def test_upload_is_indexed_in_the_child_and_searchable(indexed) -> None:
    from assistant.index.search import search

    settings, root, message, seen = indexed
    assert "已保存到语料库：某镇工作总结.txt" in message
    assert {d for d, *_ in seen} >= {"解析", "向量化"}, seen  # the child's progress bars reached us
    assert all("assistant-ingest" in children for *_, children in seen)  # ... from the child
    assert sorted(p.name for p in (root / "corpus").iterdir()) == [".incoming", "某镇工作总结.txt"]
    hits = search("防汛应急演练", settings, k=3)  # this process's searcher sees the child's version
    assert hits and hits[0].passage.doc_id == "某镇工作总结" and "防汛应急演练" in hits[0].passage.text
    assert "assistant-ingest" not in _children()  # the child has exited


def _state(settings, root: Path) -> tuple[str, list[str], list[str]]:
    corpus = root / "corpus"
    return (
        store.read_manifest(settings.index_dir)["version_id"],
        sorted(p.name for p in corpus.iterdir()),
        sorted(p.name for p in (corpus / ".incoming").iterdir()),
    )


def test_killed_child_gives_a_chinese_error_and_changes_nothing(indexed) -> None:
    settings, root, _, _ = indexed
    before = _state(settings, root)
    killed: list[int] = []

    def kill(desc: str, n: int, total: int | None) -> None:  # the child's first progress bar
        for child in mp.active_children():
            if child.name == "assistant-ingest" and not killed:
                os.kill(child.pid, signal.SIGKILL)
                killed.append(child.pid)

    with pytest.raises(IngestChildError) as info:
        ingest_uploads(settings, [str(_upload(root / "up", "被终止.txt"))], on_progress=kill)
    assert killed
    assert str(info.value).startswith("索引“被终止.txt”时后台进程意外退出（进程被系统终止，多为内存不足）")
    assert "语料库和索引均未改动" in str(info.value)
    assert _state(settings, root) == before


def test_failing_child_gives_its_chinese_reason_and_changes_nothing(indexed) -> None:
    settings, root, _, _ = indexed
    before = _state(settings, root)
    other = settings.model_copy(update={"chunk_chars": settings.chunk_chars + 50})  # index refuses it
    with pytest.raises(IngestChildError) as info:
        ingest_uploads(other, [str(_upload(root / "up", "另一份.txt"))])
    message = str(info.value)
    assert message.startswith("索引“另一份.txt”失败：索引按每段") and "重建索引" in message, message
    assert "Traceback" not in message
    assert _state(settings, root) == before
