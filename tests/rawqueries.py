"""Reference computations straight from raw ``attendance`` rows (the SQL the page queries ran before
they read the aggregates of ``atlas_data.store.views.build_aggregates``). Tests compare the page queries
with these: same frames, row for row.

Only the attendance-heavy queries are here; everything else is ``atlas_data.queries``' own. The one
change from the old SQL: of a participant's rows on their latest day, the first in the files gives
their institution (the old ``arg_max`` left that tie to chance).
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from atlas_data import metrics
from atlas_data.contract import KEY_INDICATORS
from atlas_data.queries.dmops import dmop_board
from atlas_data.queries.indicators import _targets
from atlas_data.queries.overview import _key_informants_sql
from atlas_data.queries.sources import _DMOP_NULLABLE, _NO_DMOP, _SOURCE_ALIASES, TABLE_DATES as _TABLE_DATES
from atlas_data.queries.sql import NO_FILTERS, Filters, and_ as _and, grouping as _by, conditions as _conditions, \
    country_sort as _country_sort, run as _run, where as _where

# Participants who were there: the roster rows that count as training someone.
_TRAINED = "COALESCE(role, 'participant') = 'participant' AND COALESCE(attended, TRUE) AND participant_key IS NOT NULL"

# An activity "has a roster" when attendance holds any row for it (names compared ignoring case and
# surrounding spaces); such an activity's head counts in `events` are never added to the roster count.
_ROSTER_ACTIVITIES = """
    SELECT DISTINCT country, lower(trim(dmop)) AS dmop_k, lower(trim(activity)) AS activity_k
    FROM attendance"""
_NO_ROSTER = """NOT EXISTS (
        SELECT 1 FROM roster_activities r
        WHERE r.country = e.country AND r.dmop_k = lower(trim(e.dmop))
          AND r.activity_k = lower(trim(e.activity)))"""


# =========================================================================== training reach

# by= dimension -> (expression on attendance rows, expression on the chosen event rows)
_REACH_DIMS = {
    "country": ("country", "country"),
    "dmop": ("dmop", "dmop"),
    "activity": ("activity", "activity"),
    "institution": ("institution", "institution"),
    "gender": ("gender", "gender"),
    "modality": ("modality", "modality"),
    "region": ("region", "region"),
    "month": ("date_trunc('month', session_date)::DATE", "date_trunc('month', start_date)::DATE"),
    "year": ("year(session_date)", "year(start_date)"),
    "fiscal_year": ("year(session_date + INTERVAL 3 MONTH)", "year(start_date + INTERVAL 3 MONTH)"),
}


def reach(con, filters: Filters | None = None, by: Sequence[str] | str = ("country",)) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries.reach``."""
    dims = _by(by, _REACH_DIMS, "reach")
    att_where, att_params = _conditions(filters, date_col="session_date")
    ev_where, ev_params = _conditions(filters, alias="e", date_col="start_date")

    roster_dims = [f"{_REACH_DIMS[d][0]} AS {d}" for d in dims]
    event_dims = [f"{_REACH_DIMS[d][1]} AS {d}" for d in dims]
    group = f"GROUP BY {', '.join(dims)}" if dims else ""

    gender_cte = ""
    roster_from = "att"
    if "gender" in dims:
        # one gender per person, so a person never appears under two genders
        gender_cte = """,
person_gender AS (
    SELECT participant_key,
           COALESCE(max(gender) FILTER (WHERE gender <> 'Unknown'), 'Unknown') AS gender
    FROM att GROUP BY participant_key
)"""
        roster_from = ("(SELECT att.* REPLACE (pg.gender AS gender)"
                       " FROM att JOIN person_gender pg USING (participant_key))")

    by_institution = "institution" in dims
    use_rows = ("CASE WHEN has_breakdown THEN is_breakdown ELSE TRUE END" if by_institution
                else "CASE WHEN has_total THEN NOT is_breakdown ELSE TRUE END")
    if "gender" in dims:
        event_rows = """(
        SELECT * EXCLUDE (participants), 'Female' AS gender, COALESCE(female, 0) AS participants FROM chosen
        UNION ALL
        SELECT * EXCLUDE (participants), 'Male' AS gender, COALESCE(male, 0) AS participants FROM chosen
        UNION ALL
        SELECT * EXCLUDE (participants), 'Unknown' AS gender,
               CASE WHEN rest THEN COALESCE(participants, 0) - COALESCE(female, 0) - COALESCE(male, 0)
                    ELSE GREATEST(COALESCE(participants, 0) - COALESCE(female, 0) - COALESCE(male, 0), 0) END
               AS participants
        FROM chosen)"""
    else:
        event_rows = "chosen"

    sql = f"""
WITH att AS (
    SELECT country, dmop, activity, session_date, participant_key, institution, gender, modality, region
    FROM attendance
    WHERE {_TRAINED}{_and(att_where)}
){gender_cte},
roster_activities AS ({_ROSTER_ACTIVITIES}
),
head_events AS (
    SELECT e.country, e.dmop, e.activity, e.start_date, e.institution, e.modality, e.region,
           e.participants, e.female, e.male, COALESCE(e.is_breakdown, FALSE) AS is_breakdown
    FROM events e
    WHERE {_NO_ROSTER}{_and(ev_where)}
),
flagged AS (
    SELECT *,
           bool_or(NOT is_breakdown) OVER event AS has_total,
           bool_or(is_breakdown) OVER event AS has_breakdown
    FROM head_events
    WINDOW event AS (PARTITION BY country, dmop, activity, start_date)
),
picked AS (
    SELECT * FROM flagged WHERE {use_rows}
),
chosen AS (       -- by institution, an event's total beyond its institution rows is "not given" (NULL)
    SELECT * EXCLUDE (has_total, has_breakdown), FALSE AS rest FROM picked
    UNION ALL
    SELECT t.country, t.dmop, t.activity, t.start_date, NULL, t.modality, t.region,
           t.participants - b.participants, t.female - b.female, t.male - b.male, TRUE, TRUE
    FROM (SELECT * FROM flagged WHERE NOT is_breakdown AND {'TRUE' if by_institution else 'FALSE'}) t
    JOIN (SELECT country, dmop, activity, start_date, SUM(participants) AS participants, SUM(female) AS female,
                 SUM(male) AS male
          FROM flagged WHERE is_breakdown GROUP BY ALL) b USING (country, dmop, activity, start_date)
    WHERE t.participants <> b.participants
)
SELECT {', '.join([*roster_dims, "'roster' AS source", "COUNT(DISTINCT participant_key)::BIGINT AS people"])}
FROM {roster_from}
{group}
UNION ALL
SELECT {', '.join([*event_dims, "'head count' AS source", "SUM(participants)::BIGINT AS people"])}
FROM {event_rows}
{group}
"""
    df = _run(con, sql, att_params + ev_params)
    df = df[df["people"].fillna(0) > 0] if not df.empty else df
    df = df.astype({"people": "int64"}).assign(__s=lambda d: d["source"].eq("head count"))
    sort = [d for d in dims if d != "country"] + ["__s"]
    return _country_sort(df, *sort)[[*dims, "source", "people"]]


