"""`python -m atlas_data serve [STREAMLIT OPTIONS]`: ``streamlit run app.py`` with a warm-up. While the server starts,
a thread imports the app's modules and opens the store's connection; once the server answers, a visitor of our own
(``loadtest.warm``, one websocket session on loopback) opens every page once, unfiltered, and again whenever a new
store version appears. So the first person on any page after a start or an ingest finds its queries, translations
and aggregates cached, instead of paying for them (seconds at a million attendance rows). `make run` uses it.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WARMED = ("atlas_data.queries", "atlas_data.reports", "atlas_data.dashboard")
#: How often the visitor looks for a new store version (seconds): a file read, or one GET on S3.
EVERY_S = 5.0


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
    except Exception:  # noqa: BLE001 - the first page shows the error in the reader's language
        pass


def own_url() -> str | None:
    """This server's address as a visitor on this machine reaches it, from Streamlit's options (None when it
    listens on another machine's address only: the visitor stays on loopback)."""
    from streamlit import config

    from atlas_data.dashboard.loadtest import RefusedTarget, check_target

    address = config.get_option("server.address") or "127.0.0.1"
    if address in ("0.0.0.0", "::"):
        address = "127.0.0.1"
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    host = f"[{address}]" if ":" in address else address
    url = f"http://{host}:{config.get_option('server.port')}" + (f"/{base}" if base else "")
    try:
        check_target(url, 1, 1)
    except RefusedTarget:
        return None
    return url


def visit_pages(url: str, log=print) -> None:
    """Open every page once (the first at the app's root), and say so in the server's log."""
    from atlas_data.dashboard import loadtest, ui
    from atlas_data.dashboard.page_list import SLUGS

    version, started = ui.version(), time.perf_counter()
    errors = loadtest.warm(url, pages=("",) + SLUGS[1:])
    log(f"atlas: warm-up visit of {len(SLUGS)} pages for store version {version}: "
        f"{time.perf_counter() - started:.1f} s" + (f", {len(errors)} errors: {'; '.join(errors)}" if errors else ""),
        flush=True)


def _answering_url(timeout: float = 300) -> str | None:
    """This server's URL once it answers (None: it listens on no loopback address, or gave no answer in time)."""
    from streamlit import runtime

    from atlas_data.replicas import answers

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if runtime.exists():      # the options are read once the runtime exists
            url = own_url()
            if url is None or answers(url):
                return url
        time.sleep(0.2)
    return None


def keep_warm(every: float = EVERY_S, log=print) -> None:
    """Wait for the server to answer, then visit the pages; again each time the store version changes."""
    from atlas_data.dashboard import ui

    url = _answering_url()
    if url is None:
        return
    seen = object()
    while True:
        try:
            current = ui.version()
            if current != seen:
                seen = current            # a failed visit is not retried until the next version
                visit_pages(url, log)
        except Exception as exc:  # noqa: BLE001 - the visitor never stops the server; pages report their errors
            log(f"atlas: warm-up visit failed: {type(exc).__name__}: {exc}", flush=True)
        time.sleep(every)


def _warm_then_visit() -> None:
    warm()
    keep_warm()


def main(options: list[str]) -> int:
    from streamlit.web import cli

    threading.Thread(target=_warm_then_visit, name="atlas-warm", daemon=True).start()
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *options]
    return cli.main()
