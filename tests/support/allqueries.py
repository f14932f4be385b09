"""Call every query function of the `atlas_data.queries` modules the way the pages do, found by introspection
so that a function added later is covered too.

`query_functions()` lists (name, function) for every public function taking a connection;
`call(fn, con, filters, **overrides)` fills required arguments with sane values.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import pandas as pd

from atlas_data import queries

# Arguments that take free text chosen by the user (a question, a criterion, an activity …).
TEXT_ARGUMENTS = ("question", "criterion", "stakeholder_type", "test_type", "activity", "source_file", "severity",
                  "unit", "table")
# The shared SQL helpers (`run(con, sql)`), not a page's question.
NOT_QUERIES = {"sql"}


def query_functions() -> list[tuple[str, object]]:
    out = []
    for info in pkgutil.iter_modules(queries.__path__):
        if info.name in NOT_QUERIES:
            continue
        module = importlib.import_module(f"{queries.__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__:
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
