"""Attendance marks that mean what they say: present, absent, excused (vacation, sick leave, justified) and
cancelled sessions, in wide rosters and in a long `attended` column, and what completion makes of them.

The rosters are written with openpyxl the way company exports look: title rows, label cells (`País:`,
`Institución:`), `No.`, `NOMBRE COMPLETO`, `CARGO`, `ÁREA`, then one column per session date. Names are
obviously fake.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

import atlas_data
from atlas_data import metrics
from atlas_data import parsers as P
from atlas_data import queries as Q
from filemaker import write_csv

try:
    import rawqueries as raw
except ImportError:  # tests/ made a package later
    from tests import rawqueries as raw

D = dt.date
COURSE_A = "Curso de seguridad laboral"
COURSE_B = "Curso de inspección"
LONG = "Taller marcas"

# Sheet "Asistencia" of the first roster: the 17/03 session was cancelled (every mark but one blank says so).
DATES_A = ["03/03/2025", "10/03/2025", "17/03/2025", "24/03/2025", "31/03/2025"]
ROSTER_A = [  # name, cargo, área, marks for DATES_A
    ("Ana Prueba", "Operaria", "Planta", ["P", "P", "CANCELADO", "P", "Vacaciones"]),            # 3 of 3 required
    ("Persona Tres", "Analista", "Calidad", ["P", "P", "CANCELADO", "Incapacitada", "Justificado"]),  # 2 of 2
    ("Persona Cuatro", "Operario", "Planta", ["F", None, "CANCELADO", "F", "F"]),                 # never came
    ("Persona Cinco", "Auxiliar", "Bodega", ["P", "??", "CANCELADO", "P", "F"]),                  # ?? is no P
    ("Persona Seis", "Jefa", "Planta", ["Vacaciones", "Vacaciones", "CANCELADO", "Vacaciones", "vacaciones"]),
    ("Persona Siete", "Operario", "Planta", ["p", "P ", None, "P", "P"]),                         # all 4
    ("Persona Ocho", "Operaria", "Calidad", ["P", "Cancelado", "CANCELADO", "P", "P"]),           # her own cancel
]
# Second roster, header cells that are real Excel dates, five sessions, nothing cancelled.
DATES_B = [D(2025, 4, 7), D(2025, 4, 14), D(2025, 4, 21), D(2025, 4, 28), D(2025, 5, 5)]
LATE = "Llegó tarde por el tráfico de la mañana"
ROSTER_B = [  # name, institución, área, marks
    ("Persona Uno", "Ministerio de Trabajo", "Inspección", ["P", "P", "F", "F", "F"]),           # 2 of 5
    ("Persona Dos", "Ministerio de Trabajo", "Inspección", ["P", "P", "P", "P", "Justificado"]),  # 4 of 4
    ("Persona Nueve", "Fiscalía", "Fiscalía", ["P", "tarde", "P", "P", LATE]),                    # 3 of 5
]
LONG_MARKS = {"l-si": "Sí", "l-no": "No", "l-just": "Justificado", "l-lic": "Licencia", "l-cancel": "Cancelado",
              "l-unknown": "L8", "l-blank": "", "l-x": "X", "l-falta": "Falta.", "l-one": "1"}


def write_roster_a(path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Asistencia"
    ws.append(["EMPRESA DE EJEMPLO S.A.S."])
    ws.append(["REGISTRO DE ASISTENCIA A CAPACITACIÓN"])
    ws.append(["País:", "Paraguay", None, "Modelo:", "Living Lab"])
    ws.append(["Actividad:", COURSE_A, None, "Institución:", "Empresa de Ejemplo"])
    ws.append([])
    ws.append(["No.", "NOMBRE COMPLETO", "CARGO", "ÁREA", *DATES_A])
    for n, (name, cargo, area, marks) in enumerate(ROSTER_A, start=1):
        ws.append([n, name, cargo, area, *marks])
    wb.save(path)


def write_roster_b(path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Hoja1"
    ws.append(["CONTROL DE ASISTENCIA"])
    ws.append(["Modelo:", "Living Lab"])
    ws.append(["Curso:", COURSE_B])
    ws.append(["No.", "NOMBRE COMPLETO", "Institución", "ÁREA", *DATES_B])
    for n, (name, inst, area, marks) in enumerate(ROSTER_B, start=1):
        ws.append([n, name, inst, area, *marks])
    wb.save(path)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("marks")
    raw_dir = root / "raw"
    raw_dir.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATLAS_SECRET_FILE", str(root / "pseudonym.key"))
        write_roster_a(raw_dir / "Asistencia capacitacion 2025.xlsx")
        write_roster_b(raw_dir / "Registro asistencia Bolivia 2025.xlsx")
        write_csv(raw_dir / "marcas_largas.csv", [["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución",
                                                    "Sesión", "Asistió"]] + [
            ["Argentina", "Living Lab", LONG, "02/06/2025", "Persona Larga", "Inst L", session, mark]
            for session, mark in LONG_MARKS.items()])
        report = atlas_data.ingest(raw_dir, root / "parquet")
        yield report, root / "parquet"


@pytest.fixture(scope="module")
def con(store):
    connection = atlas_data.connect(store[1])
    yield connection
    connection.close()


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def rejected(con, source_file):
    return rows(con, "SELECT source_sheet, source_row, column_name, value, reason, severity, code FROM rejected "
                     "WHERE source_file = ? ORDER BY source_row, column_name", source_file)


# ---------------------------------------------------------------------------------------------- the parser

@pytest.mark.parametrize("mark, meaning", [
    ("P", "present"), ("x", "present"), ("✓", "present"), ("✔", "present"), ("☑", "present"), ("✅", "present"),
    ("1", "present"), ("1.0", "present"), ("Sí", "present"), ("SI", "present"), ("s", "present"),
    ("Yes", "present"), ("Y", "present"), ("True", "present"), ("Presente", "present"), ("present", "present"),
    ("Asistió", "present"), ("asistio", "present"), ("Attended", "present"), (" p. ", "present"), (True, "present"),
    (1, "present"),
    ("A", "absent"), ("F", "absent"), ("falta", "absent"), ("Faltó", "absent"), ("0", "absent"), ("0,0", "absent"),
    ("No", "absent"), ("N", "absent"), ("False", "absent"), ("Ausente", "absent"), ("Absent", "absent"),
    ("INASISTENCIA", "absent"), ("F.", "absent"), (False, "absent"),
    ("J", "excused"), ("Justificado", "excused"), ("justificada", "excused"), ("Justified", "excused"),
    ("Excused", "excused"), ("Permiso", "excused"), ("Licencia", "excused"), ("Vacaciones", "excused"),
    ("Vacation", "excused"), ("Incapacidad", "excused"), ("Incapacitado", "excused"), ("Incapacitada", "excused"),
    ("Sick leave", "excused"), ("sick  leave", "excused"), ("Baja médica", "excused"), ("BAJA MEDICA", "excused"),
    ("Reposo", "excused"), ("Comisión", "excused"), ("En comisión", "excused"),
    ("Cancelado", "cancelled"), ("CANCELADA", "cancelled"), ("Cancelled", "cancelled"), ("Canceled", "cancelled"),
    ("Suspendido", "cancelled"), ("suspendida", "cancelled"), ("Suspended", "cancelled"), ("No hubo", "cancelled"),
    ("No hubo clase.", "cancelled"), ("Feriado", "cancelled"), ("Holiday!", "cancelled"),
])
def test_marks_and_their_meaning(mark, meaning):
    assert P.parse_attendance_mark(mark) == meaning


@pytest.mark.parametrize("blank", [None, "", "   ", "\u00a0", float("nan")])
def test_a_blank_mark_is_none(blank):
    assert P.parse_attendance_mark(blank) is None


@pytest.mark.parametrize("mark", ["??", "tarde", "L8", "E", "2", "08:15", "S/I", "Presente tarde", "-", "PP",
                                  "Firma", "N/A", "x x", "*P", LATE])
def test_an_unknown_mark_raises_and_is_never_present(mark):
    with pytest.raises(ValueError, match="attendance mark .* is not known"):
        P.parse_attendance_mark(mark)


def test_the_error_quotes_at_most_20_characters_of_the_mark():
    with pytest.raises(ValueError) as info:
        P.parse_attendance_mark(LATE)
    quoted = re.search(r'"([^"]*)"', str(info.value)).group(1)
    assert len(quoted) <= 20 and quoted.endswith("…")


def test_no_mark_is_listed_under_two_meanings():
    seen: dict[str, str] = {}
    for meaning, marks in P.ATTENDANCE_MARKS.items():
        for mark in marks:
            assert seen.setdefault(P.mark_key(mark), meaning) == meaning, mark
            assert P.parse_attendance_mark(mark) == meaning


def test_every_yes_no_value_reads_as_before():
    """The Yes/No values parse_yes_no accepts give the same answer as marks (the long `attended` column)."""
    for value in ["Yes", "Y", "Sí", "Si", "S", "1", "True", "X", "x", "✓", "✔", "P", "Present", "Presente", "YES",
                  "sí", "1.0", "1,0", " yes ", "verdadero"]:
        assert P.parse_yes_no(value) is True and P.parse_attendance_mark(value) == "present", value
    for value in ["No", "N", "0", "False", "A", "Absent", "Ausente", "no", "FALSE", "0.0", "falso"]:
        assert P.parse_yes_no(value) is False and P.parse_attendance_mark(value) == "absent", value


# Written out here, not taken from the parser: what a present mark may look like once case, accents,
# surrounding spaces and trailing punctuation are ignored.
PRESENT_WRITTEN = {"p", "x", "✓", "✔", "☑", "✅", "1", "si", "s", "yes", "y", "true", "verdadero", "presente",
                   "present", "asistio", "attended"}
NUMBER_ONE = re.compile(r"\+?0*1(?:[.,]0+)?")


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = " ".join("".join(c for c in text if not unicodedata.combining(c)).split())
    while text and unicodedata.category(text[-1]).startswith("P"):
        text = text[:-1].rstrip()
    return text


ALL_MARKS = [m for marks in P.ATTENDANCE_MARKS.values() for m in marks]
DECORATION = st.text(alphabet=st.sampled_from(list("  .,;:!?-_*/()'\"ºª0123456789abcdefjlnpsxyzÍíÉé\u0301\u00a0\t")),
                     max_size=3)


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    st.text(max_size=12),
    st.builds(lambda a, m, b: a + m + b, DECORATION, st.sampled_from(ALL_MARKS), DECORATION),
    st.builds(lambda m: "".join(c.upper() if i % 2 else c for i, c in enumerate(m)), st.sampled_from(ALL_MARKS)),
))
def test_present_only_for_a_present_mark(text):
    try:
        meaning = P.parse_attendance_mark(text)
    except ValueError:
        return
    if meaning == "present":
        assert _normal(text) in PRESENT_WRITTEN or NUMBER_ONE.fullmatch(text.strip()), repr(text)
