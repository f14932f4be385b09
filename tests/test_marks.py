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
from atlas_data.queries import dropout, overview
from atlas_data.reading import parsers as P
from filemaker import write_csv
from support.rulesql import status, with_participation

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


def test_the_error_never_quotes_a_long_mark():
    with pytest.raises(ValueError) as info:
        P.parse_attendance_mark(LATE)
    assert LATE not in str(info.value) and "characters" in str(info.value)  # privacy.shown_value describes it


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
                   "present", "asistio", "attended", "completed", "completado", "completada"}
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
        bare = POINTS_WRITTEN.sub("", text) or text
        assert _normal(bare) in PRESENT_WRITTEN or NUMBER_ONE.fullmatch(text.strip()), repr(text)


# Moodle's attendance report: the status acronym, then the points it earned in brackets.
POINTS_WRITTEN = re.compile(r"\s*\(\s*[0-9]+(?:[.,][0-9]+)?\s*(?:/\s*[0-9]+(?:[.,][0-9]+)?\s*)?\)\s*$")


@pytest.mark.parametrize("mark, meaning", [
    ("P (2/2)", "present"), ("A (0/2)", "absent"), ("P(1)", "present"), (" Presente ( 1,5 / 2 ) ", "present"),
    ("J (1/2)", "excused"),
])
def test_a_mark_with_its_points_is_that_mark(mark, meaning):
    assert P.parse_attendance_mark(mark) == meaning


@pytest.mark.parametrize("mark", ["L (1/2)", "E (1/2)", "(2/2)", "12 (3/4)", "P (2/2) tarde"])
def test_points_never_make_an_unknown_mark_known(mark):
    with pytest.raises(ValueError, match="attendance mark .* is not known"):
        P.parse_attendance_mark(mark)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ALL_MARKS), st.integers(0, 999), st.integers(1, 999), st.sampled_from(["", " ", "  "]),
       st.booleans())
def test_any_mark_with_points_means_what_the_mark_means(mark, got, of, space, fraction):
    points = f"({got}/{of})" if fraction else f"({got})"
    assert P.parse_attendance_mark(f"{mark}{space}{points}") == P.parse_attendance_mark(mark)


# ---------------------------------------------------------------------------------------------- wide rosters

def test_the_cancelled_session_gives_no_rows_and_one_warning(con):
    source = "Asistencia capacitacion 2025.xlsx"
    dates = rows(con, "SELECT DISTINCT session_date FROM attendance WHERE source_file = ? ORDER BY 1", source)
    assert dates == [(D(2025, 3, 3),), (D(2025, 3, 10),), (D(2025, 3, 24),), (D(2025, 3, 31),)]
    assert rows(con, "SELECT count(*) FROM attendance WHERE source_file = ?", source) == [(7 * 4,)]
    cancelled = [r for r in rejected(con, source) if r[6] == "session_cancelled"]
    assert cancelled == [("Asistencia", 6, "17/03/2025", None,
                          'Asistencia capacitacion 2025.xlsx, sheet "Asistencia", row 6: session "17/03/2025" was '
                          "cancelled (every mark in its column says so); not counted", "warning",
                          "session_cancelled")]


def test_labels_give_country_dmop_activity_and_institution(con):
    assert rows(con, "SELECT DISTINCT country, dmop, activity, institution FROM attendance WHERE source_file = ?",
                "Asistencia capacitacion 2025.xlsx") == [("Paraguay", "Living Lab", COURSE_A, "Empresa de Ejemplo")]
    assert rows(con, "SELECT DISTINCT country, dmop, activity, institution FROM attendance WHERE source_file = ? "
                     "ORDER BY institution", "Registro asistencia Bolivia 2025.xlsx") == [
        ("Bolivia", "Living Lab", COURSE_B, "Fiscalía"), ("Bolivia", "Living Lab", COURSE_B, "Ministerio de Trabajo")]


def test_marks_become_attended_and_excused(con):
    """Row 7 is Ana Prueba (P, P, P, Vacaciones), row 13 Persona Ocho (P, her own Cancelado, P, P)."""
    got = rows(con, "SELECT source_row, session_date, attended, excused FROM attendance WHERE source_file = ? "
                    "AND source_row IN (7, 9, 13) ORDER BY source_row, session_date",
               "Asistencia capacitacion 2025.xlsx")
    days = [D(2025, 3, 3), D(2025, 3, 10), D(2025, 3, 24), D(2025, 3, 31)]
    want = {7: [(True, False), (True, False), (True, False), (False, True)],
            9: [(False, False)] * 4,                                          # F, blank, F, F
            13: [(True, False), (False, True), (True, False), (True, False)]}
    assert got == [(r, day, *mark) for r in want for day, mark in zip(days, want[r])]


