"""Participants' mid-term check-ins: fit (good / unsure / poor), a rating 1-5 and a comment.

Entered by staff or imported (kind `checkins`); each written check-in leaves an audit row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pandas as pd

from casson.mentoring import rematch
from casson.mentoring.meetings import RowError, RowsRefused
from casson.platform import audit, db, queries
from casson.platform import text as stored_text
from casson.platform.errors import Refused

FITS = ("good", "unsure", "poor")
FIT_WORDS = {"good": "good", "good fit": "good", "yes": "good", "unsure": "unsure",
             "not sure": "unsure", "maybe": "unsure", "poor": "poor", "poor fit": "poor",
             "no": "poor"}


class CheckinError(Refused):
    """A check-in refused by a rule; the message is shown as it is."""


def parse_fit(text: str | None) -> str | None:
    if text is None or not str(text).strip():
        return None
    key = " ".join(str(text).strip().lower().split())
    if key in FIT_WORDS:
        return FIT_WORDS[key]
    raise ValueError(f"is not a fit (expected {', '.join(FITS)})")


def _check(fit: str | None, rating: int | None, submitted_at: dt.datetime) -> None:
    if fit is not None and fit not in FITS:
        raise CheckinError(f"{fit!r} is not a fit ({', '.join(FITS)}).")
    if rating is not None and not 1 <= int(rating) <= 5:
        raise CheckinError(f"A rating is 1 to 5, not {rating}.")
    if fit is None and rating is None:
        raise CheckinError("A check-in needs a fit or a rating.")
    if submitted_at > dt.datetime.now() + dt.timedelta(minutes=5):
        raise CheckinError("The check-in's date is in the future.")


def _insert(cur: duckdb.DuckDBPyConnection, actor: str, cohort: str, participant_id: int,
            fit: str | None, rating: int | None, comment: str | None, submitted_at: dt.datetime,
            source: str, import_id: int | None) -> int:
    row = queries.one(cur, "mentoring/checkins_insert", cohort=cohort,
                      participant_id=participant_id,
                      fit=fit, rating=rating, comment=(comment or "").strip() or None,
                      submitted_at=submitted_at, source=source, import_id=import_id, actor=actor)
    audit.record(cur, actor, "checkin.record", "participant", participant_id,
                 {"cohort": cohort, "fit": fit, "rating": rating, "source": source})
    assert row is not None  # INSERT … RETURNING gives its row
    return int(row["id"])


def record(con: duckdb.DuckDBPyConnection, actor: str, cohort: str, participant_id: int,
           fit: str | None, rating: int | None, comment: str | None = None,
           submitted_at: dt.datetime | None = None, rematch_reason: str | None = None) -> int:
    """Staff enter one participant's check-in; returns its id. With `rematch_reason` (a poor
    fit only) the participant's request for a new match is recorded in the same transaction."""
    when = submitted_at or dt.datetime.now().replace(microsecond=0)
    _check(fit, rating, when)
    if rematch_reason is not None and fit != "poor":
        raise CheckinError("A new match can be asked for when the fit is poor.")

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        found = record_in(cur, actor, cohort, participant_id, fit, rating, comment, when)
        if rematch_reason is not None:
            rematch.request_in(cur, actor, cohort, participant_id, rematch_reason)
        return found

    return db.write(con, work)


def record_in(cur: duckdb.DuckDBPyConnection, actor: str, cohort: str, participant_id: int,
              fit: str | None, rating: int | None, comment: str | None = None,
              submitted_at: dt.datetime | None = None, source: str = "staff") -> int:
    """One check-in inside the caller's transaction (staff entry, or a personal link's)."""
    stored_text.check("The comment", comment, multi_line=True, error=CheckinError)
    when = submitted_at or dt.datetime.now().replace(microsecond=0)
    _check(fit, rating, when)
    known = {r["participant_id"]
             for r in queries.rows(cur, "mentoring/checkins_participants", cohort=cohort)}
    if participant_id not in known:
        raise CheckinError(f"Participant {participant_id} is not in {cohort}.")
    if queries.one(cur, "mentoring/checkins_exists", participant_id=participant_id,
                   submitted_at=when):
        raise CheckinError("This check-in is already stored.")
    return _insert(cur, actor, cohort, participant_id, fit, rating, comment, when, source, None)


def check_rows(cur: duckdb.DuckDBPyConnection, cohort: str,
               rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Resolve an import's rows (email, fit, rating, comment, submitted_at; `row` numbers)."""
    people = {r["email"]: r for r in queries.rows(cur, "mentoring/checkins_participants",
                                                  cohort=cohort)}
    good, errors, seen = [], [], set()
    for r in rows:
        n = r.get("row", 0)
        who = people.get((r.get("email") or "").strip().lower())
        if who is None:
            errors.append(RowError(n, "email", r.get("email"), f"is not a participant of {cohort}"))
            continue
        when = r.get("submitted_at") or dt.datetime.now().replace(microsecond=0)
        if isinstance(when, dt.date) and not isinstance(when, dt.datetime):
            when = dt.datetime.combine(when, dt.time())
        if r.get("fit") is None and r.get("rating") is None:
            errors.append(RowError(n, "fit", None, "a check-in needs a fit or a rating"))
            continue
        key = (who["participant_id"], when)
        if key in seen or queries.one(cur, "mentoring/checkins_exists", participant_id=key[0],
                                      submitted_at=when):
            errors.append(RowError(n, "submitted_at", when, "duplicates a check-in already stored"))
            continue
        seen.add(key)
        good.append({**r, "participant_id": who["participant_id"], "submitted_at": when})
    return good, errors


def record_rows(cur: duckdb.DuckDBPyConnection, actor: str, cohort: str,
                rows: list[dict[str, Any]], import_id: int | None = None) -> int:
    for r in rows:
        _insert(cur, actor, cohort, r["participant_id"], r.get("fit"), r.get("rating"),
                r.get("comment"), r["submitted_at"], "import", import_id)
    return len(rows)


def import_rows(con: duckdb.DuckDBPyConnection, actor: str, cohort: str,
                rows: list[dict[str, Any]]) -> int:
    """All-or-nothing import of resolved check-in rows."""

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        good, errors = check_rows(cur, cohort, rows)
        if errors:
            raise RowsRefused(errors)
        return record_rows(cur, actor, cohort, good)

    return db.write(con, work)


def participants(con: duckdb.DuckDBPyConnection, cohort: str) -> pd.DataFrame:
    """The cohort's participants a check-in can be for."""
    return queries.df(con, "mentoring/checkins_participants", cohort=cohort)


def of_cohort(con: duckdb.DuckDBPyConnection, cohort: str, limit: int) -> pd.DataFrame:
    """The cohort's check-ins, newest first, at most `limit` (with the total in every row)."""
    return queries.df(con, "mentoring/checkins_of_cohort", cohort=cohort, limit=limit)
