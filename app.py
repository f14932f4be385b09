"""ATLAS M&E dashboard: the router. Shared sidebar (language, filters); each page lives in pages/.

URL paths are the names Streamlit itself gives the page files (`pages/2_dmop_status.py` → `dmop_status`);
`ui.through_router` makes this script route from a fresh server's first request on.
"""
import streamlit as st

from atlas_data import settings
from atlas_data.i18n import fmt_int
from atlas_data.dashboard import prefetch, ui, upload_gate
from atlas_data.dashboard.page_list import PAGES, WORKSHOP_PAGE

ui.through_router(router=True)
upload_gate.install()   # Streamlit's upload endpoint then refuses sessions that show no uploader
st.set_page_config(page_title="ATLAS M&E", page_icon="📊", layout="wide")

# Workshop mode (WORKSHOP_PAGE) answers on every page's path too, so that `/training_reach?mode=workshop` opens the
# slide of that page (reports/workshop.py: SLIDE_OF_PAGE) and leaving workshop mode lands back on the page the
# presenter came from.
#: What leaving workshop mode restores: the filters and the language the presenter had (ui.filters reads them).
RETURN_PARAMS = ("lang", "country", "dmop", "from", "to")


def _enter_workshop() -> None:
    if st.session_state.get("workshop_toggle"):
        back = {key: st.query_params.get_all(key) for key in RETURN_PARAMS if key in st.query_params}
        back["lang"] = [st.query_params.get("lang") or st.session_state.get("lang", "en")]
        st.session_state["ws_return"] = back
        st.query_params["mode"] = "workshop"
        if "slide" in st.query_params:      # the page the presenter is on picks the slide
            del st.query_params["slide"]
        st.session_state["workshop_toggle"] = False


if st.query_params.get("mode") == "workshop":
    path, title, icon, slug = WORKSHOP_PAGE
    paths = [slug] + [page_slug for *_, page_slug in PAGES]
    pages = [st.Page(path, title=ui.tr(title), icon=icon, url_path=page_slug, default=(page_slug == slug))
             for page_slug in paths]
    navigation = st.navigation(pages, position="hidden")
else:
    ui.language_picker()
    st.sidebar.toggle(ui.tr("Workshop mode"), key="workshop_toggle", on_change=_enter_workshop,
                      help=ui.tr("Large type for a projector, one chart per screen; counts of people below {k} "
                                 "are shown as <{k}.", k=fmt_int(settings.load()["small_cell_threshold"], ui.lang())))
    pages = [st.Page(path, title=ui.tr(title), icon=icon, url_path=slug, default=(i == 0))
             for i, (path, title, icon, slug) in enumerate(PAGES)]
    paths = [slug for *_, slug in PAGES]
    navigation = st.navigation(pages)
    prefetch.load_in_background()   # the other pages' chart, slider, download and table scripts, once drawn
ui.run(navigation, paths[next(i for i, page in enumerate(pages) if page is navigation)])
