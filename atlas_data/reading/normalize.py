"""Turn one recognized sheet into rows of a contract table: layout rows out, values parsed, people pseudonymized.

Parsing runs once per distinct value of a column (`categorical.map_unique`), so a million-row roster with a few
thousand distinct names, dates and institutions costs a few thousand parser calls, not millions.
Every problem becomes a `rejected` row (see `Problems`) instead of an exception.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd
import pyarrow as pa

from atlas_data import contract as C
from atlas_data import rules as R
from atlas_data.reading import parsers as P
from atlas_data.reading.headers import match_header
from atlas_data.reading.layout import Layout, is_average_label, is_total_label
from atlas_data.reading.meetings import check_stated_people, collapse_repeats
from atlas_data.reading.problems import Context, Problems
from atlas_data.reading.reshape import (MARK_BLANK, MARK_CANCELLED, MARK_EXCUSED, MARK_PRESENT, mark_codes,
                                        reshape_columns_to_rows, reshape_wide)
from atlas_data.reading.tally import tally_frame
from atlas_data.reading.categorical import clean_column, constant, distinct, map_unique, text_series
from atlas_data.reading.privacy import participant_keys, respondent_keys
from atlas_data.reading.quizzes import named_test_type
from atlas_data.reading.validate import validate

FOOTNOTE_RE = re.compile(r"^\s*(\d|<sup|\*|†|‡|¹|²|³|\(\d|note\b|nota\b|notes\b|source\b|fuente\b|https?://)",
                         re.IGNORECASE)
ENUM_PARSERS: dict[str, Callable] = {
    "role": P.parse_role, "modality": P.parse_modality, "test_type": P.parse_test_type,
    "answer": P.parse_answer, "criterion": P.parse_criterion, "dmop_type": P.parse_dmop_type,
    "date_precision": P.parse_date_precision,
}
KIND_PARSERS: dict[str, Callable] = {
    C.COUNTRY: P.parse_country, C.DATE: P.parse_date, C.INT: P.parse_int, C.NUMBER: P.parse_number,
    C.BOOL: P.parse_yes_no, C.SCORE: P.parse_score,
}
OUTCOME_BY_TYPE = {"enforcement": 2, "coordination": 3}


@dataclass
class SheetResult:
    table: str | None
    frames: dict[str, pd.DataFrame]
    problems: list[dict]
    rows_read: int = 0
    rows_kept: int = 0
    rows_rejected: int = 0
    layout_rows: int = 0
    message: str = ""

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p["severity"] == "warning")


def _first_filled(body: pd.DataFrame, filled: np.ndarray) -> pd.Series:
    """The first filled cell of each row (None on a blank row), taken from each column only for the rows
    whose first filled cell is in it: a blank row or a runaway row of 50,000 cells stays cheap."""
    if filled[:, 0].all():
        return body[body.columns[0]]  # as it is (a Categorical stays one)
    first = filled.argmax(axis=1)
    first[~filled.any(axis=1)] = -1
    out = np.full(len(body), None, dtype=object)
    for k in np.unique(first[first >= 0]):
        rows = first == k
        out[rows] = body.iloc[:, int(k)].to_numpy(dtype=object)[rows]
    return pd.Series(out, index=body.index, dtype=object)


def classify_rows(body: pd.DataFrame, header_cells: dict[int, str]):
    """Masks over the body: data rows, the section label on each section row, totals rows, layout row count."""
    if body.empty:
        empty = pd.Series(False, index=body.index)
        return empty, pd.Series(None, index=body.index, dtype=object), empty, 0
    filled = body.notna().to_numpy()   # rows x columns
    n_filled = filled.sum(axis=1)
    first_val = _first_filled(body, filled)
    first_col = min(header_cells) if header_cells else 0
    blank = n_filled == 0
    spread_at, uniques, _ = distinct(first_val)  # is_total_label once per distinct first cell
    totals = np.array([bool(is_total_label(v)) for v in uniques] + [False], dtype=bool).take(spread_at)
    averages = np.array([bool(is_average_label(v)) for v in uniques] + [False], dtype=bool).take(spread_at)
    repeat = np.zeros(len(body), dtype=bool)
    if len(header_cells) >= 2:
        hits = np.zeros(len(body), dtype=int)
        for j, text in header_cells.items():
            if j in body.columns:
                hits += (body[j] == text).fillna(False).to_numpy(dtype=bool)
        repeat = hits >= max(2, int(np.ceil(0.6 * len(header_cells))))
    single = (n_filled == 1) & ~totals & ~averages
    footnote = np.zeros(len(body), dtype=bool)
    section = np.zeros(len(body), dtype=bool)
    if single.any():
        candidates = first_val[single].astype(object)
        is_note = candidates.map(lambda v: isinstance(v, str) and (bool(FOOTNOTE_RE.match(v)) or len(v) > 100))
        footnote[single] = is_note.to_numpy(dtype=bool)
        position = body.columns.get_indexer([first_col])[0]
        in_first = filled[:, position] if position >= 0 else np.zeros(len(body), dtype=bool)
        section = single & ~footnote & in_first & (len(header_cells) > 1)
    labels = np.full(len(body), None, dtype=object)
    if section.any():
        labels[section] = first_val[section].to_numpy(dtype=object)
    section_label = pd.Series(labels, index=body.index, dtype=object)
    data = ~(blank | totals | averages | repeat | footnote | section)
    layout_rows = int((totals | averages | repeat | footnote | section).sum())
    return pd.Series(data, index=body.index), section_label, pd.Series(totals, index=body.index), layout_rows


# ------------------------------------------------------------------ sheet

def normalize_sheet(grid: pd.DataFrame, layout: Layout, ctx: Context, sheet: str) -> SheetResult:
    """Rows of `layout.table` from `grid`, typed, plus every problem found as a rejected row."""
    if layout.tally_grid:
        grid = grid.astype(object)  # the tally reader walks rows of plain objects
        raw, problems, n_layout = tally_frame(grid, layout, ctx, sheet)
        return finish(raw, layout, ctx, sheet, problems, n_layout, totals=None, grid=grid)
    table = C.TABLES[layout.table]
    problems = Problems(table.name, ctx, sheet)
    header = grid.iloc[layout.header_row]
    header_cells = {j: v for j, v in header.items() if isinstance(v, str) and v.strip()}
    body = grid.iloc[layout.header_row + 1:]
    data_mask, section_label, totals_mask, n_layout = classify_rows(body, header_cells)
    rows = body if data_mask.all() else body[data_mask.to_numpy()]
    raw = pd.DataFrame(index=rows.index)
    for j, name in layout.columns.items():
        raw[name] = clean_column(rows[j])
    for j in (*layout.session_cols, *layout.wide_test_cols, *layout.item_cols, *layout.gender_mark_cols,
              *layout.question_cols, *layout.period_cols):
        raw[f"__col{j}"] = map_unique(rows[j], P.clean_text)
    # An all-blank column is as good as absent: label cells, defaults and names may fill it.
    for name in list(raw.columns):
        if not name.startswith("__") and raw[name].first_valid_index() is None:
            del raw[name]
    for name in table.fill_down:
        if name in raw:
            raw[name] = raw[name].ffill()
    if table.section_column:
        sections = section_label.ffill()
        if layout.section_above:
            sections = sections.fillna(layout.section_above)
        sections = sections.reindex(raw.index)
        if sections.notna().any():
            cleaned = map_unique(sections, P.clean_text)
            raw[table.section_column] = raw[table.section_column].astype(object).fillna(cleaned) \
                if table.section_column in raw else cleaned
    totals = body[totals_mask.to_numpy()] if totals_mask.any() else None
    return finish(raw, layout, ctx, sheet, problems, n_layout, totals=totals, grid=grid)


def apply_constants(raw: pd.DataFrame, layout: Layout, ctx: Context, sheet: str, table: C.Table):
    """Values for whole columns the rows lack: label cells, then NAME.defaults.csv, then sheet/file name."""
    defaults = {match_header(table.name, k) or k: v for k, v in ctx.defaults.items()}
    for source in (layout.constants, defaults, layout.fallbacks):
        for name, value in source.items():
            if name in table.names and name not in raw:
                raw[name] = P.clean_text(value)
    if "country" in table.names and "country" not in raw:
        for text in (sheet, ctx.file_name, *reversed(ctx.folder_names)):
            country = P.find_country(text or "")
            if country:
                raw["country"] = country
                break
    if "test_type" in table.names and "test_type" not in raw and not layout.wide_test_cols:
        for text in (sheet, ctx.file_name):  # `ETP-Pre-test-grades.csv`, `Prueba de salida (respuestas)`
            named = named_test_type(text or "")
            if named:
                raw["test_type"] = named
                break


def finish(raw, layout, ctx, sheet, problems, n_layout, totals, grid) -> SheetResult:
    table = C.TABLES[layout.table]
    apply_constants(raw, layout, ctx, sheet, table)
    join_name_parts(raw)
    check_single_word_names(raw, layout, problems)
    raw = reshape_wide(raw, layout, problems)
    raw = reshape_columns_to_rows(raw, layout)
    rows_read = len(raw)
    if layout.refusal:  # a meeting or form tool's dates that could be read two ways (meetings.py)
        code, column, value, fields = layout.refusal
        problems.add(layout.header_row, column, value, code, **fields)
        return SheetResult(table=table.name, frames={}, problems=problems.rows, rows_read=rows_read,
                           rows_kept=0, rows_rejected=rows_read, layout_rows=n_layout, message=code)
    missing = missing_columns(raw, table, layout)
    if missing:
        for name in missing:
            problems.add(layout.header_row if layout.header_row >= 0 else None, name, None,
                         "no_country" if name == "country" else "missing_column", aliases=", ".join(table.column(name).aliases[:4])
                         if name != "participant" else "nombre, name, participant_id")
        return SheetResult(table=table.name, frames={}, problems=problems.rows, rows_read=rows_read,
                           rows_kept=0, rows_rejected=rows_read, layout_rows=n_layout,
                           message=f"missing {', '.join(missing)}")
    for label, (code, column, value, fields) in layout.row_refusals.items():
        if label in raw.index:  # the tool says this row holds no value to read (an attempt not finished)
            problems.add(label, column, value, code, **fields)
    typed = parse_values(raw, table, problems)
    frames = derive(typed, table, layout, problems, ctx)
    main = frames[table.name]
    if table.name == "tests":
        refuse_unstated_scales(main, raw, problems, layout.points_unstated)
    validate(table.name, main, problems)
    if totals is not None:
        check_totals(totals, layout, main, problems)
    if problems.error_positions:
        main = only_rows(main, ~main.index.isin(list(problems.error_positions)))
    if layout.one_row_per_person and table.name == "attendance":
        main = collapse_repeats(main, problems)
        check_stated_people(main, layout.stated_people, problems)
    rejected_rows = int(typed.index.isin(list(problems.error_positions)).sum())
    frames[table.name] = main
    if "test_items" in frames:
        items = frames["test_items"]
        frames["test_items"] = only_rows(items, ~items["__row"].isin(problems.error_positions).to_numpy())
    for name, frame in frames.items():
        frames[name] = finalize(frame, name, ctx, sheet)
    return SheetResult(table=table.name, frames=frames, problems=problems.rows, rows_read=rows_read,
                       rows_kept=len(frames[table.name]), rows_rejected=rejected_rows, layout_rows=n_layout)


def join_name_parts(raw: pd.DataFrame) -> None:
    """A name split in columns (`Nombre` + `Apellido(s)`, first + last name) becomes one `participant_name`,
    so two people who share a first name are never one person. A full-name column, where there is one,
    wins over the parts."""
    parts = [name for name in C.PERSON_NAME_PARTS if name in raw]
    if not parts:
        return
    if "participant_name" not in raw:
        joined = None
        for name in parts:
            text = raw[name].astype(object)
            joined = text if joined is None else joined.where(text.isna(), joined.fillna("") + " " + text.fillna(""))
        joined = joined.map(lambda v: v.strip() or None if isinstance(v, str) else None)
        raw["participant_name"] = joined
    for name in parts:
        del raw[name]


def check_single_word_names(raw: pd.DataFrame, layout: Layout, problems: Problems) -> None:
    """People named by one word only (`Ana`, `Luis`), with no ID or e-mail, would be one person per first
    name: a warning says so (the rows are kept, as the file gives nothing better)."""
    if "participant_name" not in raw or "participant_id" in raw or "email" in raw:
        return
    names = pd.unique(raw["participant_name"].dropna().astype(str))
    if len(names) >= 3 and sum(1 for n in names if len(n.split()) == 1) >= 0.5 * len(names):
        problems.add(layout.header_row if layout.header_row >= 0 else None, "participant_name", None,
                     "single_word_names", severity="warning")


def only_rows(frame: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """The rows of `frame` where `keep` is True; its text columns lose the values only the other rows had
    (a rejected row's values must not reach a stored dictionary)."""
    frame = frame[keep]
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.CategoricalDtype):
            frame[name] = frame[name].cat.remove_unused_categories()
    return frame


