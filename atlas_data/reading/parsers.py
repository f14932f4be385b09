"""Scalar value parsers: one cell's text in, one typed value out.

Every parser takes the text of one cell (``str`` or ``None``; a number, date or NaN as a reader may
give it is accepted too). Blank or whitespace-only means missing and gives ``None``. A value that
cannot be read raises ``ValueError`` whose message is a short plain-English reason quoting the
value, e.g. ``date "31/02/2021" does not exist``, unless the value could be personal (a name, an
e-mail, a phone): then it says only what kind of value it was, e.g. ``a text of 18 characters is not
a number`` (see ``privacy.quoted``); that message becomes the ``reason`` of a row of the
``rejected`` table. ``parse_gender``, ``parse_answer`` and ``clean_text`` never raise.

The parsers are pure and cheap (precompiled regexes, dicts keyed by ``norm_key``): the normalizer
applies them once per distinct value of a column.
"""
from __future__ import annotations

import datetime as dt
import html
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from atlas_data import contract as C

__all__ = [
    "norm_key", "clean_text", "parse_country", "find_country", "parse_yes_no", "parse_attendance_mark",
    "parse_gender",
    "parse_date", "parse_number", "parse_int", "parse_score", "parse_step", "parse_test_type",
    "parse_answer", "is_answer_label", "parse_modality", "parse_role", "parse_dmop_type",
    "parse_criterion", "parse_count_unit", "parse_measure_unit", "parse_period",
    "parse_date_precision",
]


# ------------------------------------------------------------------ helpers

def _text(value) -> str | None:
    """The stripped text of a cell, or None when it is missing or blank."""
    if value is None:
        return None
    if not isinstance(value, str):
        if isinstance(value, float) and math.isnan(value):
            return None
        if type(value).__name__ in ("NAType", "NaTType"):
            return None
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            value = f"{value:.1f}"  # 42.0 -> "42.0", as Excel text would show it
        value = str(value)
    value = value.strip()
    return value or None


def _q(text: str, limit: int = 80, paren: bool = False) -> str:
    """A value for an error message: quoted (long values shortened) when it cannot be personal, else what it
    was, e.g. `a text of 24 characters` (`privacy.quoted`); `paren` puts the latter in parentheses."""
    from atlas_data.reading.privacy import quoted

    out = quoted(text, limit)
    return f"({out})" if paren and not out.startswith('"') else out


def _qn(noun: str, text: str) -> str:
    """`date "31/02/2021"`, or only `a text of 24 characters` when the value is not shown."""
    out = _q(text)
    return f"{noun} {out}" if out.startswith('"') else out


def _fmt(x: float) -> str:
    """A number as people write it: 25 rather than 25.0."""
    if math.isfinite(x) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


_LATIN_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold(text: str) -> str:
    """Lower case without Latin accents (`Miércoles` -> `miercoles`); other scripts kept as they are."""
    text = text.casefold()
    if text.isascii():
        return text
    return _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text))


def _ascii_digits(text: str) -> str:
    """Any script's decimal digits (Thai ๒๕๖๔, full-width ２０２１) as ASCII digits."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


_NON_ALNUM_ASCII = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def _norm_key(text: str) -> str:
    if text.isascii():
        return _NON_ALNUM_ASCII.sub("", text.lower())
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = unicodedata.normalize("NFKD", folded.casefold())
    return "".join(c for c in folded if c.isalnum())


def norm_key(text) -> str:
    """A matching key: case-folded, accents stripped, only letters and digits kept.

    `"# of Participants:"` -> `"ofparticipants"`, `"País"` -> `"pais"`. None -> "".
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    return _norm_key(text)


