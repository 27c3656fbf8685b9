"""The Content-Security-Policy the deployment guide sets at its reverse proxy (README, "Running
in production") lets the dashboard work: signed in, a page with charts and tables draws, and the
browser reports no violation. The header is read from the README, so the guide is what is tested."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support import ROOT, sign_in, wait_for_app

pytestmark = pytest.mark.browser


def _guide_policy() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    nginx = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', readme)
    caddy = re.search(r'Content-Security-Policy "([^"]+)"\n', readme)
    assert nginx and caddy and nginx.group(1) == caddy.group(1)  # one policy in both guides
    return nginx.group(1)


@pytest.fixture
def page(browser_type, browser_type_launch_args):
    """A browser of its own: a response Playwright fulfils counts as from the public internet,
    and Chromium's local-network checks would then refuse the loopback websocket."""
    args = [
        *browser_type_launch_args.get("args", []),
        "--disable-features=LocalNetworkAccessChecks",
    ]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    try:
        yield browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    finally:
        browser.close()


def test_the_guides_content_security_policy_lets_every_part_of_a_page_work(page, live_server):
    policy = _guide_policy()
    assert "frame-ancestors 'self'" in policy  # no other site may frame it
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )

    def with_policy(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": policy}
        route.fulfill(response=response, headers=headers)

    page.route(lambda url: "/_stcore/" not in url and "/static/" not in url, with_policy)
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server}/outcomes")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_be_visible()
    assert violations == [], violations
    expect(main.locator(".js-plotly-plot").first).to_be_visible()
    page.goto(f"{live_server}/people")
    wait_for_app(page)
    expect(main.get_by_test_id("stDataFrame").first).to_be_visible()
    assert violations == []
