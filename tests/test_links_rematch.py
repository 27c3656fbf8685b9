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
