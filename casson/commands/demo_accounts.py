"""demo-accounts: create the accounts file with the demo accounts if it does not exist."""

from __future__ import annotations

import argparse

from casson.platform import accounts, config

NAME = "demo-accounts"
HELP = ("create the accounts file with the demo admin, staff, trustee and reviewer "
        "accounts (if absent)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--accounts",
                   help="accounts file (default: env CASSON_ACCOUNTS, else data/auth.yaml)")


def run(args: argparse.Namespace) -> int:
    path = config.accounts_path(args.accounts)
    if accounts.ensure_demo_accounts(path):
        print(f"Created {path} with demo accounts "
              f"{', '.join(accounts.DEMO_ACCOUNTS)} (see README).")
    else:
        print(f"{path} exists; accounts unchanged.")
    return 0
