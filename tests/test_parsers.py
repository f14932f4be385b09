"""Scalar value parsers: real values from the ATLAS files, every alias, error messages, and properties."""
from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas_data.reading import parsers as P

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

D = dt.date


def error_of(func, value, **kw) -> str:
    with pytest.raises(ValueError) as info:
        func(value, **kw)
    return str(info.value)


# ------------------------------------------------------------------ norm_key

@pytest.mark.parametrize("text, key", [
    ("# of Participants:", "ofparticipants"),
    ("País", "pais"),
    ("Nombre y Apellido", "nombreyapellido"),
    ("  Institución: ", "institucion"),
    ("Department/Agency", "departmentagency"),
    ("Nº de participantes", "nodeparticipantes"),
    ("ชาย", "ชาย"),
    ("STRASSE ß", "strassess"),
    ("", ""),
    (None, ""),
])
def test_norm_key(text, key):
    assert P.norm_key(text) == key


def test_norm_key_keeps_thai_letters():
    assert P.norm_key("เพศ") == "เพศ"
    assert P.norm_key("หญิง") and P.norm_key("หญิง") == P.norm_key(" หญิง: ")


@FAST
@given(st.text())
def test_norm_key_only_alphanumerics(text):
    key = P.norm_key(text)
    assert all(c.isalnum() for c in key)
    assert P.norm_key(key) == key


# ------------------------------------------------------------------ clean_text

@pytest.mark.parametrize("raw, clean", [
    ('<ul style="x"> <li>• A.</li> <li>• B</li> </ul>', "A.; B"),
    # The Participation observations of the Paraguay ETP assessment matrix, as the report has it.
    ('<ul style="list-style-type: none"> <li>• Alumni complained about lack of commitment of their peers.</li> '
     '<li>• Others suggested that there should be more follow up activity with on-the-job training</li> </ul>',
     "Alumni complained about lack of commitment of their peers.; Others suggested that there should be "
     "more follow up activity with on-the-job training"),
    ("<ul><li>- first</li><li>* second</li><li></li></ul>", "first; second"),
    ("Comments: <ul><li>a</li><li>b</li></ul>", "Comments: a; b"),
    ("<i>DMOPs - Enforcement</i>", "DMOPs - Enforcement"),
    ("<b>Step 7/8</b>", "Step 7/8"),
    ("seven million<sup>1</sup>", "seven million1"),
    ("line one<br>line two<br/>three<BR />four", "line one line two three four"),
    ("<p>One</p><p>Two</p>", "One Two"),
    ('<span class="x" style="a:b">kept</span>', "kept"),
    ("CL, FL &amp; HT", "CL, FL & HT"),
    ("US\\$334 per month", "US$334 per month"),
    ("wcms\\_081941.pdf", "wcms_081941.pdf"),
    ("\\*not bold\\*", "*not bold*"),
    ("  many   spaces\n\nand\tlines\u00a0nbsp  ", "many spaces and lines nbsp"),
    ("<https://www.ine.gov.py/default.php?publicacion=2>", "https://www.ine.gov.py/default.php?publicacion=2"),
    ("5 < 6 and 7 > 3", "5 < 6 and 7 > 3"),
    ("C:\\Users\\data", "C:\\Users\\data"),
    ("<b></b>", None),
    ("   ", None),
    ("", None),
    (None, None),
])
def test_clean_text(raw, clean):
    assert P.clean_text(raw) == clean


def test_clean_text_double_escapes_are_resolved_once_and_for_all():
    assert P.clean_text("&amp;lt;b&amp;gt;x") == "x"
    assert P.clean_text("ed\\\\_norm") == "ed_norm"


HTMLISH = st.lists(st.sampled_from([
    "<li>", "</li>", "<ul>", "</ul>", "<b>", "</b>", "<br>", "<br/>", "<sup>", '<ul style="x">', "&amp;", "&lt;",
    "&gt;", "&nbsp;", "&#57344;", "&#31;", "\\", "\\_", "_", "$", "•", "-", "*", " ", "\n", "\u00a0", "\x1f", "\ue000",
    ";", "a", "Sí", "<", ">", "&", "#", "lt;", "li", "<!--", "-->", "<https://x.y>", "x", "1", "/",
]), max_size=30).map("".join)
ANY_TEXT = st.one_of(st.text(), HTMLISH)


