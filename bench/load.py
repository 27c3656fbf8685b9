"""`make load`: simultaneous browser sessions against a real server, p50/p95 page times.

Starts `streamlit run app.py` on a loopback port over a private copy of the demo database
(or `--db` a copy of another), then drives N headless Chromium sessions at once (one
browser, N contexts, asyncio): each signs in through the form, opens every page its role may
open, and changes a filter. Any Streamlit exception box, failed navigation or missing
sign-in counts as an error. Results go to bench/load-results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright

from bench.browsing import ARGS, CHROMIUM, _pct, _session

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "load-results.json"


async def _drive(base: str, sessions: int, rounds: int) -> tuple[list, list, list, float]:
    times: list = []
    errors: list = []
    retries: list = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        start = time.perf_counter()
        await asyncio.gather(*(_session(browser, base, n, rounds, times, errors, retries)
                               for n in range(sessions)))
        wall = time.perf_counter() - start
        await browser.close()
    return times, errors, retries, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2, help="passes over the pages per session")
    parser.add_argument("--db", help="database to copy (default: a fresh demo database)")
    parser.add_argument("--upload", action="store_true",
                        help="idle, then while one more session uploads the largest file within "
                             "the limits (bench/load_upload.py)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    if args.upload:
        from bench import load_upload

        return load_upload.run(args.sessions, args.rounds, args.db)
    from tests.support import demo_files, serve_app  # the same start-up the browser tests use

    dbfile, authfile = demo_files(Path(tempfile.mkdtemp(prefix="casson-load-")), args.db)
    with serve_app(dbfile, authfile) as base:
        times, errors, retries, wall = asyncio.run(_drive(base, args.sessions, args.rounds))
    shutil.rmtree(dbfile.parent, ignore_errors=True)

    all_ms = [ms for _, ms in times]
    by_page: dict[str, list[float]] = {}
    for name, ms in times:
        by_page.setdefault(name, []).append(ms)
    report = {
        "sessions": args.sessions, "rounds": args.rounds, "requests": len(times),
        "errors": errors, "retried_clicks": retries, "wall_s": round(wall, 1),
        "p50_ms": _pct(all_ms, 0.5) if all_ms else None,
        "p95_ms": _pct(all_ms, 0.95) if all_ms else None,
        "pages": {k: {"n": len(v), "p50_ms": _pct(v, 0.5),
                      "p95_ms": _pct(v, 0.95)} for k, v in sorted(by_page.items())},
    }
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{args.sessions} simultaneous sessions, {len(times)} page loads in {wall:.1f} s, "
          f"{len(errors)} errors, {len(retries)} clicks retried")
    print(f"{'page':<36} {'n':>4} {'p50 ms':>8} {'p95 ms':>8}")
    for name, stats in report["pages"].items():
        print(f"{name:<36} {stats['n']:>4} {stats['p50_ms']:>8} {stats['p95_ms']:>8}")
    if all_ms:
        print(f"{'all':<36} {len(all_ms):>4} {report['p50_ms']:>8} {report['p95_ms']:>8}")
    for e in errors:
        print("ERROR", e)
    return 1 if errors or not all_ms else 0


if __name__ == "__main__":
    sys.exit(main())
