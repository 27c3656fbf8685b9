"""user add | list | remove | passwd | role | unlock: account care (passwords hashed, audited).

Each change writes its audit row (account.add, account.remove, account.passwd, account.role,
account.unlock) naming the account and `cli:<OS user>`, in --db or else the configured database.
The database is opened
before anything changes, so a busy database refuses the command instead of leaving a change
without its row. Sessions live in the SQLite file beside the accounts file, which a running
dashboard shares: removing an account or setting its password ends its sessions at once.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from casson.commands import EXIT_OK, CommandError
from casson.platform import account_care, accounts, config, signin
from casson.platform.vocab import ROLES

NAME = "user"
HELP = "manage sign-in accounts: add, list, remove, passwd, role, unlock"
ACCOUNTS_HELP = "accounts file (default: env CASSON_ACCOUNTS, else data/auth.yaml)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--accounts", default=argparse.SUPPRESS, help=ACCOUNTS_HELP)
    where.add_argument("--db", default=argparse.SUPPRESS,
                       help="database for the audit row (default: the configured one)")
    p.add_argument("--accounts", help=ACCOUNTS_HELP)
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    add = sub.add_parser("add", help="create an account; the password is prompted", parents=[where])
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", help="display name (default: the username)")
    add.add_argument("--email")
    add.add_argument("--sso-only", action="store_true",
                     help="signs in with Microsoft or Google only: no password is asked or kept")
    sub.add_parser("list", help="list accounts and roles", parents=[where])
    rm = sub.add_parser("remove", help="delete an account and end its sessions", parents=[where])
    rm.add_argument("username")
    unlock = sub.add_parser("unlock", help="lift a sign-in lock after repeated failures",
                            parents=[where])
    unlock.add_argument("username")
    passwd = sub.add_parser("passwd", help="set a password (prompted, or one line of stdin)",
                            parents=[where])
    passwd.add_argument("username")
    passwd.add_argument("--temporary", action="store_true",
                        help="the user must choose a new password at the next sign-in")
    role = sub.add_parser("role", help="change an account's role", parents=[where])
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)


def _read_password(prompt: str = "Password: ") -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Repeat password: ") != first:
            raise CommandError("The two passwords differ; nothing was changed.", code=1)
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _audit_db(args: argparse.Namespace) -> Any:
    """The database for the audit row: --db, else the configured one (CASSON_DB, else
    data/casson.duckdb). Opened first, so a busy database refuses before anything changes;
    only when there is no database at all is the change made without a row."""
    path = config.db_path(args.db)
    if not Path(path).exists():
        return nullcontext(None)
    from casson.platform import db

    return db.connect(path)


def run(args: argparse.Namespace) -> int:
    path = config.accounts_path(args.accounts)
    cfg = accounts.load(path)
    users = cfg["credentials"]["usernames"]
    if args.action == "list":
        for username in sorted(users):
            print(f"{username}\t{accounts.role_of(cfg, username) or '-'}\t"
                  f"{users[username].get('name', '')}")
        return EXIT_OK
    username = signin.normalise(args.username) if args.action == "unlock" else args.username
    password = None
    if args.action == "add" and not args.sso_only or args.action == "passwd":
        if args.action == "passwd" and username not in users:
            raise CommandError(f"No account named {username!r}.", code=1)
        password = _read_password()
    try:
        with _audit_db(args) as con:
            message = _change(con, args, path, username, password)
            written = con is not None
    except accounts.AccountError as exc:
        raise CommandError(str(exc), code=1) from exc
    print(message + ("." if written else f" (no audit row: there is no database at "
                                         f"{config.db_path(args.db)}; pass --db)."))
    return EXIT_OK


def _change(con: Any, args: argparse.Namespace, path: Path, username: str,
            password: str | None) -> str:
    """Apply the change through casson.platform.account_care, as the Accounts page does."""
    actor = f"cli:{getpass.getuser()}"
    if args.action == "add":
        account_care.add(con, actor, username, args.name or username, args.role, password or "",
                         args.email, must_change=False, sso_only=bool(args.sso_only), path=path)
        return f"Created {args.role} account {username} in {path}"
    if args.action == "remove":
        ended = account_care.remove(con, actor, username, path)
        return f"Removed account {username}; ended {ended} session(s)"
    if args.action == "passwd":
        ended = account_care.set_password(con, actor, username, password or "",
                                          temporary=bool(args.temporary), path=path)
        return (f"Set a new {'temporary ' if args.temporary else ''}password for {username}; "
                f"ended {ended} session(s)")
    if args.action == "role":
        old = account_care.set_role(con, actor, username, args.role, path)
        return f"{username} is now {args.role} (was {old})"
    was = account_care.unlock(con, actor, username, path)
    return (f"{'Unlocked' if was else 'No lock on'} {username}; "
            "its failed attempts are forgotten")
