"""The analysis pages through Streamlit's AppTest, on the built-in data (tests/conftest.py ingests
data/raw once per test process): each page renders with no exception and shows the report's numbers,
a filter that leaves nothing shows a plain message, and `?lang=es` leaves no English interface text."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from atlas_data.reports import charts
from atlas_data.i18n import LOCALES_DIR
from support import apptest

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "overview": "pages/1_overview.py",
    "dmop_status": "pages/2_dmop_status.py",
    "training_reach": "pages/3_training_reach.py",
    "dropout": "pages/4_dropout.py",
    "learning": "pages/5_learning.py",
    "evaluation_findings": "pages/6_evaluation_findings.py",
    "indicators": "pages/7_indicators.py",
    "data_quality": "pages/9_data_quality.py",
}
NOTHING = {"country": "Liberia", "from": "2000-01-01", "to": "2000-12-31"}
ILLUSTRATIVE = "Illustrative rows generated to match the report's totals; see docs/builtin_data.md"
FAMILIAR = "Are you familiar with the ATLAS Project?"
POLICE_TOT = "ToT for the National Police (ETP pilot)"   # "ToT para la Policía Nacional (piloto ETP)" in English
# Widgets whose options are labels of ours (the others list data: countries, DMOPs, questions …)
LABEL_OPTIONS = {"pivot_rows", "pivot_cols", "kii_criterion"}
# What the pages draw from atlas_data/dashboard/: shared blocks, and the panels moved out of pages 2 and 6.
PAGE_PANELS = [ROOT / "atlas_data" / "dashboard" / name for name in ("blocks.py", "findings.py", "timeline.py")]


# ======================================================================= helpers

pytestmark = pytest.mark.usefixtures("builtin_pages")


def open_page(page: str, **params) -> AppTest:
    """The app with ``params`` in the URL, switched to ``page`` (a key of PAGES), every "Numbers and sources" block
    opened; no exception allowed."""
    return apptest.open_page(PAGES[page], params, timeout=60)


def metrics(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def metric(at: AppTest, label: str) -> str:
    values = [v for lbl, v in metrics(at) if lbl == label]
    assert len(values) == 1, f"{label!r} in {metrics(at)}"
    return values[0]


def figures(at: AppTest) -> list[dict]:
    """Every Plotly chart on the page as the figure's JSON."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def unescape(text: str) -> str:
    """A cell of a wrapped table (st.table) as typed: blocks.as_text escapes Markdown."""
    return re.sub(r"\\(.)", r"\1", str(text))


def tables(at: AppTest, visible: bool = False) -> list:
    """The tables on the page (st.dataframe and st.table) with plain headers and cells; ``visible``
    leaves out those folded under "Numbers and sources" (the raw numbers behind a chart)."""
    folded = {id(d.proto) for e in at.expander for d in e.dataframe} if visible else set()
    frames = [d.value for d in at.dataframe if id(d.proto) not in folded]
    for t in at.table:
        frame = t.value.copy()
        frame.columns = [unescape(c) for c in frame.columns]
        frames.append(frame.map(lambda v: unescape(v) if isinstance(v, str) else v))
    return frames


def table_with(at: AppTest, *columns: str, visible: bool = True):
    """The first table holding ``columns`` (on screen, unless ``visible=False``)."""
    found = [f for f in tables(at, visible) if set(columns) <= set(f.columns)]
    assert found, f"no table with {columns}: {[list(f.columns) for f in tables(at, visible)]}"
    return found[0]


def chart_texts(fig: dict) -> list[str]:
    """What a chart writes itself: title, axis titles, trace names, annotations (not data categories)."""
    layout = fig.get("layout", {})
    out = [((layout.get("title") or {}).get("text") or "")]
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
            out.append(((value.get("title") or {}).get("text")) or "")
    out += [a.get("text", "") for a in layout.get("annotations", [])]
    out += [t.get("name", "") for t in fig.get("data", [])]
    return [s for s in out if s]


