"""Uploads from the Data page: stored safely under `RAW_DIR/uploads/`, never modified, then ingested.

A hostile or careless upload is refused before anything is written: too large (setting
`upload_limit_mb`), an unsupported type, an empty file, a workbook that would expand out of proportion
(zip bomb, checked on the archive's directory without expanding it), an Excel lock file or a
`NAME.defaults.csv`. Names are reduced to a safe base name (accents and spaces kept; path parts,
control characters, characters Windows forbids and leading dots dropped), so nothing lands outside
`RAW_DIR`. A name already taken by other content gets ` (2)`, ` (3)` …; content already present
anywhere under `RAW_DIR` is not stored twice (its rows would count twice).

`write_defaults` writes the contract's `NAME.defaults.csv` beside a raw file (what a sheet lacks, for
the whole file). Macros never run: workbooks are read by calamine, values only (see readers.py).
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from atlas_data.reading.companions import DEFAULTS_SUFFIX, is_companion, write_rows
from atlas_data.reading.messages import CATALOG, Coded, render
from atlas_data.reading.problems import WHOLE_FILE_CODES, whole_file_column
from atlas_data.store import remote
from atlas_data.store.ingest import IGNORED_NAMES, IngestError, IngestReport, ingest, raw_files, read_defaults
from atlas_data.reading.readers import CSV_SUFFIXES, SUPPORTED_SUFFIXES, UnreadableFile, check_zip_size

UPLOAD_FOLDER = "uploads"
ZIPPED_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".xlsb"}
MAX_NAME_BYTES = 150          # leaves room for " (99)" and ".defaults.csv" under the usual 255-byte limit
WINDOWS_FORBIDDEN = '<>:"/\\|?*'
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
# Columns a sheet can lack and a user can give once for the whole file (NAME.defaults.csv). Columns
# that differ per row (a participant, a score, an answer) cannot be filled in that way.
PER_ROW_COLUMNS = {"participant", "participant_id", "participant_name", "email", "score", "answer", "question",
                   "respondent_id", "n", "participants", "target"}
MAX_DEFAULT_VALUE = 200
INGEST_WAIT_SECONDS = 60.0


class UploadRefused(Coded, ValueError):
    """An upload that is not stored: a catalog code and its fields, rendered in the reader's language by the page."""

    @property
    def template(self) -> str:
        return CATALOG[self.code].template


@dataclass(frozen=True)
class SavedUpload:
    name: str            # as the browser sent it
    path: Path           # where it is (or already was) under raw_dir
    rel: str             # path relative to raw_dir, as the store names it (source_file)
    status: str          # saved | renamed | duplicate
    code: str            # what happened: a catalog code with `fields`
    fields: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return render(self.code, **self.fields)


# ------------------------------------------------------------------ names

