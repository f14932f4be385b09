"""Attendance written by meeting and form tools, read with no mapping: Zoom's participants report, a Microsoft
Teams attendance report, Google Forms responses (README "Files written by anyone").

Each is known by the headers its tool always writes, and read as a person reads it: only the table of people
(not Zoom's meeting summary above it, not Teams' join and leave activities below it), the meeting's topic and
day for its rows, its organizer as the trainer, every date in the day/month order the whole file shows (or
refused when it shows none), and each person once per session however often they joined or answered.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from atlas_data.reading.dates import DAY_FIRST, MONTH_FIRST, ORDER_MIXED, ORDER_UNKNOWN, date_order, iso_day
from atlas_data.reading.headers import match_header
from atlas_data.reading.numbers import parse_int
from atlas_data.reading.privacy import shown_value
from atlas_data.reading.text import norm_key

ZOOM, TEAMS, FORMS = "zoom", "teams", "forms"
SCAN_ROWS = 40  # a report's summary block and section titles stand above its table of people

_K = norm_key
# Google Forms' first column in English, Spanish, Thai, Portuguese and French sheets.
FORM_TIMESTAMPS = frozenset(_K(h) for h in ("Timestamp", "Marca temporal", "ประทับเวลา", "Carimbo de data/hora",
                                             "Horodateur"))
# Columns of the tools' own that say nothing the contract keeps (times of leaving, minutes, consent …).
_TOOL_COLUMNS = ("Leave Time", "Last Leave", "Duration (Minutes)", "Total Duration (Minutes)", "Duration",
                 "In-Meeting Duration", "Guest", "In Waiting Room", "Recording Consent",
                 "Recording disclaimer response", "Participant ID (UPN)", "Meeting ID")
ZOOM_COLUMNS = {_K("Name (Original Name)"): "participant_name", _K("User Email"): "email",
                _K("Join Time"): "session_date", **{_K(h): None for h in _TOOL_COLUMNS}}
TEAMS_COLUMNS = {_K("Name"): "participant_name", _K("Full Name"): "participant_name", _K("Email"): "email",
                 _K("First Join"): "session_date", _K("Join Time"): "session_date", _K("Role"): "role",
                 _K("Timestamp"): "session_date", _K("User Action"): None, **{_K(h): None for h in _TOOL_COLUMNS}}
# The three shapes Teams wrote: 2022 on (sections, `First Join`), 2021 (`Full Name`, `Join Time`, `Role`) and
# 2020's list of joins and leaves (`Full Name`, `User Action`, `Timestamp`), one row per click.
TEAMS_HEADERS = tuple(frozenset(_K(h) for h in hs) for hs in (
    ("First Join", "Last Leave"), ("Full Name", "Join Time", "Role"), ("Full Name", "User Action", "Timestamp")))
# Teams roles: the organizer runs the training, never a trainee. A presenter is a trainer only where the
# meeting also had attendees: by default Teams lets everyone present, and then lists everyone as a presenter.
TEAMS_ORGANIZERS = frozenset(_K(r) for r in ("Organizer", "Co-organizer", "Organizador", "Coorganizador",
                                              "Organizadora", "ผู้จัด"))
TEAMS_PRESENTERS = frozenset(_K(r) for r in ("Presenter", "Presentador", "Presentadora", "Moderador", "ผู้นำเสนอ"))
TEAMS_ATTENDEES = frozenset(_K(r) for r in ("Attendee", "Asistente", "Participante", "ผู้เข้าร่วม"))
_SUMMARY_TITLES = {_K(h): "activity" for h in ("Meeting title", "Title", "Topic", "Título de la reunión")} | {
    _K(h): "start" for h in ("Start time", "Meeting start time", "Start Time", "Hora de inicio")} | {
    _K(h): "host" for h in ("User Email",)} | {
    _K(h): "attended" for h in ("Participants", "Attended participants", "Total Number of Participants")}
_SECTION = re.compile(r"^\s*\d{1,2}\s*[.)]\s*\S")  # Teams' `2. Participants`, `3. In-Meeting Activities`


@dataclass
class Export:
    """A sheet written by a meeting or form tool: the grid to read (rows outside its table of people blanked,
    dates written as ISO days, roles as the contract's), the headers' meaning, values for columns the rows
    lack, and a refusal (a catalog code and its fields) when the dates cannot be read safely."""
    kind: str
    grid: pd.DataFrame
    header_row: int
    overrides: dict[str, str | None] | None = None
    table: str | None = "attendance"   # what the sheet holds (None: its headers say; a form may be a quiz)
    fallbacks: dict[str, str] = field(default_factory=dict)
    refusal: tuple | None = None
    date_columns: tuple = ()               # the grid columns the refusal is about (none: the summary's start)
    trainer_rows: frozenset = frozenset()  # grid rows of the meeting's host (Zoom names no role)
    stated_people: int | None = None       # how many people the summary says attended

    def apply(self, layout) -> None:
        """Give a detected layout what the tool's shape says."""
        for name, value in self.fallbacks.items():
            layout.fallbacks.setdefault(name, value)
        if not self.date_columns or any(j in layout.columns for j in self.date_columns):
            layout.refusal = self.refusal  # a sheet that reads none of these dates needs no order (a form's quiz)
        layout.trainer_rows = self.trainer_rows
        layout.stated_people = self.stated_people
        layout.one_row_per_person = True


def _cells(row) -> list[tuple[int, str]]:
    return [(j, v.strip()) for j, v in row.items() if isinstance(v, str) and v.strip()]


def recognize(grid: pd.DataFrame, given: dict[str, str] | None = None) -> Export | None:
    """The export a sheet is, or None. `given`: the file's values for whole columns (NAME.defaults.csv); a
    session date given there stands for the tool's own dates."""
    if grid.empty:
        return None
    top = [_cells(row) for _, row in grid.iloc[:SCAN_ROWS].iterrows()]
    date_given = any(match_header("attendance", k) == "session_date" for k in (given or {}))
    for i, cells in enumerate(top):
        keys = {_K(t) for _, t in cells}
        if _K("Name (Original Name)") in keys and keys & {_K("Join Time"), _K("Total Duration (Minutes)")}:
            return _zoom(grid, top, i, date_given)
        if any(shape <= keys for shape in TEAMS_HEADERS):
            return _teams(grid, top, i, date_given)
        if cells and _K(cells[0][1]) in FORM_TIMESTAMPS and len(cells) >= 3:
            return _forms(grid, i, cells[0][0], date_given)
    return None


def _summary(top: list[list[tuple[int, str]]], header_row: int) -> dict[str, str]:
    """What the block above a report's table says of the meeting: its title, start time and host's e-mail, as
    a row of titles over a row of values (Zoom) or as title–value rows (Teams' `1. Summary`)."""
    found: dict[str, str] = {}
    rows = top[:header_row]
    for k, cells in enumerate(rows):
        if len(cells) == 2 and _K(cells[0][1]) in _SUMMARY_TITLES:
            found.setdefault(_SUMMARY_TITLES[_K(cells[0][1])], cells[1][1])
        elif len(cells) >= 3 and k + 1 < len(rows):
            values = dict(rows[k + 1])
            for j, text in cells:
                if _K(text) in _SUMMARY_TITLES and values.get(j):
                    found.setdefault(_SUMMARY_TITLES[_K(text)], values[j])
    return found


def _table_end(grid: pd.DataFrame, header_row: int, header_keys: set[str]) -> int:
    """The row where a report's table of people ends: the next section title (`3. In-Meeting Activities`) or
    another header row, else the end of the sheet."""
    for i in range(header_row + 1, len(grid)):
        cells = _cells(grid.iloc[i])
        if len(cells) == 1 and _SECTION.match(cells[0][1]):
            return i
        if len(cells) >= 3 and len({_K(t) for _, t in cells} & header_keys) >= 3:
            return i
    return len(grid)


def _only_table(grid: pd.DataFrame, header_row: int, end: int) -> pd.DataFrame:
    """A copy of the grid with every row outside the table blanked (row numbers stay as in the file)."""
    out = grid.astype(object).copy()
    keep = np.zeros(len(out), dtype=bool)
    keep[header_row:end] = True
    out.loc[~keep, :] = None
    return out


def _dates(out: pd.DataFrame, header_row: int, columns: list, extra: list[str], header_text: str):
    """(order, refusal): the day/month order the table's dates and `extra` (the summary's start) show, with the
    date columns rewritten as ISO days in it; or the refusal (code, column, an example, fields) when they show
    no order, or two."""
    body = out.iloc[header_row + 1:]
    order, examples = date_order([v for j in columns for v in body[j].tolist()] + extra)
    if order == ORDER_UNKNOWN:
        return order, ("date_order_unknown", header_text, examples[ORDER_UNKNOWN], {})
    if order == ORDER_MIXED:
        return order, ("date_order_mixed", header_text, examples[DAY_FIRST],
                       {"other": shown_value(examples[MONTH_FIRST])})
    for j in columns:
        cells = body[j]
        out.loc[cells.index, j] = [iso_day(v, order) or v if isinstance(v, str) else v for v in cells.tolist()]
    return order, None


def _report(kind: str, grid, top, header_row: int, columns: dict, date_given: bool):
    """Zoom's and Teams' reports alike: the table of people under a summary, its dates as ISO days, the meeting's
    title and day for rows that lack them. (Export, header cells, summary)."""
    header = {j: t for j, t in top[header_row]}
    summary = _summary(top, header_row)
    out = _only_table(grid, header_row, _table_end(grid, header_row, {_K(t) for t in header.values()}))
    dates = [j for j, t in header.items() if columns.get(_K(t)) == "session_date"]
    overrides = dict(columns)
    fallbacks = {"modality": "online"}
    if summary.get("activity"):
        fallbacks["activity"] = summary["activity"]
    start, refusal = summary.get("start"), None
    if date_given:  # the file's own date stands for the tool's
        overrides.update({_K(header[j]): None for j in dates})
    else:
        order, refusal = _dates(out, header_row, dates, [start] if start else [],
                                header[dates[0]] if dates else "Start Time")
        if start and refusal is None and iso_day(start, order):
            fallbacks["session_date"] = iso_day(start, order)
    export = Export(kind=kind, grid=out, header_row=header_row, overrides=overrides, fallbacks=fallbacks,
                    refusal=refusal, date_columns=tuple(dates), stated_people=_count(summary.get("attended")))
    return export, header, summary


def _zoom(grid, top, header_row, date_given) -> Export:
    export, header, summary = _report(ZOOM, grid, top, header_row, ZOOM_COLUMNS, date_given)
    host = _K(summary.get("host", ""))
    email_col = next((j for j, t in header.items() if ZOOM_COLUMNS.get(_K(t)) == "email"), None)
    if host and email_col is not None:  # the host, whose e-mail the summary gives, is the trainer
        cells = export.grid[email_col].iloc[header_row + 1:]
        export.trainer_rows = frozenset(cells.index[[isinstance(v, str) and _K(v) == host for v in cells.tolist()]])
    return export


def _teams(grid, top, header_row, date_given) -> Export:
    export, header, _ = _report(TEAMS, grid, top, header_row, TEAMS_COLUMNS, date_given)
    role_col = next((j for j, t in header.items() if _K(t) == _K("Role")), None)
    if role_col is not None:
        out = export.grid
        body = out.index[header_row + 1:]
        roles = [_K(v) if isinstance(v, str) else "" for v in out.loc[body, role_col].tolist()]
        presenters_train = any(r in TEAMS_ATTENDEES for r in roles)
        out.loc[body, role_col] = [
            "trainer" if r in TEAMS_ORGANIZERS or (r in TEAMS_PRESENTERS and presenters_train)
            else "participant" if r in TEAMS_PRESENTERS | TEAMS_ATTENDEES else v
            for r, v in zip(roles, out.loc[body, role_col].tolist())]
    return export


def _forms(grid, header_row, stamp_col, date_given) -> Export:
    """Google Forms responses: the timestamp is the day each person signed in; the questions name the rest."""
    out = grid.astype(object).copy()
    header = str(out.iloc[header_row][stamp_col]).strip()
    if date_given:
        return Export(kind=FORMS, grid=out, header_row=header_row, overrides={_K(header): None})
    return Export(kind=FORMS, grid=out, header_row=header_row, table=None, date_columns=(stamp_col,),
                  refusal=_dates(out, header_row, [stamp_col], [], header)[1])


def _count(text) -> int | None:
    try:
        return parse_int(text)
    except ValueError:
        return None


def check_stated_people(frame: pd.DataFrame, stated: int | None, problems) -> None:
    """A warning when the people kept are not as many as the report's summary says attended (Zoom's
    `Participants`, Teams' `Attended participants`, each counting a person once, the host too): a list cut short,
    or rows refused. The people listed are the ones counted."""
    if stated is None or "participant_key" not in frame:
        return
    kept = int(frame["participant_key"].nunique())
    if kept != stated:
        problems.add(None, None, None, "stated_people_disagree", severity="warning", total=stated, parts=kept)


def collapse_repeats(frame: pd.DataFrame, problems) -> pd.DataFrame:
    """One row per person, session and role: a person who left and joined again (Zoom), or sent a form twice
    on one day, attended once. Rows without a person are kept as they are; one warning says how many went."""
    if "participant_key" not in frame or frame.empty:
        return frame
    keys = [c for c in ("participant_key", "activity", "session_date", "session", "role") if c in frame]
    has_person = frame["participant_key"].notna().to_numpy()
    repeat = frame[keys].astype(object).where(frame[keys].notna(), "").duplicated().to_numpy() & has_person
    if not repeat.any():
        return frame
    problems.add(None, None, None, "repeat_attendees", severity="warning", count=int(repeat.sum()))
    return frame[~repeat]
