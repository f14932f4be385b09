"""Where each DMOP stands, its history, milestones and delays. Page: DMOP status."""
from __future__ import annotations

from datetime import date

import pandas as pd

from atlas_data import metrics
from atlas_data.contract import STEPS
from atlas_data.queries import sql
from atlas_data.queries.sql import NO_FILTERS, Filters


def current_status_sql(f: Filters) -> tuple[str, list]:
    """SELECT of each DMOP's status now, or as it stood on ``f.date_to`` (see ``dmop_board``)."""
    where, params = sql.conditions(f)
    select = "SELECT country, dmop, dmop_type, outcome, step, step_label, status_note, as_of, source_file"
    if f.date_to is None:
        return f"""
    {select}
    FROM dmop_current {sql.where(where)}""", params
    return f"""
    {select}
    FROM dmop_status
    WHERE (as_of IS NULL OR as_of <= ?){sql.and_(where)}
    QUALIFY row_number() OVER (PARTITION BY country, dmop ORDER BY as_of DESC NULLS LAST, step DESC NULLS LAST) = 1""", \
        [f.date_to] + params


def _reached_ctes(board: str, milestones: str, actual: str) -> str:
    """CTEs ``reached_by_status`` (first status date at the current step) and ``reached_by_milestone`` (the
    latest ``actual`` date of the current step's milestones) of each DMOP of the CTE ``board``: when it
    reached the step it stands at (the milestone wins)."""
    return f"""reached_by_status AS (
    SELECT s.country, s.dmop, MIN(s.as_of) AS d
    FROM dmop_status s JOIN {board} c ON s.country = c.country AND s.dmop = c.dmop AND s.step = c.step
    GROUP BY s.country, s.dmop
),
reached_by_milestone AS (
    SELECT m.country, m.dmop, MAX(m.{actual}) AS d
    FROM {milestones} m JOIN {board} c ON m.country = c.country AND m.dmop = c.dmop AND m.step = c.step
    GROUP BY m.country, m.dmop
)"""


def dmop_board(con, filters: Filters | None = None, today: date | None = None) -> pd.DataFrame:
    """Where each DMOP stands. Page: DMOP board (also Overview and KI-3).

    Without an end date: the ``dmop_current`` view. With ``filters.date_to``: the latest
    ``dmop_status`` row dated on or before it (undated rows count as older than dated ones), i.e. the
    board as it stood that day. ``filters.date_from`` does not apply to the current status.

    Columns: country, dmop, dmop_type, outcome, step, step_label, step_name, step_upper (8 for
    '7/8'), status_note, as_of, step_reached (milestone's actual date for the current step, else
    the first status date at that step), days_since_step (``today`` − step_reached; ``today``
    defaults to ``filters.date_to``, else the real today), source_file.
    """
    f = filters or NO_FILTERS
    current, params = current_status_sql(f)
    query = f"""
WITH cur AS ({current}
),
{_reached_ctes('cur', 'dmop_milestones', 'actual_date')}
SELECT c.country, c.dmop, c.dmop_type, c.outcome, c.step, c.step_label, c.status_note, c.as_of,
       COALESCE(m.d, s.d) AS step_reached, c.source_file
FROM cur c
LEFT JOIN reached_by_status s ON s.country = c.country AND s.dmop = c.dmop
LEFT JOIN reached_by_milestone m ON m.country = c.country AND m.dmop = c.dmop
"""
    df = sql.run(con, query, params)
    df["step_name"] = df["step"].map(lambda s: STEPS.get(int(s)) if pd.notna(s) else None)
    df["step_upper"] = [metrics.step_upper(lbl, st) for lbl, st in zip(df["step_label"], df["step"])]
    # days counted to `today`, or to the end date of the filter when the board is shown as of then
    df["days_since_step"] = metrics.days_since(df["step_reached"], today or f.date_to)
    type_rank = df["dmop_type"].map({"enforcement": 0, "coordination": 1}).fillna(2)
    df = df.assign(__type=type_rank).sort_values(["__type", "dmop"]).drop(columns="__type")
    cols = ["country", "dmop", "dmop_type", "outcome", "step", "step_label", "step_name", "step_upper",
            "status_note", "as_of", "step_reached", "days_since_step", "source_file"]
    return sql.country_sort(df[cols])


