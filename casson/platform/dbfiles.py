"""Database files on disk: private modes, a consistent copy, replacing a file, what a file holds.

The ground floor under db, backup, restore and erasure: it imports nothing of casson, so
every module above can use it without an import circle.

The files hold personal data, so they are created 0600 in 0700 folders whatever the umask:
`private()` tightens the process umask (DuckDB creates and deletes its WAL as it goes, so a
chmod after the fact would miss the next one) and chmods the files that already exist.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import duckdb

FILE_MODE = 0o600
FOLDER_MODE = 0o700
_PRIVATE_UMASK = 0o077
_LOCK_PID = re.compile(r"PID (\d+)")


class DatabaseBusy(RuntimeError):
    """Another process (usually the running dashboard) holds the database file."""


def wal(path: str | os.PathLike[str]) -> Path:
    """DuckDB's write-ahead log beside a database file."""
    return Path(f"{path}.wal")


def private_umask() -> None:
    """Make every file this process creates from now on owner-only (0600 / 0700)."""
    old = os.umask(_PRIVATE_UMASK)
    os.umask(old | _PRIVATE_UMASK)


def private_folder(folder: str | os.PathLike[str]) -> Path:
    """Create a folder (and its parents) 0700. An existing folder is tightened only if it is
    one of ours (backups/): a --db in /tmp must not chmod /tmp."""
    folder = Path(folder)
    created = not folder.exists()
    private_umask()
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if created or folder.name == "backups":
        os.chmod(folder, FOLDER_MODE)
    return folder


def private(path: str | os.PathLike[str]) -> Path:
    """Tighten a database file and its WAL to 0600 (those that exist), and the umask."""
    path = Path(path)
    private_umask()
    for f in (path, wal(path)):
        with contextlib.suppress(FileNotFoundError):
            os.chmod(f, FILE_MODE)
    return path


# The trust's data is a few thousand rows in some forty tables. In DuckDB's default 256 KB
# blocks the demo took 57 blocks, 14.2 MB, for well under a megabyte of data, and each import
# first writes a backup of the whole file; in 16 KB blocks it is 1.1 MB. A file keeps the block
# size it was made with: these apply to new files and copies (an older file shrinks when a
# compaction rewrites it).
BLOCK_SIZE = 16_384
NEW_FILE: dict[str, str | bool | int | float | list[str]] = {"default_block_size": str(BLOCK_SIZE)}


