"""Hostile requests to the real web server with two logins (issue 21), run by ``bench_hostile.py --web``.

The real ``assistant serve`` on the sample index, users alice and bob. Per hostile request of the
probe (repeated for 4 s): seconds until the first was refused (or answered), the server's peak
RSS above its RSS just before (sampled from ``/proc`` every 20 ms), and bob's search latency
(p50/p95 of steady ``/search`` calls, from a process of his own) during it, against bob's idle
latency, measured in the 4 s just before the request (the machine's load drifts; the ratio to
the run's first idle window is printed too). The first row is a control: the same windows with a
client that sends nothing, so its ratio is the measurement's own noise on this machine. Targets:
≤ 200 MB, bob's p95 ≤ 1.2× idle. The load
average is printed at the start and the end (the 2 cores are shared). With the heavy-request
workers, only the server process's own growth counts in +RSS; their RSS is printed at the end.
Run the same bench against another checkout's code with ``PYTHONPATH=/that/checkout``.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import json
import os
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from ui_server import build_index, running_server  # noqa: E402

USERS = {"alice": "alice-pw-1", "bob": "bob-pw-2"}
TARGET_MB = 200.0
TARGET_P95 = 1.2
#: Rounds of (4 s idle, 4 s hostile) per case, pooled: one pair of 4 s windows moved bob's p95 by ±25 %
#: with nothing sent (the control read ×0.75), more than the effect measured.
ROUNDS = int(os.environ.get("HOSTILE_ROUNDS", "3"))
# The hostile client's CPU priority (its threads only; bob and the server keep theirs). On one machine
# its own HTTP work competes with the server for the 2 cores; HOSTILE_CLIENT_NICE=19 approximates a
# client on another machine. Default 0: as measured before.
CLIENT_NICE = int(os.environ.get("HOSTILE_CLIENT_NICE", "0"))
#: Only the cases whose label holds one of these comma-separated words (the control always runs).
ONLY = [w for w in os.environ.get("HOSTILE_CASES", "").split(",") if w]


#: One TLS context for every client of the bench (plain HTTP here, but httpx builds a context, loading the
#: CA bundle, for each client it makes unless given one: ~10 ms of the hostile client's CPU a request, on
#: the server's 2 cores).
TLS = ssl.create_default_context()


def call(http: httpx.Client, api: str, data: list[Any]) -> tuple[bool, str]:
    """One named endpoint through gradio's REST route: (completed, data or error text)."""
    r = http.post(f"gradio_api/call/{api}", json={"data": data})
    if r.status_code != 200:
        return False, r.text
    event = r.json()["event_id"]
    kind = ""
    with http.stream("GET", f"gradio_api/call/{api}/{event}") as stream:
        for line in stream.iter_lines():
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:") and kind in ("complete", "error"):
                return kind == "complete", line[5:].strip()
    return False, ""


@contextlib.contextmanager
def login(url: str, user: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, trust_env=False, timeout=300, verify=TLS) as http:
        http.post("login", data={"username": user, "password": USERS[user]}).raise_for_status()
        yield http


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


#: Bob searches at most this often (a busy user's pace, under the server's per-login request rate):
#: back to back he was a flood himself, and the gate's rate limit refused part of his searches.
BOB_PER_S = 8.0


def searches(url: str, stop: Path, minimum: int = 10) -> list[float]:
    """Bob's steady searches (one at a time, at most ``BOB_PER_S`` a second) until the file ``stop``
    exists and ``minimum`` were made; a refused search stops the run (it would not be timed)."""
    out: list[float] = []
    with login(url, "bob") as http:
        while not stop.exists() or len(out) < minimum:
            t = time.perf_counter()
            ok, text = call(http, "search", ["聘请法律顾问 合法性审查", 5, None, None, None, None])
            if not ok:
                raise SystemExit(f"bob's search refused: {text[:200]}")
            took = time.perf_counter() - t
            out.append(took)
            time.sleep(max(0.0, 1.0 / BOB_PER_S - took))
    return out


@contextlib.contextmanager
def bob(url: str, folder: Path) -> Iterator[Callable[[], list[float]]]:
    """Bob's searches in a process of their own (the hostile client's work never slows his timing)."""
    stop = Path(tempfile.mkdtemp(dir=folder)) / "stop"
    proc = subprocess.Popen(
        [sys.executable, __file__, "--bob", url, str(stop)], stdout=subprocess.PIPE, text=True
    )

    def result() -> list[float]:
        stop.touch()
        out, _ = proc.communicate(timeout=600)
        return json.loads(out.strip().splitlines()[-1])

    try:
        time.sleep(1.5)  # logged in and searching
        yield result
    finally:
        stop.touch()
        if proc.poll() is None:
            proc.kill()


