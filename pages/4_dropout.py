"""Dropout and completion: per activity with a roster, started → present at each session → completed,
the dropout rate, by institution and gender; the completion threshold is a slider (this session only;
the stored default is a setting on the Data page)."""
import streamlit as st

from atlas_data.dashboard import blocks, ui
from atlas_data.queries import dropout
from atlas_data.reports import charts
from atlas_data.i18n import fmt_int, fmt_percent, percent_printf

SUMMARY_COLUMNS = {"country": "Country", "dmop": "DMOP", "activity": "Activity", "sessions_total": "Sessions",
                   "enrolled": "On the roster", "started": "Started", "completed": "Completed",
                   "dropped_out": "Dropped out", "completion_rate": "Completion rate", "dropout_rate": "Dropout rate"}
SPLITS = {"institution": "Institution", "gender": "Gender"}
SPLIT_TITLES = {"institution": "Completed and dropped out, by institution",
                "gender": "Completed and dropped out, by gender"}

lang = ui.lang()
st.title(ui.tr("Dropout and completion"))
filters = ui.filters()
percent = st.slider(ui.tr("Completion threshold: share of an activity's sessions a participant must attend"),
                    min_value=5, max_value=100, step=5, value=int(round(100 * ui.completion_threshold())),
                    format=percent_printf(lang), key="completion_threshold_slider")
st.session_state["completion_threshold"] = percent / 100
threshold = ui.completion_threshold()
excused_missed = ui.excused_counts_as_missed()

summary = ui.cached(dropout.dropout_summary, filters, threshold=threshold, excused_counts_as_missed=excused_missed)
if summary.empty:
    ui.nothing(ui.tr("No attendance roster for this selection: completion needs one row per person and session."))
    st.stop()
funnel = ui.cached(dropout.dropout_funnel, filters, threshold=threshold, excused_counts_as_missed=excused_missed)
roster_sources = blocks.sources("attendance", filters)
blocks.data_as_of("attendance", filters)

labels = [f"{a} ({ui.tr(c)})" for c, a in zip(summary["country"], summary["activity"])]
pick = st.selectbox(ui.tr("Activity"), range(len(summary)), format_func=lambda i: labels[i], key="dropout_activity") \
    if len(summary) > 1 else 0
row = summary.iloc[pick]
c = st.columns(5)
c[0].metric(ui.tr("Started"), fmt_int(row["started"], lang), help=ui.tr("Attended at least one session."))
share, sessions = fmt_percent(threshold, lang), fmt_int(row["sessions_total"], lang)
c[1].metric(ui.tr("Completed"), fmt_int(row["completed"], lang),
            help=ui.tr("Attended at least {share} of the {n} sessions.", share=share, n=sessions) if excused_missed
            else ui.tr("Attended at least {share} of the {n} sessions, less any they were excused from.",
                       share=share, n=sessions))
c[2].metric(ui.tr("Dropped out"), fmt_int(row["dropped_out"], lang))
c[3].metric(ui.tr("Completion rate"), fmt_percent(row["completion_rate"], lang))
c[4].metric(ui.tr("Dropout rate"), fmt_percent(row["dropout_rate"], lang))

one = funnel[(funnel["country"] == row["country"]) & (funnel["activity"] == row["activity"])]
fig = blocks.figure(charts.dropout_funnel, one, ui.tr("From the first session to completion"))
blocks.chart(fig, lambda: blocks.labelled(one, {"country": "Country", "activity": "Activity", "stage": "Stage",
                                                "session_no": "Session", "session_date": "Date",
                                                "participants": "Participants"}), roster_sources, "funnel")

split = st.radio(ui.tr("Completion by"), list(SPLITS), format_func=lambda k: ui.tr(SPLITS[k]), horizontal=True,
                 key="dropout_by")
groups = ui.cached(dropout.dropout_summary, filters, threshold=threshold, by=(split,),
                 excused_counts_as_missed=excused_missed)
groups = groups[(groups["country"] == row["country"]) & (groups["activity"] == row["activity"])]
fig = blocks.figure(charts.dropout_bars, groups, ui.tr(SPLIT_TITLES[split]), by=split)
blocks.chart(fig, lambda: blocks.labelled(groups, {split: SPLITS[split], **{k: v for k, v in SUMMARY_COLUMNS.items()
                                                                            if k not in ("country", "dmop")}}),
             roster_sources, f"dropout_{split}")

st.subheader(ui.tr("Every activity with a roster"))
blocks.table(summary, SUMMARY_COLUMNS, shares=("completion_rate", "dropout_rate"))
ui.data_under(lambda: blocks.labelled(summary, SUMMARY_COLUMNS), roster_sources, "dropout_summary")
