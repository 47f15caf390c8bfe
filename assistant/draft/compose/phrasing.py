"""Sentences for the user's figures: one verb and pattern per metric kind (data/metric_phrases.yaml).

A figure that no exemplar slot could take is written with its own kind's words (办理…件,
开展…场次, 建成…个, 覆盖…人次, 接收和管理社区矫正对象…人, …达…%), a compound figure keeps its linking
words (开展普法宣传活动23场次，覆盖群众5600人次), the label's own verb is never doubled, and a running
total (建成, 培育, 配备) is written without “全年”.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from assistant.draft.compose.grammar import (
    RANK_LABEL_RE,
    SCOPE_LEAD_RE,
    clean,
    head_clause,
    occurrence,
    opening_verbs,
    phrase,
    scope_first,
    tokens,
    without_asides,
    words,
)
from assistant.draft.compose.label_clauses import HONOUR_VERBS, WON_RE, found_only
from assistant.draft.compose.label_words import DURATION_RE, NEW_RE
from assistant.draft.compose.notes import (
    AWARDED_BY_RE,
    and_list,
    dated_note,
    lacks_power,
    none_and_rest,
    none_said,
    note_pieces,
    pending_note,
    restates_zero,
    source_note,
    unsaid_notes,
    zero_note,
)
from assistant.draft.outline.genres import PART_RE  # a part of the row above it (其中：办结)
from assistant.draft.tables.compare import comparison_for, comparison_suffix
from assistant.draft.tables.metrics import MetricRow, is_blank, row_unit
from assistant.draft.voice.scan import out_of_scope
from assistant.lang.bodies import BodyProfile
from assistant.lang.direction import row_direction
from assistant.lang.markers import missing
from assistant.lang.places import AREA_LEAD
from assistant.lang.units import APPROX_AFTER, APPROX_BEFORE, APPROX_INSIDE, parse_value, unit_class
from assistant.lang.vocab import kind_by_id, leading_verb

DATA = Path(__file__).resolve().parents[2] / "data" / "metric_phrases.yaml"
_TRAILING_VERB_RE = re.compile(r"(?:办理|开展|调解|受理|办结|化解|发放|举办|组织|召开|建成|建设|设立)$")
COMPOUND_RE = re.compile(r"(\d+(?:\.\d+)?(?:万)?(?:余|多)?场次?)(\d+(?:\.\d+)?(?:万)?(?:余|多)?人次)")


@functools.cache
def _data() -> dict[str, Any]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _spec(kind: str | None) -> dict[str, Any]:
    return dict(_data()["kinds"].get(kind or "", {}))


def _kind_verb(template: str | None) -> str | None:
    """The verb a kind's template puts before its object (``开展{obj}{value}`` → 开展; none → "")."""
    if template is None:
        return None
    return template.split("{obj}", 1)[0] if "{obj}" in template else ""


def _value(row: MetricRow, unit: str | None = None) -> str:
    return render_value(row, None, unit=unit)


def _template(row: MetricRow, body: Any) -> tuple[str | None, bool]:
    """The kind's template for this row and body, and whether it is the body's own (by_body)."""
    spec = _spec(row.kind)
    if spec.get("by_body") and body is not None:
        keys = (
            body.keys() if isinstance(body, BodyProfile) else [getattr(body, "department", None), body.kind]
        )
        own = next((spec["by_body"][k] for k in keys if k and k in spec["by_body"]), None)
        if own:
            return own, True
    cls = unit_class(row_unit(row))
    if cls == "person_time" and spec.get("person_time"):
        return spec["person_time"], False
    return spec.get("phrase"), False


#: a collective body before 主持召开 (院党组, 局党委, 领导班子)
_COLLECTIVE_CHAIR_RE = re.compile(
    r"^(?P<who>[\u4e00-\u9fff]{0,4}(?:党组|党委|党工委|党总支|党支部|领导班子|班子|委员会))主持召开"
)


#: an occasion a label opens with (宪法宣传周期间, 全国土地日前后, 民法典宣传月期间)
_OCCASION_LEAD_RE = re.compile(r"^[^，,；;。\d]{2,16}?(?:期间|前后|之际|当天|当日)")


#: the reporting body itself as a label's subject (街道开展…, 本局组织…, 镇举办…)
_SELF_SUBJECT_RE = re.compile(
    r"^(?:本|我)?(?:街道|局|院|镇|乡|单位|委|办|厅|部)(?:机关)?(?=[\u4e00-\u9fff]{2})"
)


#: a run of years named without its count (连续获评…, 连续保持…): the count is the row's value
_RUN_NO_COUNT_RE = re.compile(r"^连续(?![\d一二三四五六七八九十两多])")


#: winners a note names (梧桐里社区, 城关司法所、石渠司法所)
_WINNER_NAME_RE = re.compile(
    r"^[\u4e00-\u9fff]{1,10}(?:社区|村|镇|乡|街道|学校|小学|中学|单位|局|所|院|中心|企业|公司|站|队|庭|科|股)$"
)


def _honour_won(row: MetricRow, text: str, unit: str | None) -> str | None:
    """An honour said as won, never as a count (blind read r68): the body's own (获评“…先进集体” with 1 项) with no
    count and no comparison, a first honour being no increase of 1 项; the winners a note names, as many as the
    figure (有1个社区获评… with 梧桐里社区) named as its subject (梧桐里社区获评…)."""
    if not re.match(HONOUR_VERBS, text) or row.number is None or row.number != int(row.number):
        return None
    if row.number == 1 and unit in ("项", "次"):
        return text
    names = [n for n in re.split(r"[、，,\s]+", (row.note or "").strip()) if n]
    if (
        unit in ("个", "家", "所")
        and len(names) == int(row.number)
        and all(_WINNER_NAME_RE.match(n) for n in names)
    ):
        return and_list(names) + text
    return None


