"""The 整篇起草 tab: who/when/where, the metrics grid (or an uploaded table), then the workbench
(:mod:`assistant.ui.workbench`): one editable block per section with 换一版 / 往年写法 / 润色 and
the audits re-run on every edit, a 全文预览 with its 【待补充】 markers beside one review list (each
entry jumps to its place), the appendices folded away, 导出 (.docx/.md, refused while a figure does
not trace) and 保存草稿 / 打开草稿 (one JSON project file per draft)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.settings import Settings
from assistant.ui import base_ui, render, review, service, workbench
from assistant.ui.gate import publish
from assistant.ui.locale import t
from assistant.ui.session import session_dir
from assistant.ui.tabs import HEAVY, PRIVATE, ui_error
from assistant.ui.uploads import METRICS_TYPES, REPORT_TYPES, UploadError, check_upload, safe_name
from assistant.ui.workers import run_heavy


def bullet_list(items: list[str]) -> str:
    """Escaped Markdown bullets, or 无."""
    if not items:
        return t("draft_none")
    return "\n".join(f"- {render.mark_md(str(item))}" for item in items)


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
            value=service.blank_grid(),
            headers=headers,
            datatype="str",
            type="array",
            interactive=True,
            column_count=6,
            label=t("draft_metrics"),
            elem_id="draft-metrics",
            scale=3,
        )
        with gr.Column(scale=2, min_width=320):
            with gr.Row():
                upload = gr.File(
                    label=t("draft_upload"),
                    file_types=list(METRICS_TYPES),
                    file_count="single",
                    height=150,
                    elem_id="draft-upload",
                    min_width=150,
                )
                base_file = gr.File(
                    label=t("draft_base_short"),
                    file_types=list(REPORT_TYPES),
                    file_count="single",
                    height=150,
                    elem_id="draft-base",
                    min_width=150,
                )
            with gr.Row():
                use_base = gr.Checkbox(False, label=t("draft_base_use"), elem_id="draft-use-base")
                compare = gr.Checkbox(
                    settings.compare_last_year, label=t("draft_compare"), elem_id="draft-compare"
                )
            xlsx = gr.Button(t("draft_grid_xlsx"), elem_id="draft-grid-xlsx", size="sm")
            grid_file = gr.File(
                label=t("draft_grid_xlsx"), interactive=False, elem_id="draft-grid-file", visible=False
            )
    base_path = gr.State(None)
    project = gr.State(None)  # this user's workbench (assistant.draft.project.Project)
    versions = gr.State({})  # block index → the versions shown by 往年写法
    with gr.Accordion(t("draft_outline"), open=False) as outline_box:
        outline = gr.Textbox(
            "\n".join(service.official_outline_lines(names[0])) if names else "",
            lines=8,
            max_lines=30,
            label=t("draft_outline_hint"),
            elem_id="draft-outline",
        )
    with gr.Row():
        button = gr.Button(t("draft_button"), variant="primary", elem_id="draft-button", scale=3)
        opener = gr.UploadButton(
            t("wb_open"), file_types=[".json"], file_count="single", elem_id="wb-open", scale=1
        )
    with gr.Row():
        with gr.Column(scale=3):
            with gr.Tabs(elem_id="draft-views"):
                with gr.Tab(t("wb_tab_blocks"), id="blocks"):
                    gr.Markdown(t("wb_hint"), elem_id="wb-hint")
                    slots = workbench.build_slots()
                with gr.Tab(t("wb_tab_preview"), id="preview"):
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
        with gr.Column(scale=2, elem_id="wb-pane"):
            with gr.Row():
                export = gr.Button(t("wb_export"), variant="primary", elem_id="wb-export", size="sm")
                save = gr.Button(t("wb_save"), elem_id="wb-save", size="sm")
            appendix = gr.Checkbox(False, label=t("draft_appendix"), elem_id="draft-appendix")
            status = gr.Markdown("", elem_id="wb-status")
            files = gr.File(
                label=t("draft_files"),
                file_count="multiple",
                interactive=False,
                elem_id="draft-files",
                visible=False,
            )
            saved = gr.File(label=t("wb_saved"), interactive=False, elem_id="wb-project-file", visible=False)
            gr.Markdown(f"**{t('draft_review')}**")
            checks = gr.HTML(
                t("draft_none"), elem_id="draft-review", js_on_load=review.REVIEW_JS, padding=False
            )
            with gr.Accordion(t("wb_appendix"), open=False, elem_id="wb-appendix"):
                gr.Markdown(f"**{t('draft_missing')}**")
                missing = gr.Markdown(t("draft_none"), elem_id="draft-missing")
                gr.Markdown(f"**{t('draft_unused')}**")
                unused = gr.Markdown(t("draft_none"), elem_id="draft-unused")
                gr.Markdown(f"**{t('draft_derived')}**")
                derived = gr.Markdown(t("draft_none"), elem_id="draft-derived")

    def on_upload(path: str | None) -> Any:
        if not path:
            return gr.update()
        try:
            check_upload(path, settings, METRICS_TYPES)
            rows = service.read_metrics_file(path)
        except (UploadError, ValueError) as err:
            raise ui_error(err) from err
        notes = [r.warning for r in rows if getattr(r, "warning", None)]
        if notes:
            gr.Warning(html.escape("；".join(notes[:5])))
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

    def on_xlsx(grid: Any, base: str | None, folder: str | None, login: gr.Request) -> tuple[Any, str]:
        owner = getattr(login, "username", None)  # files are served to this login only (ui/gate.py)
        folder = session_dir(folder, owner)
        try:
            (path,) = publish([base_ui.grid_xlsx(grid, Path(folder), base)], owner)
            return gr.update(value=path, visible=True), folder
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err

    def on_genre(g: str) -> str:
        return "\n".join(service.official_outline_lines(g))

    def views(proj: Any, draft: Any = None) -> list[Any]:
        """Preview, review list and appendices of the workbench as it stands."""
        from assistant.draft.project import project_draft
        from assistant.export.save import draft_public

        draft = draft or project_draft(proj)
        public = draft_public(draft)
        items = review.review_items(draft)
        words = [v.get("word", "") for v in public.get("voice") or []] + [
            f.get("word", "") for b in proj.blocks for f in b.flags if f.get("kind") == "voice"
        ]
        view, placed = review.anchored_markdown(
            public["markdown"], items, mark=lambda text: base_ui.marked_draft(text, words)
        )
        return [
            view,
            review.review_html(items, placed),
            bullet_list(public["missing"]),
            bullet_list(public["unused"]),
            base_ui.derived_markdown(public.get("derived", []), t("draft_none")),
        ]

    def write(proj: Any, folder: str | None, with_appendix: bool, login: Any) -> tuple[Any, str, str]:
        """Export the blocks (the audits first, in a worker); (files update, status, folder). The
        files are served to the login only (ui/gate.py)."""
        owner = getattr(login, "username", None)
        folder = session_dir(folder, owner)
        stem = safe_name(f"{proj.org or ''}{proj.year or ''}{proj.genre}")
        try:
            paths = run_heavy(
                settings, login, "assistant.ui.heavy:export_project", proj, str(folder), stem,
                bool(with_appendix), what=t("heavy_what_export"),
            )  # fmt: skip
        except ValueError as err:
            gr.Warning(html.escape(str(err)).replace("\n", "<br>"), title=t("wb_refused_title"))
            return gr.update(value=None, visible=False), render.escape_md(t("wb_refused", error=err)), folder
        return gr.update(value=publish(paths, owner), visible=True), t("wb_exported"), folder

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
        login: gr.Request,
        progress: gr.Progress = gr.Progress(),
    ) -> list[Any]:  # noqa: B008 - gradio idiom
        try:
            progress(0.1)
            user = service.user_settings(settings, choice)
            form = {"genre": g, "org": o, "year": y, "place": p, "grid": grid, "lines": lines}
            form["grid_no_last"] = None if cmp else _no_last(grid)
            proj, draft = run_heavy(
                settings, login, "assistant.ui.heavy:draft_project", user, settings, form, base,
                bool(from_base), bool(cmp), what=t("heavy_what_draft"),
            )  # fmt: skip
            progress(0.7)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        files_update, message, folder = write(proj, folder, with_appendix, login)
        return [
            proj,
            {},
            *views(proj, draft),
            files_update,
            message,
            folder,
            gr.update(visible=False),
            *workbench.all_updates(proj),
        ]

    def on_open(path: str | None) -> list[Any]:
        from assistant.draft.project import loads

        try:
            check_upload(path, settings, (".json",))
            proj = loads(Path(path).read_bytes())
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        return [
            proj,
            {},
            *views(proj),
            gr.update(value=None, visible=False),
            t("wb_opened", n=len(proj.blocks)),
            gr.update(visible=False),
            proj.org or "",
            str(proj.year or ""),
            proj.place or "",
            proj.genre,
            [[r.get(c, "") for c in ("指标", "数值", "单位", "备注", "章节", "上年数值")] for r in proj.rows]
            or service.blank_grid(),
            *workbench.all_updates(proj),
        ]

    def on_export(
        proj: Any, with_appendix: bool, folder: str | None, login: gr.Request, *texts: Any
    ) -> list[Any]:
        if proj is None:
            raise ui_error(gr.Error(t("wb_nothing")))
        workbench.sync_texts(proj, texts)
        files_update, message, folder = write(proj, folder, with_appendix, login)
        flags = [workbench.flags_html(b.text, b.flags) for b in proj.blocks]
        flags += [""] * (workbench.SLOTS - len(flags))
        return [proj, *views(proj), files_update, message, folder, *flags[: workbench.SLOTS]]

    def on_save(proj: Any, folder: str | None, login: gr.Request, *texts: Any) -> tuple[Any, ...]:
        from assistant.draft.project import dumps

        if proj is None:
            raise ui_error(gr.Error(t("wb_nothing")))
        workbench.sync_texts(proj, texts)
        owner = getattr(login, "username", None)
        folder = session_dir(folder, owner)
        stem = safe_name(f"{proj.org or ''}{proj.year or ''}{proj.genre}")
        path = Path(folder) / f"{stem}.草稿.json"
        path.write_text(dumps(proj), encoding="utf-8")
        (served,) = publish([path], owner)
        return proj, gr.update(value=served, visible=True), t("wb_saved_note"), folder

    slot_outputs = [c for s in slots for c in s.outputs()]
    view_outputs = [output, checks, missing, unused, derived]
    texts = [s.text for s in slots]
    workbench.wire_slots(slots, settings, project, versions, llm)
    upload.upload(on_upload, upload, table, **PRIVATE)
    genre.input(on_genre, genre, outline, **PRIVATE)  # a user pick; not the outline tab sending its outline
    base_file.upload(on_base, base_file, [table, base_path, use_base], **PRIVATE)
    xlsx.click(on_xlsx, [table, base_path, session], [grid_file, session], **PRIVATE)
    button.click(
        on_draft,
        [genre, org, year, place, table, outline, appendix, llm, session, base_path, use_base, compare],
        [project, versions, *view_outputs, files, status, session, saved, *slot_outputs],
        **HEAVY,
        **PRIVATE,
    )
    opener.upload(
        on_open,
        opener,
        [
            project,
            versions,
            *view_outputs,
            files,
            status,
            saved,
            org,
            year,
            place,
            genre,
            table,
            *slot_outputs,
        ],
        **PRIVATE,
    )
    export.click(
        on_export,
        [project, appendix, session, *texts],
        [project, *view_outputs, files, status, session, *[s.flags for s in slots]],
        **HEAVY,
        **PRIVATE,
    )
    save.click(on_save, [project, session, *texts], [project, saved, status, session], **PRIVATE)
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
        "project": project,
        "slots": slots,
        "export": export,
        "save": save,
        "open": opener,
        "status": status,
        "base": base_file,
        "use_base": use_base,
        "compare": compare,
        "xlsx": xlsx,
        "grid_file": grid_file,
        "derived": derived,
        "appendix": appendix,
        "review": checks,
    }
