"""The pair lifecycle: activation (one undoable change), one role per cohort, "pairs formed"."""

import subprocess
import sys

import pytest

from casson.mentoring import matching, pairs
from casson.outcomes import kpis


def propose_all(con):
    proposal = matching.propose(con, "cohort-2")
    matching.apply(con, "staff", proposal, status="proposed")
    return [r[0] for r in con.execute("SELECT id FROM pairs WHERE cohort_id = 'cohort-2' "
                                      "AND status = 'proposed' ORDER BY id").fetchall()]


def test_activating_proposed_pairs_makes_them_formed_and_undo_reverts_all(con):
    proposed = propose_all(con)
    assert proposed
    before = kpis.cohort_kpis(con, "cohort-2")["pairs"]
    done = pairs.activate(con, "staff", "cohort-2", proposed[:2])
    assert [p["status"] for p in done] == ["active", "active"]
    assert all(p["started_on"] is not None for p in done)
    assert kpis.cohort_kpis(con, "cohort-2")["pairs"] == before + 2
    events = con.execute("SELECT action, change_id FROM pair_events WHERE "
                         "action = 'activate'").fetchall()
    assert len(events) == 2 and len({c for _, c in events}) == 1
    assert con.execute("SELECT count(*) FROM audit_log WHERE action = "
                       "'pair.activate'").fetchone()[0] == 2
    pairs.undo(con, "staff", "cohort-2")
    assert {pairs.get(con, p)["status"] for p in proposed[:2]} == {"proposed"}
    assert kpis.cohort_kpis(con, "cohort-2")["pairs"] == before


def test_activation_is_version_checked(con):
    pid = propose_all(con)[0]
    seen = pairs.get(con, pid)["version"]
    pairs.set_locked(con, "other", pid, seen, True)
    with pytest.raises(pairs.PairConflict, match="changed by other"):
        pairs.activate(con, "staff", "cohort-2", [pid], {pid: seen})
    assert pairs.get(con, pid)["status"] == "proposed"


def test_an_active_pair_cannot_be_activated_again(con):
    pid = con.execute("SELECT id FROM pairs WHERE cohort_id = 'cohort-2' AND status = 'active' "
                      "LIMIT 1").fetchone()[0]
    with pytest.raises(pairs.PairError, match="only a proposed pair"):
        pairs.activate(con, "staff", "cohort-2", [pid])


def test_pairs_activate_all_leaves_no_proposed_pair(con, demo_db):
    propose_all(con)
    con.close()
    out = subprocess.run([sys.executable, "-m", "casson", "--db", str(demo_db), "pairs", "activate",
                          "--cohort", "cohort-2", "--all"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "pairs activated" in out.stdout
    from casson.platform import db
    con2 = db.connect(demo_db)
    try:
        assert con2.execute("SELECT count(*) FROM pairs WHERE cohort_id = 'cohort-2' "
                            "AND status = 'proposed'").fetchone()[0] == 0
    finally:
        con2.close()
    again = subprocess.run([sys.executable, "-m", "casson", "--db", str(demo_db), "pairs",
                            "activate", "--cohort", "cohort-2",
                            "--all"], capture_output=True, text=True)
    assert again.returncode == 1 and "no proposed pair" in again.stderr


def both_roles(con):
    """A cohort-2 mentee who is (wrongly) also a mentor of cohort-2, as a bad import left them."""
    mentee = con.execute("SELECT p.id, p.person_id FROM participants p WHERE "
                         "cohort_id = 'cohort-2' "
                         "AND role = 'mentee' AND NOT EXISTS (SELECT 1 FROM pairs x WHERE "
                         "x.mentee_id = p.id) ORDER BY id LIMIT 1").fetchone()
    mentor_id = con.execute("INSERT INTO participants (person_id, cohort_id, role, "
                            "capacity, themes) "
                            "VALUES (?, 'cohort-2', 'mentor', 3, 'confidence') RETURNING id",
                            [mentee[1]]).fetchone()[0]
    return mentee[0], mentor_id, mentee[1]


def test_create_refuses_a_person_with_both_roles_in_the_cohort(con):
    mentee_id, mentor_id, _ = both_roles(con)
    other_mentee = con.execute("SELECT p.id FROM participants p WHERE cohort_id = 'cohort-2' AND "
                               "role = 'mentee' AND id <> ? AND NOT EXISTS (SELECT 1 FROM pairs x "
                               "WHERE x.mentee_id = p.id) ORDER BY id LIMIT 1",
                               [mentee_id]).fetchone()[0]
    with pytest.raises(pairs.PairError, match="both a mentor and a mentee of cohort-2"):
        pairs.create(con, "staff", mentor_id, other_mentee)
    free_mentor = con.execute("SELECT mentor_id FROM (SELECT p.id AS mentor_id, "
                              "p.capacity - (SELECT "
                              "count(*) FROM pairs x WHERE x.mentor_id = p.id AND x.status IN "
                              "('proposed','active')) AS free FROM participants p "
                              "WHERE cohort_id = "
                              "'cohort-2' AND role = 'mentor' AND id <> ?) WHERE free > 0 LIMIT 1",
                              [mentor_id]).fetchone()[0]
    with pytest.raises(pairs.PairError, match="one role per cohort"):
        pairs.create(con, "staff", free_mentor, mentee_id)
    assert con.execute("SELECT count(*) FROM pairs WHERE ? IN (mentor_id, mentee_id) OR "
                       "? IN (mentor_id, mentee_id)", [mentor_id, mentee_id]).fetchone()[0] == 0


def test_matching_never_pairs_anyone_with_themself(con):
    _, mentor_id, person_id = both_roles(con)
    proposal = matching.propose(con, "cohort-2")
    assert proposal.pairs
    assert all(s.mentor.person_id != s.mentee.person_id for s in proposal.pairs)
    assert not any(s.mentor.id == mentor_id and s.mentee.person_id == person_id
                   for s in proposal.pairs)


def test_the_best_score_is_refused_when_it_pairs_a_person_with_themself():
    themes = frozenset({"confidence", "storytelling", "research"})
    isla_mentor = matching.Person(1, 100, "isla@example.org", "Isla", "Wales", "leader",
                                  "community", themes, capacity=1)
    isla_mentee = matching.Person(2, 100, "isla@example.org", "Isla", "Wales", "student",
                                  "community", themes)
    bethan = matching.Person(3, 200, "bethan@example.org", "Bethan", "London", "senior")
    proposal = matching.plan("c", [isla_mentor], [isla_mentee, bethan], [], matching.Weights())
    assert [(s.mentor.name, s.mentee.name) for s in proposal.pairs] == [("Isla", "Bethan")]
    assert [m.name for m in proposal.unmatched] == ["Isla"]
