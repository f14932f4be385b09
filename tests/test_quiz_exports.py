"""Pre/post test scores written by other tools, read as a person reads them (reading/quizzes.py): Moodle's
gradebook export and quiz grades report, SurveyMonkey's responses, a Google Forms quiz, and a workbook made by
hand with a two-level header. Each test asserts the people, scores, maxima and rows kept or refused a person
counts in the file (tests/quiz_files.py writes each in its tool's shape)."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import atlas_data
from atlas_data.cli import main as cli_main
from atlas_data.queries.learning import learning
from atlas_data.reading import quizzes
from atlas_data.reading.layout import is_average_label
from atlas_data.reading.quizzes import named_test_type
from atlas_data.store import uploads
from atlas_data.store.ingest import ingest
from filemaker import parquet_text, write_csv
from quiz_files import (FORM_SCORES, HAND_POST, HAND_PRE, MOODLE_DOWNLOADED, NOT_ATTEMPTED_POST, NOT_ATTEMPTED_PRE,
                        POST, PRE, QUIZ_GRADES, SURVEY_SCORES, google_forms_quiz, hand_made, moodle_gradebook,
                        moodle_quiz_report, surveymonkey)
from test_real_exports import FIRST, LAST
from test_score_scales import refused as refused_with_reasons

GRADEBOOK, TWINS, QUIZ = "ETP-2023 Grades.csv", "ETP-2023 Grades.xlsx", "ETP-2023-Pre-test-grades.csv"
SURVEY, FORM, HAND = ("Prueba de entrada - Taller ETP.xlsx", "Prueba de salida - Taller ETP (respuestas).csv",
                      "Paraguay pre post taller inspección.xlsx")


@pytest.fixture(scope="module")
def store(tmp_path_factory, secret_file):
    base = tmp_path_factory.mktemp("quiz-exports")
    raw = base / "raw"
    raw.mkdir()
    moodle_gradebook(raw)
    moodle_gradebook(raw, percentage=True, name=TWINS)
    moodle_quiz_report(raw)
    surveymonkey(raw)
    google_forms_quiz(raw)
    hand_made(raw)
    report = ingest(raw, base / "parquet")
    con = atlas_data.connect(base / "parquet")
    yield SimpleNamespace(raw=raw, store=base / "parquet", con=con, report=report)
    con.close()


def scores(con, source: str) -> list[tuple]:
    return con.execute("SELECT test_type, score, max_score FROM tests WHERE source_file = ? "
                       "ORDER BY source_row, test_type DESC", [source]).fetchall()


def refused(con, source: str) -> list[tuple]:
    """(row, column, value, severity, code) of each rejected row."""
    return [r[:5] for r in refused_with_reasons(con, source)]


def people(con, source: str) -> int:
    return con.execute("SELECT count(DISTINCT participant_key) FROM tests WHERE source_file = ?",
                       [source]).fetchone()[0]


def sheets(report, source: str) -> list[tuple]:
    (found,) = [f for f in report.files if f.path == source]
    return [(s.sheet, s.table, s.rows_kept, s.rows_rejected) for s in found.sheets]


# ------------------------------------------------------------------ Moodle's gradebook export

def test_moodle_points_without_their_maximum_are_refused_and_the_maximum_is_asked_for(store):
    """`Quiz: Pre-test (Real)` is points; 6.00 of 10 stored as 6 % would be a wrong number. Each attempted test
    (12 + 12 less three `-`) is refused, saying what to give; the course total and the assignment are no test."""
    assert sheets(store.report, GRADEBOOK) == [("", "tests", 0, 21)]
    got = refused(store.con, GRADEBOOK)
    assert len(got) == 21 and {r[4] for r in got} == {"points_without_maximum"}
    assert got[0] == (2, "score", "6.00", "error", "points_without_maximum")
    reason = store.con.execute("SELECT reason FROM rejected WHERE source_file = ? AND source_row = 2 LIMIT 1",
                               [GRADEBOOK]).fetchone()[0]
    assert reason == ("ETP-2023 Grades.csv, row 2: score 6.00 is in points (the tool wrote it as Real) and the file "
                      "does not say out of how many (21 such scores); give the test's maximum score for the whole "
                      "file on the Data page, or export the Percentage display type too, and upload the file again")
    lacking = {m.source_file: m for m in uploads.missing_inputs(store.con.execute("SELECT * FROM rejected").df())}
    assert lacking[GRADEBOOK].columns == ["max_score"]


def test_moodle_points_with_the_maximum_given_for_the_file_are_kept_each_test_once(store, tmp_path):
    import shutil
    raw = tmp_path / "raw"
    shutil.copytree(store.raw, raw)
    result = uploads.fill_in_and_ingest(raw, tmp_path / "pq", GRADEBOOK, {"max_score": "10"})
    assert result.error is None
    con = atlas_data.connect(tmp_path / "pq")
    expected = []
    for i in range(12):
        expected += [("pre", PRE[i], 10.0)] * (i not in NOT_ATTEMPTED_PRE)
        expected += [("post", POST[i], 10.0)] * (i not in NOT_ATTEMPTED_POST)
    assert scores(con, GRADEBOOK) == expected and len(expected) == 21
    assert people(con, GRADEBOOK) == 12 and refused(con, GRADEBOOK) == []


def test_moodle_points_with_a_percentage_twin_are_one_score_out_of_the_maximum_they_agree_on(store):
    """Real 6.00 beside Percentage 60.00 % is one score, 6 of 10; the course total (and its letter) none."""
    assert sheets(store.report, TWINS) == [("ETP-2023 Grades", "tests", 21, 0)]
    assert store.con.execute("SELECT test_type, count(*), count(DISTINCT participant_key), sum(score), "
                             "min(max_score), max(max_score) FROM tests WHERE source_file = ? GROUP BY 1 ORDER BY 1",
                             [TWINS]).fetchall() == [
        ("post", 11, 11, sum(POST) - POST[5], 10.0, 10.0), ("pre", 10, 10, sum(PRE) - PRE[3] - PRE[9], 10.0, 10.0)]
    assert refused(store.con, TWINS) == []


# ------------------------------------------------------------------ Moodle's quiz grades report

def test_moodle_quiz_report_finished_attempts_out_of_the_header_s_maximum(store):
    assert sheets(store.report, QUIZ) == [("", "tests", 10, 2)]
    assert scores(store.con, QUIZ) == [("pre", g, 10.0) for g in QUIZ_GRADES]
    assert people(store.con, QUIZ) == 10  # `Overall average` is no person
    assert store.con.execute("SELECT test_date, count(*) FROM tests WHERE source_file = ? GROUP BY 1 ORDER BY 1",
                             [QUIZ]).fetchall() == [(dt.date(2023, 5, 3), 5), (dt.date(2023, 5, 4), 5)]


def test_moodle_quiz_attempts_not_finished_are_refused_with_their_state(store):
    assert refused(store.con, QUIZ) == [(12, "score", None, "error", "attempt_not_finished"),
                                        (13, "score", None, "error", "attempt_not_finished")]
    reasons = [r[0] for r in store.con.execute("SELECT reason FROM rejected WHERE source_file = ? ORDER BY source_row",
                                               [QUIZ]).fetchall()]
    assert reasons == [f'{QUIZ}, row {row}: the attempt\'s state is "{state}", so it has no score; it is not '
                       f'counted (only finished attempts are)' for row, state in ((12, "In progress"),
                                                                                  (13, "Never submitted"))]


def test_moodle_quiz_questions_are_items_right_or_wrong(store):
    """`Q. 3 /1.00` of 1.00 is right, 0.00 wrong: ten items of ten finished attempts, as many right as points."""
    got = store.con.execute("SELECT count(*), count(*) FILTER (WHERE correct), count(DISTINCT item) FROM test_items "
                            "WHERE activity = 'ETP Inspección 2023' AND test_type = 'pre' AND participant_key IN "
                            f"(SELECT participant_key FROM tests WHERE source_file = '{QUIZ}')").fetchone()
    assert got == (100, int(sum(QUIZ_GRADES)), 10)


# ------------------------------------------------------------------ SurveyMonkey, Google Forms, by hand

def test_surveymonkey_two_header_rows_and_a_quiz_score(store):
    """The row of `Response` / options under the questions is no person; the score is out of the quiz's 15; the
    file's name says it is the pre-test."""
    assert sheets(store.report, SURVEY) == [("Sheet", "tests", 8, 0)]
    assert scores(store.con, SURVEY) == [("pre", float(s), 15.0) for s in SURVEY_SCORES]
    assert people(store.con, SURVEY) == 8 and refused(store.con, SURVEY) == []


