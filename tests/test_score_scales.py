"""Scores written without their maximum (README "Where the contract was silent"): out of 100, as the contract
says, unless that cannot be. An activity's scores in one sheet with no maximum column, no `17/20` and no `%`,
3 or more of them and none above 20 (`Nota` 5,0 … 8,5 of 10; Paraguay's marks 1–5), are refused with a reason
that says what to add, never stored as 5 % where 5 of 10 was meant; every other score reads as before."""
from __future__ import annotations

import shutil
from types import SimpleNamespace

import pandas as pd
import pytest
import streamlit
from hypothesis import given, settings
from hypothesis import strategies as st

import atlas_data
from atlas_data import cli, rules
from atlas_data.queries.learning import learning
from atlas_data.reading.layout import detect
from atlas_data.reading.normalize import normalize_sheet
from atlas_data.reading.problems import Context
from atlas_data.store import staging, uploads
from atlas_data.store.ingest import ingest
from filemaker import write_csv, write_xlsx
from support import apptest

PEOPLE = ["ACOSTA, Ana", "BENÍTEZ, Luis", "CÁCERES, Rosa", "DUARTE, Juan", "ESPÍNOLA, Marta", "FRANCO, Pedro",
          "GIMÉNEZ, Lucía", "HERRERA, José"]
NOTA_HEADER = ["Apellido y Nombre", "DNI", "Tipo", "Nota", "Curso", "País", "Modelo"]


def nota_rows(maximum: bool = False) -> list[list]:
    """The probe's file 9: a prosecutors' course, pre and post marks out of 10 with a decimal comma."""
    rows = [NOTA_HEADER + (["Puntaje máximo"] if maximum else [])]
    for i, name in enumerate(PEOPLE):
        for kind, mark in (("Pre", 5 + (i % 3) * 0.5), ("Post", 7 + (i % 4) * 0.5)):
            rows.append([name, str(30_000_000 + 12345 * i), kind, f"{mark:.1f}".replace(".", ","), "Fiscalía Trata",
                         "Argentina", "Mesa Interinstitucional"] + (["10"] if maximum else []))
    return rows


def people_rows(header: list, activity: str, scores: list, extra=lambda i: []) -> list[list]:
    rows = [["País", "Modelo", "Actividad", "Nombre", "Tipo", *header]]
    for i, score in enumerate(scores):
        rows.append(["Paraguay", "Living Lab", activity, f"Persona {chr(65 + i // 2)} Prueba", ("Pre", "Post")[i % 2],
                     score, *extra(i)])
    return rows


@pytest.fixture(scope="module")
def store(tmp_path_factory, secret_file):
    base = tmp_path_factory.mktemp("score-scales")
    raw = base / "raw"
    write_csv(raw / "notas_curso_fiscalía.csv", nota_rows(), encoding="cp1252", delimiter=";")
    write_xlsx(raw / "Paraguay notas 1-5.xlsx", {"Notas": people_rows(["Nota"], "Taller ETP", [2, 4, 3, 5, 1, 4])})
    write_xlsx(raw / "Thailand pretest.xlsx", {"Scores": people_rows(["Score"], "ETP pilot",
                                                                       [12, 40, 35, 95, 20, 60])})
    write_xlsx(raw / "Paraguay con máximo.xlsx", {"Notas": people_rows(
        ["Nota", "Máximo"], "Curso con máximo", [5, 8, 6, 9.5, 4, 7], lambda i: [10])})
    write_xlsx(raw / "Paraguay fracciones.xlsx", {"Notas": people_rows(
        ["Nota"], "Curso en fracciones", ["5/10", "8/10", "6/10", "9,5/10", "4/10", "7/10"])})
    write_xlsx(raw / "Paraguay porcentajes.xlsx", {"Notas": people_rows(
        ["Nota"], "Curso en porcentajes", ["5%", "8%", "6%", "10%", "4%", "7%"])})
    write_xlsx(raw / "Paraguay dos notas.xlsx", {"Notas": people_rows(["Nota"], "Dos notas", [7, 8])})
    write_xlsx(raw / "Paraguay dos cursos.xlsx", {"Notas": [
        *people_rows(["Nota"], "Curso de 10", [6, 7, 5, 9]),
        *people_rows(["Nota"], "Curso de 100", [15, 70, 55, 90])[1:]]})
    write_xlsx(raw / "Paraguay ancho.xlsx", {"Notas": [
        ["País", "Modelo", "Actividad", "Nombre", "Puntaje inicial", "Puntaje final"],
        *[["Paraguay", "Living Lab", "Curso ancho", f"Persona {c} Ancho", 4 + i, 7 + i] for i, c in enumerate("ABC")]]})
    ingest(raw, base / "parquet")
    con = atlas_data.connect(base / "parquet")
    yield SimpleNamespace(raw=raw, store=base / "parquet", con=con)
    con.close()


