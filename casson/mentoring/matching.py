"""Suggested matching: a score for every mentor-mentee pair and an optimal assignment.

The score adds, with weights the user sets: shared development themes (per theme), the mentor
being further on in career, region (same or different, as preferred) and the same specialty.
The assignment maximises the total score subject to each mentor's free places and one mentor
per mentee, solved exactly by scipy's linear_sum_assignment over mentor places (each mentor
expanded into one column per free place; see assignment_matrix for forbidden pairs).

Pairs that are locked, made by hand, active or completed stay as they are; only proposed
suggested pairs that are not locked are re-optimised together with the unmatched mentees.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

import duckdb
import numpy as np

from casson.mentoring import pairs as pair_changes
from casson.mentoring import rematch
from casson.platform import audit, db, queries, settings
from casson.platform.errors import Refused
from casson.platform.vocab import CAREER_STAGES

# A tiny bonus per pair so that, among equally good assignments, more mentees get a mentor.
_EPSILON = 1e-6
_FORBIDDEN = -1e9
_STAGE_WORDS = {1: "one career stage", 2: "two career stages", 3: "three career stages",
                4: "four career stages"}


@dataclass(frozen=True)
class Weights:
    themes: float = 2.0        # per shared theme
    stage: float = 1.5         # mentor further on in career than the mentee
    region: float = 1.0        # region as preferred
    specialty: float = 0.5     # same specialty
    region_pref: str = "same"  # "same" or "different"

    def __post_init__(self) -> None:
        if self.region_pref not in ("same", "different"):
            raise Refused(f"region preference is 'same' or 'different', not {self.region_pref!r}")
        for name in ("themes", "stage", "region", "specialty"):
            if getattr(self, name) < 0:
                raise Refused(f"the {name} weight cannot be negative")


@dataclass(frozen=True)
class Person:
    """A participant of one cohort as matching sees them."""

    id: int                     # participants.id
    person_id: int
    email: str
    name: str = ""
    region: str | None = None
    career_stage: str | None = None
    specialty: str | None = None
    themes: frozenset[str] = frozenset()
    capacity: int = 1           # mentors only


@dataclass(frozen=True)
class Existing:
    """A pair already in the cohort."""

    id: int
    mentor_id: int
    mentee_id: int
    status: str
    matched_by: str = "manual"
    locked: bool = False
    version: int = 1

    @property
    def flexible(self) -> bool:
        """Re-optimised by a new suggestion: a proposed, suggested, unlocked pair."""
        return self.status == "proposed" and self.matched_by == "suggested" and not self.locked

    @property
    def holds_place(self) -> bool:
        return self.status in ("proposed", "active")


@dataclass(frozen=True)
class Suggestion:
    mentor: Person
    mentee: Person
    score: float
    reasons: str
    change: str = "new"                  # new | moved | unchanged
    replaces: Existing | None = None     # the flexible pair it replaces (moved/unchanged)


@dataclass
class Proposal:
    cohort: str
    weights: Weights
    pairs: list[Suggestion]
    unmatched: list[Person]              # mentees still without a mentor
    kept: list[Existing]                 # pairs left as they are
    dropped: list[Existing] = field(default_factory=list)  # flexible pairs no longer proposed
    names: dict[int, str] = field(default_factory=dict)   # participant id -> name, for the diff

    @property
    def total_score(self) -> float:
        return round(sum(s.score for s in self.pairs), 6)

    def to_json(self) -> dict:
        return {
            "cohort": self.cohort,
            "pairs": [{"mentor_email": s.mentor.email, "mentee_email": s.mentee.email,
                       "score": round(s.score, 4), "reasons": s.reasons} for s in self.pairs],
            "unmatched_mentees": [m.email for m in self.unmatched],
            "total_score": round(self.total_score, 4),
        }


WEIGHTS_SETTING = "match_weights"


def saved_weights(con: duckdb.DuckDBPyConnection) -> Weights:
    """The weights staff saved as the default (settings table), else the built-in ones."""
    text = settings.get(con, WEIGHTS_SETTING)
    if not text:
        return Weights()
    try:
        return Weights(**json.loads(text))
    except (ValueError, TypeError):
        return Weights()  # an unreadable setting must not stop matching


def save_weights(con: duckdb.DuckDBPyConnection, actor: str, w: Weights) -> None:
    """Keep these weights as the default for the page and `match`, with an audit row."""
    value = json.dumps(asdict(w), sort_keys=True)

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        settings.put(cur, WEIGHTS_SETTING, value)
        audit.record(cur, actor, "settings.match_weights", "setting", WEIGHTS_SETTING, asdict(w))

    db.write(con, work)


def parse_themes(text: str | None) -> frozenset[str]:
    if not text:
        return frozenset()
    return frozenset(t.strip().lower() for t in text.replace(",", ";").split(";") if t.strip())


def _stage(value: str | None) -> int | None:
    return CAREER_STAGES.index(value) if value in CAREER_STAGES else None


# -- scores ---------------------------------------------------------------------------------

def score(mentor: Person, mentee: Person, w: Weights) -> tuple[float, str]:
    """One pair's score and the reasons for it, in words."""
    total, reasons = 0.0, []
    shared = sorted(mentor.themes & mentee.themes)
    if shared:
        total += w.themes * len(shared)
        reasons.append("shares " + ", ".join(shared))
    a, b = _stage(mentor.career_stage), _stage(mentee.career_stage)
    if a is not None and b is not None and a > b:
        total += w.stage
        reasons.append(f"{_STAGE_WORDS[a - b]} further on")
    if mentor.region and mentee.region:
        same = mentor.region == mentee.region
        if same == (w.region_pref == "same"):
            total += w.region
            reasons.append("same region" if same else f"different region ({mentor.region})")
    if mentor.specialty and mentor.specialty == mentee.specialty:
        total += w.specialty
        reasons.append(f"same specialty ({mentor.specialty})")
    return total, "; ".join(reasons) or "a free place; nothing in common on the weighted criteria"


