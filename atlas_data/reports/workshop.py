"""Workshop mode: the slides ATLAS staff project at a validation workshop, one country in one language.

    slides(con, "Paraguay", "es", k=5) -> [Slide, …]   # DMOP board, reach, dropout, learning, KII, informants
    countries(con) -> ["Paraguay", "Thailand", …]     # the countries that have at least one slide

Each slide has a title, a published table (every count of people below ``k`` shown as ``<k``; a cell
hidden only so that a small count cannot be worked out from the totals shown as ``×``, chosen to hide as
few people as possible: ``suppression.protect``), a figure built with
``atlas_data.charts`` from the published numbers only and restyled for a projector (large type, black
on white, no hover text: ``projector.py``), and the line naming its source files. No Streamlit here: the slides page and
the workshop pack (``pack.py``) both draw from these functions.

A slide with nothing to show is left out of the deck (and so of the pack). Every slide fits one screen of
1280 × 720 with no text under 18 px: row labels are wrapped, never cut, and a bar chart with more rows than
fit is split over two slides or more ("… (1/2)", "… (2/2)"), each with its rows and the same scale.

What is never on a slide: participant keys, individual scores (learning shows group means of at least
``k`` participants only), KII notes that are not marked shareable, DMOP status notes (free text that
can name people). Only counts of people are suppressed; DMOP steps are not people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from atlas_data.reports import charts, dmop_charts, kii_charts, projector, protected, suppression, translate
from atlas_data.queries import dmops, dropout, kii, learning, reach, sources, translations
from atlas_data import queries, settings
from atlas_data.contract import ANSWER_ORDER, COUNTRIES
from atlas_data.i18n import fmt_int, fmt_number, fmt_percent, translator

SLIDE_KEYS: tuple[str, ...] = ("dmop_board", "reach", "dropout", "learning", "kii", "informants")
SLIDE_TITLES: dict[str, str] = {
    "dmop_board": "Where each DMOP stands",
    "reach": "People trained per activity",
    "dropout": "Completion and dropout per activity",
    "learning": "Learning: mean scores",
    "kii": "What key informants answered",
    "informants": "Who was interviewed",
}
#: The tables behind each slide (``sources.sources``), for its source line.
SLIDE_TABLES: dict[str, tuple[str, ...]] = {
    "dmop_board": ("dmop_status", "dmop_milestones"),
    "reach": ("attendance", "events"),
    "dropout": ("attendance",),
    "learning": ("tests",),
    "kii": ("kii_tally",),
    "informants": ("respondents",),
}
#: The rows each slide is drawn from: a slide whose query finds none is left out of the deck.
SLIDE_DATA = {
    "dmop_board": lambda con, f, completion: dmops.dmop_board(con, f),
    "reach": lambda con, f, completion: reach.reach(con, f, by=("activity", "gender")),
    "dropout": lambda con, f, completion: dropout.dropout_summary(
        con, f, threshold=completion, excused_counts_as_missed=excused_counts_as_missed()),
    "learning": lambda con, f, completion: learning.learning(con, f),
    "kii": lambda con, f, completion: kii.kii_distribution(con, f, unit="respondents", profile=False),
    "informants": lambda con, f, completion: kii.respondents_summary(con, f, by=("organization", "institution")),
}
ILLUSTRATIVE_MARKS: tuple[str, ...] = ("ILLUSTRATIVE", "ILUSTRATIVO")
HIDDEN = "Not shown, to protect small numbers"   # legend of the grey part of a bar: hidden cells together
SECONDARY_NOTE = "× hidden so that a small number cannot be worked out from the totals"


def threshold() -> int:
    """The small-cell threshold in force (``settings.json``, default 5)."""
    return int(settings.load()["small_cell_threshold"])


def completion_threshold() -> float:
    return float(settings.load()["completion_threshold"])


def excused_counts_as_missed() -> bool:
    return bool(settings.load()["excused_counts_as_missed"])


@dataclass
class Slide:
    """One slide: what the room sees and what can be downloaded from it."""

    key: str                                # one of SLIDE_KEYS
    title: str                              # in the slide's language
    table: pd.DataFrame                     # published: counts as int or "<k", headers translated
    figure: go.Figure                       # from published numbers only, no title (the page shows it)
    sources: tuple[str, ...]                # source files
    source_line: str                        # "Archivos de origen: …", translated
    k: int
    subtitle: str = ""                      # one line under the title (what is counted, grouping)
    count_columns: tuple[str, ...] = ()     # columns of `table` holding counts of people
    matrix: pd.DataFrame | None = None      # published table with row, column and grand totals
    mask: pd.DataFrame | None = None        # True where `matrix` hides a cell or withholds a total
    notes: tuple[str, ...] = field(default=())   # shareable KII notes shown with the slide
    note: str = ""                          # what `<k` and `×` mean, translated (slides with counts)
    method: str = ""                        # the protection chosen: "cells", "totals" or "grouped"
    others: str = ""                        # the bar holding the hidden rows together, where the chart has one
    # Share of people whose own count is not shown (suppression.information_lost), to measure what
    # suppression costs. Never put it on a slide: with the grand total it gives the hidden sum away.
    hidden_share: float | None = None
    part: int = 1                           # this slide is part `part` of `parts` of one chart split up
    parts: int = 1                          # (its rows; `matrix`, `mask` and the scale are the whole's)

    @property
    def empty(self) -> bool:
        return self.table.empty

    @property
    def secondary(self) -> bool:
        """True when a cell is hidden only to protect another (shown as ``×``)."""
        return self.matrix is not None and bool((self.matrix == suppression.SECONDARY).to_numpy().any())


# =========================================================================== entry points

def countries(con) -> list[str]:
    """Countries with at least one slide (the rows of one slide), in the fixed order (Paraguay, Thailand,
    Liberia, …): a country whose slides would all be empty is not offered."""
    found: set[str] = set(sources.filter_options(con)["country"].dropna())
    found |= set(kii.respondents_summary(con, by=())["country"].dropna())
    found |= set(kii.kii_questions(con)["country"].dropna())
    completion = completion_threshold()
    return [c for c in [c for c in COUNTRIES if c in found] + sorted(found - set(COUNTRIES))
            if any(not SLIDE_DATA[key](con, queries.Filters(countries=(c,)), completion).empty for key in SLIDE_KEYS)]


def slides(con, country: str, lang: str = "en", k: int | None = None,
           completion: float | None = None) -> list[Slide]:
    """The slides of ``country`` in ``lang`` at small-cell threshold ``k`` (default: the setting), in the
    order of SLIDE_KEYS: those with something to show, a chart with many rows split over several slides."""
    k = int(k if k is not None else threshold())
    if k < 1:
        raise ValueError(f"the small-cell threshold must be at least 1, got {k}")
    completion = completion if completion is not None else completion_threshold()
    t = translator(lang)
    f = queries.Filters(countries=(country,))
    files = sources.sources(con, tuple(sorted({tb for tables in SLIDE_TABLES.values() for tb in tables})), f)
    words = translate.Glossary.of(translations.translations(con), lang)   # data texts in the room's language
    builders = {
        "dmop_board": lambda df: _dmop_board(df, lang, t),
        "reach": lambda df: _reach(df, f, lang, t, k),
        "dropout": lambda df: _dropout(df, f, lang, t, k, completion),
        "learning": lambda df: _learning(df, f, lang, t, k),
        "kii": lambda df: _kii(df, con, f, lang, t, k, words),
        "informants": lambda df: _informants(df, f, lang, t, k),
    }
    out = []
    for key in SLIDE_KEYS:
        df = translate.translated(SLIDE_DATA[key](con, f, completion), words)
        if df.empty:
            continue
        parts = builders[key](df)
        if parts["table"].empty:
            continue
        used = files[files["table_name"].isin(SLIDE_TABLES[key])]["source_file"] if not files.empty else []
        names = tuple(sorted(set(map(str, used))))
        figure = projector.without_hover(parts.pop("figure"))
        slide = Slide(key=key, title=t(SLIDE_TITLES[key]), figure=figure, sources=names,
                      source_line=source_line(names, lang), k=k, **parts)
        if slide.count_columns:
            slide.note = small_cell_note(k, lang, secondary=slide.secondary)
        out.extend(projector.fitted(slide))
    return out


def hidden_shares(con, countries=("Paraguay", "Thailand"), k: int | None = None) -> pd.DataFrame:
    """Per country and slide, the share of people whose own count the slide does not show
    (``Slide.hidden_share``; None for a slide without counts of people) and the protection chosen: what
    suppression costs, for the README and ``scripts/suppression_loss.py``. Never for a slide (see Slide)."""
    rows = [{"country": country, "slide": s.key, "method": s.method or None, "hidden_share": s.hidden_share}
            for country in countries for s in slides(con, country, "en", k) if s.part == 1]
    return pd.DataFrame(rows, columns=["country", "slide", "method", "hidden_share"])


def source_line(files, lang: str = "en") -> str:
    """``Source files: a.xlsx; b.csv`` (translated), marking illustrative data."""
    t = translator(lang)
    files = list(files)
    if not files:
        return t("Source files: {files}", files="–")
    line = t("Source files: {files}", files="; ".join(files))
    if any(mark in f.upper() for f in files for mark in ILLUSTRATIVE_MARKS):
        line += " · " + t("Includes illustrative data.")
    return line


def small_cell_note(k: int, lang: str = "en", secondary: bool = False) -> str:
    """``Figures below 5 are shown as <5.``, and what ``×`` means where a slide has one."""
    t = translator(lang)
    note = t("Figures below {k} are shown as <{k}.", k=fmt_int(k, lang))
    return f"{note} {t(SECONDARY_NOTE)}." if secondary else note


def formatted(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A published table for the screen: integers as ``1.234`` (es) / ``1,234`` (en), shares and
    means in the language's format; ``<k`` and text unchanged."""
    def write(v):
        if isinstance(v, (bool, np.bool_)):
            return str(v)
        if isinstance(v, (int, np.integer)):
            return fmt_int(v, lang)
        if isinstance(v, (float, np.floating)):
            return "–" if np.isnan(v) else fmt_number(v, lang, 1)
        return "–" if v is None else v
    return table.apply(lambda col: col.map(write)).astype(object)