def people_trained(con, filters: Filters | None = None) -> int:
    """Straight from attendance rows: ``atlas_data.queries.people_trained``."""
    df = reach(con, filters, by=())
    return int(df["people"].sum()) if not df.empty else 0


def activity_list(con, filters: Filters | None = None) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries.activity_list``."""
    att_where, att_params = _conditions(filters, date_col="session_date")
    ev_where, ev_params = _conditions(filters, alias="e", date_col="start_date")
    sql = f"""
WITH roster_activities AS ({_ROSTER_ACTIVITIES}
),
head_events AS (
    SELECT e.country, e.dmop, e.activity, e.start_date, e.end_date, e.participants,
           COALESCE(e.is_breakdown, FALSE) AS is_breakdown
    FROM events e
    WHERE {_NO_ROSTER}{_and(ev_where)}
)
SELECT country, dmop, activity,
       MIN(session_date) AS start_date, MAX(session_date) AS end_date,
       COUNT(DISTINCT (session_date, COALESCE(session, '')))::BIGINT AS sessions,
       COUNT(DISTINCT participant_key) FILTER (WHERE {_TRAINED})::BIGINT AS participants,
       'roster' AS source
FROM attendance
{_where(att_where)}
GROUP BY country, dmop, activity
UNION ALL
SELECT country, dmop, activity, start_date, MAX(COALESCE(end_date, start_date)) AS end_date,
       1::BIGINT AS sessions,
       COALESCE(SUM(participants) FILTER (WHERE NOT is_breakdown), SUM(participants))::BIGINT AS participants,
       'head count' AS source
