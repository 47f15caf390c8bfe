"""Whole-report drafting without an LLM: outline → per-section retrieval → filled sentences → Draft.

For every section of the genre's outline the best passages of past reports are retrieved, split
into sentences and recombined (several reports, never one copied wholesale). The user's rows fill
the metric slots they match one-to-one; rows that fit no slot get a sentence of their own; slots
with no user value show ``【待补充：…】``. The audit runs before every export (:func:`save_draft`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.draft.audit.guard import AllowedFacts, audit
from assistant.draft.compose.grammar import warm_up
from assistant.draft.compose.lists import draft_list_section
from assistant.draft.compose.notes import (
    flag_stale_dates,
    lacks_power,
    note_cause,
    self_referred,
    without_cause,
    without_own_doer,
)
from assistant.draft.compose.phrasing import honour_sentence, parent_of, unstated
from assistant.draft.compose.problems import worsened
from assistant.draft.compose.profile import Profile
from assistant.draft.compose.routing import route_rows, whole_honour
from assistant.draft.compose.sections import draft_section_text
from assistant.draft.compose.tidy import collapse_repeats
from assistant.draft.outline.genres import (
    Genre,
    GenreSection,
    fill_placeholders,
    genre_with_outline,
    get_genre,
)
from assistant.draft.tables.metrics import MetricRow, users_words
from assistant.errors import AuditRefusedError
from assistant.lang.bodies import BodyProfile, detect_body
from assistant.lang.body_outline import genre_for_body
from assistant.lang.markers import MARKER_RE, is_missing, missing_label
from assistant.lang.numbering import numbered
from assistant.lang.periods import current_periods
from assistant.settings import Settings
from assistant.types import Derived, Draft, Flag, SectionDraft


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
    outline: list[str] | None = None  # the user's own headings, one a line; None: the official outline
    body_kind: str | None = None  # overrides of the body profile detected from ``org`` (draft/bodies.py)
    level: str | None = None
    superiors: str | None = None
    post: str | None = None  # the reporter's post (述法报告 signature): 党委书记, 局长 …

    def body(self) -> BodyProfile:
        """The user's body profile: detected from ``org``, overridden by ``body_kind``/``level``/``superiors``."""
        body = detect_body(self.org, kind=self.body_kind, level=self.level, superiors=self.superiors)
        return body.with_own_words([f"{r.label} {r.note or ''}" for r in self.rows])

    def profile(self, genre: Genre) -> Profile:
        return Profile(
            org=self.org,
            place=self.place,
            year=self.year,
            voice=genre.voice,
            body=self.body(),
            rows=list(self.rows),
            post=self.post,
        )

    def allowed(self) -> AllowedFacts:
        """The audit's facts: the rows, org, place, year, and the user's own outline (its heading
        numbers and names are the user's)."""
        own = "\n".join(self.outline or [])
        return AllowedFacts.from_inputs(
            self.rows, message=own, org=self.org, place=self.place, year=self.year
        )


class AuditError(AuditRefusedError):
    """The draft holds a figure or a name that does not trace to the user's input."""

    def __init__(self, flags: list[Flag]):
        self.flags = flags
        lines = "\n".join(f"- {f.reason}：{f.text}" for f in flags)
        super().__init__(f"核查未通过，未导出。以下内容无法追溯到您提供的数据，或不是本单位的口吻：\n{lines}")


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


def _route_rows(
    rows: list[MetricRow],
    leaves: list[tuple[GenreSection, GenreSection | None]],
    settings: Settings | None = None,
    body: BodyProfile | None = None,
) -> list[list[MetricRow]]:
    """Send each user row to the one section of its matter (``compose/routing.py``: the label against
    each section's heading and exemplars with the index's embedder; 章节 column, kind and the body's
    own business as priors)."""
    embedder = _embedder(settings) if rows else None
    return route_rows(rows, leaves, embedder, settings.cache_dir if settings is not None else None, body)


