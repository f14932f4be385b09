"""Rules added on the `privacy` branch: rejected values never echo personal data, a list of people is never
an indicator catalogue, a password-protected .xlsx says so, the CLI summary tells "matched no table" from
"could not be read", and every view keeps its rows' provenance.

All fixtures are written here into tmp_path; every name is fake.
"""
from __future__ import annotations

import atlas_data
from filemaker import write_csv


def q(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


# ---------------------------------------------------------------------------------------------- provenance

def test_indicators_view_keeps_source_file_sheet_and_row(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "catalogo.csv", [
        ["Indicator", "Name", "Unit"],
        ["KI-2", "Individuals provided with training or other support", "#"],
        ["PY-1", "Protocols adopted by the Public Ministry", "#"],
    ])
    atlas_data.ingest(raw, tmp_path / "pq")
    con = atlas_data.connect(tmp_path / "pq")
    assert q(con, "SELECT indicator, source_file, source_sheet, source_row FROM indicators ORDER BY indicator") == [
        ("KI-1", None, None, None),                   # built in: no file gave it
        ("KI-2", "catalogo.csv", "", 2),              # the file's row replaces the built-in one
        ("KI-3", None, None, None),
        ("PY-1", "catalogo.csv", "", 3),
    ]


def test_every_stored_table_view_has_source_columns(tmp_path):
    con = atlas_data.connect(tmp_path / "empty")
    from atlas_data.contract import STORED_COLUMNS
    for table in STORED_COLUMNS:  # every contract table (ingest_files is a log per file and sheet, not rows)
        columns = {c for (c,) in q(con, f"SELECT column_name FROM (DESCRIBE {table})")}
        assert {"source_file", "source_sheet", "source_row"} <= columns, table
    assert {"source_file", "source_sheet", "source_row"} <= {
        c for (c,) in q(con, "SELECT column_name FROM (DESCRIBE dmop_current)")}
    assert "source_file" in {c for (c,) in q(con, "SELECT column_name FROM (DESCRIBE kii_tally)")}
