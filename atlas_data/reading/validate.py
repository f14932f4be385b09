"""Checks across a parsed table (ranges, score within its maximum, dates in order), with pandera.

Lazy validation gathers every failure of a sheet at once; each failing row becomes a `rejected` row and
the rest of the sheet is kept.
"""
from __future__ import annotations

import pandas as pd
import pyarrow as arrow
import pyarrow.compute as pc
import pandera.pandas as pa

from atlas_data.reading.precheck import may_fail
from atlas_data.reading.messages import is_quantity

_NON_NEGATIVE = pa.Check.ge(0, error="must not be negative")
_STEP = pa.Check.isin(list(range(1, 10)), error="must be a step from 1 to 9")
_YEAR_RANGE = pa.Check.in_range(pd.Timestamp("1990-01-01"), pd.Timestamp("2100-12-31"),
                                error="is outside 1990–2100")


def _col(checks, dtype=None):
    return pa.Column(dtype, checks=checks, nullable=True, required=False, coerce=False)


SCHEMAS = {
    "attendance": pa.DataFrameSchema({"session_date": _col([_YEAR_RANGE])}),
    "events": pa.DataFrameSchema(
        {"participants": _col([_NON_NEGATIVE]), "female": _col([_NON_NEGATIVE]), "male": _col([_NON_NEGATIVE]),
         "institutions": _col([_NON_NEGATIVE]), "start_date": _col([_YEAR_RANGE])},
        checks=[pa.Check(lambda df: ~(df["end_date"] < df["start_date"]).fillna(False),
                         error="is before start_date", name="end_date")]),
    "tests": pa.DataFrameSchema(
        {"score": _col([_NON_NEGATIVE]), "max_score": _col([pa.Check.gt(0, error="must be above 0")])},
        checks=[pa.Check(lambda df: ~(df["score"] > df["max_score"]).fillna(False),
                         error="is above its maximum", name="score")]),
    "kii_counts": pa.DataFrameSchema({"n": _col([_NON_NEGATIVE])}),
    "respondents": pa.DataFrameSchema({"n": _col([_NON_NEGATIVE])}),
    "dmop_status": pa.DataFrameSchema({"step": _col([_STEP]),
                                       "outcome": _col([pa.Check.isin([2, 3], error="must be 2 or 3")])}),
    "dmop_milestones": pa.DataFrameSchema({"step": _col([_STEP])}),
    "targets": pa.DataFrameSchema({"target": _col([_NON_NEGATIVE])}),
}
NUMERIC = {"participants", "female", "male", "institutions", "score", "max_score", "n", "step", "outcome", "target"}
DATES = {"session_date", "start_date", "end_date"}


def _timestamps(series: pd.Series):
    """Dates as datetime64 without a Python object per row (Arrow cast when the column is Arrow-backed)."""
    if isinstance(series.dtype, pd.ArrowDtype):
        return pc.cast(arrow.array(series), arrow.timestamp("ms")).to_numpy(zero_copy_only=False)
    return pd.to_datetime(series, errors="coerce").to_numpy()


def check_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns the checks need, as numbers and timestamps."""
    out = pd.DataFrame(index=range(len(frame)))
    for name in frame.columns:
        if name in NUMERIC:
            out[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64").to_numpy()
        elif name in DATES:
            out[name] = _timestamps(frame[name])
    return out


def validate(table: str, frame: pd.DataFrame, problems) -> None:
    """Add a rejected row (error) for every row of `frame` that fails its table's checks."""
    schema = SCHEMAS.get(table)
    if schema is None or frame.empty:
        return
    checked = check_frame(frame)
    if table in ("events", "tests"):  # the checks across columns need both of their columns
        for name in ("end_date", "start_date", "score", "max_score"):
            if name not in checked:
                checked[name] = pd.NaT if "date" in name else float("nan")
    if not may_fail(schema, checked):
        return  # every row passes every check (most sheets): pandera would report nothing
    try:
        schema.validate(checked, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        seen = set()
        for _, case in cases.iterrows():
            position = case["index"]
            if position is None or pd.isna(position):
                continue
            row = frame.index[int(position)]
            column = case["column"] if isinstance(case["column"], str) and case["column"] in frame else None
            detail = str(case["check"])
            across = next((c for c in ("score", "end_date") if detail.startswith(_ERRORS[c])), None)
            if across is not None and case.get("schema_context") != "Column":
                # a check across columns fails once per column of the row: report it once, under its own column
                column = across
            if (row, column, detail) in seen:
                continue
            seen.add((row, column, detail))
            value = frame.iloc[int(position)][column] if column in frame else None
            if column == "score":
                detail = {"code": "score_above_maximum",
                          "fields": {"score": _figure(value),
                                     "maximum": _figure(frame.iloc[int(position)]["max_score"])}}
                problems.add(row, column, _shown(value), "bad_value", detail=detail)
                continue
            problems.add(row, column, _shown(value), "check_failed", detail=detail)


_ERRORS = {"score": "is above its maximum", "end_date": "is before start_date"}


def _figure(value):
    """A number a message quotes, as a number (said in the reader's language: `10,5`), else as written."""
    return float(value) if is_quantity("score", value) else _shown(value)


def _shown(value):
    """A value as a person wrote it: 120 rather than 120.0."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