def test_google_forms_quiz_score_written_7_of_10(store):
    assert sheets(store.report, FORM) == [("", "tests", 6, 0)]
    assert scores(store.con, FORM) == [("post", float(s.split("/")[0]), 10.0) for s in FORM_SCORES]
    assert store.con.execute("SELECT DISTINCT test_date FROM tests WHERE source_file = ?", [FORM]).fetchall() == [
        (dt.date(2023, 5, 12),)]


def test_hand_made_two_level_header_its_maximum_above_and_an_average_row(store):
    """`Pre-test` over `Puntaje | %`: the points are the score out of `Máximo: 20`, the share the same score
    (never a second one); `Promedio` is no person; the `Resumen` sheet's figures are no table."""
    assert sheets(store.report, HAND) == [("Notas", "tests", 19, 0), ("Resumen", None, 0, 0)]
    expected = []
    for pre, post in zip(HAND_PRE, HAND_POST):
        expected += [("pre", float(pre), 20.0)] + ([("post", float(post), 20.0)] if post is not None else [])
    assert scores(store.con, HAND) == expected
    assert people(store.con, HAND) == 10 and refused(store.con, HAND) == []
    row = learning(store.con).set_index("activity").loc["Inspección laboral"]
    posts = [p for p in HAND_POST if p is not None]
    assert (row["pre_n"], row["post_n"], row["paired"]) == (10, 9, 9)
    assert (round(row["pre_mean"], 6), round(row["post_mean"], 6)) == (round(5 * sum(HAND_PRE) / 10, 6),
                                                                       round(5 * sum(posts) / 9, 6))