@FAST
@given(ANY_TEXT)
def test_clean_text_is_idempotent_and_never_raises(text):
    once = P.clean_text(text)
    assert P.clean_text(once) == once
    if once is not None:
        assert once == once.strip() and "  " not in once and once


# ------------------------------------------------------------------ countries

@pytest.mark.parametrize("value, country", [
    ("Paraguay", "Paraguay"), ("PY", "Paraguay"), ("PRY", "Paraguay"), ("paraguay", "Paraguay"), ("py", "Paraguay"),
    ("Thailand", "Thailand"), ("Tailandia", "Thailand"), ("TH", "Thailand"), ("THA", "Thailand"),
    ("TAILANDIA ", "Thailand"),
    ("Liberia", "Liberia"), ("LR", "Liberia"), ("LBR", "Liberia"),
    ("Argentina", "Argentina"), ("AR", "Argentina"), ("ARG", "Argentina"),
    ("Bolivia", "Bolivia"), ("BO", "Bolivia"), ("BOL", "Bolivia"), ("Bolívia", "Bolivia"),
    ("", None), ("  ", None), (None, None),
])
def test_parse_country(value, country):
    assert P.parse_country(value) == country


def test_parse_country_error():
    # a word could be someone's name: the message says what kind of value it was, never the value
    assert error_of(P.parse_country, "Narnia") == (
        'unknown country (a text of 6 characters); use Paraguay, Thailand, Liberia, Argentina or Bolivia')
    assert error_of(P.parse_country, "PY-2") == (
        'unknown country "PY-2"; use Paraguay, Thailand, Liberia, Argentina or Bolivia')
    with pytest.raises(ValueError):
        P.parse_country("Uruguay")


@pytest.mark.parametrize("text, country", [
    ("Asistencia_Paraguay_2021.xlsx", "Paraguay"),
    ("ToT Tailandia", "Thailand"),
    ("roster_TH_2021", "Thailand"),
    ("KII tally - PARAGUAY", "Paraguay"),
    ("eventos-bolivia.csv", "Bolivia"),
    ("Participantes Asunción PRY.xlsx", "Paraguay"),
    ("Paraguay PY", "Paraguay"),
    ("Paraguay vs Bolivia", None),
    ("roster_TH_PY", None),
    ("report.py", None),  # codes count only as upper-case tokens
    ("PYTHON", None),  # ... and only as whole tokens
    ("Sheet1", None),
    ("", None),
    (None, None),
])
def test_find_country(text, country):
    assert P.find_country(text) == country


# ------------------------------------------------------------------ yes/no, gender

@pytest.mark.parametrize("value", ["Yes", "Y", "Sí", "Si", "S", "1", "True", "X", "x", "✓", "✔", "P", "Present",
                                   "Presente", "YES", "sí", "1.0", "1,0", " yes "])
def test_parse_yes(value):
    assert P.parse_yes_no(value) is True


@pytest.mark.parametrize("value", ["No", "N", "0", "False", "A", "Absent", "Ausente", "no", "FALSE", "0.0"])
def test_parse_no(value):
    assert P.parse_yes_no(value) is False


def test_parse_yes_no_blank_and_errors():
    assert P.parse_yes_no("") is None and P.parse_yes_no(None) is None and P.parse_yes_no(" ") is None
    assert error_of(P.parse_yes_no, "maybe").startswith('"maybe" is not yes or no')
    for bad in ("2", "0.5", "Firma", "10"):
        with pytest.raises(ValueError):
            P.parse_yes_no(bad)


@pytest.mark.parametrize("value, gender", [
    ("F", "Female"), ("f", "Female"), ("Female", "Female"), ("Woman", "Female"), ("Femenino", "Female"),
    ("Mujer", "Female"), ("MUJER", "Female"), ("หญิง", "Female"),
    ("M", "Male"), ("Male", "Male"), ("Man", "Male"), ("Masculino", "Male"), ("Hombre", "Male"),
    ("hombre ", "Male"), ("ชาย", "Male"),
    ("", "Unknown"), ("  ", "Unknown"), (None, "Unknown"), ("-", "Unknown"),
    ("Non-binary", "Other"), ("Mujeres", "Other"), ("X", "Other"),
])
def test_parse_gender(value, gender):
    assert P.parse_gender(value) == gender


# ------------------------------------------------------------------ dates

JUNE_15 = (D(2021, 6, 15), "day")


