"""What each dashboard page asks of the data: one function per need, ``f(con, filters, ...) -> DataFrame``.

``con`` is the DuckDB connection of ``atlas_data.connect(parquet_dir)`` (one view per table of
DATA_CONTRACT.md). Every function runs its SQL on its own cursor and reads the result whole, so
nothing is left open on the connection (a DuckDB 2.0 trap, see STACK.md).

Rules every query here keeps:

- SQL is plain text with ``?`` parameters. What a user picks (countries, DMOPs, dates, a question)
  only ever travels as a parameter; an ``IN (?, ?, ?)`` list is built from the *number* of values.
  Column names that vary (``by=``) come from fixed dictionaries in this file, never from the caller.
- Counting happens in SQL; pages get small frames (one row per country, activity, question …).
- A person is counted once: rosters count distinct ``participant_key``; head counts from
  ``events`` are added only for activities that have no roster at all.
- Filters: ``countries`` and ``dmops`` narrow every table that has those columns (KII rows and
  targets without a DMOP stay in when DMOPs are picked: they are not about one DMOP); dates narrow
  ``session_date`` (attendance), ``start_date`` (events), ``test_date`` (tests) and ``as_of``
  (DMOP status). When a date filter is set, rows without a date are left out.
"""
from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import pandas as pd

from atlas_data import metrics
from atlas_data.contract import ANSWER_ORDER, COUNTRIES, KEY_INDICATORS, STEPS

__all__ = [
    "Filters", "people_trained", "reach", "activity_list", "overview", "dmops_by_step", "dmop_board",
    "dmop_history", "dmop_milestones", "dmop_delays", "dropout_summary", "dropout_funnel", "learning", "item_difficulty",
    "kii_distribution", "kii_notes", "kii_crosstab", "kii_questions", "kii_profile", "kii_pivot", "kii_sort",
    "KII_PROFILE_QUESTIONS", "respondents_summary",
    "indicators_vs_targets", "iptt", "ingest_summary", "ingest_sheets", "rejected_rows", "rejected_reasons",
    "last_update", "sources", "data_as_of", "filter_options", "data_completeness", "data_consistency",
    "data_timeliness", "data_outliers",
]


# =========================================================================== filters

@dataclass(frozen=True)
class Filters:
    """What the sidebar selected. Empty tuples and ``None`` mean "no restriction".

    Frozen and hashable, so a page can key its cache on it. Lists are turned into tuples and ISO
    date strings into dates; anything else raises ``TypeError``/``ValueError`` at once.
    """

    countries: tuple[str, ...] = ()
    dmops: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    def __post_init__(self) -> None:
        for name in ("countries", "dmops"):
            value = getattr(self, name)
            if value is None:
                value = ()
            elif isinstance(value, str):
                value = (value,)
            value = tuple(value)
            if not all(isinstance(v, str) for v in value):
                raise TypeError(f"Filters.{name} must hold text values, got {value!r}")
            object.__setattr__(self, name, value)
        for name in ("date_from", "date_to"):
            object.__setattr__(self, name, metrics.as_date(getattr(self, name), f"Filters.{name}"))


NO_FILTERS = Filters()


def _placeholders(values: Sequence) -> str:
    """``?, ?, ?`` for as many values as given (never the values themselves)."""
    return ", ".join("?" for _ in values)


def _conditions(filters: Filters | None, *, alias: str = "", country: str | None = "country",
                dmop: str | None = "dmop", date_col: str | None = None, dmop_nullable: bool = False,
                use_dates: bool = True) -> tuple[list[str], list]:
    """WHERE fragments and their parameters for ``filters`` on one table (column names are ours)."""
    f = filters or NO_FILTERS
    a = f"{alias}." if alias else ""
    where: list[str] = []
    params: list = []
    if country and f.countries:
        where.append(f"{a}{country} IN ({_placeholders(f.countries)})")
        params += list(f.countries)
    if dmop and f.dmops:
        clause = f"{a}{dmop} IN ({_placeholders(f.dmops)})"
        where.append(f"({a}{dmop} IS NULL OR {clause})" if dmop_nullable else clause)
        params += list(f.dmops)
    if date_col and use_dates:
        if f.date_from is not None:
            where.append(f"{a}{date_col} >= ?")
            params.append(f.date_from)
        if f.date_to is not None:
            where.append(f"{a}{date_col} <= ?")
            params.append(f.date_to)
    return where, params


def _and(where: Sequence[str]) -> str:
    """``AND a AND b`` to append to a WHERE that already has a condition ("" when none)."""
    return "".join(f"\n      AND {w}" for w in where)


def _where(where: Sequence[str]) -> str:
    return ("WHERE " + "\n      AND ".join(where)) if where else ""


def _in_list(column: str, values) -> tuple[str, list]:
    """``column IN (?, …)`` for a str or a sequence of str; ("", []) for None/empty."""
    if values is None:
        return "", []
    if isinstance(values, str):
        values = (values,)
    values = [v for v in values if v is not None]
    if not values:
        return "", []
    if not all(isinstance(v, str) for v in values):
        raise TypeError(f"values for {column} must be text, got {values!r}")
    return f"{column} IN ({_placeholders(values)})", list(values)


def _run(con, sql: str, params: Sequence = ()) -> pd.DataFrame:
    """Run one query on its own cursor and read the whole result."""
    cur = con.cursor()
    try:
        return cur.execute(sql, list(params)).df()
    finally:
        cur.close()


def _by(by, allowed: dict[str, object], what: str) -> tuple[str, ...]:
    if by is None:
        return ()
    if isinstance(by, str):
        by = (by,)
    by = tuple(by)
    unknown = [b for b in by if b not in allowed]
    if unknown:
        raise ValueError(f"{what}: cannot group by {unknown}; choose from {sorted(allowed)}")
    return tuple(dict.fromkeys(by))


def _country_sort(df: pd.DataFrame, *others: str) -> pd.DataFrame:
    """Rows in the fixed country order (Paraguay, Thailand, Liberia, Argentina, Bolivia, then others)."""
    if df.empty or "country" not in df.columns:
        return df.reset_index(drop=True)
    rank = {c: i for i, c in enumerate(COUNTRIES)}
    key = df["country"].map(lambda c: rank.get(c, len(rank)))
    cols = ["__rank", "country", *[o for o in others if o in df.columns]]
    return (df.assign(__rank=key).sort_values(cols, kind="stable", na_position="last")
            .drop(columns="__rank").reset_index(drop=True))


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


def _head_count_ctes(filters: Filters | None, by_institution: bool = False) -> tuple[str, list]:
    """CTEs (text to follow ``WITH``) and parameters: ``roster_activities``; ``head_events``, the event
    rows of activities with no roster in the filter; ``chosen``, the rows that count each event once:
    its total row (``is_breakdown = false``), or, ``by_institution``, its per-institution rows when it
    has them."""
    ev_where, ev_params = _conditions(filters, alias="e", date_col="start_date")
    use_rows = ("CASE WHEN has_breakdown THEN is_breakdown ELSE TRUE END" if by_institution
                else "CASE WHEN has_total THEN NOT is_breakdown ELSE TRUE END")
    return f"""roster_activities AS ({_ROSTER_ACTIVITIES}
),
head_events AS (
    SELECT e.country, e.dmop, e.activity, e.start_date, e.end_date, e.institution, e.modality, e.region,
           e.participants, e.female, e.male, COALESCE(e.is_breakdown, FALSE) AS is_breakdown
    FROM events e
    WHERE {_NO_ROSTER}{_and(ev_where)}
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


def _date_test(filters: Filters | None, var: str = "d") -> tuple[str, list]:
    """``d BETWEEN ? AND ?`` (or one side) for the filter's dates; ("", []) without a date filter."""
    f = filters or NO_FILTERS
    if f.date_from is not None and f.date_to is not None:
        return f"{var} BETWEEN ? AND ?", [f.date_from, f.date_to]
    if f.date_from is not None:
        return f"{var} >= ?", [f.date_from]
    if f.date_to is not None:
        return f"{var} <= ?", [f.date_to]
    return "", []


def _attended_in(filters: Filters | None, alias: str = "") -> tuple[str, list]:
    """The aggregate row's person attended a session in the filter's date range (any session,
    dated or not, without a date filter)."""
    a = f"{alias}." if alias else ""
    test, params = _date_test(filters)
    if not test:
        return f"(len({a}attended_dates) > 0 OR {a}attended_undated)", []
    return f"len(list_filter({a}attended_dates, lambda d: {test})) > 0", params


def _attended_months(filters: Filters | None, alias: str = "") -> tuple[str, list]:
    """The months (first days) of the dates attended within the filter's range, as a list (with NULL
    for an undated session when there is no date filter, as raw rows would group it)."""
    a = f"{alias}." if alias else ""
    test, params = _date_test(filters)
    if not test:
        return (f"CASE WHEN {a}attended_undated THEN list_append({a}attended_months, NULL::DATE) "
                f"ELSE {a}attended_months END"), []
    return (f"list_distinct(list_transform(list_filter({a}attended_dates, lambda d: {test}), "
            f"lambda d: date_trunc('month', d)::DATE))"), params


# =========================================================================== training reach

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
    "fiscal_year": ("year(m + INTERVAL 3 MONTH)", "year(start_date + INTERVAL 3 MONTH)"),
}
_TIME_DIMS = {"month", "year", "fiscal_year"}
_ROW_DIMS = {"institution", "modality", "region"}   # values of a row, not of a person and activity


