"""Label patterns of their own kind: an occurrence, a document, an honour, a service to units, a
meeting's own study, an object before the verb done to it, a finding and its fix.

Each reads a label's structure (word classes of data/metric_phrases.yaml and jieba's tags, see
label_words.py) and returns the :class:`Phrase` around the figure, or nothing when the label is not
of its kind; grammar.py tries them in turn.
"""

from __future__ import annotations

import functools
import re

from assistant.draft.compose.label_words import Phrase, clean, ends, noun, tokens, words


def occurrence(label: str) -> str:
    """What a label counts as happening (命案发案 → 命案; 安全生产事故 → 安全生产事故), else ``""``."""
    w = words()
    core = clean(label, None)
    verb = ends(core, "occurrence_verbs")
    noun = core[: len(core) - len(verb)] if verb else core
    toks = tokens(noun)
    if len(noun) < 2 or not (verb or ends(noun, "occurrence_nouns")) or not toks:
        return ""
    if (toks[0].word in w["verb_set"]) if verb else any(t.verb for t in toks):
        return ""  # 受理信访案件发生: work done; 涉黑涉恶案件发案: what happened
    return noun if verb or not noun.startswith(tuple(w["occurrence_verbs"])) else ""


@functools.cache
def _documents() -> tuple[str, ...]:
    """The documents of the word classes, the longest first (处罚决定书 before 决定书)."""
    return tuple(sorted(words()["documents"], key=len, reverse=True))


def _document_of(bare: str) -> str:
    """The document a label ends with (行政处罚决定书 → 处罚决定书, the longest known), or ``""``."""
    return next((d for d in _documents() if bare.endswith(d)), "")


def document_acted(bare: str) -> bool:
    """Whether a label names its document after the act done with it (网上公开行政处罚决定书, 主动公开…决定):
    said as written, however jieba tags the act (r38: never 出具网上公开…, never 现有网上公开…)."""
    doc = _document_of(bare)
    return bool(doc) and any(a in bare[: len(bare) - len(doc)] for a in words()["document_acts"])


def _document_verb(bare: str) -> str:
    """The verb a decision or a document takes (行政处罚决定 → 作出), ``""`` when the label is none or
    one filed by people (人大代表建议: a case the body handles)."""
    w = words()
    doc = _document_of(bare)
    head = bare[: len(bare) - len(doc)]
    if not doc or ends(head, "people") or ends(head, "participants"):
        return ""
    if any(t.verb and t.word not in w["document_kinds"] for t in tokens(bare)):
        return ""  # 收到行政复议决定: the label's own verb; 不予行政处罚决定: the decision's kind
    return w["documents"][doc]


#: an honour's verbs (获评, 荣获, 入选 …); compose/phrasing.py and compose/routing.py read an honour with them
HONOUR_VERBS = r"(?:获评|荣获|获得|获|被评为|被命名为|被确定为|入选)"
#: things counted, then where they were judged, then the honour (行政执法案卷在全市评查中获评优秀 卷)
_COUNTED_HONOUR_RE = re.compile(
    rf"^(?P<subj>[^在，,。；]{{2,12}}?)(?P<where>在[^，,。；]{{2,16}}中)?(?P<won>{HONOUR_VERBS}[^者]{{2,}})$"
)


#: an honour with no subject (连续3年获评…, 荣获…)
WON_RE = re.compile(rf"^(?:连续\d+年)?{HONOUR_VERBS}.{{2,}}$")
#: what a unit of count says won, where it can say only one thing (所 of schools, 家 of units, 名 of people)
_WINNERS = {"所": "学校", "家": "单位", "名": "人", "人": "人"}
#: what an honour's name says won, at its end (…民主法治示范社区 → 社区; …示范村（社区） → 村（社区）)
_WINNER_TAILS = (
    "村（社区）",
    "村(社区)",
    "社区",
    "村",
    "学校",
    "企业",
    "单位",
    "集体",
    "家庭",
    "基地",
    "窗口",
    "医院",
)


