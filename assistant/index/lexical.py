"""BM25 over Chinese text tokenised as character unigrams + bigrams (no word segmenter needed).

The indexed text of a passage is its heading path followed by the passage (see
:func:`index_text`), the same input the embedder sees. Two modes, chosen by corpus size:

* ``full`` (up to :data:`FULL_MAX` passages): a :mod:`bm25s` index saved in ``bm25/`` and
  memory-mapped at load time; it scores every passage, so lexical matches the dense search
  missed still join the candidate pool.
* ``pool`` (larger corpora): a full bm25s index of a million ~500-character passages holds
  ~600 M non-zeros (≈5 GB), too large for the 1 GB budget. Only the statistics (document
  frequencies as sorted integer token keys, passage lengths) are kept, and BM25 is computed for
  the dense candidate pool only, from the passages' stored texts.

Building is streamed and vectorised: each text becomes integer token keys (code point for a
unigram, two code points for a bigram), counted per passage with numpy; the bm25s CSC arrays are
assembled directly, so 200k passages never become 200 M Python strings.

Both modes give the same BM25 formula (bm25s "lucene": IDF log(1 + (N − df + ½)/(df + ½)),
tf/(tf + k1·(1 − b + b·dl/avgdl)), k1 = 1.5, b = 0.75), so scores agree.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

FULL_MAX = 200_000
K1 = 1.5
B = 0.75

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]+(?:\.[0-9]+)?")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def tokenize(text: str) -> list[str]:
    """Character unigrams and bigrams of every run of Chinese characters; Latin/digit runs whole.

    Args:
        text: any text.

    Returns:
        Tokens in order (punctuation and spaces break runs and are dropped).
    """
    tokens: list[str] = []
    for match in _RUN.finditer(text):
        run = match.group()
        if not _CJK.match(run):
            tokens.append(run.lower())
            continue
        tokens.extend(run)
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def index_text(section: Sequence[str], text: str) -> str:
    """The text indexed for a passage: its heading path, a newline, then the passage.

    Args:
        section: heading texts from the top level down.
        text: the passage text.

    Returns:
        ``"一、履职情况 > （七）法治宣传…\\n" + text``, or ``text`` when there is no heading.
    """
    if not section:
        return text
    return " > ".join(section) + "\n" + text


_BIGRAM = 1 << 42
_WORD = 1 << 43


def _is_cjk(cps: np.ndarray) -> np.ndarray:
    return (
        ((cps >= 0x3400) & (cps <= 0x4DBF))
        | ((cps >= 0x4E00) & (cps <= 0x9FFF))
        | ((cps >= 0xF900) & (cps <= 0xFAFF))
    )


def token_keys(text: str, words: dict[int, str] | None = None) -> np.ndarray:
    """The tokens of :func:`tokenize` as int64 keys (same multiset, any order).

    Args:
        text: any text.
        words: if given, filled with key → string for Latin/digit tokens.

    Returns:
        int64 keys: code point (unigram), ``2^42 | c1 << 21 | c2`` (bigram), ``2^43 | crc32`` (word).
    """
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    cjk = _is_cjk(cps)
    uni = cps[cjk]
    pair = cjk[:-1] & cjk[1:]
    bi = _BIGRAM | (cps[:-1][pair] << 21) | cps[1:][pair]
    parts = [uni, bi]
    if not cjk.all():
        wkeys = []
        for m in _RUN.finditer(text):
            run = m.group()
            if not _CJK.match(run):
                word = run.lower()
                key = _WORD | zlib.crc32(word.encode("utf-8"))
                wkeys.append(key)
                if words is not None:
                    words[key] = word
        parts.append(np.asarray(wkeys, dtype=np.int64))
    return np.concatenate(parts)


def _key_to_token(key: int, words: dict[int, str]) -> str:
    if key >= _WORD:
        return words[key]
    if key >= _BIGRAM:
        key ^= _BIGRAM
        return chr(key >> 21) + chr(key & ((1 << 21) - 1))
    return chr(key)


class LexicalIndex:
    """A BM25 index saved in one folder (``full`` or ``pool`` mode, see the module docstring)."""

    def __init__(self, folder: Path, mode: str, n_docs: int) -> None:
        self.folder = folder
        self.mode = mode
        self.n_docs = n_docs
        self._bm25 = None
        self._df_keys: np.ndarray | None = None
        self._df: np.ndarray | None = None
        self._lengths: np.ndarray | None = None
        self._avgdl = 1.0

    # ------------------------------------------------------------------ build
    @classmethod
    def build(
        cls, texts: Iterable[str], folder: Path, *, n_docs: int, full_max: int = FULL_MAX
    ) -> LexicalIndex:
        """Tokenise and index ``texts`` (passage order = passage ids) into ``folder``.

        Args:
            texts: indexed texts (see :func:`index_text`), one per passage id.
            folder: destination folder (created).
            n_docs: number of texts (decides the mode before reading them).
            full_max: largest corpus indexed in ``full`` mode.

        Returns:
            The index, ready to score.
        """
        folder.mkdir(parents=True, exist_ok=True)
        mode = "full" if n_docs <= full_max else "pool"
        words: dict[int, str] = {}
        doc_keys: list[np.ndarray] = []
        doc_tf: list[np.ndarray] = []
        lengths = np.zeros(n_docs, dtype=np.int32)
        df_parts: list[np.ndarray] = []
        for i, text in enumerate(texts):
            keys = token_keys(text, words)
            lengths[i] = keys.size
            uniq, tf = np.unique(keys, return_counts=True)
            if mode == "full":
                doc_keys.append(uniq)
                doc_tf.append(tf.astype(np.float32))
            else:
                df_parts.append(uniq)
                if len(df_parts) >= 4096:
                    df_parts = [_merge_counts(df_parts)]
        np.save(folder / "lengths.npy", lengths)
        if mode == "full":
            cls._save_bm25s(doc_keys, doc_tf, lengths, words, folder)
        else:
            keys, df = _merge_counts(df_parts)
            np.save(folder / "df_keys.npy", keys)
            np.save(folder / "df.npy", df)
            (folder / "words.json").write_text(json.dumps({str(k): w for k, w in words.items()}, ensure_ascii=False),
                                               encoding="utf-8")  # fmt: skip
        (folder / "lexical.json").write_text(
            json.dumps({"mode": mode, "n_docs": n_docs, "k1": K1, "b": B, "tokens": "char uni+bigrams"}),
            encoding="utf-8",
        )
        return cls.load(folder)

    @staticmethod
    def _save_bm25s(doc_keys: list[np.ndarray], doc_tf: list[np.ndarray], lengths: np.ndarray,
                    words: dict[int, str], folder: Path) -> None:  # fmt: skip
        """Assemble bm25s's CSC score matrix (docs × vocabulary) directly and save it with bm25s."""
        import bm25s

        n = len(doc_keys)
        all_keys = np.concatenate(doc_keys) if doc_keys else np.zeros(0, dtype=np.int64)
        vocab_keys, cols = np.unique(all_keys, return_inverse=True)
        del all_keys
        rows = np.repeat(np.arange(n, dtype=np.int32), [k.size for k in doc_keys])
        tf = np.concatenate(doc_tf) if doc_tf else np.zeros(0, dtype=np.float32)
        df = np.bincount(cols, minlength=vocab_keys.size).astype(np.float32)
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avgdl = float(lengths.mean()) if n else 1.0
        norm = (K1 * (1 - B + B * lengths.astype(np.float32) / max(avgdl, 1e-9)))[rows]
        data = idf[cols] * tf / (tf + norm)
        order = np.argsort(cols, kind="stable")
        n_vocab = vocab_keys.size + 1  # + the empty token bm25s expects
        indptr = np.zeros(n_vocab + 1, dtype=np.int64)
        np.cumsum(np.bincount(cols, minlength=n_vocab), out=indptr[1:])
        retriever = bm25s.BM25(k1=K1, b=B, method="lucene")
        retriever.scores = {"data": data[order].astype(np.float32), "indices": rows[order].astype(np.int32),
                            "indptr": indptr, "num_docs": n}  # fmt: skip
        vocab = {_key_to_token(int(k), words): i for i, k in enumerate(vocab_keys.tolist())}
        vocab[""] = vocab_keys.size
        retriever.vocab_dict = vocab
        retriever.nonoccurrence_array = None
        retriever.unique_token_ids_set = set(vocab.values())
        retriever.save(str(folder), show_progress=False)

    # ------------------------------------------------------------------- load
    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Open a saved index (arrays are memory-mapped).

        Args:
            folder: the ``bm25`` folder of an index.

        Returns:
            The index.
        """
        info = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
        index = cls(folder, info["mode"], int(info["n_docs"]))
        index._lengths = np.load(folder / "lengths.npy", mmap_mode="r")
        index._avgdl = float(np.mean(index._lengths)) if len(index._lengths) else 1.0
        if index.mode == "full":
            import bm25s

            index._bm25 = bm25s.BM25.load(str(folder), mmap=True)
        else:
            index._df_keys = np.load(folder / "df_keys.npy", mmap_mode="r")
            index._df = np.load(folder / "df.npy", mmap_mode="r")
        return index

    # ---------------------------------------------------------------- scoring
    def all_scores(self, query: str) -> np.ndarray | None:
        """BM25 of every passage (``full`` mode only).

        Args:
            query: the user's query.

        Returns:
            ``float32[n_docs]``, or ``None`` in ``pool`` mode.
        """
        if self._bm25 is None:
            return None
        vocab = self._bm25.vocab_dict
        cols = [vocab[t] for t in dict.fromkeys(tokenize(query)) if t in vocab]
        if not cols or self.n_docs == 0:
            return np.zeros(self.n_docs, dtype=np.float32)
        # same sum as bm25s.get_scores, with one bincount instead of per-token np.add.at
        sc = self._bm25.scores
        indptr = sc["indptr"]
        spans = [(int(indptr[c]), int(indptr[c + 1])) for c in cols]
        rows = np.concatenate([sc["indices"][a:b] for a, b in spans])
        data = np.concatenate([sc["data"][a:b] for a, b in spans])
        return np.bincount(rows, weights=data, minlength=self.n_docs).astype(np.float32)[: self.n_docs]

    def pool_scores(self, query: str, ids: Sequence[int], texts: Sequence[str]) -> np.ndarray:
        """BM25 of the given passages only, from stored statistics (``pool`` mode).

        Args:
            query: the user's query.
            ids: passage ids of the candidates.
            texts: their indexed texts (see :func:`index_text`), aligned with ``ids``.

        Returns:
            ``float32[len(ids)]``.
        """
        out = np.zeros(len(ids), dtype=np.float32)
        qkeys = np.unique(token_keys(query))
        if qkeys.size == 0 or self._df_keys is None or self._df is None or self._lengths is None:
            return out
        pos = np.clip(np.searchsorted(self._df_keys, qkeys), 0, max(self._df_keys.size - 1, 0))
        found = self._df_keys.size > 0
        df = np.where(found & (np.asarray(self._df_keys[pos]) == qkeys), np.asarray(self._df[pos]), 0).astype(
            np.float64
        )
        idf = np.where(df > 0, np.log(1 + (self.n_docs - df + 0.5) / (df + 0.5)), 0.0)
        for row, (pid, text) in enumerate(zip(ids, texts, strict=True)):
            keys = token_keys(text)
            tf = np.array([np.count_nonzero(keys == q) for q in qkeys], dtype=np.float64)
            norm = K1 * (1 - B + B * float(self._lengths[pid]) / self._avgdl)
            out[row] = float(np.sum(idf * tf / (tf + norm)))
        return out

    def close(self) -> None:
        """Release file handles."""
        self._bm25 = None
        self._df_keys = self._df = self._lengths = None


def _merge_counts(parts: list) -> tuple[np.ndarray, np.ndarray]:
    """Merge (keys[, counts]) chunks: the first element may be a (keys, counts) pair."""
    keys_list: list[np.ndarray] = []
    weight_list: list[np.ndarray] = []
    for part in parts:
        if isinstance(part, tuple):
            keys_list.append(part[0])
            weight_list.append(part[1])
        else:
            keys_list.append(part)
            weight_list.append(np.ones(part.size, dtype=np.int64))
    if not keys_list:
        merged = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    else:
        keys, inv = np.unique(np.concatenate(keys_list), return_inverse=True)
        merged = (
            keys,
            np.bincount(inv, weights=np.concatenate(weight_list), minlength=keys.size).astype(np.int64),
        )
    return merged
