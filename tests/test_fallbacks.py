"""The genre's own wording for thin sections (issue 18 item 7): ``fallback:`` in genres.yaml.

For every genre, every performance section a body's outline keeps and every body of every kind ×
level (tests/matrix_cases.py, plus the departments and sides of tests/test_voice_invariant.py), the
sentences the body gets are checked as a class: 2–4 of them, each naming a concrete measure (not a
filler once its marker is taken away), each ending in a 【待补充：…】 marker that asks for the body's
own facts, no figure, no named period that ends, no two saying the same thing, and nothing the one
term scanner (draft/voice/scan.py) would rewrite or drop for that body.
"""

from __future__ import annotations

import functools
import re

import pytest

from assistant.draft.compose.sections import FULL, TOPIC_KEY, _fallbacks
from assistant.draft.compose.tidy import topics
from assistant.draft.outline.genres import GenreSection, load_genres
from assistant.draft.voice.adapt import repair_wording
from assistant.draft.voice.scan import scan
from assistant.lang.bodies import detect_body
from assistant.lang.body_outline import fallback_for, genre_for_body, writer_refusal
from assistant.lang.filler import is_filler
from assistant.lang.markers import MARKER_RE, strip_markers
from assistant.lang.periods import current_periods
from assistant.lang.similarity import similarity
from tests.matrix_cases import bodies as matrix_bodies
from tests.test_judicial_outlines import ADMIN
from tests.test_voice_invariant import ORGS

ENDS_WITH_MARKER_RE = re.compile(r"【待补充：[^【】]{2,}】。$")
#: Han characters a sentence holds besides its marker: a measure and how it is carried out (落实党内法规
#: 执行责任制 alone is a heading's words, and repeats the 打算 item 压实党内法规执行责任 of the same draft)
CORE_MIN = 16


@functools.cache
def _bodies() -> list:
    found = [detect_body(b.org) for b in matrix_bodies(per_combo=3)]
    found += [detect_body(org, kind=kind) for org, kind in ORGS]
    return [b for b in found if b is not None and b.kind]


def _leaves(sections: list[GenreSection]) -> list[GenreSection]:
    out = []
    for sec in sections:
        if sec.subpoints:
            out += _leaves(sec.subpoints)
        elif sec.kind in ("performance", "duty"):
            out.append(sec)
    return out


def _cases() -> list[tuple[str, str, object, list[str]]]:
    """(genre, section key, body, the body's fallback sentences) for every section a body's outline keeps."""
    out = []
    for name, genre in load_genres().items():
        for body in _bodies():
            if writer_refusal(genre, body):
                continue
            for sec in _leaves(genre_for_body(genre, body).sections):
                out.append((name, sec.key, body, sec.fallback))
    return out


def test_every_section_has_the_genres_wording_for_every_body():
    thin = [(g, k, b.name, len(f)) for g, k, b, f in _cases() if not 2 <= len(f) <= 4]
    assert not thin, thin[:20]


def test_every_list_of_the_data_holds_two_to_four_sentences():
    """Also the lists no body of the matrix gets today (a 通用 list for a kind added later)."""
    bad = [
        (genre.name, sec.key, key, len(lst))
        for genre in load_genres().values()
        for sec in _leaves(genre.sections)
        for key, lst in sec.fallbacks.items()
        if not 2 <= len(lst) <= 4
    ]
    assert not bad, bad


def test_each_sentence_is_a_concrete_measure_with_a_marker_and_no_figure():
    sentences = {s for *_, f in _cases() for s in f}
    assert len(sentences) > 100
    bad = []
    for s in sorted(sentences):
        if not ENDS_WITH_MARKER_RE.search(s):
            bad.append(("no closing marker", s))
        if re.search(r"\d", strip_markers(s)) or re.search(r"[０-９]", s):
            bad.append(("figure", s))
        if any(current_periods(s, year) != s for year in range(2024, 2041)):
            bad.append(("named period that ends", s))
        if is_filler(strip_markers(s)):
            bad.append(("filler without its marker", s))
        if len(re.findall(r"[\u4e00-\u9fff]", strip_markers(s))) < CORE_MIN:
            bad.append(("too short to say how", s))
        if re.search(r"{\w+}", s):
            bad.append(("placeholder", s))
    assert not bad, bad


