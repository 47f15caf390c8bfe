"""Thin adapters between the web app and the library (pure Python, no gradio).

The tab handlers and the named API endpoints both call these functions, so the UI and the API
behave the same. They only translate plain values (strings, numbers, lists of rows, CSV text)
into the library's types and back into JSON-ready dicts; retrieval and drafting live in the
library (:mod:`assistant.index.search`, :mod:`assistant.draft.outline.build`, :mod:`assistant.draft.report`,
:mod:`assistant.draft.chat`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.draft.tables.metrics import METRIC_COLUMNS
from assistant.errors import BadInputError
from assistant.inputs import check_year, clean_field, clean_outline
from assistant.settings import Settings

_DEFAULTS = Settings()

EXAMPLE_METRICS: list[list[str]] = [
    ["普法宣传活动", "23", "场次", "", ""],
    ["普法受众", "5600", "人次", "", ""],
    ["行政复议案件", "12", "件", "", ""],
    ["法治培训", "6", "期", "", ""],
]
"""Example rows: shown greyed in the empty grid (a hint, never a value) and in the API's docs."""
GRID_ROWS = 4


def blank_grid(rows: int = GRID_ROWS) -> list[list[str]]:
    """The metrics grid as it opens: empty rows (the examples show only as grey placeholders)."""
    return [[""] * 6 for _ in range(rows)]


# ------------------------------------------------------------------ plain-value parsing
def parse_year(value: Any) -> int | None:
    """A report year from a form value (``None``, ``""``, ``0`` → ``None``).

    Raises:
        BadInputError: not a year between 1949 and 2100 (Chinese message).
    """
    return check_year(value)


def clean_text(value: Any, field: str = "filter", settings: Settings | None = None) -> str | None:
    """A stripped string without control characters, ``None`` when blank; over its limit is refused.

    Args:
        value: the form value.
        field: which field (see :data:`assistant.inputs.FIELDS`) – names the limit in the refusal.
        settings: the limits (defaults when ``None``).
    """
    return clean_field(value, field, settings or _DEFAULTS)


def check_table_size(value: Any, settings: Settings | None = None) -> None:
    """The bounds of a metrics value a client sent, checked before any parsing: rows counted (a list's
    length, a Dataframe's ``data``, a text's non-blank lines) and a text's size. Cheap enough for the
    web server's door (:mod:`assistant.ui.gate`), which refuses an oversized table before gradio
    queues it; :func:`records_from_value` makes the same check.

    Raises:
        MetricsError: too many rows or too much text (Chinese, naming the setting).
    """
    from assistant.draft.tables.metrics import MetricsError, check_rows

    limits = settings or _DEFAULTS
    if isinstance(value, dict) and isinstance(value.get("data"), list):
        check_rows(len(value["data"]), limits.metrics_max_rows)
    elif isinstance(value, str):
        cap = int(limits.metrics_max_mb * 1024 * 1024)
        if len(value) * 3 > cap:
            raise MetricsError(
                [
                    f"指标表文字过多（{len(value)} 字，上限 {limits.metrics_max_mb:g} MB，设置项 metrics_max_mb）"
                ]
            )
        lines = sum(1 for line in value.splitlines() if line.strip())
        check_rows(lines - 1, limits.metrics_max_rows)  # the first line may be the header
    elif isinstance(value, (list, tuple)):
        check_rows(len(value), limits.metrics_max_rows)


