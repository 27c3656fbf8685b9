"""My account (every signed-in role): own display name, email and password."""

import streamlit as st

from ui import auth, guard

user = guard.require("my_account")

st.title("My account")
auth.my_account(user)
