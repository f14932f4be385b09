"""KII tallies as evaluation reports print them, read into `kii_counts` rows.

Two shapes, found anywhere in a sheet and possibly one after another:
- block: a row holding only the question, a row of answer labels (Yes / No / Partially, maybe
  `Observation:`), then a row of counts;
- wide: a row of answer labels (first cell blank or `Aspect`), then one row per aspect with its counts
  and an optional observations column kept as `note`.
A heading that says comments/comentarios makes the block count comments instead of respondents.
"""
from __future__ import annotations

import re

import pandas as pd

from atlas_data.reading.headers import match_header
from atlas_data.reading.layout import Layout, NOTE_KEYS, _filled, answer_label_row, is_total_label
from atlas_data.reading.problems import Context, Problems
from atlas_data.reading.parsers import clean_text, is_answer_label, norm_key, parse_number

COMMENTS_RE = re.compile(r"\bcomment|\bcomentario", re.IGNORECASE)


def _numeric(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except ValueError:
        return False


def tally_frame(grid: pd.DataFrame, layout: Layout, ctx: Context, sheet: str):
    """(raw rows with question, answer, n, note, …, problems, layout row count) for a report-style tally."""
    problems = Problems("kii_counts", ctx, sheet)
    records: list[dict] = []
    index: list[int] = []
    heading: str | None = None      # the question row just above a block
    context: list[str] = []         # every text row since the previous block (titles, headings)
    sheet_title = ""                # text above the first block: applies to all blocks
    order = 0
    layout_rows = 0
    rows = [(i, _filled(grid.iloc[i])) for i in range(len(grid))]
    k = 0
    while k < len(rows):
        i, cells = rows[k]
        if not cells:
            k += 1
            continue
        if not answer_label_row(cells):
            if len(cells) == 1:
                heading = cells[0][1]
            context.append(" ".join(t for _, t in cells))
            if order == 0:
                sheet_title += " " + " ".join(t for _, t in cells)
            layout_rows += 1
            k += 1
            continue
        answers = {j: t for j, t in cells if is_answer_label(t)}
        notes = {j for j, t in cells if norm_key(t) in NOTE_KEYS}
        meta = {j: column for j, t in cells if j not in answers and j not in notes
                and (column := match_header("kii_counts", t)) in ("criterion", "stakeholder_type", "unit", "dmop")}
        unit = "comments" if COMMENTS_RE.search(" ".join(context) + " " + sheet_title) else None
        context = []
        k += 1
        # The rows under the labels: one row of counts (block) or one row per aspect (wide).
        while k < len(rows):
            r, below = rows[k]
            if not below or answer_label_row(below):
                break
            first_col, first_text = below[0]
            if first_col in answers or _numeric(first_text):
                question, block = heading, True
            elif len(below) == 1 and not _numeric(first_text):
                break  # the next block's question
            else:
                question, block = first_text, False
            k += 1
            if not block and is_total_label(first_text):
                layout_rows += 1
                continue
            values = dict(below)
            order += 1
            note = " ".join(values[j] for j in sorted(notes) if j in values) or None
            extra = {name: values.get(j) for j, name in meta.items()}
            for j, label in answers.items():
                count = values.get(j)
                if count is None:
                    continue
                records.append({"question": question, "answer": label, "n": count, "note": note,
                                "unit": extra.get("unit") or unit, "question_order": order,
                                **{n: v for n, v in extra.items() if n != "unit"}})
                index.append(r)
            if block:
                break
        heading = None
    raw = pd.DataFrame.from_records(records, index=index) if records else pd.DataFrame(
        columns=["question", "answer", "n", "note", "unit", "question_order"])
    for name in ("question", "answer", "n", "note", "unit"):
        if name not in raw:
            raw[name] = None
    for name in ("question", "answer", "note"):
        raw[name] = raw[name].map(lambda v: clean_text(v) if isinstance(v, str) else v)
    return raw, problems, layout_rows
