"""The grammar of a metric label: where the user's figure goes and which predicate it needs.

A clerk's 指标 is a verb phrase (培育法律明白人), a noun phrase (罚没款, 普法宣传活动), an object
before its verb (12345热线工单办结) or a whole clause (连续在全面依法治市考核中获优秀等次; 法治建设考核
覆盖单位). The label is segmented and tagged by jieba (its dictionary ships in the package) and
read against the word classes of ``data/metric_phrases.yaml`` (``grammar:`` — verbs, people,
activities, cases, amounts; never whole labels). The label's own verb is said once, an amount
gets 共计 or nothing, a rate 达, a count of people keeps them as the object
(组织1350名执法人员参加法律知识考试), and a clause takes the figure where it wants it. Where no
pattern fits, the figure is written in a plain frame (…共X) and flagged ``sure=False``; the sentence's
Word comment asks the drafter to check its wording.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from assistant.draft.compose.label_clauses import (
    _document_verb,
    _honour,
    _service,
    check_first,
    document_acted,
    found_and_fixed,
    meeting_study,
    occurrence,
    reviewed_object,
    served_then_act,
)
from assistant.draft.compose.label_words import (
    NEW_RE,
    Phrase,
    Token,
    clean,
    ends,
    noun,
    noun_word,
    tokens,
    warm_up,
    words,
)
from assistant.lang.places import AREA_LEAD, COUNTY_UP_CHARS, LEVEL_CHARS
from assistant.lang.units import unit_class
from assistant.lang.vocab import leading_verb

__all__ = [
    "Phrase",
    "Token",
    "clean",
    "head_act_at",
    "head_clause",
    "self_named",
    "occurrence",
    "opening_verbs",
    "phrase",
    "scope_first",
    "subject",
    "tokens",
    "warm_up",
    "without_asides",
    "words",
]


#: the levels of place an activity may reach besides the units a body serves (``served`` of the grammar)
_REACHED_PLACES = ("乡镇", "镇", "乡", "街道", "村（社区）")


@functools.cache
def _targets_re() -> re.Pattern[str]:
    """A unit that counts the bodies an activity reached (8个单位, 12家企业): they are its object, before it."""
    nouns = sorted({*words()["served"], *_REACHED_PLACES}, key=len, reverse=True)
    return re.compile(rf"^(?:个|家|所)(?:{'|'.join(map(re.escape, nouns))})$")


def _people_act(toks: tuple[Token, ...], w: dict) -> bool:
    """Whether a label is people, then what they did (负责人出庭应诉, 领导干部旁听庭审): the words before the
    last verb, without the act's own nouns (出庭 is tagged a noun), end with people."""
    k = len(toks) - 1
    while k > 0 and toks[k - 1].word in w["not_verbs"]:
        k -= 1
    return bool(ends("".join(t.word for t in toks[:k]), "people"))


#: the words a clerk ends a label with for the people who took part (考试参考, 培训参训)
_TOOK_PART = ("参考", "参训", "参会", "参学", "参赛")


def _people_split(core: str) -> tuple[str, str] | None:
    """执法人员法律知识考试 → (行政执法人员, 法律知识考试): people, then the activity they took part in."""
    w = words()
    ends_at = {0}
    for tok in tokens(core):
        ends_at.add(max(ends_at) + len(tok.word))
    for person in w["people"]:
        pos = core.find(person)
        if pos < 0 or pos + len(person) not in ends_at:  # 委员|会: no people inside a longer word
            continue
        people, rest = core[: pos + len(person)], core[pos + len(person) :]
        rest = rest.removeprefix(next((j for j in w["joins"] if rest.startswith(j)), ""))  # 民警参加…考试
        nominal = w["nominal_verbs"]
        if (
            len(rest) >= 2
            and ends(rest, "activities")
            and not any(t.verb and t.word not in nominal for t in tokens(rest)[:-1])
        ):
            return people, rest
    return None


def subject(label: str, unit: str | None = None) -> str:
    """The subject a label names before its verb, when an object follows the verb (县委常委会会议 of
    县委常委会会议专题研究法治建设; 普法宣传 of 普法宣传覆盖群众); ``""`` for a label that opens with
    its verb, ends with it (12345热线工单办结) or has none."""
    core = clean(label, unit)
    toks = tokens(core)
    if not toks or toks[0].verb or leading_verb(core):
        return ""
    nominal = words()["nominal_verbs"]  # 法治建设, 综合执法: a noun after a noun
    inner = [
        i
        for i, t in enumerate(toks)
        if t.verb and 0 < i < len(toks) - 1 and not (t.word in nominal and noun(toks[i - 1]))
    ]
    if not inner:
        return ""
    own = "".join(t.word for t in toks[: inner[-1]])  # 法治建设考核 | 覆盖 | 单位
    return own if len(own) >= 2 else ""


#: the level a party title may carry (镇党委书记, 县委书记): the title is the same post without it
_TITLE_LEVEL = rf"(?:[{LEVEL_CHARS}]委?|街道)(?=党|书记)"
#: the head of a body as a clerk's label names him (书记, 局长, 主要负责人 …)
#: the body's short name before its head's title (管委会主任, 院党组书记, 区政府区长)
_BODY_SHORT = rf"(?:[{LEVEL_CHARS}]?(?:管委会|管委|政府|党工委|[院局委厅办]))"
HEAD_TITLE = (
    rf"(?:本单位|本部门|单位|部门|{_TITLE_LEVEL}|{_BODY_SHORT}(?!长))?(?:主要负责人|主要领导|党组书记|党委书记|"
    rf"党工委书记|[局部委厅院庭{LEVEL_CHARS}]长|检察长|主任|书记)"
)
#: what the head does himself in such a label (书记讲授…, 局长主持召开…, 院长直接办理…)
HEAD_ACT = (
    r"(?:亲自|带头|多次|直接|专题|集中|现场)?(?:主持|带头|带队|参加|参与|出庭|讲授|讲|听取|审阅|批示|签批|调研|接访|约谈|召开"
    r"|办理|审理|担任|包案|化解|接待|领学|领读|带学|宣讲|授课|督办|督导|点评|(?:年终|年度|现场)?述法"
    r"|(?:年终|年度)?述职)"
)


#: the head's title at a label's start, perhaps after its year and a verb of holding
#: (庭长本人审结案件: the 本人 after the title is the reporter too, r38)
HEAD_START_RE = re.compile(
    rf"(?P<year>全年|年内)?(?P<part>其中)?(?:组织开展|开展|组织|举办)?(?P<head>{HEAD_TITLE})(?:本人)?"
)


def head_act_at(text: str, start: int = 0) -> re.Match[str] | None:
    """The head's title at ``start`` when an act of his own follows it (书记讲授…, 检察长列席…, 镇长出庭…):
    an act of the lexicon or any verb, never a noun (局长信箱, 主任科员), else ``None``."""
    m = HEAD_START_RE.match(text, start)
    if m is None or len(text) - m.end() < 2:
        return None
    rest = text[m.end() :]
    if re.match(HEAD_ACT, rest):
        return m
    toks = tokens(rest[:12])
    return m if toks and toks[0].verb and len(toks[0].word) >= 2 else None


