"""DMOP status: a delay board of every DMOP (days behind its planned dates, as of the status date); the nine steps as columns, each DMOP a row, per country, enforcement and coordination
apart; the step label as written (7/8), the status note, how long since the step was reached; and,
where milestones or status history exist, each DMOP's timeline of planned against actual dates."""
import datetime as dt

import streamlit as st

from atlas_data.dashboard import blocks, timeline, ui
from atlas_data.queries import dmops
from atlas_data.reports import dmop_charts
from atlas_data import metrics

TYPES = {"enforcement": "Enforcement DMOPs (outcome 2)", "coordination": "Coordination DMOPs (outcome 3)",
         None: "DMOPs of no stated type"}
BOARD_COLUMNS = {"dmop": "DMOP", "step_label": "Step (as written)", "step_name": "Step name",
                 "step_reached": "Step reached", "days_since_step": "Days since the step was reached",
                 "as_of": "Status date", "status_note": "Status note"}

DELAY_COLUMNS = {"country": "Country", "dmop": "DMOP", "step_label": "Step (as written)", "step_name": "Step name",
                 "step_reached": "Step reached", "next_step": "Next planned step", "next_planned": "Planned date",
                 "delay_step": "Delay counted on step", "delay_days": "Delay (days)",
                 "worst_delay_days": "Worst delay (days)", "rag": "Status", "status_date": "Status date"}

lang = ui.lang()
st.title(ui.tr("DMOP status"))
st.caption(ui.tr("Where each differentiated model of practice stands on the nine steps, as the last status "
                 "report gives it. Hover a cell for the status note."))
filters = ui.filters()
board = ui.cached(dmops.dmop_board, filters)
if board.empty:
    ui.nothing()
    st.stop()
board_sources = blocks.sources(("dmop_status", "dmop_milestones"), filters)
blocks.data_as_of(("dmop_status", "dmop_milestones"), filters)

# ------------------------------------------------------------------ delay board: every DMOP, latest first
st.header(ui.tr("Delay board"))
to_today = st.toggle(ui.tr("Count delays to today instead of the status date"), key="delay_to_today")
delays = ui.cached(dmops.dmop_delays, filters, today=dt.date.today() if to_today else None)
dated = delays.dropna(subset=["status_date"]).drop_duplicates("country")
st.caption(ui.tr("Status date: {dates}", dates=" · ".join(
    f"{ui.tr(c)} {ui.newest(d)}" for c, d in zip(dated["country"], dated["status_date"])) or "–"))
st.caption(ui.tr("The delay is counted on one step of each DMOP: the next step with a planned date not reached by "
                 "the status date (status date − planned date; negative means days to go), else the last step "
                 "with a planned date that was reached (actual − planned date). Green: on time, early or not "
                 "due; amber: up to {days} days late; red: more. \"Worst delay\" is the largest delay of any "
                 "planned step.", days=metrics.DELAY_RED_DAYS))
by_delay = delays.sort_values("delay_days", ascending=False, na_position="last", kind="stable")
delay_table = blocks.shown(by_delay.assign(delay_days=by_delay["delay_days"].astype("Int64"),
                                           worst_delay_days=by_delay["worst_delay_days"].astype("Int64")),
                           DELAY_COLUMNS, dates=("step_reached", "next_planned", "status_date"),
                           translated=("country", "step_name", "rag"))
st.dataframe(delay_table, hide_index=True, width="stretch", key="delay_board")
ui.data_under(lambda: blocks.labelled(by_delay, {**DELAY_COLUMNS, "dmop_type": "Type", "source_file": "Source file"}),
              board_sources, "delay_board")

for country in board["country"].drop_duplicates():
    st.header(ui.tr(country))
    rows = board[board["country"] == country]
    for dmop_type, heading in TYPES.items():
        part = rows[rows["dmop_type"] == dmop_type] if dmop_type else rows[rows["dmop_type"].isna()]
        if part.empty:
            continue
        st.subheader(ui.tr(heading))
        key = f"board_{country}_{dmop_type or 'other'}"
        if part["step"].isna().all():
            st.caption(ui.tr("No step reported yet: the status note says where things stand."))
        else:
            blocks.chart(blocks.figure(dmop_charts.dmop_board, part), key=key)
        blocks.table(part, BOARD_COLUMNS, dates=("as_of", "step_reached"), integers=("days_since_step",),
                     translated=("step_name",), wrap=True)
        numbers = {**BOARD_COLUMNS, "step": "Step", "step_upper": "Highest step named", "source_file": "Source file"}
        ui.data_under(lambda: blocks.labelled(part, numbers),
                      board_sources[board_sources["source_file"].isin(part["source_file"])], key)

# ------------------------------------------------------------------ timeline of one DMOP
timeline.timeline_section(ui.cached(dmops.dmop_milestones, filters), ui.cached(dmops.dmop_history, filters),
                          board_sources, lang)
