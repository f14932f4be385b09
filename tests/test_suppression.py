"""Small-cell suppression: no published count of people below the threshold, none recoverable, a
hidden cell of k or more never labelled <k, and as few people hidden as that needs."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from atlas_data.reports.suppression import (SECONDARY, TOTAL, candidates, derivable, group_up, information_lost, label,
                                            mask_small, merge_neighbours, merge_small_rows, pinned, protect)

K = 5


def one_way(counts: pd.Series, k: int):
    """``protect`` on a one-way breakdown (people per gender) with its total: (published, hidden mask)."""
    protection = protect(pd.DataFrame({"n": counts}), k, totals=True)
    return protection.published.drop(columns=TOTAL)["n"], protection.mask.drop(columns=TOTAL)["n"]


def published_numbers(published: pd.DataFrame):
    return [v for v in published.to_numpy().ravel() if not isinstance(v, str)]


def with_totals(cells) -> pd.DataFrame:
    """The true table with its row, column and grand totals, labelled like a published one."""
    values = np.asarray(cells, dtype=int)
    truth = np.zeros((values.shape[0] + 1, values.shape[1] + 1), dtype=int)
    truth[:-1, :-1] = values
    truth[:-1, -1] = values.sum(axis=1)
    truth[-1, :] = truth[:-1, :].sum(axis=0)
    return pd.DataFrame(truth, index=[f"r{i}" for i in range(values.shape[0])] + ["Total"],
                        columns=[f"c{j}" for j in range(values.shape[1])] + ["Total"])


def test_gender_breakdown_30_and_3_shows_the_30_and_withholds_the_total():
    """Withholding the total (33) hides nobody's own count; hiding the 30 would hide 30 more people."""
    published, mask = one_way(pd.Series({"Female": 30, "Male": 3}), K)
    assert published.to_dict() == {"Female": 30, "Male": "<5", "Total": SECONDARY}
    assert mask.to_dict() == {"Female": False, "Male": True, "Total": True}


def test_zero_is_shown_and_large_cells_untouched():
    published, _ = one_way(pd.Series({"Yes": 27, "No": 0, "Partially": 12}), K)
    assert published.to_dict() == {"Yes": 27, "No": 0, "Partially": 12, "Total": 39}


def test_kii_yes_27_no_0_partially_1_keeps_the_27_and_withholds_the_28():
    published, mask = one_way(pd.Series({"Yes": 27, "No": 0, "Partially": 1}), K)
    assert published.to_dict() == {"Yes": 27, "No": 0, "Partially": "<5", "Total": "×"}
    assert mask.sum() == 2  # Partially alone could be recovered as 28 - 27


def test_matrix_secondary_suppression_in_rows_and_columns():
    table = pd.DataFrame({"F": [10, 2, 8], "M": [7, 9, 12]}, index=["A", "B", "C"])
    protection = protect(table, K)
    published, mask = protection.published, protection.mask
    assert published.loc["B", "F"] == "<5"
    assert mask.loc["B"].sum() >= 2 and mask["F"].sum() >= 2
    assert derivable(published, mask) == []
    assert all(v == 0 or v >= K for v in published_numbers(published))
    # the 2 is protected by withholding the totals of row B, column F and the grand total: every cell
    # but the 2 is shown
    assert published.loc[["A", "B", "C"], ["F", "M"]].to_numpy().tolist() == [[10, 7], ["<5", 9], [8, 12]]
    assert published.loc["B", "Total"] == published.loc["Total", "F"] == published.loc["Total", "Total"] == "×"


def test_paraguay_kii_table_hides_only_the_small_answers():
    """The interview tally of Paraguay (seven questions × Yes, Partially, No): the old suppression hid
    96 of 193 answers, 27, 23, 18, 9 and 5 among them, as <5; withholding totals hides the 14 small ones."""
    kii = pd.DataFrame([[27, 1, 0], [1, 9, 18], [28, 0, 0], [5, 19, 4], [6, 0, 22], [2, 4, 22], [23, 2, 0]],
                       columns=["Yes", "Partially", "No"], index=[f"q{i}" for i in range(1, 8)])
    options = {p.method: p for p in candidates(kii, K, groupings=merge_neighbours(kii, K))}
    best = protect(kii, K, groupings=merge_neighbours(kii, K))
    assert best.method == "totals"
    assert best.lost == options["totals"].lost == 14 / 193
    assert options["cells"].lost == 96 / 193                 # the suppressed-total objective hides 27 and 23
    assert options["grouped"].lost > 0.5                     # "Partially or No" merges 101 answers
    cells = best.published.iloc[:-1, :-1]
    assert cells.to_numpy().tolist() == [[27, "<5", 0], ["<5", 9, 18], [28, 0, 0], [5, 19, "<5"], [6, 0, 22],
                                         ["<5", "<5", 22], [23, "<5", 0]]
    assert best.published["Total"].tolist() == ["×", "×", 28, "×", 28, 28, "×", 193]
    assert derivable(best.published, best.mask) == []
    assert pinned(with_totals(kii.to_numpy()), best.mask, K) == []


