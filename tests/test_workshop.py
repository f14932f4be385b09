"""Workshop mode: the slides of a country in the room's language, with no one identifiable.

Slides come from a store ingested here from data/raw; the app tests (AppTest, Playwright) read the
store the conftest ingests once per test process. Chromium runs twice through kaleido (one batch for
the pack, one PNG) and once under Playwright.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import atlas_data
from atlas_data import i18n, queries
from atlas_data.queries import dmops, kii, sources
from atlas_data.reports import charts, pack, projector, suppression, workshop
from atlas_data.reports.export import to_csv_bytes

ROOT = Path(__file__).resolve().parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEY_PATTERN = re.compile(r"P-[0-9a-f]{16}")
SPANISH_TITLES = ["Dónde está cada DMOP", "Personas capacitadas por actividad",
                  "Finalización y deserción por actividad", "Aprendizaje: puntajes medios", "Qué respondieron los informantes clave",
                  "Quiénes fueron entrevistados"]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    """data/raw ingested into a store of this module, with its own pseudonym secret."""
    work = tmp_path_factory.mktemp("workshop")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATLAS_SECRET_FILE", str(work / "secret.key"))
        atlas_data.ingest(ROOT / "data" / "raw", work / "parquet")
    return atlas_data.connect(work / "parquet")


@pytest.fixture(scope="module")
def slides_of(con):
    @lru_cache(maxsize=None)
    def slides(country: str, lang: str, k: int):
        return tuple(workshop.slides(con, country, lang, k))
    return slides


def by_key(slides) -> dict:
    return {s.key: s for s in slides}


def row(table: pd.DataFrame, label: str) -> dict:
    return table[table.iloc[:, 0] == label].iloc[0].to_dict()


# =========================================================================== the slides

def test_paraguay_in_spanish_gives_the_six_slides_in_order(slides_of):
    slides = slides_of("Paraguay", "es", 5)
    assert [s.key for s in slides] == list(workshop.SLIDE_KEYS)
    assert [s.title for s in slides] == SPANISH_TITLES
    assert all(s.source_line.startswith("Archivos de origen: ") for s in slides)
    assert "paraguay/Estado DMOP Paraguay 2021.xlsx" in slides[0].source_line
    assert "Incluye datos ilustrativos." in by_key(slides)["dropout"].source_line


def test_dmop_board_shows_steps_not_people_and_no_status_notes(con, slides_of):
    board = by_key(slides_of("Paraguay", "es", 5))["dmop_board"]
    assert board.count_columns == () and board.matrix is None
    etp = row(board.table, "Programa de Capacitación para la Aplicación de la Ley")
    assert "7/8" in etp.values() and "Validar con los actores" in etp.values()
    figure = json.dumps(json.loads(board.figure.to_json()), ensure_ascii=False)
    for note in dmops.dmop_board(con, queries.Filters(countries=("Paraguay",)))["status_note"].dropna():
        assert note[:40] not in figure


def test_police_tot_20_trained_7_women_13_men_12_completed_8_dropped_out(slides_of):
    slides = by_key(slides_of("Paraguay", "es", 5))
    reach = row(slides["reach"].table, "ToT para la Policía Nacional (piloto ETP)")
    assert (reach["Mujer"], reach["Hombre"], reach["Total"]) == (7, 13, 20)
    dropout = row(slides["dropout"].table, "ToT para la Policía Nacional (piloto ETP)")
    assert (dropout["Completaron"], dropout["Abandonaron"], dropout["Total"]) == (12, 8, 20)
    assert dropout["Tasa de finalización"] == "60\u00a0%"


def test_kii_familiar_with_atlas_27_yes_is_shown_and_the_1_partially_is_under_5(slides_of):
    kii = by_key(slides_of("Paraguay", "es", 5))["kii"]
    familiar = row(kii.table, "¿Conoce usted el Proyecto ATLAS?")
    # the 28 would give away the 1 (28 - 27): the total is withheld, not the 27
    assert (familiar["Sí"], familiar["Parcialmente"], familiar["No"], familiar["Total"]) == (27, "<5", 0, "×")
    assert row(kii.table, "¿Ha participado usted en alguna de las actividades del Proyecto?")["Sí"] == 28
    table = kii.table.set_index("Pregunta")
    assert table[["Sí", "Parcialmente", "No"]].iloc[:-1].to_numpy().tolist() == [
        [27, "<5", 0], ["<5", 9, 18], [28, 0, 0], [5, 19, "<5"], [6, 0, 22], ["<5", "<5", 22], [23, "<5", 0]]
    assert table["Total"].tolist() == ["×", "×", 28, "×", 28, 28, "×", 193]
    assert table.loc["Total", ["Sí", "Parcialmente", "No"]].tolist() == ["×", 35, "×"]
    assert kii.method == "totals"
    assert kii.note == ("Las cifras menores que 5 se muestran como <5. "
                        "× oculto para que un número pequeño no pueda deducirse de los totales.")


@pytest.mark.slow
def test_kii_main_findings_stay_visible_and_few_people_are_hidden(slides_of):
    """Every answer given by 5 or more informants is a number on the slide (27 of 28 know the project);
    14 of the 193 answers are hidden (the old suppression hid 96, showing 27, 23, 18, 9 and 5 as <5)."""
    truth = by_key(slides_of("Paraguay", "es", 1))["kii"].matrix
    kii = by_key(slides_of("Paraguay", "es", 5))["kii"]
    questions = truth.index.drop(suppression.TOTAL)
    most = max(questions, key=lambda q: (truth.at[q, "Yes"], -list(questions).index(q)))
    assert kii.matrix.at[most, "Yes"] == truth.at[most, "Yes"] == 28
    assert kii.matrix.at["¿Conoce usted el Proyecto ATLAS?", "Yes"] == 27
    for q in questions:
        for answer in ("Yes", "Partially", "No"):
            if truth.at[q, answer] >= 5:
                assert kii.matrix.at[q, answer] == truth.at[q, answer], (q, answer)
    assert kii.hidden_share == pytest.approx(14 / 193) and kii.hidden_share < 0.1


@pytest.mark.slow
def test_share_of_people_hidden_per_slide_on_the_builtin_data(con):
    """The README's table at k = 5 (before, with the old suppression: Paraguay KII 49.7 %)."""
    shares = workshop.hidden_shares(con, k=5)
    shares = {(r.country, r.slide): (None if pd.isna(r.method) else r.method,
                                     None if pd.isna(r.hidden_share) else round(r.hidden_share, 3))
              for r in shares.itertuples()}
    assert shares == {
        ("Paraguay", "dmop_board"): (None, None), ("Paraguay", "reach"): ("cells", 0.0),
        ("Paraguay", "dropout"): ("cells", 0.0), ("Paraguay", "learning"): (None, 0.0),
        ("Paraguay", "kii"): ("totals", round(14 / 193, 3)), ("Paraguay", "informants"): ("cells", round(16 / 35, 3)),
        ("Thailand", "dmop_board"): (None, None), ("Thailand", "reach"): ("cells", 0.0),
        ("Thailand", "learning"): (None, 0.0),             # no attendance roster: no completion slide
        ("Thailand", "kii"): ("cells", round(18 / 148, 3)), ("Thailand", "informants"): ("cells", round(10 / 39, 3)),
    }


