"""The Data page's labels, tables and the panels of an upload being checked (pages/8_data.py draws the rest).

An upload is checked before it is stored (atlas_data/staging.py): `staged_summary` and `staged_details`
show per file and sheet the table, rows kept, rows rejected with their reasons and the first rows as they
would be stored, and,
for a sheet that matched no table or lacks a required column, `mapping_panel`: the sheet's first rows, a
table to read it as, what each header is, and the values the whole file lacks. Every value from the
data (file and sheet names, headers, cells, messages) is shown as text: in a table, with st.text, or
escaped in a widget label; never as Markdown or HTML.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from atlas_data import contract as C
from atlas_data import audit
from atlas_data.dashboard import auth, ui
from atlas_data.store import staging
from atlas_data.dashboard.blocks import as_text
from atlas_data.i18n import fmt_int
from atlas_data.store.ingest import FileReport, IngestReport, SheetReport
from atlas_data.reading.layout import SESSION_MARKS
from atlas_data.reading.mapping import IGNORE, MappingError, SheetMapping, check, mapping_path, read_mapping_file, targets
from atlas_data.reading.messages import CATALOG, Coded, render, render_stored
from atlas_data.store.uploads import UploadRefused

STAGED_KEY = "data_staged"                 # the staging.Staged of the files being checked
STAGED_REPORT_KEY = "data_staged_report"   # their dry run
MAP_NOTE_KEY = "data_mapping_note"         # (panel key, "tried" | "saved" | "values") after a mapping step

STATUS_LABELS = {"ok": "OK", "skipped": "skipped", "rejected": "rejected", "unreadable": "could not be read",
                 "no_table": "no table recognized", "unchanged": "unchanged", "kept_previous": "previous rows kept",
                 "error": "error", "saved": "stored", "renamed": "stored under a new name",
                 "duplicate": "already there", "refused": "refused"}
TABLE_LABELS = {"attendance": "Attendance", "events": "Events", "tests": "Tests", "test_items": "Test items",
                "kii_answers": "KII answers", "kii_tally": "KII tallies", "kii_counts": "KII tallies",
                "respondents": "Respondents", "dmop_status": "DMOP status", "dmop_milestones": "DMOP milestones",
                "indicators": "Indicators", "targets": "Targets", "dmops": "DMOP names",
                "translations": "Translations"}
COLUMN_LABELS = {"country": "Country", "dmop": "DMOP", "activity": "Activity", "session_date": "Session date",
                 "start_date": "Start date", "institution": "Institution", "test_type": "Test type",
                 "test_date": "Test date", "indicator": "Indicator", "period": "Period", "participant": "Participant",
                 "text": "Text", "es": "Spanish", "en": "English", "th": "Thai",
                 "score": "Score", "question": "Question", "answer": "Answer", "respondent_id": "Respondent code",
                 "n": "Number of respondents", "participants": "Participants", "target": "Target",
                 "max_score": "Highest possible score"}
# What a header can be mapped to (mapping.targets of every table), as the mapping step names it.
TARGET_LABELS = {
    "country": "Country", "dmop": "DMOP", "activity": "Activity", "session_date": "Session date",
    "session": "Session", "participant_id": "Participant ID or document number",
    "participant_name": "Participant name", "email": "Email", "first_name": "First name", "last_name": "Last name",
    "second_last_name": "Second last name", "institution": "Institution", "organization": "Organization",
    "gender": "Gender", "role": "Role", "modality": "Modality", "attended": "Attended, yes or no", "region": "Region",
    "session_marks": "Marks of one session (a column per session)", "ignore": "Ignore (not data)",
    "start_date": "Start date", "end_date": "End date", "participants": "Number of participants",
    "female": "Women", "male": "Men", "institutions": "Institutions", "date_precision": "Date precision",
    "test_type": "Test type", "score": "Score", "max_score": "Highest possible score", "test_date": "Test date",
    "respondent_id": "Respondent code", "stakeholder_type": "Stakeholder type", "question": "Question",
    "answer": "Answer", "criterion": "Criterion", "note": "Note", "shareable": "Shareable",
    "n": "Number of respondents", "unit": "Unit", "stakeholder_group": "Stakeholder group",
    "dmop_type": "DMOP type", "outcome": "Outcome", "step": "Step", "step_label": "Step name",
    "status_note": "Status note", "as_of": "As of", "planned_date": "Planned date", "actual_date": "Actual date",
    "indicator": "Indicator", "name": "Name", "period": "Period", "target": "Target", "alias": "Other name",
}
WIDE_COLUMNS = {"message": "large", "reason": "large", "example": "large", "text": "large"}
REASONS_SHOWN = 200


def status_label(value) -> str:
    return ui.tr(STATUS_LABELS[value]) if value in STATUS_LABELS else ("" if value is None else str(value))


def column_label(column: str) -> str:
    return ui.tr(COLUMN_LABELS.get(column, column.replace("_", " ").capitalize()))


def table_label(table) -> str:
    return ui.tr(TABLE_LABELS[table]) if table in TABLE_LABELS else ("" if table is None else str(table))


def target_label(column: str) -> str:
    """`Participant name (participant_name)`: the contract's name too, as the preview's headers show it."""
    label = ui.tr(TARGET_LABELS.get(column, column))
    return label if column in (IGNORE, SESSION_MARKS) else f"{label} ({column})"


def severity_label(value) -> str:
    return ui.tr(value) if value in ("error", "warning") else ("" if value is None else str(value))


def show_table(df, columns: dict[str, str], key: str) -> None:
    """`df` with translated headers, every value as text in the grid (never Markdown or HTML)."""
    view = df[[c for c in columns if c in df.columns]].rename(columns={c: ui.tr(h) for c, h in columns.items()})
    config = {ui.tr(columns[c]): st.column_config.TextColumn(width=w) for c, w in WIDE_COLUMNS.items()
              if c in columns and c in df.columns}
    st.dataframe(view, hide_index=True, width="stretch", key=key, column_config=config)


def refused_rows(refused: list[UploadRefused]) -> list[dict]:
    return [{"file": exc.fields.get("name", ""), "result": status_label("refused"),
             "message": render(exc.code, ui.lang(), **exc.fields)} for exc in refused]


def coded_in(value):
    """A field that is a catalog message (`messages.Coded`) in the reader's language; others as they are."""
    if isinstance(value, Coded) and value.code in CATALOG:
        return render(value.code, ui.lang(), **value.fields)
    return value


