"""The cover page of a subject access export: what is held, why, who receives it, how long it
is kept, where it came from, and the dates of the request (UK GDPR art. 15(1), ICO guidance).

Plain HTML (opens in any browser, reads aloud with a screen reader); every value is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from casson.protection.subject import Found

RECIPIENTS = (
    "Trust staff who run the programmes (programme coordinators and the administrator).",
    "Your mentoring partner: your name, and the email address in the introduction we send you "
    "both.",
    "Grant reviewers (trustees and external assessors on the grants panel) see the bids assigned "
    "to them: the project, your name and employer, never your email address.",
    "Trustees see only totals and rates, never a name.",
    "Our email provider carries the messages we send you.",
)
RIGHTS = (
    "You may ask us to correct anything that is wrong, to erase your data, or to stop using it. "
    "If you are unhappy with how we have handled your data you may complain to the Information "
    "Commissioner's Office (ico.org.uk, 0303 123 1113)."
)


@dataclass
class Facts:
    email: str
    matched: bool
    received_on: date
    due_on: date
    made_on: date
    tables: list[Found]
    counts: dict[str, int]
    messages: list[str]
    retention_years: int
    backup_keep: int


def _day(d: date) -> str:
    return f"{d:%d %B %Y}".lstrip("0")


def _list(items: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _held(facts: Facts) -> str:
    head = (
        "<table><caption>What we hold, table by table</caption><thead><tr>"
        "<th scope='col'>File</th><th scope='col'>What it holds</th>"
        "<th scope='col'>Rows</th><th scope='col'>Why we hold it</th>"
        "<th scope='col'>Where it came from</th></tr></thead><tbody>"
    )
    rows = []
    for part in facts.tables:
        rule = part.table.rule
        held = rule.held or "text that mentions you"
        rows.append(
            f"<tr><td>tables/{escape(part.table.name)}.csv</td><td>{escape(held)}</td>"
            f"<td>{facts.counts.get(part.table.name, 0)}</td>"
            f"<td>{escape(rule.purpose or 'as the record it is part of')}</td>"
            f"<td>{escape(rule.source or 'staff')}</td></tr>"
        )
    if facts.messages:
        rows.append(
            f"<tr><td>email/</td><td>the email messages we wrote to you or about you"
            f"</td><td>{len(facts.messages)}</td><td>running the programme</td>"
            f"<td>the dashboard</td></tr>"
        )
    return head + "".join(rows) + "</tbody></table>"


def html(facts: Facts) -> str:
    """The whole cover page."""
    dates = (
        f"<dl><dt>Request received</dt><dd>{_day(facts.received_on)}</dd>"
        f"<dt>Answer due by</dt><dd>{_day(facts.due_on)}</dd>"
        f"<dt>This export made</dt><dd>{_day(facts.made_on)}</dd></dl>"
    )
    if not facts.matched:
        body = (
            f"<p>We searched every table of our dashboard, its audit trail and its email "
            f"outbox for <strong>{escape(facts.email)}</strong> and hold <strong>no personal "
            f"data</strong> under that address. If you have written to us from another "
            f"address, tell us and we will search for that too.</p>"
        )
    else:
        body = (
            f"<p>This is a copy of the personal data the Elizabeth Casson Trust holds about "
            f"<strong>{escape(facts.email)}</strong>, with a CSV file per table (each row's "
            f"<code>about_you</code> column says whether the row is yours or mentions you) and "
            f"the email messages themselves.</p>"
            + _held(facts)
            + "<h2>What we left out</h2>"
            + _list(
                (
                    "Other people's email addresses (shown as “[another address withheld]”).",
                    "Grant reviewers' names and their declarations of interest.",
                    "In a row that is someone else's but mentions you, everything but the "
                    "mention, and another person's own words.",
                )
            )
        )
    retention = (
        f"We keep participants' personal data for {facts.retention_years} years after "
        f"the end of their last cohort, then anonymise it (counts and totals stay). "
        f"Copies of the database taken as backups keep it until they are replaced "
        f"(we keep the newest {facts.backup_keep})."
    )
    return (
        "<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
        "<title>Your personal data: subject access request</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}"
        "table{border-collapse:collapse}td,th{border:1px solid #555;padding:.3em;"
        "text-align:left;vertical-align:top}</style></head><body><main>"
        "<h1>Your personal data held by the Elizabeth Casson Trust</h1>"
        + dates
        + body
        + "<h2>Who receives it</h2>"
        + _list(RECIPIENTS)
        + f"<h2>How long we keep it</h2><p>{escape(retention)}</p>"
        f"<h2>Your rights</h2><p>{escape(RIGHTS)}</p></main></body></html>"
    )
