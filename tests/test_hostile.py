"""Hostile uploads and hostile text.

- File names with `../`, `%2f`, newlines, quotes, shell and HTML syntax are read and reported under their
  own names; nothing is written outside the store, whose files are named by us only.
- Macros never run: an .xlsm with a VBA project and DDE/formula cells is read as cached values only.
- Zip bombs (.xlsx, .xlsm, .ods) are refused before they are expanded: low peak memory, a clear message.
- HTML, Markdown, script and formula text in notes, institutions and activities is stored as cleaned
  text, and every CSV/XLSX download of every query neutralizes cells starting with = + - @ (tab, CR).
- SQL-looking filter values given to every function of `atlas_data.queries` are only ever parameters:
  the result is the one a harmless unknown value gives, and every view keeps its rows.

Run with `-s` to see how many hostile strings were tried.
"""
from __future__ import annotations

import csv
import hashlib
import inspect
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import atlas_data
from atlas_data.reports import export
from atlas_data.reading import parsers as P
from atlas_data import queries as Q
from support.rulesql import table_counts
from support.allqueries import call, frames_of, query_functions, text_arguments
from support.fuzzfiles import FORMULAS, Formula, write_rows_csv, write_xlsx
from support.invariants import ROOT, check_ingest, cli_env, run_cli
from support.zipbomb import lying_sizes, ods_bomb, xlsx_bomb

pytestmark = pytest.mark.slow  # zip bombs, huge files and hostile strings through every query

TRIED: dict[str, set] = {"file names": set(), "cell texts": set(), "query values": set(), "query calls": set()}
ATT = ["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución", "Sexo"]


@pytest.fixture(scope="module", autouse=True)
def strings_tried(secret_file):
    yield
    counts = {k: len(v) for k, v in TRIED.items()}
    if any(counts.values()):
        print(f"\n[hostile] strings tried: {counts['file names']} file names, {counts['cell texts']} cell texts, "
              f"{counts['query values']} query values in {counts['query calls']} query calls")


def tree(folder: Path, *skip: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if any(p == s or s in p.parents for s in skip):
            continue
        if p.is_symlink():
            out[p.relative_to(folder).as_posix()] = "-> " + os.readlink(p)
        elif p.is_file():
            out[p.relative_to(folder).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
        elif p.is_dir():
            out[p.relative_to(folder).as_posix() + "/"] = ""
    return out


STORE_FILE = re.compile(r"^(CURRENT|\.lock|v\d{6}/(manifest\.json|[a-z_]+/([0-9a-f]{20}|_empty|names|aggregate)\.parquet))$")


# ------------------------------------------------------------------------------------------ file names

HOSTILE_NAMES = [
    "..%2f..%2fx.csv",
    "..%2F..%2F..%2Fetc%2Fpasswd.csv",
    "..%252f..%252fdouble.csv",
    "..\\..\\windows.csv",
    "line\nbreak.csv",
    "carriage\rreturn.csv",
    'double"quote.csv',
    "single'quote.csv",
    "$(touch PWNED).csv",
    "`touch PWNED`.csv",
    "; rm -rf ~ ;.csv",
    "-rf.csv",
    "--out=elsewhere.csv",
    "<img src=x onerror=alert(1)>.csv",
    "=cmd|' calc'!A0.csv",
    "ñandú ✓ ประเทศไทย 😀.csv",
    "RTL \u202evsc.exe.csv",
    "tab\tname.csv",
    "CON.csv",
    "NUL.csv",
    " leading space.csv",
    "trailing space .csv",
    "x" * 200 + ".csv",
    "%00null.csv",
    "*?[glob].csv",
    "'; DROP TABLE attendance; --.csv",
]
HOSTILE_DIRS = ["..%2f..%2f", "attendance", "line\nfolder", "'; DROP TABLE x; --"]


def roster(k: int) -> list[list]:
    return [ATT] + [["Paraguay", "Living Lab", f"Taller {k}", "09/05/2023", f"Persona {k}-{p}", "Policía", "F"]
                    for p in range(3)]


def test_hostile_file_names_are_read_and_reported_under_their_names(tmp_path, secret_file):
    raw, store = tmp_path / "raw", tmp_path / "store"
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "keep.txt").write_text("untouched")
    names = list(HOSTILE_NAMES) + [f"{d}/{n}" for d in HOSTILE_DIRS for n in ("x.csv", "..%2fy.csv")]
    for k, name in enumerate(names):
        write_rows_csv(raw / name, roster(k))
        TRIED["file names"].add(name)
    (raw / "loop").symlink_to("..")  # a folder link back up: must not make the ingest walk forever
    before = tree(tmp_path, store, tmp_path / "store2")

    report = atlas_data.ingest(raw, store)
    result = run_cli(raw, tmp_path / "store2", secret_file)

    # nothing written outside the stores; the stores hold only files named by the ingest
    assert tree(tmp_path, store, tmp_path / "store2") == before
    for name in ("x.csv", "y.csv", "passwd.csv", "PWNED", "elsewhere.csv", "double.csv", "windows.csv"):
        assert not list(tmp_path.parent.glob(name)) and not (ROOT / name).exists()
    for folder in (store, tmp_path / "store2"):
        bad = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
               and not STORE_FILE.match(p.relative_to(folder).as_posix())]
        assert not bad, f"files in the store not named by the ingest: {bad}"
    problems = check_ingest(report, store)
    assert not problems, "\n".join(problems)
    out = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in out, out[-3000:]

    # every file read and reported under its own name, in-process and through the CLI
    missing = sorted(set(names) - {f.path for f in report.files})
    assert not missing, f"files neither read nor reported: {missing}"
    for f in report.files:
        assert f.status == "ok" and f.sheets[0].rows_kept == 3, (f.path, f.status, f.message)
    con = atlas_data.connect(store)
    stored = {r[0] for r in con.execute("SELECT DISTINCT source_file FROM attendance").fetchall()}
    assert stored == set(names)
    for name in names:
        shown = name.replace("\r", "\n")  # text-mode pipes turn a lone CR into a newline
        assert name in result.stdout or shown in result.stdout, f"{name!r} not in the CLI output"


# ------------------------------------------------------------------------------------------ macros

def test_macros_and_formulas_never_run(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "store"
    raw.mkdir()
    sentinel = tmp_path / "PWNED"
    vba = tmp_path / "vbaProject.bin"
    vba.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + (
        'Attribute VB_Name = "ThisWorkbook"\r\nSub Workbook_Open()\r\n  Shell "touch ' + str(sentinel) +
        '"\r\nEnd Sub\r\nSub Auto_Open()\r\n  Shell "touch ' + str(sentinel) + '"\r\nEnd Sub\r\n').encode())
    import xlsxwriter

    path = raw / "Asistencia con macros.xlsm"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_vba_project(str(vba))
    ws = wb.add_worksheet("Asistencia")
    ws.write_row(0, 0, ATT)
    formulas = [
        ("=1+1", "Policía Nacional"),
        (f"=cmd|'/c touch {sentinel}'!A0", "Fiscalía"),
        ('=WEBSERVICE("http://127.0.0.1:9/x")', "Ministerio"),
        ('=HYPERLINK("http://evil.example/x","click")', "Unidad"),
        ("=1+1", None),  # no cached value: Excel would show 2, the ingest must not compute it
    ]
    for i, (formula, cached) in enumerate(formulas, start=1):
        ws.write_row(i, 0, ["Paraguay", "Living Lab", "Taller macro", "09/05/2023", f"Persona {i}"])
        if cached is None:
            ws.write_formula(i, 5, formula)
        else:
            ws.write_formula(i, 5, formula, None, cached)
        ws.write(i, 6, "F")
    wb.close()
    import zipfile
    assert "xl/vbaProject.bin" in zipfile.ZipFile(path).namelist()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    report = atlas_data.ingest(raw, store)
    assert not check_ingest(report, store)
    con = atlas_data.connect(store)
    values = sorted(r[0] for r in con.execute("SELECT institution FROM attendance").fetchall())
    assert values == sorted(["Policía Nacional", "Fiscalía", "Ministerio", "Unidad", "0"]), values
    assert not sentinel.exists(), "a macro or DDE formula ran"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


# ------------------------------------------------------------------------------------------ zip bombs

@pytest.fixture(scope="module")
def bombs():
    zeros = xlsx_bomb("zeros")
    return {"zeros.xlsx": zeros, "zeros.xlsm": zeros, "cells.xlsx": xlsx_bomb("cells"), "content.ods": ods_bomb(),
            "lying_sizes.xlsx": lying_sizes(zeros), "lying_sizes_cells.xlsx": lying_sizes(xlsx_bomb("cells"))}


