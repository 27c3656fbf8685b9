"""Every queries/*.sql holds one statement and runs against the demo database."""

import pytest

from casson.platform import queries

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
    # imports (issue 5)
    "import_kind": "mentees", "import_file": "test.csv", "file_hash": "0" * 64, "rows_total": 1,
    "rows_new": 1, "rows_updated": 0, "rows_unchanged": 0, "rows_error": 0,
    "import_status": "dry_run", "cohort_name": "Test cohort", "starts_on": None, "ends_on": None,
    "year": 2026,  # outcomes: grants decided in a year (issue 4)
    # leadership: bids, directory, case studies (issue 6)
    "bid_id": 1, "bid_version": 1, "bid_status": "received", "bid_from_status": "received",
    "bid_awarded": None, "bid_notes": "note", "bid_report": False, "bid_decided_on": None,
    "bid_reason": "test", "bid_before": None, "bid_after": '{"status": "received"}',
    "bid_reference": "LP-TEST-1", "bid_applicant_name": "Test Applicant",
    "bid_applicant_email": "test.applicant@example.org", "bid_employer": None,
    "bid_region": "Wales", "bid_title": "Test project", "bid_fund": "leadership",
    "bid_requested": 5000, "bid_received_on": "2024-01-10",
    "course_id": 1, "course_provider": "Test provider", "course_title": "Test course",
    "course_format": "online", "course_level": "module", "course_duration": None,
    "course_cost_from": 100, "course_cost_note": None, "course_is_free": False,
    "course_location": None, "course_url": "https://example.org", "course_summary": None,
    "course_retired": False,
    "coach_id": 1, "coach_name": "Test coach", "coach_organisation": None, "coach_kind": "general",
    "coach_offers": "coaching", "coach_fee_from": None, "coach_fee_note": None,
    "coach_website": None, "coach_notes": None, "coach_retired": False,
    "case_id": 1, "case_title": "Test case", "case_programme": "leadership", "case_people": None,
    "case_organisation": None, "case_summary": None, "case_outcome": "An outcome",
    "case_bid_id": None, "case_cohort_id": "pilot-2021", "case_url": None,
    # mentoring pairs (issue 3)
    "pair_id": 999999, "participant_id": 1, "mentor_id": 1, "mentee_id": 2, "status": "proposed",
    "match_score": 1.5, "matched_by": "manual", "locked": False, "started_on": None,
    "ended_on": None, "end_reason": None, "version": 1, "before_state": None,
    "after_state": '{"status": "proposed"}', "reason": "test", "change_id": 1,
    "audit_user": "admin", "audit_since": "2020-01-01", "audit_until": "2030-12-31",  # accounts
    # erasure and retention (issue 15)
    "erase_email": "nobody@example.org", "erase_person_id": 999999, "erase_bid_id": 999999,
    "erase_name": "Erased person 999999", "erase_anon_email": "erased-999999@erased.invalid",
    "erase_domain": "erased.invalid", "retention_cutoff": "2000-01-01",
    # running a cohort (issue 11)
    "as_of": "2022-01-20", "met_on": "2022-01-10", "minutes": 45, "format": "video",
    "note": "note", "source": "staff", "fit": "good", "rating": 4,
    "comment": None, "submitted_at": "2022-01-10 10:00", "session_id": 1, "person_id": 1,
    "title": "Test webinar", "starts_at": "2022-02-01 13:00", "ends_at": "2022-02-01 14:00",
    "join_url": "https://example.org/join", "cohort_status": "running",
    "low_rating": 2, "checkin_due": True, "meeting_due_by": "2021-12-30",
    # intake and email (issue 17)
    "cohort_id": "cohort-2", "interest_id": 1, "full_name": "Test Person",
    "email": "test@example.org",
    "email_key": "test@example.org", "region": "Wales", "role_wanted": "mentor",
    "cohort_wanted": "future", "consent": True, "registered_on": "2022-05-03",
    "joined_cohort": None,
    "from_cohort": None, "notes": None, "to_cohort": "cohort-2", "template": "checkin",
    "template_name": "checkin", "subject": "Test subject", "body": "Test body",
    "recipient": "test@example.org",
    "error": None, "message_key": "checkin:cohort-2:round:test@example.org", "eml_file": None,
    "resource_id": 1, "resource_title": "Test resource", "resource_source": None,
    "resource_year": 2020,
    "resource_url": None, "resource_topic": None, "resource_annotation": None,
    "resource_retired": False,
    "suggestion_id": 1, "kind": "resource", "provider": None, "url": None, "topic": None,
    "suggested_by": None, "entry_id": None, "mail_status": "written", "interest_status": "new",
    "suggestion_status": "declined", "enrol_cohort": "cohort-test",
    # the importer's own statements (queries/import/, issue 10)
    "role": "mentee", "import_id": 1,
    "mapping_id": 1, "mapping_kind": "mentees", "mapping_signature": "0" * 64,
    "mapping_headers": '["Name"]', "mapping_json": '{"Name": "full_name"}',
    # grant review and grant management (queries/grants/, issue 14)
    # decision letters and blind review (issue 28)
    "letter_conditions": None, "letter_feedback": "Clear aims.", "letter_share": True,
    "letter_information": None, "blind": True,
    "round_id": "query-test", "round_title": "Test round", "reviewer": "query.test",
    "conflict": False, "conflict_reason": None, "review_scores": '{"feasibility": 3}',
    "review_weighted": 3, "review_recommendation": "maybe", "review_comment": None,
    "payment_id": 0, "payment_amount": 100, "payment_due_on": "2026-01-01",
    "payment_paid_on": None, "report_id": 1, "report_kind": "interim",
    "report_due_on": "2026-01-01", "report_received_on": "2026-01-02",
    "report_outcome": "An outcome",
    # personal links, rematch requests and reminders (issue 24)
    "link_id": 1, "nonce": "query-test-nonce", "purpose": "checkin", "max_uses": 1,
    "expires_at": "2030-01-01 00:00", "request_id": 1, "employer": None, "specialty": None,
    "due_on": "2022-01-30", "about": "cohort-2",
    # subject access requests (queries/protection/sar_*, issue 27)
    "sar_matched": True, "sar_received_on": "2026-01-31", "sar_due_on": "2026-02-28",
    "sar_sent_on": "2026-02-01", "sar_rows": 3, "sar_id": 999999,
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
        for frame, columns in queries.frames(name).items():  # DataFrames it reads, empty here
            con.execute(f"CREATE TEMP TABLE {frame} ({columns})")
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
        queries.df(con, "outcomes/cohort_counts")


def test_one_required_returns_the_row_of_an_aggregate(con):
    row = queries.one_required(con, "mentoring/pairs_mentor_load", mentor_id=-1, pair_id=-1)
    assert row == {"used": 0}


def test_one_required_names_the_query_when_there_is_no_row(con):
    with pytest.raises(LookupError, match="'mentoring/cohort_exists' returned no row"):
        queries.one_required(con, "mentoring/cohort_exists", cohort="no-such-cohort")
    assert queries.one(con, "mentoring/cohort_exists", cohort="no-such-cohort") is None