# =========================================================================== the slides page's choices

#: The slide that a page's URL path opens (`/dropout?mode=workshop`); other paths open the first slide.
SLIDE_OF_PAGE = {"dmop_status": "dmop_board", "training_reach": "reach", "dropout": "dropout",
                 "learning": "learning", "evaluation_findings": "kii"}
SCREENS = {"720": "1280 × 720", "1080": "1920 × 1080"}   # ?screen=1080: chart type 1.4 times larger
SCREENS_FONT = {"720": 1.0, "1080": 1.4}


def opening_slide(slides: list[Slide], path: str) -> int:
    """The number of the slide that the page at URL path ``path`` opens (1 when it has none)."""
    key = SLIDE_OF_PAGE.get(path)
    return next((i for i, s in enumerate(slides, start=1) if s.key == key), 1)


def numbers_table(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A slide's numbers for the screen: formatted, a repeated first-column label written once."""
    shown = formatted(table, lang)
    first = shown.columns[0]
    shown[first] = shown[first].where(shown[first].ne(shown[first].shift()), "")
    return shown.set_index(first)


def file_stem(country: str, lang: str) -> str:
    """``atlas-paraguay-es``: the start of the name of every file downloaded from the slides."""
    return f"atlas-{re.sub(r'[^A-Za-z0-9]+', '-', country).strip('-').lower() or 'atlas'}-{lang}"


# =========================================================================== the slides

def _dmop_board(board, lang, t) -> dict:
    """Where each DMOP stands on the nine steps: one column per DMOP, the steps from top to bottom (the
    step names on one line each, readable at 18 px). Steps are not people: nothing to suppress. Status
    notes are left out (free text that can name people)."""
    columns = {"dmop": "DMOP", "dmop_type": "Type", "step_label": "Step (as written)", "step_name": "Step name"}
    table = board[list(columns)].copy()
    table["dmop_type"] = table["dmop_type"].map(lambda v: t({"enforcement": "Enforcement",
                                                              "coordination": "Coordination"}.get(v, "–"))
                                                if isinstance(v, str) else "–")
    table["step_name"] = table["step_name"].map(lambda v: t(v) if isinstance(v, str) else "–")
    table["step_label"] = table["step_label"].map(lambda v: charts.plain(v) if isinstance(v, str) and v else "–")
    table = table.rename(columns={c: t(h) for c, h in columns.items()}).reset_index(drop=True)
    fig = projector.style(dmop_charts.dmop_board(board.assign(status_note=None), lang, None, t), lang)
    grid = fig.data[0]
    dmops, steps = list(grid.y), list(grid.x)
    steps_text = [charts.step_text(int(s), t) for s in steps]
    grid.update(z=[list(col) for col in zip(*grid.z)], text=[list(col) for col in zip(*grid.text)], x=dmops, y=steps,
                textfont={"size": 22, "color": "#FFFFFF"})
    label_width = max(len(s) for s in steps_text) * projector.CHAR_WIDTH * projector.TEXT_SIZE
    char = projector.CHAR_WIDTH * projector.TEXT_SIZE
    per_column = (projector.CHART_WIDTH - label_width) / max(len(dmops), 1) / char - 2
    fig.update_xaxes(side="top", tickangle=0, title_text=None, categoryorder="array", categoryarray=dmops,
                     tickmode="array", tickvals=dmops, ticktext=[projector.wrap(d, max(int(per_column), 10)) for d in dmops],
                     showgrid=False)
    fig.update_yaxes(categoryorder="array", categoryarray=steps, autorange="reversed", tickmode="array",
                     tickvals=steps, ticktext=steps_text, title_text=None, showgrid=False)
    for state in ("done", "current", "not yet"):   # the key, as a legend under the grid
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=t(state), showlegend=True,
                                 marker={"symbol": "square", "size": 20, "color": charts.BOARD_COLORS[state],
                                         "line": {"width": 1, "color": "#7F7F7F"}}))
    fig.update_layout(showlegend=True, legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0,
                                               "xanchor": "left"}, margin={"t": 10, "b": 10})
    return {"table": table, "figure": fig, "subtitle": t("The nine steps of a DMOP; the label of the current "
                                                          "step as the status report writes it.")}


