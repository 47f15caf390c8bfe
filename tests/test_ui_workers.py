"""Heavy requests run in the worker pool, fairly per user (assistant/ui/workers.py, issue 21).

The pool's own tests use real worker processes (spawn, nice 19) with small targets; the server
test uses the real ``assistant serve`` with two logins: alice's /ask waits while her workers are
stopped (so it does not run in the server process) and bob's search still answers; killed
mid-request, her /ask gets a Chinese message and her next /ask is answered by a fresh worker.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from ui_server import running_server, shared_index

from assistant.ui.workers import Pool, WorkerError

SLEEP = "assistant.ui.heavy:crash"  # sleeps, then returns the worker's pid


def _threads(pool: Pool, jobs: list[tuple[str, float]]) -> tuple[list[str], dict[int, object]]:
    """Start ``jobs`` (user, seconds) one after another; return the finishing order and results."""
    order: list[str] = []
    results: dict[int, object] = {}
    lock = threading.Lock()

    def run(i: int, user: str, seconds: float) -> None:
        try:
            results[i] = pool.call(user, SLEEP, seconds, what="测试")
        except WorkerError as err:
            results[i] = err
        with lock:
            order.append(f"{user}{i}")

    threads = [threading.Thread(target=run, args=(i, u, s)) for i, (u, s) in enumerate(jobs)]
    for th in threads:
        th.start()
        time.sleep(0.3)  # submitted in this order
    for th in threads:
        th.join(60)
    return order, results


def test_worker_is_another_process_and_a_killed_one_is_replaced() -> None:
    pool = Pool(1, timeout=60, memory_mb=2048, per_user=4)
    try:
        first = pool.call("a", SLEEP, 0.0, what="测试")
        assert isinstance(first, int) and first != os.getpid()
        got: dict[str, object] = {}
        th = threading.Thread(target=lambda: got.setdefault("r", _catch(pool, "a", 30.0)))
        th.start()
        deadline = time.monotonic() + 30
        while "a" not in pool.running() and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(pool.running()["a"], signal.SIGKILL)
        th.join(30)
        assert isinstance(got["r"], WorkerError)
        assert "中断" in str(got["r"]) and "进程被系统终止" in str(got["r"])
        again = pool.call("a", SLEEP, 0.0, what="测试")
        assert isinstance(again, int) and again not in (first, os.getpid())
    finally:
        pool.close()


def _catch(pool: Pool, user: str, seconds: float) -> object:
    try:
        return pool.call(user, SLEEP, seconds, what="测试")
    except WorkerError as err:
        return err


def test_one_users_requests_never_go_ahead_of_another_users() -> None:
    pool = Pool(1, timeout=60, memory_mb=2048, per_user=8)
    try:
        pool.call("warm", SLEEP, 0.0)
        order, _ = _threads(pool, [("a", 1.0), ("a", 1.0), ("a", 1.0), ("b", 0.1)])
        assert order.index("b3") < order.index("a2"), order  # b waited for one of a's, not three
    finally:
        pool.close()


def test_one_users_requests_are_paced_and_another_users_are_not() -> None:
    """``heavy_interval_s``: a user's requests start at most one an interval (a script's back-to-back
    requests are paced); another user's first request is not held by them."""
    pool = Pool(2, timeout=60, memory_mb=2048, per_user=4, interval=0.5)
    try:
        pool.call("warm", SLEEP, 0.0)
        pool.call("warm2", SLEEP, 0.0)
        start = time.perf_counter()
        for _ in range(4):
            pool.call("script", SLEEP, 0.0)
        paced = time.perf_counter() - start
        assert paced >= 1.5, paced  # four starts, three intervals between them
        start = time.perf_counter()
        pool.call("person", SLEEP, 0.0)
        assert time.perf_counter() - start < 0.45  # never waited for the script's interval
    finally:
        pool.close()


def test_queue_per_user_is_bounded_and_refused_in_chinese() -> None:
    pool = Pool(2, timeout=60, memory_mb=2048, per_user=2)
    try:
        _, results = _threads(pool, [("a", 1.5), ("a", 1.5), ("a", 0.0), ("b", 0.0)])
        refused = [r for r in results.values() if isinstance(r, WorkerError)]
        assert len(refused) == 1 and "排队" in str(refused[0]) and "heavy_queue" in str(refused[0])
        assert isinstance(results[3], int)  # the other user was not refused
    finally:
        pool.close()


