"""Outcome figures computed from responses: each KPI, small-n suppression, cohorts without a
survey, the pipeline, themes, webinars, cohort against cohort and grants."""

from __future__ import annotations

import pandas as pd
import pytest

from casson import demo
from casson.outcomes import figures, kpis
from casson.platform import settings


def answers(*rows: tuple) -> pd.DataFrame:
    """Responses as outcomes_responses returns them: (role, recommend, relationship,
    confidence, career, willing)."""
    return pd.DataFrame(rows, columns=["role", "would_recommend", "relationship_successful",
                                       "grew_confidence", "career_development",
                                       "willing_to_mentor"])


def share(df: pd.DataFrame, question: str, group: str) -> dict:
    rows = df[(df["question"] == question) & (df["group"] == group)].to_dict("records")
    assert len(rows) == 1
    return rows[0]


MENTOR = ("mentor", 5, None, None, None, None)


def test_positive_means_agree_or_strongly_agree_and_carries_n():
    df = answers(
        ("mentee", 5, 4, 3, 2, True), ("mentee", 4, 5, 4, 1, False), ("mentee", 3, 2, 5, 5, True),
        ("mentee", 2, 4, 4, 4, True), ("mentee", 1, 5, 1, 4, False), ("mentee", 5, 1, 4, 5, True),
        *[MENTOR] * 5, ("mentor", 3, None, None, None, None),
    )
    shares = figures.positive_shares(df)
    recommend_all = share(shares, "would_recommend", "all")
    assert (recommend_all["positive"], recommend_all["n"]) == (8, 12)
    assert recommend_all["pct"] == kpis.pct(8, 12) == 66.7
    mentors = share(shares, "would_recommend", "mentor")
    assert (mentors["positive"], mentors["n"], mentors["pct"]) == (5, 6, 83.3)
    relationship = share(shares, "relationship_successful", "mentee")
    assert (relationship["positive"], relationship["n"], relationship["pct"]) == (4, 6, 66.7)
    confidence = share(shares, "grew_confidence", "mentee")
    assert (confidence["positive"], confidence["pct"]) == (4, 66.7)
    career = share(shares, "career_development", "mentee")
    assert (career["positive"], career["pct"]) == (4, 66.7)
    # Mentors are not asked the mentee questions.
    assert not ((shares["question"] == "grew_confidence") & (shares["group"] == "mentor")).any()


def test_a_blank_answer_counts_as_not_positive():
    df = answers(*[("mentee", 5, None, 5, 5, True)] * 5, ("mentee", 5, 5, 5, 5, True))
    relationship = share(figures.positive_shares(df), "relationship_successful", "mentee")
    assert (relationship["positive"], relationship["n"], relationship["pct"]) == (1, 6, 16.7)
    dist = figures.likert_distribution(df)
    blanks = dist[(dist["question"] == "relationship_successful") & (dist["answer"] == 0)]
    assert blanks["count"].tolist() == [5] and blanks["answer_label"].tolist() == ["no answer"]


def test_headline_shares_follow_the_kpi_definitions_of_the_pilot(con):
    headline = figures.headline_shares(figures.responses(con, "pilot-2021"))
    got = {r["question"]: (r["group"], r["n"], r["pct"]) for r in headline.to_dict("records")}
    assert got == {
        "would_recommend": ("all", 82, 100.0),
        "relationship_successful": ("mentee", 49, 100.0),
        "grew_confidence": ("mentee", 49, 100.0),
        "career_development": ("mentee", 49, 100.0),
    }


def test_a_group_under_five_respondents_is_suppressed_with_a_note():
    df = answers(*[MENTOR] * 4, *[("mentee", 4, 4, 4, 4, True)] * 7)
    shares = figures.positive_shares(df)
    mentors = share(shares, "would_recommend", "mentor")
    assert mentors["suppressed"] and pd.isna(mentors["pct"]) and pd.isna(mentors["positive"])
    assert mentors["n"] == 4 and "fewer than 5" in mentors["note"]
    mentees = share(shares, "would_recommend", "mentee")
    assert not mentees["suppressed"] and mentees["pct"] == 100.0
    dist = figures.likert_distribution(df)
    mentor_dist = dist[(dist["question"] == "would_recommend") & (dist["role"] == "mentor")]
    assert mentor_dist["suppressed"].all() and mentor_dist["count"].isna().all()
    assert mentor_dist["share"].isna().all() and set(mentor_dist["n"]) == {4}


