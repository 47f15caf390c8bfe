"""Figures in whole drafts, not only in the sentence builder (issue 18, round 2).

Every report-domain label of tests/data/labels.txt (the issue's common labels, clause-like labels and
the labels of courts, procuratorates and party committees) goes into a table of eight rows, and each
table is drafted for a body that no earlier read used and for one that did. Whatever path writes a
row's figure (an exemplar's slot, the row's own sentence, a merged run of sentences) is linted: no
doubled word, no verb stacked before or echoed after a label, no 开展 before an amount, a head count
or a meeting, no phrase twice in a sentence, no clause that lost its subject.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assistant.draft import lint
from assistant.draft.report import DraftRequest, draft_report, iter_texts
from assistant.draft.tables.metrics import rows_from_records
from assistant.lang.units import unit_class

LABELS = [
    line.split("\t")
    for line in (Path(__file__).parent / "data" / "labels.txt").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
TABLE = 8
#: (org, post): bodies of the blind drafts' kinds and two of the earlier ones
BODIES = [
    ("江源县人民检察院", "党组书记、检察长"),
    ("青川县人民法院", "党组书记、院长"),
    ("中共松溪县委员会", "县委书记"),
    ("中共南湖市北塘区委员会", "区委书记"),
    ("白沙县司法局", "局长"),
    ("平安县清河乡党委", "党委书记"),
]
MECHANICAL = ("doubled", "echo", "verb_kind", "phrase_twice", "subjectless")


def _value(unit: str, rng: random.Random) -> str:
    cls = unit_class(unit)
    if cls == "rate":
        return f"{rng.randint(800, 999) / 10}"
    if cls == "money":
        return f"{rng.randint(12, 990) / 10}"
    return str(rng.randint(3, 4800))


def _tables() -> list[list[dict[str, str]]]:
    rng = random.Random(18)
    rows = [(label, unit) for label, unit, source in LABELS if source in ("hand", "body")]
    rng.shuffle(rows)
    tables = []
    for i in range(0, len(rows), TABLE):
        table = []
        for label, unit in rows[i : i + TABLE]:
            row = {"指标": label, "数值": _value(unit, rng), "单位": unit}
            if rng.random() < 0.4 and unit_class(unit) not in ("rate", None):
                row["上年数值"] = _value(unit, rng)
            table.append(row)
        tables.append(table)
    return tables


@pytest.mark.slow
def test_every_label_in_a_draft_reads_without_mechanical_defects(sample_settings):
    tables = _tables()
    assert sum(len(t) for t in tables) >= 130
    defects = []
    for n, table in enumerate(tables):
        org, post = BODIES[n % len(BODIES)]
        rows = rows_from_records(table)
        draft = draft_report(
            DraftRequest(genre="述法报告", rows=rows, org=org, year=2026, post=post), sample_settings
        )
        texts = [t for _w, t in iter_texts(draft)]
        found = lint.text_lints(texts, [r.label for r in rows])
        defects += [f"{org}: [{d.lint}] {d.detail} ← {d.text}" for d in found if d.lint in MECHANICAL]
    assert not defects, "\n".join(defects[:30])


def test_the_reports_year_inside_a_sentence_is_the_whole_year():
    from assistant.draft.compose.fill import year_inside

    assert (
        year_inside("以“调解便民”促和谐，2025年，调解各类矛盾纠纷138件。", 2025)
        == "以“调解便民”促和谐，全年调解各类矛盾纠纷138件。"
    )
    assert year_inside("2025年，我局开展普法宣传。", 2025) == "2025年，我局开展普法宣传。"
    assert year_inside("坚持学法，2024年，开展学法12次。", 2025) == "坚持学法，2024年，开展学法12次。"
