"""The lints over a whole drafted report (its parts, its rows, its body) and across drafts.

The per-sentence lints and :class:`~assistant.draft.lint.Defect` are in :mod:`assistant.draft.lint`,
which lists every lint and re-exports these names (``lint.draft_lints``, ``lint.fit`` …).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.draft.lint import Defect, _normal, _plain, sentences, text_lints
from assistant.lang.markers import MARKER_RE

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
    from assistant.draft.compose.phrasing import SET_ASIDE_NOTE, blank_marker

    body = "".join(texts)
    out = []
    for row in rows:
        entry = next((u for u in unused if u.startswith(f"{row.label} ") and " 备注：" not in u), None)
        if entry is None or entry.endswith(SET_ASIDE_NOTE):
            continue  # a row set aside is never written: a figure alike is another's (off_genre finds it written)
        value = re.escape(str(row.value).rstrip("%"))
        if not value:  # a row without its 数值: stated when its marker stands in the text
            if blank_marker(row) in body:
                out.append(Defect("stated_unused", entry, row.label))
        elif row.number == 0:  # a zero is said by its label (未发生…), a stray 0 elsewhere is no sign of it
            if row.label.strip() in body:
                out.append(Defect("stated_unused", entry, row.label))
        elif re.search(rf"(?<![\d.]){value}(?![\d])", body):
            out.append(Defect("stated_unused", entry, row.label))
    return out


def note_lost(texts: list[str], unused: list[str], rows: Iterable) -> list[Defect]:
    """A row's 备注 of a result or detail (按期办结率100%, 含线上) neither said beside its figure nor listed
    as 未使用的数据 (blind read r29: the results dropped)."""
    from assistant.draft.compose.notes import left_to_say, note_pieces

    body = "".join(texts)
    out = []
    for row in rows:
        pieces = note_pieces(row)
        if (
            pieces
            and any(left_to_say(p, body) for _, p in pieces)
            and not any(u.startswith(f"{row.label} ") for u in unused)
        ):
            out.append(Defect("note_lost", row.note or "", row.label))
    return out


#: a table's 其中 or its colon left in the prose (全年无其中：败诉; blind read r29)
_RAW_PART_RE = re.compile(r"(?:无|未|开展|办理|全年)其中|其中[：:]")


def raw_part(texts: list[str]) -> list[Defect]:
    """A 其中… row's marker printed as words of a sentence (全年无其中：败诉)."""
    return [Defect("raw_part", t, "其中") for t in texts if _RAW_PART_RE.search(t)]


def worsened(row, body=None, rows=None) -> bool:
    """Whether a row's figure got worse against last year for the body (``compose.problems.worsened``)."""
    from assistant.draft.compose.problems import worsened as direction

    return direction(row, body, rows) is not None


def _named(row) -> str:
    from assistant.draft.compose.problems import _named as named

    return named(row)


def _cause(row) -> str:
    """What the row's note gives as its cause, in the words a problem says it (主要受A、B影响 holds each)."""
    from assistant.draft.compose.notes import cause_core, note_cause

    return cause_core(note_cause(row))


def worsened_silent(problems: str, rows: Iterable, body=None) -> list[Defect]:
    """Figures that worsened against last year but which the 问题 part does not name."""
    out = []
    rows = list(rows)
    for row in rows:
        cause = _cause(row)
        if worsened(row, body, rows) and not (
            row.label in problems and ("原因" in problems or (cause and cause in problems))
        ):
            out.append(Defect("worsened_silent", f"{row.label} {row.value}（上年{row.last}）", row.label))
    return out


_JUDGED_RE = re.compile(r"较上年(?:有所)?(?:上升|下降|增加|减少|提高|降低)(?!\d)")