def _reach(df, f, lang, t, k) -> dict:
    """People trained per activity and gender (rosters: distinct people; events without a roster: head
    counts, gender unknown unless given)."""
    header = {g: g for g in charts.GENDER_ORDER}
    counts = df.pivot_table(index="activity", columns="gender", values="people", aggfunc="sum", fill_value=0,
                            sort=False)
    counts = counts[charts.ordered(counts.columns, "gender")]
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    protection = protected.protect(counts, k)
    published, mask = protection.published, protection.mask
    labels = projector.chart_labels(counts.index)
    hidden = t(HIDDEN)
    long = protected.long_frame(published, mask, "activity", "gender", "people", hidden)
    long["activity"] = long["activity"].map(labels)
    fig = projector.style(charts.reach_bars(long, lang, None, t, x="activity", color="gender"), lang) \
        if not long.empty else projector.style(charts.empty_figure(lang, None, t), lang)
    if not long.empty:
        _horizontal(fig, [labels[a] for a in counts.index], None, t("People trained"))
        projector.grey(fig, hidden)
        projector.label_bars(fig, skip=hidden)
        projector.label_hidden(fig, published, mask, labels, {g: t(g) for g in counts.columns})
    table = protected.table(published, "Activity", {**header}, t)
    return {"table": table, "figure": fig, **protected.slide_parts(protection),
            "count_columns": tuple(table.columns[1:]),
            "subtitle": t("People on attendance lists and head counts of events; a person trained in two "
                          "activities counts in each.")}


