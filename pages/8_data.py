"""Data: what was ingested (per file and sheet), what was rejected and why, when each table was last
updated; for a signed-in data manager, uploads (checked, mapped if need be, then stored on confirm), filling
in what a sheet lacks, re-ingest, settings (admins), the audit trail, rollback and withdrawing files. The panels
are in atlas_data/dashboard/datapanels.py and governance.py, those of an upload being checked in
atlas_data/dashboard/datapage.py.
"""
import streamlit as st

from atlas_data.queries import sources
from atlas_data.dashboard import datapanels as panels
from atlas_data.dashboard import governance, ui, upload_gate
from atlas_data.store import uploads

st.title(ui.tr("Data"))
st.caption(ui.tr("What was read from each export, what was set aside and why, and when each table was last "
                 "updated."))

manager = governance.sign_in_panel()
upload_gate.allow_this_session(manager is not None)
sheets = ui.cached(sources.ingest_sheets)
reasons = ui.cached(sources.rejected_reasons)
missing_files = panels.missing_files(reasons)

if manager:
    panels.upload_section(manager)
if isinstance(st.session_state.get(panels.RESULT_KEY), uploads.ActionResult):
    panels.show_result(st.session_state[panels.RESULT_KEY], {m.source_file for m in missing_files if m.columns})

panels.files_and_sheets(sheets, manager)
if missing_files:
    panels.fill_in_section(missing_files, manager)
panels.rejected_section(reasons)
panels.last_update_section()
panels.translations_section()

if manager:
    governance.last_done()
    panels.settings_section(manager)
    panels.audit_section()
    governance.rollback_panel(manager)
    governance.withdraw_panel(manager)
    governance.archive_panel(manager)
