"""Cells of the tables the app writes (.csv/.xlsx): never a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) would be taken for
a formula by Excel or WPS when the table is opened ("CSV injection"): a sentence quoted from a
hostile report could run a command. Such cells get a leading apostrophe, which spreadsheet programs
show as text and which :func:`unneutralise` (used by the metrics reader) removes again.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def unneutralise(text: str) -> str:
    """Undo :func:`safe_cell` on a cell read back (``'=1+1`` → ``=1+1``)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text
