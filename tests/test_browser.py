"""The real app in headless Chromium: sign-in per role, and no page for anonymous visitors."""

import pytest
from playwright.sync_api import expect

from casson.platform import access
from tests.conftest import sign_in, sign_out, wait_for_app
from tests.support import choose_cohort

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("role", ["admin", "staff", "trustee"])
def test_each_role_signs_in_through_the_form_and_sees_the_overview(page, live_server, role):
    sign_in(page, live_server, role)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Mentoring programme overview")).to_be_visible()
    choose_cohort(page, "Pilot")  # the overview opens on the current cohort
    expect(main.get_by_text("97.1%")).to_be_visible()
    expect(main.get_by_text("n = 33 of 34 mentors")).to_be_visible()
    nav = page.get_by_test_id("stSidebarNav")
    allowed = {spec.title for spec in access.pages_for(role)}
    for spec in access.PAGES:
        listed = nav.get_by_text(spec.title, exact=True).count() > 0
        if spec.title not in allowed:
            assert not listed, f"{role} must not see {spec.title}"
        elif len(allowed) > 1:  # Streamlit hides the menu when a role has one page
            assert listed, f"{role} should see {spec.title}"


def test_anonymous_browser_opening_a_page_url_sees_only_the_sign_in_form(page, live_server):
    for spec in access.PAGES:  # one signed-out browser typing each page's address in turn
        page.goto(f"{live_server}/{spec.key}")
        wait_for_app(page)
        main = page.get_by_test_id("stMain")
        # A rerun (the cookie component reporting in) can follow the first: wait for the form.
        main.get_by_role("textbox", name="Username").wait_for(state="visible", timeout=30_000)
        expect(main.get_by_role("textbox", name="Password")).to_be_visible()
        assert page.get_by_test_id("stMetric").count() == 0, spec.key
        assert page.get_by_test_id("stDataFrame").count() == 0, spec.key
        assert page.get_by_test_id("stSidebarNav").count() == 0, spec.key
        assert "example.org" not in page.content(), spec.key


def test_trustee_typing_a_staff_url_does_not_get_the_page(page, live_server):
    sign_in(page, live_server, "trustee")
    page.goto(f"{live_server}/people")
    wait_for_app(page)
    # The page is drawn (a plain refusal at that URL), so the absences below mean something.
    page.get_by_text("This page is not available to your role.").wait_for(timeout=30_000)
    assert page.get_by_role("dialog").count() == 0
    assert page.get_by_test_id("stDataFrame").count() == 0
    assert "example.org" not in page.get_by_test_id("stMain").inner_text()


def test_sign_out_returns_to_the_sign_in_form(page, live_server):
    sign_in(page, live_server, "staff")
    sign_out(page)
    expect(page.get_by_role("textbox", name="Username")).to_be_visible()
    assert page.get_by_test_id("stMetric").count() == 0


def test_a_wrong_password_is_refused_with_a_plain_message(page, live_server):
    sign_in(page, live_server, "staff", "not-the-password")
    expect(page.get_by_text("The username or password is not right")).to_be_visible()
    assert page.get_by_test_id("stMetric").count() == 0