def score_matrix(mentors: Sequence[Person], mentees: Sequence[Person], w: Weights) -> np.ndarray:
    """Scores of every (mentee, mentor) pair, vectorised: rows mentees, columns mentors."""
    vocab = sorted({t for p in (*mentors, *mentees) for t in p.themes})
    index = {t: i for i, t in enumerate(vocab)}

    def theme_matrix(people: Sequence[Person]) -> np.ndarray:
        m = np.zeros((len(people), max(len(vocab), 1)), dtype=np.float32)
        for r, p in enumerate(people):
            for t in p.themes:
                m[r, index[t]] = 1.0
        return m

    scores = w.themes * (theme_matrix(mentees) @ theme_matrix(mentors).T).astype(np.float64)

    def codes(attr: str) -> tuple[np.ndarray, np.ndarray]:
        # Integer codes (-1 for unknown) so comparisons are vectorised, not per string.
        table: dict[str, int] = {}
        mentor_codes, mentee_codes = (
            np.array([table.setdefault(v, len(table)) if (v := getattr(p, attr)) else -1
                      for p in group], dtype=np.int64) for group in (mentors, mentees))
        return mentor_codes, mentee_codes

    ms, es = (np.array([-1 if _stage(p.career_stage) is None else _stage(p.career_stage)
                        for p in group], dtype=np.int64) for group in (mentors, mentees))
    scores += w.stage * ((es[:, None] >= 0) & (ms[None, :] > es[:, None]))
    mr, er = codes("region")
    known = (er[:, None] >= 0) & (mr[None, :] >= 0)
    same = er[:, None] == mr[None, :]
    scores += w.region * (known & (same if w.region_pref == "same" else ~same))
    msp, esp = codes("specialty")
    scores += w.specialty * ((msp[None, :] >= 0) & (esp[:, None] == msp[None, :]))
    return scores


# -- the assignment -------------------------------------------------------------------------

