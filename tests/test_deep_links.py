"""Deep links on a cold server: the first request to a fresh `streamlit run` is the page URL.

Streamlit serves a pages/ folder beside app.py as old-style navigation (every script listed
and run outside app.py) until st.navigation has been called once, so only a fresh server
process shows that trap: every browser test here starts its own (private_server).
"""

from pathlib import Path

import pytest

from casson.platform import access
from tests.conftest import DEMO_PASSWORDS, ROOT, wait_for_app


def test_no_page_script_sits_in_a_folder_streamlit_runs_by_itself():
    assert not (ROOT / "pages").exists(), (
        "pages/ beside app.py is run by Streamlit as old-style navigation on a cold server: "
        f"page scripts go in {access.PAGE_DIR}/ (casson/access.py PageSpec.path)")
    for spec in access.PAGES:
        assert Path(spec.path).parts[0] == access.PAGE_DIR
        assert (ROOT / spec.path).is_file(), spec.path
    scripts = {p.stem for p in (ROOT / access.PAGE_DIR).glob("*.py")}
    specs = (*access.PAGES, *access.ANONYMOUS_PAGES)
    assert scripts == {spec.key for spec in specs}, "a page script with no PageSpec"


def _sign_in_here(page, username: str) -> None:
    main = page.get_by_test_id("stMain")
    main.get_by_role("textbox", name="Username").fill(username)
    main.get_by_role("textbox", name="Password").fill(DEMO_PASSWORDS[username])
    main.get_by_role("button", name="Sign in").click()
    page.locator('[data-testid="stSidebar"] button:has-text("Sign out")').wait_for(timeout=30_000)
    wait_for_app(page)


def _assert_only_the_sign_in_form(page) -> None:
    main = page.get_by_test_id("stMain")
    main.get_by_role("textbox", name="Username").wait_for(state="visible", timeout=30_000)
    wait_for_app(page)
    assert main.get_by_role("textbox", name="Password").is_visible()
    assert page.get_by_test_id("stSidebarNav").count() == 0, "a page list was shown"
    assert page.get_by_role("dialog").count() == 0, "a dialog was shown"
    text = page.locator("body").inner_text()
    assert "Page not found" not in text
    assert "Please sign in." not in text, "a page script ran outside app.py"
    assert page.get_by_test_id("stMetric").count() == 0
    assert page.get_by_test_id("stDataFrame").count() == 0
    assert "example.org" not in page.content()


@pytest.mark.browser
@pytest.mark.parametrize("key, username, heading", [
    ("pairs", "staff", "Pairs"),
    ("outcomes", "trustee", "Mentoring outcomes"),
    ("overview", "trustee", "Mentoring programme overview"),  # the home page has its own URL too
])
def test_first_request_to_a_cold_server_is_a_deep_link_that_signs_in_onto_that_page(
        page, private_server, key, username, heading):
    base, _ = private_server
    page.goto(f"{base}/{key}")
    _assert_only_the_sign_in_form(page)
    _sign_in_here(page, username)
    main = page.get_by_test_id("stMain")
    main.get_by_role("heading", name=heading, exact=True).wait_for(timeout=30_000)
    assert page.url.rstrip("/").endswith(f"/{key}")
    assert page.get_by_role("dialog").count() == 0


@pytest.mark.browser
def test_a_deep_link_the_role_may_not_open_says_so_after_sign_in(page, private_server):
    base, _ = private_server
    page.goto(f"{base}/accounts")
    _assert_only_the_sign_in_form(page)
    _sign_in_here(page, "trustee")
    main = page.get_by_test_id("stMain")
    main.get_by_text("This page is not available to your role.").wait_for(timeout=30_000)
    assert main.get_by_role("heading", name="Accounts and audit").count() == 0
    assert page.get_by_role("dialog").count() == 0
    assert page.get_by_test_id("stDataFrame").count() == 0
    nav = page.get_by_test_id("stSidebarNav")
    assert nav.get_by_text("Accounts and audit", exact=True).count() == 0
    assert nav.get_by_text("Overview", exact=True).count() == 1