def records_from_value(value: Any, settings: Settings | None = None) -> list[dict[str, Any]]:
    """Metric records from whatever a client sent (bounded: rows and text size are checked first).

    Args:
        value: ``None``; CSV/TSV text (header with 指标/数值/… optional); a list of rows
            ``[指标, 数值, 单位, 备注, 章节]``; a list of dicts; or a gradio Dataframe value
            (``{"headers": [...], "data": [[...]]}``).
        settings: the limits (``metrics_max_rows``, ``metrics_max_mb``); defaults when ``None``.

    Returns:
        One dict per row keyed by 指标/数值/单位/备注/章节 (or the client's own keys).

    Raises:
        MetricsError: too many rows, too much text, or not a table.
    """
    from assistant.draft.tables.metrics import MetricsError, table_records

    limits = settings or _DEFAULTS
    if value is None:
        return []
    check_table_size(value, limits)  # cheap, before any parsing
    if isinstance(value, dict) and "data" in value:
        data = value["data"] or []
        if not isinstance(data, list):
            raise MetricsError(["指标表格式不对：data 应为行的列表"])
        headers = value.get("headers") or list(METRIC_COLUMNS)
        if not isinstance(headers, list):
            raise MetricsError(["指标表格式不对：headers 应为列名的列表"])
        headers = [str(h)[:40] for h in headers[:20]]
        return [dict(zip(headers, row, strict=False)) if isinstance(row, list) else row for row in data]
    if isinstance(value, str):
        return table_records(value, max_rows=limits.metrics_max_rows)[0]
    if not isinstance(value, (list, tuple)):
        raise MetricsError(["指标表格式不对：应为行的列表、CSV 文字或表格"])
    records: list[dict[str, Any]] = []
    for row in value:
        if isinstance(row, dict):
            records.append(row)
        elif isinstance(row, (list, tuple)):
            records.append(dict(zip(METRIC_COLUMNS, row, strict=False)))
        else:
            records.append({"指标": row})
    return records


def metric_rows(value: Any, allow_blank: bool = False, settings: Settings | None = None) -> list[Any]:
    """Parsed :class:`assistant.draft.tables.metrics.MetricRow` list from a plain value (see :func:`records_from_value`).

    Raises:
        MetricsError: malformed rows, with their row numbers; too many rows or too long a cell.
    """
    from assistant.draft.tables.metrics import rows_from_records

    limits = settings or _DEFAULTS
    return rows_from_records(
        records_from_value(value, limits),
        allow_blank=allow_blank,
        max_rows=limits.metrics_max_rows,
        max_cell=limits.metrics_max_cell_chars,
    )


def rows_to_table(rows: Sequence[Any]) -> list[list[str]]:
    """Metric rows back into the grid (指标, 数值, 单位, 备注, 章节, 上年数值)."""
    return [[r.label, r.value, r.unit or "", r.note or "", r.section or "", r.last or ""] for r in rows]


def read_metrics_file(path: str | Path) -> list[Any]:
    """Read an uploaded metrics file (CSV/XLSX/YAML/JSON) with the library's reader."""
    from assistant.draft.tables.metrics import read_metrics

    return read_metrics(Path(path), allow_blank=True)  # a table made from last year's report may have blanks


# ------------------------------------------------------------------ per-user settings
def default_llm(settings: Settings) -> dict[str, Any]:
    """The initial per-session LLM choice, taken from the server's settings."""
    return {
        "backend": settings.llm_backend,
        "url": settings.llm_url or "",
        "model": settings.llm_model or "",
        "path": str(settings.llm_path or ""),
    }


def user_settings(base: Settings, llm: dict[str, Any] | None) -> Settings:
    """The server settings with one session's LLM choice applied (a new object; ``base`` is untouched).

    Raises:
        LLMSettingsError (a ValueError): incomplete choice (Chinese message).
    """
    if not llm or base.ui_llm_editable is False:
        return base
    from assistant.llm.factory import check_llm, llm_overrides

    update = llm_overrides(
        llm.get("backend") or "none", llm.get("url"), llm.get("model"), llm.get("path"), complete=True
    )
    user = base.model_copy(update=update)
    check_llm(user, files=False)  # the folder itself is checked when the model is first used
    return user


# ------------------------------------------------------------------ library calls
_ANY = {"全部", "所有", "all", "*"}


def _filter(value: Any, settings: Settings | None = None) -> str | None:
    """A search filter value; blank or 全部/all means no filter."""
    text = clean_text(value, "filter", settings)
    return None if text is None or text.lower() in _ANY else text


