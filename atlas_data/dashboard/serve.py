"""`python -m atlas_data serve [STREAMLIT OPTIONS]`: ``streamlit run app.py``, with the app's modules imported and the
store's connection opened and the Overview's unfiltered queries run while the server starts (a thread), so that
the first page after a start does not wait for them (about 2 s of imports and the connection's aggregates on this project's 2-core machine). `make run` uses it.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WARMED = ("atlas_data.queries", "atlas_data.reports", "atlas_data.dashboard")


def warm() -> None:
    """Import what the pages import and open the connection the pages share (``ui.connection``, cached per store
    version). Any failure is left to the first page, which reports it as it always did."""
    try:
        for package in WARMED:
            module = importlib.import_module(package)
            for info in pkgutil.iter_modules(module.__path__):
                if info.name != "serve":
                    importlib.import_module(f"{package}.{info.name}")
        import plotly.graph_objects  # noqa: F401

        from atlas_data.dashboard import ui
        ui.connection()
        first_page()
    except Exception:  # noqa: BLE001 - the first page shows the error in the reader's language
        pass


def first_page() -> None:
    """The Overview's queries with no filter (what a fresh visit opens), cached as the page asks for them."""
    from atlas_data.dashboard import ui
    from atlas_data.queries import overview, sources
    from atlas_data.queries.sql import Filters
    from atlas_data.settings import load

    setting = load()
    ui.cached(sources.filter_options)
    ui.cached(overview.overview, Filters(), threshold=float(setting["completion_threshold"]),
              excused_counts_as_missed=bool(setting["excused_counts_as_missed"]))
    ui.cached(overview.dmops_by_step, Filters())
    ui.cached(sources.data_as_of, ("dmop_status", "attendance", "events", "tests"), Filters())   # as pages/1_overview.py
    for tables in (("dmop_status", "attendance", "events", "respondents", "kii_tally"), ("attendance",)):
        ui.cached(sources.sources, tables, Filters())


def main(options: list[str]) -> int:
    from streamlit.web import cli

    threading.Thread(target=warm, name="atlas-warm", daemon=True).start()
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *options]
    return cli.main()