def _horizontal(fig: go.Figure, categories: list[str], y_title: str | None, x_title: str) -> None:
    """Turn vertical bars on a category axis into horizontal bars, first category at the top."""
    for trace in fig.data:
        if trace.type == "bar":
            trace.update(x=trace.y, y=trace.x, orientation="h")
    fig.layout.xaxis = {k: v for k, v in fig.layout.xaxis.to_plotly_json().items()
                        if k not in ("categoryorder", "categoryarray", "tickmode", "tickvals", "ticktext", "tickangle")}
    fig.update_xaxes(type="linear", title_text=x_title, rangemode="tozero")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=categories, autorange="reversed",
                     title_text=y_title)


def _dropout(df, f, lang, t, k, completion) -> dict:
    """Per activity with an attendance list: completed, dropped out, never attended (people)."""
    outcomes = [o for o in charts.OUTCOME_ORDER if o != "no_show" or df["no_show"].sum() > 0]
    counts = df.groupby("activity", sort=False)[outcomes].sum()
    protection = protected.protect(counts, k)
    published, mask = protection.published, protection.mask
    labels = projector.chart_labels(counts.index)
    cells = published.drop(index=suppression.TOTAL)
    hidden_cells = mask.drop(index=suppression.TOTAL)
    frame = pd.DataFrame({"activity": [labels[a] for a in counts.index]})
    for o in charts.OUTCOME_ORDER:
        frame[o] = [0 if o not in outcomes or hidden_cells.at[a, o] else int(cells.at[a, o]) for a in counts.index]
    frame["started"] = frame["completed"] + frame["dropped_out"]
    fig = projector.style(charts.dropout_bars(frame, lang, None, t, by="activity"), lang)
    remainder = protected.hidden_remainder(published, mask)
    hidden = t(HIDDEN)
    if not remainder.empty:
        fig.add_trace(go.Bar(y=[labels[a] for a in remainder.index], x=remainder.tolist(), orientation="h",
                             name=hidden, showlegend=True))
        projector.grey(fig, hidden)
    projector.label_bars(fig, skip=hidden)
    fig.update_yaxes(title_text=None)
    projector.label_hidden(fig, published, mask, labels, {o: t(charts.OUTCOME_LABELS[o]) for o in outcomes})
    table = protected.table(published, "Activity", {o: charts.OUTCOME_LABELS[o] for o in outcomes}, t)
    # completion rate from published numbers only: completed / (total - never attended)
    rates = []
    for a in published.index:
        used = ("completed", suppression.TOTAL, *(["no_show"] if "no_show" in outcomes else []))
        parts = [published.at[a, c] for c in used]
        if any(isinstance(p, str) for p in parts):
            rates.append("–")
            continue
        started = int(parts[1]) - (int(parts[2]) if len(parts) > 2 else 0)
        rates.append(fmt_percent(int(parts[0]) / started, lang) if started else "–")
    table[t("Completion rate")] = rates
    return {"table": table, "figure": fig, **protected.slide_parts(protection),
            "count_columns": tuple(table.columns[1:-1]),
            "subtitle": t("Completed: attended at least {share} of the sessions.",
                          share=fmt_percent(completion, lang))}


