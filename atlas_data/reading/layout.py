"""Find the table in a sheet: which contract table it holds, where its header row is, what each column means.

A sheet is a grid of text (see readers.py). The header row is looked for in the first 30 rows; above it,
label–value cells (`País:` `Paraguay`) and a section row may give values to the whole table. KII tallies
printed as in evaluation reports (a question row, a row of answer labels, a row of counts; or one row per
aspect with one column per answer label) are recognized as `kii_counts` grids.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from atlas_data import contract as C
from atlas_data.reading import headers as H
from atlas_data.reading.parsers import is_answer_label, norm_key, parse_date, parse_period

HEADER_SCAN_ROWS = 30
TALLY_SCAN_ROWS = 400  # a report-style tally has a row of answer labels among the first rows
PERSON_COLUMNS = C.PERSON_COLUMNS
# `Nombre` beside `Apellido(s)` is the first name (Moodle, most rosters that split names).
BARE_NAME_KEYS = frozenset(norm_key(h) for h in ("nombre", "name", "nombres", "nombre(s)"))
SESSION_HEADER = re.compile(r"^(session|sesion|dia|day|modulo|module|clase|jornada|encuentro)\d{1,3}$")
ITEM_HEADER = re.compile(r"^(q|p|item|pregunta|question)\d{1,3}$")
GENDER_MARKS = {"f": "Female", "mujer": "Female", "female": "Female", "femenino": "Female",
                "m": "Male", "hombre": "Male", "male": "Male", "masculino": "Male"}
NOTE_KEYS = {norm_key(a) for a in ("observation", "observations", "observación", "observaciones", "notes",
                                    "note", "comments", "comentarios", "nota", "notas")}
TOTAL_RE = re.compile(r"^\s*(total|totales|sum|suma)\b", re.IGNORECASE)
# A row of averages under a table (`Promedio`, Moodle's `Overall average`): a summary of the rows above, no data.
AVERAGE_RE = re.compile(r"^\s*(overall\s+average|average|promedio|mean|media\s+general|ค่าเฉลี่ย)\b", re.IGNORECASE)


@dataclass
class Layout:
    table: str
    header_row: int
    columns: dict[int, str] = field(default_factory=dict)        # grid column -> canonical name
    constants: dict[str, str] = field(default_factory=dict)      # canonical -> text, from label cells
    section_above: str | None = None
    heading: str = ""                                            # all text above the header, for `unit`
    session_cols: dict[int, str] = field(default_factory=dict)   # wide roster: column -> header text
    wide_test_cols: dict[int, str] = field(default_factory=dict)  # wide tests: column -> test_type
    points_unstated: bool = False      # scores in points of a maximum the file does not state (quizzes.py)
    row_refusals: dict = field(default_factory=dict)  # grid row -> (code, column, value, fields), refused as read
    item_cols: dict[int, str] = field(default_factory=dict)      # test items Q1..Qn: column -> item
    gender_mark_cols: dict[int, str] = field(default_factory=dict)  # F / M mark columns -> gender
    question_cols: dict[int, str] = field(default_factory=dict)  # wide KII coding: column -> question (header)
    period_cols: dict[int, str] = field(default_factory=dict)    # wide targets: column -> period (`Meta 2021`)
    tally_grid: bool = False                                     # kii_counts in report (block/wide) layout
    fallbacks: dict[str, str] = field(default_factory=dict)      # canonical -> text, below the file's defaults
    refusal: tuple | None = None          # (code, column, value, fields): no row can be read safely (meetings.py)
    one_row_per_person: bool = False      # a meeting or form tool's export: a person once per session
    trainer_rows: frozenset = frozenset()  # grid rows whose person ran the meeting (Zoom's host)
    stated_people: int | None = None      # people a meeting report's summary says attended


@lru_cache(maxsize=None)
def _wide_test_index() -> dict[str, str]:
    return {norm_key(a): t for t, aliases in C.TEST_WIDE_ALIASES.items() for a in aliases}


def _filled(row) -> list[tuple[int, str]]:
    return [(j, v) for j, v in row.items() if isinstance(v, str) and v.strip()]


_DATE_INSIDE = re.compile(r"\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
                          r"|\d{1,2}\s+(?:de\s+)?[^\W\d_]{3,10}\.?\s+(?:de\s+)?\d{4})\b")


def session_date(text: str, parse=parse_date):
    """The day a session column's header names, or None: a date (`15/06/2021`, `Día 1` is no date), also
    inside a longer header as exports write it (`03.09.19 14:00 Todos los estudiantes`, `Lun 03/09/2019`).
    `parse`: the sheet's headers' own reader (`dates.column_date_parser`), whose refusal of a date that reads
    both ways in headers written both ways is raised, not taken for no date."""
    parsed = _date_or_none(parse, text)
    if parsed is None and isinstance(text, str) and len(text) <= 80:
        found = _DATE_INSIDE.search(text)
        if found:
            parsed = _date_or_none(parse, found.group(1))
    return None if parsed is None else parsed[0]


def _date_or_none(parse, text):
    """`parse(text)`, None when it is no date; a date that reads both ways among headers written both ways is
    raised, not taken for no date."""
    try:
        return parse(text)
    except ValueError as exc:
        if getattr(exc, "code", None) == "date_order_ambiguous":
            raise
        return None


def header_date_text(text) -> str | None:
    """The date a session column's header writes (`Lun 03/09/2019` -> `03/09/2019`), for the headers' order."""
    if not isinstance(text, str) or len(text) > 80:
        return None
    found = _DATE_INSIDE.search(text)
    return found.group(1) if found else text


def is_date_header(text: str) -> bool:
    return session_date(text) is not None


def _score_row(row_cells: list[tuple[int, str]], table: str, given: frozenset = frozenset(),
               kind_of=None, overrides: dict[str, str | None] | None = None, kobo: bool = False):
    """(is candidate, matched count, Layout parts) for one header row against one table; `given` are
    columns that label cells above the row (`Fecha:` …) supply for the whole table; `kind_of(j)` says what
    the values below a header hold (headers.profile), so names under a count header are not a count;
    `overrides` (a saved mapping: norm_key(header) -> column, or None to ignore it) come first."""
    columns: dict[int, str] = {}
    sessions: dict[int, str] = {}
    wide_tests: dict[int, str] = {}
    items: dict[int, str] = {}
    marks: dict[int, str] = {}
    questions: dict[int, str] = {}
    periods: dict[int, str] = {}
    names = C.TABLES[table].names
    for j, text in row_cells:
        key = norm_key(text)
        if not key:
            continue
        if overrides and key in overrides:
            target = overrides[key]
            if target == SESSION_MARKS and table == "attendance":
                sessions[j] = text.strip()
            elif target in names and target not in columns.values():
                columns[j] = target
            continue
        canonical = H.match_header(table, text, kobo=kobo)
        if kind_of is not None and (canonical or table in ("attendance", "tests")
                                    and H.match_header("events", text) == "participants"):
            canonical = H.reconsider(table, canonical, kind_of(j), text)
        if canonical and canonical not in columns.values():
            columns[j] = canonical
            continue
        if table == "attendance" and (SESSION_HEADER.match(key) or is_date_header(text)):
            sessions[j] = text.strip()
        elif table == "tests" and key in _wide_test_index():
            wide_tests[j] = _wide_test_index()[key]
        elif table == "tests" and ITEM_HEADER.match(key):
            items[j] = text.strip()
        elif table == "targets" and target_period(text):
            periods[j] = target_period(text)
        elif table == "kii_answers" and kind_of is not None and _is_question_header(text) \
                and kind_of(j) == H.ANSWERS:
            questions[j] = text.strip()
        if table in ("attendance", "tests", "kii_answers") and key in GENDER_MARKS:
            marks[j] = GENDER_MARKS[key]
    if "gender" in columns.values():
        marks = {}
    if "last_name" in columns.values():
        for j, name in list(columns.items()):
            if name == "participant_name" and norm_key(dict(row_cells)[j]) in BARE_NAME_KEYS \
                    and "first_name" not in columns.values():
                columns[j] = "first_name"
    present = set(columns.values()) | set(given)
    if present & set(PERSON_COLUMNS) or present & set(C.PERSON_NAME_PARTS):
        present.add("participant")
    spec = C.TABLES[table]
    candidate = any(set(sig) <= present for sig in spec.signatures)
    if table == "attendance" and "participant" in present and sessions:
        candidate = True
    if table == "tests" and "participant" in present and wide_tests:
        candidate = True
    if len(questions) < 2:
        questions = {}  # one column of answers is no interview coding sheet (an `Asistió` column, say)
    if table == "kii_answers" and "respondent_id" in present and questions and "answer" not in present:
        candidate = True
    if table == "targets" and "indicator" in present and periods and "target" not in present:
        candidate = True
    matched = (len(columns) + len(wide_tests) + min(len(sessions), 3) + len(marks) // 2 + min(len(questions), 3)
               + min(len(periods), 2))
    return candidate, matched, (columns, sessions, wide_tests, items, marks, questions, periods)


_TARGET_WORDS = frozenset(("meta", "metas", "target", "targets", "objetivo", "goal", "ano", "year", "de", "del", "para",
                           "fy", "af"))


def target_period(text: str) -> str | None:
    """The period a targets column names: `2021`, `FY2022`, `Meta 2021`, `Target FY22`; None otherwise (an
    `Actual 2021` or `Logro 2021` column is no target)."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    parts = H.words(text)
    rest = [w for w in parts if w not in _TARGET_WORDS]
    if len(rest) != 1 or not rest[0].isdigit():
        return None
    try:
        found = parse_period(("FY" if {"fy", "af"} & set(parts) else "") + rest[0])
    except ValueError:
        return None
    return found[0] if found else None


