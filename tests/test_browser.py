"""The real app in Debian's Chromium: every page renders with no exception box, numbers on screen."""
from __future__ import annotations

import json
import time

import pytest

from browser import PAGES, exception_texts, sign_in, wait_rendered

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.slow  # Chromium on the real app


@pytest.fixture
def server(app_server):
    return app_server


@pytest.fixture
def browser(chromium_browser):
    return chromium_browser


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
    # a card's five metrics arrive one by one: wait for the last of both countries (a busy machine is slow)
    page.wait_for_function("() => document.querySelector('[data-testid=\"stMainBlockContainer\"]')"
                           ".innerText.split('Key informants interviewed').length >= 3", timeout=60_000)
    wait_rendered(page)
    text = page.inner_text('[data-testid="stMainBlockContainer"]')
    assert "Paraguay" in text and "Thailand" in text
    assert "35" in text and "39" in text  # key informants interviewed


def test_the_other_pages_scripts_load_while_the_first_page_is_read(server, page):
    """Streamlit's scripts for charts, sliders, downloads and tables (``prefetch.BUNDLES``) load once the Overview,
    which draws none of them, is drawn; Training reach then draws its chart without fetching Plotly's script again."""
    from atlas_data.dashboard.prefetch import bundle_files

    names = [name.split("/")[-1] for name in bundle_files()]
    assert [name.split(".")[0] for name in names] == ["DataFrame", "DownloadButton", "PlotlyChart", "Radio", "Slider",
                                                      "StreamlitSyntaxHighlighter", "DataFrame"]
    assert names[-1].endswith(".css")
    fetched = "() => performance.getEntriesByType('resource').map(r => new URL(r.name).pathname.split('/').pop())"
    page.goto(f"{server.url}/")
    wait_rendered(page)
    page.wait_for_function(f"() => {json.dumps(names)}.every(name => ({fetched})().includes(name))", timeout=60_000)
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
    page.locator('[data-testid="stSidebarNav"] a[href$="/training_reach"]').click()
    page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=60_000)
    scripts = [name for name in names if name.endswith(".js")]
    assert [page.evaluate(fetched).count(name) for name in scripts] == [1] * len(scripts)   # imported once
    sent = page.evaluate("() => performance.getEntriesByType('resource').filter(r => r.name.endsWith('.css'))"
                         ".map(r => [r.name.split('/').pop(), r.transferSize])")
    assert [size for name, size in sent if name == names[-1]][1:] == [0]      # the style sheet from the cache
    assert exception_texts(page) == []


UPLOAD = """País;Modelo;Actividad;Fecha;Nombre;Institución;Sexo
Argentina;Living Lab;Taller de navegador;12/03/2022;Persona Uno;Ministerio de Trabajo;F
Argentina;Living Lab;Taller de navegador;12/03/2022;Persona Dos;Ministerio de Trabajo;M
Argentina;Living Lab;Taller de navegador;12/03/2022;Persona Tres;Poder Judicial;F
"""


def test_upload_on_the_data_page_then_its_rows_show_on_training_reach(server, page, tmp_path):
    sign_in(page, server.url)
    upload = tmp_path / "asistencia_argentina.csv"
    upload.write_text(UPLOAD, encoding="utf-8")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload))
    page.get_by_role("button", name="Check files").click()
    wait_rendered(page)
    assert not (server.raw / "uploads" / "asistencia_argentina.csv").exists()   # checked, not stored
    page.get_by_role("button", name="Confirm and store").click()
    wait_rendered(page)
    page.screenshot(path=str(tmp_path.parent / "page-data-after-upload.png"), full_page=True)
    assert exception_texts(page) == []
    assert (server.raw / "uploads" / "asistencia_argentina.csv").read_text(encoding="utf-8") == UPLOAD

    page.goto(f"{server.url}/training_reach?country=Argentina")
    wait_rendered(page)
    assert exception_texts(page) == []
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert metrics[0].split("\n")[0].startswith("People trained (KI-2)")
    assert metrics[0].split("\n")[-1].strip() == "3"  # the three people of the upload, no restart needed
    page.screenshot(path=str(tmp_path.parent / "page-reach-after-upload.png"), full_page=True)
