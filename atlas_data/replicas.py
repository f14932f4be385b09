"""`make serve-replicas`: two (or more) dashboard processes on loopback behind Debian's nginx, over one store.

    python -m atlas_data replicas [--count 2] [--port 8500] [--first-port 8601]   # Ctrl-C stops all
    python -m atlas_data replicas --stop                                           # `make stop-replicas`

Each replica is `python -m atlas_data serve` (`streamlit run app.py`, every page run once before it answers), as
`make run`.

nginx's configuration is `deploy/nginx/atlas.conf` with its `@@…@@` fields filled in; the runtime copy, nginx's pid
and logs and the replicas' logs go to `.atlas/serve/` (`ATLAS_SERVE_DIR` moves it). nginx runs as the current user
with that folder as its prefix, never as the system's service. Every replica reads the same `ATLAS_PARQUET_DIR` and
notices a new store version by itself (`atlas_data.store_version()`), so an ingest needs no restart.
"""
from __future__ import annotations

import getpass
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx" / "atlas.conf"
CONFIG_TOML = ROOT / ".streamlit" / "config.toml"


class ReplicaSetError(RuntimeError):
    """The set did not start; `template` and `fields` let the CLI say why in the reader's language."""

    def __init__(self, template: str, **fields):
        self.template, self.fields = template, fields
        super().__init__(template.format(**fields))


def runtime_dir() -> Path:
    return Path(os.environ.get("ATLAS_SERVE_DIR") or ROOT / ".atlas" / "serve")


def nginx_binary() -> str | None:
    """Debian's nginx (`apt-get install -y nginx`), on PATH or in /usr/sbin."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def allowed_hosts(proxy_host: str | None = None) -> list[str]:
    """`server.allowedHosts` of `.streamlit/config.toml`, plus the proxy's public name when there is one."""
    hosts = list(tomllib.loads(CONFIG_TOML.read_text(encoding="utf-8"))["server"]["allowedHosts"])
    for name in (proxy_host or "").replace(",", " ").split():
        if name not in hosts:
            hosts.append(name)
    return hosts


def render_nginx_conf(listen_port: int, replica_ports: list[int], runtime: Path, static: Path | None = None,
                      template: Path = TEMPLATE) -> str:
    """The template with its fields filled: nginx on 127.0.0.1:`listen_port`, one upstream line per replica,
    Streamlit's bundles from `static` (``static_mirror``; default: where it is made in `runtime`)."""
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else "# user: nginx keeps the current user"
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=0;" for port in replica_ports)
    return (template.read_text(encoding="utf-8").replace("@@USER@@", user).replace("@@RUNTIME@@", str(runtime))
            .replace("@@SERVERS@@", servers).replace("@@LISTEN@@", f"127.0.0.1:{listen_port}")
            .replace("@@STATIC@@", str(static or _mirror_dir(runtime))))


#: Streamlit's bundles nginx sends gzipped (text); fonts and images are compressed already
GZIPPED = frozenset({".js", ".css", ".json", ".svg", ".txt", ".map", ".ttf", ".otf"})


def _mirror_dir(runtime: Path) -> Path:
    from importlib.metadata import version
    return runtime / f"static-{version('streamlit')}"


def static_mirror(runtime: Path) -> Path:
    """Streamlit's ``static/`` folder as nginx serves it (`gzip_static`): each file linked, and beside each text
    file its gzipped copy, made once per Streamlit version (about 1 s; 23 MB of JavaScript become 7 MB). A browser's
    first load then comes compressed from nginx instead of byte for byte from a replica's Python server."""
    import gzip
    from importlib.util import find_spec

    source = Path(find_spec("streamlit").origin).parent / "static" / "static"   # found, not imported
    mirror = _mirror_dir(runtime)
    if (mirror / ".complete").exists():
        return mirror
    part = mirror.with_name(mirror.name + ".part")
    shutil.rmtree(part, ignore_errors=True)
    for path in sorted(source.rglob("*")):
        if path.is_file():
            target = part / "static" / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
            if path.suffix in GZIPPED:
                target.with_name(target.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 6, mtime=0))
    (part / ".complete").touch()
    shutil.rmtree(mirror, ignore_errors=True)
    part.rename(mirror)
    return mirror


def streamlit_command(port: int, hosts: list[str], script: str | None = None) -> list[str]:
    """One replica: `python -m atlas_data serve` with the server's flags (or `streamlit run SCRIPT`)."""
    start = [sys.executable, "-m", "streamlit", "run", script] if script else [sys.executable, "-m", "atlas_data", "serve"]
    command = [*start, "--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1",
               "--server.fileWatcherType=none", "--browser.gatherUsageStats=false"]
    for host in hosts:
        command += ["--server.allowedHosts", host]
    return command


