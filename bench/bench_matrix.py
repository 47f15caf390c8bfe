"""The drafting matrix (issue 18): every body kind × level × the three genres × random tables, linted.

60 generated bodies (``tests/matrix_cases.py``: every kind × level of ``bodies.yaml``, names from
pools of place stems) × 述法报告/法治政府建设年度报告/工作总结, each with a table of 6–10 rows drawn
from 42 common labels (上年数值 on about half). Every draft is exported through ``save_draft`` (a
refusal is a defect) and linted by ``assistant/draft/lint.py``; each body also asks one chat
question with two or three of its figures, and the answer is linted the same way. Prints defects
per draft, per answer and per lint, plus totals (targets: 0 refusals, ≤ 0.1 defects per draft or
answer).

Usage: python bench/bench_matrix.py [--index index] [--corpus DIR ...] [--quick] [--seed 18] [--json OUT]
Without an existing ``--index`` the five samples of ``corpus/`` are indexed into a temporary folder
(``--corpus`` adds folders, e.g. the provincial reports).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from matrix_cases import GENRES, Body, bodies, chat_message, writes  # noqa: E402

from assistant.draft import lint  # noqa: E402
from assistant.draft.chat import ask  # noqa: E402
from assistant.draft.report import DraftRequest, draft_report  # noqa: E402
from assistant.draft.tables.metrics import rows_from_records  # noqa: E402
from assistant.export.save import save_draft  # noqa: E402
from assistant.lang.bodies import detect_body  # noqa: E402
from assistant.lang.markers import MARKER_RE  # noqa: E402
from assistant.settings import load_settings  # noqa: E402

YEAR = 2024
SENTENCE_END_RE = re.compile(r"[^。！？；]+[。！？；]?")


def prose_sentences(paragraph: str) -> int:
    """Sentences of a paragraph that say something besides figures: no digit, 8+ Han characters
    outside the markers (a genre sentence ending in 【待补充：…】 counts; 网上可办率达98.7%。 does not)."""
    out = 0
    for m in SENTENCE_END_RE.finditer(paragraph):
        text = MARKER_RE.sub("", m.group(0))
        if not re.search(r"\d", text) and len(re.findall(r"[\u4e00-\u9fff]", text)) >= 8:
            out += 1
    return out


def _settings(index: Path, corpora: list[Path]):
    if index.exists() and not corpora:
        return load_settings(index_dir=index)
    from assistant.index.indexer import ingest

    tmp = Path(tempfile.mkdtemp(prefix="matrix-index-")) / "index"
    settings = load_settings(index_dir=tmp)
    t = time.perf_counter()
    report = ingest([ROOT / "corpus", *corpora], settings, progress=False)
    print(f"indexed {report.documents} documents in {time.perf_counter() - t:.1f} s → {tmp}")
    return settings


def run_draft(body: Body, genre: str, settings, out_dir: Path) -> dict:
    """Draft, export (refusal = defect) and lint one body's report in one genre."""
    rows = rows_from_records(body.rows, allow_blank=True)  # a figure still to come is a marker
    request = DraftRequest(genre=genre, rows=rows, org=body.org, year=YEAR, post=body.post)
    t = time.perf_counter()
    defects: list[lint.Defect] = []
    draft = None
    try:
        draft = draft_report(request, settings)
        save_draft(draft, request, out_dir / "draft.md")
    except Exception as exc:  # noqa: BLE001 - a refusal or a crash: the user gets no draft
        reason = str(exc).splitlines()
        defects.append(lint.Defect("refused", " / ".join(reason[1:4]) or reason[0][:200], type(exc).__name__))
    seconds = time.perf_counter() - t
    if draft is not None:
        defects += lint.draft_lints(draft, rows, body.post)
    return {
        "id": f"{body.org}·{genre}",
        "org": body.org,
        "kind": body.kind,
        "level": body.level,
        "genre": genre,
        "seconds": round(seconds, 3),
        "defects": defects,
        "problems": lint.part_text(draft, "problems") if draft else "",
        "performance": lint.performance_paragraphs(draft) if draft else [],
        "fillers": len(lint.filler_sentences(draft)) if draft else 0,
        "own": lint.genre_wording(draft) if draft else [],
        "plans": lint.part_text(draft, "plans") if draft else "",
    }


