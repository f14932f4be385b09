"""Attendance written by meeting and form tools, read with no mapping (reading/meetings.py): Zoom's participants
report, a Microsoft Teams attendance report, Google Forms responses, and an HR training record.

Each fixture is shaped like the tool's own export (Zoom's summary block and blank line, Teams' three sections in
UTF-16 with tabs, a form's timestamp in the sheet's locale, Google Sheets' helper tabs) and each test asserts
what a person reading the file counts. Names are made up from syllables (test_real_exports).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from atlas_data.reading import dates as D
from atlas_data.reading.headers import match_header
from atlas_data.reading.layout import detect
from atlas_data.reading.meetings import recognize
from atlas_data.reading.normalize import Context, normalize_sheet
from atlas_data.store.ingest import ingest
from atlas_data.store.uploads import fill_in_and_ingest, missing_inputs
from atlas_data.store.views import connect
from filemaker import parquet_text, write_csv, write_defaults, write_xlsx
from test_real_exports import FIRST, LAST, rows_of

TOPIC = "Taller virtual: inspección de trabajo infantil"


def _name(i):
    return f"{FIRST[i]} {LAST[i]}"


def _mail(i):
    return f"{FIRST[i].lower()}.{LAST[i].lower()}@mtess.gov.py"


def zoom_report(raw, name="Paraguay_zoom_participants_81234567890.csv", summary=True, day="11/19/2021"):
    """Reports > Usage > Participants, `Export with meeting data`: the meeting's row, a line of commas, then one
    row per join; `Participants` counts each person once, the host too. The host (whose e-mail the summary gives)
    joins first; people 2 and 5 drop and rejoin (5 twice);
    person 9 joins by phone as a guest, with no e-mail."""
    host = "capacitacion.atlas@mtess.gov.py"
    rows = []
    if summary:
        rows += [["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)",
                  "Participants"],
                 ["812 3456 7890", TOPIC, f"{day} 09:00:12 AM", f"{day} 11:02:45 AM", host, 123, 11],
                 [None] * 7]
    rows.append(["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest",
                 "In Waiting Room"])
    rows.append(["Capacitación ATLAS (Ana Prueba)", host, f"{day} 08:51:02 AM", f"{day} 11:02:45 AM", 132, "No",
                 "No"])
    for i in range(10):
        mail = None if i == 9 else _mail(i)
        rows.append([_name(i), mail, f"{day} 09:0{i}:10 AM", f"{day} 10:1{i}:00 AM", 70, "Yes", "No"])
        if i in (2, 5):
            rows.append([_name(i), mail, f"{day} 10:2{i}:40 AM", f"{day} 11:02:45 AM", 38, "Yes", "No"])
        if i == 5:
            rows.append([_name(i), mail, f"{day} 10:58:00 AM", f"{day} 11:02:45 AM", 5, "Yes", "No"])
    path = write_csv(raw / name, rows)
    values = {"dmop": "Living Lab", "institution": "MTESS"}  # a meeting report names no one's institution
    write_defaults(path, values if summary else {**values, "activity": TOPIC})
    return path


def by_role(store):
    return rows_of(store, "SELECT role, count(DISTINCT participant_key), count(*) FROM attendance GROUP BY 1 "
                          "ORDER BY 1")


def test_zoom_report_one_person_once_the_host_as_trainer_the_topic_as_activity(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    zoom_report(raw)
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.table, sheet.rows_read, sheet.rows_kept, sheet.rows_rejected, sheet.warnings) == (
        "attendance", 14, 11, 0, 1)
    assert "3 rows list a person already counted for the same session" in sheet.reasons[0]
    assert by_role(store) == [("participant", 10, 10), ("trainer", 1, 1)]
    assert rows_of(store, "SELECT DISTINCT country, dmop, activity, session_date, modality FROM attendance") == [
        ("Paraguay", "Living Lab", TOPIC, dt.date(2021, 11, 19), "online")]


def test_zoom_report_without_its_summary_block(tmp_path):
    """No summary: the day comes from Join Time, the activity from the file's values; the host is not known, so
    the host's row counts as a participant (11), as a reader of the bare list would count it."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    zoom_report(raw, summary=False)
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.rows_read, sheet.rows_kept, sheet.warnings) == (14, 11, 1)
    assert by_role(store) == [("participant", 11, 11)]
    assert rows_of(store, "SELECT DISTINCT activity, session_date FROM attendance") == [(TOPIC, dt.date(2021, 11, 19))]


