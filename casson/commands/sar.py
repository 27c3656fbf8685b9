"""sar EMAIL --out FILE.zip · sar list: subject access requests (UK GDPR art. 15)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path

from casson.commands import EXIT_OK, CommandError, open_existing
from casson.platform.errors import Refused
from casson.protection import subject_access

NAME = "sar"
HELP = (
    "subject access: `sar EMAIL --out FILE.zip` exports everything held on one person; "
    "`sar list` shows the log of requests with due dates"
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "email",
        metavar="EMAIL|list",
        help="the requester's email address, or `list` for the log of requests",
    )
    p.add_argument("--out", type=Path, help="the ZIP to write (needed for an export)")
    p.add_argument(
        "--received",
        type=dt.date.fromisoformat,
        default=None,
        help="when the request arrived, YYYY-MM-DD (default today)",
    )
    p.add_argument(
        "--log-only", action="store_true", help="record the request as received; export later"
    )
    p.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=None,
        help="with list: the date overdue is judged on (default today)",
    )
    p.add_argument("--json", action="store_true", help="with list: one JSON object")
    p.add_argument("--actor", default="cli", help="name recorded in the log and audit trail")


def run(args: argparse.Namespace) -> int:
    if args.email == "list":
        return _list(args)
    if not args.log_only and args.out is None:
        raise CommandError("Say where to write the export: --out FILE.zip (or --log-only).")
    con = open_existing(args.db)
    try:
        if args.log_only:
            request = subject_access.log_request(con, args.email, args.actor, args.received)
            due = subject_access.due_date(args.received or dt.date.today())
            print(f"Logged request {request}, due {due.isoformat()}.")
            return EXIT_OK
        result = subject_access.export(con, args.email, args.actor, received=args.received)
    except Refused as exc:
        raise CommandError(str(exc), code=1) from exc
    finally:
        con.close()
    _write_private(args.out, result.data)
    print(f"{result.summary} Written to {args.out}.")
    return EXIT_OK


def _write_private(path: Path, data: bytes) -> None:
    """The export holds personal data: only its owner may read it (0600), whatever the umask."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise CommandError(f"Cannot write {path}: {exc.strerror}.") from exc
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, data)
    finally:
        os.close(fd)


def _list(args: argparse.Namespace) -> int:
    con = open_existing(args.db, read_only=True)
    try:
        found = subject_access.requests(con, args.as_of)
    finally:
        con.close()
    late = [r for r in found if r["overdue"]]
    if args.json:
        print(
            json.dumps({"count": len(found), "overdue": len(late), "requests": found}, default=str)
        )
        return EXIT_OK
    print(f"{len(found)} subject access request(s); {len(late)} overdue.")
    for r in found:
        state = (
            ("OVERDUE" if r["overdue"] else "open")
            if r["sent_on"] is None
            else (f"sent {r['sent_on']} by {r['sent_by']}")
        )
        print(
            f"  #{r['id']} {r['email']}: received {r['received_on']}, due {r['due_on']}, "
            f"{state}" + ("" if r["matched"] else " (no record held)")
        )
    return EXIT_OK
