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


def test_a_looser_twin_in_one_paragraph_goes_and_the_sentence_asking_for_facts_stays():
    """Two sentences of one paragraph on the same thing (bigram overlap 0.53; blind read r7): the later
    one goes; when only the later asks for the body's facts (a marker), the earlier goes instead."""
    first = "坚持严格依法行政，依法接受人大及其常委会法律监督和工作监督，自觉接受政协民主监督，主动接受社会各界监督，加强审计监督、统计监督，高质量办理人大代表建议和政协提案，确保政府工作始终在法治轨道上运行。"
    second = "严格依法行政，自觉接受人大监督、政协民主监督和各方面监督，高质高效办好人大代表建议和政协提案，加强审计监督、统计监督，深化府院、府检联动，以法治政府建设促进法治社会建设。"
    other = "认真执行《中华人民共和国政府信息公开条例》，全面推进政务公开。"
    for text, left in (
        (first + other + second, first + other),
        (first + second[:-1] + "，【待补充：监督情况】。", None),
    ):
        para = Paragraph(text=text)
        draft = Draft(title="t", genre="法治政府建设年度报告", org=None, year=2024)
        draft.sections.append(SectionDraft(key="k", title="一、工作", level=1, paragraphs=[para]))
        assert collapse_repeats(draft) == 1
        if left is not None:
            assert para.text == left
        else:
            assert first not in para.text and "【待补充：监督情况】" in para.text


def test_a_two_clause_slogan_is_no_content_sentence():
    """坚持民主集中制，健全决策机制。 (deleted by 4 of 4 blind readers, r5–r7) is a slogan, as a run-in
    heading is; a sentence that says how stays."""
    from assistant.draft.compose.sections import SLOGAN_RE

    assert SLOGAN_RE.match("坚持民主集中制，健全决策机制。")
    assert SLOGAN_RE.match("抓宣传，做好法治宣传教育引导。")
    assert not SLOGAN_RE.match("坚持民主集中制，重大事项均经班子会议集体研究决定。")
    assert not SLOGAN_RE.match("严格执行执法人员资格审核制度，组织开展学法用法考试。")


def test_a_long_reused_sentence_keeps_its_leading_clauses():
    """A reused sentence of five clauses or more and over 75 characters strings several matters together
    (blind reads r16–r17: too long to stand); it keeps its first clauses, never cutting one that asks
    for facts."""
    from assistant.draft.compose.fill import shorten

    long = (
        "选聘法律顾问，为重大行政决策、行政应诉、突发事件处置提供法律服务，加强对机关工作人员法律专业知识和"
        "行政应诉能力的培训，以案释法，引导干部在履职尽责中自觉提高依法行政意识，防范法律风险。"
    )
    assert shorten(long) == "选聘法律顾问，为重大行政决策、行政应诉、突发事件处置提供法律服务。"
    quoted = (
        "开展“法治进村”“送法入户”等活动，利用“宪法日”，" * 3 + "推动学法用法，营造良好氛围，形成长效机制。"
    )
    assert "“法治进村”“送法入户”" in shorten(quoted) and shorten(quoted).endswith("。")
    short = "严格落实行政执法“三项制度”，规范执法行为。"
    assert shorten(short) == short
    marked = long.replace("防范法律风险", "【待补充：法律顾问参与决策的情况】")
    assert shorten(marked) == marked


def test_a_long_sentence_cut_for_a_section_keeps_the_clauses_of_its_matter():
    """Cut for a section, a long sentence keeps clauses (at most four) until it speaks of the section's
    matter: its first two alone would leave a 普法 section a sentence on a law exam."""
    from assistant.draft.compose.fill import TOPIC_MIN, shorten
    from assistant.lang.similarity import similarity

    long = (
        "建立健全了普法、学法制度，机关每年开展一次法律知识考试，定期通过专题培训、理论讲授等形式进行法治宣传活动，"
        "利用重要时间节点进行法律法规宣传，在全办掀起学法用法的热潮，有力地提高了干部职工的执法水平。"
    )
    topic = "深入开展法治宣传教育，推进法治社会建设 八五普法 普法宣传 谁执法谁普法 法治文化阵地"
    assert shorten(long) == "建立健全了普法、学法制度，机关每年开展一次法律知识考试。"
    cut = shorten(long, topic)
    assert cut.startswith("建立健全了普法、学法制度，") and cut.endswith("进行法治宣传活动。")
    assert similarity(cut, topic) >= TOPIC_MIN
    assert shorten(long, "依法决策 合法性审查").count("，") <= 3  # never more than four clauses


