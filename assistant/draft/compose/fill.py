"""Fill exemplar sentences with the user's own facts (docs/slots.md).

A past report's sentence is reused for its phrasing only. Every metric slot in it is filled from
the user's table or turned into a visible ``【待补充：…】`` marker that keeps the 量词; masked names
become the user's organisation; another body's claims (未发生…/全覆盖) lose their clause; a sentence that still
carries a number or a place name the user did not give is dropped. Nothing here imports a model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.draft.audit.guard import AllowedFacts, audit
from assistant.draft.compose.grammar import opening_verbs, tokens
from assistant.draft.compose.names import name_replacement, resolve_masked_organs
from assistant.draft.compose.notes import clause_start
from assistant.draft.compose.phrasing import link_compounds, render_value, shown_suffix
from assistant.draft.compose.profile import Profile
from assistant.draft.tables.metrics import MetricRow
from assistant.ingest.chunking import split_sentences
from assistant.ingest.slots import find_slots
from assistant.lang.markers import MARKER_RE, has_marker, missing
from assistant.lang.numbering import NUMBERING_RE
from assistant.lang.periods import current_periods
from assistant.lang.units import (
    unit_class,
)
from assistant.lang.vocab import leading_verb
from assistant.types import Slot

ENUM_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|第[一二三四五六七八九十]+)[，,、]?"
)
ITEM_START_RE = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+是|\d+[.．])")
YEAR_RE = re.compile(r"(?<![\d—－\-~～])(?:19|20)\d\d(?=年)(?!年\d)")
SELF_REF_RE = re.compile(r"我(?:乡|镇|县|区|市|局|办|委|院|所|街道|单位)")
_SUFFIX_UNITS = ("街道", "局", "办", "委", "院", "所", "乡", "镇", "县", "区", "市", "厅", "部", "司", "中心")
UNIT_NOUN = {  # what a missing figure of each unit class is called in its marker
    "event": "次数",
    "person": "人数",
    "person_time": "人次",
    "case": "件数",
    "item": "数量",
    "hour": "学时",
    "money": "金额",
    "rate": "",
}


@dataclass
class Sentence:
    """One exemplar sentence and where it came from."""

    text: str
    doc: str
    section: list[str]
    score: float = 0.0
    order: int = 0
    slots: list[Slot] = field(default_factory=list)
    item_start: bool = False  # opened with 一是/（一） in the source
    title: str = ""  # the source document's title

    def metric_slots(self) -> list[Slot]:
        return [s for s in self.slots if s.slot_type == "metric" and s.role != "ordinal"]


def line_sentences(text: str) -> list[str]:
    """Sentences of a passage, line by line (the chunker's splitter: end marks and closing quotes kept)."""
    return [s.strip() for line in text.splitlines() for s in split_sentences(line) if s.strip()]


def strip_enumeration(text: str) -> str:
    """Drop a leading 一是/首先 so sentences from different reports can be recombined."""
    return ENUM_RE.sub("", text, count=1).strip()


def is_heading_like(text: str) -> bool:
    """A sentence that opens with heading numbering (a run-in heading sentence)."""
    return bool(NUMBERING_RE.match(text))


_LAST_VERB_RE = re.compile(
    r".*(?:听取|开展|组织|召开|举办|发放|聘请|培养|建立|建成|组建|配备|梳理|受理|调解|化解|接待|提供|制定|播放|覆盖|走访|审查|办理)"
)


def slot_object(slot: Slot) -> str:
    """What a slot counts, short: 党委会定期听取人大、政府工作汇报 → 人大、政府工作汇报."""
    label = re.sub(r"《[^》]*》", "", slot.label or "").rstrip("等及和与、，")
    verb = leading_verb(label)
    rest = label[len(verb) :] if verb and len(label) > len(verb) + 1 else label
    if len(rest) > 10:
        tail = _LAST_VERB_RE.sub("", rest)
        rest = tail if len(tail) >= 2 else rest
    if "等" in rest:
        head, tail = rest.rsplit("等", 1)
        rest = tail if len(tail) >= 2 else head
    rest = re.sub(r"^(?:形式|方式|及|和|与|对|等|的)+", "", rest[-12:])
    return rest


def marker_for(slot: Slot) -> str:
    """The missing-value marker for a metric slot, keeping the 量词: 【待补充：普法宣传次数】次."""
    obj = re.sub(r"[*×“”\"]", "", slot_object(slot)).strip("、，") or "数据"
    noun = UNIT_NOUN.get(slot.unit_class or unit_class(slot.unit) or "", "数量")
    if noun and obj.endswith(noun[:1]):
        noun = ""
    unit = slot.unit or ""
    if unit == "%":
        return missing(obj, "%")
    return missing(obj + noun, unit)


GRADE_RE = re.compile(r"国家级|省级|市级|州级|县级|区级|全国|全省|全市")


def _foreign_grade(text: str, start: int, row: MetricRow) -> list[tuple[int, int, str]]:
    """Deletions of a grade the user did not state (已创建省级“法治示范社区”3个 for the user's 3个)."""
    clause = clause_start(text, start)
    return [
        (clause + m.start(), clause + m.end(), "")
        for m in GRADE_RE.finditer(text[clause:start])
        if m.group(0) not in row.label
    ]


#: a quoted name counted right before a slot (已创建“法治示范社区”*个; a grade before it goes by _foreign_grade)
_QUOTED_BEFORE_RE = re.compile(r"“([^“”]{2,16})”$")


#: acts any work is said with: they name no act of their own
_PLAIN_ACTS = frozenset(
    {"开展", "组织", "举办", "进行", "完成", "实现", "办理", "实施", "推进", "落实", "加强", "建立"}
)


def _unquoted(label: str) -> str:
    """A label without its quote marks (“法律明白人”培训 → 法律明白人培训)."""
    return re.sub(r"[“”\"]", "", label)


def _verb_and_noun(label: str) -> tuple[str, str]:
    """(the verbs a label opens with, the rest): 创建民主法治示范村 → (创建, 民主法治示范村); ("", label) for a noun."""
    verb = opening_verbs(label)
    return verb, label[len(verb) :] if verb else label


def _acts_said(clause: str, label: str) -> bool:
    """Whether the clause of a slot says one of the acts the user's label names, when it names any
    (矛盾纠纷排查化解 in 全年调解各类矛盾纠纷*件: no, its figure counts another act)."""
    acts = [
        t.word
        for t in tokens(_unquoted(label))
        if (t.verb or t.tag == "v") and len(t.word) >= 2 and t.word not in _PLAIN_ACTS
    ]
    return not acts or any(a in clause for a in acts)


def _narrowed(text: str, start: int, row: MetricRow, obj: str) -> list[tuple[int, int, str]]:
    """The exemplar's word for the counted thing replaced by the user's of the same head (发放资料*份 for the
    user's 发放劳动法律法规宣传资料: 发放劳动法律法规宣传资料*份, blind read r40; 开展普法宣传活动*场次 for 交通
    法治宣传活动, r42), when the sentence says the same act before it."""
    verb, noun = _verb_and_noun(row.label.strip())
    if (
        len(obj) < 2
        or not text[:start].endswith(obj)
        or noun == obj
        # the same head: 普法宣传活动 → 交通法治宣传活动 (r42), 资料 → …宣传资料 (r40)
        or noun[-2:] != obj[-2:]
        or (obj in noun and not noun.endswith(obj))
        or len(noun) > 20
        or noun in text
        or re.search(r"[，,；;“”（）()]", noun)
    ):
        return []
    at = start - len(obj)
    extra = noun[: -len(obj)] if noun.endswith(obj) else noun
    if (verb and not text[:at].endswith(verb)) or _SCOPE_WORDS_RE.search(extra):
        return []  # 全系统现有法律顾问: a stock's scope, no qualifier of the thing (matter: garbled_stock)
    return [(at, start, noun)]


#: words of a label's scope or standing, not of what it counts (全系统现有法律顾问, 新增, 其中, 累计)
_SCOPE_WORDS_RE = re.compile(r"全|现有|共有|已有|累计|系统|本级|其中|新增|新|各级|年度|全年")


def renamed_object(text: str, start: int, row: MetricRow, obj: str = "") -> list[tuple[int, int, str]] | None:
    """The exemplar's own name of the counted thing replaced by the user's label (已创建“法治示范社区”*个 for
    the user's 创建民主法治示范村（社区）: 已创建民主法治示范村（社区）*个), and another clause of the sentence
    naming it cut (坚持把…与“法治示范社区”创建相结合，): the figure is counted under the user's name, never a
    narrower or another body's one, and the name is said once (blind reads r38, r39; matrix: echo).
    ``[]`` when the name is the user's; ``None`` when the label's own act is not the sentence's (the row is
    said in a sentence of its own)."""
    clause = clause_start(text, start)
    if not _acts_said(text[clause:start], row.label):
        return None  # 调解各类矛盾纠纷*件 for the user's 矛盾纠纷排查化解: another act (r42)
    m = _QUOTED_BEFORE_RE.search(text[clause:start])
    if m is None:
        return _narrowed(text, start, row, obj)
    name = m.group(1)
    label = _unquoted(row.label)
    if name in label:
        return []
    verb, noun = _verb_and_noun(label)
    at = clause + m.start()
    lead = re.sub(f"(?:{GRADE_RE.pattern})+$", "", text[:at])
    if len(noun) > 20 or (verb and not lead.endswith(verb)) or re.search(r"[，,；;]", noun):
        return None
    edits = [(at, at + len(name) + 2, noun)]
    for x in re.finditer(f"“{re.escape(name)}”", text):
        if x.start() == at:
            continue
        first = clause_start(text, x.start())  # said again elsewhere: its clause goes (the name once)
        last = min((i for i in (text.find(c, x.end()) for c in "，；。") if i >= 0), default=len(text))
        if first <= start <= last:
            return None
        edits.append((first, last + 1 if text[last : last + 1] == "，" else last, ""))
    return edits


def _foreign_examples(
    text: str, start: int, row: MetricRow, others: list[Slot]
) -> list[tuple[int, int, str]]:
    """Deletion of the examples an exemplar names before 等 in the clause of a filled slot when the user's
    label names none of them (发放[防范电信诈骗宣传手册等]宣传资料 for the user's 发放宣传资料; 开展
    [“法治进村”“送法入户”等]普法宣传 for 普法宣传活动): they are another body's facts (blind read r25)."""
    clause = clause_start(text, start)
    head = text[clause:start]
    at = head.rfind("等")
    if at < 0:
        return []
    verb = _LAST_VERB_RE.match(head[:at])
    if verb is None or verb.end() >= at:
        return []
    examples = head[verb.end() : at]
    tail = head[at + 1 :]
    if (
        not 2 <= len(examples) <= 30
        or len(tail) < 2
        or any(clause + verb.end() <= o.start < clause + at for o in others)
    ):
        return []
    items = [re.sub(r"[“”\"《》]", "", x) for x in re.split(r"[、和及与]|”“", examples)]
    if any(x[i : i + 4] in row.label for x in items for i in range(max(1, len(x) - 3))):
        return []  # the user's label names one (防范电信诈骗宣传资料: its topic)
    return [(clause + verb.end(), clause + at + 1, "")]


#: quoted names given as examples before 等 (开展“法治进村”“送法入户”等普法宣传): another body's own
#: activities, said as this body's (blind read r25: invented activity names)
NAMED_EXAMPLES_RE = re.compile(r"(?:“[^”“]{2,14}”[、和及与]?){1,5}等(?=[\u4e00-\u9fff]{2})")


def drop_named_examples(text: str, rows: list[MetricRow] | None = None) -> str:
    """``text`` without quoted example names the user's own labels do not name (开展“法治进村”“送法入户”等
    普法宣传 → 开展普法宣传)."""
    labels = " ".join(r.label for r in rows or [])

    def keep(m: re.Match[str]) -> str:
        names = re.findall(r"“([^”]+)”", m.group(0))
        return m.group(0) if any(n in labels for n in names) else ""

    return TITLE_LIST_RE.sub(lambda m: _titles_kept(m, labels), NAMED_EXAMPLES_RE.sub(keep, text))


#: a list of documents studied (集中学习《习近平法治思想学习纲要》《中国共产党政法工作条例》《…反有组织犯罪
#: 法》等): which laws a body studied is its own fact
TITLE_LIST_RE = re.compile(r"(?:《[^《》]{2,40}》[、和及与]?){2,8}(?=等)")
#: the texts every body studies, whoever's report names them
COMMON_TITLES = (
    "宪法",
    "中华人民共和国宪法",
    "习近平法治思想学习纲要",
    "民法典",
    "中华人民共和国民法典",
    "党章",
    "中国共产党章程",
)


def _titles_kept(m: re.Match[str], labels: str) -> str:
    """The titles of a studied list that any body studies or the user names; the others were another body's
    (blind read r36: 《中华人民共和国反有组织犯罪法》 in a court's study, from another unit's report)."""
    titles = re.findall(r"《([^《》]+)》", m.group(0))
    kept = [t for t in titles if t in COMMON_TITLES or t in labels]
    return "".join(f"《{t}》" for t in kept) or "《宪法》"  # none left: the one every body studies


def _replace_spans(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each edit applied; an edit overlapping one already applied is left out (two
    deletions over one span would cut the text apart)."""
    limit = len(text) + 1
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        if end > limit:
            continue
        text = text[:start] + new + text[end:]
        limit = start
    return text


def other_list(text: str, slot: Slot, others: list[Slot]) -> tuple[int, int] | None:
    """The span of a first list of activities the slot's count also covers (组织开展了[在线学法、警示教育等
    学法教育活动和]“法治进村”等普法宣传活动46场次): a row of the last list alone fills the slot only with
    it cut out (blind read r21). ``None`` when the slot counts one list, or the span holds another slot."""
    label = slot.label or ""
    bare = re.sub(r"《[^》]*》|“[^”]*”", "", label)
    if bare.count("等") < 2 or "和" not in bare[bare.find("等") : bare.rfind("等")]:
        return None
    at = text.rfind(label, 0, slot.start + 1)
    join = label.rfind("和")
    verb = re.match(r"^(?:全年|年内)?(?:组织开展了?|开展了?|组织了?|举办了?)", label)
    if at < 0 or not verb or "等" not in label[verb.end() : join]:
        return None
    start, end = at + verb.end(), at + join + 1
    if any(start <= o.start < end for o in others):
        return None
    return start, end


def year_inside(text: str, year: int | None) -> str:
    """The report's own year opening a clause inside a sentence is 全年 (以“调解便民”促和谐，2025年，调解… →
    …促和谐，全年调解…: blind read r13); a sentence that opens with it keeps it."""
    if not year:
        return text
    return re.sub(rf"(?<=[，；]){year}年(?:以来|度|内)?，", "全年", text)


def render_sentence(
    sentence: Sentence,
    fills: dict[int, MetricRow],
    profile: Profile,
    allowed: AllowedFacts,
    topic: str | None = None,
) -> str | None:
    """Rewrite one exemplar sentence with the user's facts.

    Args:
        sentence: the exemplar sentence with its slots (offsets into ``sentence.text``).
        fills: slot index (into ``sentence.slots``) → the user row that fills it.
        profile: organisation, place and year of the user.
        allowed: the facts the audit accepts.
        topic: the section's matter; a long sentence cut short keeps the clauses that speak of it.

    Returns:
        The rewritten sentence, or ``None`` when it cannot be made clean (a foreign number or place).
    """
    edits: list[tuple[int, int, str]] = []
    for i, slot in enumerate(sentence.slots):
        if slot.slot_type == "metric":
            if slot.role == "ordinal":
                return None
            row = fills.get(i)
            value = (
                render_value(row, slot.unit)
                + (shown_suffix(row, profile.body) if slot.role != "scope" else "")
                if row
                else marker_for(slot)
            )
            edits.append((slot.start, slot.end, value))
            if row is not None:
                renamed = renamed_object(sentence.text, slot.start, row, slot_object(slot))
                if renamed is None:
                    return None
                edits.extend(renamed)
                edits.extend(_foreign_grade(sentence.text, slot.start, row))
                others = [o for o in sentence.slots if o is not slot]
                if (cut := other_list(sentence.text, slot, others)) is not None:
                    edits.append((cut[0], cut[1], ""))  # its quoted examples go after (drop_named_examples)
                else:
                    edits.extend(_foreign_examples(sentence.text, slot.start, row, others))
        elif slot.slot_type == "name":
            replacement = name_replacement(slot, sentence.text, profile)
            if replacement is None:
                return None
            edits.append((slot.start, slot.end, replacement))
        elif slot.slot_type == "claim":
            # another body's claim (未发生…, 全覆盖, 每年开展一次…) is no fact of the user's: its clause goes
            # (blind reads r32–r44 and tune read r45 marked every 【待确认】 left in the prose)
            edits.append((slot.start, slot.end, ""))
    text = resolve_masked_organs(_replace_spans(sentence.text, edits), profile)
    if any(s.slot_type == "claim" for s in sentence.slots):
        text = _without_empty_clauses(text)
        if len(re.findall(r"[\u4e00-\u9fff]", text)) < 8:
            return None
    text = drop_named_examples(text, profile.rows)
    text = strip_enumeration(text)
    if not fills:
        text = shorten(text, topic)
    text = current_periods(replace_years(text, profile.year), profile.year)
    if text is None:
        return None
    text = year_inside(text, profile.year)
    if any(render_value(row, sentence.slots[i].unit) not in text for i, row in fills.items()):
        return None  # a clause of an ended period held the user's figure: the row gets its own sentence
    if not fills and (text.count("【待补充") > 1 or "名称】" in text or "上级机关】" in text):
        return None
    if fills:
        text = link_compounds(trim_unfilled(text))
        text = shorten_filled(text, [render_value(row, sentence.slots[i].unit) for i, row in fills.items()])
        if BARE_RATE_RE.search(text):
            return None  # 以“调解便民”促和谐，成功率96.4%: the count that said whose rate it is was cut (r22, r23)
    text = text.replace("##paidbegin##", "").replace("##paidend##", "")
    if profile.body is not None and profile.body.kind:
        from assistant.draft.voice.adapt import adapt, contradicts

        adapted = adapt(text, profile.body)
        if adapted is None or contradicts(adapted, profile.rows):
            return None
        text = adapted
    if profile.voice != "本人":  # a report in the body's name: no leader's own 本人 or 带头
        if "本人" in text:
            return None
        text = PERSONAL_OWN_RE.sub("", text)  # 个人办公用房: a person's, in a report in the body's name (r44)
        text = re.sub(r"^带头(学习)?", lambda m: "加强学习" if m.group(1) else "", text)
    else:
        text = SELF_REF_RE.sub(profile.self_ref(), text)
    if not text or audit(text, allowed):
        return None
    return text


def _without_empty_clauses(text: str) -> str:
    """``text`` with the marks left where a clause was cut (，，  ，。  a leading ，)."""
    text = re.sub(r"[，,、]+(?=[，,。；！？])", "", text)
    text = re.sub(r"(?<=[。；！？])[，,、]+", "", text)
    return text.lstrip("，,、 ")


#: what one person holds for himself (个人办公用房, 个人用车): in a report in the body's name, the body's
PERSONAL_OWN_RE = re.compile(r"个人(?=办公用房|用车|住房标准)")


#: A reused sentence this long, of this many comma clauses, strings several matters together (选聘法律
#: 顾问…，加强…培训，以案释法，引导干部…，防范法律风险): blind readers marked such sentences too long to
#: stand in rounds r16–r17. It keeps its leading clauses.
LONG_CHARS, LONG_CLAUSES, KEPT_CLAUSES = 75, 5, 2
#: at most this many clauses are kept to reach the section's matter (bigram overlap ``TOPIC_MIN``)
TOPIC_CLAUSES, TOPIC_MIN = 4, 0.12


def _clauses(text: str) -> list[str]:
    """Comma clauses of a sentence, each with its closing comma, never split inside “”《》（）."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "“《（(":
            depth += 1
        elif ch in "”》）)":
            depth = max(0, depth - 1)
        elif ch == "，" and depth == 0:
            out.append(text[start : i + 1])
            start = i + 1
    out.append(text[start:])
    return [c for c in out if c]


def shorten(text: str, topic: str | None = None) -> str:
    """A reused sentence of ``LONG_CLAUSES`` clauses or more and over ``LONG_CHARS`` characters, cut to
    its first ``KEPT_CLAUSES`` (more while they are short); a sentence whose later clauses ask for the
    body's facts (【…】) stays whole. It holds none of the user's figures (a sentence they fill is
    never cut). Given the section's ``topic``, it keeps up to ``TOPIC_CLAUSES`` clauses while the kept
    ones do not yet speak of it (建立健全了普法、学法制度，机关每年开展一次法律知识考试 says nothing of
    普法宣传 until its next clause)."""
    body = text.rstrip("。；！？")
    end = text[len(body) :] or "。"
    parts = _clauses(body)
    if len(body) <= LONG_CHARS or len(parts) < LONG_CLAUSES:
        return text
    keep = KEPT_CLAUSES
    while keep < len(parts) - 1 and len("".join(parts[:keep])) < 20:
        keep += 1
    if topic:
        from assistant.lang.similarity import similarity

        while (
            keep < min(TOPIC_CLAUSES, len(parts) - 1) and similarity("".join(parts[:keep]), topic) < TOPIC_MIN
        ):
            keep += 1
    dropped = "".join(parts[keep:])
    if "【" in dropped:
        return text
    return "".join(parts[:keep]).rstrip("，") + end


#: a filled sentence of this many clauses or more strings several matters around the user's figure
FILLED_LONG_CLAUSES = 6
#: a closing clause of purpose (引导群众自觉学法…) this short stays after the figure
PURPOSE_RE = re.compile(r"^(?:引导|推动|营造|提升|增强|确保|切实|进一步|为)")


def shorten_filled(text: str, values: list[str]) -> str:
    """A long sentence the user's figures fill (blind read r25: eight clauses around 发放宣传资料5800份),
    cut to its first clause, the clauses holding a figure or a marker, and a short closing clause of
    purpose; a shorter one stays whole."""
    body = text.rstrip("。；！？")
    end = text[len(body) :] or "。"
    parts = _clauses(body)
    if len(body) <= LONG_CHARS or len(parts) < FILLED_LONG_CLAUSES:
        return text
    last = len(parts) - 1
    kept = [
        p
        for i, p in enumerate(parts)
        if i == 0
        or any(v and v in p for v in values)
        or "【" in p
        or (i == last and PURPOSE_RE.match(p) and len(p) <= 24)
    ]
    return "".join(kept).rstrip("，") + end


def replace_years(text: str, year: int | None) -> str:
    """Every year outside a 《》 title becomes the user's report year (or a marker)."""

    def sub(m: re.Match[str]) -> str:
        opened = text.rfind("《", 0, m.start())
        if opened != -1 and text.rfind("》", 0, m.start()) < opened:
            return m.group(0)
        return str(year) if year else missing("年度")

    return YEAR_RE.sub(sub, text)


def _split_top(text: str, seps: str) -> list[str]:
    """Split after each separator in ``seps`` that is not inside quotes or 《》."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "“《（(【":
            depth += 1
        elif ch in "”》）)】":
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            parts.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        parts.append(text[start:])
    return parts


#: a rate that opens a clause after one without a figure (促和谐，成功率96.4%): its subject is gone
BARE_RATE_RE = re.compile(r"(?:^|[，；])[^，；\d]*[^\d，；]，(?:[\u4e00-\u9fff]{1,3}率)(?:为|达)?\d")


def trim_unfilled(text: str) -> str:
    """Drop the clauses and 、-items that only carry missing-value markers.

    Used when a sentence carries some of the user's figures next to figures the user did not
    give: ``开展业务培训【待补充】场、普法宣传23场`` → ``开展普法宣传23场``. Phrasing clauses stay.
    """
    kept: list[str] = []
    for clause in _split_top(text, "，；"):
        if not has_marker(clause):
            kept.append(clause)
            continue
        items = _split_top(clause, "、")
        good = [it for it in items if re.search(r"\d", MARKER_RE.sub("", it))]
        if not good:
            continue
        first_verb = leading_verb(items[0])
        if items[0] not in good and first_verb and not leading_verb(good[0]):
            good[0] = first_verb + good[0]
        piece = "".join(good)
        if piece.endswith("、"):
            piece = piece[:-1] + (clause[-1] if clause[-1] in "，；。！？" else "")
        kept.append(piece)
    while kept and len(kept[-1].strip("，；。")) <= 5:
        kept.pop()
    out = "".join(kept).strip("，、；")
    return out if len(out) >= 8 else ""


def sentences_from_text(
    text: str, doc: str, section: list[str], score: float = 0.0, *, items: bool = False, title: str = ""
) -> list[Sentence]:
    """Exemplar sentences of a passage, each with its own slots.

    Args:
        text: the passage.
        doc: its document id.
        section: its heading path.
        score: relevance given to every sentence.
        items: keep numbered sentences as list items (problems/plans): the leading （一）/一是/1. is
            removed and ``item_start`` set; otherwise heading-like, lead-in and short sentences are skipped.
        title: the document's title, carried into each sentence's provenance.

    Returns:
        The sentences in passage order (``order`` counts every sentence of the passage).
    """
    out = []
    for order, raw in enumerate(line_sentences(text)):
        sent, item_start = raw, False
        if items:
            sent = ITEM_START_RE.sub("", raw).lstrip("，、 ")
            item_start = sent != raw
        elif len(raw) < 8 or is_heading_like(raw) or raw.endswith(("：", ":")):
            continue
        out.append(
            Sentence(
                text=sent,
                doc=doc,
                section=section,
                score=score,
                order=order,
                slots=find_slots(sent),
                item_start=item_start,
                title=title,
            )
        )
    return out
