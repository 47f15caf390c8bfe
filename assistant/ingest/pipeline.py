"""Public entry points of ingestion: file(s) → cleaned, heading-parsed, chunked Documents.

``parse_file`` reads one file (a batch file gives many documents), ``iter_documents`` walks
files and folders and never stops at a bad file, ``parse_text`` does the work on text already
in memory. Metadata comes from ``meta.yaml`` beside the files (see ``corpus/meta.yaml``), from
the fields of a batch row, and is otherwise inferred (year, genre).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

from assistant.ingest.chunking import chunk_text
from assistant.ingest.classify import (
    GENRE_LABELS,
    UNKNOWN,
    classify_keywords,
    fallback_title,
    heading_title,
    made_title,
    normalize_genre,
    row_title,
)
from assistant.ingest.cleaning import clean_text
from assistant.ingest.limits import Limits
from assistant.ingest.ocr_limits import OcrLimits
from assistant.ingest.readers import (
    SUPPORTED_EXTS,
    IngestError,
    RawRecord,
    check_file,
    os_reason,
    read_records,
)
from assistant.ingest.structure import find_title, parse_headings
from assistant.settings import Settings
from assistant.types import DocMeta, Document, Slot

__all__ = [
    "IngestError",
    "infer_genre",
    "infer_year",
    "iter_documents",
    "load_corpus_meta",
    "parse_file",
    "parse_text",
]

log = logging.getLogger(__name__)
META_FILE = "meta.yaml"
GENRES = GENRE_LABELS
_YEAR_RE = re.compile(r"(20\d{2})\s*年")


def _find_slots(text: str) -> list[Slot]:
    try:
        from assistant.ingest.slots import find_slots
    except ImportError:  # the slot module is optional for ingestion
        return []
    return find_slots(text)


def infer_year(*texts: str | None) -> int | None:
    """The first ``20xx年`` in the given texts (title first, then the opening).

    Args:
        *texts: candidates in order of preference.

    Returns:
        The year, or None.
    """
    for t in texts:
        if t:
            m = _YEAR_RE.search(t)
            if m:
                return int(m.group(1))
    return None


def infer_genre(title: str | None, opening: str | None = None) -> str | None:
    """The keyword genre decision for a title and opening (see :mod:`assistant.ingest.classify`).

    Returns:
        A label of :data:`GENRE_LABELS`, or None when the cues are too weak.
    """
    guess = classify_keywords(title, opening or "", [], opening or "")
    return None if guess.genre == UNKNOWN else guess.genre


def _decide_genre(meta: DocMeta, title: str | None, opening: str, headings: list[str], text: str) -> None:
    """Set ``meta.genre`` (+ confidence, source): a given genre (meta.yaml, row field: ``meta``; ``--genre``:
    ``user``) is kept, else the keyword decision."""
    if meta.genre is not None:
        try:
            meta.genre = normalize_genre(str(meta.genre)) or UNKNOWN
        except ValueError:
            log.warning("未知的体裁“%s”，按用户设定原样保留", meta.genre)
        meta.genre_confidence, meta.genre_source = 1.0, meta.genre_source or "meta"
        return
    guess = classify_keywords(title, opening, headings, text)
    meta.genre, meta.genre_confidence, meta.genre_source = guess.genre, guess.confidence, guess.source


def _meta_from_fields(raw: dict[str, Any]) -> DocMeta:
    """DocMeta from a dict (a meta.yaml entry or a batch row's fields)."""
    meta = DocMeta()
    names = {f.name for f in fields(DocMeta)}
    for key, value in raw.items():
        if key in names and value not in (None, ""):
            setattr(meta, key, value)
    if meta.year is not None:
        try:
            meta.year = int(str(meta.year).strip()[:4])
        except ValueError:
            meta.year = None
    if meta.source is None:
        meta.source = raw.get("source_url") or raw.get("url")
    if meta.level is None and raw.get("province"):
        meta.level = "省级"
    return meta


def parse_text(
    text: str,
    doc_id: str,
    *,
    path: str = "",
    meta: DocMeta | None = None,
    chunk_chars: int = 500,
) -> Document:
    """Clean, structure and chunk a report already decoded to text.

    Args:
        text: the decoded original text.
        doc_id: id of the document.
        path: where it came from (informational).
        meta: known metadata; missing year/genre are inferred.
        chunk_chars: maximum passage length.

    Returns:
        The parsed Document (offsets of headings/passages refer to ``Document.text``).
    """
    clean, offsets = clean_text(text)
    headings = parse_headings(clean)
    found = find_title(clean, headings)
    meta = DocMeta(**vars(meta)) if meta is not None else DocMeta()
    title = meta.title or (found[0] if found else None)
    skip = (found[1], found[2]) if found else None
    opening = clean[: headings[0].start] if headings else clean
    opening = opening[:600]
    if meta.year is None:
        meta.year = infer_year(title, opening)
    _decide_genre(meta, title, opening, [h.text for h in headings], clean)
    if meta.title is None:
        meta.title, meta.title_source = (title, "text") if title else (None, None)
    elif meta.title_source is None:
        meta.title_source = "user"
    if meta.title is None:
        meta.title = heading_title([h.text for h in headings if h.level == 1])
        meta.title_source = "heading" if meta.title else None
    if meta.body_kind is None:
        from assistant.lang.bodies import detect_document_body

        body = detect_document_body(meta.title or Path(path).stem or None, clean, meta.level)
        meta.body_kind, meta.body_level = body.kind, meta.body_level or body.level
    if meta.title is None:  # no title line: one made from what it says (year, body, genre)
        made = made_title(meta.year, meta.genre, meta.level, meta.body_kind, meta.body_level)
        meta.title, meta.title_source = (made, "made") if made else (fallback_title(path, doc_id), "file")
    passages = chunk_text(
        clean,
        headings,
        doc_id,
        offsets=offsets,
        chunk_chars=chunk_chars,
        skip=skip,
        slot_finder=_find_slots,
    )
    return Document(
        doc_id=doc_id,
        path=path,
        original=text,
        text=clean,
        offsets=offsets,
        title=title,
        headings=headings,
        passages=passages,
        meta=meta,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def load_corpus_meta(folder: Path) -> dict[str, DocMeta]:
    """Read ``meta.yaml`` in a folder (keys are file names).

    Args:
        folder: the folder holding the reports.

    Returns:
        File name → DocMeta; empty when there is no meta.yaml.

    Raises:
        IngestError: meta.yaml exists but is not valid YAML of the expected shape.
    """
    path = Path(folder) / META_FILE
    if not path.is_file():
        return {}
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise IngestError(path, f"元数据文件格式错误：{exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IngestError(path, "元数据文件应是“文件名: 字段”形式的映射")
    out: dict[str, DocMeta] = {}
    for name, entry in data.items():
        if entry is None:
            entry = {}
        if not isinstance(entry, dict):
            raise IngestError(path, f"“{name}”的元数据应是字段映射（title/year/genre/level）")
        out[str(name)] = _meta_from_fields(entry)
    return out


def _record_meta(record: RawRecord, corpus_meta: dict[str, DocMeta], genre: str | None = None) -> DocMeta:
    meta = _meta_from_fields(record.meta) if record.meta else DocMeta()
    if record.meta:
        meta.title = row_title(record.meta, meta.year)
        meta.title_source = "row" if meta.title else None
    name = Path(record.path).name
    override = corpus_meta.get(name) or corpus_meta.get(record.doc_id)
    if override is not None:
        for f in fields(DocMeta):
            value = getattr(override, f.name)
            if value is not None:
                setattr(meta, f.name, value)
        if override.title is not None:
            meta.title_source = "user"
    if genre is not None:
        meta.genre, meta.genre_source = genre, "user"
    for key in ("ocr", "ocr_pages", "ocr_confidence", "reader"):  # how the file was read: not user-editable
        setattr(meta, key, record.read.get(key))
    return meta


def parse_records_local(
    path: Path, settings: Settings, corpus_meta: dict[str, DocMeta] | None, genre: str | None = None
) -> Iterator[Document | IngestError]:
    """Parse one file in this process (bounded by the size checks only; see :mod:`assistant.ingest.worker`).

    Args:
        path: the file.
        settings: chunk size and limits.
        corpus_meta: ``meta.yaml`` entries of its folder (read when ``None``).
        genre: a genre the user chose for every document of the file (``ingest --genre``).

    Yields:
        Documents, and IngestError items for malformed rows of a batch file.

    Raises:
        IngestError: the whole file cannot be read.
    """
    records = read_records(
        path, settings.max_file_mb, Limits.from_settings(settings), OcrLimits.from_settings(settings)
    )
    if corpus_meta is None:
        corpus_meta = load_corpus_meta(path.parent)
    for rec in records:
        if isinstance(rec, IngestError):
            yield rec
            continue
        yield parse_text(
            rec.text,
            rec.doc_id,
            path=rec.path,
            meta=_record_meta(rec, corpus_meta, genre),
            chunk_chars=settings.chunk_chars,
        )


def parse_file(path: Path, settings: Settings | None = None, *, genre: str | None = None) -> list[Document]:
    """Parse one file into documents (a batch .jsonl/.csv gives one per row).

    Malformed rows of a batch file are logged and skipped; the file fails only when no row
    is usable.

    Args:
        path: the file.
        settings: chunk size and size limit (defaults when omitted).
        genre: the user's genre for every document of the file (overrides meta.yaml and inference).

    Returns:
        The documents.

    Raises:
        IngestError: the file cannot be read (empty, binary, damaged, too large, unknown type).
    """
    settings = settings or Settings()
    path = Path(path)
    docs: list[Document] = []
    errors: list[IngestError] = []
    for item in parse_records_local(path, settings, None, genre):
        if isinstance(item, IngestError):
            log.warning("%s", item)
            errors.append(item)
        else:
            docs.append(item)
    if not docs and errors:
        raise IngestError(path, f"没有可用的记录（{len(errors)} 行有错误，第一处：{errors[0].reason}）")
    return docs


def _walk(paths: Iterable[Path]) -> Iterator[Path | IngestError]:
    """Files to parse; a hidden report file (name starting with ".") is reported, not read."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            try:
                children = sorted(p.rglob("*"))
            except OSError as exc:
                yield IngestError(p, f"无法遍历文件夹（{os_reason(exc)}）")
                continue
            for child in children:
                rel = child.relative_to(p).parts
                if any(part.startswith(".") for part in rel[:-1]):
                    continue  # inside a hidden folder (.git, .incoming …)
                if child.suffix.lower() not in SUPPORTED_EXTS or child.name == META_FILE:
                    continue
                if child.name.startswith("."):
                    yield IngestError(child, "以“.”开头的隐藏文件，未收录（如需收录请去掉开头的“.”）")
                    continue
                if child.is_symlink() and not child.exists():
                    yield IngestError(child, "符号链接指向的文件不存在或链接成环，未收录")
                    continue
                if not child.is_file():
                    continue
                yield child
        else:
            yield p


def _parse_one(
    path: Path, settings: Settings, corpus_meta: dict[str, DocMeta], worker: Any, genre: str | None = None
) -> list[Any]:
    """One file's items, parsed in the worker when there is one (in-process if it cannot start)."""
    if worker is not None:
        from assistant.ingest.worker import WorkerUnavailable

        check_file(path, settings.max_file_mb)  # cheap refusals without a round trip
        try:
            return worker.parse(path, settings, corpus_meta, genre)
        except WorkerUnavailable:
            log.warning("parse worker unavailable; parsing %s in-process", path)
    return list(parse_records_local(path, settings, corpus_meta, genre))


def iter_documents(
    paths: Iterable[Path], settings: Settings | None = None, *, genre: str | None = None
) -> Iterator[Document | IngestError]:
    """Parse files and folders (recursively), yielding documents and errors as they come.

    Folders contribute only supported files, skipping hidden ones and ``meta.yaml``; a file
    named explicitly is always tried (so an unknown type is reported). One bad file or row
    yields an IngestError and the walk goes on.

    Args:
        paths: files and/or folders.
        settings: chunk size and size limit (defaults when omitted).
        genre: the user's genre for every document (``assistant ingest --genre``).

    Yields:
        Document or IngestError, in file order.
    """
    settings = settings or Settings()
    meta_cache: dict[Path, dict[str, DocMeta]] = {}
    worker = None
    if settings.parse_isolated:
        from assistant.ingest.worker import shared_worker

        worker = shared_worker(settings.parse_memory_mb)
    for path in _walk(paths):
        if isinstance(path, IngestError):
            yield path
            continue
        folder = path.parent
        if folder not in meta_cache:
            try:
                meta_cache[folder] = load_corpus_meta(folder)
            except IngestError as err:
                meta_cache[folder] = {}
                yield err
        try:
            yield from _parse_one(path, settings, meta_cache[folder], worker, genre)
        except IngestError as err:
            yield err
        except Exception as exc:  # never let one file stop a batch
            yield IngestError(path, f"读取时发生意外错误（{type(exc).__name__}）")
