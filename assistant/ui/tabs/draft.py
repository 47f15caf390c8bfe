"""The 整篇起草 tab: who/when/where, the metrics grid (or an uploaded table), then the draft with
its 【待补充】 markers highlighted beside one review list (markers, adapted/new/dropped sentences,
audit flags; each entry jumps to its place), the missing/unused lists and .docx/.md downloads
(the .docx carries the appendices only when the checkbox asks for them)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.settings import Settings
from assistant.ui import base_ui, render, review, service
from assistant.ui.locale import t
from assistant.ui.session import session_dir
from assistant.ui.tabs import PRIVATE, READ, ui_error
from assistant.ui.uploads import METRICS_TYPES, REPORT_TYPES, UploadError, check_upload, safe_name


def bullet_list(items: list[str]) -> str:
    """Escaped Markdown bullets, or 无."""
    if not items:
        return t("draft_none")
    return "\n".join(f"- {render.mark_placeholders(str(item))}" for item in items)


def _no_last(grid: Any) -> Any:
    """The grid without its 上年数值 column (comparisons switched off)."""
    rows = grid.get("data") if isinstance(grid, dict) else grid
    if hasattr(rows, "values") and hasattr(rows, "columns"):
        rows = rows.values.tolist()
    return [list(r)[:5] for r in rows or []]


def build_draft_tab(settings: Settings, llm: gr.State, session: gr.State) -> dict[str, Any]:
    """Build the whole-report tab.

    Args:
        settings: the server settings.
        llm: per-user LLM choice (``gr.State`` of a dict).
        session: per-user temp folder (``gr.State`` of a path string).

    Returns:
        Its components by name.
    """
    from assistant.draft.outline.genres import genre_names

    names = genre_names()
    with gr.Row():
        org = gr.Textbox(label=t("org"), max_length=60, elem_id="draft-org", scale=3)
        year = gr.Textbox(
            label=t("year"), placeholder=t("year_placeholder"), max_length=4, elem_id="draft-year", scale=1
        )
        place = gr.Textbox(label=t("place"), max_length=30, elem_id="draft-place", scale=2)
        genre = gr.Dropdown(names, value=names[0] if names else None, label=t("genre"), scale=2)
    headers = [t("col_metric"), t("col_value"), t("col_unit"), t("col_note"), t("col_section"), t("col_last")]
    with gr.Row():
        table = gr.Dataframe(
            value=[list(r) for r in service.EXAMPLE_METRICS],
            headers=headers,
            datatype="str",
            type="array",
            interactive=True,
            column_count=6,
            label=t("draft_metrics"),
            elem_id="draft-metrics",
            scale=4,
        )
        upload = gr.File(
            label=t("draft_upload"),
            file_types=list(METRICS_TYPES),
            file_count="single",
            scale=1,
            height=140,
            elem_id="draft-upload",
        )
    with gr.Row():
        base_file = gr.File(
            label=t("draft_base_upload"),
            file_types=list(REPORT_TYPES),
            file_count="single",
            scale=3,
            height=100,
            elem_id="draft-base",
        )
        with gr.Column(scale=1):
            use_base = gr.Checkbox(False, label=t("draft_base_use"), elem_id="draft-use-base")
            compare = gr.Checkbox(
                settings.compare_last_year, label=t("draft_compare"), elem_id="draft-compare"
            )
            xlsx = gr.Button(t("draft_grid_xlsx"), elem_id="draft-grid-xlsx", size="sm")
            grid_file = gr.File(
                label=t("draft_grid_xlsx"), interactive=False, height=80, elem_id="draft-grid-file"
            )
    base_path = gr.State(None)
    with gr.Accordion(t("draft_outline"), open=False) as outline_box:
        outline = gr.Textbox(
            "\n".join(service.official_outline_lines(names[0])) if names else "",
            lines=8,
            max_lines=30,
            label=t("draft_outline_hint"),
            elem_id="draft-outline",
        )
    with gr.Row():
        appendix = gr.Checkbox(False, label=t("draft_appendix"), elem_id="draft-appendix", scale=3)
        button = gr.Button(t("draft_button"), variant="primary", elem_id="draft-button", scale=1)
    with gr.Row():
        with gr.Column(scale=3):
            output = gr.Markdown(
                t("draft_hint"),
                label=t("draft_output"),
                elem_id="draft-output",
                elem_classes=["draft-view"],
                container=True,
                padding=True,
                buttons=["copy"],
                sanitize_html=True,
            )
        with gr.Column(scale=2):
            gr.Markdown(f"**{t('draft_review')}**")
            checks = gr.HTML(
                t("draft_none"), elem_id="draft-review", js_on_load=review.REVIEW_JS, padding=False
            )
            gr.Markdown(f"**{t('draft_missing')}**")
            missing = gr.Markdown(t("draft_none"), elem_id="draft-missing")
            gr.Markdown(f"**{t('draft_unused')}**")
            unused = gr.Markdown(t("draft_none"), elem_id="draft-unused")
            gr.Markdown(f"**{t('draft_derived')}**")
            derived = gr.Markdown(t("draft_none"), elem_id="draft-derived")
            files = gr.File(
                label=t("draft_files"), file_count="multiple", interactive=False, elem_id="draft-files"
            )

    def on_upload(path: str | None) -> Any:
        if not path:
            return gr.update()
        try:
            check_upload(path, settings, METRICS_TYPES)
            rows = service.read_metrics_file(path)
        except (UploadError, ValueError) as err:
            raise ui_error(err) from err
        return service.rows_to_table(rows)

    def on_base(path: str | None) -> tuple[Any, ...]:
        if not path:
            return gr.update(), None, gr.update(value=False)
        try:
            check_upload(path, settings, REPORT_TYPES)
            grid = base_ui.base_grid(path, settings)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        return grid, path, gr.update(value=True)

    def on_xlsx(grid: Any, base: str | None, folder: str | None) -> tuple[Any, str]:
        folder = session_dir(folder)
        try:
            return str(base_ui.grid_xlsx(grid, Path(folder), base)), folder
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err

    def on_genre(g: str) -> str:
        return "\n".join(service.official_outline_lines(g))

    def on_draft(
        g: str,
        o: str,
        y: str | None,
        p: str,
        grid: Any,
        lines: str,
        with_appendix: bool,
        choice: dict,
        folder: str | None,
        base: str | None,
        from_base: bool,
        cmp: bool,
        progress: gr.Progress = gr.Progress(),
    ) -> tuple[Any, ...]:  # noqa: B008 - gradio idiom
        allowed = None
        try:
            progress(0.1)
            user = service.user_settings(settings, choice)
            if base and from_base:
                request = service.make_request(g, o, y, p, None, None)
                draft, public, allowed = base_ui.draft_base(
                    user, base, g, request.org, request.year, request.place, grid, cmp
                )
                request.genre, request.year = draft.genre, draft.year
            else:
                request = service.make_request(g, o, y, p, grid if cmp else _no_last(grid), lines)
                draft, public = service.run_draft(user, request)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        progress(0.8)
        folder = session_dir(folder)
        stem = safe_name(f"{request.org or ''}{request.year or ''}{g}")
        try:
            paths = [
                str(p)
                for p in service.save_files(
                    draft, request, Path(folder), stem, appendix=bool(with_appendix), allowed=allowed
                )
            ]
        except ValueError as err:
            gr.Warning(html.escape(t("draft_audit_failed", error=err)))
            paths = []
        items = review.review_items(draft)
        words = [v.get("word", "") for v in public.get("voice") or []]
        view, placed = review.anchored_markdown(
            public["markdown"], items, mark=lambda text: base_ui.marked_draft(text, words)
        )
        return (
            view,
            review.review_html(items, placed),
            bullet_list(public["missing"]),
            bullet_list(public["unused"]),
            paths or None,
            folder,
            base_ui.derived_markdown(public.get("derived", []), t("draft_none")),
        )

    upload.upload(on_upload, upload, table, **PRIVATE)
    genre.input(on_genre, genre, outline, **PRIVATE)  # a user pick; not the outline tab sending its outline
    base_file.upload(on_base, base_file, [table, base_path, use_base], **PRIVATE)
    xlsx.click(on_xlsx, [table, base_path, session], [grid_file, session], **PRIVATE)
    button.click(
        on_draft,
        [genre, org, year, place, table, outline, appendix, llm, session, base_path, use_base, compare],
        [output, checks, missing, unused, files, session, derived],
        **READ,
        **PRIVATE,
    )
    return {
        "org": org,
        "year": year,
        "place": place,
        "genre": genre,
        "table": table,
        "upload": upload,
        "outline": outline,
        "outline_box": outline_box,
        "button": button,
        "output": output,
        "missing": missing,
        "unused": unused,
        "files": files,
        "base": base_file,
        "use_base": use_base,
        "compare": compare,
        "xlsx": xlsx,
        "grid_file": grid_file,
        "derived": derived,
        "appendix": appendix,
        "review": checks,
    }
