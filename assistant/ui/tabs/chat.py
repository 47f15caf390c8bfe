"""The 对话起草 tab: multi-turn drafting with expandable sources and number-guard flags, a
per-session LLM settings panel and an optional metrics table."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.llm.factory import BACKENDS
from assistant.settings import Settings
from assistant.ui import render, service
from assistant.ui.locale import t
from assistant.ui.tabs import HEAVY, PRIVATE, ui_error
from assistant.ui.uploads import METRICS_TYPES, UploadError, check_upload
from assistant.ui.workers import stream_heavy


def answer_messages(public: dict[str, Any]) -> list[dict[str, Any]]:
    """Chatbot messages for one answer: the text, then collapsible sources and flags panels.

    Args:
        public: ``Answer.to_public()``.

    Returns:
        Messages in gradio's ``{"role", "content", "metadata"}`` format, every text escaped.
    """
    words = [v.get("word", "") for v in public.get("voice") or []]
    out: list[dict[str, Any]] = [
        {"role": "assistant", "content": render.mark_placeholders(public["answer"], words)}
    ]
    citations = public.get("citations") or []
    flags = public.get("flags") or []
    if citations:
        out.append(
            {
                "role": "assistant",
                "content": render.sources_markdown(citations),
                "metadata": {"title": t("chat_sources", n=len(citations)), "status": "done"},
            }
        )
    if flags:
        out.append(
            {
                "role": "assistant",
                "content": render.flags_markdown(flags),
                "metadata": {"title": t("chat_flags", n=len(flags)), "status": "done"},
            }
        )
    return out


def build_settings_panel(settings: Settings, llm: gr.State) -> dict[str, Any]:
    """The LLM backend switch; saving validates it and stores it in the session's state."""
    initial = service.default_llm(settings)
    editable = settings.ui_llm_editable is not False
    with gr.Accordion(t("settings_panel"), open=False):
        backend = gr.Radio(
            [(t(f"llm_{b}"), b) for b in BACKENDS],
            value=initial["backend"],
            label=t("llm_backend"),
            interactive=editable,
        )
        with gr.Row():
            url = gr.Textbox(
                initial["url"],
                label=t("llm_url"),
                placeholder="http://127.0.0.1:8000/v1",
                interactive=editable,
            )
            model = gr.Textbox(initial["model"], label=t("llm_model"), interactive=editable)
            path = gr.Textbox(initial["path"], label=t("llm_path"), interactive=editable)
        status = gr.Markdown("" if editable else t("llm_locked"))

    def on_change(b: str, u: str, m: str, p: str, current: dict) -> tuple[dict, str]:
        if not editable:  # the server ignores any change: say so instead of "已保存"
            return current, t("llm_locked")
        choice = {"backend": b, "url": u, "model": m, "path": p}
        try:
            service.user_settings(settings, choice)
        except ValueError as err:
            first = str(err).splitlines()[0]
            return current, html.escape(t("llm_bad", error=first))
        return choice, t("llm_saved", backend=t(f"llm_{b}"))

    # one listener for the four fields, each change run after the one before and the last one always run:
    # four listeners could finish out of order, an earlier save (the backend still 不使用大模型) landing
    # last and undoing the user's choice (the flaky test_llm_switch_is_per_session)
    gr.on(
        [comp.change for comp in (backend, url, model, path)],
        on_change,
        [backend, url, model, path, llm],
        [llm, status],
        **PRIVATE,
        show_progress="hidden",
        trigger_mode="always_last",
    )
    return {"backend": backend, "url": url, "model": model, "path": path, "status": status}


def build_chat_tab(settings: Settings, llm: gr.State) -> dict[str, Any]:
    """Build the chat tab.

    Args:
        settings: the server settings.
        llm: per-user LLM choice (``gr.State`` of a dict).

    Returns:
        Its components by name.
    """
    turns = gr.State([])  # plain {"role", "content"} history for the library, per user
    rows = gr.State([])  # parsed metric rows of this session
    chatbot = gr.Chatbot(
        label=t("chat_label"),
        height=460,
        placeholder=t("chat_empty"),
        elem_id="chatbot",
        buttons=["copy"],
        feedback_options=None,
        group_consecutive_messages=False,
    )
    with gr.Row():
        message = gr.Textbox(
            placeholder=t("chat_placeholder"),
            show_label=False,
            scale=6,
            lines=2,
            max_length=2000,
            elem_id="chat-input",
        )
        with gr.Column(scale=1, min_width=120):
            send = gr.Button(t("chat_send"), variant="primary", elem_id="chat-send")
            clear = gr.Button(t("chat_clear"))
    with gr.Row():
        org = gr.Textbox(label=t("org"), max_length=60)
        year = gr.Textbox(label=t("year"), placeholder=t("year_placeholder"), max_length=4)
        upload = gr.File(label=t("metrics_upload"), file_types=list(METRICS_TYPES), height=120)
    metrics_status = gr.Markdown("")
    panel = build_settings_panel(settings, llm)

    def on_send(
        text: str,
        shown: list,
        history: list,
        table: list,
        o: str,
        y: str | None,
        choice: dict,
        login: gr.Request,
    ) -> Iterator[tuple[Any, ...]]:
        text = (text or "").strip()
        if not text:
            raise gr.Error(t("chat_no_message"), title=t("error_title"), print_exception=False)
        shown = list(shown or []) + [{"role": "user", "content": html.escape(text)}]
        yield "", shown, history
        public: dict[str, Any] = {"answer": "", "citations": [], "flags": []}
        try:
            user = service.user_settings(settings, choice)
            service.check_ask(user, text, None, o, y)  # refused here, before any queue
            answers = stream_heavy(
                user, login, "assistant.ui.service:stream_ask", user, text, rows=table, org=o, year=y,
                history=history, what=t("heavy_what_ask"),
            )  # fmt: skip
            for public in answers:
                yield "", shown + answer_messages({**public, "citations": [], "flags": []}), history
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        history = list(history or []) + [
            {"role": "user", "content": text},
            {"role": "assistant", "content": public["answer"]},
        ]
        yield "", shown + answer_messages(public), history

    def on_upload(path: str | None) -> tuple[list, str]:
        if not path:
            return [], t("metrics_cleared")
        try:
            check_upload(path, settings, METRICS_TYPES)
            parsed = service.read_metrics_file(path)
        except (UploadError, ValueError) as err:
            return [], html.escape(t("metrics_error", error=err))
        notes = [html.escape(r.warning) for r in parsed if getattr(r, "warning", None)]
        return parsed, "\n\n".join([t("metrics_loaded", n=len(parsed)), *notes[:5]])

    inputs = [message, chatbot, turns, rows, org, year, llm]
    send.click(on_send, inputs, [message, chatbot, turns], **HEAVY, **PRIVATE)
    message.submit(on_send, inputs, [message, chatbot, turns], **HEAVY, **PRIVATE)
    clear.click(lambda: ([], []), None, [chatbot, turns], **PRIVATE, queue=False)
    upload.change(on_upload, upload, [rows, metrics_status], **PRIVATE)
    return {
        "chatbot": chatbot,
        "message": message,
        "send": send,
        "clear": clear,
        "org": org,
        "year": year,
        "upload": upload,
        "metrics_status": metrics_status,
        "turns": turns,
        "rows": rows,
        **panel,
    }
