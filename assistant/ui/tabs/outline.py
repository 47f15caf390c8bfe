"""The 提纲 tab: a genre's official + corpus-derived outline with coverage, editable, and past
reports' versions of one section side by side."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from assistant.settings import Settings
from assistant.ui import render, service
from assistant.ui.locale import t
from assistant.ui.session import session_dir
from assistant.ui.tabs import PRIVATE, READ, ui_error

SOURCES = ("merged", "official", "corpus")


def outline_rows(outline: dict[str, Any]) -> tuple[list[list[Any]], list[tuple[str, str]]]:
    """Flatten an outline dict into grid rows and (label, key) choices for the section picker.

    Args:
        outline: ``Outline.to_public()``.

    Returns:
        Rows ``[层级, 标题, 覆盖, 示例, key]`` and the dropdown choices.
    """
    rows: list[list[Any]] = []
    choices: list[tuple[str, str]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items or []:
            if not isinstance(item, dict):
                rows.append([level, str(item), "", "", ""])
                continue
            lvl = int(item.get("level") or level)
            total = item.get("total")
            coverage = item.get("coverage")
            cover = t("coverage_fmt", n=coverage, total=total) if total else ("" if coverage is None else coverage)
            examples = "；".join(
                f"{e.get('doc', '')}：{e.get('heading', '')}" if isinstance(e, dict) else str(e)
                for e in (item.get("examples") or [])[:3]
            )
            key = str(item.get("key") or "")
            title = str(item.get("title") or "")
            rows.append([lvl, title, cover, examples, key])
            if key:
                choices.append(("　" * (lvl - 1) + title, key))
            walk(item.get("subpoints") or [], lvl + 1)

    walk(outline.get("sections") or [], 1)
    return rows, choices


def build_outline_tab(settings: Settings, session: gr.State) -> dict[str, Any]:
    """Build the outline tab.

    Args:
        settings: the server settings.
        session: the per-user state holding this session's temp folder.

    Returns:
        Its components by name.
    """
    from assistant.draft.genres import genre_names

    names = genre_names()
    with gr.Row():
        genre = gr.Dropdown(names, value=names[0] if names else None, label=t("genre"), scale=2)
        source = gr.Radio([(t(f"outline_{s}"), s) for s in SOURCES], value="merged",
                          label=t("outline_source"), scale=3)
        button = gr.Button(t("outline_button"), variant="primary", scale=1)
    headers = [t("col_level"), t("col_title"), t("col_coverage"), t("col_examples"), t("col_key")]
    table = gr.Dataframe(headers=headers, datatype=["number", "str", "str", "str", "str"], type="array",
                         interactive=True, wrap=True, label=t("outline_table"), column_widths=["8%", "32%", "12%", "38%", "10%"])
    with gr.Row():
        text = gr.Textbox(label=t("outline_text"), lines=12, max_lines=30, scale=4)
        with gr.Column(scale=1):
            download = gr.DownloadButton(t("outline_download"), value=None, variant="secondary")
    with gr.Row():
        section = gr.Dropdown([], label=t("versions_section"), scale=4)
        compare = gr.Button(t("versions_button"), scale=1)
    versions = gr.HTML(f'<div class="hits-empty">{t("versions_pick")}</div>', padding=True)

    def on_outline(g: str, s: str) -> tuple[Any, str, Any]:
        try:
            outline, outline_plain = service.outline_text(settings, g, s)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        rows, choices = outline_rows(outline)
        pick = choices[0][1] if choices else None
        return rows, outline_plain, gr.update(choices=choices, value=pick)

    def on_versions(g: str, key: str | None) -> str:
        if not key:
            return f'<div class="hits-empty">{t("versions_pick")}</div>'
        try:
            return render.versions_html(service.run_versions(settings, g, key))
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err

    def on_download(g: str, body: str, folder: str | None) -> tuple[Any, str]:
        folder = session_dir(folder)
        path = Path(folder) / f"{g or 'outline'}提纲.md"
        path.write_text(body or "", encoding="utf-8")
        return str(path), folder

    button.click(on_outline, [genre, source], [table, text, section], **READ, **PRIVATE)
    compare.click(on_versions, [genre, section], versions, **READ, **PRIVATE)
    text.change(on_download, [genre, text, session], [download, session], **PRIVATE, show_progress="hidden",
                trigger_mode="always_last")
    return {"genre": genre, "source": source, "button": button, "table": table, "text": text,
            "download": download, "section": section, "compare": compare, "versions": versions}
