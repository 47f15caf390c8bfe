"""A row's 备注 in the prose.

Clerks note beside a figure what it came to (均维持原行政行为, 按期办结率100%, 已全部整改), what it holds
(含线上, 含公职律师1名) or whom it names (梅岭村). Such a note belongs to the figure's sentence: a
result is said after the figure's clause (…受理信访事项31件，按期办结率100%), a content or a name in
brackets after the figure (…约1200件（含线上）). A note about the table itself (统计口径, 数据来源, 待核实)
is never prose, and a row whose note says the body has no such power (本单位无此项职权) is no work of
the year: it is not written at all (blind read r29: the results dropped, a zero stated for a power
the body lacks). Pure functions; the note's figures are the user's (``AllowedFacts`` reads them).
"""

from __future__ import annotations

import dataclasses
import re

from assistant.draft.compose.grammar import head_act_at, self_named, tokens
from assistant.draft.outline.genres import PART_RE
from assistant.draft.tables.metrics import MetricRow
from assistant.lang.places import LEVEL_CHARS
from assistant.lang.similarity import similarity
from assistant.lang.vocab import leading_verb

#: a note saying the figure itself is still to come (待统计部门反馈, 数据待汇总, 尚未核定): a note to the
#: drafter; beside a blank 数值 it names what the 【待补充】 marker waits for
PENDING_NOTE_RE = re.compile(
    r"(?<![接招款对期优善虐留看亏厚交])待.{0,8}?(?:反馈|核定|确认|确定|汇总|统计|审定|上报|补充|更新|核算|公布)|数据待|"
    r"尚未(?:核定|统计|汇总|确定|上报|公布)|正在(?:统计|核定|汇总|核算)"
)
#: a note about the table, not the matter: never written into the prose
META_NOTE_RE = re.compile(
    PENDING_NOTE_RE.pattern
    + r"|口径|数据来源|来源于|统计(?:时间|范围|截至|截止|数据)|待核|核实|核对|估算|预估|预计|暂定|暂无数据|仅供参考|"
    r"以.{1,10}为准|按.{1,10}(?:计算|统计|计)|系统导出|手工统计|不详|不确定|详见|见附件|同上|填报"
)
#: a note saying the body has no such power or work (本单位无此项职权): the row is no work of the year
LACKS_RE = re.compile(
    r"无此(?:项)?(?:职权|职能|职责|权限|业务)|不具有.{0,8}(?:职权|职能|权限)|不承担.{0,8}(?:职责|职能)"
)
#: a note dating the figure (截至11月底): what stands on that day
DATED_RE = re.compile(r"^(?:截至|截止)")
#: a note naming what the figure holds (含线上, 包括…): in brackets after the figure
#: (截至11月底: the figure's date, beside it too, blind read r32)
INCLUDES_RE = re.compile(r"^(?:含|包括|包含|不含|未含|截至|截止)")
#: a note of a result or detail of the figure: said as a clause after it
MAX_NOTE = 40
_SPLIT_RE = re.compile(r"[；;]")
_SENTENCE_END_RE = re.compile(r"[。；]")
_BOUNDARY_RE = re.compile(r"[，。；]")


def pending_note(row: MetricRow) -> bool:
    """The row's note says its figure is still to come: a note to the drafter, never a sentence."""
    return bool(row.note and PENDING_NOTE_RE.search(row.note))


def dated_note(row: MetricRow) -> bool:
    """Whether the row's note dates its figure to a day (截至11月底): a stock, said without 全年 (r37, r38)."""
    return bool(row.note and DATED_RE.match(row.note.strip()))


def lacks_power(row: MetricRow) -> bool:
    """Whether the row's note says the body has no such power (its figure is no work of the year)."""
    return bool(row.note and LACKS_RE.search(row.note)) and not row.number


#: a clerk's spoken word for the body itself (部里, 局里, 院里): 本部, 本局, 本院 in the report (blind read r57)
_SPOKEN_SELF_RE = re.compile(r"(?:(?<=^)|(?<=[，,；;。\s度年]))(部|局|院|委|厅|办|所|队)里")


#: a clerk's spoken words for the year and the levels above (今年, 市里): a report's (blind read r59)
_SPOKEN = {
    "今年": "本年度",
    "去年": "上年",
    "明年": "下一年度",
    "市里": "市级",
    "省里": "省级",
    "县里": "县级",
    "区里": "区级",
}
_SPOKEN_RE = re.compile("|".join(_SPOKEN))


def _of_the_matter(row: MetricRow) -> str:
    """The row's note without its end mark when it speaks of the matter, ``""`` for none, a note on the
    table or a note that the body lacks the power."""
    note = _SPOKEN_SELF_RE.sub(r"本\1", (row.note or "").strip().rstrip("。.；;，,"))
    note = _SPOKEN_RE.sub(lambda m: _SPOKEN[m.group(0)], note)
    if META_NOTE_RE.search(note) or LACKS_RE.search(note):
        return ""
    return _without_sources(note)


def _without_sources(note: str) -> str:
    """The note without its clauses that only say where the figure came from (化解率93.1%，县信访局提供 →
    化解率93.1%; blind read r59: a source in any clause, never pasted after the figure)."""
    pieces = re.split(r"([，,；;])", note)
    kept: list[str] = []
    for i in range(0, len(pieces), 2):
        clause = pieces[i].strip()
        if clause and source_note(clause):
            continue
        if kept:
            kept.append(pieces[i - 1])
        kept.append(pieces[i])
    if len(kept) == len(pieces):
        return note
    return "".join(kept).strip(" ，,；;")


def zero_note(row: MetricRow) -> str:
    """The note that explains a zero (局长出庭应诉 0, 本年度无应诉案件): said beside it, else ``""``."""
    note = _of_the_matter(row)
    return note if len(note) <= MAX_NOTE else ""


#: a note that only says the zero again (本年度未制定, 全年无): nothing to add beside 全年未制定…
_NONE_NOTE_RE = re.compile(
    r"^(?:本年度|本年|今年|全年|年内|当年)?(?:均)?(?:未|无|没有)(?P<what>[^，,；;。]{0,12})$"
)


def none_and_rest(row: MetricRow) -> tuple[list[str], list[str]] | None:
    """A 0 row's note of several clauses, one of which says there was none (全年无进京涉诉信访；诉源治理…发挥作用;
    全区在册社区矫正对象212人；全年无再犯罪): the clauses before the none and those after it, the none itself said by
    the row (blind read r60: never the whole note glued with ；before last year's value), else ``None``."""
    note = zero_note(row)
    clauses = [c.strip() for c in re.split(r"[；;，,]", note) if c.strip()]
    if len(clauses) < 2:
        return None
    at = next((i for i, c in enumerate(clauses) if _NONE_NOTE_RE.match(c)), None)
    if at is None:
        return None
    return clauses[:at], clauses[at + 1 :]


def none_said(row: MetricRow) -> str:
    """A 0 row's note that is itself the sentence of none for an event count (行政诉讼案件 0, 全年未发生行政应诉
    案件): the user's own words, said instead of the label (blind read r33), else ``""``."""
    note = _of_the_matter(row)
    label = row.label.strip()
    if not re.match(r"^(?:本年度|本年|今年|全年|年内)(?:未|无)", note) or len(note) < 6:
        return ""
    event = note.endswith(("案件", "事件", "事故")) and any(
        w in label for w in ("案件", "事件", "事故", "败诉")
    )
    if not event and note[-4:] not in label and not _same_object(note, label):
        return ""  # 行政诉讼案件败诉 0, 全年未发生行政诉讼败诉案件: the note says it (r33, r34, r35)
    return note


def _same_object(note: str, label: str) -> bool:
    """Whether a note of none (全年未发现需纠错文件, 全年未制发规范性文件) speaks of what the 0 row's label counts
    (规范性文件备案审查纠错, 行政规范性文件): its object shares most of its words with the label (r54: never
    …0件（全年未发现需纠错文件）)."""
    m = re.match(
        r"^(?:本年度|本年|今年|全年|年内)(?:未|无)(?:发生|发现|制发|制定|出台|印发|办理|开展)?", note
    )
    obj = note[m.end() :] if m else note
    return len(obj) >= 3 and similarity(obj, label) >= 0.4