def interface_texts(at: AppTest) -> list[str]:
    """Every interface text the page shows: headings, captions, messages, labels, options, headers."""
    texts = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success"):
        texts += [str(e.value) for e in getattr(at, kind)]
    texts += [m.label for m in at.metric]
    for kind in ("selectbox", "multiselect", "radio", "slider", "toggle", "checkbox", "date_input", "button",
                 "text_input", "number_input"):
        for widget in getattr(at, kind):
            texts.append(widget.label)
            if kind == "radio" or widget.key in LABEL_OPTIONS:   # other options are data (DMOPs, questions)
                texts += [str(o) for o in widget.options]
            if getattr(widget, "placeholder", None):
                texts.append(widget.placeholder)
    texts += [e.label for e in at.expander]
    texts += [e.label for e in at.get("tab")]
    for frame in tables(at):
        texts += [str(c) for c in frame.columns]
    for fig in figures(at):
        texts += chart_texts(fig)
    return [t for t in texts if t]


def catalog(*names: str, lang: str = "es") -> dict[str, str]:
    merged: dict[str, str] = {}
    for name in names:
        merged.update(json.loads((LOCALES_DIR / lang / f"{name}.json").read_text(encoding="utf-8")))
    return merged


def english_left(texts: list[str], msgids: dict[str, str]) -> list[tuple[str, str]]:
    """(msgid, text) for each English interface string still shown: a text that is the msgid (its
    ``{fields}`` filled in any way), or that holds a msgid of several words."""
    def template(text: str):
        return re.compile(re.sub(r"\\\{\w+\\\}", "(.+)", re.escape(text)), re.DOTALL)

    patterns = {m: template(m) for m, tr in msgids.items() if tr != m}
    filled = [(template(tr), re.sub(r"\{\w+\}", "", tr)) for m, tr in msgids.items() if "{" in tr and tr != m]
    left = []
    for text in texts:
        text = text.replace(":material/warning: ", "")
        for pattern, literal in filled:   # what fills a {field} is data (file names …): keep the template's words
            if pattern.fullmatch(text):
                text = literal
                break
        for msgid, pattern in patterns.items():
            several_words = " " in msgid and "{" not in msgid
            if pattern.fullmatch(text) or (several_words and re.search(rf"(?<!\w){re.escape(msgid)}(?!\w)", text)):
                left.append((msgid, text))
    return left


def page_strings() -> dict[str, str]:
    """What the pages pass to ui.tr, and the headers/labels they keep in dict or tuple constants."""
    def strings(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, (ast.Tuple, ast.List)):
            for e in node.elts:
                yield from strings(e)
        elif isinstance(node, ast.Dict):
            for v in node.values:
                yield from strings(v)
    found: dict[str, str] = {}
    for path in [ROOT / p for p in PAGES.values()] + PAGE_PANELS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "tr" and node.args:
                found.update({s: path.name for s in strings(node.args[0])})
            if isinstance(node, ast.Dict) and (path.parent.name == "pages" or path in PAGE_PANELS[1:]):
                found.update({s: path.name for v in node.values for s in strings(v)})
        for node in tree.body:
            if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets):
                found.update({s: path.name for s in strings(node.value)})
    return found


# ======================================================================= every page

@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_its_numbers_one_click_away(page):
    at = open_page(page)
    assert at.title, "a page starts with its title"
    assert "Numbers and sources" in [e.label for e in at.expander]
    assert len([e for e in at.expander if e.label == "Numbers and sources"]) >= len(at.get("plotly_chart"))


def test_numbers_and_sources_are_drawn_once_opened_with_their_table_and_downloads():
    """Closed, the block sends nothing but its label (a page ships and draws none of its tables); opened (a rerun),
    the Overview's numbers: Paraguay's 6 DMOPs, and the CSV and Excel downloads."""
    closed = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    closed.run()
    block = next(e for e in closed.expander if e.label == "Numbers and sources")
    assert block.key == "numbers_overview" and not block.dataframe and not block.get("download_button")
    at = open_page("overview")
    block = next(e for e in at.expander if e.label == "Numbers and sources")
    cards = block.dataframe[0].value.set_index("Country")
    assert cards.loc["Paraguay", "DMOPs"] == "6"
    assert [b.proto.label for b in block.get("download_button")] == ["Download CSV", "Download Excel"]


