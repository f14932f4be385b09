"""Small CSV files a data manager's choices leave beside a raw file: `NAME.defaults.csv` (values a whole
file lacks) and `NAME.mapping.csv` (which column each header is). Never read as data; written whole and
swapped in, so a reader never sees half of one."""
from __future__ import annotations

import csv
import io
import os
import uuid
from pathlib import Path

DEFAULTS_SUFFIX = ".defaults.csv"
MAPPING_SUFFIX = ".mapping.csv"
SUFFIXES = (DEFAULTS_SUFFIX, MAPPING_SUFFIX)


def is_companion(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def write_rows(target: Path, rows: list[list[str]]) -> Path:
    """Write `rows` as a UTF-8 (BOM) CSV at `target`, atomically (a hidden temporary file, then a rename)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    tmp = target.with_name(f".{uuid.uuid4().hex}.part")
    try:
        tmp.write_bytes(buffer.getvalue().encode("utf-8-sig"))
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target
