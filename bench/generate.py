"""A deterministic profession-scale database: the demo data plus about 40,000 people over
10 cohorts, 50,000 pairs, 75,000 survey responses and 5,000 bids (DESIGN.md's Targets).

Values come from hash(i), never random(), so every run builds the same rows.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from casson import demo
from casson.platform import db
from casson.platform.vocab import CAREER_STAGES, REGIONS

BENCH_DIR = Path(__file__).resolve().parent / "data"
BENCH_DB = BENCH_DIR / "bench.duckdb"
GENERATOR_VERSION = "1"

COHORTS = 10
PEOPLE = 40_000
MENTORS_PER_COHORT = 2_500
MENTEES_PER_COHORT = 5_500
PAIRS_PER_COHORT = 5_000
RESPONSES_PER_COHORT = 7_500
BIDS = 5_000
THEMES = ("confidence", "storytelling", "difficult conversations", "influencing",
          "leading change", "personal power", "career planning", "research", "management",
          "networking")


def _array(values: tuple[str, ...]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _small_hashes(sql: str) -> str:
    # hash() is UBIGINT, which list indexing and date arithmetic refuse: fold it to BIGINT.
    return re.sub(r"hash\(([^()]*)\)", r"CAST(hash(\1) % 1000003 AS BIGINT)", sql)


def _statements() -> list[str]:
    """The SQL that grows the demo database to profession scale, in order."""
    regions, stages, themes = _array(REGIONS), _array(CAREER_STAGES), _array(THEMES)
    per_cohort = MENTORS_PER_COHORT + MENTEES_PER_COHORT
    return [
        f"""INSERT INTO cohorts (id, name, starts_on, ends_on)
            SELECT printf('bench-%02d', c), printf('Bench cohort %d', c),
                   make_date(2022 + c, 1, 1), make_date(2022 + c, 6, 30)
            FROM range(1, {COHORTS + 1}) t(c)""",
        f"""INSERT INTO people (full_name, email, email_key, region, career_stage, specialty,
                employer)
            SELECT printf('Bench Person %05d', i), printf('bench.person%05d@example.org', i),
                   printf('bench.person%05d@example.org', i),
                   {regions}[1 + hash(i, 'r') % 12], {stages}[1 + hash(i, 's') % 5],
                   'community', 'Community NHS trust'
            FROM range({PEOPLE}) t(i)""",
        # Each cohort takes 8,000 different people; over 10 cohorts most people return once.
        f"""CREATE TEMP TABLE stage_parts AS
            SELECT printf('bench-%02d', c) AS cohort_id, k,
                   printf('bench.person%05d@example.org', ((c - 1) * {per_cohort} + k) % {PEOPLE})
                   AS email_key,
                   CASE WHEN k < {MENTORS_PER_COHORT} THEN 'mentor' ELSE 'mentee' END AS role,
                   {themes}[1 + hash(c, k, 'a') % 10] || '; ' || {themes}[1 + hash(c, k, 'b') % 10]
                   AS themes,
                   CASE WHEN k < {MENTORS_PER_COHORT} THEN 2 + hash(c, k) % 2 END AS capacity
            FROM range(1, {COHORTS + 1}) a(c), range({per_cohort}) b(k)""",
        """INSERT INTO participants (person_id, cohort_id, role, themes, capacity)
           SELECT p.id, s.cohort_id, s.role, s.themes, s.capacity
           FROM stage_parts s JOIN people p USING (email_key)""",
        """CREATE TEMP TABLE part_ids AS
           SELECT s.cohort_id, s.k, pa.id AS participant_id, pa.person_id
           FROM stage_parts s JOIN people p USING (email_key)
           JOIN participants pa ON pa.person_id = p.id AND pa.cohort_id = s.cohort_id""",
        # Mentee k is paired with mentor (k - mentors) % mentors: two mentees per mentor;
        # the last 500 mentees of each cohort stay unmatched.
        f"""INSERT INTO pairs (cohort_id, mentor_id, mentee_id, status, matched_by, started_on,
                ended_on, updated_by)
            SELECT e.cohort_id, m.participant_id, e.participant_id,
                   CASE WHEN e.cohort_id = printf('bench-%02d', {COHORTS}) THEN 'active' ELSE
                   'completed' END,
                   CASE WHEN hash(e.k) % 2 = 0 THEN 'suggested' ELSE 'manual' END,
                   DATE '2023-01-01', NULL, 'bench'
            FROM part_ids e
            JOIN part_ids m ON m.cohort_id = e.cohort_id
                 AND m.k = (e.k - {MENTORS_PER_COHORT}) % {MENTORS_PER_COHORT}
            WHERE e.k >= {MENTORS_PER_COHORT} AND e.k < {MENTORS_PER_COHORT + PAIRS_PER_COHORT}""",
        f"""INSERT INTO survey_responses (cohort_id, role, person_id, submitted_at, would_recommend,
                relationship_successful, grew_confidence, career_development, willing_to_mentor,
                comments)
            SELECT s.cohort_id, s.role, s.person_id, TIMESTAMP '2023-07-01 09:00' +
            to_minutes(CAST(s.k AS BIGINT)),
                   CAST(2 + hash(s.k, 'w') % 4 AS TINYINT),
                   CASE WHEN s.role = 'mentee' THEN CAST(1 + hash(s.k, 'x') % 5 AS TINYINT) END,
                   CASE WHEN s.role = 'mentee' THEN CAST(2 + hash(s.k, 'y') % 4 AS TINYINT) END,
                   CASE WHEN s.role = 'mentee' THEN CAST(2 + hash(s.k, 'z') % 4 AS TINYINT) END,
                   CASE WHEN s.role = 'mentee' THEN hash(s.k, 'm') % 3 = 0 END,
                   CASE WHEN hash(s.k) % 10 = 0 THEN 'Generated comment' END
            FROM (SELECT p.*, st.role FROM part_ids p JOIN stage_parts st USING (cohort_id, k)) s
            WHERE s.k < {RESPONSES_PER_COHORT}""",
        f"""INSERT INTO bids (reference, applicant_name, applicant_email, region, project_title,
                fund,
                amount_requested, amount_awarded, status, received_on, decided_on, updated_by)
            SELECT printf('BENCH-%05d', i), printf('Bench Applicant %05d', i),
                   printf('bench.applicant%05d@example.org', i), {regions}[1 + hash(i, 'r') % 12],
                   'Generated project', CASE WHEN i % 4 = 3 THEN 'cpd' ELSE 'leadership' END,
                   1000 + hash(i) % 9000,
                   CASE WHEN i % 7 IN (2, 5, 6) THEN 1000 + hash(i) % 9000 END,
                   ['received', 'shortlisted', 'awarded', 'declined', 'withdrawn', 'in_progress',
                   'completed'][1 + i % 7],
                   DATE '2018-01-01' + CAST(i % 3000 AS INTEGER),
                   CASE WHEN i % 7 >= 2 THEN DATE '2018-03-01' + CAST(i % 3000 AS INTEGER) END,
                   'bench'
            FROM range({BIDS}) t(i)""",
        "DROP TABLE stage_parts",
        "DROP TABLE part_ids",
    ]


def build(path: Path = BENCH_DB) -> Path:
    """(Re)build the bench database at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, Path(f"{path}.wal")):
        stale.unlink(missing_ok=True)
    con = db.connect(path)
    demo.load(con)
    statements = _statements()
    with db.transaction(con):
        for sql in statements:
            con.execute(_small_hashes(sql))
        con.execute("INSERT INTO settings VALUES ('bench_generator_version', ?)",
                    [GENERATOR_VERSION])
    con.execute("CHECKPOINT")
    con.close()
    return path


def ensure(path: Path = BENCH_DB) -> Path:
    """Build the bench database unless a current one exists."""
    if path.exists():
        try:
            con = db.connect(path, read_only=True)
            row = con.execute("SELECT value FROM settings WHERE key = "
                              "'bench_generator_version'").fetchone()
            con.close()
            if row and row[0] == GENERATOR_VERSION:
                return path
        except Exception:
            pass
    return build(path)


if __name__ == "__main__":
    start = time.perf_counter()
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else BENCH_DB)
    print(f"built {out} in {time.perf_counter() - start:.1f} s")