def judged_neutral(problems: str, rows: Iterable, body=None) -> list[Defect]:
    """Figures the 问题 part names as a change (…较上年上升) that did not move against a direction
    clear for the body: a neutral one (罚没款, a court's 收案) or one that got better."""
    out = []
    rows = list(rows)
    for sent in sentences(problems):
        if not _JUDGED_RE.search(sent):
            continue
        for row in rows:
            said = row.label and (row.label in sent or _named(row) in sent)
            if said and getattr(row, "last", None) and not worsened(row, body, rows):
                out.append(Defect("judged_neutral", sent, row.label))
    return out


def belied(problems: str, rows: Iterable, body=None) -> list[Defect]:
    """问题 sentences of a matter the user's figures show got better (不少纠纷争议在信访途径循环 beside 信访事项
    34 → 21: blind read r39)."""
    from assistant.draft.compose.problems import belied_by_gain

    rows = list(rows)
    return [Defect("belied", sent) for sent in sentences(problems) if belied_by_gain(sent, rows, body)]


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


def self_title(texts: Iterable[str], post: str | None) -> list[Defect]:
    """The reporter naming himself by his title before an act of his (镇长出庭1次, 全年检察长列席…) in his
    own 述法报告, where he is 本人 (blind read r31)."""
    from assistant.draft.compose.grammar import self_named

    return [
        Defect("self_title", sent, post or "职务")
        for text in texts
        for sent in sentences(text)
        if self_named(sent, post) != sent
    ]


#: a sentence or a clause after 。/； opening with a chair's act and no one to chair (全年主持召开局党组会议…)
_UNIT_CHAIR_RE = re.compile(r"(?:^|[。；;])\s*(?:全年|年内)?主持(?!人)")
#: a person named earlier in the paragraph, who may go on as its subject
_CHAIR_PERSON_RE = re.compile(r"负责同志|负责人|书记|[局院厅处庭部办]长|[县市区乡镇省州旗]长|主任|本人")


def unit_chair(texts: Iterable[str]) -> list[Defect]:
    """A chair's act with no one to do it in a unit's own report (全年主持召开局党组会议专题研究…4次 in a
    工作总结): a unit holds its meetings, only a person chairs one (blind read r67)."""
    out = []
    for text in texts:
        for sent in sentences(text):
            # a paragraph whose subject is the head (县政府主要负责同志切实履行…。主持召开…) goes on with him
            if _UNIT_CHAIR_RE.search(sent) and not _CHAIR_PERSON_RE.search(text[: text.find(sent)]):
                out.append(Defect("unit_chair", sent, "主持"))
    return out


def unowned_honour(texts: Iterable[str]) -> list[Defect]:
    """A unit's honour with no winner in a head's own report (连续4年获评全县法治建设考核优秀等次 after
    本人主持…): read as the head's own (blind read r67)."""
    from assistant.draft.compose.sections import PERSONAL_HONOUR_RE, UNOWNED_HONOUR_RE

    return [
        Defect("unowned_honour", sent, "获评")
        for text in texts
        for sent in sentences(text)
        if UNOWNED_HONOUR_RE.match(sent.strip()) and not PERSONAL_HONOUR_RE.search(sent.partition("，")[0])
    ]


def zero_doubted(texts: Iterable[str], rows: Iterable) -> list[Defect]:
    """A 【待确认】 on a sentence that says a row of the user's own 0 (全年未发生行政复议案件): the table gave
    the fact, there is nothing to confirm (blind read r31)."""
    from assistant.draft.compose.phrasing import is_stated
    from assistant.lang.markers import CONFIRM

    zeros = [r for r in rows if r.number == 0]
    return [
        Defect("zero_doubted", sent, row.label)
        for text in texts
        for sent in sentences(text)
        if CONFIRM in sent
        for row in zeros
        if is_stated(row, sent)
    ]


