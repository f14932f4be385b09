"""The Data page's panels (pages/8_data.py lays them out; sign-in, rollback and withdrawals are in
governance.py): the result of the last action, uploads,
filling in missing columns, files and sheets, rejected rows, last updates, settings and the audit trail.

Every value that comes from the data (file and sheet names, cells, messages) is shown as text, in a table or
with st.text, never as Markdown or HTML. Stored messages are shown in the reader's language (their code and
fields, `reading.messages`); the rejected rows' download has them so too.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas_data import audit, settings
from atlas_data.contract import COUNTRIES
from atlas_data.accounts import Account
from atlas_data.queries import sources, translations
from atlas_data.dashboard import auth, ui
from atlas_data.dashboard.governance import refused_countries
from atlas_data.dashboard.datapage import (MAP_NOTE_KEY, STAGED_KEY, STAGED_REPORT_KEY, column_label,
                                           in_reader_language, refused_rows, severity_label, show_table,
                                           staged_details, staged_summary, status_label, table_label,
                                           uploader_css)
from atlas_data.i18n import LANGUAGE_NAMES, fmt_decimal, fmt_int, translator
from atlas_data.reading.messages import CATALOG, render
from atlas_data.reading.privacy import described_in
from atlas_data.reading.problems import WHOLE_FILE_CODES
from atlas_data.reading.readers import SUPPORTED_SUFFIXES
from atlas_data.reports import export, translate
from atlas_data.store import changes, staging, uploads
from atlas_data.store.ingest import read_defaults

AUDIT_LABELS = {"at": "When (UTC)", "who": "Who", "action": "Action", "files": "Files", "tables": "Tables",
                "changes": "Changes", "reason": "Reason"}
REJECTED_LABELS = {"source_file": "File", "source_sheet": "Sheet", "source_row": "Row", "column_name": "Column",
                   "value": "Value", "reason": "Reason", "severity": "Severity", "table_name": "Table"}
RESULT_KEY = "data_last_result"
UPLOADER_KEY = "data_uploader_n"
SAVED_KEY = "data_settings_saved"
# With a MIME type in `type`, Streamlit leaves the name to us: a forged name (`x.exe`) is refused by
# uploads.check_upload with a translated reason when the files are checked, instead of a Streamlit exception
# raised before this page runs. The browser's file picker still offers spreadsheets and CSVs only.
UPLOAD_MIME_TYPES = ["text/csv", "text/tab-separated-values", "application/vnd.ms-excel",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     "application/vnd.ms-excel.sheet.macroEnabled.12",
                     "application/vnd.ms-excel.sheet.binary.macroEnabled.12",
                     "application/vnd.oasis.opendocument.spreadsheet"]


# ------------------------------------------------------------------ the result of an action

def show_result(result: uploads.ActionResult, lacking: set[str]) -> None:
    """What the last upload / fill-in / re-ingest did, kept in the session until the next one."""
    with st.container(border=True):
        st.subheader(ui.tr("Last action"))
        outcome = [{"file": s.rel, "result": status_label(s.status), "message": render(s.code, ui.lang(), **s.fields)}
                   for s in result.saved]
        outcome += refused_rows(result.refused)
        if result.refused:
            st.warning(ui.tr("{n} file(s) were refused and not stored.", n=fmt_int(len(result.refused), ui.lang())))
        if outcome:
            show_table(pd.DataFrame(outcome),
                       {"file": "File", "result": "Result", "message": "Message"}, key="result_files")
        if result.error:
            st.error(ui.tr("The ingest did not finish; the data shown is unchanged."))
            code = result.error_code
            st.text(render(code, ui.lang(), **result.error_fields) if code else result.error)
        elif result.report is not None:
            sheets = in_reader_language(result.report.sheet_rows(), "message", "message_code", "message_fields")
            mine = set(result.files())
            if not sheets.empty:  # the files of this action, or (a re-ingest) those that changed
                sheets = sheets[sheets["file"].isin(mine)] if mine else sheets[sheets["status"] != "unchanged"]
            if not mine and sheets.empty:
                st.success(ui.tr("Nothing changed since the last ingest."))
                return
            failed = [f for f in result.report.files if f.failed and (not mine or f.path in mine)]
            rejected = int(sheets["rows_rejected"].sum()) if not sheets.empty else 0
            kept = int(sheets["rows_kept"].sum()) if not sheets.empty else 0
            (st.warning if failed or rejected else st.success)(
                ui.tr("Ingest done: {kept} rows kept, {rejected} rows rejected.", kept=fmt_int(kept, ui.lang()),
                      rejected=fmt_int(rejected, ui.lang())))
            if lacking & (mine or set(sheets["file"] if not sheets.empty else ())):
                st.info(ui.tr("A sheet lacks a column the contract requires: fill it in under \"Missing columns\" "
                              "below, for the whole file."))
            if not sheets.empty:
                show_table(sheets.assign(status=sheets["status"].map(status_label),
                                         table=sheets["table"].map(table_label)),
                           {"file": "File", "sheet": "Sheet", "table": "Table", "rows_kept": "Rows kept",
                            "rows_rejected": "Rows rejected", "status": "Status", "message": "Message"},
                           key="result_sheets")


# ------------------------------------------------------------------ actions (data managers)

def upload_section(account: Account) -> None:
    """Drop files, check them (nothing stored yet), map what needs it, then confirm or cancel. A country data
    manager's confirm is refused when the checked rows name a country not on their account."""
    st.subheader(ui.tr("Upload exports"))
    limit = settings.load()["upload_limit_mb"]
    staged, report = st.session_state.get(STAGED_KEY), st.session_state.get(STAGED_REPORT_KEY)
    if isinstance(staged, staging.Staged) and report is not None:
        staged_summary(staged, report)
        with st.container(horizontal=True):
            confirmed = st.button(ui.tr("Confirm and store"), type="primary", key="dm_confirm")
            cancelled = st.button(ui.tr("Cancel"), key="dm_cancel")
        refusal = refused_countries(account, sorted({c for f in report.files for sheet in f.sheets
                                                     for c in sheet.countries}))
        if confirmed and refusal:
            st.error(refusal)
        elif confirmed:
            with st.spinner(ui.tr("Storing and ingesting…")):
                st.session_state[RESULT_KEY] = staging.confirm(staged, ui.RAW_DIR, ui.PARQUET_DIR, limit)
            audit.record_result("upload_confirmed", auth.current_manager(), st.session_state[RESULT_KEY])
            end_check()
        if cancelled:
            audit.record("upload_cancelled", auth.current_manager(), files=[f.rel for f in staged.files])
            staging.discard(staged)
            end_check()
        staged_details(staged, report)
        return
    n = st.session_state.get(UPLOADER_KEY, 0)
    st.html(uploader_css(ui.tr("Choose files")))
    files = st.file_uploader(
        ui.tr("Drag and drop Excel or CSV exports here (up to {limit} MB each)", limit=fmt_decimal(limit, ui.lang())),
        type=sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES) + UPLOAD_MIME_TYPES, accept_multiple_files=True,
        max_upload_size=int(limit), key=f"uploader_{n}",
        help=ui.tr("Files are checked first and nothing is stored until you confirm; then they are stored under "
                   "data/raw/uploads/ as they are, never changed, and ingested."))
    with st.container(horizontal=True):
        checked = st.button(ui.tr("Check files"), type="primary", disabled=not files, key="dm_check")
        again = st.button(ui.tr("Ingest everything again"), key="dm_reingest",
                          help=ui.tr("Reads every file under data/raw again; unchanged files are skipped."))
    if checked:
        with st.spinner(ui.tr("Checking…")):
            staged = staging.stage([(f.name, f.getvalue()) for f in files], ui.RAW_DIR, limit)
            report = staging.preview(staged, ui.RAW_DIR, ui.PARQUET_DIR) if staged.files else None
        audit.record("upload_checked", auth.current_manager(), files=[f.rel for f in staged.files] + [
            "refused: " + str(r.fields.get("name", "")) for r in staged.refused])
        st.session_state.pop(RESULT_KEY, None)
        st.session_state[UPLOADER_KEY] = n + 1  # empties the uploader
        if report is None:  # every file refused: say so, nothing to check
            staging.discard(staged)
            st.session_state[RESULT_KEY] = uploads.ActionResult(refused=staged.refused)
        else:
            st.session_state[STAGED_KEY], st.session_state[STAGED_REPORT_KEY] = staged, report
        st.rerun()
    if again:
        with st.spinner(ui.tr("Ingesting…")):
            st.session_state[RESULT_KEY] = uploads.run_ingest(ui.RAW_DIR, ui.PARQUET_DIR)
        audit.record_result("reingest", auth.current_manager(), st.session_state[RESULT_KEY])
        st.rerun()


