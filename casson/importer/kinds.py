"""The import kinds of DESIGN.md, each declared once: its columns (name, parser, required,
the headers and header words that mean it), its key inside a file, how its rows are compared
with the database and how they are written.

Adding a kind is a declaration here, and its SQL:

    KINDS["meetings"] = Kind(
        "meetings",
        (Column("email", p.parse_email, required=True, dtype="email", words=("email",), sniff=True),
         Column("met_on", p.parse_date, required=True, dtype="date", words=("date", "met on")),
         Column("minutes", p.parse_whole, dtype="int", words=("minutes", "how long"))),
        needs_cohort=True, describe="meetings of a cohort's pairs",
        unique=Unique(("email", "met_on"), "met_on", "repeats row {row} (same email and date)"),
        compare=my_module.compare_meetings,   # (con, spec, prep, rows, raw) -> Comparison
        write=writing.upsert("importer/meetings_insert", "importer/meetings_update"),
        export_query="meetings")

- Column: `parse` takes one stripped, non-empty cell and returns the stored value or raises
  ValueError with a reason ("is not a valid email address"); see parsers.py. `dtype` is the
  pandas/SQL type of the parsed value (text, email, int, money, bool, date, datetime).
  `aliases` are whole headers meaning the column; `words` are phrases that, inside a Forms
  question, mean it ("how many mentee" in "How many mentees could you take on?"); `sniff`
  lets the values alone decide (email addresses, region names); `empty_words` are answers
  meaning no value ("anonymous").
- compare: comparison.keyed(existing_query, key, value_columns) for rows matched by a key,
  or a function of your own returning comparison.Comparison(plan with _status new | updated |
  unchanged, errors, notes). Errors name the row, column and value.
- write: writing.upsert(insert, update) over the frame `incoming` (existing_id, _status and
  the kind's columns), or a function (cur, spec, prep, plan, actor, import_id) of your own.
- SQL goes in queries/import/NAME.sql with a `-- frame incoming(col TYPE, …)` line for each
  DataFrame it reads; tests/test_queries.py runs it.
- export_query: the queries/export_NAME.sql whose columns are the import format (round trips).
"""

from __future__ import annotations

from casson.importer import bids_kind, comparison, intake, running_kinds, writing
from casson.importer.kind_types import Column, Kind, Unique
from casson.importer.mapping import FORMS_COLUMNS, normalise_header
from casson.importer.validation import lower
from casson.mentoring import checkins, meetings
from casson.platform import parsers as p

__all__ = ["FORMS_COLUMNS", "KINDS", "Column", "Kind", "Unique", "kind", "normalise_header"]

_NAME = Column("full_name", required=True, example="Jo Example",
               aliases=("name", "your name", "first and last name", "mentor name", "mentee name"),
               words=("full name", "name"))
_EMAIL = Column("email", p.parse_email, required=True, dtype="email",
                example="jo.example@example.org",
                aliases=("email address", "e-mail", "e-mail address", "your email", "work email"),
                words=("email",), sniff=True)
_REGION = Column("region", p.parse_region, required=True, example="Yorkshire and the Humber",
                 aliases=("RCOT region", "RCOT regional group", "regional group"),
                 words=("region", "regional"), sniff=True)
_STAGE = Column("career_stage", p.parse_career_stage, example="early career",
                aliases=("stage", "career", "career level"),
                words=("career stage", "stage career", "career"), sniff=True)
_SPECIALTY = Column("specialty", example="community",
                    aliases=("speciality", "clinical specialty", "clinical speciality",
                             "area of practice"),
                    words=("specialty", "speciality", "area practice", "clinical area",
                           "practice area",
                           "field practice"))
_EMPLOYER = Column("employer", example="Example NHS Foundation Trust",
                   aliases=("organisation", "organization", "workplace", "trust"),
                   words=("employer", "employ", "organisation", "organization", "trust"))
_THEMES = Column("themes", p.parse_list, example="confidence; storytelling",
                 aliases=("development themes", "topics", "themes of interest", "theme"),
                 # a mentee form asks "What would you like support with? (tick all that apply)"
                 words=("theme", "topic", "development area", "support",
                        "tick all that apply"))
_PEOPLE_UNIQUE = Unique(("email",), "email", "has the same email as row {row} (ignoring case)")

KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("mentors", (
        _NAME, _EMAIL, _REGION, _STAGE, _SPECIALTY, _EMPLOYER, _THEMES,
        Column("capacity", p.parse_capacity, dtype="int", example="2",
               aliases=("max mentees", "number of mentees", "how many mentees", "mentees"),
               words=("many mentee", "capacity", "number mentee", "max mentee", "maximum mentee")),
        Column("notes", multi_line=True, example="Happy to mentor remotely",
               aliases=("note", "comments"),
               words=("note", "anything else", "comment", "other information")),
    ), needs_cohort=True, describe="mentors of a cohort (people are linked by email)",
        compare=comparison.participants, write=writing.participants, unique=_PEOPLE_UNIQUE,
        role="mentor", export_query="mentors"),
    Kind("mentees", (
        _NAME, _EMAIL, _REGION, _STAGE, _SPECIALTY, _EMPLOYER, _THEMES,
        Column("goals", multi_line=True, example="Build confidence in leading my team",
               aliases=("goal", "mentoring goals", "what do you hope to gain"),
               words=("goal", "hope", "gain", "get from", "want from", "aim")),
    ), needs_cohort=True, describe="mentees of a cohort (people are linked by email)",
        compare=comparison.participants, write=writing.participants, unique=_PEOPLE_UNIQUE,
        role="mentee", export_query="mentees"),
    Kind("survey", (
        Column("role", p.parse_role, required=True, example="mentee",
               aliases=("are you a mentor or mentee", "mentor or mentee", "respondent"),
               words=("mentor or mentee", "role", "taking part as", "took part as"), sniff=True),
        Column("email", p.parse_email, dtype="email", example="jo.example@example.org",
               aliases=("email address", "e-mail", "your email"), words=("email",), sniff=True,
               empty_words=("anonymous",)),
        # Microsoft Forms' Completion time and Google Forms' Timestamp are when it was submitted.
        Column("submitted_at", p.parse_datetime, dtype="datetime", example="2022-06-21 09:30",
               aliases=("submitted", "submitted on", "date submitted", "response date",
                        "completion time", "timestamp"),
               words=("submitted", "completion time", "date submitted")),
        Column("would_recommend", p.parse_likert, required=True, dtype="int", example="5",
               words=("recommend",)),
        Column("relationship_successful", p.parse_likert, dtype="int", example="4",
               words=("relationship",)),
        Column("grew_confidence", p.parse_likert, dtype="int", example="strongly agree",
               words=("confidence", "confident")),
        Column("career_development", p.parse_likert, dtype="int", example="agree",
               words=("career",)),
        # yes | no | maybe | not sure: only yes counts as willing (survey_insert.sql)
        Column("willing_to_mentor", p.parse_willing, example="Yes",
               words=("willing", "become mentor", "becomeamentor")),
        Column("comments", multi_line=True, example="My mentor helped me find my voice.",
               aliases=("comment", "any other comments", "feedback"),
               words=("comment", "anything else", "feedback")),
    ), needs_cohort=True, describe="end-of-programme survey answers of a cohort",
        compare=comparison.survey, write=writing.survey,
        unique=Unique(("role", "email"), "email",
                      "is the same respondent as row {row} (same role and email, ignoring case)"),
        export_query="survey_responses"),
    Kind("bids", (
        Column("reference", required=True, example="LP-2026-001", aliases=("ref", "bid reference"),
               words=("reference",)),
        Column("applicant_name", required=True, example="Jo Example", aliases=("applicant", "name"),
               words=("applicant name", "your name", "full name")),
        Column("applicant_email", p.parse_email, required=True, dtype="email",
               example="jo.example@example.org", aliases=("email", "email address"),
               words=("email",), sniff=True),
        _EMPLOYER,
        Column("region", p.parse_region, example="North West", words=("region",), sniff=True),
        Column("project_title", required=True, example="OT-led falls prevention in care homes",
               aliases=("project", "title"), words=("project title", "title project")),
        Column("fund", p.parse_fund, example="leadership", words=("fund",)),
        Column("amount_requested", p.parse_money, required=True, dtype="money", example="£9,500.00",
               aliases=("requested", "amount"), words=("amount requested", "how much")),
        Column("status", p.parse_bid_status, example="received"),
        Column("received_on", p.parse_date, dtype="date", example="05/04/2026",
               aliases=("received", "date received")),
        Column("decided_on", p.parse_date, dtype="date", example="",
               aliases=("decided", "decision date")),
        Column("amount_awarded", p.parse_money, dtype="money", example="", aliases=("awarded",)),
        Column("report_received", p.parse_yes_no, dtype="bool", extra=True),
        Column("notes", multi_line=True, extra=True),
    ), needs_cohort=False, describe="grant bids (matched by reference)",
        compare=comparison.keyed("importer/bids_existing", lambda f: f["reference"],
                                 ["applicant_name", "applicant_email", "employer", "region",
                                  "project_title", "fund", "amount_requested", "status",
                                  "received_on", "decided_on", "amount_awarded",
                                  "report_received", "notes"],
                                 key_frame="reference", check=bids_kind.checks),
        write=bids_kind.write,  # the pipeline's rules and bid_events, like the Bids page
        unique=Unique(("reference",), "reference", "repeats the reference of row {row}",
                      casefold=False),
        export_query="bids"),
    Kind("courses", (
        Column("provider", required=True, example="Example University",
               words=("provider", "run by")),
        Column("title", required=True, example="Leading occupational therapy services",
               aliases=("course",),
               words=("title", "course name")),
        Column("format", p.parse_course_format, example="online"),
        Column("level", p.parse_course_level, example="programme"),
        Column("duration", example="6 months"),
        Column("cost_from", p.parse_money, dtype="money", example="0",
               aliases=("cost", "price", "fee"),
               words=("cost from", "price", "fee")),
        Column("cost_note", example="Free", words=("cost note", "about cost")),
        Column("location", example="London"),
        Column("url", example="https://www.example.org/course", aliases=("website", "link"),
               words=("website", "web address", "link", "url")),
        Column("is_free", p.parse_yes_no, dtype="bool", extra=True, aliases=("free",)),
        Column("summary", multi_line=True, extra=True, aliases=("description",)),
    ), needs_cohort=False, describe="the directory of courses (matched by provider and title)",
        compare=comparison.keyed("importer/courses_existing",
                                 lambda f: lower(f["provider"]) + "\x1f" + lower(f["title"]),
                                 ["format", "level", "duration", "cost_from", "cost_note",
                                  "location", "url", "is_free", "summary"]),
        write=writing.upsert("importer/courses_insert", "importer/courses_update"),
        unique=Unique(("provider", "title"), "title",
                      "repeats the provider and title of row {row}"),
        export_query="courses"),
    Kind("coaches", (
        Column("name", required=True, example="Jo Example", aliases=("coach", "full name"),
               words=("name",)),
        Column("organisation", example="Example Coaching Ltd", aliases=("organization", "company"),
               words=("organisation", "organization", "company")),
        Column("kind", p.parse_coach_kind, example="ot_specialist", aliases=("type",),
               words=("specialist or general", "type coach", "kind coach")),
        Column("offers", p.parse_ordered_list, example="coaching; mentoring", words=("offer",)),
        Column("fee_from", p.parse_money, dtype="money", example="50", aliases=("fee", "fees from"),
               words=("fee", "price", "cost")),
        Column("website", example="https://www.example.org", aliases=("url", "link"),
               words=("website", "web address", "url")),
        Column("notes", multi_line=True, example="Coaches OTs at all levels"),
        Column("fee_note", extra=True),
    ), needs_cohort=False, describe="the directory of coaches and mentors (matched by name)",
        compare=comparison.keyed("importer/coaches_existing", lambda f: lower(f["name"]),
                                 ["organisation", "kind", "offers", "fee_from", "website", "notes",
                                  "fee_note"]),
        write=writing.upsert("importer/coaches_insert", "importer/coaches_update"),
        unique=Unique(("name",), "name", "repeats the name of row {row} (ignoring case)"),
        export_query="coaches"),
    Kind("attendance", (
        Column("session", required=True, example="Storytelling",
               aliases=("webinar", "session title", "title"), words=("session", "webinar")),
        Column("email", p.parse_email, required=True, dtype="email",
               example="jo.example@example.org",
               aliases=("email address", "e-mail"), words=("email",), sniff=True),
        Column("starts_at", p.parse_datetime, dtype="datetime", extra=True,
               aliases=("session date", "date")),
    ), needs_cohort=False, uses_cohort=True,
        describe="who attended which webinar (sessions by title, people by email)",
        compare=comparison.attendance, write=writing.attendance,
        unique=Unique(("session", "email"), "email", "repeats row {row} (same session and email)"),
        export_query="attendance"),
    # running a cohort (issue 11): what a "log your meeting" Form and a check-in Form export
    Kind("meetings", (
        Column("email", p.parse_email, required=True, dtype="email",
               example="jo.example@example.org",
               aliases=("email address", "your email", "mentor or mentee email"), words=("email",),
               sniff=True, empty_words=("anonymous",)),
        Column("met_on", p.parse_date, required=True, dtype="date", example="12/01/2022",
               aliases=("date", "meeting date", "date of meeting", "when did you meet"),
               words=("date", "met on", "when did you meet", "meeting date")),
        Column("minutes", p.parse_whole, dtype="int", example="45",
               aliases=("duration", "length", "how long"),
               words=("minutes", "how long", "duration")),
        Column("format", meetings.parse_format, example="video",
               aliases=("how did you meet", "meeting format", "type of meeting"),
               words=("format", "how did you meet", "video phone")),
    ), needs_cohort=True, describe="meetings of a cohort's pairs (either member's email)",
        compare=running_kinds.compare_meetings, write=running_kinds.write_meetings,
        unique=Unique(("email", "met_on"), "met_on", "repeats row {row} (same email and date)")),
    Kind("checkins", (
        Column("email", p.parse_email, required=True, dtype="email",
               example="jo.example@example.org",
               aliases=("email address", "your email"), words=("email",), sniff=True,
               empty_words=("anonymous",)),
        Column("fit", checkins.parse_fit, example="good",
               aliases=("how is the match", "match"), words=("fit", "how well", "match")),
        Column("rating", running_kinds.parse_rating, dtype="int", example="4",
               aliases=("score",), words=("rating", "rate", "out of 5")),
        Column("comment", multi_line=True, example="Going well",
               aliases=("comments", "anything else"),
               words=("comment", "anything else", "tell us")),
        Column("submitted_at", p.parse_datetime, dtype="datetime", example="2022-01-14 10:00",
               aliases=("submitted", "completion time", "timestamp"),
               words=("submitted", "completion time")),
    ), needs_cohort=True, describe="mid-term check-ins of a cohort's participants",
        compare=running_kinds.compare_checkins, write=running_kinds.write_checkins,
        unique=Unique(("email", "submitted_at"), "submitted_at",
                      "repeats row {row} (same email and time)")),
    # Intake (issue 17): the registration form's export, and readers' suggestions.
    Kind("interest", (
        _NAME, _EMAIL,
        Column("region", p.parse_region, example="Wales", aliases=_REGION.aliases,
               words=_REGION.words,
               sniff=True),
        Column("role_wanted", p.parse_role, required=True, example="mentor",
               aliases=("role", "mentor or mentee", "role wanted"),
               words=("mentor or mentee", "mentor or a mentee", "like to be", "role")),
        Column("cohort_wanted", intake.parse_cohort_wanted, example="next",
               aliases=("cohort", "cohort wanted"), words=("which cohort", "cohort", "when")),
        Column("consent", p.parse_yes_no, dtype="bool", example="Yes",
               words=("contact", "consent", "may we", "keep in touch", "hear from")),
        Column("source", example="registration form", words=("hear about", "find out", "source")),
        Column("registered_on", intake.parse_day, dtype="date", example="03/05/2022",
               aliases=("completion time", "timestamp", "registered", "date registered")),
        Column("notes", multi_line=True, example="", aliases=("note", "comments"),
               words=("anything else", "comment")),
    ), needs_cohort=False, uses_cohort=True,
        describe="the register of interest (the registration form; 'the next cohort' is "
                 "the cohort chosen)",
        compare=intake.compare_interest,
        write=writing.upsert("importer/interest_insert", "importer/interest_update",
                             "importer/interest_audit"),
        unique=Unique(("email", "role_wanted", "cohort_wanted"), "email",
                      "repeats the registration of row {row} (same email, role and cohort)")),
    Kind("suggestions", (
        Column("kind", intake.parse_suggestion_kind, required=True, example="resource",
               aliases=("type",), words=("course or", "what are you suggesting", "kind", "type")),
        Column("title", required=True, example="Leading change in occupational therapy",
               aliases=("course", "resource", "article"), words=("title", "name of the")),
        Column("provider", example="Example University",
               aliases=("authors", "author", "source", "publisher"),
               words=("provider", "provides", "author", "wrote", "who runs", "published by",
                      "source")),
        Column("url", intake.parse_url, example="https://www.example.org/article",
               aliases=("link", "website", "web address"),
               words=("link", "website", "web address", "url")),
        Column("year", p.parse_whole, dtype="int", example="2021", words=("year",)),
        Column("topic", example="leadership behaviours", words=("topic", "subject")),
        Column("note", example="Short and practical.", aliases=("notes", "why"),
               words=("why", "recommend", "comment")),
        Column("suggested_by", example="Jo Example", aliases=("name", "your name"),
               words=("your name", "full name")),
        Column("email", p.parse_email, dtype="email", example="jo.example@example.org",
               aliases=("email address", "your email"), words=("email",), sniff=True,
               empty_words=("anonymous",)),
    ), needs_cohort=False, describe="suggestions of a course or resource for the "
                                    "directory (a queue)",
        compare=intake.compare_suggestions,
        write=writing.upsert("importer/suggestions_insert", "importer/suggestions_update",
                             "importer/suggestions_audit"),
        unique=Unique(("kind", "title"), "title",
                      "repeats the suggestion of row {row} (same kind and title)")),
)}


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"Unknown import kind {name!r}: choose one of {', '.join(KINDS)}.") from None

