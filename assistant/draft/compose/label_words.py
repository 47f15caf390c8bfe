"""The words of a metric label: jieba's tags over the word classes of data/metric_phrases.yaml.

``grammar:`` of the YAML holds word classes (verbs, people, activities, cases, amounts, meetings …),
never whole labels. :func:`tokens` segments and tags a label with jieba (over the process's one
dictionary, lang/words.py), marking the words that are predicates; :class:`Phrase` is what the
label grammar (grammar.py, label_clauses.py) makes of a label.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.lang.places import LEVEL_CHARS
from assistant.lang.units import unit_class
from assistant.lang.words import pos_tokenizer

#: the year's new ones (新建法治文化阵地, 本年度新命名…示范点, 新获评…): a flow, never what stands (blind
#: read r47: 新命名… said as 现有…), and never the running total of the same things
NEW_RE = re.compile(
    r"^(?:全年|年内|本年度?)?新(?:建|增|设立|设|培育|创建|认定|命名|获评|获|评定|授予|组建|成立|招录|聘)"
)

DATA = Path(__file__).resolve().parents[2] / "data" / "metric_phrases.yaml"
#: a trailing （note） is dropped, but not a place-level qualifier of the noun (县（市、区）, 村（社区）)
_PAREN_RE = re.compile(r"(?<![县市区村镇乡])[（(][^）)]*[）)]$")


@dataclass(frozen=True)
class Token:
    word: str
    tag: str
    verb: bool


@dataclass(frozen=True)
class Phrase:
    """A figure's phrase: ``before`` + value + ``after`` (no 全年, no end mark).

    Attributes:
        before: words before the value.
        after: words after the value (the comparison follows them).
        stock: a running total or a self-scoped clause: no 全年 before it.
        sure: a pattern of the label's grammar fitted; ``False`` for the plain frame.
        unit: the unit to print when it differs from the row's (人 → 名 before a noun of people).
        tail: words after the comparison with last year (…，已整改【待补充：数量】个).
    """

    before: str
    after: str = ""
    stock: bool = False
    sure: bool = True
    unit: str | None = None
    tail: str = ""


@functools.cache
def words() -> dict[str, Any]:
    """The word classes (``grammar:`` of data/metric_phrases.yaml), lists as tuples/sets."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))["grammar"]
    out: dict[str, Any] = {
        k: dict(v) if isinstance(v, dict) else tuple(sorted(v, key=len, reverse=True)) for k, v in raw.items()
    }
    out["verb_set"] = frozenset(raw["verbs"]) | frozenset(_kind_verbs())
    return out


def _kind_verbs() -> list[str]:
    from assistant.lang.vocab import _data as vocab_data

    return [v for v in vocab_data().get("verbs", []) if len(v) <= 4]


_TOKENIZER: list[Any] = []
_TOKENIZER_LOCK = threading.Lock()


def _tokenizer() -> Any:
    """jieba's part-of-speech tokenizer over the process's one dictionary (lang/words.py) with the
    word classes added (built once; the first call waits for the dictionary, see :func:`warm_up`)."""
    with _TOKENIZER_LOCK:
        if _TOKENIZER:
            return _TOKENIZER[0]
        w = words()
        extra = {verb: "v" for verb in w["verb_set"] if verb not in w["not_verbs"]}
        for noun in (*w["people"], *w["participants"], *w["activities"], *w["cases"], *w["served"]):
            if noun not in w["verb_set"]:
                extra[noun] = "n"
        _TOKENIZER.append(pos_tokenizer(extra))
        return _TOKENIZER[0]


def warm_up() -> threading.Thread:
    """Load the tokenizer in a background thread (a server calls it at start, a draft when it begins),
    so the first figure sentence does not wait for jieba's dictionary."""
    thread = threading.Thread(target=_tokenizer, name="jieba-warm-up", daemon=True)
    thread.start()
    return thread


@functools.cache
def tokens(label: str) -> tuple[Token, ...]:
    """The label's words with their jieba tags; ``verb`` marks a predicate (lexicon, else jieba's
    ``v`` at the label's start)."""
    w = words()
    out = []
    for i, pair in enumerate(_tokenizer().cut(label)):
        word, tag = pair.word, pair.flag
        verb = (
            word in w["verb_set"]
            or (i == 0 and tag == "v" and len(word) >= 2)
            or (tag in ("l", "i", "v") and len(word) == 4 and word[-2:] in w["verb_set"])  # 全面完成
            or (len(word) == 4 and word[:2] in w["verb_set"] and word[2:] in w["verb_set"])  # 立案查处
        )
        out.append(Token(word, tag, verb and word not in w["not_verbs"]))
    return tuple(out)


#: a measure of time a label names (平均审理天数, 办理时长, 审理周期): its figure is what it is, said 为…
DURATION_RE = re.compile(r"(?:天数|日数|时长|用时|周期|时限|耗时)$")


def clean(label: str, unit: str | None) -> str:
    """The label without a trailing （note）, count noun (人次/数量/数) or 的; with a unit of things
    (个, 处), without the work of making them (法治文化阵地建设 → 法治文化阵地)."""
    core = _PAREN_RE.sub("", label.strip()).strip()
    if unit_class(unit) == "item":
        tail = next((t for t in words()["making_tails"] if core.endswith(t)), "")
        made = core[: len(core) - len(tail)]
        if tail and ends(made, "facilities"):  # a thing made, not a work (法治建设)
            core = made
    if DURATION_RE.search(core):
        return core  # 审理天数 is a measure, never 审理天 (blind read r61)
    for _ in range(2):
        for noun in words()["count_nouns"]:
            if core.endswith(noun) and len(core) > len(noun) + 1:
                core = core[: -len(noun)]
                break
        core = core.rstrip("的")
    return core or label.strip()


def ends(text: str, key: str) -> str:
    """The longest word of a class that ends ``text`` (用人单位, never 单位 of it), else ``""``."""
    return max((x for x in words()[key] if text.endswith(x)), key=len, default="")


def noun(tok: Token) -> bool:
    return tok.tag.startswith("n") or tok.tag in ("j", "ng")


#: a level of place, with its qualifier (市（州）, 县（市、区）, 村（社区）): a noun the figure goes before
PLACE_LEVEL_RE = re.compile(rf"^(?:乡镇|街道|[{LEVEL_CHARS}村])(?:（[^（）]{{1,8}}）)?$")


def noun_word(text: str) -> bool:
    """A single short noun (单位, 站点) or a level of place (市（州）): the figure may go before it
    (覆盖105个单位, 覆盖14个市（州）)."""
    if PLACE_LEVEL_RE.match(text):
        return True
    toks = tokens(text)
    return len(toks) == 1 and 1 <= len(text) <= 2 and noun(toks[0])
