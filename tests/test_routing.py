"""Every figure in the section of its matter (issue 18 item 5), measured on a hand-labelled set.

tests/data/label_sections.tsv: genre, body kind, organisation, label, unit and the section a
drafter would put the figure in, over the three genres and six bodies (township party committee,
town government, district government, 司法局, 市场监督管理局, street office), then 76 figures of bodies
no earlier read used (two procuratorates, two courts, three county or district party committees;
述法报告): 52 written with the blind drafts' tables in view, 24 written afterwards as a held-out check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.draft.compose.routing import route_rows
from assistant.draft.outline.genres import get_genre
from assistant.draft.report import _leaves
from assistant.draft.tables.metrics import rows_from_records
from assistant.lang.bodies import detect_body
from assistant.lang.body_outline import genre_for_body

PAIRS = [
    line.split("\t")
    for line in (Path(__file__).parent / "data" / "label_sections.tsv")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
]
#: Accuracy reached with the real embedder: 137 of 142 on the first six bodies. On the judicial bodies
#: and party committees, before their own business was read: 34 of 52 and 12 of 24 (held out); after
#: (data/business.yaml): 52 of 52 and 17 of 24; with 案件/监督 added as a court's and a procuratorate's
#: business, 51 of 52 and 21 of 24 (72 of 76, 94.7 %). Target 95 % over the whole set, 90 % on the new
#: kinds. Nine figures of a county 政法委 (述法报告, 工作总结) added after its business (矛盾纠纷, 平安建设 …) was
#: read and its 工作总结's 平安建设 part became its own work: 9 of 9; the whole set 225 of 232. Five pairs of
#: blind read r18's bodies (a 统战部, a 医保局), written after the read: the public's training and talks go
#: to 普法, a matter the outline has no part for to the body's own work; 231 of 237. Seven pairs of blind reads
#: r38–r39 (coercive measures and a police bureau's 行政案件 are enforcement, 以案释法 is 普法, villages' legal
#: advisers are a legal service, not 普法: the last one relabelled from pufa after the r39 reader), written
#: after the reads: 0 of 7 before the rules, 7 of 7 after; the whole set 271 of 289 before, 278 of 289 after.
#: Three of r40 (府院联动 goes to the part on 不干预司法 or on oversight, a place's grid to its disputes and
#: stability): 1 of 3 before, 3 of 3 after; the whole set 281 of 292. Three of r41 (a sector's practitioners
#: trained are 普法; a score of the whole rule-of-law work goes to the head's account, else the first part):
#: 3 of 3 after; the whole set 284 of 295. Two of r42 (a licence is the body's function): 2 of 2; the
#: whole set 286 of 297. Four of r49 (the staff's legal training is the team's or the study's, benefits handed out
#: are the body's functions, the money of the rule-of-law work is the leadership's): 1 of 4 before, 4 of 4
#: after; the whole set 290 of 301. Four of r48 and r50 (the public's visits and petitions to disputes or the
#: body's conduct of its duties, a policy taken to the public to 普法, the public's satisfaction with the whole
#: work to the first part): the whole set 294 of 305. Five of r59 (an honour or assessment of the whole
#: rule-of-law work goes to its leadership, online services to the functions, wrongs of land and building to
#: enforcement): the whole set 309 of 319. Two of r62 (a regulator's complaints received and settled go to its
#: functions, an honour of its 依法行政 to its leadership): the whole set 311 of 321. Two of r64 (the head's chaired
#: meetings on the rule-of-law work go to a 法治政府 report's part on the heads' duties): 313 of 323. Two of r68
#: (the body's own suits go to the part that says 应诉, the reviews a 税务局 decides to its disputes): 0 of 2
#: before, 2 of 2 after; the whole set 315 of 325.
MIN_ACCURACY = 0.95
MIN_NEW_KINDS = 0.90
NEW_KINDS = ("法院", "检察院", "党委")


@pytest.fixture(scope="module")
def embedder():
    from assistant.embed.embedder import load_embedder
    from assistant.settings import load_settings

    return load_embedder(load_settings())


def _route(pairs, embedder):
    got = []
    for genre, _kind, org, label, unit, _want in pairs:
        leaves = _leaves(genre_for_body(get_genre(genre), detect_body(org)))
        rows = rows_from_records([{"指标": label, "数值": "12", "单位": unit}])
        routed = route_rows(rows, leaves, embedder, body=detect_body(org))
        got.append(next((sub or sec).key for (sec, sub), r in zip(leaves, routed, strict=True) if r))
    return got


def test_the_set_is_large_and_covers_the_genres():
    assert len(PAIRS) >= 100
    assert {p[0] for p in PAIRS} == {"述法报告", "法治政府建设年度报告", "工作总结"}
    for genre, _kind, org, _label, _unit, want in PAIRS:  # every expected key is a part of that outline
        keys = {(sub or sec).key for sec, sub in _leaves(genre_for_body(get_genre(genre), detect_body(org)))}
        assert want in keys, (genre, org, want)


def test_figures_go_to_the_section_of_their_matter(embedder):
    got = _route(PAIRS, embedder)
    wrong = [(p[0], p[2], p[3], p[5], g) for p, g in zip(PAIRS, got, strict=True) if g != p[5]]
    accuracy = 1 - len(wrong) / len(PAIRS)
    assert accuracy >= MIN_ACCURACY, f"{accuracy:.3f}\n" + "\n".join(map(str, wrong))


def test_bodies_no_earlier_read_used(embedder):
    """A court's, a procuratorate's and a party committee's figures: their own business goes to their
    own work (审查逮捕 is no 依法决策, 提起公益诉讼 no 行政应诉), 法治督察 to the leadership."""
    pairs = [p for p in PAIRS if p[1] in NEW_KINDS]
    assert len(pairs) >= 70 and {p[1] for p in pairs} == set(NEW_KINDS)
    got = _route(pairs, embedder)
    wrong = [(p[2], p[3], p[5], g) for p, g in zip(pairs, got, strict=True) if g != p[5]]
    assert 1 - len(wrong) / len(pairs) >= MIN_NEW_KINDS, wrong


def test_meaning_beats_the_keyword_router(embedder):
    """The bigram router (no embedder) is the baseline the meaning improves on."""
    meaning = _route(PAIRS, embedder)
    words = _route(PAIRS, None)
    right = [p[5] for p in PAIRS]
    assert sum(a == b for a, b in zip(meaning, right, strict=True)) > sum(
        a == b for a, b in zip(words, right, strict=True)
    )


def test_the_users_section_column_wins(embedder):
    leaves = _leaves(genre_for_body(get_genre("工作总结"), detect_body("朝阳区和平街道办事处")))
    rows = rows_from_records([{"指标": "普法宣传活动", "数值": "3", "单位": "场", "章节": "化解矛盾纠纷"}])
    routed = route_rows(rows, leaves, embedder)
    assert [(sub or sec).key for (sec, sub), r in zip(leaves, routed, strict=True) if r] == ["disputes"]


def test_a_figure_of_the_bodys_own_business_goes_to_its_own_work(embedder):
    for org, want in (("青山县审计局", "functions"), ("白沙县司法局", "justice")):
        leaves = _leaves(genre_for_body(get_genre("述法报告"), detect_body(org)))
        rows = rows_from_records([{"指标": "审计项目", "数值": "28", "单位": "个"}])
        routed = route_rows(rows, leaves, embedder)
        assert [(sub or sec).key for (sec, sub), r in zip(leaves, routed, strict=True) if r] == [want]


def test_one_activity_is_never_split_over_two_sections(embedder):
    leaves = _leaves(genre_for_body(get_genre("述法报告"), detect_body("平安县清河乡党委")))
    rows = rows_from_records(
        [
            {"指标": "宣讲活动", "数值": "40", "单位": "场"},
            {"指标": "宣讲活动受众人员", "数值": "4000多", "单位": "人"},
        ]
    )
    routed = route_rows(rows, leaves, embedder)
    assert [len(r) for r in routed if r] == [2]
    # a 宣讲 with 4000 listeners is the public's education, not the leaders' own study
    assert [(sub or sec).key for (sec, sub), r in zip(leaves, routed, strict=True) if r] == ["pufa"]


def test_section_vectors_are_kept_between_processes(embedder, tmp_path):
    from assistant.draft.compose import routing

    leaves = _leaves(genre_for_body(get_genre("工作总结"), detect_body("朝阳区和平街道办事处")))
    rows = rows_from_records([{"指标": "普法宣传活动", "数值": "3", "单位": "场"}])
    first = route_rows(rows, leaves, embedder, tmp_path)
    (store,) = (tmp_path / "routing").glob("*.npz")
    routing._CACHE.clear()  # a new process: the vectors come from the store, not the embedder
    routing._LOADED.clear()
    routing._STORED.clear()

    class Refuses:
        id = embedder.id

        def encode_queries(self, texts):
            assert texts == ["普法宣传活动"], texts  # only the label is embedded again
            return embedder.encode_queries(texts)

    assert route_rows(rows, leaves, Refuses(), tmp_path) == first
    assert store.stat().st_size > 0


def test_the_staffs_exams_go_to_the_team_part_of_a_head_report():
    """述法报告: the study part is the head's own (blind read r11: 委机关干部学法考试参考率 opened it)."""
    from assistant.draft.compose.routing import route_rows
    from assistant.draft.outline.genres import get_genre
    from assistant.draft.tables.metrics import rows_from_records
    from assistant.lang.bodies import detect_body
    from assistant.lang.body_outline import genre_for_body

    body = detect_body("中共东江省委政法委员会")
    genre = genre_for_body(get_genre("述法报告"), body)
    leaves = [(genre.sections[0], sub) for sub in genre.sections[0].subpoints]
    rows = rows_from_records(
        [
            {"指标": "委机关干部学法考试参考率", "数值": "100", "单位": "%"},
            {"指标": "领导干部学法考试参考率", "数值": "100", "单位": "%"},
        ]
    )
    routed = route_rows(rows, leaves, body=body)
    keys = {row.label: leaves[i][1].key for i, got in enumerate(routed) for row in got}
    assert keys == {"委机关干部学法考试参考率": "talent", "领导干部学法考试参考率": "study"}


