"""Build the files of a term as their tools write them (run: python tests/term_corpus/build.py).

- Microsoft Teams' attendance report (the meeting's Attendance tab, Download): UTF-16 LE with
  BOM, tab-separated, CRLF, in sections "1. Summary" (Meeting title, Attended participants,
  Start time, End time, Meeting duration, Average attendance time), "2. Participants" (Name,
  First Join, Last Leave, In-Meeting Duration, Email, Participant ID (UPN), Role) and
  "3. In-Meeting Activities" (one row per join); times in the en-US form "10/3/22, 12:58:40 PM".
- Teams' older single-table download (meetingAttendanceList.csv): UTF-16, tab-separated, Full
  Name, User Action (Joined / Left), Timestamp.
- Zoom's participants report exported with the meeting data: UTF-8 with BOM, comma-separated,
  CRLF; the meeting block (Meeting ID, Topic, Start Time, End Time, User Email = the host, …),
  a blank line, then the participants (Name (Original Name), User Email, Join Time, Leave Time,
  Duration (Minutes), Guest, Recording Consent, In Waiting Room), one row per join, times US
  month-first ("10/03/2022 12:58:40 PM" is 3 October 2022).
- Coordinators' workbooks (ooxml.py writes them part by part, as Excel does): an Instructions
  sheet, then the data sheet with a title row and a blank row above the header; a VLOOKUP whose
  saved value is #N/A; an encrypted (sensitivity-labelled) copy, as msoffcrypto-tool encrypts
  it the way Excel does (an OLE file holding EncryptionInfo and EncryptedPackage).
- Excel's CSV from a European locale: a `sep=;` first line, Windows-1252, CRLF.
- Forms exports with headers of more words ("Career stage (AfC band)", "Region (where you
  work)"), a mentee themes question, and a survey answered "Maybe" and "Not sure".
The people are fictional (@example.org); cohort-3 and its people are set up by the tests.
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from ooxml import Formula, workbook  # noqa: E402

COHORT_TITLE = "Cohort 3 mentees – exported 03/10/2022"
MENTEE_HEADER = [
    "Full name",
    "Email",
    "Region",
    "Career stage",
    "Specialty",
    "Employer",
    "Themes",
    "Goals",
]
MENTEES = [
    [
        "Nia Okafor",
        "nia.okafor@example.org",
        "London",
        "early career",
        "Mental health",
        "Camden and Islington NHS FT",
        "confidence; storytelling",
        "Lead a group session",
    ],
    [
        "Owen Price",
        "owen.price@example.org",
        "Wales",
        "mid career",
        "Neurology",
        "Swansea Bay UHB",
        "leadership",
        "Apply for a band 7 post",
    ],
    [
        "Priya Shah",
        "priya.shah@example.org",
        "East Midlands",
        "early career",
        "Paediatrics",
        "Nottingham CityCare",
        "research; confidence",
        "Publish my audit",
    ],
]
MENTOR = [
    "Ruth Mensah",
    "ruth.mensah@example.org",
    "London",
    "senior",
    "Community",
    "Whittington Health",
    "leadership; confidence",
    "",
]
ORGANISER = ("Alex Coordinator", "alex.coordinator@example.org")


def _teams_row(*cells: str) -> str:
    return "\t".join(cells)


def teams_report(
    title: str,
    start: str,
    people: list[tuple[str, str, str, str, str, str]],
    joins: list[tuple[str, str, str, str, str, str]],
) -> bytes:
    """people: (name, first join, last leave, duration, email, role); joins likewise, per join."""
    lines = [
        "1. Summary",
        _teams_row("Meeting title", title),
        _teams_row("Attended participants", str(len(people))),
        _teams_row("Start time", start),
        _teams_row("End time", people[0][2]),
        _teams_row("Meeting duration", "1h 2m 5s"),
        _teams_row("Average attendance time", "55m 40s"),
        "",
        "2. Participants",
        _teams_row(
            "Name",
            "First Join",
            "Last Leave",
            "In-Meeting Duration",
            "Email",
            "Participant ID (UPN)",
            "Role",
        ),
    ]
    lines += [_teams_row(n, a, b, d, e, e, r) for n, a, b, d, e, r in people]
    lines += [
        "",
        "3. In-Meeting Activities",
        _teams_row(
            "Name", "Join Time", "Leave Time", "Duration", "Email", "Participant ID (UPN)", "Role"
        ),
    ]
    lines += [_teams_row(n, a, b, d, e, e, r) for n, a, b, d, e, r in joins]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")  # utf-16 writes the BOM (LE here)


def _teams_storytelling(title: str = "Storytelling") -> bytes:
    a, b = "10/3/22, 12:58:40 PM", "10/3/22, 2:00:45 PM"
    people = [
        (ORGANISER[0], a, b, "1h 2m 5s", ORGANISER[1], "Organizer"),
        ("Nia Okafor", "10/3/22, 1:00:02 PM", b, "1h 0m 43s", "Nia.Okafor@example.org", "Attendee"),
        (
            "Owen Price",
            "10/3/22, 1:01:10 PM",
            "10/3/22, 1:58:00 PM",
            "49m 12s",
            "owen.price@example.org",
            "Attendee",
        ),
        (
            "Ruth Mensah",
            "10/3/22, 1:00:30 PM",
            b,
            "1h 0m 15s",
            "ruth.mensah@example.org",
            "Presenter",
        ),
        (
            "Sam Visitor",
            "10/3/22, 1:05:00 PM",
            "10/3/22, 1:30:00 PM",
            "25m 0s",
            "sam.visitor@example.org",
            "Attendee",
        ),
        ("Dial-in user", "10/3/22, 1:10:00 PM", "10/3/22, 1:20:00 PM", "10m 0s", "", "Attendee"),
    ]
    joins = [
        (ORGANISER[0], a, b, "1h 2m 5s", ORGANISER[1], "Organizer"),
        ("Nia Okafor", "10/3/22, 1:00:02 PM", b, "1h 0m 43s", "Nia.Okafor@example.org", "Attendee"),
        (
            "Owen Price",
            "10/3/22, 1:01:10 PM",
            "10/3/22, 1:20:00 PM",
            "18m 50s",
            "owen.price@example.org",
            "Attendee",
        ),
        (
            "Owen Price",
            "10/3/22, 1:27:38 PM",
            "10/3/22, 1:58:00 PM",
            "30m 22s",
            "owen.price@example.org",
            "Attendee",
        ),
    ]
    return teams_report(title, a, people, joins)


def _teams_older() -> bytes:
    rows = [
        "Full Name\tUser Action\tTimestamp",
        "Nia Okafor\tJoined\t10/3/2022, 1:00:02 PM",
        "Owen Price\tJoined\t10/3/2022, 1:01:10 PM",
        "Owen Price\tLeft\t10/3/2022, 1:58:00 PM",
    ]
    return ("\r\n".join(rows) + "\r\n").encode("utf-16")


def _csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n", delimiter=delimiter).writerows(rows)
    return buf.getvalue()


def _zoom(topic: str = "Reflective Learning") -> bytes:
    meeting = [
        [
            "Meeting ID",
            "Topic",
            "Start Time",
            "End Time",
            "User Email",
            "Duration (Minutes)",
            "Participants",
        ],
        [
            "842 1234 5678",
            topic,
            "10/03/2022 12:58:40 PM",
            "10/03/2022 02:01:02 PM",
            ORGANISER[1],
            "63",
            "5",
        ],
    ]
    people = [
        [
            "Name (Original Name)",
            "User Email",
            "Join Time",
            "Leave Time",
            "Duration (Minutes)",
            "Guest",
            "Recording Consent",
            "In Waiting Room",
        ],
        [
            ORGANISER[0],
            ORGANISER[1],
            "10/03/2022 12:58:40 PM",
            "10/03/2022 02:01:02 PM",
            "63",
            "No",
            "",
            "No",
        ],
        [
            "Priya Shah",
            "priya.shah@example.org",
            "10/03/2022 01:00:05 PM",
            "10/03/2022 01:24:10 PM",
            "25",
            "Yes",
            "",
            "No",
        ],
        [
            "Priya Shah",
            "priya.shah@example.org",
            "10/03/2022 01:31:44 PM",
            "10/03/2022 02:00:59 PM",
            "30",
            "Yes",
            "",
            "No",
        ],
        [
            "Nia O (Nia Okafor)",
            "nia.okafor@example.org",
            "10/03/2022 01:02:00 PM",
            "10/03/2022 02:00:00 PM",
            "58",
            "Yes",
            "",
            "No",
        ],
    ]
    text = _csv_text(meeting) + "\r\n" + _csv_text(people)
    return ("\ufeff" + text).encode("utf-8")


def _coordinator_workbook() -> bytes:
    instructions = [["How to use this workbook"], ["One row per mentee; do not rename headers."]]
    data = [[COHORT_TITLE], [], MENTEE_HEADER + ["Joined"]]
    for i, row in enumerate(MENTEES):
        data.append(row + [date(2022, 9, 26 + i)])
    return workbook([("Instructions", instructions), ("Mentees", data)])


def _vlookup_na() -> bytes:
    header = ["Email", "Full name", "Region", "Career stage"]
    rows = [
        header,
        [
            "nia.okafor@example.org",
            Formula("VLOOKUP(A2,Staff!A:B,2,FALSE)", "Nia Okafor"),
            "London",
            "early career",
        ],
        [
            "owen.price@example.org",
            Formula("VLOOKUP(A3,Staff!A:B,2,FALSE)", "#N/A", True),
            "Wales",
            "mid career",
        ],
        [
            "priya.shah@example.org",
            "Priya Shah",
            "East Midlands",
            Formula('IF(B4="","",1/0)', "#DIV/0!", True),
        ],
    ]
    return workbook([("Mentees", rows)])


def _encrypted() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    plain = workbook([("Mentees", [MENTEE_HEADER] + MENTEES)])
    OOXMLFile(io.BytesIO(plain)).encrypt("label-key", out)
    return out.getvalue()


def _sep_semicolon() -> bytes:
    rows = [
        ["Full name", "Email", "Region", "Career stage", "Goals"],
        [
            "Chloé Martin",
            "chloe.martin@example.org",
            "South East",
            "early career",
            "Présenter; écrire",
        ],
        ["Léa Dubois", "lea.dubois@example.org", "London", "mid career", "Lead; teach"],
    ]
    return ("sep=;\r\n" + _csv_text(rows, ";")).encode("cp1252")


def _afc_band() -> bytes:
    rows = [
        ["Full name", "Email", "Region (where you work)", "Career stage (AfC band)"],
        ["Tara Quinn", "tara.quinn@example.org", "North East", "Band 6"],
        ["Umar Rahman", "umar.rahman@example.org", "Scotland", "Band 7"],
    ]
    return ("\ufeff" + _csv_text(rows)).encode("utf-8")


def _mentee_support_form() -> bytes:
    header = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Your full name",
        "Your work email",
        "Region (where you work)",
        "What would you like support with? (tick all that apply)",
        "What do you hope to gain from mentoring?",
    ]
    rows = [
        header,
        [
            "1",
            datetime(2022, 9, 1, 9, 0, 12),
            datetime(2022, 9, 1, 9, 6, 40),
            "anonymous",
            "",
            "Vera Lind",
            "vera.lind@example.org",
            "Yorkshire & Humber",
            "Confidence;Leading change;",
            "Speak up in MDT meetings",
        ],
    ]
    return workbook([("Form1", rows)])


def _survey_maybe() -> bytes:
    header = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Are you a mentor or a mentee?",
        "I would recommend the programme to a colleague",
        "Would you be willing to mentor in a future cohort?",
        "Any other comments?",
    ]
    rows = [
        header,
        [
            "1",
            "20/06/2023 09:00:00",
            "20/06/2023 09:04:12",
            "anonymous",
            "",
            "Mentee",
            "Strongly agree",
            "Maybe",
            "Lovely programme",
        ],
        [
            "2",
            "20/06/2023 09:10:00",
            "20/06/2023 09:12:31",
            "anonymous",
            "",
            "Mentee",
            "Agree",
            "Not sure",
            "",
        ],
        [
            "3",
            "20/06/2023 09:20:00",
            "20/06/2023 09:21:05",
            "anonymous",
            "",
            "Mentee",
            "Agree",
            "Yes",
            "",
        ],
        [
            "4",
            "20/06/2023 09:30:00",
            "20/06/2023 09:33:00",
            "anonymous",
            "",
            "Mentee",
            "Disagree",
            "Perhaps later on",
            "",
        ],
    ]
    return ("\ufeff" + _csv_text(rows)).encode("utf-8")


FILES = {
    "teams_attendance_storytelling.csv": _teams_storytelling,
    "teams_attendance_unknown_title.csv": lambda: _teams_storytelling("Juggling for OTs"),
    "teams_older_attendance_list.csv": _teams_older,
    "zoom_participants_reflective_learning.csv": _zoom,
    "coordinator_workbook.xlsx": _coordinator_workbook,
    "vlookup_na.xlsx": _vlookup_na,
    "encrypted_workbook.xlsx": _encrypted,
    "excel_sep_semicolon.csv": _sep_semicolon,
    "afc_band_headers.csv": _afc_band,
    "ms_forms_mentee_support.xlsx": _mentee_support_form,
    "ms_forms_survey_maybe.csv": _survey_maybe,
}


def build() -> list[str]:
    for name, make in FILES.items():
        (HERE / name).write_bytes(make())
    return list(FILES)


if __name__ == "__main__":
    print("\n".join(build()))
