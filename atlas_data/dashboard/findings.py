"""The Evaluation findings page's panels (pages/6_evaluation_findings.py lays them out): answers per question
with the evaluators' notes beside them, the cross-tab an evaluator pivots, and who was interviewed. Every choice
is kept in the page's address (``ui.url_*``)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas_data.contract import ANSWER_ORDER, CRITERIA
from atlas_data.dashboard import blocks, ui
from atlas_data.i18n import fmt_int
from atlas_data.queries import kii
from atlas_data.reports import kii_charts, publish

FIELDS = {"country": "Country", "question": "Question", "stakeholder_type": "Stakeholder type", "answer": "Answer"}
NOTE_COLUMNS = {"question": "Question", "answers": "Answers", "note": "Observation or note"}
COUNT_COLUMNS = {"country": "Country", "question": "Question", "criterion": "Criterion", "unit": "Counted",
                 "answer": "Answer", "n": "Count", "share": "Share"}
WHO = {"institution": "Institution", "organization": "Organization"}
WHO_TITLES = {"institution": "Key informants by institution and stakeholder group",
              "organization": "Key informants by organization and stakeholder group"}


def notes_beside_questions(notes: pd.DataFrame, counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per question that has notes, in the order of the bars: the question, its answers as counted
    ("Yes 27 · Partially 1 · No 0") and its notes (an interview note led by the informant's answer and type)."""
    tallies = {}
    for (country, question), part in counts.groupby(["country", "question"], sort=False):
        tallies[(country, question)] = " · ".join(f"{ui.tr(a)} {fmt_int(n, lang)}"
                                                  for a, n in zip(part["answer"], part["n"]))
    def written(row) -> str:
        lead = [ui.tr(str(row.answer))] if pd.notna(row.answer) else []
        lead += [str(row.stakeholder_type)] if pd.notna(row.stakeholder_type) and pd.notna(row.answer) else []
        return (f"[{', '.join(lead)}] " if lead else "") + str(row.note)
    order = {k: i for i, k in enumerate(tallies)}
    out = (notes.assign(note=[written(r) for r in notes.itertuples()])
           .groupby(["country", "question"], sort=False, as_index=False)["note"].agg("\n\n".join))
    out["answers"] = [tallies.get(k, "–") for k in zip(out["country"], out["question"])]
    out["__o"] = [order.get(k, len(order)) for k in zip(out["country"], out["question"])]
    return out.sort_values("__o", kind="stable").drop(columns="__o")