def run_chat(body: Body, settings, rng: random.Random) -> dict:
    message, picked = chat_message(body, rng)
    answer = ask(message, settings, org=body.org, year=YEAR)
    labels = [r["指标"] for r in picked]
    defects = lint.text_lints([answer.answer], labels)
    defects += lint.filler([answer.answer])
    defects += [lint.Defect("voice", f.sentence, f"{f.word}：{f.reason}") for f in answer.voice]
    defects += lint.fit([answer.answer], detect_body(body.org), labels)
    defects += [
        lint.Defect("refused", f.text, f.reason) for f in answer.flags if not f.reason.startswith("口吻：")
    ]
    return {
        "id": f"{body.org}·问答",
        "org": body.org,
        "kind": body.kind,
        "message": message,
        "defects": defects,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="more folders to index")
    parser.add_argument("--quick", action="store_true", help="8 bodies × 3 genres")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--json", type=Path, help="write the full results as JSON here")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every defect")
    args = parser.parse_args()
    settings = _settings(args.index, args.corpus)
    cases = bodies(seed=args.seed, quick=args.quick)
    mismatched = [b for b in cases if (p := detect_body(b.org)) and (p.kind, p.level) != (b.kind, b.level)]
    for b in mismatched:
        p = detect_body(b.org)
        print(f"note: {b.org} is read as {p.kind}/{p.level}, generated as {b.kind}/{b.level}")
    skipped = [f"{b.org}·{g}" for b in cases for g in GENRES if not writes(b, g)]
    if skipped:  # refused by design with a message naming the right genre: not a draft to lint
        print(f"not written by these bodies (genres.yaml not_for): {len(skipped)}: {'、'.join(skipped)}")
    with tempfile.TemporaryDirectory(prefix="matrix-out-") as out:
        drafts = [run_draft(b, g, settings, Path(out)) for b in cases for g in GENRES if writes(b, g)]
    for key in ("problems", "plans"):
        for genre in GENRES:
            parts = {d["id"]: (d["kind"], d[key]) for d in drafts if d["genre"] == genre and d[key]}
            found = lint.same_parts(parts)
            for d in drafts:
                d["defects"] += [
                    lint.Defect("same_parts", x.text, f"{'问题' if key == 'problems' else '打算'}{x.detail}")
                    for x in found.get(d["id"], [])
                ]
    performance = {d["id"]: (d["kind"], d["performance"]) for d in drafts}
    shared = lint.shared_sentences(performance, exempt={d["id"]: d["own"] for d in drafts})
    n_shared_all = sum(len(v) for v in lint.shared_sentences(performance, general_only=False).values())
    for d in drafts:
        d["defects"] += shared.get(d["id"], [])
    rng = random.Random(args.seed)
    answers = [run_chat(b, settings, rng) for b in cases]
    per_lint: Counter[str] = Counter()
    print("\ndraft | kind/level | defects | by lint")
    for d in drafts + answers:
        counts = Counter(x.lint for x in d["defects"])
        per_lint.update({f"{'answer' if 'message' in d else 'draft'}.{k}": v for k, v in counts.items()})
        tag = d.get("genre", "问答")
        print(
            f"{d['org']} | {tag} | {d['kind']}/{d.get('level', '')} | {len(d['defects'])} | "
            + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        )
        if args.verbose:
            for x in d["defects"]:
                print(f"    [{x.lint}] {x.detail} ← {x.text[:90]}")
    n_d, n_a = len(drafts), len(answers)
    d_def = sum(len(d["defects"]) for d in drafts)
    a_def = sum(len(a["defects"]) for a in answers)
    refused = sum(any(x.lint == "refused" for x in d["defects"]) for d in drafts)
    print("\nper lint (drafts | answers):")
    for name in lint.LINTS:
        print(f"  {name:16s} {per_lint.get('draft.' + name, 0):5d} | {per_lint.get('answer.' + name, 0):5d}")
    clean = sum(not d["defects"] for d in drafts)
    print(
        f"\n{n_d} drafts ({len(cases)} bodies × {len(GENRES)} genres, {len(skipped)} not written by the body): "
        f"{refused} refused, {d_def} defects "
        f"({d_def / n_d:.2f} per draft), {clean} without any defect"
    )
    print(f"{n_a} chat answers: {a_def} defects ({a_def / max(n_a, 1):.2f} per answer)")
    fillers = sum(d["fillers"] for d in drafts)
    bare = sum(
        1 for d in drafts for p in d["performance"] if len(re.sub(r"【[^】]*】|[^\u4e00-\u9fff]", "", p)) < 8
    )
    print(f"performance paragraphs with no sentence of their own (a marker at most): {bare}")
    paras = [p for d in drafts for p in d["performance"]]
    thin = sum(1 for p in paras if prose_sentences(p) < 2)
    markers = sum(len(MARKER_RE.findall(p)) for p in paras)
    print(
        f"performance paragraphs with fewer than 2 prose sentences: {thin} of {len(paras)}; "
        f"markers in the performance parts: {markers} ({markers / max(n_d, 1):.2f} per draft)"
    )
    n_shared = sum(1 for d in drafts for x in d["defects"] if x.lint == "shared")
    print(
        f"general (filler) sentences in the performance sections: {fillers} ({fillers / n_d:.2f} per draft); "
        f"sentences shared word for word with a draft of another kind: {n_shared_all} "
        f"({n_shared_all / n_d:.2f} per draft), {n_shared} of them general (filler)"
    )
    secs = sorted(d["seconds"] for d in drafts)
    print(f"draft + export: median {secs[len(secs) // 2]:.2f} s, max {secs[-1]:.2f} s")
    if args.json:
        data = {
            "seed": args.seed,
            "bodies": len(cases),
            "drafts": [
                {k: v for k, v in d.items() if k not in ("problems", "plans", "performance", "own")}
                | {"defects": [x.to_public() for x in d["defects"]]}
                for d in drafts
            ],
            "answers": [a | {"defects": [x.to_public() for x in a["defects"]]} for a in answers],
            "per_lint": dict(per_lint),
            "totals": {
                "drafts": n_d,
                "refused": refused,
                "draft_defects": d_def,
                "answers": n_a,
                "answer_defects": a_def,
            },
        }
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
