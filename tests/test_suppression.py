"""Small-cell suppression: no published count of people below the threshold, none recoverable."""
import numpy as np
import pandas as pd
from hypothesis import given, settings, strategies as st

from atlas_data.suppression import (derivable, group_up, label, mask_small, suppress_long, suppress_matrix,
                                    suppress_series)

K = 5


def published_numbers(published: pd.DataFrame):
    return [v for v in published.to_numpy().ravel() if not isinstance(v, str)]


def test_gender_breakdown_30_and_3_hides_both_and_keeps_total():
    published, mask = suppress_series(pd.Series({"Female": 30, "Male": 3}), K)
    assert published.to_dict() == {"Female": "<5", "Male": "<5", "Total": 33}
    assert mask.to_dict() == {"Female": True, "Male": True, "Total": False}


def test_zero_is_shown_and_large_cells_untouched():
    published, _ = suppress_series(pd.Series({"Yes": 27, "No": 0, "Partially": 12}), K)
    assert published.to_dict() == {"Yes": 27, "No": 0, "Partially": 12, "Total": 39}


def test_kii_yes_27_no_0_partially_1_partially_hidden_with_a_second_cell():
    published, mask = suppress_series(pd.Series({"Yes": 27, "No": 0, "Partially": 1}), K)
    assert published["Partially"] == label(K)
    assert mask.sum() >= 2  # Partially alone could be recovered as 28 - 27
    assert published["Total"] == 28 or published["Total"] == label(K)


def test_matrix_secondary_suppression_in_rows_and_columns():
    table = pd.DataFrame({"F": [10, 2, 8], "M": [7, 9, 12]}, index=["A", "B", "C"])
    published, mask = suppress_matrix(table, K)
    assert published.loc["B", "F"] == "<5"
    assert mask.loc["B"].sum() >= 2 and mask["F"].sum() >= 2
    assert derivable(published, mask) == []
    assert all(v == 0 or v >= K for v in published_numbers(published))


def test_group_up_departments_to_ministry_when_most_cells_would_vanish():
    df = pd.DataFrame({"institution": ["Court A", "Court B", "Unit C", "Unit D", "Dept E"],
                       "organization": ["Supreme Court", "Supreme Court", "Public Ministry", "Public Ministry", None],
                       "n": [2, 3, 1, 2, 1]})
    grouped, level = group_up(df, "institution", "organization", "n", K)
    assert level == "organization"
    assert dict(zip(grouped["organization"], grouped["n"])) == {"Supreme Court": 5, "Public Ministry": 3, "Dept E": 1}


def test_group_up_keeps_departments_when_most_are_large():
    df = pd.DataFrame({"institution": ["A", "B", "C"], "organization": ["X", "X", "Y"], "n": [12, 9, 2]})
    grouped, level = group_up(df, "institution", "organization", "n", K)
    assert level == "institution" and len(grouped) == 3


def test_suppress_long_gives_total_rows_and_hidden_flags():
    df = pd.DataFrame({"q": ["Q1", "Q1", "Q2", "Q2"], "a": ["Yes", "No", "Yes", "No"], "n": [20, 2, 15, 9]})
    out = suppress_long(df, "q", "a", "n", K)
    q1 = out[(out["q"] == "Q1")].set_index("a")["n"].to_dict()
    assert q1["No"] == "<5" and q1["Yes"] == "<5"  # 22 - 20 would give No
    assert out[(out["q"] == "Total") & (out["a"] == "Total")]["n"].item() == 46


def test_mask_small():
    assert [mask_small(v) for v in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


small_tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda rows: st.integers(min_value=1, max_value=5).flatmap(
        lambda cols: st.lists(st.lists(st.integers(min_value=0, max_value=40), min_size=cols, max_size=cols),
                              min_size=rows, max_size=rows)))


@settings(max_examples=300, deadline=None)
@given(small_tables, st.integers(min_value=2, max_value=11))
def test_property_no_published_cell_below_threshold(cells, k):
    table = pd.DataFrame(cells, index=[f"r{i}" for i in range(len(cells))],
                         columns=[f"c{j}" for j in range(len(cells[0]))])
    published, mask = suppress_matrix(table, k)
    assert all(v == 0 or v >= k for v in published_numbers(published))
    # what is shown is the truth
    truth = np.zeros((len(cells) + 1, len(cells[0]) + 1), dtype=int)
    truth[:-1, :-1] = cells
    truth[:-1, -1] = truth[:-1, :-1].sum(axis=1)
    truth[-1, :] = truth[:-1, :].sum(axis=0)
    shown = published.to_numpy()
    for r in range(truth.shape[0]):
        for c in range(truth.shape[1]):
            if not mask.iat[r, c]:
                assert shown[r, c] == truth[r, c]


@settings(max_examples=300, deadline=None)
@given(small_tables, st.integers(min_value=2, max_value=11))
def test_property_no_hidden_cell_derivable_from_row_column_and_grand_totals(cells, k):
    table = pd.DataFrame(cells, index=[f"r{i}" for i in range(len(cells))],
                         columns=[f"c{j}" for j in range(len(cells[0]))])
    published, mask = suppress_matrix(table, k)
    assert derivable(published, mask) == []
    for r in range(mask.shape[0]):  # no line with exactly one hidden cell
        assert mask.iloc[r].sum() != 1
    for c in range(mask.shape[1]):
        assert mask.iloc[:, c].sum() != 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8), st.integers(min_value=2, max_value=11))
def test_property_one_way_breakdowns(values, k):
    published, mask = suppress_series(pd.Series(values, index=[f"v{i}" for i in range(len(values))]), k)
    shown = [v for v in published if not isinstance(v, str)]
    assert all(v == 0 or v >= k for v in shown)
    assert mask.sum() != 1
