"""Filler score of a sentence: how much of it is stock wording that states no particular measure.

Blind reads delete sentences such as 注重统筹谋划，强化制度设计，推动高效落实… whose content words are all
generic, and keep general sentences that name a concrete measure (严格落实重大行政决策合法性审查制度).
The score is the share of a sentence's content words (jieba's dictionary classes: nouns, verbs,
adjectives, adverbs, idioms) that are generic — spread across most documents of the government
reports and the sample reports (``data/generic_words.yaml``, written by ``scripts/filler_lexicon.py``).
A sentence is *filler* when that share reaches :data:`THRESHOLD` and nothing in it is concrete: no
figure or marker, no 《title》 or “named” term, and no named object (a head such as 制度, 机制, 清单,
会议 after a word that is not generic: 合法性审查制度 is concrete, 制度设计 and 治理体系 are not).
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.lang.markers import MARKER_RE

#: share of generic content words from which a sentence without a concrete anchor is filler
#: (chosen on ``tests/data/filler_labels.tsv``, precision first; see tests/test_filler.py)
THRESHOLD = 0.8
#: jieba classes that carry content (nouns, verbs, adjectives, adverbs, idioms, abbreviations)
CONTENT_TAGS = frozenset("n nz nt ns nr nrt nrfg v vn vd vi a ad an d i l b j m".split())
DATA = Path(__file__).resolve().parents[1] / "data" / "generic_words.yaml"
_LOCK = threading.Lock()
_QUOTED_RE = re.compile(r"《[^》]{2,}》|“[^”]{2,}”|\"[^\"]{2,}\"")
_FIGURE_RE = re.compile(
    r"\d|[*＊]+(?:[场次件人名个项家所期篇份条台支块间户]|余|%)|(?:[零〇一二两三四五六七八九十百千万]{2,}|[两三四五六七八九十百千])(?:[场次件人名个项家所期篇份条]|余|多)"
)
#: jieba classes of a word that can name the kind of a named object (合法性审查制度, 权责清单)
MODIFIER_TAGS = frozenset({"n", "nz", "nt", "ns", "nr", "vn", "j", "b", "l", "i", "s", "f", "eng"})
#: jieba classes of a name: a specific word of four or more characters names a thing (文明单位, 党纪政纪)
NAME_TAGS = frozenset({"n", "nz", "nt", "vn"})
_HAN_RE = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class Lexicon:
    generic: frozenset[str]
    heads: tuple[str, ...]
    qualifiers: frozenset[str]
    objects: frozenset[str]


@functools.cache
def lexicon() -> Lexicon:
    """The generic words, the named-object heads and the generic qualifiers (package data)."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    heads = tuple(sorted(data["heads"], key=len, reverse=True))
    generic = frozenset(data["generic"]) | frozenset(data["qualifiers"])
    return Lexicon(generic, heads, frozenset(data["qualifiers"]), frozenset(data["objects"]))


def _generic(word: str, lex: Lexicon) -> bool:
    """A word of the lexicon, or one jieba keeps whole that is two generic words (切实增强, 严格要求)."""
    if word in lex.generic:
        return True
    return len(word) >= 4 and any(
        word[:i] in lex.generic and word[i:] in lex.generic for i in range(2, len(word) - 1)
    )


@functools.cache
def _posseg():
    with _LOCK:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        return jieba.posseg.POSTokenizer(jieba.Tokenizer())


@dataclass(frozen=True)
class Word:
    text: str
    tag: str
    generic: bool


def content_words(sentence: str) -> list[Word]:
    """The content words of ``sentence`` (two or more Han characters of a content class)."""
    lex = lexicon()
    words = []
    for pair in _posseg().lcut(MARKER_RE.sub("", sentence), HMM=False):
        w, tag = pair.word, pair.flag
        if len(w) < 2 or not _HAN_RE.match(w):
            continue
        if tag not in CONTENT_TAGS and w not in lex.qualifiers:
            continue
        if tag == "m" and w not in lex.qualifiers:
            continue
        words.append(Word(w, tag, _generic(w, lex)))
    return words


#: a statement that the year had none of a thing (全年未发生败诉行政应诉案件, 全年未发现干警违法违纪问题)
_NONE_FACT_RE = re.compile(r"(?:全年|本年度|年内)(?:未发生|未发现|未出现|无)[\u4e00-\u9fff]{2,}")


def _anchor(sentence: str, words: list[Word]) -> str | None:
    """The concrete thing a sentence names, if any (a figure, a marker, a title, a named object)."""
    if MARKER_RE.search(sentence):
        return "marker"
    if m := _NONE_FACT_RE.search(sentence):  # the year had none of it: a fact of the table (blind read r61)
        return m.group(0)
    if m := _FIGURE_RE.search(sentence):
        return m.group(0)
    if m := _QUOTED_RE.search(sentence):
        return m.group(0)
    lex = lexicon()
    heads = lex.heads
    if hit := next((w.text for w in words if w.text in lex.objects), None):
        return hit
    for prev, word in zip(words, words[1:], strict=False):
        if not prev.generic and prev.tag in MODIFIER_TAGS and any(word.text.endswith(h) for h in heads):
            return prev.text + word.text
    for word in words:
        if not word.generic and len(word.text) >= 4 and word.tag in NAME_TAGS:
            return word.text
    for word in words:  # one word holding a specific modifier and a head (法律顾问, 中心组)
        for h in heads:
            if word.text.endswith(h) and len(word.text) > len(h) and not word.generic:
                return word.text
    return None


@dataclass(frozen=True)
class FillerScore:
    score: float  # share of generic content words
    anchor: str | None  # the concrete thing named, if any
    words: tuple[Word, ...]

    @property
    def filler(self) -> bool:
        return self.anchor is None and bool(self.words) and self.score >= THRESHOLD


@functools.lru_cache(maxsize=8192)
def filler_score(sentence: str) -> FillerScore:
    """The filler score of one sentence (see the module docstring)."""
    words = content_words(sentence)
    share = sum(w.generic for w in words) / len(words) if words else 0.0
    return FillerScore(round(share, 3), _anchor(sentence, words), tuple(words))


def is_filler(sentence: str) -> bool:
    """Whether ``sentence`` says nothing a drafter could keep (all generic, nothing concrete)."""
    return filler_score(sentence).filler
