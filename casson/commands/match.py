"""match --cohort ID [--json] [--apply]: suggested pairs for a cohort's unmatched mentees."""

from __future__ import annotations

import argparse
import json

from casson.commands import EXIT_OK, CommandError, open_existing
from casson.mentoring import matching
from casson.mentoring.pairs import PairError
from casson.outcomes import kpis

NAME = "match"
HELP = "suggest optimal mentor-mentee pairs for a cohort (and --apply them as proposed)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cohort", required=True, help="cohort id, e.g. cohort-2")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--apply", action="store_true",
                   help="write the suggested pairs (status proposed, matched_by suggested)")
    p.add_argument("--actor", default="cli", help="name recorded in the pair history (default cli)")


def run(args: argparse.Namespace) -> int:
    con = open_existing(args.db, read_only=not args.apply)
    try:
        known = kpis.cohort_ids(con)
        if args.cohort not in known:
            raise CommandError(f"No cohort {args.cohort!r}. Known cohorts: "
                               f"{', '.join(known) or 'none'}.",
                               code=1)
        proposal = matching.propose(con, args.cohort)
        counts = None
        if args.apply:
            try:
                counts = matching.apply(con, args.actor, proposal)
            except PairError as exc:
                raise CommandError(f"Nothing was written: {exc}", code=1) from exc
    finally:
        con.close()
    if args.json:
        print(json.dumps(proposal.to_json()))
        return EXIT_OK
    print(f"cohort {proposal.cohort}: {len(proposal.pairs)} suggested pairs, total score "
          f"{proposal.total_score:g}, {len(proposal.unmatched)} mentees left unmatched")
    for s in proposal.pairs:
        print(f"  {s.mentee.email:<40} <- {s.mentor.email:<40} {s.score:5.2f}  {s.reasons}")
    for m in proposal.unmatched:
        print(f"  {m.email:<40} (no free mentor place)")
    if counts is not None:
        print(f"applied: {counts['created']} created, {counts['moved']} moved, "
              f"{counts['withdrawn']} withdrawn")
    return EXIT_OK
