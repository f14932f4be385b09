"""Workshop mode: the slides ATLAS staff project at a validation workshop, one country in one language.

    slides(con, "Paraguay", "es", k=5) -> [Slide, …]   # DMOP board, reach, dropout, learning, KII, informants
    countries(con) -> ["Paraguay", "Thailand", …]     # the countries that have at least one slide

Each slide has a title, a published table (every count of people below ``k`` shown as ``<k``; a cell
hidden only so that a small count cannot be worked out from the totals shown as ``×``, chosen to hide as
few people as possible: ``suppression.protect``), a figure built with
``atlas_data.charts`` from the published numbers only and restyled for a projector (large type, black
on white, no hover text), and the line naming its source files. No Streamlit here: the slides page and
the workshop pack (``pack.py``) both draw from these functions.

A slide with nothing to show is left out of the deck (and so of the pack). Every slide fits one screen of
1280 × 720 with no text under 18 px: row labels are wrapped, never cut, and a bar chart with more rows than
fit is split over two slides or more ("… (1/2)", "… (2/2)"), each with its rows and the same scale.

What is never on a slide: participant keys, individual scores (learning shows group means of at least
``k`` participants only), KII notes that are not marked shareable, DMOP status notes (free text that
can name people). Only counts of people are suppressed; DMOP steps are not people.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from atlas_data.reports import charts, suppression
from atlas_data.queries import dmops, dropout, kii, learning, reach, sources
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
HIDDEN_COLOR = "#6E6E6E"
SECONDARY_NOTE = "× hidden so that a small number cannot be worked out from the totals"

# Projector style: black on white, large type, thick gridlines; one size for the screen and the PNG.
FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
INK = "#000000"
TEXT_SIZE = 18               # the smallest type on a slide (row and tick labels, notes), in pixels
BAR_TEXT_SIZE = 20           # the count written on a bar
CHART_HEIGHT = 500           # the chart on the slides page at 1280 × 720 (below the title, above the source)
CHART_WIDTH = 1220           # … and its width
LINE_SPACING = 1.3           # Plotly's distance between the lines of a label, in font sizes
CHAR_WIDTH = 0.53            # the mean width of a character of a label, in font sizes (Noto Sans), about
ROW_LABEL_WIDTHS = tuple(range(22, 63, 2))   # characters per line of a row label, narrowest first
BAR_GAP = 0.25               # the gap between two bars, a share of a row
PLOT_WIDTH = 700             # the plot area of a horizontal bar chart, about, in pixels (labels of hidden cells)
PNG_SIZE = (1600, 800)       # the chart in the pack and as a PNG download
NOTE_MARGIN = 125            # room under the x axis of an exported chart for the note on <k and ×


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
    builders = {
        "dmop_board": lambda df: _dmop_board(df, lang, t),
        "reach": lambda df: _reach(df, f, lang, t, k),
        "dropout": lambda df: _dropout(df, f, lang, t, k, completion),
        "learning": lambda df: _learning(df, f, lang, t, k),
        "kii": lambda df: _kii(df, con, f, lang, t, k),
        "informants": lambda df: _informants(df, f, lang, t, k),
    }
    out = []
    for key in SLIDE_KEYS:
        df = SLIDE_DATA[key](con, f, completion)
        if df.empty:
            continue
        parts = builders[key](df)
        if parts["table"].empty:
            continue
        used = files[files["table_name"].isin(SLIDE_TABLES[key])]["source_file"] if not files.empty else []
        names = tuple(sorted(set(map(str, used))))
        figure = _without_hover(parts.pop("figure"))
        slide = Slide(key=key, title=t(SLIDE_TITLES[key]), figure=figure, sources=names,
                      source_line=source_line(names, lang), k=k, **parts)
        if slide.count_columns:
            slide.note = small_cell_note(k, lang, secondary=slide.secondary)
        out.extend(_fitted(slide))
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
    note = t("Figures below {k} are shown as <{k}.", k=k)
    return f"{note} {t(SECONDARY_NOTE)}." if secondary else note


def titled(slide: Slide, lang: str = "en", width: int = PNG_SIZE[0], height: int = PNG_SIZE[1]) -> go.Figure:
    """The slide's figure with its title and sized for export (PNG download, workshop pack)."""
    fig = go.Figure(slide.figure)
    fig.update_layout(title={"text": charts.plain(slide.title), "x": 0.01, "xanchor": "left",
                             "font": {"size": 34, "color": INK}},
                      width=width, height=height, margin={"t": 130 if _legend_on(fig) else 90})
    if _legend_on(fig):
        fig.update_layout(legend={"y": 1.01})
    if slide.note and not slide.empty:    # what <k and × mean, under the chart
        fig.update_layout(margin={"b": NOTE_MARGIN})
        fig.add_annotation(text="<br>".join(textwrap.wrap(charts.plain(slide.note), 80)), showarrow=False,
                           xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", align="left",
                           yshift=-62, font={"size": 18, "color": INK})
    return fig


def scaled(fig: go.Figure, factor: float) -> go.Figure:
    """A copy of ``fig`` with every font size (titles, axes, legend, bar labels, notes) times ``factor``:
    the same slide for a larger screen (1920 × 1080 rather than 1280 × 720)."""
    def walk(node, in_font=False):
        if isinstance(node, dict):
            return {key: (round(value * factor, 1) if in_font and key == "size" and isinstance(value, (int, float))
                          else walk(value, key.endswith("font") or key == "font"))
                    for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item, False) for item in node]
        return node
    spec = fig.to_plotly_json()
    return go.Figure({"data": walk(spec["data"]), "layout": walk(spec["layout"])})


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


# =========================================================================== chart styling

def workshop_style(fig: go.Figure, lang: str = "en", height: int = CHART_HEIGHT) -> go.Figure:
    """Large type, black on white, thick lines, no hover text (a projector has no mouse over it, and hover
    text can carry numbers the slide does not publish). No text under 18 px: a count that would need a
    smaller size to fit its bar keeps 18 px (``uniformtext``) rather than being hidden."""
    fig.update_layout(
        template="plotly_white", separators=",." if lang == "es" else ".,",
        font={"family": FONT, "size": 20, "color": INK}, paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF",
        height=height, hovermode=False, title=None,
        legend={"font": {"size": 20, "color": INK}, "orientation": "h", "yanchor": "bottom", "y": 1.0,
                "xanchor": "left", "x": 0, "title": None},
        margin={"l": 10, "r": 30, "t": 50 if _legend_on(fig) else 20, "b": 10},
        uniformtext={"minsize": TEXT_SIZE, "mode": "show"},
    )
    def axis(ax) -> None:
        ax.update(title_font={"size": 20, "color": INK}, gridcolor="#C8C8C8", linecolor=INK, zerolinecolor=INK,
                  automargin=True, tickfont={"size": max(ax.tickfont.size or TEXT_SIZE, TEXT_SIZE), "color": INK})
    fig.for_each_xaxis(axis)
    fig.for_each_yaxis(axis)
    for note in fig.layout.annotations:
        note.font = {"size": 22, "color": INK}
    return _without_hover(fig)


def _without_hover(fig: go.Figure) -> go.Figure:
    """No hover text on any trace (it can carry numbers the slide does not publish); bar labels large."""
    for trace in fig.data:
        for attr in ("hovertext", "hovertemplate"):
            if attr in trace:
                trace[attr] = None
        if "hoverinfo" in trace:
            trace.hoverinfo = "none"
        if trace.type == "bar":
            trace.textfont = {"size": BAR_TEXT_SIZE}
    fig.update_layout(hovermode=False)
    return fig


def _legend_on(fig: go.Figure) -> bool:
    return sum(1 for tr in fig.data if tr.showlegend is not False) > 1 and fig.layout.showlegend is not False


def _lines(text: str, width: int) -> list[str]:
    """Plain text in lines of at most ``width`` characters (a longer word on a line of its own)."""
    return textwrap.wrap(charts.plain(text), width, break_long_words=False, break_on_hyphens=False) or [""]


def _wrap(text: str, width: int) -> str:
    """Plain text broken into lines of ``width`` characters for an axis label: every word kept (no "…")."""
    return "<br>".join(_lines(text, width))


