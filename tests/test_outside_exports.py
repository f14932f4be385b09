"""More exports written by other people, each shaped like a real kind the reader had not met: Moodle's English
attendance report (marks with their points), a sign-in sheet with a list of institutions beside it, a roster
with a row of head counts under its sessions, a Thai roster with Thai headers.

Each test asserts what a person reading the file counts. Names are made up from syllables (test_real_exports).
"""
from __future__ import annotations

import datetime as dt

from atlas_data.store.ingest import ingest
from filemaker import write_csv, write_defaults, write_xlsx
from test_real_exports import FIRST, LAST, people, rows_of


def moodle_report(raw, n=12):
    """Moodle's attendance report in English: status and points per session (`P (2/2)`), L late and E excused
    (Moodle's own acronyms, read as unknown marks), then Taken sessions / Points / Percentage."""
    sessions = [f"{d} Mar 2021 9AM All students" for d in (10, 17, 24, 31)]
    rows = [["First name", "Surname", "ID number", "Email address", "Institution", *sessions,
             "Taken sessions", "Points", "Percentage"]]
    for i in range(n):
        marks = ["P (2/2)", "P (2/2)" if i % 3 else "A (0/2)", "L (1/2)" if i == 4 else "P (2/2)",
                 "E (1/2)" if i == 7 else "A (0/2)" if i % 5 == 0 else "P (2/2)"]
        points = sum(int(m.split("(")[1].split("/")[0]) for m in marks)
        rows.append([FIRST[i], LAST[i], f"TH{1000 + i}", f"u{i}@example.org", "Department of Labour Protection",
                     *marks, 4, f"{points} / 8", f"{100 * points / 8:.1f}%"])
    path = write_csv(raw / "Thailand_moodle_attendance_report.csv", rows)
    write_defaults(path, {"dmop": "MDT", "activity": "ETP Labour Inspection"})
    return path


def test_moodle_marks_with_points_count_as_their_status(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    moodle_report(raw)
    report = ingest(raw, store)
    sheet = report.files[0].sheets[0]
    assert (sheet.table, sheet.rows_kept, sheet.warnings) == ("attendance", 48, 2)  # L and E: said, not guessed
    assert people(raw, store) == 12
    assert rows_of(store, "SELECT session_date, count(*) FILTER (WHERE attended) FROM attendance GROUP BY 1 "
                          "ORDER BY 1") == [(dt.date(2021, 3, 10), 12), (dt.date(2021, 3, 17), 8),
                                            (dt.date(2021, 3, 24), 11), (dt.date(2021, 3, 31), 8)]


def test_head_count_and_share_rows_under_a_roster_are_no_people(tmp_path):
    """A roster whose institution is a label above (so a count row would not lack one): the rows of present
    people per session, written as counts, as `%` text and as Excel's percent cells (0.7), are no people."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    days = [dt.datetime(2023, 5, d) for d in (2, 9, 16)]
    rows = [["Curso: Inspección laboral"], ["País: Paraguay"], ["Modelo: Living Lab"], ["Institución: MTESS"], [],
            ["N°", "Nombre y apellido", *days]]
    for i in range(10):
        rows.append([i + 1, f"{FIRST[i]} {LAST[i]}", "P", "P" if i % 4 else "A", "P" if i % 3 else "A"])
    rows += [[None, "Asistentes por sesión", 10, 7, 6], [None, "Porcentaje", "100%", "70%", "60%"],
             [None, "% asistencia", 1, 0.7, 0.6]]
    write_xlsx(raw / "registro_asistencia_mayo.xlsx", {"Mayo": rows})
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.rows_kept, sheet.rows_rejected, sheet.warnings) == (30, 0, 0)
    assert people(raw, store) == 10
    assert rows_of(store, "SELECT session_date, count(*) FILTER (WHERE attended) FROM attendance GROUP BY 1 "
                          "ORDER BY 1") == [(d.date(), n) for d, n in zip(days, (10, 7, 6))]


def test_a_row_of_figures_that_are_not_the_counts_stays_a_person_and_is_warned_about(tmp_path):
    """Hours per session (2, 2, 3) under a person's name are no head counts: the row is kept, its marks warned."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["País: Paraguay"], ["Modelo: Living Lab"], ["Curso: Taller"], ["Institución: MTESS"],
            ["Nombre y apellido", "Sesión 1", "Sesión 2", "Sesión 3"]]
    rows += [[f"{FIRST[i]} {LAST[i]}", "P", "P", "A"] for i in range(5)] + [[f"{FIRST[9]} {LAST[9]}", 2, 2, 3]]
    write_xlsx(raw / "Paraguay_horas.xlsx", {"Hoja1": rows})
    write_defaults(raw / "Paraguay_horas.xlsx", {"fecha": "2023-05-02"})
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.rows_kept, sheet.warnings) == (18, 3)
    assert people(raw, store) == 6


