"""Training reach: unique people trained (KI-2), per any breakdown, and the training events held.
Pages: Overview, Training reach, Indicators."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from atlas_data import rules
from atlas_data.queries import sql
from atlas_data.queries.sql import Filters


# Rosters are read from the aggregates of views.build_aggregates, never from raw attendance rows:
# person_activity (one row per person, activity and role, with the dates attended),
# person_activity_detail (people who attended, per institution/modality/region/gender their rows give),
# activity_sessions (one row per session of an activity), activity_totals and attendance_sources.
# A date filter stays exact: a person counts when a date they attended lies in the range.

# An activity "has a roster" when attendance holds any row for it (names compared ignoring case and
# surrounding spaces); such an activity's head counts in `events` are never added to the roster count.
_ROSTER_ACTIVITIES = """
    SELECT DISTINCT country, lower(trim(dmop)) AS dmop_k, lower(trim(activity)) AS activity_k
    FROM activity_totals"""
_NO_ROSTER = """NOT EXISTS (
        SELECT 1 FROM roster_activities r
        WHERE r.country = e.country AND r.dmop_k = lower(trim(e.dmop))
          AND r.activity_k = lower(trim(e.activity)))"""


def head_count_ctes(filters: Filters | None, by_institution: bool = False) -> tuple[str, list]:
    """CTEs (text to follow ``WITH``) and parameters: ``roster_activities``; ``head_events``, the event
    rows of activities with no roster in the filter; ``chosen``, the rows that count each event once:
    its total row (``is_breakdown = false``), or, ``by_institution``, its per-institution rows when it
    has them."""
    ev_where, ev_params = sql.conditions(filters, alias="e", date_col="start_date")
    use_rows = ("CASE WHEN has_breakdown THEN is_breakdown ELSE TRUE END" if by_institution
                else "CASE WHEN has_total THEN NOT is_breakdown ELSE TRUE END")
    return f"""roster_activities AS ({_ROSTER_ACTIVITIES}
),
head_events AS (
    SELECT e.country, e.dmop, e.activity, e.start_date, e.end_date, e.institution, e.modality, e.region,
           e.participants, e.female, e.male, COALESCE(e.is_breakdown, FALSE) AS is_breakdown
    FROM events e
    WHERE {_NO_ROSTER}{sql.and_(ev_where)}
),
chosen AS (
    SELECT * EXCLUDE (has_total, has_breakdown) FROM (
        SELECT *, bool_or(NOT is_breakdown) OVER event AS has_total, bool_or(is_breakdown) OVER event AS has_breakdown
        FROM head_events
        WINDOW event AS (PARTITION BY country, dmop, activity, start_date))
    WHERE {use_rows}{_NOT_GIVEN_ROWS if by_institution else ""}
)""", ev_params


# By institution, an event with a total row and per-institution rows adds one row of no institution
# ("not given") holding the total minus its institution rows (negative where the rows add up to more than
# the total), so the institution bars add up to the people counted (KI-2), which use the total row.
_NOT_GIVEN_ROWS = """
    UNION ALL
    SELECT country, dmop, activity, start_date, MAX(end_date), NULL, MAX(modality) FILTER (WHERE NOT is_breakdown),
           MAX(region) FILTER (WHERE NOT is_breakdown),
           SUM(participants) FILTER (WHERE NOT is_breakdown) - COALESCE(SUM(participants) FILTER (WHERE is_breakdown), 0),
           SUM(female) FILTER (WHERE NOT is_breakdown) - SUM(female) FILTER (WHERE is_breakdown),
           SUM(male) FILTER (WHERE NOT is_breakdown) - SUM(male) FILTER (WHERE is_breakdown),
           TRUE
    FROM head_events
    GROUP BY country, dmop, activity, start_date
    HAVING bool_or(NOT is_breakdown) AND bool_or(is_breakdown)
       AND SUM(participants) FILTER (WHERE NOT is_breakdown)
           <> COALESCE(SUM(participants) FILTER (WHERE is_breakdown), 0)"""



# by= dimension -> (expression on roster people, expression on the chosen event rows); `m` is the month
# of a date a person attended (time dimensions unnest the months attended in the filter; a fiscal year,
# October to September, is made of whole months)
_REACH_DIMS = {
    "country": ("country", "country"),
    "dmop": ("dmop", "dmop"),
    "activity": ("activity", "activity"),
    "institution": ("institution", "institution"),
    "gender": ("gender", "gender"),
    "modality": ("modality", "modality"),
    "region": ("region", "region"),
    "month": ("m", "date_trunc('month', start_date)::DATE"),
    "year": ("year(m)", "year(start_date)"),
    "fiscal_year": (rules.fiscal_year_sql("m"), rules.fiscal_year_sql("start_date")),
}
_TIME_DIMS = {"month", "year", "fiscal_year"}
_ROW_DIMS = {"institution", "modality", "region"}   # values of a row, not of a person and activity


def _gender_in(filters: Filters | None) -> tuple[str, list]:
    """A person_activity row's gender over the sessions attended in the filter's range (NULL: Unknown)."""
    test, params = sql.date_test(filters, "x.d")
    if not test:
        return "attended_gender", []
    return (f"CASE WHEN attended_genders IS NULL THEN attended_gender ELSE "
            f"list_max(list_transform(list_filter(attended_genders, lambda x: {test}), lambda x: x.g)) END"), params


def roster_people(filters: Filters | None, dims: Sequence[str]) -> tuple[str, str, list]:
    """Distinct people who attended as participants, per ``dims``: CTEs (text to follow ``WITH``),
    the SELECT of the counts (``dims``, source, people) and the CTEs' parameters."""
    where, where_params = sql.conditions(filters)
    hit, hit_params = sql.attended_in(filters)
    detail = bool(_ROW_DIMS & set(dims))
    timed = any(d in _TIME_DIMS for d in dims)
    with_gender = "gender" in dims
    ctes, params = [], []

    def people_rows(table: str, extra: list[tuple[str, list]], role: bool, dates: bool) -> str:
        cols, select_params = [], []
        for expr, p in extra:
            cols.append(expr)
            select_params += p
        if dates:
            months, p = sql.attended_months(filters)
            cols.append(f"{months} AS ms")
            select_params += p
        params.extend(select_params + hit_params + where_params)
        conditions = (["role = 'participant'"] if role else []) + [hit, *where]
        return (f"SELECT country, dmop, activity, pid{''.join(', ' + c for c in cols)}\n"
                f"    FROM {table}\n    WHERE {' AND '.join(conditions)}")

    if with_gender or not detail:
        extra = []
        if with_gender:
            g, p = _gender_in(filters)
            extra.append((f"{g} AS g", p))
        ctes.append(f"pa AS (\n    {people_rows('person_activity', extra, role=True, dates=timed and not detail)}\n)")
    if detail:
        ctes.append(f"pd AS (\n    {people_rows('person_activity_detail', [('inst_id, modality, region', [])], role=False, dates=timed)}\n)")
    if with_gender:
        # one gender per person (the one their sessions in the filter give), so a person never appears
        # under two genders
        ctes.append("pg AS (\n    SELECT pid, COALESCE(max(g), 'Unknown') AS gender FROM pa GROUP BY pid\n)")
    rows = "pd" if detail else "pa"
    if timed:
        rows = f"(SELECT *, unnest(ms) AS m FROM {rows})"
    keys = [("inst_id" if d == "institution" else f"{_REACH_DIMS[d][0]} AS {d}") for d in dims if d != "gender"]
    ctes.append(f"cells AS (\n    SELECT DISTINCT {', '.join([*keys, 'pid'])} FROM {rows}\n)")
    counted_keys = [("inst_id" if d == "institution" else d) for d in dims]
    group = f" GROUP BY {', '.join(counted_keys)}" if counted_keys else ""
    ctes.append(f"counted AS (\n    SELECT {', '.join([*counted_keys, 'count(*) AS people'])}\n"
                f"    FROM cells{' JOIN pg USING (pid)' if with_gender else ''}{group}\n)")
    select = ", ".join([*dims, "'roster' AS source", "people::BIGINT AS people"])
    join = " JOIN institution_codes USING (inst_id)" if "institution" in dims else ""
    return ",\n".join(ctes), f"SELECT {select}\nFROM counted{join}", params


