"""The aggregates the pages read are stored by the ingest in the version (`<version>/<aggregate>/aggregate.parquet`)
and are the very tables `connect()` built in memory before; a version written without them still opens."""
from __future__ import annotations

import shutil

import duckdb
import pytest

import atlas_data
from atlas_data.queries import overview
from atlas_data.queries.sql import Filters
from atlas_data.store import versions as S
from atlas_data.store.views import AGGREGATE_FILE, AGGREGATE_TABLES, _table_views, build_aggregates

pytestmark = pytest.mark.usefixtures("secret_file")


def _rows(con, table):
    return con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


@pytest.fixture(scope="module")
def builtin(tmp_path_factory, secret_file):
    from conftest import RAW

    out = tmp_path_factory.mktemp("agg") / "parquet"
    atlas_data.ingest(RAW, out)
    return out


def test_the_ingest_stores_each_aggregate_in_the_version(builtin):
    version = S.current_dir(builtin)
    for name in AGGREGATE_TABLES:
        assert (version / name / AGGREGATE_FILE).is_file(), name


def test_stored_aggregates_equal_the_ones_built_from_the_rows_dmop_names_included(builtin):
    stored = atlas_data.connect(builtin)
    built = duckdb.connect()
    _table_views(built, S.current_dir(builtin))
    build_aggregates(built)
    for name in AGGREGATE_TABLES:
        assert _rows(stored, name) == _rows(built, name), name
        assert stored.execute(f"DESCRIBE {name}").fetchall() == built.execute(f"DESCRIBE {name}").fetchall()
    dmops = {d for (d,) in stored.execute("SELECT DISTINCT dmop FROM person_activity").fetchall()}
    assert dmops <= {d for (d,) in stored.execute("SELECT DISTINCT dmop FROM attendance").fetchall()}


def test_a_version_written_before_the_aggregates_were_stored_still_opens(builtin, tmp_path):
    old = tmp_path / "parquet"
    shutil.copytree(builtin, old)
    for name in AGGREGATE_TABLES:
        shutil.rmtree(S.current_dir(old) / name)
    con = atlas_data.connect(old)
    for name in AGGREGATE_TABLES:
        assert _rows(con, name) == _rows(atlas_data.connect(builtin), name)
    cards = overview.overview(con, Filters()).set_index("country")["people_trained"].to_dict()
    assert cards == overview.overview(atlas_data.connect(builtin), Filters()).set_index("country")["people_trained"].to_dict()
    assert cards["Thailand"] == 184


def test_a_rollback_keeps_the_aggregates(builtin, tmp_path):
    copy = tmp_path / "parquet"
    shutil.copytree(builtin, copy)
    new = S.rollback(copy, S.current_dir(copy).name)
    for name in AGGREGATE_TABLES:
        assert (copy / new / name / AGGREGATE_FILE).is_file()


def test_serve_runs_every_page_before_the_server_answers(builtin_pages, monkeypatch):
    """`python -m atlas_data serve` (make run, each replica) runs every page before the server answers: afterwards
    a page queries nothing (every query it makes is cached for the store version, no connection opened), builds no
    figure and writes no table (``blocks.figure``, ``blocks.table``), and shows
    the store's figures (the Overview's people trained: Paraguay 78, Thailand 184; the other countries none yet)."""
    from streamlit.testing.v1 import AppTest

    from atlas_data.dashboard import blocks, serve, ui
    from atlas_data.dashboard.page_list import PAGES

    ui._connection.clear()
    ui._run.clear()
    said = []
    assert serve.open_pages(log=lambda line, **_: said.append(line)) == ui.version()
    assert said[0].startswith(f"atlas: warm-up of 9 pages before the server answers, store version {ui.version()}: ")
    assert "error" not in said[0]

    def refuse(what):          # an Exception, which the page shows (app.exception); pytest.fail's would end its thread
        def refused(*_):
            raise AssertionError(f"a page {what} after the warm-up")
        return refused
    monkeypatch.setattr(ui, "connection", refuse("queried the store"))
    monkeypatch.setattr(blocks, "_build", refuse("built a figure"))
    monkeypatch.setattr(blocks, "_for_table", refuse("wrote a table"))
    app = AppTest.from_file(str(serve.ROOT / "app.py"), default_timeout=120)
    for path, *_ in PAGES:
        app.switch_page(path).run()
        assert not app.exception, (path, [e.value for e in app.exception])
    overview = AppTest.from_file(str(serve.ROOT / "app.py"), default_timeout=120).run()
    assert [m.value for m in overview.metric if m.label == "People trained (unique)"] == ["78", "184", "0", "0", "0"]