def _peak(raw: Path, store: Path, secret: Path) -> tuple[int, float, str]:
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "support" / "peak_rss.py"), str(raw), str(store)],
                            cwd=ROOT, env=cli_env(secret), capture_output=True, text=True, timeout=120)
    match = re.search(r"PEAK_RSS_MB=(\d+)", result.stderr)
    assert match, result.stdout + result.stderr
    return result.returncode, float(match.group(1)), result.stdout + result.stderr


def test_zip_bombs_are_refused_before_they_are_expanded(tmp_path, bombs, secret_file):
    base_raw = tmp_path / "base"
    write_rows_csv(base_raw / "asistencia.csv", roster(0))
    code, baseline, out = _peak(base_raw, tmp_path / "base_store", secret_file)
    assert code == 0, out
    for name, data in bombs.items():
        assert len(data) < 2 * 1024 * 1024, f"{name} is not small on disk"
        raw = tmp_path / name.replace(".", "_")
        write_rows_csv(raw / "asistencia.csv", roster(1))
        (raw / name).write_bytes(data)
        code, peak, out = _peak(raw, tmp_path / f"store_{name}", secret_file)
        assert "Traceback" not in out, out[-3000:]
        assert code == 1, f"{name}: exit {code}\n{out[-2000:]}"
        line = next((ln for ln in out.splitlines() if name in ln and ln.startswith("✗")), "")
        assert line, f"{name}: no message\n{out[-2000:]}"
        if not name.startswith("lying"):
            assert "zip bomb" in line and "not opened" in line, line
        assert peak < baseline + 100, f"{name}: peak memory {peak:.0f} MB against {baseline:.0f} MB for a small CSV"
        assert "asistencia.csv: attendance, 3 rows kept" in out, "the other file of the folder must still be read"


# ------------------------------------------------------------------------------------------ hostile text

HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**bold**",
    "[link](javascript:alert(1))",
    "=cmd|'/c calc'!A0",
    "=HYPERLINK(\"http://evil.example/x\",\"click\")",
    "+SUM(1+1)",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "<a href='javascript:alert(1)'>x</a>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "\"><script>alert(document.cookie)</script>",
    "{{7*7}}",
    "${7*7}",
    "<b onmouseover=alert(1)>bold</b>",
    "<style>body{display:none}</style>",
    "javascript:alert(1)",
    "x'); DROP TABLE attendance; --",
    "<!-- comment --><p>para</p>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\\_escaped\\_",
    "<ul><li>one</li><li>=2+2</li></ul>",
]


def hostile_raw(raw: Path) -> None:
    """data/raw plus rows whose free-text cells hold the hostile strings (with a prefix, so that a string
    cleaned down to nothing does not empty a required cell)."""
    shutil.copytree(ROOT / "data" / "raw", raw)
    att, kii, events, status = [ATT + ["Organización", "Región"]], [], [], []
    for k, s in enumerate(HOSTILE_TEXT):
        TRIED["cell texts"].add(s)
        att.append(["Paraguay", f"DMOP {s}", f"Taller {s}", "09/05/2023", f"Hostil {k}", f"Inst {s}", "F",
                    f"Org {s}", f"Reg {s}"])
        att.append(["Paraguay", s, s, "10/05/2023", f"Hostil {k}", s, "M", s, s])
        kii.append(["Paraguay", f"H_{k:03d}", f"Actor {s}", f"Inst {s}", "F", f"Pregunta {s}", "Sí", "Relevance",
                    f"Nota {s}", "Sí"])
        kii.append(["Paraguay", f"H_{k:03d}b", s, s, "M", s, "No", "Impact", s, "Sí"])
        events.append(["Bolivia", f"Mesa {s}", f"Evento {s}", "2023-03-01", 10, f"Inst {s}"])
        status.append(["Bolivia", f"DMOP {s}", f"Step 4 - {s}"])
    write_rows_csv(raw / "hostil" / "asistencia hostil.csv", att)
    write_rows_csv(raw / "hostil" / "entrevistas hostil.csv",
                   [["País", "Código", "Tipo de actor", "Institución", "Sexo", "Pregunta", "Respuesta", "Criterio",
                     "Observación", "Compartible"], *kii], delimiter=";")
    write_xlsx(raw / "hostil" / "eventos hostil.xlsx", {
        "Eventos": [["country", "dmop", "activity", "start_date", "participants", "institution"], *events],
        "Estado": [["country", "dmop", "status"], *status],
        "Fórmulas": [["country", "dmop", "activity", "start_date", "participants"],
                     *[["Bolivia", "Mesa F", Formula(f, f"Evento {f}"), "2023-03-02", 5] for f in FORMULAS]],
    })


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory, secret_file):
    base = tmp_path_factory.mktemp("hostile")
    raw, store = base / "raw", base / "store"
    hostile_raw(raw)
    report = atlas_data.ingest(raw, store)
    problems = check_ingest(report, store)
    assert not problems, "\n".join(problems)
    return store


