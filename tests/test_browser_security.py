"""Issue 18 in a real browser and over HTTP: data never becomes a link or bold text, the upload endpoint and
the Host header (see README "Security")."""
from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request

import pytest

from browser import PAGES, AppServer, wait_rendered
from filemaker import write_xlsx
from test_security import EVIL_FILE, EVIL_NOTE

import datetime as dt

pytestmark = pytest.mark.slow  # Chromium on the real app


@pytest.fixture(scope="module")
def evil_server(tmp_path_factory):
    """The app on data/raw plus a DMOP status file named like a link, whose note holds bold text and links."""
    def add_evil(raw):
        write_xlsx(raw / "paraguay" / EVIL_FILE, {"Estado": [
            ["País", "DMOP", "Paso", "Estado", "Fecha de corte"],
            ["Paraguay", "Living Lab", 5, EVIL_NOTE, dt.date(2021, 10, 15)]]})

    app = AppServer(tmp_path_factory.mktemp("evil-browser"), prepare=add_evil).start()
    yield app
    app.stop()


@pytest.fixture()
def page(chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()


def test_no_page_turns_a_file_name_or_a_note_into_a_link_or_bold_text(evil_server, page):
    seen = False
    for slug in PAGES:
        page.goto(f"{evil_server.url}/{slug}?country=Paraguay")
        wait_rendered(page)
        closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
        for _ in range(20):             # the numbers and source files under each chart, drawn once opened
            if closed.count() == 0:
                break
            closed.first.click()
        wait_rendered(page)
        assert page.locator('[data-testid="stExpander"] details:not([open])').count() == 0, slug
        assert page.locator('a[href*="evil"]').count() == 0, slug
        assert page.locator('strong:text-is("bold"), b:text-is("bold")').count() == 0, slug
        seen |= "www.evil.example" in page.inner_text("body").replace("\u2060", "")
    assert seen      # the texts are on the pages, as typed


# ------------------------------------------------------------------ the upload endpoint

def _put(url: str, headers: dict) -> int:
    body = (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n"
            b"Content-Type: text/csv\r\n\r\na,b\r\n1,2\r\n--b--\r\n")
    request = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "multipart/form-data; boundary=b", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_the_upload_endpoint_refuses_requests_without_the_xsrf_token_or_a_live_session(app_server, page):
    session_ids: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: session_ids.extend(re.findall(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        frame.decode("latin-1") if isinstance(frame, bytes) else frame))))
    page.goto(f"{app_server.url}/data")      # not signed in: no uploader on the page
    wait_rendered(page)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "_streamlit_xsrf")
    assert session_ids
    url = f"{app_server.url}/_stcore/upload_file/{session_ids[0]}/forged-file-id"
    assert _put(url, {}) == 403                                         # no XSRF token
    assert _put(url, {"Cookie": f"_streamlit_xsrf={token}"}) == 403      # a cookie alone is not enough
    bogus = f"{app_server.url}/_stcore/upload_file/00000000-0000-0000-0000-000000000000/forged-file-id"
    assert _put(bogus, {"Cookie": f"_streamlit_xsrf={token}", "X-Xsrftoken": token}) == 400   # no such session
    # Streamlit 1.67 alone would accept the bytes (204) for any live session; the upload gate
    # (atlas_data/dashboard/upload_gate.py) refuses a session whose page shows no uploader.
    auth = {"Cookie": f"_streamlit_xsrf={token}", "X-Xsrftoken": token}
    statuses = {sid: _put(f"{app_server.url}/_stcore/upload_file/{sid}/forged-file-id", auth)
                for sid in dict.fromkeys(session_ids)}   # the session's id is one of the ids the server sent
    assert 403 in statuses.values() and 204 not in statuses.values(), statuses
    page.reload()
    wait_rendered(page)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert not [p for p in app_server.raw.rglob("x.csv*")]     # the forged file is nowhere (other tests upload)


# ------------------------------------------------------------------ the Host header

def _upgrade(port: int, host: str) -> str:
    """The status line of a websocket handshake on /_stcore/stream with `host` as the Host header."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                   "Sec-WebSocket-Protocol: streamlit\r\n\r\n").encode())
        return s.recv(200).decode("latin-1").split("\r\n")[0]


def test_the_websocket_refuses_a_host_that_is_not_on_the_allow_list(app_server):
    port = app_server.port
    assert " 101 " in _upgrade(port, f"127.0.0.1:{port}")
    assert " 101 " in _upgrade(port, f"localhost:{port}")
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example"):
        assert " 101 " not in _upgrade(port, host), host
