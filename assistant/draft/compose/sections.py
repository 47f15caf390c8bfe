"""Sentence-level composition of draft paragraphs from past reports' phrasing.

``draft_section_text`` builds one performance paragraph for a section (exemplar sentences chosen
for relevance, the user's rows filled in, unmatched rows given sentences of their own);
``draft_list_section`` (:mod:`assistant.draft.compose.lists`) builds the numbered 存在问题 / 下一步打算 items.
Both draw on :mod:`assistant.draft.compose.fill` for every fact-bearing edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace as dc_replace
from typing import Any

from assistant.draft.audit.guard import AllowedFacts
from assistant.draft.compose.coverage import (
    covering_sentence,
    heading_items,
    uncovered_items,
    uncovered_marker,
)
from assistant.draft.compose.fill import (
    TOPIC_MIN,
    Sentence,
    render_sentence,
    sentences_from_text,
    strip_enumeration,
)
from assistant.draft.compose.grammar import self_named, tokens
from assistant.draft.compose.matching import assign_rows
from assistant.draft.compose.notes import with_note
from assistant.draft.compose.phrasing import is_stated, render_value, row_sentences_with_rows
from assistant.draft.compose.profile import Profile
from assistant.draft.compose.provenance import figure, make_span, row_note
from assistant.draft.compose.routing import RESPONDENT_RE
from assistant.draft.compose.tidy import drop_topic_clauses, topics
from assistant.draft.outline.genres import PLAN_WORDS, PROBLEM_WORDS, GenreSection, fill_placeholders
from assistant.draft.tables.metrics import MetricRow
from assistant.draft.voice.adapt import repair_wording
from assistant.draft.voice.scan import out_of_scope
from assistant.lang.bodies import doc_affinity
from assistant.lang.filler import is_filler
from assistant.lang.markers import missing
from assistant.lang.places import COUNTY_UP_CHARS
from assistant.lang.similarity import similarity
from assistant.lang.vocab import kind_by_id
from assistant.settings import Settings
from assistant.types import Paragraph, Source, Span

LEAD_IN_RE = re.compile(r"主要有|如下|以下|[：:]$|存在一些|清醒地|取得了一定|所有这些问题|加以解决")
PER_DOC_CAP = 3
FULL = 3  # content sentences below which a section is thin and gets the genre's own wording
PLAIN_MIN, PLAIN_ALONE = (
    TOPIC_MIN,
    0.16,
)  # bigram similarity of a plain sentence to its section (see _on_topic)
#: entries of ``used`` that are keys, not sentences, start so; they name a once-only topic the draft has
#: stated, a heading's institution a part asked for (公职律师), a general (filler) sentence it has said
KEY_PREFIX = "\x00"
TOPIC_KEY = KEY_PREFIX + "topic:"
ITEM_KEY = KEY_PREFIX + "item:"
FILLER_KEY = KEY_PREFIX + "filler:"
# a report's opening sentence (2023年，在县委的坚强领导下… / 一年来…做了大量富有成效的工作) never fills a section
OPENING_RE = re.compile(
    r"^(?:(?:19|20)\d\d年(?:以来)?|一年来|一年以来|今年以来)[，,].{0,40}(?:坚强领导下|富有成效|取得了?[^，。]{0,6}成效)"
)
# 通过党委会议、理论学习中心组、干部职工例会等形式集中学习…6次: a count of one format spread over three
STUDY_FORMATS_RE = re.compile(r"通过(?:[^，。；、]{2,14}、){1,4}[^，。；、]{2,14}等(?:形式|方式)")
# a sentence that starts with its verb has no subject (a section's ``subject`` is put before it)
SUBJECTLESS_RE = re.compile(r"^(?:坚持|严格|带头|认真|始终|切实|深入|自觉|全面)")
# a sentence that sums a section up goes before its particulars (在推进…上下功夫, 严格履行…主体责任)
SUMMARY_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+是)?(?:在[^，。]{2,24}上下功夫|严格履行|认真履行|切实履行|始终|坚持以)"
)
#: a sentence of what is to be done (政府要依法接受…监督; 必须坚持…), from a report's plans: no account of the
#: year's work (blind read r25's draft carried 政府要依法接受市人大…的监督 as done)
INTENT_RE = re.compile(
    rf"^(?:(?:各级)?政府|我们|各级[^，。]{{0,6}}|全[{COUNTY_UP_CHARS}]上下)?(?:要|必须)(?![求点素件案闻务害地])"
)
SLOGAN_RE = re.compile(
    r"^[\u4e00-\u9fff]{2,6}，[^，。；]{4,16}。?$|^[\u4e00-\u9fff]{2,8}，[^，。；]{4,10}。?$"
)  # 抓宣传，做好法治宣传教育引导。 (a run-in heading); 坚持民主集中制，健全决策机制。 (a slogan: 4 of 4 readers deleted it)


def _search(
    query: str, settings: Settings, k: int, section: str | None = None, doc: str | None = None
) -> list[Any]:
    from assistant.index.search import search

    return search(query, settings, k=k, section=section, doc=doc)


def _documents(settings: Settings) -> dict[str, Any]:
    """The index manifest's document entries (body kind and level of each document)."""
    from assistant.index.search import get_searcher

    try:
        return dict(get_searcher(settings).store.manifest.get("documents", {}))
    except Exception:  # noqa: BLE001 - a missing index is reported by the search itself
        return {}


