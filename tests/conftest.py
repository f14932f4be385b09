"""Shared test set-up: the page tests read a store ingested once per test process from `data/raw`.

`atlas_data.ui` reads `ATLAS_PARQUET_DIR` when it is first imported, so the variables are set here, at
import time, before any test module imports it. The secret and the settings file are temporary too, so
a test run never touches `.atlas/` or `data/settings.json`.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
_WORK = Path(tempfile.mkdtemp(prefix="atlas-tests-"))
STORE = _WORK / "parquet"

os.environ["ATLAS_PARQUET_DIR"] = str(STORE)
os.environ["ATLAS_RAW_DIR"] = str(RAW)
os.environ["ATLAS_SECRET_FILE"] = str(_WORK / "pseudonym.key")
os.environ["ATLAS_SETTINGS_FILE"] = str(_WORK / "settings.json")
for path in (str(ROOT), str(Path(__file__).parent)):
    if path not in sys.path:
        sys.path.insert(0, path)


@pytest.fixture(autouse=True)
def sign_in_failures(tmp_path, monkeypatch):
    """Each test counts wrong passwords (atlas_data.auth keeps them across sessions) and writes its audit trail
    in files of its own."""
    monkeypatch.setenv("ATLAS_LOCKOUT_FILE", str(tmp_path / "sign_in_failures.json"))
    monkeypatch.setenv("ATLAS_AUDIT_FILE", str(tmp_path / "audit.jsonl"))


@pytest.fixture(scope="session")
def builtin_store() -> Path:
    """`data/raw` ingested once into the temporary store the app reads (`ATLAS_PARQUET_DIR`)."""
    from atlas_data.store.ingest import ingest
    from atlas_data.store.versions import current_dir

    if current_dir(STORE) is None:
        ingest(RAW, STORE)
    return STORE


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory):
    """A pseudonymization secret of the test module's own (`ATLAS_SECRET_FILE`), not written yet: the module's
    first ingest creates it, as a first run does."""
    from atlas_data.reading import privacy

    path = tmp_path_factory.mktemp("secret") / "pseudonym.key"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATLAS_SECRET_FILE", str(path))
        privacy._load_secret.cache_clear()
        yield path
    privacy._load_secret.cache_clear()


@pytest.fixture
def builtin_pages(builtin_store, monkeypatch, tmp_path):
    """The pages read the built-in store, and each test writes a settings file of its own."""
    from atlas_data.dashboard import ui

    monkeypatch.setattr(ui, "PARQUET_DIR", builtin_store)
    monkeypatch.setenv("ATLAS_SETTINGS_FILE", str(tmp_path / "settings.json"))
    return builtin_store


@pytest.fixture
def written_on_click(monkeypatch) -> dict[str, bytes]:
    """Every download a page writes on click (``st.download_button`` with a callable ``data``) written as the
    page registers it, as a click would: its bytes by file name (AppTest cannot click one)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made: dict[str, bytes] = {}
    original = MediaFileManager.add_deferred

    def add(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable()
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add)
    return made


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """The real app (`streamlit run`) on a copy of data/raw, with a data manager's password
    (browser.PASSWORD); one per test session, shared by the browser test modules."""
    from atlas_data.accounts import hash_password
    from browser import PASSWORD, AppServer

    app = AppServer(tmp_path_factory.mktemp("browser"),
                    env={"ATLAS_ADMIN_PASSWORD_HASH": hash_password(PASSWORD, iterations=1000)}).start()
    yield app
    app.stop()


@pytest.fixture(scope="session")
def pristine_server(tmp_path_factory):
    """The real app on an untouched copy of data/raw, no password set: the workshop browser tests only read it,
    so they share one per test session (the numbers they expect are the built-in data's)."""
    from browser import AppServer

    app = AppServer(tmp_path_factory.mktemp("pristine-browser")).start()
    yield app
    app.stop()


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium through Playwright, one per test session."""
    playwright = pytest.importorskip("playwright.sync_api")
    from browser import CHROMIUM, CHROMIUM_ARGS

    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield WatchedBrowser(chromium)
        chromium.close()


class WatchedBrowser:
    """The Playwright browser whose every new context has `browser.watch` (what `browser.wait_rendered` reads)."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        from browser import watch

        context = self._browser.new_context(**options)
        watch(context)
        return context

    def new_page(self, **options):
        return self.new_context(**options).new_page()

    def __getattr__(self, name):
        return getattr(self._browser, name)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_WORK, ignore_errors=True)
