"""Backups: a consistent copy of the live database, restore, and a copy before every change.

`backup(con, dest)` copies through the open connection (casson.platform.dbfiles.copy), so the
running
dashboard can take it; DuckDB lets one process write a file, so
the CLI can only back up a database nobody else holds. Automatic copies go to `backups/`
beside the database (data/backups/, git-ignored) as `<stem>-<UTC time>-<reason>.duckdb`, and
only the newest `backup_keep` (setting, default 20) are kept. Backups are 0600 in a 0700 folder.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb

from casson.platform import audit, dbfiles, safety_copies
from casson.platform.errors import Refused


def db_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file behind a connection (None in memory)."""
    return dbfiles.file_of(con)


def backup(con: duckdb.DuckDBPyConnection, dest: str | os.PathLike[str]) -> Path:
    """Write a consistent copy of the connection's database to a new file `dest`."""
    return dbfiles.copy(con, dest)


def back_up_now(con: duckdb.DuckDBPyConnection, actor: str,
                folder: str | os.PathLike[str] | None = None) -> Path | None:
    """A backup asked for by a person (the admin page, `backup`): kept with the automatic ones,
    and audited. None for an in-memory database."""
    dest = safety_copies.before_change(con, "manual", folder)
    if dest is not None:
        audit.record(con, actor, "backup", "database", dest.name)
    return dest


def restore(src: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path | None:
    """Replace the database file `dest` with the backup `src`; returns the safety copy taken.

    Needs the file to be free (DatabaseBusy otherwise). The current file is first backed up."""
    src, dest = Path(src), Path(dest)
    if dbfiles.file_schema_version(src) < 1:
        raise Refused(f"{src} is not a Casson database (no schema version).")
    safety = None
    if dest.exists():
        con = dbfiles.open_file(dest)  # raises DatabaseBusy if the app holds it
        try:
            safety = safety_copies.before_change(con, "before-restore")
        finally:
            con.close()
    tmp = dest.with_name(dest.name + ".restoring")
    tmp.unlink(missing_ok=True)
    dbfiles.replace(dbfiles.copy_file(src, tmp), dest)
    return safety


def table_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """A content hash per table (rows sorted), to prove two databases hold the same data."""
    out = {}
    for table in dbfiles.table_names(con):
        h = hashlib.sha256()
        rows = con.execute(f"SELECT * FROM {dbfiles.identifier(table)}").fetchall()
        for row in sorted(repr(r) for r in rows):
            h.update(row.encode("utf-8"))
        out[table] = h.hexdigest()
    return out
