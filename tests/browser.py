"""The real app in a real browser: one Streamlit server per test session and Debian's Chromium.

Used by tests/test_browser.py and tests/test_browser_mapping.py through the session fixtures `app_server`
and `chromium_browser` (tests/conftest.py). The server serves a copy of data/raw ingested into a temporary store,
on 127.0.0.1 and a free port; Chromium is /usr/bin/chromium (never a downloaded browser).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
PASSWORD = "manager-pass-for-tests"   # the data manager's password of the test server
PAGES = ["overview", "dmop_status", "training_reach", "dropout", "learning", "evaluation_findings", "indicators",
         "data_quality",
         "data"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run app.py` on a temporary copy of the built-in data."""

    def __init__(self, workdir: Path, env: dict | None = None, prepare=None):
        self.workdir = workdir
        self.prepare = prepare   # called with the raw folder once data/raw is copied, before the ingest
        self.raw = workdir / "raw"
        self.store = workdir / "parquet"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_env = env or {}
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> "AppServer":
        shutil.copytree(ROOT / "data" / "raw", self.raw)
        if self.prepare:
            self.prepare(self.raw)
        env = dict(os.environ, ATLAS_PARQUET_DIR=str(self.store), ATLAS_RAW_DIR=str(self.raw),
                   ATLAS_SECRET_FILE=str(self.workdir / "secret.key"),
                   ATLAS_SETTINGS_FILE=str(self.workdir / "settings.json"), **self.extra_env)
        subprocess.run([sys.executable, "-m", "atlas_data", "ingest", str(self.raw), "--out", str(self.store),
                        "--quiet"], cwd=ROOT, env=env, check=True, capture_output=True)
        self.log = open(self.workdir / "server.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
             f"--server.port={self.port}", "--server.address=127.0.0.1", "--server.fileWatcherType=none",
             "--browser.gatherUsageStats=false"], cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not start: {(self.workdir / 'server.log').read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if getattr(self, "log", None):
            self.log.close()


def wait_rendered(page, timeout: float = 60_000, quiet_ms: int = 1500) -> None:
    """Wait until Streamlit has finished the run: no running indicator and an unchanged page for `quiet_ms`."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout)
    page.wait_for_function(
        """([quiet]) => {
            const now = Date.now();
            const running = !!document.querySelector('[data-testid="stStatusWidget"]');
            const size = document.querySelectorAll('[data-testid="stMainBlockContainer"] *').length;
            const s = window.__atlasWait || (window.__atlasWait = {size: -1, since: now});
            if (running || size !== s.size || size < 10) { s.size = size; s.since = now; return false; }
            return now - s.since >= quiet;
        }""", arg=[quiet_ms], timeout=timeout, polling=250)
    page.evaluate("() => { window.__atlasWait = undefined; }")


def exception_texts(page) -> list[str]:
    return [e.inner_text() for e in page.query_selector_all('[data-testid="stException"]')]


def sign_in(page, url: str) -> None:
    """Open the Data page and sign in as a data manager."""
    page.goto(f"{url}/data")
    wait_rendered(page)
    page.get_by_label("Data manager password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    wait_rendered(page)


def people_trained(page, url: str, query: str = "") -> int:
    """The "People trained (KI-2)" card of Training reach (the first metric), as a number."""
    page.goto(f"{url}/training_reach{query}")
    wait_rendered(page)
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert metrics[0].split("\n")[0].startswith("People trained (KI-2)"), metrics
    return int(metrics[0].split("\n")[-1].strip().replace(",", ""))
