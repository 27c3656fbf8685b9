"""Sign-in with streamlit-authenticator; the role always comes from the accounts file."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
import streamlit_authenticator as stauth

from casson import accounts, config


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str


def _config() -> dict:
    return accounts.load(config.accounts_path())


def authenticator() -> stauth.Authenticate:
    cfg = _config()
    # A dict, not the file path: with a path the library rewrites the file on every login.
    return stauth.Authenticate(
        cfg["credentials"],
        cfg["cookie"]["name"],
        cfg["cookie"]["key"],
        cfg["cookie"]["expiry_days"],
        auto_hash=False,
        login_sleep_time=0,
    )


def current_user() -> User | None:
    """The signed-in user, checked against the accounts file on every run.

    An account removed or re-roled in the file takes effect on the user's next click.
    """
    if not st.session_state.get("authentication_status"):
        return None
    username = st.session_state.get("username")
    cfg = _config()
    role = accounts.role_of(cfg, username)
    if role is None:
        return None
    name = cfg["credentials"]["usernames"][username].get("name") or username
    return User(username=username, name=name, role=role)


def sign_in_form(auth: stauth.Authenticate) -> None:
    """The sign-in page: the only page an anonymous visitor can reach."""
    st.title("Casson Dashboard")
    st.caption("Elizabeth Casson Trust · mentoring and leadership programmes")
    auth.login(
        location="main",
        fields={"Form name": "Sign in", "Username": "Username", "Password": "Password",
                "Login": "Sign in"},
        key="sign-in",
    )
    status = st.session_state.get("authentication_status")
    if status:
        st.rerun()
    elif status is False:
        st.error("The username or password is not right. Please try again.")


def sign_out(auth: stauth.Authenticate) -> None:
    auth.logout(location="unrendered")
    for key in list(st.session_state.keys()):
        if key not in ("logout",):
            del st.session_state[key]
    st.session_state["authentication_status"] = None
