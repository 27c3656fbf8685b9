"""AppTest: every account action on the Accounts and My account pages, each with its audit row."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from casson.platform import access, accounts, config, signin
from tests.conftest import DEMO_PASSWORDS, signed_in_app


def _audit(action: str | None = None) -> list[tuple]:
    """Audit rows through the app's own connection (AppTest runs in this process)."""
    from ui import data

    with data.cursor() as cur:
        rows = cur.execute("SELECT actor, action, entity, entity_id, CAST(detail AS VARCHAR) "
                           "FROM audit_log ORDER BY id").fetchall()
    return [r for r in rows if action is None or r[1] == action]


def _users() -> dict:
    return accounts.load(config.accounts_path())["credentials"]["usernames"]


def _store() -> signin.AuthStore:
    return signin.AuthStore(config.auth_state_path())


def _click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    return at


def _accounts_page():
    at = signed_in_app("admin").run()
    return at.switch_page(access.page("accounts").path).run()


def _texts(at) -> str:
    return " ".join(str(x.value) for x in [*at.success, *at.error, *at.info, *at.markdown])


def test_admin_adds_a_reviewer_who_must_choose_a_password(app_env):
    at = _accounts_page()
    at.text_input(key="acc_add_username").input("rita")
    at.text_input(key="acc_add_name").input("Rita Reviewer")
    at.selectbox(key="acc_add_role").select("reviewer")
    at.text_input(key="acc_add_email").input("rita@panel.example.org")
    at.text_input(key="acc_add_password").input("a temporary passphrase")
    _click(at, "Add account")
    assert not at.exception and "Account rita created with role reviewer" in _texts(at)
    rita = _users()["rita"]
    assert rita["roles"] == ["reviewer"] and rita["must_change"] is True
    assert rita["name"] == "Rita Reviewer" and rita["email"] == "rita@panel.example.org"
    assert accounts.check_password("a temporary passphrase", rita["password"])
    assert _audit("account.add") == [("admin", "account.add", "account", "rita",
                                      json.dumps({"role": "reviewer", "sso_only": False}))]
    assert at.text_input(key="acc_add_username").value == ""  # emptied: cannot be sent twice


def test_a_refused_new_account_keeps_what_was_typed_and_says_why(app_env):
    at = _accounts_page()
    at.text_input(key="acc_add_username").input("newbie")
    at.text_input(key="acc_add_name").input("New Person")
    at.text_input(key="acc_add_password").input("short")
    _click(at, "Add account")
    assert any("at least 12 characters" in e.value for e in at.error)
    assert at.text_input(key="acc_add_username").value == "newbie"
    assert at.text_input(key="acc_add_name").value == "New Person"
    assert "newbie" not in _users() and _audit("account.add") == []


def test_admin_changes_a_role(app_env):
    at = _accounts_page()
    at.selectbox(key="acc_act_target").select("trustee").run()
    at.selectbox(key="acc_act_role").select("reviewer")
    _click(at, "Change role")
    assert "trustee is now reviewer" in _texts(at)
    assert _users()["trustee"]["roles"] == ["reviewer"]
    assert _audit("account.role") == [("admin", "account.role", "account", "trustee",
                                       json.dumps({"from": "trustee", "to": "reviewer"}))]


def test_the_last_admin_cannot_lose_the_role(app_env):
    at = _accounts_page()
    at.selectbox(key="acc_act_target").select("admin").run()
    at.selectbox(key="acc_act_role").select("staff")
    _click(at, "Change role")
    assert any("only administrator" in e.value for e in at.error)
    assert _users()["admin"]["roles"] == ["admin"] and _audit("account.role") == []


def test_a_reset_shows_a_temporary_password_once_and_ends_the_users_sessions(app_env):
    staff = signed_in_app("staff").run()
    at = _accounts_page()
    at.selectbox(key="acc_act_target").select("staff").run()
    _click(at, "Reset password")
    assert any("Temporary password for staff" in s.value for s in at.success)
    # shown verbatim in a code block (copyable, never read as Markdown), not in the message
    [temporary] = [c.value for c in at.code]
    user = _users()["staff"]
    assert accounts.check_password(temporary, user["password"]) and user["must_change"] is True
    assert not accounts.check_password(DEMO_PASSWORDS["staff"], user["password"])
    assert _store().live_sessions("staff") == 0
    staff.run()
    assert not staff.metric  # the staff member's open tab is signed out
    rows = _audit("account.passwd")
    assert rows == [("admin", "account.passwd", "account", "staff",
                     json.dumps({"temporary": True}))]
    assert temporary not in repr(_audit())
    at.run()
    assert "Temporary password" not in _texts(at)  # shown once
    assert temporary not in [c.value for c in at.code]