def test_a_rate_goes_with_its_count_and_a_part_with_its_whole(embedder):
    """Blind read r21: 督察发现问题整改完成率 went to 问题整改 apart from 开展法治督察, and 其中调解成功 was
    written after another section's rate."""
    leaves = _leaves(genre_for_body(get_genre("工作总结"), detect_body("中共石川县委员会")))
    rows = rows_from_records(
        [
            {"指标": "开展法治督察", "数值": "3", "单位": "次"},
            {"指标": "督察发现问题整改完成率", "数值": "92.3", "单位": "%"},
            {"指标": "排查化解矛盾纠纷", "数值": "1846", "单位": "件"},
            {"指标": "其中：调解成功", "数值": "1805", "单位": "件"},
        ]
    )
    routed = route_rows(rows, leaves, embedder)
    where = {r.label: (sub or sec).key for (sec, sub), rs in zip(leaves, routed, strict=True) for r in rs}
    assert where["督察发现问题整改完成率"] == where["开展法治督察"]
    assert where["其中：调解成功"] == where["排查化解矛盾纠纷"] == "disputes"


def test_a_length_goes_with_its_work_and_the_head_of_a_report_is_himself():
    """Blind read r22: 巡查河道里程 apart from 开展水行政执法巡查; 院长直接办理案件 in the 院长's own 述法."""
    from assistant.draft.compose.grammar import self_named

    leaves = _leaves(genre_for_body(get_genre("法治政府建设年度报告"), detect_body("青川市水利局")))
    rows = rows_from_records(
        [
            {"指标": "开展水行政执法巡查", "数值": "1862", "单位": "人次"},
            {"指标": "河湖“清四乱”问题整改销号", "数值": "143", "单位": "个"},
            {"指标": "巡查河道里程", "数值": "3400余", "单位": "公里"},
        ]
    )
    routed = route_rows(rows, leaves, None)
    where = {r.label: (sub or sec).key for (sec, sub), rs in zip(leaves, routed, strict=True) for r in rs}
    assert where["巡查河道里程"] == where["开展水行政执法巡查"]
    assert self_named("全年院长直接办理案件26件。", "院长") == "本人全年直接办理案件26件。"


