"""Whole-report drafting without an LLM: outline → per-section retrieval → filled sentences → Draft.

For every section of the genre's outline the best passages of past reports are retrieved, split
into sentences and recombined (several reports, never one copied wholesale). The user's rows fill
the metric slots they match one-to-one; rows that fit no slot get a sentence of their own; slots
with no user value show ``【待补充：…】``. The audit runs before every export (:func:`save_draft`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.fill import (
    MARKER_RE,
    Profile,
    Sentence,
    assign_rows,
    own_sentence,
    render_sentence,
    sentences_from_text,
    similarity,
)
from assistant.genres import Genre, GenreSection, fill_placeholders, get_genre, numbered
from assistant.guard import AllowedFacts, audit
from assistant.metrics import MetricRow
from assistant.settings import Settings
from assistant.types import Draft, Flag, Paragraph, SectionDraft, Source

PROBLEM_WORDS = ("问题", "不足", "差距", "短板")
PLAN_WORDS = ("打算", "下一步", "下步", "安排", "计划", "措施", "努力方向")
ITEM_START_RE = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+是|\d+[.．])")
PROBLEM_CUE_RE = re.compile(r"不足|差距|有待|还不够|不够|仍需|需进一步|还需|薄弱|欠缺|不强|不高|单一|不到位|不平衡|不均衡")
PLAN_CUE_RE = re.compile(r"^(?:强化|加强|持续|进一步|坚持|推进|深化|健全|完善|提升|抓好|抓实|扎实|着力|全面|严格|不断|带头|注重|早谋划|强培训|健制度)")
LEAD_IN_RE = re.compile(r"主要有|如下|以下|[：:]$|存在一些|清醒地|取得了一定")
PER_DOC_CAP = 3


@dataclass
class DraftRequest:
    """What the user asks for: genre, their figures and who they are."""

    genre: str
    rows: list[MetricRow] = field(default_factory=list)
    org: str | None = None
    year: int | None = None
    place: str | None = None
    person: str | None = None
    date: str | None = None

    def profile(self, genre: Genre) -> Profile:
        return Profile(org=self.org, place=self.place, year=self.year, voice=genre.voice)

    def allowed(self) -> AllowedFacts:
        return AllowedFacts.from_inputs(self.rows, message="", org=self.org, place=self.place, year=self.year)


@dataclass
class SaveResult:
    """An exported draft."""

    path: Path
    draft: Draft

    def to_public(self) -> dict[str, Any]:
        data = draft_public(self.draft)
        data["path"] = str(self.path)
        return data


class AuditError(ValueError):
    """The draft holds a figure or a name that does not trace to the user's input."""

    def __init__(self, flags: list[Flag]):
        self.flags = flags
        lines = "\n".join(f"- {f.reason}：{f.text}" for f in flags)
        super().__init__(f"核查未通过，未导出。以下内容无法追溯到您提供的数据：\n{lines}")


def _search(query: str, settings: Settings, k: int, section: str | None = None) -> list[Any]:
    from assistant.retrieve import search

    return search(query, settings, k=k, section=section)


def _leaves(genre: Genre) -> list[tuple[GenreSection, GenreSection | None]]:
    """(level-1 section, sub-point or None) for every part of the outline that holds performance text."""
    leaves: list[tuple[GenreSection, GenreSection | None]] = []
    for sec in genre.sections:
        if sec.kind in ("problems", "plans"):
            continue
        if sec.subpoints:
            leaves.extend((sec, sub) for sub in sec.subpoints)
        else:
            leaves.append((sec, None))
    return leaves


def _route_rows(rows: list[MetricRow], leaves: list[tuple[GenreSection, GenreSection | None]]) -> list[list[MetricRow]]:
    """Send each user row to the one section it belongs in (章节 column, metric kind, then wording)."""
    routed: list[list[MetricRow]] = [[] for _ in leaves]
    for row in rows:
        best, best_score = 0, -1.0
        for i, (sec, sub) in enumerate(leaves):
            node = sub or sec
            text = f"{node.title} {node.query}"
            score = similarity(row.label, text)
            if row.section and (row.section in node.title or row.section in sec.title or row.section == node.key):
                score += 5.0
            if row.kind and row.kind in node.metrics:
                score += 2.0 + (0.5 if node.metrics and node.metrics[0] == row.kind else 0.0)
            if score > best_score:
                best, best_score = i, score
        routed[best].append(row)
    return routed


