"""Shared fixtures: paths to the sample corpus and to ../shared (tests may read it; the product may not)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
# ASSISTANT_SHARED points at ../shared from a checkout elsewhere (a git worktree, a CI folder).
SHARED = Path(os.environ.get("ASSISTANT_SHARED") or ROOT.parent / "shared")


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


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory):
    """Settings whose index holds the five sample reports, built once per session with the real embedder."""
    from assistant.index.indexer import ingest
    from assistant.settings import load_settings

    index_dir = tmp_path_factory.mktemp("sample-index") / "index"
    settings = load_settings(index_dir=index_dir)
    report = ingest([CORPUS], settings, progress=False)
    assert report.documents == 5, report.summary()
    return settings
