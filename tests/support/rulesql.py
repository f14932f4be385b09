"""The counting rules of `atlas_data.rules` as the queries run them: their SQL fragments, evaluated by DuckDB."""
from __future__ import annotations

import duckdb

from atlas_data import rules


def _one(sql: str, params: list):
    con = duckdb.connect()
    try:
        return con.execute(sql, params).fetchone()[0]
    finally:
        con.close()


def status(attended, total, excused=0, threshold: float = rules.DEFAULT_COMPLETION_THRESHOLD,
           excused_counts_as_missed: bool = False) -> str:
    """``no_show`` / ``completed`` / ``dropped_out`` by ``rules.participation_status_sql``."""
    case = rules.participation_status_sql("a", "t", "e", "th", excused_counts_as_missed)
    return _one(f"SELECT {case} FROM (SELECT ?::DOUBLE AS th, ?::BIGINT AS a, ?::BIGINT AS t, ?::BIGINT AS e)",
                [threshold, attended, total, excused])


def fiscal_year(day) -> int | None:
    """The fiscal year of ``day`` by ``rules.fiscal_year_sql``."""
    return _one(f"SELECT {rules.fiscal_year_sql('d')} FROM (SELECT ?::DATE AS d)", [day])


def with_participation(con, threshold: float = rules.DEFAULT_COMPLETION_THRESHOLD,
                       excused_counts_as_missed: bool = False):
    """``con`` with a ``participation`` table: one row per participant and activity with the status the
    Dropout and Overview queries give them (their own CTEs, ``dropout.participant_cte``)."""
    from atlas_data.queries import dropout

    ctes, params = dropout.participant_cte(None, threshold, excused_counts_as_missed)
    frame = con.execute(f"WITH {ctes} SELECT country, dmop, activity, participant_key, institution, gender, "
                        f"sessions_total, sessions_attended, sessions_excused, status FROM status", params).df()
    con.register("participation", frame)
    return con


def table_counts(con) -> dict[str, int]:
    """Rows per stored table."""
    from atlas_data.store.versions import STORED_TABLES

    cur = con.cursor()
    try:
        return {t: cur.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in STORED_TABLES}
    finally:
        cur.close()