def test_kii_chart_greys_the_hidden_answers_and_names_them_with_their_marks(slides_of):
    kii = by_key(slides_of("Paraguay", "es", 5))["kii"]
    labels = {a.y: a.text for a in kii.figure.layout.annotations if a.bgcolor == projector.HIDDEN_COLOR}
    assert labels == {
        "¿Conoce usted el Proyecto ATLAS?": "Parcialmente <5",
        "¿El entrevistado menciona los objetivos cuando se le invita a hacerlo?": "Sí <5",
        "¿El entrevistado identifica correctamente la actividad?": "No <5",
        "¿Recuerda haber consultado el Cuerpo de Conocimientos (BOK)?": "Sí <5 · Parcialmente <5",
        "¿Los objetivos del proyecto están bien alineados con las prioridades del gobierno?": "Parcialmente <5",
    }
    grey = [tr for tr in kii.figure.data if tr.name == "No se muestra, para proteger cifras pequeñas"]
    assert len(grey) == 1 and grey[0].marker.color == projector.HIDDEN_COLOR
    # 28 - 22: the only row with hidden answers whose total is shown
    assert {q: x for q, x in zip(grey[0].y, grey[0].x) if x} == {"¿Recuerda haber consultado el Cuerpo de Conocimientos (BOK)?": 6}
    shown = {tr.name: dict(zip(tr.y, tr.x)) for tr in kii.figure.data if tr.name in ("Sí", "Parcialmente", "No")}
    assert shown["Sí"]["¿Conoce usted el Proyecto ATLAS?"] == 27
    assert "¿Conoce usted el Proyecto ATLAS?" not in shown["Parcialmente"] or \
        shown["Parcialmente"]["¿Conoce usted el Proyecto ATLAS?"] == 0


