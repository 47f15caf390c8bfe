"""Mechanical lints over a draft or a chat answer: the defects a reader spots without knowing the facts.

Shared by ``bench/bench_matrix.py`` (the measure of issue 18) and the tests. Each lint returns
:class:`Defect` records naming the lint, the sentence and what is wrong; none of them needs the
index. The lints (``LINTS``):

- ``doubled``: a word said twice in a row (培育培育);
- ``echo``: a label's verb said again after the verb that introduces it (覆盖普法宣传覆盖群众),
  or two action verbs stacked (办理审结);
- ``verb_kind``: an activity verb before an amount, a rate or a head count (开展罚没款1860万元);
- ``phrase_twice``: a phrase of ≥ 10 characters twice in one sentence;
- ``near_duplicate``: two sentences of one text that say the same thing;
- ``voice``: words of another kind of body or level (the voice audit's findings);
- ``stated_unused``: a figure the text states and the 未使用的数据 list names too;
- ``worsened_silent``: a figure that worsened against last year, not named in the 问题 part;
- ``contradiction``: a 问题 item that says a matter the draft claims complete falls short.

Cross-draft (``same_parts``): two bodies of different kinds given the same 问题 or 打算 part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.lang.markers import MARKER_RE
from assistant.lang.similarity import similarity
from assistant.lang.units import unit_class

LINTS = (
    "refused",
    "doubled",
    "echo",
    "verb_kind",
    "phrase_twice",
    "near_duplicate",
    "voice",
    "stated_unused",
    "worsened_silent",
    "contradiction",
    "same_parts",
)

_SENT_RE = re.compile(r"[^。！？；]+[。！？；]?")
_HAN = r"\u4e00-\u9fff"
#: Action verbs that introduce a figure or stand at the head of a metric label.
VERBS = (
    "开展",
    "举办",
    "组织",
    "覆盖",
    "培育",
    "培养",
    "办理",
    "审结",
    "办结",
    "受理",
    "审核",
    "审查",
    "调解",
    "调处",
    "化解",
    "建成",
    "建立",
    "设立",
    "接收",
    "发放",
    "聘请",
    "完成",
    "查处",
    "收缴",
    "处理",
    "出庭",
    "纠正",
    "备案",
    "清理",
    "提供",
    "解答",
)
_VERB_ALT = "|".join(sorted(VERBS, key=len, reverse=True))
#: Verbs of activities: they take events, items, cases, never an amount, a rate or a head count.
ACTIVITY = ("开展", "举办")
#: Two-character words whose doubling is ordinary Chinese (AABB/ABAB forms of official prose).
DOUBLE_OK = {"仔细", "认真", "明白", "干净", "清楚", "扎实"}
_DOUBLED_RE = re.compile(rf"([{_HAN}]{{2,4}})\1")
#: Verb pairs that are ordinary compounds of official prose (组织开展学法用法考试, 调处化解矛盾纠纷).
COMPOUNDS = {"组织开展", "调处化解", "排查化解", "受理办结", "审核审查", "组织举办", "建立完善"}
_REPEAT_RE = re.compile(rf"({_VERB_ALT})([{_HAN}“”]{{1,8}}?)\1")
#: Words that say a matter falls short (a 问题 item's predicate).
SHORT = re.compile(r"仍有待|有待(?:进一步)?(?:提高|加强|提升|完善)|不够|不足|不到位|薄弱|欠缺|不高|滞后|不强")
#: A claim that a matter is complete: 合法性审查全覆盖, 实现…全覆盖, …率达100%.
CLAIM = re.compile(rf"([{_HAN}]{{2,10}}?)(?:实现)?(?:全覆盖|全部到位|率达100%|率为100%|百分之百)")
#: Year-over-year phrases that say a figure went down or up (written by draft/tables/compare.py).
FELL = re.compile(r"较上年(?:减少|下降|降低)|同比下降|有所减少|有所下降|有所降低")
ROSE = re.compile(r"较上年(?:增加|提高|上升)|同比增长|有所增加|有所提高|有所上升")


@dataclass(frozen=True)
class Defect:
    """One finding: which lint, the sentence, and what is wrong."""

    lint: str
    text: str
    detail: str = ""

    def to_public(self) -> dict[str, str]:
        return {"lint": self.lint, "text": self.text, "detail": self.detail}


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, end marks kept, blank ones skipped."""
    return [s for s in _SENT_RE.findall(text or "") if s.strip()]


def _plain(text: str) -> str:
    return MARKER_RE.sub("", text)


