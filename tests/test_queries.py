"""The page queries on fixture views (tests/viewfixtures.py), with the report's numbers in them."""
from __future__ import annotations

import threading
from datetime import date

import pandas as pd
import pytest

from atlas_data.queries import dmops, dropout, indicators, kii, learning, overview, reach, sources, sql
from atlas_data.queries import Filters

try:
    import rawqueries as raw
    from viewfixtures import ETP, FAMILIAR, LABOR_TOT, POLICE_SESSIONS, POLICE_TOT, _insert, make_con, rebuild_aggregates
except ImportError:  # tests/ made a package later
    from tests import rawqueries as raw
    from tests.viewfixtures import (ETP, FAMILIAR, LABOR_TOT, POLICE_SESSIONS, POLICE_TOT, _insert, make_con,
                                    rebuild_aggregates)

PY = Filters(countries=("Paraguay",))
TH = Filters(countries=("Thailand",))


@pytest.fixture(scope="module")
def con():
    connection = make_con()
    yield connection
    connection.close()


def one(df: pd.DataFrame, **where) -> pd.Series:
    """The single row of ``df`` matching ``where``."""
    mask = pd.Series(True, index=df.index)
    for col, value in where.items():
        mask &= df[col] == value
    rows = df[mask]
    assert len(rows) == 1, f"expected one row for {where}, got {len(rows)}:\n{rows}"
    return rows.iloc[0]


# ======================================================================= Filters

def test_filters_are_frozen_hashable_and_normalized():
    f = Filters(countries=["Paraguay"], dmops="Living Lab", date_from="2021-01-01",
                date_to=pd.Timestamp("2021-12-31"))
    assert f.countries == ("Paraguay",)
    assert f.dmops == ("Living Lab",)
    assert f.date_from == date(2021, 1, 1) and f.date_to == date(2021, 12, 31)
    assert hash(f) == hash(Filters(countries=("Paraguay",), dmops=("Living Lab",), date_from=date(2021, 1, 1),
                                   date_to=date(2021, 12, 31)))
    with pytest.raises(AttributeError):
        f.countries = ("Thailand",)  # type: ignore[misc]


def test_filters_reject_non_text_and_bad_dates():
    with pytest.raises(TypeError):
        Filters(countries=(1,))
    with pytest.raises(ValueError):
        Filters(date_from="31/02/2021")
    with pytest.raises(TypeError):
        Filters(date_to=20210101)


def test_placeholders_come_from_lengths_only():
    where, params = sql.conditions(Filters(countries=("a'b", "c"), dmops=("d",)))
    assert where == ["country IN (?, ?)", "dmop IN (?)"]
    assert params == ["a'b", "c", "d"]
    assert "a'b" not in " ".join(where)


# ======================================================================= dropout

def test_police_tot_20_started_12_completed(con):
    df = dropout.dropout_summary(con, PY)
    police = one(df, activity=POLICE_TOT)
    assert police["sessions_total"] == 4
    assert police["enrolled"] == 21          # one person on the roster never came
    assert police["no_show"] == 1
    assert police["started"] == 20
    assert police["completed"] == 12
    assert police["dropped_out"] == 8
    assert police["completion_rate"] == pytest.approx(0.6)
    assert police["dropout_rate"] == pytest.approx(0.4)


def test_trainers_are_not_participants(con):
    police = one(dropout.dropout_summary(con, PY), activity=POLICE_TOT)
    assert police["enrolled"] == 21          # T01, T02 are trainers: not on the participant roster


def test_police_tot_funnel_per_session_in_date_order(con):
    df = dropout.dropout_funnel(con, PY)
    police = df[df["activity"] == POLICE_TOT].sort_values("stage_no")
    assert police["stage"].tolist() == ["enrolled", "started", "session", "session", "session", "session",
                                        "completed"]
    sessions = police[police["stage"] == "session"]
    assert sessions["session_no"].tolist() == [1, 2, 3, 4]
    assert [d.date() for d in sessions["session_date"]] == list(POLICE_SESSIONS)
    assert sessions["participants"].tolist() == [20, 16, 11, 10]
    assert police["participants"].tolist() == [21, 20, 20, 16, 11, 10, 12]


def test_completion_at_50_percent_threshold(con):
    police = one(dropout.dropout_summary(con, PY, threshold=0.5), activity=POLICE_TOT)
    assert police["completed"] == 16         # the 4 who came to 2 of 4 sessions now complete
    assert police["dropout_rate"] == pytest.approx(0.2)
    funnel = dropout.dropout_funnel(con, PY, threshold=0.5)
    completed = funnel[(funnel["activity"] == POLICE_TOT) & (funnel["stage"] == "completed")]
    assert completed["participants"].tolist() == [16]


def test_completion_at_100_percent_threshold(con):
    police = one(dropout.dropout_summary(con, PY, threshold=1.0), activity=POLICE_TOT)
    assert police["completed"] == 9


@pytest.mark.parametrize("bad", [0, 75, -0.5, 1.01])
def test_threshold_must_be_a_share(con, bad):
    with pytest.raises(ValueError, match="between 0 and 1"):
        dropout.dropout_summary(con, PY, threshold=bad)


def test_dropout_by_institution_and_gender(con):
    df = dropout.dropout_summary(con, PY, by=("institution",))
    police = df[df["activity"] == POLICE_TOT]
    national = one(police, institution="National Police")
    isepol = one(police, institution="Higher Institute Training Center (ISEPOL)")
    assert (national["enrolled"], national["started"], national["completed"]) == (14, 14, 12)
    assert (isepol["enrolled"], isepol["started"], isepol["completed"]) == (7, 6, 0)   # P15–P21
    assert national["started"] + isepol["started"] == 20
    assert national["completed"] + isepol["completed"] == 12
    by_gender = dropout.dropout_summary(con, PY, by="gender")
    police_g = by_gender[by_gender["activity"] == POLICE_TOT]
    assert one(police_g, gender="Female")["started"] == 8
    assert one(police_g, gender="Male")["started"] == 12
    assert police_g["completed"].sum() == 12


