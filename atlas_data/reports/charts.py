"""Plotly figures of the dashboard, built from the frames of ``queries.py``: the one colour map, category
order and look shared by every chart, and the charts of people trained (reach, dropout, learning). The DMOP
and indicator charts are in ``dmop_charts.py``, the key-informant charts in ``kii_charts.py``.

One colour per country, per answer, per test type, per source; one order for steps (1–9), answers
(Yes, Partially, No, Don't know, Only positive, Positive and negative, Only negative) and countries
(Paraguay, Thailand, Liberia, Argentina, Bolivia): a Paraguay bar is the same blue on every page.

Every builder takes ``(df, lang="en", title=None, t=identity, …)`` and returns a ``go.Figure``:

- ``lang`` ('en' | 'es' | 'th') sets number separators (``1,234.5`` / ``1.234,5``) and date labels;
- ``t`` translates every text the chart writes itself (titles, axis titles, legend names, known
  category labels such as answers, steps, test types, countries); data text (a question, an
  activity, an institution) is shown as written;
- text is plain text: tags in data (``<b>``) are stripped, no HTML is produced;
- an empty (or ``None``) frame gives a figure with the note "No data for this selection".
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from atlas_data.contract import ANSWER_ORDER as _ANSWERS
from atlas_data.contract import COUNTRIES, STEPS
from atlas_data.i18n import fmt_date, fmt_int, fmt_month_short, fmt_percent, known_label

Translate = Callable[[str], str]

# The one look, white, as Plotly's default template: Plotly applies a default when it writes a figure, while
# naming the template on each figure copies all of it first (about 30 ms a figure, a page's slowest step).
pio.templates.default = "plotly_white"


def identity(text: str) -> str:
    """The default translation: the text unchanged."""
    return text


NO_DATA = "No data for this selection"

# ---------------------------------------------------------------- one order, one colour per category
COUNTRY_ORDER: tuple[str, ...] = tuple(COUNTRIES)
COUNTRY_COLORS: dict[str, str] = {      # Okabe–Ito palette: readable by colour-blind viewers
    "Paraguay": "#0072B2",
    "Thailand": "#E69F00",
    "Liberia": "#009E73",
    "Argentina": "#56B4E9",
    "Bolivia": "#CC79A7",
}
STEP_ORDER: tuple[int, ...] = tuple(range(1, 10))
ANSWER_ORDER: tuple[str, ...] = tuple(_ANSWERS)
ANSWER_COLORS: dict[str, str] = {
    "Yes": "#1A9641",
    "Partially": "#A6D96A",
    "No": "#D7191C",
    "Don't know": "#BDBDBD",
    "Only positive": "#2C7BB6",
    "Positive and negative": "#ABD9E9",
    "Only negative": "#FDAE61",
}
TEST_TYPE_ORDER: tuple[str, ...] = ("pre", "post", "follow_up")
TEST_TYPE_LABELS: dict[str, str] = {"pre": "Pre-test", "post": "Post-test", "follow_up": "Follow-up"}
TEST_TYPE_COLORS: dict[str, str] = {"pre": "#BDBDBD", "post": "#0072B2", "follow_up": "#009E73"}
SOURCE_ORDER: tuple[str, ...] = ("roster", "head count")
SOURCE_COLORS: dict[str, str] = {"roster": "#0072B2", "head count": "#56B4E9"}
GENDER_ORDER: tuple[str, ...] = ("Female", "Male", "Other", "Unknown")
GENDER_COLORS: dict[str, str] = {"Female": "#CC79A7", "Male": "#009E73", "Other": "#E69F00", "Unknown": "#BDBDBD"}
MODALITY_ORDER: tuple[str, ...] = ("in-person", "online", "hybrid")
MODALITY_COLORS: dict[str, str] = {"in-person": "#0072B2", "online": "#E69F00", "hybrid": "#009E73"}
BOARD_STATES: tuple[str, ...] = ("not yet", "done", "current")
BOARD_COLORS: dict[str, str] = {"not yet": "#F0F0F0", "done": "#9ECAE1", "current": "#08519C"}
# Panel titles of the indicator chart (the full names are too long for a panel).
INDICATOR_SHORT_NAMES: dict[str, str] = {"KI-1": "Activities implemented", "KI-2": "Individuals trained",
                                         "KI-3": "Coordination models at pilot or later"}
PLANNED_COLOR = "#737373"
TARGET_COLOR = "#252525"
OTHER_COLOR = "#999999"
# Colours for categories without a fixed map (stakeholder groups, institutions …), used in order.
SEQUENCE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#56B4E9", "#CC79A7", "#D55E00", "#F0E442",
                             "#000000", "#999999")

_AXES: dict[str, str] = {"country": "Country", "dmop": "DMOP", "activity": "Activity", "institution": "Institution",
                         "gender": "Gender", "modality": "Modality", "month": "Month", "year": "Year",
                         "fiscal_year": "Fiscal year", "region": "Region", "source": "Source"}
_STAGE_NAMES = {"enrolled": "Enrolled", "started": "Started", "completed": "Completed"}
OUTCOME_ORDER: tuple[str, ...] = ("completed", "dropped_out", "no_show")
OUTCOME_LABELS: dict[str, str] = {"completed": "Completed", "dropped_out": "Dropped out", "no_show": "Never attended"}
OUTCOME_COLORS: dict[str, str] = {"completed": "#1A9641", "dropped_out": "#D7191C", "no_show": "#BDBDBD"}

#: Every text the builders pass through ``t`` besides category values from the data (institutions,
#: stakeholder groups …): the i18n catalog needs a translation for each.
TRANSLATABLE: tuple[str, ...] = tuple(dict.fromkeys((
    NO_DATA, "Step", "DMOP steps", "Date", "Planned", "Actual", "Delay", "People trained", "Session",
    "Activity", "Mean score (% of maximum)", "Item", "Correct answers (%)", "Answers", "Share of answers (%)",
    "Key informants", "Target", "comments", "Comments", "Participants", "Completion rate",
    *OUTCOME_LABELS.values(),
    *STEPS.values(), *BOARD_STATES, *COUNTRY_ORDER, *ANSWER_ORDER, *TEST_TYPE_LABELS.values(), *SOURCE_ORDER,
    *GENDER_ORDER, *MODALITY_ORDER, *_AXES.values(), *_STAGE_NAMES.values(), *INDICATOR_SHORT_NAMES.values(),
)))

_ORDERS: dict[str, Sequence] = {
    "country": COUNTRY_ORDER, "answer": ANSWER_ORDER, "step": STEP_ORDER, "test_type": TEST_TYPE_ORDER,
    "source": SOURCE_ORDER, "gender": GENDER_ORDER, "modality": MODALITY_ORDER,
}
_COLORS: dict[str, dict[str, str]] = {
    "country": COUNTRY_COLORS, "answer": ANSWER_COLORS, "test_type": TEST_TYPE_COLORS, "source": SOURCE_COLORS,
    "gender": GENDER_COLORS, "modality": MODALITY_COLORS,
}
# Category values the chart translates (labels we own); other columns hold data text.
_TRANSLATED = {"country", "answer", "source", "gender", "modality", "test_type", "stage", "dmop_type",
               "stakeholder_group", "stakeholder_type"}


def ordered(values: Iterable, kind: str | None = None) -> list:
    """Distinct values in the fixed order of ``kind`` (country, answer, step, …), others after, sorted."""
    seen = [v for v in dict.fromkeys(values) if v is not None and not (isinstance(v, float) and pd.isna(v))]
    order = list(_ORDERS.get(kind, ()))
    known = [v for v in order if v in seen]
    rest = sorted((v for v in seen if v not in order), key=lambda v: str(v))
    return known + rest


def color_of(kind: str, value, position: int = 0) -> str:
    """The colour of a category (``color_of("country", "Paraguay")``); for a value outside the map
    (an answer label written otherwise, an institution) the ``position``-th sequence colour, and
    grey for a country outside the five."""
    mapping = _COLORS.get(kind)
    if mapping is not None and value in mapping:
        return mapping[value]
    if kind == "country":
        return OTHER_COLOR
    return SEQUENCE[position % len(SEQUENCE)]


def short(text, width: int = 60) -> str:
    """Plain text cut to ``width`` characters with "…" (a long question as an axis label)."""
    text = plain(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def short_labels(full: list[str], width: int) -> dict[str, str]:
    """Short axis labels for ``full``; a label that would collide with another stays whole."""
    cut = {f: short(f, width) for f in full}
    counts: dict[str, int] = {}
    for v in cut.values():
        counts[v] = counts.get(v, 0) + 1
    return {f: (v if counts[v] == 1 else f) for f, v in cut.items()}


_BREAK = re.compile(r"<\s*(br|/p|/li|/div)\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def plain(text) -> str:
    """Text for a chart: tags removed (a line break becomes a space), spaces collapsed; ``None`` → ``""``."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return re.sub(r"\s+", " ", _TAG.sub("", _BREAK.sub(" ", str(text)))).strip()