def test_time_limit_kills_the_worker_with_a_chinese_message() -> None:
    pool = Pool(1, timeout=1.0, memory_mb=2048, per_user=2)
    try:
        with pytest.raises(WorkerError, match="超时.*heavy_timeout"):
            pool.call("a", SLEEP, 20.0, what="对话起草")
        assert isinstance(pool.call("a", SLEEP, 0.0), int)
    finally:
        pool.close()


def test_library_errors_come_back_unchanged() -> None:
    from assistant.errors import BadInputError

    pool = Pool(1, timeout=60, memory_mb=2048, per_user=2)
    try:
        with pytest.raises(BadInputError, match="返回条数"):
            from assistant.settings import Settings

            pool.call("a", "assistant.ui.service:run_search", Settings(), "法治", "x")
    finally:
        pool.close()


def test_an_exception_with_its_own_init_keeps_its_class_and_attributes() -> None:
    pool = Pool(1, timeout=60, memory_mb=2048, per_user=2)
    try:
        with pytest.raises(ValueError, match="核查未通过") as caught:
            pool.call("a", "assistant.ui.heavy:refuse_audit", "组织培训99次。")
        assert type(caught.value).__name__ == "AuditError" and caught.value.flags[0].text == "组织培训99次。"
    finally:
        pool.close()


# ---------------------------------------------------------------------- the real server
PASSWORDS = {"alice": "alice-pw-1", "bob": "bob-pw-2"}


def _workers(pid: int) -> list[int]:
    """The server's heavy workers: its children started by multiprocessing's spawn."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == pid and b"spawn_main" in cmd:
            out.append(int(entry.name))
    return out


@pytest.mark.slow
def test_ask_runs_in_a_worker_and_survives_its_death(tmp_path: Path) -> None:
    import gradio_client

    index, corpus = shared_index()
    users = tmp_path / "users.txt"
    users.write_text("\n".join(f"{u}:{p}" for u, p in PASSWORDS.items()) + "\n", encoding="utf-8")
    with running_server(index, corpus, auth=str(users), workdir=tmp_path) as server:
        alice = gradio_client.Client(server.url, auth=("alice", PASSWORDS["alice"]), verbose=False)
        bob = gradio_client.Client(server.url, auth=("bob", PASSWORDS["bob"]), verbose=False)
        assert alice.predict("帮我写一段普法宣传的内容，今年开展23场", api_name="/ask")["answer"]
        workers = _workers(server.process.pid)
        assert len(workers) == 2 and server.process.pid not in workers
        for pid in workers:
            os.kill(pid, signal.SIGSTOP)  # frozen: an /ask can only wait
        got: dict[str, object] = {}

        def ask() -> None:
            try:
                got["answer"] = alice.predict("帮我写一段法治培训的内容，今年举办6期", api_name="/ask")
            except Exception as err:  # noqa: BLE001
                got["error"] = err

        th = threading.Thread(target=ask)
        th.start()
        time.sleep(2.0)
        hits = bob.predict("聘请法律顾问", 3, api_name="/search")  # the server itself is free
        assert hits and th.is_alive() and not got  # alice's answer waits for a worker
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        th.join(60)
        assert "error" in got, got
        assert "对话起草中断" in str(got["error"]) and "请重试" in str(got["error"])
        answer = alice.predict("帮我写一段法治培训的内容，今年举办6期", api_name="/ask")
        assert answer["answer"]
        assert set(_workers(server.process.pid)).isdisjoint(workers)


def test_start_up_objects_are_frozen_out_of_the_collectors_sight() -> None:
    """After warm-up the server freezes what start-up loaded (gc.freeze): a collection walks only what requests
    made since (bench/hostile_web.py: without it bob's idle search p95 drifted from 25 to 44 ms over the run)."""
    import gc

    from assistant.ui.app import _frozen

    try:
        _frozen()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