def test_hostile_text_is_stored_as_cleaned_text(hostile_store):
    con = atlas_data.connect(hostile_store)
    columns = {"attendance": ("dmop", "activity", "institution", "organization", "region"),
               "kii_answers": ("stakeholder_type", "institution", "question", "note"),
               "events": ("dmop", "activity", "institution"),
               "dmop_status": ("dmop", "status_note")}
    seen = set()
    for table, cols in columns.items():
        for col in cols:
            values = {r[0] for r in con.execute(
                f"SELECT {col} FROM {table} WHERE source_file LIKE 'hostil/%' AND {col} IS NOT NULL").fetchall()}
            for value in values:
                assert isinstance(value, str)
                assert value == P.clean_text(value), f"{table}.{col} stored uncleaned: {value!r}"
                for tag in ("<img", "<iframe", "<b ", "<a ", "<p>", "<li", "<!--", "onerror=", "onmouseover="):
                    assert tag not in value.lower(), f"{table}.{col}: HTML tag kept: {value!r}"
            seen |= values
    for s in HOSTILE_TEXT:
        cleaned = P.clean_text(f"Inst {s}")
        assert cleaned in seen, f"{s!r} did not survive ingest as text (expected {cleaned!r})"
    assert "Inst =cmd|'/c calc'!A0" in seen and "=cmd|'/c calc'!A0" in seen


def _dangerous(cell) -> bool:
    """Text a spreadsheet would run as a formula (a number such as -4.5 is just a number)."""
    if not isinstance(cell, str) or not cell.startswith(export.FORMULA_START):
        return False
    try:
        float(cell)
        return False
    except ValueError:
        return True


def _check_downloads(name: str, frame: pd.DataFrame) -> tuple[int, int]:
    """The CSV and XLSX downloads of `frame`: no cell or header would run as a formula. Returns the
    number of neutralized hostile cells found in each (to prove the hostile rows were there)."""
    import openpyxl

    data = export.to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    bad = [c for r in rows for c in r if _dangerous(c)]
    assert not bad, f"{name}: CSV download has live formulas: {bad[:5]}"
    csv_hits = sum(1 for r in rows for c in r if c.startswith("'=cmd|"))
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(frame)))
    xlsx_hits = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{name}: XLSX download has a formula cell {cell.coordinate}: {cell.value!r}"
                assert not _dangerous(cell.value), f"{name}: XLSX cell {cell.coordinate} = {cell.value!r}"
                xlsx_hits += isinstance(cell.value, str) and cell.value.startswith("'=cmd|")
    return csv_hits, xlsx_hits


def test_downloads_of_every_query_and_view_neutralize_formulas(hostile_store):
    con = atlas_data.connect(hostile_store)
    hits = [0, 0]
    for name, fn in query_functions():
        for frame in frames_of(call(fn, con)):
            c, x = _check_downloads(name, frame)
            hits[0] += c
            hits[1] += x
    for view in ("attendance", "events", "kii_answers", "kii_tally", "dmop_status", "rejected", "ingest_files",
                 "dmop_current"):
        frame = con.execute(f"SELECT * FROM {view}").df()
        c, x = _check_downloads(view, frame)
        hits[0] += c
        hits[1] += x
    assert hits[0] > 0 and hits[1] > 0, "no hostile cell reached a download: the test proves nothing"
    # a frame straight from the page code may carry formulas in its headers and index too
    frame = pd.DataFrame({s: [s, s] for s in HOSTILE_TEXT if s})
    _check_downloads("headers", frame)


# ------------------------------------------------------------------------------------------ SQL in filters