def step_text(step: int, t: Translate = identity) -> str:
    """``"5. Pilot"`` (translated name)."""
    return f"{int(step)}. {t(STEPS[int(step)])}"


def category_label(kind: str, value, t: Translate) -> str:
    if kind == "test_type":
        return t(TEST_TYPE_LABELS.get(value, plain(value)))
    return t(plain(value)) if kind in _TRANSLATED else plain(value)


def date_text(value, lang: str) -> str:
    """A date as the tables write it (``10 abr 2021``, ``Apr 10, 2021``: ``i18n.fmt_date``, medium)."""
    if value is None or pd.isna(value):
        return ""
    return fmt_date(pd.Timestamp(value), lang, "medium")


def separators(lang: str) -> str:
    """Plotly's `separators`: the language's decimal sign, then its thousands sign (Babel): `,.` for
    Spanish, `.,` for English and Thai."""
    from babel.numbers import get_decimal_symbol, get_group_symbol
    try:
        return get_decimal_symbol(lang) + get_group_symbol(lang)
    except Exception:      # an unknown locale: the English signs
        return ".,"


def count_axis(fig: go.Figure, axis: str = "y") -> None:
    """A count axis ticks whole numbers only (never 0.5 people): ``tickformat=",d"`` (thousands in the
    figure's separators) and, where the largest bar is 10 or less, a tick every 1."""
    values: dict = {}
    stacked = fig.layout.barmode in ("stack", "relative")
    for trace in fig.data:
        along = trace.x if axis == "x" else trace.y
        across = trace.y if axis == "x" else trace.x
        if along is None or trace.type not in ("bar", "scatter"):
            continue
        for i, v in enumerate(along):
            if v is None or not isinstance(v, (int, float, np.integer, np.floating)) or v != v:
                continue
            key = across[i] if stacked and across is not None and i < len(across) else (id(trace), i)
            values[key] = values.get(key, 0) + max(float(v), 0)
    top = max(values.values(), default=0)
    settings = {"tickformat": ",d", "rangemode": "tozero"}
    if top <= 10:
        settings.update(tick0=0, dtick=1)
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(**settings)


