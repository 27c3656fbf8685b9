"""kpis [--cohort ID] [--json]: the KPIs of DESIGN.md."""

from __future__ import annotations

import argparse
import json

from casson.commands import EXIT_OK, CommandError, open_existing
from casson.outcomes import kpis

NAME = "kpis"
HELP = "print the programme KPIs of a cohort (default: every cohort)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cohort", help="cohort id, e.g. pilot-2021")
    p.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    con = open_existing(args.db, read_only=True)
    try:
        ids = [args.cohort] if args.cohort else kpis.cohort_ids(con)
        try:
            results = [kpis.cohort_kpis(con, c) for c in ids]
        except kpis.UnknownCohort as exc:
            known = ", ".join(kpis.cohort_ids(con)) or "none"
            raise CommandError(f"{exc} Known cohorts: {known}.", code=1) from exc
    finally:
        con.close()
    if args.json:
        print(json.dumps(results[0] if args.cohort else results))
        return EXIT_OK
    for result in results:
        print(f"cohort {result['cohort']}")
        for key in kpis.KPI_KEYS[1:]:
            value = result[key]
            shown = "no responses yet" if value is None else value
            unit = "%" if (key.startswith("pct_")
                           or key.endswith("_rate")) and value is not None else ""
            print(f"  {key:<30} {shown}{unit}")
    return EXIT_OK
