"""Content that fits the body's level and speciality (issue 18 item 6, coverage as a class).

The lint ``fit`` (assistant/draft/audit/fit.py, data/business.yaml) is a second opinion beside the
``scope:`` entries of bodies.yaml: it finds the blind readers' examples, and it finds nothing in what
the rewriting keeps, over every sentence of the samples (and of the provincial reports when
../shared is there) for bodies of every kind and level. An item of a list outside the scope is taken
out of the list; a sentence is dropped only when nothing of it fits.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from matrix_cases import bodies

from assistant.draft import lint
from assistant.draft.voice.adapt import adapt
from assistant.ingest.pipeline import parse_file
from assistant.lang.bodies import detect_body

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SENTENCE_RE = re.compile(r"[^。！？；\n]+[。！？；]?")

#: The blind readers' examples (issue 18 follow-up), with the bodies whose drafts carried them.
EXAMPLES = [
    (
        "结合“八五”普法，采取群众喜闻乐见的形式开展“法治进村”“送法入户”等普法宣传，"
        "利用“安全生产月”、国际禁毒日、国家宪法日等活动开展法律咨询和集中宣传。",
        ["南湖市人民政府", "南湖经济技术开发区管委会", "中共丰源县委组织部"],
    ),
    (
        "坚持普法工作与法治实践相结合，把法治宣传教育融入到机构编制管理的各个环节和全过程。",
        ["中共丰源县委组织部"],
    ),
    (
        "严格执行矛盾纠纷排查“日报告”制度，建立矛盾纠纷排查化解台账，切实将各类矛盾纠纷解决在基层、"
        "控制在当地、化解在一线。",
        ["青山县审计局", "中共丰源县委组织部"],
    ),
    ("充分利用农村应急广播、“村村响”、电子显示屏、宣传栏开展普法宣传。", ["中共松溪县委员会"]),
]


@pytest.mark.parametrize(("text", "orgs"), EXAMPLES)
def test_the_lint_finds_the_blind_readers_examples(text, orgs):
    for org in orgs:
        assert lint.fit([text], detect_body(org)), org


def test_the_lint_passes_them_for_their_owners():
    town = detect_body("青山县红星镇党委")
    for text, _orgs in EXAMPLES[:1] + EXAMPLES[2:]:
        assert lint.fit([text], town) == [], text
    assert lint.fit([EXAMPLES[1][0]], detect_body("中共青山县委编办")) == []
    assert lint.fit([EXAMPLES[2][0]], detect_body("青山县司法局")) == []


def test_a_users_own_label_is_never_a_finding():
    text = "全年开展送法入户活动36场。"
    body = detect_body("南湖市人民政府")
    assert lint.fit([text], body)
    assert lint.fit([text], body, ["送法入户活动"]) == []


@pytest.mark.parametrize(
    ("org", "text", "expected"),
    [
        (
            "青山县司法局",
            EXAMPLES[0][0],
            "结合“八五”普法，采取群众喜闻乐见的形式开展“法治进村”“送法入户”等普法宣传，"
            "利用国家宪法日等重要节点开展法律咨询和集中宣传。",
        ),
        ("南湖市人民政府", EXAMPLES[3][0], "充分利用电子显示屏开展普法宣传。"),
        (
            "南湖市人民政府",
            "利用国际禁毒日、安全生产宣传月、宪法宣传日等活动开展法律咨询。",
            "利用宪法宣传日等重要节点开展法律咨询。",
        ),
        # every item of the first list is outside: its clause goes, the rest of the sentence stands
        (
            "南湖市人民政府",
            EXAMPLES[0][0],
            "结合“八五”普法，利用国家宪法日等重要节点开展法律咨询和集中宣传。",
        ),
        # ... but not a clause that holds a figure, nor the clause that opens the sentence
        (
            "南湖市人民政府",
            "组织开展“法治进村”“送法下乡”等普法宣传活动46场次，深入推进“八五”普法，营造浓厚氛围。",
            None,
        ),
        ("南湖市人民政府", "开展“法治进村”“送法入户”等普法宣传，深入推进“八五”普法，营造浓厚氛围。", None),
        ("中共丰源县委组织部", EXAMPLES[1][0], None),
        ("青山县审计局", EXAMPLES[2][0], None),
        ("青山县红星镇党委", EXAMPLES[0][0], EXAMPLES[0][0].replace("等活动", "等重要节点")),
        # another place's numbered rules leave the list; the centre's 八项规定 stays
        (
            "沙河县市场监督管理局",
            "严格遵守中央八项规定、省委九项和市委十项规定，个人办公用房和公务车辆均按标准使用。",
            "严格遵守中央八项规定，个人办公用房和公务车辆均按标准使用。",
        ),
    ],
)
def test_an_item_outside_the_scope_leaves_its_list(org, text, expected):
    """A list keeps its other items; a list all of whose items are outside goes with its comma clause
    (not the sentence's first, nor one holding a figure); a sentence whose only matter is outside goes."""
    assert adapt(text, detect_body(org)) == expected


#: Bodies of every kind and level: one generated body of each kind × level of the matrix.
@functools.cache
def _bodies():
    seen, out = set(), []
    for b in bodies():
        if (b.kind, b.level) not in seen:
            seen.add((b.kind, b.level))
            out.append(detect_body(b.org))
    return out


def _kept_findings(sentences):
    bad = []
    for body in _bodies():
        for sent in sentences:
            kept = adapt(sent, body)
            if kept:
                bad += [f"{body.name}: {d.detail} ← {kept[:60]}" for d in lint.fit([kept], body)]
    return bad


def test_what_the_rewriting_keeps_fits_the_body():
    """Every sample sentence × a body of every kind and level: the lint finds nothing adapt kept."""
    sentences = [
        s for p in sorted(CORPUS.glob("*.txt")) for d in parse_file(p) for s in SENTENCE_RE.findall(d.text)
    ]
    assert len(sentences) > 250
    assert _kept_findings(sentences) == []


@pytest.mark.slow
def test_what_the_rewriting_keeps_fits_the_body_provincial(shared_dir):
    batch = shared_dir / "corpora" / "provincial-gwr-2026" / "all_provinces_2026.jsonl"
    if not batch.exists():
        pytest.skip("no provincial reports")
    sentences = [s for d in parse_file(batch) for s in SENTENCE_RE.findall(d.text)]
    picked = [s for s in sentences if any(lint.fit([s], body) for body in _bodies())]
    assert picked  # the grassroots words of the reports (农家书屋, 田间地头 …)
    assert _kept_findings(picked) == []
