"""A figure is counted under the user's own name for it (blind reads r38, r39).

An exemplar sentence names what it counts in its own words, often a quoted name of another body's
campaign (已创建“法治示范社区”*个). When the user's row fills that slot, the figure must be said under
the user's label (创建民主法治示范村（社区）), never a narrower or another body's name; when the label's
own verb is not the sentence's, the row is said in a sentence of its own.
"""

from __future__ import annotations

import pytest

from assistant.draft import lint
from assistant.draft.compose.fill import renamed_object
from assistant.draft.tables.metrics import rows_from_records


def _row(label: str, value: str = "3", unit: str = "个"):
    (row,) = rows_from_records([{"指标": label, "数值": value, "单位": unit}])
    return row


def _apply(text: str, edits) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


@pytest.mark.parametrize(
    ("text", "label", "want"),
    [
        (
            "坚持把法治建设与“法治示范社区”创建相结合，已创建“法治示范社区”*个。",
            "创建民主法治示范村（社区）",
            "已创建民主法治示范村（社区）*个。",
        ),
        ("全年培育“法治带头人”*名。", "培育法律明白人", "全年培育法律明白人*名。"),
        ("建成“法治文化广场”*个。", "法治文化阵地", "建成法治文化阵地*个。"),  # a noun label: its words
    ],
)
def test_an_exemplars_name_gives_way_to_the_users_label(text, label, want):
    edits = renamed_object(text, text.index("*"), _row(label))
    assert edits is not None and _apply(text, edits) == want


def test_the_users_own_name_stays():
    text = "已创建“民主法治示范村”*个。"
    assert renamed_object(text, text.index("*"), _row("创建民主法治示范村")) == []


def test_another_verb_gives_the_row_its_own_sentence():
    text = "申报市级“法治示范社区”*个。"  # the user's row says 创建, the sentence 申报
    assert renamed_object(text, text.index("*"), _row("创建民主法治示范村（社区）")) is None


def test_the_lint_finds_a_figure_under_a_name_the_user_never_gave():
    rows = [_row("创建民主法治示范村（社区）", "3")]
    found = lint.renamed(["全年已创建“法治示范社区”3个。"], rows)
    assert [d.lint for d in found] == ["renamed"]
    assert lint.renamed(["全年创建民主法治示范村（社区）3个。"], rows) == []
    assert lint.renamed(["开展“宪法进万家”活动3场。"], [_row("“宪法进万家”活动", "3", "场")]) == []


@pytest.mark.parametrize(
    ("text", "label", "want"),
    [
        ("全年发放资料*份。", "发放劳动法律法规宣传资料", "全年发放劳动法律法规宣传资料*份。"),  # r40
        ("全年发放资料*份。", "劳动法律法规宣传资料", "全年发放劳动法律法规宣传资料*份。"),
        ("开展普法宣传活动*场次。", "开展普法宣传活动", "开展普法宣传活动*场次。"),  # the user's own words
        ("组织开展了普法宣传活动*场次。", "交通法治宣传活动", "组织开展了交通法治宣传活动*场次。"),  # r42
        ("全年受理资料*份。", "发放劳动法律法规宣传资料", None),  # another act: a sentence of its own
        ("全年调解各类矛盾纠纷*件。", "矛盾纠纷排查化解", None),  # r42: 排查化解 is not 调解
    ],
)
def test_a_short_word_for_the_counted_thing_is_widened_to_the_users(text, label, want):
    from assistant.draft.compose.fill import sentences_from_text, slot_object

    (slot,) = sentences_from_text(text, "d", [])[0].slots
    edits = renamed_object(text, slot.start, _row(label, unit="份"), slot_object(slot))
    assert (edits if want is None else _apply(text, edits)) == want
