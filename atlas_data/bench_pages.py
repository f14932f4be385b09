"""`python -m atlas_data bench --only pages`: the dashboard's pages in Chromium, at a million attendance rows.

A seeded synthetic attendance CSV (``bench.write_csv``) is ingested into a temporary store, and a server is started on
it as ``make run`` starts it (``python -m atlas_data serve``: it runs every page once before it answers,
``answers_after_start_s`` is how long that start takes). Debian's Chromium (Playwright), in a new profile each time
(none of Streamlit's scripts in its cache), then opens, ``BROWSERS`` times one after the other (each measure is their
median; ``*_runs`` holds every run's value):

- the Overview, the first time right after the server answers (``first_page_s``);
- after reading it for ``READ_FIRST_S`` seconds, every page by its sidebar link (``warm_page_s``): the first visit
  of each by a person;
- every page once more (``cached_page_s``).

The same is measured on one replica behind nginx as `make serve-replicas` starts it (``*_nginx``: Streamlit's
scripts then come gzipped from nginx), and as before these changes (``*_before``): on a copy of the store without
the aggregates stored at ingest (``connect()`` builds them), by a bare ``streamlit run app.py`` with no warm-up of
any kind, so that each first visit runs the page's queries.

A first server, on an empty store, is started and stopped before, so that no measure pays for Python's first imports
from disk. A page's time runs from the navigation (or the click) to the last change of the page's content, with
Streamlit no longer running; the quiet second after it is not counted, nor the unseen fallback content inside a
``<canvas>``.
"""
from __future__ import annotations

import os
import shutil
import statistics
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
#: how long the reader reads the first page before the first click (s): as long as the browser takes to load the
#: other pages' chart scripts in the background (``dashboard/prefetch.py``), which a bench clicking at once would
#: measure instead of the page
READ_FIRST_S = 4
#: new browser profiles per server, one after the other: each measure is their median (one run of a page varies by
#: about a tenth of a second on this machine)
BROWSERS = 3

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
        page.wait_for_timeout(READ_FIRST_S * 1000)
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


def _time_browsers(browser, url: str, n: int = BROWSERS) -> dict:
    """``_time_pages`` in ``n`` new browser profiles one after the other, the first right after the server answers:
    the median of each measure, and every run's value (``runs``)."""
    runs = [_time_pages(browser, url) for _ in range(n)]
    median = lambda values: round(statistics.median(values), 3)    # noqa: E731
    merged = {"first_page_s": median([r["first_page_s"] for r in runs]),
              "first_page_runs": [r["first_page_s"] for r in runs]}
    for key in ("warm_page_s", "cached_page_s"):
        merged[key] = {slug: median([r[key][slug] for r in runs]) for slug in runs[0][key]}
        merged[key.replace("_s", "_runs")] = {slug: [r[key][slug] for r in runs] for slug in runs[0][key]}
    return merged


def run_pages(rows: int, work: Path, write_csv) -> dict:
    """Ingest `rows` synthetic attendance rows (`write_csv(path, rows)`: ``bench.write_csv``), then time the pages with the aggregates stored at ingest and, on a
    copy without them, as before (see the module docstring)."""
    from playwright.sync_api import sync_playwright

    from atlas_data.replicas import ReplicaSet, free_port
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
            for suffix, folder in (("", store), ("_nginx", store), ("_before", old)):
                started = time.perf_counter()
                if suffix == "_nginx":
                    server = ReplicaSet([free_port()], free_port(), work / "serve",
                                        env=dict(env, ATLAS_PARQUET_DIR=str(folder))).start()
                    url, stop = server.url, server.stop
                else:
                    process, url = _start_server(folder, work, env, serve=not suffix)
                    stop = lambda: (process.terminate(), process.wait(20))   # noqa: E731
                result[f"answers_after_start_s{suffix}"] = round(time.perf_counter() - started, 3)
                try:
                    timings = _time_browsers(browser, url)
                finally:
                    stop()
                result.update({f"{k}{suffix}": v for k, v in timings.items()})
                result[f"loadavg{suffix}"] = Path("/proc/loadavg").read_text().split()[0]
        finally:
            browser.close()
    for suffix in ("", "_nginx", "_before"):
        result[f"warm_page_max_s{suffix}"] = max(result[f"warm_page_s{suffix}"].values())
        result[f"cached_page_max_s{suffix}"] = max(result[f"cached_page_s{suffix}"].values())
    return result


def print_pages(result: dict, out) -> None:
    print(f"  pages in Chromium, {result['pages_rows']:,} attendance rows (s): `serve` / one replica behind nginx / "
          "before (bare streamlit run, aggregates built at connect); then the cached visit, the same three ways",
          file=out)
    def row(label: str, key: str, slug: str | None = None) -> None:
        cells = [result[f"{key}{suffix}"] if slug is None else result[f"{key}{suffix}"][slug]
                 for suffix in ("", "_nginx", "_before")]
        print(f"    {label:<36} {cells[0]:>7} / {cells[1]:>7} / {cells[2]:>7}", end="", file=out)
        if slug is None:
            print(file=out)
        else:
            print("   " + " / ".join(str(result[f"cached_page_s{suffix}"][slug])
                                     for suffix in ("", "_nginx", "_before")), file=out)
    row("server answers after its start", "answers_after_start_s")
    row("first page after the server start", "first_page_s")
    for slug in PAGES:
        row(f"{slug} (first visit)", "warm_page_s", slug)
    print("    first page, each browser:          " + " / ".join(str(result[f"first_page_runs{suffix}"])
                                                          for suffix in ("", "_nginx", "_before")), file=out)
    row("load average (1 min)", "loadavg")
