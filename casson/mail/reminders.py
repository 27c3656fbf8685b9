"""Reminders that send themselves: `remind` works out what is due on a date and sends each
once per (recipient, purpose, due date, what it is about), however often it runs.

- the mid-term check-in, to participants of a current pair with no check-in yet;
- no meeting logged 21 days into a pair's term (the attention setting), to both of the pair;
- the survey on the cohort's last day, and a nudge 7 days later, to those who have not answered;
- a grant report 7 days before it is due and on the day, to the applicant;
- a reviewer with unscored bids 3 days before the round closes: review rounds have no close
  date yet, so this one is never due (`due` says so in its notes);
- a weekly Needs-attention digest to the staff addresses of the setting reminder_digest_to.

A reminder is due from its date for GRACE_DAYS, so a day the job did not run is caught up.
Each is a template (casson.mail.templates.REMINDERS), previewed, logged in email_log and
subject to opt-out, and carries the participant's personal link where it has one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import duckdb

from casson.mail import sending
from casson.mail import templates as tpl
from casson.mentoring import attention
from casson.mentoring import cohorts as mentoring_cohorts
from casson.platform import db, queries, settings

GRACE_DAYS = 7
NUDGE_DAYS = 7
REPORT_DAYS_BEFORE = 7
NO_REVIEW_DEADLINE = (
    "Reviewers get no reminder: review rounds have no close date to count 3 days back from."
)


@dataclass
class Reminder:
    purpose: str  # checkin, no_meeting, survey, survey_nudge, report, digest
    template: str
    due_on: dt.date
    about: str  # cohort-2, pair 12, report 7, week …
    message: sending.Message

    @property
    def recipient(self) -> str:
        return self.message.recipient


@dataclass
class Plan:
    as_of: dt.date
    due: list[Reminder] = field(default_factory=list)  # to send
    done: int = 0  # delivered on an earlier run
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (recipient, why)
    notes: list[str] = field(default_factory=list)


def _in_window(due_on: dt.date, as_of: dt.date) -> bool:
    return due_on <= as_of < due_on + dt.timedelta(days=GRACE_DAYS)


def _first(name: str) -> str:
    return name.split()[0] if name.split() else name


class _Builder:
    """Collects the reminders due on one date, leaving out what was already delivered."""

    def __init__(self, con: duckdb.DuckDBPyConnection, as_of: dt.date, sender: str) -> None:
        self.con, self.plan, self.sender = con, Plan(as_of), sender
        self.sent = {
            (r["recipient"], r["purpose"], r["due_on"], r["about"])
            for r in queries.rows(con, "mail/reminders_sent_all")
        }

    def add(
        self,
        purpose: str,
        template: str,
        due_on: dt.date,
        about: str,
        row: dict[str, Any],
        values: dict[str, Any],
        *,
        cohort: str | None = None,
        link: tuple[str, int] | None = None,
    ) -> None:
        email, name = row["email"], row["full_name"]
        if row.get("opted_out"):
            self.plan.skipped.append((email, f"{purpose}: opted out of programme email"))
            return
        if (email.strip().lower(), purpose, due_on, about) in self.sent:
            self.plan.done += 1
            return
        all_values = {
            "first_name": _first(name),
            "name": name,
            "email": email,
            "sender": self.sender,
            "due_date": f"{due_on:%d %B %Y}",
            "link": sending.LINK_PREVIEW,
            **values,
        }
        key = f"remind:{purpose}:{about}:{due_on}:{email.strip().lower()}"
        msg = sending.Message(
            template,
            cohort,
            email,
            name,
            tpl.current(self.con, template),
            all_values,
            key,
            person_id=row.get("person_id"),
            link=link,
        )
        self.plan.due.append(Reminder(purpose, template, due_on, about, msg))


def _cohort_reminders(b: _Builder, cohort: dict[str, Any], t: attention.Thresholds) -> None:
    con, as_of, cid = b.con, b.plan.as_of, cohort["id"]
    common = {"cohort_name": cohort["name"]}
    term = attention.Term(cohort["starts_on"], cohort["ends_on"])
    midterm = term.midterm(t.checkin_by_fraction)
    if midterm is not None and _in_window(midterm, as_of) and as_of <= cohort["ends_on"]:
        for r in queries.rows(con, "mail/remind_no_checkin", cohort=cid):
            b.add(
                "checkin",
                "remind-checkin",
                midterm,
                cid,
                r,
                common,
                cohort=cid,
                link=("checkin", int(r["participant_id"])),
            )
    if cohort["starts_on"] <= as_of <= cohort["ends_on"]:
        for r in queries.rows(con, "mail/remind_no_meeting", cohort=cid, as_of=as_of):
            start = max(d for d in (cohort["starts_on"], r["started_on"]) if d is not None)
            due_on = start + dt.timedelta(days=t.no_meeting_days)
            if _in_window(due_on, as_of):
                b.add(
                    "no_meeting",
                    "remind-meeting",
                    due_on,
                    f"pair {r['pair_id']}",
                    r,
                    {**common, "other_name": r["other_name"]},
                    cohort=cid,
                    link=("meeting", int(r["pair_id"])),
                )
    nudge_on = cohort["ends_on"] + dt.timedelta(days=NUDGE_DAYS)
    for purpose, template, due_on in (
        ("survey", "remind-survey", cohort["ends_on"]),
        ("survey_nudge", "remind-survey-nudge", nudge_on),
    ):
        if _in_window(due_on, as_of) and not (purpose == "survey" and as_of >= nudge_on):
            for r in queries.rows(con, "mail/remind_no_survey", cohort=cid):
                b.add(
                    purpose,
                    template,
                    due_on,
                    cid,
                    r,
                    common,
                    cohort=cid,
                    link=("survey", int(r["participant_id"])),
                )


def _report_reminders(b: _Builder) -> None:
    for r in queries.rows(b.con, "mail/remind_reports"):
        row = {"email": r["applicant_email"], "full_name": r["applicant_name"]}
        values = {
            "bid_reference": r["reference"],
            "report_kind": r["kind"],
            "due_date": f"{r['due_on']:%d %B %Y}",
            "cohort_name": "",
        }
        week_before = r["due_on"] - dt.timedelta(days=REPORT_DAYS_BEFORE)
        # The week-before reminder stops once the day itself comes: one message a day at most.
        for due_on, until in (
            (week_before, r["due_on"]),
            (r["due_on"], r["due_on"] + dt.timedelta(days=GRACE_DAYS)),
        ):
            if due_on <= b.plan.as_of < until:
                b.add(
                    "report",
                    "remind-report",
                    due_on,
                    f"report {r['report_id']}",
                    row,
                    values,
                    link=("report", int(r["report_id"])),
                )


def _digest(b: _Builder, cohorts: list[dict[str, Any]]) -> None:
    as_of = b.plan.as_of
    to = [
        a.strip() for a in (settings.get(b.con, "reminder_digest_to") or "").split(",") if a.strip()
    ]
    if not to:
        b.plan.notes.append("No weekly digest: no staff address is set to receive it "
                            "(README, Reminders).")
        return
    monday = as_of - dt.timedelta(days=as_of.weekday())
    lines = []
    names = mentoring_cohorts.labels(cohorts)
    for c in cohorts:
        if not c["starts_on"] <= as_of <= c["ends_on"]:
            continue
        found = attention.items(b.con, c["id"], as_of)
        counts: dict[str, int] = {}
        for item in found:
            for code in item.codes:
                counts[code] = counts.get(code, 0) + 1
        detail = ", ".join(f"{n} {code.replace('_', ' ')}" for code, n in sorted(counts.items()))
        lines.append(
            f"- {names[c['id']]}: {len(found)} items" + (f": {detail}" if detail else "")
        )
    digest = "\n".join(lines) or "No cohort is running."
    for address in to:
        b.add(
            "digest",
            "remind-digest",
            monday,
            f"week {monday}",
            {"email": address, "full_name": address},
            {"digest": digest},
        )


def due(
    con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None, sender: str = "The mentoring team"
) -> Plan:
    """Every reminder due on `as_of` (default today) that was not delivered before."""
    b = _Builder(con, as_of or dt.date.today(), sender)
    t = attention.thresholds(con)
    cohorts = queries.rows(con, "mail/remind_cohorts")
    for cohort in cohorts:
        _cohort_reminders(b, cohort, t)
    _report_reminders(b)
    _digest(b, cohorts)
    b.plan.notes.append(NO_REVIEW_DEADLINE)
    return b.plan


def send(
    con: duckdb.DuckDBPyConnection, actor: str, plan: Plan, smtp: sending.SmtpSettings | None
) -> sending.Outcome:
    """Send a plan's reminders (SMTP, else the outbox) and record each one delivered."""
    batch = sending.Batch("reminders", "", [r.message for r in plan.due], [], plan.skipped)
    outcome = sending.send(con, actor, batch, smtp)

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        for r in plan.due:
            row = queries.one(cur, "mail/email_delivered_key", message_key=r.message.key)
            if row is not None and row["status"] in ("sent", "written"):
                queries.execute(
                    cur,
                    "mail/reminders_sent_insert",
                    recipient=r.recipient,
                    person_id=r.message.person_id,
                    purpose=r.purpose,
                    due_on=r.due_on,
                    about=r.about,
                    mail_status=row["status"],
                )

    db.write(con, work)
    return outcome


def to_json(plan: Plan, outcome: sending.Outcome | None = None) -> dict[str, Any]:
    """The command's --json object."""
    out: dict[str, Any] = {
        "as_of": plan.as_of.isoformat(),
        "due": len(plan.due),
        "already_sent": plan.done,
        "reminders": [
            {
                "purpose": r.purpose,
                "template": r.template,
                "to": r.recipient,
                "due_on": r.due_on.isoformat(),
                "about": r.about,
                "subject": r.message.subject,
            }
            for r in plan.due
        ],
        "skipped": [{"to": to, "why": why} for to, why in plan.skipped],
        "notes": plan.notes,
    }
    if outcome is not None:
        out["sent"] = len(outcome.sent) + len(outcome.written)
        out["failed"] = [{"to": to, "why": why} for to, why in outcome.failed]
    return out