def _wrap_ticks(fig: go.Figure, axis: str, width: int) -> None:
    """Write the category labels of ``axis`` (its ``categoryarray``) whole, in lines of ``width`` characters."""
    layout_axis = fig.layout[f"{axis}axis"]
    cats = list(layout_axis.categoryarray or [])
    if cats:
        layout_axis.update(tickmode="array", tickvals=cats, ticktext=[_wrap(c, width) for c in cats])


def _label_bars(fig: go.Figure, skip: str | None = None) -> None:
    """Write each published value inside its bar (large, in the language's separators)."""
    for trace in fig.data:
        if trace.type != "bar" or trace.name == skip:
            continue
        value = "%{x}" if trace.orientation == "h" else "%{y}"
        trace.update(texttemplate=value, textposition="inside", insidetextanchor="middle", textangle=0)


def _label_hidden(fig: go.Figure, published: pd.DataFrame, mask: pd.DataFrame, labels: dict, names: dict,
                  size: int = TEXT_SIZE) -> None:
    """Per horizontal bar with hidden cells, a grey label at its end naming them with their marks
    (``Partially <5 · No ×``): after the grey part when the row total is published (the hidden cells
    together), right after the shown cells when it is not (their sizes are then unknown). The x axis is
    widened so that the labels fit."""
    cells = published.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    hidden = mask.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    remainder = _hidden_remainder(published, mask)
    ends, reach, labelled = [0], 0.0, False
    for row in cells.index:
        shown = sum(int(v) for v, h in zip(cells.loc[row], hidden.loc[row]) if not h)
        end = shown + int(remainder.get(row, 0))
        ends.append(end)
        if not hidden.loc[row].any() or row not in labels:
            continue
        text = " · ".join(f"{charts.plain(names.get(c, c))} {cells.at[row, c]}" for c in cells.columns if hidden.at[row, c])
        fig.add_annotation(x=end, y=labels[row], xref="x", yref="y", text=text, showarrow=False, xanchor="left",
                           xshift=6, bgcolor=HIDDEN_COLOR, borderpad=3, font={"size": size, "color": "#FFFFFF"})
        room = 0.6 * size * len(text) + 20            # the label's width in pixels, about
        reach = max(reach, end * PLOT_WIDTH / max(PLOT_WIDTH - room, PLOT_WIDTH / 3))
        labelled = True
    top = max(reach, 1.05 * max(ends))
    if labelled and top > 0:
        fig.update_xaxes(range=[0, top], autorange=False)


# =========================================================================== one screen per slide

def _fitted(slide: Slide) -> list[Slide]:
    """``slide`` made to fit one screen: the category labels of its chart wrapped whole, and a horizontal
    bar chart with more rows than fit split into consecutive parts (1/2, 2/2), each a slide with the same
    title, scale and notes, its rows of the chart and of the table (totals on the last part)."""
    fig = slide.figure
    horizontal = any(tr.type == "bar" and tr.orientation == "h" for tr in fig.data)
    if not horizontal:
        axis = fig.layout.xaxis
        cats = list(axis.categoryarray or [])
        if cats and any(tr.type == "bar" for tr in fig.data):      # vertical bars: labels under the axis
            width = int(CHART_WIDTH / len(cats) / (CHAR_WIDTH * TEXT_SIZE)) - 4
            _wrap_ticks(fig, "x", max(min(width, ROW_LABEL_WIDTHS[-1]), 12))
        return [slide]
    rows = list(fig.layout.yaxis.categoryarray or [])
    if not rows:
        return [slide]
    fig.update_xaxes(title_text=None)     # every bar carries its count, the subtitle says what is counted
    height = _rows_height(fig)
    groups, width = _row_layout(rows, height)
    if len(groups) == 1:
        _label_rows(fig, rows, width, height)
        return [slide]
    top = _x_top(fig)
    first = slide.table.columns[0]
    table_rows = slide.table[first].map(charts.plain)
    placed = table_rows.isin(rows)
    out = []
    for number, group in enumerate(groups, start=1):
        part = go.Figure(fig)
        _keep_rows(part, group)
        _label_rows(part, group, width, height)
        if top:
            part.update_xaxes(range=[0, top], autorange=False)
        keep = table_rows.isin(group) | (~placed if number == len(groups) else False)
        out.append(replace(slide, title=f"{slide.title} ({number}/{len(groups)})", figure=part,
                           table=slide.table[keep].reset_index(drop=True), part=number, parts=len(groups)))
    return out


