"""Withdraw an uploaded file, and forget withdrawn files after the retention time.

A withdrawn file is moved (with its NAME.defaults.csv and NAME.mapping.csv) to ``data/raw/.archive/<UTC time>/``,
which no ingest reads, and the store is ingested again, so its rows leave every page. It is not deleted: raw
exports hold names, so an archived file is deleted only by an admin on the Data page or when it is older than
the ``archive_keep_days`` setting. If the ingest fails, the file goes back where it was and the data is unchanged.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from atlas_data.reading.companions import DEFAULTS_SUFFIX, MAPPING_SUFFIX
from atlas_data.store.ingest import raw_files
from atlas_data.store.uploads import UPLOAD_FOLDER, ActionResult, run_ingest

ARCHIVE_FOLDER = ".archive"
STAMP = "%Y%m%dT%H%M%SZ"


def uploaded_files(raw_dir) -> list[str]:
    """The files uploaded through the Data page (relative to raw_dir), which a data manager may withdraw."""
    raw_dir = Path(raw_dir)
    return [p.relative_to(raw_dir).as_posix() for p in raw_files(raw_dir)
            if p.relative_to(raw_dir).parts[0] == UPLOAD_FOLDER]


def _with_companions(path: Path) -> list[Path]:
    return [p for p in (path, path.with_name(path.name + DEFAULTS_SUFFIX), path.with_name(path.name + MAPPING_SUFFIX))
            if p.is_file()]


def withdraw(raw_dir, parquet_dir, rel: str, now: dt.datetime | None = None) -> ActionResult:
    """Move an uploaded file to the archive and ingest again. `result.error` says why nothing changed."""
    raw_dir = Path(raw_dir)
    result = ActionResult(focus=[rel])
    if rel not in uploaded_files(raw_dir):
        result.fail("withdraw_not_uploaded", file=rel, folder=UPLOAD_FOLDER)
        return result
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime(STAMP)
    moved = []
    try:
        for path in _with_companions(raw_dir / rel):
            target = raw_dir / ARCHIVE_FOLDER / stamp / path.relative_to(raw_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
            moved.append((path, target))
    except OSError as exc:
        result.fail("withdraw_not_moved", file=rel, why=str(exc.strerror or exc))
    if result.error is None:
        run_ingest(raw_dir, parquet_dir, result)
    if result.error is not None:                  # put everything back: the data shown stays as it was
        for path, target in reversed(moved):
            shutil.move(target, path)
    return result


def archived_files(raw_dir) -> list[dict]:
    """Withdrawn files still kept: {"archived": UTC time, "file": path relative to raw_dir, "path": Path}."""
    root = Path(raw_dir) / ARCHIVE_FOLDER
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        try:
            when = dt.datetime.strptime(folder.name, STAMP).replace(tzinfo=dt.timezone.utc)
        except ValueError:
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            found.append({"archived": when, "file": path.relative_to(folder).as_posix(), "path": path})
    return found


def delete_archived(raw_dir, entries) -> list[str]:
    """Delete these archived files for good (an admin's choice, or the retention time); the files deleted."""
    deleted = []
    for entry in entries:
        path = Path(entry["path"])
        if Path(raw_dir, ARCHIVE_FOLDER) in path.parents and path.is_file():
            path.unlink()
            deleted.append(entry["file"])
            for parent in path.parents:           # drop the folders left empty, up to the archive itself
                if parent == Path(raw_dir, ARCHIVE_FOLDER) or any(parent.iterdir()):
                    break
                parent.rmdir()
    return deleted


def expired(raw_dir, keep_days: int, now: dt.datetime | None = None) -> list[dict]:
    """Archived files older than the retention time."""
    limit = (now or dt.datetime.now(dt.timezone.utc)) - dt.timedelta(days=int(keep_days))
    return [e for e in archived_files(raw_dir) if e["archived"] < limit]
