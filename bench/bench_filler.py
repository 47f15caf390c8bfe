"""Precision and recall of the filler score (assistant/lang/filler.py) on the hand-labelled sample
sentences (tests/data/filler_labels.tsv), over a sweep of thresholds; ``-v`` lists the misjudged
sentences at the shipped threshold.

Usage: python bench/bench_filler.py [-v]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.lang import filler  # noqa: E402

LABELS = ROOT / "tests" / "data" / "filler_labels.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    rows = [
        line.split("\t")
        for line in LABELS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    scored = [(filler.filler_score(text), label, text) for _doc, label, _reason, text in rows]
    n_filler = sum(label == "FILLER" for _s, label, _t in scored)
    print(f"{len(rows)} labelled sentences, {n_filler} FILLER")
    print("threshold | flagged | precision | recall")
    for t in (0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0):
        said = [(s, label) for s, label, _t in scored if s.anchor is None and s.words and s.score >= t]
        tp = sum(label == "FILLER" for _s, label in said)
        mark = "  ← shipped" if t == filler.THRESHOLD else ""
        print(f"{t:9.2f} | {len(said):7d} | {tp / max(len(said), 1):9.3f} | {tp / n_filler:6.3f}{mark}")
    if args.verbose:
        for s, label, text in scored:
            if s.filler != (label == "FILLER"):
                print(f"{label:7s} score {s.score:.2f} anchor {s.anchor} | {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
