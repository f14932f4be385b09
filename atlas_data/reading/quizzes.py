"""Test scores written by other tools, read as a person reads them: Moodle's gradebook export and its quiz grades
report, SurveyMonkey's responses, a Google Forms quiz, and a sheet made by hand with `Pre-test` and `Post-test`
merged over `Puntaje | %` (README "Files written by anyone").

Each is known by the headers its tool always writes, and its grid is rewritten into the contract's shape before
the layout is detected: a column per test under the contract's own header (`pre`, `post`), a score with the
maximum the file gives (`7.00/10.00`), a question's mark as 1 or 0. The tool's bookkeeping, course totals, letter
grades, and a percentage beside its points are dropped: one test is one score, never two. What the file does not
say is asked for, never guessed: points with no maximum (Moodle's `Real`), an attempt not finished.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from atlas_data.reading.headers import match_header, words
from atlas_data.reading.layout import _wide_test_index
from atlas_data.reading.meetings import FORM_TIMESTAMPS   # a Forms sheet's first header, quiz or sign-in
from atlas_data.reading.numbers import parse_number
from atlas_data.reading.parsers import parse_test_type
from atlas_data.reading.privacy import shown_value
from atlas_data.reading.text import norm_key

MOODLE_GRADEBOOK, MOODLE_QUIZ, SURVEYMONKEY, FORMS_QUIZ, TWO_LEVEL = (
    "moodle_gradebook", "moodle_quiz", "surveymonkey", "forms_quiz", "two_level")
SCAN_ROWS = 30
_K = norm_key

# ------------------------------------------------------------------ which test a name says


def _phrases(*texts: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(words(t)) for t in texts)


# Word runs that name one test in a file, sheet or item name (`ETP-2023-Pre-test-grades.csv`, `Prueba de salida -
# Taller (respuestas)`); a lone `final` or `entrada` says too little there (`Informe final`).
_NAMED = {
    "pre": _phrases("pre test", "pretest", "pre-prueba", "preprueba", "prueba inicial", "prueba de entrada",
                    "evaluación inicial", "evaluación de entrada", "examen de entrada", "test inicial",
                    "test de entrada", "ex ante", "pre evaluación", "preevaluación"),
    "post": _phrases("post test", "posttest", "postest", "post-prueba", "postprueba", "prueba final",
                     "prueba de salida", "evaluación final", "evaluación de salida", "examen final", "test final",
                     "test de salida", "ex post", "post evaluación", "postevaluación"),
    "follow_up": _phrases("follow up", "followup", "prueba de seguimiento", "evaluación de seguimiento",
                          "3 month", "three month"),
}
_THAI_NAMED = {"pre": ("ก่อนเรียน", "ก่อนอบรม"), "post": ("หลังเรียน", "หลังอบรม")}  # Thai writes no spaces


def named_test_type(text: str, whole: bool = False) -> str | None:
    """The one test (`pre`, `post`, `follow_up`) a name speaks of, or None when it names none or two. `whole`: the
    name may be the test's label alone (`Entrada`, a Moodle item), as in a test type column."""
    if not isinstance(text, str) or not text.strip() or len(text) > 300:
        return None
    if whole:
        try:
            found = parse_test_type(text)
        except ValueError:
            found = None
        if found:
            return found
    folded = words(text)
    found = {t for t, phrases in _NAMED.items() for p in phrases
             if any(tuple(folded[k:k + len(p)]) == p for k in range(len(folded) - len(p) + 1))}
    found |= {t for t, parts in _THAI_NAMED.items() if any(p in text for p in parts)}
    return found.pop() if len(found) == 1 else None


# ------------------------------------------------------------------ the rewritten sheet

@dataclass
class QuizExport:
    """A sheet of test scores written by a tool: the grid to read, its header row, and what the layout learns
    from the tool's shape (rows refused before their values are read, points whose maximum the file lacks)."""
    kind: str
    grid: pd.DataFrame
    header_row: int
    table: str | None = "tests"           # None: a survey whose responses hold no score
    points_unstated: bool = False
    row_refusals: dict = field(default_factory=dict)   # grid row -> (code, column, value, fields)

    def apply(self, layout) -> None:
        layout.points_unstated = self.points_unstated
        layout.row_refusals = dict(self.row_refusals)


