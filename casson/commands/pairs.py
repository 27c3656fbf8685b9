"""pairs activate --cohort ID [--all | --pair N ...]: proposed pairs become active (one change,
audited and undoable on the Pairs page)."""

from __future__ import annotations

import argparse
import datetime as dt

from casson.commands import EXIT_OK, CommandError, open_existing
from casson.mentoring import pairs
from casson.outcomes import kpis
from casson.platform import parsers
from casson.platform.errors import Refused

NAME = "pairs"
HELP = "change pairs without the page: `pairs activate` makes proposed pairs active"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["activate"], help="what to do")
    p.add_argument("--cohort", required=True, help="cohort id, e.g. cohort-2")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every proposed pair of the cohort")
    which.add_argument("--pair", type=int, nargs="+", metavar="N", help="these pair ids")
    p.add_argument("--starts", metavar="DATE",
                   help="the pairs' start date (2026-10-01 or 01/10/2026); default today, or "
                        "the cohort's start when activating after it started")
    p.add_argument("--actor", default="cli", help="name recorded in the pair history (default cli)")


def _start(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return parsers.parse_date(text)
    except ValueError as exc:
        raise CommandError(f"--starts {text!r} {exc}.") from None


def run(args: argparse.Namespace) -> int:
    starts = _start(args.starts)
    con = open_existing(args.db)
    try:
        known = kpis.cohort_ids(con)
        if args.cohort not in known:
            raise CommandError(f"No cohort {args.cohort!r}. Known cohorts: "
                               f"{', '.join(known) or 'none'}.",
                               code=1)
        try:
            done = pairs.activate(con, args.actor, args.cohort, None if args.all else args.pair,
                                  started_on=starts)
        except Refused as exc:
            raise CommandError(f"Nothing was activated: {exc}", code=1) from exc
    finally:
        con.close()
    began = done[0]["started_on"] if done else None
    print(f"cohort {args.cohort}: {len(done)} pairs activated, starting {began:%d/%m/%Y} "
          "(undo on the Pairs page)")
    for p in done:
        print(f"  pair {p['id']}: {p['mentee_email']} with {p['mentor_email']}")
    return EXIT_OK
