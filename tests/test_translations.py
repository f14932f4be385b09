"""Data text in the room's language: a `translations` sheet (`text, es, en, th`) read as people write it, its
texts matched ignoring case and accents, applied to the frames of pages and slides, the original kept beside it
in the numbers table, and the Data page's list of texts still to translate with a sheet that reads back in."""
from __future__ import annotations

import io
import shutil

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from atlas_data.queries import reach, translations
from atlas_data.reports import translate, workshop
from atlas_data.store.ingest import ingest
from atlas_data.store.views import connect
from conftest import RAW
from filemaker import write_xlsx

COURT = "Supreme Court of Justice"
TOT = "ToT para la Policía Nacional (piloto ETP)"
SHEET = {
    "Glosario": [
        ["ATLAS – glosario de textos de los datos (borrador)", None, None, None],
        [None, None, None, None],
        ["Texto original", "Español", "English", "ไทย"],
        [COURT, "Corte Suprema de Justicia", None, "ศาลฎีกา"],
        ["enforcement training program", "Programa de Capacitación para la Aplicación de la Ley", None,
         "โครงการฝึกอบรมการบังคับใช้กฎหมาย"],
        ["ToT para la Policia Nacional (piloto ETP)", None, "ToT for the National Police (ETP pilot)", None],
        ["Are you familiar with the ATLAS Project?", "¿Conoce el Proyecto ATLAS?", None,
         "ท่านรู้จักโครงการ ATLAS หรือไม่"],
        ["Only positive", "Solo positivo (hoja)", None, None],
        ["The Multi-Disciplinary Teams 2-day online training", "La capacitación en línea de 2 días de los equipos "
         "multidisciplinarios", None, None],
        [None, None, None, None],
    ],
}


@pytest.fixture(scope="module")
def store(tmp_path_factory, secret_file):
    raw = tmp_path_factory.mktemp("raw")
    shutil.copytree(RAW, raw, dirs_exist_ok=True)
    for old in raw.glob("*translations*"):   # the built-in file, if any: this test brings its own
        old.unlink()
    write_xlsx(raw / "Glosario de traducciones.xlsx", SHEET)
    out = tmp_path_factory.mktemp("parquet")
    report = ingest(raw, out)
    sheet = [s for f in report.files for s in f.sheets if f.path.endswith("Glosario de traducciones.xlsx")]
    assert [s.table for s in sheet] == ["translations"] and sheet[0].rows_kept == 6, sheet
    return out


@pytest.fixture(scope="module")
def con(store):
    return connect(store)


def test_the_sheet_is_read_with_its_title_row_odd_headers_and_empty_cells(con):
    rows = translations.translations(con)
    assert len(rows) == 6
    court = rows[rows["text"] == COURT].iloc[0]
    assert (court["es"], court["th"]) == ("Corte Suprema de Justicia", "ศาลฎีกา")
    assert pd.isna(court["en"])


def test_texts_match_ignoring_case_accents_and_any_language_cell(con):
    rows = translations.translations(con)
    es, en, th = (translate.Glossary.of(rows, lang) for lang in ("es", "en", "th"))
    assert es.text("SUPREME COURT OF JUSTICE") == "Corte Suprema de Justicia"
    assert es.text("Enforcement Training Program") == "Programa de Capacitación para la Aplicación de la Ley"
    assert en.text(TOT) == "ToT for the National Police (ETP pilot)"          # the sheet wrote it without accents
    # a row is one text in several languages: its Spanish cell finds its Thai
    assert th.text("Programa de Capacitación para la Aplicación de la Ley") == "โครงการฝึกอบรมการบังคับใช้กฎหมาย"
    assert en.text(COURT) == COURT and es.text("Winrock International") == "Winrock International"


def test_labels_we_own_stay_for_the_chart_and_other_texts_fall_back_to_the_catalog(con):
    es = translate.Glossary.of(translations.translations(con), "es")
    assert es.text("Only positive", "answer") == "Only positive"      # the chart colours and translates it
    assert es.text("Only positive", "question") == "Solo positivo (hoja)"
    assert es.text("Yes", "answer") == "Yes"
    assert es.text("All DMOPs", "dmop") == "Todos los DMOP"           # not in the sheet: the interface catalog


def test_a_page_frame_is_translated_and_the_numbers_table_keeps_the_original(con):
    es = translate.Glossary.of(translations.translations(con), "es")
    frame = reach.activity_list(con)
    shown = translate.translated(frame, es)
    police = shown[frame["activity"] == TOT]
    assert set(police["dmop"]) == {"Programa de Capacitación para la Aplicación de la Ley"}
    assert set(police["activity"]) == {TOT}                                    # no Spanish for it: as written
    table = translate.with_originals(shown[["dmop", "activity"]].rename(columns={"dmop": "DMOP"}), es, "original")
    assert list(table.columns) == ["DMOP", "DMOP (original)", "activity"]
    row = table[table["DMOP"] == "Programa de Capacitación para la Aplicación de la Ley"].iloc[0]
    assert row["DMOP (original)"] == "enforcement training program"             # the sheet's original text
    assert translate.translated(frame, translate.Glossary.of(None, "en")).equals(frame)


def test_spanish_and_thai_slides_show_the_translated_data_text(con):
    es = {s.key: s for s in workshop.slides(con, "Paraguay", "es", k=5)}
    informants = es["informants"].table
    assert "Corte Suprema de Justicia" in set(informants.iloc[:, 0]) and COURT not in set(informants.iloc[:, 0])
    assert "¿Conoce el Proyecto ATLAS?" in set(es["kii"].table.iloc[:, 0])
    th = {s.key: s for s in workshop.slides(con, "Thailand", "th", k=5)}
    assert "โครงการฝึกอบรมการบังคับใช้กฎหมาย" in set(th["dmop_board"].table.iloc[:, 0])
    en = {s.key: s for s in workshop.slides(con, "Paraguay", "en", k=5)}
    assert "ToT for the National Police (ETP pilot)" in set(en["reach"].table.iloc[:, 0])


def test_the_data_page_lists_what_is_left_and_its_sheet_reads_back(con, tmp_path, secret_file):
    texts = translations.data_texts(con)
    rows = translations.translations(con)
    es = translate.Glossary.of(rows, "es")
    left = translate.untranslated(texts, es)
    assert COURT in set(texts["text"]) and COURT not in set(left["text"])
    assert "Yes" not in set(left["text"]) and "Only positive" not in set(left["text"])   # labels we own
    assert len(texts) - len(left) >= 4
    sheet = translate.fill_in_sheet(texts, rows)
    filled = pd.read_excel(io.BytesIO(sheet))
    assert list(filled.columns[:4]) == ["text", "es", "en", "th"] and len(filled) == texts["text"].nunique()
    assert filled.set_index("text").at[COURT, "es"] == "Corte Suprema de Justicia"
    # filled in and uploaded as it is, it is a translations sheet
    filled.loc[filled["text"] == "Moot Court", "es"] = "Simulacro de juicio"
    raw = tmp_path / "raw"
    raw.mkdir()
    filled.to_excel(raw / "translations.xlsx", index=False)
    report = ingest(raw, tmp_path / "out")
    assert [s.table for f in report.files for s in f.sheets] == ["translations"]
    back = translate.Glossary.of(translations.translations(connect(tmp_path / "out")), "es")
    assert back.text("Moot Court") == "Simulacro de juicio"
    assert back.text(COURT) == "Corte Suprema de Justicia"


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([COURT, "Enforcement Training Program", TOT]),
       st.lists(st.booleans(), min_size=40, max_size=40), st.sampled_from(["", " ", "  ", ".", "-"]))
def test_any_spelling_that_differs_in_case_accents_or_punctuation_matches(text, upper, extra):
    rows = pd.DataFrame({"text": [COURT, "Enforcement Training Program", TOT],
                         "es": ["Corte", "Programa", "ToT"], "en": [None, None, None], "th": [None, None, None]})
    es = translate.Glossary.of(rows, "es")
    spelled = "".join(c.upper() if u else c.lower() for c, u in zip(text, upper + [False] * len(text)))
    spelled = spelled.replace("í", "i").replace(" ", " " + extra) + extra
    assert es.text(spelled) == es.text(text)


def test_a_text_already_in_the_language_is_not_listed_as_untranslated(con):
    assert [translate.written_in(x) for x in ("Moot Court", "Corte Suprema de Justicia", "ศาลฎีกา", "Dequení",
                                              "Living Lab (laboratorio vivo)", TOT)] == ["en", "es", "th", None, "en", "es"]
    texts = translations.data_texts(con)
    rows = translations.translations(con)
    left = {lang: set(translate.untranslated(texts, translate.Glossary.of(rows, lang))["text"]) for lang in ("es", "en")}
    assert TOT not in left["es"] and "Dirección de Policía del Departamento Central" not in left["es"]
    assert "Dirección de Policía del Departamento Central" in left["en"] and TOT not in left["en"]   # the sheet has it
    assert "Moot Court" not in left["en"] and "Moot Court" in left["es"]
