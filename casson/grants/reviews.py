"""The grants review panel: rounds, assignments, conflict-of-interest declarations, scoring.

A reviewer sees a bid only once staff assigned it to them in a round and they declared no
conflict of interest on it; a reviewer who declared a conflict can neither open nor score
it, and is left out of its averages. Every check is made here, on the server, whichever
page, URL or session state asked. Every write is audited.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb
import pandas as pd

from casson.grants import bids
from casson.platform import audit, db, queries, settings
from casson.platform.errors import Refused, Stale

RUBRIC_KEY = "review_rubric"
# Blind review: reviewers see no applicant name, email or employer (staff still do).
BLIND_KEY = "blind_review"
ON_WORDS, OFF_WORDS = ("on", "true", "yes", "1"), ("off", "false", "no", "0", "")
RECOMMENDATIONS = ("fund", "maybe", "do_not_fund")
RECOMMENDATION_LABELS = {"fund": "fund", "maybe": "maybe", "do_not_fund": "do not fund"}
SCORE_MIN, SCORE_MAX = 1, 5
# Bids a panel can still weigh: once decided, a bid is out of review.
REVIEWABLE = ("received", "shortlisted")
ROUND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: float


DEFAULT_RUBRIC = (
    Criterion("leadership_development", "Leadership development", 0.3),
    Criterion("service_benefit", "Service benefit", 0.3),
    Criterion("feasibility", "Feasibility", 0.2),
    Criterion("value_for_money", "Value for money", 0.2),
)


class ReviewError(Refused):
    """A refused review action; the message is for the user as it stands."""


class NotAssigned(ReviewError):
    """The bid is not assigned to this reviewer."""


class MustDeclare(ReviewError):
    """The reviewer has not yet declared whether they have a conflict of interest."""


class Conflicted(ReviewError):
    """The reviewer declared a conflict of interest on this bid."""


class StaleReview(ReviewError, Stale):
    """The review changed since the form read it."""


# -- the rubric ---------------------------------------------------------------------------------

def rubric(con: duckdb.DuckDBPyConnection) -> tuple[Criterion, ...]:
    """The rubric in force (a setting, JSON list of {key, label, weight}); the default otherwise."""
    text = settings.get(con, RUBRIC_KEY)
    if not text:
        return DEFAULT_RUBRIC
    return tuple(Criterion(c["key"], c["label"], float(c["weight"])) for c in json.loads(text))


def set_rubric(con: duckdb.DuckDBPyConnection, actor: str, criteria: list[Criterion]) -> None:
    """Change the rubric (audited). Weights must be positive; keys unique."""
    if not criteria:
        raise ReviewError("A rubric needs at least one criterion.")
    keys = [c.key for c in criteria]
    if len(set(keys)) != len(keys):
        raise ReviewError("Two criteria of the rubric share a key.")
    if any(c.weight <= 0 for c in criteria):
        raise ReviewError("Every criterion's weight must be more than 0.")
    text = json.dumps([{"key": c.key, "label": c.label, "weight": c.weight} for c in criteria])

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        before = settings.get(cur, RUBRIC_KEY)
        settings.put(cur, RUBRIC_KEY, text)
        audit.record(cur, actor, "setting.update", "setting", RUBRIC_KEY,
                     {"before": before, "after": text})

    db.write(con, work)


def weighted_score(scores: dict[str, Any], criteria: tuple[Criterion, ...]) -> Decimal:
    """The weighted mean of one review's scores (1–5 each), to three places.

    Refused when a criterion is missing, unknown or not a whole number from 1 to 5."""
    unknown = set(scores) - {c.key for c in criteria}
    if unknown:
        raise ReviewError(f"{', '.join(sorted(unknown))} is not a criterion of the rubric.")
    total, weights = Decimal(0), Decimal(0)
    for c in criteria:
        value = scores.get(c.key)
        if value is None:
            raise ReviewError(f"Score {c.label.lower()} from {SCORE_MIN} to {SCORE_MAX}.")
        if isinstance(value, bool) or int(value) != value or not SCORE_MIN <= value <= SCORE_MAX:
            raise ReviewError(f"{c.label} must be a whole number from {SCORE_MIN} to "
                              f"{SCORE_MAX}, not {value!r}.")
        weight = Decimal(str(c.weight))
        total += weight * int(value)
        weights += weight
    return (total / weights).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


# -- blind review -------------------------------------------------------------------------------

def blind_review(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether reviewers are kept from the applicant's identity (the setting blind_review)."""
    return (settings.get(con, BLIND_KEY) or "off").strip().lower() in ON_WORDS