def _winners(bare: str, unit: str | None) -> str:
    """The noun of what won an honour counted in ``unit``: the honour's own last word where it names it,
    else the unit's, else ``""``."""
    if unit in ("个", "家", "所", "处"):
        tail = next((t for t in _WINNER_TAILS if bare.endswith(t)), "")
        if tail:
            return tail
    return _WINNERS.get(unit or "", "")


def _honour(bare: str, unit: str | None) -> Phrase | None:
    """执法质量考评优秀所队 → 执法质量考评中 + N个 + 所队被评为优秀: an evaluation, a rank, the units;
    行政执法案卷在全市评查中获评优秀 → 有 + N卷 + 行政执法案卷在全市评查中获评优秀: the figure counts the
    things that won (blind read r27: never …获评优秀共3卷)."""
    w = words()
    m = _COUNTED_HONOUR_RE.match(bare)
    subj = tokens(m["subj"]) if m else ()
    if (
        subj
        and (unit or "") not in ("项", "次", "年")
        and noun(subj[-1])
        and not any(t.verb or t.tag[:1] in ("p", "d") for t in subj)
    ):
        return Phrase("有", bare, unit="名" if unit == "人" else None)  # the things that won are counted
    if won := WON_RE.match(bare):
        # no subject, the unit names what won: 有11所学校连续3年获评省级依法治校示范校 (blind read r55: never
        # 连续3年获评…示范校共11所); else the clause as written (连续3年获评…考核优秀等次, r58: never …中3年等次
        # 被评为优秀)
        what = _winners(bare, unit)
        return (
            Phrase("有", f"{what}{won.group(0)}", stock=True, unit="名" if unit == "人" else None)
            if what
            else None
        )
    for rank in w["ranks"]:
        pos = bare.find(rank)
        ev, who = bare[:pos], bare[pos + len(rank) :]
        if pos < 2 or not ends(ev, "evaluations") or not who or len(who) > 5:
            continue
        if any(t.verb for t in tokens(who)):
            continue
        return Phrase(f"{ev}中", f"{who}被评为{rank}", stock=True, unit="名" if unit == "人" else None)
    return None


def _service(bare: str) -> Phrase | None:
    """入驻企业法律体检 → 为 + N家 + 入驻企业开展法律体检: a service (or an inspection) to N units;
    法治副校长配备学校 → 为 + N所 + 学校配备法治副校长: people placed with N units."""
    w = words()
    for verb in w["assigns"]:
        people, _, units = bare.partition(verb)
        if units and ends(units, "served") and units in w["served"] and ends(people, "people"):
            return Phrase("为", f"{units}{verb}{people}")
    for key, prep in (("services", "为"), ("inspections", "对")):
        for act in w[key]:
            if not bare.endswith(act):
                continue
            head = bare[: -len(act)]
            for n in range(len(head), 0, -1):
                units, work = head[:n], head[n:] + act
                if ends(units, "served") and not any(t.verb for t in tokens(work)[:-1]):
                    return Phrase(prep, f"{units}开展{work}")
    return None


def meeting_study(bare: str) -> Phrase | None:
    """部务会议专题学法 → 召开部务会议专题学法; 党组理论学习中心组专题学法 → 组织…; 市政府常务会议学法 →
    市政府常务会议会前学法: a meeting is held and a study group studies, never 开展 of a meeting."""
    w = words()
    act = ends(bare, "study_acts")
    head = bare[: len(bare) - len(act)]
    if not act or len(head) < 2 or any(t.word in w["verb_set"] for t in tokens(head)):
        return None
    if ends(head, "study_groups"):
        return Phrase("组织" + bare)
    if not ends(head, "meetings"):
        return None
    if act in w["bare_study"]:
        return Phrase(head + w["bare_study"][act])  # 常务会议学法 → 常务会议会前学法
    if act in w["meeting_own_study"]:
        return Phrase(bare)  # 常务会议会前学法, 例会学习: the study goes with the meeting, none is held
    return Phrase("召开" + bare)


