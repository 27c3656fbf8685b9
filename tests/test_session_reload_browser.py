"""A signed-in session survives a reload and a typed URL (issue 26): the browser keeps the
session cookie, so neither brings back the sign-in form."""

import pytest
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORDS, sign_in, wait_for_app

pytestmark = pytest.mark.browser


def signed_in(page) -> None:
    wait_for_app(page)
    expect(page.get_by_role("button", name="Sign out")).to_be_attached()
    assert page.get_by_role("textbox", name="Username").count() == 0


def presenting(page) -> None:
    wait_for_app(page)
    expect(page.get_by_role("switch", name="Presentation mode")).to_be_checked()
    assert page.get_by_role("textbox", name="Username").count() == 0


def test_a_reload_and_a_typed_address_keep_the_session(browser, private_server):
    base, _ = private_server
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    sign_in(page, base, "trustee")
    page.reload()  # straight away, as a person pressing F5 would
    signed_in(page)
    page.goto(base + "/?present=1")  # typed into the address bar
    presenting(page)
    page.reload()
    presenting(page)
    page.goto(base + "/outcomes?present=1")
    presenting(page)
    context.close()


def test_signing_in_on_a_presentation_link_then_reloading_keeps_the_session(
    browser, private_server
):
    base, _ = private_server
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(base + "/outcomes?present=1")
    wait_for_app(page)
    page.get_by_role("textbox", name="Username").fill("trustee")
    page.get_by_role("textbox", name="Password").fill(DEMO_PASSWORDS["trustee"])
    page.get_by_role("button", name="Sign in").click()
    presenting(page)
    page.reload()
    presenting(page)
    fresh = context.new_page()  # a second tab, the link typed again
    fresh.goto(base + "/outcomes?present=1")
    presenting(fresh)
    context.close()
