"""Checks on files users upload through the web app (pure functions, no gradio).

An upload is accepted only when its extension is on a whitelist, it is not empty and not larger
than ``settings.upload_max_mb``. Reports are then copied into ``settings.corpus_dir`` under a
sanitised name (no folders, no leading dots, no control or shell characters), never overwriting a
different file. Every refusal is an :class:`UploadError` with a Chinese message. The web app
stages reports in ``<corpus>/.incoming/`` and moves a file into the corpus only after its ingest
succeeded (:func:`stage_upload`, :func:`ingest_staged`); the ingest itself (:func:`index_staged`)
runs in a low-priority child process (:mod:`assistant.ui.ingest_child`).
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from assistant.draft.tables.metrics import METRICS_EXTS
from assistant.errors import BadInputError
from assistant.ingest.readers import SUPPORTED_EXTS
from assistant.settings import Settings
from assistant.ui.locale import t

# The readers' own lists: what ingestion and the metrics reader accept is what may be uploaded.
REPORT_TYPES: tuple[str, ...] = tuple(sorted(SUPPORTED_EXTS))
METRICS_TYPES: tuple[str, ...] = METRICS_EXTS

_UNSAFE = re.compile(r"[^0-9A-Za-z\u3400-\u9fff\uf900-\ufaff._\-（）()]+")
_MAX_STEM = 80


class UploadError(BadInputError):
    """An upload was refused; the message is Chinese and meant for the user."""


def safe_name(name: str) -> str:
    """A file name safe to create in the corpus folder.

    Drops any folder part (``../``, ``C:\\``), normalises Unicode (NFKC), replaces characters
    outside letters/digits/CJK/``._-()`` with ``_``, strips leading dots and caps the length.

    Args:
        name: the name the browser sent.

    Returns:
        e.g. ``"2023年述法报告.docx"``; ``"upload.txt"``-like fallback when nothing is left.
    """
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name or ""))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    suffix = Path(base).suffix.lower()
    if not re.fullmatch(r"\.[0-9a-z]{1,8}", suffix):
        suffix = ""
    stem = base[: len(base) - len(suffix)] if suffix else base
    stem = _UNSAFE.sub("_", stem).strip("._ ")[:_MAX_STEM] or "upload"
    return stem + suffix


def check_upload(
    path: str | Path, settings: Settings, allowed: Iterable[str] = REPORT_TYPES, name: str | None = None
) -> Path:
    """Validate one uploaded file.

    Args:
        path: where gradio stored the upload.
        settings: for ``upload_max_mb``.
        allowed: accepted extensions (lower case, with the dot).
        name: the original name (defaults to ``path``'s name).

    Returns:
        ``path`` as a :class:`Path`.

    Raises:
        UploadError: wrong type, empty, too large or missing, with a Chinese message.
    """
    file = Path(path)
    shown = name or file.name
    allowed = tuple(allowed)
    ext = Path(shown).suffix.lower()
    if ext not in allowed:
        raise UploadError(t("upload_bad_type", ext=ext or shown, allowed=" ".join(allowed)))
    if not file.is_file():
        raise UploadError(t("upload_missing"))
    size = file.stat().st_size
    if size == 0:
        raise UploadError(t("upload_empty", name=shown))
    limit = float(settings.upload_max_mb)
    if size > limit * 1024 * 1024:
        raise UploadError(t("upload_too_big", name=shown, size=size / 1024 / 1024, limit=limit))
    return file


def save_to_corpus(path: str | Path, settings: Settings, name: str | None = None) -> Path:
    """Check an uploaded report and copy it into the corpus folder under a safe, unused name.

    An identical file already in the folder is reused instead of copied again.

    Args:
        path: where gradio stored the upload.
        settings: for ``corpus_dir`` and ``upload_max_mb``.
        name: the original file name (defaults to ``path``'s name).

    Returns:
        The path of the file inside ``settings.corpus_dir``.

    Raises:
        UploadError: the file was refused.
    """
    source = check_upload(path, settings, REPORT_TYPES, name=name)
    folder = Path(settings.corpus_dir)
    folder.mkdir(parents=True, exist_ok=True)
    clean = safe_name(name or source.name)
    stem, suffix = Path(clean).stem, Path(clean).suffix
    target = folder / clean
    counter = 1
    while target.exists():
        if filecmp.cmp(source, target, shallow=False):
            return target
        target = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    shutil.copyfile(source, target)
    return target


INCOMING = ".incoming"  # hidden: a folder walk of the corpus never reads it


def stage_upload(path: str | Path, settings: Settings, name: str | None = None) -> tuple[Path, Path]:
    """Check an upload and copy it into ``<corpus>/.incoming/``, not yet into the corpus itself.

    Returns:
        ``(staged file, final target in the corpus)``; both are the target when an identical file
        is already in the corpus.

    Raises:
        UploadError: the file was refused.
    """
    source = check_upload(path, settings, REPORT_TYPES, name=name)
    folder = Path(settings.corpus_dir)
    incoming = folder / INCOMING
    incoming.mkdir(parents=True, exist_ok=True)
    clean = safe_name(name or source.name)
    stem, suffix = Path(clean).stem, Path(clean).suffix
    target = folder / clean
    counter = 1
    while target.exists() or (incoming / target.name).exists():
        if target.exists() and filecmp.cmp(source, target, shallow=False):
            return target, target
        target = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    staged = incoming / target.name
    shutil.copyfile(source, staged)
    return staged, target


def index_staged(
    staged: list[tuple[Path, Path]], settings: Settings, *, embedder: Any = None, progress: bool = True
) -> tuple[Any, set[Path]]:
    """Parse and index staged uploads, each document recorded under its final path in the corpus.

    Runs in the ingest child on the server (:func:`ingest_staged`); moves no file.

    Returns:
        The :class:`~assistant.index.indexer.IngestReport` and the staged files that parsed.
    """
    from assistant.index.indexer import ingest_documents
    from assistant.ingest.pipeline import iter_documents
    from assistant.types import Document

    target_of = {src.resolve(): target for src, target in staged}
    parsed: set[Path] = set()

    def items() -> Iterator[Any]:
        for item in iter_documents([src for src, _ in staged], settings):
            if isinstance(item, Document):
                src = Path(item.path).resolve()
                parsed.add(src)
                item.path = str(target_of.get(src, src))
            yield item

    report = ingest_documents(items(), settings, embedder=embedder, progress=progress)
    return report, parsed


def ingest_staged(
    staged: list[tuple[Path, Path]],
    settings: Settings,
    *,
    embedder: Any = None,
    on_progress: Callable[[str, int, int | None], None] | None = None,
) -> tuple[Any, list[Path]]:
    """Index staged uploads; move into the corpus only the files whose ingest succeeded.

    With ``settings.ingest_isolated`` (the default) the whole ingest runs in a child process at
    the lowest CPU priority on one core (:mod:`assistant.ui.ingest_child`), so the server's
    searches keep their speed; parsing is further isolated per file (memory and time limits),
    so a hostile upload fails alone. A refused file is deleted from the staging folder: 重建索引
    never reads it again. If the ingest itself fails, or its child dies, nothing is moved and
    the index is as it was.

    Args:
        staged: ``(staged file, final target)`` pairs from :func:`stage_upload`.
        settings: the server settings.
        embedder: an already loaded embedder, used only when the ingest runs in this process.
        on_progress: called with ``(description, done, total)`` as the child's progress bars move.

    Returns:
        The :class:`~assistant.index.indexer.IngestReport` and the files now in the corpus.

    Raises:
        IngestChildError: the ingest failed or its child died (Chinese message naming the files).
    """
    try:
        if settings.ingest_isolated:
            from assistant.ui.ingest_child import run_in_child

            names = "、".join(target.name for _, target in staged)
            report, parsed = run_in_child("assistant.ui.uploads:index_staged", staged, settings,
                                          what=t("ingest_what_upload", names=names), on_progress=on_progress)  # fmt: skip
        else:
            report, parsed = index_staged(staged, settings, embedder=embedder)
    except BaseException:
        for src, target in staged:
            if src != target:
                src.unlink(missing_ok=True)
        raise
    refused = {name for name, _ in report.skipped if ":第" not in name}
    moved: list[Path] = []
    for src, target in staged:
        if src == target:
            moved.append(target)
        elif src.resolve() in parsed and target.name not in refused:
            os.replace(src, target)
            moved.append(target)
        else:
            src.unlink(missing_ok=True)
    return report, moved


# ------------------------------------------------------------------ who uploaded what, leftovers
UPLOADERS = ".uploaders.json"  # hidden, beside the documents: {file name: login}


def _uploaders_file(settings: Settings) -> Path:
    return Path(settings.corpus_dir) / UPLOADERS


def uploaders(settings: Settings) -> dict[str, str]:
    """``{file name in the corpus: login that uploaded it}`` (empty when unknown)."""
    import json

    try:
        data = json.loads(_uploaders_file(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def record_uploader(settings: Settings, paths: Iterable[Path], user: str | None) -> None:
    """Remember which login uploaded each file (an identical re-upload keeps the first uploader)."""
    import json

    if not user:
        return
    known = uploaders(settings)
    for path in paths:
        known.setdefault(Path(path).name, user)
    target = _uploaders_file(settings)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(known, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, target)


def clean_incoming(settings: Settings) -> int:
    """Remove what a killed server left in ``<corpus>/.incoming/`` (run at start); the count removed."""
    folder = Path(settings.corpus_dir) / INCOMING
    if not folder.is_dir():
        return 0
    n = 0
    for item in folder.iterdir():
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item, ignore_errors=True)
        else:
            item.unlink(missing_ok=True)
        n += 1
    return n
