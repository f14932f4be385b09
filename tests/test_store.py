"""The Parquet store: re-ingesting is idempotent, a changed file replaces only its rows, a deleted file's rows
go, a failed or interrupted ingest leaves the previous version readable and identical, one ingest at a time.
"""
from __future__ import annotations

import errno
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import atlas_data
from atlas_data.store import versions as S
from atlas_data.store.views import AGGREGATE_TABLES
from filemaker import tree_hashes, write_csv, write_defaults, write_xlsx

HEADER = ["País", "Modelo", "Actividad", "Fecha", "Nombre", "Institución", "Sexo"]
A_ROWS = [HEADER,
          ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "Ana Sosa", "MTESS", "F"],
          ["Paraguay", "Living Lab", "Taller ETP", "09/05/2023", "Luis Vera", "Fiscalía", "M"]]
B_ROWS = [HEADER,
          ["Thailand", "MDT", "MDT training", "15/06/2021", "Somchai K", "DLPW", "M"],
          ["Thailand", "MDT", "MDT training", "15/06/2021", "Malee P", "DOE", "F"],
          ["Thailand", "MDT", "MDT training", "31/02/2021", "Niran S", "DOE", "M"]]   # row 4: rejected
EVENTS = [["Country", "DMOP", "Activity", "Date", "Participants"],
          ["Thailand", "MDT", "Consultation", "22/09/2020", "36"]]
TABLES = ("attendance", "events", "rejected", "ingest_files")


pytestmark = pytest.mark.usefixtures("secret_file")


@pytest.fixture
def store(tmp_path):
    """Two raw files (one CSV, one workbook with two sheets) ingested once."""
    raw, out = tmp_path / "raw", tmp_path / "parquet"
    write_csv(raw / "a.csv", A_ROWS)
    write_xlsx(raw / "b.xlsx", {"Roster": B_ROWS, "Eventos": EVENTS})
    report = atlas_data.ingest(raw, out)
    assert report.exit_code == 0 and report.changed
    report.store_version = atlas_data.store_version(out)
    return raw, out, report


def snapshot(out, files=None) -> dict:
    """Every row of the main tables (minus ingest timestamps), per table, sorted."""
    con = atlas_data.connect(out)
    try:
        snap = {}
        for table in TABLES:
            cols = [c for (c,) in con.execute(
                "SELECT column_name FROM (DESCRIBE SELECT * FROM " + table + ")").fetchall() if c != "ingested_at"]
            where = ""
            params = []
            if files is not None:
                where = " WHERE source_file IN (" + ", ".join("?" for _ in files) + ")"
                params = list(files)
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}{where}", params).fetchall()
            snap[table] = sorted(rows, key=repr)
        return snap
    finally:
        con.close()


def current_tree(out) -> dict:
    return tree_hashes(S.current_dir(Path(out)))


def test_ingesting_the_same_files_twice_changes_nothing(store):
    raw, out, first = store
    before, tree = snapshot(out), current_tree(out)
    again = atlas_data.ingest(raw, out)
    assert again.changed is False
    assert atlas_data.store_version(out) == first.store_version
    assert again.version == first.store_version
    assert again.exit_code == 0
    assert {f.path: f.status for f in again.files} == {"a.csv": "unchanged", "b.xlsx": "unchanged"}
    assert snapshot(out) == before
    assert current_tree(out) == tree
    assert len(before["attendance"]) == 4 and len(before["events"]) == 1 and len(before["rejected"]) == 1


def test_report_version_is_the_store_version(store):
    """`IngestReport.version` is what `store_version()` returns (the dashboard's cache key), changed or not."""
    raw, out, first = store
    assert first.version == atlas_data.store_version(out)
    assert atlas_data.ingest(raw, out).version == first.version


