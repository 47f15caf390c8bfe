"""This year's report from last year's own report (``assistant draft --base FILE``).

The base report's headings and paragraphs are kept in order. Each metric slot takes this year's
value of its row of the figures table (exact label first: a table made by ``assistant metrics``
round-trips; then the usual unit and label rules for a hand-made table); a slot whose row has no
数值 shows ``【待补充：…】``, never last year's figure. With 上年数值 the value is followed by a
comparison computed by code (``（较上年增加3次、同比增长37.5%）``). Years move by one report year,
masked names and numbers never survive, claims get ``【待确认】``, the problems and plans are kept
with ``【待确认】`` for review, and rows the base has no slot for get sentences of their own in
the closest section. Every figure still goes through the number audit before export.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from assistant.draft.audit.guard import AllowedFacts, guard_text
from assistant.draft.base.reader import BaseLine, BaseReport, BaseReportError, BaseSlot, read_base
from assistant.draft.compose.fill import UNIT_NOUN
from assistant.draft.compose.phrasing import own_sentence, render_value
from assistant.draft.outline.genres import PLAN_WORDS, PROBLEM_WORDS, get_genre
from assistant.draft.tables.compare import comparison_for
from assistant.draft.tables.metrics import MetricRow, row_unit
from assistant.ingest.slots import find_place_names
from assistant.lang.bodies import detect_body
from assistant.lang.similarity import similarity
from assistant.lang.units import compatible
from assistant.settings import Settings
from assistant.types import Draft, Paragraph, SectionDraft, Slot

YEAR_RE = re.compile(r"(?<![\d—－\-~～.])((?:19|20)\d\d)(?=年)")
_REVIEW = "【待确认】"
_NOUN_TAIL_RE = re.compile(r"(?P<noun>[\u4e00-\u9fff]{1,4})(?=[，。；、,;]|$)")


def check_rows(rows: list[MetricRow], source: str = "指标表") -> None:
    """Refuse duplicate 指标 labels (each must name one slot).

    Raises:
        BaseReportError: naming both rows.
    """
    seen: dict[str, int] = {}
    errors = []
    for row in rows:
        key = row.label.strip()
        if key in seen:
            errors.append(f"第{row.row}行：指标“{key}”与第{seen[key]}行重复（每个指标只能出现一次）")
        else:
            seen[key] = row.row
    if errors:
        raise BaseReportError(f"{source}有误：\n" + "\n".join(errors))


def check_genre(base: BaseReport, genre: str | None) -> str:
    """The genre to draft in: ``--genre`` if given (it must agree with the base), else the base's.

    Raises:
        BaseReportError: the base is of another known genre, or neither gives one.
    """
    known = None
    if base.genre:
        try:
            known = get_genre(base.genre).name
        except KeyError:
            known = None
    if genre:
        wanted = get_genre(genre).name
        if known and known != wanted:
            raise BaseReportError(
                f"底稿“{base.path.name}”是{known}，与所选文种“{wanted}”不符；请改选文种或换一份底稿"
            )
        return wanted
    if known:
        return known
    raise BaseReportError(f"无法判断底稿“{base.path.name}”的文种，请用 --genre 指定")


def _score(row: MetricRow, bs: BaseSlot) -> float | None:
    if not compatible(bs.unit, row_unit(row)):
        return None
    score = 2.0 * max(similarity(row.label, bs.label), 0.6 * similarity(row.label, bs.slot.label))
    if row.kind and row.kind == bs.slot.kind:
        score += 3.0
    if row.section and (row.section in bs.section or bs.section in row.section):
        score += 1.0
    return score


def match_rows(
    rows: list[MetricRow], base: BaseReport, threshold: float = 2.0
) -> tuple[dict[int, MetricRow], list[MetricRow]]:
    """Assign rows to the base's slots one-to-one: exact label first, then best score over the threshold.

    Returns:
        (slot number in ``base.slots`` → row, rows that match no slot).
    """
    fills: dict[int, MetricRow] = {}
    by_label: dict[str, list[int]] = {}
    for i, bs in enumerate(base.slots):
        by_label.setdefault(bs.label, []).append(i)
    rest: list[MetricRow] = []
    for row in rows:
        cands = [i for i in by_label.get(row.label.strip(), []) if i not in fills]
        if row.section and len(cands) > 1:
            cands = [i for i in cands if base.slots[i].section == row.section] or cands
        if cands:
            fills[cands[0]] = row
        else:
            rest.append(row)
    pairs = sorted(
        (
            (s, r, i)
            for r, row in enumerate(rest)
            for i, bs in enumerate(base.slots)
            if i not in fills and (s := _score(row, bs)) is not None and s >= threshold
        ),
        key=lambda p: -p[0],
    )
    taken: set[int] = set()
    for _s, r, i in pairs:
        if r in taken or i in fills:
            continue
        fills[i] = rest[r]
        taken.add(r)
    return fills, [row for r, row in enumerate(rest) if r not in taken]


def shift_years(text: str, delta: int) -> str:
    """Every year outside a 《》 title moves by ``delta`` (2023年度 → 2024年度)."""
    if not delta:
        return text

    def sub(m: re.Match[str]) -> str:
        opened = text.rfind("《", 0, m.start())
        if opened != -1 and text.rfind("》", 0, m.start()) < opened:
            return m.group(0)
        return str(int(m.group(1)) + delta)

    return YEAR_RE.sub(sub, text)


def _marker(bs: BaseSlot) -> str:
    from assistant.lang.units import unit_class

    noun = UNIT_NOUN.get(unit_class(bs.unit) or "", "数量")
    if noun and bs.label.endswith((noun, noun[:1])):
        noun = ""
    return f"【待补充：{bs.label}{noun}】{bs.unit or ''}"


def _name(slot: Slot, text: str, org: str | None, place: str | None) -> tuple[str, int]:
    """(replacement, end of the replaced span) for a name slot; masks never survive."""
    if not slot.masked:
        return slot.surface, slot.end
    superior = re.match(
        r"(?:县|市|区|州|省)?(?:（区）)?(?:党工委|党委|政府|人大|委)", text[slot.end : slot.end + 8]
    )
    if superior or re.search(r"(?:党工委|党委|政府|人大|委)$", slot.surface):
        return "【待补充：上级机关】", slot.end + (superior.end() if superior else 0)
    if text[slot.end : slot.end + 1] in ("县", "区", "市", "镇", "乡", "省") and place:
        return place.rstrip("县区市镇乡省"), slot.end
    return org or place or "【待补充：单位名称】", slot.end


def render_line(
    line: BaseLine,
    fills: dict[int, tuple[BaseSlot, MetricRow | None]],
    org: str | None,
    place: str | None,
    compare: bool,
) -> str:
    """One base line with this year's facts: values (and comparisons), markers, names, claims."""
    edits: list[tuple[int, int, str]] = []
    for i, slot in enumerate(line.slots):
        if slot.slot_type == "metric" and i in fills:
            bs, row = fills[i]
            if row is None or not row.value:
                edits.append((slot.start, slot.end, _marker(bs)))
                continue
            edits.append((slot.start, slot.end, render_value(row, slot.unit)))
            who = detect_body(org) if org else None  # the words follow the indicator's direction for it
            cmp = comparison_for(row, who) if compare and slot.role != "scope" else None
            if cmp:  # after the counted noun when it closes the clause: 覆盖1200名群众（较上年…）
                tail = _NOUN_TAIL_RE.match(line.text, slot.end)
                at = tail.end("noun") if tail else slot.end
                edits.append((at, at, f"（{cmp.text}）"))
        elif slot.slot_type == "metric" and slot.masked:  # a masked ordinal (第*轮)
            edits.append((slot.start, slot.end, f"【待补充：序号】{slot.unit or ''}"))
        elif slot.slot_type == "name":
            new, end = _name(slot, line.text, org, place)
            edits.append((slot.start, end, new))
        elif slot.slot_type == "claim":
            edits.append((slot.start, slot.start, _REVIEW))
    text = line.text
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _is_review(section: list[str]) -> bool:
    top = section[0] if section else ""
    return any(w in top for w in PROBLEM_WORDS + PLAN_WORDS)


