"""Every queries/grants/*.sql holds one statement and runs against the demo database
(tests/test_queries.py covers the top-level folder)."""

import pytest

from casson import queries
from casson.config import QUERIES_DIR

NAMES = sorted(f"grants/{p.stem}" for p in (QUERIES_DIR / "grants").glob("*.sql"))
SAMPLE = {
    "round_id": "query-test", "round_title": "Test round", "actor": "test", "bid_id": 1,
    "bid_reference": "LP-TEST-1", "reviewer": "query.test", "conflict": False,
    "conflict_reason": None, "review_scores": '{"feasibility": 3}', "review_weighted": 3,
    "review_recommendation": "maybe", "review_comment": None, "version": 1, "payment_id": 0,
    "payment_amount": 100, "payment_due_on": "2026-01-01", "payment_paid_on": None,
    "report_id": 1, "report_kind": "interim", "report_due_on": "2026-01-01",
    "report_received_on": "2026-01-02", "report_outcome": "An outcome", "as_of": "2026-12-01",
}


def test_there_are_grant_queries():
    assert "grants/panel" in NAMES and "grants/my_reviews" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_grant_query_runs_against_the_demo_database(con, name):
    text = queries.sql(name)
    body = "\n".join(line.split("--", 1)[0] for line in text.splitlines()).strip().rstrip(";")
    assert ";" not in body, f"{name}.sql must hold exactly one statement"
    params = {p: SAMPLE[p] for p in queries.parameters(name)}
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(text, params)
    finally:
        con.execute("ROLLBACK")