def _embedder(settings: Settings | None):
    """The index's embedder, or ``None`` (routing then falls back to bigram similarity)."""
    if settings is None:
        return None
    try:
        from assistant.embed.embedder import load_embedder

        return load_embedder(settings)
    except Exception:  # noqa: BLE001 - no model here: the draft still routes, by wording
        return None


def _whole(body: BodyProfile | None, org: str) -> str:
    """How the opening names the body's whole area of work: 全乡 / 全区 / 本部门 (the name when unknown)."""
    if body is None or not body.kind:
        return org
    return body.opening_scope() or org


#: the opening's last sentence (现将有关情况报告如下：): a sentence of the whole year goes before it
OPENING_TAIL_RE = re.compile(r"现将[^。：]*如下：$")


def set_aside_rows(rows: list[MetricRow], genre: Genre) -> list[MetricRow]:
    """The rows whose figures the genre does not speak of (``set_aside`` and ``law_work`` of genres.yaml):
    never one the user placed in a section; a part (其中…) with its whole."""
    out = [r for r in rows if not r.section and genre.sets_aside(r.label, r.note)]
    aside = {id(r) for r in out}
    for r in rows:
        if not r.section and id(r) not in aside and id(parent_of(r, rows)) in aside:
            out.append(r)
    return out


def without_problem_causes(rows: list[MetricRow], body: Any) -> list[MetricRow]:
    """The rows with the cause their note gives taken out where the 问题 part says it: every figure that worsened
    has its cause in the table, and the problem naming them says why (blind read r60: the cause twice, in the
    results and in the problem)."""
    worse = [r for r in rows if worsened(r, body, rows)]
    if not worse or not all(note_cause(r) for r in worse):
        return rows
    out = []
    for r in rows:
        if any(r is w for w in worse):
            r = without_cause(r)
        out.append(r)
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
    if request.rows:
        warm_up()  # jieba's dictionary loads while the sections are retrieved
        # a note naming the reporting body itself as the doer (县统计局牵头 in its own report) says nothing
        request = replace(request, rows=[without_own_doer(r, request.org) for r in request.rows])
        pronoun = request.body().role("pronoun")  # 钧陵省高级人民法院立案一庭 → 我院立案一庭 (r36)
        request = replace(request, rows=[self_referred(r, request.org, pronoun) for r in request.rows])
    genre = get_genre(request.genre)
    profile = request.profile(genre)
    genre = (
        genre_with_outline(genre, request.outline) if request.outline else genre_for_body(genre, profile.body)
    )
    allowed = request.allowed()
    year = request.year
    personal = genre.voice == "本人"
    values = {
        "org": request.org,
        "whole": _whole(profile.body, request.org),
        "year": year,
        "next_year": (year + 1) if year else None,
        "person": request.person or ("【待补充：姓名】" if personal else request.org),
        "post": request.post or "【待补充：职务】",
        "date": request.date,
    }
    draft = Draft(
        title=fill_placeholders(genre.title, **values), genre=genre.name, org=request.org, year=year
    )
    draft.opening = current_periods(fill_placeholders(genre.opening, **values), request.year) or ""
    draft.closing = fill_placeholders(genre.closing, **values) if genre.closing else ""
    draft.signature = [fill_placeholders(s, **values) for s in genre.signature]

    leaves = _leaves(genre)
    honours = [r for r in request.rows if whole_honour(r)] if genre.opening else []
    if honours:  # an honour of the body's whole 法治 work is said in the opening (blind read r32)
        said = "，".join(honour_sentence(r, profile.body).rstrip("。") for r in honours)
        draft.opening = OPENING_TAIL_RE.sub(lambda m: f"{said}。{m.group(0)}", draft.opening, count=1)
        if said not in draft.opening:
            honours = []  # an opening without its closing 现将…: the honour stays in its part
    aside = set_aside_rows(request.rows, genre)
    profile.aside = aside
    stated = [
        r
        for r in request.rows
        if not lacks_power(r) and not any(r is a for a in aside) and not any(r is h for h in honours)
    ]
    if any(sec.kind == "problems" for sec in genre.sections):
        stated = without_problem_causes(stated, profile.body)
    routed = _route_rows(
        stated,
        leaves,
        settings,
        profile.body,
    )
    used: set[str] = set()
    section_drafts: dict[str, SectionDraft] = {}
    problem_titles: list[str] = []
    for n, sec in enumerate(genre.sections, 1):
        sd = SectionDraft(key=sec.key, title=numbered(1, n, fill_placeholders(sec.title, **values)), level=1)
        section_drafts[sec.key] = sd
        draft.sections.append(sd)
    for (sec, sub), rows in zip(leaves, routed, strict=True):
        node = sub or sec
        others = tuple(f"{(b or a).title} {(b or a).query}" for a, b in leaves if (b or a) is not node)
        paragraph, leftovers = draft_section_text(node, rows, settings, profile, allowed, used, others)
        sd = section_drafts[sec.key]
        if sub is not None:
            index = sec.subpoints.index(sub) + 1
            paragraph.heading = numbered(2, index, fill_placeholders(sub.title, **values))
            paragraph.heading_level = 2
        sd.paragraphs.append(paragraph)
    for sec in genre.sections:  # after the performance text, so an item never repeats a sentence used there
        if sec.kind in ("problems", "plans"):
            items = draft_list_section(
                sec,
                settings,
                profile,
                allowed,
                used,
                answer_to=problem_titles if sec.kind == "plans" else None,
            )
            if sec.kind == "problems":
                problem_titles = [p.heading or "" for p in items if p.heading]
            section_drafts[sec.key].paragraphs[:0] = items
    if polish:
        from assistant.draft.polish import polish_draft

        polish_draft(draft, settings, allowed, profile.body)
    collapse_repeats(draft)
    given = users_words(request.rows)
    for sd in draft.sections:  # a figure dated before the report's year is the user's to confirm (r36)
        for p in sd.paragraphs:
            p.text = flag_stale_dates(p.text, year, given)
    draft.unused = unstated(
        request.rows,
        "\n".join(t for _, t in iter_texts(draft)),
        aside=aside,
    )
    draft.missing = missing_items(draft)
    draft.derived = derived_figures(draft, allowed)
    draft.audited = audit_draft(draft, allowed)
    draft.flags.extend(draft.audited)
    draft.voice = voice_audit_draft(draft, profile.body, request.rows)
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
            if is_missing(m.group(0)):
                items.append(f"{where}：{missing_label(m.group(0))}")
    return items