def _gender_in(filters: Filters | None) -> tuple[str, list]:
    """A person_activity row's gender over the sessions attended in the filter's range (NULL: Unknown)."""
    test, params = _date_test(filters, "x.d")
    if not test:
        return "attended_gender", []
    return (f"CASE WHEN attended_genders IS NULL THEN attended_gender ELSE "
            f"list_max(list_transform(list_filter(attended_genders, lambda x: {test}), lambda x: x.g)) END"), params


def _roster_people(filters: Filters | None, dims: Sequence[str]) -> tuple[str, str, list]:
    """Distinct people who attended as participants, per ``dims``: CTEs (text to follow ``WITH``),
    the SELECT of the counts (``dims``, source, people) and the CTEs' parameters."""
    where, where_params = _conditions(filters)
    hit, hit_params = _attended_in(filters)
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
            months, p = _attended_months(filters)
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
    dims = _by(by, _REACH_DIMS, "reach")
    roster_cte, roster_select, roster_params = _roster_people(filters, dims)
    head_ctes, ev_params = _head_count_ctes(filters, by_institution="institution" in dims)

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

    sql = f"""
WITH {roster_cte},
{head_ctes}
{roster_select}
UNION ALL
SELECT {', '.join([*event_dims, "'head count' AS source", "SUM(participants)::BIGINT AS people"])}
FROM {event_rows}
{group}
"""
    df = _run(con, sql, roster_params + ev_params)
    df = df[df["people"].fillna(0) > 0] if not df.empty else df
    df = df.astype({"people": "int64"}).assign(__s=lambda d: d["source"].eq("head count"))
    sort = [d for d in dims if d != "country"] + ["__s"]
    return _country_sort(df, *sort)[[*dims, "source", "people"]]


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
    s_where, s_params = _conditions(filters, date_col="session_date")
    p_where, p_params = _conditions(filters)
    hit, hit_params = _attended_in(filters)
    head_ctes, ev_params = _head_count_ctes(filters)
    sql = f"""
WITH {head_ctes},
held AS (
    SELECT country, dmop, activity, MIN(session_date) AS start_date, MAX(session_date) AS end_date,
           COUNT(*)::BIGINT AS sessions
    FROM activity_sessions
    {_where(s_where)}
    GROUP BY country, dmop, activity
),
came AS (
    SELECT country, dmop, activity, COUNT(DISTINCT pid)::BIGINT AS participants
    FROM person_activity
    WHERE role = 'participant' AND {hit}{_and(p_where)}
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
    df = _run(con, sql, ev_params + s_params + hit_params + p_params)
    return _country_sort(df, "start_date", "dmop", "activity")


# =========================================================================== overview

def overview(con, filters: Filters | None = None,
             threshold: float = metrics.DEFAULT_COMPLETION_THRESHOLD,
             excused_counts_as_missed: bool = False) -> pd.DataFrame:
    """One card per country. Page: Overview.

    Columns: country, dmops (current), dmops_piloted (current step ≥ 5), people_trained (as
    ``reach``), events_held (as ``activity_list``), started, completed, completion_rate (as
    ``dropout_summary`` at ``threshold``), key_informants (``respondents.n``, else distinct
    ``kii_answers.respondent_id``; not narrowed by DMOP), newest_data_date (latest session,
    event, test or status date).
    The DMOPs per step are ``dmops_by_step``.
    """
    f = filters or NO_FILTERS
    current, cur_params = _current_status_sql(f)
    roster_ctes, roster_select, roster_params = _roster_people(f, ("country",))
    head_ctes, ev_params = _head_count_ctes(f)
    s_where, s_params = _conditions(f, date_col="session_date")
    status_ctes, status_params = _participant_cte(f, threshold, excused_counts_as_missed)
    kii, kii_params = _key_informants_sql(f)
    newest, newest_params = _newest_dates_sql(f)
    # one query: each part as the page query it stands for (dmop_board, reach, activity_list,
    # dropout_summary), counted per country
    sql = f"""
WITH cur AS ({current}
),
{roster_ctes},
{head_ctes},
{status_ctes},
people AS (
    SELECT country, SUM(people)::BIGINT AS n FROM (
        SELECT country, people FROM ({roster_select}) WHERE people > 0
        UNION ALL
        SELECT country, SUM(participants) AS people FROM chosen GROUP BY country HAVING SUM(participants) > 0)
    WHERE country IS NOT NULL GROUP BY country
),
held AS (
    SELECT country, SUM(n)::BIGINT AS n FROM (
        SELECT country, COUNT(*) AS n
        FROM (SELECT DISTINCT country, dmop, activity FROM activity_sessions {_where(s_where)}) GROUP BY country
        UNION ALL
        SELECT country, COUNT(*) FROM (SELECT DISTINCT country, dmop, activity, start_date FROM head_events) GROUP BY country)
    WHERE country IS NOT NULL GROUP BY country
)
SELECT 'dmops' AS part, country, COUNT(DISTINCT dmop)::BIGINT AS a,
       COUNT(*) FILTER (WHERE COALESCE(step, 0) >= 5)::BIGINT AS b, NULL::DATE AS d
FROM cur WHERE country IS NOT NULL GROUP BY country
UNION ALL
SELECT 'people', country, n, NULL, NULL FROM people
UNION ALL
SELECT 'held', country, n, NULL, NULL FROM held
UNION ALL
SELECT 'completion', country, COUNT(*) FILTER (WHERE status <> 'no_show'), COUNT(*) FILTER (WHERE status = 'completed'), NULL
FROM status WHERE country IS NOT NULL GROUP BY country
UNION ALL
SELECT 'kii', country, key_informants, NULL, NULL FROM ({kii})
UNION ALL
SELECT 'newest', country, NULL, NULL, newest_data_date FROM ({newest})
"""
    params = (cur_params + roster_params + ev_params + status_params + s_params + kii_params + newest_params)
    df = _run(con, sql, params)

    def part(name: str, **columns: str) -> pd.DataFrame:
        rows = df[df["part"] == name]
        return pd.DataFrame({"country": rows["country"].astype("object"),
                             **{new: rows[old] for new, old in columns.items()}})

    frames = [part("dmops", dmops="a", dmops_piloted="b"), part("people", people_trained="a"),
              part("held", events_held="a"), part("completion", started="a", completed="b"),
              part("kii", key_informants="a"), part("newest", newest_data_date="d")]
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


def _key_informants_sql(filters: Filters | None) -> tuple[str, list]:
    """SELECT of key informants per country: respondents.n, else distinct interviewed respondent ids."""
    r_where, r_params = _conditions(filters, dmop=None)
    k_where, k_params = _conditions(filters, dmop="dmop", dmop_nullable=True)
    sql = f"""
SELECT COALESCE(c.country, k.country) AS country, COALESCE(c.n, k.n)::BIGINT AS key_informants
FROM (SELECT country, SUM(n)::BIGINT AS n FROM respondents {_where(r_where)} GROUP BY country) c
FULL OUTER JOIN (
    SELECT country, COUNT(DISTINCT respondent_id)::BIGINT AS n FROM kii_answers {_where(k_where)} GROUP BY country
) k ON c.country = k.country"""
    return sql, r_params + k_params


def _newest_dates_sql(filters: Filters | None) -> tuple[str, list]:
    """SELECT of the latest dated record per country across attendance (its sessions), events, tests
    and DMOP status."""
    parts, params = [], []
    for table, col in (("activity_sessions", "session_date"), ("events", "COALESCE(end_date, start_date)"),
                       ("tests", "test_date"), ("dmop_status", "as_of")):
        where, p = _conditions(filters, date_col=col)
        parts.append(f"SELECT country, MAX({col}) AS d FROM {table} {_where(where)} GROUP BY country")
        params += p
    sql = "SELECT country, MAX(d) AS newest_data_date FROM (\n" + "\nUNION ALL\n".join(parts) + \
        "\n) WHERE d IS NOT NULL GROUP BY country"
    return sql, params


def dmops_by_step(con, filters: Filters | None = None) -> pd.DataFrame:
    """How many DMOPs stand at each step (1–9) now, per country and type. Page: Overview.

    Columns: country, step, step_name, dmop_type, dmops. Only steps with at least one DMOP.
    """
    board = dmop_board(con, filters)
    if board.empty:
        return pd.DataFrame({"country": pd.Series(dtype="str"), "step": pd.Series(dtype="int64"),
                             "step_name": pd.Series(dtype="str"), "dmop_type": pd.Series(dtype="str"),
                             "dmops": pd.Series(dtype="int64")})
    df = (board.dropna(subset=["step"]).groupby(["country", "step", "dmop_type"], dropna=False, as_index=False)
          .agg(dmops=("dmop", "nunique")))
    df["step"] = df["step"].astype("int64")
    df["step_name"] = df["step"].map(STEPS)
    return _country_sort(df[["country", "step", "step_name", "dmop_type", "dmops"]], "step", "dmop_type")


# =========================================================================== DMOP board

def _current_status_sql(f: Filters) -> tuple[str, list]:
    """SELECT of each DMOP's status now, or as it stood on ``f.date_to`` (see ``dmop_board``)."""
    where, params = _conditions(f)
    select = "SELECT country, dmop, dmop_type, outcome, step, step_label, status_note, as_of, source_file"
    if f.date_to is None:
        return f"""
    {select}
    FROM dmop_current {_where(where)}""", params
    return f"""
    {select}
    FROM dmop_status
    WHERE (as_of IS NULL OR as_of <= ?){_and(where)}
    QUALIFY row_number() OVER (PARTITION BY country, dmop ORDER BY as_of DESC NULLS LAST, step DESC NULLS LAST) = 1""", \
        [f.date_to] + params


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
    current, params = _current_status_sql(f)
    sql = f"""
WITH cur AS ({current}
),
reached_by_status AS (
    SELECT s.country, s.dmop, MIN(s.as_of) AS d
    FROM dmop_status s JOIN cur c ON s.country = c.country AND s.dmop = c.dmop AND s.step = c.step
    GROUP BY s.country, s.dmop
),
reached_by_milestone AS (
    SELECT m.country, m.dmop, MAX(m.actual_date) AS d
    FROM dmop_milestones m JOIN cur c ON m.country = c.country AND m.dmop = c.dmop AND m.step = c.step
    GROUP BY m.country, m.dmop
)
SELECT c.country, c.dmop, c.dmop_type, c.outcome, c.step, c.step_label, c.status_note, c.as_of,
       COALESCE(m.d, s.d) AS step_reached, c.source_file
FROM cur c
LEFT JOIN reached_by_status s ON s.country = c.country AND s.dmop = c.dmop
LEFT JOIN reached_by_milestone m ON m.country = c.country AND m.dmop = c.dmop
"""
    df = _run(con, sql, params)
    df["step_name"] = df["step"].map(lambda s: STEPS.get(int(s)) if pd.notna(s) else None)
    df["step_upper"] = [metrics.step_upper(lbl, st) for lbl, st in zip(df["step_label"], df["step"])]
    # days counted to `today`, or to the end date of the filter when the board is shown as of then
    df["days_since_step"] = metrics.days_since(df["step_reached"], today or f.date_to)
    type_rank = df["dmop_type"].map({"enforcement": 0, "coordination": 1}).fillna(2)
    df = df.assign(__type=type_rank).sort_values(["__type", "dmop"]).drop(columns="__type")
    cols = ["country", "dmop", "dmop_type", "outcome", "step", "step_label", "step_name", "step_upper",
            "status_note", "as_of", "step_reached", "days_since_step", "source_file"]
    return _country_sort(df[cols])


