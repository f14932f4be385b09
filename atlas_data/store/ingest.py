"""Ingest: every raw file → recognized sheets → contract tables → a new store version, or nothing if unchanged.

`ingest(raw_dir, parquet_dir)` never raises for bad input: each file's outcome (table recognized, rows
kept, rows rejected with reasons) is in the returned report. It raises `IngestError` only when the
store cannot be written or another ingest holds it, and then the previous data is untouched.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from atlas_data import contract as C
from atlas_data.store import versions as S
from atlas_data.store.views import write_aggregates
from atlas_data.reading.layout import detect
from atlas_data.reading.companions import DEFAULTS_SUFFIX, is_companion
from atlas_data.reading.mapping import Mappings
from atlas_data.reading.meetings import recognize
from atlas_data.reading.messages import Coded, render, render_stored, stored_fields
from atlas_data.reading.normalize import Context, normalize_sheet
from atlas_data.reading.privacy import scrub
from atlas_data.reading.quizzes import recognize as recognize_quiz
from atlas_data.reading.problems import whole_file_column
from atlas_data.reading.readers import SUPPORTED_SUFFIXES, Sheet, UnreadableFile, read_file

IGNORED_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"}


class IngestError(Coded, Exception):
    """The store could not be updated (disk, permissions, another ingest); nothing was changed."""


class Note(str):
    """A line for `echo`: the English text, with its template and fields so a reader gets it in their language."""

    def __new__(cls, template: str, **fields):
        note = super().__new__(cls, template.format(**fields))
        note.template, note.fields = template, fields
        return note


WAITING = "Another ingest is running on {root}; waiting for it to finish…"


@dataclass
class SheetReport:
    sheet: str
    table: str | None
    rows_read: int = 0
    rows_kept: int = 0
    rows_rejected: int = 0
    warnings: int = 0
    status: str = "ok"          # ok | skipped | rejected
    message: str = ""
    reasons: list[str] = field(default_factory=list)
    mapping: str = ""           # the mapping file that told its columns, if one did
    message_code: str = ""      # the message as a catalog code and its fields (JSON), to show it translated
    message_fields: str = ""
    # For a dry run only (never in the manifest): header -> column as recognized, the header's row in the
    # grid (0-based, -1 when none), the required columns the sheet lacks, and the first rows as they
    # would be stored (names already keys).
    columns: dict = field(default_factory=dict, repr=False)
    header_row: int = field(default=-1, repr=False)
    missing: list = field(default_factory=list, repr=False)
    preview: object = field(default=None, repr=False)
    head: object = field(default=None, repr=False)    # the sheet's first rows as read (text grid)
    countries: list = field(default_factory=list, repr=False)   # the countries its kept rows name
    # (code, fields) of each of `reasons`, to say them in a language: set by every run, not only a dry run
    reason_messages: list = field(default_factory=list, repr=False)

    def message_in(self, lang: str) -> str:
        return render_stored(self.message_code, self.message_fields, self.message, lang)

    def reasons_in(self, lang: str) -> list[str]:
        """`reasons` in `lang` (a sheet read by this run; one reported again from the manifest: in English)."""
        if len(self.reason_messages) != len(self.reasons):
            return self.reasons
        return [render_stored(code, fields, text, lang)
                for text, (code, fields) in zip(self.reasons, self.reason_messages)]

    def record(self) -> dict:
        """What the manifest keeps of this sheet (to report an unchanged file again)."""
        return {k: v for k, v in self.__dict__.items() if k not in PREVIEW_FIELDS}


PREVIEW_FIELDS = ("columns", "header_row", "missing", "preview", "head", "countries", "reason_messages")


@dataclass
class FileReport:
    path: str
    status: str = "ok"          # ok | unchanged | unreadable | no_table | skipped | kept_previous
    message: str = ""
    sheets: list[SheetReport] = field(default_factory=list)
    message_code: str = ""
    message_fields: str = ""

    def say(self, code: str, **fields) -> None:
        """Set the file's message: the English text, its code and fields."""
        self.message, self.message_code, self.message_fields = render(code, **fields), code, stored_fields(**fields)

    def message_in(self, lang: str) -> str:
        return render_stored(self.message_code, self.message_fields, self.message, lang)

    @property
    def failed(self) -> bool:
        return self.status in ("unreadable", "no_table", "kept_previous", "error")