def test_dropout_by_unknown_column_is_refused(con):
    with pytest.raises(ValueError, match="cannot group by"):
        dropout.dropout_summary(con, PY, by=("participant_key",))


def test_dropout_date_filter_keeps_whole_activities(con):
    # a range covering only the last police session still shows the whole ToT (4 sessions)
    f = Filters(countries=("Paraguay",), date_from=date(2021, 6, 1), date_to=date(2021, 6, 30))
    df = dropout.dropout_summary(con, f)
    assert df["activity"].tolist() == [POLICE_TOT]
    assert one(df, activity=POLICE_TOT)["completed"] == 12


# ======================================================================= reach

def test_unique_reach_counts_a_person_once_across_sessions(con):
    df = reach.reach(con, Filters(countries=("Paraguay",), dmops=(ETP,), date_from=date(2021, 4, 1),
                              date_to=date(2021, 6, 30)), by=("activity",))
    assert one(df, activity=POLICE_TOT, source="roster")["people"] == 20   # 20 people, up to 4 sessions each


def test_unique_reach_counts_a_person_once_across_activities(con):
    # P05 is on the police ToT and the labor inspectors' ToT: 20 + 10 − 1 = 29 people
    by_activity = reach.reach(con, PY, by=("activity",))
    assert one(by_activity, activity=POLICE_TOT, source="roster")["people"] == 20
    assert one(by_activity, activity=LABOR_TOT, source="roster")["people"] == 10
    total = reach.reach(con, PY, by=("country",))
    assert one(total, country="Paraguay", source="roster")["people"] == 29


def test_events_without_roster_added_head_counts_with_roster_not(con):
    df = reach.reach(con, PY, by=("activity",))
    heads = df[df["source"] == "head count"].set_index("activity")["people"].to_dict()
    # General Symposium 85, Living Lab meetings 18 + 14; the police ToT head count row (20) has a roster
    assert heads == {"General Symposium": 85, "Living Lab working group meeting": 32}
    assert POLICE_TOT not in heads and "ToT for Police " not in heads


def test_ki2_people_trained_total(con):
    assert reach.people_trained(con, PY) == 29 + 85 + 32
    assert reach.people_trained(con, TH) == 42 + 55 + 46 + 5
    assert reach.people_trained(con) == 146 + 148


def test_reach_is_tidy_with_source_column(con):
    df = reach.reach(con, None, by=("country",))
    assert list(df.columns) == ["country", "source", "people"]
    assert set(df["source"]) == {"roster", "head count"}
    assert df["country"].tolist()[:2] == ["Paraguay", "Paraguay"]          # fixed country order


def test_reach_breakdown_rows_only_by_institution(con):
    by_country = reach.reach(con, TH, by=("country",))
    assert one(by_country, source="head count")["people"] == 143          # totals, not totals + parts
    by_inst = reach.reach(con, TH, by=("institution",))
    heads = by_inst[by_inst["source"] == "head count"]
    assert one(heads, institution="Ministry of Labour")["people"] == 12
    assert heads["people"].sum() == 143          # 42 split by agency + 55 + 46 without one


def test_reach_by_gender_uses_event_split_and_one_gender_per_person(con):
    df = reach.reach(con, PY, by=("gender",))
    roster = df[df["source"] == "roster"].set_index("gender")["people"].to_dict()
    # police 8 women 12 men (+P21 no-show excluded); inspectors 6 women, 3 men, P05 (Male on the police roster)
    assert roster == {"Female": 14, "Male": 15}
    heads = df[df["source"] == "head count"].set_index("gender")["people"].to_dict()
    assert heads == {"Female": 50, "Male": 35, "Unknown": 32}
    assert df["people"].sum() == reach.people_trained(con, PY)


def test_reach_by_month_and_modality(con):
    df = reach.reach(con, PY, by=("month",))
    april = one(df, month=pd.Timestamp("2021-04-01"), source="roster")
    assert april["people"] == 20
    may = one(df, month=pd.Timestamp("2021-05-01"), source="roster")
    assert may["people"] == 16
    modality = reach.reach(con, PY, by=("modality",))
    assert one(modality, modality="online", source="roster")["people"] == 20
    assert one(modality, modality="in-person", source="roster")["people"] == 10


def test_reach_unknown_dimension_is_refused(con):
    with pytest.raises(ValueError, match="cannot group by"):
        reach.reach(con, PY, by=("country; DROP TABLE attendance",))


def test_filters_narrow_reach(con):
    everything = reach.people_trained(con)
    living_lab = reach.people_trained(con, Filters(dmops=("Living Lab",)))
    assert living_lab == 32
    first_meeting = reach.people_trained(con, Filters(dmops=("Living Lab",), date_to=date(2021, 8, 1)))
    assert first_meeting == 18
    only_2020 = reach.people_trained(con, Filters(date_from=date(2020, 1, 1), date_to=date(2020, 12, 31)))
    assert only_2020 == 85 + 42
    assert living_lab < everything and only_2020 < everything


def test_activity_list_counts_events_once(con):
    df = reach.activity_list(con, PY)
    assert len(df) == 5      # 2 rosters + General Symposium + 2 Living Lab meetings; police head count skipped
    police = one(df, activity=POLICE_TOT)
    assert (police["sessions"], police["participants"], police["source"]) == (4, 20, "roster")
    thai_pilot = one(reach.activity_list(con, TH), activity="ETP 2-day pilot workshop")
    assert thai_pilot["participants"] == 42


# ======================================================================= overview

