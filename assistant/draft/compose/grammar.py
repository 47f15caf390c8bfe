"""The grammar of a metric label: where the user's figure goes and which predicate it needs.

A clerk's 指标 is a verb phrase (培育法律明白人), a noun phrase (罚没款, 普法宣传活动), an object
before its verb (12345热线工单办结) or a whole clause (连续在全面依法治市考核中获优秀等次; 法治建设考核
覆盖单位). The label is segmented and tagged by jieba (its dictionary ships in the package) and
read against the word classes of ``data/metric_phrases.yaml`` (``grammar:`` — verbs, people,
activities, cases, amounts; never whole labels). The label's own verb is said once, an amount
gets 共计 or nothing, a rate 达, a count of people keeps them as the object
(组织1350名执法人员参加法律知识考试), and a clause takes the figure where it wants it. Where no
pattern fits, the figure is written in a plain frame (…共X) and flagged ``sure=False``: the caller
adds 【请核对表述】.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.lang.units import unit_class
from assistant.lang.vocab import leading_verb
from assistant.lang.words import pos_tokenizer

DATA = Path(__file__).resolve().parents[2] / "data" / "metric_phrases.yaml"
_PAREN_RE = re.compile(r"[（(][^）)]*[）)]$")


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
    """

    before: str
    after: str = ""
    stock: bool = False
    sure: bool = True
    unit: str | None = None


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
        for noun in (*w["people"], *w["participants"], *w["activities"], *w["cases"]):
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
        )
        out.append(Token(word, tag, verb and word not in w["not_verbs"]))
    return tuple(out)


def clean(label: str, unit: str | None) -> str:
    """The label without a trailing （note）, count noun (人次/数量/数) or 的."""
    core = _PAREN_RE.sub("", label.strip()).strip()
    for _ in range(2):
        for noun in words()["count_nouns"]:
            if core.endswith(noun) and len(core) > len(noun) + 1:
                core = core[: -len(noun)]
                break
        core = core.rstrip("的")
    return core or label.strip()


def _ends(text: str, key: str) -> str:
    return next((x for x in words()[key] if text.endswith(x)), "")


def _people_split(core: str) -> tuple[str, str] | None:
    """执法人员法律知识考试 → (行政执法人员, 法律知识考试): people, then the activity they took part in."""
    w = words()
    for noun in w["people"]:
        pos = core.find(noun)
        if pos < 0:
            continue
        people, rest = core[: pos + len(noun)], core[pos + len(noun) :]
        rest = rest.removeprefix(next((j for j in w["joins"] if rest.startswith(j)), ""))  # 民警参加…考试
        nominal = w["nominal_verbs"]
        if (
            len(rest) >= 2
            and _ends(rest, "activities")
            and not any(t.verb and t.word not in nominal for t in tokens(rest)[:-1])
        ):
            return people, rest
    return None


def occurrence(label: str) -> str:
    """What a label counts as happening (命案发案 → 命案; 安全生产事故 → 安全生产事故), else ``""``."""
    w = words()
    core = clean(label, None)
    verb = _ends(core, "occurrence_verbs")
    noun = core[: len(core) - len(verb)] if verb else core
    toks = tokens(noun)
    if len(noun) < 2 or not (verb or _ends(noun, "occurrence_nouns")) or not toks:
        return ""
    if (toks[0].word in w["verb_set"]) if verb else any(t.verb for t in toks):
        return ""  # 受理信访案件发生: work done; 涉黑涉恶案件发案: what happened
    return noun if verb or not noun.startswith(tuple(w["occurrence_verbs"])) else ""


def _document_verb(bare: str) -> str:
    """The verb a decision or a document takes (行政处罚决定 → 作出), ``""`` when the label is none or
    one filed by people (人大代表建议: a case the body handles)."""
    w = words()
    doc = next((d for d in sorted(w["documents"], key=len, reverse=True) if bare.endswith(d)), "")
    head = bare[: len(bare) - len(doc)]
    if not doc or _ends(head, "people") or _ends(head, "participants"):
        return ""
    if any(t.verb and t.word not in w["document_kinds"] for t in tokens(bare)):
        return ""  # 收到行政复议决定: the label's own verb; 不予行政处罚决定: the decision's kind
    return w["documents"][doc]


def _honour(bare: str, unit: str | None) -> Phrase | None:
    """执法质量考评优秀所队 → 执法质量考评中 + N个 + 所队被评为优秀: an evaluation, a rank, the units."""
    w = words()
    for rank in w["ranks"]:
        pos = bare.find(rank)
        ev, who = bare[:pos], bare[pos + len(rank) :]
        if pos < 2 or not _ends(ev, "evaluations") or not who or len(who) > 5:
            continue
        if any(t.verb for t in tokens(who)):
            continue
        return Phrase(f"{ev}中", f"{who}被评为{rank}", stock=True, unit="名" if unit == "人" else None)
    return None


