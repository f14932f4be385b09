"""Chart builders: trace names, order, colours, category order, values, plain text, empty frames."""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from atlas_data.reports import charts as c
from atlas_data.reports import dmop_charts, kii_charts
from atlas_data.queries import dmops, dropout, indicators, kii, learning, reach
from atlas_data import queries as q
from atlas_data.queries import Filters

try:
    from viewfixtures import ETP, FAMILIAR, POLICE_TOT, make_con
except ImportError:  # tests/ made a package later
    from tests.viewfixtures import ETP, FAMILIAR, POLICE_TOT, make_con

PY = Filters(countries=("Paraguay",))

ES = {
    "No data for this selection": "Sin datos para esta selección",
    "Yes": "Sí", "Partially": "Parcialmente", "No": "No", "Answers": "Respuestas",
    "Step": "Paso", "Pilot": "Piloto", "Planned": "Previsto", "Actual": "Real", "Delay": "Retraso",
    "Started": "Iniciaron", "Completed": "Completaron", "Session": "Sesión", "Enrolled": "Inscritos",
    "roster": "lista", "head count": "conteo", "People trained": "Personas capacitadas", "Country": "País",
    "Thailand": "Tailandia", "Pre-test": "Prueba inicial", "Post-test": "Prueba final", "Target": "Meta",
}


def es(text: str) -> str:
    return ES.get(text, text)


@pytest.fixture(scope="module")
def con():
    connection = make_con()
    yield connection
    connection.close()


def texts(fig: go.Figure) -> list[str]:
    """Every text the figure shows: title, axis titles and tick labels, annotations, trace names/text."""
    out: list[str] = []
    layout = fig.to_plotly_json()["layout"]
    layout.pop("template", None)

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
    walk(layout)
    for trace in fig.data:
        for key in ("name", "text", "hovertext", "y", "x", "texttemplate"):
            walk(trace[key] if key in trace else None)
    return out


# ======================================================================= fixed maps

def test_one_colour_and_one_order_per_category():
    assert c.COUNTRY_ORDER == ("Paraguay", "Thailand", "Liberia", "Argentina", "Bolivia")
    assert c.ANSWER_ORDER == ("Yes", "Partially", "No", "Don't know", "Only positive", "Positive and negative",
                              "Only negative")
    assert c.STEP_ORDER == tuple(range(1, 10))
    assert set(c.COUNTRY_COLORS) == set(c.COUNTRY_ORDER)
    assert set(c.ANSWER_COLORS) == set(c.ANSWER_ORDER)
    assert len(set(c.COUNTRY_COLORS.values())) == 5 and len(set(c.ANSWER_COLORS.values())) == 7
    assert c.color_of("country", "Paraguay") == c.COUNTRY_COLORS["Paraguay"]
    assert c.color_of("country", "Narnia") == c.OTHER_COLOR
    assert c.ordered(["No", "Maybe", "Yes", "Partially", None], "answer") == ["Yes", "Partially", "No", "Maybe"]
    assert c.ordered(["Bolivia", "Thailand", "Paraguay"], "country") == ["Paraguay", "Thailand", "Bolivia"]


def test_plain_strips_tags():
    assert c.plain("<b>Total</b>  general<br>Paraguay") == "Total general Paraguay"
    assert c.plain("<sup>1</sup>Footnote") == "1Footnote"
    assert c.plain(None) == ""


# ======================================================================= empty frames

BUILDERS = [dmop_charts.dmop_board, dmop_charts.dmop_timeline, c.reach_bars, c.dropout_funnel, c.learning_scores,
            c.item_difficulty, kii_charts.kii_stacked_bars, kii_charts.respondents_bars, dmop_charts.indicator_vs_target]


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
@pytest.mark.parametrize("frame", [None, pd.DataFrame()], ids=["none", "empty"])
def test_empty_frame_gives_a_figure_with_a_no_data_note(builder, frame):
    fig = builder(frame, "en", title="Title")
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == ["No data for this selection"]
    assert fig.layout.title.text == "Title"
    go.Figure(fig.to_dict())        # a valid figure


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_empty_frame_note_is_translated(builder):
    fig = builder(pd.DataFrame(), "es", t=es)
    assert fig.layout.annotations[0].text == "Sin datos para esta selección"
    assert fig.layout.separators == ",."


