"""Uploads from the Data page: safe names, size limit, zip bombs, types, duplicates, NAME.defaults.csv,
and raw files that are never modified. Pure functions, no Streamlit."""
from __future__ import annotations

import hashlib
import io
import os
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from atlas_data import connect
from atlas_data.queries import reach, sources
from atlas_data.store import staging
from atlas_data.store.ingest import read_defaults
from atlas_data.reading.mapping import SheetMapping
from atlas_data.store.uploads import (
    MAX_NAME_BYTES, UPLOAD_FOLDER, UploadRefused, check_upload, fill_in_and_ingest, missing_inputs, run_ingest,
    safe_name, save_and_ingest, save_upload, write_defaults,
)
from filemaker import COMPANY_MAPPING, company_roster, made_up_name, tree_hashes, write_xlsx

SIGN_IN_SHEET = ("Nombre,Institución,Sexo,Actividad,Fecha\r\n"
                 "Ana Pérez,Policía Nacional,F,Taller ETP,09/05/2023\r\n"
                 "Juan Gómez,Ministerio de Trabajo,M,Taller ETP,09/05/2023\r\n").encode("utf-8")


def xlsx_bytes(tmp_path: Path, rows=None) -> bytes:
    path = write_xlsx(tmp_path / "made.xlsx", {"Eventos": rows or [
        ["País", "DMOP", "Evento", "Fecha", "Participantes"],
        ["Paraguay", "ETP", "Taller ETP", "09/05/2023", 12]]})
    data = path.read_bytes()
    path.unlink()
    return data


def outside_files(tmp_path: Path, raw: Path) -> set[str]:
    return {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file() and raw not in p.parents}


# ------------------------------------------------------------------ names

@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "passwd"),
    ("..\\x.xlsx", "x.xlsx"),
    ("con\x00trol.csv", "control.csv"),
    (".hidden.csv", "hidden.csv"),
    ("...csv", "csv"),
    ("Asistencia ToT Policía 2021 (1).xlsx", "Asistencia ToT Policía 2021 (1).xlsx"),
    ("C:\\Users\\ana\\Desktop\\Lista  de\tfirmas.csv", "Lista de firmas.csv"),
    ("a<b>c:d\"e|f?g*h.csv", "a_b_c_d_e_f_g_h.csv"),
    ("CON.csv", "_CON.csv"),
    ("nul.xlsx", "_nul.xlsx"),
    ("x.xlsx. . ", "x.xlsx"),
    ("evil\u202eslx.csv", "evilslx.csv"),            # a right-to-left override that disguises the type
    ("", "upload"),
    ("..", "upload"),
    ("/", "upload"),
    ("ราย ชื่อ ผู้เข้าร่วม.xlsx", "ราย ชื่อ ผู้เข้าร่วม.xlsx"),
])
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def test_safe_name_decomposed_accents_become_composed():
    assert safe_name("Polici\u0301a.csv") == "Policía.csv"


def test_very_long_name_is_cut_keeping_the_suffix():
    for name in ("a" * 5000 + ".xlsx", "ñ" * 400 + ".csv", "ทดสอบ" * 200 + ".ods"):
        safe = safe_name(name)
        assert len(safe.encode("utf-8")) <= MAX_NAME_BYTES
        assert Path(safe).suffix == Path(name).suffix
        assert "/" not in safe and not safe.startswith(".")


@pytest.mark.parametrize("name", ["../../etc/passwd.csv", "..\\..\\x.csv", "/etc/cron.d/x.csv",
                                  "uploads/../../../x.csv", ".bashrc.csv"])
def test_hostile_names_are_stored_inside_raw_uploads(tmp_path, name):
    raw = tmp_path / "raw"
    raw.mkdir()
    saved = save_upload(name, SIGN_IN_SHEET + hashlib.sha256(name.encode()).hexdigest().encode(), raw, limit_mb=5)
    assert saved.path.parent == raw / UPLOAD_FOLDER
    assert saved.path.resolve().is_relative_to(raw.resolve())
    assert not saved.path.name.startswith(".")
    assert outside_files(tmp_path, raw) == set()
    assert not Path("/etc/cron.d/x.csv").exists()


