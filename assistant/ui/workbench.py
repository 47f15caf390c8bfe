"""The drafting workbench of the 整篇起草 tab: one editable block per section, each with 换一版,
往年写法 (versions side by side, 采用 replaces the block), 润色, and the audits re-run on every edit.

The blocks are a fixed pool of :data:`SLOTS` hidden groups filled from the session's
:class:`~assistant.draft.project.Project` (a ``gr.State``: per user, never shared). Each button
updates its own block only. Export and 保存草稿 read every block's current text, so nothing typed
is lost to an unfinished edit event. Pure rendering helpers (:func:`flags_html`, :func:`versions_html`)
are kept free of gradio.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from assistant.ui import render
from assistant.ui.locale import t

SLOTS = 20
_QUOTED_RE = re.compile(r"“([^”]{1,40})”")


def flag_spans(text: str, flags: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Where each finding's word stands in ``text`` (within its sentence; the sentence when the word is unknown)."""
    spans: list[tuple[int, int]] = []
    for flag in flags:
        sentence = str(flag.get("text") or "")
        start = text.find(sentence) if sentence else -1
        if start < 0:
            continue
        word = flag.get("word") or ""
        if not word:
            m = _QUOTED_RE.search(str(flag.get("reason") or ""))
            word = m.group(1) if m else ""
        at = text.find(word, start, start + len(sentence)) if word else -1
        span = (at, at + len(word)) if at >= 0 else (start, start + len(sentence))
        if not any(a < span[1] and span[0] < b for a, b in spans):
            spans.append(span)
    return sorted(spans)


def flags_html(text: str, flags: list[dict[str, Any]]) -> str:
    """A block's findings: the text with each offending word marked, then the reasons (escaped)."""
    if not flags:
        return f'<div class="wb-ok">{html.escape(t("wb_clean"))}</div>'
    marked = render.wrap_spans(text, flag_spans(text, flags), "flag")
    reasons = "".join(
        f'<li class="wb-flag wb-{html.escape(str(f.get("kind", "")))}">{html.escape(str(f.get("reason", "")))}</li>'
        for f in flags
    )
    head = html.escape(t("wb_flags", n=len(flags)))
    return f'<div class="wb-flags"><div class="wb-flag-head">{head}</div><div class="wb-marked">{marked}</div><ul>{reasons}</ul></div>'


def sources_line(sources: list[dict[str, Any]]) -> str:
    """``来源：title · section；…`` (escaped Markdown), one entry per report section."""
    from assistant.types import Source

    labels = list(dict.fromkeys(Source(**s).label() for s in sources))
    return render.escape_md(t("wb_sources", items="；".join(labels))) if labels else t("wb_no_sources")


def versions_html(versions: list[dict[str, Any]]) -> str:
    """Versions of a section side by side: source, text with markers marked, findings (escaped)."""
    if not versions:
        return f'<div class="hits-empty">{html.escape(t("versions_none"))}</div>'
    cols = []
    for n, v in enumerate(versions, 1):
        flags = "".join(f'<div class="wb-flag">{html.escape(f["reason"])}</div>' for f in v.get("flags", []))
        cols.append(
            f'<div class="version wb-version" data-n="{n}">'
            f'<div class="version-doc">{html.escape(t("wb_version", n=n))} · {html.escape(v["source_title"])}</div>'
            f'<div class="version-heading">{html.escape(v["source_section"])}</div>'
            f'<div class="version-text">{render.mark_placeholders(v["text"])}</div>{flags}</div>'
        )
    return '<div class="versions">' + "".join(cols) + "</div>"


@dataclass
class Slot:
    """The components of one block."""

    box: Any
    head: Any
    text: Any
    flags: Any
    src: Any
    next: Any
    versions: Any
    polish: Any
    alt_box: Any
    cards: Any
    pick: Any
    use: Any

    def outputs(self) -> list[Any]:
        """What a whole refresh of the block updates."""
        return [self.box, self.head, self.text, self.flags, self.src, self.alt_box]


def build_slots() -> list[Slot]:
    """The pool of hidden block groups (inside the current ``gr.Blocks`` context)."""
    import gradio as gr

    slots = []
    for i in range(SLOTS):
        with gr.Group(visible=False, elem_id=f"wb-block-{i}", elem_classes=["wb-block"]) as box:
            head = gr.Markdown(elem_classes=["wb-head"], elem_id=f"wb-head-{i}")
            text = gr.Textbox(show_label=False, lines=3, max_lines=7, elem_id=f"wb-text-{i}", container=False)
            flags = gr.HTML("", elem_id=f"wb-flags-{i}", padding=False)
            with gr.Row(elem_classes=["wb-tools"]):
                src = gr.Markdown(elem_classes=["wb-src"], elem_id=f"wb-src-{i}")
                nxt = gr.Button(t("wb_next"), size="sm", elem_id=f"wb-next-{i}", scale=0, min_width=80)
                vers = gr.Button(
                    t("wb_versions"), size="sm", elem_id=f"wb-versions-{i}", scale=0, min_width=90
                )
                pol = gr.Button(t("wb_polish"), size="sm", elem_id=f"wb-polish-{i}", scale=0, min_width=70)
            with gr.Column(visible=False, elem_id=f"wb-alts-{i}") as alt_box:
                cards = gr.HTML("", elem_id=f"wb-cards-{i}", padding=False)
                with gr.Row():
                    pick = gr.Radio([], label=t("wb_pick"), elem_id=f"wb-pick-{i}", scale=4)
                    use = gr.Button(t("wb_use"), elem_id=f"wb-use-{i}", scale=1, variant="primary")
        slots.append(Slot(box, head, text, flags, src, nxt, vers, pol, alt_box, cards, pick, use))
    return slots


def block_updates(project: Any, i: int) -> list[Any]:
    """The six updates of slot ``i`` for ``project`` (hidden when it has no block ``i``)."""
    import gradio as gr

    if project is None or i >= len(project.blocks):
        return [gr.update(visible=False), "", gr.update(value=""), "", "", gr.update(visible=False)]
    block = project.blocks[i]
    marks = "###" if block.level == 1 else "####"
    return [
        gr.update(visible=True),
        f"{marks} {render.escape_md(block.heading)}",
        gr.update(value=block.text),
        flags_html(block.text, block.flags),
        sources_line(block.sources),
        gr.update(visible=False),
    ]


def all_updates(project: Any) -> list[Any]:
    """Updates of every slot."""
    return [u for i in range(SLOTS) for u in block_updates(project, i)]


def sync_texts(project: Any, texts: tuple[Any, ...]) -> None:
    """Take every block's text as it stands in the page; re-audit the ones that changed."""
    from assistant.draft.project import audit_block

    for block, text in zip(project.blocks, texts, strict=False):
        text = str(text or "")
        if text != block.text:
            block.text = text
            audit_block(project, block)


