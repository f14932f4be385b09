"""Derived numbers: rates, gains, delays — on scalars and on Series, with the report's figures."""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from atlas_data import metrics as m


def test_police_tot_completion_rate_12_of_20():
    assert m.completion_rate(12, 20) == pytest.approx(0.6)
    assert m.dropout_rate(20, 12) == pytest.approx(0.4)


def test_rates_with_zero_or_missing_denominator_are_nan():
    assert math.isnan(m.completion_rate(0, 0))
    assert math.isnan(m.dropout_rate(0, 0))
    assert math.isnan(m.share(3, None))
    assert math.isnan(m.ratio(None, 4))
    assert math.isnan(m.pct_of_target(10, 0))
    assert math.isnan(m.pct_of_target(10, None))


def test_rates_on_series():
    started = pd.Series([20, 10, 0])
    completed = pd.Series([12, 10, 0])
    assert m.completion_rate(completed, started).tolist()[:2] == [0.6, 1.0]
    assert math.isnan(m.completion_rate(completed, started).iloc[2])
    assert m.dropout_rate(started, completed).tolist()[:2] == pytest.approx([0.4, 0.0])
    assert m.share(pd.Series([27, 1, 0]), 28).tolist() == pytest.approx([27 / 28, 1 / 28, 0.0])


def test_is_completed_at_75_and_50_percent():
    assert m.is_completed(3, 4) and not m.is_completed(2, 4)
    assert m.is_completed(2, 4, threshold=0.5)
    assert not m.is_completed(0, 4, threshold=0.5)
    assert m.is_completed(pd.Series([4, 3, 2, 1, 0]), 4).tolist() == [True, True, False, False, False]
    # 75% of 3 sessions is 2.25: 2 is not enough, 3 is
    assert not m.is_completed(2, 3) and m.is_completed(3, 3)


def test_participation_status():
    assert m.participation_status(0, 4) == "no_show"
    assert m.participation_status(3, 4) == "completed"
    assert m.participation_status(1, 4) == "dropped_out"
    assert m.participation_status(pd.Series([0, 1, 3]), pd.Series([4, 4, 4])).tolist() == [
        "no_show", "dropped_out", "completed"]


@pytest.mark.parametrize("bad", [0, -1, 75, 1.5, "0.75", True])
def test_threshold_is_a_share(bad):
    with pytest.raises(ValueError):
        m.check_threshold(bad)


def test_percent_of_max():
    assert m.percent_of_max(17, 20) == pytest.approx(85.0)
    assert m.percent_of_max(85, None) == pytest.approx(85.0)
    assert m.percent_of_max(pd.Series([17, 85]), pd.Series([20, None])).tolist() == pytest.approx([85.0, 85.0])


def test_mean_gain_and_share_improved_are_paired():
    pre = pd.Series([50.0, 60.0, 75.0, None])
    post = pd.Series([80.0, 60.0, 85.0, 90.0])    # the last has no pre-test: left out
    assert m.mean_gain(pre, post) == pytest.approx((30 + 0 + 10) / 3)
    assert m.share_improved(pre, post) == pytest.approx(2 / 3)
    assert math.isnan(m.mean_gain([None], [50]))
    assert math.isnan(m.share_improved([], []))


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
    assert m.fiscal_year(date(2020, 10, 1)) == 2021
    assert m.fiscal_year(date(2020, 12, 15)) == 2021
    assert m.fiscal_year(date(2021, 9, 30)) == 2021
    assert m.fiscal_year(None) is None


def test_step_upper_from_label():
    assert m.step_upper("7/8", 7) == 8
    assert m.step_upper("5", 5) == 5
    assert m.step_upper(None, 4) == 4
    assert m.step_upper("Pilot", 5) == 5


def test_total_unique_counts_a_person_once():
    assert m.total_unique(["P01", "P01", "P02", None]) == 2


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
