"""The passage store file (``passages.sqlite``): its schema, rows, and the writer of a new version.

Only :mod:`assistant.index.store` (reading a published version) and this module touch SQL; the
indexer builds a new version through :class:`PassageWriter`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.types import Passage, Slot

COLUMNS = "id, doc_id, ordinal, section, level, start, end, orig_start, orig_end, slots, text, text_hash, genre, year"
_PLACEHOLDERS = ",".join("?" * (COLUMNS.count(",") + 1))
SCHEMA = f"""
CREATE TABLE passages (
    id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, ordinal INTEGER, section TEXT, level INTEGER,
    start INTEGER, end INTEGER, orig_start INTEGER, orig_end INTEGER, slots TEXT, text TEXT,
    text_hash TEXT, genre TEXT, year INTEGER
);
-- columns: {COLUMNS}
"""


def create_passage_db(path: Path) -> sqlite3.Connection:
    """A new, empty passage store (indexes are added by :func:`finish_passage_db`)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.executescript(SCHEMA)
    return con


def finish_passage_db(con: sqlite3.Connection) -> None:
    """Add the lookup indexes, commit and close."""
    con.executescript(
        "CREATE INDEX passages_doc ON passages(doc_id);"
        "CREATE INDEX passages_hash ON passages(text_hash);"
        "CREATE INDEX passages_genre ON passages(genre);"
        "CREATE INDEX passages_year ON passages(year);"
    )
    con.commit()
    con.close()


def passage_row(pid: int, p: Passage, text_hash: str, genre: str | None, year: int | None) -> tuple:
    """The ``passages`` row of one passage (column order of the schema)."""
    return (
        pid, p.doc_id, p.ordinal, json.dumps(list(p.section), ensure_ascii=False), p.level, p.start, p.end,
        p.orig_start, p.orig_end, json.dumps([s.to_dict() for s in p.slots], ensure_ascii=False),
        p.text, text_hash, genre, year,
    )  # fmt: skip


def row_to_passage(row: Sequence[Any]) -> Passage:
    """Rebuild a :class:`Passage` from a ``SELECT id, doc_id, ordinal, section, level, start,
    end, orig_start, orig_end, slots, text`` row."""
    _, doc_id, ordinal, section, level, start, end, ostart, oend, slots, text = row[:11]
    return Passage(
        text=text, doc_id=doc_id, section=json.loads(section), level=level, start=start, end=end,
        orig_start=ostart, orig_end=oend, slots=[Slot.from_dict(s) for s in json.loads(slots or "[]")],
        ordinal=ordinal,
    )  # fmt: skip


class PassageWriter:
    """Writes the passage store of a version being built (the ``.tmp-`` folder of a write).

    Args:
        path: the new ``passages.sqlite``.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = create_passage_db(path)

    def copy_from(self, old: Path, lo: int, hi: int, new_lo: int) -> None:
        """Copy passages ``lo``..``hi-1`` of the store ``old`` (a kept document), renumbered from ``new_lo``."""
        self._con.execute("ATTACH DATABASE ? AS old", (str(old),))
        try:
            self._con.execute(
                f"INSERT INTO passages SELECT id + ?, {COLUMNS.split(', ', 1)[1]} FROM old.passages "
                "WHERE id >= ? AND id < ? ORDER BY id",
                (new_lo - lo, lo, hi),
            )
            self._con.commit()
        finally:
            self._con.execute("DETACH DATABASE old")

    def set_meta(self, lo: int, hi: int, genre: str | None, year: int | None) -> None:
        """Set the genre and year of passages ``lo``..``hi-1`` (a kept document's new metadata)."""
        self._con.execute(
            "UPDATE passages SET genre = ?, year = ? WHERE id >= ? AND id < ?", (genre, year, lo, hi)
        )

    def add(self, rows: Sequence[tuple]) -> None:
        """Insert :func:`passage_row` rows."""
        self._con.executemany(f"INSERT INTO passages ({COLUMNS}) VALUES ({_PLACEHOLDERS})", rows)

    def finish(self) -> None:
        """Add the lookup indexes, commit and close."""
        finish_passage_db(self._con)


def iter_section_texts(path: Path) -> Iterator[tuple[list[str], str]]:
    """``(section path, text)`` of every passage of a store file, by id (for building BM25)."""
    con = sqlite3.connect(path)
    try:
        for section, text in con.execute("SELECT section, text FROM passages ORDER BY id"):
            yield json.loads(section), text
    finally:
        con.close()


__all__ = [
    "COLUMNS",
    "SCHEMA",
    "PassageWriter",
    "create_passage_db",
    "finish_passage_db",
    "iter_section_texts",
    "passage_row",
    "row_to_passage",
]
