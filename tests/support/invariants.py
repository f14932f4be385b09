"""What must hold after any ingest, whatever the raw files were; and a snapshot of a store to compare.

`check_ingest(report, store)` returns a list of broken promises (empty when all hold), each naming the
file and sheet, so a failing fuzz example says exactly what went wrong.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import atlas_data
from atlas_data.store import versions as S
from support.rulesql import table_counts

ROOT = Path(__file__).resolve().parents[2]
FILE_STATUSES = {"ok", "unchanged", "unreadable", "no_table", "skipped", "kept_previous", "error"}
SHEET_STATUSES = {"ok", "skipped", "rejected"}
INTERNAL_ERROR = "please report it to the dashboard team"  # the catch-all for a bug of the ingest itself


def rows(con, sql: str, *params) -> list[tuple]:
    cur = con.cursor()
    try:
        return cur.execute(sql, list(params)).fetchall()
    finally:
        cur.close()


def check_ingest(report, store, describe=lambda path: "") -> list[str]:
    """Every promise of the ingest report and of the store it wrote, for every file and sheet."""
    problems: list[str] = []
    con = atlas_data.connect(store)
    try:
        errors: dict[tuple[str, str], list] = {}
        for file, sheet, row in rows(con, "SELECT source_file, source_sheet, source_row FROM rejected "
                                          "WHERE severity = 'error'"):
            errors.setdefault((file, sheet or ""), []).append(row)
        info: dict[str, list] = {}
        for file, sheet, read, kept, rejected in rows(
                con, "SELECT source_file, source_sheet, rows_read, rows_kept, rows_rejected FROM ingest_files"):
            info.setdefault(file, []).append((sheet or "", read, kept, rejected))
        for f in report.files:
            where = f"{f.path!r} ({describe(f.path)})"
            if f.status not in FILE_STATUSES:
                problems.append(f"{where}: unknown file status {f.status!r}")
            if f.status == "error":
                problems.append(f"{where}: a sheet hit the ingest's internal-error path: "
                                f"{[s.message for s in f.sheets if s.status == 'rejected']}")
            if f.failed and not (f.message or any(s.message for s in f.sheets)):
                problems.append(f"{where}: failed ({f.status}) without a message")
            for s in f.sheets:
                at = f"{where} sheet {s.sheet!r}"
                if s.status not in SHEET_STATUSES:
                    problems.append(f"{at}: unknown sheet status {s.status!r}")
                if min(s.rows_read, s.rows_kept, s.rows_rejected) < 0:
                    problems.append(f"{at}: negative count {s}")
                if s.rows_read != s.rows_kept + s.rows_rejected:
                    problems.append(f"{at}: rows_read {s.rows_read} != rows_kept {s.rows_kept} + rows_rejected "
                                    f"{s.rows_rejected} (table {s.table})")
                if INTERNAL_ERROR in s.message or any(INTERNAL_ERROR in r for r in s.reasons):
                    problems.append(f"{at}: internal error: {s.message[:300]}")
                if s.status != "ok" and not s.message:
                    problems.append(f"{at}: status {s.status} without a message")
                if s.table:
                    stored = rows(con, f"SELECT count(*) FROM {s.table}_base WHERE source_file = ? AND source_sheet = ?",
                                  f.path, s.sheet)[0][0]
                    if stored != s.rows_kept:
                        problems.append(f"{at}: report says {s.rows_kept} rows kept, the {s.table} view has {stored}")
                found = errors.get((f.path, s.sheet), [])
                data_rows = {r for r in found if r is not None}
                if s.rows_rejected and not found:
                    problems.append(f"{at}: {s.rows_rejected} rows rejected but no 'error' row in the rejected view")
                if s.status == "ok" and s.table:
                    if bool(data_rows) != bool(s.rows_rejected) or len(data_rows) > s.rows_rejected:
                        problems.append(f"{at}: {s.rows_rejected} rows rejected but the rejected view has "
                                        f"{len(data_rows)} distinct data rows with severity 'error'")
            if f.status in ("ok", "no_table", "unreadable", "error"):
                stored = sorted(info.get(f.path, []))
                expected = sorted((s.sheet, s.rows_read, s.rows_kept, s.rows_rejected) for s in f.sheets) or \
                    [("", 0, 0, 0)]
                if stored != expected:
                    problems.append(f"{where}: ingest_files view {stored} != report {expected}")
    finally:
        con.close()
    return problems


# ------------------------------------------------------------------------------------------ snapshots

CHECKSUM_SQL = ("SELECT count(*), coalesce(sum(hash(participant_key)), 0)::VARCHAR, "
                "coalesce(sum(hash(activity, session_date, institution)), 0)::VARCHAR FROM attendance")


def snapshot(store) -> dict:
    """Table counts and an attendance checksum of the store's current version (what readers see)."""
    con = atlas_data.connect(store)
    try:
        counts = table_counts(con)
        checksum = rows(con, CHECKSUM_SQL)[0]
    finally:
        con.close()
    return {"counts": counts, "attendance": tuple(checksum)}


def leftovers(store) -> list[str]:
    """Names in the store folder that a finished ingest must not leave (tmp folders, pointer files)."""
    return sorted(p.name for p in Path(store).iterdir() if ".tmp-" in p.name)


# ------------------------------------------------------------------------------------------ CLI

def cli_env(secret: Path) -> dict:
    env = dict(os.environ)
    env["ATLAS_SECRET_FILE"] = str(secret)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("COLUMNS", None)
    return env


def cli_command(raw, store, *extra) -> list[str]:
    return [sys.executable, "-m", "atlas_data", "ingest", str(raw), "--out", str(store), *extra]


def run_cli(raw, store, secret: Path, *extra, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command(raw, store, *extra), cwd=ROOT, env=cli_env(secret), capture_output=True,
                          text=True, errors="replace", timeout=timeout)


def store_version_name(store) -> str | None:
    cur = S.current_dir(Path(store))
    return cur.name if cur else None