def test_a_changed_file_replaces_only_its_own_rows(store):
    raw, out, first = store
    b_before = snapshot(out, ["b.xlsx"])
    write_csv(raw / "a.csv", A_ROWS[:2] + [
        ["Paraguay", "Living Lab", "Taller ETP", "10/05/2023", "Rosa Paz", "Policía Nacional", "F"],
        ["Paraguay", "Living Lab", "Taller ETP", "10/05/2023", "Rosa Paz", "Policía Nacional", "F"]])
    second = atlas_data.ingest(raw, out)
    assert second.changed is True
    assert atlas_data.store_version(out) != first.store_version
    assert {f.path: f.status for f in second.files} == {"a.csv": "ok", "b.xlsx": "unchanged"}
    con = atlas_data.connect(out)
    assert con.execute("SELECT institution, session_date::VARCHAR, source_row FROM attendance "
                       "WHERE source_file = 'a.csv' ORDER BY source_row").fetchall() == [
        ("MTESS", "2023-05-09", 2), ("Policía Nacional", "2023-05-10", 3), ("Policía Nacional", "2023-05-10", 4)]
    assert snapshot(out, ["b.xlsx"]) == b_before


def test_a_file_that_breaks_keeps_its_previous_rows_until_it_is_fixed(store):
    """A readable workbook replaced by a damaged one: its earlier rows are kept (exit 1, kept_previous);
    the same damaged file again changes nothing; the repaired file replaces the rows."""
    raw, out, first = store
    b_before = snapshot(out, ["b.xlsx"])
    (raw / "b.xlsx").write_bytes(b"PK\x03\x04 this is not a workbook any more")
    broken = atlas_data.ingest(raw, out)
    assert broken.exit_code == 1 and broken.changed
    (b,) = [f for f in broken.files if f.path == "b.xlsx"]
    assert b.status == "kept_previous" and "previous version are kept" in b.message
    assert snapshot(out, ["b.xlsx"]) == b_before
    version = atlas_data.store_version(out)

    again = atlas_data.ingest(raw, out)
    assert not again.changed and atlas_data.store_version(out) == version
    assert {f.path: f.status for f in again.files} == {"a.csv": "unchanged", "b.xlsx": "kept_previous"}
    assert [f.message for f in again.files if f.path == "b.xlsx"] == [b.message]
    assert again.exit_code == 1
    assert snapshot(out, ["b.xlsx"]) == b_before

    write_xlsx(raw / "b.xlsx", {"Roster": B_ROWS[:2]})
    fixed = atlas_data.ingest(raw, out)
    assert fixed.exit_code == 0 and fixed.changed
    con = atlas_data.connect(out)
    assert con.execute("SELECT institution FROM attendance WHERE source_file = 'b.xlsx'").fetchall() == [("DLPW",)]
    assert con.execute("SELECT count(*) FROM events WHERE source_file = 'b.xlsx'").fetchone() == (0,)


def test_a_changed_defaults_companion_rereads_its_file(store):
    raw, out, _ = store
    write_csv(raw / "c.csv", [HEADER[1:], ["Living Lab", "Taller ETP", "09/05/2023", "Eva Ríos", "MTESS", "F"]])
    write_defaults(raw / "c.csv", {"country": "Bolivia"})
    atlas_data.ingest(raw, out)
    write_defaults(raw / "c.csv", {"country": "Argentina"})
    report = atlas_data.ingest(raw, out)
    assert report.changed
    con = atlas_data.connect(out)
    assert con.execute("SELECT country FROM attendance WHERE source_file = 'c.csv'").fetchall() == [("Argentina",)]


def test_a_deleted_raw_file_rows_disappear(store):
    raw, out, _ = store
    a_before = snapshot(out, ["a.csv"])
    (raw / "b.xlsx").unlink()
    report = atlas_data.ingest(raw, out)
    assert report.changed and [f.path for f in report.files] == ["a.csv"]
    after = snapshot(out)
    assert after == a_before
    con = atlas_data.connect(out)
    for table in TABLES:
        assert con.execute(f"SELECT count(*) FROM {table} WHERE source_file = 'b.xlsx'").fetchall() == [(0,)], table


def _failing_write(monkeypatch, exc):
    calls = {"n": 0}
    real = S.VersionWriter.write

    def write(self, table, fid, frame):
        calls["n"] += 1
        if calls["n"] >= 2:
            raise exc
        return real(self, table, fid, frame)

    monkeypatch.setattr(S.VersionWriter, "write", write)
    return calls