def test_overview_cards(con):
    df = overview.overview(con)
    assert df["country"].tolist() == ["Paraguay", "Thailand"]
    py = one(df, country="Paraguay")
    assert py["dmops"] == 6
    assert py["dmops_piloted"] == 5             # all but Moot Court (step 4)
    assert py["people_trained"] == 146
    assert py["events_held"] == 5
    assert (py["started"], py["completed"]) == (30, 22)
    assert py["completion_rate"] == pytest.approx(22 / 30)
    assert py["key_informants"] == 35
    assert pd.Timestamp(py["newest_data_date"]) == pd.Timestamp("2021-11-30")
    th = one(df, country="Thailand")
    assert (th["dmops"], th["people_trained"], th["events_held"], th["key_informants"]) == (5, 148, 4, 39)


def test_overview_key_informants_fall_back_to_coded_interviews():
    own = make_con()
    own.execute("DELETE FROM respondents WHERE country = 'Thailand'")
    th = one(overview.overview(own, TH), country="Thailand")
    assert th["key_informants"] == 6         # TH_001 … TH_006 in kii_answers
    own.close()


def test_dmops_by_step(con):
    df = overview.dmops_by_step(con, PY)
    counts = df.groupby("step")["dmops"].sum().to_dict()
    assert counts == {4: 1, 5: 3, 6: 1, 7: 1}
    assert one(df, step=5, dmop_type="coordination")["dmops"] == 2
    assert one(df, step=7, dmop_type="enforcement")["step_name"] == "Validate with stakeholders"


# ======================================================================= DMOP board

def test_paraguay_board_six_dmops_etp_at_7_8(con):
    df = dmops.dmop_board(con, PY, today=date(2022, 2, 1))
    assert len(df) == 6
    assert df["dmop_type"].tolist()[:3] == ["enforcement"] * 3
    etp = one(df, dmop=ETP)
    assert (etp["step"], etp["step_label"], etp["step_upper"]) == (7, "7/8", 8)
    assert etp["step_name"] == "Validate with stakeholders"
    assert pd.Timestamp(etp["step_reached"]) == pd.Timestamp("2021-11-30")
    assert etp["days_since_step"] == 63
    moot = one(df, dmop="Moot Court")
    assert moot["step"] == 4


def test_board_as_of_an_earlier_date(con):
    df = dmops.dmop_board(con, Filters(countries=("Paraguay",), date_to=date(2021, 8, 1)))
    etp = one(df, dmop=ETP)
    assert etp["step"] == 6
    assert etp["days_since_step"] == (date(2021, 8, 1) - date(2021, 7, 16)).days
    assert set(df["dmop"]) == {ETP, "Inter-Platforms Coordination Mechanism"}   # the others: no status yet


def test_board_keeps_undated_thai_status(con):
    df = dmops.dmop_board(con, TH)
    assert len(df) == 5
    assert df["as_of"].isna().all()
    assert one(df, dmop=ETP)["step_label"] == "7/8"


def test_dmop_history(con):
    df = dmops.dmop_history(con, Filters(countries=("Paraguay",), dmops=(ETP,)))
    assert df["step"].tolist() == [5, 6, 7]
    assert df["source_file"].tolist()[0] == "PY_progress_2020.xlsx"
    in_2021 = dmops.dmop_history(con, Filters(dmops=(ETP,), date_from=date(2021, 1, 1)))
    assert in_2021["step"].tolist() == [6, 7]


def test_milestones_planned_actual_delay(con):
    df = dmops.dmop_milestones(con, PY, today=date(2022, 2, 1))
    assert df["step"].tolist() == list(range(1, 10))
    step7 = one(df, step=7)
    assert step7["delay_days"] == (date(2021, 11, 30) - date(2021, 6, 30)).days
    assert step7["status"] == "late"
    step8 = one(df, step=8)
    assert step8["status"] == "overdue" and step8["delay_days"] == 32
    step9 = one(df, step=9)
    assert step9["status"] == "planned" and pd.isna(step9["delay_days"])


# ======================================================================= learning

def test_learning_pre_post_follow_up(con):
    df = learning.learning(con, PY)
    police = one(df, activity=POLICE_TOT)
    pre = [10, 12, 8, 14, 11, 9, 13, 10, 12, 15, 9]
    post = [16, 17, 14, 18, 15, 13, 17, 15, 16, 15, 18]
    assert police["pre_n"] == 11 and police["post_n"] == 11 and police["follow_up_n"] == 4
    assert police["pre_mean"] == pytest.approx(100 * sum(pre) / 20 / 11)
    assert police["post_mean"] == pytest.approx(100 * sum(post) / 20 / 11)
    # paired: P01–P10 (P11 has no post, P12 no pre)
    gains = [5 * (b - a) for a, b in zip(pre[:10], post[:10])]
    assert police["paired"] == 10
    assert police["mean_gain"] == pytest.approx(sum(gains) / 10)          # 21 points
    assert police["improved"] == 9                                         # P10: 15 → 15
    assert police["share_improved"] == pytest.approx(0.9)
    assert police["follow_up_paired"] == 4
    assert police["follow_up_gain"] == pytest.approx(5 * ((15 - 10) + (16 - 12) + (13 - 8) + (17 - 14)) / 4)
    assert police["retention"] == pytest.approx(-5.0)


def test_learning_date_filter_on_test_date(con):
    df = learning.learning(con, Filters(date_to=date(2021, 6, 30)))
    police = one(df, activity=POLICE_TOT)
    assert police["follow_up_n"] == 0 and pd.isna(police["follow_up_mean"])


def test_item_difficulty_share_correct_in_natural_order(con):
    df = learning.item_difficulty(con, PY, test_type="post")
    assert df["item"].tolist() == ["Q1", "Q2", "Q3", "Q10"]
    assert df["share_correct"].tolist() == pytest.approx([1.0, 0.6, 0.3, 0.2])
    assert df["answered"].tolist() == [10, 10, 10, 10]
    pre = learning.item_difficulty(con, PY, test_type=["pre"])
    assert pre["share_correct"].tolist() == [0.5]


