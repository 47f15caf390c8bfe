"""The 语料库 tab: upload past reports, list indexed documents with passage counts, remove one,
rebuild the index. Writes run in the ``write`` queue group (one at a time); an upload's ingest and
a rebuild run in a low-priority child process (:mod:`assistant.ui.ingest_child`) so searches keep
their speed."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.settings import Settings
from assistant.ui import service
from assistant.ui.locale import t
from assistant.ui.tabs import PRIVATE, READ, WRITE, ui_error
from assistant.ui.uploads import (
    REPORT_TYPES,
    UploadError,
    ingest_staged,
    record_uploader,
    stage_upload,
    uploaders,
)

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int | None], None]


def corpus_view(settings: Settings) -> tuple[str, list[list[Any]], list[str]]:
    """The index summary line, the document grid (title, then the file's id) and the list of doc ids."""
    data = service.index_info(settings)
    docs = data.get("documents") or []
    if not data.get("exists", bool(docs)):
        return t("corpus_empty"), [], []
    summary = t(
        "corpus_summary",
        docs=len(docs),
        passages=data.get("passages", 0),
        embedder=data.get("embedder") or "",
        index_type=data.get("index_type") or "",
    )
    rows = [[(d.get("title") or d.get("doc_id", "")) + ocr_note(d), d.get("doc_id", ""), d.get("passages", 0),
             d.get("genre") or "unknown", _confidence(d)] for d in docs]  # fmt: skip
    return html.escape(summary), rows, [str(d.get("doc_id", "")) for d in docs]


def ocr_note(doc: dict[str, Any]) -> str:
    """``（文字识别 3 页，平均置信度 0.97，请核对）`` for a document read by OCR, else empty."""
    if not doc.get("ocr"):
        return ""
    conf = doc.get("ocr_confidence")
    return (
        f"（文字识别 {doc.get('ocr_pages') or '?'} 页"
        + (f"，平均置信度 {conf:.2f}" if conf is not None else "")
        + "，请核对）"
    )


def _confidence(doc: dict[str, Any]) -> str:
    value = doc.get("genre_confidence")
    source = {"user": "人工", "meta": "元数据", "keywords": "关键词", "prototype": "语义"}.get(
        doc.get("genre_source") or "", ""
    )
    return f"{value:.2f}" + (f"（{source}）" if source else "") if value is not None else ""


def save_genres(settings: Settings, rows: list[list[Any]] | None) -> str:
    """Store the genres edited in the document grid (no re-embedding).

    Args:
        settings: the server settings.
        rows: the grid rows ``[标题, 文件, 段落, 体裁, 置信度]``.

    Returns:
        A Chinese message naming what changed.
    """
    from assistant.index.doc_meta import set_genres

    current = {
        d["doc_id"]: d.get("genre") or "unknown" for d in service.index_info(settings).get("documents") or []
    }
    wanted = {str(r[1]): str(r[3]).strip() for r in rows or [] if len(r) > 3 and str(r[1]) in current}
    changed = {d: g for d, g in wanted.items() if g and g != current[d]}
    if not changed:
        return t("corpus_genres_same")
    done = set_genres(settings, changed)
    return t("corpus_genres_saved", n=len(done), docs="、".join(f"{d}→{g}" for d, g in done.items()))


def may_remove(settings: Settings, doc: str, user: str | None, admins: set[str], logins: bool) -> str | None:
    """Why ``user`` may not remove ``doc`` (a Chinese message), or ``None`` when allowed.

    Policy (setting ``corpus_remove``, applies on a server with logins): ``uploader`` — the login
    that uploaded the file and the admins; ``admins`` — the admins only; ``anyone``.
    """
    if not logins or settings.corpus_remove == "anyone" or (user is not None and user in admins):
        return None
    if settings.corpus_remove == "admins" or user is None:
        return t("corpus_remove_admins", doc=doc)
    docs = service.index_info(settings).get("documents") or []
    matching = [d for d in docs if str(d.get("doc_id")) == doc] or [
        d for d in docs if str(d.get("doc_id", "")).startswith(doc)
    ]
    owners = uploaders(settings)
    if matching and all(owners.get(Path(str(d.get("path") or "")).name) == user for d in matching):
        return None
    return t("corpus_remove_denied", doc=doc)


def ingest_uploads(
    settings: Settings, files: list[Any] | None, on_progress: Progress | None = None, user: str | None = None
) -> str:
    """Check uploads, stage the accepted ones, index them and move them into the corpus folder.

    The ingest runs in a low-priority child process (see :func:`assistant.ui.uploads.ingest_staged`).

    Args:
        settings: the server settings.
        files: gradio file paths (strings) or objects with ``.name``.
        on_progress: ``(description, done, total)`` callback for the ingest's progress.

    Returns:
        A Markdown report (escaped): what was saved, what was refused, the ingest summary.

    Raises:
        gr.Error: nothing to do.
    """
    if not files:
        raise gr.Error(t("corpus_no_files"), title=t("error_title"), print_exception=False)
    staged: list[tuple[Path, Path]] = []
    lines: list[str] = []
    for item in files:
        path = Path(getattr(item, "name", item))
        try:
            staged.append(stage_upload(path, settings, name=path.name))
        except UploadError as err:
            lines.append(t("corpus_rejected", name=path.name, reason=err))
    if staged:  # into corpus/ only once indexed: a refused upload is not read again by 重建索引
        embedder = None if settings.ingest_isolated else service.shared_embedder(settings)
        report, saved = ingest_staged(staged, settings, embedder=embedder, on_progress=on_progress)
        if saved:
            record_uploader(settings, saved, user)
            lines.insert(0, t("corpus_saved", names="、".join(p.name for p in saved)))
        lines.append(report.summary())
    return "\n\n".join(html.escape(line) for line in lines)


def rebuild_index(settings: Settings, on_progress: Progress | None = None) -> Any:
    """Re-read and re-embed the whole corpus folder (in the ingest child, like uploads).

    Returns:
        The :class:`~assistant.index.indexer.IngestReport`.
    """
    corpus = [Path(settings.corpus_dir)]
    if not settings.ingest_isolated:
        from assistant.index.indexer import ingest

        return ingest(corpus, settings, rebuild=True, embedder=service.shared_embedder(settings))
    from assistant.ui.ingest_child import run_in_child

    return run_in_child("assistant.index.indexer:ingest", corpus, settings, rebuild=True,
                        what=t("ingest_what_rebuild"), on_progress=on_progress)  # fmt: skip


def _reporter(progress: gr.Progress) -> Progress:
    """The ingest child's progress bars (解析 / 向量化) as gradio progress."""

    def report(desc: str, done: int, total: int | None) -> None:
        progress((done, total), desc=desc, unit="段" if desc == "向量化" else "篇")

    return report


def build_corpus_tab(
    settings: Settings, admins: set[str] | None = None, logins: bool = False
) -> dict[str, Any]:
    """Build the corpus tab.

    Args:
        settings: the server settings.
        admins: logins that may remove any document.
        logins: whether the server has logins (removal is then checked, see :func:`may_remove`).

    Returns:
        Its components by name (``summary``, ``docs`` and ``pick`` are refreshed by the app on load).
    """
    upload = gr.File(
        label=t("corpus_upload"),
        file_count="multiple",
        file_types=list(REPORT_TYPES),
        elem_id="corpus-upload",
        height=140,
    )
    with gr.Row():
        add = gr.Button(t("corpus_add"), variant="primary")
        reindex = gr.Button(t("corpus_reindex"))
        refresh = gr.Button(t("corpus_refresh"))
    status = gr.Markdown("", elem_id="corpus-status")
    summary = gr.Markdown("")
    docs = gr.Dataframe(
        headers=[
            t("col_doc_title"),
            t("col_doc_id"),
            t("col_passages"),
            t("col_doc_genre"),
            t("col_doc_confidence"),
        ],
        datatype=["str", "str", "number", "str", "str"],
        type="array",
        interactive=True,
        static_columns=[0, 1, 2, 4],
        label=t("corpus_docs"),
        wrap=True,
        elem_id="corpus-docs",
    )
    save = gr.Button(t("corpus_save_genres"), elem_id="corpus-save-genres")
    with gr.Row():
        pick = gr.Dropdown([], label=t("corpus_remove_pick"), scale=4, elem_id="corpus-pick")
        remove = gr.Button(t("corpus_remove"), variant="stop", scale=1)

    def view() -> tuple[str, list, Any]:
        text, rows, ids = corpus_view(settings)
        return text, rows, gr.update(choices=ids, value=None)

    def on_add(
        files: list[Any] | None, request: gr.Request, progress: gr.Progress = gr.Progress(track_tqdm=True)
    ) -> tuple[Any, ...]:  # noqa: B008
        progress(0, desc=t("progress_ingest"))
        user = getattr(request, "username", None)
        try:
            message = ingest_uploads(settings, files, on_progress=_reporter(progress), user=user)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        return (message, *view())

    def on_reindex(progress: gr.Progress = gr.Progress(track_tqdm=True)) -> tuple[Any, ...]:  # noqa: B008
        progress(0, desc=t("progress_ingest"))
        try:
            report = rebuild_index(settings, on_progress=_reporter(progress))
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        return (html.escape(report.summary()), *view())

    def on_remove(doc: str | None, request: gr.Request) -> tuple[Any, ...]:
        from assistant.index.indexer import remove as remove_doc

        if not doc:
            raise gr.Error(t("corpus_pick_doc"), title=t("error_title"), print_exception=False)
        user = getattr(request, "username", None)
        denied = may_remove(settings, str(doc), user, admins or set(), logins)
        if denied:
            log.warning("corpus remove refused: user=%r doc=%s", user, doc)
            raise gr.Error(html.escape(denied), title=t("error_title"), print_exception=False)
        try:
            n = remove_doc(doc, settings)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        return (html.escape(t("corpus_removed", doc=doc, n=n)), *view())

    def on_save(rows: list[list[Any]] | None) -> tuple[Any, ...]:
        try:
            message = save_genres(settings, rows)
        except Exception as err:  # noqa: BLE001
            raise ui_error(err) from err
        return (html.escape(message), *view())

    outputs = [status, summary, docs, pick]
    save.click(on_save, docs, outputs, **WRITE, **PRIVATE)
    add.click(on_add, upload, outputs, **WRITE, **PRIVATE)
    reindex.click(on_reindex, None, outputs, **WRITE, **PRIVATE)
    remove.click(on_remove, pick, outputs, **WRITE, **PRIVATE)
    refresh.click(view, None, [summary, docs, pick], **READ, **PRIVATE)
    return {
        "upload": upload,
        "add": add,
        "reindex": reindex,
        "refresh": refresh,
        "status": status,
        "summary": summary,
        "docs": docs,
        "pick": pick,
        "remove": remove,
        "view": view,
        "save": save,
    }
