"""The counting rules the report's figures rest on, each written once: the completion rule and its default
threshold, and the US fiscal year. The Python constants and the SQL fragments the queries, the store's views,
the settings, the workshop slides and the benchmark all use; and when test scores with no stated maximum cannot be
out of 100.
"""
from __future__ import annotations

#: Share of an activity's sessions a participant must attend to count as having completed it.
DEFAULT_COMPLETION_THRESHOLD = 0.75

#: First month of the US federal fiscal year (FY2021 = October 2020 to September 2021).
FISCAL_YEAR_START_MONTH = 10

# a share of sessions times a count is compared with a float margin: 0.75 × 4 must give 3, not 2.9999…
_EPSILON = 1e-9


def check_threshold(threshold: float) -> float:
    """The completion threshold as a share in (0, 1]; raises ValueError otherwise (e.g. 75 for 75%)."""
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0 < threshold <= 1:
        raise ValueError(f"completion threshold must be a share between 0 and 1 (0.75 for 75%), got {threshold!r}")
    return float(threshold)


def sessions_required_sql(total: str, excused: str, excused_counts_as_missed: bool = False) -> str:
    """The sessions whose share a participant must attend, as SQL over the columns ``total`` and ``excused``:
    the activity's sessions less the ones they were excused from (vacation, sick leave, justified), which count
    as neither attended nor missed; with ``excused_counts_as_missed`` all of them. 4 sessions, 1 excused: 3."""
    return total if excused_counts_as_missed else f"({total} - COALESCE({excused}, 0))"


def participation_status_sql(attended: str, total: str, excused: str, threshold: str = "?",
                             excused_counts_as_missed: bool = False) -> str:
    """``no_show`` (nothing attended), ``completed`` (at least ``threshold`` of the sessions required attended)
    or ``dropped_out``, as a SQL CASE over the columns given (``threshold``: a ``?`` parameter by default).
    Police ToT, 4 sessions: 3 attended completes at 75 %, 2 do not; 3 attended and 1 excused of 4 completes."""
    required = sessions_required_sql(total, excused, excused_counts_as_missed)
    return (f"CASE WHEN {attended} = 0 THEN 'no_show' "
            f"WHEN {attended} >= {threshold} * {required} - {_EPSILON} THEN 'completed' "
            f"ELSE 'dropped_out' END")


def fiscal_year_sql(day: str) -> str:
    """The US fiscal year of the SQL date ``day``: 2020-10-01 → 2021, 2021-09-30 → 2021."""
    return f"year({day} + INTERVAL {13 - FISCAL_YEAR_START_MONTH} MONTH)"


#: Test scores with no stated maximum (no maximum column, no `17/20`, no `85%`) are out of 100 (the contract), unless
#: that cannot be: at least UNSTATED_SCALE_MIN_SCORES such scores of one activity in a sheet, none above
#: UNSTATED_SCALE_HIGHEST, are marks of another scale (1–5, 1–7, 0–10, 0–20), and are refused rather than stored
#: as 5 % where 5 of 10 was meant.
UNSTATED_SCALE_HIGHEST = 20.0
UNSTATED_SCALE_MIN_SCORES = 3


def unstated_scale_implausible(scores) -> bool:
    """True when ``scores`` (one activity's scores without a stated maximum; blanks ignored) cannot be out of
    100: at least 3 of them, the highest at most 20. `5,0 … 8,5` (of 10) is; `12 40 95` is not; two scores
    are too few to tell."""
    values = [float(s) for s in scores if s is not None and s == s]
    return len(values) >= UNSTATED_SCALE_MIN_SCORES and max(values) <= UNSTATED_SCALE_HIGHEST
