"""Running a cohort at profession scale: the needs-attention list of the largest running cohort
(5,000 active pairs, 5,500 mentees) and the Cohorts and Pairs pages' server-side renders.

The bench database has no meetings or check-ins of its own: this suite adds them to bench-10
once (about 55,000 meetings and 7,000 check-ins, deterministic; mostly good fits and ratings, some
poor: a realistic cohort in which a fraction of pairs need attention), marked by a settings row."""

from __future__ import annotations

import datetime as dt

from bench.apptest import render_ms
from bench.results import Result, median_ms
from casson.mentoring import attention
from casson.platform import db

TARGET_MS = 300
COHORT = "bench-10"
AS_OF = dt.date(2032, 4, 15)   # past bench-10's mid-term: every rule has something to find
MARK = "bench_running_version"
VERSION = "2"


def _seed(path: str) -> None:
    con = db.connect(path)
    try:
        if con.execute("SELECT 1 FROM settings WHERE key = ? AND value = ?",
                       [MARK, VERSION]).fetchone():
            return
        with db.transaction(con):
            con.execute("DELETE FROM meetings WHERE cohort_id = ?", [COHORT])
            con.execute("DELETE FROM checkins WHERE cohort_id = ?", [COHORT])
            con.execute("DELETE FROM settings WHERE key = ?", [MARK])
            # Most pairs meet every 10-20 days; one in twelve never logs a meeting.
            con.execute("""
                INSERT INTO meetings (pair_id, cohort_id, met_on, minutes, format, source,
                created_by)
                SELECT pr.id, pr.cohort_id,
                       DATE '2032-01-05' + CAST(n * 14 + CAST(hash(pr.id, n) % 6 AS BIGINT) AS
                       INTEGER),
                       45, 'video', 'demo', 'bench'
                FROM pairs pr, range(12) t(n)
                WHERE pr.cohort_id = ? AND CAST(hash(pr.id) % 12 AS BIGINT) <> 0""", [COHORT])
            con.execute("""
                INSERT INTO checkins (cohort_id, participant_id, fit, rating, submitted_at, source,
                created_by)
                SELECT cohort_id, id,
                       -- mostly good, some unsure, a few poor; ratings mostly 4 or 5
                       ['good', 'good', 'good', 'good', 'good', 'good', 'unsure', 'unsure',
                       'unsure',
                        'poor'][1 + CAST(hash(id) % 10 AS BIGINT)],
                       CAST([5, 5, 5, 4, 4, 4, 4, 3, 3, 2][1 + CAST(hash(id, 'r') % 10 AS BIGINT)]
                            AS TINYINT),
                       TIMESTAMP '2032-03-01 09:00' + to_minutes(CAST(hash(id) % 40000 AS BIGINT)),
                       'demo', 'bench'
                FROM participants WHERE cohort_id = ? AND CAST(hash(id, 'c') % 10 AS BIGINT) <>
                0""",
                        [COHORT])
            con.execute("INSERT INTO settings VALUES (?, ?)", [MARK, VERSION])
        con.execute("CHECKPOINT")
    finally:
        con.close()


def run(ctx) -> list[Result]:
    _seed(str(ctx.db))
    con = db.connect(ctx.db, read_only=True)
    try:
        found = attention.items(con, COHORT, AS_OF)
        ms = median_ms(lambda: attention.items(con, COHORT, AS_OF), repeat=5)
    finally:
        con.close()
    results = [Result(f"attention list: {COHORT} on {AS_OF} ({len(found):,} items)", ms, "ms",
                      TARGET_MS)]
    results.append(Result("page render: Cohorts (staff)", render_ms("staff", "views/cohorts.py"),
                          "ms", TARGET_MS))
    results.append(Result("page render: Pairs with its attention tab (staff)",
                          render_ms("staff", "views/pairs.py"), "ms", TARGET_MS))
    return results
