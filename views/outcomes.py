"""Outcomes: what the survey says, with n on every figure; presentation mode for the board."""

import streamlit as st

from casson.outcomes import figures
from casson.platform import access
from ui import data, guard, intake_view, outcomes_view, running_view, widgets

user = guard.require("outcomes")

TAB_KEY = "outcomes_tab"  # session_state: the open tab's label
SCREENS = ("Headline figures", "Survey response", "Outcomes", "Answers by question", "Pipeline",
           "The loop", "Themes and benefits", "Webinars and outcomes", "Programme health",
           "Cohort against cohort",
           "Grants")

top, right = st.columns([3, 1], vertical_alignment="center")
with right:
    present = outcomes_view.presentation_mode()
with top:
    st.title("Mentoring outcomes")

cohorts = data.cohorts()
if cohorts.empty:
    st.info("There are no cohorts yet.")
    st.stop()

# The cohort picker is at the top of the main area, as on every page (widgets.cohort_picker).
pickers = st.columns(3 if present else 2)
with pickers[0]:
    cohort = widgets.cohort_picker()
if cohort is None:  # not reached: the cohorts are not empty
    st.stop()
by_cohort = outcomes_view.by_cohort()
summary = figures.cohort_summary(by_cohort)
ids = by_cohort["cohort"].tolist()
prev = figures.previous_cohort(by_cohort, cohort)
with pickers[1]:
    others = [c for c in ids if c != cohort]
    compare_to = st.selectbox("Compare with", others, key="compare",
                              index=others.index(prev) if prev in others else 0) if others else None
bundle = outcomes_view.cohort_charts(cohort, by_cohort)
# The page's tabs (lazy: only the open tab runs and is drawn) and the screens each one holds.
TABS = {"Headline figures": ("Headline figures", "Survey response", "Outcomes"),
        "Answers by question": ("Answers by question",),
        "Pipeline and the loop": ("Pipeline", "The loop"),
        "Themes and webinars": ("Themes and benefits", "Webinars and outcomes"),
        "Programme health": ("Programme health",),
        "Cohort against cohort": ("Cohort against cohort",),
        "Grants": ("Grants",)}
# Free-text comments, names and emails: staff only, and never on the projector.
personal = not present and access.sees_personal_data(user.role)
if personal:
    TABS["Responses"] = ("Responses",)

if present:
    # No empty slides: a screen with nothing to show for this cohort is left out.
    empty = {"Webinars and outcomes": bundle["webinars"].frame.empty
             or not figures.surveyed(summary[cohort]),
             "Themes and benefits": bundle["themes"].frame.empty,
             "Cohort against cohort": compare_to is None,
             "The loop": not intake_view.has_loop(),
             "Answers by question": not figures.surveyed(summary[cohort])}
    with pickers[2]:
        screen = outcomes_view.screen_picker([s for s in SCREENS if not empty.get(s)])
    shown = {screen}
    area = outcomes_view.screen_area()  # the height left below the pickers: a chart fills it
else:
    st.caption("Positive = agree (4) or strongly agree (5); a blank answer counts as not positive. "
               f"Percentages over fewer than {figures.SMALL_N} respondents are suppressed. "
               "Every figure is computed from the survey responses on record.")
    outcomes_view.board_pack_button(cohort)
    # A page switch draws one tab's charts, not all of them (speed as felt, issue 16).
    tabs = st.tabs(list(TABS), key=TAB_KEY, on_change="rerun")
    area, shown = st.container(), set()
    for tab, screens in zip(tabs, TABS.values(), strict=True):
        if widgets.is_open(tab):
            area, shown = tab, shown | set(screens)

k = summary[cohort]
previous = summary.get(prev) if prev else None
surveyed = figures.surveyed(k)


def no_responses() -> None:
    st.info(figures.NO_RESPONSES)


with area:
    if "Headline figures" in shown:
        st.header("Headline figures")
        widgets.kpi_tiles(k, previous, groups=("reach",))

    if "Survey response" in shown:
        widgets.kpi_tiles(k, previous, groups=("response",))
        outcomes_view.chart(bundle["rates"], f"response-rate-{cohort}", present)

    if "Outcomes" in shown:
        widgets.kpi_tiles(k, previous, groups=("outcomes",))
        if surveyed:
            if bundle["positive"].frame["suppressed"].any():
                st.caption("Some groups have fewer than 5 respondents: their percentages "
                           "are suppressed.")
            outcomes_view.chart(bundle["positive"], f"positive-{cohort}", present)

    if "Answers by question" in shown:
        st.header("Answers by question")
        if surveyed:
            outcomes_view.chart(bundle["likert"], f"likert-{cohort}", present)
        else:
            no_responses()

    if "Pipeline" in shown:
        st.header("Mentee-to-mentor pipeline")
        st.caption("Mentee respondents willing to mentor, and those of them who mentored in "
                   "a later cohort.")
        outcomes_view.chart(outcomes_view.pipeline_chart(by_cohort), "pipeline", present)

    if "The loop" in shown:  # willing → invited → mentoring
        if present:
            intake_view.loop_slide()  # its own screen: the figures in large type, no staff actions
        else:
            intake_view.loop_panel(user, cohort)  # the table, and the invitation for staff

    if "Themes and benefits" in shown:
        st.header("Themes requested and benefits reported")
        if bundle["themes"].frame.empty:
            st.info("No mentee in this cohort asked for a development theme.")
        else:
            if not surveyed:
                no_responses()
            outcomes_view.chart(bundle["themes"], f"themes-{cohort}", present)

    if "Webinars and outcomes" in shown:
        st.header("Webinar attendance and outcomes")
        if bundle["webinars"].frame.empty:
            st.info("No webinar attendance is recorded for this cohort.")
        elif not surveyed:
            no_responses()
        else:
            outcomes_view.chart(bundle["webinars"], f"webinars-{cohort}", present)

    if "Programme health" in shown:
        # programme health, n on each, under 5 suppressed (issue 11)
        running_view.health_section(cohort)

    if "Cohort against cohort" in shown:
        outcomes_view.comparison_section(cohort, compare_to, ids, by_cohort, present)

    if "Grants" in shown:
        outcomes_view.grant_tiles(outcomes_view.grants_summary())

    if "Responses" in shown:
        outcomes_view.responses_section(cohort)