def _index(groups: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """{norm_key(alias): label} from {label: aliases}."""
    out: dict[str, str] = {}
    for label, aliases in groups.items():
        for alias in (label, *aliases):
            key = norm_key(alias)
            if key:
                out.setdefault(key, label)
    return out


def _enum(value, index: dict[str, str], what: str, choices: str, raw: dict[str, str] | None = None):
    text = _text(value)
    if text is None:
        return None
    if raw and text in raw:
        return raw[text]
    label = index.get(norm_key(text))
    if label is None:
        raise ValueError(f"unknown {what} {_q(text, paren=True)}; use {choices}")
    return label


# ------------------------------------------------------------------ clean_text

_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\u200b\ufeff\ue000]")
_WS = re.compile(r"\s+")
# Anything `_clean_pass` could change in a stripped text: control characters, entities, tags, backslashes,
# whitespace other than single spaces.
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0e-\x1f\x7f\u200b\ufeff\ue000&<\\\\]|[^\\S ]|  ")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+|mailto:[^<>\s]+)>", re.I)
_LI_OPEN = re.compile(r"<\s*li\b[^<>]*>", re.I)
_TAG = re.compile(r"<\s*/?\s*([a-z][a-z0-9]*(?::[a-z][a-z0-9]*)?)(?:\s[^<>]*)?/?\s*>", re.I)
_MD_ESCAPE = re.compile(r"\\+(.?)", re.S)  # a run of backslashes and what follows it (linear: no backtracking)
_MD_PUNCT = frozenset(chr(c) for c in range(33, 127) if not chr(c).isalnum())
MAX_VALUE_CHARS = 120  # longer text is no number or date; pathological cells must not stall the regexes
_BULLET = re.compile(r"^(?:[•·▪◦‣∙●○■□➢➤►▸]\s*|[-*–—]\s+)+")
_ITEM = "\ue000"  # a private-use character marks where each <li> began

# Tags whose content stays and which separate words; inline tags are removed with no space.
_BLOCK_TAGS = frozenset("""
    br hr p div ul ol li dl dt dd table thead tbody tfoot tr td th caption h1 h2 h3 h4 h5 h6
    blockquote pre section article header footer nav aside main figure figcaption center address
    form fieldset legend label input select option textarea button img iframe col colgroup
""".split())
_INLINE_TAGS = frozenset("""
    b i u s em strong sup sub span font small big strike del ins mark code tt kbd samp var abbr
    cite q a o:p nobr wbr
""".split())


def _replace_tag(m: re.Match) -> str:
    name = m.group(1).lower()
    if name in _INLINE_TAGS:
        return ""
    if name in _BLOCK_TAGS:
        return " "
    return m.group(0)  # "<Name>" in a cell is text, not HTML


def _clean_pass(s: str) -> str:
    s = _CONTROL.sub("", s)
    if "&" in s:
        s = html.unescape(s)
    has_items = False
    if "<" in s:
        s = _COMMENT.sub(" ", s)
        s = _AUTOLINK.sub(r"\1", s)
        if _LI_OPEN.search(s):
            has_items = True
            s = _LI_OPEN.sub(_ITEM, s)
        s = _TAG.sub(_replace_tag, s)
    if "\\" in s:
        s = _MD_ESCAPE.sub(lambda m: m.group(1) if m.group(1) in _MD_PUNCT else m.group(0), s)
    s = _WS.sub(" ", s).strip()
    if has_items:
        head, *items = s.split(_ITEM)
        parts = []
        for item in items:
            item = _BULLET.sub("", item.strip()).rstrip(" ;")
            if item:
                parts.append(item)
        head = head.strip()
        s = "; ".join(parts)
        if head:
            s = f"{head} {s}".strip()
    return s


# Python's whitespace (str.isspace, what strip and split remove) but the plain space; a test checks the list.
PY_WHITESPACE_BUT_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(
    chr(c) for c in range(0x2000, 0x200b)) + "\u2028\u2029\u202f\u205f\u3000"
_RE2_WHITESPACE_BUT_SPACE = "".join(f"\\x{{{ord(c):x}}}" for c in PY_WHITESPACE_BUT_SPACE)  # for a [...] class
# RE2 (Arrow) syntax: every value clean_text could change matches (a superset of _NEEDS_CLEANING, plus an
# empty value or a space at either end, which `_text` strips).
_MAY_NEED_CLEANING = ("[\\x00-\\x08\\x0e-\\x1f\\x7f\\x{200b}\\x{feff}\\x{e000}&<\\\\"
                      + _RE2_WHITESPACE_BUT_SPACE + "]|  |^ | $|^$")
RE2_BLANK = f"^[ {_RE2_WHITESPACE_BUT_SPACE}]*$"  # RE2 (Arrow) syntax: a text `str.strip` leaves empty