def _candidate_sentences(
    query: str, settings: Settings, kind: str, k: int = 12, body: Any = None, doc: str | None = None
) -> list[Sentence]:
    hits = _search(query, settings, k, doc=doc)
    docs = _documents(settings) if body is not None else {}
    sentences: list[Sentence] = []
    for rank, hit in enumerate(hits):
        path = hit.passage.section[0] if hit.passage.section else ""  # 存在问题/下一步 are top-level parts
        is_problem = any(w in path for w in PROBLEM_WORDS)
        is_plan = any(w in path for w in PLAN_WORDS)
        if kind == "performance" and (is_problem or is_plan):
            continue
        score = float(hit.score) - 0.01 * rank + doc_affinity(docs.get(hit.passage.doc_id), body)
        for sent in sentences_from_text(
            hit.passage.text, hit.passage.doc_id, list(hit.passage.section), score, title=hit.title
        ):
            sent.score += 0.3 * similarity(sent.text, query)
            if kind == "performance" and re.search(
                r"下一步|下步|今后|存在.{0,12}(?:不足|问题|差距)", sent.text
            ):
                break  # the rest of this passage is about problems or plans
            if kind == "performance" and (
                LEAD_IN_RE.search(sent.text)
                or SLOGAN_RE.match(strip_enumeration(sent.text))
                or OPENING_RE.match(sent.text)
                or INTENT_RE.match(strip_enumeration(sent.text))
            ):
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


def _on_topic(sent: Sentence, topic: str, others: tuple[str, ...] = ()) -> bool:
    """A sentence without figures fills a section when it, or the section it came from, is on its matter,
    and its source section is not plainly another section's (a 研究部署 sentence left for 组织领导)."""
    own = similarity(sent.text, topic)
    source = " ".join(sent.section)
    here = similarity(source, topic)
    if own < PLAIN_MIN or (own < PLAIN_ALONE and here < 0.1):
        return False
    return not _elsewhere(source, here, others)


def _elsewhere(text: str, here: float, others: tuple[str, ...]) -> bool:
    """Whether ``text`` (``here`` alike to its own section) is plainly another section's matter."""
    return any((there := similarity(text, o)) >= 0.3 and there > here + 0.1 for o in others)


def _filler_fits(text: str, chosen: list, rows: list[MetricRow], general: list[str], used: set[str]) -> bool:
    """Whether a general (filler) sentence may stand in a section: only when the section has nothing
    concrete to say (no figures routed to it, no content sentence chosen), one per section, and never
    one the draft has said in another section (:mod:`assistant.lang.filler`)."""
    if general or rows or FILLER_KEY + text in used:
        return False
    return not any(not is_filler(t) for _, t, _ in chosen)


def _given_words(rows: list[MetricRow]) -> set[str]:
    """The names (aliases of three letters or more) of the kinds of the section's figures."""
    out: set[str] = set()
    for row in rows:
        kind = kind_by_id(row.kind) if row.kind else None
        out |= {a for a in (kind.aliases if kind else []) if len(a) >= 3}
    return out


