"""One module per `python -m casson` command (discovered by casson.cli).

A command module has NAME, HELP, add_arguments(parser) and run(args) -> exit code, and
raises CommandError for a failure to report in one line. Exit codes: 0 done; 1 input
rejected (nothing written); 2 usage error, unreadable file or database busy.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import sys
from pathlib import Path

import duckdb

from casson.platform import config, db, dbfiles

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure to report in one line, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def open_existing(db_arg: str | None, read_only: bool = False,
                  copy_when_busy: bool | None = None) -> duckdb.DuckDBPyConnection:
    """Connect to a database that must already exist (commands other than init-db).

    A command that only reads (`read_only`, or `copy_when_busy`) still works while the
    dashboard holds the file: it reads a consistent copy taken now (dbfiles.read_copy),
    removed when the command ends. A command that writes gets DatabaseBusy."""
    path = config.db_path(db_arg)
    if not Path(path).exists():
        raise CommandError(f"No database at {path}: create it with `python -m casson init-db`.")
    try:
        return db.connect(path, read_only=read_only)
    except dbfiles.DatabaseBusy:
        if not (read_only if copy_when_busy is None else copy_when_busy):
            raise
    copy = dbfiles.read_copy(path)
    atexit.register(shutil.rmtree, copy.parent, True)
    print(f"The dashboard holds {path}: read a consistent copy of it taken at "
          f"{dt.datetime.now():%H:%M:%S}.", file=sys.stderr)
    return db.connect(copy, migrate_schema=False)