def _candidate_sentences(query: str, settings: Settings, kind: str, k: int = 12) -> list[Sentence]:
    hits = _search(query, settings, k)
    sentences: list[Sentence] = []
    for rank, hit in enumerate(hits):
        path = " ".join(hit.passage.section)
        is_problem = any(w in path for w in PROBLEM_WORDS)
        is_plan = any(w in path for w in PLAN_WORDS)
        if kind == "performance" and (is_problem or is_plan):
            continue
        score = float(hit.score) - 0.01 * rank
        for sent in sentences_from_text(hit.passage.text, hit.passage.doc_id, list(hit.passage.section), score):
            sent.score += 0.3 * similarity(sent.text, query)
            if kind == "performance" and re.search(r"下一步|下步|今后|存在.{0,12}(?:不足|问题|差距)", sent.text):
                break  # the rest of this passage is about problems or plans
            if kind == "performance" and LEAD_IN_RE.search(sent.text):
                continue
            sentences.append(sent)
    return sentences


def _finish(text: str) -> str:
    text = text.strip()
    if text.endswith(("；", ";", "，", ",")):
        text = text[:-1] + "。"
    if text and text[-1] not in "。！？：":
        text += "。"
    return text


def draft_section_text(
    node: GenreSection,
    rows: list[MetricRow],
    settings: Settings,
    profile: Profile,
    allowed: AllowedFacts,
    used: set[str],
) -> tuple[Paragraph, list[MetricRow]]:
    """One performance paragraph for a section: phrasing from past reports, the user's figures in it.

    Args:
        node: the genre section or sub-point.
        rows: the user's rows routed to it.
        settings: where the index is.
        profile: the user's organisation, place and year.
        allowed: facts the audit accepts.
        used: exemplar sentences already used elsewhere in the draft (updated).

    Returns:
        The paragraph and the rows that no exemplar slot could take (given sentences of their own).
    """
    query = f"{fill_placeholders(node.title, year=profile.year)} {node.query}"
    sentences = [s for s in _candidate_sentences(query, settings, "performance") if s.text not in used]
    assignment = assign_rows(rows, sentences, node.title + node.query)
    filled_idx = sorted({s for s, _ in assignment}, key=lambda s: (-sentences[s].score, sentences[s].order))
    per_doc: dict[str, int] = {}
    chosen: list[tuple[int, str]] = []  # (position key, text)
    sources: list[Source] = []

    def take(idx: int, key: int, fills: dict[int, MetricRow]) -> bool:
        sent = sentences[idx]
        if per_doc.get(sent.doc, 0) >= PER_DOC_CAP and not fills:
            return False
        text = render_sentence(sent, fills, profile, allowed)
        if not text or any(similarity(text, t) > 0.6 for _, t in chosen):
            return False
        chosen.append((key, _finish(text)))
        used.add(sent.text)
        per_doc[sent.doc] = per_doc.get(sent.doc, 0) + 1
        src = Source(doc=sent.doc, section=sent.section, text=sent.text)
        if all((s.doc, s.section) != (src.doc, src.section) for s in sources):
            sources.append(src)
        return True

    placed_rows: set[int] = set()
    for idx in filled_idx:
        fills = {k: row for (s, k), row in assignment.items() if s == idx}
        if take(idx, 100 + len(chosen), fills):
            placed_rows.update(id(r) for r in fills.values())

    topic = f"{node.title} {node.query}"
    plain = sorted(
        (i for i, s in enumerate(sentences)
         if not s.metric_slots() and 16 <= len(s.text) <= 160 and similarity(s.text, topic) >= 0.12),
        key=lambda i: -sentences[i].score,
    )
    leads = 0
    for idx in plain:
        if leads >= 2:
            break
        if take(idx, leads * 1000 if leads == 0 else 5000, {}):
            leads += 1

    if not rows:
        expected = set(node.metrics)
        marker_pool = [
            i for i, s in enumerate(sentences)
            if s.metric_slots() and any(sl.kind in expected for sl in s.metric_slots()) and len(s.text) <= 160
        ]
        for idx in sorted(marker_pool, key=lambda i: -sentences[i].score)[:1]:
            take(idx, 200, {})

    leftovers = [r for r in rows if id(r) not in placed_rows]
    for n, row in enumerate(leftovers):
        chosen.append((300 + n, own_sentence(row)))
    chosen.sort(key=lambda c: c[0])
    text = "".join(t for _, t in chosen) or f"【待补充：{node.title}相关工作情况】。"
    return Paragraph(text=text, sources=sources), leftovers


