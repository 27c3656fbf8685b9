"""Case studies: published stories of funded projects and mentoring pairs, each with its
programme, organisation and outcome, linked to the bid or cohort it came from where known."""

import streamlit as st

from ui import case_studies_view, forms, guard

user = guard.require("case_studies")

st.title("Case studies")
st.caption("The trust's published case studies. People are named as the trust published them.")
forms.show_flash()
everything = case_studies_view.stories()
if guard.sees_personal_data(user):
    case_studies_view.staff_forms(user, everything)
