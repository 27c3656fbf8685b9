"""What a personal link shows and stores: a participant's own meeting, check-in, survey or
details, or an applicant's grant report.

A link page learns only what its form needs: the person's first name (and, for a meeting, the
partner's first name). A submission is written as staff entry writes it (meetings.log_in,
checkins.record_in, the survey import's own statement, grant_reports.receive), with source
`link`, its audit row, and the link's use counted in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from casson.grants import grant_reports
from casson.importer.comparison import SURVEY_FIELDS
from casson.mail import sending
from casson.mentoring import checkins, meetings, pairs, rematch
from casson.platform import audit, db, links, queries
from casson.platform.errors import Refused
from casson.platform.vocab import REGIONS, SURVEY_QUESTIONS

SOURCE = "link"


class ResponseError(Refused):
    """An answer the form cannot take as given; the message says why."""


@dataclass(frozen=True)
class Form:
    """Everything a link page may show: nothing else of the database reaches it."""

    purpose: str
    first_name: str
    partner_first_name: str | None = None  # a meeting: the other member of the pair
    role: str | None = None  # a survey: mentees are asked about mentoring
    current: dict[str, Any] = field(default_factory=dict)  # details: the person's own values


def _first(name: str | None) -> str:
    words = (name or "").split()
    return words[0] if words else "there"


def _actor(link: dict[str, Any]) -> str:
    return f"link:{link['purpose']}:{link['id']}"


def _participant(cur: duckdb.DuckDBPyConnection, link: dict[str, Any]) -> dict[str, Any]:
    row = queries.one(cur, "participants/responses_participant",
                      participant_id=int(link["subject"]))
    if row is None or row["person_id"] != link["person_id"]:
        raise links.LinkRefused("participant gone")
    return row


def _pair_for(cur: duckdb.DuckDBPyConnection, link: dict[str, Any]) -> dict[str, Any]:
    pair = pairs.get(cur, int(link["subject"]))
    members = queries.rows(cur, "participants/responses_pair_people", pair_id=int(link["subject"]))
    if pair is None or link["person_id"] not in {m["person_id"] for m in members}:
        raise links.LinkRefused("pair gone")
    mine = next(m for m in members if m["person_id"] == link["person_id"])
    return {**pair, "me": mine["role"]}


def open_form(con: duckdb.DuckDBPyConnection, token: str, now: dt.datetime | None = None) -> Form:
    """The form a token opens; LinkRefused (one plain message) for any token that cannot."""
    link = links.check(con, token, now)
    purpose = link["purpose"]
    if purpose == "meeting":
        pair = _pair_for(con, link)
        me, other = ("mentor", "mentee") if pair["me"] == "mentor" else ("mentee", "mentor")
        return Form(purpose, _first(pair[f"{me}_name"]), _first(pair[f"{other}_name"]))
    if purpose in ("checkin", "survey"):
        who = _participant(con, link)
        return Form(purpose, _first(who["full_name"]), role=who["role"])
    if purpose == "details":
        person = queries.one(con, "participants/responses_person", person_id=int(link["subject"]))
        if person is None:
            raise links.LinkRefused("person gone")
        return Form(
            purpose,
            _first(person["full_name"]),
            current={k: person[k] for k in ("region", "employer", "specialty", "opted_out")},
        )
    report = queries.one(con, "grants/report_applicant", report_id=int(link["subject"]))
    if report is None or report["received_on"] is not None:
        raise links.LinkRefused("report gone or received")
    return Form(purpose, _first(report["applicant_name"]), current={"kind": report["kind"]})


def submit(
    con: duckdb.DuckDBPyConnection,
    token: str,
    answers: dict[str, Any],
    today: dt.date | None = None,
) -> str:
    """Store one answer through its link; returns the thank-you line to show."""
    link = links.check(con, token)
    day = today or dt.date.today()
    if link["purpose"] == "report":
        return _report(con, link, answers, day)
    writers = {"meeting": _meeting, "checkin": _checkin, "survey": _survey, "details": _details}
    write = writers[link["purpose"]]

    def work(cur: duckdb.DuckDBPyConnection) -> str:
        fresh = links.check(cur, token)  # revoked or used up since the page opened
        links.use(cur, fresh)
        said = write(cur, fresh, answers, day)
        audit.record(
            cur,
            _actor(fresh),
            "link.submit",
            "link",
            fresh["id"],
            {"purpose": fresh["purpose"], "subject": fresh["subject"]},
        )
        return said

    return db.write(con, work)


def _meeting(
    cur: duckdb.DuckDBPyConnection, link: dict[str, Any], a: dict[str, Any], day: dt.date
) -> str:
    pair = _pair_for(cur, link)
    met_on = a.get("met_on")
    if not isinstance(met_on, dt.date):
        raise ResponseError("Give the date you met.")
    minutes = a.get("minutes")
    meetings.log_in(
        cur,
        _actor(link),
        pair["id"],
        met_on,
        int(minutes) if minutes else None,
        a.get("format") or None,
        None,
        source=SOURCE,
        today=day,
    )
    return f"Thank you: your meeting on {met_on:%d %B %Y} is logged."


def _checkin(
    cur: duckdb.DuckDBPyConnection, link: dict[str, Any], a: dict[str, Any], day: dt.date
) -> str:
    who = _participant(cur, link)
    fit, rating = a.get("fit") or None, a.get("rating")
    checkins.record_in(
        cur,
        _actor(link),
        who["cohort_id"],
        who["id"],
        fit,
        int(rating) if rating else None,
        a.get("comment"),
        source=SOURCE,
    )
    if a.get("rematch"):
        if fit != "poor":
            raise ResponseError("A new match can be asked for when the fit is poor.")
        rematch.request_in(
            cur,
            _actor(link),
            who["cohort_id"],
            who["id"],
            a.get("rematch_reason") or "reported a poor fit",
            source=SOURCE,
        )
        return (
            "Thank you: your check-in is stored, and the trust will be in touch about a new match."
        )
    return "Thank you: your check-in is stored."


def _likert(a: dict[str, Any], key: str, required: bool) -> int | None:
    value = a.get(key)
    if value is None:
        if required:
            raise ResponseError(f"Please answer: {SURVEY_QUESTIONS[key]}.")
        return None
    if int(value) not in range(1, 6):
        raise ResponseError(f"An answer is 1 to 5, not {value!r}.")
    return int(value)


def _survey(
    cur: duckdb.DuckDBPyConnection, link: dict[str, Any], a: dict[str, Any], day: dt.date
) -> str:
    who = _participant(cur, link)
    mentee = who["role"] == "mentee"
    when = dt.datetime.now().replace(microsecond=0)
    row = {
        "role": who["role"],
        "person_id": who["person_id"],
        "submitted_at": when,
        "would_recommend": _likert(a, "would_recommend", True),
        **{k: _likert(a, k, False) for k in SURVEY_QUESTIONS if k != "would_recommend"},
        "willing_to_mentor": bool(a.get("willing_to_mentor")) if mentee else None,
        "comments": (a.get("comments") or "").strip() or None,
    }
    replaced = queries.one_required(
        cur,
        "participants/responses_survey_replace",
        cohort=who["cohort_id"],
        person_id=who["person_id"],
    )
    frame = pd.DataFrame([row])[SURVEY_FIELDS]
    queries.execute_with(
        cur, "importer/survey_insert", {"incoming": frame}, cohort=who["cohort_id"], import_id=None
    )
    queries.execute(
        cur,
        "participants/responses_survey_mark",
        cohort=who["cohort_id"],
        person_id=who["person_id"],
        submitted_at=when,
    )
    audit.record(
        cur,
        _actor(link),
        "survey.record",
        "participant",
        who["id"],
        {"cohort": who["cohort_id"], "source": SOURCE, "replaced": replaced["removed"]},
    )
    return "Thank you: your answers are stored." + (
        " They replace the ones you sent before." if replaced["removed"] else ""
    )


def _details(
    cur: duckdb.DuckDBPyConnection, link: dict[str, Any], a: dict[str, Any], day: dt.date
) -> str:
    person_id = int(link["subject"])
    before = queries.one(cur, "participants/responses_person", person_id=person_id)
    if before is None:
        raise links.LinkRefused("person gone")
    region = a.get("region") or None
    if region is not None and region not in REGIONS:
        raise ResponseError(f"{region!r} is not a region.")
    after = {
        "region": region,
        "employer": (a.get("employer") or "").strip()[:200] or None,
        "specialty": (a.get("specialty") or "").strip()[:200] or None,
    }
    queries.execute(cur, "participants/responses_details_update", person_id=person_id, **after)
    audit.record(
        cur,
        _actor(link),
        "person.details",
        "person",
        person_id,
        {"before": {k: before[k] for k in after}, "after": after, "source": SOURCE},
    )
    opted_out = bool(a.get("opted_out"))
    if opted_out != bool(before["opted_out"]):
        sending.set_opt_out_in(cur, _actor(link), person_id, opted_out)
    return "Thank you: your details are saved."


def _report(
    con: duckdb.DuckDBPyConnection, link: dict[str, Any], a: dict[str, Any], day: dt.date
) -> str:
    """A grant report: received through grant_reports.receive (its own transaction and audit),
    then the link is used up; receive refuses a second report, so a race stores one."""
    outcome = (a.get("outcome") or "").strip()
    if not outcome:
        raise ResponseError("Tell us what the project achieved.")
    grant_reports.receive(con, _actor(link), int(link["subject"]), day, outcome[:2000])

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        links.use(cur, link)
        audit.record(
            cur,
            _actor(link),
            "link.submit",
            "link",
            link["id"],
            {"purpose": "report", "subject": link["subject"]},
        )

    db.write(con, work)
    return "Thank you: your report is received."


# -- handing links out --------------------------------------------------------------------------

COHORT_PURPOSES = ("meeting", "checkin", "survey", "details")


def issue_for_cohort(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    cohort: str,
    purpose: str,
    now: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """Each participant's personal link for one purpose: [{email, url, expires}, …].

    A meeting link is per member of each proposed or active pair; the others per participant
    (details per person). Each link issued is recorded, so staff can revoke it."""
    if purpose not in COHORT_PURPOSES:
        raise ResponseError(f"{purpose!r} is not a cohort link ({', '.join(COHORT_PURPOSES)}).")
    if queries.one(con, "mentoring/cohort_exists", cohort=cohort) is None:
        raise ResponseError(f"There is no cohort {cohort!r}.")
    if purpose == "meeting":
        people = [
            {"email": r["email"], "person_id": r["person_id"], "subject": r["pair_id"]}
            for r in queries.rows(con, "mail/email_pair_recipients", cohort_id=cohort)
        ]
    else:
        people = [
            {
                "email": r["email"],
                "person_id": r["person_id"],
                "subject": r["person_id"] if purpose == "details" else r["participant_id"],
            }
            for r in queries.rows(con, "mentoring/checkins_participants", cohort=cohort)
        ]
    out = []
    for p in people:
        token, until = links.issue(
            con,
            actor,
            purpose,
            p["subject"],
            email=p["email"],
            person_id=p["person_id"],
            cohort_id=cohort,
            now=now,
        )
        out.append(
            {"email": p["email"], "url": links.url_for(con, token), "expires": until.isoformat()}
        )
    return out


def issue_one(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    purpose: str,
    subject: int,
    *,
    email: str,
    person_id: int | None,
    cohort: str | None = None,
    now: dt.datetime | None = None,
) -> str:
    """One personal link's URL (an email carries it)."""
    token, _ = links.issue(
        con, actor, purpose, subject, email=email, person_id=person_id, cohort_id=cohort, now=now
    )
    return links.url_for(con, token)
