"""The programme's email templates: defaults, staff edits, and filling in placeholders.

A placeholder is a word in braces, `{first_name}`. Each template allows its own set; an unknown
one is refused when the template is saved, so a typo never reaches a participant. Values are
inserted as plain text (the message is text/plain), never evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb

from casson.platform import audit, db, queries
from casson.platform import text as stored_text
from casson.platform.errors import Refused

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
COMMON = ("first_name", "name", "email", "cohort_name", "sender")


@dataclass(frozen=True)
class Template:
    name: str
    label: str
    audience: str
    placeholders: tuple[str, ...]
    subject: str
    body: str
    reminder: bool = False     # sent by `remind` when due, not as a campaign from the Email page


TEMPLATES: dict[str, Template] = {t.name: t for t in (
    Template(
        "introduction", "Introduction to a pair",
        "both people of each proposed or active pair of the cohort (unless they opted out)",
        COMMON + ("role", "other_name", "other_email", "other_role", "mentor_name", "mentee_name",
                  "link"),
        "Introducing your {cohort_name} {other_role}: {other_name}",
        "Dear {first_name},\n\n"
        "Welcome to the Elizabeth Casson Trust mentoring programme, {cohort_name}. "
        "You are the {role} in your pair, and we are delighted to introduce your {other_role}, "
        "{other_name} ({other_email}).\n\n"
        "Please arrange your first conversation in the next two weeks; the mentee usually "
        "suggests a time. After each meeting, log it here (no sign-in needed): {link}\n\n"
        "With best wishes,\n{sender}\nElizabeth Casson Trust\n"),
    Template(
        "webinar", "Webinar invitation",
        "every participant of the cohort (unless they opted out), with the session's .ics attached",
        COMMON + ("role", "session_title", "session_date", "session_time", "session_link"),
        "Webinar invitation: {session_title}, {session_date}",
        "Dear {first_name},\n\n"
        "You are invited to the {cohort_name} webinar \"{session_title}\" on {session_date} "
        "at {session_time}. Join here: {session_link}\n\nThe calendar file attached "
        "adds it to your "
        "diary.\n\n"
        "With best wishes,\n{sender}\nElizabeth Casson Trust\n"),
    Template(
        "checkin", "Check-in reminder",
        "every participant of the cohort (unless they opted out)",
        COMMON + ("role", "link"),
        "{cohort_name}: a quick check-in on your mentoring",
        "Dear {first_name},\n\n"
        "We are halfway through {cohort_name}. Please take two minutes to tell us how your "
        "mentoring is going: how well the pairing fits, and anything we can help with.\n\n"
        "Your own check-in form (no sign-in needed): {link}\n\n"
        "With thanks,\n{sender}\nElizabeth Casson Trust\n"),
    Template(
        "survey", "End-of-programme survey",
        "every participant of the cohort (unless they opted out)",
        COMMON + ("role", "link"),
        "{cohort_name}: how was your mentoring year?",
        "Dear {first_name},\n\n"
        "{cohort_name} has come to an end. Please tell us how it went in our short "
        "end-of-programme survey: your answers shape the next cohort.\n\n"
        "Your own survey form (no sign-in needed): {link}\n\n"
        "With thanks,\n{sender}\nElizabeth Casson Trust\n"),
    Template(
        "invite-mentor", "Invitation to mentor",
        "people on the register who want to mentor in this cohort (or a future one), "
        "consented to be contacted, and have not joined, declined or withdrawn",
        COMMON,
        "Would you mentor in {cohort_name}?",
        "Dear {first_name},\n\n"
        "The success of our programme depends on our ability to attract mentors. You told us "
        "you would be interested in mentoring, and we would love you to join {cohort_name} as "
        "a mentor.\n\n"
        "Please reply to this email to take part, or to tell us you would rather not be "
        "contacted again.\n\n"
        "With best wishes,\n{sender}\nElizabeth Casson Trust\n"),
)}


# Decision letters to grant applicants (casson.mail.letters sends them for a batch of decided
# bids); kept apart from TEMPLATES, the programme email of a cohort, but edited and filled alike.
LETTER_COMMON = ("first_name", "name", "reference", "project_title", "fund", "amount_requested",
                 "sender")
DECISION_LETTERS: dict[str, Template] = {t.name: t for t in (
    Template(
        "letter-award", "Award letter", "the applicant of each awarded bid",
        LETTER_COMMON + ("amount_awarded", "conditions", "feedback"),
        "Your grant application {reference}: awarded",
        "Dear {first_name},\n\n"
        "We are delighted to tell you that the Elizabeth Casson Trust has awarded "
        "{amount_awarded} towards \"{project_title}\" ({reference}, {fund} fund).\n\n"
        "The award is made on these conditions:\n{conditions}\n\n"
        "{feedback}"
        "We will be in touch about the payment schedule and the reports we ask for.\n\n"
        "With best wishes,\n{sender}\nElizabeth Casson Trust\n"),
    Template(
        "letter-decline", "Decline letter", "the applicant of each declined bid",
        LETTER_COMMON + ("feedback",),
        "Your grant application {reference}",
        "Dear {first_name},\n\n"
        "Thank you for applying to the Elizabeth Casson Trust for \"{project_title}\" "
        "({reference}). We received many strong applications, and we are sorry to tell you "
        "that the panel has not been able to fund yours this time.\n\n"
        "{feedback}"
        "You are welcome to apply again in a later round.\n\n"
        "With best wishes,\n{sender}\nElizabeth Casson Trust\n"),
    Template(
        "letter-more-info", "More-information letter",
        "the applicant of each received or shortlisted bid the panel wants to know more about",
        LETTER_COMMON + ("information_needed", "feedback"),
        "Your grant application {reference}: a little more information, please",
        "Dear {first_name},\n\n"
        "The panel is considering your application \"{project_title}\" ({reference}) and "
        "would like to know more before it decides:\n{information_needed}\n\n"
        "{feedback}"
        "Please reply to this email with the information.\n\n"
        "With best wishes,\n{sender}\nElizabeth Casson Trust\n"),
)}
REMIND = COMMON + ("link", "due_date")
REMINDERS: dict[str, Template] = {t.name: t for t in (
    Template(
        "remind-checkin", "Reminder: mid-term check-in",
        "participants of a running cohort with no check-in yet, at mid-term", REMIND,
        "{cohort_name}: two minutes for your mid-term check-in",
        "Dear {first_name},\n\n"
        "We are halfway through {cohort_name}. Please tell us how your mentoring is going, "
        "here (no sign-in needed): {link}\n\n"
        "With thanks,\n{sender}\nElizabeth Casson Trust\n", reminder=True),
    Template(
        "remind-meeting", "Reminder: no meeting logged yet",
        "both people of an active pair with no meeting logged 21 days into its term",
        REMIND + ("other_name",),
        "{cohort_name}: have you met {other_name} yet?",
        "Dear {first_name},\n\n"
        "We have no meeting logged yet for you and {other_name}. If you have met, log it here "
        "(no sign-in needed): {link}\nIf you have not found a time, please get in touch: "
        "we can help.\n\n"
        "With best wishes,\n{sender}\nElizabeth Casson Trust\n", reminder=True),
    Template(
        "remind-survey", "Reminder: end-of-programme survey",
        "participants who have not answered the survey, on the cohort's last day", REMIND,
        "{cohort_name}: how was your mentoring year?",
        "Dear {first_name},\n\n"
        "{cohort_name} ends today. Please tell us how it went in our short survey (no sign-in "
        "needed): {link}\n\n"
        "With thanks,\n{sender}\nElizabeth Casson Trust\n", reminder=True),
    Template(
        "remind-survey-nudge", "Reminder: the survey, a week on",
        "participants who still have not answered the survey, 7 days after the cohort ended",
        REMIND,
        "{cohort_name}: a last reminder about the survey",
        "Dear {first_name},\n\n"
        "A week ago we asked how {cohort_name} went for you. If you have two minutes, your "
        "answers shape the next cohort: {link}\n\n"
        "With thanks,\n{sender}\nElizabeth Casson Trust\n", reminder=True),
    Template(
        "remind-report", "Reminder: grant report due",
        "the applicant of an awarded bid, 7 days before a report is due and on the day",
        REMIND + ("bid_reference", "report_kind"),
        "Your {report_kind} report for {bid_reference} is due on {due_date}",
        "Dear {first_name},\n\n"
        "Your {report_kind} report for grant {bid_reference} is due on {due_date}. You can send "
        "it here (no sign-in needed): {link}\n\n"
        "With best wishes,\n{sender}\nElizabeth Casson Trust\n", reminder=True),
    Template(
        "remind-reviewer", "Reminder: bids to score",
        "a reviewer with unscored bids, 3 days before the round closes",
        COMMON + ("due_date", "unscored"),
        "{unscored} bids await your score before {due_date}",
        "Dear {first_name},\n\n"
        "{unscored} bids assigned to you have no score yet; the round closes on {due_date}. "
        "Please sign in and open My reviews.\n\n"
        "With thanks,\n{sender}\nElizabeth Casson Trust\n", reminder=True),
    Template(
        "remind-digest", "Weekly Needs-attention digest",
        "staff (the setting reminder_digest_to), every Monday", ("sender", "due_date", "digest"),
        "Needs attention, week of {due_date}",
        "Needs attention in the running cohorts, week of {due_date}:\n\n{digest}\n\n"
        "Open Pairs -> Needs attention to act on each.\n", reminder=True),
)}
TEMPLATES.update(REMINDERS)


class TemplateError(Refused):
    """A template that cannot be used as written; the message is for the user."""


def template(name: str) -> Template:
    try:
        return TEMPLATES[name] if name in TEMPLATES else DECISION_LETTERS[name]
    except KeyError:
        raise TemplateError(f"There is no email template {name!r}: choose one of "
                            f"{', '.join(TEMPLATES)}.") from None


def check(name: str, subject: str, body: str) -> None:
    """Refuse an empty subject or body, or a placeholder this template cannot fill."""
    spec = template(name)
    # one line: a CR in the subject breaks every send of the template
    stored_text.check("The subject", subject.strip(), error=TemplateError)
    stored_text.check("The body", body, multi_line=True, error=TemplateError)
    if not subject.strip() or not body.strip():
        raise TemplateError("A template needs a subject and a body.")
    unknown = sorted({m for m in _PLACEHOLDER.findall(subject + "\n" + body)
                      if m not in spec.placeholders})
    if unknown:
        raise TemplateError(
            f"{', '.join('{' + u + '}' for u in unknown)} cannot be filled in the {name} template; "
            f"use: {', '.join('{' + p + '}' for p in spec.placeholders)}.")
    if "\n" in subject.strip():
        raise TemplateError("The subject must be one line.")


def current(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, str]:
    """The (subject, body) staff last saved for a template, else its default."""
    spec = template(name)
    row = queries.one(con, "mail/email_template_get", template_name=name)
    return (row["subject"], row["body"]) if row else (spec.subject, spec.body)


def save(con: duckdb.DuckDBPyConnection, actor: str, name: str, subject: str, body: str) -> None:
    """Store a staff edit of a template (audited with before and after)."""
    check(name, subject, body)
    subject = subject.strip()

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        before = current(cur, name)
        if before == (subject, body):
            raise TemplateError("Nothing to save: the template already reads like this.")
        queries.execute(cur, "mail/email_template_put", template_name=name, subject=subject,
                        body=body, actor=actor)
        audit.record(cur, actor, "email_template.update", "email_template", name,
                     {"before": {"subject": before[0], "body": before[1]},
                      "after": {"subject": subject, "body": body}})

    db.write(con, work)


def reset(con: duckdb.DuckDBPyConnection, actor: str, name: str) -> None:
    """Go back to the built-in wording (audited)."""
    template(name)

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        queries.execute(cur, "mail/email_template_delete", template_name=name)
        audit.record(cur, actor, "email_template.reset", "email_template", name)

    db.write(con, work)


def fill(text: str, values: Mapping[str, object], one_line: bool = False) -> str:
    """Replace each {placeholder} with its value, as plain text (a missing value is blank)."""
    def value(match: re.Match[str]) -> str:
        found = values.get(match.group(1), match.group(0))
        found = "" if found is None else str(found)
        return " ".join(found.split()) if one_line else found

    return _PLACEHOLDER.sub(value, text)