def _rows_height(fig: go.Figure) -> float:
    """The height of the rows of a horizontal bar chart on the slides page at 1280 × 720, about: the chart
    less its margins (the top one holds the legend) and the x axis (numbers, and its title if any)."""
    axis = TEXT_SIZE * LINE_SPACING + 12 + (30 if fig.layout.xaxis.title.text else 0)
    return CHART_HEIGHT - (fig.layout.margin.t or 0) - (fig.layout.margin.b or 0) - axis


def _row_layout(rows: list[str], height: float) -> tuple[list[list[str]], int]:
    """The rows in the fewest consecutive groups (one slide each), and a label width, such that every row
    label, wrapped whole, fits its row without touching the next, and every bar is thick enough for its
    count. The width gives the longest label as few lines as it can have, and is no wider than that needs."""
    def label_height(lines: int) -> float:      # from the top of the first line to the foot of the last
        return (lines - 1) * LINE_SPACING * TEXT_SIZE + 1.2 * TEXT_SIZE
    lines = {width: max(len(_lines(r, width)) for r in rows) for width in ROW_LABEL_WIDTHS}
    for parts in range(1, len(rows) + 1):
        groups = [list(g) for g in np.array_split(np.array(rows, dtype=object), parts)]
        slot = height / max(len(g) for g in groups)
        if slot * (1 - BAR_GAP) < 1.5 * BAR_TEXT_SIZE:
            continue
        fitting = [width for width in ROW_LABEL_WIDTHS if label_height(lines[width]) + 4 <= slot]
        if fitting:
            return groups, min(fitting, key=lambda width: (lines[width], width))
    return [[r] for r in rows], ROW_LABEL_WIDTHS[-1]


def _label_rows(fig: go.Figure, rows: list[str], width: int, height: float) -> None:
    """Every row named, its label in lines of ``width`` characters; a bar no thicker than four times its count's
    type (a slide with one or two rows)."""
    fig.update_yaxes(categoryorder="array", categoryarray=rows, tickmode="array", tickvals=rows,
                     ticktext=[_wrap(r, width) for r in rows])
    slot = height / max(len(rows), 1)
    fig.update_layout(bargap=round(max(BAR_GAP, 1 - 4 * BAR_TEXT_SIZE / slot), 2))


def _x_top(fig: go.Figure) -> float | None:
    """The end of the x axis of a horizontal bar chart: the one set (room for the grey labels), else the
    longest bar (stacked) and a little room."""
    if fig.layout.xaxis.range:
        return fig.layout.xaxis.range[1]
    ends: dict = {}
    for trace in fig.data:
        if trace.type == "bar" and trace.orientation == "h":
            for x, y in zip(trace.x or (), trace.y or ()):
                ends[y] = ends.get(y, 0) + (x or 0)
    return 1.05 * max(ends.values()) if ends else None


def _keep_rows(fig: go.Figure, rows: list[str]) -> None:
    """Only the bars and the labels of ``rows`` (categories of the y axis) left in ``fig``."""
    wanted = set(rows)
    for trace in fig.data:
        if trace.y is None:
            continue
        keep = [i for i, y in enumerate(trace.y) if y in wanted]
        update = {"x": [trace.x[i] for i in keep], "y": [trace.y[i] for i in keep]}
        if isinstance(trace.marker.color, (list, tuple)):
            update["marker_color"] = [trace.marker.color[i] for i in keep]
        for attr in ("text", "customdata"):
            value = getattr(trace, attr, None)
            if isinstance(value, (list, tuple)):
                update[attr] = [value[i] for i in keep]
        trace.update(**update)
    fig.layout.annotations = [a for a in fig.layout.annotations if a.yref != "y" or a.y in wanted]


def _grey(fig: go.Figure, name: str) -> None:
    for trace in fig.data:
        if trace.name == name:
            trace.marker.color = HIDDEN_COLOR
            trace.marker.pattern = {"shape": "/", "fgcolor": "#FFFFFF", "size": 12}


def _note(fig: go.Figure, text: str) -> None:
    fig.add_annotation(text=charts.plain(text), showarrow=False, xref="paper", yref="paper", x=0, y=-0.02,
                       xanchor="left", yanchor="top", font={"size": 18, "color": INK})