def in_reader_language(frame: pd.DataFrame, text: str, code: str, fields: str) -> pd.DataFrame:
    """`frame` with its `text` column (a stored message) in the reader's language, from `code` and `fields`."""
    lang = ui.lang()
    if frame.empty or lang == "en" or fields not in frame.columns:
        return frame
    return frame.assign(**{text: [render_stored(c, f, t, lang) for t, c, f in
                                  zip(frame[text], frame[code], frame[fields])]})


# ------------------------------------------------------------------ an upload being checked

def needs_mapping(staged: staging.Staged, rel: str, sheet: SheetReport) -> bool:
    """A sheet that matched no table, lacks a required column, or has a mapping being tried or saved."""
    if sheet.table is None or sheet.missing or sheet.sheet in staged.trying.get(rel, {}):
        return True
    saved = mapping_path(staged.file(rel).path)
    return saved.is_file() and sheet.sheet in read_mapping_file(saved)


def staged_summary(staged: staging.Staged, report: IngestReport) -> None:
    """What the checked files would give: the refused ones, and one row per file and sheet."""
    st.info(ui.tr("Checked, not stored yet: below is what each file would give. Nothing is stored until you "
                  "press \"Confirm and store\"."))
    if staged.refused:
        st.warning(ui.tr("{n} file(s) were refused and not stored.", n=fmt_int(len(staged.refused), ui.lang())))
        show_table(pd.DataFrame(refused_rows(staged.refused)),
                   {"file": "File", "result": "Result", "message": "Message"}, key="staged_refused")
    trying = ui.tr("the mapping being tried")
    rows = [{"file": f.path, "sheet": s.sheet, "table": table_label(s.table), "rows_kept": s.rows_kept,
             "rows_rejected": s.rows_rejected, "status": status_label(s.status),
             "mapping": s.mapping or (trying if s.sheet in staged.trying.get(f.path, {}) else "")}
            for f in report.files for s in f.sheets]
    rows += [{"file": f.path, "sheet": "", "table": "", "rows_kept": 0, "rows_rejected": 0,
              "status": status_label(f.status), "mapping": ""} for f in report.files if not f.sheets]
    show_table(pd.DataFrame(rows), {"file": "File", "sheet": "Sheet", "table": "Table", "rows_kept": "Rows kept",
                                    "rows_rejected": "Rows rejected", "status": "Status",
                                    "mapping": "Columns read by"}, key="staged_sheets")