def dmop_history(con, filters: Filters | None = None) -> pd.DataFrame:
    """Every status row over time, oldest first. Page: DMOP board (history of one DMOP).

    Columns: country, dmop, dmop_type, step, step_label, step_name, status_note, as_of, source_file.
    Dates narrow ``as_of``.
    """
    where, params = _conditions(filters, date_col="as_of")
    sql = f"""
SELECT country, dmop, dmop_type, step, step_label, status_note, as_of, source_file
FROM dmop_status
{_where(where)}
ORDER BY country, dmop, as_of NULLS LAST, step
"""
    df = _run(con, sql, params)
    df["step_name"] = df["step"].map(lambda s: STEPS.get(int(s)) if pd.notna(s) else None)
    cols = ["country", "dmop", "dmop_type", "step", "step_label", "step_name", "status_note", "as_of",
            "source_file"]
    return _country_sort(df[cols], "dmop")


def dmop_milestones(con, filters: Filters | None = None, today: date | None = None) -> pd.DataFrame:
    """Planned against actual date per DMOP step. Page: DMOP board (timeline).

    Columns: country, dmop, step, step_name, planned_date, actual_date, delay_days (actual −
    planned; for a step not achieved whose planned date has passed, the delay so far), status
    (on time, early, late, overdue, planned, done, no date), note, source_file.
    Dates narrow the actual date, else the planned date.
    """
    where, params = _conditions(filters, date_col="COALESCE(actual_date, planned_date)")
    sql = f"""
SELECT country, dmop, step, planned_date, actual_date, note, source_file
FROM dmop_milestones
{_where(where)}
ORDER BY country, dmop, step
"""
    df = _run(con, sql, params)
    df["step_name"] = df["step"].map(lambda s: STEPS.get(int(s)) if pd.notna(s) else None)
    df["delay_days"] = metrics.delay_days(df["planned_date"], df["actual_date"], today) if not df.empty \
        else pd.Series(dtype="float64")
    df["status"] = [metrics.milestone_status(p, a, today) for p, a in zip(df["planned_date"], df["actual_date"])]
    cols = ["country", "dmop", "step", "step_name", "planned_date", "actual_date", "delay_days", "status",
            "note", "source_file"]
    return _country_sort(df[cols], "dmop", "step")


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
    current, params = _current_status_sql(f)
    m_where, m_params = _conditions(f)
    s_where, s_params = _conditions(f, date_col="as_of")
    md_where, md_params = _conditions(f, date_col="actual_date")
    sql = f"""
WITH cur AS ({current}
),
ms AS (
    SELECT country, dmop, step, MIN(planned_date) AS planned, MIN(actual_date) AS actual
    FROM dmop_milestones {_where(m_where)}
    GROUP BY country, dmop, step
),
dated AS (
    SELECT country, MAX(as_of) AS d FROM dmop_status {_where(s_where + ['as_of IS NOT NULL'])} GROUP BY country
    UNION ALL
    SELECT country, MAX(actual_date) FROM dmop_milestones {_where(md_where + ['actual_date IS NOT NULL'])} GROUP BY country
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
reached_step AS (
    SELECT b.country, b.dmop, MAX(m.actual) AS d
    FROM board b JOIN ms m ON m.country = b.country AND m.dmop = b.dmop AND m.step = b.step
    GROUP BY b.country, b.dmop
),
reached_by_status AS (
    SELECT s.country, s.dmop, MIN(s.as_of) AS d
    FROM dmop_status s JOIN board b ON s.country = b.country AND s.dmop = b.dmop AND s.step = b.step
    GROUP BY s.country, s.dmop
)
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
LEFT JOIN reached_step rs ON rs.country = b.country AND rs.dmop = b.dmop
LEFT JOIN reached_by_status st ON st.country = b.country AND st.dmop = b.dmop
"""
    asof = f.date_to if today is None else None
    df = _run(con, sql, params + m_params + s_params + md_params + [asof, today] )
    df["step_name"] = df["step"].map(lambda s: STEPS.get(int(s)) if pd.notna(s) else None)
    for col in ("next_step", "delay_step"):
        df[col] = df[col].astype("Int64")
    for col in ("delay_days", "worst_delay_days"):
        df[col] = df[col].astype("float64")
    df["rag"] = df["delay_days"].map(metrics.delay_rag)
    df = df.assign(__d=-df["delay_days"].fillna(-1e9)).sort_values(["__d", "dmop"], kind="stable")
    cols = ["country", "dmop", "dmop_type", "step", "step_label", "step_name", "step_reached", "next_step",
            "next_planned", "delay_step", "delay_days", "worst_delay_days", "rag", "status_date", "source_file"]
    return _country_sort(df.drop(columns="__d")[cols])


# =========================================================================== dropout

_DROPOUT_DIMS = {"institution": "institution", "gender": "gender"}


def _participant_cte(filters: Filters | None, threshold: float,
                     excused_counts_as_missed: bool = False) -> tuple[str, list]:
    """CTEs shared by the dropout queries: the activities in the filter (all their sessions), the
    sessions in date order, and one row per participant and activity with status at ``threshold``
    (of the sessions required: ``metrics.sessions_required``)."""
    metrics.check_threshold(threshold)
    required = metrics.sessions_required_sql("t.sessions_total", "p.sessions_excused", excused_counts_as_missed)
    where, params = _conditions(filters, date_col="session_date")
    sql = f"""
acts AS (      -- activities with at least one session in the filter; all their sessions count
    SELECT DISTINCT country, dmop, activity FROM activity_sessions {_where(where)}
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
    SELECT p.country, p.dmop, p.activity, p.pid, p.institution, p.gender, p.sessions_attended, t.sessions_total,
           CASE WHEN p.sessions_attended = 0 THEN 'no_show'
                WHEN p.sessions_attended >= ? * {required} - 1e-9 THEN 'completed'
                ELSE 'dropped_out' END AS status
    FROM person_activity p JOIN totals t USING (country, dmop, activity)
    WHERE p.role = 'participant'
)"""
    return sql, params + [float(threshold)]


def dropout_summary(con, filters: Filters | None = None,
                    threshold: float = metrics.DEFAULT_COMPLETION_THRESHOLD,
                    by: Sequence[str] | str = (), excused_counts_as_missed: bool = False) -> pd.DataFrame:
    """Completion and dropout per activity, optionally split ``by`` institution and/or gender.
    Page: Dropout (also Overview).

    Recomputed from the attendance aggregates at ``threshold`` (share of the activity's distinct
    sessions a participant must attend), not read from ``participation``'s fixed 75%. A date filter
    picks the activities holding a session in the range; their completion counts all their sessions.

    By institution or gender, a participant is counted under the institution of their latest
    session (of rows on one day, the first in the files) and their gender as any file gives it.

    Columns: country, dmop, activity, [by…], sessions_total, enrolled (participants on the
    roster), no_show, started (attended ≥ 1 session), completed, dropped_out, completion_rate
    (completed / started), dropout_rate (dropped_out / started).
    Police ToT 2021: 20 started, 12 completed at 75%, dropout rate 0.4.
    """
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
    """The funnel of each activity: enrolled, started, attendance at each session in date order,
    completed. Page: Dropout (funnel chart).

    Long frame, one row per activity and stage: country, dmop, activity, stage_no, stage
    (``enrolled`` | ``started`` | ``session`` | ``completed``), session_no, session_date, session,
    participants. Session rows count participants present at that session.
    """
    ctes, params = _participant_cte(filters, threshold, excused_counts_as_missed)
    sql = f"""
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
    df = _run(con, sql, params)
    df["stage_no"] = df["stage_no"].astype("int64")
    return _country_sort(df, "dmop", "activity", "stage_no")


# =========================================================================== learning

def learning(con, filters: Filters | None = None) -> pd.DataFrame:
    """Test results per activity, as % of each test's maximum score. Page: Learning.

    A participant's score per test type is the mean of their attempts. Columns: country, dmop,
    activity, pre_n, pre_mean, post_n, post_mean, follow_up_n, follow_up_mean, paired (participants
    with pre and post), pre_mean_paired, post_mean_paired, mean_gain (post − pre in points, paired),
    improved, share_improved, follow_up_paired, follow_up_gain (follow-up − pre, paired),
    retention (follow-up − post, paired). Dates narrow ``test_date``.
    """
    where, params = _conditions(filters, date_col="test_date")
    sql = f"""
