"""Outlines and content for judicial bodies and party committees by level (issue 18, round 2).

A court or a procuratorate gets the judicial outline (履行审判执行/法律监督职能, 严格公正司法, 司法队伍),
never the administrative one (行政执法, 行政复议与行政应诉, 依法全面履行部门职能); a 县委 supports
人大、政府、政协、法院、检察院, a township party committee 人大、政府、纪委; neither a judicial body nor a
县委 writes a 法治政府建设年度报告 (the draft is refused with a message naming the right genre); and
administrative-only wording in their drafts is adapted or dropped by the one term scanner.
"""

from __future__ import annotations

import re

import pytest

from assistant.draft.outline.genres import get_genre, load_genres
from assistant.draft.report import DraftRequest, draft_report, iter_texts
from assistant.draft.tables.metrics import rows_from_records
from assistant.draft.voice.adapt import adapt
from assistant.errors import BadInputError
from assistant.lang.bodies import detect_body
from assistant.lang.body_outline import genre_for_body, heading_for

#: Words of administrative bodies only (bodies.md §2.2: ✗ for 党委 and 法院/检察院).
ADMIN = re.compile(
    r"行政执法事项|行政执法“?三项制度|行政执法人员|重大行政决策|行政复议与行政应诉|行政应诉|出庭应诉|依法行政|"
    r"法治政府建设|依法全面履行(?:部门|政府)职能|执法人员资格"
)
COURTS = ("江源县人民法院", "南湖市中级人民法院")
PROCURATORATES = ("江源县人民检察院", "南湖市人民检察院")
COMMITTEES = ("中共松溪县委员会", "中共南湖市北塘区委")
GENRES_WRITTEN = ("述法报告", "工作总结")


def headings(org: str, genre: str) -> list[str]:
    g = genre_for_body(get_genre(genre), detect_body(org))
    return [t for sec in g.sections for t in [sec.title, *(s.title for s in sec.subpoints)]]


@pytest.mark.parametrize("org", COURTS + PROCURATORATES)
@pytest.mark.parametrize("genre", GENRES_WRITTEN)
def test_judicial_outline_is_the_judicial_group(org, genre):
    lines = headings(org, genre)
    joined = "\n".join(lines)
    assert not ADMIN.search(joined), joined
    own = "审判执行" if "法院" in org else "法律监督"
    assert any(own in t for t in lines), joined
    assert any("严格公正司法" in t for t in lines), joined
    if genre == "述法报告":
        assert any("本院法治建设" in t for t in lines), joined
        assert any("司法队伍" in t for t in lines), joined
        assert any("谁执法谁普法" in t for t in lines), joined
        assert any("三个规定" in t for t in lines), joined
        assert not any("支持人大" in t for t in lines), joined


@pytest.mark.parametrize("org", ("青山县审计局", "青山县人民政府"))
def test_administrative_bodies_keep_their_outline(org):
    lines = "\n".join(headings(org, "述法报告"))
    assert "严格规范公正文明执法" in lines and "行政复议与行政应诉" in lines
    assert "严格公正司法" not in lines and "审判执行" not in lines


def test_support_item_depends_on_level():
    county = "\n".join(headings("中共松溪县委员会", "述法报告"))
    town = "\n".join(headings("青山县红星镇党委", "述法报告"))
    assert "支持人大、政府、政协、法院、检察院依法依章程履职" in county
    assert "纪委" not in county.split("支持人大")[1].split("\n")[0]
    assert "支持人大、政府、纪委依法依章程履职" in town
    assert "政协" not in town
    city = "\n".join(headings("中共南湖市委员会", "述法报告"))
    assert "支持人大、政府、政协、法院、检察院" in city


def test_heading_keys_most_specific_first():
    sec = next(s for s in get_genre("述法报告").sections[0].subpoints if s.key == "supervision")
    assert "纪委" in heading_for(sec, detect_body("中共青石镇委员会"))  # group@level
    assert "纪工委" in heading_for(sec, detect_body("朝阳区和平街道党工委"))  # kind beats group@level
    assert "政协" in heading_for(sec, detect_body("中共松溪县委员会"))  # the group's default
    judicial = next(s for s in get_genre("述法报告").sections[0].subpoints if s.key == "judicial")
    assert "审判执行" in heading_for(judicial, detect_body("江源县人民法院"))  # kind
    assert "法律监督" in heading_for(judicial, detect_body("江源县人民检察院"))


def test_every_titles_key_names_a_known_kind_group_or_department():
    from assistant.lang.body_model import bodies

    data = bodies()
    known = set(data.kinds) | {k.group for k in data.kinds.values()} | set(data.departments)
    levels = set(data.level_rank)
    for genre in load_genres().values():
        for key in genre.not_for:
            assert key in known, (genre.name, key)
        for sec in genre.sections:
            for node in [sec, *sec.subpoints]:
                for key in [*node.titles, *node.bodies]:
                    who, _, level = key.partition("@")
                    assert who in known and (not level or level in levels), (genre.name, node.key, key)


@pytest.mark.parametrize("org", (*COURTS, *PROCURATORATES, *COMMITTEES))
def test_government_report_is_refused_with_the_right_genre(org):
    with pytest.raises(BadInputError) as err:
        genre_for_body(get_genre("法治政府建设年度报告"), detect_body(org))
    message = str(err.value)
    assert org in message and "述法报告" in message and "工作总结" in message


@pytest.mark.parametrize(
    "org", ("青山县红星镇党委", "青山县人民政府", "青山县审计局", "朝阳区和平街道党工委")
)
def test_government_report_is_drafted_for_administrative_and_basic_level_bodies(org):
    assert headings(org, "法治政府建设年度报告")


