"""Scalar value parsers: one cell's text in, one typed value out.

Every parser takes the text of one cell (``str`` or ``None``; a number, date or NaN as a reader may
give it is accepted too). Blank or whitespace-only means missing and gives ``None``. A value that
cannot be read raises ``messages.ParseError`` (a ``ValueError``): a catalog code whose English text
quotes the value, e.g. ``date "31/02/2021" does not exist``, unless the value could be personal (a
name, an e-mail, a phone): then it says only what kind of value it was, e.g. ``a text of 18
characters is not a number`` (see ``privacy.quoted``); it becomes the ``detail`` of a row of the
``rejected`` table. ``parse_gender``, ``parse_answer`` and ``clean_text`` never raise.

Dates are in `dates`, numbers and scores in `numbers`, text cleaning in `text`; this module holds
the labels (countries, yes/no, attendance marks, gender, enums, steps, periods) and is the one import
for them all. The parsers are pure and cheap (precompiled regexes, dicts keyed by ``norm_key``): the normalizer
applies them once per distinct value of a column.
"""
from __future__ import annotations

import re
import unicodedata

from atlas_data import contract as C
from atlas_data.reading.dates import column_date_parser, parse_date
from atlas_data.reading.messages import ParseError
from atlas_data.reading.numbers import parse_int, parse_number, parse_score
from atlas_data.reading.text import _ascii_digits, _enum, _fold, _index, _q, _text, clean_text, norm_key

__all__ = [
    "norm_key", "clean_text", "parse_country", "find_country", "parse_yes_no", "parse_attendance_mark",
    "parse_gender",
    "parse_date", "column_date_parser", "parse_number", "parse_int", "parse_score", "parse_step", "parse_test_type",
    "parse_answer", "is_answer_label", "parse_modality", "parse_role", "parse_dmop_type",
    "parse_criterion", "parse_count_unit", "parse_measure_unit", "parse_period",
    "parse_date_precision",
]

# ------------------------------------------------------------------ countries

_COUNTRY_NAMES = {
    "Paraguay": ("paraguay",),
    "Thailand": ("thailand", "tailandia", "ประเทศไทย", "ไทย"),
    "Liberia": ("liberia",),
    "Argentina": ("argentina",),
    "Bolivia": ("bolivia",),
}
_COUNTRY_CODES = {
    "Paraguay": ("PY", "PRY"), "Thailand": ("TH", "THA"), "Liberia": ("LR", "LBR"),
    "Argentina": ("AR", "ARG"), "Bolivia": ("BO", "BOL"),
}
_COUNTRY_INDEX = _index({c: _COUNTRY_NAMES[c] + _COUNTRY_CODES[c] for c in C.COUNTRIES})
_NAME_KEYS = tuple((norm_key(a), c) for c, names in _COUNTRY_NAMES.items() for a in names)
_CODE_TOKENS = {code: c for c, codes in _COUNTRY_CODES.items() for code in codes}
_TOKEN_SPLIT = re.compile(r"[\W_]+")


def parse_country(value) -> str | None:
    """`Paraguay`, `PY`, `PRY`, `Tailandia`, `tha`… -> the English name."""
    text = _text(value)
    if text is None:
        return None
    country = _COUNTRY_INDEX.get(norm_key(text))
    if country is None:
        raise ParseError("unknown_country", value=_q(text, paren=True))
    return country


def find_country(text) -> str | None:
    """The one country named in a sheet or file name (`Asistencia_Paraguay_2021.xlsx`, `roster_TH`).

    Full names (English or Spanish) anywhere, ignoring case and accents; ISO codes only as whole
    upper-case tokens. None when no country or two different countries are named.
    """
    if not text:
        return None
    if not isinstance(text, str):
        text = str(text)
    key = norm_key(text)
    found = {country for name, country in _NAME_KEYS if name in key}
    for token in _TOKEN_SPLIT.split(text):
        country = _CODE_TOKENS.get(token)
        if country is not None:
            found.add(country)
    return found.pop() if len(found) == 1 else None


# ------------------------------------------------------------------ yes/no, gender

_YES_NO_INDEX = _index({
    True: ("yes", "y", "sí", "si", "s", "true", "x", "p", "present", "presente", "verdadero"),
    False: ("no", "n", "false", "a", "absent", "ausente", "falso"),
})
_YES_MARKS = {"✓": True, "✔": True, "☑": True, "✅": True}
_INT_LIKE = re.compile(r"[+-]?[0-9]+(?:[.,]0+)?")