@pytest.mark.parametrize("value", [
    "2021-06-15", "2021-06-15 00:00:00", "2021-06-15T00:00:00", "2021/06/15",
    "15/06/2021", "15-06-2021", "15.06.2021", "15/06/21", "15/6/2021", "15/06/2021 10:30",
    "06/15/2021",  # 15 cannot be a month: read month-first
    "44362", "44362.0", "44362.5",
    "June 15, 2021", "15 June 2021", "15 de junio de 2021", "15 de junio del 2021", "Jun 15 2021",
    "June 15th, 2021", "Tuesday, June 15, 2021", "Martes 15 de junio de 2021", "15-Jun-2021", "15-jun-21",
    "15 Junio 2021", "JUNE 15, 2021", "jun. 15, 2021",
    "15/06/2564", "2564-06-15", "15 มิถุนายน 2564", "15 มิ.ย. 2564", "15 มิถุนายน พ.ศ. 2564",
])
def test_parse_date_june_15(value):
    assert P.parse_date(value) == JUNE_15


@pytest.mark.parametrize("value, expected", [
    # Dates as the midterm evaluation writes them.
    ("March 21, 2021", D(2021, 3, 21)), ("July 21, 2021", D(2021, 7, 21)), ("June 2, 2021", D(2021, 6, 2)),
    ("November 4, 2020", D(2020, 11, 4)), ("September 22, 2020", D(2020, 9, 22)),
    ("1st September 2021", D(2021, 9, 1)), ("1º de setiembre de 2021", D(2021, 9, 1)),
    ("3 sept 2021", D(2021, 9, 3)), ("3 set 2021", D(2021, 9, 3)), ("24 dic 2020", D(2020, 12, 24)),
    ("2 ene 2022", D(2022, 1, 2)), ("10 ago 2021", D(2021, 8, 10)), ("5 abr 2021", D(2021, 4, 5)),
    ("09/05/2023", D(2023, 5, 9)), ("1/2/2020", D(2020, 2, 1)), ("29/02/2020", D(2020, 2, 29)),
])
def test_parse_date_examples(value, expected):
    assert P.parse_date(value) == (expected, "day")


def test_parse_date_excel_serials_use_the_1899_12_30_origin():
    assert P.parse_date("20000") == (D(1954, 10, 3), "day")
    assert P.parse_date("43831") == (D(2020, 1, 1), "day")
    assert P.parse_date("80000") == (D(2119, 1, 11), "day")
    for out_of_range in ("19999", "80001", "12345", "60"):
        with pytest.raises(ValueError):
            P.parse_date(out_of_range)


def test_parse_date_month_first_when_asked():
    assert P.parse_date("06/05/2021", dayfirst=False) == (D(2021, 6, 5), "day")
    assert P.parse_date("06/05/2021") == (D(2021, 5, 6), "day")
    assert P.parse_date("15/06/2021", dayfirst=False) == JUNE_15


@pytest.mark.parametrize("value, month", [
    ("December 2020", D(2020, 12, 1)), ("diciembre 2020", D(2020, 12, 1)), ("diciembre de 2020", D(2020, 12, 1)),
    ("Dec-2020", D(2020, 12, 1)), ("dic-20", D(2020, 12, 1)), ("2020-12", D(2020, 12, 1)),
    ("12/2020", D(2020, 12, 1)), ("FEBRUARY 2022", D(2022, 2, 1)), ("setiembre 2021", D(2021, 9, 1)),
    ("ธันวาคม 2563", D(2020, 12, 1)), ("2563-12", D(2020, 12, 1)),
])
def test_parse_date_month_alone(value, month):
    assert P.parse_date(value) == (month, "month")


def test_parse_date_passes_date_objects_through():
    assert P.parse_date(dt.datetime(2021, 6, 15, 9, 30)) == JUNE_15
    assert P.parse_date(D(2021, 6, 15)) == JUNE_15


def test_parse_date_blank():
    assert P.parse_date("") is None and P.parse_date("  ") is None and P.parse_date(None) is None


