"""Streamlit glue shared by the pages: language, filters kept in the URL, the cached connection and
cached query results (keyed on the store version, so a new ingest shows without a restart), and the
"numbers one click away" block under every chart. Pages stay thin: filters → queries → charts → draw.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from . import queries
from .export import to_csv_bytes, to_xlsx_bytes
from .i18n import fmt_date, languages, t, valid_lang
from .store import store_version
from .views import connect

PARQUET_DIR = Path(os.environ.get("ATLAS_PARQUET_DIR", "data/parquet"))
RAW_DIR = Path(os.environ.get("ATLAS_RAW_DIR", "data/raw"))
LANG_NAMES = {"en": "English", "es": "Español"}


# ------------------------------------------------------------------ language

_ROUTER = threading.local()


@contextlib.contextmanager
def routing():
    """app.py runs the chosen page inside this, so pages know the router is in charge of the run."""
    _ROUTER.active = True
    _ROUTER.path = ""
    try:
        yield
    finally:
        _ROUTER.active = False
        _ROUTER.path = ""


def run(page, path: str) -> None:
    """Run ``page`` (what ``st.navigation`` chose) as the page of URL path ``path`` (its slug: ``dropout``)."""
    _ROUTER.path = path
    page.run()


def page_path() -> str:
    """The URL path the router ran this page for (``training_reach``): the slides page opens that page's
    slide. Empty outside the router."""
    return getattr(_ROUTER, "path", "") if getattr(_ROUTER, "active", False) else ""


def through_router() -> None:
    """Make sure app.py's `st.navigation` routes this run.

    Streamlit starts in its old multipage mode when a `pages/` folder exists, and keeps it until some
    session runs `st.navigation`: the first visitor of a deep link (`/dropout`) on a fresh server would
    get the page file run on its own, without the router, language picker and shared sidebar. A page
    that finds itself in that mode switches it off and reruns, which goes through app.py."""
    if getattr(_ROUTER, "active", False):
        return  # app.py is routing this run
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - a Streamlit without it has no such mode
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def lang() -> str:
    """The interface language: `?lang=` in the URL (validated), else the session's choice, else English."""
    through_router()
    value = valid_lang(st.query_params.get("lang", st.session_state.get("lang", "en")))
    st.session_state["lang"] = value
    return value


def tr(text: str, **fields) -> str:
    return t(text, lang(), **fields)


def language_picker() -> str:
    current = lang()
    options = list(languages())
    choice = st.sidebar.selectbox(tr("Language"), options, index=options.index(current),
                                  format_func=lambda code: LANG_NAMES.get(code, code), key="lang_picker")
    if choice != current:
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        st.rerun()
    return choice


# ------------------------------------------------------------------ data

def version() -> str:
    return store_version(PARQUET_DIR)


def completion_threshold() -> float:
    """This session's completion threshold (a slider on the Dropout page), else the stored setting."""
    from .settings import load
    return float(st.session_state.get("completion_threshold", load()["completion_threshold"]))


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(parquet_dir: str, store_key: str):
    return connect(parquet_dir)


def connection():
    """One DuckDB connection per store version, shared by all sessions (each query uses its own cursor)."""
    return _connection(str(PARQUET_DIR), version())


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(store_key: str, name: str, args: tuple, kwargs: tuple):
    return getattr(queries, name)(connection(), *args, **dict(kwargs))


def data(name: str, *args, **kwargs):
    """`queries.<name>(con, *args, **kwargs)`, cached per store version and arguments."""
    return _cached(version(), name, args, tuple(sorted(kwargs.items())))


# ------------------------------------------------------------------ filters

def _query_list(key: str) -> list[str]:
    return [v for v in st.query_params.get_all(key) if isinstance(v, str)]


def _query_date(key: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(st.query_params.get(key, "")[:10])
    except ValueError:
        return None


def filters() -> queries.Filters:
    """Country, DMOP and date range from the sidebar, kept in the URL (`?country=…&dmop=…&from=…&to=…`).

    Values from the URL are only kept when they are known values of the data; they only ever reach
    SQL as parameters."""
    options = data("filter_options")
    known_countries = list(dict.fromkeys(options["country"].dropna())) if not options.empty else []
    countries = [c for c in _query_list("country") if c in known_countries]
    countries = st.sidebar.multiselect(tr("Country"), known_countries, default=countries, key="f_country",
                                       placeholder=tr("All countries"))
    scoped = options[options["country"].isin(countries)] if countries else options
    known_dmops = sorted(scoped["dmop"].dropna().unique()) if not scoped.empty else []
    dmops = [d for d in _query_list("dmop") if d in known_dmops]
    dmops = st.sidebar.multiselect(tr("DMOP"), known_dmops, default=dmops, key="f_dmop",
                                   placeholder=tr("All DMOPs"))
    first = pd.to_datetime(options["first_date"]).min() if not options.empty else pd.NaT
    last = pd.to_datetime(options["last_date"]).max() if not options.empty else pd.NaT
    date_from, date_to = _query_date("from"), _query_date("to")
    if pd.notna(first) and pd.notna(last):
        lo, hi = first.date(), last.date()
        picked = st.sidebar.date_input(tr("Dates"), value=(date_from or lo, date_to or hi), min_value=min(lo, date_from or lo),
                                       max_value=max(hi, date_to or hi), key="f_dates", format="DD/MM/YYYY")
        if isinstance(picked, (tuple, list)) and len(picked) == 2:
            date_from = picked[0] if picked[0] != lo else None
            date_to = picked[1] if picked[1] != hi else None
    params = {"lang": lang()}
    if countries:
        params["country"] = countries
    if dmops:
        params["dmop"] = dmops
    if date_from:
        params["from"] = date_from.isoformat()
    if date_to:
        params["to"] = date_to.isoformat()
    for keep in ("mode", "slide"):
        if keep in st.query_params:
            params[keep] = st.query_params[keep]
    if {k: (st.query_params.get_all(k) if isinstance(v, list) else st.query_params.get(k)) for k, v in params.items()} != params \
            or set(st.query_params.keys()) - set(params):
        st.query_params.from_dict(params)
    return queries.Filters(countries=tuple(countries), dmops=tuple(dmops), date_from=date_from, date_to=date_to)


# ------------------------------------------------------------------ drawing

def nothing(message: str | None = None) -> None:
    """The plain message for a selection that leaves nothing (never an empty axis)."""
    st.info(message or tr("No data for this selection. Widen the filters in the sidebar."))


def data_under(df: pd.DataFrame, sources: pd.DataFrame | None, key: str, label: str | None = None) -> None:
    """The numbers of a chart one click away, downloadable, with the files they came from."""
    with st.expander(label or tr("Numbers and sources"), expanded=False):
        st.dataframe(df, hide_index=True, width="stretch")
        c1, c2 = st.columns(2)
        c1.download_button(tr("Download CSV"), to_csv_bytes(df), file_name=f"{key}.csv", mime="text/csv",
                           key=f"csv_{key}")
        c2.download_button(tr("Download Excel"), to_xlsx_bytes(df), file_name=f"{key}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{key}")
        if sources is not None and not sources.empty:
            files = ", ".join(sorted(set(sources["source_file"].astype(str))))
            st.caption(tr("Source files: {files}", files=files))


def chart(fig, key: str) -> None:
    st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False})


def newest(value) -> str:
    return fmt_date(value, lang(), "medium") if value is not None and not pd.isna(value) else "–"