def workers(pid: int) -> list[int]:
    """The server's heavy-request workers (assistant/ui/workers.py): its ``spawn`` children."""
    out = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError, IndexError, ValueError):
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                if b"spawn_main" in (entry / "cmdline").read_bytes():
                    out.append(int(entry.name))
    return out


def p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def measure(url: str, pid: int, action: Callable[[], str], folder: Path, hold: float = 4.0) -> dict[str, Any]:
    """Run ``action`` (again and again for ``hold`` seconds) while bob searches and RSS is sampled."""
    stop, start_mb = threading.Event(), rss_mb(pid)
    peak = [start_mb]

    def sample() -> None:
        while not stop.is_set():
            peak.append(rss_mb(pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out: dict[str, Any] = {}

    def hostile() -> None:  # in a thread of its own: its priority is the hostile client's alone
        if CLIENT_NICE:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), CLIENT_NICE)
        t = time.perf_counter()
        out["outcome"] = action()
        out["s"] = time.perf_counter() - t
        while time.perf_counter() - t < hold:
            action()

    with bob(url, folder) as results:
        client = threading.Thread(target=hostile)
        client.start()
        client.join()
        lat = results()
    outcome, seconds = out["outcome"], out["s"]
    stop.set()
    sampler.join()
    return {"s": seconds, "peak_mb": max(peak), "start_mb": start_mb, "p50": statistics.median(lat), "p95": p(lat, 0.95),
            "n": len(lat), "outcome": outcome, "lat": lat}  # fmt: skip


def cases(url: str, folder: Path) -> list[tuple[str, Callable[[], str]]]:
    def ask(chars: int) -> Callable[[], str]:
        def run() -> str:
            with login(url, "alice") as http:
                ok, text = call(
                    http, "ask", ["帮我写一段普法宣传的内容，今年开展23场，" + "法" * chars, None, None, None]
                )
            return ("answered" if ok else "refused") + f": {text[:70]}"

        return run

    def parallel_asks() -> str:
        with cf.ThreadPoolExecutor(4) as pool:
            out = list(pool.map(lambda _: ask(60_000)(), range(4)))
        return f"{sum(o.startswith('refused') for o in out)}/4 refused: {out[0][9:70]}"

    def big_table() -> str:
        table = "指标,数值,单位\n" + "普法宣传,23,场\n" * 5000
        with login(url, "alice") as http:
            ok, text = call(http, "draft", ["述法报告", "青山县司法局", 2024, None, table])
        return ("answered" if ok else "refused") + f": {text[:70]}"

    def login_flood() -> str:
        def attempt(i: int) -> int:
            c = clients.get(threading.get_ident())
            if c is None:  # one client a thread (building one costs the client CPU the server would lack)
                c = clients[threading.get_ident()] = httpx.Client(
                    base_url=url, trust_env=False, timeout=60, verify=TLS
                )
            return c.post("login", data={"username": "alice", "password": f"wrong{i}"}).status_code

        clients: dict[int, httpx.Client] = {}

        with cf.ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(attempt, range(200)))
        clients.clear()
        with httpx.Client(base_url=url, trust_env=False, timeout=60, verify=TLS) as c:
            right = c.post("login", data={"username": "alice", "password": USERS["alice"]}).status_code
        return f"200 wrong: {codes.count(400)}×400, {codes.count(429)}×429; right password then: {right}"

    def cross_user_file() -> str:
        with login(url, "alice") as alice:
            r = alice.post("gradio_api/upload", files={"files": ("表.csv", "指标,数值\n普法,1\n".encode())})
            if r.status_code != 200:  # past alice's request rate: refused (429), nothing to fetch
                return f"upload refused {r.status_code}: {r.json().get('detail', '')[:30]}"
            (path,) = r.json()
            mine = alice.get(f"gradio_api/file={path}").status_code
        with httpx.Client(base_url=url, trust_env=False, timeout=60, verify=TLS) as carol:
            carol.post("login", data={"username": "carol", "password": "carol-pw-3"})
            theirs = carol.get(f"gradio_api/file={path}")
        return f"uploader {mine}, other login {theirs.status_code}: {json.loads(theirs.text).get('detail', '')[:30]}"

    def control() -> str:  # the same measurement with a client that sends nothing: the ratio's noise floor
        time.sleep(0.05)
        return "nothing sent"

    return [
        ("control: no request (the ratio's noise floor)", control),
        ("/ask, 1,900-character message (under the limit)", ask(1_870)),
        ("/ask, 100,000-character message", ask(100_000)),
        ("/ask, 4 parallel 60,000-character messages", parallel_asks),
        ("/draft, CSV table of 5,000 rows", big_table),
        ("another login fetches an uploaded file by its URL", cross_user_file),
        ("200 wrong passwords in parallel, then the right one", login_flood),  # last: locks the address
    ]


