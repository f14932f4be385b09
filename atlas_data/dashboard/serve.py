"""`python -m atlas_data serve [STREAMLIT OPTIONS]`: ``streamlit run app.py`` with a warm-up. Before the server
answers, every page is run once in this process (``open_pages``, Streamlit's AppTest), so the first person on any
page finds its queries, translations and aggregates cached, and the server is not busy building them while that
person's browser loads (seconds at a million attendance rows). Once the server answers, a visitor of our own
(``loadtest.warm``, one websocket session on loopback) opens every page again whenever a new store version appears.
`make run` and every replica use it.
"""
from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: How often the visitor looks for a new store version (seconds): a file read, or one GET on S3.
EVERY_S = 5.0


def open_pages(log=print) -> str | None:
    """Run app.py on every page, unfiltered, in this process (AppTest, as the page tests do): the caches the
    pages share live in the process, so a server started afterwards finds them built. Returns the store version
    warmed, or None when a page failed (the first reader's page then reports it, and the visitor tries again)."""
    from streamlit import config
    from streamlit.logger import set_log_level

    from atlas_data.dashboard.page_list import PAGES

    started = time.perf_counter()
    config.get_config_options()
    set_log_level("error")          # not Streamlit's warnings that these runs have no server ("bare mode")
    try:
        from streamlit.testing.v1 import AppTest

        from atlas_data.dashboard import ui

        version = ui.version()
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        failed = []
        for path, *_ in PAGES:
            app.switch_page(path).run()
            failed += [f"{path}: {e.value}" for e in app.exception]
    except Exception as exc:  # noqa: BLE001 - the server starts anyway; its first page shows the error
        version, failed = None, [f"{type(exc).__name__}: {exc}"]
    finally:
        config._config_options = None   # the server reads config.toml again with its flags, and the log level
    log(f"atlas: warm-up of {len(PAGES)} pages before the server answers, store version {version}: "
        f"{time.perf_counter() - started:.1f} s" + (f", {len(failed)} errors: {'; '.join(failed)}" if failed else ""),
        flush=True)
    return None if failed else version


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


def keep_warm(warmed: str | None = None, every: float = EVERY_S, log=print) -> None:
    """Wait for the server to answer, then visit the pages each time the store version is not the one `warmed`."""
    from atlas_data.dashboard import ui

    url = _answering_url()
    if url is None:
        return
    seen = warmed or object()
    while True:
        try:
            current = ui.version()
            if current != seen:
                seen = current            # a failed visit is not retried until the next version
                visit_pages(url, log)
        except Exception as exc:  # noqa: BLE001 - the visitor never stops the server; pages report their errors
            log(f"atlas: warm-up visit failed: {type(exc).__name__}: {exc}", flush=True)
        time.sleep(every)


def main(options: list[str]) -> int:
    from streamlit.web import cli

    warmed = open_pages()
    threading.Thread(target=keep_warm, args=(warmed,), name="atlas-warm", daemon=True).start()
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *options]
    return cli.main()