FROM head_events
GROUP BY country, dmop, activity, start_date
"""
    df = _run(con, sql, att_params + ev_params)
    return _country_sort(df, "start_date", "dmop", "activity")


def overview(con, filters: Filters | None = None,
             threshold: float = metrics.DEFAULT_COMPLETION_THRESHOLD,
             excused_counts_as_missed: bool = False) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries.overview``."""
    board = dmop_board(con, filters)
    dm = (board.assign(piloted=board["step"].fillna(0) >= 5)
          .groupby("country", as_index=False)
          .agg(dmops=("dmop", "nunique"), dmops_piloted=("piloted", "sum"))) if not board.empty else \
        pd.DataFrame({"country": [], "dmops": [], "dmops_piloted": []})

    r = reach(con, filters, by=("country",))
    people = r.groupby("country", as_index=False)["people"].sum().rename(columns={"people": "people_trained"})

    acts = activity_list(con, filters)
    held = acts.groupby("country", as_index=False).size().rename(columns={"size": "events_held"})

    drop = dropout_summary(con, filters, threshold=threshold, excused_counts_as_missed=excused_counts_as_missed)
    comp = drop.groupby("country", as_index=False)[["started", "completed"]].sum()

    kii = _run(con, *_key_informants_sql(filters))
    newest = _newest_dates(con, filters)

    frames = [f.astype({"country": "object"}) for f in (dm, people, held, comp, kii, newest)]
    countries = pd.concat([f[["country"]] for f in frames], ignore_index=True).drop_duplicates()
    out = countries
    for f in frames:
        out = out.merge(f, on="country", how="left")
    for col in ("dmops", "dmops_piloted", "people_trained", "events_held", "started", "completed",
                "key_informants"):
        out[col] = out[col].fillna(0).astype("int64")
    out["completion_rate"] = metrics.completion_rate(out["completed"], out["started"])
    cols = ["country", "dmops", "dmops_piloted", "people_trained", "events_held", "started", "completed",
            "completion_rate", "key_informants", "newest_data_date"]
    return _country_sort(out[cols])


def _newest_dates(con, filters: Filters | None) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries._newest_dates_sql``."""
    parts, params = [], []
    for table, col in (("attendance", "session_date"), ("events", "COALESCE(end_date, start_date)"),
                       ("tests", "test_date"), ("dmop_status", "as_of")):
        where, p = _conditions(filters, date_col=col)
        parts.append(f"SELECT country, MAX({col}) AS d FROM {table} {_where(where)} GROUP BY country")
        params += p
    sql = "SELECT country, MAX(d) AS newest_data_date FROM (\n" + "\nUNION ALL\n".join(parts) + \
        "\n) WHERE d IS NOT NULL GROUP BY country"
    return _run(con, sql, params)


_DROPOUT_DIMS = {"institution": "institution", "gender": "gender"}


def _participant_cte(filters: Filters | None, threshold: float,
                     excused_counts_as_missed: bool = False) -> tuple[str, list]:
    """Straight from attendance rows: ``atlas_data.queries._participant_cte``. A session a person was
    excused from (a row says excused, none says attended) is not required of them, unless
    ``excused_counts_as_missed``."""
    metrics.check_threshold(threshold)
    where, params = _conditions(filters, date_col="session_date")
    sql = f"""
