"""Distinct values of a column in order of appearance; a Categorical column (a large CSV's cells, read into
codes) is handled from its integer codes, without hashing its text again or allocating row-sized int64
arrays (on a million rows those allocations, not the arithmetic, are what costs)."""
from __future__ import annotations

import numpy as np
import pandas as pd

_ARANGE = np.arange(0, dtype=np.int64)


def code_type(n: int):
    """The smallest integer dtype for codes 0..n-1 and -1: what pandas gives a Categorical of n categories."""
    for dtype in (np.int8, np.int16, np.int32):
        if n < np.iinfo(dtype).max:
            return dtype
    return np.int64


def text_series(codes: np.ndarray, texts, index) -> pd.Series:
    """A Series of texts held as codes into `texts` (-1: missing): a Categorical of plain Python strings."""
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(texts, dtype=object)), index=index)


def constant(text: str | None, index) -> pd.Series:
    """`text` on every row of `index` (missing when None), one byte per row."""
    codes = np.full(len(index), -1 if text is None else 0, dtype=np.int8)
    return text_series(codes, [] if text is None else [text], index)


def _positions(n: int) -> np.ndarray:
    global _ARANGE
    if len(_ARANGE) < n:
        _ARANGE = np.arange(max(n, 2 * len(_ARANGE)), dtype=np.int64)
    return _ARANGE[:n]


def first_seen(codes: np.ndarray, k: int) -> np.ndarray:
    """The categories 0..k-1 that occur in `codes` (-1: missing), in order of first occurrence."""
    first = np.full(k + 1, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, _positions(len(codes)))  # -1 lands in the extra last slot
    first = first[:k]
    used = np.flatnonzero(first < len(codes))
    return used[np.argsort(first[used], kind="stable")]


def used_categories(codes: np.ndarray, k: int) -> np.ndarray:
    """The categories 0..k-1 that occur in `codes` (-1: missing), in category order. A few categories are
    found by comparing (a pass over small integers each); many by marking."""
    if k <= 16:
        return np.array([i for i in range(k) if (codes == i).any()], dtype=np.int64)
    present = np.zeros(k + 1, dtype=bool)
    present[codes] = True  # -1 lands in the extra last slot
    return np.flatnonzero(present[:-1])


def distinct(values: pd.Series):
    """(spread, uniques, rows_of): `uniques` as `pd.factorize(values)` gives them (order of appearance,
    missing left out); `spread[r]` is row r's number in `uniques`, or len(uniques) when missing (an index
    for `take` from the per-value results with one missing result appended); `rows_of(i)` the row labels
    of uniques[i]."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        k = len(values.cat.categories)
        order = first_seen(codes, k)
        rank = np.full(k + 1, len(order), dtype=code_type(len(order) + 1))
        rank[order] = np.arange(len(order))
        uniques = np.asarray(values.cat.categories, dtype=object)[order]
        return np.take(rank, codes), uniques, lambda i: values.index[codes == order[i]]
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return (np.where(codes < 0, len(uniques), codes), uniques,
            lambda i: values.index[codes == i])
