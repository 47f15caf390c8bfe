"""Chat-style drafting: grounded paragraphs with the user's numbers; the guard over real LLM exchanges."""

from __future__ import annotations

import re

import pytest
from llm_server import Hang, scripted_server

from assistant.draft.audit.guard import AllowedFacts, audit
from assistant.draft.chat import ask, ask_stream
from assistant.draft.tables.message import parse_message_metrics

REQUESTS = [
    ("帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次", ["23场", "5600人次"], "普法"),
    (
        "写一段关于聘请法律顾问和合法性审查的内容，聘请法律顾问3人，合法性审查41件",
        ["3人", "41件"],
        "法律顾问",
    ),
    ("帮我写一段警示教育的内容，开展警示教育7次", ["7次"], "警示教育"),
    ("帮我写一段学习贯彻习近平法治思想的内容，中心组集中学习12次", ["12次"], "学习"),
]


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+", re.sub(r"【[^】]*】", "", text))


@pytest.mark.parametrize(("message", "figures", "topic"), REQUESTS)
def test_deterministic_answer_is_grounded(sample_settings, message, figures, topic):
    answer = ask(message, sample_settings, year=2024)
    for figure in figures:
        assert figure in answer.answer, (figure, answer.answer)
    assert topic in answer.answer
    allowed = set(re.findall(r"\d+", message)) | {"2023", "2024", "2025"}
    assert set(_numbers(answer.answer)) <= allowed, answer.answer
    assert answer.citations and all(c.doc and c.section for c in answer.citations)
    assert not answer.flags
    public = answer.to_public()
    assert {"answer", "citations", "flags"} <= set(public)
    assert all(f["used"] for f in public["figures"])


def test_message_metrics_use_the_slot_parser():
    rows = parse_message_metrics("帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次")
    assert [(r.value, r.unit) for r in rows] == [("23", "场"), ("5600", "人次")]
    assert all("普法" in r.label for r in rows)


def _llm_settings(settings, url):
    return settings.model_copy(
        update={
            "llm_backend": "openai",
            "llm_url": url,
            "llm_model": "scripted",
            "llm_timeout": 3.0,
            "llm_retries": 0,
        }
    )


def test_guard_catches_invented_figure_and_place(sample_settings):
    reply = "今年以来，青山县司法局开展普法宣传23场，覆盖5600人次[1]，另在平梁镇开展送法下乡99次。"
    with scripted_server([reply]) as url:
        settings = _llm_settings(sample_settings, url)
        answer = ask(
            "帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次", settings, org="青山县司法局", year=2024
        )
        assert url.requests, "the LLM server was not called"
        body = url.requests[-1]["json"]
        prompt = "\n".join(m["content"] for m in body["messages"])
    assert "23" in prompt and "5600" in prompt  # the user's figures reach the model
    assert "青山县司法局的名义" in prompt and "自称“我局”" in prompt and "上级为县委、县政府" in prompt
    assert "99" not in answer.answer and "平梁镇" not in answer.answer
    assert "【待核实】" in answer.answer and "[1]" in answer.answer
    assert "23场" in answer.answer and "5600人次" in answer.answer
    reasons = " ".join(f.reason for f in answer.flags)
    assert "99" in reasons and "平梁镇" in reasons
    allowed = AllowedFacts.from_inputs(
        [], message="今年开展23场，覆盖5600人次", org="青山县司法局", year=2024
    )
    assert not audit(re.sub(r"\[\d\]", "", answer.answer), allowed)


def test_streaming_releases_guarded_sentences(sample_settings):
    reply = "第一句开展普法宣传23场。第二句覆盖5600人次。第三句另有88次活动。"
    with scripted_server([reply]) as url:
        settings = _llm_settings(sample_settings, url)
        steps = list(ask_stream("帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次", settings, year=2024))
        assert url.requests[-1]["json"].get("stream") is True
    assert len(steps) >= 3
    assert all("88" not in s.answer for s in steps)
    assert steps[-1].answer.startswith("第一句开展普法宣传23场。第二句覆盖5600人次。")
    assert "【待核实】" in steps[-1].answer


def test_dead_or_hanging_server_falls_back(sample_settings):
    from llm_server import free_port

    dead = _llm_settings(sample_settings, f"http://127.0.0.1:{free_port()}/v1")
    answer = ask("帮我写一段普法宣传的内容，今年开展23场", dead, year=2024)
    assert "23场" in answer.answer
    assert answer.flags and "大模型" in answer.flags[0].reason and "无法连接" in answer.flags[0].text
    with scripted_server([Hang(5.0, "迟到的回答")]) as url:
        slow = _llm_settings(sample_settings, url).model_copy(update={"llm_timeout": 0.5})
        answer = ask("帮我写一段普法宣传的内容，今年开展23场", slow, year=2024)
    assert "23场" in answer.answer and answer.flags


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory):
    """A random-weight Llama with a character vocabulary (digits included), long enough for real prompts."""
    from tiny_llama import build_tiny_llama

    chars = set("0123456789开展普法宣传场次覆盖人青山县平梁镇，。今年以来【】")
    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llm-chat"), chars, max_positions=8192, seed=1)


def test_local_transformers_model_goes_through_the_guard(sample_settings, tiny_model_dir):
    settings = sample_settings.model_copy(
        update={"llm_backend": "transformers", "llm_path": tiny_model_dir, "llm_max_tokens": 24}
    )
    answer = ask("帮我写一段普法宣传的内容，今年开展23场", settings, year=2024)
    assert answer.answer
    assert all("大模型不可用" not in f.reason for f in answer.flags), answer.flags
    allowed = AllowedFacts.from_inputs([], message="今年开展23场", year=2024)
    assert not audit(re.sub(r"\[\d\]", "", answer.answer), allowed)


def test_follow_up_turn_revises_and_adds_figures(sample_settings):
    history = [
        {"role": "user", "content": "帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次"},
        {"role": "assistant", "content": "（上一轮的段落）"},
    ]
    answer = ask("再加上发放宣传资料3000份，场次改成30场", sample_settings, year=2024, history=history)
    assert "30场" in answer.answer and "3000份" in answer.answer and "5600人次" in answer.answer
    assert "23场" not in answer.answer and "普法" in answer.answer
    assert {f["value"] for f in answer.figures} == {"30场", "5600人次", "3000份"}