def sign_in_sheet(raw, count_header="Cantidad", title="Instituciones participantes", name=None):
    """A paper sign-in sheet typed into Excel: merged title, `Fecha:` in a sentence cell, pre-numbered rows left
    blank, a `Total participantes` line; beside it a sheet listing the institutions with their head count."""
    rows = [["LISTA DE ASISTENCIA"], ["Taller: Protocolo de inspección de trabajo infantil"],
            ["Fecha: 12 de abril de 2023", None, "Lugar: Asunción"], ["Modelo: Living Lab"], [],
            ["Nº", "Nombre y Apellido", "C.I.", "Institución", "Cargo", "Teléfono", "Firma"]]
    institutions = ["MTESS", "MTESS", "Fiscalía", "Policía Nacional", "MTESS"]
    rows += [[i + 1, f"{FIRST[i]} {LAST[i]}", f"{4_100_000 + 7919 * i:,}".replace(",", "."), institutions[i % 5],
              "Inspector", f"0981 {100000 + i}", None] for i in range(20)]
    rows += [[i + 1] for i in range(20, 30)] + [[], [None, "Total participantes: 20"]]
    listing = [[title], ["Nº", "Institución", count_header], [1, "MTESS", 12], [2, "Fiscalía", 4],
               [3, "Policía Nacional", 4], ["Total", None, 20]]
    return write_xlsx(raw / (name or "Paraguay_lista_asistencia_taller_12-04.xlsx"),
                      {"Asistencia": rows, "Instituciones": listing})


