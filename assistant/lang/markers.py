"""The visible markers a draft carries where a fact is missing or must be checked.

* ``【待补充：…】`` — a figure or a name the user has not given (the label says which);
* ``【待确认】`` — a claim (未发生…/全覆盖) the user must confirm;
* ``【待核实】`` — an untraced number or place name the guard replaced in an LLM answer;
* ``【请核对表述】`` — read (a draft saved before 2026-12-06, an edited section), no longer written: a
  figure in a plain frame (…共X) is now flagged by its sentence's Word comment only.

One pattern, its builders and its splitter, used by the drafter (fill, compose), the audit
(guard), both exporters and the web page.
"""

from __future__ import annotations

import re

MISSING = "待补充"
CONFIRM = "【待确认】"
UNVERIFIED = "【待核实】"
CHECK_WORDING = "【请核对表述】"
"""The old in-text mark of a plain frame; still read and explained (provenance.marker_note)."""

MARKER_RE = re.compile(r"【(?:待(?:补充|确认|核实)|请核对表述)[^【】]*】")
"""Any of the markers (``【待补充】`` without a label included)."""


def missing(label: str, unit: str = "") -> str:
    """The marker for a missing fact, e.g. ``missing("普法宣传次数", "次")`` → ``【待补充：普法宣传次数】次``."""
    return f"【{MISSING}：{label}】{unit}"


def is_missing(marker: str) -> bool:
    """Whether a marker (or a text starting with one) is a ``【待补充…】`` marker."""
    return marker.startswith("【" + MISSING)


def missing_label(marker: str) -> str:
    """The label of a ``【待补充：…】`` marker (``待补充`` when it has none)."""
    inner = marker.strip()[1:-1]
    label = inner[len(MISSING) :].lstrip("：:").strip()
    return label or MISSING


def has_marker(text: str) -> bool:
    """Whether ``text`` holds any marker."""
    return MARKER_RE.search(text) is not None


def strip_markers(text: str) -> str:
    """``text`` without its markers."""
    return MARKER_RE.sub("", text)


def marker_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every marker in ``text``, in order."""
    return [m.span() for m in MARKER_RE.finditer(text)]


def split_markers(text: str) -> list[tuple[str, bool]]:
    """Cut text into ``(piece, is_marker)`` pieces, markers standing alone (empty pieces dropped)."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for match in MARKER_RE.finditer(text):
        if match.start() > pos:
            pieces.append((text[pos : match.start()], False))
        pieces.append((match.group(0), True))
        pos = match.end()
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces
