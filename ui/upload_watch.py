"""A long check of an uploaded file: a progress bar, a Cancel button, and a stop when the
browser session that asked for it has gone (closed tab, reload), so a big file never keeps the
server busy for nobody.

Streamlit stops a running script at its next `st.*` call when the user clicks a widget (the
Cancel button here) or when it is asked to stop; every progress update is such a call, and
`casson.importer.reading.watching` makes the file reading itself report progress a few times
a second. A session that has disconnected is noticed at the next update too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import streamlit as st

from casson.importer import reading

CANCELLED_KEY = "upload_cancelled"
BIG_BYTES = 1_000_000  # smaller files are checked in well under a second: no bar, no button

Progress = Callable[[float, str], None]


class SessionGone(Exception):
    """The browser session of this run has disconnected: stop working for it."""


def _session_alive() -> Callable[[], bool]:
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is None or not Runtime.exists():
            return lambda: True
        runtime, session = Runtime.instance(), ctx.session_id
        return lambda: runtime.is_active_session(session)
    except Exception:  # AppTest, or a Streamlit without these internals: nothing to watch
        return lambda: True


def _cancel(key: str) -> None:
    st.session_state[CANCELLED_KEY] = key


@contextmanager
def preparation(size: int, key: str) -> Iterator[Progress | None]:
    """Around importer.prepare(..., progress=<what this yields>) for a file of `size` bytes.

    `key` names the file (its digest): once cancelled, it is not checked again until the user
    asks, so a rerun does not start the same long check over."""
    if st.session_state.get(CANCELLED_KEY) == key:
        st.info("Checking this file was cancelled: nothing was read into the database.")
        if st.button("Check it again", key="upload_check_again"):
            st.session_state.pop(CANCELLED_KEY, None)
            st.rerun()
        st.stop()
    if size <= BIG_BYTES:
        yield None
        return
    box = st.empty()
    with box.container():
        bar = st.progress(0.0, text="Reading the file…")
        st.button("Cancel", key="upload_cancel", on_click=_cancel, args=(key,))
    alive = _session_alive()

    def progress(fraction: float, message: str) -> None:
        if not alive():
            raise SessionGone
        # a click on Cancel stops the run here
        bar.progress(min(max(fraction, 0.0), 1.0), text=message)

    try:
        # The engine reports 0.05 before reading and 0.15 after it: the reading fills that span.
        with reading.watching(lambda f, m: progress(0.05 + 0.1 * f, m)):
            yield progress
    except SessionGone:
        st.stop()
    finally:
        with suppress(Exception):  # the run may be being stopped or rerun already
            box.empty()
