"""AppTest helpers shared by the page tests."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from atlas_data.dashboard.ui import NUMBERS

APP = Path(__file__).resolve().parents[2] / "app.py"


def numbers_keys(at: AppTest) -> list[str]:
    """The keys of the page's closed "Numbers and sources" blocks (each is drawn only once opened)."""
    return [e.key for e in at.expander if e.key and e.key.startswith(NUMBERS)
            and not (e.key in at.session_state and at.session_state[e.key])]


def open_page(path: str | None, params: dict, timeout: int = 90) -> AppTest:
    """app.py with ``params`` in the URL, switched to the page file ``path`` (None: the Overview), as a reader sees it
    with every "Numbers and sources" block opened; no exception allowed. The blocks are opened before a second,
    fresh run (AppTest cannot rerun a page whose select boxes show translated labels)."""
    def run(opened: list[str]) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=timeout)
        for key, value in params.items():
            at.query_params[key] = value
        for key in opened:
            at.session_state[key] = True
        at.run()
        if path and not path.endswith("1_overview.py"):
            at.switch_page(path).run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    at = run([])
    keys = numbers_keys(at)
    return run(keys) if keys else at


def read_by_the_app(monkeypatch, store: Path, raw: Path, settings_file: Path) -> None:
    """The app reads ``store`` and ``raw`` (ui's folders patched, since ui may have been imported with others; the
    variables for the Data page's ingest), with the test's own settings file and empty caches. AppTest resets
    ``PagesManager.uses_pages_directory`` before every run, so the router guard (``ui.through_router``) would rerun
    every run and drop each click; AppTest always runs app.py, the router, so the guard is left out."""
    import streamlit as st

    from atlas_data.dashboard import ui

    monkeypatch.setattr(ui, "PARQUET_DIR", store)
    monkeypatch.setattr(ui, "RAW_DIR", raw)
    monkeypatch.setenv("ATLAS_PARQUET_DIR", str(store))
    monkeypatch.setenv("ATLAS_RAW_DIR", str(raw))
    monkeypatch.setenv("ATLAS_SETTINGS_FILE", str(settings_file))
    monkeypatch.setattr(ui, "through_router", lambda *args, **kwargs: None, raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()


def data_page(lang: str = "en") -> AppTest:
    """app.py switched to the Data page in ``lang``, run; no exception allowed."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.secrets = {"atlas": {"purpose": "tests"}}
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/8_data.py").run()
    assert not at.exception, at.exception
    return at