def self_named(text: str, post: str | None) -> str:
    """``text`` with the reporter's own title, where it opens a clause before an act of his, said as
    本人 (全年检察长列席… → 本人全年列席…): in his own 述法报告 the head never names himself by title.
    A title that is not the reporter's (``post`` 区委书记, a 检察长 named) stays."""
    out, pos = [], 0
    for start in [0, *(m.end() for m in re.finditer(r"[，。；、]", text))]:
        m = head_act_at(text, start)
        if m is None or not is_post(m["head"], post):
            continue
        # …专题1次、其中厅长领学2次 → …、本人领学2次 (blind read r48: a part of a note names him too)
        out.append(text[pos:start] + (m["part"] or "") + "本人" + (m["year"] or ""))
        pos = m.end()
    return "".join(out) + text[pos:]


def is_post(title: str, post: str | None) -> bool:
    """Whether a head's title in a label is the reporter's own post (书记 of 党委书记; 主要负责人 of any)."""
    if post is None or title.endswith(("主要负责人", "主要领导")):
        return True
    core = title.removeprefix("本单位").removeprefix("本部门").removeprefix("单位").removeprefix("部门")
    bare = re.sub(rf"^{_TITLE_LEVEL}", "", core)  # 镇党委书记 is the 党委书记 (r33)
    short = re.sub(rf"^{_BODY_SHORT}(?=.)", "", core)  # 管委会主任 is the 主任 of a 管委会 (r36)
    return any(c in post or post.endswith(c) for c in {core, bare, short if len(short) >= 2 else core})


def head_clause(label: str) -> str:
    """A label of the head's own act as it is said (全年开展书记讲授法治专题党课 → 全年书记讲授法治专题党课),
    else ``""``."""
    m = head_act_at(label)
    if m is None or len(label) - m.end() < 3:
        return ""
    return (m["year"] or "") + m["head"] + label[m.end() :]


def opening_verbs(text: str) -> str:
    """The verbs a label opens with (主持召开 of 主持召开县委政法委员会全体会议; 收到 of 收到…申请), else ``""``."""
    lead = leading_verb(text)
    if lead:
        return lead
    run = ""
    for tok in tokens(text)[:2]:
        if not tok.verb:
            break
        run += tok.word
    return run if len(text) > len(run) + 1 else ""


def scope_first(core: str) -> str:
    """A label whose area follows its verb, with the area first (立案全县刑事案件 → 全县立案刑事案件;
    收案全区行政复议案件 → 全区收案行政复议案件): the area is the scope of the act (blind read r27)."""
    verb = opening_verbs(core)
    if verb in _ORGANISE:
        return core  # 组织全区行政执法人员培训: the area is whose people, not the scope (r28)
    moved = AREA_RE.match(core, len(verb)) if verb else None
    if moved is None or len(core) - moved.end() < 2:
        return core
    return moved.group(0) + verb + core[moved.end() :]


def _area_first(verb: str, obj: str) -> str:
    """A label's closing act said before its object, the area it opens with kept first (全县刑事案件立案 →
    全县立案刑事案件, never 立案全县…: blind read r51)."""
    area = AREA_RE.match(obj)
    if area is None or len(obj) - area.end() < 2:
        return verb + obj
    return area.group(0) + verb + obj[area.end() :]


def _headcount(bare: str) -> Phrase | None:
    """A count of people as they stand (专兼职网格员; 持证执法人员, 执业律师: people in a state), said with
    共有 after its area (全区共有执业律师); ``None`` for people who did something."""
    area = PLACE_RE.match(bare)
    whom = bare[area.end() :] if area else bare
    toks = tokens(whom) if whom else ()
    if not toks or (
        toks[0].word not in words()["held_states"] and any(t.verb or t.tag[:1] == "v" for t in toks)
    ):
        return None
    have = "" if toks[0].word in ("持有", "拥有") else "共有"  # 持有行政执法证件人员: never 共有持有 (r45)
    return Phrase((area.group(0) if area else "") + have + whom, stock=True)


def _own_clause(bare: str, cls: str | None) -> Phrase | None:
    """A label that is a clause of people acting (本人讲授法治专题党课; 检察官以法治副校长身份进校授课; 书记
    讲授…): said as written, never after 开展; the head's own 本人 needs no 全年 before him."""
    if cls == "person_time" and (said := head_clause(bare)):
        return Phrase(said, stock=True)  # 书记带头接访群众36人次: the head's own act, counted in people (r33)
    if cls not in ("event", "item", "case", None):
        return None
    if said := head_clause(bare):
        return Phrase(said, stock=True)
    w = words()
    own = next((s for s in w["own_subjects"] if bare.startswith(s)), "")
    if own and len(bare) > len(own) + 1:
        return Phrase(bare, stock=True)
    person = next((p for p in w["people"] if bare.startswith(p)), "")
    rest = bare[len(person) :]
    if not person or len(rest) < 3 or any(rest.startswith(j) for j in w["joins"]):
        return None
    toks = tokens(rest)
    if toks[0].tag == "p" and any(t.word in w["acts"] or t.verb for t in toks[1:]):
        return Phrase(bare)
    return None


def _checked_people(bare: str) -> Phrase | None:
    """考察干部法治素养 (名) → 对N名干部的法治素养进行考察: a check of what the people counted have."""
    w = words()
    attr = ends(bare, "attributes")
    if not attr:
        return None
    for person in w["people"]:
        pos = bare.find(person)
        if pos < 2:
            continue
        verb, what = bare[:pos], bare[pos + len(person) : len(bare)]
        vt = tokens(verb)
        if len(vt) == 1 and (vt[0].verb or vt[0].tag.startswith("v")) and len(what) >= 2:
            return Phrase("对", f"{person}的{what}进行{verb}", unit="名")
    return None


def _covered_units(head: str) -> tuple[str, str] | None:
    """(units, service) of a coverage label's head that opens with the units served (村（居）法律顾问 →
    (村（居）, 法律顾问)), else ``None``."""
    for unit in sorted(words()["served"], key=len, reverse=True):
        if head.startswith(unit):
            end = len(unit)
            paren = re.match(r"[（(][^）)]{1,4}[）)]", head[end:])
            end += paren.end() if paren else 0
            service = head[end:]
            if len(service) >= 2:
                return head[:end], service
    return None


def _covers(core: str) -> Phrase | None:
    """A label that ends with the units its work covers (聘请法律顾问覆盖村, 法治体检覆盖企业): the count
    goes before the units, after 覆盖; ``None`` for any other label."""
    head, sep, units = core.rpartition("覆盖")
    if not sep or len(head) < 2 or units not in words()["served"]:
        return None
    return Phrase(head + sep, units, stock=any(head.startswith(v) for v in words()["stock_verbs"]))


def _sent(core: str) -> str:
    """What a channel's closing verb sends when the label names nothing (推送 → 信息), else ``""``."""
    return next((obj for verb, obj in words()["channel_objects"].items() if core.endswith(verb)), "")


#: Verbs that only say an activity was held: a head count of it reads 组织N名…; any other verb the
#: label opens with (听取) is the body's own act and stays.
_ORGANISE = frozenset({"开展", "组织", "举办", "组织开展"})


