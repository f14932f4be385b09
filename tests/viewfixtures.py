"""An in-memory DuckDB holding TABLES with the names and columns of the views that
``atlas_data.connect`` gives, filled with small rows modelled on the ATLAS midterm evaluation
(seeds/000_…txt). Queries, metrics and charts are tested on it without the ingest.

Real figures (from the report):
- Paraguay police ToT, sessions 2021-04-10, 2021-05-12, 2021-05-31, 2021-06-09: 20 participants
  started, 12 finished (attended at least 3 of the 4 sessions).
- Paraguay DMOP status table: six DMOPs; ETP "Step 7/8", Living Lab "5/6", Moot Court 4,
  Multi-Agency 5, Inter-Platforms 6, Community Referrals 5. Thailand: five DMOPs, undated.
- Paraguay KII tallies ("Are you familiar with the ATLAS Project?" Yes 27 No 0 Partially 1 …) and
  the ETP assessment matrix (comments); Paraguay key-informant profile (35), Thailand (39).
- Thailand head counts: ETP pilot 15–16 Dec 2020, 42; ETP 3-day 24–26 Mar 2021, 55; MDT 15–16 Jun
  2021, 46. Paraguay Living Lab working group: 28 Jul 2021, 18; 2 Sep 2021, 14.

Illustrative (the report gives none): who attended which police session, genders, the labor
inspectors' roster, the Thai MOL roster, the General Symposium head count, test scores and items,
milestone dates, targets, the Thai coded interviews, ingest log and rejected rows.
"""
from __future__ import annotations

from datetime import date, datetime

import duckdb

from atlas_data.store.views import AGGREGATE_TABLES, build_aggregates

D = date

SCHEMAS: dict[str, str] = {
    "attendance": """country VARCHAR, dmop VARCHAR, activity VARCHAR, session_date DATE, session VARCHAR,
        participant_key VARCHAR, institution VARCHAR, organization VARCHAR, gender VARCHAR, role VARCHAR,
        modality VARCHAR, attended BOOLEAN, excused BOOLEAN, region VARCHAR, source_file VARCHAR,
        source_sheet VARCHAR, source_row BIGINT""",
    "participation": """country VARCHAR, dmop VARCHAR, activity VARCHAR, participant_key VARCHAR,
        institution VARCHAR, gender VARCHAR, sessions_total BIGINT, sessions_attended BIGINT, status VARCHAR,
        first_session DATE, last_session DATE, modality VARCHAR""",
    "events": """country VARCHAR, dmop VARCHAR, activity VARCHAR, start_date DATE, end_date DATE, modality VARCHAR,
        participants BIGINT, female BIGINT, male BIGINT, institution VARCHAR, organization VARCHAR,
        institutions BIGINT, date_precision VARCHAR, region VARCHAR, is_breakdown BOOLEAN, source_file VARCHAR,
        source_sheet VARCHAR, source_row BIGINT""",
    "tests": """country VARCHAR, dmop VARCHAR, activity VARCHAR, participant_key VARCHAR, test_type VARCHAR,
        score DOUBLE, max_score DOUBLE, test_date DATE, institution VARCHAR, gender VARCHAR, source_file VARCHAR,
        source_sheet VARCHAR, source_row BIGINT""",
    "test_items": """country VARCHAR, dmop VARCHAR, activity VARCHAR, participant_key VARCHAR, test_type VARCHAR,
        item VARCHAR, correct BOOLEAN, source_file VARCHAR, source_sheet VARCHAR, source_row BIGINT""",
    "kii_answers": """country VARCHAR, respondent_id VARCHAR, stakeholder_type VARCHAR, institution VARCHAR,
        gender VARCHAR, question VARCHAR, answer VARCHAR, criterion VARCHAR, dmop VARCHAR, note VARCHAR,
        shareable BOOLEAN, source_file VARCHAR, source_sheet VARCHAR, source_row BIGINT""",
    "kii_tally": """country VARCHAR, question VARCHAR, answer VARCHAR, n BIGINT, criterion VARCHAR,
        stakeholder_type VARCHAR, unit VARCHAR, note VARCHAR, dmop VARCHAR, shareable BOOLEAN, source_file VARCHAR,
        question_order BIGINT""",
    "respondents": """country VARCHAR, institution VARCHAR, organization VARCHAR, stakeholder_group VARCHAR,
        stakeholder_type VARCHAR, gender VARCHAR, n BIGINT, source_file VARCHAR, source_sheet VARCHAR,
        source_row BIGINT""",
    "dmop_status": """country VARCHAR, dmop VARCHAR, dmop_type VARCHAR, outcome BIGINT, step BIGINT,
        step_label VARCHAR, status_note VARCHAR, as_of DATE, source_file VARCHAR, source_sheet VARCHAR,
        source_row BIGINT""",
    "dmop_current": """country VARCHAR, dmop VARCHAR, dmop_type VARCHAR, outcome BIGINT, step BIGINT,
        step_label VARCHAR, status_note VARCHAR, as_of DATE, source_file VARCHAR, source_sheet VARCHAR,
        source_row BIGINT""",
    "dmop_milestones": """country VARCHAR, dmop VARCHAR, step BIGINT, planned_date DATE, actual_date DATE,
        note VARCHAR, source_file VARCHAR, source_sheet VARCHAR, source_row BIGINT""",
    "indicators": """indicator VARCHAR, name VARCHAR, unit VARCHAR, outcome BIGINT, dmop VARCHAR,
        source_file VARCHAR, source_sheet VARCHAR, source_row BIGINT""",
    "targets": """country VARCHAR, indicator VARCHAR, period VARCHAR, year BIGINT, target DOUBLE, dmop VARCHAR,
        unit VARCHAR, source_file VARCHAR, source_sheet VARCHAR, source_row BIGINT""",
    "rejected": """table_name VARCHAR, source_file VARCHAR, source_sheet VARCHAR, source_row BIGINT,
        column_name VARCHAR, value VARCHAR, reason VARCHAR, severity VARCHAR, code VARCHAR, reason_fields VARCHAR""",
    "ingest_files": """source_file VARCHAR, source_sheet VARCHAR, table_name VARCHAR, rows_kept BIGINT,
        rows_rejected BIGINT, status VARCHAR, message VARCHAR, ingested_at TIMESTAMP_S, message_code VARCHAR,
        message_fields VARCHAR""",
}

