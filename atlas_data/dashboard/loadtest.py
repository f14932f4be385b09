"""`python -m atlas_data load`: N simulated viewers on the running dashboard, and how long each click takes.

Each viewer is what a browser tab is to the server: it loads the page over HTTP (through nginx this sets the sticky
cookie), opens Streamlit's websocket (`/_stcore/stream`), and clicks: it sends a rerun `BackMsg` with a page and a
query string (the filters live in the URL, `ui.filters`: a country, a DMOP or dates picked in the sidebar make the
same rerun with another query string) and times until the `script_finished` `ForwardMsg` (click-to-idle: the
server has sent everything the page draws). Then it "reads" for a random think time and clicks again. An error is
a websocket that fails or closes, a run that does not finish in `timeout` seconds, a page not found, or an
exception drawn on the page.

Why websockets and not 30 headless Chromium tabs: the server's work is the same (one script run per click, the
same messages out), but 30 Chromium renderers on 2 cores would measure Chromium, not the dashboard. What it leaves
out is the browser's own drawing (Plotly in the tab, some 0.1–0.5 s a chart), which is the viewer's CPU, not ours.

Bounded on purpose: at most 50 viewers and 120 s, and only a loopback address: it is a load test of one's own
server, never a tool to aim at another host.
"""
from __future__ import annotations

import asyncio
import ipaddress
import os
import random
import socket
import statistics
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

MAX_VIEWERS = 50
MAX_SECONDS = 120.0
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY}

# What viewers do: a page (its url_path in app.py; "" is the default page, Overview) and the filters in its URL.
PAGES = ("", "training_reach", "dropout", "learning", "dmop_status", "indicators", "evaluation_findings")
FILTERS = ("", "country=Paraguay", "country=Thailand", "country=Paraguay&from=2021-01-01",
           "country=Thailand&country=Paraguay", "from=2020-06-01&to=2021-06-30")


class RefusedTarget(ValueError):
    """The URL is not on this machine (loopback only), or the bounds are exceeded. `template` and `fields` let the
    CLI say it in the reader's language (atlas_data/locales/<lang>/cli.json)."""

    def __init__(self, template: str, **fields):
        self.template, self.fields = template, fields
        super().__init__(template.format(**fields))


@dataclass
class Result:
    viewers: int
    seconds: float
    timings: list[float] = field(default_factory=list)   # click-to-idle of each finished click, seconds
    errors: list[str] = field(default_factory=list)

    @property
    def clicks(self) -> int:
        return len(self.timings)

    def percentile(self, p: float) -> float | None:
        if not self.timings:
            return None
        if len(self.timings) == 1:
            return self.timings[0]
        return statistics.quantiles(self.timings, n=100, method="inclusive")[int(p) - 1]

    def summary(self) -> dict:
        return {"viewers": self.viewers, "seconds": round(self.seconds, 1), "clicks": self.clicks,
                "p50_s": _round(self.percentile(50)), "p95_s": _round(self.percentile(95)),
                "errors": len(self.errors)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def check_target(url: str, viewers: int, seconds: float) -> tuple[str, int]:
    """(host, port) of `url` when it is a loopback address and the bounds hold; else RefusedTarget."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "ws") or not parts.hostname:
        raise RefusedTarget("{url}: give http://127.0.0.1:PORT", url=url)
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, None)}
    except OSError as exc:
        raise RefusedTarget("{host}: the name does not resolve ({error})", host=parts.hostname, error=exc) from exc
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise RefusedTarget("{host} is not this machine: the load test runs against loopback only",
                            host=parts.hostname)
    if not 1 <= viewers <= MAX_VIEWERS:
        raise RefusedTarget("viewers must be 1 to {most}", most=MAX_VIEWERS)
    if not 0 < seconds <= MAX_SECONDS:
        raise RefusedTarget("duration must be above 0 and at most {most} s", most=int(MAX_SECONDS))
    return parts.hostname, parts.port or 80


def rerun(page: str, query: str) -> bytes:
    """The BackMsg a browser sends when its URL's page or filters change."""
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.page_script_hash = ""
    msg.rerun_script.query_string = query
    return msg.SerializeToString()


def _cookie(base: str) -> str:
    """Load the page as a browser does; nginx answers with the sticky cookie (none when there is no proxy)."""
    with urllib.request.urlopen(f"{base}/", timeout=30) as response:
        response.read()
        cookies = response.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies)


async def _click(ws, page: str, query: str, timeout: float) -> tuple[float, str | None]:
    """Send one rerun and read until the run has finished; (seconds, error or None)."""
    start = time.perf_counter()
    await ws.send(rerun(page, query))
    error = None
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=max(0.1, timeout - (time.perf_counter() - start)))
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "page_not_found":
            error = f"page not found: {page}"
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element" \
                and msg.delta.new_element.WhichOneof("type") == "exception":
            error = f"exception on {page}?{query}: {msg.delta.new_element.exception.type}"
        elif kind == "script_finished":
            if msg.script_finished in FINISHED:
                return time.perf_counter() - start, error
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                return time.perf_counter() - start, f"compile error on {page}"
            # FINISHED_EARLY_FOR_RERUN: the app asked for another run; the click is idle when that one ends