def open_file(path: str | os.PathLike[str], read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a database file privately; DatabaseBusy when another process holds it."""
    path = Path(path)
    if not read_only:
        private_folder(path.parent)
    try:
        if not read_only and not path.exists():
            # made in small blocks, then opened as any file is: a process may hold only one
            # configuration of a file, and others open it with none
            duckdb.connect(str(path), config=NEW_FILE).close()
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            pid = _LOCK_PID.search(str(exc))
            holder = f" (process {pid.group(1)})" if pid else ""
            raise DatabaseBusy(
                f"The database {path} is in use by another program{holder}, probably the "
                "running dashboard: stop it first, or pass --db to use another file."
            ) from exc
        raise
    if not read_only:
        private(path)
    return con


def _companions(path: Path) -> list[Path]:
    """The file and what DuckDB keeps beside it (its WAL), as they are now."""
    return [path, *sorted(p for p in path.parent.glob(f"{path.name}.*") if p.is_file())]


def _signature(files: list[Path]) -> tuple[tuple[str, int, int, int] | None, ...]:
    found: list[tuple[str, int, int, int] | None] = []
    for f in files:
        try:
            st = os.stat(f)
        except FileNotFoundError:
            found.append(None)
            continue
        found.append((f.name, st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(found)


def read_copy(path: str | os.PathLike[str], attempts: int = 50) -> Path:
    """Copy a database file that another process holds (the running dashboard) with its WAL
    into a new private folder, for a read-only command; returns the copy's path (same name).

    DuckDB lets no second process open a file it holds, even read-only. A byte copy is
    consistent when neither file changed while it was taken (size, mtime and inode the same
    before and after, so no commit or checkpoint ran in between); otherwise it is taken again.
    The caller removes the folder (`shutil.rmtree(copy.parent)`)."""
    path = Path(path)
    folder = Path(tempfile.mkdtemp(prefix=".read-copy-", dir=path.parent))  # 0700
    private_umask()
    for _ in range(attempts):
        files = _companions(path)
        before = _signature(files)
        for f in files:
            with contextlib.suppress(FileNotFoundError):  # a WAL checkpointed away meanwhile
                shutil.copyfile(f, folder / f.name)
        if _signature(_companions(path)) == before:
            return folder / path.name
        for f in folder.iterdir():
            f.unlink()
    shutil.rmtree(folder, ignore_errors=True)
    raise DatabaseBusy(f"The database {path} kept changing while it was copied for reading: "
                       "try again in a moment.")


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> Any:
    """The first column of the first row of a statement that always returns one row."""
    row = con.execute(sql, params).fetchone()
    if row is None:
        raise LookupError(f"No row from: {sql}")
    return row[0]


def literal(path: str | os.PathLike[str]) -> str:
    """A file name as an SQL string literal (ATTACH takes no parameters)."""
    return "'" + str(path).replace("'", "''") + "'"


def identifier(name: str) -> str:
    """A catalog name as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def file_of(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file behind a connection's current database (None in memory)."""
    row = con.execute("SELECT path FROM duckdb_databases() "
                      "WHERE database_name = current_database()").fetchone()
    return Path(row[0]) if row and row[0] else None


def copy(con: duckdb.DuckDBPyConnection, dest: str | os.PathLike[str],
         source: str | None = None) -> Path:
    """Write a consistent copy of a database the connection has open (its current one unless
    `source` names another) to the new file `dest`, 0600.

    One transaction (ATTACH, COPY FROM DATABASE), so the running dashboard can take it. The
    copy is written as `dest.part` and renamed: a half-written copy never has the final name."""
    dest = Path(dest)
    if dest.exists():
        raise FileExistsError(f"{dest} already exists; choose a new file name.")
    private_folder(dest.parent)
    if source is None:
        source = scalar(con, "SELECT current_database()")
    part = dest.with_name(dest.name + ".part")
    part.unlink(missing_ok=True)
    try:
        con.execute(f"ATTACH {literal(part)} AS casson_copy (BLOCK_SIZE {BLOCK_SIZE})")
        try:
            con.execute(f"COPY FROM DATABASE {identifier(source)} TO casson_copy")
        finally:
            con.execute("DETACH casson_copy")  # closing it checkpoints: no WAL is left behind
    except BaseException:
        part.unlink(missing_ok=True)
        wal(part).unlink(missing_ok=True)
        raise
    os.replace(private(part), dest)
    return dest


def copy_file(src: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path:
    """Copy a database file nobody holds (opened read-only) to the new file `dest`."""
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {literal(src)} AS casson_src (READ_ONLY)")
        return copy(con, dest, source="casson_src")
    finally:
        con.close()


def replace(new: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """Put the closed database file `new` in place of `target` (whose stale WAL goes)."""
    target = Path(target)
    wal(target).unlink(missing_ok=True)
    os.replace(private(new), target)
    return target


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest applied migration, 0 on an empty database."""
    exists = scalar(con, "SELECT count(*) FROM information_schema.tables "
                         "WHERE table_name = 'schema_version'")
    if not exists:
        return 0
    return int(scalar(con, "SELECT coalesce(max(version), 0) FROM schema_version"))


def file_schema_version(path: str | os.PathLike[str]) -> int:
    """The schema version of a closed database file (opened read-only)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return schema_version(con)
    finally:
        con.close()


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The base tables of the main schema, sorted."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]
