"""Publish mode: workshop mode's small-cell suppression on every page and download, one switch.

    settings.save({"publish_mode": True})             # the Data page's settings form
    published(reach.reach, frame, k=5)                # what ui.cached returns to a page in publish mode

For a dashboard shown to people outside the team. Pages get every table and chart from ``ui.cached``; with
publish mode on, ``ui.cached`` passes each query's result through ``published`` (cached like the result), so
every table, chart, metric and download of the analysis pages shows what this module lets through:

- every **count of people** from 1 to k−1 is shown as ``<k`` (0 stays 0), and where it could be worked out
  from the totals a page shows (a column's sum, a row's total, a bar's stack), more is hidden and shown as
  ``×`` — ``suppression.protect``, the same search as the workshop slides, run per table of the result
  (``Rule.groups``: per country, per activity …);
- a **rate, share or mean** computed from a hidden count is not shown (NaN, written "–"): 3 of 20 completed
  is 15 %, and a group mean of fewer than k people is close to their own scores;
- no **participant-level detail**: of the evaluators' notes only those marked shareable are kept (free text
  can name people); pages list no participants in any mode.

Counts come back as ``int`` or a mark (``"<5"``, ``"×"``; the column's dtype becomes ``object``), so tables
and downloads show the marks as they are and ``i18n.fmt_int`` passes them through; ``charts`` reads a mark as
"no number" and draws no bar for it. The threshold is the ``small_cell_threshold`` setting. Queries with no
``RULES`` entry hold no counts of people (DMOP steps, indicators' targets, file lists) and pass unchanged.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from atlas_data import settings
from atlas_data.queries import dropout, indicators, kii, learning, overview, reach
from atlas_data.reports import suppression

NOTE = "Figures below {k} are shown as <{k}."


@dataclass(frozen=True)
class Rule:
    """How one query's result is published.

    ``counts`` are people-count columns, each protected on its own as a column of numbers within each group
    of rows sharing ``groups``; with ``totals`` its sum counts as shown (a page's metric, the same people
    one level up: ``suppression.protect_column_totals_shown``), without, only the small counts are hidden.
    ``pivot`` = (rows, columns, value): the long result is one rows × columns table per group (answers per
    question, people per institution and source), protected with its margins; with ``totals`` its column
    totals count as shown, without, any margin may be withheld (``suppression.protect``). ``parts`` + ``row_total``: additive count columns and
    the column that is their sum (completed + dropped out + never came = on the roster), protected together.
    ``marked``: count columns derived from others (started = completed + dropped out), hidden (``×``, or
    ``<k`` when small) when any of those is. ``derived``: rates, shares and means set to NaN when any count
    they come from is hidden; ``per_group`` (share → keys): the shares of a whole group hidden when any count
    in it is (shares add up to 1). ``keep``: the rows that may be shown at all. ``people``: the rows whose
    counts are counts of people, where only some are (KI-2 among the key indicators)."""

    counts: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    totals: bool = True
    pivot: tuple[str, str, str] | None = None
    parts: tuple[str, ...] = ()
    row_total: str | None = None
    marked: dict[str, tuple[str, ...]] = field(default_factory=dict)
    complements: tuple[tuple[str, str], ...] = ()
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)
    per_group: dict[str, tuple[str, ...]] = field(default_factory=dict)
    keep: Callable[[pd.DataFrame], pd.Series] | None = None
    people: Callable[[pd.DataFrame], pd.Series] | None = None


_LEARNING_DERIVED = {"pre_mean": ("pre_n",), "post_mean": ("post_n",), "follow_up_mean": ("follow_up_n",),
                     "pre_mean_paired": ("paired",), "post_mean_paired": ("paired",), "mean_gain": ("paired",),
                     "share_improved": ("improved", "paired"), "follow_up_gain": ("follow_up_paired",),
                     "retention": ("follow_up_paired",)}

#: Every query an analysis page reads that holds counts of people.
RULES: dict[Callable, Rule] = {
    overview.overview: Rule(counts=("people_trained", "started", "completed", "key_informants"),
                     complements=(("started", "completed"),),
                     derived={"completion_rate": ("started", "completed")}),
    reach.people_trained: Rule(),                       # a single number: the total of people trained (KI-2)
    reach.activity_list: Rule(counts=("participants",), totals=False),
    reach.reach: Rule(pivot=("*", "source", "people")),
    dropout.dropout_summary: Rule(parts=("completed", "dropped_out", "no_show"), row_total="enrolled",
                            groups=("country", "dmop", "activity"),
                            marked={"started": ("completed", "dropped_out", "no_show")},
                            derived={"completion_rate": ("completed", "started"),
                                     "dropout_rate": ("dropped_out", "started")}),
    dropout.dropout_funnel: Rule(counts=("participants",), groups=("country", "dmop", "activity"), totals=False),
    learning.learning: Rule(counts=("pre_n", "post_n", "follow_up_n", "paired", "improved", "follow_up_paired"),
                     totals=False, complements=(("paired", "improved"),), derived=_LEARNING_DERIVED),
    learning.item_difficulty: Rule(counts=("answered", "correct"), totals=False, complements=(("answered", "correct"),),
                            derived={"share_correct": ("answered", "correct")}),
    kii.kii_questions: Rule(counts=("answers",), totals=False),
    kii.kii_distribution: Rule(pivot=("question", "answer", "n"), groups=("country", "unit"), totals=False,
                             per_group={"share": ("country", "question", "unit")}),
    kii.kii_crosstab: Rule(pivot=("question", "answer", "n"), groups=("country", "stakeholder_type", "unit"),
                         totals=False,
                         per_group={"share": ("country", "question", "stakeholder_type", "unit")}),
    kii.kii_notes: Rule(keep=lambda df: df["shareable"].fillna(False).astype(bool) if "shareable" in df.columns
                      else pd.Series(False, index=df.index)),
    kii.respondents_summary: Rule(pivot=("*", "stakeholder_group", "respondents"), groups=("country",)),
    kii.kii_profile: Rule(counts=("respondents",), groups=("country", "breakdown")),
    # KI-2 is people trained (per year and in total: distinct people, so the years do not add up to it);
    # KI-1 counts activities and KI-3 coordination models, not people
    indicators.indicators_vs_targets: Rule(counts=("actual",), totals=False, derived={"pct_of_target": ("actual",)},
                                  people=lambda df: df["indicator"] == "KI-2"),
}


def publish_mode() -> bool:
    return bool(settings.load()["publish_mode"])


def threshold() -> int:
    return int(settings.load()["small_cell_threshold"])


def note(k: int, lang: str = "en") -> str:
    """The line every published download carries (the workshop's note on ``<k``)."""
    from atlas_data.i18n import t
    return t(NOTE, lang, k=k)


def is_mark(value) -> bool:
    """``<5`` or ``×``: a published mark in place of a count."""
    return isinstance(value, str) and (value == suppression.SECONDARY or
                                       (value.startswith("<") and value[1:].isdigit()))


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for a table on screen: a column holding marks is written as text throughout (``27``, ``<5``),
    since a column of numbers and marks cannot be shown as either."""
    out = frame
    for column in frame.columns:
        if frame[column].dtype == object and frame[column].map(is_mark).any():
            out = out.copy() if out is frame else out
            out[column] = [v if isinstance(v, str) else "" if v is None or pd.isna(v) else
                           str(int(v)) if float(v).is_integer() else str(v) for v in frame[column]]
    return out


# =========================================================================== entry point

def published(query: Callable, result, k: int):
    """``result`` of ``query`` (a function of ``atlas_data.queries``) as a page may show it in publish mode
    (see the module docstring)."""
    rule = RULES.get(query)
    if rule is None:
        return result
    if not isinstance(result, pd.DataFrame):
        return suppression.mask_small(result, k) if isinstance(result, (int, np.integer)) else result
    frame = result.copy()
    if rule.keep is not None and not frame.empty:
        frame = frame[rule.keep(frame)].reset_index(drop=True)
    if frame.empty:
        return frame
    hidden = pd.DataFrame(False, index=frame.index, columns=frame.columns)
    if rule.pivot is not None:
        _pivoted(frame, hidden, rule, k)
    if rule.parts:
        _parts(frame, hidden, rule, k)
    only = frame.index[rule.people(frame).fillna(False).astype(bool)] if rule.people is not None else None
    for column in rule.counts:
        if column in frame.columns:
            _column(frame, hidden, column, rule.groups, rule.totals, k, only=only)
    for whole, part in rule.complements:
        if whole in frame.columns and part in frame.columns:
            rest = pd.to_numeric(frame[whole], errors="coerce") - pd.to_numeric(frame[part], errors="coerce")
            _mark_where(frame, hidden, part, (rest > 0) & (rest < k), k)
            if part in rule.counts and rule.totals:      # its column's sum is shown: hide enough beside it
                _repair_column(frame, hidden, pd.to_numeric(result[part], errors="coerce"), part, rule.groups, k)
    for column, sources in rule.marked.items():
        if column in frame.columns:
            _mark_where(frame, hidden, column, _any(hidden, sources), k)
    for column, sources in rule.derived.items():
        if column in frame.columns:
            frame[column] = frame[column].where(~_any(hidden, sources), np.nan)
    for column, keys in rule.per_group.items():
        count = rule.pivot[2] if rule.pivot else rule.counts[0]
        if column in frame.columns:
            touched = pd.Series(False, index=frame.index)
            for rows in _groups(frame, keys):
                touched.loc[rows] = bool(hidden.loc[rows, count].any())
            frame[column] = frame[column].where(~touched, np.nan)
    return frame


def wide(table: pd.DataFrame, row_fields: list[str], k: int) -> pd.DataFrame:
    """A wide table of counts (``row_fields``, then one column per category: ``queries.kii_pivot``) published
    as a whole, with its row, column and grand totals."""
    values = [c for c in table.columns if c not in row_fields]
    if table.empty or not values:
        return table
    counts = table[values].apply(pd.to_numeric, errors="coerce").fillna(0).astype("int64")
    counts.index = range(len(counts))
    cells = suppression.protect(counts, k, totals=True).published.drop(index=suppression.TOTAL) \
        .drop(columns=suppression.TOTAL)
    out = table.astype({c: object for c in values})
    for c in values:
        out[c] = [v if isinstance(v, str) else int(v) for v in cells[c]]
    return out


def wide_shares(counts: pd.DataFrame, shares: pd.DataFrame, row_fields: list[str], k: int) -> pd.DataFrame:
    """``shares`` (the same table as ``counts``, each cell a share of its row) with every share of a row that
    holds a hidden count blanked (NaN): a share of a small count gives the count away."""
    values = [c for c in counts.columns if c not in row_fields]
    if counts.empty or not values:
        return shares
    touched = wide(counts, row_fields, k)[values].map(is_mark).any(axis=1).to_numpy()
    out = shares.copy()
    out.loc[touched, values] = np.nan
    return out


# =========================================================================== the tables of a result

def _groups(frame: pd.DataFrame, keys) -> list[pd.Index]:
    """The row labels of each group of rows sharing the values of ``keys`` (a missing value is a value)."""
    keys = [c for c in keys if c in frame.columns]
    if not keys:
        return [frame.index]
    return [pd.Index(idx) for idx in frame.groupby(
        [frame[c].astype("object").where(frame[c].notna(), "\0") for c in keys], sort=False).groups.values()]


def _set(frame, hidden, row, column, cell, is_hidden: bool) -> None:
    frame.at[row, column] = cell if isinstance(cell, str) else int(cell)
    hidden.at[row, column] = bool(is_hidden)


def _column(frame, hidden, column, groups, totals, k, only: pd.Index | None = None) -> None:
    """One count column protected per group as a column of numbers with (``totals``) its sum shown; cells
    already hidden (marks) stay as they are. ``only``: the rows to consider."""
    values = pd.to_numeric(frame[column], errors="coerce")
    frame[column] = frame[column].astype(object)
    for rows in _groups(frame if only is None else frame.loc[only], groups):
        cells = values.loc[rows]
        known = cells.notna() & ~hidden.loc[rows, column]
        if not known.any():
            continue
        table = pd.DataFrame({"n": cells[known].astype("int64").to_numpy()})
        protection = suppression.protect_column_totals_shown(table, k) if totals else \
            suppression.protect(table, k, totals=False)
        shown = protection.published.drop(index=suppression.TOTAL, errors="ignore")["n"]
        mask = protection.mask.drop(index=suppression.TOTAL, errors="ignore")["n"]
        for position, row in enumerate(cells[known].index):
            _set(frame, hidden, row, column, shown.iloc[position], mask.iloc[position])


def _pivoted(frame, hidden, rule: Rule, k) -> None:
    """The long result as one rows × columns table per group, protected with its margins. Without its
    column field (``respondents_summary(by=())``) the value is a count column of its own."""
    rows_spec, column, value = rule.pivot
    if value not in frame.columns:
        return
    if column not in frame.columns:
        _column(frame, hidden, value, rule.groups, True, k)
        return
    row_keys = [c for c in frame.columns if c not in (column, value, *rule.groups)] if rows_spec == "*" \
        else [rows_spec]
    numbers = pd.to_numeric(frame[value], errors="coerce").fillna(0).astype("int64")
    frame[value] = frame[value].astype(object)
    for rows in _groups(frame, rule.groups):
        part = frame.loc[rows]
        row_label = _labels(part, row_keys)
        col_label = ["c:" + ("\0" if pd.isna(v) else str(v)) for v in part[column]]   # never "Total"
        table = pd.DataFrame({"r": row_label, "c": col_label, "n": numbers.loc[rows].to_numpy()}) \
            .pivot_table(index="r", columns="c", values="n", aggfunc="sum", fill_value=0, sort=False)
        table = table.astype("int64")
        protection = suppression.protect_column_totals_shown(table, k) if rule.totals else \
            suppression.protect(table, k, totals=True)
        for row, r, c in zip(rows, row_label, col_label):
            _set(frame, hidden, row, value, protection.published.at[r, c], protection.mask.at[r, c])


def _labels(part: pd.DataFrame, keys: list[str]) -> list[str]:
    if not keys:
        return ["r:"] * len(part)
    return ["r:" + " \x1f ".join("\0" if pd.isna(v) else str(v) for v in values)     # never "Total"
            for values in part[keys].itertuples(index=False, name=None)]


def _parts(frame, hidden, rule: Rule, k) -> None:
    """Additive count columns and their row total (``row_total``): one table per group, protected with its
    margins; a group where they do not add up has each column protected on its own."""
    parts = [c for c in rule.parts if c in frame.columns]
    if not parts or rule.row_total not in frame.columns:
        return
    columns = parts + [rule.row_total]
    numbers = frame[columns].apply(pd.to_numeric, errors="coerce").fillna(0).astype("int64")
    adds_up = numbers[parts].sum(axis=1) == numbers[rule.row_total]
    for c in columns:
        frame[c] = frame[c].astype(object)
    for rows in _groups(frame, rule.groups):
        if not adds_up.loc[rows].all():
            for c in columns:
                _column(frame, hidden, c, (), True, k, only=rows)
            continue
        protection = suppression.protect_column_totals_shown(numbers.loc[rows, parts].reset_index(drop=True), k)
        shown, mask = protection.published, protection.mask
        for position, row in enumerate(rows):
            for c in parts:
                _set(frame, hidden, row, c, shown.at[position, c], mask.at[position, c])
            _set(frame, hidden, row, rule.row_total, shown.at[position, suppression.TOTAL],
                 mask.at[position, suppression.TOTAL])


def _repair_column(frame, hidden, values: pd.Series, column, groups, k) -> None:
    """Where a column's sum is shown and a cell was hidden after its protection (a small complement), hide
    the smallest shown counts beside it until the hidden ones are two or more and hold k people or more."""
    for rows in _groups(frame, groups):
        while True:
            inside = [r for r in rows if hidden.at[r, column] and values.at[r] > 0]
            if not inside or (len(inside) > 1 and values.loc[inside].sum() >= k):
                break
            open_cells = [r for r in rows if not hidden.at[r, column] and values.at[r] > 0]
            if not open_cells:
                break
            row = min(open_cells, key=lambda r: values.at[r])
            _set(frame, hidden, row, column, suppression.mark(int(values.at[row]), k), True)


def _any(hidden: pd.DataFrame, columns) -> pd.Series:
    present = [c for c in columns if c in hidden.columns]
    return hidden[present].any(axis=1) if present else pd.Series(False, index=hidden.index)


def _mark_where(frame, hidden, column, where: pd.Series, k) -> None:
    """Hide ``column`` where ``where`` (``<k`` when small, else ``×``)."""
    frame[column] = frame[column].astype(object)
    for row in frame.index[where]:
        value = frame.at[row, column]
        if is_mark(value) or value is None or pd.isna(value) or int(value) == 0:
            continue
        _set(frame, hidden, row, column, suppression.mark(int(value), k), True)