def clean_texts(values) -> list:
    """`[clean_text(v) for v in values]` for many texts: Arrow's regex engine finds the few that need
    cleaning in one pass; the others come back as the same objects."""
    values = list(values)
    if len(values) < 1000 or not all(type(v) is str for v in values):
        return [clean_text(v) for v in values]
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        flagged = pc.match_substring_regex(pa.array(values, type=pa.string()), _MAY_NEED_CLEANING)
    except (pa.ArrowException, UnicodeError):  # a lone surrogate, say: one at a time
        return [clean_text(v) for v in values]
    out = values.copy()
    for i in pc.indices_nonzero(flagged).to_pylist():
        out[i] = clean_text(values[i])
    return out


def clean_text(value) -> str | None:
    """Plain text of a cell: HTML tags and entities, Markdown escapes and extra spaces removed.

    List items are joined with "; " (leading bullets dropped), `<br>` becomes a space, other tags
    go and keep their content. Empty -> None. Idempotent.
    """
    s = _text(value)
    if s is None:
        return None
    if not _NEEDS_CLEANING.search(s):
        return s  # what the passes below would return unchanged (most cells): no regex pass needed
    for _ in range(50):  # each pass shortens the text or leaves it unchanged
        new = _clean_pass(s)
        if new == s:
            break
        s = new
    return s or None


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
_COUNTRY_CHOICES = "Paraguay, Thailand, Liberia, Argentina or Bolivia"


def parse_country(value) -> str | None:
    """`Paraguay`, `PY`, `PRY`, `Tailandia`, `tha`… -> the English name."""
    text = _text(value)
    if text is None:
        return None
    country = _COUNTRY_INDEX.get(norm_key(text))
    if country is None:
        raise ValueError(f"unknown country {_q(text, paren=True)}; use {_COUNTRY_CHOICES}")
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
    raise ValueError(f"{_q(text)} is not yes or no; use Yes/No, Sí/No, X, 1/0 or Present/Absent")


# ------------------------------------------------------------------ attendance marks

#: The marks a roster cell or an `attended` cell may hold, by meaning. They match ignoring case, accents,
#: surrounding spaces and trailing punctuation (`Sí.` is `si`), never by a part: `Presente tarde` is unknown.
ATTENDANCE_MARKS: dict[str, tuple[str, ...]] = {
    "present": ("p", "x", "✓", "✔", "☑", "✅", "1", "sí", "si", "s", "yes", "y", "true", "verdadero", "presente",
                "present", "asistió", "asistio", "attended"),
    "absent": ("a", "f", "falta", "faltó", "0", "no", "n", "false", "falso", "ausente", "absent", "inasistencia"),
    "excused": ("j", "justificado", "justificada", "justified", "excused", "falta justificada",
                "ausencia justificada", "inasistencia justificada", "permiso", "licencia", "vacaciones", "vacation",
                "incapacidad", "incapacitado", "incapacitada", "sick leave", "baja médica", "reposo", "comisión",
                "en comisión"),
    "cancelled": ("cancelado", "cancelada", "cancelled", "canceled", "suspendido", "suspendida", "suspended",
                  "no hubo", "no hubo clase", "feriado", "holiday"),
}
_MARK_CHOICES = ("P, X or ✓ (present), F, A or 0 (absent), J, Justificado or Vacaciones (excused), "
                 "Cancelado (cancelled)")


def mark_key(text: str) -> str:
    """How a mark is matched: lower case, no Latin accents, one space between words, no punctuation at the
    end (`" Sí. "` -> `si`, `Baja  Médica` -> `baja medica`)."""
    key = " ".join(_fold(text).split())
    while key and unicodedata.category(key[-1])[0] == "P":
        key = key[:-1].rstrip()
    return key


_MARK_INDEX = {mark_key(alias): mark for mark, aliases in ATTENDANCE_MARKS.items() for alias in aliases}


