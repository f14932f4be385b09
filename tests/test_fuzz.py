"""Fuzzed raw files: whatever a folder holds, the ingest never raises, accounts for every row it read, and
the store agrees with its report.

Hypothesis draws CSV (every encoding an export can have, broken ones included), .xlsx/.xlsm and .ods
files whose headers come from the contract's aliases in both languages plus random text, and whose cells
are plausible values, garbage, formulas, HTML, dates in every format and, now and then, 100,000
characters. For every file and sheet: rows_read = rows_kept + rows_rejected, the view holds rows_kept
rows, rejected rows show up in `rejected` with severity 'error', and nothing hits the ingest's
internal-error path. A few folders also go through `python -m atlas_data ingest`: exit 0 or 1, messages,
never a traceback.

`ATLAS_FUZZ_EXAMPLES` scales the number of examples (default 20 per test); run with `-s` to see how many
files were fuzzed.
"""
from __future__ import annotations

import collections
import datetime as dt
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

import atlas_data
from support.fuzzfiles import (BAD_DATES, DATE_FORMATS, FORMULAS, HEADER_WORDS, HUGE, HUGE_FACTORIES, FuzzFile,
                               fuzz_file, write_ods, write_rows_csv, write_rows_xlsx, write_xlsx)
from support.invariants import check_ingest, run_cli

pytestmark = pytest.mark.slow  # hundreds of generated files through the ingest

