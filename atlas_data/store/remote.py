"""The store on S3-compatible object storage: ``ATLAS_PARQUET_DIR=s3://bucket/prefix`` (or ``ingest --out s3://…``).

    s3://bucket/prefix/CURRENT              the live version's name and its manifest's SHA-256, written last
    s3://bucket/prefix/versions/v000007/    a version: the very folder a local store holds; never changed once written
    s3://bucket/prefix/LOCK                 held by the one ingest or rollback running; created only if absent

Credentials, endpoint and region come from the standard variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN, AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, AWS_REGION). Objects are read and written with
pyarrow's S3 filesystem; the lock alone uses boto3, for S3's conditional write (``If-None-Match: *``).

Readers (``local_root``) read CURRENT and fetch that version once into a local cache folder
(``ATLAS_S3_CACHE``, default ``data/s3-cache``, then ``<bucket>/<prefix>``): into a temporary folder, renamed
when complete, and checked against the manifest's SHA-256 that CURRENT names. Everything then reads the local
Parquet exactly as for a local store. Writers (``ingest``, ``rollback``) take the lock, work in the cache as
on a local store, upload the new version, and only then replace CURRENT: a reader sees the old version or
the new one, never a part.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from atlas_data.reading.messages import Coded

LOCK_STALE_SECONDS = 3600       # a lock this old was left by a killed writer: it may be broken
CACHE_KEEP = 3                  # cached versions kept besides the current one (open connections may read them)


def is_remote(parquet_dir) -> bool:
    return isinstance(parquet_dir, str) and parquet_dir.startswith("s3://")


@dataclass(frozen=True)
class Location:
    bucket: str
    prefix: str

    @property
    def uri(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}".rstrip("/")

    def path(self, *parts: str) -> str:
        """bucket/prefix/parts as pyarrow names an object."""
        return "/".join(p for p in (self.bucket, self.prefix, *parts) if p)

    def key(self, *parts: str) -> str:
        return "/".join(p for p in (self.prefix, *parts) if p)


def parse(uri: str) -> Location:
    match = re.fullmatch(r"s3://([a-z0-9][a-z0-9.\-]{1,61}[a-z0-9])(?:/(.*))?", uri.strip())
    if not match:
        raise RemoteError("s3_bad_uri", uri=uri)
    return Location(match.group(1), (match.group(2) or "").strip("/"))


class StoreError(Coded, Exception):
    """The store could not be written; the previous data is unchanged (``versions.StoreError``)."""


class StoreBusy(StoreError):
    """Another ingest holds the lock."""


def _store_error():
    return StoreError


class RemoteError(Exception):
    """Object storage could not be read or written (a catalog message; see ``_coded``)."""

    def __init__(self, code: str, **fields):
        self.code, self.fields = code, fields
        super().__init__(code)


def _coded(exc: RemoteError):
    """The same failure as the store's error of the message catalog (what the CLI and the Data page print)."""
    return _store_error()(exc.code, **exc.fields)


def _endpoint() -> str | None:
    return os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL") or None


def _filesystem():
    from pyarrow import fs

    options = {"region": os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
               "connect_timeout": 5, "request_timeout": 30,
               "retry_strategy": fs.AwsStandardS3RetryStrategy(max_attempts=2)}
    if os.environ.get("AWS_ACCESS_KEY_ID") and os.environ.get("AWS_SECRET_ACCESS_KEY"):
        options.update(access_key=os.environ["AWS_ACCESS_KEY_ID"], secret_key=os.environ["AWS_SECRET_ACCESS_KEY"],
                       session_token=os.environ.get("AWS_SESSION_TOKEN"))
    endpoint = _endpoint()
    if endpoint:
        scheme, _, host = endpoint.partition("://")
        options.update(endpoint_override=host.rstrip("/") if host else scheme, scheme=scheme if host else "https")
    return fs.S3FileSystem(**options)


def _client():
    import boto3
    from botocore.config import Config

    return boto3.client("s3", endpoint_url=_endpoint(),
                        region_name=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
                        config=Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 2}))


