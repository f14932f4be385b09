"""Test-score exports of other tools, written in each tool's own shape (tests/test_quiz_exports.py reads them).

Moodle's gradebook export (Grades > Export), Moodle's quiz grades report (Quiz > Results > Grades, downloaded),
SurveyMonkey's individual responses (two header rows), a Google Forms quiz's responses, and a hand-made workbook
with a two-level header. Names are made up from syllables (test_real_exports): no real person's name is committed.
"""
from __future__ import annotations

from filemaker import write_csv, write_defaults, write_xlsx
from test_real_exports import FIRST, LAST

# Moodle quiz grades, out of 10 (Moodle's default maximum grade): pre and post of 12 people
PRE = [6.0, 4.5, 7.0, 5.0, 3.5, 8.0, 6.5, 5.5, 4.0, 7.5, 6.0, 5.0]
POST = [8.5, 7.0, 9.0, 7.5, 6.0, 9.5, 8.0, 8.0, 6.5, 9.0, 7.5, 7.0]
NOT_ATTEMPTED_PRE = (3, 9)   # a `-`: the person did not attempt the pre-test
NOT_ATTEMPTED_POST = (5,)
MOODLE_DOWNLOADED = 1684231234  # `Last downloaded from this course`: a Unix timestamp, the export's own time


def _moodle_cell(value: float, missing: bool) -> str:
    return "-" if missing else f"{value:.2f}"


def moodle_gradebook(raw, percentage: bool = False, name: str = "ETP-2023 Grades.csv"):
    """Grades > Export > Plain text file (or Excel with `percentage`, whose export shows the Real and Percentage
    display types): identity columns, one column per graded item, the course total, a letter, the time of
    download. An assignment (not a test) sits between the quizzes."""
    kinds = ["Real", "Percentage"] if percentage else ["Real"]
    items = [("Quiz: Pre-test", PRE, NOT_ATTEMPTED_PRE), ("Assignment: Plan de inspección", None, ()),
             ("Quiz: Post-test", POST, NOT_ATTEMPTED_POST)]
    header = ["First name", "Last name", "ID number", "Institution", "Department", "Email address"]
    header += [f"{item} ({kind})" for item, _, _ in items for kind in kinds]
    header += [f"Course total ({kind})" for kind in kinds] + (["Course total (Letter)"] if percentage else [])
    header += ["Last downloaded from this course"]
    rows = [header]
    for i in range(12):
        cells = [FIRST[i], LAST[i], f"PY-{4100 + i}", "Ministerio de Trabajo", "Dirección de Inspección",
                 f"{FIRST[i].lower()}.{LAST[i].lower()}@example.org"]
        total = 0.0
        for item, scores, missing in items:
            value = scores[i] if scores else 60.0 + 2 * i  # the assignment: points out of 100
            gone = i in missing
            total += 0 if gone else value
            cells.append(_moodle_cell(value, gone))
            if percentage:
                cells.append("-" if gone else f"{100 * value / (10 if scores else 100):.2f} %")
        cells.append(f"{total:.2f}")
        if percentage:
            cells += [f"{100 * total / 120:.2f} %", "B" if total > 80 else "C"]
        cells.append(MOODLE_DOWNLOADED)
        rows.append(cells)
    path = raw / name
    if name.endswith(".csv"):
        write_csv(path, rows)
    else:
        write_xlsx(path, {"ETP-2023 Grades": rows})
    write_defaults(path, {"País": "Paraguay", "Modelo": "Living Lab", "Curso": "ETP Inspección 2023"})
    return path


QUIZ_GRADES = [7.0, 5.0, 8.0, 6.0, 9.0, 4.0, 7.0, 8.0, 6.0, 10.0]   # finished attempts, out of 10


def moodle_quiz_report(raw, name: str = "ETP-2023-Pre-test-grades.csv"):
    """Quiz > Results > Grades, downloaded: one row per attempt (State, Started on, Completed, Time taken), the
    grade out of the maximum its header says (`Grade/10.00`), each question's mark out of its own (`Q. 1 /1.00`),
    an attempt still in progress and one never submitted (`-` for their marks), and `Overall average` at the
    bottom. Which test it is the file name says (Moodle names it course-quiz-grades)."""
    questions = [f"Q. {q} /1.00" for q in range(1, 11)]
    rows = [["Surname", "First name", "Institution", "Department", "Email address", "State", "Started on",
             "Completed", "Time taken", "Grade/10.00", *questions]]
    for i, grade in enumerate(QUIZ_GRADES):
        marks = ["1.00" if q < grade else "0.00" for q in range(10)]
        rows.append([LAST[i], FIRST[i], "Policía Nacional", "", f"u{i}@example.org", "Finished",
                     f"{3 + i % 2} May 2023  9:{10 + i:02d} AM", f"{3 + i % 2} May 2023  9:{31 + i:02d} AM",
                     f"{21} mins {i} secs", f"{grade:.2f}", *marks])
    rows.append([LAST[10], FIRST[10], "Policía Nacional", "", "u10@example.org", "In progress", "4 May 2023  9:40 AM",
                 "-", "-", "-", *(["-"] * 10)])
    rows.append([LAST[11], FIRST[11], "Policía Nacional", "", "u11@example.org", "Never submitted",
                 "4 May 2023  9:12 AM", "-", "-", "-", *(["-"] * 10)])
    averages = [f"{sum(1 for g in QUIZ_GRADES if q < g) / len(QUIZ_GRADES):.2f}" for q in range(10)]
    rows.append(["Overall average", "", "", "", "", "", "", "", "", f"{sum(QUIZ_GRADES) / 10:.2f}", *averages])
    path = write_csv(raw / name, rows, encoding="utf-8-sig")
    write_defaults(path, {"País": "Paraguay", "Modelo": "Living Lab", "Curso": "ETP Inspección 2023"})
    return path


