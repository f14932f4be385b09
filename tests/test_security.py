"""Issue 18: the server's settings, data shown as text, forged upload names, respondent codes, who may upload."""
from __future__ import annotations

import json
import os
import re
import time
import subprocess
import sys
import tomllib

from atlas_data import settings

from conftest import ROOT
from support import apptest

CONFIG = ROOT / ".streamlit" / "config.toml"


def _effective_config() -> dict[str, str]:
    """`streamlit config show` run where `make run` and tests/browser.py run it: the values in force."""
    out = subprocess.run([sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return dict(re.findall(r"^(\w+) = (.+)$", out, flags=re.M))


def test_server_config_binds_locally_hides_errors_and_limits_uploads_to_the_apps_own_limit():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] == settings.DEFAULTS["upload_limit_mb"]
    assert config["server"]["allowedHosts"] == ["127.0.0.1", "localhost"]
    assert config["client"] == {"showErrorDetails": "none", "toolbarMode": "minimal"}
    assert config["browser"]["gatherUsageStats"] is False
    shown = _effective_config()   # Streamlit 1.67 reads the file and accepts every value
    assert shown["address"] == '"127.0.0.1"' and shown["showErrorDetails"] == '"none"'
    assert shown["toolbarMode"] == '"minimal"' and shown["maxUploadSize"] == "50"
    assert shown["enableXsrfProtection"] == "true" and shown["gatherUsageStats"] == "false"


def test_no_full_garbage_collection_after_every_run():
    """Streamlit's gc.collect() after each script run was half a cached page's CPU (README "Many viewers"); the
    file turns it off, and Streamlit (a hidden option, not in `config show`) reads it so."""
    assert tomllib.loads(CONFIG.read_text(encoding="utf-8"))["runner"] == {"postScriptGC": False}
    read = subprocess.run([sys.executable, "-c", "from streamlit import config; "
                           "print(config.get_option('runner.postScriptGC'))"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert read == ["False"]


def test_make_run_and_the_test_server_agree_with_the_config_file():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^ADDRESS \?= 127\.0\.0\.1\b", makefile, flags=re.M)
    run = next(line for line in makefile.splitlines() if "atlas_data serve" in line)   # streamlit run, warmed
    browser = (ROOT / "tests" / "browser.py").read_text(encoding="utf-8")
    for flags in (run, browser):   # no flag overrides the file with another value
        assert "enableXsrfProtection=false" not in flags and "showErrorDetails" not in flags
        assert "maxUploadSize" not in flags and "toolbarMode" not in flags and "allowedHosts" not in flags
        assert "gatherUsageStats=true" not in flags and "postScriptGC" not in flags
    assert "--server.address=127.0.0.1" in browser


# ------------------------------------------------------------------ Markdown from data is shown as typed

import datetime as dt  # noqa: E402
import shutil  # noqa: E402

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from atlas_data.dashboard import ui
from atlas_data.store import uploads  # noqa: E402
from atlas_data.i18n import catalog  # noqa: E402
from filemaker import write_xlsx  # noqa: E402

# A POSIX file name cannot hold "/", so the link in the name is a mailto: one; the note holds the https one.
EVIL_FILE = "[x](mailto:a@evil.example) www.evil.example **bold**.xlsx"
EVIL_NOTE = "**bold** www.evil.example [x](https://evil.example)"
# what Markdown (GFM) would turn into bold text or a link, even with its dots and colons escaped
LIVE = ("**bold**", "](", "www.evil.example", "www\\.evil", "://", ":\\//", "a@evil", "a\\@evil")
PAGES = ["pages/1_overview.py", "pages/2_dmop_status.py", "pages/3_training_reach.py", "pages/4_dropout.py",
         "pages/5_learning.py", "pages/6_evaluation_findings.py", "pages/7_indicators.py", "pages/8_data.py"]


@pytest.fixture(scope="module")
def evil_store(tmp_path_factory):
    from atlas_data.store.ingest import ingest

    work = tmp_path_factory.mktemp("evil")
    raw = work / "raw"
    shutil.copytree(ROOT / "data" / "raw" / "paraguay", raw / "paraguay")
    write_xlsx(raw / "paraguay" / EVIL_FILE, {"Estado": [
        ["País", "DMOP", "Paso", "Estado", "Fecha de corte"],
        ["Paraguay", "Living Lab", 5, EVIL_NOTE, dt.date(2021, 10, 15)]]})
    ingest(raw, work / "parquet")
    return raw, work / "parquet"


def _markdown_texts(at: AppTest) -> list[str]:
    """Every string of the run that Streamlit renders as Markdown: captions, Markdown, alerts, static tables."""
    out = []
    for kind in ("caption", "markdown", "info", "warning", "error", "success"):
        out += [str(e.value) for e in at.get(kind)]
    for table in at.table:
        frame = table.value
        out += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    return out


@pytest.mark.slow
def test_file_names_and_status_notes_are_never_live_markdown_on_any_page(evil_store, monkeypatch, tmp_path):
    raw, store = evil_store
    monkeypatch.setattr(ui, "PARQUET_DIR", store)
    monkeypatch.setattr(ui, "RAW_DIR", raw)
    monkeypatch.setenv("ATLAS_SETTINGS_FILE", str(tmp_path / "settings.json"))
    seen_name = seen_note = False
    for page in PAGES:
        at = apptest.open_page(page, {"country": "Paraguay"})     # every "Numbers and sources" block opened
        texts = _markdown_texts(at)
        live = [t for t in texts if "evil" in t and any(mark in t for mark in LIVE)]
        assert not live, (page, live)
        seen_name |= any(ui.as_text(EVIL_FILE) in t for t in texts)
        seen_note |= any(ui.as_text(EVIL_NOTE) in t for t in texts)
    assert seen_name and seen_note   # shown, escaped: the check above looked at them


# ------------------------------------------------------------------ forged upload names

from test_data_page import ROSTER, ingested, open_page, sign_in, site  # noqa: E402,F401  (fixtures)


from test_data_page import PASSWORD, button  # noqa: E402


@pytest.mark.parametrize("name", ["roster.exe", "roster.csv.exe", "roster.csv .exe"])
def test_a_forged_upload_type_is_refused_with_a_translated_reason_never_an_exception(site, name, lang="en"):
    """(In Spanish the reason is the catalog's; AppTest trips over the Data page's translated "All files" option
    when a button is clicked with ?lang=es, so the flow is checked in English.)"""
    at = open_page(lang=lang)
    at.text_input(key="dm_password").input(PASSWORD)
    button(at, {"en": "Sign in", "es": "Iniciar sesión"}[lang]).click().run()
    at.get("file_uploader")[0].upload(name, ROSTER, "text/csv")   # what a browser's file filter would not send
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    button(at, {"en": "Check files", "es": "Revisar archivos"}[lang]).click().run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert any({"en": "were refused", "es": "Se rechazaron"}[lang] in w for w in warnings), warnings
    reasons = " ".join(" ".join(map(str, d.value.to_numpy().ravel())) for d in at.dataframe)
    assert {"en": "are not accepted", "es": "no se aceptan"}[lang] in reasons and ".exe" in reasons
    assert not (site.raw / "uploads").exists() and not list(site.raw.glob(".staging/*/*"))


@pytest.mark.parametrize("name", ["roster\x00.csv", "roster.csv\x00.exe"])
def test_a_name_with_a_nul_byte_is_refused_by_streamlit_with_no_details(site, name):
    """Streamlit 1.67 refuses a NUL in an uploaded name while reading the widget, before any page code runs
    (streamlit/elements/lib/file_uploader_utils.py); with client.showErrorDetails = "none" the box says only
    that an error occurred: no traceback, no name. Nothing is stored; uploads.check_upload refuses such a name
    too (the CLI and any other caller)."""
    at = sign_in(open_page())
    at.get("file_uploader")[0].upload(name, ROSTER, "text/csv")
    at.run()
    shown = " ".join(str(e.value) for e in at.exception)
    assert "redacted" in shown and "Traceback" not in shown and "roster" not in shown and "\x00" not in shown
    assert all(not e.stack_trace for e in at.exception)
    assert not (site.raw / "uploads").exists() and not list(site.raw.glob(".staging/*/*"))
    with pytest.raises(uploads.UploadRefused, match="character") as refused:
        uploads.check_upload(name, ROSTER, 50)
    assert refused.value.template in catalog("es")


# ------------------------------------------------------------------ respondent codes are keyed

def test_names_used_as_respondent_codes_are_stored_as_keys_and_count_the_same(tmp_path, monkeypatch):
    from atlas_data.reading import privacy
    from atlas_data.store.ingest import ingest
    from atlas_data.store.versions import current_dir
    from filemaker import parquet_text, write_csv

    monkeypatch.setenv("ATLAS_SECRET_FILE", str(tmp_path / "secret.key"))
    rows = [["País", "Código", "Pregunta", "Respuesta"]]
    for i in range(3):
        for question in ("¿Conoce el proyecto?", "¿Participó en la formación?"):
            rows.append(["Paraguay", f"Quenbarra Informante {i}", question, "Sí"])
    rows.append(["Paraguay", "KI-7", "¿Conoce el proyecto?", "No"])
    write_csv(tmp_path / "raw" / "entrevistas.csv", rows)
    ingest(tmp_path / "raw", tmp_path / "parquet")
    import duckdb
    folder = current_dir(tmp_path / "parquet")
    codes = duckdb.sql(f"SELECT respondent_id FROM read_parquet('{folder}/kii_answers/*.parquet')").fetchall()
    stored = sorted({c for (c,) in codes})
    assert len(codes) == 7 and len(stored) == 4                     # four respondents, as written
    assert stored == sorted(privacy.respondent_key(c) for c in
                            ["Quenbarra Informante 0", "Quenbarra Informante 1", "Quenbarra Informante 2", "KI-7"])
    assert all(re.fullmatch(r"R-[0-9a-f]{16}", c) for c in stored)
    assert "Quenbarra" not in parquet_text(tmp_path / "parquet") and "KI-7" not in parquet_text(tmp_path / "parquet")


# ------------------------------------------------------------------ wrong passwords across sessions

@pytest.mark.slow
def test_20_wrong_passwords_in_new_sessions_lock_the_account_for_15_minutes(site, monkeypatch):
    from atlas_data.dashboard import auth

    assert (auth.ACCOUNT_MAX_FAILURES, auth.PERSISTED_LOCKOUT_SECONDS) == (20, 15 * 60)
    for _ in range(4):                                   # a new tab each time: 4 × 5 wrong passwords
        at = open_page()
        for _ in range(auth.MAX_FAILURES):
            sign_in(at, "guess")
    at = sign_in(open_page(), PASSWORD)                 # a fresh session, the right password: still locked
    assert at.error[0].value.startswith("Too many wrong passwords; wait"), [e.value for e in at.error]
    wait = int(re.search(r"wait (\d+) seconds", at.error[0].value).group(1))
    assert 15 * 60 - 120 <= wait <= 15 * 60
    assert len(at.get("file_uploader")) == 0 and auth.TOKEN_KEY not in at.session_state
    stored = json.loads(auth.lockout_path().read_text(encoding="utf-8"))
    assert stored["account:admin"]["count"] == 20 and "guess" not in auth.lockout_path().read_text()
    later = time.time() + 15 * 60 + 1                   # once the wait is over, the right password works
    monkeypatch.setattr(auth.time, "time", lambda: later)
    at = sign_in(open_page(), PASSWORD)
    assert len(at.get("file_uploader")) == 1
    assert "account:admin" not in json.loads(auth.lockout_path().read_text(encoding="utf-8"))


def test_failures_are_counted_per_client_address(tmp_path, monkeypatch):
    from atlas_data.dashboard import auth

    monkeypatch.setattr(auth, "_client_address", lambda: "203.0.113.9")
    for _ in range(auth.CLIENT_MAX_FAILURES):
        auth._persist_failure()
    assert auth._persisted_wait() > 15 * 60 - 5          # this address waits (the account has 10 of 20)
    monkeypatch.setattr(auth, "_client_address", lambda: "198.51.100.7")
    assert auth._persisted_wait() == 0                  # another address may try


# ------------------------------------------------------------------ the audit trail

@pytest.mark.slow
def test_the_audit_trail_records_upload_settings_and_reingest_without_personal_values(site, monkeypatch):
    from atlas_data import audit
    from test_data_page import upload

    monkeypatch.setenv("ATLAS_AUDIT_FILE", str(site.tmp / "audit.jsonl"))
    at = sign_in(open_page())
    upload(at, "Asistencia junio.csv", ROSTER)                       # check, then confirm
    at.number_input(key="set_small_cell").set_value(11)
    button(at, "Save settings").click().run()
    button(at, "Ingest everything again").click().run()
    assert not at.exception
    entries = audit.read()
    assert [e["action"] for e in entries] == ["upload_checked", "upload_confirmed", "settings_changed", "reingest"]
    assert all(e["who"] == "admin" and e["at"].endswith("+00:00") for e in entries)
    assert entries[1]["files"] == ["uploads/Asistencia junio.csv"]
    assert entries[1]["tables"]["attendance"] == {"rows_kept": 3, "rows_rejected": 2}
    assert entries[2]["changes"] == {"small_cell_threshold": [5, 11]}
    text = audit.audit_path().read_text(encoding="utf-8")
    for name in ("Marta", "Ayala", "Pedro", "Fiscalía", "Policía"):       # no cell value from the file
        assert name not in text
    shown = next(d.value for d in at.dataframe if "Action" in d.value.columns)
    assert list(shown["Action"]) == ["reingest", "settings_changed", "upload_confirmed", "upload_checked"]
    out = subprocess.run([sys.executable, "-m", "atlas_data", "audit", "--last", "2"], cwd=ROOT, capture_output=True,
                         text=True, env={**os.environ, "ATLAS_AUDIT_FILE": str(audit.audit_path())}).stdout
    assert "settings_changed" in out and "small_cell_threshold: 5 → 11" in out and "upload_checked" not in out


# ------------------------------------------------------------------ versions and rollback

@pytest.mark.slow
def test_rollback_makes_an_old_version_current_as_a_new_audited_version(tmp_path, monkeypatch):
    from atlas_data import audit
    from atlas_data.store import versions as store
    from atlas_data.store.ingest import ingest
    from filemaker import write_csv

    env = {**os.environ, "ATLAS_SECRET_FILE": str(tmp_path / "secret.key"),
           "ATLAS_SETTINGS_FILE": str(tmp_path / "settings.json"), "ATLAS_AUDIT_FILE": str(tmp_path / "audit.jsonl")}
    for key in ("ATLAS_SECRET_FILE", "ATLAS_SETTINGS_FILE", "ATLAS_AUDIT_FILE"):
        monkeypatch.setenv(key, env[key])
    raw, root = tmp_path / "raw", tmp_path / "parquet"
    head = ["País", "DMOP", "Nombre", "Institución", "Sexo", "Actividad", "Fecha"]
    for n in range(1, 25):                                # 24 ingests, one more person each time
        write_csv(raw / "lista.csv", [head] + [["Paraguay", "Living Lab", f"Persona Número{chr(65 + i % 26)}{i}",
                                               "Fiscalía", "F", "Taller", "12/06/2023"] for i in range(n)])
        ingest(raw, root)
    kept = store.list_versions(root)
    assert len(kept) == 20 and kept[-1]["version"] == "v000024" and kept[-1]["current"]   # keep_versions = 20

    def people():
        import duckdb
        folder = store.current_dir(root)
        return duckdb.sql(f"SELECT count(*) FROM read_parquet('{folder}/attendance/*.parquet')").fetchall()[0][0]

    assert people() == 24
    done = subprocess.run([sys.executable, "-m", "atlas_data", "rollback", "10", "--out", str(root),
                           "--reason", "a wrong roster"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "v000025 is current: a copy of 10" in done.stdout
    assert people() == 10
    kept = store.list_versions(root)
    assert kept[-1] == {**kept[-1], "version": "v000025", "current": True, "rolled_back_from": "v000010"}
    assert any(v["version"] == "v000024" for v in kept)                 # nothing newer was deleted
    (entry,) = audit.read()
    assert entry["action"] == "rollback" and entry["reason"] == "a wrong roster"
    assert entry["changes"] == {"version": ["10", "v000025"]}
    listed = subprocess.run([sys.executable, "-m", "atlas_data", "versions", "--out", str(root)], cwd=ROOT, env=env,
                            capture_output=True, text=True).stdout
    assert "* v000025" in listed and "(copy of v000010)" in listed
    bad = subprocess.run([sys.executable, "-m", "atlas_data", "rollback", "v000001", "--out", str(root)], cwd=ROOT,
                         env=env, capture_output=True, text=True)
    assert bad.returncode == 1 and "no kept version" in bad.stderr      # deleted long ago: refused
