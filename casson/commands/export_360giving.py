"""export-360giving [--year YYYY] --out FILE.json|.csv: the awarded grants in 360Giving."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from casson.commands import EXIT_OK, EXIT_REJECTED, CommandError, open_existing
from casson.grants import giving360

NAME = "export-360giving"
HELP = (
    "write the awarded grants in the 360Giving Data Standard (JSON package or flat CSV, "
    "chosen by the file's extension)"
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=int, help="only grants awarded in this year, e.g. 2024")
    p.add_argument("--out", required=True, help="FILE.json (the package) or FILE.csv (flat)")


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in giving360.FORMATS:
        raise CommandError(f"--out must end in .json or .csv, not {out.name!r}.")
    con = open_existing(args.db)
    try:
        try:
            pkg = giving360.package(con, args.year)
        except giving360.GivingError as exc:
            raise CommandError(str(exc), code=EXIT_REJECTED) from exc
        data = giving360.to_json(pkg) if fmt == "json" else giving360.to_csv(pkg)
        try:
            out.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Cannot write {out}: {exc.strerror}.") from exc
        giving360.record_export(con, f"cli:{getpass.getuser()}", fmt, args.year, len(pkg["grants"]))
    finally:
        con.close()
    print(
        f"Wrote {len(pkg['grants'])} grant(s) in 360Giving {giving360.STANDARD_VERSION} "
        f"to {out} (valid against casson/grants/giving360_schema.json).",
        file=sys.stderr,
    )
    return EXIT_OK
