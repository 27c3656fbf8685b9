"""Import kinds `meetings` and `checkins`, as a Microsoft Forms export gives them, through the
CLI."""

import datetime as dt
import subprocess
import sys

import duckdb

from casson.mentoring import attention
from casson.platform import db

MS_FORMS = "ID,Start time,Completion time,Email,Name"


def _cli(demo_db, *args):
    return subprocess.run([sys.executable, "-m", "casson", "--db", str(demo_db), *args],
                          capture_output=True, text=True)


def _flagged(dbfile):
    con = db.connect(dbfile)
    try:
        return [i for i in attention.items(con, "cohort-2", dt.date(2022, 1, 20))
                if "no_meeting" in i.codes]
    finally:
        con.close()


def test_importing_a_meeting_for_a_flagged_pair_clears_its_reason(demo_db, tmp_path):
    flagged = _flagged(demo_db)
    target = flagged[0]
    path = tmp_path / "log-your-meeting.csv"
    path.write_bytes((
        f"{MS_FORMS},Your email address,Date of the meeting,How long did you meet (minutes)?,"
        "How did you meet?\r\n"
        f"1,14/01/2022 09:01:02,14/01/2022 09:03:10,anonymous,,{target.mentor_email},12/01/2022,45,"
        "Video call\r\n").encode("cp1252"))
    out = _cli(demo_db, "import", "meetings", str(path), "--cohort", "cohort-2")
    assert out.returncode == 0, out.stdout + out.stderr
    con = duckdb.connect(str(demo_db))
    try:
        stored = con.execute("SELECT pair_id, cohort_id, met_on, minutes, format, note, source, "
                             "created_by IS NOT NULL, import_id IS NOT NULL FROM meetings "
                             "WHERE source = 'import'").fetchall()
    finally:
        con.close()
    assert stored == [(target.pair_id, "cohort-2", dt.date(2022, 1, 12), 45, "video", None,
                       "import",
                       True, True)]
    after = _flagged(demo_db)
    assert target.pair_id not in {i.pair_id for i in after}
    assert len(after) == len(flagged) - 1


def test_a_meeting_import_refuses_future_unknown_and_duplicate_rows_by_row(demo_db, tmp_path):
    target = _flagged(demo_db)[0]
    future = (dt.date.today() + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    path = tmp_path / "meetings.csv"
    path.write_text(
        "Your email address,Date of the meeting,Minutes,How did you meet?\n"
        f"{target.mentee_email},{future},30,Phone\n"
        "stranger@example.org,10/01/2022,30,Phone\n"
        f"{target.mentee_email},11/01/2022,30,Phone\n"
        f"{target.mentor_email},11/01/2022,30,In person\n", encoding="utf-8")
    out = _cli(demo_db, "import", "meetings", str(path), "--cohort", "cohort-2")
    assert out.returncode == 1
    text = out.stdout + out.stderr
    assert "is in the future" in text and "belongs to no current pair of cohort-2" in text
    assert "stranger@example.org" in text and "duplicates a meeting" in text
    con = duckdb.connect(str(demo_db))
    try:
        assert con.execute("SELECT count(*) FROM meetings WHERE "
                           "source = 'import'").fetchone() == (0,)
    finally:
        con.close()


def test_checkins_import_from_a_forms_export(demo_db, tmp_path):
    con = duckdb.connect(str(demo_db))
    try:
        pid, email = con.execute("SELECT p.id, per.email FROM participants p JOIN people per ON "
                                 "per.id = p.person_id WHERE p.cohort_id = 'cohort-2' AND "
                                 "p.role = 'mentee' ORDER BY p.id DESC LIMIT 1").fetchone()
    finally:
        con.close()
    path = tmp_path / "checkin.csv"
    path.write_text(
        f"{MS_FORMS},Your email address,How well is the match working?,"
        "How would you rate the mentoring so far (out of 5)?,Any comments?\n"
        f"1,01/02/2022 10:00:00,01/02/2022 10:04:00,anonymous,,{email},Not "
        "sure,2,Hard to find time\n",
        encoding="utf-8")
    out = _cli(demo_db, "import", "checkins", str(path), "--cohort", "cohort-2")
    assert out.returncode == 0, out.stdout + out.stderr
    con = duckdb.connect(str(demo_db))
    try:
        assert con.execute("SELECT cohort_id, fit, rating, comment, submitted_at, source FROM "
                           "checkins WHERE participant_id = ? AND source = 'import'",
                           [pid]).fetchall() == [
            ("cohort-2", "unsure", 2, "Hard to find time", dt.datetime(2022, 2, 1, 10, 4),
             "import")]
    finally:
        con.close()
