"""Suggested matching: scores with reasons, and property tests of the optimal assignment."""

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casson.mentoring import matching, pairs
from casson.mentoring.matching import Existing, Person, Weights
from casson.platform.vocab import CAREER_STAGES, REGIONS

THEMES = ("confidence", "storytelling", "research", "networking")
SPECIALTIES = ("paediatrics", "mental health")


# -- scores and reasons ---------------------------------------------------------------------

def test_reasons_name_shared_themes_career_distance_and_region():
    mentor = Person(1, 1, "m@example.org", region="Wales", career_stage="senior",
                    themes=frozenset({"confidence", "storytelling", "research"}))
    mentee = Person(2, 2, "e@example.org", region="Wales", career_stage="early career",
                    themes=frozenset({"storytelling", "confidence"}))
    value, reasons = matching.score(mentor, mentee, Weights(themes=2, stage=1.5, region=1))
    assert reasons == "shares confidence, storytelling; two career stages further on; same region"
    assert value == pytest.approx(2 * 2 + 1.5 + 1)


def test_region_preference_different_rewards_another_region():
    mentor = Person(1, 1, "m@example.org", region="Wales")
    near = Person(2, 2, "a@example.org", region="Wales")
    far = Person(3, 3, "b@example.org", region="London")
    w = Weights(region=3, region_pref="different")
    assert matching.score(mentor, near, w)[0] == 0
    assert matching.score(mentor, far, w) == (3, "different region (Wales)")


def test_a_mentor_not_further_on_earns_nothing_for_career_stage():
    mentor = Person(1, 1, "m@example.org", career_stage="early career")
    mentee = Person(2, 2, "e@example.org", career_stage="mid career")
    assert matching.score(mentor, mentee, Weights())[0] == 0


def test_the_vectorised_matrix_agrees_with_the_pair_score():
    rng = np.random.default_rng(1)
    people = [Person(i, i, f"p{i}@example.org", region=REGIONS[rng.integers(3)],
                     career_stage=CAREER_STAGES[rng.integers(5)],
                     specialty=SPECIALTIES[rng.integers(2)],
                     themes=frozenset(t for t in THEMES if rng.random() < 0.5)) for i in range(12)]
    mentors, mentees = people[:5], people[5:]
    w = Weights(themes=1.5, stage=2, region=0.5, specialty=1, region_pref="different")
    m = matching.score_matrix(mentors, mentees, w)
    for r, e in enumerate(mentees):
        for c, t in enumerate(mentors):
            assert m[r, c] == pytest.approx(matching.score(t, e, w)[0])


# -- property tests -------------------------------------------------------------------------

def people_strategy(role_offset: int, n: tuple[int, int], capacity: bool):
    person = st.builds(
        dict,
        region=st.sampled_from((None, *REGIONS[:3])),
        career_stage=st.sampled_from((None, *CAREER_STAGES)),
        specialty=st.sampled_from((None, *SPECIALTIES)),
        themes=st.frozensets(st.sampled_from(THEMES), max_size=3),
        capacity=st.integers(1, 3) if capacity else st.just(1),
    )
    return st.lists(person, min_size=n[0], max_size=n[1]).map(
        lambda rows: [Person(id=role_offset + i, person_id=role_offset + i,
                             email=f"p{role_offset + i}@example.org", name=f"P{role_offset + i}",
                             **r)
                      for i, r in enumerate(rows)])


weights_strategy = st.builds(
    Weights,
    themes=st.sampled_from((0.0, 0.5, 1.0, 2.0)),
    stage=st.sampled_from((0.0, 1.0, 1.5)),
    region=st.sampled_from((0.0, 0.5, 1.0)),
    specialty=st.sampled_from((0.0, 0.5)),
    region_pref=st.sampled_from(("same", "different")),
)


