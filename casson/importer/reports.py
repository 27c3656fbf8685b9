"""Attendance reports as the meeting tools download them, read as a table of one row per attendee
(Session, Email, Session date) that the `attendance` kind imports with no mapping.

- Microsoft Teams' attendance report (the Attendance tab's Download): UTF-16 with BOM,
  tab-separated, in sections "1. Summary" (Meeting title, Start time, …), "2. Participants"
  (Name, First Join, Last Leave, In-Meeting Duration, Email, Participant ID (UPN), Role) and
  "3. In-Meeting Activities" (one row per join). The organiser and co-organisers are not
  attendees. Its times are written in the organiser's locale (US month-first by default).
- Zoom's participants report ("Export with meeting data"): a meeting block (Meeting ID, Topic,
  Start Time, …, User Email = the host), a blank line, then the participants (Name (Original
  Name), User Email, Join Time, Leave Time, Duration (Minutes), Guest, …), one row per join,
  times US month-first ("10/03/2022 09:58:12 AM" is 3 October).
- Teams' older download (meetingAttendanceList.csv: Full Name, User Action, Timestamp) has no
  email addresses and no title: it is refused, saying which report to download instead.
Several joins of one person are one attendance, and said so."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import datetime

from casson.importer.bounds import ReadError

TEAMS = "Microsoft Teams attendance report"
ZOOM = "Zoom participants report"
HEADERS = ("Session", "Email", "Session date")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ORGANISERS = ("organizer", "organiser", "co-organizer", "co-organiser")


@dataclass
class Found:
    source: str
    delimiter: str
    headers: tuple[str, ...] = HEADERS
    rows: list[list[str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)


def recognise(text: str) -> Found | None:
    """The report this text is, read; None for any other CSV. Raises ReadError for a report that
    cannot give attendance (no title, no emails)."""
    lines = text.lstrip("\ufeff").splitlines()
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    if first.rstrip("\t,") == "1. Summary":
        return _teams(lines)
    cells = [c.strip().lower() for c in re.split(r"[\t,]", first)]
    if cells[:3] == ["full name", "user action", "timestamp"]:
        raise ReadError(
            "This is Teams' older attendance list (Full Name, User Action, "
            "Timestamp): it has no email addresses and no meeting title, so no "
            "attendance can be matched. In Teams, open the meeting's Attendance tab "
            "and download the attendance report, and upload that."
        )
    if "topic" in cells and "meeting id" in cells:
        return _zoom(lines)
    if "name (original name)" in cells:
        raise ReadError(
            "This Zoom participants report has no meeting block, so its Topic (the "
            "session) is unknown. In Zoom's Usage report, export the participants "
            "again with 'Export with meeting data' ticked, and upload that."
        )
    return None


def _rows(lines: list[str], start: int, delimiter: str) -> list[tuple[int, list[str]]]:
    """(file row number, cells) from `start` up to the next blank line or section."""
    out = []
    for n in range(start, len(lines)):
        line = lines[n]
        if not line.strip() or re.match(r"^\d+\. \w", line.strip()):
            break
        out.append((n + 1, [c.strip() for c in next(csv.reader([line], delimiter=delimiter))]))
    return out


def _find(header: list[str], *names: str) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _day(text: str) -> str:
    """The date of a report's time: US month-first unless the first number cannot be a month."""
    part = text.strip().replace(",", "")
    for pattern in (
        "%m/%d/%y %I:%M:%S %p",
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%y %H:%M:%S",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%y %H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%m/%d/%Y %I:%M %p",
        "%m/%d/%Y",
    ):
        try:
            return datetime.strptime(part, pattern).date().isoformat()
        except ValueError:
            continue
    return ""


