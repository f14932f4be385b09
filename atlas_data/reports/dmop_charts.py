"""The DMOP charts: where each DMOP stands on the nine steps (``dmop_board``), its milestones over time
(``dmop_timeline``) and the key indicators against their targets (``indicator_vs_target``). Same builder
signature, colours, orders and look as every chart (``charts.py``).
"""
from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from atlas_data.contract import KEY_INDICATORS
from atlas_data.reports import charts


def dmop_board(df: pd.DataFrame | None, lang: str = "en", title: str | None = None,
               t: charts.Translate = charts.identity) -> go.Figure:
    """Grid of DMOPs (rows) × the nine steps (columns): steps done, the current step(s), steps to
    come; the current step's cell shows the label as written (``7/8``). From ``queries.dmop_board``.
    A ``7/8`` label marks steps 7 and 8 as current; a DMOP with no step reported is a row of
    steps to come."""
    if charts.is_empty(df):
        return charts.empty_figure(lang, title, t)
    df = df.copy()
    order = charts.COUNTRY_ORDER
    df["__c"] = df["country"].map(lambda c: order.index(c) if c in order else len(order))
    df["__t"] = df.get("dmop_type", pd.Series(index=df.index, dtype="str")).map(
        {"enforcement": 0, "coordination": 1}).fillna(2)
    df["__i"] = range(len(df))
    df = df.sort_values(["__c", "country", "__t", "__i"])
    rows = charts.with_country(df, "dmop", t, lang).tolist()
    x = [str(s) for s in charts.STEP_ORDER]
    z, text, hover = [], [], []
    for (_, r), row_label in zip(df.iterrows(), rows):
        step = int(r["step"]) if pd.notna(r["step"]) else 0          # 0: no step reported
        upper = r.get("step_upper")
        upper = int(upper) if upper is not None and pd.notna(upper) and step else step
        upper = max(step, upper)
        label = (charts.plain(r.get("step_label")) or str(step)) if step else ""
        note = charts.plain(r.get("status_note"))
        z_row, text_row, hover_row = [], [], []
        for s in charts.STEP_ORDER:
            state = 2 if step <= s <= upper else (1 if s < step else 0)
            z_row.append(state)
            text_row.append(label if s == step else "")
            line = f"{row_label} — {charts.step_text(s, t)}: {t(charts.BOARD_STATES[state])}"
            if state == 2 and note:
                line += f" — {note}"
            hover_row.append(line)
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    c0, c1, c2 = (charts.BOARD_COLORS[s] for s in charts.BOARD_STATES)
    scale = [[0.0, c0], [1 / 3, c0], [1 / 3, c1], [2 / 3, c1], [2 / 3, c2], [1.0, c2]]
    fig = go.Figure(go.Heatmap(
        z=z, x=x, y=rows, text=text, texttemplate="%{text}", textfont={"color": "#FFFFFF", "size": 14},
        hovertext=hover, hoverinfo="text", zmin=0, zmax=2, colorscale=scale, showscale=False,
        xgap=3, ygap=3, name=t("DMOP steps")))
    fig.update_xaxes(title_text=t("Step"), tickmode="array", tickvals=x,
                     ticktext=[charts.step_text(s, t) for s in charts.STEP_ORDER], tickangle=-35, side="top",
                     categoryorder="array", categoryarray=x)
    fig.update_yaxes(categoryorder="array", categoryarray=rows, autorange="reversed")
    return charts.styled(fig, lang, title, t, height=max(260, 60 + 40 * len(rows)))


