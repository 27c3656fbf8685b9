"""import KIND FILE [--cohort ID] [--sheet NAME] [--dry-run] [--valid-only] [--map "HEADER=field"]
[--ignore "HEADER"]: the Upload page's engine, its automatic and remembered mappings. A Teams or
Zoom attendance report imports as `attendance` with no mapping."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from casson import importer
from casson.commands import EXIT_OK, EXIT_REJECTED, CommandError, open_existing

NAME = "import"
HELP = "import a CSV or XLSX file of " + ", ".join(importer.KINDS)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", help="one of: " + ", ".join(importer.KINDS))
    p.add_argument("file", help="the CSV or XLSX file")
    p.add_argument("--cohort", help="the cohort (needed for mentors, mentees and survey)")
    p.add_argument("--sheet", metavar="NAME",
                   help="the workbook's sheet to read (default: the one whose header fits)")
    p.add_argument("--dry-run", action="store_true",
                   help="check every row and report what would change; write nothing")
    p.add_argument("--valid-only", action="store_true",
                   help="write the valid rows; write the rest to FILE.errors.csv to fix")
    p.add_argument("--map", action="append", default=[], metavar='"HEADER=field"',
                   help="import the column HEADER as field (repeatable); remembered for next time")
    p.add_argument("--ignore", action="append", default=[], metavar='"HEADER"',
                   help="leave the column HEADER out on purpose (repeatable); remembered too")
    p.add_argument("--actor", default=None, help="who is importing (default: your login name)")


def _mapping(args: argparse.Namespace) -> dict[str, str | None]:
    given: dict[str, str | None] = {}
    for item in args.map:
        header, sep, field = item.rpartition("=")
        if not sep or not header.strip() or not field.strip():
            raise CommandError(f'--map {item!r}: write it as --map "HEADER=field".')
        given[header.strip()] = field.strip()
    for header in args.ignore:
        given[header.strip()] = None
    return given


def _actor(args: argparse.Namespace) -> str:
    if args.actor:
        return args.actor
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        return "cli"


def _rejected(name: str, result: importer.ImportResult) -> str:
    """The last line of a rejection: what kind of problem, and what to do (said once above)."""
    if any(e.row is None and e.column == importer.FILE for e in result.errors):
        return (f"Rejected {name}: the file cannot be imported as it is (above); nothing was "
                "written.")
    if any(e.column == importer.MAPPING for e in result.errors):
        return (f"Rejected {name}: the column mapping needs you (above: give --map or --ignore "
                "as it says); nothing was written.")
    rows = "1 row has" if result.rows_error == 1 else f"{result.rows_error:,} rows have"
    return f"Rejected {name}: {rows} errors (fix those cells in the file); nothing was written."


def run(args: argparse.Namespace) -> int:
    if args.kind not in importer.KINDS:
        raise CommandError(f"Cannot import {args.kind!r}: choose one of "
                           f"{', '.join(importer.KINDS)}.")
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"Cannot read {args.file}: no such file.")
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise CommandError(f"Cannot read {args.file}: {exc.strerror}.") from exc
    given = _mapping(args)
    con = open_existing(args.db)
    try:
        result = importer.run(con, args.kind, path, actor=_actor(args), cohort=args.cohort,
                              dry_run=args.dry_run, valid_only=args.valid_only, mapping=given,
                              sheet=args.sheet)
    finally:
        con.close()
    for error in result.errors:
        print(error.line(), file=sys.stderr)
    if result.mapping_saved:
        print(f"The mapping is remembered for {args.kind} files with these headers "
              f"(saved mapping #{result.mapping_saved}).", file=sys.stderr)
    for note in result.notes:
        print(note, file=sys.stderr)
    counts = (f"{result.rows_new} new, {result.rows_updated} updated, "
              f"{result.rows_unchanged} unchanged, {result.rows_error} with errors")
    if result.status == "rejected":
        print(_rejected(path.name, result), file=sys.stderr)
        return EXIT_REJECTED
    if result.status == "dry_run":
        print(f"Dry run of {path.name}: nothing was written; it would give {counts}.")
        return EXIT_OK
    print(f"Imported {path.name} as {result.kind}: {counts} (import #{result.import_id}).")
    if result.bad_rows:
        bad = path.with_name(path.stem + ".errors.csv")
        try:
            bad.write_bytes(result.bad_rows)
            print(f"The {result.rows_error} rows not written are in {bad}: fix and "
                  "import them again.")
        except OSError as exc:
            print(f"Could not write the rows in error to {bad}: {exc.strerror}.", file=sys.stderr)
    return EXIT_OK
