"""The Cohorts page in AppTest: figures per cohort, adding a webinar, ticking attendance."""

import datetime as dt

import pytest
from conftest import signed_in_app

from ui import safe

PAGE = "views/cohorts.py"


@pytest.fixture
def cohorts_page(app_env):
    at = signed_in_app("staff", PAGE).run()
    assert not at.exception
    at.selectbox(key="cohorts_cohort").select("cohort-2").run()
    return at


def _query(sql, params=()):
    from ui import data
    with data.cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


def test_each_cohort_shows_its_figures(cohorts_page):
    table = cohorts_page.dataframe[0].value.set_index("id")
    two = table.loc["cohort-2"]
    assert (two["mentors"], two["mentees"], two["matched"], two["unmatched"], two["webinars"]) == (
        40, 70, 50, 20, 5)
    assert two["places"] == _query("SELECT sum(capacity) FROM participants WHERE cohort_id = "
                                   "'cohort-2' AND role = 'mentor'")[0][0]
    assert two["status"] == "running" and table.loc["pilot-2021"]["status"] == "closed"


def test_add_a_webinar_then_tick_attendance(cohorts_page):
    at = cohorts_page
    at.text_input(key="cohorts_new_title").input("Leading change")
    at.date_input(key="cohorts_new_day").set_value(dt.date(2022, 4, 11))
    at.text_input(key="cohorts_new_url").input("https://teams.example.org/lc")
    at.button(key="cohorts_new_submit").click().run()
    assert not at.exception
    # shown as inert text: the colon of "13:00" is escaped so Markdown cannot read an :icon:
    assert at.success[0].value == safe.text("Added the webinar Leading change on 11 "
                                            "Apr 2022 at 13:00.")
    sid, start, end, url = _query("SELECT id, starts_at, ends_at, join_url FROM sessions "
                                  "WHERE title = 'Leading change'")[0]
    assert (start, end, url) == (dt.datetime(2022, 4, 11, 13), dt.datetime(2022, 4, 11, 14),
                                 "https://teams.example.org/lc")
    at.selectbox(key="cohorts_session").set_value(sid).run()
    people = [r[0] for r in _query("SELECT DISTINCT person_id FROM participants WHERE cohort_id "
                                   "= 'cohort-2' ORDER BY person_id LIMIT 2")]
    at.multiselect(key=f"cohorts_att{sid}_people").set_value(people)
    at.button(key=f"cohorts_att{sid}_submit").click().run()
    assert at.success[0].value == "Attendance saved: 2 attended (2 ticked, 0 unticked)."
    assert _query("SELECT person_id FROM attendance WHERE session_id = ? ORDER BY person_id",
                  [sid]) == [(p,) for p in people]
    at.multiselect(key=f"cohorts_att{sid}_people").set_value(people[:1])
    at.button(key=f"cohorts_att{sid}_submit").click().run()
    assert at.success[0].value == "Attendance saved: 1 attended (0 ticked, 1 unticked)."
    assert _query("SELECT person_id FROM attendance WHERE session_id = ?", [sid]) == [(people[0],)]


def test_a_webinar_ending_before_it_starts_is_refused(cohorts_page):
    at = cohorts_page
    at.text_input(key="cohorts_new_title").input("Backwards")
    at.date_input(key="cohorts_new_day").set_value(dt.date(2022, 4, 11))
    at.time_input(key="cohorts_new_end").set_value(dt.time(12, 0))
    at.button(key="cohorts_new_submit").click().run()
    assert "before it starts" in at.error[0].value
    assert _query("SELECT count(*) FROM sessions WHERE title = 'Backwards'") == [(0,)]


def test_create_a_cohort_then_move_it_to_recruiting(cohorts_page):
    at = cohorts_page
    at.text_input(key="cohorts_add_id").input("cohort-3")
    at.text_input(key="cohorts_add_name").input("Cohort 3 (2023)")
    at.date_input(key="cohorts_add_starts").set_value(dt.date(2023, 1, 9))
    at.button(key="cohorts_add_submit").click().run()
    assert not at.exception
    assert at.success[0].value == "Created the cohort Cohort 3 (2023), planned."
    assert at.selectbox(key="cohorts_cohort").value == "cohort-3"
    at.radio(key="cohorts_edit_cohort-3_status").set_value("recruiting")
    at.date_input(key="cohorts_edit_cohort-3_ends").set_value(dt.date(2023, 6, 30))
    at.button(key="cohorts_edit_cohort-3_submit").click().run()
    assert at.success[0].value == "Saved the cohort Cohort 3 (2023) (recruiting)."
    assert _query("SELECT name, starts_on, ends_on, status FROM cohorts WHERE id = 'cohort-3'") == [
        ("Cohort 3 (2023)", dt.date(2023, 1, 9), dt.date(2023, 6, 30), "recruiting")]
    at.radio(key="cohorts_edit_cohort-3_status").set_value("closed")
    at.button(key="cohorts_edit_cohort-3_submit").click().run()
    at.radio(key="cohorts_edit_cohort-3_status").set_value("planned")
    at.button(key="cohorts_edit_cohort-3_submit").click().run()
    assert "back one step at most" in at.error[0].value
