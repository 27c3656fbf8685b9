"""Manual changes to mentoring pairs: create, reassign, end, swap, lock, undo.

Every change:
- checks the pair is still at the version the user loaded (no lost updates: the second of two
  saves is refused, naming who changed the pair and when);
- enforces the pairing rules with plain-English messages (same cohort, a mentor holds the
  mentor role, one current mentor per mentee, nobody paired with themself, mentor capacity
  unless overridden with a reason);
- writes pair_events (who, when, before, after, reason) and an audit row in the same
  transaction, grouped by a change id so the last change can be undone.

Writes are serialised within the process (Streamlit sessions share one connection) and run
through casson.platform.db.write, which retries DuckDB write conflicts.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import duckdb

from casson.mentoring import cohorts, pair_filters, rematch
from casson.mentoring.pair_filters import when
from casson.platform import audit, db, faults, queries
from casson.platform import text as stored_text
from casson.platform.errors import Refused, Stale

T = TypeVar("T")

CURRENT = ("proposed", "active")          # statuses that hold a mentor's place
END_OUTCOMES = ("completed", "ended_early")
# What "formed", "matched" and "current" mean is one SQL macro each (migration 0016).

# Fields of a pair that a change may alter and an undo restores.
STATE_FIELDS = ("mentor_id", "status", "match_score", "matched_by", "locked", "started_on",
                "ended_on", "end_reason")

_WRITE_LOCK = threading.Lock()


class PairError(Refused):
    """A change refused by a rule; the message is shown to the user as it is."""


class PairConflict(PairError, Stale):
    """The pair changed after the user loaded it."""


def _write(con: duckdb.DuckDBPyConnection, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    # One writer at a time in this process; db.write still retries conflicts with other
    # processes' connections.
    with _WRITE_LOCK:
        return db.write(con, work)


# -- reading --------------------------------------------------------------------------------

def get(con: duckdb.DuckDBPyConnection, pair_id: int) -> dict[str, Any] | None:
    return queries.one(con, "mentoring/pairs_get", pair_id=pair_id)


def _participant(cur: duckdb.DuckDBPyConnection, participant_id: int) -> dict[str, Any]:
    row = queries.one(cur, "mentoring/pairs_participant", participant_id=participant_id)
    if row is None:
        raise PairError(f"There is no participant with id {participant_id}.")
    return row


def _label(pair: dict[str, Any]) -> str:
    return f"{pair['mentee_name']} with {pair['mentor_name']}"


def _load(cur: duckdb.DuckDBPyConnection, pair_id: int, version: int | None) -> dict[str, Any]:
    """The pair as it is now; refused if it moved on from the version the user loaded."""
    pair = get(cur, pair_id)
    if pair is None:
        raise PairConflict(f"Pair {pair_id} no longer exists: someone removed it. Reload the page.")
    if version is not None and pair["version"] != version:
        raise PairConflict(
            f"The pair {_label(pair)} was changed by {pair['updated_by'] or 'someone'} at "
            f"{when(pair['updated_at'])} after you loaded it; nothing was saved. "
            "Look at it again and redo your change if it still applies."
        )
    return pair


def state(pair: dict[str, Any] | None) -> dict[str, Any] | None:
    """The JSON-able snapshot of a pair kept in pair_events."""
    if pair is None:
        return None
    keep = ("id", "cohort_id", "mentee_id", "version", "mentor_name", "mentor_email",
            "mentee_name", "mentee_email", *STATE_FIELDS)
    out = {k: pair.get(k) for k in keep}
    for k in ("started_on", "ended_on"):
        if out[k] is not None:
            out[k] = str(out[k])
    return out


# -- rules ----------------------------------------------------------------------------------

def check_pairing(cur: duckdb.DuckDBPyConnection, mentor_id: int, mentee_id: int,
                  pair_id: int = -1, override_reason: str | None = None,
                  cohort: str | None = None) -> tuple[dict, dict, bool]:
    """Apply the pairing rules; returns (mentor, mentee, over_capacity) or raises PairError.

    `pair_id` is the pair being changed (left out of the counts); -1 for a new pair.
    """
    mentor = _participant(cur, mentor_id)
    mentee = _participant(cur, mentee_id)
    if mentor["person_id"] == mentee["person_id"]:
        raise PairError(f"{mentor['full_name']} cannot be paired with themself.")
    if mentor["role"] != "mentor":
        raise PairError(f"{mentor['full_name']} is a mentee in "
                        f"{mentor['cohort_id']}, not a mentor: "
                        "only someone with the mentor role can mentor.")
    if mentee["role"] != "mentee":
        raise PairError(f"{mentee['full_name']} is a mentor in "
                        f"{mentee['cohort_id']}, not a mentee.")
    for who in (mentor, mentee):
        other = queries.one(cur, "mentoring/pairs_other_role", participant_id=who["id"])
        if other is not None:
            raise PairError(f"{who['full_name']} is both a mentor and a mentee of "
                            f"{who['cohort_id']}: a person has one role per cohort. Remove one "
                            "of the two roles on People first.")
    if mentor["cohort_id"] != mentee["cohort_id"]:
        raise PairError(f"{mentor['full_name']} is in {mentor['cohort_id']} and "
                        f"{mentee['full_name']} is in {mentee['cohort_id']}: a pair must be "
                        "within one cohort.")
    if cohort is not None and mentor["cohort_id"] != cohort:
        raise PairError(f"{mentor['full_name']} is in {mentor['cohort_id']}, not {cohort}.")
    others = queries.rows(cur, "mentoring/pairs_mentee_current", mentee_id=mentee_id,
                          pair_id=pair_id)
    if others:
        o = others[0]
        raise PairError(f"{mentee['full_name']} already has a mentor in {mentee['cohort_id']} "
                        f"({o['mentor_name']}, {o['status']}): one mentor per mentee. "
                        "Reassign or end that pair instead.")
    used = queries.one_required(cur, "mentoring/pairs_mentor_load", mentor_id=mentor_id,
                                pair_id=pair_id)["used"]
    over = used >= mentor["capacity"]
    if over and not (override_reason or "").strip():
        raise PairError(f"{mentor['full_name']} already mentors {used} of a capacity of "
                        f"{mentor['capacity']}. To go over capacity, tick the override and "
                        "give a reason.")
    return mentor, mentee, over


def _reason(reason: str | None, over: bool, override_reason: str | None) -> str | None:
    stored_text.check_fields({"reason": reason, "override_reason": override_reason}, PairError)
    parts = [r.strip() for r in (reason,) if r and r.strip()]
    if over:
        if override_reason is None:  # check_pairing refuses going over capacity without one
            raise PairError("Give a reason for going over capacity.")
        parts.append(f"over capacity: {override_reason.strip()}")
    return "; ".join(parts) or None


# -- recording ------------------------------------------------------------------------------

def _new_change(cur: duckdb.DuckDBPyConnection) -> int:
    return queries.one_required(cur, "mentoring/pairs_change_id")["change_id"]


def _event(cur: duckdb.DuckDBPyConnection, change_id: int, actor: str, action: str, cohort: str,
           pair_id: int, before: dict | None, after: dict | None, reason: str | None) -> None:
    faults.point("pairs.before_event")  # the pair row is written, its history not yet
    queries.execute(cur, "mentoring/pairs_event_insert", pair_id=pair_id, cohort=cohort,
                    actor=actor,
                    action=action,
                    before_state=None if before is None else json.dumps(state(before), default=str),
                    after_state=None if after is None else json.dumps(state(after), default=str),
                    reason=reason, change_id=change_id)
    audit.record(cur, actor, f"pair.{action}", "pair", pair_id,
                 {"cohort": cohort, "change_id": change_id, "reason": reason,
                  "before": state(before), "after": state(after)})


def _save(cur: duckdb.DuckDBPyConnection, pair: dict[str, Any], actor: str, **changes: Any) -> dict:
    fields = {k: pair[k] for k in STATE_FIELDS} | changes
    saved = queries.one_required(cur, "mentoring/pairs_update", pair_id=pair["id"],
                                 version=pair["version"], actor=actor, **fields)
    if saved["Count"] != 1:  # changed between our read and write
        _load(cur, pair["id"], pair["version"])
        raise PairConflict(f"The pair {_label(pair)} changed while saving; nothing was saved.")
    return queries.one_required(cur, "mentoring/pairs_get", pair_id=pair["id"])


def _insert(cur: duckdb.DuckDBPyConnection, actor: str, cohort: str, mentor_id: int,
            mentee_id: int, status: str, matched_by: str, match_score: float | None,
            pair_id: int | None = None, **extra: Any) -> dict:
    values = {"locked": False, "started_on": dt.date.today() if status == "active" else None,
              "ended_on": None, "end_reason": None, "version": 1} | extra
    row = queries.one_required(cur, "mentoring/pairs_insert", pair_id=pair_id, cohort=cohort,
                               mentor_id=mentor_id, mentee_id=mentee_id, status=status,
                               match_score=match_score, matched_by=matched_by, actor=actor,
                               **values)
    return queries.one_required(cur, "mentoring/pairs_get", pair_id=row["id"])


# -- the changes ----------------------------------------------------------------------------

def _require_unlocked(pair: dict[str, Any]) -> None:
    if pair["locked"]:
        raise PairError(f"The pair {_label(pair)} is locked: unlock it first.")


def _require_current(pair: dict[str, Any], what: str) -> None:
    if pair["status"] not in CURRENT:
        raise PairError(f"The pair {_label(pair)} is {pair['status'].replace('_', ' ')}; only a "
                        f"proposed or active pair can be {what}.")


def create(con: duckdb.DuckDBPyConnection, actor: str, mentor_id: int, mentee_id: int,
           status: str = "active", reason: str | None = None,
           override_reason: str | None = None, matched_by: str = "manual",
           match_score: float | None = None) -> int:
    """Pair a mentee with a mentor; returns the new pair's id."""
    if status not in CURRENT:
        raise PairError(f"A new pair is proposed or active, not {status!r}.")

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        mentor, _, over = check_pairing(cur, mentor_id, mentee_id, override_reason=override_reason)
        pair = _insert(cur, actor, mentor["cohort_id"], mentor_id, mentee_id, status, matched_by,
                       match_score)
        _event(cur, _new_change(cur), actor, "create", pair["cohort_id"], pair["id"], None, pair,
               _reason(reason, over, override_reason))
        return pair["id"]

    return _write(con, work)