@st.composite
def cohorts(draw, max_mentors=4, max_mentees=7):
    """A random cohort: mentors, mentees, and existing pairs in every status."""
    mentors = draw(people_strategy(100, (0, max_mentors), capacity=True))
    mentees = draw(people_strategy(200, (0, max_mentees), capacity=False))
    # One person may be both a mentor and a mentee of the cohort: they must not pair up.
    if mentors and mentees and draw(st.booleans()):
        mentees[0] = Person(**{**mentees[0].__dict__, "person_id": mentors[0].person_id})
    existing, load = [], {m.id: 0 for m in mentors}
    for n, mentee in enumerate(mentees):
        if not mentors or not draw(st.booleans()):
            continue
        mentor = draw(st.sampled_from(mentors))
        status = draw(st.sampled_from(("proposed", "active", "completed", "ended_early")))
        if status in pairs.CURRENT and load[mentor.id] >= mentor.capacity:
            continue
        if mentor.person_id == mentee.person_id:
            continue
        load[mentor.id] += status in pairs.CURRENT
        existing.append(Existing(id=1000 + n, mentor_id=mentor.id, mentee_id=mentee.id,
                                 status=status,
                                 matched_by=draw(st.sampled_from(("manual", "suggested"))),
                                 locked=draw(st.booleans())))
    return mentors, mentees, existing


def _result_pairs(proposal: matching.Proposal) -> list[tuple[int, int, str]]:
    """(mentor, mentee, status) of every pair after the proposal is accepted."""
    kept = [(p.mentor_id, p.mentee_id, p.status) for p in proposal.kept]
    return kept + [(s.mentor.id, s.mentee.id, "proposed") for s in proposal.pairs]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), weights_strategy)
def test_capacity_is_never_exceeded(cohort, w):
    mentors, mentees, existing = cohort
    proposal = matching.plan("c", mentors, mentees, existing, w)
    for mentor in mentors:
        held = sum(1 for m, _, s in _result_pairs(proposal) if m == mentor.id
                   and s in pairs.CURRENT)
        assert held <= mentor.capacity


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), weights_strategy)
def test_each_mentee_has_at_most_one_current_mentor_and_nobody_mentors_themself(cohort, w):
    mentors, mentees, existing = cohort
    proposal = matching.plan("c", mentors, mentees, existing, w)
    current = [e for _, e, s in _result_pairs(proposal) if s in pairs.CURRENT]
    assert len(current) == len(set(current))
    people = {p.id: p.person_id for p in (*mentors, *mentees)}
    assert all(people[s.mentor.id] != people[s.mentee.id] for s in proposal.pairs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), weights_strategy)
def test_locked_and_manual_pairs_are_kept_unchanged(cohort, w):
    mentors, mentees, existing = cohort
    proposal = matching.plan("c", mentors, mentees, existing, w)
    fixed = [p for p in existing if (p.locked or p.matched_by == "manual")
             and p.status != "ended_early"]
    assert all(p in proposal.kept for p in fixed)
    suggested_for = {s.mentee.id for s in proposal.pairs}
    assert not suggested_for & {p.mentee_id for p in fixed}


def brute_force_best(mentors, pool, places, w) -> float:
    """The best total score over every assignment of pool mentees to a mentor or to nobody."""
    options = [None, *range(len(mentors))]
    best = 0.0
    for choice in itertools.product(options, repeat=len(pool)):
        used = [0] * len(mentors)
        total, ok = 0.0, True
        for mentee, c in zip(pool, choice, strict=True):
            if c is None:
                continue
            used[c] += 1
            if used[c] > places[c] or mentors[c].person_id == mentee.person_id:
                ok = False
                break
            total += matching.score(mentors[c], mentee, w)[0]
        if ok:
            best = max(best, total)
    return best


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(max_mentors=3, max_mentees=5), weights_strategy)
def test_total_score_equals_the_brute_force_optimum(cohort, w):
    mentors, mentees, existing = cohort
    proposal = matching.plan("c", mentors, mentees, existing, w)
    kept_mentees = {p.mentee_id for p in proposal.kept}
    pool = [m for m in mentees if m.id not in kept_mentees]
    held = {m.id: sum(1 for p in proposal.kept if p.mentor_id == m.id and p.holds_place)
            for m in mentors}
    places = [max(0, m.capacity - held[m.id]) for m in mentors]
    assert proposal.total_score == pytest.approx(brute_force_best(mentors, pool, places, w),
                                                 abs=1e-4)


