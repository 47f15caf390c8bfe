"""Load test of the web app's API on loopback: concurrent clients mixing /search and /ask.

Starts the real server (``assistant serve``) on a free 127.0.0.1 port over an existing index, then
runs ``--clients`` threads, each with its own gradio_client, until ``--requests`` calls are done
or ``--timeout`` seconds pass. Prints throughput, p50/p95 latency and failures; exits 1 when any
request failed or the run did not finish.

    python bench/bench_load.py --index index
    python bench/bench_load.py --url http://127.0.0.1:7860/ --clients 20 --requests 200
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

SEARCHES = [
    "聘请法律顾问",
    "普法宣传",
    "行政复议",
    "存在的问题和不足",
    "下一步工作打算",
    "重大行政决策合法性审查",
    "领导干部学法",
    "法治政府建设",
    "行政执法",
    "矛盾纠纷化解",
]
ASKS = [
    "帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次",
    "写一段法律顾问工作的情况，聘请法律顾问2名，审查合同15份",
    "帮我写领导干部学法的内容，组织集中学法6次",
]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def run_load(url: str, clients: int, requests: int, timeout: float, ask_every: int) -> dict[str, Any]:
    """Hammer ``url`` and collect latencies.

    Args:
        url: the app's base URL.
        clients: concurrent threads, one gradio_client each.
        requests: total calls to make.
        timeout: stop starting new calls after this many seconds.
        ask_every: every n-th call is an /ask (the rest are /search).

    Returns:
        A summary dict (requests, failures, seconds, throughput, p50, p95, by endpoint).
    """
    from gradio_client import Client

    lock = threading.Lock()
    counter = {"next": 0}
    results: list[tuple[str, float, bool, str]] = []
    deadline = time.monotonic() + timeout

    def worker() -> None:
        try:
            client = Client(url, verbose=False)
        except Exception as err:  # noqa: BLE001 - counted as a failure
            with lock:
                results.append(("connect", 0.0, False, repr(err)))
            return
        while time.monotonic() < deadline:
            with lock:
                i = counter["next"]
                if i >= requests:
                    return
                counter["next"] += 1
            started = time.perf_counter()
            try:
                if i % ask_every == 0:
                    kind = "ask"
                    out = client.predict(ASKS[i % len(ASKS)], api_name="/ask")
                    ok = bool(out.get("answer"))
                else:
                    kind = "search"
                    out = client.predict(SEARCHES[i % len(SEARCHES)], 5, api_name="/search")
                    ok = isinstance(out, list) and len(out) > 0
                error = "" if ok else "empty result"
            except Exception as err:  # noqa: BLE001
                ok, error = False, repr(err)
            with lock:
                results.append((kind, time.perf_counter() - started, ok, error))

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, name=f"client-{n}") for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic() + 60))
    seconds = time.perf_counter() - started
    latencies = [r[1] for r in results if r[2]]
    failures = [r for r in results if not r[2]]
    summary: dict[str, Any] = {
        "clients": clients,
        "requests": len(results),
        "planned": requests,
        "failures": len(failures),
        "seconds": round(seconds, 2),
        "throughput_rps": round(len(results) / seconds, 2) if seconds else 0.0,
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
    }
    for kind in ("search", "ask"):
        lat = [r[1] for r in results if r[0] == kind and r[2]]
        if lat:
            summary[kind] = {
                "n": len(lat),
                "p50_ms": round(statistics.median(lat) * 1000, 1),
                "p95_ms": round(percentile(lat, 95) * 1000, 1),
            }
    if failures:
        summary["first_errors"] = [f"{k}: {e}" for k, _, _, e in failures[:3]]
    return summary


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, start (or reuse) a server, run the load, print the figures."""
    parser = argparse.ArgumentParser(description="Load test of the web app's /search and /ask endpoints.")
    parser.add_argument("--index", type=Path, default=ROOT / "index", help="index folder (default index/)")
    parser.add_argument("--url", help="use an already running app instead of starting one")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds for the whole run")
    parser.add_argument("--ask-every", type=int, default=4, help="every n-th request is an /ask")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON only")
    args = parser.parse_args(argv)

    server = None
    url = args.url
    if not url:
        if not (args.index / "manifest.json").exists():
            print(
                f"没有找到索引 {args.index}；请先运行 `make index`（或 assistant ingest corpus）。",
                file=sys.stderr,
            )
            return 2
        from ui_server import start_server

        work = Path(tempfile.mkdtemp(prefix="assistant-bench-"))
        server = start_server(args.index.resolve(), work / "corpus", workdir=work)
        url = server.url
        # one warm-up call so model loading is not counted as latency
        from gradio_client import Client

        Client(url, verbose=False).predict("法治", 1, api_name="/search")
    try:
        summary = run_load(url, args.clients, args.requests, args.timeout, max(1, args.ask_every))
    finally:
        if server is not None:
            server.stop()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(
            f"clients {summary['clients']}  requests {summary['requests']}/{summary['planned']}  "
            f"failures {summary['failures']}  time {summary['seconds']} s"
        )
        print(
            f"throughput {summary['throughput_rps']} req/s  p50 {summary['p50_ms']} ms  p95 {summary['p95_ms']} ms"
        )
        for kind in ("search", "ask"):
            if kind in summary:
                s = summary[kind]
                print(f"  /{kind}: n={s['n']}  p50 {s['p50_ms']} ms  p95 {s['p95_ms']} ms")
        for line in summary.get("first_errors", []):
            print(f"  error: {line}")
    complete = summary["requests"] >= summary["planned"]
    return 0 if summary["failures"] == 0 and complete else 1


if __name__ == "__main__":
    sys.exit(main())