def check_first(bare: str, cls: str | None) -> Phrase | None:
    """合法性审查街道重大事项 (件) → 对N件街道重大事项进行合法性审查: the check's name, its verb, then what
    was checked (a count of items or cases)."""
    if cls not in ("item", "case"):
        return None
    w = words()
    for verb in sorted(w["review_verbs"], key=len, reverse=True):
        pos = bare.find(verb)
        check, obj = bare[:pos], bare[pos + len(verb) :]
        if pos < 2 or len(check) > 6 or len(obj) < 2:
            continue
        if not all(noun(t) or t.tag in ("l", "a") for t in tokens(check)) or ends(check, "people"):
            continue  # 局法律顾问审查各类合同: the people who checked, not the check's name (r27)
        if any(t.verb or t.tag.startswith("v") for t in tokens(obj)):
            continue
        return Phrase("对", f"{obj}进行{check}{verb}")
    return None


def served_then_act(bare: str, cls: str | None, unit: str | None) -> Phrase | None:
    """暂停医保服务协议定点机构 (家) → 对N家定点机构暂停医保服务协议: an act done to a count of units the
    label names last."""
    if cls != "item" or (unit or "")[-1:] not in "家个所":
        return None
    units = ends(bare, "served")
    toks = tokens(bare[: len(bare) - len(units)]) if units else ()
    first = toks[0] if toks else None  # jieba tags 暂停 an adverb: a two-character verb before the object
    if (
        not units
        or len(toks) < 2
        or not (first.tag.startswith("v") or (first.tag == "d" and len(first.word) == 2))
    ):
        return None
    if any(t.verb or t.tag == "v" for t in toks[1:]):
        return None  # 服务 (vn) names the agreement; a second verb is a clause of its own
    if toks[-1].tag == "vn":  # 检查道路运输企业: 道路运输 names the kind of firm, not what was checked (r24)
        return Phrase(bare)
    if first.word in words()["inspections"]:  # 检查粮食经营主体: the units are what is checked, 粮食 names
        return Phrase(bare)  # their kind (r45: never 对经营主体检查粮食)
    return Phrase("对", f"{units}{bare[: len(bare) - len(units)]}")


#: verbs of making a text (起草, 修订): what they take is made, not checked
MAKING_VERBS = ("起草", "修订", "制定", "修改", "拟定", "编制")
#: 经 before a check's name (重大行政决策经合法性审查): the object went through it, no word of the check (r49:
#: never 进行经合法性审查)
_WENT_THROUGH_RE = re.compile(r"(?<=[\u4e00-\u9fff]{2})经(?=[\u4e00-\u9fff]{0,6}$)")


#: words of how a check is done that a clerk writes between its object and its verb (…专项审核)
_VERB_MANNERS = ("专项", "集中", "全面", "重点", "交叉")
#: checks whose figure counts the units checked, not the objects
_INSPECTIONS = ("检查", "督查", "抽查", "巡查")


def reviewed_object(bare: str, cls: str | None) -> Phrase | None:
    """党内法规制度清理 → 清理党内法规制度; 规范性文件备案审查 → 备案审查规范性文件; 行政规范性文件备案 →
    报备行政规范性文件; 区委文件合法性审查 (件) → 对N件区委文件进行合法性审查."""
    w = words()
    if ends(bare, "review_verbs"):
        bare = _WENT_THROUGH_RE.sub("", bare)
    verbs, rest = "", bare
    while verb := ends(rest, "review_verbs"):  # 备案审查: two verbs
        verbs, rest = verb + verbs, rest[: -len(verb)]
    if not verbs or len(rest) < 2:
        return None
    if verbs in MAKING_VERBS:  # 地方性法规草案起草 → 起草地方性法规草案, never 对…进行草案起草 (r49)
        return Phrase(verbs + rest)
    if (
        (how := next((m for m in _VERB_MANNERS if rest.endswith(m)), ""))
        and len(rest) - len(how) >= 2
        and verbs not in _INSPECTIONS  # 选人用人工作专项检查 (个单位): the units inspected are counted (r26)
    ):
        # the manner is the verb's (干部人事档案专项审核 1240卷 → 对1240卷干部人事档案进行专项审核: r57, never
        # 审核干部人事档案专项…)
        return Phrase("对", f"{rest[: -len(how)]}进行{how}{verbs}")
    verbs = w["fronted"].get(verbs, verbs)
    for cut in range(len(rest), 1, -1):
        obj, check = rest[:cut], rest[cut:]
        if not ends(obj, "reviewed") or any(t.verb for t in tokens(obj)):
            continue
        if not check:
            return Phrase(verbs + obj)
        if cls not in ("item", "case"):
            return None
        kinds = tokens(check)  # 合法性, 公平竞争, 社会稳定风险: words naming the check
        if 2 <= len(check) <= 6 and all(noun(t) or t.tag in ("l", "a", "b") for t in kinds):  # 合规性: b
            return Phrase("对", f"{obj}进行{check}{verbs}")
        return Phrase("完成" + bare)  # 重大行政决策后评估: the check's name is a term of its own
    toks = tokens(rest)
    if cls in ("item", "case") and len(toks) >= 2 and toks[-1].tag.startswith("n") and toks[-1].tag != "nr":
        # the name of the check goes with its verb: 刑事案件法制审核 → 对N件刑事案件进行法制审核 (r38)
        check = ends(rest, "check_names")
        if check and len(rest) - len(check) >= 2:
            return Phrase("对", f"{rest[: -len(check)]}进行{check}{verbs}")
        return Phrase("对", f"{rest}进行{verbs}")  # 森林督查图斑核查 → 对N个森林督查图斑进行核查
    return None