def test_an_uploads_folder_linking_outside_is_refused(tmp_path):
    raw, elsewhere = tmp_path / "raw", tmp_path / "elsewhere"
    raw.mkdir()
    elsewhere.mkdir()
    (raw / UPLOAD_FOLDER).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UploadRefused, match="outside"):
        save_upload("x.csv", SIGN_IN_SHEET, raw, limit_mb=5)
    assert list(elsewhere.iterdir()) == []


# ------------------------------------------------------------------ refusals

def test_size_limit(tmp_path):
    raw = tmp_path / "raw"
    big = b"a,b\r\n" + b"1,2\r\n" * (300 * 1024)            # 1.5 MB
    with pytest.raises(UploadRefused, match="above the limit of 1 MB") as refused:
        save_upload("big.csv", big, raw, limit_mb=1)
    assert refused.value.fields["limit"] == 1
    assert not raw.exists() or not any(raw.rglob("*.csv"))
    assert save_upload("big.csv", big, raw, limit_mb=2).status == "saved"


def test_limit_defaults_to_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_SETTINGS_FILE", str(tmp_path / "settings.json"))
    from atlas_data import settings
    settings.save({"upload_limit_mb": 1})
    with pytest.raises(UploadRefused, match="limit of 1 MB"):
        check_upload("big.csv", b"x" * (1024 * 1024 + 1))


