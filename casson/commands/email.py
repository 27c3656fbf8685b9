"""email TEMPLATE --cohort ID [--send]: preview (default) or send one template to its recipients."""

from __future__ import annotations

import argparse
import getpass
import sys

from casson.commands import EXIT_OK, EXIT_REJECTED, CommandError, open_existing
from casson.mail import sending, templates

NAME = "email"
HELP = "preview (default) or send one email template to a cohort's recipients"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("template", help="one of: " + ", ".join(templates.TEMPLATES))
    p.add_argument("--cohort", required=True, help="cohort id, e.g. cohort-2")
    p.add_argument("--session", type=int, help="webinar session id (default: the next one)")
    p.add_argument("--send", action="store_true",
                   help="send (SMTP from CASSON_SMTP_* or .streamlit/secrets.toml, "
                        "else the outbox)")
    p.add_argument("--full", action="store_true", help="print every message in full")


def run(args: argparse.Namespace) -> int:
    if args.template not in templates.TEMPLATES:
        raise CommandError(f"There is no email template {args.template!r}: choose one of "
                           f"{', '.join(templates.TEMPLATES)}.")
    try:
        settings = sending.smtp_settings()
    except sending.MailError as exc:
        raise CommandError(str(exc)) from exc
    con = open_existing(args.db)
    try:
        try:
            batch = sending.compose(con, args.template, args.cohort, session_id=args.session)
        except (sending.MailError, templates.TemplateError) as exc:
            raise CommandError(str(exc), code=EXIT_REJECTED) from exc
        for i, m in enumerate(batch.messages):
            print(f"To: {m.name} <{m.recipient}>\nSubject: {m.subject}"
                  + "".join(f"\nAttachment: {f}" for f, _ in m.attachments))
            if args.full or i == 0:
                print("\n" + m.body)
            print("-" * 60)
        for recipient, why in batch.skipped:
            print(f"Not sent to {recipient}: {why}")
        print(f"{len(batch.messages)} message(s) to send; {len(batch.delivered)} already delivered "
              f"earlier; {len(batch.skipped)} recipient(s) left out.")
        if not args.send:
            print("Preview only: add --send to send them.")
            return EXIT_OK
        where = (settings.describe() if settings
                 else f"the outbox ({sending.outbox_dir(sending.db_file_of(con))})")
        print(f"Sending through {where} ...")
        outcome = sending.send(con, f"cli:{getpass.getuser()}", batch, settings)
    finally:
        con.close()
    for recipient, why in outcome.failed:
        print(f"FAILED {recipient}: {why}", file=sys.stderr)
    print(outcome.summary)
    if outcome.failed:
        print("Run the same command again to retry: what was delivered is not sent twice.",
              file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK
