"""A heading's listed institutions that the section never mentions get a visible marker (issue 18).

The r3 blind read found a 市委's (四) 落实法律顾问、公职律师制度和合法性审查制度 filled with a sentence on
三重一大 only: the gap was invisible. Every official heading with a ``、`` list of institutions is checked;
lists of activities or principles (谋划部署、听取汇报; 从严治党、依规治党) are not items.
"""

from __future__ import annotations

import pytest

from assistant.draft.compose.coverage import _mentioned, heading_items, uncovered_marker
from assistant.draft.outline.genres import load_genres
from assistant.draft.report import DraftRequest, draft_report
from assistant.draft.tables.metrics import rows_from_records
from assistant.lang.markers import MARKER_RE


@pytest.mark.parametrize(
    ("title", "items"),
    [
        (
            "严格依法依规决策，落实法律顾问、公职律师制度和合法性审查制度情况",
            ["法律顾问", "公职律师", "合法性审查"],
        ),
        (
            "支持人大、政府、政协、法院、检察院依法依章程履职，督促班子成员依法办事",
            ["人大", "政府", "政协", "法院", "检察院"],
        ),
        ("支持人大、政府、纪委依法依章程履职，不干预司法活动情况", ["人大", "政府", "纪委"]),
        (
            "依法履行司法行政职能，做好法律援助、人民调解、社区矫正和公共法律服务情况",
            ["法律援助", "人民调解", "社区矫正", "公共法律服务"],
        ),
        ("加强党对法治建设的领导，谋划部署、听取汇报、研究解决重大问题情况", None),
        ("落实全面从严治党、依规治党，加强党内法规制度建设和执行情况", None),
        ("严格公正司法、规范司法行为，自觉接受监督", None),
        ("带头学习贯彻习近平法治思想，贯彻落实党中央关于全面依法治国重大决策部署情况", None),
    ],
)
def test_heading_items(title, items):
    found = heading_items(title)
    assert (found[0][1] if found else None) == items


def test_marker_names_only_what_is_missing():
    title = "严格依法依规决策，落实法律顾问、公职律师制度和合法性审查制度情况"
    assert uncovered_marker(title, "聘请法律顾问，落实公职律师制度，严格合法性审查。") == ""
    assert uncovered_marker(title, "聘请法律顾问。") == "【待补充：公职律师、合法性审查相关情况】。"
    assert (
        uncovered_marker(title, "坚持民主决策。")
        == "【待补充：落实法律顾问、公职律师制度和合法性审查制度情况】。"
    )


def test_every_official_list_heading_parses_to_short_items():
    """Over every heading of every genre (and every kind's variant), a parsed list has only short nouns."""
    titles = set()
    for genre in load_genres().values():
        for sec in genre.sections:
            for node in (sec, *sec.subpoints):
                titles.add(node.title)
                titles.update(
                    getattr(node, "titles", {}).values()
                    if isinstance(getattr(node, "titles", None), dict)
                    else ()
                )
    parsed = [items for t in titles for _c, items in heading_items(t)]
    assert parsed, "no official heading lists institutions"
    assert all(2 <= len(i) <= 6 for items in parsed for i in items)


def test_draft_marks_the_unfilled_items(sample_settings):
    rows = rows_from_records([{"指标": "市委常委会会议专题研究法治建设", "数值": "5", "单位": "次"}])
    draft = draft_report(
        DraftRequest(genre="述法报告", rows=rows, org="中共南湖市委员会", year=2026), sample_settings
    )
    assert draft.flags == [] and draft.voice == []
    checked = 0
    for section in draft.sections:
        for par in section.paragraphs:
            markers = " ".join(m.group(0) for m in MARKER_RE.finditer(par.text))
            for _clause, items in heading_items(par.heading or ""):
                for item in items:
                    checked += 1
                    assert _mentioned(item, par.text), (par.heading, par.text)
                assert markers or all(_mentioned(item, par.text) for item in items)
    assert checked >= 5  # (四) 法律顾问… and (五) 人大、政府… are in every 市委 述法报告


def test_a_heading_item_said_with_a_word_between_is_covered():
    """合法合规性审查 speaks of the heading's 合法性审查: no second marker asks for it (blind read r13)."""
    title = "严格依法依规决策，落实法律顾问、公职律师制度和合法性审查制度情况"
    text = "坚持重大决策合法合规性审查，【待补充：合法合规性审查情况】。健全法律顾问和公职律师工作机制。"
    assert uncovered_marker(title, text) == ""
    assert uncovered_marker(title, "健全法律顾问和公职律师工作机制。") != ""


def test_the_sentence_asking_for_an_item_asks_for_nothing_said():
    """Blind read r51: after two figures on 法律顾问, 发挥法律顾问和公职律师…作用，【待补充…】 was a third sentence on
    them; the sentence that asks for 公职律师 alone is taken, or none."""
    from assistant.draft.compose.coverage import covering_sentence

    both = "发挥法律顾问和公职律师在决策中的作用，【待补充：法律顾问、公职律师参与决策的情况】。"
    alone = "落实公职律师制度，【待补充：公职律师参与决策的情况】。"
    assert covering_sentence(["公职律师"], [both, alone], ("法律顾问",)) == alone
    assert covering_sentence(["公职律师"], [both], ("法律顾问",)) == ""
    assert covering_sentence(["公职律师"], [both]) == both