def _place_row(draft: Draft, row: MetricRow, sentence: str) -> str:
    """Append a row's own sentence to the closest performance paragraph; returns where it went."""
    best: tuple[float, Paragraph | None, str] = (-1.0, None, "")
    for sd in draft.sections:
        if _is_review([sd.title]):
            continue
        for p in sd.paragraphs:
            where = p.heading or sd.title
            score = similarity(row.label, where + p.text) + (
                2.0 if row.section and row.section in where else 0.0
            )
            if score > best[0]:
                best = (score, p, where)
    if best[1] is None:
        sd = draft.sections[0] if draft.sections else SectionDraft(key="s0", title="", level=1)
        if not draft.sections:
            draft.sections.append(sd)
        sd.paragraphs.append(Paragraph(text=sentence))
        return sd.title
    best[1].text = best[1].text.rstrip() + sentence
    return best[2]


def draft_from_base(
    base: BaseReport,
    rows: list[MetricRow],
    *,
    genre: str | None = None,
    org: str | None = None,
    place: str | None = None,
    year: int | None = None,
    compare: bool = True,
) -> Draft:
    """This year's draft from last year's report and the figures table.

    Args:
        base: the parsed base report.
        rows: the figures table (rows without 数值 allowed: their slots show markers).
        genre: the genre asked for (checked against the base's).
        org: the reporting body (replaces masked names).
        place: the place (replaces masked place names).
        year: the report year; default the base's year + 1.
        compare: add year-over-year comparisons where a row has 上年数值.

    Returns:
        The draft; ``derived`` lists each computed figure with its formula.

    Raises:
        BaseReportError: duplicate labels, a table none of whose rows matches a slot, another genre.
    """
    genre_name = check_genre(base, genre)
    genre_title = get_genre(genre_name).title
    check_rows(rows)
    if not compare:
        rows = [replace(r, last=None) for r in rows]
    fills, unmatched = match_rows(rows, base)
    if rows and not fills:
        raise BaseReportError(
            f"指标表中没有任何一行能对应底稿“{base.path.name}”中的指标（第{rows[0].row}—{rows[-1].row}行）；"
            "请先用“assistant metrics 底稿文件”生成指标表再填写"
        )
    target = year or ((base.year + 1) if base.year else None)
    delta = (target - base.year) if (target and base.year) else 0
    allowed = allowed_for_base(base, rows, org=org, place=place, year=target)
    per_line: dict[int, dict[int, tuple[BaseSlot, MetricRow | None]]] = {}
    for n, bs in enumerate(base.slots):
        per_line.setdefault(bs.line, {})[bs.index] = (bs, fills.get(n))

    def finish(text: str) -> str:
        text = shift_years(text, delta)
        cleaned, _flags = guard_text(text, allowed)  # any leftover foreign figure or mask → 【待核实】
        return cleaned

    title = (
        finish(
            render_line(BaseLine(text=base.title, slots=_title_slots(base.title)), {}, org, place, compare)
        )
        if base.title
        else ""
    )
    if not title:
        from assistant.draft.outline.genres import fill_placeholders

        title = fill_placeholders(
            genre_title,
            org=org or "【待补充：单位名称】",
            year=target or "【待补充：年度】",
            person=org or "【待补充：单位名称】",
        )
    draft = Draft(title=title, genre=genre_name, org=org, year=target)
    opening: list[str] = []
    section: SectionDraft | None = None
    pending: Paragraph | None = None
    for li, line in enumerate(base.lines):
        text = finish(render_line(line, per_line.get(li, {}), org, place, compare))
        review = _is_review(line.section)
        if line.level == 1:
            head = finish(line.heading) if not line.run_in else text
            section = SectionDraft(
                key=f"s{len(draft.sections) + 1}",
                title=head if not line.run_in else finish(line.heading),
                level=1,
            )
            draft.sections.append(section)
            if line.run_in:
                body = text[len(finish(line.heading)) :] if text.startswith(finish(line.heading)) else text
                section.paragraphs.append(Paragraph(text=(_REVIEW if review else "") + body))
            pending = None
            continue
        if section is None:
            opening.append(text)
            continue
        if line.level:
            head = finish(line.heading)
            if line.run_in:
                body = text[len(head) :] if text.startswith(head) else text
                para = Paragraph(
                    text=head + (_REVIEW if review else "") + body,
                    heading=head,
                    heading_level=line.level,
                    run_in=True,
                )
                section.paragraphs.append(para)
                pending = None
            else:
                pending = Paragraph(text="", heading=head, heading_level=line.level)
                section.paragraphs.append(pending)
            continue
        lead_in = text.endswith(("：", ":"))
        body = (_REVIEW if review and not lead_in and not text.startswith(_REVIEW) else "") + text
        if pending is not None and not pending.text:
            pending.text = body
        else:
            section.paragraphs.append(Paragraph(text=body))
    draft.opening = "\n".join(opening)
    for row in unmatched:
        if not row.value:
            draft.unused.append(f"{row.label}（没有数值，底稿中也没有对应的句子，已忽略）")
            continue
        sentence = own_sentence(row)  # with its comparison when the row has 上年数值
        _place_row(draft, row, sentence)  # stated in the text, so not 未使用的数据
    _finish_draft(draft, allowed)
    return draft


