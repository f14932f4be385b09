"""What the analysis pages draw the same way: a chart with its numbers and source files one click away,
the caption that marks illustrative rows, and tables with translated headers and formatted values.

Pages stay thin: ``ui.filters()`` → ``ui.cached(query, ...)`` → ``reports.charts`` (``t=ui.tr``) → these blocks. Nothing here
computes a figure; it only labels and lays out what ``queries`` returned.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st

from atlas_data.queries import sources as queries_sources
from atlas_data.reports import publish, tables
from atlas_data.dashboard import ui
from atlas_data.dashboard.page_list import PAGES
from atlas_data.dashboard.ui import as_text  # noqa: F401  (the one escape helper; pages import it from here too)
from atlas_data.i18n import fmt_date, fmt_int, fmt_month, fmt_number, fmt_percent

#: Words in a file name that mark its rows as made up to match the report (docs/builtin_data.md).
ILLUSTRATIVE_MARKS: tuple[str, ...] = ("ILLUSTRATIVE", "ILUSTRATIVO")
ILLUSTRATIVE_NOTE = "Illustrative rows generated to match the report's totals; see docs/builtin_data.md"


def sources(tables: str | Sequence[str], filters) -> pd.DataFrame:
    """The files behind a figure (``queries.sources``), cached like every query."""
    return ui.cached(queries_sources.sources, (tables,) if isinstance(tables, str) else tuple(tables), filters)


def data_as_of(tables: str | Sequence[str], filters) -> None:
    """"Data as of 1 Oct 2021" under a page's title: the newest date in the rows the page shows
    (``queries.data_as_of``), or a line saying those records carry no date."""
    newest = ui.cached(queries_sources.data_as_of, (tables,) if isinstance(tables, str) else tuple(tables), filters)
    if newest is None:
        st.caption(ui.tr("Data as of: these records carry no date."))
    else:
        st.caption(ui.tr("Data as of {date}", date=fmt_date(newest, ui.lang(), "medium")))


def illustrative_files(source_frame: pd.DataFrame | None) -> list[str]:
    """The source files whose name marks them illustrative, sorted."""
    if source_frame is None or source_frame.empty or "source_file" not in source_frame.columns:
        return []
    files = {str(f) for f in source_frame["source_file"].dropna()}
    return sorted(f for f in files if any(mark in f.upper() for mark in ILLUSTRATIVE_MARKS))


def illustrative_caption(source_frame: pd.DataFrame | None) -> bool:
    """The caption that says a figure holds illustrative rows; True when it was shown."""
    if not illustrative_files(source_frame):
        return False
    st.caption(f"{ui.WARNING_ICON} " + ui.tr(ILLUSTRATIVE_NOTE))
    return True


def page_link(path: str, where=st) -> None:
    """A link to one of the dashboard's pages (`pages/2_dmop_status.py`) with its sidebar entry's title and Material
    icon (`page_list.PAGES`), so a link and the page it opens look the same; drawn in `where` (a column)."""
    _, title, icon, _ = next(page for page in PAGES if page[0] == path)
    where.page_link(path, label=ui.tr(title), icon=icon)


def chart(fig, numbers: pd.DataFrame | None = None, source_frame: pd.DataFrame | None = None,
          key: str | None = None) -> None:
    """The one way a page draws a chart (``charts.*(..., t=ui.tr)``): the chart, the illustrative caption
    when its sources call for it, and its ``numbers`` one click away (a page that shows them in a table of
    its own passes none)."""
    st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False})
    illustrative_caption(source_frame)
    if numbers is not None:
        title = fig.layout.title.text if fig.layout.title and fig.layout.title.text else None
        ui.data_under(numbers, source_frame, key, title=title)


def labelled(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``df``'s ``columns`` (English header per column, in that order) under translated headers, the labels
    among their values (countries, answers, genders, units…) translated (``tables.labelled``). Numbers stay
    numbers: this is the frame behind a chart's download; ``ui.data_under`` writes it for the screen."""
    return tables.labelled(df, columns, ui.lang())


def shown(df: pd.DataFrame, columns: dict[str, str], *, dates: Iterable[str] = (), months: Iterable[str] = (),
          percents: Iterable[str] = (), shares: Iterable[str] = (), decimals: Iterable[str] = (),
          integers: Iterable[str] = (), translated: Iterable[str] = ()) -> pd.DataFrame:
    """A table for the screen: like ``labelled`` with values written in the interface language —
    ``dates`` (15 jun 2021), ``months`` (junio de 2021), ``shares`` (0.6 → 60 %), ``percents`` (already
    ×100: 20.4 → 20,4), ``decimals`` (one decimal), ``integers`` (1.234), ``translated`` (labels we own,
    such as a status)."""
    lang = ui.lang()
    out = df.copy()
    writers = [(dates, lambda v: fmt_date(v, lang, "medium")), (months, lambda v: fmt_month(v, lang)),
               (shares, lambda v: fmt_percent(v, lang)), (percents, lambda v: fmt_number(v, lang, 1)),
               (decimals, lambda v: fmt_number(v, lang, 1)), (integers, lambda v: fmt_int(v, lang)),
               (translated, lambda v: ui.tr(str(v)) if _known(v) else "–")]
    for cols, write in writers:
        for col in cols:
            if col in out.columns:
                out[col] = [write(v) if _known(v) else "–" for v in out[col]]
    return labelled(out, columns)


def table(df: pd.DataFrame, columns: dict[str, str], wrap: bool = False, **formats) -> None:
    """``shown(df, columns, **formats)`` drawn as a table of text (never HTML). ``wrap=True`` for
    long text such as status notes: a static table whose cells wrap, with any Markdown in the data
    escaped so it shows as typed."""
    frame = publish.as_text(shown(df, columns, **formats))      # publish mode: a column of 27 and <5 as text
    text = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    frame[text] = frame[text].astype("object").where(frame[text].notna(), "–")
    if not wrap:
        long_text = {c: st.column_config.TextColumn(width="large") for c in text
                     if frame[c].astype(str).str.len().max() > 40}
        st.dataframe(frame, hide_index=True, width="stretch", column_config=long_text or None)
        return
    frame = frame.apply(lambda col: col.map(lambda v: as_text(v) if isinstance(v, str) else v))
    frame.columns = [as_text(str(c)) for c in frame.columns]
    st.table(frame, hide_index=True)


def _known(value) -> bool:
    try:
        return not pd.isna(value)
    except (TypeError, ValueError):
        return True
