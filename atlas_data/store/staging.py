"""Uploads checked before they are stored: staged in a hidden folder, read by a dry run, stored on confirm.

The Data page's "Check files" puts each upload that passes `uploads.check_upload` under
`RAW_DIR/.staging/<random token>/<safe name>`. An ingest never reads a hidden folder, so nothing reaches
the store or `RAW_DIR/uploads/` yet. `preview` reads the staged files with `ingest.dry_run`, each under the
name it will be stored as (`uploads/<name>`), with the mappings saved under `RAW_DIR` (next month's export
of a known shape needs no mapping step), the mapping saved beside the staged file, and one being tried.

`confirm` stores each staged file with `uploads.save_upload`'s rules (content already stored is not stored
twice, a name taken by other content gets ` (2)`), moves its `NAME.mapping.csv` and `NAME.defaults.csv`
beside it under its final name, deletes the staging folder and ingests. `discard` deletes the staging
folder; folders left behind (a closed browser tab) are deleted at the next check once a day old.
"""
from __future__ import annotations

import os
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from atlas_data.store.ingest import DEFAULTS_SUFFIX, IngestReport, SheetReport, dry_run
from atlas_data.reading.layout import HEADER_SCAN_ROWS, detect
from atlas_data.reading.mapping import MAPPING_SUFFIX, SheetMapping, check, mapping_path, read_mapping_file, write_mapping
from atlas_data.store.uploads import (PER_ROW_COLUMNS, UPLOAD_FOLDER, ActionResult, UploadRefused, check_upload, find_same_content,
                      run_ingest, save_upload, write_defaults)

STAGING_FOLDER = ".staging"
MAX_AGE_SECONDS = 24 * 3600
HEAD_SHOWN = 8      # rows of a sheet shown to map its columns: the header and the rows under it


@dataclass(frozen=True)
class StagedFile:
    name: str                   # as the browser sent it
    path: Path                  # in the staging folder
    rel: str                    # the name it is read under and will be stored as, unless taken: uploads/<name>
    existing: str | None = None  # the same content is already stored as this file (it will not be stored again)


@dataclass
class Staged:
    """One "Check files": the staged files, the refused ones, and mappings being tried (not saved)."""
    folder: Path
    files: list[StagedFile] = field(default_factory=list)
    refused: list[UploadRefused] = field(default_factory=list)
    trying: dict[str, dict[str, SheetMapping]] = field(default_factory=dict)   # rel -> sheet -> mapping

    def file(self, rel: str) -> StagedFile:
        return next(f for f in self.files if f.rel == rel)


# ------------------------------------------------------------------ check

def cleanup(raw_dir, max_age: float = MAX_AGE_SECONDS, now: float | None = None) -> list[Path]:
    """Delete staging folders not touched for `max_age` seconds; the ones deleted."""
    root = Path(raw_dir) / STAGING_FOLDER
    now = time.time() if now is None else now
    gone = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        try:
            if folder.is_dir() and not folder.is_symlink() and now - folder.stat().st_mtime > max_age:
                shutil.rmtree(folder)
                gone.append(folder)
        except OSError:
            continue
    return gone


def stage(files: list[tuple[str, bytes]], raw_dir, limit_mb: float | None = None) -> Staged:
    """Write each upload that passes the checks into a new staging folder (see module docstring); refused
    ones are listed with their reason. Nothing is written under RAW_DIR/uploads/."""
    raw_dir = Path(raw_dir)
    cleanup(raw_dir)
    folder = raw_dir / STAGING_FOLDER / secrets.token_hex(12)
    staged = Staged(folder=folder)
    for name, data in files:
        try:
            safe = check_upload(name, data, limit_mb)
        except UploadRefused as exc:
            staged.refused.append(exc)
            continue
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = _free_name(folder, safe)
            with open(path, "xb") as fh:
                fh.write(data)
        except OSError as exc:
            staged.refused.append(UploadRefused("upload_not_stored", name=safe,
                                                detail=exc.strerror or type(exc).__name__))
            continue
        same = find_same_content(data, raw_dir)
        staged.files.append(StagedFile(name=str(name), path=path, rel=f"{UPLOAD_FOLDER}/{path.name}",
                                       existing=same.relative_to(raw_dir).as_posix() if same else None))
    return staged


def _free_name(folder: Path, safe: str) -> Path:
    """`safe`, or `safe (2)` … when two files of one check have the same name."""
    stem, suffix = Path(safe).stem, Path(safe).suffix
    for n in range(1, 1000):
        path = folder / (safe if n == 1 else f"{stem} ({n}){suffix}")
        if not path.exists():
            return path
    raise OSError(0, "too many files with this name")


# ------------------------------------------------------------------ preview and mappings

def preview(staged: Staged, raw_dir, parquet_dir) -> IngestReport:
    """The dry run of the staged files: per file and sheet the table, rows kept and rejected with reasons,
    and the first rows as they would be stored. Writes nothing."""
    trying: dict[str, dict[str, SheetMapping]] = {}
    for f in staged.files:
        saved = mapping_path(f.path)
        sheets = read_mapping_file(saved, source=f.rel + MAPPING_SUFFIX) if saved.is_file() else {}
        sheets.update(staged.trying.get(f.rel, {}))
        trying[f.rel] = sheets   # even empty: never the mapping of a stored file that has this name today
    return dry_run(raw_dir, parquet_dir, trying=trying, files={f.rel: f.path for f in staged.files})


