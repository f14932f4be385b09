"""Completeness, consistency, timeliness and outliers of the data. Page: Data quality."""
from __future__ import annotations

from datetime import date

import pandas as pd

from atlas_data import metrics
from atlas_data.queries import sources, sql
from atlas_data.queries.sql import Filters


# table -> columns whose blanks the Data quality page counts (the people-facing breakdowns and dates)
_COMPLETENESS = {
    "attendance": ("session_date", "institution", "gender", "modality", "region"),
    "events": ("start_date", "institution", "female", "male", "modality", "region"),
    "tests": ("test_date", "score", "max_score", "institution", "gender"),
}


def data_completeness(con, filters: Filters | None = None) -> pd.DataFrame:
    """How often each breakdown column is filled, per table and country. Page: Data quality.

    Events count their total rows only (a per-institution row names its institution by definition);
    attendance counts its rows. Columns: table_name, country, column_name, rows, given, share_given.
    """
    parts, params = [], []
    for table, cols in _COMPLETENESS.items():
        where, p = sql.conditions(filters, date_col=sources.TABLE_DATES[table])
        if table == "events":
            where = where + ["NOT COALESCE(is_breakdown, FALSE)"]
        counts = ", ".join(f"COUNT({c})::BIGINT AS {c}" for c in cols)
        parts.append((table, cols, f"SELECT country, COUNT(*)::BIGINT AS rows, {counts} FROM {table} {sql.where(where)} "
                                   f"GROUP BY country"))
        params.append(p)
    frames = []
    for (table, cols, query), p in zip(parts, params):
        df = sql.run(con, query, p)
        if df.empty:
            continue
        long = df.melt(id_vars=["country", "rows"], value_vars=list(cols), var_name="column_name", value_name="given")
        frames.append(long.assign(table_name=table))
    if not frames:
        return pd.DataFrame(columns=["table_name", "country", "column_name", "rows", "given", "share_given"])
    out = pd.concat(frames, ignore_index=True)
    out["share_given"] = metrics.share(out["given"], out["rows"])
    return sql.country_sort(out[["table_name", "country", "column_name", "rows", "given", "share_given"]],
                         "table_name")


def data_consistency(con, filters: Filters | None = None) -> pd.DataFrame:
    """Counts that should agree and do not. Page: Data quality.

    - ``rows_vs_total``: an event whose per-institution rows add up to more or less than its total row
      (Thailand, 22 Sep 2020: 37 against 36);
    - ``roster_vs_head_count``: an activity with a roster whose event head count differs from the people
      on the roster (KI-2 counts the roster);
    - ``gender_vs_total``: an event whose women and men add up to more than its participants.
    Columns: check, country, dmop, activity, start_date, expected (the total or roster), found, difference.
    """
    ev_where, ev_params = sql.conditions(filters, alias="e", date_col="start_date")
    p_where, p_params = sql.conditions(filters)
    query = f"""
WITH ev AS (
    SELECT e.country, e.dmop, e.activity, e.start_date, e.participants, e.female, e.male,
           COALESCE(e.is_breakdown, FALSE) AS is_breakdown
    FROM events e {sql.where(ev_where)}
),
totals AS (
    SELECT country, dmop, activity, start_date,
           SUM(participants) FILTER (WHERE NOT is_breakdown) AS total,
           SUM(participants) FILTER (WHERE is_breakdown) AS rows_sum
    FROM ev GROUP BY ALL
),
roster AS (
    SELECT country, lower(trim(dmop)) AS dmop_k, lower(trim(activity)) AS activity_k, COUNT(DISTINCT pid) AS people
    FROM person_activity WHERE role = 'participant' AND (len(attended_dates) > 0 OR attended_undated){sql.and_(p_where)}
    GROUP BY ALL
)
SELECT 'rows_vs_total' AS "check", country, dmop, activity, start_date, total AS expected, rows_sum AS found
FROM totals WHERE total IS NOT NULL AND rows_sum IS NOT NULL AND total <> rows_sum
UNION ALL
SELECT 'roster_vs_head_count', t.country, t.dmop, t.activity, t.start_date, r.people, COALESCE(t.total, t.rows_sum)
FROM totals t JOIN roster r ON r.country = t.country AND r.dmop_k = lower(trim(t.dmop))
     AND r.activity_k = lower(trim(t.activity))
WHERE COALESCE(t.total, t.rows_sum) <> r.people
UNION ALL
SELECT 'gender_vs_total', country, dmop, activity, start_date, participants, COALESCE(female, 0) + COALESCE(male, 0)
FROM ev WHERE NOT is_breakdown AND COALESCE(female, 0) + COALESCE(male, 0) > participants
"""
    df = sql.run(con, query, ev_params + p_params)
    df["difference"] = (df["found"] - df["expected"]).astype("Int64")
    return sql.country_sort(df, "check", "start_date")