def test_the_term_scanner_keeps_every_sentence_for_every_body_it_is_for():
    bad = []
    for genre, key, body, sentences in _cases():
        for s in sentences:
            s = repair_wording(s, body)  # as drafting gives it: the body's wording rules applied
            hits = scan(s, body)
            if hits:
                bad.append((genre, key, body.name, s, [(h.word, h.reason) for h in hits]))
    assert not bad, bad[:10]


#: kinds that neither decide nor enforce as administrations: their wording names no administrative duty
NOT_ADMINISTRATIONS = {"党委", "法院", "检察院", "政法委", "党委部门"}


def test_party_and_judicial_bodies_get_no_administrative_duty():
    bad = [
        (genre, key, body.name, s)
        for genre, key, body, sentences in _cases()
        if body.kind in NOT_ADMINISTRATIONS
        for s in sentences
        if ADMIN.search(s)
    ]
    assert not bad, bad[:10]


def test_a_bodys_sentences_of_one_section_say_different_things():
    bad = []
    for genre, key, body, sentences in _cases():
        for i, a in enumerate(sentences):
            for b in sentences[i + 1 :]:
                if similarity(a, b) > 0.5 or topics(a) & topics(b):
                    bad.append((genre, key, body.name, a, b))
    assert not bad, bad[:10]


def test_wording_is_keyed_like_headings():
    """A key of ``fallback:`` is a department, kind@level, kind, group@level, group or 通用 (a typo would
    leave the section silently without wording for the body it names)."""
    from assistant.lang.body_model import bodies

    model = bodies()
    kinds = set(model.kinds)
    groups = {spec.group for spec in model.kinds.values()}
    levels = set(model.level_rank)
    departments = set(model.departments) | {b.department for b in _bodies() if b.department}
    bad = []
    for genre in load_genres().values():
        for sec in _leaves(genre.sections):
            for key in sec.fallbacks:
                head, _, level = key.partition("@")
                ok = key == "通用" or (
                    head in kinds | groups | departments and (not level or level in levels)
                )
                if not ok:
                    bad.append((genre.name, sec.key, key))
    assert not bad, bad


@pytest.mark.parametrize(
    ("org", "key", "word"),
    [
        ("青山县红星镇党委", "supervision", "督促班子成员依法办事，"),  # 党委@乡级
        ("中共松溪县委员会", "supervision", "支持法院、检察院"),  # 党委
        ("中共青山县委组织部", "talent", "用人导向"),  # department
        ("中共青山县委政法委员会", "talent", "学法考试制度"),  # group 党务
        ("青山县人民法院", "judicial", "审判执行"),  # kind
    ],
)
def test_most_specific_key_wins(org, key, word):
    genre = load_genres()["述法报告"]
    body = detect_body(org)
    sec = next(s for s in _leaves(genre.sections) if s.key == key)
    assert any(word in s for s in fallback_for(sec, body)), fallback_for(sec, body)


def test_markers_are_the_only_gaps():
    for *_, sentences in _cases():
        for s in sentences:
            assert MARKER_RE.search(s)


# --- when a section draws on them (draft/compose/sections.py) ---------------------------------------


FILLER = "注重统筹谋划，强化制度设计，推动高效落实。"
CONTENT = "严格落实行政执法公示制度，执法信息在规定时限内公开。"
WORDS = [
    "深化“放管服”改革，动态调整权责清单，推行证明事项告知承诺制，【待补充：本年度权责清单调整情况】。",
    "持续优化法治化营商环境，推进政务服务标准化、规范化、便利化，【待补充：优化营商环境的主要举措】。",
    "推进“互联网+政务服务”，推动更多政务服务事项网上办、掌上办，【待补充：政务服务事项网上可办情况】。",
]


def _node() -> GenreSection:
    return GenreSection(key="functions", title="依法全面履行政府职能", fallback=list(WORDS))


def _chosen(*texts: str) -> list:
    return [(n, t, None) for n, t in enumerate(texts)]


def test_filler_is_filler():
    assert is_filler(FILLER) and not is_filler(CONTENT)


def test_a_thin_section_gets_what_it_lacks_of_full():
    assert _fallbacks(_node(), _chosen(), set()) == WORDS[:FULL]
    assert _fallbacks(_node(), _chosen(CONTENT), set()) == WORDS[: FULL - 1]
    assert (
        _fallbacks(
            _node(), _chosen(CONTENT, CONTENT + "。", "另一句内容：落实重大执法决定法制审核制度。"), set()
        )
        == []
    )


def test_a_filler_sentence_counts_for_nothing():
    assert _fallbacks(_node(), _chosen(CONTENT, FILLER), set()) == WORDS[: FULL - 1]


def test_never_what_a_chosen_sentence_or_the_draft_has_said():
    said = "深化“放管服”改革，动态调整权责清单，推行证明事项告知承诺制。"
    assert WORDS[0] not in _fallbacks(_node(), _chosen(said), set())
    assert WORDS[0] not in _fallbacks(_node(), _chosen(), {TOPIC_KEY + "权责清单"})  # said in another section
    assert WORDS[1] not in _fallbacks(_node(), _chosen(), {WORDS[1]})  # this very sentence, elsewhere


def test_never_one_asking_for_the_matter_of_a_figure_the_section_states():
    """全年办理行政应诉案件63件 beside 【待补充：本年度行政复议、行政应诉案件…情况】 asks for what is given
    (blind read r5): a fallback naming the kind of a figure of the section is left out."""
    from assistant.draft.tables.metrics import rows_from_records

    rows = rows_from_records([{"指标": "政务服务事项网上可办", "数值": "120", "单位": "项"}])
    assert rows[0].kind == "supervise.open"
    left = _fallbacks(_node(), _chosen(), set(), None, rows)
    assert left == [WORDS[1]]  # 政务服务事项 and 告知承诺制 name the kind of the figure given


def test_every_needs_rule_has_a_fallback_that_meets_it_for_every_body():
    """A part with ``needs:`` (the head's own study in a 述法报告) can always meet it: for every body, its
    fallbacks hold a sentence matching the rule once the body's wording is applied."""
    checked = 0
    for genre in load_genres().values():
        for body in _bodies():
            if writer_refusal(genre, body):
                continue  # a genre the body does not write
            for sec in genre_for_body(genre, body).sections:
                for node in [sec, *sec.subpoints]:
                    if node.needs:
                        found = [
                            f
                            for f in (repair_wording(s, body) for s in node.fallback)
                            if re.search(node.needs, f)
                        ]
                        assert found, (genre.name, body.name, node.key)
                        checked += 1
    assert checked > 50


#: zero rows a clerk writes (全年未发生…), and the matters each says there was none of
ZERO_ROWS = [
    ("行政复议及行政诉讼案件", "件", ("复议", "诉讼")),
    ("以局名义制发规范性文件", "件", ()),  # the whole label is the matter: too specific to match
    ("规范性文件", "件", ("规范性文件",)),
    ("行政诉讼败诉案件", "件", ()),  # no 败诉 of its own: a zero of losses keeps what speaks of lawsuits
]


@pytest.mark.parametrize(("label", "unit", "matters"), ZERO_ROWS)
def test_no_fallback_presumes_cases_the_table_says_there_were_none_of(label, unit, matters):
    """Blind read r54: 认真执行生效的行政复议决定和法院裁判，【待补充：复议决定和裁判执行情况】 beside
    全年未发生行政复议及行政诉讼案件. Over every section and body: no sentence the genre's wording gives
    beside the zero names its matter outside the marker, and the zero takes only what names it."""
    from assistant.draft.tables.metrics import rows_from_records

    (row,) = rows_from_records([{"指标": label, "数值": "0", "单位": unit}])
    seen = kept_with = 0
    for name, genre in load_genres().items():
        for body in _bodies()[::5]:
            if writer_refusal(genre, body):
                continue
            for sec in _leaves(genre_for_body(genre, body).sections):
                alone = _fallbacks(sec, [], set(), body, [])
                beside = _fallbacks(sec, [], set(), body, [row])
                for s in beside:
                    text = MARKER_RE.sub("", s)
                    assert not any(m in text for m in matters), (name, sec.key, body.name, s)
                seen += any(any(m in MARKER_RE.sub("", s) for m in matters) for s in alone)
                kept_with += len(beside)
    assert kept_with > 100  # the zero drops only what speaks of its matter
    if matters:
        assert seen > 0  # the wording does speak of the matter where nothing is zero
