"""Mechanical lints over a draft or a chat answer: the defects a reader spots without knowing the facts.

Shared by ``bench/bench_matrix.py`` (the measure of issue 18) and the tests. The report-level lints
(from ``stated_unused`` on, and ``draft_lints``) are in :mod:`assistant.draft.report_lints`, read
through this module. Each lint returns
:class:`Defect` records naming the lint, the sentence and what is wrong; none of them needs the
index. The lints (``LINTS``):

- ``doubled``: a word said twice in a row (培育培育);
- ``echo``: a label's verb said again after the verb that introduces it (覆盖普法宣传覆盖群众),
  two action verbs stacked (办理审结), or a verb stacked before a year or the head who acted
  (开展全年…, 召开书记主持召开…);
- ``verb_kind``: an activity verb before an amount, a rate or a head count (开展罚没款1860万元), or an
  honour that counts what won after it (…获评优秀共3卷, …先进集体1项);
- ``phrase_twice``: a phrase of ≥ 10 characters twice in one sentence;
- ``phrase_again``: a sentence without figures saying again a phrase of ≥ 10 letters of an earlier sentence
  of its paragraph (扛牢全面从严治党政治责任… 坚决扛起全面从严治党政治责任);
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
- ``source_left``, ``level_total``, ``rest_as_part``, ``verbs_stacked``, ``note_raw`` (blind read r51): where a
  figure came from pasted into the prose (由县公安局提供), a ratio or a concentration said as a total
  (“案-件比”共…), a complement or an addition read as a part (其中不批准逮捕…, 其中另委托…), two verbs of
  holding stacked (召开主持…), a routine, a partner or a doer pasted raw after its figure (“…”每月开展。);
  ``told_done`` (r52): a past report's account of what it had built, in the perfective and without a figure
  (建立健全了普法、学法制度…);
- ``garbled_stock``, ``fused_none``, ``bare_note``, ``own_name``: a stock said twice or given a verb of
  work (全省共有法院现有…), 全年无法官… (read 无法), a note of cases pasted as a bare noun after a figure,
  the body's own full name in its prose (:func:`garbled_frame`);
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
    "phrase_again",
    "subjectless",
    "near_duplicate",
    "voice",
    "stated_unused",
    "note_lost",
    "raw_part",
    "self_title",
    "zero_doubted",
    "off_genre",
    "winner_lost",
    "garbled_stock",
    "fused_none",
    "bare_note",
    "own_name",
    "annual_stock",
    "stray_link",
    "lead_no_subject",
    "act_again",
    "part_every",
    "qizhong_twice",
    "frame_left",
    "nested_bracket",
    "note_space",
    "source_left",
    "compared_twice",
    "note_split",
    "level_total",
    "rest_as_part",
    "verbs_stacked",
    "note_raw",
    "told_done",
    "blank_lost",
    "date_lost",
    "confirm_left",
    "renamed",
    "worsened_silent",
    "judged_neutral",
    "belied",
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
                # within its clause: the next clause may name the thing again (…的比例达100%，共聘任法治副校长298名)
                after = re.split(r"[，；]", plain[hit.end() : hit.end() + len(lab) + 2])[0]
                if len(lab) >= 6 and any(lab[i : i + 4] in after for i in range(len(lab) - 3)):
                    found = plain[hit.start() : hit.end() + len(lab)]
                    break
            if found:
                break
        if found is None and (m := _STACKED_RE.search(plain)):
            found = m.group(0)
        if found is not None:
            out.append(Defect("echo", sent, found))
    return out


#: a verb of holding or handling stacked before the year, an area or the head who acted (开展全年开展…,
#: 召开书记主持召开…, 立案全县… is fine but 开展全县… with 开展 from a template is not): blind read r27
_STACKED_RE = re.compile(
    r"(?:开展|组织|召开|举办|办理)(?:全年|年内|(?:主要负责人|主要领导|党组书记|党委书记|书记|[局院厅部]长|检察长)"
    r"(?:主持|讲授|参加|带头|出庭|办理|审理|听取))"
)


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


#: an honour followed by a count of what won it (…获评优秀共3卷) or by one of itself (…先进集体1项); a count of
#: times or honours (荣获…表彰12项, 获评…3次) is ordinary
_COUNTED_HONOUR_RE = re.compile(
    r"(?:获评|荣获|被评为|评为|入选)(?!者)[^\d，]*?"
    r"(?:共\d+(?:\.\d+)?(?:万)?(?![\d.万次年项]|人次)|(?:单位|集体|个人|称号|项目|示范[^\d，]{0,4})1[项个])"
)


def verb_kind(text: str) -> list[Defect]:
    """An activity verb (开展/举办) whose clause's first figure is an amount, a rate or a head count."""
    out = []
    for sent in sentences(text):
        for clause in re.split(r"[，,：:]", _plain(sent)):
            honour = _COUNTED_HONOUR_RE.search(clause)
            if honour:  # an honour won: the things that won are counted before it (r27: …获评优秀共3卷)
                out.append(Defect("verb_kind", sent, f"{honour.group(0)}（honour）"))
                break
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