#: a quoted name in a label (“法治体检”, “枫桥式”): one word to the grammar, its quotes kept in the text
_QUOTED_RE = re.compile(r"“([^“”]{1,24})”")


def phrase(
    label: str, unit: str | None, kind_verb: str | None = None, kind_rate: str | None = None
) -> Phrase:
    """Where the figure goes in a label and which words frame it (see :func:`_phrase`).

    A quoted name is read without its quotes, so the label's structure shows through it
    (入园企业“法治体检” reads as 入园企业法治体检: 为N家入园企业开展“法治体检”); the quotes go back around
    the same words in the phrase. When the phrase breaks a quoted name apart, the label is read as
    written.
    """
    if (asides := _aside(label, unit, kind_verb, kind_rate)) is not None:
        return asides
    names = _QUOTED_RE.findall(label)
    if not names:
        return _phrase(label, unit, kind_verb, kind_rate)
    read = _phrase(_QUOTED_RE.sub(r"\1", label), unit, kind_verb, kind_rate)
    parts = [read.before, read.after, read.tail]
    for name in names:
        at = next((i for i, part in enumerate(parts) if name in part), None)
        if at is None:
            return _phrase(label, unit, kind_verb, kind_rate)
        parts[at] = parts[at].replace(name, f"“{name}”", 1)
    return dataclasses.replace(read, before=parts[0], after=parts[1], tail=parts[2])


#: a short aside in brackets inside a label (民主法治示范村（社区）, 村（居）法律顾问): not part of its grammar
_ASIDE_RE = re.compile(r"(?<=[\u4e00-\u9fff”])（[^（）]{1,8}）(?=[\u4e00-\u9fff“]|$)")


def without_asides(text: str) -> str:
    """``text`` without its short asides in brackets (行政复议（含应诉）案件 → 行政复议案件)."""
    return _ASIDE_RE.sub("", text)


def _aside(label: str, unit: str | None, kind_verb: str | None, kind_rate: str | None) -> Phrase | None:
    """A label with an aside in brackets, read without it and the aside put back after the same words
    (市级以上民主法治示范村（社区） reads as …示范村: 现有…示范村（社区）N个, never …共N个【请核对表述】,
    blind read r38); ``None`` when the label has none, its reading without them fits no pattern, or the
    words the aside follows are not found once in the phrase."""
    asides = list(_ASIDE_RE.finditer(label))
    if not asides:
        return None
    read = phrase(_ASIDE_RE.sub("", label), unit, kind_verb, kind_rate)
    if not read.sure:
        return None
    parts = [read.before, read.after, read.tail]
    for m in reversed(asides):
        said = _ASIDE_RE.sub("", label[: m.start()])
        found = next(  # the last words before the aside, found once in the phrase (two, else one)
            ((holders[0], said[-n:]) for n in (2, 1) if len(said) >= n
             and len(holders := [i for i, part in enumerate(parts) if said[-n:] in part]) == 1
             and parts[holders[0]].count(said[-n:]) == 1),
            None,
        )  # fmt: skip
        if found is None:
            return None
        at, anchor = found
        parts[at] = parts[at].replace(anchor, anchor + m.group(0), 1)
    return dataclasses.replace(read, before=parts[0], after=parts[1], tail=parts[2])


#: a label's whole area (全省, 全区 …)
PLACE_LEAD = AREA_LEAD
PLACE_RE = re.compile(PLACE_LEAD)
#: an area a label names: its whole area or its own level (市本级)
AREA_RE = re.compile(rf"{PLACE_LEAD}|[{COUNTY_UP_CHARS}]本级")
#: a scope the label opens with before its own verb (全省系统开展…, 全县开展…, 市本级受理…)
SCOPE_LEAD_RE = re.compile(rf"(?:{AREA_RE.pattern})(?:系统|各级|范围内)?")
#: prepositions opening a label that is a clause of its own (围绕…开展…, 针对…组织…)
PREP_LEADS = ("围绕", "针对", "结合", "面向", "聚焦", "紧扣", "利用")
#: the verbs of a 对…开展… clause (对重大行政决策、规范性文件开展合法性审核)
TO_WHOM_VERBS = ("开展", "进行", "实施", "组织", "举办", "组织开展")


def _to_whom(core: str, cls: str | None) -> Phrase | None:
    """A label that is a 对…开展… clause of its own: it stands as written, the count of checks after it
    (对局规范性文件、重要决策开展合法性审核11件), the count of the things checked inside it (对30家重点企业
    开展执法检查); blind read r26: 全年完成对…开展合法性审核, 对7件对局…进行审查."""
    if cls in ("rate", "money", None) or not core.startswith(("对", *PREP_LEADS)):
        return None
    toks = tokens(core)
    if len(toks) < 3 or not any(t.word in TO_WHOM_VERBS for t in toks[2:]):
        return None
    if core.startswith(PREP_LEADS):  # 围绕六五环境日、宪法宣传周开展普法宣传活动210余场
        return Phrase(core)
    if not core.startswith("对"):
        return None
    if cls == "person":
        return Phrase("对", core[1:], unit="名")  # 对40名新提任干部进行法律知识测试
    if cls == "item":
        return Phrase("对", core[1:])
    return Phrase(core)


#: a label that names a rank (全省法院案件质量评估排名, 考核位次)
RANK_LABEL_RE = re.compile(r"(?:排名|名次|位次|排位)$")


