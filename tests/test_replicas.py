"""Two Streamlit replicas behind nginx (`make serve-replicas`, atlas_data/replicas.py) over one store, in Chromium:
each browser stays on one replica (the sticky cookie, the websocket included), both replicas serve sessions, and
a new ingest shows on pages of both without a restart."""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from atlas_data import replicas
from atlas_data.store.versions import store_version
from browser import exception_texts, people_trained_shown, wait_rendered

pytestmark = pytest.mark.slow   # two Streamlit servers, nginx and Chromium

ROOT = Path(__file__).resolve().parents[1]
NEW_FILE = """País;Modelo;Actividad;Fecha;Nombre;Institución;Sexo
Argentina;Living Lab;Taller de réplicas;14/03/2022;Persona Réplica Uno;Ministerio de Trabajo;F
Argentina;Living Lab;Taller de réplicas;14/03/2022;Persona Réplica Dos;Ministerio de Trabajo;M
Argentina;Living Lab;Taller de réplicas;14/03/2022;Persona Réplica Tres;Poder Judicial;F
"""


def test_the_nginx_template_is_filled_with_every_replica_and_no_field_left(tmp_path):
    conf = replicas.render_nginx_conf(8500, [8601, 8602], tmp_path)
    assert not re.search(r"@@[A-Z]+@@", conf.split("\n", 5)[-1])
    assert "listen 127.0.0.1:8500;" in conf
    assert "server 127.0.0.1:8601" in conf and "server 127.0.0.1:8602" in conf
    assert "hash $atlas_sticky consistent;" in conf and "ip_hash" not in conf.split("# ")[0]
    assert "proxy_set_header Upgrade $http_upgrade;" in conf and "proxy_read_timeout 86400s;" in conf
    assert f"root {replicas._mirror_dir(tmp_path)};" in conf and "gzip_static on;" in conf


def test_the_proxy_name_is_added_to_the_allowed_hosts_and_loopback_stays():
    assert replicas.allowed_hosts() == ["127.0.0.1", "localhost"]
    assert replicas.allowed_hosts("atlas.example.org") == ["127.0.0.1", "localhost", "atlas.example.org"]
    command = replicas.streamlit_command(8601, replicas.allowed_hosts("atlas.example.org"))
    assert command[1:4] == ["-m", "atlas_data", "serve"]                   # as `make run`: warmed up
    assert "--server.address=127.0.0.1" in command and command.count("--server.allowedHosts") == 3


@pytest.fixture(scope="module")
def replica_set(tmp_path_factory):
    if replicas.nginx_binary() is None:
        pytest.skip("nginx is not installed (apt-get install -y nginx; .ci/run and `make test` install it)")
    work = tmp_path_factory.mktemp("replicas")
    raw, store = work / "raw", work / "parquet"
    shutil.copytree(ROOT / "data" / "raw", raw)
    env = {"ATLAS_PARQUET_DIR": str(store), "ATLAS_RAW_DIR": str(raw), "ATLAS_SECRET_FILE": str(work / "secret.key"),
           "ATLAS_SETTINGS_FILE": str(work / "settings.json"), "ATLAS_LOCKOUT_FILE": str(work / "failures.json"),
           "ATLAS_AUDIT_FILE": str(work / "audit.jsonl")}
    ingest = [sys.executable, "-m", "atlas_data", "ingest", str(raw), "--out", str(store), "--quiet"]
    subprocess.run(ingest, cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True)
    ports = [replicas.free_port(), replicas.free_port()]
    started = replicas.ReplicaSet(ports, replicas.free_port(), work / "serve", env=env).start()
    started.ingest = lambda: subprocess.run(ingest, cwd=ROOT, env={**os.environ, **env}, check=True,
                                            capture_output=True, text=True)
    started.raw = raw
    yield started
    started.stop()


def sticky_routes(replica_set) -> dict[str, set[str]]:
    """Each sticky id (the `atlas_replica` cookie) → the replicas nginx sent its requests to."""
    routes: dict[str, set[str]] = {}
    for line in replica_set.access_log.read_text(encoding="utf-8").splitlines():
        found = re.search(r"upstream=(\S+) sticky=(\S+)", line)
        if found:
            routes.setdefault(found[2], set()).update(found[1].split(","))
    return routes


def figure_drawn(page) -> bool:
    """The page's first Plotly chart is drawn in the browser, with its axis labels."""
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed(timeout=30_000)
    chart.locator(".main-svg").first.wait_for(timeout=30_000)
    return chart.locator(".xtick text, .ytick text").count() > 0


