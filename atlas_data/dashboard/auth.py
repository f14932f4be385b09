"""Who may change the data: a data manager's sign-in for the Data page.

Viewing needs nothing beyond access to the app. Uploading, re-ingesting and settings need a data
manager, who signs in with either

- a password whose hash is configured as ``ATLAS_ADMIN_PASSWORD_HASH`` (environment) or as
  ``admin_password_hash`` under ``[atlas]`` in ``.streamlit/secrets.toml``. The hash line is
  ``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>``, made by ``scripts/hash_password.py``; or
- Streamlit's ``st.login()`` when ``.streamlit/secrets.toml`` has an ``[auth]`` section (an OpenID
  Connect identity provider). ``[atlas] data_managers = ["ana@example.org", …]`` limits it to those
  e-mails; without that list, anyone the provider signs in is a data manager.

The pure functions (``hash_password``, ``verify_password``, ``parse_hash``) do not need Streamlit;
the others read ``st.session_state`` / ``st.secrets`` / ``st.user`` and never raise when those are
absent or not configured.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

from atlas_data.accounts import MalformedHash, fingerprint, parse_hash, verify_password

ENV_VAR = "ATLAS_ADMIN_PASSWORD_HASH"
SECRETS_SECTION = "atlas"
SECRETS_KEY = "admin_password_hash"
SESSION_KEY = "atlas_data_manager"    # st.session_state: {"who": ..., "method": ..., "config": ...}
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


def oidc_configured() -> bool:
    """True when `.streamlit/secrets.toml` has an `[auth]` section, so `st.login()` can be offered."""
    return bool(_secrets_section("auth"))


def allowed_emails() -> tuple[str, ...]:
    section = _secrets_section(SECRETS_SECTION) or {}
    listed = section.get("data_managers") or ()
    if isinstance(listed, str):
        listed = (listed,)
    return tuple(str(e).strip().lower() for e in listed if str(e).strip())


# ------------------------------------------------------------------ session state (Streamlit)

def _oidc_user() -> str | None:
    """The e-mail (or name) of a user signed in through the identity provider who may manage data."""
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
    allowed = allowed_emails()
    if allowed and who.lower() not in allowed:
        return None
    return who or "signed-in user"


def signed_in_oidc_but_not_allowed() -> bool:
    """Signed in through the identity provider, but not on the `data_managers` list."""
    if not oidc_configured() or not allowed_emails():
        return False
    try:
        import streamlit as st

        return bool(st.user.get("is_logged_in", False)) and _oidc_user() is None
    except Exception:
        return False


def current_manager() -> str | None:
    """Who is signed in as a data manager in this session, or None (read-only)."""
    import streamlit as st

    state = st.session_state.get(SESSION_KEY)
    if isinstance(state, dict) and state.get("method") == "password":
        encoded = configured_hash()
        if encoded and hmac.compare_digest(state.get("config", ""), fingerprint(encoded)):
            return state.get("who") or "data manager"
        st.session_state.pop(SESSION_KEY, None)  # the password changed or was removed
    return _oidc_user()


def is_data_manager() -> bool:
    return current_manager() is not None


def lockout_path() -> Path:
    from atlas_data.reading.privacy import secret_path

    return Path(os.environ.get(LOCKOUT_FILE_ENV) or secret_path().parent / "sign_in_failures.json")


def _client_address() -> str | None:
    import streamlit as st

    try:
        return st.context.ip_address or None
    except Exception:  # no browser behind this run (AppTest, bare mode)
        return None


def _counters() -> list[tuple[str, int]]:
    """The persisted counters a password attempt of this session counts in, with their limits."""
    client = _client_address()
    return [("account:password", ACCOUNT_MAX_FAILURES)] + ([(f"client:{client}", CLIENT_MAX_FAILURES)] if client
                                                           else [])


def _update_failures(change) -> dict:
    """Read, change (a function of the dict and now) and write the failure file under an exclusive lock."""
    import fcntl

    path = lockout_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            stored = stored if isinstance(stored, dict) else {}
        except (OSError, ValueError):
            stored = {}
        now = time.time()
        stored = {k: v for k, v in stored.items() if isinstance(v, dict)
                  and now - float(v.get("last", 0)) < PERSISTED_LOCKOUT_SECONDS}   # old failures are forgotten
        if change is not None:
            change(stored, now)
            tmp = path.with_name(path.name + ".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(stored, fh)
            os.replace(tmp, path)
        return stored


def _persisted_wait() -> int:
    stored, now = _update_failures(None), time.time()
    wait = 0.0
    for name, limit in _counters():
        entry = stored.get(name)
        if entry and int(entry.get("count", 0)) >= limit:
            wait = max(wait, float(entry["last"]) + PERSISTED_LOCKOUT_SECONDS - now)
    return max(0, int(wait + 0.999))


def _persist_failure() -> None:
    names = [name for name, _ in _counters()]

    def add(stored, now):
        for name in names:
            entry = stored.get(name) or {"count": 0}
            stored[name] = {"count": int(entry.get("count", 0)) + 1, "last": now}
    _update_failures(add)


def _persist_success() -> None:
    names = [name for name, _ in _counters()]
    _update_failures(lambda stored, now: [stored.pop(name, None) for name in names])


def seconds_locked() -> int:
    """Seconds to wait before the next password attempt (0: may try now): this session's pause after
    MAX_FAILURES, or the account's or this client address's after too many failures in any session."""
    import streamlit as st

    failures = st.session_state.get(FAILURES_KEY) or {"count": 0, "last": 0.0}
    session_wait = 0
    if failures["count"] >= MAX_FAILURES:
        session_wait = max(0, int(failures["last"] + LOCKOUT_SECONDS - time.time() + 0.999))
    try:
        return max(session_wait, _persisted_wait())
    except OSError:   # the failure file cannot be read or written: the session's own pause still holds
        return session_wait


def sign_in(password: str) -> bool:
    """Check the password against the configured hash; on success this session is a data manager."""
    import streamlit as st

    if seconds_locked():
        return False
    encoded = configured_hash()
    if encoded and verify_password(password, encoded):
        st.session_state[SESSION_KEY] = {"who": "data manager", "method": "password", "config": fingerprint(encoded)}
        st.session_state.pop(FAILURES_KEY, None)
        try:
            _persist_success()
        except OSError:
            pass
        return True
    failures = st.session_state.get(FAILURES_KEY) or {"count": 0, "last": 0.0}
    st.session_state[FAILURES_KEY] = {"count": failures["count"] + 1, "last": time.time()}
    try:
        _persist_failure()
    except OSError:
        pass
    return False


def sign_out() -> None:
    """End the data-manager session (and the identity provider's, when that is how they signed in)."""
    import streamlit as st

    was_password = isinstance(st.session_state.get(SESSION_KEY), dict)
    st.session_state.pop(SESSION_KEY, None)
    if not was_password and _oidc_user() is not None:
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
