"""Drafts over the samples plus real provincial 政府工作报告 (issue 10): the provincial sentences that are
retrieved speak in the user's voice too, and no province's name, figure or level claim reaches a draft."""

from __future__ import annotations

import re
import shutil

import pytest

from assistant.draft.report import DraftRequest, draft_report, iter_texts
from assistant.draft.tables.metrics import rows_from_records
from assistant.index.indexer import ingest
from assistant.settings import load_settings
from tests.test_draft_bodies import BODIES, GENRES, ROWS, assert_own_voice

PROVINCES = ("甘肃省", "吉林省")


@pytest.fixture(scope="module")
def provincial_settings(sample_settings, shared_dir, tmp_path_factory):
    """The sample index plus two whole provincial reports (full passages, real embedder)."""
    target = tmp_path_factory.mktemp("provincial") / "index"
    shutil.copytree(sample_settings.index_dir, target)
    settings = load_settings(index_dir=target)
    folder = shared_dir / "corpora" / "provincial-gwr-2026"
    report = ingest([folder / f"2026_{p}_政府工作报告.csv" for p in PROVINCES], settings, progress=False)
    assert report.added == 2, report.summary()
    return settings


@pytest.mark.parametrize("genre", GENRES)
@pytest.mark.parametrize("who", list(BODIES))
def test_provincial_sentences_speak_as_the_users_body(provincial_settings, who, genre):
    org = BODIES[who][0]
    rows = rows_from_records(ROWS[who])
    draft = draft_report(DraftRequest(genre=genre, rows=rows, org=org, year=2024), provincial_settings)
    assert_own_voice(draft, who, rows)
    body = "\n".join(t for _, t in iter_texts(draft))
    for name in (*PROVINCES, "甘肃", "吉林", "全省", "我省", "省政府"):
        assert name not in body, (name, [t for _, t in iter_texts(draft) if name in t])
    assert not re.search(r"亿元|万亿|GDP|地区生产总值", body)  # a provincial economy's figures


def test_provincial_reports_are_drawn_on(provincial_settings):
    """The district government's draft uses at least one provincial sentence (else the test proves nothing)."""
    draft = draft_report(
        DraftRequest(
            genre="法治政府建设年度报告", rows=rows_from_records(ROWS["district"]), org="江北区人民政府"
        ),
        provincial_settings,
    )
    docs = {s.doc for sd in draft.sections for p in sd.paragraphs for s in p.sources}
    assert docs - set(_sample_ids()), docs


def _sample_ids() -> list[str]:
    from tests.conftest import CORPUS

    return [p.stem for p in CORPUS.glob("*.txt")]
