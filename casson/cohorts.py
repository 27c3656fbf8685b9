"""Cohorts of the mentoring programme: add, list and get (the CLI's `cohort`, the Upload page's
"+ New cohort…"). Each new cohort leaves an audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from casson import audit, db, queries


class CohortError(ValueError):
    """A cohort that cannot be created as asked (message for people)."""


def get(con: duckdb.DuckDBPyConnection, cohort_id: str) -> dict[str, Any] | None:
    """The cohort with this id ({id, name}), or None."""
    return queries.one(con, "cohort_exists", cohort=cohort_id.strip())


def listed(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every cohort, newest first, with its numbers of mentors and mentees."""
    return queries.rows(con, "cohorts")


def add(con: duckdb.DuckDBPyConnection, cohort_id: str, name: str, starts_on: dt.date | None = None,
        ends_on: dt.date | None = None, actor: str = "system") -> dict[str, Any]:
    """Create a cohort; CohortError when the id is taken, empty, or the dates run backwards."""
    cohort_id, name = cohort_id.strip(), name.strip()
    if not cohort_id or not name:
        raise CohortError("A new cohort needs an id and a name.")
    if any(ch.isspace() for ch in cohort_id):
        raise CohortError(f"A cohort id has no spaces (e.g. {cohort_id.replace(' ', '-')!r}).")
    if starts_on and ends_on and ends_on < starts_on:
        raise CohortError("The cohort cannot end before it starts.")

    def work(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        if get(cur, cohort_id) is not None:
            raise CohortError(f"There is already a cohort {cohort_id!r}.")
        queries.execute(cur, "cohort_insert", cohort=cohort_id, cohort_name=name,
                        starts_on=starts_on, ends_on=ends_on)
        audit.record(cur, actor, "cohort.add", "cohort", cohort_id,
                     {"name": name, "starts_on": starts_on, "ends_on": ends_on})
        return {"id": cohort_id, "name": name, "starts_on": starts_on, "ends_on": ends_on}

    return db.write(con, work)
