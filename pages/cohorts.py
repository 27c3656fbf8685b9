"""Cohorts (staff): each cohort's figures, set-up, and its webinars with attendance and .ics."""

import streamlit as st

from ui import cohorts_view, data, forms, guard, widgets

user = guard.require("cohorts")

st.title("Cohorts")
forms.show_flash()
cohorts_view.overview(data.read("cohort_overview"))
cohort = widgets.cohort_picker(key="cohorts_cohort")
if cohort:
    cohorts_view.webinars_section(user, cohort)