def restates_zero(row: MetricRow) -> bool:
    """Whether a 0 row's note only repeats that nothing was done (制定行政规范性文件 0, 本年度未制定): the
    zero said as 全年未制定… says the note too (blind read r31: never …0件（本年度未制定）)."""
    m = _NONE_NOTE_RE.match(_of_the_matter(row))
    if m is None:
        return False
    what = m["what"].removeprefix("发生").removesuffix("的")
    # 本年度无应诉案件 beside 局长出庭应诉 0 is a reason: it stays; 未发生执法过错追究 beside 执法过错责任追究 says
    # the label in fewer words (r53: never …0人（全年未发生执法过错追究）)
    return not what or what in row.label or _in_order(what, row.label)


def _in_order(short: str, long: str) -> bool:
    """Whether every character of ``short`` is in ``long``, in order (执法过错追究 of 执法过错责任追究)."""
    chars = iter(long)
    return len(short) >= 4 and all(c in chars for c in short)


#: the base a rate was counted on (以受理612件为基数, 按结案数计算)
_RATE_BASE_RE = re.compile(
    r"以(?P<base>[^，,；;。]{2,24})为(?:计算)?(?:基数|分母|基准)|按[^，,；;。]{2,24}(?:计算|计)"
)


def _base_named(base: str, label: str) -> bool:
    """Whether a rate's base ends with the things its label already names (全镇…共13个村（社区） beside 村（社区）法律
    顾问覆盖率): the words after its last count share two characters in a row with the label."""
    head = re.split(r"\d+(?:\.\d+)?[\u4e00-\u9fff]", base)[-1] if re.search(r"\d", base) else ""
    head = re.sub(r"[^\u4e00-\u9fff]", "", head)
    return any(head[i : i + 2] in label for i in range(len(head) - 1))


def note_pieces(row: MetricRow) -> list[tuple[str, str]]:
    """The prose pieces of a row's note: ``("bracket", 含线上)`` or ``("clause", 按期办结率100%)``; none for
    a zero, a long note or a note about the table."""
    note = zero_note(row) if row.number else ""
    if not note:
        return []
    out: list[tuple[str, str]] = []
    for piece in (q for p in _SPLIT_RE.split(note) for q in _clauses_of(p.strip(" ，,"), row)):
        if not piece or source_note(piece):
            continue
        if _RUN_SPAN_RE.fullmatch(piece) and re.search(r"连续\d+年", row.label):
            continue  # 2024—2026年连续获评 beside 连续3年获评…: the run said again (blind read r61)
        if _COMPARED_NOTE_RE.match(piece):
            out.append(("clause", piece))  # said by the comparison (with_note leaves it out), never a part
            continue
        named = (
            len(piece) <= 12
            and not re.search(r"\d", piece)
            and (is_name(piece) or bool(_WORK_NAME_RE.match(piece)))
            and not _MEANS_RE.match(piece)  # 通过…, a campaign: placed by their form (r38)
            and not _CAMPAIGN_RE.match(piece)
            and not piece.endswith("相结合")  # a method, placed by its form (r42)
            # a change of another measure (办件量同比增加) is a statement, never a name (r62)
            and not re.search(r"(?:增加|减少|上升|下降|增长|提高|降低|增多)$", piece)
        )
        kind = "bracket" if INCLUDES_RE.match(piece) or named else "clause"
        if DATED_RE.match(piece) and len(piece) <= 16 and not re.search(r"[，,]", piece):
            kind = "lead"  # 截至11月底，在册防空警报器326台: the day a stock stands at opens its clause (r45)
        if (
            (m := re.match(r"^(?:含|包括)", piece))
            and _REACHED_RE.fullmatch(piece[m.end() :])
            and (row.unit_class == "event" or (row.unit_class == "rate" and "覆盖" in row.label))
        ):
            # the places or bodies an activity or a coverage reached (含东岙乡、槐溪镇等14个乡镇（街道）): what it
            # covered, never things it holds in a bracket (blind read r63)
            kind, piece = "clause", "覆盖" + piece[m.end() :]
        elif row.unit_class == "rate" and (m := _RATE_BASE_RE.fullmatch(piece)):
            if _base_named(m["base"] or "", row.label):
                continue  # 全市215所中小学校… beside 全市中小学…配备率: said first it names them twice (r69); left listed
            # the base a rate was counted on, said as the count it is, first (以全县应报送社会组织407家为基数 → 全县应报送
            # 社会组织407家，…按时报送率为92.6%: blind read r68, never the table's 以…为基数 pasted after it)
            kind, piece = "lead", m["base"] or piece
        elif row.unit_class == "rate" and _RATE_SCOPE_RE.fullmatch(piece):
            # what a rate is of (一审行政案件 beside 行政机关负责人出庭应诉率): said first (blind read r60: never inside its
            # comparison's bracket)
            kind, piece = "lead", piece + "中"
        elif (m := re.match(r"^(?:含|包括|包含)", piece)) and _a_part(piece[m.end() :], row):
            kind, piece = "clause", "其中" + piece[m.end() :]  # 法律顾问2名，含公职律师1名 → 其中公职律师1名
        elif kind == "clause" and _a_part(piece, row) and not PART_RE.match(row.label.strip()):
            piece = "其中" + piece  # (a part's own part is said plainly: r56, never 其中…，其中已办结…)
        elif _OUTCOME_NOTE_RE.match(piece):
            # how the case ended, after the figure (经区政府复议维持原行政行为: r56, never 通过…复议维持…; 一审胜诉:
            # r58, never in a bracket)
            kind = "clause"
        elif (channel := _CHANNEL_NOTE_RE.fullmatch(piece)) is not None:
            # the line the cases came in by: said with their act (全年通过“12350”热线办理…: blind read r58, never
            # …218件，“12350”热线受理)
            kind, piece = "doer", f"通过{channel['channel']}"
        elif (names := _NAMES_RE.fullmatch(piece)) is not None and row.number == piece.count("、") + 1:
            # the units the figure counts, all of them (民主法治示范村 5个: 上坪村、石桥村…): named right after it
            # (blind read r58: never a bare list after its 其中 part)
            kind, piece = "clause", "分别为" + names.group(0)
        elif AWARDED_BY_RE.fullmatch(piece) and re.search(r"获评|荣获|被评为|评为", row.label):
            kind = "bracket"  # who named it, an aside to the honour (blind read r61: never a clause after it)
        elif (
            (aimed := _AIMED_RE.fullmatch(piece)) is not None
            and leading_verb(PART_RE.sub("", row.label.strip()))
            and (not aimed["act"] or row.label.strip().startswith(aimed["act"]))
        ):
            # whom the act went to (对云岗镇、梅坳乡、县住建局等8个单位开展 beside 开展法治督察): before its verb (blind
            # read r61: never 开展法治督察3次，对…开展)
            kind, piece = "doer", "对" + aimed["who"]
        elif (
            (bodies := _BODIES_RE.fullmatch(piece)) is not None
            and "等" not in piece
            and not re.match(r"(?:覆盖|涉及|对|包括|含)", piece)
            and (check := _CHECK_RE.search(row.label))
        ):
            # the bodies a check went to (带队开展法治督察 3次: 县自然资源局 县市场监管局 琸山经开区): the check names them
            # (blind read r59: never a bare list after the figure)
            kind, piece = "clause", f"{check.group(0)}对象为{and_list(bodies.group(0).split('、'))}"
        elif _TITLES_RE.fullmatch(piece):
            # the documents the figure counts (重大行政决策事项 2项: 《…方案》《…办法》): named after it, 分别为… when
            # they are all of it (blind read r57: never …2项，《…》，《…》)
            titles = re.findall(r"《[^》]+》", piece)
            kind, piece = "clause", ("分别为" if row.number == len(titles) else "包括") + and_list(titles)
        elif piece in _OUTCOMES and "复议" in row.label:
            # 维持 beside 被申请行政复议 1件: the outcome said in full (r53: never …1件，维持。)
            kind, piece = "clause", _OUTCOMES[piece]
        elif _RATED_RE.search(row.label) and _UNIT_DOER_RE.match(piece):
            kind = "bracket"  # 市局考评 beside 执法质量考评得分: who rated it, an aside (r53: never 由市局…得分为)
        elif doer := _doer(
            piece, row
        ):  # 由政治部组织 → 全年由政治部组织干警参加… (r42: never …，由政治部组织)
            kind, piece = "doer", doer
        elif by := _done_by(piece):
            # 恒信律师事务所律师担任 → （由恒信律师事务所律师担任） (r31); a unit that led or undertook the work
            # opens the clause: 由政策法规股牵头，全年完成… (tune read r45: never …17件（由政策法规股牵头）)
            kind, piece = ("lead" if _LED_RE.search(by) and by.startswith("由") else "bracket"), by
        elif kind == "clause" and row.unit_class == "rate" and _YEAR_COUNT_RE.match(piece):
            # the year's count a rate is of, a clause of its own before it (全年审理行政诉讼案件87件，行政机关
            # 负责人出庭应诉率为100%: blind read r55, never …100%，涉及全年审理…)
            kind = "lead"
        elif (
            kind == "clause"
            and row.unit_class == "rate"
            and "覆盖" in row.label
            and _SCOPE_NOTE_RE.fullmatch(piece)
        ):
            # the units a coverage is of (全区9个街道84个村（社区）): what it covers (blind read r59: never a bare count
            # hung after the rate); one the clerk says is reached in full is reached (r64: never 覆盖…全覆盖)
            piece = "实现" + piece if piece.endswith("全覆盖") else "覆盖" + piece
        elif kind == "clause" and (listed := _examples(piece, row)):
            kind, piece = listed
        elif (
            kind == "clause"
            and _CASES_NAMED_RE.fullmatch(piece)
            and not leading_verb(piece)
            and not any(t.verb for t in tokens(piece)[:1])  # 讨论决定…案件47件: an act (r55: never 涉及讨论…)
            and not _act_of(piece, row)
            and not piece.startswith(("其中", "另有"))  # a part or more of them: never 涉及其中… (r47)
        ):
            # 出庭应诉2次，涉及土地征收补偿案和企业行政处罚案各1件 (r36: never a bare noun); a note that
            # says 涉… itself is what the cases were (为涉土地征收类案件, never 涉及涉…: r40)
            piece = ("为" if piece.startswith("涉") else "涉及") + piece
        elif kind == "clause" and _COUNTED_AS_RE.search(piece) and not re.search(r"\d", piece):
            kind = (
                "bracket"  # 省、市、县三级合计: how the figure is counted, an aside (r48: never …人，…合计，)
            )
        elif kind == "clause" and (routine := _ROUTINE_RE.match(piece)):
            # “领导干部接访日”每月开展: the routine the figure came of, said first (r51: never …86人次，“…”每月开展)
            kind, piece = "lead", f"坚持{routine['when']}{routine['act']}{routine['what']}"
        elif kind == "clause" and (act := _act_of(piece, row)):
            # 3月出庭某…案 beside 出庭应诉: the act once (r48)
            kind, piece = "bracket", piece.replace(act, "", 1)
        elif kind == "clause":
            kind, piece = _placed(piece, row)
        out.append((kind, piece))
    parts = [i for i, (k, p) in enumerate(out) if k == "clause" and p.startswith("其中")]
    if len(parts) > 1:  # 其中A1次，其中B2次 → 其中A1次、B2次 (r48: one 其中 for the parts of a figure)
        joined = "、".join([out[parts[0]][1], *(out[i][1][2:] for i in parts[1:])])
        out = [(k, joined if i == parts[0] else p) for i, (k, p) in enumerate(out) if i not in parts[1:]]
    # the part right after its figure, before what else the note says of the whole (r48: never …31件，未发现…
    # 情形，其中运输补贴政策3件, where the part hangs off the finding)
    if any(CAUSE_NOTE_RE.match(p) for _, p in out):
        # the cause right after the figure, then what was done since (…9宗，主要受农房建设集中影响，已整改7宗: blind
        # read r59), the part said plainly after the cause
        return sorted(
            [(k, p.removeprefix("其中") if k == "clause" else p) for k, p in out],
            key=lambda kp: int(not CAUSE_NOTE_RE.match(kp[1])),
        )
    return sorted(
        out,
        key=lambda kp: (
            0 if kp[1].startswith("分别为") else int(kp[0] == "clause" and not kp[1].startswith("其中"))
        ),
    )