@pytest.mark.parametrize("page", PAGES)
def test_a_filter_that_matches_nothing_shows_a_plain_message(page):
    at = open_page(page, **NOTHING)
    assert at.info, "a plain message says there is nothing"
    assert not at.get("plotly_chart"), "no empty axis"


@pytest.mark.parametrize("page", ["training_reach", "dropout", "learning"])
def test_a_dmop_without_rows_shows_a_plain_message(page):
    at = open_page(page, country="Paraguay", dmop="Moot Court")
    assert at.info and not at.get("plotly_chart")


@pytest.mark.parametrize("page", PAGES)
def test_spanish_leaves_no_english_interface_text(page):
    at = open_page(page, lang="es")
    shown = interface_texts(at)
    assert shown
    assert english_left(shown, catalog("app", "pages", "charts")) == []


@pytest.mark.parametrize("page", PAGES)
def test_thai_leaves_no_english_interface_text(page):
    at = open_page(page, lang="th")
    shown = interface_texts(at)
    assert shown and any(re.search("[\u0e00-\u0e7f]", text) for text in shown)
    assert english_left(shown, catalog("app", "pages", "charts", lang="th")) == []


def test_the_english_check_finds_english():
    at = open_page("dropout")
    left = {m for m, _ in english_left(interface_texts(at), catalog("app", "pages", "charts"))}
    assert {"Dropout and completion", "Started", "Numbers and sources", "From the first session to completion",
            "Source files: {files}"} <= left


def test_every_page_string_and_chart_text_has_a_spanish_entry():
    es = catalog(*[p.stem for p in (LOCALES_DIR / "es").glob("*.json")])
    assert [s for s in page_strings() if s not in es] == []
    assert [s for s in charts.TRANSLATABLE if s not in es] == []
    own = catalog("pages"), catalog("charts"), catalog("app")
    assert not (set(own[0]) & set(own[2])) and not (set(own[1]) & set(own[2])) and not (set(own[0]) & set(own[1]))


def test_pages_show_text_never_html():
    for path in [ROOT / p for p in PAGES.values()] + PAGE_PANELS:
        assert "unsafe_allow_html" not in path.read_text(encoding="utf-8"), path.name


def test_filters_keep_their_value_across_pages_and_live_in_the_url():
    at = open_page("overview", country="Paraguay")
    assert [s.value for s in at.subheader] == ["Paraguay"]
    at.switch_page(PAGES["dropout"]).run()
    assert at.query_params["country"] == ["Paraguay"] or at.query_params["country"] == "Paraguay"
    assert at.multiselect(key="f_country").value == ["Paraguay"]
    assert metric(at, "Started") == "20"


@pytest.mark.parametrize("page, shown", [("training_reach", True), ("dropout", True), ("learning", True),
                                         ("indicators", True), ("dmop_status", False),
                                         ("evaluation_findings", False), ("data_quality", False)])
def test_illustrative_rows_are_said_so(page, shown):
    at = open_page(page)
    captions = [c.value for c in at.caption]
    assert (f":material/warning: {ILLUSTRATIVE}" in captions) is shown    # a Material symbol, not the ⚠️ emoji


def test_the_overviews_links_have_their_pages_sidebar_title_and_icon():
    from atlas_data.dashboard.page_list import PAGES as SIDEBAR
    at = open_page("overview", lang="es")
    links = [(link.proto.label, link.proto.icon, link.proto.page) for link in at.get("page_link")]
    per_country = [("Estado de los DMOP", ":material/flag:", "dmop_status"),
                   ("Alcance de la capacitación", ":material/groups:", "training_reach"),
                   ("Deserción y finalización", ":material/trending_down:", "dropout"),
                   ("Hallazgos de la evaluación", ":material/forum:", "evaluation_findings")]
    cards = len([s for s in at.subheader])
    assert cards >= 2 and links == per_country * cards      # under each country's card
    icons = {slug: icon for _, _, icon, slug in SIDEBAR}
    assert all(icon == icons[slug] for _, icon, slug in links)


EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]")