def test_item_difficulty_date_filter_through_test_dates(con):
    assert learning.item_difficulty(con, Filters(date_to=date(2021, 5, 1)))["test_type"].unique().tolist() == ["pre"]


# ======================================================================= KII

def test_paraguay_familiar_with_atlas_27_yes_0_no_1_partially(con):
    df = kii.kii_distribution(con, PY, question=FAMILIAR)
    counts = df.set_index("answer")["n"].to_dict()
    assert counts == {"Yes": 27, "Partially": 1, "No": 0}
    assert df["answer"].tolist() == ["Yes", "Partially", "No"]           # fixed answer order
    assert one(df, answer="Yes")["share"] == pytest.approx(27 / 28)


def test_kii_questions_in_questionnaire_order_units_apart(con):
    df = kii.kii_distribution(con, PY, unit="respondents")
    questions = list(dict.fromkeys(df["question"]))
    assert questions[0] == FAMILIAR and len(questions) == 6
    assert df.groupby("question")["n"].sum().to_dict()["Have you participated in one of the Project activities?"] == 28
    comments = kii.kii_distribution(con, PY, unit="comments")
    assert list(dict.fromkeys(comments["question"])) == ["Organization", "Contents", "Instructors", "Methodologies",
                                                         "Participation", "Scheduling"]
    assert one(comments, question="Scheduling", answer="Only negative")["n"] == 1
    # both numbered from 1 in one workbook: questions asked of people first, then the matrix's aspects
    picker = kii.kii_questions(con, PY)
    assert picker["question"].tolist()[:7] == questions + ["Organization"]
    assert picker["units"].tolist()[0] == "respondents" and picker["units"].tolist()[-1] == "comments"


def test_kii_filters_criterion_and_stakeholder_type(con):
    effectiveness = kii.kii_distribution(con, PY, criterion="Effectiveness", unit="respondents")
    assert set(effectiveness["question"]) == {"Have you participated in one of the Project activities?",
                                              "Does the interviewee correctly identify the activity?"}
    participants = kii.kii_distribution(con, TH, stakeholder_type="participant")
    assert participants.set_index("answer")["n"].to_dict() == {"Yes": 1, "Partially": 1, "No": 1}


def test_kii_crosstab_question_by_stakeholder_type(con):
    df = kii.kii_crosstab(con, TH, question=FAMILIAR)
    assert one(df, stakeholder_type="decision-maker", answer="Yes")["n"] == 2
    assert one(df, stakeholder_type="participant", answer="No")["share"] == pytest.approx(1 / 3)
    assert df["n"].sum() == 6


def test_kii_notes_and_workshop_mode(con):
    notes = kii.kii_notes(con)
    assert "respondent_id" not in notes.columns
    assert len(notes) == 6
    contents = one(notes, question="Contents")
    assert contents["note"].startswith("Some interviewees would have liked more")
    shareable = kii.kii_notes(con, shareable_only=True)
    assert set(shareable["note"]) == {contents["note"], "The project supports law enforcement work.",
                                      "Could not recall the objectives."}
    th = kii.kii_notes(con, TH, stakeholder_type="participant")
    assert th["note"].tolist() == ["Knew the workshop, not the project name."]


def test_kii_dmop_filter_keeps_general_questions(con):
    df = kii.kii_distribution(con, Filters(countries=("Paraguay",), dmops=("Living Lab",)))
    assert FAMILIAR in set(df["question"])                 # asked about no DMOP in particular
    assert "Contents" not in set(df["question"])           # the ETP assessment matrix


def test_respondents_profile_paraguay_35_thailand_39(con):
    df = kii.respondents_summary(con)
    assert df.groupby("country")["respondents"].sum().to_dict() == {"Paraguay": 35, "Thailand": 39}
    groups = kii.respondents_summary(con, PY, by="stakeholder_group")
    assert groups["stakeholder_group"].tolist() == [
        "Government Stakeholders", "ATLAS Project Team and Civil Society Organizations Stakeholders"]
    assert groups["respondents"].tolist() == [30, 5]
    inst = kii.respondents_summary(con, TH, by=("institution",))
    assert inst.iloc[0]["institution"] == "DLPW" and inst.iloc[0]["respondents"] == 11


# ======================================================================= indicators

def test_indicators_vs_targets(con):
    df = indicators.indicators_vs_targets(con)
    py_ki2 = one(df, country="Paraguay", indicator="KI-2", period="2021")
    assert (py_ki2["actual"], py_ki2["target"]) == (61, 120)      # 29 on rosters + Living Lab 18 + 14
    assert py_ki2["pct_of_target"] == pytest.approx(100 * 61 / 120)
    assert one(df, country="Paraguay", indicator="KI-2", period="total")["actual"] == 146
    assert one(df, country="Paraguay", indicator="KI-1", period="2021")["actual"] == 3
    assert one(df, country="Paraguay", indicator="KI-1", period="total")["actual"] == 4
    assert one(df, country="Paraguay", indicator="KI-3", period="2021")["actual"] == 3
    # FY2021 = Oct 2020 – Sep 2021: the December 2020 pilot counts
    th_fy = one(df, country="Thailand", indicator="KI-2", period="FY2021")
    assert (th_fy["actual"], th_fy["target"]) == (42 + 55 + 46 + 5, 120)
    assert one(df, country="Thailand", indicator="KI-2", period="2021")["actual"] == 55 + 46 + 5
    # a target given by the indicator's name is matched to KI-2
    th_2020 = one(df, country="Thailand", indicator="KI-2", period="2020")
    assert (th_2020["actual"], th_2020["target"]) == (42, 40)
    # Thai DMOP status is undated: KI-3 per year unknown, current value 2 (MDT, Guide on Coordination)
    assert pd.isna(one(df, country="Thailand", indicator="KI-3", period="2021")["actual"])
    assert one(df, country="Thailand", indicator="KI-3", period="total")["actual"] == 2
    assert one(df, country="Paraguay", indicator="KI-1", period="2021")["name"].startswith("Activities implemented")


def test_indicators_country_filter(con):
    df = indicators.indicators_vs_targets(con, TH)
    assert set(df["country"]) == {"Thailand"}


# ======================================================================= data page

def test_data_page_queries(con):
    files = sources.ingest_summary(con)
    events = one(files, source_file="TH_events_2020_2021.xlsx")
    assert events["sheets"] == 2 and events["status"] == "warning, skipped"
    assert one(files, source_file="Asistencia ToT Policia 2021.xlsx")["rows_rejected"] == 2
    sheets = sources.ingest_sheets(con, source_file="TH_events_2020_2021.xlsx")
    assert sheets["source_sheet"].tolist() == ["Events", "Notes"]
    errors = sources.rejected_rows(con, severity="error")
    assert errors["source_row"].tolist() == [40, 41]
    assert "does not exist" in errors.iloc[0]["reason"]
    assert len(sources.rejected_rows(con, limit=1)) == 1
    reasons = sources.rejected_reasons(con)
    assert reasons.iloc[0]["severity"] == "error"
    last = sources.last_update(con).set_index("table_name")
    assert last.loc["attendance", "rows"] == 127 and last.loc["attendance", "files"] == 3
    assert pd.Timestamp(last.loc["kii_tally", "last_ingested"]) == pd.Timestamp("2026-11-23 09:05")
    assert pd.Timestamp(last.loc["dmop_status", "newest_date"]) == pd.Timestamp("2021-11-30")


def test_sources_behind_a_figure(con):
    df = sources.sources(con, ("attendance", "events"), PY)
    assert df["source_file"].tolist() == ["Asistencia ToT Inspectores.csv", "Asistencia ToT Policia 2021.xlsx",
                                          "PY_eventos.xlsx"]
    assert one(df, source_file="Asistencia ToT Policia 2021.xlsx")["rows"] == 92
    living_lab = sources.sources(con, "events", Filters(dmops=("Living Lab",)))
    assert living_lab["source_file"].tolist() == ["PY_eventos.xlsx"]
    assert sources.sources(con, "participation", TH)["source_file"].tolist() == ["TH_MOL_training_roster.xlsx"]
    with pytest.raises(ValueError, match="unknown table"):
        sources.sources(con, "attendance; DROP TABLE events")


def test_filter_options(con):
    df = sources.filter_options(con, TH)
    assert set(df["country"]) == {"Thailand"}
    assert "Multidisciplinary Teams Training" in set(df["dmop"])


# ======================================================================= empty and hostile input

NOTHING = Filters(countries=("Liberia",))
HOSTILE_COUNTRIES = [
    Filters(countries=("Paraguay' OR '1'='1",)),
    Filters(countries=("Paraguay'); DROP TABLE attendance; --",)),
    Filters(countries=("Thailand", "x') OR 1=1 --")),      # only the real Thailand may match
]
HOSTILE_DMOPS = [
    Filters(dmops=("x' UNION SELECT * FROM attendance --",)),
    Filters(countries=("Paraguay",), dmops=('"; DELETE FROM events; --',)),
]
# queries whose every row is about a DMOP (KII, respondents and targets may be about none)
DMOP_BOUND = ("reach", "activity_list", "dmops_by_step", "dmop_board", "dmop_history", "dmop_milestones",
              "dropout_summary", "dropout_funnel", "learning", "item_difficulty")
TABLES = ("attendance", "events", "tests", "kii_tally", "dmop_status", "targets")


def _counts(con) -> dict:
    return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchall()[0][0] for t in TABLES}


def _all_queries(con, f):
    return {
        "reach": reach.reach(con, f, by=("country", "gender", "month")),
        "activity_list": reach.activity_list(con, f),
        "overview": overview.overview(con, f),
        "dmops_by_step": overview.dmops_by_step(con, f),
        "dmop_board": dmops.dmop_board(con, f),
        "dmop_history": dmops.dmop_history(con, f),
        "dmop_milestones": dmops.dmop_milestones(con, f),
        "dropout_summary": dropout.dropout_summary(con, f, by=("institution",)),
        "dropout_funnel": dropout.dropout_funnel(con, f),
        "learning": learning.learning(con, f),
        "item_difficulty": learning.item_difficulty(con, f),
        "kii_distribution": kii.kii_distribution(con, f),
        "kii_questions": kii.kii_questions(con, f),
        "kii_notes": kii.kii_notes(con, f),
        "kii_crosstab": kii.kii_crosstab(con, f),
        "indicators": indicators.indicators_vs_targets(con, f),
        "sources": sources.sources(con, ("attendance", "events", "tests", "kii_tally", "dmop_status"), f),
        "filter_options": sources.filter_options(con, f),
    }


def test_filter_matching_nothing_gives_empty_frames(con):
    for name, df in _all_queries(con, NOTHING).items():
        assert isinstance(df, pd.DataFrame), name
        assert df.empty, f"{name} should be empty for Liberia:\n{df}"
    assert reach.people_trained(con, NOTHING) == 0
    assert kii.respondents_summary(con, NOTHING).empty


@pytest.mark.parametrize("hostile", HOSTILE_COUNTRIES[:2])
def test_sql_injection_in_country_filter_returns_empty_and_leaves_tables_intact(con, hostile):
    before = _counts(con)
    for name, df in _all_queries(con, hostile).items():
        assert df.empty, f"{name} returned rows for {hostile}:\n{df}"
    assert reach.people_trained(con, hostile) == 0
    assert kii.respondents_summary(con, hostile).empty
    assert _counts(con) == before


