"""What the ingest made of each file, the rejected rows, the files and dates behind a figure, the sidebar's
options. Page: Data (and every page's source lines)."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from atlas_data.queries import sql
from atlas_data.queries.sql import Filters


def ingest_summary(con, filters: Filters | None = None) -> pd.DataFrame:
    """One row per source file: what the last ingest made of it. Page: Data.

    Columns: source_file, tables, sheets, rows_kept, rows_rejected, status (every status seen,
    worst first), message (first non-empty), ingested_at (latest). ``filters`` do not apply.
    """
    query = """
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
    return sql.run(con, query)


def ingest_sheets(con, filters: Filters | None = None, source_file: str | None = None) -> pd.DataFrame:
    """Every sheet of every file (or of ``source_file``) with its table and counts. Page: Data.

    Columns as ``ingest_files``. ``filters`` do not apply.
    """
    clause, params = sql.in_list("source_file", source_file)
    query = f"""
SELECT source_file, source_sheet, table_name, rows_kept, rows_rejected, status, message, ingested_at,
       message_code, message_fields
FROM ingest_files
{sql.where([clause] if clause else [])}
ORDER BY source_file, source_sheet
"""
    return sql.run(con, query, params)


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
        clause, p = sql.in_list(col, values)
        if clause:
            where.append(clause)
            params += p
    limit = int(limit)
    if limit < 0:
        raise ValueError("limit must be 0 or more")
    query = f"""
SELECT table_name, source_file, source_sheet, source_row, column_name, value, reason, severity, code,
       reason_fields
FROM rejected
{sql.where(where)}
ORDER BY source_file, source_sheet, source_row NULLS LAST, column_name
LIMIT ?
"""
    return sql.run(con, query, params + [limit])


def rejected_reasons(con, filters: Filters | None = None) -> pd.DataFrame:
    """How many rows were rejected, per table, file, severity and reason code. Page: Data.

    Columns: table_name, source_file, severity, code, rows, example (one reason text).
    """
    query = """
SELECT table_name, source_file, severity, code, COUNT(*)::BIGINT AS rows, MIN(reason) AS example,
       arg_min(reason_fields, reason) AS example_fields
FROM rejected
GROUP BY table_name, source_file, severity, code
ORDER BY CASE severity WHEN 'error' THEN 0 ELSE 1 END, rows DESC, source_file
"""
    return sql.run(con, query)


# table -> date column of the table (None: no date); used by last_update and sources.
TABLE_DATES: dict[str, str | None] = {
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
    for table, col in TABLE_DATES.items():
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
    query = f"""
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
    df = sql.run(con, query)
    order = {t: i for i, t in enumerate(TABLE_DATES)}
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
        if name not in TABLE_DATES:
            raise ValueError(f"sources: unknown table {name!r}; choose from {sorted(TABLE_DATES)}")
        where, p = sql.conditions(filters, dmop=None if name in _NO_DMOP else "dmop",
                               dmop_nullable=name in _DMOP_NULLABLE, date_col=TABLE_DATES[name])
        if name == "attendance":   # rows per country, DMOP, date and file, counted once per connection
            parts.append(f"SELECT '{name}' AS table_name, source_file, SUM(rows)::BIGINT AS rows "
                         f"FROM attendance_sources {sql.where(where)} GROUP BY source_file")
        else:
            parts.append(f"SELECT '{name}' AS table_name, source_file, COUNT(*)::BIGINT AS rows FROM {name} "
                         f"{sql.where(where)} GROUP BY source_file")
        params += p
    query = "\nUNION ALL\n".join(parts) + "\nORDER BY table_name, source_file"
    df = sql.run(con, query, params)
    return df[df["source_file"].notna()].reset_index(drop=True)


# table -> the date that says how recent its rows are (a milestone's planned date is not data yet)
AS_OF_DATES = {**TABLE_DATES, "attendance": "session_date", "dmop_milestones": "actual_date",
                "events": "COALESCE(end_date, start_date)"}


def data_as_of(con, table: str | Sequence[str], filters: Filters | None = None):
    """The newest date among the rows of the tables ``table`` names (as ``sources``) under ``filters``: what a page
    prints as "Data as of …". None when those rows carry no date (KII tallies, respondents).
    Pages: every page, under the title."""
    tables = (table,) if isinstance(table, str) else tuple(table)
    parts, params = [], []
    for name in dict.fromkeys(_SOURCE_ALIASES.get(t, t) for t in tables):
        if name not in AS_OF_DATES:
            raise ValueError(f"data_as_of: unknown table {name!r}; choose from {sorted(AS_OF_DATES)}")
        col = AS_OF_DATES[name]
        if col is None:
            continue
        view = "activity_sessions" if name == "attendance" else name
        where, p = sql.conditions(filters, dmop=None if name in _NO_DMOP else "dmop",
                               dmop_nullable=name in _DMOP_NULLABLE, date_col=col)
        parts.append(f"SELECT MAX({col}) AS d FROM {view} {sql.where(where)}")
        params += p
    if not parts:
        return None
    df = sql.run(con, "SELECT MAX(d) AS d FROM (\n" + "\nUNION ALL\n".join(parts) + "\n)", params)
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
        w, p = sql.conditions(filters, dmop=None)
        parts.append(f"SELECT country, dmop, MIN({first}) AS first_date, MAX({last}) AS last_date FROM {table} "
                     f"{sql.where(w)} GROUP BY country, dmop")
        params += p
    query = ("SELECT country, dmop, MIN(first_date) AS first_date, MAX(last_date) AS last_date FROM (\n"
           + "\nUNION ALL\n".join(parts) + "\n) WHERE dmop IS NOT NULL GROUP BY country, dmop")
    return sql.country_sort(sql.run(con, query, params), "dmop")
