"""The web app against the real server: named endpoints, escaping, uploads, auth.

One real index of ``corpus/`` (plus a report containing ``<script>``) is built per session and
served by the real ``assistant serve`` on a free loopback port (see ``tests/ui_server.py``).
Pure helpers (escaping, upload checks, auth parsing) are checked directly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from ui_server import UPLOAD_MAX_MB, XSS_DOC, Server, shared_index, shared_server

from assistant.settings import load_settings
from assistant.ui import render, service
from assistant.ui.app import parse_auth
from assistant.ui.locale import LOCALES, t
from assistant.ui.uploads import REPORT_TYPES, UploadError, check_upload, safe_name, save_to_corpus

gradio_client = pytest.importorskip("gradio_client")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def server() -> Server:
    return shared_server()


@pytest.fixture(scope="module")
def client(server: Server):
    return gradio_client.Client(server.url, verbose=False)


# ------------------------------------------------------------------ named endpoints
def test_only_the_named_endpoints_are_documented(client) -> None:
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert set(endpoints) == {"/search", "/outline", "/draft", "/ask", "/alternatives", "/audit"}


def test_alternatives_endpoint_gives_versions_from_different_reports(client) -> None:
    rows = [["普法宣传活动", "23", "场次"]]
    versions = client.predict("述法报告", "普法", rows, "某某镇党委", 2024, 4, api_name="/alternatives")
    assert len(versions) >= 3
    assert len({v["source_title"] for v in versions}) == len(versions)
    assert all(v["flags"] == [] and "23场次" in v["text"] and "23场次" in v["filled"] for v in versions)
    assert all(not v["source_title"].endswith(".txt") for v in versions)  # titles, never file names


def test_audit_endpoint_flags_numbers_and_voice(client) -> None:
    text = "全年开展普法宣传活动23场次，组织法治培训99次。局党组会议专题研究法治工作。"
    flags = client.predict(
        text, "指标,数值,单位\n普法宣传活动,23,场次\n", "某某镇党委", 2024, api_name="/audit"
    )["flags"]
    assert {(f["kind"], "99" in f["reason"]) for f in flags} == {("number", True), ("voice", False)}
    assert client.predict("全年开展普法宣传活动23场次。", [["普法宣传活动", "23", "场次"]], "某某镇党委", 2024,
                          api_name="/audit") == {"flags": []}  # fmt: skip


def test_search_returns_passages_with_doc_ids(client) -> None:
    hits = client.predict("聘请法律顾问", 5, api_name="/search")
    assert isinstance(hits, list) and hits
    assert all({"text", "doc", "section", "score"} <= set(h) for h in hits)
    assert "法律顾问" in hits[0]["text"]
    assert sum("法律顾问" in h["text"] for h in hits) >= 2
    assert all(h["doc"] for h in hits)
    assert any(h["doc"].startswith(("000", "001", "002", "003", "004")) for h in hits)


def test_search_filters_by_document(client) -> None:
    hits = client.predict("法律顾问", 5, None, None, "001", None, api_name="/search")
    assert hits and all(h["doc"].startswith("001") for h in hits)


def test_outline_lists_sections_in_order(client) -> None:
    outline = client.predict("述法报告", api_name="/outline")
    titles = [s["title"] for s in outline["sections"]]
    order = [
        next(i for i, title in enumerate(titles) if word in title) for word in ("履职情况", "存在", "下一步")
    ]
    assert order == sorted(order), titles
    first = outline["sections"][0]
    assert 3 <= first["total"] < outline["corpus_documents"] and 0 <= first["coverage"] <= first["total"]


def test_draft_uses_the_figures_and_marks_missing_ones(client) -> None:
    result = client.predict(
        "述法报告", "某某县司法局", 2024, "某某县", [["普法宣传活动", "23", "场次"]], api_name="/draft"
    )
    assert set(result) >= {"markdown", "missing", "unused", "sources"}
    assert "23场次" in result["markdown"]
    assert "【待补充" in result["markdown"]
    assert result["missing"], "missing figures must be listed"
    assert "某某县司法局" in result["markdown"]


def test_draft_accepts_csv_text(client) -> None:
    csv_text = "指标,数值,单位\n普法宣传活动,23,场次\n普法受众,5600,人次\n"
    result = client.predict("述法报告", None, None, None, csv_text, api_name="/draft")
    assert "23场次" in result["markdown"]


def test_draft_reports_bad_rows_in_chinese(client) -> None:
    with pytest.raises(Exception) as info:
        client.predict("述法报告", None, None, None, [["普法宣传活动", "很多", "场次"]], api_name="/draft")
    assert CJK.search(str(info.value)), str(info.value)


def test_ask_keeps_the_users_numbers_and_cites_sources(client) -> None:
    result = client.predict("帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次", api_name="/ask")
    assert "23" in result["answer"] and "5600" in result["answer"]
    assert result["citations"] and all(c["doc"] for c in result["citations"])
    assert isinstance(result["flags"], list)


# ------------------------------------------------------------------ escaping
def test_search_html_shows_script_literally(client) -> None:
    html_out = client.predict("聘请法律顾问", 5, "全部", None, "全部", "", api_name="/search_html")
    assert XSS_DOC.removesuffix(".txt") in html_out
    assert "&lt;script&gt;" in html_out and "&lt;b&gt;" in html_out
    assert "<script" not in html_out.lower() and "<b>" not in html_out
    assert "<mark>法律顾问</mark>" in html_out or "<mark>聘请法律顾问</mark>" in html_out


def test_highlight_escapes_before_marking() -> None:
    out = render.highlight("甲<script>法律顾问</script>&lt;", "法律顾问 lt")
    assert out == "甲&lt;script&gt;<mark>法律顾问</mark>&lt;/script&gt;&amp;<mark>lt</mark>;"


def test_placeholders_are_marked_and_escaped() -> None:
    out = render.mark_placeholders("共<b>开展【待补充：普法宣传次数】次，【待确认】")
    assert out.count('<mark class="todo">') == 2 and "&lt;b&gt;" in out


def test_hits_html_escapes_metadata() -> None:
    out = render.hits_html([{"text": "x", "doc": "<img src=x>", "section": ["<i>"], "score": 1}], "x")
    assert "<img" not in out and "<i>" not in out


# ------------------------------------------------------------------ uploads
def test_upload_rejects_exe_and_oversize_in_chinese(tmp_path: Path) -> None:
    settings = load_settings(corpus_dir=tmp_path / "corpus", upload_max_mb=0.01)
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ" + b"\0" * 100)
    with pytest.raises(UploadError, match="不支持的文件类型") as info:
        check_upload(exe, settings, REPORT_TYPES)
    assert ".exe" in str(info.value)
    big = tmp_path / "big.txt"
    big.write_text("法" * 20_000, encoding="utf-8")
    with pytest.raises(UploadError, match="超过上限"):
        save_to_corpus(big, settings)
    assert not (tmp_path / "corpus" / "big.txt").exists()


def test_upload_is_copied_under_a_safe_name(tmp_path: Path) -> None:
    settings = load_settings(corpus_dir=tmp_path / "corpus")
    src = tmp_path / "in.txt"
    src.write_text("一、总体情况\n今年开展普法宣传。", encoding="utf-8")
    saved = save_to_corpus(src, settings, name="../../etc/2023年 述法报告;rm -rf.txt")
    assert saved.parent == tmp_path / "corpus" and saved.name == "2023年_述法报告_rm_-rf.txt"
    assert save_to_corpus(src, settings, name="2023年 述法报告;rm -rf.txt") == saved  # identical: reused
    assert safe_name(".bashrc") == "bashrc" and safe_name("..\\..\\a.docx") == "a.docx"


def test_server_refuses_oversize_upload_in_chinese(server: Server) -> None:
    data = b"a" * int((UPLOAD_MAX_MB + 0.5) * 1024 * 1024)
    expected = f"文件过大：上限 {UPLOAD_MAX_MB:g} MB，请拆分或压缩后再上传"
    response = httpx.post(
        server.url + "gradio_api/upload", files={"files": ("big.txt", data)}, timeout=30, trust_env=False
    )
    assert response.status_code == 413
    assert response.text == expected and response.headers["content-type"].startswith("text/plain")
    # the component route answers JSON: same shape, Chinese detail
    fields = {"component_id": "1", "session_hash": "x", "fn_name": "upload"}
    response = httpx.post(
        server.url + "gradio_api/component_server",
        data=fields,
        files={"files": ("big.txt", data)},
        timeout=30,
        trust_env=False,
    )
    assert response.status_code == 413 and response.json() == {"detail": expected}
    # a file under the limit still goes through
    small = httpx.post(
        server.url + "gradio_api/upload", files={"files": ("ok.txt", b"abc")}, timeout=30, trust_env=False
    )
    assert small.status_code == 200 and len(small.json()) == 1


# ------------------------------------------------------------------ plain-value adapters
def test_metric_values_from_rows_dicts_and_csv() -> None:
    rows = [["普法宣传活动", "23", "场次"]]
    assert service.records_from_value(rows)[0] == {"指标": "普法宣传活动", "数值": "23", "单位": "场次"}
    assert service.records_from_value("普法宣传活动,23,场次")[0]["数值"] == "23"
    assert service.records_from_value("指标\t数值\n受众\t5600")[0] == {"指标": "受众", "数值": "5600"}
    assert service.parse_year("") is None and service.parse_year(2024.0) == 2024
    with pytest.raises(ValueError, match="年度"):
        service.parse_year("去年")


def test_user_settings_do_not_touch_the_server_settings() -> None:
    base = load_settings()
    user = service.user_settings(base, {"backend": "openai", "url": "http://127.0.0.1:9/v1", "model": "m"})
    assert user.llm_backend == "openai" and base.llm_backend == "none"
    with pytest.raises(ValueError, match="模型名"):
        service.user_settings(base, {"backend": "openai", "url": "", "model": ""})


def test_shared_server_locks_the_llm_choice() -> None:
    locked = load_settings().model_copy(update={"ui_llm_editable": False})
    user = service.user_settings(locked, {"backend": "openai", "url": "http://10.0.0.1:9/v1", "model": "m"})
    assert user.llm_backend == "none" and user.llm_url is None


def test_every_locale_entry_has_chinese() -> None:
    assert all(CJK.search(entry["zh"]) or entry["zh"] == entry.get("en") for entry in LOCALES.values())
    assert t("search_count", n=3) == "找到 3 段相关表述。"


# ------------------------------------------------------------------ auth
def test_parse_auth_from_value_and_file(tmp_path: Path) -> None:
    assert parse_auth(None) is None
    assert parse_auth("admin:s3:cret") == [("admin", "s3:cret")]
    users = tmp_path / "users.txt"
    users.write_text("# 账号\nalice:pw1\n\nbob:pw2\n", encoding="utf-8")
    assert parse_auth(str(users)) == [("alice", "pw1"), ("bob", "pw2")]
    users.write_text("alice\n", encoding="utf-8")
    with pytest.raises(ValueError, match="第1行"):
        parse_auth(str(users))


def test_auth_is_required_when_configured(tmp_path: Path) -> None:
    """The real app launched in-process by ``serve(..., auth=<users file>)`` refuses anonymous calls."""
    from ui_server import free_port

    from assistant.ui.app import serve

    index, corpus = shared_index()
    users = tmp_path / "users.txt"
    users.write_text("alice:correct-horse\n", encoding="utf-8")
    settings = load_settings(index_dir=index, corpus_dir=corpus)
    demo = serve(settings, host="127.0.0.1", port=free_port(), auth=str(users), block=False, quiet=True)
    url = demo.local_url
    try:
        call = httpx.post(
            url + "gradio_api/call/search", json={"data": ["法律顾问", 3]}, timeout=10, trust_env=False
        )
        assert call.status_code == 401
        assert httpx.get(url + "gradio_api/info", timeout=10, trust_env=False).status_code == 401
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do
            gradio_client.Client(url, verbose=False)
        with pytest.raises(Exception):  # noqa: B017
            gradio_client.Client(url, auth=("alice", "wrong"), verbose=False)
        logged_in = gradio_client.Client(url, auth=("alice", "correct-horse"), verbose=False)
        hits = logged_in.predict("法律顾问", 3, api_name="/search")
        assert hits and "法律顾问" in json.dumps(hits, ensure_ascii=False)
    finally:
        demo.close()


# ------------------------------------------------------------------ queue groups
def test_writes_have_their_own_single_slot_queue() -> None:
    from assistant.ui.app import create_ui

    index, _ = shared_index()
    demo = create_ui(load_settings(index_dir=index))
    groups = {
        fn.api_name: (fn.concurrency_id, fn.concurrency_limit, fn.api_visibility) for fn in demo.fns.values()
    }
    for name in ("on_add", "on_reindex", "on_remove"):
        assert groups[name][:2] == ("write", 1), groups[name]
    for name in ("search", "outline", "search_html"):  # never behind a draft or a chat answer
        assert groups[name][0] == "read" and groups[name][1] >= 2, groups[name]
    for name in ("draft", "ask", "alternatives", "on_send", "on_draft"):  # the worker pool's fair queues
        assert groups[name][0] == "heavy" and groups[name][1] >= 8, groups[name]
    public = {name for name, g in groups.items() if g[2] == "public"}
    assert public == {"search", "outline", "draft", "ask", "alternatives", "audit"}
