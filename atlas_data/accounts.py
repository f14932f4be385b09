"""Named accounts, their roles, and signed sign-in sessions: who may change which country's data.

Roles: a *viewer* (everyone; no account needed), a *country data manager* (uploads, fill-ins, re-ingest and
rollback for the countries listed on the account) and an *admin* (every country, settings, accounts). Accounts
live in a JSON file of password hashes outside git (``.atlas/accounts.json`` beside the pseudonym secret, or
``ATLAS_ACCOUNTS_FILE``), managed with ``python -m atlas_data users add|remove|list``. An account without a
password signs in only through the identity provider (``st.login()``): its name is the e-mail the provider gives.

A sign-in gives a session token ``<id>.<expiry>.<signature>`` (HMAC-SHA256 with a key kept beside the accounts
file). The browser keeps it in a cookie so a reload stays signed in; the server keeps the list of open sessions,
so signing out, removing the account or changing its password ends the session everywhere. Nothing here needs
Streamlit.
"""
from __future__ import annotations

import fcntl
import functools
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from atlas_data.contract import COUNTRIES

ROLES = ("country_manager", "admin")        # a viewer has no account
ALGORITHM = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 600_000                 # OWASP's figure for PBKDF2-HMAC-SHA256
MAX_ITERATIONS = 10_000_000                  # a hash asking for more is treated as malformed (no DoS by config)
SESSION_HOURS = 8
MAX_NAME = 120


class MalformedHash(ValueError):
    """The hash is not a `pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>` line."""


class AccountError(ValueError):
    """An account cannot be added or changed as asked (the message says why): an English template and its fields,
    so the command line says it in its reader's language."""

    def __init__(self, template: str, **fields):
        self.template, self.fields = template, fields
        super().__init__(template.format(**fields))


# ------------------------------------------------------------------ password hashes

def hash_password(password: str, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None) -> str:
    """The stored hash: `pbkdf2_sha256$600000$<32 hex salt>$<64 hex hash>`."""
    if not isinstance(password, str) or not password:
        raise ValueError("the password must not be empty")
    if not 1 <= int(iterations) <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be between 1 and {MAX_ITERATIONS}")
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, int(iterations))
    return f"{ALGORITHM}${int(iterations)}${salt.hex()}${digest.hex()}"


def parse_hash(encoded: str) -> tuple[int, bytes, bytes]:
    """(iterations, salt, digest) of a hash line; raises MalformedHash saying what is wrong."""
    if not isinstance(encoded, str):
        raise MalformedHash("the password hash is not text")
    parts = encoded.strip().split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM:
        raise MalformedHash(f"the password hash must look like {ALGORITHM}$<iterations>$<salt hex>$<hash hex>")
    try:
        iterations = int(parts[1])
        salt, digest = bytes.fromhex(parts[2]), bytes.fromhex(parts[3])
    except ValueError:
        raise MalformedHash("the password hash has a part that is not a number or not hexadecimal") from None
    if not 1 <= iterations <= MAX_ITERATIONS or not salt or len(digest) < 16:
        raise MalformedHash("the password hash has an impossible iteration count, salt or length")
    return iterations, salt, digest


def verify_password(password: str, encoded: str | None) -> bool:
    """True when `password` matches the hash line. False for a wrong password, a missing or malformed hash."""
    if not encoded or not isinstance(password, str) or not password:
        return False
    try:
        iterations, salt, digest = parse_hash(encoded)
    except MalformedHash:
        return False
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations, dklen=len(digest))
    return hmac.compare_digest(candidate, digest)


def fingerprint(encoded: str | None) -> str:
    """A short digest of a password hash: a session made under another password is no longer valid."""
    return hashlib.sha256((encoded or "").encode("utf-8")).hexdigest()[:16]


# ------------------------------------------------------------------ the accounts file

@dataclass(frozen=True)
class Account:
    """One named account. `countries` is empty for an admin (every country)."""
    name: str
    role: str
    countries: tuple[str, ...] = ()
    password_hash: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_change(self, country: str | None) -> bool:
        """May this account add, fill in or roll back rows of `country`?"""
        return self.is_admin or (country is not None and _fold(country) in {_fold(c) for c in self.countries})

    def sign_in_method(self) -> str:
        return "password" if self.password_hash else "provider"


def _fold(text: str) -> str:
    return str(text).strip().casefold()


def accounts_path() -> Path:
    """The accounts file: beside the pseudonym secret (.atlas/), or ATLAS_ACCOUNTS_FILE."""
    from atlas_data.reading.privacy import secret_path

    return Path(os.environ.get("ATLAS_ACCOUNTS_FILE") or secret_path().parent / "accounts.json")


def folder() -> Path:
    """Where the session key and the open sessions live: beside the accounts file."""
    return accounts_path().parent