def parse_attendance_mark(value) -> str | None:
    """`present`, `absent`, `excused` or `cancelled` from a roster cell (see ATTENDANCE_MARKS); None when blank.

    `1.0` and `0.0` (a number cell) are 1 and 0. Any other text raises ValueError: an unknown mark is never
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
        mark = _MARK_INDEX.get(mark_key(text))
        if mark is not None:
            return mark
    raise ValueError(f"attendance mark {_q(text, 20)} is not known; use {_MARK_CHOICES}")


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


# ------------------------------------------------------------------ dates

_EXCEL_ORIGIN = dt.date(1899, 12, 30)  # serial 60 is the 1900-02-29 that never was
_DATE_FORMATS = ("use a day such as 15/06/2021, 2021-06-15, 15 June 2021 or 15 de junio de 2021, "
                 "or a month such as June 2021")

_TIME = (r"(?:(?:\s+|\s*T\s*|\s*,\s*)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?"
         r"\s*(?:[ap]\.?\s?m\.?)?(?:\s*(?:z|utc|gmt|[+-][0-9]{2}:?[0-9]{2}))?\s*(?:h|hs|hrs)?\.?)?")
_ISO_DATE = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})" + _TIME, re.I)
_NUM_DATE = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{2}|[0-9]{4})" + _TIME, re.I)
_ISO_MONTH = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})")
_NUM_MONTH = re.compile(r"([0-9]{1,2})[-/.]([0-9]{4})")
_SERIAL = re.compile(r"([0-9]{5})(?:[.,][0-9]+)?")
_BARE_YEAR = re.compile(r"[0-9]{4}(?:[.,]0+)?")
_TIME_ANYWHERE = re.compile(r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?\s*(?:[ap]\.?\s?m\.?)?"
                            r"(?:\s*(?:hs|hrs|h)\b)?", re.I)
_ORDINAL = re.compile(r"(?<=[0-9])(?:st|nd|rd|th|ro|do|to|vo|no|mo|er|o)\b")
_DATE_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+")

_MONTHS = {
    1: ("january", "jan", "enero", "ene"),
    2: ("february", "feb", "febrero"),
    3: ("march", "mar", "marzo"),
    4: ("april", "apr", "abril", "abr"),
    5: ("may", "mayo"),
    6: ("june", "jun", "junio"),
    7: ("july", "jul", "julio"),
    8: ("august", "aug", "agosto", "ago"),
    9: ("september", "sep", "sept", "septiembre", "setiembre", "set"),
    10: ("october", "oct", "octubre"),
    11: ("november", "nov", "noviembre"),
    12: ("december", "dec", "diciembre", "dic"),
}
_MONTH_INDEX = {name: m for m, names in _MONTHS.items() for name in names}
_THAI_MONTHS = {
    "มกราคม": 1, "กุมภาพันธ์": 2, "มีนาคม": 3, "เมษายน": 4, "พฤษภาคม": 5, "มิถุนายน": 6,
    "กรกฎาคม": 7, "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11, "ธันวาคม": 12,
    "ม.ค.": 1, "ก.พ.": 2, "มี.ค.": 3, "เม.ย.": 4, "พ.ค.": 5, "มิ.ย.": 6,
    "ก.ค.": 7, "ส.ค.": 8, "ก.ย.": 9, "ต.ค.": 10, "พ.ย.": 11, "ธ.ค.": 12,
}
_THAI_MONTH_RE = re.compile("|".join(re.escape(k) for k in sorted(_THAI_MONTHS, key=len, reverse=True)))
_THAI_ERA = re.compile(r"พ\.\s?ศ\.?|ค\.\s?ศ\.?")
_WEEKDAYS = frozenset("""
    monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat
    sunday sun lunes martes miercoles jueves viernes sabado domingo lun mie jue vie sab dom
