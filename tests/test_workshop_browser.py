"""Workshop mode in Debian's Chromium, as the room sees it at 1280 × 720 and 1920 × 1080: every page path
opens its slide, leaving returns to the page and filters, a clicker's keys move between slides, no slide
is empty, and every slide fits one screen with no text under 18 px, no label cut with "…" and every
published count written on its bar.

One Streamlit server on the untouched built-in data per test session (`pristine_server`, tests/conftest.py).
`ATLAS_SCREENSHOTS=docs/screenshots` keeps the screenshots of the fit test there (workshop-th-kii-en-720.png …);
otherwise they go to a temporary folder.
"""
from __future__ import annotations

import numbers

import os
import re
from pathlib import Path

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, PAGES, exception_texts, wait_rendered

playwright = pytest.importorskip("playwright.sync_api")

import atlas_data  # noqa: E402
from atlas_data.reports import workshop  # noqa: E402
from atlas_data.i18n import fmt_int, translator  # noqa: E402

pytestmark = pytest.mark.slow  # Chromium on the real app

SPANISH = {"dmop_board": "Dónde está cada DMOP", "reach": "Personas capacitadas por actividad",
           "dropout": "Finalización y deserción por actividad", "learning": "Aprendizaje: puntajes medios",
           "kii": "Qué respondieron los informantes clave"}
#: The slide each page path opens in workshop mode (Paraguay, which has all six).
DEEP_LINKS = {"overview": "dmop_board", "dmop_status": "dmop_board", "training_reach": "reach", "dropout": "dropout",
              "learning": "learning", "evaluation_findings": "kii", "indicators": "dmop_board", "data": "dmop_board",
              "data_quality": "dmop_board"}
SCREENS = {"720": {"width": 1280, "height": 720}, "1080": {"width": 1920, "height": 1080}}
SHORT_NAMES = {"dmop_board": "dmop", "reach": "reach", "dropout": "dropout", "learning": "learning", "kii": "kii",
               "informants": "informants"}
CODES = {"Paraguay": "py", "Thailand": "th"}

# What the room sees of a slide, measured in the page: scrolling, type sizes, cut labels, bar labels.
MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const scroll = Math.max(document.scrollingElement.scrollHeight, main ? main.scrollHeight : 0);
  const size = (e) => parseFloat(getComputedStyle(e).fontSize);
  const visible = (e) => e.textContent.trim() && getComputedStyle(e).display !== 'none'
                         && getComputedStyle(e).visibility !== 'hidden' && e.getAttribute('opacity') !== '0';
  const svg = [...document.querySelectorAll('.main-svg text')].filter(visible);
  const slideText = [...document.querySelectorAll(
      'h1, [data-testid="stCaptionContainer"] p, .st-key-ws_chart_box td, .st-key-ws_chart_box th, blockquote p')]
      .filter(e => e.textContent.trim());
  return {
    scroll, height: innerHeight,
    small: [...svg, ...slideText].filter(e => size(e) < 18).map(e => `${e.textContent.trim()} @ ${size(e)}px`),
    cut: svg.filter(e => e.textContent.includes('…')).map(e => e.textContent),
    bars: [...document.querySelectorAll('.main-svg .bars .point text')].filter(visible).map(e => e.textContent),
    body: document.querySelector('[data-testid="stMainBlockContainer"]').innerText,
  };
}"""


@pytest.fixture(scope="module")
def server(pristine_server):
    """The session's server on the untouched built-in data (conftest), shared with test_workshop.py."""
    return pristine_server


@pytest.fixture(scope="module")
def con(server):
    """The server's store, read here for the numbers each slide must show."""
    return atlas_data.connect(server.store)


@pytest.fixture(scope="module")
def browser(chromium_browser):
    """The session's Chromium (conftest): a second Playwright cannot start in the same test process."""
    return chromium_browser


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport=SCREENS["720"])
    yield context.new_page()
    context.close()


def shots_dir(tmp_path_factory) -> Path:
    folder = os.environ.get("ATLAS_SCREENSHOTS")
    return Path(folder) if folder else tmp_path_factory.getbasetemp() / "workshop-shots"


def open_(page, url: str) -> None:
    page.goto(url)
    wait_rendered(page)
    assert exception_texts(page) == []


