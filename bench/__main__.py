"""`make bench`: build the profession-scale database, run every suite, print and save the table.

Each suite runs in a process of its own, so each peak-memory figure belongs to one workload
(the app's page renders, matching, the board pack…) rather than to everything at once.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import generate, suites
from bench.results import Result, table, write

PEAK_MEMORY_TARGET_MB = 500
_CHILD = "--suite-child"


@dataclass
class Context:
    db: Path
    accounts: Path


def _quiet_streamlit() -> None:
    """AppTest and the cached readers run outside `streamlit run`, where Streamlit logs
    "missing ScriptRunContext" on every call: hundreds of lines around the table. Errors stay."""
    from streamlit import config, logger

    config.set_option("logger.level", "error")  # what a config re-read applies
    logger.set_log_level("error")  # the loggers made already, and those made later


def _run_child(name: str) -> int:
    """In the child: run one suite, print its results and this process's peak memory as JSON."""
    _quiet_streamlit()
    ctx = Context(db=Path(os.environ["CASSON_DB"]), accounts=Path(os.environ["CASSON_ACCOUNTS"]))
    results = importlib.import_module(f"bench.suites.{name}").run(ctx)
    peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps({"results": [asdict(r) for r in results], "peak_mb": peak_mb}))
    return 0


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == _CHILD:
        return _run_child(sys.argv[2])
    start = time.perf_counter()
    if not generate.BENCH_DB.exists():
        print("building the profession-scale database…", flush=True)
    subprocess.run([sys.executable, "-c", "from bench import generate; generate.ensure()"],
                   check=True)
    accounts = generate.BENCH_DIR / "auth.yaml"
    from casson.platform import accounts as acc

    acc.ensure_demo_accounts(accounts)
    env = {**os.environ, "CASSON_DB": str(generate.BENCH_DB), "CASSON_ACCOUNTS": str(accounts)}

    only = set(sys.argv[1:])
    results: list[Result] = []
    peaks: list[tuple[float, str]] = []
    for info in sorted(pkgutil.iter_modules(suites.__path__), key=lambda i: i.name):
        if only and info.name not in only:
            continue
        print(f"running {info.name}…", flush=True)
        done = subprocess.run([sys.executable, "-m", "bench", _CHILD, info.name], env=env,
                              stdout=subprocess.PIPE, text=True, check=True)
        report = json.loads(done.stdout.strip().splitlines()[-1])
        results.extend(Result(**r) for r in report["results"])
        peaks.append((report["peak_mb"], info.name))
    for peak_mb, name in peaks:
        results.append(Result(f"peak memory: {name} suite process", peak_mb, "MB",
                              PEAK_MEMORY_TARGET_MB))
    if peaks:
        worst = max(peaks)
        results.append(Result("peak memory (largest of the suite processes)", worst[0], "MB",
                              PEAK_MEMORY_TARGET_MB, f"the {worst[1]} suite"))
    write(results)
    print()
    print(table(results))
    print(f"\n{len(results)} figures in {time.perf_counter() - start:.0f} s; saved to "
          "bench/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
