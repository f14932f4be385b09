"""Indicators vs targets: the three key indicators computed from the data (KI-1 activities, KI-2 people
trained, KI-3 coordination models at pilot or later), against their targets, per country and period."""
import streamlit as st

from atlas_data.dashboard import blocks, ui
from atlas_data.queries import indicators
from atlas_data.reports import charts, dmop_charts
from atlas_data.contract import KEY_INDICATORS
from atlas_data.reports.export import to_xlsx_bytes
from atlas_data.i18n import fmt_int

COLUMNS = {"country": "Country", "indicator": "Indicator", "name": "Name", "period": "Period", "actual": "Actual",
           "target": "Target", "pct_of_target": "% of target"}

IPTT_COLUMNS = {"country": "Country", "indicator": "Indicator", "name": "Name", "period": "Fiscal year",
                "target": "Target", "actual": "Actual", "pct_of_target": "% of target",
                "cumulative_target": "Cumulative target", "cumulative_actual": "Cumulative actual",
                "cumulative_pct": "Cumulative % of target", "rag": "Traffic light", "target_period": "Target given as"}

lang = ui.lang()
st.title(ui.tr("Indicators vs targets"))
filters = ui.filters()
values = ui.cached(indicators.indicators_vs_targets, filters)
if values.empty:
    ui.nothing()
    st.stop()
indicator_sources = blocks.sources(("attendance", "events", "dmop_status", "targets"), filters)
blocks.data_as_of(("attendance", "events", "dmop_status"), filters)

totals = values[values["period"] == "total"]
for country in totals["country"].drop_duplicates():
    st.subheader(ui.tr(country))
    c = st.columns(len(KEY_INDICATORS))
    for i, (code, _name, _unit, _target) in enumerate(KEY_INDICATORS):
        actual = totals.loc[(totals["country"] == country) & (totals["indicator"] == code), "actual"]
        c[i].metric(f"{code} · {ui.tr(charts.INDICATOR_SHORT_NAMES[code])}",
                    fmt_int(actual.iloc[0], lang) if len(actual) else "–", help=ui.tr(_name))

fig = blocks.figure(dmop_charts.indicator_vs_target, values, ui.tr("Actual against target, per year"))
blocks.chart(fig, lambda: blocks.labelled(values, COLUMNS), indicator_sources, "indicators")
st.caption(ui.tr("A period FY2021 runs from October 2020 to September 2021; \"total\" counts each person and "
                 "activity once over the whole period. KI-3 per year is unknown (–) where a country's status "
                 "rows carry no date; its current value is in the total."))
blocks.table(values.assign(period=values["period"].replace({"total": ui.tr("total")})), COLUMNS,
             translated=("name",), integers=("actual", "target"), percents=("pct_of_target",))

# ------------------------------------------------------------------ indicator performance tracking table
st.header(ui.tr("Indicator performance tracking table (IPTT)"))
tracking = ui.cached(indicators.iptt, filters)
if tracking.empty:
    ui.nothing()
else:
    st.caption(ui.tr("Periods are US fiscal years: FY2021 runs from October 2020 to September 2021. A target given "
                     "for a plain year (2021) is read as that fiscal year's target (\"Target given as\"). "
                     "Cumulative: KI-1 and KI-2 count each activity or person once since the first year; KI-3 is "
                     "its value at the year's end. Traffic light on the cumulative % of target: green from 90 %, "
                     "amber from 70 %, red below."))
    readable = tracking.assign(name=tracking["name"].map(lambda v: ui.tr(v) if isinstance(v, str) else v),
                               country=tracking["country"].map(ui.tr), rag=tracking["rag"].map(ui.tr))
    blocks.table(readable, IPTT_COLUMNS, integers=("target", "actual", "cumulative_target", "cumulative_actual"),
                 percents=("pct_of_target", "cumulative_pct"))
    sheet, name = blocks.labelled(readable, IPTT_COLUMNS), ui.tr("IPTT")
    st.download_button(ui.tr("Download the IPTT (Excel)"), lambda: to_xlsx_bytes(sheet, sheet=name),   # on click
                       file_name=f"iptt_{lang}.xlsx", key="iptt_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
