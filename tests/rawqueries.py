"""Reference computations straight from raw ``attendance`` rows (the SQL the page queries ran before
they read the aggregates of ``atlas_data.store.views.build_aggregates``). Tests compare the page queries
with these: same frames, row for row.

Only the attendance-heavy queries are here, written again from the rules, importing none of the code they check. The one
change from the old SQL: of a participant's rows on their latest day, the first in the files gives
their institution (the old ``arg_max`` left that tie to chance).
"""
from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

import duckdb
import pandas as pd

from atlas_data.contract import COUNTRIES, KEY_INDICATORS

# Nothing here comes from the code it checks: the filters, the grouping checks, the sort, the ratios, the DMOP
# status and the targets are written again below, as plainly as they can be.

THRESHOLD = 0.75        # the report's completion threshold
NO_FILTERS = SimpleNamespace(countries=(), dmops=(), date_from=None, date_to=None)

# table -> its date column (None: no date), in the Data page's order
_TABLE_DATES = {"attendance": "session_date", "events": "start_date", "tests": "test_date", "test_items": None,
                "kii_answers": None, "kii_tally": None, "respondents": None, "dmop_status": "as_of",
                "dmop_current": "as_of", "dmop_milestones": "COALESCE(actual_date, planned_date)", "targets": None}
_NO_DMOP = {"respondents"}
_DMOP_NULLABLE = {"kii_answers", "kii_tally", "targets"}
_SOURCE_ALIASES = {"participation": "attendance", "kii_counts": "kii_tally"}


def _conditions(filters, *, alias="", country="country", dmop="dmop", date_col=None, dmop_nullable=False):
    """WHERE fragments and parameters: the sidebar's countries, DMOPs (rows of no DMOP kept where
    ``dmop_nullable``) and date range on ``date_col``."""
    f = filters or NO_FILTERS
    a = alias + "." if alias else ""
    where, params = [], []
    if country and f.countries:
        where.append(f"{a}{country} IN ({', '.join('?' * len(f.countries))})")
        params.extend(f.countries)
    if dmop and f.dmops:
        test = f"{a}{dmop} IN ({', '.join('?' * len(f.dmops))})"
        where.append(f"({a}{dmop} IS NULL OR {test})" if dmop_nullable else test)
        params.extend(f.dmops)
    for value, op in ((f.date_from, ">="), (f.date_to, "<=")):
        if date_col and value is not None:
            where.append(f"{a}{date_col} {op} ?")
            params.append(value)
    return where, params


def _and(where) -> str:
    return "".join("\n      AND " + w for w in where)


def _where(where) -> str:
    return "WHERE " + " AND ".join(where) if where else ""


def _by(by, allowed, what: str) -> tuple:
    dims = (by,) if isinstance(by, str) else tuple(by or ())
    if any(d not in allowed for d in dims):
        raise ValueError(f"{what}: cannot group by {dims}")
    return tuple(dict.fromkeys(dims))


def _run(con, sql: str, params=()) -> pd.DataFrame:
    cur = con.cursor()
    try:
        return cur.execute(sql, list(params)).df()
    finally:
        cur.close()


def _country_sort(df: pd.DataFrame, *others: str) -> pd.DataFrame:
    """Paraguay, Thailand, Liberia, Argentina, Bolivia, then the rest; then ``others``."""
    if df.empty or "country" not in df.columns:
        return df.reset_index(drop=True)
    order = {c: k for k, c in enumerate(COUNTRIES)}
    keys = ["_o", "country"] + [o for o in others if o in df.columns]
    return (df.assign(_o=[order.get(c, len(order)) for c in df["country"]])
            .sort_values(keys, kind="stable", na_position="last").drop(columns="_o").reset_index(drop=True))


def _rate(part, whole) -> pd.Series:
    whole = pd.to_numeric(whole, errors="coerce").astype("float64")
    return (pd.to_numeric(part, errors="coerce").astype("float64") / whole.where(whole != 0)).astype("float64")


def _board(con, f) -> pd.DataFrame:
    """Each DMOP's latest status row (as of the filter's end date): country, dmop, dmop_type, outcome, step."""
    where, params = _conditions(f)
    if f.date_to is not None:
        where, params = ["(as_of IS NULL OR as_of <= ?)"] + where, [f.date_to] + params
    return _run(con, f"""
SELECT country, dmop, dmop_type, outcome, step FROM dmop_status {_where(where)}
QUALIFY row_number() OVER (PARTITION BY country, dmop ORDER BY as_of DESC NULLS LAST, {
    "step DESC NULLS LAST" if f.date_to is not None else "source_file DESC, source_row DESC"}) = 1""", params)


