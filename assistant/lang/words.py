"""Word boundaries and word classes from jieba's dictionary (it ships in the package).

Used where a character pattern alone cannot tell a name from ordinary words: 平梁镇 is a place,
but 修订村规民约 (村 opens the word 村规民约) and 提升街道 (提升 is a verb) are not. The default
dictionary is loaded once per process, lazily, on the first question (about a second; jieba keeps a
cache); the label grammar (draft/compose/grammar.py) tags over the same dictionary through
:func:`pos_tokenizer`.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

_LOCK = threading.Lock()

# Word classes of jieba's dictionary that never name a place: verbs, adverbs, numerals, pronouns,
# prepositions, conjunctions, measure words, locatives, time words, particles.
NOT_NAME_TAGS = frozenset(
    {"v", "vn", "vd", "vi", "d", "ad", "m", "mq", "r", "p", "c", "q", "f", "t", "u", "ul"}
)


_SHARED: list[tuple[Any, dict[str, str]]] = []


def _jieba() -> tuple[Any, dict[str, str]]:
    """The process's one jieba dictionary: its prefix table (a ``Tokenizer``, read from jieba's
    cache) and its tag table (jieba.posseg's, read when that module is imported)."""
    if _SHARED:
        return _SHARED[0]
    with _LOCK:
        if not _SHARED:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            _SHARED.append((tok, jieba.posseg.dt.word_tag_tab))
        return _SHARED[0]


def warm_up() -> threading.Thread:
    """Read the dictionary in a background thread (a server calls it at start, a draft when it begins)."""
    thread = threading.Thread(target=_jieba, name="jieba-warm-up", daemon=True)
    thread.start()
    return thread


def pos_tokenizer(extra: Mapping[str, str]) -> Any:
    """A part-of-speech tokenizer over the shared dictionary plus ``extra`` words (word → tag).

    The dictionary is not read again: the prefix and tag tables are copied (tens of milliseconds),
    so the extra words never change how :func:`word_spans` segments a place name.
    """
    import jieba
    import jieba.posseg

    class SharedPOSTokenizer(jieba.posseg.POSTokenizer):
        """jieba's POSTokenizer over a given tag table (its own constructor re-reads dict.txt)."""

        def __init__(self, tokenizer: Any, tags: dict[str, str]) -> None:
            self.tokenizer = tokenizer
            self.word_tag_tab = dict(tags)

    base, tags = _jieba()
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = dict(base.FREQ), base.total, True
    pos = SharedPOSTokenizer(tok, tags)
    for word, tag in extra.items():
        tok.add_word(word, tag=tag)
    list(pos.cut("普法宣传活动"))  # merges the extra words' tags into the tag table
    return pos


def word_tag(word: str) -> str | None:
    """jieba's dictionary class of ``word`` (``v``, ``n``, ``ns`` …), ``None`` when it is not a word."""
    return _jieba()[1].get(word)


def word_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word of ``text`` as jieba segments it."""
    out, pos = [], 0
    for w in _jieba()[0].lcut(text, HMM=False):
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out


NAME_TAGS = frozenset({"ns", "nt", "nz", "nr"})


def opens_longer_word(text: str, start: int, end: int, window: int = 6) -> bool:
    """Whether the characters from ``start`` run on past ``end`` as one ordinary word (村 of
    村规民约); an organ or place word (镇党委, 县政府) does not count."""
    lo = max(0, start - window)
    chunk = text[lo : end + window]
    for a, b in word_spans(chunk):
        if a + lo == start:
            return b + lo > end and word_tag(chunk[a:b]) not in NAME_TAGS
        if a + lo > start:
            return False
    return False


def is_plain_word(word: str) -> bool:
    """Whether ``word`` is a dictionary word of a class that never names a place (修订, 提升, 各个)."""
    tag = word_tag(word)
    return tag is not None and tag in NOT_NAME_TAGS


def is_common_word(word: str) -> bool:
    """Whether ``word`` is a dictionary word of a common class (a noun, an adjective: 部分, 重点),
    which names a place only when nothing says otherwise."""
    return word_tag(word) in {"n", "vn", "a", "an", "b"}


def crosses_start(text: str, start: int, window: int = 6) -> bool:
    """Whether a word of two or more characters runs across ``start`` (西部|地区, 文化|强省, 产业园|区)."""
    lo = max(0, start - window)
    return any(a + lo < start < b + lo and b - a >= 2 for a, b in word_spans(text[lo : start + window]))


def not_a_place(text: str, name_start: int, suffix_start: int, end: int) -> bool:
    """Whether the place-like span ``text[name_start:end]`` (two characters + 村/镇/街道 …) is ordinary
    words: the two characters are a verb, adverb, numeral or pronoun (修订村…, 提升街道), the tail of a
    longer word (西部地区, 文化强省, 产业园区), or a common word whose suffix opens a longer ordinary word
    (…村规民约)."""
    name = text[name_start:suffix_start]
    if is_plain_word(name) or crosses_start(text, name_start) or name in _acts():
        return True  # 列席市中级人民法院: an act, then the court's level (blind read r37)
    return is_common_word(name) and opens_longer_word(text, suffix_start, end)


@functools.cache
def _acts() -> frozenset[str]:
    """The verbs of the drafting grammar (data/metric_phrases.yaml ``grammar.verbs``: 列席, 出席, 参加 …),
    which jieba's dictionary may tag as nouns: two of them before 市/县/区 are no place's name."""
    import yaml

    path = Path(__file__).resolve().parents[1] / "data" / "metric_phrases.yaml"
    return frozenset(yaml.safe_load(path.read_text(encoding="utf-8"))["grammar"]["verbs"])
