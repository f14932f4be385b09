"""The slides page (pages/workshop.py) drawn with Streamlit: the projector's CSS, the slide chosen from the URL,
its head (title, Numbers, settings, full screen, Exit), its chart or numbers, and the buttons under it
(◀ ▶, the downloads, a clicker's keys). The slides themselves come from ``reports.workshop``, already
suppressed; each download is made when clicked and cached per store version, country, language and threshold.
"""
from __future__ import annotations

import html

import streamlit as st

from atlas_data.queries import sources
from atlas_data.dashboard import ui
from atlas_data.dashboard.ui import as_text
from atlas_data.i18n import LANGUAGE_NAMES, languages, valid_lang
from atlas_data.reports import deck, downloads, export, pack, projector, workshop

# Static CSS only (never data): large type, high contrast, sidebar and toolbar out of the way, and one
# screen: the main block is a column as high as the window in which the chart box takes what is left.
CSS = """<style>
html { font-size: 19px; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarNav"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.5rem 1.6rem 0.6rem 1.6rem !important; max-width: 100% !important;
  height: 100vh; box-sizing: border-box; display: flex; flex-direction: column; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { flex: 1 1 0; min-height: 0; gap: 0.4rem; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] {
  background: #FFFFFF !important; color: #000000 !important; }
h1 { font-size: 1.65rem !important; font-weight: 800 !important; color: #000000 !important;
  padding: 0 !important; line-height: 1.15 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #111111 !important; opacity: 1 !important; font-size: 1rem !important; line-height: 1.3 !important; }
[data-testid="stMarkdownContainer"] p { color: #000000; }
button[kind="primary"], button[kind="secondary"], .ws-fullscreen {
  border: 2px solid #000000 !important; font-weight: 700 !important; }
button[kind="primary"] { background: #0B3C8C !important; }
button[kind="primary"], button[kind="primary"] * { color: #FFFFFF !important; }
button:disabled { background: #FFFFFF !important; border-color: #9E9E9E !important; }
button:disabled, button:disabled * { color: #6E6E6E !important; }
/* the chart (or its numbers) fills the height left by the title, the source line and the buttons */
[data-testid="stLayoutWrapper"]:has(> .st-key-ws_chart_box) { flex: 1 1 0; min-height: 0; }
.st-key-ws_chart_box { height: 100%; min-height: 0; overflow: hidden; }
.st-key-ws_chart_box [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) { height: 100%; }
.st-key-ws_chart_box table { font-size: 1rem !important; }
.st-key-ws_chart_box th, .st-key-ws_chart_box td { font-size: 1rem !important; color: #000000 !important;
  padding: 0.2rem 0.6rem !important; line-height: 1.25 !important; }
[data-testid="stLayoutWrapper"]:has(> .st-key-ws_keys), .st-key-ws_keys { display: none !important; }
.ws-fullscreen { display: inline-flex; align-items: center; justify-content: center; height: 2.5rem;
  min-width: 2.5rem; border-radius: 0.5rem; background: #FFFFFF; color: #000000; cursor: pointer; padding: 0 0.4rem; }
.ws-fullscreen:focus-visible { outline: 3px solid #0B3C8C; }
.ws-corners { width: 1.1rem; height: 1.1rem; --c: linear-gradient(#000000, #000000); background:
  var(--c) top left / 0.45rem 3px, var(--c) top left / 3px 0.45rem, var(--c) top right / 0.45rem 3px,
  var(--c) top right / 3px 0.45rem, var(--c) bottom left / 0.45rem 3px, var(--c) bottom left / 3px 0.45rem,
  var(--c) bottom right / 0.45rem 3px, var(--c) bottom right / 3px 0.45rem; background-repeat: no-repeat; }
@media (min-width: 1800px) and (min-height: 1000px) { html { font-size: 26px; } }
</style>"""

# The full-screen button: the page's only script (static, no data; st.html runs it in the page). The
# listeners are added once per browser tab and act only while the button is on the screen.
FULLSCREEN_HTML = """<button type="button" class="ws-fullscreen" title="{label} (F)" aria-label="{label}">
<span class="ws-corners" aria-hidden="true"></span></button>
<script>
(() => {
  if (window.__atlasFullscreen) return;
  window.__atlasFullscreen = true;
  const shown = () => document.querySelector(".ws-fullscreen");
  const toggle = () => document.fullscreenElement ? document.exitFullscreen()
                                                  : document.documentElement.requestFullscreen();
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest(".ws-fullscreen")) toggle();
  });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
    if ((event.key === "f" || event.key === "F") && !typing && !event.ctrlKey && !event.metaKey && !event.altKey
        && shown()) toggle();
  });
})();
</script>"""

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


# ------------------------------------------------------------------ cached per store version
@st.cache_data(show_spinner=False, max_entries=8)
def countries(store_key: str) -> list[str]:
    return workshop.countries(ui.connection())