def _cells(values, labels) -> list[tuple[int, str]]:
    return [(j, v.strip()) for j, v in zip(labels, values) if isinstance(v, str) and v.strip()]


def recognize(grid: pd.DataFrame) -> QuizExport | None:
    """The tool a sheet of test scores comes from, its grid rewritten; None for any other sheet."""
    if grid.empty:
        return None
    labels = list(grid.columns)
    rows = grid.iloc[:SCAN_ROWS].to_numpy(dtype=object).tolist()
    for i, values in enumerate(rows):
        cells = _cells(values, labels)
        if len(cells) < 2:
            continue
        keys = {_K(t) for _, t in cells}
        below = _cells(rows[i + 1], labels) if i + 1 < len(rows) else []
        if _QUIZ_REPORT <= keys and any(_GRADE_OUT_OF.match(t) for _, t in cells):
            return _moodle_quiz(grid, i, cells)
        if sum(1 for _, t in cells if _DISPLAY_TYPE.match(t)) >= 1 and keys & _GRADEBOOK_MARKS:
            return _moodle_gradebook(grid, i, cells)
        if _SURVEYMONKEY <= keys:
            return _surveymonkey(grid, i, cells, below)
        if _K(cells[0][1]) in FORM_TIMESTAMPS and any(match_header("tests", t) == "score" for _, t in cells):
            return _forms_quiz(grid, i, cells)
        if _test_groups(cells, below, labels):
            return _two_level(grid, i, cells, below)
    return None


def _rewrite(grid: pd.DataFrame, header_row: int, headers: dict, cells: dict | None = None) -> pd.DataFrame:
    """A copy of `grid` whose header cells are `headers` (column -> text, None to drop), and whose body cells in
    the columns of `cells` (column -> function of one cell) are rewritten."""
    out = grid.astype(object).copy()
    for j, text in headers.items():
        out.iat[header_row, out.columns.get_loc(j)] = text
    body = slice(header_row + 1, None)
    for j, rewrite in (cells or {}).items():
        k = out.columns.get_loc(j)
        out.iloc[body, k] = [rewrite(v) if isinstance(v, str) else v for v in out.iloc[body, k].tolist()]
    return out


def _dash_blank(value: str):
    """Moodle's `-`: not attempted, no score (never a 0)."""
    return None if value.strip() in ("-", "–", "") else value


def _number(text) -> float | None:
    try:
        return parse_number(text) if isinstance(text, str) and text.strip() not in ("-", "") else None
    except ValueError:
        return None


# ------------------------------------------------------------------ Moodle: the gradebook export

# `Quiz: Pre-test (Real)`: an item and its display type (English and Spanish Moodle)
_DISPLAY_TYPE = re.compile(r"^(?P<item>.+?)\s*\((?P<kind>Real|Percentage|Porcentaje|Letter|Letra)\)\s*$", re.I)
_GRADEBOOK_MARKS = frozenset(_K(h) for h in ("Last downloaded from this course", "Última descarga desde este curso",
                                              "Course total (Real)", "Total del curso (Real)",
                                              "Course total (Percentage)", "Total del curso (Porcentaje)"))
_COURSE_TOTAL = frozenset(_K(h) for h in ("Course total", "Total del curso", "Total curso"))
_ITEM_PREFIX = re.compile(r"^[^:]{1,40}:\s*")   # the activity type before the item's name: `Quiz: `, `Cuestionario: `
_SHOWN = 0.005 + 1e-9  # Moodle shows points and percentages to two decimals