def _items(sentences: list[Sentence]) -> list[tuple[Sentence, list[Sentence]]]:
    """Group problem/plan sentences into items: an opening sentence and up to two that follow."""
    items: list[tuple[Sentence, list[Sentence]]] = []
    ordered = sorted(sentences, key=lambda s: (-s.score, s.doc, s.order))
    by_doc: dict[str, list[Sentence]] = {}
    for s in sentences:
        by_doc.setdefault(s.doc, []).append(s)
    for s in ordered:
        if len(s.text) < 8 or len(s.text) > 60:
            continue
        siblings = sorted(by_doc[s.doc], key=lambda x: x.order)
        follow = [x for x in siblings if x.order > s.order and x.section == s.section][:2]
        follow = [x for x in follow if not x.item_start and not ITEM_START_RE.match(x.text)][:1]
        items.append((s, follow))
    return items


def draft_list_section(
    sec: GenreSection,
    settings: Settings,
    profile: Profile,
    allowed: AllowedFacts,
    used: set[str],
    count: int = 3,
) -> list[Paragraph]:
    """Problems or plans: items drawn from several past reports, renumbered （一）（二）（三）."""
    problems = sec.kind == "problems"
    words = PROBLEM_WORDS if problems else PLAN_WORDS
    hits = [(h, True) for word in words[:3] for h in _search(sec.query or sec.title, settings, 12, section=word)]
    hits += [(h, False) for h in _search(sec.query or sec.title, settings, 16)]
    sentences: list[Sentence] = []
    seen: set[str] = set()
    for rank, (hit, in_section) in enumerate(sorted(hits, key=lambda h: -h[0].score)):
        if hit.passage.text in seen:
            continue
        seen.add(hit.passage.text)
        plan_context = bool(re.search(r"下一步|下步|今后", hit.passage.text))
        for sent in _raw_sentences(hit, float(hit.score) - 0.01 * rank):
            if LEAD_IN_RE.search(sent.text) or sent.text in used:
                continue
            cue = PROBLEM_CUE_RE.search(sent.text) if problems else (plan_context and PLAN_CUE_RE.match(sent.text))
            if not in_section and not (cue and sent.item_start):
                continue
            if not in_section or cue:
                sent.score += 0.05
            if sent.item_start:
                sent.score += 0.3
            sentences.append(sent)
    lead = fill_placeholders(sec.lead, year=profile.year, next_year=(profile.year + 1) if profile.year else None,
                             org=profile.org)
    paragraphs = [Paragraph(text=lead)] if sec.lead else []
    docs: dict[str, int] = {}
    picked: list[str] = []
    for head, follow in _items(sentences):
        if len(picked) >= count or docs.get(head.doc, 0) >= 2 or head.text in used:
            continue
        title = render_sentence(head, {}, profile, allowed)
        if not title or any(similarity(title, p) > 0.5 for p in picked):
            continue
        body = [t for t in (render_sentence(f, {}, profile, allowed) for f in follow) if t]
        picked.append(title)
        used.add(head.text)
        docs[head.doc] = docs.get(head.doc, 0) + 1
        heading = numbered(2, len(picked), _finish(title))
        paragraphs.append(Paragraph(
            text=heading + "".join(_finish(b) for b in body),
            sources=[Source(doc=head.doc, section=head.section, text=head.text)],
            heading=heading, heading_level=2, run_in=True,
        ))
    if not picked:
        paragraphs.append(Paragraph(text=f"【待补充：{sec.title}】"))
    return paragraphs


def _raw_sentences(hit: Any, score: float) -> list[Sentence]:
    from assistant.slots import find_slots

    out = []
    for order, raw in enumerate(re.findall(r"[^。！？；]*[。！？；]|[^。！？；]+$", hit.passage.text)):
        raw = raw.strip()
        if not raw:
            continue
        stripped = ITEM_START_RE.sub("", raw).lstrip("，、 ")
        sent = Sentence(text=stripped, doc=hit.passage.doc_id, section=list(hit.passage.section),
                        score=score, order=order, slots=find_slots(stripped))
        sent.item_start = stripped != raw
        out.append(sent)
    return out