def answers_section(filters, asked: pd.DataFrame, kii_sources: pd.DataFrame, lang: str) -> dict:
    """Filters by criterion, stakeholder type and question; per unit (informants, comments) the bars, the
    question × stakeholder-type table and the notes. Returns the choices, for the cross-tab."""
    st.header(ui.tr("Answers per question"))
    st.caption(ui.tr("Every choice below is kept in the page's address: copy the link to share this view."))
    c = st.columns(3)
    present = set(asked["criterion"].dropna())
    criteria = ui.url_multiselect(c[0], ui.tr("OECD-DAC criterion"), [k for k in CRITERIA if k in present] +
                                  sorted(present - set(CRITERIA)), key="kii_criterion", param="criterion",
                                  format_func=ui.tr, placeholder=ui.tr("All criteria"))
    # the choices stay the stored texts (they go back into the queries); their labels are in the language
    types = ui.options(kii.kii_crosstab, filters, unit=None, profile=False)["stakeholder_type"].dropna().unique()
    stakeholders = ui.url_multiselect(c[1], ui.tr("Stakeholder type"), sorted(types), key="kii_stakeholder",
                                      param="stakeholder", placeholder=ui.tr("All stakeholder types"),
                                      format_func=lambda v: ui.data_text(v, "stakeholder_type"))
    scoped = ui.options(kii.kii_questions, filters, criterion=tuple(criteria) or None,
                     stakeholder_type=tuple(stakeholders) or None, profile=False)
    questions = ui.url_multiselect(c[2], ui.tr("Question"), list(dict.fromkeys(scoped["question"])),
                                   key="kii_question", param="question", placeholder=ui.tr("All questions"),
                                   format_func=lambda v: ui.data_text(v, "question"))
    picked = {"criterion": tuple(criteria) or None, "stakeholder_type": tuple(stakeholders) or None,
              "question": tuple(questions) or None, "profile": False}
    everything = ui.cached(kii.kii_distribution, filters, **picked)
    answers = [a for a in ANSWER_ORDER if a in set(everything["answer"])] + \
        sorted(set(everything["answer"].dropna()) - set(ANSWER_ORDER))
    orders = [kii.KII_QUESTIONNAIRE_ORDER] + [f"{m}:{a}" for a in answers for m in ("n", "share")]

    def order_label(order: str) -> str:
        if order == kii.KII_QUESTIONNAIRE_ORDER:
            return ui.tr("Questionnaire order")
        measure, _, answer = order.partition(":")
        return ui.tr("Most \"{answer}\" first (count)" if measure == "n" else "Highest share of \"{answer}\" first",
                     answer=ui.tr(answer))

    c = st.columns(2)
    order = ui.url_selectbox(c[0], ui.tr("Sort questions"), orders, key="kii_sort", param="sort",
                             format_func=order_label)
    shares = ui.url_toggle(c[1], ui.tr("Show shares (%) instead of counts"), key="kii_shares", param="shares")
    for unit, heading, key in (("respondents", "Key informants' answers", "kii_answers"),
                               ("comments", "Comments per aspect of the training (counts of comments, not people)",
                                "kii_comments")):
        counts = ui.cached(kii.kii_distribution, filters, unit=unit, **picked)
        if counts.empty:
            continue
        counts = kii.kii_sort(counts, order)
        st.subheader(ui.tr(heading))
        bars, by_type = st.tabs([ui.tr("Bars"), ui.tr("Question × stakeholder type")])
        with bars:
            fig = blocks.figure(kii_charts.kii_stacked_bars, counts, normalize=shares)
            blocks.chart(fig, lambda: blocks.labelled(counts, COUNT_COLUMNS), kii_sources, key)
        with by_type:
            cross = ui.cached(kii.kii_crosstab, filters, unit=unit, **picked)
            readable = cross.assign(answer=cross["answer"].map(ui.tr),
                                    stakeholder_type=cross["stakeholder_type"].fillna(ui.tr("Not given")))
            rows = ["country", "question"] if cross["country"].nunique() > 1 else ["question"]
            readable = readable.assign(country=readable["country"].map(ui.tr))
            order_of = {q: i for i, q in enumerate(dict.fromkeys(counts["question"]))}
            readable = readable.assign(__o=readable["question"].map(order_of)).sort_values(
                "__o", kind="stable").drop(columns="__o")
            pivot = kii.kii_pivot(readable, rows, ["stakeholder_type", "answer"], share=shares)
            values = [col for col in pivot.columns if col not in rows]
            blocks.table(pivot, {**{f: FIELDS[f] for f in rows}, **{v: v for v in values}},
                         shares=values if shares else ())
        notes = ui.cached(kii.kii_notes, filters, **picked)
        notes = notes[notes["question"].isin(counts["question"])]
        with st.container(border=True):
            st.markdown("**" + ui.tr("Observations and notes") + "**")
            if notes.empty:
                st.caption(ui.tr("No observations recorded for these questions."))
            else:
                blocks.table(notes_beside_questions(notes, counts, lang), NOTE_COLUMNS, wrap=True)
    if everything.empty:
        ui.nothing(ui.tr("No answers match these criteria, stakeholder types and questions."))
    return picked


