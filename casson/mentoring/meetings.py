"""A pair's meetings: logged by staff on the page, or imported from a "log your meeting" Form.

A meeting has a date (never in the future), minutes, a format (video / phone / in person) and
a note only staff see. One meeting per pair per day: a second is a duplicate and refused.
Every meeting written leaves an audit row, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from casson.mentoring import cohorts, pairs
from casson.platform import audit, db, queries
from casson.platform import text as stored_text
from casson.platform.errors import Refused

FORMATS = ("video", "phone", "in person")
# How people write a format in a form; the key is lower case with spaces squeezed.
FORMAT_WORDS = {"video": "video", "video call": "video", "teams": "video", "zoom": "video",
                "online": "video", "phone": "phone", "telephone": "phone", "phone call": "phone",
                "in person": "in person", "in-person": "in person", "face to face": "in person",
                "face-to-face": "in person"}


class MeetingError(Refused):
    """A meeting refused by a rule; the message is shown as it is."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: Any
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}, value {self.value!r}: {self.reason}"


class RowsRefused(MeetingError):
    """Rows of an import refused; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def parse_format(text: str | None) -> str | None:
    """'Video call' -> video, 'Face to face' -> in person; None for a blank; ValueError else."""
    if text is None or not str(text).strip():
        return None
    key = " ".join(str(text).strip().lower().split())
    if key in FORMAT_WORDS:
        return FORMAT_WORDS[key]
    raise ValueError(f"is not a meeting format (expected {', '.join(FORMATS)})")


def _check(met_on: dt.date, minutes: int | None, fmt: str | None, today: dt.date) -> None:
    if met_on > today:
        raise MeetingError(f"The meeting date {met_on:%d %b %Y} is in the future: log a meeting "
                           "once it has happened.")
    if minutes is not None and not 1 <= int(minutes) <= 600:
        raise MeetingError(f"{minutes} minutes is not a meeting length (1 to 600).")
    if fmt is not None and fmt not in FORMATS:
        raise MeetingError(f"{fmt!r} is not a meeting format ({', '.join(FORMATS)}).")


def _insert(cur: duckdb.DuckDBPyConnection, actor: str, pair: dict[str, Any], met_on: dt.date,
            minutes: int | None, fmt: str | None, note: str | None, source: str,
            import_id: int | None) -> int:
    if queries.one(cur, "mentoring/meetings_exists", pair_id=pair["id"], met_on=met_on):
        raise MeetingError(f"A meeting of {pair['mentee_name']} with {pair['mentor_name']} on "
                           f"{met_on:%d %b %Y} is already logged.")
    row = queries.one(cur, "mentoring/meetings_insert", pair_id=pair["id"],
                      cohort=pair["cohort_id"],
                      met_on=met_on, minutes=minutes, format=fmt, note=(note or "").strip() or None,
                      source=source, import_id=import_id, actor=actor)
    audit.record(cur, actor, "meeting.log", "pair", pair["id"],
                 {"cohort": pair["cohort_id"], "met_on": met_on, "minutes": minutes,
                  "format": fmt, "source": source})
    assert row is not None  # INSERT … RETURNING gives its row
    return int(row["id"])


def _earliest(cur: duckdb.DuckDBPyConnection, pair: dict[str, Any]) -> dt.date | None:
    """The first day a meeting of this pair may be on: the cohort's start, else the pair's."""
    term = cohorts.term(cur, pair["cohort_id"]) or {}
    return term.get("starts_on") or pair["started_on"]


def log(con: duckdb.DuckDBPyConnection, actor: str, pair_id: int, met_on: dt.date,
        minutes: int | None = None, fmt: str | None = None, note: str | None = None,
        today: dt.date | None = None) -> int:
    """Staff log one meeting of a pair; returns the meeting's id."""
    _check(met_on, minutes, fmt, today or dt.date.today())
    return db.write(con, lambda cur: log_in(cur, actor, pair_id, met_on, minutes, fmt, note))


