"""The Outcomes page in headless Chromium: presentation mode on a projector-sized screen
(screenshots in test-results/), and the one-click board pack download."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, sign_in, wait_for_app
from tests.support import choose_cohort

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-results"


@pytest.fixture
def projector(page):
    page.set_viewport_size({"width": 1920, "height": 1080})
    return page


def test_presentation_mode_fills_the_screen_without_sidebar_or_personal_data(
        projector, live_server):
    page = projector
    sign_in(page, live_server, "trustee")
    page.goto(f"{live_server}/outcomes?present=1")
    wait_for_app(page)
    choose_cohort(page, "Pilot")  # the page opens on the current cohort
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Headline figures")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stSidebarNav")).to_be_hidden()
    values = page.get_by_test_id("stMetricValue")
    expect(values).to_have_count(4)
    expect(values.first).to_have_text("34")
    # Large type: the tiles are set far above Streamlit's default size.
    size = values.first.locator("p").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 60
    assert "example.org" not in page.content()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "outcomes-presentation-headline.png"))

    # Next screen: the outcome tiles and a wide chart, one group only.
    picker = page.get_by_role("combobox", name="Screen")
    page.get_by_role("button", name="Next ›").click()
    expect(picker).to_have_value("Survey response")
    wait_for_app(page)
    page.get_by_role("button", name="Next ›").click()
    expect(picker).to_have_value("Outcomes")
    wait_for_app(page)
    expect(main.get_by_role("heading", name="Outcomes (agree or strongly agree)")).to_be_visible()
    expect(main.get_by_role("heading", name="Headline figures")).to_have_count(0)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(state="visible", timeout=30_000)
    assert chart.bounding_box()["width"] > 0.8 * 1920
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    # drawn, not only laid out
    chart.locator(".cartesianlayer .trace").first.wait_for(state="visible")
    page.screenshot(path=str(SHOTS / "outcomes-presentation-outcomes.png"))


def test_a_trustee_downloads_the_board_pack_in_one_click(page, live_server, tmp_path: Path):
    sign_in(page, live_server, "trustee")
    page.goto(f"{live_server}/outcomes")
    wait_for_app(page)
    choose_cohort(page, "Pilot")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Board pack (PDF)").click()
    assert download.value.suggested_filename.startswith("casson-board-pack-pilot-2021-")
    pdf = tmp_path / "pack.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "97.1% (n = 33 of 34)" in text