def and_list(items: list[str]) -> str:
    """Items said as a list, the last after 和 (县自然资源局、县市场监管局和琸山经开区)."""
    return "、".join(items[:-1]) + "和" + items[-1] if len(items) > 1 else items[0]


#: places or bodies listed, closed by 等 and their count (东岙乡、槐溪镇等14个乡镇（街道）, 泷滨市、藤坞市等11个设区市检察院)
_REACHED_RE = re.compile(
    r"[^，,；;。\d]{2,40}等\d+个[\u4e00-\u9fff]{0,6}(?:乡镇|街道|村|社区|市|县|区|院|局|单位|部门|学校|企业)(?:（[^）]{1,4}）)?"
)
#: the things a rate is of, named alone (一审行政案件, 涉企行政执法事项)
_RATE_SCOPE_RE = re.compile(r"(?:全年|本年度)?[\u4e00-\u9fff]{2,10}(?:案件|事项|项目|决策)")
#: a note that only counts the units of an area (全区9个街道84个村（社区）, 全镇14个村2个社区)
_SCOPE_NOTE_RE = re.compile(
    r"(?:全[省市县区镇乡州旗]|全街道)?(?:\d+个[\u4e00-\u9fff]{1,6}(?:[（(][\u4e00-\u9fff]{1,4}[)）])?[和、及]?){1,4}"
)
#: a clause of the year's own count (全年审理行政诉讼案件87件)
_YEAR_COUNT_RE = re.compile(
    r"^(?:全年|本年度|年内)[\u4e00-\u9fff“”、]{2,30}?\d+(?:\.\d+)?[\u4e00-\u9fff]{1,2}$"
)
#: a note on how the figure is counted (省、市、县三级合计, 按自然年统计)
_COUNTED_AS_RE = re.compile(r"(?:合计|总计|汇总|统计|累计数?)$")


def _act_of(piece: str, row: MetricRow) -> str:
    """The act of the row's label a note names again right after its date (3月出庭某…案 beside 厅主要负责人出庭
    应诉), ``""`` for none."""
    date = re.match(r"^(?:于)?\d{1,2}(?:月份?|日)", piece)
    if date is None:
        return ""
    after = tokens(piece[date.end() :])
    return after[0].word if after and len(after[0].word) >= 2 and after[0].word in row.label else ""


#: a note naming the means or the campaign the figure came of (依托“无讼村居”创建行动, 通过…): said before the
#: figure's clause, never a dangling clause after it (blind read r38)
#: …or the rule it follows (依据《…工作规范》: blind read r60, never a clause hung after the rate)
_MEANS_RE = re.compile(
    r"^(?:依托|通过|借助|结合|围绕|依靠|利用|借力|立足|经由|依据|根据|按照|对照|经(?![过济费营验常办]))(?=\S)"
)
#: a note that is the name of a campaign alone (“矛盾纠纷大排查大化解”专项行动): said 依托… before the figure
_CAMPAIGN_RE = re.compile(
    r"^[^，,；;。\d]{0,10}“[^”]{2,30}”[^，,；;。\d“”]{0,8}?(?:行动|活动|整治|治理|攻坚战?|创建|工程|竞赛|专项|月|年|周)$"
)
#: a note saying where the counted things were found (“受立案突出问题”专项整治中发现): in brackets after it
_FOUND_IN_RE = re.compile(r"^[^，,；;。]{2,40}?中(?:发现|查处|排查|查获|收集|梳理|暴露)(?:的)?$")
#: a note naming who the people counted are (区直部门和镇（街道）党政主要负责人): in brackets after them
_PEOPLE_RE = re.compile(
    r"^[^，,；;。\d]{2,30}?(?:负责人|干部|人员|职工|群众|代表|委员|律师|民警|干警|党员|书记|主任|法官|检察官|调解员)$"
)


#: a routine named first, how often and its act last (“领导干部接访日”每月开展, 法治讲座每季度举办1次)
_ROUTINE_RE = re.compile(
    r"^(?P<what>[^，,；;。\d每]{2,24}?)(?P<when>每(?:月|周|季度?|半年|年)(?:至少|定期)?)"
    r"(?P<act>开展|召开|举办|组织|举行)(?:一次|1次)?$"
)
#: the act a means note ends with, which the figure's own clause says again (依托“民法典宣传月”开展)
_BARE_ACT_RE = re.compile(
    r"(?:同步|同时|集中|一并|统一|联合)?(?:组织开展|开展|进行|实施|举办|推进|组织|受理|办理|接收|处理)$"
)  # 结合“清朗”系列专项行动同步开展: its manner goes with the act (tune read r45: never …同步，全年开展)
#: places listed and what was done there (客运站、服务区、港口码头设点)
_SITES_RE = re.compile(
    r"^(?P<where>[^，,；;。\d]{2,12}(?:、[^，,；;。\d]{2,12})+)(?P<act>设点|设站|布点|设摊|驻点|开设|设立)$"
)
#: a note saying every one counted is of a kind (均为局领导班子成员): in brackets after the figure (r41)
_ALL_ARE_RE = re.compile(r"^(?:均为|均系|均是|全部为|全部是|全为)")
#: a note naming whom the act was for, its act last (为乡村两级干部讲授): 对象为… in brackets (r41: never
#: …2次，为乡村两级干部讲授)
_AUDIENCE_RE = re.compile(
    r"^(?:为|向|面向)(?P<who>[^，,；;\d]{2,20}?)(?:讲授|授课|宣讲|讲解|讲课|培训|宣传|开展)?$"
)


