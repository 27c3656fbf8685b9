"""Helpers that the tests and the bench share (no fixtures, no pytest: bench/ imports this).

tests/conftest.py builds its fixtures on these and re-exports them, so tests may import them
from either module.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import weakref
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, expect

from casson import demo
from casson.platform import accounts, config, db, signin

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORDS = {u: pw for u, (_, _, pw) in accounts.DEMO_ACCOUNTS.items()}
# expect(...) waits for what it checks; a loaded machine (two cores, eight of us) is slow.
expect.set_options(timeout=30_000)


def signed_in_app(role: str, script: str = "app.py", timeout: float = 60) -> Any:
    """An AppTest of `script` signed in as the demo account named after `role` (the bench uses it
    too)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / script), default_timeout=timeout)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = role
    at.session_state["name"] = role.capitalize()
    at.session_state["roles"] = [role]
    # a live server-side session, as the sign-in form would have issued (casson.platform.signin)
    store = signin.AuthStore(config.auth_state_path())
    at.session_state["casson_session"] = store.issue(role, time.time())
    return at


def open_tab(at: Any, key: str, label: Any = True) -> Any:
    """Open a lazy tab (st.tabs(..., key=key, on_change="rerun")) or, with no label, a lazy
    expander in an AppTest, as a click would: only what is open runs."""
    at.session_state[key] = label
    return at.run()


def lazy_containers(at: Any) -> list[tuple[str, list[Any]]]:
    """The keyed tab sets and expanders on an AppTest's page: (key, states), a tab set's
    states being its labels and an expander's [False, True] (closed, open). A keyed block's id
    ends in "-<key>" (Streamlit's widget id)."""
    found: list[tuple[str, list[Any]]] = []

    def walk(node: Any) -> None:
        kind = getattr(node, "type", None)
        if kind == "tab_container" and node.proto.id:
            key = node.proto.id.split("-", 2)[-1]
            found.append((key, [tab.proto.label for tab in node.children.values()]))
        elif kind == "expander" and node.proto.id:
            found.append((node.proto.id.split("-", 2)[-1],
                          [bool(node.proto.expanded), not node.proto.expanded]))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def each_tab(at: Any) -> Iterator[str]:
    """Yield once per view of the page: as opened, then with each other lazy tab open in turn
    and each lazy expander opened (tabs inside tabs too). Only what is open runs, so a sweep
    must open every one."""
    yield "page"
    seen: set[tuple[str, str]] = set()
    while True:
        sets = lazy_containers(at)
        for key, labels in sets:
            seen.add((key, at.session_state[key] if key in at.session_state else labels[0]))
        todo = [(key, label) for key, labels in sets for label in labels if (key,
                                                                             label) not in seen]
        if not todo:
            return
        key, label = todo[0]
        seen.add((key, label))
        open_tab(at, key, label)
        yield f"{key}={label}"


# -- the real app in a real browser --------------------------------------------------------

def demo_files(work: Path, seed_db: str | Path | None = None) -> tuple[Path, Path]:
    """A database (a copy of `seed_db`, else a fresh demo one) and demo accounts in `work`."""
    dbfile, authfile = work / "casson.duckdb", work / "auth.yaml"
    if seed_db:
        shutil.copy(seed_db, dbfile)
    else:
        con = db.connect(dbfile)
        demo.load(con)
        con.close()
    accounts.ensure_demo_accounts(authfile)
    return dbfile, authfile


def run_async(coroutine: Any) -> Any:
    """asyncio.run in a thread of its own: Playwright's sync API keeps an event loop running in
    this one when browser tests ran earlier in the session (the websocket tests' clients)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def wait_until_healthy(base: str, proc: subprocess.Popen, log: object, timeout: float = 60) -> None:
    """Poll a starting `streamlit run` at `base` until its health check answers (the one poll)."""
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                raise RuntimeError(f"streamlit did not start; see {log}") from None
            time.sleep(0.3)  # the poll's interval: nothing to wait on until the port answers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_app(dbfile: Path, authfile: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free loopback port over the given files; yields its URL.

    Browser tests that change data should use a private server (see `private_server`)
    so that the shared `live_server` stays as the demo left it.
    """
    port = free_port()
    env = {**os.environ, "CASSON_DB": str(dbfile), "CASSON_ACCOUNTS": str(authfile)}
    logfile = dbfile.parent / f"streamlit-{port}.log"
    with logfile.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_healthy(base, proc, logfile)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


