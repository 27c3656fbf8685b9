"""A coordinator runs cohort-2 in the browser: activates suggested pairs, logs a meeting, re-pairs
a flagged pair from the attention list, adds a webinar, ticks attendance and downloads its .ics
(which parses back with icalendar)."""

import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest
from conftest import sign_in, wait_for_app
from icalendar import Calendar

pytestmark = pytest.mark.browser

COHORT, COHORT_NAME = "cohort-2", "Cohort 2 (2021-22)"
SHOTS = Path("/tmp/cohort-shots")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def _rows_template(dbfile, sql, params=()):
    con = duckdb.connect(str(dbfile), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _choose(page, scope, label: str, text: str) -> None:
    box = scope.locator('[data-testid="stSelectbox"]').filter(
        has=page.locator("label").get_by_text(label, exact=True)).first
    box.click()
    page.keyboard.type(text)
    page.get_by_role("option").filter(has_text=text).first.click()
    wait_for_app(page)


def _date(page, scope, label: str, day: dt.date) -> None:
    """Type a date into a Streamlit date field (day, month, year segments, as DD/MM/YYYY)."""
    field = scope.get_by_label(label, exact=True)
    field.locator('[role="spinbutton"]').first.click()
    page.keyboard.type(day.strftime("%d%m%Y"))
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)


def test_coordinator_runs_a_cohort(private_server, page, demo_db_template):
    try:
        _journey(private_server, page, demo_db_template)
    except Exception:
        _shot(page, "failure.png")
        raise


def _journey(private_server, page, demo_db_template):
    base, _ = private_server  # the server holds its database: assert through the page
    sign_in(page, base, "staff")
    page.goto(base + "/pairs")
    wait_for_app(page)
    _choose(page, page, "Cohort", COHORT_NAME)

    # Suggest pairs for the waiting mentees and accept them (proposed), then activate them all.
    page.get_by_role("tab", name="Suggest pairs").click()
    page.get_by_role("button", name="Suggest pairs").click()
    wait_for_app(page)
    page.get_by_role("button", name="Accept ticked suggestions").click()
    wait_for_app(page)
    # a saved note shows twice: at the top of the page and as a toast
    page.get_by_text("Accepted:").first.wait_for()
    page.get_by_role("tab", name="Change a pair").click()
    page.get_by_role("button", name="Activate all").click()
    wait_for_app(page)
    page.get_by_text("they now count as formed.").first.wait_for()
    _shot(page, "activated.png")

    # Log a meeting for the first flagged "no meeting" pair, as of 20 January 2022.
    page.get_by_role("tab", name="Needs attention").click()
    tab = page.get_by_role("tabpanel", name="Needs attention")
    _date(page, tab, "As of", dt.date(2022, 1, 20))
    page.get_by_text("items need attention on 20 Jan 2022").wait_for()
    _shot(page, "attention.png")
    _choose(page, tab, "Flagged pair", "no meeting logged")
    meeting = tab.locator('[data-testid="stForm"]').filter(has_text="Log a meeting")
    _date(page, meeting, "Met on", dt.date(2022, 1, 12))
    meeting.get_by_role("button", name="Log meeting").click()
    wait_for_app(page)
    page.get_by_text("Logged a meeting on 12 Jan 2022.").first.wait_for()
    meetings_before = _rows_template(demo_db_template, "SELECT count(*) FROM meetings")[0][0]
    page.get_by_role("tab", name="Meetings and check-ins").click()
    page.get_by_text(f"{meetings_before + 1} meetings logged in Cohort 2 (2021-22)").wait_for()

    # Re-pair the pair whose mentee reported a poor fit.
    page.get_by_role("tab", name="Needs attention").click()
    tab = page.get_by_role("tabpanel", name="Needs attention")
    _date(page, tab, "As of", dt.date(2022, 1, 20))
    _choose(page, tab, "Flagged pair", "poor fit")
    form = tab.locator('[data-testid="stForm"]').filter(has_text="Re-pair the mentee")
    # The form sits below the attention list (the demo's waiting mentees make it long): a click
    # that has to scroll to the picker closes its list again (the list closes on scroll), so
    # bring it into view and type, which opens the list whatever the click did.
    mentor = form.locator('[data-testid="stSelectbox"]').nth(1)
    mentor.scroll_into_view_if_needed()
    mentor.click()
    page.keyboard.type("places free")
    # a mentor with no free place (not the pair's own, who is over): go over capacity, with a reason
    (page.get_by_role("option").filter(has_text=re.compile(r"\(0 of \d+ places free\)"))
     .first.click())
    form.get_by_label("Reason (optional)").fill("poor fit at check-in")
    form.get_by_text("Go over the mentor's capacity").click()
    form.get_by_label("Why going over capacity is right").fill("she offered to take one more")
    form.get_by_role("button", name="Re-pair").click()
    wait_for_app(page)
    page.get_by_text("Reassigned ").first.wait_for()
    page.get_by_role("tab", name="History").click()
    page.get_by_text("poor fit at check-in").first.wait_for(state="attached")  # a grid cell
    proposed = page.locator('[data-testid="stMetric"]').filter(has_text="Proposed pairs")
    assert proposed.locator('[data-testid="stMetricValue"]').inner_text() == "0"

    # Add a webinar on the Cohorts page, tick two attendees, download its .ics.
    page.goto(base + "/cohorts")
    wait_for_app(page)
    _choose(page, page, "Cohort", COHORT_NAME)
    new = page.locator('[data-testid="stForm"]').filter(has_text="Joining link").first
    page.get_by_text("Add a webinar").click()
    new.get_by_label("Title").fill("Leading change")
    _date(page, new, "Date", dt.date(2022, 4, 11))
    new.get_by_label("Joining link").fill("https://teams.example.org/leading-change")
    new.get_by_role("button", name="Add webinar").click()
    wait_for_app(page)
    page.get_by_text("Added the webinar Leading change on 11 Apr 2022 at 13:00.").first.wait_for()
    names = [r[0] for r in _rows_template(demo_db_template, "SELECT per.full_name FROM "
                                                            "participants p JOIN people per "
                                 "ON per.id = p.person_id WHERE p.cohort_id = ? ORDER BY "
                                 "per.full_name LIMIT 2", [COHORT])]
    register = page.locator('[data-testid="stForm"]').filter(has_text="Who attended")
    for name in names:
        register.locator('[data-testid="stMultiSelect"]').click()
        page.keyboard.type(name)
        page.get_by_role("option").filter(has_text=name).first.click()
    page.keyboard.press("Escape")
    register.get_by_role("button", name="Save attendance").click()
    wait_for_app(page)
    page.get_by_text("Attendance saved: 2 attended").first.wait_for()
    page.get_by_text("Attendance (2 of").wait_for()
    _shot(page, "webinar.png")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download Leading change (.ics)").click()
    download = info.value
    assert download.suggested_filename == "leading-change.ics"
    cal = Calendar.from_ical(Path(download.path()).read_bytes())
    [event] = cal.walk("VEVENT")
    assert str(event["summary"]) == "Leading change"
    assert event.decoded("dtstart").replace(tzinfo=None) == dt.datetime(2022, 4, 11, 13)
    assert str(event["url"]) == "https://teams.example.org/leading-change"
