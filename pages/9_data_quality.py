"""Data quality: how complete the breakdown columns are, how recent each table is, the counts that should
agree and do not (an event's institution rows against its total, a roster against its head count), and
values far from the rest (head counts, test scores)."""
import streamlit as st

from atlas_data.dashboard import blocks, ui
from atlas_data.dashboard.datapage import column_label
from atlas_data.queries import quality

COMPLETENESS_COLUMNS = {"table_name": "Table", "country": "Country", "column_name": "Column", "rows": "Rows",
                        "given": "Given", "share_given": "Share given"}
TIMELINESS_COLUMNS = {"table_name": "Table", "country": "Country", "newest_date": "Newest record",
                      "days_old": "Days since", "last_ingested": "Last ingested"}
CONSISTENCY_COLUMNS = {"check": "Check", "country": "Country", "dmop": "DMOP", "activity": "Activity",
                       "start_date": "Date", "expected": "Expected", "found": "Found", "difference": "Difference"}
OUTLIER_COLUMNS = {"check": "Check", "country": "Country", "dmop": "DMOP", "activity": "Activity", "date": "Date",
                   "value": "Value", "low": "Usual from", "high": "Usual up to"}
CHECKS = {"rows_vs_total": "Institution rows against the total", "roster_vs_head_count": "Roster against the head count",
          "gender_vs_total": "Women and men against the total", "head_count": "Event head count",
          "test_score": "Test score"}
TABLES = {"attendance": "Attendance", "events": "Events", "tests": "Tests", "dmop_status": "DMOP status",
          "dmop_milestones": "DMOP milestones"}


def readable(df):
    """Our codes (tables, checks, columns, countries) as words in the interface language."""
    out = df.copy()
    if "column_name" in out.columns:
        out["column_name"] = out["column_name"].map(column_label)
    for col, words in (("table_name", TABLES), ("check", CHECKS)):
        if col in out.columns:
            out[col] = out[col].map(lambda v: ui.tr(words.get(v, v)))
    if "country" in out.columns:
        out["country"] = out["country"].map(ui.tr)
    return out


lang = ui.lang()
st.title(ui.tr("Data quality"))
filters = ui.filters()
completeness = ui.cached(quality.data_completeness, filters)
timeliness = ui.cached(quality.data_timeliness, filters)
if completeness.empty and timeliness.empty:
    ui.nothing()
    st.stop()
blocks.data_as_of(("attendance", "events", "tests", "dmop_status", "dmop_milestones"), filters)
quality_sources = blocks.sources(("attendance", "events", "tests"), filters)

st.header(ui.tr("Completeness"))
st.caption(ui.tr("How often each breakdown is filled in: a blank becomes \"Not given\" in the charts. Events "
                 "count their total rows."))
blocks.table(readable(completeness),
             COMPLETENESS_COLUMNS, shares=("share_given",), integers=("rows", "given"))
ui.data_under(lambda: blocks.labelled(readable(completeness), COMPLETENESS_COLUMNS), quality_sources, "completeness")

st.header(ui.tr("Timeliness"))
blocks.table(readable(timeliness),
             TIMELINESS_COLUMNS, dates=("newest_date", "last_ingested"), integers=("days_old",))

st.header(ui.tr("Consistency"))
consistency = ui.cached(quality.data_consistency, filters)
if consistency.empty:
    st.caption(ui.tr("Every total agrees with its rows, rosters and head counts."))
else:
    blocks.table(readable(consistency), CONSISTENCY_COLUMNS,
                 dates=("start_date",), integers=("expected", "found", "difference"), wrap=True)

st.header(ui.tr("Outliers"))
outliers = ui.cached(quality.data_outliers, filters)
if outliers.empty:
    st.caption(ui.tr("No head count or score far from the rest."))
else:
    st.caption(ui.tr("A head count beyond 1.5 times the interquartile range of its country's events (with 4 events "
                     "or more), or a test score below 0 or above its maximum."))
    blocks.table(readable(outliers), OUTLIER_COLUMNS, dates=("date",),
                 decimals=("low", "high"), integers=("value",), wrap=True)
