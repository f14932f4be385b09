"""Distinct values of a column in order of appearance; a Categorical column (a large CSV's cells, read into
codes) is handled from its integer codes, without hashing its text again or allocating row-sized int64
arrays (on a million rows those allocations, not the arithmetic, are what costs). `map_unique` parses a
column once per distinct value and spreads the results back over its rows."""
from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd
import pyarrow as pa

from atlas_data.reading.text import clean_text, clean_texts

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


def map_unique(values: pd.Series, func: Callable, on_error: Callable | None = None, arrow_type=None,
               parts: tuple | None = None, categorical: bool = False, of_column: Callable | None = None):
    """Apply `func` once per distinct non-missing value and spread the results back over the rows.

    With `of_column` (a function of the column's distinct values that gives the function to apply) `func` is
    chosen from the whole column: a column of dates read in the one order its dates prove (`dates.column_date_parser`).

    With `arrow_type` the result is an Arrow-backed Series built with `take` (no Python object per row);
    with `parts` (a tuple of Arrow types) `func` returns tuples and one Series per part comes back.
    `on_error(row_labels, value, exc)` receives the rows of each value whose parsing raised ValueError.
    """
    spread_at, uniques, rows_of = distinct(values)
    if of_column is not None:
        func = of_column(uniques)
    results: list = []
    failed = {}
    for i, value in enumerate(uniques):
        try:
            results.append(func(value))
        except ValueError as exc:
            results.append(None)
            failed[i] = (value, exc)
    if failed and on_error is not None:
        for i, (value, exc) in failed.items():
            on_error(rows_of(i), value, exc)

    def spread_categorical(items):  # codes kept, so later steps factorize integers, not strings
        rcodes, runiques = pd.factorize(pd.Series(items, dtype=object), use_na_sentinel=True)
        lookup = np.append(rcodes, -1).astype(code_type(len(runiques)))
        return text_series(np.take(lookup, spread_at), runiques, values.index)

    if categorical:  # text cells
        return spread_categorical(results)
    take = pa.array(spread_at)

    def spread(items, typ):
        if typ == pa.string() and all(r is None or type(r) is str for r in items):
            return spread_categorical(items)  # parsed text: stored dictionary-encoded as it is
        if typ is None or typ == pa.string():  # a pointer copy now, dictionary-encoded when stored
            array = np.empty(len(items) + 1, dtype=object)
            array[:-1] = items
            array[-1] = None
            return pd.Series(np.take(array, spread_at), index=values.index, dtype=object)
        arrow = pa.array(list(items) + [None], type=typ, from_pandas=True)
        return pd.Series(pd.arrays.ArrowExtensionArray(arrow.take(take)), index=values.index)

    if parts:
        return [spread([None if r is None else r[k] for r in results], typ) for k, typ in enumerate(parts)]
    return spread(results, arrow_type)


def clean_column(values: pd.Series) -> pd.Series:
    """The cells of a column as clean text (`parsers.clean_text`), as a Categorical."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return _map_categories(values, clean_texts)
    return map_unique(values, clean_text, categorical=True)


def _map_categories(values: pd.Series, batch: Callable[[list], list]) -> pd.Series:
    """A Categorical mapped by `batch` (a function of the list of texts the rows use), its codes with one
    `take`. Categories no row uses (the header's text, layout rows) are dropped, so they never reach a
    stored dictionary."""
    categories = values.cat.categories
    codes = values.cat.codes.to_numpy()
    used = used_categories(codes, len(categories))
    texts = list(categories[used])
    results = batch(texts)
    if all(r is v for r, v in zip(results, texts)):  # nothing to clean (the usual case)
        if len(used) == len(categories):
            return values  # the column as it is
        rcodes, runiques = np.arange(len(used)), texts
    else:
        rcodes, runiques = pd.factorize(pd.Series(results, dtype=object), use_na_sentinel=True)
    lookup = np.full(len(categories) + 1, -1, dtype=code_type(len(runiques)))
    lookup[used] = rcodes
    return text_series(np.take(lookup, codes), runiques, values.index)