def trained_sql(filters: Filters | None, columns: str = "country, pid") -> tuple[str, list]:
    """SELECT of the people a roster trained: participants who attended a session in the filter's range
    (``columns`` of ``person_activity``, and ``ms``: the months attended), with its parameters. KI-2's roster part."""
    where, where_params = sql.conditions(filters)
    hit, hit_params = sql.attended_in(filters)
    months, months_params = sql.attended_months(filters)
    return (f"SELECT {columns}, {months} AS ms FROM person_activity "
            f"WHERE role = 'participant' AND {hit}{sql.and_(where)}"), months_params + hit_params + where_params


def reach(con, filters: Filters | None = None, by: Sequence[str] | str = ("country",)) -> pd.DataFrame:
    """Unique people trained, grouped ``by`` any of country, dmop, activity, institution, gender,
    modality, region, month, year, fiscal_year. Pages: Overview, Training reach, Indicators.

    Tidy frame: the ``by`` columns, ``source`` (``roster`` | ``head count``) and ``people``.

    - ``roster``: distinct ``participant_key`` among participants (role participant) who attended,
      per group. A person in two sessions counts once; a person in two activities counts once
      per activity when grouped by activity, once in the total. Each cell is "distinct people
      in that cell", so cells of a dimension can add up to more than the total (a person whose
      rows give two institutions counts under both).
      A person has one gender: the one a file gives (Unknown only when no file knows it).
      With a date filter, the sessions attended in the range count.
    - ``head count``: ``events.participants`` of activities with no roster at all (see
      ``_ROSTER_ACTIVITIES``). Per event (country, DMOP, activity, start date) the total row is used
      (``is_breakdown = false``); per-institution breakdown rows are used instead when grouping
      by institution, or when the event has no total row. By institution, what an event's total
      holds beyond its institution rows is institution ``None`` ("not given"), so the groups add up
      to the total (Thailand: 42 under institutions, 142 not given = 184). By gender,
      ``female``/``male`` and the rest as ``Unknown``.

    The grand total (KI-2) is ``people_trained(con, filters)`` (``by=()``).
    """
    dims = sql.grouping(by, _REACH_DIMS, "reach")
    roster_cte, roster_select, roster_params = roster_people(filters, dims)
    head_ctes, ev_params = head_count_ctes(filters, by_institution="institution" in dims)

    event_dims = [f"{_REACH_DIMS[d][1]} AS {d}" for d in dims]
    group = f"GROUP BY {', '.join(dims)}" if dims else ""

    if "gender" in dims:
        event_rows = """(
        SELECT * EXCLUDE (participants), 'Female' AS gender, COALESCE(female, 0) AS participants FROM chosen
        UNION ALL
        SELECT * EXCLUDE (participants), 'Male' AS gender, COALESCE(male, 0) AS participants FROM chosen
        UNION ALL
        SELECT * EXCLUDE (participants), 'Unknown' AS gender,
               CASE WHEN is_breakdown AND institution IS NULL   -- a "not given" row by institution: may be < 0
                    THEN COALESCE(participants, 0) - COALESCE(female, 0) - COALESCE(male, 0)
                    ELSE GREATEST(COALESCE(participants, 0) - COALESCE(female, 0) - COALESCE(male, 0), 0) END
               AS participants
        FROM chosen)"""
    else:
        event_rows = "chosen"

    query = f"""
WITH {roster_cte},
{head_ctes}
{roster_select}
UNION ALL
SELECT {', '.join([*event_dims, "'head count' AS source", "SUM(participants)::BIGINT AS people"])}
FROM {event_rows}
{group}
"""
    df = sql.run(con, query, roster_params + ev_params)
    df = df[df["people"].fillna(0) > 0] if not df.empty else df
    df = df.astype({"people": "int64"}).assign(__s=lambda d: d["source"].eq("head count"))
    sort = [d for d in dims if d != "country"] + ["__s"]
    return sql.country_sort(df, *sort)[[*dims, "source", "people"]]