def parse_yes_no(value) -> bool | None:
    """`Yes Y Sí S 1 True X ✓ P Present Presente` -> True; `No N 0 False A Absent Ausente` -> False."""
    text = _text(value)
    if text is None:
        return None
    if isinstance(value, bool):
        return value
    if text in _YES_MARKS:
        return True
    if _INT_LIKE.fullmatch(text):
        number = int(re.split(r"[.,]", text)[0])
        if number in (0, 1):
            return bool(number)
    else:
        answer = _YES_NO_INDEX.get(norm_key(text))
        if answer is not None:
            return answer
    raise ParseError("not_yes_no", value=_q(text))


# ------------------------------------------------------------------ attendance marks

#: The marks a roster cell or an `attended` cell may hold, by meaning. They match ignoring case, accents,
#: surrounding spaces and trailing punctuation (`Sí.` is `si`), never by a part: `Presente tarde` is unknown.
ATTENDANCE_MARKS: dict[str, tuple[str, ...]] = {
    "present": ("p", "x", "✓", "✔", "☑", "✅", "1", "sí", "si", "s", "yes", "y", "true", "verdadero", "presente",
                "present", "asistió", "asistio", "attended", "completed", "completado", "completada"),
    "absent": ("a", "f", "falta", "faltó", "0", "no", "n", "false", "falso", "ausente", "absent", "inasistencia",
               "no show", "no-show", "did not attend", "no asistió", "no asistio", "no se presentó"),
    "excused": ("j", "justificado", "justificada", "justified", "excused", "falta justificada",
                "ausencia justificada", "inasistencia justificada", "permiso", "licencia", "vacaciones", "vacation",
                "incapacidad", "incapacitado", "incapacitada", "sick leave", "baja médica", "reposo", "comisión",
                "en comisión"),
    "cancelled": ("cancelado", "cancelada", "cancelled", "canceled", "suspendido", "suspendida", "suspended",
                  "no hubo", "no hubo clase", "feriado", "holiday"),
}


def mark_key(text: str) -> str:
    """How a mark is matched: lower case, no Latin accents, one space between words, no punctuation at the
    end (`" Sí. "` -> `si`, `Baja  Médica` -> `baja medica`)."""
    key = " ".join(_fold(text).split())
    while key and unicodedata.category(key[-1])[0] == "P":
        key = key[:-1].rstrip()
    return key


_MARK_INDEX = {mark_key(alias): mark for mark, aliases in ATTENDANCE_MARKS.items() for alias in aliases}
# Moodle's attendance report writes each status with the points it earned: `P (2/2)`, `A (0/2)`, `P (1)`.
_POINTS_TAIL = re.compile(r"\s*\(\s*\d{1,4}(?:[.,]\d{1,2})?\s*(?:/\s*\d{1,4}(?:[.,]\d{1,2})?\s*)?\)\s*$")


def parse_attendance_mark(value) -> str | None:
    """`present`, `absent`, `excused` or `cancelled` from a roster cell (see ATTENDANCE_MARKS); None when blank.

    `1.0` and `0.0` (a number cell) are 1 and 0; a mark followed by its points in brackets (`P (2/2)`, Moodle's
    attendance report) is that mark. Any other text raises ValueError: an unknown mark is never
    read as present.
    """
    if isinstance(value, bool):
        return "present" if value else "absent"
    text = _text(value)
    if text is None:
        return None
    if _INT_LIKE.fullmatch(text):
        number = int(re.split(r"[.,]", text)[0])
        if number in (0, 1):
            return "present" if number else "absent"
    elif len(text) <= 40:
        mark = _MARK_INDEX.get(mark_key(_POINTS_TAIL.sub("", text) or text))
        if mark is not None:
            return mark
    raise ParseError("mark_not_known", value=_q(text, 20))


_GENDER_INDEX = _index({
    "Female": ("f", "female", "woman", "femenino", "mujer", "หญิง"),
    "Male": ("m", "male", "man", "masculino", "hombre", "ชาย"),
    "Unknown": ("unknown", "desconocido", "n/a", "s/d", "sin dato", "sin datos"),
})


def parse_gender(value) -> str:
    """`F Female Woman Femenino Mujer หญิง` -> Female, `M …` -> Male, blank -> Unknown, else Other."""
    text = _text(value)
    if text is None:
        return "Unknown"
    key = norm_key(text)
    if not key:  # only punctuation, such as "-" or "?"
        return "Unknown"
    return _GENDER_INDEX.get(key, "Other")