@pytest.mark.parametrize("query, builder", [
    (dmops.dmop_board, dmop_charts.dmop_board), (dropout.dropout_funnel, c.dropout_funnel), (learning.learning, c.learning_scores),
    (learning.item_difficulty, c.item_difficulty), (kii.kii_distribution, kii_charts.kii_stacked_bars),
    (kii.respondents_summary, kii_charts.respondents_bars), (indicators.indicators_vs_targets, dmop_charts.indicator_vs_target),
    (dmops.dmop_milestones, dmop_charts.dmop_timeline)], ids=lambda v: getattr(v, "__name__", ""))
def test_empty_query_results_chart_to_no_data(con, query, builder):
    nothing = Filters(countries=("Liberia",))
    df = query(con, nothing)
    fig = builder(df)
    assert fig.layout.annotations[0].text == "No data for this selection"


def test_reach_bars_empty_reach_frame(con):
    fig = c.reach_bars(reach.reach(con, Filters(countries=("Liberia",))))
    assert fig.layout.annotations[0].text == "No data for this selection"


# ======================================================================= DMOP board and timeline

def test_dmop_board_grid_marks_current_step_with_label(con):
    fig = dmop_charts.dmop_board(dmops.dmop_board(con, PY))
    heat = fig.data[0]
    assert heat.type == "heatmap"
    assert list(heat.x) == [str(s) for s in range(1, 10)]
    rows = list(heat.y)
    assert rows[0] == ETP and "Moot Court" in rows[:3]          # enforcement DMOPs first
    etp = rows.index(ETP)
    assert list(heat.z[etp]) == [1, 1, 1, 1, 1, 1, 2, 2, 0]    # done 1–6, current 7/8, step 9 to come
    assert list(heat.text[etp]) == ["", "", "", "", "", "", "7/8", "", ""]
    moot = rows.index("Moot Court")
    assert list(heat.z[moot]) == [1, 1, 1, 2, 0, 0, 0, 0, 0]
    assert heat.text[moot][3] == "4"
    assert list(fig.layout.xaxis.ticktext)[4] == "5. Pilot"
    assert fig.layout.yaxis.autorange == "reversed"


def test_dmop_board_dmop_without_step_is_a_row_of_steps_to_come():
    df = pd.DataFrame({"country": ["Liberia"], "dmop": ["Legislation and enforcement DMOPs"],
                       "dmop_type": ["enforcement"], "step": [pd.NA], "step_label": [None], "step_upper": [None],
                       "status_note": ["To be defined"]})
    heat = dmop_charts.dmop_board(df).data[0]
    assert list(heat.y) == ["Legislation and enforcement DMOPs"]
    assert list(heat.z[0]) == [0] * 9 and list(heat.text[0]) == [""] * 9


def test_dmop_board_two_countries_and_translation(con):
    fig = dmop_charts.dmop_board(dmops.dmop_board(con), "es", t=es)
    rows = list(fig.data[0].y)
    assert len(rows) == 11
    assert rows[0] == f"{ETP} (Paraguay)" and rows[6] == f"{ETP} (Tailandia)"
    assert list(fig.layout.xaxis.ticktext)[4] == "5. Piloto"
    assert fig.layout.xaxis.title.text == "Paso"


def test_dmop_timeline_planned_vs_actual(con):
    df = dmops.dmop_milestones(con, PY, today=date(2022, 2, 1))
    fig = dmop_charts.dmop_timeline(df)
    assert [t.name for t in fig.data] == ["Delay", "Planned", "Actual"]
    planned, actual = fig.data[1], fig.data[2]
    assert list(planned.y) == [c.step_text(s) for s in range(1, 10)]
    assert pd.Timestamp(actual.x[6]) == pd.Timestamp("2021-11-30")
    assert pd.isna(actual.x[7])                                   # step 8 not achieved
    assert actual.marker.color == c.COUNTRY_COLORS["Paraguay"]
    assert planned.marker.symbol == "circle-open"
    assert list(fig.layout.yaxis.categoryarray) == [c.step_text(s) for s in range(1, 10)]
    translated = dmop_charts.dmop_timeline(df, "es", t=es)
    assert [t.name for t in translated.data] == ["Retraso", "Previsto", "Real"]


