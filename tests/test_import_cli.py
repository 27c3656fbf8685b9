"""`python -m casson import`: exit codes 0/1/2, one error per line, never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
GOOD = "full_name,email,region\nAda Cli,ada.cli@example.org,Wales\n"
BAD = GOOD + "Bea Cli,bea.cli@,Mars\nCy Cli,cy.cli@example.org,\n"


def cli(*args):
    env = {k: v for k, v in os.environ.items() if k != "CASSON_DEBUG"}
    return subprocess.run([sys.executable, "-m", "casson", "import", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def _people(dbfile):
    with duckdb.connect(str(dbfile), read_only=True) as c:
        return c.execute("SELECT count(*) FROM people").fetchone()[0]


def test_a_good_file_imports_with_exit_code_0(demo_db, tmp_path):
    f = tmp_path / "mentees.csv"
    f.write_text(GOOD)
    out = cli("mentees", str(f), "--cohort", "cohort-2", "--db", str(demo_db))
    assert out.returncode == 0, out.stderr
    assert "1 new, 0 updated, 0 unchanged, 0 with errors" in out.stdout


def test_rejected_rows_exit_1_one_line_each_and_nothing_written(demo_db, tmp_path):
    f = tmp_path / "mentees.csv"
    f.write_text(BAD)
    before = _people(demo_db)
    out = cli("mentees", str(f), "--cohort", "cohort-2", "--db", str(demo_db))
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    assert lines[:3] == [
        "row 3, email: 'bea.cli@' is not a valid email address (expected name@example.org)",
        "row 3, region: 'Mars' is not a known region (one of: Scotland, Wales, Northern "
        "Ireland, London, "
        "South East, South West, East of England, East Midlands, West Midlands, North "
        "East, North West, "
        "Yorkshire and the Humber)",
        "row 4, region: '' is required but empty: fill it in the file",
    ]
    assert "Traceback" not in out.stderr and "nothing was written" in lines[-1]
    assert _people(demo_db) == before


def test_valid_only_writes_good_rows_and_leaves_a_file_to_fix(demo_db, tmp_path):
    f = tmp_path / "mentees.csv"
    f.write_text(BAD)
    out = cli("mentees", str(f), "--cohort", "cohort-2", "--db", str(demo_db), "--valid-only")
    assert out.returncode == 0, out.stderr
    fix = tmp_path / "mentees.errors.csv"
    assert fix.exists() and "bea.cli@" in fix.read_text(encoding="utf-8-sig")
    assert "2 with errors" in out.stdout


def test_dry_run_writes_nothing(demo_db, tmp_path):
    f = tmp_path / "mentees.csv"
    f.write_text(GOOD)
    before = _people(demo_db)
    out = cli("mentees", str(f), "--cohort", "cohort-2", "--db", str(demo_db), "--dry-run")
    assert out.returncode == 0 and "would give 1 new" in out.stdout
    assert _people(demo_db) == before


def test_usage_errors_and_unreadable_files_exit_2(demo_db, tmp_path):
    missing = cli("mentees", str(tmp_path / "nope.csv"), "--db", str(demo_db))
    assert missing.returncode == 2 and missing.stderr.strip().splitlines() == [
        f"Cannot read {tmp_path / 'nope.csv'}: no such file."]
    unknown = cli("widgets", str(tmp_path / "nope.csv"), "--db", str(demo_db))
    assert unknown.returncode == 2 and "choose one of mentors, mentees" in unknown.stderr
    for out in (missing, unknown):
        assert "Traceback" not in out.stderr


def test_a_busy_database_is_one_line_exit_2(demo_db, tmp_path):
    f = tmp_path / "mentees.csv"
    f.write_text(GOOD)
    holder = subprocess.Popen([sys.executable, "-c",
                               "import duckdb, sys; c = duckdb.connect(sys.argv[1]);"
                               " print('ready', flush=True); sys.stdin.read()", str(demo_db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        out = cli("mentees", str(f), "--cohort", "cohort-2", "--db", str(demo_db))
    finally:
        holder.kill()
        holder.wait()
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "in use by another program" in out.stderr


# -- mapping on the command line (issue 10) --------------------------------------------------
LOOKALIKE = ("Full name,Email,Region,Themes you can support,Other themes\n"
             "Ivy Cli,ivy.cli@example.org,Wales,confidence,storytelling\n")


def test_a_lookalike_column_left_unmapped_exits_1_and_names_the_flags_to_give(demo_db, tmp_path):
    f = tmp_path / "mentors.csv"
    f.write_text(LOOKALIKE)
    before = _people(demo_db)
    out = cli("mentors", str(f), "--cohort", "cohort-2", "--db", str(demo_db))
    assert out.returncode == 1
    assert "'Other themes' looks like Themes" in out.stderr
    assert '--map "Other themes=themes"' in out.stderr and '--ignore "Other themes"' in out.stderr
    assert _people(demo_db) == before


def test_map_and_ignore_flags_import_and_are_remembered_for_the_next_file(demo_db, tmp_path):
    f = tmp_path / "mentors.csv"
    f.write_text(LOOKALIKE.replace("Themes you can support", "Topics offered"))
    out = cli("mentors", str(f), "--cohort", "cohort-2", "--map", "Topics offered=themes",
              "--ignore", "Other themes", "--db", str(demo_db))
    assert out.returncode == 0, out.stderr
    assert "remembered for mentors files with these headers" in out.stderr
    g = tmp_path / "next.csv"
    g.write_text(f.read_text().replace("Ivy Cli,ivy.cli", "Jay Cli,jay.cli"))
    again = cli("mentors", str(g), "--cohort", "cohort-2", "--db", str(demo_db))
    assert again.returncode == 0, again.stderr
    with duckdb.connect(str(demo_db), read_only=True) as c:
        assert c.execute("SELECT per.email_key, p.themes FROM participants p JOIN people per "
                         "ON per.id = p.person_id WHERE per.email_key LIKE '%.cli@example.org' "
                         "ORDER BY 1").fetchall() == [("ivy.cli@example.org", "confidence"),
                                                      ("jay.cli@example.org", "confidence")]
        assert c.execute("SELECT actor LIKE 'cli%' FROM audit_log WHERE action = "
                         "'import_mapping.save'"
                         ).fetchall() == [(True,)]


def test_a_map_to_an_unknown_column_or_header_says_which(demo_db, tmp_path):
    f = tmp_path / "mentors.csv"
    f.write_text(GOOD)
    out = cli("mentees", str(f), "--cohort", "cohort-2", "--map", "Shoe=themes", "--map",
              "email=emial",
              "--db", str(demo_db))
    assert out.returncode == 1
    assert "no column 'Shoe' in the file" in out.stderr
    assert "'email' cannot be mapped to 'emial'" in out.stderr
    bad = cli("mentees", str(f), "--cohort", "cohort-2", "--map", "no-equals", "--db", str(demo_db))
    assert bad.returncode == 2 and 'write it as --map "HEADER=field"' in bad.stderr
