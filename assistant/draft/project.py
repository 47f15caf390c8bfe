"""A draft the user keeps: the workbench's blocks, their sources and audit state, as one JSON file.

A :class:`Project` holds what the drafter needs to continue tomorrow: the genre, the body profile,
the figures table, the outline, and one :class:`WorkBlock` per section (its text as edited, the text
and per-sentence provenance as drafted, its sources, the versions already shown, the audit's
findings). :func:`project_from_draft` makes one from a fresh draft; :func:`project_draft` turns the
edited blocks back into a :class:`~assistant.types.Draft` for :func:`assistant.export.save.save_draft`
(which audits before it writes). :func:`dumps`/:func:`loads` are the file format; a file that is not
a project, too large, or of a newer version is refused in Chinese.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.draft.audit.guard import AllowedFacts
from assistant.draft.checks import check_text
from assistant.draft.report import DraftRequest
from assistant.draft.tables.metrics import MetricRow
from assistant.errors import BadInputError
from assistant.lang.numbering import heading_level, split_heading, strip_numbering
from assistant.types import Draft, Figure, Paragraph, SectionDraft, Source, Span

FORMAT = "公文起草助手草稿"
VERSION = 1
MAX_BYTES = 5_000_000
MAX_BLOCKS = 60
MAX_BLOCK_CHARS = 20_000


@dataclass
class WorkBlock:
    """One editable section of the workbench.

    Attributes:
        section: the level-1 heading it belongs to (numbered: 一、履职情况).
        heading: its own heading (numbered; equal to ``section`` for a whole-section block).
        level: 1 (a whole section: a section without sub-points, 存在问题, 下一步打算) or 2.
        kind: ``performance``, ``problems`` or ``plans``.
        text: the text as it stands (edited); 问题/打算 items one a line.
        drafted: the text as drafted; while ``text`` equals it, ``paragraphs`` describe it.
        paragraphs: the drafted paragraphs with per-sentence provenance (plain dicts).
        sources: where the current text's phrasing came from (``Source`` dicts).
        seen: report ids of the versions already shown (换一版 moves on to the next report).
        flags: findings of the number and voice audits on ``text`` (``{"text","reason","kind"}``).
    """

    section: str
    heading: str
    level: int
    kind: str = "performance"
    text: str = ""
    drafted: str = ""
    paragraphs: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)
    flags: list[dict[str, str]] = field(default_factory=list)

    @property
    def topic(self) -> str:
        """The heading without numbering (what ``alternatives`` looks the section up by)."""
        return strip_numbering(self.heading).rstrip("。").strip()


@dataclass
class Project:
    """A workbench draft: who, what genre, the figures, and the blocks."""

    genre: str
    org: str | None = None
    year: int | None = None
    place: str | None = None
    body_kind: str | None = None
    level: str | None = None
    superiors: str | None = None
    outline: list[str] | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)
    title: str = ""
    opening: str = ""
    closing: str = ""
    signature: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # more names the audit accepts (a base report's places)
    from_base: bool = False  # drafted from the user's own report: voice findings listed, not refused
    blocks: list[WorkBlock] = field(default_factory=list)

    def allowed(self) -> AllowedFacts:
        """The facts the number audit accepts: the user's figures, body, place, year (+ ``names``)."""
        allowed = self.request().allowed()
        allowed.names |= set(self.names)
        return allowed

    def request(self) -> DraftRequest:
        """The drafting request these blocks answer (for alternatives, audits and export)."""
        from assistant.draft.tables.metrics import rows_from_records

        return DraftRequest(
            genre=self.genre,
            rows=rows_from_records(self.rows, allow_blank=True) if self.rows else [],
            org=self.org,
            year=self.year,
            place=self.place,
            outline=self.outline,
            body_kind=self.body_kind,
            level=self.level,
            superiors=self.superiors,
        )


def _records(rows: list[MetricRow]) -> list[dict[str, Any]]:
    return [
        {
            "指标": r.label,
            "数值": r.value,
            "单位": r.unit or "",
            "备注": r.note or "",
            "章节": r.section or "",
        }
        | ({"上年数值": r.last} if r.last else {})
        for r in rows
    ]


def _paragraph_from(data: dict[str, Any]) -> Paragraph:
    def source(s: dict[str, Any] | None) -> Source | None:
        return Source(**s) if s else None

    spans = [
        Span(
            text=s["text"],
            kind=s.get("kind", "reused"),
            source=source(s.get("source")),
            figures=[Figure(**f) for f in s.get("figures", [])],
        )
        for s in data.get("spans", [])
    ]
    return Paragraph(
        text=data["text"],
        sources=[Source(**s) for s in data.get("sources", [])],
        spans=spans,
        dropped=[Source(**s) for s in data.get("dropped", [])],
        heading=data.get("heading"),
        heading_level=int(data.get("heading_level", 0)),
        run_in=bool(data.get("run_in", False)),
    )


