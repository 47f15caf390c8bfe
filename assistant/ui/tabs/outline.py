"""The 提纲 tab: a genre's official + corpus-derived outline with coverage, editable, and past
reports' versions of one section side by side."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from assistant.settings import Settings
from assistant.ui import render, service
from assistant.ui.gate import publish
from assistant.ui.locale import t
from assistant.ui.session import session_dir
from assistant.ui.tabs import PRIVATE, READ, ui_error
from assistant.ui.uploads import safe_name

SOURCES = ("merged", "official", "corpus")


def outline_rows(outline: dict[str, Any]) -> tuple[list[list[Any]], list[tuple[str, str]]]:
    """Flatten an outline dict into grid rows and (label, key) choices for the section picker.

    Args:
        outline: ``Outline.to_public()``.

    Returns:
        Rows ``[层级, 标题, 覆盖, 示例]`` (the section's internal key only as the dropdown's value)
        and the dropdown choices.
    """
    rows: list[list[Any]] = []
    choices: list[tuple[str, str]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items or []:
            if not isinstance(item, dict):
                rows.append([level, str(item), "", ""])
                continue
            lvl = int(item.get("level") or level)
            total = item.get("total")
            coverage = item.get("coverage")
            cover = (
                t("coverage_fmt", n=coverage, total=total)
                if total
                else ("" if coverage is None else coverage)
            )
            examples = "；".join(
                f"{e.get('title') or e.get('doc', '')}：{e.get('heading', '')}"
                if isinstance(e, dict)
                else str(e)
                for e in (item.get("examples") or [])[:3]
            )
            key = str(item.get("key") or "")
            title = str(item.get("title") or "")
            rows.append([lvl, title, cover, examples])
            if key:
                choices.append(("　" * (lvl - 1) + title, key))
            walk(item.get("subpoints") or [], lvl + 1)

    walk(outline.get("sections") or [], 1)
    return rows, choices


def outline_picks(outline: dict[str, Any]) -> list[tuple[str, str]]:
    """Choices for "my outline": official sections and sub-points, then the sections learned from
    the corpus with their sub-points; the value is ``"level|title"`` (title without numbering)."""
    from assistant.draft.outline.learned import plain_heading

    total = outline.get("documents") or 0
    out: list[tuple[str, str]] = []

    def add(level: int, title: str, coverage: Any, mark: str = "") -> None:
        plain = plain_heading(title)
        cover = f" 〔{coverage}/{total}〕" if total and coverage is not None else ""
        value = f"{level}|{plain}"
        if all(v != value for _, v in out):
            out.append((("　" if level > 1 else "") + mark + plain + cover, value))

    for sec in outline.get("sections") or []:
        mark = f"[{t('outline_learned_mark')}] " if outline.get("source") == "corpus" else ""
        add(1, sec.get("title", ""), sec.get("coverage"), mark)
        for sub in sec.get("subpoints") or []:
            add(2, sub.get("title", ""), sub.get("coverage"), mark)
    for sec in outline.get("learned") or []:
        mark = f"[{t('outline_learned_mark')}] "
        add(1, sec.get("title", ""), sec.get("coverage"), mark)
        for sub in sec.get("subpoints") or []:
            add(2, sub.get("title", ""), sub.get("coverage"), mark)
    return out


def compose_outline(picked: list[str] | None, choices: list[tuple[str, str]]) -> str:
    """The text of "my outline" from the picked values, in outline order, numbered afresh.

    A picked sub-point goes under the last picked section before it (a section of its own when
    there is none); the result is one heading a line, as the draft tab's outline box expects.
    """
    from assistant.lang.numbering import numbered

    chosen = set(picked or [])
    lines: list[str] = []
    top = sub = 0
    for _, value in choices:
        if value not in chosen:
            continue
        level, _, title = value.partition("|")
        if level == "2" and top:
            sub += 1
            lines.append(numbered(2, sub, title))
        else:
            top, sub = top + 1, 0
            lines.append(numbered(1, top, title))
    return "\n".join(lines)


def build_outline_tab(settings: Settings, session: gr.State) -> dict[str, Any]:
    """Build the outline tab.

    Args:
        settings: the server settings.
        session: the per-user state holding this session's temp folder.

    Returns:
        Its components by name.
    """
    from assistant.draft.outline.genres import genre_names

    names = genre_names()
    with gr.Row():
        genre = gr.Dropdown(names, value=names[0] if names else None, label=t("genre"), scale=2)
        source = gr.Radio(
            [(t(f"outline_{s}"), s) for s in SOURCES], value="merged", label=t("outline_source"), scale=3
        )
        button = gr.Button(t("outline_button"), variant="primary", scale=1)
    headers = [t("col_level"), t("col_title"), t("col_coverage"), t("col_examples")]
    table = gr.Dataframe(
        headers=headers,
        datatype=["number", "str", "str", "str"],
        type="array",
        interactive=True,
        wrap=True,
        label=t("outline_table"),
        column_widths=["8%", "34%", "12%", "46%"],
    )
    with gr.Row():
        text = gr.Textbox(label=t("outline_text"), lines=12, max_lines=30, scale=4)
        with gr.Column(scale=1):
            download = gr.DownloadButton(t("outline_download"), value=None, variant="secondary")
    with gr.Row():
        section = gr.Dropdown([], label=t("versions_section"), scale=4)
        compare = gr.Button(t("versions_button"), scale=1)
    versions = gr.HTML(f'<div class="hits-empty">{t("versions_pick")}</div>', padding=True)
    with gr.Row():
        picks = gr.CheckboxGroup([], label=t("outline_picks"), elem_id="outline-picks", scale=3)
        with gr.Column(scale=2):
            mine = gr.Textbox(label=t("outline_mine"), lines=10, max_lines=30, elem_id="outline-mine")
            send = gr.Button(t("outline_to_draft"), variant="primary", elem_id="outline-to-draft")
    pick_choices = gr.State([])

    def on_outline(g: str, s: str) -> tuple[Any, ...]:
        try:
            outline, outline_plain = service.outline_text(settings, g, s)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        rows, choices = outline_rows(outline)
        pick = choices[0][1] if choices else None
        options = outline_picks(outline)
        return (
            rows,
            outline_plain,
            gr.update(choices=choices, value=pick),
            gr.update(choices=options, value=[]),
            options,
            "",
        )

    def on_versions(g: str, key: str | None) -> str:
        if not key:
            return f'<div class="hits-empty">{t("versions_pick")}</div>'
        try:
            return render.versions_html(service.run_versions(settings, g, key))
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err

    def on_download(g: str, body: str, folder: str | None, request: gr.Request) -> tuple[Any, str]:
        user = getattr(request, "username", None)
        folder = session_dir(folder, user)
        path = Path(folder) / f"{safe_name(g or 'outline')}提纲.md"
        path.write_text(body or "", encoding="utf-8")
        return publish([path], user)[0], folder

    button.click(
        on_outline, [genre, source], [table, text, section, picks, pick_choices, mine], **READ, **PRIVATE
    )
    picks.change(lambda p, c: compose_outline(p, c), [picks, pick_choices], mine, **PRIVATE, queue=False)
    compare.click(on_versions, [genre, section], versions, **READ, **PRIVATE)
    text.change(
        on_download,
        [genre, text, session],
        [download, session],
        **PRIVATE,
        show_progress="hidden",
        trigger_mode="always_last",
    )
    return {
        "genre": genre,
        "source": source,
        "button": button,
        "table": table,
        "text": text,
        "download": download,
        "section": section,
        "compare": compare,
        "versions": versions,
        "picks": picks,
        "mine": mine,
        "send": send,
    }