#: a span of years a run covers (2024—2026年连续获评, 2024-2026年)
_RUN_SPAN_RE = re.compile(
    r"(?:19|20)\d{2}\s*[—–\-~至到]\s*(?:19|20)\d{2}年(?:度)?(?:连续|均|持续)?[\u4e00-\u9fff]{0,4}"
)
#: a note giving the cause of the figure (主要受农房建设集中影响, 因…所致, 主要原因是…)
CAUSE_NOTE_RE = re.compile(
    r"^(?:主要|均|多)?(?:是)?(?:受|因|由于)[^，,；;。]{2,30}(?:影响|所致|引发|导致)$|^(?:主要)?原因(?:是|为|在于)[^，,；;。]{2,30}$"
)


#: a clause saying again how the figure moved (成功率有所下降, 办理周期延长), after the conditions that moved it
RESTATED_RE = re.compile(
    r"^[^，,；;。]{0,12}?(?:有所|明显|略有|大幅|进一步|随之)?(?:下降|上升|增加|减少|增长|回落|延长|降低|提高|下滑|走低|走高)$"
)
#: a condition that moved a figure (物业服务类纠纷增多, 调处难度加大, 专业力量不足)
_CONDITION_RE = re.compile(
    r"^[^，,；;。]{4,30}(?:增多|增加|加大|上升|下降|减少|较多|集中|不足|复杂|频发|突出|多发|激增|攀升|加重|偏多|偏少)$"
)


def note_cause(row: MetricRow) -> str:
    """The cause a row's note gives for its figure (主要受农房建设集中影响), ``""`` for none. Conditions said
    before the figure's move said again (物业服务类纠纷增多、调处难度加大，成功率有所下降: blind read r68) are
    its cause, the conditions alone (the move is the figure's own)."""
    note = _of_the_matter(row)
    for clause in re.split(r"[，,；;]", note):
        if CAUSE_NOTE_RE.match(clause.strip()):
            return clause.strip()
    for segment in re.split(r"[；;]", note):
        parts = [p.strip() for p in re.split(r"[，,]", segment)]
        if (
            len(parts) > 1
            and RESTATED_RE.match(parts[-1])
            and all(_CONDITION_RE.match(p) for p in parts[:-1])
        ):
            return "，".join(parts[:-1])
    return ""


def without_cause(row: MetricRow, cause: str | None = None) -> MetricRow:
    """The row with its note's cause (``cause``, else :func:`note_cause`) taken out, and the figure's move said
    again after it (…调处难度加大，成功率有所下降: r68): where the 问题 part says the cause."""
    cause = note_cause(row) if cause is None else cause
    if not cause:
        return row
    # (a cause said as one, 受…影响, is followed by what else happened: 线下活动减少 stays)
    restated = "" if CAUSE_NOTE_RE.match(cause) else rf"(?:[，,]\s*{RESTATED_RE.pattern.strip('^$')})?"
    left = re.sub(rf"[，,；;\s]*{re.escape(cause)}{restated}", "", (row.note or "").strip()).strip("，,；; ")
    return dataclasses.replace(row, note=left or None)


def said_cause(cause: str) -> str:
    """A cause as a clause of its problem: said as the note says it when it is one (主要受…影响), else
    introduced (主要原因是物业服务类纠纷增多、调处难度加大)."""
    return cause if CAUSE_NOTE_RE.match(cause) else "主要原因是" + cause


def cause_core(cause: str) -> str:
    """What a note's cause names (主要受预付式消费集中投诉影响 → 预付式消费集中投诉), ``""`` for none."""
    core = re.sub(r"^(?:主要|均|多)?(?:是)?(?:受|因|由于)|^(?:主要)?原因(?:是|为|在于)", "", cause)
    return re.sub(r"(?:的)?(?:影响|所致|引发|导致)$", "", core).strip()


def _clauses_of(piece: str, row: MetricRow) -> list[str]:
    """A note's clause, split at its commas when it ends with a part of the figure and opens with who
    handled it (县医调委受理，调解成功39件 → （由县医调委受理）…，其中调解成功39件: r41, never 其中县医调委受理)."""
    parts = [p.strip() for p in re.split(r"[，,]", piece)]
    if len(parts) > 1 and DATED_RE.match(parts[0]) and len(parts[0]) <= 16:
        # the day a figure stands at, then what it says (截至11月底，调解成功283件，成功率68.2%): each a clause of its
        # own, the day leading (blind read r61: never all of it in the comparison's bracket)
        return [p for p in parts if p]
    if len(parts) > 1 and any(CAUSE_NOTE_RE.match(p) for p in parts):
        # a cause beside a part (主要受农房建设集中影响，已整改7宗): each a clause of its own (blind read r59: never
        # 其中主要受…影响)
        return [p for p in parts if p]
    if (
        len(parts) > 1
        and _a_part(parts[-1], row)
        and all(_done_by(p) or _MEANS_RE.match(p) for p in parts[:-1])
    ):
        return parts
    if sum(_a_part(p, row) for p in parts) >= 2 and all(
        _a_part(p, row) or p.startswith(("其余", "另有", "均")) for p in parts
    ):  # 取水许可38件，…审批11件，其余为涉河其他事项: parts listed (r49: never pasted as one clause)
        return parts
    return [piece]


#: a note naming the line the cases came in by (“12350”热线受理, 政务服务平台接收)
_CHANNEL_NOTE_RE = re.compile(
    r"(?P<channel>[“\"]?[^，,；;。\s]{0,12}?(?:热线|平台|窗口|网站|小程序|信箱|公众号)[”\"]?)(?:受理|接收|办理|收到|转办)"
)
#: a note that only names units, two or more (上坪村、石桥村、枫湾村; 城关派出所、石岗派出所)
_NAME = (
    r"[\u4e00-\u9fff]{1,10}?(?:村|社区|镇|乡|街道|学校|中学|小学|幼儿园|医院|企业|公司|单位|所|站|队|中心)"
)
_NAMES_RE = re.compile(rf"{_NAME}(?:、{_NAME})+")
#: a note that only names bodies, two or more (县自然资源局、县市场监管局、琸山经开区)
_BODY_NAME = (
    r"[\u4e00-\u9fff]{1,12}?(?:局|委|办|区|县|镇|乡|街道|院|部|中心|公司|企业|单位|学校|医院|所|站|队|厅)"
)
_BODIES_RE = re.compile(rf"{_BODY_NAME}(?:、{_BODY_NAME})+")
#: a note naming whom the act went to (对云岗镇、梅坳乡等8个单位开展)
_AIMED_RE = re.compile(r"对(?P<who>[^，,；;。]{2,40}?)(?P<act>开展|进行|实施|组织)?")
#: a check that goes to bodies (法治督察, 执法检查, 专项巡查)
_CHECK_RE = re.compile(r"督察|督查|巡查|检查|评查|调研|督导|考核|审计")
#: a note that only names documents (《…方案》、《…办法》)
_TITLES_RE = re.compile(r"《[^》]{2,40}》(?:[、，,和及]?《[^》]{2,40}》)*等?")
#: a note that says how a case ended (经区政府复议维持原行政行为, 经审理判决驳回, 经调解撤诉)
_OUTCOME_NOTE_RE = re.compile(
    r"^经[^，,；;。]{0,12}?(?:复议|审理|审查|调解|裁决|判决)[^，,；;。]*?(?:维持|撤销|变更|确认|驳回|撤诉|结案|纠正|胜诉|败诉)"
    r"|^(?:均已?)?(?:一审|二审|终审|再审)(?:判决)?(?:胜诉|败诉|驳回|维持)"  # 一审胜诉 (r58: never in a bracket)
)


