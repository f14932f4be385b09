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


# Added to every page before Streamlit's own scripts (`watch`; the `chromium_browser` fixture adds it to every context):
# the time of the page's last change (a MutationObserver) or input (a click, a key, a file set: Streamlit sends the
# run it asks for a moment later, from a setTimeout), and whether every run the page asked for has ended, read from
# the websocket's messages: a BackMsg whose field is `rerun_script` (11) or `file_urls_request` (16, an upload, whose
# rerun follows) opens a request; a ForwardMsg `new_session` (4, sent as a run starts) and then a `script_finished`
# (6) other than FINISHED_EARLY_FOR_RERUN (2) close it. Only the top-level tags of the protobuf messages are read
# (streamlit/proto/BackMsg.proto, ForwardMsg.proto).
WATCH = r"""(() => {
  if (window.__atlasWatch) return;
  const w = window.__atlasWatch = {lastChange: performance.now(), asked: 0, started: false, done: false, runs: 0};
  const touch = () => { w.lastChange = performance.now(); };
  new MutationObserver(touch).observe(document, {subtree: true, childList: true, characterData: true,
                                                 attributes: true});
  for (const type of ["pointerdown", "pointerup", "click", "keydown", "keyup", "input", "change", "drop"]) {
    window.addEventListener(type, touch, true);
  }
  const fields = (bytes) => {         // the top-level field numbers of a protobuf message, and its varints
    const out = [];
    let i = 0;
    const varint = () => { let v = 0, m = 1, b; do { b = bytes[i++]; v += (b & 127) * m; m *= 128; } while (b & 128);
                           return v; };
    while (i < bytes.length) {
      const tag = varint(), field = Math.floor(tag / 8), type = tag & 7;
      if (type === 0) out.push([field, varint()]);
      else if (type === 2) { const n = varint(); out.push([field, null]); i += n; }
      else if (type === 1) { out.push([field, null]); i += 8; }
      else if (type === 5) { out.push([field, null]); i += 4; }
      else break;
    }
    return out;
  };
  const asBytes = (d) => d instanceof ArrayBuffer ? new Uint8Array(d)
                       : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : null;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const bytes = asBytes(event.data);
        if (!bytes) return;
        for (const [field, value] of fields(bytes)) {
          if (field === 4) w.started = true;
          if (field === 6 && value !== 2 && w.started) { w.done = true; w.runs += 1; }
        }
        touch();
      });
    }
    send(data) {
      const bytes = asBytes(data);
      if (bytes && fields(bytes).some(([field]) => field === 11 || field === 16)) {
        w.asked += 1; w.started = false; w.done = false;
      }
      return super.send(data);
    }
  };
})();"""

# Whether Streamlit has finished: connected, not running, every run asked for ended, nothing stale, no running
# indicator, no placeholder of a part still loading; and for `quiet` ms since the page's last change or input, and
# since any of this was last seen otherwise.
RENDERED = """([quiet]) => {
    const w = window.__atlasWatch;
    const app = document.querySelector('[data-testid="stApp"]');
    const size = document.querySelectorAll('[data-testid="stMainBlockContainer"] *').length;
    const busy = !app || app.dataset.testConnectionState !== 'CONNECTED' || app.dataset.testScriptState !== 'notRunning'
        || !w.done || size < 10
        || !!document.querySelector('[data-stale="true"], [data-testid="stStatusWidget"], [data-testid="stSkeleton"]');
    if (busy) { w.lastChange = performance.now(); return false; }
    return performance.now() - w.lastChange >= quiet;
}"""


def watch(context) -> None:
    """Every page of this Playwright context records its changes and its runs for `wait_rendered`."""
    context.add_init_script(WATCH)


def wait_rendered(page, timeout: float = 60_000, quiet_ms: int = 1500) -> None:
    """Wait until Streamlit has finished every run the page asked for (its load, a click, a choice, an upload …), with
    nothing stale or running, and the page has had no change and no input for `quiet_ms` since (charts and tables
    drawn; the run an input asks for is sent a moment after it). A page already still returns at once."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout)
    if not page.evaluate("() => !!window.__atlasWatch"):
        raise RuntimeError("the page was opened without browser.watch(context): wait_rendered cannot see its runs")
    try:
        page.wait_for_function(RENDERED, arg=[quiet_ms], timeout=timeout, polling=100)
    except Exception as error:
        state = page.evaluate("""() => ({watch: window.__atlasWatch,
            app: {...(document.querySelector('[data-testid="stApp"]') || {dataset: {}}).dataset},
            stale: document.querySelectorAll('[data-stale="true"]').length})""")
        raise AssertionError(f"the page did not settle within {timeout / 1000:.0f} s: {state}") from error


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
    return people_trained_shown(page)


def people_trained_shown(page) -> int:
    """The "People trained (KI-2)" card of the Training reach page open in `page`, as a number."""
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert metrics[0].split("\n")[0].startswith("People trained (KI-2)"), metrics
    return int(metrics[0].split("\n")[-1].strip().replace(",", ""))