def _block_text(paragraphs: list[Paragraph]) -> str:
    return "\n".join(p.text.strip() for p in paragraphs if p.text.strip())


def make_block(section: str, heading: str, level: int, kind: str, paragraphs: list[Paragraph]) -> WorkBlock:
    """A block from drafted paragraphs (text, provenance and sources kept)."""
    text = _block_text(paragraphs)
    sources = [asdict(s) for p in paragraphs for s in p.sources]
    return WorkBlock(
        section=section,
        heading=heading,
        level=level,
        kind=kind,
        text=text,
        drafted=text,
        paragraphs=[asdict(p) for p in paragraphs],
        sources=sources,
        seen=list(dict.fromkeys(s["doc"] for s in sources)),
    )


def adopt(project: Project, block: WorkBlock, paragraphs: list[Paragraph], doc: str = "") -> None:
    """Replace a block's text by another version (its provenance kept) and re-run the audits."""
    paragraphs = [_paragraph_from(asdict(p)) for p in paragraphs]  # a copy: the version stays as shown
    if block.level == 2 and paragraphs:
        paragraphs[0].heading, paragraphs[0].heading_level = block.heading, 2
    new = make_block(block.section, block.heading, block.level, block.kind, paragraphs)
    block.text, block.drafted, block.paragraphs, block.sources = (
        new.text,
        new.drafted,
        new.paragraphs,
        new.sources,
    )
    if doc and doc not in block.seen:
        block.seen.append(doc)
    audit_block(project, block)


def project_from_draft(
    draft: Draft,
    request: DraftRequest,
    kinds: dict[str, str] | None = None,
    allowed: AllowedFacts | None = None,
    from_base: bool = False,
) -> Project:
    """The workbench's blocks of a fresh draft: one per sub-point, one per section without sub-points.

    Args:
        draft: the drafted report.
        request: what it was drafted from.
        kinds: section key → ``problems``/``plans`` (default: from the genre's outline).
    """
    if kinds is None:
        from assistant.draft.alternatives import request_genre

        kinds = {s.key: s.kind for s in request_genre(request).sections}
    blocks: list[WorkBlock] = []
    for sd in draft.sections:
        kind = kinds.get(sd.key, "performance")
        subs = [p for p in sd.paragraphs if p.heading and p.heading_level == 2 and not p.run_in]
        if kind == "performance" and subs and len(subs) == len(sd.paragraphs):
            blocks.extend(make_block(sd.title, p.heading or "", 2, kind, [p]) for p in sd.paragraphs)
        else:
            blocks.append(make_block(sd.title, sd.title, 1, kind, sd.paragraphs))
    project = Project(
        genre=draft.genre,
        org=request.org,
        year=draft.year,
        place=request.place,
        body_kind=request.body_kind,
        level=request.level,
        superiors=request.superiors,
        outline=request.outline,
        rows=_records(request.rows),
        title=draft.title,
        opening=draft.opening,
        closing=draft.closing,
        signature=list(draft.signature),
        unused=list(draft.unused),
        blocks=blocks[:MAX_BLOCKS],
        names=sorted(allowed.names - request.allowed().names) if allowed is not None else [],
        from_base=from_base,
    )
    audit_blocks(project)
    return project


def _edited_paragraphs(block: WorkBlock) -> list[Paragraph]:
    """Paragraphs of an edited block: its lines, items (（一）…) as run-in paragraphs."""
    lines = [ln.strip() for ln in block.text.splitlines() if ln.strip()]
    sources = [Source(**s) for s in block.sources]
    out: list[Paragraph] = []
    for n, line in enumerate(lines):
        if block.level == 1 and heading_level(line) == 2:
            head, _ = split_heading(line)
            out.append(Paragraph(text=line, heading=head, heading_level=2, run_in=True))
        else:
            out.append(Paragraph(text=line))
        if n == 0:
            out[-1].sources = sources
    if block.level == 2:
        if not out:
            out = [Paragraph(text="")]
        out[0].heading, out[0].heading_level = block.heading, 2
    return out


def block_paragraphs(block: WorkBlock) -> list[Paragraph]:
    """The block as paragraphs: the drafted ones (with provenance) while unedited, else from its text."""
    if block.text.strip() == block.drafted.strip() and block.paragraphs:
        return [_paragraph_from(p) for p in block.paragraphs]
    return _edited_paragraphs(block)


