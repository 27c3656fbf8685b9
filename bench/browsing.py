"""Browser sessions the load benchmarks share (`make load`, `python -m bench.load --upload`):
Chromium's flags, waiting for a page to settle, and one session that signs in and clicks
through the sidebar, timing each page."""

from __future__ import annotations

import time

from casson.platform import access, accounts

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ROLES = ("staff", "trustee", "admin")


async def _settle(page) -> None:
    await page.wait_for_selector(IDLE, timeout=60_000)
    await page.wait_for_timeout(150)
    await page.wait_for_selector(IDLE, timeout=60_000)


async def _open(page, spec, is_home: bool, n: int, retries: list) -> None:
    """Click a sidebar link and wait for its page. On a starved machine a click made while
    the browser is busy can be dropped: click once more, and count it (reported)."""
    link = page.get_by_test_id("stSidebarNav").get_by_text(spec.title, exact=True)
    pattern = "**/*" if is_home else f"**/{spec.key}"
    for attempt in range(2):
        await link.click()
        try:
            await page.wait_for_url(pattern, timeout=30_000)
            break
        except Exception:
            if attempt:
                raise
            retries.append(f"session {n}: {spec.title}")
    await page.wait_for_timeout(100)
    await _settle(page)


async def _session(browser, base: str, n: int, rounds: int, times: list, errors: list,
                   retries: list) -> None:
    role = ROLES[n % len(ROLES)]
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    try:
        t0 = time.perf_counter()
        await page.goto(base + "/")
        await _settle(page)
        times.append(("first load (sign-in form)", (time.perf_counter() - t0) * 1000))
        await page.get_by_role("textbox", name="Username").fill(role)
        await page.get_by_role("textbox", name="Password",
                               exact=True).fill(accounts.DEMO_ACCOUNTS[role][2])
        t0 = time.perf_counter()
        await page.get_by_role("button", name="Sign in").click()
        try:
            await page.get_by_role("button", name="Sign out").wait_for(timeout=90_000)
        except Exception:
            errors.append(f"session {n} ({role}): sign-in failed")
            return
        await _settle(page)
        times.append(("sign in (submit to signed-in page)", (time.perf_counter() - t0) * 1000))
        pages = access.pages_for(role)
        for _ in range(rounds):
            # Click through the sidebar as a person does (one Streamlit session throughout).
            for spec in pages[1:] + pages[:1]:
                t0 = time.perf_counter()
                await _open(page, spec, spec is pages[0], n, retries)
                times.append((spec.title, (time.perf_counter() - t0) * 1000))
                if await page.get_by_test_id("stException").count():
                    errors.append(f"session {n} ({role}): exception on {spec.title}")
                if await page.get_by_role("textbox", name="Password", exact=True).count():
                    errors.append(f"session {n} ({role}): signed out on {spec.title}")
            if role != "trustee":
                await _open(page, access.page("people"), False, n, retries)
                t0 = time.perf_counter()
                await page.get_by_label("Search names and emails").fill("a")
                await page.keyboard.press("Enter")
                await page.wait_for_timeout(100)
                await _settle(page)
                times.append(("filter: People search", (time.perf_counter() - t0) * 1000))
    except Exception as exc:  # a timeout or a crash is an error of the run, not of the tool
        errors.append(f"session {n} ({role}): {type(exc).__name__}: {str(exc).splitlines()[0]}")
    finally:
        await ctx.close()


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))], 1)