def missing_columns(raw: pd.DataFrame, table: C.Table, layout: Layout) -> list[str]:
    missing = []
    for name in table.required:
        if name == "participant":
            if not any(p in raw for p in ("participant_id", "participant_name", "email")):
                missing.append("participant")
        elif name not in raw:
            if name == "session_date" and layout.session_cols:
                continue  # a wide roster of `Día 1`, `Día 2` with no date anywhere: the session names them
            missing.append(name)
    return missing


ARROW_BY_KIND = {C.COUNTRY: pa.string(), C.INT: pa.int64(), C.NUMBER: pa.float64(), C.BOOL: pa.bool_(),
                 C.GENDER: pa.string(), C.ENUM: pa.string(), C.TEXT: pa.string()}
PARTS = {  # column -> (parser, names of the parts, their Arrow types)
    "date": (P.parse_date, ("", "__precision"), (pa.date32(), pa.string())),
    "score": (P.parse_score, ("score", "__max_from_score"), (pa.float64(), pa.float64())),
    "step": (P.parse_step, ("step", "__step_label", "__step_note"), (pa.int64(), pa.string(), pa.string())),
    "status_note": (P.parse_step, ("__note_step", "__note_label", "status_note"), (pa.int64(), pa.string(), pa.string())),
    "period": (P.parse_period, ("period", "year"), (pa.string(), pa.int64())),
}
PERSON = C.PERSON_COLUMNS


