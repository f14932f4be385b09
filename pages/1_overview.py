"""Overview: per country, the DMOPs by step, people trained, events, completion, key informants, newest data."""
import streamlit as st

from atlas_data.dashboard import blocks, ui
from atlas_data.dashboard.page_list import OVERVIEW_LINKS
from atlas_data.queries import overview
from atlas_data import queries
from atlas_data.i18n import fmt_int, fmt_percent

CARD_COLUMNS = {"country": "Country", "dmops": "DMOPs", "dmops_piloted": "DMOPs at pilot or later",
                "people_trained": "People trained (unique)", "events_held": "Events held", "started": "Started",
                "completed": "Completed", "completion_rate": "Completion rate",
                "key_informants": "Key informants interviewed", "newest_data_date": "Newest data"}

lang = ui.lang()
st.title(ui.tr("ATLAS monitoring and evaluation"))
filters = ui.filters()
cards = ui.cached(overview.overview, filters, threshold=ui.completion_threshold(),
                excused_counts_as_missed=ui.excused_counts_as_missed())
if cards.empty:
    if filters == queries.Filters():
        ui.nothing(ui.tr("No data yet. Upload exports on the Data page."))
        blocks.page_link("pages/8_data.py")
    else:
        ui.nothing()
    st.stop()

blocks.data_as_of(("dmop_status", "attendance", "events", "tests"), filters)
by_step = ui.cached(overview.dmops_by_step, filters)
for _, card in cards.iterrows():
    with st.container(border=True):
        st.subheader(ui.tr(card["country"]))
        c = st.columns(5)
        c[0].metric(ui.tr("DMOPs"), fmt_int(card["dmops"], lang))
        c[1].metric(ui.tr("People trained (unique)"), fmt_int(card["people_trained"], lang))
        c[2].metric(ui.tr("Events held"), fmt_int(card["events_held"], lang))
        c[3].metric(ui.tr("Completion rate"), fmt_percent(card["completion_rate"], lang))
        c[4].metric(ui.tr("Key informants interviewed"), fmt_int(card["key_informants"], lang))
        facts = [ui.tr("Newest data") + ": " + ui.newest(card["newest_data_date"])]
        steps = by_step[by_step["country"] == card["country"]]
        if not steps.empty:
            facts.append(ui.tr("DMOPs by step") + ": " + ", ".join(
                f"{ui.tr('Step')} {fmt_int(r.step, lang)}: {fmt_int(r.dmops, lang)}" for r in
                steps.groupby("step", as_index=False)["dmops"].sum().itertuples()))
        st.caption(" · ".join(facts))
        links = st.container(horizontal=True, gap="small")   # each link as wide as its title, wrapping when long
        for page in OVERVIEW_LINKS:
            blocks.page_link(page, links)

overview_sources = blocks.sources(("dmop_status", "attendance", "events", "respondents", "kii_tally"), filters)
blocks.illustrative_caption(blocks.sources("attendance", filters))
ui.data_under(lambda: blocks.labelled(cards, CARD_COLUMNS), overview_sources, "overview")
