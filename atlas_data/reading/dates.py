"""Dates as people write them: ISO, day-first, Excel serials, written months in English, Spanish and Thai,
Buddhist-era years; a month alone gives its first day with precision `month`.
"""
from __future__ import annotations

import datetime as dt
import re

from atlas_data.reading.messages import ParseError
from atlas_data.reading.text import MAX_VALUE_CHARS, _ascii_digits, _fold, _q, _text

# ------------------------------------------------------------------ dates

_EXCEL_ORIGIN = dt.date(1899, 12, 30)  # serial 60 is the 1900-02-29 that never was

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
        raise ParseError("invalid_year", noun="date", value=_q(raw), year=int(token))
    return year


def _day(year: int, month: int, day: int, raw: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ParseError("date_does_not_exist", noun="date", value=_q(raw)) from None


def _month(year: int, month: int, raw: str) -> tuple[dt.date, str]:
    if not 1 <= month <= 12:
        raise ParseError("date_does_not_exist", noun="date", value=_q(raw))
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
            raise ParseError("not_a_date", noun="date", value=_q(raw))
    pattern = "".join(kinds)

    def day_of(token: str) -> int:
        if len(token) > 2:
            raise ParseError("not_a_date", noun="date", value=_q(raw))
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
        raise ParseError("date_without_year", noun="date", value=_q(raw))
    raise ParseError("not_a_date", noun="date", value=_q(raw))


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
        raise ParseError("date_too_long", value=_q(raw))
    text = _ascii_digits(raw)

    m = _SERIAL.fullmatch(text)
    if m:
        serial = int(m.group(1))
        if 20000 <= serial <= 80000:
            return _EXCEL_ORIGIN + dt.timedelta(days=serial), "day"
        raise ParseError("not_a_date", noun="date", value=_q(raw))
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
        raise ParseError("only_a_year", noun="date", value=_q(raw))
    return _written_date(text, raw)


# ------------------------------------------------------------------ a column's day and month order

DAY_FIRST, MONTH_FIRST, ORDER_UNKNOWN, ORDER_MIXED = "day_first", "month_first", "unknown", "mixed"
_LEADING_NUM_DATE = re.compile(r"\s*([0-9]{1,2})[-/.]([0-9]{1,2})[-/.](?:[0-9]{4}|[0-9]{2})(?![0-9])")


def date_order(texts) -> tuple[str | None, dict[str, str]]:
    """The day/month order a column of dates written by one tool (`12/4/2023 9:15:32`, `4/12/23, 9:58 AM`) uses,
    from the whole column, and an example date of each kind found (`day_first`, `month_first`, `unknown`).

    A date with a first number from 13 to 31 is day first; a second number from 13 to 31, month first (`06/45`
    tells nothing: it is no date either way). DAY_FIRST or
    MONTH_FIRST when the dates say so; ORDER_MIXED when they say both; ORDER_UNKNOWN when some dates could be read
    either way (4/12) and none tells; None when no date needs an order (ISO dates, 5/5/2023)."""
    seen: dict[str, str] = {}
    for value in texts:
        if not isinstance(value, str):
            continue
        found = _LEADING_NUM_DATE.match(_ascii_digits(value))
        if found is None:
            continue
        first, second = int(found.group(1)), int(found.group(2))
        kind = (DAY_FIRST if 31 >= first > 12 >= second else MONTH_FIRST if 31 >= second > 12 >= first
                else ORDER_UNKNOWN if first != second else None)
        if kind is not None:
            seen.setdefault(kind, value.strip())
    if DAY_FIRST in seen and MONTH_FIRST in seen:
        return ORDER_MIXED, seen
    if DAY_FIRST in seen or MONTH_FIRST in seen:
        return (DAY_FIRST if DAY_FIRST in seen else MONTH_FIRST), seen
    return (ORDER_UNKNOWN if seen else None), seen


def iso_day(value, order: str | None) -> str | None:
    """The ISO day (`2023-04-12`) of a date read in `order` (DAY_FIRST when None); None when it is no date."""
    try:
        parsed = parse_date(value, dayfirst=order != MONTH_FIRST)
    except ValueError:
        return None
    return None if parsed is None else parsed[0].isoformat()


def column_date_parser(values):
    """`parse_date` for the cells of one column (its distinct values), in the one order the column proves, as a
    person reading the whole column would: month first when a date says so (`06/15/2021`) and none says day
    first, so `06/07/2021` is 7 June there; day first otherwise (the project's countries write day first).
    When dates say both (`15/06/2021` and `06/15/2021`), each of those still reads the one way it can, and a
    date that reads both ways (`06/07/2021`) is refused (`date_order_ambiguous`), never guessed. Real dates,
    ISO dates and written months tell nothing and read as they are."""
    order, examples = date_order(values)
    if order == MONTH_FIRST:
        return _month_first
    if order != ORDER_MIXED:
        return parse_date
    day_first, month_first = _q(examples[DAY_FIRST]), _q(examples[MONTH_FIRST])

    def parse_in_mixed_column(value):
        if isinstance(value, str):
            found = _LEADING_NUM_DATE.match(_ascii_digits(value))
            first, second = (int(found.group(1)), int(found.group(2))) if found else (0, 0)
            if 1 <= first <= 12 and 1 <= second <= 12 and first != second:
                raise ParseError("date_order_ambiguous", noun="date", value=_q(value.strip()),
                                 day_first=day_first, month_first=month_first)
        return parse_date(value)

    return parse_in_mixed_column


def _month_first(value):
    return parse_date(value, dayfirst=False)