def _placed(piece: str, row: MetricRow | None = None) -> tuple[str, str]:
    """(kind, piece) of a clause whose form decides where it stands: ``lead`` before the figure's clause
    (a means or a campaign), ``bracket`` after it (where found, who the people are), else ``clause``."""
    if _MEANS_RE.match(piece):  # 依托“…专项行动”开展: the clause says the act (r40: never 开展，全年开展)
        if re.match(r"^(?:依据|根据|按照|对照)《", piece):
            return "lead", piece  # the rule followed opens the clause, a rate's too (blind read r60)
        if row is not None and row.unit_class == "rate":
            return "bracket", piece  # a rate has no act to lead: …参考率达100%（通过…平台组织） (r45)
        bare = re.sub(r"^经由?", "通过", _BARE_ACT_RE.sub("", piece))  # 经…热线受理 → 通过…热线 (r41)
        if (
            row is not None
            and (last := tokens(bare))
            and len(last[-1].word) >= 2
            and not last[-1].tag.startswith("n")  # 结合…网络安全宣传周 beside …宣传周: a name, no act (r48)
            and last[-1].word in row.label
        ):
            bare = bare[: -len(last[-1].word)]  # 通过县政府门户网站公开 beside 主动公开…: the act once (r45)
        if len(bare) < 4:
            return "lead", piece
        if _DAY_RE.search(bare) and row is not None and (row.number or 0) > 1:
            # one day's campaign is not the year's count: after it, 其间结合“12·4”国家宪法日集中开展 (r45)
            return "clause", f"其间{bare}集中开展"
        if re.match(r"^(?:通过|借助|利用)", bare) and "“" not in bare and len(bare) <= 16:
            return "doer", bare  # 全年通过县政府门户网站主动公开… (r45: never 通过…公开，全年主动公开)
        return "lead", bare
    if _ALL_ARE_RE.match(piece):
        return "bracket", piece
    sites = _SITES_RE.match(piece)
    if sites and not any(t.verb for t in tokens(sites["where"].replace("、", ""))):
        return (
            "lead",
            "在" + piece,
        )  # 客运站、服务区、港口码头设点 → 在…设点，全年… (r48: never a bare clause)
    if piece.endswith("相结合") and not piece.startswith("坚持"):  # a method: before the figure (r42)
        return "lead", "坚持" + piece
    if (who := _AUDIENCE_RE.match(piece)) and not any(t.verb for t in tokens(who["who"])):
        return "bracket", "对象为" + who["who"]
    if _CAMPAIGN_RE.match(piece) and not leading_verb(piece):
        return "lead", "依托" + piece
    if _FOUND_IN_RE.match(piece) or (_PEOPLE_RE.match(piece) and not leading_verb(piece)):
        return "bracket", piece
    return "clause", piece


#: a note that only names the cases a figure is of (某房屋征收补偿行政诉讼案; …案和…案各1件); 备案, 提案, 方案
#: end in 案 but name no case (r45: never 涉及均经…备案 or 涉及其中…提案104件)
_CASES_NAMED_RE = re.compile(
    r"[^，,。；;：:]{2,30}?(?:案件|(?<![备提方议档预草立结办答图法])案)(?:各?\d+件)?"
)


#: a doer that led the work (由政策法规股牵头): said before the figure's clause, 由…牵头，… being the idiom;
#: one that undertook or ran it (由县法学会承办, 由…负责) stays in brackets after the figure, for 由…承办，全年…
#: leaves the clause after it without a subject (blind read r47)
_LED_RE = re.compile(r"牵头(?:组织)?$")
#: a verb a note ends with whose doer the note names (律师事务所律师担任, 县司法局牵头)
#: an adverb or a with-others word opening a note: a clause of what was done, no doer (已会同…调处)
_ADVERB_RE = re.compile(r"^(?:已经?|均|正在?|将|曾|全部|共同|联合|会同|协同|配合|依托|通过)")
#: a note naming where the figure comes from (由县公安局提供, 以…系统当日数据为准, 数据来源：…): provenance
#: for the drafter, never prose (blind read r51: never …637起，由县公安局提供)
SOURCE_NOTE_RE = re.compile(
    r"^(?:数据)?(?:由|据|来源于|来自)[^，,。；;]{2,24}(?:提供|报送|核定|反馈)(?:的?数据)?$"
    r"|^以[^，,。；;]{2,24}(?:数据|统计|台账)为准$"
    r"|^数据来源"
)
#: a unit that gave the figure, named without 由 (财务处提供, 政策法规股提供, 不动产登记中心提供: r52)
#: …or that counted it (审判管理办公室统计, 综合法务部统计, 市司法局汇总: r54, r55)
_GIVEN_BY_RE = re.compile(r"^(?P<who>[^，,；;。\s为向给对]{2,24}?)(?:提供|报送|统计|汇总)(?:的?数据)?$")


#: an office that keeps figures (财务处, 政策法规股, 不动产登记中心, 县公安局, 业务系统, 市政府行政复议机构: r67); a
#: firm that served (律师事务所)
#: gives a service, no figure
_SOURCE_UNIT_RE = re.compile(
    r"(?:处|科|股|室|中心|局|委|委员会|调委会|办|站|队|组|专班|部门|单位|机构|机关|政府|(?<!全)部|系统|平台|工商联|侨联|妇联|残联|团委|总工会|协会|商会|(?<!事务)所|院|支队|大队|顾问团|专家组|馆)$"
)


def source_note(piece: str) -> bool:
    """Whether a note's clause names where the figure came from (由县公安局提供, 财务处提供, 以…为准): provenance
    for the drafter, never prose; a service provided (免费提供法律咨询) is no source."""
    if SOURCE_NOTE_RE.match(piece):
        return True
    m = _GIVEN_BY_RE.match(piece)
    return m is not None and bool(_SOURCE_UNIT_RE.search(m["who"]))


_DONE_BY_RE = re.compile(
    r"(?:担任|负责|承担|承办|主办|牵头(?:组织)?|提供|授课|主讲|组织实施|受理|调处|办理|下发|交办|转办|移交|督办)$"
)  # 厅政策法规处牵头组织 (r49)


def without_own_doer(row: MetricRow, org: str | None) -> MetricRow:
    """The row without the clauses of its note that name the reporting body itself as the doer (县统计局牵头
    in the 蔺溪县统计局's report, 本局牵头): in its own report that is said by the report (blind read r35)."""
    note = (row.note or "").strip()
    if not note or not org:
        return row
    kept = [c for c in re.split(r"[，,]", note) if c and not _names_self(c, org)]
    left = "，".join(kept)
    return row if left == note else dataclasses.replace(row, note=left or None)


def self_referred(row: MetricRow, org: str | None, pronoun: str | None) -> MetricRow:
    """The row with the reporting body's full name in its label and note said as the body says itself
    (钧陵省高级人民法院立案一庭 → 我院立案一庭; 嘉禾市人民政府办公室 → 市政府办公室, never 我市办公室): in
    its own report a body never names itself as an outsider would (blind read r36)."""
    if not org or not pronoun or len(org) < 4:
        return row
    place = pronoun[1:] if pronoun.startswith("我") and len(pronoun) == 2 else ""
    short = ""
    if place in _PLACE_CHARS:  # a place's own body: its unit is named by the body's short name
        short = place + ("政府" if org.endswith("政府") else "委" if org.endswith(("委员会", "委")) else "")

    def said(text: str) -> str:
        if org not in text:
            return text
        # a document's title is quoted as it is named (《栖梧县卫生健康局2026年法治建设工作要点》: blind read r60,
        # never 《我局…》): only the text between titles is the body's own voice
        parts = re.split(r"(《[^》]*》)", text)
        return "".join(p if p.startswith("《") else _own(p) for p in parts)

    def _own(text: str) -> str:
        if org not in text:
            return text
        if len(short) > 1:
            text = re.sub(rf"{re.escape(org)}(?=[\u4e00-\u9fff])", short, text)
        return text.replace(org, pronoun)

    label, note = said(row.label), said(row.note) if row.note else row.note
    return row if (label, note) == (row.label, row.note) else dataclasses.replace(row, label=label, note=note)


#: the level characters of a place that names itself 我县, 我镇 …
_PLACE_CHARS = frozenset(LEVEL_CHARS)


def _names_self(clause: str, org: str) -> bool:
    m = _DONE_BY_RE.search(clause)
    if m is None:
        return False
    who = clause[: m.start()].removeprefix("由")
    return who in ("本局", "本单位", "本部门", "我局", "我单位") or (len(who) >= 3 and org.endswith(who))


#: who did the act the figure counts, the act last (由政治部组织, 由镇司法所和法律顾问共同审查)
_DOER_RE = re.compile(
    r"^(?P<prep>由|在|向|为|与|会同|联合)(?P<who>[^，,；;。\d]{2,30}?)(?P<together>共同|联合|统一)?"
    r"(?P<act>[\u4e00-\u9fff]{2})$"
)


