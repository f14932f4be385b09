"""Skip pandera for frames that cannot fail: the built-in checks of `validate.SCHEMAS` evaluated with numpy.

Most sheets are clean, and pandera's validation (with its backends' first import) costs more than the rest of
a million-row sheet's checks. `may_fail` is False only when every row provably passes every check; otherwise,
or when anything is unexpected, `validate.validate` runs pandera as always and reports the failures.
"""
from __future__ import annotations

import pandas as pd


def _passes(check, values: pd.Series) -> bool:
    """Whether every non-missing value passes one of pandera's built-in checks (False when not sure)."""
    stats, name = check.statistics, check.name
    if name == "greater_than_or_equal_to":
        ok = values >= stats["min_value"]
    elif name == "greater_than":
        ok = values > stats["min_value"]
    elif name == "isin":
        ok = values.isin(stats["allowed_values"])
    elif name == "in_range":
        low, high = stats["min_value"], stats["max_value"]
        ok = (values >= low if stats["include_min"] else values > low) & (
            values <= high if stats["include_max"] else values < high)
    else:
        return False
    return bool((ok | values.isna()).all())


def may_fail(schema, checked: pd.DataFrame) -> bool:
    """False when no row of `checked` can fail `schema` (its checks ignore missing values); True otherwise."""
    try:
        for name, column in schema.columns.items():
            if name in checked and not all(c.ignore_na and _passes(c, checked[name]) for c in column.checks):
                return True
        for check in schema.checks:
            if not bool(pd.Series(check._check_fn(checked)).fillna(False).all()):
                return True
    except Exception:  # anything unexpected (a missing column, a type): pandera decides
        return True
    return False

