"""links --cohort ID --purpose meeting|checkin|survey|details [--json]: personal links."""

from __future__ import annotations

import argparse
import getpass
import json

from casson.commands import EXIT_OK, EXIT_REJECTED, CommandError, open_existing
from casson.participants import responses

NAME = "links"
HELP = "each participant's personal link for one purpose (for a mail merge elsewhere)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cohort", required=True, help="cohort id, e.g. cohort-2")
    p.add_argument(
        "--purpose", required=True, choices=responses.COHORT_PURPOSES, help="what the link opens"
    )
    p.add_argument(
        "--json", action="store_true", help='print a JSON list of {"email", "url", "expires"}'
    )


def run(args: argparse.Namespace) -> int:
    con = open_existing(args.db)
    try:
        try:
            found = responses.issue_for_cohort(
                con, f"cli:{getpass.getuser()}", args.cohort, args.purpose
            )
        except responses.ResponseError as exc:
            raise CommandError(str(exc), code=EXIT_REJECTED) from exc
    finally:
        con.close()
    if args.json:
        print(json.dumps(found))
        return EXIT_OK
    for row in found:
        print(f"{row['email']}\t{row['expires']}\t{row['url']}")
    print(f"{len(found)} {args.purpose} links for {args.cohort}.")
    return EXIT_OK
