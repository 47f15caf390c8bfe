"""Genre and title of every document: the samples, the 31 provincial reports, user overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.classify import GENRE_LABELS, UNKNOWN, classify_keywords, normalize_genre
from assistant.ingest.pipeline import iter_documents, parse_file, parse_text
from tests.conftest import CORPUS, seed_file

# sample prefix → (genre after corpus/meta.yaml, genre from the text alone, title, title source)
SAMPLES = {
    "000": ("述法报告", "述法报告", "乡镇（街道）党委述法报告", "made"),
    "001": ("述法报告", "述法报告", "党员干部2023年度述法报告", "user"),
    "002": ("讲话/发言", "讲话/发言", "2023年街道交流发言", "made"),
    "003": ("述法报告", "述法报告", "某局主要负责人2022年履行推进法治建设第一责任人职责情况述职报告", "user"),
    "004": ("工作总结", "工作总结", "2021年县级部门工作总结", "made"),
}
PROVINCES = (
    "上海市 云南省 内蒙古自治区 北京市 吉林省 四川省 天津市 宁夏回族自治区 安徽省 山东省 山西省 广东省 "
    "广西壮族自治区 新疆维吾尔自治区 江苏省 江西省 河北省 河南省 浙江省 海南省 湖北省 湖南省 甘肃省 福建省 "
    "西藏自治区 贵州省 辽宁省 重庆市 陕西省 青海省 黑龙江省"
).split()
SPECIAL_TITLES = {"四川省": "2026年四川省人民政府工作报告", "陕西省": "陕西省2026年政府工作报告"}


def _auto(doc):
    opening = doc.text[: doc.headings[0].start] if doc.headings else doc.text
    return classify_keywords(doc.title, opening[:600], [h.text for h in doc.headings], doc.text)


@pytest.mark.parametrize("prefix", sorted(SAMPLES))
def test_sample_genre_and_title(prefix: str) -> None:
    genre, auto, title, title_source = SAMPLES[prefix]
    (doc,) = parse_file(seed_file(prefix))
    assert doc.meta.genre == genre and doc.meta.genre_confidence == 1.0
    assert doc.meta.genre_source == "meta"  # from corpus/meta.yaml
    assert (doc.meta.title, doc.meta.title_source) == (title, title_source)
    guess = _auto(doc)  # what the text alone says, without meta.yaml
    assert guess.genre == auto and guess.source == "keywords" and 0 < guess.confidence <= 1


def test_every_provincial_report_is_a_gwr_with_its_province_in_the_title(shared_dir: Path) -> None:
    path = shared_dir / "corpora" / "provincial-gwr-2026" / "all_provinces_2026.jsonl"
    docs = parse_file(path)
    assert len(docs) == 31
    for doc, province in zip(docs, PROVINCES, strict=True):
        expected = SPECIAL_TITLES.get(province, f"2026年{province}政府工作报告")
        assert (doc.meta.title, doc.meta.title_source) == (expected, "row"), doc.doc_id
        assert doc.meta.genre == "政府工作报告" and doc.meta.genre_source == "keywords", doc.doc_id
        assert doc.meta.genre_confidence >= 0.9


def test_genre_from_opening_tail_and_unknown() -> None:
    speech = parse_text(
        "各位领导：\n今年我们做了三件事。\n一、抓学习\n组织学习12次。\n我的发言完毕，谢谢！", "s"
    )
    assert speech.meta.genre == "讲话/发言"
    plan = parse_text(
        "2024年普法工作要点\n为做好今年普法工作，特制定本要点。\n一、总体要求\n坚持。\n二、主要任务\n开展。",
        "p",
    )
    assert plan.meta.genre == "工作要点/计划"
    # a quoted 《…工作要点》 is another document: it does not make this one a plan
    quoted = parse_text(
        "2021年，我办按照《**县2021年法治政府建设工作要点》要求开展工作。\n一、加强领导\n开展。", "q"
    )
    assert quoted.meta.genre != "工作要点/计划"
    bare = parse_text("一、加强领导\n开展了一些工作。\n二、强化保障\n落实了经费。", "b")
    assert (bare.meta.genre, bare.meta.genre_source) == (UNKNOWN, UNKNOWN)


def test_addressee_line_is_not_the_title() -> None:
    doc = parse_text(
        "××县依法治县领导小组办公室：\n2024年度述法报告\n2024年以来，本人履行第一责任人职责。\n一、履职情况\n正文。",
        "a",
    )
    assert doc.meta.title == "2024年度述法报告" and doc.meta.title_source == "text"
    doc = parse_text("××县依法治县领导小组办公室：\n2024年以来，本人认真履职。现报告如下：\n一、××镇2024年法治建设情况报告\n正文。",
                     "b", path="x/b.txt")  # fmt: skip
    assert (doc.meta.title, doc.meta.title_source) == ("××镇2024年法治建设情况报告", "heading")
    doc = parse_text("今年以来，我们认真履职。\n一、抓学习\n正文。", "c", path="x/c.txt")
    assert (doc.meta.title, doc.meta.title_source) == ("c.txt", "file")


def test_normalize_genre_and_user_genre_on_ingest(tmp_path: Path) -> None:
    assert normalize_genre("交流发言") == "讲话/发言" and normalize_genre("述法") == "述法报告"
    assert normalize_genre("工作要点") == "工作要点/计划" and normalize_genre("") is None
    with pytest.raises(ValueError, match="可选"):
        normalize_genre("诗歌")
    docs = [d for d in iter_documents([CORPUS], genre="工作总结")]
    assert {(d.meta.genre, d.meta.genre_source) for d in docs} == {("工作总结", "user")}
    assert set(GENRE_LABELS) >= {SAMPLES[p][0] for p in SAMPLES}