def parse_values(raw: pd.DataFrame, table: C.Table, problems: Problems) -> pd.DataFrame:
    """Parse each column by its kind; bad values are errors in required columns, warnings elsewhere."""
    typed = pd.DataFrame(index=raw.index)
    required = set(table.required) | (set(PERSON) if "participant" in table.required else set())
    for name in raw.columns:
        if name.startswith("__") or name in PERSON or name == "question_order":
            typed[name] = raw[name]
            continue
        if name == "attended" and table.name == "attendance":
            if "__attended" not in raw:  # a wide roster's marks are read already (reshape_wide)
                codes = mark_codes(raw[name], problems, name)
                typed["__attended"] = pd.Series((codes == MARK_PRESENT) | (codes == MARK_BLANK), index=raw.index)
                typed["__excused"] = pd.Series((codes == MARK_EXCUSED) | (codes == MARK_CANCELLED), index=raw.index)
            continue
        column = table.column(name) if name in table.names else C.Column(name)
        severity = "error" if name in required or name == "score" else "warning"

        def on_error(labels, value, exc, name=name, severity=severity):
            for label in labels:
                problems.add(label, name, value, "bad_value", severity=severity, detail=exc)

        key = "date" if column.kind == C.DATE else name
        if key in PARTS and not (name == "step" and table.name != "dmop_status") and not (
                name == "status_note" and table.name != "dmop_status"):
            parser, names, types = PARTS[key]
            outputs = map_unique(raw[name], parser, on_error, parts=types,
                                 of_column=P.column_date_parser if key == "date" else None)
            for part, series in zip(names, outputs):
                typed[name + part if key == "date" else part] = series
            continue
        if column.kind == C.GENDER:
            typed[name] = fill(map_unique(raw[name], P.parse_gender, arrow_type=pa.string()), "Unknown")
            continue
        parser = ENUM_PARSERS.get(name) if column.kind == C.ENUM else KIND_PARSERS.get(column.kind)
        if name == "unit":
            parser = P.parse_count_unit if table.name == "kii_counts" else P.parse_measure_unit
        if parser is None:
            typed[name] = raw[name]
            continue
        typed[name] = map_unique(raw[name], parser, on_error, arrow_type=ARROW_BY_KIND.get(column.kind))
    for name in table.required:
        if name == "session_date" and "session" in raw and raw.get("session_date") is None:
            continue
        if name == "participant":
            cols = [c for c in PERSON if c in raw]
            blank = raw[cols].isna().all(axis=1) if cols else pd.Series(False, index=raw.index)
            for label in raw.index[blank.to_numpy()]:
                problems.add(label, "participant_name", None, "missing_value")
        elif name in raw:
            for label in raw.index[raw[name].isna().to_numpy()]:
                if label not in problems.error_positions:  # refused already, with its own reason
                    problems.add(label, name, None, "missing_value")
    return typed


