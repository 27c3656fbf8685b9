"""Catching up on a cohort: pairs activated late start with the term (or a chosen date), and
meetings already held within the term can be logged (issue 26)."""

import datetime as dt
import subprocess
import sys

import pytest
from conftest import open_tab

from casson.mentoring import cohorts, matching, meetings, pairs
from casson.platform import db
from ui import pair_forms

COHORT_START = dt.date(2021, 11, 1)  # cohort-2 in the demo runs 1 Nov 2021 – 30 Apr 2022


def propose_all(con):
    matching.apply(con, "staff", matching.propose(con, "cohort-2"), status="proposed")
    return [
        r[0]
        for r in con.execute(
            "SELECT id FROM pairs WHERE cohort_id = 'cohort-2' AND status = 'proposed' ORDER BY id"
        ).fetchall()
    ]


def started(con, ids):
    marks = ", ".join("?" * len(ids))
    return {
        r[0]
        for r in con.execute(f"SELECT started_on FROM pairs WHERE id IN ({marks})", ids).fetchall()
    }


def test_activating_after_the_cohort_started_defaults_to_the_cohorts_start(con):
    assert cohorts.activation_start(con, "cohort-2", today=dt.date(2021, 12, 2)) == COHORT_START
    assert cohorts.activation_start(con, "cohort-2", today=dt.date(2021, 10, 20)) == dt.date(
        2021, 10, 20
    )  # before the start: today
    proposed = propose_all(con)
    pairs.activate(con, "staff", "cohort-2", proposed[:3])
    assert started(con, proposed[:3]) == {COHORT_START}
    pairs.activate(con, "staff", "cohort-2", proposed[3:5], started_on=dt.date(2021, 12, 1))
    assert started(con, proposed[3:5]) == {dt.date(2021, 12, 1)}


def test_a_start_before_the_cohort_or_in_the_future_is_refused_and_nothing_changes(con):
    proposed = propose_all(con)
    with pytest.raises(cohorts.CohortError, match="starts on 01/11/2021"):
        pairs.activate(con, "staff", "cohort-2", proposed[:2], started_on=dt.date(2021, 10, 1))
    with pytest.raises(cohorts.CohortError, match="in the future"):
        pairs.activate(
            con,
            "staff",
            "cohort-2",
            proposed[:2],
            started_on=dt.date.today() + dt.timedelta(days=3),
        )
    assert {
        r[0]
        for r in con.execute("SELECT status FROM pairs WHERE id IN (?, ?)", proposed[:2]).fetchall()
    } == {"proposed"}


def test_a_past_meeting_within_the_term_is_accepted_for_a_pair_activated_late(con):
    proposed = propose_all(con)
    pairs.activate(con, "staff", "cohort-2", proposed[:1], started_on=dt.date(2022, 1, 10))
    mid = meetings.log(con, "staff", proposed[0], dt.date(2021, 11, 20), 45, "video")
    assert con.execute(
        "SELECT pair_id, met_on, minutes FROM meetings WHERE id = ?", [mid]
    ).fetchone() == (proposed[0], dt.date(2021, 11, 20), 45)
    with pytest.raises(meetings.MeetingError, match="before 01 Nov 2021"):
        meetings.log(con, "staff", proposed[0], dt.date(2021, 10, 25))


def test_pairs_activate_takes_a_start_date_on_the_command_line(con, demo_db):
    proposed = propose_all(con)
    con.close()
    run = [
        sys.executable,
        "-m",
        "casson",
        "--db",
        str(demo_db),
        "pairs",
        "activate",
        "--cohort",
        "cohort-2",
        "--pair",
        str(proposed[0]),
    ]
    bad = subprocess.run([*run, "--starts", "31/02/2022"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--starts '31/02/2022'" in bad.stderr
    early = subprocess.run([*run, "--starts", "01/10/2021"], capture_output=True, text=True)
    assert early.returncode == 1 and "starts on 01/11/2021" in early.stderr
    out = subprocess.run([*run, "--starts", "01/12/2021"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "1 pairs activated, starting 01/12/2021" in out.stdout
    again = db.connect(demo_db)
    try:
        assert started(again, proposed[:1]) == {dt.date(2021, 12, 1)}
        assert again.execute("SELECT status FROM pairs WHERE id = ?", proposed[:1]).fetchone() == (
            "active",
        )
    finally:
        again.close()


def test_the_pairs_page_offers_the_cohorts_start_and_stores_the_date_chosen(pairs_page):
    from ui import data

    at = open_tab(pairs_page, pair_forms.TAB_KEY, "Suggest pairs")
    at.button(key="pairs_suggest_submit").click().run()
    at.radio(key="pairs_accept_status").set_value("proposed")
    at.button(key="pairs_accept").click().run()
    open_tab(at, pair_forms.TAB_KEY, "Change a pair")
    starts = at.date_input(key="pairs_activate_starts")
    assert starts.value == COHORT_START and starts.label == "Start date"
    with data.cursor() as cur:
        first = cur.execute(
            "SELECT min(id) FROM pairs WHERE cohort_id = 'cohort-2' AND status = 'proposed'"
        ).fetchone()[0]
    at.multiselect(key="pairs_activate_pairs").set_value([first])
    starts.set_value(dt.date(2021, 12, 6))
    at.button(key="pairs_activate_submit").click().run()
    assert not at.exception
    assert at.success[0].value == (
        "Activated 1 pair, starting 06/12/2021: they now count as formed."
    )
    with data.cursor() as cur:
        assert cur.execute(
            "SELECT status, started_on FROM pairs WHERE id = ?", [first]
        ).fetchone() == ("active", dt.date(2021, 12, 6))
