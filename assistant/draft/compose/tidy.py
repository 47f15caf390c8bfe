"""Whole-draft hygiene: near-duplicate sentences collapsed, so a draft says each thing once.

Sentences are compared by character-bigram overlap (:func:`assistant.lang.similarity.similarity`);
a later sentence that repeats an earlier one (≥ ``threshold``) is removed unless it carries a
figure the earlier one lacks. Within one paragraph two sentences without figures are a repeat from
``PARA_THRESHOLD`` on; the one with a 【待补充】 marker (asking for the body's facts) is kept. Within a
sentence, a clause said twice keeps its first occurrence
(:func:`drop_repeated_clauses`: 坚持和发展新时代“枫桥经验”，…142件，坚持和发展新时代“枫桥经验”，…).
A paragraph left empty gets a visible marker.
"""

from __future__ import annotations

import re

from assistant.lang.markers import MARKER_RE, missing
from assistant.lang.similarity import similarity
from assistant.types import Draft

_SENTENCE_RE = re.compile(r"[^。！？；]+[。！？；]?")
THRESHOLD = 0.7
#: Two sentences of one paragraph without figures that share this much say the same thing to a reader
#: (自觉接受人大监督、政协民主监督… twice; “枫桥经验” twice). In the 12 drafts of blind reads r5–r7, 5 pairs
#: fell between 0.5 and 0.7; the readers marked 3 of them repeats (监督, 枫桥经验, 学法) and the other 2 are
#: the long study sentence beside a shorter one asking for the study's facts.
PARA_THRESHOLD = 0.5
#: Topics a draft states once: a second sentence on one of them (八项规定 twice) is a repeat to a
#: reader even when the wording differs. Canonical name → the words that speak of it.
TOPICS = {
    name: re.compile(words)
    for name, words in {
        "八项规定": "八项规定",
        "三重一大": "三重一大",
        "权责清单": "权责清单",
        "法律顾问": "法律顾问",
        "民主决策": "民主决策",
        "双随机": "双随机",
        "学法考试": r"学法(?:用法)?考试|法律知识考试",
        "领导干部学法": r"领导干部(?:带头)?学法",
        "廉政责任": r"一岗双责|党风廉政建设责任制|从严治党主体责任",
        "行政执法三项制度": r"行政执法“?三项制度",
        "重要论述": r"依法治国(?:的)?重要论述",
        "宣传节点": r"12·4|国家宪法日",
        "民主集中制": "民主集中制",
        "决策合法性审查": r"决策(?:的)?合法性审查",
        "以案释法": "以案释法",
        "普法规划": r"“[一二三四五六七八九]五”普法|[一二三四五六七八九]五普法",
    }.items()
}
#: A quoted name of four or more letters (“枫桥经验”, “一岗双责”, “放管服”改革 is three) is a topic too:
#: a named practice is said once in a draft, however the sentences around it differ.
_QUOTED_RE = re.compile(r"“([\u4e00-\u9fff]{4,8})”")


