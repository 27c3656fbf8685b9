"""Meetings and check-ins: staff entry and imports, each refusal naming its row."""

import datetime as dt

import pytest

from casson.mentoring import checkins, meetings


def active_pair(con):
    return con.execute(
        "SELECT pr.id, mentor.email, mentee.email, pr.started_on FROM pairs pr "
        "JOIN participants mp ON mp.id = pr.mentor_id JOIN people mentor ON mentor.id "
        "= mp.person_id "
        "JOIN participants ep ON ep.id = pr.mentee_id JOIN people mentee ON mentee.id "
        "= ep.person_id "
        "WHERE pr.cohort_id = 'cohort-2' AND pr.status = 'active' ORDER "
        "BY pr.id LIMIT 1").fetchone()


def test_staff_log_a_meeting_with_every_field_and_an_audit_row(con):
    pair_id, *_ = active_pair(con)
    mid = meetings.log(con, "staff", pair_id, dt.date(2022, 3, 3), 50, "in person", " Went well ")
    row = con.execute("SELECT pair_id, cohort_id, met_on, minutes, format, note, "
                      "source, created_by "
                      "FROM meetings WHERE id = ?", [mid]).fetchone()
    assert row == (pair_id, "cohort-2", dt.date(2022, 3, 3), 50, "in person", "Went well", "staff",
                   "staff")
    audit = con.execute("SELECT actor, entity, entity_id FROM audit_log WHERE action "
                        "= 'meeting.log'"
                        ).fetchall()
    assert audit == [("staff", "pair", str(pair_id))]


def test_a_future_meeting_and_a_duplicate_are_refused(con):
    pair_id, *_ = active_pair(con)
    with pytest.raises(meetings.MeetingError, match="in the future"):
        meetings.log(con, "staff", pair_id, dt.date.today() + dt.timedelta(days=1))
    meetings.log(con, "staff", pair_id, dt.date(2022, 3, 3))
    with pytest.raises(meetings.MeetingError, match="already logged"):
        meetings.log(con, "staff", pair_id, dt.date(2022, 3, 3))


def test_import_refuses_bad_rows_by_row_and_writes_nothing(con):
    pair_id, mentor_email, mentee_email, _ = active_pair(con)
    before = con.execute("SELECT count(*) FROM meetings").fetchone()[0]
    rows = [
        {"row": 2, "email": mentor_email, "met_on": dt.date(2022, 3, 4), "minutes": 30,
         "format": "phone"},
        {"row": 3, "email": "nobody@example.org", "met_on": dt.date(2022, 3, 4)},
        {"row": 4, "email": mentee_email, "met_on": dt.date.today() + dt.timedelta(days=3)},
        {"row": 5, "email": mentee_email, "met_on": dt.date(2022, 3, 4)},
    ]
    with pytest.raises(meetings.RowsRefused) as caught:
        meetings.import_rows(con, "test", "cohort-2", rows)
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, "email"), (4, "met_on"),
                                                                (5, "met_on")]
    assert "belongs to no current pair" in caught.value.errors[0].reason
    assert "duplicates" in caught.value.errors[2].reason
    assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == before
    assert meetings.import_rows(con, "test", "cohort-2", rows[:1]) == 1
    stored = con.execute("SELECT pair_id, met_on, minutes, format, source FROM meetings "
                         "WHERE pair_id = ? AND met_on = DATE '2022-03-04'", [pair_id]).fetchone()
    assert stored == (pair_id, dt.date(2022, 3, 4), 30, "phone", "import")


def test_formats_and_fits_as_forms_word_them():
    assert meetings.parse_format("Video call") == "video"
    assert meetings.parse_format("Face to face") == "in person"
    assert meetings.parse_format("") is None
    with pytest.raises(ValueError, match="not a meeting format"):
        meetings.parse_format("carrier pigeon")
    assert checkins.parse_fit("Not sure") == "unsure"
    with pytest.raises(ValueError):
        checkins.parse_fit("great")


def participant(con):
    return con.execute("SELECT p.id, per.email FROM participants p JOIN people per ON per.id = "
                       "p.person_id WHERE p.cohort_id = 'cohort-2' AND p.role = 'mentee' "
                       "ORDER BY p.id LIMIT 1").fetchone()


def test_staff_enter_a_checkin(con):
    pid, _ = participant(con)
    when = dt.datetime(2022, 1, 19, 10, 30)
    cid = checkins.record(con, "staff", "cohort-2", pid, "unsure", 3, "Busy month", when)
    assert con.execute("SELECT cohort_id, participant_id, fit, rating, comment, "
                       "submitted_at, source "
                       "FROM checkins WHERE id = ?", [cid]).fetchone() == (
        "cohort-2", pid, "unsure", 3, "Busy month", when, "staff")
    with pytest.raises(checkins.CheckinError, match="1 to 5"):
        checkins.record(con, "staff", "cohort-2", pid, None, 6)
    with pytest.raises(checkins.CheckinError, match="fit or a rating"):
        checkins.record(con, "staff", "cohort-2", pid, None, None)


def test_checkin_import_refuses_a_stranger_by_row(con):
    pid, email = participant(con)
    when = dt.datetime(2022, 1, 18, 9)
    rows = [{"row": 2, "email": email.upper(), "fit": "poor", "rating": 2, "comment": "Hard",
             "submitted_at": when},
            {"row": 3, "email": "stranger@example.org", "fit": "good", "submitted_at": when}]
    with pytest.raises(meetings.RowsRefused) as caught:
        checkins.import_rows(con, "test", "cohort-2", rows)
    assert [(e.row, e.column, e.value) for e in caught.value.errors] == [
        (3, "email", "stranger@example.org")]
    assert checkins.import_rows(con, "test", "cohort-2", rows[:1]) == 1
    assert con.execute("SELECT fit, rating, comment, source FROM checkins WHERE participant_id = ? "
                       "AND submitted_at = ?", [pid, when]
                       ).fetchone() == ("poor", 2, "Hard", "import")