def _fallbacks(
    node: GenreSection, chosen: list, used: set[str], body: Any = None, rows: list[MetricRow] | None = None
) -> list[str]:
    """The genre's own sentences (each ending in a 【待补充：…】 marker) a thinly filled section gets:
    as many as it lacks of ``FULL`` content sentences (a general, filler sentence counts for nothing
    and is left out beside them), none that repeats a chosen sentence or a topic the draft has
    stated, none said elsewhere in the draft, and none that asks for the matter of a figure the
    section states (行政应诉 beside 全年办理行政应诉案件63件)."""
    content = [t for _, t, _ in chosen if not is_filler(t)]
    given = _given_words(rows or [])
    out: list[str] = []
    for own in _in_scope_fallbacks(node, body):
        if len(content) + len(out) >= FULL:
            break
        if own in used or is_filler(own):
            continue
        if any(word in own for word in given) or _asks_for_given(own, rows or []):
            continue
        if _presumes_none(own, rows or []):
            continue
        if any(similarity(own, t) > 0.5 for t in [*content, *out]):
            continue
        if said := {t for t in topics(own) if TOPIC_KEY + t in used}:
            own = drop_topic_clauses(own, said)  # 深化以案释法 said again in a fallback (r39)
            if not own or topics(own) & said or own in used:
                continue
        if any(k.startswith(ITEM_KEY) and k[len(ITEM_KEY) :] in own for k in used):
            continue  # an institution a heading listed and an earlier part asked for (公职律师)
        out.append(own)
    return out


#: what a fallback's marker asks for (【待补充：信访事项办理情况】)
_ASKED_RE = re.compile(r"【待补充：([^】]+)】")
#: the words of an ask that name no matter
_ASK_FRAME_RE = re.compile(r"情况|工作|本年度|主要|具体|做法|举措|措施|落实|开展|办理|制定|和|及")


def _asks_for_given(own: str, rows: list[MetricRow]) -> bool:
    """Whether a fallback's marker asks for a matter a figure of the section names (信访事项办理情况 beside
    受理粮食收购类信访事项5件: tune read r45), four characters of it or more in a row's label."""
    asked = "".join(_ASK_FRAME_RE.sub("|", m) for m in _ASKED_RE.findall(own))
    words = [w for w in asked.split("|") if len(w) >= 4]
    grams = {w[i : i + 4] for w in words for i in range(len(w) - 3)}
    return any(g in row.label for g in grams for row in rows if row.number is not None)


#: where a zero row's label splits into matters (行政复议及行政诉讼案件 → 行政复议 | 行政诉讼)
_MATTER_SPLIT_RE = re.compile(r"[及和与、/（）()]|以及")
#: the frame of a matter's name: 行政 before it, a count's noun after it (复议案件 → 复议)
_MATTER_FRAME_RE = re.compile(r"^(?:全年|本年度?|发生|新发生|行政)|(?:案件|事项|数量|件数|起数|数)$")


def _presumes_none(own: str, rows: list[MetricRow]) -> bool:
    """Whether a fallback speaks of a matter the table says there was none of (认真执行生效的行政复议决定
    和法院裁判 beside 全年未发生行政复议及行政诉讼案件: blind read r54): what it asks the user to fill in
    would presume cases the body did not have."""
    text = _ASKED_RE.sub("", own)
    for row in rows:
        if row.number != 0:
            continue
        for part in _MATTER_SPLIT_RE.split(row.label):
            matter = _MATTER_FRAME_RE.sub("", _MATTER_FRAME_RE.sub("", part.strip()))
            if len(matter) >= 2 and matter in text:
                return True
    return False


def _in_scope_fallbacks(node: GenreSection, body: Any = None) -> Iterator[str]:
    """The section's fallback sentences in the body's wording (as reused text gets), without those of a
    duty another kind or level has (公务员初任培训 for a township); lazily, as a caller may stop early."""
    own = (repair_wording(s, body) for s in node.fallback)
    return (s for s in own if body is None or not out_of_scope(s, body))


