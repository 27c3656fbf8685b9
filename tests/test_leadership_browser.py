"""The leadership pages in headless Chromium: a staff user moves a bid through the pipeline;
a trustee views the bids charts and sees no applicant."""

import duckdb
import pytest
from playwright.sync_api import expect

from casson import demo
from tests.conftest import sign_in, wait_for_app
from tests.support import find_bid, grid_rows

pytestmark = pytest.mark.browser


def _received_leadership_bid(template):
    con = duckdb.connect(str(template), read_only=True)
    try:
        return con.execute("SELECT reference FROM bids WHERE status = 'received' AND "
                           "fund = 'leadership'"
                           " AND amount_requested >= 4000 ORDER BY reference LIMIT 1").fetchone()[0]
    finally:
        con.close()


def _applicants(template):
    con = duckdb.connect(str(template), read_only=True)
    try:
        return {v for row in con.execute("SELECT applicant_name, "
                                         "applicant_email FROM bids").fetchall()
                for v in row}
    finally:
        con.close()


def test_staff_move_a_bid_from_received_to_completed(page, private_server, demo_db_template):
    base, _ = private_server
    ref = _received_leadership_bid(demo_db_template)
    sign_in(page, base, "staff")
    main = find_bid(page, base, ref)
    expect(main.get_by_text(f"1 of {demo.BIDS} bids match the filters.")).to_be_visible()
    main.get_by_role("tab", name="Change a bid").click()
    wait_for_app(page)

    steps = [("shortlisted", {}), ("awarded", {"amount": "4000"}), ("in progress", {}),
             ("completed", {"report": True})]
    for status, extra in steps:
        form = main.get_by_test_id("stForm").first  # the change form (Add a bid is hidden)
        form.get_by_test_id("stSelectbox").filter(has_text="Status").click()
        page.get_by_role("option", name=status, exact=True).click()
        if "amount" in extra:
            form.get_by_role("spinbutton", name="Amount awarded (£)").fill(extra["amount"])
        if extra.get("report"):
            form.get_by_text("Final report received").click()
        form.get_by_label("Reason for the change (goes in "
                          "the audit trail)").fill(f"Panel: {status}")
        form.get_by_role("button", name="Save change").click()
        expect(main.get_by_text(f"Saved {ref}: now {status}.")).to_be_visible()
        wait_for_app(page)

    expect(main.get_by_text("Completed is final")).to_be_visible()
    # the history table lists every step, newest first, with its reason
    history = main.get_by_test_id("stDataFrame").last
    history.scroll_into_view_if_needed()
    steps_shown = [row[3:6] for row in grid_rows(history)]  # from_status, to_status, reason
    assert steps_shown == [["in_progress", "completed", "Panel: completed"],
                           ["awarded", "in_progress", "Panel: in progress"],
                           ["shortlisted", "awarded", "Panel: awarded"],
                           ["received", "shortlisted", "Panel: shortlisted"]]

    # the pipeline (still filtered to this one bid) now counts it as completed
    main.get_by_role("tab", name="Pipeline").click()
    wait_for_app(page)
    pipeline = {row[0]: row[1] for row in grid_rows(main.get_by_test_id("stDataFrame").first)}
    assert pipeline["completed"] == "1" and pipeline["received"] == "0"


def test_an_over_cap_award_is_refused_in_the_browser(page, private_server, demo_db_template):
    base, _ = private_server
    sign_in(page, base, "staff")
    page.goto(f"{base}/bids")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    main.get_by_role("tab", name="Add a bid").click()
    wait_for_app(page)
    form = main.get_by_test_id("stForm").last
    form.get_by_label("Reference").fill("LP-2026-950")
    form.get_by_label("Applicant name").fill("Ada Example")
    form.get_by_label("Applicant email").fill("ada.example@example.org")
    form.get_by_label("Project title").fill("Falls clinic")
    form.get_by_role("textbox", name="Amount requested (£)").fill("12,000")
    form.get_by_role("button", name="Add bid").click()
    expect(main.get_by_text("£12,000 requested is over the £10,000 cap for "
                            "leadership bids")).to_be_visible()


def test_a_trustee_views_the_bids_charts_without_applicants(page, live_server, demo_db_template):
    sign_in(page, live_server, "trustee")
    page.goto(f"{live_server}/bids")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Grant bids")).to_be_visible()
    expect(main.get_by_text(demo.BID_SUCCESS_RATE)).to_be_visible()
    assert main.get_by_role("tab", name="Change a bid").count() == 0
    main.get_by_role("tab", name="Charts").click()
    wait_for_app(page)
    charts = main.get_by_test_id("stPlotlyChart")
    charts.last.scroll_into_view_if_needed()
    expect(charts.filter(visible=True)).to_have_count(3)
    expect(main.get_by_text("Amounts by region (£)")).to_be_visible()
    expect(main.get_by_text("Amounts by year (£)")).to_be_visible()
    expect(main.get_by_text("Awarded against the annual budget (£)")).to_be_visible()
    html = page.content()
    assert "@example.org" not in html
    assert not [s for s in _applicants(demo_db_template) if s in html]
