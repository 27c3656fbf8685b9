"""Accounts file and sign-in store: password policy, private files, notices after a reload."""

from __future__ import annotations

import os
import stat
import time
from contextlib import closing

import pytest

from casson.platform import accounts, signin


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("password,reason", [
    ("eleven char", "at least 12"),
    ("password1234", "commonly used"),
    ("Password 2024!", "commonly used"),    # a listed word with digits and symbols added
    ("QWERTYUIOP123", "commonly used"),
    ("elizabethcasson", "commonly used"),   # the trust's own name
    ("coordinator1", "not be the username"),
    ("Coordinator2025!", "not be the username"),
    ("ü" * 37, "longer than 72 bytes"),     # 37 characters, 74 bytes
])
def test_weak_passwords_are_refused_with_the_reason(password, reason):
    assert reason in (accounts.password_problem("coordinator", password) or "")


@pytest.mark.parametrize("password", ["tea at four on the lawn", "casson-staff", "Kx9!vQ2#mL0p",
                                      "ü" * 36])
def test_good_passwords_pass(password):
    assert accounts.password_problem("coordinator", password) is None


def test_the_common_list_is_shipped_and_read_once():
    accounts.common_passwords.cache_clear()
    first = accounts.common_passwords()
    assert "qwertyuiop" in first and "password" in first and len(first) > 200
    assert accounts.common_passwords() is first
    assert accounts.common_passwords.cache_info().misses == 1


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_accounts_and_auth_state_are_private_whatever_the_umask(tmp_path, umask):
    folder = tmp_path / "fresh" / "data"
    old = os.umask(umask)
    try:
        authfile = folder / "auth.yaml"
        accounts.ensure_demo_accounts(authfile)
        store = signin.AuthStore(folder / "auth-state.sqlite")
        with closing(store._connect()) as db:  # while it is open, its WAL and -shm exist
            db.execute("INSERT INTO locks VALUES ('x', 1)")
            files = sorted(p.name for p in folder.iterdir())
            modes = {name: _mode(folder / name) for name in files}
    finally:
        os.umask(old)
    assert "auth-state.sqlite-wal" in files
    assert _mode(folder) == 0o700
    assert modes == {name: 0o600 for name in files}


def test_an_existing_open_folder_and_state_file_are_closed_to_others(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    (folder / "auth-state.sqlite").touch()
    os.chmod(folder / "auth-state.sqlite", 0o644)  # left by an older version
    signin.AuthStore(folder / "auth-state.sqlite")
    assert _mode(folder) == 0o700 and _mode(folder / "auth-state.sqlite") == 0o600


def test_a_reload_after_an_idle_timeout_says_why(app_env, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from casson.platform import config
    from tests.conftest import ROOT
    from ui import auth

    token = signin.AuthStore(config.auth_state_path()).issue("staff", time.time())
    monkeypatch.setattr(auth, "_cookie_token", lambda: token)  # the browser's session cookie
    monkeypatch.setattr(auth, "_clock", lambda: time.time() + 31 * 60)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # a new tab
    assert not at.metric
    assert any("30 minutes without activity" in i.value for i in at.info)
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # reload again
    assert any("without activity" in i.value for i in again.info)


def test_a_live_cookie_resumes_the_session(app_env, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from casson.platform import config
    from tests.conftest import ROOT
    from ui import auth

    token = signin.AuthStore(config.auth_state_path()).issue("staff", time.time())
    monkeypatch.setattr(auth, "_cookie_token", lambda: token)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert at.metric and not any("sign in" in i.value.lower() for i in at.info)


def test_the_sign_in_page_shows_only_the_sign_in(app_env):
    """Nothing stray on it (a bare expression in app.py would be written by Streamlit magic)."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    hidden = {"operable_care", "browser_warmth"}  # the keyboard care and the warming, unseen
    shown = [c for c in at.main.children.values() if getattr(c, "key", None) not in hidden]
    assert [c.type for c in shown] == ["title", "caption", "form"]
    assert not at.markdown and not at.exception
