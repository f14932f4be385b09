"""Rules added on the `privacy` branch: rejected values never echo personal data, a list of people is never
an indicator catalogue, a password-protected .xlsx says so, the CLI summary tells "matched no table" from
"could not be read", and every view keeps its rows' provenance.

All fixtures are written here into tmp_path; every name is fake.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import atlas_data
from atlas_data.reading import privacy
from filemaker import compound_file, write_bytes, write_csv

ROOT = Path(__file__).resolve().parents[1]


FAKE_NAMES = ["Ana Prueba Ejemplo", "Bruno Ficticio Muestra", "Carla de la Inventada", "Dario Simulado Gomezz",
              "Elena Ejemplar Falsa"]


def q(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def write_openpyxl(path, sheets: dict[str, list[list]]):
    """An .xlsx written with openpyxl, one sheet per entry (cells as given: text or numbers)."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def stored_text(store) -> str:
    """Everything the store holds, as text: every Parquet file's values (read with pyarrow) and raw bytes,
    and every other file (manifest.json, CURRENT, …)."""
    import pyarrow.parquet as pq

    parts = []
    for path in sorted(p for p in store.rglob("*") if p.is_file()):
        data = path.read_bytes()
        parts.append(data.decode("utf-8", errors="replace"))
        if path.suffix == ".parquet":
            parts.append(repr(pq.read_table(path).to_pylist()))
            parts.append(repr(pq.read_metadata(path).metadata))
    return "\n".join(parts)


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
    from atlas_data.reading.readers import UnreadableFile, read_file

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
    from atlas_data.reading.readers import UnreadableFile, read_file

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



# ---------------------------------------------------------------------------------------------- people are not indicators

def _ingest(raw, tmp_path):
    report = atlas_data.ingest(raw, tmp_path / "pq")
    return report, atlas_data.connect(tmp_path / "pq")


@pytest.mark.parametrize("header, ids", [
    (["id", "name"], [str(k) for k in range(1, 6)]),                  # plain numbers 1..n
    (["ID", "Nombre"], [k for k in range(1, 6)]),                       # numbers as numeric cells
    (["Código", "Nombre"], [f"P{k:03d}" for k in range(1, 6)]),         # participant codes with a letter and a digit
    (["Code", "Name"], [f"EST-{k}" for k in range(1, 6)]),
])
def test_a_sheet_of_ids_and_peoples_names_is_no_indicator_catalogue(tmp_path, header, ids):
    raw = tmp_path / "raw"
    write_openpyxl(raw / "Lista.xlsx", {"Participantes": [header] + [[i, n] for i, n in zip(ids, FAKE_NAMES)]})
    report, con = _ingest(raw, tmp_path)
    (fr,) = report.files
    assert fr.status == "no_table" and report.exit_code == 1
    assert [(s.sheet, s.table, s.status) for s in fr.sheets] == [("Participantes", None, "skipped")]
    assert q(con, "SELECT count(*) FROM indicators_base") == [(0,)]
    assert [i for (i,) in q(con, "SELECT indicator FROM indicators ORDER BY 1")] == ["KI-1", "KI-2", "KI-3"]
    text = stored_text(tmp_path / "pq")
    assert not [n for n in FAKE_NAMES if n in text]


def test_people_in_a_folder_named_indicators_are_not_stored_either(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "indicadores" / "lista.csv", [["ID", "Nombre"]] + [[k, n] for k, n in enumerate(FAKE_NAMES, 1)])
    report, con = _ingest(raw, tmp_path)
    assert report.files[0].status == "no_table"
    assert q(con, "SELECT count(*) FROM indicators_base") == [(0,)]


def test_a_people_list_with_an_institution_column_is_not_indicators(tmp_path):
    raw = tmp_path / "raw"
    write_csv(raw / "contactos.csv", [["Código", "Nombre", "Institución"]]
              + [[f"C{k}", n, "Ministerio de Trabajo"] for k, n in enumerate(FAKE_NAMES, 1)])
    report, con = _ingest(raw, tmp_path)
    assert report.files[0].status == "no_table"
    assert q(con, "SELECT count(*) FROM indicators_base") == [(0,)]


@pytest.mark.parametrize("rows, expected", [
    # ids an indicator's: kept even when the names are short
    ([["Code", "Name"], ["OTC 1", "Capacity Building"], ["OTC 2", "Inter-agency Platforms"],
      ["Outcome 2.1", "Referral Pathways"]],
     [("OTC 1", "Capacity Building"), ("OTC 2", "Inter-agency Platforms"), ("Outcome 2.1", "Referral Pathways")]),
    # outline numbers
    ([["ID", "Descripción"], ["1.1", "Número de funcionarios capacitados"], ["1.2", "Porcentaje de casos derivados"]],
     [("1.1", "Número de funcionarios capacitados"), ("1.2", "Porcentaje de casos derivados")]),
    # plain numbers, but names that read as indicators
    ([["id", "name"], ["1", "# of individuals trained"], ["2", "Percentage of institutions with a protocol"],
      ["3", "Number of coordination models piloted"]],
     [("1", "# of individuals trained"), ("2", "Percentage of institutions with a protocol"),
      ("3", "Number of coordination models piloted")]),
    # a country's own ids
    ([["Indicator", "Name", "Unit"], ["KI-2", "Individuals provided with training or other support", "#"],
      ["PY-1", "Protocols adopted by the Public Ministry", "#"]],
     [("KI-2", "Individuals provided with training or other support"),
      ("PY-1", "Protocols adopted by the Public Ministry")]),
])
def test_an_indicator_catalogue_is_still_recognized(tmp_path, rows, expected):
    raw = tmp_path / "raw"
    write_csv(raw / "catalogo.csv", rows)
    report, con = _ingest(raw, tmp_path)
    assert report.files[0].status == "ok" and report.exit_code == 0
    assert q(con, "SELECT indicator, name FROM indicators_base ORDER BY source_row") == expected



