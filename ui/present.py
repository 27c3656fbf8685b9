"""Presentation mode for the projector: the toggle (or ?present=1), one group per screen, large
type, no sidebar and nothing personal. Used by the Overview, Outcomes and Grant bids pages.

Every screen must fit 1280x720, 1440x900 and 1920x1080 without scrolling
(tests/test_presentation_browser.py
measures it): the CSS below trims Streamlit's chrome, and projector charts are sized to fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

KEY = "present"
SCREEN = "screen"
CHART_MIN_PX = 260  # a chart never shrinks below this (the screen would scroll instead)

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
[data-testid="stWidgetLabel"] p, [data-testid="stMain"] button p { font-size: 1.05rem !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.45rem !important; padding:
0.35rem 0.8rem !important; }
/* The page is one screen tall: a chart (height "stretch") fills what the tiles leave. */
[data-testid="stMainBlockContainer"] { height: 100vh; box-sizing: border-box; display: flex;
flex-direction: column; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { flex: 1 1 auto;
min-height: 0; }
[data-testid="stLayoutWrapper"]:has(> .st-key-screen-area), .st-key-screen-area { flex: 1 1 0
!important; min-height: 0 !important; }
.st-key-screen-area [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) { flex: 1
1 0 !important; min-height: 260px !important; }
.st-key-screen-area [data-testid="stFullScreenFrame"]:has([data-testid="stPlotlyChart"]),
.st-key-screen-area [data-testid="stPlotlyChart"], .st-key-screen-area .js-plotly-plot,
.st-key-screen-area .plot-container { height: 100% !important; }
/* A 1280x720 projector: smaller type; the charts take the height left (below). */
@media (max-height: 800px) {
[data-testid="stMainBlockContainer"] { padding-top: 0.4rem !important; }
[data-testid="stMain"] h1 { font-size: 1.9rem !important; padding: 0 !important; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 1.6rem !important; padding:
0.1rem 0 !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stCaptionContainer"] {
font-size: 1.15rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.35rem !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 2.6rem !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.1rem !important; padding:
0.15rem 0.6rem !important; }
}
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
    pick, back, forward = st.columns([3, 1, 1], vertical_alignment="bottom")
    # Words on the buttons, no tooltip: a tooltip stayed on the projector after each click.
    back.button("‹ Back", key="screen-prev", on_click=_step, args=(screens, -1),
                width="stretch")
    forward.button("Next ›", key="screen-next", on_click=_step, args=(screens, 1),
                   width="stretch")
    with pick:
        return st.selectbox("Screen", screens, key=SCREEN)


BID_SCREENS = ("Bids at a glance", "Pipeline", "By region", "By year", "Against the budget")


def bid_slides(df: Any, budget: float) -> None:
    """Grant bids on the projector: aggregates of the trustee's view of the bids only."""
    screen = screen_picker(BID_SCREENS)
    with screen_area():
        _bid_slide(screen, df, budget)


def _bid_slide(screen: str, df: Any, budget: float) -> None:
    from datetime import date

    from casson.grants import bids
    from ui import leadership_view as lv

    if screen == "Bids at a glance":
        lv.headline(df, budget, date.today().year)
        return
    fig = {"Pipeline": lambda: lv.pipeline_chart(bids.pipeline(df)),
           "By region": lambda: lv.region_chart(bids.by_region(df)),
           "By year": lambda: lv.year_chart(bids.by_year(df)),
           "Against the budget": lambda: lv.budget_chart(bids.awarded_against_budget(df, budget)),
           }[screen]()
    chart(fig, f"bids-slide-{screen}")


def chart(fig: Any, key: str) -> None:
    """A projector chart as tall as the screen leaves it (inside `screen_area`)."""
    from casson.outcomes import charts

    st.plotly_chart(charts.projector(fig, 0), width="stretch", height="stretch", theme=None,
                    key=key, config={"displaylogo": False, "responsive": True})


def screen_area() -> Any:
    """The container a screen draws in: the height left below the pickers."""
    return st.container(key="screen-area")
