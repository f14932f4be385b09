"""The SQL helpers every query module shares: the sidebar's ``Filters``, WHERE fragments with ``?``
parameters, running a query on its own cursor, the fixed country order, the date tests on the attendance aggregates."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
from atlas_data import metrics
from atlas_data.contract import COUNTRIES


@dataclass(frozen=True)
class Filters:
    """What the sidebar selected. Empty tuples and ``None`` mean "no restriction".

    Frozen and hashable, so a page can key its cache on it. Lists are turned into tuples and ISO
    date strings into dates; anything else raises ``TypeError``/``ValueError`` at once.
    """

    countries: tuple[str, ...] = ()
    dmops: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    def __post_init__(self) -> None:
        for name in ("countries", "dmops"):
            value = getattr(self, name)
            if value is None:
                value = ()
            elif isinstance(value, str):
                value = (value,)
            value = tuple(value)
            if not all(isinstance(v, str) for v in value):
                raise TypeError(f"Filters.{name} must hold text values, got {value!r}")
            object.__setattr__(self, name, value)
        for name in ("date_from", "date_to"):
            object.__setattr__(self, name, metrics.as_date(getattr(self, name), f"Filters.{name}"))


NO_FILTERS = Filters()


def placeholders(values: Sequence) -> str:
    """``?, ?, ?`` for as many values as given (never the values themselves)."""
    return ", ".join("?" for _ in values)


def conditions(filters: Filters | None, *, alias: str = "", country: str | None = "country",
                dmop: str | None = "dmop", date_col: str | None = None, dmop_nullable: bool = False,
                use_dates: bool = True) -> tuple[list[str], list]:
    """WHERE fragments and their parameters for ``filters`` on one table (column names are ours)."""
    f = filters or NO_FILTERS
    a = f"{alias}." if alias else ""
    where: list[str] = []
    params: list = []
    if country and f.countries:
        where.append(f"{a}{country} IN ({placeholders(f.countries)})")
        params += list(f.countries)
    if dmop and f.dmops:
        clause = f"{a}{dmop} IN ({placeholders(f.dmops)})"
        where.append(f"({a}{dmop} IS NULL OR {clause})" if dmop_nullable else clause)
        params += list(f.dmops)
    if date_col and use_dates:
        if f.date_from is not None:
            where.append(f"{a}{date_col} >= ?")
            params.append(f.date_from)
        if f.date_to is not None:
            where.append(f"{a}{date_col} <= ?")
            params.append(f.date_to)
    return where, params


def and_(where: Sequence[str]) -> str:
    """``AND a AND b`` to append to a WHERE that already has a condition ("" when none)."""
    return "".join(f"\n      AND {w}" for w in where)


def where(where: Sequence[str]) -> str:
    return ("WHERE " + "\n      AND ".join(where)) if where else ""


def in_list(column: str, values) -> tuple[str, list]:
    """``column IN (?, …)`` for a str or a sequence of str; ("", []) for None/empty."""
    if values is None:
        return "", []
    if isinstance(values, str):
        values = (values,)
    values = [v for v in values if v is not None]
    if not values:
        return "", []
    if not all(isinstance(v, str) for v in values):
        raise TypeError(f"values for {column} must be text, got {values!r}")
    return f"{column} IN ({placeholders(values)})", list(values)


def run(con, sql: str, params: Sequence = ()) -> pd.DataFrame:
    """Run one query on its own cursor and read the whole result."""
    cur = con.cursor()
    try:
        return cur.execute(sql, list(params)).df()
    finally:
        cur.close()


def grouping(by, allowed: dict[str, object], what: str) -> tuple[str, ...]:
    if by is None:
        return ()
    if isinstance(by, str):
        by = (by,)
    by = tuple(by)
    unknown = [b for b in by if b not in allowed]
    if unknown:
        raise ValueError(f"{what}: cannot group by {unknown}; choose from {sorted(allowed)}")
    return tuple(dict.fromkeys(by))


def country_sort(df: pd.DataFrame, *others: str) -> pd.DataFrame:
    """Rows in the fixed country order (Paraguay, Thailand, Liberia, Argentina, Bolivia, then others)."""
    if df.empty or "country" not in df.columns:
        return df.reset_index(drop=True)
    rank = {c: i for i, c in enumerate(COUNTRIES)}
    key = df["country"].map(lambda c: rank.get(c, len(rank)))
    cols = ["__rank", "country", *[o for o in others if o in df.columns]]
    return (df.assign(__rank=key).sort_values(cols, kind="stable", na_position="last")
            .drop(columns="__rank").reset_index(drop=True))



def date_test(filters: Filters | None, var: str = "d") -> tuple[str, list]:
    """``d BETWEEN ? AND ?`` (or one side) for the filter's dates; ("", []) without a date filter."""
    f = filters or NO_FILTERS
    if f.date_from is not None and f.date_to is not None:
        return f"{var} BETWEEN ? AND ?", [f.date_from, f.date_to]
    if f.date_from is not None:
        return f"{var} >= ?", [f.date_from]
    if f.date_to is not None:
        return f"{var} <= ?", [f.date_to]
    return "", []


def attended_in(filters: Filters | None, alias: str = "") -> tuple[str, list]:
    """The aggregate row's person attended a session in the filter's date range (any session,
    dated or not, without a date filter)."""
    a = f"{alias}." if alias else ""
    test, params = date_test(filters)
    if not test:
        return f"(len({a}attended_dates) > 0 OR {a}attended_undated)", []
    return f"len(list_filter({a}attended_dates, lambda d: {test})) > 0", params


def attended_months(filters: Filters | None, alias: str = "") -> tuple[str, list]:
    """The months (first days) of the dates attended within the filter's range, as a list (with NULL
    for an undated session when there is no date filter, as raw rows would group it)."""
    a = f"{alias}." if alias else ""
    test, params = date_test(filters)
    if not test:
        return (f"CASE WHEN {a}attended_undated THEN list_append({a}attended_months, NULL::DATE) "
                f"ELSE {a}attended_months END"), []
    return (f"list_distinct(list_transform(list_filter({a}attended_dates, lambda d: {test}), "
            f"lambda d: date_trunc('month', d)::DATE))"), params
