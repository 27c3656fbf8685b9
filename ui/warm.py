"""Warm the server and the browser while the person signs in, so that no first visit pays for
what a later one finds ready (bench.browser measures both).

- The browser: Streamlit's frontend loads each kind of widget's code the first time a page draws
  one, and Plotly's is 4.7 MB of JavaScript. Parsed on the first visit to Outcomes it held the
  browser for about 0.8 s after the page said it was done, so the next click waited. Loaded
  while the sign-in form is typed into (the chunks whose names say nothing of the app's pages)
  and then while the first page is read (the rest), every first visit draws at the speed of a
  later one.
- The server: the first run of a page imports its modules (Plotly's figure classes, scipy for
  matching, fpdf for the board pack) and builds its first figure, half a second and more on the
  first visit after a restart. One thread does that once per process, from the first request
  on, while the sign-in form is typed into.

The chunks are found by name in Streamlit's own static folder (their file names carry a hash
that changes with each Streamlit release) and imported by the same URLs Streamlit uses, so the
browser keeps one copy of each.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import threading
from functools import cache
from pathlib import Path

import streamlit as st

from casson.platform import access

# The widgets the dashboard's pages draw, heaviest first.
WIDGETS = ("PlotlyChart", "DataFrame", "DateInput", "TimeInput", "Multiselect", "Selectbox",
           "Slider", "Checkbox", "Radio", "TextInput", "TextArea", "NumberInput", "Metric",
           "FileUploader", "DownloadButton", "ButtonGroup", "Toast")
KEY = "browser_warmth"


@cache
def chunks() -> tuple[str, ...]:
    """The static paths ("static/js/PlotlyChart.<hash>.js") of the widgets' chunks."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    found = []
    for name in WIDGETS:
        found += sorted(f"static/js/{p.name}" for p in folder.glob(f"{name}.*.js"))
    return tuple(found)


@cache
def signed_out_chunks() -> tuple[str, ...]:
    """The chunks a signed-out page may name: none whose name holds a page's title (the
    "FileUploader" chunk holds "Upload"), since a signed-out page names no page of the app."""
    titles = [spec.title for spec in access.PAGES]
    return tuple(c for c in chunks() if not any(t in c for t in titles))


_server_warmed = threading.Event()
_server_lock = threading.Lock()
_server_thread: threading.Thread | None = None  # started once per process


def _warm_server() -> None:
    import plotly.graph_objects as go
    import scipy.optimize  # noqa: F401  (matching imports it when it first runs)

    import ui

    for found in pkgutil.iter_modules(ui.__path__):  # every page's glue, and what it imports
        importlib.import_module(f"ui.{found.name}")
    # A figure's first build loads Plotly's validators: build one of each kind the pages draw.
    go.Figure([go.Bar(x=[1], y=[1]), go.Scatter(x=[1], y=[1])]).to_json()
    _server_warmed.set()


def warm_server() -> None:
    """Once per process, in a thread of its own: import every page's modules and build a
    figure, while the first visitor signs in."""
    global _server_thread
    with _server_lock:
        if _server_thread is not None:
            return
        _server_thread = threading.Thread(target=_warm_server, name="casson-warm", daemon=True)
    _server_thread.start()


def install(signed_in: bool = True) -> None:
    """Once per browser tab, when the browser is idle: import the widget chunks not yet
    imported (signed out, only those whose names say nothing of the app's pages)."""
    wanted = chunks() if signed_in else signed_out_chunks()
    script = f"""<style>.st-key-{KEY} {{display: none}}</style>
<script>
(() => {{
  // one queue per tab: the signed-in page adds what the sign-in page could not name
  const done = window.cassonWarmed = window.cassonWarmed || new Set();
  const queue = window.cassonWarmQueue = window.cassonWarmQueue || [];
  queue.push(...{json.dumps(list(wanted))}.filter((c) => !done.has(c) && !queue.includes(c)));
  if (window.cassonWarming || !queue.length) return;
  window.cassonWarming = true;
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 200));
  const next = () => {{
    const chunk = queue.shift();
    if (chunk === undefined) {{ window.cassonWarming = false; return; }}
    done.add(chunk);
    import(streamlitBase() + "/" + chunk).catch(() => {{}}).finally(() => idle(next));
  }};
  // the app's own path prefix (a proxy's baseUrlPath): everything before the page's name
  function streamlitBase() {{
    const index = document.querySelector('script[type="module"][src*="static/js/index."]');
    return index ? new URL(index.src).pathname.split("/static/js/")[0] : "";
  }}
  // after the page has drawn and a moment has passed: the page itself is not slowed
  const app = () => document.querySelector('[data-testid="stApp"]');
  const start = () => {{
    if (app() && app().dataset.testScriptState === "notRunning") idle(next);
    else setTimeout(start, 250);
  }};
  setTimeout(start, 1000);
}})();
</script>"""
    with st.container(key=KEY):
        st.html(script, unsafe_allow_javascript=True)