def _narrow_formats(text: str, fills: dict[int, MetricRow], profile: Profile) -> str:
    """A count of the body's study group (理论学习中心组) is not spread over three meeting formats."""
    body = profile.body
    study = body.role("study") if body is not None else None
    if not study or not any("中心组" in row.label for row in fills.values()):
        return text
    return STUDY_FORMATS_RE.sub(f"通过{study}", text, count=1)


def draft_section_text(
    node: GenreSection,
    rows: list[MetricRow],
    settings: Settings,
    profile: Profile,
    allowed: AllowedFacts,
    used: set[str],
    others: tuple[str, ...] = (),
    doc: str | None = None,
) -> tuple[Paragraph, list[MetricRow]]:
    """One performance paragraph for a section: phrasing from past reports, the user's figures in it.

    Args:
        node: the genre section or sub-point.
        rows: the user's rows routed to it.
        settings: where the index is.
        profile: the user's organisation, place and year.
        allowed: facts the audit accepts.
        used: exemplar sentences already used elsewhere in the draft (updated).
        others: title + query of the draft's other sections; a sentence without figures whose source
            section is clearly one of theirs is left for them.
        doc: draw on this one past report only (a version of the section for the workbench); the
            genre's own fallback wording is then left out, so versions differ by their source.

    Returns:
        The paragraph and the rows that no exemplar slot could take (given sentences of their own).
    """
    query = f"{fill_placeholders(node.title, year=profile.year)} {node.query}"
    topic = f"{node.title} {node.query}"
    sentences = [
        s
        for s in _candidate_sentences(query, settings, "performance", body=profile.body, doc=doc)
        if s.text not in used
    ]
    assignment = assign_rows(rows, sentences, node.title + node.query)
    filled_idx = sorted({s for s, _ in assignment}, key=lambda s: (-sentences[s].score, sentences[s].order))
    per_doc: dict[str, int] = {}
    chosen: list[tuple[int, str, Span]] = []  # (position key, text, provenance)
    sources: list[Source] = []
    dropped: list[Source] = []

    general: list[str] = []  # the section's one general (filler) sentence, if any

    def take(idx: int, key: int, fills: dict[int, MetricRow]) -> bool:
        sent = sentences[idx]
        if not fills and is_filler(sent.text) and not _filler_fits(sent.text, chosen, rows, general, used):
            return False
        if per_doc.get(sent.doc, 0) >= PER_DOC_CAP and not fills:
            return False
        text = render_sentence(sent, fills, profile, allowed, topic)
        if not text and fills:
            dropped.append(Source(doc=sent.doc, section=sent.section, text=sent.text, title=sent.title))
        if not text or any(similarity(text, t) > 0.6 for _, t, _ in chosen):
            return False
        if not fills and BUILT_RE.search(text):
            if doc is None:
                return False  # 建立健全了…制度: what another body had built, told as done (r49, r51, r52)
            # a version of one past report (the workbench) keeps its wording, as a practice, not as done
            text = BUILT_RE.sub(lambda m: m.group(0)[:-1], text)
        if node.avoid and not fills and re.search(node.avoid, text):
            return False  # not this section's matter (廉政 in the 第一责任人 part)
        if said := {t for t in topics(text) if TOPIC_KEY + t in used}:
            # the draft has said it (八项规定 twice, 法律顾问 again under 队伍建设): its clauses go, and a
            # sentence with nothing else of its own goes too (r39: …37场次，深入推进“九五”普法)
            text = drop_topic_clauses(text, said)
            if not text or (not fills and topics(text) & said):
                return False
        if not fills and (here := similarity(text, topic)) < PLAIN_MIN:
            return False  # once adapted, the sentence no longer speaks of the section's matter
        if not fills and _elsewhere(text, here, others):
            return False  # plainly another section's matter (决策程序 under 制度体系, blind read r10)
        text = _narrow_formats(text, fills, profile)
        figures = [figure(render_value(row, sent.slots[k].unit), row) for k, row in sorted(fills.items())]
        chosen.append((key, _finish(text), make_span(_finish(text), sent, figures)))
        used.add(sent.text)
        used.update(TOPIC_KEY + t for t in topics(text))
        if not fills and is_filler(sent.text):
            general.append(sent.text)
            used.add(FILLER_KEY + sent.text)
        per_doc[sent.doc] = per_doc.get(sent.doc, 0) + 1
        src = Source(doc=sent.doc, section=sent.section, text=sent.text, title=sent.title)
        if all((s.doc, s.section) != (src.doc, src.section) for s in sources):
            sources.append(src)
        return True

    placed_rows: set[int] = set()
    for idx in filled_idx:
        fills = {k: row for (s, k), row in assignment.items() if s == idx}
        if take(idx, 100 + len(chosen), fills):
            placed_rows.update(id(r) for r in fills.values())

    plain = sorted(
        (
            i
            for i, s in enumerate(sentences)
            if not s.metric_slots() and 16 <= len(s.text) <= 160 and _on_topic(s, topic, others)
        ),
        key=lambda i: -sentences[i].score,
    )
    leads = 0
    for idx in plain:
        if leads >= 2:
            break
        text = sentences[idx].text
        if is_filler(text) and not _filler_fits(text, chosen, rows, general, used):
            leads += 1  # its place stays empty: a lower-ranked sentence would take another section's matter
            continue
        # a second general sentence follows the first, before the figures (r38: never tacked on after them)
        if take(idx, 0 if leads == 0 else (-1 if SUMMARY_RE.match(text) else 1), {}) and not is_filler(text):
            leads += 1  # a general sentence taken while nothing concrete is there holds no place of its own

    if not rows:
        expected = set(node.metrics)
        marker_pool = [
            i
            for i, s in enumerate(sentences)
            if s.metric_slots() and any(sl.kind in expected for sl in s.metric_slots()) and len(s.text) <= 160
        ]
        for idx in sorted(marker_pool, key=lambda i: -sentences[i].score)[:1]:
            take(idx, 200, {})

    leftovers = [r for r in rows if id(r) not in placed_rows]
    users_facts: set[str] = set()  # the sentences of the user's rows, a none among them (全年未发现…: r61)
    government = profile.body is not None and profile.body.side == "政府"
    for n, (own, used_rows) in enumerate(row_sentences_with_rows(leftovers, profile.body)):
        if (
            profile.voice == "本人"
            and not (government and "党" in own[:12])
            and not JOINT_RE.search(own[:24])
        ):
            own = CHAIRED_RE.sub(r"\1主持召开", own, count=1)  # the head chaired his own body's meetings
            # …and says so: 本人全年主持审判委员会会议22次 (blind read r55: the chair is no one but the head)
            own = CHAIR_RE.sub(r"本人\1主持", own, count=1)
        own = honour_owned(own, profile.self_ref()) if profile.voice == "本人" else unit_held(own)
        if (office := _office_for(used_rows, profile)) and not own.startswith(office):
            # a township's 党委 reporting its government's lawsuits and reviews: the government is their party
            # (blind read r58: never the 党委 or its 书记 as the respondent)
            own = office + own
        lead, sep, rest = own.partition("，")
        if (
            sep
            and rest
            and not re.search(r"\d", lead)
            and topics(lead)
            and all(TOPIC_KEY + t in used for t in topics(lead))
        ):
            own = rest  # the kind's lead (坚持和发展新时代“枫桥经验”) said once per draft (blind read r12)
        used.update(TOPIC_KEY + t for t in topics(own))
        figures = [figure(render_value(r, r.unit), r) for r in used_rows if r.number != 0]
        chosen.append((300 + n, own, Span(text=own, kind="own", figures=figures)))
        users_facts.add(own)
    # a matter a figure of the draft states, here or in another part, is never asked for again (r38)
    stated = [*rows, *profile.rows]
    for n, own in enumerate(_fallbacks(node, chosen, used, profile.body, stated) if doc is None else []):
        chosen.append((400 + n, own, Span(text=own, kind="own")))
        used.add(own)
        used.update(TOPIC_KEY + t for t in topics(own))
    if node.needs and doc is None and not any(re.search(node.needs, t) for _, t, _ in chosen):
        own = next(
            (f for f in (repair_wording(s, profile.body) for s in node.fallback) if re.search(node.needs, f)),
            "",
        )
        if own and own not in used:  # the part's must (the head's own study): its fallback opens the part
            chosen.append((-20, own, Span(text=own, kind="own")))
            used.add(own)
    if any(not is_filler(t) for _, t, _ in chosen):  # a general sentence taken before the content came
        # a user's fact stays (r27), a none too (全年未发现干警违法违纪问题: blind read r61, never dropped as filler)
        chosen = [c for c in chosen if c[2].figures or c[1] in users_facts or not is_filler(c[1])]
    heading, said = fill_placeholders(node.title, year=profile.year), "".join(t for _, t, _ in chosen)
    gap = uncovered_marker(heading, said)
    if gap and chosen and doc is None:  # the heading lists an institution no sentence speaks of
        left = uncovered_items(heading, said)
        own = [f for f in _in_scope_fallbacks(node, profile.body) if f not in used]
        said_items = tuple(i for _c, items in heading_items(heading) for i in items if i not in left)
        # a sentence asking for it, not a bare marker; a system the heading names is framed as one (r54: never a
        # bare 【待补充：公职律师相关情况】)
        gap = covering_sentence(left, own, said_items) or (
            f"落实{'、'.join(left)}制度，{gap}"
            if left and "制度" in heading and gap.startswith("【")
            else gap
        )
        chosen.append((10_000, gap, Span(text=gap, kind="own")))
        used.add(gap)
        used.update(TOPIC_KEY + t for t in topics(gap))  # no later part says it again (r25: 公职律师 twice)
        used.update(ITEM_KEY + i for i in left)
    said_rows = [r for r in rows if is_stated(r, "".join(t for _, t, _ in chosen))]
    chosen = [_asked_given(c, said_rows) for c in chosen]
    noted = {row_note(r): r for r in rows if r.note}
    chosen = [_noted(c, noted) for c in chosen]
    if profile.voice == "本人":  # 全年检察长列席…；…，镇长出庭1次 → 本人全年列席…，本人出庭1次 (r20, r31)
        chosen = [_self_named(c, profile.post) for c in chosen]
    chosen.sort(key=lambda c: c[0])
    chosen = _counts_asked_once(chosen)
    if node.subject:
        chosen = _with_subject(chosen, node, profile)
    elif profile.voice != "本人":
        chosen = [_head_duty(c, profile) for c in chosen]
    text = (
        "".join(t for _, t, _ in chosen) or missing(f"{node.title.removesuffix('情况')}相关工作情况") + "。"
    )
    return Paragraph(text=text, sources=sources, spans=[s for _, _, s in chosen], dropped=dropped), leftovers