@pytest.mark.parametrize(
    ("text", "org", "expected"),
    [
        ("认真履行依法行政第一责任人职责。", "江源县人民检察院", "认真履行推进法治建设第一责任人职责。"),
        ("不断提高领导干部依法行政意识。", "中共松溪县委员会", "不断提高领导干部依法执政意识。"),
        ("不断提高干警依法行政意识。", "南湖市中级人民法院", "不断提高干警依法履职意识。"),
        (
            "全面落实上级关于法治政府建设的决策部署。",
            "江源县人民法院",
            "全面落实上级关于法治建设的决策部署。",
        ),
        ("梳理和规范行政执法事项，编制行政执法事项清单。", "江源县人民检察院", None),
        ("选聘法律顾问，在对重大行政决策、行政应诉等事项中提供法律意见。", "南湖市人民检察院", None),
        ("对党委政府的重大决策及合同协议进行合法性审查。", "江源县人民法院", None),
        ("严格执行执法人员资格审核制度。", "中共松溪县委员会", None),
        ("把机构编制法制宣传教育作为机构编制工作的一项重要内容。", "中共松溪县委员会", None),
        ("深化农村网格化服务管理，指导村委会化解矛盾纠纷。", "中共南湖市北塘区委", None),
        ("支持县政府依法行政。", "中共松溪县委员会", "支持县政府依法行政。"),
        ("梳理和规范行政执法事项。", "青山县市场监督管理局", "梳理和规范行政执法事项。"),
        ("提高依法行政意识。", "青山县红星镇人民政府", "提高依法行政意识。"),
    ],
)
def test_administrative_wording_is_adapted_or_dropped(text, org, expected):
    assert adapt(text, detect_body(org)) == expected


CASES = {  # org → (genre rows)
    "江源县人民法院": [
        {"指标": "受理各类案件", "数值": "6820", "单位": "件", "上年数值": "6210"},
        {"指标": "审结各类案件", "数值": "6540", "单位": "件"},
        {"指标": "诉前调解成功", "数值": "1320", "单位": "件"},
        {"指标": "执行到位金额", "数值": "3.2", "单位": "亿元", "上年数值": "2.8"},
        {"指标": "党组理论学习中心组专题学法", "数值": "5", "单位": "次"},
        {"指标": "法治副校长授课", "数值": "16", "单位": "场次"},
    ],
    "南湖市中级人民法院": [
        {"指标": "审结各类案件", "数值": "18620", "单位": "件"},
        {"指标": "服判息诉率", "数值": "92.4", "单位": "%"},
        {"指标": "普法宣传活动", "数值": "36", "单位": "场次"},
    ],
    "江源县人民检察院": [
        {"指标": "党组理论学习中心组专题学法", "数值": "6", "单位": "次", "上年数值": "4"},
        {"指标": "办理审查逮捕案件", "数值": "214", "单位": "件"},
        {"指标": "提起公益诉讼案件", "数值": "17", "单位": "件", "上年数值": "11"},
        {"指标": "制发检察建议", "数值": "43", "单位": "份"},
        {"指标": "法治副校长授课", "数值": "28", "单位": "场次"},
    ],
    "南湖市人民检察院": [
        {"指标": "审查起诉案件", "数值": "2310", "单位": "件"},
        {"指标": "制发检察建议", "数值": "96", "单位": "份"},
        {"指标": "普法宣传活动", "数值": "40", "单位": "场次"},
    ],
    "中共松溪县委员会": [
        {"指标": "县委常委会会议专题研究法治建设", "数值": "5", "单位": "次", "上年数值": "3"},
        {"指标": "县委理论学习中心组集中学法", "数值": "4", "单位": "次"},
        {"指标": "开展领导干部述法", "数值": "36", "单位": "人"},
        {"指标": "“法律明白人”培养", "数值": "1260", "单位": "名"},
        {"指标": "矛盾纠纷调处化解", "数值": "1874", "单位": "件"},
    ],
    "中共南湖市北塘区委": [
        {"指标": "区委常委会会议专题研究法治建设", "数值": "6", "单位": "次"},
        {"指标": "法治督察", "数值": "3", "单位": "次"},
        {"指标": "普法宣传活动", "数值": "120", "单位": "场次"},
    ],
}


@pytest.mark.parametrize("org", list(CASES))
@pytest.mark.parametrize("genre", GENRES_WRITTEN)
def test_drafts_of_judicial_bodies_and_party_committees(sample_settings, org, genre):
    rows = rows_from_records(CASES[org])
    draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2024), sample_settings)
    assert draft.flags == [], draft.flags  # number audit
    assert draft.voice == [], draft.voice  # voice audit
    labels = " ".join(r.label for r in rows)
    for _where, text in iter_texts(draft):
        for m in ADMIN.finditer(text):
            assert m.group(0) in labels, (m.group(0), text)
    body_headings = set(headings(org, genre))
    drafted = " ".join(t for _w, t in iter_texts(draft))
    own = [h for h in body_headings if "司法" in h or "支持人大" in h or "依法执政" in h]
    assert own and all(h in drafted for h in own), (own, drafted[:300])


@pytest.mark.parametrize("org", ("江源县人民检察院", "中共松溪县委员会"))
def test_government_report_draft_is_refused_with_message(sample_settings, org):
    request = DraftRequest(
        genre="法治政府建设年度报告", rows=rows_from_records(CASES[org]), org=org, year=2024
    )
    with pytest.raises(BadInputError, match="述法报告"):
        draft_report(request, sample_settings)
