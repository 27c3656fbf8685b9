"""`export --out` writes personal data owner-only and never over the dashboard's own files."""

from __future__ import annotations

import os
import stat

import pytest

from casson.cli import main
from casson.platform import config


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_an_export_file_is_written_owner_only_whatever_the_umask(demo_db, tmp_path):
    out = tmp_path / "people.csv"
    old = os.umask(0o022)
    try:
        assert main(["export", "participants", "--out", str(out), "--db", str(demo_db)]) == 0
    finally:
        os.umask(old)
    assert _mode(out) == 0o600
    assert "full_name" in out.read_text(encoding="utf-8").splitlines()[0]


def test_an_existing_file_is_kept_unless_force(demo_db, tmp_path, capsys):
    out = tmp_path / "notes.txt"
    out.write_text("my own notes\n")
    out.chmod(0o644)
    assert main(["export", "participants", "--out", str(out), "--db", str(demo_db)]) == 1
    assert "already exists" in capsys.readouterr().err and out.read_text() == "my own notes\n"
    assert main(["export", "participants", "--out", str(out), "--force", "--db", str(demo_db)]) == 0
    assert "full_name" in out.read_text() and _mode(out) == 0o600


@pytest.mark.parametrize("which", ["database", "wal", "accounts", "state", "backup", "link"])
def test_the_database_and_accounts_are_never_written_over(
    demo_db, accounts_file, tmp_path, monkeypatch, capsys, which
):
    monkeypatch.setenv("CASSON_ACCOUNTS", str(accounts_file))
    backup = config.backups_dir(demo_db) / "old.duckdb"
    target = {
        "database": demo_db,
        "wal": tmp_path / f"{demo_db.name}.wal",
        "accounts": accounts_file,
        "state": config.auth_state_path(),
        "backup": backup,
        "link": tmp_path / "innocent.csv",
    }[which]
    if which == "link":
        target.symlink_to(demo_db)
    if not target.exists():
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(b"kept")
    before = demo_db.read_bytes() if which == "link" else target.read_bytes()
    code = main(["export", "participants", "--out", str(target), "--force", "--db", str(demo_db)])
    assert code == 1, capsys.readouterr()
    assert (demo_db.read_bytes() if which == "link" else target.read_bytes()) == before