@dataclass
class IngestReport:
    raw_dir: str
    parquet_dir: str
    files: list[FileReport] = field(default_factory=list)
    version: str = ""
    changed: bool = False
    aggregates_s: float = 0.0   # of the ingest's time, building the pages' aggregates (views.write_aggregates)

    @property
    def exit_code(self) -> int:
        return 1 if any(f.failed for f in self.files) else 0

    def sheet_rows(self) -> pd.DataFrame:
        """One row per file and sheet: what the CLI prints and the Data page shows."""
        rows = []
        for f in self.files:
            if not f.sheets:
                rows.append({"file": f.path, "sheet": "", "table": None, "rows_kept": 0, "rows_rejected": 0,
                             "warnings": 0, "status": f.status, "message": f.message,
                             "message_code": f.message_code, "message_fields": f.message_fields})
            for s in f.sheets:
                rows.append({"file": f.path, "sheet": s.sheet, "table": s.table, "rows_kept": s.rows_kept,
                             "rows_rejected": s.rows_rejected, "warnings": s.warnings,
                             "status": f.status if f.status == "unchanged" else s.status, "message": s.message,
                             "message_code": s.message_code, "message_fields": s.message_fields})
        return pd.DataFrame(rows)


def raw_files(raw_dir: Path) -> list[Path]:
    """Every file under raw_dir except hidden files, lock files and the NAME.defaults.csv and
    NAME.mapping.csv companions."""
    found = []
    for path in sorted(raw_dir.rglob("*")):
        rel = path.relative_to(raw_dir)
        # hidden files and folders (.git, .~lock) are not exports; odd names such as `..%2fx.csv` are
        if not path.is_file() or any(part.startswith(".") and not part.startswith("..") for part in rel.parts):
            continue
        if path.name in IGNORED_NAMES or path.name.startswith("~$") or is_companion(path.name):
            continue
        found.append(path)
    return found


def read_defaults(path: Path) -> dict[str, str]:
    """`NAME.defaults.csv` beside a raw file: two columns, column,value (a header row is optional)."""
    companion = path.with_name(path.name + DEFAULTS_SUFFIX)
    if not companion.is_file():
        return {}
    text = companion.read_bytes().decode("utf-8-sig", errors="replace")
    values = {}
    for row in csv.reader(io.StringIO(text)):
        if len(row) >= 2 and row[0].strip() and row[0].strip().lower() != "column":
            values[row[0].strip()] = row[1].strip()
    return values


def forced_table(rel: Path) -> str | None:
    for part in reversed(rel.parts[:-1]):
        table = C.FOLDER_TABLES.get(part.lower())
        if table:
            return table
    return None


def _ingest_file_row(rel: str, sheet: str, table, read, kept, rejected, status, message, now, code="", fields=""):
    return {"source_file": rel, "source_sheet": sheet, "table_name": table, "rows_read": read, "rows_kept": kept,
            "rows_rejected": rejected, "status": status, "message": message, "ingested_at": now,
            "message_code": code or None, "message_fields": fields or None}


PREVIEW_ROWS = 5
HEAD_ROWS = 40   # of a sheet's grid, kept by a dry run: enough to find the header row and show rows under it


