"""Numbers, counts and scores as people write them: decimal commas, grouped thousands, `%`, `17/20`."""
from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from atlas_data.reading.messages import ParseError
from atlas_data.reading.text import MAX_VALUE_CHARS, _ascii_digits, _q, _text

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
        raise ParseError("number_too_long", value=_q(raw))
    s = _ascii_digits(raw).replace("\u2212", "-")
    if s.endswith("%"):
        s = s[:-1].rstrip()
    s = _NUM_SPACE.sub("", s)
    s = re.sub(r"(?<=[+-])\s+", "", s)
    if _SCIENTIFIC.fullmatch(s):
        return raw, s
    m = _NUMBER.fullmatch(s)
    if not m:
        raise ParseError("not_a_number", value=_q(raw))
    sign, body = m.groups()
    dots, commas = body.count("."), body.count(",")
    if int_groups and _INT_GROUPED.fullmatch(body):
        body = body.replace(".", "").replace(",", "")
    elif dots and commas:
        dec = "." if body.rfind(".") > body.rfind(",") else ","
        thousands = "," if dec == "." else "."
        whole, _, frac = body.rpartition(dec)
        if not _GROUPED.fullmatch(whole) or thousands not in whole or not frac:
            raise ParseError("not_a_number", value=_q(raw))
        body = whole.replace(thousands, "") + "." + frac
    elif commas > 1 or dots > 1:
        if not _GROUPED.fullmatch(body):
            raise ParseError("not_a_number", value=_q(raw))
        body = body.replace(",", "").replace(".", "")
    else:
        body = body.replace(",", ".")
        if body.endswith("."):
            raise ParseError("not_a_number", value=_q(raw))
    return raw, sign + body


def parse_number(value) -> float | None:
    """`12,5` `1.234,5` `1,234.5` `1 234` `85%` `42.0` -> float. The last of `.`/`,` is the decimal mark,
    except that a lone `.` or `,` followed by exactly three digits groups thousands (`1.250` and `1,250`
    are 1250 in the Spanish and the English way of writing; `0,125` stays 0.125)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return None
        if not math.isfinite(value):
            raise ParseError("not_a_number", value=_q(str(value)))
        return float(value)
    parsed = _number_text(value, int_groups=True)
    if parsed is None:
        return None
    raw, plain = parsed
    number = float(plain)
    if not math.isfinite(number):
        raise ParseError("not_a_number", value=_q(raw))
    return number


def parse_int(value) -> int | None:
    """A count: like parse_number, but `1.234` and `1,234` are 1234; fractions and negatives raise."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ParseError("not_a_number", value=_q(str(value)))
        value = _text(value)
    parsed = _number_text(value, int_groups=True)
    if parsed is None:
        return None
    raw, plain = parsed
    try:
        number = Decimal(plain)
    except InvalidOperation:
        raise ParseError("not_a_number", value=_q(raw)) from None
    if not number.is_finite() or abs(number.adjusted()) > 30:
        raise ParseError("not_a_number", value=_q(raw))
    if number != number.to_integral_value():
        raise ParseError("not_whole", value=_q(raw))
    if number < 0:
        raise ParseError("negative_count", value=_q(raw))
    if number >= 2**53:
        raise ParseError("count_too_large", value=_q(raw))
    return int(number)


_SCORE_SPLIT = re.compile(r"\s*(?:/|\bout of\b|\bof\b|\bde\b|\bsobre\b)\s*", re.I)


def parse_score(value) -> tuple[float, float | None] | None:
    """(score, max_score): `17/20` -> (17, 20); `85%` -> (85, 100); `8,5` -> (8.5, None)."""
    raw = _text(value)
    if raw is None:
        return None
    parts = _SCORE_SPLIT.split(raw)
    if len(parts) > 2 or any(not p.strip() for p in parts):
        raise ParseError("not_a_score", noun="score", value=_q(raw))
    score = parse_number(parts[0])
    if len(parts) == 2:
        if parts[0].rstrip().endswith("%") or parts[1].rstrip().endswith("%"):
            raise ParseError("not_a_score", noun="score", value=_q(raw))
        maximum = parse_number(parts[1])
    else:
        maximum = 100.0 if raw.endswith("%") else None
    if score < 0:
        raise ParseError("negative_score", score=score)
    if maximum is not None:
        if maximum <= 0:
            raise ParseError("maximum_not_positive", noun="score", value=_q(raw), maximum=maximum)
        if score > maximum:
            raise ParseError("score_above_maximum", score=score, maximum=maximum)
    return score, maximum