acts AS (      -- activities with at least one session in the filter; all their sessions count
    SELECT DISTINCT country, dmop, activity FROM attendance {_where(where)}
),
rows AS (
    SELECT a.* FROM attendance a JOIN acts USING (country, dmop, activity)
),
sessions AS (
    SELECT country, dmop, activity, session_date, session,
           row_number() OVER (PARTITION BY country, dmop, activity
                              ORDER BY session_date NULLS LAST, session NULLS FIRST)::BIGINT AS session_no
    FROM (SELECT DISTINCT country, dmop, activity, session_date, COALESCE(session, '') AS session FROM rows)
),
totals AS (
    SELECT country, dmop, activity, COUNT(*)::BIGINT AS sessions_total FROM sessions GROUP BY ALL
),
person_sessions AS (   -- each session a participant has a row for: there, or excused and not there
    SELECT country, dmop, activity, participant_key, session_date, COALESCE(session, '') AS session,
           bool_or(COALESCE(attended, TRUE)) AS there, bool_or(COALESCE(excused, FALSE)) AS excused
    FROM rows
    WHERE COALESCE(role, 'participant') = 'participant' AND participant_key IS NOT NULL
    GROUP BY ALL
),
excused AS (
    SELECT country, dmop, activity, participant_key,
           COUNT(*) FILTER (WHERE excused AND NOT there)::BIGINT AS sessions_excused
    FROM person_sessions GROUP BY ALL
),
people AS (
    SELECT country, dmop, activity, participant_key,
           arg_min(institution, (-date_diff('day', DATE '1970-01-01', session_date), source_file, source_row))
               FILTER (WHERE institution IS NOT NULL AND session_date IS NOT NULL) AS institution,
           COALESCE(max(gender) FILTER (WHERE gender <> 'Unknown'), 'Unknown') AS gender,
           COUNT(DISTINCT (session_date, COALESCE(session, ''))) FILTER (WHERE COALESCE(attended, TRUE))::BIGINT
               AS sessions_attended
    FROM rows
    WHERE COALESCE(role, 'participant') = 'participant' AND participant_key IS NOT NULL
    GROUP BY country, dmop, activity, participant_key
),
status AS (
    SELECT p.*, t.sessions_total,
           CASE WHEN p.sessions_attended = 0 THEN 'no_show'
                WHEN p.sessions_attended >= ? * (t.sessions_total - {"0" if excused_counts_as_missed else "e.sessions_excused"})
                     - 1e-9 THEN 'completed'
                ELSE 'dropped_out' END AS status
    FROM people p JOIN totals t USING (country, dmop, activity)
    JOIN excused e USING (country, dmop, activity, participant_key)
)"""
    return sql, params + [float(threshold)]


def dropout_summary(con, filters: Filters | None = None,
                    threshold: float = metrics.DEFAULT_COMPLETION_THRESHOLD,
                    by: Sequence[str] | str = (), excused_counts_as_missed: bool = False) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries.dropout_summary``."""
    dims = _by(by, _DROPOUT_DIMS, "dropout_summary")
    ctes, params = _participant_cte(filters, threshold, excused_counts_as_missed)
    group = ", ".join(["country", "dmop", "activity", *dims])
    sql = f"""
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
    df = _run(con, sql, params)
    df["completion_rate"] = metrics.completion_rate(df["completed"], df["started"])
    df["dropout_rate"] = metrics.ratio(df["dropped_out"], df["started"])
    return _country_sort(df, "dmop", "activity", *dims)


def dropout_funnel(con, filters: Filters | None = None,
                   threshold: float = metrics.DEFAULT_COMPLETION_THRESHOLD,
                   excused_counts_as_missed: bool = False) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries.dropout_funnel``."""
    ctes, params = _participant_cte(filters, threshold, excused_counts_as_missed)
    sql = f"""
WITH {ctes},
present AS (
    SELECT DISTINCT country, dmop, activity, session_date, COALESCE(session, '') AS session, participant_key
    FROM rows
    WHERE COALESCE(role, 'participant') = 'participant' AND participant_key IS NOT NULL
      AND COALESCE(attended, TRUE)
),
per_session AS (
    SELECT s.country, s.dmop, s.activity, s.session_no, s.session_date, s.session,
           COUNT(p.participant_key)::BIGINT AS participants
    FROM sessions s
    LEFT JOIN present p ON p.country = s.country AND p.dmop = s.dmop AND p.activity = s.activity
         AND p.session_date IS NOT DISTINCT FROM s.session_date AND p.session = s.session
    GROUP BY ALL
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
    df = _run(con, sql, params)
    df["stage_no"] = df["stage_no"].astype("int64")
    return _country_sort(df, "dmop", "activity", "stage_no")


def indicators_vs_targets(con, filters: Filters | None = None) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries.indicators_vs_targets``."""
    f = filters or NO_FILTERS
    actual = pd.concat([_ki1(con, f), _ki2(con, f), _ki3(con, f)], ignore_index=True)
    targets = _targets(con, f)

    # Which actual each target uses: fiscal for FY periods, calendar otherwise.
    if not targets.empty:
        targets["basis"] = targets["period"].str.upper().str.startswith("FY").map({True: "fiscal", False: "calendar"})
    else:
        targets["basis"] = pd.Series(dtype="str")
    merged = targets.merge(actual, on=["country", "indicator", "basis", "year"], how="outer")
    # fiscal-year actuals exist only to meet FY targets
    merged = merged[(merged["basis"] != "fiscal") | merged["target"].notna()].copy()
    merged["period"] = merged["period"].fillna(
        merged["year"].map(lambda y: str(int(y)) if pd.notna(y) else "total"))
    # Nothing counted in a period means 0 — except KI-3 in a country whose DMOP status rows carry
    # no date: its value at a year's end is unknown (its current value is in the total row).
    where, params = _conditions(f)
    dated = _run(con, f"SELECT DISTINCT country FROM dmop_status WHERE as_of IS NOT NULL{_and(where)}", params)
    ki3_dated = set(dated["country"])
    computed = merged["indicator"].isin(["KI-1", "KI-2"]) | (
        (merged["indicator"] == "KI-3") & merged["country"].isin(ki3_dated))
    merged.loc[computed & merged["actual"].isna(), "actual"] = 0

    names = _run(con, "SELECT indicator, MAX(name) AS name FROM indicators GROUP BY indicator")
    merged = merged.merge(names, on="indicator", how="left")
    builtin = {k[0]: k[1] for k in KEY_INDICATORS}
    merged["name"] = merged["name"].fillna(merged["indicator"].map(builtin))
    merged["pct_of_target"] = metrics.pct_of_target(merged["actual"], merged["target"])
    merged["year"] = merged["year"].astype("Int64")
    merged = merged.assign(__total=merged["period"].eq("total"))
    merged = _country_sort(merged, "indicator", "__total", "year", "period").drop(columns="__total")
    return merged[["country", "indicator", "name", "period", "year", "actual", "target", "pct_of_target"]]


