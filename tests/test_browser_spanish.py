"""What only the browser shows of `?lang=es`: Plotly's own axis text (month names) and Streamlit's own chrome
(the file uploader's button and line, the Deploy button), in Debian's Chromium on the real app."""
from __future__ import annotations

import pytest

from browser import exception_texts, sign_in, wait_rendered

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.slow  # Chromium on the real app


def test_spanish_timeline_months_and_uploader_without_english(app_server, chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/dmop_status?lang=es&country=Thailand")
        wait_rendered(page)
        page.wait_for_selector('[data-testid="stPlotlyChart"] .xtick text', timeout=60_000)
        assert exception_texts(page) == []
        timeline = page.locator('[data-testid="stPlotlyChart"]').last
        timeline.scroll_into_view_if_needed()
        ticks = timeline.locator(".xtick text").evaluate_all("texts => texts.map(t => t.textContent)")
        assert "abr 2020" in ticks and "sept 2020" in ticks, ticks          # Babel's months, not Plotly's en-US
        assert not [t for t in ticks if t.split(" ")[0] in ("Jan", "Apr", "May", "Aug", "Sep", "Oct", "Dec")]
        assert page.locator('[data-testid="stAppDeployButton"]').count() == 0

        sign_in(page, app_server.url)
        page.goto(f"{app_server.url}/data?lang=es")
        wait_rendered(page)
        dropzone = page.locator('[data-testid="stFileUploaderDropzone"]').first
        dropzone.scroll_into_view_if_needed()
        assert not page.locator('[data-testid="stFileUploaderDropzoneInstructions"]').first.is_visible()  # "50MB per file"
        label = dropzone.locator("button p").first.evaluate("p => getComputedStyle(p, '::after').content")
        assert label == '"Elegir archivos"'
        assert dropzone.locator("button p").first.evaluate("p => getComputedStyle(p).fontSize") == "0px"   # "Upload"
    finally:
        context.close()