def people_trained(con, filters: Filters | None = None) -> int:
    """KI-2 "individuals provided with training": unique people on rosters plus head counts of
    activities without a roster, each person once. Pages: Overview, Training reach, Indicators."""
    df = reach(con, filters, by=())
    return int(df["people"].sum()) if not df.empty else 0


def activity_list(con, filters: Filters | None = None) -> pd.DataFrame:
    """One row per training event held: a roster activity (all its sessions) or a head-count event
    of an activity with no roster. Pages: Overview (events held), Training reach (table).

    Columns: country, dmop, activity, start_date, end_date, sessions, participants (unique on a
    roster; head count otherwise), source (``roster`` | ``head count``). With a date filter, a
    roster activity's sessions in the range and the participants who attended one of them.
    """
    s_where, s_params = sql.conditions(filters, date_col="session_date")
    p_where, p_params = sql.conditions(filters)
    hit, hit_params = sql.attended_in(filters)
    head_ctes, ev_params = head_count_ctes(filters)
    query = f"""
WITH {head_ctes},
held AS (
    SELECT country, dmop, activity, MIN(session_date) AS start_date, MAX(session_date) AS end_date,
           COUNT(*)::BIGINT AS sessions
    FROM activity_sessions
    {sql.where(s_where)}
    GROUP BY country, dmop, activity
),
came AS (
    SELECT country, dmop, activity, COUNT(DISTINCT pid)::BIGINT AS participants
    FROM person_activity
    WHERE role = 'participant' AND {hit}{sql.and_(p_where)}
    GROUP BY country, dmop, activity
)
SELECT h.country, h.dmop, h.activity, h.start_date, h.end_date, h.sessions,
       COALESCE(c.participants, 0)::BIGINT AS participants, 'roster' AS source
FROM held h
LEFT JOIN came c ON c.country IS NOT DISTINCT FROM h.country AND c.dmop IS NOT DISTINCT FROM h.dmop
     AND c.activity IS NOT DISTINCT FROM h.activity
UNION ALL
SELECT country, dmop, activity, start_date, MAX(COALESCE(end_date, start_date)) AS end_date,
       1::BIGINT AS sessions,
       COALESCE(SUM(participants) FILTER (WHERE NOT is_breakdown), SUM(participants))::BIGINT AS participants,
       'head count' AS source
FROM head_events
GROUP BY country, dmop, activity, start_date
"""
    df = sql.run(con, query, ev_params + s_params + hit_params + p_params)
    return sql.country_sort(df, "start_date", "dmop", "activity")
