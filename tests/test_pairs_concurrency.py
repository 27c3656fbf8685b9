"""Two people save the same pair: one succeeds, the other is told who changed it; nothing lost."""

import threading

import pytest

from casson.mentoring import pairs
from casson.platform import db

COHORT = "cohort-2"


def _setup(con):
    pid, mentor, mentee, version = con.execute(
        "SELECT id, mentor_id, mentee_id, version FROM pairs WHERE cohort_id = ? AND "
        "status = 'active' "
        "ORDER BY id LIMIT 1", [COHORT]).fetchone()
    free = [r[0] for r in con.execute("""
        SELECT p.id FROM participants p LEFT JOIN pairs x ON x.mentor_id = p.id
             AND x.status IN ('proposed', 'active')
        WHERE p.cohort_id = ? AND p.role = 'mentor' AND p.id <> ?
        GROUP BY p.id, p.capacity HAVING count(x.id) < p.capacity ORDER BY p.id""",
        [COHORT, mentor]).fetchall()]
    return pid, version, free


def test_two_sessions_save_the_same_pair_the_second_is_refused_with_who_and_when(con):
    pid, version, free = _setup(con)
    alice, bob = con.cursor(), con.cursor()   # two Streamlit sessions share one connection
    loaded_by_alice = loaded_by_bob = version
    pairs.reassign(alice, "alice", pid, loaded_by_alice, free[0])
    with pytest.raises(pairs.PairConflict,
                       match=r"changed by alice at \d\d:\d\d:\d\d on .*nothing was saved"):
        pairs.reassign(bob, "bob", pid, loaded_by_bob, free[1])
    # Alice's change is there, recorded once; Bob's did not overwrite it.
    assert pairs.get(con, pid)["mentor_id"] == free[0]
    assert con.execute("SELECT actor FROM pair_events WHERE pair_id = ?",
                       [pid]).fetchall() == [("alice",)]


def test_many_simultaneous_saves_of_one_pair_exactly_one_wins(con):
    pid, version, free = _setup(con)
    users = [f"user{n}" for n in range(6)]
    outcomes: dict[str, str] = {}
    start = threading.Barrier(len(users))

    def save(n: int, user: str) -> None:
        cur = con.cursor()
        start.wait()
        try:
            pairs.end(cur, user, pid, version, "ended_early", f"reason from {user}")
            outcomes[user] = "saved"
        except pairs.PairConflict as exc:
            outcomes[user] = str(exc)
        finally:
            cur.close()

    threads = [threading.Thread(target=save, args=(n, u)) for n, u in enumerate(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [u for u, o in outcomes.items() if o == "saved"]
    assert len(winners) == 1 and len(outcomes) == len(users)
    for user, message in outcomes.items():
        if user != winners[0]:
            assert f"changed by {winners[0]} at" in message
    pair = pairs.get(con, pid)
    assert (pair["status"], pair["end_reason"], pair["version"]) == \
        ("ended_early", f"reason from {winners[0]}", version + 1)
    assert con.execute("SELECT count(*) FROM pair_events WHERE pair_id = ?",
                       [pid]).fetchone()[0] == 1


def test_a_duckdb_write_conflict_from_another_writer_is_retried_then_refused_by_version(
        demo_db, monkeypatch):
    """A writer outside our lock (another cursor mid-transaction) makes DuckDB refuse our write;
    db.write retries, the retry sees the new version, and the user gets the conflict message."""
    con = db.connect(demo_db)
    pid, version, free = _setup(con)
    other = con.cursor()
    other.execute("BEGIN TRANSACTION")
    other.execute("UPDATE pairs SET locked = true, version = version + 1, updated_by = 'dora', "
                  "updated_at = current_timestamp WHERE id = ?", [pid])
    committed = threading.Event()

    def commit_soon() -> None:
        committed.wait(5)
        other.execute("COMMIT")

    t = threading.Thread(target=commit_soon)
    t.start()
    retries = []

    def pause_then_let_other_commit(seconds: float) -> None:
        retries.append(seconds)
        committed.set()
        t.join()

    monkeypatch.setattr(db, "_pause", pause_then_let_other_commit)  # db's retry wait only
    try:
        with pytest.raises(pairs.PairConflict, match="changed by dora"):
            pairs.reassign(con, "erin", pid, version, free[0])
    finally:
        committed.set()
        t.join()
    assert retries, "the conflicting write was retried"
    assert pairs.get(con, pid)["mentor_id"] != free[0]
    assert pairs.get(con, pid)["locked"] is True
    con.close()


def test_pair_saves_do_not_use_returning_which_skips_duckdbs_conflict_check():
    # DuckDB 2.0: UPDATE/DELETE ... RETURNING commit over another transaction's uncommitted
    # change to the same row (a lost update); without RETURNING the second writer is refused.
    from casson.platform import queries
    for name in ("mentoring/pairs_update", "mentoring/pairs_delete"):
        body = "\n".join(line.split("--", 1)[0] for line in queries.sql(name).splitlines())
        assert "RETURNING" not in body.upper()