""".split())
_FILLERS = frozenset(("de", "del", "of", "the", "el", "on", "a", "y"))


def _year(token: str, raw: str) -> int:
    if len(token) == 2:
        yy = int(token)
        return 2000 + yy if yy < 70 else 1900 + yy
    year = int(token) if len(token) == 4 else -1
    if year >= 2400:  # Thai Buddhist era
        year -= 543
    if not 1900 <= year <= 2199:
        raise ValueError(f"{_qn('date', raw)} has an invalid year {int(token)}")
    return year


def _day(year: int, month: int, day: int, raw: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{_qn('date', raw)} does not exist") from None


def _month(year: int, month: int, raw: str) -> tuple[dt.date, str]:
    if not 1 <= month <= 12:
        raise ValueError(f"{_qn('date', raw)} does not exist")
    return dt.date(year, month, 1), "month"


def _written_date(text: str, raw: str) -> tuple[dt.date, str]:
    s = _THAI_ERA.sub(" ", text)
    s = _THAI_MONTH_RE.sub(lambda m: f" {_MONTHS[_THAI_MONTHS[m.group(0)]][0]} ", s)
    s = _fold(s)
    s = _TIME_ANYWHERE.sub(" ", s)
    s = _ORDINAL.sub("", s)
    kinds, values = [], []
    for token in _DATE_TOKEN.findall(s):
        if token.isdigit():
            kinds.append("N")
            values.append(token)
        elif token in _MONTH_INDEX:
            kinds.append("M")
            values.append(_MONTH_INDEX[token])
        elif token in _WEEKDAYS or token in _FILLERS:
            continue
        else:
            raise ValueError(f"{_qn('date', raw)} is not a recognized date; {_DATE_FORMATS}")
    pattern = "".join(kinds)

    def day_of(token: str) -> int:
        if len(token) > 2:
            raise ValueError(f"{_qn('date', raw)} is not a recognized date; {_DATE_FORMATS}")
        return int(token)

    if pattern == "NMN":
        first, month, last = values
        if len(first) == 4 and len(last) <= 2:  # 2021 June 15
            return _day(_year(first, raw), month, int(last), raw), "day"
        return _day(_year(last, raw), month, day_of(first), raw), "day"
    if pattern == "MNN":
        month, day, year = values
        return _day(_year(year, raw), month, day_of(day), raw), "day"
    if pattern in ("MN", "NM"):
        month, year = (values[0], values[1]) if pattern == "MN" else (values[1], values[0])
        if len(year) == 4 or (len(year) == 2 and pattern == "MN" and re.search(r"[-/']", text)):
            return _month(_year(year, raw), month, raw)
        raise ValueError(f"{_qn('date', raw)} has no year; {_DATE_FORMATS}")
    raise ValueError(f"{_qn('date', raw)} is not a recognized date; {_DATE_FORMATS}")


def parse_date(value, dayfirst: bool = True) -> tuple[dt.date, str] | None:
    """(date, precision) from ISO, dd/mm/yyyy, Excel serials and written English/Spanish/Thai dates.

    precision is "day", or "month" for a month alone (`December 2020` -> 2020-12-01). Years of 2400
    or more are Thai Buddhist-era years. `06/15/2021` is read month-first since 15 is no month.
    """
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    raw = _text(value)
    if raw is None:
        return None
    if len(raw) > MAX_VALUE_CHARS:
        raise ValueError(f"{_q(raw)} is not a date (too long)")
    text = _ascii_digits(raw)

    m = _SERIAL.fullmatch(text)
    if m:
        serial = int(m.group(1))
        if 20000 <= serial <= 80000:
            return _EXCEL_ORIGIN + dt.timedelta(days=serial), "day"
        raise ValueError(f"{_qn('date', raw)} is not a recognized date; {_DATE_FORMATS}")
    m = _ISO_DATE.fullmatch(text)
    if m:
        return _day(_year(m.group(1), raw), int(m.group(3)), int(m.group(4)), raw), "day"
    m = _NUM_DATE.fullmatch(text)
    if m:
        a, b = int(m.group(1)), int(m.group(3))
        day, month = (a, b) if dayfirst else (b, a)
        if month > 12 and day <= 12:  # 06/15/2021 can only be month-first
            day, month = month, day
        return _day(_year(m.group(4), raw), month, day, raw), "day"
    m = _ISO_MONTH.fullmatch(text)
    if m:
        return _month(_year(m.group(1), raw), int(m.group(2)), raw)
    m = _NUM_MONTH.fullmatch(text)
    if m:
        return _month(_year(m.group(2), raw), int(m.group(1)), raw)
    if _BARE_YEAR.fullmatch(text):
        raise ValueError(f"{_qn('date', raw)} is only a year; {_DATE_FORMATS}")
    return _written_date(text, raw)


# ------------------------------------------------------------------ numbers

_NUM_SPACE = re.compile(r"(?<=[0-9])[ \u00a0\u202f\u2009'’](?=[0-9]{3}(?![0-9]))")
_NUMBER = re.compile(r"([+-]?)([0-9.,]*[0-9][0-9.,]*)")
_SCIENTIFIC = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:\.[0-9]{3})+")
_INT_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


def _number_text(value, int_groups: bool) -> tuple[str, str] | None:
    """(the value as written, a plain decimal string such as "-1234.5"), or None when blank."""
    raw = _text(value)
    if raw is None:
        return None
    if len(raw) > MAX_VALUE_CHARS:
        raise ValueError(f"{_q(raw)} is not a number (too long)")
    s = _ascii_digits(raw).replace("\u2212", "-")
    if s.endswith("%"):
        s = s[:-1].rstrip()
    s = _NUM_SPACE.sub("", s)
    s = re.sub(r"(?<=[+-])\s+", "", s)
    if _SCIENTIFIC.fullmatch(s):
        return raw, s
    m = _NUMBER.fullmatch(s)
    if not m:
        raise ValueError(f"{_q(raw)} is not a number")
    sign, body = m.groups()
    dots, commas = body.count("."), body.count(",")
    if int_groups and _INT_GROUPED.fullmatch(body):
        body = body.replace(".", "").replace(",", "")
    elif dots and commas:
        dec = "." if body.rfind(".") > body.rfind(",") else ","
        thousands = "," if dec == "." else "."
        whole, _, frac = body.rpartition(dec)
        if not _GROUPED.fullmatch(whole) or thousands not in whole or not frac:
            raise ValueError(f"{_q(raw)} is not a number")
        body = whole.replace(thousands, "") + "." + frac
    elif commas > 1 or dots > 1:
        if not _GROUPED.fullmatch(body):
            raise ValueError(f"{_q(raw)} is not a number")
        body = body.replace(",", "").replace(".", "")
    else:
        body = body.replace(",", ".")
        if body.endswith("."):
            raise ValueError(f"{_q(raw)} is not a number")
    return raw, sign + body


def parse_number(value) -> float | None:
    """`12,5` `1.234,5` `1,234.5` `1 234` `85%` `42.0` -> float. The last of `.`/`,` is the decimal mark,
    except that a lone `.` or `,` followed by exactly three digits groups thousands (`1.250` and `1,250`
    are 1250 in the Spanish and the English way of writing; `0,125` stays 0.125)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return None
        if not math.isfinite(value):
            raise ValueError(f"{_q(str(value))} is not a number")
        return float(value)
    parsed = _number_text(value, int_groups=True)
    if parsed is None:
        return None
    raw, plain = parsed
    number = float(plain)
    if not math.isfinite(number):
        raise ValueError(f"{_q(raw)} is not a number")
    return number