def topics(text: str) -> set[str]:
    """The once-only topics a sentence speaks of (see ``TOPICS``, and any quoted practice)."""
    named = {name for name, words in TOPICS.items() if words.search(text)}
    quoted = {m.group(1) for m in _QUOTED_RE.finditer(text)}
    return named | {f"“{q}”" for q in quoted if not any(words.search(q) for words in TOPICS.values())}


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, end marks kept."""
    return [s for s in _SENTENCE_RE.findall(text) if s.strip()]


def _digits(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", MARKER_RE.sub("", text)))


_CLAUSE_RE = re.compile(r"[^，；、：]+[，；、：]?")
#: A clause this long or longer that occurs twice in one sentence is a repeat, not a refrain.
CLAUSE_MIN = 6
#: …and one this long that opens a later clause is cut from it (a lead said again before a figure).
PREFIX_MIN = 10


def drop_repeated_clauses(sentence: str, size: int = CLAUSE_MIN) -> str:
    """``sentence`` with each clause said a second time removed: a later clause equal to an earlier
    one (``size`` letters or more, without a figure or marker) is dropped; one that starts with an
    earlier clause of ``PREFIX_MIN`` letters or more loses that start."""
    end = sentence[-1] if sentence and sentence[-1] in "。！？；" else ""
    body = sentence[: len(sentence) - len(end)]
    seen: list[str] = []
    out: list[str] = []
    changed = False
    for piece in _CLAUSE_RE.findall(body):
        core, sep = (piece[:-1], piece[-1]) if piece[-1] in "，；、：" else (piece, "")
        plain = core.strip()
        if plain in seen:
            changed = True
            continue
        twin = next(
            (e for e in seen if len(e) >= PREFIX_MIN and plain.startswith(e) and len(plain) - len(e) >= 4),
            None,
        )
        if twin is not None:
            core, changed = plain[len(twin) :], True
        if len(plain) >= size and not re.search(r"\d|【", plain):
            seen.append(plain)
        out.append(core + sep)
    if not changed:
        return sentence
    text = "".join(out).rstrip("，；、：")
    return text + end


_COMMA_CLAUSE_RE = re.compile(r"[^，；]+[，；]?")
#: a run of this many letters said again in a paragraph is a repeat (全面从严治党政治责任 twice: r20);
#: within one sentence a shorter one (法治政府建设工作) in a leading general clause
GRAM, CLAUSE_GRAM = 10, 8
#: a sentence left this short once its repeated clauses go says nothing of its own (涵养清正廉洁的新风正气)
LEFT_MIN = 12


def _letters(text: str) -> str:
    """The letters a phrase is compared by: no marker, no punctuation, no 的/中的 (研究解决法治建设中的重大问题
    says 研究解决法治建设重大问题 again: blind read r36)."""
    plain = re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", MARKER_RE.sub("", text))
    return re.sub(r"中的|的", "", plain)


def _grams(text: str, size: int = GRAM) -> set[str]:
    plain = _letters(text)
    return {plain[i : i + size] for i in range(len(plain) - size + 1)}


#: a clause goes when this share of its letters is a phrase said before (扛起全面从严治党政治责任: 10 of 12);
#: one that names a body said before to say something new stays (将…列入局党组理论学习中心组、局务会议…)
SAID_SHARE = 0.6


def said_share(text: str, before: set[str], size: int = GRAM) -> float:
    """The share of ``text``'s letters inside a run of ``size`` letters found in ``before``."""
    plain = _letters(text)
    if not plain:
        return 0.0
    hit = [False] * len(plain)
    for i in range(len(plain) - size + 1):
        if plain[i : i + size] in before:
            hit[i : i + size] = [True] * size
    return sum(hit) / len(plain)


#: a leading clause of study of the leader's thought (深入学习贯彻习近平总书记关于全面依法治国的重要论述，): said
#: once a paragraph (blind reads r20–r23 marked the second every round)
STUDY_LEAD_RE = re.compile(
    r"^(?:带头)?(?:深入|认真|全面|持续)?(?:学习贯彻|学习领会|学习宣传|贯彻落实)习近平[^，。；]{0,30}(?:思想|论述|精神|讲话)，"
)
STUDY_CLAUSE_RE = re.compile(
    r"，(?:带头)?(?:深入|认真|全面|持续)?(?:学习贯彻|学习领会)习近平[^，。；]{0,30}(?:思想|论述|精神|讲话)，"
)
STUDY_SAID_RE = re.compile(r"(?:学习贯彻|学习领会|学习宣传|贯彻落实|带头学习|认真学习)习近平")


#: a title that names no document, only its type (《条例》《准则》 of 学习宣传《党章》《条例》《准则》等: blind
#: read r24): the reader cannot tell which is meant
BARE_TITLE_RE = re.compile(r"、?《(?:条例|准则|规定|办法|意见|决定|通知|纲要|细则|规则|规划|方案|法)》")


def drop_bare_titles(sentence: str) -> str:
    """``sentence`` without the titles that name only a document type, when a named title stays beside
    them (学习宣传《党章》《条例》《准则》等党内法规 → 学习宣传《党章》等党内法规)."""
    out = BARE_TITLE_RE.sub("", sentence)
    if out == sentence or "《" not in out:
        return sentence
    return out.replace("等等", "等")


