"""Column mappings a data manager makes once: `NAME.mapping.csv` beside a raw file.

Columns `sheet, table, source_header, column`: the sheet (blank for a CSV or for every sheet), the contract
table the sheet holds, a header as written in the file, and the contract column it is (`ignore` for one
that is not data, `session_marks` for a wide roster's column of one session's marks). Headers match as
the contract says (case, accents, spaces and punctuation ignored).

A mapping serves its own file and every later export of the same shape: a sheet with no mapping of its
own takes the mapping, saved beside any raw file, whose mapped headers all stand in the sheet's header
row (two at least; the one naming most wins). So next month's export of the same system needs no second
visit, whatever its file name.
"""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from atlas_data import contract as C
from atlas_data.reading.companions import MAPPING_SUFFIX, write_rows
from atlas_data.reading.layout import HEADER_SCAN_ROWS, SESSION_MARKS
from atlas_data.reading.messages import Coded
from atlas_data.reading.parsers import norm_key

IGNORE = "ignore"
FIELDS = ("sheet", "table", "source_header", "column")


class MappingError(Coded, ValueError):
    """A mapping that cannot be used; the message (a catalog code) says what to change."""


@dataclass
class SheetMapping:
    table: str
    headers: dict[str, str] = field(default_factory=dict)   # header as written -> column, `ignore`, `session_marks`
    sheet: str = ""
    source: str = ""                                         # the mapping file, relative to the raw folder

    @property
    def overrides(self) -> dict[str, str | None]:
        """norm_key(header) -> column, or None for a header to ignore (what layout.detect takes)."""
        return {norm_key(h): (None if c == IGNORE else c) for h, c in self.headers.items() if norm_key(h)}

    @property
    def shape(self) -> frozenset[str]:
        """The mapped headers (not the ignored ones): what identifies an export of the same kind."""
        return frozenset(norm_key(h) for h, c in self.headers.items() if c != IGNORE and norm_key(h))


def targets(table: str) -> tuple[str, ...]:
    """What a header of `table` may be mapped to: its columns, a split name's parts, marks, or ignore."""
    spec = C.TABLES[table]
    extra = (SESSION_MARKS,) if table == "attendance" else ()
    return (*spec.names, *extra, IGNORE)


def check(mapping: SheetMapping) -> None:
    """Raise MappingError unless the table exists, every target is allowed, and no column is given twice."""
    if mapping.table not in C.TABLES:
        raise MappingError("not_a_table", table=repr(mapping.table), tables=", ".join(C.TABLES))
    allowed = set(targets(mapping.table))
    seen: set[str] = set()
    for header, column in mapping.headers.items():
        if column not in allowed:
            raise MappingError("not_a_column", column=repr(column), table=mapping.table)
        if column in seen and column not in (IGNORE, SESSION_MARKS):
            raise MappingError("mapped_twice", column=column)
        seen.add(column)


def mapping_path(raw_path) -> Path:
    raw_path = Path(raw_path)
    return raw_path.with_name(raw_path.name + MAPPING_SUFFIX)


def read_mapping_file(path: Path, source: str = "") -> dict[str, SheetMapping]:
    """sheet name -> SheetMapping from one mapping file; rows naming no known table are skipped."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    found: dict[str, SheetMapping] = {}
    for row in csv.DictReader(io.StringIO(text)):
        sheet = (row.get("sheet") or "").strip()
        table = (row.get("table") or "").strip()
        header = (row.get("source_header") or "").strip()
        column = (row.get("column") or "").strip()
        if table not in C.TABLES or not header or column not in targets(table):
            continue
        found.setdefault(sheet, SheetMapping(table=table, sheet=sheet, source=source)).headers[header] = column
    return found


def write_mapping(raw_path, sheet: str, mapping: SheetMapping) -> Path:
    """Write (or replace this sheet's rows of) `<raw file>.mapping.csv`; the raw file is not touched."""
    check(mapping)
    target = mapping_path(raw_path)
    kept = read_mapping_file(target) if target.is_file() else {}
    kept[sheet] = SheetMapping(table=mapping.table, headers=dict(mapping.headers), sheet=sheet)
    rows = [list(FIELDS)] + [[name, item.table, header, column] for name, item in kept.items()
                             for header, column in item.headers.items()]
    return write_rows(target, rows)


class Mappings:
    """Every mapping saved under a raw folder: a file's own first, else one of the same shape."""

    def __init__(self, raw_dir: Path, extra: dict[str, dict[str, SheetMapping]] | None = None):
        self.by_file: dict[str, dict[str, SheetMapping]] = {}
        self.digest = hashlib.blake2b(digest_size=8)
        for path in sorted(Path(raw_dir).rglob("*" + MAPPING_SUFFIX)) if Path(raw_dir).is_dir() else []:
            rel = path.relative_to(raw_dir).as_posix()
            if any(part.startswith(".") and not part.startswith("..") for part in Path(rel).parts):
                continue
            try:
                data = path.read_bytes()
                self.by_file[rel[: -len(MAPPING_SUFFIX)]] = read_mapping_file(path, rel)
            except OSError:
                continue
            self.digest.update(rel.encode() + b"\0" + data)
        for rel, sheets in (extra or {}).items():  # a mapping being tried on the Data page, not yet saved
            self.by_file[rel] = sheets

    def fingerprint(self) -> bytes:
        """Changes when any mapping does: part of every file's content hash, so a new mapping re-reads."""
        return self.digest.hexdigest().encode() if self.by_file else b""

    def for_sheet(self, rel: str, sheet: str, grid) -> SheetMapping | None:
        """The mapping for one sheet of raw file `rel`: its own (the sheet's, else the file's blank-sheet
        row), else the best one of the same shape found in the sheet's first rows."""
        own = self.by_file.get(rel, {})
        if sheet in own or "" in own:
            return own.get(sheet) or own[""]
        candidates = [m for sheets in self.by_file.values() for m in sheets.values() if len(m.shape) >= 2]
        if not candidates:
            return None
        seen: set[str] = set()
        for row in grid.iloc[:HEADER_SCAN_ROWS].itertuples(index=False):
            keys = {norm_key(v) for v in row if isinstance(v, str) and v.strip()}
            if len(keys) >= 2:
                for m in candidates:
                    if m.shape <= keys:
                        seen.add(id(m))
        fitting = [m for m in candidates if id(m) in seen]
        return max(fitting, key=lambda m: len(m.shape)) if fitting else None