def test_parse_date_errors():
    assert error_of(P.parse_date, "31/02/2021") == 'date "31/02/2021" does not exist'
    assert error_of(P.parse_date, "2021-02-29") == 'date "2021-02-29" does not exist'
    assert error_of(P.parse_date, "13/13/2021") == 'date "13/13/2021" does not exist'
    assert error_of(P.parse_date, "32 de enero de 2021") == 'date "32 de enero de 2021" does not exist'
    assert error_of(P.parse_date, "2020-13") == 'date "2020-13" does not exist'
    # The typo in the Thailand key informants' workshop table.
    assert error_of(P.parse_date, "March 21, 202") == 'date "March 21, 202" has an invalid year 202'
    year = error_of(P.parse_date, "2021")
    assert year.startswith('date "2021" is only a year; use ') and "15/06/2021" in year
    other = error_of(P.parse_date, "next week")
    assert other.startswith('a text of 9 characters is not a recognized date; use ') and "June 2021" in other
    assert error_of(P.parse_date, "Q5 2021").startswith('date "Q5 2021" is not a recognized date; use ')
    assert "has no year" in error_of(P.parse_date, "15 June")
    for bad in ("24-26 March 2021", "December 2020 and June 2021", "2021-06-15-01", "15/06", "Q1 2021"):
        with pytest.raises(ValueError):
            P.parse_date(bad)


DATES = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
ES_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre")
DATE_FORMATS = {
    "iso": lambda d: d.isoformat(),
    "iso time": lambda d: f"{d.isoformat()} 00:00:00",
    "dd/mm/yyyy": lambda d: d.strftime("%d/%m/%Y"),
    "d/m/yyyy": lambda d: f"{d.day}/{d.month}/{d.year}",
    "dd-mm-yy": lambda d: d.strftime("%d-%m-%y"),
    "dd.mm.yyyy": lambda d: d.strftime("%d.%m.%Y"),
    "excel serial": lambda d: str((d - D(1899, 12, 30)).days),
    "excel float": lambda d: f"{(d - D(1899, 12, 30)).days}.0",
    "Month D, YYYY": lambda d: f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}",
    "D Month YYYY": lambda d: f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}",
    "D de mes de YYYY": lambda d: f"{d.day} de {ES_MONTHS[d.month - 1]} de {d.year}",
    "buddhist dd/mm/yyyy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year + 543}",
}


@FAST
@given(DATES, st.sampled_from(sorted(DATE_FORMATS)))
def test_dates_parse_back(date, fmt):
    assert P.parse_date(DATE_FORMATS[fmt](date)) == (date, "day")


@FAST
@given(DATES)
def test_month_first_dates_parse_back_when_asked(date):
    assert P.parse_date(date.strftime("%m/%d/%Y"), dayfirst=False) == (date, "day")


MONTH_FORMATS = {
    "Month YYYY": lambda d: f"{EN_MONTHS[d.month - 1]} {d.year}",
    "mes YYYY": lambda d: f"{ES_MONTHS[d.month - 1]} {d.year}",
    "mes de YYYY": lambda d: f"{ES_MONTHS[d.month - 1]} de {d.year}",
    "Mon-YYYY": lambda d: f"{EN_MONTHS[d.month - 1][:3]}-{d.year}",
    "YYYY-MM": lambda d: f"{d.year}-{d.month:02d}",
    "buddhist YYYY-MM": lambda d: f"{d.year + 543}-{d.month:02d}",
}


@FAST
@given(DATES, st.sampled_from(sorted(MONTH_FORMATS)))
def test_months_parse_to_their_first_day(date, fmt):
    assert P.parse_date(MONTH_FORMATS[fmt](date)) == (date.replace(day=1), "month")


# ------------------------------------------------------------------ numbers

@pytest.mark.parametrize("value, number", [
    ("12,5", 12.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1 234", 1234.0), ("1\u00a0234,75", 1234.75),
    ("85%", 85.0), ("85 %", 85.0), (" 42 ", 42.0), ("42.0", 42.0), ("-3,5", -3.5), ("+7", 7.0), (".5", 0.5),
    ("1.234.567", 1234567.0), ("1,234,567", 1234567.0), ("1.234.567,89", 1234567.89), ("1,5E+3", None),
    ("1.5E+3", 1500.0), ("1,234", 1234.0), ("12.500", 12500.0), ("0,125", 0.125), ("1.25", 1.25), ("0", 0.0), ("", None), (None, None),
    (42, 42.0), (2.5, 2.5),
])
def test_parse_number(value, number):
    if number is None and value not in ("", None):
        with pytest.raises(ValueError):
            P.parse_number(value)
    else:
        assert P.parse_number(value) == number


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1.2.3,4,5", "12,34,5", "1.23,5", "5.",
                                   "1,2,3", "12-5", "1e999", "US$334", "½", "12,5x", "n/a"])
