"""What the heavy-request workers run (:mod:`assistant.ui.workers`): pure functions, no gradio.

Each takes and returns picklable values. The handlers call them through
:func:`assistant.ui.workers.run_heavy`, so a chat answer, a draft, a redraft of last year's
report and an export never hold the server's GIL.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from assistant.ui import service

log = logging.getLogger(__name__)


def warm_up(settings: Settings) -> None:
    """Load what the first answer would load (index, embedder, jieba's dictionaries, the routing vectors)."""
    from assistant.draft.compose.grammar import warm_up as load_label_grammar

    load_label_grammar()
    try:
        service.run_search(settings, "法治", k=1)
        from assistant.draft.compose.routing import warm_up as embed_sections
        from assistant.embed.embedder import load_embedder

        embed_sections(load_embedder(settings), settings.cache_dir)
        service.run_ask(settings, "帮我写一段普法宣传的内容")  # the chat path's own tokenisers
    except Exception as err:  # noqa: BLE001 - no index yet: the first request loads what it needs
        log.info("worker warm-up skipped: %s", err)


def draft_api(
    settings: Settings, genre: str, org: Any, year: Any, place: Any, metrics: Any
) -> dict[str, Any]:
    """The ``/draft`` endpoint's answer: ``{markdown, missing, unused, sources, …}``."""
    request = service.make_request(genre, org, year, place, metrics, settings=settings)
    return service.run_draft(settings, request)[1]


def draft_project(
    user: Settings,
    settings: Settings,
    form: dict[str, Any],
    base: str | None,
    from_base: bool,
    compare: bool,
) -> tuple[Any, Any]:
    """The 整篇起草 tab's draft: ``(project, draft)``, from the genre's structure or from last year's report.

    Args:
        user: the session's settings (its LLM choice).
        settings: the server settings (the limits of the form fields).
        form: genre, org, year, place, grid (the metrics), grid_no_last (the same without
            上年数值), lines (the outline text).
        base: the uploaded base report's path, if any.
        from_base: draft from that report.
        compare: add year-over-year comparisons.
    """
    from assistant.draft.project import project_from_draft
    from assistant.ui import base_ui

    allowed = None
    g, o, y, p, grid = form["genre"], form["org"], form["year"], form["place"], form["grid"]
    if base and from_base:
        request = service.make_request(g, o, y, p, None, None, settings=settings)
        draft, _public, allowed = base_ui.draft_base(
            user, base, g, request.org, request.year, request.place, grid, compare
        )
        request.genre, request.year = draft.genre, draft.year
        request.rows = service.metric_rows(grid, allow_blank=True, settings=settings)
    else:
        metrics = grid if compare else form["grid_no_last"]
        request = service.make_request(g, o, y, p, metrics, form["lines"], settings=settings)
        draft, _public = service.run_draft(user, request)
    proj = project_from_draft(draft, request, allowed=allowed, from_base=bool(base and from_base))
    return proj, draft


def export_project(proj: Any, folder: str, stem: str, appendix: bool) -> list[Path]:
    """Write the project's draft as .docx and .md (the audits first; ``AuditError`` refuses)."""
    from assistant.draft.project import project_draft

    return service.save_files(
        project_draft(proj),
        proj.request(),
        Path(folder),
        stem,
        appendix=bool(appendix),
        allowed=proj.allowed(),
        refuse_voice=not proj.from_base,
    )


def next_version(
    settings: Settings, request: Any, topic: str, seen: list[str], text: str
) -> tuple[list[Any], bool]:
    """The workbench's 换一版: the next past report's version of a block, and whether the round restarted."""
    from assistant.draft.alternatives import alternatives

    found = alternatives(request, topic, settings, k=1, exclude=tuple(seen))
    if not found and seen:  # every report shown: start the round again
        found = alternatives(request, topic, settings, k=2)
        return [a for a in found if a.text.strip() != text.strip()][:1], True
    return found, False


def versions(settings: Settings, request: Any, topic: str, k: int) -> list[Any]:
    """The workbench's 往年写法: ``k`` past reports' versions of a block."""
    from assistant.draft.alternatives import alternatives

    return alternatives(request, topic, settings, k=k)


def polish_block(user: Settings, text: str, heading: str, genre: str, allowed: Any) -> tuple[str | None, Any]:
    """The workbench's 润色 with the session's LLM: ``(new text, refusal flag)``; ``(None, None)`` without an LLM."""
    from assistant.draft.polish import polish_paragraph
    from assistant.llm.factory import make_backend
    from assistant.llm.prompts import PromptLibrary
    from assistant.types import Paragraph

    backend = make_backend(user)
    if backend is None:
        return None, None
    paragraph = Paragraph(text=text)
    flag = polish_paragraph(
        paragraph, heading, genre, backend, PromptLibrary(user.prompts_dir), allowed, user.llm_max_tokens
    )
    return paragraph.text, flag


def crash(seconds: float = 0.0) -> int:
    """Test helper: sleep, then return this worker's pid (a test kills it meanwhile)."""
    import os
    import time

    time.sleep(seconds)
    return os.getpid()


def refuse_audit(text: str) -> None:
    """Test helper: raise the export's ``AuditError`` (its ``__init__`` takes flags, not a message)."""
    from assistant.draft.report import AuditError
    from assistant.types import Flag

    raise AuditError([Flag(text=text, reason="数字无来源")])
