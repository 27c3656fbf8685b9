"""Fixtures that build real databases and accounts files, and drive the real app."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import settings

from casson import demo
from casson.platform import accounts, db
from tests.support import (  # re-exported: tests import these from tests.conftest too
    CHROMIUM,
    CHROMIUM_ARGS,
    DEMO_PASSWORDS,
    ROOT,
    open_tab,
    serve_app,
    sign_in,
    sign_out,
    signed_in_app,
    track_runs,
    wait_for_app,
)

# No Hypothesis deadlines: timing targets belong in `make bench`, never in a test that fails
# under load (test_parsers once failed with DeadlineExceeded on a busy machine).
settings.register_profile("casson", deadline=None)
settings.load_profile("casson")

__all__ = ["DEMO_PASSWORDS", "ROOT", "open_tab", "serve_app", "sign_in", "sign_out",
           "signed_in_app",
           "wait_for_app"]


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
    from ui import data

    st.cache_data.clear()
    st.cache_resource.clear()
    yield demo_db
    st.cache_data.clear()
    st.cache_resource.clear()
    data.release_connection()  # the app's connection is held outside Streamlit's caches


@pytest.fixture
def pairs_page(app_env: Path) -> Any:
    """The Pairs page script in AppTest, as staff, on cohort-2 (its own guard applies)."""
    at = signed_in_app("staff", "views/pairs.py").run()
    assert not at.exception
    at.selectbox(key="pairs_cohort").select("cohort-2").run()
    return at


# -- the real app in a real browser --------------------------------------------------------

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


@pytest.fixture
def context(context: Any) -> Any:
    """pytest-playwright's context, with its script runs followed (tests.support.wait_for_app)."""
    track_runs(context)
    return context


@pytest.fixture(scope="session")
def shared_context(browser: Any, browser_context_args: dict) -> Iterator[Any]:
    """One browser context per worker for the `page` of every test that does not ask for a
    context of its own. A new context starts a new renderer with an empty cache: signing in
    and drawing the Overview cost Chromium 4.2-5.8 s of a core in a new context, 2.8-3.0 s in
    this one."""
    shared = browser.new_context(**browser_context_args)
    track_runs(shared)
    yield shared
    shared.close()


@pytest.fixture
def page(request: pytest.FixtureRequest, shared_context: Any) -> Iterator[Any]:
    """A new tab for the test. A test that asks for `context` gets its tab there, in a context
    of its own; otherwise the tab opens in the worker's shared context, which is left as a new
    one would be: its tabs closed, its cookies, permissions and each origin's storage cleared."""
    if "context" in request.fixturenames:
        yield request.getfixturevalue("context").new_page()
        return
    tab = shared_context.new_page()
    yield tab
    for opened in shared_context.pages:
        with contextlib.suppress(Exception):  # a tab on about:blank or a closed one
            opened.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        opened.close()
    shared_context.clear_cookies()
    shared_context.clear_permissions()


# The longest tests start first (about their seconds on two cores, longest first): handed out
# last, one of them would run alone at the end while the other worker waits.
SLOW_FIRST = (
    "test_accessibility_browser.py::test_every_lazy_tab",
    "test_subject_access.py::test_every_row_erasure",
    "test_keyboard_browser.py::test_staff",
    "test_grants_browser.py",
    "test_week_journey_browser.py",
    "test_accessibility_browser.py",
    "test_intake_browser.py",
    "test_running_browser.py",
    "test_presentation_browser.py",
    "test_cli_while_app_runs.py",
    "test_same_numbers.py",
    "test_keyboard_browser.py",
    "test_upload_browser.py",
    "test_file_modes.py",
    "test_cache_clearing.py",  # a server of their own, unmarked (no Chromium)
    "test_bench_wire.py",
)


def _start_rank(item: pytest.Item) -> int:
    """SLOW_FIRST in its order, then the other browser tests (seconds each), then the rest."""
    node = item.nodeid.removeprefix("tests/")
    return next((n for n, slow in enumerate(SLOW_FIRST) if node.startswith(slow)),
                len(SLOW_FIRST) + (0 if item.get_closest_marker("browser") else 1))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_start_rank)  # stable: the rest keep their order