def safe_name(name: str) -> str:
    """A safe base name for an uploaded file: the last path part, NFC, without control or format
    characters, characters Windows forbids, leading dots or spaces; accents and spaces kept; at most
    MAX_NAME_BYTES bytes of UTF-8 with the suffix kept. Never empty, never `.` or `..`."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = re.sub(r"[\t\n\r\v\f]", " ", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")   # control, format (bidi), unassigned
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join("_" if ch in WINDOWS_FORBIDDEN else ch for ch in text)
    text = re.sub(r"\s+", " ", text).strip().lstrip(". ").rstrip(". ")
    stem, dot, suffix = text.rpartition(".")
    if not dot:
        stem, suffix = text, ""
    stem, suffix = stem.strip(), suffix.strip()
    if not stem:
        stem = "upload"
    if stem.split(".")[0].strip().lower() in WINDOWS_RESERVED:
        stem = "_" + stem
    suffix = ("." + suffix) if suffix else ""
    if len(suffix.encode("utf-8")) > 16:  # a long "suffix" is part of the name, not a type
        stem, suffix = stem + suffix, ""
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    while len(stem.encode("utf-8")) > budget:
        stem = stem[:-1]
    return stem.rstrip(". ") + suffix if stem.rstrip(". ") else "upload" + suffix


def _numbered(name: str, n: int) -> str:
    path = Path(name)
    return f"{path.stem} ({n}){path.suffix}"


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


# ------------------------------------------------------------------ checks

def check_upload(name: str, data: bytes, limit_mb: float | None = None) -> str:
    """The safe name to store `data` under, or UploadRefused saying why it is not stored. Nothing is
    expanded or parsed here beyond a zipped workbook's directory."""
    if limit_mb is None:
        from atlas_data.settings import load
        limit_mb = load()["upload_limit_mb"]
    if re.search(r"[\x00-\x08\x0e-\x1f\x7f]", str(name or "")):   # no file system gives a name these; a forged one
        raise UploadRefused("upload_control_character", name=safe_name(name))
    safe = safe_name(name)
    suffix = Path(safe).suffix.lower()
    if is_companion(safe):
        raise UploadRefused("upload_companion", name=safe)
    if safe.startswith("~$") or safe in IGNORED_NAMES:
        raise UploadRefused("upload_lock_file",
                            name=safe)
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRefused("upload_type", name=safe, suffix=suffix or "(none)")
    size = len(data)
    if size == 0:
        raise UploadRefused("upload_empty", name=safe)
    if size > limit_mb * 1024 * 1024:
        raise UploadRefused("upload_too_large", name=safe,
                            size=round(size / 1024 / 1024, 1), limit=limit_mb)
    if suffix in ZIPPED_SUFFIXES:
        try:
            check_zip_size(io.BytesIO(data))  # reads the archive's directory only; nothing is expanded
        except UnreadableFile as exc:
            raise UploadRefused("upload_unreadable", name=safe, detail=exc) from None
    if suffix in CSV_SUFFIXES:
        head = data[:256 * 1024]
        if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise UploadRefused("upload_binary_csv",
                                name=safe)
    return safe


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def find_same_content(data: bytes, raw_dir: Path) -> Path | None:
    """A file under raw_dir (as ingest sees them) whose bytes are exactly `data`, else None."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        return None
    wanted = None
    for path in raw_files(raw_dir):
        try:
            if path.stat().st_size != len(data):
                continue
            wanted = wanted or content_digest(data)
            if _file_digest(path) == wanted:
                return path
        except OSError:
            continue
    return None


# ------------------------------------------------------------------ saving

def save_upload(name: str, data: bytes, raw_dir, limit_mb: float | None = None) -> SavedUpload:
    """Store one upload under raw_dir/uploads/ (see module docstring). Raises UploadRefused."""
    raw_dir = Path(raw_dir)
    safe = check_upload(name, data, limit_mb)
    same = find_same_content(data, raw_dir)
    if same is not None:
        rel = same.relative_to(raw_dir).as_posix()
        return SavedUpload(name=str(name), path=same, rel=rel, status="duplicate",
                           code="upload_duplicate",
                           fields={"name": safe, "existing": rel})
    folder = raw_dir / UPLOAD_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UploadRefused("upload_folder_failed", name=safe,
                            detail=exc.strerror or type(exc).__name__) from None
    if not _inside(folder, raw_dir) or folder.is_symlink():
        raise UploadRefused("upload_folder_outside", name=safe)
    tmp = folder / f".{uuid.uuid4().hex}.part"  # hidden: an ingest running meanwhile ignores it
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        for n in range(1, 1000):
            candidate = safe if n == 1 else _numbered(safe, n)
            target = folder / candidate
            try:
                os.link(tmp, target)  # atomic, and never replaces an existing file
            except FileExistsError:
                continue
            except OSError:  # a file system without hard links
                if target.exists():
                    continue
                os.replace(tmp, target)
            rel = target.relative_to(raw_dir).as_posix()
            if n == 1:
                return SavedUpload(name=str(name), path=target, rel=rel, status="saved",
                                   code="upload_stored", fields={"name": safe, "stored": rel})
            return SavedUpload(name=str(name), path=target, rel=rel, status="renamed",
                               code="upload_renamed",
                               fields={"name": safe, "stored": rel})
        raise UploadRefused("upload_too_many_names", name=safe)
    except OSError as exc:
        raise UploadRefused("upload_not_stored", name=safe,
                            detail=exc.strerror or type(exc).__name__) from None
    finally:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass


# ------------------------------------------------------------------ NAME.defaults.csv

def defaults_path(raw_path) -> Path:
    raw_path = Path(raw_path)
    return raw_path.with_name(raw_path.name + DEFAULTS_SUFFIX)


def _clean_value(value) -> str:
    text = "" if value is None else unicodedata.normalize("NFC", str(value))
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return re.sub(r"\s+", " ", text).strip()[:MAX_DEFAULT_VALUE]


def write_defaults(raw_path, values: dict, raw_dir=None) -> Path:
    """Write (or merge into) `<raw file>.defaults.csv` beside `raw_path`: header `column,value`, one row
    per column. Blank values leave what was there. The raw file itself is not touched."""
    raw_path = Path(raw_path)
    if raw_dir is not None and not _inside(raw_path, Path(raw_dir)):
        raise ValueError(f"{raw_path} is not inside the data folder {raw_dir}")
    if not raw_path.is_file():
        raise FileNotFoundError(f"{raw_path} is not a file")
    merged = dict(read_defaults(raw_path))
    for column, value in values.items():
        column = _clean_value(column).lower().replace(" ", "_")
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,59}", column):
            raise ValueError(f"{column!r} is not a column name")
        value = _clean_value(value)
        if value:
            merged[column] = value
    return write_rows(defaults_path(raw_path), [["column", "value"], *([c, v] for c, v in merged.items())])


# ------------------------------------------------------------------ what sheets lack

@dataclass
class MissingInputs:
    """A file some of whose sheets lack required columns (rejected with `missing_column`/`no_country`), or a
    maximum for their scores (`score_without_maximum`): `problems.WHOLE_FILE_CODES`."""
    source_file: str
    sheets: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)      # can be filled in for the whole file
    per_row: list[str] = field(default_factory=list)      # cannot: they differ per row


def missing_inputs(rejected: pd.DataFrame) -> list[MissingInputs]:
    """From `queries.rejected_rows(...)`: per file, the columns its sheets lack, in the order reported."""
    if rejected is None or rejected.empty or "code" not in rejected.columns:
        return []
    rows = rejected[rejected["code"].isin(list(WHOLE_FILE_CODES))]
    found: dict[str, MissingInputs] = {}
    for row in rows.itertuples(index=False):
        item = found.setdefault(row.source_file, MissingInputs(source_file=row.source_file))
        sheet = row.source_sheet if isinstance(row.source_sheet, str) else ""
        if sheet not in item.sheets:
            item.sheets.append(sheet)
        if isinstance(row.table_name, str) and row.table_name not in item.tables:
            item.tables.append(row.table_name)
        column = whole_file_column(row.code, row.column_name) or ""
        if not column:
            continue
        bucket = item.per_row if column in PER_ROW_COLUMNS else item.columns
        if column not in bucket:
            bucket.append(column)
    return list(found.values())


# ------------------------------------------------------------------ the Data page's actions

@dataclass
class ActionResult:
    """What an upload or fill-in did: stored files, refused ones, the ingest report or its error."""
    saved: list[SavedUpload] = field(default_factory=list)
    refused: list[UploadRefused] = field(default_factory=list)
    report: IngestReport | None = None
    error: str | None = None
    focus: list[str] = field(default_factory=list)   # other files the action was about (a fill-in)
    error_code: str = ""                             # the error as a catalog code and its fields
    error_fields: dict = field(default_factory=dict)

    def fail(self, code: str, **fields) -> None:
        self.error, self.error_code, self.error_fields = render(code, **fields), code, fields

    def files(self) -> list[str]:
        """The files this action was about (relative to raw_dir); empty for a plain re-ingest."""
        return [s.rel for s in self.saved] + [f for f in self.focus if f not in {s.rel for s in self.saved}]


def run_ingest(raw_dir, parquet_dir, result: ActionResult | None = None) -> ActionResult:
    """Ingest raw_dir into parquet_dir; an IngestError (or any bug) becomes `result.error`, never a traceback."""
    result = result or ActionResult()
    try:
        result.report = ingest(Path(raw_dir), parquet_dir if remote.is_remote(parquet_dir) else Path(parquet_dir), wait_seconds=INGEST_WAIT_SECONDS)
    except IngestError as exc:
        if exc.code in CATALOG:
            result.fail(exc.code, **exc.fields)
        else:
            result.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - the page shows a message, the previous data stays
        result.fail("ingest_stopped", error=f"{type(exc).__name__}: {str(exc)[:200]}")
    return result


def save_and_ingest(files: list[tuple[str, bytes]], raw_dir, parquet_dir,
                    limit_mb: float | None = None) -> ActionResult:
    """Store each file (or refuse it), then ingest when anything was stored: uploading in one step. The Data
    page checks files first (atlas_data/staging.py) and stores them with save_upload on confirm."""
    result = ActionResult()
    for name, data in files:
        try:
            result.saved.append(save_upload(name, data, raw_dir, limit_mb))
        except UploadRefused as exc:
            result.refused.append(exc)
    if result.saved:  # a duplicate too: if it was never ingested, now it is (unchanged files cost nothing)
        run_ingest(raw_dir, parquet_dir, result)
    return result


def fill_in_and_ingest(raw_dir, parquet_dir, source_file: str, values: dict) -> ActionResult:
    """The Data page's fill-in form: write `<source_file>.defaults.csv`, then ingest again."""
    result = ActionResult(focus=[source_file])
    raw_path = Path(raw_dir) / source_file
    try:
        write_defaults(raw_path, values, raw_dir=raw_dir)
    except (ValueError, OSError) as exc:
        result.fail("values_not_saved", file=source_file, error=str(exc))
        return result
    return run_ingest(raw_dir, parquet_dir, result)