def parse_file(path: Path, raw_dir: Path, progress: Callable | None = None,
               after_read: Callable[[], None] | None = None, mappings: Mappings | None = None,
               preview: bool = False, rel: str | None = None):
    """(FileReport, frames per table) for one raw file. Never raises for bad content. With `preview`, each
    sheet's report also holds the headers as recognized and its first rows as they would be stored. `rel`
    names the file (source_file, messages, its mapping) when that is not its path under raw_dir: an upload
    checked before it is stored is read from its staging folder under the name it will have."""
    rel = rel or path.relative_to(raw_dir).as_posix()
    report = FileReport(path=rel)
    frames: dict[str, list[pd.DataFrame]] = {}
    now = dt.datetime.now().replace(microsecond=0)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        report.status = "skipped"
        report.say("not_a_spreadsheet", file=rel)
        return report, frames
    try:
        sheets = read_file(path, progress=progress)
    except UnreadableFile as exc:
        report.status = "unreadable"
        report.say("unreadable", file=rel, detail=exc)
        frames["ingest_files"] = [pd.DataFrame([_ingest_file_row(rel, "", None, 0, 0, 0, "unreadable", report.message,
                                                                 now, report.message_code, report.message_fields)])]
        return report, frames
    if after_read:
        after_read()
    ctx = Context(source_file=rel, file_name=path.name, folder_names=tuple(Path(rel).parts[:-1]),
                  defaults=read_defaults(path))
    forced = forced_table(Path(rel))
    info_rows, rejected = [], []
    for sheet in sheets:
        mapping = mappings.for_sheet(rel, sheet.name, sheet.grid) if mappings else None
        quiz = None if mapping or forced not in (None, "tests") else recognize_quiz(sheet.grid)
        export = None if quiz or mapping or forced not in (None, "attendance") else recognize(sheet.grid, ctx.defaults)
        tool = quiz or export   # a tool's export, rewritten: test scores (quizzes.py) or attendance (meetings.py)
        as_written = sheet.grid if quiz is not None else None   # a quiz's headers as written, for the dry run
        if tool is not None:
            sheet = Sheet(name=sheet.name, grid=tool.grid)
        layout = detect(sheet.grid, forced_table=mapping.table if mapping else forced or tool and tool.table,
                        overrides=mapping.overrides if mapping else export and export.overrides,
                        context=f"{sheet.name} {path.name}")
        if tool is not None and layout is not None and layout.header_row == tool.header_row:
            tool.apply(layout)
        if layout is None:
            where = {"file": rel, "sheet": sheet.name or None}
            message, code, fields = render("no_table", **where), "no_table", stored_fields(**where)
            report.sheets.append(SheetReport(sheet=sheet.name, table=None, status="skipped", message=message,
                                             message_code=code, message_fields=fields,
                                             head=sheet.grid.iloc[:HEAD_ROWS] if preview else None))
            info_rows.append(_ingest_file_row(rel, sheet.name, None, 0, 0, 0, "skipped", message, now, code, fields))
            continue
        try:
            result = normalize_sheet(sheet.grid, layout, ctx, sheet.name)
        except Exception as exc:  # a bug of ours must not lose the other sheets or show a traceback
            where = {"file": rel, "sheet": sheet.name, "error": f"{type(exc).__name__}: {scrub(str(exc)[:200])}"}
            message, code, fields = render("sheet_failed", **where), "sheet_failed", stored_fields(**where)
            report.sheets.append(SheetReport(sheet=sheet.name, table=layout.table, status="rejected",
                                             message=message, reasons=[message], message_code=code,
                                             message_fields=fields, reason_messages=[(code, fields)],
                                             head=sheet.grid.iloc[:HEAD_ROWS] if preview else None))
            info_rows.append(_ingest_file_row(rel, sheet.name, layout.table, 0, 0, 0, "rejected", message, now, code,
                                              fields))
            report.status = "error"
            continue
        for name, frame in result.frames.items():
            frames.setdefault(name, []).append(frame)
        rejected.extend(result.problems)
        errors = [p for p in result.problems if p["severity"] == "error"]
        status = "rejected" if result.message else "ok"
        first = next(iter(errors), {}) if result.message else {}
        message = result.message and first.get("reason", result.message)
        code, fields = first.get("code", ""), first.get("reason_fields", "")
        report.sheets.append(SheetReport(
            sheet=sheet.name, table=result.table, rows_read=result.rows_read, rows_kept=result.rows_kept,
            rows_rejected=result.rows_rejected, warnings=result.warnings, status=status, message=message or "",
            reasons=[p["reason"] for p in result.problems], mapping=mapping.source if mapping else "",
            message_code=code, message_fields=fields,
            reason_messages=[(p["code"], p["reason_fields"]) for p in result.problems]))
        if preview:
            sheet_report = report.sheets[-1]
            sheet_report.columns = recognized_columns(sheet.grid if as_written is None else as_written, layout)
            sheet_report.header_row = layout.header_row
            sheet_report.head = sheet.grid.iloc[:HEAD_ROWS]
            sheet_report.missing = list(dict.fromkeys(
                column for p in result.problems if (column := whole_file_column(p["code"], p["column_name"]))))
            main = result.frames.get(result.table)
            sheet_report.countries = sorted({str(c) for frame in result.frames.values() if "country" in frame
                                             for c in frame["country"].dropna().unique()})
            sheet_report.preview = None if main is None else main.head(PREVIEW_ROWS).drop(
                columns=[c for c in ("dmop_key", "alias_key", "source_file", "source_sheet") if c in main])
        info_rows.append(_ingest_file_row(rel, sheet.name, result.table, result.rows_read, result.rows_kept,
                                          result.rows_rejected, status, message or "", now, code, fields))
    if rejected:
        frames.setdefault("rejected", []).append(pd.DataFrame(rejected))
    frames.setdefault("ingest_files", []).append(pd.DataFrame(info_rows))
    if not any(s.table for s in report.sheets):
        report.status = "no_table"
        report.say("no_sheet_matches", file=rel)
    return report, frames


