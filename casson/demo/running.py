"""Demo data of a running cohort: cohort-2's meetings, check-ins and webinar links, so that on
20 January 2022 a few of its pairs need attention, each for a different reason:

- three pairs with no meeting logged by then (they start meeting in February);
- a mentee who reports a poor fit, and a mentor who rates the mentoring 2 of 5;
- a mentor holding one pair more than their capacity (they asked to take one fewer);
- (and the mentees still unmatched from cohort_two, waiting for a mentor).

Its own random generator, so the rest of the demo keeps its values.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import duckdb

COHORT = "cohort-2"
AS_OF = date(2022, 1, 20)          # the date the demo's attention list is told about
NO_MEETING = (3, 17, 40)           # positions among the cohort's active pairs
POOR_FIT, LOW_RATING = 10, 25
FORMATS = ("video", "video", "video", "phone", "in person")
_NOTES = (None, None, "Talked through a band 6 interview.", "Agreed goals for the term.",
          "Mentee wants to focus on storytelling.", None)


def load(con: duckdb.DuckDBPyConnection) -> None:
    """Add the running cohort's data (inside demo.load's transaction)."""
    rng = random.Random(2022)
    con.execute("UPDATE cohorts SET status = CASE WHEN ends_on < DATE '2022-01-01' THEN 'closed' "
                "ELSE 'running' END")
    con.execute("UPDATE sessions SET join_url = 'https://teams.example.org/casson/' || id "
                "WHERE cohort_id = ?", [COHORT])
    _over_capacity(con)
    pairs = con.execute(
        "SELECT id, mentor_id, mentee_id, started_on, ended_on FROM pairs "
        "WHERE cohort_id = ? AND status IN ('active', 'ended_early') ORDER BY id",
        [COHORT]).fetchall()
    active = [p for p in pairs if p[4] is None]
    late = {active[i][0] for i in NO_MEETING}
    for pair_id, _, _, started, ended in pairs:
        day = started + timedelta(days=rng.randint(4, 12))
        if pair_id in late:
            day = date(2022, 2, 3) + timedelta(days=rng.randint(0, 6))
        last = ended or date(2022, 4, 30)
        while day <= last:
            con.execute(
                "INSERT INTO meetings (pair_id, cohort_id, met_on, minutes, format, note, source, "
                "created_by) VALUES (?, ?, ?, ?, ?, ?, 'demo', 'demo')",
                [pair_id, COHORT, day, rng.choice((30, 45, 45, 60, 60, 90)), rng.choice(FORMATS),
                 rng.choice(_NOTES)])
            day += timedelta(days=rng.randint(10, 20))
    for n, (_, mentor, mentee, _, _) in enumerate(active):
        for who, role in ((mentor, "mentor"), (mentee, "mentee")):
            fit, rating = rng.choice(("good", "good", "good", "unsure")), rng.randint(3, 5)
            if n == POOR_FIT and role == "mentee":
                fit, rating = "poor", 3
            elif n == LOW_RATING and role == "mentor":
                fit, rating = "unsure", 2
            elif rng.random() < 0.3 and n not in (POOR_FIT, LOW_RATING):
                continue  # not everyone answers the check-in by mid-January
            when = datetime.combine(date(2022, 1, 5) + timedelta(days=rng.randint(0, 13)),
                                    time(rng.randint(8, 20), rng.randint(0, 59)))
            con.execute(
                "INSERT INTO checkins (cohort_id, participant_id, fit, rating, "
                "comment, submitted_at, "
                "source, created_by) VALUES (?, ?, ?, ?, ?, ?, 'demo', 'demo')",
                [COHORT, who, fit, rating,
                 None if fit == "good" else "Finding it hard to find time.",
                 when])


def _over_capacity(con: duckdb.DuckDBPyConnection) -> None:
    """A mentor with two mentees asks in January to take one fewer: one pair over capacity."""
    mentor = con.execute(
        "SELECT p.id FROM participants p WHERE p.cohort_id = ? AND p.role = 'mentor' AND "
        "p.capacity = 2 "
        "AND (SELECT count(*) FROM pairs x WHERE x.mentor_id = p.id AND x.status = 'active') = 2 "
        "ORDER BY p.id LIMIT 1", [COHORT]).fetchone()
    if mentor:
        con.execute("UPDATE participants SET capacity = 1 WHERE id = ?", [mentor[0]])
