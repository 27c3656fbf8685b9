"""The database, its WAL and backups are 0600 in 0700 folders, whatever the umask (issue 12)."""

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MENTEES = "full_name,email,region\nAda Modes,ada.modes@example.org,Wales\n"


def casson(*args: str) -> None:
    """The real CLI in its own process, started with the usual permissive umask."""
    env = {k: v for k, v in os.environ.items() if k != "CASSON_DEBUG"}
    out = subprocess.run([sys.executable, "-m", "casson", *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=180, umask=0o022)
    assert out.returncode == 0, out.stderr


def modes(folder: Path) -> dict[str, str]:
    """Every folder and file under `folder` (itself included) with its permission bits."""
    found = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for path in sorted(folder.rglob("*")):
        found[str(path.relative_to(folder))] = oct(stat.S_IMODE(path.stat().st_mode))
    return found


def assert_private(folder: Path) -> None:
    bad = {name: mode for name, mode in modes(folder).items()
           if mode != ("0o700" if (folder / name).is_dir() else "0o600")}
    assert not bad, f"not private (want files 0600, folders 0700): {bad}"


def test_every_data_file_is_private_after_init_backup_import_erase_and_restore(tmp_path):
    data = tmp_path / "data"
    dbfile = data / "casson.duckdb"

    casson("init-db", "--demo", "--db", str(dbfile))
    assert dbfile.exists()
    assert_private(data)

    os.chmod(dbfile, 0o644)  # a file made before this rule is tightened when next opened
    casson("backup", "--db", str(dbfile))
    casson("backup", "--db", str(dbfile), "--out", str(data / "copies" / "manual.duckdb"))
    assert len(list((data / "backups").glob("*.duckdb"))) == 1
    assert (data / "copies" / "manual.duckdb").exists()
    assert_private(data)

    mentees = tmp_path / "mentees.csv"
    mentees.write_text(MENTEES)
    casson("import", "mentees", str(mentees), "--cohort", "cohort-2", "--db", str(dbfile))
    assert len(list((data / "backups").glob("*before-import*.duckdb"))) == 1
    assert_private(data)

    casson("erase", "ada.modes@example.org", "--yes", "--db", str(dbfile))
    assert_private(data)

    casson("restore", str(data / "copies" / "manual.duckdb"), "--db", str(dbfile))
    assert_private(data)


def test_the_wal_duckdb_writes_later_is_private_too(tmp_path):
    from casson.platform import db, dbfiles

    old = os.umask(0o022)
    try:
        con = db.connect(tmp_path / "new" / "casson.duckdb")
        con.execute("CHECKPOINT")  # the WAL is deleted here and made again by the next write
        con.execute("INSERT INTO settings (key, value) VALUES ('wal_probe', '1')")
        wal = dbfiles.wal(tmp_path / "new" / "casson.duckdb")
        assert wal.exists()
        assert oct(stat.S_IMODE(wal.stat().st_mode)) == "0o600"
        con.close()
    finally:
        os.umask(old)


def test_an_existing_folder_that_is_not_ours_keeps_its_mode(tmp_path):
    from casson.platform import db

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    db.connect(shared / "casson.duckdb").close()
    assert oct(stat.S_IMODE(shared.stat().st_mode)) == "0o755"  # a --db in /tmp must not lock /tmp
    assert oct(stat.S_IMODE((shared / "casson.duckdb").stat().st_mode)) == "0o600"
