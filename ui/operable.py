"""Keyboard, focus and pointer care that Streamlit's own frontend lacks, on every page.

- Streamlit reruns the page on a bare "r" (and offers to clear caches on "c") pressed outside a
  text field: a single-character shortcut that cannot be turned off (WCAG 2.1.4). The keys are
  stopped on the way up, after the page's own widgets (React handles them at its root, below
  <body>) and before Streamlit's shortcut listener on the document.
- Opening a tab with the arrow keys reruns the page, which draws the tab list anew and drops
  the focus to the page itself (WCAG 2.4.3): the focus goes back to the tab just opened.
- The main area is a focus stop of its own (the skip link's target), and the file uploader's
  "Add files" button draws no focus ring: both show their focus.
- The day, month, hour and minute parts of a date or time field are 18 px targets, too small
  and too close together (WCAG 2.5.8 asks 24 px): each is at least 24 px.

The script is the app's own text (nothing from users or the database), run by st.html with
JavaScript allowed; the guide's Content-Security-Policy already allows inline scripts, which
Streamlit needs.
"""

from __future__ import annotations

import streamlit as st

KEY = "operable_care"

STYLE = """<style>
.st-key-operable_care {display: none}
[data-testid="stMain"]:focus-visible {outline: 2px solid #1f5f8b; outline-offset: -2px}
</style>
"""
# Widgets of the signed-in pages only: a signed-out page's frames name no page of the app.
SIGNED_IN_STYLE = """<style>
[data-testid="stFileUploader"] button:focus-visible {outline: 2px solid #1f5f8b;
  outline-offset: 2px}
[role="spinbutton"][data-type] {display: inline-flex; align-items: center;
  justify-content: center; min-width: 24px; min-height: 24px}
</style>
"""
SCRIPT = """<script>
(() => {
  if (window.cassonKeyboardCare) return;
  window.cassonKeyboardCare = true;
  const typing = (el) => el && el.closest &&
    el.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]');
  document.body.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (["r", "R", "c", "C"].includes(e.key)) e.stopPropagation();
  });
  let lastTab = null;
  document.addEventListener("focusin", (e) => {
    const tab = e.target.closest && e.target.closest('[role="tab"]');
    lastTab = tab ? tab.textContent : null;
  });
  document.addEventListener("mousedown", () => { lastTab = null; }, true);
  new MutationObserver(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (!lastTab || !lost) return;
    const again = [...document.querySelectorAll('[role="tab"][aria-selected="true"]')]
      .find((t) => t.textContent === lastTab);
    if (again) again.focus();
  }).observe(document.body, {childList: true, subtree: true});
})();
</script>"""


def install(signed_in: bool) -> None:
    """Put the care on the page (hidden; the script runs once per browser tab)."""
    with st.container(key=KEY):
        st.html(STYLE + (SIGNED_IN_STYLE if signed_in else "") + SCRIPT,
                unsafe_allow_javascript=True)
