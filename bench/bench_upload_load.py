"""Search latency on the real server while an uploaded report is indexed: child process vs in-process.

For each way of indexing an upload — ``child`` (the default: the whole ingest in a child process
at the lowest CPU priority on one core, ``ingest_isolated = true``) and ``inprocess`` (the old
way: embedding in the server process, ``ASSISTANT_INGEST_ISOLATED=0``) — a fresh copy of one
small index of ``corpus/`` is served by the real ``assistant serve`` on 127.0.0.1, and
``--clients`` HTTP clients send /search (gradio's documented REST route, ``/gradio_api/call/search``)
at a steady rate (one call every ``--interval`` s each). First ``--baseline`` seconds with no upload, then the reports given by ``--report`` are
uploaded one after another through the corpus tab's own event (the upload route and the queue,
as the page does), the searches going on until the last one is indexed. Prints p50/p95 search
latency of both phases, their ratios (upload ÷ baseline) and the ingest time of each way.

    python bench/bench_upload_load.py
    python bench/bench_upload_load.py --ways child --report corpus/001_*.txt --baseline 10
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_load import SEARCHES, percentile  # noqa: E402

SHARED = Path(os.environ.get("ASSISTANT_SHARED") or ROOT.parent / "shared")
PROVINCIAL = SHARED / "corpora" / "provincial-gwr-2026"
DEFAULT_REPORTS = ["2026_广东省_政府工作报告.csv", "2026_四川省_政府工作报告.csv"]
WAYS = {"child": "1", "inprocess": "0"}  # ASSISTANT_INGEST_ISOLATED


def default_reports() -> list[Path]:
    """Two provincial reports (100–110 passages each) when ../shared has them, else a sample report."""
    found = [PROVINCIAL / name for name in DEFAULT_REPORTS if (PROVINCIAL / name).is_file()]
    return found or sorted((ROOT / "corpus").glob("001_*.txt"))[:1]


def _add_event(config: dict[str, Any]) -> tuple[int, int]:
    """``(fn_index, trigger id)`` of the corpus tab's 加入语料库并索引 click."""
    for n, dep in enumerate(config["dependencies"]):
        if dep.get("api_name") == "on_add":
            return int(dep.get("id", n)), int(dep["targets"][0][0])
    raise RuntimeError("the corpus tab's upload event (on_add) is not in the app's config")


def upload_and_index(url: str, report: Path, timeout: float) -> tuple[float, str]:
    """Upload ``report`` and run the corpus tab's ingest, as the page does; wait until it is done.

    Returns:
        Seconds from the upload to the end of the ingest, and the status message shown.
    """
    import httpx

    api = url + "gradio_api/"
    with httpx.Client(trust_env=False, timeout=timeout) as http:
        fn_index, trigger = _add_event(http.get(url + "config").json())
        started = time.perf_counter()
        with report.open("rb") as fh:
            paths = http.post(api + "upload", files={"files": (report.name, fh)}).raise_for_status().json()
        session = uuid.uuid4().hex[:12]
        files = [{"path": paths[0], "orig_name": report.name, "meta": {"_type": "gradio.FileData"}}]
        body = {"data": [files], "event_data": None, "fn_index": fn_index, "trigger_id": trigger,
                "session_hash": session}  # fmt: skip
        http.post(api + "queue/join", json=body).raise_for_status()
        deadline = time.monotonic() + timeout
        with http.stream("GET", api + "queue/data", params={"session_hash": session}) as stream:
            for line in stream.iter_lines():
                if line.startswith("data:"):
                    message = json.loads(line[5:])
                    if message.get("msg") == "process_completed":
                        out = message.get("output") or {}
                        if not message.get("success", True) or "error" in out:
                            raise RuntimeError(f"ingest of {report.name} failed: {out.get('error')}")
                        return time.perf_counter() - started, str(out.get("data", [""])[0])
                if time.monotonic() > deadline:
                    break
    raise RuntimeError(f"ingest of {report.name} did not finish within {timeout:.0f} s")


def search_once(http: Any, url: str, query: str) -> bool:
    """One /search through gradio's documented REST route (POST, then read the event stream)."""
    event = (
        http.post(url + "gradio_api/call/search", json={"data": [query, 5, None, None, None, None]})
        .raise_for_status()
        .json()
    )
    with http.stream("GET", url + "gradio_api/call/search/" + event["event_id"]) as stream:
        kind = ""
        for line in stream.iter_lines():
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:") and kind in ("complete", "error"):
                return kind == "complete" and bool(json.loads(line[5:])[0])
    return False