def set_blind_review(con: duckdb.DuckDBPyConnection, actor: str, on: bool | str) -> bool:
    """Turn blind review on or off (audited as setting.update); returns the new state."""
    if isinstance(on, str):
        word = on.strip().lower()
        if word not in ON_WORDS + OFF_WORDS:
            raise ReviewError(f"blind_review is on or off, not {on!r}.")
        on = word in ON_WORDS
    text = "on" if on else "off"

    def work(cur: duckdb.DuckDBPyConnection) -> bool:
        before = settings.get(cur, BLIND_KEY) or "off"
        if before == text:
            return bool(on)
        settings.put(cur, BLIND_KEY, text)
        audit.record(cur, actor, "setting.update", "setting", BLIND_KEY,
                     {"before": before, "after": text})
        return bool(on)

    return db.write(con, work)


# -- rounds and assignments -----------------------------------------------------------------

def rounds(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.df(con, "grants/rounds")


def round_is_closed(con: duckdb.DuckDBPyConnection, round_id: str) -> bool:
    """Whether the round was closed (its reviews are frozen); False for no such round."""
    found = queries.one(con, "grants/round_get", round_id=round_id)
    return bool(found and found["closed_at"] is not None)


def open_round(con: duckdb.DuckDBPyConnection, actor: str, round_id: str, title: str) -> str:
    """Open a review round, e.g. '2026-spring' (audited)."""
    round_id, title = (round_id or "").strip(), (title or "").strip()
    if not ROUND_ID.match(round_id):
        raise ReviewError(f"{round_id!r} is not a round id: letters, digits, '-', '_' or '.', "
                          "e.g. 2026-spring.")
    if not title:
        raise ReviewError("Give the round a title, e.g. 'Leadership fund, spring 2026'.")

    def work(cur: duckdb.DuckDBPyConnection) -> str:
        if queries.one(cur, "grants/round_get", round_id=round_id):
            raise ReviewError(f"There is already a round {round_id}.")
        queries.execute(cur, "grants/round_insert", round_id=round_id, round_title=title,
                        actor=actor)
        audit.record(cur, actor, "review.round_open", "review_round", round_id, {"title": title})
        return round_id

    return db.write(con, work)


def _open_round(cur: duckdb.DuckDBPyConnection, round_id: str) -> dict[str, Any]:
    found = queries.one(cur, "grants/round_get", round_id=round_id)
    if found is None:
        raise ReviewError(f"There is no review round {round_id!r}.")
    if found["closed_at"] is not None:
        raise ReviewError(f"Round {round_id} is closed: its reviews can no longer change.")
    return found


def close_round(con: duckdb.DuckDBPyConnection, actor: str, round_id: str) -> None:
    """Close a round (audited): from then on its reviews and assignments stay as they are."""

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        _open_round(cur, round_id)
        queries.execute(cur, "grants/round_close", round_id=round_id)
        audit.record(cur, actor, "review.round_close", "review_round", round_id, {})

    db.write(con, work)


def assign(con: duckdb.DuckDBPyConnection, actor: str, round_id: str, bid_ids: list[int],
           reviewers: list[str]) -> int:
    """Assign every bid to every reviewer in a round (one bid or a whole round at once).

    Pairs already assigned are left as they are; returns how many assignments are new."""
    if not bid_ids:
        raise ReviewError("Choose at least one bid to assign.")
    if not reviewers:
        raise ReviewError("Choose at least one reviewer.")

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        _open_round(cur, round_id)
        added = 0
        for bid_id in bid_ids:
            bid = bids.get(cur, bid_id)
            if bid["status"] not in REVIEWABLE:
                raise ReviewError(f"Bid {bid['reference']} is {bids.STATUS_LABELS[bid['status']]}: "
                                  "only received or shortlisted bids go to the panel.")
            for reviewer in reviewers:
                if queries.one(cur, "grants/assignment_get", round_id=round_id, bid_id=bid_id,
                               reviewer=reviewer):
                    continue
                queries.one(cur, "grants/assignment_insert", round_id=round_id, bid_id=bid_id,
                            bid_reference=bid["reference"], reviewer=reviewer, actor=actor)
                audit.record(cur, actor, "review.assign", "bid", bid_id,
                             {"round": round_id, "reviewer": reviewer})
                added += 1
        return added

    return db.write(con, work)


def assignments(con: duckdb.DuckDBPyConnection, round_id: str) -> pd.DataFrame:
    return queries.df(con, "grants/assignments_for_round", round_id=round_id)


# -- declarations -------------------------------------------------------------------------------

def declaration(con: duckdb.DuckDBPyConnection, reviewer: str, round_id: str,
                bid_id: int) -> dict[str, Any] | None:
    """The declaration in force (the latest), or None before the reviewer declared."""
    return queries.one(con, "grants/conflict_latest", round_id=round_id, bid_id=bid_id,
                       reviewer=reviewer)


def _assignment(cur: duckdb.DuckDBPyConnection, reviewer: str, round_id: str,
                bid_id: int) -> dict[str, Any]:
    found = queries.one(cur, "grants/assignment_get", round_id=round_id, bid_id=bid_id,
                        reviewer=reviewer)
    if found is None:
        raise NotAssigned("This bid is not assigned to you for review.")
    return found


def declare(con: duckdb.DuckDBPyConnection, reviewer: str, round_id: str, bid_id: int, *,
            conflict: bool, reason: str | None = None) -> int:
    """Declare a conflict of interest on an assigned bid: yes (with a reason) or no.

    Every declaration is kept. A declared conflict stands: it cannot be withdrawn by a later
    "no" (staff see it on the bid)."""
    reason = (reason or "").strip() or None
    if conflict and not reason:
        raise ReviewError("Say what the conflict of interest is (e.g. 'I work with the "
                          "applicant'); it is kept with your declaration.")

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        found = _assignment(cur, reviewer, round_id, bid_id)
        _open_round(cur, round_id)
        current = declaration(cur, reviewer, round_id, bid_id)
        if current is not None and current["conflict"]:
            raise Conflicted(f"You declared a conflict of interest on bid {found['reference']}; "
                             "it stands, so you cannot review this bid.")
        if current is not None and not conflict:
            raise ReviewError(f"You already declared no conflict on bid {found['reference']}.")
        declared = queries.rows(cur, "grants/conflict_insert", round_id=round_id, bid_id=bid_id,
                               bid_reference=found["reference"], reviewer=reviewer,
                               conflict=bool(conflict), conflict_reason=reason)[0]["id"]
        audit.record(cur, reviewer, "review.declare", "bid", bid_id,
                     {"round": round_id, "conflict": bool(conflict), "reason": reason})
        return declared

    return db.write(con, work)


def declarations(con: duckdb.DuckDBPyConnection, bid_id: int) -> pd.DataFrame:
    """Every declaration made on a bid (shown to staff on the bid)."""
    return queries.df(con, "grants/conflicts_for_bid", bid_id=bid_id)


# -- what a reviewer may open, and their reviews ---------------------------------------------

def open_bid(con: duckdb.DuckDBPyConnection, reviewer: str, round_id: str,
             bid_id: int) -> dict[str, Any]:
    """The bid as a reviewer may read it (no email, no notes), only when it is assigned to
    them and they declared no conflict on it. Raises NotAssigned, MustDeclare or Conflicted."""
    found = _assignment(con, reviewer, round_id, bid_id)
    current = declaration(con, reviewer, round_id, bid_id)
    if current is None:
        raise MustDeclare(f"Declare whether you have a conflict of interest on bid "
                          f"{found['reference']} before you read it.")
    if current["conflict"]:
        raise Conflicted(f"You declared a conflict of interest on bid {found['reference']}: "
                         "you cannot open or score it.")
    bid = queries.one(con, "grants/reviewer_bid", bid_id=bid_id, blind=blind_review(con))
    if bid is None:
        raise NotAssigned("This bid is no longer in the dashboard.")
    return bid


def my_reviews(con: duckdb.DuckDBPyConnection, reviewer: str) -> pd.DataFrame:
    """A reviewer's assigned bids (no email; under blind review no name or employer either),
    their declaration and their review, if any."""
    return queries.df(con, "grants/my_reviews", reviewer=reviewer, blind=blind_review(con))


def review_of(con: duckdb.DuckDBPyConnection, reviewer: str, round_id: str,
              bid_id: int) -> dict[str, Any] | None:
    """This reviewer's own review (only once they may open the bid)."""
    open_bid(con, reviewer, round_id, bid_id)
    found = queries.one(con, "grants/review_get", round_id=round_id, bid_id=bid_id,
                        reviewer=reviewer)
    if found is not None:
        found["scores"] = json.loads(found["scores"])
    return found


def save_review(con: duckdb.DuckDBPyConnection, reviewer: str, round_id: str, bid_id: int, *,
                scores: dict[str, Any], recommendation: str, comment: str | None = None,
                version: int | None = None) -> Decimal:
    """Score a bid (or change one's review while the round is open); returns the weighted score.

    `version` is the review's version the form read (None for a first review)."""
    if recommendation not in RECOMMENDATIONS:
        raise ReviewError(f"Recommend one of: {', '.join(RECOMMENDATION_LABELS.values())}.")
    comment = (comment or "").strip() or None

    def work(cur: duckdb.DuckDBPyConnection) -> Decimal:
        bid = open_bid(cur, reviewer, round_id, bid_id)
        _open_round(cur, round_id)
        score = weighted_score(scores, rubric(cur))
        values = {"round_id": round_id, "bid_id": bid_id, "reviewer": reviewer,
                  "review_scores": json.dumps(scores, sort_keys=True),
                  "review_weighted": score, "review_recommendation": recommendation,
                  "review_comment": comment}
        existing = queries.one(cur, "grants/review_get", round_id=round_id, bid_id=bid_id,
                               reviewer=reviewer)
        if existing is None:
            if version is not None:
                raise StaleReview("Your review was removed since you opened it; score again.")
            queries.one(cur, "grants/review_insert", bid_reference=bid["reference"], **values)
            before = None
        else:
            if version != existing["version"]:
                raise StaleReview(f"Your review of bid {bid['reference']} changed since this "
                                  "form opened (another tab?); it has been reloaded.")
            queries.execute(cur, "grants/review_update", **values, version=version)
            before = {k: existing[k] for k in ("scores", "weighted_score", "recommendation")}
        audit.record(cur, reviewer, "review.save", "bid", bid_id, {
            "round": round_id, "before": before,
            "after": {"scores": scores, "weighted_score": score, "recommendation": recommendation}})
        return score

    return db.write(con, work)


# -- what staff see -----------------------------------------------------------------------------

def panel(con: duckdb.DuckDBPyConnection, round_id: str) -> pd.DataFrame:
    """A round's bids ranked by weighted mean (conflicted reviewers left out), with spread
    and the number of reviews counted."""
    df = queries.df(con, "grants/panel", round_id=round_id)
    df.insert(0, "rank", range(1, len(df) + 1))
    return df


def reviews_for_bid(con: duckdb.DuckDBPyConnection, bid_id: int) -> pd.DataFrame:
    return queries.df(con, "grants/reviews_for_bid", bid_id=bid_id)
