"""Who may change the data: sign-in for the Data page, on top of the named accounts in ``atlas_data.accounts``.

Viewing needs nothing beyond access to the app. A country data manager uploads, fills in, re-ingests and rolls
back for their countries; an admin does everything, settings included. People sign in with

- a named account and its password (``python -m atlas_data users add``); or the single legacy password whose
  hash is ``ATLAS_ADMIN_PASSWORD_HASH`` (environment) or ``admin_password_hash`` under ``[atlas]`` in
  ``.streamlit/secrets.toml`` (made by ``scripts/hash_password.py``): the name field left empty, an admin; or
- Streamlit's ``st.login()`` when ``.streamlit/secrets.toml`` has an ``[auth]`` section (an OpenID Connect
  provider): the e-mail it gives is looked up in the accounts (role and countries from there); failing that,
  ``[atlas] data_managers = ["ana@example.org", …]`` lists admins; with neither, anyone the provider signs in is.

A password sign-in opens a signed session (8 hours) kept in a cookie, so a reload stays signed in; signing out
ends it on the server. Everything here reads ``st.session_state`` / ``st.secrets`` / ``st.user`` /
``st.context`` and never raises when those are absent or not configured.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from atlas_data import accounts
from atlas_data.accounts import Account, MalformedHash, parse_hash, verify_password

ENV_VAR = "ATLAS_ADMIN_PASSWORD_HASH"
SECRETS_SECTION = "atlas"
SECRETS_KEY = "admin_password_hash"
TOKEN_KEY = "atlas_session_token"     # st.session_state: this browser's session token
COOKIE_KEY = "atlas_session_cookie"   # st.session_state: (token, seconds) to write into the cookie next run
SIGNED_OUT_KEY = "atlas_signed_out"   # st.session_state: signed out here, so an old cookie is not read again
SESSION_COOKIE = "atlas_session"
FAILURES_KEY = "atlas_sign_in_failures"
MAX_FAILURES = 5                      # then a pause before the next attempt in this session
LOCKOUT_SECONDS = 30
# Across sessions (a new tab starts a new session), kept in a file outside the browser: after this many wrong
# passwords the account, or the client address that sent them, waits; a failure older than the wait is forgotten.
LOCKOUT_FILE_ENV = "ATLAS_LOCKOUT_FILE"   # default: sign_in_failures.json beside the pseudonym secret (.atlas/)
ACCOUNT_MAX_FAILURES = 20
CLIENT_MAX_FAILURES = 10
PERSISTED_LOCKOUT_SECONDS = 15 * 60


# ------------------------------------------------------------------ configuration

def _secrets_section(name: str):
    """`st.secrets[name]` as a dict, or None when there is no secrets file or no such section."""
    try:
        import streamlit as st

        section = st.secrets.get(name)  # raises when no secrets.toml exists at all
    except Exception:
        return None
    try:
        return dict(section) if section is not None else None
    except (TypeError, ValueError):
        return None


def configured_hash() -> str | None:
    """The data manager's password hash: the environment variable first, then `[atlas]` in secrets."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        return value
    section = _secrets_section(SECRETS_SECTION) or {}
    value = section.get(SECRETS_KEY)
    return value.strip() if isinstance(value, str) and value.strip() else None


def hash_problem() -> str | None:
    """Why the configured hash cannot be used (None when it is fine or when none is configured)."""
    value = configured_hash()
    if value is None:
        return None
    try:
        parse_hash(value)
    except MalformedHash as exc:
        return str(exc)
    return None


def named_accounts() -> bool:
    """Some account in the accounts file signs in with a password (the sign-in form then asks for a name)."""
    return any(a.password_hash for a in accounts.load().values())


def password_sign_in_available() -> bool:
    """A password sign-in can succeed: a usable legacy hash, or an account with a password."""
    return _legacy_account() is not None or named_accounts()


def oidc_configured() -> bool:
    """True when `.streamlit/secrets.toml` has an `[auth]` section, so `st.login()` can be offered."""
    return bool(_secrets_section("auth"))