def end_check() -> None:
    for key in (STAGED_KEY, STAGED_REPORT_KEY, MAP_NOTE_KEY):
        st.session_state.pop(key, None)
    st.rerun()


def fill_in_section(missing: list[uploads.MissingInputs], account: Account | None) -> None:
    """Per file whose sheets lack required columns (or a maximum score): what is missing, and (signed in) a form to
    fill it in."""
    st.subheader(ui.tr("Missing columns"))
    st.caption(ui.tr("These files have sheets without a column the contract requires, or without a value their "
                     "rows need to be read (a maximum score). A value given here applies to every row of every "
                     "sheet of the file (it is saved beside the file as NAME.defaults.csv; the file itself is not "
                     "changed)."))
    options = ui.options(sources.filter_options)
    known_dmops = sorted(set(options["dmop"].dropna())) if not options.empty else []
    for i, item in enumerate(missing):
        with st.container(border=True):
            st.text(ui.tr("File: {file}", file=item.source_file))
            st.text(ui.tr("Sheets: {sheets}", sheets=", ".join(s or "–" for s in item.sheets)) + "   " +
                    ui.tr("Table: {tables}", tables=", ".join(map(table_label, item.tables))))
            lacking = ", ".join(column_label(c) for c in item.columns + item.per_row)
            st.text(ui.tr("Missing: {columns}", columns=lacking))
            if item.per_row:
                st.warning(ui.tr("Some missing columns differ from row to row and cannot be filled in here; add "
                                 "them to the file and upload it again."))
            if not item.columns:
                continue
            if account is None:
                st.caption(ui.tr("Sign in as a data manager to fill these in."))
                continue
            raw_path = ui.RAW_DIR / item.source_file
            if not raw_path.is_file():
                st.caption(ui.tr("The file is no longer in the data folder."))
                continue
            refusal = refused_countries(account, changes.countries_of_file(ui.PARQUET_DIR, item.source_file))
            if refusal:
                st.caption(refusal)
                continue
            current = read_defaults(raw_path)
            with st.form(f"fill_{i}", border=False):
                values = {}
                for column in item.columns:
                    label = column_label(column)
                    if column == "country":
                        choices = [""] + [c for c in COUNTRIES if account.may_change(c)]
                        now = current.get("country", "")
                        values[column] = st.selectbox(label, choices, index=choices.index(now) if now in choices else 0,
                                                      key=f"fill_{i}_country",
                                                      format_func=lambda c: c or ui.tr("(choose)"))
                    elif column == "dmop":
                        choices = [""] + known_dmops
                        now = current.get("dmop", "")
                        picked = st.selectbox(label, choices, index=choices.index(now) if now in choices else 0,
                                              key=f"fill_{i}_dmop", format_func=lambda c: c or ui.tr("(choose)"))
                        typed = st.text_input(ui.tr("…or type a DMOP name not in the list"),
                                              value="" if now in choices else now, key=f"fill_{i}_dmop_text")
                        values[column] = typed.strip() or picked
                    else:
                        values[column] = st.text_input(label, value=current.get(column, ""),
                                                       key=f"fill_{i}_{column}")
                submitted = st.form_submit_button(ui.tr("Save for the whole file and ingest again"))
            if submitted:
                given = {k: v for k, v in values.items() if str(v).strip()}
                if not given:
                    st.error(ui.tr("Nothing was filled in; give at least one value."))
                else:
                    with st.spinner(ui.tr("Ingesting…")):
                        st.session_state[RESULT_KEY] = uploads.fill_in_and_ingest(
                            ui.RAW_DIR, ui.PARQUET_DIR, item.source_file, given)
                    audit.record_result("fill_in", auth.current_manager(), st.session_state[RESULT_KEY])
                    st.rerun()


