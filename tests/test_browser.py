"""The real app in Debian's Chromium: every page renders with no exception box, numbers on screen."""
from __future__ import annotations

import time

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, PAGES, AppServer, exception_texts, wait_rendered

playwright = pytest.importorskip("playwright.sync_api")

ARTIFACTS = None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = AppServer(tmp_path_factory.mktemp("browser")).start()
    yield app
    app.stop()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("slug", PAGES)
def test_every_page_renders_without_an_exception(server, page, slug, tmp_path):
    started = time.monotonic()
    page.goto(f"{server.url}/{slug}")
    wait_rendered(page)
    elapsed = time.monotonic() - started
    assert exception_texts(page) == []
    body = page.inner_text('[data-testid="stMainBlockContainer"]')
    assert "Traceback" not in body and "Error" not in body.split("\n")[0]
    shot = tmp_path.parent / f"page-{slug}.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"{slug}: rendered in {elapsed:.1f} s, screenshot {shot}")


def test_overview_shows_the_reports_figures(server, page):
    page.goto(f"{server.url}/overview")
    wait_rendered(page)
    text = page.inner_text('[data-testid="stMainBlockContainer"]')
    assert "Paraguay" in text and "Thailand" in text
    assert "35" in text and "39" in text  # key informants interviewed
