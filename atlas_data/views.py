"""`connect()`: a DuckDB connection with one view per contract table over the current store version,
plus the derived views `participation`, `kii_tally`, `dmop_current` and the indicator catalogue.

DMOP names in every view are the display names in `dmop_names` (the alias sheet's name, else the most
used spelling), so `Enforcement Living Labs` and `Living Lab` are one DMOP everywhere.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from . import contract as C
from . import store as S

DEFAULT_COMPLETION_THRESHOLD = 0.75


def sql_literal(text: str) -> str:
    """A path as a SQL string literal (paths are ours, never user input, but may hold quotes)."""
    return "'" + str(text).replace("'", "''") + "'"


def _duck_type(arrow_type) -> str:
    import pyarrow as pa

    if pa.types.is_date(arrow_type):
        return "DATE"
    if pa.types.is_timestamp(arrow_type):
        return "TIMESTAMP"
    if pa.types.is_integer(arrow_type):
        return "BIGINT"
    if pa.types.is_floating(arrow_type):
        return "DOUBLE"
    if pa.types.is_boolean(arrow_type):
        return "BOOLEAN"
    return "VARCHAR"


def _base_views(con: duckdb.DuckDBPyConnection, version_dir: Path | None) -> None:
    for name in S.STORED_TABLES + S.DERIVED_TABLES:
        folder = version_dir / name if version_dir else None
        if folder is not None and folder.is_dir() and any(folder.glob("*.parquet")):
            con.execute(f"CREATE VIEW {name}_base AS SELECT * FROM read_parquet({sql_literal(folder.as_posix() + '/*.parquet')})")
        else:  # typed, empty, and visible to every cursor (a registered Arrow object is not)
            columns = ", ".join(f"NULL::{_duck_type(f.type)} AS {f.name}" for f in S.table_schema(name))
            con.execute(f"CREATE VIEW {name}_base AS SELECT {columns} LIMIT 0")


def _named(table: str) -> str:
    """The table's rows with the DMOP display name (one join with the small dmop_names table)."""
    columns = C.STORED_COLUMNS.get(table, ())
    if "dmop" not in columns or "country" not in columns:
        return f"SELECT * FROM {table}_base"
    return (f"SELECT b.* REPLACE (coalesce(n.dmop, b.dmop) AS dmop) FROM {table}_base b "
            f"LEFT JOIN dmop_names_base n ON n.dmop_key = b.dmop_key AND n.country IS NOT DISTINCT FROM b.country")


def connect(parquet_dir="data/parquet", completion_threshold: float = DEFAULT_COMPLETION_THRESHOLD,
            ) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection whose views read the store's current version."""
    threshold = float(completion_threshold)
    if not 0 < threshold <= 1:
        raise ValueError("completion_threshold must be above 0 and at most 1")
    con = duckdb.connect()
    version_dir = S.current_dir(Path(parquet_dir))
    _base_views(con, version_dir)
    for table in S.STORED_TABLES:
        if table == "indicators":
            continue
        con.execute(f"CREATE VIEW {table} AS {_named(table)}")
    builtin = " UNION ALL ".join(
        f"SELECT {sql_literal(i)} AS indicator, {sql_literal(n)} AS name, {sql_literal(u)} AS unit, "
        f"{'NULL' if o is None else int(o)}::BIGINT AS outcome, NULL::VARCHAR AS dmop"
        for i, n, u, o in C.KEY_INDICATORS)
    con.execute(f"""
        CREATE VIEW indicators AS
        SELECT indicator, name, unit, outcome, dmop FROM indicators_base
        UNION ALL
        SELECT * FROM ({builtin}) k WHERE k.indicator NOT IN (SELECT indicator FROM indicators_base)""")
    con.execute(f"""
        CREATE VIEW participation AS
        WITH held AS (
            SELECT country, dmop, activity,
                   count(DISTINCT concat_ws('|', CAST(session_date AS VARCHAR), session)) AS sessions_total
            FROM attendance GROUP BY ALL),
        person AS (
            SELECT country, dmop, activity, participant_key,
                   any_value(institution) AS institution, any_value(gender) AS gender,
                   any_value(modality) AS modality,
                   count(DISTINCT concat_ws('|', CAST(session_date AS VARCHAR), session)) FILTER (WHERE attended)
                       AS sessions_attended,
                   min(session_date) FILTER (WHERE attended) AS first_session,
                   max(session_date) FILTER (WHERE attended) AS last_session
            FROM attendance WHERE role = 'participant' AND participant_key IS NOT NULL GROUP BY ALL)
        SELECT p.country, p.dmop, p.activity, p.participant_key, p.institution, p.gender,
               h.sessions_total::BIGINT AS sessions_total, p.sessions_attended::BIGINT AS sessions_attended,
               CASE WHEN p.sessions_attended = 0 THEN 'no_show'
                    WHEN p.sessions_attended >= {threshold!r} * h.sessions_total THEN 'completed'
                    ELSE 'dropped_out' END AS status,
               p.first_session, p.last_session, p.modality
        FROM person p JOIN held h USING (country, dmop, activity)""")
    con.execute("""
        CREATE VIEW kii_tally AS
        SELECT country, question, answer, count(*)::BIGINT AS n, criterion, stakeholder_type,
               'respondents' AS unit, NULL::VARCHAR AS note, dmop, NULL::BOOLEAN AS shareable, source_file,
               NULL::BIGINT AS question_order
        FROM kii_answers GROUP BY country, question, answer, criterion, stakeholder_type, dmop, source_file
        UNION ALL
        SELECT country, question, answer, n, criterion, stakeholder_type, unit, note, dmop, shareable,
               source_file, question_order
        FROM kii_counts""")
    con.execute("""
        CREATE VIEW dmop_current AS
        SELECT * EXCLUDE (rn) FROM (
            SELECT *, row_number() OVER (PARTITION BY country, dmop
                                         ORDER BY as_of DESC NULLS LAST, source_file DESC, source_row DESC) AS rn
            FROM dmop_status) WHERE rn = 1""")
    return con


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per stored table, for summaries and tests."""
    cur = con.cursor()
    return {t: cur.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in S.STORED_TABLES}