#: a unit of a body by its ending (厅法规处, 政策法规股, 县司法所): who did the act of a note without 由
_UNIT_END = (
    r"(?:处|科|股|室|所|局|中心|办公室|大队|中队|支队|庭|法律顾问|公职律师|律师"
    # or its head (局长主持 beside 主持局党组会议专题学法: r51, never …4次，本人主持)
    r"|局长|厅长|院长|检察长|主任|书记|县长|市长|区长|镇长|乡长|负责人)"
)
_HEAD_END_RE = re.compile(r"(?:长|主任|书记|负责人)$")
_UNIT_DOER_RE = re.compile(
    rf"^(?P<who>(?=[^，,；;。\d、]{{2}})[^，,；;。\d、]{{0,20}}?{_UNIT_END})(?P<act>[\u4e00-\u9fff]{{2}})$"
)


#: acts of holding an activity, which a label naming the activity alone implies (执法检查 is 开展ed)
_HOLDING = ("开展", "组织", "组织开展", "举办", "进行")
#: acts a note and a label may name with either word (县委政法委法规科审核 beside 重大事项合法性审查: r54)
_SAME_ACTS = ({"审核", "审查"}, {"调处", "调解", "化解"}, {"查处", "办理"})


def _same_act(act: str, label: str) -> bool:
    """Whether the label names the note's act, in its word or in one of the same sense."""
    return act in label or any(act in group and any(a in label for a in group) for group in _SAME_ACTS)


def _doer(piece: str, row: MetricRow) -> str:
    """``由X`` (with 共同) of a note naming who did the very act of the figure's label (组织干警参加培训 by 由政治部
    组织; 对…进行合法性审查 by 由镇司法所和法律顾问共同审查), or where, to whom or for whom it was done (公布权责
    清单事项 by 在县政府门户网站公布, 报送备案规范性文件 by 向市政府备案, 讲授法治课 by 为新任干部讲授): said
    before the act, the act once (blind read r47: never …，在…公布 or 讲授…（对象为…）); else ``""``."""
    m = _DOER_RE.match(piece)
    if m is None and (unit := _UNIT_DOER_RE.match(piece)) is not None and _same_act(unit["act"], row.label):
        # 厅法规处审核 beside 合法性审核: 由厅法规处… before the act (blind read r48: never …，厅法规处审核，)
        if (
            any(t.verb for t in tokens(unit["who"]))
            or _ADVERB_RE.match(unit["who"])
            or unit["who"][0] in "经均由"
        ):
            return ""  # 均经法律顾问审查: how it was checked, no doer (r52: never 由均经…)
        # a head acts himself (局长主持 → 局长主持…, said 本人… in his own report); a unit is 由…
        return unit["who"] if _HEAD_END_RE.search(unit["who"]) else f"由{unit['who']}"
    if (
        m is not None
        and m["prep"] in ("会同", "联合")
        and m["act"] in _HOLDING
        and not leading_verb(row.label)
    ):
        return f"{m['prep']}{m['who']}"  # 会同县文旅局开展 beside …执法检查: the partner before the act (r54)
    if m is None or not _same_act(m["act"], row.label) or any(t.verb for t in tokens(m["who"])):
        return ""
    opening = tokens(row.label)[:1]
    if m["prep"] != "由" and not (row.label.startswith(m["act"]) or (opening and opening[0].verb)):
        return ""  # 在…公布 beside 权责清单事项公布: no act opens the label to stand before
    return f"{m['prep']}{m['who']}{m['together'] or ''}"


#: one day of the year a campaign is held on (“12·4”国家宪法日, 宪法宣传日)
_DAY_RE = re.compile(r"日”?$")
#: a note listing examples of what the figure counts (道路运输经营许可、从业资格等; 民法典宣传月、“法律进乡村”等)
_EXAMPLES_RE = re.compile(r"^[^，,；;。\d]{2,40}[、和][^，,；;。\d]{2,40}等$")
#: the same, of fields (交通、医疗、金融等领域): what the figure spans
_FIELDS_RE = re.compile(
    r"^[^，,；;。\d]{2,40}[、和][^，,；;。\d]{2,40}等(?:领域|方面|行业|场景|类型|类别|区域)$"
)


#: a list of two or more named days, weeks or months of publicity (民法典宣传月、国家安全教育日、宪法宣传周)
_OCCASION = r"[“”\u4e00-\u9fff]{2,12}?(?:宣传月|宣传周|宣传日|教育日|活动月|活动周|纪念日|日|周|月)"
_OCCASIONS_RE = re.compile(rf"{_OCCASION}(?:、{_OCCASION})+等?")
#: the act a clerk wrote after an occasion (民法典宣传月集中宣传, 宪法宣传周活动)
_OCCASION_ACT_RE = re.compile(r"(?<=[月周日])(?:集中宣传|集中开展|宣传活动|活动|期间)$")
#: an item of a bare list a clerk wrote (宪法宣传周, “八五”普法, 义诊咨询): words, no figure, no clause
_BARE_ITEM_RE = re.compile(r"[\u4e00-\u9fff“”]{2,12}")


def _examples(piece: str, row: MetricRow) -> tuple[str, str] | None:
    """(kind, piece) of a note of examples: the themes of activities before the figure's clause (围绕…等主题),
    the kinds of anything else in brackets (含…等); ``None`` for any other note (r42: never a bare list)."""
    items = [
        _OCCASION_ACT_RE.sub("", i) for i in piece.split("、")
    ]  # 民法典宣传月集中宣传 → 民法典宣传月 (r64)
    if _OCCASIONS_RE.fullmatch("、".join(items)) and "、".join(items) != piece:
        piece = "、".join(items)
    if (
        len(items) >= 3
        and "等" not in piece
        and all(_BARE_ITEM_RE.fullmatch(i) for i in items)
        and not leading_verb(
            items[0]
        )  # 履行公众参与、专家论证…: the steps of an act, no list of examples (r64)
        and not items[0].startswith(("履行", "经过", "经"))
    ):
        # a bare list of three or more (宪法宣传周、民法典宣传月、“谁执法谁普法”; “八五”普法、义诊咨询、发放资料): said as
        # examples, its occasions as the days the work was done at (blind read r60: never pasted after the figure)
        occasions = sum(bool(re.fullmatch(_OCCASION, i)) for i in items)
        if occasions * 2 >= len(items):
            return "lead", f"结合{piece}等重要节点"
        if row.unit_class == "person_time":
            # the ways the people were reached (送法进村、送法进校园、送法进企业): how, before the count (blind read
            # r64: never 受众…，包括送法进村…)
            return "lead", f"通过{piece}等形式"
        return _examples(piece + "等", row)
    if piece.startswith("涉及") and _EXAMPLES_RE.match(piece[2:]):
        # the matters the figure touches, named by the clerk's own 涉及 (blind read r60: never 含涉及…)
        return "clause", piece
    if _FIELDS_RE.match(piece):
        return "clause", "涵盖" + piece  # …应用场景9个，涵盖交通、医疗、金融等领域 (r48: never a bare list)
    if _OCCASIONS_RE.fullmatch(piece):
        # the days and months of publicity the work was done at: before it (结合民法典宣传月、国家安全教育日、
        # 宪法宣传周等重要节点，全年…: r56, never a bare list after the figure)
        return "lead", f"结合{piece.removesuffix('等')}等重要节点"
    if not _EXAMPLES_RE.match(piece):
        return None
    if row.unit_class == "event":
        return "lead", f"围绕{piece}主题"
    return "bracket", "含" + piece


def _done_by(piece: str) -> str:
    """A note naming who does it, its verb last (恒信律师事务所律师担任, 由县委依法治县办牵头): said as
    （由…担任）, else ``""``."""
    if (
        not _DONE_BY_RE.search(piece)
        or re.search(r"[\d，,]", piece)
        or INCLUDES_RE.match(piece)
        or _ADVERB_RE.match(piece)
    ):
        # 已会同县林草局专项调处: done already, with others: a clause, never 由已会同… (blind read r51)
        # 含线上办理: what the figure holds, no doer (the matrix's lint act_again: never （由含线上办理）)
        return ""
    head = _DONE_BY_RE.sub("", piece).removeprefix("由")
    if "由" in head:  # 常年法律顾问由县内律师事务所担任: names its doer itself (tune read r45: never 由…由…)
        return piece if not any(t.verb for t in tokens(head.replace("由", "，"))) else ""
    return "由" + piece.removeprefix("由") if head and not any(t.verb for t in tokens(head)) else ""


