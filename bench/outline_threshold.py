"""Measure the heading→section threshold of outlines on real headings (prints figures, asserts nothing).

Positives: sample 001's seven duty headings against the 述法报告 sub-points they are written for.
Negatives: every heading of the 31 provincial 2026 政府工作报告 (../shared), best score over the
述法 sections. Also: the cosine of the samples' other headings (000, 003), which must map by
meaning. Usage: ``python bench/outline_threshold.py [--shared PATH]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from assistant.draft.outline.build import MATCH_THRESHOLD, _nodes
    from assistant.draft.outline.genres import get_genre
    from assistant.draft.outline.learned import plain_heading
    from assistant.embed.embedder import load_embedder
    from assistant.ingest.pipeline import parse_file
    from assistant.settings import load_settings

    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    embedder = load_embedder(load_settings())
    nodes = _nodes(get_genre("述法报告"))
    titles = [(sub or sec).title.replace("{year}", "") for sec, sub in nodes]
    node_vecs = embedder.encode_documents([plain_heading(t) for t in titles])

    def best(heads: list[str]) -> np.ndarray:
        vecs = embedder.encode_documents([plain_heading(h) for h in heads])
        return (vecs @ node_vecs.T).max(axis=1)

    samples = {p.name[:3]: parse_file(p)[0] for p in sorted((ROOT / "corpus").glob("00*.txt"))}
    pos = [h.text for h in samples["001"].headings if h.level == 2][:7]
    others = [h.text for k in ("000", "003") for h in samples[k].headings]
    gwr = parse_file(Path(args.shared) / "corpora" / "provincial-gwr-2026" / "all_provinces_2026.jsonl")
    neg = [h.text for d in gwr for h in d.headings]
    p, o, n = best(pos), best(others), best(neg)
    q = lambda a: " ".join(f"{x:.3f}" for x in np.quantile(a, [0, 0.5, 0.9, 0.95, 0.99, 1]))  # noqa: E731
    print(f"quantiles 0/50/90/95/99/100 of the best cosine; threshold in use {MATCH_THRESHOLD}")
    print(f"positives (001 duty headings, n={len(p)}): {q(p)}")
    print(
        f"samples 000+003 headings (n={len(o)}):    {q(o)}   above threshold {int((o >= MATCH_THRESHOLD).sum())}"
    )
    print(
        f"negatives (provincial GWR, n={len(n)}):    {q(n)}   above threshold {int((n >= MATCH_THRESHOLD).sum())}"
    )
    print(f"margin: min positive − 99th pct negative = {p.min() - np.quantile(n, 0.99):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