def _service(bare: str) -> Phrase | None:
    """入驻企业法律体检 → 为 + N家 + 入驻企业开展法律体检: a service (or an inspection) to N units."""
    w = words()
    for key, prep in (("services", "为"), ("inspections", "对")):
        for act in w[key]:
            if not bare.endswith(act):
                continue
            head = bare[: -len(act)]
            for n in range(len(head), 0, -1):
                units, work = head[:n], head[n:] + act
                if _ends(units, "served") and not any(t.verb for t in tokens(work)[:-1]):
                    return Phrase(prep, f"{units}开展{work}")
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
        if t.verb and 0 < i < len(toks) - 1 and not (t.word in nominal and _noun(toks[i - 1]))
    ]
    if not inner:
        return ""
    own = "".join(t.word for t in toks[: inner[-1]])  # 法治建设考核 | 覆盖 | 单位
    return own if len(own) >= 2 else ""


def _noun(tok: Token) -> bool:
    return tok.tag.startswith("n") or tok.tag in ("j", "ng")


def _noun_word(text: str) -> bool:
    """A single short noun (单位, 站点): the figure may go before it (覆盖105个单位)."""
    toks = tokens(text)
    return len(toks) == 1 and 1 <= len(text) <= 2 and _noun(toks[0])


#: Verbs that only say an activity was held: a head count of it reads 组织N名…; any other verb the
#: label opens with (听取) is the body's own act and stays.
_ORGANISE = frozenset({"开展", "组织", "举办", "组织开展"})


