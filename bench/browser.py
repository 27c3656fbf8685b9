"""Speed as felt: page switches, sign-in and 10 simultaneous sessions in headless Chromium
against a real `streamlit run`, beside a hello-world Streamlit app switched in the same run.

A page switch is timed from the click on a sidebar link to the new page rendered: its URL
shown, its heading drawn and the script finished. `python -m bench.browser` prints the table;
`make bench` runs it as the `browser` suite.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.async_api import async_playwright

from bench.load import ARGS, CHROMIUM, IDLE, ROLES
from bench.results import Result, table
from casson import access, accounts

ROOT = Path(__file__).resolve().parent.parent
BY_PAGE: dict[str, list[float]] = {}  # where the time goes: click-to-rendered per page
SWITCH_TARGET_MS, RATIO_TARGET, SIGNIN_TARGET_MS, P95_TARGET_MS = 500, 2.0, 2000, 2000


@contextmanager
def _hello_server() -> Iterator[str]:
    sys.path.insert(0, str(ROOT))
    from tests.support import free_port, wait_until_healthy

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "bench/hello/app.py"),
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                            cwd=ROOT / "bench/hello", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, proc, "the hello-world app")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def _rendered(page, path: str, heading: str) -> None:
    await page.wait_for_url(f"**/{path}" if path else "**/*", timeout=60_000)
    await page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=60_000)
    await page.wait_for_selector(IDLE, timeout=60_000)


async def _switch(page, title: str, path: str, heading: str) -> float:
    link = page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True)
    t0 = time.perf_counter()
    await link.click(timeout=90_000)
    await _rendered(page, path, heading)
    return (time.perf_counter() - t0) * 1000


HEADINGS = {"overview": "Mentoring programme overview", "outcomes": "Mentoring outcomes",
            "people": "People", "pairs": "Pairs", "bids": "Grant bids", "directory": "Directory",
            "case_studies": "Case studies", "upload": "Upload", "accounts": "Accounts and audit",
            "erasure": "Data protection"}


async def _sign_in(page, base: str, role: str) -> float:
    await page.goto(base + "/", timeout=120_000)
    await page.wait_for_selector(IDLE, timeout=120_000)
    await page.get_by_role("textbox", name="Username").fill(role)
    await page.get_by_role("textbox", name="Password", exact=True).fill(accounts.DEMO_ACCOUNTS[role][2])
    t0 = time.perf_counter()
    await page.get_by_role("button", name="Sign in").click()
    first = access.pages_for(role)[0]
    await page.get_by_role("heading", name=HEADINGS[first.key], exact=True).wait_for(timeout=60_000)
    await page.get_by_role("button", name="Sign out").wait_for(timeout=60_000)
    await page.wait_for_selector(IDLE, timeout=60_000)
    return (time.perf_counter() - t0) * 1000


async def _app_switches(browser, base: str, role: str, rounds: int,
                        together: asyncio.Barrier | None = None) -> tuple[list[float], float]:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    signin = await _sign_in(page, base, role)
    pages = [p for p in access.pages_for(role) if p.key in HEADINGS]
    if together:  # every session is open and has seen each page once before any switch is timed
        for spec in pages[1:] + pages[:1]:
            await _switch(page, spec.title, spec.key, HEADINGS[spec.key])
        await together.wait()
    times = []
    for _ in range(rounds):
        for spec in pages[1:] + pages[:1]:
            ms = await _switch(page, spec.title, spec.key, HEADINGS[spec.key])
            times.append(ms)
            BY_PAGE.setdefault(spec.key, []).append(ms)
    await ctx.close()
    return times, signin


async def _hello_switches(browser, base: str, rounds: int,
                          together: asyncio.Barrier | None = None) -> list[float]:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    await page.goto(base + "/", timeout=120_000)
    await _rendered(page, "", "Hello one")
    if together:
        for title, path, heading in (("Two", "two", "Hello two"), ("One", "", "Hello one")):
            await _switch(page, title, path, heading)
        await together.wait()
    times = []
    for _ in range(rounds * 4):
        times.append(await _switch(page, "Two", "two", "Hello two"))
        times.append(await _switch(page, "One", "", "Hello one"))  # the default page is "/"
    await ctx.close()
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], 1)


async def _measure(app: str, hello: str, rounds: int, sessions: int) -> dict[str, float]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # warm both servers once (first imports, caches), as a person's second visit would be
        await _app_switches(browser, app, "staff", 1)
        await _hello_switches(browser, hello, 1)
        hello_ms = await _hello_switches(browser, hello, rounds)
        app_ms, signin = await _app_switches(browser, app, "staff", rounds)
        signins = [signin] + [(await _app_switches(browser, app, "trustee", 0))[1] for _ in range(2)]
        print(f"serial: switch median {statistics.median(app_ms):.0f} ms, hello {statistics.median(hello_ms):.0f} ms, "
              f"sign-in {statistics.median(signins):.0f} ms", flush=True)
        # Ten people with the app open, all clicking at once. Each session opens, signs in and
        # visits its pages once first, then all switch pages together: ten new browser contexts
        # each fetching and compiling Streamlit's frontend and Plotly on the same two cores is a
        # first visit (timed above as sign-in), not a page switch. Warmed as the serial run is.
        together = asyncio.Barrier(sessions)
        many = [r for r in await asyncio.gather(
            *(_app_switches(browser, app, ROLES[n % len(ROLES)], 1, together) for n in range(sessions)),
            return_exceptions=True) if not isinstance(r, BaseException)]
        if len(many) < sessions:
            print(f"{sessions - len(many)} of {sessions} simultaneous sessions failed", flush=True)
        hello_together = asyncio.Barrier(sessions)
        hello_many = await asyncio.gather(*(_hello_switches(browser, hello, 1, hello_together)
                                            for _ in range(sessions)))
        await browser.close()
    flat = [ms for times, _ in many for ms in times]
    return {"switch": round(statistics.median(app_ms), 1), "hello": round(statistics.median(hello_ms), 1),
            "signin": round(statistics.median(signins), 1), "p95": _p95(flat),
            "hello_p95": _p95([ms for t in hello_many for ms in t])}


def results(dbfile: Path | None = None, rounds: int = 3, sessions: int = 10) -> list[Result]:
    sys.path.insert(0, str(ROOT))
    from tests.support import demo_files, serve_app

    work = Path(tempfile.mkdtemp(prefix="casson-browser-bench-"))
    try:
        copy, authfile = demo_files(work, dbfile)
        with serve_app(copy, authfile) as app, _hello_server() as hello:
            m = asyncio.run(_measure(app, hello, rounds, sessions))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [
        Result("browser: page switch, click to rendered (median)", m["switch"], "ms", SWITCH_TARGET_MS,
               m["hello"]),
        Result("browser: page switch against hello-world", round(m["switch"] / m["hello"], 2), "x",
               RATIO_TARGET, f"hello-world {m['hello']:g} ms"),
        Result("browser: sign-in to rendered Overview (median)", m["signin"], "ms", SIGNIN_TARGET_MS),
        Result(f"browser: {sessions} simultaneous sessions, page switch p95", m["p95"], "ms",
               P95_TARGET_MS, m["hello_p95"]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to copy (default: a fresh demo database)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args(argv)
    rows = results(args.db, args.rounds, args.sessions)
    print(table(rows))
    print("page switch by page (median ms, all sessions): " + ", ".join(
        f"{k} {statistics.median(v):.0f}" for k, v in sorted(BY_PAGE.items())))
    return 0 if all(r.within is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