def _phrase(
    label: str, unit: str | None, kind_verb: str | None = None, kind_rate: str | None = None
) -> Phrase:
    """Where the figure goes in a label and which words frame it.

    Args:
        label: the user's 指标.
        unit: its unit (``场次``, ``人``, ``%``, ``万元``, ``年`` …).
        kind_verb: the verb of the label's metric kind (``开展``, ``建成``; ``""`` for none), used only
            for a noun label.
        kind_rate: the kind's frame for a %, ``"{obj}占{value}"``-style, used for a label without 率.

    Returns:
        The phrase around the value.
    """
    w = words()
    cls = unit_class(unit)
    # 部机关干部: the body's own office, never read as 组织部's after a verb (r54: 组织部机关干部参加…)
    core = _OWN_OFFICE_RE.sub(r"本\1机关", clean(label, unit))
    if re.search(r"(?:等次|等级|档次|考核结果|评估结果)$", core) and not unit:
        # a grade is what the body was given (考核等次为…): never a count (blind read r60: 考核等次【待补充】)
        return Phrase(core + "为", stock=True)
    if RANK_LABEL_RE.search(core) and (unit or "位") in ("位", "名"):
        # a rank is a place in a list, never a count (blind read r60: never 排名共5位)
        return Phrase(core + ("居第" if core.endswith(("位次", "名次")) else "第"), stock=True)
    if (
        cls == "person"
        and core.endswith("案件")
        and (before := tokens(core[:-2]))
        and (before[-1].verb or before[-1].tag in ("v", "vn"))
    ):
        core = core[:-2]  # 受理审查逮捕案件 1386人: the people are counted, not cases (blind read r15)
    if _SCORE_RE.search(core) and cls not in ("money", "person", "person_time"):
        return Phrase(core + "为", stock=True)  # 法治政府建设考评得分为92.5分: a result, no year's work (r41)
    if (
        cls in ("case", "item", None)
        and core.endswith(("收案", "结案", "收案数", "结案数"))
        and len(core) > 4
    ):
        return Phrase(core, stock=False)  # 行政复议收案486件: the cases taken, said as written (r54)
    if cls in ("event", "case", "item", None) and _UNIT_ACTS_RE.match(core):
        return Phrase(
            core, stock=False
        )  # 法制大队审核案件 2134件: the unit is the subject (r53: never 进行法制大队审核)
    if cls in ("event", "case", None) and _GROUP_ACTS_RE.match(core):
        # 县委理论学习中心组开展法治专题学习 6次: the group is the clause's subject, said as written (r51:
        # never 开展…开展 or 组织县委…: the body holds no other organ's study)
        return Phrase(core, stock=False)
    if cls in ("item", "person") and (having := _HAVING_RE.search(core)) and _held_rest(core[having.end() :]):
        return Phrase(core, stock=True)  # 全省法院现有员额法官 6214人: said as it stands, no 共有/聘请 (r36)
    if cls == "item" and (acted := _body_acts(core)) is not None:
        return acted
    if (said := _to_whom(core, cls)) is not None:
        return said
    core = scope_first(core)
    place = PLACE_RE.match(core)
    rest = core[place.end() :] if place else ""
    if place and len(rest) >= 3 and cls == "item" and (leading_verb(rest) or tokens(rest)[0].verb):
        inner = _phrase(rest, unit, kind_verb, kind_rate)  # 全区划分网格 → 全区共划分网格1064个 (r23)
        if inner.sure and not inner.before.startswith(("为", "对", "通过", "在")):
            named = _BODY_NOUN_RE.search(rest) and not leading_verb(rest)  # 人民调解委员会: a name (r33)
            have = (
                "共" if opening_verbs(inner.before) and not named else "共有"
            )  # 全区共有人民调解组织142个 (r28)
            before = inner.before.removeprefix("现有")  # 全县人民调解组织: 全县共有…, never 共有现有
            return dataclasses.replace(inner, before=f"{place.group(0)}{have}{before}", stock=True)
    scope = SCOPE_LEAD_RE.match(core)
    after = core[scope.end() :] if scope else ""
    if (
        scope
        and len(after) >= 3
        and cls not in ("rate", "money", None)
        and (leading_verb(after) or tokens(after)[0].verb)
    ):
        return Phrase(core, stock=True)  # 全省系统开展…执法检查1.2万余次: never 开展全省系统开展… (r26)
    year = re.match(r"^(?:全年|年内|本年度)", core)
    if year and cls not in ("rate", "money") and opening_verbs(core[year.end() :]) and not head_clause(core):
        return Phrase(core, stock=True)  # 全年组织开展安全生产执法检查2860家次: never 开展全年组织开展… (r28)
    measure = next((m for m in w["measures_of"] if core.endswith(m) and len(core) > len(m) + 1), "")
    if measure and core[: -len(measure)].endswith(("涉及", "覆盖", "共计", "合计")):
        return Phrase(
            core, stock=True
        )  # 违法用地涉及面积186.4亩: the measure of a matter, never 涉及违法用地 (r52)
    if measure and cls not in ("rate", "money", "person", "person_time"):
        return _phrase(core[: -len(measure)], unit, kind_verb, kind_rate)  # 巡查河道3400余公里
    if cls == "item" and (reach := _covers(core)) is not None:
        return reach  # 聘请法律顾问覆盖村 → 聘请法律顾问覆盖12个村 (r39: never …覆盖村12个)
    if core.endswith("覆盖") and cls == "item" and (covered := _covered_units(core[:-2])):
        units, service = covered
        return Phrase(f"{service}覆盖", units, stock=True)  # 村（居）法律顾问覆盖 → 法律顾问覆盖19个村（居）
    bare = core.rstrip("0123456789")  # 普法宣传活动9: read the words, keep the digit in the text
    toks = tokens(bare) if bare else ()
    scoped = (
        any(bare.startswith(s) for s in w["scope_words"])
        or bool(toks and toks[0].word == "年")
        or any(t.word in ("全年", "年内") for t in toks)  # 力争全年完成…: the label sets its year
    )
    new = NEW_RE.match(bare)
    if new and (at := _tokens_spanning(toks, new.end())) is not None:
        # 新命名…, 本年度新获评…: the year's new ones, their lead one verb (jieba: 新 a, 命名 n; r47)
        lead_words = "".join(t.word for t in toks[:at])
        toks = (Token(lead_words, "v", True), *toks[at:])
    elif toks and toks[0].word in ("年", "新") and len(toks) > 1 and toks[1].verb:  # 年接待游客, 新登记
        toks = (Token(toks[0].word + toks[1].word, "v", True), *toks[2:])
    elif toks and toks[0].word[:1] == "新" and toks[0].word[1:] in w["verb_set"]:  # 新创建 (jieba: nz)
        toks = (Token(toks[0].word, "v", True), *toks[1:])
    elif (
        len(toks) > 2 and toks[0].word in w["manners"] and (toks[1].verb or toks[1].tag in ("v", "vd", "ad"))
    ):
        # 主动公开政府信息: the manner and its verb are one verb (blind read r31)
        toks = (Token(toks[0].word + toks[1].word, "v", True), *toks[2:])
    first = toks[0] if toks else Token("", "", False)
    lead = leading_verb(bare)
    if (
        first.verb
        and first.word not in w["verb_set"]
        and len(toks) > 1
        and not toks[1].verb  # 主持召开…会议: two verbs, the first no noun (r27)
        and ends(bare, "activities")
        # 主持局党组会议专题学法: a head's act the label opens with stays one (r51: never 召开主持…)
        and not bare.startswith(_CHAIR_ACTS)
    ):
        first = Token(first.word, "n", False)  # 例会学习, 审计法律法规培训: jieba's verb heads no activity
        toks = (first, *toks[1:])
    if first.verb and not lead and first.word in w["nominal_verbs"] and len(toks) > 1 and noun(toks[1]):
        first = Token(first.word, "n", False)  # 执法证件换领: a noun of the work modifies the object
        toks = (first, *toks[1:])
    starts_verb = bool(lead) or first.verb
    if (
        starts_verb
        and (lead or first.word) in w["activities"]
        and bare[len(lead or first.word) :].startswith(("活动", "工作", "会"))
    ):
        starts_verb = False  # 宣讲活动受众: the verb names the activity
    lexical = (lead or first.word) in w["verb_set"]
    change = ends(bare, "change_verbs")
    stock = scoped or any((lead or first.word).startswith(s) for s in w["stock_verbs"])

    if (said := _own_clause(bare, cls)) is not None:
        return said
    if (
        cls == "item"
        and core == bare
        and toks
        and toks[0].tag != "v"  # 划分网格, 新建…: an act (jieba tags 人民调解 l, not v)
        and not lead
        and not NEW_RE.match(bare)  # 新命名…示范村: the year's new ones, never 现有… (r47)
        and _ORG_STOCK_RE.search(bare)
        and _honour(bare, unit) is None  # 连续2年获评…示范社区: what won is counted (r56: never 现有连续…)
        and (stock_of := _stock(bare, after_whole="共有")) is not None
    ):  # 人民调解组织 186个 → 现有人民调解组织186个 (r43: never 全年人民调解组织, 调解组织基层)
        return stock_of
    if cls == "person_time" and (part := next((p for p in w["took_part"] if bare.startswith(p)), "")):
        rest = bare[len(part) :]
        if rest and ends(rest, "people") and core == bare:
            return Phrase(rest + w["took_part"][part])  # 参考拟任干部 → 拟任干部参加考试186人次
    if cls == "person" and core == bare and (looked := _checked_people(bare)):
        return looked  # 对243名干部的法治素养进行考察
    if cls not in ("rate", None) and any(a in bare for a in w["averages"]):
        return Phrase(core, stock=True)  # 法官人均结案312件: a ratio, never 全年办理…
    if cls == "item" and not starts_verb and ends(bare, "facilities") and core == bare:
        return Phrase("建成" + core, stock=True)  # 建成公共法律服务实体平台1.6万个
    if cls == "rate":
        if change or (toks and toks[-1].verb and len(toks) > 1):
            return Phrase(core, stock=True)  # 压缩30%, 完成提标改造95%
        if ends(bare, "scales"):
            return Phrase(core + "为", stock=True)  # 公众安全感为97.5%
        if bare.endswith(("率", "比例", "比重", "占比", "满意度", "覆盖面", "权重")) or (
            starts_verb and "率" in bare
        ):
            if kind_rate and not bare.endswith("率"):
                before, _, after = kind_rate.format(obj=core, value="\x00").partition("\x00")
                return Phrase(before, after, stock=True)
            return Phrase(core + "达", stock=True)
        if "覆盖" in bare[1:-1]:
            # what covers whom, then its share (法治副校长配备覆盖全市公办中小学的比例达100%: blind read r55,
            # never …中小学为100%)
            return Phrase(core + "的比例达", stock=True)
        return Phrase(core + "为", stock=True, sure=False)
    if bare.endswith("率"):  # a rate counted in 件 or 次: the table contradicts itself
        return Phrase(core + "为", stock=True, sure=False)
    if cls == "money":
        act = ends(bare, "money_acts")
        if act and len(bare) - len(act) >= 2 and core == bare and first.tag != "p":
            return Phrase(act + bare[: -len(act)], stock=stock)  # 节约财政资金支出1260万元, 追回欠薪
        if change or starts_verb:
            return Phrase(core, stock=stock)
        if first.tag == "p" and any(t.verb or t.tag == "v" for t in toks[1:]):
            return Phrase(core + "共计", stock=stock)  # 为农民工追回欠薪共计1326万元: a clause of its own
        if ends(bare, "amount_figures"):
            return Phrase(core, stock=stock)
        if any(t.word in w["money_acts"] for t in toks[1:-1]) and noun(toks[-1]):
            return Phrase(core, stock=stock)  # 社保基金专项检查追回违规领取待遇36.5万元: its act said (r40)
        if ends(bare, "amount_totals"):
            return Phrase(core + "共计", stock=stock)
        return Phrase(core + "共计", stock=stock, sure=False)

    if cls in ("item", "person", "case", None) and (honour := _honour(bare, unit)):
        return honour  # 执法质量考评中9个所队被评为优秀
    if cls == "item" and core == bare and (served := _service(bare)):
        return served  # 为9家入驻企业开展法律体检
    if cls == "item" and core == bare and (reached := ends(bare, "served")) and len(bare) > len(reached):
        act = bare[: -len(reached)]
        if ends(act, "inspections") and not leading_verb(act):
            return Phrase(
                "对", reached + "开展" + act, stock=stock
            )  # 执法检查企业 家 → 对318家企业开展执法检查
    if cls in ("case", "event", "item", None) and (happened := occurrence(bare)):
        return Phrase("发生" + happened, stock=stock)  # 全年发生命案9起
    if cls in ("case", "item", None) and core == bare and document_acted(bare):
        return Phrase(core, stock=stock)  # 网上公开行政处罚决定书56份: the label's own act (r38)
    doc_verb = _document_verb(bare) if cls in ("case", "item", None) else ""
    if doc_verb and (not kind_verb or kind_verb in ("开展", "办理")):
        return Phrase(doc_verb + core, stock=stock)  # 作出行政处罚决定9件

    if cls in ("case", "item", None) and core == bare and not any(t.word in w["verb_set"] for t in toks[:-1]):
        if proc := ends(bare, "procedures"):
            return Phrase(w["procedures"][proc] + core, stock=stock)  # 办理婚姻登记1862对
        if bare in w["measures"]:
            return Phrase("依法实施" + core, stock=stock)  # 依法实施查封扣押5起
        if not starts_verb and (made := ends(bare, "products")):
            return Phrase(w["products"][made] + core, stock=stock)  # 推出党员教育法治专题课程32门

    domain = next((d for d in w["domains"] if bare.startswith(d)), "")
    act = bare[len(domain) :]
    if (
        domain
        and core == bare
        and len(act) == 2
        and act not in w["no_object_verbs"]
        and (act in w["domain_verbs"] or tokens(act)[0].tag.startswith("v"))
        and kind_verb in (None, "", "开展", "办理")
    ):  # 司法确认 → 办理司法确认 (never 确认司法); 行政处罚 → 依法实施行政处罚; 法律咨询 → 提供法律咨询
        verb = w["domain_verbs"].get(act) or ("办理" if cls in ("case", "item", None) else "")
        if verb:
            return Phrase(verb + core, stock=stock)
    if not starts_verb and cls in ("case", "event", "item", None) and (study := meeting_study(bare)):
        return study  # 召开部务会议专题学法6次
    if not starts_verb and cls in ("case", "item", None) and (done := reviewed_object(bare, cls)):
        return done  # 清理党内法规制度18件
    if cls in ("case", "item", None) and (fixed := found_and_fixed(bare)):
        return fixed  # 发现问题37个，已整改【待补充：数量】个

    if (
        unit
        and unit in w["duration_units"]
        and (
            run := re.match(
                rf"(?P<who>[^，,\d]{{2,16}}?)(?P<adv>{'|'.join(w['count_adverbs'])})\d+{re.escape(unit)}(?P<rest>.+)",
                bare,
            )
        )
    ):
        # who won, then the years in the label's own words (青杠坪村连续3年获评县级民主法治示范村 3年): the figure in
        # their place (blind read r64: never 创建青杠坪村连续3年…3年)
        return Phrase(run["who"] + run["adv"], run["rest"], stock=True)
    adverb = next((a for a in w["count_adverbs"] if bare.startswith(a)), "")
    rest = bare[len(adverb) :]
    if adverb and unit and unit in w["duration_units"] and (said := re.match(rf"\d+{re.escape(unit)}", rest)):
        # the label says its own years (连续3年获评全省平安建设优秀市 3年): the figure in their place (r56: never
        # 连续3年3年…)
        return Phrase(adverb, rest[said.end() :], stock=True)
    if adverb and (unit in w["duration_units"] or cls == "event") and any(t.verb for t in tokens(rest)):
        return Phrase(adverb, rest, stock=True)  # 连续5年在…考核中获优秀等次
    tail = next((a for a in w["count_adverbs"] if a in bare[2:]), "")
    if tail and cls in ("item", "person", "case", None) and core == bare:
        pos = bare.rfind(tail)
        obj, act = bare[:pos], bare[pos:]
        after = act[len(tail) :]
        if not after and noun(tokens(obj)[-1]):
            return Phrase(obj + tail + "达", stock=True)  # 法治文化阵地累计达43个
        if after and (after in w["verb_set"] or tokens(after)[0].verb) and noun(tokens(obj)[-1]):
            return Phrase(act + obj, stock=True)  # 法治文化阵地累计建成 → 累计建成法治文化阵地43个
    if change and cls is not None:
        return Phrase(core, stock=stock)

    if first.tag == "p" and cls is not None:
        served = re.match(
            rf"^为(?P<units>[^为]{{1,12}}?)(?P<verb>{'|'.join(w['assigns'])})(?P<people>.+)$", core
        )
        if served and cls == "item" and core == bare and (unit or "")[-1:] in "所家个村":
            return Phrase(
                "为", served.group("units") + served.group("verb") + served.group("people"), stock=True
            )
            # 为中小学配备法治副校长 1.18万所 → 为1.18万所中小学配备法治副校长: the unit counts the schools
        return Phrase(core, stock=stock)  # 为镇综合执法队伍配发执法服装, 向社会公开…: a clause of its own

    if (
        cls == "person"
        and core == bare
        and ends(bare, "people")
        and not any(p in bare for p in w["participants"])
        and not kind_verb
        and (headcount := _headcount(bare))
    ):  # 专兼职网格员 名 → 共有专兼职网格员2315名: a headcount; 全区执业律师 → 全区共有执业律师 (r28)
        return headcount
    if cls == "person" and core == bare and (fell := ends(bare, "befell")) and len(bare) > len(fell) + 1:
        return Phrase(core, stock=stock)  # 生产安全事故死亡9人: what befell the people counted (r28)
    held = lead if lead in w["activity_verbs"] and len(bare) > len(lead) + 2 else ""
    led = any(bare.startswith(p) for p in w["people"])  # 调解员培训: people first, not the verb 调解
    joins = cls == "event" and any(j in bare for j in w["joins"])  # 干部参加…考试 9次: they took part
    if (cls in ("person", "person_time") or joins) and (not starts_verb or held or led):
        split = _people_split(bare[len(held) :])  # 开展领导干部述法 36人 → 组织36名领导干部述法
        if split:
            people, activity = split
            own = next((j for j in w["joins"] if j in bare), "参加")  # 参与志愿服务 keeps 参与
            joined = "" if any(activity.endswith(a) for a in w["acts"]) else own  # 现场述法 too
            verb = held if held and held not in _ORGANISE else "组织"  # 听取12名…述法 keeps 听取
            if cls == "person":  # 组织1350名执法人员参加法律知识考试; 组织36名领导干部述法
                return Phrase(verb, f"{people}{joined}{activity}", unit="名" if unit == "人" else unit)
            if activity in w["trains"]:
                return Phrase(f"{activity}{people}")  # 培训政法干警300人次
            return Phrase(f"{verb}{people}{joined}{activity}")  # 组织干部参加任前法律知识考试212人次
        took = next((t for t in _TOOK_PART if bare.endswith(t)), "")
        if took and (split := _people_split(bare[: -len(took)])):  # 干部…考试参考 → 组织干部参加…考试 (r38)
            people, activity = split
            if cls == "person":  # 组织300名执法人员参加法律知识考试
                return Phrase("组织", f"{people}参加{activity}", unit="名" if unit == "人" else unit)
            return Phrase(f"组织{people}参加{activity}")
        participant = ends(bare, "participants") and not joins
        if participant or not joins and bare.endswith("人员") and ends(bare[:-2], "participants"):
            return Phrase(bare.removesuffix("人员"))  # 宣讲活动受众4000多人
        if ends(bare, "activities") and not any(t.verb for t in toks):
            return Phrase(f"参加{core}的共")  # 参加法律知识考试的共1350人

    if core == bare and (checked := check_first(bare, cls)):
        return checked  # 对11件街道重大事项进行合法性审查
    if (
        core == bare
        and cls == "item"
        and unit == "家"
        and (opened := leading_verb(bare)) in ("开展", "组织开展", "组织")
        and ends(bare, "inspections")
        and len(bare) > len(opened) + 2
    ):  # 开展网络安全检查 家 → 对34家单位开展网络安全检查 (tune read r45: never 开展…检查34家)
        return Phrase("对", "单位" + bare)
    if core == bare and (acted := served_then_act(bare, cls, unit)):
        return acted  # 对7家定点机构暂停医保服务协议
    if cls in ("event", None) and not lead and core == bare and any(o in bare[2:] for o in w["outreach"]):
        return Phrase(
            "开展" + core + ("" if core.endswith("活动") else "活动"), stock=stock
        )  # 开展送法…下基层活动
    if starts_verb:
        verb = lead or first.word
        obj = bare[len(verb) :]
        if lexical and cls == "item" and noun_word(obj) and core == bare:
            return Phrase(verb, obj, stock=stock)  # 覆盖105个单位
        return Phrase(core, stock=stock)  # 培育法律明白人120名

    way = next(
        (c for c in range(1, len(toks) - 1) if ends("".join(t.word for t in toks[: c + 1]), "channels")), None
    )
    if (
        way is not None
        and core == bare
        and cls in ("case", "item", "event", "person_time")
        and toks[-1].verb
        and all(t.tag.startswith("v") for t in toks[way + 1 :])
    ):
        return Phrase("通过" + core + _sent(core), stock=stock)  # 通过12366热线咨询解答5.2万件
    inner = [i for i, t in enumerate(toks) if t.verb and i > 0]
    if (
        inner
        and cls in ("event", "person_time")
        and ends(bare, "activities")
        and not toks[-1].verb
        and all(i < len(toks) - 2 for i in inner)
    ):
        inner = []  # 平安建设宣传活动: a verb inside the activity's modifier (not 召开|会议) is no predicate
    if inner:
        i = inner[-1]
        if i < len(toks) - 1:  # subject, verb, object: 法治建设考核覆盖单位
            subject = "".join(t.word for t in toks[:i])
            obj = "".join(t.word for t in toks[i + 1 :])
            if (
                cls == "item"
                and toks[i].word in w["stock_verbs"]
                and (ends(subject, "facilities") or ends(subject, "served"))
                and core == bare
            ):  # 镇村退役军人服务站设立法律援助联络点 → 在…服务站设立…联络点156个: a running total, placed
                return Phrase("在" + core, stock=True)
            if (
                cls == "item"
                and toks[i].word in w["nominal_verbs"]
                and noun_word(obj)
                and core == bare
                and (unit or "")[-1:] in "个家所"
                and not ends(subject, "people")  # 局法律顾问审查各类合同: they act (r27)
            ):  # 交通工程质量安全监督项目 个 → 对23个项目进行交通工程质量安全监督: the work names the check (r24)
                return Phrase("对", f"{obj}进行{subject}{toks[i].word}", stock=stock)
            if cls == "item" and noun_word(obj) and core == bare:
                return Phrase(subject + toks[i].word, obj, stock=stock)
            return Phrase(core, stock=stock)  # 普法宣传覆盖群众5600人次
        # object, then its verb: 12345热线工单办结 → 办结12345热线工单
        j = i
        modified = toks[0].tag in ("d", "p")  # 依申请公开|办结: the adverb belongs to the object's term
        while j > 1 and ((toks[j - 1].tag in ("d", "ad") and not modified) or toks[j - 1].verb):  # 调处化解
            j -= 1
        verb = "".join(t.word for t in toks[j:])
        obj = "".join(t.word for t in toks[:j])
        if modified and toks[i].word in w["verb_set"] and cls in ("case", "item") and core == bare:
            return Phrase(_area_first(verb, obj), stock=stock)  # 办结依申请公开143件
        if ends(obj, "channels") and cls in ("case", "item", "event", "person_time") and core == bare:
            return Phrase(
                "通过" + core + _sent(core), stock=stock
            )  # 通过12368诉讼服务热线办结4521件: the way, not the object
        k = j - 1
        while k > 0 and toks[k].tag == "x" and toks[k].word in "”」》":
            k -= 1  # “法律明白人”培养: the quoted noun is the object
        if any(t.verb for t in toks[:j]):
            return Phrase(core, stock=stock)  # 常委会会议专题研究法治建设: a clause with its own verb
        if toks[i].word in w["activities"]:
            pass  # 法治督查, 矛盾纠纷排查: an activity named by its verb
        elif (
            obj
            and core == bare
            and cls in ("case", "item")
            and noun(toks[k])
            and all(t.tag == "v" for t in toks[j:])
            and verb not in w["nominal_verbs"]
        ):
            # 修订完善村规民约9个, 出具公证书: the object, then the act; its area first (r51)
            return Phrase(_area_first(verb, obj), stock=stock)
        elif obj.endswith("性") or (kind_verb and kind_verb != "开展" and verb in kind_verb):
            core = obj if kind_verb and verb in kind_verb else core  # a noun of the work: the kind's verb
        elif (
            obj
            and core == bare
            and noun(toks[k])
            and (ends(obj.strip("“”"), "cases") or ends(obj.strip("“”"), "people"))
        ):
            stock = stock or any(verb.startswith(s) for s in w["stock_verbs"])
            return Phrase(verb + obj, stock=stock)

    if "被" in bare[1:] and cls in ("case", "item", "person", None):
        return Phrase(core, stock=stock)  # 行政复议决定被撤销1件: what befell the body, not its handling
    if toks and len(toks) > 1 and toks[-1].word in w["case_verbs"] and cls in ("case", "item", None):
        return Phrase(core, stock=stock)  # 综合行政执法立案23件, never 办理…立案
    head_activity = bool(ends(bare, "activities"))
    if head_activity and _targets_re().match(unit or "") and cls is None:
        return Phrase("对", "开展" + core, stock=stock)  # 对8个单位开展选人用人工作专项检查
    if ends(bare, "meetings") and cls in ("event", "item", "case", None):
        # a meeting is held, never 开展; one the label has an act of (主持局党组会议…) is said as written
        # (r51: never 召开主持…)
        return Phrase(core if opening_verbs(core) else "召开" + core, stock=stock)
    if head_activity and kind_verb and kind_verb not in w["activity_verbs"]:
        kind_verb = "开展"  # 矛盾纠纷排查 is held, not 调处化解d
    if head_activity and core == bare and _ACT_ON_RE.match(bare):
        return Phrase(core, stock=stock)  # 审批大型宗教活动: an act on the activities (r45: never 开展审批…)
    if kind_verb and (kind_verb != "开展" or head_activity):
        stock = stock or any(kind_verb.startswith(s) for s in w["stock_verbs"])
        if core.endswith(kind_verb):
            return Phrase(core, stock=stock)  # 行政诉讼应诉6件: the label says its act (r43: never 应诉…应诉)
        return Phrase(kind_verb + core, stock=stock)
    if ends(bare, "amount_figures") and cls is not None:
        return Phrase(core + "达", stock=stock)  # 人形机器人产量达…台
    if head_activity and cls in ("event", "item", "case", None):
        return Phrase("开展" + core, stock=stock)
    if bare.endswith("事项") and cls == "item":
        # matters counted by 项 are a list's entries, not cases handled (政务服务一网通办事项 1873项: blind
        # read r54, never 办理…事项1873项)
        return Phrase(core + "共", stock=True)
    if ends(bare, "cases") and cls in ("case", "item", None):
        return Phrase("办理" + core, stock=stock)
    if cls in ("event", "case") and len(toks) > 1 and toks[-1].tag == "v" and _people_act(toks, w):
        return Phrase(core, stock=stock)  # 负责人出庭应诉5次: the people act, the figure counts it
    if (
        cls in ("case", "item", None)
        and core == bare
        and len(toks) > 1
        and toks[-1].tag == "v"
        and len(toks[-1].word) == 2
        and toks[-1].word not in w["no_object_verbs"]
        and noun(toks[-2])
        and not any(t.verb for t in toks[:-1])
        and not ends(bare[: -len(toks[-1].word)], "people")
    ):
        # 公示企业年报, 换领执法证件; the area before the act (全县刑事案件立案 → 全县立案刑事案件: r51)
        return Phrase(_area_first(toks[-1].word, bare[: -len(toks[-1].word)]), stock=stock)
    if (
        cls in ("case", "item", None)
        and core == bare
        and len(toks) > 2
        and toks[-2].tag == "v"
        and toks[-1].tag in ("v", "ad", "vd")
        and len(toks[-2].word + toks[-1].word) == 4
        and noun(toks[-3])
        and not any(t.verb or t.tag == "v" for t in toks[:-2])
        and not ends(bare[: -len(toks[-2].word + toks[-1].word)], "people")
    ):
        done = toks[-2].word + toks[-1].word  # 裁判文书上网公开 → 上网公开裁判文书52.6万份 (r36)
        return Phrase(_area_first(done, bare[: -len(done)]), stock=stock)
    if (standing := _standing(bare, core, cls, toks)) is not None:
        return standing
    if (within := _within_activity(core, toks)) is not None:
        return within
    if _MEASURE_RE.search(core.strip("“”")) or "/" in (unit or ""):
        # a ratio, a concentration or an index is a level, never a total (r51: never “案-件比”共…, PM2.5年均浓度共…)
        return Phrase(core + "为", stock=True, sure=False)
    return Phrase(core + "共", stock=stock, sure=False)


