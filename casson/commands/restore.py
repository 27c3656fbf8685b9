"""restore FILE: replace the database with a backup (the current file is backed up first)."""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from casson.commands import EXIT_OK, CommandError
from casson.platform import config
from casson.platform.errors import Refused
from casson.protection import backups

NAME = "restore"
HELP = "replace the database with a backup file (stop the dashboard first)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a backup made by `backup`")


def run(args: argparse.Namespace) -> int:
    src = Path(args.file)
    if not src.is_file():
        raise CommandError(f"No backup file at {src}.")
    dest = config.db_path(args.db)
    try:
        safety = backups.restore(src, dest)
    except (Refused, duckdb.Error) as exc:
        raise CommandError(f"Cannot restore from {src}: {exc}".splitlines()[0], code=1) from exc
    kept = f" The previous database was saved to {safety}." if safety else ""
    print(f"Restored {dest} from {src}.{kept}")
    return EXIT_OK