def fill(series: pd.Series, value) -> pd.Series:
    """`series.fillna(value)`; a Categorical (parsed text) gets `value` as a category first, and a column with
    no value at all becomes one category."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        if value not in series.cat.categories:  # text categories stay Python objects (Arrow `string`)
            series = text_series(series.cat.codes.to_numpy(), [*series.cat.categories, value], series.index)
        return series.fillna(value)
    if series.dtype == object and len(series) and series.isna().all():
        return constant(value, series.index)
    return series.fillna(value)


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series(None, index=frame.index, dtype=object)


def derive(typed: pd.DataFrame, table: C.Table, layout: Layout, problems: Problems, ctx: Context):
    """Table-specific columns: date precision, score maxima, steps, keys, defaults."""
    frame = typed
    frames = {}
    if "start_date__precision" in frame and "date_precision" not in frame:
        frame["date_precision"] = frame["start_date__precision"]
    if any(p in frame for p in PERSON):
        frame["participant_key"] = participant_keys(frame)
    if "gender" in table.names and "gender" not in frame:
        frame["gender"] = "Unknown"  # no gender column: every row's gender is blank, i.e. Unknown
    name = table.name
    if name == "attendance":
        role = _column(frame, "role")
        if layout.trainer_rows:
            role = role.astype(object).where(~frame.index.isin(list(layout.trainer_rows)), "trainer")
        frame["role"] = fill(role, "participant")
        # an empty or missing `attended` is attended (contract: default yes); see mark_codes for the marks
        frame["attended"] = frame["__attended"] if "__attended" in frame else pd.Series(True, index=frame.index)
        frame["excused"] = frame["__excused"] if "__excused" in frame else pd.Series(False, index=frame.index)
    elif name == "tests":
        given = _column(frame, "max_score").astype("float64")
        frame["__max_stated"] = given.fillna(_column(frame, "__max_from_score").astype("float64"))
        frame["max_score"] = frame["__max_stated"].fillna(100.0)
        items = [(j, item) for j, item in layout.item_cols.items() if f"__col{j}" in frame]
        if items:
            parts = []
            for j, item in items:
                part = pd.DataFrame({c: _column(frame, c) for c in ("country", "dmop", "activity",
                                                                      "participant_key", "test_type")})
                part["item"] = item
                part["correct"] = map_unique(frame[f"__col{j}"], P.parse_yes_no, arrow_type=pa.bool_())
                part["__row"] = frame.index
                parts.append(part[part["correct"].notna()])
            frames["test_items"] = pd.concat(parts)
    elif name == "dmop_status":
        step = _column(frame, "step").astype("Int64")
        label = _column(frame, "step_label").astype(object)
        label = label.where(label.notna(), _column(frame, "__step_label").astype(object))
        if "__note_step" in frame:
            note_step = frame["__note_step"].astype("Int64")
            label = label.where(label.notna() | note_step.isna(), frame["__note_label"].astype(object))
            step = step.fillna(note_step)
        frame["step"] = step
        frame["step_label"] = label.where(label.notna(), step.astype(object).map(
            lambda v: None if v is None or v is pd.NA else str(int(v))))
        if "dmop_type" in frame:
            outcome = _column(frame, "outcome").astype("Int64")
            frame["outcome"] = outcome.fillna(frame["dmop_type"].astype(object).map(OUTCOME_BY_TYPE).astype("Int64"))
    elif name == "events":
        mark_breakdowns(frame, problems)
    elif name == "kii_answers":
        frame["shareable"] = _column(frame, "shareable").fillna(False).astype(bool)
        if "respondent_id" in frame:   # a code may be a name: stored keyed, like a participant (privacy.py)
            frame["respondent_id"] = respondent_keys(frame["respondent_id"])
    elif name == "kii_counts":
        unit = _column(frame, "unit").astype(object)
        if unit.isna().all():
            unit = unit.fillna("comments" if re.search(r"\bcomment|\bcomentario", layout.heading, re.I)
                               else "respondents")
        frame["unit"] = unit.fillna("respondents")
        frame["shareable"] = _column(frame, "shareable").fillna(False).astype(bool)
    frames[name] = frame
    return frames


def refuse_unstated_scales(frame: pd.DataFrame, raw: pd.DataFrame, problems: Problems,
                           points: bool = False) -> None:
    """Scores without a stated maximum are out of 100 (contract), unless an activity's such scores cannot be
    (`rules.unstated_scale_implausible`: 3 or more, none above 20, e.g. `Nota` 5,0 … 8,5): those rows are refused,
    with what to add (a maximum column, or `8/10`), never stored as 5 %. `points`: the tool says the scores are
    points (Moodle's `Real`), of a maximum the file lacks; every one is refused, whatever its value."""
    if "__max_stated" not in frame or "score" not in frame:
        return
    scores = pd.to_numeric(frame["score"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    unstated = frame["__max_stated"].isna().to_numpy() & ~np.isnan(scores)
    if not unstated.any():
        return
    activity = _column(frame, "activity").astype(object)
    keys = activity.map(lambda v: "" if v is None or v is pd.NA or v != v else str(v)).to_numpy()
    same = "score" in raw and raw.index.equals(frame.index)
    texts = raw["score"].astype(object).to_numpy() if same else scores
    for key in pd.unique(keys[unstated]):
        group = unstated & (keys == key)
        values = scores[group]
        if points:
            for position in np.flatnonzero(group):
                problems.add(frame.index[position], "score", texts[position], "points_without_maximum",
                             count=int(group.sum()))
            continue
        if not R.unstated_scale_implausible(values):
            continue
        for position in np.flatnonzero(group):
            text = texts[position]
            problems.add(frame.index[position], "score", text, "score_without_maximum", count=int(group.sum()),
                         highest=float(values.max()))


def mark_breakdowns(frame: pd.DataFrame, problems: Problems) -> None:
    """An event's rows with an institution are its breakdown when the event also has its own total row;
    a total that differs from the sum of its breakdown is a warning (both are kept)."""
    frame["is_breakdown"] = False
    if "institution" not in frame or "participants" not in frame:
        return
    key_cols = [c for c in ("country", "dmop", "activity", "start_date") if c in frame]
    keys = frame[key_cols].astype(object).map(lambda v: "" if v is None or v is pd.NA or v != v else str(v))
    keys = keys.agg("|".join, axis=1).to_numpy()
    has_inst = frame["institution"].notna().to_numpy()
    counts = pd.to_numeric(frame["participants"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    breakdown = np.zeros(len(frame), dtype=bool)
    for key in pd.unique(keys[has_inst]):
        group = keys == key
        totals = np.flatnonzero(group & ~has_inst)
        if len(totals) == 0:
            continue
        breakdown |= group & has_inst
        parts = np.nansum(counts[group & has_inst])
        total = counts[totals[0]]
        if not np.isnan(total) and int(parts) != int(total):
            label = frame.index[totals[0]]
            problems.add(label, "participants", int(total), "parts_disagree", severity="warning",
                         total=int(total), parts=int(parts), what=frame["activity"].iloc[totals[0]])
    frame["is_breakdown"] = breakdown


def check_totals(totals: pd.DataFrame, layout: Layout, main: pd.DataFrame, problems: Problems) -> None:
    """A totals row whose figure differs from the sum of the rows above it is a warning (both are kept)."""
    table = C.TABLES[layout.table]
    int_cols = {j: n for j, n in layout.columns.items() if n in table.names and table.column(n).kind == C.INT}
    group_start, last_total = -1, -1
    for pos in totals.index:
        if ((main.index > last_total) & (main.index < pos)).any():
            group_start = last_total  # otherwise two totals rows in a row total the same rows
        above = main[(main.index > group_start) & (main.index < pos)]
        for j, name in int_cols.items():
            try:
                stated = P.parse_int(totals.at[pos, j])
            except (ValueError, KeyError):
                continue
            if stated is None or name not in above:
                continue
            summed = int(pd.to_numeric(above[name], errors="coerce").fillna(0).sum())
            if summed != stated:
                problems.add(pos, name, stated, "total_disagrees", severity="warning", total=stated, parts=summed)
        last_total = pos


def finalize(frame: pd.DataFrame, name: str, ctx: Context, sheet: str) -> pd.DataFrame:
    """Only the stored columns, in order, with provenance; personal columns never leave this function."""
    out = pd.DataFrame(index=frame.index)
    for col in C.STORED_COLUMNS[name]:
        out[col] = frame[col] if col in frame else constant(None, frame.index)  # stored as before (store.to_arrow)
    if "dmop" in out:
        out["dmop_key"] = map_unique(out["dmop"], P.norm_key, arrow_type=pa.string())
    if name == "dmops":
        out["alias_key"] = map_unique(out["alias"], P.norm_key, arrow_type=pa.string())
    if name == "translations":
        out["text_key"] = map_unique(out["text"], P.norm_key, arrow_type=pa.string())
    out["source_file"] = constant(ctx.source_file, out.index)
    out["source_sheet"] = constant(sheet, out.index)
    rows = frame["__row"] if "__row" in frame else pd.Series(frame.index, index=frame.index)
    out["source_row"] = rows.astype("int64") + 1
    return out.reset_index(drop=True)