#: the words of a 【待补充：…】 ask that name no matter (本年度…的次数和主要内容, …情况)
_ASK_GENERIC = frozenset(
    {
        "本年度",
        "年度",
        "全年",
        "次数",
        "数量",
        "情况",
        "主要",
        "内容",
        "具体",
        "工作",
        "开展",
        "落实",
        "有关",
        "相关",
    }
)
_ASK_GENERIC_RE = re.compile("|".join(_ASK_GENERIC))
_ASK_RE = re.compile(r"，?【待补充：([^【】]{2,40})】")
#: an ask for how often beside what (…学法的次数和主要内容): the count may be given while the content is not
_COUNT_ASK_RE = re.compile(r"的?次数(?:和|及|、|与)(?=\S)")


def without_count(ask: str) -> str:
    """An ask for a count and more with the count taken out (带头学法的次数和主要内容 → 带头学法的主要内容);
    a rest that is an act is asked within the matter (主持研究和听取汇报的次数及研究解决的问题 →
    主持研究和听取汇报中研究解决的问题, never …汇报的研究解决的问题: blind read r39)."""
    m = _COUNT_ASK_RE.search(ask)
    if m is None:
        return ask
    head, rest = ask[: m.start()], ask[m.end() :]
    toks = tokens(rest)
    joint = "中" if toks and (toks[0].verb or toks[0].tag.startswith("v")) else "的"
    return head + joint + rest


