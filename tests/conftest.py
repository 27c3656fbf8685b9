"""Fixtures that build real databases and accounts files, and drive the real app."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from casson import accounts, db, demo

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


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database built once per test session; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "demo.duckdb"
    con = db.connect(path)
    demo.load(con)
    con.execute("CHECKPOINT")
    con.close()
    return path


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for one test."""
    path = tmp_path / "casson.duckdb"
    shutil.copy(demo_db_template, path)
    return path


@pytest.fixture
def con(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = db.connect(demo_db)
    yield connection
    connection.close()


@pytest.fixture
def empty_con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = db.connect(tmp_path / "empty.duckdb")
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def accounts_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("accounts") / "auth.yaml"
    accounts.ensure_demo_accounts(path)
    return path


@pytest.fixture
def accounts_file(accounts_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "auth.yaml"
    shutil.copy(accounts_template, path)
    return path


@pytest.fixture
def app_env(demo_db: Path, accounts_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app at private copies and start from empty Streamlit caches."""
    import streamlit as st

    monkeypatch.setenv("CASSON_DB", str(demo_db))
    monkeypatch.setenv("CASSON_ACCOUNTS", str(accounts_file))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield demo_db
    st.cache_data.clear()
    st.cache_resource.clear()


def signed_in_app(role: str, script: str = "app.py", timeout: float = 60):
    """An AppTest of `script` signed in as the demo account named after `role` (the bench uses it too)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / script), default_timeout=timeout)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = role
    at.session_state["name"] = role.capitalize()
    at.session_state["roles"] = [role]
    # a live server-side session, as the sign-in form would have issued (casson.signin)
    from casson import config, signin

    store = signin.AuthStore(config.auth_state_path())
    at.session_state["casson_session"] = store.issue(role, time.time())
    return at


# -- the real app in a real browser --------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_app(dbfile: Path, authfile: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free loopback port over the given files; yields its URL.

    Browser tests that change data should use a private server (see `private_server`)
    so that the shared `live_server` stays as the demo left it.
    """
    port = _free_port()
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
            deadline = time.time() + 60
            while True:
                try:
                    with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    if time.time() > deadline or proc.poll() is not None:
                        raise RuntimeError(f"streamlit did not start; see {logfile}") from None
                    time.sleep(0.3)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _copies(template_db: Path, template_auth: Path, workdir: Path) -> tuple[Path, Path]:
    dbfile, authfile = workdir / "casson.duckdb", workdir / "auth.yaml"
    shutil.copy(template_db, dbfile)
    shutil.copy(template_auth, authfile)
    return dbfile, authfile


@pytest.fixture(scope="session")
def live_server(demo_db_template: Path, accounts_template: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a private demo database, shared by read-only browser tests."""
    files = _copies(demo_db_template, accounts_template, tmp_path_factory.mktemp("live"))
    with serve_app(*files) as base:
        yield base


@pytest.fixture
def private_server(demo_db_template: Path, accounts_template: Path,
                   tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The app over a demo database of this test's own: yields (URL, database file)."""
    dbfile, authfile = _copies(demo_db_template, accounts_template, tmp_path)
    with serve_app(dbfile, authfile) as base:
        yield base, dbfile


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright launches Debian's chromium: nothing is downloaded here."""
    if not Path(CHROMIUM).exists():
        # In CI a missing browser is a failure, never a skip.
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


def wait_for_app(page) -> None:
    """Wait until Streamlit has finished running the script for the current page."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           timeout=30_000)
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           timeout=30_000)


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
    page.locator('[data-testid="stSidebar"] button:has-text("Sign out"), [data-testid="stAlert"]').first.wait_for(timeout=30_000)
    wait_for_app(page)
