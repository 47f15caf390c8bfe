"""Content that fits the body (issue 18): the drafting matrix measured for the lint ``fit``.

Drafts every body × genre of ``tests/matrix_cases.py`` (``--quick``: 8 bodies) without exporting and
prints, per draft and in total: the ``fit`` findings (a sentence of a lower level, another department's
speciality or a campaign outside the body's business), the reused sentences ``adapt`` dropped because
of a ``scope:`` rule of ``bodies.yaml``, the prose sentences left, the 【待补充：…】 markers, the sections left
with a marker only and the sections left with nothing (a defect). Run it before and after a change of the scope entries to compare.

Usage: python bench/bench_fit.py [--index index] [--quick] [--seed 18] [--verbose]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from matrix_cases import GENRES, bodies, writes  # noqa: E402

from assistant.draft import lint  # noqa: E402
from assistant.draft.report import DraftRequest, draft_report  # noqa: E402
from assistant.draft.tables.metrics import rows_from_records  # noqa: E402
from assistant.draft.voice.adapt import STATS  # noqa: E402
from assistant.lang.bodies import detect_body  # noqa: E402
from assistant.lang.markers import MARKER_RE  # noqa: E402
from assistant.settings import load_settings  # noqa: E402

YEAR = 2024


def measure(body, genre: str, settings) -> dict:
    rows = rows_from_records(body.rows, allow_blank=True)
    request = DraftRequest(genre=genre, rows=rows, org=body.org, year=YEAR, post=body.post)
    STATS.clear()
    draft = draft_report(request, settings)
    texts = [p.text for sd in draft.sections for p in sd.paragraphs]
    found = lint.fit([draft.opening, *texts, draft.closing], detect_body(body.org), [r.label for r in rows])
    prose = [s for t in texts for s in lint.sentences(MARKER_RE.sub("", t)) if len(s.strip("。；，")) > 4]
    bare = [
        sd
        for sd in draft.sections
        if not any(MARKER_RE.sub("", p.text).strip("。；， ") for p in sd.paragraphs)
    ]
    empty = sum(not any("【待补充" in p.text for p in sd.paragraphs) for sd in bare)
    return {
        "id": f"{body.org}·{genre}",
        "fit": found,
        "dropped_scope": STATS["dropped_scope"],
        "cut_scope": STATS["cut_scope"],
        "dropped": STATS["dropped"],
        "sentences": len(prose),
        "markers": sum(t.count("【待补充") for t in texts),
        "marker_only": len(bare) - empty,
        "empty_sections": empty,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    settings = load_settings(index_dir=args.index)
    results = [
        measure(b, g, settings)
        for b in bodies(seed=args.seed, quick=args.quick)
        for g in GENRES
        if writes(b, g)
    ]
    words: Counter[str] = Counter()
    for r in results:
        print(
            f"{r['id']} | fit {len(r['fit'])} | scope-dropped {r['dropped_scope']} of {r['dropped']} dropped | "
            f"{r['sentences']} sentences | {r['markers']} markers | "
            f"{r['marker_only']} marker-only sections | {r['empty_sections']} empty sections"
        )
        for d in r["fit"]:
            words[d.detail] += 1
            if args.verbose:
                print(f"    [fit] {d.detail} ← {d.text[:80]}")
    n = len(results)
    print("\nfit findings by word:", ", ".join(f"{w} {c}" for w, c in words.most_common()))
    print(
        f"\n{n} drafts: {sum(len(r['fit']) for r in results)} fit findings "
        f"({sum(bool(r['fit']) for r in results)} drafts with one); "
        f"scope drops {sum(r['dropped_scope'] for r in results)} "
        f"({statistics.mean(r['dropped_scope'] for r in results):.2f} per draft); "
        f"sentences kept with a list item cut {sum(r['cut_scope'] for r in results)}; "
        f"prose sentences per draft median {statistics.median(r['sentences'] for r in results)}, "
        f"min {min(r['sentences'] for r in results)}; markers per draft "
        f"{statistics.mean(r['markers'] for r in results):.2f}; "
        f"sections with a marker only {sum(r['marker_only'] for r in results)}, "
        f"empty sections {sum(r['empty_sections'] for r in results)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