def dmop_timeline(df: pd.DataFrame | None, lang: str = "en", title: str | None = None,
                  t: charts.Translate = charts.identity) -> go.Figure:
    """Planned against actual date of each step (from ``queries.dmop_milestones``): an open
    marker for the plan, a filled one for the achievement, a line between them for the delay."""
    if charts.is_empty(df):
        return charts.empty_figure(lang, title, t)
    df = df.dropna(subset=["step"]).sort_values(["step"]).copy()
    if df.empty or (df["planned_date"].isna().all() and df["actual_date"].isna().all()):
        return charts.empty_figure(lang, title, t)
    steps = [charts.step_text(s, t) for s in charts.STEP_ORDER]
    dmops = list(dict.fromkeys(df["dmop"]))
    several = len(dmops) > 1
    fig = go.Figure()
    for dmop in dmops:
        d = df[df["dmop"] == dmop]
        country = d["country"].iloc[0]
        colour = charts.color_of("country", country)
        y = [charts.step_text(s, t) for s in d["step"]]
        prefix = f"{charts.plain(dmop)} · " if several else ""
        # delay segments first, so the markers sit on top
        xs, ys = [], []
        for (_, r), yy in zip(d.iterrows(), y):
            if pd.notna(r["planned_date"]) and pd.notna(r["actual_date"]):
                xs += [r["planned_date"], r["actual_date"], None]
                ys += [yy, yy, None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=prefix + t("Delay"), legendgroup=dmop,
                                 line={"color": colour, "width": 2}, hoverinfo="skip", showlegend=False))
        fig.add_trace(go.Scatter(
            x=d["planned_date"], y=y, mode="markers", name=prefix + t("Planned"), legendgroup=dmop,
            marker={"symbol": "circle-open", "size": 12, "color": charts.PLANNED_COLOR, "line": {"width": 2}},
            hovertext=[f"{yy}: {t('Planned')} {charts.date_text(v, lang)}" for yy, v in zip(y, d["planned_date"])],
            hoverinfo="text"))
        fig.add_trace(go.Scatter(
            x=d["actual_date"], y=y, mode="markers", name=prefix + t("Actual"), legendgroup=dmop,
            marker={"symbol": "circle", "size": 12, "color": colour},
            hovertext=[f"{yy}: {t('Actual')} {charts.date_text(v, lang)}" for yy, v in zip(y, d["actual_date"])],
            hoverinfo="text"))
    fig.update_yaxes(categoryorder="array", categoryarray=steps, autorange="reversed", title_text=t("Step"))
    fig.update_xaxes(title_text=t("Date"), type="date")
    charts.date_ticks(fig, list(df["planned_date"]) + list(df["actual_date"]), lang)
    return charts.styled(fig, lang, title, t)


def indicator_vs_target(df: pd.DataFrame | None, lang: str = "en", title: str | None = None,
                        t: charts.Translate = charts.identity, include_total: bool = False) -> go.Figure:
    """Actual (bars, country colours) against target (dark marks) per period, one panel per
    indicator in KI order (``queries.indicators_vs_targets``). The ``total`` rows are left out
    unless ``include_total``."""
    if charts.is_empty(df):
        return charts.empty_figure(lang, title, t)
    df = charts.numeric_counts(df.copy(), "actual")
    if not include_total:
        df = df[df["period"] != "total"]
    if df.empty:
        return charts.empty_figure(lang, title, t)
    known = [k[0] for k in KEY_INDICATORS]
    indicators = [i for i in known if i in set(df["indicator"])] + sorted(set(df["indicator"]) - set(known))
    titles = [f"{i}: {t(charts.INDICATOR_SHORT_NAMES[i])}" if i in charts.INDICATOR_SHORT_NAMES else charts.plain(i)
              for i in indicators]
    fig = make_subplots(rows=1, cols=len(indicators), subplot_titles=titles)
    countries = charts.ordered(df["country"], "country")
    several = len(countries) > 1
    for col, ind in enumerate(indicators, start=1):
        d = df[df["indicator"] == ind]
        periods = _period_order(d["period"])
        for country in countries:
            c = d[d["country"] == country].drop_duplicates("period").set_index("period").reindex(periods)
            first = col == 1
            fig.add_trace(go.Bar(
                x=periods, y=c["actual"].astype("float64").tolist(), name=t(charts.plain(country)),
                legendgroup=country, showlegend=first, marker_color=charts.color_of("country", country),
                offsetgroup=country), row=1, col=col)
            target_name = f"{t('Target')} ({t(charts.plain(country))})" if several else t("Target")
            fig.add_trace(go.Scatter(
                x=periods, y=c["target"].astype("float64").tolist(), mode="markers", name=target_name,
                legendgroup=f"target {country}", showlegend=first, offsetgroup=country,
                marker={"symbol": "line-ew-open", "size": 28, "color": charts.TARGET_COLOR, "line": {"width": 3}}),
                row=1, col=col)
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=periods, row=1, col=col)
    fig.update_layout(barmode="group")
    charts.count_axis(fig, "y")
    # scattermode "group": each target mark sits over its own country's bar; the legend sits above
    # the panel titles
    fig = charts.styled(fig, lang, title, t, legend_y=1.12, barmode="group", scattermode="group", height=500)
    fig.update_layout(margin={"t": fig.layout.margin.t + 30})
    return fig


def _period_order(periods: pd.Series) -> list[str]:
    def key(p: str):
        digits = re.sub(r"\D", "", str(p))
        return (str(p) == "total", int(digits) if digits else 0, str(p))
    return sorted(dict.fromkeys(p for p in periods if pd.notna(p)), key=key)