def _moodle_gradebook(grid, header_row, cells) -> QuizExport:
    """Grades > Export: each graded item a column per display type. An item whose name says a test is that
    test; its points (`Real`) are the score, out of the maximum its `Percentage` twin gives, or, with no twin,
    out of a maximum the file lacks (asked for). The course total, letters, other items and the time of the
    download are no test."""
    headers: dict = {}
    items: dict[str, dict[str, int]] = {}
    for j, text in cells:
        m = _DISPLAY_TYPE.match(text)
        if m is None:
            if _K(text) in _GRADEBOOK_MARKS or match_header("tests", text) is None:
                headers[j] = None  # `Last downloaded from this course`: the export's time, no test's
            continue
        kind = {"porcentaje": "percentage", "letra": "letter"}.get(m["kind"].lower(), m["kind"].lower())
        items.setdefault(m["item"].strip(), {})[kind] = j
        headers[j] = None
    rewrites: dict = {}
    unstated = False
    for item, columns in items.items():
        name = _ITEM_PREFIX.sub("", item)
        test = None if _K(item) in _COURSE_TOTAL else named_test_type(name, whole=True)
        if test is None:
            continue
        real, pct = columns.get("real"), columns.get("percentage")
        maximum = _twin_maximum(grid, header_row, real, pct) if real is not None and pct is not None else None
        if real is not None and (maximum is not None or pct is None):
            headers[real] = test
            rewrites[real] = _out_of(maximum)
            unstated = unstated or maximum is None
        elif pct is not None:
            headers[pct] = test
            rewrites[pct] = _dash_blank
    out = _rewrite(grid, header_row, headers, rewrites)
    return QuizExport(MOODLE_GRADEBOOK, out, header_row, table="tests" if rewrites else None,
                      points_unstated=unstated)


def _twin_maximum(grid, header_row, real, pct) -> float | None:
    """The maximum that points and their percentage twin agree on in every row (7.00 and 70.00 % -> 10): taken
    from the highest points (the figure least blurred by rounding to two decimals), then checked on each row; None
    when no row tells (all `-` or 0) or a row disagrees (the percentage is then the score)."""
    pairs = [(p, s) for p, s in ((_number(a), _number(b)) for a, b in zip(grid[real].iloc[header_row + 1:].tolist(),
                                                                          grid[pct].iloc[header_row + 1:].tolist()))
             if p is not None and s is not None]
    told = [(p, s) for p, s in pairs if p > 0 and s > 0]
    if not told:
        return None
    points, share = max(told)
    maximum = round(100.0 * points / share, 2)
    blur = _SHOWN + 100.0 * _SHOWN / maximum  # each figure shown to two decimals
    if any(p > maximum or abs(100.0 * p / maximum - s) > blur for p, s in pairs):
        return None
    return maximum


def _out_of(maximum: float | None):
    """A Moodle points cell as the contract reads it: `7.00/10` with its maximum, blank for `-`."""
    def rewrite(value: str):
        value = _dash_blank(value)
        if value is None or maximum is None or _number(value) is None:
            return value
        return f"{value}/{maximum:g}"
    return rewrite


# ------------------------------------------------------------------ Moodle: the quiz grades report

_QUIZ_REPORT = frozenset(_K(h) for h in ("State", "Started on", "Time taken"))
_GRADE_OUT_OF = re.compile(r"^\s*(?:Grade|Calificaci[oó]n|Nota)\s*/\s*(?P<max>\d+(?:[.,]\d+)?)\s*$", re.I)
_QUESTION = re.compile(r"^\s*(?:Q|P)\.\s*(?P<n>\d{1,3})\s*/\s*(?P<max>\d+(?:[.,]\d+)?)\s*$", re.I)
_FINISHED = frozenset(_K(s) for s in ("Finished", "Finalizado", "Terminado", "เสร็จสมบูรณ์"))
# Moodle's own words for an attempt with no score yet: quoted in the refusal as they stand (no one's data)
_UNSCORED = frozenset(_K(s) for s in ("In progress", "Overdue", "Never submitted", "Abandoned", "Not yet graded",
                                       "Requires grading", "En curso", "En progreso", "Vencido", "Nunca enviado",
                                       "Nunca presentado", "Abandonado", "Sin calificar", "Aún no calificado",
                                       "Requiere calificación"))


