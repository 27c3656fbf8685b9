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
import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from casson.platform import config, dbfiles, settings
from casson.platform.errors import Refused

KEEP_DEFAULT = 20
_REASON = re.compile(r"[^a-z0-9]+")


def db_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file behind a connection (None in memory)."""
    return dbfiles.file_of(con)


def backup(con: duckdb.DuckDBPyConnection, dest: str | os.PathLike[str]) -> Path:
    """Write a consistent copy of the connection's database to a new file `dest`."""
    return dbfiles.copy(con, dest)


def _keep(con: duckdb.DuckDBPyConnection) -> int:
    try:
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
    src, dest = Path(src), Path(dest)
    if dbfiles.file_schema_version(src) < 1:
        raise Refused(f"{src} is not a Casson database (no schema version).")
    safety = None
    if dest.exists():
        con = dbfiles.open_file(dest)  # raises DatabaseBusy if the app holds it
        try:
            safety = before_change(con, "before-restore")
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
