"""Timing the app's server-side renders with Streamlit's AppTest (no browser)."""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def signed_in(role: str, script: str = "app.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=120)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = role
    at.session_state["name"] = role
    at.session_state["roles"] = [role]
    # a live server-side session, as the sign-in form would have issued (casson.signin)
    from casson import config, signin

    store = signin.AuthStore(config.auth_state_path())
    at.session_state["casson_session"] = store.issue(role, time.time())
    return at


def render_ms(role: str, page_path: str, repeat: int = 5) -> float:
    """Median ms of a cold (no cached query results) render of one page for one role."""
    at = signed_in(role)
    at.run()
    at.switch_page(page_path)
    times = []
    for _ in range(repeat + 1):
        st.cache_data.clear()
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(f"{page_path} raised: {at.exception}")
    times = sorted(times[1:])  # the first run warms imports and the connection
    return round(times[len(times) // 2], 1)
