"""Demo data: the seed texts' directory facts, the 2021 pilot as published, a second cohort
with work left to do, and grant bids. Deterministic: the same files and seed give the same rows.

Everyone in `people` is fictional (generated names, example.org emails).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from casson.demo import grants, intake, running
from casson.platform import dbfiles
from casson.platform.config import DEMO_DIR
from casson.platform.vocab import REGIONS

SEED = 2021

# The pilot as the trust published it (seeds/mentoring-programme.txt).
PILOT = {
    "mentors": 34,
    "mentees": 54,
    "mentor_responses": 33,
    "mentee_responses": 49,
    "willing_to_mentor": 41,
}

# Cohort 2 and the bids as the demo builds them; tests and pages' checks use these, not literals.
COHORT_TWO = {
    "returning_mentors": 20,   # pilot mentors who came back
    "mentees_turned_mentors": 12,
    "new_mentors": 8,
    "mentees": 70,
    "paired": 52,              # mentees paired by hand (2 of those pairs ended early)
}
COHORT_TWO_MENTORS = (COHORT_TWO["returning_mentors"] + COHORT_TWO["mentees_turned_mentors"]
                      + COHORT_TWO["new_mentors"])
COHORT_TWO_PARTICIPANTS = COHORT_TWO_MENTORS + COHORT_TWO["mentees"]   # 110
BIDS = 30
# funded of decided (withdrawn left out): 12 of 16, as bids.success_rate shows it
BID_SUCCESS_RATE = "75.0%"


def _lines(name: str) -> list[str]:
    return [s.strip() for s in (DEMO_DIR / name).read_text(encoding="utf-8").splitlines()
            if s.strip()]


def _csv(name: str) -> list[dict[str, Any]]:
    with (DEMO_DIR / name).open(encoding="utf-8", newline="") as fh:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(fh)]


@dataclass
class _Factory:
    """Makes fictional people with unique example.org emails."""

    rng: random.Random
    first: list[str] = field(default_factory=lambda: _lines("first_names.txt"))
    last: list[str] = field(default_factory=lambda: _lines("last_names.txt"))
    themes: list[str] = field(default_factory=lambda: _lines("themes.txt"))
    specialties: list[str] = field(default_factory=lambda: _lines("specialties.txt"))
    employers: list[str] = field(default_factory=lambda: _lines("employers.txt"))
    count: int = 0

    def person(self, stages: tuple[str, ...]) -> dict:
        self.count += 1
        first, last = self.rng.choice(self.first), self.rng.choice(self.last)
        return {
            "full_name": f"{first} {last}",
            "email": f"{first}.{last}.{self.count:04d}@example.org".lower(),
            "region": self.rng.choice(REGIONS),
            "career_stage": self.rng.choice(stages),
            "specialty": self.rng.choice(self.specialties),
            "employer": self.rng.choice(self.employers),
        }

    def theme_list(self, low: int, high: int) -> str:
        return "; ".join(sorted(self.rng.sample(self.themes, self.rng.randint(low, high))))


MENTOR_STAGES = ("mid career", "senior", "senior", "leader")
MENTEE_STAGES = ("student", "early career", "early career", "mid career")

_COMMENTS = (
    "My mentor helped me find my voice in team meetings.",
    "Really valued the conversation starters on storytelling.",
    "Gained the confidence to apply for a band 7 post.",
    "Enjoyed mentoring; I learned as much as my mentee did.",
    "The webinars were a good prompt for our sessions.",
    None,
    None,
    None,
)


class _Loader:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.rng = random.Random(SEED)
        self.people = _Factory(self.rng)

    def insert(self, table: str, row: dict[str, Any]) -> int:
        """Insert a row into a table with an id column; the new id."""
        return int(dbfiles.scalar(self.con, self._sql(table, row) + " RETURNING id",
                                  list(row.values())))

    def insert_row(self, table: str, row: dict[str, Any]) -> None:
        """Insert a row into a table keyed otherwise (cohorts, attendance)."""
        self.con.execute(self._sql(table, row), list(row.values()))

    @staticmethod
    def _sql(table: str, row: dict[str, Any]) -> str:
        return f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})"

    def add_person(self, stages: tuple[str, ...]) -> int:
        p = self.people.person(stages)
        p["email_key"] = p["email"]
        return self.insert("people", p)

    def add_participant(self, person_id: int, cohort: str, role: str, capacity: int | None) -> int:
        themes = self.people.theme_list(2, 4) if role == "mentor" else self.people.theme_list(1, 3)
        return self.insert("participants", {
            "person_id": person_id, "cohort_id": cohort, "role": role, "themes": themes,
            "capacity": capacity,
            "goals": None if role == "mentor" else "Build confidence and plan my next career step.",
        })

    def add_pair(self, cohort: str, mentor: int, mentee: int, status: str, start: date,
                 end: date | None = None, reason: str | None = None) -> int:
        return self.insert("pairs", {
            "cohort_id": cohort, "mentor_id": mentor, "mentee_id": mentee, "status": status,
            "matched_by": "manual", "started_on": start, "ended_on": end, "end_reason": reason,
            "updated_by": "demo",
        })

    # -- the directory --------------------------------------------------------------------
    def directory(self) -> None:
        for row in _csv("cohorts.csv"):
            self.insert_row("cohorts", row)
        for row in _csv("courses.csv"):
            row["is_free"] = row["is_free"] == "true"
            self.insert("courses", row)
        for row in _csv("coaches.csv"):
            self.insert("coaches", row)
        for row in _csv("webinars.csv"):
            self.insert("sessions", row)
        for row in _csv("case_studies.csv"):
            self.insert("case_studies", row)

    # -- the pilot, reproducing every published figure ------------------------------------
    def pilot(self) -> dict[str, list]:
        start, end = date(2021, 3, 1), date(2021, 6, 30)
        mentors, mentees = [], []
        # 20 mentors took two mentees and 14 took one: 54 pairs for 54 mentees.
        for i in range(PILOT["mentors"]):
            pid = self.add_person(MENTOR_STAGES)
            mentors.append((pid,
                            self.add_participant(pid, "pilot-2021", "mentor", 2 if i < 20 else 1)))
        for _ in range(PILOT["mentees"]):
            pid = self.add_person(MENTEE_STAGES)
            mentees.append((pid, self.add_participant(pid, "pilot-2021", "mentee", None)))
        slots = [m for i, m in enumerate(mentors) for _ in range(2 if i < 20 else 1)]
        for (_, mentor_part), (_, mentee_part) in zip(slots, mentees, strict=True):
            self.add_pair("pilot-2021", mentor_part, mentee_part, "completed", start, end)

        # 33 of 34 mentors and 49 of 54 mentees answered; every Likert answer is agree or
        # strongly agree (100% positive); 41 of the 49 mentees are willing to mentor.
        def likert() -> int:
            return 5 if self.rng.random() < 0.62 else 4

        def submitted() -> datetime:
            return datetime(2021, 6, 21, 9) + timedelta(hours=self.rng.randint(0, 24 * 14))

        for person_id, _ in mentors[: PILOT["mentor_responses"]]:
            self.insert("survey_responses", {
                "cohort_id": "pilot-2021", "role": "mentor", "person_id": person_id,
                "submitted_at": submitted(), "would_recommend": likert(),
                "comments": self.rng.choice(_COMMENTS),
            })
        respondents = mentees[: PILOT["mentee_responses"]]
        willing = set(self.rng.sample(range(len(respondents)), PILOT["willing_to_mentor"]))
        for i, (person_id, _) in enumerate(respondents):
            self.insert("survey_responses", {
                "cohort_id": "pilot-2021", "role": "mentee", "person_id": person_id,
                "submitted_at": submitted(), "would_recommend": likert(),
                "relationship_successful": likert(), "grew_confidence": likert(),
                "career_development": likert(), "willing_to_mentor": i in willing,
                "comments": self.rng.choice(_COMMENTS),
            })
        willing_people = [respondents[i][0] for i in sorted(willing)]
        return {"mentors": [m[0] for m in mentors], "willing": willing_people}

    # -- cohort 2: returning mentors, pilot mentees turned mentors, unmatched mentees ------
    def cohort_two(self, pilot: dict[str, list]) -> None:
        cohort, start = "cohort-2", date(2021, 11, 15)
        mentor_people = (pilot["mentors"][:COHORT_TWO["returning_mentors"]]
                         + pilot["willing"][:COHORT_TWO["mentees_turned_mentors"]])
        mentor_people += [self.add_person(MENTOR_STAGES) for _ in range(COHORT_TWO["new_mentors"])]
        mentors = []
        for person_id in mentor_people:
            capacity = self.rng.choice((1, 2, 2, 3))
            mentors.append([self.add_participant(person_id, cohort, "mentor", capacity), capacity])
        mentee_people = [self.add_person(MENTEE_STAGES) for _ in range(COHORT_TWO["mentees"])]
        mentees = [self.add_participant(pid, cohort, "mentee", None) for pid in mentee_people]
        # Pair 52 mentees by hand, leaving 18 unmatched and some mentors with spare places.
        free = [(m, cap) for m, cap in mentors for _ in range(cap)]
        self.rng.shuffle(free)
        for n, (mentee, (mentor, _)) in enumerate(zip(mentees[:COHORT_TWO["paired"]], free,
                                                      strict=False)):
            if n in (7, 31):
                self.add_pair(cohort, mentor, mentee, "ended_early", start, date(2022, 1, 20),
                              "Mentee changed job and paused the programme")
            else:
                self.add_pair(cohort, mentor, mentee, "active", start)
        sessions = [r[0] for r in self.con.execute(
            "SELECT id FROM sessions WHERE cohort_id = ? ORDER BY starts_at", [cohort]).fetchall()]
        for person_id in mentor_people + mentee_people:
            for session_id in sessions:
                if self.rng.random() < 0.55:
                    self.insert_row("attendance",
                                    {"session_id": session_id, "person_id": person_id})

    # -- grant bids -----------------------------------------------------------------------
    def bids(self) -> None:
        titles = (
            "Person-centred goal setting on a rehabilitation ward",
            "OT-led falls prevention in care homes",
            "Vocational rehabilitation clinic for long COVID",
            "Sensory-friendly paediatric clinic redesign",
            "Peer leadership circles for band 5 therapists",
            "Community mental health occupation groups",
            "Discharge-to-assess therapy pathway",
            "Student placement leadership model",
            "Housing adaptations fast track",
            "Digital self-management for fatigue",
        )
        statuses = ("received", "shortlisted", "awarded", "declined", "withdrawn",
                    "in_progress", "completed")
        for n in range(BIDS):
            fund = "cpd" if n % 4 == 3 else "leadership"
            year = 2019 + n % 8
            status = statuses[n % len(statuses)]
            if fund == "leadership":
                requested = 10000 if n % 5 == 0 else self.rng.randrange(3000, 10000, 250)
            else:
                requested = self.rng.randrange(250, 2000, 50)
            awarded = None
            if status in ("awarded", "in_progress", "completed"):
                awarded = requested if n % 3 else round(requested * 0.8, -1)
            received = date(year, 1, 10) + timedelta(days=self.rng.randint(0, 200))
            decided = None if status in ("received",
                                         "shortlisted") else received + timedelta(days=60)
            applicant = self.people.person(("mid career", "senior", "leader"))
            prefix = "LP" if fund == "leadership" else "CPD"
            self.insert("bids", {
                "reference": f"{prefix}-{year}-{n + 1:03d}",
                "applicant_name": applicant["full_name"],
                "applicant_email": applicant["email"],
                "employer": applicant["employer"],
                "region": applicant["region"],
                "project_title": titles[n % len(titles)] if fund == "leadership"
                else "Leadership course fees",
                "fund": fund,
                "amount_requested": requested,
                "amount_awarded": awarded,
                "status": status,
                "received_on": received,
                "decided_on": decided,
                "report_received": status == "completed",
                "updated_by": "demo",
            })


def load(con: duckdb.DuckDBPyConnection) -> None:
    """Load all demo data in one transaction (the schema must exist and be empty)."""
    loader = _Loader(con)
    con.execute("BEGIN TRANSACTION")
    try:
        loader.directory()
        pilot = loader.pilot()
        loader.cohort_two(pilot)
        loader.bids()
        running.load(con)  # cohort-2's meetings, check-ins, webinar links (issue 11)
        grants.load(con)  # the review round, instalments and reports (issue 14)
        intake.load(con)  # register of interest, resources, suggestions
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def demo_files() -> list[Path]:
    return sorted(DEMO_DIR.iterdir())
