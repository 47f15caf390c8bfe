"""The numbered 存在问题 / 下一步打算 items of a draft (``draft_list_section``).

Problems and plans of this body (issue 18 item 7, rules in :mod:`assistant.draft.compose.problems`):
worsened figures first, then items of past reports of the body's own kind, then the kind's own
wording, then markers; plans answer the problems.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.draft.audit.guard import AllowedFacts
from assistant.draft.compose.fill import ITEM_START_RE, Sentence, render_sentence, sentences_from_text
from assistant.draft.compose.problems import (
    _fill,
    belied_by_gain,
    claims,
    claims_of_none,
    claims_of_rows,
    contradicts,
    done_matters,
    figure_home,
    figure_item,
    kept_up,
    kind_items,
    plan_for,
    pressure_item,
)
from assistant.draft.compose.profile import Profile
from assistant.draft.compose.provenance import make_span
from assistant.draft.compose.sections import KEY_PREFIX, LEAD_IN_RE, _documents, _finish, _search
from assistant.draft.outline.genres import PLAN_WORDS, PROBLEM_WORDS, GenreSection, fill_placeholders
from assistant.lang.bodies import doc_affinity
from assistant.lang.filler import is_filler
from assistant.lang.markers import MARKER_RE, missing
from assistant.lang.numbering import numbered
from assistant.lang.similarity import similarity
from assistant.settings import Settings
from assistant.types import Paragraph, Source, Span

#: Genres whose problems and plans are of other matters (the economy, people's livelihood): their
#: items never stand in a report on rule-of-law work, whatever the body.
OFF_MATTER_GENRES = ("政府工作报告",)
PROBLEM_CUE_RE = re.compile(
    r"不足|差距|有待|还不够|不够|仍需|需进一步|还需|薄弱|欠缺|不强|不高|单一|不到位|不平衡|不均衡"
)
PLAN_CUE_RE = re.compile(
    r"^(?:强化|加强|持续|进一步|坚持|推进|深化|健全|完善|提升|抓好|抓实|扎实|着力|全面|严格|不断|带头|注重|早谋划|强培训|健制度)"
)


def draft_list_section(
    sec: GenreSection,
    settings: Settings,
    profile: Profile,
    allowed: AllowedFacts,
    used: set[str],
    count: int = 3,
    answer_to: list[str] | None = None,
    doc: str | None = None,
) -> list[Paragraph]:
    """Problems or plans of this body: items renumbered （一）（二）（三）.

    First the figures that worsened against last year (a problem naming them with 【待补充：原因】, a
    plan answering it); then items of past reports of the body's own kind (every item has a body: a
    sentence of the same report, else one on the same topic, else a marker in its title's sentence), never a problem
    the draft's own claims contradict; then the kind's own wording (``data/list_items.yaml``); then
    markers. Plans prefer items that answer ``answer_to`` (the problems already drafted).
    ``doc`` keeps to one past report, whatever its kind (a version for the workbench): the kind's own
    wording is then left out, so versions differ by their source.
    """
    problems = sec.kind == "problems"
    personal = profile.voice == "本人"
    body = profile.body
    claimed = claims([t for t in used if not t.startswith(KEY_PREFIX)]) if problems else set()
    if problems:  # nothing made this year (制定行政规范性文件 0): no problem of how it is made (r31)
        claimed |= claims_of_none(profile.rows) | claims_of_rows(profile.rows)
    sentences = _list_sentences(sec, settings, profile, used, problems, answer_to, doc)
    lead = fill_placeholders(
        sec.lead, year=profile.year, next_year=(profile.year + 1) if profile.year else None, org=profile.org
    )
    paragraphs = [Paragraph(text=lead)] if sec.lead else []
    picked: list[str] = []

    done = [] if problems else done_matters(profile.own_rows())

    def add(title: str, item: list[tuple[Sentence | None, str]], head: Sentence | None = None) -> None:
        title, item = kept_up(title, done), [(f, kept_up(t, done)) for f, t in item]
        picked.append(title)
        heading = numbered(2, len(picked), _finish(title))
        spans = [make_span(heading, head) if head is not None else Span(text=heading, kind="own")]
        spans += [
            make_span(_finish(t), f) if f is not None else Span(text=_finish(t), kind="own") for f, t in item
        ]
        paragraphs.append(
            Paragraph(
                text=heading + "".join(_finish(t) for _, t in item),
                sources=[Source(doc=head.doc, section=head.section, text=head.text, title=head.title)]
                if head is not None
                else [],
                spans=spans,
                heading=heading,
                heading_level=2,
                run_in=True,
            )
        )

    fig = figure_item(profile.own_rows(), problems, body)
    home = figure_home(profile.own_rows(), body) if doc is None else None
    if fig is not None and fig[1]:
        # its cause or its answer asked for in the item's one sentence, never a marker standing nearly alone
        # (blind reads r61, r62: 主要原因是【待补充：原因】。; 针对上述原因，【…】。)
        fig = (f"{fig[0]}，{fig[1].rstrip('。')}", "")
    if (
        fig is not None and home is not None and problems
    ):  # the figure is said in the kind's item of its matter
        title = _fill(home["problem"], body) or ""
        add(f"{title}，{fig[0]}", [])  # the kind's item names the figure, then its cause
    elif fig is not None and home is None:
        add(fig[0], [])
    elif fig is not None:
        count += 1  # the kind's plan of that matter answers the figure: as many plans as problems
    elif doc is None and (load := pressure_item(profile.own_rows(), problems, body)) is not None:
        add(load[0], [(None, load[1])])  # the work that came to the body rose: a pressure (r25)
    regular = 0
    for title in answer_to or []:  # the plans paired with the kind's own problems answer them
        pair = plan_for(title, body) if not problems else None
        if pair is not None and regular < count:
            add(pair[0], [(None, pair[1])])
            regular += 1
    docs: dict[str, int] = {}
    for head, follow in _items(sentences):
        if regular >= count or docs.get(head.doc, 0) >= 2 or head.text in used:
            continue
        title = _impersonal(render_sentence(head, {}, profile, allowed), personal)
        if not title or any(similarity(title, p) > 0.5 for p in picked) or contradicts(title, claimed):
            continue
        item = [
            (f, t)
            for f, t in ((f, _impersonal(render_sentence(f, {}, profile, allowed), personal)) for f in follow)
            if t
            and not any(similarity(t, u) >= 0.7 for u in used)
            and not contradicts(t, claimed)
            # a past report's slogan says nothing of this body (r52: 带头落实好法治建设的总体要求，强化社会治理…)
            and not is_filler(t)
        ]  # a repeat would be collapsed later
        if not item:
            item = _item_body(title, sentences, used, profile, allowed, problems, personal)
        if (
            not item
        ):  # nothing of its own to say: the title asks for it, in one sentence (blind reads r59, r62)
            title = f"{title.rstrip('。')}，{missing('具体表现' if problems else '具体措施')}"
        if problems and belied_by_gain(title + "".join(t for _, t in item), profile.rows, body):
            continue  # a past report's problem of a matter the user's figures show got better (r39)
        used.add(head.text)
        used.update(f.text for f, _ in item if f is not None)
        docs[head.doc] = docs.get(head.doc, 0) + 1
        add(title, item, head)
        regular += 1
    for title, text in (
        kind_items(body, problems, profile.own_rows(), head=personal) if doc is None else []
    ):  # when its reports are too few
        if regular >= count:
            break
        if (
            any(similarity(title, p) > 0.5 for p in picked)
            or contradicts(title + text, claimed)
            or (problems and belied_by_gain(title + text, profile.rows, body))
            or any(
                similarity(t, u) >= 0.7 for t in (title, text) for u in used if not u.startswith(KEY_PREFIX)
            )
            or _clause_again(text, [p.text for p in paragraphs])
        ):  # a plan restating a sentence of the draft would say it twice
            continue
        add(title, [(None, text)])
        regular += 1
    if not picked:  # none at all: the part asks for its items; never an item of bare markers beside real ones
        # (blind read r59: （四）【待补充：存在的问题】。【待补充：具体表现和原因】。)
        what = "存在的问题" if problems else "工作打算"
        add(missing(what), [(None, missing("具体表现和原因" if problems else "具体措施"))])
    if problems and "原因" in sec.title and doc is None:  # a heading that promises causes gets them asked for
        cause = f"产生上述问题的原因，主要是{missing('主观和客观原因分析')}。"
        paragraphs.append(Paragraph(text=cause, spans=[Span(text=cause, kind="own")]))
    return paragraphs


#: a clause this long (letters) or longer said again in another item is a repeat (r52: 执法人员的专业能力…还不相适应
#: in two problems of one draft)
CLAUSE_AGAIN = 8


def _clause_again(text: str, earlier: list[str]) -> bool:
    """Whether a clause of ``text`` (marker aside) says again, nearly word for word, a clause of an item
    already written."""
    clauses = [c for c in re.split(r"[，。；、]", MARKER_RE.sub("", text)) if len(c) >= CLAUSE_AGAIN]
    said = [
        c for e in earlier for c in re.split(r"[，。；、*]", MARKER_RE.sub("", e)) if len(c) >= CLAUSE_AGAIN
    ]
    return any(similarity(c, d) >= 0.6 for c in clauses for d in said)


def _list_sentences(
    sec: GenreSection,
    settings: Settings,
    profile: Profile,
    used: set[str],
    problems: bool,
    answer_to: list[str] | None,
    doc: str | None = None,
) -> list[Sentence]:
    """Candidate problem/plan sentences of past reports of the body's own kind (any report when the
    body's kind is unknown, or of ``doc`` alone): under a 问题/打算 heading, or in an item found by its cue."""
    words = PROBLEM_WORDS if problems else PLAN_WORDS
    hits = [
        (h, True)
        for word in words[:3]
        for h in _search(sec.query or sec.title, settings, 12, section=word, doc=doc)
    ]
    hits += [(h, False) for h in _search(sec.query or sec.title, settings, 16, doc=doc)]
    best: dict[str, tuple[Any, bool]] = {}
    for hit, in_section in hits:  # one entry per passage; found under a 问题/打算 heading wins
        prev = best.get(hit.passage.text)
        if (
            prev is None
            or (in_section and not prev[1])
            or (in_section == prev[1] and hit.score > prev[0].score)
        ):
            best[hit.passage.text] = (hit, in_section or bool(prev and prev[1]))
    sentences: list[Sentence] = []
    docs = _documents(settings)
    own_kind = profile.body.kind if profile.body is not None and doc is None else None
    for rank, (hit, in_section) in enumerate(sorted(best.values(), key=lambda h: -h[0].score)):
        entry = docs.get(hit.passage.doc_id) or {}
        if own_kind and entry.get("body_kind") != own_kind:
            continue  # another kind's problems are not this body's
        if doc is None and entry.get("genre") in OFF_MATTER_GENRES:
            continue  # a government's problems of the economy are not those of its rule-of-law work
        plan_context = bool(re.search(r"下一步|下步|今后", hit.passage.text))
        sents = sentences_from_text(
            hit.passage.text,
            hit.passage.doc_id,
            list(hit.passage.section),
            float(hit.score) - 0.01 * rank + doc_affinity(docs.get(hit.passage.doc_id), profile.body),
            items=True,
            title=hit.title,
        )
        in_item = False  # outside a 问题/打算 heading: an item found by its cue keeps the sentences under it
        for sent in sents:
            cue = (
                PROBLEM_CUE_RE.search(sent.text)
                if problems
                else (plan_context and PLAN_CUE_RE.match(sent.text))
            )
            if sent.item_start:
                in_item = bool(cue)
            if LEAD_IN_RE.search(sent.text) or sent.text in used:
                continue
            if not in_section and not in_item:
                continue
            if not in_section or cue:
                sent.score += 0.05
            if sent.item_start:
                sent.score += 0.3
            if answer_to:
                sent.score += 0.4 * max(similarity(sent.text, a) for a in answer_to)
            sentences.append(sent)
    return sentences


