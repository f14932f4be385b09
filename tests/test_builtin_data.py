"""The built-in dataset (data/raw) says what the midterm evaluation says.

`data/raw` is ingested afresh by the ordinary ingest, then the report's figures are read back through
the views: both DMOP tables step by step, the key-informant profiles, every KII tally row the report
prints, each event head count, and the police ToT's 20 started / 12 completed. The only rows in
`rejected` are the two warnings where the report disagrees with itself.

Figures cite ATLAS Interim (Midterm) Evaluation, Feb 2022 (MTE) by section. Rosters, test scores and
targets are illustrative (scripts/make_builtin_data.py); only their totals are the report's.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

import atlas_data
from support.rulesql import with_participation

ROOT = Path(__file__).parents[1]
RAW = ROOT / "data" / "raw"
SCRIPT = ROOT / "scripts" / "make_builtin_data.py"
D = dt.date

PY_PROFILE = "paraguay/Tabulación entrevistas MTE Paraguay 2021.xlsx"
TH_EVENTS = "thailand/Thailand ATLAS workshops and trainings 2020-2021.xlsx"
TH_CONSULTATION = "ATLAS Thailand Project's Stakeholder Consultation Workshop on DMOP"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    out = tmp_path_factory.mktemp("builtin_parquet")
    secret = tmp_path_factory.mktemp("builtin_secret") / "pseudonym.key"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATLAS_SECRET_FILE", str(secret))
        atlas_data.ingest(RAW, out)
    connection = atlas_data.connect(out)
    yield connection
    connection.close()


def rows(con, sql: str, *params) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def one(con, sql: str, *params):
    result = rows(con, sql, *params)
    assert len(result) == 1 and len(result[0]) == 1, result
    return result[0][0]


# ------------------------------------------------------------------ rejected

def test_no_row_of_the_builtin_data_is_rejected_as_an_error(con):
    errors = rows(con, "SELECT source_file, source_sheet, source_row, reason FROM rejected WHERE severity = 'error'")
    assert errors == []


def test_warnings_only_where_the_report_disagrees_with_itself(con):
    warnings = rows(con, "SELECT table_name, source_file, value FROM rejected WHERE severity = 'warning' "
                         "ORDER BY table_name")
    # 22 Sep 2020: "36 senior officials", per-agency counts add up to 37 (MTE 6.4.1);
    # Paraguay key informants: the table's rows add up to 35, the text says thirty-six (MTE 5.4.2).
    assert [(t, f) for t, f, _ in warnings] == [("events", TH_EVENTS), ("respondents", PY_PROFILE)]
    assert {v for _, _, v in warnings} == {"36"}


# ------------------------------------------------------------------ DMOP status

PY_DMOPS = {  # MTE 5.2
    "Enforcement Training Program": ("enforcement", 2, 7, "7/8", "They have evaluated the training"),
    "Living Lab": ("enforcement", 2, 5, "5/6", "The pilot phase is ending"),
    "Moot Court": ("enforcement", 2, 4, "4", "The ATLAS Project has yet to establish working groups"),
    "Multi-Agency Unified Enforcement Procedures": ("coordination", 3, 5, "5", "The pilot is approaching the final stage"),
    "Inter-Platforms Coordination Mechanism": ("coordination", 3, 6, "6", "Pilot stage ended"),
    "Community Referrals": ("coordination", 3, 5, "5", "Pilot stage, with important communication material"),
}
TH_DMOPS = {  # MTE 6.4.1
    "Enforcement Training Program": ("enforcement", 2, 7, "7/8", "The pilot phase of ETP completed"),
    "Practitioner’s Guide on Investigation of Forced Labor": ("enforcement", 2, 4, "4", "The practitioner guide design"),
    "Practitioner’s Guide on Coordination": ("coordination", 3, 7, "7", "The practitioner’s Guide on Coordination completed"),
    "Multidisciplinary Teams Training": ("coordination", 3, 7, "7", "Multidisciplinary Teams Training completed"),
    "Community Referrals": ("coordination", 3, 4, "4", "The Community Referrals DMOP is at the design"),
}


def current(con, country: str) -> dict:
    return {dmop: (kind, outcome, step, label, note) for dmop, kind, outcome, step, label, note in rows(
        con, "SELECT dmop, dmop_type, outcome, step, step_label, status_note FROM dmop_current WHERE country = ?",
        country)}


def test_paraguay_six_dmops_etp_at_step_7_of_8(con):
    got = current(con, "Paraguay")
    assert set(got) == set(PY_DMOPS)
    for dmop, (kind, outcome, step, label, start) in PY_DMOPS.items():
        assert got[dmop][:4] == (kind, outcome, step, label), dmop
        assert got[dmop][4].startswith(start), (dmop, got[dmop][4])
    assert one(con, "SELECT DISTINCT as_of FROM dmop_current WHERE country = 'Paraguay'") == D(2021, 10, 1)


def test_thailand_five_dmops_etp_at_step_7_of_8(con):
    got = current(con, "Thailand")
    assert set(got) == set(TH_DMOPS)
    for dmop, (kind, outcome, step, label, start) in TH_DMOPS.items():
        assert got[dmop][:4] == (kind, outcome, step, label), dmop
        assert got[dmop][4].startswith(start), (dmop, got[dmop][4])
    # The report's table has no date ("to date"); the built-in data does not invent one.
    assert one(con, "SELECT count(*) FROM dmop_current WHERE country = 'Thailand' AND as_of IS NOT NULL") == 0


def test_paraguay_five_dmops_validated_q3_2020_enforcement_living_labs_is_living_lab(con):
    history = rows(con, "SELECT dmop, step FROM dmop_status WHERE country = 'Paraguay' AND as_of = ? ORDER BY dmop",
                   D(2020, 9, 1))
    assert history == sorted((d, 3) for d in PY_DMOPS if d != "Moot Court")
    for table in ("dmop_status", "dmop_current", "dmop_milestones", "events"):
        assert one(con, f"SELECT count(*) FROM {table} WHERE dmop IN ('Enforcement Living Labs', 'Todos los DMOP')") == 0


def test_expansion_to_liberia_argentina_bolivia(con):
    got = rows(con, "SELECT country, dmop_type, as_of FROM dmop_current "
                    "WHERE country IN ('Liberia', 'Argentina', 'Bolivia') ORDER BY country, dmop_type")
    assert got == [("Argentina", "coordination", D(2022, 2, 1)), ("Argentina", "enforcement", D(2022, 2, 1)),
                   ("Bolivia", "enforcement", D(2020, 9, 1)), ("Liberia", "enforcement", D(2022, 2, 1))]
    assert one(con, "SELECT count(*) FROM dmop_current WHERE country IN ('Liberia', 'Argentina', 'Bolivia') "
                    "AND step IS NOT NULL") == 0


# ------------------------------------------------------------------ milestones

@pytest.mark.parametrize("country, dmop, step, planned, actual", [
    ("Paraguay", "Enforcement Training Program", 3, None, D(2020, 9, 7)),    # last validation meeting, MRREE
    ("Paraguay", "Enforcement Training Program", 5, None, D(2020, 11, 4)),   # General Symposium
    ("Paraguay", "Enforcement Training Program", 6, None, D(2021, 7, 16)),   # MTESS and PN evaluations
    ("Paraguay", "Living Lab", 5, None, D(2021, 5, 1)),                       # 42 interviews, May-June 2021
    ("Thailand", "Enforcement Training Program", 2, D(2020, 1, 1), D(2020, 9, 10)),  # PSA approved, 8 months late
    ("Thailand", "Community Referrals", 3, D(2020, 4, 1), D(2020, 9, 22)),   # consultation workshop
    ("Thailand", "Enforcement Training Program", 5, None, D(2020, 12, 15)),  # ETP pilot
    ("Thailand", "Enforcement Training Program", 8, None, D(2021, 3, 24)),   # 3-day ETP
    ("Thailand", "Multidisciplinary Teams Training", 5, None, D(2021, 6, 15)),  # MDT pilot
])
def test_dmop_milestones_dated_as_in_the_report(con, country, dmop, step, planned, actual):
    assert rows(con, "SELECT planned_date, actual_date FROM dmop_milestones WHERE country = ? AND dmop = ? AND step = ?",
                country, dmop, step) == [(planned, actual)]


# ------------------------------------------------------------------ key informants

def test_paraguay_key_informants_35_in_the_table_36_in_the_text(con):
    by_group = dict(rows(con, "SELECT stakeholder_group, sum(n) FROM respondents WHERE country = 'Paraguay' GROUP BY 1"))
    assert by_group == {"Government Stakeholders": 30,
                        "ATLAS Project Team and Civil Society Organizations Stakeholders": 5}
    assert one(con, "SELECT count(*) FROM respondents WHERE country = 'Paraguay'") == 22
    assert one(con, "SELECT sum(n) FROM respondents WHERE country = 'Paraguay' AND stakeholder_type = 'project staff'") == 4
    assert rows(con, "SELECT organization, sum(n) FROM respondents WHERE country = 'Paraguay' "
                     "AND organization = 'Supreme Court of Justice' GROUP BY 1") == [("Supreme Court of Justice", 8)]
    types = dict(rows(con, "SELECT answer, n FROM kii_tally WHERE country = 'Paraguay' "
                           "AND question = 'Key informants by stakeholder type'"))
    assert types == {"Project staff": 4, "Decision-makers": 10, "Participants": 22}  # thirty-six


def test_thailand_key_informants_39_12_male_27_female(con):
    by_group = dict(rows(con, "SELECT stakeholder_group, sum(n) FROM respondents WHERE country = 'Thailand' GROUP BY 1"))
    assert by_group == {"Government Stakeholders": 32, "ATLAS Project Team and Civil Society": 7}
    assert rows(con, "SELECT n FROM respondents WHERE country = 'Thailand' "
                     "AND institution = 'Department of Labour Protection and Welfare'") == [(11,)]
    gender = dict(rows(con, "SELECT answer, n FROM kii_tally WHERE country = 'Thailand' "
                            "AND question = 'Key informants by gender'"))
    assert gender == {"Male": 12, "Female": 27}
    types = dict(rows(con, "SELECT answer, n FROM kii_tally WHERE country = 'Thailand' "
                           "AND question = 'Key informants by stakeholder type'"))
    assert types == {"General government stakeholders": 27, "Government decision-makers": 5,
                     "ATLAS project staff (HQ and Thailand office)": 5, "CSO staff": 2}


def test_thailand_workshop_attendance_of_key_informants_33(con):
    got = rows(con, "SELECT answer, n, note FROM kii_tally WHERE country = 'Thailand' "
                    "AND question = 'Workshop attendance of key informants'")
    assert sum(n for _, n, _ in got) == 33
    counts = {a: n for a, n, _ in got}
    assert counts["The Enforcement Training Program 3-day training"] == 8
    assert counts["The Enforcement Training Program, Ministry of Labour, 3-day training"] == 7
    assert counts["The Enforcement Training Program 2-day training"] == 6
    assert counts["The Multi-Disciplinary Teams 2-day online training"] == 5
    assert sorted(counts.values()) == [1, 1, 2, 3, 5, 6, 7, 8]
    assert any("March 21, 202, 3-day" in note for _, _, note in got)  # the table's typo, kept


# ------------------------------------------------------------------ KII tallies

PY_TALLIES = [  # MTE 5.5.1 and 5.5.4, every cell the report prints
    ("Are you familiar with the ATLAS Project?", {"Yes": 27, "No": 0, "Partially": 1}),
    ("Does the interviewee mention the objectives when invited to so?", {"Yes": 1, "No": 18, "Partially": 9}),
    ("Have you participated in one of the Project activities?", {"Yes": 28, "No": 0}),
    ("Does the interviewee correctly identify the activity?", {"Yes": 5, "No": 4, "Partially": 19}),
    ("Do you recall the presentation of the PSA at the start of the project?", {"Yes": 6, "No": 22, "Partially": 0}),
    ("Do you recall having referred to the Body of Knowledge?", {"Yes": 2, "No": 22, "Partially": 4}),
    ("Are the project objectives well aligned with government priorities", {"Yes": 23, "No": 0, "Partially": 2}),
]


@pytest.mark.parametrize("question, expected", PY_TALLIES, ids=[q[:40] for q, _ in PY_TALLIES])
def test_paraguay_kii_yes_no_partially(con, question, expected):
    got = dict(rows(con, "SELECT answer, n FROM kii_tally WHERE country = 'Paraguay' AND question = ? "
                         "AND unit = 'respondents'", question))
    assert got == expected


def test_paraguay_kii_most_questions_total_28_objectives_aligned_25(con):
    totals = dict(rows(con, "SELECT question, sum(n) FROM kii_tally WHERE country = 'Paraguay' AND answer IN "
                            "('Yes', 'No', 'Partially') GROUP BY 1"))
    assert {q: totals[q] for q, _ in PY_TALLIES} == {q: sum(e.values()) for q, e in PY_TALLIES}
    assert totals["Are the project objectives well aligned with government priorities"] == 25
    assert sum(1 for q, _ in PY_TALLIES if totals[q] == 28) == 6


PY_ETP_MATRIX = {  # MTE 5.5.3: comments, not people
    "Organization": {"Only positive": 9},
    "Contents": {"Only positive": 11, "Positive and negative": 1},
    "Instructors": {"Only positive": 8},
    "Methodologies": {"Only positive": 5, "Positive and negative": 2},
    "Participation": {"Only positive": 6, "Positive and negative": 3},
    "Scheduling": {"Only positive": 1, "Only negative": 1, "Positive and negative": 1},
}


def test_paraguay_etp_assessment_matrix_counts_comments(con):
    got: dict = {}
    for question, answer, n in rows(con, "SELECT question, answer, n FROM kii_tally WHERE country = 'Paraguay' "
                                         "AND unit = 'comments'"):
        if n:  # a blank cell of the report may be stored as no row or as 0
            got.setdefault(question, {})[answer] = n
    assert got == PY_ETP_MATRIX


def test_paraguay_etp_matrix_keeps_the_evaluators_observations(con):
    notes = dict(rows(con, "SELECT question, any_value(note) FROM kii_tally WHERE country = 'Paraguay' "
                           "AND unit = 'comments' GROUP BY 1"))
    assert notes["Contents"].startswith("Some interviewees would have liked more on the issue of the criminal offenses")
    assert "pros and cons of online platforms" in notes["Methodologies"]
    participation = notes["Participation"]
    for item in ("Alumni complained about lack of commitment of their peers.",
                 "more follow up activity with on-the-job training",
                 "more debate about the issues",
                 "more participation from the Education sector and Foreign Affairs."):
        assert item in participation
    assert "<" not in participation
    assert notes["Organization"] is None


TH_PROSE = [  # MTE 6.5: (question, answer, n)
    ("Knew about Winrock or the ATLAS project before taking part in the workshops", "Yes", 8),
    ("Familiar with the project's goals and/or objectives", "Yes", 27),
    ("Familiar with the project's goals and/or objectives", "No", 9),
    ("Involved since the design, planning and preparation of the project activities", "Yes", 2),
    ("Workshops had content they did not previously know", "No", 2),
    ("Liked investigation and interview techniques for adults and children the most", "Yes", 11),
    ("HT training documents used as reference or knowledge management resources in their organization", "Yes", 3),
    ("Have applied the training topics in their work", "No", 4),
    ("Had seen the BOK or PSA, or reviewed part of the PSA", "Yes", 3),
    ("BOK and PSA results were presented during a workshop they attended", "Yes", 1),
    ("Project documents were made available for download", "Yes", 10),
    ("Project activities increased their interactions with counterparts in other offices on HT", "Yes", 6),
    ("Project strategy, interventions and activities met the expectations of government stakeholders", "Yes", 15),
    ("Learnings from the workshop can be used in their work on CL, FL and HT", "Yes", 15),
    ("Project strategy and interventions allowed sufficient flexibility to respond to the local context", "Yes", 16),
    ("Agencies had already established coordination among themselves, even without the project", "Yes", 3),
    ("Training topics on human trafficking could be applied in foreign countries", "Yes", 13),
]


def test_thailand_kii_counts_from_the_prose(con):
    got = rows(con, "SELECT question, answer, n FROM kii_tally WHERE country = 'Thailand' AND question NOT LIKE "
                    "'Key informants by %' AND question <> 'Workshop attendance of key informants'")
    assert sorted(got) == sorted(TH_PROSE)


def test_thailand_8_of_39_knew_the_project_11_liked_interview_techniques_15_expectations_met(con):
    def n(question_start: str) -> int:
        return one(con, "SELECT n FROM kii_tally WHERE country = 'Thailand' AND starts_with(question, ?)", question_start)
    assert n("Knew about Winrock or the ATLAS project") == 8
    assert n("Liked investigation and interview techniques") == 11
    assert n("Project strategy, interventions and activities met the expectations") == 15
    assert one(con, "SELECT criterion FROM kii_tally WHERE country = 'Thailand' AND starts_with(question, "
                    "'Project strategy and interventions allowed')") == "Relevance"


# ------------------------------------------------------------------ events

EVENTS = [  # (country, dmop, start, end, participants, modality)
    ("Thailand", "All DMOPs", D(2020, 9, 22), None, 36, "in-person"),           # consultation workshop
    ("Thailand", "Enforcement Training Program", D(2020, 12, 15), D(2020, 12, 16), 42, None),  # ETP pilot
    ("Thailand", "Enforcement Training Program", D(2021, 3, 24), D(2021, 3, 26), 55, None),    # 3-day ETP
    ("Thailand", "Multidisciplinary Teams Training", D(2021, 6, 15), D(2021, 6, 16), 46, "online"),  # MDT pilot
    ("Thailand", "All DMOPs", D(2021, 10, 18), None, 5, "online"),              # MTE validation meeting
    ("Paraguay", "All DMOPs", D(2019, 11, 1), None, 26, None),                  # PSA validation workshop
    ("Paraguay", "Living Lab", D(2021, 7, 28), None, 18, "in-person"),
    ("Paraguay", "Living Lab", D(2021, 9, 2), None, 14, "online"),
]


@pytest.mark.parametrize("country, dmop, start, end, participants, modality", EVENTS,
                         ids=[f"{e[0]}-{e[2]}-{e[4]}" for e in EVENTS])
def test_event_head_counts(con, country, dmop, start, end, participants, modality):
    got = rows(con, "SELECT dmop, end_date, participants, modality FROM events WHERE country = ? AND start_date = ? "
                    "AND NOT is_breakdown", country, start)
    assert got == [(dmop, end, participants, modality)]


def test_thailand_consultation_22_sep_2020_36_officials_agencies_add_up_to_37(con):
    agencies = dict(rows(con, "SELECT institution, participants FROM events WHERE country = 'Thailand' "
                              "AND start_date = ? AND is_breakdown", D(2020, 9, 22)))
    assert sum(agencies.values()) == 37
    assert agencies["Ministry of Labour (MOL)"] == 10
    assert agencies["Immigration Bureau (IB)"] == 6
    assert agencies["Office of the Attorney General (OAG)"] == 5
    assert sorted(agencies.values()) == [2, 2, 3, 3, 3, 3, 5, 6, 10]
    assert one(con, "SELECT DISTINCT activity FROM events WHERE start_date = ?", D(2020, 9, 22)) == TH_CONSULTATION


def test_paraguay_psa_validation_nov_2019_26_participants_13_institutions(con):
    assert rows(con, "SELECT participants, institutions, date_precision FROM events WHERE country = 'Paraguay' "
                     "AND start_date = ?", D(2019, 11, 1)) == [(26, 13, "month")]


# ------------------------------------------------------------------ police ToT (illustrative roster)

def test_police_tot_20_started_12_completed(con):
    status = dict(rows(with_participation(con), "SELECT status, count(*) FROM participation WHERE country = 'Paraguay' "
                            "AND activity LIKE 'ToT para la Policía%' GROUP BY 1"))
    assert status == {"completed": 12, "dropped_out": 8}
    assert one(with_participation(con), "SELECT DISTINCT sessions_total FROM participation WHERE activity LIKE 'ToT para la Policía%'") == 4


def test_police_tot_sessions_10_apr_12_may_31_may_9_jun_2021(con):
    dates = [d for (d,) in rows(con, "SELECT DISTINCT session_date FROM attendance "
                                     "WHERE activity LIKE 'ToT para la Policía%' ORDER BY 1")]
    assert dates == [D(2021, 4, 10), D(2021, 5, 12), D(2021, 5, 31), D(2021, 6, 9)]
    first = one(con, "SELECT count(DISTINCT participant_key) FROM attendance WHERE activity LIKE 'ToT para la Policía%' "
                     "AND session_date = ? AND attended", D(2021, 4, 10))
    assert first == 20


def test_police_tot_pre_test_for_20_post_test_for_the_12_who_finished(con):
    tests = dict(rows(con, "SELECT test_type, count(DISTINCT participant_key) FROM tests "
                           "WHERE activity LIKE 'ToT para la Policía%' GROUP BY 1"))
    assert tests == {"pre": 20, "post": 12}
    completed_without_post = one(with_participation(con), """
        SELECT count(*) FROM participation p
        WHERE p.activity LIKE 'ToT para la Policía%' AND p.status = 'completed'
          AND NOT EXISTS (SELECT 1 FROM tests t WHERE t.participant_key = p.participant_key AND t.test_type = 'post')""")
    assert completed_without_post == 0


def test_thailand_illustrative_tests_match_the_pilot_head_counts(con):
    got = dict(rows(con, "SELECT activity, count(DISTINCT participant_key) FROM tests WHERE country = 'Thailand' "
                         "GROUP BY 1"))
    pilots = dict(rows(con, "SELECT activity, participants FROM events WHERE country = 'Thailand' "
                            "AND NOT is_breakdown AND start_date IN (?, ?)", D(2020, 12, 15), D(2021, 6, 15)))
    assert got == pilots
    assert sorted(got.values()) == [42, 46]
    assert one(con, "SELECT count(DISTINCT item) FROM test_items") == 10


# ------------------------------------------------------------------ targets (illustrative)

def test_key_indicator_targets_per_country_and_year_are_marked_illustrative(con):
    got = rows(con, "SELECT country, indicator, year, target, source_file FROM targets ORDER BY 1, 2, 3")
    assert {(c, i) for c, i, *_ in got} == {(c, f"KI-{k}") for c in ("Paraguay", "Thailand") for k in (1, 2, 3)}
    assert {(c, y, t) for c, i, y, t, _ in got if i == "KI-2"} == {
        (c, y, 120.0) for c in ("Paraguay", "Thailand") for y in (2020, 2021, 2022)}
    assert all("ILLUSTRATIVE" in f for *_, f in got)


# ------------------------------------------------------------------ the files themselves

def test_illustrative_rows_live_in_files_that_say_so(con):
    files = {f for (f,) in rows(con, """
        SELECT DISTINCT source_file FROM attendance UNION SELECT DISTINCT source_file FROM tests
        UNION SELECT DISTINCT source_file FROM targets""")}
    assert files and all("ILLUSTRATIVE" in f or "ILUSTRATIVO" in f for f in files)
    report_files = {f for (f,) in rows(con, """
        SELECT DISTINCT source_file FROM events UNION SELECT DISTINCT source_file FROM kii_tally
        UNION SELECT DISTINCT source_file FROM respondents UNION SELECT DISTINCT source_file FROM dmop_status""")}
    assert not any("ILLUSTRATIVE" in f or "ILUSTRATIVO" in f for f in report_files)


REPORT_PERSONAL_NAMES = ("Ramirez", "Ramírez", "Orrego", "Ortigoza", "Charoenwong", "Garcia", "García",
                         "Sanchez", "Sánchez", "Cartes", "Sosa", "Andrade")


def _text_of(path: Path) -> str:
    if path.suffix == ".csv":
        raw = path.read_bytes()
        return raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("cp1252")
    from python_calamine import CalamineWorkbook
    book = CalamineWorkbook.from_path(str(path))
    return "\n".join(str(v) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
                     for v in row)


def test_no_respondent_named_in_the_report_appears_in_the_builtin_files():
    for path in sorted(p for p in RAW.rglob("*") if p.is_file()):
        text = _text_of(path)
        assert not [n for n in REPORT_PERSONAL_NAMES if n in text], path


def _digest(path: Path) -> str:
    """Bytes, except for .ods: odfpy numbers its styles with a counter global to the process, so the
    same sheets written after another .ods differ in bytes; their cell values are compared instead."""
    if path.suffix == ".ods":
        from python_calamine import CalamineWorkbook
        book = CalamineWorkbook.from_path(str(path))
        values = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
        return hashlib.sha256(repr(values).encode()).hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builtin_files_are_exactly_what_the_seeded_script_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_builtin_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(spec.name, None)
    module.build(tmp_path)
    assert _digests(tmp_path) == _digests(RAW), (
        "data/raw differs from scripts/make_builtin_data.py: run it and commit its output")


def test_builtin_files_match_the_contract_formats():
    suffixes = sorted(p.suffix for p in RAW.rglob("*") if p.is_file())
    assert {".xlsx", ".csv", ".ods"} <= set(suffixes)
    csvs = {p.name: p.read_bytes() for p in RAW.rglob("*.csv")}
    assert csvs["ATLAS DMOP names and aliases.csv"].startswith(b"\xef\xbb\xbf")
    events = csvs["Eventos ATLAS Paraguay 2019-2021.csv"]
    assert b";" in events and "reunión".encode("cp1252") in events and b"\r\n" in events
    with pytest.raises(UnicodeDecodeError):
        events.decode("utf-8")