def locked_update(path: Path, change=None) -> dict:
    """Read a JSON object file under an exclusive lock, let `change(data, now)` edit it, write it back
    atomically (mode 600) and return it. With `change=None` the file is only read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            data = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            data = {}
        if change is not None:
            change(data, time.time())
            tmp = path.with_name(path.name + ".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
            os.replace(tmp, path)
        return data


def _account(name: str, entry) -> Account | None:
    if not isinstance(entry, dict) or entry.get("role") not in ROLES:
        return None
    countries = tuple(str(c) for c in entry.get("countries") or () if str(c).strip())
    return Account(name, entry["role"], countries, entry.get("password_hash") or None)


def load(path: Path | None = None) -> dict[str, Account]:
    """Every valid account by its folded name (an unreadable file means no accounts)."""
    stored = locked_update(path or accounts_path())
    found = {}
    for name, entry in (stored.get("accounts") or {}).items():
        account = _account(str(name), entry)
        if account is not None:
            found[_fold(name)] = account
    return found


def find(name: str | None, path: Path | None = None) -> Account | None:
    """The account of that name (case-insensitive, so e-mails match however the provider spells them)."""
    return load(path).get(_fold(name)) if name else None


def canonical_country(country: str) -> str:
    """The contract's spelling of a country name; AccountError for a country the dashboard does not know."""
    for known in COUNTRIES:
        if _fold(known) == _fold(country):
            return known
    raise AccountError("unknown country {country}; use one of {choices}", country=repr(country),
                       choices=", ".join(COUNTRIES))


def add(name: str, role: str, countries=(), password: str | None = None, path: Path | None = None) -> Account:
    """Add or replace an account. A country data manager needs at least one country; an admin needs none."""
    name = str(name or "").strip()
    if not name or len(name) > MAX_NAME or any(ch.isspace() or not ch.isprintable() for ch in name):
        raise AccountError("an account name is one word of at most {most} printable characters", most=MAX_NAME)
    if role not in ROLES:
        raise AccountError("unknown role {role}; use one of {choices}", role=repr(role), choices=", ".join(ROLES))
    countries = tuple(dict.fromkeys(canonical_country(c) for c in countries))
    if role == "country_manager" and not countries:
        raise AccountError("a country data manager needs at least one --country")
    if role == "admin":
        countries = ()
    entry = {"role": role, "countries": list(countries)}
    if password is not None:
        entry["password_hash"] = hash_password(password)

    def put(data, now):
        accounts = data.setdefault("accounts", {})
        for existing in [k for k in accounts if _fold(k) == _fold(name)]:
            del accounts[existing]
        accounts[name] = entry
    locked_update(path or accounts_path(), put)
    return Account(name, role, countries, entry.get("password_hash"))


def remove(name: str, path: Path | None = None) -> bool:
    """Remove an account (its open sessions end at their next check). False when there was none."""
    removed = []

    def drop(data, now):
        accounts = data.setdefault("accounts", {})
        for existing in [k for k in accounts if _fold(k) == _fold(name)]:
            removed.append(accounts.pop(existing))
    locked_update(path or accounts_path(), drop)
    return bool(removed)


def authenticate(name: str, password: str, path: Path | None = None) -> Account | None:
    """The account when the name exists, has a password, and the password matches; else None."""
    account = find(name, path)
    if account is None or not account.password_hash:
        verify_password(password or "x", _unknown_account_hash())   # as slow as a real check: names stay secret
        return None
    return account if verify_password(password, account.password_hash) else None


@functools.cache
def _unknown_account_hash() -> str:
    return hash_password(secrets.token_hex(8))


def foreign_countries(account: Account, countries) -> list[str]:
    """The countries named in rows that this account may not change (empty: it may commit them)."""
    return sorted({str(c) for c in countries if c is not None and str(c).strip() and not account.may_change(c)})


# ------------------------------------------------------------------ sessions

def _session_key() -> bytes:
    path = folder() / "session.key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip().encode("ascii")
    with os.fdopen(fd, "w") as fh:
        key = secrets.token_hex(32)
        fh.write(key)
    return key.encode("ascii")


def sessions_path() -> Path:
    return folder() / "sessions.json"


def _signature(sid: str, expires: int) -> str:
    return hmac.new(_session_key(), f"{sid}.{expires}".encode("ascii"), hashlib.sha256).hexdigest()


def start_session(account: Account, hours: float = SESSION_HOURS) -> str:
    """Open a session for the account and return its token (for the browser's cookie)."""
    sid, expires = secrets.token_urlsafe(18), int(time.time() + hours * 3600)

    def put(data, now):
        for old in [k for k, v in data.items() if not isinstance(v, dict) or v.get("expires", 0) < now]:
            del data[old]                              # expired sessions are forgotten
        data[sid] = {"name": account.name, "expires": expires, "password": fingerprint(account.password_hash)}
    locked_update(sessions_path(), put)
    return f"{sid}.{expires}.{_signature(sid, expires)}"


def _parts(token) -> tuple[str, int] | None:
    if not isinstance(token, str) or token.count(".") != 2 or len(token) > 200:
        return None
    sid, expires, signature = token.split(".")
    if not expires.isdigit() or not hmac.compare_digest(_signature(sid, int(expires)), signature):
        return None
    return sid, int(expires)


def session_account(token, lookup=None) -> Account | None:
    """The account a token signs in, or None: a forged, expired or ended token, a removed account, or a
    password changed since the sign-in. `lookup(name)` finds accounts the file does not hold (default `find`)."""
    parts = _parts(token)
    if parts is None or parts[1] < time.time():
        return None
    entry = locked_update(sessions_path()).get(parts[0])
    if not isinstance(entry, dict) or entry.get("expires", 0) < time.time():
        return None
    account = (lookup or find)(entry.get("name"))
    if account is None or not hmac.compare_digest(entry.get("password", ""), fingerprint(account.password_hash)):
        return None
    return account


def end_session(token) -> None:
    """Sign out on the server: the token no longer opens a session, whichever browser holds it."""
    parts = _parts(token)
    if parts is not None:
        locked_update(sessions_path(), lambda data, now: data.pop(parts[0], None))
