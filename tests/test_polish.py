"""`assistant draft` with an LLM: each paragraph is polished through the guard, never trusted blindly."""

from __future__ import annotations

from llm_server import free_port, scripted_server

from assistant.draft.report import DraftRequest, draft_report, iter_texts
from assistant.draft.tables.metrics import rows_from_records

ROWS = rows_from_records(
    [{"指标": "普法宣传活动", "数值": "23", "单位": "场次"}, {"指标": "警示教育", "数值": "4", "单位": "次"}]
)


def _request():
    return DraftRequest(genre="工作总结", rows=ROWS, org="青山县司法局", year=2024)


def _llm(settings, url):
    return settings.model_copy(
        update={
            "llm_backend": "openai",
            "llm_url": url,
            "llm_model": "scripted",
            "llm_timeout": 5.0,
            "llm_retries": 0,
        }
    )


def test_polish_keeps_original_when_the_model_invents(sample_settings):
    plain = draft_report(_request(), sample_settings)

    def reply(request):
        paragraph = request["messages"][-1]["content"]
        if "23场次" in paragraph:
            return "经润色：全年开展普法宣传23场次，另在平梁镇开展活动99次。"
        return "这是一段不含任何数字的润色结果。"

    with scripted_server([reply]) as url:
        polished = draft_report(_request(), _llm(sample_settings, url), polish=True)
        assert len(url.requests) >= 3
        prompt = url.requests[0]["json"]["messages"][-1]["content"]
    assert (
        "青山县司法局的名义撰写" in prompt and "自称“我局”" in prompt
    )  # whose report it is reaches the model
    body = "\n".join(t for _, t in iter_texts(polished))
    assert "99" not in body and "平梁镇" not in body
    assert "23场次" in body  # the paragraph with the invented figure kept its original text
    assert any("保留原稿" in f.reason for f in polished.flags)
    # paragraphs whose polish dropped their figures or markers were kept as well
    assert body.count("这是一段不含任何数字的润色结果。") <= sum(
        1
        for sd in plain.sections
        for p in sd.paragraphs
        if not p.run_in and not any(c.isdigit() for c in p.text) and "【" not in p.text
    )


def test_polish_with_dead_server_leaves_the_draft(sample_settings):
    dead = _llm(sample_settings, f"http://127.0.0.1:{free_port()}/v1")
    draft = draft_report(_request(), dead, polish=True)
    assert any("大模型不可用" in f.reason for f in draft.flags)
    assert "23场次" in "\n".join(t for _, t in iter_texts(draft))
