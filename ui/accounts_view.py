"""The Accounts page (admin) and the My account page (everyone): forms over
casson.platform.accounts.

Every change loads the accounts file, changes it through casson.platform.accounts, saves it and
writes
its audit row naming the account and who acted, through ui.forms.save (refusals keep the
form's values; success empties it). Session changes go to the sign-in store
(casson.platform.signin).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import streamlit as st

from casson.platform import access, account_care, accounts, audit, config, exports
from casson.platform.vocab import ROLES
from ui import auth, data, forms, tables

ADD, ACT, MINE = "acc_add_", "acc_act_", "acc_me_"
# A reset's temporary password, kept for the one run after the save that shows it (in st.code:
# verbatim and copyable; the flash's Markdown escaping would change characters such as "_").
TEMPORARY = "_acc_temporary_password"


def _when(ts: float | None) -> str:
    if not ts:
        return "never"
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M UTC")


# -- admin --------------------------------------------------------------------------------

def accounts_page(user: auth.User) -> None:
    forms.show_flash()
    temporary = st.session_state.pop(TEMPORARY, None)
    if temporary:
        st.code(temporary, language=None)  # shown once, as is: never Markdown
    cfg = accounts.load(config.accounts_path())
    users = cfg["credentials"]["usernames"]
    store, now = auth.store(), auth._clock()
    last = store.last_sign_ins()
    live = store.sessions(now, auth.policy())
    rows = [{
        "username": u,
        "name": v.get("name"),
        "email": v.get("email"),
        "role": accounts.role_of(cfg, u),
        "password sign-in": "on" if accounts.password_signin_allowed(v) else "off (SSO only)",
        "must change password": bool(v.get("must_change")),
        "locked": store.locked_until(u, now) is not None,
        "last sign-in": _when(last.get(u)),
        "live sessions": sum(1 for s in live if s["username"] == u),
    } for u, v in sorted(users.items())]
    tables.show(pd.DataFrame(rows), key="accounts_table")
    _add_form(user)
    _account_actions(user, sorted(users), cfg)
    _sessions(user, live)
    _audit_trail()


def _add_form(user: auth.User) -> None:
    with st.form("add-account"):
        st.subheader("Add an account")
        c1, c2, c3 = st.columns(3)
        username = c1.text_input("Username", key=ADD + "username").strip()
        name = c2.text_input("Display name", key=ADD + "name").strip()
        role = c3.selectbox("Role", ["staff", "trustee", "reviewer", "admin"], key=ADD + "role")
        email = st.text_input("Email (single sign-on finds the account by it)",
                              key=ADD + "email").strip()
        password = st.text_input(
            f"Temporary password (at least {accounts.MIN_PASSWORD} characters; "
            "they choose their own at first sign-in)", type="password", key=ADD + "password")
        submitted = st.form_submit_button("Add account")
    if submitted:
        forms.save(account_care.add, user.username, username, name, role, password, email,
                   must_change=True, form=ADD,
                   message=f"Account {username} created with role {role}; they must choose "
                           "a new password at their first sign-in.")


def _account_actions(user: auth.User, usernames: list[str], cfg: dict[str, Any]) -> None:
    st.subheader("Change an account")
    target = st.selectbox("Account", usernames, key=ACT + "target")
    if not target:
        return
    current = accounts.role_of(cfg, target)
    c1, c2 = st.columns(2)
    with c1.form("role-form"):
        role = st.selectbox("Role", ROLES, index=ROLES.index(current) if current in ROLES else 0,
                            key=ACT + "role")
        if st.form_submit_button("Change role"):
            forms.save(account_care.set_role, user.username, target, role,
                       message=f"{target} is now {role}.")
    with c2.form("reset-form"):
        st.caption("A temporary password is shown once; they must replace it at sign-in. "
                   "Their sessions end.")
        if st.form_submit_button("Reset password"):
            def keep_shown(temporary: str) -> str:
                st.session_state[TEMPORARY] = temporary
                return (f"Temporary password for {target}, below — shown once; give it to them "
                        "in person or by phone.")
            forms.save(account_care.reset_password, user.username, target, message=keep_shown)
    c3, c4, c5 = st.columns(3)
    if c3.button("Unlock sign-in", key=ACT + "unlock"):
        forms.save(account_care.unlock, user.username, target,
                   message=f"{target} can sign in again; their failed attempts are forgotten.")
    allowed = accounts.password_signin_allowed(cfg["credentials"]["usernames"][target])
    if c4.button("Turn password sign-in off (SSO only)" if allowed else
                 "Turn password sign-in on", key=ACT + "pwsignin"):
        forms.save(account_care.set_password_signin, user.username, target, not allowed,
                   message=f"Password sign-in for {target} is {'off' if allowed else 'on'}."
                   + (" Use Reset password to give them one." if not allowed else ""))
    confirm = c5.checkbox(f"Yes, remove {target}", key=ACT + "confirm")
    if c5.button("Remove account", key=ACT + "remove", disabled=not confirm):
        forms.save(account_care.remove, user.username, target, form=ACT,
                   message=f"Removed account {target}; its sessions ended.")


def _sessions(user: auth.User, live: list[dict[str, Any]]) -> None:
    st.subheader("Live sessions")
    if not live:
        st.info("No one is signed in.")
        return
    table = pd.DataFrame([{"session": s["id"][:12], "username": s["username"],
                           "signed in": _when(s["created"]), "last active": _when(s["last_seen"])}
                          for s in live])
    tables.show(table, key="accounts_sessions")
    labels = {s["id"]: f"{s['username']} · {s['id'][:12]} · since {_when(s['created'])}"
              for s in live}
    chosen = st.selectbox("Session", list(labels), format_func=lambda k: labels[k],
                          key=ACT + "session")
    if st.button("End session", key=ACT + "end") and chosen:
        forms.save(account_care.end_session, user.username, chosen,
                   message="Session ended: that browser is signed out at its next click.")


def _audit_trail() -> None:
    st.subheader("Audit trail")
    with data.cursor() as cur:
        actions = audit.actions(cur)
    c1, c2, c3 = st.columns(3)
    action = c1.selectbox("Action", ["(all)", *actions], key="audit_action")
    who = c2.text_input("User (who acted, or the account acted on)", key="audit_user").strip()
    days = c3.date_input("Dates", value=[], key="audit_dates", format="DD/MM/YYYY")
    since = until = None
    if isinstance(days, (tuple, list)) and days:
        since, until = days[0], days[-1]
    elif isinstance(days, date):
        since = until = days
    with data.cursor() as cur:
        rows = audit.search(cur, None if action == "(all)" else action, who or None,
                            str(since) if since else None, str(until) if until else None)
    st.caption(f"{len(rows)} entries (newest 500 at most)")
    # the record as a person reads it; its id stays in the CSV
    shown = rows.drop(columns="entity_id").assign(
        detail=rows["detail"].map(tables.readable_detail))
    tables.show(shown, key="accounts_audit")
    st.download_button("Download as CSV", exports.csv_bytes(rows),  # formula-safe
                       file_name="audit.csv", mime="text/csv", key="audit_csv")


# -- everyone -----------------------------------------------------------------------------

def my_account(user: auth.User) -> None:
    """Own display name, email and password (the current password is required)."""
    forms.show_flash()
    cfg = accounts.load(config.accounts_path())
    me = cfg["credentials"]["usernames"].get(user.username, {})
    st.write(f"Signed in as **{user.username}** · {user.role} · pages: "
             + ", ".join(p.title for p in access.pages_for(user.role)))
    if accounts.password_signin_allowed(me):
        password_form(user)
    else:
        st.info("You sign in with your organisation's Microsoft or Google account; this "
                "dashboard keeps no password for you.")
    with st.form("my-details"):
        st.subheader("My details")
        name = st.text_input("Display name", value=me.get("name", ""), key=MINE + "name")
        email = st.text_input("Email", value=me.get("email", ""), key=MINE + "email")
        if st.form_submit_button("Save details"):
            forms.save(account_care.set_details, user.username, user.username, name, email,
                       form=MINE,
                       message="Your details are saved.")


def password_form(user: auth.User, forced: bool = False) -> None:
    """Change one's own password; every other session of the account ends."""
    with st.form("my-password"):
        st.subheader("Choose a new password" if forced else "Change my password")
        current = st.text_input("Temporary password" if forced else "Current password",
                                type="password", key=MINE + "current",
                                autocomplete="current-password")
        new = st.text_input(f"New password (at least {accounts.MIN_PASSWORD} characters, not "
                            "a common one; a few words make a good one)", type="password",
                            key=MINE + "new", autocomplete="new-password")
        again = st.text_input("New password again", type="password", key=MINE + "again",
                              autocomplete="new-password")
        submitted = st.form_submit_button("Change password", type="primary")
    if submitted:
        if new != again:
            st.error("The two new passwords differ.")
            return

        forms.save(account_care.change_own_password, user.username, current, new, forced=forced,
                   keep_session=st.session_state.get(auth.SESSION), form=MINE,
                   message="Your password is changed; your other sessions have ended.")


def gate_view(user: auth.User) -> Callable[[], None] | None:
    """The only view a user with a temporary password may open, or None when there is none.

    app.py runs it in place of the navigation, at every page URL, so no page (and no deep link)
    opens before the password is changed; ui.guard refuses too, for a page run any other way.
    """
    if not user.must_change:
        return None

    def choose_password() -> None:
        auth.remember_in_browser()  # a reload comes back here, not to the sign-in form
        st.title("Choose your own password")
        st.info("Your account has a temporary password. Choose your own before anything "
                "else opens.")
        password_form(user, forced=True)
        if st.button("Sign out", key="sign-out-gate"):
            st.session_state["sign_out_requested"] = True
            st.rerun()
    return choose_password
