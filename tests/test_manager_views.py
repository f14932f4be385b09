"""What managers and evaluators reach for (issue 17), on the built-in data: the DMOP delay board, breakdowns
that never lose people, the as-of date on every page, evaluation findings kept in the URL."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas_data.queries import dmops, indicators, kii, quality, reach, sources
from atlas_data.queries import Filters
from atlas_data.store.views import connect

try:
    from test_pages import figures, metric, open_page, table_with
    from viewfixtures import _insert, make_con
except ImportError:  # tests/ made a package later
    from tests.test_pages import figures, metric, open_page, table_with
    from tests.viewfixtures import _insert, make_con

TH = Filters(countries=("Thailand",))
FAMILIAR = "Are you familiar with the ATLAS Project?"
THAI_DMOPS = {"Community Referrals", "Enforcement Training Program", "Multidisciplinary Teams Training",
              "Practitioner’s Guide on Coordination"}


pytestmark = pytest.mark.usefixtures("builtin_pages")


@pytest.fixture()
def con(builtin_store):
    connection = connect(builtin_store)
    yield connection
    connection.close()


# ======================================================================= 1. DMOP delay board

def delays_by_hand(con, country: str) -> pd.DataFrame:
    """The delay rule read off the raw milestone rows in pandas (an oracle for dmop_delays)."""
    ms = con.sql("SELECT * FROM dmop_milestones").df()
    st = con.sql("SELECT * FROM dmop_status").df()
    ms, st = ms[ms["country"] == country], st[st["country"] == country]
    status_date = max(pd.to_datetime(st["as_of"]).max() if st["as_of"].notna().any() else pd.Timestamp.min,
                      pd.to_datetime(ms["actual_date"]).max())
    rows = []
    for dmop, steps in ms.groupby("dmop"):
        current = st[st["dmop"] == dmop].sort_values("as_of", na_position="first")["step"].iloc[-1]
        planned = steps.dropna(subset=["planned_date"])
        pending = planned[(planned["step"] > current) & planned["actual_date"].isna()].sort_values("step")
        if len(pending):
            delay = (status_date - pd.Timestamp(pending["planned_date"].iloc[0])).days
        else:
            last = planned.dropna(subset=["actual_date"]).sort_values("step").iloc[-1]
            delay = (pd.Timestamp(last["actual_date"]) - pd.Timestamp(last["planned_date"])).days
        worst = max((pd.Timestamp(a) - pd.Timestamp(p)).days for p, a in zip(planned["planned_date"],
                                                                              planned["actual_date"]))
        rows.append({"dmop": dmop, "delay_days": float(delay), "worst_delay_days": float(worst)})
    return pd.DataFrame(rows).sort_values("dmop").reset_index(drop=True)


def test_five_thai_dmops_174_days_late_on_step_3_worst_253(con):
    df = dmops.dmop_delays(con, TH)
    assert len(df) == 5
    assert THAI_DMOPS < set(df["dmop"])
    assert df["delay_days"].tolist() == [174.0] * 5            # step 3: planned 1 Apr 2020, reached 22 Sep 2020
    assert df["worst_delay_days"].tolist() == [253.0] * 5      # step 2: planned 1 Jan 2020, reached 10 Sep 2020
    assert (df["delay_step"] == 3).all() and (df["rag"] == "red").all()
    assert (pd.to_datetime(df["status_date"]) == pd.Timestamp("2021-09-01")).all()   # newest milestone date
    mine = df[["dmop", "delay_days", "worst_delay_days"]].sort_values("dmop").reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, delays_by_hand(con, "Thailand"), check_dtype=False)


def test_paraguay_has_no_planned_dates_so_no_delay(con):
    df = dmops.dmop_delays(con, Filters(countries=("Paraguay",)))
    assert len(df) == 6 and df["delay_days"].isna().all() and (df["rag"] == "no plan").all()
    assert (pd.to_datetime(df["status_date"]) == pd.Timestamp("2021-10-01")).all()
    etp = df[df["dmop"] == "Enforcement Training Program"].iloc[0]
    assert (etp["step_label"], pd.Timestamp(etp["step_reached"])) == ("7/8", pd.Timestamp("2021-10-01"))


def test_a_planned_step_not_reached_counts_to_the_status_date_or_today():
    con = make_con()
    status = ("Testland", "Pilot DMOP", "coordination", 3, 4, "4", None, date(2021, 9, 1), "s.xlsx", "S", 2)
    _insert(con, "dmop_status", [status])
    _insert(con, "dmop_current", [status])
    _insert(con, "dmop_milestones", [("Testland", "Pilot DMOP", 3, date(2020, 1, 1), date(2020, 2, 1), None, "m.xlsx", "M", 2),
                                     ("Testland", "Pilot DMOP", 5, date(2021, 3, 5), None, None, "m.xlsx", "M", 3)])
    df = dmops.dmop_delays(con, Filters(countries=("Testland",)))
    row = df.iloc[0]
    assert (row["next_step"], row["delay_step"], row["delay_days"], row["worst_delay_days"]) == (5, 5, 180.0, 180.0)
    assert row["rag"] == "red"                                  # 5 Mar → 1 Sep 2021, the status date
    today = dmops.dmop_delays(con, Filters(countries=("Testland",)), today=date(2021, 4, 4)).iloc[0]
    assert (today["delay_days"], today["rag"]) == (30.0, "amber")
    early = dmops.dmop_delays(con, Filters(countries=("Testland",)), today=date(2021, 3, 1)).iloc[0]
    assert (early["delay_days"], early["rag"]) == (-4.0, "green")   # not due yet: 4 days to go
    con.close()


@pytest.mark.slow
def test_delay_board_on_the_page_with_its_status_date():
    at = open_page("dmop_status", country="Thailand")
    board = table_with(at, "DMOP", "Delay (days)", "Worst delay (days)", "Status")
    assert board["Delay (days)"].tolist() == [174] * 5
    assert set(board["Status"]) == {"red"}
    assert "Status date: Thailand Sep 1, 2021" in [c.value for c in at.caption]
    es = open_page("dmop_status", country="Thailand", lang="es")
    board = table_with(es, "DMOP", "Retraso (días)", "Estado")
    assert set(board["Estado"]) == {"rojo"}


# ======================================================================= 2. breakdowns that never lose people

def test_thailand_institution_groups_add_up_to_the_184_people_trained(con):
    assert reach.people_trained(con, TH) == 184
    by_institution = reach.reach(con, TH, by=("institution",))
    assert by_institution["people"].sum() == 184
    # 42 named in per-institution rows (37 at the consultation, whose total says 36; 5 at the MTE validation)
    assert by_institution.loc[by_institution["institution"].notna(), "people"].sum() == 42
    assert by_institution.loc[by_institution["institution"].isna(), "people"].tolist() == [142]
    for by in (("institution", "gender"), ("country", "institution"), ("modality",), ("region",), ("dmop",)):
        assert reach.reach(con, TH, by=by)["people"].sum() == 184, by


def test_the_raw_oracle_agrees_on_institution_with_a_total_that_differs_from_its_rows(con):
    try:
        import rawqueries as raw
    except ImportError:
        from tests import rawqueries as raw
    for f in (TH, Filters(), Filters(countries=("Paraguay",))):
        for by in (("institution",), ("institution", "gender"), ("country",)):
            mine = reach.reach(con, f, by=by).sort_values([*by, "source"]).reset_index(drop=True)
            theirs = raw.reach(con, f, by=by).sort_values([*by, "source"]).reset_index(drop=True)
            pd.testing.assert_frame_equal(mine, theirs, check_dtype=False)


def test_training_reach_by_institution_bars_add_up_to_the_card_with_not_given():
    at = open_page("training_reach", country="Thailand")
    assert metric(at, "People trained (KI-2)") == "184"
    at.radio(key="reach_by").set_value("institution").run()
    bars = figures(at)[0]
    assert sum(sum(t["y"]) for t in bars["data"]) == 184
    assert "Not given" in bars["data"][0]["x"]
    pivot = table_with(at, "Institution", "Unknown", "Total")
    total = pivot[pivot["Institution"] == "Total"].iloc[0]
    assert (total["Unknown"], total["Total"]) == (184, 184)
    assert pivot.loc[pivot["Institution"] == "Not given", "Total"].tolist() == [142]
    assert pivot.loc[pivot["Institution"] == "Ministry of Labour (MOL)", "Total"].tolist() == [10]
    grouped = next(f for f in figures(at) if f["layout"]["title"]["text"] == "People trained by institution and gender")
    assert grouped["layout"]["barmode"] == "group"
    es = open_page("training_reach", country="Thailand", lang="es")
    assert "No indicado" in figures(es)[1]["data"][0]["x"]     # the institution × gender bars
    assert "No indicado" in set(table_with(es, "Institución", "Total")["Institución"])


def test_paraguay_institution_gender_pivot_keeps_the_78():
    at = open_page("training_reach", country="Paraguay")
    pivot = table_with(at, "Institution", "Female", "Male", "Unknown", "Total")
    total = pivot[pivot["Institution"] == "Total"].iloc[0]
    assert (total["Female"], total["Male"], total["Unknown"], total["Total"]) == (7, 13, 58, 78)


# ======================================================================= 3. as-of date on every page

def test_data_as_of_is_the_newest_date_the_page_shows(con):
    assert sources.data_as_of(con, ("dmop_status", "attendance", "events", "tests"), Filters(countries=("Paraguay",))) \
        == date(2021, 10, 1)
    assert sources.data_as_of(con, ("attendance", "events"), TH) == date(2021, 10, 18)      # the MTE validation meeting
    assert sources.data_as_of(con, "attendance", Filters(countries=("Paraguay",), date_to=date(2021, 5, 30))) \
        == date(2021, 5, 12)
    assert sources.data_as_of(con, ("kii_tally", "respondents")) is None


def test_as_of_date_on_the_overview_and_training_reach_pages():
    at = open_page("overview", country="Paraguay")
    assert "Data as of Oct 1, 2021" in [c.value for c in at.caption]
    at = open_page("training_reach", country="Thailand")
    assert "Data as of Oct 18, 2021" in [c.value for c in at.caption]
    es = open_page("overview", country="Paraguay", lang="es")
    assert "Datos al 1 oct 2021" in [c.value for c in es.caption]


@pytest.mark.parametrize("page", ["overview", "dmop_status", "training_reach", "dropout", "learning",
                                  "evaluation_findings", "indicators"])
def test_every_page_says_how_recent_its_data_is(page):
    at = open_page(page)
    assert any(c.value.startswith("Data as of") for c in at.caption)


# ======================================================================= 4. evaluation findings for evaluators

def open_link(page: str, **params):
    """A copied link opened in a new session: the page straight from the URL (not the overview first)."""
    from streamlit.testing.v1 import AppTest
    try:
        from test_pages import PAGES, ROOT
    except ImportError:
        from tests.test_pages import PAGES, ROOT
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(PAGES[page]).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def bar_questions(fig: dict) -> list[str]:
    return fig["data"][0]["y"]


def test_kii_sort_most_no_first(con):
    counts = kii.kii_distribution(con, TH, unit="respondents", profile=False)
    by_share = kii.kii_sort(counts, "share:No")
    first = by_share["question"].iloc[0]
    assert by_share.loc[(by_share["question"] == first) & (by_share["answer"] == "No"), "share"].iloc[0] == 1.0
    no = by_share[by_share["answer"] == "No"].drop_duplicates("question")
    assert no["share"].is_monotonic_decreasing
    by_count = kii.kii_sort(counts, "n:No")
    no = by_count[by_count["answer"] == "No"].drop_duplicates("question")
    assert no["n"].is_monotonic_decreasing
    assert kii.kii_sort(counts, "questionnaire").equals(counts)
    with pytest.raises(ValueError):
        kii.kii_sort(counts, "n")


@pytest.mark.slow
def test_evaluation_choices_come_from_the_url_and_go_back_to_it():
    at = open_link("evaluation_findings", country="Thailand", criterion="Relevance", sort="share:Yes", shares="1")
    assert at.multiselect(key="kii_criterion").value == ["Relevance"]
    assert at.selectbox(key="kii_sort").value == "share:Yes"
    assert at.toggle(key="kii_shares").value is True
    assert len(bar_questions(figures(at)[0])) == 3            # the three Relevance findings of the MTE (6.5.4)
    at.multiselect(key="kii_criterion").set_value(["Relevance", "Effectiveness"]).run()
    assert at.query_params["criterion"] == ["Relevance", "Effectiveness"]
    assert at.query_params["sort"] in ("share:Yes", ["share:Yes"])
    at.selectbox(key="kii_sort").set_value("questionnaire").run()
    assert "sort" not in at.query_params                       # the default stays out of the link


def test_unknown_url_values_are_dropped():
    at = open_link("evaluation_findings", country="Thailand", criterion="<script>", sort="n:Maybe",
                   stakeholder="nobody")
    assert at.multiselect(key="kii_criterion").value == []
    assert at.multiselect(key="kii_stakeholder").value == []
    assert at.selectbox(key="kii_sort").value == "questionnaire"
    assert "criterion" not in at.query_params and "sort" not in at.query_params


def test_evaluation_bars_carry_their_counts_and_sort_most_no_first():
    at = open_link("evaluation_findings", country="Paraguay", sort="n:No")
    bars = figures(at)[0]
    yes = next(t for t in bars["data"] if t["name"] == "Yes")
    assert yes["text"] == [str(int(v)) if v else "" for v in yes["x"]]
    no = next(t for t in bars["data"] if t["name"] == "No")
    assert no["x"] == sorted(no["x"], reverse=True)             # most No first
    familiar = next(i for i, y in enumerate(bar_questions(bars)) if y.startswith(FAMILIAR))
    assert yes["x"][familiar] == 27 and yes["text"][familiar] == "27"


def test_question_by_stakeholder_type_one_tab_away_and_notes_beside_their_question():
    at = open_page("evaluation_findings", country="Thailand")
    assert [tab.label for tab in at.get("tab")][:2] == ["Bars", "Question × stakeholder type"]
    pivot = table_with(at, "Question", "government stakeholder · Yes")
    assert len(pivot) >= 3
    notes = table_with(at, "Question", "Answers", "Observation or note")
    assert notes["Answers"].str.match(r"^(Yes|No|Partially) \d+").all()


# ======================================================================= 5. IPTT

def test_iptt_fiscal_years_with_cumulative_people_that_end_at_the_card(con):
    df = indicators.iptt(con)
    th = df[(df["country"] == "Thailand") & (df["indicator"] == "KI-2")].set_index("period")
    assert list(th.index) == ["FY2020", "FY2021", "FY2022"]
    fy21 = th.loc["FY2021"]
    assert (fy21["target"], fy21["actual"], fy21["cumulative_target"], fy21["cumulative_actual"]) == (120, 143, 240, 179)
    assert fy21["rag"] == "amber" and fy21["target_period"] == "2021"
    assert th["cumulative_actual"].iloc[-1] == reach.people_trained(con, TH) == 184
    py = df[(df["country"] == "Paraguay") & (df["indicator"] == "KI-2")]
    assert py["cumulative_actual"].iloc[-1] == 78
    ki3 = df[(df["country"] == "Paraguay") & (df["indicator"] == "KI-3")].set_index("period")
    assert (ki3.loc["FY2022", "cumulative_actual"], ki3.loc["FY2022", "rag"]) == (3, "green")   # a stock
    assert set(df.loc[(df["country"] == "Thailand") & (df["indicator"] == "KI-3"), "rag"]) == {"no data"}


def test_iptt_on_the_indicators_page_and_its_excel_in_spanish(monkeypatch, written_on_click):
    import io

    from atlas_data.reports import export
    at = open_page("indicators", country="Thailand")
    iptt = table_with(at, "Fiscal year", "Cumulative target", "Cumulative actual", "Traffic light")
    row = iptt[(iptt["Indicator"] == "KI-2") & (iptt["Fiscal year"] == "FY2021")].iloc[0]
    assert (row["Target"], row["Actual"], row["Cumulative actual"], row["Traffic light"]) == ("120", "143", "179",
                                                                                             "amber")
    written = {}
    real = export.to_xlsx_bytes

    def keep(df, sheet="data"):
        written[sheet] = real(df, sheet)
        return written[sheet]
    monkeypatch.setattr(export, "to_xlsx_bytes", keep)
    es = open_page("indicators", country="Thailand", lang="es")
    assert any(b.proto.label == "Descargar la IPTT (Excel)" for b in es.get("download_button"))
    sheet = pd.read_excel(io.BytesIO(written["IPTT"]), sheet_name="IPTT", engine="calamine")
    assert list(sheet.columns)[:4] == ["País", "Indicador", "Nombre", "Año fiscal"]
    ki2 = sheet[(sheet["Indicador"] == "KI-2") & (sheet["Año fiscal"] == "FY2021")].iloc[0]
    assert (ki2["País"], ki2["Meta"], ki2["Real"], ki2["Real acumulado"], ki2["Semáforo"]) == \
        ("Tailandia", 120, 143, 179, "ámbar")


def test_iptt_without_any_target_still_tracks_the_actuals():
    con = make_con()
    con.execute("DELETE FROM targets")
    df = indicators.iptt(con)
    assert not df.empty and df["target"].isna().all()
    assert set(df["rag"]) == {"no target", "no data"} or set(df["rag"]) == {"no target"}
    ki2 = df[(df["country"] == "Paraguay") & (df["indicator"] == "KI-2")]
    assert ki2["cumulative_actual"].iloc[-1] == reach.people_trained(con, Filters(countries=("Paraguay",)))
    con.close()


def test_iptt_yearly_actuals_are_the_fiscal_counts_of_the_indicator_queries(con):
    for connection in (con, make_con()):
        for f in (Filters(), TH, Filters(countries=("Paraguay",), date_from=date(2021, 1, 1))):
            flows = indicators._fiscal_flows(connection, f)
            theirs = pd.concat([indicators._ki1(connection, f), indicators._ki2(connection, f)])
            theirs = theirs[theirs["basis"] == "fiscal"]
            mine = flows[flows["actual"] > 0]
            a = mine.set_index(["country", "indicator", "year"])["actual"].sort_index()
            b = theirs.set_index(["country", "indicator", "year"])["actual"].sort_index()
            pd.testing.assert_series_equal(a, b, check_dtype=False, check_names=False, check_index_type=False)


# ======================================================================= data quality

def test_data_quality_finds_the_thai_consultation_37_against_36_and_the_small_validation_meeting(con):
    consistency = quality.data_consistency(con)
    row = consistency[consistency["check"] == "rows_vs_total"].iloc[0]
    assert (row["country"], row["expected"], row["found"], row["difference"]) == ("Thailand", 36, 37, 1)
    outliers = quality.data_outliers(con, TH)
    assert outliers["value"].tolist() == [5.0]                   # the MTE validation meeting, 18 Oct 2021
    completeness = quality.data_completeness(con, TH).set_index(["table_name", "column_name"])
    assert completeness.loc[("events", "institution"), "given"] == 0
    assert completeness.loc[("tests", "test_date"), ["rows", "given"]].tolist() == [218, 92]
    timeliness = quality.data_timeliness(con, TH, today=date(2022, 2, 1)).set_index("table_name")
    assert timeliness.loc["events", "days_old"] == 106          # 18 Oct 2021 → 1 Feb 2022


def test_data_quality_page_shows_its_checks():
    at = open_page("data_quality", country="Thailand")
    consistency = table_with(at, "Check", "Expected", "Found", "Difference")
    assert consistency.iloc[0][["Check", "Expected", "Found", "Difference"]].tolist() == ["Institution rows against the total", "36",
                                                                                         "37", "1"]
    assert "Data as of Oct 18, 2021" in [c.value for c in at.caption]