def reassign(con: duckdb.DuckDBPyConnection, actor: str, pair_id: int, version: int | None,
             mentor_id: int, reason: str | None = None,
             override_reason: str | None = None) -> dict:
    """Move a pair's mentee to another mentor of the same cohort."""

    def work(cur: duckdb.DuckDBPyConnection) -> dict:
        pair = _load(cur, pair_id, version)
        _require_unlocked(pair)
        _require_current(pair, "reassigned")
        if pair["mentor_id"] == mentor_id:
            raise PairError(f"{pair['mentee_name']} is already with {pair['mentor_name']}.")
        _, _, over = check_pairing(cur, mentor_id, pair["mentee_id"], pair_id=pair_id,
                                   override_reason=override_reason, cohort=pair["cohort_id"])
        after = _save(cur, pair, actor, mentor_id=mentor_id, matched_by="manual", match_score=None)
        _event(cur, _new_change(cur), actor, "reassign", pair["cohort_id"], pair_id, pair, after,
               _reason(reason, over, override_reason))
        return after

    return _write(con, work)


def end(con: duckdb.DuckDBPyConnection, actor: str, pair_id: int, version: int | None,
        outcome: str, reason: str, ended_on: dt.date | None = None) -> dict:
    """End a pair as completed or ended early; a reason is required."""
    if outcome not in END_OUTCOMES:
        raise PairError(f"A pair ends as completed or ended early, not {outcome!r}.")
    if not (reason or "").strip():
        raise PairError("Give a reason for ending the pair.")

    def work(cur: duckdb.DuckDBPyConnection) -> dict:
        pair = _load(cur, pair_id, version)
        _require_unlocked(pair)
        _require_current(pair, "ended")
        after = _save(cur, pair, actor, status=outcome, ended_on=ended_on or dt.date.today(),
                      end_reason=reason.strip())
        _event(cur, _new_change(cur), actor, "end", pair["cohort_id"], pair_id, pair, after,
               reason.strip())
        if rematch.is_not_a_good_fit(outcome, reason):   # never proposed together again
            rematch.exclude_in(cur, actor, pair, reason.strip())
        return after

    return _write(con, work)