def test_zoom_dates_that_read_both_ways_are_refused_until_the_day_is_given(tmp_path):
    """04/12/2023 is 4 December or 12 April, and nothing in the file says which: no row is guessed."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    path = zoom_report(raw, day="04/12/2023")
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.table, sheet.rows_kept, sheet.rows_rejected) == ("attendance", 0, 14)
    assert sheet.reasons == [f'{path.name}, row 4: Join Time: dates such as "04/12/2023 08:51:02 AM" can be read day '
                             "first or month first, and no date in the file has a day above 12 to tell which, so no "
                             "row was read; download the responses or report as .xlsx (its dates are not ambiguous), "
                             "or, when every row is of one day, give that date for the whole file on the Data page"]
    assert rows_of(store, "SELECT code, column_name, value FROM rejected") == [
        ("date_order_unknown", "Join Time", "04/12/2023 08:51:02 AM")]
    # the Data page offers the day for the whole file, and writes it beside the file
    con = connect(store)
    rejected = con.execute("SELECT * FROM rejected").df()
    con.close()
    assert [(m.source_file, m.columns) for m in missing_inputs(rejected)] == [(path.name, ["session_date"])]
    result = fill_in_and_ingest(raw, store, path.name, {"session_date": "2023-04-12"})
    sheet = result.report.files[0].sheets[0]
    assert (sheet.rows_kept, sheet.rows_rejected) == (11, 0)
    assert rows_of(store, "SELECT DISTINCT session_date FROM attendance") == [(dt.date(2023, 4, 12),)]


def teams_report(raw, name, roles, encoding="utf-16", delimiter="\t", day="3/15/23", stated=None):
    """Teams' attendance report: `1. Summary`, `2. Participants` (one row per person, with a Role), `3. In-Meeting
    Activities` (one row per join; people 1 and 3 joined twice). UTF-16 with tabs as Teams wrote it until 2022."""
    people = range(len(roles))
    rows = [["1. Summary"], ["Meeting title", "Capacitación en protocolo de inspección"],
            ["Attended participants", stated or len(roles)], ["Start time", f"{day}, 9:58:12 AM"],
            ["End time", f"{day}, 12:05:40 PM"], ["Meeting duration", "2h 7m 28s"],
            ["Average attendance time", "1h 51m 3s"], [],
            ["2. Participants"],
            ["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email", "Participant ID (UPN)", "Role"]]
    rows += [[_name(i), f"{day}, 10:0{i % 10}:00 AM", f"{day}, 12:05:40 PM", "2h 3m", _mail(i), _mail(i), role]
             for i, role in zip(people, roles)]
    rows += [[], ["3. In-Meeting Activities"], ["Name", "Join Time", "Leave Time", "Duration", "Email", "Role"]]
    for i, role in zip(people, roles):
        rows.append([_name(i), f"{day}, 10:0{i % 10}:00 AM", f"{day}, 11:00:00 AM", "58m", _mail(i), role])
        if i in (1, 3):
            rows.append([_name(i), f"{day}, 11:10:00 AM", f"{day}, 12:05:40 PM", "55m", _mail(i), role])
    path = write_csv(raw / name, rows, encoding=encoding, delimiter=delimiter)
    write_defaults(path, {"dmop": "Living Lab", "institution": "Fiscalía"})
    return path


def test_teams_report_counts_the_participants_section_once_organizer_and_presenter_as_trainers(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    teams_report(raw, "Paraguay_Attendance report 3-15-23.csv", ["Organizer", "Presenter"] + ["Attendee"] * 7)
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.table, sheet.rows_read, sheet.rows_kept, sheet.rows_rejected, sheet.warnings) == (
        "attendance", 9, 9, 0, 0)
    assert by_role(store) == [("participant", 7, 7), ("trainer", 2, 2)]
    assert rows_of(store, "SELECT DISTINCT activity, session_date, modality FROM attendance") == [
        ("Capacitación en protocolo de inspección", dt.date(2023, 3, 15), "online")]


def test_teams_report_where_everyone_could_present_counts_presenters_as_participants(tmp_path):
    """Teams' default lets everyone present and then lists everyone as a presenter: only the organizer trains.
    The UTF-8 comma report of newer Teams."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    teams_report(raw, "Paraguay_meeting_attendance.csv", ["Organizer"] + ["Presenter"] * 6, encoding="utf-8-sig",
                 delimiter=",", day="4/20/23")
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.rows_kept, sheet.rows_rejected) == (7, 0)
    assert by_role(store) == [("participant", 6, 6), ("trainer", 1, 1)]
    assert rows_of(store, "SELECT DISTINCT session_date FROM attendance") == [(dt.date(2023, 4, 20),)]


def forms_rows(header, stamps, first=0):
    """Form responses: one row per answer; person `first + 1` answers twice on the first day."""
    rows = [header]
    for k, stamp in enumerate(stamps):
        i = first + k
        rows.append([stamp, _mail(i), _name(i), ["MTESS", "Fiscalía", "Policía Nacional"][i % 3],
                     ["Femenino", "Masculino"][i % 2], "Protocolo de inspección"])
    return rows


SPANISH_FORM = ["Marca temporal", "Dirección de correo electrónico", "Nombre y apellido", "Institución", "Sexo",
                "Capacitación"]


def test_google_form_in_spanish_one_person_once_a_day(tmp_path):
    """d/m/yyyy H:mm:ss (a Spanish sheet): 13/4 and 14/4; person 1 sent the form twice on 13/4 and came again
    on 14/4; persons 0–5 on day one, 1 and 6–8 on day two."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    day_one = [f"13/4/2023 9:{m:02d}:1{m % 10}" for m in range(6)] + ["13/4/2023 9:31:02"]
    rows = forms_rows(SPANISH_FORM, day_one)
    rows[-1][1:3] = [_mail(1), _name(1)]
    more = forms_rows(SPANISH_FORM, [f"14/4/2023 8:5{m}:00" for m in range(3)], first=6)[1:]
    again = forms_rows(SPANISH_FORM, ["14/4/2023 9:02:45"], first=1)[1:]
    path = write_csv(raw / "Paraguay_Asistencia taller (respuestas) - Respuestas de formulario 1.csv",
                     rows + more + again)
    write_defaults(path, {"dmop": "Living Lab"})
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.table, sheet.rows_read, sheet.rows_kept, sheet.warnings) == ("attendance", 11, 10, 1)
    assert rows_of(store, "SELECT session_date, count(DISTINCT participant_key), count(*) FROM attendance "
                          "GROUP BY 1 ORDER BY 1") == [(dt.date(2023, 4, 13), 6, 6), (dt.date(2023, 4, 14), 4, 4)]
    assert rows_of(store, "SELECT count(DISTINCT participant_key) FROM attendance") == [(9,)]
    assert rows_of(store, "SELECT gender, count(DISTINCT participant_key) FROM attendance GROUP BY 1 ORDER BY 1") == [
        ("Female", 5), ("Male", 4)]


def test_google_form_in_english_reads_month_first(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    header = ["Timestamp", "Email address", "Full name", "Agency", "Gender", "Training"]
    stamps = ["4/13/2023 9:01:22", "4/13/2023 9:03:40", "4/13/2023 9:07:05", "5/2/2023 14:00:09"]
    path = write_csv(raw / "Liberia sign-in (Responses).csv", forms_rows(header, stamps))
    write_defaults(path, {"dmop": "Labor inspection"})
    assert ingest(raw, store).files[0].sheets[0].rows_kept == 4
    assert rows_of(store, "SELECT session_date, count(*) FROM attendance GROUP BY 1 ORDER BY 1") == [
        (dt.date(2023, 4, 13), 3), (dt.date(2023, 5, 2), 1)]


@pytest.mark.parametrize("stamps, code, said", [
    (["4/5/2023 9:01:22", "4/5/2023 9:03:40", "4/6/2023 9:00:00"], "date_order_unknown",
     'Marca temporal: dates such as "4/5/2023 9:01:22" can be read day first or month first'),
    (["13/4/2023 9:01:22", "4/14/2023 9:03:40"], "date_order_mixed",
     'Marca temporal: some dates are day first ("13/4/2023 9:01:22") and others month first ("4/14/2023 9:03:40")'),
])
def test_a_form_whose_day_and_month_order_is_not_known_is_refused(tmp_path, stamps, code, said):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    path = write_csv(raw / "Paraguay_respuestas.csv", forms_rows(SPANISH_FORM, stamps))
    write_defaults(path, {"dmop": "Living Lab"})
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.rows_kept, sheet.rows_rejected) == (0, len(stamps))
    assert said in sheet.reasons[0]
    assert rows_of(store, "SELECT code, column_name, severity FROM rejected") == [(code, "Marca temporal", "error")]
    assert rows_of(store, "SELECT count(*) FROM attendance") == [(0,)]


THAI_FORM = ["ประทับเวลา", "ที่อยู่อีเมล", "ชื่อ-นามสกุล", "หน่วยงาน", "เพศ", "หลักสูตร"]


def test_google_sheets_workbook_in_thai_with_its_helper_sheets(tmp_path):
    """Downloaded as .xlsx, the timestamps are real dates; beside the responses, a sheet of the institutions
    for the form's drop-down and a pivot of head counts per institution, which are no data."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    responses = [THAI_FORM] + [[dt.datetime(2024, 3, 5, 9, i), _mail(i), _name(i), "กรมสวัสดิการและคุ้มครองแรงงาน",
                                "หญิง" if i % 2 else "ชาย", "การตรวจแรงงานประมง"] for i in range(8)]
    responses.append([dt.datetime(2024, 3, 5, 11, 40), _mail(3), _name(3), "กรมสวัสดิการและคุ้มครองแรงงาน", "หญิง",
                      "การตรวจแรงงานประมง"])
    path = write_xlsx(raw / "Thailand_แบบลงทะเบียน (การตอบกลับ).xlsx", {
        "การตอบกลับแบบฟอร์ม 1": responses,
        "Listas": [["หน่วยงาน"], ["กรมสวัสดิการและคุ้มครองแรงงาน"], ["กรมการจัดหางาน"]],
        "Resumen": [["หน่วยงาน", "Cantidad"], ["กรมสวัสดิการและคุ้มครองแรงงาน", 8], ["Total", 8]]})
    write_defaults(path, {"dmop": "MDT"})
    sheets = ingest(raw, store).files[0].sheets
    assert [(s.table, s.rows_kept, s.warnings) for s in sheets] == [("attendance", 8, 1), (None, 0, 0),
                                                                     (None, 0, 0)]
    assert rows_of(store, "SELECT session_date, gender, count(DISTINCT participant_key) FROM attendance "
                          "GROUP BY ALL ORDER BY 2") == [(dt.date(2024, 3, 5), "Female", 4),
                                                         (dt.date(2024, 3, 5), "Male", 4)]
    assert rows_of(store, "SELECT count(*) FROM respondents") == [(0,)]


def test_hr_training_record_with_training_title_headers(tmp_path):
    """An HRIS export: employee number, position, `Training Title`, provider, `Training Date`, hours, venue,
    remarks, and a total line. Two trainings; employee 3 took both."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["Firestone Liberia - Human Resources"], ["Training Records FY2022"], [],
            ["Employee No.", "Employee Name", "Position", "Department", "Training Title", "Training Provider",
             "Training Date", "No. of Hours", "Venue", "Remarks"]]
    first = [[f"FL-{1040 + i}", _name(i), "Supervisor", "Tapping", "Child labour awareness", "MoL", "14/06/2022", 4,
              "Harbel", "Completed"] for i in range(6)]
    second = [[f"FL-{1040 + i}", _name(i), "Field officer", "Security", "Workers' rights induction", "ATLAS",
               "22/07/2022", 8, "Harbel", None] for i in (3, 6, 7, 8)]
    path = write_xlsx(raw / "Liberia_HR_training_records_2022.xlsx",
                      {"Records": rows + first + second + [["Total", None, None, None, None, None, None, 56]]})
    write_defaults(path, {"dmop": "Living Lab"})
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.table, sheet.rows_kept, sheet.rows_rejected, sheet.warnings) == ("attendance", 10, 0, 0)
    assert rows_of(store, "SELECT activity, session_date, institution, count(DISTINCT participant_key) "
                          "FROM attendance GROUP BY ALL ORDER BY 2") == [
        ("Child labour awareness", dt.date(2022, 6, 14), "Tapping", 6),
        ("Workers' rights induction", dt.date(2022, 7, 22), "Security", 4)]
    assert rows_of(store, "SELECT count(DISTINCT participant_key) FROM attendance") == [(9,)]


@pytest.mark.parametrize("header, column", [
    ("Training Title", "activity"), ("Training Topic", "activity"), ("Training Date", "session_date"),
    ("Date Attended", "session_date"), ("Completion Date", "session_date"), ("Employee No.", "participant_id"),
    ("Emp. No", "participant_id"), ("Dept.", "institution"), ("Job Title", None), ("Position", None),
    ("Training Provider", None), ("Timestamp", "session_date"), ("Marca temporal", "session_date"),
    ("ที่อยู่อีเมล", "email"),
])
def test_hr_and_form_headers_a_person_reads_at_once(header, column):
    assert match_header("attendance", header) == column


def test_no_name_or_email_of_these_exports_reaches_the_store(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "pq"
    zoom_report(raw)
    zoom_report(raw, name="Paraguay_zoom_abril.csv", day="04/12/2023")  # refused: its rejected rows too
    teams_report(raw, "Paraguay_Attendance report.csv", ["Organizer"] + ["Attendee"] * 5)
    write_defaults(write_csv(raw / "Paraguay_respuestas.csv", forms_rows(SPANISH_FORM, ["13/4/2023 9:01:22"])),
                   {"dmop": "Living Lab"})
    report = ingest(raw, store)
    text = parquet_text(store) + "\n".join(r for f in report.files for s in f.sheets for r in s.reasons)
    for i in range(10):
        assert LAST[i] not in text and _mail(i) not in text
    assert "capacitacion.atlas" not in text and "Ana Prueba" not in text


# ------------------------------------------------------------------ the day/month order of a column of dates

_DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31))


def _written(day: dt.date, order: str, time: str) -> str:
    a, b = (day.day, day.month) if order == D.DAY_FIRST else (day.month, day.day)
    return f"{a}/{b}/{day.year}{time}"


@settings(max_examples=200, deadline=None)
@given(st.lists(_DAYS, min_size=1, max_size=12), st.sampled_from([D.DAY_FIRST, D.MONTH_FIRST]),
       st.sampled_from(["", " 9:15:32", ", 9:58:12 AM", " 14:00"]), st.data())
def test_a_column_written_in_one_order_reads_back_its_days_or_is_refused(days, order, time, data):
    """Whatever the days, the order is found when one day is above 12, every date then reads back as written;
    when none is, the column is `unknown` (never guessed) unless every date reads the same both ways."""
    texts = [_written(d, order, time) for d in days]
    found, _ = D.date_order(texts)
    if any(d.day > 12 for d in days):
        assert found == order
        assert [D.iso_day(t, found) for t in texts] == [d.isoformat() for d in days]
    elif all(d.day == d.month for d in days):
        assert found is None
    else:
        assert found == D.ORDER_UNKNOWN


@settings(max_examples=100, deadline=None)
@given(st.lists(_DAYS.filter(lambda d: d.day > 12), min_size=1, max_size=5),
       st.lists(_DAYS.filter(lambda d: d.day > 12), min_size=1, max_size=5))
def test_a_column_written_in_both_orders_is_mixed(day_first, month_first):
    texts = [_written(d, D.DAY_FIRST, "") for d in day_first] + [_written(d, D.MONTH_FIRST, "") for d in month_first]
    assert D.date_order(texts)[0] == D.ORDER_MIXED


# ------------------------------------------------------------------ any Zoom report, as a person counts it

@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=8), _DAYS, st.sampled_from([D.DAY_FIRST, D.MONTH_FIRST]),
       st.booleans(), st.randoms(use_true_random=False))
def test_any_zoom_report_gives_each_person_once_on_its_day_or_is_refused(rejoins, day, order, summary, rnd):
    """People who rejoin any number of times, rows in any order, the day written in the account's order: each
    person is one row on that day (the host a trainer), or no row at all when the day reads two ways."""
    grid_rows = []
    if summary:
        grid_rows += [["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)",
                       "Participants"], ["81234567890", TOPIC, _written(day, order, " 09:00:00 AM"),
                                         _written(day, order, " 11:00:00 AM"), _mail(99), "120",
                                         str(1 + len(rejoins))], [None] * 7]
    people = [(_name(99), _mail(99))] + [(_name(i), _mail(i)) for i in range(len(rejoins))]
    joins = [person for person, extra in zip(people, [0] + rejoins) for _ in range(1 + extra)]
    rnd.shuffle(joins)
    header = ["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"]
    grid_rows += [header] + [[name, mail, _written(day, order, f" 09:{k % 60:02d}:00 AM"),
                              _written(day, order, " 11:00:00 AM"), "30", "No"] for k, (name, mail) in enumerate(joins)]
    grid = pd.DataFrame(grid_rows, dtype=object)
    given_values = {"dmop": "Living Lab", "institution": "MTESS", "activity": TOPIC}
    export = recognize(grid, given_values)
    assert export is not None and export.kind == "zoom"
    layout = detect(export.grid, forced_table="attendance", overrides=export.overrides)
    export.apply(layout)
    ctx = Context(source_file="Paraguay_zoom.csv", file_name="Paraguay_zoom.csv", defaults=given_values)
    result = normalize_sheet(export.grid, layout, ctx, "")
    if day.day <= 12 and day.day != day.month:
        assert result.rows_kept == 0 and [p["code"] for p in result.problems] == ["date_order_unknown"]
        return
    frame = result.frames["attendance"]
    assert len(frame) == len(people) and frame["participant_key"].nunique() == len(people)
    assert [p["code"] for p in result.problems] == (["repeat_attendees"] if sum(rejoins) else [])
    assert set(frame["session_date"]) == {day}
    assert sorted(frame["role"].value_counts().items()) == (
        [("participant", len(people) - 1), ("trainer", 1)] if summary else [("participant", len(people))])


def test_teams_2020_list_of_joins_and_leaves_gives_each_person_once(tmp_path):
    """The first Teams attendance list: `Full Name`, `User Action` (Joined, Left, Joined before), `Timestamp`, one
    row per click, in UTF-16 with tabs. 5 people, 13 rows; the day read month first (3/15/2021)."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["Full Name", "User Action", "Timestamp"]]
    for i in range(5):
        rows += [[_name(i), "Joined", f"3/15/2021, 10:0{i}:05 AM"], [_name(i), "Left", "3/15/2021, 11:58:40 AM"]]
    rows += [[_name(2), "Joined", "3/15/2021, 11:02:00 AM"], [_name(2), "Left", "3/15/2021, 11:40:00 AM"],
             [_name(4), "Joined before", "3/15/2021, 9:58:00 AM"]]
    path = write_csv(raw / "Paraguay_meetingAttendanceList.csv", rows, encoding="utf-16", delimiter="\t")
    write_defaults(path, {"dmop": "Living Lab", "institution": "MTESS", "activity": TOPIC})
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.table, sheet.rows_read, sheet.rows_kept, sheet.warnings) == ("attendance", 13, 5, 1)
    assert rows_of(store, "SELECT session_date, role, count(DISTINCT participant_key) FROM attendance "
                          "GROUP BY ALL") == [(dt.date(2021, 3, 15), "participant", 5)]


def test_zoom_report_of_unique_users_takes_the_meetings_day(tmp_path):
    """`Show unique users` ticked: one row per person with `Total Duration (Minutes)`, no join times; the day is
    the summary's Start Time (19/11/2021: day first, as the account writes it)."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants"],
            ["812 3456 7890", TOPIC, "19/11/2021 09:00:12", "19/11/2021 11:02:45", _mail(0), 123, 6], [None] * 7,
            ["Name (Original Name)", "User Email", "Total Duration (Minutes)", "Guest"]]
    rows += [[_name(i), _mail(i), 100 + i, "No" if i == 0 else "Yes"] for i in range(6)]
    path = write_csv(raw / "Paraguay_participants_81234567890.csv", rows)
    write_defaults(path, {"dmop": "Living Lab", "institution": "MTESS"})
    assert ingest(raw, store).files[0].sheets[0].rows_kept == 6
    assert by_role(store) == [("participant", 5, 5), ("trainer", 1, 1)]
    assert rows_of(store, "SELECT DISTINCT session_date, activity FROM attendance") == [(dt.date(2021, 11, 19), TOPIC)]


def test_a_report_listing_fewer_people_than_its_summary_says_is_warned_about(tmp_path):
    """Teams says 12 attended, the Participants section lists 9 (a list cut short in a copy): the 9 are counted,
    and the difference is said."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    path = teams_report(raw, "Paraguay_Attendance report.csv", ["Organizer"] + ["Attendee"] * 8, stated=12)
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.rows_kept, sheet.warnings) == (9, 1)
    assert sheet.reasons == [f"{path.name}: the report's summary says 12 people attended, and 9 are listed and "
                             "read; the 9 listed are counted"]


def test_a_form_that_reads_no_date_is_not_refused_for_its_timestamps(tmp_path):
    """An interview coding form (one column of answers per question): its timestamps, which no column of the
    table keeps, read two ways without harm."""
    raw, store = tmp_path / "raw", tmp_path / "pq"
    rows = [["Marca temporal", "Código", "Institución", "¿Conoce el protocolo?", "¿Lo aplica?"]]
    rows += [[f"4/5/2023 9:0{i}:00", f"WI_00{i}", "MTESS", ["Sí", "No"][i % 2], "Parcialmente"] for i in range(4)]
    write_csv(raw / "Paraguay_entrevistas (respuestas).csv", rows)
    sheet = ingest(raw, store).files[0].sheets[0]
    assert (sheet.table, sheet.rows_kept, sheet.rows_rejected) == ("kii_answers", 8, 0)
