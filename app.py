"""Casson Dashboard entry point: page config, sign-in, role -> pages, st.navigation.

st.navigation is called on EVERY run, signed in or not, so that Streamlit never falls
back to serving the pages/ folder by URL to an anonymous visitor.
"""

import streamlit as st

from casson import access
from ui import auth

st.set_page_config(page_title="Casson Dashboard", page_icon=":material/diversity_3:",
                   layout="wide")

authenticator = auth.authenticator()
if st.session_state.get("sign_out_requested"):
    st.session_state["sign_out_requested"] = False
    auth.sign_out(authenticator)

# Re-authenticate from the cookie (renders nothing) before deciding what to show.
if not st.session_state.get("authentication_status") and not st.session_state.get("logout"):
    authenticator.login(location="unrendered")

user = auth.current_user()
if user is None and st.session_state.get("authentication_status"):
    auth.sign_out(authenticator)  # the account was removed, or lost its role, since sign-in
if user is None:
    sign_in = st.Page(lambda: auth.sign_in_form(authenticator), title="Sign in",
                      icon=":material/login:", url_path="sign-in", default=True)
    st.navigation([sign_in], position="hidden").run()
else:
    sections: dict[str, list[st.Page]] = {}
    for i, spec in enumerate(access.pages_for(user.role)):
        sections.setdefault(spec.section, []).append(
            st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.key, default=i == 0)
        )
    nav = st.navigation(sections)
    with st.sidebar:
        st.markdown(f"**{user.name}**  \n{user.role.capitalize()}")
        if st.button("Sign out", icon=":material/logout:", key="sign-out"):
            st.session_state["sign_out_requested"] = True
            st.rerun()
    nav.run()