def _moodle_quiz(grid, header_row, cells) -> QuizExport:
    """Quiz > Results > Grades: one row per attempt. A finished attempt's grade is out of the maximum its header
    says (`Grade/10.00`), a question's mark right (1) or wrong (0) when full or none; an attempt in progress or
    never submitted is no score and refused with its state; `Started on` is the test's day. Which test it is
    comes from the file's name (see `named_test_type`)."""
    headers: dict = {}
    rewrites: dict = {}
    refusals: dict = {}
    by_key = {_K(t): j for j, t in cells}
    for j, text in cells:
        grade, question = _GRADE_OUT_OF.match(text), _QUESTION.match(text)
        if grade:
            headers[j], rewrites[j] = "score", _out_of(parse_number(grade["max"]))
        elif question:
            headers[j], rewrites[j] = f"Q{question['n']}", _full_or_none(parse_number(question["max"]))
        elif _K(text) in _QUIZ_REPORT | {_K("Completed")}:
            headers[j] = "test_date" if _K(text) == _K("Started on") else None
    state = by_key.get(_K("State"))
    grade = next(j for j, t in cells if _GRADE_OUT_OF.match(t))
    body = range(header_row + 1, len(grid))
    for row, said, mark in zip(body, grid[state].iloc[header_row + 1:].tolist(), grid[grade].iloc[header_row + 1:]):
        if isinstance(said, str) and said.strip() and _K(said) not in _FINISHED:
            refusals[row] = ("attempt_not_finished", "score", None, {"state": _state_shown(said)})
        elif isinstance(mark, str) and _K(mark) in _UNSCORED:  # finished, its essay not graded yet
            refusals[row] = ("attempt_not_finished", "score", None, {"state": _state_shown(mark)})
    out = _rewrite(grid, header_row, headers, rewrites)
    for row in refusals:  # its `-` marks are no answers
        for j in rewrites:
            out.iat[row, out.columns.get_loc(j)] = None
    return QuizExport(MOODLE_QUIZ, out, header_row, row_refusals=refusals)


def _state_shown(text: str) -> str:
    """An attempt's state as the refusal quotes it: Moodle's word as it stands, any other text only by its kind."""
    return text.strip() if _K(text) in _UNSCORED else shown_value(text)


def _full_or_none(maximum: float):
    """A question's mark as an item: full marks `1`, none `0`; partial credit and `-` give no item."""
    def rewrite(value: str):
        mark = _number(value)
        return "1" if mark is not None and mark == maximum else "0" if mark == 0 else None
    return rewrite


# ------------------------------------------------------------------ SurveyMonkey: two header rows

_SURVEYMONKEY = frozenset(_K(h) for h in ("Respondent ID", "Collector ID"))
_SURVEYMONKEY_OWN = frozenset(_K(h) for h in ("Respondent ID", "Collector ID", "Start Date", "End Date",
                                               "IP Address")) | {_K(f"Custom Data {n}") for n in range(1, 10)}
_RESPONSE = frozenset(_K(h) for h in ("Response", "Open-Ended Response", "Respuesta", "Respuesta abierta",
                                       "Other (please specify)"))


def _surveymonkey(grid, header_row, cells, below) -> QuizExport:
    """SurveyMonkey's responses: the question in the first header row, `Response` (or each option of a multiple
    choice) in the second; the tool's own columns (respondent and collector IDs, times, the IP address) dropped.
    A scored column makes the sheet a test; without one its headers decide as for any sheet."""
    headers = {j: None for j, t in cells if _K(t) in _SURVEYMONKEY_OWN}
    for j, sub in below:
        group = _group_of(cells, j)
        if group is not None and group[0] not in headers and _K(sub) not in _RESPONSE:
            headers[j] = f"{group[1]}: {sub}"  # an option of a multiple-choice question: no column of ours
    out = _rewrite(grid, header_row, headers)
    out.iloc[header_row + 1] = None
    scored = any(match_header("tests", t) == "score" for j, t in cells if j not in headers)
    return QuizExport(SURVEYMONKEY, out, header_row, table="tests" if scored else None)


def _group_of(cells, j) -> tuple[int, str] | None:
    """The header cell at or left of column `j` whose span (blank cells to its right) holds `j`."""
    left = [(k, t) for k, t in cells if k <= j]
    return left[-1] if left else None


# ------------------------------------------------------------------ Google Forms: a quiz's responses