def swap(con: duckdb.DuckDBPyConnection, actor: str, pair_a: int, version_a: int | None,
         pair_b: int, version_b: int | None, reason: str | None = None) -> tuple[dict, dict]:
    """Swap the mentees of two pairs (each mentee moves to the other's mentor)."""
    if pair_a == pair_b:
        raise PairError("Choose two different pairs to swap.")

    def work(cur: duckdb.DuckDBPyConnection) -> tuple[dict, dict]:
        a, b = _load(cur, pair_a, version_a), _load(cur, pair_b, version_b)
        for p in (a, b):
            _require_unlocked(p)
            _require_current(p, "swapped")
        if a["cohort_id"] != b["cohort_id"]:
            raise PairError("The two pairs are in different cohorts: a pair must be "
                            "within one cohort.")
        if a["mentor_id"] == b["mentor_id"]:
            raise PairError(f"Both mentees are already with {a['mentor_name']}; nothing to swap.")
        for mentee, mentor in ((a, b), (b, a)):
            if mentee["mentee_id"] == mentor["mentor_id"] or _participant(cur, mentee["mentee_id"])[
                    "person_id"] == _participant(cur, mentor["mentor_id"])["person_id"]:
                raise PairError(f"{mentee['mentee_name']} cannot be paired with themself.")
        # Capacity is unchanged by a swap: each mentor gives one mentee and takes one.
        change = _new_change(cur)
        new_a = _save(cur, a, actor, mentor_id=b["mentor_id"], matched_by="manual",
                      match_score=None)
        new_b = _save(cur, b, actor, mentor_id=a["mentor_id"], matched_by="manual",
                      match_score=None)
        _event(cur, change, actor, "swap", a["cohort_id"], pair_a, a, new_a, reason)
        _event(cur, change, actor, "swap", b["cohort_id"], pair_b, b, new_b, reason)
        return new_a, new_b

    return _write(con, work)


