"""What the analysis pages draw the same way: a chart with its numbers and source files one click away,
the caption that marks illustrative rows, and tables with translated headers and formatted values.

Pages stay thin: ``ui.filters()`` → ``ui.cached(query, ...)`` → ``figure(<reports.charts builder>, frame, title)``
→ these blocks. Nothing here computes a number; it only labels and lays out what ``queries`` returned, and keeps
the figures and tables it made for the next run (per store version, language, publish mode and frame).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

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
    icon (`page_list.PAGES`), so a link and the page it opens look the same; drawn in `where` (a container)."""
    _, title, icon, _ = next(page for page in PAGES if page[0] == path)
    where.page_link(path, label=ui.tr(title), icon=icon)


def frame_key(df: pd.DataFrame) -> str | None:
    """A digest of a frame's column names, types and every value, or None when a cell cannot be hashed: what the
    caches below know a frame by (Streamlit's own hashing looks at a sample of a frame of 50,000 rows or more)."""
    try:
        values = pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes()
    except TypeError:
        return None
    layout = repr((list(df.columns), [repr(t) for t in df.dtypes], df.attrs)).encode()   # a category's order too
    return hashlib.sha256(layout + values).hexdigest()


def figure(builder: Callable, df: pd.DataFrame, title: str | None = None, **options):
    """``builder(df, lang, title, ui.tr, **options)`` (a ``reports.charts`` function), built once per store version,
    language, publish mode and frame, and shared by every session that asks for the same: building a Plotly figure
    is most of a chart page's run. Draw it (``chart``); never change it."""
    key = frame_key(df)
    if key is None:
        return _build(builder, df, ui.lang(), title, options)
    return _figure(ui.version(), ui.lang(), ui.publishing(), f"{builder.__module__}.{builder.__qualname__}", key,
                   title, tuple(sorted(options.items())), df, builder)


@st.cache_resource(show_spinner=False, max_entries=256)
def _figure(store_key: str, language: str, k: int | None, name: str, frame: str, title, options: tuple, _df,
            _builder):
    return _build(_builder, _df, language, title, dict(options))


def _build(builder: Callable, df: pd.DataFrame, language: str, title: str | None, options: dict):
    """One figure built (what a page does when ``figure`` has not yet built it for these arguments)."""
    return builder(df, language, title, ui.tr, **options)


def chart(fig, numbers: Callable[[], pd.DataFrame] | None = None, source_frame: pd.DataFrame | None = None,
          key: str | None = None) -> None:
    """The one way a page draws a chart (``figure(charts.*, ...)``): the chart, the illustrative caption when its
    sources call for it, and its numbers one click away (``numbers``, as ``lambda: labelled(...)``: worked out only
    once opened; a page that shows them in a table of its own passes none)."""
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
    escaped so it shows as typed. Written once per store version, language, publish mode and frame."""
    key = frame_key(df)
    arguments = (columns, wrap, formats)
    frame, long_text = (_for_table(df, *arguments) if key is None else
                        _table_cached(ui.version(), ui.lang(), ui.publishing(), key, repr(arguments), df, arguments))
    if wrap:
        st.table(frame, hide_index=True)
    else:
        st.dataframe(frame, hide_index=True, width="stretch",
                     column_config={c: st.column_config.TextColumn(width="large") for c in long_text} or None)


@st.cache_data(show_spinner=False, max_entries=512)
def _table_cached(store_key: str, language: str, k: int | None, frame: str, arguments: str, _df, _arguments):
    return _for_table(_df, *_arguments)


def _for_table(df: pd.DataFrame, columns: dict[str, str], wrap: bool, formats: dict) -> tuple[pd.DataFrame, list]:
    """The frame ``table`` draws, and its columns of long text (drawn wide)."""
    frame = publish.as_text(shown(df, columns, **formats))      # publish mode: a column of 27 and <5 as text
    text = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    frame[text] = frame[text].astype("object").where(frame[text].notna(), "–")
    if not wrap:
        return frame, [c for c in text if frame[c].astype(str).str.len().max() > 40]
    frame = frame.apply(lambda col: col.map(lambda v: as_text(v) if isinstance(v, str) else v))
    frame.columns = [as_text(str(c)) for c in frame.columns]
    return frame, []


def _known(value) -> bool:
    try:
        return not pd.isna(value)
    except (TypeError, ValueError):
        return True
