"""The web app in a real headless Chromium (Debian's ``/usr/bin/chromium`` driven by Playwright).

Drives a search, a whole-report draft and a chat turn against the real server, and saves
screenshots to ``tests/artifacts/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_server import XSS_DOC, Server, shared_server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def page(request: pytest.FixtureRequest) -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (install Debian's chromium: `make sysdeps`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    server: Server = shared_server()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        pg = context.new_page()
        pg.set_default_timeout(90_000)
        external: list[str] = []
        dialogs: list[str] = []
        pg.on(
            "request",
            lambda r: (
                external.append(r.url)
                if not r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else None
            ),
        )
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.goto(server.url, wait_until="domcontentloaded")
        pg.get_by_role("tab", name="语料检索").wait_for()
        pg.external = external  # type: ignore[attr-defined]
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        yield pg
        browser.close()


def _index_titles() -> dict[str, str]:
    """doc id → title of the documents in the shared server's index."""
    from ui_server import shared_index

    from assistant.index.indexer import info
    from assistant.settings import load_settings

    index, _ = shared_index()
    return {d["doc_id"]: d["title"] for d in info(load_settings(index_dir=index))["documents"]}


def test_search_shows_highlighted_results(page) -> None:
    page.get_by_role("tab", name="语料检索").click()
    page.locator("#search-query textarea").fill("聘请法律顾问")
    page.locator("#search-button").click()
    first = page.locator("#search-results .hit").first
    first.wait_for()
    texts = page.locator("#search-results .hit-text").all_inner_texts()
    assert "法律顾问" in texts[0]
    assert page.locator("#search-results .hit-text mark").count() >= 2
    assert page.locator("#search-results .copy-btn").count() == len(texts)
    # documents are named by title, the file's id kept as a secondary field
    titles = page.locator("#search-results .hit-title").all_inner_texts()
    assert len(titles) == len(texts) and set(titles) <= set(_index_titles().values())
    assert "党员干部2023年度述法报告" in titles
    assert page.locator("#search-results .hit-doc").first.inner_text().startswith(("00", "xss", "9"))
    page.screenshot(path=str(ARTIFACTS / "ui_search.png"))
    # one-click copy puts the passage text on the clipboard
    page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=page.url.split("/?")[0].rstrip("/")
    )
    button = page.locator("#search-results .copy-btn").first
    button.click()
    deadline = time.monotonic() + 20  # poll the clipboard: the 已复制 label shows only briefly
    while page.evaluate("navigator.clipboard.readText()") != texts[0] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert page.evaluate("navigator.clipboard.readText()") == texts[0]
    # the report containing <script> shows it as text, nothing is executed or injected
    xss = [t for t in texts if "<script>" in t]
    assert xss, f"{XSS_DOC} should be among the hits"
    assert page.locator("#search-results script, #search-results b").count() == 0
    assert page.dialogs == []
    assert page.external == [], page.external


def test_whole_report_draft_with_markers_and_docx(page, tmp_path: Path) -> None:
    page.get_by_role("tab", name="整篇起草").click()
    metrics = tmp_path / "指标.csv"
    metrics.write_text(
        "指标,数值,单位,备注,章节\n普法宣传活动,23,场次,,\n法治培训,7,期,,\n", encoding="utf-8"
    )
    page.locator("#draft-upload input[type=file]").set_input_files(str(metrics))
    page.locator("#draft-metrics").get_by_text("法治培训").first.wait_for()
    page.wait_for_function("!document.querySelector('#draft-metrics').innerText.includes('行政复议案件')")
    page.locator("#draft-org textarea, #draft-org input").first.fill("某某县司法局")
    page.locator("#draft-year textarea, #draft-year input").first.fill("2024")
    page.locator("#draft-button").click()
    link = page.locator("#draft-files a[href*='.docx']").first
    link.wait_for()
    # the review list jumps into the 全文预览 tab, opening it
    page.locator("#draft-review .rv-missing").first.click()
    page.locator("#draft-output mark.todo").first.wait_for()
    body = page.locator("#draft-output").inner_text()
    assert "某某县司法局" in body and "23场次" in body
    assert page.locator("#draft-files a[href*='.md']").count() >= 1
    page.locator("#wb-appendix").get_by_text("附录").first.click()  # the appendices are folded away
    page.locator("#draft-missing li").first.wait_for()
    # the review list: every marker of the draft is an entry, and an entry jumps to its place
    review = page.locator("#draft-review .rv-item")
    marks = page.locator("#draft-output mark.todo").count()
    markers = "#draft-review .rv-missing, #draft-review .rv-confirm, #draft-review .rv-verify"
    assert page.locator(markers).count() == marks
    assert page.locator("#draft-review .rv-adapted").count() >= 1
    assert "改写自：" in page.locator("#draft-review .rv-adapted").first.inner_text()
    last = review.last
    n = last.get_attribute("data-rv")
    last.click()
    anchor = page.locator(f'#draft-output [data-rv="{n}"], #rv-{n}').first
    page.wait_for_function(
        "n => { const a = document.querySelector('#draft-output [data-rv=\"' + n + '\"]') "
        "|| document.getElementById('rv-' + n); if (!a) return false; "
        "const r = a.parentElement.getBoundingClientRect(); "
        "return r.bottom > 0 && r.top < window.innerHeight; }",
        arg=n,
    )
    assert anchor.count() == 1
    assert page.locator("#draft-output .rv-current").count() == 1
    page.screenshot(path=str(ARTIFACTS / "ui_draft.png"))


