"""The 整篇起草 tab: who/when/where, the metrics grid (or an uploaded table), then the draft with
its 【待补充】 markers highlighted, the missing/unused lists and .docx/.md downloads."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.settings import Settings
from assistant.ui import render, service
from assistant.ui.locale import t
from assistant.ui.session import session_dir
from assistant.ui.tabs import PRIVATE, READ, ui_error
from assistant.ui.uploads import METRICS_TYPES, UploadError, check_upload, safe_name


def bullet_list(items: list[str]) -> str:
    """Escaped Markdown bullets, or 无."""
    if not items:
        return t("draft_none")
    return "\n".join(f"- {render.mark_placeholders(str(item))}" for item in items)


def build_draft_tab(settings: Settings, llm: gr.State, session: gr.State) -> dict[str, Any]:
    """Build the whole-report tab.

    Args:
        settings: the server settings.
        llm: per-user LLM choice (``gr.State`` of a dict).
        session: per-user temp folder (``gr.State`` of a path string).

    Returns:
        Its components by name.
    """
    from assistant.draft.genres import genre_names

    names = genre_names()
    with gr.Row():
        org = gr.Textbox(label=t("org"), max_length=60, elem_id="draft-org", scale=3)
        year = gr.Textbox(label=t("year"), placeholder=t("year_placeholder"), max_length=4, elem_id="draft-year",
                          scale=1)
        place = gr.Textbox(label=t("place"), max_length=30, elem_id="draft-place", scale=2)
        genre = gr.Dropdown(names, value=names[0] if names else None, label=t("genre"), scale=2)
    headers = [t("col_metric"), t("col_value"), t("col_unit"), t("col_note"), t("col_section")]
    with gr.Row():
        table = gr.Dataframe(value=[list(r) for r in service.EXAMPLE_METRICS], headers=headers,
                             datatype="str", type="array", interactive=True, column_count=5,
                             label=t("draft_metrics"), elem_id="draft-metrics", scale=4)
        upload = gr.File(label=t("draft_upload"), file_types=list(METRICS_TYPES), file_count="single",
                         scale=1, height=140, elem_id="draft-upload")
    with gr.Accordion(t("draft_outline"), open=False):
        outline = gr.Textbox("\n".join(service.official_outline_lines(names[0])) if names else "",
                             lines=8, max_lines=30, label=t("draft_outline_hint"), elem_id="draft-outline")
    button = gr.Button(t("draft_button"), variant="primary", elem_id="draft-button")
    with gr.Row():
        with gr.Column(scale=3):
            output = gr.Markdown(t("draft_hint"), label=t("draft_output"), elem_id="draft-output",
                                 elem_classes=["draft-view"], container=True, padding=True,
                                 buttons=["copy"], sanitize_html=True)
        with gr.Column(scale=1):
            gr.Markdown(f"**{t('draft_missing')}**")
            missing = gr.Markdown(t("draft_none"), elem_id="draft-missing")
            gr.Markdown(f"**{t('draft_unused')}**")
            unused = gr.Markdown(t("draft_none"), elem_id="draft-unused")
            files = gr.File(label=t("draft_files"), file_count="multiple", interactive=False,
                            elem_id="draft-files")

    def on_upload(path: str | None) -> Any:
        if not path:
            return gr.update()
        try:
            check_upload(path, settings, METRICS_TYPES)
            rows = service.read_metrics_file(path)
        except (UploadError, ValueError) as err:
            raise ui_error(err) from err
        return service.rows_to_table(rows)

    def on_genre(g: str) -> str:
        return "\n".join(service.official_outline_lines(g))

    def on_draft(g: str, o: str, y: str | None, p: str, grid: Any, lines: str, choice: dict, folder: str | None,
                 progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008 - gradio idiom
        try:
            progress(0.1)
            user = service.user_settings(settings, choice)
            request = service.make_request(g, o, y, p, grid, lines)
            draft, public = service.run_draft(user, request)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        progress(0.8)
        folder = session_dir(folder)
        stem = safe_name(f"{request.org or ''}{request.year or ''}{g}")
        try:
            paths = [str(p) for p in service.save_files(draft, request, Path(folder), stem)]
        except ValueError as err:
            gr.Warning(html.escape(t("draft_audit_failed", error=err)))
            paths = []
        return (render.mark_placeholders(public["markdown"]), bullet_list(public["missing"]),
                bullet_list(public["unused"]), paths or None, folder)

    upload.upload(on_upload, upload, table, **PRIVATE)
    genre.change(on_genre, genre, outline, **PRIVATE)
    button.click(on_draft, [genre, org, year, place, table, outline, llm, session],
                 [output, missing, unused, files, session], **READ, **PRIVATE)
    return {"org": org, "year": year, "place": place, "genre": genre, "table": table, "upload": upload,
            "outline": outline, "button": button, "output": output, "missing": missing, "unused": unused, "files": files}
