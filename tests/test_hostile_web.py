"""Hostile web use, second round (issue 21) against the real server with two logins.

One real ``assistant serve`` with a users file (alice, bob; carol is an admin), low login limits
set through the environment: a login flood is locked and answered 429 in Chinese even with the
right password; one login's uploaded file and session are refused to the other; deep links are
off; open event streams are bounded; a 100k-character chat message is refused in under a second;
a file left in ``corpus/.incoming`` by a killed server is gone once the server is up.
"""

from __future__ import annotations

import concurrent.futures as cf
import time
from pathlib import Path

import httpx
import pytest
from ui_server import running_server, shared_index

from assistant.ui.app import parse_admins, parse_auth

PASSWORDS = {"alice": "alice-pw-1", "bob": "bob-pw-2", "carol": "carol-pw-3", "dave": "dave-pw-4"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    index, corpus = shared_index()
    root = tmp_path_factory.mktemp("web2")
    users = root / "users.txt"
    users.write_text(
        "\n".join(f"{u}:{p}" for u, p in PASSWORDS.items()) + "\nadmins = carol\n", encoding="utf-8"
    )
    incoming = corpus / ".incoming"
    incoming.mkdir(exist_ok=True)
    (incoming / "半截上传.docx").write_bytes(b"PK\x03\x04 half")
    env = {
        "ASSISTANT_LOGIN_MAX_FAILURES": "3",
        "ASSISTANT_LOGIN_DELAY_S": "0.05",
        "ASSISTANT_LOGIN_LOCK_MINUTES": "10",
        "ASSISTANT_MAX_HEARTBEATS": "2",
        "ASSISTANT_MAX_REQUESTS_PER_S": "5",
    }
    with running_server(index, corpus, auth=str(users), workdir=root, env=env) as srv:
        srv.corpus = corpus  # type: ignore[attr-defined]
        yield srv


def _login(server, user: str, password: str | None = None) -> httpx.Client:
    client = httpx.Client(base_url=server.url, trust_env=False, timeout=30)
    r = client.post("login", data={"username": user, "password": password or PASSWORDS[user]})
    assert r.status_code == 200, r.text
    return client


def test_users_file_names_admins_and_logins(tmp_path: Path) -> None:
    users = tmp_path / "u.txt"
    users.write_text("a:pw:with:colons\nadmins = a, b\n# c:no\n", encoding="utf-8")
    assert parse_auth(str(users)) == [("a", "pw:with:colons")]
    assert parse_admins(str(users)) == {"a", "b"}


def test_incoming_leftovers_removed_at_start(server) -> None:
    assert not any((server.corpus / ".incoming").iterdir())


def test_a_logins_request_flood_is_refused_before_its_body_is_read(server) -> None:
    """POSTs of one login past its rate (5 a second here, bursts of 20) are answered 429 in Chinese
    naming the setting; another login's requests pass meanwhile."""
    dave, alice = _login(server, "dave"), _login(server, "alice")
    body = {
        "data": [],
        "fn_index": 9999,
        "session_hash": "flood-dave",
        "event_data": None,
        "trigger_id": None,
    }

    def post(_: int) -> httpx.Response:  # a connection each: a refused request's connection is closed
        with httpx.Client(base_url=server.url, trust_env=False, timeout=30, cookies=dave.cookies) as c:
            return c.post("gradio_api/queue/join", json=body)

    start = time.perf_counter()
    with cf.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(post, range(40)))
    elapsed = time.perf_counter() - start
    refused = [r for r in answers if r.status_code == 429]
    # a bucket of 20 refilled at 5 a second lets at most 20 + 5·elapsed through (+2 for the edges): the
    # bound holds on a slow machine too (CI: 40 requests one after another let 31 through in 2 s)
    allowed = 20 + int(5 * elapsed) + 2
    assert len(refused) >= max(40 - allowed, 1), ([r.status_code for r in answers], elapsed)
    assert "max_requests_per_s" in refused[-1].json()["detail"]
    other = alice.post("gradio_api/queue/join", json={**body, "session_hash": "calm-alice"})
    assert other.status_code != 429


