"""The import formats of DESIGN.md: per kind, its columns, how each is parsed, its aliases."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from casson.importer import parsers as p

TEXT = None  # a plain text column: stripped, stored as given (inert)


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], object] | None = TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()       # other headers meaning this column (exact, normalised)
    keywords: tuple[str, ...] = ()      # words that, inside a long Forms question, mean it
    dtype: str = "text"                 # text | email | int | money | bool | date | datetime
    example: str = ""
    extra: bool = False                 # accepted (exports carry it) but not in DESIGN's table


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[Column, ...]
    needs_cohort: bool
    describe: str
    uses_cohort: bool = field(default=False)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def canonical(self) -> list[str]:
        """The columns of DESIGN.md's table: the template's headers."""
        return [c.name for c in self.columns if not c.extra]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def normalise_header(text: object) -> str:
    """Case-, space- and punctuation-insensitive: 'Full Name', 'full_name', 'FULL-NAME' agree."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


# Forms exports add their own bookkeeping columns: ignored, and said so.
FORMS_COLUMNS = frozenset(normalise_header(h) for h in (
    "ID", "Start time", "Completion time", "Last modified time", "Timestamp"))

_NAME = Column("full_name", required=True, example="Jo Example",
               aliases=("name", "your name", "first and last name", "mentor name", "mentee name"))
_EMAIL = Column("email", p.parse_email, required=True, dtype="email", example="jo.example@example.org",
                aliases=("email address", "e-mail", "e-mail address", "your email", "work email"))
_REGION = Column("region", p.parse_region, required=True, example="Yorkshire and the Humber",
                 aliases=("RCOT region", "RCOT regional group", "regional group"))
_STAGE = Column("career_stage", p.parse_career_stage, example="early career",
                aliases=("stage", "career", "career level"))
_SPECIALTY = Column("specialty", example="community", aliases=("speciality", "clinical specialty",
                                                                  "clinical speciality", "area of practice"))
_EMPLOYER = Column("employer", example="Example NHS Foundation Trust",
                   aliases=("organisation", "organization", "workplace", "trust"))
_THEMES = Column("themes", p.parse_list, example="confidence; storytelling",
                 aliases=("development themes", "topics", "themes of interest", "theme"))

KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("mentors", (
        _NAME, _EMAIL, _REGION, _STAGE, _SPECIALTY, _EMPLOYER, _THEMES,
        Column("capacity", p.parse_capacity, dtype="int", example="2",
               aliases=("max mentees", "number of mentees", "how many mentees", "mentees")),
        Column("notes", example="Happy to mentor remotely", aliases=("note", "comments")),
    ), needs_cohort=True, describe="mentors of a cohort (people are linked by email)"),
    Kind("mentees", (
        _NAME, _EMAIL, _REGION, _STAGE, _SPECIALTY, _EMPLOYER, _THEMES,
        Column("goals", example="Build confidence in leading my team",
               aliases=("goal", "mentoring goals", "what do you hope to gain")),
    ), needs_cohort=True, describe="mentees of a cohort (people are linked by email)"),
    Kind("survey", (
        Column("role", p.parse_role, required=True, example="mentee",
               aliases=("are you a mentor or mentee", "mentor or mentee", "respondent")),
        Column("email", p.parse_email, dtype="email", example="jo.example@example.org",
               aliases=("email address", "e-mail", "your email")),
        Column("submitted_at", p.parse_datetime, dtype="datetime", example="2022-06-21 09:30",
               aliases=("submitted", "submitted on", "date submitted", "response date")),
        Column("would_recommend", p.parse_likert, required=True, dtype="int", example="5",
               keywords=("recommend",)),
        Column("relationship_successful", p.parse_likert, dtype="int", example="4",
               keywords=("relationship",)),
        Column("grew_confidence", p.parse_likert, dtype="int", example="strongly agree",
               keywords=("confidence",)),
        Column("career_development", p.parse_likert, dtype="int", example="agree",
               keywords=("career",)),
        Column("willing_to_mentor", p.parse_yes_no, dtype="bool", example="Yes",
               keywords=("willing", "becomeamentor")),
        Column("comments", example="My mentor helped me find my voice.",
               aliases=("comment", "any other comments", "feedback"), keywords=("comment",)),
    ), needs_cohort=True, describe="end-of-programme survey answers of a cohort"),
    Kind("bids", (
        Column("reference", required=True, example="LP-2026-001", aliases=("ref", "bid reference")),
        Column("applicant_name", required=True, example="Jo Example", aliases=("applicant", "name")),
        Column("applicant_email", p.parse_email, required=True, dtype="email",
               example="jo.example@example.org", aliases=("email", "email address")),
        _EMPLOYER,
        Column("region", p.parse_region, example="North West"),
        Column("project_title", required=True, example="OT-led falls prevention in care homes",
               aliases=("project", "title")),
        Column("fund", p.parse_fund, example="leadership"),
        Column("amount_requested", p.parse_money, required=True, dtype="money", example="£9,500.00",
               aliases=("requested", "amount")),
        Column("status", p.parse_bid_status, example="received"),
        Column("received_on", p.parse_date, dtype="date", example="05/04/2026",
               aliases=("received", "date received")),
        Column("decided_on", p.parse_date, dtype="date", example="",
               aliases=("decided", "decision date")),
        Column("amount_awarded", p.parse_money, dtype="money", example="", aliases=("awarded",)),
        Column("report_received", p.parse_yes_no, dtype="bool", extra=True),
        Column("notes", extra=True),
    ), needs_cohort=False, describe="grant bids (matched by reference)"),
    Kind("courses", (
        Column("provider", required=True, example="Example University"),
        Column("title", required=True, example="Leading occupational therapy services", aliases=("course",)),
        Column("format", p.parse_course_format, example="online"),
        Column("level", p.parse_course_level, example="programme"),
        Column("duration", example="6 months"),
        Column("cost_from", p.parse_money, dtype="money", example="0", aliases=("cost", "price", "fee")),
        Column("cost_note", example="Free"),
        Column("location", example="London"),
        Column("url", example="https://www.example.org/course", aliases=("website", "link")),
        Column("is_free", p.parse_yes_no, dtype="bool", extra=True, aliases=("free",)),
        Column("summary", extra=True, aliases=("description",)),
    ), needs_cohort=False, describe="the directory of courses (matched by provider and title)"),
    Kind("coaches", (
        Column("name", required=True, example="Jo Example", aliases=("coach", "full name")),
        Column("organisation", example="Example Coaching Ltd", aliases=("organization", "company")),
        Column("kind", p.parse_coach_kind, example="ot_specialist", aliases=("type",)),
        Column("offers", p.parse_ordered_list, example="coaching; mentoring"),
        Column("fee_from", p.parse_money, dtype="money", example="50", aliases=("fee", "fees from")),
        Column("website", example="https://www.example.org", aliases=("url", "link")),
        Column("notes", example="Coaches OTs at all levels"),
        Column("fee_note", extra=True),
    ), needs_cohort=False, describe="the directory of coaches and mentors (matched by name)"),
    Kind("attendance", (
        Column("session", required=True, example="Storytelling",
               aliases=("webinar", "session title", "title")),
        Column("email", p.parse_email, required=True, dtype="email", example="jo.example@example.org",
               aliases=("email address", "e-mail")),
        Column("starts_at", p.parse_datetime, dtype="datetime", extra=True,
               aliases=("session date", "date")),
    ), needs_cohort=False, uses_cohort=True,
        describe="who attended which webinar (sessions by title, people by email)"),
)}


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"Unknown import kind {name!r}: choose one of {', '.join(KINDS)}.") from None
