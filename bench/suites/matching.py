"""Matching at scale, and the Pairs page at profession scale (DESIGN.md targets)."""

from __future__ import annotations

import random

import streamlit as st
from scipy.optimize import linear_sum_assignment

from bench.apptest import cold, median_runs_ms, signed_in
from bench.results import Result, median_ms
from casson.mentoring import matching
from casson.platform.vocab import CAREER_STAGES, REGIONS

MATCH_TARGET_MS = 2000
PAGE_TARGET_MS = 300
FILTER_TARGET_MS = 150
THEMES = ("confidence", "storytelling", "difficult conversations", "influencing", "leading change",
          "personal power", "career planning", "research", "management", "networking")
SPECIALTIES = ("paediatrics", "mental health", "neurology", "older people", "hand therapy",
               "vocational rehabilitation", "learning disabilities", "community")


def synthetic(mentees: int = 2000, mentors: int = 1000, capacity: int = 2, seed: int = 7):
    rng = random.Random(seed)

    def person(i: int, stages: tuple[str, ...], cap: int) -> matching.Person:
        return matching.Person(
            id=i, person_id=i, email=f"p{i}@example.org", name=f"P{i}",
            region=rng.choice(REGIONS), career_stage=rng.choice(stages),
            specialty=rng.choice(SPECIALTIES),
            themes=frozenset(rng.sample(THEMES, rng.randint(1, 4))), capacity=cap)

    return ([person(i, CAREER_STAGES[2:], capacity) for i in range(mentors)],
            [person(mentors + i, CAREER_STAGES[:3], 1) for i in range(mentees)])


def run(ctx) -> list[Result]:
    mentors, mentees = synthetic()
    w = matching.Weights()
    full = median_ms(lambda: matching.plan("bench", mentors, mentees, [], w), repeat=3)
    # Reference: the solver alone on the very matrix plan() builds (scores, places, unmatched).
    matrix, _ = matching.assignment_matrix(matching.score_matrix(mentors, mentees, w),
                                           [m.capacity for m in mentors])
    raw = median_ms(lambda: linear_sum_assignment(matrix, maximize=True), repeat=3)
    results = [Result("matching: 2,000 mentees x 1,000 mentors (capacity 2), scores to pairs",
                      full, "ms", MATCH_TARGET_MS, raw)]
    page, flt = _pairs_page_ms()
    # The app's own connection (this process already holds the file through the page runs).
    from ui import data
    with data.cursor() as cur:
        cohort_ms = median_ms(lambda: matching.propose(cur, "bench-10"), repeat=3)
        proposal = matching.propose(cur, "bench-10")
    results.append(Result(
        f"matching: suggestion for bench-10 from the database ({len(proposal.pairs)} pairs for "
        f"{len(proposal.pairs) + len(proposal.unmatched)} waiting mentees)",
        cohort_ms, "ms", MATCH_TARGET_MS))
    results.append(Result("page render: Pairs at bench-10 (staff, 5,000 pairs)", page, "ms",
                          PAGE_TARGET_MS))
    results.append(Result("filter change: Pairs text search at bench-10", flt, "ms",
                          FILTER_TARGET_MS))
    return results


def _pairs_page_ms(repeat: int = 5) -> tuple[float, float]:
    at = signed_in("staff", "views/pairs.py")
    at.run()
    at.selectbox(key="pairs_cohort").select("bench-10").run()
    if at.exception:
        raise RuntimeError(f"views/pairs.py raised: {at.exception}")
    render = median_runs_ms(at, "views/pairs.py", cold, repeat)
    search = median_runs_ms(at, "views/pairs.py",
                            lambda n: at.text_input(key="pairs_search").input(f"person0{n}"),
                            repeat)
    st.cache_data.clear()
    return render, search
