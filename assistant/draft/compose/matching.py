"""Matching the user's rows to the metric slots of exemplar sentences: a score per pair, then a
one-to-one greedy assignment (unit classes must be compatible; compound values fill together).

A row fills a slot only when the slot counts the row's matter: the bigram overlap of the row's
label with the slot's object (or, weighed 0.6, with the slot's whole label) must reach
:data:`MATTER_MIN`, whatever the metric kinds say (接待群众来访 never fills 提供法律咨询*人次). The
threshold is measured on tests/data/slot_pairs.tsv (hand-labelled row label ↔ exemplar slot pairs
of the sample reports; see tests/test_slot_matching.py). A row whose label names its own subject
(县委常委会会议专题研究法治建设) fills a slot only where the sentence before the slot names it too.
"""

from __future__ import annotations

import re

from assistant.draft.compose.fill import Sentence, other_list, slot_object
from assistant.draft.compose.grammar import subject
from assistant.draft.compose.label_words import NEW_RE
from assistant.draft.compose.phrasing import companion, parent_of, part_of
from assistant.draft.tables.metrics import MetricRow, row_unit
from assistant.lang.similarity import bigrams, similarity
from assistant.lang.units import compatible
from assistant.lang.vocab import leading_verb
from assistant.types import Slot

#: Least overlap of a row's label with a slot's matter (:func:`matter`; 88.4 % accuracy on 186 pairs).
MATTER_MIN = 0.45
#: Least overlap of a row's own subject with the exemplar's words before the slot.
SUBJECT_MIN = 0.5

_EXCLUSIVE_OBJECTS = (
    "中心组",
    "常务会议",
    "常务会",
    "例会",
    "党组会",
    "党委会",
    "专题学习",
    "讲座",
    "培训",
    "考试",
    "户长会",
    "院坝会",
    "村民大会",
    "党员大会",
    "职工大会",
    "干部大会",
)


def matter(row: MetricRow, slot: Slot) -> float:
    """How far the slot counts the row's matter: bigram overlap of the label with the slot's object
    (or, weighed 0.6, with the slot's whole label), at most the share of the object's bigrams the
    label holds (a slot's qualifier the row lacks is another matter)."""
    obj = slot_object(slot)
    near = max(similarity(obj, row.label), 0.6 * similarity(slot.label, row.label))
    own = bigrams(obj)  # the slot's qualifiers are the row's too (务工人员法治宣传 is no 法治宣传进乡村)
    covered = len(own & bigrams(row.label)) / len(own) if own else near
    return min(near, covered)


#: verbs that only say an activity was held: one verb to the matching
_HELD = {"开展", "组织", "举办", "举行", "组织开展", "开展了", "组织开展了"}
#: a slot counting what has been built up (截至年底，已创建…; 累计…) takes no row of the year's new ones
_STOCK_RE = re.compile(r"截至|累计|已(?:创建|建成|建立|设立|培育|配备)|共有|现有|总数")


def _verb(label: str) -> str:
    """The verb a label opens with (排查化解矛盾纠纷 → 排查化解; 组织开展了… → 组织开展), ``""`` for none."""
    from assistant.draft.compose.label_words import tokens

    label = re.sub(r"^(?:全年|年内|共|累计)", "", label)
    verb = leading_verb(label).removesuffix("了")
    if verb:
        return verb
    run = ""
    for tok in tokens(label):
        if not tok.verb:
            break
        run += tok.word
    return run


def _at_end(slot: Slot, text: str) -> Slot:
    """The slot as if it stood at the end of ``text`` (its label just before it)."""
    import dataclasses

    return dataclasses.replace(slot, start=len(text), end=len(text))


def fits_clause(row: MetricRow, slot: Slot, before: str = "") -> bool:
    """Whether the exemplar's words around the slot say what the row counts: the same verb (排查化解 never
    fills 调解各类矛盾纠纷; the verbs of holding an activity are one), the year's new ones never fill a
    running total (新创建… never fills 截至年底，已创建…), and no count of two lists of activities at once
    (学法教育活动和…普法宣传活动46场次: blind read r21)."""
    label, there = row.label.strip(), (slot.label or "")
    clause = re.split(r"[。；！？]", before)[-1]  # the exemplar's sentence up to the slot
    bare = re.sub(r"《[^》]*》|“[^”]*”", "", there)  # 中华人民共和国 in a title joins no lists
    lists = bare.count("等") >= 2 and "和" in bare[bare.find("等") : bare.rfind("等")]
    if lists and other_list(before + there, _at_end(slot, before + there), []) is None:
        return False  # a count of two lists: filled only when the first can be cut (fill.other_list)
    if NEW_RE.match(label) and _STOCK_RE.search(clause + there):
        return False
    mine, theirs = _verb(re.sub(r"^新(?=[\u4e00-\u9fff]{2})", "", label)), _verb(there.removeprefix("已"))
    if mine and theirs and not ({mine, theirs} <= _HELD) and mine not in theirs and theirs not in mine:
        return False
    return True


_QUOTED_RE = re.compile(r"“([^“”]{1,12})”")


def names_another(label: str, sent: Sentence, slot: Slot) -> bool:
    """Whether filling the slot would lose a name the user's label gives in quotes (组织“八五”普法主题宣传活动
    into 组织开展了普法宣传活动*场，深入推进“八五”普法, then said as the year's plan): the user's campaign or
    plan is said in the user's words, by a sentence of its own (blind read r36)."""
    clause = re.split(r"[。；！？，]", sent.text[: slot.start])[-1] + (slot.label or "")
    return any(q not in clause for q in _QUOTED_RE.findall(label))


