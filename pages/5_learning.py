"""Learning: pre-test, post-test and follow-up scores per activity, the mean gain and the share of
participants who improved (both paired by participant), and item difficulty where test items exist."""
import streamlit as st

from atlas_data.dashboard import blocks, ui
from atlas_data.queries import learning
from atlas_data.reports import charts
from atlas_data.i18n import fmt_int, fmt_number, fmt_percent

SCORE_COLUMNS = {"country": "Country", "dmop": "DMOP", "activity": "Activity",
                 "pre_n": "Pre-test (n)", "pre_mean": "Pre-test mean (%)",
                 "post_n": "Post-test (n)", "post_mean": "Post-test mean (%)",
                 "follow_up_n": "Follow-up (n)", "follow_up_mean": "Follow-up mean (%)",
                 "paired": "With pre- and post-test", "mean_gain": "Mean gain (points)",
                 "improved": "Improved", "share_improved": "Share improved",
                 "follow_up_gain": "Follow-up gain over pre-test (points)",
                 "retention": "Follow-up against post-test (points)"}
ITEM_COLUMNS = {"country": "Country", "activity": "Activity", "test_type": "Test", "item": "Item",
                "answered": "Answered", "correct": "Correct", "share_correct": "Share correct"}

lang = ui.lang()
st.title(ui.tr("Learning"))
st.caption(ui.tr("Scores as a percentage of each test's maximum. Gains compare the same participant's tests: "
                 "only people with both a pre-test and a post-test count."))
filters = ui.filters()
scores = ui.cached(learning.learning, filters)
if scores.empty:
    ui.nothing(ui.tr("No test scores for this selection."))
    st.stop()
test_sources = blocks.sources("tests", filters)
blocks.data_as_of("tests", filters)

labels = [f"{a} ({ui.tr(c)})" for c, a in zip(scores["country"], scores["activity"])]
pick = st.selectbox(ui.tr("Activity"), range(len(scores)), format_func=lambda i: labels[i], key="learning_activity") \
    if len(scores) > 1 else 0
row = scores.iloc[pick]
c = st.columns(5)
c[0].metric(ui.tr("Pre-test mean"), fmt_percent(row["pre_mean"] / 100, lang, 1),
            help=ui.tr("{n} participants", n=fmt_int(row["pre_n"], lang)))
c[1].metric(ui.tr("Post-test mean"), fmt_percent(row["post_mean"] / 100, lang, 1),
            help=ui.tr("{n} participants", n=fmt_int(row["post_n"], lang)))
c[2].metric(ui.tr("Follow-up mean"), fmt_percent(row["follow_up_mean"] / 100, lang, 1),
            help=ui.tr("{n} participants", n=fmt_int(row["follow_up_n"], lang)))
c[3].metric(ui.tr("Mean gain (points)"), fmt_number(row["mean_gain"], lang),
            help=ui.tr("Post-test minus pre-test of the same participant, over {n} participants with both.",
                       n=fmt_int(row["paired"], lang)))
c[4].metric(ui.tr("Share improved"), fmt_percent(row["share_improved"], lang),
            help=ui.tr("{improved} of {n} participants with both tests scored higher after the training.",
                       improved=fmt_int(row["improved"], lang), n=fmt_int(row["paired"], lang)))

fig = blocks.figure(charts.learning_scores, scores, ui.tr("Mean score before and after the training"))
blocks.chart(fig, lambda: blocks.labelled(scores, SCORE_COLUMNS), test_sources, "scores")
blocks.table(scores, SCORE_COLUMNS, decimals=("pre_mean", "post_mean", "follow_up_mean", "mean_gain",
                                              "follow_up_gain", "retention"), shares=("share_improved",))

st.subheader(ui.tr("Item difficulty"))
items = ui.cached(learning.item_difficulty, filters)
if items.empty:
    st.caption(ui.tr("No answers per test item for this selection: item difficulty needs one column per question."))
else:
    st.caption(ui.tr("Share of participants who answered each item correctly: a low share marks a hard item."))
    fig = blocks.figure(charts.item_difficulty, items, ui.tr("Correct answers per item"))
    blocks.chart(fig, lambda: blocks.labelled(items, ITEM_COLUMNS), blocks.sources("test_items", filters), "items")
