"""The Data page's governance panels: sign-in with a named account, roll back to a kept version, withdraw an
uploaded file, and the archive of withdrawn files.

Each action is offered by the account's role and countries (``atlas_data.accounts``) and recorded in the audit
trail with the reason the user types. Every value from data is shown as text.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas_data import audit, settings
from atlas_data.accounts import Account
from atlas_data.dashboard import auth, ui
from atlas_data.dashboard.datapage import show_table, table_label
from atlas_data.i18n import fmt_int
from atlas_data.reading.messages import render
from atlas_data.store import changes, versions, withdraw

ROLE_LABELS = {"admin": "Admin", "country_manager": "Country data manager"}


def _countries(account: Account) -> str:
    return ", ".join(ui.tr(c) for c in account.countries) if account.countries else ui.tr("every country")


# ------------------------------------------------------------------ sign-in

def sign_in_panel() -> Account | None:
    """Who is signed in (None: read-only), with the sign-in or sign-out controls."""
    auth.sync_cookie()
    account = auth.current_account()
    with st.container(border=True):
        if account is not None:
            left, right = st.columns([4, 1])
            left.success(ui.tr("Signed in as {name} ({role}, {countries}).", name=ui.as_text(account.name),
                               role=ui.tr(ROLE_LABELS[account.role]), countries=_countries(account)))
            if right.button(ui.tr("Sign out"), key="dm_sign_out"):
                auth.sign_out()
                st.rerun()
            return account
        st.info(ui.tr("You are viewing the data read-only. Uploading exports, re-ingesting and settings need a "
                      "data manager's sign-in."))
        if auth.signed_in_oidc_but_not_allowed():
            st.warning(ui.tr("Your account is signed in but is not on the list of data managers."))
        if auth.oidc_configured():
            if st.button(ui.tr("Sign in with your organization's account"), key="dm_login_oidc"):
                problem = auth.login_with_provider()
                if problem:
                    st.error(ui.tr("The sign-in with the identity provider is not set up correctly:"))
                    st.text(problem)
        problem = auth.hash_problem()
        if auth.password_sign_in_available():
            with st.form("dm_sign_in", clear_on_submit=True, border=False):
                name = ""                                      # only the legacy password until accounts exist
                if auth.named_accounts():
                    name = st.text_input(ui.tr("Account name"), key="dm_name",
                                         help=ui.tr("Leave it empty to use the data-manager password."))
                password = st.text_input(ui.tr("Data manager password"), type="password", key="dm_password")
                submitted = st.form_submit_button(ui.tr("Sign in"))
            if submitted:
                wait = auth.seconds_locked(name)
                if wait:
                    st.error(ui.tr("Too many wrong passwords; wait {seconds} seconds and try again.",
                                   seconds=fmt_int(wait, ui.lang())))
                elif auth.sign_in(password, name):
                    st.rerun()
                else:
                    st.error(ui.tr("Wrong password; nothing was changed. Try again."))
        elif not auth.oidc_configured():
            if problem:
                st.error(ui.tr("The configured password hash cannot be used:"))
                st.text(problem)
            st.markdown(ui.tr(
                "No data-manager password is set up yet. To set one, run "
                "`.venv/bin/python scripts/hash_password.py`, then put the line it prints in "
                "`.streamlit/secrets.toml`:\n\n```toml\n[atlas]\nadmin_password_hash = \"pbkdf2_sha256$…\"\n```\n\n"
                "or export it as `ATLAS_ADMIN_PASSWORD_HASH` before starting the dashboard, and reload this page."))
    return None


def refused_countries(account: Account, countries) -> str | None:
    """The message refusing an action on other countries' rows, or None when the account may do it."""
    foreign = [c for c in countries if not account.may_change(c or None)]
    if not foreign:
        return None
    named = ", ".join(ui.tr(c) if c else ui.tr("rows without a country") for c in foreign)
    return ui.tr("Refused: this changes data of {countries}, and your account manages {mine}.",
                 countries=named, mine=_countries(account))


# ------------------------------------------------------------------ versions and rollback

@st.cache_data(show_spinner=False, max_entries=32)
def _differences(parquet_dir: str, store_key: str, target: str) -> pd.DataFrame:
    """`changes.compare` once per store version and target: it reads every row of both versions, and a
    version never changes, so a click elsewhere on the page does not read them again."""
    return changes.compare(parquet_dir, target)


@st.cache_data(show_spinner=False, max_entries=64)
def _countries_of_file(parquet_dir: str, store_key: str, rel: str) -> list[str]:
    return changes.countries_of_file(parquet_dir, rel)


def _reason_form(form: str, key: str, button: str) -> tuple[str, bool]:
    """The reason box and the button of an audited action: (the reason typed, whether it was pressed)."""
    with st.form(form, border=False):
        reason = st.text_input(ui.tr("Reason (kept in the audit trail)"), max_chars=audit.MAX_REASON, key=key)
        return reason, st.form_submit_button(button, type="primary")