def allowed_emails() -> tuple[str, ...]:
    section = _secrets_section(SECRETS_SECTION) or {}
    listed = section.get("data_managers") or ()
    if isinstance(listed, str):
        listed = (listed,)
    return tuple(str(e).strip().lower() for e in listed if str(e).strip())


# ------------------------------------------------------------------ who is signed in (Streamlit)

LEGACY_NAME = "admin"    # the account the legacy password hash signs in


def _legacy_account() -> Account | None:
    encoded = configured_hash()
    return Account(LEGACY_NAME, "admin", (), encoded) if encoded and not hash_problem() else None


def _account_named(name: str | None) -> Account | None:
    """An account from the accounts file, or the legacy password's admin (which the file does not hold)."""
    found = accounts.find(name)
    if found is None and name == LEGACY_NAME:
        return _legacy_account()
    return found


def _oidc_account() -> Account | None:
    """The account of a user signed in through the identity provider, or None when they may not change data."""
    if not oidc_configured():
        return None
    try:
        import streamlit as st

        user = st.user
        if not user.get("is_logged_in", False):
            return None
        who = str(user.get("email") or user.get("name") or "").strip()
    except Exception:
        return None
    if not who:
        return None
    listed = accounts.find(who)
    if listed is not None:
        return listed
    allowed = allowed_emails()
    if who.lower() in allowed or (not allowed and not accounts.load()):
        return Account(who, "admin")
    return None


def signed_in_oidc_but_not_allowed() -> bool:
    """Signed in through the identity provider, but neither an account nor on the `data_managers` list."""
    if not oidc_configured():
        return False
    try:
        import streamlit as st

        return bool(st.user.get("is_logged_in", False)) and _oidc_account() is None
    except Exception:
        return False


def _cookie_token() -> str | None:
    import streamlit as st

    try:
        return st.context.cookies.get(SESSION_COOKIE) or None
    except Exception:  # no browser behind this run (AppTest, bare mode)
        return None


def current_account() -> Account | None:
    """The account signed in to this browser (a session token checked on the server each run), or None."""
    import streamlit as st

    token = st.session_state.get(TOKEN_KEY)
    if token is None and not st.session_state.get(SIGNED_OUT_KEY):
        token = _cookie_token()                      # a reload: the browser still holds the session cookie
    if token:
        account = accounts.session_account(token, lookup=_account_named)
        if account is not None:
            st.session_state[TOKEN_KEY] = token
            return account
        st.session_state.pop(TOKEN_KEY, None)        # expired, signed out elsewhere, or the password changed
    return _oidc_account()


def current_manager() -> str | None:
    """The name of who may change data in this session (for the audit trail), or None."""
    account = current_account()
    return account.name if account is not None else None


def sync_cookie() -> None:
    """Write or clear the session cookie in the browser after a sign-in or sign-out (the page's one script;
    the token holds only letters, digits, `-`, `_` and `.`)."""
    import streamlit as st

    pending = st.session_state.pop(COOKIE_KEY, None)
    if pending is None:
        return
    token, seconds = pending
    value = token if token and all(ch.isalnum() or ch in "-_." for ch in token) else ""
    st.html(f"<script>document.cookie = '{SESSION_COOKIE}={value}; path=/; max-age={int(seconds)}; "
            "SameSite=Strict' + (location.protocol === 'https:' ? '; Secure' : '');</script>",
            unsafe_allow_javascript=True)


def lockout_path() -> Path:
    from atlas_data.reading.privacy import secret_path

    return Path(os.environ.get(LOCKOUT_FILE_ENV) or secret_path().parent / "sign_in_failures.json")


def _client_address() -> str | None:
    import streamlit as st

    try:
        return st.context.ip_address or None
    except Exception:  # no browser behind this run (AppTest, bare mode)
        return None


def _counters(name: str | None) -> list[tuple[str, int]]:
    """The persisted counters a password attempt counts in (its account name, the client address), with limits."""
    client = _client_address()
    account = f"account:{(name or '').strip().casefold() or LEGACY_NAME}"
    return [(account, ACCOUNT_MAX_FAILURES)] + ([(f"client:{client}", CLIENT_MAX_FAILURES)] if client else [])


