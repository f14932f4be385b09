"""`connect()`: a DuckDB connection with one view per contract table over the current store version,
plus the derived views `kii_tally`, `dmop_current` and the indicator catalogue.

DMOP names in every view are the display names in `dmop_names` (the alias sheet's name, else the most
used spelling), so `Enforcement Living Labs` and `Living Lab` are one DMOP everywhere.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from atlas_data import contract as C
from atlas_data.store import versions as S


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


def connect(parquet_dir="data/parquet") -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection whose views read the store's current version, with the aggregates
    the queries read: stored by the ingest in the version (``write_aggregates``), else, in a version
    written before they were, built here (``build_aggregates``). `parquet_dir` may be an ``s3://`` URI:
    the current version is then read from its local copy (``store.remote``)."""
    from atlas_data.store import remote

    con = duckdb.connect()
    version_dir = S.current_dir(remote.local_root(parquet_dir))
    _table_views(con, version_dir)
    if version_dir is not None and aggregates_stored(version_dir):
        _aggregate_tables(con, version_dir)
    else:
        build_aggregates(con)
    _derived_views(con)
    return con


def _table_views(con: duckdb.DuckDBPyConnection, version_dir: Path | None) -> None:
    """A view per contract table (DMOP display names applied) and the indicator catalogue."""
    _base_views(con, version_dir)
    for table in S.STORED_TABLES:
        if table == "indicators":
            continue
        con.execute(f"CREATE VIEW {table} AS {_named(table)}")
    # the key indicators are built in: a catalogue row from a file wins; a built-in row has no source
    builtin = " UNION ALL ".join(
        f"SELECT {sql_literal(i)} AS indicator, {sql_literal(n)} AS name, {sql_literal(u)} AS unit, "
        f"{'NULL' if o is None else int(o)}::BIGINT AS outcome, NULL::VARCHAR AS dmop, "
        "NULL::VARCHAR AS source_file, NULL::VARCHAR AS source_sheet, NULL::BIGINT AS source_row"
        for i, n, u, o in C.KEY_INDICATORS)
    con.execute(f"""
        CREATE VIEW indicators AS
        SELECT indicator, name, unit, outcome, dmop, source_file, source_sheet, source_row FROM indicators_base
        UNION ALL
        SELECT * FROM ({builtin}) k WHERE k.indicator NOT IN (SELECT indicator FROM indicators_base)""")


def _derived_views(con: duckdb.DuckDBPyConnection) -> None:
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


AGGREGATE_TABLES = ("person_activity", "institution_codes", "person_activity_detail", "activity_sessions",
                    "activity_totals", "attendance_sources")
AGGREGATE_FILE = "aggregate.parquet"


def aggregates_stored(version_dir: Path) -> bool:
    return all((version_dir / name / AGGREGATE_FILE).is_file() for name in AGGREGATE_TABLES)


def _aggregate_tables(con: duckdb.DuckDBPyConnection, version_dir: Path) -> None:
    """The stored aggregates loaded as in-memory tables (tens of milliseconds at a million attendance rows;
    the pages then query memory, as when they were built here)."""
    for name in AGGREGATE_TABLES:
        path = sql_literal((version_dir / name / AGGREGATE_FILE).as_posix())
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet({path})")


def write_aggregates(version_dir: Path) -> None:
    """Build the aggregates over a version's own Parquet (the views ``connect()`` makes, DMOP display names
    included) and store each as ``<version>/<aggregate>/aggregate.parquet``: done once by the ingest,
    so a server's first page does not build them (about 4 s at a million attendance rows)."""
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")   # a batch step: no bar on the terminal
        _table_views(con, version_dir)
        build_aggregates(con)
        for name in AGGREGATE_TABLES:
            (version_dir / name).mkdir(exist_ok=True)
            path = sql_literal((version_dir / name / AGGREGATE_FILE).as_posix())
            con.execute(f"COPY {name} TO {path} (FORMAT parquet, COMPRESSION zstd)")
    finally:
        con.close()