def data_timeliness(con, filters: Filters | None = None, today: date | None = None) -> pd.DataFrame:
    """How recent each table's newest record is, per country. Page: Data quality.

    Columns: table_name, country, newest_date (as ``data_as_of`` reads it), last_ingested (the table's latest
    ingest), days_old (``today`` − newest_date; today by default).
    """
    parts, params = [], []
    for table in ("attendance", "events", "tests", "dmop_status", "dmop_milestones"):
        col = sources.AS_OF_DATES[table]
        source = "activity_sessions" if table == "attendance" else table
        where, p = sql.conditions(filters, date_col=col)
        parts.append(f"SELECT '{table}' AS table_name, country, MAX({col}) AS newest_date FROM {source} "
                     f"{sql.where(where + [f'{col} IS NOT NULL'])} GROUP BY country")
        params += p
    query = f"""
WITH newest AS (
{chr(10).join(('    ' + p + (' UNION ALL' if i < len(parts) - 1 else '')) for i, p in enumerate(parts))}
),
ingested AS (SELECT table_name, MAX(ingested_at) AS last_ingested FROM ingest_files GROUP BY table_name)
SELECT n.table_name, n.country, n.newest_date, i.last_ingested
FROM newest n LEFT JOIN ingested i ON i.table_name = n.table_name
"""
    df = sql.run(con, query, params)
    df["days_old"] = metrics.days_since(df["newest_date"], today)
    return sql.country_sort(df, "table_name")


def data_outliers(con, filters: Filters | None = None) -> pd.DataFrame:
    """Values far from the rest. Page: Data quality.

    An event's head count outside its country's usual range (beyond 1.5 × the interquartile range of the
    country's event totals, with at least 4 events), and a test score below 0 or above its maximum.
    Columns: check, country, dmop, activity, date, value, low, high.
    """
    ev_where, ev_params = sql.conditions(filters, date_col="start_date")
    t_where, t_params = sql.conditions(filters, date_col="test_date")
    query = f"""
WITH ev AS (
    SELECT country, dmop, activity, start_date, participants FROM events
    WHERE NOT COALESCE(is_breakdown, FALSE) AND participants IS NOT NULL{sql.and_(ev_where)}
),
spread AS (
    SELECT country, quantile_cont(participants, 0.25) AS q1, quantile_cont(participants, 0.75) AS q3, COUNT(*) AS n
    FROM ev GROUP BY country
)
SELECT 'head_count' AS "check", e.country, e.dmop, e.activity, e.start_date AS date, e.participants::DOUBLE AS value,
       GREATEST(s.q1 - 1.5 * (s.q3 - s.q1), 0) AS low, s.q3 + 1.5 * (s.q3 - s.q1) AS high
FROM ev e JOIN spread s USING (country)
WHERE s.n >= 4 AND (e.participants < s.q1 - 1.5 * (s.q3 - s.q1) OR e.participants > s.q3 + 1.5 * (s.q3 - s.q1))
UNION ALL
SELECT 'test_score', country, dmop, activity, test_date, score, 0, COALESCE(max_score, 100)
FROM tests WHERE score IS NOT NULL AND (score < 0 OR score > COALESCE(max_score, 100)){sql.and_(t_where)}
"""
    return sql.country_sort(sql.run(con, query, ev_params + t_params), "check", "date")
