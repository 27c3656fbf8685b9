"""Accounts and audit (admin only): who can sign in, with which role; the audit trail."""

import streamlit as st

from casson import accounts, audit, config
from ui import data, guard, safe

user = guard.require("accounts")

st.title("Accounts and audit")
path = config.accounts_path()
cfg = accounts.load(path)
rows = [
    {"username": u, "name": v.get("name"), "role": accounts.role_of(cfg, u)}
    for u, v in sorted(cfg["credentials"]["usernames"].items())
]
st.dataframe(rows, hide_index=True, width="stretch")

with st.form("add-account", clear_on_submit=True):
    st.subheader("Add an account")
    c1, c2, c3 = st.columns(3)
    username = c1.text_input("Username")
    name = c2.text_input("Display name")
    role = c3.selectbox("Role", ["staff", "trustee", "admin"])
    password = st.text_input("Temporary password (at least 8 characters)", type="password")
    if st.form_submit_button("Add account"):
        try:
            accounts.add_user(cfg, username.strip(), name.strip() or username.strip(), role, password)
        except accounts.AccountError as exc:
            st.error(safe.text(exc))
        else:
            accounts.save(path, cfg)
            with data.cursor() as cur:
                audit.record(cur, user.username, "account.add", "account", username.strip(),
                             {"role": role})
            data.clear_caches()
            st.success(safe.text(f"Account {username.strip()} created with role {role}."))
            st.rerun()

st.subheader("Audit trail (latest 200)")
st.dataframe(data.read("audit_recent", limit=200), hide_index=True, width="stretch")
