"""Prompt templates: every shipped file renders, shares the rules snippet, and is checked at load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.llm.prompts import SHIPPED_DIR, PromptError, PromptLibrary, metric_items, source_items
from assistant.types import Hit, Passage, Source

RULE_LINES = ["只使用编号来源中的表述", "不得编造任何数字、地名、单位名", "【待补充：…】", "[1][2]"]

SOURCES = [
    {"doc": "S001", "section": ["一、履职情况", "（一）学法"], "text": "坚持把学法作为必修课。"},
    Source(doc="S003", section=["二、存在问题"], text="法治宣传形式较为单一。"),
]
METRICS = [{"label": "党委理论学习中心组学法", "value": "12", "unit": "次"}]

SAMPLES: dict[str, dict] = {
    "system": {},
    "section": {
        "genre": "述法报告",
        "section_title": "（一）学习贯彻习近平法治思想",
        "sources": SOURCES,
        "metrics": METRICS,
        "body": "青山县红星镇党委",
    },
    "rewrite": {
        "genre": "工作总结",
        "section_title": "一、主要工作",
        "paragraph": "全年组织学法12次。",
        "sources": SOURCES,
        "metrics": METRICS,
        "body": "青山县司法局",
    },
    "chat": {
        "question": "问题部分怎么写？",
        "sources": SOURCES,
        "metrics": [],
        "history": [{"role": "user", "content": "你好"}, {"role": "assistant", "content": "您好"}],
        "body": None,
    },
    "outline": {
        "genre": "法治政府建设年度报告",
        "org": "某局",
        "year": 2024,
        "sources": SOURCES,
        "body": None,
    },
}


@pytest.fixture(scope="module")
def library() -> PromptLibrary:
    return PromptLibrary()


def test_shipped_templates_and_declarations(library: PromptLibrary) -> None:
    assert library.names == ["chat.j2", "outline.j2", "rewrite.j2", "section.j2", "system.j2"]
    assert library.variables("section") == {"genre", "section_title", "sources", "metrics", "body"}
    assert library.variables("chat") == {"question", "sources", "metrics", "history", "body"}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_template_renders_with_rules(library: PromptLibrary, name: str) -> None:
    text = library.render(name, **SAMPLES[name])
    assert "{{" not in text and "{%" not in text and "vars:" not in text
    for line in RULE_LINES:
        assert line in text, (name, line)
    if "sources" in SAMPLES[name]:
        assert "[1] 文档：S001；章节：一、履职情况 > （一）学法" in text
        assert "[2] 文档：S003" in text
    if SAMPLES[name].get("metrics"):
        assert "党委理论学习中心组学法：12次" in text


def test_build_messages(library: PromptLibrary) -> None:
    messages = library.build_messages("section", **SAMPLES["section"])
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "公文写作助手" in messages[0]["content"]
    assert "本人" in messages[1]["content"]  # 述法报告 register
    assert "（一）学习贯彻习近平法治思想" in messages[1]["content"]


def test_empty_sources_and_metrics_ask_for_placeholders(library: PromptLibrary) -> None:
    text = library.render(
        "section", genre="工作总结", section_title="一、主要工作", sources=[], metrics=[], body=None
    )
    assert "没有检索到来源" in text and "用户没有提供数字" in text


def test_missing_variable_at_render(library: PromptLibrary) -> None:
    with pytest.raises(PromptError, match="缺少变量：metrics"):
        library.render("section", genre="述法报告", section_title="一、", sources=[], body=None)
    with pytest.raises(PromptError, match="不存在"):
        library.render("nonexistent")


def test_missing_field_in_a_value_is_a_prompt_error(library: PromptLibrary) -> None:
    with pytest.raises(PromptError, match="缺少"):
        library.render("chat", question="?", sources=[], metrics=[], history=[{"content": "无角色"}])


def test_undeclared_variable_in_override_fails_at_load(tmp_path: Path) -> None:
    (tmp_path / "section.j2").write_text(
        "{# vars: genre, section_title, sources, metrics #}\n{{ genre }}{{ section_title }}{{ org_name }}\n"
        '{% include "_sources.j2" %}{% include "_metrics.j2" %}{% include "_rules.j2" %}',
        encoding="utf-8",
    )
    with pytest.raises(PromptError) as info:
        PromptLibrary(tmp_path)
    assert "section.j2" in str(info.value) and "org_name" in str(info.value)


def test_variable_used_only_in_an_included_snippet_counts(tmp_path: Path) -> None:
    (tmp_path / "_rules.j2").write_text("规则：{{ extra_rule }}\n", encoding="utf-8")
    with pytest.raises(PromptError, match="extra_rule"):
        PromptLibrary(tmp_path)


def test_override_without_header_or_with_syntax_error(tmp_path: Path) -> None:
    (tmp_path / "chat.j2").write_text("{{ question }}", encoding="utf-8")
    with pytest.raises(PromptError, match="chat.j2.*缺少变量声明"):
        PromptLibrary(tmp_path)
    (tmp_path / "chat.j2").write_text("{# vars: question #}\n{% if question %}", encoding="utf-8")
    with pytest.raises(PromptError, match="语法错误"):
        PromptLibrary(tmp_path)
    with pytest.raises(PromptError, match="目录不存在"):
        PromptLibrary(tmp_path / "nope")


def test_override_replaces_shipped_file(tmp_path: Path) -> None:
    (tmp_path / "outline.j2").write_text(
        '{# vars: genre, org #}\n自定义提纲模板：{{ org }}的{{ genre }}\n{% include "_rules.j2" %}',
        encoding="utf-8",
    )
    shutil.copy(SHIPPED_DIR / "_rules.j2", tmp_path / "_rules.j2")
    with open(tmp_path / "_rules.j2", "a", encoding="utf-8") as fh:
        fh.write("7. 本单位补充规则。\n")
    library = PromptLibrary(tmp_path)
    assert library.path("outline") == tmp_path / "outline.j2"
    assert library.path("section") == SHIPPED_DIR / "section.j2"
    text = library.render("outline", genre="工作总结", org="某局", year=2024, sources=[])
    assert text.startswith("自定义提纲模板：某局的工作总结")
    assert "7. 本单位补充规则。" in text
    assert "7. 本单位补充规则。" in library.render("section", **SAMPLES["section"])


def test_normalisers_accept_pipeline_types() -> None:
    passage = Passage(text="段落", doc_id="D1", section=["一、", "（一）"], level=2, start=0, end=2)
    assert source_items([Hit(passage=passage, score=1.0)]) == [
        {"doc": "D1", "section": "一、 > （一）", "text": "段落"}
    ]
    assert metric_items({"普法场次": 30}) == [{"label": "普法场次", "value": "30", "unit": ""}]


@pytest.mark.parametrize("name", ["section", "rewrite", "chat", "outline"])
@pytest.mark.parametrize(
    ("org", "carried", "never"),
    [
        (
            "青山县红星镇党委",
            ["乡镇", "乡级", "我镇", "镇党委", "党政联席会议", "县委、县政府", "村委会"],
            ["我局"],
        ),
        (
            "青山县司法局",
            ["政府工作部门", "县级", "我局", "局党组", "局务会议", "办理行政复议案件"],
            ["“我镇”"],
        ),
        (
            "南湖市人民政府",
            ["人民政府", "设区的市", "我市", "市政府常务会议", "党中央、国务院", "政府立法"],
            [],
        ),
        (
            "中共青山县委政法委员会",
            [
                "党委政法委员会",
                "我委",
                "全县政法系统",
                "上级为县委",
                "政法队伍教育整顿",
                "县委政法委主要负责同志",
                "不设党组",
            ],
            [],
        ),
    ],
)
def test_every_task_prompt_says_whose_report_it_is(library, name, org, carried, never) -> None:
    """Kind, level, self-references, superiors and what the body may (not) claim reach every prompt."""
    values = {**SAMPLES[name], "body": org}
    text = library.render(name, **values)
    part = text[text.index("【报告主体】") :]
    for word in carried:
        assert word in part, (name, org, word)
    for word in never:
        assert word not in part.split("来源中其他单位")[0], (name, org, word)
    may = part.split("本单位可以写的事项：")[1].split("\n")[0] if "可以写的事项" in part else ""
    may_not = part.split("本单位不得写的内容")[1].split("\n")[0]
    assert may or may_not
    if org == "青山县司法局":
        assert "办理行政复议案件" in may and "村委会" in may_not and "政府立法" in may_not
    if org == "青山县红星镇党委":
        assert "村委会" in may and "办理行政复议案件" in may_not


def test_a_prompt_without_a_known_body_asks_for_the_name(library) -> None:
    text = library.render("section", **{**SAMPLES["section"], "body": None})
    assert "未指定单位类别" in text and "【待补充：单位名称】" in text
