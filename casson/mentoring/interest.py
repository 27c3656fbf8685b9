"""The register of interest: people who ask to mentor or be mentored, now or in a future cohort.

Statuses run new → invited → joined (a cohort), or end as declined / withdrew. Staff move ticked
entries into a cohort as mentors or mentees in one transaction: a returning person is linked by
email, never duplicated, and nobody becomes both mentor and mentee of one cohort.

The mentee-to-mentor loop: a cohort's mentees who said on the survey they are willing to mentor
are put on the register, in one action, as prospective mentors of the next cohort;
`mentor_funnel` is the one set of figures (willing → invited → mentoring) for page and board pack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from casson.mentoring import cohorts
from casson.platform import audit, db, parsers, queries
from casson.platform import text as stored_text
from casson.platform.errors import Refused

STATUSES = ("new", "invited", "joined", "declined", "withdrew")
ROLES = ("mentor", "mentee")
FUTURE = "future"
# A staff member may move an entry between these by hand; "joined" comes only from enrol().
MANUAL_STATUSES = ("new", "invited", "declined", "withdrew")
_COHORT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")


class InterestError(Refused):
    """A register change that is refused; the message is for the user as it stands."""


@dataclass
class Enrolment:
    cohort_id: str
    role: str
    joined: list[str] = field(default_factory=list)     # names, in the order given
    linked: int = 0                                      # returning people (matched by email)
    created: int = 0                                     # new people
    already: list[str] = field(default_factory=list)     # already in the cohort in that role
    cohort_name: str = ""                                # as people read it

    @property
    def summary(self) -> str:
        text = (f"{len(self.joined)} joined {self.cohort_name or self.cohort_id} as {self.role}s "
                f"({self.linked} returning, linked by email; {self.created} new)")
        if self.already:
            text += f"; already {self.role}s there: {', '.join(self.already)}"
        return text + "."


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _id(row: dict[str, Any] | None) -> int:
    """The id an INSERT … RETURNING id gave back."""
    if row is None:
        raise RuntimeError("the insert returned no id")
    return int(row["id"])


def _cohort_exists(con: duckdb.DuckDBPyConnection, cohort_id: str) -> bool:
    return bool(queries.one(con, "mentoring/cohort_exists", cohort=cohort_id))


def clean_entry(con: duckdb.DuckDBPyConnection, fields: dict[str, Any]) -> dict[str, Any]:
    """An entry's fields checked and normalised, or InterestError naming the field."""
    name = _text(fields.get("full_name"))
    if not name:
        raise InterestError("An entry needs a name.")
    try:
        email = parsers.parse_email(_text(fields.get("email")) or "")
    except ValueError:
        raise InterestError(f"{fields.get('email')!r} is not an email address.") from None
    region = _text(fields.get("region"))
    if region:
        try:
            region = parsers.parse_region(region)
        except ValueError as exc:
            raise InterestError(f"Region {region!r} {exc}.") from None
    role = (_text(fields.get("role_wanted")) or "").lower()
    if role not in ROLES:
        raise InterestError("Role wanted must be mentor or mentee, not "
                            f"{fields.get('role_wanted')!r}.")
    cohort = _text(fields.get("cohort_wanted")) or FUTURE
    if cohort.lower() == FUTURE:
        cohort = FUTURE
    elif not _COHORT_ID.fullmatch(cohort):
        # A cohort not yet created is fine (people register for the next one before it exists).
        raise InterestError(f"Cohort wanted {cohort!r} is not a cohort id (e.g. "
                            "cohort-3) or 'future'.")
    registered = fields.get("registered_on") or date.today()
    if isinstance(registered, str):
        try:
            registered = parsers.parse_date(registered)
        except ValueError:
            raise InterestError(f"Date {registered!r} is not a date.") from None
    return {"full_name": name, "email": email, "region": region, "role_wanted": role,
            "cohort_wanted": cohort, "source": _text(fields.get("source")) or "staff",
            "consent": bool(fields.get("consent")), "registered_on": registered,
            "notes": _text(fields.get("notes"))}


def _insert(cur: duckdb.DuckDBPyConnection, actor: str, values: dict[str, Any], *,
            status: str = "new", person_id: int | None = None, from_cohort: str | None = None,
            import_id: int | None = None) -> int:
    entry_id = _id(queries.one(cur, "mentoring/interest_insert", **values, interest_status=status,
                               person_id=person_id,
                               from_cohort=from_cohort, import_id=import_id, actor=actor))
    audit.record(cur, actor, "interest.add", "interest", entry_id,
                 {"after": {**values, "status": status, "from_cohort": from_cohort}})
    return entry_id