WITH pct AS (
    SELECT country, dmop, activity, participant_key, test_type,
           AVG(100.0 * score / NULLIF(COALESCE(max_score, 100.0), 0)) AS pct
    FROM tests
    WHERE score IS NOT NULL AND participant_key IS NOT NULL{_and(where)}
    GROUP BY ALL
),
person AS (
    SELECT country, dmop, activity, participant_key,
           MAX(pct) FILTER (WHERE test_type = 'pre') AS pre,
           MAX(pct) FILTER (WHERE test_type = 'post') AS post,
           MAX(pct) FILTER (WHERE test_type = 'follow_up') AS follow_up
    FROM pct GROUP BY ALL
)
SELECT country, dmop, activity,
       COUNT(pre)::BIGINT AS pre_n, AVG(pre) AS pre_mean,
       COUNT(post)::BIGINT AS post_n, AVG(post) AS post_mean,
       COUNT(follow_up)::BIGINT AS follow_up_n, AVG(follow_up) AS follow_up_mean,
       COUNT(*) FILTER (WHERE pre IS NOT NULL AND post IS NOT NULL)::BIGINT AS paired,
       AVG(pre) FILTER (WHERE post IS NOT NULL) AS pre_mean_paired,
       AVG(post) FILTER (WHERE pre IS NOT NULL) AS post_mean_paired,
       AVG(post - pre) AS mean_gain,
       COUNT(*) FILTER (WHERE post > pre)::BIGINT AS improved,
       COUNT(*) FILTER (WHERE pre IS NOT NULL AND follow_up IS NOT NULL)::BIGINT AS follow_up_paired,
       AVG(follow_up - pre) AS follow_up_gain,
       AVG(follow_up - post) AS retention
FROM person
GROUP BY country, dmop, activity
"""
    df = _run(con, sql, params)
    df["share_improved"] = metrics.share(df["improved"], df["paired"])
    cols = ["country", "dmop", "activity", "pre_n", "pre_mean", "post_n", "post_mean", "follow_up_n",
            "follow_up_mean", "paired", "pre_mean_paired", "post_mean_paired", "mean_gain", "improved",
            "share_improved", "follow_up_paired", "follow_up_gain", "retention"]
    return _country_sort(df[cols], "dmop", "activity")


def item_difficulty(con, filters: Filters | None = None, test_type: str | Sequence[str] | None = None,
                    activity: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Share of correct answers per test item (low share = hard item). Page: Learning.

    Columns: country, dmop, activity, test_type, item, answered, correct, share_correct; items in
    natural order (Q2 before Q10). ``test_items`` has no date: with a date filter, an item counts
    when the participant's test of that type is dated within the range.
    """
    f = filters or NO_FILTERS
    where, params = _conditions(f, alias="i")
    for col, values in (("i.test_type", test_type), ("i.activity", activity)):
        clause, p = _in_list(col, values)
        if clause:
            where.append(clause)
            params += p
    date_where, date_params = _conditions(Filters(date_from=f.date_from, date_to=f.date_to),
                                          alias="t", country=None, dmop=None, date_col="test_date")
    if date_where:
        where.append(f"""EXISTS (
        SELECT 1 FROM tests t
        WHERE t.country = i.country AND t.activity = i.activity AND t.participant_key = i.participant_key
          AND t.test_type = i.test_type{_and(date_where)})""")
        params += date_params
    sql = f"""
SELECT * FROM (
    SELECT i.country, i.dmop, i.activity, i.test_type, i.item,
           COUNT(*)::BIGINT AS answered,
           COUNT(*) FILTER (WHERE i.correct)::BIGINT AS correct
    FROM test_items i
    WHERE i.correct IS NOT NULL{_and(where)}
    GROUP BY i.country, i.dmop, i.activity, i.test_type, i.item
)
ORDER BY country, dmop, activity, test_type,
         TRY_CAST(regexp_extract(item, '(\\d+)', 1) AS INTEGER) NULLS LAST, item
"""
    df = _run(con, sql, params)
    df["share_correct"] = metrics.share(df["correct"], df["answered"])
    return _country_sort(df)


# =========================================================================== KII

#: Tallies that describe who was interviewed rather than what they answered (see docs/builtin_data.md):
#: the Evaluation findings page shows them under "Who was interviewed", not as answers.
KII_PROFILE_QUESTIONS: tuple[str, ...] = (
    "Key informants by stakeholder type", "Key informants by gender", "Workshop attendance of key informants")


def _kii_where(filters: Filters | None, criterion, stakeholder_type, question, unit=None,
               alias: str = "", profile: bool | None = None) -> tuple[list[str], list]:
    """WHERE fragments for the KII queries; ``profile`` True keeps only ``KII_PROFILE_QUESTIONS``,
    False leaves them out, None keeps every question."""
    a = f"{alias}." if alias else ""
    where, params = _conditions(filters, alias=alias, dmop_nullable=True)
    for col, values in (("criterion", criterion), ("stakeholder_type", stakeholder_type),
                        ("question", question), ("unit", unit)):
        clause, p = _in_list(a + col, values)
        if clause:
            where.append(clause)
            params += p
    if profile is not None:
        names = [q.lower() for q in KII_PROFILE_QUESTIONS]
        where.append(f"{'' if profile else 'NOT '}COALESCE(lower(trim({a}question)) IN ({_placeholders(names)}), FALSE)")
        params += names
    return where, params


def kii_distribution(con, filters: Filters | None = None, criterion=None, stakeholder_type=None,
                     question=None, unit: str | None = None, profile: bool | None = None) -> pd.DataFrame:
    """Answers per question (counts and shares), from ``kii_tally``. Page: Key informants.

    ``criterion``, ``stakeholder_type``, ``question``, ``unit`` (respondents | comments) each take
    one value or a list. Respondent counts and comment counts are never added together.
    Columns: country, question, question_order, criterion, unit, answer, n, share (of the
    question's answers in that country and unit). Paraguay, "Are you familiar with the ATLAS
    Project?": Yes 27, Partially 1, No 0. ``profile``: see ``_kii_where`` (False: answers only).
    """
    where, params = _kii_where(filters, criterion, stakeholder_type, question, unit, profile=profile)
    sql = f"""
SELECT country, question, MIN(question_order) AS question_order, MAX(criterion) AS criterion,
       COALESCE(unit, 'respondents') AS unit, answer, SUM(n)::BIGINT AS n, MIN(source_file) AS first_source
FROM kii_tally
{_where(where)}
GROUP BY country, question, COALESCE(unit, 'respondents'), answer
"""
    df = _run(con, sql, params)
    df["share"] = metrics.share(df["n"], df.groupby(["country", "question", "unit"])["n"].transform("sum"))
    df = _order_questions(df)
    return df[["country", "question", "question_order", "criterion", "unit", "answer", "n", "share"]]


def _order_questions(df: pd.DataFrame) -> pd.DataFrame:
    """Questions as the questionnaire lists them: per country, respondent counts before comment
    counts (an assessment matrix numbers its aspects from 1 again), then file, then
    ``question_order``; answers in the fixed order (Yes, Partially, No …)."""
    if df.empty:
        return df.reset_index(drop=True)
    rank = {a: i for i, a in enumerate(ANSWER_ORDER)}
    keys = ["country", "question"]
    units = df["unit"] if "unit" in df.columns else df.get("units", pd.Series("respondents", index=df.index))
    comment_only = ~units.fillna("respondents").str.contains("respondents")
    ordered = df.assign(
        __u=comment_only.astype(int).groupby([df[k] for k in keys]).transform("min"),
        __s=df["first_source"].fillna("").groupby([df[k] for k in keys]).transform("min"),
        __q=df["question_order"].fillna(1e9).groupby([df[k] for k in keys]).transform("min"),
        __a=df["answer"].map(lambda a: rank.get(a, 99)) if "answer" in df.columns else 0)
    ordered = _country_sort(ordered, "__u", "__s", "__q", "question", "unit", "stakeholder_type", "__a", "answer")
    return ordered.drop(columns=["__u", "__s", "__q", "__a", "first_source"])


def kii_questions(con, filters: Filters | None = None, criterion=None, stakeholder_type=None,
                  profile: bool | None = None) -> pd.DataFrame:
    """The questions asked, in questionnaire order, for the question picker. Page: Key informants.

    Columns: country, question, question_order, criterion, answers (total n), units.
    """
    where, params = _kii_where(filters, criterion, stakeholder_type, None, profile=profile)
    sql = f"""
SELECT country, question, MIN(question_order) AS question_order, MAX(criterion) AS criterion,
       SUM(n)::BIGINT AS answers,
       string_agg(DISTINCT COALESCE(unit, 'respondents'), ', ' ORDER BY COALESCE(unit, 'respondents') DESC) AS units,
       MIN(source_file) AS first_source
FROM kii_tally
{_where(where)}
GROUP BY country, question
"""
    df = _order_questions(_run(con, sql, params))
    return df[["country", "question", "question_order", "criterion", "answers", "units"]]


