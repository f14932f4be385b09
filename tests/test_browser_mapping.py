"""The check → map → preview → confirm flow of the Data page in Debian's Chromium, on the session's app server.

A roster whose headers match nothing in the contract (`Integrante`, `Área de trabajo`, `Jornada`, `Tema`,
`Sede`; country and DMOP in label cells above the header) is mapped once; next month's export of the same
shape, under another name, is read by that mapping with no mapping step. Names are made up from syllables.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from browser import exception_texts, people_trained, sign_in, wait_rendered
from filemaker import COMPANY_HEADERS, COMPANY_MAPPING, company_roster

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.slow  # Chromium on the real app

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "docs" / "screenshots"
TARGETS = {"participant_name": "Participant name (participant_name)", "institution": "Institution (institution)",
           "session_date": "Session date (session_date)", "activity": "Activity (activity)",
           "ignore": "Ignore (not data)"}


@pytest.fixture
def page(chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 720})
    yield context.new_page()
    context.close()


def main_text(page) -> str:
    return page.inner_text('[data-testid="stMainBlockContainer"]')


def check_files(page, path: Path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    wait_rendered(page)
    page.get_by_role("button", name="Check files").click()
    wait_rendered(page)
    assert exception_texts(page) == []


def pick(page, label: str, option: str) -> None:
    """Choose `option` in the selectbox labelled `label` (exactly)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.press("ArrowDown")   # opens the list
    page.get_by_role("option", name=option, exact=True).click()


MAIN = {"x": 300, "y": 0, "width": 980, "height": 720}   # the page beside the sidebar, at 1280×720


def shoot(page, locator, path: Path, block: str = "start") -> None:
    """The main column at 1280×720 with `locator` scrolled to its top ("start") or bottom ("end"), without
    Streamlit's top bar."""
    page.add_style_tag(content='[data-testid="stHeader"] { display: none !important; }')
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    locator.evaluate("(e, block) => e.scrollIntoView({block})", block)
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), clip=MAIN)


def confirm(page, rows: int) -> None:
    """Confirm, and wait for the page to say the ingest of the `rows` rows is done (the confirm's run ingests them,
    then reruns the page): a busy machine may start that run late."""
    page.get_by_role("button", name="Confirm and store").click()
    page.get_by_text(f"Ingest done: {rows} rows kept, 0 rows rejected.", exact=True).wait_for(timeout=120_000)
    wait_rendered(page)
    assert exception_texts(page) == []


def test_map_a_roster_once_then_next_months_export_needs_no_mapping(app_server, page, tmp_path):
    reach, other_tab = "?country=Paraguay", page.context.new_page()   # a tab of its own: its own session
    before = people_trained(other_tab, app_server.url, reach)
    sign_in(page, app_server.url)

    october = company_roster(tmp_path / "Asistencia octubre.xlsx", 10, 20)
    check_files(page, october)
    text = main_text(page)
    assert "Map the columns of Asistencia octubre.xlsx [Hoja1]" in text
    assert "Sheet Hoja1: matches no table; its rows would not be stored. Map its columns below." in text
    assert not (app_server.raw / "uploads" / "Asistencia octubre.xlsx").exists()
    page.screenshot(path=str(tmp_path / "1-checked.png"), full_page=True)

    for header in COMPANY_HEADERS:
        pick(page, header, TARGETS[COMPANY_MAPPING[header]])
    wait_rendered(page)
    shoot(page, page.locator('[data-testid="stExpander"]').filter(has_text="Map the columns of"),
          tmp_path / "2-mapping.png", block="end")
    page.get_by_role("button", name="Preview with this mapping").click()
    wait_rendered(page)
    assert exception_texts(page) == []
    text = main_text(page)
    assert "Sheet Hoja1: Attendance, 20 rows kept, 0 rows rejected." in text
    assert "Preview updated with this mapping" in text
    assert not (app_server.raw / "uploads").exists() or not list((app_server.raw / "uploads").glob("Asistencia*"))
    shoot(page, page.get_by_text("Checked, not stored yet"), tmp_path / "3-preview.png")
    assert people_trained(other_tab, app_server.url, reach) == before     # nothing stored yet

    confirm(page, 20)
    assert (app_server.raw / "uploads" / "Asistencia octubre.xlsx.mapping.csv").is_file()
    page.screenshot(path=str(tmp_path / "5-confirmed.png"), full_page=True)
    after_october = people_trained(other_tab, app_server.url, reach)
    assert after_october == before + 20

    november = company_roster(tmp_path / "Asistencia noviembre.xlsx", 11, 25, first=100)
    check_files(page, november)
    text = main_text(page)
    assert "Map the columns of" not in text
    assert "Sheet Hoja1: Attendance, 25 rows kept, 0 rows rejected." in text
    page.screenshot(path=str(tmp_path / "6-next-month.png"), full_page=True)
    confirm(page, 25)
    assert people_trained(other_tab, app_server.url, reach) == after_october + 25

    if os.environ.get("ATLAS_UPDATE_SCREENSHOTS"):   # the pictures the README shows
        shutil.copy(tmp_path / "2-mapping.png", SCREENSHOTS / "data-mapping.png")
        shutil.copy(tmp_path / "3-preview.png", SCREENSHOTS / "data-preview.png")
    print(f"screenshots in {tmp_path}")