def test_five_respondents_are_enough_to_show_a_percentage():
    s = figures.Share(4, 5)
    assert not s.suppressed and s.pct == 80.0 and s.text() == "80.0% (n = 5)"
    small = figures.Share(4, 4)
    assert small.suppressed and small.pct is None and small.text().startswith("suppressed: n = 4")


def test_suppression_applies_to_kpi_tiles_and_comparisons():
    k = {"cohort": "x", "mentors": 3, "mentees": 4, "pairs": 3, "mentor_responses": 1,
         "mentee_responses": 3, "mentor_response_rate": 33.3, "mentee_response_rate": 75.0,
         "pct_would_recommend": 100.0, "pct_relationship_successful": 100.0,
         "pct_grew_confidence": 66.7, "pct_career_development": 100.0,
         "mentees_willing_to_mentor": 2}
    assert figures.kpi_value(k, "pct_grew_confidence", "positive", "mentee_responses") is None
    assert "fewer than 5" in figures.kpi_text(k, "pct_grew_confidence", "positive",
                                              "mentee_responses")
    # A response rate is not an answer: it stays, with its n.
    assert figures.kpi_text(k, "mentee_response_rate", "rate", "mentees") == "75.0% (n = 3 of 4)"


def test_response_rates_of_the_pilot_carry_n(con):
    rates = figures.response_rates(kpis.cohort_kpis(con, "pilot-2021"))
    assert rates.to_dict("records") == [
        {"role": "Mentors", "responses": 33, "invited": 34, "pct": 97.1,
         "label": "97.1% (n = 33 of 34)"},
        {"role": "Mentees", "responses": 49, "invited": 54, "pct": 90.7,
         "label": "90.7% (n = 49 of 54)"},
    ]


def test_cohort_summary_matches_the_kpis_of_every_cohort(con):
    summary = figures.cohort_summary(figures.by_cohort(con))
    assert list(summary) == ["pilot-2021", "cohort-2"]  # oldest first
    for cohort, k in summary.items():
        assert k == kpis.cohort_kpis(con, cohort)


def test_a_cohort_without_survey_says_no_responses_yet(con):
    responses = figures.responses(con, "cohort-2")
    assert responses.empty
    shares = figures.positive_shares(responses)
    assert (shares["n"] == 0).all() and shares["pct"].isna().all()
    assert set(shares["note"]) == {"no responses yet"}
    dist = figures.likert_distribution(responses)
    assert (dist["n"] == 0).all() and (dist["count"] == 0).all()
    k = kpis.cohort_kpis(con, "cohort-2")
    assert not figures.surveyed(k)
    for key, _, kind, basis in figures.KPI_ROWS:
        text = figures.kpi_text(k, key, kind, basis)
        if kind != "count" or key == "mentees_willing_to_mentor":
            assert text == "no responses yet"
    assert figures.kpi_text(k, "mentees", "count", None) == "70"
    tb = figures.themes_vs_benefits(figures.participants(con, "cohort-2"))
    assert (tb["requested"].sum() > 0 and (tb["respondents"] == 0).all()
            and tb["confidence_pct"].isna().all())


def test_the_pilot_pipeline_counts_willing_mentees_who_then_mentored(con):
    pipe = figures.pipeline_frame(con).set_index("cohort")
    pilot = pipe.loc["pilot-2021"]
    assert (pilot["mentees"], pilot["mentee_responses"], pilot["willing"]) == (54, 49, 41)
    # casson.demo makes 12 of the pilot's willing mentees mentors in cohort-2.
    assert (pilot["mentored_later"], pilot["willing_and_mentored_later"]) == (12, 12)
    assert pilot["pct_willing"] == 83.7 and pilot["pct_willing_mentored_later"] == 29.3
    assert pipe.loc["cohort-2", "mentored_later"] == 0  # no later cohort yet


