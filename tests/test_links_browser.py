"""Personal links in a real browser on a fresh `streamlit run`: the form opens without sign-in,
every unusable token is refused with no form and no data, the websocket carries nobody else's
name or email, and a check-in and a survey sent through links reach Pairs and the KPIs."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import expect

from casson.mentoring import attention
from casson.outcomes import kpis
from casson.platform import db, links
from tests.support import grid_rows, serve_app, sign_in, wait_for_app

pytestmark = pytest.mark.browser
COHORT, COHORT_NAME = "cohort-2", "Cohort 2 (2021-22)"


@dataclass
class Setup:
    dbfile: Path
    authfile: Path
    tokens: dict[str, str] = field(default_factory=dict)
    facts: dict = field(default_factory=dict)


def _people(con, pair_id: int) -> dict:
    row = con.execute(
        "SELECT a.id, a.person_id, pm.full_name, pm.email, b.id, b.person_id, ps.full_name, "
        "ps.email FROM pairs pr JOIN participants a ON a.id = pr.mentor_id "
        "JOIN participants b ON b.id = pr.mentee_id JOIN people pm ON pm.id = a.person_id "
        "JOIN people ps ON ps.id = b.person_id WHERE pr.id = ?",
        [pair_id],
    ).fetchone()
    keys = (
        "mentor_part",
        "mentor_person",
        "mentor_name",
        "mentor_email",
        "mentee_part",
        "mentee_person",
        "mentee_name",
        "mentee_email",
    )
    return dict(zip(keys, row, strict=True))


def _issue(con, purpose, subject, person, email, **kw) -> str:
    token, _ = links.issue(
        con, "staff", purpose, subject, email=email, person_id=person, cohort_id=COHORT, **kw
    )
    return token


@pytest.fixture
def setup(demo_db_template: Path, accounts_template: Path, tmp_path: Path) -> Iterator[Setup]:
    """A demo copy with cohort-2 running today, and the links the tests open, made before the
    server starts (it holds the file while it runs)."""
    s = Setup(tmp_path / "casson.duckdb", tmp_path / "auth.yaml")
    shutil.copy(demo_db_template, s.dbfile)
    shutil.copy(accounts_template, s.authfile)
    con = db.connect(s.dbfile)
    con.execute("UPDATE cohorts SET ends_on = current_date + 30 WHERE id = ?", [COHORT])
    today = dt.date.today()
    found = attention.items(con, COHORT, today)
    only_mentee = next(
        i for i in found if i.codes == ["no_checkin"] and i.reasons[0].endswith("from the mentee")
    )
    a = _people(con, only_mentee.pair_id)
    other_pair = next(
        i.pair_id for i in found if i.kind == "pair" and i.pair_id != only_mentee.pair_id
    )
    b = _people(con, other_pair)
    meeting = _issue(con, "meeting", only_mentee.pair_id, a["mentor_person"], a["mentor_email"])
    payload = json.loads(links._unb64(meeting.split(".")[1]))
    forged = links._b64(
        json.dumps(
            {**payload, "s": str(other_pair)}, separators=(",", ":"), sort_keys=True
        ).encode()
    )
    sig = meeting.split(".")[2]
    s.tokens = {
        "meeting": meeting,
        "checkin": _issue(con, "checkin", a["mentee_part"], a["mentee_person"], a["mentee_email"]),
        "survey": _issue(con, "survey", a["mentee_part"], a["mentee_person"], a["mentee_email"]),
        "changed": meeting[:-1] + ("A" if meeting[-1] != "A" else "B"),
        "expired": _issue(
            con,
            "meeting",
            only_mentee.pair_id,
            a["mentor_person"],
            a["mentor_email"],
            now=dt.datetime(2024, 1, 1),
            expires=dt.datetime(2024, 2, 1),
        ),
        "other_pair": f"v1.{forged}.{sig}",
        "revoked": _issue(con, "checkin", b["mentee_part"], b["mentee_person"], b["mentee_email"]),
    }
    links.revoke_person(con, "staff", b["mentee_person"])
    s.facts = {
        "a": a,
        "b": b,
        "pair": only_mentee.pair_id,
        "attention": len(found),
        "checkins": con.execute(
            "SELECT count(*) FROM checkins WHERE cohort_id = ?", [COHORT]
        ).fetchone()[0],
        "kpis": kpis.cohort_kpis(con, COHORT),
        "everyone": con.execute("SELECT full_name, email FROM people").fetchall(),
    }
    con.execute("CHECKPOINT")
    con.close()
    yield s


def _open(page, base: str, token: str) -> None:
    page.goto(f"{base}/respond?t={token}")
    wait_for_app(page)


def _assert_refused(page) -> None:
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(links.REFUSAL)).to_be_visible()
    assert page.get_by_test_id("stForm").count() == 0, "a refused link showed a form"
    assert page.get_by_test_id("stSidebarNav").count() == 0
    assert page.get_by_role("textbox", name="Username").count() == 0
    assert "example.org" not in page.content()
    assert "Hello" not in page.locator("body").inner_text()


def test_every_unusable_link_is_refused_in_the_browser_and_the_wire_carries_no_one_else(
    page, setup
):
    frames: list[str] = []

    def watch(ws) -> None:
        ws.on(
            "framereceived",
            lambda payload: frames.append(
                payload.decode("utf-8", "ignore") if isinstance(payload, bytes) else payload
            ),
        )

    page.on("websocket", watch)
    a = setup.facts["a"]
    with serve_app(setup.dbfile, setup.authfile) as base:
        _open(page, base, setup.tokens["meeting"])  # the first request to a cold server
        main = page.get_by_test_id("stMain")
        expect(main.get_by_text(f"Hello {a['mentor_name'].split()[0]}.")).to_be_visible()
        expect(main.get_by_text(f"meeting with {a['mentee_name'].split()[0]}")).to_be_visible()
        assert page.get_by_test_id("stSidebarNav").count() == 0
        wire = "\n".join(frames)
        assert a["mentor_name"].split()[0] in wire  # the capture does see the page's text
        for name, email in setup.facts["everyone"]:
            assert email not in wire, f"{email} reached a link page"
            if name != a["mentor_name"]:
                assert name not in wire, f"{name} reached a link page"
        assert a["mentor_email"] not in wire and "@example.org" not in wire
        frames.clear()  # the survey page: the mentee's own first name and nobody else
        _open(page, base, setup.tokens["survey"])
        expect(main.get_by_text(f"Hello {a['mentee_name'].split()[0]}.")).to_be_visible()
        wire = "\n".join(frames)
        assert a["mentee_name"].split()[0] in wire and "@example.org" not in wire
        assert not [n for n, _ in setup.facts["everyone"] if n in wire]
        for kind in ("changed", "expired", "other_pair", "revoked"):
            _open(page, base, setup.tokens[kind])
            _assert_refused(page)

        # A check-in link works once: the second visit is refused.
        _open(page, base, setup.tokens["checkin"])
        form = page.get_by_test_id("stForm")
        form.get_by_text("good", exact=True).click()
        form.get_by_text("4", exact=True).click()
        form.get_by_role("button", name="Send").click()
        expect(page.get_by_text("Thank you: your check-in is stored.")).to_be_visible()
        page.context.clear_cookies()
        fresh = page.context.new_page()
        _open(fresh, base, setup.tokens["checkin"])
        _assert_refused(fresh)


def test_a_checkin_and_a_survey_through_links_reach_pairs_attention_and_the_kpis(page, setup):
    a = setup.facts["a"]
    with serve_app(setup.dbfile, setup.authfile) as base:
        _open(page, base, setup.tokens["checkin"])
        form = page.get_by_test_id("stForm")
        expect(page.get_by_text(f"Hello {a['mentee_name'].split()[0]}.")).to_be_visible()
        # a participant's browser is not made to load the staff pages' widget code (ui/warm.py)
        assert page.evaluate("() => window.cassonWarmQueue === undefined")
        form.get_by_text("unsure", exact=True).click()
        form.get_by_text("3", exact=True).click()
        form.get_by_label("Anything we can help with?").fill("Finding time is hard")
        form.get_by_role("button", name="Send").click()
        expect(page.get_by_text("Thank you: your check-in is stored.")).to_be_visible()

        survey = page.context.new_page()
        _open(survey, base, setup.tokens["survey"])
        form = survey.get_by_test_id("stForm")
        for group in form.get_by_role("radiogroup").all():
            group.get_by_text("strongly agree", exact=True).click()
        form.get_by_text("I would be willing to become a mentor").click()
        form.get_by_role("button", name="Send").click()
        expect(survey.get_by_text("Thank you: your answers are stored.")).to_be_visible()

        staff = page.context.browser.new_context().new_page()
        sign_in(staff, base, "staff")
        staff.goto(base + "/pairs")
        wait_for_app(staff)
        box = staff.locator('[data-testid="stSelectbox"]').first
        box.click()
        staff.keyboard.type(COHORT_NAME)
        staff.get_by_role("option").filter(has_text=COHORT_NAME).first.click()
        wait_for_app(staff)
        staff.get_by_role("tab", name="Meetings and check-ins").click()
        wait_for_app(staff)
        staff.get_by_text(f"{setup.facts['checkins'] + 1} check-ins in {COHORT_NAME}").wait_for()
        grid = staff.get_by_test_id("stDataFrame").nth(1)
        newest = grid_rows(grid)[0]
        assert a["mentee_name"] in newest and "unsure" in newest and "link" in newest
        staff.get_by_role("tab", name="Needs attention").click()
        wait_for_app(staff)
        staff.get_by_text(f"{setup.facts['attention'] - 1} items need attention").wait_for()
    con = duckdb.connect(str(setup.dbfile))  # once the server has let go of the file
    try:
        after = kpis.cohort_kpis(con, COHORT)
        stored = con.execute(
            "SELECT fit, rating, comment, source FROM checkins WHERE participant_id = ?",
            [a["mentee_part"]],
        ).fetchall()
    finally:
        con.close()
    assert setup.facts["kpis"]["mentee_responses"] == 0
    assert (
        after["mentee_responses"],
        after["pct_would_recommend"],
        after["mentees_willing_to_mentor"],
    ) == (1, 100.0, 1)
    assert ("unsure", 3, "Finding time is hard", "link") in stored


def test_the_public_register_takes_an_entry_and_the_address_is_rate_limited(page, setup):
    con = duckdb.connect(str(setup.dbfile))
    con.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('public_register', 'on'), "
        "('links_requests_per_10_minutes', '3')"
    )
    con.close()
    with serve_app(setup.dbfile, setup.authfile) as base:
        page.goto(f"{base}/register")
        wait_for_app(page)
        main = page.get_by_test_id("stMain")
        expect(
            main.get_by_role("heading", name="Register your interest in mentoring")
        ).to_be_visible()
        assert page.get_by_test_id("stSidebarNav").count() == 0
        form = page.get_by_test_id("stForm")
        form.get_by_label("Your name").fill("Nia Rees")
        form.get_by_label("Your email").fill("nia.rees@example.org")
        form.get_by_text("I agree that the Elizabeth Casson Trust may contact me").click()
        form.get_by_role("button", name="Register").click()  # one request of three
        expect(main.get_by_text("Thank you: your interest is registered.")).to_be_visible()
        for _ in range(2):  # two more: still served
            fresh = page.context.new_page()
            _open(fresh, base, setup.tokens["meeting"])
            expect(fresh.get_by_text("Hello ")).to_be_visible()
        limited = page.context.new_page()  # the fourth: refused, no form
        _open(limited, base, setup.tokens["meeting"])
        expect(limited.get_by_text("Too many requests from your connection.")).to_be_visible()
        assert limited.get_by_test_id("stForm").count() == 0
    con = duckdb.connect(str(setup.dbfile))
    try:
        assert con.execute(
            "SELECT full_name, source, consent, status FROM interest "
            "WHERE email_key = 'nia.rees@example.org'"
        ).fetchall() == [("Nia Rees", "web form", True, "new")]
    finally:
        con.close()
