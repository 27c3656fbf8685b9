"""Webinars: sessions, attendance ticks and .ics files that parse back with icalendar."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from casson.mentoring import calendar, webinars


def test_create_edit_and_refuse(con):
    sid = webinars.create(con, "staff", "cohort-2", " Leading change ", dt.datetime(2022, 4, 4, 13),
                          dt.datetime(2022, 4, 4, 14, 30), "https://teams.example.org/lc")
    s = webinars.get(con, sid)
    assert (s["cohort_id"], s["title"], s["starts_at"], s["ends_at"], s["join_url"]) == (
        "cohort-2", "Leading change", dt.datetime(2022, 4, 4, 13), dt.datetime(2022, 4, 4, 14, 30),
        "https://teams.example.org/lc")
    webinars.update(con, "staff", sid, "Leading change (moved)", dt.datetime(2022, 4, 5, 13))
    assert webinars.get(con, sid)["title"] == "Leading change (moved)"
    assert webinars.get(con, sid)["join_url"] is None
    with pytest.raises(webinars.WebinarError, match="before it starts"):
        webinars.create(con, "staff", "cohort-2", "X", dt.datetime(2022, 4, 4, 13),
                        dt.datetime(2022, 4, 4, 12))
    with pytest.raises(webinars.WebinarError, match="not a web address"):
        webinars.create(con, "staff", "cohort-2", "X", dt.datetime(2022, 4, 4, 13), None, "teams")
    actions = [r[0] for r in con.execute("SELECT action FROM audit_log WHERE entity = 'session' "
                                         "ORDER BY id").fetchall()]
    assert actions == ["session.create", "session.update"]


def test_attendance_ticks_are_exactly_the_set_given(con):
    sid = webinars.create(con, "staff", "cohort-2", "New", dt.datetime(2022, 4, 4, 13))
    people = [r[0] for r in con.execute("SELECT person_id FROM participants WHERE cohort_id = "
                                        "'cohort-2' ORDER BY id LIMIT 3").fetchall()]
    assert webinars.set_attendance(con, "staff", sid, set(people)) == (3, 0)
    assert webinars.set_attendance(con, "staff", sid, set(people[:1])) == (0, 2)
    assert webinars.attendees(con, sid) == {people[0]}
    stranger = con.execute("SELECT person_id FROM participants WHERE cohort_id = 'pilot-2021' "
                           "AND person_id NOT IN (SELECT person_id FROM participants WHERE "
                           "cohort_id = 'cohort-2') LIMIT 1").fetchone()[0]
    with pytest.raises(webinars.WebinarError, match="not participants"):
        webinars.set_attendance(con, "staff", sid, {stranger})
    assert webinars.attendees(con, sid) == {people[0]}


def test_session_ics_parses_back_with_its_time_zone_and_link(con):
    sid = webinars.create(con, "staff", "cohort-2", "Summer session", dt.datetime(2022, 6, 6, 13),
                          dt.datetime(2022, 6, 6, 14), "https://teams.example.org/s")
    cal = Calendar.from_ical(calendar.session_ics(con, sid))
    [event] = cal.walk("VEVENT")
    assert str(event["summary"]) == "Summer session"
    assert str(event["uid"]) == calendar.uid(sid)
    start = event.decoded("dtstart")
    assert start == dt.datetime(2022, 6, 6, 13, tzinfo=ZoneInfo("Europe/London"))
    assert start.utcoffset() == dt.timedelta(hours=1)  # British Summer Time
    assert event.decoded("dtend") - start == dt.timedelta(hours=1)
    assert str(event["url"]) == "https://teams.example.org/s"
    assert cal.walk("VTIMEZONE")


def test_cohort_ics_holds_every_session(con):
    cal = Calendar.from_ical(calendar.cohort_ics(con, "cohort-2"))
    titles = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert titles == [s["title"] for s in webinars.sessions(con, "cohort-2")]
    assert len(titles) == 5
    assert calendar.file_name("Confidence "
                              "and Personal Power") == "confidence-and-personal-power.ics"