def figure_phrase(row: MetricRow, body: Any = None, label: str | None = None) -> tuple[str, bool, bool]:
    """(phrase without 全年 and end mark, is a running total, a grammar pattern fitted) for one figure.

    The label's own grammar decides (:mod:`assistant.draft.compose.grammar`); the metric kind's verb
    is used only for a label that has none, and a body's own verb (被申请行政复议案件) wins.
    """
    spec = _spec(row.kind)
    unit = row_unit(row)
    text = (label if label is not None else row.label).strip()
    # a body of several people holds its meeting; only a person chairs one (院党组主持召开党组会议: blind read r63)
    text = _COLLECTIVE_CHAIR_RE.sub(r"\g<who>召开", text, count=1)
    if (own_subject := _SELF_SUBJECT_RE.match(text)) and opening_verbs(text[own_subject.end() :]):
        # 街道开展宪法和法律宣传活动: the body itself as the label's subject, the report's own voice (never
        # 开展街道开展…: blind read r68)
        text = text[own_subject.end() :]
    if (when := _OCCASION_LEAD_RE.match(text)) and opening_verbs(text[when.end() :]):
        # 民法典宣传月期间开展法律进村入户宣讲: the occasion leads its act (blind read r69: never 开展…期间开展…)
        said, _stock, sure = figure_phrase(row, body, text[when.end() :])
        return f"{when.group(0)}，{said}", True, sure  # dated by its occasion: never 全年…
    if (honour := _honour_won(row, text, unit)) is not None:
        return honour, True, True
    if _RUN_NO_COUNT_RE.match(text) and unit == "年" and re.fullmatch(r"\d+年", _value(row)):
        # 连续获评…优秀等次 with 4 年: the run's count belongs after 连续 (连续4年获评…), as a clerk who wrote
        # it in the label said it (never 连续获评…中4年等次被评为优秀)
        text = "连续" + _value(row) + text[2:]
    if unit == "年" and text.startswith("连续" + _value(row)) and not re.match(r"连续\d+年(?:以上|来)", text):
        # 连续6年保持无重大行政败诉案件: the run is the label, said once, never compared
        return text, True, True
    if STANDING_RE.match(clean(text, unit)):  # 现行有效县政府规范性文件38件: no verb of work (r45)
        return _as_it_stands(row, body, text), True, True
    if DURATION_RE.search(measure := clean(text, unit)):
        # a measure of time is what it is (平均审理周期为38天), whatever its kind's frame (blind read r61)
        return measure + "为" + _value(row) + shown_suffix(row, body), True, True
    template, by_body = _template(row, body)
    if (
        by_body
        and template
        and unit_class(unit) != "rate"
        and not _own_verb_fits(text, unit, body)
        and not head_clause(text)  # 书记主持召开…: the head's own act, said as written (r27)
        and not WON_RE.match(text)  # 连续2年获评…示范社区: what won is counted (r56: never 现有连续…)
    ):
        obj = scope_first(clean(text, unit))
        scope = SCOPE_LEAD_RE.match(obj)
        if scope and opening_verbs(obj[scope.end() :]):  # 全区收案行政复议案件: said as written
            return obj + _value(row) + shown_suffix(row, body), True, True
        verb = opening_verbs(obj)
        obj = obj[len(verb) :] if verb and len(obj) > len(verb) + 1 else obj
        obj = _TRAILING_VERB_RE.sub("", obj) or obj
        if verb and obj != text and isinstance(body, BodyProfile) and out_of_scope(verb + obj, body):
            # 受理行政复议案件 in a 公安局's table: no act of its kind, said in its frame (被申请…: r67); what was
            # asked of it is the review (被申请行政复议40件, never 被申请行政复议申请)
            if template.startswith("被申请") and obj.endswith("申请"):
                obj = obj[: -len("申请")]
        elif verb and obj != text:  # 收到行政复议申请: the label's own verb stays
            template = verb + "{obj}{value}"
        elif (own := _kind_verb(template)) and obj.endswith(own):  # 行政诉讼应诉6件 (r43: never 应诉…应诉)
            template = "{obj}{value}"
        elif _qualified(obj) and (_OUTCOME_RE.search(obj) or not template.startswith("办理{obj}")):
            # 行政复议被撤销案件: the label's own words, a neutral frame; a case handled is handled
            # (r51: 办理民事行政诉讼监督案件73件, never …监督案件共73件)
            template = "{obj}共{value}"
        return template.format(obj=obj, value=_value(row) + shown_suffix(row, body)), False, True
    core = clean(text, unit)
    last = tokens(core)[-1] if core and tokens(core) else None
    if (
        spec.get("default_obj")
        and last
        and last.verb
        and last.word in (_kind_verb(template) or "")
        and spec["default_obj"] not in core
        and not _has_object(core)
    ):
        text = core + spec["default_obj"]  # 普法覆盖 → 普法覆盖群众
    named = _named_by_kind(row.kind, text)
    p = phrase(text, unit, _kind_verb(template) if named else None, spec.get("rate"))
    before = p.before + ("，共" if p.before[-1:].isdigit() else "")
    suffix = shown_suffix(row, body)
    if before.endswith("达") and ("下降" in suffix or row_direction(row, body).good != "up"):
        before = (
            before[:-1] + "为"
        )  # 结案率为97.2%（较上年下降…）, 复议纠错率为8.5%: 达 is for an achievement
    out = before + _value(row, p.unit) + p.after + suffix + p.tail
    return out, p.stock or bool(named and spec.get("stock")), p.sure


def _own_verb_fits(label: str, unit: str | None, body: Any) -> bool:
    """Whether a label ending in its own verb (税务行政复议案件办结) is said with it (办结…7件) rather than in
    the body's frame (被申请…): when the body may say that verb of it (a 税务局 is a 复议机关; a
    township is not, and its 复议 cases are those brought against it)."""
    core = clean(label, unit)
    if _TRAILING_VERB_RE.search(core) is None or not isinstance(body, BodyProfile):
        return False
    own = phrase(core, unit)
    return not out_of_scope(own.before + own.after, body)


#: a case named by how it ended (被撤销, 纠错, 败诉): a result, never a case handled
_OUTCOME_RE = re.compile(r"被|纠错|纠正|撤销|变更|败诉|确认违法|驳回|维持")


def _qualified(obj: str) -> bool:
    """Whether a label says more than its kind's bare noun (行政复议被撤销案件, 行政复议纠错案件): a
    predicate of its own (被, a verb) or a qualifier between its nouns, so a body's voice template
    (被申请…, 办理…) would stack a second predicate on it."""
    toks = tokens(without_asides(obj))  # an aside (（含应诉）) qualifies nothing
    return "被" in obj or any(t.verb for t in toks) or len(toks) > 2


def _has_object(core: str) -> bool:
    """Whether the words before a label's closing verb already name what it acts on (矛盾纠纷调处化解:
    a case; 群众覆盖: people), so no default object is added after it."""
    toks = tokens(core)
    head = "".join(t.word for t in toks if not t.verb)
    w = words()
    return bool(head) and any(head.endswith(x) for x in (*w["cases"], *w["people"]))


def _named_by_kind(kind: str | None, label: str) -> bool:
    """Whether the label names its kind's work outright (an alias of 3 characters or more: 法律明白人,
    普法宣传), so the kind's verb fits it; 企业 or 村 alone say nothing of what was done with them."""
    found = kind_by_id(kind or "")
    return found is not None and any(len(a) >= 3 and a in label for a in found.aliases)


#: a label saying every one of what it counts did something (重大行政决策事项全部履行法定程序): the count
#: goes with the things, the predicate after it (作出重大行政决策事项3项，全部履行法定程序; blind read r25)
ALL_DID_RE = re.compile(r"^(?P<np>[^，,。；]{2,}?)(?P<all>全部|均|全都)(?P<vp>[^，,。；]{2,})$")


def _all_did(label: str) -> tuple[str, str] | None:
    """(the things counted, ``全部``/``均`` + what each did) of such a label, or None."""
    m = ALL_DID_RE.match(label.strip())
    if m is None:
        return None
    np_toks, vp_toks = tokens(m["np"]), tokens(m["vp"])
    if not np_toks or not np_toks[-1].tag.startswith("n") or any(t.verb for t in np_toks):
        return None
    if not any(t.verb or t.tag.startswith("v") for t in vp_toks):
        return None
    return m["np"], m["all"] + m["vp"]


