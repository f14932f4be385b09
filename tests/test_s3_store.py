"""The store on S3-compatible object storage (`ATLAS_PARQUET_DIR=s3://bucket/prefix`), against a real S3 API served
on loopback by moto's server: the built-in data ingested to S3 gives the local store's figures; a second ingest
waits for the lock or gives up; a reader during an ingest sees the old version; rollback and the versions list
work; an unreachable endpoint is a sentence, not a traceback."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading

import pytest

import atlas_data
from atlas_data.queries import overview
from atlas_data.queries.sql import Filters
from atlas_data.store import remote
from atlas_data.store import versions as S
from atlas_data.store.ingest import IngestError, ingest

moto_server = pytest.importorskip("moto.server")
pytestmark = [pytest.mark.usefixtures("secret_file"), pytest.mark.slow]


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """moto's S3 on 127.0.0.1 and a free port, the AWS_* variables pointing at it, a bucket `atlas`."""
    import boto3

    from browser import free_port

    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
           "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
           "ATLAS_S3_CACHE": str(tmp_path_factory.mktemp("s3cache"))}
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        mp.delenv("AWS_ENDPOINT_URL_S3", raising=False)
        boto3.client("s3", endpoint_url=env["AWS_ENDPOINT_URL"], region_name="us-east-1").create_bucket(Bucket="atlas")
        yield env
    server.stop()


@pytest.fixture
def raw(tmp_path):
    from conftest import RAW

    shutil.copytree(RAW, tmp_path / "raw")
    return tmp_path / "raw"


def _people(parquet_dir) -> dict:
    con = atlas_data.connect(parquet_dir)
    try:
        return overview.overview(con, Filters()).set_index("country")["people_trained"].to_dict()
    finally:
        con.close()


def _drop_thai_attendance(raw) -> None:
    (raw / "thailand" / "Thailand ATLAS workshops and trainings 2020-2021.xlsx").unlink()


def test_builtin_data_on_s3_gives_the_local_figures(s3, raw, tmp_path):
    uri = "s3://atlas/figures"
    report = ingest(raw, uri)
    assert report.changed and report.version.startswith("v000001-")
    local = tmp_path / "local"
    ingest(raw, local)
    figures = _people(uri)
    assert figures == _people(local)
    assert figures["Thailand"] == 184
    assert atlas_data.store_version(uri) == report.version
    again = ingest(raw, uri)
    assert not again.changed and atlas_data.store_version(uri) == report.version
    cached = remote.cache_root(remote.parse(uri))
    assert (cached / "v000001" / "manifest.json").is_file() and (cached / "CURRENT").read_text() == "v000001"


def test_a_second_ingest_waits_for_the_lock_or_gives_up(s3, raw):
    uri = "s3://atlas/locked"
    loc = remote.parse(uri)
    with remote.locked(loc):
        with pytest.raises(IngestError) as refused:
            ingest(raw, uri, wait_seconds=1)
        assert refused.value.code == "store_busy"
    held = threading.Event()
    release = threading.Event()

    def hold():
        with remote.locked(loc):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    threading.Timer(1.0, release.set).start()
    report = ingest(raw, uri, wait_seconds=30)      # serialized: runs once the holder lets go
    holder.join()
    assert report.changed


def test_a_reader_during_an_ingest_sees_the_old_version_and_a_failed_upload_changes_nothing(s3, raw, monkeypatch):
    uri = "s3://atlas/readers"
    first = ingest(raw, uri)
    before = _people(uri)
    _drop_thai_attendance(raw)
    seen = {}
    publish = remote._publish

    def publish_watched(s3fs, loc, root, name):
        seen["during"] = (atlas_data.store_version(uri), _people(uri))
        publish(s3fs, loc, root, name)

    monkeypatch.setattr(remote, "_publish", publish_watched)
    second = ingest(raw, uri)
    assert seen["during"] == (first.version, before)
    assert atlas_data.store_version(uri) == second.version != first.version
    assert _people(uri) != before

    def broken_upload(*args, **kwargs):
        raise OSError("AWS Error NETWORK_CONNECTION during PutObject operation: connection reset")

    (raw / "extra").mkdir()
    shutil.copy(next(p for p in sorted(raw.rglob("*.xlsx"))), raw / "extra" / "copy.xlsx")
    monkeypatch.setattr(remote, "_publish", broken_upload)
    with pytest.raises(IngestError) as failed:
        ingest(raw, uri)
    assert failed.value.code == "s3_unreachable"
    assert atlas_data.store_version(uri) == second.version
    assert not (remote.cache_root(remote.parse(uri)) / ".writer" / "LOCK").exists()
    monkeypatch.setattr(remote, "_publish", publish)
    third = ingest(raw, uri)      # the lock was released, the failed version forgotten
    assert third.changed and third.version.startswith("v000003-")


def test_rollback_and_the_versions_list_on_s3(s3, raw):
    uri = "s3://atlas/rollback"
    ingest(raw, uri)
    before = _people(uri)
    _drop_thai_attendance(raw)
    ingest(raw, uri)
    assert _people(uri) != before
    listed = S.list_versions(uri)
    assert [v["version"] for v in listed] == ["v000001", "v000002"] and listed[1]["current"]
    from atlas_data.store.changes import compare
    assert not compare(uri, "v000001").empty
    new = S.rollback(uri, "v000001")
    assert new == "v000003"
    assert _people(uri) == before
    assert [v["rolled_back_from"] for v in S.list_versions(uri)] == [None, None, "v000001"]
    with pytest.raises(S.UnknownVersion):
        S.rollback(uri, "v000042")


def test_an_unreachable_endpoint_is_a_sentence_not_a_traceback(s3, raw, tmp_path):
    from browser import free_port

    env = dict(os.environ, AWS_ENDPOINT_URL=f"http://127.0.0.1:{free_port()}",
               ATLAS_SECRET_FILE=str(tmp_path / "secret.key"))
    done = subprocess.run([sys.executable, "-m", "atlas_data", "ingest", str(raw), "--out", "s3://atlas/nowhere"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "could not reach the object storage of s3://atlas/nowhere" in done.stderr
    assert "Traceback" not in done.stderr
    listed = subprocess.run([sys.executable, "-m", "atlas_data", "versions", "--out", "s3://atlas/nowhere"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 1 and "Traceback" not in listed.stderr and "AWS_ENDPOINT_URL" in listed.stderr


def test_refused_credentials_and_a_missing_bucket_are_named():
    from botocore.exceptions import ClientError

    loc = remote.parse("s3://atlas/x")
    denied = ClientError({"Error": {"Code": "InvalidAccessKeyId", "Message": "no"}}, "PutObject")
    assert remote._why(denied, loc).code == "s3_denied"
    assert remote._why(OSError("AWS Error ACCESS_DENIED during HeadObject"), loc).code == "s3_denied"
    assert remote._why(OSError("Bucket 'atlas' not found. NoSuchBucket"), loc).code == "s3_no_bucket"
    with pytest.raises(S.StoreError) as bad:
        atlas_data.connect("s3://Not_A_Bucket!")
    assert bad.value.code == "s3_bad_uri"


def test_the_app_reads_an_s3_store(s3, raw, monkeypatch, tmp_path):
    """`ATLAS_PARQUET_DIR=s3://…`: the Overview's figures and the Data page's versions, as on a local store."""
    from streamlit.testing.v1 import AppTest

    from atlas_data.dashboard import ui
    from conftest import ROOT

    uri = "s3://atlas/app"
    ingest(raw, uri)
    monkeypatch.setattr(ui, "PARQUET_DIR", uri)
    monkeypatch.setenv("ATLAS_SETTINGS_FILE", str(tmp_path / "settings.json"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    values = [(m.label, m.value) for m in at.metric]
    assert values[:2] == [("DMOPs", "6"), ("People trained (unique)", "78")]
    assert ui.version().startswith("v000001-")
