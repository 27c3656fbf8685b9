"""The leadership pages at profession scale: Bids (5,030 bids) for staff and trustees,
a Bids filter change, and the Directory."""

from __future__ import annotations

import duckdb
import streamlit as st

from bench.apptest import cold, median_runs_ms, render_ms, signed_in
from bench.results import Result

PAGE_TARGET_MS = 300
FILTER_TARGET_MS = 150


def run(ctx) -> list[Result]:
    con = duckdb.connect(str(ctx.db), read_only=True)
    n_bids = con.execute("SELECT count(*) FROM bids").fetchone()[0]
    con.close()
    return [
        Result("leadership: bids in the bench database", n_bids, "bids", None),
        Result("page render: Grant bids (staff, Pipeline tab: the opening view)",
               render_ms("staff", "views/bids.py"), "ms", PAGE_TARGET_MS),
        Result("page render: Grant bids (staff, Bids tab: every bid listed)",
               _bids_tab_ms("staff", "Bids"), "ms", PAGE_TARGET_MS),
        Result("page render: Grant bids (staff, Change a bid tab)",
               _bids_tab_ms("staff", "Change a bid"), "ms", PAGE_TARGET_MS),
        Result("page render: Grant bids (trustee, Charts tab)", _bids_tab_ms("trustee", "Charts"),
               "ms", PAGE_TARGET_MS),
        Result("filter change: Grant bids fund = leadership (staff)", _bids_filter_ms(), "ms",
               FILTER_TARGET_MS),
        Result("page render: Directory (staff)", render_ms("staff", "views/directory.py"), "ms",
               PAGE_TARGET_MS),
        Result("page render: Directory (trustee)", render_ms("trustee", "views/directory.py"), "ms",
               PAGE_TARGET_MS),
    ]


def _bids_tab_ms(role: str, tab: str, repeat: int = 5) -> float:
    """Median ms of a cold render of the Bids page with one tab open (only the open tab runs)."""
    at = signed_in(role)
    at.run()
    at.session_state["bids_tab"] = tab
    at.switch_page("views/bids.py")
    return median_runs_ms(at, f"views/bids.py ({tab})", cold, repeat)


def _bids_filter_ms(repeat: int = 5) -> float:
    """A warm filter change: the bids are cached, the page re-filters and redraws."""
    at = signed_in("staff")
    at.run()
    at.switch_page("views/bids.py").run()
    ms = median_runs_ms(at, "views/bids.py", lambda n: at.multiselect(key="bids_fund").set_value(
        ["leadership"] if n % 2 == 0 else ["cpd"]), repeat)
    st.cache_data.clear()
    return ms
