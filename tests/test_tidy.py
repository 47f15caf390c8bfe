"""Nothing said twice (issue 18 item 8): a clause repeated in one sentence keeps its first occurrence,
and near-identical sentences of a draft are collapsed (assistant/draft/compose/tidy.py)."""

from __future__ import annotations

import pytest

from assistant.draft import lint
from assistant.draft.compose.tidy import collapse_repeats, drop_repeated_clauses
from assistant.types import Draft, Paragraph, SectionDraft, Span

FENGQIAO = "坚持和发展新时代“枫桥经验”，全年调处化解矛盾纠纷142件，坚持和发展新时代“枫桥经验”，推动矛盾纠纷就地化解。"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (FENGQIAO, "坚持和发展新时代“枫桥经验”，全年调处化解矛盾纠纷142件，推动矛盾纠纷就地化解。"),
        (
            "坚持和发展新时代“枫桥经验”，全年调处化解矛盾纠纷142件，坚持和发展新时代“枫桥经验”推动矛盾纠纷就地化解。",
            "坚持和发展新时代“枫桥经验”，全年调处化解矛盾纠纷142件，推动矛盾纠纷就地化解。",
        ),
        ("加强组织领导，压实工作责任，加强组织领导。", "加强组织领导，压实工作责任。"),
    ],
)
def test_a_clause_said_twice_keeps_its_first_occurrence(before, after):
    assert lint.phrase_twice(before, size=6)
    assert drop_repeated_clauses(before) == after
    assert lint.phrase_twice(after) == []


@pytest.mark.parametrize(
    "clean",
    [
        "深入开展普法宣传，深入开展普法宣传进社区活动。",  # a short lead opening a longer clause stays
        "学习宣传《宪法》，学习宣传《民法典》，全年开展23场次。",
        "全年办理案件12件，办理案件12件。",  # figures: left to the number and near-duplicate checks
        "送法进村、送法进校园、送法进企业。",
    ],
)
def test_clean_sentences_are_left_alone(clean):
    assert drop_repeated_clauses(clean) == clean


def test_collapse_keeps_text_and_spans_in_step():
    sentence_2 = "严格落实重大行政决策合法性审查制度，切实做到应审尽审。"
    text = FENGQIAO + "严格落实重大行政决策合法性审查制度，做到应审尽审。" + sentence_2
    para = Paragraph(text=text, spans=[Span(text=FENGQIAO, kind="own"), Span(text=sentence_2, kind="own")])
    draft = Draft(title="t", genre="工作总结", org=None, year=2024)
    draft.sections.append(SectionDraft(key="k", title="一、工作", level=1, paragraphs=[para]))
    assert collapse_repeats(draft) == 1
    assert para.text.count("枫桥经验") == 1 and sentence_2 not in para.text
    assert [s.text for s in para.spans] == [para.text[: para.text.index("。") + 1]]
    assert lint.near_duplicate([para.text]) == [] and lint.phrase_twice(para.text) == []