def test_what_a_check_found_goes_where_the_check_goes() -> None:
    """Blind read r45: 排查整改安全隐患 went under 化解矛盾纠纷, apart from its 宗教活动场所安全检查."""
    from assistant.draft.compose.routing import _check_of
    from assistant.draft.tables.metrics import rows_from_records

    rows = rows_from_records(
        [
            {"指标": "宗教活动场所安全检查", "数值": "94", "单位": "次"},
            {"指标": "排查整改安全隐患", "数值": "38", "单位": "个"},
            {"指标": "受理信访事项", "数值": "7", "单位": "件"},
        ]
    )
    assert _check_of(rows[1], rows) is rows[0]
    assert _check_of(rows[2], rows) is None and _check_of(rows[0], rows) is None


@pytest.mark.parametrize(
    ("genre", "org", "label", "unit", "want"),
    [
        ("法治政府建设年度报告", "澜屿省退役军人事务厅", "全系统法治培训", "人次", "leadership"),
        ("法治政府建设年度报告", "澜屿省退役军人事务厅", "累计发放优待证", "万张", "functions"),
        ("工作总结", "中共筠塘区望桥街道工作委员会", "法治宣传及法律顾问经费", "万元", "leadership"),
        ("述法报告", "砚溪县水务局", "执法人员法律知识培训", "期", "talent"),
        ("法治政府建设年度报告", "青屏省市场监督管理局", "举办执法人员法治培训班", "期", "enforcement"),
        # blind reads r48, r50: the public's visits, a policy taken to the public, the satisfaction with the whole
        ("工作总结", "中共蕙川县蕖口镇委员会", "受理群众来访", "批次", "disputes"),
        ("工作总结", "中共榆泽县委社会工作部", "受理群众来信来访", "件次", "party_governance"),
        ("述法报告", "樾州市医疗保障局", "医保政策宣传进社区进医院", "人次", "pufa"),
        ("工作总结", "椿陵县人民政府", "法治政府建设群众满意度测评得分", "分", "leadership"),
        # blind read r55: the law taught at school, a court's judicial committee and its head's receptions
        ("工作总结", "珙宁市教育局", "法治副校长配备覆盖全市公办中小学", "%", "pufa"),
        ("工作总结", "珙宁市教育局", "连续3年获评省级依法治校示范校", "所", "pufa"),
        ("法治政府建设年度报告", "瑄河县教育局", "聘任法治辅导员", "名", "pufa"),
        ("述法报告", "璟阳县人民法院", "主持审判委员会会议", "次", "judicial"),
        ("述法报告", "瑄河市人民检察院", "主持检察委员会会议", "次", "judicial"),
        ("述法报告", "璟阳县人民法院", "院长接待来访群众", "批次", "judicial"),
        # blind read r56: a meeting's study is the leaders' own, enforcement officers' training the enforcement's
        ("述法报告", "珩州市蓁溪区琳湖街道办事处", "组织班子成员及机关干部参加会前学法", "次", "study"),
        (
            "法治政府建设年度报告",
            "沄江县农业农村局",
            "组织执法人员参加县级以上法律知识培训",
            "人次",
            "enforcement",
        ),
    ],
)
def test_the_staffs_training_benefits_and_funds_go_where_they_belong(embedder, genre, org, label, unit, want):
    """Blind read r49: 法治培训 under 依法全面履行部门职能, 发放优待证 under 执法, 法治…经费 under 规范权力运行."""
    assert _route([(genre, "", org, label, unit, want)], embedder) == [want]
