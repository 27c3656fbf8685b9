"""Outcomes at profession scale: the page render (normal and presentation mode), a cohort
comparison change, and the board pack build (queries + kaleido charts + PDF)."""

from __future__ import annotations

import statistics
import time

import streamlit as st

from bench import apptest
from bench.results import Result
from casson.outcomes import board_pack
from casson.platform import db
from ui import data, outcomes_view

PAGE = "views/outcomes.py"
PAGE_TARGET_MS = 300
FILTER_TARGET_MS = 150
COHORT = "bench-10"  # the newest surveyed cohort: 8,000 participants, 7,500 responses


def run(ctx) -> list[Result]:
    results = [
        Result("page render: Outcomes (trustee, bench-10)", _render_ms(), "ms", PAGE_TARGET_MS),
        Result("page render: Outcomes presentation mode (trustee)", _render_ms(present=True), "ms",
               PAGE_TARGET_MS),
        Result("filter change: Outcomes compare bench-10 with bench-01", _compare_ms(), "ms",
               FILTER_TARGET_MS),
    ]
    data.release_connection()  # close the app's connection before opening our own
    total, charts_ms, images = _board_pack_ms(ctx)
    results.append(Result(f"board pack build: {COHORT} (queries, {images} kaleido charts, PDF)",
                          total, "ms",
                          None, f"{charts_ms:g} ms of it rendering charts"))
    return results


def _cold_with_charts(_n: int) -> None:
    st.cache_data.clear()
    outcomes_view.clear_chart_caches()  # cold: no cached figures either


def _render_ms(present: bool = False, repeat: int = 5) -> float:
    """Median ms of a cold render of the Outcomes page for a trustee (no cached query results)."""
    at = apptest.signed_in("trustee")
    at.run()
    at.switch_page(PAGE)
    if present:
        at.query_params["present"] = "1"
    return apptest.median_runs_ms(at, PAGE, _cold_with_charts, repeat)


def _compare_ms(repeat: int = 5) -> float:
    at = apptest.signed_in("trustee")
    at.run()
    at.switch_page(PAGE).run()
    ms = apptest.median_runs_ms(at, PAGE, lambda n: at.selectbox(key="compare").select(
        "bench-01" if n % 2 else "bench-02"), repeat)
    st.cache_data.clear()
    return ms


def _board_pack_ms(ctx, repeat: int = 3) -> tuple[float, float, int]:
    con = db.connect(ctx.db, read_only=True)
    try:
        totals, chart_times = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            pack = board_pack.gather(con, COHORT)
            chart_start = time.perf_counter()
            images = board_pack.render_png([fig for _, fig in pack.figures])
            chart_times.append((time.perf_counter() - chart_start) * 1000)
            pdf = board_pack.draw(pack, images)
            totals.append((time.perf_counter() - start) * 1000)
            assert pdf.startswith(b"%PDF")
    finally:
        con.close()
    return round(statistics.median(totals), 1), round(statistics.median(chart_times),
                                                      1), len(images)
