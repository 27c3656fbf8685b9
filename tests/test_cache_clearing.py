"""A websocket `clear_cache` (Streamlit answers it from any socket) clears nothing unless an
admin or staff member sends it, and never closes the DuckDB connection every session shares."""

from __future__ import annotations

import asyncio
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import streamlit as st
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.wire import TIMEOUT_S, WireSession, session_token
from casson.mentoring import cohorts
from tests.conftest import _copies
from tests.support import serve_app
from ui import data

# The page each role lands on over the wire, and a heading it shows.
HOME = {
    "admin": ("people", "People"),
    "staff": ("people", "People"),
    "trustee": ("overview", "programme overview"),
    "reviewer": ("reviews", "My reviews"),
}


def _run(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API keeps an event loop running in
    this one when browser tests ran earlier in the session."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _cached_functions(base: str) -> set[str]:
    """The st.cache_data functions holding results in the server (Streamlit's own metrics)."""
    url = base + "/_stcore/metrics?families=cache_memory_bytes"
    with urllib.request.urlopen(url, timeout=10) as reply:
        lines = reply.read().decode().splitlines()
    return {
        line.split('cache="', 1)[1].split('"', 1)[0]
        for line in lines
        if line.startswith("cache_memory_bytes{") and "st_cache_data" in line
    }


async def _clear_cache(session: WireSession) -> None:
    """Send clear_cache, then a heartbeat: its answer comes once the clear was handled."""
    assert session.ws is not None
    clear, beat = BackMsg(), BackMsg()
    clear.clear_cache = True
    beat.app_heartbeat = True
    await session.ws.send(clear.SerializeToString())
    await session.ws.send(beat.SerializeToString())
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(await asyncio.wait_for(session.ws.recv(), TIMEOUT_S))
        if reply.WhichOneof("type") == "heartbeat_ack":
            return


async def _open_then_clear(base: str, token: str, page: tuple[str, str] | None) -> None:
    async with WireSession(base, token) as session:
        if page is not None:
            await session.open(*page)
        else:  # anonymous: the sign-in form, which the app runs for every URL
            await session.open("", "Sign in")
        await _clear_cache(session)


def _wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + 30  # Streamlit keeps its memory metrics for 5 s
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.5)


@pytest.mark.parametrize("role", [None, "reviewer", "trustee", "staff", "admin"])
def test_only_admin_and_staff_clear_the_caches_and_pages_still_render(
    role, demo_db_template, accounts_template, tmp_path
):
    dbfile, authfile = _copies(demo_db_template, accounts_template, tmp_path)
    with serve_app(dbfile, authfile) as base:
        staff = session_token("staff", str(authfile))
        # fills the query cache (not read here: Streamlit keeps a reading for 5 s)
        _run(_open(base, staff, "people", "People"))
        token = session_token(role, str(authfile)) if role else "no-session"
        _run(_open_then_clear(base, token, HOME.get(role or "")))
        if role in ("admin", "staff"):
            _wait_for(
                lambda: "ui.data._fetched" not in _cached_functions(base),
                f"{role}'s clear_cache did not clear the query cache",
            )
        else:  # the first reading after the clear: Streamlit computes it afresh
            assert "ui.data._fetched" in _cached_functions(base), f"{role} cleared the caches"
        # the shared connection still answers: a staff page renders from the database
        assert _run(_open(base, staff, "people", "People")) > 0


async def _open(base: str, token: str, page_key: str, heading: str) -> float:
    async with WireSession(base, token) as session:
        return await session.open(page_key, heading)


def test_clearing_streamlits_caches_never_closes_the_shared_connection(app_env):
    with data.cursor() as cur:  # a page's query in flight in another session
        st.cache_resource.clear()
        st.cache_data.clear()
        assert cur.execute("SELECT count(*) FROM people").fetchone()[0] > 0
    assert not data.fetch(cohorts.frame).empty
