"""The schema: numbered migrations and the constraints DESIGN.md asks for."""

import duckdb
import pytest

from casson.platform import db

REQUIRED_TABLES = {
    "cohorts", "people", "participants", "pairs", "pair_events", "survey_responses",
    "sessions", "attendance", "coaches", "courses", "bids", "case_studies", "imports",
    "audit_log", "settings", "schema_version",
}


def test_every_table_of_the_design_exists(empty_con):
    assert set(db.table_names(empty_con)) >= REQUIRED_TABLES


def test_schema_version_records_each_migration_once(empty_con):
    versions = [r[0] for r in empty_con.execute("SELECT version FROM "
                                                "schema_version ORDER BY 1").fetchall()]
    assert versions == [v for v, _, _ in db.migrations()]
    assert db.migrate(empty_con) == []  # re-running applies nothing


def _person(con, email, name="Test Person"):
    con.execute("INSERT INTO people (full_name, email, email_key) VALUES (?, ?, lower(trim(?)))",
                [name, email, email])


def test_email_is_unique_whatever_its_case(empty_con):
    _person(empty_con, "Ann.Smith@example.org")
    with pytest.raises(duckdb.ConstraintException):
        _person(empty_con, "ann.smith@EXAMPLE.org")


def test_email_key_must_be_the_lower_cased_email(empty_con):
    with pytest.raises(duckdb.ConstraintException):
        empty_con.execute("INSERT INTO people (full_name, email, email_key) VALUES ('X', "
                          "'A@example.org', 'b@example.org')")


def _bid(con, ref, fund, requested, awarded=None, status="received"):
    con.execute(
        "INSERT INTO bids (reference, applicant_name, applicant_email, project_title, fund,"
        " amount_requested, amount_awarded, status) VALUES (?, 'A', 'a@example.org', "
        "'P', ?, ?, ?, ?)",
        [ref, fund, requested, awarded, status],
    )


def test_leadership_bids_are_capped_at_ten_thousand_pounds(empty_con):
    _bid(empty_con, "LP-1", "leadership", 10000, 10000, "awarded")
    with pytest.raises(duckdb.ConstraintException):
        _bid(empty_con, "LP-2", "leadership", 10000.01)
    with pytest.raises(duckdb.ConstraintException):
        _bid(empty_con, "LP-3", "leadership", 9000, 10500, "awarded")
    _bid(empty_con, "CPD-1", "cpd", 12000)  # the cap is the leadership fund's


@pytest.mark.parametrize("table,column,bad", [
    ("bids", "status", "approved"),
    ("bids", "fund", "capital"),
])
def test_bid_vocabularies_are_enforced(empty_con, table, column, bad):
    with pytest.raises(duckdb.ConstraintException):
        _bid(empty_con, "X-1", bad if column == "fund" else "leadership", 100,
             status=bad if column == "status" else "received")


def test_pair_status_and_participant_role_are_enforced(empty_con):
    empty_con.execute("INSERT INTO cohorts (id, name) VALUES ('c', 'C')")
    with pytest.raises(duckdb.ConstraintException):
        empty_con.execute("INSERT INTO participants (person_id, cohort_id, role) VALUES "
                          "(1, 'c', 'coach')")
    with pytest.raises(duckdb.ConstraintException):
        empty_con.execute("INSERT INTO pairs (cohort_id, mentor_id, mentee_id, status) VALUES "
                          "('c', 1, 2, 'paused')")
    with pytest.raises(duckdb.ConstraintException):
        empty_con.execute("INSERT INTO pairs (cohort_id, mentor_id, mentee_id) VALUES ('c', 1, 1)")


def test_mentor_capacity_is_at_least_one(empty_con):
    with pytest.raises(duckdb.ConstraintException):
        empty_con.execute("INSERT INTO participants (person_id, cohort_id, role, capacity) VALUES "
                          "(1, 'c', 'mentor', 0)")


def test_region_must_be_a_uk_nation_or_english_region(empty_con):
    with pytest.raises(duckdb.ConstraintException):
        empty_con.execute("INSERT INTO people (full_name, email, email_key, region) VALUES ('A', "
                          "'a@example.org', 'a@example.org', 'Narnia')")


def test_a_failed_transaction_leaves_nothing_behind(empty_con):
    def work(cur):
        cur.execute("INSERT INTO cohorts (id, name) VALUES ('half', 'Half written')")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        db.write(empty_con, work)
    assert empty_con.execute("SELECT count(*) FROM cohorts").fetchone()[0] == 0
