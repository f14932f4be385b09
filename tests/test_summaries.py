"""Head-count and share rows under a wide roster (reading.summaries): found by their figures, never a person."""
from __future__ import annotations

import pandas as pd
from hypothesis import given, settings, strategies as st

from atlas_data.reading.summaries import summary_rows

MARK = st.sampled_from(["P", "A", None, "X", "0", "1", "J"])


def columns(rows):
    return [pd.Series([r[k] for r in rows], dtype=object) for k in range(len(rows[0]))]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5).flatmap(lambda k: st.lists(st.lists(MARK, min_size=k, max_size=k), min_size=1,
                                                    max_size=40)), st.integers(0, 2))
def test_count_and_share_rows_are_found_and_people_never(people, style):
    n = len(people)
    counts = [sum(1 for r in people if r[k] in ("P", "X", "1")) for k in range(len(people[0]))]
    if style == 0:
        extra = [str(c) for c in counts]
    elif style == 1:
        extra = [f"{round(100 * c / n)}%" for c in counts]
    else:
        extra = [c / n for c in counts]
    found = summary_rows(columns(people + [extra]))
    assert not found[:-1].any()  # a row of marks is a person, whatever the counts
    can_be_a_mark = all(str(v) in ("0", "1", "0.0", "1.0", "0%", "1%") for v in extra)  # `0%`: `0.`
    assert found[-1] == (not can_be_a_mark)  # `1 0 1` could be a person's marks: kept as one


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["P", "A"]), min_size=3, max_size=3), min_size=2, max_size=30),
       st.lists(st.integers(2, 50), min_size=3, max_size=3))
def test_figures_that_are_not_the_counts_are_a_person(people, figures):
    counts = [sum(1 for r in people if r[k] == "P") for k in range(3)]
    if figures == counts:
        figures[0] += 1
    assert not summary_rows(columns(people + [[str(v) for v in figures]])).any()