def row_phrase(row: MetricRow, body: Any = None) -> tuple[str, bool]:
    """(phrase without 全年 and end mark, is a running total) for one user figure; a phrase no pattern
    of the label's grammar fitted is the plain frame (…共X), its comment asking the drafter to check it."""
    if (split := _all_did(row.label)) is not None:
        text, stock, sure = figure_phrase(dataclasses.replace(row, label=split[0]), body)
        if sure:
            return f"{text}，{split[1]}", stock
    text, stock, sure = figure_phrase(row, body)
    if dated_note(row) and text.startswith(("对", "为")) and not row.label.startswith(("对", "为")):
        # a count at a day is what stands, said as the label names it (截至11月底，全县属地备案网站86个),
        # never an act done to it (对86个网站进行全县属地备案: tune read r45)
        text = _as_it_stands(row, body)
    text = FULL_KEPT_RE.sub(r"继续保持\1", text)  # 持证率继续保持100% (r29: never 达100%（与上年持平）)
    text = ABOUT_REACHED_RE.sub("", text)  # 约1200件, never 达约/共计约 (blind reads r29, r30)
    text = HANDLED_AREA_RE.sub(r"\2\1", text)  # 办理全县行政执法案件 → 全县办理… (blind read r32)
    # a plain frame no pattern fitted (…共X) carries no marker in the text: every sentence of the user's
    # figures has its comment asking to check its wording (provenance.span_note), and blind readers took
    # the marker for a leftover mark in rounds r32, r37, r39 and r41. A figure the note dates (截至11月底)
    # is a count at that day, never 全年… (blind reads r37, r38)
    return text, stock or dated_note(row) or bool(SEASON_RE.match(row.label))


def _as_it_stands(row: MetricRow, body: Any = None, label: str | None = None) -> str:
    """A figure said as its label names it, no verb before it (现行有效县政府规范性文件38件)."""
    return (
        clean(label if label is not None else row.label, row_unit(row))
        + _value(row)
        + shown_suffix(row, body)
    )


#: a label of what stands (现行有效…, 在册…, 在库…): said as it is, never with its kind's verb (r45: never
#: 制定（修订）现行有效县政府规范性文件)
STANDING_RE = re.compile(rf"^(?:{AREA_LEAD})?(?:现行有效|现存|在册|在库|在档|存量)")


#: an event of one week, month or day of the year that the label is of (网络安全宣传周线上线下参与, “宪法宣传周”
#: 活动): never 全年… (tune read r45); activities 围绕 several such days are the year's work
SEASON_RE = re.compile(
    r"^(?!.*[、，,])(?!围绕|结合|利用|依托|借助|通过)[“”\u4e00-\u9fff]{0,14}?(?:宣传(?:周|月|日)|教育日|宣传咨询日|活动周|活动月)"
)


#: a verb of handling put before a label that opens with its area: the area is the scope, it goes first
#: (组织 is not one: 组织全市应急系统执法人员… names whose people, r28 and blind read r58)
HANDLED_AREA_RE = re.compile(rf"^(办理|开展|召开|查处|受理|审查|举办|审结|办结)({AREA_LEAD})")
#: a verb of reaching or summing before an approximate figure
ABOUT_REACHED_RE = re.compile(r"(?:达到|达|共计|合计)(?=约\d)")
#: a rate at its full both years: kept, not "level with last year"
FULL_KEPT_RE = re.compile(r"(?:达到|达|为)(100(?:\.0+)?%)（与上年持平）")


RUN_VERBS = ("全年办理", "全年开展")


def row_sentences(rows: list[MetricRow], body: Any = None, *, annual: bool = True) -> list[str]:
    """One sentence per figure, a companion figure joined to its partner (…场次，覆盖…人次)."""
    return [text for text, _ in row_sentences_with_rows(rows, body, annual=annual)]


#: a note that gives the reason for a 0 (经审查未发现…, 本年度未制定…, 因…, 无…)
_REASON_RE = re.compile(r"^(?:经|因|由于|鉴于)|未|无(?!锡)|没有")


def row_sentences_with_rows(
    rows: list[MetricRow], body: Any = None, *, annual: bool = True
) -> list[tuple[str, list[MetricRow]]]:
    """Like :func:`row_sentences`, each sentence with the rows it holds."""

    out: list[tuple[str, list[MetricRow]]] = []
    done: set[int] = set()
    parents = [parent_of(r, rows) for r in rows]  # the whole each 其中… row is a part of, found once
    for i, row in enumerate(rows):
        if i in done:
            continue
        if (
            row.number == 0
            and row.unit_class != "rate"
            and (split := none_and_rest(row))
            and not part_of(row)
        ):
            # the none said by the row, last year beside it, the note's other clauses around it (blind read r60)
            before, after = split
            out.append(("，".join([*before, none_of(row) + _last_of_none(row), *after]) + "。", [row]))
            continue
        if (
            row.number == 0
            and row.unit_class != "rate"
            and (why := zero_note(row))
            and not restates_zero(row)
            and not none_said(row)
        ):
            if none_of(row).startswith(_HAPPENED) and re.search(r"\d", why):
                # what there was, then the none (全年涉诉2件均胜诉，未发生行政诉讼败诉案件（上年1件）: blind read r63,
                # never the note and last year in one bracket)
                none = none_of(row).removeprefix("全年") if why.startswith(("全年", "本年")) else none_of(row)
                out.append((f"{why}，{none}{_last_of_none(row)}。", [row]))
                continue
            if none_of(row).startswith(
                _HAPPENED
            ):  # an event of none, its note beside it (r36: never …0件（…）)
                last = _last_of_none(row)[1:-1]
                out.append((f"{none_of(row)}（{why}{'，' + last if last else ''}）。", [row]))
                continue
            if _REASON_RE.search(why):
                # the note says why there was none: the reason, then the none (经审查未发现确有错误需提出抗诉的
                # 刑事裁判，全年未提出刑事抗诉（上年1件）: blind read r57, never 提出刑事抗诉0件（…）)
                out.append((f"{why}，{none_of(row)}{_last_of_none(row)}。", [row]))
                continue
            out.append(
                (f"全年{clean(row.label, row.unit)}{_value(row)}（{why}）。", [row])
            )  # …0次（系统填报口径）
            continue
        if row.number == 0 and row.unit_class != "rate":  # a rate of 0 is a figure (再犯罪率为0%: r28)
            said = dataclasses.replace(row, label=part_of(row)) if part_of(row) else row
            zero_parts = [j for j, o in enumerate(rows) if o.number == 0 and parents[j] is row]
            done.update(zero_parts)  # none of nothing: 未发生行政诉讼案件 says 败诉 0 too
            alike = [] if part_of(row) else _alike_nones(i, rows, done)
            done.update(alike)
            sentence = own_sentence(said) if not alike else _nones_sentence([row, *(rows[j] for j in alike)])
            out.append((sentence, [row, *(rows[j] for j in zero_parts), *(rows[j] for j in alike)]))
            continue
        if single_honour(row):  # 获评…先进单位 1项 → 本局获评…先进单位 (blind read r26: never 先进单位1项)
            out.append((honour_sentence(row, body), [row]))
            continue
        whole = parents[i]
        if part_of(row) and (whole is None or any(rows[k] is whole for k in done)):
            # its whole is said elsewhere or already: the part alone, in its own words (never 全年其中：…)
            phrase, stock = row_phrase(dataclasses.replace(row, label=part_of(row)), body)
        else:
            phrase, stock = row_phrase(row, body)
        held = [row]
        listed = False  # a part of the same count is said: the next one follows after 、 (r28)
        # the parts that count what the whole counts come first, right after it: a part of another count
        # between them (罚没款…万元) would take the next 其中 for its own (blind read r48)
        order = sorted(
            range(len(rows)),
            key=lambda k: not (parents[k] is row and _same_count(rows[k], row) and not _sum_of(rows[k], row)),
        )
        for j in order:
            other = rows[j]
            if j in done or j == i or other.number is None:
                continue
            part = part_of(other)
            mine = bool(part) and parents[j] is row  # a 其中… row of this one
            if mine and other.number == 0:
                verb = opening_verbs(part)
                if verb and len(part) > len(verb) + 1 and not part.endswith(("成功", "失败")):
                    # 作出行政处罚决定186件，未实施按日连续处罚 (r51: never 其中实施…0件)
                    phrase += f"，未{part}"
                else:
                    phrase += f"，其中{part}{_value(other)}"  # …行政诉讼案件2件，其中败诉0件 (r29: never 全年无其中：败诉)
                held.append(other)
                done.add(j)
                continue
            if not other.number:
                continue
            if mine and _sum_of(other, row):
                phrase += f"，{part}共计{_value(other)}{shown_suffix(other, body)}"  # …3件，罚款金额共计2.5万元 (r30)
                held.append(other)
                done.add(j)
                continue
            if mine:  # …18场，其中涉法治内容发布会5场
                if every := all_of(
                    other, row
                ):  # 作出重大行政决策7项，均经公开征求意见 (r25: never 其中… for 7 of 7)
                    phrase += f"，{every}"
                    held.append(other)
                    done.add(j)
                    listed = True
                    continue
                whole = "其中" if _same_count(other, row) else ""  # …42期，参训干警3260人次
                # …，其中一般程序案件152件、简易程序案件41件 (r28)
                joined, whole = ("、", "") if listed and whole else ("，", whole)
                listed = listed or bool(whole)
                phrase += f"{joined}{whole}{part}{_value(other)}{shown_suffix(other, body)}"
                held.append(other)
                done.add(j)
                continue
            if total := running_total(row, other):  # 新建法治文化阵地7个，累计建成43个
                phrase += f"，{total}{_value(other)}{_total_suffix(row, other, body)}"
                held.append(other)
                done.add(j)
                continue
            rest = companion(row, other, rows)
            if rest == "":  # the same activity's other count: 培训4期、320人次
                phrase += "、" + _value(other) + shown_suffix(other, body)
                held.append(other)
                done.add(j)
            elif rest is not None:
                text, _, sure = figure_phrase(other, body, rest)
                said = text
                # a rate of the whole goes before its parts: never read as the last part's (blind read r33)
                phrase = before_parts(phrase, said) if other.unit_class == "rate" else f"{phrase}，{said}"
                held.append(other)
                done.add(j)
        done.add(i)
        prefix = "" if stock or not annual else "全年"
        # 综合行政执法队全年开展… (r29: never 全年综合行政执法队开展…)
        if prefix and (who := named_actor(phrase)):
            phrase, prefix = who + prefix + phrase[len(who) :], ""
        lead = _spec(row.kind).get("lead", "")  # 坚持和发展新时代“枫桥经验”，… : the work the figure counts
        if lead and worsened_row(row, body):
            lead = ""  # a figure that fell is no fruit of the practice (r22: 坚持…“枫桥经验”，…成功率下降)
        if frame := _frame(
            row.label, row.unit_class
        ):  # 全年依法查处各类违法行为，罚没款共计…: a result, not a target
            cases_said = bool(out) and any(j in out[-1][0] for j in frame["joins"])
            if cases_said and "，" not in out[-1][0]:
                prev, prev_held = out[-1]  # 全年办理行政处罚案件320件，罚没款共计1860万元
                out[-1] = (prev[:-1] + "，" + phrase + "。", prev_held + held)
                continue
            if not cases_said and not any(v in phrase for v in frame["verbs"]):  # the cases said just
                # before: no second 依法查处各类违法行为 (blind reads r25, r26)
                prefix, lead = prefix + frame_lead(row.label, body, row.unit_class), ""
        if any(t.verb and len(t.word) >= 2 and t.word in phrase for t in tokens(lead)):
            lead = ""  # the figure says it already (培养工程，培养法律明白人)
        if lead and any(text.startswith(lead) for text, _ in out):
            lead = ""  # the kind's lead is said once (r28: 加强社区矫正监督管理，… 加强社区矫正监督管理，…)
        out.append((lead + prefix + phrase + "。", held))
    return _with_extents(_merge_runs(out))