def project_draft(project: Project) -> Draft:
    """The edited blocks as a :class:`Draft` (for export: ``save_draft`` audits it before writing)."""
    draft = Draft(
        title=project.title,
        genre=project.genre,
        org=project.org,
        year=project.year,
        opening=project.opening,
        closing=project.closing,
        signature=list(project.signature),
        unused=list(project.unused),
    )
    by_title: dict[str, SectionDraft] = {}
    for n, block in enumerate(project.blocks):
        sd = by_title.get(block.section)
        if sd is None:
            sd = SectionDraft(key=f"s{n}", title=block.section, level=1)
            by_title[block.section] = sd
            draft.sections.append(sd)
        sd.paragraphs.extend(block_paragraphs(block))
    from assistant.draft.report import derived_figures, missing_items

    draft.missing = missing_items(draft)
    draft.derived = derived_figures(draft, project.allowed())
    return draft


def audit_block(
    project: Project, block: WorkBlock, request: DraftRequest | None = None
) -> list[dict[str, str]]:
    """Re-run the number and voice audits on one block; its ``flags`` are updated and returned."""
    request = request or project.request()
    allowed = request.allowed()
    allowed.names |= set(project.names)
    checks = check_text(block.text, request.rows, org=request.org, body=request.body(), allowed=allowed)
    block.flags = [c.to_public() | {"word": c.word} for c in checks]
    return block.flags


def audit_blocks(project: Project) -> None:
    """Re-run both audits on every block."""
    request = project.request()
    for block in project.blocks:
        audit_block(project, block, request)


def dumps(project: Project) -> str:
    """The project file's text (UTF-8 JSON)."""
    data = {"format": FORMAT, "version": VERSION, **asdict(project)}
    return json.dumps(data, ensure_ascii=False, indent=1)


def _str(value: Any, name: str, limit: int = MAX_BLOCK_CHARS) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise BadInputError(f"草稿文件中的“{name}”无效（应为不超过 {limit} 字的文字）")
    return value


def loads(text: str | bytes) -> Project:
    """Read a project file.

    Raises:
        BadInputError: not a project file of this app, a newer version, too large, or malformed
            (Chinese message saying which).
    """
    if len(text) > MAX_BYTES:
        raise BadInputError(f"草稿文件过大（上限 {MAX_BYTES // 1_000_000} MB）")
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadInputError("无法打开草稿：文件不是本程序保存的草稿（JSON 格式有误）") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadInputError("无法打开草稿：文件不是本程序保存的草稿")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise BadInputError("无法打开草稿：该草稿由更新版本的程序保存，请升级后再打开")
    blocks = data.get("blocks")
    if not isinstance(blocks, list) or not blocks or len(blocks) > MAX_BLOCKS:
        raise BadInputError(f"无法打开草稿：段落块缺失或超过 {MAX_BLOCKS} 个")
    try:
        year = data.get("year")
        project = Project(
            genre=_str(data.get("genre"), "文种", 40),
            org=_str(data.get("org"), "单位", 200) or None,
            year=int(year) if year not in (None, "") else None,
            place=_str(data.get("place"), "地名", 200) or None,
            body_kind=_str(data.get("body_kind"), "单位类别", 40) or None,
            level=_str(data.get("level"), "层级", 40) or None,
            superiors=_str(data.get("superiors"), "上级机关", 200) or None,
            outline=[_str(x, "提纲", 200) for x in data["outline"]] if data.get("outline") else None,
            rows=[dict(r) for r in data.get("rows") or []][:2000],
            title=_str(data.get("title"), "标题", 500),
            opening=_str(data.get("opening"), "开头"),
            closing=_str(data.get("closing"), "结尾"),
            signature=[_str(x, "落款", 200) for x in data.get("signature") or []],
            unused=[_str(x, "未使用的数据", 2000) for x in data.get("unused") or []],
            names=[_str(x, "地名", 200) for x in data.get("names") or []],
            from_base=bool(data.get("from_base", False)),
            blocks=[
                WorkBlock(
                    section=_str(b.get("section"), "章节", 500),
                    heading=_str(b.get("heading"), "标题", 500),
                    level=2 if b.get("level") == 2 else 1,
                    kind=b.get("kind") if b.get("kind") in ("problems", "plans") else "performance",
                    text=_str(b.get("text"), "正文"),
                    drafted=_str(b.get("drafted"), "正文"),
                    paragraphs=list(b.get("paragraphs") or []),
                    sources=list(b.get("sources") or []),
                    seen=[str(x) for x in b.get("seen") or []],
                    flags=list(b.get("flags") or []),
                )
                for b in blocks
            ],
        )
        for block in project.blocks:
            block_paragraphs(block)  # the provenance must read back
        project.request()
    except BadInputError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise BadInputError(f"无法打开草稿：文件内容不完整或已损坏（{type(exc).__name__}）") from exc
    audit_blocks(project)  # the findings are recomputed, never trusted from the file
    return project
