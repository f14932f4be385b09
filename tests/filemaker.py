"""Write raw files the way the M&E teams send them: CSV in several encodings, .xlsx/.xlsm, .ods.

Every writer takes rows as lists of cells (a cell is text, a number, a date, or None for blank) and
returns the path it wrote. `.xls` cannot be written from Python here, so no test writes one.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path

Rows = list[list]


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def write_csv(path, rows: Rows, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    """A CSV as Excel exports it: `encoding` is utf-8, utf-8-sig (BOM) or cp1252; `,` or `;`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_text(c) for c in row])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path, sheets: dict[str, Rows], merges: dict[str, list[tuple]] | None = None) -> Path:
    """An .xlsx (or .xlsm: same package, named so) with one sheet per entry, written with xlsxwriter.

    Numbers stay numeric cells (an Excel serial date is a number), `datetime.date` cells are real
    date cells. `merges[sheet]` is a list of (first_row, first_col, last_row, last_col, value),
    0-based, written with `merge_range` (the value lands in the top-left cell only).
    """
    import xlsxwriter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    options = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(str(path), options)
    if path.suffix.lower() == ".xlsm":
        # xlsxwriter only writes the macro-enabled content type when a VBA project is added.
        workbook.set_vba_name("ThisWorkbook")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        ws = workbook.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                if cell is None:
                    continue
                if isinstance(cell, dt.datetime):
                    ws.write_datetime(i, j, cell, date_format)
                elif isinstance(cell, dt.date):
                    ws.write_datetime(i, j, dt.datetime(cell.year, cell.month, cell.day), date_format)
                elif isinstance(cell, (int, float)) and not isinstance(cell, bool):
                    ws.write_number(i, j, cell)
                else:
                    ws.write_string(i, j, str(cell))
        for first_row, first_col, last_row, last_col, value in (merges or {}).get(name, []):
            ws.merge_range(first_row, first_col, last_row, last_col, value)
    workbook.close()
    return path


def write_ods(path, sheets: dict[str, Rows]) -> Path:
    """An OpenDocument spreadsheet through pandas + odfpy (no header row added by pandas)."""
    import pandas as pd

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in sheets.items():
            width = max(len(r) for r in rows)
            frame = pd.DataFrame([list(r) + [None] * (width - len(r)) for r in rows], dtype=object)
            frame.to_excel(writer, sheet_name=name, header=False, index=False)
    return path


def write_xls(path, sheets: dict[str, Rows]) -> Path:
    """A legacy Excel 97-2003 workbook (BIFF8) through xlwt; dates as Excel dates, numbers as numbers."""
    import xlwt

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for name, rows in sheets.items():
        ws = workbook.add_sheet(name)
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                if cell is None:
                    continue
                if isinstance(cell, dt.date):
                    ws.write(i, j, cell, date_style)
                else:
                    ws.write(i, j, cell)
    workbook.save(str(path))
    return path


def write_defaults(raw_file, values: dict[str, str]) -> Path:
    """`NAME.defaults.csv` beside `raw_file`, as the Data page writes it (column,value)."""
    raw_file = Path(raw_file)
    companion = raw_file.with_name(raw_file.name + ".defaults.csv")
    return write_csv(companion, [["column", "value"], *[[k, v] for k, v in values.items()]])


def write_bytes(path, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def tree_hashes(folder) -> dict[str, str]:
    """sha256 of every file under `folder`, keyed by relative path."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def parquet_bytes(parquet_dir) -> bytes:
    """Every byte of every file under the store folder, concatenated."""
    return b"".join(p.read_bytes() for p in sorted(Path(parquet_dir).rglob("*")) if p.is_file())


def parquet_text(parquet_dir) -> str:
    """Every string value of every Parquet file under the store (decompressed), one per line.

    The raw bytes of a zstd-compressed Parquet file do not show its values, so a privacy check
    searches both the bytes and this decoded text.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = []
    for p in sorted(Path(parquet_dir).rglob("*.parquet")):
        table = pq.read_table(p)
        for column in table.columns:
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                out.extend(v for v in column.to_pylist() if v is not None)
            else:
                out.extend(str(v) for v in column.to_pylist() if v is not None)
    for p in sorted(Path(parquet_dir).rglob("*")):
        if p.is_file() and p.suffix in (".json", "") and p.stat().st_size < 10_000_000:
            out.append(p.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(out)


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (version 3, 512-byte sectors) holding `streams` at its root, as Excel wraps
    a password-protected workbook (`EncryptionInfo`, `EncryptedPackage`). Each stream is padded with zero
    bytes to at least 4096, the mini-stream cutoff, so that every stream lives in ordinary sectors (a smaller
    stream would belong in the mini stream, which this writer does not make); at most 3 streams."""
    import struct

    assert 1 <= len(streams) <= 3
    end, free, fat_sect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    datas = [data.ljust(max(4096, -(-len(data) // 512) * 512), b"\0") for data in streams.values()]
    fat = [fat_sect, end]  # sector 0: the FAT; sector 1: the directory
    starts, sector = [], 2
    for data in datas:
        n = len(data) // 512
        starts.append(sector)
        fat += [sector + k + 1 for k in range(n - 1)] + [end]
        sector += n
    assert len(fat) <= 128
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, left=nostream, right=nostream, child=nostream, start=end, size=0) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1, left, right, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    names = list(streams)
    # the children of the root form a (here: all black, right-leaning) tree ordered by name length, then name
    order = sorted(range(len(names)), key=lambda k: (len(names[k]), names[k].upper()))
    entries = [entry("Root Entry", 5, child=order[0] + 1)]
    for k, name in enumerate(names):
        position = order.index(k)
        right = order[position + 1] + 1 if position + 1 < len(order) else nostream
        entries.append(entry(name, 2, right=right, start=starts[k], size=len(datas[k])))
    while len(entries) < 4:
        entries.append(entry("", 0))
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *[free] * 108))
    assert len(header) == 512
    return header + struct.pack("<128I", *fat) + b"".join(entries) + b"".join(datas)


# ------------------------------------------------------------------ a company's own roster (no contract header)

SYLLABLES = ["ba", "ce", "di", "lo", "mu", "ra", "te", "vi", "no", "sa", "qui", "ñe", "gu", "pe", "zo", "la"]
COMPANY_HEADERS = ["Integrante", "Área de trabajo", "Jornada", "Tema", "Sede"]
# What a data manager maps those headers to on the Data page.
COMPANY_MAPPING = {"Integrante": "participant_name", "Área de trabajo": "institution", "Jornada": "session_date",
                   "Tema": "activity", "Sede": "ignore"}


def made_up_name(i: int) -> str:
    """A made-up full name from syllables, distinct for each i below 4096: no real person's name."""
    def word(k: int, n: int) -> str:
        return "".join(SYLLABLES[(k // 16 ** j) % 16] for j in range(n)).capitalize()
    return f"{word(i, 2)}a {word(i + 4096, 3)}"


def company_roster(path, month: int, n: int, first: int = 0) -> Path:
    """An .xlsx roster whose headers match nothing in the contract, with its country and DMOP given by
    label cells above the header (`País:` `Paraguay`, `Modelo:` `Living Lab`); people `first`..`first+n-1`,
    two session days in `month` of 2024."""
    rows = [["País:", "Paraguay"], ["Modelo:", "Living Lab"], [], COMPANY_HEADERS]
    rows += [[made_up_name(first + i), "Inspección", f"{1 + i % 2:02d}/{month:02d}/2024", "Inspección del trabajo",
              "Asunción"] for i in range(n)]
    return write_xlsx(path, {"Hoja1": rows})
