"""Casson Dashboard entry point: page config, sign-in, role -> pages, st.navigation.

Page scripts live in views/ (casson.platform.access.PAGE_DIR), never pages/: Streamlit runs a pages/
folder as old-style navigation until st.navigation is first called. st.navigation is called on
EVERY run, so a deep link never shows "Page not found": signed out, the URL asked for (a page's
or not) is registered alone and shows the sign-in form, so once signed in the same URL is the
real page; signed in, every page URL is registered, and a page the role may not open says so
in one plain line.
"""

from collections.abc import Callable

import streamlit as st

from casson.platform import access
from ui import accounts_view, auth, cache_guard, operable, safe, warm

cache_guard.install()  # a websocket cache clear from anyone but admin and staff is ignored

# an emoji: a Material page icon is fetched from fonts.gstatic.com
st.set_page_config(page_title="Casson Dashboard", page_icon="🤝",
                   layout="wide")

if st.session_state.get("sign_out_requested"):
    st.session_state["sign_out_requested"] = False
    auth.sign_out("logout")

# A reload or new tab starts a new Streamlit session: resume it from the cookie's server-side
# session (renders nothing), if that session is still live.
if not st.session_state.get("authentication_status") and not auth.resume_from_cookie():
    auth.finish_sso()  # back from Microsoft or Google: that account's own session

user = auth.current_user()
if user is None and st.session_state.get("authentication_status"):
    # the session timed out or was ended elsewhere, or the account lost its role
    auth.sign_out(st.session_state.get("session_end") or "ended")


# keys, focus and target sizes Streamlit leaves short (ui/operable.py); the widgets' rules only
# once signed in (the sign-in page names no page, not even in a style sheet)
operable.install(signed_in=user is not None)


def _held(view: Callable[[], None]) -> list[st.Page]:
    """Every page URL, each showing `view` (sign-in or the forced password change) for now."""
    return [st.Page(view, title=title, url_path=key, visibility="hidden")
            for key, title in [*((spec.key, spec.title) for spec in access.PAGES),
                               ("home", "Home")]]


def _not_available() -> None:
    st.error("This page is not available to your role.")


if user is None:
    sign_in = st.Page(auth.sign_in_form, title="Sign in",
                      icon=":material/login:", url_path="sign-in", default=True)
    # The allow-list (a personal link's form, the public register) runs as itself. Otherwise
    # only the URL asked for is registered, titled "Sign in", whether or not it is a page: the
    # frames tell a signed-out visitor no other page's title or path, and an unknown path
    # answers as a real one does. A page's identity is its url_path: after sign-in the same URL
    # resolves to the real page.
    asked = auth.signed_out_path({"sign-in"})
    public = [st.Page(spec.path, title=spec.title, url_path=spec.url_path, visibility="hidden")
              for spec in access.ANONYMOUS_PAGES if spec.url_path == asked]
    held = [st.Page(auth.sign_in_form, title="Sign in", url_path=asked,
                    visibility="hidden")] if asked and not public else []
    if not public:  # the sign-in form: widget code loaded while it is typed into
        warm.install(signed_in=False)
    st.navigation([sign_in, *public, *held], position="hidden").run()
elif (gate := accounts_view.gate_view(user)) is not None:  # a temporary password: change it first
    choose = st.Page(gate, title="Choose a password", icon="🔑", url_path="choose-password",
                     default=True)
    st.navigation([choose, *_held(gate)], position="hidden").run()
else:
    allowed = access.pages_for(user.role)
    # One flat list, in sidebar order: Streamlit 1.67 draws named sections as <div>s inside the
    # menu's <ul>, which screen readers (and axe-core) reject as a broken list.
    first_section = ""
    sections: dict[str, list[st.Page]] = {}
    if allowed:
        # The home page at "/" is a hidden twin of the role's first page: Streamlit gives its
        # default page the URL "/", so /overview itself would otherwise be "Page not found".
        home = allowed[0]
        sections[first_section] = [st.Page(home.path, title=home.title, icon=home.icon,
                                           url_path="home", default=True, visibility="hidden")]
    for spec in allowed:
        sections.setdefault(first_section, []).append(
            st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.key))
    for spec in access.PAGES:
        if spec not in allowed:
            sections.setdefault(first_section, []).append(
                st.Page(_not_available, title=spec.title, url_path=spec.key, visibility="hidden"))
    respond = access.ANONYMOUS_PAGES[0]  # a personal link opens signed in too (staff trying one)
    sections.setdefault(first_section, []).append(
        st.Page(respond.path, title=respond.title, url_path=respond.url_path, visibility="hidden"))
    # expanded=True: Streamlit otherwise folds a menu of more than twelve pages to ten behind
    # "View N more" (the admin has fourteen), and every page of a role should be in sight.
    nav = st.navigation(sections, expanded=True)
    with st.sidebar:
        auth.remember_in_browser()
        if not auth.cookie_pending():  # the cookie first: a reload must not lose the session
            warm.install()  # widget code loaded while the first page is read (ui/warm.py)
        st.markdown(f"**{safe.text(user.name)}**  \n{user.role.capitalize()}")
        if st.button("Sign out", icon=":material/logout:", key="sign-out"):
            st.session_state["sign_out_requested"] = True
            st.rerun()
    nav.run()

# Once per process, after the first page has run: every page's modules are imported in a thread
# of their own while the first visitor signs in (ui/warm.py).
warm.warm_server()
