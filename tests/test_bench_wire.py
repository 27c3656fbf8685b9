"""The 10-session bench's sessions over the wire (bench/wire.py) load the server as a signed-in
person does: they reach a page only with a live session cookie and a role that may open it."""

from __future__ import annotations

import pytest

from bench.wire import WireSession, session_token
from tests.support import run_async


async def _open(base: str, token: str, page_key: str, heading: str) -> float:
    async with WireSession(base, token) as session:
        return await session.open(page_key, heading)


def test_a_session_over_the_wire_opens_a_page_only_when_signed_in(private_server):
    base, dbfile = private_server
    accounts = dbfile.parent / "auth.yaml"
    token = session_token("staff", str(accounts))
    assert run_async(_open(base, token, "people", "People")) > 0
    with pytest.raises(RuntimeError, match="did not see 'People'"):
        run_async(_open(base, "not-a-live-session", "people", "People"))
    with pytest.raises(RuntimeError, match="did not see 'People'"):  # not available to trustees
        run_async(_open(base, session_token("trustee", str(accounts)), "people", "People"))