def _is_question_header(text: str) -> bool:
    """A header that names no column of any table: in an interview coding sheet, a question."""
    return not any(H.match_header(t, text) for t in ("attendance", "tests", "events", "kii_answers"))


# A mapping target that is not one column: the marks of one session in a wide roster (its header names it).
SESSION_MARKS = "session_marks"


def answer_label_row(cells: list[tuple[int, str]]) -> bool:
    """A row of answer labels (Yes / No / Partially …): at least two known labels, little else."""
    labels = sum(1 for _, t in cells if is_answer_label(t))
    return labels >= 2 and labels >= len(cells) - 2


def detect(grid: pd.DataFrame, forced_table: str | None = None,
           overrides: dict[str, str | None] | None = None, context: str = "") -> Layout | None:
    """The layout of the table in `grid`, or None when no contract table is recognized. `overrides` is a
    saved mapping for this sheet (norm_key(header) -> column or None), with `forced_table` its table;
    `context` the sheet's and the file's names (see `counts_interviewees`)."""
    if grid.empty:
        return None
    top = grid.iloc[:TALLY_SCAN_ROWS]
    labels = list(top.columns)
    top_rows = [[(j, v) for j, v in zip(labels, values) if isinstance(v, str) and v.strip()]  # _filled per row
                for values in top.to_numpy(dtype=object).tolist()]
    rows = top_rows[:HEADER_SCAN_ROWS]
    kobo = any(norm_key(t) in KOBO_MARKERS for cells in rows[:3] for _, t in cells)
    tables = [forced_table] if forced_table else [t for t in C.TABLES if t != "kii_counts"] + ["kii_counts"]
    best = None  # (candidate, matched, -row, table_order) , row, table, parts
    for i, cells in enumerate(rows):
        if len(cells) < 2 and not (forced_table and cells):
            continue
        kind_of = _column_kinds(grid, i)
        for order, table in enumerate(tables):
            given = frozenset(_label_values(rows, i, table)) if i else frozenset()
            candidate, matched, parts = _score_row(cells, table, given, kind_of, overrides, kobo)
            if matched == 0:
                continue
            if table == "respondents" and candidate and not forced_table \
                    and not counts_interviewees(cells, parts[0], rows[:i], context):
                candidate = False
            key = (candidate, matched, -i, -order)
            if best is None or key > best[0]:
                best = (key, i, table, parts)
    has_tally_rows = any(answer_label_row(cells) for cells in top_rows)
    if has_tally_rows and (forced_table in (None, "kii_counts")) and (best is None or not best[0][0]
                                                                       or best[2] == "kii_counts"):
        if best is None or best[2] != "kii_counts" or not best[0][0]:
            first_labels = next(i for i, cells in enumerate(top_rows) if answer_label_row(cells))
            return Layout(table="kii_counts", header_row=-1, tally_grid=True,
                          constants=_label_values(rows, min(first_labels, len(rows)), "kii_counts"))
    if best is None:
        return None
    (candidate, matched, _, _), i, table, parts = best
    if not candidate and not forced_table:
        return None
    columns, sessions, wide_tests, items, marks, questions, periods = parts
    layout = Layout(table=table, header_row=i, columns=columns, session_cols=sessions,
                    wide_test_cols=wide_tests, item_cols=items, gender_mark_cols=marks,
                    question_cols=questions, period_cols=periods)
    if table == "indicators" and not looks_like_indicators(grid, layout):
        return None  # `ID, Nombre` holding people: never an indicator catalogue (nor stored as one)
    layout.constants = _label_values(rows, i, table)
    layout.heading = " ".join(t for cells in rows[:i] for _, t in cells)
    if i > 0:
        above = rows[i - 1]
        if len(above) == 1 and above[0][0] == min(j for j, _ in rows[i]) and not above[0][1].strip().endswith(":"):
            layout.section_above = above[0][1]
    return layout