def staged_details(staged: staging.Staged, report: IngestReport) -> None:
    """Per file and sheet: the reasons rows are rejected, the first rows as stored, and a mapping step for
    the sheets that need one."""
    for i, f in enumerate(report.files):
        staged_file(staged, f, i)


def staged_file(staged: staging.Staged, f: FileReport, i: int) -> None:
    item = staged.file(f.path)
    with st.container(border=True):
        st.text(ui.tr("File: {file}", file=f.path))
        if item.existing:
            st.warning(ui.tr("The same file is already stored as {existing}; it will not be stored again.",
                             existing=as_text(item.existing)))
        if not f.sheets and f.message:
            st.error(ui.tr("This file cannot be read:"))
            st.text(f.message_in(ui.lang()))
        for j, sheet in enumerate(f.sheets):
            staged_sheet(staged, f.path, sheet, f"st_{i}_{j}")


def staged_sheet(staged: staging.Staged, rel: str, sheet: SheetReport, key: str) -> None:
    name = as_text(sheet.sheet) if sheet.sheet else "–"   # in an alert, which renders Markdown
    if sheet.table is None:
        st.warning(ui.tr("Sheet {sheet}: matches no table; its rows would not be stored. Map its columns below.",
                         sheet=name))
    else:
        (st.success if sheet.rows_kept and not sheet.rows_rejected else st.warning)(ui.tr(
            "Sheet {sheet}: {table}, {kept} rows kept, {rejected} rows rejected.", sheet=name,
            table=table_label(sheet.table), kept=sheet.rows_kept, rejected=sheet.rows_rejected))
    note = st.session_state.get(MAP_NOTE_KEY)
    if note == (key, "saved"):
        st.info(ui.tr("Mapping saved beside the file; it is stored with the file when you confirm."))
    elif note == (key, "tried"):
        st.info(ui.tr("Preview updated with this mapping (not saved yet: confirming stores it with the file)."))
    elif note == (key, "values"):
        st.info(ui.tr("Preview updated with these values; confirming stores them with the file."))
    if sheet.reasons:
        shown = sheet.reasons_in(ui.lang())[:REASONS_SHOWN]
        show_table(pd.DataFrame({"reason": shown}), {"reason": "Reason"}, key=f"{key}_reasons")
        if len(sheet.reasons) > REASONS_SHOWN:
            st.caption(ui.tr("Showing the first {shown} of {n} reasons.", shown=fmt_int(REASONS_SHOWN, ui.lang()),
                             n=fmt_int(len(sheet.reasons), ui.lang())))
    if sheet.preview is not None and not sheet.preview.empty:
        st.caption(ui.tr("The first rows as they would be stored (names are replaced by a participant key):"))
        filled = sheet.preview.loc[:, sheet.preview.notna().any()]   # columns the file gives, not empty ones
        st.dataframe(filled, hide_index=True, width="stretch", key=f"{key}_preview")
    if needs_mapping(staged, rel, sheet):
        mapping_panel(staged, rel, sheet, key)


