"""Cohort editing and its status: planned → recruiting → matching → running → closed."""

import datetime as dt

import pytest

from casson.mentoring import cohorts


def test_edit_name_dates_and_status_with_an_audit_row(con):
    cohorts.add(con, "cohort-3", "Cohort 3", actor="staff")
    assert cohorts.term(con, "cohort-3")["status"] == "planned"
    after = cohorts.update(con, "staff", "cohort-3", " Cohort 3 (2023) ", dt.date(2023, 1, 9),
                           dt.date(2023, 6, 30), "recruiting")
    assert (after["name"], after["starts_on"], after["ends_on"], after["status"]) == (
        "Cohort 3 (2023)", dt.date(2023, 1, 9), dt.date(2023, 6, 30), "recruiting")
    detail = con.execute("SELECT actor, detail->>'$.before.status', detail->>'$.after.status' FROM "
                         "audit_log WHERE action = 'cohort.update'").fetchall()
    assert detail == [("staff", "planned", "recruiting")]


def test_status_moves_forward_or_back_one_step_only():
    cohorts.check_status_move("planned", "running")      # a late set-up may skip steps
    cohorts.check_status_move("running", "matching")     # a slip corrected
    with pytest.raises(cohorts.CohortError, match="back one step at most"):
        cohorts.check_status_move("closed", "recruiting")
    with pytest.raises(cohorts.CohortError, match="one of planned"):
        cohorts.check_status_move("planned", "finished")


def test_dates_running_backwards_and_unknown_cohorts_are_refused(con):
    with pytest.raises(cohorts.CohortError, match="end before it starts"):
        cohorts.update(con, "staff", "cohort-2", "C2", dt.date(2022, 1, 2), dt.date(2022, 1, 1),
                       "running")
    with pytest.raises(cohorts.CohortError, match="no cohort"):
        cohorts.update(con, "staff", "nope", "N", None, None, "planned")
    assert cohorts.term(con, "cohort-2")["name"] == "Cohort 2 (2021-22)"
