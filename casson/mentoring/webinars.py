"""A cohort's webinars: staff create and edit sessions (title, start, end, joining link) and
tick who attended from the cohort's participants. Changes leave audit rows."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlparse

import duckdb
import pandas as pd

from casson.platform import audit, db, queries
from casson.platform import text as stored_text
from casson.platform.errors import Refused


class WebinarError(Refused):
    """A session refused by a rule; the message is shown as it is."""


def _check(title: str, starts_at: dt.datetime, ends_at: dt.datetime | None,
           join_url: str | None) -> tuple[str, str | None]:
    title = (title or "").strip()
    stored_text.check("The title", title, error=WebinarError)
    stored_text.check("The joining link", join_url, error=WebinarError)
    if not title:
        raise WebinarError("Give the webinar a title.")
    if ends_at is not None and ends_at <= starts_at:
        raise WebinarError(f"The webinar ends ({ends_at:%H:%M}) before it starts "
                           f"({starts_at:%H:%M}).")
    url = (join_url or "").strip() or None
    if url is not None and (urlparse(url).scheme not in ("https",
                                                         "http") or not urlparse(url).netloc):
        raise WebinarError(f"The joining link {url!r} is not a web address (https://…).")
    return title, url


def sessions(con: duckdb.DuckDBPyConnection, cohort: str) -> list[dict[str, Any]]:
    return queries.rows(con, "mentoring/webinars_of_cohort", cohort=cohort)


def get(con: duckdb.DuckDBPyConnection, session_id: int) -> dict[str, Any] | None:
    return queries.one(con, "mentoring/webinars_get", session_id=session_id)


def create(con: duckdb.DuckDBPyConnection, actor: str, cohort: str, title: str,
           starts_at: dt.datetime, ends_at: dt.datetime | None = None,
           join_url: str | None = None) -> int:
    """Add a session to a cohort; returns its id."""
    title, url = _check(title, starts_at, ends_at, join_url)

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        if queries.one(cur, "mentoring/cohort_term", cohort=cohort) is None:
            raise WebinarError(f"There is no cohort {cohort!r}.")
        row = queries.one(cur, "mentoring/webinars_insert", cohort=cohort, title=title,
                          starts_at=starts_at,
                          ends_at=ends_at, join_url=url)
        assert row is not None  # INSERT … RETURNING gives its row
        sid = int(row["id"])
        audit.record(cur, actor, "session.create", "session", sid,
                     {"cohort": cohort, "title": title, "starts_at": starts_at, "ends_at": ends_at,
                      "join_url": url})
        return sid

    return db.write(con, work)


def update(con: duckdb.DuckDBPyConnection, actor: str, session_id: int, title: str,
           starts_at: dt.datetime, ends_at: dt.datetime | None = None,
           join_url: str | None = None) -> dict[str, Any]:
    title, url = _check(title, starts_at, ends_at, join_url)

    def work(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        before = get(cur, session_id)
        if before is None:
            raise WebinarError(f"There is no session {session_id}.")
        queries.execute(cur, "mentoring/webinars_update", session_id=session_id, title=title,
                        starts_at=starts_at, ends_at=ends_at, join_url=url)
        after = get(cur, session_id)
        audit.record(cur, actor, "session.update", "session", session_id,
                     {"before": before, "after": after})
        assert after is not None  # updated in this transaction
        return after

    return db.write(con, work)


def attendees(con: duckdb.DuckDBPyConnection, session_id: int) -> set[int]:
    return {r["person_id"] for r in queries.rows(con, "mentoring/webinars_attendees",
                                                 session_id=session_id)}


def set_attendance(con: duckdb.DuckDBPyConnection, actor: str, session_id: int,
                   person_ids: set[int]) -> tuple[int, int]:
    """Make the session's attendance exactly `person_ids` (people of its cohort).

    Returns (ticked, unticked): how many were added and removed.
    """

    def work(cur: duckdb.DuckDBPyConnection) -> tuple[int, int]:
        session = get(cur, session_id)
        if session is None:
            raise WebinarError(f"There is no session {session_id}.")
        members = {r["person_id"] for r in queries.rows(cur, "mentoring/checkins_participants",
                                                         cohort=session["cohort_id"])}
        strangers = set(person_ids) - members
        if strangers:
            raise WebinarError(f"{len(strangers)} of the people ticked are not participants of "
                               f"{session['cohort_id']}; nothing was saved.")
        now = attendees(cur, session_id)
        add, drop = set(person_ids) - now, now - set(person_ids)
        for pid in sorted(add):
            queries.execute(cur, "mentoring/webinars_attend", session_id=session_id, person_id=pid)
        for pid in sorted(drop):
            queries.execute(cur, "mentoring/webinars_unattend", session_id=session_id,
                            person_id=pid)
        audit.record(cur, actor, "session.attendance", "session", session_id,
                     {"ticked": sorted(add), "unticked": sorted(drop)})
        return len(add), len(drop)

    return db.write(con, work)


def sessions_table(con: duckdb.DuckDBPyConnection, cohort: str) -> pd.DataFrame:
    """The cohort's sessions as a table (`sessions` as rows)."""
    return queries.df(con, "mentoring/webinars_of_cohort", cohort=cohort)


def attendance_sheet(con: duckdb.DuckDBPyConnection, session_id: int) -> pd.DataFrame:
    """Every participant of the session's cohort, with whether they attended it."""
    return queries.df(con, "mentoring/webinars_attendance_sheet", session_id=session_id)