ETP = "Enforcement Training Program"
LIVING_LAB = "Living Lab"
POLICE_TOT = "ToT for police"
LABOR_TOT = "ToT for labor inspectors"
POLICE_SESSIONS = (D(2021, 4, 10), D(2021, 5, 12), D(2021, 5, 31), D(2021, 6, 9))
MDT = "Multidisciplinary Teams Training"
FAMILIAR = "Are you familiar with the ATLAS Project?"

# Police ToT: which of the 4 sessions each participant attended (1-based).
# P01–P09 all four; P10, P11 sessions 1–3; P12 sessions 1, 2 and 4  -> 12 attended >= 3 of 4
# P13–P16 sessions 1–2 (dropped out, complete at a 50% threshold); P17–P20 session 1 only.
# P21 is on the roster but never came (no-show).
POLICE_PATTERN: dict[str, tuple[int, ...]] = {
    **{f"P{i:02d}": (1, 2, 3, 4) for i in range(1, 10)},
    "P10": (1, 2, 3), "P11": (1, 2, 3), "P12": (1, 2, 4),
    **{f"P{i:02d}": (1, 2) for i in range(13, 17)},
    **{f"P{i:02d}": (1,) for i in range(17, 21)},
    "P21": (),
}
POLICE_FEMALE = {"P02", "P04", "P07", "P10", "P13", "P15", "P17", "P19"}   # 8 women, 13 men


# attendance rows written without `excused` (16 values) leave it empty, as a file without marks would
ATTENDANCE_NO_EXCUSED = ("country, dmop, activity, session_date, session, participant_key, institution, organization, "
                         "gender, role, modality, attended, region, source_file, source_sheet, source_row")


# The rows below give a message's text only (its code's fields, for a translation, stay NULL).
MESSAGES_AS_TEXT = {
    "rejected": "table_name, source_file, source_sheet, source_row, column_name, value, reason, severity, code",
    "ingest_files": "source_file, source_sheet, table_name, rows_kept, rows_rejected, status, message, ingested_at"}


