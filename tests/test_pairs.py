"""Manual pair changes: rules with plain-English refusals, version checks, history and undo."""

import json

import pytest

from casson.cli import main
from casson.mentoring import pair_filters, pairs
from casson.platform import exports

COHORT = "cohort-2"


def _active_pairs(con):
    return con.execute(
        "SELECT id, mentor_id, mentee_id, version FROM pairs WHERE cohort_id = ? AND "
        "status = 'active'"
        " ORDER BY id", [COHORT]).fetchall()


def _roster(con):
    """mentor participant id -> (capacity, used) for cohort-2."""
    rows = con.execute(
        "SELECT p.id, coalesce(p.capacity, 1), count(pr.id) FILTER (WHERE pr.status IN "
        "('proposed', 'active')) FROM participants p LEFT JOIN pairs pr ON pr.mentor_id = p.id "
        "WHERE p.cohort_id = ? AND p.role = 'mentor' GROUP BY ALL ORDER BY p.id",
        [COHORT]).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def _free_mentor(con, besides=()):
    return next(m for m, (cap, used) in _roster(con).items() if used < cap and m not in besides)


def _full_mentor(con, besides=()):
    return next(m for m, (cap, used) in _roster(con).items() if used >= cap and m not in besides)


def _unmatched_mentee(con):
    return con.execute(
        "SELECT p.id FROM participants p WHERE p.cohort_id = ? AND p.role = 'mentee' "
        "AND NOT EXISTS "
        "(SELECT 1 FROM pairs x WHERE x.mentee_id = p.id AND x.status IN "
        "('proposed','active','completed'))"
        " ORDER BY p.id LIMIT 1", [COHORT]).fetchone()[0]


def _events(con, pair_id):
    return con.execute("SELECT actor, action, before_state, after_state, reason FROM pair_events "
                       "WHERE pair_id = ? ORDER BY id", [pair_id]).fetchall()


def test_reassign_moves_the_mentee_and_records_who_before_after_and_an_audit_row(con):
    pid, old_mentor, _, version = _active_pairs(con)[0]
    new_mentor = _free_mentor(con, besides=(old_mentor,))
    after = pairs.reassign(con, "staff", pid, version, new_mentor, reason="better region")
    assert after["mentor_id"] == new_mentor and after["version"] == version + 1
    assert after["updated_by"] == "staff" and after["matched_by"] == "manual"
    [(actor, action, before, aft, reason)] = _events(con, pid)
    assert (actor, action, reason) == ("staff", "reassign", "better region")
    assert json.loads(before)["mentor_id"] == old_mentor
    assert json.loads(aft)["mentor_id"] == new_mentor
    audit = con.execute("SELECT actor FROM audit_log WHERE action = 'pair.reassign' "
                        "AND entity_id = ?",
                        [str(pid)]).fetchall()
    assert audit == [("staff",)]


def test_reassign_to_a_full_mentor_is_refused_unless_overridden_with_a_reason(con):
    pid, old_mentor, _, version = _active_pairs(con)[0]
    full = _full_mentor(con, besides=(old_mentor,))
    with pytest.raises(pairs.PairError, match=r"already mentors \d+ of a capacity of \d+"):
        pairs.reassign(con, "staff", pid, version, full)
    assert pairs.get(con, pid)["mentor_id"] == old_mentor  # nothing saved
    assert _events(con, pid) == []
    after = pairs.reassign(con, "staff", pid, version, full,
                           override_reason="only paediatric mentor")
    assert after["mentor_id"] == full
    assert _events(con, pid)[0][4] == "over capacity: only paediatric mentor"


def test_a_mentee_with_a_mentor_cannot_get_a_second_one(con):
    _, _, mentee, _ = _active_pairs(con)[0]
    with pytest.raises(pairs.PairError, match="already has a mentor in cohort-2"):
        pairs.create(con, "staff", _free_mentor(con), mentee)


def test_a_pair_must_be_within_one_cohort(con):
    pilot_mentor = con.execute("SELECT id FROM participants WHERE cohort_id = 'pilot-2021' "
                               "AND role = 'mentor' LIMIT 1").fetchone()[0]
    with pytest.raises(pairs.PairError, match="a pair must be within one cohort"):
        pairs.create(con, "staff", pilot_mentor, _unmatched_mentee(con))


