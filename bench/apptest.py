"""Timing the app's server-side renders with Streamlit's AppTest (no browser)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.support import signed_in_app


def signed_in(role: str, script: str = "app.py") -> AppTest:
    """The tests' signed-in AppTest (with a live server-side session), with a longer timeout."""
    return signed_in_app(role, script, timeout=120)


def median_runs_ms(at: AppTest, label: str, before_each: Callable[[int], object],
                   repeat: int = 5) -> float:
    """Median ms of `repeat` runs of an AppTest already on its page, after one warm-up run.

    `before_each(n)` runs before run n: clear caches for a cold render, or change a widget
    for a filter change."""
    times = []
    for n in range(repeat + 1):
        before_each(n)
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        if at.exception:
            details = "; ".join(f"{e.message} {' '.join(e.stack_trace)}" for e in at.exception)
            raise RuntimeError(f"{label} raised: {details}")
    return round(statistics.median(times[1:]), 1)  # the first run warms imports and the connection


def cold(_n: int = 0) -> None:
    """No cached query results: what a page costs when its data is read afresh."""
    st.cache_data.clear()


def render_ms(role: str, page_path: str, repeat: int = 5) -> float:
    """Median ms of a cold (no cached query results) render of one page for one role."""
    at = signed_in(role)
    at.run()
    at.switch_page(page_path)
    return median_runs_ms(at, page_path, cold, repeat)
