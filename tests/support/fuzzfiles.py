"""Hypothesis strategies for raw exports as they really arrive broken, their writers, and the checks
every ingest must pass whatever it was given.

A drawn file is a `FuzzFile`: where it goes under the raw folder, its format, a short description
(shown when a check fails) and either its bytes (CSV) or its sheets (workbooks: lists of rows of
cells). A cell is None (blank), text, a number, a bool, a datetime, or a `Formula`.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from atlas_data import contract as C

HUGE = 100_000
EXCEL_TEXT_LIMIT = 32_767  # what Excel (and xlsxwriter) keep of a longer string


@dataclass(frozen=True)
class Formula:
    text: str
    cached: object = None  # the value a spreadsheet program would have stored with it


@dataclass
class FuzzFile:
    relpath: str
    fmt: str                      # csv | xlsx | xlsm | ods
    description: str
    data: bytes | None = None     # CSV bytes
    sheets: dict[str, list[list]] = field(default_factory=dict)

    def _repr_pretty_(self, p, cycle) -> None:  # how Hypothesis shows a failing example: no bytes
        p.text(f"FuzzFile({self.relpath!r}, {self.description!r})")

    def write(self, raw: Path) -> Path:
        path = raw / self.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.fmt == "csv":
            path.write_bytes(self.data)
        elif self.fmt in ("xlsx", "xlsm"):
            write_xlsx(path, self.sheets)
        elif self.fmt == "ods":
            write_ods(path, self.sheets)
        else:
            raise ValueError(self.fmt)
        return path


# ---------------------------------------------------------------------------------------- vocabulary

MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre")
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

EXTRA_HEADERS = ("Session 1", "Sesión 2", "Día 3", "Day 10", "Módulo 4", "F", "M", "Mujer", "Hombre",
                 "Female", "Male", "Q1", "Q2", "P3", "Firma de asistencia", "Firma", "Teléfono", "Celular",
                 "Observaciones", "Total", "Nº", "#", "", "   ", "País:", "Fecha:", "N°", "ID", "Iniciales")


def _header_words() -> list[str]:
    words = set(EXTRA_HEADERS)
    for table in C.TABLES.values():
        for col in table.columns:
            words.update((col.name, col.name.replace("_", " "), *col.aliases))
    for aliases in C.TEST_WIDE_ALIASES.values():
        words.update(aliases)
    return sorted(words)


HEADER_WORDS = _header_words()


def _column_words(table: str) -> list[tuple[str, str]]:
    """(header as written, canonical column) for one table."""
    out = []
    for col in C.TABLES[table].columns:
        for name in (col.name, col.name.replace("_", " "), *col.aliases):
            out.append((name, col.name))
    return out


COUNTRY_VALUES = ("Paraguay", "PY", "PRY", "Thailand", "Tailandia", "TH", "THA", "Liberia", "LR", "LBR", "Argentina",
                  "AR", "ARG", "Bolivia", "BO", "BOL", " paraguay ", "PARAGUAY", "Narnia", "ประเทศไทย", "Paraguay; Bolivia")
YES_NO = ("Yes", "Y", "Sí", "Si", "S", "1", "True", "X", "✓", "P", "Present", "Presente", "No", "N", "0", "False",
          "A", "Absent", "Ausente", "maybe", "2", "xx")
GENDERS = ("F", "Female", "Woman", "Femenino", "Mujer", "หญิง", "M", "Male", "Man", "Masculino", "Hombre", "ชาย",
           "Otro", "non-binary", "f", " m ")
ENUM_VALUES = {
    "test_type": ("pre", "post", "Pre-test", "pretest", "entrada", "inicial", "ex-ante", "post-test", "salida",
                  "final", "ex-post", "seguimiento", "follow-up", "3-month", "mid-term"),
    "answer": ("Yes", "Sí", "No", "Partially", "Parcialmente", "Partial", "Don't know", "No sabe", "NS/NR",
               "Solo positivo", "Only positive", "Only negative", "Mixed", "Mixto", "Quizás"),
    "criterion": (*C.CRITERIA, "Relevancia", "Eficacia", "Sostenibilidad", "whatever"),
    "modality": ("virtual", "Zoom", "online", "presencial", "on-site", "in-person", "híbrida", "hybrid", "pigeon"),
    "role": ("participant", "trainer", "facilitator", "observer", "Facilitador", "chef"),
    "dmop_type": ("E", "DMOP-E", "Enforcement", "C", "DMOP-C", "Coordination", "Z"),
    "unit": ("respondents", "comments", "comentarios", "#", "%", "kg"),
    "date_precision": ("day", "month", "year", "mes", "año", "week"),
}
TOTAL_WORDS = ("Total", "TOTAL", "Totales", "Sum", "Suma", "Total general", "Total Paraguay", "total:")
SECTION_WORDS = ("Government Stakeholders", "DMOPs - Enforcement", "DMOPs - Coordination", "<sup>1</sup> Source: x",
                 "1. Note: figures are estimates", "Fuente: elaboración propia", "* preliminary")
STEP_VALUES = ("Step 7/8 - Validate with stakeholders", "Step 4. Workgroups", "Paso 5 – Piloto", "Paso 3: consulta",
               "Step 9 — done", "3", "10", "0", "-1", "7/8", "Step ten", "Step 99999999999999999999 - x")
SCORE_VALUES = ("85%", "17/20", "12,5", "100", "-5", "150", "0/0", "17/0", "abc", "20/20", "7,5/10", "1e3")
PERIOD_VALUES = ("2021", "FY2021", "FY21", "2020-2021", "año 2022", "Q1 2021", "99999")
PERSON_VALUES = ("María Pérez", "José Núñez", "ana@example.org", "4.555.123", "ID-0001", "Ñandú Benítez",
                 "李小龍", "Somchai ใจดี", "O'Brien", "Smith, John")
FORMULAS = ("=1+1", '=HYPERLINK("http://evil.example/x","click")', "@SUM(1)", "=SUM(A1:A3)", "+1+1", "-1+2",
            "=cmd|'/c calc'!A0", '=IMPORTXML("http://x","//a")', "=1/0", "=A1", "=WEBSERVICE(\"http://x\")")
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "**bold**", "[link](javascript:alert(1))",
           "<b>bold</b> <i>it</i>", "<ul><li>a</li><li>b</li></ul>", "a\\_b", "x'); DROP TABLE attendance; --",
           "&lt;b&gt;", "\u202eRTL", "line1\nline2", "\t tab", "'quoted'", '"dq"', "NaN", "None", "null",
           "#N/A", "#DIV/0!", "#REF!", "<", ">", "<<>>", "<br><br>", "&amp;&amp;", "\\", "\r", "\u00a0", "\ufeff")
BAD_DATES = ("31/02/2023", "00/00/0000", "29/02/2400", "2023-13-01", "9999-12-31", "0001-01-01", "1/1/1", "99999",
             "-1", "0", "2023", "Q3 2021", "mañana", "15 de juniember de 2021", "32 de enero de 2021",
             "2021-06-15/2021-06-16", "15-16 June 2021", "1e10", "2958466", "60", "12/2020", "2020-12",
             "diciembre", "febrero 29 2021")


def _serial(d: dt.date) -> str:
    return str((d - dt.date(1899, 12, 30)).days)


DATE_FORMATS = (
    lambda d: d.isoformat(),
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year:04d}",
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: f"{d.month:02d}/{d.day:02d}/{d.year:04d}",
    lambda d: f"{d.day:02d}-{d.month:02d}-{d.year:04d}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year:04d}",
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
    lambda d: f"{d.year:04d}/{d.month:02d}/{d.day:02d}",
    lambda d: d.strftime("%B %d, %Y"),
    lambda d: d.strftime("%d %B %Y"),
    lambda d: d.strftime("%d %b %Y"),
    lambda d: f"{d.day} de {MESES[d.month - 1]} de {d.year}",
    lambda d: f"{MESES[d.month - 1].capitalize()} {d.year}",
    lambda d: d.strftime("%B %Y"),
    lambda d: f"{d.day}/{d.month}/{d.year + 543}",
    lambda d: f"{d.day}/{d.month}/{d.year + 543}".translate(THAI_DIGITS),
    _serial,
    lambda d: d.isoformat() + "T10:30:00",
    lambda d: d.isoformat() + " 00:00:00",
    lambda d: d.strftime("%A %d %B %Y"),
    lambda d: d.strftime("%b-%y"),
    lambda d: d.strftime("%Y%m%d"),
    lambda d: f"{d.isoformat()}Z",
    lambda d: f" {d.day:02d} / {d.month:02d} / {d.year} ",
)

HUGE_FACTORIES = (
    lambda: "x" * HUGE,
    lambda: "<b>a</b>" * (HUGE // 8),
    lambda: "9" * HUGE,
    lambda: "Total " + "a" * HUGE,
    lambda: "ñ" * HUGE,
    lambda: "<li>x" * (HUGE // 5),
    lambda: "=" + "1+" * (HUGE // 2) + "1",
    lambda: "a  " * (HUGE // 3),
    lambda: "\\_" * (HUGE // 2),
    lambda: "<" * HUGE,
    lambda: "1," * (HUGE // 2),
    lambda: "Paraguay " * (HUGE // 9),
)

ENCODINGS = ("utf-8", "utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-be", "utf-16-broken",
             "utf-16-le-nobom", "utf-8-broken", "mixed")


# ATLAS_FUZZ_EXCLUDE=utf-16-broken,bigint,huge leaves those inputs out, to look past a known bug while
# exploring; the suite itself always runs with everything in.
EXCLUDE = {e.strip() for e in os.environ.get("ATLAS_FUZZ_EXCLUDE", "").split(",") if e.strip()}


def _encodings() -> tuple[str, ...]:
    return tuple(e for e in ENCODINGS if e not in EXCLUDE)


# ---------------------------------------------------------------------------------------- cells

any_text = st.text(max_size=30)


def dates_text() -> st.SearchStrategy[str]:
    day = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)) | st.dates()
    return st.one_of(
        st.builds(lambda d, k: DATE_FORMATS[k](d), day, st.integers(0, len(DATE_FORMATS) - 1)),
        st.sampled_from(BAD_DATES),
    )


def _huge() -> st.SearchStrategy[str]:
    return st.integers(0, len(HUGE_FACTORIES) - 1).map(lambda k: HUGE_FACTORIES[k]())


def chaos(excel: bool) -> st.SearchStrategy:
    """Any cell at all."""
    options = [
        st.none(),
        any_text,
        st.text(st.characters(codec="utf-8"), max_size=12),
        st.sampled_from(HOSTILE + FORMULAS + TOTAL_WORDS + SECTION_WORDS),
        st.sampled_from(HEADER_WORDS),
        dates_text(),
        st.integers(-10 ** 25, 10 ** 25).map(str) if "bigint" not in EXCLUDE else st.integers(-10 ** 15, 10 ** 15).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
    ]
    if excel:
        options += [
            st.integers(-2 ** 53, 2 ** 53),
            st.floats(allow_nan=True, allow_infinity=True),
            st.booleans(),
            st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
            st.builds(Formula, st.sampled_from(FORMULAS), st.none() | st.sampled_from(("2", "Paraguay", 7, True))),
        ]
    return st.one_of(options)


def value_for(column: str | None, kind: str, excel: bool) -> st.SearchStrategy:
    """A plausible cell for a column of this kind (right or wrong, but the kind of thing found there)."""
    if column in ENUM_VALUES:
        return st.sampled_from(ENUM_VALUES[column]) | any_text
    if column in ("step", "status_note"):
        return st.sampled_from(STEP_VALUES) | any_text
    if column == "period":
        return st.sampled_from(PERIOD_VALUES)
    if kind == C.COUNTRY:
        return st.sampled_from(COUNTRY_VALUES)
    if kind == C.DATE:
        options = [dates_text()]
        if excel:
            options += [st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
                        st.integers(-100, 3_000_000)]
        return st.one_of(options)
    if kind == C.INT:
        big = st.integers(-10 ** 25, 10 ** 25) if "bigint" not in EXCLUDE else st.integers(-10 ** 15, 10 ** 15)
        small = st.integers(-3, 5000)
        options = [small.map(str), big.map(str), st.sampled_from(("12,5", "1.250", "1,250", "3 000", "n/a", "-"))]
        if excel:
            options += [small, st.floats(allow_nan=True, allow_infinity=True)]
        return st.one_of(options)
    if kind in (C.NUMBER, C.SCORE):
        options = [st.sampled_from(SCORE_VALUES), st.floats(-1e6, 1e6).map(lambda x: f"{x:.3f}")]
        if excel:
            options += [st.floats(allow_nan=True, allow_infinity=True)]
        return st.one_of(options)
    if kind == C.BOOL or kind == "mark":
        return st.sampled_from(YES_NO) | st.none()
    if kind == C.GENDER:
        return st.sampled_from(GENDERS) | st.none()
    if kind == C.PERSON:
        return st.sampled_from(PERSON_VALUES) | any_text
    return st.one_of(st.sampled_from(("Living Lab", "Taller ETP", "Policía Nacional", "Ministerio de Trabajo",
                                      "DLPW", "<b>Unidad</b> Fiscal", "Enforcement Living Labs")),
                     st.sampled_from(HOSTILE), any_text)


def maybe_huge(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """One cell in about 300 is 100,000 characters long."""
    if "huge" in EXCLUDE:
        return strategy
    return st.integers(0, 299).flatmap(lambda k: _huge() if k == 0 else strategy)


# ---------------------------------------------------------------------------------------- sheets

@st.composite
def header_cell(draw, table: str) -> tuple[str | None, str, str | None]:
    """(header text, kind of values under it, canonical column)."""
    choice = draw(st.integers(0, 9))
    if choice <= 5:
        text, column = draw(st.sampled_from(_column_words(table)))
        kind = C.TABLES[table].column(column).kind
        style = draw(st.integers(0, 5))
        if style == 1:
            text = text.upper()
        elif style == 2:
            text = text + ":"
        elif style == 3:
            text = f"  {text.title()}  "
        elif style == 4:
            text = f"<b>{text}</b>"
        return text, kind, column
    if choice == 6:
        return draw(st.sampled_from(HEADER_WORDS)), C.TEXT, None
    if choice == 7:  # a wide roster's session column: a date or `Session N`
        text = draw(dates_text() | st.sampled_from(("Session 1", "Sesión 2", "Día 3", "Day 4", "Módulo 1")))
        return text, "mark", None
    if choice == 8:
        return draw(st.sampled_from(("F", "M", "Mujer", "Hombre", "pre", "post", "Q1", "P2", "Pre-test"))), "mark", None
    return draw(any_text), C.TEXT, None


@st.composite
def sheet_rows(draw, excel: bool, max_rows: int = 20, max_cols: int = 9) -> list[list]:
    """A sheet: title and label rows, a header row, then data rows with totals, blanks, sections, repeats."""
    table = draw(st.sampled_from(sorted(C.TABLES)))
    n_cols = draw(st.integers(1, max_cols))
    offset = draw(st.integers(0, 2)) if draw(st.booleans()) else 0
    headers = [draw(header_cell(table)) for _ in range(n_cols)]
    rows: list[list] = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            rows.append([])
        elif kind == 1:
            rows.append([draw(st.sampled_from(("País:", "Fecha:", "Evento:", "Institución:", "Modelo:", "Country:",
                                               "DMOP:", "Actividad:"))),
                         draw(st.sampled_from(COUNTRY_VALUES) | dates_text() | any_text)])
        elif kind == 2:
            rows.append([draw(st.sampled_from(SECTION_WORDS) | any_text)])
        else:
            rows.append([draw(maybe_huge(chaos(excel))) for _ in range(draw(st.integers(1, 4)))])
    rows.append([None] * offset + [h for h, _, _ in headers])
    cell = [maybe_huge(st.one_of(value_for(col, kind, excel), value_for(col, kind, excel), value_for(col, kind, excel),
                                 chaos(excel)))
            for _, kind, col in headers]
    for _ in range(draw(st.integers(0, max_rows))):
        kind = draw(st.integers(0, 19))
        if kind == 0:
            rows.append([])
        elif kind == 1:
            rows.append([None] * offset + [draw(st.sampled_from(TOTAL_WORDS))] +
                        [draw(st.integers(0, 999).map(str)) for _ in range(n_cols - 1)])
        elif kind == 2:
            rows.append([None] * offset + [h for h, _, _ in headers])
        elif kind == 3:
            rows.append([None] * offset + [draw(st.sampled_from(SECTION_WORDS) | maybe_huge(any_text))])
        elif kind == 4:  # ragged: shorter or longer than the header
            width = draw(st.integers(0, n_cols + 3))
            rows.append([None] * offset + [draw(chaos(excel)) for _ in range(width)])
        else:
            rows.append([None] * offset + [draw(c) for c in cell])
    return rows


SHEET_NAMES = ("Sheet1", "ToT", "Paraguay", "Datos", "Hoja 2", "Thailand KII", "Asistencia", "Eventos 2021", "Liberia",
               "Tally", "ñandú", "DMOPs", "Metas", "Resumen", "Bolivia (2)")
STEMS = ("Asistencia Paraguay 2023", "export", "TH_attendance", "datos (1)", "Liberia KII", "tally", "ñandú", "x",
         "Eventos_Bolivia", "status", "metas 2022", "pre post tests", "copy of copy")
FOLDERS = ("", "", "", "", "attendance/", "asistencia/", "events/", "kii_tally/", "tests/", "sub dir/", "dmops/")


def _csv_text(rows: list[list], delimiter: str, newline: str) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    for row in rows:
        writer.writerow(["" if c is None else (c.text if isinstance(c, Formula) else str(c)) for c in row])
    return buffer.getvalue()


def encode(text: str, encoding: str, draw) -> bytes:
    if encoding in ("utf-8", "utf-8-sig", "cp1252", "latin-1"):
        return text.encode(encoding, errors="replace")
    if encoding == "utf-16":
        return text.encode("utf-16")
    if encoding == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    if encoding == "utf-16-le-nobom":
        return text.encode("utf-16-le")
    if encoding == "utf-16-broken":  # a BOM, then an odd length or a lone surrogate
        data = text.encode("utf-16")
        if draw(st.booleans()):
            return data + b"\x00"
        cut = draw(st.integers(2, max(2, len(data) // 2 * 2)))
        cut -= cut % 2
        return data[:cut] + b"\x00\xd8" + data[cut:]
    if encoding == "utf-8-broken":
        data = bytearray(text.encode("utf-8"))
        for _ in range(draw(st.integers(1, 4))):
            pos = draw(st.integers(0, len(data)))
            data[pos:pos] = draw(st.sampled_from((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80", b"\xe2\x82", b"\xfe")))
        return bytes(data)
    if encoding == "mixed":  # first half UTF-8, second half Windows-1252
        half = len(text) // 2
        return text[:half].encode("utf-8") + text[half:].encode("cp1252", errors="replace")
    raise ValueError(encoding)


@st.composite
def fuzz_file(draw, index: int, formats=("csv", "csv", "csv", "xlsx", "xlsx", "xlsm", "ods")) -> FuzzFile:
    fmt = draw(st.sampled_from(formats))
    folder = draw(st.sampled_from(FOLDERS))
    stem = f"{index:02d} {draw(st.sampled_from(STEMS))}"
    if fmt == "csv":
        rows = draw(sheet_rows(excel=False))
        encoding = draw(st.sampled_from(_encodings()))
        delimiter = draw(st.sampled_from((",", ";", "\t", ",")))
        newline = draw(st.sampled_from(("\r\n", "\n", "\r")))
        data = encode(_csv_text(rows, delimiter, newline), encoding, draw)
        desc = f"csv {encoding} delimiter={delimiter!r} newline={newline!r} {len(rows)} rows {len(data)} bytes"
        return FuzzFile(f"{folder}{stem}.csv", "csv", desc, data=data)
    n_sheets = draw(st.integers(1, 3))
    names = draw(st.lists(st.sampled_from(SHEET_NAMES), min_size=n_sheets, max_size=n_sheets, unique=True))
    sheets = {}
    for name in names:
        sheets[name] = [] if draw(st.integers(0, 6)) == 0 else draw(
            sheet_rows(excel=True, max_rows=12 if fmt == "ods" else 20))
    desc = f"{fmt} sheets {[(n, len(r)) for n, r in sheets.items()]}"
    return FuzzFile(f"{folder}{stem}.{fmt}", fmt, desc, sheets=sheets)


# ---------------------------------------------------------------------------------------- writers

def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Cells as their own types (numbers, dates, booleans, formulas with or without a cached value)."""
    import xlsxwriter

    options = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
               "nan_inf_to_errors": True}
    workbook = xlsxwriter.Workbook(str(path), options)
    if path.suffix.lower() == ".xlsm":
        workbook.set_vba_name("ThisWorkbook")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    for name, rows in (sheets or {"Sheet1": []}).items():
        ws = workbook.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                if cell is None:
                    continue
                if isinstance(cell, Formula):
                    if cell.cached is None:
                        ws.write_formula(i, j, cell.text)
                    else:
                        ws.write_formula(i, j, cell.text, None, cell.cached)
                elif isinstance(cell, bool):
                    ws.write_boolean(i, j, cell)
                elif isinstance(cell, dt.datetime):
                    ws.write_datetime(i, j, cell, date_format)
                elif isinstance(cell, (int, float)):
                    if isinstance(cell, int) and abs(cell) > 2 ** 53:
                        ws.write_string(i, j, str(cell))
                    else:
                        ws.write_number(i, j, cell)
                else:
                    ws.write_string(i, j, str(cell)[:EXCEL_TEXT_LIMIT])
    workbook.close()
    return path


def write_ods(path: Path, sheets: dict[str, list[list]]) -> Path:
    """An OpenDocument spreadsheet through pandas + odfpy (formulas as their text)."""
    import pandas as pd

    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in (sheets or {"Sheet1": []}).items():
            width = max((len(r) for r in rows), default=0)
            cells = [[_ods_cell(c) for c in r] + [None] * (width - len(r)) for r in rows]
            frame = pd.DataFrame(cells, dtype=object) if cells and width else pd.DataFrame()
            frame.to_excel(writer, sheet_name=name, header=False, index=False)
    return path


def _ods_cell(cell):
    if isinstance(cell, Formula):
        return cell.text
    if isinstance(cell, float) and not math.isfinite(cell):
        return repr(cell)
    if isinstance(cell, str):
        return cell[:EXCEL_TEXT_LIMIT]
    return cell


def write_rows_xlsx(path: Path, rows: list[list], sheet: str = "Sheet1") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_xlsx(path, {sheet: rows})


def write_rows_csv(path: Path, rows: list[list], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_csv_text(rows, delimiter, "\r\n").encode(encoding))
    return path