def _key_informants(con, filters) -> pd.DataFrame:
    """Key informants per country: the respondents table's count, else the distinct people interviewed."""
    r_where, r_params = _conditions(filters, dmop=None)
    k_where, k_params = _conditions(filters, dmop_nullable=True)
    counted = _run(con, f"SELECT country, SUM(n)::BIGINT AS n FROM respondents {_where(r_where)} GROUP BY 1", r_params)
    asked = _run(con, f"SELECT country, COUNT(DISTINCT respondent_id)::BIGINT AS n FROM kii_answers "
                      f"{_where(k_where)} GROUP BY 1", k_params)
    both = counted.merge(asked, on="country", how="outer", suffixes=("", "_asked"))
    return pd.DataFrame({"country": both["country"],
                         "key_informants": both["n"].fillna(both["n_asked"]).astype("float64")})


def _targets(con, f) -> pd.DataFrame:
    """Targets per country, indicator and period (indicator names read through the catalogue): those of the
    DMOPs picked, else a country-wide target, else the sum of the DMOP targets."""
    where, params = _conditions(f, alias="t", dmop=None)
    if f.dmops:
        where.append(f"t.dmop IN ({', '.join('?' * len(f.dmops))})")
        params += list(f.dmops)
    pick = "SUM(target)" if f.dmops else "COALESCE(SUM(target) FILTER (WHERE dmop IS NULL), SUM(target))"
    return _run(con, f"""
SELECT country, indicator, period, year, {pick} AS target FROM (
    SELECT t.country, COALESCE(c.indicator, t.indicator) AS indicator, t.period, t.year, t.dmop, t.target
    FROM targets t LEFT JOIN (SELECT DISTINCT indicator, name FROM indicators) c
         ON lower(trim(t.indicator)) IN (lower(c.indicator), lower(c.name))
    {_where(where)})
GROUP BY country, indicator, period, year""", params)


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


def reach(con, filters=None, by: Sequence[str] | str = ("country",)) -> pd.DataFrame:
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


def people_trained(con, filters=None) -> int:
    """Straight from attendance rows: ``atlas_data.queries.people_trained``."""
    df = reach(con, filters, by=())
    return int(df["people"].sum()) if not df.empty else 0


def activity_list(con, filters=None) -> pd.DataFrame:
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