def free_port() -> int:
    """A port no one listens on now, on loopback."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str) -> bool:
    """The Streamlit server at `url` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class ReplicaSet:
    """`len(ports)` Streamlit processes and one nginx in front; `start()` returns once all answer through nginx."""

    def __init__(self, ports: list[int], proxy_port: int, runtime: Path | None = None, env: dict | None = None,
                 proxy_host: str | None = None):
        self.ports = list(ports)
        self.proxy_port = proxy_port
        self.runtime = Path(runtime or runtime_dir())
        self.env = dict(os.environ, **(env or {}))
        self.hosts = allowed_hosts(proxy_host if proxy_host is not None else os.environ.get("ATLAS_PROXY_HOST"))
        self.url = f"http://127.0.0.1:{proxy_port}"
        self.replica_urls = [f"http://127.0.0.1:{port}" for port in ports]
        self.processes: list[subprocess.Popen] = []
        self._logs: list = []

    @property
    def conf(self) -> Path:
        return self.runtime / "nginx.conf"

    @property
    def access_log(self) -> Path:
        return self.runtime / "access.log"

    def _spawn(self, command: list[str], log_name: str) -> subprocess.Popen:
        log = open(self.runtime / log_name, "ab")
        self._logs.append(log)
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)   # Ctrl-C reaches us only: we stop them in order
        self.processes.append(process)
        return process

    def start(self, timeout: float = 120) -> "ReplicaSet":
        nginx = nginx_binary()
        if nginx is None:
            raise ReplicaSetError("nginx is not installed: apt-get install -y nginx")
        self.runtime.mkdir(parents=True, exist_ok=True)
        for folder in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.runtime / folder).mkdir(exist_ok=True)
        self.conf.write_text(render_nginx_conf(self.proxy_port, self.ports, self.runtime,
                                               static_mirror(self.runtime)), encoding="utf-8")
        nginx_command = [nginx, "-p", str(self.runtime), "-c", str(self.conf), "-e", str(self.runtime / "error.log")]
        check = subprocess.run([*nginx_command, "-t", "-q"], capture_output=True, text=True)
        if check.returncode:
            raise ReplicaSetError("nginx refused {conf}: {error}", conf=self.conf, error=check.stderr.strip())
        try:
            for port in self.ports:
                self._spawn(streamlit_command(port, self.hosts), f"replica-{port}.log")
            self._spawn([*nginx_command, "-g", "daemon off;"], "nginx.out")
            self._write_pids()
            self._wait(self.replica_urls, timeout)
            self._wait([self.url], timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait(self, urls: list[str], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        waiting = list(urls)
        while waiting and time.monotonic() < deadline:
            dead = [p for p in self.processes if p.poll() is not None]
            if dead:
                raise ReplicaSetError("a process of the replica set stopped at start: {command}; see the logs in "
                                      "{logs}", command=" ".join(map(str, dead[0].args[:6])), logs=self.runtime)
            waiting = [url for url in waiting if not answers(url)]
            if waiting:
                time.sleep(0.3)
        if waiting:
            raise ReplicaSetError("no answer from {urls} after {seconds} s; see the logs in {logs}",
                                  urls=", ".join(waiting), seconds=int(timeout), logs=self.runtime)

    def _write_pids(self) -> None:
        pids = {"serve": os.getpid(), "processes": [p.pid for p in self.processes]}
        (self.runtime / "pids.json").write_text(json.dumps(pids), encoding="utf-8")

    def upstreams_logged(self) -> list[str]:
        """The replica (`127.0.0.1:PORT`) nginx sent each logged request to, in order."""
        if not self.access_log.exists():
            return []
        return [line.split(" upstream=", 1)[1].split(" ", 1)[0]
                for line in self.access_log.read_text(encoding="utf-8").splitlines() if " upstream=" in line]

    def stop(self) -> None:
        """nginx first (no new requests), then the replicas; each gets 10 s before it is killed."""
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in reversed(self.processes):
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        for log in self._logs:
            log.close()
        self._logs.clear()
        (self.runtime / "pids.json").unlink(missing_ok=True)


def stop_running(runtime: Path | None = None) -> int:
    """`make stop-replicas`: end the processes a `replicas` in another terminal started (their ids in pids.json);
    an id that is now another program's is left alone. Returns how many were stopped."""
    pids_file = Path(runtime or runtime_dir()) / "pids.json"
    if not pids_file.exists():
        return 0
    pids = json.loads(pids_file.read_text(encoding="utf-8"))
    mine = [pid for pid in pids["processes"] if _is(pid, b"atlas_data", b"nginx")]
    if _is(pids["serve"], b"replicas"):
        os.kill(pids["serve"], signal.SIGTERM)     # it stops its processes in order
        deadline = time.monotonic() + 25
        while time.monotonic() < deadline and any(_is(pid, b"atlas_data", b"nginx") for pid in mine):
            time.sleep(0.2)
    for pid in reversed(mine):
        if _is(pid, b"atlas_data", b"nginx"):
            os.kill(pid, signal.SIGTERM)
    pids_file.unlink(missing_ok=True)
    return len(mine)


def _is(pid: int, *names: bytes) -> bool:
    """Whether process `pid` runs and its command line names one of `names` (a reused id is another program)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z" and any(name in cmdline for name in names)


def serve(replicas: int, proxy_port: int, first_port: int, echo=print) -> int:
    """Start the set, print where it answers, and wait for Ctrl-C or SIGTERM; then stop everything."""
    from atlas_data.i18n import cli_lang, t

    ports = [first_port + i for i in range(replicas)]
    replica_set = ReplicaSet(ports, proxy_port)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        replica_set.start()
        echo(t("The dashboard answers on {url} (nginx), replicas on {replicas}; logs in {logs}. Ctrl-C stops all.",
               cli_lang(), url=replica_set.url, replicas=", ".join(replica_set.replica_urls), logs=replica_set.runtime))
        while all(p.poll() is None for p in replica_set.processes):
            time.sleep(1)
        echo(t("A process of the replica set stopped; stopping the others (logs in {logs}).", cli_lang(),
               logs=replica_set.runtime))
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        replica_set.stop()