def test_sql_injection_beside_a_real_country_matches_only_that_country(con):
    before = _counts(con)
    for name, df in _all_queries(con, HOSTILE_COUNTRIES[2]).items():
        if "country" in df.columns and not df.empty:
            assert set(df["country"]) == {"Thailand"}, name
    assert reach.people_trained(con, HOSTILE_COUNTRIES[2]) == reach.people_trained(con, TH)
    assert _counts(con) == before


@pytest.mark.parametrize("hostile", HOSTILE_DMOPS)
def test_sql_injection_in_dmop_filter_returns_empty_and_leaves_tables_intact(con, hostile):
    before = _counts(con)
    results = _all_queries(con, hostile)
    for name in DMOP_BOUND:
        assert results[name].empty, f"{name} returned rows for {hostile}:\n{results[name]}"
    assert reach.people_trained(con, hostile) == 0
    assert _counts(con) == before


def test_sql_injection_in_kii_parameters(con):
    df = kii.kii_distribution(con, PY, question="x' OR '1'='1", criterion=["Relevance'; DROP TABLE kii_tally; --"])
    assert df.empty
    assert con.execute("SELECT COUNT(*) FROM kii_tally").fetchall()[0][0] == 33
    assert sources.rejected_rows(con, table="attendance' OR '1'='1").empty


def test_queries_leave_no_open_result_on_the_connection(con):
    overview.overview(con)
    # the connection itself is free for the next statement (DuckDB 2.0 ResourceInUse trap)
    assert con.sql("SELECT 1").fetchall() == [(1,)]


# ======================================================================= against the real connect()

class _SameConnection:
    """``con.cursor()`` answered by the connection itself, one user at a time (a query may run its parts
    side by side). ``atlas_data.connect`` builds the views of tables without Parquet on objects registered
    on the connection, which cursors do not see; this test is about the SQL binding to the real view
    columns, not about cursors."""

    def __init__(self, con):
        self._con = con
        self._lock = threading.Lock()

    def cursor(self):
        return _OneAtATime(self._con, self._lock)


class _OneAtATime:
    """The shared connection, held from ``execute`` until ``close`` (``queries._run`` always closes)."""

    def __init__(self, con, lock):
        self._con, self._lock, self._held = con, lock, False

    def execute(self, sql, params=()):
        self._lock.acquire()
        self._held = True
        return self._con.execute(sql, params)

    def close(self):
        if self._held:
            self._held = False
            self._lock.release()


def test_queries_bind_to_the_views_of_the_real_connect(tmp_path):
    """Every query's SQL runs on the views of ``atlas_data.connect`` (an empty store): the column
    names and types used here are the ones the ingest stores."""
    import atlas_data
    real = _SameConnection(atlas_data.connect(tmp_path))
    f = Filters(countries=("Paraguay",), dmops=("Living Lab",), date_from=date(2021, 1, 1), date_to=date(2021, 12, 31))
    for fl in (None, f):
        for name, df in _all_queries(real, fl).items():
            assert df.empty, name
        assert reach.people_trained(real, fl) == 0
        assert kii.respondents_summary(real, fl).empty
    assert sources.ingest_summary(real).empty and sources.rejected_rows(real).empty and sources.rejected_reasons(real).empty
    assert sources.ingest_sheets(real).empty
    assert sources.last_update(real)["rows"].tolist() == [0] * 10


# ======================================================================= aggregates against raw rows

def assert_same(got: pd.DataFrame, want: pd.DataFrame, what: str) -> None:
    """The same frame; rows of a frame without a country column come in no fixed order."""
    if "country" not in want.columns and not want.empty:
        got = got.sort_values(list(got.columns)).reset_index(drop=True)
        want = want.sort_values(list(want.columns)).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, obj=what)


REACH_BY = [("country",), (), ("activity",), ("institution",), ("gender",), ("country", "institution", "gender"),
            ("month",), ("country", "gender", "month"), ("year",), ("fiscal_year",), ("dmop", "modality", "region"),
            ("institution", "month")]


def _same_as_raw(con, filters: list[Filters], reach_by=REACH_BY) -> None:
    for f in filters:
        for by in reach_by:
            assert_same(reach.reach(con, f, by=by), raw.reach(con, f, by=by), f"reach by {by} for {f}")
        assert reach.people_trained(con, f) == raw.people_trained(con, f)
        assert_same(reach.activity_list(con, f), raw.activity_list(con, f), f"activity_list for {f}")
        for threshold in (0.5, 0.75, 1.0):
            for missed in (False, True):
                for by in ((), ("institution",), ("gender",), ("institution", "gender")):
                    assert_same(dropout.dropout_summary(con, f, threshold=threshold, by=by, excused_counts_as_missed=missed),
                                raw.dropout_summary(con, f, threshold=threshold, by=by,
                                                    excused_counts_as_missed=missed),
                                f"dropout_summary by {by} at {threshold} (excused missed: {missed}) for {f}")
                assert_same(dropout.dropout_funnel(con, f, threshold=threshold, excused_counts_as_missed=missed),
                            raw.dropout_funnel(con, f, threshold=threshold, excused_counts_as_missed=missed),
                            f"dropout_funnel at {threshold} (excused missed: {missed}) for {f}")
        assert_same(overview.overview(con, f), raw.overview(con, f), f"overview for {f}")
        assert_same(overview.overview(con, f, excused_counts_as_missed=True), raw.overview(con, f, excused_counts_as_missed=True),
                    f"overview (excused missed) for {f}")
        assert_same(indicators.indicators_vs_targets(con, f), raw.indicators_vs_targets(con, f), f"indicators for {f}")
        assert_same(sources.sources(con, ("attendance", "events"), f), raw.sources(con, ("attendance", "events"), f),
                    f"sources for {f}")
        assert_same(sources.filter_options(con, f), raw.filter_options(con, f), f"filter_options for {f}")
    assert_same(sources.last_update(con), raw.last_update(con), "last_update")