def test_no_emoji_is_an_icon_in_the_pages_or_the_dashboard():
    """An emoji is an empty box on a machine without a colour-emoji font (Debian's Chromium, projector laptops):
    icons are Material symbols (`:material/flag:`). The browser tab's page_icon in app.py may stay an emoji."""
    files = [*sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "atlas_data" / "dashboard").glob("*.py"))]
    found = [(f.name, n, line.strip()) for f in files for n, line in enumerate(f.read_text().splitlines(), 1)
             if EMOJI.search(line) and not line.lstrip().startswith("#")]
    assert found == []


# ======================================================================= the report's numbers

def test_overview_paraguay_6_dmops_35_and_39_key_informants():
    at = open_page("overview")
    assert [s.value for s in at.subheader][:2] == ["Paraguay", "Thailand"]
    values = metrics(at)
    assert values[:5] == [("DMOPs", "6"), ("People trained (unique)", "78"), ("Events held", "4"),
                          ("Completion rate", "60%"), ("Key informants interviewed", "35")]
    assert ("Key informants interviewed", "39") in values[5:10]


def test_dmop_board_paraguay_etp_at_7_8():
    at = open_page("dmop_status", country="Paraguay")
    board = table_with(at, "DMOP", "Step (as written)", "Status note", "Days since the step was reached")
    etp = board[board["DMOP"] == "Enforcement Training Program"].iloc[0]
    assert etp["Step (as written)"] == "7/8"
    assert etp["Step name"] == "Validate with stakeholders"
    heat = figures(at)[0]["data"][0]
    row = heat["y"].index("Enforcement Training Program")
    assert heat["text"][row][6] == "7/8"                      # step 7 column, as written
    assert [s.value for s in at.subheader][:2] == ["Enforcement DMOPs (outcome 2)", "Coordination DMOPs (outcome 3)"]


def test_dmop_timeline_planned_against_actual_with_the_delay():
    at = open_page("dmop_status", country="Thailand")
    at.selectbox(key="timeline_dmop").select(("Thailand", "Enforcement Training Program")).run()
    steps = table_with(at, "Planned", "Actual", "Delay (days)")
    psa = steps[steps["Step name"] == "Pre-Situational Analysis"].iloc[0]
    assert (psa["Planned"], psa["Actual"], psa["Delay (days)"], psa["Status"]) == ("Jan 1, 2020", "Sep 10, 2020",
                                                                                    "253", "late")
    timeline = figures(at)[-1]
    assert {t["name"] for t in timeline["data"] if t.get("showlegend") is not False} == {"Planned", "Actual"}


def test_training_reach_262_people_20_on_rosters_242_by_head_count():
    at = open_page("training_reach")
    assert metric(at, "People trained (KI-2)") == "262"
    assert metric(at, "From attendance rosters") == "20"
    assert metric(at, "From event head counts") == "242"
    events = table_with(at, "Activity", "People", "Counted from")
    police = events[events["Activity"] == POLICE_TOT].iloc[0]
    assert (police["People"], police["Counted from"]) == (20, "roster")
    at.radio(key="reach_by").set_value("gender").run()
    bars = figures(at)[0]["data"]
    assert {t["name"] for t in bars} == {"roster", "head count"}


def test_police_tot_20_started_12_completed():
    at = open_page("dropout", country="Paraguay")
    assert metric(at, "Started") == "20"
    assert metric(at, "Completed") == "12"
    assert metric(at, "Dropped out") == "8"
    assert metric(at, "Dropout rate") == "40%"
    funnel = figures(at)[0]["data"][0]
    assert funnel["x"][0] == 20 and funnel["x"][-1] == 12
    summary = table_with(at, "Started", "Completed", "Dropout rate")
    assert (summary["Started"].iloc[0], summary["Completed"].iloc[0], summary["Dropout rate"].iloc[0]) == (20, 12, "40%")


def test_completion_threshold_slider_sets_the_session_threshold():
    at = open_page("dropout", country="Paraguay")
    assert at.slider(key="completion_threshold_slider").value == 75     # the setting's default
    at.slider(key="completion_threshold_slider").set_value(50).run()
    assert at.session_state["completion_threshold"] == 0.5
    assert int(metric(at, "Completed")) > 12                               # half the sessions is enough now
    assert metric(at, "Started") == "20"


