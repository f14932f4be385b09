"""Call every function of `atlas_data.queries` the way the pages do, found by introspection so that a
function added later is covered too.

`query_functions()` lists (name, function) for every public function taking a connection;
`call(fn, con, filters, **overrides)` fills required arguments with sane values.
"""
from __future__ import annotations

import inspect

import pandas as pd

from atlas_data import queries as Q

# Arguments that take free text chosen by the user (a question, a criterion, an activity …).
TEXT_ARGUMENTS = ("question", "criterion", "stakeholder_type", "test_type", "activity", "source_file", "severity",
                  "unit", "table")
# Functions that take data, not a connection.
NOT_QUERIES = {"Filters", "kii_pivot"}


def query_functions() -> list[tuple[str, object]]:
    out = []
    for name in Q.__all__:
        fn = getattr(Q, name)
        if name in NOT_QUERIES or not inspect.isfunction(fn):
            continue
        params = list(inspect.signature(fn).parameters)
        if params and params[0] == "con":
            out.append((name, fn))
    assert len(out) >= 20, f"only {len(out)} query functions found"
    return out


def text_arguments(fn) -> list[str]:
    return [p for p in inspect.signature(fn).parameters if p in TEXT_ARGUMENTS]


def call(fn, con, filters=None, **overrides):
    params = inspect.signature(fn).parameters
    kwargs = {}
    if "filters" in params:
        kwargs["filters"] = filters
    if "table" in params and params["table"].default is inspect.Parameter.empty:
        kwargs["table"] = ("attendance", "events", "tests", "kii_answers", "kii_counts", "dmop_status")
    kwargs.update(overrides)
    return fn(con, **kwargs)


def frames_of(result) -> list[pd.DataFrame]:
    """The DataFrames in a query result (a frame, a dict or tuple of frames, or a number)."""
    if isinstance(result, pd.DataFrame):
        return [result]
    if isinstance(result, dict):
        return [f for v in result.values() for f in frames_of(v)]
    if isinstance(result, (list, tuple)):
        return [f for v in result for f in frames_of(v)]
    if isinstance(result, pd.Series):
        return [result.to_frame()]
    return [pd.DataFrame({"value": [result]})]
