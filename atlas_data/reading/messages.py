"""Every message about a file that a person reads: a code, a title and an English template with named fields
(file, sheet, row, column, value, ...), after frictionless-py's error classes.

The `rejected` and `ingest_files` tables store the English text, the code and the fields (JSON), so a page
renders the message in its reader's language: `render(code, lang, **fields)`. The translations are in the
language catalogs (`locales/<lang>/messages.json`, English template -> translation), like every other text.
A field that quotes a cell's value holds what `privacy.quoted` or `privacy.shown_value` gives: a value that
could be personal is never in it, only its kind (`a text of 24 characters`), which is translated here.
"""
from __future__ import annotations

import json
import math
import numbers
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    title: str
    template: str


_DATE_FORMATS = ("use a day such as 15/06/2021, 2021-06-15, 15 June 2021 or 15 de junio de 2021, "
                 "or a month such as June 2021")
_FIX = "fix it in the file and upload it again"

CATALOG: dict[str, Message] = {
    # ---- rejected rows (the table's `code`)
    "missing_column": Message("Missing column", "{where}: no column for {column} (also accepted: {aliases}); add the "
                              "column, a \"{column}:\" cell above the header, or fill it in for the whole file on "
                              "the Data page"),
    "no_country": Message("No country", "{where}: the country is not in the rows, the sheet name or the file name; "
                          "add a Country/País column, a \"País:\" cell above the header, or put the country in the "
                          "file name"),
    "missing_value": Message("Missing value", "{where}: {column} is empty; fill it in and upload the file again"),
    "bad_value": Message("Value not readable", "{where}, {column}: {detail}; " + _FIX),
    "check_failed": Message("Value out of range", "{where}: {column} {detail}; " + _FIX),
    "parts_disagree": Message("Parts do not add up", "{where}: \"{what}\" has {total} participants but its "
                              "per-institution rows add up to {parts}; both figures are kept"),
    "total_disagrees": Message("Total does not match", "{where}: the total {total} does not match the sum of the "
                               "rows above it ({parts}); the rows are kept"),
    "unknown_mark": Message("Unknown attendance mark", "{where}: {column}: the attendance mark {mark} is not known, "
                            "so it counts as not attended; use P, X or ✓ (present), F, A or 0 (absent), J, "
                            "Justificado or Vacaciones (excused), Cancelado (cancelled)"),
    "score_without_maximum": Message("Score without a maximum", "{where}: score {value} has no maximum, and none of "
                                     "the {count} scores of this activity without one is above {highest}, so they "
                                     "are not out of 100 (marks of 1–5, 0–10 or 0–20?); add a column with the "
                                     "maximum score (Puntaje máximo, Max score) or write each score with its "
                                     "maximum (8/10) and upload the file again, or give the maximum for the whole "
                                     "file on the Data page"),
    "points_without_maximum": Message("Points without a maximum", "{where}: score {value} is in points (the tool "
                                      "wrote it as Real) and the file does not say out of how many ({count} such "
                                      "scores); give the test's maximum score for the whole file on the Data page, "
                                      "or export the Percentage display type too, and upload the file again"),
    "attempt_not_finished": Message("Attempt not finished", "{where}: the attempt's state is \"{state}\", so it "
                                    "has no score; it is not counted (only finished attempts are)"),
    "session_cancelled": Message("Session cancelled", "{where}: session \"{session}\" was cancelled (every mark in "
                                 "its column says so); not counted"),
    "single_word_names": Message("Names of one word", "{where}: most people are named by one word only (a first "
                                 "name?), and there is no ID or e-mail column, so people who share that name are "
                                 "counted as one; add the surname or ID column to the file and upload it again"),
    "date_order_unknown": Message("Day and month order unknown", "{where}: {column}: dates such as \"{value}\" can be "
                                  "read day first or month first, and no date in the file has a day above 12 to "
                                  "tell which, so no row was read; download the responses or report as .xlsx "
                                  "(its dates are not ambiguous), or, when every row is of one day, give that "
                                  "date for the whole file on the Data page"),
    "date_order_mixed": Message("Day and month order mixed", "{where}: {column}: some dates are day first "
                                "(\"{value}\") and others month first (\"{other}\"), so no row was read; export the file again "
                                "with one date format, or as .xlsx"),
    "repeat_attendees": Message("Person listed again", "{where}: {count} rows list a person already counted for the "
                                "same session (who left and joined again, or answered the form twice that day); "
                                "each person is counted once"),
    "stated_people_disagree": Message("People count differs", "{where}: the report's summary says {total} people "
                                      "attended, and {parts} are listed and read; the {parts} listed are counted"),
    # ---- files and sheets (`ingest_files.message`)
    "no_table": Message("No table recognized", "{where}: matches no table (skipped); its header row must name the "
                        "contract's columns"),
    "unreadable": Message("File not readable", "{where}: {detail}"),
    "sheet_failed": Message("Sheet not readable", "{where}: could not be read ({error}); please report it to the "
                            "dashboard team with the file"),
    "not_a_spreadsheet": Message("Not a spreadsheet", "{where}: not a spreadsheet (.xlsx, .xlsm, .xls, .ods or "
                                 ".csv); skipped"),
    "no_sheet_matches": Message("No table recognized", "{where}: no sheet matches a table; check that the header "
                                "row names the columns (see DATA_CONTRACT.md), or put the file in a folder named "
                                "after its table"),
    "unchanged": Message("Unchanged", "unchanged since the last ingest"),
    "previous_rows_kept": Message("Previous rows kept", "{message}; the rows from its previous version are kept"),
    # ---- why an ingest or a mapping cannot run (`IngestError`, `StoreError`, `SecretError`, `MappingError`)
    "not_a_folder": Message("Not a folder", "{folder} is not a folder; give the folder that holds the Excel and CSV "
                            "exports"),
    "secret_too_short": Message("Secret unusable", "the pseudonymization secret {path} is empty or too short, so "
                                "names would not be protected; restore it from a backup, or delete it to create a "
                                "new one (participants then get new keys)"),
    "store_busy": Message("Another ingest is running", "another ingest is running on {root}; try again when it has "
                          "finished"),
    "store_not_writable": Message("Store not writable", "could not write to {root}: {why}. The previous data is "
                                  "unchanged; fix this and ingest again."),
    "disk_full": Message("Disk full", "the disk is full"),
    "read_only": Message("Read-only folder", "the folder is read-only or not writable"),
    "ingest_stopped": Message("Ingest stopped", "the ingest stopped ({error}); the previous data is unchanged; "
                              "please report it to the dashboard team"),
    "s3_unreachable": Message("Object storage unreachable", "could not reach the object storage of {uri} at "
                              "{endpoint}; check AWS_ENDPOINT_URL and the network, then try again. The data is "
                              "unchanged."),
    "s3_denied": Message("Object storage refused the credentials", "the object storage at {endpoint} refused access "
                         "to {uri}; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. The data is unchanged."),
    "s3_no_bucket": Message("No such bucket", "the bucket {bucket} does not exist at {endpoint}; create it or correct "
                            "ATLAS_PARQUET_DIR ({uri}). The data is unchanged."),
    "s3_failed": Message("Object storage error", "the object storage at {endpoint} failed for {uri}: {why}. The data "
                         "is unchanged; try again."),
    "s3_bad_uri": Message("Not an S3 address", "{uri} is not an address of the form s3://bucket/prefix"),
    "unknown_version": Message("No such version", "no kept version {version}; see `python -m atlas_data versions`"),
    "withdraw_not_uploaded": Message("Not an uploaded file", "{file}: not an uploaded file; only files under "
                                     "{folder}/ can be withdrawn"),
    "withdraw_not_moved": Message("Not moved to the archive", "{file}: could not be moved to the archive ({why}); "
                                  "nothing changed"),
    "values_not_saved": Message("Values not saved", "{file}: the values could not be saved ({error})"),
    "not_a_table": Message("Not a table", "{table} is not a table; use one of {tables}"),
    "not_a_column": Message("Not a column", "{column} is not a column of {table}"),
    "mapped_twice": Message("Column mapped twice", "two headers are mapped to {column}; keep one and set the other "
                            "to ignore"),
    # ---- uploads (`UploadRefused`, `SavedUpload`)
    "upload_control_character": Message("Control character in the name", "{name}: the name holds a character no file "
                                                                         "name has (a NUL or another control "
                                                                         "character); rename the file and upload it "
                                                                         "again"),
    "upload_companion": Message("Companion file", "{name}: NAME.defaults.csv and NAME.mapping.csv files are written "
                                                  "by the Data page when you fill in what a sheet lacks or map its "
                                                  "columns; they are not uploaded"),
    "upload_lock_file": Message("Lock or system file", "{name}: this is an Excel lock or system file, not data; "
                                                       "upload the workbook itself"),
    "upload_type": Message("Type not accepted", "{name}: files of type \"{suffix}\" are not accepted; save it as "
                                                ".xlsx, .xls, .ods or .csv and upload it again"),
    "upload_empty": Message("Empty file", "{name}: the file is empty (0 bytes); export it again and upload it again"),
    "upload_too_large": Message("File too large", "{name}: the file is {size} MB, above the limit of {limit} MB; "
                                                  "split it or ask a data manager to raise the limit in the settings"),
    "upload_unreadable": Message("File not readable", "{name}: the file {detail}"),
    "upload_binary_csv": Message("Not a text CSV", "{name}: this is not a text CSV (it contains binary data); export "
                                                   "it again as CSV"),
    "upload_duplicate": Message("Already stored", "{name}: the same file is already there as {existing}; it was not "
                                                  "stored again"),
    "upload_folder_failed": Message("Upload folder not created", "{name}: the upload folder cannot be created "
                                                                 "({detail})"),
    "upload_folder_outside": Message("Upload folder outside the data folder", "{name}: the upload folder points "
                                                                              "outside the data folder; nothing was "
                                                                              "stored"),
    "upload_stored": Message("Stored", "{name}: stored as {stored}"),
    "upload_renamed": Message("Stored under a new name", "{name}: a different file already has that name; stored as "
                                                         "{stored}"),
    "upload_too_many_names": Message("Too many files with this name", "{name}: too many files with this name; rename "
                                                                      "it and upload it again"),
    "upload_not_stored": Message("Not stored", "{name}: it could not be stored ({detail})"),
    "upload_staging_gone": Message("Checked file gone", "{name}: the checked file is no longer in its staging "
                                                        "folder; upload it again"),
    # ---- why a file cannot be opened (`UnreadableFile`, the `detail` of `unreadable`)
    "os_error": Message("File not readable", "cannot be read ({error})"),
    "empty_file": Message("Empty file", "is empty (0 bytes); export it again from Excel"),
    "unsupported_type": Message("Unsupported type", "has an unsupported type '{suffix}'; save it as .xlsx, .xls, "
                                ".ods or .csv"),
    "password_protected": Message("Password-protected", "is password-protected; open it in Excel, save a copy "
                                  "without a password (File > Info > Protect Workbook > Encrypt with Password, "
                                  "clear it) and upload that"),
    "xls_renamed": Message("Old Excel file", "is an Excel 97-2003 workbook (.xls) under a {suffix} name; open it "
                           "in Excel and save it again as .xlsx (or rename it to .xls)"),
    "damaged_archive": Message("Damaged file", "is not a valid Excel/ODS file (the archive is damaged); open it "
                               "in Excel and save it again"),
    "zip_bomb": Message("File too large unpacked", "expands to {size} MB from {packed} KB, which looks like a zip "
                        "bomb; it was not opened"),
    "damaged_workbook": Message("Damaged file", "could not be opened as a workbook (the file is damaged or not "
                                "really {suffix}); open it in Excel and save it again as .xlsx"),
    "damaged_sheet": Message("Damaged sheet", "sheet \"{sheet}\" could not be read; open the file in Excel and save "
                             "it again as .xlsx"),
    "binary_csv": Message("Not a text CSV", "is not a text CSV (it contains binary data); export it again as CSV"),
    "mark_not_shown": Message("Mark not shown", "({value}, not shown)"),
    # ---- why a value cannot be read (`ParseError`, the `detail` of `bad_value`)
    "unknown_country": Message("Unknown country", "unknown country {value}; use Paraguay, Thailand, Liberia, "
                               "Argentina or Bolivia"),
    "not_yes_no": Message("Not yes or no", "{value} is not yes or no; use Yes/No, Sí/No, X, 1/0 or Present/Absent"),
    "mark_not_known": Message("Unknown attendance mark", "attendance mark {value} is not known; use P, X or ✓ "
                              "(present), F, A or 0 (absent), J, Justificado or Vacaciones (excused), Cancelado "
                              "(cancelled)"),
    "step_out_of_range": Message("Step out of range", "step {step} in {value} is not between 1 and 9"),
    "unknown_test_type": Message("Unknown test type", "unknown test type {value}; use pre, post or follow-up"),
    "unknown_modality": Message("Unknown modality", "unknown modality {value}; use online, in-person or hybrid"),
    "unknown_role": Message("Unknown role", "unknown role {value}; use participant, trainer, facilitator or observer"),
    "unknown_dmop_type": Message("Unknown DMOP type", "unknown DMOP type {value}; use enforcement (E, DMOP-E) or "
                                 "coordination (C, DMOP-C)"),
    "unknown_criterion": Message("Unknown criterion", "unknown criterion {value}; use {choices}"),
    "unknown_count_unit": Message("Unknown unit", "unknown unit {value}; use respondents or comments"),
    "unknown_measure_unit": Message("Unknown unit", "unknown unit {value}; use # (a number) or % (a percentage)"),
    "unknown_date_precision": Message("Unknown date precision", "unknown date precision {value}; use day, month or "
                                      "year"),
    "not_a_period": Message("Not a period", "{subject} is not a year or a fiscal year; use 2021 or FY2021"),
    "invalid_year": Message("Invalid year", "{subject} has an invalid year {year}"),
    "date_does_not_exist": Message("Date does not exist", "{subject} does not exist"),
    "not_a_date": Message("Not a date", "{subject} is not a recognized date; " + _DATE_FORMATS),
    "date_order_ambiguous": Message("Day and month order unclear", "{subject} can be read day first or month "
                                    "first, and this column has dates written both ways (day first: {day_first}, "
                                    "month first: {month_first}), so it is not read; write it as 2021-06-15 or "
                                    "15 June 2021"),
    "date_without_year": Message("Date without a year", "{subject} has no year; " + _DATE_FORMATS),
    "only_a_year": Message("Only a year", "{subject} is only a year; " + _DATE_FORMATS),
    "date_too_long": Message("Not a date", "{value} is not a date (too long)"),
    "number_too_long": Message("Not a number", "{value} is not a number (too long)"),
    "not_a_number": Message("Not a number", "{value} is not a number"),
    "not_whole": Message("Not a whole number", "{value} is not a whole number"),
    "negative_count": Message("Negative count", "{value} is negative; a count cannot be below 0"),
    "count_too_large": Message("Count too large", "{value} is too large to be a count"),
    "not_a_score": Message("Not a score", "{subject} is not a number or a fraction such as 17/20"),
    "negative_score": Message("Negative score", "score {score} is negative"),
    "maximum_not_positive": Message("Maximum not above 0", "{subject} has a maximum of {maximum}; it must be above 0"),
    "score_above_maximum": Message("Score above its maximum", "score {score} is above its maximum {maximum}"),
}

