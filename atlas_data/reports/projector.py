"""The projector style of the workshop slides, and one screen per slide.

Large type, black on white, thick lines, no hover text (``style``); the slide's chart with its title for
export (``titled``) and for a larger screen (``scaled``); category labels wrapped whole, never cut, and a
horizontal bar chart with more rows than fit one screen of 1280 × 720 split into parts (``fitted``).
No Streamlit here, and no data: ``workshop.py`` builds the slides and calls these.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from atlas_data.reports import charts, protected, suppression

# Projector style: black on white, large type, thick gridlines; one size for the screen and the PNG.
HIDDEN_COLOR = "#6E6E6E"     # the grey part of a bar that holds the hidden cells together, and their labels
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


def titled(slide, lang: str = "en", width: int = PNG_SIZE[0], height: int = PNG_SIZE[1]) -> go.Figure:
    """The slide's figure with its title and sized for export (PNG download, workshop pack)."""
    fig = go.Figure(slide.figure)
    fig.update_layout(title={"text": charts.plain(slide.title), "x": 0.01, "xanchor": "left",
                             "font": {"size": 34, "color": INK}},
                      width=width, height=height, margin={"t": 130 if legend_on(fig) else 90})
    if legend_on(fig):
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


# =========================================================================== chart styling

def style(fig: go.Figure, lang: str = "en", height: int = CHART_HEIGHT) -> go.Figure:
    """Large type, black on white, thick lines, no hover text (a projector has no mouse over it, and hover
    text can carry numbers the slide does not publish). No text under 18 px: a count that would need a
    smaller size to fit its bar keeps 18 px (``uniformtext``) rather than being hidden."""
    fig.update_layout(
        template="plotly_white", separators=charts.separators(lang),
        font={"family": FONT, "size": 20, "color": INK}, paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF",
        height=height, hovermode=False, title=None,
        legend={"font": {"size": 20, "color": INK}, "orientation": "h", "yanchor": "bottom", "y": 1.0,
                "xanchor": "left", "x": 0, "title": None},
        margin={"l": 10, "r": 30, "t": 50 if legend_on(fig) else 20, "b": 10},
        uniformtext={"minsize": TEXT_SIZE, "mode": "show"},
    )
    def axis(ax) -> None:
        ax.update(title_font={"size": 20, "color": INK}, gridcolor="#C8C8C8", linecolor=INK, zerolinecolor=INK,
                  automargin=True, tickfont={"size": max(ax.tickfont.size or TEXT_SIZE, TEXT_SIZE), "color": INK})
    fig.for_each_xaxis(axis)
    fig.for_each_yaxis(axis)
    for note in fig.layout.annotations:
        note.font = {"size": 22, "color": INK}
    return without_hover(fig)


def without_hover(fig: go.Figure) -> go.Figure:
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


def legend_on(fig: go.Figure) -> bool:
    return sum(1 for tr in fig.data if tr.showlegend is not False) > 1 and fig.layout.showlegend is not False


def _lines(text: str, width: int) -> list[str]:
    """Plain text in lines of at most ``width`` characters (a longer word on a line of its own; Thai, written
    without spaces between words, broken between syllables)."""
    lines = textwrap.wrap(charts.plain(text), width, break_long_words=False, break_on_hyphens=False) or [""]
    return [part for line in lines for part in (_thai_lines(line, width) if _THAI_LETTER.search(line) else [line])]


_THAI_LETTER = re.compile(r"[\u0e01-\u0e4f]")
_THAI_MARKS = set("\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e45"
                  "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")   # vowels and tone marks that follow
_THAI_LEADING = set("\u0e40\u0e41\u0e42\u0e43\u0e44")                   # vowels written before their consonant