SURVEY_SCORES = [12, 9, 15, 11, 7, 14, 10, 13]   # out of 15


def surveymonkey(raw, name: str = "Prueba de entrada - Taller ETP.xlsx"):
    """SurveyMonkey's individual responses (Excel): the question in row 1 and, in row 2, `Response`,
    `Open-Ended Response` or each option of a multiple-choice question; the tool's own columns first; the quiz's
    `Score` as points out of the quiz's total (`12 / 15`)."""
    q1 = "¿Cuál es la edad mínima de admisión al empleo?"
    rows = [["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
             "Last Name", "Custom Data 1", "Nombre y apellido", "Institución", q1, None, None, "Score"],
            [None, None, None, None, None, None, None, None, None, "Open-Ended Response", "Response", "14 años",
             "16 años", "18 años", None]]
    for i, score in enumerate(SURVEY_SCORES):
        pick = [None, None, None]
        pick[i % 3] = ["14 años", "16 años", "18 años"][i % 3]
        rows.append([11400000000 + 7 * i, 402345678, f"05/03/2023 09:{10 + i:02d}:00 AM",
                     f"05/03/2023 09:{30 + i:02d}:00 AM", f"190.104.{i}.{20 + i}", None, None, None, None,
                     f"{FIRST[i]} {LAST[i]}", "Fiscalía", *pick, f"{score} / 15"])
    path = write_xlsx(raw / name, {"Sheet": rows})
    write_defaults(path, {"País": "Paraguay", "Modelo": "Living Lab", "Curso": "Taller ETP"})
    return path


FORM_SCORES = ["7 / 10", "9 / 10", "6/10", "8 / 10", "10 / 10", "5 / 10"]


def google_forms_quiz(raw, name: str = "Prueba de salida - Taller ETP (respuestas).csv"):
    """A Google Forms quiz's responses, downloaded as CSV (Google names it `<form title> (respuestas)`): the
    timestamp, the e-mail the form collected, the score as Forms writes it (`7 / 10`), then the questions."""
    rows = [["Marca temporal", "Dirección de correo electrónico", "Puntuación", "Nombre completo", "Institución",
             "¿Qué es el trabajo infantil peligroso?", "¿Quién inspecciona los lugares de trabajo?"]]
    for i, score in enumerate(FORM_SCORES):
        rows.append([f"2023/05/12 10:{31 + i:02d}:04 a. m. GMT-4", f"p{i}@example.org", score,
                     f"{FIRST[i]} {LAST[i]}", "Ministerio de Trabajo", "El que daña la salud", "El MTESS"])
    path = write_csv(raw / name, rows)
    write_defaults(path, {"País": "Paraguay", "Modelo": "Living Lab", "Curso": "Taller ETP"})
    return path


HAND_PRE = [12, 9, 15, 11, 7, 14, 10, 13, 8, 16]          # out of 20
HAND_POST = [16, 14, 18, 15, 12, 19, 13, None, 13, 20]    # one person missed the post-test


def hand_made(raw, name: str = "Paraguay pre post taller inspección.xlsx"):
    """A workbook made by hand: a title, label cells (`Máximo: 20`), a two-level header (`Pre-test` and
    `Post-test` merged over `Puntaje | %`, the share an Excel formula's 0.6), an average row at the bottom, and a
    `Resumen` sheet holding the charts' figures."""
    rows = [["Resultados de pruebas - Taller de inspección laboral"], ["País: Paraguay"], ["Modelo: Living Lab"],
            ["Taller: Inspección laboral"], ["Máximo: 20"], [],
            ["N°", "Nombre y apellido", "Institución", "Pre-test", None, "Post-test", None],
            [None, None, None, "Puntaje", "%", "Puntaje", "%"]]
    for i, (pre, post) in enumerate(zip(HAND_PRE, HAND_POST)):
        rows.append([i + 1, f"{FIRST[i]} {LAST[i]}", "MTESS", pre, pre / 20, post, None if post is None else post / 20])
    posts = [p for p in HAND_POST if p is not None]
    rows.append([None, "Promedio", None, sum(HAND_PRE) / 10, sum(HAND_PRE) / 200, sum(posts) / len(posts),
                 sum(posts) / len(posts) / 20])
    summary = [["Resumen para gráficos"], [None, "Pre-test", "Post-test"],
               ["Promedio", sum(HAND_PRE) / 10, sum(posts) / len(posts)], ["Máximo", max(HAND_PRE), max(posts)],
               ["Mínimo", min(HAND_PRE), min(posts)], ["Aprobados (≥ 14)", 3, 7]]
    merges = {"Notas": [(6, 3, 6, 4, "Pre-test"), (6, 5, 6, 6, "Post-test")]}
    return write_xlsx(raw / name, {"Notas": rows, "Resumen": summary}, merges=merges)
