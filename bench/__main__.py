"""`make bench`: build the profession-scale database, run every suite, print and save the table."""

from __future__ import annotations

import importlib
import os
import pkgutil
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import generate, suites
from bench.results import Result, table, write

PEAK_MEMORY_TARGET_MB = 500


@dataclass
class Context:
    db: Path
    accounts: Path


def main() -> int:
    start = time.perf_counter()
    if not generate.BENCH_DB.exists():
        print("building the profession-scale database…", flush=True)
    # Built in a child process so that its memory does not count towards the app's peak.
    subprocess.run([sys.executable, "-c", "from bench import generate; generate.ensure()"], check=True)
    accounts = generate.BENCH_DIR / "auth.yaml"
    from casson import accounts as acc

    acc.ensure_demo_accounts(accounts)
    os.environ["CASSON_DB"] = str(generate.BENCH_DB)
    os.environ["CASSON_ACCOUNTS"] = str(accounts)
    ctx = Context(db=generate.BENCH_DB, accounts=accounts)

    only = set(sys.argv[1:])
    results: list[Result] = []
    for info in sorted(pkgutil.iter_modules(suites.__path__), key=lambda i: i.name):
        if only and info.name not in only:
            continue
        module = importlib.import_module(f"bench.suites.{info.name}")
        print(f"running {info.name}…", flush=True)
        results.extend(module.run(ctx))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.append(Result("peak memory (bench process: app renders and suites)", round(peak_mb, 1), "MB",
                          PEAK_MEMORY_TARGET_MB))
    write(results)
    print()
    print(table(results))
    print(f"\n{len(results)} figures in {time.perf_counter() - start:.0f} s; saved to bench/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