def test_parse_number_rejects(value):
    assert error_of(P.parse_number, value) == f'"{value}" is not a number'


@pytest.mark.parametrize("value, kind", [("abc", "a text of 3 characters"), ("Ana Prueba", "a text of 10 characters"),
                                         ("ana.prueba@example.org", "an e-mail address"),
                                         ("+595 981 123456", "a phone number")])
def test_parse_number_rejects_without_quoting_what_could_be_personal(value, kind):
    assert error_of(P.parse_number, value) == f"{kind} is not a number"


def _euro(text: str) -> str:
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


@FAST
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.sampled_from(["en", "eu", "plain", "repr"]))
def test_numbers_parse_back(x, style):
    x = round(x, 2)
    text = {
        "en": f"{x:,.2f}",
        "eu": _euro(f"{x:,.2f}"),
        "plain": _euro(f"{x:.2f}"),  # a decimal comma, no thousands mark
        "repr": repr(x),
    }[style]
    assert math.isclose(P.parse_number(text), x, rel_tol=1e-12, abs_tol=1e-9)


@pytest.mark.parametrize("value, count", [
    ("1.234", 1234), ("1,234", 1234), ("1.234.567", 1234567), ("1 234", 1234), ("42", 42), ("42.0", 42),
    ("42,0", 42), ("1.234,0", 1234), ("0", 0), ("85%", 85), ("1e3", 1000), (" 36 ", 36), ("", None), (None, None),
    (42, 42), (42.0, 42), ("9007199254740991", 9007199254740991),
])
def test_parse_int(value, count):
    assert P.parse_int(value) == count


def test_parse_int_errors():
    assert error_of(P.parse_int, "12,5") == '"12,5" is not a whole number'
    assert error_of(P.parse_int, "0,500") == '"0,500" is not a whole number'
    assert error_of(P.parse_int, "-3").startswith('"-3" is negative')
    assert error_of(P.parse_int, "many") == '"many" is not a number'
    assert error_of(P.parse_int, "1e400") == '"1e400" is not a number'


@FAST
@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["plain", "dots", "commas", "spaces", "excel"]))
def test_counts_parse_back(n, style):
    text = {
        "plain": str(n),
        "dots": f"{n:,}".replace(",", "."),
        "commas": f"{n:,}",
        "spaces": f"{n:,}".replace(",", " "),
        "excel": f"{n}.0",
    }[style]
    assert P.parse_int(text) == n


# ------------------------------------------------------------------ scores

@pytest.mark.parametrize("value, score", [
    ("17/20", (17.0, 20.0)), ("17 / 20", (17.0, 20.0)), ("85%", (85.0, 100.0)), ("8,5", (8.5, None)),
    ("42.0", (42.0, None)), ("0/20", (0.0, 20.0)), ("20/20", (20.0, 20.0)), ("7,5/10", (7.5, 10.0)),
    ("17 de 20", (17.0, 20.0)), ("17 out of 20", (17.0, 20.0)), ("100%", (100.0, 100.0)),
    ("", None), (None, None),
])
def test_parse_score(value, score):
    assert P.parse_score(value) == score


def test_parse_score_errors():
    assert error_of(P.parse_score, "25/20") == "score 25 is above its maximum 20"
    assert error_of(P.parse_score, "120%") == "score 120 is above its maximum 100"
    assert error_of(P.parse_score, "10,5/10") == "score 10.5 is above its maximum 10"
    assert error_of(P.parse_score, "5/0") == 'score "5/0" has a maximum of 0; it must be above 0'
    assert error_of(P.parse_score, "-3") == "score -3 is negative"
    assert error_of(P.parse_score, "abc") == 'a text of 3 characters is not a number'
    for bad in ("17/", "/20", "1/2/3", "17/20%"):
        with pytest.raises(ValueError):
            P.parse_score(bad)


@FAST
@given(st.integers(min_value=0, max_value=1000), st.integers(min_value=1, max_value=1000),
       st.sampled_from(["{a}/{b}", "{a} / {b}", "{a}.0/{b}.0"]))
def test_fraction_scores_parse_back(a, b, fmt):
    text = fmt.format(a=a, b=b)
    if a <= b:
        assert P.parse_score(text) == (float(a), float(b))
    else:
        with pytest.raises(ValueError, match="is above its maximum"):
            P.parse_score(text)


