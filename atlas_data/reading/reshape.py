"""Sheets laid out across instead of down, made long: a roster with a column of marks per session (one row per
participant and session, each mark read as present, absent, excused or cancelled), an interview coding sheet
with a column per question, a targets table with a column per period."""
from __future__ import annotations

import numpy as np
import pandas as pd

from atlas_data.reading import parsers as P
from atlas_data.reading.categorical import constant, distinct, map_unique
from atlas_data.reading.layout import Layout, header_date_text, session_date
from atlas_data.reading.privacy import shown_value
from atlas_data.reading.problems import Problems
from atlas_data.reading.summaries import summary_rows


MARK_BLANK, MARK_PRESENT, MARK_ABSENT, MARK_EXCUSED, MARK_CANCELLED, MARK_UNKNOWN = range(6)
_MARK_CODE = {None: MARK_BLANK, "present": MARK_PRESENT, "absent": MARK_ABSENT, "excused": MARK_EXCUSED,
              "cancelled": MARK_CANCELLED}
MARK_SHOWN_CHARS = 12  # a one-word mark this short is a code, not personal data: the warning may quote it


def mark_codes(values: pd.Series, problems: Problems, column: str) -> np.ndarray:
    """Each row's attendance mark (`parsers.parse_attendance_mark`) as a MARK_* code, parsed once per distinct
    value; an unknown mark is MARK_UNKNOWN and a `warning` naming its row, `column` and (when short) the mark."""
    spread_at, uniques, rows_of = distinct(values)
    lookup = np.full(len(uniques) + 1, MARK_BLANK, dtype=np.int8)
    for i, value in enumerate(uniques):
        try:
            lookup[i] = _MARK_CODE[P.parse_attendance_mark(value)]
        except ValueError:
            lookup[i] = MARK_UNKNOWN
            text = str(value).strip()
            literal = len(text) <= MARK_SHOWN_CHARS and " " not in text  # `tarde`, `L8`, `??`: a mark, no name
            mark = f'"{text}"' if literal else {"code": "mark_not_shown", "fields": {"value": shown_value(text)}}
            for label in rows_of(i):
                problems.add(label, column, text, "unknown_mark", severity="warning", literal=literal, mark=mark)
    return np.take(lookup, spread_at)


def reshape_wide(raw: pd.DataFrame, layout: Layout, problems: Problems) -> pd.DataFrame:
    """Wide rosters (a column per session) and wide tests (a column per test type) become long rows."""
    if layout.gender_mark_cols and "gender" not in raw:
        gender = pd.Series(None, index=raw.index, dtype=object)
        for j, label in layout.gender_mark_cols.items():
            marked = map_unique(raw[f"__col{j}"], lambda v: P.parse_yes_no(v) or False).fillna(False).astype(bool)
            gender = gender.mask(marked & gender.isna(), label)
        raw["gender"] = gender
    for j in layout.gender_mark_cols:
        if f"__col{j}" in raw:
            del raw[f"__col{j}"]
    if layout.session_cols:
        summary = summary_rows([raw[f"__col{k}"] for k in layout.session_cols])
        if summary.any():  # `Asistentes por sesión` 10 7 6 under the people: not a person
            raw = raw[~summary]
        others = raw.drop(columns=[f"__col{k}" for k in layout.session_cols])
        parts = []
        # the headers' dates are read in the one order they prove, as a column's are (dates.column_date_parser)
        read_header = P.column_date_parser([header_date_text(h) for h in layout.session_cols.values()])
        for j, header in layout.session_cols.items():
            try:
                day = session_date(header, read_header)
            except ValueError as exc:  # `06/07/2021` among headers `15/06/2021` and `06/15/2021`: never guessed
                problems.add(layout.header_row, header, header, "bad_value", detail=exc)
                continue  # no rows for a session whose day is not known
            codes = mark_codes(raw[f"__col{j}"], problems, header)
            filled = codes != MARK_BLANK
            if filled.any() and (codes[filled] == MARK_CANCELLED).all():
                problems.add(layout.header_row, header, None, "session_cancelled", severity="warning",
                             session=header)
                continue  # not a session: no rows for it
            part = others.copy()
            part["__attended"] = codes == MARK_PRESENT  # blank: on the roster, not there
            part["__excused"] = (codes == MARK_EXCUSED) | (codes == MARK_CANCELLED)  # one person's "cancelled"
            if day is not None:
                part["session_date"] = day.isoformat()
                part["session"] = header if "session" not in raw else raw["session"]
            else:
                part["session"] = header
            parts.append(part)
        if parts:
            raw = pd.concat(parts).sort_index(kind="stable")  # each person's sessions together
        else:  # every session was cancelled
            raw = others.iloc[:0].assign(__attended=np.zeros(0, dtype=bool), __excused=np.zeros(0, dtype=bool),
                                         session=constant(None, others.index[:0]))
    if layout.wide_test_cols:
        keep = [c for c in raw.columns if not c.startswith("__col") or int(c[5:]) in layout.item_cols]
        parts = []
        for j, test_type in layout.wide_test_cols.items():
            part = raw[keep].copy()
            part["score"] = raw[f"__col{j}"]
            part["test_type"] = test_type
            parts.append(part[part["score"].notna()])
        raw = pd.concat(parts) if parts else raw
    return raw


def reshape_columns_to_rows(raw: pd.DataFrame, layout: Layout) -> pd.DataFrame:
    """An interview coding sheet (a row per informant, a column per question) gives one row per informant and
    question answered; a targets table with a column per period (`Meta 2021`) one row per indicator and period.
    Blank cells give no row (the question was not asked, no target was set). A note on an informant's row
    stays once, with the first question answered."""
    for wide, value_name, key_name in ((layout.question_cols, "answer", "question"),
                                       (layout.period_cols, "target", "period")):
        if not wide:
            continue
        own = [f"__col{j}" for j in wide]
        keep = [c for c in raw.columns if c not in own]
        parts = []
        for j, key in wide.items():
            part = raw[keep].copy()
            part[value_name] = raw[f"__col{j}"]
            part[key_name] = key
            parts.append(part[part[value_name].notna()])
        raw = pd.concat(parts).sort_index(kind="stable")
        if value_name == "answer" and "note" in raw:
            raw["note"] = raw["note"].astype(object).where(~raw.index.duplicated(keep="first"), None)
    return raw


# Arrow types of parsed values; parsers returning tuples give one column per part.
