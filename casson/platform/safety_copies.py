"""A timestamped copy of the database file before anything changes its shape or much of its
data: a migration, an import commit, an erasure, a restore, or a manual "back up now".

It lives on the platform floor because every floor above takes one (db.migrate included); the
data-protection operations on backups (restore, the admin's backup, hashes) are
casson.protection.backups.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from casson.platform import config, dbfiles, settings

KEEP_DEFAULT = 20
_REASON = re.compile(r"[^a-z0-9]+")


def _keep(con: duckdb.DuckDBPyConnection) -> int:
    try:
        return max(1, int(settings.get(con, "backup_keep") or KEEP_DEFAULT))
    except Exception:  # noqa: BLE001 - before the settings table exists
        return KEEP_DEFAULT


def before_change(con: duckdb.DuckDBPyConnection, reason: str,
                  folder: str | os.PathLike[str] | None = None) -> Path | None:
    """A timestamped copy before an import commit, migration, restore or erasure.

    Returns the file, or None for an in-memory database. Keeps the newest N (setting)."""
    source = dbfiles.file_of(con)
    if source is None:
        return None
    folder = Path(folder) if folder else config.backups_dir(source)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    tag = _REASON.sub("-", reason.lower()).strip("-")[:40] or "change"
    dest = dbfiles.copy(con, folder / f"{source.stem}-{stamp}-{tag}.duckdb")
    prune(folder, source.stem, _keep(con))
    return dest


def prune(folder: Path, stem: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` automatic backups of a database."""
    found = sorted(folder.glob(f"{stem}-*.duckdb"), key=lambda p: p.name)
    gone = found[:-keep] if keep else found
    for path in gone:
        path.unlink(missing_ok=True)
    return gone
