"""Exports written by other people, read as a person would: headers, split names, names under count headers,
survey-tool metadata, a mapping made once, and the dry run.

Every fixture is shaped like a real kind (a Moodle attendance export, a Peruvian course roster, a Kobo
export, a conference's snake_case head counts, an LMS grade export, an old-Mac CSV). Names are made up from
syllables: no real person's name is committed.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from atlas_data import contract as C
from atlas_data.cli import main as cli_main
from atlas_data.reading.headers import match_header, profile, word_set_key
from atlas_data.store.ingest import dry_run, ingest
from atlas_data.reading.mapping import Mappings, SheetMapping, mapping_path, write_mapping
from atlas_data.store.views import connect
from filemaker import parquet_text, tree_hashes, write_csv, write_defaults, write_xlsx

SYLLABLES = ["ba", "ce", "di", "lo", "mu", "ra", "te", "vi", "no", "sa", "qui", "ñe", "gu", "pe", "zo", "la"]


def fake(i: int, n: int = 3) -> str:
    """A made-up word of n syllables, distinct for each i below 16**n."""
    return "".join(SYLLABLES[(i // 16 ** k) % 16] for k in range(n)).capitalize()


FIRST = [fake(i, 2) + "a" for i in range(188)]
LAST = [fake(i + 17) for i in range(300)]


def people(raw_dir, parquet_dir, table="attendance") -> int:
    con = connect(parquet_dir)
    try:
        return con.execute(f"SELECT count(DISTINCT participant_key) FROM {table}").fetchall()[0][0]
    finally:
        con.close()


def rows_of(parquet_dir, sql):
    con = connect(parquet_dir)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# ------------------------------------------------------------------ headers

@pytest.mark.parametrize("table, header, column", [
    ("attendance", "ASISTENTE", "participant_name"),
    ("attendance", "APELLIDOS Y NOMBRES", "participant_name"),
    ("attendance", "Nombres y Apellidos", "participant_name"),
    ("tests", "Student", "participant_name"),
    ("tests", "overall", "score"),
    ("tests", "Nota final (Real)", "score"),
    ("attendance", "Dirección de correo", "email"),
    ("attendance", "Correo electrónico", "email"),
    ("attendance", "email_address", "email"),
    ("attendance", "Apellido(s)", "last_name"),
    ("attendance", "firstName", "first_name"),
    ("events", "session_title", "activity"),
    ("events", "start_date", "start_date"),
    ("events", "startDate", "start_date"),
    ("events", "attendees", "participants"),
    ("attendance", "datos_personales/nombre_completo", "participant_name"),
    ("attendance", "Fecha de la sesión:", "session_date"),
])
def test_headers_a_person_reads_at_once(table, header, column):
    assert match_header(table, header) == column


@pytest.mark.parametrize("table, header", [
    ("attendance", "Firma de asistencia"),   # never by a part of it
    ("attendance", "Nombre del jefe inmediato"),
    ("attendance", "_id"),                    # Kobo's submission number is no person
    ("attendance", "_submission_time"),
    ("attendance", "meta/instanceID"),
    ("events", "Firma"),
])
def test_headers_that_name_no_column(table, header):
    assert match_header(table, header) is None


def test_kobo_start_and_end_are_form_times_not_event_dates():
    assert match_header("events", "start") == "start_date"
    assert match_header("events", "start", kobo=True) is None


_ALIASES = [(t.name, c.name, a) for t in C.TABLES.values() for c in t.columns for a in (c.name, *c.aliases)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ALIASES), st.sampled_from(["lower", "upper", "title", "snake", "dots", "camel"]),
       st.sampled_from(["", ":", " ", "  :"]))
def test_any_alias_written_in_any_case_or_separator_matches_its_column(item, style, tail):
    table, column, alias = item
    words = alias.split()
    text = {"lower": alias.lower(), "upper": alias.upper(), "title": alias.title(),
            "snake": "_".join(words), "dots": ".".join(words),
            "camel": words[0].lower() + "".join(w.capitalize() for w in words[1:])}[style] + tail
    expected = match_header(table, alias)  # the first column defining an alias wins (e.g. "fecha")
    assert expected is not None
    assert match_header(table, text) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["nombres", "apellidos", "fecha", "de", "sesión", "participante", "total"]),
                min_size=1, max_size=4), st.randoms())
def test_word_order_does_not_change_the_key(words, rnd):
    shuffled = list(words)
    rnd.shuffle(shuffled)
    assert word_set_key(" y ".join(words)) == word_set_key(" ".join(shuffled))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_ALIASES), st.sampled_from(["zzq", "firma zzq", "de zzq"]))
def test_an_alias_with_another_word_matches_nothing(item, extra):
    table, _, alias = item
    assert match_header(table, f"{alias} {extra}") is None
    assert match_header(table, f"{extra} {alias}") is None


def test_what_a_column_holds():
    assert profile(["Ana Prueba", "LUIS PEREZ, Juan", "María José Duarte"]) == "names"
    assert profile(["12", "15", "1.250", "30 %"]) == "numbers"
    assert profile([str(k) for k in range(1, 9)]) == "sequence"
    assert profile(["Taller 1", "ETP", "x"]) == "other"
    assert profile([None, " "]) == "empty"


# ------------------------------------------------------------------ files

def moodle_attendance(raw, name="Paraguay_asistencia_curso_fiscalia.xlsx", n=250, month=9):
    """A Moodle attendance export: Apellido(s) and Nombre apart, session headers with time and group."""
    sessions = [f"{d:02d}.{month:02d}.24 14:00 Todos los estudiantes" for d in (3, 10, 17, 24)]
    rows = [["Curso: Fiscalía - Investigación de trata"], ["Grupo: Todos los participantes"], [],
            ["Apellido(s)", "Nombre", "Número de ID", "Dirección de correo", "Institución", *sessions,
             "P", "R", "J", "A", "Sesiones tomadas", "Puntos", "Porcentaje"]]
    for i in range(n):
        marks = ["P", "P" if i % 4 else "A", "P", "A" if i % 3 == 0 else "P"]
        rows.append([LAST[i], FIRST[i % 188], "", f"p{i}@example.org", "Ministerio Público", *marks,
                     marks.count("P"), 0, 0, marks.count("A"), 4, "", "75,0 %"])
    path = write_xlsx(raw / name, {"Asistencia": rows})
    write_defaults(path, {"dmop": "Living Lab"})
    return path


def test_moodle_split_names_give_one_person_each_not_one_per_first_name(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    moodle_attendance(raw)
    report = ingest(raw, store)
    sheet = report.files[0].sheets[0]
    assert (sheet.table, sheet.rows_kept, sheet.rows_rejected) == ("attendance", 1000, 0)
    assert people(raw, store) == 250  # 188 distinct first names: keyed by first name alone it would be 188
    assert rows_of(store, "SELECT DISTINCT country, activity, session_date FROM attendance ORDER BY 3") == [
        ("Paraguay", "Fiscalía - Investigación de trata", d) for d in
        [__import__("datetime").date(2024, 9, day) for day in (3, 10, 17, 24)]]
    text = parquet_text(store)
    assert LAST[7] not in text and "p7@example.org" not in text


def test_peruvian_order_is_the_same_person_as_the_usual_order(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    head = [["UNIVERSIDAD NACIONAL - ESCUELA DE POSGRADO"], ["Curso: Trata de personas"], ["Fecha:", "15/03/2024"],
            ["País:", "Paraguay"], ["Modelo:", "Living Lab"], []]
    peru = head + [["N°", "APELLIDOS Y NOMBRES", "INSTITUCIÓN", "FIRMA"]] + [
        [i + 1, f"{LAST[i].upper()} {LAST[i + 1].upper()}, {FIRST[i]}", "Policía Nacional", ""] for i in range(30)]
    usual = head + [["Nombre y apellido", "Institución"]] + [
        [f"{FIRST[i]} {LAST[i]} {LAST[i + 1]}", "Policía Nacional"] for i in range(10)]
    write_xlsx(raw / "Registro curso trata.xlsx", {"Hoja1": peru})
    write_xlsx(raw / "Registro curso trata (otra lista).xlsx", {"Hoja1": usual})
    report = ingest(raw, store)
    assert sorted((f.sheets[0].table, f.sheets[0].rows_kept) for f in report.files) == [
        ("attendance", 10), ("attendance", 30)]
    assert people(raw, store) == 30


def test_names_under_a_head_count_header_are_people_never_counts(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["Taller de inspección laboral"], ["País: Paraguay"], ["Modelo: Living Lab"], ["Fecha: 02/05/2023"], [],
            ["N°", "Asistentes", "Institución", "Firma"]] + [
        [i + 1, f"{FIRST[i]} {LAST[i]}", "MTESS", ""] for i in range(12)]
    path = write_xlsx(raw / "lista asistentes taller.xlsx", {"Lista": rows})
    report = ingest(raw, store)
    sheet = report.files[0].sheets[0]
    assert sheet.table == "attendance" and sheet.rows_kept == 0  # no activity yet: said, nothing stored
    assert "activity" in sheet.message
    assert all(LAST[i] not in parquet_text(store) for i in range(12))
    write_defaults(path, {"activity": "Taller de inspección laboral"})
    ingest(raw, store)
    assert people(raw, store) == 12
    assert rows_of(store, "SELECT count(*) FROM events") == [(0,)]
    assert rows_of(store, "SELECT count(*) FROM respondents") == [(0,)]  # `N°` 1..12 is a row number, not n


def test_conference_snake_case_head_counts(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    write_csv(raw / "conference_sessions.csv", [
        ["session_title", "track", "start_date", "start_time", "room", "attendees", "country", "dmop"]] + [
        [f"Panel {i}", "Enforcement", f"2023-10-0{i + 1}", "09:00", "A", 30 + i, "Thailand", "MDT"] for i in range(6)])
    ingest(raw, store)
    assert rows_of(store, "SELECT activity, participants FROM events ORDER BY start_date") == [
        (f"Panel {i}", 30 + i) for i in range(6)]


def test_lms_grades_student_overall_and_email_identify(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["Student", "Email address", "Test", "overall", "Country", "Course", "DMOP"]]
    for i in range(10):
        rows.append([f"{FIRST[i]} {LAST[i]}", f"s{i}@example.org", "pre", 40 + i, "Thailand", "ETP", "MDT"])
        # the same people, their names written differently: the e-mail identifies them
        rows.append([f"{LAST[i]} {FIRST[i][0]}.", f"S{i}@Example.org", "post", 60 + i, "Thailand", "ETP", "MDT"])
    write_xlsx(raw / "quiz_grades.xlsx", {"Grades": rows})
    ingest(raw, store)
    assert people(raw, store, "tests") == 10
    assert rows_of(store, "SELECT test_type, sum(score) FROM tests GROUP BY 1 ORDER BY 1") == [
        ("post", 645.0), ("pre", 445.0)]


def test_old_mac_line_ends_pre_post_csv(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    text = "Nombre;Pre-test;Post-test;País;Curso;Modelo\r" + "\r".join(
        f"{FIRST[i]} {LAST[i]};{50 + i};{70 + i};Paraguay;ETP;Living Lab" for i in range(8)) + "\r"
    (raw).mkdir()
    (raw / "prepost_mac.csv").write_bytes(text.encode("cp1252"))
    ingest(raw, store)
    assert people(raw, store, "tests") == 8
    assert rows_of(store, "SELECT test_type, count(*), avg(score) FROM tests GROUP BY 1 ORDER BY 1") == [
        ("post", 8, 73.5), ("pre", 8, 53.5)]


def test_kobo_export_metadata_names_nothing(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["start", "end", "datos/nombre_completo", "datos/institucion", "datos/sexo", "evento/fecha",
             "evento/actividad", "evento/modelo", "_id", "_uuid", "_submission_time", "_index"]]
    for i in range(15):
        rows.append(["2024-05-02T09:00", "2024-05-02T09:05", f"{FIRST[i]} {LAST[i]}", "Policía",
                     "F" if i % 2 else "M", "2024-05-02", "Taller MDT", "MDT", 1000 + i, f"uuid-{i}",
                     "2024-05-02T10:00", i + 1])
    write_csv(raw / "Thailand_kobo_registro.csv", rows)
    ingest(raw, store)
    assert people(raw, store) == 15
    assert rows_of(store, "SELECT gender, count(*) FROM attendance GROUP BY 1 ORDER BY 1") == [
        ("Female", 7), ("Male", 8)]


# ------------------------------------------------------------------ a mapping made once

def unknown_roster(raw, name, month, n):
    """A company roster whose headers match nothing in the contract."""
    rows = [["Integrante", "Área de trabajo", "Jornada", "Tema", "Sede"]] + [
        [f"{FIRST[i]} {LAST[i]}", "Inspección", f"{1 + i % 2:02d}/{month:02d}/2024", "Inspección del trabajo infantil",
         "Asunción"] for i in range(n)]
    path = write_xlsx(raw / name, {"Hoja1": rows})
    write_defaults(path, {"country": "Paraguay", "dmop": "Living Lab"})
    return path


MAPPING = SheetMapping(table="attendance", headers={
    "Integrante": "participant_name", "Área de trabajo": "institution", "Jornada": "session_date",
    "Tema": "activity", "Sede": "ignore"})


@pytest.mark.slow
def test_a_mapping_made_once_reads_the_file_and_next_months_export(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    first = unknown_roster(raw, "Asistencia octubre.xlsx", 10, 20)
    report = ingest(raw, store)
    assert report.files[0].status == "no_table"
    # the Data page tries the mapping first: a dry run, nothing written
    before = tree_hashes(store)
    trial = dry_run(raw, store, only=["Asistencia octubre.xlsx"], trying={"Asistencia octubre.xlsx": {"Hoja1": MAPPING}})
    sheet = trial.files[0].sheets[0]
    assert (sheet.table, sheet.rows_kept, sheet.rows_rejected) == ("attendance", 20, 0)
    assert list(sheet.preview["participant_key"].str.startswith("P-")) == [True] * 5
    assert "Sede" not in sheet.columns and sheet.columns["Integrante"] == "participant_name"
    assert tree_hashes(store) == before
    # saved, then ingested
    write_mapping(first, "Hoja1", MAPPING)
    assert mapping_path(first).read_text(encoding="utf-8-sig").splitlines()[0] == "sheet,table,source_header,column"
    ingest(raw, store)
    assert people(raw, store) == 20
    # next month: a new file of the same shape, another name, more people; no mapping step
    unknown_roster(raw, "Asistencia noviembre.xlsx", 11, 25)
    report = ingest(raw, store)
    by_file = {f.path: f for f in report.files}
    nov = by_file["Asistencia noviembre.xlsx"].sheets[0]
    assert (nov.table, nov.rows_kept, nov.mapping) == ("attendance", 25, "Asistencia octubre.xlsx.mapping.csv")
    assert people(raw, store) == 25
    assert rows_of(store, "SELECT count(*) FROM attendance") == [(45,)]


def test_a_mapping_names_its_file_shape_only(tmp_path):
    raw = tmp_path / "raw"
    first = unknown_roster(raw, "a.xlsx", 10, 3)
    write_mapping(first, "Hoja1", MAPPING)
    other = write_xlsx(raw / "b.xlsx", {"S": [["Integrante", "Otra cosa"], ["x y", "1"]]})
    mappings = Mappings(raw)
    from atlas_data.reading.readers import read_file
    assert mappings.for_sheet("b.xlsx", "S", read_file(other)[0].grid) is None
    assert mappings.for_sheet("a.xlsx", "Hoja1", read_file(first)[0].grid).table == "attendance"


def test_a_bad_mapping_is_refused_with_a_reason(tmp_path):
    from atlas_data.reading.mapping import MappingError
    path = write_csv(tmp_path / "x.csv", [["a", "b"], ["1", "2"]])
    with pytest.raises(MappingError, match="two headers"):
        write_mapping(path, "", SheetMapping("attendance", {"a": "institution", "b": "institution"}))
    with pytest.raises(MappingError, match="not a column"):
        write_mapping(path, "", SheetMapping("attendance", {"a": "salary"}))
    assert not mapping_path(path).exists()


# ------------------------------------------------------------------ dry run

def test_cli_dry_run_prints_what_would_be_stored_and_writes_nothing(tmp_path, capsys):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    moodle_attendance(raw, n=12)
    code = cli_main(["ingest", str(raw), "--out", str(store), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    assert "attendance, 48 rows kept, 0 rejected" in out
    assert "Apellido(s) → last_name" in out and "| " in out and "P-" in out
    assert "dry run: 1 file: 1 read; 48 rows would be stored, 0 rejected; nothing was written" in out
    assert LAST[3] not in out and "p3@example.org" not in out
    assert not store.exists() or not any(store.rglob("*.parquet"))


def test_dry_run_after_an_ingest_says_unchanged_and_keeps_the_store(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    moodle_attendance(raw, n=5)
    ingest(raw, store)
    before = tree_hashes(store)
    report = dry_run(raw, store)
    assert [f.status for f in report.files] == ["unchanged"] and not report.changed
    assert tree_hashes(store) == before


def test_first_names_alone_are_kept_with_a_warning_that_says_why_the_count_may_be_low(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["País: Paraguay"], ["Modelo: Living Lab"], ["Actividad: Taller"], ["Fecha: 02/05/2023"],
            ["Nombre", "Institución"]] + [[FIRST[i % 4], "MTESS"] for i in range(8)]
    write_xlsx(raw / "lista nombres.xlsx", {"Lista": rows})
    report = ingest(raw, store)
    sheet = report.files[0].sheets[0]
    assert (sheet.rows_kept, sheet.warnings) == (8, 1)
    assert "one word only" in sheet.reasons[0] and "row 5" in sheet.reasons[0]
    assert people(raw, store) == 4


def test_ngo_targets_table_with_a_column_per_year(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["Fundación Ejemplo - Marco de resultados 2021-2023"], ["País: Paraguay"], [],
            ["Código", "Indicador", "Unidad", "Línea de base", "Meta 2021", "Meta 2022", "Meta 2023", "Logro 2021",
             "Meta total"],
            ["KI-1", "Actividades implementadas", "#", 0, 10, 12, 8, 9, 30],
            ["KI-2", "Personas capacitadas", "#", 0, 120, 120, None, 98, 240],
            ["OTC 3.1", "Porcentaje de inspectores que aplican el protocolo", "%", "15%", "30%", "45%", "60%", "20%",
             "60%"]]
    write_xlsx(raw / "Marco de resultados ONG.xlsx", {
        "Metas": rows, "Instrucciones": [["Complete las metas por año."], ["No modifique los códigos."]]})
    report = ingest(raw, store)
    assert [(s.sheet, s.table, s.rows_kept) for s in report.files[0].sheets] == [
        ("Metas", "targets", 8), ("Instrucciones", None, 0)]
    assert rows_of(store, "SELECT indicator, period, target FROM targets ORDER BY 1, 2") == [
        ("KI-1", "2021", 10.0), ("KI-1", "2022", 12.0), ("KI-1", "2023", 8.0),
        ("KI-2", "2021", 120.0), ("KI-2", "2022", 120.0),  # no 2023 target set: no row, not a zero
        ("OTC 3.1", "2021", 30.0), ("OTC 3.1", "2022", 45.0), ("OTC 3.1", "2023", 60.0)]


def test_interview_coding_workbook_with_a_column_per_question(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    questions = ["¿Conoce el proyecto ATLAS?", "¿Participó en alguna actividad?",
                 "¿Los objetivos están alineados con las prioridades?"]
    answers = ["Sí", "No", "Parcialmente", "Sí", "Sí", None]
    rows = [["Código", "Tipo de actor", "Institución", "Sexo", *questions, "Observaciones"]]
    for i in range(12):
        rows.append([f"WI_{i:03d}", "Participante" if i % 2 else "Tomador de decisión", "Fiscalía",
                     "F" if i % 3 else "M", answers[i % 6], answers[(i + 1) % 6], answers[(i + 2) % 6],
                     "Comentario general" if i == 0 else None])
    write_xlsx(raw / "Paraguay codificación entrevistas.xlsx", {
        "Codificación": rows, "Libro de códigos": [["Código", "Significado"], ["Sí", "Afirmativa"], ["No", "Negativa"]]})
    report = ingest(raw, store)
    assert [(s.table, s.rows_kept) for s in report.files[0].sheets] == [("kii_answers", 30), (None, 0)]
    assert rows_of(store, "SELECT question, answer, sum(n)::INT FROM kii_tally WHERE question LIKE '¿Conoce%' "
                   "GROUP BY ALL ORDER BY 2") == [
        ("¿Conoce el proyecto ATLAS?", "No", 2), ("¿Conoce el proyecto ATLAS?", "Partially", 2),
        ("¿Conoce el proyecto ATLAS?", "Yes", 6)]
    assert rows_of(store, "SELECT count(*) FROM kii_answers WHERE note IS NOT NULL") == [(1,)]
