"""The Parquet store: one folder per version, swapped in whole, so readers never see half an ingest.

    data/parquet/CURRENT          name of the live version, replaced atomically (os.replace)
    data/parquet/v000007/         manifest.json + <table>/<file id>.parquet, one file per raw file
                                  (two, `<file id>_1.parquet` the second half, for a large one)
    data/parquet/.lock            held by the one ingest running

A new version hard-links the Parquet of unchanged raw files from the previous one and writes only what
changed; a failed or killed ingest leaves a `*.tmp-*` folder that the next ingest deletes, and CURRENT
still names the old version.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from atlas_data import contract as C
from atlas_data.reading.messages import Coded
from atlas_data.store.remote import StoreBusy, StoreError  # noqa: F401  (the store's errors, local or on S3)

KEEP_VERSIONS = 3
SPLIT_ROWS = 250_000  # a table part at least twice this long is written as two files in parallel
# Bump when the stored schema or a reading rule changes: every file is then read again. 13: a column of text dates
# read in the one day/month order its dates prove (dates.column_date_parser: `06/07/2021` beside `06/15/2021` is
# 7 June; in a column written both ways it is refused); 12: test scores of other tools
# (reading.quizzes: Moodle, SurveyMonkey, Google Forms, a two-level header), rows of averages, the test a file's name
# says; 11: meeting and form tools' exports (reading.meetings: one person once per session, organizers as trainers, a
# file's date order), UTF-16 text with tabs read as tab-separated, HR record and form headers (Training Title,
# Timestamp); 10: a figure a message quotes stored as a number in reason_fields, said in the reader's language
# (reading.messages.is_quantity); 9: scores without a stated maximum that cannot be out of 100 are refused
# (rules.unstated_scale_implausible); 8: reading rules of the outside exports (marks with points, head-count rows under
# a roster, interview counts); 7: rejected.reason_fields, ingest_files.message_code/message_fields
# (reading.messages); 6: kii_answers.respondent_id keyed (privacy.respondent_key)
STORE_FORMAT = 13

_TYPES = {C.TEXT: pa.string(), C.COUNTRY: pa.string(), C.DATE: pa.date32(), C.INT: pa.int64(),
          C.NUMBER: pa.float64(), C.BOOL: pa.bool_(), C.GENDER: pa.string(), C.SCORE: pa.float64(),
          C.ENUM: pa.string(), C.PERSON: pa.string()}
_OVERRIDES = {"participant_key": pa.string(), "is_breakdown": pa.bool_(), "year": pa.int64(),
              "question_order": pa.int64(), "step": pa.int64(), "item": pa.string(), "correct": pa.bool_(),
              "excused": pa.bool_(),
              "source_row": pa.int64(), "dmop_key": pa.string(), "source_file": pa.string(),
              "source_sheet": pa.string(), "alias": pa.string(), "alias_key": pa.string(), "period": pa.string(),
              "table_name": pa.string(), "column_name": pa.string(), "value": pa.string(),
              "reason": pa.string(), "severity": pa.string(), "code": pa.string(), "reason_fields": pa.string(),
              "message_code": pa.string(), "message_fields": pa.string(),
              "rows_kept": pa.int64(), "rows_rejected": pa.int64(), "rows_read": pa.int64(),
              "status": pa.string(), "message": pa.string(), "ingested_at": pa.timestamp("s"),
              "date_precision": pa.string(), "max_score": pa.float64(), "score": pa.float64()}

INGEST_FILES_COLUMNS = ("source_file", "source_sheet", "table_name", "rows_read", "rows_kept", "rows_rejected",
                        "status", "message", "ingested_at", "message_code", "message_fields")


class UnknownVersion(Coded, ValueError):
    """A rollback asked for a version that is not kept."""


def table_schema(name: str) -> pa.Schema:
    if name == "ingest_files":
        cols = INGEST_FILES_COLUMNS
    elif name == "dmop_names":
        return pa.schema([("country", pa.string()), ("dmop_key", pa.string()), ("dmop", pa.string())])
    else:
        cols = C.STORED_COLUMNS[name] + (("dmop_key",) if "dmop" in C.STORED_COLUMNS[name] else ()) + (
            ("alias_key",) if name == "dmops" else ()) + (("text_key",) if name == "translations" else ()) + (C.SOURCE_COLUMNS if name != "rejected" else ())
    kinds = {}
    if name in C.TABLES:
        kinds = {c.name: c.kind for c in C.TABLES[name].columns}
    fields = [pa.field(col, _OVERRIDES.get(col) or _TYPES.get(kinds.get(col, C.TEXT), pa.string())) for col in cols]
    return pa.schema(fields)


STORED_TABLES = tuple(C.STORED_COLUMNS) + ("ingest_files",)
DERIVED_TABLES = ("dmop_names",)  # written once per version from all the others


def to_arrow(frame: pd.DataFrame, name: str) -> pa.Table:
    """A frame as an Arrow table of the table's fixed schema (so every file of a table unions cleanly)."""
    schema = table_schema(name)
    arrays, fields = [], []
    for f in schema:
        values = frame[f.name] if f.name in frame else pd.Series([None] * len(frame), dtype=object)
        if isinstance(values.dtype, pd.CategoricalDtype) and not len(values.cat.categories):
            if pa.types.is_string(f.type) and len(values) > 1000:  # what _dictionary gives for all-None text
                encoded = pa.DictionaryArray.from_arrays(pa.nulls(len(values), pa.int32()), pa.array([], pa.string()))
                arrays.append(encoded)
                fields.append(pa.field(f.name, encoded.type))
                continue
            values = pd.Series([None] * len(frame), dtype=object)  # no value at all: stored as before
        if pa.types.is_string(f.type) and isinstance(values.dtype, pd.CategoricalDtype) and len(
                values.cat.categories) and all(isinstance(c, str) for c in values.cat.categories):
            encoded = pa.array(values)
            if encoded.type.value_type != pa.string():  # categories of pandas' own text dtype
                encoded = encoded.cast(pa.dictionary(encoded.type.index_type, pa.string()))
            arrays.append(encoded)
            fields.append(pa.field(f.name, encoded.type))
            continue
        if pa.types.is_string(f.type) and len(values) > 1000 and values.dtype == object:
            encoded = _dictionary(values)
            if encoded is not None:
                arrays.append(encoded)
                fields.append(pa.field(f.name, encoded.type))
                continue
        fields.append(f)
        try:
            arrays.append(pa.array(values, type=f.type, from_pandas=True))
            continue
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
            pass
        values = values.astype(object).where(values.notna(), None)
        if pa.types.is_integer(f.type):
            values = values.map(lambda v: None if v is None else int(v))
        elif pa.types.is_floating(f.type):
            values = values.map(lambda v: None if v is None else float(v))
        elif pa.types.is_string(f.type):
            values = values.map(lambda v: None if v is None else str(v))
        elif pa.types.is_boolean(f.type):
            values = values.map(lambda v: None if v is None else bool(v))
        elif pa.types.is_date(f.type):
            values = pd.to_datetime(values, errors="coerce").dt.date.astype(object)
            values = values.where(pd.notna(values), None)
        arrays.append(pa.array(values.tolist(), type=f.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def write_parquet(table: pa.Table, path: Path) -> None:
    """zstd Parquet with min/max statistics only where a filter can use them (dates, numbers, flags,
    country): on other text columns, dictionary-encoded, they cost half of a million-row write."""
    names = table.column_names
    stats = [f.name for f in table.schema
             if f.name == "country" or not (pa.types.is_string(f.type) or pa.types.is_dictionary(f.type))]
    pq.write_table(table, path, compression="zstd", write_statistics=stats,
                   use_dictionary=[n for n in names if n != "source_row"])  # row numbers never repeat


def _dictionary(values: pd.Series):
    """Text with repeats as a dictionary array (Parquet stores it dictionary-encoded; DuckDB reads VARCHAR)."""
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    except TypeError:
        return None
    if not all(isinstance(u, str) for u in uniques):
        return None
    indices = pa.array(codes.astype("int32"), mask=codes < 0)
    return pa.DictionaryArray.from_arrays(indices, pa.array(list(uniques), type=pa.string()))


def file_id(relpath: str) -> str:
    return hashlib.sha256(relpath.encode()).hexdigest()[:20]


def content_hash(path: Path, extra: bytes = b"") -> str:
    digest = hashlib.sha256()
    digest.update(f"format{STORE_FORMAT}".encode())
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    digest.update(extra)
    return digest.hexdigest()


# ------------------------------------------------------------------ versions

def current_dir(root: Path) -> Path | None:
    try:
        name = (root / "CURRENT").read_text().strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    path = root / name
    return path if path.is_dir() else None


def _local(root) -> Path:
    """`root`, or for an ``s3://`` store the local copy of its current version (store.remote)."""
    from atlas_data.store.remote import local_root
    return local_root(root)


def store_version(root: Path) -> str:
    """Changes on every successful ingest that changed anything; the dashboard's cache key."""
    cur = current_dir(_local(root))
    if cur is None:
        return "empty"
    try:
        manifest = json.loads((cur / "manifest.json").read_text())
        return f"{cur.name}-{manifest.get('created', '')}"
    except (OSError, ValueError):
        return cur.name


def read_manifest(root: Path) -> dict:
    cur = current_dir(_local(root))
    if cur is None:
        return {"files": {}}
    try:
        return json.loads((cur / "manifest.json").read_text())
    except (OSError, ValueError):
        return {"files": {}}


@contextlib.contextmanager
def locked(root: Path, wait_seconds: float = 600.0, on_wait=None):
    """Hold the store's lock; wait up to `wait_seconds` for another ingest, then raise StoreBusy."""
    root.mkdir(parents=True, exist_ok=True)
    fh = open(root / ".lock", "a+")
    try:
        deadline = time.monotonic() + wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told and on_wait:
                    on_wait()
                    told = True
                if time.monotonic() >= deadline:
                    raise StoreBusy("store_busy", root=str(root)) from None
                time.sleep(0.2)
        yield
    finally:
        fh.close()


class VersionWriter:
    """Builds the next version aside (`vNNNNNN.tmp-PID`), then `commit()` swaps it in."""

    def __init__(self, root: Path):
        self.root = root
        self.previous = current_dir(root)
        self.name = f"v{max(version_numbers(root), default=0) + 1:06d}"
        self.tmp = root / f"{self.name}.tmp-{os.getpid()}"
        if self.tmp.exists():
            shutil.rmtree(self.tmp)
        self._empties = None
        try:
            self.tmp.mkdir(parents=True)
            for name in STORED_TABLES:
                (self.tmp / name).mkdir()
            # every table gets an empty file with its schema (a view needs one file); written meanwhile
            self._pool = ThreadPoolExecutor(max_workers=1)
            self._empties = self._pool.submit(self._write_empties)
        except BaseException:
            self.abort()
            raise

    def _write_empties(self) -> None:
        for name in STORED_TABLES:
            write_parquet(table_schema(name).empty_table(), self.tmp / name / "_empty.parquet")

    def ready(self) -> None:
        """Every table folder holds at least its empty file (raises what writing them raised)."""
        if self._empties is not None:
            try:
                self._empties.result()
            finally:
                self._pool.shutdown(wait=True)

    def write(self, table: str, fid: str, frame: pd.DataFrame) -> None:
        """The rows of one raw file as `<fid>.parquet`; a large frame as two halves (`<fid>.parquet` and
        `<fid>_1.parquet`) written on two threads, since one Parquet file is encoded on one core."""
        if frame is None or frame.empty:
            return
        arrow = to_arrow(frame, table)
        if len(arrow) < 2 * SPLIT_ROWS:
            write_parquet(arrow, self.tmp / table / f"{fid}.parquet")
            return
        half = len(arrow) // 2
        with ThreadPoolExecutor(max_workers=1) as pool:
            second = pool.submit(write_parquet, arrow.slice(half), self.tmp / table / f"{fid}_1.parquet")
            write_parquet(arrow.slice(0, half), self.tmp / table / f"{fid}.parquet")
            second.result()

    def reuse(self, table: str, fid: str) -> bool:
        """Hard-link (or copy) an unchanged file's Parquet (one file or two halves) from the previous version."""
        if self.previous is None:
            return False
        sources = [path for path in (self.previous / table / f"{fid}.parquet",
                                     self.previous / table / f"{fid}_1.parquet") if path.exists()]
        for src in sources:
            dst = self.tmp / table / src.name
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)
        return bool(sources)

    def commit(self, manifest: dict) -> str:
        self.ready()
        manifest = dict(manifest, version=self.name, created=time.strftime("%Y-%m-%dT%H:%M:%S"))
        (self.tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
        _fsync_tree(self.tmp)
        final = self.root / self.name
        pointer = self.root / f"CURRENT.tmp-{os.getpid()}"
        os.replace(self.tmp, final)
        try:
            pointer.write_text(self.name)
            with open(pointer, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(pointer, self.root / "CURRENT")
        except BaseException:  # not swapped in: the new version never existed
            pointer.unlink(missing_ok=True)
            shutil.rmtree(final, ignore_errors=True)
            raise
        _fsync_dir(self.root)
        return self.name

    def abort(self) -> None:
        if self._empties is not None:
            self._pool.shutdown(wait=True)
        shutil.rmtree(self.tmp, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_tree(path: Path) -> None:
    for dirpath, _, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError), open(os.path.join(dirpath, name), "rb") as fh:
                os.fsync(fh.fileno())
        _fsync_dir(Path(dirpath))


def version_numbers(root: Path) -> list[int]:
    return [int(p.name[1:]) for p in root.iterdir() if p.is_dir() and p.name.startswith("v") and p.name[1:].isdigit()]


def cleanup(root: Path, keep: int | None = None) -> None:
    """Delete leftovers of interrupted ingests (temporary folders, versions never swapped in) and all but
    the newest `keep` versions (setting `keep_versions`, default 20; the lock is held)."""
    if keep is None:
        from atlas_data.settings import load
        keep = max(KEEP_VERSIONS, int(load()["keep_versions"]))
    cur = current_dir(root)
    current_number = int(cur.name[1:]) if cur is not None else 0
    for number in version_numbers(root):
        if number > current_number:  # killed between moving it into place and swapping CURRENT
            shutil.rmtree(root / f"v{number:06d}", ignore_errors=True)
    for entry in root.iterdir():
        if ".tmp-" in entry.name:
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
    versions = sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith("v") and p.name[1:].isdigit())
    for old in versions[:-keep]:
        if cur is None or old != cur:
            shutil.rmtree(old, ignore_errors=True)


def list_versions(root: Path) -> list[dict]:
    """The versions kept, oldest first: name, created, files, rows per table, current or not, and the version a
    rollback copied."""
    from atlas_data.store import remote
    if remote.is_remote(root):
        return remote.list_versions(root)
    root = Path(root)
    cur = current_dir(root)
    out = []
    for number in sorted(version_numbers(root)) if root.is_dir() else []:
        path = root / f"v{number:06d}"
        try:
            manifest = json.loads((path / "manifest.json").read_text())
        except (OSError, ValueError):
            continue
        out.append({"version": path.name, "created": manifest.get("created", ""),
                    "files": len(manifest.get("files") or {}), "current": cur is not None and path == cur,
                    "rolled_back_from": manifest.get("rolled_back_from")})
    return out


def rollback(root: Path, version: str, wait_seconds: float = 600.0) -> str:
    """Make a kept version current again as a NEW version (a copy, hard-linked; nothing is deleted), so the
    history stays append-only. Returns the new version's name. Raises ValueError for an unknown version."""
    from atlas_data.store import remote
    if remote.is_remote(root):
        return _rollback_remote(root, version, wait_seconds)
    root = Path(root)
    name = version if version.startswith("v") else f"v{int(version):06d}"
    with locked(root, wait_seconds):
        source = root / name
        if not re.fullmatch(r"v\d{6}", name) or not (source / "manifest.json").is_file():
            raise UnknownVersion("unknown_version", version=repr(version))
        manifest = json.loads((source / "manifest.json").read_text())
        writer = VersionWriter(root)
        try:
            writer.ready()
            for table_dir in (p for p in source.iterdir() if p.is_dir()):
                (writer.tmp / table_dir.name).mkdir(exist_ok=True)
                for src in table_dir.iterdir():
                    dst = writer.tmp / table_dir.name / src.name
                    if dst.exists():          # the empty file every version has
                        continue
                    try:
                        os.link(src, dst)
                    except OSError:
                        shutil.copy2(src, dst)
            manifest = {k: v for k, v in manifest.items() if k not in ("version", "created")}
            new = writer.commit(dict(manifest, rolled_back_from=name))
        except BaseException:
            writer.abort()
            raise
        cleanup(root)
    return new


def _rollback_remote(uri: str, version: str, wait_seconds: float) -> str:
    """`rollback` on an ``s3://`` store: the kept version fetched, copied as a new one, published (store.remote)."""
    from atlas_data.store import remote

    name = version if str(version).startswith("v") else f"v{int(version):06d}"

    def work(root: Path):
        if not re.fullmatch(r"v\d{6}", name) or not remote.has_version(uri, name):
            raise UnknownVersion("unknown_version", version=repr(version))
        remote.fetch_into(uri, name, root)
        new = rollback(root, name, wait_seconds)
        return new, new

    return remote.write(uri, work, wait_seconds)


def describe_os_error(exc: OSError, root: Path) -> dict:
    """Why the store could not be written, as the fields of the catalog's `store_not_writable`."""
    if exc.errno == errno.ENOSPC:
        why = {"code": "disk_full"}
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = {"code": "read_only"}
    else:
        why = exc.strerror or str(exc)
    return {"root": str(root), "why": why}