def draft_report(request: DraftRequest, settings: Settings, *, polish: bool = False) -> Draft:
    """Draft a whole report.

    Args:
        request: genre, the user's rows, organisation, place and year.
        settings: index location, LLM choice.
        polish: rewrite each paragraph through the configured LLM (the guard still applies).

    Returns:
        The draft with its sections, the missing figures and the rows that fit no exemplar slot.
    """
    genre = get_genre(request.genre)
    profile = request.profile(genre)
    allowed = request.allowed()
    year = request.year
    values = {"org": request.org, "year": year, "next_year": (year + 1) if year else None,
              "person": request.person or request.org, "date": request.date}
    draft = Draft(title=fill_placeholders(genre.title, **values), genre=genre.name, org=request.org, year=year)
    draft.opening = fill_placeholders(genre.opening, **values)
    draft.closing = fill_placeholders(genre.closing, **values) if genre.closing else ""
    draft.signature = [fill_placeholders(s, **values) for s in genre.signature]

    leaves = _leaves(genre)
    routed = _route_rows(request.rows, leaves)
    used: set[str] = set()
    section_drafts: dict[str, SectionDraft] = {}
    for n, sec in enumerate(genre.sections, 1):
        sd = SectionDraft(key=sec.key, title=numbered(1, n, fill_placeholders(sec.title, **values)), level=1)
        section_drafts[sec.key] = sd
        draft.sections.append(sd)
        if sec.kind in ("problems", "plans"):
            sd.paragraphs.extend(draft_list_section(sec, settings, profile, allowed, used))
    for (sec, sub), rows in zip(leaves, routed, strict=True):
        node = sub or sec
        paragraph, leftovers = draft_section_text(node, rows, settings, profile, allowed, used)
        sd = section_drafts[sec.key]
        if sub is not None:
            index = sec.subpoints.index(sub) + 1
            paragraph.heading = numbered(2, index, fill_placeholders(sub.title, **values))
            paragraph.heading_level = 2
        sd.paragraphs.append(paragraph)
        for row in leftovers:
            draft.unused.append(f"{row.label} {row.value}{row.unit or ''}（范文中没有可对应的句子，已在“{node.title}”单独成句，请核对表述）")
    if polish:
        from assistant.polish import polish_draft

        polish_draft(draft, settings, allowed)
    draft.missing = missing_items(draft)
    draft.flags.extend(audit_draft(draft, allowed))
    return draft


def iter_texts(draft: Draft) -> list[tuple[str, str]]:
    """(where, text) for every piece of body text of a draft, title included.

    ``where`` is the nearest heading, cut at its first comma (（一）带头学习贯彻习近平法治思想).
    """
    out = [("标题", draft.title), ("开头", draft.opening)]
    for sd in draft.sections:
        out.append((_short(sd.title), sd.title))
        for p in sd.paragraphs:
            where = _short(p.heading if p.heading and not p.run_in else sd.title)
            if p.heading and not p.run_in:
                out.append((where, p.heading))
            out.append((where, p.text))
    out.append(("结尾", draft.closing))
    out.extend(("落款", s) for s in draft.signature)
    return [(w, t) for w, t in out if t]


def _short(heading: str) -> str:
    return re.split(r"[，,。]", heading, maxsplit=1)[0][:24]


def missing_items(draft: Draft) -> list[str]:
    """Every 【待补充：…】 marker of the draft, with its section, in order."""
    items = []
    for where, text in iter_texts(draft):
        for m in MARKER_RE.finditer(text):
            if m.group(0).startswith("【待补充"):
                items.append(f"{where}：{m.group(0)[5:-1] or '待补充'}")
    return items


def audit_draft(draft: Draft, allowed: AllowedFacts) -> list[Flag]:
    """The provenance audit over every piece of body text (genre.md §4.6)."""
    flags: list[Flag] = []
    for _where, text in iter_texts(draft):
        flags.extend(audit(text, allowed))
    return flags


def draft_public(draft: Draft) -> dict[str, Any]:
    """The ``assistant draft --json`` shape: markdown, missing, unused, sources."""
    from assistant.export import export_markdown

    sources = []
    for sd in draft.sections:
        for p in sd.paragraphs:
            for s in p.sources:
                sources.append({"heading": p.heading or sd.title, "doc": s.doc, "section": list(s.section)})
    return {"markdown": export_markdown(draft), "missing": list(draft.missing),
            "unused": list(draft.unused), "sources": sources}


def save_draft(draft: Draft, request: DraftRequest, path: Path) -> SaveResult:
    """Audit, then export as Markdown or GB/T 9704 .docx by the file's suffix.

    Raises:
        AuditError: a figure or name in the draft does not trace to the user's input; nothing is written.
        ValueError: the suffix is neither .md nor .docx.
    """
    flags = audit_draft(draft, request.allowed())
    if flags:
        raise AuditError(flags)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from assistant.export import export_docx

        export_docx(draft, path)
    elif suffix in (".md", ".markdown", ".txt"):
        from assistant.export import export_markdown

        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(export_markdown(draft), encoding="utf-8")
        tmp.replace(path)
    else:
        raise ValueError(f"不支持的导出格式“{path.suffix}”，请用 .md 或 .docx")
    return SaveResult(path=path, draft=draft)