#: a measure of what a count involved (涉及违法用地面积 约126亩, 涉及金额): a clause of its count's sentence
_EXTENT_RE = re.compile(r"^(?:共|累计)?涉及")


def _with_extents(out: list[tuple[str, list[MetricRow]]]) -> list[tuple[str, list[MetricRow]]]:
    """Each 涉及… measure said after the count it measures (查处违法用地案件37件…，涉及违法用地面积约126亩),
    the count whose label shares four characters or more with it; never 全年涉及… on its own (r32)."""
    for k, (text, held) in enumerate(list(out)):
        if len(held) != 1 or not _EXTENT_RE.match(held[0].label.strip()):
            continue
        extent = held[0]
        counts = [r for i, (_t, rs) in enumerate(out) if i != k for r in rs]
        if (count := measured_count(extent, counts)) is None:
            continue
        at = next(i for i, (_t, rs) in enumerate(out) if any(r is count for r in rs))
        host, rows = out[at]
        out[at] = (host.rstrip("。") + "，" + text.removeprefix("全年").rstrip("。") + "。", [*rows, extent])
        out[k] = ("", [])
    return [(t, rs) for t, rs in out if t]


def measured_count(measure: MetricRow, rows: Sequence[MetricRow]) -> MetricRow | None:
    """The count a measure is of (涉及违法用地面积 亩 → 查处违法用地案件): the count (no rate) whose label shares
    the longest run of four characters or more with the measure's, else ``None`` (blind read r32)."""
    best, size = None, 3
    for other in rows:
        if other is measure or other.unit_class in ("rate", None):
            continue
        if (n := _shared_run(measure.label, other.label)) > size:
            best, size = other, n
    return best


def _shared_run(a: str, b: str) -> int:
    """The length of the longest run of characters two labels share."""
    return max((k for i in range(len(a)) for k in range(1, len(a) - i + 1) if a[i : i + k] in b), default=0)


#: the running total of the year's new ones (``NEW_RE``: 新建法治文化阵地 → 法治文化阵地累计建成)
TOTAL_WORDS = (
    "累计建成",
    "累计创建",
    "累计培育",
    "累计设立",
    "累计认定",
    "累计",
    "总数",
    "现有",
    "共有",
    "总量",
)


def part_of(row: MetricRow) -> str:
    """The words of a row that counts a part of the row above it (其中涉法治内容发布会 → 涉法治内容发布会),
    ``""`` for any other row."""
    label = row.label.strip()
    m = PART_RE.match(label)
    return clean(label[m.end() :], row.unit) if m and len(label) > m.end() else ""


def _sum_of(part: MetricRow, whole: MetricRow) -> bool:
    """Whether a 其中… row is a sum of money its whole (a count of cases) came to: no part of the count
    (r30: never …3件，其中罚款金额2.5万元)."""
    return part.unit_class == "money" and whole.unit_class != "money"


def _same_count(part: MetricRow, whole: MetricRow) -> bool:
    """Whether a 其中… row is a part of its whole (件 of 件; 救助未成年人 人 of 司法救助金 万元: some of
    those the money helped, blind read r24), not the reach of an activity (参训干警 人次 of 培训班 期,
    blind read r23)."""
    if (part.unit or "") == (whole.unit or "") or part.unit_class == whole.unit_class:
        return True
    return not (whole.unit_class == "event" and part.unit_class in ("person", "person_time"))


