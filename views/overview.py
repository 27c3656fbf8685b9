"""Overview: the KPI tiles of a chosen cohort with changes against the previous cohort,
programme totals and this year's grants (every role; aggregates only). The trustees' landing
page, so it has presentation mode (toggle or ?present=1), one group per screen."""

import streamlit as st

from casson.platform import access
from ui import guard, outcomes_view, present, running_view, widgets

user = guard.require("overview")

SCREENS = ("Headline figures", "Survey response", "Outcomes", "Programme to date", "Grants")

top, right = st.columns([3, 1], vertical_alignment="center")
with right:
    projector = present.toggle()
with top:
    st.title("Mentoring programme overview")

pick, screen_col = st.columns([1, 1]) if projector else (st.container(), None)
with pick:
    cohort = widgets.cohort_picker()
shown = set(SCREENS)
if projector and screen_col is not None:
    with screen_col:
        shown = {present.screen_picker(SCREENS)}

if cohort:
    groups = {"Headline figures": "reach", "Survey response": "response", "Outcomes": "outcomes"}
    wanted = tuple(g for screen, g in groups.items() if screen in shown)
    if wanted:
        outcomes_view.kpi_tiles(cohort, wanted)
if "Programme to date" in shown:
    totals = outcomes_view.programme_totals()
    st.subheader("Programme to date")
    t1, t2, t3 = st.columns(3)
    t1.metric("People reached", int(totals["people_reached"]))
    t2.metric("Pairs formed to date", int(totals["pairs"]))
    t3.metric("Cohorts", int(totals["cohorts"]))
    if cohort and not projector:
        running_view.attention_tile(user.role, cohort)  # staff only: who needs attention (issue 11)
if "Grants" in shown:
    outcomes_view.grant_tiles(outcomes_view.grants_summary())
if not projector:
    st.page_link(access.page("outcomes").path,
                 label="Charts, cohort against cohort and the board pack: Outcomes",
                 icon=":material/monitoring:")