# Words that say a count is of people interviewed (`# de entrevistados`, `Key informants`, a heading `Perfil de
# los informantes clave`, a file `Tabulación entrevistas`): matched as the start of a folded word.
_INTERVIEW_STEMS = ("entrevist", "informant", "respondent", "respondid", "encuestad", "interview", "kii")
_THAI_INTERVIEW = ("ผู้ให้ข้อมูล", "สัมภาษณ์")  # informant, interview: Thai has no spaces between words


def _speaks_of_interviews(text: str) -> bool:
    return any(w.startswith(_INTERVIEW_STEMS) for w in H.words(text)) or any(t in text for t in _THAI_INTERVIEW)


def counts_interviewees(cells: list[tuple[int, str]], columns: dict[int, str], above, context: str = "") -> bool:
    """Whether a header row of `respondents` (institution + a count) counts people interviewed: its count header
    says so (`# of respondents`, `entrevistados`), or a generic one (`Cantidad`, `Número`, `Count`) stands under
    a heading, or in a sheet or file, that speaks of interviews. A list of the institutions at a workshop with a
    `Cantidad` of participants is no count of interviewees."""
    header = dict(cells)
    count_header = next((header[j] for j, name in columns.items() if name == "n"), "")
    texts = [count_header, context] + [t for row in above for _, t in row]
    return any(_speaks_of_interviews(t) for t in texts if t)