def date_ticks(fig: go.Figure, dates, lang: str, axis: str = "x") -> None:
    """Month ticks on a date axis written by Babel (``abr 2021``), whatever locale Plotly runs in (the
    browser's Plotly and kaleido's only know English month names): one tick a month over a year or less,
    a quarter up to three years, else one every six months."""
    known = pd.to_datetime(pd.Series(list(dates)), errors="coerce").dropna()
    if known.empty:
        return
    first, last = known.min(), known.max()
    months = (last.year - first.year) * 12 + last.month - first.month
    step = 1 if months <= 12 else 3 if months <= 36 else 6
    start = pd.Timestamp(first.year, 1 + (first.month - 1) // step * step, 1)
    ticks = list(pd.date_range(start, last + pd.offsets.MonthBegin(1), freq=f"{step}MS"))
    text = [fmt_month_short(d, lang) for d in ticks]
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(
        tickmode="array", tickvals=[d.strftime("%Y-%m-%d") for d in ticks], ticktext=text)


def is_empty(df: pd.DataFrame | None) -> bool:
    return df is None or len(df) == 0


def numeric_counts(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``df`` with count ``columns`` as numbers. A published mark in place of a count (``<5``, ``×``:
    publish mode, ``atlas_data.publish``) is no number: it becomes NaN and draws no bar, and the mark is
    kept in ``__mark_<column>`` for the hover text."""
    marked = [c for c in columns if c in df.columns and df[c].map(lambda v: isinstance(v, str)).any()]
    if not marked:
        return df
    df = df.copy()
    for c in marked:
        df[f"__mark_{c}"] = df[c].map(lambda v: v if isinstance(v, str) else None)
        df[c] = pd.to_numeric(df[c], errors="coerce")
    return df


def _count_text(value) -> str:
    """A count written on its bar: the number, a published mark (`<5`, `×`) as it is, nothing for 0 or none."""
    if isinstance(value, str):
        return value
    return "" if pd.isna(value) or not value else str(int(value))


def bar_values(values, hidden=None, digits: int | None = 0) -> list:
    """Bar lengths: a hidden count (``hidden`` true: a published mark) is no bar (None), never a bar of 0;
    a missing one is 0 as always."""
    hidden = [False] * len(values) if hidden is None else \
        [isinstance(h, (bool, np.bool_)) and bool(h) for h in hidden]
    out = []
    for v, h in zip(values, hidden):
        if h:
            out.append(None)
        else:
            v = 0 if pd.isna(v) else v
            out.append(int(v) if digits == 0 else round(float(v), digits) if digits else float(v))
    return out


def hover_count(value, mark=None) -> str:
    """A count in a hover text: the number, or its mark where it is hidden."""
    if mark is not None and isinstance(mark, str):
        return mark
    return "–" if value is None or pd.isna(value) else str(int(value))


def _short_ticks(fig: go.Figure, categories: list[str], width: int = 28) -> None:
    """Long category names (activities, institutions) written short under the axis, whole in the
    hover and in the data: the bars keep their full names."""
    if any(len(str(c)) > width for c in categories):
        labels = short_labels([str(c) for c in categories], width)
        fig.update_xaxes(tickmode="array", tickvals=list(categories), ticktext=[labels[str(c)] for c in categories],
                         tickangle=-30, automargin=True)


def _legend_rows(fig: go.Figure, width: float = 400) -> int:
    """About how many lines the horizontal legend takes (long group names wrap onto more lines)."""
    names = {}
    for trace in fig.data:
        if trace.type == "heatmap" or trace.showlegend is False or not trace.name:
            continue
        names.setdefault(trace.legendgroup or trace.name, str(trace.name))
    if not names:
        return 0
    return max(1, math.ceil(sum(40 + 6.5 * len(n) for n in names.values()) / width))


def styled(fig: go.Figure, lang: str, title: str | None, t: Translate, legend_y: float = 1.02,
           **layout) -> go.Figure:
    """The one look: the white template (the default, above), the language's separators, the legend in rows above the plot
    (the top margin grows with it, so a long legend never covers the title)."""
    extra = 26 * max(_legend_rows(fig) - 1, 0)
    fig.update_layout(
        separators=separators(lang),
        title={"text": plain(t(title)) if title else None},
        legend={"traceorder": "normal", "orientation": "h", "yanchor": "bottom", "y": legend_y, "xanchor": "left",
                "x": 0},
        margin={"l": 10, "r": 10, "t": (100 if title else 60) + extra, "b": 10},
        **layout,
    )
    if "height" in layout:
        fig.update_layout(height=layout["height"] + extra)
    return fig


def empty_figure(lang: str = "en", title: str | None = None, t: Translate = identity) -> go.Figure:
    """A blank figure with the note "No data for this selection" (translated), axes hidden."""
    fig = go.Figure()
    fig.add_annotation(text=plain(t(NO_DATA)), showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5,
                       font={"size": 16, "color": "#737373"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return styled(fig, lang, title, t)


def with_country(df: pd.DataFrame, column: str, t: Translate, lang: str = "en") -> pd.Series:
    """``column``'s text (a label the catalog holds, such as "Contents", in ``lang``), followed by the
    country when the frame holds more than one country."""
    text = df[column].map(lambda v: known_label(plain(v), lang))
    if "country" in df.columns and df["country"].nunique() > 1:
        return text + " (" + df["country"].map(lambda c: t(plain(c))) + ")"
    return text


# ===================================================================== training

def _sorted_categories(df: pd.DataFrame, col: str, value: str) -> list:
    if col in _ORDERS:
        return ordered(df[col], col)
    if col in ("month", "year", "fiscal_year", "session_date", "period"):
        return sorted(v for v in df[col].dropna().unique())
    totals = df.groupby(col, dropna=True)[value].sum().sort_values(ascending=False, kind="stable")
    return list(totals.index)


def reach_bars(df: pd.DataFrame | None, lang: str = "en", title: str | None = None, t: Translate = identity,
               x: str = "country", color: str = "source", grouped: bool = False) -> go.Figure:
    """Unique people trained (``queries.reach``): bars along ``x``, stacked by ``color``
    (``source`` by default: roster and head count), or side by side with ``grouped``; each bar
    carries its count."""
    if is_empty(df):
        return empty_figure(lang, title, t)
    if x not in df.columns:
        raise ValueError(f"reach_bars: column {x!r} not in the frame {list(df.columns)}")
    color = color if color and color in df.columns and color != x else None
    keys = [x] + ([color] if color else [])
    df = numeric_counts(df, "people")
    data = df.groupby(keys, dropna=False, as_index=False)["people"].sum(min_count=1)
    data["__hidden"] = data["people"].isna()
    cats = _sorted_categories(data, x, "people")
    fig = go.Figure()
    groups = ordered(data[color], color) if color else [None]
    for i, g in enumerate(groups):
        part = data if g is None else data[data[color] == g]
        part = part.set_index(x).reindex(cats).reset_index()
        xs = part[x] if x in ("month", "year", "fiscal_year") else [category_label(x, v, t) for v in part[x]]
        fig.add_trace(go.Bar(
            x=list(xs), y=bar_values(part["people"], part["__hidden"]),
            text=[_count_text(v) for v in part["people"]] if grouped else None,
            textposition="outside" if grouped else None,
            name=category_label(color, g, t) if g is not None else t("People trained"),
            marker_color=color_of(color, g, i) if g is not None else color_of("source", "roster")))
    axis = _AXES.get(x, x)
    if x not in ("month", "year", "fiscal_year"):
        labels = [category_label(x, v, t) for v in cats]
        fig.update_xaxes(categoryorder="array", categoryarray=labels)
        _short_ticks(fig, labels)
    elif x == "month":
        date_ticks(fig, cats, lang)
    fig.update_xaxes(title_text=t(axis))
    fig.update_yaxes(title_text=t("People trained"), rangemode="tozero")
    fig.update_layout(barmode="group" if grouped else "stack")
    count_axis(fig, "y")
    return styled(fig, lang, title, t, barmode="group" if grouped else "stack")


def dropout_funnel(df: pd.DataFrame | None, lang: str = "en", title: str | None = None,
                   t: Translate = identity) -> go.Figure:
    """From the roster to completion (``queries.dropout_funnel``): started, present at each session
    in date order, completed; one funnel per activity. "Enrolled" shows only where some people on
    the roster never came."""
    if is_empty(df):
        return empty_figure(lang, title, t)
    df = numeric_counts(df, "participants").sort_values(["stage_no"], kind="stable")
    keys = list(dict.fromkeys(zip(df["country"], df["activity"])))
    several = len(keys) > 1
    show_enrolled = False
    for country, activity in keys:
        d = df[(df["country"] == country) & (df["activity"] == activity)]
        enrolled = d.loc[d["stage"] == "enrolled", "participants"]
        started = d.loc[d["stage"] == "started", "participants"]
        if len(enrolled) and len(started) and pd.notna(enrolled.iloc[0]) and pd.notna(started.iloc[0]) \
                and int(enrolled.iloc[0]) > int(started.iloc[0]):
            show_enrolled = True
    fig = go.Figure()
    for i, (country, activity) in enumerate(keys):
        d = df[(df["country"] == country) & (df["activity"] == activity)]
        if not show_enrolled:
            d = d[d["stage"] != "enrolled"]
        labels = []
        for _, r in d.iterrows():
            if r["stage"] == "session":
                label = f"{t('Session')} {int(r['session_no'])}"
                if not several and pd.notna(r.get("session_date")):
                    label += f" · {date_text(r['session_date'], lang)}"
            else:
                label = t(_STAGE_NAMES.get(r["stage"], plain(r["stage"])))
            labels.append(label)
        name = plain(activity) + (f" ({t(plain(country))})" if several and df["country"].nunique() > 1 else "")
        colour = color_of("country", country) if not several else SEQUENCE[i % len(SEQUENCE)]
        values = bar_values(d["participants"], d["participants"].isna())
        first = next((v for v in values if v), None)
        text = ["" if v is None else fmt_int(v, lang) + (f" ({fmt_percent(v / first, lang)})" if first else "")
                for v in values]      # the language's numbers and percentages (Plotly's would be `100%`)
        fig.add_trace(go.Funnel(y=labels, x=values, name=name, marker={"color": colour}, text=text,
                                textinfo="text"))
    return styled(fig, lang, title, t, funnelmode="group" if several else None)


def dropout_bars(df: pd.DataFrame | None, lang: str = "en", title: str | None = None,
                 t: Translate = identity, by: str = "institution") -> go.Figure:
    """Participants who completed, dropped out or never attended, per ``by`` (institution or
    gender), stacked horizontal bars with the completion rate in the hover
    (``queries.dropout_summary(by=...)``; several activities are added up per group)."""
    if is_empty(df):
        return empty_figure(lang, title, t)
    if by not in df.columns:
        raise ValueError(f"dropout_bars: column {by!r} not in the frame {list(df.columns)}")
    outcomes = ["started", "completed", "dropped_out", "no_show"]
    df = numeric_counts(df, *outcomes)
    data = df.groupby(by, dropna=False, as_index=False)[outcomes].sum(min_count=1)
    for c in outcomes:           # the mark of a hidden count, for the hover text
        mark = f"__mark_{c}"
        data[mark] = list(df.groupby(by, dropna=False)[mark].first()) if mark in df.columns else None
    data[by] = data[by].map(lambda v: plain(v) if plain(v) else "–")
    if by in _ORDERS:
        cats = ordered(data[by], by)
    else:
        cats = list(data.sort_values(["started", by], ascending=[False, True], kind="stable")[by])
    data = data.set_index(by).reindex(cats)
    labels = [category_label(by, v, t) for v in cats]
    rates = data["completed"] / data["started"].where(data["started"] > 0)
    fig = go.Figure()
    for outcome in OUTCOME_ORDER:
        values = data[outcome]
        if outcome == "no_show" and not values.fillna(0).any() and data[f"__mark_{outcome}"].isna().all():
            continue
        fig.add_trace(go.Bar(
            y=labels, x=bar_values(values, values.isna()), orientation="h", name=t(OUTCOME_LABELS[outcome]),
            marker_color=OUTCOME_COLORS[outcome],
            hovertext=[f"{lbl}: {t(OUTCOME_LABELS[outcome])} {hover_count(v, m)} — {t('Completion rate')} "
                       f"{'' if pd.isna(r) else fmt_percent(float(r), lang)}"
                       for lbl, v, m, r in zip(labels, values, data[f"__mark_{outcome}"], rates)],
            hoverinfo="text"))
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", automargin=True,
                     title_text=t(_AXES.get(by, by)))
    fig.update_xaxes(title_text=t("Participants"), rangemode="tozero")
    fig.update_layout(barmode="stack")
    count_axis(fig, "x")
    return styled(fig, lang, title, t, barmode="stack", height=max(260, 110 + 36 * len(cats)))


# ===================================================================== learning

def learning_scores(df: pd.DataFrame | None, lang: str = "en", title: str | None = None,
                    t: Translate = identity) -> go.Figure:
    """Mean score as % of the maximum, pre-test / post-test / follow-up, per activity
    (``queries.learning``)."""
    if is_empty(df):
        return empty_figure(lang, title, t)
    x = with_country(df, "activity", t, lang).tolist()
    fig = go.Figure()
    for kind in TEST_TYPE_ORDER:
        mean_col, n_col = f"{kind}_mean", f"{kind}_n"
        if mean_col not in df.columns or df[mean_col].isna().all():
            continue
        fig.add_trace(go.Bar(
            x=x, y=df[mean_col].astype("float64").round(1).tolist(), name=category_label("test_type", kind, t),
            marker_color=TEST_TYPE_COLORS[kind],
            hovertext=[f"{xx}: {category_label('test_type', kind, t)} {fmt_percent(float(m) / 100, lang, 1) if pd.notna(m) else '–'} "
                       f"(n = {n if isinstance(n, str) else int(n) if pd.notna(n) else 0})"
                       for xx, m, n in zip(x, df[mean_col], df.get(n_col, pd.Series([None] * len(df))))],
            hoverinfo="text"))
    if not fig.data:
        return empty_figure(lang, title, t)
    fig.update_yaxes(title_text=t("Mean score (% of maximum)"), range=[0, 100])
    fig.update_xaxes(title_text=t("Activity"), categoryorder="array", categoryarray=x)
    _short_ticks(fig, x)
    return styled(fig, lang, title, t, barmode="group")


def item_difficulty(df: pd.DataFrame | None, lang: str = "en", title: str | None = None,
                    t: Translate = identity) -> go.Figure:
    """Share of correct answers per test item (``queries.item_difficulty``), one bar colour per
    test type; items top to bottom in their order (Q1, Q2 … Q10)."""
    if is_empty(df):
        return empty_figure(lang, title, t)
    df = df.copy()
    several = df[["country", "activity"]].drop_duplicates().shape[0] > 1
    df["__y"] = (df["activity"].map(plain) + " · " + df["item"].map(plain)) if several else df["item"].map(plain)
    cats = list(dict.fromkeys(df["__y"]))
    fig = go.Figure()
    for kind in ordered(df["test_type"], "test_type"):
        d = df[df["test_type"] == kind].set_index("__y").reindex(cats)
        d = d[d["share_correct"].notna()]
        fig.add_trace(go.Bar(
            y=list(d.index), x=(100 * d["share_correct"].astype("float64")).round(1).tolist(),
            orientation="h", name=category_label("test_type", kind, t), marker_color=color_of("test_type", kind)))
    fig.update_yaxes(categoryorder="array", categoryarray=cats, autorange="reversed", title_text=t("Item"))
    fig.update_xaxes(title_text=t("Correct answers (%)"), range=[0, 100])
    return styled(fig, lang, title, t, barmode="group")
