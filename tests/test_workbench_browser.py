"""The drafting workbench in a real headless Chromium against the real server: generate; 换一版 on
one section changes only that block; 采用 a past version; an untraced figure typed into a block is
highlighted and refuses the export, and the export works once it is fixed; 保存草稿 then 打开草稿
in a fresh page restores every block. Screenshots go to ``tests/artifacts/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_server import Server, shared_server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser() -> Iterator[tuple[object, Server]]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (install Debian's chromium: `make sysdeps`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    server = shared_server()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium, server
        chromium.close()


def _page(browser: object, server: Server) -> object:
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    page.set_default_timeout(90_000)
    page.goto(server.url, wait_until="domcontentloaded")
    page.get_by_role("tab", name="整篇起草").click()
    page.locator("#draft-button").wait_for()
    return page


def _texts(page: object) -> list[str]:
    out = []
    for i in range(40):
        box = page.locator(f"#wb-text-{i} textarea")
        if box.count() == 0 or not box.first.is_visible():
            break
        out.append(box.first.input_value())
    return out


def _index_of(page: object, words: str) -> int:
    heads = [page.locator(f"#wb-head-{i}").first.inner_text() for i in range(len(_texts(page)))]
    return next(i for i, h in enumerate(heads) if words in h)


def _wait_changed(page: object, i: int, before: str) -> None:
    page.wait_for_function(
        "([i, before]) => { const a = document.querySelector('#wb-text-' + i + ' textarea');"
        " return a && a.value !== before; }",
        arg=[i, before],
    )


def test_workbench_versions_edit_audit_export_save_and_open(browser, tmp_path: Path) -> None:
    chromium, server = browser
    page = _page(chromium, server)
    # the grid opens empty: the examples are grey placeholders, not values
    grid = page.locator("#draft-metrics").inner_text()
    assert "5600" not in grid and "行政复议案件" not in grid
    metrics = tmp_path / "指标.csv"
    metrics.write_text("指标,数值,单位\n普法宣传活动,23,场次\n法治培训,7,期\n", encoding="utf-8")
    page.locator("#draft-upload input[type=file]").set_input_files(str(metrics))
    page.locator("#draft-metrics").get_by_text("法治培训").first.wait_for()
    page.locator("#draft-org textarea, #draft-org input").first.fill("某某镇党委")
    page.locator("#draft-year textarea, #draft-year input").first.fill("2024")
    page.locator("#draft-button").click()
    page.locator("#wb-text-0 textarea").first.wait_for()
    page.locator("#draft-files a[href*='.docx']").first.wait_for()
    before = _texts(page)
    assert len(before) >= 5 and any("23场次" in t for t in before)
    assert page.locator(".wb-ok").count() == len(before)  # every drafted block passes both audits
    page.screenshot(path=str(ARTIFACTS / "ui_workbench.png"))

    # 换一版 on the 普法 section changes that block only
    k = _index_of(page, "法治宣传教育")
    page.locator(f"#wb-next-{k}").first.click()
    _wait_changed(page, k, before[k])
    after = _texts(page)
    assert [t for n, t in enumerate(after) if n != k] == [t for n, t in enumerate(before) if n != k]
    assert "23场次" in after[k]
    assert "来源：" in page.locator(f"#wb-src-{k}").first.inner_text()

    # 往年写法: versions side by side; 采用 replaces the block with the picked one
    j = _index_of(page, "依法依规决策")
    page.locator(f"#wb-versions-{j}").first.click()
    cards = page.locator(f"#wb-cards-{j} .wb-version")
    cards.first.wait_for()
    assert cards.count() >= 2
    page.locator(f"#wb-pick-{j} label").nth(1).click()
    second = cards.nth(1).locator(".version-text").inner_text()
    current = _texts(page)[j]
    page.locator(f"#wb-use-{j}").first.click()
    _wait_changed(page, j, current)
    assert _texts(page)[j].replace("\n", "") == second.replace("\n", "")
    page.screenshot(path=str(ARTIFACTS / "ui_workbench_versions.png"))

    # an untraced figure typed into a block: highlighted, and the export is refused
    box = page.locator(f"#wb-text-{k} textarea").first
    clean = box.input_value()
    box.fill(clean + "组织法治培训99次。")
    box.blur()
    page.locator(f"#wb-flags-{k} mark.flag").first.wait_for()
    assert page.locator(f"#wb-flags-{k} mark.flag").first.inner_text() == "99"
    page.locator("#wb-export").click()
    page.wait_for_function("document.querySelector('#wb-status')?.innerText.includes('核查未通过')")
    assert "99" in page.locator("#wb-status").inner_text()
    assert page.locator("#draft-files a[href*='.docx']").count() == 0
    block = page.locator(f"#wb-block-{k}").first
    block.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "ui_workbench_refused.png"))

    # fixed: the audit passes again and the export writes the edited blocks
    box.fill(clean)
    box.blur()
    page.locator(f"#wb-flags-{k} .wb-ok").first.wait_for()
    page.locator("#wb-export").click()
    page.wait_for_function("document.querySelector('#wb-status')?.innerText.includes('已按当前段落导出')")
    page.locator("#draft-files a[href*='.docx']").first.wait_for()
    saved_texts = _texts(page)
    page.get_by_role("tab", name="全文预览").click()
    preview = page.locator("#draft-output").inner_text()
    assert saved_texts[j].splitlines()[0][:30] in preview
    page.get_by_role("tab", name="逐段修改").click()

    # 保存草稿, then 打开草稿 in a fresh page restores every block
    page.locator("#wb-save").click()
    link = page.locator("#wb-project-file a[href*='.json']").first
    link.wait_for()
    with page.expect_download() as download:
        link.click()
    project = tmp_path / "草稿.json"
    download.value.save_as(project)
    assert project.stat().st_size > 1000

    fresh = _page(chromium, server)
    fresh.wait_for_timeout(500)
    assert _texts(fresh) == []  # another session starts empty: nothing of the first user's draft
    with fresh.expect_file_chooser() as chooser:
        fresh.locator("#wb-open").click()
    chooser.value.set_files(str(project))
    fresh.locator("#wb-text-0 textarea").first.wait_for()
    fresh.wait_for_function(
        "n => document.querySelectorAll('.wb-block textarea').length >= n", arg=len(saved_texts)
    )
    assert _texts(fresh) == saved_texts
    assert fresh.locator("#draft-org textarea, #draft-org input").first.input_value() == "某某镇党委"
    fresh.wait_for_function("document.querySelector('#draft-metrics')?.innerText.includes('普法宣传活动')")
    fresh.screenshot(path=str(ARTIFACTS / "ui_workbench_opened.png"))