def recognized_columns(grid: pd.DataFrame, layout) -> dict[str, str]:
    """Header as written -> what it was read as (a contract column, or `session_marks`)."""
    if layout.header_row < 0:
        return {}
    header = grid.iloc[layout.header_row]
    found = {str(header[j]).strip(): name for j, name in layout.columns.items()}
    found.update({str(header[j]).strip(): "session_marks" for j in layout.session_cols})
    return found


def ingest(raw_dir, parquet_dir, *, progress: Callable | None = None, echo: Callable[[str], None] | None = None,
           wait_seconds: float = 600.0, on_file: Callable[[FileReport], None] | None = None) -> IngestReport:
    """Read every file under raw_dir and make the store under parquet_dir match it (see module docstring)."""
    from atlas_data.store import remote

    if remote.is_remote(parquet_dir):     # the same, in a local copy, then uploaded (store.remote)
        return _ingest_remote(raw_dir, parquet_dir, progress, echo, wait_seconds, on_file)
    raw_dir, root = Path(raw_dir), Path(parquet_dir)
    report = IngestReport(raw_dir=str(raw_dir), parquet_dir=str(root))
    if not raw_dir.is_dir():
        raise IngestError("not_a_folder", folder=str(raw_dir))
    from atlas_data.reading.privacy import SecretError, secret
    try:
        secret()
    except SecretError as exc:
        raise IngestError(exc.code, **exc.fields) from None
    try:
        with S.locked(root, wait_seconds, on_wait=lambda: echo and echo(Note(WAITING, root=root))):
            _ingest_locked(raw_dir, root, report, progress, on_file)
    except S.StoreError as exc:
        raise IngestError(exc.code, **exc.fields) from None
    except OSError as exc:
        raise IngestError("store_not_writable", **S.describe_os_error(exc, root)) from None
    return report


def _ingest_remote(raw_dir, uri: str, progress, echo, wait_seconds: float, on_file) -> IngestReport:
    from atlas_data.store import remote

    if not Path(raw_dir).is_dir():
        raise IngestError("not_a_folder", folder=str(raw_dir))

    def work(root: Path):
        report = ingest(raw_dir, root, progress=progress, wait_seconds=wait_seconds, on_file=on_file)
        return report, (report.version.split("-")[0] if report.changed else None)

    try:
        report = remote.write(uri, work, wait_seconds, echo and (lambda: echo(Note(WAITING, root=uri))))
    except S.StoreError as exc:
        raise IngestError(exc.code, **exc.fields) from None
    report.parquet_dir = uri
    return report


def _plan(raw_dir: Path, previous: dict, mappings: Mappings):
    """(raw files, hashes of the files the store has, files new to it, the unchanged ones). A file's hash
    covers its own bytes, its NAME.defaults.csv and every saved mapping (a new mapping re-reads)."""
    files = raw_files(raw_dir)
    hashes, new_files = {}, {}
    for path in files:
        rel = path.relative_to(raw_dir).as_posix()
        companion = path.with_name(path.name + DEFAULTS_SUFFIX)
        extra = (companion.read_bytes() if companion.is_file() else b"") + mappings.fingerprint()
        if rel in previous:
            hashes[rel] = S.content_hash(path, extra)
        else:  # not in the store: read whatever its hash, which is computed meanwhile
            new_files[rel] = (path, extra)
    # unchanged: the content last read, or the content that last failed (its previous rows are still kept)
    unchanged = {rel for rel, h in hashes.items()
                 if h in (previous.get(rel, {}).get("hash"), previous.get(rel, {}).get("failed_hash"))}
    return files, hashes, new_files, unchanged


def _previous_files(root: Path) -> dict:
    """The manifest's files (each with the content hash it was read at; see store.STORE_FORMAT)."""
    return S.read_manifest(root).get("files", {})