# ------------------------------------------------------------------ DMOP steps

_STEP = re.compile(
    r"[*_\s]*(?:step|paso|etapa)\s*(?:n[o°º]?\.?\s*)?([0-9]+)(?:\s*/\s*([0-9]+))?[*_]*"
    r"(?:\s*[-–—.:)]+[*_]*\s*|\s+|$)(.*)", re.I | re.S)
_BARE_STEP = re.compile(r"([0-9]+)(?:\.0+)?(?:\s*/\s*([0-9]+)(?:\.0+)?)?")


def parse_step(text) -> tuple[int | None, str | None, str | None]:
    """(step, step_label, status_note) from a status cell: `Step 7/8 - They have…` -> (7, "7/8", "They have…").

    A bare `7`, `7.0` or `7/8` is a step with no note; text without a step is all note.
    """
    note = clean_text(text)
    if note is None:
        return None, None, None
    digits = _ascii_digits(note)
    m = _BARE_STEP.fullmatch(digits)
    rest = None
    if m is None:
        m = _STEP.fullmatch(digits)
        if m is None:
            return None, None, note
        rest = note[m.start(3):].strip() or None  # _ascii_digits keeps every index in place
    numbers = [int(g) for g in m.groups()[:2] if g is not None]
    for n in numbers:
        if not 1 <= n <= 9:
            raise ParseError("step_out_of_range", step=n, value=_q(note))
    label = "/".join(str(n) for n in numbers)
    return min(numbers), label, rest


# ------------------------------------------------------------------ closed label sets

_TEST_TYPES = _index({
    t: aliases + extra for (t, aliases), extra in zip(
        C.TEST_WIDE_ALIASES.items(),
        (("pre", "pre-test", "pretest", "entrada", "inicial", "ex-ante", "prueba inicial"),
         ("post", "post-test", "posttest", "salida", "final", "ex-post"),
         ("seguimiento", "follow-up", "follow up", "3-month", "3 months", "three-month")))
})


def parse_test_type(value) -> str | None:
    """`pre` ← pre-test, entrada, inicial…; `post` ← post-test, salida, final…; `follow_up` ← seguimiento…"""
    return _enum(value, _TEST_TYPES, "unknown_test_type")


_ANSWERS = _index({
    "Yes": ("yes", "sí", "si"),
    "No": ("no",),
    "Partially": ("parcialmente", "partial", "partly", "parcial"),
    "Don't know": ("no sabe", "NS/NR", "ns", "nr", "dont know", "don’t know", "do not know",
                   "no sabe/no responde", "no sabe no responde", "no sé"),
    "Only positive": ("solo positivo", "sólo positivo", "only positive", "positive", "positivo"),
    "Only negative": ("solo negativo", "sólo negativo", "only negative", "negative", "negativo"),
    "Positive and negative": ("mixed", "mixto", "mixta", "positive and negative", "positivo y negativo",
                              "positive/negative", "positive & negative"),
})


def parse_answer(value) -> str | None:
    """An interview answer: known aliases unified to labels (`Sí` -> `Yes`); other text kept, cleaned."""
    text = clean_text(value)
    if text is None:
        return None
    return _ANSWERS.get(norm_key(text), text)


def is_answer_label(text) -> bool:
    """True when the text is one of the known answer labels or aliases (a tally's header cell)."""
    key = norm_key(clean_text(text))
    return bool(key) and key in _ANSWERS


_MODALITIES = _index({
    "online": ("online", "on-line", "virtual", "zoom", "teams", "microsoft teams", "en línea", "remote",
               "remoto", "remota"),
    "in-person": ("in-person", "in person", "presencial", "on-site", "onsite", "face-to-face", "face to face",
                  "cara a cara"),
    "hybrid": ("hybrid", "híbrida", "híbrido", "mixta", "mixto", "blended"),
})


def parse_modality(value) -> str | None:
    """`online` ← virtual, zoom…; `in-person` ← presencial, on-site…; `hybrid` ← híbrida, mixta…"""
    return _enum(value, _MODALITIES, "unknown_modality")


_ROLES = _index({
    "participant": ("participante", "student", "estudiante", "alumno", "alumna", "trainee"),
    "trainer": ("capacitador", "capacitadora", "instructor", "instructora", "docente", "teacher",
                "profesor", "profesora"),
    "facilitator": ("facilitador", "facilitadora"),
    "observer": ("observador", "observadora"),
})