def kii_notes(con, filters: Filters | None = None, criterion=None, stakeholder_type=None, question=None,
              shareable_only: bool = False, profile: bool | None = None) -> pd.DataFrame:
    """Notes and quotes per question. Page: Key informants (workshop mode: ``shareable_only=True``).

    From ``kii_answers.note`` and from notes given with counted tallies (``kii_tally`` rows of
    files that are not interview sheets, so an interview note is not listed twice; such a note
    belongs to the question, so its ``answer`` is empty and it is listed once). No respondent
    id is returned. Columns: country, question, answer, stakeholder_type, criterion, note,
    shareable, source_file.
    """
    a_where, a_params = _kii_where(filters, criterion, stakeholder_type, question, profile=profile)
    t_where, t_params = _kii_where(filters, criterion, stakeholder_type, question, alias="k", profile=profile)
    share_clause = "AND COALESCE(shareable, FALSE)" if shareable_only else ""
    sql = f"""
SELECT country, question, answer, stakeholder_type, criterion, note,
       COALESCE(shareable, FALSE) AS shareable, source_file
FROM kii_answers
WHERE note IS NOT NULL AND trim(note) <> '' {share_clause}{_and(a_where)}
UNION
SELECT k.country, k.question, NULL AS answer, MAX(k.stakeholder_type), MAX(k.criterion), k.note,
       bool_or(COALESCE(k.shareable, FALSE)) AS shareable, MIN(k.source_file)
FROM kii_tally k
WHERE k.note IS NOT NULL AND trim(k.note) <> '' {share_clause.replace('shareable', 'k.shareable')}
  AND COALESCE(k.source_file, '') NOT IN (
        SELECT DISTINCT source_file FROM kii_answers WHERE source_file IS NOT NULL){_and(t_where)}
GROUP BY k.country, k.question, k.note
"""
    df = _run(con, sql, a_params + t_params)
    order = kii_questions(con, filters)
    if not df.empty:
        position = {(c, qn): i for i, (c, qn) in enumerate(zip(order["country"], order["question"]))}
        df["__p"] = [position.get(k, len(position)) for k in zip(df["country"], df["question"])]
        df = _country_sort(df, "__p", "question", "answer", "note").drop(columns="__p")
    return df[["country", "question", "answer", "stakeholder_type", "criterion", "note", "shareable",
               "source_file"]].reset_index(drop=True)


def kii_crosstab(con, filters: Filters | None = None, criterion=None, question=None,
                 unit: str | None = "respondents", stakeholder_type=None, profile: bool | None = None) -> pd.DataFrame:
    """Answers per question and stakeholder type (decision-maker, participant, staff …).
    Page: Key informants (cross-tab).

    Long frame: country, question, question_order, stakeholder_type (``None`` where a tally was
    given without it), answer, n, share (within question × stakeholder type). Pivot to show.
    """
    where, params = _kii_where(filters, criterion, stakeholder_type, question, unit, profile=profile)
    sql = f"""
SELECT country, question, MIN(question_order) AS question_order, stakeholder_type,
       COALESCE(unit, 'respondents') AS unit, answer, SUM(n)::BIGINT AS n, MIN(source_file) AS first_source
FROM kii_tally
{_where(where)}
GROUP BY country, question, stakeholder_type, COALESCE(unit, 'respondents'), answer
"""
    df = _run(con, sql, params)
    df["share"] = metrics.share(
        df["n"], df.groupby(["country", "question", "stakeholder_type", "unit"], dropna=False)["n"].transform("sum"))
    df = _order_questions(df)
    return df[["country", "question", "question_order", "stakeholder_type", "unit", "answer", "n", "share"]]


def kii_profile(con, filters: Filters | None = None) -> pd.DataFrame:
    """Who was interviewed, as the report tallies it (``KII_PROFILE_QUESTIONS``: by stakeholder
    type, by gender, workshops attended). Page: Evaluation findings (who was interviewed).

    Columns: country, breakdown (the tally's question), group (its answer label), respondents.
    Paraguay by stakeholder type: 10 decision-makers, 22 participants, 4 project staff (= 36).
    """
    df = kii_distribution(con, filters, profile=True)
    out = df.rename(columns={"question": "breakdown", "answer": "group", "n": "respondents"})
    return out[["country", "breakdown", "group", "respondents"]].reset_index(drop=True)


def kii_pivot(df: pd.DataFrame, rows: Sequence[str], columns: Sequence[str], share: bool = False) -> pd.DataFrame:
    """``kii_crosstab``'s long frame turned into the table an evaluator asks for: ``rows`` down,
    ``columns`` across (several column fields are joined with " · "), the answers counted (``n``)
    in the cells, 0 where nothing was counted; ``share=True`` gives each cell as a share of its
    row (metrics.share). Page: Evaluation findings (cross-tab).

    Rows and columns keep the frame's order (questionnaire order; answers Yes, Partially, No …).
    A field may not be both a row and a column.
    """
    rows, columns = list(rows), list(columns)
    value = "n"
    if not rows or set(rows) & set(columns):
        raise ValueError(f"kii_pivot: pick at least one row field and different column fields ({rows}, {columns})")
    unknown = [c for c in rows + columns + [value] if c not in df.columns]
    if unknown:
        raise ValueError(f"kii_pivot: {unknown} not in the frame {list(df.columns)}")
    if df.empty:
        return pd.DataFrame(columns=rows)
    data = df[rows + columns + [value]].copy()
    answer_rank = {a: i for i, a in enumerate(ANSWER_ORDER)}
    rank: dict[str, dict[str, tuple]] = {}
    for col in rows + columns:
        data[col] = data[col].astype("object").where(data[col].notna(), "–").astype(str)
        first = {v: i for i, v in reversed(list(enumerate(data[col])))}
        rank[col] = {v: (answer_rank.get(v, len(answer_rank)) if col == "answer" else 0, i) for v, i in first.items()}

    def in_order(keys: list[tuple], fields: list[str]) -> list[tuple]:
        return sorted(dict.fromkeys(keys), key=lambda k: tuple(rank[f][v] for f, v in zip(fields, k)))

    if columns:
        col_keys = in_order(list(data[columns].itertuples(index=False, name=None)), columns)
        col_order = [" · ".join(k) for k in col_keys]
        data["__col"] = data[columns].agg(" · ".join, axis=1)
    else:
        data["__col"] = value
        col_order = [value]
    row_order = in_order(list(data[rows].itertuples(index=False, name=None)), rows)
    table = data.pivot_table(index=rows, columns="__col", values=value, aggfunc="sum", fill_value=0, sort=False)
    table = table.reindex(index=pd.MultiIndex.from_tuples(row_order, names=rows) if len(rows) > 1
                          else pd.Index([r[0] for r in row_order], name=rows[0]), columns=col_order, fill_value=0)
    table.columns.name = None
    if share:
        table = table.astype("float64").apply(lambda col: metrics.share(col, table.sum(axis=1)))
    return table.reset_index()


#: How the Evaluation findings page may order its questions (besides by one answer: ``n:No``, ``share:No``).
KII_QUESTIONNAIRE_ORDER = "questionnaire"


def kii_sort(df: pd.DataFrame, order: str = KII_QUESTIONNAIRE_ORDER) -> pd.DataFrame:
    """``kii_distribution``'s frame with its questions reordered: ``questionnaire`` (as it comes), or
    ``n:<answer>`` / ``share:<answer>``: most of that answer first (count, or share of the question's
    answers), ties in questionnaire order. Within each country. Page: Evaluation findings ("most No first").
    """
    if df.empty or order == KII_QUESTIONNAIRE_ORDER:
        return df
    measure, _, answer = order.partition(":")
    if measure not in ("n", "share") or not answer:
        raise ValueError(f"kii_sort: order {order!r} is not 'questionnaire', 'n:<answer>' or 'share:<answer>'")
    keys = ["country", "question", "unit"] if "unit" in df.columns else ["country", "question"]
    first = {k: i for i, k in reversed(list(enumerate(df[keys].itertuples(index=False, name=None))))}
    picked = df[df["answer"] == answer].groupby(keys, dropna=False)[measure].sum()
    key = [(-float(picked.get(k, 0) or 0), first[k]) for k in df[keys].itertuples(index=False, name=None)]
    ordered = df.assign(__k=key, __i=range(len(df))).sort_values(["__k", "__i"], kind="stable")
    return _country_sort(ordered.drop(columns=["__k", "__i"]))


_RESPONDENT_DIMS = {d: d for d in ("stakeholder_group", "organization", "institution", "stakeholder_type",
                                   "gender")}


def respondents_summary(con, filters: Filters | None = None,
                        by: Sequence[str] | str = ("stakeholder_group", "organization", "institution")
                        ) -> pd.DataFrame:
    """Key informants interviewed, per country and ``by`` (stakeholder_group, organization,
    institution, stakeholder_type, gender). Page: Key informants (profile).

    Columns: country, [by…], respondents. Paraguay's profile table: 35 respondents.
    DMOP filters do not apply (the table has no DMOP).
    """
    dims = _by(by, _RESPONDENT_DIMS, "respondents_summary")
    where, params = _conditions(filters, dmop=None)
    group = ", ".join(["country", *dims])
    sql = f"""
SELECT {group}, SUM(n)::BIGINT AS respondents, MIN(source_row) AS first_row
FROM respondents
{_where(where)}
GROUP BY {group}
"""
    df = _run(con, sql, params)
    if df.empty:
        return df.drop(columns="first_row")
    # groups in the order the profile table lists them; within a group, most respondents first
    keys = ["country", "stakeholder_group"] if "stakeholder_group" in dims else ["country"]
    df["__g"] = df.groupby(keys, dropna=False)["first_row"].transform("min")
    df["__r"] = -df["respondents"]
    return _country_sort(df, "__g", "__r", *dims).drop(columns=["__g", "__r", "first_row"])


# =========================================================================== indicators