def test_admin_unlocks_a_locked_account(app_env):
    now = time.time()
    for i in range(5):
        signin.sign_in(_store(), _users(), "staff", "wrong", None, now + i, signin.Policy(),
                       check=lambda p, h: False)
    assert _store().locked_until("staff", time.time() + 5)
    at = _accounts_page()
    at.selectbox(key="acc_act_target").select("staff").run()
    _click(at, "Unlock sign-in")
    assert "staff can sign in again" in _texts(at)
    assert _store().locked_until("staff", time.time() + 5) is None
    assert _audit("account.unlock") == [("admin", "account.unlock", "account", "staff",
                                         json.dumps({"was_locked": True}))]


def test_admin_removes_an_account_after_confirming(app_env):
    token = _store().issue("trustee", time.time())
    at = _accounts_page()
    at.selectbox(key="acc_act_target").select("trustee").run()
    assert next(b for b in at.button if b.label == "Remove account").disabled
    at.checkbox(key="acc_act_confirm").check().run()
    _click(at, "Remove account")
    assert "Removed account trustee" in _texts(at)
    assert "trustee" not in _users()
    assert _store().check(token, time.time(), signin.Policy()).reason == "ended"
    assert _audit("account.remove") == [("admin", "account.remove", "account", "trustee", None)]


def test_admin_ends_one_session_from_the_live_list(app_env):
    staff = signed_in_app("staff").run()
    at = _accounts_page()
    live = [s for s in _store().sessions(time.time(), signin.Policy()) if s["username"] == "staff"]
    assert len(live) == 1
    at.selectbox(key="acc_act_session").select(live[0]["id"]).run()
    _click(at, "End session")
    assert "Session ended" in _texts(at)
    assert _store().live_sessions("staff") == 0 and _store().live_sessions("admin") == 1
    staff.run()
    assert not staff.metric
    assert _audit("session.end") == [("admin", "session.end", "account", "staff",
                                      json.dumps({"session": live[0]["id"][:12]}))]


def test_admin_turns_password_sign_in_off_for_an_sso_account(app_env):
    at = _accounts_page()
    at.selectbox(key="acc_act_target").select("trustee").run()
    _click(at, "Turn password sign-in off (SSO only)")
    assert _users()["trustee"]["password_signin"] is False
    out = signin.sign_in(_store(), _users(), "trustee", DEMO_PASSWORDS["trustee"], None,
                         time.time(), signin.Policy())
    assert not out.ok and out.message == signin.WRONG
    assert _audit("account.password_signin") == [
        ("admin", "account.password_signin", "account", "trustee",
         json.dumps({"password_signin": False}))]


def test_the_audit_trail_filters_by_action_and_user_and_downloads_as_csv(app_env):
    at = _accounts_page()
    at.selectbox(key="acc_act_target").select("trustee").run()
    at.selectbox(key="acc_act_role").select("reviewer")
    _click(at, "Change role")
    at.selectbox(key="audit_action").select("account.role").run()
    table = at.dataframe[-1].value
    assert list(table["action"]) == ["account.role"] and list(table["record"]) == ["trustee"]
    at.date_input(key="audit_dates").set_value((date(2020, 1, 1), date(2020, 12, 31))).run()
    assert at.dataframe[-1].value.empty  # nothing happened in 2020
    at.date_input(key="audit_dates").set_value((date.today(), date.today())).run()
    assert list(at.dataframe[-1].value["action"]) == ["account.role"]
    at.selectbox(key="audit_action").select("(all)").run()
    at.text_input(key="audit_user").input("nobody-here").run()
    assert at.dataframe[-1].value.empty
    assert at.get("download_button")


# -- My account ---------------------------------------------------------------------------

def _my_account(role: str = "staff"):
    at = signed_in_app(role).run()
    return at.switch_page(access.page("my_account").path).run()


def _change_password(at, current: str, new: str, again: str | None = None):
    at.text_input(key="acc_me_current").input(current)
    at.text_input(key="acc_me_new").input(new)
    at.text_input(key="acc_me_again").input(new if again is None else again)
    return _click(at, "Change password")