#: a stock said twice or given a verb of work (全省共有法院现有…, 聘请园区现有…, 现有…持证上岗: r36)
_GARBLED_STOCK_RE = re.compile(
    r"(?:现有|共有)[^，。；（]{0,12}(?:现有|共有)|(?:聘请|配备|开展|办理|组织)[^，。；]{0,4}现有|现有[^，。；]{0,8}(?:上岗|入驻)"
)
#: 无 fused with the next word into another (全年无法官… reads 无法: r36)
_FUSED_NONE_RE = re.compile(r"全年无(?:法|论|关|效|疑|非|数|人)")
#: a note naming cases pasted after a figure as a bare noun (…1次，某房屋征收补偿行政诉讼案。: r36)
_BARE_CASES_RE = re.compile(
    r"[次件]（[^（）]*），(?!涉及|其中|含|均|为|分别)[^，。；（]{2,30}?案(?:件)?(?:各\d+件)?。"
)


#: a campaign, a means or the people counted pasted after a figure as a bare clause (…2846件，“矛盾纠纷大排查
#: 大化解”专项行动，…; …46名党政主要负责人年度述法，区直部门和镇（街道）党政主要负责人。: r38)
_BARE_CAMPAIGN_RE = re.compile(
    r"\d[^，。；\d]{0,14}(?:（[^（）]*(?:（[^（）]*）[^（）]*)*）)?，"
    r"(?:“[^”]{2,30}”[^，。；“”]{0,8}(?:行动|活动|整治|治理|攻坚|创建|专项)(?:中发现)?"
    r"|(?:[区县市省]直|各|[镇乡村]|街道|社区|[\u4e00-\u9fff]{0,4}(?:部门|单位|机关))[^，。；\d“”]{0,30}?"
    r"(?:负责人|干部|人员))[，。]"
)
#: 涉及 before a clause that names no case (涉及均经…备案, 涉及其中…: r45), 开展 before an act on activities
#: (开展审批大型宗教活动: r45)
_STRAY_LINK_RE = re.compile(
    r"涉及(?:均|已|其中|全部|经(?![营济费])|\d{1,2}月)|开展(?:审批|审核|核准|批准|备案|登记|查处|取缔)[^，。；]{0,8}活动"
)
#: a label's word left in the frame (进行经合法性审查, 对…进行草案起草, 全年无规范性文件制定: r49)
_FRAME_LEFT_RE = re.compile(r"进行经|进行草案|全年无[^，。；（]{2,12}(?:制定|起草|修订|清理)(?=[（。，；])")
#: a space between two clauses in the prose (…86.4万元 均已执行到位: a clerk's note pasted as written, r50)
_SPACED_RE = re.compile(r"[\u4e00-\u9fff\d%％）][ \u3000]+(?:[\u4e00-\u9fff“（]|\d{1,4}[年月])")
#: a bracket inside a comparison's (（较上年增加1次，含…1次（3月））: r49)
_NESTED_BRACKET_RE = re.compile(r"（(?:较上年|同比|与上年)[^（）]*（")
#: how often said as a part (其中每月1次: r48)
_PART_EVERY_RE = re.compile(r"其中(?:平均|至少)?每")
#: a second 其中 in the next clause (…1次，其中…2次: r48)
_QIZHONG_TWICE_RE = re.compile(r"其中[^，。；（）]{1,30}\d[^，。；（）]{0,4}，其中")
#: where a figure came from, pasted into the prose (…637起，由县公安局提供; 以…系统当日数据为准: r51)
_SOURCE_LEFT_RE = re.compile(
    r"(?:^|[，；（])(?:由|据)[^，。；（）]{2,20}(?:提供|报送)(?=[，。；）]|$)|以[^，。；]{2,24}(?:数据|统计|台账)为准|数据来源"
    # …or the office that kept it, without 由 (（财务处提供）: r52)
    r"|[，（][^，。；（）\d]{2,12}(?:处|科|股|室|中心|局)(?:提供|报送)(?=[，。；）])"
    # …or that counted it (（审判管理办公室统计）, 综合法务部统计, 市司法局汇总: r54, r55)
    r"|[，（；][^，。；（）\d]{2,14}(?:处|科|股|室|中心|局|(?<!全)部|办)(?:统计|汇总)(?=[，。；）])"
    # …or a committee, a unit or a group that kept or counted it (调委会汇总, 法律顾问单位提供, 纪检监察组提供: r56)
    r"|[，（；][^，。；（）]{2,24}(?:委员会|调委会|单位|组)(?:提供|统计|汇总)(?=[，。；）])"
)
#: a comparison said again by the note after its bracket (（较上年下降1.3个百分点），同比下降1.3个百分点: r55)
_COMPARED_TWICE_RE = re.compile(
    r"（较上年(?:增加|减少|提高|下降|上升|增长|降低)(?P<fig>\d+(?:\.\d+)?(?:%|个百分点|[\u4e00-\u9fff]))[^）]*）"
    r"[^。]{0,3}(?:同比|较上年|比上年)(?:增加|减少|提高|下降|上升|增长|降低)(?P=fig)"
)
#: a rate's own count pasted after it as what it touched (…应诉率达100%，涉及全年审理…: r55); words a clerk listed
#: with spaces split over a bracket and clauses (…5项（专家论证；风险评估），均履行公众参与，合法性审查: r55); an
#: honour with no subject counted after it (连续3年获评…示范校共11所: r55); a coverage said as a value
#: (…覆盖全市公办中小学为100%: r55)
_NOTE_SPLIT_RE = re.compile(
    r"[%％]，涉及全年|（[\u4e00-\u9fff]{2,8}；[\u4e00-\u9fff]{2,8}）|^(?:全年)?(?:连续\d+年)?(?:获评|荣获|被评为)[^，。]{2,30}共\d"
    r"|覆盖[^，。；]{2,16}为\d+(?:\.\d+)?[%％]"
    # a list's matters counted by 项 said as handled (办理政务服务一网通办事项1873项: r54)
    r"|办理[^，。；]{0,30}?事项\d+项"
    # …an act of a note read as what the figure touched (涉及讨论决定…案件47件: r55)
    r"|涉及(?:讨论|研究|审议|审理|办理|审查|审核|调处|化解|开展|组织|决定)"
    # …a review's outcome read as the means (通过区政府复议维持原行政行为…: r56), a whole reached said after its
    # count (覆盖12个乡镇，已覆盖全部乡镇: r56), days of publicity left a bare list, people of misconduct as a stock
    r"|通过[^，。；]{0,12}复议(?:维持|撤销|变更|确认)|覆盖[^。；]{0,20}，已覆盖全部"
    r"|(?:宣传月|宣传周|教育日)、[^，。；]*(?:宣传月|宣传周|教育日)(?:。|$)|现有[^，。；]{0,12}(?:违纪|违法|处分|问责)"
    # …a zero said as a count beside the note that says why (提出刑事抗诉0件（经审查未发现…）: r57), documents a
    # note listed left bare after the figure (…2项，《…》，《…》: r57), a manner read as the object (审核…专项1240卷)
    r"|(?<![\d.])0(?:件|次|项|起|个|份)（[^）]*(?:未|无|没有)|[，。]《[^》]+》[，、]《|专项\d+(?:\.\d+)?[卷件份个]"
    # …the area of whose people moved before 组织 (全年全市组织…), a rank read as another thing's (…中3年等次被评为),
    # the line the cases came by left after them (…218件，“12350”热线受理。: r58)
    r"|^全年全[省市县区]组织|中\d+年等次|热线(?:受理|接收)(?:。|$)"
    # …and a bracket a ； left open (（专家论证；风险评估）: the sentence ends inside it)
    r"|（[^）（]*$"
)
#: a past report's account of what it had built, told as done, without a figure of the user's (建立健全了普法、
#: 学法制度…: r49, r51, r52)
_TOLD_DONE_RE = re.compile(
    r"^[^\d【]*(?:建立健全|建立|健全|完善|制定|出台|成立|设立|组建|修订|印发)了[^\d【]*$"
)
#: a ratio, a concentration or an index said as a total (“案-件比”共…, PM2.5年均浓度共…: r51)
_LEVEL_TOTAL_RE = re.compile(r"(?:比|比值|浓度|指数|均值|平均值|系数)”?共")
#: a complement or an addition read as a part (其中不批准逮捕164人, 其中另委托…: r51)
_REST_AS_PART_RE = re.compile(r"其中(?:另|此外|不予?(?=批准|受理|起诉|立案|逮捕|采纳|支持))")
#: two verbs of holding stacked (召开主持局党组会议, 主持召开主持…: r51)
_VERBS_STACKED_RE = re.compile(r"召开主持|主持召开主持|召开召开|开展召开|召开开展|举办召开")
#: a routine, a partner or a doer pasted raw after the figure (“领导干部接访日”每月开展。, …，与州委党校联合举办。,
#: 由已会同…: r51)
_NOTE_RAW_RE = re.compile(
    r"[”\u4e00-\u9fff]每(?:月|周|季度?)(?:开展|召开|举办)[。；]"
    r"|，与[^，。；]{2,16}(?:联合|共同)(?:举办|开展|组织)[。；]"
    r"|由(?:已|均|经|正在|将)"
    # …or a review's outcome left one word (…1件，维持。: r53)
    r"|，(?:维持|撤销|驳回|终止|变更)[。；]"
)
#: a unit of the body made the act's object (进行法制大队审核: r53), a score grown by a percentage (得分…同比增长),
#: an act said done again (发现并整改问题86个，已全部整改), a zero and its note saying it again (0人（全年未发生…）)
_FRAME_R53_RE = re.compile(
    r"进行[^，。；]{0,6}(?:大队|中队|支队|科|股|处|室)(?:审核|审查|评查)"
    r"|\d分（较上年[^）]*同比(?:增长|下降|上升)"
    r"|并(?P<act>[\u4e00-\u9fff]{2})[^。；]{0,16}，(?:已|均)(?:全部)?(?P=act)"
    r"|(?<![\d.])0[^\d，。；（）]{0,3}（(?:全年|本年度|年内)?(?:均)?(?:未|无)"
)
#: how the figure is counted left a bare clause (…6412人，省、市、县三级合计，: r48)
_BARE_COUNTED_RE = re.compile(r"\d[^，。；（）\d]{0,3}，[^，。；（）\d]{2,16}(?:合计|总计|汇总)[，。；]")
#: a unit that undertook or ran the work said before a clause of its own (由县法学会承办，全年举办…): the clause
#: after it has lost its subject (blind read r47); 由…牵头，… is the idiom
_LEAD_NO_SUBJECT_RE = re.compile(r"(?:^|[，；：])由[^，。；]{2,30}?(?:承办|主办|负责|组织实施)，")
#: a note after the figure saying again the act of its clause (公布…312项（在县政府门户网站公布）, 报送备案…12件，
#: 向市政府备案: blind read r47): where, to whom or by whom goes before the act, said once
_ACT_AGAIN_RE = re.compile(
    r"(?P<act>[\u4e00-\u9fff]{2})[^，。；（]*?\d[^，。；]*?[（，](?:由|在|向|为)[^，。；（）]{2,30}?(?P=act)[）。；，]"
)
#: 全年 before a figure its note dates (全年…在库涉案财物1562件（截至11月底）: r37, r38)
_ANNUAL_STOCK_RE = re.compile(r"全年[^，。；]{0,40}?\d[^，。；（]{0,6}（[^（）]*截[至止]")