# ---------------------------------------------------------------------------------------------- nothing personal in the store

EMAIL, PHONE = "ana.prueba@example.org", "+595 981 123456"


def run_cli(tmp_path, raw, out):
    env = {**os.environ, "ATLAS_SECRET_FILE": str(tmp_path / "pseudonym.key"), "PYTHONIOENCODING": "utf-8",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-m", "atlas_data", "ingest", str(raw), "--out", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    return done.returncode, done.stdout + done.stderr


@pytest.fixture(scope="module")
def names_under_a_count(tmp_path_factory):
    """A workbook whose head-count column (`Asistentes`, an alias of events.participants) holds a list of
    people, as happens when a sign-in sheet is pasted under the wrong header; ingested through the CLI."""
    base = tmp_path_factory.mktemp("names")
    raw, store = base / "raw", base / "pq"
    head = ["País", "Modelo", "Actividad", "Fecha", "Asistentes"]
    event = ["Paraguay", "Living Lab", "Taller de prueba", "09/05/2023"]
    write_openpyxl(raw / "Eventos 2023.xlsx", {
        "Eventos": [head, event + ["12,5x"], *[event + [n] for n in FAKE_NAMES], event + [EMAIL],
                    event + [PHONE], event + ["17"]],
        "Lista": [["Asistentes"], *[[n] for n in FAKE_NAMES]],   # only the alias: the sheet lacks columns
    })
    write_csv(raw / "eventos.csv", [head, *[event + [n] for n in FAKE_NAMES]])
    code, out = run_cli(base, raw, store)
    return store, code, out


def test_no_name_reaches_the_store_the_manifest_or_the_cli(names_under_a_count):
    store, code, out = names_under_a_count
    assert code == 0, out
    text = stored_text(store)
    manifest = (store / "manifest.json").read_text(encoding="utf-8") if (store / "manifest.json").exists() else ""
    manifest += "".join(p.read_text(encoding="utf-8") for p in store.rglob("manifest.json"))
    assert manifest  # the manifest was found and read
    personal = [*FAKE_NAMES, EMAIL, PHONE, "ana.prueba", "981 123456"]
    for where, content in (("store", text), ("manifest", manifest), ("CLI", out)):
        assert not [n for n in personal if n in content], where
        assert not [n for n in FAKE_NAMES for part in n.split() if len(part) > 3 and part in content], where
    assert "12,5x" in text and '"12,5x" is not a number' in out   # what cannot be personal is still shown


def test_a_name_is_stored_as_its_kind_and_the_reason_never_quotes_it(names_under_a_count):
    store, _, out = names_under_a_count
    assert "Eventos 2023.xlsx [Lista]: no table recognized, skipped" in out
    con = atlas_data.connect(store)
    rows = q(con, "SELECT source_row, column_name, value, reason, severity FROM rejected "
                  "WHERE source_file = 'Eventos 2023.xlsx' AND source_sheet = 'Eventos' ORDER BY source_row")
    assert [(r, c, v, s) for r, c, v, _, s in rows] == [
        (2, "participants", "12,5x", "error"),
        (3, "participants", "text, 18 characters", "error"),
        (4, "participants", "text, 22 characters", "error"),
        (5, "participants", "text, 21 characters", "error"),
        (6, "participants", "text, 21 characters", "error"),
        (7, "participants", "text, 20 characters", "error"),
        (8, "participants", "e-mail address", "error"),
        (9, "participants", "phone number", "error"),
    ]
    reasons = [r[3] for r in rows]
    assert reasons[0] == ('Eventos 2023.xlsx, sheet "Eventos", row 2, participants: "12,5x" is not a number; '
                          "fix it in the file and upload it again")
    assert reasons[1] == ('Eventos 2023.xlsx, sheet "Eventos", row 3, participants: a text of 18 characters is not '
                          "a number; fix it in the file and upload it again")
    assert "participants: an e-mail address is not a number" in reasons[6]
    assert "participants: a phone number is not a number" in reasons[7]
    assert q(con, "SELECT participants FROM events WHERE source_file = 'Eventos 2023.xlsx'") == [(17,)]
    # the sheet of a lone `Asistentes` column is no table (one header cell): skipped, its cells never read
    assert q(con, "SELECT count(*) FROM rejected WHERE source_sheet = 'Lista'") == [(0,)]
    assert q(con, "SELECT status FROM ingest_files WHERE source_sheet = 'Lista'") == [("skipped",)]


def test_ingest_report_sheet_reasons_are_the_safe_ones(tmp_path):
    raw = tmp_path / "raw"
    # names among head counts (a column wholly of names would be read as an attendance list instead)
    counts = ["12", "15", "9", "20", "7", "11"]
    write_csv(raw / "eventos.csv", [["País", "Modelo", "Actividad", "Fecha", "Asistentes"],
                                   *[["Paraguay", "Living Lab", "Taller", "09/05/2023", n] for n in FAKE_NAMES + counts]])
    report = atlas_data.ingest(raw, tmp_path / "pq")
    (sheet,) = report.files[0].sheets
    assert (sheet.table, len(sheet.reasons), sheet.rows_rejected, sheet.rows_kept) == ("events", 5, 5, 6)
    shown = json.dumps([sheet.reasons, sheet.message, report.sheet_rows().to_dict("records")], ensure_ascii=False)
    assert not [n for n in FAKE_NAMES if n in shown]
    assert all("participants: a text of " in r for r in sheet.reasons)


@pytest.mark.parametrize("value", [
    "Ana Prueba Ejemplo", "PRUEBA EJEMPLO, Ana", "ana prueba", "Carla de la Inventada", "Ana-Maria Prueba",
    "Ana", "Julio", "Domingo", "Abril", "juan85", "Ana 2", "สมชาย ทดสอบ", "Ejemplo", "O'Prueba",
    "ana.prueba@example.org", "@anaprueba", "+595 981 123456", "(021) 123-456", "0981 123 456", "0981123456",
    "981-123-456", "https://example.org/ana.prueba", "A1234567",
])
def test_what_could_be_personal_is_only_described(value):
    shown = privacy.shown_value(value)
    assert shown != value and value not in privacy.quoted(value)
    assert shown in ("e-mail address", "phone number") or shown == f"text, {len(' '.join(value.split()))} characters"


@pytest.mark.parametrize("value", [
    "12", "12,5", "12,5x", "85%", "85 %", "17/20", "17 de 20", "-3", "1.250", "4.123.456", "1e400", "½",
    "31/02/2021", "2021-02-29", "31/02/2021 10:30", "15 de junio de 2021", "June 15, 2021", "diciembre 2020",
    "2019-2021", "FY2021", "KI-2", "WI_009", "Q1", "3a", "#N/A", "#REF!", "N/A", "s/d", "-", "?", "x",
    "Sí", "No", "Mujer", "F", "NS/NR", "No sabe", "Only positive", "presencial", "in-person", "pendiente",
    "sin dato", "12 personas", "aprox. 30", "Step 7/8", "inf",
])
def test_what_cannot_be_personal_is_shown_as_written(value):
    assert privacy.shown_value(value) == value
    assert privacy.quoted(value) == f'"{value}"'


def test_numbers_and_dates_as_cells_give_them_are_shown():
    import datetime as dt

    assert [privacy.shown_value(v) for v in (12, 12.5, 4123456, True, dt.date(2021, 2, 3), None)] == [
        "12", "12.5", "4123456", "True", "2021-02-03", None]


def test_descriptions_in_spanish():
    assert privacy.described_in("text, 24 characters", "es") == "texto, 24 caracteres"
    assert privacy.described_in("text, 1 character", "es") == "texto, 1 carácter"
    assert privacy.described_in("e-mail address", "es") == "dirección de correo electrónico"
    assert privacy.described_in("phone number", "es") == "número de teléfono"
    assert privacy.described_in("(personal data, not shown)", "es") == "(dato personal, no se muestra)"
    assert privacy.described_in("12,5x", "es") == "12,5x" and privacy.described_in("text, 24 characters") == (
        "text, 24 characters")


def test_unexpected_error_texts_are_scrubbed():
    assert privacy.scrub("invalid literal for int() with base 10: 'Ana Prueba Ejemplo'") == (
        "invalid literal for int() with base 10: a text of 18 characters")
    assert privacy.scrub('could not convert "12,5x" to float') == 'could not convert "12,5x" to float'


_LETTER = st.characters(categories=["Lu", "Ll", "Lt", "Lo"])
_WORD = st.text(_LETTER, min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_WORD, min_size=2, max_size=5), gaps=st.lists(st.sampled_from([" ", "  ", "\t", " \n "]),
                                                                      min_size=4, max_size=4))
def test_a_name_of_two_words_or_more_is_never_shown(words, gaps):
    name = words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:]))
    # a phrase of the parsers' vocabulary (`No sabe`, `sin dato`, `Only positive`) is a label, not a name
    assume(not privacy.is_known_label(name))
    shown = privacy.shown_value(name)
    assert shown != name and shown != " ".join(name.split())
    assert shown == f"text, {len(' '.join(name.split()))} characters"
    assert name not in privacy.quoted(name) and " ".join(name.split()) not in privacy.quoted(name)
    assert privacy.quoted(name).startswith("a text of ")
