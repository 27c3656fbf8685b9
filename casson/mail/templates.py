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


TEMPLATES: dict[str, Template] = {t.name: t for t in (
    Template(
        "introduction", "Introduction to a pair",
        "both people of each proposed or active pair of the cohort (unless they opted out)",
        COMMON + ("role", "other_name", "other_email", "other_role", "mentor_name", "mentee_name"),
        "Introducing your {cohort_name} {other_role}: {other_name}",
        "Dear {first_name},\n\n"
        "Welcome to the Elizabeth Casson Trust mentoring programme, {cohort_name}. "
        "You are the {role} in your pair, and we are delighted to introduce your {other_role}, "
        "{other_name} ({other_email}).\n\n"
        "Please arrange your first conversation in the next two weeks; the mentee usually "
        "suggests a time.\n\n"
        "With best wishes,\n{sender}\nElizabeth Casson Trust\n"),
    Template(
        "webinar", "Webinar invitation",
        "every participant of the cohort (unless they opted out), with the session's .ics attached",
        COMMON + ("role", "session_title", "session_date", "session_time", "session_link"),
        "Webinar invitation: {session_title}, {session_date}",
        "Dear {first_name},\n\n"
        "You are invited to the {cohort_name} webinar \"{session_title}\" on {session_date} "
        "at {session_time}. Join here: {session_link}\n\nThe calendar file attached adds it to your "
        "diary.\n\n"
        "With best wishes,\n{sender}\nElizabeth Casson Trust\n"),
    Template(
        "checkin", "Check-in reminder",
        "every participant of the cohort (unless they opted out)",
        COMMON + ("role",),
        "{cohort_name}: a quick check-in on your mentoring",
        "Dear {first_name},\n\n"
        "We are halfway through {cohort_name}. Please take two minutes to tell us how your "
        "mentoring is going: how well the pairing fits, and anything we can help with.\n\n"
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


class TemplateError(Refused):
    """A template that cannot be used as written; the message is for the user."""


def template(name: str) -> Template:
    try:
        return TEMPLATES[name]
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
        queries.execute(cur, "mail/email_template_put", template_name=name, subject=subject, body=body, actor=actor)
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
