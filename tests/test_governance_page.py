"""The Data page with named accounts: a country data manager's limits, rollback and withdrawal (AppTest)."""
import pytest

from atlas_data import accounts, audit
from atlas_data.store import versions
from test_data_page import PASSWORD, ROSTER, button, open_page, upload  # noqa: F401  (site fixture below)
from test_data_page import ingested, site  # noqa: F401

pytestmark = pytest.mark.slow  # uploads and ingests through the whole page, several runs each

ANA = "ana-password-for-tests"
THAI_ROSTER = ROSTER.decode("utf-8").replace("Paraguay", "Thailand").encode("utf-8")


@pytest.fixture
def named(site, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("ATLAS_ACCOUNTS_FILE", str(tmp_path / "accounts" / "accounts.json"))
    monkeypatch.setenv("ATLAS_AUDIT_FILE", str(tmp_path / "audit.jsonl"))
    accounts.add("ana", "country_manager", ["Paraguay"], ANA)
    return site


def sign_in_as(name: str, password: str):
    at = open_page()
    at.text_input(key="dm_name").input(name)
    at.text_input(key="dm_password").input(password)
    button(at, "Sign in").click().run()
    assert not at.exception, at.exception
    return at


def attendance_rows(site, country):
    import atlas_data
    con = atlas_data.connect(site.store)
    try:
        return con.execute("SELECT count(*) FROM attendance WHERE country = ?", [country]).fetchone()[0]
    finally:
        con.close()


def test_a_country_manager_cannot_store_another_countrys_file(named):
    at = sign_in_as("ana", ANA)
    assert at.success[0].value == "Signed in as ana (Country data manager, Paraguay)."
    assert "Only an admin changes the settings." in [c.value for c in at.caption]
    assert not [n for n in at.number_input if n.key == "set_completion"]
    thai_before = attendance_rows(named, "Thailand")
    upload(at, "Thai roster.csv", THAI_ROSTER)
    assert [e.value for e in at.error] == ["Refused: this changes data of Thailand, and your account manages Paraguay."]
    assert not (named.raw / "uploads" / "Thai roster.csv").exists()
    assert attendance_rows(named, "Thailand") == thai_before
    button(at, "Cancel").click().run()
    paraguay_before = attendance_rows(named, "Paraguay")
    upload(at, "Paraguay roster.csv", ROSTER)
    assert (named.raw / "uploads" / "Paraguay roster.csv").is_file()
    assert attendance_rows(named, "Paraguay") == paraguay_before + 3
    assert [e["who"] for e in audit.read() if e["action"] == "upload_confirmed"] == ["ana"]


def test_an_admin_rolls_back_with_a_reason_and_the_figures_return(named):
    at = sign_in_as("", PASSWORD)                              # the legacy password: an admin
    before, version = attendance_rows(named, "Paraguay"), versions.current_dir(named.store).name
    upload(at, "Paraguay roster.csv", ROSTER)
    assert attendance_rows(named, "Paraguay") == before + 3
    at.selectbox(key="rollback_version").select(version).run()
    changes = [d.value for d in at.dataframe if "Rows then" in d.value.columns][0]
    assert changes[["Table", "Country", "Rows now", "Rows then", "Change"]].values.tolist() == [
        ["Attendance", "Paraguay", f"{before + 3:,}", f"{before:,}", "-3"]]
    at.text_input(key="rb_reason").input("a test file was uploaded by mistake")
    button(at, "Roll back").click().run()
    assert not at.exception
    assert attendance_rows(named, "Paraguay") == before
    entry = [e for e in audit.read() if e["action"] == "rollback"][-1]
    assert entry["who"] == "admin" and entry["reason"] == "a test file was uploaded by mistake"
    assert entry["changes"]["version"][0] == version and entry["changes"]["attendance rows"] == [before + 3, before]


def test_a_country_manager_may_not_roll_back_other_countries_rows(named):
    at = sign_in_as("", PASSWORD)
    version = versions.current_dir(named.store).name
    upload(at, "Thai roster.csv", THAI_ROSTER)
    at = sign_in_as("ana", ANA)
    at.selectbox(key="rollback_version").select(version).run()
    assert "Refused: this changes data of Thailand, and your account manages Paraguay." in [w.value for w in at.warning]
    assert not [b for b in at.button if b.label == "Roll back"]


def test_withdrawing_an_upload_takes_its_rows_out_and_is_audited(named):
    at = sign_in_as("ana", ANA)
    before = attendance_rows(named, "Paraguay")
    upload(at, "Paraguay roster.csv", ROSTER)
    at.selectbox(key="withdraw_file").select("uploads/Paraguay roster.csv").run()
    at.text_input(key="wd_reason").input("duplicate of the June list")
    button(at, "Withdraw").click().run()
    assert not at.exception
    assert attendance_rows(named, "Paraguay") == before
    assert "uploads/Paraguay roster.csv was withdrawn and moved to the archive." in [s.value.replace("\\", "") for s in at.success]
    entry = [e for e in audit.read() if e["action"] == "file_withdrawn"][-1]
    assert entry["who"] == "ana" and entry["files"] == ["uploads/Paraguay roster.csv"]
    assert entry["reason"] == "duplicate of the June list"
    at.multiselect(key="audit_actions").select("file_withdrawn").run()          # the audit trail, filtered
    trail = [d.value for d in at.dataframe if "When (UTC)" in d.value.columns][0]
    assert trail[["Who", "Action", "Reason"]].values.tolist() == [["ana", "file_withdrawn", "duplicate of the June list"]]
    csv = [b for b in at.get("download_button") if b.proto.label == "Download the audit trail (CSV)"]
    assert len(csv) == 1