def _learning(df, f, lang, t, k) -> dict:
    """Group means of the pre-test, post-test and follow-up per activity, for groups of at least ``k``
    participants; a smaller group is shown as ``<k participants`` without its mean. Never a score of one
    person. The mean gain is shown only when it cannot single out a small group by difference."""
    small = t("<{k} participants", k=fmt_int(k, lang))
    rows = []
    chart = df[["country", "dmop", "activity"]].copy()
    for kind in charts.TEST_TYPE_ORDER:
        n_col, mean_col = f"{kind}_n", f"{kind}_mean"
        chart[n_col] = df[n_col]
        chart[mean_col] = [m if n >= k else np.nan for n, m in zip(df[n_col], df[mean_col])]
    for _, r in df.iterrows():
        for kind in charts.TEST_TYPE_ORDER:
            n = int(r[f"{kind}_n"])
            if n == 0:
                continue
            rows.append({"activity": r["activity"], "test": t(charts.TEST_TYPE_LABELS[kind]),
                         "n": suppression.mask_small(n, k),
                         "mean": round(float(r[f"{kind}_mean"]), 1) if n >= k else small})
        paired, pre_n, post_n = int(r["paired"]), int(r["pre_n"]), int(r["post_n"])
        if paired:
            safe = paired >= k and all(d == 0 or d >= k for d in (pre_n - paired, post_n - paired))
            gain = round(float(r["mean_gain"]), 1) if safe and pd.notna(r["mean_gain"]) else \
                small if paired < k else t("Not shown: it would reveal a group of fewer than {k}", k=fmt_int(k, lang))
            rows.append({"activity": r["activity"], "test": t("Gain, same participants (points)"),
                         "n": suppression.mask_small(paired, k), "mean": gain})
    table = pd.DataFrame(rows, columns=["activity", "test", "n", "mean"]).rename(columns={
        "activity": t("Activity"), "test": t("Test"), "n": t("Participants"), "mean": t("Mean score (% of maximum)")})
    labels = projector.chart_labels(chart["activity"])
    chart["activity"] = chart["activity"].map(labels)
    fig = projector.style(charts.learning_scores(chart, lang, None, t), lang)
    for trace in fig.data:
        if trace.type == "bar":
            trace.update(texttemplate="%{y:.1f}", textposition="inside", insidetextanchor="end")
    fig.update_xaxes(title_text=None, tickangle=0)
    if any(isinstance(v, str) for v in table[t("Mean score (% of maximum)")]):
        projector.note(fig, t("Groups of fewer than {k} participants are not shown.", k=fmt_int(k, lang)))
    takers = df[[f"{kind}_n" for kind in charts.TEST_TYPE_ORDER]].fillna(0).to_numpy(dtype="int64")
    return {"table": table, "figure": fig, "count_columns": (t("Participants"),),
            "hidden_share": suppression.information_lost(takers, (takers > 0) & (takers < k)),
            "subtitle": t("Mean score as a percentage of the test's maximum, over the participants who took "
                          "each test.")}