def test_only_someone_with_the_mentor_role_can_mentor(con):
    other_mentee = con.execute("SELECT id FROM participants WHERE cohort_id = ? AND "
                               "role = 'mentee' "
                               "ORDER BY id DESC LIMIT 1", [COHORT]).fetchone()[0]
    with pytest.raises(pairs.PairError, match="not a mentor"):
        pairs.create(con, "staff", other_mentee, _unmatched_mentee(con))


def test_nobody_is_paired_with_themself(con):
    mentor = _free_mentor(con)
    person = con.execute("SELECT person_id FROM participants WHERE id = ?", [mentor]).fetchone()[0]
    as_mentee = con.execute("INSERT INTO participants (person_id, cohort_id, role) VALUES "
                            "(?, ?, 'mentee') "
                            "RETURNING id", [person, COHORT]).fetchone()[0]
    with pytest.raises(pairs.PairError, match="cannot be paired with themself"):
        pairs.create(con, "staff", mentor, as_mentee)


def test_create_pairs_an_unmatched_mentee_and_uses_a_place(con):
    mentor, mentee = _free_mentor(con), _unmatched_mentee(con)
    used = _roster(con)[mentor][1]
    pid = pairs.create(con, "staff", mentor, mentee, status="proposed")
    assert pairs.get(con, pid)["status"] == "proposed"
    assert _roster(con)[mentor][1] == used + 1
    assert _events(con, pid)[0][1] == "create"


def test_ending_a_pair_needs_a_reason_and_frees_the_place(con):
    pid, mentor, _, version = _active_pairs(con)[0]
    with pytest.raises(pairs.PairError, match="Give a reason"):
        pairs.end(con, "staff", pid, version, "ended_early", "  ")
    used = _roster(con)[mentor][1]
    after = pairs.end(con, "staff", pid, version, "ended_early", "mentee moved abroad")
    assert (after["status"], after["end_reason"]) == ("ended_early", "mentee moved abroad")
    assert after["ended_on"] is not None
    assert _roster(con)[mentor][1] == used - 1
    with pytest.raises(pairs.PairError, match="only a proposed or active pair"):
        pairs.end(con, "staff", pid, after["version"], "completed", "again")


def test_swap_exchanges_the_mentors_of_two_pairs_in_one_change(con):
    rows = _active_pairs(con)
    a = rows[0]
    b = next(r for r in rows if r[1] != a[1])
    new_a, new_b = pairs.swap(con, "staff", a[0], a[3], b[0], b[3], reason="personalities")
    assert (new_a["mentor_id"], new_b["mentor_id"]) == (b[1], a[1])
    changes = con.execute("SELECT DISTINCT change_id FROM pair_events WHERE "
                          "action = 'swap'").fetchall()
    assert len(changes) == 1


def test_a_locked_pair_is_not_changed_until_unlocked(con):
    pid, mentor, _, version = _active_pairs(con)[0]
    locked = pairs.set_locked(con, "staff", pid, version, True)
    with pytest.raises(pairs.PairError, match="is locked: unlock it first"):
        pairs.reassign(con, "staff", pid, locked["version"], _free_mentor(con, besides=(mentor,)))
    unlocked = pairs.set_locked(con, "staff", pid, locked["version"], False)
    assert pairs.reassign(con, "staff", pid, unlocked["version"],
                          _free_mentor(con, besides=(mentor,)))["locked"] is False


def test_a_stale_version_is_refused_naming_who_changed_the_pair_and_when(con):
    pid, mentor, _, version = _active_pairs(con)[0]
    pairs.set_locked(con, "alice", pid, version, True)
    with pytest.raises(pairs.PairConflict, match=r"changed by alice at \d\d:\d\d:\d\d on "):
        pairs.end(con, "bob", pid, version, "completed", "done")
    assert pairs.get(con, pid)["status"] == "active"


def test_undo_reverts_the_last_change_and_is_recorded(con):
    pid, old_mentor, _, version = _active_pairs(con)[0]
    pairs.reassign(con, "staff", pid, version, _free_mentor(con, besides=(old_mentor,)))
    assert pair_filters.describe(pairs.last_change(con, COHORT)).startswith("Moved ")
    pairs.undo(con, "staff", COHORT)
    restored = pairs.get(con, pid)
    assert restored["mentor_id"] == old_mentor and restored["version"] == version + 2
    actions = [e[1] for e in _events(con, pid)]
    assert actions == ["reassign", "undo"]
    assert pairs.last_change(con, COHORT) == []