def test_file_fetches_and_logins_count_against_the_rate(server) -> None:
    """A login's file fetches and a user's logins are paced like its POSTs (5 a second here, bursts of 20):
    a script fetching its own file or logging in again and again gets 429 naming the setting."""
    dave = _login(server, "dave")
    (path,) = dave.post(
        "gradio_api/upload", files={"files": ("表.csv", "指标,数值\n普法,1\n".encode())}
    ).json()

    def fetch(_: int) -> int:
        with httpx.Client(base_url=server.url, trust_env=False, timeout=30, cookies=dave.cookies) as c:
            return c.get(f"gradio_api/file={path}").status_code

    def relogin(_: int) -> httpx.Response:
        with httpx.Client(base_url=server.url, trust_env=False, timeout=30) as c:
            return c.post("login", data={"username": "dave", "password": PASSWORDS["dave"]})

    with cf.ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(fetch, range(40)))
        logins = list(pool.map(relogin, range(40)))
    assert codes.count(200) >= 1 and codes.count(429) >= 1, codes
    refused = [r for r in logins if r.status_code == 429]
    assert refused and "max_requests_per_s" in refused[0].json()["detail"], [r.status_code for r in logins]
    assert {r.status_code for r in logins} <= {200, 429}
    deadline = time.perf_counter() + 15  # the bucket refills: dave logs in again
    while relogin(0).status_code != 200:
        assert time.perf_counter() < deadline
        time.sleep(0.5)


def test_login_flood_is_locked_even_for_the_right_password(server) -> None:
    def attempt(i: int) -> int:
        with httpx.Client(base_url=server.url, trust_env=False, timeout=30) as c:
            return c.post("login", data={"username": "bob", "password": f"wrong{i}"}).status_code

    start = time.perf_counter()
    with cf.ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(attempt, range(8)))
    assert codes.count(400) <= 3 and codes.count(429) >= 5, codes
    with httpx.Client(base_url=server.url, trust_env=False, timeout=30) as c:
        t = time.perf_counter()
        r = c.post("login", data={"username": "bob", "password": PASSWORDS["bob"]})
        held = time.perf_counter() - t
    assert r.status_code == 429
    assert held >= 0.9, held  # a locked login is answered slowly: a flood paces itself (gate.LOCKED_DELAY_S)
    assert "登录失败次数过多" in r.json()["detail"] and "分钟" in r.json()["detail"]
    assert time.perf_counter() - start < 20
    assert "login locked" in server.log.read_text(encoding="utf-8", errors="replace")
    # another user from the same address is not locked by bob's failures (address cap 4×3)
    _login(server, "alice").close()


def test_failed_logins_get_slower(server) -> None:
    with httpx.Client(base_url=server.url, trust_env=False, timeout=30) as c:
        for i in range(2):
            assert c.post("login", data={"username": "carol", "password": f"x{i}"}).status_code == 400
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "user='carol' addr=127.0.0.1 (1 recent failures), answered after 0.05 s" in log
    assert "user='carol' addr=127.0.0.1 (2 recent failures), answered after 0.10 s" in log
    _login(server, "carol").close()  # below the cap: the right password still works, and resets


def test_uploaded_file_served_only_to_its_uploader(server) -> None:
    alice = _login(server, "alice")
    bob = _login(server, "carol")
    r = alice.post("gradio_api/upload", files={"files": ("指标.csv", "指标,数值\n普法宣传,23\n".encode())})
    assert r.status_code == 200, r.text
    (path,) = r.json()
    assert alice.get(f"gradio_api/file={path}").status_code == 200
    other = bob.get(f"gradio_api/file={path}")
    assert other.status_code == 403 and "无权下载" in other.json()["detail"]
    assert "普法宣传" not in other.text
    anonymous = httpx.get(server.url + f"gradio_api/file={path}", trust_env=False)
    assert anonymous.status_code in (401, 403)


