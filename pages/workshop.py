"""Workshop mode: the slides of one country in one language, for a projector at a validation workshop.

`?mode=workshop&country=Paraguay&slide=2&lang=es` opens the same slide every time; on a page's path
(`/training_reach?mode=workshop&lang=es`) it opens that page's slide (SLIDE_OF_PAGE), and leaving workshop
mode returns to the page, filters and language the presenter came from (app.py keeps them when the toggle is
switched on). Large type, black on white, no sidebar; one chart per screen with its source line; ◀ / ▶ move between the six slides
(also the Left and Right keys). Every number comes from `atlas_data.workshop` already suppressed:
no count of people below the threshold (shown as `<5`), none recoverable from totals (a cell hidden to
protect one is shown as `×`). Downloads: the chart (PNG), the published table with the note on `<5` and
`×` (CSV, Excel) and the workshop pack (PDF), each generated when clicked and cached per store version,
country, language and threshold.
"""
import re

import streamlit as st

from atlas_data import pack, ui, workshop
from atlas_data.blocks import as_text
from atlas_data.export import to_csv_bytes, to_xlsx_bytes
from atlas_data.i18n import languages, valid_lang

#: The slide that a page's URL path opens (`/dropout?mode=workshop`); other paths open the first slide.
SLIDE_OF_PAGE = {"dmop_status": "dmop_board", "training_reach": "reach", "dropout": "dropout",
                 "learning": "learning", "evaluation_findings": "kii"}

# Static CSS only (never data): large type, high contrast, sidebar and toolbar out of the way.
WORKSHOP_CSS = """<style>
html { font-size: 19px; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarNav"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.6rem 1.6rem 1rem 1.6rem !important; max-width: 100% !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] {
  background: #FFFFFF !important; color: #000000 !important; }
h1 { font-size: 1.95rem !important; font-weight: 800 !important; color: #000000 !important;
  padding: 0 !important; line-height: 1.15 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #111111 !important; opacity: 1 !important; font-size: 0.82rem !important; }
[data-testid="stMarkdownContainer"] p { color: #000000; }
button[kind="primary"], button[kind="secondary"] { border: 2px solid #000000 !important; font-weight: 700 !important; }
button[kind="primary"] { background: #0B3C8C !important; }
button[kind="primary"], button[kind="primary"] * { color: #FFFFFF !important; }
button:disabled { background: #FFFFFF !important; border-color: #9E9E9E !important; }
button:disabled, button:disabled * { color: #6E6E6E !important; }
[data-testid="stVerticalBlock"] { gap: 0.45rem; }
/* the chart fills the screen height left by the title, the source line and the buttons */
.st-key-ws_chart_box { height: calc(100vh - 14.2rem) !important; min-height: 300px; flex: none !important; }
@media (min-width: 1800px) and (min-height: 1000px) { html { font-size: 26px; } }
</style>"""

SCREENS = {"720": "1280 × 720", "1080": "1920 × 1080"}   # ?screen=1080: chart type 1.4 times larger
SCREENS_FONT = {"720": 1.0, "1080": 1.4}

lang = ui.lang()
k = workshop.threshold()
st.html(WORKSHOP_CSS)


@st.cache_data(show_spinner=False, max_entries=8)
def _countries(store_key: str) -> list[str]:
    return workshop.countries(ui.connection())


@st.cache_data(show_spinner=False, max_entries=32)
def _slides(store_key: str, country: str, lang: str, k: int) -> list[workshop.Slide]:
    return workshop.slides(ui.connection(), country, lang, k)


@st.cache_data(show_spinner=False, max_entries=64)
def _png(store_key: str, country: str, lang: str, k: int, index: int) -> bytes:
    return pack.slide_png(_slides(store_key, country, lang, k)[index], lang)


@st.cache_data(show_spinner=False, max_entries=16)
def _pdf(store_key: str, country: str, lang: str, k: int) -> bytes:
    return pack.build_pack(ui.connection(), country, lang, k)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "atlas"


def _opening(slides: list[workshop.Slide], path: str) -> int:
    """The number of the slide that the page at URL path ``path`` opens (1 when it has none)."""
    key = SLIDE_OF_PAGE.get(path)
    return next((i for i, s in enumerate(slides, start=1) if s.key == key), 1)


store = ui.version()
countries = _countries(store)
if not countries:
    ui.nothing(ui.tr("No data yet. Upload exports on the Data page."))
    st.stop()
asked = [c for c in st.query_params.get_all("country") if c in countries]
country = asked[0] if asked else countries[0]
slides = _slides(store, country, lang, k)
if not slides:      # countries() offers only countries with a slide; the store may have changed since
    ui.nothing()
    st.stop()
try:
    number = int(st.query_params["slide"]) if "slide" in st.query_params else _opening(slides, ui.page_path())
except ValueError:
    number = 1
