"""Accounts and audit (admin only): accounts, roles, passwords, sessions; the audit trail."""

import streamlit as st

from ui import accounts_view, guard

user = guard.require("accounts")

st.title("Accounts and audit")
accounts_view.accounts_page(user)
