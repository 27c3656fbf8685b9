"""Calendar files (.ics) of webinars, built with icalendar: one session or a cohort's sessions.

Times in the database are UK local times; each event carries the Europe/London zone (with its
VTIMEZONE), so calendars abroad or after a clock change show the right hour. The UID is stable
per session, so a re-sent invitation updates the event instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
from icalendar import Calendar, Event

from casson.mentoring import webinars
from casson.platform import text

UK = ZoneInfo("Europe/London")
PRODID = "-//Elizabeth Casson Trust//Casson Dashboard//EN"
UID_DOMAIN = "casson-dashboard.example.org"


def uid(session_id: int) -> str:
    return f"session-{session_id}@{UID_DOMAIN}"


def _line(value: object) -> str:
    """Stored text as one line for an .ics property: icalendar escapes LF but not a bare CR,
    which clients that split on CR read as a new property (an injected ATTENDEE, say). Every
    control character and line separator becomes a space, whatever was stored before the
    save-time check (casson.platform.text) existed."""
    return " ".join(re.sub(text.SINGLE_LINE_BAD, " ", str(value)).split())


def _local(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=UK)


def event(session: dict[str, Any], stamp: dt.datetime | None = None) -> Event:
    """One VEVENT for a row of webinars_of_cohort / webinars_get."""
    e = Event()
    e.add("uid", uid(session["session_id"]))
    e.add("dtstamp", stamp or dt.datetime.now(dt.UTC).replace(microsecond=0))
    e.add("summary", _line(session["title"]))
    start = _local(session["starts_at"])
    e.add("dtstart", start)
    e.add("dtend",
          _local(session["ends_at"]) if session.get("ends_at") else start + dt.timedelta(hours=1))
    url = _line(session.get("join_url") or "")
    if url:
        e.add("url", url)
        e.add("location", url)
        e.add("description", f"Join the webinar: {url}")
    return e


def calendar(sessions: Iterable[dict[str, Any]], name: str | None = None) -> bytes:
    """The .ics text of the sessions given."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", _line(name))
    for s in sessions:
        cal.add_component(event(s))
    cal.add_missing_timezones()
    return cal.to_ical()


def session_ics(con: duckdb.DuckDBPyConnection, session_id: int) -> bytes:
    """One session's .ics (a webinar invitation's attachment)."""
    s = webinars.get(con, session_id)
    if s is None:
        raise LookupError(f"There is no session {session_id}.")
    return calendar([s], s["title"])


def cohort_ics(con: duckdb.DuckDBPyConnection, cohort: str) -> bytes:
    """Every session of a cohort in one .ics."""
    return calendar(webinars.sessions(con, cohort), f"Casson mentoring {cohort}")


def file_name(title: str) -> str:
    """A safe download name: 'Storytelling' -> 'storytelling.ics'."""
    stem = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
    return f"{'-'.join(filter(None, stem.split('-'))) or 'webinar'}.ics"
