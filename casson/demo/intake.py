"""Demo data of intake: a register of interest for a third cohort, the loop's history, the
directory's published resources and two readers' suggestions. Called from casson.demo.load inside
its transaction; deterministic.

The register's people are fictional (generated names, example.org emails). `cohort-3` is the
cohort the registrations ask for: it is not created here (staff create it when it is planned, then
move people in from the register). The resources are the real, public ones the trust's own text
names (RCOT's members' resources and two NHS Leadership Academy pages); no citation is invented.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import duckdb

from casson.platform.config import DEMO_DIR
from casson.platform.vocab import REGIONS

SEED = 2022
THIRD = "cohort-3"
SOURCES = ("registration form", "registration form", "registration form", "email to the trust",
           "RCOT regional group")

RESOURCES = (
    {"title": "Practice resources: Leadership and Management",
     "source": "Royal College of Occupational Therapists", "year": None,
     "url": "https://www.rcot.co.uk/", "topic": "leadership and management",
     "annotation": "RCOT's own resources for members: log into the website and search Practice "
                   "resources / Occupational therapy topics / Leadership and Management."},
    {"title": "Healthcare Leadership Model", "source": "NHS Leadership Academy", "year": None,
     "url": "https://www.leadershipacademy.nhs.uk/", "topic": "leadership behaviours",
     "annotation": "The nine dimensions of leadership behaviour that the Northampton MSc in "
                   "Leadership for Health and Social Care is built on."},
    {"title": "Coaching and mentoring register", "source": "NHS Leadership Academy", "year": None,
     "url": "https://www.leadershipacademy.nhs.uk/resources/coaching-register/",
     "topic": "coaching and mentoring",
     "annotation": "The Academy's register of coaches and mentors, run with its regional leads."},
)


def _lines(name: str) -> list[str]:
    return [s.strip() for s in (DEMO_DIR / name).read_text(encoding="utf-8").splitlines()
            if s.strip()]


def _insert(con: duckdb.DuckDBPyConnection, table: str, row: dict) -> int:
    cols, marks = ", ".join(row), ", ".join("?" for _ in row)
    found = con.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks}) RETURNING id",  # noqa: S608
                        list(row.values())).fetchone()
    assert found is not None
    return int(found[0])


def _entry(**row: object) -> dict:
    row.setdefault("email_key", str(row["email"]).lower())
    row.setdefault("updated_by", "demo")
    return row


def load(con: duckdb.DuckDBPyConnection) -> None:
    """The register, resources and suggestions (inside the caller's transaction)."""
    rng = random.Random(SEED)
    first, last = _lines("first_names.txt"), _lines("last_names.txt")
    start = date(2022, 5, 3)

    # The loop so far: the pilot mentees who said they would mentor and did, in cohort 2.
    joined = con.execute(
        "SELECT DISTINCT p.id, p.full_name, p.email, p.region FROM survey_responses r "
        "JOIN people p ON p.id = r.person_id "
        "JOIN participants m ON m.person_id = p.id AND m.cohort_id = 'cohort-2' AND "
        "m.role = 'mentor' "
        "WHERE r.cohort_id = 'pilot-2021' AND r.role = 'mentee' AND "
        "r.willing_to_mentor ORDER BY p.id"
    ).fetchall()
    for pid, name, email, region in joined:
        _insert(con, "interest", _entry(
            full_name=name, email=email, region=region, role_wanted="mentor",
            cohort_wanted="cohort-2", source="pilot-2021 survey: willing to mentor", consent=True,
            registered_on=date(2021, 7, 12), status="joined", joined_cohort="cohort-2",
            person_id=pid, from_cohort="pilot-2021"))
    # Pilot mentees willing to mentor who have not yet: some registered for the third cohort.
    waiting = con.execute(
        "SELECT DISTINCT p.id, p.full_name, p.email, p.region FROM survey_responses r "
        "JOIN people p ON p.id = r.person_id "
        "WHERE r.cohort_id = 'pilot-2021' AND r.role = 'mentee' AND r.willing_to_mentor "
        "AND NOT EXISTS (SELECT 1 FROM participants x WHERE x.person_id = p.id AND "
        "x.role = 'mentor') "
        "ORDER BY p.id").fetchall()
    for n, (pid, name, email, region) in enumerate(waiting[:6]):
        _insert(con, "interest", _entry(
            full_name=name, email=email, region=region, role_wanted="mentor", cohort_wanted=THIRD,
            source="pilot-2021 survey: willing to mentor", consent=True,
            registered_on=start + timedelta(days=n), status="declined" if n == 5 else
            ("invited" if n < 4 else "new"), person_id=pid, from_cohort="pilot-2021"))
    # New registrations from the form: mentors and mentees for the third cohort, or the future.
    for n in range(24):
        f, surname = rng.choice(first), rng.choice(last)
        role = "mentor" if n % 3 == 0 else "mentee"
        _insert(con, "interest", _entry(
            full_name=f"{f} {surname}", email=f"{f}.{surname}.r{n + 1:03d}@example.org".lower(),
            region=rng.choice(REGIONS), role_wanted=role,
            cohort_wanted="future" if n % 7 == 6 else THIRD, source=SOURCES[n % len(SOURCES)],
            consent=n % 8 != 5, registered_on=start + timedelta(days=3 + n * 2),
            status="withdrew" if n == 11 else "new"))

    for row in RESOURCES:
        _insert(con, "resources", dict(row))
    # Suggestions as readers send them to the secretary,
    # both pending: a course the directory already
    # lists (accepting it is refused by name) and a resource from a page the trust's text names.
    _insert(con, "suggestions", {
        "kind": "course", "title": "The Mary Seacole programme",
        "provider": "NHS Leadership Academy",
        "url": "https://www.leadershipacademy.nhs.uk/programmes/mary-seacole-programme/",
        "note": "Did this last year; good for a first formal leadership role.",
        "suggested_by": "A reader (demo)", "email": "reader.one@example.org", "source": "email"})
    _insert(con, "suggestions", {
        "kind": "resource", "title": "CAHPR news: a mentoring scheme for leadership in research",
        "provider": "Council for Allied Health Professions Research",
        "url": "http://cahpr.csp.org.uk/news/2018/02/08/new-cahpr-project-nihr-crn",
        "year": 2018, "topic": "research leadership",
        "note": "The trust's page says to check here for updates on the scheme.",
        "suggested_by": "A reader (demo)", "email": "reader.two@example.org", "source": "email"})
