"""Rows under a wide roster that restate its session columns (`Asistentes por sesión` 10 7 6, `Porcentaje`
100% 70% 60%): a summary of the people above, never a person. Known by their figures, each equal to its
column's present marks or their share of the people listed, so no person's row is ever taken for one."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from atlas_data.reading import parsers as P
from atlas_data.reading.categorical import distinct

_FIGURE = re.compile(r"\s*\d{1,7}(?:[.,]\d{1,17})?\s*%?\s*")  # 0.7777777777777778: a formula's share
SHARE_TOLERANCE = 1.0  # percentage points: a share is shown rounded (7 of 9 is 78%, 77.8%, 0.78)


def _cells(values: pd.Series):
    """Per row: filled, a known mark, a present mark, its figure (NaN when not one), written with `%`."""
    spread_at, uniques, _ = distinct(values)
    n = len(uniques)
    known, present, pct = (np.zeros(n + 1, dtype=bool) for _ in range(3))
    figure = np.full(n + 1, np.nan)
    for i, value in enumerate(uniques):
        text = str(value)
        try:
            meaning = P.parse_attendance_mark(text)
            known[i], present[i] = True, meaning == "present"
        except ValueError:
            pass
        if _FIGURE.fullmatch(text):
            figure[i] = P.parse_number(text.replace(",", "."))
            pct[i] = text.strip().endswith("%")
    filled = spread_at < n
    return filled, known[spread_at], present[spread_at], figure[spread_at], pct[spread_at]


def summary_rows(columns: list[pd.Series]) -> np.ndarray:
    """Which rows of a wide roster (its session columns' cells) are head counts or shares of the rows above."""
    if not columns or len(columns[0]) == 0:
        return np.zeros(len(columns[0]) if columns else 0, dtype=bool)
    cells = [_cells(c) for c in columns]
    filled = np.column_stack([c[0] for c in cells])
    known = np.column_stack([c[1] for c in cells])
    figure = np.column_stack([c[3] for c in cells])
    # a candidate: every filled session cell a figure, one at least no mark (`10`, `70%`, `0.7`; not `1`, `0`)
    candidate = filled.any(axis=1) & (~filled | ~np.isnan(figure)).all(axis=1) & (filled & ~known).any(axis=1)
    if not candidate.any():
        return candidate
    listed = ~candidate
    n = int(listed.sum())
    if n == 0:
        return np.zeros(len(candidate), dtype=bool)
    summary = candidate.copy()
    for k, (col_filled, _, col_present, col_figure, col_pct) in enumerate(cells):
        count = int((col_present & listed).sum())
        share = 100.0 * count / n
        v = col_figure
        agrees = ((v == count) | (col_pct & (np.abs(v - share) <= SHARE_TOLERANCE))
                  | (~col_pct & (v <= 1) & (np.abs(100 * v - share) <= SHARE_TOLERANCE)))
        summary &= ~col_filled | agrees
    return summary