def indicators_vs_targets(con, filters: Filters | None = None) -> pd.DataFrame:
    """The three key indicators against their targets, per country and period. Page: Indicators.

    - KI-1 activities implemented: distinct activities (roster activities ∪ event activities, names
      compared ignoring case) per country and year; an activity running over two years counts in
      both, once in the total.
    - KI-2 individuals trained: unique people trained (``reach``), per country and year; a person
      trained in two years counts in each year, once in the total.
    - KI-3 coordination DMOPs at step ≥ 5 (pilot or later): per year as it stood at the year's end
      (dated status rows; unknown where a country's status rows have no date), and now
      (``dmop_board``) in the total row.

    A ``FY2021`` target is compared with October 2020 – September 2021; a ``2021`` target with the
    calendar year. Targets of another indicator are listed with no actual. When DMOPs are picked,
    only targets of those DMOPs are shown; otherwise a country-wide target wins over DMOP targets.
    Columns: country, indicator, name, period (``2021``, ``FY2021`` or ``total``), year, actual,
    target, pct_of_target.
    """
    f = filters or NO_FILTERS
    # four independent queries, each on its own cursor: run side by side (DuckDB releases the GIL)
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(part, con, f) for part in (_ki2, _ki1, _ki3, _targets)]
        ki2, ki1, (ki3, ki3_dated), targets = [job.result() for job in jobs]
    actual = pd.concat([ki1, ki2, ki3], ignore_index=True)

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