def parse_int(value) -> int | None:
    """A count: like parse_number, but `1.234` and `1,234` are 1234; fractions and negatives raise."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError(f"{_q(str(value))} is not a number")
        value = _text(value)
    parsed = _number_text(value, int_groups=True)
    if parsed is None:
        return None
    raw, plain = parsed
    try:
        number = Decimal(plain)
    except InvalidOperation:
        raise ValueError(f"{_q(raw)} is not a number") from None
    if not number.is_finite() or abs(number.adjusted()) > 30:
        raise ValueError(f"{_q(raw)} is not a number")
    if number != number.to_integral_value():
        raise ValueError(f"{_q(raw)} is not a whole number")
    if number < 0:
        raise ValueError(f"{_q(raw)} is negative; a count cannot be below 0")
    if number >= 2**53:
        raise ValueError(f"{_q(raw)} is too large to be a count")
    return int(number)


_SCORE_SPLIT = re.compile(r"\s*(?:/|\bout of\b|\bof\b|\bde\b|\bsobre\b)\s*", re.I)


def parse_score(value) -> tuple[float, float | None] | None:
    """(score, max_score): `17/20` -> (17, 20); `85%` -> (85, 100); `8,5` -> (8.5, None)."""
    raw = _text(value)
    if raw is None:
        return None
    parts = _SCORE_SPLIT.split(raw)
    if len(parts) > 2 or any(not p.strip() for p in parts):
        raise ValueError(f"{_qn('score', raw)} is not a number or a fraction such as 17/20")
    score = parse_number(parts[0])
    if len(parts) == 2:
        if parts[0].rstrip().endswith("%") or parts[1].rstrip().endswith("%"):
            raise ValueError(f"{_qn('score', raw)} is not a number or a fraction such as 17/20")
        maximum = parse_number(parts[1])
    else:
        maximum = 100.0 if raw.endswith("%") else None
    if score < 0:
        raise ValueError(f"score {_fmt(score)} is negative")
    if maximum is not None:
        if maximum <= 0:
            raise ValueError(f"{_qn('score', raw)} has a maximum of {_fmt(maximum)}; it must be above 0")
        if score > maximum:
            raise ValueError(f"score {_fmt(score)} is above its maximum {_fmt(maximum)}")
    return score, maximum


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
            raise ValueError(f"step {n} in {_q(note)} is not between 1 and 9")
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
    return _enum(value, _TEST_TYPES, "test type", "pre, post or follow-up")


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
    return _enum(value, _MODALITIES, "modality", "online, in-person or hybrid")


_ROLES = _index({
    "participant": ("participante", "student", "estudiante", "alumno", "alumna", "trainee"),
    "trainer": ("capacitador", "capacitadora", "instructor", "instructora", "docente", "teacher",
                "profesor", "profesora"),
    "facilitator": ("facilitador", "facilitadora"),
    "observer": ("observador", "observadora"),
})


def parse_role(value) -> str | None:
    """participant, trainer, facilitator or observer (English or Spanish)."""
    return _enum(value, _ROLES, "role", "participant, trainer, facilitator or observer")


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
        raise ValueError(f"unknown DMOP type {_q(text, paren=True)}; use enforcement (E, DMOP-E) or coordination "
                         "(C, DMOP-C)")
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
    return _enum(value, _CRITERIA, "criterion", ", ".join(C.CRITERIA[:-1]) + " or " + C.CRITERIA[-1])


_COUNT_UNITS = _index({
    "respondents": ("respondent", "people", "persons", "personas", "entrevistados", "informants",
                    "informantes", "key informants"),
    "comments": ("comment", "comentarios", "comentario"),
})


def parse_count_unit(value) -> str | None:
    """What a tally counts: `respondents` (people, personas…) or `comments` (comentarios…)."""
    return _enum(value, _COUNT_UNITS, "unit", "respondents or comments")


_MEASURE_UNITS = _index({
    "#": ("number", "count", "número", "cantidad", "nº", "no."),
    "%": ("percent", "percentage", "porcentaje", "pct", "por ciento"),
})


def parse_measure_unit(value) -> str | None:
    """An indicator's unit: `#` (number, count, número…) or `%` (percent, porcentaje…)."""
    return _enum(value, _MEASURE_UNITS, "unit", "# (a number) or % (a percentage)", raw={"#": "#", "%": "%"})