def match_score(row: MetricRow, slot: Slot, section_text: str = "", *, reach: bool = False) -> float | None:
    """How well a user row fits a slot; ``None`` when the unit classes are incompatible.

    Args:
        row: the user's metric.
        slot: a metric slot of an exemplar sentence.
        section_text: headings of the section the sentence came from.
        reach: the row is the reach of an activity that fills the slot next to this one (普法覆盖
            人次 beside 普法宣传活动*场次): the activity's matter stands for it.

    Returns:
        +3 for the same metric kind, +2×label overlap, +1 for a section match; None if incompatible.
    """
    if slot.role == "ordinal" or not compatible(slot.unit, row_unit(row)):
        return None
    own = {w for w in _EXCLUSIVE_OBJECTS if w in row.label}
    other = {w for w in _EXCLUSIVE_OBJECTS if w in (slot.label or "")}
    if own and other and not own & other:
        return None  # 常务会议学法 never fills 例会学习: the counted thing differs
    fit = 1.0 if reach else matter(row, slot)
    if fit < MATTER_MIN:
        return None  # another activity counted in the same unit
    score = 0.0
    if row.kind and slot.kind == row.kind:
        score += 3.0
    # the counted object weighs most: in 学法、警示教育等…普法宣传活动46场次 the count is of 普法宣传活动
    score += 2.0 * fit
    if row.section and row.section in section_text:
        score += 1.0
    return score


def assign_rows(
    rows: list[MetricRow],
    sentences: list[Sentence],
    section_text: str = "",
    threshold: float = 2.0,
) -> dict[tuple[int, int], MetricRow]:
    """One-to-one assignment of user rows to metric slots, greedy by score.

    Args:
        rows: the user's rows for this section.
        sentences: candidate exemplar sentences.
        section_text: the section's heading and keywords.
        threshold: the least score that counts as a match.

    Returns:
        (sentence index, slot index) → row.
    """
    raw: list[tuple[float, int, int, int]] = []
    whole = {id(p) for row in rows if (p := parent_of(row, rows)) is not None}
    for r, row in enumerate(rows):
        if row.number == 0:
            continue  # "0件" is never written: a zero becomes a claim sentence to confirm
        if part_of(row) or id(row) in whole:
            continue  # a row and its 其中… part make one sentence of their own (blind read r21)
        for s, sent in enumerate(sentences):
            for k, slot in enumerate(sent.slots):
                if slot.slot_type != "metric":
                    continue
                if not carries_subject(row, sent.text[: slot.start]):
                    continue
                if not fits_clause(row, slot, sent.text[: slot.start]) or names_another(
                    row.label, sent, slot
                ):
                    continue
                reach = any(
                    companion(a, row, rows) is not None
                    and any(
                        matter(a, prev) >= MATTER_MIN
                        for prev in sent.slots[:k]
                        if prev.slot_type == "metric" and compatible(prev.unit, row_unit(a))
                    )
                    for a in rows
                    if a is not row
                )
                score = match_score(row, slot, section_text + " ".join(sent.section), reach=reach)
                if score is not None and score >= threshold:
                    raw.append((score + 0.1 * sent.score, r, s, k))
    fillable: dict[tuple[int, int], set[int]] = {}
    for _score, r, s, k in raw:
        fillable.setdefault((s, k), set()).add(r)
    pairs = []
    for score, r, s, k in raw:
        # compound values (*场*万余人次): prefer the sentence where the partner slot can be filled too
        partners = _partners(sentences[s].slots, k)
        if any(fillable.get((s, p), set()) - {r} for p in partners):
            score += 1.5
        pairs.append((score, r, s, k))
    pairs.sort(key=lambda p: -p[0])
    used_rows: set[int] = set()
    used_slots: set[tuple[int, int]] = set()
    result: dict[tuple[int, int], MetricRow] = {}
    for _score, r, s, k in pairs:
        if r in used_rows or (s, k) in used_slots:
            continue
        used_rows.add(r)
        used_slots.add((s, k))
        result[(s, k)] = rows[r]
    return _keep_pairs_together(result, rows)


def _keep_pairs_together(
    result: dict[tuple[int, int], MetricRow], rows: list[MetricRow]
) -> dict[tuple[int, int], MetricRow]:
    """An activity and its reach (普法宣传活动 23场次 + 普法覆盖 5600人次) fill one sentence or none: an
    activity whose reach has no slot beside it is written with its reach in a sentence of their own."""
    where = {id(row): s for (s, _k), row in result.items()}
    drop: set[int] = set()
    for row in rows:
        for other in rows:
            if other is row or companion(row, other, rows) is None:
                continue
            if id(row) in where or id(other) in where:
                if where.get(id(row)) != where.get(id(other)):
                    drop |= {id(row), id(other)}
    return {key: row for key, row in result.items() if id(row) not in drop}


def _partners(slots: list[Slot], k: int) -> list[int]:
    """Indexes of the slots written right next to slot ``k`` (a compound value such as 3场200人次)."""
    out = []
    for j, other in enumerate(slots):
        if (
            j != k
            and other.slot_type == "metric"
            and (other.start == slots[k].end or slots[k].start == other.end)
        ):
            out.append(j)
    return out


def carries_subject(row: MetricRow, before: str) -> bool:
    """Whether the words of an exemplar before a slot name the subject of the row's label (县委常委会
    会议 of 县委常委会会议专题研究法治建设); a label without a subject of its own fits anywhere."""
    own = subject(row.label, row.unit)
    return not own or similarity(own, before) >= SUBJECT_MIN