#: a label naming a level, not a count (案-件比, PM2.5年均浓度, 营商环境指数, 平均办理时长)
_MEASURE_RE = re.compile(
    r"(?:比|比值|浓度|指数|均值|平均值|系数|密度|强度|时长|周期|天数)(?:[（(][^）)]*[）)])?$"
)


#: a label opening with the body's own office by its one-letter name (部机关, 局机关, 委机关)
_OWN_OFFICE_RE = re.compile(r"^([部局委院厅办])机关")
#: a label whose subject is a unit of the body that acted (法制大队审核案件, 政策法规科审查合同)
_UNIT_ACTS_RE = re.compile(
    r"^[^\d，,]{1,8}?(?:大队|中队|支队|科|股|处|室)(?:审核|审查|办理|受理|查处|检查|评查|调解|复核|核查)"
)
#: what a head does at a meeting or a study (主持局党组会议专题学法): an act, never a noun of the activity
_CHAIR_ACTS = ("主持", "召集", "出席", "列席", "参加", "带头", "带队", "讲授")
#: a label whose subject is a group that acts (县委理论学习中心组开展…, 局党组集体学法): a clause of its own
#: (县委理论学习中心组开展…): another organ's, whose study the body does not hold (its own 党组's it 组织s)
_GROUP_ACTS_RE = re.compile(
    rf"^(?:中共)?[^\d，,]{{0,10}}?[{COUNTY_UP_CHARS}]委(?:理论学习)?中心组(?:成员)?"
    r"(?:开展|召开|进行|举办|组织开展|集体|专题|集中)"
)
#: an administration's act on activities it does not hold (审批大型宗教活动, 查处非法宗教活动): said as written
_ACT_ON_RE = re.compile(
    r"^(?:审批|审核|核准|批准|许可|备案|登记|查处|取缔|处置|制止|叫停|劝阻|依法处置|依法取缔)(?=.{2,})"
)
#: a score a label names (考评得分, 测评分数): said as what it is, 为…分
_SCORE_RE = re.compile(r"(?:得分|分数|评分|总分|分值)$")
#: a label's own word of having (园区现有公职律师, 全县共有调解组织): the stock is said already
_HAVING_RE = re.compile(r"(?:现有|共有|拥有|已有)")
#: an organisation a label opens with as the doer of its act (全省法院入驻…, 园区企业…)
_ORG_DOER_RE = re.compile(
    rf"^(?:{PLACE_LEAD})?(?:各级)?(?:法院|检察院|人民法院|人民检察院|政府|部门|单位|机关|园区|学校|医院)(?:系统)?"
)


