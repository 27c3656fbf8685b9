"""attention --cohort ID [--as-of DATE] [--json]: who in a cohort needs attention on a date."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from casson.commands import EXIT_OK, CommandError, open_existing
from casson.mentoring import attention
from casson.outcomes import kpis

NAME = "attention"
HELP = "pairs and people of a cohort needing attention on a date (default today), with reasons"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cohort", required=True, help="cohort id, e.g. cohort-2")
    p.add_argument("--as-of", type=dt.date.fromisoformat, default=None,
                   help="the date to look from, YYYY-MM-DD (default today, within the term)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    con = open_existing(args.db, read_only=True)
    try:
        known = kpis.cohort_ids(con)
        if args.cohort not in known:
            raise CommandError(f"No cohort {args.cohort!r}. Known cohorts: "
                               f"{', '.join(known) or 'none'}.",
                               code=1)
        as_of = args.as_of or attention.default_as_of(attention.term(con, args.cohort))
        found = attention.items(con, args.cohort, as_of)
    finally:
        con.close()
    if args.json:
        print(json.dumps(attention.to_json(args.cohort, as_of, found), default=str))
        return EXIT_OK
    print(f"cohort {args.cohort} on {as_of}: {len(found)} needing attention")
    for i in found:
        who = " / ".join(e for e in (i.mentor_email, i.mentee_email) if e)
        print(f"  {i.kind:<6} {who}")
        for r in i.reasons:
            print(f"         - {r}")
    return EXIT_OK
