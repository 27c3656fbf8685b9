"""The DuckDB connection, numbered migrations and transactions.

One connection per process; callers take a `.cursor()` per call because a DuckDB
connection raises when two threads use it at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from casson.platform import dbfiles, faults, safety_copies
from casson.platform.config import MIGRATIONS_DIR
from casson.platform.dbfiles import (
    DatabaseBusy as DatabaseBusy,  # re-exported: callers catch db.DatabaseBusy
)
from casson.platform.dbfiles import schema_version as schema_version
from casson.platform.dbfiles import table_names as table_names

T = TypeVar("T")

# The wait between write retries; a test replaces it on this module alone (not time.sleep).
_pause: Callable[[float], None] = time.sleep


def connect(path: str | Path, read_only: bool = False,
            migrate_schema: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the database file (0600 in a 0700 folder), and bring the schema up to date."""
    con = dbfiles.open_file(path, read_only=read_only)
    if migrate_schema and not read_only:
        migrate(con)
    return con


def migrations() -> list[tuple[int, str, Path]]:
    """The numbered migration files, in order: (version, name, path)."""
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        version = int(path.name[:4])
        found.append((version, path.stem[5:], path))
    versions = [v for v, _, _ in found]
    if len(versions) != len(set(versions)):
        raise RuntimeError(f"Two migrations share a number: {versions}")
    return found


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    # Every migration not yet recorded, not only those above the highest: numbers are handed
    # out ahead of time, so 0002 may land after a database already has 0004.
    done = {r[0] for r in con.execute("SELECT version FROM schema_version").fetchall()}
    applied = []
    pending = [v for v, _, _ in migrations() if v not in done]
    if done and pending:
        # An existing database is about to change shape: keep a copy first (data/backups/).
        safety_copies.before_change(con, f"before-migration-{pending[0]:04d}")
    for version, name, path in migrations():
        if version in done:
            continue
        with transaction(con):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
        applied.append(version)
    return applied


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT, rolled back on any exception so nothing is half-written."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    faults.point("db.before_commit")
    con.execute("COMMIT")
    faults.point("db.after_commit")


def is_write_conflict(exc: BaseException) -> bool:
    """DuckDB's optimistic concurrency control refuses the second of two racing writes."""
    return isinstance(exc, duckdb.TransactionException) or "conflict" in str(exc).lower()


def write(con: duckdb.DuckDBPyConnection, work: Callable[[duckdb.DuckDBPyConnection], T],
          attempts: int = 5) -> T:
    """Run `work(cursor)` in a transaction, retrying when DuckDB reports a write conflict."""
    delay = 0.02
    for attempt in range(1, attempts + 1):
        cur = con.cursor()
        try:
            with transaction(cur):
                return work(cur)
        except Exception as exc:
            if attempt == attempts or not is_write_conflict(exc):
                raise
            _pause(delay)
            delay *= 2
        finally:
            cur.close()
    raise AssertionError("unreachable")

