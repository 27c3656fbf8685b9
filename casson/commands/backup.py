"""backup [--out FILE]: a consistent copy of the database (data/backups/ by default)."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from casson.commands import EXIT_OK, CommandError, open_existing
from casson.platform import config
from casson.protection import backups

NAME = "backup"
HELP = "copy the database to a backup file (data/backups/ unless --out)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", help="backup file to write (must not exist)")


def run(args: argparse.Namespace) -> int:
    # While the dashboard holds the file, the backup is written from a consistent copy.
    con = open_existing(args.db, copy_when_busy=True)
    try:
        if args.out:
            if Path(args.out).exists():
                raise CommandError(f"{args.out} already exists; choose a new file name.", code=1)
            dest = backups.backup(con, args.out)
        else:
            made = backups.back_up_now(con, f"cli:{getpass.getuser()}", config.backups_dir(args.db))
            if made is None:  # only an in-memory database has no file behind it
                raise CommandError("An in-memory database has no file to back up.")
            dest = made
    finally:
        con.close()
    print(f"Backed up {config.db_path(args.db)} to {dest}.")
    return EXIT_OK