#: a campaign whose fixes a label counts (专项治理整改, 集中整治整改)
_CAMPAIGNS = ("专项治理", "集中整治", "专项整治", "专项行动", "专项检查", "专项督查")


def _found_then_fixed(bare: str) -> tuple[str, str, int] | None:
    """(what was found with its finder, the fix verb, where the finder ends) of a label that names both a
    finding and its fix (执法巡查发现问题整改 → (执法巡查发现问题, 整改, 6)), else ``None``."""
    fix = ends(bare, "fixes")
    head = bare[: len(bare) - len(fix)]
    if not fix or not ends(head, "found"):
        return None
    find = next((f for f in words()["finds"] if f in head), "")
    if not find:
        return None
    pos = head.index(find) + len(find)
    if any(t.verb and t.word not in find for t in tokens(head[pos:])):
        return None
    return head, fix, pos


def found_and_fixed(bare: str) -> Phrase | None:
    """发现问题整改 → 发现并整改问题N个: a label naming both counts the problems found and fixed (blind
    reads r10 and r12: 发现问题N个，已整改【待补充】个 misread the figure); 隐患整改 → 整改隐患N处 (nothing
    was found: the figure counts the fixes)."""
    fix = ends(bare, "fixes")
    head = bare[: len(bare) - len(fix)]
    if not fix:
        return None
    if head.endswith(_CAMPAIGNS) and not ends(head, "found"):  # 执法司法突出问题专项治理整改 58个
        return Phrase(f"开展{head}，{fix}问题")  # the campaign is held, the figure counts the problems fixed
    after = ends(head, "finds")  # 重大事故隐患排查整改: the object, then both verbs → 排查整改重大事故隐患
    if after and ends(head[: -len(after)], "found"):
        return Phrase(after + fix + head[: -len(after)])
    if not ends(head, "found"):
        toks = tokens(head)
        if len(head) >= 2 and toks and not any(t.word in words()["verb_set"] for t in toks):
            return Phrase(fix + head)  # 占道经营整治 → 整治占道经营8426处次: the object, then the fix (r23)
        return None
    if both := _found_then_fixed(bare):
        found, _, pos = both
        return Phrase(found[:pos] + "并" + fix + found[pos:])  # 执法巡查发现并整改问题214个
    if any(f in head for f in words()["finds"]):
        return None  # a finder, then a verb of its own: no pattern fits
    return Phrase(fix + head)  # 巡视反馈问题整改 → 整改巡视反馈问题: what is fixed was given


def found_only(bare: str) -> str:
    """What a find-and-fix label found (执法巡查发现问题 of 执法巡查发现问题整改), ``""`` for any other
    label: a zero of it says nothing was found (全年未发现问题), so nothing was fixed."""
    both = _found_then_fixed(bare)
    return both[0] if both else ""
