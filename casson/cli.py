"""`python -m casson`: the command-line contract of DESIGN.md.

Each command is a module in casson/commands/ with NAME, HELP, add_arguments(parser) and
run(args) -> exit code. Exit codes: 0 done; 1 input rejected (nothing written); 2 usage
error, unreadable file or database busy.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from casson import commands
from casson.db import DatabaseBusy

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure to report in one line, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _command_modules() -> list:
    found = []
    for info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            found.append(module)
    return sorted(found, key=lambda m: m.NAME)


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help="database file (default: env CASSON_DB, else data/casson.duckdb)")
    parser = argparse.ArgumentParser(prog="python -m casson", description="Casson Dashboard",
                                     parents=[common])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    runners = {}
    for module in _command_modules():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP,
                           parents=[common])
        module.add_arguments(p)
        runners[module.NAME] = module.run
    return parser, runners


def main(argv: Sequence[str] | None = None) -> int:
    parser, runners = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "db"):
        args.db = None
    try:
        return runners[args.command](args)
    except CommandError as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    except DatabaseBusy as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Interrupted; nothing more was written.", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # never a traceback for the user; CASSON_DEBUG=1 shows it
        if os.environ.get("CASSON_DEBUG"):
            raise
        print(f"Unexpected error ({type(exc).__name__}): {exc}", file=sys.stderr)
        return EXIT_USAGE