def log_in(cur: duckdb.DuckDBPyConnection, actor: str, pair_id: int, met_on: dt.date,
           minutes: int | None = None, fmt: str | None = None, note: str | None = None,
           source: str = "staff", today: dt.date | None = None) -> int:
    """One meeting inside the caller's transaction (staff entry, or a personal link's)."""
    stored_text.check("The note", note, multi_line=True, error=MeetingError)
    _check(met_on, minutes, fmt, today or dt.date.today())
    pair = pairs.get(cur, pair_id)
    if pair is None:
        raise MeetingError(f"There is no pair {pair_id}.")
    if pair["status"] == "proposed":
        raise MeetingError(f"The pair {pair['mentee_name']} with {pair['mentor_name']} is only "
                           "proposed: activate it before logging its meetings.")
    # A meeting within the cohort's term is accepted even before the pair's recorded start:
    # staff catching up activate pairs late and log what already happened.
    earliest = _earliest(cur, pair)
    if earliest and met_on < earliest:
        raise MeetingError(f"{met_on:%d %b %Y} is before {earliest:%d %b %Y}, when the "
                           "pair's cohort started: a meeting falls within the term.")
    if pair["ended_on"] and met_on > pair["ended_on"]:
        raise MeetingError(f"The pair ended on {pair['ended_on']:%d %b %Y}, before "
                           f"{met_on:%d %b %Y}.")
    return _insert(cur, actor, pair, met_on, minutes, fmt, note, source, None)


def check_rows(cur: duckdb.DuckDBPyConnection, cohort: str, rows: list[dict[str, Any]],
               today: dt.date | None = None) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Resolve an import's rows (email, met_on, minutes, format; row numbers in `row`) to pairs.

    A future date, a duplicate (in the file or already logged) or an email of no current pair
    of the cohort is an error naming its row. Returns (resolved rows, errors).
    """
    day = today or dt.date.today()
    by_email = {r["email"]: r for r in queries.rows(cur, "mentoring/meetings_current_pairs",
                                                    cohort=cohort)}
    good, errors, seen = [], [], set()
    for r in rows:
        n = r.get("row", 0)
        email = (r.get("email") or "").strip().lower()
        pair = by_email.get(email)
        met_on = r.get("met_on")
        if pair is None:
            errors.append(RowError(n, "email", r.get("email"),
                                   f"belongs to no current pair of {cohort}"))
            continue
        if met_on is None:
            errors.append(RowError(n, "met_on", met_on, "a meeting needs its date"))
            continue
        if met_on > day:
            errors.append(RowError(n, "met_on", met_on, "is in the future"))
            continue
        key = (pair["pair_id"], met_on)
        if key in seen or queries.one(cur, "mentoring/meetings_exists", pair_id=pair["pair_id"],
                                      met_on=met_on):
            errors.append(RowError(n, "met_on", met_on,
                                   "duplicates a meeting of this pair already logged on that day"))
            continue
        seen.add(key)
        good.append({**r, "pair_id": pair["pair_id"]})
    return good, errors


def record_rows(cur: duckdb.DuckDBPyConnection, actor: str, cohort: str,
                rows: list[dict[str, Any]], import_id: int | None = None) -> int:
    """Write resolved rows (from check_rows) inside the caller's transaction; returns the count."""
    for r in rows:
        pair = pairs.get(cur, r["pair_id"])
        if pair is None:
            raise MeetingError(f"Pair {r['pair_id']} was removed while importing; "
                               "nothing was saved.")
        _insert(cur, actor, pair, r["met_on"], r.get("minutes"), r.get("format"), r.get("note"),
                "import", import_id)
    return len(rows)


def import_rows(con: duckdb.DuckDBPyConnection, actor: str, cohort: str,
                rows: list[dict[str, Any]], today: dt.date | None = None) -> int:
    """All-or-nothing: every row is checked first; one bad row and nothing is written."""

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        good, errors = check_rows(cur, cohort, rows, today)
        if errors:
            raise RowsRefused(errors)
        return record_rows(cur, actor, cohort, good)

    return db.write(con, work)


def of_cohort(con: duckdb.DuckDBPyConnection, cohort: str, limit: int) -> pd.DataFrame:
    """The cohort's meetings, newest first, at most `limit` (with the total in every row)."""
    return queries.df(con, "mentoring/meetings_of_cohort", cohort=cohort, limit=limit)
