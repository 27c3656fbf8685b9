"""Who needs attention in a running cohort on a date, each item with its reasons and people.

The rules (DESIGN.md "Running a cohort"; days and thresholds are settings):
- no meeting logged `no_meeting_days` (21) days into the pair's term: counted from the later of
  the cohort's start and the pair's start, so a pair formed late gets its own three weeks;
- a "poor" fit, or a rating of `low_rating` (2) or less, in a member's latest check-in;
- no check-in from a member after mid-term (`checkin_by_fraction` of the term, 0.5);
- a mentor holding more pairs than their capacity;
- a mentee still waiting `waiting_days` (14) days after the cohort started;
- an open request for a new match (casson.mentoring.rematch), with the participant's reason.

Each rule is a small pure function, so its boundary is tested on its own (day 20 against 21).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import duckdb

from casson.mentoring import rematch
from casson.platform import queries, settings


@dataclass(frozen=True)
class Thresholds:
    no_meeting_days: int = 21
    low_rating: int = 2
    waiting_days: int = 14
    checkin_by_fraction: float = 0.5


def thresholds(con: duckdb.DuckDBPyConnection) -> Thresholds:
    """The thresholds as set (settings attention_*), else the defaults."""
    return Thresholds(
        no_meeting_days=int(settings.get(con, "attention_no_meeting_days") or 21),
        low_rating=int(settings.get(con, "attention_low_rating") or 2),
        waiting_days=int(settings.get(con, "attention_waiting_days") or 14),
        checkin_by_fraction=float(settings.get(con, "attention_checkin_by_fraction") or 0.5),
    )


@dataclass(frozen=True)
class Term:
    starts_on: dt.date | None
    ends_on: dt.date | None

    def day(self, as_of: dt.date, start: dt.date | None = None) -> int | None:
        """Days from the start (the term's, or a later one given) to `as_of`; day 0 is the start."""
        dates = [d for d in (self.starts_on, start) if d is not None]
        return (as_of - max(dates)).days if dates else None

    def midterm(self, fraction: float = 0.5) -> dt.date | None:
        if self.starts_on is None or self.ends_on is None:
            return None
        return (self.starts_on
                + dt.timedelta(days=int((self.ends_on - self.starts_on).days * fraction)))


# -- the rules ------------------------------------------------------------------------------

def no_meeting(term: Term, as_of: dt.date, pair_start: dt.date | None, meetings: int,
               t: Thresholds) -> str | None:
    day = term.day(as_of, pair_start)
    if meetings == 0 and day is not None and day >= t.no_meeting_days:
        return f"no meeting logged {day} days into the term (flagged from day {t.no_meeting_days})"
    return None


def unhappy(who: str, fit: str | None, rating: int | None, t: Thresholds) -> list[str]:
    reasons = []
    if fit == "poor":
        reasons.append(f"the {who} reported a poor fit")
    if rating is not None and rating <= t.low_rating:
        reasons.append(f"the {who} rated the mentoring {rating} of 5 ({t.low_rating} or less)")
    return reasons


def no_checkin(term: Term, as_of: dt.date, checked_in: bool, t: Thresholds) -> bool:
    mid = term.midterm(t.checkin_by_fraction)
    return not checked_in and mid is not None and as_of > mid


def over_capacity(used: int, capacity: int) -> str | None:
    if used > capacity:
        return f"mentor holds {used} pairs for a capacity of {capacity}"
    return None


def waiting(term: Term, as_of: dt.date, t: Thresholds, proposed: bool = False) -> str | None:
    day = term.day(as_of)
    if day is None or day < t.waiting_days:
        return None
    if proposed:
        return f"mentee's pair is still only proposed {day} days after the cohort started"
    return f"mentee still waiting for a mentor {day} days after the cohort started"


# -- the list -------------------------------------------------------------------------------

@dataclass
class Item:
    kind: str                      # pair | mentor | mentee
    reasons: list[str]
    # no_meeting, poor_fit, low_rating, no_checkin, over_capacity, waiting
    codes: list[str]
    actions: list[str]             # re-pair, end, log a meeting, pair, activate
    pair_id: int | None = None
    version: int | None = None
    mentor_id: int | None = None
    mentee_id: int | None = None
    mentor_name: str | None = None
    mentor_email: str | None = None
    mentee_name: str | None = None
    mentee_email: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def term(con: duckdb.DuckDBPyConnection, cohort: str) -> Term:
    row = queries.one(con, "mentoring/cohort_term", cohort=cohort)
    if row is None:
        raise LookupError(f"No cohort with id {cohort!r}.")
    return Term(row["starts_on"], row["ends_on"])


def default_as_of(t: Term, today: dt.date | None = None) -> dt.date:
    """Today, kept within the cohort's term (a closed cohort is seen on its last day)."""
    day = today or dt.date.today()
    if t.ends_on and day > t.ends_on:
        return t.ends_on
    if t.starts_on and day < t.starts_on:
        return t.starts_on
    return day


def _pair_item(r: dict[str, Any], tm: Term, as_of: dt.date, t: Thresholds,
               checkin_due: bool) -> Item | None:
    reasons, codes = [], []
    gap = no_meeting(tm, as_of, r["started_on"], r["meetings"], t)
    if gap:
        reasons.append(gap)
        codes.append("no_meeting")
    for who in ("mentor", "mentee"):
        for text in unhappy(who, r[f"{who}_fit"], r[f"{who}_rating"], t):
            reasons.append(text)
            codes.append("poor_fit" if "fit" in text else "low_rating")
    missing = [who for who in ("mentor", "mentee") if checkin_due and not r[f"{who}_checked_in"]]
    if missing:
        reasons.append(f"no check-in by mid-term from the {' and the '.join(missing)}")
        codes.append("no_checkin")
    if not reasons:
        return None
    return Item("pair", reasons, codes, ["log a meeting", "re-pair", "end"], pair_id=r["pair_id"],
                version=r["version"], mentor_id=r["mentor_id"], mentee_id=r["mentee_id"],
                mentor_name=r["mentor_name"], mentor_email=r["mentor_email"],
                mentee_name=r["mentee_name"], mentee_email=r["mentee_email"],
                extra={"meetings": r["meetings"], "last_met_on": r["last_met_on"]})


def items(con: duckdb.DuckDBPyConnection, cohort: str, as_of: dt.date | None = None,
          t: Thresholds | None = None) -> list[Item]:
    """Everything in `cohort` needing attention on `as_of` (default: today within the term)."""
    tm = term(con, cohort)
    day = as_of or default_as_of(tm)
    t = t or thresholds(con)
    out = []
    due = no_checkin(tm, day, False, t)  # has mid-term passed (for someone without a check-in)?
    for r in queries.rows(con, "mentoring/attention_pairs", cohort=cohort, as_of=day,
                          low_rating=t.low_rating,
                          checkin_due=due,
                          meeting_due_by=day - dt.timedelta(days=t.no_meeting_days)):
        item = _pair_item(r, tm, day, t, due)
        if item:
            out.append(item)
    for m in queries.rows(con, "mentoring/attention_mentors", cohort=cohort, as_of=day):
        out.append(Item("mentor", [over_capacity(m["used"], m["capacity"]) or ""],
                        ["over_capacity"],
                        ["re-pair", "end"], mentor_id=m["mentor_id"], mentor_name=m["mentor_name"],
                        mentor_email=m["mentor_email"]))
    for w in queries.rows(con, "mentoring/attention_waiting", cohort=cohort, as_of=day):
        text = waiting(tm, day, t, proposed=w["proposed_pair_id"] is not None)
        if text:
            out.append(Item("mentee", [text], ["waiting"],
                            ["activate" if w["proposed_pair_id"] else "pair"],
                            pair_id=w["proposed_pair_id"], mentee_id=w["mentee_id"],
                            mentee_name=w["mentee_name"], mentee_email=w["mentee_email"]))
    _add_rematch_requests(con, cohort, out)
    return out


def _add_rematch_requests(con: duckdb.DuckDBPyConnection, cohort: str, out: list[Item]) -> None:
    """Each open rematch request joins its pair's item, else stands as the participant's own."""
    by_pair = {i.pair_id: i for i in out if i.kind == "pair" and i.pair_id is not None}
    for r in rematch.open_requests(con, cohort):
        text = f"the {r['role']} asked for a new match: {r['reason']}"
        item = by_pair.get(r["pair_id"])
        if item is not None:
            item.reasons.append(text)
            item.codes.append("rematch")
            continue
        who = {f"{r['role']}_id": r["participant_id"], f"{r['role']}_name": r["full_name"],
               f"{r['role']}_email": r["email"]}
        out.append(Item(r["role"], [text], ["rematch"], ["re-pair", "end"], pair_id=r["pair_id"],
                        extra={"rematch_request": r["id"]}, **who))


def to_json(cohort: str, as_of: dt.date, found: list[Item]) -> dict[str, Any]:
    """The CLI's --json object: the cohort, the date and each item with its `reasons` list."""
    counts: dict[str, int] = {}
    for i in found:
        for c in i.codes:
            counts[c] = counts.get(c, 0) + 1
    return {"cohort": cohort, "as_of": as_of.isoformat(), "count": len(found), "by_reason": counts,
            "items": [asdict(i) for i in found]}