def _ki1(con, f: Filters) -> pd.DataFrame:
    att_where, att_params = _conditions(f, date_col="session_date")
    ev_where, ev_params = _conditions(f, date_col="start_date")
    sql = f"""
WITH held AS (
    SELECT DISTINCT country, lower(trim(dmop)) || chr(31) || lower(trim(activity)) AS activity_k, session_date AS d
    FROM attendance {_where(att_where)}
    UNION
    SELECT DISTINCT country, lower(trim(dmop)) || chr(31) || lower(trim(activity)), start_date
    FROM events {_where(ev_where)}
)
SELECT country, 'KI-1' AS indicator, basis, year, COUNT(DISTINCT activity_k)::DOUBLE AS actual
FROM (
    SELECT country, activity_k, 'calendar' AS basis, year(d) AS year FROM held WHERE d IS NOT NULL
    UNION ALL
    SELECT country, activity_k, 'fiscal', year(d + INTERVAL 3 MONTH) FROM held WHERE d IS NOT NULL
    UNION ALL
    SELECT country, activity_k, 'total', NULL FROM held
)
GROUP BY country, basis, year
"""
    return _run(con, sql, att_params + ev_params)


def _ki2(con, f: Filters) -> pd.DataFrame:
    frames = []
    for basis, dim in (("calendar", "year"), ("fiscal", "fiscal_year"), ("total", None)):
        by = ("country", dim) if dim else ("country",)
        r = reach(con, f, by=by).groupby(list(by), as_index=False)["people"].sum()
        r = r.rename(columns={"people": "actual", **({dim: "year"} if dim else {})})
        if not dim:
            r["year"] = pd.NA
        frames.append(r.assign(indicator="KI-2", basis=basis))
    out = pd.concat(frames, ignore_index=True)
    out["actual"] = out["actual"].astype("float64")
    return out[["country", "indicator", "basis", "year", "actual"]]


def _ki3(con, f: Filters) -> pd.DataFrame:
    """KI-3 as ``atlas_data.queries._ki3`` once gave it (its current value from ``dmop_board``)."""
    where, params = _conditions(f, alias="s")
    t_where, t_params = _conditions(f, alias="t", dmop=None)
    end = f.date_to
    sql = f"""
WITH types AS (
    SELECT country, dmop,
           COALESCE(MAX(dmop_type), CASE WHEN MAX(outcome) = 3 THEN 'coordination' END) AS dmop_type
    FROM dmop_status GROUP BY country, dmop
),
hist AS (
    SELECT s.country, s.dmop, s.step, s.as_of
    FROM dmop_status s JOIN types USING (country, dmop)
    WHERE types.dmop_type = 'coordination' AND s.as_of IS NOT NULL{_and(where)}
),
years AS (
    SELECT DISTINCT year(as_of) AS year FROM hist
    UNION SELECT DISTINCT year FROM targets t WHERE year IS NOT NULL{_and(t_where)}
),
ends AS (
    SELECT year, 'calendar' AS basis, make_date(year, 12, 31) AS d FROM years
    UNION ALL
    SELECT year, 'fiscal', make_date(year, 9, 30) FROM years
),
at_end AS (
    SELECT h.country, e.basis, e.year, h.dmop, MAX(h.step) AS step
    FROM hist h JOIN ends e ON h.as_of <= LEAST(e.d, COALESCE(?::DATE, e.d))
    GROUP BY ALL
)
SELECT country, 'KI-3' AS indicator, basis, year,
       COUNT(*) FILTER (WHERE step >= 5)::DOUBLE AS actual
FROM at_end
GROUP BY country, basis, year
"""
    df = _run(con, sql, params + t_params + [end])
    board = dmop_board(con, f)
    coord = (board["dmop_type"] == "coordination") | (board["dmop_type"].isna() & (board["outcome"] == 3))
    piloted = coord & (board["step"].fillna(0) >= 5)
    now = (board.assign(p=piloted).groupby("country", as_index=False)["p"].sum()
           .rename(columns={"p": "actual"}))
    now = now.assign(indicator="KI-3", basis="total", year=pd.NA, actual=now["actual"].astype("float64"))
    return pd.concat([df, now[["country", "indicator", "basis", "year", "actual"]]], ignore_index=True)