KOBO_MARKERS = frozenset(norm_key(h) for h in ("_uuid", "_submission_time", "_index", "meta/instanceID",
                                                 "_submitted_by", "_validation_status"))


def _column_kinds(grid: pd.DataFrame, header_row: int):
    """`kind_of(j)`: what the cells below `header_row` in grid column `j` hold (headers.profile), computed
    on first use from the next PROFILE_ROWS rows."""
    below = grid.iloc[header_row + 1:header_row + 1 + H.PROFILE_ROWS]
    cache: dict = {}

    def kind_of(j) -> str:
        if j not in cache:
            cache[j] = H.profile(below[j].tolist()) if j in below.columns else H.EMPTY
        return cache[j]
    return kind_of


def _label_values(rows: list[list[tuple[int, str]]], header_row: int, table: str) -> dict[str, str]:
    """`Label:` `value` cells above the header (or `Label: value` in one cell) naming a column of `table`."""
    found: dict[str, str] = {}
    for cells in rows[:max(header_row, 0)]:
        for k, (_, text) in enumerate(cells):
            stripped = text.strip()
            if stripped.endswith(":") and k + 1 < len(cells):
                label, value = stripped[:-1], cells[k + 1][1]
            elif ":" in stripped and not stripped.endswith(":"):
                label, _, value = stripped.partition(":")
            else:
                continue
            canonical = H.match_header(table, label)
            if canonical is None and norm_key(label) in {norm_key(a) for a in ("participant", "nombre")}:
                continue
            if canonical and value.strip() and canonical not in found:
                found[canonical] = value.strip()
    return found


def is_total_label(text) -> bool:
    return isinstance(text, str) and bool(TOTAL_RE.match(text))


def is_average_label(text) -> bool:
    return isinstance(text, str) and bool(AVERAGE_RE.match(text))


# ------------------------------------------------------------------ indicator catalogue or list of people

# An id that can only be an indicator's: a known prefix and a number (`KI-2`, `OTC 1`, `Outcome 2.1`,
# `IR 3.2a`), or an outline number (`1.1`, `2.1.3`).
_STRONG_INDICATOR_ID = re.compile(
    r"^(?:ki|kpi|otc|oc|op|ir|sub-?ir|ind|indicator|indicador|outcome|output|result|resultado|producto|"
    r"objective|objetivo|so|po)\s*[-_.#:]?\s*\d+(?:[.-]\d+)*[a-z]?$|^\d+(?:\.\d+)+[a-z]?$", re.IGNORECASE)
