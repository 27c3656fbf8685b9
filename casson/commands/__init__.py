"""One module per `python -m casson` command (discovered by casson.cli).

A command module has NAME, HELP, add_arguments(parser) and run(args) -> exit code, and
raises CommandError for a failure to report in one line. Exit codes: 0 done; 1 input
rejected (nothing written); 2 usage error, unreadable file or database busy.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from casson.platform import config, db

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure to report in one line, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def open_existing(db_arg: str | None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Connect to a database that must already exist (commands other than init-db)."""
    path = config.db_path(db_arg)
    if not Path(path).exists():
        raise CommandError(f"No database at {path}: create it with `python -m casson init-db`.")
    return db.connect(path, read_only=read_only)
