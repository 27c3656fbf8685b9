"""Who may clear Streamlit's caches over the websocket: signed-in admin and staff only.

Streamlit 1.67 answers a `BackMsg` with `clear_cache=true` from any socket, signed in or not
(`AppSession._handle_clear_cache_request`): it empties st.cache_data and st.cache_resource for
every session in the process and this session's state. Sent every few milliseconds by an
anonymous visitor that slowed every page several times over, and it used to close the shared
DuckDB connection under other sessions' cursors (ui/data.py now holds it outside the caches).

Only admin and staff change the data, so only they have a reason to drop every cached
result (Streamlit's menu item, hidden by `toolbarMode = "minimal"`, or a support request). A
clear from anyone else (anonymous, trustee, reviewer, a timed-out session) is ignored: it
would cost everyone speed and gain them nothing, and our own writes clear the caches they
touch (`ui/data.clear_caches`). The role comes from the server-side session, as for a page.
"""

from __future__ import annotations

import logging
from typing import Any

from streamlit.runtime.app_session import AppSession

from casson.platform import access
from ui import auth

_log = logging.getLogger(__name__)
_streamlit_clear = AppSession._handle_clear_cache_request


def _guarded_clear(session: AppSession) -> None:
    role = auth.role_of_state(_state_of(session))
    if role in access.STAFF:
        _streamlit_clear(session)
    else:
        _log.info("ignored a cache clear from a %s session", role or "signed-out")


def _state_of(session: AppSession) -> Any:
    return getattr(session, "_session_state", None)


def install() -> None:
    """Put the check in front of Streamlit's handler (once per process; idempotent)."""
    if AppSession._handle_clear_cache_request is not _guarded_clear:
        AppSession._handle_clear_cache_request = _guarded_clear  # type: ignore[method-assign, assignment]  # patching a method