def title(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def slide_number(page) -> int:
    return int(re.search(r"[?&]slide=(\d+)", page.url).group(1))


def no_dialog(page) -> bool:
    return page.locator('[role="dialog"]').count() == 0 and "Page not found" not in page.inner_text("body")


def bar_values(slide: workshop.Slide, lang: str) -> list[str]:
    """What the bars of ``slide`` must say, formatted as on the screen: every published count above 0 (not
    the totals), on learning every published mean; on "who was interviewed" also the hidden rows together."""
    t = translator(lang)
    shown, raw = workshop.formatted(slide.table, lang), slide.table
    rows = raw[raw.columns[0]] != t("Total")
    if slide.key == "learning":
        mean = raw.columns[-1]
        keep = rows & raw[mean].map(lambda v: isinstance(v, float)) & (raw[raw.columns[1]] != t(
            "Gain, same participants (points)"))
        return sorted(shown.loc[keep, mean])
    columns = [c for c in slide.count_columns if c != t("Total")]
    values = [shown.at[i, c] for i in raw.index[rows] for c in columns
              if isinstance(raw.at[i, c], numbers.Integral) and raw.at[i, c] > 0]
    hidden_part = t("Not shown, to protect small numbers")  # a row's grey part: its total less the cells shown
    values += [text for trace in slide.figure.data if trace.name == hidden_part for text in (trace.text or ()) if text]
    if slide.key == "informants":           # the organizations under k, together: the total less those shown
        total = raw.loc[~rows, columns[0]].iloc[0]
        listed = sum(v for v in raw.loc[rows, columns[0]] if isinstance(v, numbers.Integral))
        if isinstance(total, numbers.Integral) and total > listed:
            values.append(fmt_int(total - listed, lang))
    return sorted(values)


# =========================================================================== deep links and exit

@pytest.mark.parametrize("path", PAGES)
def test_every_page_path_opens_its_slide_in_spanish_with_no_dialog(server, page, path):
    open_(page, f"{server.url}/{path}?mode=workshop&lang=es")
    assert title(page) == SPANISH[DEEP_LINKS[path]]
    assert no_dialog(page)
    assert f"/{path}?" in page.url and "country=Paraguay" in page.url        # the link stays reproducible


def test_exit_returns_to_the_page_with_every_filter_and_the_language(server, page):
    open_(page, f"{server.url}/dropout?lang=es&country=Paraguay&country=Thailand&dmop=Enforcement+Training+Program"
                f"&from=2021-03-01&to=2021-12-31")
    page.locator(".st-key-workshop_toggle label").click()
    wait_rendered(page)
    assert title(page) == SPANISH["dropout"] and no_dialog(page)
    page.keyboard.press("PageDown")
    wait_rendered(page)
    page.locator(".st-key-ws_settings button").first.click()
    wait_rendered(page)
    page.locator(".st-key-ws_lang").click()
    page.get_by_role("option", name="English").click()
    wait_rendered(page)
    assert title(page) == "Learning: mean scores"
    page.get_by_role("button", name=re.compile("^Exit")).click()
    wait_rendered(page)
    assert title(page) == "Deserción y finalización" and no_dialog(page)
    assert page.url.startswith(f"{server.url}/dropout?") and "mode=" not in page.url and "slide=" not in page.url
    for param in ("lang=es", "country=Paraguay", "country=Thailand", "dmop=Enforcement+Training+Program",
                  "from=2021-03-01", "to=2021-12-31"):
        assert param in page.url, (param, page.url)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Programa de Capacitación para la Aplicación de la Ley" in sidebar and "Tailandia" in sidebar  # in Spanish


# =========================================================================== keys, full screen, settings

def test_clicker_keys_move_between_slides(server, page):
    open_(page, f"{server.url}/?mode=workshop&lang=es&country=Paraguay")
    seen = []
    for key in ("PageDown", "Space", "PageUp", "ArrowRight", "ArrowLeft"):
        page.keyboard.press(key)
        wait_rendered(page)
        seen.append((key, slide_number(page), title(page)))
    assert seen == [("PageDown", 2, SPANISH["reach"]), ("Space", 3, SPANISH["dropout"]),
                    ("PageUp", 2, SPANISH["reach"]), ("ArrowRight", 3, SPANISH["dropout"]),
                    ("ArrowLeft", 2, SPANISH["reach"])]
    page.get_by_role("button", name=re.compile("Siguiente")).click()      # the focus on a button: still one step
    wait_rendered(page)
    page.keyboard.press("Space")
    wait_rendered(page)
    assert slide_number(page) == 4
    page.get_by_role("button", name="Cifras").click()                      # the numbers, then the clicker
    wait_rendered(page)
    assert page.locator(".st-key-ws_chart_box table").count() == 1
    page.keyboard.press("PageDown")
    wait_rendered(page)
    assert slide_number(page) == 5 and page.locator(".st-key-ws_chart_box .stPlotlyChart").count() == 1


def test_settings_close_once_a_country_is_chosen_and_the_full_screen_button(server, page):
    open_(page, f"{server.url}/?mode=workshop&lang=es&country=Paraguay&slide=3")
    page.locator(".st-key-ws_settings button").first.click()
    popover = page.locator('[data-testid="stPopoverBody"]')
    popover.wait_for(state="visible")
    wait_rendered(page)                        # opening the settings reruns the page (their state is kept)
    page.locator(".st-key-ws_country").click()
    page.get_by_role("option").first.wait_for()
    options = page.get_by_role("option").all_inner_texts()
    assert options == ["Paraguay", "Tailandia", "Liberia", "Argentina", "Bolivia"]   # each has a slide
    page.get_by_role("option", name="Tailandia").click()
    popover.wait_for(state="hidden", timeout=60_000)  # the choice's run closes the settings (a busy machine: late)
    wait_rendered(page)
    assert "country=Thailand" in page.url and slide_number(page) == 1 and title(page) == SPANISH["dmop_board"]
    page.locator(".ws-fullscreen").click()
    page.wait_for_function("() => !!document.fullscreenElement")
    page.keyboard.press("f")
    page.wait_for_function("() => !document.fullscreenElement")


def test_a_country_is_offered_only_with_its_slides_none_empty(server, page, con):
    offered = workshop.countries(con)
    assert "Liberia" in offered and [s.key for s in workshop.slides(con, "Liberia", "es", 5)] == ["dmop_board"]
    open_(page, f"{server.url}/?mode=workshop&lang=es&country=Liberia")
    text = page.inner_text('[data-testid="stMainBlockContainer"]')
    assert "Liberia · 1 / 1" in text and title(page) == SPANISH["dmop_board"] and "Sin datos" not in text


# =========================================================================== one screen per slide

@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("country", ["Paraguay", "Thailand"])
def test_every_slide_fits_the_screen_in_large_type_with_every_count_on_its_bar(
        server, browser, con, tmp_path_factory, country, lang, screen):
    slides = workshop.slides(con, country, lang, 5)
    assert not any(s.empty for s in slides)
    folder = shots_dir(tmp_path_factory)
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    try:
        for number, slide in enumerate(slides, start=1):
            query = f"mode=workshop&lang={lang}&country={country}&slide={number}" + \
                    ("&screen=1080" if screen == "1080" else "")
            open_(page, f"{server.url}/?{query}")
            seen = page.evaluate(MEASURE)
            where = (country, lang, screen, number, slide.title)
            assert title(page) == slide.title, where
            assert seen["scroll"] <= seen["height"], where                 # no scrolling
            assert seen["small"] == [], where                              # nothing under 18 px
            assert seen["cut"] == [], where                                # no label cut with …
            assert sorted(seen["bars"]) == bar_values(slide, lang), where  # every count on its bar
            assert "No data" not in seen["body"] and "Sin datos" not in seen["body"], where
            part = f"-{slide.part}" if slide.parts > 1 else ""
            page.screenshot(path=str(folder / f"workshop-{CODES[country]}-{SHORT_NAMES[slide.key]}{part}-"
                                              f"{lang}-{screen}.png"))
        page.get_by_role("button", name=re.compile("^(Cifras|Numbers)$")).click()   # the last slide's numbers
        wait_rendered(page)
        seen = page.evaluate(MEASURE)
        assert page.locator(".st-key-ws_chart_box table").count() == 1
        assert seen["scroll"] <= seen["height"] and seen["small"] == []
    finally:
        context.close()