def _insert(con, table: str, rows: list[tuple]) -> None:
    if rows:
        marks = ", ".join("?" for _ in rows[0])
        columns = f"({ATTENDANCE_NO_EXCUSED})" if table == "attendance" and len(rows[0]) == 16 else ""
        columns = f"({MESSAGES_AS_TEXT[table]})" if table in MESSAGES_AS_TEXT else columns
        con.executemany(f"INSERT INTO {table} {columns} VALUES ({marks})", rows)


def _attendance() -> list[tuple]:
    rows: list[tuple] = []
    src = ("Asistencia ToT Policia 2021.xlsx", "ToT")
    r = 5
    for key, attended in POLICE_PATTERN.items():
        institution = "National Police" if int(key[1:]) <= 14 else "Higher Institute Training Center (ISEPOL)"
        gender = "Female" if key in POLICE_FEMALE else "Male"
        for n, day in enumerate(POLICE_SESSIONS, start=1):
            rows.append(("Paraguay", ETP, POLICE_TOT, day, f"Module {n}", key, institution, "National Police",
                         gender, "participant", "online", n in attended, "Central", *src, r))
            r += 1
    for trainer in ("T01", "T02"):          # trainers are never counted as trained
        for n, day in enumerate(POLICE_SESSIONS, start=1):
            rows.append(("Paraguay", ETP, POLICE_TOT, day, f"Module {n}", trainer, "Partners of the Americas",
                         "NGO", "Female", "trainer", "online", True, "Central", *src, r))
            r += 1
    # Labor inspectors' ToT: 10 people, both sessions; L10 is P05 of the police ToT (same person).
    src = ("Asistencia ToT Inspectores.csv", "Asistencia ToT Inspectores.csv")
    for i in range(1, 11):
        key = "P05" if i == 10 else f"L{i:02d}"
        gender = "Female" if i <= 6 else "Male"
        if key == "P05":
            gender = "Unknown"            # the file does not say; the police roster does (Male)
        for n, day in enumerate((D(2021, 2, 18), D(2021, 3, 4)), start=1):
            rows.append(("Paraguay", ETP, LABOR_TOT, day, None, key,
                         "General Directorate of Inspection and Control",
                         "Ministry of Labor, Employment and Social Security", gender, "participant", "in-person",
                         True, "Asunción", *src, r))
            r += 1
    # Thailand MOL 3-day training, 14–16 July 2021: 5 labor inspectors, every day.
    src = ("TH_MOL_training_roster.xlsx", "Day 1-3")
    for i in range(1, 6):
        for day in (D(2021, 7, 14), D(2021, 7, 15), D(2021, 7, 16)):
            rows.append(("Thailand", ETP, "ETP MOL 3-day training", day, None, f"TH{i:02d}",
                         "Department of Labour Protection and Welfare", "Ministry of Labour",
                         "Female" if i <= 3 else "Male", "participant", "in-person", True, "Bangkok", *src, r))
            r += 1
    return rows