#: a review's outcome named by one word, said in full
_OUTCOMES = {
    "维持": "经复议维持原行政行为",
    "均维持": "经复议均维持原行政行为",
    "撤销": "经复议撤销原行政行为",
    "变更": "经复议变更原行政行为",
    "确认违法": "经复议确认原行政行为违法",
    "驳回": "复议申请被驳回",
    "终止": "复议终止",
}
#: a score or a rank the body was given (执法质量考评得分, 考核等次): rated by others, never done by them
_RATED_RE = re.compile(r"得分|分数|评分|排名|名次|等次")
#: a note's act negated (不批准逮捕164人, 未予受理3件): its first two characters after the negation
_NEGATED_RE = re.compile(r"^(?:不予|不|未予|未|没有|非)(?P<act>[^\d，,]{2})")
#: a note naming a project or a plan the figure counts (集镇污水管网建设, 老旧小区改造工程): a name, in brackets (r52)
_WORK_NAME_RE = re.compile(r"^[^\d，,、；;。\s]{2,10}(?:建设|工程|项目|改造|规划|方案|计划)$")
#: how often it was done (每月1次, 每季度至少1次)
_EVERY_RE = re.compile(r"^(?:平均|至少)?每")  # 每村不少于5人 too: how they spread, no part (r52)
#: a short aside closing a note's clause (汇报1次（3月）)
_TRAILING_ASIDE_RE = re.compile(r"[（(][^（）()]{1,12}[）)]$")
#: a count at a note's end (移送纪检监察机关17件): its number and unit
_COUNT_END_RE = re.compile(r"(\d+(?:\.\d+)?)(?:余|多)?([^\d\s，,。；;、%％]{1,2})$")


def _a_part(piece: str, row: MetricRow) -> bool:
    """Whether a note clause counts a part of the row's own figure (线索23件, note 移送纪检监察机关17件): the
    same unit, no more than the whole, no rate; said after 其中 so it never reads as 17 more (r31). Parts
    that each count the same and together make the whole (3月和9月各召开1次 of 2次) are the whole itself."""
    piece = _TRAILING_ASIDE_RE.sub("", piece)  # 汇报1次（3月）: the count before its aside (r49)
    m = _COUNT_END_RE.search(piece)
    if m is None or row.number is None or piece.startswith(("其中", "含", "包括", "另", "此外")):
        # 另有旧存案件142件, 另委托副局长出庭1次: more beside the figure, no part of it (r47, r51)
        return False
    if (neg := _NEGATED_RE.match(piece)) and neg["act"] in row.label:
        return False  # 不批准逮捕164人 beside 批准逮捕287人: the rest of the decisions, no part (r51)
    if "率" in piece or _EVERY_RE.match(piece):
        return False  # 每月1次 beside 学法12次: how often, no part of them (r48: never 其中每月1次)
    if dated_note(row) and (toks := tokens(piece)) and toks[0].verb:
        return False  # 现行有效文件38件, note 废止5件: what was repealed is no part of what stands (r45)
    if (each := re.search(r"各[^，,、和及与\d]{0,6}$", piece[: m.start()])) is not None:
        items = len(re.split(r"[、和及与]", piece[: each.start()]))
        if items > 1 and abs(items * float(m.group(1)) - row.number) < 1e-9:
            return False  # 3月和9月各召开1次: all of it, said as it is (tune read r45: never 其中…各)
    return bool(row.unit) and m.group(2) == row.unit and float(m.group(1)) <= row.number


def is_name(piece: str) -> bool:
    """A note that only names something (梅岭村, 城关派出所): no verb and no clause mark in it."""
    return not any(t.verb for t in tokens(piece)) and not re.search(r"[，、均已全为由经]", piece)


def _figure_at(text: str, figure: str) -> int:
    """Where the figure stands alone in ``text`` (no digit before it), -1 when it does not; a figure said
    with another measure word (36人 said as 36名 before the people counted) is found by its number."""
    m = re.search(rf"(?<![\d.]){re.escape(figure)}", text)
    if m is None and (num := re.match(r"^约?(\d+(?:\.\d+)?(?:万|亿)?(?:余|多)?)", figure)):
        m = re.search(
            rf"(?<![\d.]){re.escape(num.group(1))}[\u4e00-\u9fff]{{1,2}}?(?=[\u4e00-\u9fff“（，。；]|$)", text
        )
    return m.end() if m else -1


def _clause_end(text: str, end: int) -> int:
    """The end of the clause holding the figure that ends at ``end`` (before its ，/。/；)."""
    stop = _BOUNDARY_RE.search(text, end)
    return stop.start() if stop else len(text)


def with_note(text: str, figure: str, row: MetricRow) -> str:
    """``text`` with the note of ``row`` written after its figure ``figure``; unchanged when the figure
    is not there or the note is said already."""
    pieces = [(k, left_to_say(p, text)) for k, p in note_pieces(row)]  # 局长亲自带队 said as 本人带队 (r35)
    sentence = _sentence_around(text, figure)
    # 已全部整改 beside 发现并整改问题86个: the act said again adds nothing (r53: never …整改问题86个，已全部整改)
    pieces = [(k, p) for k, p in pieces if p and not _done_again(p, sentence)]
    # 已覆盖全部乡镇 beside …覆盖12个乡镇: the whole is reached, said once (r56: never 覆盖…，已覆盖全部…)
    pieces = [
        (k, f"实现{m['what']}全覆盖") if (m := _COVERED_ALL_RE.match(p)) and "覆盖" in sentence else (k, p)
        for k, p in pieces
    ]
    end = _figure_at(text, figure)
    if not pieces or end < 0:
        return text
    stop = _SENTENCE_END_RE.search(text, end)
    if "其中" in text[end : stop.start() if stop else len(text)]:  # its 其中 rows are said: the note's part
        # (r32); a part that is a result (调解成功131件) is said as a clause before the 其中 rows, never inside
        # the comparison's bracket (r52: （较上年减少15件，含调解成功131件）)
        pieces = [
            (("clause", p[2:]) if any(t.verb for t in tokens(p[2:])) else ("bracket", "含" + p[2:]))
            if p.startswith("其中")
            else (k, p)
            for k, p in pieces
        ]
    doers = "".join(p for kind, p in pieces if kind == "doer")
    if doers:  # who did it, before its act: 全年由政治部组织干警参加… (r42)
        start = clause_start(text, end)
        year = re.match(r"(?:全年|年内|本年度)", text[start:])
        at = start + (year.end() if year else 0)
        text = f"{text[:at]}{doers}{text[at:]}"
        end += len(doers)
    leads = "，".join(p for kind, p in pieces if kind == "lead")
    if leads:  # before the figure's clause: 依托“无讼村居”创建行动，全年诉前调解… (blind read r38)
        start = clause_start(text, end)
        text = f"{text[:start]}{leads}，{text[start:]}"
        end += len(leads) + 1
    at_end = _clause_end(text, end)
    compared = text[at_end - 1 : at_end] == "）" and re.match(
        r"（(?:较上年|同比|与上年|上年)", text[text.rfind("（", 0, at_end) :]
    )
    if text.startswith("（", end) or compared:
        # a comparison's bracket holds short asides only (含线上, 截至…, a name): a note that says something
        # (均为…, 重点学习《…》) follows it (r45: never （较上年减少1件，均为…）), and so does a longer 含… (r49:
        # never （较上年增加1件，含县城公共供水价格调整方案）): 包括…; one with counts stays
        pieces = [
            ("clause", _included(p))
            if k == "bracket"
            and not (
                (INCLUDES_RE.match(p) and (len(p) <= 8 or re.search(r"\d", p)))
                or (is_name(p) and "《" not in p and not INCLUDES_RE.match(p) and not _acts(p))
            )
            else (k, p)
            for k, p in pieces
        ]
    brackets = "；".join(p for kind, p in pieces if kind == "bracket")
    clauses = "，".join(p for kind, p in pieces if kind == "clause")
    if brackets and re.match(r"[\u4e00-\u9fff“\d]", text[end : end + 1]):
        # the figure stands before the people or things it counts (组织36名党政主要负责人参加述法评议): the
        # bracket goes at the clause's end, into its comparison's bracket when it has one (blind read r34)
        at = _clause_end(text, end)
        if text[at - 1 : at] == "）":
            text = f"{text[: at - 1]}，{brackets.replace('；', '，')}{text[at - 1 :]}"
            end = at + len(brackets) + 1
        else:
            text = f"{text[:at]}（{brackets}）{text[at:]}"
            end = at + len(brackets) + 2
        brackets = ""
    if brackets and not text.startswith("（", end):
        text = f"{text[:end]}（{brackets}）{text[end:]}"
        end += len(brackets) + 2
    elif brackets and (close := text.find("）", end)) > 0:
        # one bracket, the comparison first (the audit reads it of the figure before it): …37件（较上年减少
        # 8件、同比下降17.8%，含矿产违法案件3件）; never a ；, which would end a sentence for the tidying
        text = f"{text[:close]}，{brackets.replace('；', '，')}{text[close:]}"
        end = close + len(brackets) + 1
    if not clauses:
        return text
    if text.startswith("（", end):  # the comparison stays with the figure: …31件（较上年…），按期办结率100%
        close = text.find("）", end)
        end = close + 1 if close >= 0 else end
    stop = _BOUNDARY_RE.search(text, end)
    at = stop.start() if stop else len(text)
    # a result of the whole goes before its 其中 parts, never read as the last part's (blind reads r33, r34:
    # …386件（…），调解成功率98.4%，其中物业纠纷97件); a count of another thing goes after them, never read
    # as their whole (r52: …23份合同…，提出修改意见41条，其中工程建设类合同9份)
    counted = _COUNT_END_RE.search(_TRAILING_ASIDE_RE.sub("", clauses))
    # …but a total the note says of the whole (罚没款合计31.6万元) stays before them (blind read r60: never read as
    # the last part's)
    # …and a count of the whole's own things (结案1241件 beside 受理…1264件) goes after them too, never read as the
    # whole the 其中 rows are of (blind read r61)
    counted = counted or re.search(r"\d+(?:\.\d+)?(?:万|亿)?[件个人次起项条份家户名宗场期]", clauses)
    if text.startswith("，其中", at) and counted and not re.search(r"合计|共计|总计|总额", clauses):
        stop = _SENTENCE_END_RE.search(text, at)
        at = stop.start() if stop else len(text)
    return f"{text[:at]}，{clauses}{text[at:]}"


