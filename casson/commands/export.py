"""export TABLE [--out FILE [--force]]: CSV of a table or view, formulas neutralised.

An export holds personal data: the file is written 0600 (owner only) whatever the umask. An
existing file is kept unless `--force`, and neither the database (with its WAL and backups)
nor the accounts file or its sign-in state is ever written over, `--force` or not.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from casson.commands import EXIT_OK, EXIT_REJECTED, CommandError, open_existing
from casson.platform import config, exports

NAME = "export"
HELP = "write a table or view as CSV (stdout, or --out FILE)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("table", help="any table of the schema, or one of the views: "
                   + ", ".join(exports.exportable()))
    p.add_argument("--out", help="file to write, 0600 (default: standard output)")
    p.add_argument("--force", action="store_true",
                   help="replace --out if it exists (never the database or accounts file)")


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
        _write_private(Path(args.out), text, args.db, force=args.force)
        print(f"Wrote {text.count(chr(10)) - 1} rows to {args.out}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _protected(db_arg: str | None) -> list[Path]:
    """The files an export may never replace: the database, the accounts and their state."""
    dbfile, accounts = config.db_path(db_arg), config.accounts_path()
    state = config.auth_state_path()
    return [dbfile, Path(f"{dbfile}.wal"), accounts, state,
            Path(f"{state}-wal"), Path(f"{state}-shm")]


def _write_private(out: Path, text: str, db_arg: str | None, *, force: bool) -> None:
    target = out.resolve()
    if any(target == p.resolve() for p in _protected(db_arg)) \
            or target.parent == config.backups_dir(db_arg):
        raise CommandError(f"Will not write over {out}: it is the dashboard's own data.",
                           EXIT_REJECTED)
    # O_EXCL: an existing file (or a link to one) is never replaced without --force, and
    # with it O_NOFOLLOW keeps a link from redirecting the write elsewhere.
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC | os.O_NOFOLLOW if force else os.O_EXCL)
    try:
        fd = os.open(out, flags, 0o600)
    except FileExistsError:
        raise CommandError(f"{out} already exists: choose another file, or add --force "
                           "to replace it.", EXIT_REJECTED) from None
    except OSError as exc:
        raise CommandError(f"Cannot write {out}: {exc.strerror}.") from exc
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        os.fchmod(handle.fileno(), 0o600)  # a replaced file keeps its old mode otherwise
        handle.write(text)