def test_session_bound_to_its_login_and_deep_links_off(server) -> None:
    alice, carol = _login(server, "alice"), _login(server, "carol")
    session = "s" + "0123456789abcdef"
    body = {"data": [], "fn_index": 0, "session_hash": session, "event_data": None, "trigger_id": None}
    first = alice.post("gradio_api/queue/join", json=body)
    assert first.status_code != 403
    stolen = carol.post("gradio_api/queue/join", json=body)
    assert stolen.status_code == 403 and "另一个登录账号" in stolen.json()["detail"]
    assert carol.get("gradio_api/queue/data", params={"session_hash": session}).status_code == 403
    link = carol.get("gradio_api/deep_link", params={"session_hash": session})
    assert link.status_code == 404 and "会话链接" in link.json()["detail"]


def test_event_streams_bounded_per_address(server) -> None:
    client = _login(server, "alice")
    with (
        client.stream("GET", "gradio_api/heartbeat/hb-a1") as one,
        client.stream("GET", "gradio_api/heartbeat/hb-a2") as two,
    ):
        assert one.status_code == two.status_code == 200
        third = client.get("gradio_api/heartbeat/hb-a3")
        assert third.status_code == 429 and "max_heartbeats" in third.json()["detail"]
    deadline = time.monotonic() + 40  # closed streams are given back (gradio notices within its heartbeat)
    while True:
        with client.stream("GET", "gradio_api/heartbeat/hb-a4") as again:
            if again.status_code == 200:
                break
        assert time.monotonic() < deadline, "closed event streams were not released"
        time.sleep(1)


def test_request_body_capped_before_parsing(server) -> None:
    client = _login(server, "alice")
    big = {"data": ["法" * 400_000], "fn_index": 0, "session_hash": "s-big-body"}
    r = client.post("gradio_api/queue/join", json=big)
    assert r.status_code == 413 and "max_request_kb" in r.json()["detail"]


def test_a_named_endpoints_long_field_is_refused_at_the_door(server) -> None:
    """/call/ask's message and /call/search's query over their limits: 400 in Chinese, before gradio's queue."""
    client = _login(server, "alice")
    r = client.post("gradio_api/call/ask", json={"data": ["帮我写" + "法" * 60_000, None, None, None]})
    assert (
        r.status_code == 400
        and "消息过长" in r.json()["detail"]
        and "max_message_chars" in r.json()["detail"]
    )
    r = client.post("gradio_api/call/search", json={"data": ["法" * 5_000, 5, None, None, None, None]})
    assert r.status_code == 400 and "检索词过长" in r.json()["detail"]
    r = client.post("gradio_api/call/draft", json={"data": ["述法报告", "某" * 500, 2025, None, None]})
    assert r.status_code == 400 and "单位名称过长" in r.json()["detail"]
    assert (
        client.post(
            "gradio_api/call/search", json={"data": ["法律顾问", 5, None, None, None, None]}
        ).status_code
        == 200
    )


def test_an_oversized_metrics_table_is_refused_at_the_door(server) -> None:
    """A table over ``metrics_max_rows`` (CSV text, a list of rows or a Dataframe value) is refused 400 at
    the door, its rows counted and never parsed; a table within the limit passes to the handler."""
    client = _login(server, "dave")
    csv = "指标,数值,单位\n" + "普法宣传,23,场\n" * 5000
    rows = [["普法宣传", "23", "场"]] * 2500
    frame = {"headers": ["指标", "数值", "单位"], "data": rows}
    for api, data in (
        ("draft", ["述法报告", "青山县司法局", 2024, None, csv]),
        ("ask", ["帮我写一段普法宣传的内容", rows, None, None]),
        ("alternatives", ["述法报告", "学法用法", frame, None, None, 5]),
    ):
        r = client.post(f"gradio_api/call/{api}", json={"data": data})
        assert r.status_code == 400, (api, r.status_code, r.text[:200])
        assert "metrics_max_rows" in r.json()["detail"] and "指标数据有误" in r.json()["detail"], api
    small = "指标,数值,单位\n普法宣传,23,场\n"
    r = client.post("gradio_api/call/draft", json={"data": ["述法报告", "青山县司法局", 2024, None, small]})
    assert r.status_code == 200, r.text[:200]