def _events() -> list[tuple]:
    src_th = ("TH_events_2020_2021.xlsx", "Events")
    src_py = ("PY_eventos.xlsx", "Eventos")
    e = []
    # Thailand ETP pilot: total row + per-agency breakdown adding up to 42
    e.append(("Thailand", ETP, "ETP 2-day pilot workshop", D(2020, 12, 15), D(2020, 12, 16), "in-person", 42, 24,
              18, None, None, 7, "day", "Bangkok", False, *src_th, 3))
    breakdown = [("Ministry of Labour", 12, 6, 6), ("Immigration Bureau", 10, 6, 4), ("AHTD", 6, 3, 3),
                 ("TATIP", 5, 3, 2), ("DSI", 4, 2, 2), ("DOPA", 3, 2, 1), ("AMLO", 2, 2, 0)]
    for k, (inst, n, f, m) in enumerate(breakdown):
        e.append(("Thailand", ETP, "ETP 2-day pilot workshop", D(2020, 12, 15), D(2020, 12, 16), "in-person", n, f,
                  m, inst, None, None, "day", "Bangkok", True, *src_th, 4 + k))
    e.append(("Thailand", ETP, "ETP 3-day capacity-building workshop", D(2021, 3, 24), D(2021, 3, 26), "in-person",
              55, None, None, None, None, 7, "day", "Bangkok", False, *src_th, 12))
    e.append(("Thailand", MDT, "MDT 2-day online training", D(2021, 6, 15), D(2021, 6, 16), "online", 46, 30, 16,
              None, None, 14, "day", None, False, *src_th, 13))
    # Paraguay
    e.append(("Paraguay", ETP, "General Symposium", D(2020, 11, 4), D(2020, 11, 6), "online", 85, 50, 35, None,
              None, None, "day", None, False, *src_py, 3))
    e.append(("Paraguay", LIVING_LAB, "Living Lab working group meeting", D(2021, 7, 28), None, "in-person", 18,
              None, None, None, None, 4, "day", "Asunción", False, *src_py, 4))
    e.append(("Paraguay", LIVING_LAB, "Living Lab working group meeting", D(2021, 9, 2), None, "online", 14,
              None, None, None, None, 4, "day", None, False, *src_py, 5))
    # the police ToT's head count: it has a roster, so it must never be added on top of it
    e.append(("Paraguay", ETP, "ToT for Police ", D(2021, 4, 10), D(2021, 6, 9), "online", 20, 8, 12,
              None, None, 1, "day", None, False, *src_py, 6))
    return e


PRE = {"P01": 10, "P02": 12, "P03": 8, "P04": 14, "P05": 11, "P06": 9, "P07": 13, "P08": 10, "P09": 12, "P10": 15,
       "P11": 9}
POST = {"P01": 16, "P02": 17, "P03": 14, "P04": 18, "P05": 15, "P06": 13, "P07": 17, "P08": 15, "P09": 16, "P10": 15,
        "P12": 18}
FOLLOW_UP = {"P01": 15, "P02": 16, "P03": 13, "P04": 17}


def _tests() -> tuple[list[tuple], list[tuple]]:
    src = ("Pruebas ToT Policia.xlsx", "Notas")
    tests, items = [], []
    r = 2
    for kind, scores, day in (("pre", PRE, D(2021, 4, 10)), ("post", POST, D(2021, 6, 9)),
                              ("follow_up", FOLLOW_UP, D(2021, 9, 15))):
        for key, score in scores.items():
            tests.append(("Paraguay", ETP, POLICE_TOT, key, kind, float(score), 20.0, day, "National Police",
                          "Female" if key in POLICE_FEMALE else "Male", *src, r))
            r += 1
    # Items of the post-test for P01–P10: Q1 10/10 correct, Q2 6/10, Q3 3/10, Q10 2/10; pre-test Q1 5/10.
    correct_counts = {("post", "Q1"): 10, ("post", "Q2"): 6, ("post", "Q3"): 3, ("post", "Q10"): 2,
                      ("pre", "Q1"): 5}
    r = 2
    for (kind, item), ok in correct_counts.items():
        for i in range(1, 11):
            items.append(("Paraguay", ETP, POLICE_TOT, f"P{i:02d}", kind, item, i <= ok, *src, r))
            r += 1
    return tests, items


