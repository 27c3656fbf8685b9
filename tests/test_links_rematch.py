"""Rematch and exclusions: a pair ended as not a good fit is never proposed again."""

from __future__ import annotations

from casson.mentoring import matching, pairs, rematch
from casson.mentoring.matching import Person, Weights


def test_matching_never_proposes_an_excluded_pair_even_when_it_would_score_best():
    mentor = Person(
        10,
        100,
        "m@example.org",
        themes=frozenset({"confidence", "storytelling"}),
        career_stage="senior",
    )
    best = Person(
        20,
        200,
        "a@example.org",
        themes=frozenset({"confidence", "storytelling"}),
        career_stage="early career",
    )
    other = Person(30, 300, "b@example.org", themes=frozenset(), career_stage="senior")
    w = Weights()
    free = matching.plan("c", [mentor], [best, other], [], w)
    assert [(s.mentor.id, s.mentee.id) for s in free.pairs] == [(10, 20)]  # it prefers them
    barred = matching.plan("c", [mentor], [best, other], [], w, excluded={(100, 200)})
    assert [(s.mentor.id, s.mentee.id) for s in barred.pairs] == [(10, 30)]
    assert [p.id for p in barred.unmatched] == [20]


def test_a_pair_ended_as_not_a_good_fit_records_an_exclusion_that_matching_obeys(con):
    pair_id, mentor_id, mentee_id, mentor_person, mentee_person = con.execute(
        "SELECT pr.id, pr.mentor_id, pr.mentee_id, a.person_id, b.person_id FROM pairs pr "
        "JOIN participants a ON a.id = pr.mentor_id JOIN participants b ON b.id = pr.mentee_id "
        "WHERE pr.cohort_id = 'cohort-2' AND pr.status = 'active' ORDER BY pr.id LIMIT 1"
    ).fetchone()
    pairs.end(con, "staff", pair_id, None, "ended_early", "Not a good fit after two meetings")
    assert con.execute(
        "SELECT mentor_person_id, mentee_person_id, pair_id, reason, created_by "
        "FROM match_exclusions"
    ).fetchall() == [
        (mentor_person, mentee_person, pair_id, "Not a good fit after two meetings", "staff")
    ]
    assert rematch.excluded_people(con) == {(mentor_person, mentee_person)}
    proposal = matching.propose(con, "cohort-2")
    assert (mentor_id, mentee_id) not in {(s.mentor.id, s.mentee.id) for s in proposal.pairs}
    assert (
        con.execute("SELECT count(*) FROM audit_log WHERE action = 'pair.exclude'").fetchone()[0]
        == 1
    )


def test_a_pair_ended_for_another_reason_records_no_exclusion(con):
    pair_id = con.execute(
        "SELECT id FROM pairs WHERE cohort_id = 'cohort-2' AND status = "
        "'active' ORDER BY id LIMIT 1"
    ).fetchone()[0]
    pairs.end(con, "staff", pair_id, None, "ended_early", "Mentee moved abroad")
    assert con.execute("SELECT count(*) FROM match_exclusions").fetchone()[0] == 0


def test_staff_enter_a_poor_fit_check_in_asking_for_a_new_match(con):
    import datetime as dt

    import pytest

    from casson.mentoring import attention, checkins

    pair_id, mentee_id = con.execute(
        "SELECT id, mentee_id FROM pairs WHERE cohort_id = 'cohort-2' AND status = 'active' "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    with pytest.raises(checkins.CheckinError, match="poor"):
        checkins.record(
            con, "staff", "cohort-2", mentee_id, "unsure", 3, rematch_reason="asked on the phone"
        )
    assert (
        con.execute(
            "SELECT count(*) FROM checkins WHERE participant_id = ? AND fit = 'unsure'", [mentee_id]
        ).fetchone()[0]
        == 0
    )
    checkins.record(
        con,
        "staff",
        "cohort-2",
        mentee_id,
        "poor",
        2,
        "No chemistry",
        dt.datetime(2022, 1, 10, 9),
        rematch_reason="No chemistry",
    )
    assert con.execute(
        "SELECT participant_id, pair_id, reason, source FROM rematch_requests"
    ).fetchall() == [(mentee_id, pair_id, "No chemistry", "staff")]
    item = next(
        i for i in attention.items(con, "cohort-2", dt.date(2022, 1, 20)) if i.pair_id == pair_id
    )
    assert "the mentee asked for a new match: No chemistry" in item.reasons
    rematch.close(con, "staff", con.execute("SELECT id FROM rematch_requests").fetchone()[0])
    assert not [
        i for i in attention.items(con, "cohort-2", dt.date(2022, 1, 20)) if "rematch" in i.codes
    ]


def test_staff_see_and_close_a_request_for_a_new_match_on_needs_attention(app_env):
    from casson.mentoring import checkins
    from casson.platform import db
    from tests.conftest import open_tab, signed_in_app
    from ui import pair_forms

    con = db.connect(app_env)
    mentee_id = con.execute(
        "SELECT mentee_id FROM pairs WHERE cohort_id = 'cohort-2' AND "
        "status = 'active' ORDER BY id LIMIT 1"
    ).fetchone()[0]
    checkins.record(con, "staff", "cohort-2", mentee_id, "poor", 1, rematch_reason="We clash")
    request_id = con.execute("SELECT id FROM rematch_requests").fetchone()[0]
    con.close()
    at = signed_in_app("staff", "views/pairs.py").run()
    at.selectbox(key="pairs_cohort").select("cohort-2").run()
    at = open_tab(at, pair_forms.TAB_KEY, "Needs attention")
    assert any("Requests for a new match (1)" in m.value for m in at.markdown)
    at.selectbox(key="pairs_rematch_request").select(request_id).run()
    at.button(key="pairs_rematch_close").click().run()
    assert not at.exception
    con = db.connect(app_env)
    try:
        assert con.execute("SELECT closed_by FROM rematch_requests").fetchall() == [("staff",)]
    finally:
        con.close()