def test_a_share_alone_under_a_test_is_the_score_out_of_100(tmp_path, secret_file):
    raw = tmp_path / "raw"
    rows = [["País: Paraguay"], ["Modelo: Living Lab"], ["Taller: ETP"], ["Nombre", "Pre-test", None, "Post-test"],
            [None, "%", "Observación", "%"]] + [[f"{FIRST[i]} {LAST[i]}", 0.4 + i / 10, None, 0.7 + i / 10]
                                                for i in range(3)]
    from filemaker import write_xlsx
    write_xlsx(raw / "porcentajes.xlsx", {"Hoja1": rows})
    report = ingest(raw, tmp_path / "pq")
    # `Observación` is no part of a test: the row below is no row of parts, read as before: the shares, with no
    # maximum and none above 20, refused (never stored as 0.4 %), and the `%` row (its two tests) as no person
    assert [(s.table, s.rows_kept, s.rows_rejected) for s in report.files[0].sheets] == [("tests", 0, 8)]
    raw2 = tmp_path / "raw2"
    rows[4] = [None, "%", None, "%"]
    write_xlsx(raw2 / "porcentajes.xlsx", {"Hoja1": rows})
    ingest(raw2, tmp_path / "pq2")
    con = atlas_data.connect(tmp_path / "pq2")
    assert con.execute("SELECT test_type, round(score, 6), max_score FROM tests ORDER BY source_row, test_type DESC"
                       ).fetchall() == [(t, round(100 * (b + i / 10), 6), 100.0) for i in range(3)
                                        for t, b in (("pre", 0.4), ("post", 0.7))]


# ------------------------------------------------------------------ privacy, the CLI, the other readings

def test_no_name_e_mail_id_number_or_ip_address_reaches_the_store_or_the_rejections(store):
    text = parquet_text(store.store) + "".join(p.read_text(errors="ignore") for p in store.store.rglob("*.json"))
    for i in range(12):
        assert LAST[i] not in text and f"{FIRST[i].lower()}.{LAST[i].lower()}@example.org" not in text
        assert f"PY-{4100 + i}" not in text and f"u{i}@example.org" not in text
    assert "190.104." not in text and "11400000000" not in text and str(MOODLE_DOWNLOADED) not in text