def iptt(con, filters: Filters | None = None) -> pd.DataFrame:
    """The indicator performance tracking table: per key indicator, country and US fiscal year (October to
    September, ``FY2021`` = Oct 2020 – Sep 2021), the target, the actual, % of target, the cumulative target
    and actual, and a traffic light. Page: Indicators (IPTT, Excel download).

    - Actuals per fiscal year as ``indicators_vs_targets`` counts them (KI-1 activities held in the year,
      KI-2 people trained in the year, KI-3 coordination DMOPs at step ≥ 5 on 30 September).
    - Cumulative actual: KI-1 and KI-2 count each activity or person once, from the first fiscal year they
      appear (head counts are added as they come); KI-3 is a stock: its value at the year's end.
    - Target: the year's ``FY`` target; where the targets are given per plain year (``2021``), that year's
      target is read as the fiscal year's (``target_period`` says how it was given). Cumulative target:
      the running sum for KI-1 and KI-2, the year's own target for KI-3.
    - rag on cumulative actual / cumulative target: ``green`` ≥ 90 %, ``amber`` ≥ 70 %, ``red`` below,
      ``no target`` (``metrics.target_rag``); ``no data`` where the actual is unknown (KI-3 of a country whose
      status rows carry no date).

    Columns: country, indicator, name, fiscal_year (int), period (``FY2021``), target, actual, pct_of_target,
    cumulative_target, cumulative_actual, cumulative_pct, rag, target_period.
    """
    f = filters or NO_FILTERS
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(part, con, f) for part in (_fiscal_flows, _ki3, _targets)]
        flows, (ki3, ki3_dated), targets = [job.result() for job in jobs]
    ki3 = ki3[ki3["basis"] == "fiscal"][["country", "indicator", "year", "actual"]]
    actual = pd.concat([flows[["country", "indicator", "year", "actual"]], ki3], ignore_index=True)
    actual = actual[(actual["actual"] > 0) | (actual["indicator"] == "KI-3")]
    if not targets.empty:
        targets = targets.assign(fiscal=targets["period"].astype(str).str.upper().str.startswith("FY"))
        # an FY target wins over a plain-year target of the same number
        targets = (targets.sort_values("fiscal", ascending=False, kind="stable")
                   .drop_duplicates(["country", "indicator", "year"]))
        targets = targets.assign(target_period=targets["period"].astype(str))[
            ["country", "indicator", "year", "target", "target_period"]]
    else:
        targets = pd.DataFrame(columns=["country", "indicator", "year", "target", "target_period"])
    keyed = set(KEY[0] for KEY in KEY_INDICATORS)
    out = targets.merge(actual, on=["country", "indicator", "year"], how="outer")
    out = out[out["indicator"].isin(keyed) & out["year"].notna()].copy()
    out["year"] = out["year"].astype("int64")
    for col in ("target", "actual"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    computed = out["indicator"].isin(["KI-1", "KI-2"]) | ((out["indicator"] == "KI-3") & out["country"].isin(ki3_dated))
    out.loc[computed & out["actual"].isna(), "actual"] = 0.0
    out = out.sort_values(["country", "indicator", "year"]).reset_index(drop=True)
    # cumulative actual: new activities/people per fiscal year, summed; KI-3 its own value
    firsts = flows[["country", "indicator", "year", "new"]].rename(columns={"new": "__new"})
    out = out.merge(firsts, on=["country", "indicator", "year"], how="left")
    flow = out["indicator"].isin(["KI-1", "KI-2"])
    running_new = out.assign(__new=out["__new"].fillna(0)).groupby(["country", "indicator"])["__new"].cumsum()
    out["cumulative_actual"] = running_new.where(flow, out["actual"]).astype("float64")
    running_target = out.groupby(["country", "indicator"])["target"].cumsum(skipna=True)
    has_target = out.groupby(["country", "indicator"])["target"].transform(lambda s: s.notna().cummax())
    out["cumulative_target"] = running_target.where(flow & has_target, out["target"].where(~flow))
    out["pct_of_target"] = metrics.pct_of_target(out["actual"], out["target"])
    out["cumulative_pct"] = metrics.pct_of_target(out["cumulative_actual"], out["cumulative_target"])
    out["rag"] = out["cumulative_pct"].map(metrics.target_rag)
    out.loc[out["cumulative_target"].notna() & out["cumulative_actual"].isna(), "rag"] = "no data"
    out["fiscal_year"] = out["year"]
    out["period"] = "FY" + out["year"].astype(str)
    names = _run(con, "SELECT indicator, MAX(name) AS name FROM indicators GROUP BY indicator")
    out = out.merge(names, on="indicator", how="left")
    builtin = {k[0]: k[1] for k in KEY_INDICATORS}
    out["name"] = out["name"].fillna(out["indicator"].map(builtin))
    out["target_period"] = out["target_period"].astype("object")
    cols = ["country", "indicator", "name", "fiscal_year", "period", "target", "actual", "pct_of_target",
            "cumulative_target", "cumulative_actual", "cumulative_pct", "rag", "target_period"]
    return _country_sort(out[cols], "indicator", "fiscal_year")


def _fiscal_flows(con, f: Filters) -> pd.DataFrame:
    """Per country and fiscal year, in one query: KI-1 activities held and KI-2 people trained that year
    (``actual``, as ``_ki1``/``_ki2`` count them on the fiscal basis), and those seen for the first time that
    year (``new``; head counts as they come), for the IPTT's cumulative actual."""
    att_where, att_params = _conditions(f, date_col="session_date")
    ev_where, ev_params = _conditions(f, date_col="start_date")
    where, where_params = _conditions(f)
    hit, hit_params = _attended_in(f)
    months, months_params = _attended_months(f)
    head_ctes, head_params = _head_count_ctes(f)
    sql = f"""
WITH held AS (
    SELECT DISTINCT country, lower(trim(dmop)) || chr(31) || lower(trim(activity)) AS activity_k, session_date AS d
    FROM activity_sessions {_where(att_where)}
    UNION
    SELECT DISTINCT country, lower(trim(dmop)) || chr(31) || lower(trim(activity)), start_date
    FROM events {_where(ev_where)}
),
held_fy AS (
    SELECT DISTINCT country, activity_k, year(d + INTERVAL 3 MONTH) AS y FROM held WHERE d IS NOT NULL
),
pa AS (
    SELECT country, pid, {months} AS ms
    FROM person_activity
    WHERE role = 'participant' AND {hit}{_and(where)}
),
pa_fy AS (
    SELECT DISTINCT country, pid, year(m + INTERVAL 3 MONTH) AS y
    FROM (SELECT country, pid, unnest(ms) AS m FROM pa) WHERE m IS NOT NULL
),
{head_ctes}
SELECT country, 'KI-1' AS indicator, y AS year, COUNT(*)::DOUBLE AS actual, 0::DOUBLE AS new FROM held_fy GROUP BY ALL
UNION ALL
SELECT country, 'KI-1', y, 0, COUNT(*) FROM (SELECT country, activity_k, MIN(y) AS y FROM held_fy GROUP BY ALL) GROUP BY ALL
UNION ALL
SELECT country, 'KI-2', y, COUNT(*), 0 FROM pa_fy GROUP BY ALL
UNION ALL
SELECT country, 'KI-2', y, 0, COUNT(*) FROM (SELECT country, pid, MIN(y) AS y FROM pa_fy GROUP BY ALL) GROUP BY ALL
UNION ALL
SELECT country, 'KI-2', year(start_date + INTERVAL 3 MONTH), SUM(participants), SUM(participants)
FROM chosen WHERE start_date IS NOT NULL GROUP BY ALL
"""
    df = _run(con, sql, att_params + ev_params + months_params + hit_params + where_params + head_params)
    return df.groupby(["country", "indicator", "year"], as_index=False)[["actual", "new"]].sum()


def _ki1(con, f: Filters) -> pd.DataFrame:
    att_where, att_params = _conditions(f, date_col="session_date")
    ev_where, ev_params = _conditions(f, date_col="start_date")
    sql = f"""
WITH held AS (
    SELECT DISTINCT country, lower(trim(dmop)) || chr(31) || lower(trim(activity)) AS activity_k, session_date AS d
    FROM activity_sessions {_where(att_where)}
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
    """KI-2 per country and calendar year, fiscal year and in total: ``reach`` by (country, year),
    (country, fiscal_year) and country, summed over sources, in one query."""
    where, where_params = _conditions(f)
    hit, hit_params = _attended_in(f)
    months, months_params = _attended_months(f)
    head_ctes, ev_params = _head_count_ctes(f)
    sql = f"""
WITH pa AS (
    SELECT country, pid, {months} AS ms
    FROM person_activity
    WHERE role = 'participant' AND {hit}{_and(where)}
),
{head_ctes},
counts AS (
    SELECT country, 'calendar' AS basis, y AS year, COUNT(*)::BIGINT AS people
    FROM (SELECT DISTINCT country, year(unnest(ms)) AS y, pid FROM pa) GROUP BY country, y
    UNION ALL
    SELECT country, 'fiscal', y, COUNT(*)::BIGINT
    FROM (SELECT DISTINCT country, year(unnest(ms) + INTERVAL 3 MONTH) AS y, pid FROM pa) GROUP BY country, y
    UNION ALL
    SELECT country, 'total', NULL, COUNT(*)::BIGINT FROM (SELECT DISTINCT country, pid FROM pa) GROUP BY country
    UNION ALL
    SELECT country, 'calendar', year(start_date), SUM(participants)::BIGINT FROM chosen GROUP BY country, year(start_date)
    UNION ALL
    SELECT country, 'fiscal', year(start_date + INTERVAL 3 MONTH), SUM(participants)::BIGINT FROM chosen
    GROUP BY country, year(start_date + INTERVAL 3 MONTH)
    UNION ALL
    SELECT country, 'total', NULL, SUM(participants)::BIGINT FROM chosen GROUP BY country
)
SELECT country, basis, year, people FROM counts WHERE people > 0
"""
    df = _run(con, sql, months_params + hit_params + where_params + ev_params)
    frames = []
    for basis in ("calendar", "fiscal", "total"):
        part = df[df["basis"] == basis]
        keys = ["country", "year"] if basis != "total" else ["country"]
        r = part.groupby(keys, as_index=False)["people"].sum().rename(columns={"people": "actual"})
        if basis == "total":
            r["year"] = pd.NA
        elif r["year"].notna().all():
            r["year"] = r["year"].astype("int64")
        frames.append(r.assign(indicator="KI-2", basis=basis))
    out = pd.concat(frames, ignore_index=True)
    out["actual"] = out["actual"].astype("float64")
    return out[["country", "indicator", "basis", "year", "actual"]]


def _ki3(con, f: Filters) -> tuple[pd.DataFrame, set]:
    """KI-3 per year (at the year's end) and now, and the countries whose DMOP status rows carry a date."""
    where, params = _conditions(f, alias="s")
    t_where, t_params = _conditions(f, alias="t", dmop=None)
    d_where, d_params = _conditions(f)
    current, cur_params = _current_status_sql(f)
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
),
cur AS ({current}
)
SELECT 'year' AS part, country, basis, year, COUNT(*) FILTER (WHERE step >= 5)::DOUBLE AS actual
FROM at_end
GROUP BY country, basis, year
UNION ALL      -- now (as dmop_board shows it): coordination DMOPs at step 5 or later
SELECT 'now', country, 'total', NULL,
       COUNT(*) FILTER (WHERE (dmop_type = 'coordination' OR (dmop_type IS NULL AND outcome = 3))
                        AND COALESCE(step, 0) >= 5)::DOUBLE
FROM cur WHERE country IS NOT NULL GROUP BY country
UNION ALL
SELECT DISTINCT 'dated', country, NULL, NULL, NULL FROM dmop_status WHERE as_of IS NOT NULL{_and(d_where)}
"""
    df = _run(con, sql, params + t_params + [end] + cur_params + d_params)
    by_year = df[df["part"] == "year"].assign(indicator="KI-3")
    if by_year["year"].notna().all():
        by_year["year"] = by_year["year"].astype("int64")
    if by_year.empty:   # as an empty result of its own query would come (text columns of no dtype)
        by_year = by_year.astype({"country": "object", "indicator": "object", "basis": "object"})
    now = df[df["part"] == "now"].assign(indicator="KI-3", year=pd.NA)
    dated = set(df.loc[df["part"] == "dated", "country"])
    cols = ["country", "indicator", "basis", "year", "actual"]
    return pd.concat([by_year[cols], now[cols]], ignore_index=True), dated


def _targets(con, f: Filters) -> pd.DataFrame:
    where, params = _conditions(f, alias="t", dmop=None)
    dmop_clause, dmop_params = _in_list("t.dmop", f.dmops)
    if dmop_clause:       # DMOPs picked: their targets only
        where.append(dmop_clause)
        params += dmop_params
        pick = "SUM(target)"
    else:                 # otherwise a country-wide target wins over the sum of DMOP targets
        pick = "COALESCE(SUM(target) FILTER (WHERE dmop IS NULL), SUM(target))"
    sql = f"""
WITH named AS (
    SELECT t.country, COALESCE(i.indicator, t.indicator) AS indicator, t.period, t.year, t.dmop, t.target
    FROM targets t
    LEFT JOIN (SELECT DISTINCT indicator, name FROM indicators) i
           ON lower(trim(t.indicator)) IN (lower(i.indicator), lower(i.name))
    {_where(where)}
)
SELECT country, indicator, period, year, {pick} AS target
FROM named
GROUP BY country, indicator, period, year
"""
    return _run(con, sql, params)


# =========================================================================== data quality

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
        where, p = _conditions(filters, date_col=_TABLE_DATES[table])
        if table == "events":
            where = where + ["NOT COALESCE(is_breakdown, FALSE)"]
        counts = ", ".join(f"COUNT({c})::BIGINT AS {c}" for c in cols)
        parts.append((table, cols, f"SELECT country, COUNT(*)::BIGINT AS rows, {counts} FROM {table} {_where(where)} "
                                   f"GROUP BY country"))
        params.append(p)
    frames = []
    for (table, cols, sql), p in zip(parts, params):
        df = _run(con, sql, p)
        if df.empty:
            continue
        long = df.melt(id_vars=["country", "rows"], value_vars=list(cols), var_name="column_name", value_name="given")
        frames.append(long.assign(table_name=table))
    if not frames:
        return pd.DataFrame(columns=["table_name", "country", "column_name", "rows", "given", "share_given"])
    out = pd.concat(frames, ignore_index=True)
    out["share_given"] = metrics.share(out["given"], out["rows"])
    return _country_sort(out[["table_name", "country", "column_name", "rows", "given", "share_given"]],
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
    ev_where, ev_params = _conditions(filters, alias="e", date_col="start_date")
    p_where, p_params = _conditions(filters)
    sql = f"""
WITH ev AS (
    SELECT e.country, e.dmop, e.activity, e.start_date, e.participants, e.female, e.male,
           COALESCE(e.is_breakdown, FALSE) AS is_breakdown
    FROM events e {_where(ev_where)}
),
totals AS (
    SELECT country, dmop, activity, start_date,
           SUM(participants) FILTER (WHERE NOT is_breakdown) AS total,
           SUM(participants) FILTER (WHERE is_breakdown) AS rows_sum
    FROM ev GROUP BY ALL
),
roster AS (
    SELECT country, lower(trim(dmop)) AS dmop_k, lower(trim(activity)) AS activity_k, COUNT(DISTINCT pid) AS people
    FROM person_activity WHERE role = 'participant' AND (len(attended_dates) > 0 OR attended_undated){_and(p_where)}
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
    df = _run(con, sql, ev_params + p_params)
    df["difference"] = (df["found"] - df["expected"]).astype("Int64")
    return _country_sort(df, "check", "start_date")


def data_timeliness(con, filters: Filters | None = None, today: date | None = None) -> pd.DataFrame:
    """How recent each table's newest record is, per country. Page: Data quality.

    Columns: table_name, country, newest_date (as ``data_as_of`` reads it), last_ingested (the table's latest
    ingest), days_old (``today`` − newest_date; today by default).
    """
    parts, params = [], []
    for table in ("attendance", "events", "tests", "dmop_status", "dmop_milestones"):
        col = _AS_OF_DATES[table]
        source = "activity_sessions" if table == "attendance" else table
        where, p = _conditions(filters, date_col=col)
        parts.append(f"SELECT '{table}' AS table_name, country, MAX({col}) AS newest_date FROM {source} "
                     f"{_where(where + [f'{col} IS NOT NULL'])} GROUP BY country")
        params += p
    sql = f"""
WITH newest AS (
{chr(10).join(('    ' + p + (' UNION ALL' if i < len(parts) - 1 else '')) for i, p in enumerate(parts))}
),
ingested AS (SELECT table_name, MAX(ingested_at) AS last_ingested FROM ingest_files GROUP BY table_name)
SELECT n.table_name, n.country, n.newest_date, i.last_ingested
FROM newest n LEFT JOIN ingested i ON i.table_name = n.table_name
"""
    df = _run(con, sql, params)
    df["days_old"] = metrics.days_since(df["newest_date"], today)
    return _country_sort(df, "table_name")


def data_outliers(con, filters: Filters | None = None) -> pd.DataFrame:
    """Values far from the rest. Page: Data quality.

    An event's head count outside its country's usual range (beyond 1.5 × the interquartile range of the
    country's event totals, with at least 4 events), and a test score below 0 or above its maximum.
    Columns: check, country, dmop, activity, date, value, low, high.
    """
    ev_where, ev_params = _conditions(filters, date_col="start_date")
    t_where, t_params = _conditions(filters, date_col="test_date")
    sql = f"""
WITH ev AS (
    SELECT country, dmop, activity, start_date, participants FROM events
    WHERE NOT COALESCE(is_breakdown, FALSE) AND participants IS NOT NULL{_and(ev_where)}
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
FROM tests WHERE score IS NOT NULL AND (score < 0 OR score > COALESCE(max_score, 100)){_and(t_where)}
"""
    return _country_sort(_run(con, sql, ev_params + t_params), "check", "date")


# =========================================================================== data page

def ingest_summary(con, filters: Filters | None = None) -> pd.DataFrame:
    """One row per source file: what the last ingest made of it. Page: Data.

    Columns: source_file, tables, sheets, rows_kept, rows_rejected, status (every status seen,
    worst first), message (first non-empty), ingested_at (latest). ``filters`` do not apply.
    """
    sql = """
SELECT source_file,
       string_agg(DISTINCT table_name, ', ' ORDER BY table_name) AS tables,
       COUNT(DISTINCT source_sheet)::BIGINT AS sheets,
       COALESCE(SUM(rows_kept), 0)::BIGINT AS rows_kept,
       COALESCE(SUM(rows_rejected), 0)::BIGINT AS rows_rejected,
       string_agg(DISTINCT status, ', ' ORDER BY CASE lower(status) WHEN 'error' THEN 0 WHEN 'failed' THEN 0
                  WHEN 'warning' THEN 1 WHEN 'skipped' THEN 2 ELSE 3 END, status) AS status,
       MIN(NULLIF(trim(message), '')) AS message,
       MAX(ingested_at) AS ingested_at
FROM ingest_files
GROUP BY source_file
ORDER BY MAX(ingested_at) DESC NULLS LAST, source_file
"""
    return _run(con, sql)


def ingest_sheets(con, filters: Filters | None = None, source_file: str | None = None) -> pd.DataFrame:
    """Every sheet of every file (or of ``source_file``) with its table and counts. Page: Data.

    Columns as ``ingest_files``. ``filters`` do not apply.
    """
    clause, params = _in_list("source_file", source_file)
    sql = f"""
SELECT source_file, source_sheet, table_name, rows_kept, rows_rejected, status, message, ingested_at, message_code, message_fields
FROM ingest_files
{_where([clause] if clause else [])}
ORDER BY source_file, source_sheet
"""
    return _run(con, sql, params)


def rejected_rows(con, filters: Filters | None = None, table: str | Sequence[str] | None = None,
                  severity: str | None = None, source_file: str | Sequence[str] | None = None,
                  limit: int = 5000) -> pd.DataFrame:
    """Rows the ingest set aside, with the reason in plain words. Page: Data.

    ``table``/``severity`` (error | warning)/``source_file`` narrow; at most ``limit`` rows, by file,
    sheet and row. Columns: table_name, source_file, source_sheet, source_row, column_name, value,
    reason, severity, code. ``filters`` do not apply (a rejected row may lack a country).
    """
    where, params = [], []
    for col, values in (("table_name", table), ("severity", severity), ("source_file", source_file)):
        clause, p = _in_list(col, values)
        if clause:
            where.append(clause)
            params += p
    limit = int(limit)
    if limit < 0:
        raise ValueError("limit must be 0 or more")
    sql = f"""
SELECT table_name, source_file, source_sheet, source_row, column_name, value, reason, severity, code, reason_fields
FROM rejected
{_where(where)}
ORDER BY source_file, source_sheet, source_row NULLS LAST, column_name
LIMIT ?
"""
    return _run(con, sql, params + [limit])


def rejected_reasons(con, filters: Filters | None = None) -> pd.DataFrame:
    """How many rows were rejected, per table, file, severity and reason code. Page: Data.

    Columns: table_name, source_file, severity, code, rows, example (one reason text).
    """
    sql = """
SELECT table_name, source_file, severity, code, COUNT(*)::BIGINT AS rows, MIN(reason) AS example, arg_min(reason_fields, reason) AS example_fields
FROM rejected
GROUP BY table_name, source_file, severity, code
ORDER BY CASE severity WHEN 'error' THEN 0 ELSE 1 END, rows DESC, source_file
"""
    return _run(con, sql)


# table -> date column of the table (None: no date); used by last_update and sources.
_TABLE_DATES: dict[str, str | None] = {
    "attendance": "session_date",
    "events": "start_date",
    "tests": "test_date",
    "test_items": None,
    "kii_answers": None,
    "kii_tally": None,
    "respondents": None,
    "dmop_status": "as_of",
    "dmop_current": "as_of",
    "dmop_milestones": "COALESCE(actual_date, planned_date)",
    "targets": None,
}
# tables without a dmop column, or whose rows may be about no DMOP
_NO_DMOP = {"respondents"}
_DMOP_NULLABLE = {"kii_answers", "kii_tally", "targets"}
_SOURCE_ALIASES = {"participation": "attendance", "kii_counts": "kii_tally"}


def last_update(con, filters: Filters | None = None) -> pd.DataFrame:
    """Per table: rows held, files behind it, when it was last ingested and its newest date.
    Page: Data. Columns: table_name, rows, files, last_ingested, newest_date. ``filters`` do not apply.
    """
    parts = []
    for table, col in _TABLE_DATES.items():
        if table == "dmop_current":
            continue
        newest = f"MAX({col})" if col else "NULL::DATE"
        if table == "attendance":   # rows per country, DMOP, date and file, counted once per connection
            parts.append(f"SELECT '{table}' AS table_name, COALESCE(SUM(rows), 0)::BIGINT AS rows, "
                         f"COUNT(DISTINCT source_file)::BIGINT AS files, {newest} AS newest_date "
                         f"FROM attendance_sources")
            continue
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
    """The source files behind a figure: distinct ``source_file`` of ``table`` (or several tables)
    under ``filters``, with how many rows each gives. Pages: every page, under each chart.

    ``table`` is one of attendance, participation (= attendance), events, tests, test_items,
    kii_answers, kii_tally, respondents, dmop_status, dmop_current, dmop_milestones, targets.
    Columns: table_name, source_file, rows.
    """
    tables = (table,) if isinstance(table, str) else tuple(table)
    parts, params = [], []
    for name in tables:
        name = _SOURCE_ALIASES.get(name, name)
        if name not in _TABLE_DATES:
            raise ValueError(f"sources: unknown table {name!r}; choose from {sorted(_TABLE_DATES)}")
        where, p = _conditions(filters, dmop=None if name in _NO_DMOP else "dmop",
                               dmop_nullable=name in _DMOP_NULLABLE, date_col=_TABLE_DATES[name])
        if name == "attendance":   # rows per country, DMOP, date and file, counted once per connection
            parts.append(f"SELECT '{name}' AS table_name, source_file, SUM(rows)::BIGINT AS rows "
                         f"FROM attendance_sources {_where(where)} GROUP BY source_file")
        else:
            parts.append(f"SELECT '{name}' AS table_name, source_file, COUNT(*)::BIGINT AS rows FROM {name} "
                         f"{_where(where)} GROUP BY source_file")
        params += p
    sql = "\nUNION ALL\n".join(parts) + "\nORDER BY table_name, source_file"
    df = _run(con, sql, params)
    return df[df["source_file"].notna()].reset_index(drop=True)


# table -> the date that says how recent its rows are (a milestone's planned date is not data yet)
_AS_OF_DATES = {**_TABLE_DATES, "attendance": "session_date", "dmop_milestones": "actual_date",
                "events": "COALESCE(end_date, start_date)"}


def data_as_of(con, table: str | Sequence[str], filters: Filters | None = None):
    """The newest date among the rows of the tables ``table`` names (as ``sources``) under ``filters``: what a page
    prints as "Data as of …". None when those rows carry no date (KII tallies, respondents).
    Pages: every page, under the title."""
    tables = (table,) if isinstance(table, str) else tuple(table)
    parts, params = [], []
    for name in dict.fromkeys(_SOURCE_ALIASES.get(t, t) for t in tables):
        if name not in _AS_OF_DATES:
            raise ValueError(f"data_as_of: unknown table {name!r}; choose from {sorted(_AS_OF_DATES)}")
        col = _AS_OF_DATES[name]
        if col is None:
            continue
        view = "activity_sessions" if name == "attendance" else name
        where, p = _conditions(filters, dmop=None if name in _NO_DMOP else "dmop",
                               dmop_nullable=name in _DMOP_NULLABLE, date_col=col)
        parts.append(f"SELECT MAX({col}) AS d FROM {view} {_where(where)}")
        params += p
    if not parts:
        return None
    df = _run(con, "SELECT MAX(d) AS d FROM (\n" + "\nUNION ALL\n".join(parts) + "\n)", params)
    value = df["d"].iloc[0] if len(df) else None
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def filter_options(con, filters: Filters | None = None) -> pd.DataFrame:
    """Countries and DMOPs present in the data, and the date range, for the sidebar. Page: app.

    Columns: country, dmop, first_date, last_date. ``filters.countries`` narrows the DMOP list.
    """
    params: list = []
    parts = []
    for table, first, last in (("activity_totals", "first_session", "last_session"),   # attendance
                               ("events", "start_date", "start_date"), ("tests", "test_date", "test_date"),
                               ("dmop_status", "as_of", "as_of")):
        w, p = _conditions(filters, dmop=None)
        parts.append(f"SELECT country, dmop, MIN({first}) AS first_date, MAX({last}) AS last_date FROM {table} "
                     f"{_where(w)} GROUP BY country, dmop")
        params += p
    sql = ("SELECT country, dmop, MIN(first_date) AS first_date, MAX(last_date) AS last_date FROM (\n"
           + "\nUNION ALL\n".join(parts) + "\n) WHERE dmop IS NOT NULL GROUP BY country, dmop")
    return _country_sort(_run(con, sql, params), "dmop")
