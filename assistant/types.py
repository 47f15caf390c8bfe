"""Typed hand-offs between the pipeline stages.

Document → Heading/section tree → Passage (with its Slots) → Hit → SectionDraft → Draft.
Every stage takes and returns these plain dataclasses, so the CLI, the web app and the
tests all speak the same language. Nothing here imports heavy packages.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Slot:
    """A place in a passage where a body-specific fact stands.

    Attributes:
        slot_type: ``metric`` (number + unit), ``name`` (masked or foreign place/org name)
            or ``claim`` (未发生…/全覆盖 style assertion).
        label: the activity counted, e.g. ``组织开展进村入户普法宣传``.
        value: the number as written (``"180"``, ``"2.3"``), ``None`` when masked.
        unit: the 量词 (``场次``, ``人次``, ``%``) or ``None``.
        masked: the source hides the value behind ``*``/``**``.
        start: offset of the slot's value in the passage text.
        end: offset just after the unit (or the name) in the passage text.
        number: the numeric value (magnitude applied: ``2.3万`` → 23000.0), ``None`` when masked.
        unit_class: ``event``/``person``/``person_time``/``case``/``item``/``rate``/``hour``/``money``.
        qualifier: ``余``/``多``/``以上``/``达``/``累计`` … or ``None``.
        magnitude: ``万``/``亿`` when written between number and unit, else ``None``.
        role: ``count``/``rate``/``scope``/``ordinal``/``amount``.
        kind: metric-vocabulary id (``pufa.events``) or ``None`` when unknown.
        surface: the exact text of the span ``[start, end)``.
    """

    slot_type: str
    label: str
    value: str | None
    unit: str | None
    masked: bool
    start: int
    end: int
    number: float | None = None
    unit_class: str | None = None
    qualifier: str | None = None
    magnitude: str | None = None
    role: str = "count"
    kind: str | None = None
    surface: str = ""

    def to_public(self) -> dict[str, Any]:
        """The stable JSON shape used by ``assistant inspect --json``."""
        return {"label": self.label, "value": self.value, "unit": self.unit, "masked": self.masked}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Slot:
        return cls(**data)


@dataclass
class Heading:
    """One heading line (or the heading sentence of a run-in paragraph).

    Attributes:
        level: 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）; 第X章 → 1, 第X条 → 2 when they occur.
        text: the heading as written, numbering included, trailing 。 kept for run-in headings.
        start: offset in the cleaned document text.
        end: offset just after the heading text.
        run_in: the heading sentence opens a paragraph whose body follows on the same line.
    """

    level: int
    text: str
    start: int
    end: int
    run_in: bool = False

    def to_public(self) -> dict[str, Any]:
        return {"level": self.level, "text": self.text}


@dataclass
class Passage:
    """A retrievable chunk of a document, never cut mid-sentence, at most ~500 characters.

    Attributes:
        text: the passage text (cleaned).
        doc_id: id of the document it came from.
        section: heading texts from the top level down to the passage's own section.
        level: level of the innermost heading (0 when the passage precedes every heading).
        start: offset of the passage in the cleaned document text.
        end: offset just after it in the cleaned document text.
        orig_start: offset of the passage in the original (uncleaned) text.
        orig_end: offset just after it in the original text.
        slots: metric/name/claim slots, offsets relative to ``text``.
        ordinal: position of the passage within its document.
    """

    text: str
    doc_id: str
    section: list[str]
    level: int
    start: int
    end: int
    orig_start: int = 0
    orig_end: int = 0
    slots: list[Slot] = field(default_factory=list)
    ordinal: int = 0

    def to_public(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "section": list(self.section),
            "slots": [s.to_public() for s in self.slots],
        }

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        data = dict(data)
        data["slots"] = [Slot.from_dict(s) for s in data.get("slots", [])]
        return cls(**data)


@dataclass
class DocMeta:
    """User-editable metadata of one report (stored in ``corpus/meta.yaml``)."""

    title: str | None = None
    year: int | None = None
    genre: str | None = None
    level: str | None = None  # author level: 乡镇, 县级部门, 省级 …
    source: str | None = None
    genre_confidence: float | None = None  # 0..1, 1.0 when set by the user
    genre_source: str | None = None  # user | keywords | prototype | unknown
    title_source: str | None = None  # user | row | text | heading | made | file
    body_kind: str | None = None  # who speaks: 乡镇, 政府部门 … (draft/bodies.detect_document_body)
    body_level: str | None = None  # 乡级 | 县级 | 设区的市 | 省
    ocr: bool | None = None  # True: some pages were recognised (a scan): check the text
    ocr_pages: int | None = None  # pages recognised
    ocr_confidence: float | None = None  # mean recognition confidence of their text boxes (0..1)
    reader: str | None = None  # how a .doc/.wps was read: olefile | soffice


@dataclass
class Document:
    """A parsed report.

    Attributes:
        doc_id: stable id (file stem, or ``stem#row`` for a batch file row).
        path: where it was read from.
        original: the decoded text before cleaning.
        text: the cleaned text; every offset in headings/passages refers to it.
        offsets: for each character of ``text``, its offset in ``original``.
        title: the report's title when one was found.
        headings: headings in document order.
        passages: chunks in document order.
        meta: metadata (title, year, genre, level).
        sha256: hash of the decoded original text, used for incremental indexing.
    """

    doc_id: str
    path: str
    original: str
    text: str
    offsets: list[int]
    title: str | None
    headings: list[Heading]
    passages: list[Passage]
    meta: DocMeta = field(default_factory=DocMeta)
    sha256: str = ""

    def to_public(self) -> dict[str, Any]:
        """The stable JSON shape used by ``assistant inspect --json``."""
        return {
            "title": self.title,
            "headings": [h.to_public() for h in self.headings],
            "passages": [p.to_public() for p in self.passages],
            "doc_title": self.meta.title,
            "genre": self.meta.genre,
            "genre_confidence": self.meta.genre_confidence,
            "genre_source": self.meta.genre_source,
            "body": {"kind": self.meta.body_kind, "level": self.meta.body_level},
            "ocr": {"pages": self.meta.ocr_pages, "confidence": self.meta.ocr_confidence}
            if self.meta.ocr
            else None,
        }


@dataclass
class Hit:
    """One search result."""

    passage: Passage
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    duplicates: int = 0  # near-duplicates collapsed into this hit
    title: str = ""  # the document's title (the doc id when none was found)

    def to_public(self) -> dict[str, Any]:
        return {
            "text": self.passage.text,
            "doc": self.passage.doc_id,
            "section": list(self.passage.section),
            "score": round(float(self.score), 6),
            "title": self.title or self.passage.doc_id,
        }


@dataclass
class Source:
    """Where a drafted paragraph's phrasing came from."""

    doc: str
    section: list[str]
    text: str = ""
    title: str = ""  # the document's title; ``doc`` (the file's id) stays the secondary name

    def to_public(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "section": list(self.section),
            "text": self.text,
            "title": self.title or self.doc,
        }

    def label(self) -> str:
        """``title · section`` as shown to the user (the innermost heading, cut at its first comma)."""
        where = self.section[-1] if self.section else ""
        for mark in "，,；。":
            cut = where.find(mark, 4)
            if cut > 0:
                where = where[:cut]
        return " · ".join(p for p in (self.title or self.doc, where) if p)


@dataclass
class Figure:
    """A figure written into a sentence and where it came from.

    Attributes:
        text: the figure as it reads in the sentence (``23场次``).
        note: its provenance (``指标表第3行：普法宣传活动 23场次`` or a formula over such rows).
    """

    text: str
    note: str


@dataclass
class Span:
    """One sentence of a drafted paragraph and its provenance (per-sentence review in Word).

    Attributes:
        text: the sentence as it reads in the paragraph.
        kind: ``reused`` (a past report's sentence unchanged), ``adapted`` (its phrasing with the
            user's facts or voice) or ``own`` (written from a user row, no exemplar).
        source: the past report's sentence (with its document title and section), if any.
        figures: the user's figures in the sentence, each with its table row or formula.
    """

    text: str
    kind: str = "reused"
    source: Source | None = None
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Paragraph:
    """A drafted paragraph with its provenance."""

    text: str
    sources: list[Source] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # per-sentence provenance, in text order
    dropped: list[Source] = field(
        default_factory=list
    )  # exemplars for the user's figures dropped (foreign facts)
    heading: str | None = None  # heading line above the paragraph, if any
    heading_level: int = 0
    run_in: bool = False  # heading sentence and body in one paragraph


@dataclass
class SectionDraft:
    """The draft of one outline section."""

    key: str
    title: str  # heading text with numbering, e.g. 一、履职情况
    level: int
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Flag:
    """Something the audit or the guard found."""

    text: str
    reason: str

    def to_public(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}


@dataclass
class Derived:
    """A figure computed from the user's values (a year-over-year comparison), with its formula.

    Attributes:
        text: the figure as it reads in the draft (``3次``, ``37.5%``, ``2.5个百分点``).
        formula: how it was computed (``3 = 11 − 8``, ``37.5% = 3 ÷ 8``).
        label: the 指标 of the row it was computed from.
    """

    text: str
    formula: str
    label: str = ""

    def to_public(self) -> dict[str, Any]:
        return {"text": self.text, "formula": self.formula}


@dataclass
class Draft:
    """A whole report draft (``derived``: the year-over-year figures computed by code)."""

    title: str
    genre: str
    org: str | None
    year: int | None
    sections: list[SectionDraft] = field(default_factory=list)
    opening: str = ""
    closing: str = ""
    signature: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)
    voice: list[Flag] = field(default_factory=list)  # voice audit: words of another body (draft/voice.py)
    audited: list[Flag] | None = None  # the number audit's findings when drafted (None: not audited yet)
