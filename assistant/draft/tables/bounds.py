"""Hard bounds of the metrics reader: a YAML loader without aliases, cell checks, the delimiter.

A metrics table comes from a user: a 500-byte YAML file whose aliases nest nine deep expands to
gigabytes, a cell may hold a spreadsheet formula (``=cmd|' /C calc'!A0``) or a whole book, a
"CSV" may be separated by semicolons. Everything here runs before a value is interpreted and
quotes at most a short excerpt of what it refuses (:func:`assistant.inputs.excerpt`).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from assistant.draft.tables.cells import FORMULA_START
from assistant.inputs import excerpt

MAX_COLUMNS = 30  # columns of one row (the table has 7 known ones)
MAX_OTHER_CELL = 4000  # characters of a column the reader does not use (原句 of a generated table)
MAX_DIGITS = 12  # integer digits of a value (a trillion is far beyond any report's figure)


class YamlAliasError(yaml.YAMLError):
    """The YAML file uses an alias (``*name``) or a merge key: refused, never expanded."""

    def __init__(self, line: int) -> None:
        super().__init__(f"alias at line {line}")
        self.line = line


class _NoAliasLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses aliases (the "billion laughs" expansion) and merge keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D102
        if self.check_event(yaml.AliasEvent):
            raise YamlAliasError(self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)


def _no_merge(loader: _NoAliasLoader, node: Any) -> Any:
    raise YamlAliasError(node.start_mark.line + 1)


_NoAliasLoader.add_constructor("tag:yaml.org,2002:merge", _no_merge)


def load_yaml(text: str) -> Any:
    """Parse YAML text with :class:`_NoAliasLoader` (the caller has capped its size).

    Raises:
        YamlAliasError: an alias or merge key (``*a``, ``<<:``).
        yaml.YAMLError: malformed YAML.
    """
    return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass


def delimiter(first_line: str, tsv: bool = False) -> str:
    """The separator of a text table: tab, comma, or semicolon (``;``/``；``) when the header uses one."""
    if tsv or "\t" in first_line:
        return "\t"
    counts = {d: first_line.count(d) for d in (",", "，", ";", "；")}
    if counts[","] == 0 and counts["，"] == 0 and (counts[";"] or counts["；"]):
        return ";" if counts[";"] >= counts["；"] else "；"
    return ","


def check_record(record: dict[str, Any], row: int, max_cell: int, read: set[str]) -> str | None:
    """Why one record is refused before it is read, or ``None``.

    Too many columns, a non-scalar cell, or a cell over its cap: ``max_cell`` for the columns the
    reader uses (``read``, lower-case names), :data:`MAX_OTHER_CELL` for any other (原句 …); a
    formula in a column the reader uses (its text would reach the prose).
    """
    if len(record) > MAX_COLUMNS:
        return f"第{row}行：有 {len(record)} 列，超过上限 {MAX_COLUMNS} 列"
    for key, value in record.items():
        name = excerpt(str(key), 12) if key is not None else "（无列名）"
        if isinstance(value, (list, dict, set, tuple)):
            return f"第{row}行：“{name}”一栏不是单个值（是{excerpt(value)}），请每格只填一个值"
        if value is None or isinstance(value, (int, float, bool)):
            continue
        used = str(key).strip().lower() in read
        cap = max_cell if used else MAX_OTHER_CELL
        text = value if isinstance(value, str) else str(value)[: cap + 1]
        if len(text) > cap:
            setting = "（设置项 metrics_max_cell_chars）" if used else ""
            return f"第{row}行：“{name}”一栏有 {len(text)} 字，超过上限 {cap} 字{setting}：“{excerpt(text)}”"
        if used and _is_formula(text):
            return f"第{row}行：“{name}”一栏“{excerpt(text)}”是表格公式，不是文字或数字；请填写实际内容"
    return None


_SIGNED_NUMBER = re.compile(r"[+\-－＋]\s*[\d０-９.]")


def _is_formula(text: str) -> bool:
    """A cell a spreadsheet would run: ``=…``, ``@…``, ``+``/``-`` not starting a number, a DDE pipe."""
    stripped = text.lstrip("'").strip()
    if not stripped.startswith(FORMULA_START):
        return False
    return not _SIGNED_NUMBER.match(stripped)


_RATE_EXEMPT = ("增长率", "增速", "增幅", "涨幅", "提高率", "上升率", "倍率")


def value_error(raw: str, number: float | None, row: int) -> str | None:
    """Why a parsed value cannot be a report's figure: its written integer part has over
    :data:`MAX_DIGITS` digits (a pasted ID or a slip). The digits as written count, not the value
    with its magnitude: 134万亿 is a national report's figure, 47473亿 a large but plain one."""
    digits = re.sub(r"\D", "", str(raw).split(".")[0])
    if len(digits) > MAX_DIGITS:
        return f"第{row}行：数值“{excerpt(raw, 24)}”位数过多（整数部分超过 {MAX_DIGITS} 位），请核对"
    return None


def rate_warning(label: str, raw: str, number: float | None, unit: str | None, row: int) -> str | None:
    """A warning for a rate (a label ending in 率, not a growth rate) over 100 %: kept, but named."""
    if (
        number is not None
        and unit == "%"
        and number > 100
        and label.endswith("率")
        and not label.endswith(_RATE_EXEMPT)
    ):
        return f"第{row}行：“{excerpt(label, 20)}”为 {excerpt(raw, 12)}，超过 100%，请核对"
    return None