def slot_columns(places: Sequence[int]) -> np.ndarray:
    """Each mentor's index repeated once per free place: the columns of the assignment."""
    return np.repeat(np.arange(len(places)), np.maximum(np.asarray(places, dtype=int), 0))


def assignment_matrix(scores: np.ndarray, places: Sequence[int],
                      allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The matrix the solver sees: one column per mentor place.

    Every pair is allowed in the usual case, and then a maximum-cardinality assignment is also
    a maximum-score one (scores are never negative, so any optimum extends to one that fills
    every place or seats every mentee). When some pairs are forbidden (someone both mentor
    and mentee of the cohort) one "stays unmatched" column per mentee is added instead, so the
    solver can leave a mentee out rather than take a forbidden pair.
    """
    cols = slot_columns(places)
    real = scores[:, cols] + _EPSILON
    if allowed is None or allowed.all():
        return real, cols
    n = scores.shape[0]
    real = np.where(allowed[:, cols], real, _FORBIDDEN)
    return np.hstack([real, np.zeros((n, n))]), cols


def assign(scores: np.ndarray, places: Sequence[int],
           allowed: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Optimal (mentee index, mentor index) pairs: maximum total score within places."""
    if scores.shape[0] == 0 or scores.shape[1] == 0 or sum(max(p, 0) for p in places) == 0:
        return []
    # scipy is imported here, not with the module: a third of a second that every command of
    # the CLI paid (and matching is one of them); the dashboard warms it at start (ui.warm)
    from scipy.optimize import linear_sum_assignment

    matrix, cols = assignment_matrix(scores, places, allowed)
    rows, chosen = linear_sum_assignment(matrix, maximize=True)
    out = []
    for r, c in zip(rows, chosen, strict=True):
        if c < len(cols) and matrix[r, c] > _FORBIDDEN / 2:
            out.append((int(r), int(cols[c])))
    return out


def plan(cohort: str, mentors: Sequence[Person], mentees: Sequence[Person],
         existing: Iterable[Existing], w: Weights,
         excluded: Iterable[tuple[int, int]] = ()) -> Proposal:
    """The suggestion for a cohort: keep fixed pairs, optimally match everyone else.

    `excluded` holds (mentor person id, mentee person id) never to be proposed together (a
    pair ended as not a good fit)."""
    existing = list(existing)
    kept = [p for p in existing if not p.flexible and p.status != "ended_early"]
    flexible = {p.mentee_id: p for p in existing if p.flexible}
    used: dict[int, int] = {}
    for p in kept:
        if p.holds_place:
            used[p.mentor_id] = used.get(p.mentor_id, 0) + 1
    settled = {p.mentee_id for p in kept}
    pool = [m for m in mentees if m.id not in settled]
    places = [max(0, m.capacity - used.get(m.id, 0)) for m in mentors]
    scores = score_matrix(mentors, pool, w)
    allowed = (np.array([e.person_id for e in pool], dtype=np.int64)[:, None]
               != np.array([m.person_id for m in mentors], dtype=np.int64)[None, :])
    never = set(excluded)
    if never:
        allowed &= np.array([[(m.person_id, e.person_id) not in never for m in mentors]
                             for e in pool], dtype=bool).reshape(len(pool), len(mentors))
    suggestions, matched = [], set()
    for r, c in assign(scores, places, allowed):
        mentee, mentor = pool[r], mentors[c]
        value, reasons = score(mentor, mentee, w)
        old = flexible.get(mentee.id)
        change = "new" if old is None else ("unchanged" if old.mentor_id == mentor.id else "moved")
        suggestions.append(Suggestion(mentor, mentee, value, reasons, change, old))
        matched.add(mentee.id)
    suggestions.sort(key=lambda s: (s.mentee.name, s.mentee.id))
    unmatched = [m for m in pool if m.id not in matched]
    dropped = [p for mid, p in flexible.items() if mid not in matched]
    names = {p.id: p.name or p.email for p in (*mentors, *mentees)}
    return Proposal(cohort, w, suggestions, unmatched, kept, dropped, names)


# -- the database side ----------------------------------------------------------------------

def load(con: duckdb.DuckDBPyConnection,
         cohort: str) -> tuple[list[Person], list[Person], list[Existing]]:
    """A cohort's mentors, mentees and pairs as matching sees them."""
    mentors: list[Person] = []
    mentees: list[Person] = []
    for r in queries.rows(con, "mentoring/pairs_participants", cohort=cohort):
        person = Person(id=r["id"], person_id=r["person_id"], email=r["email"], name=r["full_name"],
                        region=r["region"], career_stage=r["career_stage"],
                        specialty=r["specialty"], themes=parse_themes(r["themes"]),
                        capacity=r["capacity"] or 1)
        (mentors if r["role"] == "mentor" else mentees).append(person)
    existing = [Existing(id=r["pair_id"], mentor_id=r["mentor_id"], mentee_id=r["mentee_id"],
                         status=r["status"], matched_by=r["matched_by"], locked=r["locked"],
                         version=r["version"])
                for r in queries.rows(con, "mentoring/pairs_list", cohort=cohort)]
    return mentors, mentees, existing


def propose(con: duckdb.DuckDBPyConnection, cohort: str, w: Weights | None = None) -> Proposal:
    mentors, mentees, existing = load(con, cohort)
    return plan(cohort, mentors, mentees, existing, w or saved_weights(con),
                rematch.excluded_people(con))


def apply(con: duckdb.DuckDBPyConnection, actor: str, proposal: Proposal,
          accept: Iterable[int] | None = None, status: str = "proposed") -> dict[str, int]:
    """Write the accepted part of a proposal as one change (undone together).

    `accept` holds mentee participant ids (default: all). A dropped flexible pair is withdrawn
    when its mentee is accepted. Every pair keeps the version the proposal was made from: a
    pair changed since is refused with who changed it. Returns counts by kind of change.
    """
    if status not in pair_changes.CURRENT:
        raise pair_changes.PairError("Suggested pairs are created proposed or active, "
                                     f"not {status!r}.")
    wanted = None if accept is None else set(accept)

    def take(mentee_id: int) -> bool:
        return wanted is None or mentee_id in wanted

    def work(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
        counts = {"created": 0, "moved": 0, "withdrawn": 0, "unchanged": 0}
        change = pair_changes._new_change(cur)
        reason = "suggested match"
        # Withdraw every replaced proposal first so the places they held are free.
        for old in proposal.dropped:
            if take(old.mentee_id):
                pair = pair_changes._load(cur, old.id, old.version)
                pair_changes.withdraw(cur, actor, pair, change, "suggestion no longer proposes it")
                counts["withdrawn"] += 1
        chosen = [s for s in proposal.pairs if take(s.mentee.id)]
        for s in chosen:
            if s.change == "moved":
                if s.replaces is None:  # propose() sets it on every moved suggestion
                    raise ValueError(f"The suggestion for mentee {s.mentee.id} is 'moved' but "
                                     "replaces no pair.")
                pair = pair_changes._load(cur, s.replaces.id, s.replaces.version)
                pair_changes.withdraw(cur, actor, pair, change, "re-optimised by a new suggestion")
        for s in chosen:
            if s.change == "unchanged":
                counts["unchanged"] += 1
                continue
            pair_changes.check_pairing(cur, s.mentor.id, s.mentee.id, cohort=proposal.cohort)
            new = pair_changes._insert(cur, actor, proposal.cohort, s.mentor.id, s.mentee.id,
                                       status, "suggested", round(s.score, 4))
            pair_changes._event(cur, change, actor, "suggest", proposal.cohort, new["id"], None,
                                new, f"{reason}: {s.reasons}")
            counts["moved" if s.change == "moved" else "created"] += 1
        return counts

    return pair_changes._write(con, work)


def explain(proposal: Proposal) -> str:
    """The proposal as JSON text (the CLI's --json output)."""
    return json.dumps(proposal.to_json(), indent=2)
