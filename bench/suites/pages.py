"""Every page's server-side render at profession scale, and a filter change on People."""

from __future__ import annotations

import streamlit as st

from bench.apptest import median_runs_ms, render_ms, signed_in
from bench.results import Result
from casson.platform import access

PAGE_TARGET_MS = 300
FILTER_TARGET_MS = 150


def _role_for(spec: access.PageSpec) -> str:
    return "staff" if "staff" in spec.roles else sorted(spec.roles)[0]


def run(ctx) -> list[Result]:
    results = []
    for spec in access.PAGES:
        ms = render_ms(_role_for(spec), spec.path)
        results.append(Result(f"page render: {spec.title} ({_role_for(spec)})", ms, "ms",
                              PAGE_TARGET_MS))
    results.append(Result("filter change: People text search", _people_filter_ms(), "ms",
                          FILTER_TARGET_MS))
    return results


def _people_filter_ms(repeat: int = 5) -> float:
    at = signed_in("staff")
    at.run()
    at.switch_page("views/people.py").run()
    at.selectbox(key="cohort").select("bench-10").run()  # 8,000 participants
    ms = median_runs_ms(at, "views/people.py",
                        lambda n: at.text_input(key="people_search").input(f"person0{n}"), repeat)
    st.cache_data.clear()
    return ms
