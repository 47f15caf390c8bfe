"""Heading recognition on a table of real heading lines (seeds, provincial reports, laws)."""

from __future__ import annotations

import pytest

from assistant.ingest.structure import build_section_tree, find_title, parse_headings
from assistant.lang.numbering import heading_level, split_heading

# (line, level, run_in, heading text or None for the whole line)
HEADINGS = [
    ("一、2023年度履职情况", 1, False, None),  # S001
    ("一、精心组织、认真学习，全面提升法纪素养", 1, False, None),  # S000
    ("四、四健全一完善，强化机制保障", 1, False, None),  # S002
    (
        "（一）带头深入学习贯彻习近平法治思想，贯彻落实党中央关于全面依法治国的重大决策部署和省州县党委关于全面依法治省、治州、治县的工作要求情况。",
        2,
        False,
        None,
    ),  # S001 stand-alone ending in 。
    (
        "（一）法治建设第一责任人职责落实还有差距。在对习近平法治思想、法律法规学习上，还不够深入。",
        2,
        True,
        "（一）法治建设第一责任人职责落实还有差距。",
    ),  # S001 §二
    (
        "（一）以理论学习提升法治意识。带头认真学习贯彻习近平法治思想，更好发挥法治固根本的作用。",
        2,
        True,
        "（一）以理论学习提升法治意识。",
    ),  # S003
    (
        "1.突出关键少数，加强领导干部和工作人员学法用法。落实中央、省、市关于领导干部学法用法的规定。",
        3,
        True,
        "1.突出关键少数，加强领导干部和工作人员学法用法。",
    ),  # S004
    (
        "4.圆满高效完成行政复议制度改革。按照省市统一部署……",
        3,
        True,
        "4.圆满高效完成行政复议制度改革。",
    ),  # S004
    ("一、2025年工作回顾", 1, False, None),  # 上海
    ("一、“十四五”时期和2025年工作回顾", 1, False, None),  # 云南
    ("（一）全力促进经济平稳健康发展", 2, False, None),  # 上海
    ("(二)聚力落实国家重大战略任务", 2, False, None),  # half-width brackets
    (
        "（三）深化依法行政，推动政府运行更加严格规范。推进科学、民主、依法决策，提升政府立法质效。",
        2,
        True,
        "（三）深化依法行政，推动政府运行更加严格规范。",
    ),  # 上海 §四
    ("十、深入推进“四好农村路”、高速公路服务区建设和提升农村客运服务水平。", 1, False, None),  # 广东 附件
    (
        "4.为全区低收入困难家庭的白内障患者实施免费手术2000例（牵头单位：卫健委）。",
        3,
        False,
        None,
    ),  # 内蒙古 民生实事
    ("1．坚持依法决策", 3, False, None),  # full-width dot
    ("2、加强执法监督", 3, False, None),  # 1、 (common variant)
    ("（1）建立健全工作台账", 4, False, None),
    ("(2)强化考核结果运用。将考核结果作为评优依据。", 4, True, "(2)强化考核结果运用。"),
    ("第一章 总则", 1, False, None),  # laws
    ("第三部分 主要任务", 1, False, None),
    ("第一条 为了规范行政复议，制定本法。", 2, False, None),  # laws: 条 → level 2
    ("第十二条　地方各级人民政府应当依法履行职责。", 2, False, None),
]

NOT_HEADINGS = [
    "2023年以来，我严格按照上级党委、政府和政法委的部署要求，认真贯彻落实依法治国方略。",
    "1.5亿元用于基础设施建设。",
    "2.5",
    "一是精心组织学法。组织学习宣传习近平总书记关于全面依法治国的重要论述。",
    "二是明确职责任务。认真履行依法行政第一责任人责任。",
    "2026-02-09 09:45:30",
    "1、2月份累计完成投资120亿元。",
    "12月4日是国家宪法日。",
    "序号\t项目\t数量",
    "1.\t普法宣传\t11次",
    "“十四五”时期工作回顾",
    "各位代表：",
    "第三方评估机制不断完善。",
    "100%的村（社区）配备法律顾问。",
]


@pytest.mark.parametrize(("line", "level", "run_in", "text"), HEADINGS)
def test_heading_table(line: str, level: int, run_in: bool, text: str | None) -> None:
    assert heading_level(line) == level
    head, body = split_heading(line)
    assert bool(body) is run_in
    assert head == (text or line)


@pytest.mark.parametrize("line", NOT_HEADINGS)
def test_not_headings(line: str) -> None:
    assert heading_level(line) == 0
    assert parse_headings(line) == []


def test_offsets_and_tree() -> None:
    text = "标题报告\n开头段落。\n一、第一部分\n（一）小节。正文。\n1.要点\n二、第二部分\n正文。"
    hs = parse_headings(text)
    assert [(h.level, h.text) for h in hs] == [
        (1, "一、第一部分"),
        (2, "（一）小节。"),
        (3, "1.要点"),
        (1, "二、第二部分"),
    ]
    for h in hs:
        assert text[h.start : h.end] == h.text
    root = build_section_tree(hs, len(text))
    assert [c.heading.text for c in root.children] == ["一、第一部分", "二、第二部分"]
    assert root.children[0].children[0].children[0].heading.text == "1.要点"
    assert root.children[0].end == hs[3].start


def test_skipped_level_nests_directly() -> None:
    hs = parse_headings("一、加强领导\n1.第一项。内容。\n2.第二项。内容。\n二、其他")
    root = build_section_tree(hs, 100)
    assert [c.heading.text for c in root.children[0].children] == ["1.第一项。", "2.第二项。"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "\n党员干部2023年度述法报告\n2023年以来，我严格按照要求。\n一、履职情况",
            "党员干部2023年度述法报告",
        ),
        ("**依法治县领导小组办公室：\n一年以来，……汇报如下：\n一、精心组织", None),
        ("各位领导：\n2023年以来，重点做了四个方面工作：\n一、一深入一明确", None),
        ("2021年，我办以习近平新时代中国特色社会主义思想为指导。现将工作总结如下：\n一、加强领导", None),
        (
            "云南要闻\n云南要闻\n2026年政府工作报告\n——2026年1月28日在会议上\n各位代表：\n一、工作回顾",
            "2026年政府工作报告",
        ),
    ],
)
def test_find_title(text: str, title: str | None) -> None:
    found = find_title(text)
    assert (found[0] if found else None) == title