# `date "31/02/2021"`: a value with what it is; a value not shown is only its kind (`a text of 9 characters`).
NOUNS = {"date": "date {value}", "score": "score {value}", "period": "period {value}"}
# The kinds `privacy.quoted` gives instead of a value that could be personal.
KINDS = {"a text of {n} characters": re.compile(r"a text of (\d+) characters"),
         "a text of 1 character": re.compile(r"a text of (1) character\b"),
         "an e-mail address": re.compile(r"an e-mail address"), "a phone number": re.compile(r"a phone number"),
         "text, {n} characters": re.compile(r"^text, (\d+) characters"),
         "text, 1 character": re.compile(r"^text, (1) character\b"),
         "e-mail address": re.compile(r"^e-mail address$"), "phone number": re.compile(r"^phone number$")}
# What `validate` says of a value out of range (the `detail` of `check_failed`).
CHECKS = ("must not be negative", "must be a step from 1 to 9", "is outside 1990–2100", "is before start_date",
          "must be above 0", "is above its maximum", "must be 2 or 3")
WHERE_SHEET, WHERE_ROW = "{where}, sheet \"{sheet}\"", "{where}, row {row}"


class Coded:
    """An exception that is a catalog message: `code` and its fields; `str()` is the English text (a text that
    is no code, from code outside the catalog, is kept as it is)."""

    def __init__(self, code: str, **fields):
        self.code, self.fields = code, fields
        super().__init__(render(code, **fields) if code in CATALOG else code)

    def as_field(self) -> dict | str:
        """What a message's `detail` field holds, so the page can render it in its own language."""
        return {"code": self.code, "fields": self.fields} if self.code in CATALOG else str(self)