def test_undo_of_a_created_pair_removes_it_and_undo_of_a_swap_restores_both(con):
    rows = _active_pairs(con)
    a = rows[0]
    b = next(r for r in rows if r[1] != a[1])
    pairs.swap(con, "staff", a[0], a[3], b[0], b[3])
    pid = pairs.create(con, "staff", _free_mentor(con), _unmatched_mentee(con))
    pairs.undo(con, "staff", COHORT)
    assert pairs.get(con, pid) is None
    pairs.undo(con, "staff", COHORT)
    assert pairs.get(con, a[0])["mentor_id"] == a[1] and pairs.get(con, b[0])["mentor_id"] == b[1]


def test_undo_is_refused_when_the_pair_changed_since(con):
    pid, mentor, _, version = _active_pairs(con)[0]
    after = pairs.reassign(con, "staff", pid, version, _free_mentor(con, besides=(mentor,)))
    # someone else changes the pair outside the history (e.g. another tool)
    con.execute("UPDATE pairs SET version = version + 1, updated_by = 'carol' WHERE id = ?", [pid])
    with pytest.raises(pairs.PairConflict, match="changed by carol"):
        pairs.undo(con, "staff", COHORT)
    assert pairs.get(con, pid)["mentor_id"] == after["mentor_id"]


def test_undo_refuses_when_another_change_came_after_the_one_offered(con):
    rows = _active_pairs(con)
    pairs.set_locked(con, "staff", rows[0][0], rows[0][3], True)
    offered = pairs.last_change(con, COHORT)[0]["change_id"]
    pairs.set_locked(con, "alice", rows[1][0], rows[1][3], True)
    with pytest.raises(pairs.PairConflict, match="Another change was made"):
        pairs.undo(con, "staff", COHORT, change_id=offered)


def test_export_participants_and_pairs_carry_the_contract_columns(con):
    participants = exports.frame(con, "participants")
    assert {"cohort_id", "email", "full_name", "role", "capacity",
            "themes"} <= set(participants.columns)
    exported = exports.frame(con, "pairs")
    assert {"cohort_id", "mentor_email", "mentee_email", "status"} <= set(exported.columns)
    # a change shows in the export
    pid, mentor, _, version = _active_pairs(con)[0]
    pairs.end(con, "staff", pid, version, "completed", "finished")
    p = pairs.get(con, pid)
    exported = exports.frame(con, "pairs")
    row = exported[exported["mentee_email"] == p["mentee_email"]]
    assert row["status"].tolist() == ["completed"]


def test_match_json_has_the_contract_shape_and_apply_writes_the_pairs(demo_db, capsys):
    assert main(["match", "--cohort", COHORT, "--json", "--db", str(demo_db)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"cohort", "pairs", "unmatched_mentees", "total_score"}
    assert out["cohort"] == COHORT
    assert len(out["pairs"]) == 20  # 18 never matched + 2 whose pair ended early; places to spare
    assert set(out["pairs"][0]) == {"mentor_email", "mentee_email", "score", "reasons"}
    assert out["total_score"] == pytest.approx(sum(p["score"] for p in out["pairs"]), abs=1e-3)
    assert main(["match", "--cohort", COHORT, "--apply", "--json", "--db", str(demo_db)]) == 0
    capsys.readouterr()
    assert main(["match", "--cohort", COHORT, "--json", "--db", str(demo_db)]) == 0
    again = json.loads(capsys.readouterr().out)
    # the applied pairs are proposed suggestions: re-optimising finds the same ones unchanged
    assert {(p["mentor_email"], p["mentee_email"]) for p in again["pairs"]} == \
        {(p["mentor_email"], p["mentee_email"]) for p in out["pairs"]}


def test_match_of_an_unknown_cohort_exits_1(demo_db, capsys):
    assert main(["match", "--cohort", "nope", "--db", str(demo_db)]) == 1
    assert "No cohort 'nope'" in capsys.readouterr().err
