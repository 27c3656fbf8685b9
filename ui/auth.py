"""Sign-in form, server-side sessions and the session cookie: Streamlit glue over
casson.platform.signin.

The password check, lockout and sessions are ours (casson.platform.signin);
streamlit-authenticator's
own login is not used because its lockout counts only after a correct password and never
expires, and its cookie cannot be revoked. The session state keeps the names the rest of the
app (and tests) read: authentication_status, username, name, roles. The browser cookie holds
only the random session token; a revoked or expired token signs nobody in.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.util import calc_hash

from casson.platform import accounts, audit, config, settings, signin
from ui import data, safe, sso

SESSION = "casson_session"   # session_state key and cookie name: the session token

# Injectable for tests (AppTest runs the script in this process).
_clock = time.time
_sleep = time.sleep

_stores: dict[str, signin.AuthStore] = {}


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str
    must_change: bool = False   # a temporary password: no page opens until it is replaced


_loaded: dict[str, tuple[int | None, dict]] = {}


def _config() -> dict:
    """The accounts file, parsed again only when it changes (it is read on every click)."""
    path = config.accounts_path()
    try:
        stamp: int | None = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    hit = _loaded.get(str(path))
    if hit is None or hit[0] != stamp or stamp is None:
        hit = (stamp, accounts.load(path))
        _loaded[str(path)] = hit
    return hit[1]


def store() -> signin.AuthStore:
    path = str(config.auth_state_path())
    if path not in _stores:
        _stores[path] = signin.AuthStore(path)
    return _stores[path]


@st.cache_data(ttl=30, show_spinner=False)
def _policy(db_key: str) -> signin.Policy:
    with data.cursor() as cur:
        return signin.Policy.from_settings(lambda key: settings.get(cur, key))


def policy() -> signin.Policy:
    return _policy(data.db_file())


_PATH = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ASKED = "signed_out_path"


def signed_out_path(taken: set[str]) -> str | None:
    """The URL path a signed-out visitor asked for (a deep link, or any other path), to hold
    the sign-in form there; None for "/" or a path already registered. Remembered for the
    form's own reruns, whose messages name the page by its hash alone."""
    ctx = get_script_run_ctx()
    name = ctx.pages_manager.intended_page_name if ctx else None
    wanted = ctx.pages_manager.intended_page_script_hash if ctx else None
    remembered = st.session_state.get(_ASKED)
    if name and _PATH.fullmatch(name):
        path: str | None = name
    elif not name and wanted and remembered and calc_hash(remembered) == wanted:
        path = remembered
    else:
        path = None
    if path in taken:
        return None
    st.session_state[_ASKED] = path
    return path


def client_address() -> str:
    """The browser's address: Streamlit's view of the connection, or, from the reverse proxy
    named in CASSON_TRUSTED_PROXY, the address it passes on (casson.platform.signin)."""
    try:
        peer = st.context.ip_address  # None for loopback (a proxy on this machine)
        forwarded = st.context.headers.get("X-Forwarded-For")
    except Exception:  # noqa: BLE001 - no request context (bare mode)
        peer, forwarded = None, None
    return signin.client_address(peer if isinstance(peer, str) and peer else None,
                                 forwarded, os.environ.get("CASSON_TRUSTED_PROXY"))


def _audit(actor: str, action: str, detail: dict | None = None) -> None:
    with data.cursor() as cur:
        audit.login(cur, actor, action, detail)


def current_user() -> User | None:
    """The signed-in user: a live server-side session, and an account that still has a role.

    Checked on every run, so sign-out elsewhere, a timeout or an account removal takes effect
    on the user's next click.
    """
    if not st.session_state.get("authentication_status"):
        return None
    username = st.session_state.get("username")
    check = store().check(st.session_state.get(SESSION), _clock(), policy())
    if check.username is None or check.username != username:
        st.session_state["session_end"] = check.reason
        return None
    cfg = _config()
    role = accounts.role_of(cfg, username)
    if role is None:
        store().end_user(username, _clock(), "account removed")
        st.session_state["session_end"] = "account removed"
        return None
    name = cfg["credentials"]["usernames"][username].get("name") or username
    return User(username=username, name=name, role=role,
                must_change=accounts.must_change(cfg, username))


def role_of_state(state: Any) -> str | None:
    """The role of the account whose live session a Streamlit session state holds (None when
    signed out): read outside a script run, by the websocket cache-clear check."""
    try:
        username, token = state["username"], state[SESSION]
        signed_in = state["authentication_status"]
    except (KeyError, TypeError):
        return None
    if not signed_in or not isinstance(token, str):
        return None
    if store().check(token, _clock(), policy()).username != username:
        return None
    return accounts.role_of(_config(), username)


def _start(username: str, token: str) -> None:
    cfg = _config()
    st.session_state["authentication_status"] = True
    st.session_state["username"] = username
    st.session_state["name"] = cfg["credentials"]["usernames"][username].get("name") or username
    st.session_state["roles"] = [accounts.role_of(cfg, username)]
    st.session_state[SESSION] = token


def finish_sso() -> bool:
    """Back from Microsoft or Google: start our session for the account with that email.

    An unknown email is refused (and audited) with a message on the sign-in page."""
    if st.session_state.get("authentication_status") or not sso.providers():
        return False
    who = sso.new_identity(lambda key: store().claim_identity(key, time.time()))
    if who is None:
        return False
    users = _config()["credentials"]["usernames"]
    provider = str(who.get("provider") or "")
    outcome, username = signin.sso_sign_in(store(), users, who, sso.rules(provider),
                                           client_address(), _clock())
    detail = {"provider": provider}
    _audit(username or "unknown", outcome.event, detail)
    if username is None:
        st.session_state["signin_refusal"] = outcome.message
        return False
    _start(username, outcome.token or "")
    st.session_state["set_cookie"] = True
    return True