# ------------------------------------------------------------------ DMOP steps

@pytest.mark.parametrize("text, parsed", [
    # The Paraguay and Thailand DMOP status tables of the midterm evaluation.
    ("Step 7/8 - They have evaluated the training and refined the training program",
     (7, "7/8", "They have evaluated the training and refined the training program")),
    ("Step 5/6 - The pilot phase is ending, going into evaluation and refinement",
     (5, "5/6", "The pilot phase is ending, going into evaluation and refinement")),
    ("Step 4 - The ATLAS Project has yet to establish working groups",
     (4, "4", "The ATLAS Project has yet to establish working groups")),
    ("Step 5 – Pilot stage, with important communication material that needs to be tested.",
     (5, "5", "Pilot stage, with important communication material that needs to be tested.")),
    ("Step 7/8. The pilot phase of ETP completed", (7, "7/8", "The pilot phase of ETP completed")),
    ("Step 4. The ATLAS Project...", (4, "4", "The ATLAS Project...")),
    ("Paso 5 – Piloto", (5, "5", "Piloto")),
    ("Step 6: x", (6, "6", "x")),
    ("Step 6 — Evaluate", (6, "6", "Evaluate")),
    ("STEP 3 - consultation", (3, "3", "consultation")),
    ("**Step 1:** Establish a global BOK", (1, "1", "Establish a global BOK")),
    ("Step 7", (7, "7", None)),
    ("Step 7 / 8", (7, "7/8", None)),
    ("7/8", (7, "7/8", None)),
    ("7", (7, "7", None)),
    ("7.0", (7, "7", None)),
    ("Pilot stage ended", (None, None, "Pilot stage ended")),
    ("Steps 1, 2 and 3 were delayed", (None, None, "Steps 1, 2 and 3 were delayed")),
    ("2021: pilot", (None, None, "2021: pilot")),
    ("<i>Step 2 - PSA</i>", (2, "2", "PSA")),
    (None, (None, None, None)),
    ("  ", (None, None, None)),
])
def test_parse_step(text, parsed):
    assert P.parse_step(text) == parsed


def test_parse_step_out_of_range():
    assert error_of(P.parse_step, "Step 12 - x") == 'step 12 in "Step 12 - x" is not between 1 and 9'
    for bad in ("0", "10", "Paso 0: nada", "Step 7/10 - x"):
        with pytest.raises(ValueError, match="is not between 1 and 9"):
            P.parse_step(bad)


# ------------------------------------------------------------------ closed label sets

@pytest.mark.parametrize("value, label", [
    *[(v, "pre") for v in ("pre", "Pre-test", "pretest", "Entrada", "inicial", "ex-ante", "Prueba inicial",
                           "PRE TEST")],
    *[(v, "post") for v in ("post", "Post-test", "posttest", "salida", "Final", "ex-post")],
    *[(v, "follow_up") for v in ("seguimiento", "follow-up", "Follow up", "3-month", "follow_up")],
])
def test_parse_test_type(value, label):
    assert P.parse_test_type(value) == label


def test_parse_test_type_errors():
    assert P.parse_test_type(" ") is None
    assert error_of(P.parse_test_type, "mid") == 'unknown test type (a text of 3 characters); use pre, post or follow-up'
    assert error_of(P.parse_test_type, "T3") == 'unknown test type "T3"; use pre, post or follow-up'


@pytest.mark.parametrize("value, label", [
    *[(v, "Yes") for v in ("Yes", "yes", "Sí", "si", "SI")],
    ("No", "No"), ("no", "No"),
    *[(v, "Partially") for v in ("Partially", "Parcialmente", "partial", "partly", "Parcial")],
    *[(v, "Don't know") for v in ("Don't know", "No sabe", "NS/NR", "ns", "NR", "dont know", "Don’t know")],
    *[(v, "Only positive") for v in ("Only positive", "Solo positivo", "Sólo positivo", "positive")],
    *[(v, "Only negative") for v in ("Only negative", "Solo negativo", "negative")],
    *[(v, "Positive and negative") for v in ("Positive and negative", "Mixed", "Mixto", "positivo y negativo")],
    ("It depends on the ministry", "It depends on the ministry"),
    ("<b>Very</b>  good", "Very good"),
    ("", None), (None, None),
])
def test_parse_answer(value, label):
    assert P.parse_answer(value) == label


