"""Backups: a consistent copy of the live database, restore, and a copy before every change.

`backup(con, dest)` copies through the open connection (ATTACH + COPY FROM DATABASE in one
transaction), so the running dashboard can take it; DuckDB lets one process write a file, so
the CLI can only back up a database nobody else holds. Automatic copies go to `backups/`
beside the database (data/backups/, git-ignored) as `<stem>-<UTC time>-<reason>.duckdb`, and
only the newest `backup_keep` (setting, default 20) are kept.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from casson import config

KEEP_DEFAULT = 20
_REASON = re.compile(r"[^a-z0-9]+")


def db_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file behind a connection (None in memory)."""
    row = con.execute("SELECT path FROM duckdb_databases() "
                      "WHERE database_name = current_database()").fetchone()
    return Path(row[0]) if row and row[0] else None


def backup(con: duckdb.DuckDBPyConnection, dest: str | os.PathLike[str]) -> Path:
    """Write a consistent copy of the connection's database to a new file `dest`."""
    dest = Path(dest)
    if dest.exists():
        raise FileExistsError(f"{dest} already exists; choose a new file name.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    source = con.execute("SELECT current_database()").fetchone()[0]
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    con.execute(f"ATTACH '{_quote(tmp)}' AS casson_backup")
    try:
        con.execute(f'COPY FROM DATABASE "{source}" TO casson_backup')
    finally:
        con.execute("DETACH casson_backup")
    os.replace(tmp, dest)  # a half-written backup never carries the final name
    return dest


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _keep(con: duckdb.DuckDBPyConnection) -> int:
    try:
        from casson import settings

        return max(1, int(settings.get(con, "backup_keep") or KEEP_DEFAULT))
    except Exception:  # noqa: BLE001 - before the settings table exists
        return KEEP_DEFAULT


def before_change(con: duckdb.DuckDBPyConnection, reason: str,
                  folder: str | os.PathLike[str] | None = None) -> Path | None:
    """A timestamped copy before an import commit, migration, restore or erasure.

    Returns the file, or None for an in-memory database. Keeps the newest N (setting)."""
    source = db_file(con)
    if source is None:
        return None
    folder = Path(folder) if folder else config.backups_dir(source)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    tag = _REASON.sub("-", reason.lower()).strip("-")[:40] or "change"
    dest = backup(con, folder / f"{source.stem}-{stamp}-{tag}.duckdb")
    prune(folder, source.stem, _keep(con))
    return dest


def prune(folder: Path, stem: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` automatic backups of a database."""
    found = sorted(folder.glob(f"{stem}-*.duckdb"), key=lambda p: p.name)
    gone = found[:-keep] if keep else found
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def restore(src: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path | None:
    """Replace the database file `dest` with the backup `src`; returns the safety copy taken.

    Needs the file to be free (DatabaseBusy otherwise). The current file is first backed up."""
    from casson import db

    src, dest = Path(src), Path(dest)
    check = duckdb.connect(str(src), read_only=True)
    try:
        version = db.schema_version(check)
    finally:
        check.close()
    if version < 1:
        raise ValueError(f"{src} is not a Casson database (no schema version).")
    safety = None
    if dest.exists():
        con = db.connect(dest, migrate_schema=False)  # raises DatabaseBusy if the app holds it
        try:
            safety = before_change(con, "before-restore")
        finally:
            con.close()
    tmp = dest.with_name(dest.name + ".restoring")
    tmp.unlink(missing_ok=True)
    try:
        target = duckdb.connect(str(tmp))
        name = target.execute("SELECT current_database()").fetchone()[0]
        target.execute(f"ATTACH '{_quote(src)}' AS casson_src (READ_ONLY)")
        target.execute(f'COPY FROM DATABASE casson_src TO "{name}"')
        target.execute("DETACH casson_src")
        target.execute("CHECKPOINT")
        target.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    Path(str(dest) + ".wal").unlink(missing_ok=True)
    os.replace(tmp, dest)
    return safety


def table_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """A content hash per table (rows sorted), to prove two databases hold the same data."""
    from casson import db

    out = {}
    for table in db.table_names(con):
        h = hashlib.sha256()
        for row in sorted(repr(r) for r in con.execute(f'SELECT * FROM "{table}"').fetchall()):
            h.update(row.encode("utf-8"))
        out[table] = h.hexdigest()
    return out
