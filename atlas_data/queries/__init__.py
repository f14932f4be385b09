"""What each dashboard page asks of the data: one function per need, ``f(con, filters, ...) -> DataFrame``,
one module per page area (``reach``, ``overview``, ``dmops``, ``dropout``, ``learning``, ``kii``,
``indicators``, ``quality``, ``sources``) on the shared helpers of ``sql``. A page imports the module
it reads (``from atlas_data.queries import reach``), so the hop from a number to its SQL is one import.

``con`` is the DuckDB connection of ``atlas_data.connect(parquet_dir)`` (one view per table of
DATA_CONTRACT.md). Every function runs its SQL on its own cursor and reads the result whole, so
nothing is left open on the connection (a DuckDB 2.0 trap, see STACK.md).

Rules every query here keeps:

- SQL is plain text with ``?`` parameters. What a user picks (countries, DMOPs, dates, a question)
  only ever travels as a parameter; an ``IN (?, ?, ?)`` list is built from the *number* of values.
  Column names that vary (``by=``) come from fixed dictionaries in the query modules, never from the caller.
- Counting happens in SQL; pages get small frames (one row per country, activity, question …).
- A person is counted once: rosters count distinct ``participant_key``; head counts from
  ``events`` are added only for activities that have no roster at all.
- Filters: ``countries`` and ``dmops`` narrow every table that has those columns (KII rows and
  targets without a DMOP stay in when DMOPs are picked: they are not about one DMOP); dates narrow
  ``session_date`` (attendance), ``start_date`` (events), ``test_date`` (tests) and ``as_of``
  (DMOP status). When a date filter is set, rows without a date are left out.
"""
from atlas_data.queries.sql import Filters

__all__ = ["Filters"]
