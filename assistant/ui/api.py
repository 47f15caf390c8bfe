"""Named API endpoints ``/search``, ``/outline``, ``/draft``, ``/ask``, ``/alternatives``, ``/audit`` for gradio_client.

They take and return plain values (strings, numbers, lists, JSON-ready dicts), so any HTTP
client can use them::

    from gradio_client import Client
    client = Client("http://127.0.0.1:7860/")
    client.predict("聘请法律顾问", 5, api_name="/search")          # → [{"text", "doc", "section", "score"}]
    client.predict("述法报告", api_name="/outline")                 # → {"genre", "sections": [...]}
    client.predict("述法报告", "某局", 2024, "某县", [["普法宣传活动", "23", "场次"]], api_name="/draft")
    client.predict("帮我写一段普法宣传的内容，今年开展23场", api_name="/ask")
    client.predict("述法报告", "普法", [["普法宣传活动", "23", "场次"]], "某某镇党委", 2024, api_name="/alternatives")
    client.predict("组织培训99次。", [["普法宣传活动", "23", "场次"]], "某某镇党委", 2024, api_name="/audit")
"""

from __future__ import annotations

import inspect
from typing import Any

import gradio as gr

from assistant.inputs import FIELDS
from assistant.settings import Settings
from assistant.ui import service
from assistant.ui.gate import CALL_FIELDS
from assistant.ui.locale import t
from assistant.ui.tabs import HEAVY, READ, ui_error
from assistant.ui.workers import run_heavy


def typed_fields(fn: Any) -> dict[int, str]:
    """Positional index → typed field of an endpoint (a parameter named as a field of
    :data:`assistant.inputs.FIELDS`: message, query, org, place …, or ``metrics``, whose rows and size
    are counted), checked at the gate."""
    params = inspect.signature(fn).parameters
    return {i: name for i, name in enumerate(params) if name in FIELDS or name == "metrics"}


def register_api(settings: Settings) -> None:
    """Declare the named endpoints inside the current ``gr.Blocks`` context.

    Args:
        settings: the server settings (the API always uses the server's LLM choice).
    """

    def search(
        query: str,
        k: int = 10,
        genre: str | None = None,
        year: int | None = None,
        doc: str | None = None,
        section: str | None = None,
    ) -> list[dict]:
        """检索往年报告的表述。Search past reports; returns [{text, doc, section, score}], best first."""
        try:
            return service.run_search(settings, query, k=k, genre=genre, year=year, doc=doc, section=section)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err

    def outline(genre: str, source: str = "merged") -> dict:
        """文种提纲。The outline of a genre: {genre, sections: [{key, title, level, coverage, total, examples, subpoints}]}."""
        try:
            return service.run_outline(settings, genre, source)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err

    def draft(
        genre: str,
        org: str | None = None,
        year: int | None = None,
        place: str | None = None,
        metrics: list | str | None = None,
        request: gr.Request = None,  # type: ignore[assignment]  # gradio fills it; not an API input
    ) -> dict:
        """起草整篇报告。metrics: rows [指标, 数值, 单位, 备注, 章节], dicts, or CSV text.
        Returns {markdown, missing, unused, sources}."""
        try:
            service.make_request(genre, org, year, place, metrics, settings=settings)  # bounds, here
            return run_heavy(
                settings, request, "assistant.ui.heavy:draft_api", settings, genre, org, year, place, metrics,
                what=t("heavy_what_draft"),
            )  # fmt: skip
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err

    def ask(
        message: str,
        metrics: list | str | None = None,
        org: str | None = None,
        year: int | None = None,
        request: gr.Request = None,  # type: ignore[assignment]
    ) -> dict:
        """对话起草一段文字。Returns {answer, citations: [{doc, section, text}], flags: [{text, reason}]}."""
        try:
            service.check_ask(settings, message, metrics, org, year)  # refused here, before any queue
            public: dict[str, Any] = run_heavy(
                settings, request, "assistant.ui.service:run_ask", settings, message, metrics=metrics, org=org,
                year=year, what=t("heavy_what_ask"),
            )  # fmt: skip
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        return public

    def alternatives(
        genre: str,
        section: str,
        metrics: list | str | None = None,
        org: str | None = None,
        year: int | None = None,
        k: int = 5,
        request: gr.Request = None,  # type: ignore[assignment]
    ) -> list[dict]:
        """某一部分的往年写法，每篇往年报告一版，已填入用户数据。
        Returns [{text, source_title, source_section, filled, markers, flags}]."""
        try:
            return run_heavy(
                settings, request, "assistant.ui.service:run_alternatives", settings, genre, section, metrics,
                org, year, k, what=t("heavy_what_alternatives"),
            )  # fmt: skip
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err

    def audit(
        text: str, metrics: list | str | None = None, org: str | None = None, year: int | None = None
    ) -> dict:
        """核查手工修改的文字：数字、地名和口吻。Returns {flags: [{text, reason, kind}]}
        (kind: number / place / derived / voice)."""
        try:
            return service.run_audit(settings, text, metrics, org, year)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err

    for fn in (search, outline, audit, draft, ask, alternatives):
        CALL_FIELDS[fn.__name__] = typed_fields(fn)
    for fn in (search, outline, audit):
        gr.api(fn, api_name=fn.__name__, **READ)
    for fn in (draft, ask, alternatives):  # in the worker pool (ui/workers.py), fair per user
        gr.api(fn, api_name=fn.__name__, **HEAVY)
