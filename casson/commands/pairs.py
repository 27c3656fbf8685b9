"""pairs activate --cohort ID [--all | --pair N ...]: proposed pairs become active (one change,
audited and undoable on the Pairs page)."""

from __future__ import annotations

import argparse

from casson.commands import EXIT_OK, CommandError, open_existing
from casson.mentoring import pairs
from casson.outcomes import kpis

NAME = "pairs"
HELP = "change pairs without the page: `pairs activate` makes proposed pairs active"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["activate"], help="what to do")
    p.add_argument("--cohort", required=True, help="cohort id, e.g. cohort-2")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every proposed pair of the cohort")
    which.add_argument("--pair", type=int, nargs="+", metavar="N", help="these pair ids")
    p.add_argument("--actor", default="cli", help="name recorded in the pair history (default cli)")


def run(args: argparse.Namespace) -> int:
    con = open_existing(args.db)
    try:
        known = kpis.cohort_ids(con)
        if args.cohort not in known:
            raise CommandError(f"No cohort {args.cohort!r}. Known cohorts: "
                               f"{', '.join(known) or 'none'}.",
                               code=1)
        try:
            done = pairs.activate(con, args.actor, args.cohort, None if args.all else args.pair)
        except pairs.PairError as exc:
            raise CommandError(f"Nothing was activated: {exc}", code=1) from exc
    finally:
        con.close()
    print(f"cohort {args.cohort}: {len(done)} pairs activated (undo on the Pairs page)")
    for p in done:
        print(f"  pair {p['id']}: {p['mentee_email']} with {p['mentor_email']}")
    return EXIT_OK
