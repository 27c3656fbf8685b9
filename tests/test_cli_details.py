"""Command-line details (issue 26): `user add` always leaves its audit row and never invents an
email single sign-on could match; `match … | head` ends quietly when the pipe closes."""

import os
import subprocess
import sys

import duckdb

from casson.platform import accounts
from tests.conftest import ROOT


def run(args, env, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "casson", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


def test_user_add_without_db_audits_in_the_configured_database_and_invents_no_email(
    demo_db, accounts_file
):
    env = {"CASSON_DB": str(demo_db), "CASSON_ACCOUNTS": str(accounts_file)}
    done = run(
        ["user", "add", "nadia", "--role", "staff", "--name", "Nadia Khan"],
        env,
        stdin="a long enough passphrase\n",
    )
    assert done.returncode == 0, done.stderr
    assert "no audit row" not in done.stdout
    nadia = accounts.load(accounts_file)["credentials"]["usernames"]["nadia"]
    assert nadia["email"] is None and nadia["name"] == "Nadia Khan"
    assert accounts.username_for_email(accounts.load(accounts_file), "nadia@example.org") is None
    with duckdb.connect(str(demo_db), read_only=True) as con:
        rows = con.execute(
            "SELECT action, entity, entity_id FROM audit_log "
            "WHERE entity = 'account' AND entity_id = 'nadia'"
        ).fetchall()
    assert rows == [("account.add", "account", "nadia")]

    given = run(
        ["user", "add", "omar", "--role", "trustee", "--email", "omar@trust.org.uk"],
        env,
        stdin="another long passphrase\n",
    )
    assert given.returncode == 0, given.stderr
    assert accounts.load(accounts_file)["credentials"]["usernames"]["omar"]["email"] == (
        "omar@trust.org.uk"
    )


def piped_into(reader, dbfile):
    return subprocess.run(
        f"{sys.executable} -m casson --db {dbfile} match --cohort cohort-2 | {reader}; "
        "exit ${PIPESTATUS[0]}",
        shell=True,
        executable="/bin/bash",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_match_into_head_exits_quietly(demo_db):
    head = piped_into("head -1", demo_db)
    assert head.stdout.startswith("cohort cohort-2: ") and head.stdout.count("\n") == 1
    assert head.returncode == 0 and head.stderr == "", head.stderr
    # a reader that has gone before the first line: the pipe is surely closed
    gone = piped_into("true", demo_db)
    assert gone.returncode == 0 and gone.stderr == "", gone.stderr