def test_long_chat_message_refused_fast_naming_the_limit(server) -> None:
    gradio_client = pytest.importorskip("gradio_client")
    client = gradio_client.Client(server.url, auth=("alice", PASSWORDS["alice"]), verbose=False)
    with pytest.raises(Exception) as err:  # time to refusal: bench/bench_hostile.py --web
        client.predict("帮我写" + "法" * 100_000, api_name="/ask")
    assert "消息过长" in str(err.value) and "max_message_chars" in str(err.value)


@pytest.mark.browser
def test_draft_docx_served_only_to_its_login_in_the_browser(server, tmp_path: Path) -> None:
    """Two logins in real Chromium: alice drafts; her .docx opens for her and is refused to carol."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("no /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    from test_ui_browser import ARGS

    metrics = tmp_path / "指标.csv"
    metrics.write_text("指标,数值,单位\n普法宣传活动,23,场次\n法治培训,7,期\n", encoding="utf-8")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=ARGS)

        def logged_in(user: str):
            context = browser.new_context(locale="zh-CN")
            page = context.new_page()
            page.set_default_timeout(90_000)
            page.goto(server.url, wait_until="domcontentloaded")
            page.locator("input").first.fill(user)
            page.locator("input[type=password]").fill(PASSWORDS[user])
            page.locator(
                "button[type=submit], button:has-text('Login'), button:has-text('登录')"
            ).first.click()
            page.get_by_role("tab", name="整篇起草").wait_for()
            return context, page

        alice, page = logged_in("alice")
        page.get_by_role("tab", name="整篇起草").click()
        page.locator("#draft-upload input[type=file]").set_input_files(str(metrics))
        page.locator("#draft-metrics").get_by_text("7").first.wait_for()
        page.locator("#draft-org textarea, #draft-org input").first.fill("某某县司法局")
        page.locator("#draft-button").click()
        link = page.locator("#draft-files a[href*='.docx']").first
        link.wait_for()
        href = link.get_attribute("href")
        url = href if href.startswith("http") else server.url.rstrip("/") + "/" + href.lstrip("/")
        mine = alice.request.get(url)
        assert mine.status == 200 and mine.body()[:2] == b"PK"
        carol, _ = logged_in("carol")
        theirs = carol.request.get(url)
        assert theirs.status == 403 and "无权下载" in theirs.text()
        browser.close()


def test_logins_in_flight_over_the_cap_wait_but_only_failures_lock() -> None:
    """Eight right passwords of one user at once (cap 3): those beyond the cap wait a moment, nobody is locked;
    three failures lock the user (the CI of 0cd3cfa: parallel right passwords locked their user for the window)."""
    from assistant.ui.gate import IN_FLIGHT_WAIT_S, LoginThrottle

    throttle = LoginThrottle(max_failures=3, lock_minutes=10, delay_s=0.05)
    answers = [throttle.check("dave", "10.0.0.1") for _ in range(8)]
    assert answers[:3] == [None] * 3 and set(answers[3:]) == {IN_FLIGHT_WAIT_S}
    for _ in range(3):
        throttle.done("dave", "10.0.0.1", True)
    assert throttle.check("dave", "10.0.0.1") is None and not throttle.locked
    throttle.done("dave", "10.0.0.1", True)
    for _ in range(3):
        assert throttle.check("erin", "10.0.0.2") is None
        throttle.done("erin", "10.0.0.2", False)
    assert throttle.check("erin", "10.0.0.2") == pytest.approx(600, abs=1)  # locked for the window