def all_of(part: MetricRow, whole: MetricRow) -> str:
    """How a 其中… row that counts every one of its whole is said (经公开征求意见 7 of 7 → 均经公开征求意见;
    食品安全领域 of the same number → 均属食品安全领域), ``""`` when it is a part proper: a different or
    approximate figure, another unit, or a comparison of its own to state."""
    if not (
        part.number is not None
        and part.number == whole.number
        and part.number > 0
        and not part.approx
        and not whole.approx
        and not part.last
        and (part.unit or "") == (whole.unit or "")
        and part.unit_class not in ("rate", "money")
    ):
        return ""
    words_ = part_of(part)
    toks = tokens(words_)
    if any(t.verb or t.tag.startswith("v") for t in toks) or (toks and toks[0].tag[:1] in ("p", "d", "a")):
        return f"均{words_}"  # 经公开征求意见, 通过合法性审查, 按期办结, 公开听证
    return f"均属{words_}"  # 食品安全领域


def parent_of(part: MetricRow, rows: list[MetricRow]) -> MetricRow | None:
    """The row a 其中… row is a part of: the one just above it in the user's table, when ``rows`` holds it."""
    if not part_of(part):
        return None
    if part.row:  # the nearest row above that is no part itself (其中：一般程序… 其中：简易程序…: r28)
        by_row = {r.row: r for r in rows}
        k = part.row - 1
        while k in by_row and part_of(by_row[k]):
            k -= 1
        above = [by_row[j] for j in range(k, k - _SUM_REACH, -1) if j in by_row and not part_of(by_row[j])]
    else:
        at = next((i for i, r in enumerate(rows) if r is part), 0)
        while at > 0 and part_of(rows[at - 1]):
            at -= 1
        above = [r for r in reversed(rows[max(0, at - _SUM_REACH) : at]) if not part_of(r)]
    if not above:
        return None
    if above[0].unit_class == "money" and part.unit_class in ("case", "item", "event"):
        # 作出行政处罚决定186件, 罚没款1642.7万元, 其中：实施按日连续处罚0件: a count of cases is a part of
        # the count above the sum the cases came to, never of the money (blind read r51)
        return next((r for r in above[1:] if (r.unit or "") == (part.unit or "")), above[0])
    return above[0]


#: how far above a sum of money a 其中 count may find the count it is a part of
_SUM_REACH = 3


def running_total(new: MetricRow, other: MetricRow) -> str:
    """The words that say ``other`` is the running total of what ``new`` counts this year (新建法治文化阵地
    7个 + 法治文化阵地累计建成 43个 → 累计建成), ``""`` when it is not."""
    m = NEW_RE.match(new.label.strip())
    if not m or (new.unit or "") != (other.unit or ""):
        return ""
    obj = clean(new.label.strip()[m.end() :], new.unit)
    label = clean(other.label.strip(), other.unit)
    if len(obj) < 2 or obj not in label:
        return ""
    rest = label.replace(obj, "", 1)
    word = next((w for w in TOTAL_WORDS if rest == w), "")
    return word if word.startswith("累计") else "总数达" if word else ""


def _total_suffix(new: MetricRow, total: MetricRow, body: Any) -> str:
    """The total's comparison, unless its increase is only the year's new count said again (+7 after 新建7个)."""
    cmp = comparison_for(total, body)
    if cmp is None:
        return ""
    last = parse_value(str(total.last or "")).number
    if last is not None and total.number is not None and new.number is not None:
        if abs((total.number - last) - new.number) < 1e-9:
            return ""
    return shown_suffix(total, body)


def worsened_row(row: MetricRow, body: Any = None) -> bool:
    """Whether the row moved against its clear direction (:func:`assistant.draft.compose.problems.worsened`)."""
    from assistant.draft.compose.problems import worsened

    return bool(worsened(row, body))


def shown_suffix(row: MetricRow, body: Any = None) -> str:
    """The comparison written after a figure: none for one that reads as a target when compared (a rise in
    罚没款 is no achievement: blind read r20; ``compare: false`` in a frame)."""
    frame = _frame(row.label, row.unit_class)
    if frame is not None and frame.get("compare") is False:
        return ""
    if is_blank(row):  # no comparison without this year's figure; last year's stands beside the marker
        return _last_of_blank(row)
    return comparison_suffix(row, body)


def _last_of_blank(row: MetricRow) -> str:
    """（上年12件） beside a blank row's marker, （上年为优秀等次） for a grade, ``""`` without a usable 上年数值."""
    if (grade := _LAST_GRADE_RE.search(row.note or "")) is not None:
        return f"（{grade.group(0).strip('；;，, ')}）"
    return _last_said(row) if _usable_last(row) is not None else ""


def _usable_last(row: MetricRow) -> Any:
    """The row's 上年数值 read (a masked or unreadable one: ``None``)."""
    if not row.last or "*" in row.last:
        return None
    try:
        return parse_value(row.last)
    except ValueError:
        return None


def _last_said(row: MetricRow) -> str:
    """（上年12件）: last year's figure as written, in the row's unit."""
    rank = "第" if RANK_LABEL_RE.search(row.label.strip()) else ""  # （上年第7位）: a rank's place (r60)
    return f"（上年{rank}{render_value(dataclasses.replace(row, value=row.last.strip()), row.unit)}）"


def _frame(label: str, cls: str | None) -> dict[str, Any] | None:
    """The ``frames:`` entry of data/metric_phrases.yaml for a label of a unit class, or None."""
    return next(
        (f for f in _data().get("frames", []) if cls in f["classes"] and any(w in label for w in f["words"])),
        None,
    )


def frame_lead(label: str, body: Any = None, cls: str | None = "money") -> str:
    """The clause that frames a figure which reads as a target when bare (罚没款 → 依法查处各类违法行为，;
    a court's → 依法审理各类案件，); ``""`` for any other label."""
    frame = _frame(label, cls)
    if frame is None:
        return ""
    own = frame.get("by_body", {})
    key = next(
        (k for k in (getattr(body, "department", None), getattr(body, "kind", None)) if k in own), None
    )
    return own[key] if key else frame["lead"]


def _merge_runs(out: list[tuple[str, list[MetricRow]]]) -> list[tuple[str, list[MetricRow]]]:
    """Neighbours with one verb become one sentence (全年办理行政复议案件37件、行政应诉案件12件), and a
    rate joins the count of its own kind (…，负责人出庭应诉率达100%)."""
    merged: list[tuple[str, list[MetricRow]]] = []
    speaks = {id(r) for _, held in out for r in held if _note_speaks(r)}  # read once per row
    runs: list[bool] = []  # whether a merged sentence is a run of single figures (a pair joins none)
    for text, held in out:
        if merged:
            prev, prev_held = merged[-1]
            verb = next((v for v in RUN_VERBS if prev.startswith(v) and text.startswith(v)), None)
            if (
                verb
                and "，" not in prev
                and len(prev_held) < 3
                and runs[-1]
                and len(held) == 1
                and not any(id(r) in speaks for r in (*prev_held, *held))
            ):
                merged[-1] = (prev[:-1] + "、" + text[len(verb) :], prev_held + held)
                continue
            if (
                re.search(r"率(?:达|继续保持)", text)
                and not text.startswith("全年")
                and prev_held[-1].kind == held[0].kind
                and _same_matter(prev_held[-1].label, held[0].label)
            ):
                head, sep, tail = text.partition("，")
                if sep and tail and head + sep in prev:  # the kind's lead is said once
                    text = tail
                text = _subject_said(text, prev)
                merged[-1] = (before_parts(prev[:-1], text[:-1]) + "。", prev_held + held)
                runs[-1] = False
                continue
        merged.append((text, held))
        runs.append(len(held) == 1)
    return merged