PY_KII = [  # question, criterion, {answer: n}
    (FAMILIAR, "Relevance", {"Yes": 27, "No": 0, "Partially": 1}),
    ("Does the interviewee mention the objectives when invited to so?", "Relevance",
     {"Yes": 1, "No": 18, "Partially": 9}),
    ("Have you participated in one of the Project activities?", "Effectiveness", {"Yes": 28, "No": 0}),
    ("Does the interviewee correctly identify the activity?", "Effectiveness", {"Yes": 5, "No": 4, "Partially": 19}),
    ("Do you recall the presentation of the PSA at the start of the project?", "Relevance",
     {"Yes": 6, "No": 22, "Partially": 0}),
    ("Do you recall having referred to the Body of Knowledge?", "Relevance", {"Yes": 2, "No": 22, "Partially": 4}),
]
PY_MATRIX = [  # aspect, {answer: n}, observation  (a tally of comments, not of people)
    ("Organization", {"Only positive": 9}, None),
    ("Contents", {"Only positive": 11, "Positive and negative": 1},
     "Some interviewees would have liked more on the issue of the criminal offenses involved in cases of CL, FL "
     "and HT."),
    ("Instructors", {"Only positive": 8}, None),
    ("Methodologies", {"Only positive": 5, "Positive and negative": 2},
     "The negative comments were mostly related to the pros and cons of online platforms."),
    ("Participation", {"Only positive": 6, "Positive and negative": 3},
     "Alumni complained about lack of commitment of their peers."),
    ("Scheduling", {"Only positive": 1, "Only negative": 1, "Positive and negative": 1}, None),
]
TH_CODED = [  # respondent, stakeholder type, institution, gender, answer, note, shareable
    ("TH_001", "decision-maker", "DLPW", "Female", "Yes", "The project supports law enforcement work.", True),
    ("TH_002", "decision-maker", "DOE", "Male", "Yes", None, None),
    ("TH_003", "participant", "DLPW", "Female", "Partially", "Knew the workshop, not the project name.", False),
    ("TH_004", "participant", "Immigration Bureau", "Female", "No", None, None),
    ("TH_005", "participant", "DOPA", "Male", "Yes", None, None),
    ("TH_006", "CSO", "LIFT International", "Female", "Don't know", "Could not recall the objectives.", True),
]


def _kii(con) -> None:
    tally = []
    order = 1
    for question, criterion, answers in PY_KII:
        for answer, n in answers.items():
            tally.append(("Paraguay", question, answer, n, criterion, None, "respondents", None, None, None,
                          "MTE Paraguay KII.xlsx", order))
        order += 1
    # the assessment matrix sits in the same workbook and numbers its aspects from 1 again
    for order, (aspect, answers, note) in enumerate(PY_MATRIX, start=1):
        for k, (answer, n) in enumerate(answers.items()):
            tally.append(("Paraguay", aspect, answer, n, "Effectiveness", None, "comments",
                          note if k == 0 else None, ETP, note is not None and aspect == "Contents",
                          "MTE Paraguay KII.xlsx", order))
    _insert(con, "kii_tally", tally)
    answers = [("Thailand", rid, st, inst, g, FAMILIAR, ans, "Relevance", None, note, share,
                "KII Thailand coded.xlsx", "Coding", 2 + i)
               for i, (rid, st, inst, g, ans, note, share) in enumerate(TH_CODED)]
    _insert(con, "kii_answers", answers)
    # kii_tally also holds the counts computed from kii_answers (as the real view does)
    con.execute("""
        INSERT INTO kii_tally
        SELECT country, question, answer, COUNT(*)::BIGINT, criterion, stakeholder_type, 'respondents', NULL, dmop,
               NULL, source_file, 1
        FROM kii_answers GROUP BY ALL""")