def test_cli_dry_run_reads_each_kind_sensibly(store, capsys):
    code = cli_main(["ingest", str(store.raw), "--out", str(store.store.parent / "dry"), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    assert f"✗ {GRADEBOOK}: tests, 0 rows kept, 21 rejected (refused)" in out
    assert "Points without a maximum (score): 21 rows (rows 2, 3, 4, 5, 6, …)" in out
    assert f"! {QUIZ}: tests, 10 rows kept, 2 rejected (partly refused)" in out
    assert "Started on → test_date" in out and "Grade/10.00 → score" in out
    assert f"✓ {HAND} [Notas]: tests, 19 rows kept, 0 rejected" in out
    assert "dry run: 6 files: 6 read; 64 rows would be stored, 23 rejected; nothing was written" in out
    assert "190.104." not in out and LAST[0] not in out


def test_a_forms_sign_in_sheet_is_no_quiz_and_a_forms_quiz_is_no_sign_in_sheet():
    """Google Forms' `Timestamp` heads sign-in sheets (attendance, read elsewhere) and quizzes alike: only a
    `Score` column makes one a test, so the two readings never claim the same sheet."""
    sign_in = pd.DataFrame([["Timestamp", "Email address", "Nombre completo", "Institución"],
                            ["2023/05/12 10:31:04", "a@example.org", "Ana Prueba", "MTESS"]])
    assert quizzes.recognize(sign_in) is None
    quiz = quizzes.recognize(pd.DataFrame([["Timestamp", "Email address", "Score", "Nombre completo"],
                                           ["2023/05/12 10:31:04", "a@example.org", "7 / 10", "Ana Prueba"]]))
    assert (quiz.kind, quiz.table, quiz.grid.iat[1, 0]) == (quizzes.FORMS_QUIZ, "tests", "2023-05-12")


@pytest.mark.parametrize("text, kind", [
    ("ETP-2023-Pre-test-grades.csv", "pre"), ("Prueba de salida - Taller ETP (respuestas).csv", "post"),
    ("Evaluación inicial Fiscalía.xlsx", "pre"), ("แบบทดสอบหลังเรียน.xlsx", "post"), ("Follow-up test.csv", "follow_up"),
    ("Informe final.xlsx", None), ("Pre-test y post-test.xlsx", None), ("Notas entrada.xlsx", None),
])
def test_which_test_a_file_name_says(text, kind):
    assert named_test_type(text) == kind


def test_an_item_named_only_by_its_test_is_that_test():
    assert (named_test_type("Entrada", whole=True), named_test_type("Entrada")) == ("pre", None)


@pytest.mark.parametrize("text, average", [("Overall average", True), ("Promedio", True), ("Promedio general", True),
                                           ("Average score", True), ("Media training", False), ("Avelino", False)])
def test_rows_of_averages(text, average):
    assert is_average_label(text) is average


_FILLER = st.sampled_from(["ETP", "2023", "Taller", "grades", "notas", "Fiscalía", "respuestas", "curso", "v2", "-"])
_PHRASES = [(t, " ".join(p)) for t, phrases in quizzes._NAMED.items() for p in phrases]


@settings(max_examples=200, deadline=None)
@given(st.lists(_FILLER, max_size=4), st.sampled_from(_PHRASES), st.lists(_FILLER, max_size=4),
       st.sampled_from(["lower", "upper", "title", "dashes"]))
def test_a_name_with_one_test_s_words_among_others_names_that_test(before, phrase, after, style):
    kind, words = phrase
    written = {"lower": words, "upper": words.upper(), "title": words.title(), "dashes": words.replace(" ", "-")}[style]
    assert named_test_type(" ".join([*before, written, *after]) + ".xlsx") == kind


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_PHRASES), st.sampled_from(_PHRASES))
def test_a_name_with_two_tests_words_names_none(one, other):
    assert named_test_type(f"{one[1]} y {other[1]}") == (one[0] if one[0] == other[0] else None)


