"""The 语料检索 tab: query, filters, highlighted results with source and a copy button."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.settings import Settings
from assistant.ui import render, service
from assistant.ui.locale import t
from assistant.ui.tabs import READ, ui_error


def search_html(
    settings: Settings,
    query: str,
    k: float = 10,
    genre: str | None = None,
    year: str | float | None = None,
    doc: str | None = None,
    section: str | None = None,
) -> str:
    """Run a search and render it as safe HTML (the handler behind the 检索 button).

    Args:
        settings: the server settings.
        query: free text.
        k: number of results.
        genre: a genre name, or the 全部 choice / ``None``.
        year: a year, or ``None``/0 for all years.
        doc: a doc id, or the 全部 choice / ``None``.
        section: a section name fragment.

    Returns:
        HTML with every passage escaped and the query's bigrams highlighted.
    """
    if not (query or "").strip():
        return f'<div class="hits-empty">{t("search_empty")}</div>'
    everything = t("all")
    try:
        hits = service.run_search(
            settings,
            query,
            k=int(k or 10),
            genre=None if genre == everything else genre,
            year=year,
            doc=None if doc == everything else doc,
            section=section,
        )
    except Exception as err:  # noqa: BLE001 - shown to the user in Chinese
        raise ui_error(err) from err
    return render.hits_html(hits, query)


def build_search_tab(settings: Settings) -> dict[str, Any]:
    """Build the search tab inside the current Blocks context.

    Args:
        settings: the server settings (index location).

    Returns:
        Its components by name (``query``, ``button``, ``k``, ``genre``, ``year``, ``doc``,
        ``section``, ``results``).
    """
    from assistant.draft.outline.genres import genre_names

    everything = t("all")
    with gr.Row():
        query = gr.Textbox(
            label=t("search_query"),
            placeholder=t("search_placeholder"),
            scale=5,
            elem_id="search-query",
            max_length=500,
        )
        button = gr.Button(t("search_button"), variant="primary", scale=1, elem_id="search-button")
    with gr.Accordion(t("search_filters"), open=False):
        with gr.Row():
            genre = gr.Dropdown([everything, *genre_names()], value=everything, label=t("genre"))
            year = gr.Textbox(label=t("search_year"), placeholder=t("year_placeholder"), max_length=4)
            doc = gr.Dropdown([everything], value=everything, label=t("search_doc"), allow_custom_value=True)
            section = gr.Textbox(label=t("search_section"), max_length=50)
            k = gr.Slider(1, 30, value=8, step=1, label=t("search_k"))
    results = gr.HTML(elem_id="search-results", js_on_load=render.COPY_JS, padding=True)

    def on_search(q: str, kk: float, g: str, y: str | None, d: str, s: str) -> str:
        return search_html(settings, q, kk, g, y, d, s)

    inputs = [query, k, genre, year, doc, section]
    # Callable by clients as /search_html (hidden from the API page): the tests check escaping on it.
    button.click(on_search, inputs, results, api_name="search_html", api_visibility="undocumented", **READ)
    query.submit(on_search, inputs, results, api_visibility="private", **READ)
    return {
        "query": query,
        "button": button,
        "k": k,
        "genre": genre,
        "year": year,
        "doc": doc,
        "section": section,
        "results": results,
    }