def _asked_given(item: tuple[int, str, Span], said: list[MetricRow]) -> tuple[int, str, Span]:
    """A sentence of the past reports whose 【待补充】 asks for what a figure of the part already gives
    (…专题学法的次数和主要内容 after 专题学法5次; 记录报告情况 after 记录报告事项612件): the ask goes, the sentence
    stays (blind read r31: never a marker asking for a figure the draft states)."""
    key, text, span = item
    if span.figures or not said:
        return item
    out = text
    for m in _ASK_RE.finditer(text):
        words = [t.word for t in tokens(m.group(1)) if len(t.word) >= 2 and t.word not in _ASK_GENERIC]
        if words and any(all(w in r.label for w in words) for r in said):
            out = out.replace(m.group(0), "", 1)
        elif (
            words
            and _COUNT_ASK_RE.search(m.group(1))
            and any(w in r.label for w in words for r in said if r.unit_class in ("event", "item", "case"))
        ):  # 会前学法12次 said: the ask is for what was studied, not how often (blind read r32)
            out = out.replace(m.group(0), m.group(0).replace(m.group(1), without_count(m.group(1))), 1)
    if out == text:
        return item
    out = re.sub(r"[，、；]+(?=[。；]|$)", "", out)
    return key, out, dc_replace(span, text=out)


