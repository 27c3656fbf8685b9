"""Server-side sessions in a real browser: a signed-out cookie signs nobody in."""

import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in, sign_out, wait_for_app

pytestmark = pytest.mark.browser


def test_a_signed_out_cookie_is_refused(browser, private_server):
    base, _ = private_server
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = first.new_page()
    sign_in(page, base, "staff")
    # the cookie component runs after the signed-in page has drawn: wait for its cookie
    page.wait_for_function("document.cookie.includes('casson_session=')")
    cookies = first.cookies()
    assert any(c["name"] == "casson_session" for c in cookies)

    # while signed in, the cookie alone opens the app in a new browser
    second = browser.new_context()
    second.add_cookies(cookies)
    tab = second.new_page()
    tab.goto(base + "/people")
    wait_for_app(tab)
    expect(tab.get_by_role("button", name="Sign out")).to_be_visible()
    second.close()

    sign_out(page)
    expect(page.get_by_role("textbox", name="Username")).to_be_visible()

    third = browser.new_context()
    third.add_cookies(cookies)  # the copied, now signed-out cookie
    tab = third.new_page()
    tab.goto(base + "/people")
    wait_for_app(tab)
    expect(tab.get_by_role("textbox", name="Username")).to_be_visible()
    assert tab.get_by_role("button", name="Sign out").count() == 0
    assert "example.org" not in tab.get_by_test_id("stApp").inner_text()
    third.close()
    first.close()


def test_personal_data_and_passwords_stay_out_of_the_server_log(page, private_server):
    base, dbfile = private_server
    sign_in(page, base, "staff", "secret-guess-123")
    sign_in(page, base, "staff")
    page.goto(base + "/people")
    wait_for_app(page)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()  # names and emails were served
    port = base.rsplit(":", 1)[1]
    log = (dbfile.parent / f"streamlit-{port}.log").read_text()
    assert "example.org" not in log and "secret-guess" not in log and "casson-staff" not in log
