"""A Streamlit session spoken over the wire: the WebSocket messages a browser sends, nothing drawn.

The 10-session bench uses these for the other people at their desks. Each one resumes a live
sign-in from its session cookie, as a reload does, then switches pages at the pace the bench
sets (bench/browser.py). Their browsers would draw on their own computers, not on the server's
two cores, so only the felt sessions are Chromium.
"""

from __future__ import annotations

import asyncio
import time
from types import TracebackType

from streamlit.navigation.page import calc_hash
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from casson.platform import config, signin
from ui.auth import SESSION as SESSION_COOKIE

TIMEOUT_S = 90
_FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY


def session_token(role: str, accounts_file: str) -> str:
    """A live server-side session for the demo account named after `role`, as signing in issues."""
    return signin.AuthStore(config.auth_state_path(accounts_file)).issue(role, time.time())


class WireSession:
    """One signed-in session over /_stcore/stream; `open(page_key)` runs a page and waits."""

    def __init__(self, base: str, token: str) -> None:
        self.url = base.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.token = token
        self.ws: ClientConnection | None = None

    async def __aenter__(self) -> WireSession:
        self.ws = await connect(self.url, subprotocols=[Subprotocol("streamlit")], max_size=None,
                                additional_headers={"Cookie": f"{SESSION_COOKIE}={self.token}"})
        return self

    async def __aexit__(self,
                        *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def open(self, page_key: str, heading: str) -> float:
        """Run one page as a click on its link does; ms until the script finished. Raises if
        the page drawn is not `heading` (a session signed out would load the server less)."""
        assert self.ws is not None
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = calc_hash(page_key)
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        wanted, saw_heading = heading.encode(), False
        while True:
            try:
                frame = await asyncio.wait_for(self.ws.recv(), TIMEOUT_S)
            except TimeoutError:
                raise RuntimeError(f"a session over the wire waited {TIMEOUT_S} s for {page_key!r} "
                                   "to finish") from None
            data = frame if isinstance(frame, bytes) else frame.encode()
            reply = ForwardMsg()
            reply.ParseFromString(data)
            kind = reply.WhichOneof("type")
            # Checked frame by frame: a page's deltas run to megabytes (a table's Arrow bytes).
            saw_heading = saw_heading or (kind == "delta" and wanted in data)
            if kind == "script_finished" and reply.script_finished == _FINISHED:
                break
        if not saw_heading:
            raise RuntimeError(f"a session over the wire opened {page_key!r} but did not see "
                               f"{heading!r}: is its session cookie still live?")
        return (time.perf_counter() - t0) * 1000