def test_an_unknown_mark_is_not_attended_and_warned_about_with_its_row_and_column(con):
    source = "Asistencia capacitacion 2025.xlsx"
    assert rows(con, "SELECT attended, excused FROM attendance WHERE source_file = ? AND source_row = 10 "
                     "AND session_date = ?", source, D(2025, 3, 10)) == [(False, False)]
    unknown = [r for r in rejected(con, source) if r[6] == "unknown_mark"]
    assert unknown == [("Asistencia", 10, "10/03/2025", "??",
                        'Asistencia capacitacion 2025.xlsx, sheet "Asistencia", row 10: 10/03/2025: the attendance '
                        'mark "??" is not known, so it counts as not attended; use P, X or ✓ (present), F, A or 0 '
                        "(absent), J, Justificado or Vacaciones (excused), Cancelado (cancelled)", "warning",
                        "unknown_mark")]
    assert len(rejected(con, source)) == 2   # the cancelled session and the unknown mark, nothing else


def test_a_long_unknown_mark_is_not_quoted(con):
    source = "Registro asistencia Bolivia 2025.xlsx"
    found = [(r[1], r[2], r[3], "not shown" in r[4], LATE not in r[4]) for r in rejected(con, source)]
    assert found == [(7, "2025-04-14", "tarde", False, True), (7, "2025-05-05", "text, 39 characters", True, True)]


def test_participation_counts_excused_sessions_as_neither_attended_nor_missed(con):
    got = rows(with_participation(con), "SELECT p.institution, a.source_row, p.sessions_total, p.sessions_attended, p.sessions_excused, "
                    "p.status FROM participation p JOIN (SELECT DISTINCT participant_key, source_row FROM attendance "
                    "WHERE activity = ?) a USING (participant_key) ORDER BY a.source_row", COURSE_A)
    assert [g[1:] for g in got] == [
        (7, 4, 3, 1, "completed"),     # Ana Prueba: P, P, P, Vacaciones: 3 of 3 required
        (8, 4, 2, 2, "completed"),     # Persona Tres: P, P, Incapacitada, Justificado: 2 of 2
        (9, 4, 0, 0, "no_show"),       # Persona Cuatro: F, blank, F, F
        (10, 4, 2, 0, "dropped_out"),  # Persona Cinco: P, ??, P, F: the unknown mark is not attended
        (11, 4, 0, 4, "no_show"),      # Persona Seis: only vacation
        (12, 4, 4, 0, "completed"),    # Persona Siete
        (13, 4, 3, 1, "completed"),    # Persona Ocho: her own "Cancelado" excuses her
    ]
    course_b = rows(with_participation(con), "SELECT p.sessions_total, p.sessions_attended, p.sessions_excused, p.status FROM participation p "
                         "JOIN (SELECT DISTINCT participant_key, source_row FROM attendance WHERE activity = ?) a "
                         "USING (participant_key) ORDER BY a.source_row", COURSE_B)
    assert course_b == [(5, 2, 0, "dropped_out"),   # Persona Uno: P, P, F, F, F
                        (5, 4, 1, "completed"),     # Persona Dos: P, P, P, P, Justificado: 4 of 4
                        (5, 3, 0, "dropped_out")]   # Persona Nueve: P, tarde, P, P, (a long note)


def test_the_dropout_page_counts_people_as_a_person_would(con):
    summary = dropout.dropout_summary(con)
    a = summary[summary["activity"] == COURSE_A].iloc[0]
    assert (a["sessions_total"], a["enrolled"], a["no_show"], a["started"], a["completed"], a["dropped_out"]) == \
        (4, 7, 2, 5, 4, 1)
    b = summary[summary["activity"] == COURSE_B].iloc[0]
    assert (b["sessions_total"], b["enrolled"], b["no_show"], b["started"], b["completed"], b["dropped_out"]) == \
        (5, 3, 0, 3, 1, 2)
    # Counting excused sessions as missed: Persona Tres has 2 of 4 and drops out; Ana Prueba (3 of 4) and
    # Persona Ocho (3 of 4) still reach 75%.
    missed = dropout.dropout_summary(con, excused_counts_as_missed=True)
    a = missed[missed["activity"] == COURSE_A].iloc[0]
    assert (a["no_show"], a["started"], a["completed"], a["dropped_out"]) == (2, 5, 3, 2)
    funnel = dropout.dropout_funnel(con)
    sessions = funnel[(funnel["activity"] == COURSE_A) & (funnel["stage"] == "session")]
    assert sessions["participants"].tolist() == [5, 3, 4, 2]   # present at 03/03, 10/03, 24/03, 31/03
    cards = overview.overview(con).set_index("country")
    assert (cards.at["Paraguay", "started"], cards.at["Paraguay", "completed"]) == (5, 4)


