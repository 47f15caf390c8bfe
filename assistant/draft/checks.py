"""The audits of text the user edited by hand: the number audit and the voice audit in one list.

The drafter's own text is clean by construction; a paragraph the user typed into the workbench or
a .docx they edited in Word is not. :func:`check_text` runs both audits on any text and gives each
finding a ``kind``: ``number`` (an untraced figure or a ``*`` mask), ``place`` (another place's
name), ``derived`` (a 较上年 figure that does not recompute from the user's values) or ``voice`` (a
word of another kind of body or level). ``assistant audit FILE`` and the workbench call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.draft.audit.guard import AllowedFacts, audit
from assistant.draft.tables.metrics import MetricRow, users_words
from assistant.lang.bodies import BodyProfile, detect_body

KINDS = ("number", "place", "derived", "voice")
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".docx")


@dataclass
class Check:
    """One finding of the audits on hand-edited text.

    Attributes:
        text: the sentence it stands in.
        reason: what and why, in Chinese (``数字“99”无来源…``, ``口吻：“局党组”属于…``).
        kind: ``number`` / ``place`` / ``derived`` / ``voice``.
        word: the offending word (voice findings) or figure, when known.
    """

    text: str
    reason: str
    kind: str
    word: str = ""

    def to_public(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "kind": self.kind}


def number_kind(reason: str) -> str:
    """The kind of a number-audit finding from its reason (see :mod:`assistant.draft.audit.guard`)."""
    if reason.startswith("地名"):
        return "place"
    if reason.startswith("派生数字") or "与用户数据不符" in reason:
        return "derived"
    return "number"


def check_text(
    text: str,
    rows: list[MetricRow] | None = None,
    *,
    org: str | None = None,
    year: int | None = None,
    place: str | None = None,
    body: BodyProfile | None = None,
    allowed: AllowedFacts | None = None,
) -> list[Check]:
    """Run the number audit and the voice audit on ``text``.

    Args:
        text: any text (a paragraph, a whole report).
        rows: the user's figures (the only numbers the text may hold, with the year and ``org``).
        org: the reporting body; its profile is detected from it unless ``body`` is given.
        year: the report year.
        place: the user's place name.
        body: the body profile (overrides the one detected from ``org``).
        allowed: the facts the number audit accepts (default: from rows, org, place, year).

    Returns:
        Findings in text order, number findings first within a sentence.
    """
    rows = list(rows or [])
    allowed = allowed or AllowedFacts.from_inputs(rows, message="", org=org, place=place, year=year)
    out = [Check(f.text, f.reason, number_kind(f.reason)) for f in audit(text, allowed)]
    body = body if body is not None else (detect_body(org) if org else None)
    if body is not None and body.kind:
        from assistant.draft.voice.adapt import voice_audit

        own = users_words(rows) + " " + (org or "")
        out.extend(
            Check(f.sentence, f"口吻：“{f.word}”{f.reason}", "voice", f.word)
            for f in voice_audit(text, body, own)
        )
    return out


def read_edited(path: str | Path, settings: Any = None) -> str:
    """The text of a file the user edited: .txt/.md as they are, .docx paragraph by paragraph.

    Raises:
        BadInputError: another format (Chinese message naming the file).
        IngestError: the file cannot be read or is over the size limits.
    """
    from assistant.errors import BadInputError
    from assistant.ingest.limits import Limits
    from assistant.ingest.office import read_docx
    from assistant.ingest.readers import check_file, read_text_file

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise BadInputError(f"无法核查“{path.name}”：只支持 .txt、.md 和 .docx 文件")
    check_file(path, float(getattr(settings, "max_file_mb", 50.0) or 50.0))
    limits = Limits.from_settings(settings) if settings is not None else Limits()
    return read_docx(path, limits) if suffix == ".docx" else read_text_file(path, limits)
