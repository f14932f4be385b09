"""`?lang=es` as a Spanish-speaking reader sees it: the numbers under each chart and their downloads, the
axes and dates of the charts, the sidebar's countries — no English label, no `None`, no `0.9643`."""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from atlas_data.dashboard import ui
from atlas_data.reports import charts, dmop_charts, tables
from atlas_data.reports.export import to_csv_bytes, to_xlsx_bytes
from atlas_data.i18n import translator
from test_pages import figures, open_page

pytestmark = pytest.mark.usefixtures("builtin_pages")
FAMILIAR = "Are you familiar with the ATLAS Project?"


def folded(at) -> list[pd.DataFrame]:
    """The tables under "Números y fuentes" (the numbers behind each chart)."""
    return [d.value for e in at.expander for d in e.dataframe]


@pytest.fixture
def downloads(monkeypatch, written_on_click) -> dict[str, list]:
    """Every CSV and Excel file the numbers blocks offer, as a click makes them (``ui.data_under``)."""
    made: dict[str, list] = {"csv": [], "xlsx": []}

    def csv(df, about=None, lang="en"):
        made["csv"].append((df, lang, to_csv_bytes(df, about, lang)))
        return made["csv"][-1][2]

    def xlsx(df, sheet="data", about=None, lang="en", indent=()):
        made["xlsx"].append((df, sheet, lang))
        return to_xlsx_bytes(df, sheet, about, lang, indent)

    monkeypatch.setattr(ui, "to_csv_bytes", csv)
    monkeypatch.setattr(ui, "to_xlsx_bytes", xlsx)
    return made


def test_familiar_answers_in_spanish_yes_27_is_96_percent_on_screen_and_0_96_in_the_csv(downloads):
    at = open_page("evaluation_findings", lang="es", country="Paraguay")
    answers = next(f for f in folded(at) if {"Pregunta", "Respuesta", "Porcentaje"} <= set(f.columns))
    familiar = answers[answers["Pregunta (original)"] == FAMILIAR].set_index("Respuesta")
    assert (familiar.loc["Sí", "Conteo"], familiar.loc["Sí", "Porcentaje"]) == ("27", "96\u00a0%")
    assert familiar.loc["Parcialmente", "Porcentaje"] == "4\u00a0%"
    assert set(familiar["Se cuentan"]) == {"personas entrevistadas"}
    assert set(familiar["Criterio"]) == {"–"}                       # nothing given: a dash, never None
    shown = pd.concat(folded(at)).astype(str)
    for english in ("None", "nan", "<NA>", "NaT", "respondents", "Yes", "Partially", "Thailand"):
        assert not shown.isin([english]).any().any(), english
    df, lang, data = next(d for d in downloads["csv"] if "Porcentaje" in d[0].columns)
    text = data.decode("utf-8-sig").splitlines()
    assert lang == "es" and text[0] == "País;Pregunta;Pregunta (original);Criterio;Se cuentan;Respuesta;Conteo;Porcentaje"
    line = next(line for line in text if f";{FAMILIAR};" in line and ";Sí;" in line)
    assert line.split(";")[-2:] == ["27", "0,9642857142857143"]
    assert all(sheet != "data" and lang == "es" for _, sheet, lang in downloads["xlsx"])


def test_overview_numbers_completion_60_percent_dates_and_countries_in_spanish(downloads):
    at = open_page("overview", lang="es")
    cards = folded(at)[0].set_index("País")
    assert cards.loc["Paraguay", "Tasa de finalización"] == "60\u00a0%"
    assert cards.loc["Tailandia", "Tasa de finalización"] == "–"
    assert cards.loc["Paraguay", "Dato más reciente"] == "1 oct 2021"
    text = downloads["csv"][0][2].decode("utf-8-sig").splitlines()
    assert text[0].startswith("País;DMOP;") and text[1].startswith("Paraguay;6;")
    assert ";0,6;" in text[1] and text[1].endswith(";2021-10-01")
    assert text[2].startswith("Tailandia;")
    countries = next(w for w in at.multiselect if w.key == "f_country")
    assert {"Tailandia", "Paraguay"} <= set(countries.options) and "Thailand" not in countries.options


def test_dropout_count_axis_has_whole_numbers_and_the_funnel_writes_dates_and_percents_like_the_tables():
    at = open_page("dropout", lang="es", country="Paraguay")
    funnel, bars = figures(at)[:2]
    assert "Sesión 1 · 10 abr 2021" in funnel["data"][0]["y"]
    assert funnel["data"][0]["text"][:3] == ["20 (100\u00a0%)", "20 (100\u00a0%)", "14 (70\u00a0%)"]
    assert (bars["layout"]["xaxis"]["tickformat"], bars["layout"]["xaxis"]["dtick"]) == (",d", 1)
    stages = next(f for f in folded(at) if "Etapa" in f.columns)
    assert list(stages["Etapa"][:3]) == ["inscritos", "iniciaron", "sesión"]
    assert list(stages["Fecha"][:3]) == ["–", "–", "10 abr 2021"]


