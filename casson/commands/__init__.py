"""One module per `python -m casson` command (discovered by casson.cli)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from casson import config, db


def open_existing(db_arg: str | None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Connect to a database that must already exist (commands other than init-db)."""
    from casson.cli import CommandError

    path = config.db_path(db_arg)
    if not Path(path).exists():
        raise CommandError(f"No database at {path}: create it with `python -m casson init-db`.")
    return db.connect(path, read_only=read_only)
