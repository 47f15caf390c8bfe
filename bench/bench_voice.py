"""The one term scanner over the whole corpus: what the rewriting keeps, adapts and drops per body,
and the invariant (the voice audit finds nothing in what the rewriting kept).

Corpus: the five samples plus the 31 provincial 政府工作报告 (../shared, or ASSISTANT_SHARED), parsed
with assistant.ingest; bodies: every kind × level of tests/test_voice_invariant.ORGS.

    .venv/bin/python bench/bench_voice.py
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_voice_invariant import ORGS, _sentences  # noqa: E402

from assistant.draft.voice import adapt as voice  # noqa: E402
from assistant.lang.bodies import detect_body  # noqa: E402
from assistant.lang.body_model import bodies  # noqa: E402


def main() -> None:
    shared = Path(os.environ.get("ASSISTANT_SHARED") or ROOT.parent / "shared")
    samples, provincial = _sentences(shared if shared.is_dir() else None)
    sentences = samples + provincial
    print(f"sentences: {len(samples)} samples + {len(provincial)} provincial; bodies: {len(ORGS)}")
    print(
        f"rules: {len(bodies().kinds)} kinds, {len(bodies().scope)} scope rules, {len(bodies().wording)} wording rules"
    )
    total, bad = Counter(), 0
    start = time.perf_counter()
    for org, kind in ORGS:
        body = detect_body(org, kind=kind)
        voice.STATS.clear()
        for s in sentences:
            out = voice.adapt(s, body)
            if out is not None and voice.voice_audit(out, body):
                bad += 1
        st = dict(voice.STATS)
        total.update(st)
        n = len(sentences)
        print(
            f"{org:<28} {body.kind}/{body.level}: as is {st.get('as_is', 0) / n:6.1%}  "
            f"adapted {st.get('adapted', 0) / n:6.1%}  dropped {st.get('dropped', 0) / n:6.1%}"
        )
    secs = time.perf_counter() - start
    calls = len(ORGS) * len(sentences)
    print(f"adapt + audit: {calls} calls in {secs:.1f} s ({secs / calls * 1e6:.0f} µs each)")
    print(
        f"unsettled after {voice.MAX_PASSES} passes: {total.get('dropped_unsettled', 0)}; audit findings in kept text: {bad}"
    )


if __name__ == "__main__":
    main()
