"""Rules added on the `privacy` branch: rejected values never echo personal data, a list of people is never
an indicator catalogue, a password-protected .xlsx says so, the CLI summary tells "matched no table" from
"could not be read", and every view keeps its rows' provenance.

All fixtures are written here into tmp_path; every name is fake.
"""
from __future__ import annotations

import pytest

import atlas_data
from filemaker import compound_file, write_bytes, write_csv


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


# ---------------------------------------------------------------------------------------------- encrypted workbooks

def _encrypted_workbook() -> bytes:
    """What Excel writes for a workbook with a password to open: the zip package encrypted inside a compound
    file (the bytes here are random: only the file's structure matters to the reader)."""
    import random
    import struct

    info = struct.pack("<HHI", 4, 4, 0x40) + random.Random(1).randbytes(200)  # agile encryption, version 4.4
    package = struct.pack("<Q", 9000) + random.Random(2).randbytes(9000)
    return compound_file({"EncryptionInfo": info, "EncryptedPackage": package})


def test_compound_file_fixture_is_well_formed():
    import struct

    data = _encrypted_workbook()
    assert data[:8] == bytes.fromhex("d0cf11e0a1b11ae1") and len(data) % 512 == 0
    first_dir = struct.unpack_from("<I", data, 0x30)[0]
    directory = data[512 * (first_dir + 1): 512 * (first_dir + 2)]
    names = [directory[k * 128: k * 128 + struct.unpack_from("<H", directory, k * 128 + 64)[0] - 2]
             .decode("utf-16-le") for k in range(4)]
    assert names == ["Root Entry", "EncryptionInfo", "EncryptedPackage", ""]
    fat = struct.unpack_from("<128I", data, 512)
    start, size = struct.unpack_from("<IQ", directory, 128 + 0x74)
    assert size == 4096 and fat[start] == start + 1          # the EncryptionInfo chain starts where it says


@pytest.mark.parametrize("name", ["Asistencia protegida.xlsx", "Asistencia protegida.xlsm"])
def test_password_protected_xlsx_says_so_and_what_to_do(tmp_path, name):
    from atlas_data.readers import UnreadableFile, read_file

    raw = tmp_path / "raw"
    write_bytes(raw / name, _encrypted_workbook())
    with pytest.raises(UnreadableFile) as err:
        read_file(raw / name)
    message = str(err.value)
    assert message.startswith("is password-protected; ") and "save a copy without a password" in message
    assert "damaged" not in message
    report = atlas_data.ingest(raw, tmp_path / "pq")
    (fr,) = report.files
    assert fr.status == "unreadable" and report.exit_code == 1
    assert fr.message == f"{name}: {message}"


def test_an_old_xls_named_xlsx_is_not_called_password_protected(tmp_path):
    from atlas_data.readers import UnreadableFile, read_file

    path = write_bytes(tmp_path / "viejo.xlsx", compound_file({"Workbook": b"\x09\x08" + b"\0" * 100}))
    with pytest.raises(UnreadableFile, match=r"^is an Excel 97-2003 workbook \(\.xls\) under a \.xlsx name"):
        read_file(path)


def test_a_workbook_that_makes_calamine_panic_is_one_unreadable_file(tmp_path):
    """A well-formed compound file whose `Workbook` stream is junk makes calamine panic (a Rust panic, raised
    in Python as a BaseException): that file is unreadable, the other files are still ingested."""
    raw = tmp_path / "raw"
    write_bytes(raw / "dañado.xls", compound_file({"Workbook": b"\x09\x08" + b"\0" * 100}))
    write_csv(raw / "catalogo.csv", [["Indicator", "Name"], ["KI-2", "Individuals provided with training"]])
    report = atlas_data.ingest(raw, tmp_path / "pq")
    by_path = {f.path: f for f in report.files}
    assert by_path["dañado.xls"].status == "unreadable"
    assert "could not be opened as a workbook" in by_path["dañado.xls"].message
    assert by_path["catalogo.csv"].status == "ok" and report.exit_code == 1
