"""Workshop mode: the slides of one country in one language, for a projector at a validation workshop.

`?mode=workshop&country=Paraguay&slide=2&lang=es` opens the same slide every time; on a page's path
(`/training_reach?mode=workshop&lang=es`) it opens that page's slide (`workshop.SLIDE_OF_PAGE`). One screen
per slide at 1280 × 720 and 1920 × 1080, no scrolling: the chart takes the height the title, the source line
and the buttons leave, and "Numbers" swaps it for the table of its numbers. Large type, black on white, no
sidebar. ◀ / ▶ move between the slides, and so do a presenter's clicker and the keyboard (Page Down / Page Up,
Space, → / ←, as Streamlit button shortcuts); the full-screen button (or F) uses the browser's Fullscreen API.
Leaving workshop mode returns to the page, filters and language the presenter came from (app.py keeps them
when the toggle is switched on). Every number comes from `reports.workshop` already suppressed: no count of
people below the threshold (shown as `<5`), none recoverable from totals (a cell hidden to protect one is
shown as `×`). Downloads: the chart (PNG), the numbers the chart shows with the slide's title, sources, dates
and the note on `<5` and `×` (CSV, Excel: `reports.downloads`) and the workshop pack (PDF, PowerPoint).
The drawing is in `dashboard.slideshow`.
"""
import streamlit as st

from atlas_data.dashboard import slideshow, ui
from atlas_data.reports import workshop

lang, k, store = ui.lang(), workshop.threshold(), ui.version()
st.html(slideshow.CSS)

countries = slideshow.countries(store)
if not countries:
    ui.nothing(ui.tr("No data yet. Upload exports on the Data page."))
    st.stop()
asked = [c for c in st.query_params.get_all("country") if c in countries]
country = asked[0] if asked else countries[0]
slides = slideshow.slides(store, country, lang, k)
if not slides:      # countries() offers only countries with a slide; the store may have changed since
    ui.nothing()
    st.stop()
number, screen = slideshow.place(slides, country, lang)
slide = slides[number - 1]

numbers = slideshow.head(slide, number, len(slides), countries, country, lang, screen)
slideshow.body(slide, number, numbers, lang, k, screen)
slideshow.buttons(slide, number, len(slides), store, country, lang, k)
