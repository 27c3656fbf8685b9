"""Rematch requests and match exclusions.

A participant whose check-in reports a "poor" fit may ask for a new match (through their
check-in link, or staff on their behalf); an open request shows in Needs attention with its
reason until staff close it. A pair ended early as "not a good fit" records an exclusion of
that mentor and mentee (people, so across cohorts): matching never proposes them again.
"""

from __future__ import annotations

from typing import Any

import duckdb

from casson.platform import audit, db, queries
from casson.platform.errors import Refused

NOT_A_GOOD_FIT = "not a good fit"
SOURCES = ("staff", "link")


class RematchError(Refused):
    """A rematch request that cannot be made or closed as asked."""


def request_in(
    cur: duckdb.DuckDBPyConnection,
    actor: str,
    cohort: str,
    participant_id: int,
    reason: str,
    source: str = "staff",
) -> int:
    """Record a participant's request for a new match, inside the caller's transaction."""
    if source not in SOURCES:
        raise RematchError(f"{source!r} is not a source of a rematch request.")
    reason = " ".join((reason or "").split()) or "reported a poor fit"
    if queries.one(cur, "mentoring/rematch_open_of", participant_id=participant_id):
        raise RematchError("A request for a new match is already open; the trust will be in touch.")
    pair = queries.one(cur, "mentoring/pairs_participant_current", participant_id=participant_id)
    row = queries.one_required(
        cur,
        "mentoring/rematch_insert",
        cohort=cohort,
        participant_id=participant_id,
        pair_id=None if pair is None else pair["pair_id"],
        reason=reason[:500],
        source=source,
    )
    audit.record(
        cur,
        actor,
        "rematch.request",
        "participant",
        participant_id,
        {"cohort": cohort, "pair": None if pair is None else pair["pair_id"], "source": source},
    )
    return int(row["id"])


def request(
    con: duckdb.DuckDBPyConnection, actor: str, cohort: str, participant_id: int, reason: str
) -> int:
    """Staff record a request on a participant's behalf."""
    return db.write(con, lambda cur: request_in(cur, actor, cohort, participant_id, reason))


def open_requests(con: duckdb.DuckDBPyConnection, cohort: str) -> list[dict[str, Any]]:
    """The cohort's open requests, oldest first, with the participant and their pair."""
    return queries.rows(con, "mentoring/rematch_open", cohort=cohort)


def close(con: duckdb.DuckDBPyConnection, actor: str, request_id: int) -> None:
    def work(cur: duckdb.DuckDBPyConnection) -> None:
        row = queries.one(cur, "mentoring/rematch_close", request_id=request_id, actor=actor)
        if row is None:
            raise RematchError("That request is already closed.")
        audit.record(
            cur,
            actor,
            "rematch.close",
            "participant",
            row["participant_id"],
            {"request": request_id},
        )

    db.write(con, work)


def is_not_a_good_fit(outcome: str, reason: str | None) -> bool:
    return outcome == "ended_early" and NOT_A_GOOD_FIT in " ".join((reason or "").lower().split())


def exclude_in(
    cur: duckdb.DuckDBPyConnection, actor: str, pair: dict[str, Any], reason: str
) -> None:
    """Never propose this pair's mentor and mentee together again (inside the transaction)."""
    queries.execute(
        cur, "mentoring/exclusion_insert", pair_id=pair["id"], reason=reason, actor=actor
    )
    audit.record(cur, actor, "pair.exclude", "pair", pair["id"], {"reason": reason})


def excluded_people(con: duckdb.DuckDBPyConnection) -> set[tuple[int, int]]:
    """(mentor person id, mentee person id) that may never be proposed together."""
    return {
        (r["mentor_person_id"], r["mentee_person_id"])
        for r in queries.rows(con, "mentoring/exclusions_all")
    }