#: a note that only says the act was done, all of it (已全部整改, 均已办结到位)
_DONE_AGAIN_RE = re.compile(r"^(?:已|均|均已)(?:全部)?(?P<act>[\u4e00-\u9fff]{2})(?:到位|完毕|完成)?$")


#: a note naming who gave an honour (市人民检察院通报, 省委依法治省办表彰)
AWARDED_BY_RE = re.compile(r"([^，,；;。\s\d]{2,20}?)(?:通报表扬|通报|表彰|命名|授予|评定)")
#: a note that the figure reached all there is (已覆盖全部乡镇, 覆盖全部村（社区）)
_COVERED_ALL_RE = re.compile(r"^(?:已|均已|均)?覆盖(?:全部|所有)(?P<what>[\u4e00-\u9fff（）()]{1,10})$")


def _done_again(piece: str, sentence: str) -> bool:
    """Whether a note says no more than that the sentence's own act was done in full (已全部整改 beside 发现
    并整改问题86个)."""
    m = _DONE_AGAIN_RE.match(piece)
    return m is not None and "并" + m["act"] in sentence


def _sentence_around(text: str, figure: str) -> str:
    """The sentence of ``text`` holding ``figure`` (all of it when the figure is not there)."""
    at = _figure_at(text, figure)
    if at < 0:
        return text
    start = max(text.rfind(c, 0, at) for c in "。！？") + 1
    stop = _SENTENCE_END_RE.search(text, at)
    return text[start : stop.start() if stop else len(text)]


def _acts(piece: str) -> bool:
    """Whether a short note says an act (县长带头领学): a clause of its own beside a comparison, no aside (r50)."""
    return any(t.verb for t in tokens(piece)) or bool(head_act_at(piece))


def _included(piece: str) -> str:
    """A 含… aside said as a clause of its own: 包括… (含县城公共供水价格调整方案 → 包括县城…方案)."""
    return re.sub(r"^(?:含|包含)", "包括", piece)


def clause_start(text: str, at: int) -> int:
    """Where the comma clause holding position ``at`` begins (after the last ，。；：！？,; before it, or 0)."""
    return max(text.rfind(c, 0, at) for c in "，。；：！？,;") + 1


def piece_said(piece: str, text: str) -> bool:
    """Whether a note's piece is in the text as written, as 本人 for the reporter's title (镇长出庭 → 本人
    出庭; 局长亲自带队 beside 本人带队…), or as 含… or a clause for a part beside its whole's 其中 rows (其中矿产违法
    案件3件 → 含矿产违法案件3件; 其中化解45起 → ，化解45起)."""
    forms = {piece, self_named(piece, None), self_named(piece, None).replace("亲自", "")}
    if piece.startswith("含"):
        forms.add("包括" + piece[1:])  # 含…等 said as a clause: 包括…等 (blind read r60: never listed unsaid)
    if piece.startswith("其中"):
        # …or as a clause of its own when it is a result (其中化解45起 → ，化解45起，: r52's rule)
        forms |= {"含" + piece[2:], "，" + piece[2:]}
    if (m := _COMPARED_NOTE_RE.match(piece)) and m["figure"] in text:
        return True  # 同比下降1.3个百分点 beside （较上年下降1.3个百分点） (blind read r55: never said twice)
    if (m := _COVERED_ALL_RE.match(piece)) and f"实现{m['what']}全覆盖" in text:
        return True  # 已覆盖全部乡镇, said as 实现乡镇全覆盖 (r56)
    if (m := AWARDED_BY_RE.fullmatch(piece)) and f"被{m[1]}评为" in text:
        return True  # 市人民检察院通报, said as 被市人民检察院评为… (r57)
    return any(f in text for f in forms)


#: a note that only compares the figure with last year's (同比上升4.9%, 较上年下降1.3个百分点)
_COMPARED_NOTE_RE = re.compile(
    r"^(?:同比|较上年|比上年|与上年相比)[，,]?(?:上升|下降|增长|减少|增加|提高|降低|回落|上涨|延长|缩短|压减|压缩|减少了|增加了)"
    r"(?P<figure>\d+(?:\.\d+)?(?:%|个百分点|[\u4e00-\u9fff]{1,2}))$"
)


def left_to_say(piece: str, text: str) -> str:
    """The clauses of a note's piece the text does not say yet (局长亲自带队，检查企业36家 beside 本人带队… →
    检查企业36家)."""
    return "，".join(c for c in piece.split("，") if c and not piece_said(c, text))


def unsaid_notes(rows: list[MetricRow], text: str) -> list[str]:
    """The notes of stated rows the text does not say (未使用的数据: the drafter adds them)."""
    out = []
    for given in rows:
        cause = note_cause(given)
        row = (
            without_cause(given, cause) if cause and cause in text else given
        )  # the cause said in its problem
        if not row.number or not _of_the_matter(row):
            continue
        pieces = note_pieces(row)
        if pieces and not any(left_to_say(p, text) for _, p in pieces):
            continue
        if not pieces and all(
            source_note(c.strip(" ，,")) or _RUN_SPAN_RE.fullmatch(c.strip(" ，,"))
            for c in re.split(r"[；;，,]", _of_the_matter(row))
            if c.strip()
        ):
            continue  # where the figure came from (县法律援助中心提供): provenance, no note left out (r54)
        out.append(f"{given.label} 备注：{(given.note or '').strip()}（备注未写入草稿，请核对后自行补充）")
    return out


#: a date the user's figure stands at (截至2024年12月31日, 截至2024年底)
_AS_OF_RE = re.compile(r"截至(?P<year>(?:19|20)\d{2})年[^，。；）)]{0,8}")
#: the marker after a figure dated before the report's year: the user checks which year it is of
STALE_DATE = "【待确认：截至日期早于报告年度】"


def flag_stale_dates(text: str, year: int | None, given: str) -> str:
    """``text`` with a 【待确认】 after each 截至 date of the user's own (``given``: their labels and notes)
    that falls before the report's year (截至2024年12月31日 in a 2026 report, blind read r36), after its
    bracket when it stands in one: the figure may be of another year, and the drafter must say so before
    anyone signs."""
    if not year:
        return text
    spots: set[int] = set()
    for m in _AS_OF_RE.finditer(text):
        if int(m["year"]) >= year or m.group(0) not in given:
            continue
        inside = text.rfind("（", 0, m.start()) > text.rfind("）", 0, m.start())
        close = text.find("）", m.end()) if inside else -1
        spots.add(close + 1 if close >= 0 else m.end())
    for at in sorted(spots, reverse=True):
        if not text.startswith(STALE_DATE, at):
            text = text[:at] + STALE_DATE + text[at:]
    return text