def kept(con, source: str) -> list[tuple]:
    return con.execute("SELECT test_type, score, max_score FROM tests WHERE source_file = ? "
                       "ORDER BY source_sheet, source_row, test_type", [source]).fetchall()


def refused(con, source: str) -> list[tuple]:
    return con.execute("SELECT source_row, column_name, value, severity, code, reason FROM rejected "
                       "WHERE source_file = ? ORDER BY source_row, value", [source]).fetchall()


def test_the_probe_file_of_marks_out_of_10_is_refused_row_by_row_with_what_to_add(store):
    source = "notas_curso_fiscalía.csv"
    assert kept(store.con, source) == []
    got = refused(store.con, source)
    assert [r[:5] for r in got[:3]] == [(2, "score", "5,0", "error", "score_without_maximum"),
                                        (3, "score", "7,0", "error", "score_without_maximum"),
                                        (4, "score", "5,5", "error", "score_without_maximum")]
    assert len(got) == 16 and {r[4] for r in got} == {"score_without_maximum"}
    assert got[0][5] == ("notas_curso_fiscalía.csv, row 2: score 5,0 has no maximum, and none of the 16 scores of "
                         "this activity without one is above 8.5, so they are not out of 100 (marks of 1–5, 0–10 or "
                         "0–20?); add a column with the maximum score (Puntaje máximo, Max score) or write each "
                         "score with its maximum (8/10) and upload the file again, or give the maximum for the "
                         "whole file on the Data page")
    assert "Fiscalía Trata" not in set(learning(store.con)["activity"])   # no 5 % and 8 % on the Learning page


def test_marks_of_1_to_5_in_a_workbook_are_refused(store):
    assert kept(store.con, "Paraguay notas 1-5.xlsx") == []
    got = refused(store.con, "Paraguay notas 1-5.xlsx")
    assert [(r[0], r[2], r[4]) for r in got] == [(i + 2, str(v), "score_without_maximum")
                                                 for i, v in enumerate([2, 4, 3, 5, 1, 4])]
    assert 'sheet "Notas", row 2: score 2 has no maximum, and none of the 6 scores' in got[0][5]


def test_scores_of_0_to_100_read_as_before_even_when_low(store):
    assert kept(store.con, "Thailand pretest.xlsx") == [
        (t, float(s), 100.0) for t, s in zip(["pre", "post"] * 3, [12, 40, 35, 95, 20, 60])]
    assert refused(store.con, "Thailand pretest.xlsx") == []


@pytest.mark.parametrize("source, scores, maximum", [
    ("Paraguay con máximo.xlsx", [5, 8, 6, 9.5, 4, 7], 10.0),      # a `Máximo` column
    ("Paraguay fracciones.xlsx", [5, 8, 6, 9.5, 4, 7], 10.0),      # `8/10` cells
    ("Paraguay porcentajes.xlsx", [5, 8, 6, 10, 4, 7], 100.0),     # `8%`: low, but a percentage says its maximum
    ("Paraguay dos notas.xlsx", [7, 8], 100.0),                    # two scores are too few to tell: as before
])
def test_a_stated_maximum_or_too_few_scores_read_as_before(store, source, scores, maximum):
    assert kept(store.con, source) == [(t, float(s), maximum) for t, s in zip(["pre", "post"] * 3, scores)]
    assert refused(store.con, source) == []


def test_each_activity_of_a_sheet_is_judged_on_its_own_scores(store):
    source = "Paraguay dos cursos.xlsx"
    assert kept(store.con, source) == [(t, float(s), 100.0) for t, s in zip(["pre", "post"] * 2, [15, 70, 55, 90])]
    assert [(r[0], r[2]) for r in refused(store.con, source)] == [(2, "6"), (3, "7"), (4, "5"), (5, "9")]


def test_the_wide_form_of_marks_out_of_10_is_refused(store):
    assert kept(store.con, "Paraguay ancho.xlsx") == []
    got = refused(store.con, "Paraguay ancho.xlsx")
    assert [(r[0], r[2]) for r in got] == [(2, "4"), (2, "7"), (3, "5"), (3, "8"), (4, "6"), (4, "9")]