def _counts_asked_once(chosen: list[tuple[int, str, Span]]) -> list[tuple[int, str, Span]]:
    """A later 【待补充】 asking how often beside what (带头学法的次数和主要内容) after an earlier one of the
    paragraph asked for the count of the same matter (集中学习次数): the count is asked once, the later
    ask is for the content (blind read r36: 学习次数 asked twice)."""
    counted: set[str] = set()
    out = []
    for key, text, span in chosen:
        new = text
        for m in _ASK_RE.finditer(text):
            ask = m.group(1)
            matter = set(_ASK_GENERIC_RE.sub("", ask)) - set("的和及与、之在对")
            if _COUNT_ASK_RE.search(ask) and matter & counted:
                new = new.replace(ask, without_count(ask), 1)
            if "次数" in ask:
                counted |= matter
        out.append((key, new, dc_replace(span, text=new)) if new != text else (key, text, span))
    return out


#: an administrative case's party (应诉, 被申请复议, 败诉 … of routing, and 出庭): the administration, never a
#: party committee
_RESPONDENT_RE = re.compile(RESPONDENT_RE.pattern + "|出庭")


def _office_for(rows: list[MetricRow], profile: Profile) -> str:
    """The government of a body whose report speaks for its party committee (镇政府 of a 镇党委), when every
    row of a sentence is an administrative case it is a party to; else ``""``."""
    body = profile.body
    if body is None or body.side != "党委" or not rows:
        return ""
    office = body.role("office") or ""
    if any(office in r.label or "被告" in r.label or "被申请" in r.label for r in rows):
        return ""  # 以街道办事处为被告的…: the label names the party (blind read r68: never 办事处全年以街道办事处为被告…)
    return office if office and all(_RESPONDENT_RE.search(r.label) for r in rows) else ""


def _noted(item: tuple[int, str, Span], noted: dict[str, MetricRow]) -> tuple[int, str, Span]:
    """A chosen sentence with the 备注 of each of its figures said after the figure (…31件，按期办结率100%);
    ``noted``: the rows with a note, by their figures' provenance."""
    key, text, span = item
    for fig in span.figures:
        if (row := noted.get(fig.note)) is not None:
            text = with_note(text, fig.text, row)
    return (key, text, dc_replace(span, text=text)) if text != item[1] else item


def _self_named(item: tuple[int, str, Span], post: str | None) -> tuple[int, str, Span]:
    key, text, span = item
    said = self_named(text, post)
    return (key, said, dc_replace(span, text=said)) if said != text else item


#: a past report's account of what its body had built, in the perfective (建立健全了普法、学法制度, 制定了…办法):
#: that body's finished fact, never this body's without its own figure (blind reads r49, r51, r52: the same
#: sentence of a sample report in every draft's 普法 part)
BUILT_RE = re.compile(r"(?:建立健全|建立|健全|完善|制定|出台|成立|设立|组建|修订|印发)了")
#: a figure sentence of a meeting held (全年召开省委政法委员会全体会议4次): in the head's own 述法报告 he chaired it
CHAIRED_RE = re.compile(r"^((?:全年|年内)?)召开")
#: a figure sentence of the chair's own act, not yet said as his (全年主持审判委员会会议22次)
CHAIR_RE = re.compile(r"^((?:全年|年内)?)主持")
#: what follows a chair's 主持 that is itself an act (主持研究…, 主持审议…), not a meeting to hold
_CHAIRED_ACT_RE = re.compile(r"^(?:召开|研究|审议|审定|听取|部署|讨论|召集)")