# Counts the script runs a page asks for and the runs the server reports finished, from the
# websocket's own messages (Streamlit's protobufs, top-level fields only): BackMsg field 11 is
# rerun_script, ForwardMsg field 6 is script_finished (0 finished, 1 compile error, 2 stopped
# early for a rerun, 3 a fragment finished). A widget change marks the page running only once
# the server has begun the rerun; the sent message is the first sign of it.
RUN_TRACKER = """(() => {
  if (window.cassonRuns) return;
  const runs = window.cassonRuns = {lastSend: 0, finishedAt: 0};
  const fields = (data) => {
    const b = data instanceof ArrayBuffer ? new Uint8Array(data)
      : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : null;
    const found = new Map();
    if (!b) return found;
    let i = 0;
    const varint = () => { let v = 0, m = 1, c;
      do { c = b[i++]; v += (c & 127) * m; m *= 128; } while (c & 128 && i < b.length);
      return v; };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) found.set(field, varint());
      else if (wire === 2) { const n = varint(); found.set(field, -1); i += n; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else break;
    }
    return found;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        const status = fields(e.data).get(6);
        if (status !== undefined && status !== 2) runs.finishedAt = performance.now();
      });
    }
    send(data) {
      if (fields(data).has(11)) runs.lastSend = performance.now();
      return super.send(data);
    }
  };
})();"""
SETTLED = """(quiet) => {
  const runs = window.cassonRuns, now = performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === "notRunning" && runs.finishedAt > runs.lastSend
    && now - runs.finishedAt >= quiet && !document.querySelector('[data-testid="stSkeleton"]');
}"""
_tracked: weakref.WeakSet = weakref.WeakSet()


def track_runs(context) -> None:
    """Let wait_for_app follow this browser context's script runs (pages opened from now on)."""
    if context not in _tracked:
        _tracked.add(context)
        context.add_init_script(RUN_TRACKER)


def wait_for_app(page) -> None:
    """Wait until Streamlit has finished running the script for the current page: every run
    the page asked for has finished, the page says it is not running, and no element is still
    a placeholder while its code loads."""
    if page.evaluate("() => !!window.cassonRuns"):
        # 50 ms after the finish: the page draws the last messages in the tasks that follow
        page.wait_for_function(SETTLED, arg=50, timeout=30_000, polling=25)
        return
    track_runs(page.context)  # a page opened before tracking: its next load is tracked
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           timeout=30_000)
    # A widget change marks the app running only when the server starts the rerun: the browser
    # has no sign of a rerun still to come, so give it this moment to begin, then wait again.
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           timeout=30_000)


def choose_cohort(page, option: str) -> None:
    """Pick a cohort in the page's cohort picker by (part of) its label; pages open on the
    current cohort, so tests of the pilot's figures choose it."""
    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(
        has_text="Cohort").first.click()
    page.get_by_role("option").filter(has_text=option).first.click()
    wait_for_app(page)


def find_bid(page, base: str, reference: str) -> Locator:
    """Open Grant bids and search for one bid by reference; returns the main area."""
    page.goto(f"{base}/bids")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    search = main.get_by_label("Search reference, project, applicant or notes")
    search.fill(reference)
    search.press("Enter")
    wait_for_app(page)
    return main


def sign_out(page) -> None:
    """Click Sign out and wait for the sign-in form (the rerun may not have begun when the
    click returns, so waiting for the app alone can read the old page)."""
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("textbox", name="Username").wait_for(state="visible", timeout=30_000)
    wait_for_app(page)


def sign_in(page, base: str, username: str, password: str | None = None) -> None:
    """Sign in through the real form."""
    page.goto(base + "/")
    wait_for_app(page)
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(password or DEMO_PASSWORDS[username])
    page.get_by_role("button", name="Sign in").click()
    # Done when the app shows the signed-in frame or says why not (a loaded machine is slow).
    page.locator('[data-testid="stSidebar"] button:has-text("Sign out"), '
                 '[data-testid="stAlert"]').first.wait_for(timeout=30_000)
    wait_for_app(page)
    if page.locator('[data-testid="stSidebar"] button:has-text("Sign out")').count():
        wait_for_session_cookie(page)


def wait_for_session_cookie(page, timeout_s: float = 30) -> None:
    """Signed in, the browser writes the session cookie a moment later (a component's frame):
    a test that opens another address before then would meet the sign-in form again."""
    from ui.auth import SESSION

    deadline = time.monotonic() + timeout_s
    while not any(c["name"] == SESSION for c in page.context.cookies()):
        if time.monotonic() > deadline:
            raise AssertionError("the browser never wrote the session cookie")
        page.wait_for_timeout(100)


def grid_rows(frame: Locator) -> list[list[str]]:
    """The cells of an st.dataframe, row by row (its grid keeps them in an accessible table)."""
    frame.locator("[role=gridcell]").first.wait_for(state="attached")
    rows = [[c.text_content() or "" for c in row.locator("[role=gridcell]").all()]
            for row in frame.locator("[role=row]").all()]
    return [r for r in rows if r]