def test_a_phrase_the_paragraph_has_said_goes_with_its_clause():
    """Blind read r20: 扛牢全面从严治党政治责任… then 涵养清正廉洁的新风正气，坚决扛起全面从严治党政治责任 (the
    clause goes, and the eleven letters left say nothing); 带头研究部署法治政府建设工作，主持召开会议专题研究
    法治政府建设工作 (the general leading clause goes)."""
    from assistant.draft.compose.tidy import drop_clauses_said_before

    earlier = ["扛牢全面从严治党政治责任，动真碰硬抓好巡视巡察反馈问题整改。"]
    assert drop_clauses_said_before("涵养清正廉洁的新风正气，坚决扛起全面从严治党政治责任。", earlier) == ""
    lead = (
        "带头研究部署法治政府建设工作，主持召开会议专题研究法治政府建设工作、听取工作汇报，【待补充：次数】。"
    )
    assert (
        drop_clauses_said_before(lead, [])
        == "主持召开会议专题研究法治政府建设工作、听取工作汇报，【待补充：次数】。"
    )
    other = "深入学习贯彻习近平总书记关于全面依法治国的重要论述，将宪法法律知识学习列入学习计划。"
    assert drop_clauses_said_before(other, ["深入学习贯彻习近平法治思想，【待补充：内容】。"]) == other
    named = "深入学习贯彻习近平总书记关于全面依法治国的重要论述，将宪法法律知识学习列入局党组理论学习中心组、局务会议学习计划。"
    assert (
        drop_clauses_said_before(named, ["全年组织局党组理论学习中心组集体学法4次。"]) == named
    )  # r22: a name
    figure = "坚决扛起全面从严治党政治责任，开展警示教育6次。"
    assert drop_clauses_said_before(figure, earlier) == "开展警示教育6次。"


def test_the_study_lead_is_said_once_a_paragraph():
    """Blind reads r20–r23: 深入学习贯彻习近平总书记关于全面依法治国的重要论述 after a sentence that already
    studies 习近平法治思想 (the lead goes, the rest stays); alone, it stays."""
    from assistant.draft.compose.tidy import drop_study_lead

    lead = "深入学习贯彻习近平总书记关于全面依法治国的重要论述，将宪法法律知识学习列入局党组理论学习中心组、局务会议学习计划。"
    earlier = ["落实“第一议题”制度，带头学习习近平法治思想和宪法、法律法规，【待补充：次数】。"]
    assert drop_study_lead(lead, earlier) == "将宪法法律知识学习列入局党组理论学习中心组、局务会议学习计划。"
    assert drop_study_lead(lead, ["全年组织党组理论学习中心组集体学法4次。"]) == lead
    # a whole middle clause of study goes too (r24), the marker asking for the body's facts stays
    middle = (
        "落实“第一议题”制度和会前学法制度，深入学习贯彻习近平法治思想，【待补充：本年度专题学法的次数】。"
    )
    assert (
        drop_study_lead(middle, [lead])
        == "落实“第一议题”制度和会前学法制度，【待补充：本年度专题学法的次数】。"
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("学习宣传《党章》《条例》《准则》等党内法规。", "学习宣传《党章》等党内法规。"),
        ("学习《民法典》、《条例》等。", "学习《民法典》等。"),
        ("学习《中华人民共和国行政处罚法》。", "学习《中华人民共和国行政处罚法》。"),
    ],
)
def test_a_title_naming_only_a_document_type_goes_beside_a_named_one(before, after):
    """Blind read r24: 《条例》《准则》 name no document the reader can find."""
    from assistant.draft.compose.tidy import drop_bare_titles

    assert drop_bare_titles(before) == after


def test_a_rate_whose_count_was_cut_is_not_written_bare():
    """Blind reads r22–r23: 以“调解便民”促和谐，成功率96.4% — the count that named the rate was cut."""
    from assistant.draft.compose.fill import BARE_RATE_RE

    assert BARE_RATE_RE.search("以“调解便民”促和谐，成功率96.4%（较上年下降0.7个百分点）")
    assert not BARE_RATE_RE.search("全年调解矛盾纠纷320件，成功率98%")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("政府要依法接受市人大及其常委会的监督，自觉接受市政协的民主监督。", True),
        ("要坚持依法行政。", True),
        ("必须坚持党的领导。", True),
        ("要求各部门落实普法责任制。", False),
        ("将宪法法律知识学习列入局党组理论学习中心组学习计划。", False),
        ("重要文件均经合法性审查。", False),
    ],
)
def test_a_sentence_of_what_is_to_be_done_is_no_account_of_the_year(text, intent):
    """Blind read r25: a 政府工作报告's 政府要依法接受…监督 stood in a 述法报告 as the year's work."""
    from assistant.draft.compose.sections import INTENT_RE

    assert bool(INTENT_RE.match(text)) is intent


def test_a_clause_left_with_no_act_of_its_own_goes_with_the_clause_before_it():
    """Blind read r56: 为重大行政决策、行政应诉、突发事件处置提供法律服务 once 选聘法律顾问 was said before."""
    from assistant.draft.compose.tidy import _rejoined

    assert (
        _rejoined(["为重大行政决策、行政应诉、突发事件处置提供法律服务，", "加强对机关工作人员的培训"], "。")
        == ""
    )
    assert _rejoined(["并对发现的问题进行整改"], "。") == ""
    kept = _rejoined(["为民办实事项目全部完成合法性审查，", "全年审查23件"], "。")  # 为民…: a name, a figure
    assert kept.startswith("为民办实事")
