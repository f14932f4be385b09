"""Issue 18 in Chromium: a sign-in survives a reload and ends on the server, a country data manager cannot store
another country's file, 20 wrong passwords lock the account across new sessions, a session without an uploader
cannot upload, and a rollback brings the earlier figures back on the pages and into the audit trail."""
from __future__ import annotations

import pytest

from atlas_data import accounts
from browser import PASSWORD, AppServer, exception_texts, people_trained, wait_rendered

pytestmark = pytest.mark.slow  # Chromium on the real app

ANA = "ana-password-for-browser-tests"
ROSTER = ("País,DMOP,Nombre,Institución,Sexo,Actividad,Fecha\r\n" + "".join(
    f"{{country}},Living Lab,Persona Número{chr(65 + i)},Fiscalía,F,Taller Living Lab 2023,12/06/2023\r\n"
    for i in range(6)))


@pytest.fixture(scope="module")
def gov_server(tmp_path_factory):
    """The app with the legacy admin password and a named account: ana, country data manager of Paraguay."""
    work = tmp_path_factory.mktemp("governance-browser")
    accounts.add("ana", "country_manager", ["Paraguay"], ANA, path=work / "accounts.json")
    app = AppServer(work, env={"ATLAS_ADMIN_PASSWORD_HASH": accounts.hash_password(PASSWORD, iterations=1000),
                               "ATLAS_ACCOUNTS_FILE": str(work / "accounts.json"),
                               "ATLAS_AUDIT_FILE": str(work / "audit.jsonl")}).start()
    yield app
    app.stop()


@pytest.fixture()
def context(chromium_browser):
    ctx = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def open_data(page, url):
    page.goto(f"{url}/data")
    wait_rendered(page)


def sign_in(page, url, name="", password=PASSWORD):
    open_data(page, url)
    if name:
        page.get_by_role("textbox", name="Account name").fill(name)
    page.get_by_label("Data manager password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_rendered(page)


def signed_in_as(page) -> str | None:
    found = page.get_by_text("Signed in as ").all_inner_texts()
    return found[0] if found else None


def test_a_sign_in_survives_a_reload_and_a_new_tab_and_sign_out_ends_it_on_the_server(gov_server, context):
    page = context.new_page()
    sign_in(page, gov_server.url, "ana", ANA)
    assert signed_in_as(page) == "Signed in as ana (Country data manager, Paraguay)."
    page.reload()
    wait_rendered(page)
    assert signed_in_as(page) == "Signed in as ana (Country data manager, Paraguay)."
    tab = context.new_page()                              # a new tab: a new Streamlit session, the same cookie
    open_data(tab, gov_server.url)
    assert signed_in_as(tab) == "Signed in as ana (Country data manager, Paraguay)."
    cookie = next(c for c in context.cookies() if c["name"] == "atlas_session")
    assert cookie["sameSite"] == "Strict" and cookie["expires"] > 0
    page.get_by_role("button", name="Sign out").click()
    wait_rendered(page)
    assert signed_in_as(page) is None
    page.reload()
    wait_rendered(page)
    assert signed_in_as(page) is None
    context.add_cookies([cookie])                         # the old token, put back: the server ended it
    open_data(tab, gov_server.url)
    assert signed_in_as(tab) is None and page.get_by_role("textbox", name="Account name").count() == 1


def test_a_country_manager_cannot_store_another_countrys_file(gov_server, context, tmp_path):
    page = context.new_page()
    sign_in(page, gov_server.url, "ana", ANA)
    thai = tmp_path / "Lista Tailandia.csv"
    thai.write_text(ROSTER.format(country="Thailand"), encoding="utf-8")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(thai))
    page.get_by_role("button", name="Check files").click()
    wait_rendered(page)
    page.get_by_role("button", name="Confirm and store").click()
    wait_rendered(page)
    assert exception_texts(page) == []
    assert page.get_by_text("Refused: this changes data of Thailand, and your account manages Paraguay.").count() == 1
    assert not (gov_server.raw / "uploads" / "Lista Tailandia.csv").exists()
    page.get_by_role("button", name="Cancel").click()
    wait_rendered(page)


def wrong_passwords(browser, url: str, tries: int) -> None:
    """`tries` wrong passwords for ana, each in a fresh browser (a new session, no cookie), answered one by one;
    the pages load side by side so their quiet waits overlap instead of adding up."""
    contexts = [browser.new_context() for _ in range(tries)]
    pages = [ctx.new_page() for ctx in contexts]
    for page in pages:
        page.goto(f"{url}/data", wait_until="commit")
    for page in pages:                                    # one try at a time, each answered before the next
        wait_rendered(page)
        page.get_by_role("textbox", name="Account name").fill("ana")
        page.get_by_label("Data manager password").fill("wrong password")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Wrong password; nothing was changed. Try again.").wait_for(timeout=60_000)
    for ctx in contexts:
        ctx.close()


def test_20_wrong_passwords_in_new_sessions_lock_the_account(gov_server, chromium_browser):
    for _ in range(4):                                    # 20 tries, five sessions open at a time
        wrong_passwords(chromium_browser, gov_server.url, 5)
    ctx = chromium_browser.new_context()
    page = ctx.new_page()
    sign_in(page, gov_server.url, "ana", ANA)                # the right password now waits too
    assert signed_in_as(page) is None
    assert page.get_by_text("Too many wrong passwords; wait").count() == 1
    ctx.close()
    import json
    failures = json.loads((gov_server.workdir / "sign_in_failures.json").read_text())
    assert failures["account:ana"]["count"] == 20
    (gov_server.workdir / "sign_in_failures.json").unlink()   # the other tests sign in again


def test_a_rollback_brings_the_figures_back_and_is_in_the_audit_trail(gov_server, context, tmp_path):
    page, viewer = context.new_page(), context.new_page()
    before = people_trained(viewer, gov_server.url, "?country=Paraguay")
    sign_in(page, gov_server.url)                         # the admin (legacy password)
    version = (gov_server.store / "CURRENT").read_text().strip()
    roster = tmp_path / "Lista Paraguay.csv"
    roster.write_text(ROSTER.format(country="Paraguay"), encoding="utf-8")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(roster))
    page.get_by_role("button", name="Check files").click()
    wait_rendered(page)
    page.get_by_role("button", name="Confirm and store").click()
    wait_rendered(page)
    assert people_trained(viewer, gov_server.url, "?country=Paraguay") == before + 6
    # the only older version kept is the one before the upload: the "Roll back to" box shows it already
    page.get_by_label("Reason (kept in the audit trail)").first.fill("uploaded twice by mistake")   # rollback's
    page.get_by_role("button", name="Roll back", exact=True).click()
    wait_rendered(page)
    assert exception_texts(page) == []
    assert people_trained(viewer, gov_server.url, "?country=Paraguay") == before
    text = page.inner_text('[data-testid="stMain"]')
    assert "a copy of " + version in text
    audit = (gov_server.workdir / "audit.jsonl").read_text()
    assert '"action": "rollback"' in audit and "uploaded twice by mistake" in audit