def test_draft_from_last_years_report_with_comparisons(page, tmp_path: Path) -> None:
    import csv

    from assistant.draft.base.reader import metrics_table, read_base

    root = Path(__file__).resolve().parents[1]
    base = sorted((root / "corpus").glob("001_*.txt"))[0]
    page.reload(
        wait_until="domcontentloaded"
    )  # a fresh page: the upload boxes of earlier tests are empty again
    page.get_by_role("tab", name="整篇起草").click()
    page.locator("#draft-base input[type=file]").set_input_files(str(base))
    page.locator("#draft-metrics").get_by_text("进村入户普法宣传").first.wait_for()
    records = metrics_table(read_base(base))
    for n, rec in enumerate(records):  # this year's values: last year's + 3, one row left empty
        rec["数值"] = "" if n == 5 else str(int("".join(c for c in rec["上年数值"] if c.isdigit())) + 3)
    table = tmp_path / "filled.csv"
    with table.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    page.locator("#draft-upload input[type=file]").set_input_files(str(table))
    page.wait_for_function("document.querySelector('#draft-metrics')?.innerText.includes('183')")
    page.locator("#draft-button").click()
    page.locator("#wb-text-0 textarea").first.wait_for()
    page.get_by_role("tab", name="全文预览").click()
    page.locator("#draft-output mark.derived").first.wait_for()
    body = page.locator("#draft-output").inner_text()
    assert "2024年度履职情况" in body and "较上年增加3次、同比增长27.3%" in body
    assert "同比增长37.5%" not in body  # 11 against 8: a small base, the difference only
    page.locator("#wb-appendix").get_by_text("附录").first.click()
    page.wait_for_function("document.querySelector('#draft-derived')?.innerText.includes('3 = 11 − 8')")
    page.locator("#draft-files a[href*='.docx']").first.wait_for()
    page.locator("#draft-grid-xlsx").click()
    page.locator("#draft-grid-file a[href*='.xlsx']").first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "ui_draft_base.png"))


def test_outline_picked_into_my_outline_and_drafted(page) -> None:
    page.reload(wait_until="domcontentloaded")  # a fresh page: no base report or grid of earlier tests
    page.get_by_role("tab", name="提纲").click()
    page.get_by_role("button", name="生成提纲").click()
    picks = page.locator("#outline-picks")
    picks.get_by_text("下一步工作打算").first.wait_for()
    assert "〔" in picks.inner_text()  # coverage among the 述法报告 shown beside each choice
    for label in ("年度履职情况", "带头学习贯彻习近平法治思想", "下一步工作打算"):
        picks.locator("label").filter(has_text=label).first.click()
    page.wait_for_function("document.querySelector('#outline-mine textarea').value.split('\\n').length >= 3")
    mine = page.locator("#outline-mine textarea").input_value().splitlines()
    assert mine[0].startswith("一、") and "履职情况" in mine[0]
    assert mine[1].startswith("（一）带头学习贯彻习近平法治思想") and mine[2] == "二、下一步工作打算"
    page.locator("#outline-to-draft").click()  # one click: into the draft tab's outline box
    page.locator("#draft-button").wait_for(state="visible")
    assert page.locator("#draft-outline textarea").input_value().splitlines() == mine
    page.locator("#draft-org textarea, #draft-org input").first.fill("某某县司法局")
    page.locator("#draft-year textarea, #draft-year input").first.fill("2024")
    page.locator("#draft-button").click()
    page.locator("#wb-text-0 textarea").first.wait_for()
    page.get_by_role("tab", name="全文预览").click()
    page.wait_for_function(
        "document.querySelector('#draft-output')?.innerText.includes('二、下一步工作打算')"
    )
    body = page.locator("#draft-output").inner_text()
    assert body.index("带头学习贯彻习近平法治思想") < body.index("二、下一步工作打算")
    assert "存在的问题和不足" not in body  # an official section the user did not pick
    page.screenshot(path=str(ARTIFACTS / "ui_outline_to_draft.png"))