def _version_public(alt: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return alt.to_public() | {"source_doc": alt.source_doc, "paragraphs": [asdict(p) for p in alt.paragraphs]}


def wire_slots(slots: list[Slot], settings: Any, project: Any, versions: Any, llm: Any) -> None:
    """The events of every block: edit (audit), 换一版, 往年写法, 采用, 润色. Each updates its own block."""
    import gradio as gr

    from assistant.ui import service
    from assistant.ui.tabs import HEAVY, PRIVATE, ui_error
    from assistant.ui.workers import run_heavy

    def for_slot(i: int) -> None:
        slot = slots[i]

        def block_of(proj: Any) -> Any:
            if proj is None or i >= len(proj.blocks):
                raise gr.Error(t("wb_nothing"))
            return proj.blocks[i]

        def on_edit(proj: Any, text: str) -> tuple[Any, str]:
            from assistant.draft.project import audit_block

            block = block_of(proj)
            block.text = str(text or "")
            audit_block(proj, block)
            return proj, flags_html(block.text, block.flags)

        def on_next(proj: Any, text: str, login: gr.Request) -> list[Any]:
            from assistant.draft.project import adopt

            block = block_of(proj)
            try:
                found, again = run_heavy(
                    settings, login, "assistant.ui.heavy:next_version", settings, proj.request(), block.topic,
                    list(block.seen), str(text or ""), what=t("heavy_what_alternatives"),
                )  # fmt: skip
                if again:  # every report shown: the round started again
                    block.seen = []
            except Exception as err:  # noqa: BLE001
                raise ui_error(err) from err
            if not found:
                gr.Info(t("versions_none"), title=t("info_title"))
                return [proj, *block_updates(proj, i)]
            adopt(proj, block, found[0].paragraphs, found[0].source_doc)
            return [proj, *block_updates(proj, i)]

        def on_versions(proj: Any, shown: dict, login: gr.Request) -> list[Any]:
            block = block_of(proj)
            try:
                found = run_heavy(
                    settings, login, "assistant.ui.heavy:versions", settings, proj.request(), block.topic, 4,
                    what=t("heavy_what_alternatives"),
                )  # fmt: skip
            except Exception as err:  # noqa: BLE001
                raise ui_error(err) from err
            shown = dict(shown or {})
            shown[i] = [_version_public(a) for a in found]
            labels = [t("wb_version", n=n) + f" · {a.source_title}" for n, a in enumerate(found, 1)]
            return [
                shown,
                gr.update(visible=True),
                versions_html(shown[i]),
                gr.update(choices=labels, value=labels[0] if labels else None),
            ]

        def on_use(proj: Any, shown: dict, picked: str | None) -> list[Any]:
            from assistant.draft.project import _paragraph_from, adopt

            block = block_of(proj)
            options = (shown or {}).get(i) or []
            labels = [t("wb_version", n=n) + f" · {v['source_title']}" for n, v in enumerate(options, 1)]
            if not options or picked not in labels:
                raise gr.Error(t("wb_pick_first"))
            chosen = options[labels.index(picked)]
            adopt(proj, block, [_paragraph_from(p) for p in chosen["paragraphs"]], chosen["source_doc"])
            return [proj, *block_updates(proj, i)]

        def on_polish(proj: Any, text: str, choice: dict, login: gr.Request) -> list[Any]:
            from assistant.draft.project import audit_block

            block = block_of(proj)
            block.text = str(text or "")
            try:
                user = service.user_settings(settings, choice)
                if user.llm_backend == "none":
                    raise gr.Error(t("wb_no_llm"))
                if block.kind != "performance":
                    raise gr.Error(t("wb_polish_items"))
                polished, flag = run_heavy(
                    settings, login, "assistant.ui.heavy:polish_block", user, block.text, block.heading,
                    proj.genre, proj.allowed(), what=t("heavy_what_polish"),
                )  # fmt: skip
                if polished is None:
                    raise gr.Error(t("wb_no_llm"))
            except Exception as err:  # noqa: BLE001
                raise ui_error(err) from err
            if flag is not None:
                gr.Warning(html.escape(flag.reason), title=t("warning_title"))
                return [proj, *block_updates(proj, i)]
            block.text = polished
            audit_block(proj, block)
            return [proj, *block_updates(proj, i)]

        refresh = [project, *slot.outputs()]
        slot.text.blur(on_edit, [project, slot.text], [project, slot.flags], **PRIVATE)
        slot.text.submit(on_edit, [project, slot.text], [project, slot.flags], **PRIVATE)
        slot.next.click(on_next, [project, slot.text], refresh, **HEAVY, **PRIVATE)
        slot.versions.click(
            on_versions,
            [project, versions],
            [versions, slot.alt_box, slot.cards, slot.pick],
            **HEAVY,
            **PRIVATE,
        )
        slot.use.click(on_use, [project, versions, slot.pick], refresh, **PRIVATE)
        slot.polish.click(on_polish, [project, slot.text, llm], refresh, **HEAVY, **PRIVATE)

    for i in range(len(slots)):
        for_slot(i)