def overview(con, filters=None,
             threshold: float = THRESHOLD,
             excused_counts_as_missed: bool = False) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries.overview``."""
    board = _board(con, filters or NO_FILTERS)
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

    kii = _key_informants(con, filters)
    newest = _newest_dates(con, filters)

    frames = [f.astype({"country": "object"}) for f in (dm, people, held, comp, kii, newest)]
    countries = pd.concat([f[["country"]] for f in frames], ignore_index=True).drop_duplicates()
    out = countries
    for f in frames:
        out = out.merge(f, on="country", how="left")
    for col in ("dmops", "dmops_piloted", "people_trained", "events_held", "started", "completed",
                "key_informants"):
        out[col] = out[col].fillna(0).astype("int64")
    out["completion_rate"] = _rate(out["completed"], out["started"])
    cols = ["country", "dmops", "dmops_piloted", "people_trained", "events_held", "started", "completed",
            "completion_rate", "key_informants", "newest_data_date"]
    return _country_sort(out[cols])


def _newest_dates(con, filters) -> pd.DataFrame:
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


def _participant_cte(filters, threshold: float,
                     excused_counts_as_missed: bool = False) -> tuple[str, list]:
    """Straight from attendance rows: ``atlas_data.queries._participant_cte``. A session a person was
    excused from (a row says excused, none says attended) is not required of them, unless
    ``excused_counts_as_missed``."""
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise ValueError(f"completion threshold must be a share between 0 and 1, got {threshold!r}")
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


def dropout_summary(con, filters=None,
                    threshold: float = THRESHOLD,
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
    df["completion_rate"] = _rate(df["completed"], df["started"])
    df["dropout_rate"] = _rate(df["dropped_out"], df["started"])
    return _country_sort(df, "dmop", "activity", *dims)


def dropout_funnel(con, filters=None,
                   threshold: float = THRESHOLD,
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


def indicators_vs_targets(con, filters=None) -> pd.DataFrame:
    """Straight from attendance rows: ``atlas_data.queries.indicators.indicators_vs_targets``. Targets meet the
    actuals of their basis (``FY2021``: fiscal, ``2021``: calendar) in one SQL join; fiscal actuals without a
    target are left out; nothing counted is 0 (KI-3: only where the country's status rows carry dates)."""
    f = filters or NO_FILTERS
    where, params = _conditions(f)
    dated = [c for (c,) in con.execute(f"SELECT DISTINCT country FROM dmop_status WHERE as_of IS NOT NULL{_and(where)}",
                                       params).fetchall()]
    catalogue = _run(con, "SELECT indicator, MAX(name) AS name FROM indicators GROUP BY indicator")
    names = {**{k[0]: k[1] for k in KEY_INDICATORS},
             **{i: n for i, n in zip(catalogue["indicator"], catalogue["name"]) if isinstance(n, str)}}
    frames = duckdb.connect()
    try:
        actual = pd.concat([_ki1(con, f), _ki2(con, f), _ki3(con, f)], ignore_index=True)
        target = _targets(con, f)
        years = pd.to_numeric(actual["year"].astype("object").where(actual["year"].notna()), errors="coerce")
        frames.register("actual", actual.assign(year=years.astype("float64")))
        frames.register("target", target.astype({"year": "float64", "target": "float64"}))
        frames.register("dated", pd.DataFrame({"country": pd.Series(dated, dtype="object")}))
        out = frames.execute("""
WITH t AS (
    SELECT *, CASE WHEN upper(period) LIKE 'FY%' THEN 'fiscal' ELSE 'calendar' END AS basis FROM target
),
m AS (
    SELECT COALESCE(t.country, a.country) AS country, COALESCE(t.indicator, a.indicator) AS indicator,
           COALESCE(t.basis, a.basis) AS basis, COALESCE(t.year, a.year) AS year, t.period, t.target, a.actual
    FROM t FULL OUTER JOIN actual a ON t.country = a.country AND t.indicator = a.indicator AND t.basis = a.basis
         AND t.year IS NOT DISTINCT FROM a.year
)
SELECT country, indicator,
       COALESCE(period, CASE WHEN year IS NULL THEN 'total' ELSE CAST(CAST(year AS BIGINT) AS VARCHAR) END) AS period,
       year, target,
       CASE WHEN actual IS NULL AND (indicator IN ('KI-1', 'KI-2')
                                     OR (indicator = 'KI-3' AND country IN (SELECT country FROM dated)))
            THEN 0 ELSE actual END AS actual
FROM m WHERE basis <> 'fiscal' OR target IS NOT NULL""").df()
    finally:
        frames.close()
    # text columns typed as a pandas merge of the two frames would type them
    out = out.astype({c: pd.concat([target[c], actual[c]]).dtype for c in ("country", "indicator")}
                     | {"period": target["period"].dtype})
    out["name"] = out["indicator"].map(names).astype(catalogue["name"].dtype)
    out["actual"] = out["actual"].astype("float64")
    out["target"] = out["target"].astype("float64")
    out["pct_of_target"] = 100.0 * _rate(out["actual"], out["target"].where(out["target"] > 0))
    out["year"] = out["year"].astype("Int64")
    out = _country_sort(out.assign(_total=out["period"].eq("total")), "indicator", "_total", "year", "period")
    return out[["country", "indicator", "name", "period", "year", "actual", "target", "pct_of_target"]]


def _ki1(con, f) -> pd.DataFrame:
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


def _ki2(con, f) -> pd.DataFrame:
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


def _ki3(con, f) -> pd.DataFrame:
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
    board = _board(con, f)
    coord = (board["dmop_type"] == "coordination") | (board["dmop_type"].isna() & (board["outcome"] == 3))
    piloted = coord & (board["step"].fillna(0) >= 5)
    now = (board.assign(p=piloted).groupby("country", as_index=False)["p"].sum()
           .rename(columns={"p": "actual"}))
    now = now.assign(indicator="KI-3", basis="total", year=pd.NA, actual=now["actual"].astype("float64"))
    return pd.concat([df, now[["country", "indicator", "basis", "year", "actual"]]], ignore_index=True)


def last_update(con, filters=None) -> pd.DataFrame:
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


def sources(con, table: str | Sequence[str], filters=None) -> pd.DataFrame:
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


def filter_options(con, filters=None) -> pd.DataFrame:
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
