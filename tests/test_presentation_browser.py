"""Presentation mode in a real browser: every screen of the Overview, Outcomes and Grant bids
fits 1440x900 and 1920x1080 without scrolling (scroll height measured), and nothing personal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import sign_in, wait_for_app

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("CASSON_SHOTS", "/tmp/casson-shots"))
SIZES = [(1440, 900), (1920, 1080)]

# How far the page scrolls: the main pane and the document (whichever Streamlit scrolls).
OVERFLOW_JS = """() => {
  const els = [document.scrollingElement, document.querySelector('[data-testid="stMain"]'),
               document.querySelector('[data-testid="stAppViewContainer"]')].filter(Boolean);
  return Math.max(...els.map(e => e.scrollHeight - e.clientHeight));
}"""


def _screen_name(page) -> str:
    return page.get_by_role("combobox", name="Screen").input_value().strip()


def _settle(page) -> None:
    wait_for_app(page)
    # charts draw after the script ends: wait until every plotly chart has its SVG
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every(c => c.querySelector('svg.main-svg'))""", timeout=30_000)


@pytest.mark.parametrize("key", ["overview", "outcomes", "bids"])
def test_every_presentation_screen_fits_the_projector_without_scrolling(page, private_server, key):
    base, _ = private_server
    sign_in(page, base, "staff")  # staff: the projector must still show nothing personal
    SHOTS.mkdir(parents=True, exist_ok=True)
    too_tall: list[str] = []
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{base}/{key}?present=1")
        _settle(page)
        assert page.get_by_role("dialog").count() == 0  # the page's own URL, not "Page not found"
        assert page.get_by_role("switch", name="Presentation mode").is_checked()
        first = _screen_name(page)
        seen: list[str] = []
        name = first
        while True:
            seen.append(name)
            overflow = page.evaluate(OVERFLOW_JS)
            page.screenshot(path=str(SHOTS / f"present-{key}-{width}x{height}-{len(seen)}.png"))
            if overflow > 1:
                too_tall.append(f"{key} '{name}' at {width}x{height}: {overflow}px too tall")
            body = page.locator("body").inner_text()
            assert "@example.org" not in body
            assert page.get_by_test_id("stDataFrame").count() == 0, f"a table of rows on {name}"
            for raw in ("None", "nan", "NaT"):
                assert f" {raw} " not in f" {body} ", f"{raw} on {name}"
            page.get_by_role("button", name="›").click()
            page.wait_for_function(
                """(prev) => { const v = document.querySelector('input[aria-label="Screen"]');
                  return v && v.value.trim() !== prev; }""", arg=name, timeout=30_000)
            _settle(page)
            name = _screen_name(page)
            if name == first or len(seen) > 12:
                break
        assert len(seen) >= 3, seen
    assert not too_tall, "\n".join(too_tall)