def audit_section() -> None:
    """Who changed what and when (atlas_data/audit.py), newest first; data managers only."""
    st.subheader(ui.tr("Audit trail"))
    entries = audit.read(limit=500)
    if not entries:
        st.info(ui.tr("No change has been recorded yet."))
        return
    rows = pd.DataFrame(audit.rows(entries[::-1]))
    left, right = st.columns(2)
    actions = left.multiselect(ui.tr("Action"), sorted(set(rows["action"])), key="audit_actions", select_all=False)
    who = right.multiselect(ui.tr("Who"), sorted(set(rows["who"])), key="audit_who", format_func=ui.as_text,
                             select_all=False)
    if actions:
        rows = rows[rows["action"].isin(actions)]
    if who:
        rows = rows[rows["who"].isin(who)]
    show_table(rows, AUDIT_LABELS, key="audit_table")
    st.download_button(ui.tr("Download the audit trail (CSV)"),
                       export.to_csv_bytes(rows.rename(columns={c: ui.tr(h) for c, h in AUDIT_LABELS.items()}),
                                           lang=ui.lang()),
                       file_name="audit_trail.csv", mime="text/csv", key="audit_csv")


def settings_section(account: Account) -> None:
    """The settings form (admins); a country data manager is told who changes them."""
    st.subheader(ui.tr("Settings"))
    if not account.is_admin:
        st.caption(ui.tr("Only an admin changes the settings."))
        return
    if st.session_state.pop(SAVED_KEY, False):
        st.success(ui.tr("Settings saved."))
    current = settings.load()
    with st.form("dm_settings", border=True):
        completion = st.number_input(
            ui.tr("Completion threshold (% of an activity's sessions attended)"), min_value=5, max_value=100,
            value=int(round(current["completion_threshold"] * 100)), step=5, key="set_completion")
        small = st.number_input(ui.tr("Small-cell threshold (counts below it show as \"<k\" in workshop mode)"),
                                min_value=1, max_value=100, value=int(current["small_cell_threshold"]), step=1,
                                key="set_small_cell")
        excused = st.checkbox(ui.tr("Count excused sessions (vacation, sick leave, justified) as missed for "
                                    "completion"), value=bool(current["excused_counts_as_missed"]),
                              key="set_excused_missed",
                              help=ui.tr("Unticked, a session a participant was excused from is not required of them."))
        limit = st.number_input(ui.tr("Upload limit (MB per file)"), min_value=1, max_value=2048,
                                value=int(current["upload_limit_mb"]), step=1, key="set_upload_limit")
        keep_days = st.number_input(ui.tr("Archive days (withdrawn raw files are deleted after this many days)"),
                                    min_value=1, max_value=3650, value=int(current["archive_keep_days"]), step=1,
                                    key="set_archive_days")
        publish = st.toggle(ui.tr("Publish mode: every page and download shows counts below the small-cell "
                                  "threshold as \"<k\" (for dashboards shown outside the team)"),
                            value=bool(current["publish_mode"]), key="set_publish")
        buddhist = st.checkbox(ui.tr("Thai dates in the Buddhist era (พ.ศ. 2564 for 2021)"),
                               value=bool(current["thai_buddhist_era"]), key="set_buddhist_era")
        if st.form_submit_button(ui.tr("Save settings")):
            try:
                new = settings.save({"completion_threshold": completion / 100, "small_cell_threshold": int(small),
                                     "upload_limit_mb": int(limit), "excused_counts_as_missed": bool(excused),
                                     "publish_mode": bool(publish), "archive_keep_days": int(keep_days),
                                     "thai_buddhist_era": bool(buddhist)})
            except (ValueError, OSError) as exc:
                st.error(ui.tr("The settings were not saved:"))
                st.text(str(exc))
            else:
                st.session_state.pop("completion_threshold", None)
                st.session_state[SAVED_KEY] = True
                changed = {k: [current[k], new[k]] for k in new if new[k] != current[k]}
                if changed:
                    audit.record("settings_changed", auth.current_manager(), changes=changed)
                st.rerun()  # the upload limit above shows the new value