def zip_bomb() -> bytes:
    """A 200 MB run of zeros deflated into a zip of a few hundred KB, named like a workbook."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(200):
                member.write(chunk)
    return buffer.getvalue()


def test_zip_bomb_refused_before_it_is_expanded(tmp_path, monkeypatch):
    bomb = zip_bomb()
    assert len(bomb) < 2 * 1024 * 1024

    def no_expanding(*args, **kwargs):
        raise AssertionError("a member of the archive was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_expanding)
    monkeypatch.setattr(zipfile.ZipFile, "read", no_expanding)
    raw = tmp_path / "raw"
    with pytest.raises(UploadRefused, match="zip bomb"):
        save_upload("Asistencia 2021.xlsx", bomb, raw, limit_mb=50)
    assert not raw.exists() or not any(p.is_file() for p in raw.rglob("*"))


def test_damaged_workbook_refused(tmp_path):
    with pytest.raises(UploadRefused, match="not a valid Excel"):
        save_upload("Asistencia.xlsx", b"this is not a zip archive at all", tmp_path / "raw", limit_mb=5)


@pytest.mark.parametrize("name", ["macro.exe", "notes.txt", "Asistencia.xlsx.exe", "../../etc/passwd", "noext",
                                  "page.html", "script.py", "archive.zip"])
def test_unsupported_suffix_refused(tmp_path, name):
    with pytest.raises(UploadRefused, match="are not accepted"):
        save_upload(name, b"a,b\n1,2\n", tmp_path / "raw", limit_mb=5)
    assert not (tmp_path / "raw").exists()


@pytest.mark.parametrize("name, match", [
    ("Asistencia.xlsx.defaults.csv", "defaults.csv"),
    ("~$Asistencia.xlsx", "lock"),
    ("empty.csv", "empty"),
    ("binary.csv", "not a text CSV"),
])
def test_other_refusals(tmp_path, name, match):
    data = {"empty.csv": b"", "binary.csv": b"MZ\x90\x00\x03\x00\x00\x00"}.get(
        name, b"column,value\ncountry,Paraguay\n")
    with pytest.raises(UploadRefused, match=match):
        save_upload(name, data, tmp_path / "raw", limit_mb=5)


def test_supported_types_are_stored_as_sent(tmp_path):
    raw = tmp_path / "raw"
    data = xlsx_bytes(tmp_path)
    saved = save_upload("Eventos 2023.xlsx", data, raw, limit_mb=5)
    assert saved.status == "saved" and saved.rel == "uploads/Eventos 2023.xlsx"
    assert saved.path.read_bytes() == data


# ------------------------------------------------------------------ duplicates and names taken

def test_same_content_is_not_stored_twice(tmp_path):
    raw = tmp_path / "raw"
    (raw / "paraguay").mkdir(parents=True)
    (raw / "paraguay" / "Lista.csv").write_bytes(SIGN_IN_SHEET)
    again = save_upload("Lista (copia).csv", SIGN_IN_SHEET, raw, limit_mb=5)
    assert again.status == "duplicate"
    assert again.rel == "paraguay/Lista.csv"
    assert "already there as paraguay/Lista.csv" in again.message
    assert not (raw / UPLOAD_FOLDER).exists() or not any((raw / UPLOAD_FOLDER).iterdir())


def test_a_taken_name_with_other_content_gets_a_number(tmp_path):
    raw = tmp_path / "raw"
    first = save_upload("Lista.csv", SIGN_IN_SHEET, raw, limit_mb=5)
    second = save_upload("Lista.csv", SIGN_IN_SHEET + b"Eva,Policia,F,Taller ETP,09/05/2023\r\n", raw, limit_mb=5)
    third = save_upload("Lista.csv", SIGN_IN_SHEET + b"Luis,Policia,M,Taller ETP,09/05/2023\r\n", raw, limit_mb=5)
    assert (first.status, second.status, third.status) == ("saved", "renamed", "renamed")
    assert [p.name for p in (first.path, second.path, third.path)] == ["Lista.csv", "Lista (2).csv", "Lista (3).csv"]
    assert first.path.read_bytes() == SIGN_IN_SHEET
    assert sorted(p.name for p in (raw / UPLOAD_FOLDER).iterdir()) == ["Lista (2).csv", "Lista (3).csv", "Lista.csv"]


# ------------------------------------------------------------------ NAME.defaults.csv

def test_write_defaults_writes_and_merges(tmp_path):
    raw = tmp_path / "raw"
    raw_file = save_upload("Lista firmas.csv", SIGN_IN_SHEET, raw, limit_mb=5).path
    before = hashlib.sha256(raw_file.read_bytes()).hexdigest()
    companion = write_defaults(raw_file, {"country": "Paraguay"}, raw_dir=raw)
    assert companion == raw_file.with_name("Lista firmas.csv.defaults.csv")
    assert companion.read_bytes().decode("utf-8-sig").splitlines() == ["column,value", "country,Paraguay"]
    write_defaults(raw_file, {"dmop": "Living Lab", "country": ""}, raw_dir=raw)       # blank keeps Paraguay
    assert read_defaults(raw_file) == {"country": "Paraguay", "dmop": "Living Lab"}
    write_defaults(raw_file, {"dmop": "ETP, Policía\n"}, raw_dir=raw)                  # comma, newline
    assert read_defaults(raw_file) == {"country": "Paraguay", "dmop": "ETP, Policía"}
    assert hashlib.sha256(raw_file.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in raw_file.parent.iterdir()) == ["Lista firmas.csv", "Lista firmas.csv.defaults.csv"]


def test_write_defaults_merges_a_hand_written_file(tmp_path):
    raw_file = tmp_path / "Lista.csv"
    raw_file.write_bytes(SIGN_IN_SHEET)
    raw_file.with_name("Lista.csv.defaults.csv").write_text("activity,Taller ETP\n", encoding="utf-8")
    write_defaults(raw_file, {"country": "Paraguay"})
    assert read_defaults(raw_file) == {"activity": "Taller ETP", "country": "Paraguay"}


def test_write_defaults_refuses_outside_raw_and_bad_columns(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    outside = tmp_path / "outside.csv"
    outside.write_bytes(SIGN_IN_SHEET)
    with pytest.raises(ValueError, match="not inside"):
        write_defaults(raw / ".." / "outside.csv", {"country": "Paraguay"}, raw_dir=raw)
    assert not outside.with_name("outside.csv.defaults.csv").exists()
    inside = raw / "x.csv"
    inside.write_bytes(SIGN_IN_SHEET)
    for bad in ("../country", "country,value", "", "1st"):
        with pytest.raises(ValueError):
            write_defaults(inside, {bad: "x"}, raw_dir=raw)
    with pytest.raises(FileNotFoundError):
        write_defaults(raw / "missing.csv", {"country": "Paraguay"}, raw_dir=raw)


def test_missing_inputs_from_rejected_rows():
    rejected = pd.DataFrame([
        {"table_name": "attendance", "source_file": "uploads/a.csv", "source_sheet": "", "column_name": "country",
         "code": "no_country"},
        {"table_name": "attendance", "source_file": "uploads/a.csv", "source_sheet": "", "column_name": "dmop",
         "code": "missing_column"},
        {"table_name": "attendance", "source_file": "uploads/a.csv", "source_sheet": "", "column_name": "participant",
         "code": "missing_column"},
        {"table_name": "events", "source_file": "b.xlsx", "source_sheet": "Hoja1", "column_name": "session_date",
         "code": "bad_value"},
    ])
    (item,) = missing_inputs(rejected)
    assert item.source_file == "uploads/a.csv"
    assert item.columns == ["country", "dmop"]
    assert item.per_row == ["participant"]
    assert missing_inputs(rejected.iloc[0:0]) == []


# ------------------------------------------------------------------ upload, ingest, fill in

def test_upload_fill_in_and_ingest_keeps_the_rows(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "parquet"
    raw.mkdir()
    result = save_and_ingest([("Lista firmas taller.csv", SIGN_IN_SHEET)], raw, store, limit_mb=5)
    assert result.error is None and [s.rel for s in result.saved] == ["uploads/Lista firmas taller.csv"]
    (sheet,) = result.report.files[0].sheets
    assert (sheet.table, sheet.status, sheet.rows_kept, sheet.rows_rejected) == ("attendance", "rejected", 0, 2)
    con = connect(store)
    (item,) = missing_inputs(sources.rejected_rows(con))
    assert item.columns == ["country", "dmop"]

    filled = fill_in_and_ingest(raw, store, item.source_file, {"country": "Paraguay", "dmop": "ETP"})
    assert filled.error is None
    (sheet,) = filled.report.files[0].sheets
    assert (sheet.status, sheet.rows_kept, sheet.rows_rejected) == ("ok", 2, 0)
    con = connect(store)
    people = reach.reach(con, by=("country", "dmop"))
    assert people[people["source"] == "roster"][["country", "dmop", "people"]].values.tolist() == [["Paraguay", "ETP", 2]]
    assert missing_inputs(sources.rejected_rows(con)) == []


def test_raw_files_are_never_modified(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "parquet"
    write_xlsx(raw / "paraguay" / "Eventos.xlsx", {"Eventos": [
        ["País", "DMOP", "Evento", "Fecha", "Participantes"], ["Paraguay", "ETP", "Taller", "09/05/2023", 12]]})
    before = tree_hashes(raw)
    result = save_and_ingest([("Lista.csv", SIGN_IN_SHEET), ("../../Otro.xlsx", xlsx_bytes(tmp_path))], raw, store,
                             limit_mb=5)
    assert result.error is None
    uploaded = {s.rel: hashlib.sha256(s.path.read_bytes()).hexdigest() for s in result.saved}
    assert uploaded["uploads/Lista.csv"] == hashlib.sha256(SIGN_IN_SHEET).hexdigest()
    fill_in_and_ingest(raw, store, "uploads/Lista.csv", {"country": "Paraguay", "dmop": "ETP"})
    run_ingest(raw, store)
    after = tree_hashes(raw)
    for rel, digest in {**before, **uploaded}.items():
        assert after[rel] == digest, rel
    assert set(after) - set(before) - set(uploaded) == {"uploads/Lista.csv.defaults.csv"}
    assert os.stat(raw / "uploads" / "Lista.csv").st_size == len(SIGN_IN_SHEET)


def test_a_failed_ingest_is_a_message(tmp_path):
    result = run_ingest(tmp_path / "no such folder", tmp_path / "parquet")
    assert result.report is None
    assert "is not a folder" in result.error


def test_an_unexpected_error_is_a_message(tmp_path, monkeypatch):
    import atlas_data.store.uploads as uploads

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(uploads, "ingest", broken)
    result = save_and_ingest([("Lista.csv", SIGN_IN_SHEET)], tmp_path / "raw", tmp_path / "parquet", limit_mb=5)
    assert result.saved and result.report is None
    assert "RuntimeError: disk on fire" in result.error and "previous data is unchanged" in result.error


def test_refused_files_do_not_stop_the_others(tmp_path):
    raw, store = tmp_path / "raw", tmp_path / "parquet"
    result = save_and_ingest([("virus.exe", b"MZ"), ("bomb.xlsx", zip_bomb()), ("Lista.csv", SIGN_IN_SHEET)], raw,
                             store, limit_mb=5)
    assert [r.fields["name"] for r in result.refused] == ["virus.exe", "bomb.xlsx"]
    assert [s.rel for s in result.saved] == ["uploads/Lista.csv"]
    assert result.report is not None and result.error is None
    assert sorted(p.name for p in (raw / UPLOAD_FOLDER).iterdir()) == ["Lista.csv"]


# ------------------------------------------------------------------ check, map, preview, confirm (staging.py)

def company_bytes(tmp_path: Path, month: int, n: int, first: int = 0) -> bytes:
    path = company_roster(tmp_path / "company.xlsx", month, n, first)
    data = path.read_bytes()
    path.unlink()
    return data


def roster_people(store: Path) -> int:
    people = reach.reach(connect(store), by="dmop")
    return int(people[people["source"] == "roster"]["people"].sum())


@pytest.fixture
def stored(tmp_path):
    """A raw folder with one ingested export, and its store."""
    raw, store = tmp_path / "raw", tmp_path / "parquet"
    write_xlsx(raw / "paraguay" / "Eventos.xlsx", {"Eventos": [
        ["País", "DMOP", "Evento", "Fecha", "Participantes"], ["Paraguay", "ETP", "Taller", "09/05/2023", 12]]})
    run_ingest(raw, store)
    return raw, store


def test_a_checked_upload_is_previewed_and_nothing_is_stored_until_confirmed(stored):
    raw, store = stored
    raw_before, store_before = tree_hashes(raw), tree_hashes(store)
    staged = staging.stage([("../Lista firmas.csv", SIGN_IN_SHEET), ("virus.exe", b"MZ")], raw, limit_mb=5)
    assert [r.fields["name"] for r in staged.refused] == ["virus.exe"]
    (item,) = staged.files
    assert item.rel == "uploads/Lista firmas.csv" and item.existing is None
    assert item.path.parent.parent == raw / ".staging" and item.path.read_bytes() == SIGN_IN_SHEET
    report = staging.preview(staged, raw, store)
    (sheet,) = report.files[0].sheets
    assert report.files[0].path == "uploads/Lista firmas.csv"
    assert (sheet.table, sheet.rows_kept, sheet.rows_rejected, sheet.missing) == ("attendance", 0, 2, ["country", "dmop"])
    assert staging.fillable(sheet) == ["country", "dmop"]
    assert all(r.startswith("uploads/Lista firmas.csv") for r in sheet.reasons)   # not the staging folder
    staging.save_values(staged, item.rel, {"country": "Paraguay", "dmop": "ETP", "activity": ""}, raw)
    (sheet,) = staging.preview(staged, raw, store).files[0].sheets
    assert (sheet.rows_kept, sheet.rows_rejected) == (2, 0)
    assert list(sheet.preview["country"]) == ["Paraguay", "Paraguay"]
    assert list(sheet.preview["participant_key"].str.startswith("P-")) == [True, True]
    # an ingest meanwhile does not read the staging folder; the store and data/raw are as they were
    assert run_ingest(raw, store).report.changed is False
    assert tree_hashes(store) == store_before
    assert {k: v for k, v in tree_hashes(raw).items() if not k.startswith(".staging/")} == raw_before
    assert roster_people(store) == 0

    result = staging.confirm(staged, raw, store, limit_mb=5)
    assert result.error is None and [r.fields["name"] for r in result.refused] == ["virus.exe"]
    assert [(s.rel, s.status) for s in result.saved] == [("uploads/Lista firmas.csv", "saved")]
    assert (raw / "uploads" / "Lista firmas.csv").read_bytes() == SIGN_IN_SHEET
    assert read_defaults(raw / "uploads" / "Lista firmas.csv") == {"country": "Paraguay", "dmop": "ETP"}
    assert not staged.folder.exists()
    assert roster_people(store) == 2


def test_cancel_deletes_the_staging_folder_and_old_ones_go_at_the_next_check(stored):
    raw, store = stored
    first = staging.stage([("Lista.csv", SIGN_IN_SHEET)], raw, limit_mb=5)
    staging.discard(first)
    assert not first.folder.exists() and not (raw / "uploads").exists()
    old = staging.stage([("Lista.csv", SIGN_IN_SHEET)], raw, limit_mb=5)
    recent = staging.stage([("Lista.csv", SIGN_IN_SHEET)], raw, limit_mb=5)
    day_ago = time.time() - staging.MAX_AGE_SECONDS - 60
    os.utime(old.folder, (day_ago, day_ago))
    staging.stage([("Otra.csv", SIGN_IN_SHEET)], raw, limit_mb=5)
    assert not old.folder.exists() and recent.folder.exists()


def test_same_content_is_flagged_at_the_check_and_not_stored_twice(stored):
    raw, store = stored
    existing = (raw / "paraguay" / "Eventos.xlsx").read_bytes()
    staged = staging.stage([("Eventos copia.xlsx", existing)], raw, limit_mb=5)
    assert staged.files[0].existing == "paraguay/Eventos.xlsx"
    result = staging.confirm(staged, raw, store, limit_mb=5)
    assert [(s.rel, s.status) for s in result.saved] == [("paraguay/Eventos.xlsx", "duplicate")]
    assert not (raw / "uploads").exists()


def test_a_mapping_made_at_the_check_moves_with_the_file_and_serves_next_month(stored, tmp_path):
    raw, store = stored
    october = staging.stage([("Asistencia octubre.xlsx", company_bytes(tmp_path, 10, 20))], raw, limit_mb=5)
    rel = "uploads/Asistencia octubre.xlsx"
    (sheet,) = staging.preview(october, raw, store).files[0].sheets
    assert (sheet.sheet, sheet.table, sheet.rows_kept) == ("Hoja1", None, 0)
    # what the mapping step shows: the header row under the label cells, its headers, nothing preselected
    assert staging.header_row(sheet) == 3
    assert staging.headers(sheet) == list(COMPANY_MAPPING)
    rows = staging.shown_rows(sheet)
    assert list(rows.columns) == ["A", "B", "C", "D", "E"] and list(rows.index) == list(range(4, 12))
    assert rows.iloc[0].tolist() == list(COMPANY_MAPPING) and rows.iloc[1, 0] == made_up_name(0)
    assert staging.suggested(october, rel, sheet, "attendance") == {}

    mapping = SheetMapping("attendance", COMPANY_MAPPING)
    staging.try_mapping(october, rel, "Hoja1", mapping)
    (sheet,) = staging.preview(october, raw, store).files[0].sheets
    assert (sheet.table, sheet.rows_kept, sheet.rows_rejected) == ("attendance", 20, 0)
    assert set(sheet.preview["country"]) == {"Paraguay"} and set(sheet.preview["dmop"]) == {"Living Lab"}
    assert staging.suggested(october, rel, sheet, "attendance") == COMPANY_MAPPING
    staging.save_mapping(october, rel, "Hoja1", mapping)
    assert october.trying == {rel: {}}
    assert (october.folder / "Asistencia octubre.xlsx.mapping.csv").is_file()
    assert not list(raw.glob("uploads/*")) and roster_people(store) == 0

    result = staging.confirm(october, raw, store, limit_mb=5)
    assert result.error is None
    assert sorted(p.name for p in (raw / "uploads").iterdir()) == [
        "Asistencia octubre.xlsx", "Asistencia octubre.xlsx.mapping.csv"]
    assert roster_people(store) == 20

    # next month, another name and 25 other people: the saved mapping reads it, no mapping step
    november = staging.stage([("Asistencia noviembre.xlsx", company_bytes(tmp_path, 11, 25, first=100))], raw, 5)
    (sheet,) = staging.preview(november, raw, store).files[0].sheets
    assert (sheet.table, sheet.rows_kept, sheet.rows_rejected, sheet.missing) == ("attendance", 25, 0, [])
    assert sheet.mapping == "uploads/Asistencia octubre.xlsx.mapping.csv"
    staging.confirm(november, raw, store, limit_mb=5)
    assert roster_people(store) == 45


def test_a_mapping_being_tried_is_saved_on_confirm_and_follows_a_renamed_file(stored, tmp_path):
    raw, store = stored
    first = staging.stage([("Asistencia.xlsx", company_bytes(tmp_path, 10, 3))], raw, limit_mb=5)
    staging.confirm(first, raw, store, limit_mb=5)                # stored unmapped: no table
    assert roster_people(store) == 0
    again = staging.stage([("Asistencia.xlsx", company_bytes(tmp_path, 10, 4, first=50))], raw, limit_mb=5)
    rel = again.files[0].rel
    (sheet,) = staging.preview(again, raw, store).files[0].sheets
    assert sheet.table is None
    staging.try_mapping(again, rel, "Hoja1", SheetMapping("attendance", COMPANY_MAPPING))
    result = staging.confirm(again, raw, store, limit_mb=5)
    assert [(s.rel, s.status) for s in result.saved] == [("uploads/Asistencia (2).xlsx", "renamed")]
    assert (raw / "uploads" / "Asistencia (2).xlsx.mapping.csv").is_file()
    assert not (raw / "uploads" / "Asistencia.xlsx.mapping.csv").exists()
    # the first file has the same shape, so the mapping reads it too: 3 + 4 people
    assert roster_people(store) == 7


def test_a_mapping_that_cannot_be_used_is_refused_before_the_preview(stored, tmp_path):
    from atlas_data.reading.mapping import MappingError

    raw, store = stored
    staged = staging.stage([("Asistencia.xlsx", company_bytes(tmp_path, 10, 3))], raw, limit_mb=5)
    with pytest.raises(MappingError, match="two headers"):
        staging.try_mapping(staged, staged.files[0].rel, "Hoja1", SheetMapping(
            "attendance", {"Integrante": "participant_name", "Tema": "institution", "Sede": "institution"}))
    assert staged.trying == {}


def test_two_files_of_one_check_with_one_name_are_both_staged(stored):
    raw, store = stored
    staged = staging.stage([("Lista.csv", SIGN_IN_SHEET), ("Lista.csv", SIGN_IN_SHEET + b"Luz Vera,X,F,T,1/1/2023\r\n")],
                           raw, limit_mb=5)
    assert [f.rel for f in staged.files] == ["uploads/Lista.csv", "uploads/Lista (2).csv"]