# ======================================================================= training

def test_reach_bars_roster_and_head_count_per_country(con):
    fig = c.reach_bars(reach.reach(con, by=("country",)))
    assert [t.name for t in fig.data] == ["roster", "head count"]
    assert [t.marker.color for t in fig.data] == [c.SOURCE_COLORS["roster"], c.SOURCE_COLORS["head count"]]
    roster, heads = fig.data
    assert list(roster.x) == ["Paraguay", "Thailand"]
    assert list(roster.y) == [29, 5]
    assert list(heads.y) == [117, 143]
    assert fig.layout.barmode == "stack"
    assert list(fig.layout.xaxis.categoryarray) == ["Paraguay", "Thailand"]


def test_reach_bars_by_gender_in_fixed_order_and_translated(con):
    fig = c.reach_bars(reach.reach(con, PY, by=("country", "gender")), "es", t=es, x="country", color="gender")
    assert [t.name for t in fig.data] == ["Female", "Male", "Unknown"]
    assert [t.marker.color for t in fig.data] == [c.GENDER_COLORS[g] for g in ("Female", "Male", "Unknown")]
    assert [list(t.y) for t in fig.data] == [[64], [50], [32]]
    assert fig.layout.yaxis.title.text == "Personas capacitadas"
    assert fig.layout.separators == ",."
    th = c.reach_bars(reach.reach(con, Filters(countries=("Thailand",))), t=es)
    assert list(th.data[0].x) == ["Tailandia"] and th.data[0].name == "lista"


def test_reach_bars_by_month_chronological(con):
    fig = c.reach_bars(reach.reach(con, PY, by=("month",)), x="month")
    roster = fig.data[0]
    months = [pd.Timestamp(x) for x in roster.x]
    assert months == sorted(months)
    assert dict(zip(months, roster.y))[pd.Timestamp("2021-04-01")] == 20


def test_dropout_funnel_police_tot(con):
    df = dropout.dropout_funnel(con, PY)
    fig = c.dropout_funnel(df[df["activity"] == POLICE_TOT], "en")
    funnel = fig.data[0]
    assert funnel.type == "funnel" and funnel.name == POLICE_TOT
    assert list(funnel.y) == ["Enrolled", "Started", "Session 1 · Apr 10, 2021", "Session 2 · May 12, 2021",
                              "Session 3 · May 31, 2021", "Session 4 · Jun 9, 2021", "Completed"]
    assert list(funnel.x) == [21, 20, 20, 16, 11, 10, 12]
    assert funnel.marker.color == c.COUNTRY_COLORS["Paraguay"]
    spanish = c.dropout_funnel(df[df["activity"] == POLICE_TOT], "es", t=es)
    assert list(spanish.data[0].y)[:3] == ["Inscritos", "Iniciaron", "Sesión 1 · 10 abr 2021"]  # as the tables write it
    # counts and shares in the language's format (fmt_int, fmt_percent), never Plotly's `100%`
    assert spanish.data[0].textinfo == "text"
    assert list(spanish.data[0].text)[:3] == ["21 (100\u00a0%)", "20 (95\u00a0%)", "20 (95\u00a0%)"]
    assert list(fig.data[0].text)[-1] == "12 (57%)"


def test_dropout_funnel_without_no_shows_starts_at_started(con):
    df = dropout.dropout_funnel(con, PY)
    fig = c.dropout_funnel(df[df["activity"] != POLICE_TOT])
    assert list(fig.data[0].y) == ["Started", "Session 1 · Feb 18, 2021", "Session 2 · Mar 4, 2021", "Completed"]


def test_dropout_funnel_several_activities(con):
    fig = c.dropout_funnel(dropout.dropout_funnel(con))
    assert len(fig.data) == 3
    assert fig.data[1].name == f"{POLICE_TOT} (Paraguay)"
    assert "Session 1" in list(fig.data[1].y)                  # no dates when activities are side by side
    assert fig.layout.funnelmode == "group"


# ======================================================================= learning

