"""user add NAME --role ROLE | user list | user remove NAME: accounts (passwords hashed)."""

from __future__ import annotations

import argparse
import getpass
import sys

from casson import accounts, config
from casson.commands import EXIT_OK, CommandError

NAME = "user"
HELP = "manage sign-in accounts: add, list, remove"


def add_arguments(p: argparse.ArgumentParser) -> None:
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--accounts", default=argparse.SUPPRESS,
                       help="accounts file (default: env CASSON_ACCOUNTS, else data/auth.yaml)")
    p.add_argument("--accounts", help="accounts file (default: env CASSON_ACCOUNTS, else data/auth.yaml)")
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    add = sub.add_parser("add", help="create an account; the password is prompted", parents=[where])
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=("admin", "staff", "trustee"))
    add.add_argument("--name", help="display name (default: the username)")
    add.add_argument("--email")
    sub.add_parser("list", help="list accounts and roles", parents=[where])
    rm = sub.add_parser("remove", help="delete an account", parents=[where])
    rm.add_argument("username")
    unlock = sub.add_parser("unlock", help="lift a sign-in lock after repeated failures",
                            parents=[where])
    unlock.add_argument("username")


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != first:
            raise CommandError("The two passwords differ; no account was created.", code=1)
        return first
    return sys.stdin.readline().rstrip("\r\n")


def run(args: argparse.Namespace) -> int:
    path = config.accounts_path(args.accounts)
    cfg = accounts.load(path)
    users = cfg["credentials"]["usernames"]
    if args.action == "list":
        for username in sorted(users):
            print(f"{username}\t{accounts.role_of(cfg, username) or '-'}\t{users[username].get('name', '')}")
        return EXIT_OK
    if args.action == "unlock":
        import time

        from casson import signin

        store = signin.AuthStore(config.auth_state_path(path))
        locked = store.locked_until(signin.normalise(args.username), time.time()) is not None
        store.unlock(signin.normalise(args.username))
        print(f"{'Unlocked' if locked else 'No lock on'} {args.username}; its failed attempts are forgotten.")
        return EXIT_OK
    if args.action == "remove":
        if args.username not in users:
            raise CommandError(f"No account named {args.username!r}.", code=1)
        del users[args.username]
        accounts.save(path, cfg)
        # End every session of the account at once, even in a running dashboard.
        import time

        from casson import signin

        ended = signin.AuthStore(config.auth_state_path(path)).end_user(
            args.username, time.time(), "account removed")
        print(f"Removed account {args.username}; ended {ended} session(s).")
        return EXIT_OK
    password = _read_password()
    try:
        accounts.add_user(cfg, args.username, args.name or args.username, args.role, password, args.email)
    except accounts.AccountError as exc:
        raise CommandError(str(exc), code=1) from exc
    accounts.save(path, cfg)
    print(f"Created {args.role} account {args.username} in {path}.")
    return EXIT_OK
