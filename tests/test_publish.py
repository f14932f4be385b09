"""Publish mode: one setting, and every analysis page and its downloads show counts of people below the
threshold as <k (× where they could be worked out), leave out rates of hidden counts and keep only the
evaluators' notes marked shareable. The pages run through AppTest on the built-in data (the conftest
ingests data/raw once per test process); the rules run on the queries' own results."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import atlas_data
from atlas_data.reports import export, publish, suppression
from atlas_data.queries import dmops, dropout, indicators, kii, learning, overview, reach
from atlas_data import queries, settings
from atlas_data.dashboard import ui
from support import apptest

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "overview": None,
    "dmop_status": "pages/2_dmop_status.py",
    "training_reach": "pages/3_training_reach.py",
    "dropout": "pages/4_dropout.py",
    "learning": "pages/5_learning.py",
    "evaluation_findings": "pages/6_evaluation_findings.py",
    "indicators": "pages/7_indicators.py",
}
CIVIL = "Department for Civil, Children and Adolescents Matters"      # 3 key informants in Paraguay
FAMILIAR = "Are you familiar with the ATLAS Project?"                 # 27 yes, 1 partially, 0 no


pytestmark = pytest.mark.usefixtures("builtin_pages")


def publish_mode(on: bool, k: int = 5) -> None:
    settings.save({"publish_mode": on, "small_cell_threshold": k})


def open_page(page: str, **params) -> AppTest:
    """The app with ``params`` in the URL, switched to ``page`` (a key of PAGES), every "Numbers and sources" block
    opened; no exception allowed."""
    return apptest.open_page(PAGES[page], params, timeout=90)


def frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def frame_with(at: AppTest, *columns: str) -> pd.DataFrame:
    found = [f for f in frames(at) if set(columns) <= set(map(str, f.columns))]
    assert found, f"no table with {columns}: {[list(f.columns) for f in frames(at)]}"
    return found[0]


# =========================================================================== the switch

def test_publish_mode_is_a_setting_off_by_default(tmp_path):
    path = tmp_path / "s.json"
    assert settings.load(path)["publish_mode"] is False
    assert settings.save({"publish_mode": True}, path)["publish_mode"] is True
    assert json.loads(path.read_text()) == {"publish_mode": True}
    with pytest.raises(ValueError):
        settings.save({"publish_mode": 1}, path)
    path.write_text('{"publish_mode": "yes"}')
    assert settings.load(path)["publish_mode"] is False


def test_evaluation_findings_shows_3_informants_off_and_under_5_on():
    publish_mode(False)
    at = open_page("evaluation_findings", country="Paraguay")
    who = frame_with(at, "Institution", "Key informants")
    assert who.loc[who["Institution"] == CIVIL, "Key informants"].tolist() == ["3"]      # the numbers as written
    publish_mode(True)
    at = open_page("evaluation_findings", country="Paraguay")
    who = frame_with(at, "Institution", "Key informants")
    assert who.loc[who["Institution"] == CIVIL, "Key informants"].tolist() == ["<5"]    # (the column as text)
    assert "Figures below 5 are shown as <5." in [c.value for c in at.caption]


def test_evaluation_findings_answer_of_1_is_under_5_in_chart_numbers_and_crosstab():
    publish_mode(True)
    at = open_page("evaluation_findings", country="Paraguay")
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)
    row = next(i for i, y in enumerate(bars["data"][0]["y"]) if y.startswith(FAMILIAR))
    assert {t["name"]: t["x"][row] for t in bars["data"]} == {"Yes": 27, "Partially": None, "No": 0}
    answers = frame_with(at, "Question", "Answer", "Count")
    familiar = answers[answers["Question"] == FAMILIAR].set_index("Answer")["Count"].to_dict()
    assert familiar == {"Yes": "27", "Partially": "<5", "No": "0"}       # a column of marks is text
    cross = frame_with(at, "Question", "Not given · Yes")
    cells = cross[cross["Question"] == FAMILIAR].iloc[0]
    assert (cells["Not given · Yes"], cells["Not given · Partially"], cells["Not given · No"]) == ("27", "<5", "0")


def test_dropout_by_gender_hides_the_4_women_who_completed_and_what_gives_them_away():
    publish_mode(True)
    at = open_page("dropout", country="Paraguay")
    assert [m.value for m in at.metric][:3] == ["20", "12", "8"]          # the activity: all 5 or more
    at.session_state["numbers_dropout_gender"] = True          # its numbers opened
    at.radio(key="dropout_by").set_value("gender").run()
    assert not at.exception
    split = frame_with(at, "Gender", "Completed", "Dropped out")
    women = split[split["Gender"] == "Female"].iloc[0]
    men = split[split["Gender"] == "Male"].iloc[0]
    # 4 and 3 of 7 women; the men's 8 and 5 would give them away from the 12 and 8 shown above
    assert (women["Completed"], women["Dropped out"]) == ("<5", "<5")
    assert (men["Completed"], men["Dropped out"]) == ("×", "×")
    assert women["Completion rate"] == men["Completion rate"] == "–"


@pytest.mark.slow
def test_every_page_renders_in_publish_mode_and_in_spanish():
    publish_mode(True, k=11)
    for page in PAGES:
        for lang in ("en", "es"):
            at = open_page(page, lang=lang)
            assert not at.exception, (page, lang)


def test_learning_item_difficulty_hides_small_counts_of_correct_answers_and_their_share():
    publish_mode(True, k=12)         # the fewest correct answers to an item: 11 of 46 (MDT pre-test, Q1)
    at = open_page("learning", country="Thailand")
    items = frame_with(at, "Item", "Answered", "Correct", "Share correct")
    small = items[items["Correct"] == "<12"]
    assert len(small) == 1 and (small["Share correct"] == "–").all()
    assert not [v for v in items["Correct"] if v.isdigit() and 0 < int(v) < 12]


def test_a_small_complement_hides_the_count_it_completes():
    """2 of 46 answered wrong: "44 correct" would give the 2 away."""
    frame = pd.DataFrame({"item": ["Q1", "Q2"], "answered": [46, 46], "correct": [44, 30], "share_correct": [0.96, 0.65]})
    out = publish.published(learning.item_difficulty, frame, 5)
    assert out["correct"].tolist() == ["×", 30] and np.isnan(out.at[0, "share_correct"])


def test_downloads_in_publish_mode_carry_the_note_and_the_marks(monkeypatch, written_on_click):
    written = []
    original = export.to_csv_bytes
    monkeypatch.setattr(ui, "to_csv_bytes", lambda df, about=None, lang="en": written.append(
        (df, about, lang)) or original(df, about, lang))
    publish_mode(True)
    open_page("evaluation_findings", country="Paraguay", lang="es")
    profile = next((df, about, lang) for df, about, lang in written if "Institución" in map(str, df.columns))
    df, about, lang = profile
    text = original(df, about, lang).decode("utf-8-sig")
    assert about.note == "Las cifras menores que 5 se muestran como <5." and lang == "es"
    assert "# Las cifras menores que 5 se muestran como <5." in text and f"{CIVIL};<5" in text


def test_publish_mode_off_leaves_every_page_as_it_was(monkeypatch):
    publish_mode(False)
    seen = []
    monkeypatch.setattr(publish, "published", lambda *a: seen.append(a) or pytest.fail("published in normal mode"))
    at = open_page("evaluation_findings", country="Paraguay")
    assert not seen and "Figures below 5 are shown as <5." not in [c.value for c in at.caption]


# =========================================================================== the rules

@pytest.fixture(scope="module")
def con(builtin_store):
    return atlas_data.connect(builtin_store)


def calls(con):
    f = queries.Filters()
    return {
        overview.overview: overview.overview(con, f, threshold=0.75),
        reach.activity_list: reach.activity_list(con, f),
        reach.reach: reach.reach(con, f, by=("activity",)),
        dropout.dropout_summary: dropout.dropout_summary(con, f, threshold=0.75, by=("gender",)),
        dropout.dropout_funnel: dropout.dropout_funnel(con, f, threshold=0.75),
        learning.learning: learning.learning(con, f),
        learning.item_difficulty: learning.item_difficulty(con, f),
        kii.kii_questions: kii.kii_questions(con, f, profile=False),
        kii.kii_distribution: kii.kii_distribution(con, f),
        kii.kii_crosstab: kii.kii_crosstab(con, f, profile=False),
        kii.respondents_summary: kii.respondents_summary(con, f, by=("stakeholder_group", "institution")),
        kii.kii_profile: kii.kii_profile(con, f),
    }


@pytest.mark.parametrize("k", [3, 5, 11])
def test_no_count_from_1_to_k_minus_1_is_published_by_any_rule(con, k):
    for query, result in calls(con).items():
        name = query.__name__
        rule = publish.RULES[query]
        out = publish.published(query, result, k)
        columns = set(rule.counts) | set(rule.parts) | ({rule.row_total} - {None}) | set(rule.marked) | \
            ({rule.pivot[2]} if rule.pivot else set())
        for column in columns & set(out.columns):
            shown = [v for v in out[column] if not isinstance(v, str) and pd.notna(v)]
            assert not [v for v in shown if 0 < v < k], (name, column)
            marks = {v for v in out[column] if isinstance(v, str)}
            assert marks <= {f"<{k}", "×"}, (name, column, marks)


def test_a_rate_of_a_hidden_count_is_not_shown_and_a_mean_of_fewer_than_k_neither():
    frame = pd.DataFrame({"country": ["A", "A"], "activity": ["x", "y"], "pre_n": [3, 12], "pre_mean": [50.0, 60.0],
                          "post_n": [3, 12], "post_mean": [70.0, 65.0]})
    out = publish.published(learning.learning, frame, 5)
    assert out["pre_n"].tolist() == ["<5", 12] and np.isnan(out.at[0, "pre_mean"]) and out.at[1, "pre_mean"] == 60.0


def test_only_notes_marked_shareable_are_kept(con):
    notes = kii.kii_notes(con)
    out = publish.published(kii.kii_notes, notes, 5)
    assert len(out) == int(notes["shareable"].fillna(False).sum()) and out["shareable"].all()


def test_a_single_number_and_a_query_without_counts_of_people():
    assert publish.published(reach.people_trained, 3, 5) == "<5"
    assert publish.published(reach.people_trained, 262, 5) == 262
    board = pd.DataFrame({"dmop": ["ETP"], "step": [2]})
    assert publish.published(dmops.dmop_board, board, 5) is board


def test_a_wide_crosstab_is_published_as_one_table_and_its_shares_with_it():
    table = pd.DataFrame({"question": ["q1", "q2", "q3"], "Yes": [27, 9, 20], "No": [1, 18, 8]})
    out = publish.wide(table, ["question"], 5)
    expected = suppression.protect(table[["Yes", "No"]], 5).published.drop(index=suppression.TOTAL)
    assert out.loc[0, "No"] == "<5" and out[["Yes", "No"]].values.tolist() == expected[["Yes", "No"]].values.tolist()
    hidden = out[["Yes", "No"]].map(publish.is_mark).to_numpy()
    shares = table.assign(Yes=table["Yes"] / (table["Yes"] + table["No"]), No=table["No"] / (table["Yes"] + table["No"]))
    blanked = publish.wide_shares(table, shares, ["question"], 5)
    assert blanked.loc[hidden.any(axis=1), ["Yes", "No"]].isna().all().all()
    assert blanked.loc[~hidden.any(axis=1), ["Yes", "No"]].notna().all().all()


def test_protecting_a_table_whose_column_totals_are_shown_elsewhere_never_withholds_them():
    counts = pd.DataFrame({"roster": [3, 17], "head count": [0, 40]}, index=["Female", "Male"])
    protection = suppression.protect_column_totals_shown(counts, 5)
    assert not protection.mask.loc[suppression.TOTAL].any()
    assert protection.published.at["Female", "roster"] == "<5" and protection.published.at["Male", "roster"] == "×"
    assert not suppression.derivable(protection.published, protection.mask)


def test_a_count_hidden_for_its_complement_gets_company_where_its_column_sum_is_shown():
    """13 started and 12 completed: the 1 who did not complete is hidden by hiding the 12; with the
    countries' sum of completions shown elsewhere, another completion count is hidden beside it."""
    frame = pd.DataFrame({"country": ["A", "B", "C"], "people_trained": [40, 50, 60], "started": [13, 30, 20],
                          "completed": [12, 20, 9], "completion_rate": [12 / 13, 20 / 30, 9 / 20],
                          "key_informants": [10, 10, 10]})
    out = publish.published(overview.overview, frame, 5)
    assert out.at[0, "completed"] == "×" and out.at[2, "completed"] == "×" and out.at[1, "completed"] == 20
    assert np.isnan(out.at[0, "completion_rate"]) and out.at[1, "completion_rate"] == 20 / 30


def test_key_indicator_ki2_is_people_and_ki1_is_not():
    frame = pd.DataFrame({"country": ["A"] * 3, "indicator": ["KI-1", "KI-2", "KI-2"], "period": ["2021"] * 2 + ["total"],
                          "actual": [3.0, 3.0, 40.0], "target": [4.0, 120.0, np.nan], "pct_of_target": [75.0, 2.5, np.nan]})
    out = publish.published(indicators.indicators_vs_targets, frame, 5)
    assert out["actual"].tolist() == [3, "<5", 40]
    assert out.at[0, "pct_of_target"] == 75.0 and np.isnan(out.at[1, "pct_of_target"])