# =========================================================================== suppression helpers

def _suppressed(counts: pd.DataFrame, k: int, groupings=()) -> suppression.Protection:
    """The counts with row, column and grand totals, suppressed so as to hide the fewest people
    (``suppression.protect``: complementary cells, withheld totals, or a grouping, whichever hides less)."""
    return suppression.protect(counts.astype("int64"), k, totals=True, groupings=groupings)


def _protection_parts(protection: suppression.Protection) -> dict:
    return {"matrix": protection.published, "mask": protection.mask, "method": protection.method,
            "hidden_share": protection.lost}


def _hidden_remainder(published: pd.DataFrame, mask: pd.DataFrame) -> pd.Series:
    """Per row: the row total minus its published cells, where the total is published and a cell is
    hidden (the sum of the hidden cells of that row, which the published numbers already give away)."""
    cells = published.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    hidden = mask.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    out = {}
    for row in cells.index:
        total = published.at[row, suppression.TOTAL]
        if mask.at[row, suppression.TOTAL] or not hidden.loc[row].any():
            continue
        shown = sum(int(v) for v, h in zip(cells.loc[row], hidden.loc[row]) if not h)
        if int(total) - shown > 0:
            out[row] = int(total) - shown
    return pd.Series(out, dtype="int64")


def _table(published: pd.DataFrame, row_header: str, columns: dict, t) -> pd.DataFrame:
    """A published matrix as a downloadable table: the row labels as the first column, headers translated."""
    out = published.copy()
    out.columns = [t(columns.get(c, c)) if c != suppression.TOTAL else t("Total") for c in out.columns]
    out.index = [t("Total") if r == suppression.TOTAL else r for r in out.index]
    out.index.name = t(row_header)
    return out.reset_index()


def _published_long(published: pd.DataFrame, mask: pd.DataFrame, row: str, col: str, value: str,
                    hidden_label: str) -> pd.DataFrame:
    """The published cells (no totals) as a long frame for a chart, plus per row a grey part holding
    the hidden cells together (where the row total is published)."""
    cells = published.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    hidden = mask.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    rows = [{row: r, col: c, value: int(cells.at[r, c])} for r in cells.index for c in cells.columns
            if not hidden.at[r, c] and int(cells.at[r, c]) > 0]
    rows += [{row: r, col: hidden_label, value: int(v)} for r, v in _hidden_remainder(published, mask).items()]
    return pd.DataFrame(rows, columns=[row, col, value])


def _chart_labels(values) -> dict:
    """Chart labels for data text: plain and whole (wrapped on the axis, never cut), one per value."""
    labels: dict = {}
    for v in dict.fromkeys(values):
        label = charts.plain(v) or "–"
        while label in labels.values():           # two values that read the same stay two rows
            label += "\u00a0"
        labels[v] = label
    return labels


