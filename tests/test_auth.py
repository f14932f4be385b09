"""The data manager's password: hash format, verification, malformed and missing configuration."""
from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest
import streamlit

from atlas_data.dashboard import auth
from atlas_data import accounts

ROOT = Path(__file__).resolve().parents[1]
FAST = 1000  # iterations for tests; the real default is accounts.DEFAULT_ITERATIONS


class FakeSecrets:
    """Stands in for st.secrets: a mapping, or raising like Streamlit does when no secrets.toml exists."""

    def __init__(self, data=None):
        self.data = data

    def get(self, key, default=None):
        if self.data is None:
            raise FileNotFoundError("No secrets found. Valid paths for a secrets.toml file are: …")
        return self.data.get(key, default)


@pytest.fixture
def no_config(monkeypatch):
    monkeypatch.delenv(auth.ENV_VAR, raising=False)
    monkeypatch.setattr(streamlit, "secrets", FakeSecrets(None))


def test_hash_round_trip():
    line = accounts.hash_password("correct horse battery", iterations=FAST)
    algorithm, iterations, salt, digest = line.split("$")
    assert (algorithm, iterations) == ("pbkdf2_sha256", "1000")
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    assert accounts.verify_password("correct horse battery", line)
    assert accounts.parse_hash(line) == (FAST, bytes.fromhex(salt), bytes.fromhex(digest))


def test_default_iterations_and_a_fresh_salt_each_time():
    first, second = accounts.hash_password("same password"), accounts.hash_password("same password")
    assert first.split("$")[1] == str(accounts.DEFAULT_ITERATIONS) == "600000"
    assert first != second
    assert accounts.verify_password("same password", first) and accounts.verify_password("same password", second)


def test_hash_is_standard_pbkdf2_sha256():
    salt = bytes(range(16))
    line = accounts.hash_password("pässwörd", iterations=FAST, salt=salt)
    expected = hashlib.pbkdf2_hmac("sha256", "pässwörd".encode("utf-8"), salt, FAST).hex()
    assert line == f"pbkdf2_sha256$1000${salt.hex()}${expected}"


@pytest.mark.parametrize("attempt", ["correct horse batterY", "correct horse battery ", "", "correct"])
def test_wrong_password(attempt):
    line = accounts.hash_password("correct horse battery", iterations=FAST)
    assert not accounts.verify_password(attempt, line)


def test_empty_password_cannot_be_hashed():
    with pytest.raises(ValueError):
        accounts.hash_password("")


@pytest.mark.parametrize("line", [
    "", "   ", "plain text password", "pbkdf2_sha256$1000$abcd",
    "pbkdf2_sha1$1000$00112233445566778899aabbccddeeff$" + "00" * 32,
    "pbkdf2_sha256$many$00112233445566778899aabbccddeeff$" + "00" * 32,
    "pbkdf2_sha256$1000$not-hex$" + "00" * 32,
    "pbkdf2_sha256$1000$00112233445566778899aabbccddeeff$zz",
    "pbkdf2_sha256$0$00112233445566778899aabbccddeeff$" + "00" * 32,
    "pbkdf2_sha256$999999999999$00112233445566778899aabbccddeeff$" + "00" * 32,  # would hang the app
    "pbkdf2_sha256$1000$$" + "00" * 32,
    "pbkdf2_sha256$1000$00112233445566778899aabbccddeeff$00",
])
def test_malformed_hash(line):
    assert not accounts.verify_password("anything", line)
    with pytest.raises(accounts.MalformedHash):
        accounts.parse_hash(line)


def test_malformed_configured_hash_is_reported(monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, "pbkdf2_sha256$abc")
    assert auth.configured_hash() == "pbkdf2_sha256$abc"
    assert "must look like" in auth.hash_problem()


def test_missing_config(no_config):
    assert auth.configured_hash() is None
    assert auth.hash_problem() is None
    assert not auth.oidc_configured()
    assert auth.allowed_emails() == ()
    assert not accounts.verify_password("anything", auth.configured_hash())


def test_hash_from_secrets(monkeypatch):
    line = accounts.hash_password("from secrets", iterations=FAST)
    monkeypatch.delenv(auth.ENV_VAR, raising=False)
    monkeypatch.setattr(streamlit, "secrets", FakeSecrets({"atlas": {"admin_password_hash": line,
                                                                       "data_managers": ["Ana@Example.org"]}}))
    assert auth.configured_hash() == line
    assert auth.allowed_emails() == ("ana@example.org",)
    assert not auth.oidc_configured()


def test_environment_wins_over_secrets(monkeypatch):
    from_env = accounts.hash_password("from env", iterations=FAST)
    monkeypatch.setenv(auth.ENV_VAR, from_env)
    monkeypatch.setattr(streamlit, "secrets", FakeSecrets({"atlas": {"admin_password_hash": "pbkdf2_sha256$x"}}))
    assert auth.configured_hash() == from_env


def test_auth_section_offers_login(monkeypatch):
    provider = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}
    monkeypatch.setattr(streamlit, "secrets", FakeSecrets({"auth": provider}))
    assert auth.oidc_configured()


def test_secrets_without_the_section(monkeypatch):
    monkeypatch.delenv(auth.ENV_VAR, raising=False)
    monkeypatch.setattr(streamlit, "secrets", FakeSecrets({"other": {"key": "value"}}))
    assert auth.configured_hash() is None and not auth.oidc_configured()


def load_script():
    spec = importlib.util.spec_from_file_location("hash_password_script", ROOT / "scripts" / "hash_password.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hash_password_script_prints_a_line_that_verifies(monkeypatch, capsys):
    script = load_script()
    monkeypatch.setattr(script.getpass, "getpass", lambda prompt="": "a long enough password")
    monkeypatch.setattr(script, "hash_password", lambda pw: accounts.hash_password(pw, iterations=FAST))
    assert script.main() == 0
    out, err = capsys.readouterr()
    line = out.strip().splitlines()[0]
    assert accounts.verify_password("a long enough password", line)
    assert "[atlas]" in err and "ATLAS_ADMIN_PASSWORD_HASH" in err
    assert "a long enough password" not in out + err


def test_hash_password_script_refuses_mismatch_and_short(monkeypatch, capsys):
    script = load_script()
    answers = iter(["first password 1", "second password 2"])
    monkeypatch.setattr(script.getpass, "getpass", lambda prompt="": next(answers))
    assert script.main() == 1
    monkeypatch.setattr(script.getpass, "getpass", lambda prompt="": "short")
    assert script.main() == 1
    assert "pbkdf2_sha256" not in capsys.readouterr().out