def blank_lost(texts: list[str], unused: list[str], rows: Iterable) -> list[Defect]:
    """A row listed without its 数值 (a figure still to come) neither shown as a 【待补充】 marker nor listed as
    未使用的数据 (r38: the clerk's own reminder lost)."""
    from assistant.draft.compose.phrasing import blank_marker
    from assistant.draft.tables.metrics import is_blank

    body = "".join(texts)
    return [
        Defect("blank_lost", row.label, row.note or "")
        for row in rows
        if is_blank(row)
        and blank_marker(row) not in body
        and not any(u.startswith(f"{row.label} ") or u == row.label for u in unused)
    ]


def confirm_left(texts: Iterable[str]) -> list[Defect]:
    """A 【待确认】 in a draft made from the user's table: another body's claim (每年开展一次…, 全覆盖) kept
    with a marker where its clause should have gone (blind reads r32–r44, tune read r45)."""
    from assistant.lang.markers import CONFIRM

    return [
        Defect("confirm_left", sent, CONFIRM) for text in texts for sent in sentences(text) if CONFIRM in sent
    ]


def date_lost(texts: list[str], rows: Iterable) -> list[Defect]:
    """A stock the user dated (截至11月底, in its note or label) said in a sentence that names no date, or
    as the year's work (全年县级储备粮实物库存2.15万吨: tune read r45)."""
    from assistant.draft.compose.notes import dated_note
    from assistant.draft.compose.phrasing import render_value

    dated = [(row.label, render_value(row, None)) for row in rows if row.number and dated_note(row)]
    if not dated:
        return []
    out = []
    for sent in (s for text in texts for s in sentences(text)):
        for label, value in dated:
            if value not in sent or not any(label[i : i + 4] in sent for i in range(max(1, len(label) - 3))):
                continue
            if "截至" not in sent and "截止" not in sent or sent.startswith("全年"):
                out.append(Defect("date_lost", sent, label))
    return out