def test_learning_scores_pre_post_follow_up(con):
    fig = c.learning_scores(learning.learning(con, PY))
    assert [t.name for t in fig.data] == ["Pre-test", "Post-test", "Follow-up"]
    assert [t.marker.color for t in fig.data] == [c.TEST_TYPE_COLORS[k] for k in ("pre", "post", "follow_up")]
    assert list(fig.data[0].x) == [POLICE_TOT]
    assert fig.data[0].y[0] == pytest.approx(55.9)
    assert fig.data[1].y[0] == pytest.approx(79.1)
    assert fig.data[2].y[0] == pytest.approx(76.2, abs=0.06)
    assert tuple(fig.layout.yaxis.range) == (0, 100)
    assert fig.layout.barmode == "group"


def test_item_difficulty_items_in_order(con):
    fig = c.item_difficulty(learning.item_difficulty(con, PY))
    assert [t.name for t in fig.data] == ["Pre-test", "Post-test"]
    post = fig.data[1]
    assert list(post.y) == ["Q1", "Q2", "Q3", "Q10"]
    assert list(post.x) == [100.0, 60.0, 30.0, 20.0]
    assert list(fig.data[0].y) == ["Q1"] and list(fig.data[0].x) == [50.0]
    assert list(fig.layout.yaxis.categoryarray) == ["Q1", "Q2", "Q3", "Q10"]


# ======================================================================= KII

def test_kii_stacked_bars_answer_order_colours_and_values(con):
    df = kii.kii_distribution(con, PY, unit="respondents")
    fig = kii_charts.kii_stacked_bars(df)
    assert [t.name for t in fig.data] == ["Yes", "Partially", "No"]
    assert [t.marker.color for t in fig.data] == [c.ANSWER_COLORS[a] for a in ("Yes", "Partially", "No")]
    assert all(t.orientation == "h" for t in fig.data)
    assert fig.layout.barmode == "stack"
    questions = list(fig.layout.yaxis.categoryarray)
    assert questions[0] == FAMILIAR and len(questions) == 6
    familiar = questions.index(FAMILIAR)
    assert [t.x[familiar] for t in fig.data] == [27, 1, 0]


def test_kii_stacked_bars_shares_and_translation(con):
    fig = kii_charts.kii_stacked_bars(kii.kii_distribution(con, PY, question=FAMILIAR), "es", t=es, normalize=True)
    assert [t.name for t in fig.data] == ["Sí", "Parcialmente", "No"]
    assert [t.marker.color for t in fig.data] == [c.ANSWER_COLORS[a] for a in ("Yes", "Partially", "No")]
    assert sum(t.x[0] for t in fig.data) == pytest.approx(100, abs=0.1)
    assert fig.data[0].x[0] == pytest.approx(96.4)


def test_kii_stacked_bars_assessment_matrix(con):
    fig = kii_charts.kii_stacked_bars(kii.kii_distribution(con, PY, unit="comments"))
    assert [t.name for t in fig.data] == ["Only positive", "Positive and negative", "Only negative"]
    assert list(fig.layout.yaxis.categoryarray)[:2] == ["Organization", "Contents"]


def test_kii_stacked_bars_tell_comment_counts_apart(con):
    fig = kii_charts.kii_stacked_bars(kii.kii_distribution(con, PY), t=es)
    cats = list(fig.layout.yaxis.categoryarray)
    assert cats[0] == FAMILIAR and cats[6] == "Organization · comments"
    assert [t.name for t in fig.data] == ["Sí", "Parcialmente", "No", "Only positive", "Positive and negative",
                                          "Only negative"]


def test_kii_stacked_bars_strip_html_from_questions():
    df = pd.DataFrame({"country": ["Paraguay"], "question": ["<b>Are you familiar</b> with <i>ATLAS</i>?"],
                       "question_order": [1], "answer": ["Yes"], "n": [27]})
    fig = kii_charts.kii_stacked_bars(df, title="<b>KII</b>")
    assert list(fig.layout.yaxis.categoryarray) == ["Are you familiar with ATLAS?"]
    assert fig.layout.title.text == "KII"
    assert not any("<" in s for s in texts(fig))


