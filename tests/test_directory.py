"""The directory: live filters over courses and coaches, and audited add / edit / retire."""

import json

import pytest

from casson.grants import directory
from casson.platform import queries
from casson.platform.errors import Stale


@pytest.fixture
def courses(con):
    return queries.df(con, "grants/directory_courses")


@pytest.fixture
def coaches(con):
    return queries.df(con, "grants/directory_coaches")


def _titles(df):
    return sorted(df["title"])


def test_free_and_online_gives_exactly_the_edward_jenner_programme(courses):
    shown = directory.filter_courses(courses,
                                     directory.CourseFilters(free_only=True, formats=("online",)))
    assert _titles(shown) == ["The Edward Jenner programme"]
    assert shown.iloc[0]["provider"] == "NHS Leadership Academy"
    assert shown.iloc[0]["url"].startswith("https://www.leadershipacademy.nhs.uk/")


def test_no_filter_shows_every_course_from_the_seed_texts(courses):
    assert len(directory.filter_courses(courses, directory.CourseFilters())) == 15


def test_free_only_gives_the_fully_funded_programmes(courses):
    shown = directory.filter_courses(courses, directory.CourseFilters(free_only=True))
    assert _titles(shown) == ["GenerationQ", "The Edward Jenner programme"]


def test_level_and_format_filters_combine(courses):
    msc_distance = directory.filter_courses(courses,
                                            directory.CourseFilters(levels=("msc",),
                                                                    formats=("distance",)))
    assert _titles(msc_distance) == ["MSc Management and Leadership in Health and Social Care"]
    pgcert = directory.filter_courses(courses, directory.CourseFilters(levels=("pgcert",)))
    assert list(pgcert["provider"]) == ["University of Glasgow"]


def test_cost_range_keeps_or_drops_courses_with_no_published_cost(courses):
    priced = directory.filter_courses(courses, directory.CourseFilters(cost_min=500, cost_max=1000,
                                                                       include_unknown_cost=False))
    assert _titles(priced) == ["Leadership development courses"]  # The King's Fund, from £999
    cheap = directory.filter_courses(courses,
                                     directory.CourseFilters(cost_max=100,
                                                             include_unknown_cost=False))
    assert _titles(cheap) == ["GenerationQ", "The Edward Jenner programme"]
    with_unknown = directory.filter_courses(courses, directory.CourseFilters(cost_max=100))
    assert len(with_unknown) == 15 - 1  # only the £999 course is out of range


def test_provider_and_text_filters(courses):
    nhs = directory.filter_courses(courses,
                                   directory.CourseFilters(providers=("NHS Leadership Academy",)))
    assert len(nhs) == 3
    glasgow = directory.filter_courses(courses, directory.CourseFilters(text="glasgow"))
    assert _titles(glasgow) == ["Leadership for Health and Social Care (PgCert)"]


def test_coach_filters(coaches):
    ot = directory.filter_coaches(coaches, directory.CoachFilters(kinds=("ot_specialist",)))
    assert sorted(ot["name"]) == ["Jen Gash", "Lynne Goodacre PhD", "Naomi Hankinson"]
    supervision = directory.filter_coaches(coaches, directory.CoachFilters(offers=("supervision",)))
    assert list(supervision["name"]) == ["Naomi Hankinson"]
    assert float(supervision.iloc[0]["fee_from"]) == 50
    assert len(directory.filter_coaches(coaches, directory.CoachFilters(text="cahpr"))) == 1


def _audit(con, entity):
    return con.execute("SELECT actor, action, detail FROM audit_log WHERE entity = ? ORDER BY id",
                       [entity]).fetchall()


def test_adding_editing_and_retiring_a_course_is_audited(con):
    course_id = directory.add_course(con, "staff", {
        "provider": "Test University", "title": "PgCert in OT Leadership", "format": "blended",
        "level": "pgcert", "cost_from": "£1,200", "url": "https://example.org/pgcert"})
    directory.update_course(con, "staff", course_id, {**directory.get_course(con, course_id),
                                                      "cost_from": "1300"})
    directory.set_course_retired(con, "admin", course_id, True)
    row = directory.get_course(con, course_id)
    assert float(row["cost_from"]) == 1300 and row["retired"] is True
    log = _audit(con, "course")
    assert [a[1] for a in log] == ["course.add", "course.update", "course.retire"]
    assert json.loads(log[1][2])["after"] == {"cost_from": "1300.00"}
    assert log[2][0] == "admin"
    live = directory.filter_courses(queries.df(con, "grants/directory_courses"),
                                    directory.CourseFilters())
    assert "PgCert in OT Leadership" not in set(live["title"])
    directory.set_course_retired(con, "admin", course_id, False)
    assert _audit(con, "course")[-1][1] == "course.restore"


@pytest.mark.parametrize("fields,message", [
    ({"provider": "", "title": "X"}, "needs a provider"),
    ({"provider": "P", "title": "X", "format": "by post"}, "Format 'by post' is not one of"),
    ({"provider": "P", "title": "X", "cost_from": "-5"}, "cannot be negative"),
    ({"provider": "P", "title": "X", "cost_from": "lots"}, "not an amount of money"),
    ({"provider": "P", "title": "X", "url": "javascript:alert(1)"}, "must start with http"),
    ({"provider": "NHS Leadership Academy", "title": "the edward jenner programme"},
     "already has a course"),
])
def test_bad_course_entries_are_refused_in_plain_english(con, fields, message):
    before = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(directory.DirectoryError, match=message):
        directory.add_course(con, "staff", fields)
    assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


def test_adding_editing_and_retiring_a_coach_is_audited(con):
    coach_id = directory.add_coach(con, "staff", {"name": "Test Coach", "kind": "ot_specialist",
                                                  "offers": ["coaching", "supervision"],
                                                  "fee_from": "60", "website": "https://example.org"})
    assert directory.get_coach(con, coach_id)["offers"] == "coaching; supervision"
    directory.update_coach(con, "staff", coach_id,
                           {**directory.get_coach(con, coach_id), "fee_from": "70"})
    directory.set_coach_retired(con, "staff", coach_id, True)
    assert [a[1] for a in _audit(con, "coach")] == ["coach.add", "coach.update", "coach.retire"]
    with pytest.raises(directory.DirectoryError, match="Nothing to save"):
        directory.update_coach(con, "staff", coach_id, directory.get_coach(con, coach_id))


def test_an_edit_made_on_an_old_copy_of_a_course_is_refused(con):
    aurora = con.execute("SELECT id FROM courses WHERE title = 'Aurora'").fetchone()[0]
    course = directory.get_course(con, aurora)
    directory.update_course(con, "admin", course["id"], {**course, "location": "Online"},
                            seen=course["version"])
    with pytest.raises(Stale, match="Aurora was changed by someone else"):
        directory.update_course(con, "staff", course["id"], {**course, "duration": "1 year"},
                                seen=course["version"])
    assert directory.get_course(con, course["id"])["duration"] is None