def rollback_panel(account: Account) -> None:
    """The kept store versions, what going back to one would change, and the rollback itself."""
    st.subheader(ui.tr("Versions and rollback"))
    kept = versions.list_versions(ui.PARQUET_DIR)
    if len(kept) < 2:
        st.info(ui.tr("Only one version of the data is kept so far; there is nothing to roll back to."))
        return
    table = pd.DataFrame(kept[::-1]).assign(
        current=lambda d: d["current"].map({True: ui.tr("Yes"), False: ""}),
        files=lambda d: d["files"].map(lambda n: fmt_int(n, ui.lang())),
        rolled_back_from=lambda d: d["rolled_back_from"].fillna(""))
    show_table(table, {"version": "Version", "created": "Created (UTC)", "files": "Files", "current": "Current",
                       "rolled_back_from": "Copy of"}, key="versions_table")
    older = [v["version"] for v in kept[::-1] if not v["current"]]
    target = st.selectbox(ui.tr("Roll back to"), older, key="rollback_version")
    differ = _differences(str(ui.PARQUET_DIR), ui.version(), target)
    if differ.empty:
        st.info(ui.tr("That version holds the same data as the current one."))
        return
    shown = differ.assign(country=differ["country"].map(lambda c: ui.tr(c) if c else "—"))
    for column in ("rows_now", "rows_then", "change"):
        shown[column] = shown[column].map(lambda n: fmt_int(n, ui.lang()))
    show_table(shown.assign(table=shown["table"].map(table_label)),
               {"table": "Table", "country": "Country", "rows_now": "Rows now", "rows_then": "Rows then",
                "change": "Change"}, key="rollback_changes")
    refusal = refused_countries(account, changes.countries_changed(differ))
    if refusal:
        st.warning(refusal)
        return
    reason, go = _reason_form("rollback_form", "rb_reason", ui.tr("Roll back"))
    if go:
        try:
            new = versions.rollback(ui.PARQUET_DIR, target)
        except (versions.UnknownVersion, versions.StoreError) as exc:
            st.error(ui.tr("The rollback did not happen; the data shown is unchanged."))
            st.text(render(exc.code, ui.lang(), **exc.fields))
            return
        totals = differ.groupby("table")[["rows_now", "rows_then"]].sum()
        audit.record("rollback", account.name, reason=reason, changes={
            "version": [target, new], **{f"{table} rows": [int(r.rows_now), int(r.rows_then)]
                                         for table, r in totals.iterrows()}})
        st.session_state["governance_done"] = ui.tr("{new} is current: a copy of {old}.", new=new, old=target)
        st.rerun()


# ------------------------------------------------------------------ withdrawing uploads

def withdraw_panel(account: Account) -> None:
    """Withdraw an uploaded file: its rows leave every page; the file moves to the archive."""
    st.subheader(ui.tr("Withdraw an uploaded file"))
    files = withdraw.uploaded_files(ui.RAW_DIR)
    if not files:
        st.info(ui.tr("No file has been uploaded through this page."))
        return
    rel = st.selectbox(ui.tr("File"), files, key="withdraw_file", format_func=ui.as_text)
    refusal = refused_countries(account, _countries_of_file(str(ui.PARQUET_DIR), ui.version(), rel))
    if refusal:
        st.warning(refusal)
        return
    reason, go = _reason_form("withdraw_form", "wd_reason", ui.tr("Withdraw"))
    if go:
        with st.spinner(ui.tr("Ingesting…")):
            result = withdraw.withdraw(ui.RAW_DIR, ui.PARQUET_DIR, rel)
        if result.error:
            st.error(ui.tr("The file was not withdrawn; the data shown is unchanged."))
            st.text(render(result.error_code, ui.lang(), **result.error_fields) if result.error_code else result.error)
            return
        audit.record_result("file_withdrawn", account.name, result, reason=reason)
        st.session_state["governance_done"] = ui.tr("{file} was withdrawn and moved to the archive.", file=rel)
        st.rerun()


def archive_panel(account: Account) -> None:
    """Withdrawn files kept in the archive; an admin deletes them for good (all past the retention time)."""
    st.subheader(ui.tr("Archive of withdrawn files"))
    kept = withdraw.archived_files(ui.RAW_DIR)
    if not kept:
        st.info(ui.tr("The archive is empty."))
        return
    keep_days = int(settings.load()["archive_keep_days"])
    show_table(pd.DataFrame([{"archived": e["archived"].strftime("%Y-%m-%d %H:%M"), "file": e["file"]} for e in kept]),
               {"archived": "Withdrawn (UTC)", "file": "File"}, key="archive_table")
    old = withdraw.expired(ui.RAW_DIR, keep_days)
    st.caption(ui.tr("Raw files hold names: withdrawn files are deleted after {days} days (setting "
                     "\"archive_keep_days\"). {n} file(s) are older than that.", days=fmt_int(keep_days, ui.lang()),
                     n=fmt_int(len(old), ui.lang())))
    if not account.is_admin or not old:
        return
    if st.button(ui.tr("Delete the files older than {days} days", days=fmt_int(keep_days, ui.lang())),
                 key="archive_delete"):
        deleted = withdraw.delete_archived(ui.RAW_DIR, old)
        audit.record("raw_deleted", account.name, files=deleted,
                     reason=f"older than archive_keep_days={keep_days}")
        st.session_state["governance_done"] = ui.tr("{n} archived file(s) deleted.", n=fmt_int(len(deleted), ui.lang()))
        st.rerun()


def last_done() -> None:
    """The message of the last governance action, shown once after the rerun it caused."""
    done = st.session_state.pop("governance_done", None)
    if done:
        st.success(ui.as_text(done))
