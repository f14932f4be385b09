"""Data text in the room's language: the `translations` sheets (`text, es, en, th`) turn DMOP names,
activities, institutions, interview questions and answers into the chosen language on every page, slide and
download; the "numbers and sources" tables keep the original beside it.

    words = Glossary.of(queries.translations.translations(con), "es")
    words.text("Supreme Court of Justice")          -> "Corte Suprema de Justicia"
    translated(frame, words)                         # the data-text columns of a query's frame
    untranslated(data_texts(con), words)             # what the Data page lists as still to translate

A text is matched as DMOP aliases are (``norm_key``: case, accents and punctuation ignored), against a row's
`text` first, then against any of its language cells (a row is one text in several languages, so the English
spelling of a Spanish original finds its Thai too). A text no row knows falls back to the interface catalog
(a question such as "Contents" that is also a word of ours), else stays as it is. Labels we own that a chart
translates itself (answers such as "Yes", genders) are left for the chart: their colours and order key on them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from atlas_data import i18n
from atlas_data.reading.text import norm_key

LANGS = ("es", "en", "th")
#: Columns of a query's frame that hold data text.
DATA_COLUMNS = ("dmop", "activity", "institution", "organization", "question", "answer", "stakeholder_group",
                "stakeholder_type", "indicator_name", "breakdown", "group", "note", "status_note")
#: Of those, the columns whose values a chart translates itself when they are labels we own.
LABEL_COLUMNS = ("answer", "stakeholder_group", "stakeholder_type")


def owned_labels() -> frozenset[str]:
    """The English texts of the interface catalogs: labels we own and translate ourselves."""
    return frozenset(k for lang in i18n.languages() if lang != i18n.DEFAULT_LANG for k in i18n.catalog(lang))


@dataclass(frozen=True)
class Glossary:
    """One language's data-text translations: {norm_key(text): translation}, and back."""
    lang: str
    words: dict[str, str] = field(default_factory=dict)
    originals: dict[str, str] = field(default_factory=dict)   # translation -> the row's original text

    @classmethod
    def of(cls, rows: pd.DataFrame | None, lang: str) -> "Glossary":
        """The glossary of ``lang`` from the ``translations`` rows (first row wins on a clash)."""
        words: dict[str, str] = {}
        originals: dict[str, str] = {}
        if rows is None or rows.empty or lang not in rows.columns:
            return cls(lang)
        rows = rows[rows[lang].notna() & (rows[lang].astype(str).str.strip() != "")]
        for column in ("text",) + LANGS:           # `text` matches first, then the language cells
            for source, target in zip(rows[column], rows[lang]):
                key = norm_key(source) if isinstance(source, str) else ""
                if key and key not in words:
                    words[key] = str(target).strip()
        for target, original in zip(rows[lang], rows["text"]):
            originals.setdefault(str(target).strip(), str(original))
        return cls(lang, words, originals)

    def text(self, value, column: str | None = None):
        """``value`` in the glossary's language (see the module docstring); anything not text as it is."""
        if not isinstance(value, str) or not value.strip():
            return value
        if column in LABEL_COLUMNS and value in _OWNED:
            return value
        found = self.words.get(norm_key(value))
        if found:
            return found
        return i18n.t(value, self.lang) if self.lang != i18n.DEFAULT_LANG else value

    def original(self, value):
        """The original text of a translation this glossary gives (None when ``value`` is none of them)."""
        return self.originals.get(value) if isinstance(value, str) else None


_OWNED = owned_labels()


def translated(frame, words: Glossary | None):
    """``frame`` with its data-text columns (``DATA_COLUMNS``) in the glossary's language; a frame without
    them, or anything but a frame, as it is."""
    if words is None or not isinstance(frame, pd.DataFrame) or frame.empty:
        return frame
    columns = [c for c in DATA_COLUMNS if c in frame.columns]
    if not columns:
        return frame
    out = frame.copy()
    for column in columns:
        values = out[column]
        distinct = pd.unique(values.dropna())
        mapping = {v: words.text(v, column) for v in distinct}
        if any(k != v for k, v in mapping.items()):
            out[column] = values.map(lambda v, m=mapping: m.get(v, v) if isinstance(v, str) else v)
    return out


def with_originals(frame: pd.DataFrame, words: Glossary | None, label: str) -> pd.DataFrame:
    """``frame`` (a table for the screen, headers already translated) with, after each text column that holds a
    translation, a column ``<header> (<label>)`` with the original texts: the numbers and sources table."""
    if words is None or not words.originals or frame.empty:
        return frame
    out = frame.copy()
    for column in list(frame.columns):
        values = frame[column]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        originals = values.map(words.original)
        if originals.notna().any():
            at = out.columns.get_loc(column) + 1
            out.insert(at, f"{column} ({label})", originals.where(originals.notna(), values))
    return out


_THAI_LETTER = re.compile(r"[\u0e01-\u0e4f]")
_SMALL_WORDS = {  # words a sentence or a name of the language has, and the other language's hardly ever
    "es": {"de", "del", "la", "las", "los", "el", "y", "para", "por", "con", "en", "sobre", "al", "un", "una", "que"},
    "en": {"the", "of", "and", "for", "to", "with", "on", "in", "a", "an", "by", "from", "that", "is", "are"},
}


def written_in(text: str) -> str | None:
    """The language a data text is plainly written in: Thai letters; else more small words of Spanish or of
    English; else English for a name in plain ASCII letters; None when it cannot be told ("Dequení")."""
    if _THAI_LETTER.search(text):
        return "th"
    words = re.findall(r"[^\W\d_]+", text.casefold())
    score = {lang: sum(w in small for w in words) for lang, small in _SMALL_WORDS.items()}
    if score["es"] == score["en"]:
        # no small word either way: a name in plain ASCII letters ("Moot Court", "COERR") reads as English
        return "en" if words and not score["es"] and text.isascii() else None
    return max(score, key=score.get)


def untranslated(texts: pd.DataFrame, words: Glossary) -> pd.DataFrame:
    """The data texts (``queries.translations.data_texts``) that have no translation in the glossary's language
    and are not plainly written in it already (``written_in``); labels we own are translated by the catalog
    and never listed. Columns as ``texts``."""
    if texts.empty:
        return texts
    keep = [not (t in _OWNED or norm_key(t) in words.words or not norm_key(t) or written_in(t) == words.lang)
            for t in texts["text"]]
    return texts[keep].reset_index(drop=True)


def countries_in(t):
    """A function writing a ", "-joined list of countries (``data_texts``' column) in ``t``'s language."""
    return lambda names: ", ".join(t(c) for c in names.split(", ")) if isinstance(names, str) else None


def fill_in_sheet(texts: pd.DataFrame, rows: pd.DataFrame | None, t=lambda s: s) -> bytes:
    """A ready-to-fill Excel sheet of every data text: the columns `text, es, en, th` (the translations known so
    far filled in), then what each text is and the countries it appears in; ingested as it is, it is a
    `translations` sheet."""
    from atlas_data.reports.export import to_xlsx_bytes

    known = {lang: Glossary.of(rows, lang) for lang in LANGS}
    table = pd.DataFrame({
        "text": texts["text"],
        **{lang: [known[lang].words.get(norm_key(x)) for x in texts["text"]] for lang in LANGS},
        t("What it is"): [t(k) for k in texts["kind"]],
        t("Countries"): texts["countries"].map(countries_in(t)),
    }).drop_duplicates(subset=["text"])
    return to_xlsx_bytes(table.reset_index(drop=True), "translations")
