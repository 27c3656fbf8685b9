"""Every queries/*.sql holds one statement and runs against the demo database."""

import pytest

from casson import queries

# A sample value for every $parameter any query uses. A new parameter name needs a line here.
SAMPLE_PARAMS = {
    "cohort": "pilot-2021",
    "limit": 10,
    "actor": "test",
    "action": "test.action",
    "entity": "test",
    "entity_id": "1",
    "detail": '{"k": 1}',
    "key": "annual_grant_budget_gbp",
    "value": "60000",
}


def test_every_query_parameter_has_a_sample_value():
    missing = {p for name in queries.names() for p in queries.parameters(name)} - set(SAMPLE_PARAMS)
    assert not missing, f"add sample values to SAMPLE_PARAMS in tests/test_queries.py: {missing}"


@pytest.mark.parametrize("name", queries.names())
def test_query_runs_against_the_demo_database(con, name):
    text = queries.sql(name)
    body = "\n".join(line.split("--", 1)[0] for line in text.splitlines()).strip().rstrip(";")
    assert ";" not in body, f"{name}.sql must hold exactly one statement"
    params = {p: SAMPLE_PARAMS[p] for p in queries.parameters(name)}
    con.execute("BEGIN TRANSACTION")
    try:
        cur = con.execute(text, params)
        if cur.description:
            cur.fetchall()
    finally:
        con.execute("ROLLBACK")


def test_unknown_query_name_is_an_error():
    with pytest.raises(KeyError):
        queries.sql("no_such_query")


def test_missing_parameter_is_reported_by_name(con):
    with pytest.raises(TypeError, match="cohort"):
        queries.df(con, "cohort_kpi_counts")
