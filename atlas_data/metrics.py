"""Derived numbers of the dashboard: rates, gains, delays, as plain pandas/python functions.

Every function takes plain numbers, or pandas Series of the same length, and returns a number or a
Series; a rate whose denominator is 0 or missing is ``NaN`` (shown as "–"), never a division error.
The SQL in ``atlas_data.queries`` does the counting (on the rules of ``atlas_data.rules``); the ratios are defined here once, so a card, a table
and a chart cannot disagree about what "completion rate" means.
"""
from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pandas as pd

def ratio(numerator, denominator):
    """``numerator / denominator``; NaN where the denominator is 0 or missing (scalars or Series)."""
    if isinstance(numerator, pd.Series) or isinstance(denominator, pd.Series):
        num = _numeric(numerator)
        den = _numeric(denominator)
        if isinstance(den, pd.Series):
            den = den.where(den != 0)
        elif den == 0:
            den = math.nan
        return (num / den).astype("float64")
    num, den = _numeric(numerator), _numeric(denominator)
    if _isnan(num) or _isnan(den) or den == 0:
        return math.nan
    return float(num) / float(den)


def completion_rate(completed, started):
    """Completed over started (participants who attended at least one session): police ToT 12/20 = 0.6."""
    return ratio(completed, started)


def share(part, whole):
    """``part / whole`` as a share (0–1), NaN when the whole is 0: 27 Yes of 28 answers = 0.964."""
    return ratio(part, whole)


def delay_days(planned, actual, today: date | None = None):
    """Days an achieved step came after its planned date (negative = early).

    When the step is not achieved yet and its planned date has passed, the delay so far
    (``today − planned``); when it is not due yet, or nothing was planned, NaN.
    Works on scalars or on Series of dates.
    """
    today = as_date(today) if today is not None else date.today()
    if isinstance(planned, pd.Series) or isinstance(actual, pd.Series):
        idx = planned.index if isinstance(planned, pd.Series) else actual.index
        p = pd.to_datetime(pd.Series(planned, index=idx), errors="coerce")
        a = pd.to_datetime(pd.Series(actual, index=idx), errors="coerce")
        t = pd.Timestamp(today)
        done = (a - p).dt.days
        overdue = (t - p).dt.days.where(p < t)
        return done.where(a.notna(), overdue).astype("float64")
    p, a = as_date(planned), as_date(actual)
    if p is None:
        return math.nan
    if a is not None:
        return float((a - p).days)
    return float((today - p).days) if p < today else math.nan


def milestone_status(planned, actual, today: date | None = None) -> str:
    """``on time``/``early``/``late`` for an achieved step, ``overdue``/``planned`` for one not yet
    achieved, ``done`` when achieved with no planned date, ``no date`` when neither is known."""
    today = as_date(today) if today is not None else date.today()
    p, a = as_date(planned), as_date(actual)
    if a is not None:
        if p is None:
            return "done"
        return "on time" if a == p else ("late" if a > p else "early")
    if p is None:
        return "no date"
    return "overdue" if p < today else "planned"


#: A DMOP more than this many days behind its plan is red on the delay board; 1 day or more, amber.
DELAY_RED_DAYS = 90


def delay_rag(delay) -> str:
    """``green`` (on time, early, not due yet), ``amber`` (1–DELAY_RED_DAYS days late), ``red``
    (later still), ``no plan`` (no planned date to measure against)."""
    if delay is None or pd.isna(delay):
        return "no plan"
    if delay <= 0:
        return "green"
    return "amber" if delay <= DELAY_RED_DAYS else "red"


def target_rag(pct) -> str:
    """An indicator's traffic light from its % of target: ``green`` ≥ 90, ``amber`` ≥ 70, ``red`` below,
    ``no target`` when there is none."""
    if pct is None or pd.isna(pct):
        return "no target"
    return "green" if pct >= 90 else ("amber" if pct >= 70 else "red")


def days_since(day, today: date | None = None):
    """Whole days from ``day`` to ``today`` (default: today); NaN when ``day`` is missing."""
    today = as_date(today) if today is not None else date.today()
    if isinstance(day, pd.Series):
        return (pd.Timestamp(today) - pd.to_datetime(day, errors="coerce")).dt.days.astype("float64")
    d = as_date(day)
    return math.nan if d is None else float((today - d).days)


def pct_of_target(actual, target):
    """Actual as % of target (90 of 120 = 75.0); NaN without a positive target."""
    if isinstance(actual, pd.Series) or isinstance(target, pd.Series):
        tgt = pd.to_numeric(target, errors="coerce")
        if isinstance(tgt, pd.Series):
            tgt = tgt.where(tgt > 0)
        return 100.0 * ratio(actual, tgt)
    if target is None or _isnan(target) or target <= 0:
        return math.nan
    return 100.0 * ratio(actual, target)


def step_upper(step_label, step=None) -> int | None:
    """Highest step a label names: ``'7/8'`` → 8, ``'5'`` → 5; ``step`` when the label has no number."""
    if step_label is not None and not _isnan(step_label):
        numbers = [int(part) for part in _digits(str(step_label))]
        numbers = [n for n in numbers if 1 <= n <= 9]
        if numbers:
            return max(numbers)
    return None if step is None or _isnan(step) else int(step)


# --------------------------------------------------------------------------- helpers

def _digits(text: str) -> list[str]:
    out, cur = [], ""
    for ch in text:
        if ch.isdigit():
            cur += ch
        elif cur:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def _numeric(value):
    """A number or a float Series; None, NA and text that is not a number become NaN."""
    if isinstance(value, pd.Series):
        return pd.to_numeric(value, errors="coerce").astype("float64")
    if value is None or value is pd.NA:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _isnan(value) -> bool:
    try:
        return value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def as_date(value, what: str = "a value") -> date | None:
    """A date from a date, datetime, Timestamp, datetime64 or ISO text (None when missing); a TypeError
    naming `what` otherwise. Filters and the DMOP-timing metrics read dates through this one door."""
    if value is None or _isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).date()
    if isinstance(value, str):
        return date.fromisoformat(value.strip()[:10])
    raise TypeError(f"{what} must be a date, got {value!r}")