def test_the_raw_row_oracle_agrees(con):
    for missed in (False, True):
        for threshold in (0.5, 0.75, 1.0):
            pd.testing.assert_frame_equal(
                dropout.dropout_summary(con, threshold=threshold, by=("institution",), excused_counts_as_missed=missed),
                raw.dropout_summary(con, threshold=threshold, by=("institution",), excused_counts_as_missed=missed))
            pd.testing.assert_frame_equal(
                dropout.dropout_funnel(con, threshold=threshold, excused_counts_as_missed=missed),
                raw.dropout_funnel(con, threshold=threshold, excused_counts_as_missed=missed))
        pd.testing.assert_frame_equal(overview.overview(con, excused_counts_as_missed=missed),
                                      raw.overview(con, excused_counts_as_missed=missed))


def test_the_completion_rule_says_the_same():
    assert status(3, 4, excused=1) == "completed"          # Ana Prueba
    assert status(2, 4, excused=2) == "completed"          # Persona Tres
    assert status(2, 4, 2, 0.75, excused_counts_as_missed=True) == "dropped_out"
    assert status(0, 4, excused=4) == "no_show"            # Persona Seis
    assert status(2, 5) == "dropped_out"                   # Persona Uno


def test_a_roster_whose_every_session_was_cancelled_gives_no_rows(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_SECRET_FILE", str(tmp_path / "pseudonym.key"))
    wb = Workbook()
    ws = wb.active
    ws.append(["País:", "Paraguay"])
    ws.append(["Modelo:", "Living Lab"])
    ws.append(["Actividad:", "Curso suspendido"])
    ws.append(["Institución:", "Empresa de Ejemplo"])
    ws.append(["No.", "NOMBRE COMPLETO", "Sesión 1", "Sesión 2"])
    ws.append([1, "Ana Prueba", "Suspendido", "Feriado"])
    ws.append([2, "Persona Uno", "Suspendido", None])
    (tmp_path / "raw").mkdir()
    wb.save(tmp_path / "raw" / "suspendido.xlsx")
    atlas_data.ingest(tmp_path / "raw", tmp_path / "parquet")
    c = atlas_data.connect(tmp_path / "parquet")
    try:
        assert rows(c, "SELECT count(*) FROM attendance") == [(0,)]
        assert rows(c, "SELECT column_name, code FROM rejected ORDER BY column_name") == [
            ("Sesión 1", "session_cancelled"), ("Sesión 2", "session_cancelled")]
    finally:
        c.close()


# ---------------------------------------------------------------------------------------------- long format

def test_the_long_attended_column_reads_the_same_marks(con):
    got = dict((s, (a, e)) for s, a, e in rows(
        con, "SELECT session, attended, excused FROM attendance WHERE source_file = 'marcas_largas.csv'"))
    assert got == {"l-si": (True, False), "l-no": (False, False), "l-just": (False, True), "l-lic": (False, True),
                   "l-cancel": (False, True), "l-unknown": (False, False), "l-blank": (True, False),
                   "l-x": (True, False), "l-falta": (False, False), "l-one": (True, False)}
    assert [(r[1], r[2], r[3], r[6]) for r in rejected(con, "marcas_largas.csv")] == [(7, "attended", "L8",
                                                                                       "unknown_mark")]
    person = rows(with_participation(con), "SELECT sessions_total, sessions_attended, sessions_excused, status FROM participation "
                       "WHERE activity = ?", LONG)
    assert person == [(10, 4, 3, "dropped_out")]   # 4 of the 7 required, under 75%


def test_the_completion_setting_is_stored_and_read(tmp_path):
    from atlas_data import settings as S
    path = tmp_path / "settings.json"
    assert S.load(path)["excused_counts_as_missed"] is False
    S.save({"excused_counts_as_missed": True}, path)
    assert S.load(path)["excused_counts_as_missed"] is True
    with pytest.raises(ValueError, match="true or false"):
        S.save({"excused_counts_as_missed": 1}, path)
    path.write_text('{"excused_counts_as_missed": "yes", "completion_threshold": true}', encoding="utf-8")
    assert S.load(path) == S.DEFAULTS
