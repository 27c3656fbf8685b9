"""The hello-world reference for the browser bench: two trivial pages under st.navigation."""

import streamlit as st


def one() -> None:
    st.title("Hello one")
    st.write("hello")


def two() -> None:
    st.title("Hello two")
    st.write("world")


st.navigation([st.Page(one, title="One", url_path="one", default=True),
               st.Page(two, title="Two", url_path="two")]).run()
