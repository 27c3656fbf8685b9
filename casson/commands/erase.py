"""erase EMAIL --yes: anonymise a person everywhere and remove their data from the file."""

from __future__ import annotations

import argparse

from casson.commands import EXIT_OK, CommandError, open_existing
from casson.platform import config
from casson.protection import erasure

NAME = "erase"
HELP = "GDPR erasure: anonymise the person with EMAIL in every table (needs --yes)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("email")
    p.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    p.add_argument("--actor", default="cli", help="name recorded in the audit trail")


def run(args: argparse.Namespace) -> int:
    if not args.yes:
        raise CommandError("Erasure cannot be undone: add --yes to confirm. Nothing was changed.",
                           code=1)
    con = open_existing(args.db)
    try:
        result = erasure.erase_person(con, args.email, args.actor)
    except erasure.ErasureError as exc:
        raise CommandError(str(exc), code=1) from exc
    finally:
        con.close()
    erasure.compact(config.db_path(args.db))
    print(result.summary + " The database file was rewritten without the old data.")
    return EXIT_OK