def test_respondents_bars(con):
    fig = kii_charts.respondents_bars(kii.respondents_summary(con, by=("institution",)))
    assert [t.name for t in fig.data] == ["Paraguay", "Thailand"]
    assert [t.marker.color for t in fig.data] == [c.COUNTRY_COLORS["Paraguay"], c.COUNTRY_COLORS["Thailand"]]
    cats = list(fig.layout.yaxis.categoryarray)
    assert cats[0] == "DLPW"                                   # 11, the largest
    assert sum(fig.data[0].x) == 35 and sum(fig.data[1].x) == 39
    by_group = kii_charts.respondents_bars(kii.respondents_summary(con, q.Filters(countries=("Paraguay",))),
                                  color="stakeholder_group")
    assert len(by_group.data) == 2


# ======================================================================= indicators

def test_indicator_vs_target(con):
    df = indicators.indicators_vs_targets(con, PY)
    fig = dmop_charts.indicator_vs_target(df)
    assert [a.text for a in fig.layout.annotations] == ["KI-1: Activities implemented", "KI-2: Individuals trained",
                                                      "KI-3: Coordination models at pilot or later"]
    assert [t.name for t in fig.data] == ["Paraguay", "Target"] * 3
    ki2_actual, ki2_target = fig.data[2], fig.data[3]
    assert list(ki2_actual.x) == ["2020", "2021"]
    assert list(ki2_actual.y) == [85, 61]
    assert pd.isna(ki2_target.y[0]) and ki2_target.y[1] == 120
    assert ki2_actual.marker.color == c.COUNTRY_COLORS["Paraguay"]
    assert ki2_target.marker.color == c.TARGET_COLOR
    with_total = dmop_charts.indicator_vs_target(df, include_total=True)
    assert list(with_total.data[2].x) == ["2020", "2021", "total"]


def test_indicator_vs_target_fiscal_period_and_countries(con):
    fig = dmop_charts.indicator_vs_target(indicators.indicators_vs_targets(con), t=es)
    names = [t.name for t in fig.data]
    assert names[:4] == ["Paraguay", "Meta (Paraguay)", "Tailandia", "Meta (Tailandia)"]
    ki2_thailand = fig.data[6]
    assert list(ki2_thailand.x) == ["2020", "2021", "FY2021"]
    assert list(ki2_thailand.y) == [42, 106, 148]


# ======================================================================= every figure

def test_every_figure_is_valid_and_plain_text(con):
    figures = [
        dmop_charts.dmop_board(dmops.dmop_board(con)), dmop_charts.dmop_timeline(dmops.dmop_milestones(con)),
        c.reach_bars(reach.reach(con)), c.dropout_funnel(dropout.dropout_funnel(con)), c.learning_scores(learning.learning(con)),
        c.item_difficulty(learning.item_difficulty(con)), kii_charts.kii_stacked_bars(kii.kii_distribution(con)),
        kii_charts.respondents_bars(kii.respondents_summary(con)), dmop_charts.indicator_vs_target(indicators.indicators_vs_targets(con)),
    ]
    for fig in figures:
        go.Figure(fig.to_dict())                      # validates against the plotly schema
        fig.to_json()
        bad = [s for s in texts(fig) if "<" in s and ">" in s]
        assert not bad, bad


def test_builders_translate_only_known_texts(con):
    """What the builders pass to ``t`` is in ``charts.TRANSLATABLE`` (so the catalog can cover it)."""
    asked: set[str] = set()

    def recording(text: str) -> str:
        asked.add(text)
        return text

    dmop_charts.dmop_board(dmops.dmop_board(con), t=recording)
    dmop_charts.dmop_timeline(dmops.dmop_milestones(con), t=recording)
    for by in (("country",), ("gender",), ("modality",), ("month",)):
        c.reach_bars(reach.reach(con, by=by), x=by[0], t=recording)
    c.dropout_funnel(dropout.dropout_funnel(con), t=recording)
    c.learning_scores(learning.learning(con), t=recording)
    c.item_difficulty(learning.item_difficulty(con), t=recording)
    kii_charts.kii_stacked_bars(kii.kii_distribution(con), t=recording, normalize=True)
    kii_charts.kii_stacked_bars(kii.kii_distribution(con), t=recording)
    kii_charts.respondents_bars(kii.respondents_summary(con), t=recording)
    dmop_charts.indicator_vs_target(indicators.indicators_vs_targets(con), t=recording)
    c.reach_bars(pd.DataFrame(), t=recording)
    assert asked - set(c.TRANSLATABLE) == set()
    assert {"No data for this selection", "Yes", "Pilot", "Target", "roster"} <= asked
