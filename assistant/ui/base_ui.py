"""Web glue for drafting from last year's own report (the 整篇起草 tab): pure functions, no gradio.

Upload last year's report → :func:`base_grid` fills the editable grid (指标, 数值 empty, 单位, 备注,
章节, 上年数值); :func:`grid_xlsx` writes the grid as .xlsx to fill offline; :func:`draft_base`
drafts from the base with the grid's values; :func:`marked_draft` highlights markers and derived
figures (较上年增加3次、同比增长37.5%) and :func:`derived_markdown` lists their formulas.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from assistant.draft.tables.compare import ATOM_RE, CUE_RE, FLAT_RE
from assistant.lang.markers import marker_spans
from assistant.settings import Settings

_VAGUE_RE = re.compile(r"较上年有所(?:增加|减少)")
GRID_COLUMNS = ("指标", "数值", "单位", "备注", "章节", "上年数值")


def base_grid(path: str | Path, settings: Settings) -> list[list[str]]:
    """The figures table of an uploaded past report as grid rows (see :data:`GRID_COLUMNS`).

    Raises:
        BaseReportError: the file cannot be read or holds no metric slot (Chinese message).
    """
    from assistant.draft.base.reader import metrics_table, read_base

    return [
        [r["指标"], "", r["单位"], "", r["章节"], r["上年数值"]]
        for r in metrics_table(read_base(path, settings))
    ]


def grid_records(grid: Any) -> list[dict[str, Any]]:
    """Grid value (list of rows or a gradio Dataframe dict) → records keyed by the column names."""
    if isinstance(grid, dict) and "data" in grid:
        grid = grid["data"]
    if hasattr(grid, "values") and hasattr(grid, "columns"):  # a pandas DataFrame
        grid = grid.values.tolist()
    out = []
    for row in grid or []:
        cells = ["" if c is None else str(c).strip() for c in row]
        if any(cells):
            out.append(dict(zip(GRID_COLUMNS, cells, strict=False)))
    return out


def grid_xlsx(grid: Any, folder: Path, base_path: str | None = None, stem: str = "指标表") -> Path:
    """Write the grid as .xlsx (指标, 数值, 单位, 上年数值, 章节, 原句) into ``folder``."""
    from assistant.draft.base.reader import metrics_table, read_base, write_table

    sentences: dict[str, str] = {}
    if base_path:
        sentences = {r["指标"]: r["原句"] for r in metrics_table(read_base(base_path))}
    records = [{**r, "原句": sentences.get(r.get("指标", ""), "")} for r in grid_records(grid)]
    folder.mkdir(parents=True, exist_ok=True)
    return write_table(records, folder / f"{stem}.xlsx")


def draft_base(
    settings: Settings,
    base_path: str,
    genre: str | None,
    org: str | None,
    year: int | None,
    place: str | None,
    grid: Any,
    compare: bool = True,
) -> tuple[Any, dict[str, Any], Any]:
    """Draft from the uploaded base report with the grid's values.

    Returns:
        (draft, its public dict, the allowed facts for the export audit).
    """
    from assistant.draft.base.redraft import draft_report_from_base
    from assistant.draft.tables.metrics import rows_from_records
    from assistant.export.save import draft_public

    rows = rows_from_records(grid_records(grid), allow_blank=True)
    draft, allowed = draft_report_from_base(
        base_path, rows, settings, genre=genre, org=org, place=place, year=year, compare=compare
    )
    return draft, draft_public(draft), allowed


def derived_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the comparison phrases of ``text`` (较上年增加3次、同比增长37.5% / 与上年持平)."""
    spans = []
    for cue in CUE_RE.finditer(text):
        pos = cue.start()
        while (m := ATOM_RE.match(text, pos)) is not None:
            pos = m.end()
        if pos > cue.start() and not (spans and cue.start() < spans[-1][1]):
            spans.append((cue.start(), pos))
    spans += [m.span() for m in FLAT_RE.finditer(text)]
    spans += [m.span() for m in _VAGUE_RE.finditer(text)]
    return sorted(spans)


def marked_draft(text: str, voice_words: list[str] | None = None) -> str:
    """Escaped draft text with markers (``mark.todo``), derived figures (``mark.derived``) and the voice
    audit's words of another body (``mark.voice``) highlighted."""
    spans = [(a, b, "todo") for a, b in marker_spans(text or "")]
    spans += [
        (a, b, "derived") for a, b in derived_spans(text or "") if not any(x <= a < y for x, y, _ in spans)
    ]
    words = sorted({w for w in voice_words or [] if w}, key=len, reverse=True)
    if words:
        spans += [
            (m.start(), m.end(), "voice")
            for m in re.finditer("|".join(map(re.escape, words)), text or "")
            if not any(x <= m.start() < y for x, y, _ in spans)
        ]
    out, pos = [], 0
    for a, b, cls in sorted(spans):
        if a < pos:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f'<mark class="{cls}">' + html.escape(text[a:b]) + "</mark>")
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


def derived_markdown(derived: list[dict[str, str]], none: str = "无") -> str:
    """Bullets ``- 3次：3 = 11 − 8`` for the derived figures, or ``none``."""
    if not derived:
        return none
    return "\n".join(f"- {html.escape(d['text'])}：{html.escape(d['formula'])}" for d in derived)