def _add_cohort(con, cohort: str, starts_on: str, mentors: int, mentees: int,
                responses: list[tuple]) -> None:
    """A cohort of fictional people with survey responses (role, recommend, relationship,
    confidence, career, willing); responders are the first people of each role."""
    con.execute("INSERT INTO cohorts (id, name, starts_on) VALUES (?, ?, ?)",
                [cohort, cohort, starts_on])
    people = {"mentor": [], "mentee": []}
    for role, count in (("mentor", mentors), ("mentee", mentees)):
        for i in range(count):
            email = f"{cohort}.{role}{i}@example.org"
            pid = con.execute("INSERT INTO people (full_name, email, email_key) VALUES (?, ?, "
                              "?) RETURNING id",
                              [f"Test {role} {i}", email, email]).fetchone()[0]
            con.execute("INSERT INTO participants (person_id, cohort_id, role, themes) "
                        "VALUES (?, ?, ?, ?)",
                        [pid, cohort, role, "confidence; networking" if i % 2 else "confidence"])
            people[role].append(pid)
    seen = {"mentor": 0, "mentee": 0}
    for role, *values in responses:
        pid = people[role][seen[role]]
        seen[role] += 1
        con.execute("""INSERT INTO survey_responses (cohort_id, role, person_id, would_recommend,
                       relationship_successful, grew_confidence, career_development,
                       willing_to_mentor)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", [cohort, role, pid, *values])


def test_cohort_against_cohort_gives_both_sides_with_n_and_the_delta(con):
    _add_cohort(con, "test-a", "2030-01-01", 10, 10,
                [("mentor", 5, None, None, None, None)] * 8 + [("mentee", 4, 4, 4, 2, True)] * 6
                + [("mentee", 2, 2, 2, 2, False)] * 4)
    _add_cohort(con, "test-b", "2031-01-01", 10, 20,
                [("mentor", 5, None, None, None, None)] * 10 + [("mentee", 5, 5, 5, 5, True)] * 15
                + [("mentee", 3, 3, 3, 3, False)] * 5)
    by_cohort = figures.by_cohort(con)
    assert figures.previous_cohort(by_cohort, "test-b") == "test-a"
    assert figures.previous_cohort(by_cohort, "pilot-2021") is None
    cmp = figures.compare(figures.cohort_summary(by_cohort), "test-a", "test-b").set_index("kpi")
    assert ((cmp.loc["mentees", "a"], cmp.loc["mentees", "b"], cmp.loc["mentees", "delta"])
            == (10, 20, 10))
    # test-a: 14 of 18 respondents would recommend = 77.8%; test-b: 25 of 30 = 83.3%.
    rec = cmp.loc["pct_would_recommend"]
    assert (rec["a"], rec["a_n"], rec["b"], rec["b_n"], rec["delta"]) == (77.8, 18, 83.3, 30, 5.5)
    assert rec["a_text"] == "77.8% (n = 18)" and rec["unit"] == "percentage points"
    career = cmp.loc["pct_career_development"]
    assert (career["a"], career["b"], career["delta"]) == (0.0, 75.0, 75.0)
    rate = cmp.loc["mentor_response_rate"]
    assert (rate["a_text"], rate["b_text"], rate["delta"]) == ("80.0% (n = 8 of 10)",
                                                               "100.0% (n = 10 of 10)", 20.0)
    willing = cmp.loc["mentees_willing_to_mentor"]
    assert (willing["a"], willing["b"], willing["delta"]) == (6, 15, 9)


def test_a_delta_against_a_cohort_without_survey_is_left_blank(con):
    summary = figures.cohort_summary(figures.by_cohort(con))
    cmp = figures.compare(summary, "pilot-2021", "cohort-2").set_index("kpi")
    assert cmp.loc["mentees", "delta"] == 16
    assert pd.isna(cmp.loc["pct_would_recommend", "delta"])
    assert cmp.loc["pct_would_recommend", "b_text"] == "no responses yet"


def test_themes_requested_against_benefits_reported():
    parts = pd.DataFrame({
        "role": ["mentee"] * 7 + ["mentor"],
        "themes": ["confidence; networking"] * 5 + ["networking", None, "confidence"],
        "webinars_attended": [0] * 8,
        "responded": [True, True, True, True, True, True, False, False],
        "would_recommend": [5, 5, 5, 5, 5, 5, None, None],
        "relationship_successful": [5] * 6 + [None, None],
        "grew_confidence": [5, 5, 5, 4, 2, 2, None, None],
        "career_development": [5] * 6 + [None, None],
        "willing_to_mentor": [True] * 6 + [None, None],
    })
    tb = figures.themes_vs_benefits(parts).set_index("theme")
    assert tb.loc["networking", "requested"] == 6 and tb.loc["confidence", "requested"] == 5
    assert (tb.loc["networking", "respondents"] == 6
            and tb.loc["networking", "confidence_pct"] == 66.7)
    assert tb.loc["confidence", "confidence_pct"] == 80.0
    assert list(tb.index) == ["networking", "confidence"]  # most requested first


def test_webinar_attendance_against_outcomes_in_bands():
    parts = pd.DataFrame({
        "role": ["mentee"] * 12,
        "themes": [None] * 12,
        "webinars_attended": [0] * 3 + [1, 2, 2, 1, 2] + [3, 4, 4, 3],
        "responded": [True] * 12,
        "would_recommend": [2, 2, 5] + [5, 5, 5, 4, 2] + [5, 5, 5, 5],
        "relationship_successful": [None] * 12,
        "grew_confidence": [2, 2, 5] + [5, 5, 5, 4, 2] + [5, 5, 5, 5],
        "career_development": [None] * 12,
        "willing_to_mentor": [None] * 12,
    })
    att = figures.attendance_vs_outcomes(parts).set_index(["band", "outcome"])
    assert att.loc[("1–2 webinars", "Would recommend"), "pct"] == 80.0
    assert att.loc[("1–2 webinars", "Would recommend"), "n"] == 5
    none = att.loc[("none", "Grew in confidence")]
    assert none["suppressed"] and pd.isna(none["pct"]) and none["n"] == 3
    assert att.loc[("3 or more", "Would recommend"), "suppressed"]  # n = 4
    assert figures.attendance_vs_outcomes(parts.assign(webinars_attended=0)).empty


def test_webinar_attendance_is_read_per_person_from_the_cohort_sessions(con):
    parts = figures.participants(con, "cohort-2")
    sessions = con.execute("SELECT count(*) FROM sessions WHERE "
                           "cohort_id = 'cohort-2'").fetchone()[0]
    assert (len(parts) == demo.COHORT_TWO_PARTICIPANTS
            and parts["webinars_attended"].between(0, sessions).all())
    assert parts["webinars_attended"].sum() == con.execute(
        "SELECT count(*) FROM attendance a JOIN sessions s ON s.id = a.session_id "
        "WHERE s.cohort_id = 'cohort-2'").fetchone()[0]


def test_grants_of_a_year_against_the_annual_budget(con):
    for ref, status, awarded in (("T-1", "awarded", 8000), ("T-2", "completed", 2500.5),
                                 ("T-3", "declined", None), ("T-4", "withdrawn", None),
                                 ("T-5", "in_progress", 4000)):
        con.execute("""INSERT INTO bids (reference, applicant_name, applicant_email, project_title,
                       amount_requested, amount_awarded, status, received_on, decided_on)
                       VALUES (?, 'A', 'a@example.org', 'P', 9000, ?, ?, DATE '2040-01-05', DATE
                       '2040-03-01')""",
                    [ref, awarded, status])
    settings.put(con, "annual_grant_budget_gbp", "20000")
    g = figures.grants_for_year(con, 2040)
    assert g["awarded_gbp"] == 14500.5 and g["awards"] == 3
    assert g["decisions"] == 4 and g["success_rate"] == 75.0  # withdrawn is not a decision
    assert (g["budget_gbp"] == 20000 and g["budget_used_pct"] == 72.5
            and g["budget_left_gbp"] == 5499.5)
    assert g["received"] == 5
    assert figures.gbp(g["awarded_gbp"]) == "£14,500.50" and figures.gbp(20000.0) == "£20,000"
    empty = figures.grants_for_year(con, 1990)
    assert empty["awards"] == 0 and empty["success_rate"] is None


@pytest.mark.parametrize("cohort", ["pilot-2021", "cohort-2"])
def test_every_chart_builds_for_the_demo_cohorts(con, cohort):
    from casson.outcomes import charts

    responses = figures.responses(con, cohort)
    figs = [charts.response_rates(figures.response_rates(kpis.cohort_kpis(con, cohort))),
            charts.positive(figures.positive_shares(responses)),
            charts.likert(figures.likert_distribution(responses)),
            charts.pipeline(figures.pipeline_frame(con)),
            charts.themes(figures.themes_vs_benefits(figures.participants(con, cohort)))]
    for fig in figs:
        assert fig.to_dict()["data"]
