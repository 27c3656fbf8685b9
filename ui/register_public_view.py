"""The public register of interest at /register for signed-out visitors (see
casson.mentoring.public_register). While the setting public_register is off, it is the
sign-in form, as every other URL is."""

from __future__ import annotations

import streamlit as st

from casson.mentoring import public_register
from casson.platform import links
from casson.platform.errors import Refused
from casson.platform.vocab import REGIONS
from ui import auth, data, respond_view


def render() -> None:
    with data.cursor() as cur:
        open_now = public_register.is_open(cur)
    if not open_now:
        auth.sign_in_form()
        return
    done = st.session_state.get("register_done")
    st.title("Register your interest in mentoring")
    if done:
        st.success(done)
        return
    st.write(
        "The Elizabeth Casson Trust's mentoring programme pairs occupational therapists "
        "for a year. Tell us you would like to take part in a future cohort."
    )
    with st.form("public_register"):
        name = st.text_input("Your name", max_chars=120)
        email = st.text_input("Your email", max_chars=200)
        role = st.radio(
            "I would like to",
            ["mentee", "mentor"],
            horizontal=True,
            format_func={"mentee": "be mentored", "mentor": "mentor"}.get,
        )
        region = st.selectbox("Region", [None, *REGIONS], format_func=lambda r: r or "(choose)")
        # A field people never see: a bot that fills every box gives itself away.
        with st.container(key="register_website_box"):
            website = st.text_input(
                "Website (leave empty)", key="register_website", label_visibility="collapsed"
            )
        consent = st.checkbox(
            "I agree that the Elizabeth Casson Trust may contact me about the mentoring programme."
        )
        sent = st.form_submit_button("Register", type="primary")
    st.html("<style>.st-key-register_website_box{position:absolute;left:-10000px}</style>")
    if not sent:
        return
    if not respond_view.limiter().allow(auth.client_address()):
        st.error(links.RateLimited().args[0])
        return
    try:
        with data.cursor() as cur:
            said = public_register.submit(
                cur,
                {
                    "full_name": name,
                    "email": email,
                    "role_wanted": role,
                    "region": region,
                    "consent": consent,
                },
                website,
            )
    except Refused as exc:
        st.error(str(exc))
        return
    st.session_state["register_done"] = said
    st.rerun()
