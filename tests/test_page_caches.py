"""What the pages keep between runs besides query results (``blocks.figure``, ``blocks.table``): a figure or a table
is built once per store version, language, publish mode and frame, and a change in any of them builds it again."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from atlas_data.dashboard import blocks, ui
from atlas_data.reports import charts

CELLS = st.one_of(st.integers(-3, 3), st.sampled_from(["a", "b", "á", ""]), st.none())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS), min_size=1, max_size=4), st.lists(st.tuples(CELLS, CELLS), min_size=1,
                                                                           max_size=4))
def test_two_frames_share_a_key_exactly_when_they_hold_the_same_values_under_the_same_names(left, right):
    a, b = (pd.DataFrame(rows, columns=["x", "y"]) for rows in (left, right))
    same = a.equals(b) and list(a.dtypes) == list(b.dtypes)
    assert (blocks.frame_key(a) == blocks.frame_key(b)) == same
    assert blocks.frame_key(a) == blocks.frame_key(a.copy())


def test_a_frame_key_tells_names_types_and_row_order_apart():
    frame = pd.DataFrame({"country": ["Paraguay", "Thailand"], "people": [78, 184]})
    keys = {blocks.frame_key(frame), blocks.frame_key(frame.rename(columns={"people": "persons"})),
            blocks.frame_key(frame.astype({"people": "float64"})), blocks.frame_key(frame.iloc[::-1]),
            blocks.frame_key(frame.iloc[::-1].reset_index(drop=True)),
            *(blocks.frame_key(frame.astype({"country": pd.CategoricalDtype(order)}))      # the order a chart follows
              for order in (["Paraguay", "Thailand"], ["Thailand", "Paraguay"]))}
    assert len(keys) == 7
    assert blocks.frame_key(pd.DataFrame({"cells": [["a list"]]})) is None     # built every time, never cached


@pytest.fixture
def builds(monkeypatch):
    """The figures really built (not taken from the cache), on empty caches, in a store version of our choosing."""
    made = []
    build = blocks._build
    monkeypatch.setattr(blocks, "_build", lambda *args: made.append(args[2:4]) or build(*args))
    monkeypatch.setattr(ui, "version", lambda: "v1")
    blocks._figure.clear()
    yield made
    blocks._figure.clear()


def test_a_figure_is_built_once_per_store_version_language_and_frame(builds, monkeypatch):
    people = pd.DataFrame({"country": ["Paraguay", "Thailand"], "source": ["roster", "roster"], "people": [78, 184]})
    first = blocks.figure(charts.reach_bars, people, "Unique people trained", x="country", color="source")
    assert blocks.figure(charts.reach_bars, people.copy(), "Unique people trained", x="country",
                         color="source") is first
    assert [list(bar.y) for bar in first.data] == [[78, 184]]
    assert builds == [("en", "Unique people trained")]

    more = people.assign(people=[78, 185])
    assert [list(bar.y) for bar in blocks.figure(charts.reach_bars, more, "Unique people trained", x="country",
                                                 color="source").data] == [[78, 185]]
    blocks.figure(charts.reach_bars, people, "Unique people trained", x="country", color="source", grouped=True)
    monkeypatch.setattr(ui, "version", lambda: "v2")                    # a new ingest
    blocks.figure(charts.reach_bars, people, "Unique people trained", x="country", color="source")
    monkeypatch.setattr(ui, "lang", lambda: "es")
    spanish = blocks.figure(charts.reach_bars, people, "Personas capacitadas", x="country", color="source")
    assert spanish.layout.separators == ",."
    assert builds == [("en", "Unique people trained")] * 4 + [("es", "Personas capacitadas")]


def test_a_table_is_written_once_and_reads_as_when_it_is_written_each_time(monkeypatch):
    monkeypatch.setattr(ui, "version", lambda: "v1")
    monkeypatch.setattr(ui, "lang", lambda: "es")
    blocks._table_cached.clear()
    written = []
    for_table = blocks._for_table
    monkeypatch.setattr(blocks, "_for_table", lambda *args: written.append(1) or for_table(*args))
    drawn = []
    monkeypatch.setattr(blocks.st, "dataframe", lambda frame, **_: drawn.append(frame))
    rows = pd.DataFrame({"country": ["Paraguay"], "people": [1234], "start": [pd.Timestamp("2021-04-10")]})
    columns = {"country": "Country", "start": "Start", "people": "People"}
    for _ in range(3):
        blocks.table(rows, columns, dates=("start",), integers=("people",))
    assert len(written) == 1
    assert [frame.to_dict("records") for frame in drawn] == [[{"País": "Paraguay", "Inicio": "10 abr 2021",
                                                              "Personas": "1.234"}]] * 3
    blocks._table_cached.clear()
