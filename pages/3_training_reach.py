"""Training reach: unique people trained by country, DMOP, activity, institution, gender, modality and
month; rosters (one row per person) and head counts (one number per event) together, nobody counted
twice; the key indicator KI-2 "individuals provided with training"."""
import pandas as pd
import streamlit as st

from atlas_data.dashboard import blocks, ui
from atlas_data.queries import reach
from atlas_data.reports import charts, suppression
from atlas_data.i18n import fmt_int

BREAKDOWNS = {"country": "Country", "dmop": "DMOP", "activity": "Activity", "institution": "Institution",
              "gender": "Gender", "modality": "Modality", "month": "Month"}
ACTIVITY_COLUMNS = {"country": "Country", "start_date": "Start", "end_date": "End", "sessions": "Sessions",
                    "participants": "People", "source": "Counted from", "dmop": "DMOP", "activity": "Activity"}

NOT_GIVEN = "Not given"

lang = ui.lang()
st.title(ui.tr("Training reach"))
filters = ui.filters()
total = ui.cached(reach.people_trained, filters)
activities = ui.cached(reach.activity_list, filters)
by_source = ui.cached(reach.reach, filters, by=())
if activities.empty:
    ui.nothing()
    st.stop()
reach_sources = blocks.sources(("attendance", "events"), filters)
blocks.data_as_of(("attendance", "events"), filters)

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
people = ui.cached(reach.reach, filters, by=(by,))
if people.empty:
    ui.nothing()
else:
    if by not in ("month",):     # nobody left out: people whose files give no value are a group of their own
        people = people.assign(**{by: people[by].astype("object").where(people[by].notna(), ui.tr(NOT_GIVEN))})
    fig = blocks.figure(charts.reach_bars, people, ui.tr("Unique people trained"), x=by, color="source")
    blocks.chart(fig, lambda: blocks.labelled(people, {by: BREAKDOWNS[by], "source": "Counted from",
                                                       "people": "People"}),
                 reach_sources, f"reach_{by}")
    if (people[by] == ui.tr(NOT_GIVEN)).any():
        st.caption(ui.tr("\"Not given\": people counted in the total whose records name no {what}; for an event "
                         "whose rows per institution add up to more or less than its total, the difference.",
                         what=ui.tr(BREAKDOWNS[by]) if by == "dmop" else ui.tr(BREAKDOWNS[by]).lower()))

# ------------------------------------------------------------------ institution × gender
st.subheader(ui.tr("People trained by institution and gender"))
k = ui.publishing()   # publish mode: the table is protected as a whole (cells and totals), and drawn as a table only
pivot_long = (ui.cached_unpublished if k is not None else ui.cached)(reach.reach, filters, by=("institution", "gender"))
if pivot_long.empty:
    ui.nothing()
else:
    pivot_long = pivot_long.assign(
        institution=pivot_long["institution"].astype("object").where(pivot_long["institution"].notna(),
                                                                    ui.tr(NOT_GIVEN)))
    genders = [g for g in ("Female", "Male", "Unknown") if g in set(pivot_long["gender"])]
    pivot = (pivot_long.pivot_table(index="institution", columns="gender", values="people", aggfunc="sum",
                                    fill_value=0, sort=False).reindex(columns=genders, fill_value=0))
    pivot = pivot.assign(Total=pivot.sum(axis=1)).sort_values("Total", ascending=False, kind="stable")
    totals = pd.DataFrame([{"institution": ui.tr("Total"), **pivot.sum(axis=0).to_dict()}])
    table = pd.concat([pivot.reset_index(), totals], ignore_index=True)
    if k is not None:
        shown = suppression.protect(pivot[genders].reset_index(drop=True), k, totals=True).published
        table[genders + ["Total"]] = shown.to_numpy(dtype=object)
    table = table.rename(
        columns={"institution": ui.tr("Institution"), "Total": ui.tr("Total"), **{g: ui.tr(g) for g in genders}})
    st.dataframe(table.astype({c: str for c in table.columns}) if k is not None else table, hide_index=True,
                 width="stretch", key="institution_gender")
    if k is None:
        fig = blocks.figure(charts.reach_bars, pivot_long, ui.tr("People trained by institution and gender"),
                            x="institution", color="gender", grouped=True)
        blocks.chart(fig, lambda: blocks.labelled(pivot_long, {"institution": "Institution", "gender": "Gender",
                                                               "source": "Counted from", "people": "People"}),
                     reach_sources, "reach_institution_gender")

st.subheader(ui.tr("Training events"))
blocks.table(activities, ACTIVITY_COLUMNS, dates=("start_date", "end_date"), translated=("source",))
ui.data_under(lambda: blocks.labelled(activities, ACTIVITY_COLUMNS), reach_sources, "activities")
