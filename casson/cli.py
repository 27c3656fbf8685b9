"""`python -m casson`: the command-line contract of DESIGN.md.

Each command is a module in casson/commands/ (found by name: adding one needs no line here).
CommandError and the exit codes live in casson.commands, so commands never import this module.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from casson import commands
from casson.commands import EXIT_OK, EXIT_USAGE, CommandError
from casson.platform.dbfiles import DatabaseBusy


def _command_modules() -> list[ModuleType]:
    found = []
    for info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            found.append(module)
    return sorted(found, key=lambda m: m.NAME)


def build_parser() -> tuple[argparse.ArgumentParser,
                            dict[str, Callable[[argparse.Namespace], int]]]:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help="database file (default: env CASSON_DB, else data/casson.duckdb)")
    parser = argparse.ArgumentParser(prog="python -m casson", description="Casson Dashboard",
                                     parents=[common])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    runners: dict[str, Callable[[argparse.Namespace], int]] = {}
    for module in _command_modules():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP,
                           parents=[common])
        module.add_arguments(p)
        runners[module.NAME] = module.run
    return parser, runners


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit code (never a traceback unless CASSON_DEBUG=1)."""
    parser, runners = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "db"):
        args.db = None
    try:
        code = runners[args.command](args)
        sys.stdout.flush()  # a closed pipe surfaces here, not in the interpreter's exit
        return code
    except CommandError as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    except DatabaseBusy as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # `… | head` closed the pipe: the reader has what it wanted. Point stdout at devnull
        # so the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("Interrupted; nothing more was written.", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # never a traceback for the user; CASSON_DEBUG=1 shows it
        if os.environ.get("CASSON_DEBUG"):
            raise
        print(f"Unexpected error ({type(exc).__name__}): {exc}", file=sys.stderr)
        return EXIT_USAGE