def test_with_a_maximum_column_the_learning_page_shows_54_and_78_percent(tmp_path, secret_file):
    raw = tmp_path / "raw"
    write_csv(raw / "notas_curso_fiscalía.csv", nota_rows(maximum=True), encoding="cp1252", delimiter=";")
    ingest(raw, tmp_path / "parquet")
    row = learning(atlas_data.connect(tmp_path / "parquet")).iloc[0]
    assert (row["activity"], round(row["pre_mean"]), round(row["post_mean"])) == ("Fiscalía Trata", 54, 78)


def test_the_data_page_offers_the_maximum_for_the_whole_file_and_then_the_rows_are_kept(store, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(store.raw, raw)
    parquet = tmp_path / "parquet"
    ingest(raw, parquet)
    rejected = atlas_data.connect(parquet).execute("SELECT * FROM rejected").df()
    lacking = {m.source_file: m for m in uploads.missing_inputs(rejected)}
    assert lacking["notas_curso_fiscalía.csv"].columns == ["max_score"]
    assert lacking["Paraguay notas 1-5.xlsx"].columns == ["max_score"]
    assert "Thailand pretest.xlsx" not in lacking
    result = uploads.fill_in_and_ingest(raw, parquet, "notas_curso_fiscalía.csv", {"max_score": "10"})
    assert result.error is None
    con = atlas_data.connect(parquet)
    assert len(kept(con, "notas_curso_fiscalía.csv")) == 16 and refused(con, "notas_curso_fiscalía.csv") == []
    row = learning(con).set_index("activity").loc["Fiscalía Trata"]
    assert (round(row["pre_mean"]), round(row["post_mean"])) == (54, 78)


def test_an_upload_being_checked_asks_for_the_maximum_and_its_preview_then_keeps_the_rows(store, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    data = (store.raw / "notas_curso_fiscalía.csv").read_bytes()
    staged = staging.stage([("notas_curso_fiscalía.csv", data)], raw, limit_mb=5)
    (sheet,) = staging.preview(staged, raw, tmp_path / "parquet").files[0].sheets
    assert (sheet.table, sheet.rows_kept, sheet.rows_rejected, sheet.missing) == ("tests", 0, 16, ["max_score"])
    assert staging.fillable(sheet) == ["max_score"]
    staging.save_values(staged, staged.files[0].rel, {"max_score": "10"}, raw)
    (sheet,) = staging.preview(staged, raw, tmp_path / "parquet").files[0].sheets
    assert (sheet.rows_kept, sheet.rows_rejected, sheet.missing) == (16, 0, [])
    assert set(sheet.preview["max_score"]) == {10.0}


def test_the_data_page_in_spanish_gives_the_reason_and_asks_for_the_maximum(store, tmp_path, monkeypatch):
    apptest.read_by_the_app(monkeypatch, store.store, store.raw, tmp_path / "settings.json")
    try:
        at = apptest.data_page("es")
        cells = [str(v) for d in at.dataframe for c in ("Motivo", "Ejemplo") if c in d.value.columns
                 for v in d.value[c]]
        assert "Puntaje sin máximo" in cells
        assert any("el puntaje 5,0 no tiene máximo" in c and "supera 8,5, así" in c for c in cells), cells
        said = " ".join(t.value for t in at.text)
        assert "notas_curso_fiscalía.csv" in said and "Puntaje máximo posible" in said   # the fill-in form
    finally:
        streamlit.cache_data.clear()
        streamlit.cache_resource.clear()


def test_the_data_page_in_thai_gives_the_reason_and_asks_for_the_full_marks(store, tmp_path, monkeypatch):
    """Thai says *maximum* as คะแนนเต็ม (full marks) throughout: the reason, its title, the caption and the form."""
    apptest.read_by_the_app(monkeypatch, store.store, store.raw, tmp_path / "settings.json")
    try:
        at = apptest.data_page("th")
        cells = [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
        assert "คะแนนที่ไม่ได้ระบุคะแนนเต็ม" in cells
        assert any("คะแนน 5,0 ไม่ได้ระบุคะแนนเต็ม" in c and "ไม่มีรายการใดเกิน 8.5 จึง" in c for c in cells), cells
        captions = [c.value for c in at.caption]
        assert any(c.startswith("ไฟล์เหล่านี้มีแผ่นงานที่ไม่มีคอลัมน์ซึ่งข้อกำหนดข้อมูลกำหนดไว้ หรือขาดค่าที่จำเป็นต่อการอ่าน"
                                "ข้อมูลในแถว (เช่น คะแนนเต็ม)") for c in captions), captions
        said = " ".join(t.value for t in at.text)
        assert "notas_curso_fiscalía.csv" in said and "คะแนนเต็ม" in said   # the fill-in form
    finally:
        streamlit.cache_data.clear()
        streamlit.cache_resource.clear()


def test_the_command_line_says_why_in_the_readers_language(store, tmp_path, capsys, monkeypatch):
    said = {
        "en": ["notas_curso_fiscalía.csv: tests, 0 rows kept, 16 rejected",
               "notas_curso_fiscalía.csv, row 2: score 5,0 has no maximum"],
        "es": ["notas_curso_fiscalía.csv, fila 2: el puntaje 5,0 no tiene máximo, y ninguno de los 16 puntajes sin "
               "máximo de esta actividad supera 8,5, así que no son sobre 100",
               "agregue una columna con el puntaje máximo (Puntaje máximo, Max score)"],
        "th": ["คะแนน 5,0 ไม่ได้ระบุคะแนนเต็ม และในคะแนนที่ไม่ได้ระบุคะแนนเต็มของกิจกรรมนี้ทั้งหมด 16 รายการ "
               "ไม่มีรายการใดเกิน 8.5 จึงไม่ใช่คะแนนจากคะแนนเต็ม 100"]}
    for lang, lines in said.items():
        monkeypatch.setenv("ATLAS_LANG", lang)
        cli.main(["ingest", str(store.raw), "--out", str(tmp_path / lang)])
        out = capsys.readouterr().out
        assert all(line in out for line in lines), (lang, out)


# ------------------------------------------------------------------ the rule over generated score columns

def read(rows: list[list]) -> tuple[int, list[str]]:
    """Rows kept and the codes of the problems of a one-sheet grid, as ingest reads it."""
    grid = pd.DataFrame(rows, dtype=object)
    grid.columns = range(grid.shape[1])
    layout = detect(grid)
    assert layout is not None and layout.table == "tests"
    result = normalize_sheet(grid, layout, Context(source_file="notas.xlsx", file_name="notas.xlsx"), "Notas")
    return result.rows_kept, [p["code"] for p in result.problems]


SCORES = st.lists(st.one_of(st.integers(0, 100), st.decimals(0, 100, places=1).map(float)), min_size=1, max_size=12)


def text(score: float) -> str:
    return f"{score:g}".replace(".", ",")


@pytest.mark.slow
@settings(max_examples=120, deadline=None)
@given(SCORES, st.sampled_from(["column", "fraction", "percent", "none"]))
def test_only_scores_without_a_maximum_that_cannot_be_out_of_100_are_refused(secret_file, scores, form):
    extra = {"column": ["Puntaje máximo"]}.get(form, [])
    cell = {"fraction": lambda s: f"{text(s)}/100", "percent": lambda s: f"{text(s)}%"}.get(form, text)
    rows = people_rows(["Nota", *extra], "Curso", [cell(s) for s in scores],
                       lambda i: ["100"] if form == "column" else [])
    n, codes = read(rows)
    implausible = form == "none" and len(scores) >= 3 and max(scores) <= 20
    assert implausible == rules.unstated_scale_implausible(scores) or form != "none"
    if implausible:
        assert (n, codes) == (0, ["score_without_maximum"] * len(scores))
    else:
        assert (n, codes) == (len(scores), [])


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=3, max_size=12), st.sampled_from([5, 10, 20]))
def test_marks_of_a_small_scale_are_read_once_their_maximum_is_given(secret_file, scores, maximum):
    scores = [min(s, maximum) for s in scores]
    rows = people_rows(["Nota"], "Curso", [text(s) for s in scores])
    assert read(rows) == (0, ["score_without_maximum"] * len(scores))
    with_max = people_rows(["Nota", "Nota máxima"], "Curso", [text(s) for s in scores], lambda i: [maximum])
    assert read(with_max) == (len(scores), [])
    as_fraction = people_rows(["Nota"], "Curso", [f"{text(s)}/{maximum}" for s in scores])
    assert read(as_fraction) == (len(scores), [])


def test_the_rule_itself():
    assert rules.unstated_scale_implausible([5.0, 8.5, 6.0])
    assert rules.unstated_scale_implausible([20, 20, 20, None, float("nan")])
    assert not rules.unstated_scale_implausible([5, 8])                 # too few to tell
    assert not rules.unstated_scale_implausible([5, 8, 20.5])           # a score above 20: out of 100 is possible
    assert not rules.unstated_scale_implausible([12, 40, 95])
    assert not rules.unstated_scale_implausible([])