def _item_body(
    title: str,
    sentences: list[Sentence],
    used: set[str],
    profile: Profile,
    allowed: AllowedFacts,
    problems: bool,
    personal: bool = True,
) -> list[tuple[Sentence | None, str]]:
    """A body for an item whose source gave none: the closest unused sentence on its topic, or a marker."""
    ranked = sorted(
        (s for s in sentences if not s.item_start and s.text not in used and 12 <= len(s.text) <= 120),
        key=lambda s: -similarity(s.text, title),
    )
    for cand in ranked[:6]:
        if similarity(cand.text, title) < 0.2:
            break
        text = _impersonal(render_sentence(cand, {}, profile, allowed), personal)
        if (
            text
            and similarity(text, title) < 0.8
            and not any(similarity(text, u) >= 0.7 for u in used)
            and not is_filler(text)  # a slogan is no body of an item (r52)
        ):
            used.add(cand.text)
            return [(cand, text)]
    return []  # the title asks for the rest (never a bare marker sentence: blind reads r59, r62)


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


def _impersonal(text: str | None, personal: bool) -> str | None:
    """An item of a report in the body's name (我们) is not about a leader's 第一责任人 duty (that report
    has its own part for it); 本人 and 带头 are handled for every sentence by ``render_sentence``."""
    if personal or not text:
        return text
    return None if "第一责任人" in text or "一把手" in text else text
