"""The demo data: the seed texts' facts and the published pilot, fictional people only."""

from decimal import Decimal

from casson import demo


def test_demo_load_is_deterministic(con, empty_con):
    demo.load(empty_con)
    query = "SELECT full_name, email, region FROM people ORDER BY id"
    assert con.execute(query).fetchall() == empty_con.execute(query).fetchall()


def test_people_are_fictional_with_example_org_emails(con):
    domains = {r[0] for r in con.execute("SELECT DISTINCT split_part(email, "
                                         "'@', 2) FROM people").fetchall()}
    assert domains == {"example.org"}
    assert con.execute("SELECT count(*) FROM bids WHERE applicant_email NOT LIKE "
                       "'%@example.org'").fetchone()[0] == 0


def test_the_edward_jenner_programme_is_free_and_online(con):
    row = con.execute("SELECT provider, format, is_free FROM courses WHERE title = 'The Edward "
                      "Jenner programme'").fetchone()
    assert row == ("NHS Leadership Academy", "online", True)


def test_the_kings_fund_courses_cost_from_999_plus_vat(con):
    cost, note, location = con.execute(
        "SELECT cost_from, cost_note, location FROM courses WHERE provider = "
        "'The King''s Fund'").fetchone()
    assert cost == Decimal("999.00") and "VAT" in note and location == "London"


def test_every_course_and_coach_of_the_seed_text_is_listed(con):
    providers = {r[0] for r in con.execute("SELECT provider FROM courses").fetchall()}
    for expected in ("The King's Fund", "The Health Foundation", "NHS Leadership Academy",
                     "Imperial College Business School", "University of Glasgow",
                     "University of Cumbria", "University College London"):
        assert expected in providers
    assert con.execute("SELECT count(*) FROM courses").fetchone()[0] == 15
    coaches = {r[0] for r in con.execute("SELECT name FROM coaches").fetchall()}
    assert {"Jen Gash", "Lynne Goodacre PhD", "Naomi Hankinson"} <= coaches
    fee = con.execute("SELECT fee_from FROM coaches WHERE name = 'Naomi Hankinson'").fetchone()[0]
    assert fee == Decimal("50.00")


def test_the_five_webinars_have_their_dates(con):
    rows = con.execute("SELECT title, strftime(starts_at, '%Y-%m-%d %H:%M') FROM sessions "
                       "ORDER BY starts_at").fetchall()
    assert rows == [
        ("Reflective Learning", "2021-11-29 13:00"),
        ("Storytelling", "2021-12-13 13:00"),
        ("Confidence and Personal Power", "2022-01-25 13:00"),
        ("Personal Community", "2022-02-28 13:00"),
        ("Difficult Conversations", "2022-03-28 13:00"),
    ]


def test_the_case_study_reports_a_15_percent_shorter_stay(con):
    row = con.execute("SELECT organisation, outcome FROM case_studies WHERE people = "
                      "'Therese Lebedis'").fetchone()
    assert row[0] == "NHS Grampian" and "15% reduction in the median length of stay" in row[1]


def test_pilot_pairs_all_completed_within_the_pilot_dates(con):
    rows = con.execute("SELECT status, min(started_on), max(ended_on), count(*) FROM pairs "
                       "WHERE cohort_id = 'pilot-2021' GROUP BY status").fetchall()
    assert [(r[0], str(r[1]), str(r[2]), r[3]) for r in rows] == [("completed", "2021-03-01",
                                                                   "2021-06-30", 54)]


def test_pilot_likert_answers_spread_over_agree_and_strongly_agree(con):
    values = {r[0] for r in con.execute(
        "SELECT DISTINCT unnest([would_recommend, relationship_successful, grew_confidence, "
        "career_development]) "
        "FROM survey_responses WHERE cohort_id = 'pilot-2021'").fetchall()} - {None}
    assert values == {4, 5}


def test_cohort_two_has_unmatched_mentees_and_spare_mentor_places(con):
    unmatched = con.execute("""
        SELECT count(*) FROM participants p WHERE p.cohort_id = 'cohort-2' AND p.role = 'mentee'
        AND NOT EXISTS (SELECT 1 FROM pairs x WHERE x.mentee_id = p.id AND x.status =
        'active')""").fetchone()[0]
    spare = con.execute("""
        SELECT sum(p.capacity - (SELECT count(*) FROM pairs x WHERE x.mentor_id = p.id AND x.status
        = 'active'))
        FROM participants p WHERE p.cohort_id = 'cohort-2' AND p.role = 'mentor'""").fetchone()[0]
    assert unmatched >= 10 and spare >= unmatched


def test_some_pilot_mentees_came_back_as_mentors(con):
    returning = con.execute("""
        SELECT count(*) FROM participants a JOIN participants b ON a.person_id = b.person_id
        WHERE a.cohort_id = 'pilot-2021' AND a.role = 'mentee' AND b.cohort_id = 'cohort-2' AND
        b.role = 'mentor'""").fetchone()[0]
    assert returning == 12


def test_about_thirty_bids_across_every_status_and_both_funds(con):
    assert con.execute("SELECT count(*) FROM bids").fetchone()[0] == demo.BIDS
    statuses = {r[0] for r in con.execute("SELECT DISTINCT status FROM bids").fetchall()}
    assert statuses == {"received", "shortlisted", "awarded", "declined", "withdrawn",
                        "in_progress", "completed"}
    funds = {r[0] for r in con.execute("SELECT DISTINCT fund FROM bids").fetchall()}
    assert funds == {"leadership", "cpd"}
    assert con.execute("SELECT max(amount_requested) FROM bids WHERE "
                       "fund = 'leadership'").fetchone()[0] == Decimal("10000.00")


def test_the_demo_figures_other_tests_use_are_what_the_demo_builds(con):
    from casson.grants import bids

    assert con.execute("SELECT count(*) FROM participants WHERE cohort_id = 'cohort-2'"
                       ).fetchone()[0] == demo.COHORT_TWO_PARTICIPANTS
    assert con.execute("SELECT count(*) FROM participants WHERE cohort_id = 'cohort-2' "
                       "AND role = 'mentee'").fetchone()[0] == demo.COHORT_TWO["mentees"]
    assert con.execute("SELECT count(*) FROM pairs WHERE cohort_id = 'cohort-2'"
                       ).fetchone()[0] == demo.COHORT_TWO["paired"]
    rate, _, _ = bids.success_rate(con.execute("SELECT status FROM bids").df())
    assert f"{rate:.1f}%" == demo.BID_SUCCESS_RATE
