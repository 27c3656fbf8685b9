"""How each table's rows about a person are found, and what the cover page says of them.

Read by casson.protection.subject (the one definition erasure and subject access share). A table
added to the schema with a column pointing at a person (person_id, pair_id, bid_id, an email …)
must get a line here: a test fails, naming it, until it has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a linking column holds.
PERSON, PARTICIPANT, PAIR, BID, INTEREST, EMAIL, ENTITY, REQUEST, UNKNOWN = (
    "person",
    "participant",
    "pair",
    "bid",
    "interest",
    "email",
    "entity",
    "request",
    "unknown",
)


@dataclass(frozen=True)
class Rule:
    """How one table's rows about a person are found, and what the cover page says of it."""

    links: tuple[tuple[str, str], ...] = ()  # (column, what it holds: PERSON, PAIR, …)
    held: str = ""  # what the table holds about a person
    purpose: str = ""
    source: str = ""
    withheld: tuple[str, ...] = ()  # never exported: other people's identities
    others_words: tuple[str, ...] = ()  # someone's own words: withheld unless theirs
    # (column, prefix, columns): in a row whose column starts with prefix, those are withheld
    withheld_when: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


NO_PERSONAL_DATA = Rule()  # only a row whose text names the person is about them

_PROGRAMME = "running the mentoring programme: matching, introductions, meetings, webinars"
_GRANTS = "assessing, awarding and managing leadership and CPD grants"
_RECORD = "keeping an accountable record of changes (security and accountability)"

