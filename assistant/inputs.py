"""Bounds and clean-up of the text a user types, checked before anything parses it.

The web server (:mod:`assistant.ui.service`) and the CLI pass every text field through here:
control characters (NUL, ESC, bidi overrides …) are dropped, and a field longer than its limit
(a setting) is refused with a Chinese message naming the field, its length and the setting, e.g.
``消息过长：共 100000 字，上限 2000 字（设置项 max_message_chars）``. Every check is one linear
pass over the text and looks at no more than the limit allows.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.errors import BadInputError

# C0/C1 controls except tab and newline, DEL, bidi embeddings/overrides/isolates, BOM, surrogates
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")

FIELDS: dict[str, tuple[str, str]] = {
    # field → (setting, Chinese name)
    "message": ("max_message_chars", "消息"),
    "query": ("max_query_chars", "检索词"),
    "org": ("max_field_chars", "单位名称"),
    "place": ("max_field_chars", "地名"),
    "post": ("max_field_chars", "职务"),
    "person": ("max_field_chars", "姓名"),
    "filter": ("max_field_chars", "筛选条件"),
    "heading": ("max_line_chars", "提纲标题"),
}
_ONE_LINE = {"org", "place", "post", "person", "filter", "heading", "query"}


class InputLimitError(BadInputError):
    """A typed value is over its limit (Chinese message naming the field, the limit and the setting)."""


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and newline kept; ``\\r\\n``/``\\r`` become ``\\n``)."""
    return _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _limit(settings: Any, setting: str) -> int:
    return int(getattr(settings, setting))


def too_long(name: str, n: int, limit: int, setting: str, unit: str = "字") -> InputLimitError:
    """The refusal of a value over its limit."""
    return InputLimitError(f"{name}过长：共 {n} {unit}，上限 {limit} {unit}（设置项 {setting}）。")


def clean_field(value: Any, field: str, settings: Any) -> str | None:
    """A typed value, checked and cleaned.

    Args:
        value: what the user sent (``None`` and blanks give ``None``).
        field: a key of :data:`FIELDS` (``message``, ``query``, ``org`` …).
        settings: the settings holding the limits.

    Returns:
        The stripped text without control characters (one-line fields: newlines become spaces),
        or ``None`` when blank.

    Raises:
        InputLimitError: longer than the field's limit.
    """
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    setting, name = FIELDS[field]
    limit = _limit(settings, setting)
    # a huge value is refused on its raw length before any work (a margin for controls/blanks)
    if len(text) > 4 * limit + 1000:
        raise too_long(name, len(text), limit, setting)
    text = strip_controls(text)
    if field in _ONE_LINE:
        text = re.sub(r"\s+", " ", text)
    text = text.strip()
    if len(text) > limit:
        raise too_long(name, len(text), limit, setting)
    return text or None


def clean_outline(lines: Any, settings: Any) -> list[str] | None:
    """A user's own outline (text or lines): blank lines dropped, each heading and the count checked.

    Raises:
        InputLimitError: more headings than ``max_outline_lines`` or a heading over ``max_line_chars``.
    """
    if lines is None:
        return None
    if isinstance(lines, str):
        cap = _limit(settings, "max_outline_lines") * (_limit(settings, "max_line_chars") + 8) * 4
        if len(lines) > cap + 1000:
            raise too_long("提纲", len(lines), cap // 4, "max_outline_lines × max_line_chars")
        lines = lines.splitlines()
    out: list[str] = []
    limit = _limit(settings, "max_outline_lines")
    for i, raw in enumerate(lines, 1):
        try:
            text = clean_field(raw, "heading", settings)
        except InputLimitError as err:
            raise InputLimitError(f"提纲第{i}行：{err}") from err
        if text:
            out.append(text)
        if len(out) > limit:
            raise InputLimitError(
                f"提纲标题过多：超过 {limit} 个（设置项 max_outline_lines）；请合并或删去一些标题。"
            )
    return out or None


YEAR_MIN, YEAR_MAX = 1949, 2100


def check_year(value: Any) -> int | None:
    """A report year from a form or a flag (``None``, ``""``, ``0`` → ``None``).

    Raises:
        BadInputError: not a year between 1949 and 2100 (Chinese message).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = strip_controls(str(value)).strip()
    if len(text) > 12:
        raise BadInputError(f"年度应为 {YEAR_MIN}—{YEAR_MAX} 之间的四位数字，如 2024。")
    try:
        year = int(float(text))
    except (TypeError, ValueError, OverflowError) as exc:
        raise BadInputError(f"年度应为 {YEAR_MIN}—{YEAR_MAX} 之间的四位数字，如 2024。") from exc
    if year == 0:
        return None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise BadInputError(f"年度“{year}”超出范围：应为 {YEAR_MIN}—{YEAR_MAX} 之间的四位数字，如 2024。")
    return year


def excerpt(value: Any, n: int = 40) -> str:
    """At most ``n`` characters of a value for an error message (``…`` when cut; controls dropped)."""
    if isinstance(value, (int, float)):
        text = str(value)
    elif isinstance(value, str):
        text = value
    else:  # never str() a container: a nested structure can be huge once expanded
        text = {"list": "〈列表〉", "dict": "〈字典〉"}.get(
            type(value).__name__, f"〈{type(value).__name__}〉"
        )
    text = strip_controls(text[: n * 4]).replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"