def _update_failures(change) -> dict:
    """Read, change (a function of the dict and now) and write the failure file under an exclusive lock
    (``accounts.locked_update``); failures older than the wait are forgotten."""
    def recent(stored: dict, now: float) -> dict:
        return {k: v for k, v in stored.items() if isinstance(v, dict)
                and now - float(v.get("last", 0)) < PERSISTED_LOCKOUT_SECONDS}

    if change is None:
        return recent(accounts.locked_update(lockout_path()), time.time())

    def forget_then_change(stored: dict, now: float) -> None:
        kept = recent(stored, now)
        stored.clear()
        stored.update(kept)
        change(stored, now)
    return accounts.locked_update(lockout_path(), forget_then_change)


def _persisted_wait(account: str | None = None) -> int:
    stored, now = _update_failures(None), time.time()
    wait = 0.0
    for name, limit in _counters(account):
        entry = stored.get(name)
        if entry and int(entry.get("count", 0)) >= limit:
            wait = max(wait, float(entry["last"]) + PERSISTED_LOCKOUT_SECONDS - now)
    return max(0, int(wait + 0.999))


def _persist_failure(account: str | None = None) -> None:
    names = [name for name, _ in _counters(account)]

    def add(stored, now):
        for name in names:
            entry = stored.get(name) or {"count": 0}
            stored[name] = {"count": int(entry.get("count", 0)) + 1, "last": now}
    _update_failures(add)


def _persist_success(account: str | None = None) -> None:
    names = [name for name, _ in _counters(account)]
    _update_failures(lambda stored, now: [stored.pop(name, None) for name in names])


def seconds_locked(name: str | None = None) -> int:
    """Seconds to wait before the next password attempt (0: may try now): this session's pause after
    MAX_FAILURES, or the account's or this client address's after too many failures in any session."""
    import streamlit as st

    failures = st.session_state.get(FAILURES_KEY) or {"count": 0, "last": 0.0}
    session_wait = 0
    if failures["count"] >= MAX_FAILURES:
        session_wait = max(0, int(failures["last"] + LOCKOUT_SECONDS - time.time() + 0.999))
    try:
        return max(session_wait, _persisted_wait(name))
    except OSError:   # the failure file cannot be read or written: the session's own pause still holds
        return session_wait


def sign_in(password: str, name: str = "") -> bool:
    """Check a name and password (an empty name: the legacy password); on success open a session for this
    browser and return True. Failures count per account and per client address, across sessions."""
    import streamlit as st

    if seconds_locked(name):
        return False
    name = (name or "").strip()
    account = accounts.authenticate(name, password) if name else None
    if account is None and name.casefold() in ("", LEGACY_NAME):
        legacy = _legacy_account()
        account = legacy if legacy is not None and verify_password(password, legacy.password_hash) else None
    if account is not None:
        token = accounts.start_session(account)
        st.session_state[TOKEN_KEY] = token
        st.session_state[COOKIE_KEY] = (token, accounts.SESSION_HOURS * 3600)
        st.session_state.pop(SIGNED_OUT_KEY, None)
        st.session_state.pop(FAILURES_KEY, None)
        try:
            _persist_success(name)
        except OSError:
            pass
        return True
    failures = st.session_state.get(FAILURES_KEY) or {"count": 0, "last": 0.0}
    st.session_state[FAILURES_KEY] = {"count": failures["count"] + 1, "last": time.time()}
    try:
        _persist_failure(name)
    except OSError:
        pass
    return False


def sign_out() -> None:
    """End the session on the server and in the browser (and the identity provider's, if that is how)."""
    import streamlit as st

    token = st.session_state.pop(TOKEN_KEY, None) or _cookie_token()
    st.session_state[SIGNED_OUT_KEY] = True
    if token:
        accounts.end_session(token)
        st.session_state[COOKIE_KEY] = ("", 0)
    elif _oidc_account() is not None:
        try:
            st.logout()
        except Exception:
            pass


def login_with_provider() -> str | None:
    """Start `st.login()` (only offered when an `[auth]` section is configured); the problem, if any."""
    import streamlit as st

    try:
        st.login()
    except Exception as exc:  # a misconfigured [auth] section: say so, never a traceback
        return str(exc)[:300] or type(exc).__name__
    return None
