"""Attendance reports as Teams and Zoom download them (tests/term_corpus, built by its build.py)
import as kind `attendance` through the CLI with no mapping: the organiser and hosts are not
attendees, several joins are one attendance, people of no participant of the cohort are listed
and not stored, and a report of an unknown meeting is refused naming the cohort's sessions."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import duckdb
import olefile
import pytest

from casson import importer
from casson.cli import main
from casson.mentoring import webinars
from casson.platform import db
from tests.import_support import last_import_id, table_hashes

CORPUS = Path(__file__).resolve().parent / "term_corpus"
sys.path.insert(0, str(CORPUS))
import build  # noqa: E402  (the corpus's own people)

STORED = (
    "SELECT s.title, s.starts_at, per.email FROM attendance a "
    "JOIN sessions s ON s.id = a.session_id JOIN people per ON per.id = a.person_id "
    "WHERE s.cohort_id = 'cohort-3' ORDER BY s.starts_at, per.email"
)


@pytest.fixture
def term(demo_db: Path) -> Path:
    """cohort-3 with the corpus's three mentees and one mentor, and its webinars: Storytelling
    on 3 Oct 2022 and two "Reflective Learning", on 3 Oct 2022 and 10 Mar 2023."""
    con = db.connect(demo_db)
    try:
        importer.create_cohort(
            con, "cohort-3", "Cohort 3 (2022-23)", dt.date(2022, 9, 1), dt.date(2023, 6, 30)
        )
        for kind, rows in (("mentees", build.MENTEES), ("mentors", [build.MENTOR])):
            text = "\r\n".join(",".join(r) for r in [build.MENTEE_HEADER, *rows]).encode()
            assert (
                importer.run(con, kind, text, cohort="cohort-3", file_name=f"{kind}.csv").status
                == "committed"
            )
        for title, when in (
            ("Storytelling", dt.datetime(2022, 10, 3, 13)),
            ("Reflective Learning", dt.datetime(2022, 10, 3, 13)),
            ("Reflective Learning", dt.datetime(2023, 3, 10, 13)),
        ):
            webinars.create(con, "test", "cohort-3", title, when)
    finally:
        con.close()
    return demo_db


def _cli(dbfile: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", "attendance", *args, "--db", str(dbfile)])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def _stored(dbfile: Path) -> list[tuple]:
    with duckdb.connect(str(dbfile)) as c:
        return c.execute(STORED).fetchall()


def _fingerprint(dbfile: Path) -> tuple[int, dict[str, str]]:
    con = db.connect(dbfile)
    try:
        last = last_import_id(con)
        return last, table_hashes(con, imports_up_to=last)
    finally:
        con.close()


def test_the_teams_fixture_is_written_as_teams_writes_it():
    data = (CORPUS / "teams_attendance_storytelling.csv").read_bytes()
    assert data[:2] == b"\xff\xfe"  # UTF-16 LE with its BOM
    text = data.decode("utf-16")
    assert text.startswith("1. Summary\r\nMeeting title\tStorytelling\r\n")
    assert (
        "\r\n2. Participants\r\nName\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\t"
        "Participant ID (UPN)\tRole\r\n" in text
    )
    assert "\r\n3. In-Meeting Activities\r\n" in text


def test_a_teams_report_imports_its_attendees_and_not_the_organiser_or_outsiders(term, capsys):
    code, out, err = _cli(
        term, capsys, str(CORPUS / "teams_attendance_storytelling.csv"), "--cohort", "cohort-3"
    )
    assert code == 0, err
    storytelling = dt.datetime(2022, 10, 3, 13)
    # Owen joined twice (In-Meeting Activities): one attendance; Ruth, a presenter, is the
    # cohort's mentor and attended; the email's case does not matter.
    assert _stored(term) == [
        ("Storytelling", storytelling, "nia.okafor@example.org"),
        ("Storytelling", storytelling, "owen.price@example.org"),
        ("Storytelling", storytelling, "ruth.mensah@example.org"),
    ]
    assert "3 new, 0 updated, 0 unchanged, 0 with errors" in out
    assert "Not attendees (the meeting's organiser): Alex Coordinator" in err
    assert "Not participants of cohort cohort-3, so not stored: sam.visitor@example.org" in err
    assert "No email in the report, so not stored" in err and "Dial-in user" in err
    with duckdb.connect(str(term)) as c:
        assert (
            c.execute(
                "SELECT count(*) FROM people WHERE email_key IN "
                "('sam.visitor@example.org', 'alex.coordinator@example.org')"
            ).fetchone()[0]
            == 0
        )


def test_the_same_teams_report_again_changes_nothing_and_says_so(term, capsys):
    report = str(CORPUS / "teams_attendance_storytelling.csv")
    assert _cli(term, capsys, report, "--cohort", "cohort-3")[0] == 0
    code, out, err = _cli(term, capsys, report, "--cohort", "cohort-3")
    assert code == 0
    assert "0 new, 0 updated, 3 unchanged" in out
    assert "the rows already stored are unchanged" in err
    assert len(_stored(term)) == 3


def test_a_zoom_report_joins_once_per_person_and_its_us_date_picks_the_session(term, capsys):
    code, out, err = _cli(
        term,
        capsys,
        str(CORPUS / "zoom_participants_reflective_learning.csv"),
        "--cohort",
        "cohort-3",
    )
    assert code == 0, err
    # "10/03/2022" is 3 October (US month-first): not the Reflective Learning of 10 March 2023.
    session = dt.datetime(2022, 10, 3, 13)
    assert _stored(term) == [
        ("Reflective Learning", session, "nia.okafor@example.org"),
        ("Reflective Learning", session, "priya.shah@example.org"),
    ]
    assert "Not attendees (the meeting's host): Alex Coordinator" in err
    assert "Joined more than once, one attendance each: Priya Shah (2 times)" in err
    assert "2 new, 0 updated, 0 unchanged" in out


def test_a_report_of_an_unknown_meeting_is_refused_naming_the_cohorts_sessions(term, capsys):
    before_id, before = _fingerprint(term)
    code, out, err = _cli(
        term, capsys, str(CORPUS / "teams_attendance_unknown_title.csv"), "--cohort", "cohort-3"
    )
    assert code == 1
    assert "is of the meeting 'Juggling for OTs', which is no session of cohort cohort-3" in err
    assert (
        "its sessions: 'Storytelling' (03 Oct 2022), 'Reflective Learning' (03 Oct 2022), "
        "'Reflective Learning' (10 Mar 2023)"
    ) in err
    last = err.strip().splitlines()[-1]
    assert last == (
        "Rejected teams_attendance_unknown_title.csv: the file cannot be imported as "
        "it is (above); nothing was written."
    )
    con = db.connect(term)
    try:
        assert table_hashes(con, imports_up_to=before_id) == before
    finally:
        con.close()


def test_teams_older_list_without_emails_is_refused_saying_which_report_to_download(term, capsys):
    before_id, before = _fingerprint(term)
    code, _out, err = _cli(
        term, capsys, str(CORPUS / "teams_older_attendance_list.csv"), "--cohort", "cohort-3"
    )
    assert code == 1
    assert "Teams' older attendance list" in err and "download the attendance report" in err
    assert "rows with errors" not in err and "0 rows" not in err
    con = db.connect(term)
    try:
        assert table_hashes(con, imports_up_to=before_id) == before
    finally:
        con.close()


def test_a_report_imported_as_another_kind_says_to_import_it_as_attendance(term, capsys):
    code = main(
        [
            "import",
            "mentees",
            str(CORPUS / "teams_attendance_storytelling.csv"),
            "--cohort",
            "cohort-3",
            "--db",
            str(term),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "This is a Microsoft Teams attendance report: import it as attendance" in err


def test_the_encrypted_fixture_is_an_ole_file_holding_the_encrypted_package():
    data = (CORPUS / "encrypted_workbook.xlsx").read_bytes()
    assert olefile.isOleFile(data)
    ole = olefile.OleFileIO(data)
    assert ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage")
    ole.close()
