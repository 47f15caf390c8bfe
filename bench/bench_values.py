"""Refusals over generated metrics tables: draft each one and export it (.md and .docx).

Drafts generated tables (tests/table_gen.py: every unit class, magnitudes 0..10^9, decimals,
approximations, zeros, with and without 上年数值, labels with digits) for five bodies and the three
genres over the five sample reports, exports each draft as .md and .docx, and counts the outcomes:
exported, refused by the number audit (by reason), refused by the voice audit, a derived figure that
does not recompute, or a table the reader refused. Runs against whatever ``assistant`` is first on
the path, so the same tables measure an older checkout too:

    PYTHONPATH=/path/to/checkout:tests python bench/bench_values.py --n 300
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from table_gen import tables  # noqa: E402


def draft_one(table, settings_, out: Path) -> tuple[str, list[str]]:
    """Outcome of drafting and exporting one generated table: (kind, reasons)."""
    from assistant.draft.report import AuditError, DraftRequest, draft_report
    from assistant.draft.tables.metrics import MetricsError, rows_from_records
    from assistant.export.save import save_draft

    org, genre, records = table
    try:
        rows = rows_from_records(records)
    except MetricsError as err:
        return "table refused", [str(e) for e in err.errors]
    request = DraftRequest(genre=genre, rows=rows, org=org, year=2024)
    draft = draft_report(request, settings_)
    try:
        save_draft(draft, request, out / "d.md")
        save_draft(draft, request, out / "d.docx")
    except AuditError as err:
        reasons = [f.reason for f in err.flags]
        kind = "refused: voice" if all(r.startswith("口吻") for r in reasons) else "refused: numbers"
        return kind, reasons
    return "exported", []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--index", type=Path, default=None, help="an index of the five samples")
    args = parser.parse_args()
    from assistant.settings import load_settings

    tmp = Path(tempfile.mkdtemp(prefix="bench-values-"))
    if args.index is None:
        from assistant.index.indexer import ingest

        settings_ = load_settings(index_dir=tmp / "index")
        ingest([ROOT / "corpus"], settings_, progress=False)
    else:
        settings_ = load_settings(index_dir=args.index)
    outcomes: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    examples: dict[str, str] = {}

    @settings(
        max_examples=args.n,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(tables())
    def run(table) -> None:
        kind, why = draft_one(table, settings_, tmp)
        outcomes[kind] += 1
        for r in why:
            key = re.sub(r"“[^”]*”", "“…”", re.sub(r"（应为.*", "", r))[:60]
            reasons[key] += 1
            examples.setdefault(key, f"{r} ← {table}")

    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    total = sum(outcomes.values())
    print(f"{total} generated tables in {elapsed:.0f} s ({elapsed / max(total, 1):.2f} s each)")
    for kind, n in outcomes.most_common():
        print(f"  {kind:<18} {n:>4}  ({100 * n / total:.1f} %)")
    print("reasons (flags, by kind):")
    for key, n in reasons.most_common(15):
        print(f"  {n:>4}  {key}\n        e.g. {examples[key][:300]}")


if __name__ == "__main__":
    main()