def set_locked(con: duckdb.DuckDBPyConnection, actor: str, pair_id: int, version: int | None,
               locked: bool = True, reason: str | None = None) -> dict:
    """Lock a pair (suggestions keep it; changes need an unlock first) or unlock it."""

    def work(cur: duckdb.DuckDBPyConnection) -> dict:
        pair = _load(cur, pair_id, version)
        if pair["locked"] == locked:
            raise PairError(f"The pair {_label(pair)} is already "
                            f"{'locked' if locked else 'unlocked'}.")
        after = _save(cur, pair, actor, locked=locked)
        _event(cur, _new_change(cur), actor, "lock" if locked else "unlock", pair["cohort_id"],
               pair_id, pair, after, reason)
        return after

    return _write(con, work)


def activate(con: duckdb.DuckDBPyConnection, actor: str, cohort: str,
             pair_ids: list[int] | None = None, versions: dict[int, int] | None = None,
             started_on: dt.date | None = None) -> list[dict]:
    """Make proposed pairs active as one change (one undo reverts them all).

    `pair_ids` None means every proposed pair of the cohort. `versions` are the versions the
    user saw (pair id -> version): a pair changed since is refused, and nothing is saved.
    A locked pair may be activated: the lock keeps its mentor, which activation does not touch.
    `started_on` defaults to cohorts.activation_start (the cohort's start when activating late).
    """

    def work(cur: duckdb.DuckDBPyConnection) -> list[dict]:
        start = started_on or cohorts.activation_start(cur, cohort)
        cohorts.check_pair_start(cur, cohort, start)
        wanted = pair_ids
        if wanted is None:
            wanted = [r["pair_id"] for r in queries.rows(cur, "mentoring/pairs_proposed",
                                                         cohort=cohort)]
        if not wanted:
            raise PairError(f"There is no proposed pair to activate in {cohort}.")
        change = _new_change(cur)
        done = []
        for pid in wanted:
            pair = _load(cur, pid, (versions or {}).get(pid))
            if pair["cohort_id"] != cohort:
                raise PairError(f"Pair {pid} is in {pair['cohort_id']}, not {cohort}.")
            if pair["status"] != "proposed":
                raise PairError(f"The pair {_label(pair)} is {pair['status'].replace('_', ' ')}; "
                                "only a proposed pair can be activated.")
            after = _save(cur, pair, actor, status="active", started_on=start)
            _event(cur, change, actor, "activate", cohort, pid, pair, after, None)
            done.append(after)
        return done

    return _write(con, work)


