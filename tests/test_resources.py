"""The Directory's published resources and the suggestions queue."""

from __future__ import annotations

import pytest

from casson.grants import resources
from casson.grants.entries import DirectoryError
from casson.platform.errors import Stale


def _audit(con, entity: str, entity_id: int) -> list[tuple[str, str]]:
    return con.execute("SELECT actor, action FROM audit_log WHERE entity = ? AND entity_id "
                       "= ? ORDER BY id",
                       [entity, str(entity_id)]).fetchall()


def test_the_demo_holds_only_the_resources_the_trusts_text_names(con):
    df = con.execute("SELECT title, source, url FROM resources ORDER BY id").fetchall()
    assert df == [
        ("Practice resources: Leadership and Management",
         "Royal College of Occupational Therapists",
         "https://www.rcot.co.uk/"),
        ("Healthcare Leadership Model", "NHS Leadership Academy", "https://www.leadershipacademy.nhs.uk/"),
        ("Coaching and mentoring register", "NHS Leadership Academy",
         "https://www.leadershipacademy.nhs.uk/resources/coaching-register/"),
    ]


def test_staff_add_edit_and_retire_a_resource_audited(con):
    rid = resources.add_resource(con, "ruth", {"title": "Leading change", "source": "A. Author",
                                               "year": "2019", "url": "https://example.org/a",
                                               "topic": "change",
                                               "annotation": "Short and useful."})
    row = resources.get_resource(con, rid)
    assert {k: row[k] for k in resources.RESOURCE_FIELDS} == {
        "title": "Leading change", "source": "A. Author", "year": 2019, "url": "https://example.org/a",
        "topic": "change", "annotation": "Short and useful."}
    resources.update_resource(con, "ruth", rid, {**row, "year": "2020"}, seen=row["version"])
    assert resources.get_resource(con, rid)["year"] == 2020
    with pytest.raises(Stale):
        resources.update_resource(con, "ruth", rid, {**row, "year": "2021"}, seen=row["version"])
    resources.set_resource_retired(con, "ruth", rid, True)
    assert resources.get_resource(con, rid)["retired"] is True
    assert _audit(con, "resource", rid) == [("ruth", "resource.add"), ("ruth", "resource.update"),
                                            ("ruth", "resource.retire")]
    with pytest.raises(DirectoryError, match="year 'soon'"):
        resources.add_resource(con, "ruth", {"title": "X", "year": "soon"})
    with pytest.raises(DirectoryError, match="http"):
        resources.add_resource(con, "ruth", {"title": "Y", "url": "javascript:alert(1)"})


def test_text_and_topic_filters(con):
    df = con.execute("SELECT * FROM resources").df()
    shown = resources.filter_resources(df, resources.ResourceFilters(text="academy"))
    assert set(shown["title"]) == {"Healthcare Leadership Model", "Coaching and mentoring register"}
    shown = resources.filter_resources(
        df, resources.ResourceFilters(topics=("coaching and mentoring",)))
    assert list(shown["title"]) == ["Coaching and mentoring register"]
    shown = resources.filter_resources(df, resources.ResourceFilters(
        text="nine dimensions", topics=("leadership behaviours",)))
    assert list(shown["title"]) == ["Healthcare Leadership Model"]


def test_a_suggested_resource_is_accepted_into_the_directory(con):
    [sid] = [r[0] for r in con.execute("SELECT id FROM suggestions WHERE "
                                       "kind = 'resource'").fetchall()]
    rid = resources.accept(con, "ruth", sid)
    row = resources.get_resource(con, rid)
    assert (row["title"], row["source"], row["year"], row["topic"]) == (
        "CAHPR news: a mentoring scheme for leadership in research",
        "Council for Allied Health Professions Research", 2018, "research leadership")
    s = con.execute("SELECT status, decided_by, entry_id FROM suggestions WHERE id = ?",
                    [sid]).fetchone()
    assert s == ("accepted", "ruth", rid)
    with pytest.raises(DirectoryError, match="already accepted by ruth"):
        resources.decline(con, "ruth", sid)
    assert _audit(con, "suggestion", sid) == [("ruth", "suggestion.accept")]


def test_a_suggested_course_already_listed_is_refused_and_can_be_declined(con):
    [sid] = [r[0] for r in con.execute("SELECT id FROM suggestions WHERE "
                                       "kind = 'course'").fetchall()]
    courses = con.execute("SELECT count(*) FROM courses").fetchone()[0]
    with pytest.raises(DirectoryError,
                       match="already has a course called 'The Mary Seacole programme'"):
        resources.accept(con, "ruth", sid)
    assert con.execute("SELECT count(*) FROM courses").fetchone()[0] == courses
    resources.decline(con, "ruth", sid, "Already in the directory")
    assert con.execute("SELECT status FROM suggestions WHERE id = ?",
                       [sid]).fetchone() == ("declined",)
    new = resources.add_suggestion(con, "ruth", {"kind": "course", "title": "Leading teams",
                                                 "provider": "Example University",
                                                 "url": "https://example.org/c"})
    cid = resources.accept(con, "ruth", new, {"format": "online"})
    assert con.execute("SELECT provider, title, format, url FROM courses WHERE id = ?",
                       [cid]).fetchone() == (
        "Example University", "Leading teams", "online", "https://example.org/c")
