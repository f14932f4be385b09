"""A slide's counts of people protected (``suppression.protect``), and what the slide draws from them.

``protect`` adds row, column and grand totals and hides the fewest people; ``table`` writes the published
matrix as the slide's downloadable table, ``long_frame`` as the long frame its chart is built from (the
hidden cells of a row together, where the published row total already gives their sum away).
"""
from __future__ import annotations

import pandas as pd

from atlas_data.reports import suppression


def protect(counts: pd.DataFrame, k: int, groupings=()) -> suppression.Protection:
    """The counts with row, column and grand totals, suppressed so as to hide the fewest people
    (``suppression.protect``: complementary cells, withheld totals, or a grouping, whichever hides less)."""
    return suppression.protect(counts.astype("int64"), k, totals=True, groupings=groupings)


def slide_parts(protection: suppression.Protection) -> dict:
    """The fields of a ``workshop.Slide`` that record its protection: matrix, mask, method and cost."""
    return {"matrix": protection.published, "mask": protection.mask, "method": protection.method,
            "hidden_share": protection.lost}


def hidden_remainder(published: pd.DataFrame, mask: pd.DataFrame) -> pd.Series:
    """Per row: the row total minus its published cells, where the total is published and a cell is
    hidden (the sum of the hidden cells of that row, which the published numbers already give away)."""
    cells = published.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    hidden = mask.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    out = {}
    for row in cells.index:
        total = published.at[row, suppression.TOTAL]
        if mask.at[row, suppression.TOTAL] or not hidden.loc[row].any():
            continue
        shown = sum(int(v) for v, h in zip(cells.loc[row], hidden.loc[row]) if not h)
        if int(total) - shown > 0:
            out[row] = int(total) - shown
    return pd.Series(out, dtype="int64")


def table(published: pd.DataFrame, row_header: str, columns: dict, t) -> pd.DataFrame:
    """A published matrix as a downloadable table: the row labels as the first column, headers translated."""
    out = published.copy()
    out.columns = [t(columns.get(c, c)) if c != suppression.TOTAL else t("Total") for c in out.columns]
    out.index = [t("Total") if r == suppression.TOTAL else r for r in out.index]
    out.index.name = t(row_header)
    return out.reset_index()


def long_frame(published: pd.DataFrame, mask: pd.DataFrame, row: str, col: str, value: str,
                    hidden_label: str) -> pd.DataFrame:
    """The published cells (no totals) as a long frame for a chart, plus per row a grey part holding
    the hidden cells together (where the row total is published)."""
    cells = published.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    hidden = mask.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    rows = [{row: r, col: c, value: int(cells.at[r, c])} for r in cells.index for c in cells.columns
            if not hidden.at[r, c] and int(cells.at[r, c]) > 0]
    rows += [{row: r, col: hidden_label, value: int(v)} for r, v in hidden_remainder(published, mask).items()]
    return pd.DataFrame(rows, columns=[row, col, value])