def _held_rest(rest: str) -> bool:
    """Whether the words after a having word are only what is had (员额法官, 公职律师): no act of its own."""
    toks = tokens(rest) if rest else ()
    return bool(toks) and noun(toks[-1]) and not any(t.verb for t in toks)


def _body_acts(core: str) -> Phrase | None:
    """An organisation, its act and what the act reached (全省法院入驻县级社会治理中心 118个): a clause with
    its own subject, the figure after what it counts, never a stock of the object (r36: 全省现有法院入驻…)."""
    m = _ORG_DOER_RE.match(core)
    if m is None or len(core) - m.end() < 4:
        return None
    toks = tokens(core[m.end() :])
    if len(toks) < 2 or toks[0].tag != "v" or toks[0].word in words()["held_states"] or not noun(toks[-1]):
        return None
    return Phrase(core, stock=True)


def _within_activity(core: str, toks: tuple[Token, ...]) -> Phrase | None:
    """A label naming an activity, then what was done in it (全市农资打假专项行动抽检农资产品 420批次): the
    activity is held, the act counted after it (全市开展农资打假专项行动，抽检农资产品420批次; blind read r33)."""
    if core != "".join(t.word for t in toks):
        return None
    for i in range(2, len(toks) - 1):
        before = "".join(t.word for t in toks[:i])
        after = "".join(t.word for t in toks[i:])
        if (
            (toks[i].verb or toks[i].tag == "v")
            and ends(before, "activities")
            and before.endswith(
                ("行动", "活动", "整治", "检查", "督查", "督察")
            )  # a campaign held, not a work
            and noun(toks[-1])
            and len(after) >= 3
            and not any(t.verb for t in toks[i + 1 :])
        ):
            whole = _WHOLE_RE.match(before)
            area = whole.group(0) if whole else ""
            return Phrase(f"{area}开展{before[len(area) :]}，{after}", stock=bool(area))
    return None