def test_information_lost_is_the_share_of_people_hidden():
    assert information_lost([[27, 1], [3, 9]], [[False, True], [True, False]]) == 4 / 40
    assert information_lost([[0, 0]], [[True, False]]) == 0.0


def test_pinned_finds_a_small_cell_that_the_marks_give_away():
    """5 women and 1 man, total 6, published as ×, <5, 6: × is at least 5 and <5 at least 1, so 5 and 1."""
    truth = with_totals([[5, 1]])
    mask = pd.DataFrame(False, index=truth.index, columns=truth.columns)
    mask.loc[["r0", "Total"], ["c0", "c1"]] = True
    assert derivable(truth.where(~mask, "?"), mask) == []      # the sums alone pin nothing
    assert ("r0", "c1") in pinned(truth, mask, K)
    protection = protect(truth.iloc[:-1, :-1], K)
    assert pinned(truth, protection.mask, K) == []


def test_grouping_candidates():
    kii = pd.DataFrame({"Yes": [20, 12], "Partially": [1, 3], "No": [9, 10]}, index=["q1", "q2"])
    partially_or_no, yes_or_partially = sorted(merge_neighbours(kii, K), key=lambda g: list(g.counts.columns))
    assert list(partially_or_no.counts.columns) == ["Yes", "Partially or No"]
    assert partially_or_no.counts["Partially or No"].tolist() == [10, 13]
    assert list(yes_or_partially.counts.columns) == ["Yes or Partially", "No"]
    orgs = pd.DataFrame({"n": [8, 6, 2, 1, 3]}, index=["A", "B", "C", "D", "E"])
    (others,) = merge_small_rows(orgs, K)
    assert others.counts["n"].to_dict() == {"A": 8, "B": 6, "Others": 6}
    # merged, C, D and E are no longer shown: as many people as hiding them, so the rows stay
    best = protect(orgs, K, groupings=[others])
    assert best.method != "grouped" and best.published["n"].tolist() == [8, 6, "<5", "<5", "<5", 20]
    assert {p.method: round(p.lost, 3) for p in candidates(orgs, K, groupings=[others])}["grouped"] == 0.3


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


def test_mask_small():
    assert [mask_small(v) for v in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


small_tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda rows: st.integers(min_value=1, max_value=5).flatmap(
        lambda cols: st.lists(st.lists(st.integers(min_value=0, max_value=40), min_size=cols, max_size=cols),
                              min_size=rows, max_size=rows)))


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(small_tables, st.integers(min_value=2, max_value=11))
def test_property_no_published_cell_below_threshold(cells, k):
    table = pd.DataFrame(cells, index=[f"r{i}" for i in range(len(cells))],
                         columns=[f"c{j}" for j in range(len(cells[0]))])
    protection = protect(table, k)
    published, mask = protection.published, protection.mask
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


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(small_tables, st.integers(min_value=2, max_value=11))
def test_property_marks_tell_the_truth(cells, k):
    """`<k` only on a hidden 1..k-1, `×` only on a hidden k or more: a small cell is always `<k`."""
    table = pd.DataFrame(cells, index=[f"r{i}" for i in range(len(cells))],
                         columns=[f"c{j}" for j in range(len(cells[0]))])
    protection = protect(table, k)
    truth = with_totals(cells)
    for r in range(truth.shape[0]):
        for c in range(truth.shape[1]):
            shown, true = protection.published.iat[r, c], truth.iat[r, c]
            if shown == label(k):
                assert 0 < true < k, (r, c, true)
            elif shown == SECONDARY:
                assert true >= k, (r, c, true)
            else:
                assert shown == true and not protection.mask.iat[r, c]
    assert ((protection.published == label(k)) | (protection.published == SECONDARY)).equals(protection.mask)
    assert derivable(protection.published, protection.mask) == []
    everything = truth > 0     # what can be pinned with every count hidden is given away by zeros and marks
    assert set(pinned(truth, protection.mask, k)) <= set(pinned(truth, everything, k))
    assert protection.lost == information_lost(cells, protection.mask.iloc[:-1, :-1])


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(small_tables, st.integers(min_value=2, max_value=11))
def test_property_no_hidden_cell_derivable_from_row_column_and_grand_totals(cells, k):
    table = pd.DataFrame(cells, index=[f"r{i}" for i in range(len(cells))],
                         columns=[f"c{j}" for j in range(len(cells[0]))])
    protection = protect(table, k)
    published, mask = protection.published, protection.mask
    assert derivable(published, mask) == []
    for r in range(mask.shape[0]):  # no line with exactly one hidden cell
        assert mask.iloc[r].sum() != 1
    for c in range(mask.shape[1]):
        assert mask.iloc[:, c].sum() != 1


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8), st.integers(min_value=2, max_value=11))
def test_property_one_way_breakdowns(values, k):
    published, mask = one_way(pd.Series(values, index=[f"v{i}" for i in range(len(values))]), k)
    shown = [v for v in published if not isinstance(v, str)]
    assert all(v == 0 or v >= k for v in shown)
    assert mask.sum() != 1
