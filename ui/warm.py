"""Warm the browser once signed in: Streamlit's frontend loads each kind of widget's code the
first time a page draws one, and Plotly's is 4.7 MB of JavaScript. Parsed on the first visit to
Outcomes it held the browser for about 0.8 s after the page said it was done, so the next click
waited. Loaded here, while the person reads the first page, every first visit draws at the speed
of a later one (bench.browser measures both).

The chunks are found by name in Streamlit's own static folder (their file names carry a hash
that changes with each Streamlit release) and imported by the same URLs Streamlit uses, so the
browser keeps one copy of each.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import streamlit as st

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


def install() -> None:
    """Once per browser tab, when the browser is idle: import every widget chunk."""
    script = f"""<style>.st-key-{KEY} {{display: none}}</style>
<script>
(() => {{
  if (window.cassonWarm) return;
  window.cassonWarm = true;
  const chunks = {json.dumps(list(chunks()))};
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 200));
  const next = (i) => {{
    if (i >= chunks.length) return;
    import(streamlitBase() + "/" + chunks[i])
      .catch(() => {{}}).finally(() => idle(() => next(i + 1)));
  }};
  // the app's own path prefix (a proxy's baseUrlPath): everything before the page's name
  function streamlitBase() {{
    const index = document.querySelector('script[type="module"][src*="static/js/index."]');
    return index ? new URL(index.src).pathname.split("/static/js/")[0] : "";
  }}
  // after the first page has drawn and a moment has passed: sign-in itself is not slowed
  const app = () => document.querySelector('[data-testid="stApp"]');
  const start = () => {{
    if (app() && app().dataset.testScriptState === "notRunning") idle(() => next(0));
    else setTimeout(start, 250);
  }};
  setTimeout(start, 1000);
}})();
</script>"""
    with st.container(key=KEY):
        st.html(script, unsafe_allow_javascript=True)
