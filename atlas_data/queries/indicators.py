"""The three key indicators against their targets, per calendar and fiscal year (IPTT). Page: Indicators."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from atlas_data import metrics, rules
from atlas_data.contract import KEY_INDICATORS
from atlas_data.queries import dmops, reach, sql
from atlas_data.queries.sql import NO_FILTERS, Filters


def indicators_vs_targets(con, filters: Filters | None = None) -> pd.DataFrame:
    """The three key indicators against their targets, per country and period. Page: Indicators.

    - KI-1 activities implemented: distinct activities (roster activities ∪ event activities, names
      compared ignoring case) per country and year; an activity running over two years counts in
      both, once in the total.
    - KI-2 individuals trained: unique people trained (``reach``), per country and year; a person
      trained in two years counts in each year, once in the total.
    - KI-3 coordination DMOPs at step ≥ 5 (pilot or later): per year as it stood at the year's end
      (dated status rows; unknown where a country's status rows have no date), and now
      (``dmops.dmop_board``) in the total row.

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

    names = sql.run(con, "SELECT indicator, MAX(name) AS name FROM indicators GROUP BY indicator")
    merged = merged.merge(names, on="indicator", how="left")
    builtin = {k[0]: k[1] for k in KEY_INDICATORS}
    merged["name"] = merged["name"].fillna(merged["indicator"].map(builtin))
    merged["pct_of_target"] = metrics.pct_of_target(merged["actual"], merged["target"])
    merged["year"] = merged["year"].astype("Int64")
    merged = merged.assign(__total=merged["period"].eq("total"))
    merged = sql.country_sort(merged, "indicator", "__total", "year", "period").drop(columns="__total")
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
    names = sql.run(con, "SELECT indicator, MAX(name) AS name FROM indicators GROUP BY indicator")
    out = out.merge(names, on="indicator", how="left")
    builtin = {k[0]: k[1] for k in KEY_INDICATORS}
    out["name"] = out["name"].fillna(out["indicator"].map(builtin))
    out["target_period"] = out["target_period"].astype("object")
    cols = ["country", "indicator", "name", "fiscal_year", "period", "target", "actual", "pct_of_target",
            "cumulative_target", "cumulative_actual", "cumulative_pct", "rag", "target_period"]
    return sql.country_sort(out[cols], "indicator", "fiscal_year")


def _held(f: Filters) -> tuple[str, list]:
    """The ``held`` CTE (text to follow ``WITH``): each activity (roster or event, names compared ignoring case)
    and a date it was held on, for KI-1."""
    att_where, att_params = sql.conditions(f, date_col="session_date")
    ev_where, ev_params = sql.conditions(f, date_col="start_date")
    return f"""held AS (
    SELECT DISTINCT country, lower(trim(dmop)) || chr(31) || lower(trim(activity)) AS activity_k, session_date AS d
    FROM activity_sessions {sql.where(att_where)}
    UNION
    SELECT DISTINCT country, lower(trim(dmop)) || chr(31) || lower(trim(activity)), start_date
    FROM events {sql.where(ev_where)}
)""", att_params + ev_params


def _fiscal_flows(con, f: Filters) -> pd.DataFrame:
    """Per country and fiscal year, in one query: KI-1 activities held and KI-2 people trained that year
    (``actual``, as ``_ki1``/``_ki2`` count them on the fiscal basis), and those seen for the first time that
    year (``new``; head counts as they come), for the IPTT's cumulative actual."""
    held, held_params = _held(f)
    trained, trained_params = reach.trained_sql(f)
    head_ctes, head_params = reach.head_count_ctes(f)
    query = f"""
WITH {held},
held_fy AS (
    SELECT DISTINCT country, activity_k, {rules.fiscal_year_sql("d")} AS y FROM held WHERE d IS NOT NULL
),
pa_fy AS (
    SELECT DISTINCT country, pid, {rules.fiscal_year_sql("m")} AS y
    FROM (SELECT country, pid, unnest(ms) AS m FROM ({trained})) WHERE m IS NOT NULL
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
SELECT country, 'KI-2', {rules.fiscal_year_sql("start_date")}, SUM(participants), SUM(participants)
FROM chosen WHERE start_date IS NOT NULL GROUP BY ALL
"""
    df = sql.run(con, query, held_params + trained_params + head_params)
    return df.groupby(["country", "indicator", "year"], as_index=False)[["actual", "new"]].sum()


def _ki1(con, f: Filters) -> pd.DataFrame:
    held, params = _held(f)
    query = f"""
WITH {held}
SELECT country, 'KI-1' AS indicator, basis, year, COUNT(DISTINCT activity_k)::DOUBLE AS actual
FROM (
    SELECT country, activity_k, 'calendar' AS basis, year(d) AS year FROM held WHERE d IS NOT NULL
    UNION ALL
    SELECT country, activity_k, 'fiscal', {rules.fiscal_year_sql("d")} FROM held WHERE d IS NOT NULL
    UNION ALL
    SELECT country, activity_k, 'total', NULL FROM held
)
GROUP BY country, basis, year
"""
    return sql.run(con, query, params)


def _ki2(con, f: Filters) -> pd.DataFrame:
    """KI-2 per country and calendar year, fiscal year and in total: ``reach`` by (country, year),
    (country, fiscal_year) and country, summed over sources, in one query."""
    trained, trained_params = reach.trained_sql(f)
    head_ctes, ev_params = reach.head_count_ctes(f)
    fiscal = rules.fiscal_year_sql("start_date")
    query = f"""
WITH pa AS ({trained}),
{head_ctes},
counts AS (
    SELECT country, 'calendar' AS basis, y AS year, COUNT(*)::BIGINT AS people
    FROM (SELECT DISTINCT country, year(unnest(ms)) AS y, pid FROM pa) GROUP BY country, y
    UNION ALL
    SELECT country, 'fiscal', y, COUNT(*)::BIGINT
    FROM (SELECT DISTINCT country, {rules.fiscal_year_sql("unnest(ms)")} AS y, pid FROM pa) GROUP BY country, y
    UNION ALL
    SELECT country, 'total', NULL, COUNT(*)::BIGINT FROM (SELECT DISTINCT country, pid FROM pa) GROUP BY country
    UNION ALL
    SELECT country, 'calendar', year(start_date), SUM(participants)::BIGINT FROM chosen GROUP BY country, year(start_date)
    UNION ALL
    SELECT country, 'fiscal', {fiscal}, SUM(participants)::BIGINT FROM chosen GROUP BY country, {fiscal}
    UNION ALL
    SELECT country, 'total', NULL, SUM(participants)::BIGINT FROM chosen GROUP BY country
)
SELECT country, basis, year, people FROM counts WHERE people > 0
"""
    df = sql.run(con, query, trained_params + ev_params)
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
    where, params = sql.conditions(f, alias="s")
    t_where, t_params = sql.conditions(f, alias="t", dmop=None)
    d_where, d_params = sql.conditions(f)
    current, cur_params = dmops.current_status_sql(f)
    end = f.date_to
    query = f"""
WITH types AS (
    SELECT country, dmop,
           COALESCE(MAX(dmop_type), CASE WHEN MAX(outcome) = 3 THEN 'coordination' END) AS dmop_type
    FROM dmop_status GROUP BY country, dmop
),
hist AS (
    SELECT s.country, s.dmop, s.step, s.as_of
    FROM dmop_status s JOIN types USING (country, dmop)
    WHERE types.dmop_type = 'coordination' AND s.as_of IS NOT NULL{sql.and_(where)}
),
years AS (
    SELECT DISTINCT year(as_of) AS year FROM hist
    UNION SELECT DISTINCT year FROM targets t WHERE year IS NOT NULL{sql.and_(t_where)}
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
UNION ALL      -- now (as dmops.dmop_board shows it): coordination DMOPs at step 5 or later
SELECT 'now', country, 'total', NULL,
       COUNT(*) FILTER (WHERE (dmop_type = 'coordination' OR (dmop_type IS NULL AND outcome = 3))
                        AND COALESCE(step, 0) >= 5)::DOUBLE
FROM cur WHERE country IS NOT NULL GROUP BY country
UNION ALL
SELECT DISTINCT 'dated', country, NULL, NULL, NULL FROM dmop_status WHERE as_of IS NOT NULL{sql.and_(d_where)}
"""
    df = sql.run(con, query, params + t_params + [end] + cur_params + d_params)
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
    where, params = sql.conditions(f, alias="t", dmop=None)
    dmop_clause, dmop_params = sql.in_list("t.dmop", f.dmops)
    if dmop_clause:       # DMOPs picked: their targets only
        where.append(dmop_clause)
        params += dmop_params
        pick = "SUM(target)"
    else:                 # otherwise a country-wide target wins over the sum of DMOP targets
        pick = "COALESCE(SUM(target) FILTER (WHERE dmop IS NULL), SUM(target))"
    query = f"""
WITH named AS (
    SELECT t.country, COALESCE(i.indicator, t.indicator) AS indicator, t.period, t.year, t.dmop, t.target
    FROM targets t
    LEFT JOIN (SELECT DISTINCT indicator, name FROM indicators) i
           ON lower(trim(t.indicator)) IN (lower(i.indicator), lower(i.name))
    {sql.where(where)}
)
SELECT country, indicator, period, year, {pick} AS target
FROM named
GROUP BY country, indicator, period, year
"""
    return sql.run(con, query, params)