def doubled(text: str) -> list[Defect]:
    """A word of 2–4 characters said twice in a row (培育培育)."""
    out = []
    for sent in sentences(text):
        for m in _DOUBLED_RE.finditer(_plain(sent)):
            if m.group(1) not in DOUBLE_OK:
                out.append(Defect("doubled", sent, m.group(0)))
                break
    return out


def echo(text: str, labels: Iterable[str] = ()) -> list[Defect]:
    """A verb said again inside what it introduces (覆盖普法宣传覆盖群众), or a verb stacked before a
    label that starts with a verb of its own (办理审结各类案件; ordinary compounds such as 组织开展 pass)."""
    out = []
    heads = [lab for lab in labels if re.match(_VERB_ALT, lab)]
    for sent in sentences(text):
        plain = _plain(sent)
        m = _REPEAT_RE.search(plain)
        found = m.group(0) if m else None
        for lab in heads if found is None else ():
            for hit in re.finditer(rf"({_VERB_ALT}){re.escape(lab)}", plain):
                pair = hit.group(1) + re.match(_VERB_ALT, lab).group(0)
                if pair not in COMPOUNDS:
                    found = hit.group(0)
                    break
            if found:
                break
        if found is not None:
            out.append(Defect("echo", sent, found))
    return out


def verb_kind(text: str) -> list[Defect]:
    """An activity verb (开展/举办) whose clause's first figure is an amount, a rate or a head count."""
    out = []
    for sent in sentences(text):
        for clause in re.split(r"[，,：:]", _plain(sent)):
            m = re.search(rf"(?:{'|'.join(ACTIVITY)})[^\d]*?(\d[\d.]*)\s*(?:余|多)?\s*(\S{{0,3}})", clause)
            if not m:
                continue
            cls = _unit_class_at(m.group(2))
            if cls in ("money", "rate", "person"):
                out.append(Defect("verb_kind", sent, f"{m.group(0)}（{cls}）"))
                break
    return out


def _unit_class_at(tail: str) -> str | None:
    for n in (3, 2, 1):
        cls = unit_class(tail[:n]) if len(tail) >= n else None
        if cls:
            return cls
    return None


def phrase_twice(text: str, size: int = 10) -> list[Defect]:
    """A phrase of at least ``size`` characters (letters, no punctuation) twice in one sentence."""
    out = []
    for sent in sentences(text):
        plain = _plain(sent)
        seen: dict[str, int] = {}
        for i in range(len(plain) - size + 1):
            gram = plain[i : i + size]
            if not all(c.isalnum() or c in "“”" for c in gram) or sum(c.isalnum() for c in gram) < size - 1:
                continue
            if gram in seen and i >= seen[gram] + size:
                out.append(Defect("phrase_twice", sent, gram))
                break
            seen.setdefault(gram, i)
    return out


def near_duplicate(texts: Iterable[str], threshold: float = 0.7) -> list[Defect]:
    """Later sentences of ``texts`` that repeat an earlier one (bigram overlap ≥ ``threshold``)."""
    seen: list[str] = []
    out = []
    for text in texts:
        for sent in sentences(text):
            core = _plain(sent)
            if len(core) < 10:
                continue
            twin = next((s for s in seen if similarity(core, s) >= threshold), None)
            if twin is not None:
                out.append(Defect("near_duplicate", sent, twin))
            else:
                seen.append(core)
    return out


def text_lints(texts: list[str], labels: Iterable[str] = (), prose: list[str] | None = None) -> list[Defect]:
    """Every per-sentence lint over ``texts`` plus near-duplicates across ``prose`` (default: ``texts``;
    a draft passes its paragraphs only, since a heading may well restate its section's first sentence)."""
    labels = list(labels)
    out: list[Defect] = []
    for text in texts:
        out += doubled(text) + echo(text, labels) + verb_kind(text) + phrase_twice(text)
    return out + near_duplicate(texts if prose is None else prose)


def stated_unused(texts: list[str], unused: list[str], rows: Iterable) -> list[Defect]:
    """Rows the 未使用的数据 list names whose figure the text states (label's figure in a sentence)."""
    body = "".join(texts)
    out = []
    for row in rows:
        entry = next((u for u in unused if u.startswith(f"{row.label} ")), None)
        if entry is None:
            continue
        value = re.escape(str(row.value).rstrip("%"))
        if re.search(rf"(?<![\d.]){value}(?![\d])", body):
            out.append(Defect("stated_unused", entry, row.label))
    return out


