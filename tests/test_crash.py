"""A process killed (SIGKILL) in the middle of an import or a pair change leaves a database
that opens, holding all of the change or none of it."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from casson.platform import db
from tests.import_support import table_hashes

ROOT = Path(__file__).resolve().parent.parent
COHORT = "crash-cohort"
UNTOUCHED_BY_IMPORT = ("pairs", "pair_events", "survey_responses", "bids", "courses", "coaches",
                       "sessions", "attendance", "case_studies", "cohorts")

IMPORT_SCRIPT = textwrap.dedent("""
    import sys
    from casson.platform import db
    from casson.importer import engine
    con = db.connect(sys.argv[1])
    result = engine.run(con, "mentees", sys.argv[2], cohort=sys.argv[3], actor="crash-test")
    print(result.status, flush=True)
""")

PAIR_SCRIPT = textwrap.dedent("""
    import sys
    from casson.platform import db
    from casson.mentoring import pairs
    con = db.connect(sys.argv[1])
    pairs.reassign(con, "crash-test", int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]),
                   reason="crash test")
    print("saved", flush=True)
""")


def _mentee_file(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["full_name", "email", "region", "career_stage", "themes"])
        for i in range(rows):
            out.writerow([f"Crash Mentee {i}", f"crash.mentee{i}@example.org", "Wales",
                          "early career", "confidence; storytelling"])
    return path


def _prepare(demo_db: Path) -> dict[str, str]:
    con = db.connect(demo_db)
    con.execute("INSERT INTO cohorts (id, name) VALUES (?, 'Crash test cohort')", [COHORT])
    con.execute("CHECKPOINT")
    hashes = table_hashes(con)
    con.close()
    return hashes


def _run(script: str, args: list[str], fault: str | None, kill_after: float | None = None) -> int:
    env = {k: v for k, v in os.environ.items() if k != "CASSON_FAULT_POINT"}
    if fault:
        env["CASSON_FAULT_POINT"] = fault
    proc = subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if kill_after is not None:
        try:  # the kill lands at that moment, unless the process has finished already
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=180)
    assert "Traceback" not in err, err
    return proc.returncode


def _import_outcome(demo_db: Path, before: dict[str, str], rows: int) -> str:
    """'none' or 'all' — anything in between fails the test."""
    con = db.connect(demo_db)  # opening replays the write-ahead log: it must work
    try:
        people = con.execute("SELECT count(*) FROM people WHERE email_key LIKE "
                             "'crash.mentee%'").fetchone()[0]
        parts = con.execute("SELECT count(*) FROM participants WHERE cohort_id = ?",
                            [COHORT]).fetchone()[0]
        logged = con.execute("SELECT count(*) FROM imports WHERE "
                             "status = 'committed'").fetchone()[0]
        audited = con.execute("SELECT count(*) FROM audit_log WHERE action = "
                              "'import.mentees'").fetchone()[0]
        after = table_hashes(con)
    finally:
        con.close()
    for table in UNTOUCHED_BY_IMPORT:
        assert after[table] == before[table], f"{table} changed"
    outcome = (people, parts, logged, audited)
    assert outcome in {(0, 0, 0, 0), (rows, rows, 1, 1)}, f"half-written import: {outcome}"
    return "none" if people == 0 else "all"


@pytest.mark.parametrize("point,expected", [
    ("import.logged", "none"),          # the log row written, nothing else
    ("import.people_written", "none"),  # people written, their participations not yet
    ("import.written", "none"),         # every row written, the audit row not yet
    ("db.before_commit", "none"),
    ("db.after_commit", "all"),
    (None, "all"),                      # the control: no fault
])
def test_import_killed_at_a_point_is_all_or_nothing(demo_db, tmp_path, point, expected):
    before = _prepare(demo_db)
    source = _mentee_file(tmp_path / "mentees.csv", 200)
    code = _run(IMPORT_SCRIPT, [str(demo_db), str(source), COHORT], point)
    assert code == (0 if point is None else -signal.SIGKILL)
    # The import's transaction is the child's first (its backup is a copy, not a transaction),
    # so the commit points are its own: killed before COMMIT nothing is kept, after it all is.
    assert _import_outcome(demo_db, before, 200) == expected


@pytest.fixture(scope="module")
def big_import_seconds(demo_db_template, tmp_path_factory) -> float:
    """How long an uninterrupted 20,000-row import process takes here (start-up included)."""
    work = tmp_path_factory.mktemp("timing")
    dbfile = work / "c.duckdb"
    dbfile.write_bytes(demo_db_template.read_bytes())
    _prepare(dbfile)
    source = _mentee_file(work / "big.csv", 20_000)
    start = time.perf_counter()
    assert _run(IMPORT_SCRIPT, [str(dbfile), str(source), COHORT], None) == 0
    return time.perf_counter() - start


@pytest.mark.parametrize("fraction", [0.55, 0.7, 0.8, 0.9, 0.97])
def test_import_killed_at_any_moment_is_all_or_nothing(demo_db_template, demo_db, tmp_path,
                                                       big_import_seconds, fraction):
    # Kills spread over the late part of the run, where reading gives way to writing.
    source = _mentee_file(tmp_path / "big.csv", 20_000)
    for _attempt in range(5):
        shutil.copy(demo_db_template, demo_db)
        before = _prepare(demo_db)
        code = _run(IMPORT_SCRIPT, [str(demo_db), str(source), COHORT], None,
                    kill_after=big_import_seconds * fraction)
        if code != 0:
            break
        fraction *= 0.8  # this run was quicker than the timed one and finished: kill earlier
    assert code == -signal.SIGKILL, f"the import was not killed (exit code {code})"
    _import_outcome(demo_db, before, 20_000)


def _pair_and_free_mentor(demo_db: Path) -> tuple[int, int, int, int]:
    con = db.connect(demo_db)
    pair_id, version, mentor_id = con.execute(
        "SELECT id, version, mentor_id FROM pairs WHERE cohort_id = 'cohort-2' AND "
        "status = 'active' "
        "AND NOT locked ORDER BY id LIMIT 1").fetchone()
    free = con.execute("""
        SELECT p.id FROM participants p
        WHERE p.cohort_id = 'cohort-2' AND p.role = 'mentor' AND p.id <> ?
          AND p.capacity > (SELECT count(*) FROM pairs x WHERE x.mentor_id = p.id
                            AND x.status IN ('proposed', 'active'))
        ORDER BY p.id LIMIT 1""", [mentor_id]).fetchone()[0]
    con.close()
    return pair_id, version, mentor_id, free


@pytest.mark.parametrize("point",
                         ["pairs.before_event", "db.before_commit", "db.after_commit", None])
def test_pair_change_killed_at_a_point_is_all_or_nothing(demo_db, point):
    pair_id, version, old_mentor, new_mentor = _pair_and_free_mentor(demo_db)
    code = _run(PAIR_SCRIPT, [str(demo_db), str(pair_id), str(version), str(new_mentor)], point)
    assert code == (0 if point is None else -signal.SIGKILL)
    con = db.connect(demo_db)
    mentor, new_version = con.execute("SELECT mentor_id, version FROM pairs WHERE id = ?",
                                      [pair_id]).fetchone()
    events = con.execute("SELECT count(*) FROM pair_events WHERE pair_id = ? AND "
                         "actor = 'crash-test'", [pair_id]).fetchone()[0]
    audits = con.execute("SELECT count(*) FROM audit_log WHERE actor = 'crash-test'").fetchone()[0]
    con.close()
    state = (mentor, new_version, events, audits)
    assert state in {(old_mentor, version, 0, 0), (new_mentor, version + 1, 1, 1)}, state
    if point in (None, "db.after_commit"):
        assert mentor == new_mentor
    if point == "pairs.before_event":
        assert mentor == old_mentor