PY_PROFILE = [  # group, institution, organization, n  (MTE Paraguay key-informant profile, total 35)
    ("Government Stakeholders", "Court of Appeals for Children and Adolescents", "Supreme Court of Justice", 2),
    ("Government Stakeholders", "Jurisdictional Unit", "Supreme Court of Justice", 3),
    ("Government Stakeholders", "Human Rights' Directorate", "Supreme Court of Justice", 2),
    ("Government Stakeholders", "International Center for Judicial Studies", "Supreme Court of Justice", 1),
    ("Government Stakeholders", "Deputy Prosecutors' Offices Prosecution Areas", "Public Ministry", 2),
    ("Government Stakeholders", "Specialized Unit Against Human Trafficking", "Public Ministry", 1),
    ("Government Stakeholders", "General Protection of Children and Adolescents (DGPNA)",
     "Ministry of Labor, Employment and Social Security", 1),
    ("Government Stakeholders", "Directorate of International Norms",
     "Ministry of Labor, Employment and Social Security", 1),
    ("Government Stakeholders", "Regional Directorate of Labor",
     "Ministry of Labor, Employment and Social Security", 2),
    ("Government Stakeholders", "General Directorate of Inspection and Control",
     "Ministry of Labor, Employment and Social Security", 2),
    ("Government Stakeholders", "Higher Institute Training Center (ISEPOL)", "National Police", 2),
    ("Government Stakeholders", "Investigation Department against Human Trafficking", "National Police", 1),
    ("Government Stakeholders", "Department for Labor Matters", "Ministry of Public Defense", 1),
    ("Government Stakeholders", "Department for Civil, Children and Adolescents Matters",
     "Ministry of Public Defense", 3),
    ("Government Stakeholders", "Ministerial Cabinet", "Ministry of Public Defense", 1),
    ("Government Stakeholders", "Education and Training Department", "Ministry for Social Development", 1),
    ("Government Stakeholders", "Department of Human Trafficking Prevention Policies", "Ministry for Women", 2),
    ("Government Stakeholders", "Departmental Government of Boquerón", "Provincial Government", 1),
    ("Government Stakeholders", "Policy Directorate", "Ministry of Foreign Affairs", 1),
    ("ATLAS Project Team and Civil Society Organizations Stakeholders", "Partners of the Americas", "NGO", 3),
    ("ATLAS Project Team and Civil Society Organizations Stakeholders", "Winrock International", "NGO", 1),
    ("ATLAS Project Team and Civil Society Organizations Stakeholders", "Dequeni", "Civil Society Organization", 1),
]
TH_PROFILE = [  # total 39
    ("Government", "DLPW", "Ministry of Labour", 11), ("Government", "DOE", "Ministry of Labour", 8),
    ("Government", "Immigration Bureau", "Royal Thai Police", 5), ("Government", "DOPA", "Ministry of Interior", 3),
    ("Government", "DATIP", "MSDHS", 2), ("Government", "DCY", "MSDHS", 1),
    ("Government", "DSI", "Ministry of Justice", 1), ("Government", "OAG", "Office of the Attorney General", 1),
    ("CSO", "Winrock International", "NGO", 5), ("CSO", "COERR", "NGO", 1), ("CSO", "LIFT International", "NGO", 1),
]


def _respondents() -> list[tuple]:
    rows = []
    for i, (group, inst, org, n) in enumerate(PY_PROFILE):
        rows.append(("Paraguay", inst, org, group, None, None, n, "MTE Paraguay profiles.xlsx", "Profile", 4 + i))
    for i, (group, inst, org, n) in enumerate(TH_PROFILE):
        rows.append(("Thailand", inst, org, group, None, None, n, "MTE Thailand profiles.xlsx", "Profile", 3 + i))
    return rows


PY_STATUS_DATE = D(2021, 11, 30)
PY_DMOPS = [  # dmop, type, outcome, step, label, note
    (ETP, "enforcement", 2, 7, "7/8", "They have evaluated the training and refined the training program, presented "
     "the refined program to stakeholders and are implementing new methodologies."),
    (LIVING_LAB, "enforcement", 2, 5, "5/6", "The pilot phase is ending, going into evaluation and refinement"),
    ("Moot Court", "enforcement", 2, 4, "4", "The ATLAS Project has yet to establish working groups and refine the "
     "model of practice"),
    ("Multi-Agency Unified Enforcement Procedures", "coordination", 3, 5, "5", "The pilot is approaching the final "
     "stage, preparing for evaluation and then refinement"),
    ("Inter-Platforms Coordination Mechanism", "coordination", 3, 6, "6", "Pilot stage ended, and they are entering "
     "the evaluation stage, looking at refinement"),
    ("Community Referrals", "coordination", 3, 5, "5", "Pilot stage, with important communication material that "
     "needs to be tested."),
]
TH_DMOPS = [
    (ETP, "enforcement", 2, 7, "7/8", "The pilot phase of ETP completed; the ETP is at the re-implementation stage."),
    ("Practitioner's Guide on Investigation of Forced Labor", "enforcement", 2, 4, "4",
     "Design and development completed; ready for pilot stage."),
    ("Practitioner's Guide on Coordination", "coordination", 3, 7, "7", "Completed pilot phase; at refinement."),
    (MDT, "coordination", 3, 7, "7", "Completed pilot phase; at refinement."),
    ("Community Referrals", "coordination", 3, 4, "4", "At the design and development stage. Not yet piloted."),
]