def worsened(row) -> bool:
    """Whether a row's figure got worse against last year: a rate that fell; a 纠错率, an error or case
    count of disputes and complaints that rose (the direction a reader reads as bad)."""
    from assistant.lang.units import parse_value

    if not row.last or row.number is None:
        return False
    try:
        last = parse_value(row.last).number
    except Exception:  # noqa: BLE001 - an unparsable last value says nothing about the direction
        return False
    if last is None or last == row.number:
        return False
    rose = row.number > last
    return rose if bad_when_higher(row.label) else (not rose and good_when_higher(row))


#: Labels whose figure is bad when it rises: corrections, errors, complaints, lost cases.
BAD_HIGHER = re.compile(r"纠错|败诉|被撤销|被纠正|投诉|信访|案发|发案|违法|事故|超期|不合格|错案|改判|发回")


def bad_when_higher(label: str) -> bool:
    return bool(BAD_HIGHER.search(label))


def good_when_higher(row) -> bool:
    """A rate (率, %) other than an error rate: falling is a worsening."""
    return (row.unit_class == "rate" or "率" in row.label) and not bad_when_higher(row.label)


def worsened_silent(problems: str, rows: Iterable) -> list[Defect]:
    """Figures that worsened against last year but which the 问题 part does not name."""
    out = []
    for row in rows:
        if worsened(row) and not (row.label in problems and "原因" in problems):
            out.append(Defect("worsened_silent", f"{row.label} {row.value}（上年{row.last}）", row.label))
    return out


def contradiction(claims_text: str, problems: str) -> list[Defect]:
    """问题 sentences that say a matter falls short which the rest of the draft claims complete
    (合法性审查全覆盖, then 对…合法性要求重视程度仍有待提高): a 3-letter word of the claim's matter in a
    sentence that says 有待/不够/不足."""
    matters = [_matter(m.group(1)) for m in CLAIM.finditer(_plain(claims_text))]
    grams = {m[i : i + 3] for m in matters for i in range(len(m) - 2)} - GENERIC
    out = []
    for sent in sentences(problems):
        if not SHORT.search(sent):
            continue
        hit = next((g for g in sorted(grams) if g in sent), None)
        if hit:
            out.append(Defect("contradiction", sent, hit))
    return out


#: Three-letter words too general to tie a problem to a claim.
GENERIC = {"法治建", "治建设", "建设工", "设工作", "全面依", "面依法", "依法治"}


def _matter(words: str) -> str:
    """The matter of a claim: the letters before 全覆盖, without a leading verb (实现/做到)."""
    return re.sub(r"^.*?(?:实现|做到|达到|基本)", "", words)[-6:]


def part_text(draft, key: str) -> str:
    """The text of one level-1 section of a draft (``problems``, ``plans``), headings included."""
    out = []
    for sd in draft.sections:
        if sd.key == key:
            for p in sd.paragraphs:
                out.append(p.text if p.run_in or not p.heading else f"{p.heading}{p.text}")
    return "".join(out)


def draft_lints(draft, rows: list) -> list[Defect]:
    """Every single-draft lint over a drafted report (refusal and ``same_parts`` are the caller's)."""
    from assistant.draft.report import iter_texts

    texts = [t for _w, t in iter_texts(draft)]
    prose = [draft.opening] + [p.text for sd in draft.sections for p in sd.paragraphs] + [draft.closing]
    out = text_lints(texts, [r.label for r in rows], prose)
    out += [Defect("voice", f.text, f.reason) for f in draft.voice]
    out += stated_unused(texts, draft.unused, rows)
    problems = part_text(draft, "problems")
    out += worsened_silent(problems, rows)
    rest = "".join(t for _w, t in iter_texts(draft) if t not in problems)
    out += contradiction(rest, problems)
    return out


def same_parts(parts: dict[str, tuple[str, str]]) -> dict[str, list[Defect]]:
    """Drafts (id → (kind, part text)) whose part equals, word for word, one of a body of another kind."""
    out: dict[str, list[Defect]] = {}
    by_text: dict[str, list[tuple[str, str]]] = {}
    for ident, (kind, text) in parts.items():
        by_text.setdefault(_normal(text), []).append((ident, kind))
    for text, owners in by_text.items():
        if not text or len({k for _i, k in owners}) < 2:
            continue
        for ident, kind in owners:
            other = next(i for i, k in owners if k != kind)
            out.setdefault(ident, []).append(Defect("same_parts", text[:60], f"与{other}相同"))
    return out


def _normal(text: str) -> str:
    """A part's text with self-references and markers taken out (我镇/我局 … differ by body only)."""
    text = MARKER_RE.sub("", text)
    return re.sub(
        r"我[镇乡县区市州省局委办部院]|我街道|[镇乡县区市]党委|街道党工委|[局委]党组|院党组", "", text
    )
