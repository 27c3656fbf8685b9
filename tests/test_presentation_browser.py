"""Presentation mode in a real browser: every screen of the Overview, Outcomes and Grant bids
fits 1280x720, 1440x900 and 1920x1080 without scrolling (scroll height measured), no legend
over an axis title, no bar number turned sideways, no tooltip left behind, and nothing personal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import sign_in, wait_for_app

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("CASSON_SHOTS", "/tmp/casson-shots"))
SIZES = [(1280, 720), (1440, 900), (1920, 1080)]

# How far the page scrolls: the main pane and the document (whichever Streamlit scrolls).
OVERFLOW_JS = """() => {
  const els = [document.scrollingElement, document.querySelector('[data-testid="stMain"]'),
               document.querySelector('[data-testid="stAppViewContainer"]')].filter(Boolean);
  return Math.max(...els.map(e => e.scrollHeight - e.clientHeight));
}"""


# Chart text that collides: the legend box against each axis title, and bar numbers turned.
CLASH_JS = r"""() => {
  const box = e => e.getBoundingClientRect();
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top <
  a.bottom;
  const found = [];
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    const legend = chart.querySelector('g.legend');
    for (const t of chart.querySelectorAll('text.xtitle, text.x2title, text.ytitle')) {
      if (legend && meets(box(legend), box(t))) found.push('legend over ' + t.textContent);
    }
    for (const t of chart.querySelectorAll('text.bartext')) {
      if (/rotate\((?!0)/.test(t.getAttribute('transform') || '')) found.push('sideways ' +
      t.textContent);
    }
  }
  return found;
}"""


def _screen_name(page) -> str:
    return page.get_by_role("combobox", name="Screen").input_value().strip()


def _settle(page) -> None:
    wait_for_app(page)
    # charts draw after the script ends: wait until every plotly chart has its SVG
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every(c => c.querySelector('svg.main-svg'))""", timeout=30_000)


@pytest.mark.parametrize("key", ["overview", "outcomes", "bids"])
def test_every_presentation_screen_fits_the_projector_without_scrolling(page, live_server, key):
    base = live_server  # read-only: the shared server (the cold ones are in test_deep_links)
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
            assert page.get_by_test_id("stException").count() == 0, name
            assert "encountered an error" not in page.locator("body").inner_text(), name
            body = page.locator("body").inner_text()
            assert "@example.org" not in body
            assert page.get_by_test_id("stDataFrame").count() == 0, f"a table of rows on {name}"
            for raw in ("None", "nan", "NaT"):
                assert f" {raw} " not in f" {body} ", f"{raw} on {name}"
            for box in page.locator('[data-testid="stPlotlyChart"] svg.main-svg').all()[:1]:
                svg = box.bounding_box()
                assert svg and svg["height"] >= 250, f"{name} at {width}x{height}: chart {svg}"
                assert svg["y"] + svg["height"] <= height + 1, f"{name}: chart cut at {svg}"
            clashes = page.evaluate(CLASH_JS)
            assert not clashes, f"{name} at {width}x{height}: {clashes}"
            page.get_by_role("button", name="Next ›").click()
            page.wait_for_function(
                """(prev) => { const v = document.querySelector('input[aria-label="Screen"]');
                  return v && v.value.trim() !== prev; }""", arg=name, timeout=30_000)
            _settle(page)
            # the pointer is still on the button: no tooltip may stay on the projector
            assert page.get_by_test_id("stTooltipContent").count() == 0
            assert page.get_by_role("tooltip").count() == 0
            name = _screen_name(page)
            if name == first or len(seen) > 12:
                break
        assert len(seen) >= 3, seen
    assert not too_tall, "\n".join(too_tall)