def argentina_trained(page, url: str) -> int:
    """People trained in Argentina (Training reach's first card); 0 while the page has no rows to count."""
    page.goto(f"{url}/training_reach?country=Argentina")
    wait_rendered(page)
    if page.locator('[data-testid="stMetric"]').count() == 0:
        return 0
    return people_trained_shown(page)


def warm_up_visits(replica_set, port: int, version: str) -> list[str]:
    """What the replica's warm-up visitor (`atlas_data serve`) logged of its visit of every page for ``version``:
    its errors ("" for none), once the line is there (waiting up to 120 s for it)."""
    log, line = replica_set.runtime / f"replica-{port}.log", f"warm-up visit of 9 pages for store version {version}: "
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = [text.split(line, 1)[1] for text in log.read_text(encoding="utf-8").splitlines() if line in text]
        if found:
            return [re.sub(r"^[\d.]+ s", "", text) for text in found]
        time.sleep(0.5)
    return []


def cookie_of(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "atlas_replica")


def test_both_replicas_serve_sessions_and_a_new_ingest_shows_on_both(replica_set, chromium_browser):
    url = replica_set.url
    started = store_version(Path(replica_set.env["ATLAS_PARQUET_DIR"]))
    for port in replica_set.ports:                # each replica ran every page before it answered, without an error
        log = (replica_set.runtime / f"replica-{port}.log").read_text(encoding="utf-8")
        assert re.search(f"atlas: warm-up of 9 pages before the server answers, store version {started}: "
                         r"[\d.]+ s\n", log), log
    contexts, replica_of = [], {}
    for _ in range(12):                          # new browsers until each replica holds at least one
        context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{url}/training_reach")      # through nginx
        wait_rendered(page)
        assert exception_texts(page) == []
        assert figure_drawn(page)
        before = argentina_trained(page, url)
        contexts.append((context, page, before))
        replica_of[cookie_of(context)] = sticky_routes(replica_set)[cookie_of(context)]
        if len(set().union(*replica_of.values())) == 2:
            break
    assert set().union(*replica_of.values()) == {f"127.0.0.1:{port}" for port in replica_set.ports}
    assert all(len(served) == 1 for served in replica_of.values()), replica_of      # sticky

    (replica_set.raw / "asistencia réplicas argentina.csv").write_text(NEW_FILE, encoding="utf-8")
    done = replica_set.ingest()
    assert "store version" in done.stdout and "nothing changed" not in done.stdout
    for context, page, before in contexts:       # the same browsers, on the same replicas, no restart
        after = argentina_trained(page, url)
        assert after == before + 3, (cookie_of(context), replica_of[cookie_of(context)])
        assert figure_drawn(page)
    for context, _, _ in contexts:
        context.close()
    new_version = store_version(Path(replica_set.env["ATLAS_PARQUET_DIR"]))
    for port in replica_set.ports:                # each replica's own visitor has opened every page of the new version
        assert warm_up_visits(replica_set, port, new_version) == [""]

    routes = sticky_routes(replica_set)
    websockets = [line for line in replica_set.access_log.read_text(encoding="utf-8").splitlines()
                  if "/_stcore/stream" in line and '" 101 ' in line]
    assert websockets                            # the websocket went through nginx, upgraded
    for sticky, served in replica_of.items():
        assert routes[sticky] == served          # every request of a browser, the websocket too, on one replica


