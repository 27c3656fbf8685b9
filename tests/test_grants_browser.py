"""Grant review end to end in headless Chromium: staff assign two reviewers; one declares a
conflict, the other scores; staff rank and award under the cap; two instalments, one paid."""

import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import expect

from casson.platform import accounts
from tests.conftest import serve_app, sign_in, sign_out, wait_for_app

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/grants-shots")
REVIEWERS = {"rev.one": ("Rhys One", "panel-one-pass-26"),
             "rev.two": ("Tess Two", "panel-two-pass-26")}


@pytest.fixture
def grants_files(demo_db_template, accounts_template, tmp_path):
    """A private demo database and accounts with two reviewers (the server is the test's own,
    stopped before the test reads the database: a running app holds the file)."""
    dbfile, authfile = tmp_path / "casson.duckdb", tmp_path / "auth.yaml"
    shutil.copy(demo_db_template, dbfile)
    shutil.copy(accounts_template, authfile)
    cfg = accounts.load(authfile)
    for username, (name, password) in REVIEWERS.items():
        accounts.add_user(cfg, username, name, "reviewer", password)
    accounts.save(authfile, cfg)
    return dbfile, authfile


def _bid(dbfile):
    con = duckdb.connect(str(dbfile), read_only=True)
    try:
        return con.execute("SELECT reference, id FROM bids WHERE status = 'received' AND "
                           "fund = 'leadership' AND amount_requested >= 4000 ORDER BY reference "
                           "LIMIT 1").fetchone()
    finally:
        con.close()


def _pick(page, box, option):
    box.click()
    page.keyboard.type(option)  # long lists are virtualised: filter to the option first
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click()
    wait_for_app(page)


def _tab(page, name):
    tab = page.get_by_test_id("stMain").get_by_role("tab", name=name)
    try:
        tab.wait_for(timeout=60_000)  # a loaded machine can be slow to draw the page
    except Exception:
        page.screenshot(path=str(SHOTS / "failed-tab.png"))
        raise
    tab.click()
    wait_for_app(page)


def _saw(page, text):
    try:
        page.get_by_test_id("stMain").get_by_text(text).first.wait_for(timeout=30_000)
    except Exception:
        page.screenshot(path=str(SHOTS / "failed.png"), full_page=True)
        print("ALERTS:", page.get_by_test_id("stAlert").all_inner_texts(),
              page.get_by_test_id("stException").all_inner_texts(),
              page.get_by_test_id("stMain").inner_text()[:3000])
        raise


def test_staff_assign_reviewers_one_conflicted_one_scores_then_award_and_pay(page, grants_files):
    dbfile, authfile = grants_files
    SHOTS.mkdir(exist_ok=True)
    ref, bid_id = _bid(dbfile)
    with serve_app(dbfile, authfile) as base:
        _walk_through(page, base, ref)

    con = duckdb.connect(str(dbfile), read_only=True)
    try:
        assert con.execute("SELECT reviewer, conflict, reason FROM bid_conflicts WHERE bid_id = ? "
                           "AND reviewer LIKE 'rev.%' ORDER BY reviewer", [bid_id]).fetchall() == [
            ("rev.one", True, "I line-manage the applicant"), ("rev.two", False, None)]
        assert con.execute("SELECT reviewer, weighted_score, recommendation FROM bid_reviews "
                           "WHERE bid_id = ? AND reviewer LIKE 'rev.%'", [bid_id]).fetchall() == [
            ("rev.two", 3, "fund")]
        assert con.execute("SELECT status, amount_awarded FROM bids WHERE id = ?", [bid_id]
                           ).fetchone() == ("awarded", 4000)
        assert [(float(a), p is not None) for a, p in con.execute(
            "SELECT amount, paid_on FROM bid_payments WHERE bid_id = ? ORDER BY due_on, id",
            [bid_id]).fetchall()] == [(2500.0, True), (1500.0, False)]
    finally:
        con.close()


