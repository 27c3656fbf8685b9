"""Casson Dashboard entry point: page config, sign-in, role -> pages, st.navigation.

st.navigation is called on EVERY run, signed in or not, so that Streamlit never falls
back to serving the pages/ folder by URL to an anonymous visitor.
"""

import streamlit as st

from casson import access
from ui import auth, safe

st.set_page_config(page_title="Casson Dashboard", page_icon="🤝",  # an emoji: a Material page icon is fetched from fonts.gstatic.com
                   layout="wide")

if st.session_state.get("sign_out_requested"):
    st.session_state["sign_out_requested"] = False
    auth.sign_out("logout")

# A reload or new tab starts a new Streamlit session: resume it from the cookie's server-side
# session (renders nothing), if that session is still live.
if not st.session_state.get("authentication_status"):
    auth.resume_from_cookie()

user = auth.current_user()
if user is None and st.session_state.get("authentication_status"):
    # the session timed out or was ended elsewhere, or the account lost its role
    auth.sign_out(st.session_state.get("session_end") or "ended")
if user is None:
    sign_in = st.Page(auth.sign_in_form, title="Sign in",
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
        auth.remember_in_browser()
        st.markdown(f"**{safe.text(user.name)}**  \n{user.role.capitalize()}")
        if st.button("Sign out", icon=":material/logout:", key="sign-out"):
            st.session_state["sign_out_requested"] = True
            st.rerun()
    nav.run()