# ------------------------------------------------------------------ what was ingested

def missing_files(reasons: pd.DataFrame) -> list[uploads.MissingInputs]:
    """The files whose sheets lack a required column (from the rejected rows' reason codes)."""
    if reasons.empty:
        return []
    lacking = reasons[reasons["code"].isin(list(WHOLE_FILE_CODES))]
    if lacking.empty:
        return []
    files = tuple(sorted(set(lacking["source_file"].dropna())))
    return uploads.missing_inputs(ui.cached(sources.rejected_rows, source_file=files, limit=100_000))


def files_and_sheets(sheets: pd.DataFrame, manager: Account | None) -> None:
    st.header(ui.tr("Files and sheets"))
    if sheets.empty:
        ui.nothing(ui.tr("Nothing has been ingested yet.") + " " + (
            ui.tr("Upload exports above.") if manager else ui.tr("A data manager can upload exports here.")))
        return
    lang = ui.lang()
    summary = ui.cached(sources.ingest_summary)
    c = st.columns(3)
    c[0].metric(ui.tr("Files"), fmt_int(len(summary), lang))
    c[1].metric(ui.tr("Rows kept"), fmt_int(summary["rows_kept"].sum(), lang))
    c[2].metric(ui.tr("Rows rejected"), fmt_int(summary["rows_rejected"].sum(), lang))
    sheets = in_reader_language(sheets, "message", "message_code", "message_fields")
    show_table(sheets.assign(status=sheets["status"].map(status_label),
                             table_name=sheets["table_name"].map(table_label)),
               {"source_file": "File", "source_sheet": "Sheet", "table_name": "Table", "rows_kept": "Rows kept",
                "rows_rejected": "Rows rejected", "status": "Status", "ingested_at": "Ingested",
                "message": "Message"}, key="sheets_table")