def test_is_answer_label():
    # The header row of the Paraguay ETP assessment matrix, and of the Yes/No/Partially tallies.
    for header in ("Only positive", "Only negative", "Positive and negative", "Yes", "No", "Partially", "Sí",
                   "NS/NR", "Mixed"):
        assert P.is_answer_label(header)
    for other in ("Observations", "Organization", "Question", "Contents", "", None, "9", "Total"):
        assert not P.is_answer_label(other)


@pytest.mark.parametrize("value, label", [
    *[(v, "online") for v in ("online", "Virtual", "Zoom", "Teams", "en línea", "En linea")],
    *[(v, "in-person") for v in ("in-person", "In person", "Presencial", "on-site", "Face-to-face")],
    *[(v, "hybrid") for v in ("hybrid", "Híbrida", "híbrido", "Mixta")],
])
def test_parse_modality(value, label):
    assert P.parse_modality(value) == label


def test_parse_modality_error():
    assert error_of(P.parse_modality, "by post") == (
        'unknown modality (a text of 7 characters); use online, in-person or hybrid')


@pytest.mark.parametrize("value, label", [
    *[(v, "participant") for v in ("participant", "Participante", "student", "Alumno")],
    *[(v, "trainer") for v in ("trainer", "Capacitador", "Instructor", "Docente")],
    *[(v, "facilitator") for v in ("facilitator", "Facilitador", "facilitadora")],
    *[(v, "observer") for v in ("observer", "Observador", "observadora")],
])
def test_parse_role(value, label):
    assert P.parse_role(value) == label


def test_parse_role_error():
    assert error_of(P.parse_role, "chef") == (
        'unknown role (a text of 4 characters); use participant, trainer, facilitator or observer')


@pytest.mark.parametrize("value, label", [
    *[(v, "enforcement") for v in ("E", "e", "DMOP-E", "DMOPs - Enforcement", "<i>DMOPs - Enforcement</i>",
                                   "Enforcement", "Aplicación", "cumplimiento", "DMOP de aplicación")],
    *[(v, "coordination") for v in ("C", "DMOP-C", "DMOPs - Coordination", "Coordination", "Coordinación",
                                    "DMOP de coordinación")],
])
def test_parse_dmop_type(value, label):
    assert P.parse_dmop_type(value) == label


def test_parse_dmop_type_errors():
    assert error_of(P.parse_dmop_type, "Prevention") == (
        'unknown DMOP type (a text of 10 characters); use enforcement (E, DMOP-E) or coordination (C, DMOP-C)')
    for bad in ("X", "Enforcement and coordination", "DMOP"):
        with pytest.raises(ValueError):
            P.parse_dmop_type(bad)


@pytest.mark.parametrize("value, label", [
    ("Relevance", "Relevance"), ("Relevancia", "Relevance"), ("Pertinencia", "Relevance"),
    ("Effectiveness", "Effectiveness"), ("Eficacia", "Effectiveness"), ("Efectividad", "Effectiveness"),
    ("Efficiency", "Efficiency"), ("Eficiencia", "Efficiency"),
    ("Sustainability", "Sustainability"), ("Sostenibilidad", "Sustainability"), ("Sustentabilidad", "Sustainability"),
    ("Impact", "Impact"), ("Impacto", "Impact"), ("impact ", "Impact"),
    ("Coherence", "Coherence"), ("Coherencia", "Coherence"),
])
def test_parse_criterion(value, label):
    assert P.parse_criterion(value) == label


def test_parse_criterion_error():
    assert error_of(P.parse_criterion, "Beauty") == (
        'unknown criterion (a text of 6 characters); use Relevance, Effectiveness, Efficiency, Sustainability, Impact '
        'or Coherence')


@pytest.mark.parametrize("value, label", [
    *[(v, "respondents") for v in ("respondents", "People", "personas", "Entrevistados", "informants")],
    *[(v, "comments") for v in ("comments", "Comentarios", "comment")],
])
def test_parse_count_unit(value, label):
    assert P.parse_count_unit(value) == label


def test_parse_count_unit_error():
    assert error_of(P.parse_count_unit, "votes") == 'unknown unit (a text of 5 characters); use respondents or comments'


@pytest.mark.parametrize("value, label", [
    *[(v, "#") for v in ("#", "number", "Count", "Número", "cantidad")],
    *[(v, "%") for v in ("%", "percent", "Percentage", "porcentaje")],
])
def test_parse_measure_unit(value, label):
    assert P.parse_measure_unit(value) == label