def _status() -> list[tuple]:
    rows = []
    # history of two Paraguay DMOPs before the MTE table
    rows.append(("Paraguay", ETP, "enforcement", 2, 5, "5", "Pilot started with the General Symposium",
                 D(2020, 11, 4), "PY_progress_2020.xlsx", "Status", 3))
    rows.append(("Paraguay", ETP, "enforcement", 2, 6, "6", "Evaluation of the pilot", D(2021, 7, 16),
                 "PY_progress_2021.xlsx", "Status", 3))
    rows.append(("Paraguay", "Inter-Platforms Coordination Mechanism", "coordination", 3, 4, "4",
                 "Policy paper consultancy", D(2021, 3, 15), "PY_progress_2021.xlsx", "Status", 6))
    for i, (dmop, typ, outcome, step, label, note) in enumerate(PY_DMOPS):
        rows.append(("Paraguay", dmop, typ, outcome, step, label, note, PY_STATUS_DATE, "MTE Paraguay DMOPs.xlsx",
                     "Status", 3 + i))
    for i, (dmop, typ, outcome, step, label, note) in enumerate(TH_DMOPS):
        rows.append(("Thailand", dmop, typ, outcome, step, label, note, None, "MTE Thailand DMOPs.xlsx", "Status",
                     3 + i))
    return rows


ETP_MILESTONES = [  # step, planned, actual
    (1, D(2019, 9, 30), D(2019, 12, 15)),
    (2, D(2019, 12, 31), D(2020, 4, 15)),
    (3, D(2020, 3, 31), D(2020, 8, 24)),
    (4, D(2020, 6, 30), D(2020, 10, 15)),
    (5, D(2020, 9, 30), D(2020, 11, 4)),
    (6, D(2021, 3, 31), D(2021, 7, 16)),
    (7, D(2021, 6, 30), D(2021, 11, 30)),
    (8, D(2021, 12, 31), None),
    (9, D(2022, 6, 30), None),
]


