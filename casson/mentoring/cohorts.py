"""Cohorts of the mentoring programme: add, list and get (the CLI's `cohort`, the Upload page's
"+ New cohort…"). Each new cohort leaves an audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pandas as pd

from casson.platform import audit, db, queries
from casson.platform import text as stored_text
from casson.platform.errors import Refused

# Two counts people compare, said the same way on the Cohorts page and in the board pack.
MATCHED_VS_FORMED = (
    "Pairs formed counts pairs that were activated: active, completed or ended early. "
    "Matched (Cohorts page) counts mentees with a proposed, active or completed pair: it "
    "includes accepted suggestions not yet activated and leaves out pairs that ended early, so "
    "the two can differ.")


class CohortError(Refused):
    """A cohort that cannot be created as asked (message for people)."""


def get(con: duckdb.DuckDBPyConnection, cohort_id: str) -> dict[str, Any] | None:
    """The cohort with this id ({id, name}), or None."""
    return queries.one(con, "mentoring/cohort_exists", cohort=cohort_id.strip())


def current(con: duckdb.DuckDBPyConnection) -> str | None:
    """The cohort every page opens on: the running one, else the latest (None if none)."""
    row = queries.one(con, "mentoring/cohort_current")
    return str(row["id"]) if row else None


def listed(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every cohort, newest first, with its numbers of mentors and mentees."""
    return queries.rows(con, "mentoring/cohorts")


def add(con: duckdb.DuckDBPyConnection, cohort_id: str, name: str, starts_on: dt.date | None = None,
        ends_on: dt.date | None = None, actor: str = "system") -> dict[str, Any]:
    """Create a cohort; CohortError when the id is taken, empty, or the dates run backwards."""
    cohort_id, name = cohort_id.strip(), name.strip()
    stored_text.check_fields({"cohort_id": cohort_id, "name": name}, CohortError)
    if not cohort_id or not name:
        raise CohortError("A new cohort needs an id and a name.")
    if any(ch.isspace() for ch in cohort_id):
        raise CohortError(f"A cohort id has no spaces (e.g. {cohort_id.replace(' ', '-')!r}).")
    if starts_on and ends_on and ends_on < starts_on:
        raise CohortError("The cohort cannot end before it starts.")

    def work(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        if get(cur, cohort_id) is not None:
            raise CohortError(f"There is already a cohort {cohort_id!r}.")
        queries.execute(cur, "mentoring/cohort_insert", cohort=cohort_id, cohort_name=name,
                        starts_on=starts_on, ends_on=ends_on)
        audit.record(cur, actor, "cohort.add", "cohort", cohort_id,
                     {"name": name, "starts_on": starts_on, "ends_on": ends_on})
        return {"id": cohort_id, "name": name, "starts_on": starts_on, "ends_on": ends_on}

    return db.write(con, work)


# -- editing and status (issue 11) ----------------------------------------------------------
STATUSES = ("planned", "recruiting", "matching", "running", "closed")


def check_status_move(before: str, after: str) -> None:
    """A cohort moves forward (planned → recruiting → matching → running → closed), skipping
    steps if need be, or back one step to correct a slip; anything else is refused."""
    if after not in STATUSES:
        raise CohortError(f"A cohort's status is one of {', '.join(STATUSES)}, not {after!r}.")
    old, new = STATUSES.index(before if before in STATUSES else "planned"), STATUSES.index(after)
    if new < old - 1:
        raise CohortError(f"A {before} cohort can go back one step at most (to "
                          f"{STATUSES[old - 1]}), not to {after}.")


def term(con: duckdb.DuckDBPyConnection, cohort_id: str) -> dict[str, Any] | None:
    """The cohort with its dates and status."""
    return queries.one(con, "mentoring/cohort_term", cohort=cohort_id)


def activation_start(con: duckdb.DuckDBPyConnection, cohort_id: str,
                     today: dt.date | None = None) -> dt.date:
    """The start date offered when pairs are activated: today, or the cohort's start when
    activating late (after the cohort started), so a pair caught up later starts with the
    term and its earlier meetings can be logged."""
    day = today or dt.date.today()
    cohort = term(con, cohort_id)
    starts = cohort["starts_on"] if cohort else None
    return starts if starts is not None and starts < day else day


def check_pair_start(con: duckdb.DuckDBPyConnection, cohort_id: str, started_on: dt.date,
                     today: dt.date | None = None) -> None:
    """A pair starts within its cohort's term and not in the future; CohortError else."""
    day = today or dt.date.today()
    if started_on > day:
        raise CohortError(f"A pair cannot start in the future ({started_on:%d/%m/%Y}): activate "
                          "it on or after the day it starts.")
    cohort = term(con, cohort_id) or {}
    starts, ends, name = cohort.get("starts_on"), cohort.get("ends_on"), cohort.get("name")
    if starts is not None and started_on < starts:
        raise CohortError(f"{name} starts on {starts:%d/%m/%Y}: a pair cannot start before "
                          f"its cohort ({started_on:%d/%m/%Y}).")
    if ends is not None and started_on > ends:
        raise CohortError(f"{name} ended on {ends:%d/%m/%Y}: a pair cannot start after its "
                          f"cohort ({started_on:%d/%m/%Y}).")


def update(con: duckdb.DuckDBPyConnection, actor: str, cohort_id: str, name: str,
           starts_on: dt.date | None, ends_on: dt.date | None, status: str) -> dict[str, Any]:
    """Edit a cohort's name, dates and status; audited with before and after."""
    name = (name or "").strip()
    stored_text.check("The name", name, error=CohortError)
    if not name:
        raise CohortError("A cohort needs a name.")
    if starts_on and ends_on and ends_on < starts_on:
        raise CohortError("The cohort cannot end before it starts.")

    def work(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        before = term(cur, cohort_id)
        if before is None:
            raise CohortError(f"There is no cohort {cohort_id!r}.")
        check_status_move(before["status"], status)
        queries.execute(cur, "mentoring/cohort_update", cohort=cohort_id, cohort_name=name,
                        starts_on=starts_on, ends_on=ends_on, cohort_status=status)
        after = term(cur, cohort_id)
        audit.record(cur, actor, "cohort.update", "cohort", cohort_id,
                     {"before": before, "after": after})
        assert after is not None  # updated in this transaction
        return after

    return db.write(con, work)


def labels(cohorts: pd.DataFrame | list[dict[str, Any]]) -> dict[str, str]:
    """Each cohort's label as a person reads it: its name, and its id only where two cohorts
    share the name (the id is for the command line)."""
    rows = cohorts.to_dict("records") if isinstance(cohorts, pd.DataFrame) else cohorts
    names = [r["name"] for r in rows]
    return {r["id"]: r["name"] if names.count(r["name"]) == 1 else f"{r['name']} ({r['id']})"
            for r in rows}


def frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every cohort, newest first, with its numbers of mentors and mentees (as a table)."""
    return queries.df(con, "mentoring/cohorts")


def overview(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every cohort with dates, status, mentors, places, mentees, matched, unmatched, webinars."""
    return queries.df(con, "mentoring/cohort_overview")


def participants(con: duckdb.DuckDBPyConnection, cohort: str) -> pd.DataFrame:
    """The cohort's participants with their details (staff only: personal data)."""
    return queries.df(con, "mentoring/participants_by_cohort", cohort=cohort)