def upgrade_status(port: int, host: str) -> str:
    """The status line nginx returns to a websocket upgrade for Streamlit's stream, with this Host and Origin."""
    request = (f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
               "Sec-WebSocket-Protocol: streamlit\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(request.encode())
        return conn.recv(4096).decode("latin-1").split("\r\n", 1)[0]


def test_through_nginx_the_websocket_upgrades_for_the_apps_name_only(replica_set):
    assert " 101 " in upgrade_status(replica_set.proxy_port, f"127.0.0.1:{replica_set.proxy_port}")
    assert " 101 " not in upgrade_status(replica_set.proxy_port, "evil.example")    # DNS rebinding: refused


def fetch(url: str, gzip_ok: bool) -> tuple[dict, bytes]:
    """The response's headers (lower-case names) and body as sent."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_nginx_sends_streamlits_bundles_gzipped_and_each_byte_as_the_replica_has_it(replica_set):
    import gzip

    page = fetch(replica_set.url + "/", False)[1].decode()
    bundles = re.findall(r'(?:src|href)="\.?(/static/[^"]+\.(?:js|css))"', page)
    assert len(bundles) >= 2                                        # the entry script and the style sheet
    sent = whole = 0
    for bundle in bundles:
        headers, body = fetch(replica_set.url + bundle, True)
        original = fetch(replica_set.replica_urls[0] + bundle, False)[1]
        assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == original
        assert headers["content-type"].startswith("text/css" if bundle.endswith(".css") else "application/javascript")
        sent, whole = sent + len(body), whole + len(original)
        assert "max-age=315360000" in headers["cache-control"]    # content-hashed: kept by the browser
        plain_headers, plain = fetch(replica_set.url + bundle, False)
        assert "content-encoding" not in plain_headers and plain == original
    assert sent < whole / 3                                         # about 2.5 MB of script sent as 0.7 MB
    for outside in ("/static/js/absent.js", "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/index.html"):
        with pytest.raises(urllib.error.HTTPError) as missing:
            fetch(replica_set.url + outside, False)
        assert missing.value.code in (400, 404)


def test_replicas_then_replicas_stop_from_another_terminal_ends_every_process(tmp_path):
    """`make serve-replicas` in one terminal, `make stop-replicas` in another: nothing is left running."""
    if replicas.nginx_binary() is None:
        pytest.skip("nginx is not installed (apt-get install -y nginx)")
    env = {**os.environ, "ATLAS_SERVE_DIR": str(tmp_path / "serve"), "ATLAS_PARQUET_DIR": str(tmp_path / "empty"),
           "ATLAS_SECRET_FILE": str(tmp_path / "secret.key"), "ATLAS_LANG": "en"}
    proxy = replicas.free_port()
    serve = subprocess.Popen([sys.executable, "-m", "atlas_data", "replicas", "--port", str(proxy),
                              "--first-port", str(replicas.free_port())], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert "answers on http://127.0.0.1:" in serve.stdout.readline()      # printed once all answer
        pids = json.loads((tmp_path / "serve" / "pids.json").read_text())["processes"]
        assert len(pids) == 3                                                 # two replicas and nginx
        stopped = subprocess.run([sys.executable, "-m", "atlas_data", "replicas", "--stop"], cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=60)
        assert "3 processes of the replica set stopped" in stopped.stdout
        assert serve.wait(30) == 0
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in pids):
            time.sleep(0.2)
        assert not any(Path(f"/proc/{pid}").exists() for pid in pids)
    finally:
        if serve.poll() is None:
            serve.kill()


IP_APP = """import os
import streamlit as st
with open(os.environ["SEEN_FILE"], "a") as seen:
    seen.write(f"{st.context.ip_address}\\n")
st.write("ok")
"""


def test_behind_nginx_the_app_sees_each_clients_address_and_not_a_forged_one(tmp_path):
    """What the per-address count of wrong passwords (dashboard/auth.py, `st.context.ip_address`) sees through
    nginx: the client's own address (here 127.0.0.2 and 127.0.0.3, loopback addresses that are not 127.0.0.1),
    never an `X-Forwarded-For` the client sent."""
    if replicas.nginx_binary() is None:
        pytest.skip("nginx is not installed (apt-get install -y nginx)")
    import websockets
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from atlas_data.dashboard.loadtest import rerun

    runtime, seen = tmp_path / "serve", tmp_path / "seen.txt"
    for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (runtime / folder).mkdir(parents=True)
    (tmp_path / "ip_app.py").write_text(IP_APP, encoding="utf-8")
    app_port, proxy = replicas.free_port(), replicas.free_port()
    (runtime / "nginx.conf").write_text(replicas.render_nginx_conf(proxy, [app_port], runtime), encoding="utf-8")
    app = subprocess.Popen(replicas.streamlit_command(app_port, replicas.allowed_hosts(), script="ip_app.py"),
                           cwd=tmp_path, env={**os.environ, "SEEN_FILE": str(seen)},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    nginx = subprocess.Popen([replicas.nginx_binary(), "-p", str(runtime), "-c", str(runtime / "nginx.conf"),
                              "-e", str(runtime / "error.log"), "-g", "daemon off;"])

    async def visit(source: str, forged: str | None = None):
        sock = socket.socket()
        sock.bind((source, 0))
        sock.connect(("127.0.0.1", proxy))
        headers = {"X-Forwarded-For": forged} if forged else {}
        async with websockets.connect(f"ws://127.0.0.1:{proxy}/_stcore/stream", sock=sock,
                                      subprotocols=["streamlit"], additional_headers=headers) as ws:
            await ws.send(rerun("", ""))
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await asyncio.wait_for(ws.recv(), 60))
                if msg.WhichOneof("type") == "script_finished":
                    return
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{proxy}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        worker = threading.Thread(target=lambda: (asyncio.run(visit("127.0.0.2")),
                                                  asyncio.run(visit("127.0.0.3", forged="203.0.113.9"))))
        worker.start()
        worker.join(120)
        assert seen.read_text(encoding="utf-8").split() == ["127.0.0.2", "127.0.0.3"]
    finally:
        for process in (nginx, app):
            process.terminate()
            process.wait(15)