class ParseError(Coded, ValueError):
    """A cell's value that cannot be read (raised by the parsers)."""


def _tr(text: str, lang: str) -> str:
    if lang == "en":
        return text
    from atlas_data.i18n import catalog

    return catalog(lang).get(text, text)


def kind_in(value: str, lang: str) -> str:
    """A value from `privacy.quoted` in `lang`: a quoted value stays; a kind (`a text of 9 characters`) is
    translated."""
    if lang == "en" or not isinstance(value, str) or value.startswith('"'):
        return value
    for english, pattern in KINDS.items():
        value = pattern.sub(lambda m, e=english: _tr(e, lang).format(n=m.group(1)) if m.groups() else _tr(e, lang),
                            value)
    return value


def where(file: str, sheet: str | None = None, row: int | None = None, lang: str = "en") -> str:
    """`Asistencia 2021.xlsx, sheet "ToT", row 14`: the place a person looks at."""
    text = file
    if sheet:
        text = _tr(WHERE_SHEET, lang).format(where=text, sheet=sheet)
    if row is not None:
        text = _tr(WHERE_ROW, lang).format(where=text, row=row)
    return text


class _Blank(dict):
    def __missing__(self, key):
        return ""


# Fields that are numbers but no quantity: a spreadsheet's row number and a year are written as the sheet shows
# them (`row 1234`, `2021`); every other number a message quotes is written in the message's language (`8,5`).
NOT_QUANTITIES = frozenset({"row", "year"})


