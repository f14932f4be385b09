"""The key-informant charts: answers per question (``kii_stacked_bars``) and informants interviewed per
institution (``respondents_bars``). Same builder signature, colours, orders and look as every chart
(``charts.py``).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from atlas_data.i18n import known_label
from atlas_data.reports import charts


def kii_stacked_bars(df: pd.DataFrame | None, lang: str = "en", title: str | None = None,
                     t: charts.Translate = charts.identity, normalize: bool = False) -> go.Figure:
    """One horizontal bar per question, stacked by answer in the fixed answer order and colours
    (``queries.kii_distribution``); ``normalize=True`` shows shares (%) instead of counts. Each segment
    carries its count; questions come in the frame's order (``queries.kii_sort``)."""
    if charts.is_empty(df):
        return charts.empty_figure(lang, title, t)
    df = df.copy()
    df["__y"] = charts.with_country(df, "question", t, lang)
    if "unit" in df.columns and df["unit"].nunique() > 1:      # counts of comments are told apart
        df["__y"] = df["__y"] + df["unit"].map(lambda u: f" · {t('comments')}" if u == "comments" else "")
    # questions in the order of the frame (queries.kii_distribution: questionnaire order), by country
    rank = df["country"].map(lambda c: charts.COUNTRY_ORDER.index(c) if c in charts.COUNTRY_ORDER else 99)
    cats = list(dict.fromkeys(df.assign(__c=rank).sort_values("__c", kind="stable")["__y"]))
    df = charts.numeric_counts(df, "n")
    marks = df["__mark_n"] if "__mark_n" in df.columns else pd.Series(None, index=df.index, dtype=object)
    data = df.assign(__mark=marks).groupby(["__y", "answer"], as_index=False).agg(
        n=("n", lambda v: v.sum(min_count=1)), mark=("__mark", "first"))
    if normalize:   # a question with a hidden count has no shares (they would give it away)
        whole = data.groupby("__y")["n"].transform("sum").where(lambda s: s > 0)
        hidden = data.groupby("__y")["n"].transform(lambda v: v.isna().any())
        data["value"] = (100 * data["n"] / whole).where(~hidden)
    else:
        data["value"] = data["n"]
    labels = charts.short_labels(cats, 70)
    fig = go.Figure()
    others = 0
    for answer in charts.ordered(data["answer"], "answer"):
        d = data[data["answer"] == answer].set_index("__y").reindex(cats)
        known = answer in charts.ANSWER_COLORS
        name = charts.category_label("answer", answer, t)
        fig.add_trace(go.Bar(
            y=[labels[q] for q in cats], x=charts.bar_values(d["value"], d["mark"].map(lambda m: isinstance(m, str))
                                                       | (d["n"].notna() & d["value"].isna()),
                                                       1 if normalize else None),
            orientation="h", name=name,
            text=[str(int(n)) if pd.notna(n) and n else "" for n in d["n"]], textposition="inside",
            insidetextanchor="middle",
            marker_color=charts.color_of("answer", answer, others),
            hovertext=[f"{q}: {name} {charts.hover_count(n if pd.notna(n) or pd.notna(m) else 0, m)}"
                       for q, n, m in zip(cats, d["n"], d["mark"])], hoverinfo="text"))
        others += 0 if known else 1
    cats = [labels[q] for q in cats]
    fig.update_yaxes(categoryorder="array", categoryarray=cats, autorange="reversed", automargin=True)
    comments_only = "unit" in df.columns and set(df["unit"].dropna()) == {"comments"}
    fig.update_xaxes(title_text=t("Share of answers (%)") if normalize else t("Comments" if comments_only else "Answers"),
                     range=[0, 100] if normalize else None)
    if not normalize:
        fig.update_layout(barmode="stack")
        charts.count_axis(fig, "x")
    return charts.styled(fig, lang, title, t, barmode="stack", height=max(260, 80 + 45 * len(cats)))


def respondents_bars(df: pd.DataFrame | None, lang: str = "en", title: str | None = None,
                     t: charts.Translate = charts.identity, y: str = "institution", color: str = "country") -> go.Figure:
    """Key informants interviewed per ``y`` (institution by default), coloured by ``color``
    (country, or stakeholder_group …), largest at the top (``queries.respondents_summary``)."""
    if charts.is_empty(df):
        return charts.empty_figure(lang, title, t)
    if y not in df.columns:
        raise ValueError(f"respondents_bars: column {y!r} not in the frame {list(df.columns)}")
    color = color if color in df.columns and color != y else None
    keys = [y] + ([color] if color else [])
    df = charts.numeric_counts(df, "respondents")
    data = df.groupby(keys, dropna=False, as_index=False)["respondents"].sum(min_count=1)
    data["__hidden"] = data["respondents"].isna()
    data[y] = data[y].map(lambda v: known_label(charts.plain(v), lang))     # Female, Participants: in the language
    full = list(data.groupby(y)["respondents"].sum().sort_values(ascending=False, kind="stable").index)
    labels = charts.short_labels(full, 50)
    data[y] = data[y].map(labels)
    cats = [labels[f] for f in full]
    fig = go.Figure()
    groups = charts.ordered(data[color], color) if color else [None]
    for i, g in enumerate(groups):
        d = (data if g is None else data[data[color] == g]).set_index(y).reindex(cats)
        fig.add_trace(go.Bar(
            y=cats, x=charts.bar_values(d["respondents"], d["__hidden"]), orientation="h",
            name=charts.category_label(color, g, t) if g is not None else t("Key informants"),
            marker_color=charts.color_of(color, g, i) if g is not None else charts.SEQUENCE[0]))
    fig.update_yaxes(categoryorder="array", categoryarray=cats, autorange="reversed", automargin=True)
    fig.update_xaxes(title_text=t("Key informants"))
    fig.update_layout(barmode="stack")
    charts.count_axis(fig, "x")
    return charts.styled(fig, lang, title, t, barmode="stack", height=max(260, 80 + 28 * len(cats)))