def parse_role(value) -> str | None:
    """participant, trainer, facilitator or observer (English or Spanish)."""
    return _enum(value, _ROLES, "unknown_role")


_DMOP_TYPE_EXACT = {"e": "enforcement", "dmope": "enforcement", "dmopse": "enforcement",
                    "c": "coordination", "dmopc": "coordination", "dmopsc": "coordination"}
_DMOP_TYPE_WORDS = (("enforcement", "enforcement"), ("aplicacion", "enforcement"),
                    ("cumplimiento", "enforcement"), ("coordination", "coordination"),
                    ("coordinacion", "coordination"))


def parse_dmop_type(value) -> str | None:
    """`enforcement` ← E, DMOP-E, `DMOPs - Enforcement`, aplicación…; `coordination` ← C, DMOP-C, coordinación…"""
    text = _text(value)
    if text is None:
        return None
    key = norm_key(text)
    found = _DMOP_TYPE_EXACT.get(key)
    if found is None:
        kinds = {kind for word, kind in _DMOP_TYPE_WORDS if word in key}
        if len(kinds) == 1:
            found = kinds.pop()
    if found is None:
        raise ParseError("unknown_dmop_type", value=_q(text, paren=True))
    return found


_CRITERIA = _index(dict(zip(C.CRITERIA, (
    ("relevancia", "pertinencia"),
    ("eficacia", "efectividad"),
    ("eficiencia",),
    ("sostenibilidad", "sustentabilidad"),
    ("impacto",),
    ("coherencia",),
))))


def parse_criterion(value) -> str | None:
    """An OECD-DAC criterion in English or Spanish -> its English name (`Pertinencia` -> `Relevance`)."""
    return _enum(value, _CRITERIA, "unknown_criterion",
                 choices=", ".join(C.CRITERIA[:-1]) + " or " + C.CRITERIA[-1])


_COUNT_UNITS = _index({
    "respondents": ("respondent", "people", "persons", "personas", "entrevistados", "informants",
                    "informantes", "key informants"),
    "comments": ("comment", "comentarios", "comentario"),
})


def parse_count_unit(value) -> str | None:
    """What a tally counts: `respondents` (people, personas…) or `comments` (comentarios…)."""
    return _enum(value, _COUNT_UNITS, "unknown_count_unit")


_MEASURE_UNITS = _index({
    "#": ("number", "count", "número", "cantidad", "nº", "no."),
    "%": ("percent", "percentage", "porcentaje", "pct", "por ciento"),
})


def parse_measure_unit(value) -> str | None:
    """An indicator's unit: `#` (number, count, número…) or `%` (percent, porcentaje…)."""
    return _enum(value, _MEASURE_UNITS, "unknown_measure_unit", raw={"#": "#", "%": "%"})


_PERIOD = re.compile(r"(?:(fy|af|fiscal year|ano fiscal|a\.f\.|f\.y\.)\s*[-_ ]?\s*)?([0-9]{4}|[0-9]{2})(?:[.,]0+)?",
                     re.I)


def parse_period(value) -> tuple[str, int] | None:
    """(label, year): `2021` -> ("2021", 2021); `FY 2021`, `fy21`, `AF2021` -> ("FY2021", 2021)."""
    raw = _text(value)
    if raw is None:
        return None
    m = _PERIOD.fullmatch(_fold(_ascii_digits(raw)))
    if m is None or (m.group(1) is None and len(m.group(2)) != 4):
        raise ParseError("not_a_period", noun="period", value=_q(raw))
    token = m.group(2)
    year = 2000 + int(token) if len(token) == 2 else int(token)
    if year >= 2400:
        year -= 543
    if not 1900 <= year <= 2199:
        raise ParseError("invalid_year", noun="period", value=_q(raw), year=int(token))
    return (f"FY{year}" if m.group(1) else str(year)), year


_PRECISIONS = _index({
    "day": ("día", "dia", "days", "días", "daily", "exact", "exacta"),
    "month": ("mes", "months", "meses", "monthly", "mensual"),
    "year": ("año", "years", "años", "yearly", "anual"),
})


def parse_date_precision(value) -> str | None:
    """`day`, `month` or `year` (día, mes, año)."""
    return _enum(value, _PRECISIONS, "unknown_date_precision")