def test_chat_answer_with_sources(page) -> None:
    page.get_by_role("tab", name="对话起草").click()
    page.locator("#chat-input textarea").fill("帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次")
    page.locator("#chat-send").click()
    answer = page.locator("#chatbot .message.bot, #chatbot [data-testid='bot']").filter(has_text="5600").first
    answer.wait_for()
    page.get_by_text("来源（", exact=False).first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "ui_chat.png"))
    page.get_by_text("来源（", exact=False).first.click()  # the sources fold open: titles, not file ids
    page.wait_for_function("document.querySelector('#chatbot')?.innerText.includes(' · ')")
    chat = page.locator("#chatbot").inner_text()
    assert any(f"{title} · " in chat for title in _index_titles().values()), chat[-400:]
    assert "23" in answer.inner_text()


def test_corpus_upload_index_and_remove(page, tmp_path: Path) -> None:
    report = tmp_path / "2024年 某镇 法治建设工作总结.txt"
    report.write_text(
        "某镇2024年法治建设工作总结\n一、主要工作\n今年开展防汛应急演练，健全人民调解组织。\n"
        "二、存在问题\n基层法治力量仍然薄弱。\n",
        encoding="utf-8",
    )
    page.get_by_role("tab", name="语料库").click()
    page.locator("#corpus-upload input[type=file]").set_input_files(str(report))
    page.get_by_text(report.name).first.wait_for()
    page.get_by_role("button", name="加入语料库并索引").click()
    page.locator("#corpus-status").get_by_text("已保存到语料库").wait_for()
    page.locator("#corpus-docs").get_by_text("2024年_某镇_法治建设工作总结").first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "ui_corpus.png"))
    page.locator("#corpus-pick input").fill("2024年_某镇")
    page.get_by_role("option", name="2024年_某镇_法治建设工作总结").first.click()
    page.get_by_role("button", name="从索引中删除").click()
    page.locator("#corpus-status").get_by_text("已从索引中删除").wait_for()
    assert page.locator("#corpus-docs").get_by_text("2024年_某镇_法治建设工作总结").count() == 0


def test_oversize_upload_toast_is_chinese(page, tmp_path: Path) -> None:
    """The page's own size check (gradio's English toast) shows the Chinese message with the limit."""
    from ui_server import UPLOAD_MAX_MB

    big = tmp_path / "过大的报告.txt"
    big.write_bytes(b"a" * int((UPLOAD_MAX_MB + 0.5) * 1024 * 1024))
    page.get_by_role("tab", name="语料库").click()
    page.locator("#corpus-upload input[type=file]").set_input_files(str(big))
    toast = page.locator("[data-testid=toast-body]").filter(has_text="文件过大")
    toast.first.wait_for()
    text = toast.first.inner_text()
    assert f"文件过大：上限 {UPLOAD_MAX_MB:g} MB，请拆分或压缩后再上传（{big.name}）" in text
    assert "出错了" in text and "exceed" not in text and "Error" not in text
    page.screenshot(path=str(ARTIFACTS / "ui_upload_too_big.png"))
    toast.first.locator("[data-testid=toast-close]").click()


def test_llm_switch_is_per_session(page) -> None:
    """One session switches to an OpenAI-compatible server; another session is unaffected."""
    from llm_server import scripted_server

    scripted = "今年共开展普法宣传活动23场，覆盖群众5600人次，普法宣传覆盖面持续扩大。"
    context = page.context.browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    other = context.new_page()
    other.set_default_timeout(90_000)
    try:
        with scripted_server([scripted]) as url:
            page.get_by_role("tab", name="对话起草").click()
            page.get_by_text("设置（仅对本次会话有效）").click()
            page.get_by_label("服务地址（…/v1）").fill(str(url))
            page.get_by_label("模型名").fill("test-model")
            page.get_by_role("radio", name="OpenAI 兼容服务").check()
            page.get_by_text("已保存：OpenAI 兼容服务").wait_for()
            page.locator("#chat-input textarea").fill("帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次")
            page.locator("#chat-send").click()
            page.locator("#chatbot").get_by_text("普法宣传覆盖面持续扩大").first.wait_for()
            assert url.requests, "the web app should have called the scripted LLM server"
            page.screenshot(path=str(ARTIFACTS / "ui_chat_llm.png"))
            calls = len(url.requests)
            other.goto(page.url, wait_until="domcontentloaded")
            other.locator("#chat-input textarea").fill("帮我写一段普法宣传的内容，今年开展23场，覆盖5600人次")
            other.locator("#chat-send").click()
            other.locator("#chatbot").get_by_text("5600").first.wait_for()
            assert other.locator("#chatbot").get_by_text("普法宣传覆盖面持续扩大").count() == 0
            assert len(url.requests) == calls, "another session must not use the first session's LLM"
    finally:
        context.close()
        page.get_by_role("radio", name="不使用大模型").check()
