"""`python -m atlas_data load` (atlas_data/dashboard/loadtest.py): bounded, loopback only, and it measures."""
from __future__ import annotations

import pytest

from atlas_data.cli import main
from atlas_data.dashboard import loadtest


@pytest.mark.parametrize("url, viewers, seconds", [
    ("http://10.0.0.1:8500", 1, 5), ("http://192.168.1.20", 1, 5), ("ftp://127.0.0.1:8500", 1, 5),
    ("http://127.0.0.1:8500", 51, 5), ("http://127.0.0.1:8500", 0, 5), ("http://127.0.0.1:8500", 1, 121)])
def test_another_host_or_beyond_the_bounds_is_refused(url, viewers, seconds):
    with pytest.raises(loadtest.RefusedTarget):
        loadtest.check_target(url, viewers, seconds)


def test_loopback_names_are_accepted():
    assert loadtest.check_target("http://127.0.0.1:8500", 50, 120) == ("127.0.0.1", 8500)
    assert loadtest.check_target("http://localhost:8501", 1, 1) == ("localhost", 8501)


def test_the_cli_refuses_another_host_with_exit_2(capsys):
    assert main(["load", "--url", "http://10.0.0.1:8500", "--viewers", "1", "--seconds", "5"]) == 2
    assert "load test refused" in capsys.readouterr().err


def test_a_rerun_names_the_page_and_its_filters():
    from streamlit.proto.BackMsg_pb2 import BackMsg
    msg = BackMsg()
    msg.ParseFromString(loadtest.rerun("training_reach", "country=Paraguay"))
    assert (msg.rerun_script.page_name, msg.rerun_script.query_string) == ("training_reach", "country=Paraguay")


@pytest.mark.slow   # a Streamlit server
def test_one_viewer_for_a_few_seconds_clicks_and_meets_no_error(app_server):
    result = loadtest.run(app_server.url, viewers=1, seconds=4, think=(0.2, 0.5))
    assert result.clicks > 0 and result.errors == [], result.errors
    assert result.summary()["p50_s"] > 0


def test_the_refusal_reads_in_the_readers_language(capsys, monkeypatch):
    monkeypatch.setenv("ATLAS_LANG", "es")
    assert main(["load", "--url", "http://10.0.0.1:8500", "--viewers", "1", "--seconds", "5"]) == 2
    assert "prueba de carga rechazada: 10.0.0.1 no es esta máquina" in capsys.readouterr().err
    monkeypatch.setenv("ATLAS_LANG", "th")
    assert main(["load", "--url", "http://127.0.0.1:8500", "--viewers", "51", "--seconds", "5"]) == 2
    assert "จำนวนผู้ชมต้องอยู่ระหว่าง 1 ถึง 50" in capsys.readouterr().err


def test_a_replica_set_over_an_empty_store_is_refused_before_it_starts(tmp_path, monkeypatch, capsys):
    """Every page of an empty store draws only "No data" in a tenth of a second: such times mean nothing."""
    monkeypatch.setenv("ATLAS_PARQUET_DIR", str(tmp_path))
    with pytest.raises(loadtest.RefusedTarget, match="holds no ingested data"):
        loadtest.measure([1], [1], 5)
    monkeypatch.setenv("ATLAS_LANG", "es")
    assert main(["load", "--viewers", "1", "--replicas", "1", "--seconds", "5"]) == 2
    assert f"prueba de carga rechazada: {tmp_path} no tiene datos procesados" in capsys.readouterr().err


def test_a_store_with_an_ingested_version_is_measured(builtin_store):
    loadtest.check_store(str(builtin_store))    # no refusal
    loadtest.check_store("s3://bucket/atlas")   # left to the replicas, which read its local copy