def _said(sent: str, seen: set[str], size: int) -> bool:
    """A clause of ``sent`` most of whose letters were said before (the rule tidy applies)."""
    from assistant.draft.compose.tidy import SAID_SHARE, said_share

    return any(said_share(c, seen, size) >= SAID_SHARE for c in re.split(r"[，；。！？]", sent) if c.strip())


def phrase_again(text: str, size: int = 10) -> list[Defect]:
    """A sentence without figures that says again a phrase (``size`` letters) of an earlier sentence of
    the same paragraph."""
    out = []
    seen: set[str] = set()
    for sent in sentences(text):
        plain = re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", MARKER_RE.sub("", sent))
        grams = {plain[i : i + size] for i in range(len(plain) - size + 1)}
        again = sorted(grams & seen)
        if again and not re.search(r"\d", MARKER_RE.sub("", sent)) and _said(sent, seen, size):
            out.append(Defect("phrase_again", sent, again[0]))
        seen |= grams
    return out


#: a plan's title answering a worsened figure, and the problem's title stating it
#: (…and what the table says of its cause, or asks for it, in the same sentence: blind reads r61–r63)
_ANSWER_RE = re.compile(
    r"^(?:（[一二三四五六七八九十]+）)?(?:推动.+?(?:回升|回落|缩短)|着力扭转.+?的状况)(?:，.*)?。?$"
)
_MOVED_RE = re.compile(r"较上年(?:有所)?(?:下降|上升|延长|缩短)(?:，[^。]*)?。?$")


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
            if twin is not None and _ANSWER_RE.search(core) and _MOVED_RE.search(twin):
                twin = None  # a plan that answers a problem's figures names them again (推动…回升 after …有所下降)
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
        out += phrase_again(text)
    return out + near_duplicate(texts if prose is None else prose)


def _normal(text: str) -> str:
    """A part's text with self-references and markers taken out (我镇/我局 … differ by body only)."""
    text = MARKER_RE.sub("", text)
    return re.sub(
        r"我[镇乡县区市州省局委办部院]|我街道|[镇乡县区市]党委|街道党工委|[局委]党组|院党组", "", text
    )


#: Names defined in :mod:`assistant.draft.report_lints`, read through this module.
REPORT_LINTS = (
    "belied",
    "contradiction",
    "draft_lints",
    "expired_period",
    "filler",
    "filler_sentences",
    "fit",
    "generic_leader",
    "genre_wording",
    "judged_neutral",
    "part_text",
    "performance_paragraphs",
    "renamed",
    "same_parts",
    "shared_sentences",
    "SHARED_MIN",
    "stated_unused",
    "note_lost",
    "raw_part",
    "self_title",
    "zero_doubted",
    "off_genre",
    "winner_lost",
    "date_lost",
    "confirm_left",
    "garbled_frame",
    "worsened",
    "worsened_silent",
)


def __getattr__(name: str):  # the report-level lints live in report_lints (imported on first use)
    if name in REPORT_LINTS:
        from assistant.draft import report_lints

        return getattr(report_lints, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
