"""The web app: :func:`create_ui` builds the Blocks, :func:`serve` launches it.

Five tabs (对话起草, 语料检索, 提纲, 整篇起草, 语料库) and four named API endpoints (see
:mod:`assistant.ui.api`). Per-user data (LLM choice, chat history, metrics, temp folder) lives in
``gr.State``; the only process-wide object is the library's read-only searcher cache. Binds
127.0.0.1 unless told otherwise; ``auth`` adds a login.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import BadInputError
from assistant.settings import Settings
from assistant.ui import render, review, service
from assistant.ui.api import register_api
from assistant.ui.locale import t
from assistant.ui.session import cleanup
from assistant.ui.tabs import PRIVATE
from assistant.ui.tabs.chat import build_chat_tab
from assistant.ui.tabs.corpus import build_corpus_tab
from assistant.ui.tabs.draft import build_draft_tab
from assistant.ui.tabs.outline import build_outline_tab
from assistant.ui.tabs.search import build_search_tab
from assistant.ui.upload_limit import Chinese413, limit_message, page_script

log = logging.getLogger(__name__)

# System fonts only: the app must not reach out to a font CDN.
_FONTS = [
    "PingFang SC",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "sans-serif",
]
_MONO = ["Noto Sans Mono CJK SC", "DejaVu Sans Mono", "monospace"]


def theme() -> gr.themes.Base:
    """A calm theme that loads no web fonts."""
    return gr.themes.Soft(primary_hue="blue", neutral_hue="slate", font=_FONTS, font_mono=_MONO)


def create_ui(settings: Settings, admins: set[str] | None = None, logins: bool = False) -> gr.Blocks:
    """Build the whole app.

    Args:
        settings: the server settings (index, corpus folder, LLM defaults, upload limit).
        admins: the logins that may remove any corpus document (``admins =`` in the users file).
        logins: whether the server has logins (who may remove a document is then checked).

    Returns:
        The Blocks, with its queue configured; call ``launch`` (or :func:`serve`).
    """
    with gr.Blocks(title=t("app_title"), analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        llm = gr.State(service.default_llm(settings))
        session = gr.State(None, delete_callback=cleanup)
        gr.Markdown(f"## {t('app_title')}\n{t('app_intro')}")
        tabs: dict[str, dict[str, Any]] = {}
        with gr.Tabs() as tab_bar:
            with gr.Tab(t("tab_chat"), id="chat"):
                tabs["chat"] = build_chat_tab(settings, llm)
            with gr.Tab(t("tab_search"), id="search"):
                tabs["search"] = build_search_tab(settings)
            with gr.Tab(t("tab_outline"), id="outline"):
                tabs["outline"] = build_outline_tab(settings, session)
            with gr.Tab(t("tab_draft"), id="draft"):
                tabs["draft"] = build_draft_tab(settings, llm, session)
            with gr.Tab(t("tab_corpus"), id="corpus"):
                tabs["corpus"] = build_corpus_tab(settings, admins=admins or set(), logins=logins)
        register_api(settings)
        _wire_refresh(demo, tabs)
        _wire_outline_to_draft(tab_bar, tabs)
    demo.queue(default_concurrency_limit=4, max_size=512)
    demo.ui_components = tabs  # type: ignore[attr-defined]  # for tests and embedding
    return demo


def _wire_refresh(demo: gr.Blocks, tabs: dict[str, dict[str, Any]]) -> None:
    """Fill the document lists on page load and after every corpus change."""
    corpus, search = tabs["corpus"], tabs["search"]
    everything = t("all")

    def refresh() -> tuple[Any, ...]:
        try:
            summary, rows, ids = corpus["view"]()
        except Exception:  # noqa: BLE001 - an unreadable index must not break the page
            log.exception("cannot read the index")
            summary, rows, ids = t("corpus_empty"), [], []
        return (
            summary,
            rows,
            gr.update(choices=ids, value=None),
            gr.update(choices=[everything, *ids], value=everything),
        )

    outputs = [corpus["summary"], corpus["docs"], corpus["pick"], search["doc"]]
    demo.load(refresh, None, outputs, **PRIVATE, queue=False)
    corpus["docs"].change(
        lambda ids: gr.update(choices=[everything, *[r[0] for r in ids or []]]),
        corpus["docs"],
        search["doc"],
        **PRIVATE,
        queue=False,
    )


def _wire_outline_to_draft(tab_bar: gr.Tabs, tabs: dict[str, dict[str, Any]]) -> None:
    """The outline tab's "用我的提纲起草": my outline into the draft tab's outline box, and go there.

    Drafting then follows the outline: a last year's report loaded in the draft tab stays loaded,
    but its "draft from the base" box is unticked.
    """
    outline, draft = tabs["outline"], tabs["draft"]

    def send(text: str, genre: str) -> tuple[Any, ...]:
        if not (text or "").strip():
            raise gr.Error(t("outline_picks"), title=t("error_title"), print_exception=False)
        return text, genre, gr.Accordion(open=True), gr.Tabs(selected="draft"), gr.Checkbox(value=False)

    outputs = [draft["outline"], draft["genre"], draft["outline_box"], tab_bar, draft["use_base"]]
    outline["send"].click(send, [outline["mine"], outline["genre"]], outputs, **PRIVATE, queue=False)


_ADMINS = re.compile(r"^admins\s*=\s*([^:]*)$")


def parse_admins(auth: str | None) -> set[str]:
    """The admins named in a users file: a line ``admins = alice, bob`` (no colon)."""
    if not auth or not Path(auth).is_file():
        return set()
    names: set[str] = set()
    for line in Path(auth).read_text(encoding="utf-8").splitlines():
        m = _ADMINS.match(line.strip())
        if m:
            names |= {n.strip() for n in re.split(r"[,，\s]+", m.group(1)) if n.strip()}
    return names


def parse_auth(auth: str | None) -> list[tuple[str, str]] | None:
    """Logins from ``USER:PASS`` or from a file with one ``USER:PASS`` per line.

    Args:
        auth: the ``--auth`` value; a path to an existing file is read (blank lines and ``#``
            comments skipped).

    Returns:
        ``[(user, password), ...]`` or ``None`` when no login is required.

    Raises:
        ValueError: a malformed entry (Chinese message, line number for files).
    """
    if not auth:
        return None
    path = Path(auth)
    if path.is_file():
        entries = [
            (i, line.strip()) for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        ]
        entries = [
            (i, line) for i, line in entries if line and not line.startswith("#") and not _ADMINS.match(line)
        ]
        where = lambda i: f"{path} 第{i}行"  # noqa: E731
    else:
        entries, where = [(1, auth.strip())], (lambda i: "--auth")
    pairs: list[tuple[str, str]] = []
    for i, line in entries:
        user, sep, password = line.partition(":")
        if not sep or not user.strip() or not password:
            raise BadInputError(f"登录账号格式应为 USER:PASS（{where(i)}）。")
        pairs.append((user.strip(), password))
    if not pairs:
        raise BadInputError(f"账号文件中没有账号：{auth}")
    return pairs


def gate_messages() -> dict[str, str]:
    """The Chinese answers of :class:`assistant.ui.gate.Gate`."""
    return {k: t(f"gate_{k}") for k in ("locked", "session", "file", "streams", "body", "deep_link", "rate")}


def private_temp() -> Path:
    """A private temp folder (0700) for gradio's files and the sessions' folders, removed at exit.

    Sets ``GRADIO_TEMP_DIR`` (inside the folder given by it, if any) and ``ASSISTANT_PRIVATE_TMP``;
    SIGTERM exits cleanly so the folder is removed then too.
    """
    from assistant.ui.session import PRIVATE_ENV

    base = os.environ.get("GRADIO_TEMP_DIR") or None
    if base:  # the operator's folder, or one inherited from a server run earlier in this process tree
        Path(base).mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="assistant-web-", dir=base))
    os.environ["GRADIO_TEMP_DIR"] = str(root / "gradio")
    os.environ[PRIVATE_ENV] = str(root)
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    atexit.register(shutil.rmtree, root, True)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    return root


def _frozen() -> None:
    """Move what start-up loaded (the embedder, the index, the tokenisers: millions of objects) out of the
    garbage collector's sight (``gc.freeze``): a collection then walks only what requests made since, not the
    whole heap each time, so a burst of requests does not slow every search after it."""
    import gc

    gc.collect()
    gc.freeze()


def warm_up(settings: Settings) -> None:
    """Load the index and the query embedder once, in the background, so the first search is fast.

    With heavy-request workers (``heavy_workers`` > 0) they are started here and warm themselves
    (jieba, the routing vectors) at low priority; the server process loads only what searches need.
    """
    from assistant.ui.workers import get_pool

    pool = get_pool(settings)
    if pool is not None:
        pool.start()

    def run() -> None:
        try:
            service.run_search(settings, "法治", k=1)
            if pool is not None:
                _frozen()
                return
            from assistant.draft.compose.grammar import warm_up as load_label_grammar

            load_label_grammar()  # jieba's dictionary, for the figure sentences of the first draft
            from assistant.draft.compose.routing import warm_up as embed_sections
            from assistant.embed.embedder import load_embedder

            embed_sections(load_embedder(settings), settings.cache_dir)  # routing figures by meaning
            _frozen()
        except Exception as err:  # noqa: BLE001 - no index yet is fine: the corpus tab builds one
            log.info("warm-up skipped: %s", err)

    threading.Thread(target=run, name="assistant-warm-up", daemon=True).start()


def lock_llm_choice(settings: Settings, bind: str, with_login: bool) -> Settings:
    """Lock the LLM URL/model folder on a shared server unless the operator allowed it.

    A server is shared when it binds a non-loopback address or has logins (several users): then
    users must not point it at arbitrary URLs or folders, unless ``ui_llm_editable = true``.
    """
    shared = with_login or bind not in ("127.0.0.1", "localhost", "::1")
    if settings.ui_llm_editable is None and shared:
        return settings.model_copy(update={"ui_llm_editable": False})
    return settings


def serve(
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    auth: str | None = None,
    *,
    block: bool = True,
    quiet: bool = False,
) -> gr.Blocks:
    """Launch the web app.

    Args:
        settings: the server settings.
        host: bind address (default ``settings.host``, i.e. 127.0.0.1).
        port: port (default ``settings.port``; 0 picks a free one).
        auth: ``USER:PASS`` or a file of such lines; ``None`` for no login.
        block: keep the calling thread until the server stops (``False`` for tests).
        quiet: suppress gradio's start-up banner.

    Returns:
        The running Blocks (``.local_url`` has the address).
    """
    logins = parse_auth(auth)
    bind = host or settings.host
    settings = lock_llm_choice(settings, bind, bool(logins))
    private_temp()
    from assistant.ui.uploads import clean_incoming

    clean_incoming(settings)  # what a killed server left half-uploaded
    from assistant.ui.overhead import lean_sessions, no_analytics

    no_analytics()  # before the queue is made
    demo = create_ui(settings, admins=parse_admins(auth), logins=bool(logins))
    lean_sessions(demo)  # deep links are off: a new session copies no config (issue 21)
    warm_up(settings)
    from starlette.middleware import Middleware

    from assistant.ui.gate import Gate

    # gradio's own over-size refusals (server 413, the page's toast) in Chinese, naming the limit
    chinese_413 = Middleware(Chinese413, message=limit_message(settings.upload_max_mb))
    gate = Middleware(Gate, settings=settings, logins=bool(logins), messages=gate_messages())
    blocked = [str(Path(p).resolve()) for p in (settings.index_dir, settings.cache_dir) if p]
    if auth and Path(auth).is_file():
        blocked.append(str(Path(auth).resolve()))
    demo.launch(
        server_name=bind,
        server_port=port if port is not None else settings.port,
        auth=logins,
        auth_message=t("auth_message") if logins else None,
        max_file_size=int(settings.upload_max_mb * 1024 * 1024),
        prevent_thread_lock=True,
        share=False,
        ssr_mode=False,
        quiet=True,
        show_error=True,
        theme=theme(),
        css=render.CSS + review.CSS,
        js=page_script(settings.upload_max_mb),
        app_kwargs={"middleware": [gate, chinese_413]},  # the gate outermost: its answers stand
        blocked_paths=blocked,
        enable_monitoring=False,
        mcp_server=False,
        pwa=False,
    )
    if not quiet:
        print(t("started", url=demo.local_url), flush=True)
    if block:
        demo.block_thread()
    return demo