def _rename_categories(fig: go.Figure, names: dict) -> None:
    """Put the y categories ``names`` stands for back in a horizontal bar chart (its builder was given
    short stand-ins, so that it had no long name to cut)."""
    for trace in fig.data:
        if trace.y is not None:
            trace.y = [names.get(y, y) for y in trace.y]
    cats = fig.layout.yaxis.categoryarray
    fig.update_yaxes(categoryarray=[names.get(c, c) for c in cats] if cats else list(names.values()),
                     tickmode=None, tickvals=None, ticktext=None)


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
    fig = workshop_style(charts.dmop_board(board.assign(status_note=None), lang, None, t), lang)
    grid = fig.data[0]
    dmops, steps = list(grid.y), list(grid.x)
    steps_text = [charts.step_text(int(s), t) for s in steps]
    grid.update(z=[list(col) for col in zip(*grid.z)], text=[list(col) for col in zip(*grid.text)], x=dmops, y=steps,
                textfont={"size": 22, "color": "#FFFFFF"})
    label_width = max(len(s) for s in steps_text) * CHAR_WIDTH * TEXT_SIZE
    per_column = (CHART_WIDTH - label_width) / max(len(dmops), 1) / (CHAR_WIDTH * TEXT_SIZE) - 2
    fig.update_xaxes(side="top", tickangle=0, title_text=None, categoryorder="array", categoryarray=dmops,
                     tickmode="array", tickvals=dmops, ticktext=[_wrap(d, max(int(per_column), 10)) for d in dmops],
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
    protection = _suppressed(counts, k)
    published, mask = protection.published, protection.mask
    labels = _chart_labels(counts.index)
    hidden = t(HIDDEN)
    long = _published_long(published, mask, "activity", "gender", "people", hidden)
    long["activity"] = long["activity"].map(labels)
    fig = workshop_style(charts.reach_bars(long, lang, None, t, x="activity", color="gender"), lang) \
        if not long.empty else workshop_style(charts.empty_figure(lang, None, t), lang)
    if not long.empty:
        _horizontal(fig, [labels[a] for a in counts.index], None, t("People trained"))
        _grey(fig, hidden)
        _label_bars(fig, skip=hidden)
        _label_hidden(fig, published, mask, labels, {g: t(g) for g in counts.columns})
    table = _table(published, "Activity", {**header}, t)
    return {"table": table, "figure": fig, **_protection_parts(protection),
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
    protection = _suppressed(counts, k)
    published, mask = protection.published, protection.mask
    labels = _chart_labels(counts.index)
    cells = published.drop(index=suppression.TOTAL)
    hidden_cells = mask.drop(index=suppression.TOTAL)
    frame = pd.DataFrame({"activity": [labels[a] for a in counts.index]})
    for o in charts.OUTCOME_ORDER:
        frame[o] = [0 if o not in outcomes or hidden_cells.at[a, o] else int(cells.at[a, o]) for a in counts.index]
    frame["started"] = frame["completed"] + frame["dropped_out"]
    fig = workshop_style(charts.dropout_bars(frame, lang, None, t, by="activity"), lang)
    remainder = _hidden_remainder(published, mask)
    hidden = t(HIDDEN)
    if not remainder.empty:
        fig.add_trace(go.Bar(y=[labels[a] for a in remainder.index], x=remainder.tolist(), orientation="h",
                             name=hidden, showlegend=True))
        _grey(fig, hidden)
    _label_bars(fig, skip=hidden)
    fig.update_yaxes(title_text=None)
    _label_hidden(fig, published, mask, labels, {o: t(charts.OUTCOME_LABELS[o]) for o in outcomes})
    table = _table(published, "Activity", {o: charts.OUTCOME_LABELS[o] for o in outcomes}, t)
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
    return {"table": table, "figure": fig, **_protection_parts(protection),
            "count_columns": tuple(table.columns[1:-1]),
            "subtitle": t("Completed: attended at least {share} of the sessions.",
                          share=fmt_percent(completion, lang))}


def _learning(df, f, lang, t, k) -> dict:
    """Group means of the pre-test, post-test and follow-up per activity, for groups of at least ``k``
    participants; a smaller group is shown as ``<k participants`` without its mean. Never a score of one
    person. The mean gain is shown only when it cannot single out a small group by difference."""
    small = t("<{k} participants", k=k)
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
                small if paired < k else t("Not shown: it would reveal a group of fewer than {k}", k=k)
            rows.append({"activity": r["activity"], "test": t("Gain, same participants (points)"),
                         "n": suppression.mask_small(paired, k), "mean": gain})
    table = pd.DataFrame(rows, columns=["activity", "test", "n", "mean"]).rename(columns={
        "activity": t("Activity"), "test": t("Test"), "n": t("Participants"), "mean": t("Mean score (% of maximum)")})
    labels = _chart_labels(chart["activity"])
    chart["activity"] = chart["activity"].map(labels)
    fig = workshop_style(charts.learning_scores(chart, lang, None, t), lang)
    for trace in fig.data:
        if trace.type == "bar":
            trace.update(texttemplate="%{y:.1f}", textposition="inside", insidetextanchor="end")
    fig.update_xaxes(title_text=None, tickangle=0)
    if any(isinstance(v, str) for v in table[t("Mean score (% of maximum)")]):
        _note(fig, t("Groups of fewer than {k} participants are not shown.", k=k))
    takers = df[[f"{kind}_n" for kind in charts.TEST_TYPE_ORDER]].fillna(0).to_numpy(dtype="int64")
    return {"table": table, "figure": fig, "count_columns": (t("Participants"),),
            "hidden_share": suppression.information_lost(takers, (takers > 0) & (takers < k)),
            "subtitle": t("Mean score as a percentage of the test's maximum, over the participants who took "
                          "each test.")}


def _kii(df, con, f, lang, t, k) -> dict:
    """Answers per question (people answering), and the notes marked shareable."""
    notes = shareable_notes(kii.kii_notes(con, f, shareable_only=True, profile=False))
    counts = df.pivot_table(index="question", columns="answer", values="n", aggfunc="sum", fill_value=0, sort=False)
    counts = counts.reindex(index=list(dict.fromkeys(df["question"])),
                            columns=[a for a in ANSWER_ORDER if a in counts.columns] +
                            sorted(c for c in counts.columns if c not in ANSWER_ORDER), fill_value=0)
    join = lambda a, b: t("{a} or {b}", a=t(a), b=t(b))    # "Partially or No" when grouping hides less
    protection = _suppressed(counts, k, suppression.merge_neighbours(counts, k, join))
    published, mask = protection.published, protection.mask
    answers = [a for a in published.columns if a != suppression.TOTAL]
    hidden = t(HIDDEN)
    labels = _chart_labels(counts.index)
    stand_in = {q: f"#{i}" for i, q in enumerate(counts.index)}   # the chart builder cuts long questions
    long = _published_long(published, mask, "question", "answer", "n", hidden)
    long["question"] = long["question"].map(stand_in)
    long["country"] = f.countries[0]
    fig = workshop_style(charts.kii_stacked_bars(long, lang, None, t), lang) if not long.empty \
        else workshop_style(charts.empty_figure(lang, None, t), lang)
    if not long.empty:
        _rename_categories(fig, {stand_in[q]: labels[q] for q in counts.index})
        _grey(fig, hidden)
        _label_bars(fig, skip=hidden)
        fig.update_yaxes(categoryarray=[labels[q] for q in counts.index])
        _label_hidden(fig, published, mask, labels, {a: t(a) for a in answers})
    table = _table(published, "Question", {a: a for a in answers}, t)
    return {"table": table, "figure": fig, **_protection_parts(protection),
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
    protection = _suppressed(counts, k, suppression.merge_small_rows(counts, k, others=hidden))
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
    labels = _chart_labels([r for r, _ in shown])
    groups = [labels[r] for r, _ in shown] + ([hidden] if remainder > 0 or unknown else [])
    stand_in = {g: f"#{i}" for i, g in enumerate(groups)}       # the chart builder cuts long names
    frame = pd.DataFrame({"group": [stand_in[g] for g in groups],
                          "respondents": [v for _, v in shown] + ([max(remainder, 0)] if remainder > 0 or unknown else []),
                          "country": f.countries[0]})
    fig = workshop_style(charts.respondents_bars(frame, lang, None, t, y="group", color="country"), lang) \
        if not frame.empty else workshop_style(charts.empty_figure(lang, None, t), lang)
    if not frame.empty:
        _rename_categories(fig, {v: g for g, v in stand_in.items()})
        fig.update_traces(showlegend=False)
        colours = [HIDDEN_COLOR if g == hidden else charts.color_of("country", f.countries[0]) for g in fig.data[0].y]
        fig.data[0].marker.color = colours
        _label_bars(fig)
        fig.update_yaxes(categoryarray=groups)   # the hidden rows together come last
        if unknown:   # their marks, since their sum cannot be shown
            fig.add_annotation(x=0, y=hidden, xref="x", yref="y", text=" + ".join(marks), showarrow=False,
                               xanchor="left", xshift=6, bgcolor=HIDDEN_COLOR, borderpad=3,
                               font={"size": TEXT_SIZE, "color": "#FFFFFF"})
    table = _table(published.drop(columns=suppression.TOTAL), header, {"respondents": "Key informants"}, t)
    subtitle = t("Key informants interviewed, by organization: most institutions had fewer than {k}.", k=k) \
        if level == "organization" else t("Key informants interviewed, by institution.")
    return {"table": table, "figure": fig, **_protection_parts(protection),
            "count_columns": tuple(table.columns[1:]), "subtitle": subtitle,
            "others": hidden if remainder > 0 or unknown else ""}