def run_search(
    settings: Settings,
    query: str,
    k: int = 10,
    genre: str | None = None,
    year: Any = None,
    doc: str | None = None,
    section: str | None = None,
) -> list[dict[str, Any]]:
    """Search the index; returns ``Hit.to_public()`` dicts (text, doc, section, score)."""
    from assistant.index.search import search

    query = clean_field(query, "query", settings)
    if not query:
        return []
    try:
        k = max(1, min(int(float(k or 10)), 50))
    except (TypeError, ValueError, OverflowError) as exc:
        raise BadInputError("返回条数应为 1—50 之间的整数。") from exc
    hits = search(
        query,
        settings,
        k=k,
        genre=_filter(genre, settings),
        year=parse_year(year),
        doc=_filter(doc, settings),
        section=_filter(section, settings),
    )
    return [h.to_public() for h in hits]


def run_outline(settings: Settings, genre: str, source: str = "merged") -> dict[str, Any]:
    """The outline of ``genre`` as a dict (genre, sections[key, title, level, coverage, total, examples, subpoints])."""
    from assistant.draft.outline.build import build_outline

    return build_outline(genre, settings, source=source or "merged").to_public()


def outline_text(settings: Settings, genre: str, source: str = "merged") -> tuple[dict[str, Any], str]:
    """The outline as a dict and as plain text, from one build."""
    from assistant.draft.outline.build import build_outline

    outline = build_outline(genre, settings, source=source or "merged")
    return outline.to_public(), outline.to_text()


def run_versions(settings: Settings, genre: str, section_key: str, k: int = 4) -> list[dict[str, Any]]:
    """Past reports' versions of one outline section (doc, heading, text)."""
    from assistant.draft.outline.build import section_versions

    return list(section_versions(genre, section_key, settings, k=k))


def make_request(
    genre: str,
    org: Any = None,
    year: Any = None,
    place: Any = None,
    metrics: Any = None,
    outline: Any = None,
    settings: Settings | None = None,
) -> Any:
    """A :class:`assistant.draft.report.DraftRequest` from plain values (``outline``: text, one heading a line).

    Every text is checked against its limit (``settings``, defaults when ``None``) first.
    """
    from assistant.draft.report import DraftRequest

    limits = settings or _DEFAULTS
    org, place = clean_text(org, "org", limits), clean_text(place, "place", limits)
    year = parse_year(year)
    lines = clean_outline(None if outline is None else str(outline), limits) or []
    if lines and lines == official_outline_lines(genre):
        lines = []  # unchanged: draft from the genre's own structure
    return DraftRequest(
        genre=clean_text(genre, "filter", limits) or "",
        rows=metric_rows(metrics, settings=limits),
        org=org,
        year=year,
        place=place,
        outline=lines or None,
    )


def official_outline_lines(genre: str) -> list[str]:
    """The genre's official outline as editable lines (一、… / （一）…)."""
    from assistant.draft.outline.genres import get_genre, outline_lines

    return outline_lines(get_genre(genre))


def run_draft(settings: Settings, request: Any) -> tuple[Any, dict[str, Any]]:
    """Draft a whole report; returns the draft and its public dict (markdown, missing, unused, sources)."""
    from assistant.draft.report import draft_report
    from assistant.export.save import draft_public

    draft = draft_report(request, settings, polish=settings.llm_backend != "none")
    return draft, draft_public(draft)


def save_files(
    draft: Any,
    request: Any,
    folder: Path,
    stem: str = "报告草稿",
    appendix: bool = False,
    allowed: Any = None,
    refuse_voice: bool = True,
) -> list[Path]:
    """Write the draft as .docx and .md into ``folder`` (the number audit runs first).

    The .docx carries the appendices only with ``appendix``; the .md always does.

    Raises:
        AuditError: the audit failed (Chinese message); nothing is written.
    """
    from assistant.export.save import save_draft

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{stem}.docx", folder / f"{stem}.md"]
    for path in paths:
        save_draft(draft, request, path, allowed, appendix=appendix, refuse_voice=refuse_voice)
    return paths


