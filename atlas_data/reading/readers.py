"""Read raw exports into grids of text: every sheet of a workbook, or a CSV with its encoding and delimiter found.

A grid is a DataFrame of strings (None for a blank cell) with no header; `grid.index[i] + 1` is the row
number a person sees in Excel (or the record number in a CSV). Everything layout-related happens later.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from atlas_data.reading.categorical import code_type
from atlas_data.reading.messages import Coded
from atlas_data.reading.text import RE2_BLANK

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
CSV_SUFFIXES = {".csv", ".tsv"}
SUPPORTED_SUFFIXES = EXCEL_SUFFIXES | CSV_SUFFIXES
LARGE_CSV_BYTES = 8 * 1024 * 1024  # above this, CSVs are read with pyarrow in batches (with a progress bar)
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # a workbook expanding past this is refused (zip bomb)
MAX_COMPRESSION_RATIO = 200
csv.field_size_limit(2**31 - 1)  # a cell may be as long as the file; the csv module's default stops at 128 KB


class UnreadableFile(Coded, Exception):
    """The file cannot be opened as what its name says; the message (a catalog code) says what to do."""


@dataclass
class Sheet:
    name: str
    grid: pd.DataFrame


def read_file(path: Path, progress: Callable[[int, int], None] | None = None) -> list[Sheet]:
    """All sheets of `path` as text grids. Raises UnreadableFile with a plain-words reason."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile("os_error", error=exc.strerror) from None
    if size == 0:
        raise UnreadableFile("empty_file")
    if suffix in EXCEL_SUFFIXES:
        return read_workbook(path)
    if suffix in CSV_SUFFIXES:
        return [Sheet(name="", grid=read_csv(path, progress=progress))]
    raise UnreadableFile("unsupported_type", suffix=suffix)


# ---------------------------------------------------------------- Excel

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .xls, or an encrypted .xlsx/.xlsm

def _has_stream_name(path: Path, name: str) -> bool:
    """Whether a compound file names the stream `name` (directory entries hold UTF-16LE names). olefile
    reads the directory when it is installed; otherwise the file's bytes are searched for the name."""
    try:
        import olefile  # optional
    except ImportError:
        olefile = None
    if olefile is not None:
        try:
            with olefile.OleFileIO(str(path)) as ole:
                return ole.exists(name)
        except Exception:  # a damaged directory: fall back to the bytes
            pass
    needle = name.encode("utf-16-le")
    tail = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            if needle in tail + chunk:
                return True
            tail = chunk[-(len(needle) - 1):]
    return False


def check_compound_file(path: Path) -> None:
    """An .xlsx/.xlsm that is an OLE2 compound file, not a zip: Excel writes a password-protected workbook
    so (the zip package encrypted inside an `EncryptedPackage` stream, described by `EncryptionInfo`);
    otherwise it is an old .xls under a new name."""
    with open(path, "rb") as fh:
        if fh.read(len(OLE2_MAGIC)) != OLE2_MAGIC:
            return
    if _has_stream_name(path, "EncryptionInfo"):
        raise UnreadableFile("password_protected")
    raise UnreadableFile("xls_renamed", suffix=path.suffix)


def check_zip_size(path: Path) -> None:
    """Refuse a zipped workbook whose uncompressed size is out of proportion, before expanding it."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise UnreadableFile("damaged_archive") from None
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNCOMPRESSED_BYTES or (total > 50 * 1024 * 1024 and total / packed > MAX_COMPRESSION_RATIO):
        raise UnreadableFile("zip_bomb", size=total // (1024 * 1024), packed=packed // 1024)


def _cell_text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _grid(rows: list[list]) -> pd.DataFrame:
    """Calamine's rows as a text grid; text cells (most of a sheet) are kept as they are, others converted."""
    width = max((len(r) for r in rows), default=0)
    if not rows or width == 0:
        return pd.DataFrame(dtype=object)
    columns = {}
    for j in range(width):
        cells = [r[j] if j < len(r) else None for r in rows]
        columns[j] = [(v if v.strip() else None) if type(v) is str else _cell_text(v) for v in cells]
    grid = pd.DataFrame(columns, dtype=object)
    grid.index = range(len(grid))
    return grid