def allowed_for_base(
    base: BaseReport,
    rows: list[MetricRow],
    *,
    org: str | None = None,
    place: str | None = None,
    year: int | None = None,
) -> AllowedFacts:
    """The facts a draft from ``base`` may hold: this year's values (not last year's), the
    comparisons they give, org, place, year, and the base's own unmasked place names."""
    allowed = AllowedFacts.from_inputs([r for r in rows if r.value], org=org, place=place, year=year)
    for line in base.lines:
        allowed.names |= {s.surface for s in find_place_names(line.text)}
    return allowed


def draft_report_from_base(
    path: str | Path,
    rows: list[MetricRow],
    settings: Settings,
    *,
    genre: str | None = None,
    org: str | None = None,
    place: str | None = None,
    year: int | None = None,
    compare: bool = True,
) -> tuple[Draft, AllowedFacts]:
    """This year's report from last year's file: the one entry point of the CLI and the web app.

    Args:
        path: last year's report (any reader format).
        rows: this year's rows (blank values allowed: they become markers).
        settings: reader limits and ``compare_last_year``.
        genre, org, place, year: as for :func:`draft_from_base`.
        compare: the caller's switch; comparisons are written only when the setting allows them too.

    Returns:
        The draft and the facts its export audit allows.
    """
    base = read_base(path, settings)
    draft = draft_from_base(
        base,
        rows,
        genre=genre,
        org=org,
        place=place,
        year=year,
        compare=compare and settings.compare_last_year,
    )
    return draft, allowed_for_base(base, rows, org=org, place=place, year=draft.year)


def _title_slots(title: str) -> list[Slot]:
    from assistant.ingest.slots import find_slots

    return [s for s in find_slots(title) if s.slot_type == "name"]


def _finish_draft(draft: Draft, allowed: AllowedFacts) -> None:
    from assistant.draft.report import audit_draft, derived_figures, missing_items

    draft.missing = missing_items(draft)
    draft.derived = derived_figures(draft, allowed)
    draft.audited = audit_draft(draft, allowed)
    draft.flags.extend(draft.audited)
