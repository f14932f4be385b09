"""Messages from one catalog: every code has an English template and a translation with the same fields; bad
files give their reasons in Spanish on the Data page (and its download) and in English on the command line."""
from __future__ import annotations

import re
import string
from types import SimpleNamespace

import pytest
import streamlit as st

from atlas_data import cli, i18n
from atlas_data.reading import messages as M
from atlas_data.reading import parsers as P
from atlas_data.reports import export
from atlas_data.store.ingest import ingest
from filemaker import compound_file, write_bytes, write_csv, write_xlsx
from support import apptest

# A word of these in a message means an English sentence was left in it (the file names below have none;
# `use` is Spanish too).
ENGLISH = re.compile(r"\b(the|is|not|does|exist|matches|table|sheet|row|again|upload|fix|it|password|skipped|"
                     r"could|read|known|counts?|attended|date|empty|damaged)\b", re.IGNORECASE)


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def translations() -> list[str]:
    return [lang for lang in i18n.languages() if lang != i18n.DEFAULT_LANG]


@pytest.mark.parametrize("code", sorted(M.CATALOG))
def test_every_code_has_a_translation_with_the_same_fields(code):
    message = M.CATALOG[code]
    assert message.title and message.template
    for lang in translations():
        catalog = i18n.catalog(lang)
        assert message.template in catalog, (lang, code)
        assert fields(catalog[message.template]) == fields(message.template), (lang, code)
        assert message.title in catalog, (lang, message.title)


def test_the_pieces_of_messages_are_translated_with_the_same_fields():
    pieces = [*M.NOUNS.values(), *M.KINDS, *M.CHECKS, M.WHERE_SHEET, M.WHERE_ROW]
    for lang in translations():
        catalog = i18n.catalog(lang)
        for piece in pieces:
            assert piece in catalog and fields(catalog[piece]) == fields(piece), (lang, piece)


def test_a_parser_error_is_a_code_whose_english_text_is_the_message():
    with pytest.raises(M.ParseError) as err:
        P.parse_date("31/02/2021")
    assert err.value.code == "date_does_not_exist" and str(err.value) == 'date "31/02/2021" does not exist'
    assert M.render(err.value.code, "es", **err.value.fields) == 'la fecha "31/02/2021" no existe'
    with pytest.raises(M.ParseError) as err:
        P.parse_number("Ana Prueba")   # could be a name: only its kind is said, in each language
    assert str(err.value) == "a text of 10 characters is not a number"
    assert M.render(err.value.code, "es", **err.value.fields) == "un texto de 10 caracteres no es un número"


def test_a_stored_message_renders_in_english_as_stored_and_in_spanish_from_its_fields():
    detail = M.ParseError("date_does_not_exist", noun="date", value='"31/02/2021"')
    where = {"file": "asistencia.csv", "sheet": "ToT", "row": 40, "column": "session_date"}
    english = M.render("bad_value", **where, detail=detail)
    assert english == ('asistencia.csv, sheet "ToT", row 40, session_date: date "31/02/2021" does not exist; fix it '
                       "in the file and upload it again")
    stored = M.stored_fields(**where, detail=detail)
    assert M.render_stored("bad_value", stored, english, "en") == english
    assert M.render_stored("bad_value", stored, english, "es") == (
        'asistencia.csv, hoja "ToT", fila 40, session_date: la fecha "31/02/2021" no existe; corríjalo en el '
        "archivo y vuelva a subirlo")
    assert M.render_stored(None, None, "old text", "es") == "old text"   # a row stored before the catalog


def test_a_message_renders_in_thai_from_its_fields():
    with pytest.raises(M.ParseError) as err:
        P.parse_date("31/02/2021")
    assert M.render(err.value.code, "th", **err.value.fields) == 'วันที่ "31/02/2021" ไม่มีอยู่จริง'
    with pytest.raises(M.ParseError) as err:
        P.parse_number("Ana Prueba")   # could be a name: only its kind is said, in Thai too
    assert M.render(err.value.code, "th", **err.value.fields) == "ข้อความยาว 10 ตัวอักษร ไม่ใช่ตัวเลข"
    detail = M.ParseError("date_does_not_exist", noun="date", value='"31/02/2021"')
    where = {"file": "asistencia.csv", "sheet": "ToT", "row": 40, "column": "session_date"}
    english = M.render("bad_value", **where, detail=detail)
    assert M.render_stored("bad_value", M.stored_fields(**where, detail=detail), english, "th") == (
        'asistencia.csv, แผ่นงาน "ToT", แถว 40, session_date: วันที่ "31/02/2021" ไม่มีอยู่จริง '
        "โปรดแก้ไขในไฟล์แล้วอัปโหลดอีกครั้ง")


