"""report --cohort ID --out FILE.pdf: the trustees' board pack."""

from __future__ import annotations

import argparse
from pathlib import Path

from casson.commands import EXIT_OK, CommandError, open_existing
from casson.outcomes import kpis

NAME = "report"
HELP = "write the trustees' board pack of a cohort as a PDF"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cohort", required=True, help="cohort id, e.g. pilot-2021")
    p.add_argument("--out", required=True, help="the PDF file to write, e.g. board-pack.pdf")


def run(args: argparse.Namespace) -> int:
    from casson.outcomes import board_pack
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise CommandError(f"--out {args.out}: the board pack is a PDF; give a file name "
                           "ending in .pdf.", code=2)
    if not out.parent.is_dir():
        raise CommandError(f"--out {args.out}: the folder {out.parent} does not exist.", code=2)
    con = open_existing(args.db, read_only=True)
    try:
        try:
            board_pack.write(con, args.cohort, out)
        except kpis.UnknownCohort as exc:
            known = ", ".join(kpis.cohort_ids(con)) or "none"
            raise CommandError(f"{exc} Known cohorts: {known}.", code=1) from exc
        except board_pack.ChartRenderError as exc:
            raise CommandError(str(exc), code=2) from exc
    finally:
        con.close()
    print(f"wrote {out} (board pack of {args.cohort})")
    return EXIT_OK