def _why(exc: BaseException, loc: Location) -> RemoteError:
    """An S3 failure as a sentence: unreachable, refused credentials, no bucket, or what it said."""
    text = str(exc)
    name = type(exc).__name__
    where = {"uri": loc.uri, "endpoint": _endpoint() or "AWS S3"}
    code = ""
    if hasattr(exc, "response"):
        code = str(exc.response.get("Error", {}).get("Code", ""))
    if name in ("NoCredentialsError", "PartialCredentialsError") or code in (
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "403") or re.search(
            r"ACCESS_DENIED|INVALID_ACCESS_KEY|SIGNATURE_DOES_NOT_MATCH|HTTP status 403|InvalidAccessKeyId", text):
        return RemoteError("s3_denied", **where)
    if code == "NoSuchBucket" or re.search(r"NoSuchBucket|NO_SUCH_BUCKET|bucket does not exist", text, re.I):
        return RemoteError("s3_no_bucket", bucket=loc.bucket, **where)
    if name in ("EndpointConnectionError", "ConnectTimeoutError", "ConnectionClosedError", "ReadTimeoutError") or \
            re.search(r"NETWORK_CONNECTION|Couldn't connect|curlCode|Could not resolve|Connection refused|timed out",
                      text, re.I):
        return RemoteError("s3_unreachable", **where)
    first = text.strip().splitlines()[0][:200] if text.strip() else name
    return RemoteError("s3_failed", why=first, **where)


@contextlib.contextmanager
def _talking(loc: Location):
    """S3 failures inside become RemoteError (a sentence; never a traceback)."""
    try:
        yield
    except (RemoteError, FileNotFoundError):
        raise
    except Exception as exc:  # pyarrow's OSError, botocore's errors
        if isinstance(exc, Coded):     # the store's own refusals (busy, unknown version) pass as they are
            raise
        raise _why(exc, loc) from None


# ------------------------------------------------------------------ reading

def cache_root(loc: Location) -> Path:
    return Path(os.environ.get("ATLAS_S3_CACHE", "data/s3-cache")) / loc.bucket / (loc.prefix or "_")


def _read(s3, loc: Location, *parts: str) -> bytes | None:
    try:
        with s3.open_input_stream(loc.path(*parts)) as fh:
            return fh.read()
    except FileNotFoundError:
        return None


def read_current(s3, loc: Location) -> tuple[str, str] | None:
    """(version name, manifest SHA-256) that CURRENT names, or None for an empty store."""
    body = _read(s3, loc, "CURRENT")
    if not body:
        return None
    name, _, digest = body.decode().strip().partition("\n")
    return name.strip(), digest.strip()