@pytest.mark.parametrize("new,reason", [
    ("short-one", "at least 12 characters"),
    ("password1234", "commonly used passwords"),
    ("Qwertyuiop123!", "commonly used passwords"),
    ("staff", "at least 12 characters"),
    ("Staff2024!!!", "must not be the username"),
    ("é" * 40, "longer than 72 bytes"),
])
def test_a_weak_or_common_new_password_is_refused_with_the_reason(app_env, new, reason):
    at = _change_password(_my_account(), DEMO_PASSWORDS["staff"], new)
    assert any(reason in e.value for e in at.error), [e.value for e in at.error]
    assert accounts.check_password(DEMO_PASSWORDS["staff"], _users()["staff"]["password"])
    assert _audit("account.passwd") == []


def test_the_current_password_is_required(app_env):
    at = _change_password(_my_account(), "not-my-password", "a brand new passphrase")
    assert any("current password is not right" in e.value for e in at.error)
    assert accounts.check_password(DEMO_PASSWORDS["staff"], _users()["staff"]["password"])


def test_changing_ones_password_ends_the_other_sessions_only(app_env):
    other_tab = signed_in_app("staff").run()
    at = _change_password(_my_account(), DEMO_PASSWORDS["staff"], "a brand new passphrase")
    assert "Your password is changed" in _texts(at)
    assert accounts.check_password("a brand new passphrase", _users()["staff"]["password"])
    assert _store().live_sessions("staff") == 1  # this one
    at.switch_page(access.page("overview").path).run()
    assert at.metric  # still signed in here
    other_tab.run()
    assert not other_tab.metric  # signed out there
    assert _audit("account.passwd") == [("staff", "account.passwd", "account", "staff",
                                         json.dumps({"forced": False, "own": True}))]
    assert "brand new" not in repr(_audit())


def test_a_user_updates_display_name_and_email(app_env):
    at = _my_account("trustee")
    at.text_input(key="acc_me_name").input("Tess Trustee")
    at.text_input(key="acc_me_email").input("tess@trust.example.org")
    _click(at, "Save details")
    user = _users()["trustee"]
    assert (user["name"], user["email"]) == ("Tess Trustee", "tess@trust.example.org")
    assert _audit("account.details") == [("trustee", "account.details", "account", "trustee",
                                          json.dumps({"fields": ["name", "email"]}))]
    at.text_input(key="acc_me_email").input("admin@example.org")  # another account's
    _click(at, "Save details")
    assert any("Another account already has" in e.value for e in at.error)


# -- forced change --------------------------------------------------------------------------

def _with_temporary_password(username: str = "staff") -> None:
    path = config.accounts_path()
    cfg = accounts.load(path)
    accounts.set_password(cfg, username, "temporary-pass-123", must_change=True)
    accounts.save(path, cfg)


@pytest.mark.parametrize("page", [p.key for p in access.pages_for("staff")])
def test_a_temporary_password_blocks_every_page_until_changed(app_env, page):
    _with_temporary_password()
    at = signed_in_app("staff").run()
    assert not at.exception and [t.value for t in at.title] == ["Choose your own password"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(access.page(page).path)  # no page script is in the navigation
    direct = signed_in_app("staff", access.page(page).path).run()  # the page file run alone
    assert any("Choose your own password first" in e.value for e in direct.error)
    assert not direct.dataframe and not direct.metric


def test_after_the_forced_change_the_pages_open(app_env):
    _with_temporary_password()
    at = signed_in_app("staff").run()
    at = _change_password(at, "temporary-pass-123", "my own long passphrase")
    assert _users()["staff"]["must_change"] is False
    assert at.metric  # the Overview, the staff home page
    assert _audit("account.passwd")[0][4] == json.dumps({"forced": True, "own": True})


@pytest.mark.parametrize("page", [p.key for p in access.PAGES if "reviewer" not in p.roles])
def test_a_reviewer_is_refused_every_page_not_meant_for_reviewers(app_env, page):
    at = signed_in_app("reviewer", access.page(page).path).run()
    assert any("not available to your role" in e.value for e in at.error)
    assert not at.dataframe and not at.metric


def test_a_reviewer_can_open_my_account(app_env):
    at = _my_account("reviewer")
    assert not at.exception and [t.value for t in at.title] == ["My account"]
    assert "reviewer" in " ".join(m.value for m in at.markdown)
