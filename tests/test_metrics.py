"""Derived numbers: rates, gains, delays — on scalars and on Series, with the report's figures."""
from __future__ import annotations

import math
from datetime import date

import duckdb
import pandas as pd
import pytest

from atlas_data import metrics as m
from atlas_data import rules
from atlas_data.queries import learning
from support.rulesql import fiscal_year, status


def test_police_tot_completion_rate_12_of_20():
    assert m.completion_rate(12, 20) == pytest.approx(0.6)
    assert m.ratio(20 - 12, 20) == pytest.approx(0.4)        # dropout: dropped out over started


def test_rates_with_zero_or_missing_denominator_are_nan():
    assert math.isnan(m.completion_rate(0, 0))
    assert math.isnan(m.ratio(0, 0))
    assert math.isnan(m.share(3, None))
    assert math.isnan(m.ratio(None, 4))
    assert math.isnan(m.pct_of_target(10, 0))
    assert math.isnan(m.pct_of_target(10, None))


def test_rates_on_series():
    started = pd.Series([20, 10, 0])
    completed = pd.Series([12, 10, 0])
    assert m.completion_rate(completed, started).tolist()[:2] == [0.6, 1.0]
    assert math.isnan(m.completion_rate(completed, started).iloc[2])
    assert m.ratio(started - completed, started).tolist()[:2] == pytest.approx([0.4, 0.0])
    assert m.share(pd.Series([27, 1, 0]), 28).tolist() == pytest.approx([27 / 28, 1 / 28, 0.0])


def test_completed_at_75_and_50_percent():
    """The completion rule as the Dropout and Overview queries run it (``rules.participation_status_sql``)."""
    assert status(3, 4) == "completed" and status(2, 4) == "dropped_out"
    assert status(2, 4, threshold=0.5) == "completed"
    assert status(0, 4, threshold=0.5) == "no_show"
    assert [status(a, 4) for a in (4, 3, 2, 1, 0)] == ["completed", "completed", "dropped_out", "dropped_out", "no_show"]
    # 75% of 3 sessions is 2.25: 2 is not enough, 3 is
    assert status(2, 3) == "dropped_out" and status(3, 3) == "completed"


def test_participation_status():
    assert status(0, 4) == "no_show"
    assert status(3, 4) == "completed"
    assert status(1, 4) == "dropped_out"


@pytest.mark.parametrize("bad", [0, -1, 75, 1.5, "0.75", True])
def test_threshold_is_a_share(bad):
    with pytest.raises(ValueError):
        rules.check_threshold(bad)


def _learning(rows) -> pd.DataFrame:
    """``learning.learning`` (the Learning page's query) over test rows (participant, type, score, max)."""
    con = duckdb.connect()
    con.execute("CREATE TABLE tests (country VARCHAR, dmop VARCHAR, activity VARCHAR, participant_key VARCHAR, "
                "test_type VARCHAR, score DOUBLE, max_score DOUBLE, test_date DATE)")
    for row in rows:
        con.execute("INSERT INTO tests VALUES ('Paraguay', 'ETP', 'ToT', ?, ?, ?, ?, NULL)", list(row))
    try:
        return learning.learning(con)
    finally:
        con.close()


def test_percent_of_max():
    scores = _learning([("P1", "pre", 17, 20), ("P2", "pre", 85, None)])
    assert scores.at[0, "pre_mean"] == pytest.approx(85.0)      # 17 of 20 and 85 of a missing maximum (100)


def test_mean_gain_and_share_improved_are_paired():
    pre, post = [50.0, 60.0, 75.0, None], [80.0, 60.0, 85.0, 90.0]    # the last has no pre-test: left out
    rows = [(f"P{i}", kind, s, 100) for i, pair in enumerate(zip(pre, post))
            for kind, s in zip(("pre", "post"), pair) if s is not None]
    scores = _learning(rows)
    assert scores.at[0, "mean_gain"] == pytest.approx((30 + 0 + 10) / 3)
    assert scores.at[0, "share_improved"] == pytest.approx(2 / 3)
    assert math.isnan(_learning([("P1", "post", 50, 100)]).at[0, "share_improved"])