def _thai_lines(line: str, width: int) -> list[str]:
    """A line holding Thai cut into pieces of about ``width`` letters, only where a syllable may start (before a
    consonant or a leading vowel, never after a leading vowel, never before a mark) or at a space."""
    if sum(c not in _THAI_MARKS for c in line) <= width:
        return [line]
    out, start, count, last_break = [], 0, 0, None
    for i, c in enumerate(line):
        if i > start and (c == " " or (_THAI_LETTER.match(c) and c not in _THAI_MARKS
                                       and line[i - 1] not in _THAI_LEADING and line[i - 1] != " ")):
            last_break = i
        count += c not in _THAI_MARKS
        if count > width and last_break is not None and last_break > start:
            out.append(line[start:last_break].strip())
            start = last_break
            count = sum(ch not in _THAI_MARKS for ch in line[start:i + 1])
            last_break = None
    out.append(line[start:].strip())
    return [piece for piece in out if piece]


def wrap(text: str, width: int) -> str:
    """Plain text broken into lines of ``width`` characters for an axis label: every word kept (no "…")."""
    return "<br>".join(_lines(text, width))


def wrap_ticks(fig: go.Figure, axis: str, width: int) -> None:
    """Write the category labels of ``axis`` (its ``categoryarray``) whole, in lines of ``width`` characters."""
    layout_axis = fig.layout[f"{axis}axis"]
    cats = list(layout_axis.categoryarray or [])
    if cats:
        layout_axis.update(tickmode="array", tickvals=cats, ticktext=[wrap(c, width) for c in cats])


def label_bars(fig: go.Figure, skip: str | None = None) -> None:
    """Write each published value inside its bar (large, in the language's separators)."""
    for trace in fig.data:
        if trace.type != "bar" or trace.name == skip:
            continue
        value = "%{x}" if trace.orientation == "h" else "%{y}"
        trace.update(texttemplate=value, textposition="inside", insidetextanchor="middle", textangle=0)


def label_hidden(fig: go.Figure, published: pd.DataFrame, mask: pd.DataFrame, labels: dict, names: dict,
                  size: int = TEXT_SIZE) -> None:
    """Per horizontal bar with hidden cells, a grey label at its end naming them with their marks
    (``Partially <5 · No ×``): after the grey part when the row total is published (the hidden cells
    together), right after the shown cells when it is not (their sizes are then unknown). The x axis is
    widened so that the labels fit."""
    cells = published.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    hidden = mask.drop(index=suppression.TOTAL).drop(columns=suppression.TOTAL)
    remainder = protected.hidden_remainder(published, mask)
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

def fitted(slide):
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
            wrap_ticks(fig, "x", max(min(width, ROW_LABEL_WIDTHS[-1]), 12))
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
                     ticktext=[wrap(r, width) for r in rows])
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


def grey(fig: go.Figure, name: str) -> None:
    for trace in fig.data:
        if trace.name == name:
            trace.marker.color = HIDDEN_COLOR
            trace.marker.pattern = {"shape": "/", "fgcolor": "#FFFFFF", "size": 12}


def note(fig: go.Figure, text: str) -> None:
    fig.add_annotation(text=charts.plain(text), showarrow=False, xref="paper", yref="paper", x=0, y=-0.02,
                       xanchor="left", yanchor="top", font={"size": 18, "color": INK})


def chart_labels(values) -> dict:
    """Chart labels for data text: plain and whole (wrapped on the axis, never cut), one per value."""
    labels: dict = {}
    for v in dict.fromkeys(values):
        label = charts.plain(v) or "–"
        while label in labels.values():           # two values that read the same stay two rows
            label += "\u00a0"
        labels[v] = label
    return labels


def rename_categories(fig: go.Figure, names: dict) -> None:
    """Put the y categories ``names`` stands for back in a horizontal bar chart (its builder was given
    short stand-ins, so that it had no long name to cut)."""
    for trace in fig.data:
        if trace.y is not None:
            trace.y = [names.get(y, y) for y in trace.y]
    cats = fig.layout.yaxis.categoryarray
    fig.update_yaxes(categoryarray=[names.get(c, c) for c in cats] if cats else list(names.values()),
                     tickmode=None, tickvals=None, ticktext=None)
