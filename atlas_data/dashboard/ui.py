"""Streamlit glue shared by the pages: routing, language, filters kept in the URL, the cached connection and
cached query results (keyed on the store version, so a new ingest shows without a restart), and the
"numbers one click away" block under every chart. Pages stay thin: filters → queries → charts → draw.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from atlas_data.reports import publish, tables, translate
from atlas_data.queries import Filters, sources, translations
from atlas_data.reports.export import About, to_csv_bytes, to_xlsx_bytes
from atlas_data.i18n import LANGUAGE_NAMES, fmt_date, languages, t, valid_lang
from atlas_data.store.versions import store_version
from atlas_data.store.views import connect

PARQUET_DIR = os.environ.get("ATLAS_PARQUET_DIR", "data/parquet")   # a folder, or s3://bucket/prefix
PARQUET_DIR = PARQUET_DIR if PARQUET_DIR.startswith("s3://") else Path(PARQUET_DIR)
RAW_DIR = Path(os.environ.get("ATLAS_RAW_DIR", "data/raw"))


# ------------------------------------------------------------------ routing

_PAGE = threading.local()


def run(page, path: str) -> None:
    """Run ``page`` (what app.py's ``st.navigation`` chose) as the page of URL path ``path`` (``dropout``)."""
    _PAGE.path, _PAGE.lang, _PAGE.version = path, None, None
    try:
        page.run()
    finally:
        _PAGE.path, _PAGE.lang, _PAGE.version = "", None, None


def page_path() -> str:
    """The URL path app.py ran this page for (``training_reach``): the slides page opens that page's slide."""
    return getattr(_PAGE, "path", "")


def through_router(router: bool = False) -> None:
    """Let app.py's ``st.navigation`` route every run, from a fresh server's first request on.

    With a ``pages/`` folder next to the entry script, Streamlit (1.67: ``PagesManager.uses_pages_directory``)
    starts in its legacy multipage mode, in which a deep link (``/dropout``) runs the page file alone, and
    leaves it only once some session has called ``st.navigation``; no config option turns it off
    (``client.showSidebarNavigation`` only hides that mode's menu). So app.py ends the mode before its first
    call (``router=True``), and a page file run alone (``ui.lang`` calls this) ends it and reruns, through app.py."""
    from streamlit.runtime.pages_manager import PagesManager
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        if not router:
            st.rerun()


# ------------------------------------------------------------------ language

def lang() -> str:
    """The interface language: `?lang=` in the URL (validated), else the session's choice, else English.
    Read once per run of a page (``run``): a page asks for it on every string it writes."""
    known = getattr(_PAGE, "lang", None)
    if known is not None:
        return known
    through_router()
    value = valid_lang(st.query_params.get("lang", st.session_state.get("lang", "en")))
    st.session_state["lang"] = value
    if getattr(_PAGE, "path", ""):
        _PAGE.lang = value
    return value


def tr(text: str, **fields) -> str:
    """``text`` in the interface language: how pages translate, and the ``t`` they give a chart builder."""
    return t(text, lang(), **fields)


def language_picker() -> str:
    current = lang()
    options = list(languages())
    choice = st.sidebar.selectbox(tr("Language"), options, index=options.index(current), filter_mode=None,
                                  format_func=lambda code: LANGUAGE_NAMES.get(code, code), key="lang_picker")
    if choice != current:
        st.session_state["lang"] = choice
        st.query_params["lang"] = choice
        st.rerun()
    return choice


# ------------------------------------------------------------------ data

def version() -> str:
    """The store version (``store_version``: the CURRENT file and the version's manifest), read once per run of a
    page (``run``): every query, figure and table of one run comes from one version, and the manifest is read once,
    not at every cached call. An ingest, rollback or withdrawal in a run is followed by a rerun."""
    known = getattr(_PAGE, "version", None)
    if known is not None:
        return known
    value = store_version(PARQUET_DIR)
    if getattr(_PAGE, "path", ""):
        _PAGE.version = value
    return value


def completion_threshold() -> float:
    """This session's completion threshold (a slider on the Dropout page), else the stored setting."""
    from atlas_data.settings import load
    return float(st.session_state.get("completion_threshold", load()["completion_threshold"]))


def excused_counts_as_missed() -> bool:
    """The stored setting: a session a participant was excused from counts as missed for completion."""
    from atlas_data.settings import load
    return bool(load()["excused_counts_as_missed"])


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(parquet_dir: str, store_key: str):
    return connect(parquet_dir)


def connection():
    """One DuckDB connection per store version, shared by all sessions (each query uses its own cursor)."""
    return _connection(str(PARQUET_DIR), version())


def _key(query) -> str:
    """The cache key of a query function: its module and name (``atlas_data.queries.reach.people_trained``)."""
    return f"{query.__module__}.{query.__qualname__}"


@st.cache_data(show_spinner=False, max_entries=512)
def _run(store_key: str, key: str, args: tuple, kwargs: tuple, _query):
    return _query(connection(), *args, **dict(kwargs))


@st.cache_data(show_spinner=False, max_entries=512)
def _published(store_key: str, key: str, args: tuple, kwargs: tuple, k: int, _query):
    return publish.published(_query, _run(store_key, key, args, kwargs, _query), k)


@st.cache_data(show_spinner=False, max_entries=512)
def _in_language(store_key: str, key: str, args: tuple, kwargs: tuple, k: int | None, language: str, _query):
    frame = _run(store_key, key, args, kwargs, _query) if k is None else _published(store_key, key, args, kwargs, k, _query)
    return translate.translated(frame, glossary(language))


@st.cache_resource(show_spinner=False, max_entries=16)
def _glossary(store_key: str, language: str) -> translate.Glossary:
    return translate.Glossary.of(translations.translations(connection()), language)


def glossary(language: str | None = None) -> translate.Glossary:
    """The data-text translations (the `translations` sheets) into ``language`` (default: the interface's)."""
    return _glossary(version(), language or lang())


def data_text(value, column: str | None = None) -> str:
    """A data text (a DMOP name, a question …) in the interface language: the label of a filter's option whose
    value stays the original (it reaches SQL as a parameter)."""
    return glossary().text(value, column)


def publishing() -> int | None:
    """The small-cell threshold when publish mode is on (the setting), else None."""
    return publish.threshold() if publish.publish_mode() else None


def cached(query, *args, **kwargs):
    """``query(con, *args, **kwargs)`` (a function of ``atlas_data.queries``), cached per store version, query
    and arguments; in publish mode as ``publish.published`` lets it be shown (counts below the threshold as
    ``<k``, ``×`` where they could be worked out, rates of hidden counts left out); its data texts (DMOP
    names, activities, questions …) in the interface language (``reports.translate``). A value meant to go
    back into a query as a filter comes from ``options`` instead."""
    return _in_language(version(), _key(query), args, tuple(sorted(kwargs.items())), publishing(), lang(), query)


def options(query, *args, **kwargs):
    """``query``'s result with its data texts as stored: the values of a filter (shown through ``data_text``)."""
    return _run(version(), _key(query), args, tuple(sorted(kwargs.items())), query)


def cached_unpublished(query, *args, **kwargs):
    """``query``'s result unpublished, in the interface language, for a page that computes a table from it and
    publishes that table (``publish.wide``): never show it as it is."""
    return _in_language(version(), _key(query), args, tuple(sorted(kwargs.items())), None, lang(), query)


# ------------------------------------------------------------------ filters

def _query_list(key: str) -> list[str]:
    return [v for v in st.query_params.get_all(key) if isinstance(v, str)]


def _query_date(key: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(st.query_params.get(key, "")[:10])
    except ValueError:
        return None


def filters(keep: tuple[str, ...] = ()) -> Filters:
    """Country, DMOP and date range from the sidebar, kept in the URL (`?country=…&dmop=…&from=…&to=…`).
    Countries are shown in the language (the URL keeps the English name). No multiselect offers Streamlit's
    "Select all" (``select_all=False``): Streamlit writes it in English only, and an empty choice already
    means all (the placeholder says so); short lists take no typing (``SHORT_LIST``).

    Values from the URL are only kept when they are known values of the data; they only ever reach
    SQL as parameters. ``keep`` names the page's own URL parameters (see ``url_multiselect``), left in
    place; any other unknown parameter is dropped."""
    found = options(sources.filter_options)
    known_countries = list(dict.fromkeys(found["country"].dropna())) if not found.empty else []
    countries = [c for c in _query_list("country") if c in known_countries]
    countries = st.sidebar.multiselect(tr("Country"), known_countries, default=countries, key="f_country",
                                       placeholder=tr("All countries"), format_func=tr, select_all=False,
                                       filter_mode=None)
    scoped = found[found["country"].isin(countries)] if countries else found
    known_dmops = sorted(scoped["dmop"].dropna().unique()) if not scoped.empty else []
    dmops = [d for d in _query_list("dmop") if d in known_dmops]
    dmops = st.sidebar.multiselect(tr("DMOP"), known_dmops, default=dmops, key="f_dmop",
                                   placeholder=tr("All DMOPs"), format_func=lambda d: data_text(d, "dmop"),
                                   select_all=False)
    first = pd.to_datetime(found["first_date"]).min() if not found.empty else pd.NaT
    last = pd.to_datetime(found["last_date"]).max() if not found.empty else pd.NaT
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
    for name in ("mode", "slide", *keep):
        if name in st.query_params:
            values = _query_list(name)
            params[name] = values if len(values) > 1 or name in _LIST_PARAMS else st.query_params[name]
    if {k: (st.query_params.get_all(k) if isinstance(v, list) else st.query_params.get(k)) for k, v in params.items()} != params \
            or set(st.query_params.keys()) - set(params):
        st.query_params.from_dict(params)
    return Filters(countries=tuple(countries), dmops=tuple(dmops), date_from=date_from, date_to=date_to)


# ------------------------------------------------------------------ a page's own choices, in the URL

_LIST_PARAMS: set[str] = set()    # page parameters that hold a list (kept as a list by `filters`)
#: A list this short is picked from without typing (``filter_mode=None``): typing would only lead to Streamlit's
#: "No results", which it writes in English only.
SHORT_LIST = 12


def _set_param(param: str, value) -> None:
    """``param`` in the URL set to ``value`` (a str, or a list of str); removed when empty or None."""
    current = _query_list(param)
    wanted = [] if value in (None, "", [], ()) else ([value] if isinstance(value, str) else list(value))
    if current == wanted:
        return
    if wanted:
        st.query_params[param] = wanted
    elif param in st.query_params:
        del st.query_params[param]


def url_multiselect(container, label: str, options: list, *, key: str, param: str, **kwargs) -> list:
    """A multiselect whose choice lives in the URL (``?param=a&param=b``): a copied link opens with the same
    choice. Values from the URL are kept only when they are among ``options``."""
    _LIST_PARAMS.add(param)
    if key not in st.session_state:
        st.session_state[key] = [v for v in dict.fromkeys(_query_list(param)) if v in options]
    else:   # options may have narrowed (a question of a criterion no longer picked)
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    short = {"filter_mode": None} if len(options) <= SHORT_LIST else {}
    value = container.multiselect(label, options, key=key, **{"select_all": False, **short, **kwargs})
    _set_param(param, value)
    return value


def url_selectbox(container, label: str, options: list, *, key: str, param: str, **kwargs):
    """A selectbox whose choice lives in the URL (``?param=value``); the first option is the default and
    stays out of the URL. A value from the URL is kept only when it is among ``options``."""
    if key not in st.session_state or st.session_state[key] not in options:
        wanted = st.query_params.get(param)
        st.session_state[key] = wanted if wanted in options else options[0]
    value = container.selectbox(label, options, key=key, **kwargs)
    _set_param(param, None if value == options[0] else value)
    return value


def url_toggle(container, label: str, *, key: str, param: str, **kwargs) -> bool:
    """A toggle kept in the URL as ``?param=1`` when on."""
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(param) == "1"
    value = container.toggle(label, key=key, **kwargs)
    _set_param(param, "1" if value else None)
    return value


# ------------------------------------------------------------------ drawing

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# GFM turns a bare `www.x`, `https://x` or `a@x.org` into a link after escapes are read, so a backslash cannot
# stop it: an invisible WORD JOINER (U+2060) goes where it breaks the pattern (after www, after the colon of
# ://, before @). The text reads the same.
_AUTOLINK = re.compile(r"(?i)(?<=www)(?=\.)|(?<=:)(?=//)|(?=@)")


def as_text(value: str) -> str:
    """``value`` with Markdown's special characters escaped, so it shows as typed wherever Streamlit renders
    Markdown (captions, alerts, table cells): every string that comes from data (a file or sheet name, a
    note) goes through here before it reaches such an element: ``**`` is no bold, ``www.x.org`` no link."""
    value = _AUTOLINK.sub("\u2060", value)
    return _MARKDOWN.sub(r"\\\1", value)


def nothing(message: str | None = None) -> None:
    """The plain message for a selection that leaves nothing (never an empty axis)."""
    st.info(message or tr("No data for this selection. Widen the filters in the sidebar."))


#: The key of a "Numbers and sources" block starts with this (``numbers_overview``): its state is open or closed.
NUMBERS = "numbers_"
#: A caption's warning sign: a Material symbol, as the sidebar's icons are (an emoji such as ⚠️ is an empty box on
#: a machine without a colour-emoji font: some projector laptops, Debian's Chromium).
WARNING_ICON = ":material/warning:"


def data_under(numbers: Callable[[], pd.DataFrame], sources: pd.DataFrame | None, key: str, label: str | None = None,
               title: str | None = None) -> None:
    """The numbers of a chart one click away (``numbers()``, worked out and drawn once opened: most runs of a page
    leave them closed), downloadable, with the files they came from. In
    publish mode the downloads start with the title, the source files, the date and the note on `<k` (export.About).
    The table is written in the language (``tables.for_screen``: ``96 %``, ``10 abr 2021``, ``–``); the
    downloads keep the numbers, in the language's convention (`;` and `0,96` in Spanish), on a sheet named
    in the language. A data text shown translated has its original in a column beside it."""
    # drawn only once opened (a rerun, a fraction of a second): closed, a page ships and draws none of its tables
    label = label or tr("Numbers and sources")
    box = st.expander(label, key=f"{NUMBERS}{key}", on_change="rerun")
    if not box.open:
        return
    files = sorted(set(sources["source_file"].astype(str))) if sources is not None and not sources.empty else []
    df = translate.with_originals(numbers(), glossary(), tr("original"))   # a translated data text beside its original
    k = publishing()
    about = About(title=title or label, sources=tuple(files),
                  note=publish.note(k, lang())) if k is not None else None
    language = lang()
    with box:
        st.dataframe(tables.for_screen(df, language), hide_index=True, width="stretch")
        if k is not None:
            st.caption(publish.note(k, language))
        c1, c2 = st.columns(2)    # the files are written on click (a callable), not on every run of the page
        sheet = title or tr("Data")
        c1.download_button(tr("Download CSV"), lambda: to_csv_bytes(df, about, language), file_name=f"{key}.csv",
                           mime="text/csv", key=f"csv_{key}")
        c2.download_button(tr("Download Excel"), lambda: to_xlsx_bytes(df, sheet, about, language),
                           file_name=f"{key}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{key}")
        if files:
            st.caption(tr("Source files: {files}", files=", ".join(as_text(f) for f in files)))


def newest(value) -> str:
    return fmt_date(value, lang(), "medium") if value is not None and not pd.isna(value) else "–"