def test_parse_measure_unit_error():
    assert error_of(P.parse_measure_unit, "kg") == (
        'unknown unit (a text of 2 characters); use # (a number) or % (a percentage)')
    assert error_of(P.parse_measure_unit, "$") == 'unknown unit "$"; use # (a number) or % (a percentage)'


@pytest.mark.parametrize("value, period", [
    ("2021", ("2021", 2021)), ("2021.0", ("2021", 2021)), ("FY2021", ("FY2021", 2021)),
    ("FY 2021", ("FY2021", 2021)), ("fy21", ("FY2021", 2021)), ("AF2021", ("FY2021", 2021)),
    ("FY-2022", ("FY2022", 2022)), ("2564", ("2021", 2021)), ("FY2564", ("FY2021", 2021)),
    ("", None), (None, None),
])
def test_parse_period(value, period):
    assert P.parse_period(value) == period


def test_parse_period_errors():
    assert error_of(P.parse_period, "2021-2022") == (
        'period "2021-2022" is not a year or a fiscal year; use 2021 or FY2021')
    for bad in ("21", "Q1 2021", "FY", "year 1"):
        with pytest.raises(ValueError):
            P.parse_period(bad)


@pytest.mark.parametrize("value, label", [
    ("day", "day"), ("Día", "day"), ("dia", "day"), ("month", "month"), ("Mes", "month"), ("year", "year"),
    ("Año", "year"), ("", None),
])
def test_parse_date_precision(value, label):
    assert P.parse_date_precision(value) == label


def test_parse_date_precision_error():
    assert error_of(P.parse_date_precision, "week") == 'unknown date precision "week"; use day, month or year'


# ------------------------------------------------------------------ every parser

RAISING = [P.parse_country, P.parse_yes_no, P.parse_date, P.parse_number, P.parse_int, P.parse_score, P.parse_step,
           P.parse_test_type, P.parse_modality, P.parse_role, P.parse_dmop_type, P.parse_criterion,
           P.parse_count_unit, P.parse_measure_unit, P.parse_period, P.parse_date_precision]
NEVER_RAISING = [P.parse_gender, P.parse_answer, P.clean_text, P.norm_key, P.find_country, P.is_answer_label]

TRICKY = st.lists(st.sampled_from([
    "0", "1", "9", "12", "2021", "2564", "44362", ".", ",", "/", "-", "–", ":", "%", " ", "e", "E", "+", "Step",
    "Paso", "de", "June", "junio", "sept", "FY", "T", "00:00", "<li>", "&amp;", "\\_", "nan", "inf", "Sí", "X", "✓",
    "๒", "２", "º", "st", "\u00a0", "mes", "Mixed",
]), max_size=8).map("".join)


@FAST
@given(st.one_of(st.text(max_size=40), TRICKY))
def test_parsers_raise_only_value_error(text):
    for parse in RAISING:
        try:
            parse(text)
        except ValueError as exc:
            assert str(exc)
    for parse in NEVER_RAISING:
        parse(text)


@pytest.mark.parametrize("parse", RAISING)
def test_blank_is_missing(parse):
    expected = (None, None, None) if parse is P.parse_step else None
    for blank in (None, "", "   ", "\n\t", "\u00a0"):
        assert parse(blank) == expected


def test_error_messages_quote_the_value_and_stay_short():
    message = error_of(P.parse_country, "12,5x " * 100)
    assert '"12,5x 12,5x' in message and "…" in message and len(message) < 200
    message = error_of(P.parse_country, "x" * 500)  # a text that could be personal: only its kind
    assert message.startswith("unknown country (a text of 500 characters)") and len(message) < 200


def test_parse_int_refuses_counts_past_2_to_the_53():
    """A count that no Parquet integer or float holds exactly is an error for its row, not a crash."""
    with pytest.raises(ValueError, match="too large"):
        P.parse_int("12345678901234567890")


def test_pathological_cells_are_refused_fast():
    """100,000-character cells must not send the regexes into quadratic backtracking."""
    for cell in ("1" * 100_000 + "a", "1." * 50_000 + "!", "\\" * 100_000):
        for parser in (P.parse_number, P.parse_int, P.parse_date, P.parse_score):
            with pytest.raises(ValueError):
                parser(cell)
    assert P.clean_text("\\" * 100_000) == "\\" * 100_000