def crosstab_section(filters, picked: dict, kii_sources: pd.DataFrame) -> None:
    """The cross-tab an evaluator pivots (rows, columns, shares); in publish mode protected as a whole."""
    st.header(ui.tr("Cross-tab"))
    cross = ui.cached_unpublished(kii.kii_crosstab, filters, **picked)   # pivoted below, then published as a table
    if cross.empty:
        ui.nothing(ui.tr("No answers match these criteria, stakeholder types and questions."))
    else:
        c = st.columns([2, 2, 1])
        rows = c[0].multiselect(ui.tr("Rows"), list(FIELDS), default=["country", "question"],
                                format_func=lambda f: ui.tr(FIELDS[f]), key="pivot_rows", select_all=False,
                                filter_mode=None)
        cols = c[1].multiselect(ui.tr("Columns"), [f for f in FIELDS if f not in rows],
                                default=[f for f in ("stakeholder_type", "answer") if f not in rows],
                                format_func=lambda f: ui.tr(FIELDS[f]), key="pivot_cols", select_all=False,
                                filter_mode=None)
        row_share = c[2].toggle(ui.tr("Shares of each row"), key="pivot_share")
        if not rows:
            st.caption(ui.tr("Pick at least one field for the rows."))
        else:
            readable = cross.assign(answer=cross["answer"].map(ui.tr),
                                    stakeholder_type=cross["stakeholder_type"].fillna(ui.tr("Not given")),
                                    country=cross["country"].map(ui.tr))
            pivot = kii.kii_pivot(readable, rows, cols, share=row_share)
            if (k := ui.publishing()) is not None:      # publish mode: the table as a whole, with its totals
                pivot = publish.wide_shares(kii.kii_pivot(readable, rows, cols), pivot, rows, k) if row_share \
                    else publish.wide(pivot, rows, k)
            values = [col for col in pivot.columns if col not in rows]
            blocks.table(pivot, {**{f: FIELDS[f] for f in rows}, **{v: v for v in values}},
                         shares=values if row_share else ())
            ui.data_under(lambda: blocks.labelled(pivot, {**{f: FIELDS[f] for f in rows}, **{v: v for v in values}}),
                          kii_sources, "kii_pivot")


def interviewed_section(filters, interviewed: pd.DataFrame, kii_sources: pd.DataFrame, lang: str) -> None:
    """Key informants per country, by institution or organization and stakeholder group, and the report's
    own breakdowns."""
    st.header(ui.tr("Who was interviewed"))
    if interviewed.empty:
        ui.nothing(ui.tr("No key-informant profile for this selection."))
        return
    c = st.columns(max(len(interviewed), 2))
    for i, r in enumerate(interviewed.itertuples()):
        c[i].metric(ui.tr("Key informants interviewed") + f" · {ui.tr(r.country)}", fmt_int(r.respondents, lang))
    who = st.radio(ui.tr("Key informants by"), list(WHO), format_func=lambda k: ui.tr(WHO[k]), horizontal=True,
                   key="who_by")
    profile = ui.cached(kii.respondents_summary, filters, by=("stakeholder_group", who))
    fig = blocks.figure(kii_charts.respondents_bars, profile, ui.tr(WHO_TITLES[who]), y=who, color="stakeholder_group")
    blocks.chart(fig, lambda: blocks.labelled(profile, {"country": "Country", "stakeholder_group": "Stakeholder group",
                                                        who: WHO[who], "respondents": "Key informants"}),
                 blocks.sources("respondents", filters), "respondents")

    tallies = ui.cached(kii.kii_profile, filters)
    if not tallies.empty:
        st.caption(ui.tr("Breakdowns as the report tallies them: a tally's total can differ from the profile table "
                         "above, and the two are never added together."))
        for i, breakdown in enumerate(dict.fromkeys(tallies["breakdown"])):
            part = tallies[tallies["breakdown"] == breakdown]
            fig = blocks.figure(kii_charts.respondents_bars, part, ui.tr(breakdown), y="group", color="country")
            columns = {"country": "Country", "breakdown": "Breakdown", "group": "Group",
                       "respondents": "Key informants"}
            blocks.chart(fig, lambda: blocks.labelled(part, columns), kii_sources, f"profile_{i}")
        notes = ui.cached(kii.kii_notes, filters, profile=True)
        if not notes.empty:
            blocks.table(notes, {"country": "Country", "question": "Breakdown", "note": "Observation or note"},
                         translated=("country", "question"), wrap=True)