_HAS_LETTER_AND_DIGIT = re.compile(r"^(?=.*[^\W\d_])(?=.*\d).{1,24}$")
_INDICATOR_START = re.compile(
    r"^\s*(?:[#%]|n[º°o]\.?\s|no\.\s*of\b|nro\.?\s+de\b|number\s+of|numero\s+de|cantidad\s+de|"
    r"total\s+(?:de|of)\b|percent|porcentaje|proportion|proporcion|share\s+of|rate\s+of|tasa\s+de|"
    r"average|promedio|individuals|individuos|people|persons|personas|activities|actividades|"
    r"evidence-based|evidence\s+based)", re.IGNORECASE)
_INDICATOR_WORDS = frozenset("""
    activities actividades adopted adoptados adoptadas assessments capacitados capacitadas capacitacion
    cases casos coordination coordinacion events eventos evidence enforcement implemented implementadas
    implementados indicator indicador institutions instituciones institutional institucional judicial labor
    laboral models modelos number numero officials funcionarios participants participantes percentage
    porcentaje policies politicas procedures procedimientos protocols protocolos provided reforms reformas
    strengthened fortalecidas fortalecidos supported support apoyo trained training trainings workshops talleres
    meetings reuniones agreements acuerdos plans planes reports informes referrals derivaciones
""".split())
_NAME_PARTICLES = frozenset("de del la las los y e da do dos das van von der di le du".split())
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’.-][^\W\d_]*)*$")
_SAMPLE_ROWS = 200


def _fold_words(text: str) -> list[str]:
    return [norm_key(w) for w in text.split() if norm_key(w)]


def _indicator_like_name(name: str) -> bool:
    """A name that reads as an indicator: `# of…`, `Number of…`, `Porcentaje de…`, a word of the trade, a
    sentence of six words or more, a figure in it."""
    if _INDICATOR_START.match(name) or any(ch.isdigit() for ch in name):
        return True
    words = _fold_words(name)
    return len(words) >= 6 or any(w in _INDICATOR_WORDS for w in words)


def _person_like_name(name: str) -> bool:
    """Two to five words of letters only (particles such as `de`, `del`, `y` aside), none of the trade's:
    `Ana Prueba Ejemplo`, `PRUEBA, Ana`."""
    words = name.replace(",", " ").split()
    core = [w for w in words if norm_key(w) not in _NAME_PARTICLES]
    return (2 <= len(core) <= 5 and all(_NAME_WORD.match(w) for w in words)
            and not _indicator_like_name(name))


def looks_like_indicators(grid: pd.DataFrame, layout: Layout) -> bool:
    """Whether the rows under an `indicators` header are indicators rather than people. `ID, Nombre` (the
    signature `indicator, name` by its aliases) also heads a list of people; such a sheet is no catalogue.

    Of the first rows with an indicator or a name: when most ids are an indicator's (`KI-2`, `1.1`), yes;
    else when most names are a person's (`Ana Prueba Ejemplo`), no; else yes only when most rows have an
    id with a letter and a digit (`PY-1`) or a name that reads as an indicator (`Number of…`)."""
    by_name = {name: j for j, name in layout.columns.items()}
    body = slice(layout.header_row + 1, layout.header_row + 1 + 10 * _SAMPLE_ROWS)  # blank rows aside
    cells = [_texts(grid[by_name[c]].iloc[body]) if by_name.get(c) in grid else None for c in ("indicator", "name")]
    length = len(grid.iloc[body])
    rows = []
    for k in range(length):
        ident, name = (column[k] if column is not None else "" for column in cells)
        if (ident or name) and not is_total_label(ident or name):
            rows.append((ident, name))
            if len(rows) >= _SAMPLE_ROWS:
                break
    n = len(rows)
    if n == 0:
        return True  # a header alone: nothing is stored either way

    def most(test) -> bool:
        return 2 * sum(1 for r in rows if test(*r)) > n

    if most(lambda i, _: bool(i) and bool(_STRONG_INDICATOR_ID.match(i))):
        return True
    if most(lambda _, m: bool(m) and _person_like_name(m)):
        return False
    return most(lambda i, m: bool(i and _HAS_LETTER_AND_DIGIT.match(i)) or bool(m and _indicator_like_name(m)))


def _texts(column: pd.Series) -> list[str]:
    """A grid column's cells as stripped text ("" for a blank cell)."""
    return [v.strip() if isinstance(v, str) else "" for v in column.tolist()]
