"""Settings a data manager can change (Data page), kept in `data/settings.json` beside the raw folder.

Defaults live here; the file holds only what was changed. Unknown keys and bad values are ignored.

``publish_mode`` (off by default) applies workshop mode's small-cell suppression to every page and download
(``atlas_data.publish``): for a dashboard shown to people outside the team. The threshold is
``small_cell_threshold`` (agencies use 3, 5 or 11).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from atlas_data import rules

DEFAULTS = {
    "completion_threshold": rules.DEFAULT_COMPLETION_THRESHOLD,   # share of an activity's sessions attended to count as completed
    "small_cell_threshold": 5,      # counts of people below this are shown as "<5" in workshop mode
    "upload_limit_mb": 50,          # largest file the Data page accepts
    "excused_counts_as_missed": False,  # an excused session (vacation, sick leave…) counts against completion
    "keep_versions": 20,            # store versions kept for `python -m atlas_data rollback` (store.cleanup)
    "publish_mode": False,          # every page and download suppressed like workshop mode (publish.py)
    "archive_keep_days": 90,        # withdrawn raw files (they hold names) are deleted after this (store/withdraw.py)
    "thai_buddhist_era": True,      # Thai dates with the Buddhist-era year (พ.ศ. 2564 for 2021), as Thai offices write them
}
_LIMITS = {"completion_threshold": (0.05, 1.0), "small_cell_threshold": (1, 100), "upload_limit_mb": (1, 2048),
           "keep_versions": (3, 1000), "archive_keep_days": (1, 3650)}
_FLAGS = frozenset(k for k, v in DEFAULTS.items() if isinstance(v, bool))  # yes/no settings: true or false only


def _valid(key: str, value) -> bool:
    if key in _FLAGS:
        return isinstance(value, bool)
    low, high = _LIMITS[key]
    return isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high


def settings_path() -> Path:
    return Path(os.environ.get("ATLAS_SETTINGS_FILE", "data/settings.json"))


def load(path: Path | None = None) -> dict:
    values = dict(DEFAULTS)
    try:
        stored = json.loads((path or settings_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return values
    for key, value in stored.items() if isinstance(stored, dict) else ():
        if key in DEFAULTS and _valid(key, value):
            values[key] = type(DEFAULTS[key])(value)
    return values


def flag(key: str) -> bool:
    """One yes/no setting, read again only when the settings file changed (cheap enough for every date)."""
    path = settings_path()
    try:
        stamp = (str(path), path.stat().st_mtime_ns)
    except OSError:
        stamp = (str(path), None)
    if _FLAG_CACHE.get("stamp") != stamp:
        _FLAG_CACHE.clear()
        _FLAG_CACHE.update(load(path), stamp=stamp)
    return bool(_FLAG_CACHE[key])


_FLAG_CACHE: dict = {}


def save(changes: dict, path: Path | None = None) -> dict:
    """Validate and store `changes`; returns the settings in force. Raises ValueError on a bad value."""
    path = path or settings_path()
    current = load(path)
    for key, value in changes.items():
        if key not in DEFAULTS:
            raise ValueError(f"unknown setting {key!r}")
        if not _valid(key, value):
            if key in _FLAGS:
                raise ValueError(f"{key} must be true or false")
            low, high = _LIMITS[key]
            raise ValueError(f"{key} must be between {low} and {high}")
        current[key] = type(DEFAULTS[key])(value)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({k: v for k, v in current.items() if v != DEFAULTS[k]}, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return current