def mapping_panel(staged: staging.Staged, rel: str, sheet: SheetReport, key: str) -> None:
    """The sheet's first rows, the table it holds, what each header is, and whole-file values; a preview
    with this mapping, or the mapping saved beside the file."""
    label = ui.tr("Map the columns of {file} [{sheet}]", file=Path(rel).name, sheet=sheet.sheet or "–")
    with st.expander(as_text(label), expanded=True):
        st.caption(ui.tr("The sheet's first rows as written, from its header row. Say which table the sheet holds "
                         "and what each header is. The mapping is saved beside the file as NAME.mapping.csv and "
                         "read again for every later export with the same headers."))
        st.dataframe(staging.shown_rows(sheet), width="stretch", key=f"{key}_head")
        tables = list(C.TABLES)
        current = sheet.table if sheet.table in tables else "attendance"
        table = st.selectbox(ui.tr("The sheet holds"), tables, index=tables.index(current), format_func=table_label,
                             key=f"{key}_table")
        suggested = staging.suggested(staged, rel, sheet, table)
        choices = list(targets(table))
        with st.form(f"{key}_form_{table}", border=False):
            st.text(ui.tr("What each header is:"))
            cells = st.columns(2)
            picks = {}
            for n, header in enumerate(staging.headers(sheet)):
                now = suggested.get(header, IGNORE)
                picks[header] = cells[n % 2].selectbox(
                    as_text(header), choices, index=choices.index(now if now in choices else IGNORE),
                    format_func=target_label, key=f"{key}_{table}_{n}")
            values = whole_file_values(staging.fillable(sheet), key)
            with st.container(horizontal=True):
                tried = st.form_submit_button(ui.tr("Preview with this mapping"), type="primary")
                saved = st.form_submit_button(ui.tr("Save mapping"))
    if tried or saved:
        apply_mapping(staged, rel, sheet, SheetMapping(table=table, headers=picks), values, saved, key)


def whole_file_values(columns: list[str], key: str) -> dict[str, str]:
    """Inputs for the required columns the sheet lacks that one value can give for the whole file."""
    if not columns:
        return {}
    st.text(ui.tr("Values for the whole file (the sheet has no column for them):"))
    cells = st.columns(2)
    values = {}
    for n, column in enumerate(columns):
        if column == "country":
            values[column] = cells[n % 2].selectbox(column_label(column), [""] + list(C.COUNTRIES),
                                                    format_func=lambda c: c or ui.tr("(choose)"),
                                                    key=f"{key}_value_{column}")
        else:
            values[column] = cells[n % 2].text_input(column_label(column), key=f"{key}_value_{column}")
    return values


def apply_mapping(staged: staging.Staged, rel: str, sheet: SheetReport, mapping: SheetMapping, values: dict,
                  save: bool, key: str) -> None:
    """Try (or save) the mapping and the whole-file values, then show the preview again. A mapping that only
    repeats what was recognized is not tried (only the values were given): a saved mapping would also
    decide the table of every later sheet with these headers."""
    as_read = sheet.table == mapping.table and sheet.sheet not in staged.trying.get(rel, {}) and all(
        column == sheet.columns.get(header, IGNORE) for header, column in mapping.headers.items())
    try:
        if save:
            check(mapping)
        elif not as_read:
            staging.try_mapping(staged, rel, sheet.sheet, mapping)
        staging.save_values(staged, rel, values, ui.RAW_DIR)
        if save:
            staging.save_mapping(staged, rel, sheet.sheet, mapping)
            audit.record("mapping_saved", auth.current_manager(), files=[rel])
    except (MappingError, ValueError, OSError) as exc:
        st.error(ui.tr("This mapping cannot be used:"))
        st.text(str(coded_in(exc)))
        return
    with st.spinner(ui.tr("Checking…")):
        st.session_state[STAGED_REPORT_KEY] = staging.preview(staged, ui.RAW_DIR, ui.PARQUET_DIR)
    st.session_state[MAP_NOTE_KEY] = (key, "saved" if save else "values" if as_read else "tried")
    st.rerun()


#: Streamlit's file uploader writes its button ("Upload") and its line under the label ("50MB per file • text/csv,
#: …", every accepted MIME type) in English only, with no parameter to change them (1.67). This style, a page
#: style of our own text only (no data), hides that line (our label already gives the formats and the limit)
#: and writes the button in the language. tests/test_browser_spanish.py checks it in Chromium.
UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: {label}; font-size: 0.875rem; }
</style>"""


def uploader_css(label: str) -> str:
    """``UPLOADER_CSS`` with the button's ``label`` as a CSS string (quotes, backslashes and ``<`` escaped)."""
    quoted = '"' + "".join(f"\\{ord(c):x} " if c in '"\\<>' else c for c in label) + '"'
    return UPLOADER_CSS.replace("{label}", quoted)