def try_mapping(staged: Staged, rel: str, sheet: str, mapping: SheetMapping) -> None:
    """Use `mapping` for this sheet in the next preview (raises MappingError when it cannot be used)."""
    check(mapping)
    staged.trying.setdefault(rel, {})[sheet] = SheetMapping(table=mapping.table, headers=dict(mapping.headers),
                                                           sheet=sheet)


def save_mapping(staged: Staged, rel: str, sheet: str, mapping: SheetMapping) -> Path:
    """Write the mapping beside the staged file (it moves with the file on confirm)."""
    path = write_mapping(staged.file(rel).path, sheet, mapping)
    staged.trying.get(rel, {}).pop(sheet, None)
    return path


def save_values(staged: Staged, rel: str, values: dict, raw_dir) -> Path | None:
    """Whole-file values (country, DMOP …) beside the staged file, as NAME.defaults.csv; blanks are left."""
    given = {k: v for k, v in values.items() if str(v or "").strip()}
    return write_defaults(staged.file(rel).path, given, raw_dir=raw_dir) if given else None


def fillable(sheet: SheetReport) -> list[str]:
    """The required columns a sheet lacks that one value for the whole file can give."""
    return [c for c in sheet.missing if c not in PER_ROW_COLUMNS]


def header_row(sheet: SheetReport) -> int:
    """The header's row in the sheet's first rows: the one recognized, else the first of the rows with the
    most filled cells (label cells such as `País:` `Paraguay` above a header fill fewer), else 0."""
    if sheet.header_row >= 0:
        return sheet.header_row
    head = sheet.head
    if head is None or head.empty:
        return 0
    filled = head.iloc[:HEADER_SCAN_ROWS].apply(lambda row: sum(isinstance(v, str) and bool(v.strip()) for v in row),
                                                axis=1)
    return int(filled.to_numpy().argmax()) if filled.max() >= 2 else 0


def shown_rows(sheet: SheetReport) -> pd.DataFrame:
    """The header and the rows under it (HEAD_SHOWN in all), columns named A, B, C … as a spreadsheet does."""
    head = sheet.head if sheet.head is not None else pd.DataFrame()
    start = header_row(sheet)
    rows = head.iloc[start:start + HEAD_SHOWN].copy()
    rows.columns = [column_letter(i) for i in range(rows.shape[1])]
    rows.index = range(start + 1, start + 1 + len(rows))
    return rows.fillna("")


def column_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def headers(sheet: SheetReport) -> list[str]:
    """The distinct header texts of the sheet's header row, left to right."""
    if sheet.head is None or sheet.head.empty:
        return []
    row = sheet.head.iloc[header_row(sheet)]
    return list(dict.fromkeys(v.strip() for v in row if isinstance(v, str) and v.strip()))


def suggested(staged: Staged, rel: str, sheet: SheetReport, table: str) -> dict[str, str]:
    """header -> column to preselect for `table`: the mapping being tried or saved for this sheet, else what
    the dry run recognized, else what the headers read as when the sheet is taken as `table`."""
    own = staged.trying.get(rel, {}).get(sheet.sheet)
    saved = mapping_path(staged.file(rel).path)
    if own is None and saved.is_file():
        own = read_mapping_file(saved).get(sheet.sheet)
    if own is not None and own.table == table:
        return dict(own.headers)
    if sheet.table == table and sheet.columns:
        return dict(sheet.columns)
    if sheet.head is None or sheet.head.empty:
        return {}
    layout = detect(sheet.head, forced_table=table)
    if layout is None or layout.header_row != header_row(sheet):
        return {}
    row = sheet.head.iloc[layout.header_row]
    found = {str(row[j]).strip(): name for j, name in layout.columns.items()}
    found.update({str(row[j]).strip(): "session_marks" for j in layout.session_cols})
    return found


# ------------------------------------------------------------------ confirm, cancel

def confirm(staged: Staged, raw_dir, parquet_dir, limit_mb: float | None = None) -> ActionResult:
    """Store the staged files (see module docstring) and ingest. A mapping still being tried is saved first,
    so what is stored is what the preview showed."""
    raw_dir = Path(raw_dir)
    result = ActionResult(refused=list(staged.refused))
    for rel, sheets in list(staged.trying.items()):
        for sheet, mapping in list(sheets.items()):
            save_mapping(staged, rel, sheet, mapping)
    for f in staged.files:
        try:
            data = f.path.read_bytes()
        except OSError:
            result.refused.append(UploadRefused("upload_staging_gone", name=f.path.name))
            continue
        try:
            saved = save_upload(f.path.name, data, raw_dir, limit_mb)
        except UploadRefused as exc:
            result.refused.append(exc)
            continue
        result.saved.append(saved)
        for suffix in (MAPPING_SUFFIX, DEFAULTS_SUFFIX):
            companion = f.path.with_name(f.path.name + suffix)
            target = saved.path.with_name(saved.path.name + suffix)
            if companion.is_file() and not (saved.status == "duplicate" and target.exists()):
                os.replace(companion, target)
    discard(staged)
    if result.saved:
        run_ingest(raw_dir, parquet_dir, result)
    return result


def discard(staged: Staged) -> None:
    """Delete the staging folder and everything in it."""
    shutil.rmtree(staged.folder, ignore_errors=True)
