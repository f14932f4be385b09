"""The language catalogs: one English text has one translation, whichever catalog file holds it."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

LOCALES = Path(__file__).resolve().parents[1] / "atlas_data" / "locales"


def test_a_text_translated_in_two_catalog_files_reads_the_same_in_both():
    for folder in LOCALES.iterdir():
        seen: dict[str, dict[str, str]] = defaultdict(dict)
        for path in sorted(folder.glob("*.json")):
            for english, translated in json.loads(path.read_text(encoding="utf-8")).items():
                seen[english][path.name] = translated
        clashes = {k: v for k, v in seen.items() if len(set(v.values())) > 1}
        assert not clashes, (folder.name, clashes)
        assert len(seen) > 300  # the catalogs are there, not an empty folder


# =========================================================================== every language, every key

import datetime as dt
import re

from atlas_data import i18n

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Words that stay as they are in any language: codes, product and file-format names, and the values people
# type in their files that the messages quote (`use pre, post or follow-up`).
_KEPT_WORDS = frozenset("""
    dmop dmops kii ki iptt atlas csv pdf png excel powerpoint url id mb kb fy oecd dac utc ok
""".split())


def _translated_languages() -> list[str]:
    return [lang for lang in i18n.languages() if lang != i18n.DEFAULT_LANG]


def _has_words(english: str) -> bool:
    """The English text has a word to translate: two letters or more in a row that are not a kept code,
    outside `{placeholders}`."""
    words = re.findall(r"[A-Za-z]{2,}", _PLACEHOLDER.sub(" ", english))
    return any(w.lower() not in _KEPT_WORDS for w in words)


def test_there_are_three_languages_and_each_catalog_is_complete():
    assert {"en", "es", "th"} <= set(i18n.languages())
    for lang in _translated_languages():
        assert len(i18n.catalog(lang)) > 700, lang


def test_every_key_of_one_language_is_in_every_other_language():
    langs = _translated_languages()
    for lang in langs:
        for other in langs:
            missing = sorted(set(i18n.catalog(lang)) - set(i18n.catalog(other)))
            assert not missing, (f"in {lang}, not in {other}", missing)


def test_each_language_has_the_same_catalog_files_with_the_same_keys():
    spanish = {p.name: set(json.loads(p.read_text(encoding="utf-8"))) for p in (LOCALES / "es").glob("*.json")}
    assert len(spanish) >= 10
    for lang in _translated_languages():
        files = {p.name: set(json.loads(p.read_text(encoding="utf-8"))) for p in (LOCALES / lang).glob("*.json")}
        assert files.keys() == spanish.keys(), lang
        for name, keys in spanish.items():
            assert files[name] == keys, (lang, name, keys ^ files[name])


def test_every_translation_keeps_exactly_the_placeholders_of_its_english_text():
    for lang in _translated_languages():
        wrong = {english: translated for english, translated in i18n.catalog(lang).items()
                 if sorted(_PLACEHOLDER.findall(english)) != sorted(_PLACEHOLDER.findall(translated))}
        assert not wrong, (lang, wrong)
        # and each fills in: no stray brace that str.format would choke on
        for english, translated in i18n.catalog(lang).items():
            fields = {name.strip("{}"): "x" for name in _PLACEHOLDER.findall(english)}
            translated.format(**fields)


def test_no_thai_text_is_left_in_english():
    thai = i18n.catalog("th")
    untranslated = sorted(english for english, translated in thai.items()
                          if translated.strip() == english.strip() and _has_words(english))
    assert not untranslated, untranslated
    # what stays the same is codes and names only
    same = sorted(english for english, translated in thai.items() if translated == english)
    assert same and all(not _has_words(english) for english in same), same
    # and the Thai text is Thai: every text with words to translate has Thai letters
    no_thai = sorted(e for e, tr in thai.items() if _has_words(e) and not re.search("[\u0e00-\u0e7f]", tr))
    assert not no_thai, no_thai


def test_thai_keeps_the_markup_of_the_english_text():
    for english, translated in i18n.catalog("th").items():
        for mark in ("`", "```", "\n", "<k", "×", "◀", "▶", "…", '"'):
            if mark in english:
                assert mark in translated, (mark, english, translated)


def test_the_thai_interface_text():
    assert i18n.t("Overview", "th") == "ภาพรวม"
    assert i18n.t("People trained", "th") == "ผู้ได้รับการฝึกอบรม"
    assert i18n.t("Source files: {files}", "th", files="a.xlsx") == "ไฟล์ต้นทาง: a.xlsx"
    assert i18n.t("{n} participants", "th", n=12) == "ผู้เข้าร่วม 12 คน"
    assert i18n.valid_lang("th") == "th"


def test_thai_numbers_percents_dates_and_months():
    assert i18n.fmt_int(1234, "th") == "1,234"
    assert i18n.fmt_int(1234567, "th") == "1,234,567"
    assert i18n.fmt_number(1234.5, "th") == "1,234.5"
    assert i18n.fmt_number(0.25, "th", digits=2) == "0.25"
    assert i18n.fmt_percent(0.6, "th") == "60%"
    assert i18n.fmt_percent(0.615, "th", digits=1) == "61.5%"
    assert i18n.fmt_int("<5", "th") == "<5" and i18n.fmt_int(None, "th") == "–"
    assert i18n.fmt_date(dt.date(2021, 6, 15), "th") == "15 มิถุนายน พ.ศ. 2564"      # the Buddhist era (a setting)
    assert i18n.fmt_date("2021-06-15", "th", "medium") == "15 มิ.ย. 2564"
    assert i18n.fmt_month(dt.date(2021, 6, 1), "th") == "มิถุนายน พ.ศ. 2564"
    assert i18n.fmt_month(dt.date(2020, 10, 1), "th") == "ตุลาคม พ.ศ. 2563"
    # Spanish and English as before
    assert i18n.fmt_month(dt.date(2021, 6, 1), "es") == "junio de 2021"
    assert i18n.fmt_month(dt.date(2021, 6, 1), "en") == "June 2021"


def test_thai_downloads_and_charts_write_numbers_the_english_way_and_days_first():
    from atlas_data.reading import privacy
    from atlas_data.reports import charts, export
    assert export.csv_separator("th") == "," and export.decimal_sign("th") == "."
    assert export.csv_separator("es") == ";"
    assert charts.separators("th") == ".," and charts.separators("es") == ",." and charts.separators("en") == ".,"
    # a chart's date as the tables write it (i18n.fmt_date, medium), in the Buddhist era in Thai
    assert charts.date_text("2021-06-15", "th") == "15 มิ.ย. 2564" and charts.date_text("2021-06-15", "en") == "Jun 15, 2021"
    assert privacy.described_in("text, 24 characters", "th") == "ข้อความ, 24 ตัวอักษร"
    assert privacy.described_in("text, 1 character", "th") == "ข้อความ, 1 ตัวอักษร"
    assert privacy.described_in("e-mail address", "th") == "ที่อยู่อีเมล"
    assert privacy.described_in("(personal data, not shown)", "th") == "(ข้อมูลส่วนบุคคล ไม่แสดง)"
    assert privacy.described_in("12,5x", "th") == "12,5x"


def test_the_language_pickers_name_thai_in_thai():
    assert i18n.LANGUAGE_NAMES["th"] == "ไทย"
    assert set(i18n.LANGUAGE_NAMES) == set(i18n.languages())


# =========================================================================== the writers remember, and write the same

from hypothesis import given, settings as hyp_settings, strategies as hs  # noqa: E402
from babel.dates import format_date as babel_date  # noqa: E402
from babel.numbers import format_decimal as babel_decimal, format_percent as babel_percent  # noqa: E402


@hyp_settings(max_examples=300, deadline=None)
@given(value=hs.one_of(hs.integers(-10**12, 10**12), hs.floats(-1e9, 1e9, allow_nan=False)),
       share=hs.floats(0, 2, allow_nan=False), day=hs.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31)),
       lang=hs.sampled_from(["en", "es", "th"]))
def test_the_remembered_writers_write_what_babel_writes(value, share, day, lang):
    """``fmt_int``, ``fmt_number``, ``fmt_decimal``, ``fmt_percent`` and ``fmt_date`` keep what they wrote (a page's
    tables repeat few values): asked twice, each gives Babel's own text both times, 1 and 1.0 alike; a negative
    zero is written as zero (Babel: `-0.0`), whatever was asked before."""
    value, share = (abs(value) if value == 0 else value), share + 0.0
    i18n.fmt_number(-0.0, lang), i18n.fmt_percent(-0.0, lang)
    for _ in range(2):
        assert i18n.fmt_int(value, lang) == babel_decimal(int(value), format="#,##0", locale=lang)
        assert i18n.fmt_number(value, lang) == babel_decimal(value, format="#,##0.0", locale=lang)
        assert i18n.fmt_decimal(value, lang) == babel_decimal(value, format="#,##0.##", locale=lang)
        pattern = i18n.Locale.parse(lang).percent_formats[None].pattern
        assert i18n.fmt_percent(share, lang) == babel_percent(share, format=pattern, locale=lang)
        if lang != "th":      # Thai dates are in the Buddhist era (tested above)
            assert i18n.fmt_date(day, lang, "medium") == babel_date(
                day, format=i18n.Locale.parse(lang).date_formats["medium"].pattern, locale=lang)