def test_every_mentee_gets_a_mentor_while_places_remain_even_with_nothing_in_common():
    mentors = [Person(1, 1, "m@example.org", capacity=2)]
    mentees = [Person(2, 2, "a@example.org"), Person(3, 3, "b@example.org"),
               Person(4, 4, "c@example.org")]
    proposal = matching.plan("c", mentors, mentees, [], Weights())
    assert len(proposal.pairs) == 2 and len(proposal.unmatched) == 1
    assert proposal.pairs[0].reasons.startswith("a free place")


# -- against the demo cohort ----------------------------------------------------------------

def test_demo_cohort_two_suggestion_finds_the_twenty_waiting_mentees(con):
    proposal = matching.propose(con, "cohort-2")
    waiting = con.execute(
        "SELECT count(*) FROM participants p WHERE p.cohort_id = 'cohort-2' AND p.role = 'mentee' "
        "AND NOT EXISTS (SELECT 1 FROM pairs x WHERE x.mentee_id = p.id "
        "AND x.status IN ('proposed', 'active', 'completed'))").fetchone()[0]
    assert waiting == 20
    assert len(proposal.pairs) == 20 and proposal.unmatched == []
    assert all(s.change == "new" for s in proposal.pairs)
    assert proposal.total_score > 0


def test_applying_part_of_a_suggestion_creates_only_the_accepted_pairs_as_one_undoable_change(con):
    proposal = matching.propose(con, "cohort-2")
    accepted = {s.mentee.id for s in proposal.pairs[:5]}
    counts = matching.apply(con, "staff", proposal, accepted, status="active")
    assert counts["created"] == 5
    rows = con.execute("SELECT mentee_id, status, matched_by, match_score FROM pairs "
                       "WHERE matched_by = 'suggested'").fetchall()
    assert {r[0] for r in rows} == accepted
    assert {(r[1], r[2]) for r in rows} == {("active", "suggested")}
    events = con.execute("SELECT count(DISTINCT change_id), count(*) FROM pair_events "
                         "WHERE action = 'suggest'").fetchone()
    assert events == (1, 5)
    pairs.undo(con, "staff", "cohort-2")
    assert con.execute("SELECT count(*) FROM pairs WHERE "
                       "matched_by = 'suggested'").fetchone()[0] == 0


def test_reoptimising_moves_an_unlocked_proposed_suggestion_but_keeps_a_locked_one(con):
    first = matching.propose(con, "cohort-2")
    matching.apply(con, "staff", first)
    target = first.pairs[0]
    row = con.execute("SELECT id, version FROM pairs WHERE mentee_id = ?",
                      [target.mentee.id]).fetchone()
    pairs.set_locked(con, "staff", row[0], row[1], True)
    # Weights that only care about region change the optimum for most mentees.
    second = matching.propose(con, "cohort-2", Weights(themes=0, stage=0, region=5, specialty=0,
                                                       region_pref="different"))
    assert target.mentee.id not in {s.mentee.id for s in second.pairs}
    kinds = {s.change for s in second.pairs}
    assert kinds <= {"moved", "unchanged"}
    matching.apply(con, "staff", second)
    assert con.execute("SELECT mentor_id, locked FROM pairs WHERE id = ?", [row[0]]).fetchone() == \
        (target.mentor.id, True)
    per_mentee = con.execute("SELECT mentee_id, count(*) FROM pairs WHERE cohort_id = 'cohort-2' "
                             "AND status IN ('proposed', 'active') GROUP BY ALL "
                             "HAVING count(*) > 1")
    assert per_mentee.fetchall() == []


def test_a_suggestion_applied_after_the_pair_changed_is_refused(con):
    first = matching.propose(con, "cohort-2")
    matching.apply(con, "staff", first)
    second = matching.propose(con, "cohort-2", Weights(themes=0, stage=0, region=5, specialty=0,
                                                       region_pref="different"))
    moved = next(s for s in second.pairs if s.change == "moved")
    pairs.set_locked(con, "alice", moved.replaces.id, moved.replaces.version, True)
    with pytest.raises(pairs.PairConflict, match="changed by alice"):
        matching.apply(con, "staff", second)