def test_key_informants_grouped_up_from_departments_to_ministries(slides_of):
    informants = by_key(slides_of("Paraguay", "es", 5))["informants"]
    assert informants.table.columns[0] == "Organización"
    assert row(informants.table, "Corte Suprema de Justicia")["Informantes clave"] == 8
    assert row(informants.table, "Total")["Informantes clave"] == 35
    assert "organización" in informants.subtitle


def test_learning_shows_group_means_only_for_groups_of_at_least_k(slides_of):
    learning = by_key(slides_of("Paraguay", "es", 13))["learning"]   # 20 took the pre-test, 12 the post-test
    pre = learning.table[learning.table["Prueba"] == "Prueba inicial"].iloc[0]
    post = learning.table[learning.table["Prueba"] == "Prueba final"].iloc[0]
    assert pre["Participantes"] == 20 and pre["Puntaje medio (% del máximo)"] == pytest.approx(53.2, abs=0.05)
    assert post["Participantes"] == "<13" and post["Puntaje medio (% del máximo)"] == "<13 participantes"
    names = [tr.name for tr in learning.figure.data]
    means = {tr.name: tr.y for tr in learning.figure.data}
    assert "Prueba final" not in names or all(pd.isna(v) for v in means["Prueba final"])


def test_learning_gain_of_12_paired_is_hidden_when_the_8_unpaired_would_stand_out(slides_of):
    """Pre-test mean over 20 and gain over the 12 with both tests would give the mean of the other 8."""
    learning = by_key(slides_of("Paraguay", "es", 10))["learning"]
    gain = learning.table[learning.table["Prueba"] == "Ganancia, mismos participantes (puntos)"].iloc[0]
    assert gain["Participantes"] == 12
    assert gain["Puntaje medio (% del máximo)"] == "No se muestra: revelaría un grupo de menos de 10"
    shown = by_key(slides_of("Paraguay", "es", 5))["learning"].table
    assert shown.iloc[-1]["Puntaje medio (% del máximo)"] == pytest.approx(20.4, abs=0.05)


def test_a_larger_screen_gets_the_same_chart_with_larger_type(slides_of):
    slide = slides_of("Paraguay", "es", 5)[4]
    big = projector.scaled(slide.figure, 1.4)
    assert big.layout.font.size == pytest.approx(1.4 * slide.figure.layout.font.size)
    assert big.layout.legend.font.size == pytest.approx(28)
    assert [tr.x for tr in big.data] == [tr.x for tr in slide.figure.data]


def test_slides_without_data_are_left_out_of_the_deck(slides_of):
    """Thailand has no attendance roster: no completion slide, and no slide anywhere says "no data". (Its
    activities and questions in Spanish are longer than in English: their charts take two and four slides.)"""
    thailand = slides_of("Thailand", "es", 5)
    assert [s.key for s in thailand] == ["dmop_board", "reach", "reach", "learning", "kii", "kii", "kii", "kii",
                                         "informants"]
    for slide in thailand:
        assert not slide.empty
        assert "Sin datos" not in json.dumps(json.loads(slide.figure.to_json()), ensure_ascii=False)
    bolivia = slides_of("Bolivia", "es", 5)          # one DMOP in the expansion file, nothing else yet
    assert [s.key for s in bolivia] == ["dmop_board"] and len(bolivia[0].table) == 1
    assert slides_of("Narnia", "es", 5) == ()