def _sha(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _fetch(s3, loc: Location, name: str, root: Path, digest: str | None = None, seed: Path | None = None) -> Path:
    """The version `name` in the cache, downloaded whole (into a temporary folder renamed when complete) unless the
    cached copy's manifest is the one published (`digest`, else the remote manifest's own); from `seed` (another
    local copy of the store, hard-linked) when that holds it."""
    from pyarrow import fs

    if not re.fullmatch(r"v\d{6}", name):
        raise RemoteError("s3_failed", uri=loc.uri, endpoint=_endpoint() or "AWS S3", why=f"CURRENT names {name!r}")
    target = root / name
    if digest is None:
        remote_manifest = _read(s3, loc, "versions", name, "manifest.json") or b""
        digest = hashlib.sha256(remote_manifest).hexdigest()
    if target.is_dir() and _sha(target / "manifest.json") == digest:
        return target
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f"{name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        if seed is not None and (seed / name).is_dir() and _sha(seed / name / "manifest.json") == digest:
            shutil.copytree(seed / name, tmp, copy_function=_link)
        else:
            fs.copy_files(loc.path("versions", name), str(tmp), source_filesystem=s3,
                          destination_filesystem=fs.LocalFileSystem(), use_threads=True)
        if _sha(tmp / "manifest.json") != digest:
            raise RemoteError("s3_failed", uri=loc.uri, endpoint=_endpoint() or "AWS S3",
                              why=f"version {name} changed while it was read")
        shutil.rmtree(target, ignore_errors=True)
        try:
            os.replace(tmp, target)
        except OSError:  # another process put the same version in place meanwhile
            if _sha(target / "manifest.json") != digest:
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _link(src, dst) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _set_local_current(root: Path, name: str | None) -> None:
    pointer = root / "CURRENT"
    if name is None:
        pointer.unlink(missing_ok=True)
        return
    with contextlib.suppress(OSError):
        if pointer.read_text().strip() == name:
            return
    tmp = root / f"CURRENT.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.write_text(name)
    os.replace(tmp, pointer)


def _prune_cache(root: Path, current: str, newer: bool = False) -> None:
    """All but CACHE_KEEP older versions deleted; with `newer` (a writer's own folder) the versions above the
    current one too (built there and never published)."""
    kept = sorted((p for p in root.iterdir() if re.fullmatch(r"v\d{6}", p.name) and p.is_dir()), reverse=True)
    for old in [p for p in kept if p.name < current][CACHE_KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
    for above in (p for p in kept if newer and p.name > current):
        shutil.rmtree(above, ignore_errors=True)


def local_root(parquet_dir) -> Path:
    """The folder that holds the store's current version: `parquet_dir` itself, or for an ``s3://`` URI its local
    cache with the version CURRENT names fetched (once; a version never changes) and the local CURRENT set."""
    if not is_remote(parquet_dir):
        return Path(parquet_dir)
    try:
        return _synced(parse(parquet_dir))
    except RemoteError as exc:
        raise _coded(exc) from None


def _synced(loc: Location) -> Path:
    root = cache_root(loc)
    with _talking(loc):
        s3 = _filesystem()
        current = read_current(s3, loc)
        if current is None:
            root.mkdir(parents=True, exist_ok=True)
            _set_local_current(root, None)
            return root
        name, digest = current
        _fetch(s3, loc, name, root, digest or None)
    _set_local_current(root, name)
    _prune_cache(root, name)
    return root


def remote_versions(s3, loc: Location) -> list[str]:
    from pyarrow import fs

    infos = s3.get_file_info(fs.FileSelector(loc.path("versions"), allow_not_found=True))
    return sorted(i.base_name for i in infos if i.type == fs.FileType.Directory and re.fullmatch(r"v\d{6}", i.base_name))


def list_versions(uri: str) -> list[dict]:
    """As ``versions.list_versions``, from the versions on S3 (each manifest read)."""
    try:
        return _listed(parse(uri))
    except RemoteError as exc:
        raise _coded(exc) from None


def _listed(loc: Location) -> list[dict]:
    out = []
    with _talking(loc):
        s3 = _filesystem()
        current = read_current(s3, loc)
        for name in remote_versions(s3, loc):
            try:
                manifest = json.loads(_read(s3, loc, "versions", name, "manifest.json") or b"")
            except ValueError:
                continue
            out.append({"version": name, "created": manifest.get("created", ""),
                        "files": len(manifest.get("files") or {}), "current": bool(current) and current[0] == name,
                        "rolled_back_from": manifest.get("rolled_back_from")})
    return out


# ------------------------------------------------------------------ writing

@contextlib.contextmanager
def locked(loc: Location, wait_seconds: float = 600.0, on_wait=None):
    """Hold ``prefix/LOCK``: created only if absent (If-None-Match: *), so of two writers one waits (up to
    `wait_seconds`, then StoreBusy). A lock older than LOCK_STALE_SECONDS (a killed writer's) is broken."""
    from botocore.exceptions import ClientError

    client = _client()
    key = loc.key("LOCK")
    token = uuid.uuid4().hex
    body = json.dumps({"host": socket.gethostname(), "pid": os.getpid(), "since": time.time(), "token": token})
    deadline, told = time.monotonic() + wait_seconds, False
    with _talking(loc):
        while True:
            try:
                client.put_object(Bucket=loc.bucket, Key=key, Body=body.encode(), IfNoneMatch="*")
                break
            except ClientError as exc:
                status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
                if status not in (409, 412):
                    raise
            if _stale(client, loc, key):
                continue
            if not told and on_wait:
                on_wait()
                told = True
            if time.monotonic() >= deadline:
                raise StoreBusy("store_busy", root=loc.uri)
            time.sleep(0.5)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            held = json.loads(client.get_object(Bucket=loc.bucket, Key=key)["Body"].read())
            if held.get("token") == token:
                client.delete_object(Bucket=loc.bucket, Key=key)


def _stale(client, loc: Location, key: str) -> bool:
    """Delete the lock when it is older than LOCK_STALE_SECONDS; True when it was (or is already gone)."""
    from botocore.exceptions import ClientError

    try:
        held = json.loads(client.get_object(Bucket=loc.bucket, Key=key)["Body"].read())
    except ClientError:
        return True       # released meanwhile: try again
    except ValueError:
        held = {}
    if time.time() - float(held.get("since", 0)) < LOCK_STALE_SECONDS:
        return False
    client.delete_object(Bucket=loc.bucket, Key=key)
    return True


def _publish(s3, loc: Location, root: Path, name: str) -> None:
    """Upload the local version `name` under versions/<name>/ (emptied first: a failed upload's leftovers),
    then replace CURRENT."""
    from pyarrow import fs

    target = loc.path("versions", name)
    s3.delete_dir_contents(target, missing_dir_ok=True)
    fs.copy_files(str(root / name), target, source_filesystem=fs.LocalFileSystem(), destination_filesystem=s3,
                  use_threads=True)
    digest = _sha(root / name / "manifest.json")
    with s3.open_output_stream(loc.path("CURRENT")) as fh:
        fh.write(f"{name}\n{digest}\n".encode())


def _prune_remote(s3, loc: Location, current: str) -> None:
    """Versions above the current one (a failed upload's) and all but the newest `keep_versions` are deleted."""
    from atlas_data.settings import load

    keep = max(3, int(load()["keep_versions"]))       # as versions.cleanup
    names = remote_versions(s3, loc)
    for name in names:
        if name > current or (name != current and name in names[:-keep]):
            s3.delete_dir(loc.path("versions", name))


def _writing(uri: str, wait_seconds: float, on_wait, work):
    """Under the lock: a writer's own local store (``<cache>/.writer``, apart from the readers' cache, whose CURRENT
    readers move) holding the current version; `work(root)` runs on it as on a local store and returns (result,
    the new version's name or None); the new version is uploaded, then CURRENT replaced. Returns the result."""
    try:
        loc = parse(uri)
        readers = cache_root(loc)
        root = readers / ".writer"
        with locked(loc, wait_seconds, on_wait), _talking(loc):
            s3 = _filesystem()
            current = read_current(s3, loc)
            root.mkdir(parents=True, exist_ok=True)
            if current:
                _fetch(s3, loc, current[0], root, current[1] or None, seed=readers)
            _set_local_current(root, current[0] if current else None)
            _prune_cache(root, current[0] if current else "", newer=True)
            for name in remote_versions(s3, loc):        # a failed upload's leftovers: never current, never reused
                if not current or name > current[0]:
                    s3.delete_dir(loc.path("versions", name))
            result, new = work(root)
            if new:
                try:
                    _publish(s3, loc, root, new)
                except BaseException:
                    _set_local_current(root, current[0] if current else None)
                    shutil.rmtree(root / new, ignore_errors=True)
                    raise
                _prune_remote(s3, loc, new)
            return result
    except RemoteError as exc:
        raise _coded(exc) from None


def write(uri: str, work, wait_seconds: float = 600.0, on_wait=None):
    """`work(root) -> (result, new version or None)` run on a local store holding the ``s3://`` store's current
    version, under its lock; a new version is then uploaded and swapped in (``store.ingest``, ``versions.rollback``)."""
    return _writing(uri, wait_seconds, on_wait, work)


def has_version(uri: str, name: str) -> bool:
    try:
        loc = parse(uri)
        with _talking(loc):
            return bool(re.fullmatch(r"v\d{6}", name)) and name in remote_versions(_filesystem(), loc)
    except RemoteError as exc:
        raise _coded(exc) from None


def fetch_into(uri: str, name: str, root: Path) -> Path:
    """The kept version `name` fetched into the local store `root` (hard-linked from the readers' cache if there)."""
    try:
        loc = parse(uri)
        with _talking(loc):
            return _fetch(_filesystem(), loc, name, root, seed=cache_root(loc))
    except RemoteError as exc:
        raise _coded(exc) from None


def kept_version(uri: str, name: str) -> Path:
    """A kept (not current) version of an ``s3://`` store, fetched into the readers' cache (for `changes.compare`)."""
    try:
        loc = parse(uri)
        with _talking(loc):
            if not re.fullmatch(r"v\d{6}", name) or name not in remote_versions(_filesystem(), loc):
                return cache_root(loc) / "missing"
            return _fetch(_filesystem(), loc, name, cache_root(loc))
    except RemoteError as exc:
        raise _coded(exc) from None
