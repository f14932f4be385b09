"""Streamlit's scripts for what the other pages draw (Plotly charts, sliders, download buttons, tables), loaded by
the browser once the first page is drawn, while the reader reads it. Streamlit loads each only when a page first
draws one: in a browser that has never opened the dashboard, the first page with a chart waited about a second
for Plotly's 4.7 MB script to arrive and compile. Nothing here carries data: the script names are the installed
Streamlit's own files.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import streamlit as st

#: Streamlit's bundles (their names before the content hash) for the elements our pages draw after the first:
#: charts, sliders, download buttons, radio buttons, tables (and their style sheet), code (the Data page's files)
BUNDLES = ("PlotlyChart", "Slider", "DownloadButton", "Radio", "DataFrame", "StreamlitSyntaxHighlighter")
#: how long after this element appears the browser starts, then waits for an idle moment (ms): the page first
WAIT_MS = 2000

_SCRIPT = """<script>
(() => {
  if (window.atlasPrefetch) return;
  window.atlasPrefetch = true;
  const entry = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!entry) return;
  const get = name => name.endsWith('.css') ? fetch(new URL(name, entry.src)) : import(new URL(name, entry.src).href);
  const load = () => NAMES.forEach(name => get(name).catch(() => {}));
  setTimeout(() => ('requestIdleCallback' in window) ? requestIdleCallback(load, {timeout: 5000}) : load(), WAIT);
})();
</script>"""


@lru_cache(maxsize=1)
def bundle_files() -> tuple[str, ...]:
    """The installed Streamlit's files of ``BUNDLES``, as paths from its entry script (``PlotlyChart.D9Z0_fxz.js``,
    ``../css/DataFrame.DUkanX9_.css``): the scripts are imported, the style sheets fetched into the cache."""
    static = Path(find_spec("streamlit").origin).parent / "static" / "static"
    return tuple(sorted(p.name for name in BUNDLES for p in (static / "js").glob(f"{name}.*.js"))
                 + sorted(f"../css/{p.name}" for name in BUNDLES for p in (static / "css").glob(f"{name}.*.css")))


@lru_cache(maxsize=1)
def script() -> str:
    """The element's script, written once per process ("" when no bundle is found)."""
    names = bundle_files()
    return _SCRIPT.replace("NAMES", json.dumps(list(names))).replace("WAIT", str(WAIT_MS)) if names else ""


def load_in_background() -> None:
    """Have the browser load ``BUNDLES`` once per tab, after the page it opened is drawn (a sidebar element with
    no size; its script is ours, with no data in it)."""
    if script():
        st.sidebar.html(script(), unsafe_allow_javascript=True)
