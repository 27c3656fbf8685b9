"""Register of interest: people who asked to mentor or be mentored, and moving them into a
cohort."""

import streamlit as st

from ui import forms, guard, register_view

user = guard.require("register")

st.title("Register of interest")
st.caption("People who asked to mentor or be mentored, now or in a future cohort: from the "
           "registration form (Upload, kind interest) or added here. Tick people and move them "
           "into a cohort in one action; a returning person is linked by email.")
forms.show_flash()
everyone, shown = register_view.register_table()
register_view.move_people(user, everyone, shown)
register_view.add_person(user)
register_view.empty_note(everyone, shown)