def is_quantity(name: str, value) -> bool:
    """`value` is a number (not a flag) that a message writes in its reader's language."""
    return (isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)
            and name not in NOT_QUANTITIES)


def _field(name: str, value, lang: str):
    if is_quantity(name, value):
        from atlas_data.i18n import fmt_decimal

        return fmt_decimal(value, lang, digits=6)
    if isinstance(value, Coded):
        value = value.as_field()
    if isinstance(value, dict) and "code" in value:
        return render(value["code"], lang, **value.get("fields", {}))
    if name == "value" or name == "mark":
        return kind_in(value, lang)
    if name == "detail" and isinstance(value, str):
        return _tr(value, lang)
    return value


def render(code: str, lang: str = "en", file: str = "", sheet: str | None = None, row: int | None = None,
           **fields) -> str:
    """The message `code` in `lang` with its fields filled in (an unknown code: `{where}: {detail}`)."""
    message = CATALOG.get(code)
    template = _tr(message.template, lang) if message else "{where}: {detail}"
    if not fields.get("column"):
        template = template.replace(", {column}:", ":")
    shown = {k: _field(k, v, lang) for k, v in fields.items()}
    if "noun" in fields:
        value = shown.get("value", "")
        shown["subject"] = (_tr(NOUNS[fields["noun"]], lang).format(value=value)
                            if str(value).startswith('"') else value)
    return template.format_map(_Blank(where=where(file, sheet, row, lang), **shown))


def stored_fields(file: str = "", sheet: str | None = None, row: int | None = None, **fields) -> str:
    """The fields of a message as stored beside its English text (JSON; a nested message as code and fields)."""
    out = {"file": file, "sheet": sheet, "row": row}
    out.update({k: v.as_field() if isinstance(v, Coded) else v for k, v in fields.items()})
    return json.dumps({k: v for k, v in out.items() if v is not None}, ensure_ascii=False, default=str)


def render_stored(code, fields, english: str, lang: str) -> str:
    """A stored message in `lang`: from its code and fields, or the stored English text when it has none."""
    if lang == "en" or not isinstance(code, str) or code not in CATALOG or not isinstance(fields, str):
        return english
    try:
        values = json.loads(fields)
    except ValueError:
        return english
    return render(code, lang, **values) if isinstance(values, dict) else english
