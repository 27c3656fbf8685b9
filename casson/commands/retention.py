"""retention [--apply]: people whose cohorts ended more than `retention_years` ago."""

from __future__ import annotations

import argparse

from casson.commands import EXIT_OK, open_existing
from casson.platform import config, settings
from casson.protection import erasure

NAME = "retention"
HELP = "list (or with --apply erase) people past the retention period (setting retention_years)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--apply", action="store_true", help="anonymise them now")
    p.add_argument("--years", type=int, help="override the retention_years setting")


def run(args: argparse.Namespace) -> int:
    con = open_existing(args.db)
    try:
        years = args.years if args.years is not None else int(settings.get(con,
                                                                           "retention_years") or 6)
        due = erasure.retention_due(con, years)
        # ids only: names and emails are not printed (terminal output ends up in logs)
        print(f"{len(due)} person(s) past the {years}-year retention period"
              + (f": ids {', '.join(str(i) for i, _ in due)}" if due else "") + ".")
        if not args.apply or not due:
            if due:
                print("Run again with --apply to anonymise them.")
            return EXIT_OK
        done = erasure.apply_retention(con, years, "retention")
    finally:
        con.close()
    erasure.compact(config.db_path(args.db))
    print(f"Anonymised {len(done)} person(s); the database file was rewritten.")
    return EXIT_OK