def main() -> bool:
    print(
        f"load average at start: {Path('/proc/loadavg').read_text().strip()}; hostile client nice {CLIENT_NICE}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        index, corpus = build_index(root, with_xss=False)
        users = root / "users.txt"
        users.write_text("alice:alice-pw-1\nbob:bob-pw-2\ncarol:carol-pw-3\n", encoding="utf-8")
        # HOSTILE_REQUESTS_PER_S: the server's per-login request rate (to measure it off: a large number)
        rate = os.environ.get("HOSTILE_REQUESTS_PER_S")
        env = {"ASSISTANT_MAX_REQUESTS_PER_S": rate} if rate else None
        with running_server(index, corpus, auth=str(users), workdir=root, env=env) as server:
            pid = server.process.pid
            with login(server.url, "bob") as http:  # warm: index and embedder loaded
                call(http, "search", ["法治", 1, None, None, None, None])
            with bob(server.url, root) as results:
                time.sleep(8.0)
                idle = results()
            idle_mb = rss_mb(pid)
            idle_p95 = p(idle, 0.95)
            print(f"server idle: {idle_mb:.0f} MB; bob's search idle p50 {statistics.median(idle) * 1000:.0f} ms, "
                  f"p95 {idle_p95 * 1000:.0f} ms ({len(idle)} searches)")  # fmt: skip
            print(f"{'hostile request':<52} {'done in':>8} {'+RSS':>7} {'bob p50/p95 during':>20} "
                  f"{'idle just before':>17}  outcome")  # fmt: skip
            print("(+RSS: the server's peak during the request, repeated for 4 s, above its RSS just before;\n"
                  f" ×a/×b: bob's p95 during it over his p95 in the 4 s idle just before it / over the run's idle;\n"
                  f" {ROUNDS} rounds of idle then hostile, each side's searches pooled)")  # fmt: skip
            ok = True
            for label, action in cases(server.url, root):
                if ONLY and not label.startswith("control") and not any(w in label for w in ONLY):
                    continue
                before, during, rows = [], [], []
                for _ in range(ROUNDS):
                    with bob(server.url, root) as results:  # idle right before: the machine's load drifts
                        time.sleep(4.0)
                        before += results()
                    rows.append(measure(server.url, pid, action, root))
                    during += rows[-1]["lat"]
                row = rows[0]
                extra = max(r["peak_mb"] - r["start_mb"] for r in rows)  # this request's own growth
                ratio, ratio_run = p(during, 0.95) / p(before, 0.95), p(during, 0.95) / idle_p95
                ok &= extra <= TARGET_MB and ratio <= TARGET_P95
                print(f"{label:<52} {row['s']:7.2f}s {extra:5.0f}MB {statistics.median(during) * 1000:7.0f}/"
                      f"{p(during, 0.95) * 1000:.0f} ms {p(before, 0.95) * 1000:9.0f} ms  (×{ratio:.2f}/×{ratio_run:.2f})"
                      f"  {row['outcome']}")  # fmt: skip
            print(f"server RSS at the end: {rss_mb(pid):.0f} MB (idle {idle_mb:.0f} MB); heavy workers: "
                  f"{', '.join(f'{rss_mb(w):.0f} MB' for w in workers(pid)) or 'none'}")  # fmt: skip
        print(f"load average at the end: {Path('/proc/loadavg').read_text().strip()}")
        print(f"targets (≤ {TARGET_MB:g} MB a request, bob's p95 ≤ {TARGET_P95}× idle): "
              f"{'met' if ok else 'MISSED'}")  # fmt: skip
    return ok


if __name__ == "__main__" and sys.argv[1:2] == ["--bob"]:
    print(json.dumps(searches(sys.argv[2], Path(sys.argv[3]))))
