"""Mechanical lints over a draft or a chat answer: the defects a reader spots without knowing the facts.

Shared by ``bench/bench_matrix.py`` (the measure of issue 18) and the tests. Each lint returns
:class:`Defect` records naming the lint, the sentence and what is wrong; none of them needs the
index. The lints (``LINTS``):

- ``doubled``: a word said twice in a row (培育培育);
- ``echo``: a label's verb said again after the verb that introduces it (覆盖普法宣传覆盖群众),
  or two action verbs stacked (办理审结);
- ``verb_kind``: an activity verb before an amount, a rate or a head count (开展罚没款1860万元);
- ``phrase_twice``: a phrase of ≥ 10 characters twice in one sentence;
- ``subjectless``: a clause that opens with a figure and goes on with what was done (…，5次（较上年
  增加2次）专题研究…): the figure's subject was lost;
- ``near_duplicate``: two sentences of one text that say the same thing;
- ``voice``: words of another kind of body or level (the voice audit's findings);
- ``stated_unused``: a figure the text states and the 未使用的数据 list names too;
- ``worsened_silent``: a figure that worsened against last year, not named in the 问题 part;
- ``judged_neutral``: a figure named in the 问题 part as a change (较上年上升) although it did not move
  against a direction that is clear for the body (罚没款, 行政复议案件, a 司法局's 复议纠错率);
- ``contradiction``: a 问题 item that says a matter the draft claims complete falls short;
- ``expired_period``: a plan or title whose span ended before the report's year (“八五”普法 or
  《…（2021—2025年）》 in a 2026 report);
- ``leader``: a prose sentence whose subject is the generic 党政主要负责人 (the 第一责任人 part names
  this body's head: 县政府主要负责同志, 局主要负责人, 本人; the heading keeps the official words);
- ``filler``: a general sentence that says nothing a drafter could keep (:mod:`assistant.lang.filler`)
  beside a content sentence of its paragraph, a second one in a paragraph, or one said twice in a draft.
- ``fit``: a sentence whose words fit only a lower level (法治进村, 送法入户, 村村响 above 乡镇/街道),
  another department's speciality (机构编制管理 outside the 编办) or a campaign outside the body's
  business (利用安全生产宣传月… in a 市人民政府's draft); read from ``data/business.yaml``, independent of
  the ``scope:`` entries of ``bodies.yaml`` that drop such sentences.

Words of another kind's scope (行政应诉 or 重大行政决策 in a 党委工作部门's draft) and roles the body
lacks (党委重要议事日程 for a body with no party organ of its own) are the voice audit's findings:
``voice``.

Cross-draft (``same_parts``): two bodies of different kinds given the same 问题 or 打算 part;
(``shared``): a general (filler) sentence of the performance sections, written word for word in
drafts of bodies of different kinds (:func:`shared_sentences`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.lang.markers import MARKER_RE
from assistant.lang.similarity import bigrams
from assistant.lang.units import unit_class

LINTS = (
    "refused",
    "doubled",
    "echo",
    "verb_kind",
    "phrase_twice",
    "subjectless",
    "near_duplicate",
    "voice",
    "stated_unused",
    "worsened_silent",
    "judged_neutral",
    "contradiction",
    "same_parts",
    "expired_period",
    "leader",
    "filler",
    "shared",
    "fit",
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
    "制发",
    "提起",
    "发出",
    "接待",
    "召开",
)
_VERB_ALT = "|".join(sorted(VERBS, key=len, reverse=True))
#: Verbs of activities: they take events, items, cases, never an amount, a rate or a head count.
ACTIVITY = ("开展", "举办")
#: Two-character words whose doubling is ordinary Chinese (AABB/ABAB forms of official prose).
DOUBLE_OK = {"仔细", "认真", "明白", "干净", "清楚", "扎实"}
_DOUBLED_RE = re.compile(rf"([{_HAN}]{{2,4}})\1")
#: Verb pairs that are ordinary compounds of official prose (组织开展学法用法考试, 调处化解矛盾纠纷).
COMPOUNDS = {"组织开展", "调处化解", "排查化解", "受理办结", "审核审查", "组织举办", "建立完善"}
#: Verbs that end a label as nouns of the work (合法性审查, 备案审核), not as its predicate.
NOUN_TAILS = ("审查", "审核", "调解", "备案", "处理", "纠正", "清理", "受理", "提供", "覆盖")
#: A verb said again after a short gap (覆盖普法宣传覆盖); a gap holding a conjunction is a
#: coordination (诉前调解与人民调解), not an echo.
_REPEAT_RE = re.compile(rf"({_VERB_ALT})((?:(?![与和及或、])[{_HAN}“”]){{1,8}}?)\1")


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
    """A verb said again inside what it introduces (覆盖普法宣传覆盖群众), a verb stacked before a
    label that starts or ends with a verb of its own (办理审结各类案件, 培育“法律明白人”培养; ordinary
    compounds such as 组织开展 pass), or a label's words said again right after it (矛盾纠纷调处化解
    矛盾纠纷)."""
    out = []
    labels = list(labels)
    heads = [lab for lab in labels if re.match(_VERB_ALT, lab.strip("“”"))]
    tails = [
        lab
        for lab in labels
        if re.search(rf"(?:{_VERB_ALT})$", lab) and lab not in heads and not lab.endswith(NOUN_TAILS)
    ]
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
        for lab in tails if found is None else ():
            hit = re.search(rf"({_VERB_ALT}){re.escape(lab)}", plain)
            if hit and hit.group(1) not in lab:
                found = hit.group(0)
                break
        for lab in labels if found is None else ():
            for hit in re.finditer(re.escape(lab), plain):
                after = plain[hit.end() : hit.end() + len(lab) + 2]
                if len(lab) >= 6 and any(lab[i : i + 4] in after for i in range(len(lab) - 3)):
                    found = plain[hit.start() : hit.end() + len(lab)]
                    break
            if found:
                break
        if found is not None:
            out.append(Defect("echo", sent, found))
    return out


_SUBJECTLESS_RE = re.compile(
    r"(?:^|[，；：])(\d+(?:\.\d+)?(?:余|多)?[次件个人场名项]+(?:（[^）]*）)?"
    r"(?:专题|集中|研究|听取|召开|开展|组织|办理|审议|部署))"
)


def subjectless(text: str) -> list[Defect]:
    """A clause that opens with a figure and then says what was done: whose figure it is was lost."""
    out = []
    for sent in sentences(text):
        m = _SUBJECTLESS_RE.search(_plain(sent))
        if m:
            out.append(Defect("subjectless", sent, m.group(1)))
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
            meeting = re.search(rf"(?:{'|'.join(ACTIVITY)})[^\d，]*?(?:会议|全会|常委会|例会)\d", clause)
            if meeting:  # a meeting is held (召开), never 开展
                out.append(Defect("verb_kind", sent, f"{meeting.group(0)}（meeting）"))
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
    """Later sentences of ``texts`` that repeat an earlier one (bigram overlap over the larger of the
    two ≥ ``threshold``) and add no figure of their own."""
    seen: list[str] = []
    out = []
    for text in texts:
        for sent in sentences(text):
            core = _plain(sent)
            if len(core) < 10:
                continue
            twin = next((s for s in seen if _alike(core, s) >= threshold), None)
            if twin is not None and _digits(core) <= _digits(twin):  # new figures: a new fact
                out.append(Defect("near_duplicate", sent, twin))
            else:
                seen.append(core)
    return out


def _alike(a: str, b: str) -> float:
    """Bigram overlap over the larger set: near-identical both ways (a short heading that a longer
    sentence contains, 规范街道综合执法 in 街道综合执法…还需提高, is not a repeat)."""
    x, y = bigrams(a), bigrams(b)
    return len(x & y) / max(len(x), len(y)) if x and y else 0.0


def _digits(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def text_lints(texts: list[str], labels: Iterable[str] = (), prose: list[str] | None = None) -> list[Defect]:
    """Every per-sentence lint over ``texts`` plus near-duplicates across ``prose`` (default: ``texts``;
    a draft passes its paragraphs only, since a heading may well restate its section's first sentence)."""
    labels = list(labels)
    out: list[Defect] = []
    for text in texts:
        out += doubled(text) + echo(text, labels) + verb_kind(text) + phrase_twice(text) + subjectless(text)
    return out + near_duplicate(texts if prose is None else prose)


_GENERIC_LEADER_RE = re.compile(r"^\s*党政主要负责人(?!履行推进法治建设第一责任人职责规定)")


def generic_leader(texts: Iterable[str]) -> list[Defect]:
    """Prose sentences whose subject is the generic 党政主要负责人 instead of the body's own head."""
    return [
        Defect("leader", sent, "应写明本单位主要负责人")
        for text in texts
        for sent in sentences(text)
        if _GENERIC_LEADER_RE.match(sent)
    ]


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


def worsened(row, body=None) -> bool:
    """Whether a row's figure got worse against last year for the body (``compose.problems.worsened``)."""
    from assistant.draft.compose.problems import worsened as direction

    return direction(row, body) is not None


def worsened_silent(problems: str, rows: Iterable, body=None) -> list[Defect]:
    """Figures that worsened against last year but which the 问题 part does not name."""
    out = []
    for row in rows:
        if worsened(row, body) and not (row.label in problems and "原因" in problems):
            out.append(Defect("worsened_silent", f"{row.label} {row.value}（上年{row.last}）", row.label))
    return out


_JUDGED_RE = re.compile(r"较上年(?:有所)?(?:上升|下降|增加|减少|提高|降低)(?!\d)")


def judged_neutral(problems: str, rows: Iterable, body=None) -> list[Defect]:
    """Figures the 问题 part names as a change (…较上年上升) that did not move against a direction
    clear for the body: a neutral one (罚没款, a court's 收案) or one that got better."""
    out = []
    for sent in sentences(problems):
        if not _JUDGED_RE.search(sent):
            continue
        for row in rows:
            if row.label and row.label in sent and getattr(row, "last", None) and not worsened(row, body):
                out.append(Defect("judged_neutral", sent, row.label))
    return out


def contradiction(claims_text: str, problems: str) -> list[Defect]:
    """问题 sentences that say a matter falls short which the rest of the draft claims complete
    (合法性审查全覆盖, then 对…合法性要求重视程度仍有待提高; ``compose.problems.contradicts``)."""
    from assistant.draft.compose.problems import claims, contradicts

    claimed = claims([claims_text])
    out = []
    for sent in sentences(problems):
        hit = contradicts(sent, claimed)
        if hit:
            out.append(Defect("contradiction", sent, hit))
    return out


def part_text(draft, key: str) -> str:
    """The text of one level-1 section of a draft (``problems``, ``plans``), headings included."""
    out = []
    for sd in draft.sections:
        if sd.key == key:
            for p in sd.paragraphs:
                out.append(p.text if p.run_in or not p.heading else f"{p.heading}{p.text}")
    return "".join(out)


def expired_period(text: str, year: int | None) -> list[Defect]:
    """Sentences citing a plan or a titled span that ended before ``year``."""
    from assistant.lang.periods import current_periods

    out = []
    for sent in sentences(text):
        if current_periods(sent, year) != sent:
            out.append(Defect("expired_period", sent, "已结束的规划或文件期限"))
    return out


def filler(paragraphs: Iterable[str], exempt: Iterable[str] = ()) -> list[Defect]:
    """General (filler) sentences a draft should not keep: beside a content sentence of the same
    paragraph, a second in one paragraph, or the same one in two paragraphs. Sentences inside an
    ``exempt`` text (the genre's own wording, e.g. the 第一责任人 part's subject lead) are not
    reused sentences: they are neither flagged nor counted as content."""
    from assistant.lang.filler import is_filler

    exempt = [e for e in exempt if e]
    out: list[Defect] = []
    seen: set[str] = set()
    for text in paragraphs:
        sents = [s for s in sentences(text) if not MARKER_RE.fullmatch(s.strip("。；"))]
        general = [s for s in sents if is_filler(s)]
        content = len(sents) - len(general)
        general = [s for s in general if not any(s.strip() in e for e in exempt)]
        for n, sent in enumerate(general):
            key = _normal(sent)
            if key in seen:
                out.append(Defect("filler", sent, "空泛句在草稿中重复"))
            elif content:
                out.append(Defect("filler", sent, "空泛句与具体内容并列"))
            elif n:
                out.append(Defect("filler", sent, "一段中多于一句空泛句"))
            seen.add(key)
    return out


def filler_sentences(draft) -> list[str]:
    """The general (filler) sentences of a draft's performance sections (a figure per draft)."""
    from assistant.lang.filler import is_filler

    own = genre_wording(draft)
    return [
        s
        for text in performance_paragraphs(draft)
        for s in sentences(text)
        if is_filler(s) and not any(s.strip() in e for e in own)
    ]


def genre_wording(draft) -> list[str]:
    """Texts of the performance sections written in the genre's own words (``own`` spans without a
    figure: a part's subject lead, fallback sentences), not reused from past reports."""
    return [
        span.text
        for sd in draft.sections
        if sd.key not in ("problems", "plans")
        for p in sd.paragraphs
        for span in p.spans
        if span.kind == "own" and not span.figures
    ]


def performance_paragraphs(draft) -> list[str]:
    """The paragraphs of a draft's performance sections (not 问题/打算)."""
    return [p.text for sd in draft.sections if sd.key not in ("problems", "plans") for p in sd.paragraphs]


#: a sentence this long or longer, written word for word in drafts of two kinds of body, is shared
SHARED_MIN = 16


def shared_sentences(
    drafts: dict[str, tuple[str, list[str]]],
    general_only: bool = True,
    exempt: dict[str, list[str]] | None = None,
) -> dict[str, list[Defect]]:
    """Drafts (id → (kind, paragraphs)) holding a sentence, word for word (self-references and
    markers aside), that a draft of a body of another kind holds too. With ``general_only`` (the
    lint) only general (filler) sentences count, and none of a draft's ``exempt`` texts (the genre's
    own wording, :func:`genre_wording`): a concrete measure reused from the same past report is the
    point of retrieval, stock wording that fits every body is not."""
    from assistant.lang.filler import is_filler

    owners: dict[str, dict[str, str]] = {}
    general: set[str] = set()
    for ident, (kind, paragraphs) in drafts.items():
        for text in paragraphs:
            for sent in sentences(text):
                key = _normal(sent).strip("。；！？ ")
                if len(key) >= SHARED_MIN:
                    owners.setdefault(key, {}).setdefault(ident, kind)
                    if is_filler(sent) and not any(sent.strip() in e for e in (exempt or {}).get(ident, ())):
                        general.add(key)
    out: dict[str, list[Defect]] = {}
    for key, ids in owners.items():
        if len(set(ids.values())) < 2 or (general_only and key not in general):
            continue
        for ident, kind in ids.items():
            other = next(i for i, k in ids.items() if k != kind)
            detail = f"空泛句与{other}逐字相同" if key in general else f"与{other}逐字相同"
            out.setdefault(ident, []).append(Defect("shared", key[:60], detail))
    return out


def fit(texts: Iterable[str], body, labels: Iterable[str] = ()) -> list[Defect]:
    """Sentences of ``texts`` that do not fit ``body``'s level, speciality or campaigns
    (:mod:`assistant.draft.audit.fit`); a sentence holding one of the user's own labels passes."""
    from assistant.draft.audit.fit import fit_findings

    labels = [lab for lab in labels if lab]
    out = []
    for text in texts:
        for sent in sentences(text):
            plain = _plain(sent)
            if any(lab in plain for lab in labels):
                continue
            out += [Defect("fit", sent, why) for why in fit_findings(plain, body)]
    return out


def draft_lints(draft, rows: list) -> list[Defect]:
    """Every single-draft lint over a drafted report (refusal and ``same_parts`` are the caller's)."""
    from assistant.draft.report import iter_texts

    texts = [t for _w, t in iter_texts(draft)]
    prose = [draft.opening] + [p.text for sd in draft.sections for p in sd.paragraphs] + [draft.closing]
    out = text_lints(texts, [r.label for r in rows], prose)
    out += [Defect("voice", f.text, f.reason) for f in draft.voice]
    out += generic_leader(p.text for sd in draft.sections for p in sd.paragraphs)
    out += stated_unused(texts, draft.unused, rows)
    from assistant.lang.bodies import detect_body

    problems = part_text(draft, "problems")
    body = detect_body(draft.org) if draft.org else None
    out += worsened_silent(problems, rows, body)
    out += judged_neutral(problems, rows, body)
    rest = "".join(t for _w, t in iter_texts(draft) if t not in problems)
    out += contradiction(rest, problems)
    for text in texts:
        out += expired_period(text, draft.year)
    out += filler(performance_paragraphs(draft), genre_wording(draft))
    if body is not None:
        out += fit(texts, body, [r.label for r in rows])
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
