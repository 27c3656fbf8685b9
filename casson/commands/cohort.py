"""cohort add ID --name NAME [--starts DATE] [--ends DATE] · cohort list: cohorts without the
page."""

from __future__ import annotations

import argparse
import getpass

from casson.commands import EXIT_OK, EXIT_REJECTED, CommandError, open_existing
from casson.mentoring import cohorts
from casson.platform import parsers

NAME = "cohort"
HELP = "add a cohort, or list the cohorts"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="cohort_command", metavar="ACTION")
    sub.required = True
    # --db after the action too (`cohort add X --name N --db F`), as on every other command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help="database file")
    add = sub.add_parser("add", help="create a cohort", parents=[common])
    add.add_argument("id", help="the cohort id, e.g. cohort-3")
    add.add_argument("--name", required=True, help='its name, e.g. "Cohort 3 (2026-27)"')
    add.add_argument("--starts", help="start date (2026-09-01 or 01/09/2026)")
    add.add_argument("--ends", help="end date")
    sub.add_parser("list", help="every cohort with its numbers of mentors and mentees",
                   parents=[common])


def _date(text: str | None, flag: str):
    if not text:
        return None
    try:
        return parsers.parse_date(text)
    except ValueError as exc:
        raise CommandError(f"{flag} {text!r} {exc}.") from None


def run(args: argparse.Namespace) -> int:
    if args.cohort_command == "list":
        con = open_existing(args.db, read_only=True)
        try:
            rows = cohorts.listed(con)
        finally:
            con.close()
        if not rows:
            print("No cohorts yet: add one with `python -m casson cohort add ID --name NAME`.")
        for r in rows:
            dates = " to ".join(str(d) for d in (r["starts_on"], r["ends_on"]) if d) or "no dates"
            print(f"{r['id']}\t{r['name']}\t{dates}\t{r['mentors']} mentors, "
                  f"{r['mentees']} mentees")
        return EXIT_OK
    starts, ends = _date(args.starts, "--starts"), _date(args.ends, "--ends")
    try:
        actor = f"cli:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        actor = "cli"
    con = open_existing(args.db)
    try:
        made = cohorts.add(con, args.id, args.name, starts, ends, actor=actor)
    except cohorts.CohortError as exc:
        raise CommandError(str(exc), EXIT_REJECTED) from None
    finally:
        con.close()
    print(f"Created cohort {made['id']} ({made['name']}).")
    return EXIT_OK
