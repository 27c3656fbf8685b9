"""The browser is warmed with the widgets' own code: the chunks are found in Streamlit's static
folder by name (so a Streamlit upgrade that renames them fails here, not silently in the
field). The sign-in form carries the chunks whose names say nothing of the app's pages, a
signed-in page the rest once the session cookie is written (a personal link's page carries none:
test_links_browser). The server imports every page's modules once, in a thread of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from casson.platform import access
from tests.conftest import ROOT
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


def test_the_sign_in_form_warms_only_chunks_that_name_no_page(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    bodies = _warming(at)
    assert len(bodies) == 1
    assert any(c.startswith("static/js/PlotlyChart.") for c in warm.signed_out_chunks())
    assert all(c in bodies[0] for c in warm.signed_out_chunks())
    assert "FileUploader" not in bodies[0]  # it holds the title "Upload"
    for spec in access.PAGES:
        assert spec.title not in bodies[0], spec.title


def test_the_server_imports_every_pages_modules_once_in_a_thread():
    script = """
import sys
from ui import warm
assert "ui.pairs_view" not in sys.modules and "scipy.optimize" not in sys.modules
import threading
warm.warm_server()
warm.warm_server()
started = sum(t.name == "casson-warm" for t in threading.enumerate())  # imports take seconds
assert warm._server_warmed.wait(120)
print(sorted(m for m in ("ui.pairs_view", "ui.outcomes_view", "scipy.optimize", "fpdf")
             if m in sys.modules), started)
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, check=True)
    assert done.stdout.split("\n")[0] == (
        "['fpdf', 'scipy.optimize', 'ui.outcomes_view', 'ui.pairs_view'] 1")
