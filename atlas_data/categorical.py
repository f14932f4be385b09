"""Distinct values of a column in order of appearance; a Categorical column (a large CSV's cells, read into
codes) is factorized from its integer codes instead of hashing its text again."""
from __future__ import annotations

import numpy as np
import pandas as pd


def factorize(values: pd.Series):
    """`pd.factorize(values)` (codes, distinct values in order of appearance, -1 for missing); for a Categorical
    (a large CSV's cells) from its integer codes, without hashing the text again."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return pd.factorize(values, use_na_sentinel=True)
    codes, used = pd.factorize(values.cat.codes.to_numpy())
    missing = np.flatnonzero(used < 0)
    if len(missing):
        k = int(missing[0])
        codes = np.where(codes == k, -1, codes - (codes > k))
        used = np.delete(used, k)
    return codes, np.asarray(values.cat.categories, dtype=object)[used]
