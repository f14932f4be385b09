"""Withdrawing an uploaded file, the archive's retention, and what a rollback would change per country."""
import csv
import datetime as dt

import pytest

import atlas_data
from atlas_data.store import changes, versions, withdraw

HEAD = ["País", "DMOP", "Nombre", "Institución", "Sexo", "Actividad", "Fecha"]


def roster(path, country, people, date="12/06/2023"):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEAD] + [[country, "Living Lab", f"Persona Número{chr(65 + i % 26)}{i}",
                                            "Fiscalía", "F", "Taller", date] for i in range(people)])


def attendance_by_country(store):
    con = atlas_data.connect(store)
    try:
        return dict(con.execute("SELECT country, count(*) FROM attendance GROUP BY 1").fetchall())
    finally:
        con.close()


@pytest.fixture
def site(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "parquet"
    roster(raw / "uploads" / "py.csv", "Paraguay", 12)
    roster(raw / "uploads" / "th.csv", "Thailand", 7)
    roster(raw / "kept.csv", "Paraguay", 3)
    (raw / "uploads" / "py.csv.defaults.csv").write_text("column,value\nregion,Central\n", encoding="utf-8")
    atlas_data.ingest(raw, store)
    return raw, store


def test_withdrawing_an_upload_archives_it_and_its_rows_leave(site):
    raw, store = site
    assert attendance_by_country(store) == {"Paraguay": 15, "Thailand": 7}
    assert withdraw.uploaded_files(raw) == ["uploads/py.csv", "uploads/th.csv"]
    when = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone.utc)
    result = withdraw.withdraw(raw, store, "uploads/th.csv", now=when)
    assert result.error is None and result.report is not None
    assert attendance_by_country(store) == {"Paraguay": 15}
    assert not (raw / "uploads" / "th.csv").exists()
    assert (raw / ".archive" / "20261201T093000Z" / "uploads" / "th.csv").is_file()
    assert [(e["file"], e["archived"]) for e in withdraw.archived_files(raw)] == [("uploads/th.csv", when)]
    withdraw.withdraw(raw, store, "uploads/py.csv", now=when + dt.timedelta(days=1))
    assert attendance_by_country(store) == {"Paraguay": 3}
    assert sorted(e["file"] for e in withdraw.archived_files(raw)) == [
        "uploads/py.csv", "uploads/py.csv.defaults.csv", "uploads/th.csv"]


def test_only_uploaded_files_can_be_withdrawn(site):
    raw, store = site
    result = withdraw.withdraw(raw, store, "kept.csv")
    assert "only files under uploads/ can be withdrawn" in result.error
    assert (raw / "kept.csv").is_file() and attendance_by_country(store) == {"Paraguay": 15, "Thailand": 7}
    assert withdraw.withdraw(raw, store, "uploads/../kept.csv").error


def test_a_failed_ingest_puts_the_file_back(site, monkeypatch):
    raw, store = site
    before = versions.store_version(store)

    def broken(raw_dir, parquet_dir, result=None):
        result.error = "the ingest stopped"
        return result
    monkeypatch.setattr(withdraw, "run_ingest", broken)
    result = withdraw.withdraw(raw, store, "uploads/th.csv")
    assert result.error == "the ingest stopped"
    assert (raw / "uploads" / "th.csv").is_file() and withdraw.archived_files(raw) == []
    assert versions.store_version(store) == before


def test_archived_files_older_than_the_retention_are_deleted(site):
    raw, store = site
    now = dt.datetime(2026, 12, 6, tzinfo=dt.timezone.utc)
    withdraw.withdraw(raw, store, "uploads/th.csv", now=now - dt.timedelta(days=100))
    withdraw.withdraw(raw, store, "uploads/py.csv", now=now - dt.timedelta(days=10))
    old = withdraw.expired(raw, keep_days=90, now=now)
    assert [e["file"] for e in old] == ["uploads/th.csv"]
    assert withdraw.delete_archived(raw, old) == ["uploads/th.csv"]
    assert not (raw / ".archive" / (now - dt.timedelta(days=100)).strftime(withdraw.STAMP)).exists()
    assert sorted(e["file"] for e in withdraw.archived_files(raw)) == ["uploads/py.csv", "uploads/py.csv.defaults.csv"]
    assert withdraw.delete_archived(raw, [{"file": "x", "path": raw / "kept.csv"}]) == []   # never outside it
    assert (raw / "kept.csv").is_file()


def test_compare_shows_per_country_what_a_rollback_changes(site):
    raw, store = site
    first = versions.current_dir(store).name
    assert changes.compare(store, first).empty
    withdraw.withdraw(raw, store, "uploads/th.csv")
    differ = changes.compare(store, first)
    assert differ[["table", "country", "rows_now", "rows_then", "change"]].values.tolist() == [
        ["attendance", "Thailand", 0, 7, 7]]
    assert changes.countries_changed(differ) == ["Thailand"]
    roster(raw / "kept.csv", "Paraguay", 3, date="13/06/2023")     # same count, other values
    atlas_data.ingest(raw, store)
    differ = changes.compare(store, first)
    assert differ[["table", "country", "change"]].values.tolist() == [
        ["attendance", "Paraguay", 0], ["attendance", "Thailand", 7]]


def test_the_countries_of_an_uploaded_file(site):
    raw, store = site
    assert changes.countries_of_file(store, "uploads/th.csv") == ["Thailand"]
    assert changes.countries_of_file(store, "uploads/py.csv") == ["Paraguay"]
    assert changes.countries_of_file(store, "nothing.csv") == []
