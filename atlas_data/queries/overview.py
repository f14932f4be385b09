"""The Overview page: one card per country, and the DMOPs at each step."""
from __future__ import annotations


import pandas as pd

from atlas_data import metrics, rules
from atlas_data.contract import STEPS
from atlas_data.queries import dmops, dropout, reach, sql
from atlas_data.queries.sql import NO_FILTERS, Filters


def overview(con, filters: Filters | None = None,
             threshold: float = rules.DEFAULT_COMPLETION_THRESHOLD,
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
    current, cur_params = dmops.current_status_sql(f)
    roster_ctes, roster_select, roster_params = reach.roster_people(f, ("country",))
    head_ctes, ev_params = reach.head_count_ctes(f)
    s_where, s_params = sql.conditions(f, date_col="session_date")
    status_ctes, status_params = dropout.participant_cte(f, threshold, excused_counts_as_missed)
    kii, kii_params = _key_informants_sql(f)
    newest, newest_params = _newest_dates_sql(f)
    # one query: each part as the page query it stands for (dmops.dmop_board, reach, activity_list,
    # dropout_summary), counted per country
    query = f"""
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
        FROM (SELECT DISTINCT country, dmop, activity FROM activity_sessions {sql.where(s_where)}) GROUP BY country
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
    df = sql.run(con, query, params)

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
    return sql.country_sort(out[cols])


def _key_informants_sql(filters: Filters | None) -> tuple[str, list]:
    """SELECT of key informants per country: respondents.n, else distinct interviewed respondent ids."""
    r_where, r_params = sql.conditions(filters, dmop=None)
    k_where, k_params = sql.conditions(filters, dmop="dmop", dmop_nullable=True)
    query = f"""
SELECT COALESCE(c.country, k.country) AS country, COALESCE(c.n, k.n)::BIGINT AS key_informants
FROM (SELECT country, SUM(n)::BIGINT AS n FROM respondents {sql.where(r_where)} GROUP BY country) c
FULL OUTER JOIN (
    SELECT country, COUNT(DISTINCT respondent_id)::BIGINT AS n FROM kii_answers {sql.where(k_where)} GROUP BY country
) k ON c.country = k.country"""
    return query, r_params + k_params


def _newest_dates_sql(filters: Filters | None) -> tuple[str, list]:
    """SELECT of the latest dated record per country across attendance (its sessions), events, tests
    and DMOP status."""
    parts, params = [], []
    for table, col in (("activity_sessions", "session_date"), ("events", "COALESCE(end_date, start_date)"),
                       ("tests", "test_date"), ("dmop_status", "as_of")):
        where, p = sql.conditions(filters, date_col=col)
        parts.append(f"SELECT country, MAX({col}) AS d FROM {table} {sql.where(where)} GROUP BY country")
        params += p
    query = "SELECT country, MAX(d) AS newest_data_date FROM (\n" + "\nUNION ALL\n".join(parts) + \
        "\n) WHERE d IS NOT NULL GROUP BY country"
    return query, params


def dmops_by_step(con, filters: Filters | None = None) -> pd.DataFrame:
    """How many DMOPs stand at each step (1–9) now, per country and type. Page: Overview.

    Columns: country, step, step_name, dmop_type, dmops. Only steps with at least one DMOP.
    """
    board = dmops.dmop_board(con, filters)
    if board.empty:
        return pd.DataFrame({"country": pd.Series(dtype="str"), "step": pd.Series(dtype="int64"),
                             "step_name": pd.Series(dtype="str"), "dmop_type": pd.Series(dtype="str"),
                             "dmops": pd.Series(dtype="int64")})
    df = (board.dropna(subset=["step"]).groupby(["country", "step", "dmop_type"], dropna=False, as_index=False)
          .agg(dmops=("dmop", "nunique")))
    df["step"] = df["step"].astype("int64")
    df["step_name"] = df["step"].map(STEPS)
    return sql.country_sort(df[["country", "step", "step_name", "dmop_type", "dmops"]], "step", "dmop_type")