def _kii(df, con, f, lang, t, k, words=None) -> dict:
    """Answers per question (people answering), and the notes marked shareable."""
    notes = shareable_notes(translate.translated(kii.kii_notes(con, f, shareable_only=True, profile=False), words))
    counts = df.pivot_table(index="question", columns="answer", values="n", aggfunc="sum", fill_value=0, sort=False)
    counts = counts.reindex(index=list(dict.fromkeys(df["question"])),
                            columns=[a for a in ANSWER_ORDER if a in counts.columns] +
                            sorted(c for c in counts.columns if c not in ANSWER_ORDER), fill_value=0)
    join = lambda a, b: t("{a} or {b}", a=t(a), b=t(b))    # "Partially or No" when grouping hides less
    protection = protected.protect(counts, k, suppression.merge_neighbours(counts, k, join))
    published, mask = protection.published, protection.mask
    answers = [a for a in published.columns if a != suppression.TOTAL]
    hidden = t(HIDDEN)
    labels = projector.chart_labels(counts.index)
    stand_in = {q: f"#{i}" for i, q in enumerate(counts.index)}   # the chart builder cuts long questions
    long = protected.long_frame(published, mask, "question", "answer", "n", hidden)
    long["question"] = long["question"].map(stand_in)
    long["country"] = f.countries[0]
    fig = projector.style(kii_charts.kii_stacked_bars(long, lang, None, t), lang) if not long.empty \
        else projector.style(charts.empty_figure(lang, None, t), lang)
    if not long.empty:
        projector.rename_categories(fig, {stand_in[q]: labels[q] for q in counts.index})
        projector.grey(fig, hidden)
        projector.label_bars(fig, skip=hidden)
        fig.update_yaxes(categoryarray=[labels[q] for q in counts.index])
        projector.label_hidden(fig, published, mask, labels, {a: t(a) for a in answers})
    table = protected.table(published, "Question", {a: a for a in answers}, t)
    return {"table": table, "figure": fig, **protected.slide_parts(protection),
            "count_columns": tuple(table.columns[1:]), "notes": notes,
            "subtitle": t("Key informants per answer, as the evaluators tallied the interviews.")}