_MAXIMA = st.decimals(min_value="1", max_value="200", places=2).map(float)


@settings(max_examples=100, deadline=None)
@given(_MAXIMA, st.lists(st.floats(0, 1), min_size=1, max_size=8), st.booleans())
def test_moodle_grades_are_read_out_of_the_maximum_moodle_shows(maximum, shares, twins):
    """Whatever the quiz's maximum, each grade is one score whose share is the one Moodle shows: the quiz report's
    `Grade/12.50`, or a gradebook's points beside their percentage (its maximum derived, else the percentage)."""
    grades = [round(maximum * s, 2) for s in shares]
    if twins:
        rows = [["First name", "Last name", "Quiz: Pre-test (Real)", "Quiz: Pre-test (Percentage)",
                 "Course total (Real)"]]
        rows += [[f"A{i}", f"B{i}", f"{g:.2f}", f"{100 * g / maximum:.2f} %", f"{g:.2f}"] for i, g in enumerate(grades)]
    else:
        rows = [["Surname", "First name", "State", "Started on", "Time taken", f"Grade/{maximum:.2f}"]]
        rows += [[f"B{i}", f"A{i}", "Finished", "3 May 2023  9:10 AM", "5 mins", f"{g:.2f}"]
                 for i, g in enumerate(grades)]
    quiz = quizzes.recognize(pd.DataFrame(rows))
    read = [j for j, header in quiz.grid.iloc[0].items() if header in ("pre", "score")]
    assert len(read) == 1  # one score per person: never the points and their percentage both
    cells = quiz.grid[read[0]].iloc[1:].tolist()
    from atlas_data.reading.numbers import parse_score
    for cell, grade in zip(cells, grades):
        score, out_of = parse_score(cell)
        assert abs(100 * score / out_of - 100 * grade / maximum) <= 0.01 + 1e-9


def test_a_csv_of_moodle_grades_in_a_tests_folder_is_read_the_same(tmp_path, secret_file):
    raw = tmp_path / "raw" / "tests"
    raw.mkdir(parents=True)
    moodle_quiz_report(raw)
    ingest(tmp_path / "raw", tmp_path / "pq")
    assert scores(atlas_data.connect(tmp_path / "pq"), "tests/" + QUIZ) == [("pre", g, 10.0) for g in QUIZ_GRADES]


def test_a_survey_without_a_score_is_no_test(tmp_path):
    path = write_csv(tmp_path / "encuesta.csv", [["Respondent ID", "Collector ID", "Start Date", "¿Le fue útil?"],
                                                 [None, None, None, "Response"], ["1", "2", "05/03/2023", "Sí"]])
    from atlas_data.reading.readers import read_file
    quiz = quizzes.recognize(read_file(path)[0].grid)
    assert quiz.table is None and quiz.grid.iloc[1].isna().all()


def test_a_finished_attempt_not_yet_graded_is_refused_and_a_state_is_quoted_only_when_moodle_s():
    quiz = quizzes.recognize(pd.DataFrame([
        ["Surname", "First name", "State", "Started on", "Time taken", "Grade/20.00", "Q. 1 /10.00", "Q. 2 /10.00"],
        ["B0", "A0", "Finished", "3 May 2023  9:10 AM", "5 mins", "15.00", "10.00", "5.00"],
        ["B1", "A1", "Finished", "3 May 2023  9:11 AM", "5 mins", "Not yet graded", "10.00", "Requires grading"],
        ["B2", "A2", "Ana Prueba Ejemplo", "3 May 2023  9:12 AM", "-", "-", "-", "-"]]))
    assert quiz.row_refusals == {2: ("attempt_not_finished", "score", None, {"state": "Not yet graded"}),
                                 3: ("attempt_not_finished", "score", None, {"state": "text, 18 characters"})}
    assert quiz.grid.iloc[1].tolist()[5:] == ["15.00/20", "1", None]  # partial credit: no item
    assert quiz.grid.iloc[2].tolist()[5:] == [None, None, None]