def _dates_attended(where: str) -> str:
    """The columns attended_dates (sorted, no NULL), attended_undated and attended_months of a group's rows
    where `where` holds (SQL text over a row of attendance)."""
    dated = f"{where} AND session_date IS NOT NULL"

    def sorted_distinct(value: str) -> str:
        """The group's distinct ``value``s, sorted: a list of one is so already (most groups of
        person_activity_detail), so only longer ones are sorted."""
        values = f"list({value}) FILTER (WHERE {dated})"
        return (f"COALESCE(CASE WHEN count(*) FILTER (WHERE {dated}) > 1 THEN list_sort(list_distinct({values})) "
                f"ELSE {values} END, []::DATE[])")

    return f"""{sorted_distinct('session_date')} AS attended_dates,
               COALESCE(bool_or(session_date IS NULL) FILTER (WHERE {where}), FALSE) AS attended_undated,
               {sorted_distinct("date_trunc('month', session_date)::DATE")} AS attended_months"""


def build_aggregates(con: duckdb.DuckDBPyConnection) -> None:
    """In-memory aggregates the pages query instead of raw attendance rows (built once per connection,
    i.e. once per store version in the dashboard): integer person ids and far fewer rows.

    Rows without a ``participant_key`` count in the session tables only; an empty ``role`` is
    ``participant``, an empty ``attended`` is attended and an empty ``excused`` is not excused (as the
    queries always read them).

    - person_activity: one row per person, activity and role. ``attended_dates`` are the dates
      attended (sorted, no NULL; ``attended_undated`` when a session without a date was attended;
      ``attended_months`` their months), so a date filter stays exact: ``len(list_filter(attended_dates, lambda d: d BETWEEN ? AND ?)) > 0``.
      ``sessions_excused``: the sessions they were excused from and did not attend (a row of theirs says
      excused, none says attended).
      ``institution`` is the one of the latest session (of rows on one day, the first in the files),
      ``gender`` the one any row gives, ``attended_gender`` the one the sessions attended give (NULL:
      Unknown) and, only when those sessions give different genders, ``attended_genders`` the
      (date, gender) pairs they give.
    - person_activity_detail: people who attended as participants, one row per person, activity and
      the institution (``inst_id``, named in ``institution_codes``), modality and region a row of
      theirs gives, with the dates attended under those values: reach by institution, modality or
      region counts a person in every cell a row puts them in. Dates as in person_activity.
    - activity_sessions: one row per session of an activity, in date order, with its attendees.
    - activity_totals: sessions held per activity, first and last session date.
    - attendance_sources: attendance rows per country, DMOP, date and source file.
    """
    attended = "COALESCE(attended, TRUE)"
    excused = "COALESCE(excused, FALSE)"
    role = "COALESCE(role, 'participant')"
    # the latest session first; of rows on one day, the first in the files (ties decided the same way every time)
    latest_first = "(-date_diff('day', DATE '1970-01-01', session_date), source_file, source_row)"
    known = "gender <> 'Unknown'"
    person = "country, dmop, activity, participant_key, role"   # a person_activity row's key

    def same_person(x: str, y: str) -> str:
        return (f"{x}.participant_key = {y}.participant_key AND {x}.role = {y}.role "
                f"AND {x}.country IS NOT DISTINCT FROM {y}.country AND {x}.dmop IS NOT DISTINCT FROM {y}.dmop "
                f"AND {x}.activity IS NOT DISTINCT FROM {y}.activity")

    # one row per session (date and name), person and role (NULL participant_key: the rows without one), whether
    # a row of theirs says attended, and whether one says excused and not attended: one grouping of the rows
    # that counts the sessions both per person (person_activity) and per session (activity_sessions)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE person_sessions AS
        SELECT country, dmop, activity, participant_key, {role} AS role, session_date, COALESCE(session, '') AS session,
               bool_or({attended}) AS attended, bool_or({excused} AND NOT {attended}) AS excused
        FROM attendance GROUP BY ALL""")
    con.execute(f"""
        CREATE TABLE person_activity AS
        WITH p AS (
        SELECT country, dmop, activity, participant_key, hash(participant_key) AS pid, {role} AS role,
               arg_min(institution, {latest_first}) FILTER (WHERE institution IS NOT NULL AND session_date IS NOT NULL)
                   AS institution,
               arg_min(organization, {latest_first}) FILTER (WHERE organization IS NOT NULL AND session_date IS NOT NULL)
                   AS organization,
               COALESCE(max(gender) FILTER (WHERE {known}), 'Unknown') AS gender,
               any_value(modality) AS modality, any_value(region) AS region,
               {_dates_attended(attended)},
               max(gender) FILTER (WHERE {attended} AND {known}) AS attended_gender,
               -- the rows attended give more than one gender (NULL: Unknown): their least and greatest differ
               min(COALESCE(gender, 'Unknown')) FILTER (WHERE {attended})
                   <> max(COALESCE(gender, 'Unknown')) FILTER (WHERE {attended}) AS genders_differ,
               min(session_date) FILTER (WHERE {attended}) AS first_session,
               max(session_date) FILTER (WHERE {attended}) AS last_session,
               min(source_file) AS source_file
        FROM attendance WHERE participant_key IS NOT NULL
        GROUP BY country, dmop, activity, participant_key, {role}
        ),
        -- the (date, gender) pairs, built apart for the few rows of p whose genders differ (a list of pairs
        -- per row of p in its grouping would cost more than that grouping); sorted, then a pair equal to the
        -- one before it dropped (cheaper than list_distinct)
        g AS (
            SELECT {person}, list_filter(pairs, lambda x, i: i = 1 OR x <> pairs[i - 1]) AS attended_genders
            FROM (SELECT {person}, list_sort(list({{'d': session_date, 'g': gender}})) AS pairs
                  FROM (SELECT country, dmop, activity, participant_key, {role} AS role, session_date, gender
                        FROM attendance
                        WHERE participant_key IS NOT NULL AND {attended} AND {known} AND session_date IS NOT NULL) a
                  SEMI JOIN p ON p.genders_differ AND {same_person("a", "p")}
                  GROUP BY ALL)
        ),
        s AS (   -- the sessions attended; excused from and not attended (a row says excused, none attended)
            SELECT {person}, count(*) FILTER (WHERE attended)::BIGINT AS sessions_attended,
                   count(*) FILTER (WHERE excused AND NOT attended)::BIGINT AS sessions_excused
            FROM person_sessions WHERE participant_key IS NOT NULL GROUP BY ALL
        )
        SELECT p.country, p.dmop, p.activity, p.participant_key, p.pid, p.role, p.institution, p.organization,
               p.gender, p.modality, p.region, p.attended_dates, p.attended_undated, p.attended_months,
               p.attended_gender, g.attended_genders, s.sessions_attended, p.first_session, p.last_session,
               p.source_file, s.sessions_excused
        FROM p JOIN s ON {same_person("s", "p")} LEFT JOIN g ON {same_person("g", "p")}
        ORDER BY p.country, p.dmop, p.activity""")
    trained = f"participant_key IS NOT NULL AND {role} = 'participant' AND {attended}"
    con.execute(f"""
        CREATE TABLE institution_codes AS
        SELECT row_number() OVER (ORDER BY institution NULLS FIRST)::INTEGER AS inst_id, institution
        FROM (SELECT DISTINCT institution FROM attendance WHERE {trained})""")
    con.execute(f"""
        CREATE TABLE person_activity_detail AS
        SELECT a.country, a.dmop, a.activity, hash(a.participant_key) AS pid, c.inst_id, a.modality, a.region,
               {_dates_attended("TRUE")}
        FROM attendance a JOIN institution_codes c ON c.institution IS NOT DISTINCT FROM a.institution
        WHERE {trained}
        GROUP BY a.country, a.dmop, a.activity, a.participant_key, c.inst_id, a.modality, a.region
        ORDER BY a.country, a.dmop, a.activity""")   # unsorted, reach by institution took a third longer
    con.execute("""
        CREATE TABLE activity_sessions AS
        WITH s AS (   -- count(participant_key): the people of a session, rows without a key not counted
            SELECT country, dmop, activity, session_date, session,
                   count(participant_key) FILTER (WHERE role = 'participant' AND attended)::BIGINT AS attendees,
                   count(participant_key) FILTER (WHERE role = 'participant')::BIGINT AS on_roster
            FROM person_sessions GROUP BY ALL)
        SELECT *, row_number() OVER (PARTITION BY country, dmop, activity
                                     ORDER BY session_date NULLS LAST, session)::BIGINT AS session_no
        FROM s ORDER BY country, dmop, activity, session_no""")
    con.execute("""
        CREATE TABLE activity_totals AS
        SELECT country, dmop, activity, count(*)::BIGINT AS sessions_total,
               min(session_date) AS first_session, max(session_date) AS last_session
        FROM activity_sessions GROUP BY ALL ORDER BY country, dmop, activity""")
    con.execute("""
        CREATE TABLE attendance_sources AS
        SELECT country, dmop, session_date, source_file, count(*)::BIGINT AS rows
        FROM attendance GROUP BY ALL ORDER BY country, dmop, session_date""")
    con.execute("DROP TABLE person_sessions")