def _calamine_failure(exc: BaseException) -> bool:
    """An error of calamine's about the file: an exception, or a Rust panic on malformed content (pyo3's
    PanicException derives from BaseException, so `except Exception` would let it end the whole ingest)."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def read_workbook(path: Path) -> list[Sheet]:
    """Every sheet of a workbook, read with python-calamine (values only: macros and formulas never run)."""
    from python_calamine import CalamineWorkbook

    if path.suffix.lower() in {".xlsx", ".xlsm", ".ods", ".xlsb"}:
        check_compound_file(path)
        check_zip_size(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except BaseException as exc:  # calamine raises several error types for damaged or encrypted files
        if not _calamine_failure(exc):
            raise
        text = str(exc).lower()
        if "password" in text or "encrypt" in text:
            raise UnreadableFile("password_protected") from None
        raise UnreadableFile("damaged_workbook", suffix=path.suffix) from None
    sheets = []
    try:
        for name in workbook.sheet_names:
            try:
                rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except BaseException as exc:
                if not _calamine_failure(exc):
                    raise
                raise UnreadableFile("damaged_sheet", sheet=name) from None
            sheets.append(Sheet(name=name, grid=_grid(rows)))
    finally:
        workbook.close()
    return sheets


# ---------------------------------------------------------------- CSV

def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 with BOM, UTF-8, else Windows-1252 (latin-1 for its 5 unused bytes)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(sample: str, encoding: str = "utf-8") -> str:
    """The delimiter (`,` `;` or tab) that splits the first lines most consistently into the most fields. UTF-16
    text with a tab in most lines is tab-separated (Excel's Unicode Text, a Teams attendance report), whatever
    commas its cells hold (`3/15/23, 9:58:12 AM`)."""
    lines = [ln for ln in sample.splitlines()[:40] if ln.strip()]
    if encoding == "utf-16" and lines and 2 * sum(1 for ln in lines if "\t" in ln) >= len(lines):
        return "\t"
    best, best_score = ",", (-1.0, -1)
    for delim in (",", ";", "\t", "|"):
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delim)]
        except csv.Error:
            continue
        if not counts:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        share = sum(1 for c in counts if c == widest) / len(counts)
        score = (share * math.log(widest + 1), widest)
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv(path: Path, progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """A CSV as a text grid. Large files go through pyarrow in batches; small or ragged ones through csv."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(256 * 1024)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("binary_csv")
    sample, encoding = decode(head)
    delimiter = sniff_delimiter(sample, encoding)
    if size > LARGE_CSV_BYTES and encoding in ("utf-8", "utf-8-sig"):
        grid = _read_csv_dictionary(path, delimiter, size, progress)
        if grid is not None:
            return grid
        grid = _read_csv_duckdb(path, delimiter, size, progress)
        if grid is not None:
            return grid
    if size > LARGE_CSV_BYTES and encoding != "utf-16":
        grid = _read_csv_arrow(path, encoding, delimiter, size, progress)
        if grid is not None:
            return grid
    text, _ = decode(path.read_bytes())
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if progress:
        progress(size, size)
    return _rows_to_grid(rows)


def _rows_to_grid(rows: list[list[str]]) -> pd.DataFrame:
    """The csv module's rows as a text grid: one object block (a runaway row of 50,000 cells stays cheap),
    blank cells None, short rows padded."""
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        return pd.DataFrame(dtype=object)
    values = np.full((len(rows), width), None, dtype=object)
    for i, row in enumerate(rows):
        if row:
            values[i, :len(row)] = [c if c.strip() else None for c in row]
    return pd.DataFrame(values, index=range(len(rows)), columns=range(width), dtype=object)


def _regular_width(path: Path, delimiter: str) -> int | None:
    """The number of fields when the first 40 lines all have the same; None otherwise (title rows above
    the header, short rows): the fast readers take only regular files."""
    with open(path, "rb") as fh:
        first_lines = [fh.readline() for _ in range(40)]
    sample, _ = decode(b"".join(first_lines))
    widths = [len(r) for r in csv.reader(sample.splitlines(), delimiter=delimiter)]
    width = max(widths, default=0)
    return width if widths and min(widths) == width else None


def _read_csv_dictionary(path: Path, delimiter: str, size: int, progress) -> pd.DataFrame | None:
    """Fastest path for large regular UTF-8 CSVs: pyarrow's multithreaded reader straight into dictionary
    columns. None when a row has another width than the first lines (title rows, short rows, blank lines)
    or the text is not valid UTF-8: DuckDB's reader then pads short rows."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    width = _regular_width(path, delimiter)
    if width is None:
        return None
    if progress:
        progress(0, size)
    names = [str(i) for i in range(width)]
    text = pa.dictionary(pa.int32(), pa.string())
    try:
        table = pacsv.read_csv(
            path, read_options=pacsv.ReadOptions(column_names=names, block_size=4 * 1024 * 1024),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=_has_quotes(path),
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types={n: text for n in names}, strings_can_be_null=True,
                                                 null_values=[""], quoted_strings_can_be_null=True))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError):
        return None
    try:
        frame = categorical_grid(table.unify_dictionaries().columns)
    except ValueError:  # chunks not sharing a dictionary (never, by pyarrow's contract): DuckDB reads it
        return None
    if progress:
        progress(size, size)
    return frame


def _has_quotes(path: Path) -> bool:
    """Whether the file has a `"` anywhere: without one no value can hold a line break, and pyarrow splits
    the file into lines much faster when told so."""
    import mmap

    with open(path, "rb") as fh:
        try:
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:  # no copy of the file
                return mapped.find(b'"') >= 0
        except (OSError, ValueError):  # a file that cannot be mapped: read in chunks
            return any(b'"' in chunk for chunk in iter(lambda: fh.read(4 * 1024 * 1024), b""))


def _read_csv_duckdb(path: Path, delimiter: str, size: int, progress) -> pd.DataFrame | None:
    """Fastest path for large UTF-8 CSVs: DuckDB's reader (all text, short rows padded). Blank lines are
    dropped by it, so row numbers can be off in files with blank lines; None on any parse problem."""
    import duckdb

    if progress:
        progress(0, size)
    con = duckdb.connect()
    try:
        table = con.read_csv(str(path), header=False, all_varchar=True, sep=delimiter, null_padding=True,
                             quotechar='"', escapechar='"').to_arrow_table()
    except duckdb.Error:
        return None
    finally:
        con.close()
    frame = categorical_grid(table.columns)
    if progress:
        progress(size, size)
    return frame


def categorical_grid(columns) -> pd.DataFrame:
    """Arrow text columns as a grid of pandas Categoricals: each distinct text becomes one Python string, the
    rows only codes, so later steps (map_unique, keys, storing) work on codes. Blank or whitespace-only cells
    are missing, a BOM on the first cell is stripped, as in every grid. Dictionary columns whose chunks share
    one dictionary (`Table.unify_dictionaries`) are read chunk by chunk into the final codes, with no copy of
    the whole column in between."""
    import pyarrow as pa

    if all(pa.types.is_dictionary(c.type) for c in columns):
        encoded = list(columns)
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as pool:  # Arrow's hashing releases the GIL
            encoded = list(pool.map(_dictionary_encode, columns))
    grid = pd.DataFrame({j: _categorical(column, strip_bom=j == 0) for j, column in enumerate(encoded)})
    grid.index = range(len(grid))
    return grid


def _dictionary_encode(column):
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.dictionary_encode(column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column)


def _categorical(column, strip_bom: bool = False) -> pd.Categorical:
    """One dictionary column (an Array or a ChunkedArray whose chunks share a dictionary) as a Categorical."""
    import pyarrow as pa
    import pyarrow.compute as pc

    chunks = [c for c in column.chunks if len(c)] if isinstance(column, pa.ChunkedArray) else [column]
    dictionary = chunks[0].dictionary if chunks else pa.array([], pa.string())
    # blank texts (nothing but whitespace) are missing cells; Arrow's regex finds them in one pass
    blank = pc.match_substring_regex(dictionary, RE2_BLANK).to_numpy(zero_copy_only=False)
    kept = np.flatnonzero(~blank)
    categories = list(dictionary.filter(pa.array(~blank)).to_numpy(zero_copy_only=False))  # unique, as Arrow's
    lookup = np.full(len(dictionary) + 1, -1, dtype=np.int64)  # text number -> category (-1: blank); last: null
    lookup[kept] = np.arange(len(kept))
    dtype = code_type(len(categories) + 1)  # room for one more: the first cell without its BOM
    lookup = lookup.astype(dtype)
    codes = np.empty(len(column), dtype=dtype)
    pos = 0
    for chunk in chunks:
        if len(chunk.dictionary) != len(dictionary):
            raise ValueError("the chunks of a dictionary column must share one dictionary")
        indices = chunk.indices
        if indices.null_count:
            indices = pc.fill_null(indices, len(dictionary))
        np.take(lookup, indices.to_numpy(), out=codes[pos:pos + len(chunk)])
        pos += len(chunk)
    if strip_bom and len(codes) and codes[0] >= 0 and categories[codes[0]].startswith("\ufeff"):
        stripped = categories[codes[0]][1:]
        if not stripped.strip():
            codes[0] = -1
        else:
            if stripped not in categories:
                categories.append(stripped)
            codes[0] = categories.index(stripped)
    return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object))


def _read_csv_arrow(path, encoding, delimiter, size, progress) -> pd.DataFrame | None:
    """Fast path for large regular CSVs; None when a row is ragged (the csv module then reads it whole)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    ragged = []

    def on_invalid(row):
        ragged.append(row)
        return "skip"

    width = _regular_width(path, delimiter)
    if width is None:
        return None  # title rows of another width above the header: use the csv module
    names = [str(i) for i in range(width)]
    read_opts = pacsv.ReadOptions(column_names=names, encoding="utf8" if encoding.startswith("utf-8") else encoding,
                                  block_size=4 * 1024 * 1024, skip_rows=0)
    parse_opts = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, invalid_row_handler=on_invalid,
                                    ignore_empty_lines=False)
    convert = pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=True,
                                   null_values=[""], quoted_strings_can_be_null=True)
    batches = []
    try:
        with pacsv.open_csv(path, read_options=read_opts, parse_options=parse_opts, convert_options=convert) as reader:
            done = 0
            for batch in reader:
                batches.append(batch)
                done = min(size, done + read_opts.block_size)
                if progress:
                    progress(done, size)
    except pa.ArrowInvalid:
        return None
    if ragged:
        return None
    if not batches:
        return pd.DataFrame(dtype=object)
    frame = pa.Table.from_batches(batches).to_pandas()
    frame.columns = range(width)
    frame.index = range(len(frame))
    if progress:
        progress(size, size)
    return frame
