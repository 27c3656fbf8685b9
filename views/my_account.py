"""My account (every signed-in role): own display name, email and password."""

import streamlit as st

from ui import accounts_view, guard

user = guard.require("my_account")

st.title("My account")
accounts_view.my_account(user)
