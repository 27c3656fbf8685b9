"""The closed vocabularies of the trust's data, shared by schema checks, imports and pages."""

from __future__ import annotations

ROLES = ("admin", "staff", "trustee", "reviewer")  # most powerful first
PARTICIPANT_ROLES = ("mentor", "mentee")

REGIONS = (
    "Scotland",
    "Wales",
    "Northern Ireland",
    "London",
    "South East",
    "South West",
    "East of England",
    "East Midlands",
    "West Midlands",
    "North East",
    "North West",
    "Yorkshire and the Humber",
)

# Ordered: a mentor "further on" has a higher index than the mentee.
CAREER_STAGES = ("student", "early career", "mid career", "senior", "leader")

PAIR_STATUSES = ("proposed", "active", "completed", "ended_early")

FUNDS = ("leadership", "cpd")
BID_STATUSES = (
    "received",
    "shortlisted",
    "awarded",
    "declined",
    "withdrawn",
    "in_progress",
    "completed",
)
LEADERSHIP_CAP_GBP = 10_000

COURSE_FORMATS = ("online", "in person", "blended", "distance")
COURSE_LEVELS = ("short course", "programme", "module", "pgcert", "msc")
COACH_KINDS = ("ot_specialist", "general")

# Stored codes as a person reads them ("in_progress" -> "in progress"), for text such as the
# audit trail that shows stored values.
CODE_WORDS = {c: c.replace("_", " ").replace("ot ", "OT ")
              for c in (*PAIR_STATUSES, *BID_STATUSES, *COACH_KINDS) if "_" in c}

# Likert scale 1..5; an answer is positive when it is agree (4) or strongly agree (5).
LIKERT = {
    1: "strongly disagree",
    2: "disagree",
    3: "neither agree nor disagree",
    4: "agree",
    5: "strongly agree",
}
LIKERT_POSITIVE_MIN = 4

SURVEY_QUESTIONS = {
    "would_recommend": "Would recommend the programme to a colleague in OT",
    "relationship_successful": "The mentoring relationship was successful",
    "grew_confidence": "The programme helped me grow in confidence",
    "career_development": "The programme supported my career development",
}

# The mail domain an erased person's address is replaced with (RFC 2606: never delivered), so
# erasure and every sender recognise an erased address alike.
ERASED_DOMAIN = "erased.invalid"