number = min(max(number, 1), len(slides))
screen = st.query_params.get("screen") if st.query_params.get("screen") in SCREENS else "720"
wanted = {"mode": "workshop", "lang": lang, "country": country, "slide": str(number)}
if screen != "720":
    wanted["screen"] = screen
if {key: st.query_params.get(key) for key in wanted} != wanted or len(st.query_params.get_all("country")) > 1:
    st.query_params.from_dict(wanted)
slide = slides[number - 1]


def _go(to: int) -> None:
    st.query_params["slide"] = str(to)


def _set_country() -> None:
    st.query_params["country"] = st.session_state["ws_country"]
    st.query_params["slide"] = "1"


def _set_lang() -> None:
    st.session_state["lang"] = st.session_state["ws_lang"]
    st.query_params["lang"] = st.session_state["ws_lang"]


def _set_screen() -> None:
    st.query_params["screen"] = st.session_state["ws_screen"]


def _exit() -> None:
    """Back to the page (the URL path is unchanged), filters and language the presenter had."""
    back = st.session_state.pop("ws_return", None)
    params = back if back is not None else {"lang": [lang], "country": [country]}
    st.query_params.from_dict(params)
    st.session_state["lang"] = valid_lang((params.get("lang") or [lang])[0])


# ------------------------------------------------------------------ the slide
head = st.columns([10, 2, 1, 2], vertical_alignment="center")
head[0].title(slide.title, anchor=False)
head[1].markdown(f"**{ui.tr(country)}** · {number} / {len(slides)}")
with head[2].popover("⚙", help=ui.tr("Country, language and screen")):
    st.selectbox(ui.tr("Country"), countries, index=countries.index(country), format_func=ui.tr, key="ws_country",
                 on_change=_set_country)
    options = list(languages())
    st.selectbox(ui.tr("Language"), options, index=options.index(lang),
                 format_func=lambda code: ui.LANG_NAMES.get(code, code), key="ws_lang", on_change=_set_lang)
    st.selectbox(ui.tr("Screen"), list(SCREENS), index=list(SCREENS).index(screen), format_func=SCREENS.get,
                 key="ws_screen", on_change=_set_screen)
head[3].button(ui.tr("Exit workshop mode"), key="ws_exit", type="tertiary", on_click=_exit)
if slide.subtitle:
    st.caption(as_text(slide.subtitle))

with st.container(key="ws_chart_box"):
    screen_figure = workshop.scaled(slide.figure, SCREENS_FONT[screen])
    screen_figure.update_layout(height=None, autosize=True)   # the box sets the height (CSS above)
    st.plotly_chart(screen_figure, width="stretch", height="stretch", key=f"ws_chart_{slide.key}",
                    config={"displayModeBar": False, "displaylogo": False, "scrollZoom": False})
for note in slide.notes:
    st.markdown("> " + as_text(note))
st.caption(as_text(slide.source_line) + " · " + as_text(slide.note or workshop.small_cell_note(k, lang)))

nav = st.columns([2, 2, 2, 2, 2, 3], vertical_alignment="center")
nav[0].button(ui.tr("◀ Previous"), key="ws_prev", disabled=number <= 1, on_click=_go, args=(number - 1,),
              shortcut="Left", width="stretch")
nav[1].button(ui.tr("Next ▶"), key="ws_next", disabled=number >= len(slides), on_click=_go, args=(number + 1,),
              type="primary", shortcut="Right", width="stretch")
base = f"atlas-{_slug(country)}-{lang}-{number}-{slide.key}"
if not slide.empty:
    nav[2].download_button(ui.tr("Chart (PNG)"),
                           data=lambda s=store, c=country, lg=lang, kk=k, i=number - 1: _png(s, c, lg, kk, i),
                           file_name=f"{base}.png", mime="image/png", key="ws_png", on_click="ignore",
                           width="stretch")
    download = workshop.download_table(slide)        # the table, then the note on <k and ×
    nav[3].download_button(ui.tr("Table (CSV)"), to_csv_bytes(download), file_name=f"{base}.csv",
                           mime="text/csv", key="ws_csv", on_click="ignore", width="stretch")
    nav[4].download_button(ui.tr("Table (Excel)"), to_xlsx_bytes(download, sheet=slide.key),
                           file_name=f"{base}.xlsx", key="ws_xlsx", on_click="ignore", width="stretch",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
nav[5].download_button(ui.tr("Workshop pack (PDF)"), data=lambda s=store, c=country, lg=lang, kk=k: _pdf(s, c, lg, kk),
                       file_name=f"atlas-{_slug(country)}-{lang}-workshop.pdf", mime="application/pdf",
                       key="ws_pdf", on_click="ignore", type="primary", width="stretch")

if not slide.empty:
    with st.expander(ui.tr("Numbers shown on this slide")):
        st.dataframe(workshop.formatted(slide.table, lang), hide_index=True, width="stretch")
        if slide.note:
            st.caption(as_text(slide.note))