#: two letters any two labels of one kind share without sharing a matter
_GENERIC_PAIRS = frozenset({"行政", "案件", "工作", "事项", "全年", "办理", "开展", "情况", "数量", "活动"})


def _same_matter(count: str, rate: str) -> bool:
    """Whether a rate speaks of the count's matter: they share two letters beyond the generic ones
    (出庭应诉率 of 出庭应诉案件; never 行政执法案卷评查优秀率 of 查封扣押…配套措施案件: r40 probe)."""
    pairs = {count[i : i + 2] for i in range(len(count) - 1)}
    return any(rate[i : i + 2] in pairs - _GENERIC_PAIRS for i in range(len(rate) - 1))


def _note_speaks(row: MetricRow) -> bool:
    """Whether a row's note is said as words of its own before or after its figure (a means, a clause):
    such a row stands in a sentence of its own, so the note is never read as a neighbour's (r40: 依托“民法典
    宣传月” before 培训4期、普法宣传活动38场次, 培训对象… after the 普法 comparison)."""
    return any(kind in ("lead", "clause") for kind, _ in note_pieces(row))


def before_parts(sentence: str, clause: str) -> str:
    """``sentence`` (no end mark) with ``clause`` joined after its whole and before its 其中 parts (…386件，
    调解成功率98.4%，其中物业纠纷97件): a result of the whole is never read as the last part's (r33, r34)."""
    at = sentence.find("，其中")
    return f"{sentence[:at]}，{clause}{sentence[at:]}" if at >= 0 else f"{sentence}，{clause}"


def _subject_said(rate: str, prev: str) -> str:
    """A rate joined to its count without the subject the count just named (…信访事项办结69件，按期办结率达
    99.4%, never …，信访事项按期办结率…): the longest opening of the rate the count's words hold goes."""
    cut = rate.find("率")
    for n in range(cut - 2, 1, -1):
        if rate[:n] in prev and len(rate[n:cut]) >= 2:
            return rate[n:]
    return rate


def link_compounds(text: str) -> str:
    """开展普法宣传23场次5600人次 → 开展普法宣传23场次，覆盖5600人次."""
    return COMPOUND_RE.sub(r"\1，覆盖\2", text)


def _activity_words(row: MetricRow) -> str:
    """The activity a row counts, without its verb (开展普法宣传 → 普法宣传)."""
    mine = clean(row.label, row.unit)
    verb = leading_verb(mine)
    return mine[len(verb) :] if verb and len(mine) > len(verb) + 1 else mine


def _shared(row: MetricRow, other: MetricRow) -> str | None:
    """What ``other`` says beyond the activity ``row`` names (宣讲活动 / 宣讲活动受众人员 → 受众人员)."""
    if unit_class(row_unit(row)) != "event":
        return None
    if unit_class(row_unit(other)) not in ("person", "person_time"):
        return None
    mine, theirs = _activity_words(row), clean(other.label, other.unit)
    stem = mine.removesuffix("活动")
    if theirs.startswith(mine) and len(theirs) > len(mine):
        return theirs[len(mine) :]
    if len(stem) >= 2 and theirs.startswith(stem) and len(theirs) > len(stem):
        return theirs[len(stem) :]
    if theirs in (mine, clean(row.label, row.unit)):
        return ""  # the same activity counted twice (法治专题培训 4期 + 法治专题培训人次 320): 4期、320人次
    return None


#: verbs a label of an activity's reach may open with (覆盖群众, 参加培训人员, 惠及…)
_REACH_VERBS = ("覆盖", "参加", "参与", "惠及", "服务", "受益", "受教育", "教育")


def _own_act(row: MetricRow) -> bool:
    """Whether a label opens with a verb of its own act (受理群众来信来访, 接待来访群众), not of reaching people."""
    label = PART_RE.sub("", row.label.strip())
    toks = tokens(label)
    return bool(
        toks
        and toks[0].verb
        and not label.startswith(_REACH_VERBS)
        and not any(label.startswith(p) for p in words()["participants"])
    )


def companion(row: MetricRow, other: MetricRow, rows: list[MetricRow]) -> str | None:
    """The words of ``other`` left once the activity it shares with ``row`` is said (普法宣传活动 23场次
    + 普法宣传覆盖群众 5600人次 → 覆盖群众), or ``None`` when ``other`` is not the reach of ``row``: the
    rows share the activity's words, else (when no row does) ``other``'s kind is ``row``'s companion.
    ``""`` when ``other`` counts the same activity again (培训 4期 + 培训人次 320 → 4期、320人次)."""
    rest = _shared(row, other)
    if rest == "":
        return ""
    if rest is not None:
        pass
    elif any(_shared(r, other) is not None for r in rows if r is not row):
        return None
    elif (
        _spec(other.kind).get("companion") == row.kind
        and row.kind
        and unit_class(row_unit(row)) == "event"
        and not head_clause(other.label.strip())  # 书记带头接访群众: the head's own act, no reach (r33)
        and not _own_act(other)  # 受理群众来信来访 beside 普法宣传活动: an act of its own, no reach (r48)
    ):
        mine, theirs = _activity_words(row), clean(other.label, other.unit)
        n = next((k for k in range(min(len(mine), len(theirs)), 0, -1) if theirs[:k] == mine[:k]), 0)
        rest = theirs[n:] if n >= 2 else theirs
        # the activity's words the reach opens with, wherever the activity has them (普法宣传受众 beside “谁执法谁
        # 普法”宣传活动 → 受众: blind read r61, never 覆盖普法宣传受众)
        while (k := next((k for k in range(len(rest) - 1, 1, -1) if rest[:k] in mine), 0)) >= 2:
            rest = rest[k:]
    else:
        return None
    rest = rest.removeprefix("活动")
    toks = tokens(rest) if rest else ()
    if not any(t.verb for t in toks) and not any(rest.startswith(p) for p in words()["participants"]):
        rest = "覆盖" + (rest or _spec(other.kind).get("default_obj", "群众"))
    return rest


def render_value(row: MetricRow, slot_unit: str | None, *, unit: str | None = None) -> str:
    """The user's value as it should read in the sentence (余/万 kept only when the user wrote them);
    ``unit`` replaces the row's own (1350名 before the noun of the people counted); a blank row is
    its 【待补充：…】 marker."""
    if is_blank(row):
        return blank_marker(row) + (unit or row.unit or slot_unit or "")
    parsed = parse_value(row.value)
    unit = unit or row.unit or parsed.unit or slot_unit or ""
    pre, post = "", ""
    approx = parsed.approx or row.approx
    if approx in APPROX_BEFORE:
        pre = approx
    elif approx in APPROX_AFTER:
        post = approx
    mid = approx if approx in APPROX_INSIDE else ""
    magnitude = parsed.magnitude or row.magnitude or ""  # 3000 in the 数值 column, 万人次 in 单位
    return f"{pre}{parsed.text}{magnitude}{mid}{unit}{post}"