#: organisations and designations counted as they stand (人民调解组织, 平安创建示范单位, 村（社区）人民调解委员会)
_ORG_STOCK_RE = re.compile(
    r"(?:(?:调解|社会|基层|自治|群防群治)组织|委员会|调委会|示范(?:单位|村|社区|点)|网格)$"
)
#: the head noun of an organisation or of a kind of staff (调解委员会, 执法人员, 服务站): what stands, a stock
_BODY_NOUN_RE = re.compile(
    r"(?:委员会|中心|服务站|工作站|站|所|室|人员|队伍|窗口|基地|阵地|(?:调解|社会|基层|自治)组织)$"
)
#: the whole the body counts its stock in (全县, 全局, 全院 …)
_WHOLE_RE = re.compile(rf"{AREA_LEAD}|全(?:局|院|委|系统)")


def _tokens_spanning(toks: tuple[Token, ...], end: int) -> int | None:
    """How many of ``toks`` make up exactly the first ``end`` characters, ``None`` when a word crosses it."""
    size = 0
    for i, t in enumerate(toks):
        if size == end:
            return i
        size += len(t.word)
    return len(toks) if size == end else None


#: people counted by a wrong they did or a sanction they got: the year's cases, no stock
_MISCONDUCT_RE = re.compile(r"违纪|违法|违规|犯罪|处分|问责|追责|被查处|受处理")