def _teams(lines: list[str]) -> Found:
    found = Found(TEAMS, "\t")
    index = {ln.strip().rstrip("\t"): n for n, ln in enumerate(lines)}
    summary_at = index.get("1. Summary", 0)
    people_at = index.get("2. Participants")
    if people_at is None:
        raise ReadError(
            "This Teams attendance report has no '2. Participants' section: "
            "download the report again from the meeting's Attendance tab."
        )
    summary = {
        cells[0].lower(): cells[1] if len(cells) > 1 else ""
        for _n, cells in _rows(lines, summary_at + 1, "\t")
        if cells
    }
    title = summary.get("meeting title") or summary.get("title") or ""
    if not title:
        raise ReadError(
            "This Teams attendance report names no meeting (its '1. Summary' has no "
            "Meeting title), so the session is unknown."
        )
    when = _day(summary.get("start time") or summary.get("meeting start time") or "")
    table = _rows(lines, people_at + 1, "\t")
    if not table:
        raise ReadError("This Teams attendance report lists no participants.")
    (_h, header), body = table[0], table[1:]
    name_at, role_at = _find(header, "name", "full name"), _find(header, "role")
    email_at = _find(header, "email", "e-mail")
    upn_at = _find(header, "participant id (upn)", "participant id")
    people: list[tuple[int, str, str, str]] = []
    for n, cells in body:

        def cell(at: int | None, cells: list[str] = cells) -> str:
            return cells[at] if at is not None and at < len(cells) else ""

        email = cell(email_at) or (cell(upn_at) if _EMAIL.match(cell(upn_at)) else "")
        people.append((n, cell(name_at), email, cell(role_at).lower()))
    return _collect(found, title, when, people, "organiser")


def _zoom(lines: list[str]) -> Found:
    found = Found(ZOOM, ",")
    start = next(n for n, ln in enumerate(lines) if ln.strip())
    block = _rows(lines, start, ",")
    if len(block) < 2:
        raise ReadError("This Zoom report's meeting block has no values under its headers.")
    meeting = dict(zip((h.lower() for h in block[0][1]), block[1][1], strict=False))
    title = meeting.get("topic", "")
    if not title:
        raise ReadError(
            "This Zoom report has no Topic, so the session is unknown: give the "
            "meeting a topic in Zoom, or enter the attendance on the Running page."
        )
    host = meeting.get("user email", "").lower()
    after = block[-1][0]  # row number of the block's last line = index of the next line
    nxt = next((n for n in range(after, len(lines)) if lines[n].strip()), None)
    if nxt is None:
        raise ReadError("This Zoom report has its meeting block but no participants below it.")
    table = _rows(lines, nxt, ",")
    (_h, header), body = table[0], table[1:]
    name_at = _find(header, "name (original name)", "name")
    email_at = _find(header, "user email", "email")
    people = []
    for n, cells in body:
        name = cells[name_at] if name_at is not None and name_at < len(cells) else ""
        email = cells[email_at] if email_at is not None and email_at < len(cells) else ""
        is_host = (host and email.lower() == host) or re.search(r"\((co-)?host\)\s*$", name, re.I)
        people.append((n, name, email, "organizer" if is_host else "attendee"))
    return _collect(found, title, _day(meeting.get("start time", "")), people, "host")


def _collect(
    found: Found,
    title: str,
    when: str,
    people: list[tuple[int, str, str, str]],
    organiser_word: str,
) -> Found:
    """One row per attendee email (first row kept), organisers left out; notes say what was."""
    seen: dict[str, int] = {}
    joins: dict[str, int] = {}
    organisers: list[str] = []
    names: dict[str, str] = {}
    for n, name, email, role in people:
        key = email.lower()
        if role in _ORGANISERS:
            if key not in {o.lower() for o in organisers}:
                organisers.append(f"{name} ({email})" if email else name)
            continue
        if not email:
            found.unmatched.append(f"row {n} ({name or 'no name'})")
            continue
        joins[key] = joins.get(key, 0) + 1
        if key in seen:
            continue
        seen[key] = n
        names[key] = name
        found.rows.append([title, email, when])
        found.row_numbers.append(n)
    on = f" on {datetime.fromisoformat(when):%d %b %Y}" if when else ""
    found.notes.append(
        f"{found.source} of {title!r}{on}: {len(found.rows)} attendees, read with no mapping."
    )
    if organisers:
        found.notes.append(
            f"Not attendees (the meeting's {organiser_word}): " + ", ".join(organisers) + "."
        )
    again = [f"{names[k] or k} ({c} times)" for k, c in joins.items() if c > 1]
    if again:
        found.notes.append("Joined more than once, one attendance each: " + ", ".join(again) + ".")
    if found.unmatched:
        found.notes.append(
            "No email in the report, so not stored (tick them on the Running "
            "page if they belong to the cohort): " + ", ".join(found.unmatched) + "."
        )
    if not found.rows:
        raise ReadError(
            f"This {found.source} of {title!r} lists no attendee with an email "
            "address (only the organiser, or people without an email)."
        )
    return found