def dmop_history(con, filters: Filters | None = None) -> pd.DataFrame:
    """Every status row over time, oldest first. Page: DMOP board (history of one DMOP).

    Columns: country, dmop, dmop_type, step, step_label, step_name, status_note, as_of, source_file.
    Dates narrow ``as_of``.
    """
    where, params = sql.conditions(filters, date_col="as_of")
    query = f"""
SELECT country, dmop, dmop_type, step, step_label, status_note, as_of, source_file
FROM dmop_status
{sql.where(where)}
ORDER BY country, dmop, as_of NULLS LAST, step
"""
    df = sql.run(con, query, params)
    df["step_name"] = df["step"].map(lambda s: STEPS.get(int(s)) if pd.notna(s) else None)
    cols = ["country", "dmop", "dmop_type", "step", "step_label", "step_name", "status_note", "as_of",
            "source_file"]
    return sql.country_sort(df[cols], "dmop")


def dmop_milestones(con, filters: Filters | None = None, today: date | None = None) -> pd.DataFrame:
    """Planned against actual date per DMOP step. Page: DMOP board (timeline).

    Columns: country, dmop, step, step_name, planned_date, actual_date, delay_days (actual −
    planned; for a step not achieved whose planned date has passed, the delay so far), status
    (on time, early, late, overdue, planned, done, no date), note, source_file.
    Dates narrow the actual date, else the planned date.
    """
    where, params = sql.conditions(filters, date_col="COALESCE(actual_date, planned_date)")
    query = f"""
SELECT country, dmop, step, planned_date, actual_date, note, source_file
FROM dmop_milestones
{sql.where(where)}
ORDER BY country, dmop, step
"""
    df = sql.run(con, query, params)
    df["step_name"] = df["step"].map(lambda s: STEPS.get(int(s)) if pd.notna(s) else None)
    df["delay_days"] = metrics.delay_days(df["planned_date"], df["actual_date"], today) if not df.empty \
        else pd.Series(dtype="float64")
    df["status"] = [metrics.milestone_status(p, a, today) for p, a in zip(df["planned_date"], df["actual_date"])]
    cols = ["country", "dmop", "step", "step_name", "planned_date", "actual_date", "delay_days", "status",
            "note", "source_file"]
    return sql.country_sort(df[cols], "dmop", "step")


