"""`python -m atlas_data bench --only pages`: the dashboard's pages in Chromium, at a million attendance rows.

A seeded synthetic attendance CSV (``bench.write_csv``) is ingested into a temporary store, and a server is started on
it as ``make run`` starts it (``python -m atlas_data serve``). Debian's Chromium (Playwright) then opens:

- the Overview right after the server answers (``first_page_s``);
- every page by its sidebar link (``warm_page_s``): the first visit of each by a person. The server's own warm-up
  visitor (``dashboard/serve.py``) has opened the pages unfiltered from the start on, or is still doing so;
- every page once more (``cached_page_s``).

A first server, on an empty store, is started and stopped before, so that no measure pays for Python's first imports
from disk. A page's time runs from the navigation (or the click) to the last change of the page's content, with
Streamlit no longer running; the quiet second after it is not counted, nor the unseen fallback content inside a
``<canvas>``.

The same is then measured as before these changes (``*_before``): on a copy of the store without the aggregates
stored at ingest (``connect()`` builds them), by a bare ``streamlit run app.py`` with no warm-up of any kind, so that
each first visit runs the page's queries.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from atlas_data.dashboard.page_list import SLUGS as PAGES   # in the sidebar's order

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
QUIET_MS = 1000

# the time of the last change of the document (nodes added or removed, text changed), from its navigation start;
# not a change inside a <canvas>: that is fallback content, never drawn (the table grid writes an accessibility
# copy of its cells there a few hundred milliseconds after it has drawn them)
_OBSERVE = """() => {
    window.__lastChange = performance.now();
    window.__changed = true;
    const drawn = m => { const e = m.target.nodeType === 1 ? m.target : m.target.parentElement;
                         return !(e && e.closest('canvas')); };
    new MutationObserver(ms => { if (ms.some(drawn)) { window.__lastChange = performance.now(); window.__changed = true; } })
        .observe(document, {subtree: true, childList: true, characterData: true});
}"""
_IDLE = """([quiet]) => {
    const running = !!document.querySelector('[data-testid="stStatusWidget"]') ||
                    !!document.querySelector('[data-stale="true"]');
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (running || !window.__changed || !main || main.querySelectorAll('*').length < 10) return false;
    return performance.now() - window.__lastChange >= quiet ? window.__lastChange : false;
}"""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(store: Path, work: Path, env: dict, serve: bool = True) -> tuple[subprocess.Popen, str]:
    """`python -m atlas_data serve` (as `make run`), or with `serve` False a bare `streamlit run app.py`."""
    port = _free_port()
    log = open(work / f"server-{port}.log", "w")
    start = ["-m", "atlas_data", "serve"] if serve else ["-m", "streamlit", "run", "app.py"]
    process = subprocess.Popen(
        [sys.executable, *start, "--server.headless=true", f"--server.port={port}",
         "--server.address=127.0.0.1", "--server.fileWatcherType=none", "--browser.gatherUsageStats=false"],
        cwd=ROOT, env=dict(env, ATLAS_PARQUET_DIR=str(store)), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"streamlit did not start: {(work / f'server-{port}.log').read_text()[-2000:]}")


def _idle_at(page) -> float:
    """performance.now() of the page's last change once Streamlit is idle (ms)."""
    handle = page.wait_for_function(_IDLE, arg=[QUIET_MS], timeout=120_000, polling=50)
    return float(handle.json_value())


def _time_pages(browser, url: str, rounds: int = 2) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(f"({_OBSERVE})()")
    try:
        page.goto(f"{url}/")            # the Overview is the app's root (`/overview` is "Page not found")
        first = _idle_at(page) / 1000      # performance.now() counts from the navigation start
        warm, cached = {}, {}
        for timings in (warm, cached)[:rounds]:
            for slug in PAGES[1:] + PAGES[:1]:
                start = page.evaluate("() => { window.__changed = false; return performance.now(); }")
                links = page.locator('[data-testid="stSidebarNav"] a')   # the first, Overview, is the app's root
                (links.first if slug == PAGES[0] else links.and_(page.locator(f'a[href$="/{slug}"]'))).click()
                timings[slug] = round((_idle_at(page) - start) / 1000, 3)
        return {"first_page_s": round(first, 3), "warm_page_s": warm, "cached_page_s": cached}
    finally:
        page.close()


def run_pages(rows: int, work: Path, write_csv) -> dict:
    """Ingest `rows` synthetic attendance rows (`write_csv(path, rows)`: ``bench.write_csv``), then time the pages with the aggregates stored at ingest and, on a
    copy without them, as before (see the module docstring)."""
    from playwright.sync_api import sync_playwright

    from atlas_data.store import versions as S
    from atlas_data.store.ingest import ingest
    from atlas_data.store.views import AGGREGATE_TABLES

    raw, store, old = work / "raw_pages", work / "store_pages", work / "store_pages_before"
    raw.mkdir(parents=True, exist_ok=True)
    write_csv(raw / "asistencia_sintetica.csv", rows)
    env = dict(os.environ, ATLAS_RAW_DIR=str(raw), ATLAS_SECRET_FILE=str(work / "pages-secret.key"),
               ATLAS_SETTINGS_FILE=str(work / "pages-settings.json"))
    saved = {k: os.environ.get(k) for k in ("ATLAS_SECRET_FILE",)}
    os.environ["ATLAS_SECRET_FILE"] = env["ATLAS_SECRET_FILE"]
    try:
        started = time.perf_counter()
        ingest(raw, store)
        ingest_s = time.perf_counter() - started
    finally:
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    shutil.copytree(store, old)
    for name in AGGREGATE_TABLES:
        shutil.rmtree(S.current_dir(old) / name)
    result = {"pages_rows": rows, "pages_ingest_s": round(ingest_s, 3)}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            process, url = _start_server(work / "empty_store", work, env)   # a warm-up: imports and disk cache
            try:
                _time_pages(browser, url, rounds=0)
            finally:
                process.terminate()
                process.wait(20)
            for suffix, folder in (("", store), ("_before", old)):
                process, url = _start_server(folder, work, env, serve=not suffix)
                try:
                    timings = _time_pages(browser, url)
                finally:
                    process.terminate()
                    process.wait(20)
                result.update({f"{k}{suffix}": v for k, v in timings.items()})
                result[f"loadavg{suffix}"] = Path("/proc/loadavg").read_text().split()[0]
        finally:
            browser.close()
    result["warm_page_max_s"] = max(result["warm_page_s"].values())
    result["warm_page_max_s_before"] = max(result["warm_page_s_before"].values())
    return result


def print_pages(result: dict, out) -> None:
    print(f"  pages in Chromium, {result['pages_rows']:,} attendance rows (s; stored aggregates / built at connect):",
          file=out)
    print(f"    {'first page after the server start':<36} {result['first_page_s']:>7} / {result['first_page_s_before']}",
          file=out)
    for slug in PAGES:
        print(f"    {slug + ' (first visit, cached)':<36} {result['warm_page_s'][slug]:>7} / "
              f"{result['warm_page_s_before'][slug]}   {result['cached_page_s'][slug]}", file=out)
    print(f"    load average (1 min)                 {result['loadavg']} / {result['loadavg_before']}", file=out)