def add_entry(con: duckdb.DuckDBPyConnection, actor: str, fields: dict[str, Any]) -> int:
    """Add one person to the register (audited); a live duplicate is refused. Returns its id."""
    stored_text.check_fields(fields, InterestError)
    values = clean_entry(con, fields)

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        if queries.one(cur, "mentoring/interest_find", email_key=values["email"].lower(),
                       role_wanted=values["role_wanted"], cohort_wanted=values["cohort_wanted"]):
            raise InterestError(f"{values['email']} is already on the register as a "
                                f"{values['role_wanted']} for {values['cohort_wanted']}.")
        return _insert(cur, actor, values)

    return db.write(con, work)


def register(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The whole register, newest first."""
    return queries.df(con, "mentoring/interest_list")


def get_entry(con: duckdb.DuckDBPyConnection, entry_id: int) -> dict[str, Any]:
    row = queries.one(con, "mentoring/interest_get", interest_id=entry_id)
    if row is None:
        raise InterestError(f"There is no register entry {entry_id}.")
    return row


def set_status(con: duckdb.DuckDBPyConnection, actor: str, entry_ids: list[int],
               status: str) -> int:
    """Mark ticked entries new, invited, declined or withdrew (audited). Returns how many
    changed."""
    if status not in MANUAL_STATUSES:
        raise InterestError(f"Status {status!r} is set by moving people into a cohort, not by hand."
                            if status == "joined" else f"{status!r} is not a register status.")
    if not entry_ids:
        raise InterestError("Tick at least one person first.")

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        changed = 0
        for entry_id in entry_ids:
            before = get_entry(cur, entry_id)
            if before["status"] == status:
                continue
            if before["status"] == "joined":
                raise InterestError(f"{before['full_name']} has joined {before['joined_cohort']}; "
                                    "change their place on the People page instead.")
            queries.execute(cur, "mentoring/interest_set_status", interest_id=entry_id,
                            interest_status=status,
                            joined_cohort=None, person_id=None, actor=actor)
            audit.record(cur, actor, "interest.status", "interest", entry_id,
                         {"before": before["status"], "after": status})
            changed += 1
        return changed

    return db.write(con, work)


def _person_for(cur: duckdb.DuckDBPyConnection, actor: str, entry: dict[str, Any],
                result: Enrolment) -> int:
    person = queries.one(cur, "mentoring/interest_person_by_email", email_key=entry["email_key"])
    if person:
        result.linked += 1
        return int(person["id"])
    person_id = _id(queries.one(cur, "mentoring/interest_person_insert",
                                full_name=entry["full_name"],
                                email=entry["email"], region=entry["region"]))
    audit.record(cur, actor, "person.add", "person", person_id,
                 {"from": "register of interest", "interest_id": entry["id"]})
    result.created += 1
    return int(person_id)


def enrol(con: duckdb.DuckDBPyConnection, actor: str, entry_ids: list[int], cohort_id: str,
          role: str, new_cohort_name: str | None = None) -> Enrolment:
    """Move ticked register entries into a cohort as mentors or mentees, all or nothing.

    A returning person (same email) is linked; someone already of the other role in the cohort
    is refused by name and nothing is written. With `new_cohort_name`, a cohort that does not
    exist yet is created in the same transaction (the next cohort people registered for)."""
    cohort_id = (cohort_id or "").strip()
    if role not in ROLES:
        raise InterestError(f"Move people in as mentors or mentees, not {role!r}.")
    if not entry_ids:
        raise InterestError("Tick at least one person to move into the cohort.")
    create = not _cohort_exists(con, cohort_id)
    if create and not (new_cohort_name or "").strip():
        raise InterestError(f"There is no cohort {cohort_id!r}; give the new cohort a "
                            "name to create it.")
    if create and not _COHORT_ID.fullmatch(cohort_id):
        raise InterestError(f"{cohort_id!r} is not a cohort id (letters, digits and dashes, "
                            "e.g. cohort-3).")

    def work(cur: duckdb.DuckDBPyConnection) -> Enrolment:
        result = Enrolment(cohort_id, role)
        result.cohort_name = ((new_cohort_name or "").strip() if create
                              else (cohorts.get(cur, cohort_id) or {}).get("name", ""))
        if create:
            queries.execute(cur, "mentoring/cohort_insert", cohort=cohort_id,
                            cohort_name=(new_cohort_name or "").strip(), starts_on=None,
                            ends_on=None)
            audit.record(cur, actor, "cohort.add", "cohort", cohort_id,
                         {"name": (new_cohort_name or "").strip(), "from": "register of interest"})
        for entry_id in entry_ids:
            entry = get_entry(cur, entry_id)
            if entry["status"] in ("declined", "withdrew"):
                raise InterestError(f"{entry['full_name']} {entry['status']}; set them back to new "
                                    "before moving them into a cohort.")
            if entry["status"] == "joined":
                raise InterestError(f"{entry['full_name']} has already joined "
                                    f"{entry['joined_cohort']}.")
            person_id = _person_for(cur, actor, entry, result)
            held = queries.rows(cur, "mentoring/interest_person_roles", person_id=person_id,
                                cohort_id=cohort_id)
            if any(h["role"] != role for h in held):
                other = next(h["role"] for h in held if h["role"] != role)
                raise InterestError(f"{entry['full_name']} ({entry['email']}) is "
                                    f"already a {other} of "
                                    f"{cohort_id}; a person has one role per cohort. "
                                    "Nothing was moved.")
            if held:
                result.already.append(entry["full_name"])
            else:
                part_id = _id(queries.one(cur, "mentoring/interest_participant_insert",
                                          person_id=person_id,
                                          enrol_cohort=cohort_id, role=role,
                                          notes="From the register of interest "
                                                f"({entry['source'] or 'staff'})"))
                audit.record(cur, actor, "participant.add", "participant", part_id,
                             {"person_id": person_id, "cohort": cohort_id, "role": role,
                              "interest_id": entry_id})
            queries.execute(cur, "mentoring/interest_set_status", interest_id=entry_id,
                            interest_status="joined",
                            joined_cohort=cohort_id, person_id=person_id, actor=actor)
            audit.record(cur, actor, "interest.enrol", "interest", entry_id,
                         {"before": entry["status"], "after": "joined", "cohort": cohort_id,
                          "role": role, "person_id": person_id})
            result.joined.append(entry["full_name"])
        return result

    return db.write(con, work)


def mark_invited(cur: duckdb.DuckDBPyConnection, actor: str, entry_id: int) -> None:
    """An invitation reached this person: new → invited (called by casson.mail.sending after a
    send)."""
    entry = get_entry(cur, entry_id)
    if entry["status"] != "new":
        return
    queries.execute(cur, "mentoring/interest_set_status", interest_id=entry_id,
                    interest_status="invited",
                    joined_cohort=None, person_id=None, actor=actor)
    audit.record(cur, actor, "interest.status", "interest", entry_id,
                 {"before": "new", "after": "invited", "by": "invitation email"})


# -- the mentee-to-mentor loop -------------------------------------------------------------------

def later_cohorts(con: duckdb.DuckDBPyConnection, cohort_id: str) -> list[str]:
    """The cohorts after `cohort_id`, soonest first (one with no start date yet comes last)."""
    return [r["id"] for r in queries.rows(con, "mentoring/interest_next_cohort",
                                          cohort_id=cohort_id)]


def next_cohort(con: duckdb.DuckDBPyConnection, cohort_id: str) -> str | None:
    """The cohort that starts after `cohort_id`, if one is planned."""
    later = later_cohorts(con, cohort_id)
    return later[0] if later else None


def willing_mentees(con: duckdb.DuckDBPyConnection, from_cohort: str,
                    to_cohort: str) -> pd.DataFrame:
    """A cohort's mentees willing to mentor, and whether each is already on the register for
    (or already in) the target cohort."""
    return queries.df(con, "mentoring/interest_willing_mentees", from_cohort=from_cohort,
                      to_cohort=to_cohort)


def invite_willing(con: duckdb.DuckDBPyConnection, actor: str, from_cohort: str,
                   to_cohort: str) -> int:
    """Put every mentee of `from_cohort` who is willing to mentor on the register as a prospective
    mentor of `to_cohort`, status invited, in one transaction. Returns how many were added.

    They said on the survey they would mentor, which is taken as consent to be asked."""
    if from_cohort == to_cohort:
        raise InterestError("Invite a cohort's mentees to mentor in a later cohort, "
                            "not the same one.")
    if not _cohort_exists(con, to_cohort):
        raise InterestError(f"There is no cohort {to_cohort!r}; add it first.")

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        todo = willing_mentees(cur, from_cohort, to_cohort)
        todo = todo[~todo["on_register"].astype(bool) & ~todo["in_cohort"].astype(bool)]
        for row in todo.itertuples():
            values = {"full_name": row.full_name, "email": row.email,
                      "region": None if pd.isna(row.region) else row.region,
                      "role_wanted": "mentor",
                      "cohort_wanted": to_cohort,
                      "source": f"{from_cohort} survey: willing to mentor",
                      "consent": True, "registered_on": date.today(), "notes": None}
            _insert(cur, actor, values, status="invited", person_id=int(row.person_id),
                    from_cohort=from_cohort)
        return len(todo)

    return db.write(con, work)


def mentor_funnel(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """willing → invited → mentored later, per cohort of mentees (oldest first): the one set of
    figures the Register page, Outcomes and the board pack show
    (queries/mentoring/mentee_to_mentor)."""
    return queries.df(con, "mentoring/mentee_to_mentor")
