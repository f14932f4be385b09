"""Training reach: unique people trained by country, DMOP, activity, institution, gender, modality and
month; rosters (one row per person) and head counts (one number per event) together, nobody counted
twice; the key indicator KI-2 "individuals provided with training"."""
import streamlit as st

from atlas_data import blocks, charts, ui
from atlas_data.i18n import fmt_int

BREAKDOWNS = {"country": "Country", "dmop": "DMOP", "activity": "Activity", "institution": "Institution",
              "gender": "Gender", "modality": "Modality", "month": "Month"}
ACTIVITY_COLUMNS = {"country": "Country", "start_date": "Start", "end_date": "End", "sessions": "Sessions",
                    "participants": "People", "source": "Counted from", "dmop": "DMOP", "activity": "Activity"}

lang, t = ui.lang(), blocks.t()
st.title(ui.tr("Training reach"))
filters = ui.filters()
total = ui.data("people_trained", filters)
activities = ui.data("activity_list", filters)
by_source = ui.data("reach", filters, by=())
if activities.empty:
    ui.nothing()
    st.stop()
reach_sources = blocks.sources(("attendance", "events"), filters)

c = st.columns(4)
c[0].metric(ui.tr("People trained (KI-2)"), fmt_int(total, lang),
            help=ui.tr("Key indicator KI-2, individuals provided with training: unique people on attendance "
                       "rosters plus the head counts of events that have no roster."))
c[1].metric(ui.tr("From attendance rosters"), fmt_int(by_source.loc[by_source["source"] == "roster", "people"].sum(), lang))
c[2].metric(ui.tr("From event head counts"),
            fmt_int(by_source.loc[by_source["source"] == "head count", "people"].sum(), lang))
c[3].metric(ui.tr("Training events held"), fmt_int(len(activities), lang))
st.caption(ui.tr("A person on a roster counts once however many sessions they attended; an event with a roster "
                 "is never also counted by its head count. In a breakdown each bar counts the distinct people "
                 "in it, so a person trained in two activities appears in both bars but once in the total."))

by = st.radio(ui.tr("People trained by"), list(BREAKDOWNS), format_func=lambda k: ui.tr(BREAKDOWNS[k]),
              horizontal=True, key="reach_by")
reach = ui.data("reach", filters, by=(by,))
if reach.empty:
    ui.nothing()
else:
    fig = charts.reach_bars(reach, lang, ui.tr("Unique people trained"), t, x=by, color="source")
    blocks.chart(fig, blocks.labelled(reach, {by: BREAKDOWNS[by], "source": "Counted from", "people": "People"}),
                 reach_sources, f"reach_{by}")

st.subheader(ui.tr("Training events"))
blocks.table(activities, ACTIVITY_COLUMNS, dates=("start_date", "end_date"), translated=("source",))
ui.data_under(blocks.labelled(activities, ACTIVITY_COLUMNS), reach_sources, "activities")
