"""What a workshop slide's table download holds: the numbers the chart shows, and what they are.

    table, indent = chart_table(slide)                    # the published numbers as the chart draws them
    about = slide_about(slide, "Paraguay", "es", data_as_of=date(2026, 12, 6))
    slide_csv(slide, "Paraguay", "es")                    # `# ` lines, then the table (export.to_csv_bytes)
    slide_xlsx(slide, "Paraguay", "es")                   # sheet "Respuestas": the lines, then the table

The table is the slide's published table (every count of people below ``k`` as ``<k``, a cell hidden to
protect one as ``×``) plus what the chart draws from it and the table alone would not say:

- "Who was interviewed": the bar "Other organizations, together" (the hidden rows summed: the published
  total minus the rows shown) as a row of its own, named ``… (the 8 below)``, followed by the rows it holds,
  each with its mark (indented in Excel); where the total is withheld its value is the marks (``<5 + <5``);
- answers, people trained, completion: the grey part of a bar ("Not shown, to protect small numbers", the
  row total minus its shown cells) as a column before the total, where a row has one.

The lines above the table (``export.About``): "ATLAS · Validation workshop · country", the slide's title, its
source files (and "Includes illustrative data." where they are), "Data as of" (the last ingest of the tables
behind the slide) and "Generated on", both written by Babel in the language, and the note on ``<k`` and ``×``
(slides that count people).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from atlas_data.reports import export, suppression, workshop
from atlas_data.i18n import translator

#: The sheet of each slide's Excel download (English keys of the catalog; at most 31 characters translated).
SHEET_NAMES: dict[str, str] = {
    "dmop_board": "DMOP steps",
    "reach": "People trained",
    "dropout": "Dropout and completion",
    "learning": "Learning",
    "kii": "Answers",
    "informants": "Who was interviewed",
}
ILLUSTRATIVE = "Includes illustrative data."


def chart_table(slide: workshop.Slide, lang: str = "en") -> tuple[pd.DataFrame, tuple[int, ...]]:
    """The slide's numbers as its chart shows them (see the module docstring) and the positions of the rows
    that belong to the row above them (the members of "Others, together")."""
    table = slide.table.astype(object).reset_index(drop=True)
    if table.empty or slide.matrix is None or slide.mask is None:
        return table, ()
    if slide.others:
        return _with_others(slide, table, lang)
    return _with_hidden_column(slide, table, lang), ()


def _with_others(slide: workshop.Slide, table: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, tuple[int, ...]]:
    t = translator(lang)
    matrix, mask = slide.matrix, slide.mask
    column = matrix.columns[0]
    cells, hidden = matrix.drop(index=suppression.TOTAL)[column], mask.drop(index=suppression.TOTAL)[column]
    members = [r for r in cells.index if hidden[r]]
    if not members:
        return table, ()
    shown = [r for r in cells.index if not hidden[r]]
    if mask.at[suppression.TOTAL, column]:
        together = " + ".join(str(cells[r]) for r in members)
    else:
        together = int(matrix.at[suppression.TOTAL, column]) - sum(int(cells[r]) for r in shown)
    label, value = table.columns[0], table.columns[1]
    by_label = {row[label]: row for row in table.to_dict("records")}
    total = t("Total")
    rows = [by_label[r] for r in shown]
    rows.append({label: t("{others} (the {n} below)", others=slide.others, n=len(members)), value: together})
    indent = tuple(range(len(rows), len(rows) + len(members)))
    rows += [by_label[r] for r in members]
    if total in by_label:
        rows.append(by_label[total])
    return pd.DataFrame(rows, columns=table.columns, dtype=object), indent


def hidden_together(matrix: pd.DataFrame, mask: pd.DataFrame) -> dict:
    """Per row with a published total and hidden cells: the total minus the shown cells (what the chart's
    grey part of the bar draws). Totals row and column excluded."""
    cells = matrix.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    hidden = mask.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    out = {}
    for row in cells.index:
        if mask.at[row, suppression.TOTAL] or not hidden.loc[row].any():
            continue
        shown = sum(int(v) for v, h in zip(cells.loc[row], hidden.loc[row]) if not h)
        if int(matrix.at[row, suppression.TOTAL]) - shown > 0:
            out[row] = int(matrix.at[row, suppression.TOTAL]) - shown
    return out


def _with_hidden_column(slide: workshop.Slide, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    if suppression.TOTAL not in slide.matrix.columns or suppression.TOTAL not in slide.matrix.index:
        return table
    together = hidden_together(slide.matrix, slide.mask)
    if not together:
        return table
    t = translator(lang)
    label = table.columns[0]
    values = [together.get(row, None) for row in table[label]]
    at = list(table.columns).index(t("Total")) if t("Total") in table.columns else len(table.columns)
    out = table.copy()
    out.insert(at, t(workshop.HIDDEN), pd.Series(values, index=out.index, dtype=object))
    return out


# =========================================================================== what the file says about itself

def data_as_of(last_update: pd.DataFrame, slide: workshop.Slide) -> dt.date | None:
    """The last ingest of the tables behind ``slide`` (``queries.last_update``), as a date."""
    if last_update is None or last_update.empty:
        return None
    times = last_update[last_update["table_name"].isin(workshop.SLIDE_TABLES.get(slide.key, ()))]["last_ingested"]
    times = pd.to_datetime(times.dropna())
    return times.max().date() if not times.empty else None


def slide_about(slide: workshop.Slide, country: str, lang: str = "en", data_as_of: dt.date | None = None,
                today: dt.date | None = None) -> export.About:
    t = translator(lang)
    illustrative = any(mark in f.upper() for f in slide.sources for mark in workshop.ILLUSTRATIVE_MARKS)
    return export.About(title=slide.title, sources=slide.sources, note=slide.note, data_as_of=data_as_of,
                        generated_on=today or dt.date.today(),
                        context=f"ATLAS · {t('Validation workshop')} · {t(country)}",
                        extra=(t(ILLUSTRATIVE),) if illustrative else ())


def sheet_name(slide: workshop.Slide, lang: str = "en") -> str:
    return export.sheet_name(translator(lang)(SHEET_NAMES.get(slide.key, slide.key)))


def slide_csv(slide: workshop.Slide, country: str, lang: str = "en", data_as_of: dt.date | None = None,
              today: dt.date | None = None) -> bytes:
    table, _ = chart_table(slide, lang)
    return export.to_csv_bytes(table, slide_about(slide, country, lang, data_as_of, today), lang)


def slide_xlsx(slide: workshop.Slide, country: str, lang: str = "en", data_as_of: dt.date | None = None,
               today: dt.date | None = None) -> bytes:
    table, indent = chart_table(slide, lang)
    return export.to_xlsx_bytes(table, sheet_name(slide, lang), slide_about(slide, country, lang, data_as_of, today),
                                lang, indent=indent)