@pytest.mark.parametrize("lang, highest, total, size, above", [
    ("en", "above 8.5, so", "the total 1,234 does not match the sum of the rows above it (1,230)", "is 12.5 MB",
     "score 10.5 is above its maximum 10"),
    ("es", "supera 8,5, así", "el total 1.234 no coincide con la suma de las filas de arriba (1.230)", "pesa 12,5 MB",
     "el puntaje 10,5 supera su máximo 10"),
    ("th", "เกิน 8.5 ", "ยอดรวม 1,234 ไม่ตรงกับผลรวมของแถวด้านบน (1,230)", "ขนาด 12.5 MB",
     "คะแนน 10.5 สูงกว่าคะแนนเต็ม 10"),
])
def test_numbers_in_a_message_are_written_in_its_language(lang, highest, total, size, above):
    """A figure a message quotes goes through the one formatter (`i18n.fmt_decimal`) in the message's language,
    stored as a number so a page in another language writes it its own way; a row number stays as the sheet
    shows it (`row 1234`)."""
    where = {"file": "notas.csv", "row": 1234}
    scale = {**where, "column": "score", "value": 5.5, "count": 16, "highest": 8.5}
    english = M.render("score_without_maximum", **scale)    # as stored in `rejected.reason`, with its fields
    said = M.render_stored("score_without_maximum", M.stored_fields(**scale), english, lang)
    assert highest in said and "1234" in said and "1.234" not in said and "1,234" not in said
    assert ("5,5" if lang == "es" else "5.5") in said
    sums = {**where, "column": "participants", "total": 1234, "parts": 1230}
    assert total in M.render_stored("total_disagrees", M.stored_fields(**sums), M.render("total_disagrees", **sums),
                                    lang)
    assert size in M.render("upload_too_large", lang, name="big.csv", size=12.5, limit=10)
    with pytest.raises(M.ParseError) as err:
        P.parse_score("10,5/10")
    assert M.render(err.value.code, lang, **err.value.fields) == above


def test_a_figure_quoted_from_a_cell_is_kept_as_written_and_said_in_the_readers_language():
    from atlas_data.reading.problems import Context, Problems
    problems = Problems("tests", Context("notas.xlsx", "notas.xlsx"), "Notas")
    problems.add(3, "score", 5.0, "score_without_maximum", count=6, highest=8.5)
    problems.add(4, "score", 7.5, "score_without_maximum", count=6, highest=8.5)
    problems.add(5, "score", "5,5", "score_without_maximum", count=6, highest=8.5)   # a CSV's text, as written
    assert [p["value"] for p in problems.rows] == ["5", "7.5", "5,5"]
    said = [M.render_stored(p["code"], p["reason_fields"], p["reason"], "es") for p in problems.rows]
    assert [s.split(" no tiene")[0] for s in said] == ['notas.xlsx, hoja "Notas", fila 4: el puntaje 5',
                                                      'notas.xlsx, hoja "Notas", fila 5: el puntaje 7,5',
                                                      'notas.xlsx, hoja "Notas", fila 6: el puntaje 5,5']
    assert problems.rows[1]["reason"].startswith('notas.xlsx, sheet "Notas", row 5: score 7.5 has no maximum')


# ---------------------------------------------------------------------------------------------- bad files

