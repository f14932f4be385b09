"""Small-cell suppression for workshop mode: no count of people below a threshold is shown, and no
hidden count can be worked out from what is shown.

- primary: a count of people in 1..k-1 is shown as `<k` (0 stays 0: it identifies no one);
- secondary: in every line that is shown with its total (a row, a column, the grand total), one
  hidden cell could be recovered by subtraction, so more cells of that line are hidden, smallest
  first, until at least two are hidden and the hidden cells add up to at least k;
- grouping up: where hiding would blank out most of a breakdown (key informants per department are
  mostly 1 to 3), the rows are first summed one level up (department → ministry).

`derivable(...)` checks a published table the way an attacker would: a hidden cell is recoverable
when the published totals pin it down (its unit vector lies in the row space of the equations).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

TOTAL = "Total"


def label(k: int) -> str:
    return f"<{k}"


def _hide_lines(hidden: np.ndarray, values: np.ndarray, lines: list[np.ndarray], k: int) -> bool:
    """One pass of secondary suppression over `lines` (index arrays into the flat table). True if changed."""
    changed = False
    for line in lines:
        h = hidden[line]
        if not h.any():
            continue
        while True:
            h = hidden[line]
            hidden_sum = values[line][h].sum()
            if h.sum() >= 2 and hidden_sum >= k:
                break
            candidates = [i for i in line if not hidden[i] and values[i] > 0]
            if not candidates:
                break
            smallest = min(candidates, key=lambda i: (values[i], i))
            hidden[smallest] = True
            changed = True
    return changed


def suppress_matrix(counts: pd.DataFrame, k: int = 5, totals: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(published, hidden mask) for a rows × columns table of people counts, with its row, column and
    grand totals added when `totals` is true. Published cells are ints or the text `<k`."""
    values = counts.fillna(0).to_numpy(dtype=np.int64)
    n_rows, n_cols = values.shape
    if totals:
        full = np.zeros((n_rows + 1, n_cols + 1), dtype=np.int64)
        full[:n_rows, :n_cols] = values
        full[:n_rows, n_cols] = values.sum(axis=1)
        full[n_rows, :n_cols] = values.sum(axis=0)
        full[n_rows, n_cols] = values.sum()
        index = list(counts.index) + [TOTAL]
        columns = list(counts.columns) + [TOTAL]
    else:
        full, index, columns = values, list(counts.index), list(counts.columns)
    rows, cols = full.shape
    flat = full.ravel()
    hidden = (flat > 0) & (flat < k)
    lines: list[np.ndarray] = []
    if totals:
        # every row (its cells and its total) and every column is a line whose cells sum to its total
        lines += [np.arange(r * cols, (r + 1) * cols) for r in range(rows)]
        lines += [np.arange(c, rows * cols, cols) for c in range(cols)]
    for _ in range(rows * cols + 1):
        if not _hide_lines(hidden, flat, lines, k):
            break
    def tables():
        mask = pd.DataFrame(hidden.reshape(rows, cols), index=index, columns=columns)
        shown = np.where(hidden, label(k), flat.astype(object)).reshape(rows, cols)
        return pd.DataFrame(shown, index=index, columns=columns, dtype=object), mask

    published, mask = tables()
    if totals:  # chains of row and column equations can still pin a cell: hide more until none is
        for _ in range(rows * cols):
            found = _derivable_positions(mask.to_numpy())
            if not found:
                break
            r, c = found[0]
            line = [(r, j) for j in range(cols)] + [(i, c) for i in range(rows)]
            candidates = [p for p in line if not hidden[p[0] * cols + p[1]] and flat[p[0] * cols + p[1]] > 0] or \
                [(i // cols, i % cols) for i in range(rows * cols) if not hidden[i] and flat[i] > 0]
            if not candidates:
                break
            pick = min(candidates, key=lambda p: (flat[p[0] * cols + p[1]], p))
            hidden[pick[0] * cols + pick[1]] = True
            published, mask = tables()
    return published, mask


def suppress_series(counts: pd.Series, k: int = 5, total: bool = True) -> tuple[pd.Series, pd.Series]:
    """A one-way breakdown (e.g. people per gender) with its total: (published, hidden mask)."""
    table = pd.DataFrame({"n": counts})
    published, mask = suppress_matrix(table, k, totals=total)
    if total:
        published, mask = published.drop(columns=TOTAL), mask.drop(columns=TOTAL)
    return published["n"], mask["n"]


def suppress_long(df: pd.DataFrame, row: str, col: str | None, value: str, k: int = 5,
                  totals: bool = True) -> pd.DataFrame:
    """A long frame of counts (row, [col], value) suppressed as a table; returns the long frame with
    `value` as published (int or `<k`), a `hidden` flag, and total rows/columns labelled `Total`."""
    if df.empty:
        return df.assign(hidden=pd.Series(dtype=bool))
    if col is None:
        series = df.groupby(row, sort=False)[value].sum()
        published, mask = suppress_series(series, k, total=totals)
        out = pd.DataFrame({row: published.index, value: published.to_numpy(), "hidden": mask.to_numpy()})
        return out
    table = df.pivot_table(index=row, columns=col, values=value, aggfunc="sum", fill_value=0, sort=False)
    published, mask = suppress_matrix(table, k, totals=totals)
    long = published.stack().rename(value).reset_index()
    long.columns = [row, col, value]
    long["hidden"] = mask.stack().to_numpy()
    return long


def group_up(df: pd.DataFrame, fine: str, coarse: str, value: str, k: int = 5, share: float = 0.5) -> tuple[pd.DataFrame, str]:
    """Sum `fine` rows up to `coarse` when more than `share` of the fine non-zero cells would be hidden.

    Returns (frame, level used). Rows without a coarse label keep their fine label."""
    nonzero = df[df[value] > 0]
    if nonzero.empty:
        return df, fine
    if (nonzero[value] < k).mean() <= share:
        return df, fine
    grouped = df.assign(**{coarse: df[coarse].fillna(df[fine])})
    keep = [c for c in df.columns if c not in (fine, value) and c != coarse and grouped[c].nunique(dropna=False) <= 1]
    out = grouped.groupby([coarse, *keep], dropna=False, sort=False, as_index=False)[value].sum()
    return out, coarse


def derivable(published: pd.DataFrame, mask: pd.DataFrame) -> list[tuple]:
    """Hidden cells that the published totals determine exactly (should be none).

    Unknowns are the hidden cells; each row and each column gives one equation (cells sum to the
    total cell of that line). A hidden cell is determined when its unit vector lies in the row space
    of the equations restricted to the unknowns."""
    return [(published.index[r], published.columns[c]) for r, c in _derivable_positions(mask.to_numpy())]


def _derivable_positions(hidden: np.ndarray) -> list[tuple[int, int]]:
    cells = [(r, c) for r in range(hidden.shape[0]) for c in range(hidden.shape[1]) if hidden[r, c]]
    if not cells:
        return []
    position = {cell: i for i, cell in enumerate(cells)}
    equations = []
    rows, cols = hidden.shape
    for r in range(rows):  # sum of row r's cells (all but the last column) == last column
        eq = np.zeros(len(cells))
        for c in range(cols):
            if (r, c) in position:
                eq[position[(r, c)]] = -1.0 if c == cols - 1 else 1.0
        equations.append(eq)
    for c in range(cols):
        eq = np.zeros(len(cells))
        for r in range(rows):
            if (r, c) in position:
                eq[position[(r, c)]] = -1.0 if r == rows - 1 else 1.0
        equations.append(eq)
    A = np.array([e for e in equations if e.any()]) if any(e.any() for e in equations) else np.zeros((0, len(cells)))
    rank = np.linalg.matrix_rank(A) if len(A) else 0
    found = []
    for cell, i in position.items():
        unit = np.zeros(len(cells))
        unit[i] = 1.0
        stacked = np.vstack([A, unit]) if len(A) else unit[None, :]
        if np.linalg.matrix_rank(stacked) == rank:
            found.append(cell)
    return found


def mask_small(value, k: int = 5):
    """A single count as shown in workshop mode."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return value
    return label(k) if 0 < int(value) < k else int(value)