def dmop_delays(con, filters: Filters | None = None, today: date | None = None) -> pd.DataFrame:
    """Every DMOP on one delay board: where it stands, the next planned step, and how late it runs,
    counted as of the status date. Page: DMOP status (delay board).

    The status date of a country is the newest date its DMOP records give (a status row's ``as_of``
    or a milestone's actual date; on or before ``filters.date_to`` when set); ``today`` replaces it
    (the page's "count to today" toggle). The delay is measured on one step of each DMOP:

    - the first step after the current one that has a planned date and was not reached by the status
      date: delay = status date − planned date (negative: not due yet, days to go);
    - else the highest step that has a planned date and was reached: delay = actual − planned
      (negative: early);
    - no planned date at all: no delay (rag ``no plan``).

    rag: ``green`` (on time, early or not due), ``amber`` (1–``metrics.DELAY_RED_DAYS`` days late),
    ``red`` (more). ``worst_delay_days`` is the largest delay of any planned step of the DMOP.
    Columns: country, dmop, dmop_type, step, step_label, step_name, step_reached, next_step,
    next_planned, delay_step, delay_days, worst_delay_days, rag, status_date, source_file.
    Thailand's five DMOPs: step 3 planned 1 Apr 2020, reached 22 Sep 2020: 174 days (step 2: 253).
    """
    f = filters or NO_FILTERS
    current, params = current_status_sql(f)
    m_where, m_params = sql.conditions(f)
    s_where, s_params = sql.conditions(f, date_col="as_of")
    md_where, md_params = sql.conditions(f, date_col="actual_date")
    query = f"""
WITH cur AS ({current}
),
ms AS (
    SELECT country, dmop, step, MIN(planned_date) AS planned, MIN(actual_date) AS actual
    FROM dmop_milestones {sql.where(m_where)}
    GROUP BY country, dmop, step
),
dated AS (
    SELECT country, MAX(as_of) AS d FROM dmop_status {sql.where(s_where + ['as_of IS NOT NULL'])} GROUP BY country
    UNION ALL
    SELECT country, MAX(actual_date) FROM dmop_milestones {sql.where(md_where + ['actual_date IS NOT NULL'])} GROUP BY country
),
status_date AS (
    SELECT country, COALESCE(?::DATE, MAX(d)) AS status_date FROM dated GROUP BY country
),
board AS (
    SELECT c.country, c.dmop, c.dmop_type, c.step, c.step_label, c.as_of, c.source_file,
           COALESCE(?::DATE, sd.status_date) AS status_date
    FROM cur c LEFT JOIN status_date sd ON sd.country = c.country
),
pending AS (      -- the next planned step not reached by the status date
    SELECT b.country, b.dmop, m.step, m.planned,
           row_number() OVER (PARTITION BY b.country, b.dmop ORDER BY m.step) AS k
    FROM board b JOIN ms m ON m.country = b.country AND m.dmop = b.dmop
    WHERE m.planned IS NOT NULL AND m.step > COALESCE(b.step, 0)
      AND (m.actual IS NULL OR m.actual > b.status_date)
),
reached AS (      -- the highest planned step reached
    SELECT b.country, b.dmop, m.step, m.planned, m.actual,
           row_number() OVER (PARTITION BY b.country, b.dmop ORDER BY m.step DESC) AS k
    FROM board b JOIN ms m ON m.country = b.country AND m.dmop = b.dmop
    WHERE m.planned IS NOT NULL AND m.actual IS NOT NULL AND m.actual <= COALESCE(b.status_date, m.actual)
),
worst AS (
    SELECT b.country, b.dmop,
           MAX(CASE WHEN m.actual IS NOT NULL AND m.actual <= COALESCE(b.status_date, m.actual)
                    THEN date_diff('day', m.planned, m.actual)
                    ELSE date_diff('day', m.planned, b.status_date) END) AS worst
    FROM board b JOIN ms m ON m.country = b.country AND m.dmop = b.dmop
    WHERE m.planned IS NOT NULL
    GROUP BY b.country, b.dmop
),
{_reached_ctes('board', 'ms', 'actual')}
SELECT b.country, b.dmop, b.dmop_type, b.step, b.step_label,
       COALESCE(rs.d, st.d) AS step_reached,
       p.step AS next_step, p.planned AS next_planned,
       COALESCE(p.step, r.step) AS delay_step,
       CASE WHEN p.step IS NOT NULL THEN date_diff('day', p.planned, b.status_date)
            ELSE date_diff('day', r.planned, r.actual) END AS delay_days,
       w.worst AS worst_delay_days, b.status_date, b.source_file
FROM board b
LEFT JOIN pending p ON p.country = b.country AND p.dmop = b.dmop AND p.k = 1
LEFT JOIN reached r ON r.country = b.country AND r.dmop = b.dmop AND r.k = 1
LEFT JOIN worst w ON w.country = b.country AND w.dmop = b.dmop
LEFT JOIN reached_by_milestone rs ON rs.country = b.country AND rs.dmop = b.dmop
LEFT JOIN reached_by_status st ON st.country = b.country AND st.dmop = b.dmop
"""
    asof = f.date_to if today is None else None
    df = sql.run(con, query, params + m_params + s_params + md_params + [asof, today] )
    df["step_name"] = df["step"].map(lambda s: STEPS.get(int(s)) if pd.notna(s) else None)
    for col in ("next_step", "delay_step"):
        df[col] = df[col].astype("Int64")
    for col in ("delay_days", "worst_delay_days"):
        df[col] = df[col].astype("float64")
    df["rag"] = df["delay_days"].map(metrics.delay_rag)
    df = df.assign(__d=-df["delay_days"].fillna(-1e9)).sort_values(["__d", "dmop"], kind="stable")
    cols = ["country", "dmop", "dmop_type", "step", "step_label", "step_name", "step_reached", "next_step",
            "next_planned", "delay_step", "delay_days", "worst_delay_days", "rag", "status_date", "source_file"]
    return sql.country_sort(df.drop(columns="__d")[cols])