# Google Forms' first column in English, Spanish, Thai, Portuguese and French sheets.
_YEAR_FIRST = re.compile(r"^\s*(\d{4})[/-](\d{1,2})[/-](\d{1,2})\b")


def _forms_quiz(grid, header_row, cells) -> QuizExport:
    """A Google Forms quiz: its `Score` / `Puntuación` (`7 / 10`) is the test's score out of its maximum; the
    timestamp is the test's day where Forms wrote it year first (`2023/05/12 10:31:04`), else it is dropped (a
    day-first or month-first stamp cannot be told apart here)."""
    stamp = cells[0][0]
    body = [v for v in grid[stamp].iloc[header_row + 1:].tolist() if isinstance(v, str) and v.strip()]
    if body and all(_YEAR_FIRST.match(v) for v in body):
        out = _rewrite(grid, header_row, {stamp: "test_date"},
                       {stamp: lambda v: "-".join(_YEAR_FIRST.match(v).groups()) if _YEAR_FIRST.match(v) else v})
    else:
        out = _rewrite(grid, header_row, {stamp: None})
    return QuizExport(FORMS_QUIZ, out, header_row)


# ------------------------------------------------------------------ by hand: `Pre-test` merged over `Puntaje | %`

_POINTS = frozenset(_K(h) for h in ("Puntaje", "Puntos", "Nota", "Score", "Points", "Pts", "Calificación",
                                     "Resultado", "คะแนน"))
_SHARE = frozenset(_K(h) for h in ("%", "Porcentaje", "Percentage", "Percent", "Pct", "ร้อยละ"))


def _test_groups(cells, below, labels) -> dict[int, list[tuple[int, str]]]:
    """A header row's tests merged over a row of their parts (`Pre-test` over `Puntaje | %`): test column -> its
    parts. Each part stands in the span of a test (its column, and the blank ones to its right), and is a
    points or share label; none at all when the row below is no such row of parts."""
    if not below or any(_K(t) not in _POINTS | _SHARE for _, t in below):
        return {}
    filled = {j for j, _ in cells}
    groups: dict[int, list[tuple[int, str]]] = {}
    for j, sub in below:
        group = _group_of(cells, j)
        if group is None or _K(group[1]) not in _wide_test_index():
            return {}
        if any(k in filled for k in labels[labels.index(group[0]) + 1:labels.index(j) + 1]):
            return {}  # not in the span: a filled header stands between
        groups.setdefault(group[0], []).append((j, sub))
    return groups if sum(len(parts) for parts in groups.values()) >= 2 else {}


def _two_level(grid, header_row, cells, below) -> QuizExport:
    """Each test over its parts: the points are its score (out of the maximum a `Máximo: 20` cell, a column or
    the file gives); a share beside them is the same score again and is dropped; a share alone is the score out
    of 100 (Excel's 0.6 is 60 %). The row of parts is no person."""
    labels = list(grid.columns)
    headers: dict = {}
    rewrites: dict = {}
    for group, parts in _test_groups(cells, below, labels).items():
        test = grid.iat[header_row, labels.index(group)].strip()
        points = [j for j, t in parts if _K(t) in _POINTS]
        shares = [j for j, t in parts if _K(t) in _SHARE]
        for j, _ in parts:
            headers[j] = None
        if points:
            headers[points[0]] = test
        elif shares:
            headers[shares[0]] = test
            rewrites[shares[0]] = _as_percent(grid[shares[0]].iloc[header_row + 2:].tolist())
        if group not in headers:
            headers[group] = None
    out = _rewrite(grid, header_row, headers, rewrites)
    out.iloc[header_row + 1] = None
    return QuizExport(TWO_LEVEL, out, header_row)


def _as_percent(column: list):
    """A share column as percentages: Excel's fractions (0.6) when none is above 1, else the figures as written."""
    figures = [_number(v) for v in column if isinstance(v, str)]
    fractions = all(f is None or 0 <= f <= 1 for f in figures)

    def rewrite(value: str):
        figure = _number(value)
        if figure is None or value.strip().endswith("%"):
            return value
        return f"{100 * figure:g}%" if fractions else f"{figure:g}%"
    return rewrite
