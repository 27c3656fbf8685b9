"""remind [--as-of DATE] [--send] [--json]: the reminders due on a date, each sent once."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys

from casson.commands import EXIT_OK, EXIT_REJECTED, CommandError, open_existing
from casson.mail import reminders, sending

NAME = "remind"
HELP = "the reminders due on a date (default today); --send sends each one once"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=None,
        help="the date to work from, YYYY-MM-DD (default today)",
    )
    p.add_argument(
        "--send",
        action="store_true",
        help="send (SMTP from CASSON_SMTP_* or .streamlit/secrets.toml, else the outbox)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    try:
        smtp = sending.smtp_settings()
    except sending.MailError as exc:
        raise CommandError(str(exc)) from exc
    con = open_existing(args.db)
    outcome = None
    try:
        plan = reminders.due(con, args.as_of)
        if args.send:
            outcome = reminders.send(con, f"cli:{getpass.getuser()}", plan, smtp)
    finally:
        con.close()
    if args.json:
        print(json.dumps(reminders.to_json(plan, outcome)))
    else:
        for r in plan.due:
            print(f"{r.due_on}  {r.purpose:<12} {r.recipient:<40} {r.message.subject}")
        for note in plan.notes:
            print(note)
        print(
            f"{len(plan.due)} reminder(s) due on {plan.as_of}; {plan.done} already sent; "
            f"{len(plan.skipped)} left out (opted out)."
        )
        if outcome is None:
            print("Preview only: add --send to send them.")
        else:
            print(outcome.summary)
    if outcome is not None and outcome.failed:
        for to, why in outcome.failed:
            print(f"FAILED {to}: {why}", file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK
