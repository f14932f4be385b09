"""Named accounts, roles per country and signed sessions (atlas_data/accounts.py, `python -m atlas_data users`)."""
import io
import json
import stat

import pytest

from atlas_data import accounts, audit
from atlas_data.cli import main

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def own_files(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_SECRET_FILE", str(tmp_path / "atlas" / "pseudonym.key"))
    monkeypatch.setenv("ATLAS_AUDIT_FILE", str(tmp_path / "atlas" / "audit.jsonl"))
    monkeypatch.delenv("ATLAS_ACCOUNTS_FILE", raising=False)
    return tmp_path / "atlas"


def cli(monkeypatch, capsys, *argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["users", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_users_add_list_remove_from_the_command_line(monkeypatch, capsys, own_files):
    code, out, _ = cli(monkeypatch, capsys, "add", "ana", "--role", "country_manager", "--country", "paraguay",
                       "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and out.strip() == "ana: country_manager, Paraguay, signs in with password"
    code, out, _ = cli(monkeypatch, capsys, "add", "boss@example.org", "--role", "admin", "--provider")
    assert code == 0
    code, out, _ = cli(monkeypatch, capsys, "list")
    assert out.splitlines() == ["ana  country_manager  Paraguay  signs in with password",
                                "boss@example.org  admin  every country  signs in with provider"]
    stored = (own_files / "accounts.json").read_text(encoding="utf-8")
    assert PASSWORD not in stored and "pbkdf2_sha256$600000$" in stored and "pbkdf2" not in out
    assert stat.S_IMODE((own_files / "accounts.json").stat().st_mode) == 0o600
    code, out, _ = cli(monkeypatch, capsys, "remove", "ANA")
    assert code == 0 and out.strip() == "removed ANA"
    assert set(accounts.load()) == {"boss@example.org"}
    actions = [(e["action"], e["changes"]["account"]) for e in audit.read()]
    assert actions == [("account_added", [None, "ana"]), ("account_added", [None, "boss@example.org"]),
                       ("account_removed", ["ANA", None])]


@pytest.mark.parametrize("argv, stdin, message", [
    (("add", "ana", "--role", "country_manager", "--password-stdin"), PASSWORD, "needs at least one --country"),
    (("add", "ana", "--role", "country_manager", "--country", "Narnia", "--password-stdin"), PASSWORD,
     "unknown country 'Narnia'"),
    (("add", "two words", "--role", "admin", "--password-stdin"), PASSWORD, "one word"),
    (("add", "ana", "--role", "admin", "--password-stdin"), "short", "at least 10 characters"),
])
def test_a_bad_account_is_refused_and_nothing_is_written(monkeypatch, capsys, own_files, argv, stdin, message):
    code, out, err = cli(monkeypatch, capsys, *argv, stdin=stdin + "\n")
    assert code in (1, 2) and message in err and "nothing changed" in err and "Traceback" not in err
    assert accounts.load() == {}


def test_remove_of_an_unknown_account_says_so(monkeypatch, capsys):
    code, _, err = cli(monkeypatch, capsys, "remove", "nobody")
    assert code == 1 and err.strip() == "no account named 'nobody'"


def test_a_country_manager_may_change_only_their_countries():
    ana = accounts.add("ana", "country_manager", ["Paraguay", "PARAGUAY"], PASSWORD)
    boss = accounts.add("boss", "admin", ["Thailand"], PASSWORD)
    assert ana.countries == ("Paraguay",) and boss.countries == ()
    assert ana.may_change("paraguay") and not ana.may_change("Thailand") and not ana.may_change(None)
    assert boss.may_change("Thailand") and boss.may_change("Liberia")
    assert accounts.foreign_countries(ana, ["Paraguay", "Thailand", None, "", "Liberia"]) == ["Liberia", "Thailand"]
    assert accounts.foreign_countries(boss, ["Paraguay", "Thailand"]) == []


def test_sign_in_by_name_and_password():
    accounts.add("Ana", "country_manager", ["Paraguay"], PASSWORD)
    assert accounts.authenticate("ana", PASSWORD).name == "Ana"
    assert accounts.authenticate("ana", PASSWORD + "x") is None
    assert accounts.authenticate("nobody", PASSWORD) is None
    accounts.add("mail@example.org", "admin")                      # provider-only: no password sign-in
    assert accounts.authenticate("mail@example.org", "") is None


def test_a_session_survives_until_sign_out_expiry_removal_or_a_new_password(own_files):
    ana = accounts.add("ana", "country_manager", ["Paraguay"], PASSWORD)
    token = accounts.start_session(ana)
    assert accounts.session_account(token).name == "ana"
    assert accounts.session_account(token).name == "ana"          # a reload checks the same token again
    sid, expires, signature = token.split(".")
    assert int(expires) - __import__("time").time() == pytest.approx(8 * 3600, abs=5)
    assert accounts.session_account(f"{sid}.{int(expires) + 3600}.{signature}") is None   # forged expiry
    assert accounts.session_account(f"{sid}.{expires}.{'0' * 64}") is None
    assert accounts.session_account("nonsense") is None and accounts.session_account(None) is None
    accounts.end_session(token)
    assert accounts.session_account(token) is None                # signed out on the server
    assert accounts.session_account(accounts.start_session(ana, hours=-1)) is None   # expired
    token = accounts.start_session(ana)
    accounts.add("ana", "country_manager", ["Paraguay"], PASSWORD + "!")            # a new password
    assert accounts.session_account(token) is None
    token = accounts.start_session(accounts.find("ana"))
    accounts.remove("ana")
    assert accounts.session_account(token) is None
    sessions = json.loads((own_files / "sessions.json").read_text(encoding="utf-8"))
    assert all(set(v) == {"name", "expires", "password"} for v in sessions.values())


def test_a_damaged_accounts_file_means_no_accounts_not_a_crash(own_files):
    own_files.mkdir(parents=True, exist_ok=True)
    (own_files / "accounts.json").write_text("{not json", encoding="utf-8")
    assert accounts.load() == {} and accounts.authenticate("ana", PASSWORD) is None
    (own_files / "accounts.json").write_text(json.dumps({"accounts": {"x": {"role": "god"}, "y": []}}))
    assert accounts.load() == {}


def test_users_speak_spanish_on_the_command_line(monkeypatch, capsys, own_files):
    monkeypatch.setenv("ATLAS_LANG", "es")
    code, out, _ = cli(monkeypatch, capsys, "list")
    assert (code, out) == (0, f"todavía no hay cuentas ({own_files / 'accounts.json'})\n")
    code, out, _ = cli(monkeypatch, capsys, "add", "ana", "--role", "country_manager", "--country", "paraguay",
                       "--password-stdin", stdin=PASSWORD + "\n")
    assert (code, out) == (0, "ana: country_manager, Paraguay, inicia sesión con contraseña\n")
    cli(monkeypatch, capsys, "add", "boss@example.org", "--role", "admin", "--provider")
    code, out, _ = cli(monkeypatch, capsys, "list")
    assert out.splitlines() == ["ana  country_manager  Paraguay  inicia sesión con contraseña",
                                "boss@example.org  admin  todos los países  inicia sesión con el proveedor de identidad"]
    code, _, err = cli(monkeypatch, capsys, "add", "eva", "--role", "country_manager", "--country", "Narnia",
                       "--provider")
    assert (code, err) == (2, "país desconocido 'Narnia'; use uno de estos: Paraguay, Thailand, Liberia, Argentina, "
                              "Bolivia; no se cambió nada\n")
    code, _, err = cli(monkeypatch, capsys, "add", "eva", "--role", "admin", "--password-stdin", stdin="corta\n")
    assert (code, err) == (1, "la contraseña debe tener al menos 10 caracteres; no se cambió nada\n")
    code, _, err = cli(monkeypatch, capsys, "remove", "nadie")
    assert (code, err) == (1, "no hay ninguna cuenta llamada 'nadie'\n")
    code, out, _ = cli(monkeypatch, capsys, "remove", "ana")
    assert (code, out) == (0, "se eliminó ana\n")
