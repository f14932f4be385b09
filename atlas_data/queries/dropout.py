"""Completion and dropout per activity, at a completion threshold. Page: Dropout (also Overview)."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from atlas_data import metrics, rules
from atlas_data.queries import sql
from atlas_data.queries.sql import Filters


_DROPOUT_DIMS = {"institution": "institution", "gender": "gender"}


def participant_cte(filters: Filters | None, threshold: float,
                     excused_counts_as_missed: bool = False) -> tuple[str, list]:
    """CTEs shared by the dropout queries: the activities in the filter (all their sessions), the
    sessions in date order, and one row per participant and activity with status at ``threshold``
    (``rules.participation_status_sql``)."""
    rules.check_threshold(threshold)
    status = rules.participation_status_sql("p.sessions_attended", "t.sessions_total", "p.sessions_excused", "?",
                                           excused_counts_as_missed)
    where, params = sql.conditions(filters, date_col="session_date")
    query = f"""
acts AS (      -- activities with at least one session in the filter; all their sessions count
    SELECT DISTINCT country, dmop, activity FROM activity_sessions {sql.where(where)}
),
sessions AS (
    SELECT s.country, s.dmop, s.activity, s.session_date, s.session, s.session_no, s.attendees
    FROM activity_sessions s JOIN acts USING (country, dmop, activity)
),
totals AS (
    SELECT t.country, t.dmop, t.activity, t.sessions_total
    FROM activity_totals t JOIN acts USING (country, dmop, activity)
),
status AS (
    SELECT p.country, p.dmop, p.activity, p.pid, p.participant_key, p.institution, p.gender, p.sessions_attended,
           p.sessions_excused, t.sessions_total,
           {status} AS status
    FROM person_activity p JOIN totals t USING (country, dmop, activity)
    WHERE p.role = 'participant'
)"""
    return query, params + [float(threshold)]


def dropout_summary(con, filters: Filters | None = None,
                    threshold: float = rules.DEFAULT_COMPLETION_THRESHOLD,
                    by: Sequence[str] | str = (), excused_counts_as_missed: bool = False) -> pd.DataFrame:
    """Completion and dropout per activity, optionally split ``by`` institution and/or gender.
    Page: Dropout (also Overview).

    Recomputed from the attendance aggregates at ``threshold`` (share of the activity's distinct
    sessions a participant must attend), at whatever threshold the page's slider gives. A date filter
    picks the activities holding a session in the range; their completion counts all their sessions.

    By institution or gender, a participant is counted under the institution of their latest
    session (of rows on one day, the first in the files) and their gender as any file gives it.

    Columns: country, dmop, activity, [by…], sessions_total, enrolled (participants on the
    roster), no_show, started (attended ≥ 1 session), completed, dropped_out, completion_rate
    (completed / started), dropout_rate (dropped_out / started).
    Police ToT 2021: 20 started, 12 completed at 75%, dropout rate 0.4.
    """
    dims = sql.grouping(by, _DROPOUT_DIMS, "dropout_summary")
    ctes, params = participant_cte(filters, threshold, excused_counts_as_missed)
    group = ", ".join(["country", "dmop", "activity", *dims])
    query = f"""
WITH {ctes}
SELECT {group}, MAX(sessions_total)::BIGINT AS sessions_total,
       COUNT(*)::BIGINT AS enrolled,
       COUNT(*) FILTER (WHERE status = 'no_show')::BIGINT AS no_show,
       COUNT(*) FILTER (WHERE status <> 'no_show')::BIGINT AS started,
       COUNT(*) FILTER (WHERE status = 'completed')::BIGINT AS completed,
       COUNT(*) FILTER (WHERE status = 'dropped_out')::BIGINT AS dropped_out
FROM status
GROUP BY {group}
"""
    df = sql.run(con, query, params)
    df["completion_rate"] = metrics.completion_rate(df["completed"], df["started"])
    df["dropout_rate"] = metrics.ratio(df["dropped_out"], df["started"])
    return sql.country_sort(df, "dmop", "activity", *dims)


def dropout_funnel(con, filters: Filters | None = None,
                   threshold: float = rules.DEFAULT_COMPLETION_THRESHOLD,
                   excused_counts_as_missed: bool = False) -> pd.DataFrame:
    """The funnel of each activity: enrolled, started, attendance at each session in date order,
    completed. Page: Dropout (funnel chart).

    Long frame, one row per activity and stage: country, dmop, activity, stage_no, stage
    (``enrolled`` | ``started`` | ``session`` | ``completed``), session_no, session_date, session,
    participants. Session rows count participants present at that session.
    """
    ctes, params = participant_cte(filters, threshold, excused_counts_as_missed)
    query = f"""
WITH {ctes},
per_session AS (
    SELECT country, dmop, activity, session_no, session_date, session, attendees AS participants FROM sessions
),
summary AS (
    SELECT country, dmop, activity,
           COUNT(*)::BIGINT AS enrolled,
           COUNT(*) FILTER (WHERE status <> 'no_show')::BIGINT AS started,
           COUNT(*) FILTER (WHERE status = 'completed')::BIGINT AS completed
    FROM status GROUP BY ALL
)
SELECT country, dmop, activity, 0 AS stage_no, 'enrolled' AS stage, NULL::BIGINT AS session_no,
       NULL::DATE AS session_date, NULL::VARCHAR AS session, enrolled AS participants FROM summary
UNION ALL
SELECT country, dmop, activity, 1, 'started', NULL, NULL, NULL, started FROM summary
UNION ALL
SELECT country, dmop, activity, 1 + session_no, 'session', session_no, session_date, NULLIF(session, ''),
       participants FROM per_session
UNION ALL
SELECT s.country, s.dmop, s.activity, 2 + t.sessions_total, 'completed', NULL, NULL, NULL, s.completed
FROM summary s JOIN totals t USING (country, dmop, activity)
"""
    df = sql.run(con, query, params)
    df["stage_no"] = df["stage_no"].astype("int64")
    return sql.country_sort(df, "dmop", "activity", "stage_no")
