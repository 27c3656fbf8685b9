"""KPIs computed from rows, matching the published pilot to the last respondent."""

import pytest

from casson.outcomes import kpis

PILOT = {
    "cohort": "pilot-2021", "mentors": 34, "mentees": 54, "pairs": 54,
    "mentor_responses": 33, "mentee_responses": 49, "mentor_response_rate": 97.1,
    "mentee_response_rate": 90.7, "pct_would_recommend": 100.0,
    "pct_relationship_successful": 100.0, "pct_grew_confidence": 100.0,
    "pct_career_development": 100.0, "mentees_willing_to_mentor": 41,
}


def test_pilot_kpis_reproduce_the_published_figures(con):
    assert kpis.cohort_kpis(con, "pilot-2021") == PILOT


def test_kpi_keys_are_exactly_the_design_keys(con):
    assert tuple(kpis.cohort_kpis(con, "pilot-2021")) == kpis.KPI_KEYS


def test_a_cohort_without_responses_has_no_percentages(con):
    k = kpis.cohort_kpis(con, "cohort-2")
    assert k["mentor_responses"] == k["mentee_responses"] == 0
    assert k["pct_would_recommend"] is None and k["pct_grew_confidence"] is None


def test_unknown_cohort_is_refused(con):
    with pytest.raises(kpis.UnknownCohort):
        kpis.cohort_kpis(con, "no-such-cohort")


@pytest.mark.parametrize("part,whole,expected", [
    (33, 34, 97.1), (49, 54, 90.7), (1, 3, 33.3), (2, 3, 66.7), (1, 8, 12.5), (1, 16, 6.3),
    (0, 5, 0.0), (3, 0, None),
])
def test_percentages_round_half_up_to_one_decimal(part, whole, expected):
    assert kpis.pct(part, whole) == expected


def test_disagreeing_answers_lower_the_percentages(con):
    # One mentee answer moved to "disagree" (2) on every
    # question: 48 of 49 mentees, 81 of 82 overall.
    con.execute("""UPDATE survey_responses SET would_recommend = 2, relationship_successful = 2,
                   grew_confidence = 3, career_development = 1
                   WHERE id = (SELECT min(id) FROM survey_responses WHERE cohort_id = 'pilot-2021'
                   AND role = 'mentee')""")
    k = kpis.cohort_kpis(con, "pilot-2021")
    assert k["pct_would_recommend"] == 98.8  # 81 / 82
    # 48 / 49
    assert (k["pct_relationship_successful"] == k["pct_grew_confidence"]
            == k["pct_career_development"] == 98.0)


def test_mentor_answers_do_not_count_towards_mentee_measures(con):
    con.execute("UPDATE survey_responses SET relationship_successful = 1 WHERE role = 'mentor'")
    assert kpis.cohort_kpis(con, "pilot-2021")["pct_relationship_successful"] == 100.0