def make_con(large_attendance_rows: int = 0) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one TABLE per view of ``atlas_data.connect``, filled as described
    in this module's docstring, and the aggregates of ``atlas_data.store.views.build_aggregates`` over them
    (as ``connect`` builds them). ``large_attendance_rows`` adds that many synthetic attendance rows
    (country "Bolivia", 200 activities × 10 sessions) first. Change attendance after this only
    through ``rebuild_aggregates``."""
    con = duckdb.connect(":memory:")
    for name, cols in SCHEMAS.items():
        con.execute(f"CREATE TABLE {name} ({cols})")
    _insert(con, "attendance", _attendance())
    con.execute("""
        INSERT INTO participation
        WITH sessions AS (
            SELECT country, dmop, activity, COUNT(DISTINCT (session_date, COALESCE(session, ''))) AS total
            FROM attendance GROUP BY ALL),
        people AS (
            SELECT country, dmop, activity, participant_key, any_value(institution) AS institution,
                   any_value(gender) AS gender,
                   COUNT(DISTINCT (session_date, COALESCE(session, ''))) FILTER (WHERE attended) AS attended,
                   MIN(session_date) FILTER (WHERE attended) AS first_session,
                   MAX(session_date) FILTER (WHERE attended) AS last_session, any_value(modality) AS modality
            FROM attendance WHERE role = 'participant' GROUP BY ALL)
        SELECT p.country, p.dmop, p.activity, participant_key, institution, gender, total, attended,
               CASE WHEN attended = 0 THEN 'no_show' WHEN attended >= 0.75 * total THEN 'completed'
                    ELSE 'dropped_out' END,
               first_session, last_session, modality
        FROM people p JOIN sessions USING (country, dmop, activity)""")
    _insert(con, "events", _events())
    tests, items = _tests()
    _insert(con, "tests", tests)
    _insert(con, "test_items", items)
    _kii(con)
    _insert(con, "respondents", _respondents())
    _insert(con, "dmop_status", _status())
    con.execute("""
        INSERT INTO dmop_current
        SELECT * FROM dmop_status
        QUALIFY row_number() OVER (PARTITION BY country, dmop ORDER BY as_of DESC NULLS LAST) = 1""")
    _insert(con, "dmop_milestones", [("Paraguay", ETP, s, p, a, None, "PY_milestones.xlsx", "Plan", 2 + s)
                                     for s, p, a in ETP_MILESTONES])
    _insert(con, "indicators", [
        ("KI-1", "Activities implemented to strengthen the labor and/or criminal judicial system", "#", None, None,
         None, None, None),
        ("KI-2", "Individuals provided with training or other support", "#", None, None, None, None, None),
        ("KI-3", "Evidence-based coordination models that address institutional priorities", "#", 3, None,
         None, None, None),
    ])
    _insert(con, "targets", [
        ("Paraguay", "KI-1", "2021", 2021, 4.0, None, "#", "Targets.xlsx", "PY", 2),
        ("Paraguay", "KI-2", "2021", 2021, 120.0, None, "#", "Targets.xlsx", "PY", 3),
        ("Paraguay", "KI-3", "2021", 2021, 3.0, None, "#", "Targets.xlsx", "PY", 4),
        ("Thailand", "KI-2", "FY2021", 2021, 120.0, None, "#", "Targets.xlsx", "TH", 2),
        ("Thailand", "Individuals provided with training or other support", "2020", 2020, 40.0, None, "#",
         "Targets.xlsx", "TH", 3),
        ("Thailand", "KI-3", "2021", 2021, 3.0, None, "#", "Targets.xlsx", "TH", 4),
    ])
    _insert(con, "rejected", [
        ("attendance", "Asistencia ToT Policia 2021.xlsx", "ToT", 40, "session_date", "31/02/2021",
         'Asistencia ToT Policia 2021.xlsx, sheet "ToT", row 40: date "31/02/2021" does not exist; fix it in the '
         "file and upload again.", "error", "bad_date"),
        ("attendance", "Asistencia ToT Policia 2021.xlsx", "ToT", 41, "institution", "",
         'Asistencia ToT Policia 2021.xlsx, sheet "ToT", row 41: institution is empty; fill it in and upload again.',
         "error", "missing_required"),
        ("events", "TH_events_2020_2021.xlsx", "Events", 3, "participants", "42",
         "The per-institution rows of this event add up to 42, its total says 42.", "warning", "parts_disagree"),
    ])
    ts = datetime(2026, 11, 23, 9, 0)
    _insert(con, "ingest_files", [
        ("Asistencia ToT Policia 2021.xlsx", "ToT", "attendance", 92, 2, "ok", None, ts),
        ("Asistencia ToT Inspectores.csv", "Asistencia ToT Inspectores.csv", "attendance", 20, 0, "ok", None, ts),
        ("TH_events_2020_2021.xlsx", "Events", "events", 10, 0, "warning", "1 warning", ts),
        ("TH_events_2020_2021.xlsx", "Notes", None, 0, 0, "skipped", "No table recognized", ts),
        ("MTE Paraguay KII.xlsx", "KII", "kii_counts", 17, 0, "ok", None, datetime(2026, 11, 23, 9, 5)),
    ])
    if large_attendance_rows:
        add_large_attendance(con, large_attendance_rows)
    build_aggregates(con)
    return con


def rebuild_aggregates(con) -> None:
    """Build the attendance aggregates again (after rows of ``attendance`` were changed)."""
    for table in AGGREGATE_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    build_aggregates(con)


def add_large_attendance(con, rows: int) -> None:
    """Synthetic Bolivia attendance: 200 activities × 10 weekly sessions, people shared across
    activities, about 1 absence in 5, a third of them excused."""
    con.execute("""
        INSERT INTO attendance
        SELECT 'Bolivia', 'DMOP ' || (i % 6), 'Activity ' || (i % 200),
               DATE '2022-01-03' + (7 * ((i // 200) % 10) + (i % 200))::INTEGER,
               'Session ' || ((i // 200) % 10 + 1),
               'B' || ((i // 2000) + 300 * ((i % 200) % 20)),
               'Institution ' || (i % 37), 'Ministry ' || (i % 7),
               CASE WHEN i % 3 = 0 THEN 'Female' WHEN i % 3 = 1 THEN 'Male' ELSE 'Unknown' END,
               CASE WHEN i % 97 = 0 THEN 'trainer' ELSE 'participant' END,
               CASE WHEN i % 2 = 0 THEN 'online' ELSE 'in-person' END,
               hash(i) % 5 <> 0, hash(i) % 15 = 0, 'La Paz', 'big_' || (i % 200) || '.xlsx', 'Sheet1', (i // 200)::BIGINT
        FROM range(?) t(i)""", [rows])
