"""Cut a cleaned, heading-parsed report into retrievable passages.

Passages stay inside one section, break at paragraph and then sentence boundaries (。！？；
with any closing quote), and hold at most ``chunk_chars`` characters. Only a single sentence
longer than the limit is cut, at a ，/、 (or, lacking one, hard at the limit). Short consecutive
paragraphs of a section are merged up to the limit. Stand-alone heading lines and the title
are not passages (a section's headings are in ``Passage.section``); a run-in heading sentence
stays in its paragraph. Every passage's text equals ``text[start:end]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.types import Heading, Passage, Slot

_SENT_RE = re.compile(r"[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)》]*|$)")
_COMMA_RE = re.compile(r"[^，、,]*(?:[，、,]|$)")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; their concatenation is the paragraph.

    Args:
        text: one paragraph.

    Returns:
        Sentences, each ending with its 。！？； and closing quotes.
    """
    return [m.group() for m in _SENT_RE.finditer(text) if m.group()]


def _split_long(sentence: str, limit: int) -> list[str]:
    """Cut one over-long sentence at commas, hard-cutting only comma-free stretches."""
    pieces: list[str] = []
    buf = ""
    for part in (m.group() for m in _COMMA_RE.finditer(sentence) if m.group()):
        if len(part) > limit:  # hard cuts by index: linear in the length (no copy of the rest per cut)
            if buf:
                pieces.append(buf)
                buf = ""
            cut = len(part) - (len(part) % limit or limit)
            pieces.extend(part[i : i + limit] for i in range(0, cut, limit))
            part = part[cut:]
        if len(buf) + len(part) > limit and buf:
            pieces.append(buf)
            buf = ""
        buf += part
    if buf:
        pieces.append(buf)
    return pieces


def paragraph_units(paragraph: str, limit: int) -> list[str]:
    """Sentence-sized units of a paragraph, none longer than ``limit``.

    Args:
        paragraph: one paragraph (a line of the cleaned text).
        limit: maximum characters.

    Returns:
        Units whose concatenation is the paragraph.
    """
    if len(paragraph) <= limit:
        return [paragraph]
    units: list[str] = []
    for sentence in split_sentences(paragraph):
        if len(sentence) > limit:
            units.extend(_split_long(sentence, limit))
        else:
            units.append(sentence)
    return units


def chunk_text(
    text: str,
    headings: list[Heading],
    doc_id: str,
    *,
    offsets: list[int] | None = None,
    chunk_chars: int = 500,
    skip: tuple[int, int] | None = None,
    slot_finder: Callable[[str], list[Slot]] | None = None,
) -> list[Passage]:
    """Chunk a cleaned text into passages.

    Args:
        text: cleaned text, one paragraph per line.
        headings: its headings (from :func:`assistant.ingest.structure.parse_headings`).
        doc_id: id stored in each passage.
        offsets: ``offsets[i]`` = index in the original text of ``text[i]``.
        chunk_chars: maximum passage length.
        skip: ``(start, end)`` of a line that is not body text (the title).
        slot_finder: function filling ``Passage.slots`` from the passage text.

    Returns:
        Passages in document order, ordinals from 0.
    """
    by_start = {text.rfind("\n", 0, h.start) + 1: h for h in headings}  # line start → heading
    stack: list[Heading] = []
    passages: list[Passage] = []
    buf_start = -1
    buf_end = -1

    def flush() -> None:
        nonlocal buf_start, buf_end
        if buf_start < 0:
            return
        # trim line breaks at the edges (a unit ends with a paragraph's content)
        s, e = buf_start, buf_end
        while s < e and text[s] == "\n":
            s += 1
        while e > s and text[e - 1] == "\n":
            e -= 1
        if e > s:
            body = text[s:e]
            orig_s = offsets[s] if offsets else s
            orig_e = offsets[e - 1] + 1 if offsets else e
            passages.append(
                Passage(
                    text=body,
                    doc_id=doc_id,
                    section=[h.text for h in stack],
                    level=stack[-1].level if stack else 0,
                    start=s,
                    end=e,
                    orig_start=orig_s,
                    orig_end=orig_e,
                    slots=slot_finder(body) if slot_finder else [],
                    ordinal=len(passages),
                )
            )
        buf_start = buf_end = -1

    pos = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line:
            continue
        if skip and line_start == skip[0]:
            flush()
            continue
        h = by_start.get(line_start)
        if h is not None:
            flush()
            while stack and stack[-1].level >= h.level:
                stack.pop()
            stack.append(h)
            if not h.run_in:
                continue
        cursor = line_start
        for unit in paragraph_units(line, chunk_chars):
            u_start, u_end = cursor, cursor + len(unit)
            cursor = u_end
            if buf_start >= 0 and u_end - buf_start > chunk_chars:
                flush()
            if buf_start < 0:
                buf_start = u_start
            buf_end = u_end
    flush()
    return passages
