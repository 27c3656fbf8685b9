"""Hostile text in a real browser: a Markdown image in an applicant's name shows as typed and
fetches nothing; a page load asks nothing of any host but the app's own (127.0.0.1)."""

from __future__ import annotations

from urllib.parse import urlparse

import duckdb
import pytest

from tests.conftest import sign_in, wait_for_app
from tests.support import find_bid

pytestmark = pytest.mark.browser

BAIT = "http://127.0.0.1:9/b.png"
NAME = f"![b]({BAIT}) Eve :material/warning: :smile: :red[Red] $x^2$ <b>bold</b> &amp; ~~s~~"


def _plant(dbfile) -> str:
    """Give one bid the hostile name and title (as an import would have stored them)."""
    con = duckdb.connect(str(dbfile))
    try:
        ref = con.execute("SELECT reference FROM bids ORDER BY reference LIMIT 1").fetchone()[0]
        con.execute("UPDATE bids SET applicant_name = ? WHERE reference = ?", [NAME, ref])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return ref


@pytest.fixture
def hostile_server(demo_db_template, accounts_template, tmp_path):
    import shutil

    from tests.conftest import serve_app

    dbfile, authfile = tmp_path / "casson.duckdb", tmp_path / "auth.yaml"
    shutil.copy(demo_db_template, dbfile)
    shutil.copy(accounts_template, authfile)
    ref = _plant(dbfile)
    with serve_app(dbfile, authfile) as base:
        yield base, ref


def test_a_markdown_image_in_a_name_is_shown_as_text_and_fetches_nothing(page, hostile_server):
    base, ref = hostile_server
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    sign_in(page, base, "staff")
    main = find_bid(page, base, ref)
    main.get_by_role("tab", name="Change a bid").click()
    wait_for_app(page)
    summary = main.get_by_test_id("stMarkdownContainer").filter(has_text=ref).first
    summary.wait_for(timeout=30_000)
    shown = summary.inner_text().replace("\u2060", "")
    assert NAME in shown  # every character as stored: no image, icon, colour, LaTeX or HTML
    # (the applicant's email, validated on import, stays a mailto: link; nothing else is a link)
    assert summary.locator("img, a:not([href^='mailto:']), svg, .katex, "
                           "span[style*='color']").count() == 0
    assert summary.locator("strong").first.inner_text() == ref  # the page's own bold still works
    page.wait_for_load_state("networkidle")  # what the page asks for, it has asked for
    assert not [u for u in requests if "b.png" in u or urlparse(u).port == 9]


def test_a_page_load_requests_nothing_from_outside(page, hostile_server):
    base, _ = hostile_server
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).hostname or r.url.split(":", 1)[0]))
    sign_in(page, base, "staff")
    for path in ("/", "/bids", "/outcomes"):
        page.goto(base + path)
        wait_for_app(page)
        # the favicon and fonts are asked for after the first paint: wait until none is pending
        page.wait_for_load_state("networkidle")
    assert page.locator("link[rel='shortcut icon']").get_attribute("href").startswith("data:")
    assert hosts <= {"127.0.0.1", "data"}, hosts


def test_a_long_check_of_a_big_workbook_shows_progress_and_can_be_cancelled(page, hostile_server):
    import re

    from tests import hostile_files as hf

    base, _ = hostile_server
    data = hf.xlsx_bytes(hf.mentee_rows(150_000), width=8, height=150_001)
    assert len(data) > 1_000_000
    sign_in(page, base, "staff")
    page.goto(f"{base}/upload")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    page.get_by_test_id("stSelectbox").filter(has_text="What is in the file?").click()
    page.get_by_role("option", name=re.compile("^mentees")).first.click()
    wait_for_app(page)
    page.get_by_test_id("stSelectbox").filter(has_text="Cohort").click()
    page.get_by_role("option", name="Cohort 2 (2021-22)", exact=True).first.click()
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "big.xlsx", "buffer": data,
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    bar = main.get_by_test_id("stProgress")
    bar.get_by_text(re.compile(r"Reading the workbook's sheet 'Sheet1': [\d,]+ "
                               r"rows of 150,001")).wait_for(timeout=60_000)
    main.get_by_role("button", name="Cancel").click()
    main.get_by_text("Checking this file was cancelled").wait_for(timeout=30_000)
    wait_for_app(page)
    assert main.get_by_role("button", name="Check it again").is_visible()
    assert bar.count() == 0 and main.get_by_test_id("stMetric").count() == 0
