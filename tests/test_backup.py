"""Backups: consistent copies, restore round trip, keep-last-N, a copy before every migration."""

from __future__ import annotations

import duckdb

from casson import cli
from casson.platform import config, db, safety_copies
from casson.protection import backups


def test_backup_and_restore_round_trip_gives_identical_tables(con, demo_db, tmp_path):
    before = backups.table_hashes(con)
    dest = backups.backup(con, tmp_path / "copy.duckdb")  # through the live connection
    con.execute("DELETE FROM survey_responses")
    con.execute("UPDATE people SET full_name = 'changed'")
    con.close()
    safety = backups.restore(dest, demo_db)
    with duckdb.connect(str(demo_db)) as restored:
        assert backups.table_hashes(restored) == before
    with duckdb.connect(str(safety), read_only=True) as saved:  # the state before the restore
        assert saved.execute("SELECT count(*) FROM survey_responses").fetchone()[0] == 0


def test_restored_database_keeps_its_sequences(con, demo_db, tmp_path):
    top = con.execute("SELECT max(id) FROM people").fetchone()[0]
    dest = backups.backup(con, tmp_path / "copy.duckdb")
    con.close()
    backups.restore(dest, demo_db)
    with db.connect(demo_db) as c:
        c.execute("INSERT INTO people (full_name, email, email_key) VALUES ('N', "
                  "'n@x.org', 'n@x.org')")
        assert c.execute("SELECT max(id) FROM people").fetchone()[0] == top + 1


def test_cli_backup_and_restore(demo_db, tmp_path, capsys):
    out = tmp_path / "b.duckdb"
    assert cli.main(["backup", "--db", str(demo_db), "--out", str(out)]) == 0
    assert cli.main(["backup", "--db", str(demo_db), "--out", str(out)]) == 1  # never overwrites
    assert cli.main(["backup", "--db", str(demo_db)]) == 0
    assert len(list(config.backups_dir(demo_db).glob("casson-*-manual.duckdb"))) == 1
    assert cli.main(["restore", str(out), "--db", str(demo_db)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert cli.main(["restore", str(tmp_path / "missing.duckdb"), "--db", str(demo_db)]) == 2


def test_cli_backs_up_a_consistent_copy_while_the_app_holds_the_file(con, demo_db, tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    con.execute("INSERT INTO cohorts (id, name) VALUES ('held-1', 'Saved while held')")
    out = tmp_path / "held.duckdb"
    result = subprocess.run([sys.executable, "-m", "casson", "backup", "--db", str(demo_db),
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "read a consistent copy" in result.stderr and "Traceback" not in result.stderr
    copy = duckdb.connect(str(out), read_only=True)
    try:
        assert copy.execute("SELECT name FROM cohorts WHERE id = 'held-1'").fetchone() == (
            "Saved while held",)
    finally:
        copy.close()


def test_only_the_newest_backups_are_kept(con, tmp_path):
    con.execute("INSERT OR REPLACE INTO settings VALUES ('backup_keep', '3')")
    folder = tmp_path / "bk"
    made = [safety_copies.before_change(con, f"step {i}", folder) for i in range(5)]
    left = sorted(p.name for p in folder.glob("*.duckdb"))
    assert left == sorted(p.name for p in made[-3:])


def test_a_backup_is_taken_before_a_migration(demo_db, monkeypatch, tmp_path):
    # a pretend pending migration on top of the real ones
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    for _, _, path in db.migrations():
        (migrations / path.name).write_text(path.read_text())
    (migrations / "9999_extra.sql").write_text("CREATE TABLE extra_for_test (x INTEGER);")
    monkeypatch.setattr(db, "MIGRATIONS_DIR", migrations)
    con = db.connect(demo_db)
    con.close()
    made = list(config.backups_dir(demo_db).glob("casson-*-before-migration-9999.duckdb"))
    assert len(made) == 1
    with duckdb.connect(str(made[0]), read_only=True) as old:
        assert "extra_for_test" not in db.table_names(old)
        assert 9999 not in {r[0] for r in old.execute("SELECT version "
                                                      "FROM schema_version").fetchall()}


def test_no_backup_when_creating_a_new_database(tmp_path):
    db.connect(tmp_path / "new.duckdb").close()
    assert not config.backups_dir(tmp_path / "new.duckdb").exists()


MENTEE_CSV = ("full_name,email,region,career_stage,themes,goals\n"
              "Ada Backup,ada.backup@example.org,Wales,early career,confidence,Lead a team\n")


def test_a_backup_is_taken_before_an_import_commit_but_not_a_dry_run(con, demo_db):
    from casson import importer

    folder = config.backups_dir(demo_db)
    dry = importer.run(con, "mentees", MENTEE_CSV.encode(), actor="t", cohort="cohort-2",
                       dry_run=True)
    assert dry.status == "dry_run" and not list(folder.glob("*.duckdb"))
    result = importer.run(con, "mentees", MENTEE_CSV.encode(), actor="t", cohort="cohort-2",
                          file_name="new.csv")
    assert result.status == "committed"
    made = list(folder.glob("casson-*-before-import-mentees.duckdb"))
    assert len(made) == 1
    with duckdb.connect(str(made[0]), read_only=True) as old:  # the state just before the import
        assert old.execute("SELECT count(*) FROM people WHERE email_key = 'ada.backup@example.org'"
                           ).fetchone()[0] == 0