@st.cache_data(show_spinner=False, max_entries=32)
def slides(store_key: str, country: str, lang: str, k: int) -> list[workshop.Slide]:
    return workshop.slides(ui.connection(), country, lang, k)


@st.cache_data(show_spinner=False, max_entries=64)
def _png(store_key: str, country: str, lang: str, k: int, index: int) -> bytes:
    return pack.slide_png(slides(store_key, country, lang, k)[index], lang)


@st.cache_data(show_spinner=False, max_entries=16)
def _pack_images(store_key: str, country: str, lang: str, k: int) -> list[bytes]:
    """The charts of the packs, rendered once for the PDF and the PowerPoint."""
    return pack.pack_images(slides(store_key, country, lang, k))


def _data_as_of(shown: list[workshop.Slide]):
    last = ui.cached(sources.last_update)
    return max((d for s in shown if (d := downloads.data_as_of(last, s))), default=None)


@st.cache_data(show_spinner=False, max_entries=16)
def _pdf(store_key: str, country: str, lang: str, k: int) -> bytes:
    return pack.build_pack(None, country, lang, k, slides=slides(store_key, country, lang, k),
                           images=_pack_images(store_key, country, lang, k))


@st.cache_data(show_spinner=False, max_entries=16)
def _pptx(store_key: str, country: str, lang: str, k: int) -> bytes:
    shown = slides(store_key, country, lang, k)
    return deck.build_deck(None, country, lang, k, slides=shown, images=_pack_images(store_key, country, lang, k),
                           data_as_of=_data_as_of(shown))


# ------------------------------------------------------------------ the slide in the URL
def place(shown: list[workshop.Slide], country: str, lang: str) -> tuple[int, str]:
    """The slide number and screen the URL asks for (a page's path opens that page's slide), within range;
    the URL rewritten to name them, so that a copied link opens the same slide."""
    try:
        number = int(st.query_params["slide"]) if "slide" in st.query_params \
            else workshop.opening_slide(shown, ui.page_path())
    except ValueError:
        number = 1
    number = min(max(number, 1), len(shown))
    screen = st.query_params.get("screen") if st.query_params.get("screen") in workshop.SCREENS else "720"
    wanted = {"mode": "workshop", "lang": lang, "country": country, "slide": str(number)}
    if screen != "720":
        wanted["screen"] = screen
    if {key: st.query_params.get(key) for key in wanted} != wanted or len(st.query_params.get_all("country")) > 1:
        st.query_params.from_dict(wanted)
    return number, screen


def _go(to: int) -> None:
    st.query_params["slide"] = str(to)
    st.session_state["ws_numbers"] = False      # a new slide opens on its chart


def _flip_numbers() -> None:
    st.session_state["ws_numbers"] = not st.session_state.get("ws_numbers", False)


def _settled() -> None:
    """A setting was chosen: close the settings so that they do not cover the slide."""
    st.session_state["ws_settings"] = False


def _set_country() -> None:
    st.query_params["country"] = st.session_state["ws_country"]
    st.query_params["slide"] = "1"
    _settled()


def _set_lang() -> None:
    st.session_state["lang"] = st.session_state["ws_lang"]
    st.query_params["lang"] = st.session_state["ws_lang"]
    _settled()


def _set_screen() -> None:
    st.query_params["screen"] = st.session_state["ws_screen"]
    _settled()


def _exit(lang: str, country: str) -> None:
    """Back to the page (the URL path is unchanged), filters and language the presenter had."""
    back = st.session_state.pop("ws_return", None)
    params = back if back is not None else {"lang": [lang], "country": [country]}
    st.query_params.from_dict(params)
    st.session_state["lang"] = valid_lang((params.get("lang") or [lang])[0])


