"""The DMOP status page's timeline of one DMOP (pages/2_dmop_status.py): planned against actual dates of each
step, and the status reports over time."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas_data.dashboard import blocks, ui
from atlas_data.reports import dmop_charts


def timeline_section(milestones: pd.DataFrame, history: pd.DataFrame, board_sources: pd.DataFrame,
                     lang: str) -> None:
    """A DMOP picked from those with milestones or status history: its timeline chart, dates and history."""
    st.header(ui.tr("Timeline of each DMOP"))
    named = list(dict.fromkeys([*zip(milestones["country"], milestones["dmop"]),
                                 *zip(history["country"], history["dmop"])]))
    if not named:
        ui.nothing(ui.tr("No milestones or status history for this selection."))
        return
    country, dmop = st.selectbox(ui.tr("DMOP"), named, format_func=lambda cd: f"{cd[1]} ({ui.tr(cd[0])})",
                                  key="timeline_dmop")
    steps = milestones[(milestones["country"] == country) & (milestones["dmop"] == dmop)]
    if steps.empty:
        st.caption(ui.tr("No planned or actual dates recorded for this DMOP."))
    else:
        fig = blocks.figure(dmop_charts.dmop_timeline, steps, ui.tr("Planned and actual date of each step"))
        blocks.chart(fig, key="timeline")
        blocks.table(steps, {"step": "Step", "step_name": "Step name", "planned_date": "Planned", "actual_date": "Actual",
                      "delay_days": "Delay (days)", "status": "Status", "note": "Note"},
                     dates=("planned_date", "actual_date"), integers=("delay_days",), translated=("step_name", "status"), wrap=True)
        ui.data_under(lambda: blocks.labelled(steps, {"country": "Country", "dmop": "DMOP", "step": "Step",
                                                      "step_name": "Step name", "planned_date": "Planned",
                                                      "actual_date": "Actual", "delay_days": "Delay (days)",
                                                      "status": "Status", "note": "Note",
                                                      "source_file": "Source file"}),
                      board_sources[board_sources["source_file"].isin(steps["source_file"])], "timeline")
    past = history[(history["country"] == country) & (history["dmop"] == dmop)]
    if not past.empty:
        st.subheader(ui.tr("Status history"))
        blocks.table(past, {"as_of": "Status date", "step_label": "Step (as written)", "step_name": "Step name",
                      "status_note": "Status note", "source_file": "Source file"}, dates=("as_of",),
                     translated=("step_name",), wrap=True)
