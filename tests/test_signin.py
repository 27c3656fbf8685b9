"""Sign-in hardening: lockout, equal treatment of unknown users, server-side sessions, timeouts."""

from __future__ import annotations

import pytest
import yaml

from casson.platform import accounts, signin
from tests.conftest import DEMO_PASSWORDS, signed_in_app

POLICY = signin.Policy(max_failures=5, window_s=900, lock_s=900, address_slow_after=10,
                       idle_s=1800, absolute_s=43200)


class Counting:
    """A bcrypt check that counts its calls (and really runs bcrypt)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, password: str, hashed: str) -> bool:
        self.calls += 1
        return accounts.check_password(password, hashed)


@pytest.fixture
def users(accounts_file):
    return accounts.load(accounts_file)["credentials"]["usernames"]


@pytest.fixture
def store(tmp_path):
    return signin.AuthStore(tmp_path / "state.sqlite")


def test_unknown_user_and_wrong_password_get_the_same_answer_and_one_bcrypt_check(store, users):
    wrong, unknown = Counting(), Counting()
    a = signin.sign_in(store, users, "staff", "not-it", None, 1000.0, POLICY, check=wrong)
    b = signin.sign_in(store, users, "nobody", "not-it", None, 1000.0, POLICY, check=unknown)
    assert (a.ok, a.message) == (b.ok, b.message) == (False, signin.WRONG)
    assert wrong.calls == unknown.calls == 1
    assert a.token is None and b.token is None


def test_account_locks_after_five_failures_and_refuses_even_the_right_password(store, users):
    for i in range(4):
        assert signin.sign_in(store, users, "staff", "bad", None, 1000.0 + i, POLICY,
                              check=lambda p, h: False).event == "login_failed"
    fifth = signin.sign_in(store, users, "staff", "bad", None, 1005.0, POLICY, check=lambda p,
                           h: False)
    assert fifth.event == "login_lockout" and "15 minutes" in fifth.message
    check = Counting()
    right = signin.sign_in(store, users, "staff", DEMO_PASSWORDS["staff"], None, 1010.0, POLICY,
                           check=check)
    wrong = signin.sign_in(store, users, "staff", "bad", None, 1011.0, POLICY, check=check)
    assert not right.ok and right.token is None
    assert right.message == wrong.message  # the guesser cannot tell the right password
    assert check.calls == 2  # bcrypt still runs while locked: same timing
    assert store.live_sessions("staff") == 0


def test_lock_expires_after_the_lock_time(store, users):
    for i in range(5):
        signin.sign_in(store, users, "staff", "bad", None, 1000.0 + i, POLICY, check=lambda p,
                       h: False)
    later = 1004.0 + POLICY.lock_s + 1
    ok = signin.sign_in(store, users, "staff", DEMO_PASSWORDS["staff"], None, later, POLICY)
    assert ok.ok and ok.token


def test_failures_outside_the_window_do_not_add_up(store, users):
    for i in range(4):
        signin.sign_in(store, users, "staff", "bad", None, 1000.0 + i, POLICY, check=lambda p,
                       h: False)
    later = 1000.0 + POLICY.window_s + 10
    out = signin.sign_in(store, users, "staff", "bad", None, later, POLICY, check=lambda p,
                         h: False)
    assert out.event == "login_failed"


def test_unknown_usernames_lock_exactly_like_real_ones(store, users):
    events = [signin.sign_in(store, users, "ghost", "bad", None, 1000.0 + i, POLICY,
                             check=lambda p, h: False).event for i in range(6)]
    assert events == ["login_failed"] * 4 + ["login_lockout", "login_locked"]


def test_slowing_is_per_username_and_address_and_capped(store, users):
    now = 1000.0
    policy = signin.Policy(max_failures=50, address_slow_after=3)
    assert signin.address_delay(store, "staff", "10.0.0.9", now, policy) == 0
    for i in range(12):  # one address spraying many usernames
        signin.sign_in(store, users, f"user{i}", "bad", "10.0.0.9", now + i, policy,
                       check=lambda p, h: False)
    # a colleague behind the same address, with the right password, does not wait
    assert signin.address_delay(store, "staff", "10.0.0.9", now + 12, policy) == 0
    for i in range(3):
        signin.sign_in(store, users, "admin", "bad", "10.0.0.9", now + 20 + i, policy,
                       check=lambda p, h: False)
    assert signin.address_delay(store, "admin", "10.0.0.9", now + 30, policy) == 0.5
    assert signin.address_delay(store, "admin", "10.0.0.10", now + 30, policy) == 0
    for i in range(20):
        signin.sign_in(store, users, "admin", "bad", "10.0.0.9", now + 40 + i, policy,
                       check=lambda p, h: False)
    assert signin.address_delay(store, "admin", "10.0.0.9", now + 70, policy) == \
        signin.MAX_ADDRESS_DELAY_S <= 5
    assert signin.address_delay(store, "admin", None, now + 70, policy) == 0  # unknown address
    ok = signin.sign_in(store, users, "admin", DEMO_PASSWORDS["admin"], "10.0.0.9", now + 71,
                        policy)
    assert ok.ok  # and a success clears the pair's count
    assert signin.address_delay(store, "admin", "10.0.0.9", now + 72, policy) == 0


def test_a_password_over_72_bytes_is_refused_plainly_after_one_bcrypt_check(store, users):
    check = Counting()
    out = signin.sign_in(store, users, "staff", "x" * 73, None, 1000.0, POLICY, check=check)
    assert not out.ok and out.message == signin.TOO_LONG and check.calls == 1
    assert "72 bytes" in out.message


def test_sessions_time_out_when_idle_and_absolutely(store):
    token = store.issue("staff", 0.0)
    assert store.check(token, 1000.0, POLICY).username == "staff"
    assert store.check(token, 1000.0 + 1801, POLICY).reason == "idle"
    assert store.check(token, 1000.0 + 1802, POLICY).reason == "ended"
    busy = store.issue("staff", 0.0)
    t = 0.0
    while t < POLICY.absolute_s - 1500:  # active every 25 minutes: never idle
        t += 1500
        assert store.check(busy, t, POLICY).username == "staff"
    assert store.check(busy, POLICY.absolute_s + 1, POLICY).reason == "absolute"


def test_ending_a_user_ends_all_their_sessions(store):
    tokens = [store.issue("staff", 0.0) for _ in range(3)]
    other = store.issue("admin", 0.0)
    assert store.end_user("staff", 10.0, "logout") == 3
    assert all(store.check(t, 20.0, POLICY).reason == "ended" for t in tokens)
    assert store.check(other, 20.0, POLICY).username == "admin"


def test_policy_comes_from_settings(con):
    from casson.platform import settings

    settings.put(con, "signin_max_failures", "3")
    settings.put(con, "session_idle_minutes", "10")
    policy = signin.Policy.from_settings(lambda k: settings.get(con, k))
    assert policy.max_failures == 3 and policy.idle_s == 600 and policy.absolute_s == 12 * 3600


# -- the app ------------------------------------------------------------------------------

def _form_sign_in(at, username, password):
    at.text_input(key="signin_username").input(username)
    at.text_input(key="signin_password").input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    return at


def _anonymous():
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


def _audit(demo_db):
    import duckdb

    with duckdb.connect(str(demo_db), read_only=True) as c:
        return c.execute("SELECT actor, action, CAST(detail AS VARCHAR) FROM audit_log "
                         "ORDER BY id").fetchall()


def test_the_form_signs_in_locks_out_and_audits_without_passwords(app_env):
    at = _form_sign_in(_anonymous(), "staff", DEMO_PASSWORDS["staff"])
    assert not at.exception and at.metric
    at = _anonymous()
    for _ in range(5):
        _form_sign_in(at, "trustee", "wrong-password-1")
    assert "Too many failed sign-ins" in at.error[0].value
    _form_sign_in(at, "trustee", DEMO_PASSWORDS["trustee"])  # right password, still locked
    assert "Too many failed sign-ins" in at.error[0].value and not at.metric
    _form_sign_in(at, "nosuchuser", "wrong-password-1")
    assert at.error[0].value == signin.WRONG
    from ui import data

    data.release_connection()  # release the app's DuckDB connection so the test can read
    rows = _audit(app_env)
    actions = [(a, b) for a, b, _ in rows]
    assert ("staff", "login") in actions
    assert actions.count(("trustee", "login_failed")) == 4
    assert ("trustee", "login_lockout") in actions and ("trustee", "login_locked") in actions
    assert ("unknown", "login_failed") in actions
    text = repr(rows)
    assert "wrong-password" not in text and "casson-" not in text and "nosuchuser" not in text


def test_signing_out_in_one_tab_signs_out_the_others_on_their_next_click(app_env):
    import time

    from ui import auth

    tab1, tab2 = signed_in_app("staff").run(), signed_in_app("staff").run()
    assert tab1.metric and tab2.metric
    auth.store().end_user("staff", time.time(), "logout")  # what the Sign out button does
    tab2.run()  # the same URL now shows the sign-in form, saying why
    assert not tab2.metric and [t.label for t in tab2.text_input] == ["Username", "Password"]
    assert any("signed out in another window" in i.value for i in tab2.info)


def test_removing_an_account_ends_its_sessions(app_env, accounts_file):
    from casson.platform import config

    at = signed_in_app("staff").run()
    assert at.metric
    cfg = yaml.safe_load(accounts_file.read_text())
    del cfg["credentials"]["usernames"]["staff"]
    accounts_file.write_text(yaml.safe_dump(cfg))
    at.run()
    assert not at.metric
    assert signin.AuthStore(config.auth_state_path()).live_sessions("staff") == 0


def test_removing_an_account_with_the_cli_ends_its_sessions(app_env, accounts_file):
    from casson import cli
    from casson.platform import config

    store = signin.AuthStore(config.auth_state_path())
    store.issue("staff", 0.0)
    assert cli.main(["user", "remove", "staff", "--accounts", str(accounts_file)]) == 0
    assert store.live_sessions("staff") == 0


def test_an_idle_session_is_signed_out_with_a_notice(app_env, monkeypatch):
    import time

    from ui import auth

    at = signed_in_app("staff")  # session issued now; the next click comes 31 minutes later
    monkeypatch.setattr(auth, "_clock", lambda: time.time() + 31 * 60)
    at.run()
    assert not at.metric
    assert any("without activity" in i.value for i in at.info)


def test_an_old_session_is_signed_out_even_when_active(app_env, monkeypatch):
    import time

    from ui import auth

    at = signed_in_app("staff")
    start = time.time()
    monkeypatch.setattr(auth, "_clock", lambda: start + 12 * 3600 + 60)
    # make the last click recent so only the absolute limit applies
    auth.store()._run("UPDATE sessions SET last_seen = ?", (start + 12 * 3600,))
    at.run()
    assert not at.metric
    assert any("at most 12 hours" in i.value for i in at.info)


def test_cli_unlock_lifts_a_lock(app_env, accounts_file, capsys):
    import time

    from casson import cli
    from casson.platform import config

    store = signin.AuthStore(config.auth_state_path())
    users = accounts.load(accounts_file)["credentials"]["usernames"]
    for _ in range(5):
        signin.sign_in(store, users, "staff", "bad", None, time.time(), POLICY, check=lambda p,
                       h: False)
    assert store.locked_until("staff", time.time())
    assert cli.main(["user", "unlock", "staff", "--accounts", str(accounts_file)]) == 0
    assert "Unlocked staff" in capsys.readouterr().out
    assert store.locked_until("staff", time.time()) is None
    assert signin.sign_in(store, users, "staff", "bad", None, time.time(), POLICY,
                          check=lambda p, h: False).event == "login_failed"


def test_a_tab_signed_out_elsewhere_is_told_why(app_env):
    import time

    from ui import auth

    at = signed_in_app("staff")
    token = at.session_state["casson_session"]
    auth.store().end(token, time.time(), "logout")
    at.run()  # the first run is app.py
    assert not at.metric and any("signed out in another window" in i.value for i in at.info)


# -- single sign-on: which identities the trust's provider may vouch for ----------------------

GOOGLE = signin.SsoRules("google", domain="casson.example")
ENTRA = signin.SsoRules("microsoft", tenant="9188040d-6c67-4c5b-b112-36a304b66dad")


@pytest.mark.parametrize("rules, claims, says", [
    (GOOGLE, {"email": "a@casson.example", "hd": "casson.example", "email_verified": False},
     "does not vouch"),
    (GOOGLE, {"email": "a@casson.example", "hd": "casson.example"}, "does not vouch"),
    (GOOGLE, {"email": "a@casson.example", "hd": "gmail.com", "email_verified": True},
     "belongs to another"),
    (GOOGLE, {"email": "a@casson.example", "email_verified": True}, "belongs to another"),
    (GOOGLE, {"email": "a@gmail.com", "hd": "casson.example", "email_verified": True},
     "belongs to another"),
    (ENTRA, {"preferred_username": "a@casson.example", "tid": ENTRA.tenant}, "no email"),
    (ENTRA, {"email": "a@casson.example", "tid": "other"}, "belongs to another"),
    (ENTRA, {"email": "a@casson.example", "tid": ENTRA.tenant, "email_verified": "false"},
     "does not vouch"),
    (signin.SsoRules("microsoft"), {"email": "a@casson.example", "tid": "x"}, "allowed_tenant"),
    (signin.SsoRules("google"), {"email": "a@casson.example", "email_verified": True},
     "allowed_domain"),
    (signin.SsoRules("okta"), {"email": "a@casson.example"}, "does not vouch"),
])
def test_sso_refuses_what_the_trusts_provider_cannot_vouch_for(tmp_path, rules, claims, says):
    store = signin.AuthStore(tmp_path / "state.sqlite")
    users = {"alice": {"email": "A@casson.example", "roles": ["staff"]}}
    outcome, username = signin.sso_sign_in(store, users, claims, rules, "10.0.0.1", 1000.0)
    assert username is None and outcome.event == "login_sso_refused"
    assert says in outcome.message
    assert store.live_sessions("alice") == 0


@pytest.mark.parametrize("rules, claims", [
    (GOOGLE, {"email": "A@casson.example", "hd": "casson.example", "email_verified": True}),
    (ENTRA, {"email": "a@casson.example", "tid": ENTRA.tenant.upper()}),  # Entra: no flag
    (signin.SsoRules("okta", domain="casson.example"),
     {"email": "a@casson.example", "email_verified": "true"}),
])
def test_sso_signs_in_a_verified_email_of_the_trusts_own(tmp_path, rules, claims):
    store = signin.AuthStore(tmp_path / "state.sqlite")
    users = {"alice": {"email": "a@casson.example", "roles": ["staff"]}}
    outcome, username = signin.sso_sign_in(store, users, claims, rules, None, 1000.0)
    assert (outcome.event, username) == ("login_sso", "alice")
    assert store.live_sessions("alice") == 1


# -- lockout an outsider cannot turn against a named account ----------------------------------

def test_an_outsiders_guesses_lock_only_their_own_address_out_of_the_account(store, users):
    never = lambda p, h: False  # noqa: E731 - a guesser's wrong passwords
    events = [signin.sign_in(store, users, "admin", "guess", "203.0.113.9", 1000.0 + i, POLICY,
                             check=never).event for i in range(7)]
    assert events == ["login_failed"] * 4 + ["login_lockout", "login_locked", "login_locked"]
    # the guesser's address stays locked out, even with the right password ...
    there = signin.sign_in(store, users, "admin", DEMO_PASSWORDS["admin"], "203.0.113.9",
                           1010.0, POLICY)
    assert there.event == "login_locked" and not there.token
    # ... while the admin, at their own desk, still signs in (after a short wait)
    assert signin.address_delay(store, "admin", "10.0.0.5", 1011.0, POLICY) > 0
    home = signin.sign_in(store, users, "admin", DEMO_PASSWORDS["admin"], "10.0.0.5", 1011.0,
                          POLICY)
    assert home.ok and home.token


def test_the_account_alone_is_slowed_against_guesses_from_many_addresses(store, users):
    never = lambda p, h: False  # noqa: E731
    for i in range(6):  # one guess from each of six addresses: no pair is locked
        out = signin.sign_in(store, users, "staff", "guess", f"198.51.100.{i}", 1000.0 + i,
                             POLICY, check=never)
        assert out.event == "login_failed"
    delays = [signin.address_delay(store, "staff", "192.0.2.1", 1010.0, POLICY)]
    signin.sign_in(store, users, "staff", "guess", "198.51.100.99", 1011.0, POLICY, check=never)
    delays.append(signin.address_delay(store, "staff", "192.0.2.1", 1012.0, POLICY))
    assert 0 < delays[0] < delays[1] <= signin.MAX_ADDRESS_DELAY_S
    assert store.locked_until("staff", 1012.0) is None


def test_an_unknown_address_is_slowed_as_one_address(store, users):
    for i in range(POLICY.address_slow_after + 1):
        signin.sign_in(store, users, "trustee", "guess", None, 1000.0 + i, POLICY,
                       check=lambda p, h: False)
    assert signin.address_delay(store, "trustee", None, 1010.0, POLICY) > 0
    assert signin.address_delay(store, "trustee", signin.UNKNOWN_ADDRESS, 1010.0, POLICY) > 0


def test_the_app_slows_guesses_when_streamlit_gives_no_address(app_env, monkeypatch):
    """AppTest, like a browser on loopback or behind a proxy on this machine, has no address."""
    from ui import auth

    waits: list[float] = []
    monkeypatch.setattr(auth, "_sleep", waits.append)
    at = _anonymous()
    for _ in range(5):
        _form_sign_in(at, "trustee", "wrong-password-1")
    assert waits and waits == sorted(waits) and waits[-1] > 0


@pytest.mark.parametrize("peer, forwarded, trusted, counted", [
    (None, "198.51.100.7", "127.0.0.1", "198.51.100.7"),  # nginx on this machine
    (None, "6.6.6.6, 198.51.100.7", "127.0.0.1", "198.51.100.7"),  # the browser's own is ignored
    (None, "198.51.100.7", None, "127.0.0.1"),  # no trusted proxy set: the header is not read
    ("203.0.113.9", "198.51.100.7", "127.0.0.1", "203.0.113.9"),  # not from the proxy
    ("10.0.0.2", "198.51.100.7", "10.0.0.2", "198.51.100.7"),  # a proxy on another machine
    (None, "not-an-address", "127.0.0.1", signin.UNKNOWN_ADDRESS),
    (None, None, "127.0.0.1", "127.0.0.1"),
])
def test_x_forwarded_for_is_read_only_from_the_trusted_proxy(peer, forwarded, trusted, counted):
    assert signin.client_address(peer, forwarded, trusted) == counted