def dry_run(raw_dir, parquet_dir, only: list[str] | None = None,
            trying: dict | None = None, files: dict[str, Path] | None = None) -> IngestReport:
    """What an ingest would do, writing nothing: per file and sheet the table, rows kept and rejected with
    reasons, and the first rows as they would be stored. `only` limits it to these files (relative to
    raw_dir; read even when unchanged); `trying` is a mapping not yet saved ({file: {sheet: SheetMapping}}).
    `files` ({name: path}) reads just these files, wherever they are (an upload waiting in a hidden staging
    folder, which an ingest never reads), each reported under its name, with the mappings saved under
    raw_dir."""
    from atlas_data.store import remote

    raw_dir, root = Path(raw_dir), parquet_dir if remote.is_remote(parquet_dir) else Path(parquet_dir)
    report = IngestReport(raw_dir=str(raw_dir), parquet_dir=str(root), version=S.store_version(root))
    mappings = Mappings(raw_dir, extra=trying)
    if files is not None:
        for rel, path in files.items():
            report.files.append(parse_file(Path(path), raw_dir, mappings=mappings, preview=True, rel=rel)[0])
        report.changed = bool(report.files)
        return report
    previous = _previous_files(root)
    files, _, _, unchanged = _plan(raw_dir, previous, mappings)
    for path in files:
        rel = path.relative_to(raw_dir).as_posix()
        if only is not None and rel not in only:
            continue
        if rel in unchanged and only is None:
            report.files.append(_unchanged_report(rel, previous[rel]))
            continue
        fr, _ = parse_file(path, raw_dir, mappings=mappings, preview=True)
        report.files.append(fr)
    report.changed = any(f.status != "unchanged" for f in report.files) or set(previous) != {
        p.relative_to(raw_dir).as_posix() for p in files}
    return report


def _ingest_locked(raw_dir: Path, root: Path, report: IngestReport, progress, on_file) -> None:
    S.cleanup(root)
    previous = _previous_files(root)
    mappings = Mappings(raw_dir)
    files, hashes, new_files, unchanged = _plan(raw_dir, previous, mappings)
    if S.current_dir(root) is not None and not new_files and unchanged == set(hashes) and set(previous) == set(hashes):
        for rel in sorted(hashes):
            report.files.append(fr := _unchanged_report(rel, previous[rel]))
            if on_file:
                on_file(fr)
        report.version = S.store_version(root)
        return
    background = _BackgroundHashes(new_files)
    try:
        _write_version(raw_dir, root, report, progress, on_file, files, previous, unchanged,
                       lambda rel: hashes[rel] if rel in hashes else background.get(rel), background.start,
                       mappings)
    finally:
        background.close()
    S.cleanup(root)


def _unchanged_report(rel: str, entry: dict) -> FileReport:
    """The report of a file whose content the store already has: its sheets as last read, or, when this
    content failed to read, that failure again (the rows of its earlier version are still kept)."""
    if entry.get("hash") == "stale" and entry.get("failed_hash"):
        return FileReport(path=rel, status="kept_previous", message=entry.get("failed_message", ""),
                          message_code=entry.get("failed_code", ""), message_fields=entry.get("failed_fields", ""))
    if entry.get("status") in ("no_table", "skipped"):  # read before, and again nothing to keep from it
        return FileReport(path=rel, status=entry["status"], message=entry.get("message", ""),
                          message_code=entry.get("message_code", ""), message_fields=entry.get("message_fields", ""),
                          sheets=[SheetReport(**s) for s in entry.get("sheets", [])])
    report = FileReport(path=rel, status="unchanged", sheets=[SheetReport(**s) for s in entry.get("sheets", [])])
    report.say("unchanged")
    return report


def _stamp(path: Path) -> tuple:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev


class _BackgroundHashes:
    """Content hashes of files new to the store, computed in a thread while the files are parsed (hashlib
    releases the GIL), from `start()`: after the first file is read, so the hashing does not compete with
    the reader's threads. A file that changed meanwhile (size, times or inode differ from before its
    reading) gets the hash "stale", so the next ingest reads it again instead of trusting rows of other
    content."""

    def __init__(self, todo: dict[str, tuple[Path, bytes]]):
        self.pool = ThreadPoolExecutor(max_workers=1) if todo else None
        self.todo = todo
        self.stamps = {rel: _stamp(path) for rel, (path, _) in todo.items()}
        self.jobs = {}

    def start(self) -> None:
        try:
            for rel, (path, extra) in self.todo.items():
                if rel not in self.jobs:
                    self.jobs[rel] = self.pool.submit(S.content_hash, path, extra)
        except BaseException:
            self.close()
            raise

    def get(self, rel: str) -> str:
        self.start()
        path, stamp, job = self.todo[rel][0], self.stamps[rel], self.jobs[rel]
        digest = job.result()
        try:
            return digest if _stamp(path) == stamp else "stale"
        except OSError:
            return "stale"

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _write_version(raw_dir, root, report, progress, on_file, files, previous, unchanged, file_hash,
                   after_read, mappings) -> None:
    writer = S.VersionWriter(root)
    manifest_files = {}
    try:
        for path in files:
            rel = path.relative_to(raw_dir).as_posix()
            fid = S.file_id(rel)
            entry = previous.get(rel)
            if rel in unchanged:
                for table in entry.get("tables", []):
                    writer.reuse(table, fid)
                manifest_files[rel] = entry
                fr = _unchanged_report(rel, entry)
            else:
                fr, frames = parse_file(path, raw_dir, progress, after_read=after_read, mappings=mappings)
                if fr.status in ("unreadable", "error") and entry:
                    for table in entry.get("tables", []):
                        writer.reuse(table, fid)
                    fr.status = "kept_previous"
                    fr.say("previous_rows_kept", message={"code": fr.message_code, "fields": json.loads(
                        fr.message_fields or "{}")} if fr.message_code else fr.message)
                    # read again once it changes; until then the same failure is not repeated
                    manifest_files[rel] = dict(entry, hash="stale", failed_hash=file_hash(rel),
                                               failed_message=fr.message, failed_code=fr.message_code,
                                               failed_fields=fr.message_fields)
                else:
                    tables = []
                    for table, parts in frames.items():
                        frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
                        writer.write(table, fid, frame)
                        if not frame.empty:
                            tables.append(table)
                    manifest_files[rel] = {"hash": file_hash(rel), "tables": sorted(tables),
                                           "sheets": [s.record() for s in fr.sheets]}
                    if fr.status in ("no_table", "skipped"):  # so an unchanged one is reported the same again
                        manifest_files[rel].update(status=fr.status, message=fr.message, message_code=fr.message_code,
                                                   message_fields=fr.message_fields)
            report.files.append(fr)
            if on_file:
                on_file(fr)
        write_dmop_names(writer)
        started = time.perf_counter()
        write_aggregates(writer.tmp)
        report.aggregates_s = time.perf_counter() - started
        writer.commit({"files": manifest_files})
        report.version = S.store_version(root)
        report.changed = True
    except BaseException:
        writer.abort()
        raise


def write_dmop_names(writer: S.VersionWriter) -> None:
    """One display name per DMOP key and country: the alias sheet's name, else the most used spelling."""
    import duckdb

    from atlas_data.store.views import sql_literal

    writer.ready()
    base = writer.tmp
    selects = " UNION ALL ".join(
        f"SELECT country, dmop_key, dmop FROM read_parquet({sql_literal((base / t).as_posix() + '/*.parquet')})"
        for t in C.DMOP_TABLES if t not in ("indicators",) and "country" in C.STORED_COLUMNS[t])
    dmops = f"read_parquet({sql_literal((base / 'dmops').as_posix() + '/*.parquet')})"
    sql = f"""
    WITH used AS (SELECT country, dmop_key, mode(dmop) AS dmop FROM ({selects})
                  WHERE dmop_key IS NOT NULL AND dmop_key <> '' GROUP BY ALL),
    named AS (SELECT country, alias_key AS key, min(dmop) AS dmop FROM {dmops} WHERE alias_key IS NOT NULL GROUP BY ALL
              UNION ALL
              SELECT country, dmop_key AS key, min(dmop) AS dmop FROM {dmops} WHERE dmop_key IS NOT NULL GROUP BY ALL)
    SELECT u.country, u.dmop_key,
           coalesce((SELECT min(n.dmop) FROM named n WHERE n.key = u.dmop_key AND n.country = u.country),
                    (SELECT min(n.dmop) FROM named n WHERE n.key = u.dmop_key AND n.country IS NULL),
                    u.dmop) AS dmop
    FROM used u
    """
    con = duckdb.connect()
    try:
        frame = con.execute(sql).df()
    finally:
        con.close()
    (base / "dmop_names").mkdir(exist_ok=True)
    S.write_parquet(S.to_arrow(frame, "dmop_names"), base / "dmop_names" / "names.parquet")
