"""A table in the reader's language, without Streamlit: the "numbers and sources" frame under every chart
and its downloads, and the tables pages draw.

    frame = labelled(df, {"country": "Country", "answer": "Answer", "share": "Share"}, "es")
    # País | Respuesta | Porcentaje — "Tailandia", "Sí", 0.9643 (a number: the CSV writes 0,9643)
    for_screen(frame, "es")        # every cell as text: "96 %", "10 abr 2021", "1.234", "–"

**Which values are translated.** A text cell is looked up in the catalog as a whole (`i18n.known_label`): the labels we
own — countries, answers (Yes, Partially, No), genders, units, roles, stages, statuses, *Unknown*, *Not
given* — come out in the language; text the catalog does not hold (a DMOP, an organisation, a question,
a person's note) stays as written. File names and notes (``AS_WRITTEN``) are never looked up.

**Shares** (``SHARES``: 0.6 is 60 %) stay numbers in the frame, so a download holds ``0,6`` a spreadsheet can
compute with; on screen they are written ``60 %`` (``i18n.fmt_percent``). The frame remembers which of its
(translated) columns are shares in ``frame.attrs["shares"]``.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from atlas_data.i18n import fmt_date, fmt_decimal, fmt_int, fmt_percent, known_label, t

#: Columns holding a share between 0 and 1 (written as a percentage on screen).
SHARES = frozenset({"completion_rate", "dropout_rate", "share", "share_improved", "share_correct", "share_given"})
#: Columns whose text is never looked up in the catalog: file names, notes, free text.
AS_WRITTEN = frozenset({"source_file", "source_sheet", "file", "status_note", "note", "notes", "value", "reason"})
EMPTY = "–"


def translated_cells(df: pd.DataFrame, lang: str, keep: frozenset[str] = AS_WRITTEN) -> pd.DataFrame:
    """``df`` with every text cell the catalog knows in ``lang`` (columns ``keep`` as written)."""
    if lang == "en":
        return df
    out = df.copy()
    for col in out.columns:
        if col in keep or not (out[col].dtype == object or pd.api.types.is_string_dtype(out[col])):
            continue
        out[col] = out[col].astype(object).map(lambda v: known_label(v, lang))
    return out


def labelled(df: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """``df``'s ``columns`` (source column → English header, in that order) under headers in ``lang``, the
    labels among their values translated. Numbers stay numbers; ``attrs["shares"]`` names the share columns."""
    present = [c for c in columns if c in df.columns]
    headers = {c: t(columns[c], lang) for c in present}
    out = translated_cells(df[present], lang).rename(columns=headers).reset_index(drop=True)
    out.attrs["shares"] = [headers[c] for c in present if c in SHARES]
    return out


def _number(value, lang: str) -> str:
    if float(value).is_integer():
        return fmt_int(value, lang)
    return fmt_decimal(value, lang)


def screen_cell(value, lang: str, share: bool = False) -> str:
    """One cell as the reader's language writes it: ``–`` for nothing, dates ``10 abr 2021``, numbers with
    the language's separators, shares as percentages; a published mark (``<5``, ``×``) and text as they are."""
    if isinstance(value, str):
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return EMPTY
    if isinstance(value, (bool, np.bool_)):
        return t("Yes" if value else "No", lang)
    if isinstance(value, (pd.Timestamp, dt.date, np.datetime64)):
        return fmt_date(pd.Timestamp(value), lang, "medium") if not pd.isna(value) else EMPTY
    if isinstance(value, (int, float, np.integer, np.floating)):
        if value != value:
            return EMPTY
        return fmt_percent(float(value), lang) if share else _number(value, lang)
    return str(value)


def for_screen(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every cell of ``df`` as text in ``lang`` (``screen_cell``); the columns in ``df.attrs["shares"]`` as
    percentages. What a "numbers and sources" table shows; its downloads keep the numbers."""
    shares = set(df.attrs.get("shares", ()))
    out = pd.DataFrame(index=df.index)
    for i, col in enumerate(df.columns):
        out[i] = [screen_cell(v, lang, col in shares) for v in df.iloc[:, i]]
    out.columns = list(df.columns)
    return out.astype(object)