AR = "Argentina"
EDGE = "Edge course"
S1, S2, S4, S5 = date(2021, 3, 30), date(2021, 4, 2), date(2021, 10, 5), date(2021, 4, 20)


def _edge_rows() -> list[tuple]:
    """Attendance rows the aggregates must get right: a person whose rows give several genders and
    institutions over the dates, an undated session, two sessions on one day, empty role and
    attended, a participant who is also a facilitator, a trainer, a no-show, a row without a
    person, two rows of one person on one day (the first in the file gives the institution); excused
    sessions (E9 completes only because one is not required of them, E10 was excused and attended one
    session, E11 was only excused, E12's excused row has an empty attended, E3 is excused as a facilitator)."""
    rows = []

    def add(key, day, session, inst, gender, role="participant", attended=True, activity=EDGE, modality="online",
            region="Norte", excused=None):
        rows.append((AR, "Edge DMOP", activity, day, session, key, inst, "Org", gender, role, modality, attended,
                     excused, region, "edge.xlsx", "Sheet1", 10 + len(rows)))

    add("E1", S1, "S1", "Inst A", "Female")
    add("E1", S2, "S2", "Inst B", "Male")
    add("E1", None, "S3", "Inst A", "Unknown")
    add("E1", S4, "S4", "Inst C", None)
    add("E1", S5, "T1", "Inst A", "Female", activity="Edge course 2", modality="in-person", region=None)
    add("E2", S1, "S1", "Inst B", "Female", role=None, attended=None)
    add("E2", S2, "S2b", "Inst B", "Female", role=None, attended=None)
    add("E2", S4, "S4", "Inst B", "Female", attended=False)
    add("E3", S1, "S1", "Inst A", "Other")
    add("E3", S2, "S2", "Inst A", "Other", role="facilitator")
    add("E4", S1, "S1", "Inst T", "Male", role="trainer")
    add("E5", S1, "S1", "Inst B", "Male", attended=False)
    add("E5", S2, "S2", "Inst B", "Male", attended=False)
    add(None, S1, "S1", "Inst B", "Male")
    add("E6", None, "S3", None, "Unknown")
    add("E7", S2, "S2", "Inst Z", "Male")
    add("E7", S2, "S2", "Inst Y", "Male")
    add("E7", S4, None, "Inst Y", "Unknown", modality=None)
    add("E8", S5, "T1", "Inst A", "Unknown", activity="Edge course 2")
    add("E8", S2, "S2", "Inst A", "Female")
    for day, session in ((S1, "S1"), (S2, "S2"), (S2, "S2b"), (None, "S3"), (S4, "S4")):
        add("E9", day, session, "Inst E", "Female", excused=False)
    for day, session in ((S4, None), (S5, "S5")):
        add("E9", day, session, "Inst E", "Female", attended=False, excused=True)
    add("E10", S1, "S1", "Inst E", "Male", attended=False, excused=True)
    add("E10", S1, "S1", "Inst E", "Male", excused=False)
    add("E10", S2, "S2", "Inst E", "Male", attended=False, excused=True)
    add("E11", S1, "S1", "Inst E", "Male", attended=False, excused=True)
    add("E11", S2, "S2", "Inst E", "Male", attended=False, excused=True)
    add("E12", S1, "S1", "Inst E", "Male", attended=None, excused=True)
    add("E12", S2, "S2", "Inst E", "Male", attended=False, excused=True)
    add("E3", S4, "S4", "Inst A", "Other", role="facilitator", attended=False, excused=True)
    return rows


@pytest.fixture(scope="module")
def edge_con():
    connection = make_con()
    _insert(connection, "attendance", _edge_rows())
    rebuild_aggregates(connection)
    yield connection
    connection.close()


EDGE_FILTERS = [
    Filters(), Filters(countries=(AR,)), Filters(countries=("Paraguay",)),
    Filters(countries=(AR,), date_from=date(2021, 4, 1), date_to=date(2021, 4, 30)),
    Filters(date_from=date(2021, 10, 1)), Filters(date_to=date(2021, 3, 31)),
    Filters(countries=(AR,), date_from=S2, date_to=S2), Filters(dmops=("Edge DMOP", ETP), date_to=date(2021, 4, 10)),
]


@pytest.mark.slow
def test_aggregates_give_what_raw_attendance_rows_give(edge_con):
    _same_as_raw(edge_con, EDGE_FILTERS)