def withdraw(cur: duckdb.DuckDBPyConnection, actor: str, pair: dict, change_id: int,
             reason: str) -> None:
    """Delete a proposed pair (used when a suggestion replaces it); inside a transaction."""
    _require_unlocked(pair)
    if pair["status"] != "proposed":
        raise PairError(f"Only a proposed pair can be withdrawn; {_label(pair)} is "
                        f"{pair['status']}.")
    deleted = queries.one_required(cur, "mentoring/pairs_delete", pair_id=pair["id"],
                                   version=pair["version"])
    if deleted["Count"] != 1:
        _load(cur, pair["id"], pair["version"])
    _event(cur, change_id, actor, "withdraw", pair["cohort_id"], pair["id"], pair, None, reason)


def last_change(con: duckdb.DuckDBPyConnection, cohort: str) -> list[dict[str, Any]]:
    """The events of the cohort's most recent change that can still be undone."""
    return queries.rows(con, "mentoring/pairs_last_change", cohort=cohort)


def undo(con: duckdb.DuckDBPyConnection, actor: str, cohort: str,
         change_id: int | None = None) -> str:
    """Revert the cohort's last change; refused if any of its pairs changed since.

    `change_id` is the change the user saw offered for undo: if another change came after
    it, the undo is refused rather than reverting something the user has not seen.
    """

    def work(cur: duckdb.DuckDBPyConnection) -> str:
        events = last_change(cur, cohort)
        if not events:
            raise PairError(f"There is no change to undo in {cohort}.")
        if change_id is not None and events[0]["change_id"] != change_id:
            raise PairConflict(f"Another change was made since you loaded the page "
                               f"({pair_filters.describe(events)}); nothing was undone. "
                               "Look again first.")
        undo_id = _new_change(cur)
        for e in events:
            before = json.loads(e["before_state"]) if e["before_state"] else None
            after = json.loads(e["after_state"]) if e["after_state"] else None
            current = get(cur, e["pair_id"])
            restored: dict[str, Any] | None
            if after is None:  # the change deleted the pair: put it back
                if before is None:  # every event records the pair before or after it
                    raise PairError(f"The history of pair {e['pair_id']} has an event with no "
                                    "state; nothing was undone.")
                if current is not None:
                    raise PairConflict(f"Pair {e['pair_id']} exists again; nothing was undone.")
                restored = _insert(cur, actor, cohort, before["mentor_id"], before["mentee_id"],
                                   before["status"], before["matched_by"], before["match_score"],
                                   pair_id=e["pair_id"], locked=before["locked"],
                                   started_on=before["started_on"], ended_on=before["ended_on"],
                                   end_reason=before["end_reason"], version=before["version"] + 1)
                _event(cur, undo_id, actor, "undo", cohort, e["pair_id"], None, restored,
                       f"undo of {e['action']} by {e['actor']}")
                continue
            current = _load(cur, e["pair_id"], after["version"])
            if before is None:  # the change created the pair: remove it
                queries.execute(cur, "mentoring/pairs_delete", pair_id=current["id"],
                                version=current["version"])
                restored = None
            else:
                restored = _save(cur, current, actor, **{k: before[k] for k in STATE_FIELDS})
            _event(cur, undo_id, actor, "undo", cohort, e["pair_id"], current, restored,
                   f"undo of {e['action']} by {e['actor']}")
        queries.execute(cur, "mentoring/pairs_mark_undone", change_id=events[0]["change_id"])
        return pair_filters.describe(events)

    return _write(con, work)