#: a quoted name right before a figure (已创建“法治示范社区”3个)
_NAMED_FIGURE_RE = re.compile(r"“([^“”]{2,16})”(?:共|达|共计)?(\d[\d.]*)")


def renamed(texts: Iterable[str], rows: Iterable) -> list[Defect]:
    """A user's figure counted under a quoted name that no label of the user's names (申报市级“法治示范社区”
    9个 for the user's 市级以上民主法治示范村（社区）: r38, r39): another body's or a narrower name."""
    rows = list(rows)
    labels = " ".join(re.sub(r"[“”\"]", "", r.label) for r in rows)
    values = {str(r.value).strip() for r in rows if r.value}
    return [
        Defect("renamed", sent, m.group(0))
        for text in texts
        for sent in sentences(text)
        for m in _NAMED_FIGURE_RE.finditer(sent)
        if m.group(1) not in labels and any(v.startswith(m.group(2)) for v in values)
    ]


def garbled_frame(texts: Iterable[str], org: str | None = None) -> list[Defect]:
    """Frames of a figure the blind read r36 found pasted together: a stock said twice or given a verb of
    work, 无 read as another word, a note of cases left a bare noun, and the body naming itself in full in
    its own prose (钧陵省高级人民法院立案一庭获评…: 我院立案一庭)."""
    out = []
    for text in texts:
        for sent in sentences(text):
            for name, pattern in (
                ("garbled_stock", _GARBLED_STOCK_RE),
                ("fused_none", _FUSED_NONE_RE),
                ("bare_note", _BARE_CASES_RE),
                ("bare_note", _BARE_CAMPAIGN_RE),
                ("annual_stock", _ANNUAL_STOCK_RE),
                ("stray_link", _STRAY_LINK_RE),
                ("lead_no_subject", _LEAD_NO_SUBJECT_RE),
                ("act_again", _ACT_AGAIN_RE),
                ("part_every", _PART_EVERY_RE),
                ("frame_left", _FRAME_LEFT_RE),
                ("nested_bracket", _NESTED_BRACKET_RE),
                ("note_space", _SPACED_RE),
                ("qizhong_twice", _QIZHONG_TWICE_RE),
                ("bare_note", _BARE_COUNTED_RE),
                ("source_left", _SOURCE_LEFT_RE),
                ("compared_twice", _COMPARED_TWICE_RE),
                ("note_split", _NOTE_SPLIT_RE),
                ("level_total", _LEVEL_TOTAL_RE),
                ("rest_as_part", _REST_AS_PART_RE),
                ("verbs_stacked", _VERBS_STACKED_RE),
                ("note_raw", _NOTE_RAW_RE),
                ("told_done", _TOLD_DONE_RE),
                ("frame_left", _FRAME_R53_RE),
            ):
                if found := pattern.search(sent):
                    out.append(Defect(name, sent, found.group(0)))
            # …a document's title quoted whole is no self-naming (《栖梧县卫生健康局…工作要点》: blind read r60)
            if org and len(org) >= 4 and org in re.sub(r"《[^》]*》", "", sent):
                out.append(Defect("own_name", sent, org))
    return out