def measure(url: str, reports: list[Path], clients: int, interval: float, baseline: float,
            timeout: float) -> dict[str, Any]:  # fmt: skip
    """Steady searches during ``baseline`` seconds, then during the ingest of ``reports``."""
    import httpx

    phase = {"name": "baseline"}
    stop = threading.Event()
    lock = threading.Lock()
    samples: list[tuple[str, float, bool]] = []

    def client_loop(n: int) -> None:
        i = n
        next_at = time.monotonic()
        with httpx.Client(trust_env=False, timeout=120) as http:
            while not stop.is_set():
                name = phase["name"]
                started = time.perf_counter()
                try:
                    ok = search_once(http, url, SEARCHES[i % len(SEARCHES)])
                except Exception:  # noqa: BLE001 - counted as a failure
                    ok = False
                with lock:
                    samples.append((name, time.perf_counter() - started, ok))
                i += clients
                next_at += interval
                stop.wait(max(0.0, next_at - time.monotonic()))

    threads = [threading.Thread(target=client_loop, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(baseline)
    phase["name"] = "upload"
    ingests = []
    try:
        for report in reports:
            seconds, status = upload_and_index(url, report, timeout)
            ingests.append(
                {"report": report.name, "seconds": round(seconds, 2), "status": status.splitlines()[0]}
            )
    finally:
        phase["name"] = "after"
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    out: dict[str, Any] = {"ingests": ingests}
    for name in ("baseline", "upload"):
        lat = [s for p, s, ok in samples if p == name and ok]
        out[name] = {
            "n": len(lat),
            "failures": sum(1 for p, _, ok in samples if p == name and not ok),
            "p50_ms": round(percentile(lat, 50) * 1000, 1),
            "p95_ms": round(percentile(lat, 95) * 1000, 1),
        }
    for q in ("p50_ms", "p95_ms"):
        out[f"ratio_{q[:3]}"] = (
            round(out["upload"][q] / out["baseline"][q], 2) if out["baseline"][q] else None
        )
    return out


def main(argv: list[str] | None = None) -> int:
    """Build the index once, run each way on a fresh copy of it, print the figures."""
    parser = argparse.ArgumentParser(description="Search latency while an upload is indexed.")
    parser.add_argument("--ways", default="child,inprocess", help="comma-separated: child, inprocess")
    parser.add_argument(
        "--report", type=Path, action="append", help="report(s) to upload (default: two provincial ones)"
    )
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between one client's searches")
    parser.add_argument("--baseline", type=float, default=20.0, help="seconds of searches with no upload")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds one ingest may take")
    parser.add_argument("--json", action="store_true", help="print the results as JSON only")
    args = parser.parse_args(argv)
    ways = [w.strip() for w in args.ways.split(",") if w.strip()]
    unknown = [w for w in ways if w not in WAYS]
    if unknown:
        parser.error(f"unknown way(s): {', '.join(unknown)}")
    reports = [p.resolve() for p in (args.report or default_reports())]

    import httpx
    from ui_server import build_index, start_server

    work = Path(tempfile.mkdtemp(prefix="assistant-bench-upload-"))
    results: dict[str, Any] = {"reports": [p.name for p in reports], "clients": args.clients,
                               "interval_s": args.interval}  # fmt: skip
    try:
        index, corpus = build_index(work / "built", with_xss=False)
        for way in ways:
            root = work / way
            shutil.copytree(index.parent, root)  # the same index and corpus, fresh for each way
            server = start_server(root / "index", root / "corpus", workdir=root,
                                  env={"ASSISTANT_INGEST_ISOLATED": WAYS[way]})  # fmt: skip
            try:
                with httpx.Client(trust_env=False, timeout=120) as http:
                    for query in SEARCHES:  # model loading and first calls are not counted
                        search_once(http, server.url, query)
                results[way] = measure(
                    server.url, reports, args.clients, args.interval, args.baseline, args.timeout
                )
            finally:
                server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return 0
    print(
        f"reports: {', '.join(results['reports'])}; {args.clients} clients, one /search every {args.interval} s each"
    )
    print(f"{'way':<10} {'phase':<9} {'n':>4} {'fail':>4} {'p50 ms':>8} {'p95 ms':>8}")
    for way in ways:
        r = results[way]
        for name in ("baseline", "upload"):
            s = r[name]
            print(f"{way:<10} {name:<9} {s['n']:>4} {s['failures']:>4} {s['p50_ms']:>8} {s['p95_ms']:>8}")
        ingest = sum(i["seconds"] for i in r["ingests"])
        print(f"{way:<10} during/baseline: p50 ×{r['ratio_p50']}  p95 ×{r['ratio_p95']};  ingest {ingest:.1f} s "
              f"({', '.join(str(i['seconds']) for i in r['ingests'])})")  # fmt: skip
    if all(w in results for w in WAYS):
        c, o = results["child"]["upload"], results["inprocess"]["upload"]
        print(
            f"during upload, in-process ÷ child: p50 ×{o['p50_ms'] / c['p50_ms']:.2f}  p95 ×{o['p95_ms'] / c['p95_ms']:.2f}"
        )
    failed = any(results[w][p]["failures"] for w in ways for p in ("baseline", "upload"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
