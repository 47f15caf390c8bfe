"""Shared fixtures: paths to the sample corpus and to ../shared (tests may read it; the product may not)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def seed_file(prefix: str) -> Path:
    """The sample report whose file name starts with ``prefix`` (e.g. ``"001"``)."""
    matches = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    assert matches, f"no sample {prefix}_* in {CORPUS}"
    return matches[0]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
