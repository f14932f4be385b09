"""Evaluation findings in Debian's Chromium: a copied link with the page's choices reproduces the view."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from browser import exception_texts, wait_rendered

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.slow  # Chromium on the real app


def questions_on_the_first_chart(page) -> list[str]:
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.locator(".ytick text").first.wait_for(timeout=30_000)
    return chart.locator(".ytick text").all_text_contents()


def test_a_copied_link_reproduces_the_filtered_sorted_view(app_server, chromium_browser):
    first = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = first.new_page()
    page.goto(f"{app_server.url}/evaluation_findings?country=Thailand&criterion=Relevance")
    wait_rendered(page)
    assert exception_texts(page) == []
    unsorted = questions_on_the_first_chart(page)
    assert len(unsorted) == 3                                  # the three Relevance findings
    # sort by a choice made on the page, then copy the address bar
    page.get_by_label("Sort questions").click()
    page.get_by_role("option", name='Highest share of "Yes" first').click()
    page.wait_for_url("**sort=share*", timeout=60_000)          # the choice's run writes it (late on a busy machine)
    wait_rendered(page)
    link = page.url
    assert parse_qs(urlparse(link).query) == {"lang": ["en"], "country": ["Thailand"], "criterion": ["Relevance"],
                                             "sort": ["share:Yes"]}
    shown = questions_on_the_first_chart(page)
    assert sorted(shown) == sorted(unsorted)
    first.close()

    second = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = second.new_page()
    page.goto(link)
    wait_rendered(page)
    assert exception_texts(page) == []
    assert questions_on_the_first_chart(page) == shown
    assert parse_qs(urlparse(page.url).query) == parse_qs(urlparse(link).query)     # the app kept the link
    widgets = " | ".join(page.locator('[data-testid="stMultiSelect"], [data-testid="stSelectbox"]').all_inner_texts())
    assert "Relevance" in widgets, widgets
    assert page.get_by_label("Sort questions").input_value() == 'Highest share of "Yes" first'
    second.close()