def test_completion_threshold_default_comes_from_the_settings(tmp_path, monkeypatch):
    from atlas_data import settings
    path = tmp_path / "custom.json"
    settings.save({"completion_threshold": 0.5}, path)
    monkeypatch.setenv("ATLAS_SETTINGS_FILE", str(path))
    at = open_page("dropout", country="Paraguay")
    assert at.slider(key="completion_threshold_slider").value == 50


def test_learning_shows_the_tots_pre_and_post_test():
    at = open_page("learning", country="Paraguay")
    assert metric(at, "Pre-test mean") == "53.2%"
    assert metric(at, "Post-test mean") == "72.9%"
    assert metric(at, "Mean gain (points)") == "20.4"
    assert metric(at, "Share improved") == "92%"
    scores = figures(at)[0]["data"]
    assert [t["name"] for t in scores] == ["Pre-test", "Post-test"]
    assert scores[0]["x"] == [POLICE_TOT] and scores[0]["y"] == [53.2] and scores[1]["y"] == [72.9]


def test_learning_item_difficulty_where_items_exist():
    at = open_page("learning", country="Thailand")
    items = figures(at)[-1]
    assert items["layout"]["title"]["text"] == "Correct answers per item"
    assert "Q10" in items["data"][0]["y"]


def test_evaluation_familiar_yes_27_no_0_partially_1():
    at = open_page("evaluation_findings", country="Paraguay")
    bars = figures(at)[0]
    row = next(i for i, y in enumerate(bars["data"][0]["y"]) if y.startswith(FAMILIAR))
    counts = {t["name"]: t["x"][row] for t in bars["data"]}
    assert counts == {"Yes": 27, "Partially": 1, "No": 0}
    cross = table_with(at, "Country", "Question")
    familiar = cross[cross["Question"] == FAMILIAR].iloc[0]
    assert (familiar["Not given · Yes"], familiar["Not given · Partially"], familiar["Not given · No"]) == (27, 1, 0)


@pytest.mark.slow
def test_evaluation_crosstab_pivots_and_filters_narrow_the_questions():
    at = open_page("evaluation_findings", country="Thailand")
    at.multiselect(key="pivot_rows").set_value(["stakeholder_type"]).run()
    at.multiselect(key="pivot_cols").set_value(["answer"]).run()
    cross = table_with(at, "Stakeholder type", "Yes", "No")
    assert set(cross["Stakeholder type"]) >= {"all respondents", "government stakeholder"}
    at.multiselect(key="kii_criterion").set_value(["Relevance"]).run()
    questions = figures(at)[0]["data"][0]["y"]
    assert len(questions) == 3                 # the three Relevance findings of the MTE (6.5.4)
    notes = table_with(at, "Observation or note")
    assert notes["Observation or note"].str.contains("6.5.4").all()


def test_evaluation_who_was_interviewed_35_and_39():
    at = open_page("evaluation_findings")
    assert metric(at, "Key informants interviewed · Paraguay") == "35"
    assert metric(at, "Key informants interviewed · Thailand") == "39"
    titles = [f["layout"].get("title", {}).get("text") for f in figures(at)]
    assert "Key informants by institution and stakeholder group" in titles
    assert "Key informants by stakeholder type" in titles


def test_indicators_show_ki1_to_ki3_per_country_and_period():
    at = open_page("indicators")
    rows = table_with(at, "Indicator", "Period", "Actual", "Target")
    assert set(rows["Indicator"]) == {"KI-1", "KI-2", "KI-3"}
    paraguay = rows[(rows["Country"] == "Paraguay") & (rows["Indicator"] == "KI-2")]
    assert paraguay.set_index("Period").loc["2021", ["Actual", "Target"]].tolist() == ["52", "120"]
    assert metrics(at)[:3] == [("KI-1 · Activities implemented", "4"), ("KI-2 · Individuals trained", "78"),
                               ("KI-3 · Coordination models at pilot or later", "3")]
    panels = [a["text"] for a in figures(at)[0]["layout"]["annotations"]]
    assert panels == ["KI-1: Activities implemented", "KI-2: Individuals trained",
                      "KI-3: Coordination models at pilot or later"]