def test_dmop_timeline_ticks_spanish_months_with_spanish_separators():
    at = open_page("dmop_status", lang="es", country="Thailand")
    picker = next(w for w in at.selectbox if w.key == "timeline_dmop")
    assert any(o.endswith("(Tailandia)") for o in picker.options)
    timeline = figures(at)[-1]["layout"]
    assert timeline["separators"] == ",."
    assert timeline["xaxis"]["type"] == "date" and "abr 2020" in timeline["xaxis"]["ticktext"]
    assert not any(m in " ".join(timeline["xaxis"]["ticktext"]) for m in ("Apr", "Jan", "Sep"))


def test_count_axes_tick_whole_numbers_only():
    small = charts.reach_bars(pd.DataFrame({"country": ["Paraguay", "Thailand"], "source": ["roster", "roster"],
                                            "people": [2, 3]}), "es")
    assert (small.layout.yaxis.tickformat, small.layout.yaxis.dtick) == (",d", 1)
    large = charts.reach_bars(pd.DataFrame({"country": ["Paraguay"], "source": ["roster"], "people": [184]}), "es")
    assert large.layout.yaxis.tickformat == ",d" and large.layout.yaxis.dtick is None


def test_timeline_month_ticks_are_babels():
    steps = pd.DataFrame({"country": ["Thailand"] * 2, "dmop": ["ETP"] * 2, "step": [1, 3],
                          "planned_date": [pd.Timestamp("2020-01-01"), pd.Timestamp("2020-04-01")],
                          "actual_date": [pd.Timestamp("2020-03-01"), pd.Timestamp("2020-09-22")]})
    es = dmop_charts.dmop_timeline(steps, "es", t=translator("es")).layout.xaxis
    en = dmop_charts.dmop_timeline(steps, "en").layout.xaxis
    assert list(es.ticktext[:4]) == ["ene 2020", "feb 2020", "mar 2020", "abr 2020"]
    assert list(en.ticktext[:2]) == ["Jan 2020", "Feb 2020"] and list(es.tickvals) == list(en.tickvals)


def test_a_table_for_the_screen_writes_labels_numbers_dates_and_nothing_in_spanish():
    df = pd.DataFrame({"country": ["Thailand", "Paraguay"], "gender": ["Female", None], "unit": ["respondents"] * 2,
                       "share": [0.9643, None], "n": [1234, 5], "date": [pd.Timestamp("2021-04-10"), pd.NaT],
                       "mean": [53.25, 1.0], "source_file": ["Yes.xlsx", "No.csv"]})
    frame = tables.labelled(df, {"country": "Country", "gender": "Gender", "unit": "Counted", "share": "Share",
                                 "n": "Count", "date": "Date", "mean": "Mean score", "source_file": "Source file"}, "es")
    screen = tables.for_screen(frame, "es")
    assert list(screen.iloc[0]) == ["Tailandia", "Mujer", "personas entrevistadas", "96\u00a0%", "1.234", "10 abr 2021",
                                    "53,25", "Yes.xlsx"]
    assert list(screen.iloc[1])[1:7] == ["–", "personas entrevistadas", "–", "5", "–", "1"]
    book = pd.read_excel(io.BytesIO(to_xlsx_bytes(frame, "Respuestas", lang="es")), sheet_name=None)
    assert list(book) == ["Respuestas"] and book["Respuestas"].iloc[0, 5] == "2021-04-10"
    csv = to_csv_bytes(frame, lang="es").decode("utf-8-sig").splitlines()
    assert csv[1] == "Tailandia;Mujer;personas entrevistadas;0,9643;1234;2021-04-10;53,25;Yes.xlsx"
    assert csv[2] == "Paraguay;;personas entrevistadas;;5;;1;No.csv"


def test_data_quality_numbers_name_tables_and_columns_in_spanish():
    at = open_page("data_quality", lang="es", country="Paraguay")
    completeness = next(f for f in folded(at) if "Porcentaje indicado" in f.columns)
    first = completeness.iloc[0]
    assert (first["Tabla"], first["Columna"], first["Porcentaje indicado"]) == ("Asistencia", "Fecha de la sesión",
                                                                                 "100\u00a0%")
    assert not completeness["Columna"].str.contains("_").any()