def drop_study_lead(sentence: str, earlier: list[str]) -> str:
    """``sentence`` without its leading study clause when an earlier sentence of the paragraph has one
    (the rest of the sentence stays when it holds twelve letters or more)."""
    if not any(STUDY_SAID_RE.search(e) for e in earlier):
        return sentence
    m = STUDY_LEAD_RE.match(sentence)
    if not m:  # …会前学法制度，深入学习贯彻习近平法治思想，【待补充…】: a whole middle clause (r24)
        inner = STUDY_CLAUSE_RE.search(sentence)
        return sentence[: inner.start() + 1] + sentence[inner.end() :] if inner else sentence
    rest = sentence[m.end() :]
    return rest if len(re.sub(r"[^\u4e00-\u9fff]", "", rest)) >= LEFT_MIN else sentence


def _content_letters(text: str) -> int:
    """The letters a sentence says of its own: no marker, no 《title》 (落实中央《党政主要负责人履行推进法治建设
    第一责任人职责规定》 says four: blind reads r40, r41 found such a stub left once its clauses went)."""
    return len(re.sub(r"[^\u4e00-\u9fff]", "", re.sub(r"《[^《》]*》", "", MARKER_RE.sub("", text))))


def _rejoined(clauses: list[str], end: str) -> str:
    """The clauses a sentence kept, joined and closed, or ``""`` when they say too little of their own:
    fewer than ``LEFT_MIN`` letters (titles and markers not counted) and no figure or marker."""
    text = "".join(clauses).rstrip("，；、：")
    if _FRAGMENT_RE.match(text) and not re.search(r"\d|【", text):
        return ""  # 为…提供法律服务 once 选聘法律顾问 went: a purpose with no act of its own (r56)
    return text + (end or "。") if _content_letters(text) >= LEFT_MIN or re.search(r"\d|【", text) else ""


#: what a clause that lost the clause before it starts with when it cannot stand alone: a purpose or a
#: consequence of an act no longer said
_FRAGMENT_RE = re.compile(r"^(?:为(?![期止])|并(?!联)|从而|进而|使得?|以便|以此|确保)")


def drop_topic_clauses(sentence: str, said: set[str]) -> str:
    """``sentence`` without the clauses that name only topics the draft has said (…37场次，深入推进“九五”普法
    after 结合“九五”普法…; 深化以案释法 after two sentences of it: blind read r39); ``""`` when what is left is
    shorter than ``LEFT_MIN`` letters and holds no figure or marker. A clause with a figure or a marker, or
    with a topic not yet said, stays."""
    end = sentence[-1] if sentence and sentence[-1] in "。！？；" else ""
    pieces = _COMMA_CLAUSE_RE.findall(sentence[: len(sentence) - len(end)])
    kept = [p for p in pieces if re.search(r"\d|【", p) or not (named := topics(p)) or not named <= said]
    if len(kept) == len(pieces):
        return sentence
    return _rejoined(kept, end)


def drop_clauses_said_before(sentence: str, earlier: list[str]) -> str:
    """``sentence`` without the clauses that say again a phrase (``GRAM`` letters) of an earlier sentence
    of the paragraph or of a later clause of its own (带头研究部署法治政府建设工作，主持召开会议专题研究
    法治政府建设工作…: the general clause goes, the specific one stays); ``""`` when what is left is
    shorter than ``LEFT_MIN`` letters. A clause holding a figure or a marker always stays."""
    end = sentence[-1] if sentence and sentence[-1] in "。！？；" else ""
    body = sentence[: len(sentence) - len(end)]
    pieces = _COMMA_CLAUSE_RE.findall(body)  # whole clauses: an item of a 、 list never goes alone (r22)
    if not pieces:
        return sentence
    before: set[str] = set()
    for e in earlier:
        before |= _grams(e)
    out: list[str] = []
    dropped = False
    for k, piece in enumerate(pieces):
        core = piece.rstrip("，；")
        later: set[str] = set()
        for other in pieces[k + 1 :]:
            later |= _grams(other, CLAUSE_GRAM)
        own = _grams(core)
        if re.search(r"\d|【", core) or not core.strip():
            out.append(piece)
            continue
        short = k == 0 and len(pieces) > 1 and len(core) <= 16 and _grams(core, CLAUSE_GRAM) & later
        if (own & before and said_share(core, before) >= SAID_SHARE) or short:
            dropped = True
            continue
        out.append(piece)
    if not dropped:
        return sentence
    return _rejoined(out, end)