def test_an_ingest_failing_midway_leaves_the_previous_version_readable_and_identical(store, monkeypatch):
    raw, out, first = store
    before, tree = snapshot(out), current_tree(out)
    write_csv(raw / "a.csv", A_ROWS[:2])
    write_csv(raw / "new.csv", A_ROWS)
    with monkeypatch.context() as patched:
        calls = _failing_write(patched, OSError(errno.ENOSPC, "No space left on device"))
        with pytest.raises(atlas_data.IngestError) as info:
            atlas_data.ingest(raw, out)
    assert calls["n"] >= 2
    message = str(info.value)
    assert str(out) in message and "disk is full" in message and "\n" not in message
    assert atlas_data.store_version(out) == first.store_version
    assert snapshot(out) == before and current_tree(out) == tree
    assert not [p.name for p in out.iterdir() if ".tmp-" in p.name]
    third = atlas_data.ingest(raw, out)
    assert third.changed and atlas_data.store_version(out) != first.store_version
    assert len(snapshot(out, ["new.csv"])["attendance"]) == 2


def test_an_interrupted_ingest_leaves_the_previous_version(store, monkeypatch):
    raw, out, first = store
    before, tree = snapshot(out), current_tree(out)
    write_csv(raw / "a.csv", A_ROWS[:2])

    def interrupted(self, manifest):
        raise KeyboardInterrupt

    monkeypatch.setattr(S.VersionWriter, "commit", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atlas_data.ingest(raw, out)
    assert atlas_data.store_version(out) == first.store_version
    assert snapshot(out) == before and current_tree(out) == tree


def test_leftovers_of_a_killed_ingest_are_ignored_then_removed(store):
    raw, out, first = store
    before = snapshot(out)
    leftover = out / "v000002.tmp-99999"
    (leftover / "attendance").mkdir(parents=True)
    (leftover / "attendance" / "half.parquet").write_bytes(b"PAR1 half written")
    assert snapshot(out) == before and atlas_data.store_version(out) == first.store_version
    write_csv(raw / "a.csv", A_ROWS[:2])
    atlas_data.ingest(raw, out)
    assert not leftover.exists()


def test_a_crash_while_normalizing_a_sheet_is_reported_and_other_files_kept(store, monkeypatch):
    raw, out, _ = store
    b_before = snapshot(out, ["b.xlsx"])
    write_csv(raw / "a.csv", A_ROWS[:2])
    import atlas_data.reading.normalize as N

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(N, "derive", broken)
    report = atlas_data.ingest(raw, out)
    fr = next(f for f in report.files if f.path == "a.csv")
    assert fr.sheets and fr.sheets[0].status == "rejected"
    assert fr.sheets[0].message.startswith("a.csv") and "Traceback" not in fr.sheets[0].message
    assert snapshot(out, ["b.xlsx"]) == b_before


def test_every_stored_row_has_source_file_sheet_and_row(store):
    _, out, _ = store
    version = S.current_dir(out)
    checked = 0
    for path in sorted(version.rglob("*.parquet")):
        table = path.parent.name
        if table in ("rejected", "ingest_files", "dmop_names") + AGGREGATE_TABLES:
            continue
        data = pq.read_table(path)
        assert {"source_file", "source_sheet", "source_row"} <= set(data.column_names), path
        if data.num_rows:
            checked += data.num_rows
            for col in ("source_file", "source_sheet", "source_row"):
                assert data.column(col).null_count == 0, (path, col)
    assert checked == 5
    con = atlas_data.connect(out)
    assert con.execute("SELECT source_file, source_sheet, source_row FROM attendance ORDER BY ALL").fetchall() == [
        ("a.csv", "", 2), ("a.csv", "", 3), ("b.xlsx", "Roster", 2), ("b.xlsx", "Roster", 3)]
    assert con.execute("SELECT source_file, source_sheet, source_row FROM events").fetchall() == [
        ("b.xlsx", "Eventos", 2)]
    assert con.execute("SELECT source_file, source_sheet, source_row FROM rejected").fetchall() == [
        ("b.xlsx", "Roster", 4)]


def test_a_second_ingest_gives_up_with_a_clear_message_when_the_wait_is_short(store):
    raw, out, first = store
    write_csv(raw / "a.csv", A_ROWS[:2])
    result = {}

    def second():
        try:
            atlas_data.ingest(raw, out, wait_seconds=0.3)
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            result["error"] = exc

    with S.locked(out):
        thread = threading.Thread(target=second)
        thread.start()
        thread.join(10)
    assert not thread.is_alive()
    error = result.get("error")
    assert isinstance(error, atlas_data.IngestError)
    assert "another ingest is running" in str(error) and str(out) in str(error)
    assert atlas_data.store_version(out) == first.store_version


def test_a_second_ingest_waits_for_the_first_then_runs(store):
    raw, out, first = store
    write_csv(raw / "a.csv", A_ROWS[:2])
    result, said = {}, []

    def second():
        started = time.monotonic()
        result["report"] = atlas_data.ingest(raw, out, wait_seconds=30, echo=said.append)
        result["waited"] = time.monotonic() - started

    with S.locked(out):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(1.0)
        assert thread.is_alive()
        assert atlas_data.store_version(out) == first.store_version
    thread.join(30)
    assert not thread.is_alive()
    assert result["waited"] >= 0.9
    assert result["report"].changed and atlas_data.store_version(out) != first.store_version
    assert any("waiting" in m.lower() for m in said)


# ---------------------------------------------------------------- large tables: two files, written in parallel

def test_a_large_table_is_written_as_two_halves_and_reused_as_two(tmp_path, monkeypatch):
    """Above 2 × SPLIT_ROWS rows a raw file's table is two Parquet files (`<id>.parquet`, then `<id>_1.parquet`,
    in name order); views read both in order, and an unchanged file's two halves are linked into the next
    version."""
    monkeypatch.setattr(S, "SPLIT_ROWS", 3)
    raw, out = tmp_path / "raw", tmp_path / "parquet"
    people = [f"Persona {k}" for k in range(9)]
    write_csv(raw / "a.csv", [HEADER] + [["Paraguay", "Living Lab", "Taller ETP", f"{k + 1:02d}/05/2023", name,
                                          "MTESS", "F"] for k, name in enumerate(people)])
    write_csv(raw / "b.csv", B_ROWS[:3])
    atlas_data.ingest(raw, out)
    fid = S.file_id("a.csv")
    folder = S.current_dir(out) / "attendance"
    assert sorted(p.name for p in folder.glob(f"{fid}*")) == [f"{fid}.parquet", f"{fid}_1.parquet"]
    halves = [pq.read_table(folder / name).column("source_row").to_pylist()
              for name in (f"{fid}.parquet", f"{fid}_1.parquet")]
    assert halves == [[2, 3, 4, 5], [6, 7, 8, 9, 10]]
    assert [p.name for p in folder.glob(f"{S.file_id('b.csv')}*")] == [f"{S.file_id('b.csv')}.parquet"]
    con = atlas_data.connect(out)
    assert con.execute("SELECT source_row, session_date::VARCHAR FROM attendance WHERE source_file = 'a.csv' "
                       "ORDER BY source_row").fetchall() == [(k + 2, f"2023-05-{k + 1:02d}") for k in range(9)]
    con.close()
    before = snapshot(out, ["a.csv"])
    write_csv(raw / "b.csv", B_ROWS[:2])  # only b changes: a's two halves are linked, not written again
    again = atlas_data.ingest(raw, out)
    assert {f.path: f.status for f in again.files} == {"a.csv": "unchanged", "b.csv": "ok"}
    folder = S.current_dir(out) / "attendance"
    assert sorted(p.name for p in folder.glob(f"{fid}*")) == [f"{fid}.parquet", f"{fid}_1.parquet"]
    assert snapshot(out, ["a.csv"]) == before and len(before["attendance"]) == 9


def test_parquet_statistics_are_kept_where_a_filter_can_use_them(store):
    """Dates, numbers and country carry min/max statistics; other text columns do not (their cost)."""
    _, out, _ = store
    path = next((S.current_dir(out) / "attendance").glob(f"{S.file_id('a.csv')}*.parquet"))
    row_group = pq.ParquetFile(path).metadata.row_group(0)
    stats = {row_group.column(i).path_in_schema: row_group.column(i).statistics for i in range(row_group.num_columns)}
    assert str(stats["session_date"].min) == "2023-05-09" and str(stats["session_date"].max) == "2023-05-09"
    assert (stats["source_row"].min, stats["source_row"].max) == (2, 3)
    assert (stats["country"].min, stats["country"].max) == ("Paraguay", "Paraguay")
    assert stats["institution"] is None or not stats["institution"].has_min_max
