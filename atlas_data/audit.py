"""The audit trail: one JSON line per change a data manager makes, appended to a file outside git.

Each line says who (the signed-in data manager), when (UTC), what (`action`: upload_checked, upload_confirmed,
upload_cancelled, mapping_saved, fill_in, reingest, settings_changed, rollback, account_added, account_removed,
file_withdrawn, raw_deleted), the files, and per table the rows kept and
rejected by the ingest it caused, with an optional reason. It never holds a personal value: file names, table
names, counts, setting names and numbers only (never a cell, a header or a filled-in value). The file is
`audit.jsonl` beside the pseudonym secret (`.atlas/`, git-ignored) or where `ATLAS_AUDIT_FILE` says; lines are only
ever appended. Shown on the Data page to data managers and by `python -m atlas_data audit`.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

ACTIONS = ("upload_checked", "upload_confirmed", "upload_cancelled", "mapping_saved", "fill_in", "reingest",
           "settings_changed", "rollback", "account_added", "account_removed", "file_withdrawn", "raw_deleted")
MAX_REASON = 300


def audit_path() -> Path:
    from atlas_data.reading.privacy import secret_path

    return Path(os.environ.get("ATLAS_AUDIT_FILE") or secret_path().parent / "audit.jsonl")


def record(action: str, who: str | None, files=(), tables: dict | None = None, changes: dict | None = None,
           reason: str | None = None, path: Path | None = None) -> dict:
    """Append one entry and return it. `tables`: {table: {"rows_kept": n, "rows_rejected": m}}; `changes`:
    {setting: [old, new]}."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = {"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "who": who or "unknown",
             "action": action, "files": sorted(str(f) for f in files)}
    if tables:
        entry["tables"] = tables
    if changes:
        entry["changes"] = changes
    if reason and str(reason).strip():
        entry["reason"] = str(reason).strip()[:MAX_REASON]
    path = path or audit_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:   # one write of one line: appends do not interleave
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return entry


def tables_of(report, files=None) -> dict:
    """Rows kept and rejected per table in an ingest report, for `files` (all changed files when None)."""
    out: dict[str, dict[str, int]] = {}
    if report is None:
        return out
    for f in report.files:
        if (files is not None and f.path not in files) or (files is None and f.status == "unchanged"):
            continue
        for s in f.sheets:
            if s.table:
                t = out.setdefault(s.table, {"rows_kept": 0, "rows_rejected": 0})
                t["rows_kept"] += int(s.rows_kept)
                t["rows_rejected"] += int(s.rows_rejected)
    return out


def record_result(action: str, who: str | None, result, reason: str | None = None) -> dict:
    """An entry for an uploads.ActionResult: its files and the rows its ingest kept and rejected per table."""
    files = result.files()
    return record(action, who, files=files, tables=tables_of(result.report, set(files) if files else None),
                  reason=reason)


def read(path: Path | None = None, limit: int | None = None) -> list[dict]:
    """The entries, newest last (a line that cannot be read is skipped)."""
    try:
        lines = (path or audit_path()).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    out = []
    for line in lines[-limit:] if limit else lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            out.append(entry)
    return out


def rows(entries: list[dict], lang: str = "en") -> list[dict]:
    """Entries flattened for a table: when, who, action, files, tables (`attendance: 12 kept, 1 rejected`, in
    `lang`), changes, reason."""
    from atlas_data.i18n import fmt_count, t

    def tables(entry):
        return "; ".join(t("{table}: {kept} kept, {rejected} rejected", lang, table=name,
                           kept=fmt_count(v.get("rows_kept", 0), lang),
                           rejected=fmt_count(v.get("rows_rejected", 0), lang))
                         for name, v in sorted((entry.get("tables") or {}).items()))

    def changes(entry):
        return "; ".join(f"{k}: {old} → {new}" for k, (old, new) in sorted((entry.get("changes") or {}).items()))
    return [{"at": e.get("at", ""), "who": e.get("who", ""), "action": e.get("action", ""),
             "files": ", ".join(e.get("files") or []), "tables": tables(e), "changes": changes(e),
             "reason": e.get("reason", "")} for e in entries]