def blank_marker(row: MetricRow) -> str:
    """The marker a blank row's figure reads as: 【待补充：全社会固定资产投资（待统计部门反馈）】."""
    label = re.sub(r"[【】]", "", row.label.strip())
    # a pending note says what the figure waits for; a blank row's other note is the user's own words about it
    # (14个村2个社区全覆盖 read from the 数值 cell: blind read r59), kept where the figure goes, never lost
    kept = pending_note(row) or (
        row.number is None and bool(row.note) and not source_note((row.note or "").strip(" ，,；;。"))
    )
    note = re.sub(r"[【】]", "", row.note.strip()) if row.note and kept else ""
    # last year's grade stands beside the marker, never inside it (blind read r60: deleted with it)
    note = _LAST_GRADE_RE.sub("", note).strip("；;，, ")
    return missing(f"{label}（{note}）" if note else label)


#: last year's grade the table reader put in the note (上年为优秀等次: metrics.GRADE_RE)
_LAST_GRADE_RE = re.compile(r"[；;，,]?\s*上年为[\u4e00-\u9fff]{1,4}等次")


def own_sentence(row: MetricRow, body: Any = None) -> str:
    """A sentence of its own for a row no exemplar slot could take: 全年开展普法宣传活动23场次。"""
    if row.number == 0 and row.unit_class != "rate":  # the user's own 0: a fact, no 【待确认】 (r31)
        if said := none_said(row):  # 全年未发生行政应诉案件: the note says it in the user's words (r33)
            return said + _last_of_none(row, said) + "。"
        return none_of(row) + _last_of_none(row) + "。"
    text, stock = row_phrase(row, body)
    return ("" if stock else "全年") + text + "。"


_HAPPENED = "全年未发生"
#: the nouns of an event of none whose tail a list of them says once (行政复议、行政诉讼案件)
_EVENT_TAILS = ("案件", "事件", "事故")
#: a whole area a label opens with (全县校园重大安全责任事故)
PLACE_AREA_RE = re.compile(rf"{AREA_LEAD}(?=[^\d])")


def _plain_none(row: MetricRow) -> bool:
    """A 0 row said as 全年未发生… with nothing beside it but last year (no note of its own, no part)."""
    return (
        row.number == 0
        and row.unit_class != "rate"
        and not part_of(row)
        and (not zero_note(row) or restates_zero(row))
        and none_of(row).startswith(_HAPPENED)
    )


def _alike_nones(i: int, rows: list[MetricRow], done: set[int]) -> list[int]:
    """The later rows of 0 that join row ``i`` in one 全年未发生… sentence (行政复议案件 0, 行政诉讼案件 0 →
    全年未发生行政复议、行政诉讼案件): two such sentences side by side read as one said twice (r31)."""
    if not _plain_none(rows[i]) or any(parent_of(o, rows) is rows[i] for o in rows):
        return []
    return [
        j
        for j, o in enumerate(rows)
        if j > i and j not in done and _plain_none(o) and not any(parent_of(x, rows) is o for x in rows)
    ]


def _nones_sentence(rows: list[MetricRow]) -> str:
    """全年未发生A、B（与上年持平）: one 未发生 for several rows of 0, a shared tail (案件) said once, last year
    once when all agree, else after each."""
    things = [none_of(r).removeprefix(_HAPPENED) for r in rows]
    lasts = [_last_of_none(r) for r in rows]
    same = len(set(lasts)) == 1
    tail = next((t for t in _EVENT_TAILS if all(x.endswith(t) and len(x) > len(t) + 1 for x in things)), "")
    if same:
        listed = "、".join(x.removesuffix(tail) if tail else x for x in things)
        return f"{_HAPPENED}{listed}{tail}{lasts[0]}。"
    return f"{_HAPPENED}{'、'.join(x + last for x, last in zip(things, lasts, strict=True))}。"


def none_of(row: MetricRow) -> str:
    """A row of 0 said as nothing done or nothing happened: 全年未发生命案, 全年未发现问题, 全年未办理…,
    全年无…; an area the label opens with goes first (全县全年未发生校园重大安全责任事故, blind read r32)."""
    label = row.label.strip()
    area = PLACE_AREA_RE.match(label)
    if area and len(label) - area.end() >= 2:
        return area.group(0) + none_of(dataclasses.replace(row, label=label[area.end() :]))
    happened = occurrence(label)  # 命案发案 → 全年未发生命案
    done = any(t.verb for t in tokens(clean(label, row.unit)))  # 调解案件: work done, not an event
    if label.startswith(("发生", "出现")):  # 发生因违法决策引发的重大事件 0 (r34: never 全年无发生…)
        return f"全年未{label}"
    if label.endswith(("上访", "越级访", "重复访")):  # 进京赴省非正常上访 0: nothing happened (r34)
        return f"全年未发生{label}"
    if happened or (label.endswith(("案件", "事件", "案", "事故", "情形")) and not done):
        return f"全年未发生{happened or label}"
    if "被" in label[1:] and not label.endswith(("情况", "情形")):
        # 行政执法决定被撤销或确认违法 0, 法官违纪违法被追究刑事责任 0: what befell, an event (r36)
        return f"全年未发生{label}情况"
    found = found_only(clean(label, row.unit))
    if found:  # 发现问题整改 0 → 全年未发现问题: nothing found, nothing to fix
        return f"全年未{found}"
    toks = tokens(clean(label, row.unit))
    if leading_verb(label) or (toks and toks[0].verb and toks[0].word in words()["verb_set"]):
        return f"全年未{label}"  # 办理案件 0 → 全年未办理案件, never 全年无办理案件
    if len(toks) >= 2 and toks[-1].verb and all(t.tag.startswith("n") for t in toks[:-1]):
        # 规范性文件制定 0 → 全年未制定规范性文件 (r49: never 全年无规范性文件制定)
        return f"全年未{toks[-1].word}{''.join(t.word for t in toks[:-1])}"
    if label.startswith(_FUSED_WITH_NONE):  # 法官… 0: never 全年无法官… (reads 无法, r36)
        return f"全年没有{label}"
    return f"全年无{label}"


#: first characters that fuse with 无 into another word (无法, 无论, 无关 …): 没有 is said instead
_FUSED_WITH_NONE = tuple("法论关效疑非数人比偿理视意私限")


def _last_of_none(row: MetricRow, said: str = "") -> str:
    """Last year beside a 0: （与上年持平） or （上年1件）, ``""`` without a usable 上年数值; ``said``: the sentence
    of none the 0 is said by (全年未制发… → （上年亦未制发）)."""
    last = _usable_last(row)
    if last is None:
        return ""
    if last.number == 0:  # 0 against 0: the same none last year (r32: never 与上年持平 of nothing)
        said = said or none_of(row)
        done = re.search(r"(?:全年|本年度|本年|今年|年内)(未发生|未\S{2}|无|没有)", said)
        return f"（上年亦{done.group(1)}）" if done else "（上年亦为零）"
    return _last_said(row)


#: what may stand before an honour's verb in a label: its year, the body naming itself
HONOUR_SUBJECT = r"^(?:全年|年内)?(?:本局|本单位|本部门|我局|我单位)?"
HONOUR_LEAD_RE = re.compile(HONOUR_SUBJECT + r"(?:连续\d+年)?" + HONOUR_VERBS)  # 连续2年获评… (r57)
#: a body or unit named as the honour's winner (县委政法委获评…, 城关派出所荣获…): said as written, no count
NAMED_WINNER_RE = re.compile(
    rf"^(?:全年|年内)?(?P<who>[^，,。；在获荣被入]{{2,14}}?(?:委|局|院|厅|办|部|政府|中心|所|队|站|庭|科|股|街道|镇|乡|村|社区))"
    rf"(?={HONOUR_VERBS})"
)