def test_delay_days_done_overdue_and_not_due():
    today = date(2022, 2, 1)
    assert m.delay_days(date(2021, 6, 30), date(2021, 11, 30), today) == 153
    assert m.delay_days(date(2021, 6, 30), date(2021, 6, 20), today) == -10
    assert m.delay_days(date(2021, 12, 31), None, today) == 32          # overdue so far
    assert math.isnan(m.delay_days(date(2022, 6, 30), None, today))      # not due yet
    assert math.isnan(m.delay_days(None, date(2021, 1, 1), today))
    planned = pd.Series(pd.to_datetime(["2021-06-30", "2021-12-31", "2022-06-30"]))
    actual = pd.Series(pd.to_datetime(["2021-11-30", None, None]))
    got = m.delay_days(planned, actual, today)
    assert got.iloc[0] == 153 and got.iloc[1] == 32 and math.isnan(got.iloc[2])


def test_milestone_status():
    today = date(2022, 2, 1)
    assert m.milestone_status("2021-06-30", "2021-11-30", today) == "late"
    assert m.milestone_status("2021-06-30", "2021-06-30", today) == "on time"
    assert m.milestone_status("2021-06-30", "2021-06-01", today) == "early"
    assert m.milestone_status("2021-12-31", None, today) == "overdue"
    assert m.milestone_status("2022-06-30", None, today) == "planned"
    assert m.milestone_status(None, "2021-01-01", today) == "done"
    assert m.milestone_status(None, None, today) == "no date"


def test_days_since():
    assert m.days_since(date(2021, 11, 30), date(2022, 2, 1)) == 63
    assert math.isnan(m.days_since(None, date(2022, 2, 1)))
    s = m.days_since(pd.Series(pd.to_datetime(["2021-11-30", None])), date(2022, 2, 1))
    assert s.iloc[0] == 63 and math.isnan(s.iloc[1])


def test_pct_of_target():
    assert m.pct_of_target(61, 120) == pytest.approx(50.8333, rel=1e-4)
    assert m.pct_of_target(pd.Series([148, 3]), pd.Series([120, 0])).iloc[0] == pytest.approx(123.333, rel=1e-4)
    assert math.isnan(m.pct_of_target(pd.Series([148, 3]), pd.Series([120, 0])).iloc[1])


def test_fiscal_year_starts_in_october():
    assert fiscal_year(date(2020, 10, 1)) == 2021
    assert fiscal_year(date(2020, 12, 15)) == 2021
    assert fiscal_year(date(2021, 9, 30)) == 2021
    assert fiscal_year(None) is None


def test_step_upper_from_label():
    assert m.step_upper("7/8", 7) == 8
    assert m.step_upper("5", 5) == 5
    assert m.step_upper(None, 4) == 4
    assert m.step_upper("Pilot", 5) == 5


def test_one_date_reader_serves_filters_and_metrics():
    """`metrics.as_date` reads every form a date arrives in; `queries.Filters` uses it and names the field."""
    import datetime as dt

    import numpy as np

    from atlas_data.queries import Filters

    as_date = m.as_date
    day = date(2021, 3, 4)
    for value in (day, dt.datetime(2021, 3, 4, 15, 30), pd.Timestamp("2021-03-04 08:00"), np.datetime64("2021-03-04"),
                  "2021-03-04", " 2021-03-04T10:00 "):
        assert as_date(value) == day, value
    for missing in (None, float("nan"), pd.NA, pd.NaT):
        assert as_date(missing) is None
    assert Filters(date_from=" 2021-03-04 ", date_to=np.datetime64("2021-05-01")).date_to == date(2021, 5, 1)
    with pytest.raises(TypeError, match="Filters.date_to must be a date, got 5"):
        Filters(date_to=5)