def derived_figures(draft: Draft, allowed: AllowedFacts) -> list[Derived]:
    """Every year-over-year figure the draft states that recomputes, with its formula (deduplicated)."""
    from assistant.draft.tables.compare import derived_in

    seen: set[tuple[str, str]] = set()
    out: list[Derived] = []
    for _where, text in iter_texts(draft):
        for d in derived_in(MARKER_RE.sub("", text), allowed.pairs):
            if (d.text, d.formula) not in seen:
                seen.add((d.text, d.formula))
                out.append(d)
    return out


def audit_draft(draft: Draft, allowed: AllowedFacts) -> list[Flag]:
    """The provenance audit over every piece of body text (docs/slots.md)."""
    flags: list[Flag] = []
    for _where, text in iter_texts(draft):
        flags.extend(audit(text, allowed))
    return flags


def voice_audit_draft(
    draft: Draft, body: BodyProfile | None, rows: list[MetricRow] | None = None
) -> list[Flag]:
    """The voice audit over every piece of body text: words of another kind of body or level
    (words of the user's own metric labels excepted)."""
    from assistant.draft.voice.adapt import voice_audit

    own = users_words(rows or [])
    out: list[Flag] = []
    for _where, text in iter_texts(draft):
        out.extend(
            Flag(text=f.sentence, reason=f"口吻：“{f.word}”{f.reason}") for f in voice_audit(text, body, own)
        )
    return out


def ensure_audited(draft: Draft, allowed: AllowedFacts) -> None:
    """Refuse a draft the number audit flags, reusing the audit run while drafting when there was one.

    Raises:
        AuditError: the audit's findings.
    """
    flags = draft.audited if draft.audited is not None else audit_draft(draft, allowed)
    if flags:
        raise AuditError(flags)