def _cookie_token() -> str | None:
    try:
        return st.context.cookies.get(SESSION)
    except Exception:  # noqa: BLE001 - no request context
        return None


def resume_from_cookie() -> bool:
    """A new browser tab or reload: sign in again from the cookie if its session is live."""
    token = _cookie_token()
    if not isinstance(token, str) or not token:
        return False
    check = store().check(token, _clock(), policy())
    if check.username is None or accounts.role_of(_config(), check.username) is None:
        # a reload after a timeout: say why, as the open tab would have
        reason = check.reason if check.reason in ("idle", "absolute") else \
            store().ended_reason(token)
        if reason in ("idle", "absolute"):
            if check.reason == reason and (who := store().session_user(token)):
                _audit(who, "session_timeout", {"kind": reason})
            st.session_state["signin_notice"] = _timeout_notice(reason)
        return False
    _start(check.username, token)
    return True


def _timeout_notice(reason: str) -> str:
    pol = policy()
    if reason == "idle":
        return (f"You were signed out after {round(pol.idle_s / 60)} minutes without activity, "
                "to protect the data on this screen. Please sign in again.")
    return f"Sessions last at most {round(pol.absolute_s / 3600)} hours. Please sign in again."


def attempt(username: str, password: str) -> signin.Outcome:
    """One press of "Sign in": slow a noisy address, check, audit, start the session."""
    address = client_address()
    pol, st_ = policy(), store()
    delay = signin.address_delay(st_, username, address, _clock(), pol)
    if delay:
        _sleep(delay)
    users = _config()["credentials"]["usernames"]
    outcome = signin.sign_in(st_, users, username, password, address, _clock(), pol)
    key = signin.normalise(username)
    # Unknown names are not written down: people type passwords into the username box.
    actor = key if key in users else "unknown"
    detail = {"address": address} if address else None
    _audit(actor, outcome.event, detail)
    if outcome.ok:
        _start(key, outcome.token or "")
        st.session_state["set_cookie"] = True
    return outcome


def _cookie(method: str) -> None:
    """Set or delete the session cookie in the browser (a zero-height component)."""
    from extra_streamlit_components.CookieManager import _component_func

    if method == "set":
        expires = datetime.now(UTC) + timedelta(seconds=policy().absolute_s)
        # milliseconds and Z: a form every browser's Date() parses (microseconds are not)
        when = expires.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        options: dict[str, str | bool] = {"path": "/", "expires": when, "sameSite": "strict"}
        try:
            if str(st.context.url or "").startswith("https:"):
                options["secure"] = True  # behind TLS the token never travels in clear
        except Exception:  # noqa: BLE001 - no request context
            pass
        _component_func(method="set", cookie=SESSION, value=st.session_state[SESSION],
                        options=options, key="cookie-set", default=False)
    else:
        _component_func(method="delete", cookie=SESSION, key="cookie-delete", default=False)
    st.markdown("<style>.element-container:has(iframe[height='0']) {display: none;}</style>",
                unsafe_allow_html=True)


def remember_in_browser() -> None:
    """After sign-in: store the token in the browser, for reloads and new tabs. Drawn on every
    run until the component reports the cookie written: a rerun or page switch before its
    frame loaded would otherwise lose it, and the next reload would show the sign-in form."""
    if not st.session_state.get("set_cookie"):
        return
    if st.session_state.get("cookie-set") is True:  # the component's value once it has set it
        del st.session_state["set_cookie"]
        return
    _cookie("set")


def cookie_pending() -> bool:
    """Signed in, with the browser's cookie not yet reported written (remember_in_browser)."""
    return bool(st.session_state.get("set_cookie"))


def sign_in_form() -> None:
    """The sign-in page: the only page an anonymous visitor can reach."""
    st.title("Casson Dashboard")
    st.caption("Elizabeth Casson Trust · mentoring and leadership programmes")
    if st.session_state.pop("delete_cookie", False):
        _cookie("delete")
    notice = st.session_state.pop("signin_notice", None)
    if notice:
        st.info(notice)
    refusal = st.session_state.pop("signin_refusal", None)
    if refusal:
        st.error(safe.text(refusal))  # it may quote the provider's email claim
    sso.buttons()
    with st.form("sign-in", clear_on_submit=True):
        st.subheader("Sign in")
        username = st.text_input("Username", key="signin_username", autocomplete="username")
        password = st.text_input("Password", type="password", key="signin_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        outcome = attempt(username, password)
        if outcome.ok:
            st.rerun()
        st.error(safe.text(outcome.message))


def sign_out(reason: str = "logout") -> None:
    """End the session: on sign-out every session of the user; say why when it timed out."""
    username = st.session_state.get("username")
    token = st.session_state.get(SESSION)
    now = _clock()
    notice = None
    if reason == "logout" and username:
        store().end_user(username, now, "logout")
        _audit(username, "logout")
        sso.sign_out()
    elif reason in ("idle", "absolute"):
        who = store().session_user(token) or username
        if who:
            _audit(who, "session_timeout", {"kind": reason})
        notice = _timeout_notice(reason)
    else:
        if token:
            store().end(token, now, reason)
        if reason == "ended":
            notice = "You were signed out in another window. Please sign in again."
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state["authentication_status"] = None
    st.session_state["delete_cookie"] = True
    if notice:
        st.session_state["signin_notice"] = notice