def unit_held(own: str) -> str:
    """A figure sentence of a unit's own report opening with a chair's act, said as the unit's: the unit
    holds the meeting or studies the matter; who chaired it is no one the sentence names (全年主持召开局党组会议
    专题研究法治建设工作4次 → 全年召开局党组会议…; 主持审判委员会会议22次 → 召开审判委员会会议22次:
    blind read r67, never a subject-less 主持 in a 工作总结)."""
    m = CHAIR_RE.match(own)
    if not m or own[m.end() :].startswith("人"):  # 主持人培训: a host, no act
        return own
    rest = own[m.end() :]
    return m.group(1) + (rest if _CHAIRED_ACT_RE.match(rest) else "召开" + rest)


#: an honour said with no winner (连续4年获评全县法治建设考核优秀等次, 荣获…先进单位)
UNOWNED_HONOUR_RE = re.compile(
    r"^(?:全年|年内|本年度)?(?:连续\d+年)?(?:获评|荣获|获得|被评为|被命名为|被确定为|入选)"
)
#: an honour a person wins (先进个人, 优秀公务员, 法治工作者): the reporter's own, said as written
PERSONAL_HONOUR_RE = re.compile(r"个人|工作者|公务员|党员|干部|标兵|能手|之星")


def honour_owned(own: str, self_ref: str) -> str:
    """A figure sentence of the head's own report that says a unit's honour with no winner, given the unit as
    its winner (连续4年获评全县法治建设考核优秀等次 → 我局连续4年获评…): after 本人… it read as the head's
    own (blind read r67); an honour a person wins is left as it is."""
    if not UNOWNED_HONOUR_RE.match(own) or PERSONAL_HONOUR_RE.search(own.partition("，")[0]):
        return own
    return self_ref + own


#: a meeting held with other bodies (府院联动联席会议): who chaired it is not the table's to say (r40)
JOINT_RE = re.compile(r"联席|联动|联合|联络|协调会")
#: a sentence on the head's own duty; in a report in the body's name it needs the head as its subject
HEAD_DUTY_RE = re.compile(r"^(?:认真|切实|严格|全面)?(?:履行|落实)[^，。；]{0,16}第一责任人")


def _head_duty(item: tuple[int, str, Span], profile: Profile) -> tuple[int, str, Span]:
    """认真履行推进法治建设第一责任人责任… in a 工作总结 of a court: the body is no 第一责任人, its head is
    (院主要负责同志认真履行…)."""
    return _with_head(item, profile.leader()) if HEAD_DUTY_RE.match(item[1]) else item


def _with_head(item: tuple[int, str, Span], subject: str) -> tuple[int, str, Span]:
    """A chosen sentence given ``subject`` in front (its span follows; a reused sentence is now adapted)."""
    key, text, span = item
    kind = "adapted" if span.kind == "reused" else span.kind
    return key, subject + text, dc_replace(span, text=subject + text, kind=kind)


def _with_subject(
    chosen: list[tuple[int, str, Span]], node: GenreSection, profile: Profile
) -> list[tuple[int, str, Span]]:
    """The part's first sentence names its subject (the body's head in the 第一责任人 part: 县政府主要
    负责同志, 局主要负责人, 本人): a sentence that opens with the head's verb (坚持…亲自部署) is moved
    first and given the subject; without one the genre's ``subject_lead`` opens the part."""
    subject = node.subject.replace("{leader}", profile.leader())
    lead = node.subject_lead.replace("{subject}", subject)
    first = next((i for i, (_k, t, _s) in enumerate(chosen) if SUBJECTLESS_RE.match(t)), None)
    content = any(not is_filler(t) for _k, t, _s in chosen)
    if first is not None and (
        first == 0 or not lead or similarity(chosen[first][1], lead) > 0.5 or (content and is_filler(lead))
    ):  # a general lead never stands beside content: a sentence opening with the head's verb opens the part
        return [_with_head(chosen.pop(first), subject), *chosen]
    if lead and not any(t.startswith(subject) for _k, t, _s in chosen):
        return [(-10, lead, Span(text=lead, kind="own")), *chosen]
    return chosen
