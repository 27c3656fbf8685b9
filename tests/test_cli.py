"""The command-line contract: output, exit codes, --db, one-line errors."""

import csv
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
import yaml

from casson.cli import main
from casson.platform import accounts
from tests.test_kpis import PILOT

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args, stdin="", env=None):
    return subprocess.run([sys.executable, "-m", "casson", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=120)


def test_kpis_json_on_a_fresh_demo_database_prints_the_pilot(tmp_path):
    dbfile = tmp_path / "fresh.duckdb"
    created = run_cli("init-db", "--demo", "--db", str(dbfile))
    assert created.returncode == 0, created.stderr
    out = run_cli("kpis", "--cohort", "pilot-2021", "--json", "--db", str(dbfile))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == PILOT


def test_db_comes_from_the_environment_when_not_given(demo_db, capsys, monkeypatch):
    monkeypatch.setenv("CASSON_DB", str(demo_db))
    assert main(["kpis", "--cohort", "pilot-2021", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["mentees"] == 54


def test_db_option_may_come_before_the_command(demo_db, capsys):
    assert main(["--db", str(demo_db), "kpis", "--cohort", "cohort-2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["mentors"] == 40


def test_unknown_cohort_exits_1_with_one_line(demo_db, capsys):
    assert main(["kpis", "--cohort", "nope", "--db", str(demo_db)]) == 1
    err = capsys.readouterr().err.strip()
    assert "nope" in err and "pilot-2021" in err and "\n" not in err


def test_missing_database_exits_2(tmp_path, capsys):
    assert main(["kpis", "--db", str(tmp_path / "absent.duckdb")]) == 2
    assert "init-db" in capsys.readouterr().err


def test_usage_error_exits_2():
    assert run_cli("kpis", "--no-such-flag").returncode == 2


def test_init_db_demo_refuses_a_database_that_has_data(demo_db, capsys):
    assert main(["init-db", "--demo", "--db", str(demo_db)]) == 1
    assert main(["init-db", "--demo", "--force", "--db", str(demo_db)]) == 0


def test_export_pairs_writes_csv_with_the_contract_columns(demo_db, capsys):
    assert main(["export", "pairs", "--db", str(demo_db)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 106
    assert {"cohort_id", "mentor_email", "mentee_email", "status"} <= set(rows[0])


def test_export_participants_to_a_file(demo_db, tmp_path):
    out = tmp_path / "p.csv"
    assert main(["export", "participants", "--out", str(out), "--db", str(demo_db)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {"cohort_id", "email", "full_name", "role", "capacity", "themes"} <= set(rows[0])
    assert len(rows) == 34 + 54 + 40 + 70


def test_export_of_an_unknown_table_is_a_usage_error(demo_db, capsys):
    assert main(["export", "passwords", "--db", str(demo_db)]) == 2
    assert "choose one of" in capsys.readouterr().err


def test_export_neutralises_spreadsheet_formulas(con, demo_db, capsys):
    con.execute("UPDATE people SET full_name = '=HYPERLINK(\"http://x\",\"y\")' WHERE id = 1")
    con.close()
    assert main(["export", "participants", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "'=HYPERLINK" in out and ",=HYPERLINK" not in out


def test_user_add_stores_a_bcrypt_hash_not_the_password(tmp_path):
    authfile = tmp_path / "auth.yaml"
    result = run_cli("user", "add", "coord", "--role", "staff", "--name", "A Coordinator",
                     "--accounts", str(authfile), stdin="correct horse battery\n")
    assert result.returncode == 0, result.stderr
    text = authfile.read_text()
    assert "correct horse battery" not in text
    user = yaml.safe_load(text)["credentials"]["usernames"]["coord"]
    assert user["roles"] == ["staff"] and accounts.check_password("correct horse battery",
                                                                  user["password"])
    assert oct(authfile.stat().st_mode & 0o777) == "0o600"


def test_user_add_refuses_a_short_password_and_a_bad_role(tmp_path):
    authfile = tmp_path / "auth.yaml"
    short = run_cli("user", "add", "x1", "--role", "staff", "--accounts", str(authfile),
                    stdin="short\n")
    assert short.returncode == 1 and "at least 12" in short.stderr and not authfile.exists()
    assert run_cli("user", "add", "x1", "--role", "owner", "--accounts", str(authfile),
                   stdin="long enough\n").returncode == 2


def test_cli_says_so_in_one_line_when_the_app_holds_the_database(demo_db):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys
            con = duckdb.connect({str(demo_db)!r})
            print("held", flush=True)
            sys.stdin.read()  # hold the file until the test is done with it
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run_cli("cohort", "add", "c-9", "--name", "C 9", "--db", str(demo_db))
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "in use by another program" in lines[0]
        assert "Traceback" not in result.stderr
        # A command that only reads carries on, over a consistent copy of the file.
        kpis = run_cli("kpis", "--db", str(demo_db), "--cohort", "pilot-2021", "--json")
        assert kpis.returncode == 0 and json.loads(kpis.stdout)["mentors"] == 34
        assert "read a consistent copy" in kpis.stderr
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("table,key",
                         [("courses", "title"), ("coaches", "name"), ("bids", "reference"),
                          ("case_studies", "title"), ("cohorts", "id"),
                          ("survey_responses", "cohort_id")])
def test_every_exportable_table_exports(demo_db, capsys, table, key):
    assert main(["export", table, "--db", str(demo_db)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    con = duckdb.connect(str(demo_db), read_only=True)
    stored = [str(r[0]) for r in con.execute(f"SELECT {key} FROM {table}").fetchall()]
    con.close()
    # every stored row once, with its key as stored
    assert stored and sorted(r[key] for r in rows) == sorted(stored)


def test_a_command_that_does_not_match_never_imports_scipy(demo_db):
    """scipy took a third of a second of every command's start: only matching needs it."""
    args = ["kpis", "--cohort", "pilot-2021", "--json", "--db", str(demo_db)]
    probe = ("import sys\nfrom casson.cli import main\n"
             f"code = main({args!r})\nprint(code, 'scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.stdout.splitlines()[-1] == "0 False", out.stderr
