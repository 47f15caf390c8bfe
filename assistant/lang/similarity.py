"""Bigram overlap of two texts: the cheap likeness used to collapse near-duplicates and match labels."""

from __future__ import annotations


def bigrams(text: str) -> set[str]:
    """Character bigrams of the Han/alnum characters of ``text``."""
    chars = [c for c in text if c.isalnum()]
    return {a + b for a, b in zip(chars, chars[1:], strict=False)}


def similarity(a: str, b: str) -> float:
    """Bigram overlap: |A∩B| / min(|A|,|B|), 0 when either side is empty."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))
