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

#: Streamlit's bundles (their names before the content hash) for the elements our pages draw after the first
BUNDLES = ("PlotlyChart", "Slider", "DownloadButton", "DataFrame")
#: how long after this element appears the browser starts, then waits for an idle moment (ms): the page first
WAIT_MS = 2000

_SCRIPT = """<script>
(() => {
  if (window.atlasPrefetch) return;
  window.atlasPrefetch = true;
  const entry = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!entry) return;
  const load = () => NAMES.forEach(name => import(new URL(name, entry.src).href).catch(() => {}));
  setTimeout(() => ('requestIdleCallback' in window) ? requestIdleCallback(load, {timeout: 5000}) : load(), WAIT);
})();
</script>"""


@lru_cache(maxsize=1)
def bundle_files() -> tuple[str, ...]:
    """The installed Streamlit's file names of ``BUNDLES`` (``PlotlyChart.D9Z0_fxz.js``), in its static folder."""
    folder = Path(find_spec("streamlit").origin).parent / "static" / "static" / "js"
    return tuple(sorted(p.name for name in BUNDLES for p in folder.glob(f"{name}.*.js")))


def load_in_background() -> None:
    """Have the browser load ``BUNDLES`` once per tab, after the page it opened is drawn (a sidebar element with
    no size; its script is ours, with no data in it)."""
    names = bundle_files()
    if names:
        script = _SCRIPT.replace("NAMES", json.dumps(list(names))).replace("WAIT", str(WAIT_MS))
        st.sidebar.html(script, unsafe_allow_javascript=True)
