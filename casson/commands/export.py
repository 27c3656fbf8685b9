"""export TABLE [--out FILE]: CSV of a table or view, formulas neutralised."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casson.commands import EXIT_OK, CommandError, open_existing
from casson.platform import exports

NAME = "export"
HELP = "write a table or view as CSV (stdout, or --out FILE)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("table", help="any table of the schema, or one of the views: "
                   + ", ".join(exports.exportable()))
    p.add_argument("--out", help="file to write (default: standard output)")


def run(args: argparse.Namespace) -> int:
    con = open_existing(args.db, read_only=True)
    try:
        known = exports.names(con)
        if args.table not in known:
            raise CommandError(f"Cannot export {args.table!r}: choose one of {', '.join(known)}.")
        text = exports.table_csv(con, args.table)
    finally:
        con.close()
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot write {args.out}: {exc.strerror}.") from exc
        print(f"Wrote {text.count(chr(10)) - 1} rows to {args.out}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK
