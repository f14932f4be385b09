"""Interface language: one catalog per language (`locales/<lang>/*.json`, English text → translation) and
Babel for numbers and dates. English is the source language; adding a language is adding one catalog.

    t("People trained", "es")            -> "Personas capacitadas"
    fmt_number(1234.5, "es")             -> "1.234,5"
    fmt_date(date(2021, 6, 15), "es")    -> "15 de junio de 2021"
"""
from __future__ import annotations

import datetime as dt
import decimal
import json
import re
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALES_DIR = Path(__file__).with_name("locales")
DEFAULT_LANG = "en"
#: Each language's name in itself (the language picker, the pack's cover).
LANGUAGE_NAMES = {"en": "English", "es": "Español", "th": "ไทย"}


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    """The language's catalog: `locales/<lang>/*.json` merged (one file per area of the app)."""
    merged: dict[str, str] = {}
    folder = LOCALES_DIR / lang
    if lang == DEFAULT_LANG or not folder.is_dir():
        return merged
    for path in sorted(folder.glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """English plus every language that has a catalog folder (read once: `ui.tr` asks on every string, and
    listing the folder each time was 7% of a page run's CPU under load)."""
    return (DEFAULT_LANG,) + tuple(sorted(p.name for p in LOCALES_DIR.iterdir() if p.is_dir() and p.name != DEFAULT_LANG))


def valid_lang(lang) -> str:
    return lang if isinstance(lang, str) and lang in languages() else DEFAULT_LANG


def cli_lang() -> str:
    """The command line's language: `ATLAS_LANG`, else that of `LANG` (`es_PY.UTF-8` → es), else English."""
    import os
    return valid_lang(os.environ.get("ATLAS_LANG") or (os.environ.get("LANG") or DEFAULT_LANG)[:2])


def t(text: str, lang: str = DEFAULT_LANG, **fields) -> str:
    """`text` in `lang` (the English text when the catalog lacks it), with `{name}` fields filled in."""
    out = catalog(lang).get(text, text) if lang != DEFAULT_LANG else text
    return out.format(**fields) if fields else out


def known_label(value, lang: str = DEFAULT_LANG):
    """A value from the data (a gender, a country, an answer) in ``lang`` when the catalog holds it as a
    whole (``Female`` -> ``Mujer``); any other value (a DMOP, a question) as it is."""
    if isinstance(value, str) and lang != DEFAULT_LANG:
        return catalog(lang).get(value, value)
    return value


def translator(lang: str):
    """A one-argument `t` for figure builders and helpers."""
    return lambda text, **fields: t(text, lang, **fields)


def _mark(value) -> bool:
    """A count already written as published (`<5`, `×`: publish mode): shown as it is."""
    return isinstance(value, str)


# Babel writes one value in tens of microseconds; a table of a thousand cells repeats few values, so the
# writers remember (value, pattern, language) → text: same text, a page's tables written in milliseconds.
# A negative zero is written as zero (it would share its memory with 0.0, which is equal to it).
def _decimal(value, pattern: str, lang: str) -> str:
    return _decimal_text(abs(value) if value == 0 else value, pattern, lang)


def _percent(share, pattern: str, lang: str) -> str:
    return _percent_text(abs(share) if share == 0 else share, pattern, lang)


#: Babel rounds in the current decimal context, whose 28 digits cannot hold a huge figure to its decimals (1e22 to six
#: decimals is 29 digits: InvalidOperation); a float has at most 309 digits before its point.
_WIDE = decimal.Context(prec=400)


@lru_cache(maxsize=65_536, typed=True)
def _decimal_text(value, pattern: str, lang: str) -> str:
    with decimal.localcontext(_WIDE):
        return format_decimal(value, format=pattern, locale=lang)


@lru_cache(maxsize=65_536, typed=True)
def _percent_text(share, pattern: str, lang: str) -> str:
    with decimal.localcontext(_WIDE):
        return format_percent(share, format=pattern, locale=lang)


@lru_cache(maxsize=65_536)
def _date(value: dt.date, pattern: str, lang: str) -> str:
    return format_date(value, format=pattern, locale=lang)


@lru_cache(maxsize=None)
def _locale_pattern(lang: str, kind: str, style) -> str:
    """The language's own pattern: ``percent`` (``#,##0 %``) or a date style (``medium``)."""
    locale = Locale.parse(lang)
    return (locale.percent_formats[None] if kind == "percent" else locale.date_formats[style]).pattern


def fmt_int(value, lang: str = DEFAULT_LANG) -> str:
    if _mark(value):
        return value
    if value is None or value != value:
        return "–"
    return _decimal(int(value), "#,##0", lang)


def fmt_count(value, lang: str = DEFAULT_LANG) -> str:
    """A count in a line scripts also read (the command line, the audit trail): in English as Python writes it
    (`1234`, what those scripts parse), in another language as `fmt_int` writes it (`1.234`)."""
    return str(value) if lang == DEFAULT_LANG else fmt_int(value, lang)


def fmt_number(value, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    if _mark(value):
        return value
    if value is None or value != value:
        return "–"
    return _decimal(value, "#,##0." + "0" * digits if digits else "#,##0", lang)


def fmt_decimal(value, lang: str = DEFAULT_LANG, digits: int = 2) -> str:
    """A number as it is, to at most `digits` decimals (``1.234,5``): a table cell that is not a whole count, a
    number a message quotes (`messages.render`)."""
    if _mark(value):
        return value
    if value is None or value != value:
        return "–"
    return _decimal(value, "#,##0." + "#" * digits, lang)


def fmt_percent(share, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    """A share (0.6) as a percentage in the language's format (`60%`, `60 %`)."""
    if _mark(share):
        return share
    if share is None or share != share:
        return "–"
    pattern = _locale_pattern(lang, "percent", None)
    if digits:
        pattern = pattern.replace("0%", "0." + "0" * digits + "%").replace("0\u00a0%", "0." + "0" * digits + "\u00a0%")
    return _percent(share, pattern, lang)


def percent_printf(lang: str = DEFAULT_LANG) -> str:
    """A whole percentage as a printf format in the language's style (``%d%%``, ``%d\u00a0%%``), for widgets
    that take one (Streamlit's slider)."""
    return fmt_percent(0.07, lang).replace("%", "%%").replace("7", "%d")


def buddhist_era(lang: str) -> bool:
    """Thai dates carry the Buddhist-era year (2564 for 2021) unless the setting ``thai_buddhist_era`` is off."""
    if lang != "th":
        return False
    from atlas_data.settings import flag
    return flag("thai_buddhist_era")


def _as_date(value) -> dt.date:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    if hasattr(value, "date") and not isinstance(value, dt.date):
        value = value.date()
    return value


def _pattern(value: dt.date, lang: str, pattern: str) -> str:
    """A Babel date pattern; in the Buddhist era its year (and era) written as Thai offices write them."""
    if not buddhist_era(lang):
        return pattern
    year = str(value.year + 543)
    pattern = re.sub(r"G+\s*", "'พ.ศ.' ", pattern) if "G" in pattern else pattern
    return re.sub(r"y+", lambda m: f"'{year[-2:] if len(m.group()) == 2 else year}'", pattern)


def fmt_date(value, lang: str = DEFAULT_LANG, style: str = "long") -> str:
    """`15 de junio de 2021` / `June 15, 2021` (style long), `15 jun 2021` (medium); in Thai
    `15 มิถุนายน พ.ศ. 2564` (``buddhist_era``)."""
    if value is None or value != value:
        return "–"
    value = _as_date(value)
    return _date(value, _pattern(value, lang, _locale_pattern(lang, "date", style)), lang)


# A month and its year, where the language writes it otherwise than `LLLL y`: Thai names the era as its long
# date does (`15 มิถุนายน พ.ศ. 2564`), so that a year is never read in the other era.
_MONTH_FORMATS = {"es": "LLLL 'de' y", "th": "LLLL G y"}


def fmt_month(value, lang: str = DEFAULT_LANG) -> str:
    """`junio de 2021` / `June 2021` / `มิถุนายน พ.ศ. 2564` (`มิถุนายน ค.ศ. 2021` with the Buddhist era off)."""
    if value is None or value != value:
        return "–"
    value = _as_date(value)
    return _date(value, _pattern(value, lang, _MONTH_FORMATS.get(lang, "LLLL y")), lang)


def fmt_month_short(value, lang: str = DEFAULT_LANG) -> str:
    """A month on a date axis: `abr 2021` / `Apr 2021` (in the Buddhist era where Thai dates are)."""
    value = _as_date(value)
    return _date(value, _pattern(value, lang, "MMM y"), lang).replace(".", "")