# ------------------------------------------------------------------ drawing
def head(slide: workshop.Slide, number: int, total: int, countries: list[str], country: str, lang: str,
         screen: str) -> bool:
    """Title, country and slide number, the Numbers/Chart button, the settings, full screen and Exit;
    True when the slide's numbers are to be shown rather than its chart."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="ws_head"):
        st.title(slide.title, anchor=False, width="stretch")
        st.markdown(f"**{ui.tr(country)}** · {number} / {total}", width="content")
        numbers = st.session_state.get("ws_numbers", False)   # a button, not a switch: keys stay with the slides
        st.button(ui.tr("Chart") if numbers else ui.tr("Numbers"), key="ws_numbers_button", on_click=_flip_numbers,
                  icon=":material/bar_chart:" if numbers else ":material/table:",
                  help=ui.tr("Numbers shown on this slide"))
        with st.popover("", icon=":material/settings:", help=ui.tr("Country, language and screen"),
                        key="ws_settings", on_change="rerun"):
            st.selectbox(ui.tr("Country"), countries, index=countries.index(country), format_func=ui.tr,
                         key="ws_country", on_change=_set_country)
            options = list(languages())
            st.selectbox(ui.tr("Language"), options, index=options.index(lang),
                         format_func=lambda code: LANGUAGE_NAMES.get(code, code), key="ws_lang", on_change=_set_lang)
            screens = list(workshop.SCREENS)
            st.selectbox(ui.tr("Screen"), screens, index=screens.index(screen), format_func=workshop.SCREENS.get,
                         key="ws_screen", on_change=_set_screen)
        st.html(FULLSCREEN_HTML.replace("{label}", html.escape(ui.tr("Full screen"))), width="content",
                unsafe_allow_javascript=True)
        st.button(ui.tr("Exit"), icon=":material/close:", key="ws_exit", type="tertiary", on_click=_exit,
                  args=(lang, country), help=ui.tr("Exit workshop mode"))
    return numbers


def body(slide: workshop.Slide, number: int, numbers: bool, lang: str, k: int, screen: str) -> None:
    """The subtitle, the chart (or the table of its numbers) in the height left, the notes and source line."""
    if slide.subtitle:
        st.caption(as_text(slide.subtitle))
    with st.container(key="ws_chart_box"):
        if numbers:    # what the chart and the downloads show
            st.table(workshop.numbers_table(downloads.chart_table(slide, lang)[0], lang))
        else:
            figure = projector.scaled(slide.figure, workshop.SCREENS_FONT[screen])
            figure.update_layout(height=None, autosize=True)   # the box sets the height (CSS above)
            st.plotly_chart(figure, width="stretch", height="stretch", key=f"ws_chart_{number}_{slide.key}",
                            config={"displayModeBar": False, "displaylogo": False, "scrollZoom": False,
                                    "responsive": True})
    for note in slide.notes:
        st.markdown("> " + as_text(note))
    st.caption(as_text(slide.source_line) + " · " + as_text(slide.note or workshop.small_cell_note(k, lang)))


def buttons(slide: workshop.Slide, number: int, total: int, store: str, country: str, lang: str, k: int) -> None:
    """◀ ▶, the slide's downloads (PNG, CSV, Excel) and the workshop pack (PDF, PowerPoint), and the
    clicker's keys. Chromium starts when the page opens, so the first PNG or pack is quick (export.warm)."""
    nav = st.columns([2, 2, 2, 2, 2, 3, 4], vertical_alignment="center")   # "Workshop pack (PowerPoint)" whole
    nav[0].button(ui.tr("◀ Previous"), key="ws_prev", disabled=number <= 1, on_click=_go, args=(number - 1,),
                  shortcut="Left", width="stretch")
    nav[1].button(ui.tr("Next ▶"), key="ws_next", disabled=number >= total, on_click=_go, args=(number + 1,),
                  type="primary", shortcut="Right", width="stretch")
    export.warm()
    stem = workshop.file_stem(country, lang)
    base = f"{stem}-{number}-{slide.key}"
    if not slide.empty:
        nav[2].download_button(ui.tr("Chart (PNG)"),
                               data=lambda s=store, c=country, lg=lang, kk=k, i=number - 1: _png(s, c, lg, kk, i),
                               file_name=f"{base}.png", mime="image/png", key="ws_png", on_click="ignore",
                               width="stretch")
        as_of = downloads.data_as_of(ui.cached(sources.last_update), slide)
        nav[3].download_button(ui.tr("Table (CSV)"), data=lambda: downloads.slide_csv(slide, country, lang, as_of),
                               file_name=f"{base}.csv", mime="text/csv", key="ws_csv", on_click="ignore",
                               width="stretch")
        nav[4].download_button(ui.tr("Table (Excel)"), data=lambda: downloads.slide_xlsx(slide, country, lang, as_of),
                               file_name=f"{base}.xlsx", key="ws_xlsx", on_click="ignore", width="stretch", mime=XLSX)
    nav[5].download_button(ui.tr("Workshop pack (PDF)"),
                           data=lambda s=store, c=country, lg=lang, kk=k: _pdf(s, c, lg, kk),
                           file_name=f"{stem}-workshop.pdf", mime="application/pdf",
                           key="ws_pdf", on_click="ignore", type="primary", width="stretch")
    nav[6].download_button(ui.tr("Workshop pack (PowerPoint)"),
                           data=lambda s=store, c=country, lg=lang, kk=k: _pptx(s, c, lg, kk),
                           file_name=f"{stem}-workshop.pptx", key="ws_pptx", on_click="ignore", mime=PPTX,
                           width="stretch")
    # A presenter's clicker sends Page Down / Page Up (some send Space): the same moves as ◀ ▶, on buttons
    # that are never shown (Streamlit's button shortcuts, like → and ← above).
    with st.container(key="ws_keys"):
        for shortcut, step in (("PageDown", 1), ("Space", 1), ("PageUp", -1)):
            st.button(ui.tr("Next ▶") if step > 0 else ui.tr("◀ Previous"), key=f"ws_key_{shortcut.lower()}",
                      shortcut=shortcut, on_click=_go, args=(number + step,),
                      disabled=not 1 <= number + step <= total)
