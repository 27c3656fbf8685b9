"""Demo data of grant review and grant management, loaded after the demo bids.

A spring 2026 panel round over the received and shortlisted bids: three reviewers, one
declared conflict of interest, scored reviews of several bids (some left for the demo
reviewer to do); instalments on awarded bids (some paid, some due); interim and final
reports, one of them overdue. Runs inside demo.load's transaction (plain INSERTs) and is
deterministic: fixed dates, no randomness.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import duckdb

from casson.grants import reviews

ROUND = "2026-spring"
REVIEWERS = ("reviewer", "panel.trustee", "assessor.ext")
CONFLICT = ("panel.trustee", "The applicant works in my team at the same trust.")
# Dates fixed in time so the demo is the same on every machine: one overdue interim report.
OVERDUE_DUE_ON = date(2026, 10, 31)
FUTURE_FINAL_DUE_ON = date(2027, 6, 30)
OUTCOMES = (
    "15% reduction in median length of stay on the pilot ward",
    "Falls in the four care homes down by a third over twelve months",
    "Waiting time for a first OT assessment cut from 14 to 6 weeks",
    "Twelve band 5 therapists led a service improvement project each",
)


def _scores(n: int, who: int) -> dict[str, int]:
    """A plausible spread of 1–5 scores per bid and reviewer, fixed by the indices."""
    base = 2 + (n * 3 + who) % 3
    return {c.key: max(1, min(5, base + (i + n + who) % 3 - 1))
            for i, c in enumerate(reviews.DEFAULT_RUBRIC)}


def load(con: duckdb.DuckDBPyConnection) -> None:
    """Add the demo round, declarations, reviews, payment schedules and reports."""
    con.execute("INSERT INTO review_rounds (id, title, created_by) VALUES (?, ?, 'demo')",
                [ROUND, "Leadership and CPD funds, spring 2026"])
    panel = con.execute(
        "SELECT id, reference FROM bids WHERE status IN ('received', 'shortlisted') "
        "ORDER BY reference").fetchall()
    for n, (bid_id, ref) in enumerate(panel):
        for who, reviewer in enumerate(REVIEWERS):
            con.execute("INSERT INTO review_assignments (round_id, bid_id, reference, reviewer,"
                        " assigned_by) VALUES (?, ?, ?, ?, 'demo')", [ROUND, bid_id, ref, reviewer])
            # The demo reviewer has declared and scored only the first half: work to do.
            if reviewer == "reviewer" and n >= len(panel) // 2:
                continue
            conflicted = (reviewer, n) == (CONFLICT[0], 1)
            con.execute("INSERT INTO bid_conflicts (round_id, bid_id, reference, reviewer, "
                        "conflict, reason) VALUES (?, ?, ?, ?, ?, ?)",
                        [ROUND, bid_id, ref, reviewer, conflicted,
                         CONFLICT[1] if conflicted else None])
            if conflicted:
                continue
            scores = _scores(n, who)
            weighted = reviews.weighted_score(scores, reviews.DEFAULT_RUBRIC)
            recommendation = ("fund" if weighted >= 3.5 else
                              "maybe" if weighted >= 2.5 else "do_not_fund")
            con.execute("INSERT INTO bid_reviews (round_id, bid_id, reference, reviewer, scores,"
                        " weighted_score, recommendation, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [ROUND, bid_id, ref, reviewer, json.dumps(scores, sort_keys=True),
                         weighted, recommendation,
                         "Clear plan; measures named." if weighted >= 3.5 else
                         "Outcome measures need work."])
    _after_award(con)


def _after_award(con: duckdb.DuckDBPyConnection) -> None:
    funded = con.execute(
        "SELECT id, reference, status, amount_awarded, decided_on FROM bids "
        "WHERE status IN ('awarded', 'in_progress', 'completed') ORDER BY reference").fetchall()
    completed_n = in_progress_n = 0
    for bid_id, ref, status, awarded, decided in funded:
        first = round(awarded * 6 / 10, 2)
        for amount, due, paid in (
            (first, decided + timedelta(days=30),
             decided + timedelta(days=35)),
            (awarded - first, decided + timedelta(days=180),
             decided + timedelta(days=182) if status == "completed" else None),
        ):
            con.execute("INSERT INTO bid_payments (bid_id, reference, amount, due_on, paid_on,"
                        " created_by) VALUES (?, ?, ?, ?, ?, 'demo')",
                        [bid_id, ref, amount, due, paid])
        if status == "completed":
            outcome = OUTCOMES[completed_n % len(OUTCOMES)]
            completed_n += 1
            _report(con, bid_id, ref, "interim", decided + timedelta(days=180),
                    decided + timedelta(days=178), None)
            _report(con, bid_id, ref, "final", decided + timedelta(days=365),
                    decided + timedelta(days=350), outcome)
        elif status == "in_progress":
            # The first project in progress is late with its interim report: the overdue one.
            late = in_progress_n == 0
            in_progress_n += 1
            _report(con, bid_id, ref, "interim",
                    OVERDUE_DUE_ON if late else decided + timedelta(days=180),
                    None if late else decided + timedelta(days=176), None)
            _report(con, bid_id, ref, "final", FUTURE_FINAL_DUE_ON, None, None)


def _report(con: duckdb.DuckDBPyConnection, bid_id: int, ref: str, kind: str, due: date,
            received: date | None, outcome: str | None) -> None:
    con.execute("INSERT INTO bid_reports (bid_id, reference, kind, due_on, received_on, outcome,"
                " created_by) VALUES (?, ?, ?, ?, ?, ?, 'demo')",
                [bid_id, ref, kind, due, received, outcome])
