"""Index folder unit tests: real FAISS, real SQLite, real files, a small deterministic fake embedder."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import sqlite3
import zlib
from pathlib import Path

import numpy as np
import pytest

from assistant.index import indexer, store
from assistant.index.lexical import LexicalIndex, index_text, tokenize
from assistant.index.search import Searcher
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


class FakeEmbedder:
    """Hashed character unigrams + bigrams → L2-normalised vector; counts what it encodes."""

    def __init__(self, dim: int = 256, name: str = "fake:bigram", fail_after: int | None = None) -> None:
        self.id = f"{name}-{dim}"
        self.dim = dim
        self.encoded = 0
        self.fail_after = fail_after

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for tok in tokenize(text):
            v[zlib.crc32(tok.encode()) % self.dim] += 1.0
        return v / (np.linalg.norm(v) or 1.0)

    def encode_documents(self, texts, *, batch_size=None, progress=False) -> np.ndarray:
        if self.fail_after is not None and self.encoded + len(texts) > self.fail_after:
            raise RuntimeError("模拟向量化失败")
        self.encoded += len(texts)
        return np.stack([self._vec(t) for t in texts])

    def encode_queries(self, texts) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for f in sorted(CORPUS.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(index_dir=tmp_path / "index", embedder="fake:bigram-256")


def ingest(paths, settings, emb=None, **kw):
    emb = emb or FakeEmbedder()
    return indexer.ingest(list(paths), settings, embedder=emb, progress=False, **kw), emb


def check_consistent(index_dir: Path) -> dict:
    """Every artefact agrees on the passage count and ids."""
    import faiss

    manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    n = manifest["n_passages"]
    con = sqlite3.connect(index_dir / "passages.sqlite")
    assert con.execute("SELECT COUNT(*), MIN(id), MAX(id) FROM passages").fetchone() == (n, 0, n - 1)
    for doc_id, meta in manifest["documents"].items():
        a, b = meta["passage_ids"]
        assert b - a == meta["n_passages"]
        assert (
            con.execute(
                "SELECT COUNT(*) FROM passages WHERE doc_id=? AND id>=? AND id<?", (doc_id, a, b)
            ).fetchone()[0]
            == b - a
        )
    con.close()
    assert np.load(index_dir / "vectors.f16.npy", mmap_mode="r").shape == (n, manifest["embedder"]["dim"])
    assert faiss.read_index(str(index_dir / "faiss.index")).ntotal == n
    return manifest


def test_build_manifest_and_reload(corpus_copy: Path, settings: Settings) -> None:
    report, emb = ingest([corpus_copy], settings)
    assert report.documents == 5 and report.added == 5 and not report.skipped
    assert report.embedded == emb.encoded > 0 and report.total_passages == report.passages
    index_dir = settings.index_dir
    for name in ("manifest.json", "passages.sqlite", "vectors.f16.npy", "faiss.index", "bm25/lexical.json"):
        assert (index_dir / name).exists(), name
    manifest = check_consistent(index_dir)
    assert manifest["format_version"] == store.FORMAT_VERSION
    assert manifest["embedder"] == {"id": emb.id, "dim": 256, "setting": "fake:bigram-256"}
    assert manifest["chunking"]["chunk_chars"] == settings.chunk_chars
    assert manifest["index"]["type"] == "IDMap,Flat" and manifest["lexical"]["mode"] == "full"
    assert {"faiss-cpu", "bm25s", "numpy", "python"} <= set(manifest["versions"])
    assert manifest["created"] and manifest["updated"]
    doc = manifest["documents"]["001_62bb3a7519ac58fc"]
    assert len(doc["sha256"]) == 64 and doc["path"].endswith("001_62bb3a7519ac58fc.txt")
    assert doc["year"] == 2023 and doc["n_passages"] > 0 and {"title", "genre"} <= set(doc)
    st = store.IndexStore.open(index_dir, emb.id, emb.dim)
    p = st.passages([0])[0]
    assert p.doc_id == "000_d7929d138705d421" and p.text and isinstance(p.section, list)
    info = indexer.info(settings)
    assert info["passages"] == report.total_passages and len(info["documents"]) == 5
    assert info["embedder"] == emb.id and info["index_type"] == "IDMap,Flat" and info["total_bytes"] > 0
    st.close()


def test_reingest_unchanged_embeds_nothing(corpus_copy: Path, settings: Settings) -> None:
    ingest([corpus_copy], settings)
    before = json.loads((settings.index_dir / "manifest.json").read_text(encoding="utf-8"))["version_id"]
    report, emb = ingest([corpus_copy], settings)
    assert emb.encoded == 0 and report.embedded == 0 and report.unchanged == 5 and report.added == 0
    after = json.loads((settings.index_dir / "manifest.json").read_text(encoding="utf-8"))["version_id"]
    assert before == after


def test_changed_file_replaced_and_vectors_reused(corpus_copy: Path, settings: Settings) -> None:
    first, _ = ingest([corpus_copy], settings)
    target = corpus_copy / "002_d6829a6f6a8ce9f2.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\n四、下一步打算\n持续深化法治宣传教育，全面提升依法行政水平。\n",
                      encoding="utf-8")  # fmt: skip
    report, emb = ingest([corpus_copy], settings)
    assert report.replaced == 1 and report.unchanged == 4
    assert 0 < report.embedded < 5 and report.reused > 0  # unchanged passages of the edited file are reused
    manifest = check_consistent(settings.index_dir)
    assert manifest["n_documents"] == 5
    st = store.IndexStore.open(settings.index_dir)
    rows = st.query("SELECT COUNT(*) FROM passages WHERE text LIKE '%全面提升依法行政水平%'")
    assert rows[0][0] == 1
    st.close()


def test_remove(corpus_copy: Path, settings: Settings) -> None:
    ingest([corpus_copy], settings)
    n001 = json.loads((settings.index_dir / "manifest.json").read_text(encoding="utf-8"))["documents"][
        "001_62bb3a7519ac58fc"]["n_passages"]  # fmt: skip
    assert indexer.remove("001", settings) == n001
    manifest = check_consistent(settings.index_dir)
    assert "001_62bb3a7519ac58fc" not in manifest["documents"] and manifest["n_documents"] == 4
    with pytest.raises(indexer.DocumentNotFoundError, match="没有文档"):
        indexer.remove("999_nothing", settings)
    searcher = Searcher(settings.index_dir, FakeEmbedder(), settings=settings)
    assert all(h.passage.doc_id != "001_62bb3a7519ac58fc" for h in searcher.search("法律顾问", k=20))
    report, emb = ingest([corpus_copy], settings)  # re-adding it embeds only its passages
    assert report.added == 1 and report.unchanged == 4


def test_mismatched_embedder_refused(corpus_copy: Path, settings: Settings) -> None:
    ingest([corpus_copy / "000_d7929d138705d421.txt"], settings)
    other = FakeEmbedder(dim=128, name="fake:other")
    with pytest.raises(store.IndexMismatchError, match="--rebuild"):
        store.IndexStore.open(settings.index_dir, other.id, other.dim)
    with pytest.raises(store.IndexMismatchError, match="向量模型"):
        Searcher(settings.index_dir, other, settings=settings)
    changed = settings.model_copy(update={"embedder": "fake:other-128"})
    with pytest.raises(store.IndexMismatchError, match="rebuild"):
        ingest([corpus_copy], changed, other)
    report, _ = ingest([corpus_copy], changed, other, rebuild=True)
    assert report.added == 5 and check_consistent(settings.index_dir)["embedder"]["dim"] == 128


def test_interrupted_ingest_keeps_previous_index(corpus_copy: Path, settings: Settings, monkeypatch) -> None:
    ingest([corpus_copy / "000_d7929d138705d421.txt"], settings)
    version = json.loads((settings.index_dir / "manifest.json").read_text(encoding="utf-8"))["version_id"]
    with pytest.raises(RuntimeError, match="模拟"):
        ingest([corpus_copy], settings, FakeEmbedder(fail_after=5))

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "build_faiss", boom)
    with pytest.raises(KeyboardInterrupt):
        ingest([corpus_copy], settings)
    monkeypatch.undo()
    leftovers = [
        p.name for p in settings.index_dir.parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name
    ]
    assert leftovers == []
    manifest = check_consistent(settings.index_dir)
    assert manifest["version_id"] == version and list(manifest["documents"]) == ["000_d7929d138705d421"]
    assert Searcher(settings.index_dir, FakeEmbedder(), settings=settings).search("法治", k=3)


def test_stale_temp_folders_cleaned(corpus_copy: Path, settings: Settings) -> None:
    stale = settings.index_dir.with_name("index.tmp-99999")
    (stale / "bm25").mkdir(parents=True)
    ingest([corpus_copy / "000_d7929d138705d421.txt"], settings)
    assert not stale.exists()


def _writer(paths: list[str], index_dir: str) -> None:
    s = Settings(index_dir=Path(index_dir), embedder="fake:bigram-256")
    indexer.ingest([Path(p) for p in paths], s, embedder=FakeEmbedder(), progress=False)


def test_two_concurrent_writers(corpus_copy: Path, settings: Settings) -> None:
    files = sorted(str(p) for p in corpus_copy.glob("*.txt"))
    ctx = multiprocessing.get_context("fork")
    procs = [
        ctx.Process(target=_writer, args=(part, str(settings.index_dir))) for part in (files[:3], files[3:])
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    manifest = check_consistent(settings.index_dir)
    assert manifest["n_documents"] == 5


def test_lock_timeout_message(settings: Settings) -> None:
    from filelock import FileLock

    settings.index_dir.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(store.lock_path(settings.index_dir))):
        messages: list[str] = []
        with pytest.raises(store.IndexLockedError, match="正被另一个进程写入"):
            with store.write_lock(settings.index_dir, timeout=0.2, notify=messages.append):
                pass
        assert messages and "等待" in messages[0]


def test_bad_files_reported_and_skipped(corpus_copy: Path, settings: Settings) -> None:
    (corpus_copy / "empty.txt").write_text("", encoding="utf-8")
    (corpus_copy / "binary.txt").write_bytes(bytes(range(256)) * 50)
    report, _ = ingest([corpus_copy, corpus_copy / "notes.xyz"], settings)
    names = {name for name, _ in report.skipped}
    assert {"empty.txt", "binary.txt", "notes.xyz"} <= names
    assert all(reason for _, reason in report.skipped)
    assert report.added == 5 and "跳过 empty.txt" in report.summary()


def test_ivf_index_above_threshold(corpus_copy: Path, settings: Settings) -> None:
    s = settings.model_copy(update={"ann_threshold": 10})
    report, emb = ingest([corpus_copy], s)
    manifest = check_consistent(s.index_dir)
    assert manifest["index"]["type"].startswith("IVF") and manifest["index"]["type"].endswith(",SQ8")
    assert manifest["index"]["nprobe"] >= 1
    hits = Searcher(s.index_dir, FakeEmbedder(), settings=s).search("聘请法律顾问", k=5)
    assert len(hits) == 5


def test_build_faiss_recall() -> None:
    rng = np.random.default_rng(1)
    centers = rng.normal(size=(50, 64))
    x = centers[rng.integers(0, 50, 20000)] + 0.5 * rng.normal(size=(20000, 64))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    index, desc = store.build_faiss(x, ann_threshold=1000)
    assert desc["type"] == f"IVF{desc['nlist']},SQ8" and desc["recall_at_10"] >= store.TARGET_RECALL


def test_lexical_pool_mode_matches_full(tmp_path: Path) -> None:
    texts = [
        index_text(["一、履职情况", "（一）法治宣传"], "开展普法宣传活动12场次"),
        "聘请法律顾问开展合法性审查",
        "存在问题：学法不够深入",
    ]
    full = LexicalIndex.build(texts, tmp_path / "full", n_docs=3)
    pool = LexicalIndex.build(texts, tmp_path / "pool", n_docs=3, full_max=0)
    assert full.mode == "full" and pool.mode == "pool"
    query = "法律顾问 合法性审查"
    a = full.all_scores(query)
    b = pool.pool_scores(query, [0, 1, 2], texts)
    assert np.allclose(a, b, rtol=1e-4) and int(np.argmax(a)) == 1
    assert tokenize("法治，宣传 2023年") == ["法", "治", "法治", "宣", "传", "宣传", "2023", "年"]


def test_filters_and_reload(corpus_copy: Path, settings: Settings) -> None:
    ingest([corpus_copy / "000_d7929d138705d421.txt", corpus_copy / "001_62bb3a7519ac58fc.txt"], settings)
    searcher = Searcher(settings.index_dir, FakeEmbedder(), settings=settings)
    hits = searcher.search("法治建设", k=5, section="存在问题")
    assert hits and all(any("存在问题" in h for h in hit.passage.section) for hit in hits)
    hits = searcher.search("法治建设", k=5, doc="001")
    assert len(hits) == 5 and {h.passage.doc_id for h in hits} == {"001_62bb3a7519ac58fc"}
    assert searcher.search("法治建设", k=5, year=1999) == []
    assert searcher.reload() is False
    ingest([corpus_copy], settings)
    assert searcher.reload() is True
    hits = searcher.search("法治建设", k=5, doc="003")
    assert hits and hits[0].passage.doc_id.startswith("003")


def test_remove_last_document_leaves_an_empty_usable_index(corpus_copy: Path, settings: Settings) -> None:
    ingest([corpus_copy / "004_37e5ff18e3fe3fd9.txt"], settings)
    assert indexer.remove("004_37e5ff18e3fe3fd9.txt", settings) > 0
    assert indexer.info(settings)["passages"] == 0
    assert Searcher(settings.index_dir, FakeEmbedder(), settings=settings).search("法治", k=3) == []
    report, _ = ingest([corpus_copy / "004_37e5ff18e3fe3fd9.txt"], settings)
    assert report.added == 1 and check_consistent(settings.index_dir)["n_documents"] == 1


def test_only_bad_files_create_no_index(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    report, emb = ingest([tmp_path / "empty.txt"], settings)
    assert report.skipped and emb.encoded == 0 and not settings.index_dir.exists()
    assert indexer.info(settings)["exists"] is False
    with pytest.raises(store.IndexMissingError, match="assistant ingest"):
        Searcher(settings.index_dir, FakeEmbedder(), settings=settings)


def test_readers_keep_working_while_a_writer_swaps_versions(corpus_copy: Path, settings: Settings) -> None:
    import threading

    ingest([corpus_copy], settings)
    searcher = Searcher(settings.index_dir, FakeEmbedder(), settings=settings)
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for _ in range(3):
                indexer.remove("004", settings)
                ingest([corpus_copy], settings)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    searches = 0
    while thread.is_alive() or searches < 5:
        searcher.reload()
        hits = searcher.search("依法行政", k=5)
        assert len(hits) == 5 and all(h.passage.text for h in hits)
        searches += 1
    thread.join()
    assert not errors
    assert check_consistent(settings.index_dir)["n_documents"] == 5


@pytest.mark.parametrize("ann_threshold", [10, 50_000])
def test_filtered_search_through_faiss_selector(corpus_copy: Path, settings: Settings, monkeypatch,
                                                ann_threshold: int) -> None:  # fmt: skip
    from assistant.index import search as retrieve

    s = settings.model_copy(update={"ann_threshold": ann_threshold})
    ingest([corpus_copy], s)
    monkeypatch.setattr(retrieve, "EXACT_FILTER_MAX", 0)  # force FAISS + IDSelectorBatch
    searcher = Searcher(s.index_dir, FakeEmbedder(), settings=s)
    hits = searcher.search("依法行政", k=6, doc="003")
    assert len(hits) == 6 and {h.passage.doc_id for h in hits} == {"003_c1ca6b846591a443"}
    hits = searcher.search("依法行政", k=4, genre="工作总结")
    assert len(hits) == 4 and {h.passage.doc_id for h in hits} == {"004_37e5ff18e3fe3fd9"}


def test_new_parser_rewrites_documents_and_reuses_vectors(
    corpus_copy: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index built by older parsing code or data (mends, slot rules) is parsed again on the next
    ingest, its vectors reused: an upgrade's rules reach documents whose bytes did not change."""
    ingest([corpus_copy], settings)
    manifest = json.loads((settings.index_dir / "manifest.json").read_text(encoding="utf-8"))
    assert {d["parser"] for d in manifest["documents"].values()} == {indexer.parser_fingerprint()}
    monkeypatch.setattr(indexer, "parser_fingerprint", lambda: "another-parser")
    report, emb = ingest([corpus_copy], settings)
    assert report.replaced == 5 and report.unchanged == 0
    assert emb.encoded == 0 and report.embedded == 0 and report.reused > 0
    manifest = check_consistent(settings.index_dir)
    assert {d["parser"] for d in manifest["documents"].values()} == {"another-parser"}
