"""Workshop downloads a room can reuse: each file opened as its reader would open it (the csv module,
pandas, openpyxl, python-pptx) and its cells read back: title, sources, dates, the note on <k and ×, the
marks, the "others, together" row, `;` and decimal commas in Spanish, formulas made inert.

The slides come from the store the conftest ingests from data/raw (Paraguay in Spanish, k = 5). Chromium
runs through the process's one warm renderer (export.RENDERER): a few tenths of a second per figure.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import struct

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation

import atlas_data
from atlas_data import bench, cli, queries
from atlas_data.queries import sources
from atlas_data.reports import deck, downloads, export, pack, projector, workshop

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: The interview questions as the built-in translations file writes them in Spanish.
FAMILIAR_ES = "¿Conoce usted el Proyecto ATLAS?"
BOK_ES = "¿Recuerda haber consultado el Cuerpo de Conocimientos (BOK)?"
DAY = dt.date(2026, 12, 6)
TIMES = "× oculto para que un número pequeño no pueda deducirse de los totales."
UNDER_5 = "Las cifras menores que 5 se muestran como <5."
SPANISH_TITLES = ["Dónde está cada DMOP", "Personas capacitadas por actividad", "Finalización y deserción por actividad",
                  "Aprendizaje: puntajes medios", "Qué respondieron los informantes clave", "Quiénes fueron entrevistados"]
OTHERS = "Otras organizaciones, en conjunto (las 8 siguientes)"
HIDDEN = "No se muestra, para proteger cifras pequeñas"


@pytest.fixture(scope="module")
def con(builtin_store):
    return atlas_data.connect(builtin_store)


@pytest.fixture(scope="module")
def paraguay(con):
    return {s.key: s for s in workshop.slides(con, "Paraguay", "es", 5)}


def read_csv(data: bytes, sep: str) -> tuple[list[str], list[list[str]]]:
    """(the `# ` lines without their mark, the table's rows) as the csv module reads them."""
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    about = [line[2:] for line in lines if line.startswith("#")]
    body = "\r\n".join(line for line in lines if not line.startswith("#"))
    return about, list(csv.reader(io.StringIO(body, newline=""), delimiter=sep))


def sheet_rows(data: bytes) -> tuple[openpyxl.Workbook, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return book, [tuple(c for c in row) for row in book.worksheets[0].iter_rows(values_only=True)]


# =========================================================================== CSV

def test_spanish_csv_of_the_interview_slide_says_what_it_is_and_keeps_the_marks(paraguay):
    kii = paraguay["kii"]
    about, rows = read_csv(downloads.slide_csv(kii, "Paraguay", "es", DAY, DAY), ";")
    assert about == ["ATLAS · Taller de validación · Paraguay", "Qué respondieron los informantes clave",
                     "Archivos de origen:", "paraguay/Tabulación entrevistas MTE Paraguay 2021.xlsx",
                     "Datos al 6 de diciembre de 2026 · Generado el 6 de diciembre de 2026",
                     f"{UNDER_5} {TIMES}"]
    assert rows[0] == ["Pregunta", "Sí", "Parcialmente", "No", HIDDEN, "Total"]
    table = {r[0]: r[1:] for r in rows[1:] if r}
    assert table[FAMILIAR_ES] == ["27", "<5", "0", "", "×"]
    # the grey part of the bar: 28 answers, 22 "No" shown, the two hidden answers together are 6
    assert table[BOK_ES] == ["<5", "<5", "22", "6", "28"]
    assert table["Total"] == ["×", "35", "×", "", "193"]


def test_spanish_csv_uses_semicolons_and_decimal_commas_and_reads_back_as_numbers(paraguay):
    data = downloads.slide_csv(paraguay["learning"], "Paraguay", "es", DAY, DAY)
    text = data.decode("utf-8-sig")
    assert "ToT para la Policía Nacional (piloto ETP);Prueba inicial;20;53,2" in text
    assert "# Incluye datos ilustrativos." in text
    frame = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", comment="#", encoding="utf-8-sig")
    assert frame["Puntaje medio (% del máximo)"].tolist() == [53.2, 72.9, 20.4]
    share = export.to_csv_bytes(pd.DataFrame({"Grupo": ["a #1"], "Proporción": [0.96], "n": [1234]}), lang="es")
    assert share.decode("utf-8-sig").splitlines() == ["Grupo;Proporción;n", '"a #1";0,96;1234']
    back = pd.read_csv(io.BytesIO(share), sep=";", decimal=",", comment="#", encoding="utf-8-sig")
    assert back.to_dict("records") == [{"Grupo": "a #1", "Proporción": 0.96, "n": 1234}]


def test_english_csv_uses_commas_and_decimal_points(con):
    assert export.to_csv_bytes(pd.DataFrame({"share": [0.96]}), lang="en").decode("utf-8-sig") == "share\r\n0.96\r\n"
    learning = {s.key: s for s in workshop.slides(con, "Paraguay", "en", 5)}["learning"]
    about, rows = read_csv(downloads.slide_csv(learning, "Paraguay", "en", DAY, DAY), ",")
    assert about[0] == "ATLAS · Validation workshop · Paraguay" and about[-1] == "Figures below 5 are shown as <5."
    assert about[-2] == "Data as of December 6, 2026 · Generated on December 6, 2026"
    assert rows[1] == ["ToT for the National Police (ETP pilot)", "Pre-test", "20", "53.2"]   # the data text in English


def test_thai_csv_and_excel_are_in_thai_with_commas_and_decimal_points(con):
    thailand = {s.key: s for s in workshop.slides(con, "Thailand", "th", 5)}
    data = downloads.slide_csv(thailand["learning"], "Thailand", "th", DAY, DAY)
    about, rows = read_csv(data, ",")
    assert about[0] == "ATLAS · การประชุมเชิงปฏิบัติการเพื่อรับรองผล · ประเทศไทย"
    assert about[1] == "การเรียนรู้: คะแนนเฉลี่ย" and about[2] == "ไฟล์ต้นทาง:"
    assert "ข้อมูล ณ วันที่ 6 ธันวาคม พ.ศ. 2569 · จัดทำเมื่อ 6 ธันวาคม พ.ศ. 2569" in about
    assert about[-1] == "ตัวเลขที่ต่ำกว่า 5 จะแสดงเป็น <5"
    assert rows[0] == ["กิจกรรม", "แบบทดสอบ", "ผู้เข้าร่วม", "คะแนนเฉลี่ย (% ของคะแนนเต็ม)"]
    assert rows[1][1:] == ["แบบทดสอบก่อนการอบรม", "42", "55.2"]
    frame = pd.read_csv(io.BytesIO(data), comment="#", encoding="utf-8-sig")
    assert frame["คะแนนเฉลี่ย (% ของคะแนนเต็ม)"].iloc[0] == 55.2
    book, _ = sheet_rows(downloads.slide_xlsx(thailand["kii"], "Thailand", "th", DAY, DAY))
    assert book.sheetnames == ["คำตอบ"]


def test_informants_csv_has_the_others_bar_as_a_row_then_its_members_with_their_marks(paraguay):
    about, rows = read_csv(downloads.slide_csv(paraguay["informants"], "Paraguay", "es", DAY, DAY), ";")
    assert about[-1] == UNDER_5
    assert rows[0] == ["Organización", "Informantes clave"]
    labels = [r[0] for r in rows[1:] if r]
    values = {r[0]: r[1] for r in rows[1:] if r}
    assert labels[:4] == ["Corte Suprema de Justicia", "Ministerio de Trabajo, Empleo y Seguridad Social",
                          "Ministerio de la Defensa Pública", OTHERS]
    assert values[OTHERS] == "16" and values["Total"] == "35"
    members = labels[4:-1]
    assert len(members) == 8 and {values[m] for m in members} == {"<5"}
    # the chart's bars add up to the published total: 8 + 6 + 5 + 16 = 35
    assert sum(int(values[l]) for l in labels[:4]) == int(values["Total"])


def test_downloads_make_formulas_inert_in_the_lines_and_the_table():
    about = export.About(title="=HYPERLINK(\"http://x\")", sources=("+evil.xlsx",), note="@note")
    frame = pd.DataFrame({"-a": ["=1+2", "ok"], "n": [1, 2]})
    lines, rows = read_csv(export.to_csv_bytes(frame, about, "es"), ";")
    assert lines[0].startswith("'=HYPERLINK") and lines[2] == "'+evil.xlsx" and lines[-1] == "'@note"
    assert rows[0] == ["'-a", "n"] and rows[1] == ["'=1+2", "1"]
    book, cells = sheet_rows(export.to_xlsx_bytes(frame, "x", about, "es"))
    assert all(c.data_type != "f" for row in book.worksheets[0].iter_rows() for c in row)
    assert cells[0][0].startswith("'=HYPERLINK") and ("'=1+2", 1) in cells


# =========================================================================== XLSX

def test_spanish_excel_has_a_spanish_sheet_and_the_lines_above_the_table(paraguay):
    book, rows = sheet_rows(downloads.slide_xlsx(paraguay["kii"], "Paraguay", "es", DAY, DAY))
    assert book.sheetnames == ["Respuestas"]
    sheet = book.worksheets[0]
    assert rows[0][0] == "ATLAS · Taller de validación · Paraguay"
    assert rows[1][0] == "Qué respondieron los informantes clave" and sheet["A2"].font.b
    assert rows[3][0] == "paraguay/Tabulación entrevistas MTE Paraguay 2021.xlsx"
    assert rows[5][0] == f"{UNDER_5} {TIMES}" and rows[6] == (None,) * len(rows[6])
    assert rows[7] == ("Pregunta", "Sí", "Parcialmente", "No", HIDDEN, "Total")
    assert rows[8] == (FAMILIAR_ES, 27, "<5", 0, None, "×")
    assert sheet.freeze_panes == "A9"


def test_excel_of_who_was_interviewed_holds_the_others_row_and_sheet_names_follow_the_language(paraguay, con):
    book, rows = sheet_rows(downloads.slide_xlsx(paraguay["informants"], "Paraguay", "es", DAY, DAY))
    assert book.sheetnames == ["Quiénes fueron entrevistados"]
    table = {r[0]: r[1] for r in rows[7:]}
    assert table[OTHERS] == 16 and table["ONG"] == "<5" and table["Total"] == 35
    member = next(i for i, r in enumerate(rows, start=1) if r[0] == "ONG")
    assert book.worksheets[0][f"A{member}"].alignment.indent == 1
    english = {s.key: s for s in workshop.slides(con, "Paraguay", "en", 5)}
    names = [openpyxl.load_workbook(io.BytesIO(downloads.slide_xlsx(english[key], "Paraguay", "en"))).sheetnames[0]
             for key in workshop.SLIDE_KEYS]
    assert names == ["DMOP steps", "People trained", "Dropout and completion", "Learning", "Answers",
                     "Who was interviewed"]


def test_dmop_board_download_has_no_note_and_data_as_of_is_the_last_ingest(paraguay, con):
    board = paraguay["dmop_board"]
    assert downloads.chart_table(board, "es")[0].equals(board.table.astype(object))
    as_of = downloads.data_as_of(sources.last_update(con), board)
    assert isinstance(as_of, dt.date) and as_of <= dt.date.today()
    about, rows = read_csv(downloads.slide_csv(board, "Paraguay", "es", as_of), ";")
    assert not any("<5" in line for line in about)
    assert about[-1].startswith("Datos al ") and rows[0][0] == "DMOP"


# =========================================================================== PNG and the packs

@pytest.fixture(scope="module")
def images(paraguay):
    return pack.pack_images(list(paraguay.values()))


@pytest.mark.slow
def test_slide_png_is_the_titled_chart_with_the_note_under_it(paraguay):
    kii = paraguay["kii"]
    png = pack.slide_png(kii, "es")
    assert png[:8] == PNG_SIGNATURE
    assert struct.unpack(">II", png[16:24]) == projector.PNG_SIZE
    titled = projector.titled(kii, "es")
    assert kii.note in [a.text.replace("<br>", " ") for a in titled.layout.annotations]


def test_pack_images_are_one_png_per_slide_at_scale_1_5(images, paraguay):
    assert len(images) == 6 and all(png[:8] == PNG_SIGNATURE for png in images)
    widths = {struct.unpack(">I", png[16:20])[0] for png in images}
    assert widths == {int(pack.CHART_PNG[0] * pack.CHART_SCALE)}


@pytest.mark.slow
def test_the_renderer_starts_again_after_being_stopped():
    fig = {"data": [{"type": "bar", "x": ["a"], "y": [3]}], "layout": {}}
    first = export.figure_png(fig, 200, 100)
    export.RENDERER.stop()
    assert export.figure_png(fig, 200, 100) == first


@pytest.mark.slow
def test_a_browser_that_never_comes_up_fails_the_render_instead_of_hanging_the_next_ones(monkeypatch):
    import asyncio

    class Stuck:
        def __init__(self, **options):
            pass

        async def open(self):
            await asyncio.sleep(3600)

        async def close(self):
            pass

    renderer = export.Renderer()
    monkeypatch.setattr(export, "OPEN_TIMEOUT", 0.5)
    monkeypatch.setattr(export, "_kept_tabs_kaleido", lambda: Stuck)
    with pytest.raises(TimeoutError):
        renderer.render([{"data": [], "layout": {}}], 100, 100)
    monkeypatch.undo()
    fig = {"data": [{"type": "bar", "x": ["a"], "y": [3]}], "layout": {}}
    try:
        assert renderer.render([fig], 200, 100)[0] == export.figure_png(fig, 200, 100)
    finally:
        renderer.stop()


@pytest.fixture(scope="module")
def pptx(paraguay, images):
    slides = list(paraguay.values())
    return Presentation(io.BytesIO(deck.render_deck(slides, "Paraguay", "es", 5, images, DAY, DAY)))


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def table_cells(slide) -> list[list[str]]:
    grid = next(shape.table for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in grid.rows]


def test_deck_has_a_title_slide_then_a_chart_and_a_numbers_slide_per_slide(pptx):
    slides = list(pptx.slides)
    assert len(slides) == 13
    cover = " ".join(texts(slides[0]))
    assert "Taller de validación" in cover and "Paraguay" in cover and "Español · 6 de diciembre de 2026" in cover
    assert UNDER_5 in cover and TIMES in cover
    titles = [s.shapes.title.text_frame.text for s in slides[1:]]
    assert titles[0::2] == SPANISH_TITLES
    assert titles[1::2] == [f"{title}: las cifras" for title in SPANISH_TITLES]
    for chart in slides[1::2]:
        assert [shape.shape_type for shape in chart.shapes].count(13) == 1          # 13: a picture
    assert pptx.slide_width * 9 == pptx.slide_height * 16


def test_deck_tables_hold_the_numbers_with_their_marks_in_spanish_format(pptx):
    slides = list(pptx.slides)
    kii = table_cells(slides[10])
    assert kii[0] == ["Pregunta", "Sí", "Parcialmente", "No", HIDDEN, "Total"]
    assert kii[1] == [FAMILIAR_ES, "27", "<5", "0", "", "×"]
    assert kii[6] == [BOK_ES, "<5", "<5", "22", "6", "28"]
    learning = table_cells(slides[8])
    assert learning[1][-1] == "53,2"
    who = table_cells(slides[12])
    assert ["    ONG", "<5"] in who and [OTHERS, "16"] in who and who[-1] == ["Total", "35"]


def test_deck_speaker_notes_name_the_sources_dates_and_the_marks(pptx):
    slides = list(pptx.slides)
    notes = slides[9].notes_slide.notes_text_frame.text.split("\n")
    assert notes == ["Qué respondieron los informantes clave", "Archivos de origen:",
                     "paraguay/Tabulación entrevistas MTE Paraguay 2021.xlsx",
                     "Datos al 6 de diciembre de 2026 · Generado el 6 de diciembre de 2026", f"{UNDER_5} {TIMES}"]
    assert slides[10].notes_slide.notes_text_frame.text == slides[9].notes_slide.notes_text_frame.text
    assert "Archivos de origen:" in slides[0].notes_slide.notes_text_frame.text


@pytest.mark.slow
def test_a_long_table_continues_on_the_next_slides_and_a_slide_without_data_is_left_out(con):
    thailand = workshop.slides(con, "Thailand", "en", 5)
    at = next(i for i, s in enumerate(thailand) if s.title.startswith("What key informants answered"))
    kii = thailand[at]
    long = dataclasses.replace(kii, table=pd.concat([kii.table] * 3, ignore_index=True), matrix=None, mask=None)
    slides = thailand[:at] + [long] + thailand[at + 1:]
    data = deck.render_deck(slides, "Thailand", "en", 5, [_tiny_png()] * len(slides), DAY)
    deck_slides = list(Presentation(io.BytesIO(data)).slides)
    titles = [s.shapes.title.text_frame.text for s in deck_slides]
    parts = [t for t in titles if t.startswith(f"{kii.title}: the numbers (")]
    assert len(parts) >= 2 and parts[0].endswith(f"(1 of {len(parts)})")
    rows = sum(len(table_cells(s)) - 1 for s in deck_slides if s.shapes.title.text_frame.text in parts)
    assert rows == len(long.table) == 3 * len(kii.table)
    assert not any(t.startswith("Completion and dropout") for t in titles)   # no roster: no slide, no numbers


def _tiny_png() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (1920, 840), "white").save(out, format="PNG")
    return out.getvalue()


# =========================================================================== the benchmark

def test_bench_only_packs_prints_the_download_lines_and_its_json(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(bench, "run", lambda *a: pytest.fail("--only packs ran the ingest benchmark"))
    monkeypatch.setattr(bench, "run_packs", lambda work: {"renderer_start_s": 2.5, "slide_png_s": 0.2,
                                                          "pack_pdf_s": 1.1, "pack_pptx_s": 1.0})
    args = cli.build_parser().parse_args(["bench", "--only", "packs", "--dir", str(tmp_path)])
    assert bench.run_bench(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert json.loads(out[-1]) == {"renderer_start_s": 2.5, "slide_png_s": 0.2, "pack_pdf_s": 1.1, "pack_pptx_s": 1.0}
    assert any("slide_png_s" in line and "0.2" in line for line in out[:-1])


# =========================================================================== the page in Chromium

@pytest.mark.slow
def test_browser_downloads_the_chart_the_spanish_table_and_both_packs(tmp_path_factory, chromium_browser):
    """Click each download on the interview slide in Spanish and open what arrives. The seconds from click
    to file are printed (not asserted: the machine is shared): the page starts Chromium when it opens."""
    import re
    import time

    from browser import AppServer, exception_texts, wait_rendered

    work = tmp_path_factory.mktemp("downloads-browser")
    server = AppServer(work).start()
    seconds = {}
    try:
        # the session's Chromium: a second Playwright cannot start in the same test process
        context = chromium_browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
        page = context.new_page()
        page.goto(f"{server.url}/?lang=es&mode=workshop&country=Paraguay&slide=5")
        wait_rendered(page)
        assert exception_texts(page) == []
        time.sleep(5)               # as a person would read the slide; Chromium warms meanwhile
        files = {}
        for name, label in (("png", r"Gráfico \(PNG\)"), ("csv", r"Tabla \(CSV\)"), ("xlsx", r"Tabla \(Excel\)"),
                            ("pdf", r"Paquete \(PDF\)"), ("pptx", r"Paquete \(PowerPoint\)")):
            start = time.monotonic()
            with page.expect_download(timeout=120_000) as download:
                page.get_by_role("button", name=re.compile(label)).click()
            files[name] = work / f"download.{name}"
            download.value.save_as(files[name])
            seconds[name] = round(time.monotonic() - start, 2)
        context.close()
    finally:
        server.stop()
    print(f"click to file (s): {seconds}")
    assert files["png"].read_bytes()[:8] == PNG_SIGNATURE
    about, rows = read_csv(files["csv"].read_bytes(), ";")
    assert about[1] == "Qué respondieron los informantes clave" and about[-1] == f"{UNDER_5} {TIMES}"
    assert rows[1] == [FAMILIAR_ES, "27", "<5", "0", "", "×"]
    assert openpyxl.load_workbook(files["xlsx"]).sheetnames == ["Respuestas"]
    assert files["pdf"].read_bytes()[:5] == b"%PDF-"
    deck_slides = list(Presentation(str(files["pptx"])).slides)
    assert len(deck_slides) == 13 and "Paraguay" in " ".join(texts(deck_slides[0]))