FUZZED: collections.Counter = collections.Counter()
EXAMPLES = int(os.environ.get("ATLAS_FUZZ_EXAMPLES", "20"))
HANG_SECONDS = 600   # a hang detector for the subprocess, not a speed limit (speed is the benchmark's)
# No shrinking: one example is an ingest of up to four files (~0.3 s), and a shrink would take minutes;
# the failure message names the file, its encoding and what broke instead.
FUZZ = settings(max_examples=EXAMPLES, deadline=None, print_blob=True,
                phases=(Phase.explicit, Phase.reuse, Phase.generate),
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module", autouse=True)
def files_fuzzed(secret_file):
    yield
    print(f"\n[fuzz] files fuzzed in test_fuzz.py: {sum(FUZZED.values())} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(FUZZED.items()))})")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def ingest_and_check(raw: Path, store: Path, describe: dict[str, str]):
    """Ingest `raw` into `store` in-process and assert every invariant; returns the report."""
    before = tree(raw)
    listing = "\n".join(f"  {k}: {v}" for k, v in describe.items())
    try:
        report = atlas_data.ingest(raw, store)
    except Exception as exc:  # noqa: BLE001 - the point: nothing may escape
        import traceback
        pytest.fail(f"ingest raised {type(exc).__name__}: {exc}\nfiles:\n{listing}\n{traceback.format_exc()}")
    problems = check_ingest(report, store, lambda path: describe.get(path, ""))
    assert not problems, "broken promises:\n" + "\n".join(problems) + f"\nfiles:\n{listing}"
    assert tree(raw) == before, "the ingest modified a raw file"
    again = atlas_data.ingest(raw, store)
    assert not again.changed, "ingesting the same files twice made a new version"
    return report


@st.composite
def fuzz_folder(draw, min_files=1, max_files=4, formats=None) -> list[FuzzFile]:
    n = draw(st.integers(min_files, max_files))
    kwargs = {"formats": formats} if formats else {}
    return [draw(fuzz_file(i, **kwargs)) for i in range(n)]


def write_folder(files: list[FuzzFile], raw: Path) -> dict[str, str]:
    describe = {}
    for f in files:
        f.write(raw)
        FUZZED[f.fmt] += 1
        describe[f.relpath] = f.description
    note("files: " + "; ".join(f"{k}: {v}" for k, v in describe.items()))
    return describe


# ------------------------------------------------------------------------------------------ fuzzing

@FUZZ
@given(fuzz_folder())
def test_fuzzed_folders_never_break_the_ingest(files):
    with tempfile.TemporaryDirectory() as tmp:
        raw, store = Path(tmp) / "raw", Path(tmp) / "store"
        describe = write_folder(files, raw)
        ingest_and_check(raw, store, describe)


@FUZZ
@given(fuzz_folder(1, 3, formats=("csv",)))
def test_fuzzed_csv_in_every_encoding(files):
    with tempfile.TemporaryDirectory() as tmp:
        raw, store = Path(tmp) / "raw", Path(tmp) / "store"
        describe = write_folder(files, raw)
        ingest_and_check(raw, store, describe)


@settings(FUZZ, max_examples=max(2, EXAMPLES // 2))
@given(fuzz_folder(1, 3), fuzz_folder(1, 3))
def test_fuzzed_folder_replaced_by_another(first, second):
    """A store that already holds fuzzed files takes another fuzzed folder: the counts still add up."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        raw1, raw2 = Path(tmp) / "raw1", Path(tmp) / "raw2"
        ingest_and_check(raw1, store, write_folder(first, raw1))
        ingest_and_check(raw2, store, write_folder(second, raw2))


@settings(max_examples=max(2, EXAMPLES // 10), deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
          suppress_health_check=list(HealthCheck))
@given(files=fuzz_folder(3, 5))
def test_fuzzed_folders_through_the_cli(files, secret_file):
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        describe = write_folder(files, raw)
        expected = atlas_data.ingest(raw, Path(tmp) / "inprocess")
        result = run_cli(raw, Path(tmp) / "store", secret_file)
        out = result.stdout + result.stderr
        assert "Traceback" not in out, out[-4000:]
        assert result.returncode in (0, 1), out[-4000:]
        assert result.returncode == expected.exit_code, (result.returncode, expected.exit_code, out[-4000:])
        from atlas_data.cli import files_summary
        summary = files_summary(expected.files)  # each file counted once, by the outcome the ingest gave it
        assert summary.startswith(f"{len(files)} files: ") and f"\n{summary}; " in result.stdout, (
            summary, result.stdout[-2000:])
        for path in describe:
            assert path in result.stdout, f"{path} not in the CLI output:\n{result.stdout[-4000:]}"


# ------------------------------------------------------------------------------------------ edge files

ATT = ["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución", "Sexo"]
ATT_ROW = ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "María Pérez", "Policía Nacional", "F"]


def _wide_header(n: int) -> list[str]:
    words = [w for w in HEADER_WORDS if w.strip()]
    return ATT + [f"extra{k} {words[k % len(words)]}" for k in range(n - len(ATT))]  # matches no alias


def edge_files(raw: Path) -> dict[str, str]:
    """Files at the edges: empty, BOM only, 3,000 columns, 100k-character cells, formulas, dates in every
    format, integers past 64 bits, broken UTF-16, empty workbooks."""
    d: dict[str, str] = {}

    def put(name: str, data: bytes, what: str) -> None:
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_bytes(data)
        d[name] = what

    put("empty.csv", b"", "0 bytes")
    put("empty.xlsx", b"", "0 bytes named .xlsx")
    put("bom_only.csv", b"\xef\xbb\xbf", "a UTF-8 BOM only")
    put("utf16_bom_only.csv", b"\xff\xfe", "a UTF-16 BOM only")
    put("blank_lines.csv", b"\r\n\r\n;;;\r\n,,,\r\n", "blank lines and empty fields")
    put("header_only.csv", ";".join(ATT).encode("cp1252"), "a header in cp1252, no rows")
    put("not_a_zip.xlsx", b"PK\x03\x04" + b"\x00" * 200, "a damaged zip")
    put("text_named.ods", b"country,dmop\nParaguay,x\n", "CSV text named .ods")
    put("binary.csv", bytes(range(256)) * 40, "binary bytes named .csv")
    put("invalid_utf8.csv", (",".join(ATT) + "\n" + ",".join(ATT_ROW) + "\n").encode() + b"Paraguay,\xff\xfe,\xc3(,"
        b"09/05/2023,Jos\xe9,Inst,M\n", "UTF-8 with invalid bytes")
    put("latin1.csv", (",".join(ATT) + "\n" + ",".join(ATT_ROW) + "\n").encode("latin-1"), "latin-1")
    put("utf16.csv", (",".join(ATT) + "\n" + ",".join(ATT_ROW) + "\n").encode("utf-16"), "UTF-16 with BOM")

    # thousands of columns
    wide = _wide_header(3000)
    rows = [wide] + [ATT_ROW + [f"v{k}" for k in range(3000 - len(ATT))] for _ in range(5)]
    write_rows_csv(raw / "cols3000.csv", rows)
    d["cols3000.csv"] = "3000 columns"
    write_rows_xlsx(raw / "cols3000.xlsx", rows)
    d["cols3000.xlsx"] = "3000 columns"
    write_rows_csv(raw / "cols3000_garbage.csv", [[f"h{k}" for k in range(3000)], ["x"] * 3000])
    d["cols3000_garbage.csv"] = "3000 unknown columns"

    # 100k-character cells in every column of an attendance table, and in the header row
    huge_rows = [ATT]
    for make in HUGE_FACTORIES:
        for j in range(len(ATT)):
            row = list(ATT_ROW)
            row[j] = make()
            huge_rows.append(row)
    write_rows_csv(raw / "huge_cells.csv", huge_rows)
    d["huge_cells.csv"] = f"{len(huge_rows) - 1} rows with one {HUGE}-character cell each"
    write_rows_csv(raw / "huge_header.csv", [[h + "x" * HUGE if k == 0 else h for k, h in enumerate(ATT)], ATT_ROW,
                                             ["Total" + "9" * HUGE]])
    d["huge_header.csv"] = "a 100k-character header cell"
    write_rows_xlsx(raw / "huge_cells.xlsx", huge_rows)
    d["huge_cells.xlsx"] = "100k-character cells (Excel keeps 32,767)"

    # formulas: as text in a CSV, as formulas in a workbook (never computed by the ingest)
    from support.fuzzfiles import Formula
    formula_rows = [ATT] + [["Paraguay", "Living Lab", f, "09/05/2023", f"P{k}", f, "F"] for k, f in enumerate(FORMULAS)]
    write_rows_csv(raw / "formulas.csv", formula_rows)
    d["formulas.csv"] = "formula text in activity and institution"
    write_xlsx(raw / "formulas.xlsx", {
        "f": [ATT] + [["Paraguay", "Living Lab", Formula(f), "09/05/2023", f"P{k}", Formula(f, "Inst"), "F"]
                      for k, f in enumerate(FORMULAS)],
        "only formulas": [[Formula(f) for f in FORMULAS] for _ in range(5)],
    })
    d["formulas.xlsx"] = "formula cells, with and without cached values"

    # dates in every format, valid and not
    day = dt.date(2021, 6, 15)
    date_cells = [fmt(day) for fmt in DATE_FORMATS] + list(BAD_DATES)
    write_rows_csv(raw / "dates.csv", [ATT] + [["Paraguay", "Living Lab", f"fmt{k:02d}", v, f"P{k}", "Inst", "M"]
                                               for k, v in enumerate(date_cells)])
    d["dates.csv"] = "every date format"
    write_xlsx(raw / "dates.xlsx", {"d": [ATT] + [["Paraguay", "Living Lab", "Taller", v, f"P{k}", "Inst", "M"]
                                                  for k, v in enumerate(
                                                      date_cells + [dt.datetime(2021, 6, 15), 44362, 44362.5,
                                                                    -1, 0, 10 ** 9, float("nan"), True])]})
    d["dates.xlsx"] = "every date format, date cells and serial numbers"


    # workbooks with nothing in them
    write_xlsx(raw / "empty_sheets.xlsx", {"Sheet1": [], "Hoja 2": [], "Paraguay": [[None, None], []]})
    d["empty_sheets.xlsx"] = "three empty sheets"
    write_ods(raw / "empty_sheets.ods", {"Sheet1": [], "Hoja 2": [["", None]]})
    d["empty_sheets.ods"] = "empty ODS sheets"
    write_ods(raw / "att.ods", {"Asistencia": [ATT, ATT_ROW, ["Total", None, None, None, "1"]]})
    d["att.ods"] = "a small ODS roster"
    for name in d:
        FUZZED["edge"] += 1
    return d


def broken_utf16_files(raw: Path) -> dict[str, str]:
    """CSVs that start with a UTF-16 byte-order mark but are not valid UTF-16 (a cut file, a stray byte)."""
    raw.mkdir(parents=True, exist_ok=True)
    good = (",".join(ATT) + "\r\n" + ",".join(ATT_ROW) + "\r\n").encode("utf-16-le")
    files = {
        "utf16_odd.csv": (b"\xff\xfe" + good + b"\x00", "UTF-16 with BOM and an odd number of bytes"),
        "utf16_lone_surrogate.csv": (b"\xff\xfe" + good + b"\x00\xd8,\x00", "UTF-16 with BOM and a lone surrogate"),
        "utf16be_odd.csv": (b"\xfe\xff" + ",".join(ATT).encode("utf-16-be") + b"\x00", "UTF-16-BE, odd length"),
    }
    for name, (data, _) in files.items():
        (raw / name).write_bytes(data)
        FUZZED["edge"] += 1
    return {name: what for name, (_, what) in files.items()}


def bigint_files(raw: Path) -> dict[str, str]:
    """Integers past 64 bits in integer columns, beside good rows."""
    ev = ["country", "dmop", "activity", "start_date", "participants", "female", "male"]
    write_rows_csv(raw / "events_bigint.csv", [ev, ["Paraguay", "Living Lab", "Taller A", "2023-01-01", "5", "2", "3"],
                                               ["Paraguay", "Living Lab", "Taller B", "2023-01-02",
                                                "99999999999999999999", "1", "1"]])
    resp = ["country", "institution", "n"]
    write_rows_csv(raw / "respondents_bigint.csv", [resp, ["Paraguay", "Policía", "3"],
                                                    ["Paraguay", "Fiscalía", "99999999999999999999"]])
    status = ["country", "dmop", "step", "status"]
    write_rows_csv(raw / "status_bigint.csv", [status, ["Paraguay", "Living Lab", "4", "ok"],
                                               ["Paraguay", "Otro", "99999999999999999999", "x"]])
    FUZZED["edge"] += 3
    return {"events_bigint.csv": "participants = 10**20 in one row", "respondents_bigint.csv": "n = 10**20",
            "status_bigint.csv": "step = 10**20"}


def test_edge_files_in_process(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "store"
    describe = edge_files(raw)
    report = ingest_and_check(raw, store, describe)
    by_path = {f.path: f for f in report.files}
    # what must come out of the files that hold good rows
    assert by_path["empty.csv"].status == "unreadable" and "empty" in by_path["empty.csv"].message
    assert by_path["latin1.csv"].sheets[0].rows_kept == 1
    assert by_path["utf16.csv"].sheets[0].rows_kept == 1
    assert by_path["cols3000.csv"].sheets[0].rows_kept == 5
    assert by_path["cols3000.xlsx"].sheets[0].rows_kept == 5
    con = atlas_data.connect(store)
    dates = dict(con.execute("SELECT activity, session_date FROM attendance WHERE source_file = 'dates.csv'")
                 .fetchall())
    day, month = dt.date(2021, 6, 15), dt.date(2021, 6, 1)
    for k in (0, 1, 2, 3, 8, 9, 11, 14, 15, 16, 17, 18):  # ISO, dd/mm/yyyy, written, Buddhist era, serial
        assert dates.get(f"fmt{k:02d}") == day, (k, DATE_FORMATS[k](day), dates.get(f"fmt{k:02d}"))
    for k in (12, 13):  # a month alone
        assert dates.get(f"fmt{k:02d}") == month, (k, DATE_FORMATS[k](day), dates.get(f"fmt{k:02d}"))
    wrong = {k: (DATE_FORMATS[int(k[3:])](day), v) for k, v in dates.items()
             if int(k[3:]) < len(DATE_FORMATS) and v not in (day, month)}
    assert not wrong, f"15 June 2021 read as another date: {wrong}"
    assert f"fmt{len(DATE_FORMATS):02d}" not in dates, "31/02/2023 does not exist and must be rejected"


def test_one_runaway_row_of_50000_cells_among_blank_lines(tmp_path):
    """A CSV row of 50,000 cells (and an Excel row of 16,000, Excel's limit) between ordinary rows and blank
    lines: the ordinary rows are kept, the runaway row is rejected, nothing is lost."""
    raw, store = tmp_path / "raw", tmp_path / "store"
    good = [ATT_ROW] * 4
    write_rows_csv(raw / "runaway.csv", [ATT, *good, [], ["x"] * 50_000, [], *good], delimiter="\t")
    write_rows_xlsx(raw / "runaway.xlsx", [ATT, *good, [], ["x"] * 16_000, [], *good])
    FUZZED["edge"] += 2
    report = ingest_and_check(raw, store, {"runaway.csv": "a row of 50,000 cells", "runaway.xlsx": "16,000 cells"})
    for name in ("runaway.csv", "runaway.xlsx"):
        (sheet,) = [f for f in report.files if f.path == name][0].sheets
        assert (sheet.rows_kept, sheet.rows_rejected) == (8, 1), (name, sheet)


def test_broken_utf16_csv_is_reported_not_raised(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "store"
    describe = broken_utf16_files(raw)
    report = ingest_and_check(raw, store, describe)
    for f in report.files:
        assert f.failed or f.sheets, f


def long_cell_files(raw: Path) -> dict[str, str]:
    """A CSV cell longer than Python's csv field limit (131,072): a pasted text, or a UTF-8 file read as
    Windows-1252 after one bad byte (every accented letter becomes two characters)."""
    write_rows_csv(raw / "cell_200k.csv", [ATT, ATT_ROW, ATT_ROW[:5] + ["x" * 200_000, "F"]])
    data = (",".join(ATT) + "\n" + ",".join(ATT_ROW) + "\n").encode() + b"\xff" + ("ñ" * 70_000).encode() + b"\n"
    (raw / "cell_utf8_as_cp1252.csv").write_bytes(data)
    FUZZED["edge"] += 2
    return {"cell_200k.csv": "a 200,000-character institution", "cell_utf8_as_cp1252.csv": "70,000 ñ after a bad byte"}


def test_csv_cells_past_the_csv_module_limit(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "store"
    describe = long_cell_files(raw)
    report = ingest_and_check(raw, store, describe)
    assert {f.path: f.sheets[0].rows_read for f in report.files if f.sheets}.get("cell_200k.csv") == 2


STALL_CELLS = {  # 100k-character cells that some regular expressions take quadratic time over
    "digits then a letter": "9" * HUGE + "x",
    "thousands groups then a letter": "1," * (HUGE // 2) + "x",
    "decimal points then a bang": "1." * (HUGE // 2) + "!",
    "backslashes": "\\" * HUGE,
}


@pytest.mark.parametrize("what", sorted(STALL_CELLS))
def test_one_huge_cell_does_not_stall_the_ingest(tmp_path, secret_file, what):
    """One hostile cell in a count column (or anywhere in the first rows) must not hold the ingest, and
    the store's lock, for minutes (its parsers give up on over-long values before any pattern runs)."""
    raw = tmp_path / "raw"
    cell = STALL_CELLS[what]
    ev = ["country", "dmop", "activity", "start_date", "participants", "notes"]
    write_rows_csv(raw / "events.csv", [ev, ["Paraguay", "Living Lab", "Taller A", "2023-01-01", "5", "ok"],
                                        ["Paraguay", "Living Lab", "Taller B", "2023-01-02", cell, cell]])
    FUZZED["edge"] += 1
    try:
        result = run_cli(raw, tmp_path / "store", secret_file, timeout=HANG_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the ingest of a 2-row CSV with one {len(cell)}-character cell ({what}) hung")
    assert "Traceback" not in result.stdout + result.stderr
    assert "1 rows kept, 1 rejected" in result.stdout, result.stdout[-2000:]


def test_integers_past_64_bits_reject_only_their_row(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "store"
    describe = bigint_files(raw)
    ingest_and_check(raw, store, describe)
    con = atlas_data.connect(store)
    assert con.execute("SELECT activity, participants FROM events").fetchall() == [("Taller A", 5)]
    assert con.execute("SELECT institution, n FROM respondents").fetchall() == [("Policía", 3)]
    assert ("Living Lab", 4) in con.execute("SELECT dmop, step FROM dmop_status").fetchall()
    reasons = [r for (r,) in con.execute("SELECT reason FROM rejected WHERE severity = 'error' "
                                         "AND table_name IN ('events', 'respondents')").fetchall()]
    assert len(reasons) == 2 and all("99999999999999999999" in r for r in reasons), reasons


def test_edge_files_through_the_cli(tmp_path, secret_file):
    raw = tmp_path / "raw"
    describe = edge_files(raw) | broken_utf16_files(raw) | bigint_files(raw) | long_cell_files(raw)
    result = run_cli(raw, tmp_path / "store", secret_file)
    out = result.stdout + result.stderr
    assert "Traceback" not in out, out[-6000:]
    assert result.returncode == 1, out[-4000:]  # empty and damaged files are in the folder
    summary = re.search(r"^(\d+) files: (.*?); \d+ rows kept", result.stdout, re.MULTILINE)
    assert summary and int(summary[1]) == len(describe), result.stdout[-3000:]
    counts = [int(part.split()[0]) for part in summary[2].split(", ")]
    assert sum(counts) == len(describe) and "could not be read" in summary[2], summary[0]
    for path in describe:
        assert path in result.stdout, f"{path} missing from the CLI output"