async def _viewer(base: str, deadline: float, result: Result, rng: random.Random,
                  think: tuple[float, float], timeout: float) -> None:
    import websockets

    try:
        cookie = await asyncio.to_thread(_cookie, base)
        ws_url = base.replace("http://", "ws://", 1) + "/_stcore/stream"
        headers = {"Origin": base, **({"Cookie": cookie} if cookie else {})}
        async with websockets.connect(ws_url, subprotocols=["streamlit"], additional_headers=headers,
                                      max_size=None, open_timeout=timeout) as ws:
            while time.monotonic() < deadline:
                page, query = rng.choice(PAGES), rng.choice(FILTERS)
                try:
                    seconds, error = await _click(ws, page, f"{query}&lang={rng.choice(('en', 'es'))}".lstrip("&"),
                                                  timeout)
                except asyncio.TimeoutError:
                    result.errors.append(f"no answer in {timeout:.0f} s: {page}")
                    return
                if error:
                    result.errors.append(error)
                else:
                    result.timings.append(seconds)
                await asyncio.sleep(min(rng.uniform(*think), max(0.0, deadline - time.monotonic())))
    except Exception as exc:   # a failed connection is a measured error, not a crash of the tool
        result.errors.append(f"{type(exc).__name__}: {exc}")


async def _run(url: str, viewers: int, seconds: float, think: tuple[float, float], timeout: float,
               seed: int) -> Result:
    base = url.rstrip("/")
    result = Result(viewers, seconds)
    deadline = time.monotonic() + seconds
    rng = random.Random(seed)
    tasks = []
    for i in range(viewers):
        tasks.append(asyncio.create_task(_viewer(base, deadline, result,
                                                 random.Random(rng.random()), think, timeout)))
        await asyncio.sleep(min(0.2, seconds / max(1, viewers) / 4))   # arrivals spread, not one burst
    await asyncio.gather(*tasks)
    return result


def run(url: str, viewers: int = 1, seconds: float = 60.0, think: tuple[float, float] = (1.0, 3.0),
        timeout: float = 60.0, seed: int = 1) -> Result:
    """`viewers` viewers clicking for `seconds` against the dashboard at `url` (loopback only)."""
    check_target(url, viewers, seconds)
    return _in_own_thread(lambda: _run(url, viewers, seconds, think, timeout, seed))


def _in_own_thread(make_coroutine):
    """asyncio.run in a thread of its own: the caller may already run an event loop (Playwright's sync API does)."""
    import threading
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = asyncio.run(make_coroutine())
        except BaseException as exc:   # handed to the caller's thread
            outcome["error"] = exc
    thread = threading.Thread(target=target, name="atlas-load")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def warm(url: str, timeout: float = 120.0, pages: tuple[str, ...] = PAGES) -> list[str]:
    """One viewer opens each of ``pages`` once, unfiltered, so that what follows finds the caches of the store
    version built; the errors it met (none when every page drew)."""
    errors: list[str] = []

    async def visit():
        import websockets
        ws_url = url.rstrip("/").replace("http://", "ws://", 1) + "/_stcore/stream"
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                      additional_headers={"Origin": url.rstrip("/")}) as ws:
            for page in pages:
                _seconds, error = await _click(ws, page, "", timeout)
                if error:
                    errors.append(error)
    check_target(url, 1, 1)
    _in_own_thread(visit)
    return errors


def check_store(store: str | None = None) -> None:
    """RefusedTarget when the store the replicas would read (``ATLAS_PARQUET_DIR``, relative to the project as
    they run, else ``data/parquet``) has no version: every page would draw only "No data", in a tenth of a
    second, and the times would mean nothing. An ``s3://`` store is left to the replicas."""
    from pathlib import Path

    from atlas_data.replicas import ROOT
    from atlas_data.store.versions import current_dir

    store = store or os.environ.get("ATLAS_PARQUET_DIR") or "data/parquet"
    if not store.startswith("s3://") and current_dir(ROOT / Path(store)) is None:
        raise RefusedTarget("{store} holds no ingested data (the pages would draw none): run "
                            "python -m atlas_data ingest first", store=ROOT / Path(store))


def measure(viewer_counts: list[int], replica_counts: list[int], seconds: float, url: str | None = None,
            think: tuple[float, float] = (1.0, 3.0), echo=print) -> list[dict]:
    """Each viewer count against `url`, or, without one, against a replica set of each size started for the
    purpose (atlas_data.replicas, on free ports, over `ATLAS_PARQUET_DIR`, refused when it is empty:
    ``check_store``), warmed first. One row per run."""
    import tempfile
    from pathlib import Path

    from atlas_data.replicas import ReplicaSet, free_port

    rows = []
    for n in viewer_counts:
        check_target(url or "http://127.0.0.1:1", n, seconds)
    if not url:
        check_store()

    def one(target: str, replicas: int | str) -> None:
        for n in viewer_counts:
            before = os.getloadavg()[0]
            row = {"replicas": replicas, **run(target, n, seconds, think).summary(),
                   "load_before": round(before, 2), "load_after": round(os.getloadavg()[0], 2)}
            rows.append(row)
            echo(row)

    if url:
        one(url, "?")
        return rows
    for replicas in replica_counts:
        with tempfile.TemporaryDirectory(prefix="atlas-load-") as runtime:
            replica_set = ReplicaSet([free_port() for _ in range(replicas)], free_port(), Path(runtime)).start()
            try:
                for replica_url in replica_set.replica_urls:
                    warm(replica_url)
                one(replica_set.url, replicas)
            finally:
                replica_set.stop()
    return rows
