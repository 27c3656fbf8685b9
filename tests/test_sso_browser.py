"""Single sign-on end to end: a real OpenID Connect provider (oidc-provider-mock) on 127.0.0.1,
a fresh `streamlit run` configured by a secrets.toml of the test's own, and Chromium."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.conftest import _copies, wait_for_app
from tests.support import ROOT, free_port, wait_until_healthy

pytestmark = pytest.mark.browser

TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad"  # the trust's Entra directory, in these tests


@pytest.fixture
def provider() -> Iterator[str]:
    """The identity provider: any client id and secret; the email is what the user types."""
    import oidc_provider_mock
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, oidc_provider_mock.app(require_nonce=True),
                         threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def sso_app(provider, demo_db_template, accounts_template, tmp_path) -> Iterator[dict]:
    """The app with SSO configured. The secrets file lives in the test's folder and reaches
    the server through Streamlit's own `--secrets.files` option: the repo's .streamlit is
    left alone."""
    dbfile, authfile = _copies(demo_db_template, accounts_template, tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    secrets_file = tmp_path / "secrets" / "secrets.toml"
    secrets_file.parent.mkdir()
    secrets_file.write_text(f"""
[auth]
redirect_uri = "{base}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"

[auth.microsoft]
client_id = "casson-dashboard-test"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{provider}/.well-known/openid-configuration"
allowed_tenant = "{TENANT}"
""")
    env = {**os.environ, "CASSON_DB": str(dbfile), "CASSON_ACCOUNTS": str(authfile)}
    log = (tmp_path / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--secrets.files", str(secrets_file)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_healthy(base, proc, log.name)
        yield {"base": base, "db": dbfile, "auth": authfile, "proc": proc, "provider": provider}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _identity(app: dict, sub: str, claims: dict) -> None:
    """What the provider will say about `sub` (oidc-provider-mock's PUT /users/<sub>)."""
    request = urllib.request.Request(f"{app['provider']}/users/{sub}", method="PUT",
                                     data=json.dumps(claims).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert reply.status == 204


def _sso_sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/")
    wait_for_app(page)
    page.get_by_role("button", name="Sign in with Microsoft").click()
    page.locator('input[name="sub"]').fill(email)  # the provider's own sign-in page
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(base + "/**", timeout=30_000)
    page.locator('[data-testid="stSidebar"] button:has-text("Sign out"), '
                 '[data-testid="stAlert"]').first.wait_for(timeout=30_000)
    wait_for_app(page)


def _live_sessions(authfile: Path, username: str) -> int:
    state = authfile.with_name(authfile.stem + "-state.sqlite")
    with sqlite3.connect(state) as db:
        return db.execute("SELECT count(*) FROM sessions WHERE username = ? AND ended IS NULL",
                          (username,)).fetchone()[0]


def _stop_and_read_audit(app: dict) -> list[tuple]:
    app["proc"].terminate()
    app["proc"].wait(timeout=10)
    with duckdb.connect(str(app["db"]), read_only=True) as c:
        return c.execute("SELECT actor, action FROM audit_log WHERE entity = 'account' "
                         "ORDER BY id").fetchall()


def test_a_mapped_email_signs_in_with_its_role_and_sign_out_ends_it_everywhere(browser, sso_app):
    base = sso_app["base"]
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = first.new_page()
    # the demo staff account's email, from the trust's own directory
    _identity(sso_app, "STAFF@example.org", {"email": "STAFF@example.org", "tid": TENANT})
    _sso_sign_in(page, base, "STAFF@example.org")
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_role("button", name="Sign out").is_visible()
    assert "Demo Coordinator" in sidebar.inner_text() and "Staff" in sidebar.inner_text()
    page.get_by_role("link", name="People").click()  # a staff page: the role applies
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=30_000)
    wait_for_app(page)
    assert sidebar.get_by_role("link", name="Accounts and audit").count() == 0
    assert _live_sessions(sso_app["auth"], "staff") == 1
    # the session cookie component sets it from its frame, after the page has drawn
    page.wait_for_function("document.cookie.includes('casson_session=')", timeout=30_000)
    cookies = first.cookies()
    assert {"casson_session", "_streamlit_user"} <= {c["name"] for c in cookies}

    # the copied cookies work while the session is live ...
    second = browser.new_context()
    second.add_cookies(cookies)
    tab = second.new_page()
    tab.goto(base + "/people")
    wait_for_app(tab)
    assert tab.get_by_role("button", name="Sign out").is_visible()
    second.close()

    # ... sign-out ends the session (and the provider's: it asks to confirm) ...
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()
    page.get_by_role("textbox", name="Username").wait_for(timeout=30_000)
    assert _live_sessions(sso_app["auth"], "staff") == 0

    # ... and then the copied cookies, Streamlit's identity cookie included, open nothing
    third = browser.new_context()
    third.add_cookies(cookies)
    tab = third.new_page()
    tab.goto(base + "/people")
    wait_for_app(tab)
    assert tab.get_by_role("textbox", name="Username").is_visible()
    assert tab.get_by_role("button", name="Sign out").count() == 0
    assert "example.org" not in tab.get_by_test_id("stApp").inner_text()
    assert _live_sessions(sso_app["auth"], "staff") == 0
    third.close()
    first.close()
    rows = _stop_and_read_audit(sso_app)
    assert ("staff", "login_sso") in rows and ("staff", "logout") in rows


def test_an_unmapped_email_is_refused_and_no_account_is_made(browser, sso_app):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    _identity(sso_app, "stranger@elsewhere.example",
              {"email": "stranger@elsewhere.example", "tid": TENANT})
    _sso_sign_in(page, sso_app["base"], "stranger@elsewhere.example")
    alert = page.get_by_test_id("stAlert").first.inner_text()
    assert "stranger@elsewhere.example has no account" in alert
    assert page.get_by_role("button", name="Sign out").count() == 0
    assert page.get_by_role("textbox", name="Username").is_visible()  # passwords still offered
    page.reload()
    wait_for_app(page)  # the identity cookie is still there: it signs nobody in
    assert page.get_by_role("button", name="Sign out").count() == 0
    context.close()
    assert "stranger" not in sso_app["auth"].read_text()
    assert ("unknown", "login_sso_refused") in _stop_and_read_audit(sso_app)


@pytest.mark.parametrize("claims, says", [
    ({"email": "staff@example.org", "tid": TENANT, "email_verified": False},
     "does not vouch for the email address"),
    ({"email": "staff@example.org", "tid": "72f988bf-86f1-41af-91ab-2d7cd011db47"},
     "belongs to another"),
    ({"preferred_username": "staff@example.org", "tid": TENANT}, "carries no email address"),
    ({"email": "staff@example.org"}, "belongs to another"),  # no tenant at all
], ids=["email-not-verified", "foreign-tenant", "preferred-username-only", "no-tenant"])
def test_an_identity_the_trust_cannot_vouch_for_is_refused_and_audited(browser, sso_app,
                                                                       claims, says):
    """Each names the demo staff account's email, which would otherwise sign in."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    _identity(sso_app, "someone", claims)
    _sso_sign_in(page, sso_app["base"], "someone")
    assert says in page.get_by_test_id("stAlert").first.inner_text()
    assert page.get_by_role("button", name="Sign out").count() == 0
    context.close()
    assert _live_sessions(sso_app["auth"], "staff") == 0
    rows = _stop_and_read_audit(sso_app)
    assert ("unknown", "login_sso_refused") in rows and ("staff", "login_sso") not in rows