def last_update(con, filters: Filters | None = None) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries.last_update``."""
    parts = []
    for table, col in _TABLE_DATES.items():
        if table == "dmop_current":
            continue
        newest = f"MAX({col})" if col else "NULL::DATE"
        parts.append(f"SELECT '{table}' AS table_name, COUNT(*)::BIGINT AS rows, "
                     f"COUNT(DISTINCT source_file)::BIGINT AS files, {newest} AS newest_date FROM {table}")
    sql = f"""
WITH held AS (
{chr(10).join(('    ' + p + (' UNION ALL' if i < len(parts) - 1 else '')) for i, p in enumerate(parts))}
),
ingested AS (
    SELECT table_name, MAX(ingested_at) AS last_ingested FROM ingest_files GROUP BY table_name
)
SELECT h.table_name, h.rows, h.files, i.last_ingested, h.newest_date
FROM held h LEFT JOIN ingested i ON i.table_name = h.table_name
     OR (h.table_name = 'kii_tally' AND i.table_name IN ('kii_counts', 'kii_answers'))
     OR (h.table_name = 'test_items' AND i.table_name = 'tests')
"""
    df = _run(con, sql)
    order = {t: i for i, t in enumerate(_TABLE_DATES)}
    df = df.groupby(["table_name", "rows", "files", "newest_date"], dropna=False, as_index=False)[
        "last_ingested"].max()
    return df.assign(__o=df["table_name"].map(order)).sort_values("__o").drop(columns="__o")[
        ["table_name", "rows", "files", "last_ingested", "newest_date"]].reset_index(drop=True)


def sources(con, table: str | Sequence[str], filters: Filters | None = None) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries.sources``."""
    tables = (table,) if isinstance(table, str) else tuple(table)
    parts, params = [], []
    for name in tables:
        name = _SOURCE_ALIASES.get(name, name)
        if name not in _TABLE_DATES:
            raise ValueError(f"sources: unknown table {name!r}; choose from {sorted(_TABLE_DATES)}")
        where, p = _conditions(filters, dmop=None if name in _NO_DMOP else "dmop",
                               dmop_nullable=name in _DMOP_NULLABLE, date_col=_TABLE_DATES[name])
        parts.append(f"SELECT '{name}' AS table_name, source_file, COUNT(*)::BIGINT AS rows FROM {name} "
                     f"{_where(where)} GROUP BY source_file")
        params += p
    sql = "\nUNION ALL\n".join(parts) + "\nORDER BY table_name, source_file"
    df = _run(con, sql, params)
    return df[df["source_file"].notna()].reset_index(drop=True)


def filter_options(con, filters: Filters | None = None) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries.filter_options``."""
    params: list = []
    parts = []
    for table, col in (("attendance", "session_date"), ("events", "start_date"), ("tests", "test_date"),
                       ("dmop_status", "as_of")):
        w, p = _conditions(filters, dmop=None)
        parts.append(f"SELECT country, dmop, MIN({col}) AS first_date, MAX({col}) AS last_date FROM {table} "
                     f"{_where(w)} GROUP BY country, dmop")
        params += p
    sql = ("SELECT country, dmop, MIN(first_date) AS first_date, MAX(last_date) AS last_date FROM (\n"
           + "\nUNION ALL\n".join(parts) + "\n) WHERE dmop IS NOT NULL GROUP BY country, dmop")
    return _country_sort(_run(con, sql, params), "dmop")