def phrase(
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
    core = clean(label, unit)
    bare = core.rstrip("0123456789")  # 普法宣传活动9: read the words, keep the digit in the text
    toks = tokens(bare) if bare else ()
    scoped = (
        any(bare.startswith(s) for s in w["scope_words"])
        or bool(toks and toks[0].word == "年")
        or any(t.word in ("全年", "年内") for t in toks)  # 力争全年完成…: the label sets its year
    )
    if toks and toks[0].word in ("年", "新") and len(toks) > 1 and toks[1].verb:  # 年接待游客, 新登记
        toks = (Token(toks[0].word + toks[1].word, "v", True), *toks[2:])
    first = toks[0] if toks else Token("", "", False)
    lead = leading_verb(bare)
    if first.verb and first.word not in w["verb_set"] and len(toks) > 1 and _ends(bare, "activities"):
        first = Token(first.word, "n", False)  # 例会学习: jieba's verb heads no activity
    starts_verb = bool(lead) or first.verb
    if (
        starts_verb
        and (lead or first.word) in w["activities"]
        and bare[len(lead or first.word) :].startswith(("活动", "工作", "会"))
    ):
        starts_verb = False  # 宣讲活动受众: the verb names the activity
    lexical = (lead or first.word) in w["verb_set"]
    change = _ends(bare, "change_verbs")
    stock = scoped or any((lead or first.word).startswith(s) for s in w["stock_verbs"])

    if cls == "rate":
        if change or (toks and toks[-1].verb and len(toks) > 1):
            return Phrase(core, stock=True)  # 压缩30%, 完成提标改造95%
        if _ends(bare, "scales"):
            return Phrase(core + "为", stock=True)  # 公众安全感为97.5%
        if bare.endswith(("率", "比例", "比重", "占比", "满意度", "覆盖面", "权重")) or (
            starts_verb and "率" in bare
        ):
            if kind_rate and not bare.endswith("率"):
                before, _, after = kind_rate.format(obj=core, value="\x00").partition("\x00")
                return Phrase(before, after, stock=True)
            return Phrase(core + "达", stock=True)
        return Phrase(core + "为", stock=True, sure=False)
    if bare.endswith("率"):  # a rate counted in 件 or 次: the table contradicts itself
        return Phrase(core + "为", stock=True, sure=False)
    if cls == "money":
        if change or starts_verb:
            return Phrase(core, stock=stock)
        if _ends(bare, "amount_figures"):
            return Phrase(core, stock=stock)
        if _ends(bare, "amount_totals"):
            return Phrase(core + "共计", stock=stock)
        return Phrase(core + "共计", stock=stock, sure=False)

    if cls in ("item", "person", None) and (honour := _honour(bare, unit)):
        return honour  # 执法质量考评中9个所队被评为优秀
    if cls == "item" and core == bare and (served := _service(bare)):
        return served  # 为9家入驻企业开展法律体检
    if cls in ("case", "event", "item", None) and (happened := occurrence(bare)):
        return Phrase("发生" + happened, stock=stock)  # 全年发生命案9起
    doc_verb = _document_verb(bare) if cls in ("case", "item", None) else ""
    if doc_verb and (not kind_verb or kind_verb in ("开展", "办理")):
        return Phrase(doc_verb + core, stock=stock)  # 作出行政处罚决定9件

    adverb = next((a for a in w["count_adverbs"] if bare.startswith(a)), "")
    rest = bare[len(adverb) :]
    if adverb and (unit in w["duration_units"] or cls == "event") and any(t.verb for t in tokens(rest)):
        return Phrase(adverb, rest, stock=True)  # 连续5年在…考核中获优秀等次
    if change and cls is not None:
        return Phrase(core, stock=stock)

    if first.tag == "p" and cls is not None:
        return Phrase(core, stock=stock)  # 为镇综合执法队伍配发执法服装, 向社会公开…: a clause of its own

    held = lead if lead in w["activity_verbs"] and len(bare) > len(lead) + 2 else ""
    led = any(bare.startswith(p) for p in w["people"])  # 调解员培训: people first, not the verb 调解
    if cls in ("person", "person_time") and (not starts_verb or held or led):
        split = _people_split(bare[len(held) :])  # 开展领导干部述法 36人 → 组织36名领导干部述法
        if split:
            people, activity = split
            if cls == "person":  # 组织1350名执法人员参加法律知识考试; 组织36名领导干部述法
                own = next((j for j in w["joins"] if j in bare), "参加")  # 参与志愿服务 keeps 参与
                joined = "" if activity in w["acts"] else own
                verb = held if held and held not in _ORGANISE else "组织"  # 听取12名…述法 keeps 听取
                return Phrase(verb, f"{people}{joined}{activity}", unit="名" if unit == "人" else unit)
            if activity in w["trains"]:
                return Phrase(f"{activity}{people}")  # 培训政法干警300人次
            return Phrase(f"{people}参加{activity}")  # 执法人员参加法律知识考试300人次
        participant = _ends(bare, "participants")
        if participant or bare.endswith("人员") and _ends(bare[:-2], "participants"):
            return Phrase(bare.removesuffix("人员"))  # 宣讲活动受众4000多人
        if _ends(bare, "activities") and not any(t.verb for t in toks):
            return Phrase(f"参加{core}的共")  # 参加法律知识考试的共1350人

    if starts_verb:
        verb = lead or first.word
        obj = bare[len(verb) :]
        if lexical and cls == "item" and _noun_word(obj) and core == bare:
            return Phrase(verb, obj, stock=stock)  # 覆盖105个单位
        return Phrase(core, stock=stock)  # 培育法律明白人120名

    inner = [i for i, t in enumerate(toks) if t.verb and i > 0]
    if (
        inner
        and cls in ("event", "person_time")
        and _ends(bare, "activities")
        and not toks[-1].verb
        and all(i < len(toks) - 2 for i in inner)
    ):
        inner = []  # 平安建设宣传活动: a verb inside the activity's modifier (not 召开|会议) is no predicate
    if inner:
        i = inner[-1]
        if i < len(toks) - 1:  # subject, verb, object: 法治建设考核覆盖单位
            subject = "".join(t.word for t in toks[:i])
            obj = "".join(t.word for t in toks[i + 1 :])
            if cls == "item" and _noun_word(obj) and core == bare:
                return Phrase(subject + toks[i].word, obj, stock=stock)
            return Phrase(core, stock=stock)  # 普法宣传覆盖群众5600人次
        # object, then its verb: 12345热线工单办结 → 办结12345热线工单
        j = i
        while j > 1 and (toks[j - 1].tag in ("d", "ad") or toks[j - 1].verb):  # 矛盾纠纷调处化解
            j -= 1
        verb = "".join(t.word for t in toks[j:])
        obj = "".join(t.word for t in toks[:j])
        k = j - 1
        while k > 0 and toks[k].tag == "x" and toks[k].word in "”」》":
            k -= 1  # “法律明白人”培养: the quoted noun is the object
        if any(t.verb for t in toks[:j]):
            return Phrase(core, stock=stock)  # 常委会会议专题研究法治建设: a clause with its own verb
        if toks[i].word in w["activities"]:
            pass  # 法治督查, 矛盾纠纷排查: an activity named by its verb
        elif obj.endswith("性") or (kind_verb and kind_verb != "开展" and verb in kind_verb):
            core = obj if kind_verb and verb in kind_verb else core  # a noun of the work: the kind's verb
        elif (
            obj
            and core == bare
            and _noun(toks[k])
            and (_ends(obj.strip("“”"), "cases") or _ends(obj.strip("“”"), "people"))
        ):
            stock = stock or any(verb.startswith(s) for s in w["stock_verbs"])
            return Phrase(verb + obj, stock=stock)

    head_activity = bool(_ends(bare, "activities"))
    if _ends(bare, "meetings") and cls in ("event", "item", "case", None):
        return Phrase("召开" + core, stock=stock)  # a meeting is held, never 开展
    if head_activity and kind_verb and kind_verb not in w["activity_verbs"]:
        kind_verb = "开展"  # 矛盾纠纷排查 is held, not 调处化解d
    if kind_verb and (kind_verb != "开展" or head_activity):
        stock = stock or any(kind_verb.startswith(s) for s in w["stock_verbs"])
        return Phrase(kind_verb + core, stock=stock)
    if _ends(bare, "amount_figures") and cls is not None:
        return Phrase(core + "达", stock=stock)  # 人形机器人产量达…台
    if head_activity and cls in ("event", "item", "case", None):
        return Phrase("开展" + core, stock=stock)
    if _ends(bare, "cases") and cls in ("case", "item", None):
        return Phrase("办理" + core, stock=stock)
    return Phrase(core + "共", stock=stock, sure=False)
