"""Speed as felt, in headless Chromium against a real server over the bench database, beside a
hello-world Streamlit app switched in the same run (see bench/browser.py)."""

from __future__ import annotations

from bench import browser
from bench.results import Result


def run(ctx) -> list[Result]:
    return browser.results(ctx.db)