def off_genre(texts: list[str], rows: Iterable, genre: str) -> list[Defect]:
    """A figure the genre sets aside (一般公共预算收入 in a 法治 report) written into the draft."""
    from assistant.draft.outline.genres import get_genre

    kind = get_genre(genre)
    body = "".join(texts)
    return [
        Defect("off_genre", row.label, row.value)
        for row in rows
        if row.number and kind.sets_aside(row.label, row.note) and row.label in body
    ]


def winner_lost(texts: list[str], rows: Iterable) -> list[Defect]:
    """An honour whose 备注 names its winner (石桥村) written with the body as the winner (本镇获评…示范村)."""
    from assistant.draft.compose.notes import is_name, zero_note
    from assistant.draft.compose.phrasing import single_honour

    body = "".join(texts)
    out = []
    for row in rows:
        note = zero_note(row) if single_honour(row) else ""
        if note and is_name(note) and re.search(r"(?:村|社区|所|队|站|庭|中心|学校|街道|镇|乡)$", note):
            if note not in body and row.label.strip()[-6:] in body:
                out.append(Defect("winner_lost", row.label, note))
    return out


def draft_lints(draft, rows: list, post: str | None = None) -> list[Defect]:
    """Every single-draft lint over a drafted report (refusal and ``same_parts`` are the caller's);
    ``post``: the reporter's post, for the head's own report."""
    from assistant.draft.outline.genres import get_genre
    from assistant.draft.report import iter_texts

    texts = [t for _w, t in iter_texts(draft)]
    prose = [draft.opening] + [p.text for sd in draft.sections for p in sd.paragraphs] + [draft.closing]
    from assistant.draft.compose.notes import self_referred
    from assistant.lang.bodies import detect_body

    body = detect_body(draft.org) if draft.org else None
    if body is not None:  # the rows as the draft reads them: the body's own name said as it says itself
        rows = [self_referred(r, draft.org, body.role("pronoun")) for r in rows]
    out = text_lints(texts, [r.label for r in rows], prose)
    out += [Defect("voice", f.text, f.reason) for f in draft.voice]
    out += generic_leader(p.text for sd in draft.sections for p in sd.paragraphs)
    out += stated_unused(texts, draft.unused, rows)
    out += note_lost(texts, draft.unused, rows)
    out += blank_lost(texts, draft.unused, rows)
    out += date_lost(texts, rows)
    out += confirm_left(texts)
    out += raw_part(texts)
    out += zero_doubted(texts, rows)
    out += off_genre(texts, rows, draft.genre)
    out += winner_lost(texts, rows)
    out += renamed(texts, rows)
    out += garbled_frame([p.text for sd in draft.sections for p in sd.paragraphs], draft.org)
    if get_genre(draft.genre).voice == "本人":
        out += self_title(texts, post)
        out += unowned_honour(texts)
    else:
        out += unit_chair(texts)
    problems = part_text(draft, "problems")
    out += worsened_silent(problems, rows, body)
    out += judged_neutral(problems, rows, body)
    out += belied(problems, rows, body)
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