#: a unit of the body named as the actor of a label (综合行政执法队开展执法检查, 城关派出所开展…)
ACTOR_RE = re.compile(
    r"^(?P<who>[^，,。；、0-9]{1,12}?(?:大队|中队|支队|队|(?<!查)所|站|中心|委员会|办公室|机关|小组|科|股|庭))"
)


def named_actor(text: str) -> str:
    """The unit a figure's words open with as their actor, followed by its verb (综合行政执法队 of
    综合行政执法队开展执法检查260次), else ``""``: the year goes after it, not before."""
    m = ACTOR_RE.match(text)
    if not m or len(m["who"]) < 3 or opening_verbs(m["who"]) or tokens(m["who"])[0].verb:
        return ""  # 监督公安机关立案: the body's act on the unit, which is its object (r39), not its actor
    rest = tokens(text[m.end() :])
    return m["who"] if rest and rest[0].verb and HONOUR_LEAD_RE.match(text[m.end() :]) is None else ""


def single_honour(row: MetricRow) -> bool:
    """Whether a row is one honour the body won (获评全省…先进单位 1项): said without a count."""
    label = row.label.strip()
    return (
        row.number == 1
        and not row.last
        and row.unit_class not in ("rate", "money", "person", "person_time")
        and (HONOUR_LEAD_RE.match(label) is not None or _named_winner(label) != "")
    )


#: a note that only names a unit (石桥村, 城关社区人民调解委员会, 城关派出所): the honour's winner
WINNER_NOTE_RE = re.compile(
    r"[^，,。；;、\d（）()]{1,18}(?:委员会|委|局|院|厅|办|部|政府|中心|所|队|站|庭|科|股|街道|镇|乡|村|社区|学校|协会"
    r"|项目|品牌|案例|工作法)"  # a project or a practice won it (“企业合规一站式服务”项目, blind read r36)
)


def _named_winner(label: str) -> str:
    """The body or unit a label names as its honour's winner (县委政法委 of 县委政法委获评…), else ``""``."""
    m = NAMED_WINNER_RE.match(label)
    return m["who"] if m and not any(t.verb for t in tokens(m["who"])) else ""


def _winner_said(label: str) -> str:
    """A label that names its honour's winner as it is said (全年县委政法委获评… → 县委政法委获评…), else
    ``""``."""
    return re.sub(r"^(?:全年|年内)", "", label) if _named_winner(label) else ""


def honour_sentence(row: MetricRow, body: Any = None) -> str:
    """本局获评全省信访系统法治信访建设先进单位。: the body as its subject, no count, no 全年; a winner the
    label names (县委政法委获评…, 城关派出所荣获…) stays its subject (blind read r27: never …1项)."""
    note = zero_note(row)  # the note of the matter (石桥村; 省检察院表彰), said here: no figure carries it
    note = "" if note and source_note(note) else note  # where the figure came from is no prose (r52)
    if said := _winner_said(row.label.strip()):
        return said + (f"（{note}）" if note else "") + "。"
    label = re.sub(HONOUR_SUBJECT, "", row.label.strip())
    if note and WINNER_NOTE_RE.fullmatch(note):  # 石桥村 → 石桥村获评…示范村 (blind read r31)
        return f"{note}{label}。"
    pronoun = body.role("pronoun") if isinstance(body, BodyProfile) else None
    subject = ("本" + pronoun[1:]) if pronoun and pronoun.startswith("我") else ""
    if note and (by := AWARDED_BY_RE.fullmatch(note)) and "获评" in label:
        # who named it, in the sentence: 本院连续2年被市人民检察院评为全市优秀基层检察院 (r57: never （…通报）)
        return f"{subject}{label.replace('获评', f'被{by[1]}评为', 1)}。"
    return f"{subject}{label}" + (f"（{note}）" if note else "") + "。"


def is_stated(row: MetricRow, text: str) -> bool:
    """Whether a draft's text states the user's figure (its digits standing alone, or for a zero, the
    label): such a row is never listed as 未使用的数据."""
    if row.number == 0 and (part := part_of(row)):  # …2件，其中败诉0件
        return f"{part}{_value(row)}" in text
    if row.number == 0:
        happened = occurrence(row.label.strip())
        found = found_only(clean(row.label, row.unit))
        return (
            row.label.strip() in text
            or bool(happened and f"未发生{happened}" in text)
            or bool(found and f"未{found}" in text)
            or none_of(row) in text
            or bool((note := none_said(row)) and note in text)
            or _in_none_list(row, text)
        )
    if single_honour(row):  # said without its count of one: a stray 1 elsewhere is no sign of it (r27)
        label = row.label.strip()
        return (_winner_said(label) or HONOUR_LEAD_RE.sub("", label)) in text
    if is_blank(row):
        return blank_marker(row) in text
    digits = parse_value(row.value).text
    return bool(digits) and re.search(rf"(?<![\d.]){re.escape(digits)}(?![\d.])", text) is not None


def _in_none_list(row: MetricRow, text: str) -> bool:
    """A row of 0 in a list of events of none (全年未发生行政复议、行政诉讼案件 says 行政复议案件 0)."""
    said = none_of(row)
    thing = said.removeprefix(_HAPPENED)
    tail = next((t for t in _EVENT_TAILS if thing.endswith(t)), "")
    if thing == said or not tail:
        return False
    return (
        re.search(rf"{_HAPPENED}[^。；]*?{re.escape(thing.removesuffix(tail))}(?:[、和]|{tail})", text)
        is not None
    )


def _none_of_none(row: MetricRow, rows: list[MetricRow], text: str) -> bool:
    """A 其中… row of none whose whole is none too and is stated (未发生行政诉讼案件 says 败诉 0)."""
    parent = parent_of(row, rows) if row.number == 0 else None
    return parent is not None and parent.number == 0 and is_stated(parent, text)


def _blank_said(row: MetricRow) -> str:
    """How the 未使用的数据 list names a row without its 数值: （数值空缺，待统计部门反馈）."""
    note = (row.note or "").strip()
    return f"（数值空缺，{note}）" if note else "（数值空缺）"


#: why a row the genre sets aside is listed (never written: see ``report.set_aside_rows``)
SET_ASIDE_NOTE = "（不属于法治建设工作，本文种不写入；如确需写入，请自行补充）"


def unstated(rows: list[MetricRow], text: str, *, aside: list[MetricRow] | None = None) -> list[str]:
    """未使用的数据: the rows with a value whose figure the text does not state; ``aside``: rows the genre
    does not speak of (fiscal revenue in a 法治 report), named with that reason."""
    apart = {id(r) for r in aside or []}
    out = [
        (
            f"{row.label} {render_value(row, None)}"  # 3126.4万元 with 元 parsed out of it: never 万元元 (r54)
            if not is_blank(row)
            else f"{row.label} {_blank_said(row)}"
        )
        + (
            "（备注称本单位无此项职权，未写入草稿）"
            if lacks_power(row)
            else SET_ASIDE_NOTE
            if id(row) in apart
            else "（草稿中没有写入这项数据，请核对后自行补充）"
        )
        for row in rows
        if (row.value or is_blank(row))
        # a row set aside is listed with its reason, even where its figure occurs for something else (9所 of
        # 新建学校 and a 9 of another row: blind read r55)
        and (id(row) in apart or (not is_stated(row, text) and not _none_of_none(row, rows, text)))
    ]
    return out + unsaid_notes(
        [r for r in rows if r.value and id(r) not in apart and is_stated(r, text)], text
    )