RULES: dict[str, Rule] = {
    "people": Rule(
        (("id", PERSON),),
        "your name, email, region, career stage, specialty, employer",
        _PROGRAMME,
        "you (application form) or staff",
    ),
    "participants": Rule(
        (("id", PARTICIPANT),),
        "each cohort you joined, your role, themes, capacity, goals, staff notes",
        _PROGRAMME,
        "your application; staff",
        others_words=("goals", "notes"),
    ),
    "pairs": Rule(
        (("mentor_id", PARTICIPANT), ("mentee_id", PARTICIPANT)),
        "your mentoring pairs, with your partner's name, status and dates",
        _PROGRAMME,
        "staff matching",
    ),
    "pair_events": Rule(
        (("pair_id", PAIR),), "the history of changes to your pairs", _RECORD, "the dashboard"
    ),
    "meetings": Rule(
        (("pair_id", PAIR),),
        "meetings of your pairs, with staff notes",
        _PROGRAMME,
        "you, your partner or staff",
    ),
    "checkins": Rule(
        (("participant_id", PARTICIPANT),),
        "your mid-term check-ins",
        _PROGRAMME,
        "you (check-in form) or staff",
        others_words=("comment",),
    ),
    "survey_responses": Rule(
        (("person_id", PERSON),),
        "your end-of-programme survey answers and comments",
        "evaluating the programme",
        "you (survey form)",
        others_words=("comments",),
    ),
    "attendance": Rule(
        (("person_id", PERSON),),
        "the webinars you attended",
        _PROGRAMME,
        "the meeting service's attendance report; staff",
    ),
    "interest": Rule(
        (("id", INTEREST), ("email_key", EMAIL)),
        "your entries on the register of interest, with staff notes",
        "recruiting mentors and mentees (with your consent to be contacted)",
        "you (registration form), staff, or the mentee-to-mentor invitation",
        others_words=("notes",),
    ),
    "bids": Rule(
        (("id", BID),),
        "your grant bids: project, amounts, status, staff notes",
        _GRANTS,
        "your application",
    ),
    "bid_events": Rule((("bid_id", BID),), "the history of your bids", _RECORD, "the dashboard"),
    "bid_payments": Rule((("bid_id", BID),), "payments of your awards", _GRANTS, "staff"),
    "bid_reports": Rule(
        (("bid_id", BID),),
        "reports due and received on your awards",
        _GRANTS,
        "you (reports); staff",
    ),
    "bid_reviews": Rule(
        (("bid_id", BID),),
        "the panel's scores, recommendations and comments on your bids (reviewers' names withheld)",
        _GRANTS,
        "the grants panel",
        withheld=("reviewer",),
    ),
    "review_assignments": Rule(
        (("bid_id", BID),),
        "the review rounds your bids were in (reviewers' names withheld)",
        _GRANTS,
        "staff",
        withheld=("reviewer", "assigned_by"),
    ),
    "bid_conflicts": Rule(
        (("bid_id", BID),),
        "that reviewers declared on their interests in "
        "your bids (their names and reasons withheld)",
        _GRANTS,
        "the grants panel",
        withheld=("reviewer", "reason"),
    ),
    "email_log": Rule(
        (("person_id", PERSON), ("interest_id", INTEREST), ("recipient", EMAIL)),
        "every programme email sent to you (the messages themselves are in email/)",
        _PROGRAMME,
        "the dashboard",
    ),
    "email_opt_outs": Rule(
        (("person_id", PERSON),),
        "that you opted out of programme email",
        _PROGRAMME,
        "you, through staff",
    ),
    "audit_log": Rule(
        (("entity", ENTITY),),
        "the audit trail of changes to your records (reviewers' names withheld)",
        _RECORD,
        "the dashboard",
        # A reviewer's own actions on a bid (assignment, declaration, scores) name the reviewer.
        withheld_when=(("action", "review.", ("actor", "detail")),),
    ),
    "suggestions": Rule(
        (("email", EMAIL),),
        "courses or resources you suggested",
        "keeping the directory current",
        "you",
    ),
    "subject_access_requests": Rule(
        (("email_key", EMAIL),),
        "your subject access requests and when they were answered",
        "answering your requests (a legal obligation)",
        "you",
    ),
    "links_issued": Rule(
        (("person_id", PERSON), ("email", EMAIL)),
        "the personal links sent to you (what each was for, when it expires, how often used)",
        _PROGRAMME,
        "the dashboard",
        withheld=("nonce",),  # the link's secret part: a copy of the export must not open it
    ),
    "rematch_requests": Rule(
        (("participant_id", PARTICIPANT),),
        "your requests for a new match, and when staff closed them",
        _PROGRAMME,
        "you (check-in)",
    ),
    "match_exclusions": Rule(
        (("mentor_person_id", PERSON), ("mentee_person_id", PERSON)),
        "that you and a former partner are not matched again (a pair ended as not a good fit)",
        _PROGRAMME,
        "staff",
    ),
    "reminders_sent": Rule(
        (("person_id", PERSON), ("recipient", EMAIL)),
        "the reminders sent to you (check-ins, meetings, survey, grant reports)",
        _PROGRAMME,
        "the dashboard",
    ),
    "bid_letter_details": Rule(
        (("bid_id", BID),),
        "what the decision letters about your bids said (conditions, questions, feedback)",
        _GRANTS,
        "staff and the review panel",
    ),
    # No one's personal data, beyond a mention of a name (found by the text search).
    "case_studies": NO_PERSONAL_DATA,
    "cohorts": NO_PERSONAL_DATA,
    "coaches": NO_PERSONAL_DATA,
    "courses": NO_PERSONAL_DATA,
    "email_templates": NO_PERSONAL_DATA,
    "import_mappings": NO_PERSONAL_DATA,
    "imports": NO_PERSONAL_DATA,
    "resources": NO_PERSONAL_DATA,
    "review_rounds": NO_PERSONAL_DATA,
    "schema_version": NO_PERSONAL_DATA,
    "sessions": NO_PERSONAL_DATA,
    "settings": NO_PERSONAL_DATA,
}

# Column names that point at a person, by the schema's conventions (for undeclared tables).
CONVENTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(.+_)?person_id$"), PERSON),
    (re.compile(r"^(participant|mentor|mentee)_id$"), PARTICIPANT),
    (re.compile(r"^pair_id$"), PAIR),
    (re.compile(r"^bid_id$"), BID),
    (re.compile(r"^interest_id$"), INTEREST),
    (re.compile(r"^(.+_)?(email|email_key)$|^recipient$"), EMAIL),
    # A token's subject (a pair, a participant or a bid by its purpose): only a rule can say.
    (re.compile(r"^subject_id$"), UNKNOWN),
)
# Audit rows name what they are about as entity + entity_id.
ENTITIES = {
    "person": PERSON,
    "participant": PARTICIPANT,
    "pair": PAIR,
    "bid": BID,
    "interest": INTEREST,
    "subject_access_request": REQUEST,
}