def run_alternatives(
    settings: Settings,
    genre: str,
    section: str,
    metrics: Any = None,
    org: Any = None,
    year: Any = None,
    k: Any = 5,
) -> list[dict[str, Any]]:
    """Versions of one section, each from one past report (``assistant alternatives --json``)."""
    from assistant.draft.alternatives import alternatives

    request = make_request(genre, org, year, None, metrics)
    k = max(1, min(int(k or 5), 10))
    return [a.to_public() for a in alternatives(request, str(section or ""), settings, k=k)]


def run_audit(settings: Settings, text: str, metrics: Any = None, org: Any = None, year: Any = None) -> dict:
    """Both audits on hand-edited text (``assistant audit --json``): ``{"flags": [{text, reason, kind}]}``."""
    from assistant.draft.checks import check_text

    request = make_request("", org, year, None, metrics)
    body = request.body() if request.org else None
    flags = check_text(str(text or ""), request.rows, org=request.org, year=request.year, body=body)
    return {"flags": [f.to_public() for f in flags]}


def chat_history(messages: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """Plain ``{"role", "content"}`` turns from chatbot messages (source/flag panels left out)."""
    turns = []
    for message in messages or []:
        if message.get("metadata"):
            continue
        content = message.get("content")
        if isinstance(content, list):
            content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
        if isinstance(content, str) and message.get("role") in ("user", "assistant"):
            turns.append({"role": message["role"], "content": content})
    return turns


def _message(message: Any, settings: Settings) -> str:
    """The chat message, checked (limit, control characters); a blank one is refused."""
    text = clean_field(message, "message", settings)
    if not text:
        raise BadInputError("请输入要起草的内容。")
    return text


def _history(history: list[dict[str, str]] | None, settings: Settings) -> list[dict[str, str]] | None:
    """The last turns of a conversation only (each turn bounded like a message)."""
    if not history:
        return history
    turns = list(history)[-20:]
    cap = 4 * int(settings.max_message_chars)
    return [{**t, "content": str(t.get("content") or "")[:cap]} for t in turns if isinstance(t, dict)]


def run_ask(
    settings: Settings,
    message: str,
    metrics: Any = None,
    org: Any = None,
    year: Any = None,
    history: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """One chat answer as a dict (answer, citations, flags)."""
    from assistant.draft.chat import ask

    message = _message(message, settings)
    answer = ask(
        message,
        settings,
        rows=metric_rows(metrics, settings=settings) or None,
        org=clean_text(org, "org", settings),
        year=parse_year(year),
        history=_history(history, settings),
    )
    return answer.to_public()


def check_ask(
    settings: Settings, message: Any, metrics: Any = None, org: Any = None, year: Any = None
) -> None:
    """Refuse a bad chat request in the server, before it waits for a worker (same checks as :func:`run_ask`)."""
    _message(message, settings)
    metric_rows(metrics, settings=settings)
    clean_text(org, "org", settings)
    parse_year(year)


def stream_ask(
    settings: Settings,
    message: str,
    rows: list[Any] | None = None,
    org: Any = None,
    year: Any = None,
    history: list[dict[str, str]] | None = None,
) -> Iterator[dict[str, Any]]:
    """Growing chat answers (each already passed the number guard) as public dicts."""
    from assistant.draft.chat import ask_stream

    message = _message(message, settings)
    org, year = clean_text(org, "org", settings), parse_year(year)
    for answer in ask_stream(
        message, settings, rows=rows or None, org=org, year=year, history=_history(history, settings)
    ):
        yield answer.to_public()


def index_info(settings: Settings) -> dict[str, Any]:
    """The index description (see :func:`assistant.index.indexer.info`); empty when there is none."""
    from assistant.index.indexer import info

    try:
        return info(settings)
    except FileNotFoundError:
        return {"documents": [], "passages": 0, "exists": False}


def shared_embedder(settings: Settings) -> Any:
    """The embedder already loaded by the process-wide searcher, or ``None`` (ingest then loads one)."""
    try:
        from assistant.index.search import get_searcher

        return get_searcher(settings).embedder
    except Exception:  # no index yet, or a mismatched one: let ingest load and report
        return None