_PERIOD = re.compile(r"(?:(fy|af|fiscal year|ano fiscal|a\.f\.|f\.y\.)\s*[-_ ]?\s*)?([0-9]{4}|[0-9]{2})(?:[.,]0+)?",
                     re.I)


def parse_period(value) -> tuple[str, int] | None:
    """(label, year): `2021` -> ("2021", 2021); `FY 2021`, `fy21`, `AF2021` -> ("FY2021", 2021)."""
    raw = _text(value)
    if raw is None:
        return None
    m = _PERIOD.fullmatch(_fold(_ascii_digits(raw)))
    if m is None or (m.group(1) is None and len(m.group(2)) != 4):
        raise ValueError(f"{_qn('period', raw)} is not a year or a fiscal year; use 2021 or FY2021")
    token = m.group(2)
    year = 2000 + int(token) if len(token) == 2 else int(token)
    if year >= 2400:
        year -= 543
    if not 1900 <= year <= 2199:
        raise ValueError(f"{_qn('period', raw)} has an invalid year {int(token)}")
    return (f"FY{year}" if m.group(1) else str(year)), year


_PRECISIONS = _index({
    "day": ("día", "dia", "days", "días", "daily", "exact", "exacta"),
    "month": ("mes", "months", "meses", "monthly", "mensual"),
    "year": ("año", "years", "años", "yearly", "anual"),
})


def parse_date_precision(value) -> str | None:
    """`day`, `month` or `year` (día, mes, año)."""
    return _enum(value, _PRECISIONS, "date precision", "day, month or year")
