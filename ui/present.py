"""Presentation mode for the projector: the toggle (or ?present=1), one group per screen, large
type, no sidebar and nothing personal. Used by the Overview, Outcomes and Grant bids pages.

Every screen must fit 1440x900 and 1920x1080 without scrolling (tests/test_presentation_browser.py
measures it): the CSS below trims Streamlit's chrome, and projector charts are sized to fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

KEY = "present"
SCREEN = "screen"
CHART_HEIGHT = 440  # px: fits under the title, the picker row and a heading at 900 px high

# Our own static CSS only (no user data is ever interpolated into it).
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarCollapseButton"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none
!important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0.75rem 3rem 0.5rem 3rem
!important; }
[data-testid="stMain"] h1 { font-size: 2.4rem !important; padding: 0.2rem 0 !important; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 2.1rem !important; padding: 0.3rem
0 !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stCaptionContainer"] { font-size:
1.45rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.7rem !important; }
[data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important;
text-overflow: clip !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 4.2rem !important;
line-height: 1.15 !important; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] p { font-size: 1.5rem !important; }
[data-testid="stWidgetLabel"] p { font-size: 1.05rem !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.45rem !important; padding:
0.35rem 0.8rem !important; }
</style>
"""


def _flip() -> None:
    if st.session_state[KEY]:
        st.query_params[KEY] = "1"
    else:
        st.query_params.pop(KEY, None)


def toggle() -> bool:
    """The presentation toggle. The URL (`?present=1`) is the one truth: a link opens the
    projector view, and flipping the toggle rewrites the URL (_flip runs before the page)."""
    st.session_state[KEY] = st.query_params.get(KEY) == "1"
    on = st.toggle("Presentation mode", key=KEY, on_change=_flip,
                   help="Large type, wide charts, no sidebar and no personal data; one group per "
                        "screen. Link to it with ?present=1.")
    if on:
        st.markdown(CSS, unsafe_allow_html=True)
    return on


def _step(screens: tuple[str, ...], by: int) -> None:
    current = st.session_state.get(SCREEN)
    i = screens.index(current) if current in screens else 0
    st.session_state[SCREEN] = screens[(i + by) % len(screens)]


def screen_picker(screens: Sequence[str]) -> str:
    """One group per screen: a picker with previous/next buttons (screens with nothing to show
    are left out by the caller, so there is never an empty slide)."""
    screens = tuple(screens)
    if st.session_state.get(SCREEN) not in screens:
        st.session_state[SCREEN] = screens[0]
    pick, back, forward = st.columns([4, 1, 1], vertical_alignment="bottom")
    back.button("‹", key="screen-prev", help="Previous screen", on_click=_step, args=(screens, -1),
                width="stretch")
    forward.button("›", key="screen-next", help="Next screen", on_click=_step, args=(screens, 1),
                   width="stretch")
    with pick:
        return st.selectbox("Screen", screens, key=SCREEN)


BID_SCREENS = ("Bids at a glance", "Pipeline", "By region", "By year", "Against the budget")


def bid_slides(df: Any, budget: float) -> None:
    """Grant bids on the projector: aggregates of the trustee's view of the bids only."""
    from datetime import date

    from casson.grants import bids
    from casson.outcomes import charts
    from ui import leadership_view as lv

    screen = screen_picker(BID_SCREENS)
    if screen == "Bids at a glance":
        lv.headline(df, budget, date.today().year)
        return
    fig = {"Pipeline": lambda: lv.pipeline_chart(bids.pipeline(df)),
           "By region": lambda: lv.region_chart(bids.by_region(df)),
           "By year": lambda: lv.year_chart(bids.by_year(df)),
           "Against the budget": lambda: lv.budget_chart(bids.awarded_against_budget(df, budget)),
           }[screen]()
    st.plotly_chart(charts.projector(fig, CHART_HEIGHT), width="stretch", theme=None,
                    key=f"bids-slide-{screen}", config={"displaylogo": False})