def _standing(bare: str, core: str, cls: str | None, toks: tuple[Token, ...]) -> Phrase | None:
    """A stock of things or people named by nouns alone (全县中小学校 68所, 全局在编执法人员 42人): said as
    what there is, 全县现有中小学校68所, never as a year's work (blind read r32: …共68所【请核对表述】)."""
    if cls not in ("item", "person") or core != bare or not toks or not noun(toks[-1]):
        return None
    held = words()["held_states"]  # 在编, 持证: a state of the people counted, no act
    at = next((i for i, t in enumerate(toks) if i and t.word in held and i < len(toks) - 1), None)
    if at is not None and ends("".join(t.word for t in toks[:at]), "people"):
        return Phrase(core, stock=True)  # 行政执法人员持证上岗 136人: the people in their state (r36)
    named = bool(_BODY_NOUN_RE.search(bare))  # 人民调解委员会, 综合行政执法人员: the verb is in a name
    if _MISCONDUCT_RE.search(bare):
        return None  # 政法队伍违纪违法人员 3人: the year's cases of misconduct, never 现有… (blind read r56)
    if (not named and any((t.verb or t.tag.startswith("v")) and t.word not in held for t in toks)) or any(
        ends(bare, k) for k in ("cases", "meetings", "activities")
    ):
        return None
    return _stock(bare)


def _stock(bare: str, after_whole: str = "现有") -> Phrase | None:
    """What there is, after the whole it is counted in (全县现有中小学校, 现有人民调解组织; ``after_whole``: the
    having word after a whole, 全县共有人民调解组织); a label's own having word is said once (现有持证执法人员:
    r35); ``None`` when less than two characters are left after the whole."""
    whole = _WHOLE_RE.match(bare)
    rest = bare[whole.end() :] if whole else bare
    have = "" if rest.startswith(("现有", "共有", "拥有")) else (after_whole if whole else "现有")
    return Phrase((whole.group(0) if whole else "") + have + rest, stock=True) if len(rest) >= 2 else None
