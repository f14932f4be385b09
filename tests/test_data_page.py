"""The Data page through Streamlit's AppTest: read-only without sign-in, the data manager's sign-in,
uploads (drag and drop), the fill-in form for missing columns, rejected rows and their download,
settings, and messages instead of tracebacks. Each test works on its own copy of data/raw and store."""
from __future__ import annotations

import ast
import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("ATLAS_SECRET_FILE", str(Path(os.environ.get("TMPDIR", "/tmp")) / "atlas-test-pseudonym.key"))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from atlas_data import accounts
from atlas_data.dashboard import auth, ui
from atlas_data.queries import reach
from atlas_data import connect, queries, settings
from atlas_data.reports import export
from atlas_data.store import uploads  # noqa: E402
from atlas_data.contract import COUNTRIES  # noqa: E402
from atlas_data.store.ingest import IngestError, ingest, read_defaults  # noqa: E402
from support import apptest

PASSWORD = "correct horse battery staple"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PASSWORD_HASH = accounts.hash_password(PASSWORD, iterations=1000)
PAGE = "pages/8_data.py"
XSS = "<script>alert(1)</script>"
BOLD = "**bold**"

# A sign-in sheet as a workshop leaves it: no country and no DMOP column, a country nowhere in its name.
SIGN_IN_SHEET = (
    "Nombre,Institución,Sexo,Actividad,Fecha\r\n"
    f"Ana Pérez,{XSS},F,Taller de inspección,09/05/2023\r\n"
    f"Juan Gómez,{BOLD},M,Taller de inspección,09/05/2023\r\n"
    "Rosa Benítez,Ministerio de Trabajo,F,Taller de inspección,09/05/2023\r\n"
).encode("utf-8")
# The same with its country and DMOP, and two rows whose dates cannot be read (they go to `rejected`).
ROSTER = (
    "País,DMOP,Nombre,Institución,Sexo,Actividad,Fecha\r\n"
    "Paraguay,Living Lab,Marta Ayala,Policía Nacional,F,Taller Living Lab 2023,12/06/2023\r\n"
    "Paraguay,Living Lab,Pedro Ruiz,Fiscalía,M,Taller Living Lab 2023,12/06/2023\r\n"
    "Paraguay,Living Lab,Luz Vera,Fiscalía,F,Taller Living Lab 2023,12/06/2023\r\n"
    f"Paraguay,Living Lab,Carlos Ibarra,Fiscalía,M,Taller Living Lab 2023,{BOLD}\r\n"
    f"Paraguay,Living Lab,Nora Díaz,Fiscalía,F,Taller Living Lab 2023,{XSS}\r\n"
).encode("utf-8")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """data/raw copied and ingested once; each test gets its own copy of both (the store is relative)."""
    base = tmp_path_factory.mktemp("data-page")
    shutil.copytree(ROOT / "data" / "raw", base / "raw")
    ingest(base / "raw", base / "parquet")
    return base


@pytest.fixture
def site(ingested, tmp_path, monkeypatch):
    """A copy of the ingested data/raw and store, which the app reads (ui's folders patched, since ui
    may have been imported with other folders), a fresh settings file and a configured password."""
    raw, store = tmp_path / "raw", tmp_path / "parquet"
    shutil.copytree(ingested / "raw", raw)
    shutil.copytree(ingested / "parquet", store)
    apptest.read_by_the_app(monkeypatch, store, raw, tmp_path / "settings.json")
    monkeypatch.setenv(auth.ENV_VAR, PASSWORD_HASH)
    yield SimpleNamespace(raw=raw, store=store, tmp=tmp_path)
    st.cache_data.clear()
    st.cache_resource.clear()


PROVIDER = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test",
            "client_id": "atlas", "client_secret": "test",
            "server_metadata_url": "https://login.example.org/.well-known/openid-configuration"}


def open_page(lang: str | None = None, secrets: dict | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    # no [auth] section unless asked, whatever a local .streamlit/secrets.toml holds
    at.secrets = secrets or {"atlas": {"purpose": "tests"}}
    if user is not None:
        at.user = user
    if lang:
        at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key="dm_password").input(password)
    button(at, "Sign in").click().run()
    assert not at.exception, at.exception
    return at


