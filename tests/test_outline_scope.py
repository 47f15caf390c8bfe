"""No heading of a body's outline names a duty outside its scope (blind read r44).

A 科学技术局 is no department the scope rules give enforcement to; its 述法报告's outline still carried the
part 严格规范公正文明执法，落实行政执法“三项制度”情况, and the draft failed its own voice audit and was not
exported. The outline and the audit now read the same scope rules.
"""

from __future__ import annotations

import pytest
from matrix_cases import GENRES, bodies

from assistant.draft.outline.genres import get_genre
from assistant.errors import BadInputError
from assistant.lang.bodies import detect_body, out_of_scope
from assistant.lang.body_outline import genre_for_body

#: bodies the matrix generates, and departments no scope rule lists
ORGS = sorted({b.org for b in bodies()}) + [
    "梧冈县科学技术局",
    "沔川市行政审批服务局",
    "澜州市信访局",
    "江口县气象局",
]


def _headings(genre) -> list[str]:
    return [t for sec in genre.sections for t in (sec.title, *(s.title for s in sec.subpoints))]


@pytest.mark.parametrize("genre", GENRES)
def test_no_heading_of_any_bodys_outline_is_outside_its_scope(genre: str) -> None:
    checked = 0
    for org in ORGS:
        body = detect_body(org)
        try:
            outline = genre_for_body(get_genre(genre), body)
        except BadInputError:
            continue  # a genre the body does not write (a court's 法治政府建设年度报告)
        bad = [(t, m.group(0)) for t in _headings(outline) for m, _ in out_of_scope(t, body)]
        assert not bad, (org, bad)
        checked += 1
    assert checked >= 20


def test_a_department_without_enforcement_drafts_a_report_that_exports(sample_settings) -> None:
    from assistant.draft.report import DraftRequest, draft_report
    from assistant.draft.tables.metrics import rows_from_records

    rows = rows_from_records([{"指标": "科技计划项目监督检查", "数值": "12", "单位": "项"}])
    request = DraftRequest(genre="述法报告", rows=rows, org="梧冈县科学技术局", year=2026, post="局长")
    draft = draft_report(request, sample_settings)
    assert draft.voice == []
    assert not any("三项制度" in sd.title for sd in draft.sections)