def test_edge_rows_counted_as_the_raw_rows_say(edge_con):
    # E1 (Female, Male and undated Unknown in April and before; Female again in course 2), E2 (empty role and
    # attended count as a participant who came), E3, E6 (undated only), E7, E8, E9, E10, E12 (an empty attended
    # is attended, excused or not); E4 trains, E5 never came, E11 was only excused
    ar = reach.reach(edge_con, Filters(countries=(AR,)), by=("country",))
    assert one(ar, source="roster")["people"] == 9
    by_month = reach.reach(edge_con, Filters(countries=(AR,)), by=("month",))
    assert one(by_month, month=pd.Timestamp("2021-04-01"))["people"] == 5        # E1, E2, E7, E8, E9
    assert by_month["month"].isna().sum() == 1                                    # the undated session
    april = Filters(countries=(AR,), date_from=date(2021, 4, 1), date_to=date(2021, 4, 30))
    genders = reach.reach(edge_con, april, by=("gender",)).set_index("gender")["people"].to_dict()
    assert genders == {"Male": 2, "Female": 3}       # E1 Male on 2 April; E8 Female (Unknown in course 2); E9
    first_day = dropout.dropout_summary(edge_con, Filters(countries=(AR,)), by=("institution",))
    assert one(first_day, activity=EDGE, institution="Inst Y")["enrolled"] == 1   # E7: Inst Y on 5 Oct
    funnel = dropout.dropout_funnel(edge_con, Filters(countries=(AR,)))
    edge = funnel[(funnel["activity"] == EDGE) & (funnel["stage"] == "session")]
    assert edge["session"].tolist()[-1] == "S3" and pd.isna(edge["session_date"].tolist()[-1])
    # 7 sessions; E9 attended 5 and was excused from 2: 5 of the 5 required completes, 5 of 7 does not.
    # E10 was excused from S1 but attended it (one excused session, S2); E11 (only excused) is a no-show.
    course = one(dropout.dropout_summary(edge_con, Filters(countries=(AR,))), activity=EDGE)
    assert (course["sessions_total"], course["enrolled"], course["no_show"], course["completed"]) == (7, 11, 2, 1)
    missed = one(dropout.dropout_summary(edge_con, Filters(countries=(AR,)), excused_counts_as_missed=True), activity=EDGE)
    assert (missed["no_show"], missed["completed"]) == (2, 0)
    excused = dict(edge_con.execute("SELECT participant_key, sessions_excused FROM person_activity "
                                    "WHERE activity = ? AND role = 'participant' AND sessions_excused > 0",
                                    [EDGE]).fetchall())
    assert excused == {"E9": 2, "E10": 1, "E11": 2, "E12": 1}


def test_edge_rows_give_the_aggregates_their_rules_say(edge_con):
    """person_activity and activity_sessions read straight: sessions attended are distinct (date, session) pairs
    (an undated session and one without a name count), an excused session counts only when no row of it says
    attended, attended_genders only when the sessions attended give two genders (NULL and Unknown are one),
    a session's people counted once, the row without a person in neither count."""
    def person(key, role="participant"):
        return edge_con.execute(
            "SELECT sessions_attended, sessions_excused, attended_dates, attended_undated, attended_months, attended_gender, "
            "attended_genders FROM person_activity WHERE activity = ? AND participant_key = ? AND role = ?",
            [EDGE, key, role]).fetchall()

    apr, mar, oct_ = date(2021, 4, 1), date(2021, 3, 1), date(2021, 10, 1)
    assert person("E1") == [(4, 0, [S1, S2, S4], True, [mar, apr, oct_], "Male",
                             [{"d": S1, "g": "Female"}, {"d": S2, "g": "Male"}])]
    assert person("E7") == [(2, 0, [S2, S4], False, [apr, oct_], "Male", [{"d": S2, "g": "Male"}])]
    assert person("E2") == [(2, 0, [S1, S2], False, [mar, apr], "Female", None)]
    assert person("E3") == [(1, 0, [S1], False, [mar], "Other", None)]
    assert person("E3", "facilitator") == [(1, 1, [S2], False, [apr], "Other", None)]
    assert person("E5") == [(0, 0, [], False, [], None, None)]
    assert person("E10")[0][:2] == (1, 1) and person("E12")[0][:2] == (1, 1) and person("E11")[0][:2] == (0, 2)
    sessions = edge_con.execute("SELECT session_date, session, attendees, on_roster, session_no FROM activity_sessions "
                                "WHERE activity = ? ORDER BY session_no", [EDGE]).fetchall()
    assert sessions[:2] == [(S1, "S1", 6, 8, 1), (S2, "S2", 4, 8, 2)]
    assert len(sessions) == 7 and sessions[-1][:2] == (None, "S3")


@pytest.mark.slow
def test_aggregates_give_what_raw_rows_give_on_the_fixture(con):
    _same_as_raw(con, [Filters(), PY, TH, Filters(countries=("Paraguay",), date_from=date(2021, 5, 1),
                                                  date_to=date(2021, 5, 31)),
                       Filters(dmops=("Living Lab",), date_to=date(2021, 8, 1))])


@pytest.mark.slow
def test_a_million_attendance_rows_give_what_raw_rows_give():
    """The million-row shape (200 Bolivian activities × 10 sessions, people in many activities): the
    page queries on the aggregates equal the same counts made straight from the attendance rows."""
    big = make_con(large_attendance_rows=1_000_000)
    try:
        bolivia = Filters(countries=("Bolivia",))
        spring = Filters(countries=("Bolivia",), date_from=date(2022, 2, 1), date_to=date(2022, 3, 15))
        for f in (bolivia, spring, Filters(dmops=("DMOP 1",))):
            for by in (("gender", "month"), ("country", "institution", "gender"), ("country",)):
                assert_same(reach.reach(big, f, by=by), raw.reach(big, f, by=by), f"reach by {by} for {f}")
            assert_same(reach.activity_list(big, f), raw.activity_list(big, f), f"activity_list for {f}")
            assert_same(dropout.dropout_summary(big, f, by=("institution",)), raw.dropout_summary(big, f, by=("institution",)),
                        f"dropout_summary for {f}")
            assert_same(dropout.dropout_funnel(big, f), raw.dropout_funnel(big, f), f"dropout_funnel for {f}")
            assert_same(sources.sources(big, "attendance", f), raw.sources(big, "attendance", f), f"sources for {f}")
        assert reach.people_trained(big) == raw.people_trained(big)
        assert_same(overview.overview(big), raw.overview(big), "overview")
        assert_same(indicators.indicators_vs_targets(big), raw.indicators_vs_targets(big), "indicators")
        assert_same(sources.last_update(big), raw.last_update(big), "last_update")
        assert len(reach.reach(big, bolivia, by=("gender", "month"))) < 50_000      # pages get small frames
    finally:
        big.close()