def button(at: AppTest, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return matches[0]


def table(at: AppTest, column: str):
    """The first dataframe on the page that has `column` (headers are translated)."""
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    assert frames, f"no table with {column!r}: {[list(d.value.columns) for d in at.dataframe]}"
    return frames[0]


def sheets_table(at: AppTest):
    frames = [d.value for d in at.dataframe if {"File", "Sheet", "Ingested"} <= set(d.value.columns)]
    assert frames
    return frames[0]


def last_action_sheets(at: AppTest):
    """The per-sheet table of the "Last action" box (the page's own table also has "Ingested")."""
    frames = [d.value for d in at.dataframe if "Rows kept" in d.value.columns and "Ingested" not in d.value.columns]
    assert len(frames) == 1
    return frames[0]


def rendered_texts(at: AppTest) -> list[str]:
    """Everything the page renders as Markdown (titles, alerts, captions, markdown)."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [str(m.label) for m in at.metric]
    return out


def uploader_count(at: AppTest) -> int:
    return len(at.get("file_uploader"))


def check(at: AppTest, name: str, data: bytes, mime: str = "text/csv") -> AppTest:
    """Drop a file and press "Check files": it is staged and previewed, not stored."""
    at.get("file_uploader")[0].upload(name, data, mime)
    at.run()
    button(at, "Check files").click().run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, name: str, data: bytes, mime: str = "text/csv") -> AppTest:
    """Check, then "Confirm and store" (a file refused at the check leaves nothing to confirm)."""
    check(at, name, data, mime)
    if [b for b in at.button if b.label == "Confirm and store"]:
        button(at, "Confirm and store").click().run()
        assert not at.exception, at.exception
    return at


# ------------------------------------------------------------------ who may change the data

def test_read_only_without_sign_in(site):
    at = open_page()
    assert uploader_count(at) == 0
    assert [i.value for i in at.info][0].startswith("You are viewing the data read-only")
    assert [t.label for t in at.text_input] == ["Data manager password"]
    assert not [b for b in at.button if b.label in ("Check files", "Ingest everything again", "Save settings")]
    assert len(at.number_input) == 0
    files = set(sheets_table(at)["File"])
    assert "paraguay/Asistencia ToT Policía 2021 (ILUSTRATIVO).xlsx" in files and len(files) == 16
    updates = table(at, "Last ingested")
    assert updates.set_index("Table").loc["Attendance", "Rows"] == 80


def test_without_a_configured_password_the_page_says_how_to_set_one(site, monkeypatch):
    monkeypatch.delenv(auth.ENV_VAR)
    at = open_page()
    assert uploader_count(at) == 0 and len(at.text_input) == 0
    howto = " ".join(m.value for m in at.markdown)
    assert "scripts/hash_password.py" in howto and "[atlas]" in howto and "ATLAS_ADMIN_PASSWORD_HASH" in howto


def test_a_malformed_hash_is_explained(site, monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, "pbkdf2_sha256$oops")
    at = open_page()
    assert [e.value for e in at.error] == ["The configured password hash cannot be used:"]
    assert any("must look like" in t.value for t in at.text)
    assert uploader_count(at) == 0


def test_wrong_password_refused(site):
    at = sign_in(open_page(), "not the password")
    assert [e.value for e in at.error] == ["Wrong password; nothing was changed. Try again."]
    assert uploader_count(at) == 0
    assert auth.TOKEN_KEY not in at.session_state


def test_too_many_wrong_passwords_pause_the_session(site):
    at = open_page()
    for _ in range(auth.MAX_FAILURES):
        sign_in(at, "guess")
    sign_in(at, PASSWORD)   # even the right one waits
    assert at.error[0].value.startswith("Too many wrong passwords; wait")
    assert uploader_count(at) == 0


def test_right_password_shows_the_uploader_and_sign_out_ends_it(site):
    at = sign_in(open_page())
    assert uploader_count(at) == 1
    uploader = at.get("file_uploader")[0]
    assert uploader.accept_multiple_files
    assert {"csv", "xlsx", "xlsm", "xls", "ods"} <= set(t.lstrip(".") for t in uploader.allowed_type)
    assert at.success[0].value == "Signed in as admin (Admin, every country)."
    assert len(at.number_input) == 4          # completion, small cells, upload limit, archive days
    button(at, "Sign out").click().run()
    assert uploader_count(at) == 0 and len(at.number_input) == 0
    assert at.info[0].value.startswith("You are viewing the data read-only")


def test_changing_the_password_signs_sessions_out(site, monkeypatch):
    at = sign_in(open_page())
    assert uploader_count(at) == 1
    monkeypatch.setenv(auth.ENV_VAR, accounts.hash_password("a new password", iterations=1000))
    at.run()
    assert uploader_count(at) == 0


@pytest.mark.slow
def test_identity_provider_sign_in(site, monkeypatch):
    monkeypatch.delenv(auth.ENV_VAR)
    secrets = {"auth": PROVIDER, "atlas": {"data_managers": ["ana@example.org"]}}
    at = open_page(secrets=secrets, user={"is_logged_in": False})
    assert [b.label for b in at.button if b.key == "dm_login_oidc"] == ["Sign in with your organization's account"]
    assert uploader_count(at) == 0 and len(at.text_input) == 0      # no password form, no how-to
    assert not [m for m in at.markdown if "hash_password.py" in m.value]

    at = open_page(secrets=secrets, user={"is_logged_in": True, "email": "Ana@example.org", "name": "Ana"})
    assert uploader_count(at) == 1

    at = open_page(secrets=secrets, user={"is_logged_in": True, "email": "someone@example.org"})
    assert uploader_count(at) == 0
    assert [w.value for w in at.warning] == ["Your account is signed in but is not on the list of data managers."]


# ------------------------------------------------------------------ uploads

@pytest.mark.slow
def test_upload_by_drag_and_drop_shows_everywhere_without_restart(site):
    con = connect(site.store)
    before = reach.reach(con, by="dmop")
    at = sign_in(open_page())
    version = ui.version()
    upload(at, "Asistencia Living Lab 2023.csv", ROSTER)
    assert (site.raw / "uploads" / "Asistencia Living Lab 2023.csv").read_bytes() == ROSTER
    assert ui.version() != version
    result = table(at, "Result")
    assert result.to_dict("records") == [{
        "File": "uploads/Asistencia Living Lab 2023.csv", "Result": "stored",
        "Message": "Asistencia Living Lab 2023.csv: stored as uploads/Asistencia Living Lab 2023.csv"}]
    sheets = sheets_table(at).set_index("File")
    row = sheets.loc["uploads/Asistencia Living Lab 2023.csv"]
    assert (row["Table"], row["Rows kept"], row["Rows rejected"]) == ("Attendance", 3, 2)
    assert uploader_count(at) == 1 and not at.get("file_uploader")[0].value   # emptied for the next one
    # another page's query sees the new rows (the store version changed, so caches miss)
    after = reach.reach(connect(site.store), by="dmop")
    roster = lambda df: df[(df["source"] == "roster") & (df["dmop"] == "Living Lab")]["people"].sum()  # noqa: E731
    assert roster(after) == roster(before) + 3
    assert ui.cached(reach.reach, queries.Filters(countries=("Paraguay",)), by="activity").query(
        "activity == 'Taller Living Lab 2023'")["people"].tolist() == [3]


def staged_sheets(at: AppTest):
    """The table of the files being checked (one row per file and sheet)."""
    return table(at, "Columns read by")


def mapping_steps(at: AppTest) -> list[str]:
    return [e.label for e in at.expander if e.label.startswith("Map the columns of")]


def roster_people(store) -> int:
    people = reach.reach(connect(store), by="dmop")
    return int(people[people["source"] == "roster"]["people"].sum())


@pytest.mark.slow
def test_a_checked_upload_shows_what_it_would_give_and_stores_nothing_until_confirmed(site):
    at = sign_in(open_page())
    version, people = ui.version(), roster_people(site.store)
    check(at, "Asistencia Living Lab 2023.csv", ROSTER)
    assert staged_sheets(at).to_dict("records") == [{
        "File": "uploads/Asistencia Living Lab 2023.csv", "Sheet": "", "Table": "Attendance", "Rows kept": 3,
        "Rows rejected": 2, "Status": "OK", "Columns read by": ""}]
    assert "Sheet –: Attendance, 3 rows kept, 2 rows rejected." in [w.value for w in at.warning]
    reasons = table(at, "Reason")["Reason"].tolist()
    assert len(reasons) == 2 and all("uploads/Asistencia Living Lab 2023.csv, row" in r for r in reasons)
    preview = next(d.value for d in at.dataframe if "participant_key" in d.value.columns)
    assert len(preview) == 3 and preview["participant_key"].str.startswith("P-").all()
    assert set(preview["institution"]) == {"Policía Nacional", "Fiscalía"}
    assert not {"Marta Ayala", "Pedro Ruiz"} & set(preview.astype(str).to_numpy().ravel())
    assert mapping_steps(at) == [] and uploader_count(at) == 0
    # nothing stored yet: not in data/raw/uploads, not in the store
    assert not (site.raw / "uploads").exists()
    assert ui.version() == version and roster_people(site.store) == people
    assert [p.name for p in (site.raw / ".staging").iterdir()] and "Last action" not in [s.value for s in at.subheader]

    button(at, "Confirm and store").click().run()
    assert not at.exception
    assert (site.raw / "uploads" / "Asistencia Living Lab 2023.csv").read_bytes() == ROSTER
    assert list((site.raw / ".staging").iterdir()) == []
    assert table(at, "Result")["Result"].tolist() == ["stored"]
    assert last_action_sheets(at)[["File", "Rows kept", "Rows rejected"]].values.tolist() == [
        ["uploads/Asistencia Living Lab 2023.csv", 3, 2]]
    assert ui.version() != version and roster_people(site.store) == people + 3
    assert uploader_count(at) == 1


def test_cancel_stores_nothing_and_brings_the_uploader_back(site):
    at = sign_in(open_page())
    check(at, "Asistencia Living Lab 2023.csv", ROSTER)
    button(at, "Cancel").click().run()
    assert not at.exception
    assert uploader_count(at) == 1 and not [b for b in at.button if b.label == "Confirm and store"]
    assert list((site.raw / ".staging").iterdir()) == [] and not (site.raw / "uploads").exists()


@pytest.mark.slow
def test_a_roster_of_unknown_headers_is_mapped_once_and_next_month_needs_no_mapping(site):
    from filemaker import COMPANY_HEADERS, COMPANY_MAPPING, company_roster

    october = company_roster(site.tmp / "Asistencia octubre.xlsx", 10, 20).read_bytes()
    people = roster_people(site.store)
    at = sign_in(open_page())
    check(at, "Asistencia octubre.xlsx", october, XLSX)
    assert staged_sheets(at)[["Sheet", "Table", "Rows kept"]].values.tolist() == [["Hoja1", "", 0]]
    assert "Sheet Hoja1: matches no table; its rows would not be stored. Map its columns below." in [
        w.value for w in at.warning]
    assert len(mapping_steps(at)) == 1
    head = next(d.value for d in at.dataframe if list(d.value.columns) == ["A", "B", "C", "D", "E"])
    assert head.iloc[0].tolist() == COMPANY_HEADERS and len(head) == 8       # from the header row down
    assert at.selectbox(key="st_0_0_table").value == "attendance"
    picks = [at.selectbox(key=f"st_0_0_attendance_{n}") for n in range(5)]
    assert [b.label for b in picks] == COMPANY_HEADERS
    assert [b.value for b in picks] == ["ignore"] * 5                        # nothing recognized
    assert picks[0].format_func("participant_name") == "Participant name (participant_name)"
    for box, header in zip(picks, COMPANY_HEADERS):
        box.set_value(COMPANY_MAPPING[header])
    button(at, "Preview with this mapping").click().run()
    assert not at.exception
    assert staged_sheets(at)[["Table", "Rows kept", "Rows rejected", "Columns read by"]].values.tolist() == [
        ["Attendance", 20, 0, "the mapping being tried"]]
    assert "Preview updated with this mapping (not saved yet: confirming stores it with the file)." in [
        i.value for i in at.info]
    assert not (site.raw / "uploads").exists() and roster_people(site.store) == people
    button(at, "Save mapping").click().run()
    assert not at.exception
    staged = at.session_state["data_staged"]
    assert (staged.folder / "Asistencia octubre.xlsx.mapping.csv").is_file()
    button(at, "Confirm and store").click().run()
    assert not at.exception
    assert sorted(p.name for p in (site.raw / "uploads").iterdir()) == [
        "Asistencia octubre.xlsx", "Asistencia octubre.xlsx.mapping.csv"]
    assert roster_people(site.store) == people + 20

    november = company_roster(site.tmp / "nov.xlsx", 11, 25, first=100).read_bytes()
    check(at, "Asistencia noviembre.xlsx", november, XLSX)
    assert mapping_steps(at) == []
    assert staged_sheets(at)[["Table", "Rows kept", "Rows rejected", "Columns read by"]].values.tolist() == [
        ["Attendance", 25, 0, "uploads/Asistencia octubre.xlsx.mapping.csv"]]
    button(at, "Confirm and store").click().run()
    assert roster_people(site.store) == people + 45


@pytest.mark.slow
def test_values_the_whole_file_lacks_are_given_at_the_check(site):
    at = sign_in(open_page())
    check(at, "Lista de firmas taller.csv", SIGN_IN_SHEET)
    assert staged_sheets(at)[["Table", "Rows kept", "Rows rejected"]].values.tolist() == [["Attendance", 0, 3]]
    assert len(mapping_steps(at)) == 1
    assert at.selectbox(key="st_0_0_value_country").options == ["(choose)", *COUNTRIES]
    at.selectbox(key="st_0_0_value_country").set_value("Paraguay")
    at.text_input(key="st_0_0_value_dmop").input("Inspección laboral")
    button(at, "Preview with this mapping").click().run()
    assert not at.exception
    assert staged_sheets(at)[["Table", "Rows kept", "Rows rejected"]].values.tolist() == [["Attendance", 3, 0]]
    assert "Preview updated with these values; confirming stores them with the file." in [i.value for i in at.info]
    assert not (site.raw / "uploads").exists()
    button(at, "Confirm and store").click().run()
    raw_file = site.raw / "uploads" / "Lista de firmas taller.csv"
    assert raw_file.read_bytes() == SIGN_IN_SHEET
    assert read_defaults(raw_file) == {"country": "Paraguay", "dmop": "Inspección laboral"}
    assert not (raw_file.parent / "Lista de firmas taller.csv.mapping.csv").exists()   # its headers were read
    row = sheets_table(at).set_index("File").loc["uploads/Lista de firmas taller.csv"]
    assert (row["Rows kept"], row["Rows rejected"], row["Status"]) == (3, 0, "OK")


@pytest.mark.slow
def test_a_mapping_that_cannot_be_used_says_why(site):
    from filemaker import company_roster

    at = sign_in(open_page())
    check(at, "Asistencia.xlsx", company_roster(site.tmp / "a.xlsx", 10, 3).read_bytes(), XLSX)
    for key in ("st_0_0_attendance_1", "st_0_0_attendance_3"):
        at.selectbox(key=key).set_value("institution")
    button(at, "Preview with this mapping").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["This mapping cannot be used:"]
    assert any("two headers are mapped to institution" in t.value for t in at.text)


def test_names_and_headers_from_the_file_are_shown_as_text_in_the_mapping_step(site):
    from filemaker import write_xlsx

    workbook = write_xlsx(site.tmp / "x.xlsx", {"<b>hoja<b>": [
        [BOLD, "[enlace](http://x.example)", "Tema"], ["Ana Uno", "a", "b"], ["Luz Dos", "c", "d"]]}).read_bytes()
    at = sign_in(open_page())
    check(at, "**lista**.xlsx", workbook, XLSX)
    (label,) = mapping_steps(at)
    assert label == r"Map the columns of \_\_lista\_\_\.xlsx \[\<b\>hoja\<b\>\]"   # `*` is no file name character
    assert r"Sheet \<b\>hoja\<b\>: matches no table" in " ".join(w.value for w in at.warning)
    headers = [at.selectbox(key=f"st_0_0_attendance_{n}").label for n in range(3)]
    # a word joiner after "http:" keeps GFM from linking the bare URL (ui.as_text)
    assert headers == [r"\*\*bold\*\*", "\\[enlace\\]\\(http\\:\u2060//x\\.example\\)", "Tema"]
    head = next(d.value for d in at.dataframe if list(d.value.columns) == ["A", "B", "C"])
    assert head.iloc[0].tolist() == [BOLD, "[enlace](http://x.example)", "Tema"]    # the grid shows them as written


def test_the_check_in_spanish(site):
    """One run only: AppTest calls a selectbox's format_func outside the session, in English, on a rerun."""
    from atlas_data.dashboard import datapage
    from atlas_data.store import staging

    staged = staging.stage([("Lista de firmas taller.csv", SIGN_IN_SHEET)], site.raw, 50)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets = {"atlas": {"purpose": "tests"}}
    at.query_params["lang"] = "es"
    at.session_state[auth.TOKEN_KEY] = accounts.start_session(accounts.Account("admin", "admin", (), PASSWORD_HASH))
    at.session_state[datapage.STAGED_KEY] = staged
    at.session_state[datapage.STAGED_REPORT_KEY] = staging.preview(staged, site.raw, site.store)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert {"Confirmar y guardar", "Cancelar", "Vista previa con esta asignación", "Guardar la asignación"} <= {
        b.label for b in at.button}
    assert [e.label for e in at.expander if e.label.startswith("Asignar las columnas de")]
    assert table(at, "Columnas leídas según")[["Tabla", "Filas conservadas", "Filas rechazadas"]].values.tolist() == [
        ["Asistencia", 0, 3]]
    assert "Hoja –: Asistencia, 0 filas conservadas, 3 filas rechazadas." in [w.value for w in at.warning]


def test_the_page_action_as_a_function(site):
    """The same path the upload button takes, without the browser: save_and_ingest, then the page."""
    result = uploads.save_and_ingest([("../../Asistencia Living Lab 2023.csv", ROSTER)], ui.RAW_DIR, ui.PARQUET_DIR,
                                     settings.load()["upload_limit_mb"])
    assert result.error is None and [s.rel for s in result.saved] == ["uploads/Asistencia Living Lab 2023.csv"]
    at = open_page()
    row = sheets_table(at).set_index("File").loc["uploads/Asistencia Living Lab 2023.csv"]
    assert row["Rows kept"] == 3


@pytest.mark.slow
def test_hostile_uploads_are_refused_with_a_message(site):
    import io
    import zipfile

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(b"\0" * (1024 * 1024))
    at = sign_in(open_page())
    at.get("file_uploader")[0].set_value([
        ("Asistencia.xlsx", bomb.getvalue(), "application/vnd.ms-excel"),
        ("Lista.xlsx.defaults.csv", b"column,value\ncountry,Paraguay\n", "text/csv"),
        ("../../../etc/Asistencia Living Lab 2023.csv", ROSTER, "text/csv"),
    ])
    at.run()
    button(at, "Check files").click().run()
    assert not at.exception
    assert at.warning[0].value == "2 file(s) were refused and not stored."
    assert not (site.raw / "uploads").exists()
    button(at, "Confirm and store").click().run()
    assert not at.exception
    assert at.warning[0].value == "2 file(s) were refused and not stored."
    result = table(at, "Result").set_index("File")
    assert "zip bomb" in result.loc["Asistencia.xlsx", "Message"]
    assert "written by the Data page" in result.loc["Lista.xlsx.defaults.csv", "Message"]
    assert result.loc["uploads/Asistencia Living Lab 2023.csv", "Result"] == "stored"
    assert sorted(p.name for p in (site.raw / "uploads").iterdir()) == ["Asistencia Living Lab 2023.csv"]
    assert not (site.tmp / "etc").exists()


@pytest.mark.slow
def test_an_upload_over_the_limit_is_refused(site):
    settings.save({"upload_limit_mb": 1})
    at = sign_in(open_page())
    assert "(up to 1 MB each)" in at.get("file_uploader")[0].label
    upload(at, "big.csv", ROSTER + b"x" * (1024 * 1024))
    assert "above the limit of 1 MB" in table(at, "Result")["Message"][0]
    assert not (site.raw / "uploads").exists()


def test_ingest_again_with_nothing_new_says_so(site):
    at = sign_in(open_page())
    button(at, "Ingest everything again").click().run()
    assert not at.exception
    assert "Nothing changed since the last ingest." in [s.value for s in at.success]


def test_ingest_again_picks_up_a_file_put_in_the_folder(site):
    (site.raw / "paraguay" / "Asistencia Living Lab 2023.csv").write_bytes(ROSTER)
    at = sign_in(open_page())
    button(at, "Ingest everything again").click().run()
    assert last_action_sheets(at)[["File", "Rows kept", "Rows rejected"]].values.tolist() == [
        ["paraguay/Asistencia Living Lab 2023.csv", 3, 2]]
    assert at.warning[0].value == "Ingest done: 3 rows kept, 2 rows rejected."


def test_a_failed_ingest_shows_the_message_not_a_traceback(site, monkeypatch):
    def locked(*args, **kwargs):
        raise IngestError("another ingest is running on the store; try again in a minute")

    monkeypatch.setattr(uploads, "ingest", locked)
    at = sign_in(open_page())
    button(at, "Ingest everything again").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The ingest did not finish; the data shown is unchanged."]
    assert [t.value for t in at.text] == ["another ingest is running on the store; try again in a minute"]
    assert "Traceback" not in " ".join(rendered_texts(at))


# ------------------------------------------------------------------ what a sheet lacks

@pytest.mark.slow
def test_a_sheet_without_country_and_dmop_gets_a_form_and_then_its_rows_are_kept(site):
    at = sign_in(open_page())
    upload(at, "Lista de firmas taller.csv", SIGN_IN_SHEET)
    row = sheets_table(at).set_index("File").loc["uploads/Lista de firmas taller.csv"]
    assert (row["Rows kept"], row["Rows rejected"], row["Status"]) == (0, 3, "rejected")
    assert "Missing columns" in [s.value for s in at.subheader]
    assert any(i.value.startswith("A sheet lacks a column the contract requires") for i in at.info)
    assert [t.value for t in at.text if t.value.startswith("Missing:")] == ["Missing: Country, DMOP"]
    country = at.selectbox(key="fill_0_country")
    assert country.options == ["(choose)", "Paraguay", "Thailand", "Liberia", "Argentina", "Bolivia"]
    dmop = at.selectbox(key="fill_0_dmop")
    assert "Living Lab" in dmop.options            # known DMOPs of the data
    country.set_value("Paraguay")
    at.text_input(key="fill_0_dmop_text").input("Inspección laboral")
    button(at, "Save for the whole file and ingest again").click().run()
    assert not at.exception

    raw_file = site.raw / "uploads" / "Lista de firmas taller.csv"
    assert raw_file.read_bytes() == SIGN_IN_SHEET
    assert read_defaults(raw_file) == {"country": "Paraguay", "dmop": "Inspección laboral"}
    row = sheets_table(at).set_index("File").loc["uploads/Lista de firmas taller.csv"]
    assert (row["Rows kept"], row["Rows rejected"], row["Status"]) == (3, 0, "OK")
    assert "Missing columns" not in [s.value for s in at.subheader]
    assert last_action_sheets(at)[["File", "Rows kept", "Status"]].values.tolist() == [
        ["uploads/Lista de firmas taller.csv", 3, "OK"]]
    assert at.success[-1].value == "Ingest done: 3 rows kept, 0 rows rejected."
    people = reach.reach(connect(site.store), queries.Filters(dmops=("Inspección laboral",)), by="institution")
    assert set(people["institution"]) == {XSS, BOLD, "Ministerio de Trabajo"}   # stored literally


def test_the_fill_in_form_needs_a_sign_in(site):
    uploads.save_and_ingest([("Lista de firmas taller.csv", SIGN_IN_SHEET)], site.raw, site.store, 50)
    at = open_page()
    assert [t.value for t in at.text if t.value.startswith("Missing:")] == ["Missing: Country, DMOP"]
    assert "Sign in as a data manager to fill these in." in [c.value for c in at.caption]
    assert len(at.selectbox(key="rejected_file").options) >= 1
    assert not [s for s in at.selectbox if s.key == "fill_0_country"]


@pytest.mark.slow
def test_an_existing_defaults_file_prefills_the_form(site):
    uploads.save_and_ingest([("Lista de firmas taller.csv", SIGN_IN_SHEET)], site.raw, site.store, 50)
    uploads.write_defaults(site.raw / "uploads" / "Lista de firmas taller.csv", {"activity": "Taller"})
    uploads.run_ingest(site.raw, site.store)
    at = sign_in(open_page())
    at.selectbox(key="fill_0_country").set_value("Bolivia")
    button(at, "Save for the whole file and ingest again").click().run()
    # the DMOP is still missing: the form stays, with the country kept
    assert read_defaults(site.raw / "uploads" / "Lista de firmas taller.csv") == {"activity": "Taller",
                                                                                   "country": "Bolivia"}
    assert [t.value for t in at.text if t.value.startswith("Missing:")] == ["Missing: DMOP"]
    assert [s for s in at.selectbox if s.key == "fill_0_dmop"]


# ------------------------------------------------------------------ rejected rows, shown as text

def test_rejected_rows_table_and_download_show_values_literally(site, monkeypatch):
    downloads = []
    original = export.to_csv_bytes

    def recording(df, about=None, lang="en"):
        data = original(df, about, lang)
        downloads.append(data)
        return data

    monkeypatch.setattr(export, "to_csv_bytes", recording)
    # Markup that could not be someone's name is kept and shown as written; words (which could be a name)
    # are stored only as their kind, so `**bold**` and the script are not shown at all.
    literal_bold, literal_tag = "**12**", "<x>1</x>"
    roster = ROSTER + (f"Paraguay,Living Lab,Rita Soto,Fiscalía,F,Taller Living Lab 2023,{literal_bold}\r\n"
                       f"Paraguay,Living Lab,Inés Paz,Fiscalía,F,Taller Living Lab 2023,{literal_tag}\r\n").encode()
    uploads.save_and_ingest([("Asistencia Living Lab 2023.csv", roster)], site.raw, site.store, 50)
    at = open_page()
    rejected = table(at, "Value")
    mine = rejected[rejected["File"] == "uploads/Asistencia Living Lab 2023.csv"].sort_values("Row")
    assert list(mine["Value"]) == ["text, 8 characters", "text, 25 characters", literal_bold, literal_tag]
    assert list(mine["Row"]) == [5, 6, 7, 8] and set(mine["Column"]) == {"session_date"}
    reasons = " ".join(mine["Reason"])
    assert literal_bold in reasons and literal_tag in reasons and BOLD not in reasons and "alert" not in reasons
    assert [b.label for b in at.get("download_button")] == ["Download the rejected rows (CSV)",
                                                            "Download the translations sheet to fill in"]
    csv_text = downloads[0].decode("utf-8-sig")
    assert literal_bold in csv_text and literal_tag in csv_text and BOLD not in csv_text and XSS not in csv_text
    for text in rendered_texts(at):
        assert "alert(1)" not in text and "bold" not in text and "**12" not in text and "<x>" not in text, text


def test_a_formula_in_a_rejected_value_is_neutralized_in_the_download(site, monkeypatch):
    downloads = []
    monkeypatch.setattr(export, "to_csv_bytes", lambda df, about=None, lang="en": downloads.append(df) or
                        export.inert_frame(df).to_csv(index=False).encode("utf-8-sig"))
    # (a formula of words, `=HYPERLINK("http://x")`, is not stored at all: it could hold a name)
    roster = ROSTER.replace(BOLD.encode(), b"=1+2")
    uploads.save_and_ingest([("Asistencia Living Lab 2023.csv", roster)], site.raw, site.store, 50)
    at = open_page()
    at.selectbox(key="rejected_file").set_value("uploads/Asistencia Living Lab 2023.csv").run()
    shown = table(at, "Value")
    assert "=1+2" in set(shown["Value"])        # the table shows it as written
    data = export.inert_frame(downloads[-1]).to_csv(index=False)
    assert "'=1+2" in data and "\n=1+2" not in data and ",=1+2" not in data
    assert set(downloads[-1]["File"]) == {"uploads/Asistencia Living Lab 2023.csv"}   # headers as on screen


# ------------------------------------------------------------------ settings, language

def test_settings_are_saved(site):
    at = sign_in(open_page())
    at.number_input(key="set_completion").set_value(80)
    at.number_input(key="set_small_cell").set_value(3)
    at.number_input(key="set_upload_limit").set_value(20)
    at.checkbox(key="set_excused_missed").check()
    at.toggle(key="set_publish").set_value(True)
    at.checkbox(key="set_buddhist_era").uncheck()
    button(at, "Save settings").click().run()
    assert not at.exception
    assert [s.value for s in at.success][-1] == "Settings saved."
    assert settings.load() == {"completion_threshold": 0.8, "small_cell_threshold": 3, "upload_limit_mb": 20,
                               "excused_counts_as_missed": True, "keep_versions": 20,  # not on the form
                               "publish_mode": True, "archive_keep_days": 90, "thai_buddhist_era": False}
    assert "(up to 20 MB each)" in at.get("file_uploader")[0].label


def test_the_page_in_spanish(site):
    at = open_page(lang="es")
    assert at.title[0].value == "Datos"
    assert at.info[0].value.startswith("Está viendo los datos en modo de solo lectura")
    assert {"Archivo", "Hoja", "Tabla", "Filas conservadas"} <= set(at.dataframe[0].value.columns)
    assert "Asistencia" in set(table(at, "Último procesamiento")["Tabla"])


def test_a_hidden_rejected_value_is_described_in_spanish(site):
    uploads.save_and_ingest([("Asistencia Living Lab 2023.csv", ROSTER)], site.raw, site.store, 50)
    at = open_page(lang="es")
    rejected = table(at, "Valor")
    mine = rejected[rejected["Archivo"] == "uploads/Asistencia Living Lab 2023.csv"].sort_values("Fila")
    assert list(mine["Valor"]) == ["texto, 8 caracteres", "texto, 25 caracteres"]


def test_the_page_in_thai(site):
    uploads.save_and_ingest([("Asistencia Living Lab 2023.csv", ROSTER)], site.raw, site.store, 50)
    at = open_page(lang="th")
    assert at.title[0].value == "ข้อมูล"
    assert at.info[0].value.startswith("ท่านกำลังดูข้อมูลแบบอ่านอย่างเดียว")
    assert {"ไฟล์", "แผ่นงาน", "ตาราง", "แถวที่เก็บไว้"} <= set(at.dataframe[0].value.columns)
    assert "การเข้าร่วม" in set(table(at, "นำเข้าครั้งล่าสุด")["ตาราง"])
    rejected = table(at, "ค่า")
    mine = rejected[rejected["ไฟล์"] == "uploads/Asistencia Living Lab 2023.csv"].sort_values("แถว")
    assert list(mine["ค่า"]) == ["ข้อความ, 8 ตัวอักษร", "ข้อความ, 25 ตัวอักษร"]


def _page_strings() -> set[str]:
    """Every English string the page, its panels and the upload messages pass through ui.tr."""
    from atlas_data.reading.messages import CATALOG

    strings: set[str] = set()
    dashboard = ROOT / "atlas_data" / "dashboard"
    tree = ast.Module(body=[node for path in (ROOT / PAGE, dashboard / "datapage.py", dashboard / "datapanels.py")
                            for node in ast.parse(path.read_text(encoding="utf-8")).body], type_ignores=[])
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "tr" and node.args \
                and isinstance(node.args[0], ast.Constant):
            strings.add(node.args[0].value)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "show_table" \
                and isinstance(node.args[1], ast.Dict):                      # a *_LABELS name is read below
            strings |= set(ast.literal_eval(node.args[1]).values())
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "").endswith("_LABELS"):
            strings |= set(ast.literal_eval(node.value).values())
    source = ast.Module(body=[*ast.parse((ROOT / "atlas_data" / "store" / "uploads.py").read_text(encoding="utf-8")).body,
                              *ast.parse((ROOT / "atlas_data" / "store" / "staging.py").read_text(encoding="utf-8")).body],
                        type_ignores=[])
    for node in ast.walk(source):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "UploadRefused":
            strings.add(CATALOG[node.args[0].value].template)
        if isinstance(node, ast.keyword) and node.arg == "code" and isinstance(node.value, ast.Constant):
            strings.add(CATALOG[node.value.value].template)
    return strings


def test_every_string_of_the_page_has_a_spanish_translation():
    from atlas_data.i18n import catalog

    catalog.cache_clear()
    for lang in ("es", "th"):
        translated_texts = catalog(lang)
        missing = sorted(s for s in _page_strings() if s not in translated_texts)
        assert not missing, (lang, missing)
        mine = json.loads((ROOT / "atlas_data" / "locales" / lang / "data_page.json").read_text(encoding="utf-8"))
        for english, translated in mine.items():
            assert set(_fields(english)) == set(_fields(translated)), (lang, english)


def _fields(text: str) -> list[str]:
    import string
    return [f for _, f, _, _ in string.Formatter().parse(text) if f]