def near_duplicates(texts: list[str], threshold: float = THRESHOLD) -> list[tuple[str, str]]:
    """Pairs of sentences (earlier, later) of ``texts`` that say the same thing."""
    seen: list[str] = []
    pairs = []
    for text in texts:
        for sent in sentences(text):
            core = MARKER_RE.sub("", sent)
            if len(core) < 10:
                continue
            twin = next((s for s in seen if similarity(core, MARKER_RE.sub("", s)) >= threshold), None)
            if twin is not None:
                pairs.append((twin, sent))
            else:
                seen.append(sent)
    return pairs


def _paragraph_twin(core: str, kept: list[str]) -> str | None:
    """An earlier sentence of the paragraph, without figures, that says what ``core`` says (≥ ``PARA_THRESHOLD``)."""
    return next(
        (k for k in kept if not _digits(k) and similarity(core, MARKER_RE.sub("", k)) >= PARA_THRESHOLD), None
    )


def _drop_span(p: object, sent: str) -> None:
    """Keep the paragraph's provenance spans in step with its text."""
    spans = getattr(p, "spans", None)
    if spans:
        p.spans = [sp for sp in spans if sp.text.strip() != sent.strip()]  # type: ignore[attr-defined]


def collapse_repeats(draft: Draft, threshold: float = THRESHOLD) -> int:
    """Remove near-duplicate sentences from the draft's body text; returns how many were removed."""
    seen: list[str] = []
    removed = 0
    for sd in draft.sections:
        for p in sd.paragraphs:
            head = p.heading if p.run_in and p.heading and p.text.startswith(p.heading) else ""
            body = p.text[len(head) :]
            kept: list[str] = []
            changed = False
            for sent in sentences(body):
                once = drop_bare_titles(drop_repeated_clauses(sent))
                if once != sent:  # a clause said twice in the sentence, a title that names nothing
                    for sp in getattr(p, "spans", None) or []:
                        if sp.text.strip() == sent.strip():
                            sp.text = once
                    sent, changed = once, True
                core = MARKER_RE.sub("", sent)
                twin = (
                    next((s for s in seen if similarity(core, MARKER_RE.sub("", s)) >= threshold), None)
                    if len(core) >= 10
                    else None
                )
                if twin is None and len(core) >= 10 and not _digits(sent):  # a looser twin in the paragraph
                    twin = _paragraph_twin(core, kept)
                    if twin is not None and MARKER_RE.search(sent) and not MARKER_RE.search(twin):
                        kept.remove(twin)  # the one asking for the body's facts stays
                        _drop_span(p, twin)
                        removed += 1
                        twin = None
                if twin is not None and _digits(sent) <= _digits(twin):
                    removed += 1
                    _drop_span(p, sent)
                    continue
                if not _digits(sent):  # a phrase the paragraph has said (r20)
                    once = drop_clauses_said_before(drop_study_lead(sent, kept), kept)
                    if not once:
                        removed += 1
                        _drop_span(p, sent)
                        changed = True
                        continue
                    if once != sent:
                        for sp in getattr(p, "spans", None) or []:
                            if sp.text.strip() == sent.strip():
                                sp.text = once
                        sent, changed = once, True
                kept.append(sent)
                seen.append(sent)
            if changed or len(kept) != len(sentences(body)):
                text = "".join(kept)
                if not text.strip():
                    text = missing("具体内容") + "。" if head else missing(f"{sd.title}相关工作情况") + "。"
                p.text = head + text
    return removed