def shareable_notes(notes: pd.DataFrame, limit: int = 4, width: int = 240) -> tuple[str, ...]:
    """The text of notes marked shareable (nothing else), shortened for a slide."""
    if notes is None or notes.empty:
        return ()
    ok = notes[notes["shareable"].fillna(False).astype(bool)]
    return tuple(charts.short(n, width) for n in dict.fromkeys(ok["note"].dropna().map(charts.plain)) if n)[:limit]


def _informants(df, f, lang, t, k) -> dict:
    """Key informants per institution, grouped up to the organization (ministry) when most institutions
    would be hidden (key informants per department are mostly 1 to 3)."""
    df = df.assign(institution=df["institution"].fillna(df["organization"]).fillna("–"))
    grouped, level = suppression.group_up(df[["institution", "organization", "respondents"]], "institution",
                                          "organization", "respondents", k)
    grouped[level] = grouped[level].fillna("–")
    series = grouped.groupby(level, sort=False)["respondents"].sum().sort_values(ascending=False, kind="stable")
    counts = pd.DataFrame({"respondents": series})
    hidden = t("Other organizations, together" if level == "organization" else "Other institutions, together")
    protection = protected.protect(counts, k, suppression.merge_small_rows(counts, k, others=hidden))
    published, mask = protection.published, protection.mask
    header = "Organization" if level == "organization" else "Institution"
    cells = published.drop(index=suppression.TOTAL)
    shown = [(r, int(cells.at[r, "respondents"])) for r in cells.index
             if not mask.at[r, "respondents"] and int(cells.at[r, "respondents"]) > 0]
    # the hidden rows together: the published grand total minus the published rows
    grand = published.at[suppression.TOTAL, "respondents"]
    remainder = 0 if mask.at[suppression.TOTAL, "respondents"] else int(grand) - sum(v for _, v in shown)
    marks = [cells.at[r, "respondents"] for r in cells.index if mask.at[r, "respondents"]]
    unknown = bool(marks) and remainder <= 0      # hidden rows, and no published total to size them
    labels = projector.chart_labels([r for r, _ in shown])
    groups = [labels[r] for r, _ in shown] + ([hidden] if remainder > 0 or unknown else [])
    stand_in = {g: f"#{i}" for i, g in enumerate(groups)}       # the chart builder cuts long names
    frame = pd.DataFrame({"group": [stand_in[g] for g in groups],
                          "respondents": [v for _, v in shown] + ([max(remainder, 0)] if remainder > 0 or unknown else []),
                          "country": f.countries[0]})
    fig = projector.style(kii_charts.respondents_bars(frame, lang, None, t, y="group", color="country"), lang) \
        if not frame.empty else projector.style(charts.empty_figure(lang, None, t), lang)
    if not frame.empty:
        projector.rename_categories(fig, {v: g for g, v in stand_in.items()})
        fig.update_traces(showlegend=False)
        colours = [projector.HIDDEN_COLOR if g == hidden else charts.color_of("country", f.countries[0])
                   for g in fig.data[0].y]
        fig.data[0].marker.color = colours
        projector.label_bars(fig)
        fig.update_yaxes(categoryarray=groups)   # the hidden rows together come last
        if unknown:   # their marks, since their sum cannot be shown
            fig.add_annotation(x=0, y=hidden, xref="x", yref="y", text=" + ".join(marks), showarrow=False,
                               xanchor="left", xshift=6, bgcolor=projector.HIDDEN_COLOR, borderpad=3,
                               font={"size": projector.TEXT_SIZE, "color": "#FFFFFF"})
    table = protected.table(published.drop(columns=suppression.TOTAL), header, {"respondents": "Key informants"}, t)
    subtitle = t("Key informants interviewed, by organization: most institutions had fewer than {k}.",
                 k=fmt_int(k, lang)) \
        if level == "organization" else t("Key informants interviewed, by institution.")
    return {"table": table, "figure": fig, **protected.slide_parts(protection),
            "count_columns": tuple(table.columns[1:]), "subtitle": subtitle,
            "others": hidden if remainder > 0 or unknown else ""}