def labelled(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``df``'s ``columns`` under translated headers: what a download of a table on this page holds."""
    return df[[c for c in columns if c in df.columns]].rename(columns={c: ui.tr(h) for c, h in columns.items()})


def rejected_section(reasons: pd.DataFrame) -> None:
    """Rejected rows per reason, then row by row (one file or all), and their download."""
    st.header(ui.tr("Rejected rows"))
    if reasons.empty:
        st.success(ui.tr("No rows were rejected."))
        return
    lang = ui.lang()
    st.caption(ui.tr("Errors are rows that were not kept; fix them in the file and upload it again. Warnings are "
                     "rows that were kept but disagree with another figure (a total, a sum of parts); check them."))
    reasons = in_reader_language(reasons, "example", "code", "example_fields")
    show_table(reasons.assign(table_name=reasons["table_name"].map(table_label),
                              severity=reasons["severity"].map(severity_label),
                              title=reasons["code"].map(reason_title)),
               {"table_name": "Table", "source_file": "File", "severity": "Severity", "title": "Reason",
                "code": "Reason code", "rows": "Rows", "example": "Example"}, key="reasons_table")
    files = sorted(set(reasons["source_file"].dropna()))
    picked = st.selectbox(ui.tr("File"), [""] + files, format_func=lambda f: f or ui.tr("All files"),
                          key="rejected_file")
    rejected = ui.cached(sources.rejected_rows, source_file=picked or None)
    rejected = in_reader_language(rejected, "reason", "code", "reason_fields").drop(columns="reason_fields",
                                                                                    errors="ignore")
    readable = rejected.assign(table_name=rejected["table_name"].map(table_label),
                               severity=rejected["severity"].map(severity_label),
                               value=rejected["value"].map(lambda v: described_in(v, lang)))
    show_table(readable, REJECTED_LABELS, key="rejected_table")
    if len(rejected) >= 5000:
        st.caption(ui.tr("Showing the first 5,000 rows; pick a file above to see all of its rows."))
    st.download_button(ui.tr("Download the rejected rows (CSV)"), export.to_csv_bytes(
                       labelled(readable, {**REJECTED_LABELS, "code": "Reason code"}), lang=lang),
                       file_name="rejected_rows.csv", mime="text/csv", key="rejected_csv")


def reason_title(code) -> str:
    """A reason code's title from the message catalog, in the reader's language (an unknown code as it is)."""
    message = CATALOG.get(code) if isinstance(code, str) else None
    return ui.tr(message.title) if message else str(code or "")


def last_update_section() -> None:
    st.header(ui.tr("Last update per table"))
    updates = ui.cached(sources.last_update)
    updates = updates.assign(table_name=updates["table_name"].map(table_label),
                             last_ingested=updates["last_ingested"].map(ui.newest),
                             newest_date=updates["newest_date"].map(ui.newest))
    show_table(updates, {"table_name": "Table", "rows": "Rows", "files": "Files", "last_ingested": "Last ingested",
                         "newest_date": "Newest date in the data"}, key="updates_table")


def translations_section() -> None:
    """The data texts (DMOP names, activities, institutions, questions, answers) that have no translation in the
    reader's language yet, and a ready-to-fill sheet of every one of them (`reports.translate`)."""
    st.header(ui.tr("Data text translations"))
    texts = ui.options(translations.data_texts)
    rows = ui.options(translations.translations)
    missing = translate.untranslated(texts, ui.glossary())
    st.caption(ui.tr("DMOP names, activities, institutions, interview questions and answers are shown in the "
                     "chosen language where a translations sheet (columns text, es, en, th) gives them; the "
                     "numbers and sources tables keep the original beside them. Fill in the sheet below and "
                     "upload it like any other file."))
    st.caption(ui.tr("{missing} of {total} data texts have no translation yet ({language}).",
                  missing=fmt_int(len(missing), ui.lang()), total=fmt_int(len(texts), ui.lang()),
                  language=LANGUAGE_NAMES.get(ui.lang(), ui.lang())))
    if not missing.empty:
        shown = missing.assign(kind=missing["kind"].map(ui.tr),
                               countries=missing["countries"].map(translate.countries_in(ui.tr)))
        show_table(shown,
                   {"kind": "What it is", "text": "Text", "countries": "Countries"}, key="untranslated_table")
    t = translator(ui.lang())     # the sheet is built on click (a callable), not on every run of the page
    st.download_button(ui.tr("Download the translations sheet to fill in"),
                       lambda: translate.fill_in_sheet(texts, rows, t), file_name="translations.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="translations_sheet", disabled=texts.empty)