def test_a_sign_in_sheet_and_its_list_of_institutions_are_no_interviews(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    sign_in_sheet(raw)
    report = ingest(raw, store)
    assert [(s.sheet, s.table, s.rows_kept, s.rows_rejected) for s in report.files[0].sheets] == [
        ("Asistencia", "attendance", 20, 0), ("Instituciones", None, 0, 0)]
    assert rows_of(store, "SELECT institution, count(DISTINCT participant_key) FROM attendance GROUP BY 1 "
                          "ORDER BY 1") == [("Fiscalía", 4), ("MTESS", 12), ("Policía Nacional", 4)]
    assert rows_of(store, "SELECT DISTINCT session_date, activity FROM attendance") == [
        (dt.date(2023, 4, 12), "Protocolo de inspección de trabajo infantil")]
    assert rows_of(store, "SELECT count(*) FROM respondents") == [(0,)]  # 20 participants are not 20 interviewees


def test_the_same_counts_of_interviewees_are_respondents(tmp_path):
    """Where the count, its heading or the file says interviews, the same sheet is a count of respondents."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    sign_in_sheet(raw, count_header="# de entrevistados", name="Paraguay_a.xlsx")
    sign_in_sheet(raw, title="Perfil de los informantes clave", name="Paraguay_b.xlsx")
    sign_in_sheet(raw, name="Paraguay entrevistas MTE.xlsx")
    ingest(raw, store)
    assert rows_of(store, "SELECT source_file, sum(n)::INT FROM respondents GROUP BY 1 ORDER BY 1") == [
        ("Paraguay entrevistas MTE.xlsx", 20), ("Paraguay_a.xlsx", 20), ("Paraguay_b.xlsx", 20)]


THAI_FIRST = ["สมชาย", "สมหญิง", "วิไล", "ประเสริฐ", "กมล", "สุดา", "ชัยวัฒน์", "มาลี", "อนันต์", "จันทร์เพ็ญ", "ธีระ", "พรทิพย์"]
THAI_LAST = ["ใจดี", "รักไทย", "สุขสันต์", "มั่นคง", "ศรีสุข", "แก้วมณี", "ทองดี", "บุญมา", "พูลสวัสดิ์", "เจริญผล", "วงศ์ใหญ่",
             "สายทอง"]


def test_a_thai_roster_with_thai_headers_and_buddhist_era_dates(tmp_path):
    """ลำดับ (row number), ชื่อ-นามสกุล, หน่วยงาน (agency), ตำแหน่ง (position), เพศ ชาย/หญิง, วันที่ 15/03/2564,
    ลายมือชื่อ (signature): first said to lack its course and model, then read once they are given."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["รายชื่อผู้เข้าร่วมอบรม หลักสูตรการตรวจแรงงาน"], ["วันที่ 15 มีนาคม 2564 ณ กรุงเทพมหานคร"], [],
            ["ลำดับ", "ชื่อ-นามสกุล", "หน่วยงาน", "ตำแหน่ง", "เพศ", "วันที่", "ลายมือชื่อ"]]
    rows += [[i + 1, f"{THAI_FIRST[i]} {THAI_LAST[i]}", "กรมสวัสดิการและคุ้มครองแรงงาน", "นักวิชาการแรงงาน",
              "หญิง" if i % 2 else "ชาย", "15/03/2564", None] for i in range(12)]
    path = write_xlsx(raw / "Thailand_รายชื่อผู้เข้าอบรม.xlsx", {"Sheet1": rows})
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.table, sheet.rows_kept) == ("attendance", 0)
    assert sorted(p.split(": ", 1)[1].split(" (")[0] for p in sheet.reasons) == ["no column for activity",
                                                                               "no column for dmop"]
    write_defaults(path, {"activity": "การตรวจแรงงาน", "dmop": "MDT"})
    ingest(raw, store)
    assert rows_of(store, "SELECT session_date, gender, count(DISTINCT participant_key) FROM attendance "
                          "GROUP BY ALL ORDER BY 2") == [(dt.date(2021, 3, 15), "Female", 6),
                                                         (dt.date(2021, 3, 15), "Male", 6)]


def hr_roster(raw, statuses, name="Liberia_HR_training_roster.xlsx"):
    """A company's HR training record: employee IDs, a `Status` per employee, a `Total` line."""
    rows = [["ACME Rubber Plantation Ltd - HR Department"], [],
            ["Employee ID", "Employee Name", "Department", "Date", "Training", "Hours", "Status"]]
    rows += [[f"E-{300 + i}", f"{FIRST[i]} {LAST[i]}", "Tapping", dt.datetime(2022, 11, 8),
              "Workers' rights induction", 4, status] for i, status in enumerate(statuses)]
    rows.append(["Total", f"{len(statuses)} employees", None, None, None, 4 * len(statuses), None])
    path = write_xlsx(raw / name, {"Roster": rows})
    write_defaults(path, {"dmop": "Living Lab"})


def test_an_hr_status_column_says_who_came(tmp_path):
    """`No show` is absent, `Completed` present; `Incomplete` is not guessed: not attended, warned about."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    hr_roster(raw, ["Completed", "Completed", "No show", "Completed", "Incomplete", "Completed", "No show",
                    "Completed", "Completed", "Completed"])
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.rows_kept, sheet.warnings) == (10, 1) and '"Incomplete"' in sheet.reasons[0]
    assert rows_of(store, "SELECT count(*) FILTER (WHERE attended), count(*) FILTER (WHERE NOT attended) "
                          "FROM attendance") == [(7, 3)]


def test_a_status_that_is_no_attendance_mark_is_not_read_as_attendance(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    hr_roster(raw, ["Active", "Active", "On leave", "Active", "Probation"])
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.rows_kept, sheet.warnings) == (5, 0)
    assert rows_of(store, "SELECT count(*) FILTER (WHERE attended) FROM attendance") == [(5,)]
