"""Reminders against a real SMTP server (aiosmtpd on 127.0.0.1): each is sent once however
often `remind` runs, carries a personal link that opens the right form, and honours opt-outs."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

from casson.mail import reminders, sending
from casson.participants import responses
from casson.platform import settings
from tests import test_mail
from tests.conftest import ROOT

smtp = test_mail.smtp  # the aiosmtpd fixture

MIDTERM = dt.date(2022, 1, 30)  # cohort-2 runs 1 November 2021 to 30 April 2022


def _link(msg) -> str:
    found = re.search(r"/respond\?t=(\S+)", msg.get_body(("plain",)).get_content())
    assert found, "the reminder carries no personal link"
    return found.group(1)


def test_midterm_checkin_reminders_arrive_once_with_a_link_to_the_persons_own_form(con, smtp):
    inbox, server = smtp
    plan = reminders.due(con, MIDTERM)
    expected = con.execute(
        "SELECT per.email, per.full_name FROM participants pa JOIN people per ON per.id = "
        "pa.person_id WHERE pa.cohort_id = 'cohort-2' AND NOT EXISTS (SELECT 1 FROM checkins c "
        "WHERE c.participant_id = pa.id) AND EXISTS (SELECT 1 FROM pairs pr WHERE pr.status = "
        "'active' AND (pr.mentor_id = pa.id OR pr.mentee_id = pa.id))"
    ).fetchall()
    assert sorted(r.recipient for r in plan.due) == sorted(e for e, _ in expected)
    assert {r.purpose for r in plan.due} == {"checkin"}
    outcome = reminders.send(con, "cron", plan, server)
    assert len(outcome.sent) == len(expected) and outcome.failed == []
    email, name = expected[0]
    [msg] = inbox.to(email)
    assert msg["Subject"] == "Cohort 2 (2021-22): two minutes for your mid-term check-in"
    form = responses.open_form(con, _link(msg))
    assert (form.purpose, form.first_name) == ("checkin", name.split()[0])
    assert con.execute(
        "SELECT count(*), min(purpose), min(due_on) FROM reminders_sent"
    ).fetchone() == (len(expected), "checkin", MIDTERM)
    assert con.execute(
        "SELECT count(*) FROM email_log WHERE template = 'remind-checkin' AND status = 'sent'"
    ).fetchone()[0] == len(expected)
    # however often it runs: the same day, and the days after within the window, send nothing
    for day in (MIDTERM, MIDTERM + dt.timedelta(days=1), MIDTERM + dt.timedelta(days=6)):
        again = reminders.due(con, day)
        assert (again.due, again.done) == ([], len(expected))
        assert reminders.send(con, "cron", again, server).sent == []
    assert len(inbox.messages) == len(expected)


def test_no_meeting_after_21_days_reminds_both_of_the_pair(con, smtp):
    inbox, server = smtp
    plan = reminders.due(con, dt.date(2021, 12, 6))  # pairs started 15 November 2021
    pair58 = [r for r in plan.due if r.about == "pair 58"]
    people = con.execute(
        "SELECT pm.email, pm.full_name, ps.email, ps.full_name FROM pairs pr "
        "JOIN participants a ON a.id = pr.mentor_id JOIN people pm ON pm.id = a.person_id "
        "JOIN participants b ON b.id = pr.mentee_id JOIN people ps ON ps.id = b.person_id "
        "WHERE pr.id = 58"
    ).fetchone()
    assert sorted(r.recipient for r in pair58) == sorted([people[0], people[2]])
    reminders.send(con, "cron", plan, server)
    [to_mentor] = inbox.to(people[0])
    assert to_mentor["Subject"] == f"Cohort 2 (2021-22): have you met {people[3]} yet?"
    form = responses.open_form(con, _link(to_mentor))
    assert (form.purpose, form.partner_first_name) == ("meeting", people[3].split()[0])


def test_survey_on_the_last_day_then_a_nudge_a_week_later_to_those_who_have_not_answered(con, smtp):
    inbox, server = smtp
    last_day = reminders.due(con, dt.date(2022, 4, 30))
    everyone = con.execute(
        "SELECT count(*) FROM participants WHERE cohort_id = 'cohort-2'"
    ).fetchone()[0]
    assert len(last_day.due) == everyone and {r.purpose for r in last_day.due} == {"survey"}
    reminders.send(con, "cron", last_day, server)
    answered = last_day.due[0].recipient
    responses.submit(con, _link(inbox.to(answered)[0]), {"would_recommend": 5})
    nudge = reminders.due(con, dt.date(2022, 5, 7))
    assert {r.purpose for r in nudge.due} == {"survey_nudge"}
    assert len(nudge.due) == everyone - 1 and answered not in {r.recipient for r in nudge.due}


def test_grant_reports_are_reminded_a_week_before_and_on_the_day_to_the_applicant(con, smtp):
    inbox, server = smtp
    week_before = reminders.due(con, dt.date(2027, 6, 23))
    applicants = con.execute(
        "SELECT b.applicant_email FROM bid_reports r JOIN bids b ON "
        "b.id = r.bid_id WHERE r.received_on IS NULL AND r.due_on = "
        "'2027-06-30'"
    ).fetchall()
    assert sorted(r.recipient for r in week_before.due) == sorted(a for (a,) in applicants)
    reminders.send(con, "cron", week_before, server)
    assert reminders.due(con, dt.date(2027, 6, 24)).due == []  # not every day of the week
    on_the_day = reminders.due(con, dt.date(2027, 6, 30))
    assert {r.due_on for r in on_the_day.due} == {dt.date(2027, 6, 30)}
    assert len(on_the_day.due) == len(applicants)
    reminders.send(con, "cron", on_the_day, server)
    msg = inbox.to(applicants[0][0])[-1]
    assert "is due on 30 June 2027" in msg["Subject"]
    assert responses.open_form(con, _link(msg)).purpose == "report"


def test_opted_out_people_get_no_reminder_and_reviewers_are_explained(con):
    plan = reminders.due(con, MIDTERM)
    person_id, email = con.execute(
        "SELECT person_id, recipient FROM (SELECT "
        f"{plan.due[0].message.person_id} AS person_id, "
        f"'{plan.due[0].recipient}' AS recipient)"
    ).fetchone()
    sending.set_opt_out(con, "staff", person_id, True)
    again = reminders.due(con, MIDTERM)
    assert email not in {r.recipient for r in again.due}
    assert (email, "checkin: opted out of programme email") in again.skipped
    assert reminders.NO_REVIEW_DEADLINE in again.notes


def test_the_weekly_digest_goes_to_staff_once_a_week(con, smtp):
    inbox, server = smtp
    settings.put(con, "reminder_digest_to", "coordinator@example.org")
    monday = dt.date(2022, 1, 17)
    plan = reminders.due(con, monday + dt.timedelta(days=2))
    [digest] = [r for r in plan.due if r.purpose == "digest"]
    assert digest.due_on == monday and "- Cohort 2 (2021-22):" in digest.message.body
    reminders.send(con, "cron", plan, server)
    assert [
        r for r in reminders.due(con, monday + dt.timedelta(days=4)).due if r.purpose == "digest"
    ] == []
    assert [
        r.purpose
        for r in reminders.due(con, monday + dt.timedelta(days=7)).due
        if r.purpose == "digest"
    ] == ["digest"]
    assert (
        "Needs attention, week of 17 January 2022"
        in inbox.to("coordinator@example.org")[0]["Subject"]
    )


def test_remind_send_twice_on_the_same_date_sends_nothing_the_second_time(demo_db):
    def remind(*extra):
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "casson",
                "--db",
                str(demo_db),
                "remind",
                "--as-of",
                MIDTERM.isoformat(),
                "--json",
                *extra,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={"PATH": "/usr/bin:/bin", "HOME": str(demo_db.parent)},
        )
        return json.loads(out.stdout)

    preview = remind()
    assert preview["due"] > 0 and "sent" not in preview
    first = remind("--send")
    assert first["sent"] == preview["due"] and first["failed"] == []
    second = remind("--send")
    assert (second["due"], second["sent"], second["already_sent"]) == (0, 0, preview["due"])
    assert len(list((demo_db.parent / "outbox").glob("*.eml"))) == preview["due"]


def test_a_checkin_email_carries_each_persons_own_link_made_only_on_sending(con, smtp):
    inbox, server = smtp
    batch = sending.compose(con, "checkin", "cohort-2")
    first = batch.messages[0]
    assert sending.LINK_PREVIEW in first.body  # the preview issues no link
    assert con.execute("SELECT count(*) FROM links_issued").fetchone()[0] == 0
    outcome = sending.send(con, "staff", batch, server)
    assert len(outcome.sent) == len(batch.messages)
    assert con.execute(
        "SELECT count(*), min(purpose), max(purpose) FROM links_issued"
    ).fetchone() == (len(batch.messages), "checkin", "checkin")
    [msg] = inbox.to(first.recipient)
    form = responses.open_form(con, _link(msg))
    assert (form.purpose, form.first_name) == ("checkin", first.name.split()[0])
    assert sending.LINK_PREVIEW not in msg.get_body(("plain",)).get_content()


def test_an_introduction_carries_a_meeting_link_for_that_pair(con, smtp):
    inbox, server = smtp
    batch = sending.compose(con, "introduction", "cohort-2")
    m = batch.messages[0]
    sending.send(con, "staff", sending.Batch("introduction", "cohort-2", [m], [], []), server)
    form = responses.open_form(con, _link(inbox.to(m.recipient)[0]))
    assert form.purpose == "meeting"
    assert form.partner_first_name == m.values["other_name"].split()[0]
