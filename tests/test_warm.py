"""The browser is warmed with the widgets' own code: the chunks are found in Streamlit's static
folder by name (so a Streamlit upgrade that renames them fails here, not silently in the
field), and only signed-in pages carry the script, after the session cookie is written."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from tests.support import signed_in_app
from ui import warm

STATIC = Path(st.__file__).parent / "static"


def test_every_warmed_chunk_is_a_file_streamlit_serves_and_plotly_is_first():
    chunks = warm.chunks()
    assert chunks[0].startswith("static/js/PlotlyChart.")
    assert any(c.startswith("static/js/DataFrame.") for c in chunks)
    assert len(chunks) >= 12
    for chunk in chunks:
        assert (STATIC / chunk).is_file(), chunk


def _warming(at) -> list[str]:
    return [h.proto.body for h in at.get("html") if "cassonWarm" in h.proto.body]


def test_a_signed_in_page_carries_the_warming_once_the_cookie_is_written(app_env):
    at = signed_in_app("staff").run()
    at.session_state["set_cookie"] = True  # the browser has not reported the cookie yet
    at.run()
    assert _warming(at) == []
    at.session_state["cookie-set"] = True  # the component's report
    at.run()
    bodies = _warming(at)
    assert len(bodies) == 1 and all(c in bodies[0] for c in warm.chunks())


def test_the_sign_in_page_carries_no_warming(app_env):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert _warming(at) == []