def _encrypted_workbook() -> bytes:
    import random
    import struct

    info = struct.pack("<HHI", 4, 4, 0x40) + random.Random(1).randbytes(200)
    package = struct.pack("<Q", 9000) + random.Random(2).randbytes(9000)
    return compound_file({"EncryptionInfo": info, "EncryptedPackage": package})


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    """A raw folder of files with one problem each, ingested."""
    base = tmp_path_factory.mktemp("bad-files")
    raw = base / "raw"
    raw.mkdir()
    header = ["País", "DMOP", "Nombre", "Institución", "Actividad", "Fecha", "Asistencia"]
    write_csv(raw / "asistencia.csv", [
        header,
        ["Paraguay", "Living Lab", "Marta Ayala", "Fiscalía", "Taller", "12/06/2021", "P"],
        ["Paraguay", "Living Lab", "Pedro Ruiz", "Fiscalía", "Taller", "31/02/2021", "P"],
        ["Paraguay", "Living Lab", "Luz Vera", "Fiscalía", "Taller", "12/06/2021", "??"],
    ])
    write_bytes(raw / "dañado.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    write_bytes(raw / "clave.xlsx", _encrypted_workbook())
    write_xlsx(raw / "libro.xlsx", {"Hoja1": [["Foo", "Bar"], ["1", "2"]]})
    ingest(raw, base / "parquet")
    return SimpleNamespace(raw=raw, store=base / "parquet")


def test_the_command_line_prints_english(bad_files, tmp_path, capsys):
    cli.main(["ingest", str(bad_files.raw), "--out", str(tmp_path / "parquet")])
    out = capsys.readouterr().out
    for english in ('date "31/02/2021" does not exist', "is password-protected", "archive is damaged",
                    "no sheet matches a table", "the attendance mark \"??\" is not known"):
        assert english in out, (english, out)


def test_the_command_line_prints_a_files_messages_in_its_readers_language(bad_files, tmp_path, capsys, monkeypatch):
    """The Data page's rule (render from the code and fields), on the command line with ATLAS_LANG."""
    monkeypatch.setenv("ATLAS_LANG", "es")
    cli.main(["ingest", str(bad_files.raw), "--out", str(tmp_path / "parquet")])
    out = capsys.readouterr().out
    for spanish in ('asistencia.csv, fila 3, session_date: la fecha "31/02/2021" no existe; corríjalo en el archivo',
                    'asistencia.csv, fila 4: attended: la marca de asistencia "??" no se reconoce',
                    "está protegido con contraseña", "libro.xlsx: ninguna hoja corresponde a una tabla"):
        assert spanish in out, (spanish, out)
    assert "does not exist" not in out and "password-protected" not in out


@pytest.fixture
def spanish_page(bad_files, tmp_path, monkeypatch):
    apptest.read_by_the_app(monkeypatch, bad_files.store, bad_files.raw, tmp_path / "settings.json")
    downloads = []
    original = export.to_csv_bytes
    monkeypatch.setattr(export, "to_csv_bytes", lambda df, about=None, lang="en": downloads.append((df, lang)) or
                        original(df, about, lang))
    yield apptest.data_page("es"), downloads
    st.cache_data.clear()
    st.cache_resource.clear()


def _column(at, header: str) -> list[str]:
    return [str(v) for d in at.dataframe if header in d.value.columns for v in d.value[header] if str(v).strip()]


def test_the_data_page_in_spanish_gives_every_reason_in_spanish(spanish_page):
    at, downloads = spanish_page
    messages = _column(at, "Mensaje")
    reasons = _column(at, "Motivo")
    examples = _column(at, "Ejemplo")
    said = " ".join(messages + reasons + examples)
    assert {"Valor ilegible", "Marca de asistencia desconocida"} <= set(reasons)   # catalog titles, in Spanish
    for spanish in ('la fecha "31/02/2021" no existe', "está protegido con contraseña", "el archivo está dañado",
                    "no corresponde a ninguna tabla", 'la marca de asistencia "??" no se reconoce'):
        assert spanish in said, (spanish, said)
    for text in messages + reasons + examples:
        # file names and quoted values aside, no English word is left
        bare = re.sub(r'"[^"]*"|\b[\wñ]+\.(csv|xlsx)\b|session_date|attended', "", text)
        assert not ENGLISH.search(bare), text
    assert downloads, "no download offered"
    table, lang = downloads[-1]
    assert lang == "es" and {"Archivo", "Motivo", "Gravedad"} <= set(table.columns)   # headers as on screen
    csv_reasons = " ".join(table["Motivo"])
    assert 'la fecha "31/02/2021" no existe' in csv_reasons and "does not exist" not in csv_reasons


@pytest.mark.parametrize("lang, written", [("en", "10,000,000,000,000,000,000,000"),
                                           ("es", "10.000.000.000.000.000.000.000")])
def test_a_huge_figure_a_message_quotes_is_written_whole(lang, written):
    """Babel rounds in the decimal context, whose 28 digits could not hold 1e22 to six decimals (InvalidOperation,
    found by the parsers' property test on a status cell `10000000000000000000000`)."""
    with pytest.raises(P.ParseError) as raised:
        P.parse_step("10000000000000000000000")
    assert raised.value.code == "step_out_of_range"
    assert i18n.fmt_decimal(1e22, lang, digits=6) == written
    assert written in M.render("step_out_of_range", lang, step=1e22, value='"10000000000000000000000"')
