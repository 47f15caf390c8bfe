"""Saving a draft: the audits first, then Markdown or the GB/T 9704 .docx; the ``draft --json`` shape.

This is the one way out of the drafting stage: nothing is written unless the number audit and the
voice audit pass (:func:`save_draft`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.draft.audit.guard import AllowedFacts
from assistant.draft.report import AuditError, DraftRequest, audit_draft, voice_audit_draft
from assistant.errors import BadInputError
from assistant.export.docx import export_docx
from assistant.export.markdown import export_markdown
from assistant.types import Draft


@dataclass
class SaveResult:
    """An exported draft."""

    path: Path
    draft: Draft

    def to_public(self) -> dict[str, Any]:
        data = draft_public(self.draft)
        data["path"] = str(self.path)
        return data


def draft_public(draft: Draft) -> dict[str, Any]:
    """The ``assistant draft --json`` shape: markdown, missing, unused, sources."""
    sources = []
    for sd in draft.sections:
        for p in sd.paragraphs:
            for s in p.sources:
                sources.append(
                    {
                        "heading": p.heading or sd.title,
                        "doc": s.doc,
                        "section": list(s.section),
                        "title": s.title or s.doc,
                    }
                )
    return {
        "markdown": export_markdown(draft),
        "missing": list(draft.missing),
        "unused": list(draft.unused),
        "sources": sources,
        "derived": [d.to_public() for d in draft.derived],
        "voice": [f.to_public() for f in draft.voice],
    }


def save_draft(
    draft: Draft,
    request: DraftRequest,
    path: Path,
    allowed: AllowedFacts | None = None,
    *,
    appendix: bool = False,
    refuse_voice: bool = True,
) -> SaveResult:
    """Audit, then export as Markdown or GB/T 9704 .docx by the file's suffix.

    ``allowed`` replaces ``request.allowed()`` (a draft from a base report also allows its place names).
    The .docx holds the report alone (title to signature) with review comments, and the
    appendices (待补充数据清单, 未使用的数据, 材料来源) only when ``appendix`` is set; the Markdown
    always carries them. The voice audit (words of another kind of body) refuses the export too,
    unless ``refuse_voice`` is False (a draft from the user's own base report: its findings are only
    listed in ``draft.voice``).

    Raises:
        AuditError: a figure or name in the draft does not trace to the user's input; nothing is written.
        ValueError: the suffix is neither .md nor .docx.
    """
    draft.voice = voice_audit_draft(draft, request.body(), request.rows)
    flags = audit_draft(draft, allowed or request.allowed()) + (draft.voice if refuse_voice else [])
    if flags:
        raise AuditError(flags)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        export_docx(draft, path, appendix=appendix)
    elif suffix in (".md", ".markdown", ".txt"):
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(export_markdown(draft), encoding="utf-8")
        tmp.replace(path)
    else:
        raise BadInputError(f"不支持的导出格式“{path.suffix}”，请用 .md 或 .docx")
    return SaveResult(path=path, draft=draft)