def test_countries_are_those_with_a_slide(con, monkeypatch):
    assert workshop.countries(con) == ["Paraguay", "Thailand", "Liberia", "Argentina", "Bolivia"]
    real = sources.filter_options

    def with_a_country_without_rows(con, filters=None):     # a country named in the data, with nothing to show
        options = real(con, filters)
        return pd.concat([options, pd.DataFrame({"country": ["Atlantis"], "dmop": ["Moot Court"]})], ignore_index=True)
    monkeypatch.setattr(sources, "filter_options", with_a_country_without_rows)
    assert "Atlantis" not in workshop.countries(con)
    assert workshop.slides(con, "Atlantis", "en", 5) == []


def font_sizes(node, in_font=False):
    """Every font size in a figure's JSON (``font``, ``tickfont``, ``textfont`` …, and ``uniformtext.minsize``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if (in_font and key == "size" or key == "minsize") and isinstance(value, (int, float)):
                yield value
            else:
                yield from font_sizes(value, key.endswith("font") or key == "uniformtext")
    elif isinstance(node, list):
        for item in node:
            yield from font_sizes(item)


@pytest.mark.slow
def test_every_slide_writes_its_labels_whole_in_type_of_18_px_or_more(slides_of):
    for country in ("Paraguay", "Thailand"):
        for lang in ("es", "en", "th"):
            for slide in slides_of(country, lang, 5):
                spec = json.loads(slide.figure.to_json())
                assert min(font_sizes(spec)) >= 18, (country, lang, slide.title)
                assert "…" not in json.dumps(spec, ensure_ascii=False), (country, lang, slide.title)
                y = spec["layout"]["yaxis"]
                if any(tr.get("orientation") == "h" for tr in spec["data"]):   # every row named, in full
                    # Thai, written without spaces, may be broken between two letters: compared without spaces
                    whole = [re.sub(r"<br>|\s", "", t) for t in y["ticktext"]]
                    assert whole == [re.sub(r"\s", "", v) for v in y["tickvals"]], (country, lang, slide.title)
                    assert y["tickvals"] == y["categoryarray"]


def test_thailands_16_interview_questions_go_on_two_slides_of_8_with_one_scale(slides_of):
    kii = [s for s in slides_of("Thailand", "en", 5) if s.key == "kii"]
    assert [(s.title, s.part, s.parts) for s in kii] == [("What key informants answered (1/2)", 1, 2),
                                                        ("What key informants answered (2/2)", 2, 2)]
    questions = [list(s.figure.layout.yaxis.categoryarray) for s in kii]
    assert [len(q) for q in questions] == [8, 8]
    assert questions[0][2] == "Familiar with the project's goals and/or objectives"
    assert questions[1][-1] == "Workshops had content they did not previously know"
    assert kii[0].figure.layout.xaxis.range == kii[1].figure.layout.xaxis.range      # the same scale
    first = kii[0].table.set_index("Question")
    assert first.loc["Familiar with the project's goals and/or objectives", ["Yes", "No", "Total"]].tolist() == [27, 9, 36]
    assert kii[1].table["Question"].tolist()[-1] == "Total" and "Total" not in kii[0].table["Question"].tolist()
    assert len(kii[0].table) + len(kii[1].table) == 17                               # 16 questions and the total
    assert kii[0].matrix.equals(kii[1].matrix) and kii[0].hidden_share == kii[1].hidden_share
    bars = {v for s in kii for tr in s.figure.data if tr.type == "bar" and tr.texttemplate for v in tr.x if v}
    assert bars == {27, 9, 8, 15, 11, 6, 10, 16, 13}


def test_numbers_follow_the_language():
    table = pd.DataFrame({"a": [1234, "<5"], "b": [72.916, 53.25]})
    assert workshop.formatted(table, "es").to_dict("list") == {"a": ["1.234", "<5"], "b": ["72,9", "53,2"]}
    assert workshop.formatted(table, "en").to_dict("list") == {"a": ["1,234", "<5"], "b": ["72.9", "53.2"]}


def test_charts_use_the_languages_separators_and_have_no_hover_text(slides_of):
    for lang, separators in (("es", ",."), ("en", ".,"), ("th", ".,")):
        for slide in slides_of("Paraguay", lang, 5):
            spec = json.loads(slide.figure.to_json())
            assert spec["layout"]["separators"] == separators
            assert all(not trace.get("hovertext") for trace in spec["data"])


def test_shareable_notes_only():
    notes = pd.DataFrame({"note": ["Shared <b>with</b> the room", "Named someone", "Unknown status"],
                          "shareable": [True, False, None]})
    assert workshop.shareable_notes(notes) == ("Shared with the room",)


# =========================================================================== no one identifiable

def published_counts(slide):
    for column in slide.count_columns:
        yield from slide.table[column]


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(k=st.integers(min_value=2, max_value=11))
def test_property_no_published_count_below_k_and_none_derivable(slides_of, k):
    for country in ("Paraguay", "Thailand"):
        truth = by_key(slides_of(country, "en", 1))    # k = 1 hides nothing: the true counts
        for slide in slides_of(country, "en", k):
            for value in published_counts(slide):
                assert value in (suppression.label(k), suppression.SECONDARY) or \
                    (isinstance(value, int) and (value == 0 or value >= k)), (country, slide.key, value)
            if slide.matrix is None:
                continue
            assert suppression.derivable(slide.matrix, slide.mask) == [], (country, slide.key, k)
            shown = slide.matrix.to_numpy()
            assert (((shown == suppression.label(k)) | (shown == suppression.SECONDARY)) == slide.mask.to_numpy()).all()
            # what is shown is the truth, and a mark says what it hides: <k a count of 1..k-1, × one of k or
            # more (rows at the same level: informants may be grouped up at this k)
            real = truth[slide.key].matrix
            for r in slide.matrix.index.intersection(real.index):
                for c in slide.matrix.columns.intersection(real.columns):
                    shown_value, true_value = slide.matrix.at[r, c], real.at[r, c]
                    if not slide.mask.at[r, c]:
                        assert shown_value == true_value, (country, slide.key, r, c)
                    elif shown_value == suppression.label(k):
                        assert 0 < true_value < k, (country, slide.key, r, c, true_value)
                    else:
                        assert true_value >= k, (country, slide.key, r, c, true_value)


def test_no_participant_key_and_no_unshareable_note_on_any_slide(con, slides_of):
    notes = kii.kii_notes(con)
    secret = [n for n in notes.loc[~notes["shareable"].astype(bool), "note"] if len(n) > 12]
    assert secret, "the built-in data has unshareable notes to look for"
    for country in ("Paraguay", "Thailand"):
        for slide in slides_of(country, "es", 5):
            assert "participant_key" not in slide.table.columns
            figure = json.dumps(json.loads(slide.figure.to_json()), ensure_ascii=False)
            text = to_csv_bytes(slide.table).decode("utf-8-sig") + figure + " ".join(slide.notes)
            assert not KEY_PATTERN.search(text), slide.key
            for note in secret:
                assert note[:60] not in text, (slide.key, note)


# =========================================================================== exports

@pytest.fixture(scope="module")
def pack_pdf(con):
    return pack.build_pack(con, "Paraguay", "es", 5)


@pytest.mark.slow
def test_pack_has_a_cover_and_one_page_with_one_chart_per_slide(pack_pdf):
    reader = pypdf.PdfReader(io.BytesIO(pack_pdf))
    assert len(reader.pages) == 7
    assert [len(page.images) for page in reader.pages] == [0, 1, 1, 1, 1, 1, 1]
    for page in reader.pages[1:]:
        assert page.images[0].data[:8] == PNG_SIGNATURE
    cover = reader.pages[0].extract_text()
    assert "Paraguay" in cover and "Taller de validación" in cover and "Español" in cover
    assert "Las cifras menores que 5 se muestran como <5." in cover
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", cover)           # 23 de noviembre de 2026
    for page, title in zip(reader.pages[1:], SPANISH_TITLES):
        text = page.extract_text()
        assert title in text and "Archivos de origen:" in text


@pytest.mark.slow
def test_pack_explains_the_marks_on_the_cover_and_under_the_kii_slide(pack_pdf):
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pack_pdf)).pages]
    times = "× oculto para que un número pequeño no pueda deducirse de los totales."
    assert times in " ".join(pages[0].split())
    kii = next(text for text in pages if "Qué respondieron los informantes clave" in text and "Archivos" in text)
    assert times in " ".join(kii.split())
    reach = next(text for text in pages[1:] if "Personas capacitadas por actividad" in text)
    assert "Las cifras menores que 5 se muestran como <5." in reach and "× oculto" not in reach


@pytest.mark.slow
def test_pack_holds_no_participant_key_and_no_unshareable_note(con, pack_pdf):
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pack_pdf)).pages)
    assert not KEY_PATTERN.search(text)
    notes = kii.kii_notes(con)
    for note in notes.loc[~notes["shareable"].astype(bool), "note"]:
        assert note[:40] not in text


@pytest.mark.slow
def test_slide_png_is_a_png(slides_of):
    png = pack.slide_png(slides_of("Paraguay", "es", 5)[1], "es")
    assert png[:8] == PNG_SIGNATURE


def test_workshop_catalog_adds_no_key_another_catalog_has():
    folder = i18n.LOCALES_DIR / "es"
    mine = set(json.loads((folder / "workshop.json").read_text(encoding="utf-8")))
    for other in folder.glob("*.json"):
        if other.name != "workshop.json":
            assert not mine & set(json.loads(other.read_text(encoding="utf-8"))), other.name


# =========================================================================== the app (AppTest)

def english_strings() -> set[str]:
    """Interface strings whose Spanish differs: none may be left on a Spanish screen."""
    return {key for key, value in i18n.catalog("es").items() if value != key and key.strip()}


def screen_texts(at) -> list[str]:
    """What a Spanish viewer reads: titles, captions, text, buttons, downloads, and the chart's own text
    (titles, axis titles, legend, annotations; not the data's category labels)."""
    texts = [e.value for e in (*at.title, *at.header, *at.subheader, *at.caption, *at.markdown, *at.info,
                               *at.warning)]
    texts += [b.label for b in at.button] + [d.proto.label for d in at.get("download_button")]
    texts += [w.label for w in (*at.selectbox, *at.toggle, *at.expander)]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        texts += [tr.get("name") or "" for tr in spec["data"]]
        texts += [a.get("text") or "" for a in spec["layout"].get("annotations", [])]
        for name, axis in spec["layout"].items():
            if name.startswith(("xaxis", "yaxis")):
                title = axis.get("title")
                texts.append((title or {}).get("text", "") if isinstance(title, dict) else (title or ""))
    return [re.sub(r"\\(.)", r"\1", charts.plain(t)) for t in texts if t]


def assert_no_english(at) -> None:
    english = english_strings()
    texts = screen_texts(at)
    left = [t for t in texts if t in english]
    left += [k for k in english if len(k.split()) >= 3 for t in texts if k in t]
    assert not left, left


@pytest.fixture()
def app(builtin_store):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    return at


@pytest.mark.slow
def test_app_workshop_mode_walks_forward_and_back_in_spanish(app):
    app.query_params["mode"] = "workshop"
    app.query_params["lang"] = "es"
    app.query_params["country"] = "Paraguay"
    app.run()
    assert not app.exception
    seen = [app.title[0].value]
    assert_no_english(app)
    assert not app.sidebar.toggle          # no navigation, no filters: the slides page alone
    for number in range(2, 7):
        app.button(key="ws_next").click().run()
        assert not app.exception, app.exception
        assert app.query_params["slide"] in (str(number), [str(number)])
        seen.append(app.title[0].value)
        assert_no_english(app)
        assert json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["separators"] == ",."
    assert seen == SPANISH_TITLES
    assert app.button(key="ws_next").disabled
    app.button(key="ws_prev").click().run()            # the interview slide says what × means
    assert any("× oculto para que un número pequeño no pueda deducirse de los totales" in c.value for c in app.caption)
    app.button(key="ws_next").click().run()
    for number in range(5, 0, -1):
        app.button(key="ws_prev").click().run()
        assert not app.exception
        assert app.title[0].value == SPANISH_TITLES[number - 1]
    assert [d.proto.label for d in app.get("download_button")] == [
        "Gráfico (PNG)", "Tabla (CSV)", "Tabla (Excel)", "Paquete (PDF)", "Paquete (PowerPoint)"]


def test_app_workshop_link_is_reproducible_and_in_english_without_spanish(app):
    app.query_params.update({"mode": "workshop", "lang": "en", "country": "Thailand", "slide": "5"})
    app.run()
    assert not app.exception
    assert app.title[0].value == "What key informants answered (2/2)"     # 16 questions: 8 on each of two slides
    spanish = {v for v in i18n.catalog("es").values()} - set(i18n.catalog("es"))
    assert not [t for t in screen_texts(app) if t in spanish]
    assert "**Thailand** · 5 / 6" in [m.value for m in app.markdown]


def test_app_toggle_enters_workshop_mode_and_exit_leaves_it(app):
    app.query_params["lang"] = "es"
    app.run()
    assert not app.exception
    app.sidebar.toggle(key="workshop_toggle").set_value(True).run()
    assert app.query_params.get("mode") in ("workshop", ["workshop"])
    assert app.title[0].value == SPANISH_TITLES[0]
    app.button(key="ws_exit").click().run()
    assert not app.exception
    assert "mode" not in app.query_params
    assert app.sidebar.toggle(key="workshop_toggle").value is False


@pytest.mark.slow
def test_app_toggle_on_a_page_opens_its_slide_and_exit_restores_page_filters_and_language(app):
    # (AppTest formats a translated option in English when it replays widgets: the dashboard side is in English)
    app.query_params.update({"lang": "en", "country": "Paraguay", "dmop": "Enforcement Training Program",
                             "from": "2021-03-01"})
    app.run()
    app.switch_page("pages/4_dropout.py").run()
    assert not app.exception and app.title[0].value == "Dropout and completion"
    app.sidebar.toggle(key="workshop_toggle").set_value(True).run()
    assert not app.exception
    assert app.title[0].value == "Completion and dropout per activity"      # the dropout page's slide
    assert app.query_params["slide"] in ("3", ["3"]) and "dmop" not in app.query_params
    app.button(key="ws_next").click().run()
    app.selectbox(key="ws_lang").set_value("es").run()                     # the room reads Spanish
    assert app.title[0].value == "Aprendizaje: puntajes medios"
    app.button(key="ws_exit").click().run()
    assert not app.exception
    assert app.title[0].value == "Dropout and completion"                  # back on the page, in English
    assert "mode" not in app.query_params and "slide" not in app.query_params
    assert app.sidebar.multiselect(key="f_country").value == ["Paraguay"]
    assert app.sidebar.multiselect(key="f_dmop").value == ["Enforcement Training Program"]
    assert app.sidebar.date_input(key="f_dates").value[0] == dt.date(2021, 3, 1)


@pytest.mark.slow
def test_app_exit_from_a_link_keeps_the_country_and_language_of_the_slides(app):
    app.query_params.update({"mode": "workshop", "lang": "en", "country": "Thailand", "slide": "2"})
    app.run()
    app.button(key="ws_exit").click().run()
    assert not app.exception
    assert app.title[0].value == "ATLAS monitoring and evaluation"        # the overview
    assert app.sidebar.multiselect(key="f_country").value == ["Thailand"]


@pytest.mark.slow
def test_app_clicker_keys_are_shortcuts_of_buttons_that_move_between_slides(app):
    app.query_params.update({"mode": "workshop", "lang": "en", "country": "Paraguay"})
    app.run()
    shortcuts = {key: app.button(key=key).proto.shortcut for key in
                 ("ws_next", "ws_prev", "ws_key_pagedown", "ws_key_space", "ws_key_pageup")}
    assert shortcuts == {"ws_next": "right", "ws_prev": "left", "ws_key_pagedown": "pagedown",
                         "ws_key_space": "space", "ws_key_pageup": "pageup"}
    assert app.button(key="ws_key_pageup").disabled and not app.button(key="ws_key_pagedown").disabled
    app.button(key="ws_key_pagedown").click().run()
    assert app.title[0].value == "People trained per activity"
    app.button(key="ws_key_space").click().run()
    assert app.title[0].value == "Completion and dropout per activity"
    app.button(key="ws_key_pageup").click().run()
    assert app.title[0].value == "People trained per activity"


def test_app_numbers_replace_the_chart_and_the_next_slide_opens_on_its_chart(app):
    app.query_params.update({"mode": "workshop", "lang": "es", "country": "Paraguay", "slide": "2"})
    app.run()
    assert len(app.get("plotly_chart")) == 1 and not app.table
    assert app.button(key="ws_numbers_button").label == "Cifras"
    app.button(key="ws_numbers_button").click().run()
    assert not app.get("plotly_chart") and app.button(key="ws_numbers_button").label == "Gráfico"
    numbers = app.table[0].value
    police = numbers.loc["ToT para la Policía Nacional (piloto ETP)"]
    assert (police["Mujer"], police["Hombre"], police["Total"]) == ("7", "13", "20")
    app.button(key="ws_next").click().run()
    assert len(app.get("plotly_chart")) == 1 and not app.table


def test_app_settings_close_once_a_country_is_chosen(app):
    app.query_params.update({"mode": "workshop", "lang": "en", "country": "Paraguay", "slide": "3"})
    app.run()
    app.selectbox(key="ws_country").set_value("Thailand").run()
    assert not app.exception
    assert app.session_state["ws_settings"] is False
    assert app.title[0].value == "Where each DMOP stands" and app.query_params["country"] in ("Thailand", ["Thailand"])
    assert app.selectbox(key="ws_country").options == ["Paraguay", "Thailand", "Liberia", "Argentina", "Bolivia"]


# =========================================================================== the app in Chromium

@pytest.mark.slow
def test_browser_screenshots_every_slide_and_downloads_the_pack(tmp_path_factory, chromium_browser, pristine_server):
    from browser import exception_texts, wait_rendered

    work, server = tmp_path_factory.mktemp("workshop-browser"), pristine_server
    # the session's Chromium: a second Playwright cannot start in the same test process
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/?lang=es&mode=workshop&country=Paraguay")
        wait_rendered(page)
        for number, title in enumerate(SPANISH_TITLES, start=1):
            if number > 1:
                page.get_by_role("button", name=re.compile("Siguiente")).click()
                page.wait_for_function(f"() => document.querySelector('h1') && "
                                       f"document.querySelector('h1').innerText.includes({json.dumps(title)})",
                                       timeout=60_000)
                wait_rendered(page)
            assert exception_texts(page) == []
            assert page.locator("h1").first.inner_text().strip() == title
            assert page.locator('[data-testid="stSidebar"]').count() == 0 or \
                not page.locator('[data-testid="stSidebar"]').first.is_visible()
            chart = page.locator(".stPlotlyChart, [data-testid='stPlotlyChart']").first
            box = chart.bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 720, box   # one chart per screen
            page.screenshot(path=str(work / f"slide-{number}.png"))
        with page.expect_download(timeout=180_000) as download:
            page.get_by_role("button", name=re.compile(r"Paquete \(PDF\)")).click()
        path = work / "pack.pdf"
        download.value.save_as(path)
        reader = pypdf.PdfReader(str(path))
        assert len(reader.pages) == 7 and "Paraguay" in reader.pages[0].extract_text()
        assert [len(pg.images) for pg in reader.pages] == [0, 1, 1, 1, 1, 1, 1]
        print(f"screenshots: {work}/slide-1..6.png, pack {path}")
    finally:
        context.close()


def test_a_thai_pack_writes_its_thai_text_in_a_thai_font(slides_of):
    """Noto Sans has no Thai letters: the cover, titles, notes and footers of a Thai pack use Noto Sans Thai
    for their Thai runs (the charts are PNGs, rendered elsewhere: blank images here)."""
    from PIL import Image
    if pack._thai_fonts() is None:
        pytest.skip("Noto Sans Thai is not installed")
    slides = list(slides_of("Thailand", "th", 5))
    buffer = io.BytesIO()
    Image.new("RGB", (64, 28), "white").save(buffer, format="PNG")
    pdf = pack.render_pdf(slides, "Thailand", "th", 5, [buffer.getvalue()] * len(slides), today=dt.date(2026, 12, 6))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(slides) + 1
    fonts = {str(f["/BaseFont"]) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert any("NotoSansThai" in name for name in fonts) and any("NotoSans-" in name or "NotoSans" == name
                                                                   for name in fonts), fonts
    cover = reader.pages[0].extract_text()
    assert "ATLAS" in cover and "ไทย" in cover and "2569" in cover      # 2026 in the Buddhist era
    assert "ประเทศไทย" in cover and "การประชุมเชิงปฏิบัติการเพื่อรับรองผล" in cover
    assert pack._markup("<5 คน", "NotoSans-Bold") == '&lt;5 <font name="NotoSansThai-Bold">คน</font>'