def sql_strings(tmp: Path) -> list[str]:
    return [
        "x'); DROP TABLE attendance; --",
        "x'); DROP VIEW attendance; --",
        "' OR '1'='1",
        "Paraguay' OR 1=1 --",
        "Paraguay') OR ('1'='1",
        "\" OR \"\"=\"",
        "x' || (SELECT count(*) FROM attendance) || '",
        "%' OR '%'='",
        "%",
        "_",
        "*",
        "?",
        "$1",
        "Paraguay\x00' OR 1=1 --",
        f"'; COPY attendance TO '{tmp}/pwned.csv'; --",
        f"'; ATTACH '{tmp}/evil.duckdb' AS evil; --",
        "'; INSTALL httpfs; LOAD httpfs; --",
        "1; SELECT * FROM read_csv('/etc/passwd') --",
        "' UNION SELECT * FROM duckdb_settings() --",
        "'; CREATE OR REPLACE VIEW attendance AS SELECT 1; --",
        "'; SET threads = 1; --",
        "Robert'); DROP TABLE Students;--",
        "Paraguay’ OR 1=1 --",
        "Paraguay",  # a real value with no quotes: the control
        "",
        " ",
        "NULL",
        "\\'; DROP TABLE attendance; --",
        "x' AND 1=(SELECT 1 FROM pg_sleep(5)) --",
        "ñ' OR 'ñ'='ñ",
    ]


def _normalized(result, value: str, benign: str):
    """A query result as comparable records, a cell equal to the value given replaced by the benign one."""
    out = []
    for frame in frames_of(result):
        frame = frame.reset_index(drop=True)
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        out.append([{k: (benign if isinstance(v, str) and value and v == value else v) for k, v in r.items()}
                    for r in records])
        out.append(list(frame.columns))
    return out


def _outcome(fn, con, value, benign, **kwargs):
    try:
        return "ok", _normalized(call(fn, con, **kwargs), value, benign)
    except duckdb.Error as exc:
        pytest.fail(f"{fn.__name__}({kwargs}) reached DuckDB as SQL text: {type(exc).__name__}: {exc}")
    except (ValueError, TypeError, KeyError) as exc:
        return "refused", type(exc).__name__


@pytest.mark.parametrize("part", [0, 1])
def test_sql_in_filters_and_arguments_is_only_ever_a_parameter(hostile_store, tmp_path, part):
    """Every SQL-looking string as a country and DMOP filter of every query function; the SQL strings also
    as every free-text argument (question, criterion, activity …) and as `by`. (Two halves, so that
    pytest-xdist runs them side by side.)"""
    con = atlas_data.connect(hostile_store)
    counts = table_counts(con)
    views = sorted(r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall())
    store_before = tree(hostile_store)
    benign = "zz-no-such-value"
    functions = query_functions()
    expected = {}
    for name, fn in functions:
        f = Q.Filters(countries=(benign,), dmops=(benign,))
        expected[(name, "filters")] = _outcome(fn, con, benign, benign, filters=f)
        for arg in text_arguments(fn):
            expected[(name, arg)] = _outcome(fn, con, benign, benign, **{arg: benign})
        if "by" in inspect.signature(fn).parameters:
            expected[(name, "by")] = _outcome(fn, con, benign, benign, by=benign)
    # values found in the data (the hostile rows hold some of these strings as text): their results are
    # real matches, so they are only checked for never failing as SQL
    real = set()
    for view in ("attendance", "events", "tests", "kii_answers", "kii_tally", "dmop_status", "rejected", "ingest_files"):
        frame = con.execute(f"SELECT * FROM {view}").df()
        for col in frame.columns:
            real |= {v for v in frame[col].dropna().unique() if isinstance(v, str)}
    sql = sql_strings(tmp_path)
    values = [v for k, v in enumerate(sql + [h for h in HOSTILE_TEXT if h not in sql]) if k % 2 == part]
    for value in values:
        TRIED["query values"].add(value)
        for name, fn in functions:
            cases = [("filters", {"filters": Q.Filters(countries=(value,), dmops=(value,))})]
            if value in sql:
                cases += [(arg, {arg: value}) for arg in text_arguments(fn)]
                if "by" in inspect.signature(fn).parameters:
                    cases.append(("by", {"by": value}))
            for key, kwargs in cases:
                TRIED["query calls"].add((value, name, key))
                got = _outcome(fn, con, value, benign, **kwargs)
                if value in real or not value.strip():
                    continue
                assert got == expected[(name, key)], (
                    f"{name}({key}={value!r}) gives another result than an unknown value does")
        # every view is still there with the same rows after each value
        assert table_counts(con) == counts, f"rows changed after {value!r}"
    assert sorted(r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()) \
        == views
    fresh = atlas_data.connect(hostile_store)
    assert table_counts(fresh) == counts
    assert tree(hostile_store) == store_before, "the store changed"
    assert not (tmp_path / "pwned.csv").exists() and not (tmp_path / "evil.duckdb").exists()