def _walk_through(page, base, ref):
    # staff assign the bid to both reviewers in the demo's open round
    sign_in(page, base, "staff")
    page.goto(f"{base}/bids")
    wait_for_app(page)
    _tab(page, "Panel")
    main = page.get_by_test_id("stMain")
    form = main.get_by_test_id("stForm").filter(has_text="Assign bids to reviewers")
    bids_box = form.get_by_test_id("stMultiSelect").filter(has_text="Bids (received "
                                                                    "or shortlisted)")
    bids_box.click()
    page.keyboard.type(ref)
    page.get_by_role("option", name=re.compile(re.escape(ref))).first.click()
    people = form.get_by_test_id("stMultiSelect").filter(has_text="Reviewers")
    for username in REVIEWERS:
        # The picker sits at the foot of the window: focusing it scrolls the page, which closes
        # a menu opened by the click. Typing opens it again once the page is still, filtered.
        people.click()
        page.keyboard.type(username)
        page.get_by_role("option", name=re.compile(re.escape(username))).first.click()
    expect(people).to_contain_text(f"{REVIEWERS['rev.one'][0]} (rev.one)")
    expect(people).to_contain_text(f"{REVIEWERS['rev.two'][0]} (rev.two)")
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page.get_by_role("listbox")).to_have_count(0)  # closed: the click reaches the button
    form.get_by_role("button", name="Assign").click()
    _saw(page, "2 new assignments in round 2026-spring.")
    sign_out(page)

    # the first reviewer declares a conflict: the bid stays closed to them
    sign_in(page, base, "rev.one", REVIEWERS["rev.one"][1])
    page.goto(f"{base}/?bid={ref}")  # My reviews is a reviewer's home page, at /
    wait_for_app(page)
    _saw(page, f"Declare whether you have a conflict of interest on bid {ref}")
    main = page.get_by_test_id("stMain")
    page.screenshot(path=str(SHOTS / "declare.png"), full_page=True)
    main.get_by_text("Yes", exact=True).click()
    main.get_by_label("If yes, what is it?").fill("I line-manage the applicant")
    main.get_by_role("button", name="Declare").click()
    _saw(page, f"You declared a conflict of interest on bid {ref}")
    assert not main.get_by_role("button", name="Save review").count()
    page.screenshot(path=str(SHOTS / "conflict.png"), full_page=True)
    sign_out(page)

    # the second declares none and scores it
    sign_in(page, base, "rev.two", REVIEWERS["rev.two"][1])
    page.goto(f"{base}/?bid={ref}")  # My reviews is a reviewer's home page, at /
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    main.get_by_text("No", exact=True).click()
    main.get_by_role("button", name="Declare").click()
    _saw(page, "Declared no conflict: the bid is open to you.")
    main.get_by_text("fund", exact=True).click()
    main.get_by_label("Comment").fill("Clear plan, measured outcomes")
    main.get_by_role("button", name="Save review").click()
    _saw(page, "Review saved: weighted score 3.00 of 5.")
    page.screenshot(path=str(SHOTS / "review.png"), full_page=True)
    sign_out(page)

    # staff rank the round and decide: shortlist, then award under the cap
    sign_in(page, base, "staff")
    page.goto(f"{base}/bids")
    wait_for_app(page)
    _tab(page, "Panel")
    main = page.get_by_test_id("stMain")
    _pick(page, main.get_by_test_id("stSelectbox").filter(has_text="Decide on a bid"), ref)
    for decision, amount in (("shortlisted", None), ("awarded", "4000")):
        form = main.get_by_test_id("stForm").filter(has_text="Record decision")
        _pick(page, form.get_by_test_id("stSelectbox").filter(has_text="Decision"), decision)
        if amount:
            form.get_by_role("spinbutton", name="Amount awarded (£, for an award)").fill(amount)
        form.get_by_role("button", name="Record decision").click()
        _saw(page, f"Saved {ref}: now {decision}.")
        _saw(page, f"now {decision}")  # the bid's own line under the picker
        wait_for_app(page)
    page.screenshot(path=str(SHOTS / "panel.png"), full_page=True)

    # two instalments, one marked paid
    _tab(page, "After award")
    main = page.get_by_test_id("stMain")
    _pick(page, main.get_by_test_id("stSelectbox").filter(has_text="Awarded bid"), ref)
    # wait for each save's own result (a flash of the same words may still be on screen)
    for amount, total in (("2500", "£2,500"), ("1500", "£4,000")):
        form = main.get_by_test_id("stForm").filter(has_text="Schedule instalment")
        form.get_by_label("Instalment (£)").fill(amount)
        form.get_by_role("button", name="Schedule instalment").click()
        _saw(page, f"{ref} · awarded £4,000 · scheduled {total} · paid £0")
        wait_for_app(page)
    form = main.get_by_test_id("stForm").filter(has_text="Mark paid")
    form.get_by_role("button", name="Mark paid").click()
    _saw(page, f"{ref} · awarded £4,000 · scheduled £4,000 · paid £2,500")
    _saw(page, f"£2,500 marked paid on {date.today():%d/%m/%Y} for {ref}.")
    page.screenshot(path=str(SHOTS / "after-award.png"), full_page=True)
