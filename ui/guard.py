"""Server-side page guard: every page calls require() before it reads anything."""

from __future__ import annotations

import streamlit as st

from casson.platform import access
from ui.auth import User, current_user


def require(page_key: str) -> User:
    """Stop the page unless the signed-in user's role may open it."""
    user = current_user()
    if user is None:
        st.error("Please sign in.")
        st.stop()
    if user.must_change:  # a temporary password: app.py shows only the password change
        st.error("Choose your own password first: sign in again to do so.")
        st.stop()
    if not access.can_open(user.role, page_key):
        st.error("This page is not available to your role.")
        st.stop()
    return user


def sees_personal_data(user: User) -> bool:
    """Staff and admin see names, emails and comments; trustees and reviewers never do."""
    return access.sees_personal_data(user.role)
