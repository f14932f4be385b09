"""Evaluation findings (KII explorer): answers per question as stacked bars with their counts, filtered by
OECD-DAC criterion, stakeholder type and question and sorted by an answer (every choice kept in the URL); a
question × stakeholder-type table one tab away; the evaluators' observations beside the counts; a cross-tab
an evaluator can pivot; who was interviewed, by institution and stakeholder group. The panels are in
atlas_data/dashboard/findings.py."""
import streamlit as st

from atlas_data.dashboard import blocks, findings, ui
from atlas_data.queries import kii

lang = ui.lang()
st.title(ui.tr("Evaluation findings"))
st.caption(ui.tr("Key-informant interviews (KII) of the midterm evaluation: answers as the evaluators tallied them."))
filters = ui.filters(keep=("criterion", "stakeholder", "question", "sort", "shares"))   # this page's URL choices
asked = ui.cached(kii.kii_questions, filters, profile=False)
interviewed = ui.cached(kii.respondents_summary, filters, by=())
if asked.empty and interviewed.empty:
    ui.nothing()
    st.stop()
kii_sources = blocks.sources("kii_tally", filters)
blocks.data_as_of(("kii_tally", "respondents"), filters)

if not asked.empty:
    picked = findings.answers_section(filters, asked, kii_sources, lang)
    findings.crosstab_section(filters, picked, kii_sources)
findings.interviewed_section(filters, interviewed, kii_sources, lang)
