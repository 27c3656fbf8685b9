"""`python -m casson user …`: every account action, and with --db its audit row."""

from __future__ import annotations

import getpass
import io
import json
import time

import duckdb
import pytest

from casson import cli
from casson.platform import accounts, config, signin
from tests.conftest import DEMO_PASSWORDS


@pytest.fixture
def env(accounts_file, demo_db, monkeypatch):
    monkeypatch.setenv("CASSON_ACCOUNTS", str(accounts_file))
    return accounts_file, demo_db


def _run(monkeypatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(["user", *args])


def _audit(dbfile) -> list[tuple]:
    with duckdb.connect(str(dbfile), read_only=True) as c:
        return c.execute("SELECT actor, action, entity, entity_id, CAST(detail AS VARCHAR) "
                         "FROM audit_log WHERE entity = 'account' ORDER BY id").fetchall()


def _users(path) -> dict:
    return accounts.load(path)["credentials"]["usernames"]


ME = f"cli:{getpass.getuser()}"


def test_add_with_db_writes_account_add(env, monkeypatch):
    authfile, dbfile = env
    assert _run(monkeypatch, "add", "rita", "--role", "reviewer", "--email", "rita@x.org",
                "--db", str(dbfile), stdin="a reviewer passphrase\n") == 0
    assert _users(authfile)["rita"]["roles"] == ["reviewer"]
    assert _audit(dbfile) == [(ME, "account.add", "account", "rita",
                               json.dumps({"role": "reviewer", "sso_only": False}))]


def test_add_sso_only_asks_no_password_and_refuses_password_sign_in(env, monkeypatch):
    authfile, dbfile = env
    assert _run(monkeypatch, "add", "sam", "--role", "staff", "--email", "sam@trust.org",
                "--sso-only", "--db", str(dbfile)) == 0
    users = _users(authfile)
    assert users["sam"]["password_signin"] is False
    store = signin.AuthStore(config.auth_state_path(authfile))
    assert signin.sign_in(store, users, "sam", "anything at all", None, 1.0,
                          signin.Policy()).message == signin.WRONG


def test_remove_with_db_writes_account_remove_and_ends_sessions(env, monkeypatch, capsys):
    authfile, dbfile = env
    store = signin.AuthStore(config.auth_state_path(authfile))
    store.issue("staff", time.time())
    assert _run(monkeypatch, "remove", "staff", "--db", str(dbfile)) == 0
    assert "ended 1 session(s)" in capsys.readouterr().out
    assert "staff" not in _users(authfile) and store.live_sessions("staff") == 0
    assert _audit(dbfile) == [(ME, "account.remove", "account", "staff", None)]


def test_passwd_reads_stdin_sets_the_password_and_ends_sessions(env, monkeypatch):
    authfile, dbfile = env
    store = signin.AuthStore(config.auth_state_path(authfile))
    store.issue("staff", time.time())
    assert _run(monkeypatch, "passwd", "staff", "--temporary", "--db", str(dbfile),
                stdin="a fresh temporary one\n") == 0
    user = _users(authfile)["staff"]
    assert accounts.check_password("a fresh temporary one", user["password"])
    assert user["must_change"] is True and store.live_sessions("staff") == 0
    assert _audit(dbfile) == [(ME, "account.passwd", "account", "staff",
                               json.dumps({"temporary": True}))]
    assert "fresh temporary" not in repr(_audit(dbfile))


def test_passwd_refuses_a_common_password_with_the_reason(env, monkeypatch, capsys):
    authfile, dbfile = env
    assert _run(monkeypatch, "passwd", "staff", "--db", str(dbfile), stdin="Password2024!\n") == 1
    assert "commonly used passwords" in capsys.readouterr().err
    assert accounts.check_password(DEMO_PASSWORDS["staff"], _users(authfile)["staff"]["password"])
    assert _audit(dbfile) == []


def test_a_password_over_72_bytes_gets_a_plain_refusal(env, monkeypatch, capsys):
    authfile, _ = env
    assert _run(monkeypatch, "add", "long1", "--role", "staff", stdin="x" * 80 + "\n") == 1
    err = capsys.readouterr().err
    assert "longer than 72 bytes" in err and "Unexpected error" not in err
    assert "long1" not in _users(authfile)


def test_role_with_db_writes_account_role(env, monkeypatch):
    authfile, dbfile = env
    assert _run(monkeypatch, "role", "trustee", "reviewer", "--db", str(dbfile)) == 0
    assert _users(authfile)["trustee"]["roles"] == ["reviewer"]
    assert _audit(dbfile) == [(ME, "account.role", "account", "trustee",
                               json.dumps({"from": "trustee", "to": "reviewer"}))]


def test_role_keeps_the_last_admin(env, monkeypatch, capsys):
    authfile, dbfile = env
    assert _run(monkeypatch, "role", "admin", "staff", "--db", str(dbfile)) == 1
    assert "only administrator" in capsys.readouterr().err
    assert _users(authfile)["admin"]["roles"] == ["admin"] and _audit(dbfile) == []


def test_unlock_with_db_writes_account_unlock(env, monkeypatch):
    authfile, dbfile = env
    store = signin.AuthStore(config.auth_state_path(authfile))
    for _ in range(5):
        signin.sign_in(store, _users(authfile), "staff", "bad", None, time.time(),
                       signin.Policy(), check=lambda p, h: False)
    assert _run(monkeypatch, "unlock", "staff", "--db", str(dbfile)) == 0
    assert store.locked_until("staff", time.time()) is None
    assert _audit(dbfile) == [(ME, "account.unlock", "account", "staff",
                               json.dumps({"was_locked": True}))]


def test_without_any_database_the_change_is_made_and_says_no_row_was_written(
        env, monkeypatch, capsys, tmp_path):
    authfile, dbfile = env
    monkeypatch.setenv("CASSON_DB", str(tmp_path / "none.duckdb"))
    assert _run(monkeypatch, "role", "trustee", "staff") == 0
    assert "no audit row: there is no database at" in capsys.readouterr().out
    assert _users(authfile)["trustee"]["roles"] == ["staff"] and _audit(dbfile) == []
